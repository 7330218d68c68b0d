//! `crawl --render` and the scrape handler's `render` in real headless
//! Chromium: a React-style shell rendered and extracted, `auto` telling
//! shells from server-rendered pages, a never-quiet page cut at the bound,
//! robots.txt, delays, blocked images, the guard on the page's own requests
//! (in a private network namespace), no orphaned browser, and a Node-added
//! job rendered by the worker.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::netns::{Netns, PUBLIC_IP};
use crate::support::site::pages_and_summary;
use crate::support::spa::{article, Spa};
use crate::support::{self, node, node_ready, Cmd, RedisServer};
use crate::worker::WorkerProc;

fn crawl(args: &[&str]) -> (Vec<Value>, Value, support::Run) {
    let run = Cmd::new()
        .args(["crawl", "--json", "--delay", "100ms"])
        .args(args)
        .run();
    let (pages, summary) = pages_and_summary(&run);
    (pages, summary, run)
}

fn text(page: &Value) -> &str {
    page["text"].as_str().unwrap_or_default()
}

#[test]
fn a_shell_is_rendered_politely_and_extracted_from_the_rendered_dom() {
    let spa = Spa::start(4);
    let (pages, summary, run) = crawl(&["--render", "always", &spa.url("/app/0")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        pages.len(),
        4,
        "links come from the rendered DOM: {pages:?}"
    );
    for page in &pages {
        let url = page["url"].as_str().unwrap();
        let n: usize = url.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(page["rendered"], true, "{page}");
        assert!(text(page).contains(&article(n)), "{page}");
    }
    assert_eq!(summary["fetched"], 4);
    let paths = spa.paths();
    // The document is fetched once (the browser is served the static fetch),
    // robots.txt rules the page's own requests, images are not loaded.
    for n in 0..4 {
        assert_eq!(spa.count(&format!("/app/{n}")), 1, "{paths:?}");
        assert_eq!(spa.count(&format!("/api/content/{n}")), 1, "{paths:?}");
    }
    assert_eq!(spa.count("/robots.txt"), 1, "{paths:?}");
    assert_eq!(
        spa.count("/private"),
        0,
        "robots.txt disallows it: {paths:?}"
    );
    assert_eq!(spa.count("/img"), 0, "images are not loaded: {paths:?}");
    assert_eq!(spa.count("/favicon.ico"), 0, "{paths:?}");
    // Pages 1 to 3 are found together and two render at once (--host-concurrency),
    // their loads still --delay apart (less 10 % for timing, as in `crawl`).
    let starts: Vec<Instant> = spa
        .hits()
        .into_iter()
        .filter(|(p, _)| p.starts_with("/app/"))
        .map(|(_, at)| at)
        .collect();
    for pair in starts.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(90),
            "pages {gap:?} apart: {paths:?}"
        );
    }

    let (pages, _, run) = crawl(&["--single-page", &spa.url("/app/0")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !text(&pages[0]).contains(&article(0)),
        "static: {}",
        pages[0]
    );
    assert!(pages[0].get("rendered").is_none(), "{}", pages[0]);
}

#[test]
fn auto_renders_only_application_shells() {
    let spa = Spa::start(1);
    let (pages, _, run) = crawl(&[
        "--render",
        "auto",
        "--single-page",
        &spa.url("/app/0"),
        &spa.url("/ssr/0"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let by_path = |p: &str| {
        pages
            .iter()
            .find(|page| page["url"] == spa.url(p))
            .unwrap_or_else(|| panic!("{p}: {pages:?}"))
    };
    let (shell, twin) = (by_path("/app/0"), by_path("/ssr/0"));
    assert_eq!(shell["rendered"], true, "{shell}");
    assert!(twin.get("rendered").is_none(), "{twin}");
    assert!(text(shell).contains(&article(0)), "{shell}");
    assert!(text(twin).contains(&article(0)), "{twin}");
    assert_eq!(
        spa.count("/api/content/0"),
        1,
        "only the shell was rendered"
    );
}

#[test]
fn a_page_that_never_goes_quiet_is_read_at_the_wait_bound() {
    let spa = Spa::start(1);
    let started = Instant::now();
    let (pages, _, run) = crawl(&[
        "--render",
        "always",
        "--render-wait",
        "1s",
        &spa.url("/busy"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(pages[0]["rendered"], true, "{}", pages[0]);
    assert!(
        text(&pages[0]).contains("Polling page content"),
        "{}",
        pages[0]
    );
    assert!(
        spa.count("/api/tick") >= 3,
        "it kept polling: {:?}",
        spa.paths()
    );
}

#[test]
fn without_a_browser_always_fails_and_auto_falls_back_to_static_html() {
    let spa = Spa::start(1);
    let url = spa.url("/app/0");
    let run = Cmd::new()
        .env("PATH", "/nonexistent")
        .args(["crawl", "--render", "always", &url])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "error: crawling: no Chromium or Chrome found on PATH: install one (./install.sh, or apt-get install chromium) or pass --browser PATH"
    );
    assert_eq!(spa.paths(), Vec::<String>::new(), "nothing fetched");
    let run = Cmd::new()
        .args([
            "crawl",
            "--render",
            "always",
            "--browser",
            "/nonexistent/chrome",
            &url,
        ])
        .run();
    assert!(
        run.stderr
            .contains("--browser /nonexistent/chrome: no such executable"),
        "{}",
        run.stderr
    );

    let run = Cmd::new()
        .env("PATH", "/nonexistent")
        .args(["crawl", "--json", "--render", "auto", "--single-page", &url])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("no Chromium or Chrome found on PATH"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--render auto uses static HTML"),
        "{}",
        run.stderr
    );
    let (pages, _) = pages_and_summary(&run);
    assert!(pages[0].get("rendered").is_none(), "{}", pages[0]);
}

/// Waits until the site's never-quiet page is being rendered, and checks
/// that the browser of `queuectl_pid` runs.
fn wait_for_busy_render(spa: &Spa, queuectl_pid: u32) {
    let start = Instant::now();
    while spa.count("/api/tick") == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the page never rendered: {:?}",
            spa.paths()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !browser_processes(queuectl_pid).is_empty(),
        "the browser runs"
    );
}

/// Fails unless every process of `queuectl_pid`'s browser is gone within 5 s.
fn assert_no_browser_left(queuectl_pid: u32) {
    let start = Instant::now();
    while !browser_processes(queuectl_pid).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "orphaned: {:?}",
            browser_processes(queuectl_pid)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The processes whose command line names this queuectl's browser profile.
fn browser_processes(queuectl_pid: u32) -> Vec<String> {
    let out = std::process::Command::new("pgrep")
        .args(["-af", &format!("queuectl-chromium-{queuectl_pid}-")])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn sigterm_leaves_no_browser_process_behind() {
    let spa = Spa::start(1);
    let mut child = support::queuectl_command()
        .args(["crawl", "--render", "always", "--render-wait", "60s"])
        .arg(spa.url("/busy"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    wait_for_busy_render(&spa, pid);
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_no_browser_left(pid);
    let profiles: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("queuectl-chromium-{pid}-"))
        })
        .collect();
    assert!(profiles.is_empty(), "the profile is removed: {profiles:?}");
}

#[test]
fn a_worker_stopped_mid_render_leaves_no_browser_behind() {
    let server = RedisServer::start();
    let spa = Spa::start(1);
    crate::worker::enqueue(
        &server,
        "scrape-q",
        &[
            json!({"name": "single-page", "data": {"url": spa.url("/busy")}, "opts": {"jobId": "b1"}}),
        ],
    );
    let mut worker = WorkerProc::start(
        &server,
        &[
            "--queue",
            "scrape-q",
            "--allow-private-networks",
            "--render",
            "always",
            "--render-wait",
            "60s",
        ],
    );
    let pid = worker.child.id();
    wait_for_busy_render(&spa, pid);
    // The first signal waits for the job (--grace); the second exits at once.
    worker.signal("-TERM");
    std::thread::sleep(Duration::from_millis(200));
    worker.signal("-TERM");
    worker.wait_exit(Duration::from_secs(10));
    assert_no_browser_left(pid);
}

#[test]
fn a_browser_that_dies_is_started_again() {
    let spa = Spa::start(3);
    let child = support::queuectl_command()
        .args(["crawl", "--json", "--render", "always", "--delay", "1s"])
        .arg(spa.url("/app/0"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let start = Instant::now();
    while spa.count("/api/content/0") == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            spa.paths()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The oldest process with the profile on its command line is the browser itself.
    let oldest = std::process::Command::new("pgrep")
        .args(["-o", "-f", &format!("queuectl-chromium-{pid}-0")])
        .output()
        .unwrap();
    let browser = String::from_utf8_lossy(&oldest.stdout).trim().to_string();
    assert!(!browser.is_empty(), "no browser found");
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &browser])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let run = support::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let (pages, _) = pages_and_summary(&run);
    assert_eq!(pages.len(), 3, "{}", run.stderr);
    for page in &pages {
        assert_eq!(page["rendered"], true, "{page}");
    }
    assert_no_browser_left(pid);
}

const INTERNAL: &str = "127.0.0.1:8081";

/// A public page whose script asks for a loopback server, a private address
/// and the cloud metadata address, and shows what its own fetch got.
fn leaky_site() -> Netns {
    let script = "<title>Leaky</title><div id='root'></div><script>\
        fetch('http://127.0.0.1:8081/secret').catch(() => {});\
        fetch('http://10.0.0.1/x').catch(() => {});\
        fetch('http://169.254.169.254/latest/meta-data/').catch(() => {});\
        fetch('/api').then(r => r.text()).then(t => { document.getElementById('root').innerHTML = '<main><p>' + t + '</p></main>'; });\
        </script>";
    let mut ns = Netns::new();
    ns.http(
        PUBLIC_IP,
        8080,
        json!({"/robots.txt": {"body": ""}, "/": {"body": script, "headers": {"Content-Type": "text/html"}},
               "/api": {"body": "Mounted by the page script from its own server."}}),
    )
    .http(INTERNAL.split(':').next().unwrap(), 8081, json!({"/secret": {"body": "secret"}}));
    ns
}

fn refused_urls(list: &Value) -> Vec<&str> {
    let mut urls: Vec<&str> = list
        .as_array()
        .unwrap_or_else(|| panic!("no list: {list}"))
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    urls.sort();
    urls
}

const REFUSED: [&str; 3] = [
    "http://10.0.0.1/x",
    "http://127.0.0.1:8081/secret",
    "http://169.254.169.254/latest/meta-data/",
];

#[test]
fn the_guard_refuses_the_pages_own_requests_to_private_addresses() {
    let ns = leaky_site();
    let (inside, pages, summary) = crate::guard::crawl_inside(
        &ns,
        &[
            "--deny-private-networks",
            "--render",
            "always",
            "--single-page",
            "http://93.184.216.34:8080/",
        ],
    );
    assert_eq!(inside.run.code, 0, "{}", inside.run.stderr);
    assert_eq!(inside.paths(INTERNAL), Vec::<String>::new());
    assert_eq!(pages[0]["rendered"], true, "{}", pages[0]);
    assert!(
        text(&pages[0]).contains("Mounted by the page script"),
        "{}",
        pages[0]
    );
    assert_eq!(
        refused_urls(&summary["pageRequestsRefused"]),
        REFUSED,
        "{summary}"
    );
}

#[test]
fn the_worker_renders_with_the_guard_on() {
    let ns = leaky_site();
    let job = json!({"name": "single-page", "data": {"url": "http://93.184.216.34:8080/", "render": "always"},
                     "opts": {"jobId": "r1", "attempts": 1}});
    let (inside, jobs) = crate::guard::worker_inside(&ns, &[job]);
    assert_eq!(
        inside.paths(INTERNAL),
        Vec::<String>::new(),
        "{}",
        inside.run.stderr
    );
    let r1 = &jobs[0];
    assert_eq!(r1["state"], "completed", "{r1}");
    let result = &r1["returnvalue"];
    assert_eq!(result["pages"][0]["rendered"], true, "{result}");
    assert!(
        text(&result["pages"][0]).contains("Mounted by the page script"),
        "{result}"
    );
    assert_eq!(
        refused_urls(&result["pageRequestsRefused"]),
        REFUSED,
        "{result}"
    );
}

#[test]
fn the_worker_renders_a_node_added_single_page_job() {
    let server = RedisServer::start();
    node_ready();
    let spa = Spa::start(1);
    let _worker = WorkerProc::start(
        &server,
        &[
            "--queue",
            "scrape-q",
            "--allow-private-networks",
            "--render",
            "always",
        ],
    );
    let data = json!({"url": spa.url("/app/0")}).to_string();
    let run = node(&server, "waitjob.js", &["scrape-q", "single-page", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let page = &out["result"]["pages"][0];
    assert_eq!(page["rendered"], true, "{out:#}");
    assert!(text(page).contains(&article(0)), "{out:#}");
    assert_eq!(spa.count("/private"), 0, "{:?}", spa.paths());
}
