//! `queuectl stats`: counts per state for the named or discovered queues.

use super::{fmt_age, Ctx};
use crate::cli::StatsArgs;
use crate::connection::Redis;
use crate::error::Exit;
use crate::output::{Cell, Human, Render, Table, Tone};
use crate::queues::limit::{Hold, Limits};
use crate::queues::stats::{self, QueueStats, StatsReport};

impl Render for StatsReport {
    fn render(&self, out: &mut Human) {
        if self.queues.is_empty() {
            out.line("no queues found");
            return;
        }
        let mut t = Table::new(&[
            "QUEUE",
            "WAITING",
            "ACTIVE",
            "DELAYED",
            "PRIORITIZED",
            "WAITING-CHILDREN",
            "COMPLETED",
            "FAILED",
            "OLDEST WAITING",
            "LIMITS",
            "STATE",
        ])
        .right_align(&[1, 2, 3, 4, 5, 6, 7, 8]);
        for q in &self.queues {
            let c = &q.counts;
            let failed = if c.failed > 0 { Tone::Red } else { Tone::Plain };
            t.row(vec![
                q.name.as_str().into(),
                c.waiting.to_string().into(),
                c.active.to_string().into(),
                c.delayed.to_string().into(),
                c.prioritized.to_string().into(),
                c.waiting_children.to_string().into(),
                c.completed.to_string().into(),
                Cell::new(c.failed.to_string(), failed),
                q.oldest_waiting_age_ms
                    .map(fmt_age)
                    .unwrap_or_else(|| "-".into())
                    .into(),
                fmt_limits(&q.limits).into(),
                run_state(q),
            ]);
        }
        out.table(t);
    }
}

/// `paused` or `limited` (in yellow, when a global limit holds ready jobs
/// back) or `running`.
pub(super) fn run_state(q: &QueueStats) -> Cell {
    if q.paused {
        Cell::new("paused", Tone::Yellow)
    } else if q.held_by.is_some() {
        Cell::new("limited", Tone::Yellow)
    } else {
        Cell::new("running", Tone::Plain)
    }
}

/// Why a queue's ready jobs wait: `held back by the global concurrency (5 of 5 active)`.
pub(super) fn fmt_hold(hold: &Hold) -> String {
    match hold {
        Hold::Concurrency {
            concurrency,
            active,
        } => format!("held back by the global concurrency ({active} of {concurrency} active)"),
        Hold::Rate { resumes_in_ms } => format!(
            "held back by the rate limit (reopens in {})",
            humantime::format_duration(std::time::Duration::from_millis(*resumes_in_ms))
        ),
    }
}

/// `concurrency 5, 10 per 1s`, or `-` without limits.
fn fmt_limits(limits: &Limits) -> String {
    let mut parts = Vec::new();
    if let Some(n) = limits.concurrency {
        parts.push(format!("concurrency {n}"));
    }
    if let Some(r) = limits.rate {
        parts.push(format!(
            "{} per {}",
            r.max,
            humantime::format_duration(std::time::Duration::from_millis(r.duration))
        ));
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: StatsArgs) -> anyhow::Result<Exit> {
    for q in &args.queues {
        ctx.settings.redis.check_queue(q)?;
    }
    let redis = ctx.redis_for(args.watch.is_some()).await?;
    let Some(interval) = args.watch else {
        ctx.out
            .print(&collect(ctx, &redis, &args.queues, true).await?)?;
        return Ok(Exit::Ok);
    };
    // One listener for the whole watch, so a Ctrl-C during a round is not missed.
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    let mut first = true;
    loop {
        let round = collect(ctx, &redis, &args.queues, first);
        let result = tokio::select! {
            result = round => result,
            _ = &mut interrupted => return Ok(Exit::Ok),
        };
        // A failed round (Redis restarting, say) is reported and watching goes
        // on: the connection is made again by the next round.
        match result {
            Ok(report) => {
                first = false;
                ctx.out.clear_screen()?;
                ctx.out.print(&report)?;
            }
            Err(err) => {
                let err = crate::error::lost_redis(err, &ctx.settings.redis, "stats");
                let exit = crate::error::exit_for(&err);
                ctx.out
                    .error(&format!("{err:#}"), crate::error::code_name(exit));
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = &mut interrupted => return Ok(Exit::Ok),
        }
    }
}

/// Stats for the named queues, or every queue under the prefix; with `warn`,
/// a warning for each named queue that has no keys.
pub async fn collect(
    ctx: &Ctx,
    redis: &Redis,
    named: &[String],
    warn: bool,
) -> anyhow::Result<StatsReport> {
    let report = stats::report(redis, named).await?;
    for q in report.queues.iter().filter(|q| warn && !q.exists) {
        ctx.out.warn(&format!(
            "queue '{}' has no keys under prefix '{}' (showing zeros)",
            q.name,
            redis.prefix()
        ));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use crate::queues::stats::Counts;

    fn queue(name: &str, counts: Counts, paused: bool, oldest: Option<u64>) -> QueueStats {
        QueueStats {
            name: name.into(),
            paused,
            counts,
            oldest_waiting_age_ms: oldest,
            limits: Limits::default(),
            held_by: None,
            exists: true,
        }
    }

    #[test]
    fn stats_table() {
        let busy = Counts {
            waiting: 12,
            active: 2,
            delayed: 3,
            prioritized: 4,
            waiting_children: 1,
            completed: 1500,
            failed: 7,
        };
        let mut limited = queue("scrape-queue", busy, false, Some(95_000));
        limited.limits = Limits {
            concurrency: Some(2),
            rate: Some(crate::queues::limit::Rate {
                max: 10,
                duration: 1000,
            }),
        };
        limited.held_by = Some(Hold::Concurrency {
            concurrency: 2,
            active: 2,
        });
        let report = StatsReport {
            queues: vec![
                limited,
                queue("ok", Counts::default(), false, None),
                queue("evil\x1b[2J\nq", Counts::default(), true, None),
            ],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn stats_without_queues() {
        let report = StatsReport { queues: vec![] };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
