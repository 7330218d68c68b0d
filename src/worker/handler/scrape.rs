//! The scrape handlers (`single-page`, `full-crawl`, `refresh`, and
//! `scrape-website` with `data.type`): run the crawl library on `data.url` and
//! turn its progress into the job's progress.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bullmq::Job;
use serde_json::{json, Map, Value};
use tokio::sync::mpsc;

use crate::crawl::{self, CrawlOptions, Event as CrawlEvent, Page, RenderOptions};
use crate::queues::job_metrics::JobMetrics;
use crate::queues::vocab::{Progress, ScrapeJobData, ScrapeKind as Kind};
use crate::worker::context::{send_progress, JobContext};
use crate::worker::deliver::{self, Source};
use crate::worker::spec::ScrapeSettings;
use crate::worker::usage;

/// Pages are returned with the result while their JSON stays under this size;
/// beyond it the result carries the summary only (`pagesOmitted: true`).
const MAX_RESULT_PAGES_BYTES: usize = 1 << 20;
/// The default page budget of a full crawl, as in the existing system.
const DEFAULT_MAX_PAGES: u64 = 100;

/// The scrape kind of a job: its name, and `data.type` for `scrape-website`.
fn kind_of(name: &str, data: &ScrapeJobData) -> Option<Kind> {
    Kind::of(name, data.kind.as_deref())
}

/// What the crawl thread hands back: the report, the pages, and its CPU time.
type Crawled = (
    Result<crawl::CrawlReport, String>,
    Vec<Page>,
    Option<Duration>,
);

/// Runs a scrape job; `metrics` gets the crawl thread's CPU time.
pub async fn run(
    job: &mut Job,
    ctx: &JobContext,
    metrics: &mut JobMetrics,
) -> Result<Value, bullmq::Error> {
    let data = ScrapeJobData::from_job(job.data()).map_err(|e| unrecoverable(&e))?;
    let kind = kind_of(job.name(), &data)
        .ok_or_else(|| unrecoverable("data.type must be single-page, full-crawl or refresh"))?;
    let settings = &ctx.scrape;
    let seed = crawl::parse_seed(&data.url).map_err(|e| unrecoverable(&e.to_string()))?;
    // Shown in messages: the URL without its password.
    let url = &crawl::redact(&seed);
    let mut opts = options(kind, &data, settings);
    opts.content = data.content_options().map_err(|e| unrecoverable(&e))?;
    report(job, ctx, 0.0, "fetching robots.txt").await;
    let (tx, mut rx) = mpsc::unbounded_channel::<Progress>();
    let stop = StopOnDrop(Arc::new(AtomicBool::new(false)));
    let crawling = spawn_crawl(opts, seed, tx, stop.0.clone());
    tokio::pin!(crawling);
    let mut last = -1.0;
    let (result, pages, cpu) = loop {
        tokio::select! {
            done = &mut crawling => break done.map_err(|e| bullmq::Error::ProcessingError(e.to_string()))?,
            Some(progress) = rx.recv() => {
                let percent = progress.percent.unwrap_or(0.0);
                if percent > last {
                    last = percent;
                    send_progress(job, ctx, progress).await;
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
            data: job.data(),
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
    progress: mpsc::UnboundedSender<Progress>,
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
        let stopped = stop.clone();
        let on_event = |event: CrawlEvent<'_>| {
            match event {
                CrawlEvent::Page(page) => pages.push(page.clone()),
                CrawlEvent::Progress(p) => {
                    // 100 is kept for the end, when the result is ready.
                    let percent = (p.done as f64 * 99.0 / p.budget.max(1) as f64)
                        .min(99.0)
                        .floor();
                    let message = format!("{} of {} pages ({})", p.done, p.budget, p.host);
                    let _ = progress.send(Progress::at(percent, Some(message)));
                }
                CrawlEvent::Warning(_) | CrawlEvent::LimitReached { .. } => {}
            }
            if stop.load(Ordering::Relaxed) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let report = runtime.block_on(async {
            let crawling = crawl::crawl(&opts, std::slice::from_ref(&seed), on_event);
            // Between pages too: dropping the crawl kills its browser at once,
            // so neither a long render nor a browser outlives the job.
            tokio::select! {
                report = crawling => report.map_err(|e| e.to_string()),
                () = until_set(&stopped) => Err("stopped".to_string()),
            }
        });
        (report, pages, cpu())
    })
}

/// Resolves once `flag` is set (checked every 100 ms).
async fn until_set(flag: &AtomicBool) {
    while !flag.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Tells the crawl thread to stop when the job's future is dropped.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn options(kind: Kind, data: &ScrapeJobData, settings: &ScrapeSettings) -> CrawlOptions {
    let max_pages = data.max_pages.unwrap_or(DEFAULT_MAX_PAGES).max(1);
    CrawlOptions {
        single_page: kind != Kind::FullCrawl,
        max_pages: if kind == Kind::FullCrawl {
            max_pages as usize
        } else {
            1
        },
        respect_robots: data.respect_robots.unwrap_or(true),
        force_refresh: data.force_refresh.unwrap_or(false),
        guard_private: !settings.allow_private_networks,
        render: RenderOptions {
            mode: data.render.unwrap_or(settings.render.mode),
            ..settings.render.clone()
        },
        ..CrawlOptions::default()
    }
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
    if !summary.page_requests_refused.is_empty() {
        out["pageRequestsRefused"] = json!(summary.page_requests_refused);
    }
    if let Some(fields) = delivered {
        for (key, value) in fields {
            out[key.as_str()] = value;
        }
        return out;
    }
    if json_fits(&pages, MAX_RESULT_PAGES_BYTES) {
        out["pages"] = serde_json::to_value(&pages).unwrap_or(Value::Null);
    } else {
        out["pagesOmitted"] = json!(true);
    }
    out
}

/// Whether `value`'s JSON is at most `limit` bytes, counted without keeping
/// it and given up as soon as it passes the limit.
fn json_fits(value: &impl serde::Serialize, limit: usize) -> bool {
    struct Budget(usize);
    impl std::io::Write for Budget {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 = self
                .0
                .checked_sub(buf.len())
                .ok_or(std::io::ErrorKind::WriteZero)?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer(Budget(limit), value).is_ok()
}

async fn report(job: &mut Job, ctx: &JobContext, percent: f64, message: &str) {
    send_progress(job, ctx, Progress::at(percent, Some(message.to_string()))).await;
}

fn unrecoverable(message: &str) -> bullmq::Error {
    bullmq::Error::Unrecoverable(message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::{ChunkSpec, ChunkUnit, ContentMode, ContentOptions};

    fn data(value: Value) -> ScrapeJobData {
        ScrapeJobData::from_job(&value).unwrap()
    }

    #[test]
    fn kinds_from_names_and_data_type() {
        assert_eq!(
            kind_of("full-crawl", &data(json!({"url": "u"}))),
            Some(Kind::FullCrawl)
        );
        assert_eq!(
            kind_of(
                "scrape-website",
                &data(json!({"url": "u", "type": "refresh"}))
            ),
            Some(Kind::Refresh)
        );
        assert_eq!(
            kind_of("scrape-website", &data(json!({"url": "u"}))),
            Some(Kind::FullCrawl)
        );
        assert_eq!(kind_of("echo", &data(json!({"url": "u"}))), None);
    }

    #[test]
    fn wrongly_typed_fields_are_named() {
        let err = |v: Value| ScrapeJobData::from_job(&v).unwrap_err();
        assert!(err(json!({"url": "u", "maxPages": "5"}))
            .starts_with("data.maxPages: invalid type: string \"5\""));
        assert!(err(json!({})).starts_with("data: missing field `url`"));
        assert!(err(json!({"url": "u", "chunkUnit": "words"}))
            .starts_with("data.chunkUnit: unknown variant `words`"));
        // Fields the worker does not read, and a numeric customer id, are accepted.
        assert_eq!(
            data(json!({"url": "u", "customerId": 7, "extra": [1]})).customer_id,
            Some(json!(7))
        );
    }

    #[test]
    fn content_options_follow_the_job_data() {
        let o = data(json!({"url": "u", "content": "full", "markdown": true, "chunkSize": 500, "chunkOverlap": 50, "chunkUnit": "tokens"})).content_options().unwrap();
        assert_eq!(o.mode, ContentMode::Full);
        assert!(o.markdown);
        assert_eq!(
            o.chunks,
            Some(ChunkSpec::new(500, 50, ChunkUnit::Cl100kBase).unwrap())
        );
        assert_eq!(
            data(json!({"url": "u"})).content_options().unwrap(),
            ContentOptions::default()
        );
        assert!(ScrapeJobData::from_job(&json!({"url": "u", "content": "all"})).is_err());
        assert!(
            data(json!({"url": "u", "chunkSize": 10, "chunkOverlap": 10}))
                .content_options()
                .is_err()
        );
    }

    #[test]
    fn options_follow_the_job_data() {
        let o = options(
            Kind::FullCrawl,
            &data(json!({"url": "u", "maxPages": 7, "respectRobots": false})),
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
            &data(json!({"url": "u"})),
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

    #[test]
    fn result_pages_are_measured_up_to_the_limit() {
        assert!(json_fits(&json!(["abc"]), 7));
        assert!(!json_fits(&json!(["abc"]), 6));
    }
}
