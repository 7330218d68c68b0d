//! Lists jobs and shows one job whole, in BullMQ's own field names, with read
//! commands only (no queue handle, which would write the queue's meta hash).

use bullmq::Job;
use serde::Serialize;
use serde_json::{Map, Value};

use super::job_hash::JobHash;
use super::job_metrics::JobMetrics;
use super::stats::{read_counts, state_key};
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

/// Lists jobs in one state, or across all states in table order, with read
/// commands only (as Node's `getJobs`: ids without a hash are skipped).
pub async fn list(
    redis: &Redis,
    queue_name: &str,
    state: Option<JobState>,
    limit: u32,
    offset: u32,
) -> Result<Vec<JobRow>, bullmq::Error> {
    let keys = super::keys::queue(redis.prefix(), queue_name);
    let (states, counts) = match state {
        Some(s) => (vec![s], None),
        None => (
            JobState::ALL.to_vec(),
            Some(read_counts(redis, &keys).await?.0),
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
        let ids = range_ids(redis, &keys, s, skip as i64, (skip + want - 1) as i64).await?;
        let job_keys: Vec<String> = ids.iter().map(|id| keys.job_key(id)).collect();
        let hashes = redis.hgetall_many(&job_keys).await?;
        skip = 0;
        for (id, fields) in ids.iter().zip(hashes) {
            if want == 0 {
                break;
            }
            if fields.is_empty() {
                continue;
            }
            rows.push(row(&Job::from_redis_hash(id, &fields)?, s));
            want -= 1;
        }
    }
    Ok(rows)
}

/// Ids `start..=end` of one state in Node's order: finished jobs newest
/// first, the rest oldest first (a list's tail is its oldest entry).
async fn range_ids(
    redis: &Redis,
    keys: &bullmq::QueueKeys,
    state: JobState,
    start: i64,
    end: i64,
) -> Result<Vec<String>, bullmq::Error> {
    let (key, is_list) = state_key(keys, state);
    let oldest_first = !state.newest_first();
    Ok(match (is_list, oldest_first) {
        (true, true) => {
            let mut ids = redis.lrange(&key, -(end + 1), -(start + 1)).await?;
            ids.reverse();
            ids
        }
        (true, false) => redis.lrange(&key, start, end).await?,
        (false, _) => redis.zrange(&key, start, end, !oldest_first).await?,
    })
}

/// A job's state as Node's `getState()` finds it (the same structures in the
/// same order, with read commands). A job moving between two of them can be
/// missed by one pass, so a job whose hash still exists is looked for again.
pub async fn state(
    redis: &Redis,
    queue_name: &str,
    id: &str,
) -> Result<Option<JobState>, bullmq::Error> {
    const ORDER: [JobState; 7] = [
        JobState::Completed,
        JobState::Failed,
        JobState::Delayed,
        JobState::Prioritized,
        JobState::Active,
        JobState::Waiting,
        JobState::WaitingChildren,
    ];
    let keys = super::keys::queue(redis.prefix(), queue_name);
    let mut states = ORDER.to_vec();
    let mut structures: Vec<(String, bool)> = ORDER.iter().map(|s| state_key(&keys, *s)).collect();
    // Node also finds a waiting job in BullMQ 5's `paused` list, right after `wait`.
    let after_wait = ORDER
        .iter()
        .position(|s| *s == JobState::Waiting)
        .map_or(0, |i| i + 1);
    states.insert(after_wait, JobState::Waiting);
    structures.insert(after_wait, (keys.paused(), true));
    for _ in 0..3 {
        let held = redis.holders_of(&structures, id).await?;
        if let Some(i) = held.iter().position(|h| *h) {
            return Ok(Some(states[i]));
        }
        if !redis.exists_many(&[keys.job_key(id)]).await?[0] {
            break;
        }
    }
    Ok(None)
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
    let keys = super::keys::queue(redis.prefix(), queue_name);
    let state = state(redis, queue_name, id).await?;
    let logs = redis.list_all(&keys.get(&format!("{id}:logs"))).await?;
    let mut view = job_json(id, &hash);
    view.insert(
        "state".into(),
        Value::from(state.map_or("unknown", JobState::name)),
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

pub(crate) fn expand_opts(opts: Value) -> Value {
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
