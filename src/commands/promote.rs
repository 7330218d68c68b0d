//! `queuectl promote`: move delayed jobs to waiting now.

use serde::Serialize;

use super::Ctx;
use crate::cli::PromoteArgs;
use crate::error::Exit;
use crate::output::{Human, Render};
use crate::queues::control::{self, Refused};

/// The promote document (`--json`); `ids` and the rest are absent with `--all`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PromoteReport {
    pub promoted: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_found: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_delayed: Option<Vec<Refused>>,
}

impl Render for PromoteReport {
    fn render(&self, out: &mut Human) {
        out.line(format!("promoted {} jobs", self.promoted));
        for id in self.not_found.iter().flatten() {
            out.line(format!("not found: {id}"));
        }
        for r in self.not_delayed.iter().flatten() {
            out.line(format!("not promoted: {} ({})", r.id, r.reason));
        }
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: PromoteArgs) -> anyhow::Result<Exit> {
    ctx.check_queue(&args.queue)?;
    let redis = ctx.redis().await?;
    if args.all {
        let promoted = control::promote_all(&redis, &args.queue).await?;
        ctx.out.print(&PromoteReport {
            promoted,
            ids: None,
            not_found: None,
            not_delayed: None,
        })?;
        return Ok(Exit::Ok);
    }
    let outcome = control::promote(&redis, &args.queue, &args.ids).await?;
    let clean = outcome.not_found.is_empty() && outcome.failed.is_empty();
    let missed = outcome.not_found.len() + outcome.failed.len();
    ctx.out.print(&PromoteReport {
        promoted: outcome.done.len() as u64,
        ids: Some(outcome.done),
        not_found: Some(outcome.not_found),
        not_delayed: Some(outcome.failed),
    })?;
    if clean {
        return Ok(Exit::Ok);
    }
    anyhow::bail!("{missed} of {} jobs were not promoted", args.ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn promote_by_ids_and_all() {
        let by_ids = PromoteReport {
            promoted: 2,
            ids: Some(vec!["1".into(), "2".into()]),
            not_found: Some(vec!["9\n10".into()]),
            not_delayed: Some(vec![Refused {
                id: "3".into(),
                reason: "job is waiting, not delayed".into(),
            }]),
        };
        let all = PromoteReport {
            promoted: 40,
            ids: None,
            not_found: None,
            not_delayed: None,
        };
        let text = render_human(&by_ids, false) + &render_human(&all, false);
        insta::assert_snapshot!(text);
    }
}
