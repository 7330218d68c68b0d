//! `stats`, `queues`, `jobs` and `job` on queues filled by queuectl itself
//! (the Node side is covered in interop.rs).

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::{self, RedisServer};

fn fill(server: &RedisServer) {
    let q = |args: &[&str]| server.queuectl().args(["enqueue"]).args(args).run().ok();
    q(&["analytics", r#"{"n":1}"#]);
    q(&["analytics", r#"{"n":2}"#]);
    q(&["process-content", "--priority", "high"]);
    q(&["analytics", "--delay", "2h"]);
    q(&["refresh", "--job-id", "site-7"]);
}

#[test]
fn the_oldest_waiting_age_covers_prioritized_jobs_of_every_priority() {
    let server = RedisServer::start();
    let add = |priority: &str| {
        server
            .queuectl()
            .args(["enqueue", "analytics", "--priority", priority])
            .run()
            .ok();
    };
    // The oldest job has the lowest priority: it runs last, but it has waited longest.
    add("bulk");
    std::thread::sleep(std::time::Duration::from_millis(600));
    add("critical");
    add("normal");
    let stats = server
        .queuectl()
        .args(["stats", "process-queue", "--json"])
        .run()
        .ok()
        .json();
    let q = &stats["queues"][0];
    assert_eq!(q["counts"]["waiting"], 0, "{q}");
    assert_eq!(q["counts"]["prioritized"], 3, "{q}");
    let age = q["oldestWaitingAgeMs"].as_u64().expect("an age");
    assert!(
        (600..60_000).contains(&age),
        "the bulk job's age, not the next job's: {age} ms"
    );
}

#[test]
fn stats_reports_counts_per_state_for_every_queue() {
    let server = RedisServer::start();
    fill(&server);
    let v = server
        .queuectl()
        .args(["stats", "--json"])
        .run()
        .ok()
        .json();
    let queues = v["queues"].as_array().unwrap();
    let names: Vec<&str> = queues.iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["process-queue", "scrape-queue"]);
    let p = &queues[0];
    assert_eq!(
        p["counts"],
        serde_json::json!({"waiting": 2, "active": 0, "delayed": 1, "prioritized": 1, "waiting-children": 0, "completed": 0, "failed": 0})
    );
    assert_eq!(p["paused"], false);
    assert!(p["oldestWaitingAgeMs"].as_u64().is_some());

    let table = server
        .queuectl()
        .args(["stats", "process-queue"])
        .run()
        .ok()
        .stdout;
    let header = table.lines().next().unwrap();
    assert!(
        header.contains("WAITING") && header.contains("PRIORITIZED"),
        "{table}"
    );
    assert!(table.lines().nth(1).unwrap().starts_with("process-queue"));
}

#[test]
fn stats_on_an_unknown_queue_warns_and_creates_nothing() {
    let server = RedisServer::start();
    let run = server
        .queuectl()
        .args(["stats", "nope", "--json"])
        .run()
        .ok();
    assert_eq!(run.json()["queues"][0]["counts"]["waiting"], 0);
    assert!(run.stderr.contains("no keys"), "{}", run.stderr);
    assert_eq!(server.snapshot(), "", "stats must not create the queue");
}

#[test]
fn stats_watch_streams_json_until_stopped() {
    let server = RedisServer::start();
    fill(&server);
    let mut cmd = support::queuectl_command();
    cmd.env("REDIS_URL", server.url())
        .args(["stats", "--json", "--watch", "100ms"])
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..2 {
        let line = lines.next().unwrap().unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["queues"].as_array().unwrap().len(), 2);
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn queues_lists_each_queue_with_a_summary() {
    let server = RedisServer::start();
    fill(&server);
    let text = server.queuectl().args(["queues"]).run().ok().stdout;
    assert!(
        text.contains("process-queue") && text.contains("3 ready"),
        "{text}"
    );
    let v = server
        .queuectl()
        .args(["queues", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(v["queues"].as_array().unwrap().len(), 2);
    let empty = RedisServer::start();
    assert!(empty
        .queuectl()
        .args(["ls"])
        .run()
        .ok()
        .stdout
        .contains("no queues"));
}

#[test]
fn jobs_lists_by_state_with_limit_and_offset() {
    let server = RedisServer::start();
    fill(&server);
    let all = server
        .queuectl()
        .args(["jobs", "process-queue", "--json"])
        .run()
        .ok()
        .json();
    let states: Vec<&str> = all["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["waiting", "waiting", "prioritized", "delayed"]);
    let waiting = server
        .queuectl()
        .args(["jobs", "process-queue", "--state", "waiting", "--json"])
        .run()
        .ok()
        .json();
    let data: Vec<u64> = waiting["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(data.len(), 2);
    assert!(
        data[0] < data[1],
        "waiting jobs are listed oldest first: {data:?}"
    );
    let page = server
        .queuectl()
        .args([
            "jobs",
            "process-queue",
            "--limit",
            "2",
            "--offset",
            "1",
            "--json",
        ])
        .run()
        .ok()
        .json();
    let states: Vec<&str> = page["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["waiting", "prioritized"]);
    let table = server
        .queuectl()
        .args(["jobs", "process-queue"])
        .run()
        .ok()
        .stdout;
    assert!(table.starts_with("ID"), "{table}");
}

#[test]
fn jobs_on_a_missing_queue_fails() {
    let server = RedisServer::start();
    let run = server
        .queuectl()
        .args(["jobs", "ghost"])
        .run()
        .fails_with(1);
    assert!(run.stderr.contains("ghost"), "{}", run.stderr);
}

#[test]
fn job_shows_everything_in_bullmq_field_names() {
    let server = RedisServer::start();
    fill(&server);
    let v = server
        .queuectl()
        .args(["job", "scrape-queue", "site-7", "--json"])
        .run()
        .ok()
        .json();
    for field in [
        "id",
        "name",
        "data",
        "opts",
        "progress",
        "attemptsMade",
        "timestamp",
        "processedOn",
        "finishedOn",
        "returnvalue",
        "failedReason",
        "stacktrace",
        "state",
        "logs",
    ] {
        assert!(v.get(field).is_some(), "missing {field}: {v}");
    }
    assert_eq!(v["id"], "site-7");
    assert_eq!(v["state"], "waiting");
    assert_eq!(v["opts"]["jobId"], "site-7");
    let text = server
        .queuectl()
        .args(["job", "scrape-queue", "site-7"])
        .run()
        .ok()
        .stdout;
    assert!(
        text.contains("state:") && text.contains("waiting"),
        "{text}"
    );
}

#[test]
fn unknown_job_id_is_a_clear_error() {
    let server = RedisServer::start();
    fill(&server);
    let run = server
        .queuectl()
        .args(["job", "scrape-queue", "missing-1"])
        .run()
        .fails_with(1);
    assert!(
        run.stderr.contains("job 'missing-1' not found"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn job_edits_go_through_bullmq_and_node_sees_them() {
    let server = RedisServer::start();
    let q = |args: &[&str]| server.queuectl().args(args).run();
    q(&["enqueue", "analytics", r#"{"a":1}"#, "--job-id", "e1"]).ok();
    q(&["enqueue", "analytics", "--job-id", "d1", "--delay", "1h"]).ok();
    let node_job = |id: &str| {
        let run = support::node(&server, "getjob.js", &["process-queue", id]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
    };
    let shown = q(&[
        "job",
        "process-queue",
        "e1",
        "--set-data",
        r#"{"b":[2]}"#,
        "--set-priority",
        "high",
        "--json",
    ])
    .ok()
    .json();
    assert_eq!(shown["state"], "prioritized", "{shown}");
    let e1 = node_job("e1");
    assert_eq!(
        (&e1["data"], &e1["priority"], &e1["state"]),
        (
            &serde_json::json!({"b": [2]}),
            &serde_json::json!(2),
            &serde_json::json!("prioritized")
        ),
        "{e1}"
    );
    q(&["job", "process-queue", "d1", "--set-delay", "2h"]).ok();
    let d1 = node_job("d1");
    assert_eq!(
        (&d1["delay"], &d1["state"]),
        (&serde_json::json!(7_200_000), &serde_json::json!("delayed")),
        "{d1}"
    );

    // Refused before anything changes: bad JSON, data nested too deep, a bad priority.
    let before = server.snapshot();
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    for (args, expect) in [
        (vec!["--set-data", "{nope"], "invalid JSON"),
        (
            vec!["--set-data", deep.as_str()],
            "data: nested 200 levels deep",
        ),
        (vec!["--set-priority", "urgent"], "--set-priority"),
        (vec!["--set-delay", "soon"], "--set-delay"),
    ] {
        let mut all = vec!["job", "process-queue", "e1"];
        all.extend(args);
        let run = q(&all).fails_with(2);
        assert!(run.stderr.contains(expect), "{all:?}: {}", run.stderr);
    }
    assert_eq!(server.snapshot(), before, "nothing may change");
    // BullMQ refuses a delay for a job that is not delayed; an unknown job is not found.
    let run = q(&["job", "process-queue", "e1", "--set-delay", "1m"]).fails_with(1);
    assert!(run.stderr.contains("changing its delay"), "{}", run.stderr);
    let run = q(&["job", "process-queue", "nope", "--set-priority", "low"]).fails_with(1);
    assert!(
        run.stderr
            .contains("job 'nope' not found in queue 'process-queue'"),
        "{}",
        run.stderr
    );
}
