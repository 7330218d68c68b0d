//! The existing system's retention policy: drop completed jobs older than a
//! day and failed jobs older than a week, and trim event streams. Every removal
//! goes through BullMQ's own `clean` script (via the port).

use std::time::Duration;

use serde::Serialize;

use bullmq::Queue;

use super::discovery;
use crate::connection::Redis;

/// The most ids one `clean` script call removes, as Node's `Queue.clean` batches.
pub const CLEAN_BATCH: u32 = 10_000;

/// How long finished jobs are kept, and how long event streams may grow.
#[derive(Debug, Clone)]
pub struct Retention {
    pub completed: Duration,
    pub failed: Duration,
    /// Approximate events kept per queue (BullMQ's own default is 10,000).
    pub max_events: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            completed: Duration::from_secs(24 * 3600),
            failed: Duration::from_secs(7 * 24 * 3600),
            max_events: 10_000,
        }
    }
}

/// What was removed from one queue.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cleaned {
    pub queue: String,
    pub completed: usize,
    pub failed: usize,
    pub events_trimmed: usize,
}

/// Applies `policy` to `queues`, or to every queue under the prefix when empty.
pub async fn apply(
    redis: &Redis,
    queues: &[String],
    policy: &Retention,
) -> Result<Vec<Cleaned>, bullmq::Error> {
    let names = if queues.is_empty() {
        discovery::discover(redis).await?
    } else {
        queues.to_vec()
    };
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        if !discovery::exists(redis, &name).await? {
            continue;
        }
        let queue = redis.queue(&name).await?;
        let completed = clean(&queue, policy.completed, None, "completed")
            .await?
            .len();
        let failed = clean(&queue, policy.failed, None, "failed").await?.len();
        let events_trimmed = queue.trim_events(policy.max_events).await?;
        out.push(Cleaned {
            queue: name,
            completed,
            failed,
            events_trimmed,
        });
    }
    Ok(out)
}

/// Removes jobs of `state` older than `grace` (BullMQ's `cleanJobsInSet`), in
/// script calls of at most [`CLEAN_BATCH`] until one comes back short, and never
/// more than `limit` in all. Returns the removed ids.
pub async fn clean(
    queue: &Queue,
    grace: Duration,
    limit: Option<u32>,
    state: &str,
) -> Result<Vec<String>, bullmq::Error> {
    let grace_ms = grace.as_millis() as u64;
    let mut removed: Vec<String> = Vec::new();
    loop {
        let left = limit.map_or(u32::MAX, |l| l.saturating_sub(removed.len() as u32));
        let want = left.min(CLEAN_BATCH);
        if want == 0 {
            return Ok(removed);
        }
        // With a limit of at most one batch the port makes exactly one script call.
        let batch = queue.clean(grace_ms, want, state).await?;
        let short = (batch.len() as u32) < want;
        removed.extend(batch);
        if short {
            return Ok(removed);
        }
    }
}
