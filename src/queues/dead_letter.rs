//! Reprocessing list-based dead-letter records: parsing both record formats,
//! re-adding each as a new job (priority low, 1 attempt) and removing a
//! record only once its job exists.

use serde_json::value::{to_raw_value, RawValue};
use serde_json::{Map, Value};

use super::add::add_one;
use super::input::{self, JobSpec};
use super::retry::{reprocess_options, Filter, Item, Outcome};
use super::routing;
use crate::connection::Redis;

/// One entry of the list, parsed or not.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The exact list element, removed by value once its job exists.
    pub raw: String,
    pub parsed: Result<Record, Malformed>,
}

/// A record that can be re-added.
#[derive(Debug, Clone)]
pub struct Record {
    pub job_id: String,
    pub name: String,
    /// The target queue: the record's own, else routed by job name.
    pub queue: String,
    pub data: Box<RawValue>,
    pub error: String,
    pub timestamp: u64,
}

impl Record {
    /// The new job's id: fixed per record, so re-adding twice adds one job.
    pub fn new_job_id(&self) -> String {
        format!("dlq-{}-{}", self.job_id, self.timestamp)
    }

    fn spec(&self) -> Result<JobSpec, String> {
        let flags = reprocess_options(&self.queue, &self.new_job_id());
        input::single(&self.name, self.data.clone(), &flags).map_err(|e| e.to_string())
    }
}

/// Why a record cannot be re-added; it stays in the list.
#[derive(Debug, Clone)]
pub struct Malformed {
    pub job_id: Option<String>,
    pub reason: String,
}

/// Reads the whole list, oldest record first (workers LPUSH). Writes nothing.
pub async fn read(redis: &Redis, key: &str) -> Result<Vec<Entry>, bullmq::Error> {
    let mut raws = redis.list_all(key).await?;
    raws.reverse();
    Ok(raws
        .into_iter()
        .map(|raw| Entry {
            parsed: parse(&raw),
            raw,
        })
        .collect())
}

/// Parses one record: `{jobId, name?, queue?, data|jobData, error, stack, timestamp, attemptsMade}`.
pub fn parse(raw: &str) -> Result<Record, Malformed> {
    let bad = |job_id: Option<String>, reason: &str| Malformed {
        job_id,
        reason: reason.to_string(),
    };
    let obj: Map<String, Value> = match serde_json::from_str(raw) {
        Ok(Value::Object(obj)) => obj,
        _ => return Err(bad(None, "not a JSON object")),
    };
    let job_id = match obj.get("jobId") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(bad(None, "no jobId")),
    };
    let id = Some(job_id.clone());
    let Some(name) = obj
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
    else {
        return Err(bad(id, "no job name"));
    };
    let Some(timestamp) = obj.get("timestamp").and_then(Value::as_u64) else {
        return Err(bad(id, "no timestamp"));
    };
    let Some(data) = obj.get("data").or_else(|| obj.get("jobData")) else {
        return Err(bad(id, "no data or jobData"));
    };
    let queue = match obj.get("queue").and_then(Value::as_str) {
        Some(q) => q.to_string(),
        None => match routing::queue_for(name) {
            Some(q) => q.to_string(),
            None => {
                return Err(bad(
                    id,
                    &format!("no queue, and job name '{name}' has no route"),
                ))
            }
        },
    };
    let data = to_raw_value(data).map_err(|e| bad(id.clone(), &e.to_string()))?;
    let error = obj.get("error").and_then(Value::as_str).unwrap_or_default();
    Ok(Record {
        job_id,
        name: name.to_string(),
        queue,
        data,
        error: error.to_string(),
        timestamp,
    })
}

/// Whether a record passes the filters and, when `queues` is not empty, targets one of them.
pub fn selects(filter: &Filter, queues: &[String], record: &Record) -> bool {
    filter.accepts(&record.name, &record.error)
        && filter.accepts_time(record.timestamp)
        && (queues.is_empty() || queues.contains(&record.queue))
}

/// Re-adds each record, then removes it from the list: a crash in between
/// leaves the record, and the rerun's add finds its job and adds nothing.
pub async fn reprocess(redis: &Redis, key: &str, entries: &[(String, Record)]) -> Vec<Item> {
    let mut items = Vec::with_capacity(entries.len());
    for (raw, record) in entries {
        items.push(reprocess_one(redis, key, raw, record).await);
    }
    items
}

async fn reprocess_one(redis: &Redis, key: &str, raw: &str, record: &Record) -> Item {
    let item = |outcome, new_id, reason| Item {
        queue: Some(record.queue.clone()),
        id: Some(record.job_id.clone()),
        new_id,
        outcome,
        reason,
    };
    let spec = match record.spec() {
        Ok(spec) => spec,
        Err(reason) => return item(Outcome::Skipped, None, Some(reason)),
    };
    let added = match add_one(redis, spec).await {
        Ok(added) => added,
        Err(e) => return item(Outcome::Failed, None, Some(format!("adding the job: {e}"))),
    };
    match redis.remove_record(key, raw).await {
        Ok(_) => item(Outcome::Retried, Some(added.id), None),
        Err(e) => item(
            Outcome::Failed,
            Some(added.id),
            Some(format!("job added, but the record stays in the list: {e}")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_parse() {
        let ours = r#"{"jobId":"7","name":"analytics","queue":"q1","data":{"a":1},"error":"boom","stack":[],"timestamp":5,"attemptsMade":3}"#;
        let r = parse(ours).unwrap();
        assert_eq!((r.queue.as_str(), r.data.get()), ("q1", r#"{"a":1}"#));
        assert_eq!(r.new_job_id(), "dlq-7-5");
        let node = r#"{"jobId":12,"jobData":{"url":"x"},"error":"ETIMEDOUT","stack":"s","timestamp":9,"attemptsMade":3,"name":"refresh"}"#;
        let r = parse(node).unwrap();
        assert_eq!(
            (r.job_id.as_str(), r.queue.as_str()),
            ("12", "scrape-queue")
        );
    }

    #[test]
    fn malformed_records_say_why() {
        let reason = |raw: &str| parse(raw).unwrap_err().reason;
        assert_eq!(reason("nope"), "not a JSON object");
        assert_eq!(
            reason(r#"{"jobId":"1","jobData":{},"timestamp":1}"#),
            "no job name"
        );
        assert!(
            reason(r#"{"jobId":"1","name":"email","data":{},"timestamp":1}"#).contains("no route")
        );
        assert_eq!(reason(r#"{"name":"refresh"}"#), "no jobId");
    }
}
