//! pause/resume, promote, remove and drain, checked through Node BullMQ's own
//! view of the queue where it matters.

use serde_json::{json, Value};

use crate::support::{self, RedisServer};

fn enqueue(server: &RedisServer, queue: &str, extra: &[&str]) -> String {
    let v = server
        .queuectl()
        .args(["enqueue", "analytics", "--queue", queue, "--json"])
        .args(extra)
        .run()
        .ok()
        .json();
    v["id"].as_str().unwrap().to_string()
}

fn counts(server: &RedisServer, queue: &str) -> Value {
    support::node(server, "counts.js", &[queue]).json()
}

#[test]
fn pause_and_resume_set_the_flag_node_reads() {
    let server = RedisServer::start();
    enqueue(&server, "qa", &[]);
    enqueue(&server, "qb", &[]);
    let before = server.snapshot();
    let run = server
        .queuectl()
        .args(["pause", "qa", "nope"])
        .run()
        .fails_with(1);
    assert!(
        run.stderr.contains("no queue named nope under prefix bull"),
        "{}",
        run.stderr
    );
    assert_eq!(server.snapshot(), before);
    assert_eq!(server.raw(&["HGET", "bull:qa:meta", "paused"]), "");

    let v = server
        .queuectl()
        .args(["pause", "--all", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(
        v["queues"],
        json!([{"queue": "qa", "paused": true, "changed": true}, {"queue": "qb", "paused": true, "changed": true}])
    );
    assert_eq!(server.raw(&["HGET", "bull:qb:meta", "paused"]), "1");
    let again = server
        .queuectl()
        .args(["pause", "qa", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(again["queues"][0]["changed"], false);

    server.queuectl().args(["resume", "qa"]).run().ok();
    assert_eq!(server.raw(&["HEXISTS", "bull:qa:meta", "paused"]), "0");
    assert_eq!(server.raw(&["HGET", "bull:qb:meta", "paused"]), "1");
    // A Node worker picks the resumed queue's job up.
    let run = support::node(&server, "drain.js", &["qa", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn promote_moves_delayed_jobs_and_reports_the_rest() {
    let server = RedisServer::start();
    let d1 = enqueue(&server, "pq", &["--delay", "1h"]);
    enqueue(&server, "pq", &["--delay", "1h"]);
    enqueue(&server, "pq", &["--delay", "2h"]);
    let waiting = enqueue(&server, "pq", &[]);
    let run = server
        .queuectl()
        .args(["promote", "pq", &d1, &waiting, "404", "--json"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["promoted"], 1);
    assert_eq!(v["ids"], json!([d1]));
    assert_eq!(v["notFound"], json!(["404"]));
    assert_eq!(v["notDelayed"][0]["id"], waiting.as_str());
    let c = counts(&server, "pq");
    assert_eq!(
        (c["waiting"].as_u64(), c["delayed"].as_u64()),
        (Some(2), Some(2))
    );

    let v = server
        .queuectl()
        .args(["promote", "pq", "--all", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(v, json!({"promoted": 2}));
    let c = counts(&server, "pq");
    assert_eq!(
        (c["waiting"].as_u64(), c["delayed"].as_u64()),
        (Some(4), Some(0))
    );
}

#[test]
fn remove_confirms_and_refuses_locked_jobs() {
    let server = RedisServer::start();
    let pop = support::node(&server, "populate.js", &["rq"]);
    assert_eq!(pop.code, 0, "{}", pop.stderr);
    let ids = pop.json()["ids"].clone();
    let active = ids["active"][0].as_str().unwrap();
    let done = ids["completed"][0].as_str().unwrap();
    let waiting = ids["waiting"][0].as_str().unwrap();
    let q = |args: &[&str]| server.queuectl().args(["remove", "rq"]).args(args).run();

    let before = server.snapshot();
    q(&[done, waiting]).fails_with(2);
    let preview = q(&[done, waiting, "404", "--dry-run", "--json"])
        .ok()
        .json();
    assert_eq!(server.snapshot(), before);
    assert_eq!(preview["matched"], 2);
    assert_eq!(preview["notFound"], json!(["404"]));

    let run = q(&[done, waiting, active, "404", "--yes", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["removed"], json!([done, waiting]));
    assert_eq!(v["notFound"], json!(["404"]));
    assert_eq!(v["failed"][0]["id"], active);
    assert!(v["failed"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("locked"));
    let c = counts(&server, "rq");
    let before_counts = pop.json()["counts"].clone();
    assert_eq!(c["active"], before_counts["active"]);
    assert_eq!(
        c["completed"].as_u64().unwrap() + 1,
        before_counts["completed"].as_u64().unwrap()
    );
    assert_eq!(server.int(&["EXISTS", &format!("bull:rq:{done}:logs")]), 0);
}

#[test]
fn drain_removes_waiting_and_optionally_delayed_jobs() {
    let server = RedisServer::start();
    enqueue(&server, "dq", &[]);
    enqueue(&server, "dq", &[]);
    enqueue(&server, "dq", &["--priority", "high"]);
    enqueue(&server, "dq", &["--delay", "1h"]);
    let before = server.snapshot();
    server.queuectl().args(["drain", "dq"]).run().fails_with(2);
    let preview = server
        .queuectl()
        .args(["drain", "dq", "--delayed", "--dry-run", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(server.snapshot(), before);
    assert_eq!(
        preview,
        json!({"matched": 4, "byState": {"waiting": 2, "prioritized": 1, "delayed": 1}})
    );
    let v = server
        .queuectl()
        .args(["drain", "dq", "--yes", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(v, json!({"removed": 3}));
    let c = counts(&server, "dq");
    assert_eq!(
        (
            c["waiting"].as_u64(),
            c["prioritized"].as_u64(),
            c["delayed"].as_u64()
        ),
        (Some(0), Some(0), Some(1))
    );
    server
        .queuectl()
        .args(["drain", "dq", "--delayed", "--yes"])
        .run()
        .ok();
    assert_eq!(counts(&server, "dq")["delayed"], 0);
}

#[test]
fn control_verbs_never_create_a_queue() {
    let server = RedisServer::start();
    for args in [
        vec!["remove", "ghost", "1", "--yes"],
        vec!["drain", "ghost", "--yes"],
        vec!["promote", "ghost", "--all"],
        vec!["resume", "ghost"],
        vec!["limit", "ghost", "--concurrency", "2"],
        vec!["limit", "ghost"],
    ] {
        let run = server.queuectl().args(&args).run().fails_with(1);
        assert!(
            run.stderr
                .contains("no queue named ghost under prefix bull"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(server.snapshot(), "");
}

fn limit(server: &RedisServer, args: &[&str]) -> Value {
    server
        .queuectl()
        .args(["limit"])
        .args(args)
        .args(["--json"])
        .run()
        .ok()
        .json()
}

fn node_limits(server: &RedisServer, queue: &str) -> Value {
    support::node(server, "limits.js", &[queue, "get"]).json()
}

#[test]
fn limit_sets_the_global_limits_node_reads_and_its_workers_honour() {
    let server = RedisServer::start();
    for _ in 0..6 {
        enqueue(&server, "lq", &[]);
    }
    let before = server.snapshot();
    assert_eq!(
        limit(&server, &["lq"]),
        json!({"queue": "lq", "concurrency": null, "rate": null, "changed": false})
    );
    assert_eq!(server.snapshot(), before, "showing the limits wrote");
    for bad in [
        vec!["--concurrency", "0"],
        vec!["--concurrency", "many"],
        vec!["--rate", "10"],
        vec!["--rate", "0/1s"],
        vec!["--rate", "5/0"],
        vec!["--rate", "5/soon"],
        vec!["--clear", "--rate", "off"],
    ] {
        let run = server.queuectl().args(["limit", "lq"]).args(&bad).run();
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{bad:?}: {}", run.stderr);
        assert_eq!(server.snapshot(), before, "{bad:?} wrote");
    }

    let set = limit(&server, &["lq", "--concurrency", "2", "--rate", "100/1s"]);
    assert_eq!(
        set,
        json!({"queue": "lq", "concurrency": 2, "rate": {"max": 100, "duration": 1000}, "changed": true})
    );
    assert_eq!(
        node_limits(&server, "lq"),
        json!({"concurrency": 2, "rateLimit": {"max": 100, "duration": 1000}})
    );
    // A Node worker allowed 10 at once runs at most 2: the global limit holds.
    let run = support::node(&server, "limits.js", &["lq", "run", "6", "10", "300"]).json();
    assert_eq!(run["maxActive"], 2, "{run}");

    let off = limit(&server, &["lq", "--rate", "off"]);
    assert_eq!(off["concurrency"], 2);
    assert_eq!(off["rate"], Value::Null);
    let again = limit(&server, &["lq", "--rate", "off"]);
    assert_eq!(again["changed"], false);
    limit(&server, &["lq", "--clear"]);
    assert_eq!(
        node_limits(&server, "lq"),
        json!({"concurrency": null, "rateLimit": null})
    );
}

fn queue_doc<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["queues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {doc:#}"))
}

#[test]
fn stats_and_health_say_when_a_limit_holds_jobs_back() {
    let server = RedisServer::start();
    for _ in 0..3 {
        enqueue(&server, "rq", &[]);
    }
    limit(&server, &["rq", "--rate", "1/1m"]);
    // The one job the window allows runs; the other two wait for the window.
    let run = support::node(&server, "limits.js", &["rq", "run", "1", "5", "0"]).json();
    assert_eq!(run["maxActive"], 1);
    let stats = server
        .queuectl()
        .args(["stats", "rq", "--json"])
        .run()
        .ok()
        .json();
    let q = queue_doc(&stats, "rq");
    assert_eq!(
        q["limits"],
        json!({"concurrency": null, "rate": {"max": 1, "duration": 60000}})
    );
    assert_eq!(q["heldBy"]["limit"], "rate", "{q:#}");
    let left = q["heldBy"]["resumesInMs"].as_u64().expect("resumesInMs");
    assert!(left > 0 && left <= 60_000, "{left}");
    let table = server.queuectl().args(["stats", "rq"]).run().ok().stdout;
    assert!(
        table.contains("1 per 1m") && table.contains("limited"),
        "{table}"
    );

    // No worker is left, but the jobs wait for the limit, not for a worker.
    let health = server.queuectl().args(["health", "--json"]).run().json();
    let q = queue_doc(&health, "rq");
    assert_eq!(q["heldBy"]["limit"], "rate", "{q:#}");
    assert!(
        !health["issueDetails"].to_string().contains("no-workers"),
        "{health:#}"
    );
    let human = server.queuectl().args(["health"]).run().stdout;
    assert!(
        human.contains("rq: ready jobs held back by the rate limit (reopens in"),
        "{human}"
    );

    // A full global concurrency holds the rest back while a job runs.
    for _ in 0..2 {
        enqueue(&server, "cq", &[]);
    }
    limit(&server, &["cq", "--concurrency", "1"]);
    let mut worker = support::node_spawn(&server, "limits.js", &["cq", "run", "2", "5", "3000"]);
    let start = std::time::Instant::now();
    let held = loop {
        let stats = server
            .queuectl()
            .args(["stats", "cq", "--json"])
            .run()
            .ok()
            .json();
        let q = queue_doc(&stats, "cq").clone();
        if q["counts"]["active"] == 1 {
            break q;
        }
        assert!(
            start.elapsed().as_secs() < 10,
            "no job became active: {q:#}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(
        held["heldBy"],
        json!({"limit": "concurrency", "concurrency": 1, "active": 1})
    );
    let _ = worker.kill();
    let _ = worker.wait();
}
