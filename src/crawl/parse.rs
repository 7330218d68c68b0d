//! Where, how many and how much body parses run: on the blocking pool, at
//! most one per core at a time, so a crawl holds no more parsed documents than
//! it has cores however many requests are in flight, and each document at
//! most [`MAX_PARSE_TAGS`] tags.

use std::num::NonZeroUsize;
use std::sync::Arc;

use tokio::sync::Semaphore;

use super::fetch::FetchError;

/// Tags parsed per page at most. A parsed document takes about 400 bytes per
/// element, so this keeps one near 40 MB; the largest page of the Python
/// documentation has 98,000.
pub const MAX_PARSE_TAGS: usize = 200_000;

/// The part of `html` before its tag number `MAX_PARSE_TAGS + 1`, and whether
/// that left anything out.
pub fn within_tag_limit(html: &str) -> (&str, bool) {
    match html.match_indices('<').nth(MAX_PARSE_TAGS) {
        Some((end, _)) => (&html[..end], true),
        None => (html, false),
    }
}

/// Runs parses; clones share the same permits.
#[derive(Debug, Clone)]
pub(super) struct Parser {
    permits: Arc<Semaphore>,
    /// Links kept per page.
    pub max_links: usize,
}

impl Parser {
    /// One parse at a time per available core.
    pub fn new(max_links: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Parser {
            permits: Arc::new(Semaphore::new(cores)),
            max_links,
        }
    }

    /// Runs `parse` on the blocking pool once a core is free.
    pub async fn run<T: Send + 'static>(
        &self,
        parse: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, FetchError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| FetchError::Other(e.to_string()))?;
        tokio::task::spawn_blocking(parse)
            .await
            .map_err(|e| FetchError::Other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_before_the_tag_past_the_limit() {
        let html = "<a>".repeat(MAX_PARSE_TAGS + 5);
        let (kept, cut) = within_tag_limit(&html);
        assert!(cut);
        assert_eq!(kept.matches('<').count(), MAX_PARSE_TAGS);
        assert_eq!(within_tag_limit("<p>x</p>"), ("<p>x</p>", false));
    }
}
