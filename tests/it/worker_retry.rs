//! `queuectl worker` retries: the job's own backoff, the retry policy for jobs
//! without one, unrecoverable exits, timeouts, and per-job metrics.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{node, node_ready, RedisServer};
use crate::worker::{enqueue, job, WorkerProc};

#[test]
fn retries_follow_the_backoff_and_unrecoverable_exits_do_not_retry() {
    let server = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let flaky = format!("flaky=date +%s%3N >> {d}/$QUEUECTL_JOB_ID; n=$(wc -l < {d}/$QUEUECTL_JOB_ID); [ \"$n\" -ge 3 ] && echo '{{\"attempt\": 3}}' && exit 0; echo \"boom $n\" >&2; exit 1");
    enqueue(
        &server,
        "rq",
        &[
            json!({"name": "flaky", "opts": {"jobId": "f1", "attempts": 3, "backoff": {"type": "fixed", "delay": 400}}}),
            json!({"name": "fatal", "opts": {"jobId": "u1", "attempts": 3}}),
            json!({"name": "sleep", "data": {"ms": 5000}, "opts": {"jobId": "t1", "attempts": 2, "backoff": 100}}),
        ],
    );
    let mut w = WorkerProc::start(
        &server,
        &[
            "--queue",
            "rq",
            "--concurrency",
            "rq=3",
            "--exec",
            &flaky,
            "--exec",
            "fatal=echo 'bad credentials' >&2; exit 65",
            "--job-timeout",
            "300ms",
            "--dead-letter-list",
            "dlq",
            "--burst",
        ],
    );
    assert_eq!(w.wait_exit(Duration::from_secs(20)), 0);

    let f1 = job(&server, "rq", "f1");
    assert_eq!(
        (f1["state"].as_str(), f1["attemptsMade"].as_u64()),
        (Some("completed"), Some(3)),
        "{f1}"
    );
    assert_eq!(f1["returnvalue"], json!({"attempt": 3}));
    let starts: Vec<u64> = std::fs::read_to_string(dir.path().join("f1"))
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    for pair in starts.windows(2) {
        assert!(
            pair[1] - pair[0] >= 400,
            "attempts closer than the 400 ms backoff: {starts:?}"
        );
    }
    let u1 = job(&server, "rq", "u1");
    assert_eq!(
        (u1["state"].as_str(), u1["attemptsMade"].as_u64()),
        (Some("failed"), Some(1)),
        "{u1}"
    );
    assert!(u1["failedReason"]
        .as_str()
        .unwrap()
        .contains("bad credentials"));
    let t1 = job(&server, "rq", "t1");
    assert_eq!(
        (t1["state"].as_str(), t1["attemptsMade"].as_u64()),
        (Some("failed"), Some(2)),
        "{t1}"
    );
    assert_eq!(t1["failedReason"], "timed out after 300ms");
    assert_eq!(w.count("retrying"), 3, "two for f1, one for t1");
    let records: Vec<Value> = server
        .raw(&["LRANGE", "dlq", "0", "-1"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut ids: Vec<&str> = records
        .iter()
        .map(|r| r["jobId"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        ["t1", "u1"],
        "only jobs that failed for good are dead-lettered"
    );
    for r in &records {
        for field in [
            "name",
            "queue",
            "data",
            "error",
            "stack",
            "timestamp",
            "attemptsMade",
        ] {
            assert!(
                r.get(field).is_some(),
                "dead-letter record without {field}: {r}"
            );
        }
    }
}

/// An exec handler that appends each attempt's start (ms) to DIR/JOB_ID and
/// fails until attempt `succeed_on`.
fn flaky_exec(name: &str, dir: &std::path::Path, succeed_on: u32) -> String {
    let d = dir.display();
    format!("{name}=date +%s%3N >> {d}/$QUEUECTL_JOB_ID; n=$(wc -l < {d}/$QUEUECTL_JOB_ID); [ \"$n\" -ge {succeed_on} ] && echo '{{\"attempt\": '$n'}}' && exit 0; echo \"boom $n\" >&2; exit 1")
}

/// Gaps in ms between the attempts recorded by `flaky_exec`.
fn attempt_gaps(dir: &std::path::Path, id: &str) -> Vec<u64> {
    let starts: Vec<u64> = std::fs::read_to_string(dir.join(id))
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    starts.windows(2).map(|p| p[1] - p[0]).collect()
}

/// The `delayMs` of a job's `retrying` events, in order.
fn retry_delays(w: &WorkerProc, id: &str) -> Vec<Value> {
    let events = w.events.lock().unwrap();
    events
        .iter()
        .filter(|e| e["event"] == "retrying" && e["jobId"] == id)
        .map(|e| e["delayMs"].clone())
        .collect()
}

fn node_add(server: &RedisServer, queue: &str, name: &str, opts: Value) {
    let run = node(server, "add.js", &[queue, name, "{}", &opts.to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let added: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(added["opts"].get("backoff").is_none(), "{added}");
}

fn assert_gaps(gaps: &[u64], expected: &[(u64, u64)], what: &str) {
    assert_eq!(gaps.len(), expected.len(), "{what}: {gaps:?}");
    for (gap, (min, max)) in gaps.iter().zip(expected) {
        assert!(
            (min..max).contains(&gap),
            "{what}: gap {gap} ms outside {min}..{max} ms ({gaps:?})"
        );
    }
}

#[test]
fn node_jobs_without_a_backoff_wait_the_policys_default_between_attempts() {
    let server = RedisServer::start();
    node_ready();
    let dir = tempfile::tempdir().unwrap();
    node_add(
        &server,
        "pa",
        "flaky",
        json!({"jobId": "a1", "attempts": 3}),
    );
    node_add(
        &server,
        "pd",
        "flaky",
        json!({"jobId": "d1", "attempts": 2}),
    );
    let mut short = WorkerProc::start(
        &server,
        &[
            "--queue",
            "pa",
            "--exec",
            &flaky_exec("flaky", dir.path(), 3),
            "--default-backoff",
            "fixed:1s",
            "--burst",
        ],
    );
    let mut default = WorkerProc::start(
        &server,
        &[
            "--queue",
            "pd",
            "--exec",
            &flaky_exec("flaky", dir.path(), 2),
            "--burst",
        ],
    );
    assert_eq!(short.wait_exit(Duration::from_secs(30)), 0);
    assert_eq!(default.wait_exit(Duration::from_secs(30)), 0);

    let a1 = job(&server, "pa", "a1");
    assert_eq!(
        (a1["state"].as_str(), a1["attemptsMade"].as_u64()),
        (Some("completed"), Some(3)),
        "{a1}"
    );
    assert_gaps(
        &attempt_gaps(dir.path(), "a1"),
        &[(1_000, 4_000), (1_000, 4_000)],
        "--default-backoff fixed:1s",
    );
    assert_eq!(retry_delays(&short, "a1"), [json!(1000), json!(1000)]);
    assert_eq!(a1["metrics"]["exit"], "0", "{a1}");
    assert_eq!(a1["metrics"]["rssOf"], "command", "{a1}");

    let d1 = job(&server, "pd", "d1");
    assert_eq!(
        (d1["state"].as_str(), d1["attemptsMade"].as_u64()),
        (Some("completed"), Some(2)),
        "{d1}"
    );
    assert_gaps(
        &attempt_gaps(dir.path(), "d1"),
        &[(4_500, 8_000)],
        "the fixed 5 s default",
    );
    assert_eq!(retry_delays(&default, "d1"), [json!(5000)]);
}

#[test]
fn scrape_jobs_back_off_2s_then_4s_with_or_without_their_own_backoff() {
    let server = RedisServer::start();
    node_ready();
    let dir = tempfile::tempdir().unwrap();
    // `enqueue` gives scrape jobs exponential:2s; BullMQ applies it.
    enqueue(
        &server,
        "sq",
        &[
            json!({"name": "single-page", "data": {"url": "http://x.test/"}, "opts": {"jobId": "s1", "attempts": 3}}),
        ],
    );
    // A Node job without a backoff gets the same delays from the policy.
    node_add(
        &server,
        "sq",
        "refresh",
        json!({"jobId": "s2", "attempts": 3}),
    );
    let mut w = WorkerProc::start(
        &server,
        &[
            "--queue",
            "sq",
            "--concurrency",
            "sq=2",
            "--exec",
            &flaky_exec("single-page", dir.path(), 3),
            "--exec",
            &flaky_exec("refresh", dir.path(), 3),
            "--burst",
        ],
    );
    assert_eq!(w.wait_exit(Duration::from_secs(30)), 0);
    for id in ["s1", "s2"] {
        let j = job(&server, "sq", id);
        assert_eq!(
            (j["state"].as_str(), j["attemptsMade"].as_u64()),
            (Some("completed"), Some(3)),
            "{j}"
        );
        assert_gaps(
            &attempt_gaps(dir.path(), id),
            &[(2_000, 3_900), (4_000, 7_000)],
            id,
        );
        assert_eq!(retry_delays(&w, id), [json!(2000), json!(4000)], "{id}");
    }
}

#[test]
fn built_in_handlers_log_metrics_except_echo_and_sleep_by_default() {
    let server = RedisServer::start();
    let lines = [
        json!({"name": "echo", "data": {"x": 1}, "opts": {"jobId": "e1"}}),
        json!({"name": "sleep", "data": {"ms": 300}, "opts": {"jobId": "z1"}}),
    ];
    enqueue(&server, "mq", &lines);
    enqueue(&server, "mq2", &lines);
    let mut all = WorkerProc::start(
        &server,
        &["--queue", "mq", "--job-metrics", "all", "--burst"],
    );
    let mut auto = WorkerProc::start(&server, &["--queue", "mq2", "--burst"]);
    assert_eq!(all.wait_exit(Duration::from_secs(20)), 0);
    assert_eq!(auto.wait_exit(Duration::from_secs(20)), 0);

    let e1 = job(&server, "mq", "e1");
    let m = &e1["metrics"];
    assert_eq!(m["cpuMs"], Value::Null, "no per-job CPU for echo: {e1}");
    assert_eq!(m["rssOf"], "worker", "{e1}");
    assert!(m["peakRssKiB"].as_u64().unwrap() > 0, "{e1}");
    assert!(e1["logs"][0]
        .as_str()
        .unwrap()
        .contains("cpu n/a, worker peak rss"));
    let z1 = job(&server, "mq", "z1");
    assert!(z1["metrics"]["durationMs"].as_u64().unwrap() >= 300, "{z1}");

    for id in ["e1", "z1"] {
        let j = job(&server, "mq2", id);
        assert_eq!(j["state"], "completed", "{j}");
        assert_eq!(
            (j["logs"].clone(), j["metrics"].clone()),
            (json!([]), Value::Null),
            "auto skips echo and sleep: {j}"
        );
    }
    server
        .queuectl()
        .args(["worker", "--default-backoff", "linear:1s"])
        .run()
        .fails_with(2);
}
