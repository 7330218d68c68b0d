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
use super::policy::{RetryDelay, RetryPolicy};
use super::scrape::{self, ScrapeSettings};
use super::{usage, DeadLetter, Event};
use crate::connection::Redis;
use crate::queues::job_metrics::{JobMetrics, RssOf};
use crate::queues::maintenance::{self, Retention};
use crate::queues::vocab::{JobFamily, Percent, ROUTES};

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

/// Which handlers write a metrics line into the job's log after each attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetricsLog {
    /// Every handler but `echo` and `sleep`, whose line would cost one more
    /// Redis round trip per job for nothing worth measuring.
    #[default]
    Auto,
    All,
    Off,
}

impl MetricsLog {
    fn wants(self, handler: &Handler) -> bool {
        match self {
            MetricsLog::All => true,
            MetricsLog::Off => false,
            MetricsLog::Auto => !matches!(handler, Handler::Echo | Handler::Sleep),
        }
    }
}

/// Handlers by job name, with an optional catch-all (`--exec '*=…'`).
#[derive(Debug, Clone)]
pub struct Handlers {
    by_name: HashMap<String, Handler>,
    fallback: Option<Handler>,
}

impl Default for Handlers {
    fn default() -> Self {
        let routed = ROUTES.iter().filter(|r| r.built_in).map(|r| {
            let handler = match r.family {
                JobFamily::Scrape => Handler::Scrape,
                JobFamily::Maintenance | JobFamily::Process => Handler::Maintenance,
            };
            (r.name, handler)
        });
        let by_name = [("echo", Handler::Echo), ("sleep", Handler::Sleep)]
            .into_iter()
            .chain(routed)
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
    pub retry: RetryPolicy,
    pub metrics: MetricsLog,
    /// Cancelled when the worker starts shutting down: ends retry holds.
    pub shutdown: CancellationToken,
}

/// Processes one job: picks the handler, applies the timeout, writes the
/// metrics line, reports events and holds a failed attempt for the retry
/// policy's delay when BullMQ would not delay it (see `policy`).
pub async fn process(
    mut job: Job,
    token: CancellationToken,
    ctx: JobContext,
) -> Result<Value, bullmq::Error> {
    let _ = ctx.events.send(Event::started(&ctx.queue, &job));
    let Some(handler) = ctx.handlers.find(job.name()).cloned() else {
        let e =
            bullmq::Error::Unrecoverable(format!("no handler for {} in this worker", job.name()));
        report_failure(&job, &ctx, &e, None).await;
        return Err(e);
    };
    let started = Instant::now();
    let mut metrics = JobMetrics {
        duration_ms: 0,
        cpu_ms: None,
        peak_rss_kib: None,
        rss_of: RssOf::Worker,
        exit: None,
    };
    let timeout = ctx.timeout;
    let run = run_handler(&handler, &mut job, &ctx, &mut metrics);
    let result = tokio::select! {
        result = tokio::time::timeout(timeout, run) => match result {
            Ok(result) => result,
            Err(_) => Err(bullmq::Error::ProcessingError(format!("timed out after {}", humantime::format_duration(timeout)))),
        },
        _ = token.cancelled() => Err(bullmq::Error::ProcessingError("cancelled: the worker is shutting down".into())),
    };
    if ctx.metrics.wants(&handler) {
        write_metrics(&job, metrics, started.elapsed()).await;
    }
    if let Err(e) = &result {
        let retry = super::will_retry(&job, e).then(|| {
            let attempt = job.attempts_made() + 1;
            ctx.retry
                .delay(job.name(), job.opts().backoff.as_ref(), attempt)
        });
        report_failure(&job, &ctx, e, retry.as_ref()).await;
        if let Some(retry) = retry {
            hold(retry.hold, &token, &ctx.shutdown).await;
        }
    }
    result
}

/// Completes the metrics of an attempt and adds them to the job's log.
async fn write_metrics(job: &Job, mut metrics: JobMetrics, wall: Duration) {
    metrics.duration_ms = wall.as_millis() as u64;
    if metrics.rss_of == RssOf::Worker {
        metrics.peak_rss_kib = usage::worker_peak_rss_kib();
    }
    let _ = job.log(&metrics.to_line()).await;
}

/// Waits out the part of a retry delay BullMQ will not apply, keeping the job
/// (and its lock) active; shutting down ends the wait early, and BullMQ then
/// retries the job at once.
async fn hold(wait: Duration, token: &CancellationToken, shutdown: &CancellationToken) {
    if wait.is_zero() {
        return;
    }
    tokio::select! {
        _ = tokio::time::sleep(wait) => {}
        _ = token.cancelled() => {}
        _ = shutdown.cancelled() => {}
    }
}

/// Sends the failure event and, when the job fails for good, the dead-letter record.
async fn report_failure(
    job: &Job,
    ctx: &JobContext,
    error: &bullmq::Error,
    retry: Option<&RetryDelay>,
) {
    let event = Event::failure(&ctx.queue, job, error, retry);
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
    metrics: &mut JobMetrics,
) -> Result<Value, bullmq::Error> {
    match handler {
        Handler::Echo => Ok(job.data().clone()),
        Handler::Sleep => {
            let ms = job.data().get("ms").and_then(Value::as_u64).unwrap_or(0);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            Ok(json!({ "slept": ms }))
        }
        Handler::Exec(command) => run_exec(command, job, ctx, metrics).await,
        Handler::Scrape => {
            let kind = scrape::kind_of(job.name(), job.data()).ok_or_else(|| {
                bullmq::Error::Unrecoverable(
                    "data.type must be single-page, full-crawl or refresh".into(),
                )
            })?;
            scrape::run(kind, job, ctx, metrics).await
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

async fn run_exec(
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
            let percent = json!(Percent(percent));
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
