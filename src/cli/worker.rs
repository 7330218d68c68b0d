//! The arguments of `queuectl worker`.

use std::path::PathBuf;
use std::time::Duration;

use bullmq::types::BackoffStrategy;
use clap::{Args, ValueEnum};

use super::parse_duration;
use crate::env;
use crate::worker::policy;

pub(super) const WORKER_AFTER_HELP: &str = "\
Handlers, chosen by job name:
  single-page, full-crawl, refresh, scrape-website (data.type picks one)
              crawl data.url (data.maxPages, data.respectRobots, data.forceRefresh,
              data.render: never, auto or always, else --render) politely; progress rises to 100 \"Complete\"; the result is
              {success, pagesProcessed, pagesFailed, blockedByRobots, …, pages}
              (pages: while their JSON stays under 1 MiB; with --pages-dir or
              --forward, no pages but pagesFile, forwarded, alreadyForwarded,
              forwardQueue instead)
  echo        returns the job's data
  sleep       sleeps data.ms milliseconds
  --exec NAME=COMMAND
              runs COMMAND with sh -c; the job arrives as JSON on stdin
              ({id, name, data, opts, attemptsMade, queue}) and in QUEUECTL_JOB_ID,
              QUEUECTL_JOB_NAME, QUEUECTL_QUEUE. Stdout lines `progress N [message]`
              update the job's progress, `log TEXT` adds a job log line, and the last
              JSON line is the return value. Exit 0 completes the job, exit 65 fails it
              for good (no retry), any other exit fails this attempt (retried with the
              job's backoff). NAME `*` handles every other job name.
A job with no handler fails for good: \"no handler for NAME in this worker\".

Retries: a job's own backoff (opts.backoff) is applied by BullMQ, exactly as Node
does. A job without one is held (still active) for the policy's delay, then BullMQ
retries it: scrape jobs 2s, doubling, at most 30s; other jobs --default-backoff.
BullMQ cannot cap a job's own exponential backoff (`enqueue` gives scrape jobs
3 attempts and exponential:2s, so the 30s cap only matters from the 5th retry).

Metrics: each attempt adds a job log line such as
  queuectl: duration 120 ms, cpu 40 ms, peak rss 5120 KiB, exit 0
(--exec: the command's CPU time and peak RSS; scrape: the crawl thread's CPU time
and the worker's peak RSS), which `queuectl job` shows and parses into `metrics`.

Durations accept 90s, 15m, 2h or plain milliseconds (30000), as the Node system's
environment variables are written.

Ctrl-C or SIGTERM stops fetching and lets active jobs finish for up to --grace; a
second signal exits at once (unfinished jobs return to wait through stall recovery).

Delivering pages: --pages-dir writes each scrape job's pages (crawl's page JSON, one
per line) to DIR/QUEUE/JOBID.ndjson through a temporary file and a rename, so a reader
never sees half a file and a retried attempt replaces it (JOBID and QUEUE are
%-encoded: only letters, digits, - and _ stay as they are). --forward adds one job per
page fetched without error with text, data {url, finalUrl, title, markdown or text, chunks,
contentHash, lang, customerId, sourceJobId}. A page whose url + contentHash (+ the
job's customerId) was forwarded within --forward-dedup-ttl is not added again (a
retry, or a refresh whose page did not change), even after its forwarded job was
completed and cleaned: BullMQ's deduplication and a ledger key
PREFIX:__queuectl__:forwarded:QUEUE:ID record it.

Examples:
  queuectl worker --queue process-queue --exec 'analytics=./bin/analytics'
  queuectl worker --queue scrape-queue --forward --pages-dir /var/lib/queuectl/pages
  queuectl worker --queue maintenance-queue --burst      # for cron and CI";

use crate::worker::DEFAULT_METRICS_POINTS;

/// Arguments of `queuectl worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    // Scrape jobs without data.render use --render; the other flags apply to all.
    #[command(flatten)]
    pub render: super::crawl::RenderArgs,

    /// Queue to serve (repeatable) [default: scrape-queue, process-queue, maintenance-queue]
    #[arg(long = "queue", value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// Jobs of QUEUE that run at once, as QUEUE=N (repeatable; other queues use 1)
    #[arg(long = "concurrency", value_name = "QUEUE=N", value_parser = parse_queue_concurrency)]
    pub concurrency: Vec<(String, usize)>,

    /// Concurrency of scrape-queue when --concurrency does not set it
    #[arg(long, env = env::QUEUE_CONCURRENCY_SCRAPING, default_value_t = 5, value_name = "N", help_heading = "Worker defaults")]
    pub scrape_concurrency: usize,

    /// Concurrency of process-queue when --concurrency does not set it
    #[arg(long, env = env::QUEUE_CONCURRENCY_PROCESSING, default_value_t = 10, value_name = "N", help_heading = "Worker defaults")]
    pub process_concurrency: usize,

    /// Concurrency of maintenance-queue when --concurrency does not set it
    #[arg(long, env = env::QUEUE_CONCURRENCY_MAINTENANCE, default_value_t = 1, value_name = "N", help_heading = "Worker defaults")]
    pub maintenance_concurrency: usize,

    /// Run COMMAND for jobs named NAME, as NAME=COMMAND (repeatable; NAME `*` for any other)
    #[arg(long = "exec", value_name = "NAME=COMMAND", value_parser = parse_exec)]
    pub exec: Vec<(String, String)>,

    /// Fail a job (retryably) that runs longer than this
    #[arg(long, env = env::QUEUE_JOB_TIMEOUT, default_value = "10m", value_parser = parse_duration_or_ms, value_name = "DURATION", help_heading = "Worker defaults")]
    pub job_timeout: Duration,

    /// How long a job's lock lasts before it must be renewed
    #[arg(long, env = env::WORKER_LOCK_DURATION, default_value = "30s", value_parser = parse_duration_or_ms, value_name = "DURATION", help_heading = "Worker defaults")]
    pub lock_duration: Duration,

    /// How often to look for stalled jobs (whose worker died)
    #[arg(long, env = env::WORKER_STALLED_INTERVAL, default_value = "30s", value_parser = parse_duration_or_ms, value_name = "DURATION", help_heading = "Worker defaults")]
    pub stalled_interval: Duration,

    /// How long an idle worker blocks waiting for a job before polling again
    #[arg(long, env = env::WORKER_POLL_INTERVAL, default_value = "5s", value_parser = parse_duration_or_ms, value_name = "DURATION", help_heading = "Worker defaults")]
    pub poll_interval: Duration,

    /// Exit once every served queue has nothing waiting, active or due within 1 s
    #[arg(long)]
    pub burst: bool,

    /// Exit after this many jobs finished (completed or failed)
    #[arg(long, value_name = "N")]
    pub max_jobs: Option<u64>,

    /// Exit after running this long
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub max_runtime: Option<Duration>,

    /// On shutdown, how long active jobs may keep running
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub grace: Duration,

    /// Record BullMQ's per-minute completed/failed metrics, keeping this many minutes
    /// (what Node's Queue.getMetrics and bull-board read)
    #[arg(long, default_value_t = DEFAULT_METRICS_POINTS, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "no_metrics", help_heading = "Worker defaults")]
    pub metrics_points: u32,

    /// Record no BullMQ metrics
    #[arg(long, help_heading = "Worker defaults")]
    pub no_metrics: bool,

    /// Worker name, shown by Node's Queue.getWorkers()
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Also push a record of every job that fails for good to this Redis list
    /// ({jobId, name, queue, data, error, stack, timestamp, attemptsMade})
    #[arg(long, value_name = "KEY")]
    pub dead_letter_list: Option<String>,

    /// Retry delay for failed non-scrape jobs that have no backoff of their own:
    /// fixed:DURATION, exponential:DURATION or none (retry at once, as Node does)
    #[arg(
        long,
        default_value = "fixed:5s",
        value_name = "BACKOFF",
        value_parser = parse_default_backoff,
        help_heading = "Worker defaults"
    )]
    pub default_backoff: DefaultBackoff,

    /// Which jobs get a metrics log line per attempt (auto: all but echo and sleep,
    /// sparing those one Redis round trip per job)
    #[arg(long, value_enum, default_value_t = JobMetricsArg::Auto, value_name = "WHICH")]
    pub job_metrics: JobMetricsArg,

    /// Let scrape jobs crawl loopback, private and link-local addresses (refused by default:
    /// their URLs come from queue data)
    #[arg(long)]
    pub allow_private_networks: bool,

    /// Write each scrape job's pages to DIR/QUEUE/JOBID.ndjson (atomically; a retry replaces
    /// it) instead of its return value
    #[arg(long, value_name = "DIR", help_heading = "Delivering pages")]
    pub pages_dir: Option<PathBuf>,

    /// Add one NAME job per scraped page to the queue NAME routes to, instead of returning
    /// the pages [NAME when omitted: process-content, routed to process-queue]
    #[arg(
        long,
        value_name = "NAME",
        num_args = 0..=1,
        default_missing_value = "process-content",
        help_heading = "Delivering pages"
    )]
    pub forward: Option<String>,

    /// Queue for the --forward jobs [default: the queue NAME routes to]
    #[arg(
        long,
        value_name = "QUEUE",
        requires = "forward",
        help_heading = "Delivering pages"
    )]
    pub forward_queue: Option<String>,

    /// How long a forwarded page keeps a page with the same url and contentHash from being
    /// forwarded again
    #[arg(long, default_value = "30d", value_parser = parse_duration, value_name = "DURATION", help_heading = "Delivering pages")]
    pub forward_dedup_ttl: Duration,
}

/// Values of `--job-metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JobMetricsArg {
    /// Every handler except echo and sleep
    Auto,
    /// Every handler
    All,
    /// None
    Off,
}

/// Parses a duration, taking a plain number as milliseconds (`30000`).
/// A worker's default backoff; `None` retries at once.
#[derive(Debug, Clone)]
pub struct DefaultBackoff(pub Option<BackoffStrategy>);

fn parse_default_backoff(text: &str) -> Result<DefaultBackoff, String> {
    policy::parse_backoff(text).map(DefaultBackoff)
}

/// Parses `--concurrency QUEUE=N`.
fn parse_queue_concurrency(spec: &str) -> Result<(String, usize), String> {
    spec.split_once('=')
        .filter(|(q, _)| !q.is_empty())
        .and_then(|(q, n)| Some((q.to_string(), n.trim().parse().ok()?)))
        .ok_or_else(|| "expected QUEUE=N".to_string())
}

/// Parses `--exec NAME=COMMAND`.
fn parse_exec(spec: &str) -> Result<(String, String), String> {
    spec.split_once('=')
        .filter(|(n, c)| !n.is_empty() && !c.trim().is_empty())
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .ok_or_else(|| "expected NAME=COMMAND".to_string())
}

pub fn parse_duration_or_ms(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<u64>() {
        Ok(ms) => Ok(Duration::from_millis(ms)),
        Err(_) => parse_duration(s),
    }
}
