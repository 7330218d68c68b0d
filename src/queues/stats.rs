//! Job counts per state, the paused flag and the age of the oldest waiting job,
//! with the counts exactly as Node's `Queue.getJobCounts()` reports them.

use serde::Serialize;

use super::JobState;
use crate::connection::Redis;

/// Counts per state, keyed like Node's `getJobCounts()`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub waiting: u64,
    pub active: u64,
    pub delayed: u64,
    pub prioritized: u64,
    #[serde(rename = "waiting-children")]
    pub waiting_children: u64,
    pub completed: u64,
    pub failed: u64,
}

impl Counts {
    /// Count of jobs in a state.
    pub fn get(&self, state: JobState) -> u64 {
        match state {
            JobState::Waiting => self.waiting,
            JobState::Active => self.active,
            JobState::Delayed => self.delayed,
            JobState::Prioritized => self.prioritized,
            JobState::WaitingChildren => self.waiting_children,
            JobState::Completed => self.completed,
            JobState::Failed => self.failed,
        }
    }
}

impl From<bullmq::types::JobCounts> for Counts {
    fn from(c: bullmq::types::JobCounts) -> Self {
        // The legacy `paused` list is left out, as Node 6 leaves it out.
        Counts {
            waiting: c.waiting,
            active: c.active,
            delayed: c.delayed,
            prioritized: c.prioritized,
            waiting_children: c.waiting_children,
            completed: c.completed,
            failed: c.failed,
        }
    }
}

/// One queue's summary.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueStats {
    pub name: String,
    pub paused: bool,
    pub counts: Counts,
    /// How long the oldest job in the wait list has been ready, in ms.
    pub oldest_waiting_age_ms: Option<u64>,
    /// False when no key of this queue exists under the prefix.
    #[serde(skip)]
    pub exists: bool,
}

/// The `stats --json` document (also `GET /api/queue/stats`).
#[derive(Debug, Serialize)]
pub struct StatsReport {
    pub queues: Vec<QueueStats>,
}

/// Stats for the named queues, or every queue under the prefix when none are named.
pub async fn report(redis: &Redis, named: &[String]) -> Result<StatsReport, bullmq::Error> {
    let names = if named.is_empty() {
        super::discovery::discover(redis).await?
    } else {
        named.to_vec()
    };
    let now = super::now_ms();
    let mut queues = Vec::with_capacity(names.len());
    for name in &names {
        queues.push(queue_stats(redis, name, now).await?);
    }
    Ok(StatsReport { queues })
}

/// Reads one queue's stats. A queue with no keys reports zeros and is not
/// created (BullMQ's queue handle would write its meta key).
pub async fn queue_stats(
    redis: &Redis,
    name: &str,
    now_ms: u64,
) -> Result<QueueStats, bullmq::Error> {
    if !super::discovery::exists(redis, name).await? {
        return Ok(QueueStats {
            name: name.to_string(),
            paused: false,
            counts: Counts::default(),
            oldest_waiting_age_ms: None,
            exists: false,
        });
    }
    let queue = redis.queue(name).await?;
    let counts = Counts::from(queue.get_job_counts().await?);
    let oldest = if counts.waiting > 0 {
        queue
            .get_waiting(0, 0)
            .await?
            .first()
            .map(|job| now_ms.saturating_sub(job.timestamp() + job.delay()))
    } else {
        None
    };
    Ok(QueueStats {
        name: name.to_string(),
        paused: queue.is_paused().await?,
        counts,
        oldest_waiting_age_ms: oldest,
        exists: true,
    })
}

/// Whether a queue has nothing waiting, prioritized or active, and no delayed
/// job due within `horizon_ms` (what `worker --burst` waits for).
pub async fn idle(
    redis: &Redis,
    name: &str,
    now_ms: u64,
    horizon_ms: u64,
) -> Result<bool, bullmq::Error> {
    let queue = redis.queue(name).await?;
    let c = Counts::from(queue.get_job_counts().await?);
    if c.waiting + c.prioritized + c.active > 0 {
        return Ok(false);
    }
    let next_due = queue
        .get_delayed(0, 0)
        .await?
        .first()
        .map(|j| j.timestamp() + j.delay());
    Ok(next_due.is_none_or(|due| due > now_ms + horizon_ms))
}
