//! The job option flags (`enqueue`, `schedule add`), parsed into typed values
//! by their value parsers, and turned into the domain's [`JobOptionValues`].

use bullmq::types::{BackoffStrategy, RemoveOnFinish};
use clap::Args;

use crate::env;
use crate::queues::input::{self, JobOptionValues};
use crate::queues::priority::{self, Tier};
use crate::queues::vocab;

/// The priority flags: a level, or the one a customer's tier picks. Shared
/// with `crawl --enqueue`; each user puts them under its own help heading.
#[derive(Debug, Args, Clone, Default)]
pub struct PriorityArgs {
    /// critical|high|normal|low|bulk or a number from 1 to 2097152
    #[arg(long, value_name = "PRIORITY", value_parser = parse_priority)]
    pub priority: Option<u32>,

    /// Customer id; with --tier or --new-customer it picks the priority
    #[arg(long, value_name = "ID")]
    pub customer: Option<String>,

    /// The customer is new (priority high)
    #[arg(long, requires = "customer")]
    pub new_customer: bool,

    /// Customer tier: premium (high), standard (normal), free (low)
    #[arg(long, value_name = "TIER", requires = "customer", value_parser = parse_tier)]
    pub tier: Option<Tier>,
}

impl PriorityArgs {
    /// `--priority`, else the priority `--customer` picks.
    pub fn value(&self) -> Option<u32> {
        let customer_priority = self
            .customer
            .as_ref()
            .map(|_| priority::for_customer(self.new_customer, self.tier));
        self.priority.or(customer_priority)
    }
}

/// Job options shared by single and bulk enqueue (flags apply to every line of --file
/// unless the line sets its own).
#[derive(Debug, Args, Clone, Default)]
pub struct JobOptionArgs {
    #[command(flatten, next_help_heading = "Job options")]
    pub priority: PriorityArgs,

    /// Run after this long, e.g. 90s, 10m, 1h
    #[arg(
        long,
        value_name = "DURATION",
        conflicts_with = "at",
        value_parser = input::parse_ms,
        help_heading = "Job options"
    )]
    pub delay: Option<u64>,

    /// Run at this RFC 3339 time, e.g. 2027-01-01T09:00:00Z
    #[arg(long, value_name = "TIME", value_parser = input::parse_future_time_ms, help_heading = "Job options")]
    pub at: Option<u64>,

    /// Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]
    #[arg(long, env = env::QUEUE_MAX_RETRIES, value_name = "N", value_parser = input::parse_attempts, help_heading = "Job options")]
    pub attempts: Option<u32>,

    /// exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]
    #[arg(long, value_name = "STRATEGY", value_parser = vocab::parse_backoff, help_heading = "Job options")]
    pub backoff: Option<BackoffStrategy>,

    /// Custom job id (not an integer, no `:`); a duplicate id adds nothing
    #[arg(long, value_name = "ID", value_parser = input::validate_job_id, help_heading = "Job options")]
    pub job_id: Option<String>,

    /// Deduplication id: while a job with this id exists, adds are ignored
    #[arg(long, value_name = "ID", value_parser = parse_dedup_id, help_heading = "Job options")]
    pub dedup_id: Option<String>,

    /// Keep the deduplication window for this long only
    #[arg(
        long,
        value_name = "DURATION",
        requires = "dedup_id",
        value_parser = input::parse_ms,
        help_heading = "Job options"
    )]
    pub dedup_ttl: Option<u64>,

    /// Add to the front of the queue (last in, first out)
    #[arg(long, help_heading = "Job options")]
    pub lifo: bool,

    /// Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]
    #[arg(long, value_name = "N|DURATION", value_parser = input::parse_keep, help_heading = "Job options")]
    pub remove_on_complete: Option<RemoveOnFinish>,

    /// Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]
    #[arg(long, value_name = "N|DURATION", value_parser = input::parse_keep, help_heading = "Job options")]
    pub remove_on_fail: Option<RemoveOnFinish>,
}

impl JobOptionArgs {
    /// The options for the domain; `--at` becomes a delay from `now_ms`, and
    /// `--customer` picks the priority when `--priority` is not given.
    pub fn values(&self, queue: Option<String>, now_ms: u64) -> JobOptionValues {
        JobOptionValues {
            queue,
            priority: self.priority.value(),
            delay: self.delay.or(self.at.map(|at| at.saturating_sub(now_ms))),
            attempts: self.attempts,
            backoff: self.backoff.clone(),
            job_id: self.job_id.clone(),
            // The id was checked non-empty by its parser, which is all dedup checks.
            dedup: self
                .dedup_id
                .as_deref()
                .and_then(|id| input::dedup(id, self.dedup_ttl).ok()),
            lifo: self.lifo.then_some(true),
            remove_on_complete: self.remove_on_complete.clone(),
            remove_on_fail: self.remove_on_fail.clone(),
        }
    }

    /// The first flag given that a scheduler refuses, and why: BullMQ sets
    /// the id and delay of every iteration itself, refuses deduplication in
    /// templates, and bullmq-official does not carry `lifo` over.
    pub fn refused_by_scheduler(&self) -> Option<(&'static str, &'static str)> {
        let refused = [
            (
                "--delay",
                self.delay.is_some(),
                "each iteration's delay comes from the schedule",
            ),
            ("--at", self.at.is_some(), "use --cron for a time of day"),
            (
                "--job-id",
                self.job_id.is_some(),
                "iteration ids are repeat:ID:TIME",
            ),
            (
                "--dedup-id",
                self.dedup_id.is_some(),
                "BullMQ does not deduplicate scheduler iterations",
            ),
            (
                "--lifo",
                self.lifo,
                "scheduler iterations are always added first in, first out",
            ),
        ];
        refused
            .into_iter()
            .find(|(_, given, _)| *given)
            .map(|(flag, _, why)| (flag, why))
    }
}

/// Parses `--priority`: a name or a number.
pub fn parse_priority(text: &str) -> Result<u32, String> {
    priority::parse(text)
}

/// Parses `--tier`.
pub fn parse_tier(text: &str) -> Result<Tier, String> {
    Tier::parse(text)
}

fn parse_dedup_id(text: &str) -> Result<String, String> {
    match text {
        "" => Err("must not be empty".into()),
        id => Ok(id.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches, Parser};

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        opts: JobOptionArgs,
    }

    fn parse(args: &[&str]) -> Result<JobOptionArgs, String> {
        let argv = std::iter::once("t").chain(args.iter().copied());
        // Without the env fallbacks, so the calling environment cannot leak in.
        Cli::command()
            .mut_args(|a| a.env(None::<&str>))
            .try_get_matches_from(argv)
            .and_then(|m| Cli::from_arg_matches(&m))
            .map(|c| c.opts)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn explicit_priority_beats_tier() {
        let o = parse(&[
            "--priority",
            "bulk",
            "--customer",
            "c1",
            "--tier",
            "premium",
        ])
        .unwrap();
        assert_eq!(o.values(None, 0).priority, Some(5));
        let o = parse(&["--customer", "c1", "--tier", "premium"]).unwrap();
        assert_eq!(o.values(None, 0).priority, Some(2));
    }

    #[test]
    fn at_becomes_a_delay_and_values_are_typed() {
        let o = parse(&[
            "--at",
            "2999-01-01T00:00:00Z",
            "--backoff",
            "exponential:3s",
        ])
        .unwrap();
        let v = o.values(None, 32_472_143_990_000);
        assert_eq!(v.delay, Some(10_000));
        assert!(matches!(
            v.backoff,
            Some(BackoffStrategy::Exponential(3000))
        ));
    }

    #[test]
    fn bad_values_name_the_flag() {
        for (args, flag) in [
            (["--priority", "urgent"], "--priority"),
            (["--delay", "ten"], "--delay"),
            (["--job-id", "42"], "--job-id"),
            (["--attempts", "0"], "--attempts"),
            (["--backoff", "linear:1s"], "--backoff"),
            (["--at", "2001-01-01T00:00:00Z"], "in the past"),
        ] {
            let e = parse(&args).unwrap_err();
            assert!(e.contains(flag), "{args:?}: {e}");
        }
    }

    #[test]
    fn a_scheduler_refuses_per_job_options() {
        let o = parse(&["--job-id", "x"]).unwrap();
        assert_eq!(o.refused_by_scheduler().map(|r| r.0), Some("--job-id"));
        let o = parse(&["--lifo"]).unwrap();
        assert_eq!(o.refused_by_scheduler().map(|r| r.0), Some("--lifo"));
        assert_eq!(parse(&[]).unwrap().refused_by_scheduler(), None);
    }
}
