//! `queuectl retry-dead`: retry jobs from BullMQ's failed set, or re-add the
//! records of a dead-letter list, after a preview or a confirmation.

use serde::Serialize;

use super::Ctx;
use crate::cli::RetryDeadArgs;
use crate::connection::Redis;
use crate::error::{usage, Exit};
use crate::output::{Decision, Human, Render};
use crate::queues::dead_letter::{self, Record};
use crate::queues::retry::{self, Filter, Item, Outcome, QueueMatch};
use crate::queues::{discovery, now_ms};

/// Ids a dry run lists.
const SAMPLE: usize = 10;

/// Runs the command.
pub async fn run(ctx: &Ctx, args: RetryDeadArgs) -> anyhow::Result<Exit> {
    let now = now_ms();
    let filter = filter_from(&args, now)?;
    for q in &args.queues {
        ctx.check_queue(q)?;
    }
    if args.dead_letter_list.as_deref() == Some("") {
        return usage("--dead-letter-list needs a key name");
    }
    let redis = ctx.redis().await?;
    match &args.dead_letter_list {
        Some(key) => dead_letters(ctx, &redis, key, &args, &filter).await,
        None => failed_set(ctx, &redis, &args, &filter, now).await,
    }
}

/// Validates every filter before anything touches Redis.
fn filter_from(args: &RetryDeadArgs, now: u64) -> anyhow::Result<Filter> {
    let (since_ms, before_ms) = super::time_window(
        ("--failed-since", &args.failed_since),
        ("--failed-before", &args.failed_before),
        now,
    )?;
    let error = match &args.error {
        None => None,
        Some(re) => Some(
            crate::queues::search::parse_regex(re).or_else(|m| usage(format!("--error: {m}")))?,
        ),
    };
    if args.limit == Some(0) {
        return usage("--limit must be at least 1");
    }
    if args.name.as_deref() == Some("") || args.ids.iter().any(String::is_empty) {
        return usage("--name and --id must not be empty");
    }
    Ok(Filter {
        name: args.name.clone(),
        since_ms,
        before_ms,
        error,
        ids: args.ids.clone(),
        limit: args.limit.map(|n| n as usize),
    })
}

async fn failed_set(
    ctx: &Ctx,
    redis: &Redis,
    args: &RetryDeadArgs,
    filter: &Filter,
    now: u64,
) -> anyhow::Result<Exit> {
    let queues = queue_names(ctx, redis, &args.queues).await?;
    let mut matches = Vec::with_capacity(queues.len());
    for q in &queues {
        matches.push(retry::find(redis, q, filter, now).await?);
    }
    retry::apply_limit(&mut matches, filter.limit);
    let single = (queues.len() == 1).then(|| queues[0].clone());
    let unmatched: Vec<Item> = retry::unmatched_ids(filter, &matches)
        .into_iter()
        .map(|id| Item {
            queue: single.clone(),
            id: Some(id),
            new_id: None,
            outcome: Outcome::Skipped,
            reason: Some("not in the failed set, or not selected by the filters".into()),
        })
        .collect();
    if args.confirm.dry_run {
        ctx.out.print(&preview_failed(&matches, &queues))?;
        return Ok(Exit::Ok);
    }
    let total: usize = matches.iter().map(|m| m.jobs.len()).sum();
    if total > 0 {
        let queues = with_jobs(&matches).join(", ");
        let question = if args.as_new {
            format!("Re-add {total} failed jobs in {queues} as new jobs, removing the originals?")
        } else {
            format!("Retry {total} failed jobs in {queues}?")
        };
        if ctx.out.confirm(&question, args.confirm.yes)? == Decision::Declined {
            ctx.out.note("nothing changed");
            return Ok(Exit::Ok);
        }
    }
    let mut items = Vec::new();
    for m in matches.iter().filter(|m| !m.jobs.is_empty()) {
        let done = if args.as_new {
            retry::re_add_each(redis, m).await?
        } else if filter.is_bulk() {
            retry::retry_bulk(redis, m).await?
        } else {
            retry::retry_each(redis, m).await?
        };
        items.extend(done);
    }
    items.extend(unmatched);
    finish(ctx, RetryReport::new(Kind::FailedJobs, items))
}

/// The named queues (warning about unknown ones), or every queue under the prefix.
pub(super) async fn queue_names(
    ctx: &Ctx,
    redis: &Redis,
    named: &[String],
) -> anyhow::Result<Vec<String>> {
    if named.is_empty() {
        return Ok(discovery::discover(redis).await?);
    }
    for q in named {
        if !discovery::exists(redis, q).await? {
            ctx.out.warn(&format!(
                "queue '{q}' not found under prefix '{}'",
                redis.prefix()
            ));
        }
    }
    Ok(named.to_vec())
}

fn with_jobs(matches: &[QueueMatch]) -> Vec<String> {
    matches
        .iter()
        .filter(|m| !m.jobs.is_empty())
        .map(|m| m.queue.clone())
        .collect()
}

fn preview_failed(matches: &[QueueMatch], queues: &[String]) -> Preview {
    let groups = matches
        .iter()
        .map(|m| Group {
            name: m.queue.clone(),
            matched: m.jobs.len(),
            sample_ids: m.jobs.iter().take(SAMPLE).map(|c| c.id.clone()).collect(),
        })
        .collect();
    Preview::new(Kind::FailedJobs, groups, queues.join(", "))
}

async fn dead_letters(
    ctx: &Ctx,
    redis: &Redis,
    key: &str,
    args: &RetryDeadArgs,
    filter: &Filter,
) -> anyhow::Result<Exit> {
    let entries = dead_letter::read(redis, key).await?;
    if entries.is_empty() {
        ctx.out
            .note(&format!("the list {key} is empty or does not exist"));
    }
    let mut malformed = Vec::new();
    let mut selected: Vec<(String, Record)> = Vec::new();
    for entry in entries {
        match entry.parsed {
            Err(bad) => malformed.push(Item {
                queue: None,
                id: bad.job_id,
                new_id: None,
                outcome: Outcome::Skipped,
                reason: Some(format!("malformed record: {}", bad.reason)),
            }),
            Ok(record) if dead_letter::selects(filter, &args.queues, &record) => {
                selected.push((entry.raw, record));
            }
            Ok(_) => {}
        }
    }
    selected.truncate(filter.limit.unwrap_or(usize::MAX));
    if !malformed.is_empty() {
        ctx.out.warn(&format!(
            "{} malformed records in {key} are left in place",
            malformed.len()
        ));
    }
    if args.confirm.dry_run {
        ctx.out.print(&preview_records(key, &selected))?;
        return Ok(Exit::Ok);
    }
    if !selected.is_empty() {
        let question = format!(
            "Re-add {} dead-letter records from {key} as new jobs?",
            selected.len()
        );
        if ctx.out.confirm(&question, args.confirm.yes)? == Decision::Declined {
            ctx.out.note("nothing changed");
            return Ok(Exit::Ok);
        }
    }
    let mut items = dead_letter::reprocess(redis, key, &selected).await;
    items.extend(malformed);
    finish(ctx, RetryReport::new(Kind::Records, items))
}

fn preview_records(key: &str, selected: &[(String, Record)]) -> Preview {
    let group = Group {
        name: key.to_string(),
        matched: selected.len(),
        sample_ids: selected
            .iter()
            .take(SAMPLE)
            .map(|(_, r)| r.job_id.clone())
            .collect(),
    };
    Preview::new(Kind::Records, vec![group], key.to_string())
}

/// Prints the report; exit 1 when any job or record failed.
fn finish(ctx: &Ctx, report: RetryReport) -> anyhow::Result<Exit> {
    ctx.out.print(&report)?;
    Ok(if report.failed > 0 {
        Exit::Failure
    } else {
        Exit::Ok
    })
}

/// What the command acts on, for wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    FailedJobs,
    Records,
}

/// The dry-run document: `{"matched", "sampleIds", "queues": [...]}`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Preview {
    matched: usize,
    sample_ids: Vec<String>,
    /// Per queue (or, for a dead-letter list, the list).
    #[serde(rename = "queues")]
    groups: Vec<Group>,
    #[serde(skip)]
    kind: Kind,
    #[serde(skip)]
    searched: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    #[serde(rename = "queue")]
    name: String,
    matched: usize,
    sample_ids: Vec<String>,
}

impl Preview {
    fn new(kind: Kind, groups: Vec<Group>, searched: String) -> Self {
        let matched = groups.iter().map(|g| g.matched).sum();
        let sample_ids = groups
            .iter()
            .flat_map(|g| g.sample_ids.iter().cloned())
            .take(SAMPLE)
            .collect();
        Self {
            matched,
            sample_ids,
            groups,
            kind,
            searched,
        }
    }
}

impl Render for Preview {
    fn render(&self, out: &mut Human) {
        let noun = match self.kind {
            Kind::FailedJobs => "failed job",
            Kind::Records => "dead-letter record",
        };
        if self.matched == 0 {
            let place = if self.searched.is_empty() {
                "any queue".to_string()
            } else {
                self.searched.clone()
            };
            out.line(format!("0 {noun}s match in {place}"));
            return;
        }
        for g in self.groups.iter().filter(|g| g.matched > 0) {
            let more = if g.matched > g.sample_ids.len() {
                " …"
            } else {
                ""
            };
            let plural = if g.matched == 1 { "" } else { "s" };
            out.line(format!(
                "{} {noun}{plural} match{} in {}: {}{more}",
                g.matched,
                if g.matched == 1 { "es" } else { "" },
                g.name,
                g.sample_ids.join(", ")
            ));
        }
    }
}

/// The outcome document: counts and one item per job or record.
#[derive(Debug, Serialize)]
struct RetryReport {
    retried: usize,
    skipped: usize,
    failed: usize,
    items: Vec<Item>,
    #[serde(skip)]
    kind: Kind,
}

impl RetryReport {
    fn new(kind: Kind, items: Vec<Item>) -> Self {
        let count = |o: Outcome| items.iter().filter(|i| i.outcome == o).count();
        Self {
            retried: count(Outcome::Retried),
            skipped: count(Outcome::Skipped),
            failed: count(Outcome::Failed),
            items,
            kind,
        }
    }
}

impl Render for RetryReport {
    fn render(&self, out: &mut Human) {
        let mut queues: Vec<&str> = Vec::new();
        for q in self.items.iter().filter_map(|i| i.queue.as_deref()) {
            if !queues.contains(&q) {
                queues.push(q);
            }
        }
        let (verb, noun, prep) = match self.kind {
            Kind::FailedJobs => ("Retried", "job", "in"),
            Kind::Records => ("Re-added", "dead-letter record", "to"),
        };
        if queues.is_empty() {
            out.line(format!(
                "{verb} 0 {noun}s ({} skipped, {} failed)",
                self.skipped, self.failed
            ));
        }
        for q in queues {
            let n = |o: Outcome| {
                let of_q = |i: &&Item| i.queue.as_deref() == Some(q) && i.outcome == o;
                self.items.iter().filter(of_q).count()
            };
            let retried = n(Outcome::Retried);
            let plural = if retried == 1 { "" } else { "s" };
            out.line(format!(
                "{verb} {retried} {noun}{plural} {prep} {q} ({} skipped, {} failed)",
                n(Outcome::Skipped),
                n(Outcome::Failed)
            ));
        }
        for i in self.items.iter().filter(|i| i.outcome != Outcome::Retried) {
            let word = if i.outcome == Outcome::Skipped {
                "skipped"
            } else {
                "failed"
            };
            out.line(format!(
                "  {word} {}: {}",
                i.id.as_deref().unwrap_or("(record without jobId)"),
                i.reason.as_deref().unwrap_or("")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    fn group(name: &str, matched: usize, ids: &[&str]) -> Group {
        Group {
            name: name.into(),
            matched,
            sample_ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn retry_preview_of_failed_jobs() {
        let groups = vec![
            group("scrape-queue", 12, &["1", "2", "3"]),
            group("email", 1, &["9\x1b[2J"]),
            group("empty", 0, &[]),
        ];
        let preview = Preview::new(Kind::FailedJobs, groups, "scrape-queue, email".into());
        insta::assert_snapshot!(render_human(&preview, false));
    }

    #[test]
    fn retry_preview_matching_nothing() {
        let none = Preview::new(Kind::FailedJobs, vec![], String::new());
        let records = Preview::new(Kind::Records, vec![], "dead-letters".into());
        let text = render_human(&none, false) + &render_human(&records, false);
        insta::assert_snapshot!(text);
    }

    fn item(queue: Option<&str>, id: Option<&str>, outcome: Outcome, reason: Option<&str>) -> Item {
        Item {
            queue: queue.map(str::to_string),
            id: id.map(str::to_string),
            new_id: None,
            outcome,
            reason: reason.map(str::to_string),
        }
    }

    #[test]
    fn retry_report_per_queue() {
        let items = vec![
            item(Some("scrape-queue"), Some("1"), Outcome::Retried, None),
            item(Some("scrape-queue"), Some("2"), Outcome::Retried, None),
            item(Some("email"), Some("5"), Outcome::Retried, None),
            item(
                Some("email"),
                Some("6\n7"),
                Outcome::Skipped,
                Some("not in the failed set"),
            ),
            item(
                Some("scrape-queue"),
                Some("3"),
                Outcome::Failed,
                Some("job is locked"),
            ),
        ];
        let report = RetryReport::new(Kind::FailedJobs, items);
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn retry_report_of_records_with_none_re_added() {
        let items = vec![item(
            None,
            None,
            Outcome::Skipped,
            Some("malformed record: not JSON\x1b[2J"),
        )];
        let report = RetryReport::new(Kind::Records, items);
        insta::assert_snapshot!(render_human(&report, false));
    }
}
