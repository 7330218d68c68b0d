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
        assert_eq!(markers("bull", "q"), ["bull:q:meta", "bull:q:id"]);
        assert_eq!(marker_pattern("a*b[c]"), "a\\*b\\[c\\]:*:[mi][ed]*");
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
