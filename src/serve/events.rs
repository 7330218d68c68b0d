//! Follows every queue's BullMQ event stream (`<prefix>:<queue>:events`) and
//! turns job events into the JSON frames the WebSocket clients receive, so
//! jobs processed by Node workers show up as well as queuectl's own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::Utf8Bytes;
use serde_json::{json, Value};
use tokio::sync::{broadcast, Notify};

use crate::connection::{Redis, RedisSettings};
use crate::queues::events::Event;
use crate::queues::vocab::Percent;
use crate::queues::vocab::Progress;
use crate::queues::{discovery, keys, now_ms};

/// How often the queue list is scanned again for new queues.
const RESCAN: Duration = Duration::from_secs(2);
/// The shortest gap between two scans, however often the API asks.
const MIN_RESCAN: Duration = Duration::from_millis(200);
/// How long one XREAD waits for new entries.
const BLOCK: Duration = Duration::from_millis(1000);
/// Entries read per XREAD.
const COUNT: usize = 1000;
/// A queue found by a rescan is read from this long before the previous scan,
/// so its first events are not lost to the scan interval.
const NEW_QUEUE_MARGIN_MS: u64 = 1000;

/// A request to look for new queues now rather than at the next scan: the
/// API sets it when it adds a job, so a queue it creates shows its first
/// events live instead of up to a scan interval later.
#[derive(Debug, Default)]
pub struct RescanRequest {
    pending: AtomicBool,
    wake: Notify,
}

impl RescanRequest {
    pub fn request(&self) {
        self.pending.store(true, Ordering::Relaxed);
        self.wake.notify_one();
    }

    fn take(&self) -> bool {
        self.pending.swap(false, Ordering::Relaxed)
    }
}

/// One event, serialised once for every client.
#[derive(Debug)]
pub struct Frame {
    /// The queue it belongs to (clients may subscribe to some queues only).
    pub queue: String,
    /// The JSON text sent to clients.
    pub text: Utf8Bytes,
}

/// Reads events forever, reconnecting after Redis errors; the task is
/// aborted when the server stops.
pub(super) async fn run(
    settings: RedisSettings,
    sender: broadcast::Sender<Arc<Frame>>,
    rescan: Arc<RescanRequest>,
) {
    loop {
        // A connection of its own: XREAD BLOCK would stall the routes' commands.
        if let Ok(redis) = Redis::connect(&settings).await {
            let _ = follow(&redis, &sender, &rescan).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// The streams being read: events key → (queue, last id read).
#[derive(Default)]
struct Cursors {
    streams: HashMap<String, (String, String)>,
    /// Wall-clock time of the previous scan; `None` before the first.
    scanned_ms: Option<u64>,
}

impl Cursors {
    /// Adds queues that appeared since the last scan. Queues present at start
    /// are read from their newest entry on (new events only).
    async fn rescan(&mut self, redis: &Redis) -> Result<(), bullmq::Error> {
        let now = now_ms();
        for queue in discovery::discover(redis).await? {
            let key = keys::queue(redis.prefix(), &queue).events();
            if self.streams.contains_key(&key) {
                continue;
            }
            let start = match self.scanned_ms {
                None => redis
                    .stream_tail(&key, 1)
                    .await?
                    .into_iter()
                    .next()
                    .map_or_else(|| "0-0".into(), |(id, _)| id),
                Some(prev) => format!("{}-0", prev.saturating_sub(NEW_QUEUE_MARGIN_MS)),
            };
            self.streams.insert(key, (queue, start));
        }
        self.scanned_ms = Some(now);
        Ok(())
    }

    fn list(&self) -> Vec<(String, String)> {
        self.streams
            .iter()
            .map(|(key, (_, id))| (key.clone(), id.clone()))
            .collect()
    }
}

async fn follow(
    redis: &Redis,
    sender: &broadcast::Sender<Arc<Frame>>,
    requested: &RescanRequest,
) -> Result<(), bullmq::Error> {
    let mut cursors = Cursors::default();
    let mut last_scan: Option<Instant> = None;
    loop {
        let since = last_scan.map_or(RESCAN, |at| at.elapsed());
        // Requests are served at most every MIN_RESCAN, so a flood of adds
        // does not turn into a SCAN per XREAD.
        if since >= RESCAN || (since >= MIN_RESCAN && requested.take()) {
            cursors.rescan(redis).await?;
            last_scan = Some(Instant::now());
        }
        if cursors.streams.is_empty() {
            tokio::select! {
                () = tokio::time::sleep(RESCAN) => {}
                // Past MIN_RESCAN, so the next turn serves the request.
                () = requested.wake.notified() => tokio::time::sleep(MIN_RESCAN).await,
            }
            continue;
        }
        let (keys, ids): (Vec<String>, Vec<String>) = cursors.list().into_iter().unzip();
        for (key, entries) in redis.stream_read(&keys, &ids, COUNT, Some(BLOCK)).await? {
            let Some((queue, last)) = cursors.streams.get_mut(&key) else {
                continue;
            };
            for (id, flat) in entries {
                if let Some(text) = frame(&Event::decode(queue, (id.clone(), flat))) {
                    let frame = Frame {
                        queue: queue.clone(),
                        text: text.into(),
                    };
                    // No receivers is fine: nobody is watching.
                    let _ = sender.send(Arc::new(frame));
                }
                *last = id;
            }
        }
    }
}

/// The client frame for one stream event; `None` for events clients do not get.
fn frame(event: &Event) -> Option<String> {
    let (job_id, queue) = (event.job_id.as_deref()?, event.queue.as_str());
    let mut frame = match event.event.as_str() {
        "active" => json!({ "type": "job:active", "jobId": job_id, "queue": queue }),
        "progress" => {
            let data = event.field("data").cloned().unwrap_or(Value::Null);
            let p = Progress::from_value(&data);
            // A payload without a percentage is passed on as it is.
            let progress = p.percent.map_or(data, number);
            json!({ "type": "job:progress", "jobId": job_id, "queue": queue,
                    "progress": progress, "message": p.message })
        }
        "completed" => json!({ "type": "job:completed", "jobId": job_id, "queue": queue,
                               "result": event.field("returnvalue") }),
        "failed" => json!({ "type": "job:failed", "jobId": job_id, "queue": queue,
                            "error": event.text("failedReason") }),
        _ => return None,
    };
    // Stream ids start with the time Redis stored the event, in ms.
    frame["timestamp"] = Value::from(event.time);
    Some(frame.to_string())
}

/// A percentage as JSON, whole numbers without a fraction (`40`, not `40.0`).
fn number(percent: f64) -> Value {
    serde_json::to_value(Percent(percent)).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(fields: &[(&str, &str)]) -> Event {
        let flat = fields
            .iter()
            .flat_map(|(k, v)| [k.to_string(), v.to_string()])
            .collect();
        Event::decode("q", ("1700000000123-0".into(), flat))
    }

    fn decoded(fields: &[(&str, &str)]) -> Value {
        serde_json::from_str(&frame(&event(fields)).expect("a frame")).unwrap()
    }

    #[test]
    fn progress_numbers_and_objects() {
        let f = decoded(&[("event", "progress"), ("jobId", "7"), ("data", "40")]);
        assert_eq!(f["type"], "job:progress");
        assert_eq!(
            (f["progress"].clone(), f["message"].clone()),
            (json!(40), Value::Null)
        );
        assert_eq!(f["timestamp"], 1700000000123u64);
        let f = decoded(&[
            ("event", "progress"),
            ("jobId", "7"),
            ("data", r#"{"percent":55,"message":"page 3"}"#),
        ]);
        assert_eq!(
            (f["progress"].clone(), f["message"].clone()),
            (json!(55), json!("page 3"))
        );
    }

    #[test]
    fn completed_failed_active_and_others() {
        let f = decoded(&[
            ("event", "completed"),
            ("jobId", "1"),
            ("returnvalue", r#"{"ok":true}"#),
        ]);
        assert_eq!(
            (f["type"].clone(), f["result"]["ok"].clone()),
            (json!("job:completed"), json!(true))
        );
        let f = decoded(&[
            ("event", "failed"),
            ("jobId", "1"),
            ("failedReason", "boom"),
        ]);
        assert_eq!(
            (f["type"].clone(), f["error"].clone()),
            (json!("job:failed"), json!("boom"))
        );
        assert_eq!(
            decoded(&[("event", "active"), ("jobId", "1")])["type"],
            "job:active"
        );
        assert!(frame(&event(&[("event", "added"), ("jobId", "1")])).is_none());
    }
}
