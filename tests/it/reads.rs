//! Reads never write (issue 13 point 2): `stats`, `queues`, `jobs`, `job`, `health`,
//! `events` and every `serve` GET work on a full Redis (maxmemory + noeviction) and for
//! an ACL user with read-only permissions, and issue no write command at all; a paused
//! queue's counts still equal Node's `getJobCounts()`.

use serde_json::Value;

use crate::serve::Serve;
use crate::support::{self, RedisServer, Run};

const QUEUE: &str = "process-queue";

/// Adds waiting, prioritized and delayed jobs to `QUEUE`; returns a waiting job's id.
fn fill(server: &RedisServer) -> String {
    let add = |args: &[&str]| {
        server
            .queuectl()
            .args(["enqueue", "--json"])
            .args(args)
            .run()
            .ok()
            .json()
    };
    let first = add(&["analytics", r#"{"n":1}"#]);
    add(&["analytics", r#"{"n":2}"#]);
    add(&["process-content", "--priority", "high"]);
    add(&["analytics", "--delay", "2h"]);
    assert_eq!(first["queue"], QUEUE, "{first:#}");
    first["id"].as_str().unwrap().to_string()
}

/// Every read command, as `(name, args)`, aimed at `QUEUE` and job `id`.
fn read_commands(id: &str) -> Vec<(&'static str, Vec<String>)> {
    let v = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        ("stats", v(&["stats", QUEUE])),
        ("queues", v(&["queues"])),
        ("jobs", v(&["jobs", QUEUE])),
        ("job", v(&["job", QUEUE, id])),
        ("events", v(&["events", QUEUE, "--limit", "5"])),
        ("limit", v(&["limit", QUEUE])),
        ("schedule list", v(&["schedule", "list"])),
        ("health", v(&["health"])),
    ]
}

/// Runs `queuectl ARGS --json` with `url` as REDIS_URL.
fn run(server: &RedisServer, url: &str, args: &[String]) -> Run {
    server
        .queuectl()
        .env("REDIS_URL", url)
        .args(args)
        .args(["--json"])
        .run()
}

/// The read commands' JSON output, health aside: `(name, document)`.
fn read_outputs(server: &RedisServer, url: &str, id: &str) -> Vec<(&'static str, Value)> {
    read_commands(id)
        .into_iter()
        .filter(|(name, _)| *name != "health")
        .map(|(name, args)| (name, comparable(documents(&run(server, url, &args).ok()))))
        .collect()
}

/// stdout as one JSON document, or NDJSON (`events`) as an array of them.
fn documents(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|_| {
        run.stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    })
}

/// A document without the one value that changes with the clock.
fn comparable(mut doc: Value) -> Value {
    if let Some(queues) = doc.get_mut("queues").and_then(Value::as_array_mut) {
        for q in queues {
            q["oldestWaitingAgeMs"] = Value::Null;
        }
    }
    doc
}

fn health(server: &RedisServer, url: &str) -> Run {
    run(server, url, &["health".to_string()])
}

fn checks(report: &Value) -> Vec<&str> {
    report["issueDetails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["check"].as_str().unwrap())
        .collect()
}

#[test]
fn reads_work_on_a_full_redis_and_health_reports_the_memory() {
    let server = RedisServer::start_with(
        None,
        &["--maxmemory", "4mb", "--maxmemory-policy", "noeviction"],
    );
    let id = fill(&server);
    let url = server.url();
    let before = read_outputs(&server, &url, &id);
    for i in 0.. {
        assert!(i < 100, "Redis never reached maxmemory");
        // SETRANGE at offset 1 MiB - 1 makes a 1 MiB string from a one-byte argument.
        let reply = server.raw(&["SETRANGE", &format!("fill:{i}"), "1048575", "x"]);
        if reply.contains("OOM") {
            break;
        }
    }
    assert!(
        server.raw(&["HSET", "probe", "f", "v"]).contains("OOM"),
        "writes must fail now"
    );

    assert_eq!(read_outputs(&server, &url, &id), before);
    let run = health(&server, &url);
    assert_eq!(run.code, 1, "unhealthy, not failed: {}", run.stderr);
    let report = run.json();
    assert!(checks(&report).contains(&"memory"), "{report:#}");
    assert_eq!(report["queues"][0]["metrics"]["waiting"], 3, "{report:#}");
}

#[test]
fn a_read_only_acl_user_can_read_and_health_marks_redis_checks_unavailable() {
    let server = RedisServer::start();
    let id = fill(&server);
    let ro = server.read_only_user();

    assert_eq!(
        read_outputs(&server, &ro, &id),
        read_outputs(&server, &server.url(), &id)
    );
    let run = health(&server, &ro);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["redis"]["version"], Value::Null, "{report:#}");
    assert_eq!(report["redis"]["maxmemoryPolicy"], Value::Null);
    assert_eq!(report["queues"][0]["bullmqWorkers"], Value::Null);
    assert_eq!(report["queues"][0]["metrics"]["waiting"], 3);
    let notes = report["notes"].to_string();
    assert!(
        notes.contains("Redis checks are unavailable (the server refuses INFO)"),
        "{notes}"
    );
}

/// Commands the server ran since the last `CONFIG RESETSTAT` that can write:
/// flagged `write` by COMMAND INFO, or scripts (EVAL/EVALSHA/FCALL), which may.
fn writes_since_reset(server: &RedisServer) -> Vec<String> {
    let stats = server.raw(&["INFO", "commandstats"]);
    stats
        .lines()
        .filter_map(|l| l.strip_prefix("cmdstat_")?.split_once(':'))
        .map(|(name, _)| name.to_string())
        .filter(|name| {
            let base = name.split('|').next().unwrap_or(name);
            let scripted = base.starts_with("eval") || base.starts_with("fcall");
            let info = server.raw(&["COMMAND", "INFO", base]);
            scripted || info.lines().any(|l| l.trim() == "write")
        })
        .collect()
}

#[test]
fn read_commands_issue_no_write_command() {
    let server = RedisServer::start();
    let id = fill(&server);
    let url = server.url();
    for (name, args) in read_commands(&id) {
        server.cli(&["CONFIG", "RESETSTAT"]);
        let run = run(&server, &url, &args);
        assert!(run.code == 0 || name == "health", "{name}: {}", run.stderr);
        assert_eq!(writes_since_reset(&server), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn serve_get_routes_issue_no_write_command() {
    let server = RedisServer::start();
    let id = fill(&server);
    let serve = Serve::start(&server, &[]);
    server.cli(&["CONFIG", "RESETSTAT"]);
    for path in [
        "/api/queue/stats".to_string(),
        "/api/queue/health".to_string(),
        "/api/queue/jobs".to_string(),
        format!("/api/queue/jobs?queue={QUEUE}&status=waiting"),
        format!("/api/queue/jobs/{QUEUE}/{id}"),
    ] {
        let (status, body) = serve.get(&path);
        assert!(status == 200 || status == 503, "{path}: {status} {body}");
    }
    assert_eq!(writes_since_reset(&server), Vec::<String>::new());
}

#[test]
fn a_paused_queue_counts_as_node_counts_it() {
    let server = RedisServer::start();
    let made = support::node(&server, "populate.js", &["interop-paused"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    server
        .queuectl()
        .args(["pause", "interop-paused"])
        .run()
        .ok();
    let stats = server
        .queuectl()
        .args(["stats", "interop-paused", "--json"])
        .run()
        .ok()
        .json();
    let node = support::node(&server, "counts.js", &["interop-paused"])
        .ok()
        .json();
    assert_eq!(stats["queues"][0]["paused"], true, "{stats:#}");
    assert_eq!(stats["queues"][0]["counts"], node);
    assert_eq!(node["waiting"], 3, "populate.js leaves 3 waiting: {node:#}");
}

#[test]
fn reads_work_on_a_read_only_replica() {
    let primary = RedisServer::start();
    let id = fill(&primary);
    let port = primary.port.to_string();
    let replica = RedisServer::start_with(None, &["--replicaof", "127.0.0.1", &port]);
    let synced = std::time::Instant::now();
    while !replica
        .raw(&["INFO", "replication"])
        .contains("master_link_status:up")
    {
        assert!(synced.elapsed().as_secs() < 10, "the replica never synced");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(replica
        .raw(&["HSET", "probe", "f", "v"])
        .contains("READONLY"));

    assert_eq!(
        read_outputs(&replica, &replica.url(), &id),
        read_outputs(&primary, &primary.url(), &id)
    );
    let report = health(&replica, &replica.url()).json();
    assert_eq!(report["queues"][0]["metrics"]["waiting"], 3, "{report:#}");
}

#[test]
fn bullmq_4_and_5_leftovers_count_as_node_6_counts_them() {
    let server = RedisServer::start();
    fill(&server);
    let oldest = |server: &RedisServer| {
        let stats = server
            .queuectl()
            .args(["stats", QUEUE, "--json"])
            .run()
            .ok()
            .json();
        stats["queues"][0].clone()
    };
    let before = oldest(&server);
    // BullMQ 4 pushed `0:<delay>` markers to the wait list's tail, where workers take jobs.
    server.cli(&["RPUSH", &format!("bull:{QUEUE}:wait"), "0:0"]);
    let with_marker = oldest(&server);
    assert_eq!(with_marker["counts"], before["counts"]);
    assert!(
        with_marker["oldestWaitingAgeMs"].as_u64() >= before["oldestWaitingAgeMs"].as_u64(),
        "the oldest job's age, not the marker's: {with_marker:#}"
    );
    // BullMQ 5 kept a paused queue's jobs in `paused`; Node 6's getJobCounts() ignores it.
    server.cli(&["LPUSH", &format!("bull:{QUEUE}:paused"), "v5-job"]);
    let ours = oldest(&server)["counts"].clone();
    // Node's count also removes the marker (RPOP), so it is read second.
    let node = support::node(&server, "counts.js", &[QUEUE]).ok().json();
    assert_eq!(ours, node);
    assert_eq!(node["waiting"], before["counts"]["waiting"], "{node:#}");
}

#[test]
fn jobs_pages_list_the_ids_node_get_jobs_lists() {
    let server = RedisServer::start();
    let q = "interop-pages";
    let made = support::node(&server, "populate.js", &[q]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let ids = |doc: Value| -> Vec<String> {
        doc["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["id"].as_str().unwrap().to_string())
            .collect()
    };
    // queuectl lists finished jobs newest first, the rest oldest first.
    for (state, asc) in [
        ("waiting", "1"),
        ("prioritized", "1"),
        ("delayed", "1"),
        ("completed", "0"),
        ("failed", "0"),
    ] {
        for (offset, limit) in [(0, 50), (1, 2)] {
            let ours = server
                .queuectl()
                .args(["jobs", q, "--state", state, "--json"])
                .args([
                    "--offset",
                    &offset.to_string(),
                    "--limit",
                    &limit.to_string(),
                ])
                .run()
                .ok()
                .json();
            let end = (offset + limit - 1).to_string();
            let args = [q, state, &offset.to_string(), &end, asc];
            let node = support::node(&server, "getjobs.js", &args).ok().json();
            let node: Vec<String> = serde_json::from_value(node).unwrap();
            assert!(!node.is_empty(), "populate.js leaves {state} jobs");
            assert_eq!(ids(ours), node, "{state} offset {offset} limit {limit}");
        }
    }
}
