//! Results of jobs whose handler finished but whose completion BullMQ has not
//! confirmed: when a dropped connection loses the finishing command, the port
//! drops the job, stall recovery hands it back, and its kept result finishes
//! it instead of a second run of the handler.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use bullmq::Job;
use serde_json::Value;

/// Results kept at most; a confirmed completion removes its result, so only
/// jobs in flight and lost finishes stay.
const MAX_KEPT: usize = 10_000;

/// Queue and job id. A kept result is only used for the job created at the
/// same time: a custom id can be used again once the old job is removed.
type Key = (String, String);

#[derive(Default)]
pub struct Unfinished {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    results: HashMap<Key, (u64, Value)>,
    order: VecDeque<Key>,
}

impl Unfinished {
    /// Keeps the result of `job` on `queue` until BullMQ confirms it.
    pub fn keep(&self, queue: &str, job: &Job, result: &Value) {
        let mut kept = self.lock();
        let key = (queue.to_string(), job.id().to_string());
        if kept.order.len() >= MAX_KEPT {
            if let Some(old) = kept.order.pop_front() {
                kept.results.remove(&old);
            }
        }
        if kept
            .results
            .insert(key.clone(), (job.timestamp(), result.clone()))
            .is_none()
        {
            kept.order.push_back(key);
        }
    }

    /// BullMQ completed the job: its result is no longer needed.
    pub fn confirmed(&self, queue: &str, job_id: &str) {
        let mut kept = self.lock();
        let key = (queue.to_string(), job_id.to_string());
        if kept.results.remove(&key).is_some() {
            kept.order.retain(|k| k != &key);
        }
    }

    /// The kept result of this very job, when its handler already ran here;
    /// it stays kept until BullMQ confirms this finish too.
    pub fn result(&self, queue: &str, job: &Job) -> Option<Value> {
        let kept = self.lock();
        let key = (queue.to_string(), job.id().to_string());
        match kept.results.get(&key) {
            Some((created, result)) if *created == job.timestamp() => Some(result.clone()),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}
