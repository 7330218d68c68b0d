//! `queuectl schedule`: add, list and remove BullMQ job schedulers.

use anyhow::Context;
use serde::Serialize;

use super::enqueue::read_data;
use super::{fmt_age, Ctx};
use crate::cli::{
    ScheduleAction, ScheduleAddArgs, ScheduleArgs, ScheduleListArgs, ScheduleRemoveArgs,
};
use crate::error::{usage, Exit, NotFound};
use crate::output::{Decision, Human, Render, Table};
use crate::queues::schedule::{self, Cadence, ScheduleInput, SchedulerRow};
use crate::queues::{discovery, now_ms, routing};

/// Runs `queuectl schedule`.
pub async fn run(ctx: &Ctx, args: ScheduleArgs) -> anyhow::Result<Exit> {
    match args.action {
        ScheduleAction::Add(args) => add(ctx, *args).await,
        ScheduleAction::List(args) => list(ctx, args).await,
        ScheduleAction::Remove(args) => remove(ctx, args).await,
    }
}

async fn add(ctx: &Ctx, args: ScheduleAddArgs) -> anyhow::Result<Exit> {
    let data = read_data(args.data.as_deref())?;
    if let Some((flag, why)) = args.opts.refused_by_scheduler() {
        return usage(format!("{flag}: not allowed with a scheduler: {why}"));
    }
    let flags = args.opts.values(args.queue.clone(), now_ms());
    let when = match (args.cron, args.every) {
        (Some(pattern), _) => Cadence::Cron {
            pattern,
            tz: args.tz,
        },
        (None, Some(every)) => Cadence::Every(every),
        (None, None) => return usage("--cron: give --cron EXPR or --every DURATION"),
    };
    let now = now_ms();
    if let Cadence::Cron { pattern, .. } = &when {
        if !schedule::fires(&when, now) {
            return usage(format!("--cron: cron expression '{pattern}' never fires"));
        }
    }
    let wanted = ScheduleInput {
        id: args.id,
        name: args.name,
        cadence: when,
        limit: args.limit,
    };
    let spec = schedule::spec(&wanted, data, &flags, now)?;
    let redis = ctx.redis().await?;
    let row = schedule::upsert(&redis, spec)
        .await
        .context("adding the job scheduler")?;
    ctx.out.note(&format!(
        "job scheduler {} in {}: {}, next run {}",
        row.key,
        row.queue,
        cadence(&row),
        next_run(row.next, now_ms())
    ));
    ctx.out.print(&Added(row))?;
    Ok(Exit::Ok)
}

/// The scheduler just added or updated; people get its id, `--json` the whole row.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Added(SchedulerRow);

impl Render for Added {
    fn render(&self, out: &mut Human) {
        out.line(&self.0.key);
    }
}

async fn list(ctx: &Ctx, args: ScheduleListArgs) -> anyhow::Result<Exit> {
    if let Some(queue) = &args.queue {
        ctx.check_queue(queue)?;
    }
    let redis = ctx.redis().await?;
    let queues = match args.queue {
        Some(queue) => vec![queue],
        None => discovery::discover(&redis).await?,
    };
    let rows = schedule::list(&redis, &queues).await?;
    ctx.out.print(&Listing {
        rows,
        now: now_ms(),
    })?;
    Ok(Exit::Ok)
}

/// The schedulers of one or more queues; `--json` is an array of rows.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Listing {
    rows: Vec<SchedulerRow>,
    #[serde(skip)]
    now: u64,
}

impl Render for Listing {
    fn render(&self, out: &mut Human) {
        if self.rows.is_empty() {
            out.line("no job schedulers");
            return;
        }
        let headers = [
            "QUEUE", "ID", "JOB NAME", "SCHEDULE", "TZ", "NEXT RUN", "RUNS",
        ];
        let mut t = Table::new(&headers).right_align(&[6]);
        for r in &self.rows {
            t.row(vec![
                r.queue.clone(),
                r.key.clone(),
                r.name.clone(),
                cadence(r),
                zone(r),
                if last_run(r) {
                    format!("{}, the last", next_run(r.next, self.now))
                } else {
                    next_run(r.next, self.now)
                },
                runs(r),
            ]);
        }
        out.table(t);
    }
}

async fn remove(ctx: &Ctx, args: ScheduleRemoveArgs) -> anyhow::Result<Exit> {
    if let Some(queue) = &args.queue {
        ctx.check_queue(queue)?;
    }
    let redis = ctx.redis().await?;
    let queue = locate(&redis, &args.id, args.queue).await?;
    let Some(row) = schedule::get(&redis, &queue, &args.id).await? else {
        return Err(NotFound(format!("no job scheduler {} in queue {queue}", args.id)).into());
    };
    let what = format!(
        "job scheduler {} in {} ({}, next run {})",
        row.key,
        row.queue,
        cadence(&row),
        next_run(row.next, now_ms())
    );
    if args.confirm.dry_run {
        ctx.out.note(&format!("dry run: would remove {what}"));
        ctx.out.print(&Removed::of(row, false))?;
        return Ok(Exit::Ok);
    }
    if ctx
        .out
        .confirm(&format!("Remove {what}?"), args.confirm.yes)?
        == Decision::Declined
    {
        ctx.out.note("nothing removed");
        return Ok(Exit::Ok);
    }
    if !schedule::remove(&redis, &queue, &args.id).await? {
        return Err(NotFound(format!("no job scheduler {} in queue {queue}", args.id)).into());
    }
    ctx.out.print(&Removed::of(row, true))?;
    Ok(Exit::Ok)
}

/// The queue of scheduler `id`: the flag (or QUEUE_NAME), else the id routed as
/// a job name, else the one queue under the prefix that holds it.
async fn locate(
    redis: &crate::connection::Redis,
    id: &str,
    queue: Option<String>,
) -> anyhow::Result<String> {
    if let Some(queue) = queue.or_else(|| routing::queue_for(id).map(str::to_string)) {
        return Ok(queue);
    }
    let queues = discovery::discover(redis).await?;
    let mut holding = schedule::queues_with(redis, &queues, id).await?;
    match holding.len() {
        0 => Err(NotFound(format!(
            "no job scheduler {id} in any queue under prefix '{}'",
            redis.prefix()
        ))
        .into()),
        1 => Ok(holding.remove(0)),
        _ => usage(format!(
            "job scheduler {id} exists in {}: pass --queue",
            holding.join(", ")
        )),
    }
}

/// What `remove` did (or, with `--dry-run`, would do).
#[derive(Debug, Serialize)]
struct Removed {
    queue: String,
    id: String,
    removed: bool,
    #[serde(rename = "dryRun")]
    dry_run: bool,
}

impl Removed {
    fn of(row: SchedulerRow, removed: bool) -> Self {
        Self {
            queue: row.queue,
            id: row.key,
            removed,
            dry_run: !removed,
        }
    }
}

impl Render for Removed {
    fn render(&self, out: &mut Human) {
        if self.removed {
            out.line(&self.id);
        } else {
            out.line(format!("would remove {} from {}", self.id, self.queue));
        }
    }
}

fn cadence(r: &SchedulerRow) -> String {
    match (&r.pattern, r.every) {
        (Some(pattern), _) => pattern.clone(),
        (None, Some(ms)) => format!(
            "every {}",
            humantime::format_duration(std::time::Duration::from_millis(ms))
        ),
        (None, None) => "-".into(),
    }
}

fn zone(r: &SchedulerRow) -> String {
    match (&r.tz, &r.pattern) {
        (Some(tz), _) => tz.clone(),
        (None, Some(_)) => "UTC".into(),
        (None, None) => "-".into(),
    }
}

/// Whether the stored run is the limit's last one (BullMQ keeps the scheduler
/// after it, still showing that run's time).
fn last_run(r: &SchedulerRow) -> bool {
    r.limit
        .is_some_and(|limit| r.iteration_count.unwrap_or(0) >= limit)
}

fn runs(r: &SchedulerRow) -> String {
    let done = r.iteration_count.unwrap_or(0);
    match r.limit {
        Some(limit) => format!("{done}/{limit}"),
        None => done.to_string(),
    }
}

/// Local time of the next run and how far away it is.
fn next_run(next: Option<u64>, now: u64) -> String {
    let Some(ms) = next else {
        return "-".into();
    };
    let Some(when) = chrono::DateTime::from_timestamp_millis(ms as i64) else {
        return "-".into();
    };
    let local = when
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S %:z");
    if ms >= now {
        format!("{local} (in {})", fmt_age(ms - now))
    } else {
        format!("{local} ({} overdue)", fmt_age(now - ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    fn row(key: &str) -> SchedulerRow {
        SchedulerRow {
            queue: "scrape-queue".into(),
            key: key.into(),
            name: "refresh".into(),
            next: None,
            iteration_count: None,
            limit: None,
            start_date: None,
            end_date: None,
            tz: None,
            pattern: None,
            every: None,
            offset: None,
            template: None,
        }
    }

    #[test]
    fn schedule_added_shows_the_id() {
        insta::assert_snapshot!(render_human(&Added(row("nightly\x1b[2J")), false));
    }

    #[test]
    fn schedule_listing() {
        let now = 1_795_856_400_000;
        let cron = SchedulerRow {
            pattern: Some("0 9 * * *".into()),
            tz: Some("Europe/Berlin".into()),
            next: Some(now + 3_600_000),
            iteration_count: Some(4),
            ..row("nightly")
        };
        let every = SchedulerRow {
            every: Some(90_000),
            next: Some(now - 5_000),
            iteration_count: Some(10),
            limit: Some(10),
            ..row("tick\nforged")
        };
        let utc_cron = SchedulerRow {
            pattern: Some("*/5 * * * *".into()),
            ..row("five")
        };
        let listing = Listing {
            rows: vec![cron, every, utc_cron],
            now,
        };
        // The next run is shown in the machine's time zone, which the
        // snapshot names instead (in a placeholder as wide as the time).
        let text = render_human(&listing, false)
            .replace(&local(now + 3_600_000), &placeholder("now+1h"))
            .replace(&local(now - 5_000), &placeholder("now-5s"));
        insta::assert_snapshot!(text);
    }

    fn local(ms: u64) -> String {
        let t = chrono::DateTime::from_timestamp_millis(ms as i64).unwrap();
        t.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    }

    fn placeholder(what: &str) -> String {
        format!("{:<26}", format!("<local time {what}>"))
    }

    #[test]
    fn schedule_listing_empty() {
        let listing = Listing {
            rows: vec![],
            now: 0,
        };
        insta::assert_snapshot!(render_human(&listing, false));
    }

    #[test]
    fn schedule_removed_and_dry_run() {
        let text = render_human(&Removed::of(row("nightly"), true), false)
            + &render_human(&Removed::of(row("nightly"), false), false);
        insta::assert_snapshot!(text);
    }
}
