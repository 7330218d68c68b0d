//! Arguments of `queuectl schedule`: BullMQ job schedulers.

use clap::{Args, Subcommand};

use super::{ConfirmArgs, JobOptionArgs};
use crate::queues::schedule;

pub(super) const SCHEDULE_AFTER_HELP: &str = "\
Schedulers are BullMQ job schedulers (Queue.upsertJobScheduler), so Node
workers and `queuectl worker` both produce their iterations. Adding an
existing ID updates it.

Examples:
  queuectl schedule add daily-maintenance --cron '0 2 * * *' --tz America/New_York
  queuectl schedule add refresh-home --every 15m --name refresh '{\"url\":\"https://example.com\"}'
  queuectl schedule list --queue maintenance-queue
  queuectl schedule remove daily-maintenance --yes";

/// Arguments of `queuectl schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(subcommand)]
    pub action: ScheduleAction,
}

/// What `queuectl schedule` does.
#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Add or update a job scheduler
    Add(Box<ScheduleAddArgs>),
    /// List job schedulers with their next run
    #[command(visible_alias = "ls")]
    List(ScheduleListArgs),
    /// Remove a job scheduler and its next pending iteration (jobs it already produced stay)
    #[command(visible_alias = "rm")]
    Remove(ScheduleRemoveArgs),
}

/// Arguments of `queuectl schedule add`.
#[derive(Debug, Args)]
pub struct ScheduleAddArgs {
    /// Scheduler id (adding an existing id updates it)
    pub id: String,

    /// Job data: JSON text, @PATH to read a file, or - for stdin [default: {}]
    #[arg(value_name = "DATA")]
    pub data: Option<String>,

    /// Cron expression (5 or 6 fields), e.g. '0 2 * * *'
    #[arg(
        long,
        value_name = "EXPR",
        required_unless_present = "every",
        conflicts_with = "every",
        value_parser = schedule::parse_cron
    )]
    pub cron: Option<String>,

    /// IANA time zone for --cron, e.g. America/New_York [default: UTC]
    #[arg(long, value_name = "ZONE", requires = "cron", value_parser = schedule::parse_tz)]
    pub tz: Option<String>,

    /// Run every DURATION, e.g. 30s, 15m
    #[arg(long, value_name = "DURATION", value_parser = schedule::parse_every)]
    pub every: Option<u64>,

    /// Job name of each iteration [default: the scheduler id]
    #[arg(long, value_name = "JOB_NAME")]
    pub name: Option<String>,

    /// Target queue [default: QUEUE_NAME, else routed by job name]
    #[arg(long, env = crate::env::QUEUE_NAME, value_name = "QUEUE")]
    pub queue: Option<String>,

    /// Stop after this many iterations
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,

    #[command(flatten)]
    pub opts: JobOptionArgs,
}

/// Arguments of `queuectl schedule list`.
#[derive(Debug, Args)]
pub struct ScheduleListArgs {
    /// Only this queue [default: every queue under the prefix]
    #[arg(long, value_name = "QUEUE")]
    pub queue: Option<String>,
}

/// Arguments of `queuectl schedule remove`.
#[derive(Debug, Args)]
pub struct ScheduleRemoveArgs {
    /// Scheduler id
    pub id: String,

    /// The scheduler's queue [default: QUEUE_NAME, else routed by the id as a job name, else the one queue holding it]
    #[arg(long, env = crate::env::QUEUE_NAME, value_name = "QUEUE")]
    pub queue: Option<String>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
