//! The crawl loop: picks the next polite request, runs fetches concurrently,
//! follows redirects, retries, queues discovered links and emits page records.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::rc::Rc;
use std::time::{Duration, Instant};

use futures::stream::{FuturesUnordered, StreamExt};
use url::Url;

use super::cache::{Cache, Entry};
use super::credentials::{self, Credentials};
use super::fetch::{self, ClientOptions, FetchError, Fetcher, Response};
use super::frontier::{self, Frontier, Job, Offer, Scope};
use super::parse::Parser;
use super::politeness::{self, Politeness};
use super::render::{self, RenderMode, Renderer};
use super::robots::{self, Rules};
use super::sitemap::Allowance;
use super::task::{self, Done, Fetched, RenderWith, Task};
use super::{
    CrawlError, CrawlOptions, CrawlReport, Event, Page, Progress, UrlIssue, QUEUED_PER_PAGE,
};
pub use limits::Limit;

mod discovery;
mod limits;

/// Retries after the first attempt, for network errors, 429 and 5xx.
const MAX_RETRIES: u32 = 2;
/// Redirect hops followed per page.
const MAX_REDIRECTS: usize = 10;
/// UrlIssue URLs listed in the report (all are counted).
const MAX_BLOCKED_LISTED: usize = 1000;

enum RobotsState {
    Pending,
    /// Shared with the pages in flight, whose rendered sub-resources obey them.
    Ready(Rc<Rules>),
}

/// What trying one origin did.
enum Step {
    /// Something changed (a request started, a job was dropped).
    Moved,
    /// Nothing to do until this time (`None`: until a request finishes).
    Wait(Option<Instant>),
}

struct Engine<'o, F> {
    opts: &'o CrawlOptions,
    fetcher: Fetcher,
    parser: Parser,
    token: String,
    budget: usize,
    max_queued: usize,
    frontier: Frontier,
    sitemap_allowance: Allowance,
    scope: Scope,
    polite: Politeness,
    robots: HashMap<String, RobotsState>,
    cache: Option<Cache>,
    /// The crawl's browser (`None`: static HTML only).
    renderer: Option<Rc<Renderer>>,
    pending_seeds: HashSet<String>,
    report: CrawlReport,
    done: usize,
    stop: bool,
    on_event: F,
}

/// Runs a crawl to the end (or the deadline, or the caller's stop).
pub(super) async fn run<F>(
    opts: &CrawlOptions,
    seeds: &[Url],
    on_event: F,
) -> Result<CrawlReport, CrawlError>
where
    F: FnMut(Event<'_>) -> ControlFlow<()>,
{
    let start = Instant::now();
    let mut e = Engine::new(opts, seeds, on_event)?;
    let mut tasks: FuturesUnordered<Task> = FuturesUnordered::new();
    let far = tokio::time::Instant::now() + Duration::from_secs(86_400 * 365);
    let deadline = opts
        .max_duration
        .map(|d| tokio::time::Instant::from_std(start + d));
    while !e.stop {
        let wake = e.dispatch(&mut tasks);
        if tasks.is_empty() && wake.is_none() {
            break;
        }
        let wake_at = wake.map_or(far, tokio::time::Instant::from_std);
        tokio::select! {
            Some(done) = tasks.next(), if !tasks.is_empty() => e.complete(done),
            () = tokio::time::sleep_until(wake_at), if wake.is_some() => {}
            () = tokio::time::sleep_until(deadline.unwrap_or(far)), if deadline.is_some() => {
                e.report.stopped = Some("the maximum duration was reached".into());
                break;
            }
        }
    }
    e.finish(start)
}

impl<'o, F> Engine<'o, F>
where
    F: FnMut(Event<'_>) -> ControlFlow<()>,
{
    fn new(opts: &'o CrawlOptions, seeds: &[Url], on_event: F) -> Result<Self, CrawlError> {
        let fetcher = Fetcher::new(&ClientOptions {
            user_agent: opts.user_agent.clone(),
            connect_timeout: opts.connect_timeout,
            request_timeout: opts.request_timeout,
            resolve: opts.resolve.clone(),
            guard: opts.guard_private,
            credentials: Credentials::from_seeds(seeds),
            // Every request in flight may come back to the pool idle.
            idle_per_host: opts.concurrency.max(1),
        })?;
        let cache = opts.cache.as_deref().map(Cache::load).transpose()?;
        let (renderer, render_warning) = renderer(opts, &fetcher)?;
        let budget = if opts.single_page {
            seeds.len()
        } else {
            opts.max_pages
        };
        let max_queued = opts
            .max_queued
            .unwrap_or(budget.saturating_mul(QUEUED_PER_PAGE));
        let mut e = Engine {
            opts,
            fetcher,
            parser: Parser::new(opts.max_links_per_page),
            token: robots::product_token(&opts.user_agent),
            budget,
            max_queued,
            frontier: Frontier::new(budget, max_queued),
            sitemap_allowance: Allowance {
                files: opts.max_sitemaps,
                urls: opts.max_sitemap_urls,
            },
            scope: Scope::new(
                seeds,
                opts.include_subdomains,
                opts.include.clone(),
                opts.exclude.clone(),
            ),
            polite: Politeness::new(opts.delay, opts.host_concurrency),
            robots: HashMap::new(),
            cache,
            renderer,
            pending_seeds: HashSet::new(),
            report: CrawlReport::default(),
            done: 0,
            stop: false,
            on_event,
        };
        if let Some(w) = render_warning {
            e.warn(w);
        }
        for seed in seeds.iter().map(credentials::strip) {
            let seed = &seed;
            if e.frontier.mark_seen(seed) {
                e.pending_seeds.insert(seed.to_string());
                e.frontier.push(Job::new(seed.clone(), 0, true));
            }
        }
        Ok(e)
    }

    /// Starts every request that may start now; returns when to look again.
    fn dispatch(&mut self, tasks: &mut FuturesUnordered<Task>) -> Option<Instant> {
        loop {
            let mut wake: Option<Instant> = None;
            let mut moved = false;
            for origin in self.frontier.origins() {
                if tasks.len() >= self.opts.concurrency.max(1) {
                    return None;
                }
                match self.try_start(&origin, tasks) {
                    Step::Moved => moved = true,
                    Step::Wait(Some(t)) => wake = Some(wake.map_or(t, |w| w.min(t))),
                    Step::Wait(None) => {}
                }
            }
            if !moved {
                return wake;
            }
        }
    }

    fn try_start(&mut self, origin: &str, tasks: &mut FuturesUnordered<Task>) -> Step {
        let Some(job) = self.frontier.peek(origin) else {
            return Step::Wait(None);
        };
        let (url, reserved) = (job.url.clone(), job.reserved);
        let host = frontier::host(&url).to_string();
        let now = Instant::now();
        match self.robots.get(origin) {
            None if !self.opts.respect_robots => {
                self.robots.insert(
                    origin.to_string(),
                    RobotsState::Ready(Rc::new(Rules::AllowAll)),
                );
                return Step::Moved;
            }
            None => {
                if let Err(wait) = self.polite.ready(&host, now) {
                    return Step::Wait(wait);
                }
                self.polite.start(&host, now);
                self.robots.insert(origin.to_string(), RobotsState::Pending);
                tasks.push(self.robots_task(origin, &url, host));
                return Step::Moved;
            }
            Some(RobotsState::Pending) => return Step::Wait(None),
            Some(RobotsState::Ready(rules)) => {
                if let Err(reason) = rules.check(&url) {
                    let job = self.frontier.pop(origin).expect("peeked");
                    self.block(job, reason);
                    return Step::Moved;
                }
            }
        }
        if !reserved && self.frontier.exhausted() {
            self.frontier.drop_unreserved();
            return Step::Moved;
        }
        if let Err(wait) = self.polite.ready(&host, now) {
            return Step::Wait(wait);
        }
        let mut job = self.frontier.pop(origin).expect("peeked");
        if job.sitemap.is_some() {
            tasks.extend(self.sitemap_task(job, &host, now));
            return Step::Moved;
        }
        self.polite.start(&host, now);
        if !job.reserved {
            job.reserved = self.frontier.reserve();
        }
        tasks.push(self.page_task(job));
        Step::Moved
    }

    fn robots_task(&self, origin: &str, url: &Url, host: String) -> Task {
        task::robots(
            &self.fetcher,
            &self.token,
            origin,
            url,
            host,
            self.opts.delay,
        )
    }

    fn page_task(&self, job: Job) -> Task {
        let conditional = match (&self.cache, self.opts.force_refresh) {
            (Some(cache), false) => cache.get(job.url.as_str()).cloned(),
            _ => None,
        };
        let render = self.renderer.as_ref().map(|r| RenderWith {
            renderer: r.clone(),
            mode: self.opts.render.mode,
            rules: match self.robots.get(&frontier::origin(&job.url)) {
                Some(RobotsState::Ready(rules)) => Some(rules.clone()),
                _ => None,
            },
        });
        task::page(
            (&self.fetcher, &self.parser),
            job,
            conditional,
            self.opts.content,
            render,
        )
    }

    fn complete(&mut self, done: Done) {
        match done {
            Done::Robots {
                origin,
                host,
                rules,
            } => self.robots_done(origin, &host, rules),
            Done::Page { job, result } => {
                let host = frontier::host(&job.url).to_string();
                self.polite.finish(&host, Instant::now());
                match result {
                    Err(e @ FetchError::Refused(_)) => self.emit_error(job, None, e.to_string()),
                    Err(_) if job.attempt < MAX_RETRIES => self.retry(job, &host, None),
                    Err(e) => self.emit_error(job, None, e.to_string()),
                    Ok(f) => self.response(job, &host, *f),
                }
            }
            Done::Sitemap { job, result } => self.sitemap_done(job, result),
        }
    }

    fn retry(&mut self, mut job: Job, host: &str, retry_after: Option<Duration>) {
        job.attempt += 1;
        let base = self.opts.delay.max(Duration::from_millis(100));
        let wait = retry_after.unwrap_or_else(|| politeness::backoff(base, job.attempt));
        let now = Instant::now();
        self.polite.hold(host, now + wait, now);
        self.frontier.push_front(job);
    }

    /// Slows the host down on 429/503 and retries 429/5xx; gives the job
    /// back when it is not retried.
    fn retried(&mut self, job: Job, host: &str, resp: &Response) -> Option<Job> {
        let status = resp.status;
        if status == 429 || status == 503 {
            self.polite
                .slow_down(host, resp.retry_after, Instant::now());
        }
        if (status == 429 || status >= 500) && job.attempt < MAX_RETRIES {
            self.retry(job, host, resp.retry_after);
            return None;
        }
        Some(job)
    }

    fn response(&mut self, job: Job, host: &str, f: Fetched) {
        let status = f.resp.status;
        let Some(job) = self.retried(job, host, &f.resp) else {
            return;
        };
        if let Some(target) = fetch::redirect_target(&job.url, &f.resp) {
            return self.redirect(job, status, target);
        }
        let page = self.page_record(&job, f);
        self.emit(&job, page);
    }

    fn redirect(&mut self, job: Job, status: u16, target: Url) {
        let mut chain = job.hops.clone();
        chain.push(job.url.clone());
        let refuse = |why: String| (Some(status), why);
        let problem = match frontier::normalise(target) {
            None => Err(refuse("redirect to a non-http(s) URL".into())),
            Some(t) if chain.len() > MAX_REDIRECTS => Err(refuse(format!(
                "too many redirects (more than {MAX_REDIRECTS}), last to {t}"
            ))),
            Some(t) if chain.contains(&t) => Err(refuse(format!("redirect loop at {t}"))),
            Some(t) => Ok(t),
        };
        let target = match problem {
            Ok(t) => t,
            Err((status, why)) => return self.emit_error(job, status, why),
        };
        if job.seed && job.hops.is_empty() {
            // A seed moving to another host (apex to www) takes the crawl with it.
            self.scope.adopt(frontier::host(&target));
        }
        if !(job.seed || self.scope.allows(&target)) || !self.scope.allows_host(&target) {
            self.report.out_of_scope += 1;
            return self.emit_error(
                job,
                Some(status),
                format!("redirect out of scope to {target}"),
            );
        }
        if !self.frontier.mark_seen(&target) {
            let why = format!("redirect to {target}, which is already crawled or queued");
            return self.emit_error(job, Some(status), why);
        }
        self.frontier.push_front(Job {
            url: target,
            hops: chain,
            attempt: 0,
            ..job
        });
    }

    fn page_record(&mut self, job: &Job, f: Fetched) -> Page {
        let Fetched {
            resp,
            extracted,
            hash,
            parse_cut,
            rendered,
            render_error,
            ..
        } = f;
        let key = job.url.as_str();
        let cached = self.cache.as_ref().and_then(|c| c.get(key));
        let unchanged = !self.opts.force_refresh
            && (resp.status == 304
                || (hash.is_some()
                    && cached.and_then(|c| c.content_hash.as_ref()) == hash.as_ref()));
        if let (Some(cache), true) = (&mut self.cache, (200..300).contains(&resp.status)) {
            let entry = Entry {
                etag: resp.etag.clone(),
                last_modified: resp.last_modified.clone(),
                content_hash: hash.clone(),
            };
            cache.put(key, entry);
        }
        let link_canonical = resp
            .link_canonical
            .as_deref()
            .and_then(|c| job.url.join(c).ok())
            .map(String::from);
        let mut page = base_record(job, Some(resp.status));
        page.content_type = resp.content_type;
        page.content_hash = hash;
        page.fetch_ms = resp.elapsed.as_millis() as u64;
        page.bytes = resp.bytes;
        page.truncated = resp.truncated || parse_cut;
        page.unchanged = unchanged;
        page.rendered = rendered;
        page.error = match resp.status {
            200..=299 | 304 => None,
            300..=399 => Some(format!("HTTP {} without a usable Location", resp.status)),
            s => Some(format!("HTTP {s}")),
        };
        if let Some(why) = render_error {
            let url = credentials::redact(&job.url);
            match self.opts.render.mode {
                RenderMode::Always => page.error = Some(format!("rendering failed: {why}")),
                _ => self.warn(format!("{url}: rendering failed, static HTML used: {why}")),
            }
        }
        if let Some(x) = extracted {
            self.discover(&x.links, job.depth);
            self.hit(Limit::LinksPerPage, usize::from(x.links_truncated));
            x.fill(&mut page);
        }
        // A canonical is the site's text: it may name a user and password.
        page.canonical = page
            .canonical
            .or(link_canonical)
            .map(|c| credentials::redact_text(&c));
        page
    }

    /// Queues in-scope links not seen before, within depth, budget and the
    /// queue bound.
    fn discover(&mut self, links: &[Url], depth: u32) {
        if self.opts.single_page || depth >= self.opts.max_depth || self.frontier.exhausted() {
            return;
        }
        let mut not_queued = 0;
        for link in links {
            if !self.scope.allows(link) {
                self.report.out_of_scope += usize::from(self.frontier.mark_out_of_scope(link));
            } else if self.frontier.offer(link, |u| Job::new(u, depth + 1, false)) == Offer::Full {
                not_queued += 1;
            }
        }
        self.hit(Limit::Queued, not_queued);
    }

    fn block(&mut self, job: Job, reason: String) {
        self.report.blocked_by_robots += 1;
        let url = job.origin_url.to_string();
        if job.seed && self.pending_seeds.remove(&url) {
            let issue = UrlIssue {
                url: url.clone(),
                reason: reason.clone(),
            };
            self.report.failed_seeds.push(issue);
        }
        if self.report.blocked.len() < MAX_BLOCKED_LISTED {
            self.report.blocked.push(UrlIssue { url, reason });
        }
    }

    fn emit_error(&mut self, job: Job, status: Option<u16>, error: String) {
        let mut page = base_record(&job, status);
        page.error = Some(error);
        self.emit(&job, page);
    }

    fn emit(&mut self, job: &Job, page: Page) {
        self.done += 1;
        let ok = page.error.is_none();
        if ok {
            self.report.fetched += 1;
        } else {
            self.report.failed += 1;
        }
        self.report.bytes += page.bytes;
        self.report.unchanged += usize::from(page.unchanged);
        if job.seed && self.pending_seeds.remove(&page.url) && !ok {
            self.report.failed_seeds.push(UrlIssue {
                url: page.url.clone(),
                reason: page.error.clone().unwrap_or_default(),
            });
        }
        let mut flow = (self.on_event)(Event::Page(&page));
        if flow.is_continue() {
            flow = (self.on_event)(Event::Progress(Progress {
                done: self.done,
                budget: self.budget,
                frontier: self.frontier.len(),
                host: frontier::host(&job.url).to_string(),
            }));
        }
        if flow.is_break() {
            self.stop = true;
            self.report.stopped = Some("stopped by the caller".into());
        }
    }

    fn warn(&mut self, msg: String) {
        if (self.on_event)(Event::Warning(&msg)).is_break() {
            self.stop = true;
        }
        self.report.warnings.push(msg);
    }

    fn finish(mut self, start: Instant) -> Result<CrawlReport, CrawlError> {
        if let Some(cache) = &self.cache {
            cache.save()?;
        }
        let mut unfetched: Vec<String> = self.pending_seeds.drain().collect();
        unfetched.sort();
        self.report
            .failed_seeds
            .extend(unfetched.into_iter().map(|url| UrlIssue {
                url,
                reason: "not fetched before the crawl ended".into(),
            }));
        self.report.refused = self.fetcher.refusals();
        if let Some(r) = &self.renderer {
            self.report.page_requests_refused = r.refusals();
        }
        let elapsed = start.elapsed();
        self.report.duration_ms = elapsed.as_millis() as u64;
        let pages = (self.report.fetched + self.report.failed) as f64;
        let secs = elapsed.as_secs_f64().max(0.001);
        self.report.pages_per_sec = (pages / secs * 10.0).round() / 10.0;
        Ok(self.report)
    }
}

/// The browser the options ask for: none for `never`; for `always` a missing
/// browser is an error, for `auto` a warning (pages stay static).
fn renderer(
    opts: &CrawlOptions,
    fetcher: &Fetcher,
) -> Result<(Option<Rc<Renderer>>, Option<String>), CrawlError> {
    if opts.render.mode == RenderMode::Never {
        return Ok((None, None));
    }
    let exe = match render::find_browser(opts.render.browser.as_deref()) {
        Ok(exe) => exe,
        Err(e) if opts.render.mode == RenderMode::Auto => {
            return Ok((None, Some(format!("{e}; --render auto uses static HTML"))));
        }
        Err(e) => return Err(e.into()),
    };
    let r = Renderer::new(exe, opts, fetcher.clone());
    Ok((Some(Rc::new(r)), None))
}

/// A record with what every page has, before the response's details.
fn base_record(job: &Job, status: Option<u16>) -> Page {
    Page {
        url: job.origin_url.to_string(),
        final_url: job.url.to_string(),
        status,
        depth: job.depth,
        redirects: job.hops.iter().map(Url::to_string).collect(),
        ..Page::default()
    }
}
