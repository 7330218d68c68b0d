//! `queuectl stats`: counts per state for the named or discovered queues.

use super::{fmt_age, Ctx};
use crate::cli::StatsArgs;
use crate::connection::Redis;
use crate::error::Exit;
use crate::output::{Cell, Human, Render, Table, Tone};
use crate::queues::stats::{self, StatsReport};

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
                run_state(q.paused),
            ]);
        }
        out.table(t);
    }
}

/// `paused` (in yellow) or `running`.
pub(super) fn run_state(paused: bool) -> Cell {
    if paused {
        Cell::new("paused", Tone::Yellow)
    } else {
        Cell::new("running", Tone::Plain)
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: StatsArgs) -> anyhow::Result<Exit> {
    for q in &args.queues {
        ctx.settings.redis.check_queue(q)?;
    }
    let redis = ctx.redis().await?;
    let Some(interval) = args.watch else {
        ctx.out
            .print(&collect(ctx, &redis, &args.queues, true).await?)?;
        return Ok(Exit::Ok);
    };
    let mut first = true;
    loop {
        let report = collect(ctx, &redis, &args.queues, first).await?;
        first = false;
        ctx.out.clear_screen()?;
        ctx.out.print(&report)?;
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = tokio::signal::ctrl_c() => return Ok(Exit::Ok),
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
    use crate::queues::stats::{Counts, QueueStats};

    fn queue(name: &str, counts: Counts, paused: bool, oldest: Option<u64>) -> QueueStats {
        QueueStats {
            name: name.into(),
            paused,
            counts,
            oldest_waiting_age_ms: oldest,
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
        let report = StatsReport {
            queues: vec![
                queue("scrape-queue", busy, false, Some(95_000)),
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
