//! `queuectl retry-dead`: jobs failed by a Node worker are retried and then
//! processed by Node; filters, dry runs, confirmation (no TTY, and a real
//! pseudo-terminal) and the dead-letter list's drain-only-what-was-added rule.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, node, which, RedisServer};

const Q: &str = "retry-q";

/// Adds `jobs` ({name, data, opts}) through Node and lets a Node worker take them
/// all, failing those whose data says `fail`; returns the ids that failed for good.
fn node_fail(server: &RedisServer, queue: &str, jobs: Value) -> Vec<String> {
    let n = jobs.as_array().unwrap().len().to_string();
    node(server, "addbulk.js", &[queue, &jobs.to_string()]).ok();
    let out = node(server, "failjobs.js", &[queue, &n]).ok().json();
    ids(&out["failed"])
}

fn failing(name: &str, reason: &str) -> Value {
    json!({"name": name, "data": {"fail": true, "reason": reason}, "opts": {"attempts": 1}})
}

fn ids(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn sorted(text: String) -> Vec<String> {
    let mut out: Vec<String> = text.lines().map(str::to_string).collect();
    out.sort();
    out
}

fn failed_set(server: &RedisServer, queue: &str) -> Vec<String> {
    sorted(server.raw(&["ZRANGE", &format!("bull:{queue}:failed"), "0", "-1"]))
}

fn waiting(server: &RedisServer, queue: &str) -> Vec<String> {
    sorted(server.raw(&["LRANGE", &format!("bull:{queue}:wait"), "0", "-1"]))
}

/// Reprocessed jobs have priority low, so they wait in the `prioritized` set.
fn prioritized(server: &RedisServer, queue: &str) -> Vec<String> {
    sorted(server.raw(&["ZRANGE", &format!("bull:{queue}:prioritized"), "0", "-1"]))
}

/// Ids of the items with this outcome in a `--json` report.
fn outcome(report: &Value, which: &str) -> Vec<String> {
    let mut out: Vec<String> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["outcome"] == which)
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn node_failures_are_retried_then_processed_by_node() {
    let server = RedisServer::start();
    let jobs = json!([
        failing("refresh", "ETIMEDOUT"),
        {"name": "refresh", "data": {"n": 1}},
        failing("refresh", "boom"),
        failing("analytics", "boom"),
    ]);
    let failed = node_fail(&server, Q, jobs);
    assert_eq!(failed.len(), 3);
    let report = server
        .queuectl()
        .args(["retry-dead", Q, "--yes", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        (report["retried"].clone(), report["failed"].clone()),
        (json!(3), json!(0))
    );
    assert_eq!(outcome(&report, "retried"), failed);
    assert!(failed_set(&server, Q).is_empty());
    assert_eq!(waiting(&server, Q), failed);

    let seen = node(&server, "process.js", &[Q, "3"]).ok().json();
    let processed: Vec<Value> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].clone())
        .collect();
    assert_eq!(ids(&Value::Array(processed)), failed);
    let counts = node(&server, "counts.js", &[Q]).ok().json();
    assert_eq!(
        (counts["completed"].clone(), counts["failed"].clone()),
        (json!(4), json!(0))
    );
}

#[test]
fn filters_select_exactly_the_intended_jobs() {
    let server = RedisServer::start();
    let early = node_fail(
        &server,
        Q,
        json!([
            failing("refresh", "connect ETIMEDOUT"),
            failing("analytics", "ETIMEDOUT")
        ]),
    );
    std::thread::sleep(Duration::from_millis(30));
    let late = node_fail(
        &server,
        Q,
        json!([
            failing("refresh", "read ECONNRESET"),
            failing("refresh", "404 not found"),
            failing("refresh", "ETIMEDOUT again"),
        ]),
    );
    let score = |id: &str| -> i64 {
        server
            .raw(&["ZSCORE", &format!("bull:{Q}:failed"), id])
            .parse()
            .unwrap()
    };
    let split = early.iter().map(|id| score(id)).max().unwrap() + 1;
    assert!(
        late.iter().all(|id| score(id) >= split),
        "batches must not overlap in time"
    );
    let split = chrono::DateTime::from_timestamp_millis(split)
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let retry = |extra: &[&str]| -> Value {
        let mut args = vec!["retry-dead", Q, "--yes", "--json"];
        args.extend_from_slice(extra);
        server.queuectl().args(&args).run().ok().json()
    };

    // Name and error regex: the two late refresh jobs that timed out or reset, not the 404.
    let r = retry(&[
        "--name",
        "refresh",
        "--error",
        "ETIMEDOUT|ECONNRESET",
        "--failed-since",
        &split,
    ]);
    let mut want = vec![late[0].clone(), late[2].clone()];
    want.sort();
    assert_eq!(outcome(&r, "retried"), want);
    assert_eq!(waiting(&server, Q), want);

    // Before the split (BullMQ's bulk retry up to a time): exactly the early batch.
    let r = retry(&["--failed-before", &split]);
    assert_eq!(outcome(&r, "retried"), early);
    let mut all = early.clone();
    all.extend(want.clone());
    all.sort();
    assert_eq!(waiting(&server, Q), all);
    assert_eq!(failed_set(&server, Q), vec![late[1].clone()]);

    // By id; an id that is not in the failed set is reported as skipped.
    let r = retry(&["--id", &late[1], "--id", &early[0]]);
    assert_eq!(outcome(&r, "retried"), vec![late[1].clone()]);
    assert_eq!(outcome(&r, "skipped"), vec![early[0].clone()]);
    assert!(failed_set(&server, Q).is_empty());
}

#[test]
fn limit_takes_the_oldest_failures_first() {
    let server = RedisServer::start();
    let mut failed = Vec::new();
    for reason in ["a", "b", "c"] {
        failed.extend(node_fail(&server, Q, json!([failing("refresh", reason)])));
        std::thread::sleep(Duration::from_millis(5));
    }
    let r = server
        .queuectl()
        .args(["retry-dead", "--limit", "2", "--yes", "--json"])
        .run()
        .ok()
        .json();
    let mut oldest = failed[..2].to_vec();
    oldest.sort();
    assert_eq!(outcome(&r, "retried"), oldest);
    assert_eq!(failed_set(&server, Q), vec![failed[2].clone()]);
}

#[test]
fn dry_run_changes_nothing() {
    let server = RedisServer::start();
    let failed = node_fail(
        &server,
        Q,
        json!([failing("refresh", "x"), failing("refresh", "y")]),
    );
    let before = (server.snapshot(), failed_set(&server, Q));
    let v = server
        .queuectl()
        .args(["retry-dead", Q, "--dry-run", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(v["matched"], 2);
    assert_eq!(ids(&v["sampleIds"]), failed);
    let human = server
        .queuectl()
        .args(["retry-dead", "--dry-run", "--as-new"])
        .run()
        .ok();
    assert!(
        human
            .stdout
            .starts_with(&format!("2 failed jobs match in {Q}: ")),
        "{}",
        human.stdout
    );
    assert_eq!((server.snapshot(), failed_set(&server, Q)), before);
}

#[test]
fn without_a_tty_or_yes_it_refuses_and_changes_nothing() {
    let server = RedisServer::start();
    node_fail(&server, Q, json!([failing("refresh", "x")]));
    let before = (server.snapshot(), failed_set(&server, Q));
    let run = server
        .queuectl()
        .args(["retry-dead", Q])
        .run()
        .fails_with(2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert_eq!((server.snapshot(), failed_set(&server, Q)), before);
}

#[test]
fn bad_filters_are_usage_errors_before_redis_is_touched() {
    let server = RedisServer::start();
    node_fail(&server, Q, json!([failing("refresh", "x")]));
    let before = (server.snapshot(), failed_set(&server, Q));
    for bad in [
        &["--error", "(unclosed"][..],
        &["--failed-since", "yesterday"],
        &["--failed-since", "1h", "--failed-before", "2h"],
        &["--limit", "0"],
    ] {
        let mut args = vec!["retry-dead", Q, "--yes"];
        args.extend_from_slice(bad);
        let run = server.queuectl().args(&args).run().fails_with(2);
        assert!(
            run.stderr.starts_with("error: --"),
            "{bad:?}: {}",
            run.stderr
        );
    }
    assert_eq!((server.snapshot(), failed_set(&server, Q)), before);
}

#[test]
fn as_new_re_adds_low_priority_single_attempt_copies_and_drops_originals() {
    let server = RedisServer::start();
    let failed = node_fail(&server, Q, json!([failing("refresh", "x")]));
    let r = server
        .queuectl()
        .args(["retry-dead", Q, "--as-new", "--yes", "--json"])
        .run()
        .ok()
        .json();
    let new_id = r["items"][0]["newId"].as_str().unwrap().to_string();
    assert_eq!(outcome(&r, "retried"), failed);
    assert_ne!(new_id, failed[0]);
    assert!(failed_set(&server, Q).is_empty());
    assert_eq!(
        server.int(&["EXISTS", &format!("bull:{Q}:{}", failed[0])]),
        0
    );
    let seen = node(&server, "process.js", &[Q, "1"]).ok().json();
    let job = &seen[0];
    assert_eq!(job["id"], new_id.as_str());
    assert_eq!(
        (job["priority"].clone(), job["opts"]["attempts"].clone()),
        (json!(4), json!(1))
    );
    assert_eq!(job["data"]["reason"], "x");
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Runs queuectl under a pseudo-terminal (util-linux `script`), answers its
/// prompt with `answer` once the prompt shows, and returns the exit code and the
/// terminal's text.
fn under_pty(server: &RedisServer, args: &[&str], answer: &str) -> (i32, String) {
    let script = which("script").unwrap_or_else(|| {
        panic!("`script` (util-linux) is needed for the PTY test: sudo apt-get install util-linux")
    });
    let line: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_queuectl"))
        .chain(args.iter().copied())
        .map(shell_quote)
        .collect();
    let mut child = support::hermetic(&mut Command::new(script))
        .args(["-qfec", &line.join(" "), "/dev/null"])
        .env("TERM", "xterm")
        .env("REDIS_URL", server.url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn script");
    let seen = Arc::new(Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let sink = Arc::clone(&seen);
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 256];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let start = Instant::now();
    while !seen.lock().unwrap().contains("[y/N]") {
        if start.elapsed() > Duration::from_secs(15) {
            let _ = child.kill();
            panic!(
                "no prompt within 15 s; terminal showed: {:?}",
                seen.lock().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(answer.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!(
                "queuectl did not finish; terminal showed: {:?}",
                seen.lock().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let _ = reader.join();
    let text = seen.lock().unwrap().clone();
    (status.code().unwrap_or(-1), text)
}

#[test]
fn on_a_terminal_no_keeps_and_yes_retries() {
    let server = RedisServer::start();
    let failed = node_fail(
        &server,
        Q,
        json!([failing("refresh", "x"), failing("refresh", "y")]),
    );
    let before = (server.snapshot(), failed_set(&server, Q));
    let (code, text) = under_pty(&server, &["retry-dead", Q], "n");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains(&format!("Retry 2 failed jobs in {Q}?")),
        "{text}"
    );
    assert_eq!((server.snapshot(), failed_set(&server, Q)), before);

    let (code, text) = under_pty(&server, &["retry-dead", Q], "y");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains(&format!("Retried 2 jobs in {Q} (0 skipped, 0 failed)")),
        "{text}"
    );
    assert!(failed_set(&server, Q).is_empty());
    assert_eq!(waiting(&server, Q), failed);
}

#[test]
fn dead_letter_list_is_drained_only_of_records_whose_jobs_were_added() {
    let server = RedisServer::start();
    let ours = json!({"jobId": "7", "name": "analytics", "queue": "process-queue",
        "data": {"a": 1}, "error": "boom", "stack": [], "timestamp": 1000, "attemptsMade": 3})
    .to_string();
    let node_style = json!({"jobId": "12", "jobData": {"url": "https://example.com"},
        "error": "ETIMEDOUT", "stack": "Error: ETIMEDOUT", "timestamp": 2000, "attemptsMade": 3,
        "name": "refresh"})
    .to_string();
    let nameless = json!({"jobId": "13", "jobData": {}, "error": "x", "stack": "",
        "timestamp": 3000, "attemptsMade": 3})
    .to_string();
    let garbage = "not json".to_string();
    for record in [&ours, &node_style, &nameless, &garbage] {
        server.cli(&["LPUSH", "dead-letter", record]);
    }
    let dry = server
        .queuectl()
        .args([
            "retry-dead",
            "--dead-letter-list",
            "dead-letter",
            "--dry-run",
            "--json",
        ])
        .run()
        .ok()
        .json();
    assert_eq!(dry["matched"], 2);
    assert_eq!(server.int(&["LLEN", "dead-letter"]), 4);

    let reprocess = || {
        server
            .queuectl()
            .args([
                "retry-dead",
                "--dead-letter-list",
                "dead-letter",
                "--yes",
                "--json",
            ])
            .run()
            .ok()
            .json()
    };
    let r = reprocess();
    assert_eq!(
        (r["retried"].clone(), r["skipped"].clone()),
        (json!(2), json!(2))
    );
    let mut left = sorted(server.raw(&["LRANGE", "dead-letter", "0", "-1"]));
    let mut want = vec![nameless.clone(), garbage.clone()];
    left.sort();
    want.sort();
    assert_eq!(left, want, "only re-added records leave the list");
    let reason = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "13")
        .unwrap()["reason"]
        .clone();
    assert!(reason.as_str().unwrap().contains("no job name"), "{reason}");

    // The Node-style record was routed by name; Node sees the job with the reprocess options.
    let seen = node(&server, "process.js", &["scrape-queue", "1"])
        .ok()
        .json();
    assert_eq!(seen[0]["id"], "dlq-12-2000");
    assert_eq!(seen[0]["data"]["url"], "https://example.com");
    assert_eq!(
        (
            seen[0]["priority"].clone(),
            seen[0]["opts"]["attempts"].clone()
        ),
        (json!(4), json!(1))
    );
    assert_eq!(
        prioritized(&server, "process-queue"),
        vec!["dlq-7-1000".to_string()]
    );

    // A crash after the add but before the record's removal: the rerun adds no
    // second job and clears the record.
    server.cli(&["LPUSH", "dead-letter", &ours]);
    let r = reprocess();
    assert_eq!(r["retried"], 1);
    assert_eq!(
        prioritized(&server, "process-queue"),
        vec!["dlq-7-1000".to_string()]
    );
    assert_eq!(server.int(&["LLEN", "dead-letter"]), 2);
}
