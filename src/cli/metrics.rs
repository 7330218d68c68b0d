//! Arguments of `queuectl metrics`.

use clap::{Args, ValueEnum};

use crate::queues::metrics::valid_label_name;

pub(super) const METRICS_AFTER_HELP: &str = "\
The metrics are BullMQ's own: the per-minute counts of completed and failed jobs
that workers record when metrics are on (queuectl worker by default; Node with
`metrics: {maxDataPoints}`), as Node's Queue.getMetrics() reads them.

--format prometheus prints what Node's Queue.exportPrometheusMetrics() prints,
line for line: bullmq_job_count{queue,state} gauges and the
bullmq_job_completed_total / bullmq_job_failed_total counters. queuectl's own
gauges follow: queuectl_oldest_waiting_age_seconds{queue}, queuectl_workers{queue}
and queuectl_redis_memory_used_bytes / _max_bytes. `queuectl serve` answers
GET /metrics with the same text.

Examples:
  queuectl metrics                               # every queue, the last hour
  queuectl metrics scrape-queue --minutes 1440 --json
  queuectl metrics --format prometheus --label env=prod";

/// Output of `queuectl metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricsFormat {
    /// A table with totals, rates and a sparkline per queue
    Table,
    /// Prometheus text exposition format, as Node's exportPrometheusMetrics()
    Prometheus,
}

/// Arguments of `queuectl metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Queues to show [default: every queue under the prefix]
    #[arg(value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// How many of the latest minutes to read
    #[arg(long, default_value_t = 60, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub minutes: u32,

    /// Output format
    #[arg(long, value_enum, default_value_t = MetricsFormat::Table, value_name = "FORMAT")]
    pub format: MetricsFormat,

    /// With --format prometheus: a label added to every sample (repeatable)
    #[arg(long = "label", value_name = "NAME=VALUE", value_parser = parse_label)]
    pub labels: Vec<(String, String)>,
}

/// Parses `NAME=VALUE` with a Prometheus label name.
fn parse_label(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not NAME=VALUE"))?;
    if !valid_label_name(name) {
        return Err(format!(
            "'{name}' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)"
        ));
    }
    Ok((name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_name_equals_value() {
        assert_eq!(
            parse_label("env=prod=1"),
            Ok(("env".into(), "prod=1".into()))
        );
        assert!(parse_label("env").is_err());
        assert!(parse_label("1env=x").is_err());
    }
}
