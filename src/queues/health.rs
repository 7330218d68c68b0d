//! Queue health checks: gathers facts about Redis, each queue and the workers
//! serving them with read commands only (so it works on a full Redis, a
//! replica or for a read-only ACL user), and judges them against thresholds
//! into a report whose JSON keeps the existing system's shape (`isHealthy`,
//! `queues`, `workers`, `issues`).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::Serialize;

mod judge;

pub use judge::{judge_queue, judge_redis, Check, Issue, QueueFacts, Status, Thresholds};

use super::keys;
use super::limit::{Hold, Limits};
use super::stats::{queue_stats, QueueStats};
use super::worker_record::WorkerRecord;
use crate::connection::Redis;

/// BullMQ's events stream cap when the meta hash sets none (`opts.maxLenEvents`).
const DEFAULT_MAX_LEN_EVENTS: u64 = 10_000;

/// The whole health report. In JSON, `issues` holds the messages (the
/// existing system's `issues: string[]`) and `issueDetails` the issues whole.
#[derive(Debug)]
pub struct Report {
    pub is_healthy: bool,
    pub checked_at: u64,
    pub redis: RedisHealth,
    pub queues: Vec<QueueHealth>,
    pub workers: Vec<WorkerHealth>,
    pub issues: Vec<Issue>,
    /// Caveats about what could not be checked.
    pub notes: Vec<String>,
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let messages: Vec<&str> = self.issues.iter().map(|i| i.message.as_str()).collect();
        let mut doc = s.serialize_struct("Report", 8)?;
        doc.serialize_field("isHealthy", &self.is_healthy)?;
        doc.serialize_field("checkedAt", &self.checked_at)?;
        doc.serialize_field("redis", &self.redis)?;
        doc.serialize_field("queues", &self.queues)?;
        doc.serialize_field("workers", &self.workers)?;
        doc.serialize_field("issues", &messages)?;
        doc.serialize_field("issueDetails", &self.issues)?;
        doc.serialize_field("notes", &self.notes)?;
        doc.end()
    }
}

/// The server's side: round trip, version and memory settings.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedisHealth {
    pub latency_ms: f64,
    pub version: Option<String>,
    pub used_memory: Option<u64>,
    /// 0 means no limit.
    pub maxmemory: Option<u64>,
    pub maxmemory_policy: Option<String>,
}

/// One queue's counts and verdict.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueHealth {
    pub name: String,
    pub status: Status,
    pub metrics: Metrics,
    pub paused: bool,
    pub oldest_waiting_age_ms: Option<u64>,
    /// Active jobs whose lock is gone.
    pub stalled: Vec<String>,
    /// queuectl workers (by heartbeat) serving this queue.
    pub workers: usize,
    /// Workers BullMQ lists for this queue (CLIENT LIST); null when refused.
    pub bullmq_workers: Option<usize>,
    pub events_length: u64,
    /// The queue's global concurrency and rate limit, when set.
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    /// The limit holding ready jobs back right now (not an issue: the limit
    /// works as set), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_by: Option<Hold>,
    /// False when the queue has no keys under the prefix.
    #[serde(skip)]
    pub exists: bool,
}

/// The existing system's metrics block.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Metrics {
    /// `wait` plus `prioritized`, as the existing system's waiting count
    /// totalled them (Node's getJobCounts lists them apart).
    pub waiting: u64,
    pub active: u64,
    pub completed: u64,
    pub failed: u64,
    pub delayed: u64,
}

/// A queuectl worker, from its heartbeat.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkerHealth {
    pub id: String,
    /// `active` or `idle` as the worker reports it; `paused` when every
    /// queue it serves is paused.
    pub status: String,
    pub current_job: Option<String>,
    pub processed_jobs: u64,
    pub queues: Vec<String>,
    pub host: String,
    pub pid: u32,
}

/// Checks Redis and the named queues (every queue under the prefix when
/// `names` is empty).
pub async fn check(
    redis: &Redis,
    names: &[String],
    t: &Thresholds,
    now_ms: u64,
) -> Result<Report, bullmq::Error> {
    let latency = redis.ping().await?;
    let mut notes = Vec::new();
    let server = redis_health(redis, latency, &mut notes).await?;
    let mut issues = judge_redis(&server, t);
    let every_queue = names.is_empty();
    let names = match names {
        [] => super::discovery::discover(redis).await?,
        named => named.to_vec(),
    };
    let beats = heartbeats(redis).await?;
    let clients = redis.client_lists().await?;
    if clients.is_none() {
        notes.push(
            "BullMQ's worker list is unavailable (the server refuses CLIENT LIST): \
             Node workers cannot be seen, so \"no workers\" is only judged from queuectl \
             heartbeats when the list is available; a stuck queue still shows as an old waiting job"
                .to_string(),
        );
    }
    let mut queues = Vec::with_capacity(names.len());
    for name in &names {
        let stats = queue_stats(redis, name, now_ms).await?;
        let facts = queue_facts(redis, &stats, &beats, clients.as_deref()).await?;
        let (status, found) = judge_queue(name, &facts, t);
        issues.extend(found);
        queues.push(QueueHealth {
            name: name.clone(),
            status,
            metrics: facts.metrics,
            paused: facts.paused,
            oldest_waiting_age_ms: facts.oldest_waiting_age_ms,
            stalled: facts.stalled,
            workers: facts.heartbeat_workers,
            bullmq_workers: facts.bullmq_workers,
            events_length: facts.events_length,
            limits: stats.limits,
            held_by: stats.held_by,
            exists: stats.exists,
        });
    }
    let workers = worker_list(beats, &queues, every_queue);
    Ok(Report {
        is_healthy: issues.is_empty(),
        checked_at: now_ms,
        redis: server,
        queues,
        workers,
        issues,
        notes,
    })
}

/// Version and memory from INFO; all unknown (and a note says so) when the
/// server refuses INFO, as it does for an ACL user without `@dangerous`.
async fn redis_health(
    redis: &Redis,
    latency: Duration,
    notes: &mut Vec<String>,
) -> Result<RedisHealth, bullmq::Error> {
    let (server, memory) = match (redis.info("server").await?, redis.info("memory").await?) {
        (Some(server), Some(memory)) => (server, memory),
        _ => {
            notes.push(
                "Redis checks are unavailable (the server refuses INFO): version, memory use \
                 and maxmemory-policy are not checked"
                    .to_string(),
            );
            Default::default()
        }
    };
    let num = |k: &str| memory.get(k).and_then(|v| v.parse().ok());
    Ok(RedisHealth {
        latency_ms: (latency.as_secs_f64() * 100_000.0).round() / 100.0,
        version: server.get("redis_version").cloned(),
        used_memory: num("used_memory"),
        maxmemory: num("maxmemory"),
        maxmemory_policy: memory.get("maxmemory_policy").cloned(),
    })
}

async fn heartbeats(redis: &Redis) -> Result<Vec<WorkerRecord>, bullmq::Error> {
    let mut found = redis
        .scan(&keys::worker_heartbeat_pattern(redis.prefix()))
        .await?;
    found.sort();
    let values = redis.get_many(&found).await?;
    // A record that expired between SCAN and GET, or that does not parse, is skipped.
    Ok(values
        .into_iter()
        .flatten()
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect())
}

/// What health judges about one queue, from read commands only. `clients`
/// is the CLIENT LIST text of each node, `None` when the server refuses it.
async fn queue_facts(
    redis: &Redis,
    stats: &QueueStats,
    beats: &[WorkerRecord],
    clients: Option<&[String]>,
) -> Result<QueueFacts, bullmq::Error> {
    let c = &stats.counts;
    let keys = keys::queue(redis.prefix(), &stats.name);
    let mut facts = QueueFacts {
        metrics: Metrics {
            waiting: c.waiting + c.prioritized,
            active: c.active,
            completed: c.completed,
            failed: c.failed,
            delayed: c.delayed,
        },
        paused: stats.paused,
        held_by: stats.held_by,
        oldest_waiting_age_ms: stats.oldest_waiting_age_ms,
        heartbeat_workers: beats
            .iter()
            .filter(|b| b.queues.iter().any(|q| q.name == stats.name))
            .count(),
        bullmq_workers: clients.map(|lists| bullmq_workers(&keys, lists)),
        events_cap: DEFAULT_MAX_LEN_EVENTS,
        ..QueueFacts::default()
    };
    if !stats.exists {
        return Ok(facts);
    }
    if c.active > 0 {
        facts.stalled = stalled(redis, &keys).await?;
    }
    let meta = redis.hgetall(&keys.meta()).await?;
    facts.events_cap = meta
        .get("opts.maxLenEvents")
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_LEN_EVENTS);
    facts.events_length = redis.xlen(&keys.events()).await?;
    Ok(facts)
}

/// Workers serving the queue as Node's `getWorkers()` counts them: clients
/// named `<prefix>:<base64 queue>` or `<prefix>:<base64 queue>:w:<name>`, on
/// the node that lists the most (each worker names its connection on every node).
pub(crate) fn bullmq_workers(keys: &bullmq::QueueKeys, lists: &[String]) -> usize {
    let unnamed = keys.client_name("");
    let named = keys.client_name(":w:");
    let count = |list: &String| {
        list.lines()
            .filter_map(|line| line.split(' ').find_map(|kv| kv.strip_prefix("name=")))
            .filter(|name| *name == unnamed || name.starts_with(&named))
            .count()
    };
    lists.iter().map(count).max().unwrap_or(0)
}

/// Active jobs whose lock key is gone. A job that finishes between the two
/// reads also loses its lock, so only ids still active afterwards count.
async fn stalled(redis: &Redis, keys: &bullmq::QueueKeys) -> Result<Vec<String>, bullmq::Error> {
    let active = redis.list_all(&keys.active()).await?;
    let locks: Vec<String> = active
        .iter()
        .map(|id| keys::job_lock(redis.prefix(), keys.name(), id))
        .collect();
    let held = redis.exists_many(&locks).await?;
    let unlocked: Vec<String> = active
        .into_iter()
        .zip(held)
        .filter_map(|(id, held)| (!held).then_some(id))
        .collect();
    if unlocked.is_empty() {
        return Ok(unlocked);
    }
    let still: HashSet<String> = redis.list_all(&keys.active()).await?.into_iter().collect();
    Ok(unlocked
        .into_iter()
        .filter(|id| still.contains(id))
        .collect())
}

/// Heartbeats as the report's workers: every worker when all queues were
/// checked, else those serving a checked queue.
fn worker_list(beats: Vec<WorkerRecord>, queues: &[QueueHealth], all: bool) -> Vec<WorkerHealth> {
    let paused: HashMap<&str, bool> = queues.iter().map(|q| (q.name.as_str(), q.paused)).collect();
    beats
        .into_iter()
        .filter(|b| {
            all || b
                .queues
                .iter()
                .any(|q| paused.contains_key(q.name.as_str()))
        })
        .map(|b| {
            let names: Vec<String> = b.queues.into_iter().map(|q| q.name).collect();
            let all_paused = !names.is_empty()
                && names
                    .iter()
                    .all(|n| paused.get(n.as_str()).copied().unwrap_or(false));
            WorkerHealth {
                id: b.id,
                status: if all_paused {
                    "paused".into()
                } else {
                    b.status.name().into()
                },
                current_job: b.current_jobs.into_iter().next(),
                processed_jobs: b.processed,
                queues: names,
                host: b.host,
                pid: b.pid,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullmq_workers_are_the_queues_named_clients_on_the_busiest_node() {
        let keys = keys::queue("bull", "q");
        // `q` is `cQ==` in base64; `qq` (`cXE=`) is another queue.
        let node = |names: &[&str]| {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("id={i} addr=127.0.0.1:1 name={n} age=1"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let one = node(&[
            "bull:cQ==",
            "bull:cQ==:w:alpha",
            "bull:cXE=",
            "bull:cQ==x",
            "",
        ]);
        let other = node(&["bull:cQ==:w:alpha"]);
        assert_eq!(bullmq_workers(&keys, &[other, one]), 2);
        assert_eq!(bullmq_workers(&keys, &[]), 0);
    }
}
