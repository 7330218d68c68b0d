//! Job counts per state, the paused flag and the age of the oldest waiting job,
//! with the counts exactly as Node's `Queue.getJobCounts()` reports them, read
//! with read commands only (opening BullMQ's queue handle writes its meta
//! hash, which fails on a full Redis, a replica or for a read-only ACL user).

use std::collections::HashMap;

use bullmq::QueueKeys;
use serde::Serialize;

use super::limit::{Hold, Limits};
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

/// The key holding a state's job ids, and whether it is a list (else a
/// sorted set): `waiting` is the `wait` list.
pub(crate) fn state_key(keys: &QueueKeys, state: JobState) -> (String, bool) {
    match state {
        JobState::Waiting => (keys.wait(), true),
        JobState::Active => (keys.active(), true),
        JobState::Delayed => (keys.delayed(), false),
        JobState::Prioritized => (keys.prioritized(), false),
        JobState::WaitingChildren => (keys.waiting_children(), false),
        JobState::Completed => (keys.completed(), false),
        JobState::Failed => (keys.failed(), false),
    }
}

/// Whether a wait-list entry is a BullMQ 4 marker (`0:<delay>`), which Node
/// 6's counts and ranges leave out; no job id starts with `0:`.
fn is_legacy_marker(entry: &str) -> bool {
    entry.starts_with("0:")
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
    /// The queue's global concurrency and rate limit, when set.
    #[serde(skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    /// The limit holding ready jobs back right now, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_by: Option<Hold>,
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

/// Reads one queue's stats. A queue with no keys reports zeros.
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
            limits: Limits::default(),
            held_by: None,
            exists: false,
        });
    }
    let keys = super::keys::queue(redis.prefix(), name);
    let (counts, oldest) = read_counts(redis, &keys).await?;
    let mut candidates: Vec<String> = oldest.into_iter().collect();
    if counts.prioritized > 0 {
        candidates.extend(prioritized_heads(redis, &keys).await?);
    }
    let oldest_waiting_age_ms = earliest_due(redis, &keys, &candidates)
        .await?
        .map(|ready| now_ms.saturating_sub(ready));
    let meta = redis.hgetall(&keys.meta()).await?;
    // Node's isPaused(): the meta hash has a `paused` field.
    let paused = meta.contains_key("paused");
    let limits = Limits::from_meta(&meta);
    let held_by = super::limit::hold(redis, name, &limits, &counts).await?;
    Ok(QueueStats {
        name: name.to_string(),
        paused,
        counts,
        oldest_waiting_age_ms,
        limits,
        held_by,
        exists: true,
    })
}

/// The counts `getJobCounts()` reports (LLEN/ZCARD of each state's key), and
/// the id of the oldest waiting job (the wait list's tail, which runs next).
pub(crate) async fn read_counts(
    redis: &Redis,
    keys: &QueueKeys,
) -> Result<(Counts, Option<String>), bullmq::Error> {
    let structures: Vec<(String, bool)> =
        JobState::ALL.iter().map(|s| state_key(keys, *s)).collect();
    let lengths = redis.lengths(&structures).await?;
    let by_state: HashMap<JobState, u64> = JobState::ALL.into_iter().zip(lengths).collect();
    let of = |state| by_state.get(&state).copied().unwrap_or(0);
    let mut counts = Counts {
        waiting: of(JobState::Waiting),
        active: of(JobState::Active),
        delayed: of(JobState::Delayed),
        prioritized: of(JobState::Prioritized),
        waiting_children: of(JobState::WaitingChildren),
        completed: of(JobState::Completed),
        failed: of(JobState::Failed),
    };
    if counts.waiting == 0 {
        return Ok((counts, None));
    }
    let tail = redis.lrange(&keys.wait(), -2, -1).await?;
    let mut oldest = tail.last().cloned();
    if oldest.as_deref().is_some_and(is_legacy_marker) {
        counts.waiting -= 1;
        oldest = tail.first().filter(|_| tail.len() == 2).cloned();
    }
    Ok((counts, oldest))
}

/// A prioritized job's score is `priority × 2^32 + add counter`: one band per priority.
const PRIORITY_BAND: u64 = 1 << 32;
/// At most this many priorities are looked at for the oldest prioritized job
/// (the existing system uses five).
const MAX_PRIORITY_BANDS: usize = 16;

/// The first-added job of each priority in the prioritized set, lowest
/// priority number first: within a priority, the lowest score came first.
async fn prioritized_heads(redis: &Redis, keys: &QueueKeys) -> Result<Vec<String>, bullmq::Error> {
    let key = keys.get("prioritized");
    let mut heads = Vec::new();
    let mut from = "-inf".to_string();
    while heads.len() < MAX_PRIORITY_BANDS {
        let Some((id, score)) = redis.first_by_score(&key, &from).await? else {
            break;
        };
        heads.push(id);
        from = ((score / PRIORITY_BAND + 1) * PRIORITY_BAND).to_string();
    }
    Ok(heads)
}

/// The earliest time one of the jobs `ids` became (or becomes) ready: its
/// `timestamp` plus its `delay`. Jobs removed since their ids were read have
/// no hash and no time.
async fn earliest_due(
    redis: &Redis,
    keys: &QueueKeys,
    ids: &[String],
) -> Result<Option<u64>, bullmq::Error> {
    if ids.is_empty() {
        return Ok(None);
    }
    let job_keys: Vec<String> = ids.iter().map(|id| keys.job_key(id)).collect();
    let fields = redis.hmget_many(&job_keys, &["timestamp", "delay"]).await?;
    let number = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<u64>().ok());
    Ok(fields
        .iter()
        .filter_map(|f| match f.as_slice() {
            [timestamp, delay] => Some(number(timestamp)? + number(delay).unwrap_or(0)),
            _ => None,
        })
        .min())
}

/// Whether a queue has nothing waiting, prioritized or active, and no delayed
/// job due within `horizon_ms` (what `worker --burst` waits for).
pub async fn idle(
    redis: &Redis,
    name: &str,
    now_ms: u64,
    horizon_ms: u64,
) -> Result<bool, bullmq::Error> {
    let keys = super::keys::queue(redis.prefix(), name);
    let (c, _) = read_counts(redis, &keys).await?;
    if c.waiting + c.prioritized + c.active > 0 {
        return Ok(false);
    }
    let next = redis.zrange(&keys.delayed(), 0, 0, false).await?;
    let next_due = earliest_due(redis, &keys, &next).await?;
    Ok(next_due.is_none_or(|due| due > now_ms + horizon_ms))
}
