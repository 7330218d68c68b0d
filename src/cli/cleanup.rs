//! Arguments of `queuectl cleanup`.

use std::time::Duration;

use clap::{Args, ValueEnum};

use super::{parse_duration, ConfirmArgs};

pub(super) const CLEANUP_AFTER_HELP: &str = "\
Removal goes through BullMQ's own scripts (clean, trimEvents, obliterate), so
Node workers and tools see a consistent queue. --obliterate deletes the whole
queue, schedulers included: it needs --force, and then the queue name typed at
the prompt, or --yes. Without QUEUE, every queue under the prefix is cleaned
(--obliterate needs the queues named). --orphans alone cleans no state unless
--state is given; --dry-run counts exactly what BullMQ's clean would remove.

Examples:
  queuectl cleanup scrape-queue --dry-run
  queuectl cleanup --state completed --state failed --older-than 7d --yes
  queuectl cleanup process-queue --trim-events 1000 --yes
  queuectl cleanup scrape-queue --orphans --dry-run
  queuectl cleanup old-queue --obliterate --force";

/// States `cleanup` can remove jobs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum CleanState {
    /// Finished successfully
    Completed,
    /// Failed for good
    Failed,
    /// Waiting for their delay to pass
    Delayed,
    /// Ready to run (the `wait` list)
    #[value(alias = "waiting")]
    Wait,
    /// Being processed (their workers will fail to finish them)
    Active,
    /// Ready to run, ordered by priority
    Prioritized,
    /// Waiting in a paused queue
    Paused,
}

/// Arguments of `queuectl cleanup`.
#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// Queues to clean [default: every queue under the prefix]
    #[arg(value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// Remove jobs in this state (repeatable) [default: completed, or none with --orphans]
    #[arg(short, long, value_enum, value_name = "STATE")]
    pub state: Vec<CleanState>,

    /// Only jobs older than this (finished time; else last attempt, else creation time)
    #[arg(long, default_value = "24h", value_parser = parse_duration, value_name = "DURATION")]
    pub older_than: Duration,

    /// Remove at most N jobs per queue and state
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,

    /// Also trim each queue's events stream to about N entries
    #[arg(long, value_name = "N")]
    pub trim_events: Option<usize>,

    /// Find job hashes no state structure references (removed unless --dry-run)
    #[arg(long)]
    pub orphans: bool,

    /// Delete the named queues whole: every job, scheduler and key (needs --force)
    #[arg(long, requires = "force", conflicts_with_all = ["orphans", "trim_events", "state", "limit", "older_than"])]
    pub obliterate: bool,

    /// With --obliterate: go ahead even with active jobs
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
