//! Judging gathered health facts against thresholds: which issues exist,
//! with the existing system's wording, and each queue's status.

use std::time::Duration;

use serde::Serialize;

use super::{Metrics, RedisHealth};
use crate::queues::limit::Hold;

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

impl Default for Thresholds {
    /// The `queuectl health` flags' defaults (used by `serve`'s health route).
    fn default() -> Self {
        Thresholds {
            max_failed: 10,
            max_waiting: 100,
            max_wait_age: Duration::from_secs(5 * 60),
            max_latency: Duration::from_millis(100),
            max_memory_percent: 90,
            max_events_factor: 2,
        }
    }
}

/// A queue's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Healthy,
    Degraded,
    Down,
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

/// What was read about one queue, before judging.
#[derive(Debug, Default)]
pub struct QueueFacts {
    pub metrics: Metrics,
    pub paused: bool,
    /// A global limit holding ready jobs back: they wait for it, not for a worker.
    pub held_by: Option<Hold>,
    pub oldest_waiting_age_ms: Option<u64>,
    pub stalled: Vec<String>,
    pub heartbeat_workers: usize,
    pub bullmq_workers: Option<usize>,
    pub events_length: u64,
    pub events_cap: u64,
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
    if m.waiting > 0 && !f.paused && unserved && f.held_by.is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT_MAX_LEN_EVENTS: u64 = 10_000;

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
    fn jobs_a_global_limit_holds_back_are_not_reported_as_unserved() {
        let mut f = served(1);
        f.heartbeat_workers = 0;
        f.bullmq_workers = Some(0);
        f.held_by = Some(Hold::Concurrency {
            concurrency: 2,
            active: 2,
        });
        let (status, issues) = judge_queue("q", &f, &thresholds());
        assert_eq!((status, issues.len()), (Status::Healthy, 0));
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
