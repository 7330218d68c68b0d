//! `queuectl worker` against real Redis and real Node BullMQ: processing,
//! sharing a queue with a Node worker, shutdown, crashes, heartbeats and Node
//! job schedulers (retries and the retry policy are in `worker_retry`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, node, node_ready, RedisServer};

/// A running `queuectl worker --json`, its events collected as they arrive.
pub(crate) struct WorkerProc {
    pub(crate) child: Child,
    pub(crate) events: Arc<Mutex<Vec<Value>>>,
}

impl WorkerProc {
    pub(crate) fn start(server: &RedisServer, args: &[&str]) -> Self {
        let mut child = support::queuectl_command()
            .env("REDIS_URL", server.url())
            .args(["worker", "--json"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn queuectl worker");
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = events.clone();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let v: Value =
                    serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
                sink.lock().unwrap().push(v);
            }
        });
        Self { child, events }
    }

    pub(crate) fn count(&self, event: &str) -> usize {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e["event"] == event)
            .count()
    }

    pub(crate) fn ids(&self, event: &str) -> Vec<String> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .filter(|e| e["event"] == event)
            .map(|e| e["jobId"].as_str().unwrap().to_string())
            .collect()
    }

    pub(crate) fn wait_for(&self, what: &str, limit: Duration, cond: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !cond(self) {
            assert!(
                start.elapsed() < limit,
                "timed out waiting for {what}; events: {:?}",
                self.events.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    pub(crate) fn wait_exit(&mut self, limit: Duration) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(
                start.elapsed() < limit,
                "worker did not exit within {limit:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for WorkerProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn enqueue(server: &RedisServer, queue: &str, lines: &[Value]) {
    let ndjson: String = lines.iter().map(|l| format!("{l}\n")).collect();
    server
        .queuectl()
        .args(["enqueue", "--file", "-", "--queue", queue])
        .stdin(ndjson)
        .run()
        .ok();
}

pub(crate) fn counts(server: &RedisServer, queue: &str) -> Value {
    let run = node(server, "counts.js", &[queue]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

pub(crate) fn job(server: &RedisServer, queue: &str, id: &str) -> Value {
    server
        .queuectl()
        .args(["job", queue, id, "--json"])
        .run()
        .ok()
        .json()
}

#[test]
fn a_node_job_runs_in_queuectl_and_node_queue_events_follow_it() {
    let server = RedisServer::start();
    node_ready();
    let script = r#"read job; echo "progress 30 fetched"; echo "log working"; echo "progress 100"; echo "{\"ok\": true, \"by\": \"queuectl\"}""#;
    let _worker = WorkerProc::start(
        &server,
        &["--queue", "wq", "--exec", &format!("shell={script}")],
    );
    let run = node(&server, "waitjob.js", &["wq", "shell", r#"{"n": 3}"#]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(out["result"], json!({"ok": true, "by": "queuectl"}));
    let events = out["events"].as_array().unwrap();
    let names: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"active"), "{out:#}");
    assert_eq!(names.last(), Some(&"completed"), "{out:#}");
    let progress: Vec<&Value> = events
        .iter()
        .filter(|e| e["event"] == "progress")
        .map(|e| &e["data"])
        .collect();
    assert_eq!(
        progress.first(),
        Some(&&json!({"progress": 30, "percent": 30, "message": "fetched"})),
        "{out:#}"
    );
    assert_eq!(
        progress.last(),
        Some(&&json!(100)),
        "the last progress always goes out: {out:#}"
    );
    let id = out["jobId"].as_str().unwrap();
    let logs = job(&server, "wq", id)["logs"].clone();
    assert_eq!(logs[0], "working");
    assert!(
        logs[1].as_str().unwrap().starts_with("queuectl: duration"),
        "{logs}"
    );
}

#[test]
fn node_and_queuectl_workers_share_a_queue_without_losing_or_repeating_jobs() {
    let server = RedisServer::start();
    node_ready();
    let lines: Vec<Value> = (0..2000)
        .map(|i| json!({"name": "echo", "data": {"i": i}, "opts": {"removeOnComplete": false}}))
        .collect();
    enqueue(&server, "shared", &lines);
    let mut ours = WorkerProc::start(&server, &["--queue", "shared", "--concurrency", "shared=5"]);
    let run = node(&server, "drain.js", &["shared", "2000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let theirs: Vec<String> = serde_json::from_str(&run.stdout).unwrap();
    ours.wait_for("the last completion event", Duration::from_secs(5), |w| {
        w.count("completed") + theirs.len() >= 2000
    });
    ours.signal("-TERM");
    assert_eq!(ours.wait_exit(Duration::from_secs(10)), 0);
    let mut all: Vec<String> = ours.ids("completed");
    let ours_count = all.len();
    all.extend(theirs.iter().cloned());
    all.sort();
    all.dedup();
    assert_eq!(
        all.len(),
        2000,
        "a job was lost or processed twice ({ours_count} by queuectl, {} by Node)",
        theirs.len()
    );
    assert!(
        ours_count > 0 && !theirs.is_empty(),
        "both workers should take part: {ours_count} / {}",
        theirs.len()
    );
    let c = counts(&server, "shared");
    assert_eq!(
        (
            c["completed"].as_u64(),
            c["failed"].as_u64(),
            c["active"].as_u64(),
            c["waiting"].as_u64()
        ),
        (Some(2000), Some(0), Some(0), Some(0))
    );
}

#[test]
fn sigterm_lets_active_jobs_finish_then_exits_0() {
    let server = RedisServer::start();
    let lines: Vec<Value> = (0..20)
        .map(|_| json!({"name": "sleep", "data": {"ms": 1500}}))
        .collect();
    enqueue(&server, "gq", &lines);
    let mut w = WorkerProc::start(
        &server,
        &["--queue", "gq", "--concurrency", "gq=20", "--grace", "10s"],
    );
    w.wait_for("20 started jobs", Duration::from_secs(10), |w| {
        w.count("started") == 20
    });
    w.signal("-TERM");
    assert_eq!(w.wait_exit(Duration::from_secs(10)), 0);
    assert_eq!(w.count("completed"), 20);
    assert_eq!(server.int(&["LLEN", "bull:gq:active"]), 0);
    assert_eq!(server.int(&["ZCARD", "bull:gq:completed"]), 20);
}

#[test]
fn jobs_of_a_killed_worker_are_recovered_by_the_next_one() {
    let server = RedisServer::start();
    let lines: Vec<Value> = (0..10)
        .map(
            |_| json!({"name": "sleep", "data": {"ms": 3000}, "opts": {"removeOnComplete": false}}),
        )
        .collect();
    enqueue(&server, "kq", &lines);
    let short = [
        "--queue",
        "kq",
        "--concurrency",
        "kq=10",
        "--lock-duration",
        "1s",
        "--stalled-interval",
        "500ms",
    ];
    let mut first = WorkerProc::start(&server, &short);
    first.wait_for("10 started jobs", Duration::from_secs(10), |w| {
        w.count("started") == 10
    });
    first.signal("-KILL");
    first.wait_exit(Duration::from_secs(5));
    assert_eq!(
        server.int(&["LLEN", "bull:kq:active"]),
        10,
        "the killed worker's jobs are still active"
    );
    let mut second = WorkerProc::start(&server, &[&short[..], &["--burst"]].concat());
    assert_eq!(second.wait_exit(Duration::from_secs(30)), 0);
    assert_eq!(
        server.int(&["ZCARD", "bull:kq:completed"]),
        10,
        "events: {:?}",
        second.events.lock().unwrap()
    );
    assert_eq!(server.int(&["LLEN", "bull:kq:active"]), 0);
    assert!(second.count("stalled") > 0 || second.count("started") == 10);
}

#[test]
fn a_node_job_scheduler_keeps_firing_with_only_queuectl_serving() {
    let server = RedisServer::start();
    let run = node(&server, "scheduler.js", &["cron-q", "tick", "700"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let w = WorkerProc::start(&server, &["--queue", "cron-q"]);
    w.wait_for("3 scheduler iterations", Duration::from_secs(10), |w| {
        w.count("completed") >= 3
    });
    let ids = w.ids("completed");
    assert!(
        ids.iter().all(|id| id.starts_with("repeat:tick:")),
        "{ids:?}"
    );
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "each iteration is a new job");
}

#[test]
fn bad_worker_flags_are_usage_errors() {
    let server = RedisServer::start();
    for args in [
        vec!["worker", "--exec", "noequals"],
        vec!["worker", "--concurrency", "q=x"],
        vec!["worker", "--queue", "a", "--concurrency", "b=2"],
        vec!["worker", "--queue", "bad:name"],
    ] {
        server.queuectl().args(&args).run().fails_with(2);
    }
}

#[test]
fn a_running_worker_keeps_a_heartbeat_and_removes_it_on_exit() {
    let server = RedisServer::start();
    let mut w = WorkerProc::start(&server, &["--queue", "hq", "--concurrency", "hq=2"]);
    let start = Instant::now();
    let key = loop {
        let keys = server.raw(&["--scan", "--pattern", "bull:__queuectl__:worker:*"]);
        if let Some(k) = keys.lines().next() {
            break k.to_string();
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no heartbeat");
        std::thread::sleep(Duration::from_millis(50));
    };
    let record: Value = serde_json::from_str(&server.raw(&["GET", &key])).unwrap();
    assert_eq!(record["queues"], json!([{"name": "hq", "concurrency": 2}]));
    assert_eq!(record["pid"], w.child.id());
    assert_eq!(record["status"], "idle");
    let ttl = server.int(&["PTTL", &key]);
    assert!(ttl > 0 && ttl <= 30_000, "{ttl}");
    w.signal("-TERM");
    assert_eq!(w.wait_exit(Duration::from_secs(10)), 0);
    assert_eq!(
        server.int(&["EXISTS", &key]),
        0,
        "the heartbeat outlived the worker"
    );
}

#[test]
fn a_full_crawl_job_reports_progress_to_100_and_private_urls_need_a_flag() {
    use crate::support::site::{Robots, Site};
    let server = RedisServer::start();
    let site = Site::start(Robots::standard());
    let data = json!({"url": site.url("/"), "maxPages": 4});
    enqueue(
        &server,
        "scrape-q",
        &[json!({"name": "full-crawl", "data": data, "opts": {"jobId": "c1", "attempts": 1}})],
    );
    let mut w = WorkerProc::start(
        &server,
        &["--queue", "scrape-q", "--allow-private-networks", "--burst"],
    );
    assert_eq!(w.wait_exit(Duration::from_secs(30)), 0);
    let c1 = job(&server, "scrape-q", "c1");
    assert_eq!(c1["state"], "completed", "{c1}");
    let result = &c1["returnvalue"];
    assert_eq!(result["success"], true);
    assert!(result["pagesProcessed"].as_u64().unwrap() >= 3, "{result}");
    assert_eq!(result["pages"][0]["title"], "Home");
    assert!(site.count("/private/x") == 0, "robots.txt was ignored");
    let percents: Vec<i64> = w
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "progress")
        .map(|e| e["progress"]["percent"].as_i64().unwrap())
        .collect();
    assert!(
        percents.windows(2).all(|p| p[0] <= p[1]),
        "progress must rise: {percents:?}"
    );
    assert_eq!(percents.last(), Some(&100), "{percents:?}");
    assert_eq!(
        c1["progress"],
        json!({"progress": 100, "percent": 100, "message": "Complete"})
    );
    assert!(
        c1["metrics"]["cpuMs"].is_u64(),
        "the crawl thread's CPU time: {c1}"
    );
    assert_eq!(c1["metrics"]["rssOf"], "worker", "{c1}");

    enqueue(
        &server,
        "scrape-q",
        &[
            json!({"name": "single-page", "data": {"url": site.url("/a")}, "opts": {"jobId": "c2", "attempts": 3}}),
        ],
    );
    let mut guarded = WorkerProc::start(&server, &["--queue", "scrape-q", "--burst"]);
    assert_eq!(guarded.wait_exit(Duration::from_secs(30)), 0);
    let c2 = job(&server, "scrape-q", "c2");
    assert_eq!(
        (c2["state"].as_str(), c2["attemptsMade"].as_u64()),
        (Some("failed"), Some(1)),
        "refused for good: {c2}"
    );
    assert!(
        c2["failedReason"].as_str().unwrap().contains("refused"),
        "{c2}"
    );
    assert_eq!(
        site.count("/a"),
        1,
        "the guarded worker must not fetch anything"
    );
}

#[test]
fn a_maintenance_job_applies_the_retention_policy_through_bullmq() {
    let server = RedisServer::start();
    let keep_all = json!({"removeOnComplete": false, "removeOnFail": false, "attempts": 1});
    let mut lines: Vec<Value> = (0..3)
        .map(|_| json!({"name": "echo", "opts": keep_all}))
        .collect();
    lines.push(json!({"name": "nothing", "opts": keep_all}));
    enqueue(&server, "old-q", &lines);
    WorkerProc::start(&server, &["--queue", "old-q", "--burst"]).wait_exit(Duration::from_secs(20));
    assert_eq!(server.int(&["ZCARD", "bull:old-q:completed"]), 3);
    assert_eq!(server.int(&["ZCARD", "bull:old-q:failed"]), 1);
    std::thread::sleep(Duration::from_millis(1100));
    let data = json!({"queues": ["old-q"], "completedAge": "1s"});
    enqueue(
        &server,
        "maintenance-queue",
        &[json!({"name": "maintenance", "data": data, "opts": {"jobId": "m1"}})],
    );
    let mut w = WorkerProc::start(&server, &["--queue", "maintenance-queue", "--burst"]);
    assert_eq!(w.wait_exit(Duration::from_secs(20)), 0);
    let m1 = job(&server, "maintenance-queue", "m1");
    assert_eq!(m1["returnvalue"]["queues"][0]["completed"], 3, "{m1}");
    assert_eq!(
        m1["returnvalue"]["queues"][0]["failed"], 0,
        "failed jobs are kept for 7 days"
    );
    assert_eq!(server.int(&["ZCARD", "bull:old-q:completed"]), 0);
    assert_eq!(server.int(&["ZCARD", "bull:old-q:failed"]), 1);
}

/// A worker on `queue` whose lost jobs come back within seconds: a 2 s lock
/// and a stall check every second.
fn quick_stall_worker(server: &RedisServer, queue: &str, concurrency: usize) -> WorkerProc {
    let concurrency = format!("{queue}={concurrency}");
    WorkerProc::start(
        server,
        &[
            "--queue",
            queue,
            "--concurrency",
            &concurrency,
            "--lock-duration",
            "2s",
            "--stalled-interval",
            "1s",
        ],
    )
}

/// Waits until `queue` has `n` completed jobs; a restarted Redis answers
/// LOADING until its append-only file is read, which counts as not yet.
fn wait_completed(server: &RedisServer, queue: &str, n: i64, limit: Duration) {
    let key = format!("bull:{queue}:completed");
    let completed = || server.raw(&["ZCARD", &key]).parse().unwrap_or(0);
    let start = Instant::now();
    while completed() < n {
        assert!(
            start.elapsed() < limit,
            "stuck at {} completed after the restarts",
            completed()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_worker_reconnects_after_redis_restarts_and_finishes_every_job() {
    let mut server =
        RedisServer::start_with(None, &["--appendonly", "yes", "--appendfsync", "always"]);
    let lines: Vec<Value> = (0..150)
        .map(|_| json!({"name": "sleep", "data": {"ms": 20}, "opts": {"removeOnComplete": false}}))
        .collect();
    enqueue(&server, "rs-q", &lines);
    let w = quick_stall_worker(&server, "rs-q", 3);
    w.wait_for("some jobs done", Duration::from_secs(20), |w| {
        w.count("completed") >= 20
    });
    server.restart(Duration::from_millis(800));
    wait_completed(&server, "rs-q", 150, Duration::from_secs(40));
    assert_eq!(server.int(&["LLEN", "bull:rs-q:active"]), 0);
    assert_eq!(server.int(&["LLEN", "bull:rs-q:wait"]), 0);
}

/// Redis restarted five times under a running worker: a job whose finishing
/// command was lost with the connection comes back through stall recovery and
/// is finished with the result it already has, so no handler runs twice.
#[test]
fn five_redis_restarts_run_no_job_twice() {
    let mut server =
        RedisServer::start_with(None, &["--appendonly", "yes", "--appendfsync", "always"]);
    let lines: Vec<Value> = (0..2000)
        .map(|_| json!({"name": "sleep", "data": {"ms": 2}, "opts": {"removeOnComplete": false}}))
        .collect();
    enqueue(&server, "twice-q", &lines);
    let w = quick_stall_worker(&server, "twice-q", 10);
    for round in 1..=5 {
        w.wait_for("jobs between restarts", Duration::from_secs(30), |w| {
            w.count("started") >= round * 250
        });
        server.restart(Duration::from_millis(300));
    }
    wait_completed(&server, "twice-q", 2000, Duration::from_secs(60));
    let mut runs: HashMap<String, usize> = HashMap::new();
    for id in w.ids("started") {
        *runs.entry(id).or_default() += 1;
    }
    let twice: Vec<_> = runs.iter().filter(|(_, n)| **n > 1).collect();
    assert_eq!(runs.len(), 2000, "every job ran");
    assert!(twice.is_empty(), "ran more than once: {twice:?}");
    assert_eq!(server.int(&["LLEN", "bull:twice-q:active"]), 0);
}

#[test]
fn node_get_workers_lists_a_named_queuectl_worker() {
    let server = RedisServer::start();
    let w = WorkerProc::start(&server, &["--queue", "named-q", "--name", "billing-1"]);
    let start = Instant::now();
    loop {
        let run = node(&server, "workers.js", &["named-q"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let names: Vec<String> = serde_json::from_str(&run.stdout).unwrap();
        if names.iter().any(|n| n.ends_with(":w:billing-1")) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "Node getWorkers never listed it: {names:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(w);
}

#[test]
fn crawl_enqueue_content_flags_reach_the_worker() {
    use crate::support::site::{Robots, Site};
    let server = RedisServer::start();
    let site = Site::start(Robots::standard());
    let added = server
        .queuectl()
        .args([
            "crawl",
            &site.url("/a"),
            "--enqueue",
            "--single-page",
            "--json",
        ])
        .args(["--content", "full", "--markdown", "--chunk-size", "40:5"])
        .args(["--chunk-unit", "tokens", "--tokenizer", "o200k_base"])
        .run()
        .ok()
        .json();
    let id = added["id"].as_str().unwrap();
    let data = &job(&server, "scrape-queue", id)["data"];
    assert_eq!(
        (
            &data["content"],
            &data["markdown"],
            &data["chunkSize"],
            &data["chunkOverlap"],
            &data["chunkUnit"]
        ),
        (
            &json!("full"),
            &json!(true),
            &json!(40),
            &json!(5),
            &json!("o200k_base")
        ),
        "{data}"
    );
    let mut w = WorkerProc::start(
        &server,
        &[
            "--queue",
            "scrape-queue",
            "--allow-private-networks",
            "--burst",
        ],
    );
    assert_eq!(w.wait_exit(Duration::from_secs(30)), 0);
    let done = job(&server, "scrape-queue", id);
    assert_eq!(done["state"], "completed", "{done}");
    let page = &done["returnvalue"]["pages"][0];
    assert!(page["markdown"].is_string(), "{page}");
    let chunks = page["chunks"].as_array().expect("chunks");
    assert!(!chunks.is_empty(), "{page}");
    // With --json the worker's completion event carries the result; the
    // others (and every event without --json) do not.
    let events = w.events.lock().unwrap();
    let completed: Vec<&Value> = events
        .iter()
        .filter(|e| e["event"] == "completed")
        .collect();
    assert_eq!(completed.len(), 1);
    assert_eq!(completed[0]["result"]["pages"][0]["url"], page["url"]);
}

#[test]
fn node_get_metrics_counts_a_queuectl_workers_jobs() {
    let server = RedisServer::start();
    let lines: Vec<Value> = (0..5)
        .map(|i| json!({"name": "echo", "data": {"i": i}, "opts": {"attempts": 1}}))
        .chain([json!({"name": "no-handler", "opts": {"attempts": 1}})])
        .collect();
    enqueue(&server, "m-q", &lines);
    let mut w = WorkerProc::start(&server, &["--queue", "m-q", "--burst"]);
    assert_eq!(w.wait_exit(Duration::from_secs(20)), 0);
    let run = node(&server, "metrics.js", &["m-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let metrics: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(
        metrics,
        json!({"completed": {"count": 5, "minutes": 0}, "failed": {"count": 1, "minutes": 0}}),
        "counted as a Node worker with metrics counts (minute points appear as minutes end)"
    );

    // --no-metrics records none.
    enqueue(&server, "m-off", &lines[..2]);
    let mut w = WorkerProc::start(&server, &["--queue", "m-off", "--burst", "--no-metrics"]);
    assert_eq!(w.wait_exit(Duration::from_secs(20)), 0);
    let run = node(&server, "metrics.js", &["m-off"]);
    let metrics: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(metrics["completed"]["count"], 0, "{metrics}");
}
