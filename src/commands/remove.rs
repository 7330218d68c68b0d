//! `queuectl remove`: remove jobs by id (with their logs), confirming first.

use serde::Serialize;

use super::Ctx;
use crate::cli::RemoveArgs;
use crate::error::Exit;
use crate::output::{Decision, Human, Render};
use crate::queues::control::{self, Refused};

/// The remove document (`--json`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveReport {
    pub removed: Vec<String>,
    pub not_found: Vec<String>,
    pub failed: Vec<Refused>,
}

impl Render for RemoveReport {
    fn render(&self, out: &mut Human) {
        out.line(format!("removed {} jobs", self.removed.len()));
        for id in &self.not_found {
            out.line(format!("not found: {id}"));
        }
        for r in &self.failed {
            out.line(format!("not removed: {} ({})", r.id, r.reason));
        }
    }
}

/// The `--dry-run` document: the ids that exist and would be removed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemovePreview {
    pub matched: usize,
    pub ids: Vec<String>,
    pub not_found: Vec<String>,
}

impl Render for RemovePreview {
    fn render(&self, out: &mut Human) {
        out.line(format!(
            "would remove {} jobs: {} (dry run: nothing changed)",
            self.matched,
            self.ids.join(" ")
        ));
        for id in &self.not_found {
            out.line(format!("not found: {id}"));
        }
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: RemoveArgs) -> anyhow::Result<Exit> {
    ctx.check_queue(&args.queue)?;
    let mut ids = args.ids.clone();
    ids.dedup();
    let redis = ctx.redis().await?;
    control::require(&redis, &args.queue).await?;
    if args.confirm.dry_run {
        let (found, not_found) = control::existing(&redis, &args.queue, &ids).await?;
        ctx.out.print(&RemovePreview {
            matched: found.len(),
            ids: found,
            not_found,
        })?;
        return Ok(Exit::Ok);
    }
    let question = format!("Remove {} jobs from {}?", ids.len(), args.queue);
    if ctx.out.confirm(&question, args.confirm.yes)? == Decision::Declined {
        ctx.out.note("nothing changed");
        return Ok(Exit::Ok);
    }
    let outcome = control::remove(&redis, &args.queue, &ids).await?;
    let missed = outcome.not_found.len() + outcome.failed.len();
    ctx.out.print(&RemoveReport {
        removed: outcome.done,
        not_found: outcome.not_found,
        failed: outcome.failed,
    })?;
    if missed == 0 {
        return Ok(Exit::Ok);
    }
    anyhow::bail!("{missed} of {} jobs were not removed", ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn remove_report() {
        let report = RemoveReport {
            removed: vec!["1".into(), "2".into()],
            not_found: vec!["x\x1b[8m".into()],
            failed: vec![Refused {
                id: "3".into(),
                reason: "job is locked by a worker".into(),
            }],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn remove_preview() {
        let preview = RemovePreview {
            matched: 2,
            ids: vec!["1".into(), "2\n3".into()],
            not_found: vec!["4".into()],
        };
        insta::assert_snapshot!(render_human(&preview, false));
    }
}
