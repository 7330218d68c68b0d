//! The export file format (`ExportHeader`, `ExportedJob`: one NDJSON line
//! each) and the export itself, which issues read commands only: ids come
//! from the state structures in chunks, each chunk's hashes and logs in one
//! pipeline, job schedulers from the `repeat` keys.

use std::collections::BTreeMap;

use bullmq::job_scheduler::JobSchedulerJson;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::inspect::expand_opts;
use super::job_hash::JobHash;
use super::search::DataFilter;
use super::stats::state_key;
use super::{keys, JobState};
use crate::connection::Redis;

/// The `format` every header carries; import refuses any other.
pub const FORMAT: &str = "queuectl-export/1";

/// Jobs read per round trip.
const CHUNK: usize = 500;

/// Delayed scores hold the due time shifted left by 12 bits (a counter below).
const DELAY_SCORE_SHIFT: u64 = 0x1000;

/// One line of an export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "camelCase")]
pub enum Record {
    /// Starts a queue; the jobs after it belong to it.
    Queue(ExportHeader),
    /// One job of the queue of the header before it.
    Job(Box<ExportedJob>),
}

/// The line that starts a queue's part of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportHeader {
    /// Always [`FORMAT`].
    pub format: String,
    pub queue: String,
    /// The key prefix the queue was read under.
    pub prefix: String,
    /// When the export read the queue (epoch ms); remaining delays count from it.
    pub exported_at: u64,
    /// The queue's `meta` hash as stored (paused, concurrency, version, ...).
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    #[serde(default)]
    pub job_schedulers: Vec<ExportedScheduler>,
}

/// A job scheduler, with the names of Node's `getJobSchedulers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportedScheduler {
    /// The scheduler id.
    pub key: String,
    /// The job name of its iterations.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// When its next iteration was due (epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<u64>,
    /// Template data of its iterations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// Template options of its iterations, as stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opts: Option<Value>,
}

/// One job, with Node's field names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportedJob {
    pub id: String,
    pub name: String,
    pub state: JobState,
    /// The job data (its text when it is not JSON).
    pub data: Value,
    /// Options with Node's long names (`deduplication`, `keepLogs`, ...).
    #[serde(default)]
    pub opts: Map<String, Value>,
    /// Creation time (epoch ms).
    pub timestamp: u64,
    #[serde(default)]
    pub delay: u64,
    #[serde(default)]
    pub priority: u32,
    /// For a delayed job: when it is due (epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delayed_until: Option<u64>,
    /// A number, or any JSON value a worker reported.
    #[serde(default)]
    pub progress: Value,
    /// The job's log lines, oldest first.
    #[serde(default)]
    pub logs: Vec<String>,
    #[serde(default)]
    pub attempts_made: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processed_on: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_on: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stacktrace: Vec<String>,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub returnvalue: Value,
    /// The scheduler that made the job, for a scheduler's iteration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_job_key: Option<String>,
}

/// Which jobs to export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// States to read, in this order; every state when empty.
    pub states: Vec<JobState>,
    pub name: Option<String>,
    pub data: Vec<DataFilter>,
}

impl Selection {
    fn states(&self) -> Vec<JobState> {
        if self.states.is_empty() {
            JobState::ALL.to_vec()
        } else {
            self.states.clone()
        }
    }

    fn selects(&self, job: &ExportedJob) -> bool {
        self.name.as_ref().is_none_or(|n| *n == job.name)
            && self.data.iter().all(|f| f.matches(&job.data))
    }
}

/// Jobs written per state name of one queue.
pub type Counts = BTreeMap<&'static str, usize>;

/// What one queue's export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// Jobs per state.
    pub jobs: Counts,
    pub job_schedulers: usize,
}

/// Exports `queue`: its header, then each selected job, handed to `emit` in
/// order.
pub async fn export(
    redis: &Redis,
    queue: &str,
    selection: &Selection,
    now_ms: u64,
    mut emit: impl FnMut(&Record) -> anyhow::Result<()>,
) -> anyhow::Result<Exported> {
    let header = header(redis, queue, now_ms).await?;
    let job_schedulers = header.job_schedulers.len();
    emit(&Record::Queue(header))?;
    let mut counts = Counts::new();
    for state in selection.states() {
        let mut start = 0;
        loop {
            let ids = chunk_ids(redis, queue, state, start, CHUNK).await?;
            for job in read_jobs(redis, queue, state, &ids).await? {
                if selection.selects(&job) {
                    emit(&Record::Job(Box::new(job)))?;
                    *counts.entry(state.name()).or_default() += 1;
                }
            }
            if ids.len() < CHUNK {
                break;
            }
            start += CHUNK;
        }
    }
    Ok(Exported {
        jobs: counts,
        job_schedulers,
    })
}

/// Exports exactly `jobs` (queue, id, state: `search`'s matches), as
/// [`export`] writes them: each queue's header, then its jobs in the order
/// given (a queue's jobs follow its header, so `import` reads them back).
/// Jobs gone since they were found are left out. Returns what each queue's
/// part holds, in the order the queues were written.
pub async fn export_jobs(
    redis: &Redis,
    jobs: &[(String, String, JobState)],
    now_ms: u64,
    mut emit: impl FnMut(&Record) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<(String, Exported)>> {
    let mut queues: Vec<&str> = Vec::new();
    for (queue, _, _) in jobs {
        if !queues.contains(&queue.as_str()) {
            queues.push(queue);
        }
    }
    let mut out = Vec::with_capacity(queues.len());
    for queue in queues {
        let header = header(redis, queue, now_ms).await?;
        let mut exported = Exported {
            job_schedulers: header.job_schedulers.len(),
            ..Exported::default()
        };
        emit(&Record::Queue(header))?;
        let mine: Vec<_> = jobs.iter().filter(|(q, _, _)| q == queue).collect();
        for chunk in mine.chunks(CHUNK) {
            for job in read_in_order(redis, queue, chunk).await? {
                *exported.jobs.entry(job.state.name()).or_default() += 1;
                emit(&Record::Job(Box::new(job)))?;
            }
        }
        out.push((queue.to_string(), exported));
    }
    Ok(out)
}

/// Reads `chunk`'s jobs one state at a time and gives them back in its order.
async fn read_in_order(
    redis: &Redis,
    queue: &str,
    chunk: &[&(String, String, JobState)],
) -> Result<Vec<ExportedJob>, bullmq::Error> {
    let mut found: std::collections::HashMap<String, ExportedJob> = Default::default();
    for state in JobState::ALL {
        let ids: Vec<String> = chunk
            .iter()
            .filter(|(_, _, s)| *s == state)
            .map(|(_, id, _)| id.clone())
            .collect();
        if ids.is_empty() {
            continue;
        }
        for job in read_jobs(redis, queue, state, &ids).await? {
            found.insert(job.id.clone(), job);
        }
    }
    Ok(chunk
        .iter()
        .filter_map(|(_, id, _)| found.remove(id))
        .collect())
}

/// The job enumerator: ids `start..start + len` of one state, oldest first.
pub async fn chunk_ids(
    redis: &Redis,
    queue: &str,
    state: JobState,
    start: usize,
    len: usize,
) -> Result<Vec<String>, bullmq::Error> {
    let (key, is_list) = state_key(&keys::queue(redis.prefix(), queue), state);
    let (from, to) = (start as i64, (start + len) as i64 - 1);
    if is_list {
        // A list's tail is its oldest entry.
        let mut ids = redis.lrange(&key, -(to + 1), -(from + 1)).await?;
        ids.reverse();
        Ok(ids)
    } else {
        redis.zrange(&key, from, to, false).await
    }
}

async fn header(redis: &Redis, queue: &str, now_ms: u64) -> anyhow::Result<ExportHeader> {
    let keys = keys::queue(redis.prefix(), queue);
    let meta = redis.hgetall(&keys.meta()).await?.into_iter().collect();
    Ok(ExportHeader {
        format: FORMAT.to_string(),
        queue: queue.to_string(),
        prefix: redis.prefix().to_string(),
        exported_at: now_ms,
        meta,
        job_schedulers: schedulers(redis, queue).await?,
    })
}

/// The queue's schedulers, read as `schedule list` reads them (no queue
/// handle, whose opening writes the meta hash).
async fn schedulers(redis: &Redis, queue: &str) -> anyhow::Result<Vec<ExportedScheduler>> {
    let stored = super::schedule::stored(redis, queue).await?;
    Ok(stored.into_iter().map(scheduler).collect())
}

fn scheduler(s: JobSchedulerJson) -> ExportedScheduler {
    ExportedScheduler {
        key: s.key,
        name: s.name,
        pattern: s.pattern,
        every: s.every,
        tz: s.tz,
        limit: s.limit,
        start_date: s.start_date,
        end_date: s.end_date,
        offset: s.offset,
        next: s.next,
        data: s.data,
        opts: s.opts,
    }
}

/// Reads the jobs `ids` of one state (hashes, logs and, for delayed jobs,
/// due times in one pipeline each); ids without a hash are left out.
async fn read_jobs(
    redis: &Redis,
    queue: &str,
    state: JobState,
    ids: &[String],
) -> Result<Vec<ExportedJob>, bullmq::Error> {
    let keys = keys::queue(redis.prefix(), queue);
    let job_keys: Vec<String> = ids.iter().map(|id| keys.job_key(id)).collect();
    let log_keys: Vec<String> = ids
        .iter()
        .map(|id| keys::job_logs(redis.prefix(), queue, id))
        .collect();
    let hashes = redis.hgetall_many(&job_keys).await?;
    let logs = redis.list_all_many(&log_keys).await?;
    let due: Vec<Option<u64>> = if state == JobState::Delayed {
        redis
            .zscore_many(&keys.delayed(), ids)
            .await?
            .into_iter()
            .map(|s| s.and_then(|s| s.parse::<f64>().ok()).map(due_time))
            .collect()
    } else {
        vec![None; ids.len()]
    };
    Ok(ids
        .iter()
        .zip(hashes)
        .zip(logs)
        .zip(due)
        .filter(|(((_, h), _), _)| !h.is_empty())
        .map(|(((id, h), logs), due)| job(id, state, &JobHash::from(h), logs, due))
        .collect())
}

/// The due time in a delayed score.
fn due_time(score: f64) -> u64 {
    score as u64 / DELAY_SCORE_SHIFT
}

fn job(
    id: &str,
    state: JobState,
    h: &JobHash,
    logs: Vec<String>,
    delayed_until: Option<u64>,
) -> ExportedJob {
    let num = |f: &str| h.int(f).and_then(|n| u64::try_from(n).ok());
    let opts = match h.json("opts").map(expand_opts) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    ExportedJob {
        id: id.to_string(),
        name: h.text("name").unwrap_or_default().to_string(),
        state,
        data: h
            .json("data")
            .unwrap_or_else(|| Value::from(h.text("data").unwrap_or("{}"))),
        opts,
        timestamp: num("timestamp").unwrap_or(0),
        delay: num("delay").unwrap_or(0),
        priority: num("priority").map_or(0, |p| p.min(u64::from(u32::MAX)) as u32),
        delayed_until,
        progress: h.json("progress").unwrap_or(Value::from(0)),
        logs,
        attempts_made: h
            .attempts_made()
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0),
        processed_on: num("processedOn"),
        finished_on: num("finishedOn"),
        failed_reason: h.text("failedReason").map(str::to_string),
        stacktrace: h
            .json("stacktrace")
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default(),
        returnvalue: h.json("returnvalue").unwrap_or(Value::Null),
        repeat_job_key: h.text("rjk").map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_tagged_lines_and_round_trip() {
        let line = r#"{"record":"job","id":"a","name":"n","state":"delayed","data":{"x":"\u0007"},"timestamp":5,"delayedUntil":9}"#;
        let rec: Record = serde_json::from_str(line).unwrap();
        let Record::Job(job) = &rec else {
            panic!("{rec:?}")
        };
        assert_eq!(job.state, JobState::Delayed);
        assert_eq!(job.data["x"], "\u{7}");
        assert_eq!(job.progress, Value::Null);
        let again: Record = serde_json::from_str(&serde_json::to_string(&rec).unwrap()).unwrap();
        assert_eq!(again, rec);
        let unknown =
            r#"{"record":"job","id":"a","name":"n","state":"done","data":1,"timestamp":1}"#;
        assert!(serde_json::from_str::<Record>(unknown).is_err());
    }

    #[test]
    fn delayed_scores_hold_the_due_time_above_a_counter() {
        assert_eq!(
            due_time((1_700_000_000_000u64 * 0x1000 + 7) as f64),
            1_700_000_000_000
        );
    }
}
