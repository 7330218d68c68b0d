//! `queuectl health` against private Redis servers and real Node BullMQ: each
//! check triggered on its own, the status and exit code it yields, healthy
//! queues served by a queuectl or a Node worker, and Redis being down.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, free_port, node, node_spawn, RedisServer, Run};

/// Kills a spawned process when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn enqueue(server: &RedisServer, queue: &str, n: usize) {
    let ndjson: String = (0..n)
        .map(|i| format!("{}\n", json!({"name": "echo", "data": {"i": i}})))
        .collect();
    server
        .queuectl()
        .args(["enqueue", "--file", "-", "--queue", queue])
        .stdin(ndjson)
        .run()
        .ok();
}

fn health(server: &RedisServer, args: &[&str]) -> Run {
    server
        .queuectl()
        .args(["health", "--json"])
        .args(args)
        .run()
}

fn setup(server: &RedisServer, action: &str, queue: &str, n: &str) -> Value {
    let run = node(server, "health.js", &[action, queue, n]);
    assert_eq!(run.code, 0, "health.js {action}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The `check` names of the issues, in report order.
fn checks(report: &Value) -> Vec<String> {
    report["issueDetails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["check"].as_str().unwrap().to_string())
        .collect()
}

fn issue<'a>(report: &'a Value, check: &str) -> &'a Value {
    report["issueDetails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check"] == check)
        .unwrap_or_else(|| panic!("no {check} issue in {report}"))
}

fn queue<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["queues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == name)
        .unwrap_or_else(|| panic!("no queue {name} in {report}"))
}

/// Runs health with `args` and asserts its exit code, returning the report.
fn report(server: &RedisServer, args: &[&str], code: i32) -> Value {
    let run = health(server, args);
    assert_eq!(
        run.code, code,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    run.json()
}

#[test]
fn a_backlog_is_flagged_above_max_waiting_and_jobs_with_no_worker_mean_down() {
    let server = RedisServer::start();
    enqueue(&server, "bq", 3);
    let r = report(&server, &["--max-waiting", "3"], 1);
    assert_eq!(checks(&r), ["no-workers"], "{r}");
    let no_workers = issue(&r, "no-workers");
    assert_eq!(no_workers["queue"], "bq");
    assert_eq!(no_workers["message"], "3 jobs stuck in waiting: no workers");
    let q = queue(&r, "bq");
    assert_eq!(q["status"], "down");
    assert_eq!(
        q["metrics"],
        json!({"waiting": 3, "active": 0, "completed": 0, "failed": 0, "delayed": 0})
    );
    assert_eq!(r["isHealthy"], false);

    let r = report(&server, &["--max-waiting", "2"], 1);
    assert_eq!(checks(&r), ["no-workers", "backlog"], "{r}");
    assert_eq!(
        issue(&r, "backlog")["message"],
        "Queue backlog detected: 3 waiting jobs (threshold 2)"
    );

    let human = server
        .queuectl()
        .args(["health", "bq", "--max-waiting", "2"])
        .run();
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human
            .stdout
            .contains("bq: Queue backlog detected: 3 waiting jobs (threshold 2)"),
        "{}",
        human.stdout
    );
    assert_eq!(human.stdout.lines().last(), Some("2 issues"));
}

#[test]
fn prioritized_jobs_count_as_waiting() {
    let server = RedisServer::start();
    let line = json!({"name": "echo", "data": {}, "opts": {"priority": 5}});
    server
        .queuectl()
        .args(["enqueue", "--file", "-", "--queue", "pq"])
        .stdin(format!("{line}\n{line}\n"))
        .run()
        .ok();
    let r = report(&server, &["pq"], 1);
    assert_eq!(queue(&r, "pq")["metrics"]["waiting"], 2, "{r}");
}

#[test]
fn failures_above_max_failed_degrade_the_queue() {
    let server = RedisServer::start();
    assert_eq!(setup(&server, "fail", "fq", "3")["failed"], 3);
    let r = report(&server, &["--max-failed", "2"], 1);
    assert_eq!(checks(&r), ["failures"], "{r}");
    let failures = issue(&r, "failures");
    assert_eq!(failures["queue"], "fq");
    assert_eq!(
        failures["message"],
        "High failure rate detected: 3 failed jobs (threshold 2)"
    );
    assert_eq!(queue(&r, "fq")["status"], "degraded");

    let r = report(&server, &[], 0);
    assert_eq!(r["isHealthy"], true, "{r}");
    assert_eq!(queue(&r, "fq")["status"], "healthy");
    assert_eq!(queue(&r, "fq")["metrics"]["failed"], 3);
}

#[test]
fn a_job_waiting_longer_than_max_wait_age_is_flagged() {
    let server = RedisServer::start();
    enqueue(&server, "aq", 1);
    let r = report(&server, &["aq", "--max-wait-age", "1s"], 1);
    assert!(!checks(&r).contains(&"wait-age".to_string()), "{r}");
    std::thread::sleep(Duration::from_millis(1300));
    let r = report(&server, &["aq", "--max-wait-age", "1s"], 1);
    assert_eq!(checks(&r), ["no-workers", "wait-age"], "{r}");
    let msg = issue(&r, "wait-age")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.starts_with("Oldest waiting job has waited 1s") && msg.ends_with("(threshold 1s)"),
        "{msg}"
    );
    assert!(queue(&r, "aq")["oldestWaitingAgeMs"].as_u64().unwrap() >= 1300);
}

#[test]
fn an_active_job_whose_lock_expired_is_stalled() {
    let server = RedisServer::start();
    let id = setup(&server, "stall", "sq", "")["id"]
        .as_str()
        .unwrap()
        .to_string();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(server.int(&["LLEN", "bull:sq:active"]), 1);
    let r = report(&server, &[], 1);
    assert_eq!(checks(&r), ["stalled"], "{r}");
    assert_eq!(
        issue(&r, "stalled")["message"],
        format!("1 active job has lost the lock (stalled): {id}")
    );
    let q = queue(&r, "sq");
    assert_eq!(q["stalled"], json!([id]));
    assert_eq!(q["status"], "degraded");
}

#[test]
fn a_paused_queue_is_down() {
    let server = RedisServer::start();
    enqueue(&server, "zq", 2);
    assert_eq!(setup(&server, "pause", "zq", "")["paused"], true);
    let r = report(&server, &["zq"], 1);
    // Paused, the waiting jobs are not blamed on missing workers.
    assert_eq!(checks(&r), ["paused"], "{r}");
    assert_eq!(
        issue(&r, "paused")["message"],
        "Queue is paused (2 jobs waiting)"
    );
    let q = queue(&r, "zq");
    assert_eq!(
        (q["status"].as_str(), q["paused"].as_bool()),
        (Some("down"), Some(true))
    );

    // A worker whose every queue is paused reports as paused, and the queue stays down.
    let _worker = spawn_worker(&server, "zq");
    let r = wait_for_report(&server, &["zq"], |r| {
        r["workers"].as_array().unwrap().len() == 1
    });
    assert_eq!(r["workers"][0]["status"], "paused", "{r}");
    assert_eq!(checks(&r), ["paused"], "{r}");
    assert_eq!(queue(&r, "zq")["metrics"]["waiting"], 2, "nothing ran");
}

#[test]
fn an_evicting_memory_policy_and_high_memory_use_are_flagged() {
    let server = RedisServer::start_with(
        None,
        &["--maxmemory-policy", "allkeys-lru", "--maxmemory", "100mb"],
    );
    let r = report(&server, &[], 1);
    assert_eq!(checks(&r), ["memory-policy"], "{r}");
    let policy = issue(&r, "memory-policy");
    assert_eq!(policy["queue"], Value::Null);
    assert_eq!(
        policy["message"],
        "maxmemory-policy is allkeys-lru: Redis may evict queue keys (BullMQ needs noeviction)"
    );
    assert_eq!(r["redis"]["maxmemoryPolicy"], "allkeys-lru");
    assert_eq!(r["redis"]["maxmemory"], 100 * 1024 * 1024);

    // Redis uses about 1 MB of its 100 MB, so 1 % is exceeded and 90 % is not.
    let r = report(&server, &["--max-memory-percent", "1"], 1);
    assert_eq!(checks(&r), ["memory-policy", "memory"], "{r}");
    let msg = issue(&r, "memory")["message"].as_str().unwrap().to_string();
    assert!(
        msg.starts_with("Redis memory at ") && msg.ends_with("threshold 1%)"),
        "{msg}"
    );
}

#[test]
fn a_round_trip_slower_than_max_latency_is_flagged() {
    let server = RedisServer::start();
    let r = report(&server, &["--max-latency", "1ns"], 1);
    assert_eq!(checks(&r), ["latency"], "{r}");
    let latency = r["redis"]["latencyMs"].as_f64().unwrap();
    assert!(latency > 0.0, "{r}");
    let message = format!("Slow Redis round trip: {latency:.1}ms (threshold 0ms)");
    assert_eq!(issue(&r, "latency")["message"], message);
    // `issues` is the existing system's list of strings; the objects are in `issueDetails`.
    assert_eq!(r["issues"], json!([message]), "{r}");
    assert_eq!(
        report(&server, &["--max-latency", "5s"], 0)["issues"],
        json!([])
    );
}

#[test]
fn an_events_stream_far_past_its_cap_is_flagged() {
    let server = RedisServer::start();
    setup(&server, "events", "eq", "40");
    let r = report(&server, &["eq", "--max-waiting", "1000"], 1);
    let len = queue(&r, "eq")["eventsLength"].as_u64().unwrap();
    assert!(len > 10, "BullMQ trimmed the stream to {len}: {r}");
    assert_eq!(checks(&r), ["no-workers", "events-stream"], "{r}");
    assert_eq!(
        issue(&r, "events-stream")["message"],
        format!("Events stream has {len} entries, over 2x its cap of 5")
    );
    let factor = (len / 5 + 1).to_string();
    let r = report(&server, &["eq", "--max-events-factor", &factor], 1);
    assert_eq!(checks(&r), ["no-workers"], "{r}");
}

#[test]
fn a_queue_served_by_a_running_queuectl_worker_is_healthy() {
    let server = RedisServer::start();
    let mut worker = spawn_worker(&server, "hq");
    let mut lines = BufReader::new(worker.0.stdout.take().unwrap()).lines();
    enqueue(&server, "hq", 2);
    let mut done = 0;
    while done < 2 {
        let line = lines.next().expect("worker exited").unwrap();
        if line.contains("\"completed\"") {
            done += 1;
        }
    }
    // The heartbeat says idle shortly after the status flips.
    let r = wait_for_report(&server, &["hq"], |r| {
        r["workers"].as_array().unwrap().len() == 1 && r["workers"][0]["status"] == "idle"
    });
    assert_eq!(r["isHealthy"], true, "{r}");
    assert_eq!(r["issues"], json!([]));
    let q = queue(&r, "hq");
    assert_eq!(q["status"], "healthy");
    assert_eq!(q["metrics"]["completed"], 2);
    assert_eq!(q["workers"], 1);
    assert!(q["bullmqWorkers"].as_u64().unwrap() >= 1, "{r}");
    let w = &r["workers"][0];
    assert_eq!(w["status"], "idle");
    assert_eq!(w["queues"], json!(["hq"]));
    assert_eq!(w["currentJob"], Value::Null);
    assert!(w["processedJobs"].is_u64(), "{w}");
    let human = server.queuectl().args(["health", "hq"]).run().ok();
    assert_eq!(human.stdout.lines().last(), Some("healthy"));
}

#[test]
fn a_node_worker_listed_by_bullmq_serves_the_queue() {
    let server = RedisServer::start();
    let mut serve = Guard(node_spawn(&server, "health.js", &["serve", "nq"]));
    let mut first = String::new();
    BufReader::new(serve.0.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("ready"), "{first}");
    enqueue(&server, "nq", 3);
    let r = wait_for_report(&server, &["nq"], |r| {
        queue(r, "nq")["metrics"]["active"] == 1
            && queue(r, "nq")["bullmqWorkers"].as_u64() >= Some(1)
    });
    assert_eq!(queue(&r, "nq")["metrics"]["waiting"], 2);
    assert_eq!(queue(&r, "nq")["workers"], 0, "no queuectl heartbeat");
    assert_eq!(r["issues"], json!([]), "{r}");
    health(&server, &["nq"]).ok();
}

#[test]
fn with_client_list_refused_bullmq_workers_are_unavailable_not_zero() {
    let server = RedisServer::start_with(None, &["--rename-command", "CLIENT", ""]);
    enqueue(&server, "cq", 1);
    let r = report(&server, &["cq"], 0);
    assert_eq!(queue(&r, "cq")["bullmqWorkers"], Value::Null, "{r}");
    assert!(
        r["notes"][0].as_str().unwrap().contains("CLIENT LIST"),
        "{r}"
    );
    let human = server.queuectl().args(["health", "cq"]).run().ok();
    assert!(human.stdout.contains("unavailable"), "{}", human.stdout);
    assert!(human.stderr.contains("CLIENT LIST"), "{}", human.stderr);
}

#[test]
fn redis_down_exits_3() {
    let port = free_port();
    let run = crate::support::Cmd::new()
        .env("REDIS_URL", &format!("redis://127.0.0.1:{port}"))
        .args(["health"])
        .run()
        .fails_with(3);
    assert!(
        run.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    crate::support::Cmd::new()
        .env("REDIS_URL", &format!("redis://127.0.0.1:{port}"))
        .args(["health", "--json"])
        .run()
        .fails_with(3);
}

#[test]
fn watch_prints_one_json_document_per_check() {
    let server = RedisServer::start();
    enqueue(&server, "wq", 1);
    let child = server_cmd(&server)
        .args(["health", "--json", "--watch", "200ms", "wq"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = Guard(child);
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    for _ in 0..3 {
        let line = lines.next().expect("watch stopped").unwrap();
        let doc: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(checks(&doc), ["no-workers"], "{doc}");
    }
    let ok = Command::new("kill")
        .args(["-INT", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = child.0.wait().unwrap();
    assert_eq!(status.code(), Some(1), "the last check's code");
}

#[test]
fn bad_thresholds_are_usage_errors() {
    let server = RedisServer::start();
    for args in [
        vec!["health", "--max-memory-percent", "0"],
        vec!["health", "--max-wait-age", "soon"],
        vec!["health", "--max-failed=-1"],
        vec!["health", "--watch=0.5"],
    ] {
        let run = server.queuectl().args(&args).run();
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: invalid value '"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn redis_dying_during_watch_makes_the_exit_code_3() {
    let server = RedisServer::start();
    let child = server_cmd(&server)
        .args(["health", "--json", "--watch", "200ms"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = Guard(child);
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let first: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(first["isHealthy"], true, "{first}");
    drop(server);
    let mut errors = BufReader::new(child.0.stderr.take().unwrap()).lines();
    let line = errors.next().expect("an error line").unwrap();
    let err: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(err["code"], "REDIS_UNAVAILABLE", "{line}");
    let ok = Command::new("kill")
        .args(["-INT", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(child.0.wait().unwrap().code(), Some(3));
}

/// `queuectl worker --json` serving `queue`, its stdout piped.
fn spawn_worker(server: &RedisServer, queue: &str) -> Guard {
    let child = server_cmd(server)
        .args(["worker", "--json", "--queue", queue])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn queuectl worker");
    Guard(child)
}

fn server_cmd(server: &RedisServer) -> Command {
    let mut cmd = support::queuectl_command();
    cmd.env("REDIS_URL", server.url());
    cmd
}

/// Polls health until `ready` holds (at most 10 s) and returns that report.
fn wait_for_report(server: &RedisServer, args: &[&str], ready: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let r = health(server, args).json();
        if ready(&r) {
            return r;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never ready: {r}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
