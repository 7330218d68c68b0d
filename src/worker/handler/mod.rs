//! The handler registry: picks a job's handler by name (the built-ins, scrape,
//! maintenance, `--exec NAME=COMMAND`) and runs it with the job timeout,
//! metrics line, failure events and retry hold applied. Each handler module
//! imports only the worker's leaves, never another handler.

mod builtin;
mod exec;
mod maintenance;
mod scrape;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bullmq::worker::CancellationToken;
use bullmq::Job;
use serde_json::{json, Value};

use super::context::JobContext;
use super::event::Event;
use super::policy::{self, RetryDelay};
use super::usage;
use crate::queues::job_metrics::{JobMetrics, RssOf};
use crate::queues::vocab::{JobFamily, ROUTES};

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

impl Handler {
    /// `echo` and `sleep`, which run inside the worker and cost nothing to measure.
    fn is_built_in(&self) -> bool {
        matches!(self, Handler::Echo | Handler::Sleep)
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

/// Processes one job: picks the handler, applies the timeout, writes the
/// metrics line, reports events and holds a failed attempt for the retry
/// policy's delay when BullMQ would not delay it (see `policy`).
pub async fn process(
    mut job: Job,
    token: CancellationToken,
    handlers: &Handlers,
    ctx: &JobContext,
) -> Result<Value, bullmq::Error> {
    if let Some(result) = ctx.unfinished.result(&ctx.queue, &job) {
        let _ = ctx.events.send(Event::Recovered {
            queue: ctx.queue.clone(),
            job_id: job.id().to_string(),
        });
        return Ok(result);
    }
    let _ = ctx.events.send(Event::started(&ctx.queue, &job));
    let Some(handler) = handlers.find(job.name()).cloned() else {
        let e =
            bullmq::Error::Unrecoverable(format!("no handler for {} in this worker", job.name()));
        report_failure(&job, ctx, &e, None).await;
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
    let run = run_handler(&handler, &mut job, ctx, &mut metrics);
    let result = tokio::select! {
        result = tokio::time::timeout(timeout, run) => match result {
            Ok(result) => result,
            Err(_) => Err(bullmq::Error::ProcessingError(format!("timed out after {}", humantime::format_duration(timeout)))),
        },
        _ = token.cancelled() => Err(bullmq::Error::ProcessingError("cancelled: the worker is shutting down".into())),
    };
    if ctx.metrics.wants(handler.is_built_in()) {
        write_metrics(&job, metrics, started.elapsed()).await;
    }
    if let Ok(value) = &result {
        ctx.unfinished.keep(&ctx.queue, &job, value);
    }
    if let Err(e) = &result {
        let retry = policy::will_retry(&job, e).then(|| {
            let attempt = job.attempts_made() + 1;
            ctx.retry
                .delay(job.name(), job.opts().backoff.as_ref(), attempt)
        });
        report_failure(&job, ctx, e, retry.as_ref()).await;
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
        Handler::Echo => Ok(builtin::echo(job)),
        Handler::Sleep => Ok(builtin::sleep(job).await),
        Handler::Exec(command) => exec::run(command, job, ctx, metrics).await,
        Handler::Scrape => scrape::run(job, ctx, metrics).await,
        Handler::Maintenance => maintenance::run(job, ctx).await,
    }
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
