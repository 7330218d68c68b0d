//! `serve` and the job verbs on hostile input: ids that name a queue's own
//! keys (not job hashes), JSON nested too deep, bodies over the limit, and
//! the `Bearer` scheme in any case.

use serde_json::{json, Value};

use crate::serve::{add, http, Serve, TOKEN};
use crate::support::RedisServer;

/// Queue keys that exist once a job was added and the queue paused, each of
/// a different type (hash, string, list, stream).
const QUEUE_KEYS: [&str; 4] = ["meta", "id", "wait", "events"];

fn not_found(id: &str, queue: &str) -> Value {
    json!({ "error": format!("job '{id}' not found in queue '{queue}'") })
}

#[test]
fn ids_that_are_not_job_hashes_are_404_on_every_route() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let id = add(
        &serve,
        json!({"type": "refresh", "options": {"queue": "tq"}}),
    );
    redis.queuectl().args(["pause", "tq"]).run().ok();
    redis
        .queuectl()
        .args(["enqueue", "--queue", "tq", "refresh"])
        .run()
        .ok();
    let before = redis.snapshot();
    for key in QUEUE_KEYS {
        assert!(before.contains(&format!("bull:tq:{key} ")), "{before}");
        let path = format!("/api/queue/jobs/tq/{key}");
        assert_eq!(serve.get(&path), (404, not_found(key, "tq")), "GET {path}");
        assert_eq!(
            serve.send("DELETE", &path, None),
            (404, not_found(key, "tq")),
            "DELETE {path}"
        );
        let retry = format!("{path}/retry");
        assert_eq!(
            serve.send("POST", &retry, None),
            (404, not_found(key, "tq")),
            "POST {retry}"
        );
    }
    assert_eq!(redis.snapshot(), before, "a route changed a key");
    assert_eq!(redis.raw(&["HGET", "bull:tq:meta", "paused"]), "1");
    // The real job is still a job.
    let (status, job) = serve.get(&format!("/api/queue/jobs/tq/{id}"));
    assert_eq!((status, &job["id"]), (200, &json!(id)), "{job}");
}

#[test]
fn job_and_remove_treat_queue_keys_as_unknown_ids() {
    let redis = RedisServer::start();
    redis
        .queuectl()
        .args(["enqueue", "--queue", "tq", "refresh"])
        .run()
        .ok();
    redis.queuectl().args(["pause", "tq"]).run().ok();
    let before = redis.snapshot();
    for key in QUEUE_KEYS {
        let run = redis
            .queuectl()
            .args(["job", "tq", key])
            .run()
            .fails_with(1);
        assert_eq!(
            run.stderr.trim(),
            format!("error: job '{key}' not found in queue 'tq' (prefix 'bull')"),
        );
    }
    let preview = redis
        .queuectl()
        .args(["remove", "tq", "1", "meta", "wait", "--dry-run", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(preview["ids"], json!(["1"]));
    assert_eq!(preview["notFound"], json!(["meta", "wait"]));
    let run = redis
        .queuectl()
        .args([
            "remove", "tq", "meta", "wait", "events", "id", "--yes", "--json",
        ])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["removed"], json!([]));
    assert_eq!(report["notFound"], json!(["meta", "wait", "events", "id"]));
    assert_eq!(report["failed"], json!([]));
    assert_eq!(redis.snapshot(), before, "remove changed a queue key");
    assert_eq!(redis.raw(&["HGET", "bull:tq:meta", "paused"]), "1");
}

/// `{"type": "refresh", "data": [[[...]]]}` nested `depth` arrays deep.
fn nested(depth: usize) -> String {
    format!(
        "{{\"type\":\"refresh\",\"data\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn deep_json_is_400_and_a_big_body_413_with_nothing_written() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let (status, doc) = serve.send("POST", "/api/queue/jobs", Some(&nested(200)));
    assert_eq!(status, 400, "{doc}");
    assert_eq!(
        doc,
        json!({"error": "invalid JSON: recursion limit exceeded at line 1 column 152"})
    );
    let big = format!(
        "{{\"type\":\"refresh\",\"data\":\"{}\"}}",
        "a".repeat(1024 * 1024)
    );
    let (status, doc) = serve.send("POST", "/api/queue/jobs", Some(&big));
    assert_eq!(status, 413, "{doc}");
    assert_eq!(
        doc,
        json!({"error": "request body is larger than the limit of 1048576 bytes"})
    );
    assert_eq!(redis.int(&["DBSIZE"]), 0);
    // Nested but within the limit is still a job.
    let (status, doc) = serve.send("POST", "/api/queue/jobs", Some(&nested(100)));
    assert_eq!(status, 201, "{doc}");
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let redis = RedisServer::start();
    let serve = Serve::start(&redis, &["--token", TOKEN]);
    let body = r#"{"type":"refresh"}"#;
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let (status, doc) = http_with_auth(&serve, &format!("{scheme} {TOKEN}"), body);
        assert_eq!(status, 201, "{scheme}: {doc}");
    }
    let (status, doc) = http_with_auth(&serve, &format!("Basic {TOKEN}"), body);
    assert_eq!(status, 401, "{doc}");
    assert_eq!(redis.int(&["LLEN", "bull:scrape-queue:wait"]), 3);
    // The plain helper still works (token given the usual way).
    assert_eq!(
        http(&serve.addr, "GET", "/api/queue/stats", None, None).0,
        200
    );
}

fn http_with_auth(serve: &Serve, authorization: &str, body: &str) -> (u16, Value) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(&serve.addr).unwrap();
    let request = format!(
        "POST /api/queue/jobs HTTP/1.1\r\nHost: {}\r\nAuthorization: {authorization}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        serve.addr,
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}
