//! URL normalisation, crawl scope, the seen set and the queue of URLs to fetch.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};

use regex::Regex;
use url::Url;

/// Parses and normalises an absolute http(s) URL; `None` for anything else.
/// The `user:pass@` part is dropped (requests get a seed's from the fetcher).
pub fn normalise(url: Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let mut url = super::credentials::strip(&url);
    url.set_fragment(None);
    if let Some(query) = url.query() {
        if query.is_empty() {
            url.set_query(None);
        } else {
            // Sorted raw pairs: `?b=2&a=1` and `?a=1&b=2` are one URL; blank values stay.
            let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
            pairs.sort_unstable();
            let sorted = pairs.join("&");
            url.set_query((!sorted.is_empty()).then_some(sorted.as_str()));
        }
    }
    Some(url)
}

/// Resolves an `href` against `base`, skipping non-navigational links.
pub fn resolve_link(base: &Url, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    normalise(base.join(href).ok()?)
}

/// The host a URL belongs to for scope and politeness (lowercased by `url`).
pub fn host(url: &Url) -> &str {
    url.host_str().unwrap_or_default()
}

/// Which URLs belong to the crawl: the seeds' sites plus path filters.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    hosts: Vec<String>,
    subdomains: bool,
    include: Vec<Regex>,
    exclude: Vec<Regex>,
}

impl Scope {
    /// The scope of `seeds`; http and https of one host are one site.
    pub fn new(seeds: &[Url], subdomains: bool, include: Vec<Regex>, exclude: Vec<Regex>) -> Self {
        let mut scope = Scope {
            hosts: Vec::new(),
            subdomains,
            include,
            exclude,
        };
        for seed in seeds {
            scope.adopt(host(seed));
        }
        scope
    }

    /// Adds a site, e.g. the host a seed redirects to (apex to www).
    pub fn adopt(&mut self, host: &str) {
        if !self.hosts.iter().any(|h| h == host) {
            self.hosts.push(host.to_string());
        }
    }

    /// Whether the URL's host is one of the crawl's sites.
    pub fn allows_host(&self, url: &Url) -> bool {
        let h = host(url);
        self.hosts.iter().any(|site| {
            h == site
                || (self.subdomains
                    && h.len() > site.len()
                    && h.ends_with(site.as_str())
                    && h.as_bytes()[h.len() - site.len() - 1] == b'.')
        })
    }

    /// Whether a discovered URL is in scope: its site, then include/exclude on
    /// the path and query (exclude wins).
    pub fn allows(&self, url: &Url) -> bool {
        if !self.allows_host(url) {
            return false;
        }
        let target = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        if self.exclude.iter().any(|r| r.is_match(&target)) {
            return false;
        }
        self.include.is_empty() || self.include.iter().any(|r| r.is_match(&target))
    }
}

/// A URL waiting to be fetched.
#[derive(Debug, Clone)]
pub struct Job {
    pub url: Url,
    /// The URL as first queued; stays the same across redirect hops.
    pub origin_url: Url,
    pub depth: u32,
    /// URLs already requested in this redirect chain.
    pub hops: Vec<Url>,
    /// Retries done so far.
    pub attempt: u32,
    pub seed: bool,
    /// The page budget is already reserved (a retry or a redirect hop).
    pub reserved: bool,
    /// A sitemap file at this index level, not a page (never uses the budget).
    pub sitemap: Option<u8>,
}

impl Job {
    /// A fresh job at `depth`.
    pub fn new(url: Url, depth: u32, seed: bool) -> Self {
        Job {
            origin_url: url.clone(),
            url,
            depth,
            hops: Vec::new(),
            attempt: 0,
            seed,
            reserved: false,
            sitemap: None,
        }
    }

    /// A sitemap file to fetch, `level` indexes below robots.txt.
    pub fn sitemap(url: Url, level: u8) -> Self {
        Job {
            sitemap: Some(level),
            ..Job::new(url, 0, false)
        }
    }
}

/// The queue per origin (scheme, host, port) plus the seen set, the page
/// budget and the bound on URLs discovered and queued.
#[derive(Debug, Default)]
pub struct Frontier {
    queues: BTreeMap<String, VecDeque<Job>>,
    seen: HashSet<String>,
    /// Hashes of the out-of-scope URLs met (counted once each, 8 bytes apiece).
    out_of_scope: HashSet<u64>,
    hasher: RandomState,
    len: usize,
    /// Queued jobs that are pages (not sitemap files).
    pages: usize,
    budget: usize,
    reserved: usize,
    /// Discovered URLs queued so far, and the most that may be.
    offered: usize,
    max_offered: usize,
}

/// What [`Frontier::offer`] did with a discovered URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    Queued,
    /// Already crawled or queued.
    Seen,
    /// New, but the crawl's queue bound is reached.
    Full,
}

/// `scheme://host:port`, the unit robots.txt applies to.
pub fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

impl Frontier {
    /// An empty frontier that will hand out at most `budget` pages and queue
    /// at most `max_queued` discovered URLs.
    pub fn new(budget: usize, max_queued: usize) -> Self {
        Frontier {
            budget,
            max_offered: max_queued,
            ..Frontier::default()
        }
    }

    /// Marks a URL seen; false when it was already seen (dedup at enqueue).
    pub fn mark_seen(&mut self, url: &Url) -> bool {
        self.seen.insert(url.as_str().to_string())
    }

    /// Whether a URL was already crawled or queued.
    pub fn is_seen(&self, url: &Url) -> bool {
        self.seen.contains(url.as_str())
    }

    /// Queues a discovered URL (a link, a sitemap entry) as `make(url)` when it
    /// is new and the crawl's queue bound is not reached.
    pub fn offer(&mut self, url: &Url, make: impl FnOnce(Url) -> Job) -> Offer {
        if self.is_seen(url) {
            return Offer::Seen;
        }
        if self.offered >= self.max_offered {
            return Offer::Full;
        }
        self.offered += 1;
        self.mark_seen(url);
        self.push(make(url.clone()));
        Offer::Queued
    }

    /// Notes an out-of-scope URL; false when it was met before.
    pub fn mark_out_of_scope(&mut self, url: &Url) -> bool {
        self.out_of_scope.insert(self.hasher.hash_one(url.as_str()))
    }

    /// Queues a job at the back of its origin's queue.
    pub fn push(&mut self, job: Job) {
        self.count(&job, true);
        self.queues
            .entry(origin(&job.url))
            .or_default()
            .push_back(job);
    }

    /// Queues a job at the front (retries and redirect hops go first).
    pub fn push_front(&mut self, job: Job) {
        self.count(&job, true);
        self.queues
            .entry(origin(&job.url))
            .or_default()
            .push_front(job);
    }

    /// The origins with work waiting, in a stable order.
    pub fn origins(&self) -> Vec<String> {
        self.queues
            .iter()
            .filter(|(_, q)| !q.is_empty())
            .map(|(o, _)| o.clone())
            .collect()
    }

    /// The next job of an origin, without taking it.
    pub fn peek(&self, origin: &str) -> Option<&Job> {
        self.queues.get(origin).and_then(VecDeque::front)
    }

    /// Takes the next job of an origin.
    pub fn pop(&mut self, origin: &str) -> Option<Job> {
        let job = self.queues.get_mut(origin)?.pop_front()?;
        self.count(&job, false);
        Some(job)
    }

    /// Reserves one page of the budget before a request; false when spent.
    pub fn reserve(&mut self) -> bool {
        if self.reserved >= self.budget {
            return false;
        }
        self.reserved += 1;
        true
    }

    /// Whether the budget is spent.
    pub fn exhausted(&self) -> bool {
        self.reserved >= self.budget
    }

    /// Drops every queued job that has no reservation; returns how many.
    pub fn drop_unreserved(&mut self) -> usize {
        let mut dropped = 0;
        for queue in self.queues.values_mut() {
            let before = queue.len();
            queue.retain(|j| j.reserved);
            dropped += before - queue.len();
        }
        self.len -= dropped;
        self.pages = self
            .queues
            .values()
            .flatten()
            .filter(|j| j.sitemap.is_none())
            .count();
        dropped
    }

    fn count(&mut self, job: &Job, added: bool) {
        let page = usize::from(job.sitemap.is_none());
        if added {
            self.len += 1;
            self.pages += page;
        } else {
            self.len -= 1;
            self.pages -= page;
        }
    }

    /// Whether the pages already queued cover the rest of the budget (so more
    /// sitemap entries would never be fetched).
    pub fn full(&self) -> bool {
        self.pages >= self.budget.saturating_sub(self.reserved)
    }

    /// Jobs waiting.
    pub fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalise(Url::parse(s).unwrap()).unwrap().to_string()
    }

    #[test]
    fn normalises_case_ports_fragments_and_query_order() {
        assert_eq!(n("HTTP://A.Test:80/x#frag"), "http://a.test/x");
        assert_eq!(n("https://a.test:443"), "https://a.test/");
        assert_eq!(
            n("http://a.test/p?b=2&a=1&c="),
            "http://a.test/p?a=1&b=2&c="
        );
        assert_eq!(n("http://a.test/p?"), "http://a.test/p");
        assert_eq!(n("http://a.test/Dir/"), "http://a.test/Dir/");
        assert_ne!(n("http://a.test/dir"), n("http://a.test/dir/"));
        assert!(normalise(Url::parse("ftp://a.test/").unwrap()).is_none());
    }

    #[test]
    fn resolves_links_and_skips_other_schemes() {
        let base = Url::parse("http://a.test/d/page").unwrap();
        let r = |h| resolve_link(&base, h).map(|u| u.to_string());
        assert_eq!(r("../x#y").as_deref(), Some("http://a.test/x"));
        assert_eq!(r("//b.test/z").as_deref(), Some("http://b.test/z"));
        for skip in [
            "mailto:x@y",
            "javascript:void(0)",
            "tel:1",
            "#top",
            "  ",
            "data:,x",
        ] {
            assert_eq!(r(skip), None, "{skip}");
        }
    }

    #[test]
    fn scope_is_the_seed_site_with_filters() {
        let seeds = [Url::parse("https://a.test/").unwrap()];
        let inc = vec![Regex::new("^/blog").unwrap()];
        let exc = vec![Regex::new("draft").unwrap()];
        let s = Scope::new(&seeds, false, inc, exc);
        let ok = |u: &str| s.allows(&Url::parse(u).unwrap());
        assert!(ok("http://a.test/blog/1"), "http and https are one site");
        assert!(!ok("https://a.test/about"));
        assert!(!ok("https://a.test/blog/draft"));
        assert!(!ok("https://sub.a.test/blog"));
        assert!(!ok("https://xa.test/blog"));
        let wide = Scope::new(&seeds, true, vec![], vec![]);
        assert!(wide.allows(&Url::parse("https://sub.a.test/").unwrap()));
        assert!(!wide.allows(&Url::parse("https://xa.test/").unwrap()));
    }

    #[test]
    fn budget_is_never_exceeded() {
        let mut f = Frontier::new(2, 10);
        assert!(f.reserve() && f.reserve());
        assert!(!f.reserve());
        assert!(f.exhausted());
        assert!(f.full());
    }

    #[test]
    fn full_counts_queued_pages_against_the_remaining_budget() {
        let url = |p: &str| Url::parse(&format!("http://a.test/{p}")).unwrap();
        let mut f = Frontier::new(2, 10);
        f.push(Job::sitemap(url("s.xml"), 0));
        f.push(Job::new(url("a"), 1, false));
        assert!(!f.full(), "sitemap files are not pages");
        f.push(Job::new(url("b"), 1, false));
        assert!(f.full());
        f.pop("http://a.test");
        f.pop("http://a.test");
        assert!(!f.full());
        assert!(f.reserve());
        assert!(f.full());
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn discovered_urls_stop_at_the_queue_bound() {
        let url = |p: &str| Url::parse(&format!("http://a.test/{p}")).unwrap();
        let mut f = Frontier::new(1, 2);
        let page = |u| Job::new(u, 1, false);
        assert_eq!(f.offer(&url("a"), page), Offer::Queued);
        assert_eq!(f.offer(&url("a"), page), Offer::Seen);
        assert_eq!(f.offer(&url("b"), page), Offer::Queued);
        f.pop("http://a.test");
        assert_eq!(f.offer(&url("c"), page), Offer::Full, "a bound per crawl");
        assert_eq!(f.offer(&url("b"), page), Offer::Seen);
        assert_eq!(f.len(), 1);
        assert!(f.mark_out_of_scope(&url("x")));
        assert!(!f.mark_out_of_scope(&url("x")));
    }
}
