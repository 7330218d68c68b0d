//! Where and how many body parses run: on the blocking pool, at most one per
//! core at a time, so a crawl holds no more parsed documents than it has cores
//! however many requests are in flight.

use std::num::NonZeroUsize;
use std::sync::Arc;

use tokio::sync::Semaphore;

use super::fetch::FetchError;

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
