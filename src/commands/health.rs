//! `queuectl health`: the queue-health report, once or every interval, with
//! exit codes for cron, CI and probes (0 healthy, 1 issues, 3 Redis unreachable).

use super::stats::fmt_hold;
use super::{fmt_age, Ctx};
use crate::cli::HealthArgs;
use crate::connection::{Lost, Redis};
use crate::error::{self, Exit};
use crate::output::{escape, Cell, Human, Render, Table, Tone};
use crate::queues::health::{self, Report, Status, Thresholds};
use crate::queues::now_ms;

impl Render for Report {
    fn render(&self, out: &mut Human) {
        render_queues(self, out);
        render_workers(self, out);
        for q in &self.queues {
            if let Some(hold) = &q.held_by {
                out.line(format!("{}: ready jobs {}", q.name, fmt_hold(hold)));
            }
        }
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
    for q in &args.queues {
        ctx.settings.redis.check_queue(q)?;
    }
    let redis = ctx.redis_for(args.watch.is_some()).await?;
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
        .map_err(|e| lost(ctx, e))?;
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

/// A dropped or timed-out connection is "Redis stopped answering" (exit 3);
/// any other failure stays a runtime failure (exit 1).
fn lost(ctx: &Ctx, err: bullmq::Error) -> anyhow::Error {
    match Lost::find(&err, &ctx.settings.redis, "checking health") {
        Some(lost) => lost.into(),
        None => anyhow::Error::new(err).context("health check failed"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use crate::queues::health::{Check, Issue, Metrics, QueueHealth, RedisHealth, WorkerHealth};

    fn redis() -> RedisHealth {
        RedisHealth {
            latency_ms: 0.4,
            version: Some("7.2.4".into()),
            used_memory: Some(1_000_000),
            maxmemory: Some(0),
            maxmemory_policy: Some("noeviction".into()),
        }
    }

    fn queue(name: &str, status: Status, metrics: Metrics, bullmq: Option<usize>) -> QueueHealth {
        QueueHealth {
            name: name.into(),
            status,
            metrics,
            paused: false,
            oldest_waiting_age_ms: None,
            stalled: vec![],
            workers: 0,
            bullmq_workers: bullmq,
            events_length: 0,
            limits: Default::default(),
            held_by: None,
            exists: true,
        }
    }

    #[test]
    fn health_with_issues() {
        let backlog = Metrics {
            waiting: 250,
            active: 3,
            completed: 900,
            failed: 12,
            delayed: 1,
        };
        let mut scrape = queue("scrape-queue", Status::Degraded, backlog, Some(2));
        scrape.oldest_waiting_age_ms = Some(400_000);
        scrape.workers = 1;
        scrape.held_by = Some(crate::queues::limit::Hold::Rate {
            resumes_in_ms: 1500,
        });
        let report = Report {
            is_healthy: false,
            checked_at: 1_795_856_401_123,
            redis: redis(),
            queues: vec![
                scrape,
                queue("idle\x1b[31m", Status::Down, Metrics::default(), None),
                queue("ok-queue", Status::Healthy, Metrics::default(), Some(0)),
            ],
            workers: vec![WorkerHealth {
                id: "host-1:4242\r".into(),
                status: "active".into(),
                current_job: Some("scrape-queue:17".into()),
                processed_jobs: 31,
                queues: vec!["scrape-queue".into(), "email".into()],
                host: "host-1".into(),
                pid: 4242,
            }],
            issues: vec![
                Issue {
                    queue: None,
                    check: Check::Latency,
                    message: "Slow Redis round trip: 150.0ms (threshold 100ms)".into(),
                },
                Issue {
                    queue: Some("scrape-queue".into()),
                    check: Check::Backlog,
                    message: "Queue backlog detected: 250 waiting\n(threshold 100)".into(),
                },
            ],
            notes: vec![],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn health_all_healthy() {
        let report = Report {
            is_healthy: true,
            checked_at: 0,
            redis: redis(),
            queues: vec![queue(
                "scrape-queue",
                Status::Healthy,
                Metrics::default(),
                Some(1),
            )],
            workers: vec![],
            issues: vec![],
            notes: vec![],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn health_one_issue_and_no_queues() {
        let report = Report {
            is_healthy: false,
            checked_at: 0,
            redis: redis(),
            queues: vec![],
            workers: vec![],
            issues: vec![Issue {
                queue: None,
                check: Check::MemoryPolicy,
                message: "maxmemory-policy is allkeys-lru: Redis may evict queue keys (BullMQ needs noeviction)".into(),
            }],
            notes: vec![],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
