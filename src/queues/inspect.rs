//! Lists jobs and shows one job whole, in BullMQ's own field names.

use bullmq::Job;
use serde::Serialize;
use serde_json::{Map, Value};

use super::job_hash::JobHash;
use super::job_metrics::JobMetrics;
use super::stats::Counts;
use super::{vocab, JobState};
use crate::connection::Redis;

/// One row of `queuectl jobs`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRow {
    pub id: String,
    pub name: String,
    pub state: String,
    pub attempts_made: u32,
    pub progress: Value,
    pub timestamp: u64,
    pub processed_on: Option<u64>,
    pub finished_on: Option<u64>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub failed_reason: String,
}

/// Lists jobs in one state, or across all states in table order.
pub async fn list(
    redis: &Redis,
    queue_name: &str,
    state: Option<JobState>,
    limit: u32,
    offset: u32,
) -> Result<Vec<JobRow>, bullmq::Error> {
    let queue = redis.queue(queue_name).await?;
    let (states, counts) = match state {
        Some(s) => (vec![s], None),
        None => (
            JobState::ALL.to_vec(),
            Some(Counts::from(queue.get_job_counts().await?)),
        ),
    };
    let mut rows = Vec::new();
    let mut skip = u64::from(offset);
    let mut want = u64::from(limit);
    for s in states {
        if want == 0 {
            break;
        }
        if let Some(c) = &counts {
            let n = c.get(s);
            if skip >= n {
                skip -= n;
                continue;
            }
        }
        let (start, end) = (skip as i64, (skip + want - 1) as i64);
        let jobs = queue
            .get_jobs(&[s.name()], start, end, !s.newest_first())
            .await?;
        skip = 0;
        want -= (jobs.len() as u64).min(want);
        rows.extend(jobs.iter().map(|j| row(j, s)));
    }
    Ok(rows)
}

fn row(job: &Job, state: JobState) -> JobRow {
    JobRow {
        id: job.id().to_string(),
        name: job.name().to_string(),
        state: state.name().to_string(),
        attempts_made: job.attempts_made(),
        progress: vocab::progress_json(job.progress()),
        timestamp: job.timestamp(),
        processed_on: job.processed_on(),
        finished_on: job.finished_on(),
        failed_reason: job.failed_reason().to_string(),
    }
}

/// Whether each of `ids` is a job of `queue`: its key is named like a job
/// hash (not one of the queue's own keys such as `meta`, `wait` or `events`,
/// nor a job's `:logs`) and holds a hash. Anything else is "not found", so no
/// verb ever reads or removes a queue key as if it were a job.
pub async fn jobs_exist(
    redis: &Redis,
    queue: &str,
    ids: &[String],
) -> Result<Vec<bool>, bullmq::Error> {
    let prefix = redis.prefix();
    let job_keys: Vec<String> = ids
        .iter()
        .map(|id| super::keys::job(prefix, queue, id))
        .collect();
    let types = redis.types_many(&job_keys).await?;
    Ok(ids
        .iter()
        .zip(&job_keys)
        .zip(types)
        .map(|((id, key), kind)| {
            kind == "hash" && super::keys::job_id_from_key(key, prefix, queue) == Some(id.as_str())
        })
        .collect())
}

/// Stored option names BullMQ shortens, and their public names.
const OPTS_SHORT_NAMES: [(&str, &str); 8] = [
    ("de", "deduplication"),
    ("fpof", "failParentOnFailure"),
    ("cpof", "continueParentOnFailure"),
    ("idof", "ignoreDependencyOnFailure"),
    ("rdof", "removeDependencyOnFailure"),
    ("kl", "keepLogs"),
    ("tm", "telemetryMetadata"),
    ("omc", "omitContext"),
];

/// Reads one job whole as Node's `Job` presents it, plus `state`, `logs` and
/// `metrics` (the latest attempt's metrics log line, parsed; null without one).
///
/// The hash is read directly because the port's `Job` drops what it cannot
/// type (unparsable data, unknown options, the stack trace array); Node's
/// `Job.fromJSON` rules are applied here instead. `None` when the id is unknown.
pub async fn show(
    redis: &Redis,
    queue_name: &str,
    id: &str,
) -> Result<Option<Value>, bullmq::Error> {
    if !jobs_exist(redis, queue_name, &[id.to_string()]).await?[0] {
        return Ok(None);
    }
    let hash = JobHash::read(redis, queue_name, id).await?;
    if hash.is_empty() {
        return Ok(None);
    }
    let queue = redis.queue(queue_name).await?;
    let state = queue.get_job_state(id).await?;
    let (logs, _) = queue.get_job_logs(id, 0, -1, true).await?;
    let mut view = job_json(id, &hash);
    view.insert(
        "state".into(),
        Value::from(JobState::display_name(state.as_str())),
    );
    let metrics = JobMetrics::latest(logs.iter().map(String::as_str));
    view.insert("logs".into(), Value::from(logs));
    view.insert(
        "metrics".into(),
        serde_json::to_value(metrics).unwrap_or(Value::Null),
    );
    Ok(Some(Value::Object(view)))
}

fn job_json(id: &str, h: &JobHash) -> Map<String, Value> {
    let text = |k: &str| h.text(k).map(Value::from);
    let int = |k: &str| h.int(k).map(Value::from);
    let json = |k: &str| h.json(k);
    let mut m = Map::new();
    m.insert("id".into(), Value::from(id));
    m.insert("name".into(), text("name").unwrap_or(Value::Null));
    m.insert(
        "data".into(),
        json("data").or_else(|| text("data")).unwrap_or(Value::Null),
    );
    m.insert(
        "opts".into(),
        json("opts")
            .map(expand_opts)
            .unwrap_or_else(|| Value::Object(Map::new())),
    );
    m.insert(
        "progress".into(),
        json("progress").unwrap_or(Value::from(0)),
    );
    m.insert("delay".into(), int("delay").unwrap_or(Value::from(0)));
    m.insert("priority".into(), int("priority").unwrap_or(Value::from(0)));
    m.insert(
        "timestamp".into(),
        int("timestamp").unwrap_or(Value::from(0)),
    );
    m.insert(
        "attemptsMade".into(),
        Value::from(h.attempts_made().unwrap_or(0)),
    );
    m.insert(
        "attemptsStarted".into(),
        int("ats").unwrap_or(Value::from(0)),
    );
    m.insert(
        "stalledCounter".into(),
        int("stc").unwrap_or(Value::from(0)),
    );
    m.insert(
        "processedOn".into(),
        int("processedOn").unwrap_or(Value::Null),
    );
    m.insert(
        "finishedOn".into(),
        int("finishedOn").unwrap_or(Value::Null),
    );
    m.insert(
        "returnvalue".into(),
        json("returnvalue").unwrap_or(Value::Null),
    );
    m.insert(
        "failedReason".into(),
        text("failedReason").unwrap_or(Value::Null),
    );
    let stack = json("stacktrace")
        .filter(Value::is_array)
        .unwrap_or(Value::Array(vec![]));
    m.insert("stacktrace".into(), stack);
    let optional = [
        ("processedBy", text("pb")),
        ("parentKey", text("parentKey")),
        ("parent", json("parent")),
        ("repeatJobKey", text("rjk")),
        ("deduplicationId", text("deid")),
        ("deferredFailure", text("defa")),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            m.insert(key.into(), v);
        }
    }
    m
}

fn expand_opts(opts: Value) -> Value {
    let Value::Object(stored) = opts else {
        return opts;
    };
    let long = |k: &str| {
        OPTS_SHORT_NAMES
            .iter()
            .find(|(s, _)| *s == k)
            .map(|(_, l)| *l)
    };
    Value::Object(
        stored
            .into_iter()
            .map(|(k, v)| (long(&k).map(str::to_string).unwrap_or(k), v))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn hash_becomes_node_shaped_json() {
        let h: JobHash = [
            ("name", "refresh"),
            ("data", "{\"url\":\"x\"}"),
            ("opts", "{\"attempts\":3,\"de\":{\"id\":\"d\"},\"kl\":5}"),
            ("timestamp", "17"),
            ("atm", "2"),
            ("returnvalue", "{\"ok\":true}"),
            ("stacktrace", "[\"Error: boom\"]"),
            ("failedReason", "boom"),
            ("deid", "d"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<HashMap<_, _>>()
        .into();
        let m = job_json("7", &h);
        assert_eq!(m["data"]["url"], "x");
        assert_eq!(m["opts"]["deduplication"]["id"], "d");
        assert_eq!(m["opts"]["keepLogs"], 5);
        assert_eq!(m["attemptsMade"], 2);
        assert_eq!(m["progress"], 0);
        assert_eq!(m["returnvalue"]["ok"], true);
        assert_eq!(m["stacktrace"][0], "Error: boom");
        assert_eq!(m["deduplicationId"], "d");
        assert_eq!(m["processedOn"], Value::Null);
    }
}
