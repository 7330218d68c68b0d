//! The `--exec NAME=COMMAND` handler: runs the command through the child
//! protocol of `worker::exec`, forwarding its logs and progress to the job.

use std::time::{Duration, Instant};

use bullmq::Job;
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::queues::job_metrics::{JobMetrics, RssOf};
use crate::queues::vocab::Progress;
use crate::worker::context::{send_progress, JobContext};
use crate::worker::exec::{self, Invocation, Line, UNRECOVERABLE_EXIT};

/// Progress updates sent to Redis at most this often (the last one always goes).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Runs `command` with the job on stdin; its stdout lines become logs and progress.
pub async fn run(
    command: &str,
    job: &mut Job,
    ctx: &JobContext,
    metrics: &mut JobMetrics,
) -> Result<Value, bullmq::Error> {
    // Set first: a command killed by the timeout still reports as a command.
    metrics.rss_of = RssOf::Command;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let inv = Invocation {
        command,
        stdin_json: job_json(job, &ctx.queue).to_string(),
        env: vec![
            ("QUEUECTL_JOB_ID", job.id().to_string()),
            ("QUEUECTL_JOB_NAME", job.name().to_string()),
            ("QUEUECTL_QUEUE", ctx.queue.clone()),
        ],
    };
    let running = exec::run(inv, tx);
    tokio::pin!(running);
    let mut throttle = Throttle::default();
    let outcome = loop {
        tokio::select! {
            done = &mut running => break done,
            Some(line) = rx.recv() => apply_line(job, ctx, line, &mut throttle).await,
        }
    };
    while let Ok(line) = rx.try_recv() {
        apply_line(job, ctx, line, &mut throttle).await;
    }
    throttle.flush(job, ctx).await;
    let outcome = outcome.map_err(|e| bullmq::Error::ProcessingError(e.to_string()))?;
    metrics.cpu_ms = Some(outcome.usage.cpu.as_millis() as u64);
    metrics.peak_rss_kib = Some(outcome.usage.max_rss_kb);
    metrics.exit = Some(describe(outcome.status));
    match outcome.status.code() {
        Some(0) => Ok(outcome.result.unwrap_or(Value::Null)),
        Some(UNRECOVERABLE_EXIT) => Err(bullmq::Error::Unrecoverable(reason(
            &outcome.stderr_tail,
            outcome.status,
        ))),
        _ => Err(bullmq::Error::ProcessingError(reason(
            &outcome.stderr_tail,
            outcome.status,
        ))),
    }
}

fn describe(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => code.to_string(),
        (None, Some(sig)) => format!("signal {sig}"),
        _ => "unknown".into(),
    }
}

fn reason(stderr_tail: &str, status: std::process::ExitStatus) -> String {
    let last = stderr_tail.lines().last().unwrap_or("").trim();
    if last.is_empty() {
        format!("command exited with {}", describe(status))
    } else {
        format!("command exited with {}: {stderr_tail}", describe(status))
    }
}

/// The job as a command sees it on stdin.
fn job_json(job: &Job, queue: &str) -> Value {
    json!({
        "id": job.id(),
        "name": job.name(),
        "data": job.data(),
        "opts": job.opts(),
        "attemptsMade": job.attempts_made(),
        "queue": queue,
    })
}

/// Sends progress at most every `PROGRESS_EVERY`, keeping the newest for the end.
#[derive(Default)]
struct Throttle {
    last_sent: Option<Instant>,
    pending: Option<Progress>,
}

impl Throttle {
    async fn flush(&mut self, job: &mut Job, ctx: &JobContext) {
        if let Some(progress) = self.pending.take() {
            send_progress(job, ctx, progress).await;
            self.last_sent = Some(Instant::now());
        }
    }
}

async fn apply_line(job: &mut Job, ctx: &JobContext, line: Line, throttle: &mut Throttle) {
    match line {
        Line::Log(text) => {
            let _ = job.log(&text).await;
        }
        Line::Progress { percent, message } => {
            throttle.pending = Some(Progress::at(percent, message));
            let due = throttle
                .last_sent
                .is_none_or(|t| t.elapsed() >= PROGRESS_EVERY);
            if due {
                throttle.flush(job, ctx).await;
            }
        }
    }
}
