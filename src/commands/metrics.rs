//! `queuectl metrics`: BullMQ's completed/failed metrics per queue, as a
//! table with sparklines, as JSON (`getMetrics`' shape) or as Prometheus text.

use serde::Serialize;

use super::Ctx;
use crate::cli::{MetricsArgs, MetricsFormat};
use crate::error::{usage, Exit};
use crate::output::{Cell, Human, Render, Table};
use crate::queues::metrics::{self, QueueMetrics, Series};

/// The metrics of the shown queues.
#[derive(Debug, Serialize)]
struct MetricsReport {
    /// The minutes read (the window of the rates and sparklines).
    minutes: u32,
    queues: Vec<QueueMetrics>,
}

impl Render for MetricsReport {
    fn render(&self, out: &mut Human) {
        if self.queues.is_empty() {
            out.line("no queues found");
            return;
        }
        let window = format!("LAST {}", fmt_minutes(self.minutes));
        let mut t = Table::new(&[
            "QUEUE",
            "COMPLETED",
            "FAILED",
            &window,
            "PER MINUTE",
            "COMPLETED PER MINUTE (OLDEST → NEWEST)",
        ])
        .right_align(&[1, 2, 4]);
        for q in &self.queues {
            let (done, failed) = (recent(&q.completed), recent(&q.failed));
            let points = q.completed.data.len().max(1) as f64;
            t.row::<Cell>(vec![
                q.queue.as_str().into(),
                q.completed.meta.count.to_string().into(),
                q.failed.meta.count.to_string().into(),
                format!("{done} completed, {failed} failed").into(),
                format!("{:.1}", done as f64 / points).into(),
                sparkline(&q.completed.data).into(),
            ]);
        }
        out.table(t);
        if self
            .queues
            .iter()
            .all(|q| q.completed.count + q.failed.count == 0)
        {
            out.line("no minute has ended with metrics on: workers record them once a minute");
        }
    }
}

/// Jobs counted in the minutes read.
fn recent(series: &Series) -> u64 {
    series.data.iter().sum()
}

fn fmt_minutes(minutes: u32) -> String {
    match minutes {
        1 => "MINUTE".into(),
        60 => "HOUR".into(),
        1440 => "DAY".into(),
        n => format!("{n} MINUTES"),
    }
}

/// One block per minute, oldest first, scaled to the busiest minute.
fn sparkline(newest_first: &[u64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = newest_first.iter().copied().max().unwrap_or(0).max(1);
    newest_first
        .iter()
        .rev()
        .map(|&n| BLOCKS[(n * 7).div_ceil(max) as usize])
        .collect()
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: MetricsArgs) -> anyhow::Result<Exit> {
    for q in &args.queues {
        ctx.settings.redis.check_queue(q)?;
    }
    let prometheus = args.format == MetricsFormat::Prometheus;
    if !args.labels.is_empty() && !prometheus {
        return usage("--label only applies to --format prometheus");
    }
    if prometheus && ctx.out.is_json() {
        return usage("--format prometheus is text: leave out --json");
    }
    let redis = ctx.redis().await?;
    let queues = if args.queues.is_empty() {
        crate::queues::discovery::discover(&redis).await?
    } else {
        args.queues.clone()
    };
    let read = metrics::read(&redis, &queues, args.minutes as usize).await?;
    if prometheus {
        let gauges = metrics::read_gauges(&redis, &queues, crate::queues::now_ms()).await?;
        ctx.out.text(&metrics::prometheus_text(
            &read,
            Some(&gauges),
            &args.labels,
        ))?;
    } else {
        ctx.out.print(&MetricsReport {
            minutes: args.minutes,
            queues: read,
        })?;
    }
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use crate::queues::metrics::SeriesMeta;
    use crate::queues::stats::Counts;

    fn series(count: u64, data: Vec<u64>) -> Series {
        Series {
            meta: SeriesMeta {
                count,
                ..SeriesMeta::default()
            },
            count: data.len() as u64,
            data,
        }
    }

    #[test]
    fn sparklines_run_oldest_to_newest() {
        assert_eq!(sparkline(&[8, 0, 4]), "▅▁█");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn metrics_table() {
        let report = MetricsReport {
            minutes: 60,
            queues: vec![QueueMetrics {
                queue: "scrape\x1bq".into(),
                counts: Counts::default(),
                completed: series(120, vec![10, 0, 30]),
                failed: series(2, vec![1, 0, 0]),
            }],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
