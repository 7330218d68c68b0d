//! Arguments of `queuectl events` and the `--wait` flags of enqueue, job and crawl.

use std::time::Duration;

use clap::Args;

use super::parse_duration;

pub(super) const EVENTS_AFTER_HELP: &str = "\
Events are read from each queue's BullMQ events stream, so jobs processed by
Node workers show up too: added, waiting, active, progress, completed, failed,
delayed, stalled, retries-exhausted, removed, drained, paused, resumed, ...

Examples:
  queuectl events scrape-queue --follow
  queuectl events scrape-queue process-queue --from-start --json | jq .";

/// Arguments of `queuectl events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Queues to read events from
    #[arg(value_name = "QUEUE", required = true)]
    pub queues: Vec<String>,

    /// Keep reading new events until Ctrl-C
    #[arg(short, long)]
    pub follow: bool,

    /// Start at the oldest event kept in the stream [default: the last --limit events]
    #[arg(long)]
    pub from_start: bool,

    /// Without --from-start, show this many recent events per queue first
    #[arg(
        short = 'n',
        long,
        default_value_t = 20,
        value_name = "N",
        conflicts_with = "from_start"
    )]
    pub limit: usize,
}

/// `--wait` and `--timeout`: follow the job until it finishes.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct WaitArgs {
    /// Wait for the job to finish, mirroring its progress; exit 0 completed, 1 failed
    #[arg(long, help_heading = "Waiting")]
    pub wait: bool,

    /// With --wait: give up after DURATION (exit 5; the job keeps running)
    #[arg(long, requires = "wait", value_parser = parse_duration, value_name = "DURATION", help_heading = "Waiting")]
    pub timeout: Option<Duration>,
}
