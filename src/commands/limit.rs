//! `queuectl limit`: show or change a queue's global concurrency and global
//! rate limit (BullMQ's, honoured by every worker of the queue).

use super::Ctx;
use crate::cli::LimitArgs;
use crate::error::Exit;
use crate::output::{Human, Render, Table};
use crate::queues::limit::{self, LimitState};

impl Render for LimitState {
    fn render(&self, out: &mut Human) {
        let mut t = Table::new(&["QUEUE", "CONCURRENCY", "RATE", "CHANGED"]);
        let concurrency = self.limits.concurrency.map(|n| n.to_string());
        let rate = self.limits.rate.map(|r| {
            let per = humantime::format_duration(std::time::Duration::from_millis(r.duration));
            format!("{} per {per}", r.max)
        });
        let none = || "none".to_string();
        let changed = if self.changed { "yes" } else { "no" };
        t.row(vec![
            self.queue.clone(),
            concurrency.unwrap_or_else(none),
            rate.unwrap_or_else(none),
            changed.to_string(),
        ]);
        out.table(t);
    }
}

/// Runs the command: reads only when no change is asked for.
pub async fn run(ctx: &Ctx, args: LimitArgs) -> anyhow::Result<Exit> {
    ctx.check_queue(&args.queue)?;
    let redis = ctx.redis().await?;
    let change = args.change();
    let state = if change.is_none() {
        limit::read(&redis, &args.queue).await?
    } else {
        limit::apply(&redis, &args.queue, change).await?
    };
    ctx.out.print(&state)?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use crate::queues::limit::{Limits, Rate};

    #[test]
    fn limit_table() {
        let state = LimitState {
            queue: "scrape\x1b[2J".into(),
            limits: Limits {
                concurrency: Some(4),
                rate: Some(Rate {
                    max: 10,
                    duration: 1500,
                }),
            },
            changed: true,
        };
        insta::assert_snapshot!(render_human(&state, false));
        let bare = LimitState {
            queue: "q".into(),
            limits: Limits::default(),
            changed: false,
        };
        insta::assert_snapshot!(render_human(&bare, false));
    }
}
