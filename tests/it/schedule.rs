//! `queuectl schedule` against real Redis and real Node BullMQ: schedulers it adds
//! look the same to Node's `getJobSchedulers`, fire in Node and queuectl workers,
//! and bad schedules write nothing.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Timelike};
use serde_json::{json, Value};

use crate::support::{self, node, RedisServer};

/// Node's `getJobSchedulers()` for `queue`, or `getJobScheduler(id)` with an id.
fn node_schedulers(server: &RedisServer, queue: &str, id: Option<&str>) -> Value {
    let mut args = vec![queue];
    args.extend(id);
    let run = node(server, "schedulers.js", &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// Our rows and Node's agree field by field; `queue` is our only extra field.
fn assert_same_as_node(ours: &[Value], theirs: &Value, queue: &str) {
    let theirs = theirs.as_array().expect("Node returned an array");
    let mine: Vec<&Value> = ours.iter().filter(|r| r["queue"] == queue).collect();
    assert_eq!(mine.len(), theirs.len(), "ours {mine:?}\nNode {theirs:?}");
    for node_row in theirs {
        let row = mine
            .iter()
            .find(|r| r["key"] == node_row["key"])
            .unwrap_or_else(|| panic!("{} missing from our list", node_row["key"]));
        let mut row = row.as_object().unwrap().clone();
        assert_eq!(row.remove("queue"), Some(json!(queue)));
        assert_eq!(Value::Object(row), *node_row);
    }
}

/// Job ids of `queue`'s completed jobs, as `queuectl jobs` lists them.
fn completed(server: &RedisServer, queue: &str) -> Vec<Value> {
    let run = server
        .queuectl()
        .args(["jobs", queue, "--state", "completed", "--json"])
        .run();
    if run.code != 0 {
        return Vec::new();
    }
    run.json()["jobs"].as_array().cloned().unwrap_or_default()
}

fn iterations_of<'a>(jobs: &'a [Value], scheduler: &str) -> Vec<&'a Value> {
    let prefix = format!("repeat:{scheduler}:");
    jobs.iter()
        .filter(|j| j["id"].as_str().unwrap_or("").starts_with(&prefix))
        .collect()
}

/// A `queuectl worker`, killed when dropped.
struct Worker(Child);

impl Worker {
    fn start(server: &RedisServer, queue: &str) -> Self {
        let child = support::queuectl_command()
            .env("REDIS_URL", server.url())
            .args(["worker", "--queue", queue])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn queuectl worker");
        Self(child)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn list_agrees_with_node_and_remove_takes_the_scheduler_away() {
    let server = RedisServer::start();
    let added = server
        .queuectl()
        .args([
            "schedule",
            "add",
            "daily-maintenance",
            "--cron",
            "0 2 * * *",
        ])
        .args(["--tz", "America/New_York", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(added["queue"], "maintenance-queue", "routed by job name");
    assert_eq!(added["pattern"], "0 2 * * *");
    let next = added["next"].as_i64().unwrap();
    let in_ny = chrono_tz::America::New_York
        .timestamp_millis_opt(next)
        .unwrap();
    assert_eq!(
        (in_ny.hour(), in_ny.minute(), in_ny.second()),
        (2, 0, 0),
        "next run is 02:00 in New York: {in_ny}"
    );
    let out = server
        .queuectl()
        .args(["schedule", "add", "refresh-home", "--every", "15m"])
        .args([
            "--name",
            "refresh",
            "--queue",
            "scrape-queue",
            "--priority",
            "high",
        ])
        .args(["--limit", "5", r#"{"url":"https://example.com"}"#])
        .run()
        .ok();
    assert_eq!(out.stdout, "refresh-home\n", "plain output is the id");
    let run = node(&server, "scheduler.js", &["node-q", "from-node", "60000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let rows = server
        .queuectl()
        .args(["schedule", "list", "--json"])
        .run()
        .ok()
        .json();
    let rows = rows.as_array().unwrap().clone();
    assert_eq!(rows.len(), 3, "{rows:?}");
    for queue in ["maintenance-queue", "node-q", "scrape-queue"] {
        assert_same_as_node(&rows, &node_schedulers(&server, queue, None), queue);
    }
    let refresh = rows.iter().find(|r| r["key"] == "refresh-home").unwrap();
    assert_eq!(refresh["name"], "refresh");
    assert_eq!(refresh["every"], 900_000);
    assert_eq!(refresh["limit"], 5);
    assert_eq!(
        refresh["template"]["data"],
        json!({"url": "https://example.com"})
    );
    assert_eq!(refresh["template"]["opts"]["priority"], 2);
    assert_eq!(refresh["template"]["opts"]["attempts"], 3);

    let table = server.queuectl().args(["schedule", "list"]).run().ok();
    assert!(
        table.stdout.contains("America/New_York"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("every 15m"), "{}", table.stdout);

    // Off a terminal, removing needs --yes; --dry-run changes nothing.
    let before = server.snapshot();
    server
        .queuectl()
        .args(["schedule", "remove", "daily-maintenance"])
        .run()
        .fails_with(2);
    let dry = server
        .queuectl()
        .args(["schedule", "remove", "daily-maintenance", "--dry-run"])
        .run()
        .ok();
    assert!(dry.stdout.contains("would remove"), "{}", dry.stdout);
    assert_eq!(server.snapshot(), before);

    let removed = server
        .queuectl()
        .args(["schedule", "remove", "daily-maintenance", "--yes"])
        .run()
        .ok();
    assert_eq!(removed.stdout, "daily-maintenance\n");
    assert_eq!(
        node_schedulers(&server, "maintenance-queue", Some("daily-maintenance")),
        Value::Null
    );
    assert_eq!(
        server.int(&["ZCARD", "bull:maintenance-queue:delayed"]),
        0,
        "the pending iteration went with it"
    );
    let again = server
        .queuectl()
        .args(["schedule", "remove", "daily-maintenance", "--yes"])
        .run()
        .fails_with(1);
    assert!(
        again
            .stderr
            .contains("no job scheduler daily-maintenance in queue maintenance-queue"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_scheduler_added_by_queuectl_fires_in_a_node_worker() {
    let server = RedisServer::start();
    for (id, how) in [
        ("tick", ["--every", "1s"]),
        ("cron", ["--cron", "*/1 * * * * *"]),
    ] {
        server
            .queuectl()
            .args(["schedule", "add", id, "--queue", "nq", "--name", "beat"])
            .args(how)
            .args([format!(r#"{{"from":"{id}"}}"#)])
            .run()
            .ok();
    }
    let run = node(&server, "process.js", &["nq", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    for id in ["tick", "cron"] {
        let mine: Vec<&Value> = seen
            .iter()
            .filter(|j| {
                j["id"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("repeat:{id}:"))
            })
            .collect();
        assert!(mine.len() >= 2, "{id}: {seen:?}");
        for job in mine {
            assert_eq!(job["name"], "beat");
            assert_eq!(job["data"], json!({"from": id}));
            let repeat = &job["opts"]["repeat"];
            match id {
                "tick" => assert_eq!(repeat["every"], 1000, "{job}"),
                _ => assert_eq!(repeat["pattern"], "*/1 * * * * *", "{job}"),
            }
        }
    }
}

#[test]
fn a_scheduler_added_by_queuectl_fires_in_a_queuectl_worker() {
    let server = RedisServer::start();
    for (id, how) in [
        ("tick", ["--every", "1s"]),
        ("cron", ["--cron", "*/1 * * * * *"]),
    ] {
        server
            .queuectl()
            .args(["schedule", "add", id, "--queue", "wq", "--name", "echo"])
            .args(how)
            .run()
            .ok();
    }
    server
        .queuectl()
        .args(["schedule", "add", "lim", "--queue", "wq", "--name", "echo"])
        .args(["--every", "300ms", "--limit", "2"])
        .run()
        .ok();
    let _worker = Worker::start(&server, "wq");
    let start = Instant::now();
    loop {
        let jobs = completed(&server, "wq");
        let (ticks, crons) = (iterations_of(&jobs, "tick"), iterations_of(&jobs, "cron"));
        if ticks.len() >= 2 && crons.len() >= 2 {
            assert!(jobs.iter().all(|j| j["name"] == "echo"), "{jobs:?}");
            assert_eq!(iterations_of(&jobs, "lim").len(), 2, "--limit 2: {jobs:?}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "iterations did not complete: {jobs:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let tick = node_schedulers(&server, "wq", Some("tick"));
    assert!(
        tick["iterationCount"].as_u64().unwrap() >= 2,
        "the worker scheduled the next iterations: {tick}"
    );
}

#[test]
fn bad_schedules_are_usage_errors_and_write_nothing() {
    let server = RedisServer::start();
    let before = server.snapshot();
    let cases: [(&[&str], &str); 7] = [
        (&["--cron", "61 * * * *"], "--cron"),
        (&["--cron", "every day"], "--cron"),
        (
            &["--cron", "0 2 * * *", "--tz", "Mars/Olympus"],
            "Mars/Olympus",
        ),
        (&["--every", "soon"], "--every"),
        (&["--every", "1s", "--delay", "5s"], "--delay"),
        (&["--every", "1s", "--job-id", "x"], "--job-id"),
        (&["--every", "1s", "--priority", "urgent"], "--priority"),
    ];
    for (flags, named) in cases {
        let run = server
            .queuectl()
            .args(["schedule", "add", "s", "--queue", "q"])
            .args(flags)
            .run()
            .fails_with(2);
        assert!(run.stderr.contains(named), "{flags:?}: {}", run.stderr);
    }
    server
        .queuectl()
        .args(["schedule", "add", "unrouted", "--every", "1s"])
        .run()
        .fails_with(2);
    server
        .queuectl()
        .args([
            "schedule", "add", "s", "--queue", "q", "--every", "1s", "not json",
        ])
        .run()
        .fails_with(2);
    assert_eq!(server.snapshot(), before, "nothing was written");
}
