//! Arguments of the queue-control commands: pause, resume, promote, remove, drain.

use clap::Args;

use super::ConfirmArgs;

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
