//! `queuectl job`: show one job whole (after the `--set-*` edits, when given),
//! or with `--wait` follow it to its end.

use serde::Serialize;
use serde_json::Value;

use super::enqueue::read_data;
use super::{fmt_time, wait, Ctx};
use crate::cli::JobArgs;
use crate::error::{Exit, NotFound};
use crate::output::{Human, Render, Tone};
use crate::queues::edit::{self, EditError, Edits};
use crate::queues::inspect;
use crate::queues::wait::Waiter;

/// The job as Node's `Job` presents it, plus `state`, `logs` and `metrics`.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct JobReport(Value);

impl Render for JobReport {
    fn render(&self, out: &mut Human) {
        let j = &self.0;
        let s = |k: &str| match &j[k] {
            Value::String(s) => s.clone(),
            Value::Null => "-".into(),
            v => v.to_string(),
        };
        let t = |k: &str| fmt_time(j[k].as_u64());
        out.field("id", s("id"));
        out.field("name", s("name"));
        out.field("state", s("state"));
        out.field("progress", s("progress"));
        out.field(
            "attempts",
            format!(
                "{} made, {} started, max {}",
                s("attemptsMade"),
                s("attemptsStarted"),
                j["opts"]["attempts"]
            ),
        );
        out.field("created", t("timestamp"));
        out.field("processed", t("processedOn"));
        out.field("finished", t("finishedOn"));
        if j["priority"].as_u64().unwrap_or(0) > 0 {
            out.field("priority", s("priority"));
        }
        if j["delay"].as_u64().unwrap_or(0) > 0 {
            out.field("delay", format!("{} ms", s("delay")));
        }
        block(out, "data", &j["data"]);
        block(out, "opts", &j["opts"]);
        if !j["returnvalue"].is_null() {
            block(out, "returnvalue", &j["returnvalue"]);
        }
        if let Some(reason) = j["failedReason"].as_str().filter(|r| !r.is_empty()) {
            out.field_in(Tone::Red, "failedReason", reason);
        }
        lines(out, "stacktrace", &j["stacktrace"]);
        lines(out, "logs", &j["logs"]);
        if let Some(m) = j["metrics"].as_object() {
            let n = |k: &str| m[k].as_u64().map_or("n/a".to_string(), |v| v.to_string());
            out.field(
                "metrics",
                format!(
                    "last attempt {} ms, cpu {} ms, peak rss ({}) {} KiB",
                    n("durationMs"),
                    n("cpuMs"),
                    m["rssOf"].as_str().unwrap_or("?"),
                    n("peakRssKiB")
                ),
            );
        }
    }
}

fn block(out: &mut Human, key: &str, value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    out.styled(out.bold(&format!("{key}:")));
    for line in text.lines() {
        out.line(format!("  {line}"));
    }
}

fn lines(out: &mut Human, key: &str, value: &Value) {
    let Some(items) = value.as_array().filter(|a| !a.is_empty()) else {
        return;
    };
    out.styled(out.bold(&format!("{key}:")));
    for item in items {
        for line in item.as_str().unwrap_or_default().lines() {
            out.line(format!("  {line}"));
        }
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: JobArgs) -> anyhow::Result<Exit> {
    ctx.check_queue(&args.queue)?;
    let edits = Edits {
        data: match args.set_data.as_deref() {
            Some(arg) => Some(read_data(Some(arg))?),
            None => None,
        },
        priority: args.set_priority,
        delay_ms: args.set_delay.map(|d| d.as_millis() as u64),
    };
    let redis = ctx.redis().await?;
    if !edits.is_empty() {
        edit::apply(&redis, &args.queue, &args.id, &edits)
            .await
            .map_err(|e| match e {
                EditError::NotFound { .. } => NotFound(e.to_string()).into(),
                // Its own type, so the exit code is a usage error's.
                EditError::Input(e) => anyhow::Error::from(e),
                e => anyhow::Error::from(e),
            })?;
    }
    if args.wait.wait {
        let waiter = Waiter::start(&redis, &args.queue).await?;
        return wait::wait_for(ctx, &redis, waiter, &args.queue, &args.id, args.wait).await;
    }
    match inspect::show(&redis, &args.queue, &args.id).await? {
        Some(job) => {
            ctx.out.print(&JobReport(job))?;
            Ok(Exit::Ok)
        }
        None => Err(NotFound(format!(
            "job '{}' not found in queue '{}' (prefix '{}')",
            args.id,
            args.queue,
            redis.prefix()
        ))
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use serde_json::json;

    #[test]
    fn job_failed_with_everything() {
        let job = json!({
            "id": "42",
            "name": "scrape",
            "state": "failed",
            "progress": 40,
            "attemptsMade": 3,
            "attemptsStarted": 3,
            "timestamp": 1_795_856_401_123u64,
            "processedOn": 1_795_856_402_000u64,
            "finishedOn": 1_795_856_403_000u64,
            "priority": 2,
            "delay": 1500,
            "data": {"url": "https://example.com/\u{1b}[2J", "note": "two\nlines"},
            "opts": {"attempts": 3, "backoff": {"type": "exponential", "delay": 2000}},
            "returnvalue": null,
            "failedReason": "timeout\u{7}",
            "stacktrace": ["Error: timeout\n    at fetch (x.js:1:1)"],
            "logs": ["started", "evil \u{1b}]0;t\u{7}"],
            "metrics": {"durationMs": 1200, "cpuMs": 300, "rssOf": "process", "peakRssKiB": 51200},
        });
        insta::assert_snapshot!(render_human(&JobReport(job), false));
    }

    #[test]
    fn job_completed_minimal() {
        let job = json!({
            "id": "7",
            "name": "email",
            "state": "completed",
            "progress": 0,
            "attemptsMade": 1,
            "attemptsStarted": 1,
            "timestamp": 1_795_856_401_123u64,
            "processedOn": null,
            "finishedOn": null,
            "priority": 0,
            "delay": 0,
            "data": {},
            "opts": {"attempts": 1},
            "returnvalue": {"sent": true},
            "failedReason": "",
            "stacktrace": [],
            "logs": [],
        });
        insta::assert_snapshot!(render_human(&JobReport(job), false));
    }
}
