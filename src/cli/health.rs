//! Arguments of `queuectl health`.

use std::time::Duration;

use clap::Args;

use super::parse_duration;
use crate::queues::health::Thresholds;

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
    #[arg(long, default_value_t = Thresholds::default().max_failed, value_name = "N", help_heading = "Thresholds")]
    pub max_failed: u64,

    /// Waiting jobs above this are an issue ("Queue backlog detected")
    #[arg(long, default_value_t = Thresholds::default().max_waiting, value_name = "N", help_heading = "Thresholds")]
    pub max_waiting: u64,

    /// The oldest waiting job older than this is an issue
    #[arg(long, default_value = humantime::format_duration(Thresholds::default().max_wait_age).to_string(), value_parser = parse_duration, value_name = "DURATION", help_heading = "Thresholds")]
    pub max_wait_age: Duration,

    /// A Redis round trip slower than this is an issue
    #[arg(long, default_value = humantime::format_duration(Thresholds::default().max_latency).to_string(), value_parser = parse_duration, value_name = "DURATION", help_heading = "Thresholds")]
    pub max_latency: Duration,

    /// Used memory above this percentage of maxmemory is an issue
    #[arg(long, default_value_t = Thresholds::default().max_memory_percent, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(1..=100), help_heading = "Thresholds")]
    pub max_memory_percent: u8,

    /// An events stream longer than this many times its cap is an issue
    #[arg(long, default_value_t = Thresholds::default().max_events_factor, value_name = "FACTOR", help_heading = "Thresholds")]
    pub max_events_factor: u64,

    /// Check again every INTERVAL until Ctrl-C (the exit code is the last check's)
    #[arg(long, value_name = "INTERVAL", num_args = 0..=1, default_missing_value = "5s", value_parser = parse_duration)]
    pub watch: Option<Duration>,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};

    use super::*;
    use crate::cli::{Cli, Command};

    #[test]
    fn the_flag_defaults_are_the_domain_thresholds() {
        let m = Cli::command()
            .mut_args(|a| a.env(None::<&str>))
            .try_get_matches_from(["queuectl", "health"])
            .unwrap();
        let Command::Health(args) = Cli::from_arg_matches(&m).unwrap().command else {
            panic!("not health");
        };
        let t = Thresholds::default();
        assert_eq!(
            (args.max_failed, args.max_waiting, args.max_wait_age),
            (t.max_failed, t.max_waiting, t.max_wait_age)
        );
        assert_eq!(
            (
                args.max_latency,
                args.max_memory_percent,
                args.max_events_factor
            ),
            (t.max_latency, t.max_memory_percent, t.max_events_factor)
        );
    }
}
