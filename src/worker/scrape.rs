//! The scrape handlers (`single-page`, `full-crawl`, `refresh`, and
//! `scrape-website` with `data.type`): run the crawl library on `data.url` and
//! turn its progress into the job's progress.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bullmq::Job;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use tokio::sync::mpsc;

use super::deliver::{self, Delivery, Source};
use super::handlers::{send_progress, JobContext};
use super::usage;
use crate::crawl::{
    self, ChunkSpec, ChunkUnit, ContentMode, ContentOptions, CrawlOptions, Event as CrawlEvent,
    Page,
};
use crate::queues::job_metrics::JobMetrics;
use crate::queues::vocab::ScrapeKind as Kind;

/// Pages are returned with the result while their JSON stays under this size;
/// beyond it the result carries the summary only (`pagesOmitted: true`).
const MAX_RESULT_PAGES_BYTES: usize = 1 << 20;
/// The default page budget of a full crawl, as in the existing system.
const DEFAULT_MAX_PAGES: u64 = 100;

/// The scrape kind of a job: its name, and `data.type` for `scrape-website`.
pub fn kind_of(name: &str, data: &Value) -> Option<Kind> {
    Kind::of(name, data.get("type").and_then(Value::as_str))
}

/// Settings of the worker that apply to every scrape job.
#[derive(Debug, Clone, Default)]
pub struct ScrapeSettings {
    /// Crawl loopback, private and link-local addresses (off: such URLs are refused).
    pub allow_private_networks: bool,
    /// Where pages go instead of the return value (`--pages-dir`, `--forward`).
    pub delivery: Delivery,
}

/// What the crawl thread hands back: the report, the pages, and its CPU time.
type Crawled = (
    Result<crawl::CrawlReport, String>,
    Vec<Page>,
    Option<Duration>,
);

/// Runs a scrape job; `metrics` gets the crawl thread's CPU time.
pub async fn run(
    kind: Kind,
    job: &mut Job,
    ctx: &JobContext,
    metrics: &mut JobMetrics,
) -> Result<Value, bullmq::Error> {
    let settings = &ctx.scrape;
    let data = job.data().clone();
    let url = data
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| unrecoverable("data.url is missing"))?;
    let seed = crawl::parse_seed(url).map_err(|e| unrecoverable(&e.to_string()))?;
    // Shown in messages: the URL without its password.
    let url = &crawl::redact(&seed);
    let mut opts = options(kind, &data, settings);
    opts.content = content_options(&data).map_err(|e| unrecoverable(&e))?;
    report(job, ctx, 0.0, "fetching robots.txt").await;
    let (tx, mut rx) = mpsc::unbounded_channel::<(f64, String)>();
    let stop = StopOnDrop(Arc::new(AtomicBool::new(false)));
    let crawling = spawn_crawl(opts, seed, tx, stop.0.clone());
    tokio::pin!(crawling);
    let mut last = -1.0;
    let (result, pages, cpu) = loop {
        tokio::select! {
            done = &mut crawling => break done.map_err(|e| bullmq::Error::ProcessingError(e.to_string()))?,
            Some((percent, message)) = rx.recv() => {
                if percent > last {
                    last = percent;
                    report(job, ctx, percent, &message).await;
                }
            }
        }
    };
    drop(stop);
    metrics.cpu_ms = cpu.map(|d| d.as_millis() as u64);
    let summary = result.map_err(bullmq::Error::ProcessingError)?;
    if let Some(refused) = summary.refused.first() {
        return Err(unrecoverable(&format!(
            "refused a request to {}: {}",
            refused.url, refused.reason
        )));
    }
    if let Some(status) = seed_auth_failure(&pages) {
        return Err(unrecoverable(&format!(
            "{url} answered HTTP {status}: not authorised to scrape it"
        )));
    }
    if let Some(failed) = summary.failed_seeds.first() {
        return Err(bullmq::Error::ProcessingError(format!(
            "{}: {}",
            failed.url, failed.reason
        )));
    }
    let delivered = if settings.delivery.is_on() {
        let source = Source {
            queue: &ctx.queue,
            job_id: job.id(),
            data: &data,
        };
        Some(deliver::deliver(&settings.delivery, &ctx.redis, &source, &pages).await?)
    } else {
        None
    };
    report(job, ctx, 100.0, "Complete").await;
    Ok(result_json(&summary, pages, delivered))
}

/// Runs the crawl on its own thread and single-threaded runtime: the crawl
/// engine is not `Send` (one task drives all its requests), while a BullMQ
/// processor must be. Progress comes back through `progress`; setting `stop`
/// ends the crawl early (the job timed out or was cancelled).
fn spawn_crawl(
    opts: CrawlOptions,
    seed: url::Url,
    progress: mpsc::UnboundedSender<(f64, String)>,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<Crawled> {
    tokio::task::spawn_blocking(move || {
        // The crawl has this thread to itself, so its CPU time is the job's.
        let cpu_start = usage::thread_cpu();
        let cpu = move || Some(usage::thread_cpu()?.saturating_sub(cpu_start?));
        let mut pages: Vec<Page> = Vec::new();
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => return (Err(e.to_string()), pages, cpu()),
        };
        let on_event = |event: CrawlEvent<'_>| {
            match event {
                CrawlEvent::Page(page) => pages.push(page.clone()),
                CrawlEvent::Progress(p) => {
                    // 100 is kept for the end, when the result is ready.
                    let percent = (p.done as f64 * 99.0 / p.budget.max(1) as f64)
                        .min(99.0)
                        .floor();
                    let message = format!("{} of {} pages ({})", p.done, p.budget, p.host);
                    let _ = progress.send((percent, message));
                }
                CrawlEvent::Warning(_) => {}
            }
            if stop.load(Ordering::Relaxed) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let report = runtime.block_on(crawl::crawl(&opts, std::slice::from_ref(&seed), on_event));
        (report.map_err(|e| e.to_string()), pages, cpu())
    })
}

/// Tells the crawl thread to stop when the job's future is dropped.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn options(kind: Kind, data: &Value, settings: &ScrapeSettings) -> CrawlOptions {
    let max_pages = data
        .get("maxPages")
        .and_then(Value::as_u64)
        .unwrap_or(DEFAULT_MAX_PAGES)
        .max(1);
    CrawlOptions {
        single_page: kind != Kind::FullCrawl,
        max_pages: if kind == Kind::FullCrawl {
            max_pages as usize
        } else {
            1
        },
        respect_robots: data
            .get("respectRobots")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        force_refresh: data
            .get("forceRefresh")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        guard_private: !settings.allow_private_networks,
        ..CrawlOptions::default()
    }
}

/// What the page records carry, from the job data: `content` (`main` or
/// `full`), `markdown` (a boolean), `chunkSize` with `chunkOverlap` and
/// `chunkUnit` (`chars` or `tokens`, counted in cl100k_base), as `crawl`'s flags.
fn content_options(data: &Value) -> Result<ContentOptions, String> {
    let mode = match data.get("content") {
        None => ContentMode::default(),
        Some(v) => ContentMode::deserialize(v).map_err(|e| format!("data.content: {e}"))?,
    };
    let unit = match data.get("chunkUnit").and_then(Value::as_str) {
        None | Some("chars") => ChunkUnit::Chars,
        Some("tokens") => ChunkUnit::Cl100kBase,
        Some(other) => {
            return Err(format!(
                "data.chunkUnit '{other}': expected chars or tokens"
            ))
        }
    };
    let size = |key: &str| data.get(key).and_then(Value::as_u64).map(|n| n as usize);
    let chunks = match size("chunkSize") {
        Some(n) => Some(
            ChunkSpec::new(n, size("chunkOverlap").unwrap_or(0), unit)
                .map_err(|e| format!("data.chunkSize: {e}"))?,
        ),
        None => None,
    };
    Ok(ContentOptions {
        mode,
        markdown: data
            .get("markdown")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        chunks,
    })
}

/// HTTP 401/403 on a seed means the site refuses us: retrying cannot help.
fn seed_auth_failure(pages: &[Page]) -> Option<u16> {
    pages
        .iter()
        .filter(|p| p.depth == 0)
        .filter_map(|p| p.status)
        .find(|s| matches!(s, 401 | 403))
}

/// The summary, and the pages (under 1 MiB) or where `delivered` put them.
fn result_json(
    summary: &crawl::CrawlReport,
    pages: Vec<Page>,
    delivered: Option<Map<String, Value>>,
) -> Value {
    let mut out = json!({
        "success": summary.failed_seeds.is_empty(),
        "pagesProcessed": summary.fetched,
        "pagesFailed": summary.failed,
        "blockedByRobots": summary.blocked_by_robots,
        "outOfScope": summary.out_of_scope,
        "unchanged": summary.unchanged,
        "bytes": summary.bytes,
        "durationMs": summary.duration_ms,
    });
    if let Some(fields) = delivered {
        for (key, value) in fields {
            out[key.as_str()] = value;
        }
        return out;
    }
    let pages = serde_json::to_value(&pages).unwrap_or(Value::Null);
    if pages.to_string().len() <= MAX_RESULT_PAGES_BYTES {
        out["pages"] = pages;
    } else {
        out["pagesOmitted"] = json!(true);
    }
    out
}

async fn report(job: &mut Job, ctx: &JobContext, percent: f64, message: &str) {
    let value = json!({ "percent": percent as i64, "message": message });
    send_progress(job, ctx, value).await;
}

fn unrecoverable(message: &str) -> bullmq::Error {
    bullmq::Error::Unrecoverable(message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names_and_data_type() {
        assert_eq!(kind_of("full-crawl", &json!({})), Some(Kind::FullCrawl));
        assert_eq!(
            kind_of("scrape-website", &json!({"type": "refresh"})),
            Some(Kind::Refresh)
        );
        assert_eq!(kind_of("scrape-website", &json!({})), Some(Kind::FullCrawl));
        assert_eq!(kind_of("echo", &json!({})), None);
    }

    #[test]
    fn content_options_follow_the_job_data() {
        let o = content_options(&json!({"content": "full", "markdown": true, "chunkSize": 500, "chunkOverlap": 50, "chunkUnit": "tokens"})).unwrap();
        assert_eq!(o.mode, ContentMode::Full);
        assert!(o.markdown);
        assert_eq!(
            o.chunks,
            Some(ChunkSpec::new(500, 50, ChunkUnit::Cl100kBase).unwrap())
        );
        assert_eq!(
            content_options(&json!({})).unwrap(),
            ContentOptions::default()
        );
        assert!(content_options(&json!({"content": "all"})).is_err());
        assert!(content_options(&json!({"chunkSize": 10, "chunkOverlap": 10})).is_err());
    }

    #[test]
    fn options_follow_the_job_data() {
        let o = options(
            Kind::FullCrawl,
            &json!({"maxPages": 7, "respectRobots": false}),
            &ScrapeSettings::default(),
        );
        assert_eq!(
            (
                o.max_pages,
                o.single_page,
                o.respect_robots,
                o.guard_private
            ),
            (7, false, false, true)
        );
        let s = options(
            Kind::SinglePage,
            &json!({}),
            &ScrapeSettings {
                allow_private_networks: true,
                ..ScrapeSettings::default()
            },
        );
        assert_eq!(
            (s.max_pages, s.single_page, s.guard_private),
            (1, true, false)
        );
    }
}
