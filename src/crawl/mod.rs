//! The crawler library: polite, robots-respecting crawls with no printing.
//!
//! [`crawl`] takes plain [`CrawlOptions`] and seed URLs and streams each page
//! record through a callback as it is done, so callers (the CLI, the worker's
//! scrape handlers) print or store pages without holding the whole crawl.

mod cache;
mod content;
mod credentials;
mod engine;
mod extract;
mod fetch;
mod frontier;
mod guard;
mod parse;
mod politeness;
mod render;
mod robots;
mod sitemap;
mod task;

use std::net::SocketAddr;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Duration;

use regex::Regex;
use serde::Serialize;
use url::Url;

pub use cache::CacheError;
pub use content::{Chunk, ChunkError, ChunkSpec, ChunkUnit, ContentMode, ContentOptions};
pub use credentials::redact;
use credentials::Credentials;
pub use engine::Limit;
pub use extract::local_page;
pub use guard::{is_public, GuardError};
pub use render::{find_browser, BrowserError, RenderMode, RenderOptions};
pub use robots::product_token;

/// Everything a crawl needs to know.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Fetch only the seeds (redirects are still followed).
    pub single_page: bool,
    /// Pages fetched at most (redirect hops and retries of a page count once).
    pub max_pages: usize,
    /// Link depth from a seed (seeds are depth 0).
    pub max_depth: u32,
    /// Only URLs whose path+query match one of these (seeds are exempt).
    pub include: Vec<Regex>,
    /// Never URLs whose path+query match one of these (wins over include).
    pub exclude: Vec<Regex>,
    /// Subdomains of the seeds' hosts are in scope too.
    pub include_subdomains: bool,
    /// Stop after this long.
    pub max_duration: Option<Duration>,
    /// Obey robots.txt (turn off only on the user's explicit request).
    pub respect_robots: bool,
    /// Queue the pages listed in the sitemaps robots.txt names (full crawls).
    pub sitemaps: bool,
    /// Requests in flight per host.
    pub host_concurrency: usize,
    /// Minimum time between request starts to one host (jitter only adds).
    pub delay: Duration,
    /// Requests in flight overall.
    pub concurrency: usize,
    /// The User-Agent header; its product token selects the robots group.
    pub user_agent: String,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Refresh cache file (ETag, Last-Modified, content hash per URL).
    pub cache: Option<PathBuf>,
    /// Ignore the cache's validators (the cache is still updated).
    pub force_refresh: bool,
    /// Refuse every request to a loopback, private, link-local or otherwise
    /// non-public address (for URLs from queue data).
    pub guard_private: bool,
    /// Host names pinned to addresses (tests, or a caller's own DNS).
    pub resolve: Vec<(String, SocketAddr)>,
    /// Links kept per page (the rest are neither recorded nor followed).
    pub max_links_per_page: usize,
    /// URLs queued per crawl from links and sitemaps (`None`: [`QUEUED_PER_PAGE`]
    /// times the page budget).
    pub max_queued: Option<usize>,
    /// Sitemap files fetched per crawl.
    pub max_sitemaps: usize,
    /// Sitemap entries read per crawl, over all files.
    pub max_sitemap_urls: usize,
    /// Main content or all text, Markdown, chunks.
    pub content: ContentOptions,
    /// Whether and how pages are rendered in a browser first.
    pub render: RenderOptions,
}

/// Links kept per page by default.
pub const MAX_LINKS_PER_PAGE: usize = 5_000;
/// URLs queued per page of budget by default: only URLs robots.txt refuses
/// leave the queue without spending budget, so more would never be fetched.
pub const QUEUED_PER_PAGE: usize = 10;
/// Sitemap files fetched per crawl by default.
pub const MAX_SITEMAPS: usize = 100;
/// Sitemap entries read per crawl by default (one full file, per sitemaps.org).
pub const MAX_SITEMAP_URLS: usize = 50_000;

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions {
            single_page: false,
            max_pages: 100,
            max_depth: 10,
            include: Vec::new(),
            exclude: Vec::new(),
            include_subdomains: false,
            max_duration: None,
            respect_robots: true,
            sitemaps: true,
            host_concurrency: 2,
            delay: Duration::from_millis(500),
            concurrency: 16,
            user_agent: default_user_agent(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            cache: None,
            force_refresh: false,
            guard_private: false,
            resolve: Vec::new(),
            max_links_per_page: MAX_LINKS_PER_PAGE,
            max_queued: None,
            max_sitemaps: MAX_SITEMAPS,
            max_sitemap_urls: MAX_SITEMAP_URLS,
            content: ContentOptions::default(),
            render: RenderOptions::default(),
        }
    }
}

/// `queuectl/<version> (+<homepage>)`.
pub fn default_user_agent() -> String {
    format!(
        "queuectl/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_HOMEPAGE")
    )
}

/// One fetched page (the end of its redirect chain).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub url: String,
    pub final_url: String,
    pub status: Option<u16>,
    pub content_type: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub author: Option<String>,
    /// ISO 8601.
    pub published_at: Option<String>,
    pub site_name: Option<String>,
    /// The lead image (og:image or JSON-LD), absolute.
    pub image: Option<String>,
    /// The main content (or, with `ContentMode::Full`, every visible string).
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chunks: Option<Vec<Chunk>>,
    pub links: Vec<String>,
    pub word_count: usize,
    pub content_hash: Option<String>,
    pub depth: u32,
    pub fetch_ms: u64,
    pub bytes: u64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unchanged: bool,
    /// The page had more than `max_links_per_page` links; `links` has the first ones.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub links_truncated: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
    pub error: Option<String>,
    /// The fields come from the DOM after the page's scripts ran.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rendered: bool,
}

/// Progress after each page.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub done: usize,
    pub budget: usize,
    pub frontier: usize,
    pub host: String,
}

/// What the crawl reports as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    Page(&'a Page),
    Progress(Progress),
    /// Something the user should know (robots unreachable, Crawl-delay capped).
    Warning(&'a str),
    /// A bound was reached for the first time (later hits are only counted).
    LimitReached {
        limit: Limit,
        max: usize,
    },
}

/// How one origin's robots.txt turned out.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RobotsOutcome {
    pub origin: String,
    /// `parsed`, `allow-all` or `unreachable`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crawl_delay_ms: Option<u64>,
}

/// A URL and why it was not fetched (robots.txt, or a failed seed).
#[derive(Debug, Clone, Serialize)]
pub struct UrlIssue {
    pub url: String,
    pub reason: String,
}

/// A crawl bound that was reached: its value and how often it cut something
/// (pages whose links were cut, URLs not queued, sitemap files not fetched,
/// sitemap entries not read).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LimitHit {
    pub max: usize,
    pub hits: usize,
}

/// The bounds a crawl reached (named as `CrawlOptions` names them); only the ones reached are present.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_links_per_page: Option<LimitHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_queued: Option<LimitHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_sitemaps: Option<LimitHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_sitemap_urls: Option<LimitHit>,
}

/// The crawl's totals.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrawlReport {
    pub fetched: usize,
    pub failed: usize,
    pub blocked_by_robots: usize,
    pub out_of_scope: usize,
    pub unchanged: usize,
    pub bytes: u64,
    pub duration_ms: u64,
    pub pages_per_sec: f64,
    /// Seeds that could not be fetched or that robots refused.
    pub failed_seeds: Vec<UrlIssue>,
    pub blocked: Vec<UrlIssue>,
    /// Requests the private-network guard refused (the first 100).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<UrlIssue>,
    /// Requests that rendered pages' scripts, styles or frames made and the
    /// guard refused (the first 100); the pages themselves are kept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_requests_refused: Vec<UrlIssue>,
    pub robots: Vec<RobotsOutcome>,
    pub warnings: Vec<String>,
    /// The bounds that cut the crawl short somewhere.
    pub limits: Limits,
    /// Why the crawl ended early (duration reached, stopped by the caller).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
}

/// Why a crawl could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    #[error("invalid URL '{0}': {1}")]
    InvalidUrl(String, String),
    #[error("building the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Browser(#[from] BrowserError),
}

/// Parses a seed: an absolute http or https URL. Its `user:pass@`, if any,
/// is kept for the crawl's requests and left out of everything it reports.
pub fn parse_seed(text: &str) -> Result<Url, CrawlError> {
    let url = Url::parse(text.trim());
    let shown = url.as_ref().map_or_else(|_| text.to_string(), redact);
    let bad = |why: &str| CrawlError::InvalidUrl(shown.clone(), why.to_string());
    let url = url.map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("only http and https URLs can be crawled"));
    }
    let normal = frontier::normalise(url.clone()).ok_or_else(|| bad("the URL has no host"))?;
    Ok(Credentials::from_seeds(&[url]).apply(&normal))
}

/// Crawls from `seeds`, calling `on_event` with each page and progress update;
/// the callback returns `ControlFlow::Break` to stop the crawl early.
pub async fn crawl(
    opts: &CrawlOptions,
    seeds: &[Url],
    on_event: impl FnMut(Event<'_>) -> ControlFlow<()>,
) -> Result<CrawlReport, CrawlError> {
    engine::run(opts, seeds, on_event).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_must_be_http_urls() {
        assert!(parse_seed("https://Example.com").is_ok());
        assert!(matches!(
            parse_seed("ftp://x"),
            Err(CrawlError::InvalidUrl(..))
        ));
        assert!(parse_seed("example.com").is_err());
        assert!(default_user_agent().starts_with("queuectl/"));
    }
}
