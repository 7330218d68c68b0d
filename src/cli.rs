//! The clap definition: every flag, subcommand and help text, and nothing else.
//!
//! Completions and man pages are generated from this file, so help text here is
//! the documentation users read.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::env;

const AFTER_HELP: &str = "\
Exit codes:
  0    success (including \"nothing matched\")
  1    runtime failure (a Redis command failed, a job was not found)
  2    invalid usage or input; nothing was written
  3    Redis unreachable, or authentication failed
  4    crawl: a seed URL could not be fetched, or robots.txt refused it
  130  interrupted (Ctrl-C)

Connection settings resolve flag > environment > default; with nothing set,
queuectl connects to redis://127.0.0.1:6379 with the key prefix `bull`.";

/// Administer BullMQ job queues in Redis.
///
/// queuectl speaks the Node.js BullMQ 6 data layout through BullMQ's own Lua
/// scripts, so jobs it adds are processed by Node workers and jobs Node adds are
/// visible here, with the same counts, events and options.
#[derive(Debug, Parser)]
#[command(name = "queuectl", version, propagate_version = true, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Connection and output flags accepted by every subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Redis URL: redis://[user:password@]host:port/db or rediss:// for TLS
    #[arg(short = 'u', long, global = true, env = env::REDIS_URL, hide_env_values = true, value_name = "URL", help_heading = "Connection")]
    pub redis_url: Option<String>,

    /// Redis host (used when no URL is given)
    #[arg(long, global = true, env = env::REDIS_HOST, value_name = "HOST", help_heading = "Connection")]
    pub redis_host: Option<String>,

    /// Redis port (used when no URL is given)
    #[arg(long, global = true, env = env::REDIS_PORT, value_name = "PORT", help_heading = "Connection")]
    pub redis_port: Option<u16>,

    /// Redis ACL user name
    #[arg(long, global = true, env = env::REDIS_USERNAME, hide_env_values = true, value_name = "USER", help_heading = "Connection")]
    pub redis_username: Option<String>,

    /// Redis password; prefer the environment variable, a flag shows in `ps`
    #[arg(long, global = true, env = env::REDIS_PASSWORD, hide_env_values = true, value_name = "PASSWORD", help_heading = "Connection")]
    pub redis_password: Option<String>,

    /// Redis logical database number
    #[arg(long, global = true, env = env::REDIS_DB, value_name = "N", help_heading = "Connection")]
    pub redis_db: Option<u8>,

    /// Connect with TLS (implied by a rediss:// URL)
    #[arg(long, global = true, env = env::REDIS_TLS, value_parser = clap::builder::FalseyValueParser::new(), help_heading = "Connection")]
    pub tls: bool,

    /// CA certificate (PEM) to verify the server with, instead of the public roots
    #[arg(long, global = true, env = env::REDIS_TLS_CA, value_name = "FILE", help_heading = "Connection")]
    pub tls_ca: Option<PathBuf>,

    /// Client certificate (PEM) for mutual TLS; needs --tls-key
    #[arg(long, global = true, env = env::REDIS_TLS_CERT, value_name = "FILE", requires = "tls_key", help_heading = "Connection")]
    pub tls_cert: Option<PathBuf>,

    /// Client private key (PEM) for mutual TLS; needs --tls-cert
    #[arg(long, global = true, env = env::REDIS_TLS_KEY, value_name = "FILE", requires = "tls_cert", help_heading = "Connection")]
    pub tls_key: Option<PathBuf>,

    /// Comma-separated Redis Cluster seed nodes (host:port or redis:// URLs)
    #[arg(long, global = true, env = env::REDIS_CLUSTER_NODES, hide_env_values = true, value_name = "NODES", help_heading = "Connection")]
    pub cluster_nodes: Option<String>,

    /// BullMQ key prefix; Redis Cluster needs a hash tag such as `{bull}`
    #[arg(long, global = true, env = env::QUEUE_PREFIX, default_value = "bull", value_name = "PREFIX", help_heading = "Connection")]
    pub prefix: String,

    /// Give up connecting after this long
    #[arg(long, global = true, env = env::CONNECT_TIMEOUT, default_value = "5s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub connect_timeout: Duration,

    /// Print machine-readable JSON on stdout
    #[arg(long, global = true, help_heading = "Output")]
    pub json: bool,

    /// Print only the data: no notes, warnings or progress bars
    #[arg(short, long, global = true, help_heading = "Output")]
    pub quiet: bool,

    /// When to use colour (`NO_COLOR` set means never)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = "Output")]
    pub color: ColorChoice,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a job (or, with --file, many jobs) to a queue
    #[command(after_help = ENQUEUE_AFTER_HELP)]
    Enqueue(Box<EnqueueArgs>),
    /// Show job counts per state for queues
    Stats(StatsArgs),
    /// List the queues under the prefix
    #[command(visible_alias = "ls")]
    Queues(QueuesArgs),
    /// List jobs of a queue
    Jobs(JobsArgs),
    /// Show one job whole: data, options, state, progress, result, logs
    Job(JobArgs),
    /// Crawl a site politely and print each page as JSON (no Redis needed)
    #[command(after_help = CRAWL_AFTER_HELP)]
    Crawl(Box<CrawlArgs>),
    /// Process jobs from queues, like a BullMQ worker (echo, sleep, --exec handlers)
    #[command(after_help = WORKER_AFTER_HELP)]
    Worker(Box<WorkerArgs>),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page, or write every page to a directory
    Man(ManArgs),
}

const ENQUEUE_AFTER_HELP: &str = "\
Queue routing (without --queue or QUEUE_NAME):
  single-page, full-crawl, refresh, scrape-website  -> scrape-queue
  maintenance, daily-maintenance, cleanup           -> maintenance-queue
  analytics, process-content                        -> process-queue

Priorities: critical=1, high=2, normal=3, low=4, bulk=5, or a number 1..2097152
(lower runs first). Customer tiers: --new-customer or premium -> high,
standard -> normal, free -> low; an explicit --priority wins.

NDJSON (--file): one {\"name\", \"data\", \"opts\"} object per line. `opts` takes
BullMQ's option names (priority, delay, attempts, backoff, jobId, lifo,
removeOnComplete, removeOnFail, deduplication) plus `queue`. Every line is
validated before anything is written.

Examples:
  queuectl enqueue single-page '{\"url\":\"https://example.com\"}' --priority high
  queuectl enqueue analytics @payload.json --delay 10m
  JOB=$(queuectl enqueue refresh - < data.json)
  queuectl enqueue --file jobs.ndjson --json";

/// Arguments of `queuectl enqueue`.
#[derive(Debug, Args)]
pub struct EnqueueArgs {
    /// Job name, e.g. single-page, full-crawl, maintenance
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub name: Option<String>,

    /// Job data: JSON text, @PATH to read a file, or - for stdin [default: {}]
    #[arg(value_name = "DATA")]
    pub data: Option<String>,

    /// Read NDJSON jobs from PATH (- for stdin) and add them in bulk
    #[arg(long, value_name = "PATH")]
    pub file: Option<String>,

    /// Target queue [default: QUEUE_NAME, else routed by job name]
    #[arg(long, env = env::QUEUE_NAME, value_name = "QUEUE")]
    pub queue: Option<String>,

    #[command(flatten)]
    pub opts: JobOptionArgs,
}

/// Job options shared by single and bulk enqueue (flags apply to every line of --file
/// unless the line sets its own).
#[derive(Debug, Args, Clone, Default)]
pub struct JobOptionArgs {
    /// critical|high|normal|low|bulk or a number from 1 to 2097152
    #[arg(long, value_name = "PRIORITY", help_heading = "Job options")]
    pub priority: Option<String>,

    /// Customer id; with --tier or --new-customer it picks the priority
    #[arg(long, value_name = "ID", help_heading = "Job options")]
    pub customer: Option<String>,

    /// The customer is new (priority high)
    #[arg(long, requires = "customer", help_heading = "Job options")]
    pub new_customer: bool,

    /// Customer tier: premium (high), standard (normal), free (low)
    #[arg(
        long,
        value_name = "TIER",
        requires = "customer",
        help_heading = "Job options"
    )]
    pub tier: Option<String>,

    /// Run after this long, e.g. 90s, 10m, 1h
    #[arg(
        long,
        value_name = "DURATION",
        conflicts_with = "at",
        help_heading = "Job options"
    )]
    pub delay: Option<String>,

    /// Run at this RFC 3339 time, e.g. 2026-12-01T09:00:00Z
    #[arg(long, value_name = "TIME", help_heading = "Job options")]
    pub at: Option<String>,

    /// Attempts before the job fails for good [default: QUEUE_MAX_RETRIES, else 3]
    #[arg(long, env = env::QUEUE_MAX_RETRIES, value_name = "N", help_heading = "Job options")]
    pub attempts: Option<String>,

    /// exponential:DURATION or fixed:DURATION [default: exponential:2s for scrape jobs, else fixed:5s]
    #[arg(long, value_name = "STRATEGY", help_heading = "Job options")]
    pub backoff: Option<String>,

    /// Custom job id (not an integer, no `:`); a duplicate id adds nothing
    #[arg(long, value_name = "ID", help_heading = "Job options")]
    pub job_id: Option<String>,

    /// Deduplication id: while a job with this id exists, adds are ignored
    #[arg(long, value_name = "ID", help_heading = "Job options")]
    pub dedup_id: Option<String>,

    /// Keep the deduplication window for this long only
    #[arg(
        long,
        value_name = "DURATION",
        requires = "dedup_id",
        help_heading = "Job options"
    )]
    pub dedup_ttl: Option<String>,

    /// Add to the front of the queue (last in, first out)
    #[arg(long, help_heading = "Job options")]
    pub lifo: bool,

    /// Completed jobs to keep: a count (N) or an age (DURATION) [default: 100]
    #[arg(long, value_name = "N|DURATION", help_heading = "Job options")]
    pub remove_on_complete: Option<String>,

    /// Failed jobs to keep: a count (N) or an age (DURATION) [default: 50]
    #[arg(long, value_name = "N|DURATION", help_heading = "Job options")]
    pub remove_on_fail: Option<String>,
}

/// Arguments of `queuectl stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Queues to show [default: every queue under the prefix]
    #[arg(value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// Redraw every INTERVAL until Ctrl-C
    #[arg(long, value_name = "INTERVAL", num_args = 0..=1, default_missing_value = "2s", value_parser = parse_duration)]
    pub watch: Option<Duration>,
}

/// Arguments of `queuectl queues`.
#[derive(Debug, Args)]
pub struct QueuesArgs {}

/// Job states as BullMQ names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    /// Ready to run (the `wait` list)
    #[value(alias = "wait")]
    Waiting,
    /// Being processed
    Active,
    /// Waiting for their delay to pass
    Delayed,
    /// Ready to run, ordered by priority
    Prioritized,
    /// Parents waiting for their children
    WaitingChildren,
    /// Finished successfully
    Completed,
    /// Failed for good (BullMQ has no separate "dead" state)
    Failed,
}

/// Arguments of `queuectl jobs`.
#[derive(Debug, Args)]
pub struct JobsArgs {
    /// The queue to list
    pub queue: String,

    /// Only jobs in this state [default: all states]
    #[arg(short, long, value_enum)]
    pub state: Option<StateArg>,

    /// Show at most N jobs
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u32,

    /// Skip the first N jobs
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,
}

/// Arguments of `queuectl job`.
#[derive(Debug, Args)]
pub struct JobArgs {
    /// The queue the job belongs to
    pub queue: String,
    /// The job id
    pub id: String,
}

const CRAWL_AFTER_HELP: &str = "\
Scope: the seeds' hosts (http and https of one host are one site; a seed that
redirects to another host brings that host in). --include/--exclude match the
URL path and query; exclude wins; seeds are exempt.

robots.txt is fetched once per origin and obeyed for the product token of the
user agent (`queuectl`): 4xx means everything is allowed; 429, 5xx or a network
error means nothing is fetched from that origin. Crawl-delay is honoured (at
most 60s).

Output: one JSON object per page (url, finalUrl, status, title, description,
text, links, depth, contentHash, error, ...); a summary on stderr, and with
--json a last line {\"summary\": {...}}.

Exit codes: 0 when every seed was fetched; 4 when a seed failed or robots.txt
refused it; 2 for an invalid URL or flag.

Examples:
  queuectl crawl https://example.com --max-pages 5
  queuectl crawl https://example.com/docs/ --include '^/docs/' -o docs.ndjson
  queuectl crawl https://example.com --cache crawl-cache.json
  queuectl crawl https://example.com --enqueue --customer acme --tier premium";

/// Page output formats of `queuectl crawl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrawlFormat {
    /// One JSON object per page, written as each page is done
    Ndjson,
    /// One JSON document {"pages": [...], "summary": {...}} at the end
    Json,
    /// Title, URL and visible text of each page
    Markdown,
}

/// Arguments of `queuectl crawl`.
#[derive(Debug, Args)]
pub struct CrawlArgs {
    /// Start URLs (http or https)
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,

    /// Fetch only the given pages, not the pages they link to
    #[arg(long, help_heading = "Limits")]
    pub single_page: bool,

    /// Fetch at most N pages (never exceeded; redirect hops count once)
    #[arg(long, default_value_t = 100, value_name = "N", help_heading = "Limits")]
    pub max_pages: usize,

    /// Follow links at most N levels from a seed
    #[arg(long, default_value_t = 10, value_name = "N", help_heading = "Limits")]
    pub max_depth: u32,

    /// Only crawl URLs whose path and query match REGEX (repeatable)
    #[arg(long, value_name = "REGEX", help_heading = "Limits")]
    pub include: Vec<String>,

    /// Never crawl URLs whose path and query match REGEX (repeatable)
    #[arg(long, value_name = "REGEX", help_heading = "Limits")]
    pub exclude: Vec<String>,

    /// Also crawl subdomains of the seeds' hosts
    #[arg(long, help_heading = "Limits")]
    pub include_subdomains: bool,

    /// Stop after this long, e.g. 30s, 5m
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", help_heading = "Limits")]
    pub max_duration: Option<Duration>,

    /// Do not queue the pages listed in the sitemaps that robots.txt names
    #[arg(long, help_heading = "Limits")]
    pub no_sitemaps: bool,

    /// Do not fetch or obey robots.txt (only for sites you may crawl anyway)
    #[arg(long, help_heading = "Politeness")]
    pub ignore_robots: bool,

    /// Requests in flight per host
    #[arg(
        long,
        default_value_t = 2,
        value_name = "N",
        help_heading = "Politeness"
    )]
    pub host_concurrency: usize,

    /// Minimum time between request starts to one host (plus up to 50% jitter)
    #[arg(long, default_value = "500ms", value_parser = parse_duration, value_name = "DURATION", help_heading = "Politeness")]
    pub delay: Duration,

    /// Requests in flight overall
    #[arg(
        long,
        default_value_t = 16,
        value_name = "N",
        help_heading = "Politeness"
    )]
    pub concurrency: usize,

    /// User-Agent header; its first word is the robots.txt product token
    #[arg(long, default_value_t = crate::crawl::default_user_agent(), value_name = "UA", help_heading = "Politeness")]
    pub user_agent: String,

    /// Give up connecting to a web server after this long
    #[arg(long, default_value = "10s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Politeness")]
    pub http_connect_timeout: Duration,

    /// Give up on one request after this long
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Politeness")]
    pub request_timeout: Duration,

    /// Page output format
    #[arg(long, value_enum, default_value_t = CrawlFormat::Ndjson, value_name = "FORMAT", help_heading = "Crawl output")]
    pub output: CrawlFormat,

    /// Write pages to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Crawl output")]
    pub output_file: Option<PathBuf>,

    /// Refresh cache: ETag, Last-Modified and content hash per URL; unchanged pages say so
    #[arg(long, value_name = "PATH", help_heading = "Crawl output")]
    pub cache: Option<PathBuf>,

    /// Ignore the cache's validators and fetch everything again (a refresh job's forceRefresh)
    #[arg(long, help_heading = "Crawl output")]
    pub force_refresh: bool,

    /// Do not crawl here: add a scrape job to scrape-queue for a worker (needs Redis)
    #[arg(long, help_heading = "Enqueue")]
    pub enqueue: bool,

    /// Enqueue a refresh job instead of a crawl
    #[arg(long, requires = "enqueue", help_heading = "Enqueue")]
    pub refresh: bool,

    /// critical|high|normal|low|bulk or a number from 1 to 2097152
    #[arg(
        long,
        requires = "enqueue",
        value_name = "PRIORITY",
        help_heading = "Enqueue"
    )]
    pub priority: Option<String>,

    /// Customer id; with --tier or --new-customer it picks the priority
    #[arg(
        long,
        requires = "enqueue",
        value_name = "ID",
        help_heading = "Enqueue"
    )]
    pub customer: Option<String>,

    /// The customer is new (priority high)
    #[arg(long, requires = "customer", help_heading = "Enqueue")]
    pub new_customer: bool,

    /// Customer tier: premium (high), standard (normal), free (low)
    #[arg(
        long,
        requires = "customer",
        value_name = "TIER",
        help_heading = "Enqueue"
    )]
    pub tier: Option<String>,

    /// A second job for the same host inside this window is not added
    #[arg(long, default_value = "1h", value_parser = parse_duration, value_name = "DURATION", help_heading = "Enqueue")]
    pub dedup_window: Duration,
}

/// Shells queuectl can complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU Bash
    Bash,
    /// Z shell
    Zsh,
    /// fish
    Fish,
    /// PowerShell
    Powershell,
    /// Elvish
    Elvish,
}

/// Arguments of `queuectl completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `queuectl man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write queuectl.1 and one page per subcommand into DIR instead of printing
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

const WORKER_AFTER_HELP: &str = "\
Handlers, chosen by job name:
  single-page, full-crawl, refresh, scrape-website (data.type picks one)
              crawl data.url (data.maxPages, data.respectRobots, data.forceRefresh)
              politely; progress rises to 100 \"Complete\"; the result is
              {success, pagesProcessed, pagesFailed, blockedByRobots, …, pages}
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

Durations accept 90s, 15m, 2h or plain milliseconds (30000), as the Node system's
environment variables are written.

Ctrl-C or SIGTERM stops fetching and lets active jobs finish for up to --grace; a
second signal exits at once (unfinished jobs return to wait through stall recovery).

Examples:
  queuectl worker --queue process-queue --exec 'analytics=./bin/analytics'
  queuectl worker --queue maintenance-queue --burst      # for cron and CI";

/// Arguments of `queuectl worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Queue to serve (repeatable) [default: scrape-queue, process-queue, maintenance-queue]
    #[arg(long = "queue", value_name = "QUEUE")]
    pub queues: Vec<String>,

    /// Jobs of QUEUE that run at once, as QUEUE=N (repeatable; other queues use 1)
    #[arg(long = "concurrency", value_name = "QUEUE=N")]
    pub concurrency: Vec<String>,

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
    #[arg(long = "exec", value_name = "NAME=COMMAND")]
    pub exec: Vec<String>,

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

    /// Worker name, shown by Node's Queue.getWorkers()
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Also push a record of every job that fails for good to this Redis list
    /// ({jobId, name, queue, data, error, stack, timestamp, attemptsMade})
    #[arg(long, value_name = "KEY")]
    pub dead_letter_list: Option<String>,

    /// Let scrape jobs crawl loopback, private and link-local addresses (refused by default:
    /// their URLs come from queue data)
    #[arg(long)]
    pub allow_private_networks: bool,
}

/// Parses a duration, taking a plain number as milliseconds (`30000`).
pub fn parse_duration_or_ms(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<u64>() {
        Ok(ms) => Ok(Duration::from_millis(ms)),
        Err(_) => parse_duration(s),
    }
}

/// Parses a human duration such as `500ms`, `90s`, `15m`, `2h`, `7d`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s.trim())
        .map_err(|e| format!("invalid duration '{s}': {e} (try 90s, 15m, 2h)"))
}
