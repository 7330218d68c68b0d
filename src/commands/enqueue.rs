//! `queuectl enqueue`: add one job, or many from NDJSON.

use std::cell::Cell;
use std::io::Read;

use anyhow::Context;
use serde::Serialize;
use serde_json::value::RawValue;

use super::{wait, Ctx};
use crate::cli::{EnqueueArgs, WaitArgs};
use crate::connection::{BoundedError, Lost, Redis};
use crate::error::{usage, Exit};
use crate::output::{Human, Render};
use crate::queues::add::{self, Added};
use crate::queues::input::{self, JobInputError, JobOptionValues, JobSpec};
use crate::queues::ndjson::Ndjson;
use crate::queues::now_ms;
use crate::queues::wait::Waiter;
use crate::queues::{inspect, keys};

/// Runs the command.
pub async fn run(ctx: &Ctx, args: EnqueueArgs) -> anyhow::Result<Exit> {
    let flags = args.opts.values(args.queue.clone(), now_ms());
    match (&args.file, &args.name) {
        (Some(_), _) if flags.job_id.is_some() => {
            usage("--job-id: cannot be used with --file: give each line its own opts.jobId")
        }
        (Some(_), _) if args.wait.wait => {
            usage("--wait follows a single job; it cannot be used with --file")
        }
        (Some(path), _) => bulk(ctx, path, args.skip.unwrap_or(0), &flags).await,
        (None, Some(name)) => single(ctx, name, args.data.as_deref(), &flags, args.wait).await,
        (None, None) => usage("give a job NAME or --file PATH"),
    }
}

/// A validation error in the CLI's words: an unrouted job name says which
/// flag (or variable) gives the queue.
fn worded(e: JobInputError) -> anyhow::Error {
    if e.needs_queue {
        crate::error::UsageError::new(format!("{e}; pass --queue (or set QUEUE_NAME)")).into()
    } else {
        e.into()
    }
}

async fn single(
    ctx: &Ctx,
    name: &str,
    data: Option<&str>,
    flags: &JobOptionValues,
    wait: WaitArgs,
) -> anyhow::Result<Exit> {
    let data = read_data(data)?;
    let spec = input::single(name, data, flags).map_err(worded)?;
    ctx.check_queue(&spec.queue)?;
    let redis = ctx.redis().await?;
    // The stream position is taken before the add so no event of the job is missed.
    let waiter = if wait.wait {
        Some(Waiter::start(&redis, &spec.queue).await?)
    } else {
        None
    };
    let added = add_single(ctx, &redis, spec).await?;
    if added.duplicate {
        ctx.out.warn(&format!(
            "job {} already exists in {}: nothing added (duplicate job id)",
            added.id, added.queue
        ));
    } else if added.deduplicated {
        ctx.out.warn(&format!(
            "deduplicated: job {} in {} holds this deduplication id, nothing added",
            added.id, added.queue
        ));
    }
    if let Some(waiter) = waiter {
        ctx.out.note(&format!(
            "job {} is in {}; waiting for it to finish",
            added.id, added.queue
        ));
        return wait::wait_for(ctx, &redis, waiter, &added.queue, &added.id, wait).await;
    }
    ctx.out.print(&added)?;
    Ok(Exit::Ok)
}

/// Adds the job; when the add's reply never came, says so, and whether the
/// job exists after reconnecting when it has an id to look for.
async fn add_single(ctx: &Ctx, redis: &Redis, spec: JobSpec) -> anyhow::Result<Added> {
    let probe = Probe::of(&spec);
    let doing = format!("adding the job to {}", spec.queue);
    match redis.bounded(&doing, add::add_one(redis, spec)).await {
        Ok(added) => Ok(added),
        Err(BoundedError::Redis(e)) => Err(anyhow::Error::new(e).context("adding the job")),
        Err(BoundedError::Lost(lost)) => Err(lost.with_outcome(&probe.outcome(ctx).await).into()),
    }
}

/// What identifies a single job after an add whose reply never came.
struct Probe {
    queue: String,
    job_id: Option<String>,
    dedup_id: Option<String>,
}

impl Probe {
    fn of(spec: &JobSpec) -> Self {
        Self {
            queue: spec.queue.clone(),
            job_id: spec.job_id().map(str::to_string),
            dedup_id: spec.dedup_id().map(str::to_string),
        }
    }

    /// What a read on a new connection says of the outcome.
    async fn outcome(&self, ctx: &Ctx) -> String {
        let q = &self.queue;
        let how = format!("see `queuectl jobs {q} --state wait`");
        if self.job_id.is_none() && self.dedup_id.is_none() {
            return format!("whether the job was added is unknown: {how}");
        }
        match self.check(ctx).await {
            Ok(found) => format!("its outcome is unknown; after reconnecting, {found}"),
            Err(e) => {
                format!("whether the job was added is unknown, and checking failed ({e}): {how}")
            }
        }
    }

    /// The job or its deduplication id, looked up on a new connection;
    /// failures in one line without the chain's repeated "timed out".
    async fn check(&self, ctx: &Ctx) -> Result<String, String> {
        let redis = ctx.redis().await.map_err(|e| e.to_string())?;
        let doing = "checking";
        self.look(&redis).await.map_err(|e| {
            Lost::find(&e, &ctx.settings.redis, doing).map_or(e.to_string(), |l| l.to_string())
        })
    }

    async fn look(&self, redis: &Redis) -> Result<String, bullmq::Error> {
        let q = &self.queue;
        // A job that is not there yet may still be added if Redis resumes.
        let later = "(the add may still happen if Redis resumes)";
        if let Some(id) = &self.job_id {
            let found = inspect::jobs_exist(redis, q, std::slice::from_ref(id)).await?;
            return Ok(if found[0] {
                format!("job {id} exists in {q}")
            } else {
                format!("job {id} is not in {q} {later}")
            });
        }
        let dedup = self.dedup_id.as_deref().unwrap_or_default();
        let key = keys::dedup(redis.prefix(), q, dedup);
        Ok(match redis.get_many(&[key]).await?.remove(0) {
            Some(owner) => format!("deduplication id {dedup} is held by job {owner} in {q}"),
            None => format!("no job in {q} holds deduplication id {dedup} {later}"),
        })
    }
}

impl Render for Added {
    fn render(&self, out: &mut Human) {
        out.line(&self.id);
    }
}

/// The result of a bulk add.
#[derive(Debug, Serialize)]
struct BulkReport {
    count: usize,
    added: usize,
    duplicates: usize,
    deduplicated: usize,
    ids: Vec<String>,
}

impl Render for BulkReport {
    fn render(&self, out: &mut Human) {
        let (first, last) = (self.ids.first(), self.ids.last());
        let range = match (first, last) {
            (Some(f), Some(l)) if f != l => format!("ids {f}..{l}"),
            (Some(f), _) => format!("id {f}"),
            _ => String::new(),
        };
        out.line(format!(
            "{} jobs ({} added, {} duplicate, {} deduplicated), {range}",
            self.count, self.added, self.duplicates, self.deduplicated
        ));
    }
}

async fn bulk(ctx: &Ctx, path: &str, skip: usize, flags: &JobOptionValues) -> anyhow::Result<Exit> {
    let text = read_source(path)?;
    let jobs = Ndjson::parse(&text, flags, now_ms()).map_err(worded)?;
    if skip >= jobs.len() {
        return usage(format!(
            "--skip {skip}: the input has {} jobs, so none would be added",
            jobs.len()
        ));
    }
    for (index, meta) in jobs.metas.iter().enumerate() {
        ctx.check_queue(&meta.queue)
            .map_err(|e| e.context(format!("line {}", jobs.line_number(index))))?;
    }
    let redis = ctx.redis().await?;
    let bar = ctx.out.progress((jobs.len() - skip) as u64, "enqueue");
    let confirmed = Cell::new(0);
    let (interrupts, interrupted) = tokio::sync::watch::channel(false);
    let stop = async move {
        let mut interrupted = interrupted;
        let _ = interrupted.wait_for(|yes| *yes).await;
    };
    let adding = add::add_many(&redis, &jobs, skip, stop, |n| {
        confirmed.set(n);
        bar.set(n as u64);
    });
    let outcome = tokio::select! {
        outcome = adding => outcome,
        () = interrupted_twice(ctx, interrupts) => {
            bar.finish();
            return abandoned(ctx, skip + confirmed.get(), jobs.len());
        }
    };
    bar.finish();
    let outcome = outcome.map_err(|e| {
        anyhow::anyhow!(
            "preparing the bulk add failed: {}; no job was added",
            innermost(&e)
        )
    })?;
    let done = outcome.added;
    let Some(stopped) = outcome.stopped else {
        let report = BulkReport {
            count: done.ids.len(),
            added: done.ids.len() - done.duplicates - done.deduplicated,
            duplicates: done.duplicates,
            deduplicated: done.deduplicated,
            ids: done.ids,
        };
        ctx.out.print(&report)?;
        return Ok(Exit::Ok);
    };
    let in_redis = in_redis(&jobs, skip + done.ids.len(), &stopped);
    match &stopped.failure {
        Some((index, e)) => Err(anyhow::anyhow!(
            "adding the job on line {} failed: {}; {in_redis}",
            jobs.line_number(*index),
            innermost(e)
        )),
        None => {
            ctx.out.warn(&format!("interrupted: {in_redis}"));
            Ok(Exit::Interrupted)
        }
    }
}

/// Which jobs of the input are in Redis after a stop, and how to resume.
fn in_redis(jobs: &Ndjson, done: usize, stopped: &add::Stopped) -> String {
    let total = jobs.len();
    let mut text = match done {
        0 => format!("none of the {total} jobs are in Redis"),
        _ => format!(
            "the first {done} of {total} jobs (through line {}) are in Redis",
            jobs.line_number(done - 1)
        ),
    };
    if !stopped.stragglers.is_empty() {
        let lines: Vec<String> = stopped
            .stragglers
            .iter()
            .map(|(index, _)| jobs.line_number(*index).to_string())
            .collect();
        text.push_str(&format!(
            ", and so are the jobs on lines {}",
            lines.join(", ")
        ));
    }
    if stopped.unanswered > 0 {
        text.push_str(&format!(
            "; {} adds after them were sent but not answered and may still run when Redis answers: check before resuming",
            stopped.unanswered
        ));
    }
    if done > 0 {
        text.push_str(&format!(
            "; resume from line {} with --skip {done}",
            jobs.line_number(done)
        ));
    }
    text
}

/// The one-line reason at the bottom of an error's chain.
fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut err = err;
    while let Some(source) = err.source() {
        err = source;
    }
    err.to_string()
}

/// Resolves on Ctrl-C; never, where the signal cannot be watched.
async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Resolves on the second Ctrl-C; the first sets `first`, which stops
/// sending and awaits the answers to the adds already sent. Listening starts
/// at once, so a Ctrl-C before the first add is sent is not lost.
async fn interrupted_twice(ctx: &Ctx, first: tokio::sync::watch::Sender<bool>) {
    ctrl_c().await;
    first.send_replace(true);
    ctx.out
        .note("stopping: awaiting the answers to the adds already sent (Ctrl-C again to quit now)");
    ctrl_c().await;
}

/// A second Ctrl-C: quit without the answers still to come.
fn abandoned(ctx: &Ctx, confirmed: usize, total: usize) -> anyhow::Result<Exit> {
    let pending = total.saturating_sub(confirmed).min(add::IN_FLIGHT);
    ctx.out.warn(&format!(
        "interrupted: the first {confirmed} of {total} jobs are in Redis (added, or reported as duplicates); up to {pending} after them may be too"
    ));
    Ok(Exit::Interrupted)
}

/// DATA: JSON text, `@path`, or `-` for stdin; `{}` when absent.
pub(super) fn read_data(arg: Option<&str>) -> anyhow::Result<Box<RawValue>> {
    let (text, origin) = match arg {
        None => return Ok(input::empty_object()),
        Some("-") => (read_source("-")?, "stdin".to_string()),
        Some(a) if a.starts_with('@') => (read_source(&a[1..])?, a[1..].to_string()),
        Some(a) => (a.to_string(), "DATA".to_string()),
    };
    serde_json::from_str(&text).or_else(|e| usage(format!("invalid JSON in {origin}: {e}")))
}

fn read_source(path: &str) -> anyhow::Result<String> {
    if path == "-" {
        let mut text = String::new();
        return match std::io::stdin().read_to_string(&mut text) {
            Ok(_) => Ok(text),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                usage("stdin is not valid UTF-8")
            }
            Err(e) => Err(e).context("reading stdin"),
        };
    }
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) => usage(format!("cannot read {path}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn added_shows_the_id_escaped() {
        let added = Added {
            id: "custom\x1b]0;title\x07".into(),
            name: "scrape".into(),
            queue: "scrape-queue".into(),
            duplicate: false,
            deduplicated: false,
        };
        insta::assert_snapshot!(render_human(&added, false));
    }

    #[test]
    fn bulk_report_ranges() {
        let report = |ids: &[&str]| BulkReport {
            count: ids.len(),
            added: ids.len().saturating_sub(1),
            duplicates: 1.min(ids.len()),
            deduplicated: 0,
            ids: ids.iter().map(|s| s.to_string()).collect(),
        };
        let text = [&["1", "2", "3"][..], &["7"]]
            .iter()
            .map(|ids| render_human(&report(ids), false))
            .collect::<String>();
        insta::assert_snapshot!(text);
    }
}
