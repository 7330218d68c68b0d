//! `queuectl cleanup`: remove old jobs by state, trim event streams, find and
//! remove orphaned job hashes, or obliterate whole queues.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Ctx;
use crate::cli::{CleanState, CleanupArgs};
use crate::connection::Redis;
use crate::error::{self, Exit};
use crate::output::{Decision, Human, Render, Table};
use crate::queues::cleanup::{self, Plan, State};
use crate::queues::{control, discovery, orphans};

/// One queue's line of the report.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueCleanup {
    pub queue: String,
    pub by_state: BTreeMap<String, u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events_trimmed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orphan_ids: Option<Vec<String>>,
}

/// A queue the command could not finish.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub queue: String,
    pub error: String,
}

/// The cleanup document: `matched` for a dry run, `removed` otherwise.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CleanupReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<u64>,
    pub by_state: BTreeMap<String, u64>,
    pub queues: Vec<QueueCleanup>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

impl CleanupReport {
    fn new(dry_run: bool, queues: Vec<QueueCleanup>, failures: Vec<Failure>) -> Self {
        let mut by_state = BTreeMap::new();
        for q in &queues {
            for (state, n) in &q.by_state {
                *by_state.entry(state.clone()).or_insert(0) += n;
            }
        }
        let total = by_state.values().sum();
        CleanupReport {
            matched: dry_run.then_some(total),
            removed: (!dry_run).then_some(total),
            by_state,
            queues,
            failures,
        }
    }
}

impl Render for CleanupReport {
    fn render(&self, out: &mut Human) {
        let dry = self.matched.is_some();
        let mut t = Table::new(&[
            "QUEUE",
            "STATE",
            if dry { "WOULD REMOVE" } else { "REMOVED" },
        ])
        .right_align(&[2]);
        for q in &self.queues {
            for (state, n) in &q.by_state {
                t.row(vec![q.queue.clone(), state.clone(), n.to_string()]);
            }
            if let Some(n) = q.events_trimmed {
                t.row(vec![q.queue.clone(), "events".into(), n.to_string()]);
            }
        }
        out.table(t);
        for q in &self.queues {
            if let Some(ids) = q.orphan_ids.as_ref().filter(|ids| !ids.is_empty()) {
                out.line(format!("orphans in {}: {}", q.queue, ids.join(" ")));
            }
        }
        let total = self.matched.or(self.removed).unwrap_or(0);
        if dry {
            out.line(format!(
                "would remove {total} jobs (dry run: nothing changed)"
            ));
        } else {
            out.line(format!("removed {total} jobs"));
        }
    }
}

/// What one run does, validated from the flags.
struct Job {
    plan: Plan,
    trim_events: Option<usize>,
    orphans: bool,
}

impl Job {
    fn from_args(ctx: &Ctx, args: &CleanupArgs) -> anyhow::Result<Self> {
        for q in &args.queues {
            ctx.check_queue(q)?;
        }
        if args.limit == Some(0) {
            return error::usage("--limit must be at least 1");
        }
        if args.obliterate && args.queues.is_empty() {
            return error::usage(
                "--obliterate needs the queues named: queuectl cleanup QUEUE --obliterate --force",
            );
        }
        let mut states: Vec<State> = args.state.iter().map(|s| domain_state(*s)).collect();
        states.sort();
        states.dedup();
        if states.is_empty() && !args.orphans {
            states.push(State::Completed);
        }
        Ok(Job {
            plan: Plan {
                states,
                older_than: args.older_than,
                limit: args.limit,
            },
            trim_events: args.trim_events,
            orphans: args.orphans,
        })
    }
}

fn domain_state(s: CleanState) -> State {
    match s {
        CleanState::Completed => State::Completed,
        CleanState::Failed => State::Failed,
        CleanState::Delayed => State::Delayed,
        CleanState::Wait => State::Wait,
        CleanState::Active => State::Active,
        CleanState::Prioritized => State::Prioritized,
        CleanState::Paused => State::Paused,
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: CleanupArgs) -> anyhow::Result<Exit> {
    let job = Job::from_args(ctx, &args)?;
    let redis = ctx.redis().await?;
    let queues = targets(&redis, &args.queues).await?;
    if args.obliterate {
        return obliterate(ctx, &redis, &queues, args.confirm).await;
    }
    if queues.is_empty() {
        ctx.out
            .note(&format!("no queues under prefix '{}'", redis.prefix()));
    }
    let (preview, failures) = each(&queues, |q| preview(&redis, q, &job)).await;
    if args.confirm.dry_run || !failures.is_empty() {
        return finish(ctx, CleanupReport::new(true, preview, failures));
    }
    let total: u64 = preview.iter().flat_map(|q| q.by_state.values()).sum();
    let question = format!("Remove {total} jobs from {}?", queues.join(", "));
    if ctx.out.confirm(&question, args.confirm.yes)? == Decision::Declined {
        ctx.out.note("nothing changed");
        return Ok(Exit::Ok);
    }
    let (done, failures) = each(&preview, |p| apply(&redis, p, &job)).await;
    finish(ctx, CleanupReport::new(false, done, failures))
}

/// The named queues (each must exist), or every queue under the prefix.
async fn targets(redis: &Redis, named: &[String]) -> anyhow::Result<Vec<String>> {
    if named.is_empty() {
        return Ok(discovery::discover(redis).await?);
    }
    for q in named {
        control::require(redis, q).await?;
    }
    let mut names = named.to_vec();
    names.dedup();
    Ok(names)
}

/// Runs `step` for every item, collecting results and per-queue failures.
async fn each<'a, T, F, Fut>(items: &'a [T], step: F) -> (Vec<QueueCleanup>, Vec<Failure>)
where
    T: QueueName + 'a,
    F: Fn(&'a T) -> Fut,
    Fut: std::future::Future<Output = Result<QueueCleanup, bullmq::Error>>,
{
    let mut done = Vec::new();
    let mut failures = Vec::new();
    for item in items {
        match step(item).await {
            Ok(row) => done.push(row),
            Err(e) => failures.push(Failure {
                queue: item.queue_name().to_string(),
                error: e.to_string(),
            }),
        }
    }
    (done, failures)
}

/// Anything that names the queue it is about.
trait QueueName {
    fn queue_name(&self) -> &str;
}

impl QueueName for String {
    fn queue_name(&self) -> &str {
        self
    }
}

impl QueueName for QueueCleanup {
    fn queue_name(&self) -> &str {
        &self.queue
    }
}

/// Counts what `job` would remove from `queue`, changing nothing.
async fn preview(redis: &Redis, queue: &str, job: &Job) -> Result<QueueCleanup, bullmq::Error> {
    let mut row = QueueCleanup {
        queue: queue.to_string(),
        ..QueueCleanup::default()
    };
    for (state, n) in cleanup::count(redis, queue, &job.plan).await? {
        row.by_state.insert(state.name().to_string(), n);
    }
    if job.orphans {
        let ids = orphans::find(redis, queue).await?;
        row.by_state.insert("orphans".into(), ids.len() as u64);
        row.orphan_ids = Some(ids);
    }
    if let Some(max) = job.trim_events {
        row.events_trimmed = Some(cleanup::events_over(redis, queue, max).await?);
    }
    Ok(row)
}

/// Removes what `job` selects from the previewed queue; orphans are the ones
/// the preview found (and that still are orphans).
async fn apply(
    redis: &Redis,
    preview: &QueueCleanup,
    job: &Job,
) -> Result<QueueCleanup, bullmq::Error> {
    let queue = preview.queue.as_str();
    let mut row = QueueCleanup {
        queue: queue.to_string(),
        ..QueueCleanup::default()
    };
    for (state, n) in cleanup::clean(redis, queue, &job.plan).await? {
        row.by_state.insert(state.name().to_string(), n);
    }
    if let Some(ids) = &preview.orphan_ids {
        let removed = orphans::remove(redis, queue, ids.clone()).await?;
        row.by_state.insert("orphans".into(), removed.len() as u64);
        row.orphan_ids = Some(removed);
    }
    if let Some(max) = job.trim_events {
        row.events_trimmed = Some(cleanup::trim_events(redis, queue, max).await?);
    }
    Ok(row)
}

/// `--obliterate`: per queue, count, ask for the name to be typed, delete.
async fn obliterate(
    ctx: &Ctx,
    redis: &Redis,
    queues: &[String],
    confirm: crate::cli::ConfirmArgs,
) -> anyhow::Result<Exit> {
    let (counted, failures) = each(queues, |q| counts(redis, q)).await;
    if confirm.dry_run || !failures.is_empty() {
        return finish(ctx, CleanupReport::new(true, counted, failures));
    }
    let mut done = Vec::new();
    let mut failures = Vec::new();
    for row in counted {
        let total: u64 = row.by_state.values().sum();
        let question = format!(
            "Obliterate queue {} ({total} jobs, every key and scheduler)?",
            row.queue
        );
        if ctx.out.confirm_typed(&question, &row.queue, confirm.yes)? == Decision::Declined {
            ctx.out.note(&format!("{} left as it was", row.queue));
            continue;
        }
        match cleanup::obliterate(redis, &row.queue).await {
            Ok(()) => done.push(row),
            Err(e) => failures.push(Failure {
                queue: row.queue,
                error: e.to_string(),
            }),
        }
    }
    finish(ctx, CleanupReport::new(false, done, failures))
}

async fn counts(redis: &Redis, queue: &str) -> Result<QueueCleanup, bullmq::Error> {
    let by_state = cleanup::queue_counts(redis, queue)
        .await?
        .into_iter()
        .map(|(s, n)| (s.name().to_string(), n))
        .collect();
    Ok(QueueCleanup {
        queue: queue.to_string(),
        by_state,
        ..QueueCleanup::default()
    })
}

/// Prints the report; names the failed queues and exits 1 when any failed.
fn finish(ctx: &Ctx, report: CleanupReport) -> anyhow::Result<Exit> {
    ctx.out.print(&report)?;
    if report.failures.is_empty() {
        return Ok(Exit::Ok);
    }
    let names: Vec<String> = report
        .failures
        .iter()
        .map(|f| format!("{} ({})", f.queue, f.error))
        .collect();
    anyhow::bail!("cleanup failed for {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    fn by_state(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(s, n)| (s.to_string(), *n)).collect()
    }

    fn queues() -> Vec<QueueCleanup> {
        vec![
            QueueCleanup {
                queue: "scrape-queue".into(),
                by_state: by_state(&[("completed", 120), ("failed", 3)]),
                events_trimmed: Some(5000),
                orphan_ids: Some(vec!["17".into(), "id\x1b[8m".into()]),
            },
            QueueCleanup {
                queue: "new\nline".into(),
                by_state: by_state(&[("completed", 0)]),
                events_trimmed: None,
                orphan_ids: Some(vec![]),
            },
        ]
    }

    #[test]
    fn cleanup_dry_run() {
        let report = CleanupReport::new(true, queues(), vec![]);
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn cleanup_removed() {
        let failures = vec![Failure {
            queue: "other".into(),
            error: "connection lost".into(),
        }];
        let report = CleanupReport::new(false, queues(), failures);
        insta::assert_snapshot!(render_human(&report, false));
    }
}
