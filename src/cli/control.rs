//! Arguments of the queue-control commands: pause, resume, promote, remove, drain.

use clap::Args;

use super::ConfirmArgs;
use crate::queues::limit::{Change, LimitChange, Rate};

/// Arguments of `queuectl pause` and `queuectl resume`.
#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Queues to pause or resume
    #[arg(value_name = "QUEUE", required_unless_present = "all")]
    pub queues: Vec<String>,

    /// Every queue under the prefix
    #[arg(long, conflicts_with = "queues")]
    pub all: bool,
}

/// Arguments of `queuectl promote`.
#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// The queue whose delayed jobs to promote
    pub queue: String,

    /// Delayed jobs to run now
    #[arg(value_name = "ID", required_unless_present = "all")]
    pub ids: Vec<String>,

    /// Every delayed job in the queue
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
}

/// Arguments of `queuectl remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The queue the jobs belong to
    pub queue: String,

    /// Jobs to remove (with their logs; active jobs cannot be removed)
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// Arguments of `queuectl drain`.
#[derive(Debug, Args)]
pub struct DrainArgs {
    /// The queue to drain (waiting and prioritized jobs are removed)
    pub queue: String,

    /// Remove delayed jobs too
    #[arg(long)]
    pub delayed: bool,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// Shown after `queuectl limit --help`.
pub(super) const LIMIT_AFTER_HELP: &str = "\
Limits are BullMQ's global ones, kept in the queue's meta hash: every worker \
(queuectl, Node, Python) honours them together. Without a change flag the \
limits are shown and nothing is written.

Examples:
  queuectl limit scrape-queue                      show the limits
  queuectl limit scrape-queue --concurrency 4      at most 4 active jobs in all
  queuectl limit scrape-queue --rate 10/1s         at most 10 jobs started per second
  queuectl limit scrape-queue --rate off           remove the rate limit
  queuectl limit scrape-queue --clear              remove both";

/// Arguments of `queuectl limit`.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// The queue whose global limits to show or change
    pub queue: String,

    /// Global concurrency: at most N active jobs across all workers (`off` removes it)
    #[arg(long, value_name = "N|off", value_parser = parse_concurrency)]
    pub concurrency: Option<Change<u64>>,

    /// Global rate limit: at most MAX jobs started per DURATION (`10/1s`, `100/60000`; `off` removes it)
    #[arg(long, value_name = "MAX/DURATION|off", value_parser = parse_rate)]
    pub rate: Option<Change<Rate>>,

    /// Remove both limits
    #[arg(long, conflicts_with_all = ["concurrency", "rate"])]
    pub clear: bool,
}

impl LimitArgs {
    /// The change these flags ask for (none: show only).
    pub fn change(&self) -> LimitChange {
        LimitChange {
            concurrency: self.or_clear(self.concurrency),
            rate: self.or_clear(self.rate),
        }
    }

    fn or_clear<T>(&self, flag: Option<Change<T>>) -> Change<T> {
        match flag {
            Some(change) => change,
            None if self.clear => Change::Remove,
            None => Change::Keep,
        }
    }
}

fn parse_off<T>(s: &str, set: impl FnOnce(&str) -> Result<T, String>) -> Result<Change<T>, String> {
    if s.eq_ignore_ascii_case("off") {
        Ok(Change::Remove)
    } else {
        set(s).map(Change::Set)
    }
}

fn parse_concurrency(s: &str) -> Result<Change<u64>, String> {
    parse_off(s, |s| match s.trim().parse::<u64>() {
        Ok(0) => Err("must be at least 1 (pause the queue to stop it)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a whole number or `off`")),
    })
}

fn parse_rate(s: &str) -> Result<Change<Rate>, String> {
    parse_off(s, |s| {
        let (max, duration) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not MAX/DURATION (for example 10/1s)"))?;
        let max = match max.trim().parse::<u64>() {
            Ok(0) | Err(_) => return Err(format!("{max:?}: MAX must be a whole number ≥ 1")),
            Ok(n) => n,
        };
        let duration = super::parse_duration_or_ms(duration)?.as_millis() as u64;
        if duration == 0 {
            return Err("DURATION must be at least 1ms".into());
        }
        Ok(Rate { max, duration })
    })
}
