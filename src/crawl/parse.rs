//! Where, how many and how much body parses run: on parse threads, one per
//! core, so a crawl holds no more parsed documents than
//! it has cores however many requests are in flight, and each document at
//! most [`MAX_PARSE_TAGS`] tags.

use std::num::NonZeroUsize;
use std::sync::{mpsc, Arc, Mutex};

use tokio::sync::oneshot;

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

/// A parse sent to the parse threads, and the bytes it parses.
type Job = (Box<dyn FnOnce() + Send>, usize);

/// After a page larger than this, its parse thread hands the memory it freed
/// back to the system at once instead of keeping it for the next page
/// (`commands::crawl` sets how long kept memory waits): a large page's tree
/// is tens of megabytes, a typical page's a few, and faulting a few
/// megabytes in again for every page was a fifth of a crawl's CPU.
const LARGE_PAGE_BYTES: usize = 256 << 10;

/// Runs parses on threads of its own, one per core; clones share them, and
/// the threads end when the last clone is dropped. Threads that only parse
/// reuse the memory their last page freed, where the blocking pool spread
/// pages over many threads.
#[derive(Debug, Clone)]
pub(super) struct Parser {
    jobs: mpsc::Sender<Job>,
    /// Links kept per page.
    pub max_links: usize,
}

impl Parser {
    pub fn new(max_links: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..cores {
            let queue = Arc::clone(&queue);
            let spawned = std::thread::Builder::new()
                .name(format!("parse-{i}"))
                .spawn(move || parse_thread(&queue));
            // Without threads every parse fails with the error `run` returns.
            drop(spawned);
        }
        Parser { jobs, max_links }
    }

    /// Runs `parse` of `bytes` bytes on a parse thread once one is free.
    pub async fn run<T: Send + 'static>(
        &self,
        bytes: usize,
        parse: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, FetchError> {
        let (done, result) = oneshot::channel();
        let job = Box::new(move || {
            // The page's task may have been cancelled meanwhile.
            let _ = done.send(parse());
        });
        self.jobs.send((job, bytes)).map_err(|_| stopped())?;
        result.await.map_err(|_| stopped())
    }
}

fn stopped() -> FetchError {
    FetchError::Other("the page's parse did not finish".to_string())
}

/// Takes parses off the queue until every sender is gone. A parse that
/// panics fails its own page only.
fn parse_thread(queue: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        let job = match queue.lock() {
            Ok(q) => q.recv(),
            Err(_) => return,
        };
        let Ok((job, bytes)) = job else { return };
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
        if bytes > LARGE_PAGE_BYTES {
            // SAFETY: asks mimalloc (the binary's allocator) to free what this thread's heap holds.
            unsafe { libmimalloc_sys::mi_collect(true) };
        }
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
