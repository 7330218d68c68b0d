//! Arguments of `queuectl import`.

use clap::Args;

pub(super) const IMPORT_AFTER_HELP: &str = "\
Reads a file written by `queuectl export` and re-creates its waiting,
prioritized and delayed jobs through BullMQ's add scripts, with their
original id, name, data, options, timestamp and priority, the delay that
remained at export time (counted from the import), their logs and progress,
and the queue's job schedulers. Jobs go to the queue named in the file (or
--queue) under the connection's --prefix.

Completed, failed and active jobs are skipped with a count unless
--as-waiting, which adds them as new waiting jobs. Jobs waiting for children
and the pending iterations of job schedulers (the scheduler re-creates its
own) are always skipped. BullMQ refuses integer custom ids, so a job whose id
is an integer (an automatic id) is added as `imported-<id>`; the report lists
each such id with its new one.

The whole file is validated before anything is written: a bad line exits 2
naming the line. Importing again adds nothing: jobs and schedulers whose id
is already in the queue are left alone and counted as present.

Examples:
  queuectl import scrape.ndjson --dry-run
  queuectl import scrape.ndjson --queue scrape-restored --json
  gunzip -c jobs.ndjson.gz | queuectl import - --as-waiting";

/// Arguments of `queuectl import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export file, or - for stdin
    #[arg(value_name = "FILE")]
    pub file: String,

    /// Import every queue of the file into this queue instead
    #[arg(long, value_name = "QUEUE")]
    pub queue: Option<String>,

    /// Add completed, failed and active jobs too, as waiting jobs
    #[arg(long)]
    pub as_waiting: bool,

    /// Show what would be imported and write nothing
    #[arg(long, help_heading = "Safety")]
    pub dry_run: bool,
}
