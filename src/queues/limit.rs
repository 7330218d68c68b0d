//! A queue's global limits (BullMQ's global concurrency and global rate limit):
//! read from the meta hash and the limiter key, changed through the port, and
//! judged against the counts to say whether they hold jobs back now.

use std::collections::HashMap;

use serde::Serialize;

use super::control::{self, ControlError};
use super::stats::Counts;
use crate::connection::Redis;

/// The meta hash fields BullMQ keeps the global limits in.
const CONCURRENCY_FIELD: &str = "concurrency";
const MAX_FIELD: &str = "max";
const DURATION_FIELD: &str = "duration";

/// At most `max` jobs start per `duration` ms, across all workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub max: u64,
    pub duration: u64,
}

/// A queue's global limits; `None` where none is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub concurrency: Option<u64>,
    pub rate: Option<Rate>,
}

impl Limits {
    /// The limits a queue's meta hash holds (Node's getGlobalConcurrency and
    /// getGlobalRateLimit read the same fields).
    pub fn from_meta(meta: &HashMap<String, String>) -> Limits {
        let number = |field| meta.get(field).and_then(|v| v.parse::<u64>().ok());
        let rate = match (number(MAX_FIELD), number(DURATION_FIELD)) {
            (Some(max), Some(duration)) => Some(Rate { max, duration }),
            _ => None,
        };
        Limits {
            concurrency: number(CONCURRENCY_FIELD),
            rate,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.concurrency.is_none() && self.rate.is_none()
    }
}

/// A limit that is holding waiting jobs back right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "limit"
)]
pub enum Hold {
    /// As many jobs are active as the global concurrency allows.
    Concurrency { concurrency: u64, active: u64 },
    /// The rate limiter's window is full; it reopens in `resumes_in_ms`.
    Rate { resumes_in_ms: u64 },
}

/// Node's `rateLimit()` sets the limiter to this, so any maximum counts as reached.
const MANUAL_RATE_LIMIT: u64 = 9_007_199_254_740_991;

/// What holds `queue`'s ready jobs back, if anything: only asked when jobs
/// are ready (waiting or prioritized), since a limit with nothing to hold
/// back holds nothing.
pub async fn hold(
    redis: &Redis,
    queue: &str,
    limits: &Limits,
    counts: &Counts,
) -> Result<Option<Hold>, bullmq::Error> {
    if counts.waiting + counts.prioritized == 0 {
        return Ok(None);
    }
    if let Some(concurrency) = limits.concurrency.filter(|c| counts.active >= *c) {
        return Ok(Some(Hold::Concurrency {
            concurrency,
            active: counts.active,
        }));
    }
    let keys = super::keys::queue(redis.prefix(), queue);
    let (value, ttl) = redis.get_with_ttl(&keys.limiter()).await?;
    let used = value.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    let max = limits.rate.map_or(MANUAL_RATE_LIMIT, |r| r.max);
    Ok((used >= max && ttl > 0).then_some(Hold::Rate {
        resumes_in_ms: ttl as u64,
    }))
}

/// One limit's requested change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<T> {
    Keep,
    Set(T),
    Remove,
}

/// What `limit` changes on a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitChange {
    pub concurrency: Change<u64>,
    pub rate: Change<Rate>,
}

impl LimitChange {
    pub fn is_none(&self) -> bool {
        self.concurrency == Change::Keep && self.rate == Change::Keep
    }
}

/// A queue's limits after `limit`, and whether that changed them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitState {
    pub queue: String,
    #[serde(flatten)]
    pub limits: Limits,
    pub changed: bool,
}

/// Reads `queue`'s limits without writing anything.
pub async fn read(redis: &Redis, queue: &str) -> Result<LimitState, ControlError> {
    control::require(redis, queue).await?;
    Ok(LimitState {
        queue: queue.to_string(),
        limits: read_limits(redis, queue).await?,
        changed: false,
    })
}

/// Applies `change` to `queue` through the port (setGlobalConcurrency,
/// setGlobalRateLimit and their removals) and reads the result back.
pub async fn apply(
    redis: &Redis,
    queue: &str,
    change: LimitChange,
) -> Result<LimitState, ControlError> {
    control::require(redis, queue).await?;
    let before = read_limits(redis, queue).await?;
    let handle = redis.queue(queue).await?;
    match change.concurrency {
        Change::Keep => {}
        Change::Set(n) => redis.port(handle.set_global_concurrency(n)).await?,
        Change::Remove => redis.port(handle.remove_global_concurrency()).await?,
    }
    match change.rate {
        Change::Keep => {}
        Change::Set(r) => {
            redis
                .port(handle.set_global_rate_limit(r.max, r.duration))
                .await?
        }
        Change::Remove => redis.port(handle.remove_global_rate_limit()).await?,
    }
    let limits = read_limits(redis, queue).await?;
    Ok(LimitState {
        queue: queue.to_string(),
        changed: limits != before,
        limits,
    })
}

async fn read_limits(redis: &Redis, queue: &str) -> Result<Limits, bullmq::Error> {
    let keys = super::keys::queue(redis.prefix(), queue);
    Ok(Limits::from_meta(&redis.hgetall(&keys.meta()).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn limits_come_from_the_meta_fields_node_writes() {
        let m = meta(&[("concurrency", "4"), ("max", "10"), ("duration", "1000")]);
        assert_eq!(
            Limits::from_meta(&m),
            Limits {
                concurrency: Some(4),
                rate: Some(Rate {
                    max: 10,
                    duration: 1000
                })
            }
        );
        // A rate needs both halves; garbage reads as unset.
        let m = meta(&[("max", "10"), ("concurrency", "x")]);
        assert!(Limits::from_meta(&m).is_empty());
    }
}
