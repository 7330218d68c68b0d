//! Orphaned jobs: job hashes that no state structure of their queue (wait,
//! paused, active, prioritized, delayed, completed, failed, waiting-children)
//! references. Found by a read-only scan; removed through BullMQ's removeJob.

use bullmq::QueueKeys;

use super::keys;
use crate::connection::Redis;

/// The ids of `queue`'s orphaned job hashes, sorted.
pub async fn find(redis: &Redis, queue: &str) -> Result<Vec<String>, bullmq::Error> {
    let prefix = redis.prefix();
    let found = redis.scan(&keys::queue_pattern(prefix, queue)).await?;
    let candidates: Vec<(String, String)> = found
        .iter()
        .filter_map(|key| {
            keys::job_id_from_key(key, prefix, queue).map(|id| (key.clone(), id.to_string()))
        })
        .collect();
    let key_list: Vec<String> = candidates.iter().map(|(k, _)| k.clone()).collect();
    let types = redis.types_many(&key_list).await?;
    let ids: Vec<String> = candidates
        .into_iter()
        .zip(types)
        .filter(|(_, t)| t == "hash")
        .map(|((_, id), _)| id)
        .collect();
    let mut orphans = unreferenced(redis, &keys::queue(prefix, queue), ids).await?;
    orphans.sort();
    Ok(orphans)
}

/// Removes the orphans among `ids`, checking again first that no structure
/// references them; returns the ids removed.
pub async fn remove(
    redis: &Redis,
    queue: &str,
    ids: Vec<String>,
) -> Result<Vec<String>, bullmq::Error> {
    let still = unreferenced(redis, &keys::queue(redis.prefix(), queue), ids).await?;
    let handle = redis.queue(queue).await?;
    let mut removed = Vec::with_capacity(still.len());
    for id in still {
        // removeJob deletes the hash, logs and lock even when no set holds the id.
        if redis.port(handle.remove(&id)).await? {
            removed.push(id);
        }
    }
    Ok(removed)
}

/// The ids among `ids` that none of the queue's state structures hold.
async fn unreferenced(
    redis: &Redis,
    keys: &QueueKeys,
    ids: Vec<String>,
) -> Result<Vec<String>, bullmq::Error> {
    let lists = [keys.wait(), keys.paused(), keys.active()];
    let zsets = [
        keys.prioritized(),
        keys.delayed(),
        keys.completed(),
        keys.failed(),
        keys.waiting_children(),
    ];
    let held = redis.member_of_any(&lists, &zsets, &ids).await?;
    Ok(ids
        .into_iter()
        .zip(held)
        .filter(|(_, h)| !h)
        .map(|(id, _)| id)
        .collect())
}
