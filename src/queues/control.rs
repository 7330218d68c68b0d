//! Queue control through the port: pause, resume, promote, remove and drain,
//! plus the existence check that keeps these verbs from creating a queue.

use serde::Serialize;

use super::{discovery, inspect, keys};
use crate::connection::{is_lost, Redis};

/// Why a control verb could not run on a queue.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// No key of the queue exists under the prefix.
    #[error("no queue named {queue} under prefix {prefix}")]
    NoQueue { queue: String, prefix: String },
    /// Redis or a BullMQ script failed.
    #[error(transparent)]
    Bull(#[from] bullmq::Error),
}

/// Fails with [`ControlError::NoQueue`] unless `queue` has keys under the prefix.
pub async fn require(redis: &Redis, queue: &str) -> Result<(), ControlError> {
    if discovery::exists(redis, queue).await? {
        Ok(())
    } else {
        Err(ControlError::NoQueue {
            queue: queue.to_string(),
            prefix: redis.prefix().to_string(),
        })
    }
}

/// A queue's paused flag after a pause or resume.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseState {
    pub queue: String,
    pub paused: bool,
    /// False when the queue already was in that state.
    pub changed: bool,
}

/// Pauses (`pause = true`) or resumes `queue`.
pub async fn set_paused(
    redis: &Redis,
    queue: &str,
    pause: bool,
) -> Result<PauseState, ControlError> {
    require(redis, queue).await?;
    let handle = redis.queue(queue).await?;
    let before = redis.port(handle.is_paused()).await?;
    if pause {
        redis.port(handle.pause()).await?;
    } else {
        redis.port(handle.resume()).await?;
    }
    Ok(PauseState {
        queue: queue.to_string(),
        paused: redis.port(handle.is_paused()).await?,
        changed: before != pause,
    })
}

/// A job that could not be promoted or removed, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Refused {
    pub id: String,
    pub reason: String,
}

/// What happened to each id of a promote or remove.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdOutcome {
    pub done: Vec<String>,
    pub not_found: Vec<String>,
    pub failed: Vec<Refused>,
}

/// Splits `ids` into those that are jobs (see [`inspect::jobs_exist`]) and those that are not.
pub async fn existing(
    redis: &Redis,
    queue: &str,
    ids: &[String],
) -> Result<(Vec<String>, Vec<String>), bullmq::Error> {
    let found = inspect::jobs_exist(redis, queue, ids).await?;
    let (yes, no): (Vec<_>, Vec<_>) = ids.iter().cloned().zip(found).partition(|(_, e)| *e);
    Ok((
        yes.into_iter().map(|(id, _)| id).collect(),
        no.into_iter().map(|(id, _)| id).collect(),
    ))
}

/// Promotes the delayed jobs among `ids` to waiting.
pub async fn promote(
    redis: &Redis,
    queue: &str,
    ids: &[String],
) -> Result<IdOutcome, ControlError> {
    require(redis, queue).await?;
    let (present, not_found) = existing(redis, queue, ids).await?;
    let handle = redis.queue(queue).await?;
    let mut out = IdOutcome {
        not_found,
        ..IdOutcome::default()
    };
    for id in &present {
        let Some(job) = redis.port(handle.get_job(id)).await? else {
            out.not_found.push(id.clone());
            continue;
        };
        let state = redis.port(job.get_state()).await?;
        if state != bullmq::types::JobState::Delayed {
            out.failed.push(Refused {
                id: id.clone(),
                reason: format!("not delayed (state: {state})"),
            });
            continue;
        }
        match redis.port(job.promote()).await {
            Ok(()) => out.done.push(id.clone()),
            Err(e) if is_lost(&e) => return Err(e.into()),
            Err(e) => out.failed.push(Refused {
                id: id.clone(),
                reason: e.to_string(),
            }),
        }
    }
    Ok(out)
}

/// Promotes every delayed job of `queue`; returns how many left the delayed set.
pub async fn promote_all(redis: &Redis, queue: &str) -> Result<u64, ControlError> {
    require(redis, queue).await?;
    let handle = redis.queue(queue).await?;
    let before = redis.port(handle.get_delayed_count()).await?;
    handle.promote_jobs(1000).await?;
    let after = redis.port(handle.get_delayed_count()).await?;
    Ok(before.saturating_sub(after))
}

/// Removes `ids` (with their logs); locked (active) jobs are refused.
pub async fn remove(redis: &Redis, queue: &str, ids: &[String]) -> Result<IdOutcome, ControlError> {
    require(redis, queue).await?;
    let (present, not_found) = existing(redis, queue, ids).await?;
    let handle = redis.queue(queue).await?;
    let mut out = IdOutcome {
        not_found,
        ..IdOutcome::default()
    };
    for id in present {
        match redis.port(handle.remove(&id)).await {
            Ok(true) => out.done.push(id),
            Ok(false) => out.failed.push(Refused {
                id,
                reason: "locked by a worker (active jobs cannot be removed)".into(),
            }),
            Err(e) if is_lost(&e) => return Err(e.into()),
            Err(e) => out.failed.push(Refused {
                id,
                reason: e.to_string(),
            }),
        }
    }
    Ok(out)
}

/// Jobs a drain would remove, per state.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DrainCounts {
    pub waiting: u64,
    pub prioritized: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delayed: Option<u64>,
}

impl DrainCounts {
    /// Every job counted.
    pub fn total(&self) -> u64 {
        self.waiting + self.prioritized + self.delayed.unwrap_or(0)
    }
}

/// Counts, read-only, what [`drain`] would remove.
pub async fn drain_counts(
    redis: &Redis,
    queue: &str,
    delayed: bool,
) -> Result<DrainCounts, ControlError> {
    require(redis, queue).await?;
    let k = keys::queue(redis.prefix(), queue);
    // BullMQ 6 keeps a paused queue's jobs in `wait`; `paused` is the legacy list.
    let waiting = redis.llen(&k.wait()).await? + redis.llen(&k.paused()).await?;
    Ok(DrainCounts {
        waiting,
        prioritized: redis.zcard(&k.prioritized()).await?,
        delayed: if delayed {
            Some(redis.zcard(&k.delayed()).await?)
        } else {
            None
        },
    })
}

/// Removes every waiting and prioritized (and with `delayed`, delayed) job;
/// returns how many jobs fewer the queue holds afterwards.
pub async fn drain(redis: &Redis, queue: &str, delayed: bool) -> Result<u64, ControlError> {
    let before = drain_counts(redis, queue, delayed).await?;
    let handle = redis.queue(queue).await?;
    redis.port(handle.drain(delayed)).await?;
    let after = drain_counts(redis, queue, delayed).await?;
    Ok(before.total().saturating_sub(after.total()))
}
