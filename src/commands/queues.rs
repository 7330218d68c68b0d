//! `queuectl queues`: the queues under the prefix, one line each.

use serde::Serialize;

use super::stats::{collect, run_state};
use super::Ctx;
use crate::cli::QueuesArgs;
use crate::error::Exit;
use crate::output::{Human, Render, Table};
use crate::queues::stats::QueueStats;

#[derive(Debug, Serialize)]
struct QueuesReport {
    prefix: String,
    queues: Vec<QueueStats>,
}

impl Render for QueuesReport {
    fn render(&self, out: &mut Human) {
        if self.queues.is_empty() {
            out.line(format!("no queues under prefix '{}'", self.prefix));
            return;
        }
        let mut t = Table::new(&["QUEUE", "STATE", "SUMMARY"]);
        for q in &self.queues {
            let c = &q.counts;
            let ready = c.waiting + c.prioritized;
            let summary = format!(
                "{ready} ready, {} active, {} delayed, {} failed, {} completed",
                c.active, c.delayed, c.failed, c.completed
            );
            t.row(vec![q.name.as_str().into(), run_state(q), summary.into()]);
        }
        out.table(t);
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, _args: QueuesArgs) -> anyhow::Result<Exit> {
    let redis = ctx.redis().await?;
    let stats = collect(ctx, &redis, &[], false).await?;
    let report = QueuesReport {
        prefix: redis.prefix().to_string(),
        queues: stats.queues,
    };
    ctx.out.print(&report)?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use crate::queues::stats::Counts;

    #[test]
    fn queues_summary() {
        let counts = Counts {
            waiting: 5,
            prioritized: 2,
            active: 1,
            delayed: 3,
            failed: 4,
            completed: 10,
            ..Counts::default()
        };
        let report = QueuesReport {
            prefix: "bull".into(),
            queues: vec![
                QueueStats {
                    name: "scrape-queue".into(),
                    paused: false,
                    counts,
                    oldest_waiting_age_ms: None,
                    limits: Default::default(),
                    held_by: None,
                    exists: true,
                },
                QueueStats {
                    name: "tab\there\x07".into(),
                    paused: true,
                    counts: Counts::default(),
                    oldest_waiting_age_ms: None,
                    limits: Default::default(),
                    held_by: None,
                    exists: true,
                },
            ],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn queues_none_under_the_prefix() {
        let report = QueuesReport {
            prefix: "my\nprefix".into(),
            queues: vec![],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
