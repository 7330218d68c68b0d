//! `queuectl crawl`: crawl here and stream pages out, or `--enqueue` a scrape job.

use std::ops::ControlFlow;

use anyhow::Context;
use regex::Regex;
use serde_json::json;
use url::Url;

use super::{extract::content_options, wait, Ctx};
use crate::cli::{CrawlArgs, CrawlFormat, RenderArg, RenderArgs};
use crate::crawl::{
    self, CrawlOptions, CrawlReport, Event, Limit, Limits, Page, RenderMode, RenderOptions,
};
use crate::error::{usage, Exit};
use crate::output::{page_markdown, DataSink, Printer, Progress};
use crate::queues::add;
use crate::queues::input::{self, JobOptionValues};
use crate::queues::vocab::{ScrapeJobData, ScrapeKind};
use crate::queues::wait::Waiter;

/// Runs the command.
pub async fn run(ctx: &Ctx, args: CrawlArgs) -> anyhow::Result<Exit> {
    if args.wait.wait && !args.enqueue {
        return usage("--wait follows the job that --enqueue adds; add --enqueue");
    }
    let seeds = parse_seeds(&args.urls)?;
    if args.enqueue {
        return enqueue(ctx, &args, &seeds).await;
    }
    let opts = options(&args)?;
    return_freed_memory_soon();
    if args.ignore_robots {
        ctx.out
            .warn("--ignore-robots: robots.txt is neither fetched nor obeyed");
    }
    let budget = if args.single_page {
        seeds.len()
    } else {
        args.max_pages
    };
    let mut pages = Pages::new(&ctx.out, &args, budget)?;
    let crawling = crawl::crawl(&opts, &seeds, |event| pages.on_event(event));
    let result = if opts.render.mode == RenderMode::Never {
        crawling.await
    } else {
        // Dropping the crawl kills its browser, which a signal's default would orphan.
        tokio::select! {
            r = crawling => r,
            () = super::serve::stop_signal() => return Ok(Exit::Interrupted),
        }
    };
    pages.bar.finish();
    let report = result.context("crawling")?;
    pages.finish(&report)?;
    summary(&ctx.out, &report);
    Ok(if report.failed_seeds.is_empty() {
        Exit::Ok
    } else {
        Exit::SeedFailed
    })
}

/// mimalloc's `mi_option_purge_delay` (its number in `mi_option_e`, v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory is kept for reuse. A crawl frees each parsed page
/// within milliseconds, hundreds of times a second; mimalloc keeps freed
/// memory for 1 s by default, which made up half of a crawl's peak RSS
/// (python3-doc at concurrency 16: 136 MB). Returned at once, every page's
/// memory was faulted in afresh (a fifth of the crawl's CPU); 100 ms, with
/// large pages' memory returned at once by the parse threads, keeps both
/// low (python3-doc: 1.15 s instead of 1.3, 70 MB instead of 60).
const PURGE_DELAY_MS: std::os::raw::c_long = 100;

fn return_freed_memory_soon() {
    // SAFETY: sets one of mimalloc's integer options, which it reads atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

fn parse_seeds(urls: &[String]) -> anyhow::Result<Vec<Url>> {
    urls.iter()
        .map(|u| crawl::parse_seed(u).or_else(|e| usage(e.to_string())))
        .collect()
}

fn regexes(patterns: &[String], flag: &str) -> anyhow::Result<Vec<Regex>> {
    patterns
        .iter()
        .map(|p| Regex::new(p).or_else(|e| usage(format!("{flag} '{p}': {e}"))))
        .collect()
}

fn options(args: &CrawlArgs) -> anyhow::Result<CrawlOptions> {
    Ok(CrawlOptions {
        single_page: args.single_page,
        max_pages: args.max_pages,
        max_depth: args.max_depth,
        include: regexes(&args.include, "--include")?,
        exclude: regexes(&args.exclude, "--exclude")?,
        include_subdomains: args.include_subdomains,
        max_duration: args.max_duration,
        respect_robots: !args.ignore_robots,
        sitemaps: !args.no_sitemaps,
        host_concurrency: args.host_concurrency.max(1),
        delay: args.delay,
        concurrency: args.concurrency.max(1),
        user_agent: args.user_agent.clone(),
        connect_timeout: args.http_connect_timeout,
        request_timeout: args.request_timeout,
        cache: args.cache.clone(),
        force_refresh: args.force_refresh,
        guard_private: args.deny_private_networks,
        max_links_per_page: args.max_links_per_page,
        max_queued: args.max_queued,
        max_sitemaps: args.max_sitemaps,
        max_sitemap_urls: args.max_sitemap_urls,
        content: content_options(&args.content, args.output),
        render: render_options(&args.render),
        ..CrawlOptions::default()
    })
}

/// The rendering flags as the crawl library takes them (`crawl` and `worker`).
pub(super) fn render_options(args: &RenderArgs) -> RenderOptions {
    RenderOptions {
        mode: match args.render {
            RenderArg::Never => RenderMode::Never,
            RenderArg::Auto => RenderMode::Auto,
            RenderArg::Always => RenderMode::Always,
        },
        browser: args.browser.clone(),
        wait: args.render_wait,
        concurrency: args.render_concurrency.max(1),
        load_images: args.render_images,
    }
}

/// Writes pages as they arrive in the chosen format and drives the bar.
struct Pages<'a> {
    out: &'a Printer,
    sink: DataSink,
    format: CrawlFormat,
    /// Pages kept for `--output json`, which is one document at the end.
    kept: Vec<Page>,
    bar: Progress,
    error: Option<std::io::Error>,
}

impl<'a> Pages<'a> {
    fn new(out: &'a Printer, args: &CrawlArgs, budget: usize) -> anyhow::Result<Self> {
        let sink = out.sink(args.output_file.as_deref()).with_context(|| {
            let path = args.output_file.as_deref().unwrap_or("-".as_ref());
            format!("opening {}", path.display())
        })?;
        Ok(Pages {
            out,
            sink,
            format: args.output,
            kept: Vec::new(),
            bar: out.progress(budget as u64, "crawl"),
            error: None,
        })
    }

    fn on_event(&mut self, event: Event<'_>) -> ControlFlow<()> {
        let written = match event {
            Event::Page(page) => self.page(page),
            Event::Progress(p) => {
                self.bar.set(p.done as u64);
                self.bar
                    .message(format!("{} ({} queued)", p.host, p.frontier));
                Ok(())
            }
            Event::Warning(msg) => {
                self.out.warn(msg);
                Ok(())
            }
            Event::LimitReached { limit, max } => {
                self.out.warn(&format!(
                    "{} {max} reached: {}",
                    flag(limit),
                    limit.effect()
                ));
                Ok(())
            }
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                self.error = Some(e);
                ControlFlow::Break(())
            }
        }
    }

    fn page(&mut self, page: &Page) -> std::io::Result<()> {
        match self.format {
            CrawlFormat::Ndjson => self.sink.json_line(page),
            CrawlFormat::Json => {
                self.kept.push(page.clone());
                Ok(())
            }
            CrawlFormat::Markdown => self.sink.text(&page_markdown(page)),
        }
    }

    fn finish(mut self, report: &CrawlReport) -> anyhow::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e).context("writing pages");
        }
        match self.format {
            CrawlFormat::Json => {
                let doc = json!({ "pages": self.kept, "summary": report });
                self.sink.json_line(&doc)?;
            }
            CrawlFormat::Ndjson if self.out.is_json() => {
                self.sink.json_line(&json!({ "summary": report }))?;
            }
            CrawlFormat::Markdown if self.out.is_json() => {
                self.out.json(&json!({ "summary": report }))?;
            }
            _ => {}
        }
        self.sink.finish().context("writing pages")
    }
}

fn summary(out: &Printer, r: &CrawlReport) {
    let unchanged = if r.unchanged > 0 {
        format!(", {} unchanged", r.unchanged)
    } else {
        String::new()
    };
    out.note(&format!(
        "fetched {} pages ({} failed, {} blocked by robots.txt, {} out of scope{unchanged}), {} in {:.1}s ({} pages/s)",
        r.fetched,
        r.failed,
        r.blocked_by_robots,
        r.out_of_scope,
        human_bytes(r.bytes),
        r.duration_ms as f64 / 1000.0,
        r.pages_per_sec,
    ));
    let limits = limits_reached(&r.limits);
    if !limits.is_empty() {
        out.note(&format!("limits reached: {}", limits.join(", ")));
    }
    if let Some(why) = &r.stopped {
        out.note(&format!("stopped early: {why}"));
    }
    for seed in &r.failed_seeds {
        out.warn(&format!(
            "seed {} was not crawled: {}",
            seed.url, seed.reason
        ));
    }
    if let Some(first) = r.refused.first() {
        out.warn(&format!(
            "refused {} request(s) to non-public addresses, the first to {}: {}",
            r.refused.len(),
            first.url,
            first.reason
        ));
    }
}

/// `--flag N (hits×)` for each bound the crawl reached.
fn limits_reached(l: &Limits) -> Vec<String> {
    Limit::ALL
        .into_iter()
        .filter_map(|limit| {
            let hit = l.get(limit)?;
            Some(format!("{} {} ({}×)", flag(limit), hit.max, hit.hits))
        })
        .collect()
}

/// The flag that sets a crawl bound.
fn flag(limit: Limit) -> &'static str {
    match limit {
        Limit::LinksPerPage => "--max-links-per-page",
        Limit::Queued => "--max-queued",
        Limit::Sitemaps => "--max-sitemaps",
        Limit::SitemapUrls => "--max-sitemap-urls",
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// `--enqueue`: one scrape job for a worker, deduplicated per job type and host.
async fn enqueue(ctx: &Ctx, args: &CrawlArgs, seeds: &[Url]) -> anyhow::Result<Exit> {
    let [url] = seeds else {
        return usage("--enqueue takes exactly one URL");
    };
    let (name, data) = job_for(args, url);
    let host = url.host_str().unwrap_or_default();
    let dedup_ttl = Some(args.dedup_window.as_millis() as u64);
    let flags = JobOptionValues {
        priority: args.priority.value(),
        dedup: input::dedup(&format!("{name}:{host}"), dedup_ttl).ok(),
        ..JobOptionValues::default()
    };
    let data = serde_json::value::to_raw_value(&data).context("encoding the job data")?;
    let spec = input::single(name, data, &flags)?;
    ctx.check_queue(&spec.queue)?;
    let redis = ctx.redis().await?;
    // The stream position is taken before the add so no event of the job is missed.
    let waiter = if args.wait.wait {
        Some(Waiter::start(&redis, &spec.queue).await?)
    } else {
        None
    };
    let added = add::add_one(&redis, spec).await.context("adding the job")?;
    if added.deduplicated {
        ctx.out.warn(&format!(
            "deduplicated: job {} in {} already covers {name} for {host}, nothing added",
            added.id, added.queue
        ));
    }
    if let Some(waiter) = waiter {
        ctx.out.note(&format!(
            "job {} is in {}; waiting for it to finish",
            added.id, added.queue
        ));
        return wait::wait_for(ctx, &redis, waiter, &added.queue, &added.id, args.wait).await;
    }
    ctx.out.print(&added)?;
    Ok(Exit::Ok)
}

/// The job name and data the existing system's scrape queue expects.
fn job_for(args: &CrawlArgs, url: &Url) -> (&'static str, ScrapeJobData) {
    let mut data = ScrapeJobData {
        url: url.to_string(),
        customer_id: args
            .priority
            .customer
            .clone()
            .map(serde_json::Value::String),
        ..ScrapeJobData::default()
    };
    data.set_content(&content_options(&args.content, CrawlFormat::Ndjson));
    let render = render_options(&args.render).mode;
    data.render = (render != RenderMode::Never).then_some(render);
    let kind = if args.refresh {
        data.force_refresh = Some(args.force_refresh);
        ScrapeKind::Refresh
    } else {
        let (kind, max_pages) = if args.single_page {
            (ScrapeKind::SinglePage, 1)
        } else {
            (ScrapeKind::FullCrawl, args.max_pages)
        };
        data.max_pages = Some(max_pages as u64);
        data.respect_robots = Some(!args.ignore_robots);
        kind
    };
    (kind.job_name(), data)
}
