//! The clap definition: every flag, subcommand and help text, and nothing else.
//!
//! Completions and man pages are generated from this module, so help text here is
//! the documentation users read.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::env;
use crate::queues::JobState;

mod cleanup;
mod control;
mod crawl;
mod events;
mod export;
mod extract;
mod health;
mod import;
mod job_options;
mod metrics;
mod ops;
mod retry;
mod schedule;
mod search;
mod serve;
mod worker;

use cleanup::CLEANUP_AFTER_HELP;
pub use cleanup::{CleanState, CleanupArgs};
use control::LIMIT_AFTER_HELP;
pub use control::{DrainArgs, LimitArgs, PauseArgs, PromoteArgs, RemoveArgs};
use events::EVENTS_AFTER_HELP;
pub use events::{EventsArgs, WaitArgs};
pub use export::ExportArgs;
use export::EXPORT_AFTER_HELP;
pub use health::HealthArgs;
use health::HEALTH_AFTER_HELP;
pub use import::ImportArgs;
use import::IMPORT_AFTER_HELP;
pub use job_options::{parse_priority, parse_tier, JobOptionArgs};
use metrics::METRICS_AFTER_HELP;
pub use metrics::{MetricsArgs, MetricsFormat};
pub use ops::ConfirmArgs;
pub use retry::RetryDeadArgs;
use retry::RETRY_AFTER_HELP;
use schedule::SCHEDULE_AFTER_HELP;
pub use schedule::{
    ScheduleAction, ScheduleAddArgs, ScheduleArgs, ScheduleListArgs, ScheduleRemoveArgs,
};
use search::SEARCH_AFTER_HELP;
pub use search::{JobFilters, SearchArgs, ThenArg, DEFAULT_MAX_REDIS_BUSY};
pub use serve::ServeArgs;
use serve::SERVE_AFTER_HELP;

use crawl::CRAWL_AFTER_HELP;
pub use crawl::{CrawlArgs, CrawlFormat, RenderArg, RenderArgs};
use extract::EXTRACT_AFTER_HELP;
pub use extract::{ChunkUnitArg, ContentArg, ContentArgs, ExtractArgs, TokenizerArg};
use worker::WORKER_AFTER_HELP;
pub use worker::{parse_duration_or_ms, JobMetricsArg, WorkerArgs};

const AFTER_HELP: &str = "\
Exit codes:
  0    success (including \"nothing matched\")
  1    runtime failure (a Redis command failed, a job was not found)
  2    invalid usage or input; nothing was written
  3    Redis unreachable, or authentication failed
  4    crawl: a seed URL could not be fetched, or robots.txt refused it
  5    --wait: the job did not finish within --timeout (it keeps running)
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

    /// Comma-separated Redis Sentinel addresses (host:port); needs --sentinel-master
    #[arg(long, global = true, env = env::REDIS_SENTINELS, value_name = "NODES", requires = "sentinel_master", conflicts_with_all = ["redis_url", "redis_host", "redis_port", "cluster_nodes"], help_heading = "Connection")]
    pub sentinels: Option<String>,

    /// Name of the master set the sentinels monitor; needs --sentinels
    #[arg(long, global = true, env = env::REDIS_SENTINEL_MASTER, value_name = "NAME", requires = "sentinels", help_heading = "Connection")]
    pub sentinel_master: Option<String>,

    /// ACL user name for the sentinels (--redis-username is the data nodes')
    #[arg(long, global = true, env = env::REDIS_SENTINEL_USERNAME, hide_env_values = true, value_name = "USER", help_heading = "Connection")]
    pub sentinel_username: Option<String>,

    /// Password for the sentinels (--redis-password is the data nodes'); prefer the environment variable
    #[arg(long, global = true, env = env::REDIS_SENTINEL_PASSWORD, hide_env_values = true, value_name = "PASSWORD", help_heading = "Connection")]
    pub sentinel_password: Option<String>,

    /// Talk TLS to the sentinels (--tls is the data nodes'; --tls-ca serves both)
    #[arg(long, global = true, env = env::REDIS_SENTINEL_TLS, value_parser = clap::builder::FalseyValueParser::new(), help_heading = "Connection")]
    pub sentinel_tls: bool,

    /// BullMQ key prefix; on Redis Cluster it or each queue name needs a hash tag (`{bull}`, `{scrape}`)
    #[arg(long, global = true, env = env::QUEUE_PREFIX, default_value = "bull", value_name = "PREFIX", help_heading = "Connection")]
    pub prefix: String,

    /// Give up connecting after this long
    #[arg(long, global = true, env = env::CONNECT_TIMEOUT, default_value = "5s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub connect_timeout: Duration,

    /// Give up waiting for any one Redis reply after this long (exit 3)
    #[arg(long, global = true, env = env::COMMAND_TIMEOUT, default_value = "5s", value_parser = parse_duration, value_name = "DURATION", help_heading = "Connection")]
    pub command_timeout: Duration,

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
    /// Show one job whole (data, options, state, progress, result, logs), or change it
    Job(JobArgs),
    /// Find jobs across states and queues by name, data, error and time; then act on them
    #[command(after_help = SEARCH_AFTER_HELP)]
    Search(Box<SearchArgs>),
    /// Crawl a site politely and print each page as JSON (no Redis needed)
    #[command(after_help = CRAWL_AFTER_HELP)]
    Crawl(Box<CrawlArgs>),
    /// Extract main content, Markdown, metadata and chunks from HTML files or stdin
    #[command(after_help = EXTRACT_AFTER_HELP)]
    Extract(Box<ExtractArgs>),
    /// Process jobs from queues, like a BullMQ worker (echo, sleep, --exec handlers)
    #[command(after_help = WORKER_AFTER_HELP)]
    Worker(Box<WorkerArgs>),
    /// Completed and failed jobs per minute (BullMQ metrics), or Prometheus text
    #[command(after_help = METRICS_AFTER_HELP)]
    Metrics(MetricsArgs),
    /// Check queues, workers and Redis; exit 0 healthy, 1 issues found, 3 unreachable
    #[command(after_help = HEALTH_AFTER_HELP)]
    Health(HealthArgs),
    /// Retry failed jobs (BullMQ's failed set) or a dead-letter list's records
    #[command(after_help = RETRY_AFTER_HELP)]
    RetryDead(Box<RetryDeadArgs>),
    /// Remove old jobs, trim event streams, find orphans, or obliterate a queue
    #[command(after_help = CLEANUP_AFTER_HELP)]
    Cleanup(CleanupArgs),
    /// Pause queues: workers stop taking new jobs (active ones finish)
    Pause(PauseArgs),
    /// Resume paused queues
    Resume(PauseArgs),
    /// Show or set a queue's global concurrency and rate limit (BullMQ's, for all workers)
    #[command(after_help = LIMIT_AFTER_HELP)]
    Limit(LimitArgs),
    /// Move delayed jobs to waiting now
    Promote(PromoteArgs),
    /// Remove jobs by id
    #[command(visible_alias = "rm")]
    Remove(RemoveArgs),
    /// Remove every waiting (and with --delayed, delayed) job of a queue
    Drain(DrainArgs),
    /// Add, list and remove job schedulers (cron or fixed interval)
    #[command(after_help = SCHEDULE_AFTER_HELP)]
    Schedule(ScheduleArgs),
    /// Write queues' jobs, logs and job schedulers to an NDJSON file (read-only)
    #[command(after_help = EXPORT_AFTER_HELP)]
    Export(Box<ExportArgs>),
    /// Re-create the jobs and job schedulers of an export file, idempotently
    #[command(after_help = IMPORT_AFTER_HELP)]
    Import(ImportArgs),
    /// Print queue events (add --follow to keep reading)
    #[command(after_help = EVENTS_AFTER_HELP)]
    Events(EventsArgs),
    /// Serve the REST API, a WebSocket stream of job events and a live dashboard
    #[command(after_help = SERVE_AFTER_HELP)]
    Serve(ServeArgs),
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
validated before anything is written. Jobs are added in input order; when the
add stops (Ctrl-C, a Redis error) queuectl says how many of the first jobs are
in Redis and the --skip N that resumes after them.

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

    /// Add only the jobs after the first N of --file (to resume a stopped
    /// add); every line is still validated
    #[arg(long, value_name = "N", requires = "file")]
    pub skip: Option<usize>,

    /// Target queue [default: QUEUE_NAME, else routed by job name]
    #[arg(long, env = env::QUEUE_NAME, value_name = "QUEUE")]
    pub queue: Option<String>,

    #[command(flatten)]
    pub opts: JobOptionArgs,

    #[command(flatten)]
    pub wait: WaitArgs,
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

impl From<StateArg> for JobState {
    fn from(s: StateArg) -> Self {
        match s {
            StateArg::Waiting => JobState::Waiting,
            StateArg::Active => JobState::Active,
            StateArg::Delayed => JobState::Delayed,
            StateArg::Prioritized => JobState::Prioritized,
            StateArg::WaitingChildren => JobState::WaitingChildren,
            StateArg::Completed => JobState::Completed,
            StateArg::Failed => JobState::Failed,
        }
    }
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

    #[command(flatten)]
    pub wait: WaitArgs,

    /// Replace the job's data: JSON text, @PATH, or - for stdin (BullMQ's updateData)
    #[arg(
        long,
        value_name = "DATA",
        conflicts_with = "wait",
        help_heading = "Edit"
    )]
    pub set_data: Option<String>,

    /// Change the job's priority: a name or 1..2097152 (BullMQ's changePriority)
    #[arg(long, value_parser = parse_priority, value_name = "PRIORITY", conflicts_with = "wait", help_heading = "Edit")]
    pub set_priority: Option<u32>,

    /// Change a delayed job's delay, counted from now (BullMQ's changeDelay)
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", conflicts_with = "wait", help_heading = "Edit")]
    pub set_delay: Option<Duration>,
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

/// Parses a human duration such as `500ms`, `90s`, `15m`, `2h`, `7d`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s.trim())
        .map_err(|e| format!("invalid duration '{s}': {e} (try 90s, 15m, 2h)"))
}
