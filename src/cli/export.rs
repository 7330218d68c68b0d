//! Arguments of `queuectl export`.

use std::path::PathBuf;

use clap::Args;

use super::search::JobFilters;

pub(super) const EXPORT_AFTER_HELP: &str = "\
The output is NDJSON: for each queue a header line (\"record\":\"queue\": queue,
prefix, export time, the queue's meta hash and its job schedulers), then one
line per job (\"record\":\"job\": id, name, state, data, options, timestamp,
delay, priority, progress, logs and the finished fields). The README
documents every field. Export issues read commands only, so a read-only ACL
user can run it. A queue that changes during the export is read as it goes:
a job that moves between states meanwhile may be missed or written twice.

With -o FILE the lines go to a temporary file next to FILE, renamed to FILE
once complete; -o - writes them to stdout and the summary to stderr.

The filters are `queuectl search`'s. With --error, --since or --until the jobs
are found as `search` finds them (paced, newest first) and then written.

Examples:
  queuectl export scrape-queue -o scrape.ndjson
  queuectl export scrape-queue email --state waiting --state delayed -o - | gzip > jobs.ndjson.gz
  queuectl export scrape-queue --name single-page --data url~example.com -o subset.ndjson
  queuectl export scrape-queue --state failed --error ETIMEDOUT --since 1d -o failed.ndjson";

/// Arguments of `queuectl export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Queues to export
    #[arg(value_name = "QUEUE", required = true)]
    pub queues: Vec<String>,

    /// Write to FILE, or - for stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    #[command(flatten)]
    pub filters: JobFilters,
}
