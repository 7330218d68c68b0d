//! Finds the queues under a prefix by scanning for their keys (SCAN, never KEYS).

use super::keys;
use crate::connection::Redis;

/// Queue names under the connection's prefix, sorted. On Cluster every
/// master is scanned, and a name whose keys could not share a slot is left
/// out: BullMQ cannot have made it a queue there.
pub async fn discover(redis: &Redis) -> Result<Vec<String>, bullmq::Error> {
    let prefix = redis.prefix();
    let found = redis.scan(&keys::marker_pattern(prefix)).await?;
    let mut names: Vec<String> = found
        .iter()
        .filter_map(|key| keys::queue_from_marker(key, prefix))
        .filter(|name| redis.check_queue(name).is_ok())
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// Whether any marker key of `queue` exists.
pub async fn exists(redis: &Redis, queue: &str) -> Result<bool, bullmq::Error> {
    let markers = keys::markers(redis.prefix(), queue);
    Ok(redis.exists_many(&markers).await?.into_iter().any(|e| e))
}
