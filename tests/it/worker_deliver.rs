//! `queuectl worker --pages-dir` / `--forward`: scraped pages go to a file per
//! job and to one `process-content` job per page, consumed by Node BullMQ.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::site::{Robots, Site};
use crate::support::{node, RedisServer};
use crate::worker::{counts, enqueue, job, WorkerProc};

/// Runs a `--burst` scrape worker on scrape-q with `extra` flags until it exits.
fn scrape(server: &RedisServer, extra: &[&str]) {
    let mut args = vec!["--queue", "scrape-q", "--allow-private-networks", "--burst"];
    args.extend_from_slice(extra);
    let mut w = WorkerProc::start(server, &args);
    assert_eq!(w.wait_exit(Duration::from_secs(30)), 0, "worker {args:?}");
}

fn completed_result(server: &RedisServer, id: &str) -> Value {
    let j = job(server, "scrape-q", id);
    assert_eq!(j["state"], "completed", "{j}");
    let result = j["returnvalue"].clone();
    assert!(
        result.get("pages").is_none(),
        "pages left the result: {result}"
    );
    result
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn forwarded_pages_reach_a_node_worker_once_and_an_unchanged_refresh_adds_nothing() {
    let server = RedisServer::start();
    let site = Site::start(Robots::standard());
    let data = json!({"url": site.url("/"), "maxPages": 4, "customerId": "cust-7"});
    let opts = json!({"jobId": "crawl-1", "attempts": 1});
    enqueue(
        &server,
        "scrape-q",
        &[json!({"name": "full-crawl", "data": data, "opts": opts})],
    );
    scrape(&server, &["--forward"]);
    let result = completed_result(&server, "crawl-1");
    let forwarded = result["forwarded"].as_u64().unwrap() as usize;
    assert!(forwarded >= 3, "{result}");
    assert_eq!(
        (&result["forwardQueue"], &result["alreadyForwarded"]),
        (&json!("process-queue"), &json!(0)),
        "{result}"
    );

    let run = node(
        &server,
        "process.js",
        &["process-queue", &forwarded.to_string()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let mut urls = BTreeSet::new();
    for j in &seen {
        let d = &j["data"];
        assert_eq!(j["name"], "process-content", "{j}");
        assert_eq!(
            (&d["customerId"], &d["sourceJobId"]),
            (&json!("cust-7"), &json!("crawl-1"))
        );
        let url = d["url"].as_str().unwrap();
        assert!(url.starts_with(&site.base), "{d}");
        assert!(
            d["finalUrl"].is_string() && d["contentHash"].is_string(),
            "{d}"
        );
        let body = d.get("markdown").or(d.get("text")).and_then(Value::as_str);
        assert!(!body.unwrap_or_default().is_empty(), "no content: {d}");
        urls.insert(url.to_string());
    }
    assert_eq!(urls.len(), forwarded, "one job per page: {seen:?}");
    let home = seen
        .iter()
        .find(|j| j["data"]["url"] == site.url("/"))
        .expect("the seed");
    assert_eq!(home["data"]["title"], "Home");
    assert!(home["data"]["text"].as_str().unwrap().contains("Home text"));

    // The same page, unchanged, after its forwarded job completed and was
    // cleaned (as the daily maintenance does): nothing new.
    let run = node(
        &server,
        "clean.js",
        &["process-queue", "0", "100", "completed"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let refresh = json!({"name": "refresh", "data": {"url": site.url("/"), "customerId": "cust-7"},
                         "opts": {"jobId": "refresh-1", "attempts": 1}});
    enqueue(&server, "scrape-q", &[refresh]);
    scrape(&server, &["--forward"]);
    let result = completed_result(&server, "refresh-1");
    assert_eq!(
        (&result["forwarded"], &result["alreadyForwarded"]),
        (&json!(0), &json!(1)),
        "{result}"
    );
    let c = counts(&server, "process-queue");
    assert_eq!(
        (&c["waiting"], &c["active"], &c["delayed"]),
        (&json!(0), &json!(0), &json!(0)),
        "{c}"
    );
}

#[test]
fn pages_dir_files_are_whole_replaced_by_a_rerun_and_stay_inside_the_dir() {
    let server = RedisServer::start();
    let site = Site::start(Robots::standard());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pages");
    let arg = root.to_str().unwrap().to_string();
    let crawl = |max: u64| {
        json!({"name": "full-crawl", "data": {"url": site.url("/"), "maxPages": max},
               "opts": {"jobId": "crawl-2", "attempts": 1}})
    };
    let hostile = ["../../escape\u{1}x", "a/b"].map(|id| {
        json!({"name": "single-page", "data": {"url": site.url("/a")}, "opts": {"jobId": id, "attempts": 1}})
    });
    enqueue(
        &server,
        "scrape-q",
        &[crawl(4), hostile[0].clone(), hostile[1].clone()],
    );
    scrape(&server, &["--pages-dir", &arg]);

    let result = completed_result(&server, "crawl-2");
    let file = root.canonicalize().unwrap().join("scrape-q/crawl-2.ndjson");
    assert_eq!(result["pagesFile"], file.to_str().unwrap(), "{result}");
    let first = lines(&file);
    assert!(first.len() >= 3, "{first:?}");
    assert_eq!(
        (&first[0]["url"], &first[0]["title"]),
        (&json!(site.url("/")), &json!("Home"))
    );
    let escaped = completed_result(&server, "../../escape\u{1}x");
    assert!(escaped["pagesFile"]
        .as_str()
        .unwrap()
        .ends_with("/scrape-q/%2E%2E%2F%2E%2E%2Fescape%01x.ndjson"));
    assert_eq!(names_in(dir.path()), BTreeSet::from(["pages".to_string()]));
    assert_eq!(names_in(&root), BTreeSet::from(["scrape-q".to_string()]));
    let expected = [
        "crawl-2.ndjson",
        "%2E%2E%2F%2E%2E%2Fescape%01x.ndjson",
        "a%2Fb.ndjson",
    ];
    assert_eq!(
        names_in(&root.join("scrape-q")),
        expected.map(String::from).into()
    );

    // Run crawl-2 again (one page now) while a reader watches its file.
    let run = node(&server, "clean.js", &["scrape-q", "0", "100", "completed"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    enqueue(&server, "scrape-q", &[crawl(1)]);
    let old = std::fs::read_to_string(&file).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, file) = (stop.clone(), file.clone());
        std::thread::spawn(move || {
            let mut seen = BTreeSet::new();
            while !stop.load(Ordering::Relaxed) {
                seen.insert(std::fs::read_to_string(&file).unwrap());
                std::thread::sleep(Duration::from_millis(1));
            }
            seen
        })
    };
    scrape(&server, &["--pages-dir", &arg]);
    stop.store(true, Ordering::Relaxed);
    let again = lines(&file);
    assert_eq!(
        again.len(),
        1,
        "the rerun's file replaces the first: {again:?}"
    );
    let new = std::fs::read_to_string(&file).unwrap();
    for content in reader.join().unwrap() {
        assert!(
            content == old || content == new,
            "a reader saw part of a file: {content:?}"
        );
    }
    assert_eq!(
        names_in(&root.join("scrape-q")),
        expected.map(String::from).into(),
        "temporary files left"
    );
}

#[test]
fn delivery_flags_are_checked_before_any_job_runs() {
    let server = RedisServer::start();
    let file = tempfile::NamedTempFile::new().unwrap();
    let not_dir = file.path().join("sub");
    let run = server
        .queuectl()
        .args([
            "worker",
            "--burst",
            "--pages-dir",
            not_dir.to_str().unwrap(),
        ])
        .run()
        .fails_with(2);
    assert!(run.stderr.contains("--pages-dir"), "{}", run.stderr);
    let run = server
        .queuectl()
        .args(["worker", "--burst", "--forward", "embed"])
        .run()
        .fails_with(2);
    assert!(run.stderr.contains("--forward-queue"), "{}", run.stderr);
}
