//! `queuectl events` and `--wait`: events written by a real Node BullMQ worker
//! render in `events --follow` (decoded as Node's `QueueEvents` decodes them), and
//! `--wait` ends with the job: 0 and its return value, 1 and its reason, 5 on
//! `--timeout`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, RedisServer, Run};

/// Longest any background process may take.
const LIMIT: Duration = Duration::from_secs(30);

/// `queuectl ARGS` running in the background against `server`, with a hermetic environment.
fn spawn(server: &RedisServer, args: &[&str]) -> Child {
    support::queuectl_command()
        .args(args)
        .env("REDIS_URL", server.url())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn queuectl")
}

/// Waits (at most [`LIMIT`]) for a background process and collects its output.
fn finish(mut child: Child, what: &str) -> Run {
    let deadline = Instant::now() + LIMIT;
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} did not exit within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Polls `cond` every 20 ms for up to [`LIMIT`].
fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + LIMIT;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The lines a background process writes on stdout, as they come.
fn lines_of(child: &mut Child) -> Receiver<String> {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Reads lines until one satisfies `last`; panics after [`LIMIT`].
fn read_until(rx: &Receiver<String>, last: impl Fn(&str) -> bool) -> Vec<String> {
    let deadline = Instant::now() + LIMIT;
    let mut lines = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no closing line; got {lines:#?}"));
        let done = last(&line);
        lines.push(line);
        if done {
            return lines;
        }
    }
}

/// Runs the Node worker of `progress-worker.js` until `count` jobs ended; returns what it saw.
fn node_worker(server: &RedisServer, queue: &str, count: usize) -> Value {
    let run = support::node(server, "progress-worker.js", &[queue, &count.to_string()]);
    assert_eq!(run.code, 0, "progress-worker.js: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("progress-worker.js output")
}

fn interrupt(child: &Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

#[test]
fn follow_renders_node_worker_events_as_node_decodes_them() {
    let server = RedisServer::start();
    let q = "ev-follow";
    // Nothing in the stream yet and no backlog asked for: every line below is read
    // by the follow loop, whenever it starts.
    let mut follower = spawn(&server, &["events", q, "--follow", "-n", "0"]);
    let human = lines_of(&mut follower);
    let mut json_follower = spawn(&server, &["events", q, "--follow", "-n", "0", "--json"]);
    let ndjson = lines_of(&mut json_follower);
    let mut node_events = support::node_spawn(&server, "events.js", &[q, "20"]);
    let node_lines = lines_of(&mut node_events);
    assert_eq!(read_until(&node_lines, |_| true), [r#"{"ready":true}"#]);

    server
        .queuectl()
        .args([
            "enqueue",
            "page",
            r#"{"result":{"pagesProcessed":3}}"#,
            "--queue",
            q,
        ])
        .run()
        .ok();
    let failing = [
        "enqueue",
        "page",
        r#"{"fail":true,"reason":"disk full"}"#,
        "--queue",
        q,
        "--attempts",
        "2",
        "--backoff",
        "fixed:50ms",
    ];
    server.queuectl().args(failing).run().ok();
    let ended = node_worker(&server, q, 2);
    assert_eq!(
        ended[1],
        json!({"id": "2", "outcome": "failed", "attemptsMade": 2})
    );

    let lines = read_until(&human, |l| l.contains("retries-exhausted"));
    let first_id = server.raw(&[
        "XRANGE",
        &format!("bull:{q}:events"),
        "-",
        "+",
        "COUNT",
        "1",
    ]);
    let ms: i64 = first_id
        .lines()
        .next()
        .unwrap()
        .split('-')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let time = chrono::DateTime::from_timestamp_millis(ms).unwrap();
    let expected_first = format!(
        "{}  {q}  added              job 1  name=page",
        time.format("%Y-%m-%d %H:%M:%S%.3f")
    );
    assert_eq!(lines[0], expected_first);
    let expect = [
        "progress           job 1  {\"percent\":25,\"message\":\"fetched robots.txt\"}",
        "completed          job 1  {\"pagesProcessed\":3}",
        "delayed            job 2  until ",
        "waiting            job 2  prev=delayed",
        "failed             job 2  disk full",
        "retries-exhausted  job 2  attemptsMade=2",
    ];
    for want in expect {
        assert!(
            lines.iter().any(|l| l.contains(&format!("  {q}  {want}"))),
            "no line with {want:?} in {lines:#?}"
        );
    }

    // NDJSON carries what Node's QueueEvents hands its listeners, in the same order.
    let ours: Vec<Value> = read_until(&ndjson, |l| l.contains("retries-exhausted"))
        .iter()
        .map(|l| serde_json::from_str(l).expect("NDJSON line"))
        .collect();
    let node: Vec<Value> = read_until(&node_lines, |l| l.contains("retries-exhausted"))
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let key = |event: &str, args: &Value| {
        let payload = [
            "data",
            "returnvalue",
            "failedReason",
            "prev",
            "attemptsMade",
        ]
        .map(|k| args[k].to_string());
        (event.to_string(), args["jobId"].clone(), payload)
    };
    let ours_keys: Vec<_> = ours
        .iter()
        .map(|e| key(e["event"].as_str().unwrap(), e))
        .collect();
    let node_keys: Vec<_> = node
        .iter()
        .map(|e| key(e["event"].as_str().unwrap(), &e["args"]))
        .collect();
    assert_eq!(ours_keys, node_keys);
    assert_eq!(ours.len(), 20);
    assert!(ours
        .iter()
        .all(|e| e["queue"] == q && e["time"].is_u64() && e["id"].is_string()));

    interrupt(&follower);
    interrupt(&json_follower);
    assert_eq!(
        finish(follower, "events --follow").code,
        0,
        "Ctrl-C ends --follow cleanly"
    );
    assert_eq!(finish(json_follower, "events --follow --json").code, 0);
    let _ = finish(node_events, "events.js");

    // Without --follow: the last N events, or all of them with --from-start.
    let last = server.queuectl().args(["events", q, "-n", "2"]).run().ok();
    let tail: Vec<&str> = last.stdout.lines().collect();
    assert_eq!(tail.len(), 2, "{}", last.stdout);
    assert!(
        tail[0].contains("retries-exhausted") && tail[1].contains("drained"),
        "{tail:?}"
    );
    let all = server
        .queuectl()
        .args(["events", q, "--from-start", "--json"])
        .run()
        .ok();
    let stream_len: usize = server
        .raw(&["XLEN", &format!("bull:{q}:events")])
        .parse()
        .unwrap();
    assert_eq!(all.stdout.lines().count(), stream_len);
}

#[test]
fn enqueue_wait_exits_0_with_the_return_value_and_1_when_the_job_fails() {
    let server = RedisServer::start();
    let q = "ev-wait";
    let worker = support::node_spawn(&server, "progress-worker.js", &[q, "3"]);

    let done = server
        .queuectl()
        .args([
            "enqueue",
            "page",
            r#"{"result":{"pages":3}}"#,
            "--queue",
            q,
            "--wait",
            "--timeout",
            "30s",
        ])
        .run()
        .ok();
    assert_eq!(
        done.stdout, "{\"pages\":3}\n",
        "stdout is the return value only"
    );
    for line in [
        "progress 25% fetched robots.txt",
        "progress 50% fetched page",
        "progress 100% done",
    ] {
        assert!(
            done.stderr.lines().any(|l| l == line),
            "no {line:?} in:\n{}",
            done.stderr
        );
    }

    let fail = [
        "enqueue",
        "page",
        r#"{"fail":true,"reason":"disk full"}"#,
        "--queue",
        q,
        "--attempts",
        "2",
        "--backoff",
        "fixed:50ms",
        "--wait",
        "--timeout",
        "30s",
    ];
    let failed = server.queuectl().args(fail).run();
    assert_eq!(failed.code, 1, "{failed:?}");
    assert_eq!(failed.stdout, "");
    let err: Vec<&str> = failed.stderr.lines().collect();
    assert!(
        err.contains(&"retry: attempt 1/2 failed: disk full"),
        "{err:#?}"
    );
    assert_eq!(
        err.last(),
        Some(&"error: job 2 in ev-wait failed: disk full")
    );

    // --json: the job's events as NDJSON, then the job as `queuectl job --json` shows it.
    // An immediate retry (no backoff) shows up as `waiting` after `active`.
    let retried = [
        "enqueue",
        "page",
        r#"{"failTimes":1,"result":"ok"}"#,
        "--queue",
        q,
        "--attempts",
        "3",
        "--backoff",
        "fixed:0ms",
        "--wait",
        "--timeout",
        "30s",
        "--json",
    ];
    let run = server.queuectl().args(retried).run().ok();
    let docs: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (job, events) = docs.split_last().unwrap();
    let names: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"added"));
    assert_eq!(names.last(), Some(&"completed"));
    let retry = events
        .iter()
        .position(|e| e["event"] == "waiting" && e["prev"] == "active");
    assert!(retry.is_some_and(|i| names[i + 1] == "active"), "{names:?}");
    assert!(events.iter().all(|e| e["jobId"] == "3"));
    let shown = server
        .queuectl()
        .args(["job", q, "3", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(job, &shown);
    assert_eq!(
        (job["state"].as_str(), job["returnvalue"].as_str()),
        (Some("completed"), Some("ok"))
    );
    assert_eq!(job["attemptsMade"], 2);

    let ended = finish(worker, "progress-worker.js");
    assert_eq!(ended.code, 0, "{}", ended.stderr);
}

#[test]
fn job_wait_returns_at_once_for_a_finished_job_and_fails_for_an_unknown_one() {
    let server = RedisServer::start();
    let q = "ev-job";
    server
        .queuectl()
        .args(["enqueue", "page", r#"{"result":[1,2]}"#, "--queue", q])
        .run()
        .ok();
    node_worker(&server, q, 1);
    let run = server
        .queuectl()
        .args(["job", q, "1", "--wait", "--timeout", "10s"])
        .run()
        .ok();
    assert_eq!(run.stdout, "[1,2]\n");
    server
        .queuectl()
        .args(["job", q, "99", "--wait", "--timeout", "10s"])
        .run()
        .fails_with(1);
}

#[test]
fn wait_timeout_exits_5_and_leaves_the_job_queued() {
    let server = RedisServer::start();
    let q = "ev-timeout";
    let run = server
        .queuectl()
        .args([
            "enqueue",
            "page",
            "--queue",
            q,
            "--wait",
            "--timeout",
            "300ms",
        ])
        .run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains("keeps running"), "{}", run.stderr);
    let job = server
        .queuectl()
        .args(["job", q, "1", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(job["state"], "waiting");
}

#[test]
fn a_deduplicated_crawl_enqueue_waits_on_the_job_that_holds_the_id() {
    let server = RedisServer::start();
    let args = [
        "crawl",
        "https://example.com/",
        "--enqueue",
        "--single-page",
        "--wait",
        "--timeout",
        "30s",
    ];
    let first = spawn(&server, &args);
    wait_until("job 1", || {
        server.int(&["EXISTS", "bull:scrape-queue:1"]) == 1
    });
    let second = spawn(&server, &args);
    let stream = || server.raw(&["XRANGE", "bull:scrape-queue:events", "-", "+"]);
    wait_until("the deduplicated event", || {
        stream().contains("deduplicated")
    });
    node_worker(&server, "scrape-queue", 1);
    for (child, what) in [(first, "first"), (second, "second")] {
        let run = finish(child, what);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, "{\"ok\":true}\n"),
            "{what}: {}",
            run.stderr
        );
    }
    assert_eq!(
        server.int(&["EXISTS", "bull:scrape-queue:2"]),
        0,
        "the second add created no job"
    );
}

#[test]
fn wait_misuse_is_a_usage_error_that_writes_nothing() {
    let server = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jobs.ndjson");
    std::fs::write(&file, "{\"name\":\"page\"}\n").unwrap();
    let file = file.to_string_lossy().into_owned();
    let cases: [&[&str]; 3] = [
        &["enqueue", "--file", &file, "--wait"],
        &["crawl", "https://example.com/", "--wait"],
        &["events", "bad:name"],
    ];
    for args in cases {
        server.queuectl().args(args).run().fails_with(2);
    }
    let run = server
        .queuectl()
        .args(["enqueue", "page", "--timeout", "5s"])
        .run();
    assert_eq!(run.code, 2, "--timeout needs --wait: {}", run.stderr);
    assert_eq!(server.snapshot(), "", "nothing was written");
}
