//! Finds the queues under a prefix by scanning for their keys (SCAN, never KEYS).

use crate::connection::Redis;

/// Key suffixes that every BullMQ 6 queue has once anything touched it.
const MARKER_SUFFIXES: [&str; 2] = ["meta", "id"];

/// Queue names under the connection's prefix, sorted.
pub async fn discover(redis: &Redis) -> Result<Vec<String>, bullmq::Error> {
    let prefix = redis.prefix();
    // One pass for both suffixes (`meta`, `id`): a SCAN walks every key of the
    // database, so a second pattern would double the round trips.
    let pattern = format!("{}:*:[mi][ed]*", glob_escape(prefix));
    let mut names: Vec<String> = redis
        .scan(&pattern)
        .await?
        .iter()
        .filter_map(|key| {
            MARKER_SUFFIXES
                .iter()
                .find_map(|suffix| queue_name(key, prefix, suffix))
        })
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// Whether any marker key of `queue` exists.
pub async fn exists(redis: &Redis, queue: &str) -> Result<bool, bullmq::Error> {
    let keys: Vec<String> = MARKER_SUFFIXES
        .iter()
        .map(|s| format!("{}:{queue}:{s}", redis.prefix()))
        .collect();
    Ok(redis.exists_many(&keys).await?.into_iter().any(|e| e))
}

fn queue_name<'a>(key: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    let rest = key.strip_prefix(prefix)?.strip_prefix(':')?;
    let name = rest.strip_suffix(suffix)?.strip_suffix(':')?;
    // Queue names cannot contain ':'; anything else is a job or scheduler key.
    (!name.is_empty() && !name.contains(':')).then_some(name)
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
    fn names_from_keys() {
        assert_eq!(
            queue_name("bull:scrape-queue:meta", "bull", "meta"),
            Some("scrape-queue")
        );
        assert_eq!(queue_name("{bull}:q:id", "{bull}", "id"), Some("q"));
        assert_eq!(queue_name("bull:q:repeat:x:meta", "bull", "meta"), None);
        assert_eq!(queue_name("other:q:meta", "bull", "meta"), None);
    }

    #[test]
    fn escapes_glob_characters() {
        assert_eq!(glob_escape("a*b[c]"), "a\\*b\\[c\\]");
        assert_eq!(glob_escape("{bull}"), "{bull}");
    }
}
