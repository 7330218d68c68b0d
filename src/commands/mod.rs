//! The command context and dispatch: parse, resolve settings, run one
//! subcommand, map its result to an exit code.

mod cleanup;
mod completions;
mod crawl;
mod drain;
mod enqueue;
mod events;
mod export;
mod extract;
mod health;
mod import;
mod job;
mod jobs;
mod limit;
mod man;
mod metrics;
mod pause;
mod promote;
mod queues;
mod remove;
mod resume;
mod retry_dead;
mod schedule;
mod search;
mod serve;
mod stats;
mod wait;
mod worker;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, ColorChoice, Command};
use crate::connection::Redis;
use crate::error::{self, Exit};
use crate::output::{self, Printer};
use crate::settings::{self, Settings};

/// What every command gets: resolved settings and the printer.
pub struct Ctx {
    pub settings: Settings,
    pub out: Printer,
}

impl Ctx {
    /// Connects to Redis (each command connects at most once).
    pub async fn redis(&self) -> anyhow::Result<Redis> {
        Ok(Redis::connect(&self.settings.redis).await?)
    }

    /// Connects for a long-running mode (`long_running` true), where a read
    /// that finds its connection lost, as after a Redis restart, is made once
    /// more on a new connection; one-shot commands fail fast instead.
    pub async fn redis_for(&self, long_running: bool) -> anyhow::Result<Redis> {
        let redis = self.redis().await?;
        Ok(if long_running {
            redis.retrying_reads()
        } else {
            redis
        })
    }

    /// Checks a queue name the user gave before anything connects: its
    /// syntax, and on Cluster that its keys share a slot.
    pub fn check_queue(&self, queue: &str) -> anyhow::Result<()> {
        crate::queues::input::validate_queue(queue)?;
        Ok(self.settings.redis.check_queue(queue)?)
    }
}

/// Runs queuectl with these arguments and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Exit {
    let args: Vec<OsString> = args.into_iter().collect();
    let matches = match Cli::command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) if e.kind() == clap::error::ErrorKind::ValueValidation => {
            let out = Printer::new(lenient_output(&args), Vec::new());
            out.error(&value_error(&e), error::code_name(Exit::Usage));
            return Exit::Usage;
        }
        Err(e) => {
            output::clap_message(&e);
            return if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            };
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            output::clap_message(&e);
            return Exit::Usage;
        }
    };
    let settings = match settings::resolve(&cli.global, &matches) {
        Ok(s) => s,
        Err(e) => {
            let fallback = Printer::new(settings::output(&cli.global), Vec::new());
            fallback.error(&e.to_string(), error::code_name(Exit::Usage));
            return Exit::Usage;
        }
    };
    let secrets = settings.redis.password.iter().cloned().collect();
    let ctx = Ctx {
        out: Printer::new(settings.output, secrets),
        settings,
    };
    let result = runtime(&cli.command).and_then(|rt| rt.block_on(dispatch(&ctx, cli.command)));
    match result {
        Ok(exit) => exit,
        Err(err) => {
            let command = matches.subcommand_name().unwrap_or_default();
            let err = error::lost_redis(err, &ctx.settings.redis, command);
            let exit = error::exit_for(&err);
            if exit != Exit::Ok {
                ctx.out.error(&format!("{err:#}"), error::code_name(exit));
            }
            exit
        }
    }
}

/// A value its parser refused, in one line naming the flag and the parser's
/// reason (clap's first line), so it reads like every other usage error.
fn value_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

/// The output settings when parsing failed: `--json` if it was given (before
/// any `--`, after which arguments are not flags).
fn lenient_output(args: &[OsString]) -> settings::OutputSettings {
    let json = args
        .iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json");
    settings::OutputSettings::new(json, false, ColorChoice::Auto)
}

/// One thread for everything, except `crawl`: its engine stays on this thread
/// while the HTTP connections' own tasks run on two more, next to the page
/// parsing that already runs in blocking threads; and `serve`, whose HTTP
/// connections and WebSocket clients share those two threads.
fn runtime(command: &Command) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut builder = match command {
        Command::Crawl(_) | Command::Serve(_) => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(2);
            b
        }
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    Ok(builder.enable_all().build()?)
}

async fn dispatch(ctx: &Ctx, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Enqueue(args) => enqueue::run(ctx, *args).await,
        Command::Stats(args) => stats::run(ctx, args).await,
        Command::Queues(args) => queues::run(ctx, args).await,
        Command::Jobs(args) => jobs::run(ctx, args).await,
        Command::Job(args) => job::run(ctx, args).await,
        Command::Search(args) => search::run(ctx, *args).await,
        Command::Crawl(args) => crawl::run(ctx, *args).await,
        Command::Extract(args) => extract::run(ctx, *args),
        Command::Worker(args) => worker::run(ctx, *args).await,
        Command::Metrics(args) => metrics::run(ctx, args).await,
        Command::Health(args) => health::run(ctx, args).await,
        Command::RetryDead(args) => retry_dead::run(ctx, *args).await,
        Command::Cleanup(args) => cleanup::run(ctx, args).await,
        Command::Pause(args) => pause::run(ctx, args).await,
        Command::Limit(args) => limit::run(ctx, args).await,
        Command::Resume(args) => resume::run(ctx, args).await,
        Command::Promote(args) => promote::run(ctx, args).await,
        Command::Remove(args) => remove::run(ctx, args).await,
        Command::Drain(args) => drain::run(ctx, args).await,
        Command::Schedule(args) => schedule::run(ctx, args).await,
        Command::Export(args) => export::run(ctx, *args).await,
        Command::Import(args) => import::run(ctx, args).await,
        Command::Events(args) => events::run(ctx, args).await,
        Command::Serve(args) => serve::run(ctx, args).await,
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
    }
}

/// Formats epoch milliseconds as an RFC 3339 UTC time for tables.
pub(crate) fn fmt_time(ms: Option<u64>) -> String {
    ms.and_then(|ms| chrono::DateTime::from_timestamp_millis(ms as i64))
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "-".into())
}

/// A `(since, until)` window from two time flags (RFC 3339 or an age), each
/// named in its usage error; `since` must come before `until`.
pub(crate) fn time_window(
    (since_flag, since): (&str, &Option<String>),
    (until_flag, until): (&str, &Option<String>),
    now: u64,
) -> anyhow::Result<(Option<u64>, Option<u64>)> {
    let time = |flag: &str, text: &Option<String>| -> anyhow::Result<Option<u64>> {
        match text {
            None => Ok(None),
            Some(t) => crate::queues::retry::parse_time(t, now)
                .map(Some)
                .or_else(|m| error::usage(format!("{flag}: {m}"))),
        }
    };
    let window = (time(since_flag, since)?, time(until_flag, until)?);
    if let (Some(s), Some(u)) = window {
        if s >= u {
            return error::usage(format!("{since_flag} must be earlier than {until_flag}"));
        }
    }
    Ok(window)
}

/// Formats a duration in milliseconds compactly (`1h 2m`, `45s`, `120ms`).
pub(crate) fn fmt_age(ms: u64) -> String {
    let d = std::time::Duration::from_millis(if ms >= 1000 { ms / 1000 * 1000 } else { ms });
    humantime::format_duration(d).to_string()
}
