//! `queuectl events`: print queues' BullMQ events, and with `--follow` keep
//! printing new ones until Ctrl-C.

use std::time::Duration;

use serde::Serialize;

use super::Ctx;
use crate::cli::EventsArgs;
use crate::connection::{Lost, Redis};
use crate::error::Exit;
use crate::output::{escape, Human, Render};
use crate::queues::discovery;
use crate::queues::events::{Event, Reader};

/// How long one blocking read waits before reading again.
const BLOCK: Duration = Duration::from_secs(2);

/// Longest detail shown on a human line.
const MAX_DETAIL: usize = 160;

/// Runs the command.
pub async fn run(ctx: &Ctx, args: EventsArgs) -> anyhow::Result<Exit> {
    let mut queues: Vec<String> = Vec::new();
    for q in &args.queues {
        ctx.check_queue(q)?;
        if !queues.contains(q) {
            queues.push(q.clone());
        }
    }
    let redis = ctx.redis_for(args.follow).await?;
    for q in &queues {
        if !discovery::exists(&redis, q).await? {
            ctx.out.warn(&format!(
                "queue '{q}' has no keys under prefix '{}' yet",
                redis.prefix()
            ));
        }
    }
    tokio::select! {
        result = print_events(ctx, &redis, &queues, &args) => result,
        _ = tokio::signal::ctrl_c() => Ok(Exit::Ok),
    }
}

async fn print_events(
    ctx: &Ctx,
    redis: &Redis,
    queues: &[String],
    args: &EventsArgs,
) -> anyhow::Result<Exit> {
    let width = queues
        .iter()
        .map(|q| escape::line(q).chars().count())
        .max()
        .unwrap_or(0);
    let show = |events: Vec<Event>| -> std::io::Result<()> {
        for event in events {
            ctx.out.print(&Line { event, width })?;
        }
        Ok(())
    };
    let mut reader = Reader::from_start(redis.prefix(), queues);
    if args.from_start {
        loop {
            let events = reader.read(redis, None).await?;
            if events.is_empty() {
                break;
            }
            show(events)?;
        }
    } else {
        show(reader.tail(redis, args.limit).await?)?;
    }
    if !args.follow {
        return Ok(Exit::Ok);
    }
    // Following outlives a lost Redis: the reader keeps its place in each
    // stream, and the connection is made again once Redis answers.
    let mut lost = false;
    loop {
        match reader.read(redis, Some(BLOCK)).await {
            Ok(events) => {
                if std::mem::take(&mut lost) {
                    ctx.out
                        .note(&format!("Redis at {} answers again", redis.target()));
                }
                show(events)?;
            }
            Err(e) => {
                let Some(gone) = Lost::find(&e, &ctx.settings.redis, "following events") else {
                    return Err(e.into());
                };
                if !std::mem::replace(&mut lost, true) {
                    ctx.out.warn(&format!("{gone}; retrying until it answers"));
                }
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}

/// How long `--follow` waits between attempts while Redis is gone.
const RETRY: Duration = Duration::from_millis(500);

/// One event: its JSON object, or one human line.
#[derive(Serialize)]
#[serde(transparent)]
struct Line {
    event: Event,
    /// Column width of the queue name.
    #[serde(skip)]
    width: usize,
}

impl Render for Line {
    fn render(&self, out: &mut Human) {
        let e = &self.event;
        let time = chrono::DateTime::from_timestamp_millis(e.time as i64)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S%.3f").to_string())
            .unwrap_or_else(|| "-".into());
        let name = format!("{:<17}", escape::line(&e.event));
        let name = match e.event.as_str() {
            "completed" => out.green(&name),
            "failed" | "retries-exhausted" => out.red(&name),
            "stalled" | "removed" => out.yellow(&name),
            _ => name,
        };
        let mut parts = vec![
            out.dim(&time),
            format!("{:<w$}", escape::line(&e.queue), w = self.width),
            name,
        ];
        if let Some(job) = &e.job_id {
            parts.push(format!("job {}", escape::line(job)));
        }
        let detail = detail(e);
        if !detail.is_empty() {
            parts.push(escape::line(&truncate(&detail, MAX_DETAIL)).into_owned());
        }
        out.styled(parts.join("  ").trim_end());
    }
}

/// The event's payload for people: the result, reason or progress first,
/// then the other fields as `key=value`.
fn detail(e: &Event) -> String {
    let mut parts = Vec::new();
    for (key, value) in &e.fields {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match key.as_str() {
            "data" | "returnvalue" | "failedReason" => parts.insert(0, text),
            // `prev` of these is always the same state (active, or waiting for active).
            "prev" if matches!(e.event.as_str(), "active" | "completed" | "failed") => {}
            "delay" => parts.push(format!("until {}", due(&text))),
            _ => parts.push(format!("{key}={text}")),
        }
    }
    parts.join("  ")
}

/// A `delayed` event's due time (absolute epoch ms) as a UTC time of day.
fn due(ms: &str) -> String {
    ms.parse::<i64>()
        .ok()
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.format("%H:%M:%S%.3f").to_string())
        .unwrap_or_else(|| ms.to_string())
}

fn truncate(text: &str, max: usize) -> String {
    let one_line = text.replace('\n', " ");
    match one_line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    fn event(flat: &[&str]) -> Event {
        let flat = flat.iter().map(|s| s.to_string()).collect();
        Event::decode("scrape-queue", ("1795856401123-0".into(), flat))
    }

    #[test]
    fn details_put_the_payload_first_and_skip_obvious_fields() {
        let e = event(&[
            "event",
            "completed",
            "jobId",
            "42",
            "returnvalue",
            r#"{"pagesProcessed":3}"#,
            "prev",
            "active",
        ]);
        assert_eq!(detail(&e), r#"{"pagesProcessed":3}"#);
        let e = event(&["event", "waiting", "jobId", "7", "prev", "delayed"]);
        assert_eq!(detail(&e), "prev=delayed");
        let e = event(&["event", "delayed", "jobId", "7", "delay", "1795856401123"]);
        assert_eq!(detail(&e), "until 09:00:01.123");
        assert_eq!(detail(&event(&["event", "drained"])), "");
    }

    #[test]
    fn event_lines() {
        let completed = event(&[
            "event",
            "completed",
            "jobId",
            "42",
            "returnvalue",
            r#"{"pagesProcessed":3}"#,
            "prev",
            "active",
        ]);
        let failed = event(&[
            "event",
            "failed",
            "jobId",
            "job\x1b[2J",
            "failedReason",
            "boom\nat line 2",
        ]);
        let long = event(&["event", "progress", "jobId", "7", "data", &"x".repeat(200)]);
        let drained = event(&["event", "drained"]);
        let text = [completed, failed, long, drained]
            .into_iter()
            .map(|event| render_human(&Line { event, width: 14 }, false))
            .collect::<String>();
        insta::assert_snapshot!(text);
    }

    #[test]
    fn long_payloads_are_cut() {
        assert_eq!(truncate("abcdef", 3), "abc…");
        assert_eq!(truncate("a\nb", 5), "a b");
    }
}
