//! Arguments of `queuectl health`.

use std::time::Duration;

use clap::Args;

use super::parse_duration;

pub(super) const HEALTH_AFTER_HELP: &str = "\
Exit codes (stable, for cron, CI and Kubernetes probes):
  0  healthy
  1  issues found (each is listed, and in `issues` with --json)
  2  invalid usage
  3  Redis unreachable (at connect or during a check), or authentication failed

Status per queue: \"down\" when paused or when jobs wait and no worker serves
the queue; \"degraded\" for any other issue; else \"healthy\". Workers are
queuectl heartbeats plus BullMQ's worker list (CLIENT LIST). Where the server
refuses CLIENT LIST, BullMQ workers show as \"unavailable\" (null in JSON) and
\"no workers\" is not raised, since an unseen Node worker may be serving;
--max-wait-age still catches a queue nobody serves. \"waiting\" counts
prioritized jobs too.

Examples:
  queuectl health                      # every queue under the prefix
  queuectl health scrape-queue --max-waiting 500 --json
  queuectl health --watch 10s";

/// Arguments of `queuectl health`.
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Queues to check [default: every queue under the prefix]
    #[arg(value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// Failed jobs above this are an issue ("High failure rate detected")
    #[arg(
        long,
        default_value_t = 10,
        value_name = "N",
        help_heading = "Thresholds"
    )]
    pub max_failed: u64,

    /// Waiting jobs above this are an issue ("Queue backlog detected")
    #[arg(
        long,
        default_value_t = 100,
        value_name = "N",
        help_heading = "Thresholds"
    )]
    pub max_waiting: u64,

    /// The oldest waiting job older than this is an issue
    #[arg(long, default_value = "5m", value_parser = parse_duration, value_name = "DURATION", help_heading = "Thresholds")]
    pub max_wait_age: Duration,

    /// A Redis round trip slower than this is an issue
    #[arg(long, default_value = "100ms", value_parser = parse_duration, value_name = "DURATION", help_heading = "Thresholds")]
    pub max_latency: Duration,

    /// Used memory above this percentage of maxmemory is an issue
    #[arg(long, default_value_t = 90, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(1..=100), help_heading = "Thresholds")]
    pub max_memory_percent: u8,

    /// An events stream longer than this many times its cap is an issue
    #[arg(
        long,
        default_value_t = 2,
        value_name = "FACTOR",
        help_heading = "Thresholds"
    )]
    pub max_events_factor: u64,

    /// Check again every INTERVAL until Ctrl-C (the exit code is the last check's)
    #[arg(long, value_name = "INTERVAL", num_args = 0..=1, default_missing_value = "5s", value_parser = parse_duration)]
    pub watch: Option<Duration>,
}
