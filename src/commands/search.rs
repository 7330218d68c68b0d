//! `queuectl search`: find jobs across states and queues with reads only, list
//! them newest first, and with `--then` act on exactly those (after a
//! confirmation, or `--yes`; `--dry-run` changes nothing).

use serde::Serialize;

use super::jobs::shorten;
use super::retry_dead::queue_names;
use super::{fmt_time, Ctx};
use crate::cli::{JobFilters, SearchArgs, ThenArg};
use crate::connection::Redis;
use crate::error::{usage, Exit};
use crate::output::{Cell, Decision, Human, Render, Table, Tone};
use crate::queues::search::{self, Acted, Action, DataFilter, Effect, Match, Query};
use crate::queues::{export, now_ms, JobState};

/// Runs the command.
pub async fn run(ctx: &Ctx, args: SearchArgs) -> anyhow::Result<Exit> {
    let query = query_from(&args.filters, args.limit, args.max_redis_busy, now_ms())?;
    for q in &args.queues {
        ctx.check_queue(q)?;
    }
    let redis = ctx.redis().await?;
    let queues = queue_names(ctx, &redis, &args.queues).await?;
    let found = find(ctx, &redis, &queues, &query).await?;
    ctx.out.note(&format!(
        "{} matches among {} jobs read",
        found.matches.len(),
        found.scanned
    ));
    let action = match args.then {
        None => return list(ctx, &found.matches),
        Some(ThenArg::Export) => return export(ctx, &redis, &found.matches).await,
        Some(ThenArg::Retry) => Action::Retry,
        Some(ThenArg::Remove) => Action::Remove,
        Some(ThenArg::Promote) => Action::Promote,
    };
    if args.confirm.dry_run {
        list(ctx, &found.matches)?;
        ctx.out.note(&dry_run_note(action, &found.matches));
        return Ok(Exit::Ok);
    }
    if !found.matches.is_empty() {
        let question = format!("{} {} matched jobs?", verb(action), found.matches.len());
        if ctx.out.confirm(&question, args.confirm.yes)? == Decision::Declined {
            ctx.out.note("nothing changed");
            return Ok(Exit::Ok);
        }
    }
    let report = ActReport::new(action, search::act(&redis, action, &found.matches).await?);
    ctx.out.print(&report)?;
    Ok(if report.failed > 0 {
        Exit::Failure
    } else {
        Exit::Ok
    })
}

/// Validates every flag before anything touches Redis.
/// The search `filters` ask for, validated (exit 2 naming the flag); `limit` 0 keeps every match.
pub(super) fn query_from(
    filters: &JobFilters,
    limit: usize,
    max_redis_busy: u8,
    now: u64,
) -> anyhow::Result<Query> {
    let args = filters;
    let (since_ms, until_ms) =
        super::time_window(("--since", &args.since), ("--until", &args.until), now)?;
    let data = args
        .data
        .iter()
        .map(|d| DataFilter::parse(d).or_else(|m| usage(format!("--data: {m}"))))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let error = match &args.error {
        None => None,
        Some(re) => Some(search::parse_regex(re).or_else(|m| usage(format!("--error: {m}")))?),
    };
    if args.name.as_deref() == Some("") {
        return usage("--name must not be empty");
    }
    let mut states: Vec<JobState> = args.state.iter().map(|s| JobState::from(*s)).collect();
    if states.is_empty() {
        states = JobState::ALL.to_vec();
    }
    states.sort_by_key(|s| JobState::ALL.iter().position(|a| a == s));
    states.dedup();
    Ok(Query {
        states,
        name: args.name.clone(),
        data,
        error,
        since_ms,
        until_ms,
        limit: (limit > 0).then_some(limit),
        redis_share: f64::from(max_redis_busy) / 100.0,
    })
}

/// Runs the search with a progress line on a terminal.
pub(super) async fn find(
    ctx: &Ctx,
    redis: &Redis,
    queues: &[String],
    query: &Query,
) -> anyhow::Result<search::Found> {
    let total = search::total(redis, queues, &query.states).await?;
    let bar = ctx.out.progress(total, "searching");
    let found = search::search(redis, queues, query, |n| bar.set(n)).await;
    bar.finish();
    Ok(found?)
}

/// Prints the matches: NDJSON, one per line, with `--json`; else a table.
fn list(ctx: &Ctx, matches: &[Match]) -> anyhow::Result<Exit> {
    if ctx.out.is_json() {
        ctx.out.json_lines(matches)?;
    } else {
        ctx.out.print(&SearchReport { matches })?;
    }
    Ok(Exit::Ok)
}

/// `--then export`: the matches as `queuectl export` writes them (each
/// queue's header, then its matched jobs), so `queuectl import` reads them
/// back; a job gone since the search is left out with a warning.
async fn export(ctx: &Ctx, redis: &Redis, matches: &[Match]) -> anyhow::Result<Exit> {
    let mut sink = ctx.out.sink(None)?;
    let targets = search::targets(matches);
    let parts = export::export_jobs(redis, &targets, now_ms(), |record| {
        Ok(sink.json_line(record)?)
    })
    .await?;
    sink.finish()?;
    let written: usize = parts
        .iter()
        .map(|(_, e)| e.jobs.values().sum::<usize>())
        .sum();
    if written < targets.len() {
        let gone = targets.len() - written;
        ctx.out.warn(&format!(
            "{gone} of the matched jobs are gone since the search"
        ));
    }
    Ok(Exit::Ok)
}

fn verb(action: Action) -> &'static str {
    match action {
        Action::Retry => "Retry",
        Action::Remove => "Remove",
        Action::Promote => "Promote",
    }
}

fn dry_run_note(action: Action, matches: &[Match]) -> String {
    let fit = matches
        .iter()
        .filter(|m| action.applies_to(m.state))
        .count();
    let rest = matches.len() - fit;
    let skipped = match action.needs() {
        Some(state) if rest > 0 => format!(", {rest} skipped as not {state}"),
        _ => String::new(),
    };
    format!(
        "dry run: would {} {fit} jobs{skipped}; nothing changed",
        verb(action).to_lowercase()
    )
}

/// The matches as a table.
#[derive(Debug, Serialize)]
struct SearchReport<'a> {
    matches: &'a [Match],
}

impl Render for SearchReport<'_> {
    fn render(&self, out: &mut Human) {
        if self.matches.is_empty() {
            out.line("no jobs match");
            return;
        }
        let mut t = Table::new(&[
            "QUEUE", "ID", "NAME", "STATE", "CREATED", "FINISHED", "REASON",
        ]);
        for m in self.matches {
            let tone = if m.state == JobState::Failed {
                Tone::Red
            } else {
                Tone::Plain
            };
            t.row(vec![
                m.queue.as_str().into(),
                m.id.as_str().into(),
                m.name.as_str().into(),
                Cell::new(m.state.name(), tone),
                fmt_time(Some(m.timestamp)).into(),
                fmt_time(m.finished_on).into(),
                shorten(m.failed_reason.as_deref().unwrap_or(""), 48).into(),
            ]);
        }
        out.table(t);
    }
}

/// What `--then` did: counts, then one item per matched job.
#[derive(Debug, Serialize)]
struct ActReport {
    action: Action,
    done: usize,
    skipped: usize,
    failed: usize,
    items: Vec<Acted>,
}

impl ActReport {
    fn new(action: Action, items: Vec<Acted>) -> Self {
        let count = |e: Effect| items.iter().filter(|i| i.outcome == e).count();
        Self {
            action,
            done: count(Effect::Done),
            skipped: count(Effect::Skipped),
            failed: count(Effect::Failed),
            items,
        }
    }
}

impl Render for ActReport {
    fn render(&self, out: &mut Human) {
        let past = match self.action {
            Action::Retry => "retried",
            Action::Remove => "removed",
            Action::Promote => "promoted",
        };
        out.line(format!(
            "{past} {} jobs ({} skipped, {} failed)",
            self.done, self.skipped, self.failed
        ));
        for i in self.items.iter().filter(|i| i.outcome != Effect::Done) {
            let word = if i.outcome == Effect::Skipped {
                "skipped"
            } else {
                "failed"
            };
            out.line(format!(
                "  {word} {} {}: {}",
                i.queue,
                i.id,
                i.reason.as_deref().unwrap_or("")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    fn m(id: &str, state: JobState, reason: Option<&str>) -> Match {
        Match {
            queue: "scrape-queue".into(),
            id: id.into(),
            name: "refresh\x1b[2J".into(),
            state,
            timestamp: 1_700_000_000_000,
            finished_on: (state == JobState::Failed).then_some(1_700_000_060_000),
            failed_reason: reason.map(str::to_string),
        }
    }

    #[test]
    fn search_table() {
        let matches = vec![
            m("12", JobState::Failed, Some("connect ETIMEDOUT\nat socket")),
            m("7", JobState::Waiting, None),
        ];
        let text = render_human(&SearchReport { matches: &matches }, false)
            + &render_human(&SearchReport { matches: &[] }, false);
        insta::assert_snapshot!(text);
    }

    #[test]
    fn search_then_report() {
        let item = |id: &str, outcome, reason: Option<&str>| Acted {
            queue: "scrape-queue".into(),
            id: id.into(),
            outcome,
            reason: reason.map(str::to_string),
        };
        let report = ActReport::new(
            Action::Retry,
            vec![
                item("1", Effect::Done, None),
                item("2\n3", Effect::Skipped, Some("not failed (state: waiting)")),
                item("4", Effect::Failed, Some("job is locked")),
            ],
        );
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn dry_run_notes_what_would_be_skipped() {
        let matches = vec![
            m("1", JobState::Failed, Some("x")),
            m("2", JobState::Waiting, None),
        ];
        assert_eq!(
            dry_run_note(Action::Retry, &matches),
            "dry run: would retry 1 jobs, 1 skipped as not failed; nothing changed"
        );
        assert_eq!(
            dry_run_note(Action::Remove, &matches),
            "dry run: would remove 2 jobs; nothing changed"
        );
    }
}
