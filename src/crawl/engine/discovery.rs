//! What robots.txt and sitemaps add to the crawl loop: an origin's robots
//! outcome, the sitemap files it names, their redirects and the URLs they list.

use std::ops::ControlFlow;
use std::rc::Rc;
use std::time::Instant;

use url::Url;

use super::{Engine, Limit, RobotsState, MAX_REDIRECTS, MAX_RETRIES};
use crate::crawl::fetch::{self, FetchError};
use crate::crawl::frontier::{self, Job};
use crate::crawl::robots::{self, Rules};
use crate::crawl::sitemap::{self, Queued, Sitemap};
use crate::crawl::task::{self, SitemapFetched, Task};
use crate::crawl::Event;
use crate::crawl::RobotsOutcome;

impl<F> Engine<'_, F>
where
    F: FnMut(Event<'_>) -> ControlFlow<()>,
{
    /// Records an origin's robots.txt outcome and queues the sitemaps it names.
    pub(super) fn robots_done(&mut self, origin: String, host: &str, rules: Rules) {
        self.polite.finish(host, Instant::now());
        let (delay, warning) = robots::clamp_delay(rules.crawl_delay());
        if let Some(d) = delay {
            self.polite.set_crawl_delay(host, d, Instant::now());
        }
        if let Some(w) = warning {
            self.warn(format!("{origin}: {w}"));
        }
        let (status, reason) = match &rules {
            Rules::Parsed(_) => ("parsed", None),
            Rules::AllowAll => ("allow-all", None),
            Rules::Unreachable(why) => {
                self.warn(format!(
                    "{origin}/robots.txt is unreachable ({why}): nothing is fetched from {origin}"
                ));
                ("unreachable", Some(why.clone()))
            }
        };
        self.report.robots.push(RobotsOutcome {
            origin: origin.clone(),
            status,
            reason,
            crawl_delay_ms: delay.map(|d| d.as_millis() as u64),
        });
        self.robots_sitemaps(&origin, &rules);
        self.robots
            .insert(origin, RobotsState::Ready(Rc::new(rules)));
    }

    /// A sitemap file's request, unless nothing it lists could be used.
    pub(super) fn sitemap_task(&mut self, job: Job, host: &str, now: Instant) -> Option<Task> {
        if self.frontier.full() {
            // Enough pages are queued to spend the budget: the file can wait forever.
            return None;
        }
        let limit = self.sitemap_allowance.file_limit();
        if limit == 0 {
            self.hit(Limit::SitemapUrls, 1);
            return None;
        }
        self.polite.start(host, now);
        Some(task::sitemap((&self.fetcher, &self.parser), job, limit))
    }

    /// A finished sitemap request.
    pub(super) fn sitemap_done(
        &mut self,
        job: Job,
        result: Result<Box<SitemapFetched>, FetchError>,
    ) {
        let host = frontier::host(&job.url).to_string();
        self.polite.finish(&host, Instant::now());
        match result {
            Err(e @ FetchError::Refused(_)) => self.sitemap_failed(&job, &e.to_string()),
            Err(_) if job.attempt < MAX_RETRIES => self.retry(job, &host, None),
            Err(e) => self.sitemap_failed(&job, &e.to_string()),
            Ok(f) => self.sitemap_response(job, &host, *f),
        }
    }

    /// A sitemap file's response: retried, followed, or its entries queued.
    fn sitemap_response(&mut self, job: Job, host: &str, f: SitemapFetched) {
        let Some(job) = self.retried(job, host, &f.resp) else {
            return;
        };
        if let Some(target) = fetch::redirect_target(&job.url, &f.resp) {
            return self.sitemap_redirect(job, target);
        }
        if f.resp.truncated {
            let cap = sitemap::MAX_SITEMAP_BYTES >> 20;
            let msg = format!(
                "sitemap {} is larger than {cap} MiB; read the first {cap} MiB",
                job.url
            );
            self.warn(msg);
        }
        match f.parsed {
            Some(Ok(map)) => self.sitemap_found(&job, &map),
            Some(Err(e)) => self.sitemap_failed(&job, &e.to_string()),
            None => self.sitemap_failed(&job, &format!("HTTP {}", f.resp.status)),
        }
    }

    fn sitemap_redirect(&mut self, job: Job, target: Url) {
        let target = frontier::normalise(target).filter(|t| self.scope.allows_host(t));
        match target {
            Some(t) if job.hops.len() < MAX_REDIRECTS && self.frontier.mark_seen(&t) => {
                let mut hops = job.hops.clone();
                hops.push(job.url.clone());
                self.frontier.push_front(Job {
                    url: t,
                    hops,
                    attempt: 0,
                    ..job
                });
            }
            _ => self.sitemap_failed(&job, "redirect out of scope, seen before or too long"),
        }
    }

    fn sitemap_found(&mut self, job: &Job, map: &Sitemap) {
        let max_depth = self.opts.max_depth;
        let allowance = &mut self.sitemap_allowance;
        let q = sitemap::queue_entries(
            &mut self.frontier,
            &self.scope,
            job,
            map,
            max_depth,
            allowance,
        );
        self.queued(q);
    }

    /// Queues the sitemaps an origin's robots.txt names (full crawls only).
    fn robots_sitemaps(&mut self, origin: &str, rules: &Rules) {
        let Rules::Parsed(robot) = rules else { return };
        if !self.opts.sitemaps || self.opts.single_page || robot.sitemaps.is_empty() {
            return;
        }
        let Ok(robots_url) = Url::parse(origin).and_then(|o| o.join("/robots.txt")) else {
            return;
        };
        let q = sitemap::queue_from_robots(
            &mut self.frontier,
            &self.scope,
            &robots_url,
            &robot.sitemaps,
            &mut self.sitemap_allowance,
        );
        self.queued(q);
    }

    fn queued(&mut self, q: Queued) {
        self.report.out_of_scope += q.out_of_scope;
        self.hit(Limit::Queued, q.not_queued);
        self.hit(Limit::Sitemaps, q.files_dropped);
        self.hit(Limit::SitemapUrls, usize::from(q.urls_cut));
        for w in q.warnings {
            self.warn(w);
        }
    }

    fn sitemap_failed(&mut self, job: &Job, why: &str) {
        self.warn(format!(
            "sitemap {}: {why}; its URLs are not queued",
            job.url
        ));
    }
}
