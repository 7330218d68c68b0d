//! `queuectl jobs`: list a queue's jobs.

use serde::Serialize;

use super::{fmt_time, Ctx};
use crate::cli::JobsArgs;
use crate::error::{Exit, NotFound};
use crate::output::{Cell, Human, Render, Table, Tone};
use crate::queues::inspect::{self, JobRow};
use crate::queues::{discovery, JobState};

#[derive(Debug, Serialize)]
struct JobsReport {
    jobs: Vec<JobRow>,
}

impl Render for JobsReport {
    fn render(&self, out: &mut Human) {
        if self.jobs.is_empty() {
            out.line("no jobs");
            return;
        }
        let mut t = Table::new(&[
            "ID",
            "NAME",
            "STATE",
            "ATTEMPTS",
            "PROGRESS",
            "CREATED",
            "PROCESSED",
            "FINISHED",
            "REASON",
        ])
        .right_align(&[3]);
        for j in &self.jobs {
            let tone = if j.state == "failed" {
                Tone::Red
            } else {
                Tone::Plain
            };
            t.row(vec![
                j.id.as_str().into(),
                j.name.as_str().into(),
                Cell::new(j.state.as_str(), tone),
                j.attempts_made.to_string().into(),
                progress_cell(&j.progress).into(),
                fmt_time(Some(j.timestamp)).into(),
                fmt_time(j.processed_on).into(),
                fmt_time(j.finished_on).into(),
                shorten(&j.failed_reason, 48).into(),
            ]);
        }
        out.table(t);
    }
}

fn progress_cell(p: &serde_json::Value) -> String {
    match p {
        serde_json::Value::Number(n) => format!("{n}%"),
        other => shorten(&other.to_string(), 24),
    }
}

pub(super) fn shorten(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or("");
    if first.chars().count() <= max && first.len() == text.len() {
        return first.to_string();
    }
    let cut: String = first.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: JobsArgs) -> anyhow::Result<Exit> {
    ctx.check_queue(&args.queue)?;
    let redis = ctx.redis().await?;
    if !discovery::exists(&redis, &args.queue).await? {
        return Err(NotFound(format!(
            "queue '{}' not found under prefix '{}'",
            args.queue,
            redis.prefix()
        ))
        .into());
    }
    let state = args.state.map(JobState::from);
    let jobs = inspect::list(&redis, &args.queue, state, args.limit, args.offset).await?;
    ctx.out.print(&JobsReport { jobs })?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use serde_json::json;

    fn row(id: &str, state: &str, progress: serde_json::Value, reason: &str) -> JobRow {
        JobRow {
            id: id.into(),
            name: "scrape".into(),
            state: state.into(),
            attempts_made: 2,
            progress,
            timestamp: 1_795_856_401_123,
            processed_on: Some(1_795_856_402_000),
            finished_on: None,
            failed_reason: reason.into(),
        }
    }

    #[test]
    fn jobs_table() {
        let report = JobsReport {
            jobs: vec![
                row("1", "active", json!(40), ""),
                row(
                    "2\x1b[2J",
                    "failed",
                    json!({"stage": "fetching a very long stage name"}),
                    "a reason that is longer than forty-eight characters in all\nsecond line",
                ),
                row("3", "waiting", json!(12.5), "short\x07"),
            ],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }

    #[test]
    fn jobs_none() {
        insta::assert_snapshot!(render_human(&JobsReport { jobs: vec![] }, false));
    }
}
