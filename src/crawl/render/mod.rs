//! JavaScript rendering: one headless Chromium per crawl, pages in tabs, every
//! request the page makes checked by the crawl's own rules (private-network
//! guard, robots.txt of the page's origin, no images, media or fonts unless
//! asked), and the rendered DOM handed to the same extraction as static HTML.

mod browser;
mod shell;
mod tab;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, Semaphore};
use url::Url;

use super::fetch::Fetcher;
use super::robots::Rules;
use super::{redact, CrawlOptions, UrlIssue};
use browser::Instance;
pub use browser::{find_browser, BrowserError};
pub use shell::looks_like_shell;

/// Refused page requests listed in the report (all are refused).
const MAX_REFUSALS_LISTED: usize = 100;

/// When pages are rendered in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenderMode {
    /// Static HTML only.
    #[default]
    Never,
    /// Only pages whose static HTML looks like an application shell.
    Auto,
    /// Every HTML page.
    Always,
}

/// How pages are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    pub mode: RenderMode,
    /// The browser executable (`None`: looked up on PATH).
    pub browser: Option<PathBuf>,
    /// The longest wait for the network to go quiet after the page loads.
    pub wait: Duration,
    /// Tabs rendering at once.
    pub concurrency: usize,
    /// Load images, media and fonts too.
    pub load_images: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            mode: RenderMode::Never,
            browser: None,
            wait: Duration::from_secs(5),
            concurrency: 4,
            load_images: false,
        }
    }
}

/// What a page's static fetch gives the browser: the document is served from
/// it, so the page URL is fetched once, by the crawler's own client.
pub(super) struct Document<'a> {
    pub url: &'a Url,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
    /// The robots.txt rules of the page's origin (its sub-resources obey them).
    pub rules: Option<Rc<Rules>>,
}

/// The rendered page.
pub(super) struct Rendered {
    pub html: String,
    /// The DOM was longer than the body bound and was cut.
    pub truncated: bool,
}

/// The crawl's browser: started on the first page that needs it, restarted
/// when it dies, killed (with every process it started) when dropped.
pub(super) struct Renderer {
    exe: PathBuf,
    opts: RenderOptions,
    /// Pinned host names, passed on to Chromium's resolver.
    pinned: Vec<(String, std::net::SocketAddr)>,
    user_agent: String,
    fetcher: Fetcher,
    guard: bool,
    tabs: Semaphore,
    instance: Mutex<Option<Arc<Instance>>>,
    refused: RefCell<Vec<UrlIssue>>,
}

impl Renderer {
    pub fn new(exe: PathBuf, crawl: &CrawlOptions, fetcher: Fetcher) -> Self {
        let opts = &crawl.render;
        Renderer {
            exe,
            opts: opts.clone(),
            pinned: crawl.resolve.clone(),
            user_agent: crawl.user_agent.clone(),
            guard: crawl.guard_private,
            fetcher,
            tabs: Semaphore::new(opts.concurrency.max(1)),
            instance: Mutex::new(None),
            refused: RefCell::default(),
        }
    }

    /// The requests of rendered pages that the guard refused (the first ones).
    pub fn refusals(&self) -> Vec<UrlIssue> {
        self.refused.borrow().clone()
    }

    fn record_refusal(&self, url: &Url, reason: String) {
        let mut refused = self.refused.borrow_mut();
        if refused.len() < MAX_REFUSALS_LISTED {
            refused.push(UrlIssue {
                url: redact(url),
                reason,
            });
        }
    }

    /// Renders one page in a tab, restarting the browser once if it died.
    pub async fn render(&self, doc: &Document<'_>) -> Result<Rendered, String> {
        let _tab = self.tabs.acquire().await.map_err(|e| e.to_string())?;
        let mut last = String::new();
        for _ in 0..2 {
            let instance = self.instance().await?;
            match tab::render(&instance, self, doc).await {
                Ok(r) => return Ok(r),
                Err(tab::TabError::Page(e)) => return Err(e),
                Err(tab::TabError::Browser(e)) => {
                    last = e;
                    self.discard(&instance).await;
                }
            }
        }
        Err(format!("the browser failed twice: {last}"))
    }

    async fn instance(&self) -> Result<Arc<Instance>, String> {
        let mut slot = self.instance.lock().await;
        if let Some(i) = slot.as_ref().filter(|i| i.alive()) {
            return Ok(i.clone());
        }
        *slot = None;
        let how = browser::Launch {
            user_agent: &self.user_agent,
            pinned: &self.pinned,
            offline: self.guard,
        };
        let launched = Instance::launch(&self.exe, &how)
            .await
            .map_err(|e| e.to_string())?;
        let launched = Arc::new(launched);
        *slot = Some(launched.clone());
        Ok(launched)
    }

    /// Forgets a browser that failed, so the next page starts a new one.
    async fn discard(&self, failed: &Arc<Instance>) {
        let mut slot = self.instance.lock().await;
        if slot.as_ref().is_some_and(|i| Arc::ptr_eq(i, failed)) {
            *slot = None;
        }
    }
}
