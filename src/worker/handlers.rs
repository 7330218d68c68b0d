//! Job handlers chosen by job name: the built-ins (`echo`, `sleep`) and
//! external commands (`--exec NAME=COMMAND`), with the job timeout applied.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bullmq::worker::CancellationToken;
use bullmq::{Job, JobProgress};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::exec::{self, Invocation, Line, UNRECOVERABLE_EXIT};
use super::scrape::{self, ScrapeSettings};
use super::{DeadLetter, Event};
use crate::connection::Redis;
use crate::queues::maintenance::{self, Retention};

/// Progress updates sent to Redis at most this often (the last one always goes).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What runs a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handler {
    /// Returns the job's data.
    Echo,
    /// Sleeps `data.ms` milliseconds, then returns `{"slept": ms}`.
    Sleep,
    /// Runs a shell command.
    Exec(String),
    /// Crawls `data.url` (single-page, full-crawl, refresh, scrape-website).
    Scrape,
    /// Applies the retention policy to `data.queues` (default: every queue).
    Maintenance,
}

/// Handlers by job name, with an optional catch-all (`--exec '*=…'`).
#[derive(Debug, Clone)]
pub struct Handlers {
    by_name: HashMap<String, Handler>,
    fallback: Option<Handler>,
}

impl Default for Handlers {
    fn default() -> Self {
        let builtins = [
            ("echo", Handler::Echo),
            ("sleep", Handler::Sleep),
            ("single-page", Handler::Scrape),
            ("full-crawl", Handler::Scrape),
            ("refresh", Handler::Scrape),
            ("scrape-website", Handler::Scrape),
            ("maintenance", Handler::Maintenance),
            ("daily-maintenance", Handler::Maintenance),
        ];
        let by_name = builtins
            .into_iter()
            .map(|(n, h)| (n.to_string(), h))
            .collect();
        Self {
            by_name,
            fallback: None,
        }
    }
}

impl Handlers {
    /// Registers `--exec NAME=COMMAND`; `*` catches every other name.
    pub fn add_exec(&mut self, name: &str, command: &str) {
        let handler = Handler::Exec(command.to_string());
        if name == "*" {
            self.fallback = Some(handler);
        } else {
            self.by_name.insert(name.to_string(), handler);
        }
    }

    /// The handler for a job name.
    pub fn find(&self, name: &str) -> Option<&Handler> {
        self.by_name.get(name).or(self.fallback.as_ref())
    }
}

/// Everything a running job needs besides the job itself.
#[derive(Clone)]
pub struct JobContext {
    pub handlers: Arc<Handlers>,
    pub queue: String,
    pub timeout: Duration,
    pub events: mpsc::UnboundedSender<Event>,
    pub dead_letter: Option<Arc<DeadLetter>>,
    pub scrape: ScrapeSettings,
    pub redis: Arc<Redis>,
}

/// Processes one job: picks the handler, applies the timeout, reports events.
pub async fn process(
    mut job: Job,
    token: CancellationToken,
    ctx: JobContext,
) -> Result<Value, bullmq::Error> {
    let _ = ctx.events.send(Event::started(&ctx.queue, &job));
    let Some(handler) = ctx.handlers.find(job.name()).cloned() else {
        let e =
            bullmq::Error::Unrecoverable(format!("no handler for {} in this worker", job.name()));
        report_failure(&job, &ctx, &e).await;
        return Err(e);
    };
    let timeout = ctx.timeout;
    let run = run_handler(&handler, &mut job, &ctx);
    let result = tokio::select! {
        result = tokio::time::timeout(timeout, run) => match result {
            Ok(result) => result,
            Err(_) => Err(bullmq::Error::ProcessingError(format!("timed out after {}", humantime::format_duration(timeout)))),
        },
        _ = token.cancelled() => Err(bullmq::Error::ProcessingError("cancelled: the worker is shutting down".into())),
    };
    if let Err(e) = &result {
        report_failure(&job, &ctx, e).await;
    }
    result
}

/// Sends the failure event and, when the job fails for good, the dead-letter record.
async fn report_failure(job: &Job, ctx: &JobContext, error: &bullmq::Error) {
    let event = Event::failure(&ctx.queue, job, error);
    if let (Event::Failed { .. }, Some(dl)) = (&event, &ctx.dead_letter) {
        let record = json!({
            "jobId": job.id(),
            "name": job.name(),
            "queue": ctx.queue,
            "data": job.data(),
            "error": error.to_string(),
            "stack": [],
            "timestamp": crate::queues::now_ms(),
            "attemptsMade": job.attempts_made() + 1,
        });
        if let Err(e) = dl.redis.push_record(&dl.key, &record.to_string()).await {
            let message = format!("dead-letter list {}: {e}", dl.key);
            let _ = ctx.events.send(Event::Error {
                queue: ctx.queue.clone(),
                message,
            });
        }
    }
    let _ = ctx.events.send(event);
}

async fn run_handler(
    handler: &Handler,
    job: &mut Job,
    ctx: &JobContext,
) -> Result<Value, bullmq::Error> {
    match handler {
        Handler::Echo => Ok(job.data().clone()),
        Handler::Sleep => {
            let ms = job.data().get("ms").and_then(Value::as_u64).unwrap_or(0);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            Ok(json!({ "slept": ms }))
        }
        Handler::Exec(command) => run_exec(command, job, ctx).await,
        Handler::Scrape => {
            let kind = scrape::Kind::of(job.name(), job.data()).ok_or_else(|| {
                bullmq::Error::Unrecoverable(
                    "data.type must be single-page, full-crawl or refresh".into(),
                )
            })?;
            scrape::run(kind, job, ctx).await
        }
        Handler::Maintenance => run_maintenance(job, ctx).await,
    }
}

async fn run_maintenance(job: &Job, ctx: &JobContext) -> Result<Value, bullmq::Error> {
    let data = job.data();
    let queues: Vec<String> = data
        .get("queues")
        .and_then(Value::as_array)
        .map(|qs| {
            qs.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let policy = retention(data).map_err(bullmq::Error::Unrecoverable)?;
    let cleaned = maintenance::apply(&ctx.redis, &queues, &policy).await?;
    Ok(json!({ "success": true, "queues": cleaned }))
}

/// The default policy, with `completedAge`, `failedAge` (ms or a duration) and
/// `maxEvents` from the job data overriding it.
fn retention(data: &Value) -> Result<Retention, String> {
    let mut policy = Retention::default();
    let age = |key: &str| -> Result<Option<Duration>, String> {
        match data.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .map(|ms| Some(Duration::from_millis(ms)))
                .ok_or(format!("data.{key} must be whole milliseconds")),
            Some(Value::String(s)) => humantime::parse_duration(s)
                .map(Some)
                .map_err(|e| format!("data.{key}: {e}")),
            Some(_) => Err(format!("data.{key} must be milliseconds or a duration")),
        }
    };
    if let Some(d) = age("completedAge")? {
        policy.completed = d;
    }
    if let Some(d) = age("failedAge")? {
        policy.failed = d;
    }
    if let Some(n) = data.get("maxEvents").and_then(Value::as_u64) {
        policy.max_events = n as usize;
    }
    Ok(policy)
}

async fn run_exec(command: &str, job: &mut Job, ctx: &JobContext) -> Result<Value, bullmq::Error> {
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
    let u = outcome.usage;
    let metrics = format!(
        "queuectl: duration {} ms, cpu {} ms, peak rss {} KiB, exit {}",
        u.wall.as_millis(),
        u.cpu.as_millis(),
        u.max_rss_kb,
        describe(outcome.status)
    );
    let _ = job.log(&metrics).await;
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
    pending: Option<Value>,
}

impl Throttle {
    async fn flush(&mut self, job: &mut Job, ctx: &JobContext) {
        if let Some(value) = self.pending.take() {
            send_progress(job, ctx, value).await;
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
            // Progress with a message is an object; BullMQ passes it through as JSON.
            // Whole numbers go out as integers, as Node's JSON.stringify writes them.
            let percent = if percent.fract() == 0.0 {
                json!(percent as i64)
            } else {
                json!(percent)
            };
            let value = match message {
                Some(m) => json!({ "percent": percent, "message": m }),
                None => percent,
            };
            throttle.pending = Some(value);
            let due = throttle
                .last_sent
                .is_none_or(|t| t.elapsed() >= PROGRESS_EVERY);
            if due {
                throttle.flush(job, ctx).await;
            }
        }
    }
}

/// Sets the job's progress in Redis (BullMQ emits the `progress` event) and reports it.
pub(super) async fn send_progress(job: &mut Job, ctx: &JobContext, value: Value) {
    let progress = match &value {
        Value::Number(n) => JobProgress::Number(n.as_f64().unwrap_or(0.0)),
        other => JobProgress::Object(other.clone()),
    };
    let _ = job.update_progress(progress).await;
    let _ = ctx
        .events
        .send(Event::progress(&ctx.queue, job.id(), value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_handlers_by_name_and_fallback() {
        let mut h = Handlers::default();
        assert_eq!(h.find("echo"), Some(&Handler::Echo));
        assert_eq!(h.find("render"), None);
        h.add_exec("render", "make render");
        h.add_exec("*", "handle-any");
        assert_eq!(h.find("render"), Some(&Handler::Exec("make render".into())));
        assert_eq!(h.find("other"), Some(&Handler::Exec("handle-any".into())));
        assert_eq!(h.find("sleep"), Some(&Handler::Sleep));
    }
}
