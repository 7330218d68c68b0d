//! Queue health checks: gathers facts about Redis, each queue and the workers
//! serving them, and judges them against thresholds into a report whose JSON
//! keeps the existing system's shape (`isHealthy`, `queues`, `workers`, `issues`).

use std::collections::HashMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::keys;
use super::stats::{queue_stats, QueueStats};
use crate::connection::Redis;

/// BullMQ's events stream cap when the meta hash sets none (`opts.maxLenEvents`).
const DEFAULT_MAX_LEN_EVENTS: u64 = 10_000;
/// How many stalled job ids an issue message names.
const NAMED_IDS: usize = 5;

/// What counts as an issue.
#[derive(Debug, Clone)]
pub struct Thresholds {
    pub max_failed: u64,
    pub max_waiting: u64,
    pub max_wait_age: Duration,
    pub max_latency: Duration,
    pub max_memory_percent: u8,
    pub max_events_factor: u64,
}

/// The whole health report.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// A queue's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Healthy,
    Degraded,
    Down,
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

/// What an issue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Latency,
    MemoryPolicy,
    Memory,
    Failures,
    Backlog,
    WaitAge,
    NoWorkers,
    Stalled,
    Paused,
    EventsStream,
}

/// One problem found.
#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    /// The queue, or null for a Redis-wide issue.
    pub queue: Option<String>,
    pub check: Check,
    pub message: String,
}

/// The heartbeat fields health reads (written by `worker::heartbeat`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Beat {
    id: String,
    #[serde(default)]
    host: String,
    #[serde(default)]
    pid: u32,
    queues: Vec<BeatQueue>,
    status: String,
    #[serde(default)]
    current_jobs: Vec<String>,
    #[serde(default)]
    processed: u64,
}

#[derive(Debug, Deserialize)]
struct BeatQueue {
    name: String,
}

/// What was read about one queue, before judging.
#[derive(Debug, Default)]
pub struct QueueFacts {
    pub metrics: Metrics,
    pub paused: bool,
    pub oldest_waiting_age_ms: Option<u64>,
    pub stalled: Vec<String>,
    pub heartbeat_workers: usize,
    pub bullmq_workers: Option<usize>,
    pub events_length: u64,
    pub events_cap: u64,
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
    let server = redis_health(redis, latency).await?;
    let mut issues = judge_redis(&server, t);
    let every_queue = names.is_empty();
    let names = match names {
        [] => super::discovery::discover(redis).await?,
        named => named.to_vec(),
    };
    let beats = heartbeats(redis).await?;
    let listed = redis.client_list_allowed().await?;
    let mut notes = Vec::new();
    if !listed {
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
        let facts = queue_facts(redis, &stats, &beats, listed).await?;
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

async fn redis_health(redis: &Redis, latency: Duration) -> Result<RedisHealth, bullmq::Error> {
    let server = redis.info("server").await?;
    let memory = redis.info("memory").await?;
    let num = |k: &str| memory.get(k).and_then(|v| v.parse().ok());
    Ok(RedisHealth {
        latency_ms: (latency.as_secs_f64() * 100_000.0).round() / 100.0,
        version: server.get("redis_version").cloned(),
        used_memory: num("used_memory"),
        maxmemory: num("maxmemory"),
        maxmemory_policy: memory.get("maxmemory_policy").cloned(),
    })
}

async fn heartbeats(redis: &Redis) -> Result<Vec<Beat>, bullmq::Error> {
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

async fn queue_facts(
    redis: &Redis,
    stats: &QueueStats,
    beats: &[Beat],
    listed: bool,
) -> Result<QueueFacts, bullmq::Error> {
    let c = &stats.counts;
    let mut facts = QueueFacts {
        metrics: Metrics {
            waiting: c.waiting + c.prioritized,
            active: c.active,
            completed: c.completed,
            failed: c.failed,
            delayed: c.delayed,
        },
        paused: stats.paused,
        oldest_waiting_age_ms: stats.oldest_waiting_age_ms,
        heartbeat_workers: beats
            .iter()
            .filter(|b| b.queues.iter().any(|q| q.name == stats.name))
            .count(),
        // A queue with no keys has no BullMQ handle to ask (opening one writes its meta).
        bullmq_workers: listed.then_some(0),
        events_cap: DEFAULT_MAX_LEN_EVENTS,
        ..QueueFacts::default()
    };
    if !stats.exists {
        return Ok(facts);
    }
    let queue = redis.queue(&stats.name).await?;
    if listed {
        facts.bullmq_workers = Some(queue.get_workers().await?.len());
    }
    if c.active > 0 {
        facts.stalled = stalled(redis, &queue).await?;
    }
    let meta = queue.get_meta().await?;
    facts.events_cap = meta.max_len_events.unwrap_or(DEFAULT_MAX_LEN_EVENTS);
    facts.events_length = redis.xlen(&queue.keys().events()).await?;
    Ok(facts)
}

/// Active jobs whose lock key is gone. A job that finishes between the two
/// reads also loses its lock, so only ids still active afterwards count.
async fn stalled(redis: &Redis, queue: &bullmq::Queue) -> Result<Vec<String>, bullmq::Error> {
    let active = queue.get_ranges(&["active"], 0, -1, true).await?;
    let locks: Vec<String> = active
        .iter()
        .map(|id| keys::job_lock(redis.prefix(), queue.name(), id))
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
    let still = queue.get_ranges(&["active"], 0, -1, true).await?;
    Ok(unlocked
        .into_iter()
        .filter(|id| still.contains(id))
        .collect())
}

/// Redis-wide issues: latency and memory settings.
pub fn judge_redis(r: &RedisHealth, t: &Thresholds) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut add = |check, message| {
        issues.push(Issue {
            queue: None,
            check,
            message,
        })
    };
    let max_ms = t.max_latency.as_secs_f64() * 1000.0;
    if r.latency_ms > max_ms {
        add(
            Check::Latency,
            format!(
                "Slow Redis round trip: {:.1}ms (threshold {max_ms:.0}ms)",
                r.latency_ms
            ),
        );
    }
    if let Some(policy) = r.maxmemory_policy.as_deref().filter(|p| *p != "noeviction") {
        add(
            Check::MemoryPolicy,
            format!("maxmemory-policy is {policy}: Redis may evict queue keys (BullMQ needs noeviction)"),
        );
    }
    if let (Some(used), Some(max)) = (r.used_memory, r.maxmemory.filter(|m| *m > 0)) {
        let percent = used as f64 * 100.0 / max as f64;
        if percent > f64::from(t.max_memory_percent) {
            add(
                Check::Memory,
                format!(
                    "Redis memory at {percent:.0}% of maxmemory ({used} of {max} bytes; threshold {}%)",
                    t.max_memory_percent
                ),
            );
        }
    }
    issues
}

/// A queue's status and issues. "down" when paused or when jobs wait with
/// no worker serving the queue; "degraded" for any other issue.
pub fn judge_queue(name: &str, f: &QueueFacts, t: &Thresholds) -> (Status, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut add = |check, message| {
        issues.push(Issue {
            queue: Some(name.to_string()),
            check,
            message,
        })
    };
    let m = &f.metrics;
    if f.paused {
        add(
            Check::Paused,
            format!("Queue is paused ({} waiting)", jobs(m.waiting)),
        );
    }
    // With CLIENT LIST refused (bullmq_workers None) a Node worker may be
    // serving unseen, so "no workers" is not raised; the wait-age check still
    // catches a queue nobody serves.
    let unserved = f.heartbeat_workers == 0 && f.bullmq_workers == Some(0);
    if m.waiting > 0 && !f.paused && unserved {
        add(
            Check::NoWorkers,
            format!("{} stuck in waiting: no workers", jobs(m.waiting)),
        );
    }
    if m.failed > t.max_failed {
        add(
            Check::Failures,
            format!(
                "High failure rate detected: {} failed {} (threshold {})",
                m.failed,
                noun(m.failed),
                t.max_failed
            ),
        );
    }
    if m.waiting > t.max_waiting {
        add(
            Check::Backlog,
            format!(
                "Queue backlog detected: {} waiting {} (threshold {})",
                m.waiting,
                noun(m.waiting),
                t.max_waiting
            ),
        );
    }
    if let Some(age) = f
        .oldest_waiting_age_ms
        .filter(|a| *a > t.max_wait_age.as_millis() as u64)
    {
        add(
            Check::WaitAge,
            format!(
                "Oldest waiting job has waited {} (threshold {})",
                fmt_ms(age),
                humantime::format_duration(t.max_wait_age)
            ),
        );
    }
    if !f.stalled.is_empty() {
        add(Check::Stalled, stalled_message(&f.stalled));
    }
    if f.events_length > f.events_cap.saturating_mul(t.max_events_factor) {
        add(
            Check::EventsStream,
            format!(
                "Events stream has {} entries, over {}x its cap of {}",
                f.events_length, t.max_events_factor, f.events_cap
            ),
        );
    }
    let down = issues
        .iter()
        .any(|i| matches!(i.check, Check::Paused | Check::NoWorkers));
    let status = match (down, issues.is_empty()) {
        (true, _) => Status::Down,
        (false, true) => Status::Healthy,
        (false, false) => Status::Degraded,
    };
    (status, issues)
}

fn stalled_message(ids: &[String]) -> String {
    let mut named = ids[..ids.len().min(NAMED_IDS)].join(", ");
    if ids.len() > NAMED_IDS {
        named.push_str(", ...");
    }
    let n = ids.len();
    let verb = if n == 1 { "has" } else { "have" };
    format!(
        "{n} active {} {verb} lost the lock (stalled): {named}",
        noun(n as u64)
    )
}

fn jobs(n: u64) -> String {
    format!("{n} {}", noun(n))
}

fn noun(n: u64) -> &'static str {
    if n == 1 {
        "job"
    } else {
        "jobs"
    }
}

fn fmt_ms(ms: u64) -> String {
    humantime::format_duration(Duration::from_secs(ms / 1000)).to_string()
}

/// Heartbeats as the report's workers: every worker when all queues were
/// checked, else those serving a checked queue.
fn worker_list(beats: Vec<Beat>, queues: &[QueueHealth], all: bool) -> Vec<WorkerHealth> {
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
                    b.status
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

    fn thresholds() -> Thresholds {
        Thresholds {
            max_failed: 10,
            max_waiting: 100,
            max_wait_age: Duration::from_secs(300),
            max_latency: Duration::from_millis(100),
            max_memory_percent: 90,
            max_events_factor: 2,
        }
    }

    fn served(waiting: u64) -> QueueFacts {
        QueueFacts {
            metrics: Metrics {
                waiting,
                ..Metrics::default()
            },
            heartbeat_workers: 1,
            bullmq_workers: Some(1),
            events_cap: DEFAULT_MAX_LEN_EVENTS,
            ..QueueFacts::default()
        }
    }

    fn checks(issues: &[Issue]) -> Vec<Check> {
        issues.iter().map(|i| i.check).collect()
    }

    #[test]
    fn a_served_queue_within_thresholds_is_healthy() {
        let (status, issues) = judge_queue("q", &served(100), &thresholds());
        assert_eq!((status, issues.len()), (Status::Healthy, 0));
    }

    #[test]
    fn waiting_jobs_without_workers_are_down_unless_the_list_is_unavailable() {
        let mut f = served(1);
        f.heartbeat_workers = 0;
        f.bullmq_workers = Some(0);
        let (status, issues) = judge_queue("q", &f, &thresholds());
        assert_eq!(
            (status, checks(&issues)),
            (Status::Down, vec![Check::NoWorkers])
        );
        f.bullmq_workers = None;
        assert_eq!(judge_queue("q", &f, &thresholds()).0, Status::Healthy);
    }

    #[test]
    fn other_issues_degrade() {
        let mut f = served(101);
        f.metrics.failed = 11;
        f.stalled = (1..=7).map(|i| i.to_string()).collect();
        f.events_length = 20_001;
        let (status, issues) = judge_queue("q", &f, &thresholds());
        assert_eq!(status, Status::Degraded);
        assert_eq!(
            checks(&issues),
            [
                Check::Failures,
                Check::Backlog,
                Check::Stalled,
                Check::EventsStream
            ]
        );
        assert_eq!(
            issues[2].message,
            "7 active jobs have lost the lock (stalled): 1, 2, 3, 4, 5, ..."
        );
    }

    #[test]
    fn redis_latency_policy_and_memory() {
        let mut r = RedisHealth {
            latency_ms: 0.2,
            version: None,
            used_memory: Some(95),
            maxmemory: Some(0),
            maxmemory_policy: Some("noeviction".into()),
        };
        assert!(judge_redis(&r, &thresholds()).is_empty());
        r.latency_ms = 150.0;
        r.maxmemory = Some(100);
        r.maxmemory_policy = Some("volatile-lru".into());
        assert_eq!(
            checks(&judge_redis(&r, &thresholds())),
            [Check::Latency, Check::MemoryPolicy, Check::Memory]
        );
    }
}
