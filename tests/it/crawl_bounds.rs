//! Every crawl resource has a bound: `queuectl crawl` against a hostile local
//! site (link bomb, a million links, sitemap bomb, gzip bomb, 50 MB robots.txt,
//! a body that never ends). Each test asserts the bound from the output and a
//! peak RSS of the queuectl process under 128 MiB.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::bombs::{self, Bombs, RobotsTxt};
use crate::support::Cmd;

/// The most memory any of these crawls may take.
const MAX_RSS_MIB: f64 = 128.0;

/// A finished crawl: its pages, its summary, its stderr and how long it took.
struct Crawl {
    pages: Vec<Value>,
    summary: Value,
    stderr: String,
    took: Duration,
}

/// Crawls `seeds` with no delay and asserts the peak RSS. `--max-duration`
/// ends a crawl that ignores its bounds, so a failing test still ends.
fn crawl(site: &Bombs, seeds: &[&str], flags: &[&str]) -> Crawl {
    let mut cmd = Cmd::new();
    cmd.args(["crawl", "--json", "--delay", "0", "--max-duration", "60s"]);
    cmd.args(seeds.iter().map(|s| site.url(s)));
    cmd.args(flags);
    let start = Instant::now();
    let (run, rss) = cmd.run_measured();
    let took = start.elapsed();
    let (pages, summary) = crate::support::site::pages_and_summary(&run);
    assert!(
        rss < MAX_RSS_MIB,
        "peak RSS {rss:.1} MiB, over {MAX_RSS_MIB} MiB; summary: {summary}"
    );
    assert!(
        summary["stopped"].is_null(),
        "hit --max-duration: {summary}"
    );
    Crawl {
        pages,
        summary,
        stderr: run.stderr,
        took,
    }
}

#[test]
fn a_link_bomb_queues_ten_urls_per_page_of_budget() {
    let site = Bombs::start(RobotsTxt::AllowAll);
    let flags = ["--max-pages", "10", "--host-concurrency", "8"];
    let c = crawl(&site, &["/links/0"], &flags);
    assert_eq!(c.summary["fetched"], 10);
    assert_eq!(site.paths().len(), 11, "robots.txt and 10 pages");
    let limits = &c.summary["limits"];
    assert_eq!(limits["maxQueued"]["max"], 100, "{limits}");
    assert!(limits["maxQueued"]["hits"].as_u64().unwrap() > 0);
    assert_eq!(limits["maxLinksPerPage"], json!({"max": 5000, "hits": 10}));
    for page in &c.pages {
        assert_eq!(page["links"].as_array().unwrap().len(), 5000);
        assert_eq!(page["linksTruncated"], true);
    }
}

#[test]
fn a_page_with_a_million_links_keeps_the_first_links_per_page() {
    let site = Bombs::start(RobotsTxt::AllowAll);
    let flags = ["--max-pages", "1", "--max-links-per-page", "3000"];
    let c = crawl(&site, &["/million"], &flags);
    let page = &c.pages[0];
    let links = page["links"].as_array().unwrap();
    assert_eq!(links.len(), 3000);
    assert_eq!(
        links[2999],
        site.url("/m2999"),
        "the first ones, in page order"
    );
    assert_eq!(page["linksTruncated"], true);
    assert_eq!(page["truncated"], true, "the body stops at 10 MiB too");
    let limits = &c.summary["limits"];
    assert_eq!(limits["maxLinksPerPage"], json!({"max": 3000, "hits": 1}));
    let warned: Vec<&str> = c.stderr.lines().filter(|l| l.contains("reached")).collect();
    assert_eq!(
        warned,
        ["warning: --max-links-per-page 3000 reached: a page's later links are neither recorded nor followed"],
        "the first time a bound is reached, the warning names the flag that sets it"
    );
}

#[test]
fn a_sitemap_bomb_reads_at_most_the_sitemap_allowance() {
    let site = Bombs::start(RobotsTxt::SitemapBomb);
    let c = crawl(&site, &["/"], &["--max-pages", "5"]);
    let limits = &c.summary["limits"];
    assert_eq!(limits["maxSitemaps"]["max"], 100, "{limits}");
    let dropped = limits["maxSitemaps"]["hits"].as_u64().unwrap() as usize;
    assert!(dropped >= bombs::SITEMAP_INDEXES - 100, "{limits}");
    assert_eq!(limits["maxSitemapUrls"]["max"], 50_000, "{limits}");
    let paths = site.paths();
    let sitemaps: Vec<_> = paths.iter().filter(|p| p.starts_with("/sm/")).collect();
    assert!(
        sitemaps.len() <= 100,
        "{} sitemap files fetched",
        sitemaps.len()
    );
    assert!(
        sitemaps.iter().all(|p| p.matches('/').count() == 2),
        "50,000 entries used the allowance up: no page sitemap is fetched"
    );
    assert_eq!(
        c.summary["fetched"], 3,
        "the seed and its two links, no listed page"
    );
}

#[test]
fn a_gzip_bomb_stops_at_the_body_cap() {
    let site = Bombs::start(RobotsTxt::AllowAll);
    let c = crawl(&site, &["/gzip"], &["--max-pages", "1"]);
    let page = &c.pages[0];
    assert_eq!(page["status"], 200);
    assert_eq!(page["truncated"], true);
    assert_eq!(page["title"], "gzip bomb");
    let bytes = page["bytes"].as_u64().unwrap() as usize;
    assert!(bytes < bombs::GZIP_BOMB_BYTES / 4, "read {bytes} bytes");
}

#[test]
fn a_50_mb_robots_txt_is_read_up_to_its_cap() {
    let site = Bombs::start(RobotsTxt::Huge);
    let c = crawl(&site, &["/"], &["--max-pages", "5"]);
    assert_eq!(c.summary["robots"][0]["status"], "parsed");
    assert_eq!(c.summary["blockedByRobots"], 1, "/private");
    assert_eq!(site.paths(), ["/robots.txt", "/", "/ok"]);
}

#[test]
fn a_body_that_never_ends_times_out() {
    let site = Bombs::start(RobotsTxt::AllowAll);
    let c = crawl(&site, &["/drip"], &["--request-timeout", "1s"]);
    assert_eq!(c.pages[0]["error"], "timed out");
    let drips = site.paths().iter().filter(|p| *p == "/drip").count();
    assert_eq!(drips, 3, "two retries");
    assert!(c.took < Duration::from_secs(10), "took {:?}", c.took);
}
