//! Arguments of `queuectl retry-dead`.

use clap::Args;

use super::ConfirmArgs;

pub(super) const RETRY_AFTER_HELP: &str = "\
BullMQ has no \"dead\" state: jobs that used up their attempts sit in the
`failed` set, and that is what retry-dead retries. With --dead-letter-list it
instead re-adds the records a worker pushed to that Redis list (priority low,
1 attempt) and removes each record only once its new job exists. Re-added jobs
get ids derived from the original (retry-<id>-<failedAt>, dlq-<jobId>-<timestamp>),
so running again after a crash adds nothing twice. Records without a job name
are reported and left in the list.

Without filters (or with only --failed-before) BullMQ's bulk retry is used;
otherwise each matching job is retried on its own. The exit code is 1 when any
job or record could not be retried.

Times for --failed-since/--failed-before: RFC 3339 (2026-11-28T09:00:00Z) or an
age (2h = two hours ago).

Examples:
  queuectl retry-dead scrape-queue --dry-run
  queuectl retry-dead scrape-queue --error 'ETIMEDOUT|ECONNRESET' --failed-since 2h --yes
  queuectl retry-dead process-queue --id 42 --id 43 --as-new --yes
  queuectl retry-dead --dead-letter-list dead-letter --yes";

/// Arguments of `queuectl retry-dead`.
#[derive(Debug, Args)]
pub struct RetryDeadArgs {
    /// Queues to retry in [default: every queue under the prefix]
    #[arg(value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// Only jobs with this name
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub name: Option<String>,

    /// Only jobs that failed at or after TIME (RFC 3339, or an age such as 2h)
    #[arg(long, value_name = "TIME", help_heading = "Filters")]
    pub failed_since: Option<String>,

    /// Only jobs that failed before TIME (RFC 3339, or an age such as 30m)
    #[arg(long, value_name = "TIME", help_heading = "Filters")]
    pub failed_before: Option<String>,

    /// Only jobs whose failed reason matches this regular expression
    #[arg(long, value_name = "REGEX", help_heading = "Filters")]
    pub error: Option<String>,

    /// Only this job id (repeatable)
    #[arg(long = "id", value_name = "ID", help_heading = "Filters")]
    pub ids: Vec<String>,

    /// Retry at most N jobs, oldest failures first
    #[arg(long, value_name = "N", help_heading = "Filters")]
    pub limit: Option<u64>,

    /// Re-add each as a new job (priority low, 1 attempt), then remove the original
    #[arg(long)]
    pub as_new: bool,

    /// Reprocess the dead-letter records in this Redis list instead of the failed set
    #[arg(long, value_name = "KEY", conflicts_with_all = ["as_new", "ids"])]
    pub dead_letter_list: Option<String>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
