//! `queuectl crawl` against a local test site: robots, politeness, redirects,
//! limits, extraction, refresh, exit codes, and `--enqueue` into a private Redis.

use std::time::Duration;

use serde_json::Value;

use crate::support::site::{Robots, Site};
use crate::support::{self, Cmd, RedisServer, Run};

/// A crawl's pages and its summary (the last NDJSON line with `--json`).
struct Crawl {
    run: Run,
    pages: Vec<Value>,
    summary: Value,
}

impl Crawl {
    fn page(&self, path_or_url: &str) -> &Value {
        self.pages
            .iter()
            .find(|p| p["url"].as_str().unwrap().ends_with(path_or_url))
            .unwrap_or_else(|| panic!("no page {path_or_url} in {:#?}", self.pages))
    }
}

fn crawl(site: &Site, seeds: &[&str], flags: &[&str]) -> Crawl {
    let mut cmd = Cmd::new();
    cmd.args(["crawl", "--json"]);
    if !flags.contains(&"--delay") {
        cmd.args(["--delay", "100ms"]);
    }
    cmd.args(seeds.iter().map(|s| site.url(s)));
    cmd.args(flags);
    let run = cmd.run();
    let (lines, summary) = support::site::pages_and_summary(&run);
    Crawl {
        run,
        pages: lines,
        summary,
    }
}

/// No two request starts to the host closer than `min` (10 % tolerance).
fn assert_spacing(site: &Site, min: Duration) {
    let hits = site.hits();
    for pair in hits.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= min.mul_f64(0.9),
            "{} then {} only {gap:?} apart",
            pair[0].path,
            pair[1].path
        );
    }
}

fn assert_each_once(site: &Site) {
    let paths = site.paths();
    for p in &paths {
        assert_eq!(site.count(p), 1, "{p} fetched more than once: {paths:?}");
    }
}

#[test]
fn obeys_the_queuectl_robots_group_politely() {
    let site = Site::start(Robots::standard());
    let c = crawl(&site, &["/"], &[]).run_ok();
    let paths = site.paths();
    assert_eq!(paths[0], "/robots.txt");
    for never in ["/private/x", "/doc.pdf"] {
        assert_eq!(site.count(never), 0, "{never} is disallowed: {paths:?}");
    }
    for fetched in ["/", "/a", "/b", "/private/ok", "/missing"] {
        assert_eq!(site.count(fetched), 1, "{fetched}: {paths:?}");
    }
    assert_each_once(&site);
    assert_spacing(&site, Duration::from_millis(100));
    assert!(site
        .hits()
        .iter()
        .all(|h| h.user_agent.starts_with("queuectl/")));
    assert_eq!(c.summary["blockedByRobots"], 2);
    assert_eq!(c.summary["fetched"], 4);
    assert_eq!(c.summary["failed"], 1);
    let missing = c.page("/missing");
    assert_eq!(missing["status"], 404);
    assert_eq!(missing["error"], "HTTP 404");
    let home = c.page("/");
    assert_eq!(home["title"], "Home");
    assert_eq!(home["depth"], 0);
    assert_eq!(home["contentHash"].as_str().unwrap().len(), 64);
    assert_eq!(c.page("/a")["depth"], 1);
}

impl Crawl {
    fn run_ok(self) -> Self {
        assert_eq!(self.run.code, 0, "stderr: {}", self.run.stderr);
        self
    }
}

#[test]
fn robots_404_allows_everything() {
    let site = Site::start(Robots::Status(404));
    crawl(&site, &["/"], &[]).run_ok();
    assert_eq!(site.count("/private/x"), 1);
    assert_eq!(site.count("/doc.pdf"), 1);
}

#[test]
fn robots_500_fetches_nothing_and_fails_the_seed() {
    let site = Site::start(Robots::Status(500));
    let c = crawl(&site, &["/"], &[]);
    assert_eq!(c.run.code, 4, "stderr: {}", c.run.stderr);
    assert_eq!(site.paths(), ["/robots.txt"; 3], "tried three times");
    assert_eq!(c.summary["robots"][0]["status"], "unreachable");
    assert_eq!(c.summary["robots"][0]["reason"], "HTTP 500, 3 attempts");
    assert_eq!(c.summary["blockedByRobots"], 1);
    assert!(c.run.stderr.contains("unreachable"), "{}", c.run.stderr);
}

#[test]
fn an_unreachable_robots_txt_is_retried_with_backoff() {
    let site = Site::start(Robots::FailOnce(503, "User-agent: *\nAllow: /\n".into()));
    let c = crawl(&site, &["/b"], &[]).run_ok();
    assert_eq!(site.paths(), ["/robots.txt", "/robots.txt", "/b"]);
    let hits = site.hits();
    let gap = hits[1].at.duration_since(hits[0].at);
    assert!(gap >= Duration::from_millis(450), "retried after {gap:?}");
    assert_eq!(c.summary["robots"][0]["status"], "parsed");
    assert_eq!(c.page("/b")["status"], 200);
}

#[test]
fn sitemaps_named_in_robots_txt_add_orphan_pages_in_scope() {
    let site = Site::start(Robots::with_sitemap());
    // A wider delay than elsewhere: 14 requests, and the tolerance is 10 %.
    let c = crawl(&site, &["/"], &["--delay", "250ms"]).run_ok();
    let paths = site.paths();
    let orphan = "/orphan?from=sitemap&x=1";
    for once in [
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-nested.xml",
        "/sitemap-deep.xml",
        "/sitemap-deeper.xml",
        orphan,
        "/orphan-deep",
        "/a",
    ] {
        assert_eq!(site.count(once), 1, "{once}: {paths:?}");
    }
    assert_eq!(site.count("/sitemap-too-deep.xml"), 0, "index depth cap");
    assert_eq!(
        site.count("/private/x"),
        0,
        "robots applies to sitemap URLs"
    );
    assert_each_once(&site);
    assert_spacing(&site, Duration::from_millis(250));
    assert_eq!(c.page(orphan)["depth"], 1);
    assert_eq!(c.page("/orphan-deep")["depth"], 1);
    for page in &c.pages {
        let url = page["url"].as_str().unwrap();
        assert!(url.starts_with(&site.base), "out of scope: {url}");
        assert!(
            !url.contains("sitemap-"),
            "a sitemap file is not a page: {url}"
        );
    }
    assert_eq!(c.summary["outOfScope"], 1, "elsewhere.test");
    assert_eq!(c.summary["fetched"], 6);
    assert!(
        c.run.stderr.contains("nested more than 2"),
        "{}",
        c.run.stderr
    );
}

#[test]
fn sitemap_files_do_not_count_as_pages_and_single_page_skips_them() {
    let site = Site::start(Robots::with_sitemap());
    let c = crawl(&site, &["/b"], &["--max-pages", "2"]).run_ok();
    assert_eq!(c.pages.len(), 2, "{:?}", site.paths());
    assert!(site.count("/sitemap.xml") == 1);
    let second = c.pages[1]["url"].as_str().unwrap();
    assert!(second.contains("/orphan"), "{second}");
    for off in ["--single-page", "--no-sitemaps"] {
        let site = Site::start(Robots::with_sitemap());
        crawl(&site, &["/b"], &[off]).run_ok();
        assert_eq!(site.paths(), ["/robots.txt", "/b"], "{off}");
    }
}

#[test]
fn a_link_header_canonical_is_recorded() {
    let site = Site::start(Robots::Status(404));
    let c = crawl(&site, &["/canonical-header"], &["--single-page"]).run_ok();
    assert_eq!(
        c.page("/canonical-header")["canonical"],
        site.url("/report")
    );
}

#[test]
fn crawl_delay_is_honoured_one_request_at_a_time() {
    let site = Site::start(Robots::Text(
        "User-agent: queuectl\nCrawl-delay: 0.3\n".into(),
    ));
    let flags = [
        "--max-pages",
        "3",
        "--delay",
        "0s",
        "--host-concurrency",
        "4",
    ];
    crawl(&site, &["/"], &flags).run_ok();
    assert_eq!(site.hits().len(), 4, "{:?}", site.paths());
    assert_spacing(&site, Duration::from_millis(300));
}

#[test]
fn ignore_robots_warns_and_skips_robots_txt() {
    let site = Site::start(Robots::Status(500));
    let c = crawl(&site, &["/"], &["--ignore-robots", "--single-page"]).run_ok();
    assert_eq!(site.paths(), ["/"]);
    assert!(c.run.stderr.contains("--ignore-robots"), "{}", c.run.stderr);
}

#[test]
fn follows_redirect_chains_and_stops_loops() {
    let site = Site::start(Robots::Status(404));
    let c = crawl(&site, &["/redirect/3", "/loop/a"], &["--single-page"]);
    assert_eq!(c.run.code, 4, "the loop seed fails: {}", c.run.stderr);
    let chain = c.page("/redirect/3");
    assert!(chain["finalUrl"].as_str().unwrap().ends_with("/a"));
    assert_eq!(chain["status"], 200);
    assert_eq!(chain["redirects"].as_array().unwrap().len(), 4);
    let looped = c.page("/loop/a");
    assert!(
        looped["error"].as_str().unwrap().contains("loop"),
        "{looped}"
    );
    assert_eq!(site.count("/loop/a"), 1);
    assert_eq!(site.count("/loop/b"), 1);
}

#[test]
fn a_slow_page_times_out_after_retries_and_the_crawl_goes_on() {
    let site = Site::start(Robots::Status(404));
    let flags = ["--single-page", "--request-timeout", "300ms"];
    let c = crawl(&site, &["/slow", "/a"], &flags);
    assert_eq!(c.run.code, 4);
    assert_eq!(site.count("/slow"), 3, "two retries");
    assert_eq!(c.page("/slow")["error"], "timed out");
    assert_eq!(c.page("/a")["status"], 200);
}

#[test]
fn a_huge_page_is_truncated_and_the_crawl_goes_on() {
    let site = Site::start(Robots::Status(404));
    let c = crawl(&site, &["/big", "/a"], &["--single-page"]).run_ok();
    let big = c.page("/big");
    assert_eq!(big["truncated"], true);
    assert_eq!(big["title"], "big");
    assert!(big["bytes"].as_u64().unwrap() >= 10 * 1024 * 1024);
    assert_eq!(c.page("/a")["status"], 200);
}

#[test]
fn a_pdf_is_recorded_not_parsed() {
    let site = Site::start(Robots::Status(404));
    let c = crawl(&site, &["/report"], &[]).run_ok();
    let pdf = c.page("/report");
    assert_eq!(pdf["contentType"], "application/pdf");
    assert_eq!(pdf["links"], serde_json::json!([]));
    assert!(pdf["text"].is_null());
    assert_eq!(site.paths(), ["/robots.txt", "/report"]);
}

#[test]
fn an_iso_8859_1_page_is_decoded() {
    let site = Site::start(Robots::Status(404));
    let c = crawl(&site, &["/latin"], &[]).run_ok();
    let page = c.page("/latin");
    assert_eq!(page["title"], "Café");
    assert_eq!(page["text"], "naïve crème");
}

#[test]
fn a_calendar_trap_is_bounded_by_depth_and_budget() {
    let site = Site::start(Robots::Status(404));
    let flags = ["--max-depth", "4", "--delay", "20ms"];
    let c = crawl(&site, &["/calendar?month=0"], &flags).run_ok();
    assert_eq!(c.pages.len(), 1 + 2 + 2 + 2 + 2, "two new months per level");
    let site = Site::start(Robots::Status(404));
    let flags = ["--max-pages", "3", "--max-depth", "1000", "--delay", "20ms"];
    let c = crawl(&site, &["/calendar?month=0"], &flags).run_ok();
    assert_eq!(c.pages.len(), 3);
    assert_eq!(site.hits().len(), 4);
}

#[test]
fn the_budget_holds_at_concurrency_16() {
    let site = Site::start(Robots::Status(404));
    let flags = [
        "--max-pages",
        "25",
        "--concurrency",
        "16",
        "--host-concurrency",
        "16",
        "--delay",
        "0s",
    ];
    let c = crawl(&site, &["/w/0"], &flags).run_ok();
    assert_eq!(c.pages.len(), 25);
    assert_eq!(site.hits().len(), 26, "25 pages and robots.txt");
    assert_each_once(&site);
}

#[test]
fn a_429_slows_down_for_retry_after() {
    let site = Site::start(Robots::Status(404));
    let c = crawl(&site, &["/limited"], &["--single-page"]).run_ok();
    assert_eq!(c.page("/limited")["status"], 200);
    let hits: Vec<_> = site
        .hits()
        .into_iter()
        .filter(|h| h.path == "/limited")
        .collect();
    assert_eq!(hits.len(), 2);
    assert!(hits[1].at.duration_since(hits[0].at) >= Duration::from_millis(950));
}

#[test]
fn refresh_cache_reports_unchanged_pages() {
    let site = Site::start(Robots::Status(404));
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.json");
    let cache = cache.to_str().unwrap();
    let flags = ["--single-page", "--cache", cache];
    let first = crawl(&site, &["/etag", "/a"], &flags).run_ok();
    assert!(first.page("/etag").get("unchanged").is_none());
    let again = crawl(&site, &["/etag", "/a"], &flags).run_ok();
    assert_eq!(again.page("/etag")["status"], 304);
    assert_eq!(again.page("/etag")["unchanged"], true);
    assert_eq!(again.page("/a")["unchanged"], true, "same hash");
    assert_eq!(again.summary["unchanged"], 2);
    let forced = crawl(
        &site,
        &["/etag"],
        &["--single-page", "--cache", cache, "--force-refresh"],
    );
    assert_eq!(forced.run_ok().page("/etag")["status"], 200);
}

#[test]
fn seed_failures_exit_4_and_bad_urls_are_usage_errors() {
    let site = Site::start(Robots::standard());
    let c = crawl(&site, &["/missing"], &[]);
    assert_eq!(c.run.code, 4);
    let c = crawl(&site, &["/private/x"], &[]);
    assert_eq!(c.run.code, 4, "robots refused the seed");
    assert_eq!(site.count("/private/x"), 0);
    Cmd::new().args(["crawl", "ftp://x"]).run().fails_with(2);
    Cmd::new().args(["crawl", "not a url"]).run().fails_with(2);
}

#[test]
fn markdown_to_a_file() {
    let site = Site::start(Robots::Status(404));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.md");
    let run = Cmd::new()
        .args(["crawl", "--single-page", "--output", "markdown", "-o"])
        .arg_path_plain(&file)
        .args([site.url("/a")])
        .run()
        .ok();
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("fetched 1 pages"), "{}", run.stderr);
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("# A\n"), "{md}");
}

fn enqueue(server: &RedisServer, extra: &[&str]) -> Value {
    let mut cmd = server.queuectl();
    cmd.args(["crawl", "https://Example.com/start", "--enqueue", "--json"]);
    cmd.args(extra);
    cmd.run().ok().json()
}

fn job_hash(server: &RedisServer, id: &str, field: &str) -> Value {
    let raw = server.raw(&["HGET", &format!("bull:scrape-queue:{id}"), field]);
    serde_json::from_str(&raw).unwrap_or_else(|_| panic!("{field} of job {id}: {raw:?}"))
}

#[test]
fn enqueue_adds_one_deduplicated_scrape_job() {
    let server = RedisServer::start();
    let flags = [
        "--max-pages",
        "7",
        "--customer",
        "acme",
        "--tier",
        "premium",
    ];
    let first = enqueue(&server, &flags);
    assert_eq!(first["name"], "full-crawl");
    assert_eq!(first["queue"], "scrape-queue");
    let id = first["id"].as_str().unwrap();
    assert_eq!(
        job_hash(&server, id, "data"),
        serde_json::json!({"url": "https://example.com/start", "maxPages": 7, "respectRobots": true, "customerId": "acme"})
    );
    assert_eq!(job_hash(&server, id, "priority"), 2);
    let ttl = server.int(&["PTTL", "bull:scrape-queue:de:full-crawl:example.com"]);
    assert!(
        ttl > 3_500_000 && ttl <= 3_600_000,
        "dedup window of 1h: {ttl}"
    );
    let second = enqueue(&server, &flags);
    assert_eq!(second["id"], first["id"]);
    assert_eq!(second["deduplicated"], true);
    let refresh = enqueue(&server, &["--refresh", "--force-refresh"]);
    assert_eq!(refresh["name"], "refresh");
    assert_ne!(
        refresh["id"], first["id"],
        "another job type, another dedup id"
    );
    assert_eq!(
        job_hash(&server, refresh["id"].as_str().unwrap(), "data"),
        serde_json::json!({"url": "https://example.com/start", "forceRefresh": true})
    );
}

#[test]
fn enqueued_crawl_is_seen_by_a_node_worker() {
    let server = RedisServer::start();
    let added = enqueue(&server, &["--single-page", "--priority", "high"]);
    let run = support::node(&server, "process.js", &["scrape-queue", "1"]);
    assert_eq!(run.code, 0, "node: {}", run.stderr);
    let seen: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let job = &seen[0];
    assert_eq!(job["id"], added["id"]);
    assert_eq!(job["name"], "single-page");
    assert_eq!(job["data"]["url"], "https://example.com/start");
    assert_eq!(job["priority"], 2);
}
