//! `queuectl drain`: remove every waiting and prioritized (and with
//! `--delayed`, delayed) job of a queue, confirming first.

use serde::Serialize;

use super::Ctx;
use crate::cli::DrainArgs;
use crate::error::Exit;
use crate::output::{Decision, Human, Render};
use crate::queues::control::{self, DrainCounts};

/// The `--dry-run` document.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrainPreview {
    pub matched: u64,
    pub by_state: DrainCounts,
}

impl Render for DrainPreview {
    fn render(&self, out: &mut Human) {
        let c = &self.by_state;
        let mut parts = vec![
            format!("{} waiting", c.waiting),
            format!("{} prioritized", c.prioritized),
        ];
        if let Some(d) = c.delayed {
            parts.push(format!("{d} delayed"));
        }
        out.line(format!(
            "would remove {} jobs ({}) (dry run: nothing changed)",
            self.matched,
            parts.join(", ")
        ));
    }
}

/// The drain document (`--json`).
#[derive(Debug, Serialize)]
pub struct DrainReport {
    pub removed: u64,
}

impl Render for DrainReport {
    fn render(&self, out: &mut Human) {
        out.line(format!("removed {} jobs", self.removed));
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: DrainArgs) -> anyhow::Result<Exit> {
    ctx.check_queue(&args.queue)?;
    let redis = ctx.redis().await?;
    let counts = control::drain_counts(&redis, &args.queue, args.delayed).await?;
    if args.confirm.dry_run {
        ctx.out.print(&DrainPreview {
            matched: counts.total(),
            by_state: counts,
        })?;
        return Ok(Exit::Ok);
    }
    let question = format!("Remove {} jobs from {}?", counts.total(), args.queue);
    if ctx.out.confirm(&question, args.confirm.yes)? == Decision::Declined {
        ctx.out.note("nothing changed");
        return Ok(Exit::Ok);
    }
    let removed = control::drain(&redis, &args.queue, args.delayed).await?;
    ctx.out.print(&DrainReport { removed })?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn drain_preview_with_and_without_delayed() {
        let mut text = String::new();
        for delayed in [None, Some(4)] {
            let counts = DrainCounts {
                waiting: 10,
                prioritized: 2,
                delayed,
            };
            let preview = DrainPreview {
                matched: counts.total(),
                by_state: counts,
            };
            text.push_str(&render_human(&preview, false));
        }
        insta::assert_snapshot!(text);
    }

    #[test]
    fn drain_report() {
        insta::assert_snapshot!(render_human(&DrainReport { removed: 12 }, false));
    }
}
