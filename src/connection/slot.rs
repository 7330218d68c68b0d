//! Redis Cluster slots: BullMQ's scripts touch keys they do not declare, so
//! every key of a queue must hash to one slot, which a hash tag in the prefix
//! (`{bull}`) or in the queue name (`{scrape}`) guarantees.

/// The hash tag of `key` by the Redis rule: the text between the first `{`
/// and the first `}` after it, when that text is not empty.
pub fn hash_tag(key: &str) -> Option<&str> {
    let open = key.find('{')?;
    let rest = &key[open + 1..];
    let close = rest.find('}')?;
    (close > 0).then(|| &rest[..close])
}

/// A queue whose keys would spread over the slots of a Cluster.
#[derive(Debug, thiserror::Error)]
#[error(
    "queue '{queue}' and prefix '{prefix}' have no hash tag: on Redis Cluster every key of a queue \
     must live in one slot because BullMQ's scripts touch keys they do not declare; use --prefix \
     '{{{prefix}}}' or a hash-tagged queue name such as '{{{queue}}}' (and the same in your Node workers)"
)]
pub struct Unslotted {
    prefix: String,
    queue: String,
}

/// Whether every key of `queue` under `prefix` (`<prefix>:<queue>:...`)
/// hashes to one slot: `<prefix>:<queue>` carries a whole hash tag. A tag
/// opened there but closed only after it would hash each key differently.
pub fn check_queue(prefix: &str, queue: &str) -> Result<(), Unslotted> {
    match hash_tag(&format!("{prefix}:{queue}")) {
        Some(_) => Ok(()),
        None => Err(Unslotted {
            prefix: prefix.to_string(),
            queue: queue.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_tags_follow_the_redis_rule() {
        assert_eq!(hash_tag("{bull}:q:wait"), Some("bull"));
        assert_eq!(hash_tag("bull:{scrape}:wait"), Some("scrape"));
        assert_eq!(hash_tag("bull:{}:{x}"), None);
        assert_eq!(hash_tag("bull:{a}{b}"), Some("a"));
        assert_eq!(hash_tag("bull:q:wait"), None);
        assert_eq!(hash_tag("b}ull:{q"), None);
    }

    #[test]
    fn a_queue_is_usable_when_the_prefix_or_its_name_carries_a_tag() {
        assert!(check_queue("{bull}", "scrape-queue").is_ok());
        assert!(check_queue("bull", "{scrape}").is_ok());
        assert!(check_queue("bull", "my-{scrape}-queue").is_ok());
        // A tag spanning prefix and name is still one tag for every key.
        assert!(check_queue("{bu", "ll}").is_ok());
        for (prefix, queue) in [("bull", "scrape-queue"), ("bull", "{}"), ("bull", "{open")] {
            let err = check_queue(prefix, queue).unwrap_err().to_string();
            assert!(
                err.contains("no hash tag") && err.contains(&format!("'{{{prefix}}}'")),
                "{err}"
            );
        }
    }
}
