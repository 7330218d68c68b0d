//! `queuectl pause`: stop workers taking new jobs from queues (active ones
//! finish). Also holds the report shared with `resume`.

use serde::Serialize;

use super::Ctx;
use crate::cli::PauseArgs;
use crate::error::Exit;
use crate::output::{Human, Render, Table};
use crate::queues::control::{self, PauseState};
use crate::queues::discovery;

/// A queue that could not be paused or resumed.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub queue: String,
    pub error: String,
}

/// The pause/resume document (`--json`).
#[derive(Debug, Serialize)]
pub struct PauseReport {
    pub queues: Vec<PauseState>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

impl Render for PauseReport {
    fn render(&self, out: &mut Human) {
        let mut t = Table::new(&["QUEUE", "STATE", "CHANGED"]);
        for q in &self.queues {
            let state = if q.paused { "paused" } else { "running" };
            let changed = if q.changed { "yes" } else { "no (already)" };
            t.row(vec![q.queue.clone(), state.into(), changed.into()]);
        }
        out.table(t);
    }
}

/// Runs `queuectl pause`.
pub async fn run(ctx: &Ctx, args: PauseArgs) -> anyhow::Result<Exit> {
    set_all(ctx, args, true).await
}

/// Pauses or resumes every target, continuing past failures; exits 1 naming them.
/// An unknown queue name fails the whole command before anything changes.
pub(super) async fn set_all(ctx: &Ctx, args: PauseArgs, pause: bool) -> anyhow::Result<Exit> {
    for q in &args.queues {
        ctx.check_queue(q)?;
    }
    let redis = ctx.redis().await?;
    let names = if args.all {
        discovery::discover(&redis).await?
    } else {
        // Every name is checked before anything changes: a typo pauses nothing.
        for q in &args.queues {
            control::require(&redis, q).await?;
        }
        args.queues
    };
    if names.is_empty() {
        ctx.out
            .note(&format!("no queues under prefix '{}'", redis.prefix()));
    }
    let mut report = PauseReport {
        queues: Vec::new(),
        failures: Vec::new(),
    };
    let mut first_error = None;
    for name in names {
        match control::set_paused(&redis, &name, pause).await {
            Ok(state) => report.queues.push(state),
            Err(e) => {
                report.failures.push(Failure {
                    queue: name,
                    error: e.to_string(),
                });
                first_error.get_or_insert(e);
            }
        }
    }
    ctx.out.print(&report)?;
    let Some(first) = first_error else {
        return Ok(Exit::Ok);
    };
    let doing = if pause { "pausing" } else { "resuming" };
    let names: Vec<&str> = report.failures.iter().map(|f| f.queue.as_str()).collect();
    // The first error itself stays in the chain, so a lost connection exits 3.
    Err(anyhow::Error::from(first).context(format!("{doing} {}", names.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn pause_table() {
        let state = |queue: &str, paused, changed| PauseState {
            queue: queue.into(),
            paused,
            changed,
        };
        let report = PauseReport {
            queues: vec![
                state("scrape-queue", true, true),
                state("email", true, false),
                state("q\x1b[2J", false, true),
            ],
            failures: vec![Failure {
                queue: "gone".into(),
                error: "connection lost".into(),
            }],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
