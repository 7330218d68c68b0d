//! `queuectl health`: the queue-health report, once or every interval, with
//! exit codes for cron, CI and probes (0 healthy, 1 issues, 3 Redis unreachable).

use super::{fmt_age, Ctx};
use crate::cli::HealthArgs;
use crate::connection::{ConnectError, Redis};
use crate::error::{self, Exit};
use crate::output::{escape, Cell, Human, Render, Table, Tone};
use crate::queues::health::{self, Report, Status, Thresholds};
use crate::queues::now_ms;

impl Render for Report {
    fn render(&self, out: &mut Human) {
        render_queues(self, out);
        render_workers(self, out);
        for issue in &self.issues {
            let scope = issue.queue.as_deref().unwrap_or("redis");
            out.styled(format!(
                "{}: {}",
                out.bold(scope),
                escape::line(&issue.message)
            ));
        }
        match self.issues.len() {
            0 => out.styled(out.green("healthy")),
            1 => out.styled(out.red("1 issue")),
            n => out.styled(out.red(&format!("{n} issues"))),
        }
    }
}

fn render_queues(report: &Report, out: &mut Human) {
    if report.queues.is_empty() {
        out.line("no queues found");
        return;
    }
    let mut t = Table::new(&[
        "QUEUE",
        "STATUS",
        "WAITING",
        "ACTIVE",
        "FAILED",
        "DELAYED",
        "OLDEST WAIT",
        "WORKERS",
        "BULLMQ WORKERS",
    ])
    .right_align(&[2, 3, 4, 5, 6, 7, 8]);
    for q in &report.queues {
        let status = match q.status {
            Status::Healthy => Cell::new("healthy", Tone::Green),
            Status::Degraded => Cell::new("degraded", Tone::Yellow),
            Status::Down => Cell::new("down", Tone::Red),
        };
        let m = &q.metrics;
        t.row(vec![
            q.name.as_str().into(),
            status,
            m.waiting.to_string().into(),
            m.active.to_string().into(),
            m.failed.to_string().into(),
            m.delayed.to_string().into(),
            q.oldest_waiting_age_ms
                .map(fmt_age)
                .unwrap_or_else(|| "-".into())
                .into(),
            q.workers.to_string().into(),
            q.bullmq_workers
                .map(|n| n.to_string())
                .unwrap_or_else(|| "unavailable".into())
                .into(),
        ]);
    }
    out.table(t);
}

fn render_workers(report: &Report, out: &mut Human) {
    if report.workers.is_empty() {
        out.line("no queuectl workers (heartbeats)");
        return;
    }
    let mut t =
        Table::new(&["WORKER", "STATUS", "CURRENT JOB", "PROCESSED", "QUEUES"]).right_align(&[3]);
    for w in &report.workers {
        t.row(vec![
            w.id.clone(),
            w.status.clone(),
            w.current_job.clone().unwrap_or_else(|| "-".into()),
            w.processed_jobs.to_string(),
            w.queues.join(","),
        ]);
    }
    out.table(t);
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: HealthArgs) -> anyhow::Result<Exit> {
    let redis = ctx.redis().await?;
    let thresholds = Thresholds {
        max_failed: args.max_failed,
        max_waiting: args.max_waiting,
        max_wait_age: args.max_wait_age,
        max_latency: args.max_latency,
        max_memory_percent: args.max_memory_percent,
        max_events_factor: args.max_events_factor,
    };
    let Some(interval) = args.watch else {
        let report = check(ctx, &redis, &args.queues, &thresholds, true).await?;
        return Ok(show(ctx, &report)?);
    };
    // One listener for the whole watch, so a Ctrl-C during a check is not missed.
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    let mut last = Exit::Interrupted;
    let mut first = true;
    loop {
        let round = check(ctx, &redis, &args.queues, &thresholds, first);
        tokio::select! {
            result = round => last = watched(ctx, result)?,
            _ = &mut interrupted => return Ok(last),
        }
        first = false;
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = &mut interrupted => return Ok(last),
        }
    }
}

/// Shows one watched check; a failed one is reported and watching goes on.
fn watched(ctx: &Ctx, result: anyhow::Result<Report>) -> std::io::Result<Exit> {
    match result {
        Ok(report) => {
            ctx.out.clear_screen()?;
            show(ctx, &report)
        }
        Err(err) => {
            let exit = error::exit_for(&err);
            ctx.out.error(&format!("{err:#}"), error::code_name(exit));
            Ok(exit)
        }
    }
}

/// One check. A failing command means Redis stopped answering (exit 3).
async fn check(
    ctx: &Ctx,
    redis: &Redis,
    queues: &[String],
    thresholds: &Thresholds,
    first: bool,
) -> anyhow::Result<Report> {
    let report = health::check(redis, queues, thresholds, now_ms())
        .await
        .map_err(|e| lost(redis, e))?;
    if first {
        for q in report.queues.iter().filter(|q| !q.exists) {
            ctx.out.warn(&format!(
                "queue '{}' has no keys under prefix '{}' (showing zeros)",
                q.name,
                redis.prefix()
            ));
        }
        for note in &report.notes {
            ctx.out.note(note);
        }
    }
    Ok(report)
}

/// A dropped or timed-out connection is "Redis unreachable" (exit 3), as at
/// connect time; any other failure stays a runtime failure (exit 1).
fn lost(redis: &Redis, err: bullmq::Error) -> anyhow::Error {
    match &err {
        bullmq::Error::Redis(e)
            if e.is_io_error() || e.is_timeout() || e.is_connection_dropped() =>
        {
            ConnectError::Unreachable {
                target: redis.target().to_string(),
                reason: e.to_string(),
                hint: String::new(),
            }
            .into()
        }
        _ => anyhow::Error::new(err).context("health check failed"),
    }
}

fn show(ctx: &Ctx, report: &Report) -> std::io::Result<Exit> {
    ctx.out.print(report)?;
    Ok(if report.is_healthy {
        Exit::Ok
    } else {
        Exit::Failure
    })
}
