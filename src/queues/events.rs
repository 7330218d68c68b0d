//! Reads queues' BullMQ event streams (`<prefix>:<queue>:events`) and decodes
//! their entries the way Node's `QueueEvents` does. Read-only: XREVRANGE and
//! XREAD through the admin connection.

use std::time::Duration;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::keys;
use crate::connection::{Redis, StreamEntry};

/// Entries fetched per stream and read.
const BATCH: usize = 1000;

/// Fields whose value BullMQ writes as JSON text (`QueueEvents` parses them).
const JSON_FIELDS: [&str; 2] = ["data", "returnvalue"];

/// One decoded event of one queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub queue: String,
    /// The stream entry id, `<ms>-<seq>`.
    pub id: String,
    /// When it was written, in epoch milliseconds (the id's first part).
    pub time: u64,
    /// The event name: `added`, `progress`, `completed`, ...
    pub event: String,
    pub job_id: Option<String>,
    /// Every other field in stream order; `data` and `returnvalue` parsed as JSON
    /// when they are JSON, everything else as strings.
    pub fields: Vec<(String, Value)>,
}

impl Event {
    /// Decodes one stream entry of `queue`.
    pub fn decode(queue: &str, (id, flat): StreamEntry) -> Self {
        let mut event = String::new();
        let mut job_id = None;
        let mut fields = Vec::new();
        let mut pairs = flat.into_iter();
        while let (Some(key), Some(value)) = (pairs.next(), pairs.next()) {
            match key.as_str() {
                "event" => event = value,
                "jobId" => job_id = Some(value),
                k if JSON_FIELDS.contains(&k) => {
                    let parsed = serde_json::from_str(&value).unwrap_or(Value::String(value));
                    fields.push((key, parsed));
                }
                _ => fields.push((key, Value::String(value))),
            }
        }
        Self {
            queue: queue.to_string(),
            time: id_parts(&id).0,
            id,
            event,
            job_id,
            fields,
        }
    }

    /// The field `name`, if present.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The field `name` as text (strings as they are, JSON re-encoded).
    pub fn text(&self, name: &str) -> Option<String> {
        self.field(name).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

/// `{"queue","id","time","event","jobId",...fields}`, one flat object.
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5 + self.fields.len()))?;
        map.serialize_entry("queue", &self.queue)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("time", &self.time)?;
        map.serialize_entry("event", &self.event)?;
        if let Some(job) = &self.job_id {
            map.serialize_entry("jobId", job)?;
        }
        for (k, v) in &self.fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `(ms, seq)` of a stream id; `(0, 0)` for anything unparsable.
fn id_parts(id: &str) -> (u64, u64) {
    let (ms, seq) = id.split_once('-').unwrap_or((id, "0"));
    (ms.parse().unwrap_or(0), seq.parse().unwrap_or(0))
}

/// Follows the event streams of several queues from a cursor per stream.
#[derive(Debug, Clone)]
pub struct Reader {
    queues: Vec<String>,
    keys: Vec<String>,
    /// The last id seen per stream; `0-0` reads from the oldest entry kept.
    cursors: Vec<String>,
}

impl Reader {
    /// A reader positioned before the oldest event of each queue.
    pub fn from_start(prefix: &str, queues: &[String]) -> Self {
        Self {
            queues: queues.to_vec(),
            keys: queues.iter().map(|q| keys::events(prefix, q)).collect(),
            cursors: vec!["0-0".to_string(); queues.len()],
        }
    }

    /// A reader positioned after the newest event of each queue, so that
    /// [`Reader::read`] returns only what happens from now on.
    pub async fn at_end(
        redis: &Redis,
        prefix: &str,
        queues: &[String],
    ) -> Result<Self, bullmq::Error> {
        let mut reader = Self::from_start(prefix, queues);
        reader.tail(redis, 0).await?;
        Ok(reader)
    }

    /// The newest `limit` events of each queue, merged oldest first; the
    /// reader continues after them.
    pub async fn tail(&mut self, redis: &Redis, limit: usize) -> Result<Vec<Event>, bullmq::Error> {
        let mut events = Vec::new();
        for i in 0..self.keys.len() {
            let newest = redis.stream_tail(&self.keys[i], limit.max(1)).await?;
            if let Some((id, _)) = newest.first() {
                self.cursors[i] = id.clone();
            }
            let queue = &self.queues[i];
            let kept = newest.into_iter().take(limit).rev();
            events.extend(kept.map(|e| Event::decode(queue, e)));
        }
        sort(&mut events);
        Ok(events)
    }

    /// The next events after the cursors, merged oldest first (at most a batch
    /// per stream). With `block`, waits that long for one; empty when none came.
    pub async fn read(
        &mut self,
        redis: &Redis,
        block: Option<Duration>,
    ) -> Result<Vec<Event>, bullmq::Error> {
        let reply = redis
            .stream_read(&self.keys, &self.cursors, BATCH, block)
            .await?;
        let mut events = Vec::new();
        for (key, entries) in reply {
            let Some(i) = self.keys.iter().position(|k| *k == key) else {
                continue;
            };
            if let Some((id, _)) = entries.last() {
                self.cursors[i] = id.clone();
            }
            let queue = &self.queues[i];
            events.extend(entries.into_iter().map(|e| Event::decode(queue, e)));
        }
        sort(&mut events);
        Ok(events)
    }
}

/// Oldest first across queues (the sort is stable, so one queue keeps its order).
fn sort(events: &mut [Event]) {
    events.sort_by_key(|e| id_parts(&e.id));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, flat: &[&str]) -> StreamEntry {
        (id.into(), flat.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn decodes_like_queue_events() {
        let e = Event::decode(
            "q",
            entry(
                "1700000000123-4",
                &[
                    "event",
                    "completed",
                    "jobId",
                    "7",
                    "returnvalue",
                    "{\"n\":3}",
                    "prev",
                    "active",
                ],
            ),
        );
        assert_eq!(e.time, 1_700_000_000_123);
        assert_eq!(e.event, "completed");
        assert_eq!(e.job_id.as_deref(), Some("7"));
        assert_eq!(e.field("returnvalue").unwrap()["n"], 3);
        assert_eq!(e.text("prev").as_deref(), Some("active"));
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"queue":"q","id":"1700000000123-4","time":1700000000123,"event":"completed","jobId":"7","returnvalue":{"n":3},"prev":"active"}"#
        );
    }

    #[test]
    fn non_json_payloads_stay_text_and_drained_has_no_job() {
        let e = Event::decode(
            "q",
            entry(
                "5-0",
                &["event", "progress", "jobId", "1", "data", "not json"],
            ),
        );
        assert_eq!(e.field("data"), Some(&Value::from("not json")));
        let d = Event::decode("q", entry("6-0", &["event", "drained"]));
        assert_eq!(d.job_id, None);
        assert!(!serde_json::to_string(&d).unwrap().contains("jobId"));
    }

    #[test]
    fn merges_queues_by_stream_id() {
        let mut events: Vec<Event> = [("a", "10-1"), ("b", "9-5"), ("a", "10-0"), ("b", "10-0")]
            .into_iter()
            .map(|(q, id)| Event::decode(q, entry(id, &["event", "x"])))
            .collect();
        sort(&mut events);
        let order: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e.queue.as_str(), e.id.as_str()))
            .collect();
        assert_eq!(
            order,
            [("b", "9-5"), ("a", "10-0"), ("b", "10-0"), ("a", "10-1")]
        );
    }
}
