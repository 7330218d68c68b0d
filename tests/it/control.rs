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
