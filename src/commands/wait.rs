//! The `--wait` path that `enqueue`, `job` and `crawl --enqueue` share: follow
//! the job, mirror its progress on stderr, print how it ended and pick the exit
//! code (0 completed, 1 failed for good, 5 `--timeout`, 130 Ctrl-C).

use std::cell::RefCell;
use std::io;
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use super::Ctx;
use crate::cli::WaitArgs;
use crate::connection::Redis;
use crate::error::{self, Exit};
use crate::output::{Human, JobWatch, Render};
use crate::queues::events::Event;
use crate::queues::inspect;
use crate::queues::wait::{Outcome, Step, Waiter};

/// How following a job stopped.
enum Stop {
    Ended(Outcome),
    TimedOut(Duration),
    Interrupted,
}

/// Follows job `id` of `queue` from `waiter`'s cursor until it ends.
pub(super) async fn wait_for(
    ctx: &Ctx,
    redis: &Redis,
    waiter: Waiter,
    queue: &str,
    id: &str,
    args: WaitArgs,
) -> anyhow::Result<Exit> {
    let watch = RefCell::new(ctx.out.job_watch(&format!("job {id}")));
    let write_error: RefCell<Option<io::Error>> = RefCell::new(None);
    let deadline = async {
        match args.timeout {
            Some(limit) => tokio::time::sleep(limit).await,
            None => std::future::pending().await,
        }
    };
    let stop = tokio::select! {
        outcome = waiter.follow(redis, id, |event, step| {
            if let Err(e) = show(ctx, &mut watch.borrow_mut(), event, step) {
                write_error.borrow_mut().get_or_insert(e);
            }
        }) => Stop::Ended(outcome?),
        _ = deadline => Stop::TimedOut(args.timeout.unwrap_or_default()),
        _ = tokio::signal::ctrl_c() => Stop::Interrupted,
    };
    watch.borrow().finish();
    if let Some(e) = write_error.take() {
        return Err(e.into());
    }
    match stop {
        Stop::Ended(outcome) => ended(ctx, redis, queue, id, outcome).await,
        Stop::TimedOut(limit) => {
            let limit = humantime::format_duration(limit);
            ctx.out.error(
                &format!("job {id} did not finish within {limit}; it keeps running (see `queuectl job {queue} {id}`)"),
                error::code_name(Exit::Timeout),
            );
            Ok(Exit::Timeout)
        }
        Stop::Interrupted => {
            ctx.out
                .warn(&format!("interrupted: job {id} keeps running in {queue}"));
            Ok(Exit::Interrupted)
        }
    }
}

/// Mirrors one event of the job: NDJSON with `--json`, else the display.
fn show(ctx: &Ctx, watch: &mut JobWatch, event: &Event, step: &Step) -> io::Result<()> {
    if ctx.out.is_json() {
        return ctx.out.json(event);
    }
    match step {
        Step::Active => watch.status("active"),
        Step::Progress(p) => watch.progress(p.percent, p.message.as_deref()),
        Step::Retry { made, max, reason } => watch.status(&format!(
            "retry: attempt {made}/{max} failed: {}",
            one_line(reason)
        )),
        Step::Requeued => watch.status("back to waiting (stalled or rate-limited)"),
        Step::Other if event.event == "stalled" => {
            watch.status("stalled: its worker stopped renewing the lock")
        }
        Step::Finished(_) | Step::Other => {}
    }
    Ok(())
}

/// Prints the outcome: the return value (or, with `--json`, the final job) on
/// stdout; a failure as the error line.
async fn ended(
    ctx: &Ctx,
    redis: &Redis,
    queue: &str,
    id: &str,
    outcome: Outcome,
) -> anyhow::Result<Exit> {
    if ctx.out.is_json() {
        let job = inspect::show(redis, queue, id).await?;
        ctx.out
            .json(&job.unwrap_or_else(|| removed_job(id, &outcome)))?;
    }
    match outcome {
        Outcome::Completed(value) => {
            if !ctx.out.is_json() {
                ctx.out.print(&ReturnValue(value))?;
            }
            Ok(Exit::Ok)
        }
        Outcome::Failed(reason) => {
            anyhow::bail!("job {id} in {queue} failed: {}", one_line(&reason))
        }
        Outcome::Removed => anyhow::bail!("job {id} was removed from {queue} before it finished"),
    }
}

/// What is known of a job that was removed when it finished (removeOnComplete).
fn removed_job(id: &str, outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Completed(v) => json!({ "id": id, "state": "completed", "returnvalue": v }),
        Outcome::Failed(r) => json!({ "id": id, "state": "failed", "failedReason": r }),
        Outcome::Removed => json!({ "id": id, "state": "removed" }),
    }
}

fn one_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

/// The job's return value as JSON text.
#[derive(Serialize)]
#[serde(transparent)]
struct ReturnValue(Value);

impl Render for ReturnValue {
    fn render(&self, out: &mut Human) {
        out.line(self.0.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn return_value_is_one_line_of_json() {
        let value = ReturnValue(json!({"pages": 3, "title": "a\nb\u{1b}[2J"}));
        insta::assert_snapshot!(render_human(&value, false));
    }
}
