//! Every Redis key name queuectl forms itself, in one place. Queue keys come
//! from the port's `QueueKeys`; this adds the few it does not name.

use bullmq::QueueKeys;

/// Key suffixes every BullMQ 6 queue has once anything touched it.
pub const MARKER_SUFFIXES: [&str; 2] = ["meta", "id"];

/// The port's key set for `queue` under `prefix`.
pub fn queue(prefix: &str, queue: &str) -> QueueKeys {
    QueueKeys::new(queue, Some(prefix))
}

/// The hash of job `id`: `<prefix>:<queue>:<id>`.
pub fn job(prefix: &str, queue_name: &str, id: &str) -> String {
    queue(prefix, queue_name).job_key(id)
}

/// The lock a worker holds on an active job: `<prefix>:<queue>:<id>:lock`.
pub fn job_lock(prefix: &str, queue_name: &str, id: &str) -> String {
    format!("{}:lock", job(prefix, queue_name, id))
}

/// The deduplication key BullMQ keeps for a dedup id: `<prefix>:<queue>:de:<id>`.
pub fn dedup(prefix: &str, queue_name: &str, id: &str) -> String {
    queue(prefix, queue_name).get(&format!("de:{id}"))
}

/// The hash of job scheduler `id`: `<prefix>:<queue>:repeat:<id>`.
pub fn scheduler(prefix: &str, queue_name: &str, id: &str) -> String {
    queue(prefix, queue_name).get(&format!("repeat:{id}"))
}

/// The log list of job `id`: `<prefix>:<queue>:<id>:logs`.
pub fn job_logs(prefix: &str, queue_name: &str, id: &str) -> String {
    format!("{}:logs", job(prefix, queue_name, id))
}

/// The events stream of a queue: `<prefix>:<queue>:events`.
pub fn events(prefix: &str, queue_name: &str) -> String {
    queue(prefix, queue_name).get("events")
}

/// The marker keys of `queue` (`meta`, `id`): any of them existing means the queue exists.
pub fn markers(prefix: &str, queue_name: &str) -> Vec<String> {
    let keys = queue(prefix, queue_name);
    MARKER_SUFFIXES.iter().map(|s| keys.get(s)).collect()
}

/// A queuectl worker's heartbeat: outside every queue's keys, under the
/// prefix so one Redis can hold several BullMQ installations.
pub fn worker_heartbeat(prefix: &str, worker_id: &str) -> String {
    format!("{prefix}:__queuectl__:worker:{worker_id}")
}

/// A worker's record that it forwarded a page (`--forward`) to `queue`, kept
/// outside the queue's keys so cleaning the forwarded job leaves it.
pub fn forwarded(prefix: &str, queue_name: &str, dedup_id: &str) -> String {
    format!("{prefix}:__queuectl__:forwarded:{queue_name}:{dedup_id}")
}

/// The SCAN pattern for every queuectl worker heartbeat under `prefix`.
pub fn worker_heartbeat_pattern(prefix: &str) -> String {
    format!("{}:__queuectl__:worker:*", glob_escape(prefix))
}

/// A SCAN pattern matching every marker key under `prefix` (and a few more,
/// which [`queue_from_marker`] drops): one pass instead of one per suffix.
pub fn marker_pattern(prefix: &str) -> String {
    format!("{}:*:[mi][ed]*", glob_escape(prefix))
}

/// The queue a marker key belongs to, or `None` for any other key.
pub fn queue_from_marker<'a>(key: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = key.strip_prefix(prefix)?.strip_prefix(':')?;
    MARKER_SUFFIXES.iter().find_map(|suffix| {
        let name = rest.strip_suffix(suffix)?.strip_suffix(':')?;
        // Queue names cannot contain ':'; anything else is a job or scheduler key.
        (!name.is_empty() && !name.contains(':')).then_some(name)
    })
}

/// Queue-level key suffixes with no `:` (never job hashes).
pub const QUEUE_SUFFIXES: [&str; 18] = [
    "active",
    "wait",
    "waiting-children",
    "paused",
    "id",
    "delayed",
    "prioritized",
    "stalled-check",
    "completed",
    "failed",
    "stalled",
    "repeat",
    "limiter",
    "meta",
    "events",
    "pc",
    "marker",
    "metrics",
];

/// The SCAN pattern for every key of `queue`: `<prefix>:<queue>:*`.
pub fn queue_pattern(prefix: &str, queue_name: &str) -> String {
    format!("{}*", glob_escape(&queue(prefix, queue_name).key_prefix()))
}

/// The job id whose hash `key` would be, or `None` for any other key of the
/// queue: queue-level keys, `de:`/`repeat:` keys and per-job `:logs`/`:lock`
/// keys. Scheduler iterations (`repeat:<scheduler>:<millis>`) are job hashes.
pub fn job_id_from_key<'a>(key: &'a str, prefix: &str, queue_name: &str) -> Option<&'a str> {
    let base = queue(prefix, queue_name).key_prefix();
    let id = key.strip_prefix(base.as_str())?;
    if id.is_empty() || QUEUE_SUFFIXES.contains(&id) {
        return None;
    }
    if !id.contains(':') {
        return Some(id);
    }
    let rest = id.strip_prefix("repeat:")?;
    let (scheduler, millis) = rest.rsplit_once(':')?;
    let is_iteration =
        !scheduler.is_empty() && !millis.is_empty() && millis.bytes().all(|b| b.is_ascii_digit());
    is_iteration.then_some(id)
}

fn glob_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(job("bull", "q", "7"), "bull:q:7");
        assert_eq!(job_lock("{bull}", "q", "7"), "{bull}:q:7:lock");
        assert_eq!(dedup("{bull}", "q", "site"), "{bull}:q:de:site");
        assert_eq!(events("bull", "q"), "bull:q:events");
        assert_eq!(markers("bull", "q"), ["bull:q:meta", "bull:q:id"]);
        assert_eq!(marker_pattern("a*b[c]"), "a\\*b\\[c\\]:*:[mi][ed]*");
    }

    #[test]
    fn job_ids_from_keys() {
        let id = |k| job_id_from_key(k, "bull", "q");
        assert_eq!(queue_pattern("{b}", "q"), "{b}:q:*");
        assert_eq!(id("bull:q:17"), Some("17"));
        assert_eq!(id("bull:q:my-id"), Some("my-id"));
        assert_eq!(
            id("bull:q:repeat:s1:1700000000000"),
            Some("repeat:s1:1700000000000")
        );
        for other in [
            "bull:q:meta",
            "bull:q:events",
            "bull:q:17:logs",
            "bull:q:17:lock",
            "bull:q:repeat:s1",
            "bull:q:de:site",
            "bull:other:17",
            "bull:q:",
        ] {
            assert_eq!(id(other), None, "{other}");
        }
    }

    #[test]
    fn queues_from_marker_keys() {
        assert_eq!(
            queue_from_marker("bull:scrape-queue:meta", "bull"),
            Some("scrape-queue")
        );
        assert_eq!(queue_from_marker("{bull}:q:id", "{bull}"), Some("q"));
        assert_eq!(queue_from_marker("bull:q:repeat:x:meta", "bull"), None);
        assert_eq!(queue_from_marker("bull:q:ideal", "bull"), None);
        assert_eq!(queue_from_marker("other:q:meta", "bull"), None);
    }
}
