//! The worker's heartbeat: a record with a TTL under a queuectl-owned key,
//! refreshed while the worker runs, for `queuectl health` to report.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;

use super::event::Event;
use super::spec::QueueSpec;
use crate::connection::Redis;
use crate::queues::worker_record::{QueueRecord, WorkerRecord as Record, WorkerStatus};
use crate::queues::{keys, now_ms};

/// How often the record is rewritten; it expires after three missed beats.
pub const EVERY: Duration = Duration::from_secs(10);
const TTL: Duration = Duration::from_secs(30);
/// How long a status change settles before it is written.
const SETTLE: Duration = Duration::from_millis(500);

/// Keeps the record current from the worker's events.
pub struct Tracker {
    record: Mutex<Record>,
    /// Signalled when the status flips between active and idle.
    changed: Notify,
}

impl Tracker {
    /// A tracker for a worker on machine `host` serving `queues`.
    pub fn new(id: String, host: String, queues: &[QueueSpec]) -> Self {
        let record = Record {
            id,
            host,
            pid: std::process::id(),
            queues: queues
                .iter()
                .map(|q| QueueRecord {
                    name: q.name.clone(),
                    concurrency: q.concurrency,
                })
                .collect(),
            started_at: now_ms(),
            updated_at: now_ms(),
            status: WorkerStatus::Idle,
            current_jobs: BTreeSet::new(),
            processed: 0,
            failed: 0,
        };
        Self {
            record: Mutex::new(record),
            changed: Notify::new(),
        }
    }

    /// Updates the record from one event.
    pub fn on_event(&self, event: &Event) {
        let mut r = self.record.lock().unwrap_or_else(|e| e.into_inner());
        match event {
            Event::Started { job_id, .. } | Event::Recovered { job_id, .. } => {
                r.current_jobs.insert(job_id.clone());
            }
            Event::Completed { job_id, .. } => {
                r.current_jobs.remove(job_id);
                r.processed += 1;
            }
            Event::Failed { job_id, .. } => {
                r.current_jobs.remove(job_id);
                r.processed += 1;
                r.failed += 1;
            }
            Event::Retrying { job_id, .. } | Event::Stalled { job_id, .. } => {
                r.current_jobs.remove(job_id);
            }
            Event::Progress { .. } | Event::Error { .. } => {}
        }
        let status = if r.current_jobs.is_empty() {
            WorkerStatus::Idle
        } else {
            WorkerStatus::Active
        };
        if status != r.status {
            r.status = status;
            self.changed.notify_one();
        }
    }

    fn snapshot(&self) -> Record {
        let mut r = self
            .record
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        r.updated_at = now_ms();
        r
    }
}

/// Writes the record now, every [`EVERY`], and about [`SETTLE`] after the
/// status flips (so `health` sees idle soon after the last job without a busy
/// worker writing per job), until the task is aborted.
pub fn spawn(redis: Arc<Redis>, tracker: Arc<Tracker>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let record = tracker.snapshot();
            let key = keys::worker_heartbeat(redis.prefix(), &record.id);
            let json = serde_json::to_string(&record).unwrap_or_default();
            // A missed beat is retried on the next tick; the TTL covers two misses.
            let _ = redis.set_owned(&key, &json, TTL).await;
            tokio::select! {
                () = tokio::time::sleep(EVERY) => {}
                () = tracker.changed.notified() => tokio::time::sleep(SETTLE).await,
            }
        }
    })
}

/// Removes the record when the worker stops.
pub async fn clear(redis: &Redis, worker_id: &str) {
    let _ = redis
        .del_owned(&keys::worker_heartbeat(redis.prefix(), worker_id))
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_current_jobs_and_totals() {
        let t = Tracker::new(
            "w1".into(),
            "host".into(),
            &[QueueSpec {
                name: "q".into(),
                concurrency: 2,
            }],
        );
        let ev = |kind: &str| {
            let (queue, job_id) = ("q".to_string(), "7".to_string());
            match kind {
                "started" => Event::Started {
                    queue,
                    job_id,
                    name: "echo".into(),
                    attempts_made: 0,
                },
                "failed" => Event::Failed {
                    queue,
                    job_id,
                    error: "x".into(),
                },
                _ => Event::Completed {
                    queue,
                    job_id,
                    result: None,
                },
            }
        };
        t.on_event(&ev("started"));
        assert_eq!(t.snapshot().status, WorkerStatus::Active);
        t.on_event(&ev("completed"));
        t.on_event(&ev("started"));
        t.on_event(&ev("failed"));
        let r = t.snapshot();
        assert_eq!(
            (r.status, r.processed, r.failed),
            (WorkerStatus::Idle, 2, 1)
        );
        assert!(r.current_jobs.is_empty());
    }
}
