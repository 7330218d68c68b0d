//! Arguments of `queuectl search`.

use clap::{Args, ValueEnum};

use super::{ConfirmArgs, StateArg};

pub(super) const SEARCH_AFTER_HELP: &str = "\
Search reads only (works for a read-only ACL user or on a replica): the state
lists and sets are read in chunks of 1000 ids, each chunk's small fields
(name, timestamp, finishedOn, failedReason) in one pipeline, and `data` only
for the jobs that passed them. The search paces itself so Redis is busy at most
--max-redis-busy percent of the time (30; Redis's CPU time from INFO, or where
INFO is refused, the search's own round trips), so Redis keeps serving others.

A job's time is when it finished for completed and failed jobs, else when it
was created; --since (inclusive) and --until (exclusive) filter on it, and
matches are listed newest first by it (then by queue, then by id, larger
first). --limit keeps the newest N matches (default 100; 0 = all).
--error matches only jobs that have a failed reason. --data PATH=VALUE
compares the value at a dotted path (a string as is, anything else as JSON);
PATH~REGEX matches it; several --data filters must all hold.

Times: RFC 3339 (2026-11-28T09:00:00Z) or an age (2h = two hours ago).

--then acts on exactly the jobs listed (so --limit applies): retry (failed
jobs), remove (any job not being processed), promote (delayed jobs); others
are skipped with the reason. It asks first on a terminal, needs --yes
otherwise, and --dry-run lists the matches and changes nothing. --then export
writes the matches as `queuectl export` does, for `queuectl import`.

Examples:
  queuectl search scrape-queue --state failed --error 'ETIMEDOUT|ECONNRESET' --since 2h
  queuectl search --name refresh --data user.tier=premium --json
  queuectl search scrape-queue --data 'url~^https://example\\.com/' --limit 0 --json
  queuectl search scrape-queue --state failed --error 429 --then retry --yes
  queuectl search old-queue --until 30d --state completed --then export > old.ndjson";

/// What `--then` does with the matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThenArg {
    /// Retry the failed matches
    Retry,
    /// Remove the matches
    Remove,
    /// Promote the delayed matches to waiting
    Promote,
    /// Write the matches as `queuectl export` does (NDJSON for `queuectl import`)
    Export,
}

/// How busy a search keeps Redis at most, in percent, unless told otherwise.
pub const DEFAULT_MAX_REDIS_BUSY: u8 = 30;

/// The job filters `search` and `export` share; all given must hold.
#[derive(Debug, Args)]
pub struct JobFilters {
    /// Only jobs in this state (repeatable) [default: every state]
    #[arg(
        short,
        long,
        value_enum,
        value_name = "STATE",
        help_heading = "Filters"
    )]
    pub state: Vec<StateArg>,

    /// Only jobs with this name
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub name: Option<String>,

    /// Only jobs whose data holds VALUE (PATH=VALUE) or matches REGEX (PATH~REGEX) at a dotted path (repeatable)
    #[arg(long, value_name = "PATH=VALUE|PATH~REGEX", help_heading = "Filters")]
    pub data: Vec<String>,

    /// Only jobs whose failed reason matches this regular expression
    #[arg(long, value_name = "REGEX", help_heading = "Filters")]
    pub error: Option<String>,

    /// Only jobs whose time is at or after TIME (RFC 3339, or an age such as 2h)
    #[arg(long, value_name = "TIME", help_heading = "Filters")]
    pub since: Option<String>,

    /// Only jobs whose time is before TIME (RFC 3339, or an age such as 30m)
    #[arg(long, value_name = "TIME", help_heading = "Filters")]
    pub until: Option<String>,
}

/// Arguments of `queuectl search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Queues to search [default: every queue under the prefix]
    #[arg(value_name = "QUEUE")]
    pub queues: Vec<String>,

    #[command(flatten)]
    pub filters: JobFilters,

    /// Keep the newest N matches (0 = all)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 100,
        help_heading = "Filters"
    )]
    pub limit: usize,

    /// Pace the search so Redis is busy at most PERCENT of the time (100 = no pacing)
    #[arg(long, value_name = "PERCENT", default_value_t = DEFAULT_MAX_REDIS_BUSY, value_parser = clap::value_parser!(u8).range(1..=100))]
    pub max_redis_busy: u8,

    /// Then act on exactly the matches
    #[arg(long, value_enum, value_name = "ACTION")]
    pub then: Option<ThenArg>,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
