//! Interoperability with real Node BullMQ 6.7 (`tests/interop`): jobs queuectl adds are
//! processed by a Node `Worker` with the same name, data and options; what Node adds is
//! reported by `stats` and `job` exactly as Node reports it; Node's `QueueEvents` sees
//! queuectl's adds as it sees its own.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::Child;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{self, RedisServer};

/// How long to wait for a Node script's output before failing the test.
const NODE_WAIT: Duration = Duration::from_secs(25);

/// Runs `queuectl ARGS --json`, asserts exit 0 and returns the JSON document.
fn queuectl_json(server: &RedisServer, args: &[&str]) -> Value {
    server
        .queuectl()
        .args(args)
        .args(["--json"])
        .run()
        .ok()
        .json()
}

/// `queuectl enqueue ARGS --json` into `queue`.
fn enqueue(server: &RedisServer, queue: &str, args: &[&str]) -> Value {
    let mut all = vec!["enqueue", "--queue", queue];
    all.extend_from_slice(args);
    queuectl_json(server, &all)
}

/// Runs `node tests/interop/SCRIPT ARGS`, asserts exit 0 and returns its JSON document.
fn node_json(server: &RedisServer, script: &str, args: &[&str]) -> Value {
    let run = support::node(server, script, args);
    assert_eq!(
        run.code, 0,
        "node {script} {args:?} exited {}\nstdout: {}\nstderr: {}",
        run.code, run.stdout, run.stderr
    );
    run.json()
}

/// A Node `Worker` (concurrency 1) processes `count` jobs; returns them in processing order.
fn node_process(server: &RedisServer, queue: &str, count: usize) -> Vec<Value> {
    let seen = node_json(server, "process.js", &[queue, &count.to_string()]);
    let jobs = seen.as_array().expect("process.js prints an array").clone();
    assert_eq!(jobs.len(), count, "jobs processed by Node: {seen:#}");
    jobs
}

/// Node's `queue.getJobCounts()`.
fn node_counts(server: &RedisServer, queue: &str) -> Value {
    node_json(server, "counts.js", &[queue])
}

/// queuectl's counts for one queue (`stats QUEUE --json`).
fn queuectl_counts(server: &RedisServer, queue: &str) -> Value {
    let stats = queuectl_json(server, &["stats", queue]);
    assert_eq!(stats["queues"][0]["name"], queue, "{stats:#}");
    stats["queues"][0]["counts"].clone()
}

/// Counts with every state zero except those given.
fn counts(nonzero: &[(&str, u64)]) -> Value {
    let mut c = json!({
        "waiting": 0, "active": 0, "delayed": 0, "prioritized": 0,
        "waiting-children": 0, "completed": 0, "failed": 0,
    });
    for (state, n) in nonzero {
        c[*state] = json!(n);
    }
    c
}

/// The options queuectl stores by default for a job name, plus `extra`.
fn default_opts(scrape: bool, extra: Value) -> Value {
    let backoff = if scrape {
        json!({"type": "exponential", "delay": 2000})
    } else {
        json!({"type": "fixed", "delay": 5000})
    };
    let mut opts = json!({
        "attempts": 3,
        "backoff": backoff,
        "removeOnComplete": 100,
        "removeOnFail": 50,
    });
    for (k, v) in extra.as_object().expect("extra opts are an object") {
        opts[k] = v.clone();
    }
    opts
}

/// Asserts what a Node worker saw of one job.
fn assert_seen(job: &Value, id: &str, name: &str, data: Value, opts: Value, priority: u64) {
    assert_eq!(job["id"], id, "{job:#}");
    assert_eq!(job["name"], name, "{job:#}");
    assert_eq!(job["data"], data, "{job:#}");
    assert_eq!(job["opts"], opts, "{job:#}");
    assert_eq!(job["priority"], priority, "{job:#}");
    assert_eq!(job["attemptsMade"], 0, "{job:#}");
}

#[test]
fn node_worker_processes_plain_and_custom_id_jobs_with_queuectl_defaults() {
    let server = RedisServer::start();
    let q = "interop-plain";
    let page = json!({"url": "https://example.com/a", "depth": 0});
    let plain = enqueue(&server, q, &["single-page", &page.to_string()]);
    let custom = enqueue(
        &server,
        q,
        &[
            "analytics",
            r#"{"site":"s1","n":[1,2]}"#,
            "--job-id",
            "report-s1",
        ],
    );
    assert_eq!(custom["id"], "report-s1");
    assert_eq!(queuectl_counts(&server, q), counts(&[("waiting", 2)]));

    let seen = node_process(&server, q, 2);
    let plain_id = plain["id"].as_str().unwrap();
    assert_seen(
        &seen[0],
        plain_id,
        "single-page",
        page,
        default_opts(true, json!({})),
        0,
    );
    assert_eq!(seen[0]["delay"], 0);
    assert_seen(
        &seen[1],
        "report-s1",
        "analytics",
        json!({"site": "s1", "n": [1, 2]}),
        default_opts(false, json!({"jobId": "report-s1"})),
        0,
    );
    assert_eq!(node_counts(&server, q), counts(&[("completed", 2)]));
}

#[test]
fn node_worker_receives_a_delayed_job_after_its_delay() {
    let server = RedisServer::start();
    let q = "interop-delayed";
    let added = enqueue(
        &server,
        q,
        &["analytics", r#"{"later":true}"#, "--delay", "1500ms"],
    );
    let id = added["id"].as_str().unwrap();
    let before = queuectl_json(&server, &["job", q, id]);
    assert_eq!(before["state"], "delayed", "{before:#}");
    assert_eq!(before["delay"], 1500, "{before:#}");
    assert_eq!(node_counts(&server, q), counts(&[("delayed", 1)]));

    let seen = node_process(&server, q, 1);
    let job = &seen[0];
    assert_seen(
        job,
        id,
        "analytics",
        json!({"later": true}),
        default_opts(false, json!({"delay": 1500})),
        0,
    );
    // BullMQ zeroes the hash's `delay` when it promotes a job (Node's own delayed jobs
    // reach the worker with delay 0 too); the option keeps the 1500.
    assert_eq!(job["delay"], 0, "{job:#}");
    let created = job["timestamp"].as_u64().expect("timestamp");
    let processed = job["processedAt"].as_u64().expect("processedAt");
    assert!(
        processed >= created + 1500,
        "processed {} ms after it was added, before its 1500 ms delay",
        processed - created
    );
}

#[test]
fn node_worker_runs_queuectl_priorities_critical_first() {
    let server = RedisServer::start();
    let q = "interop-priority";
    // Added worst-first-ish so neither insertion order nor its reverse is priority order.
    for level in ["bulk", "critical", "low", "high", "normal"] {
        let data = json!({ "level": level }).to_string();
        enqueue(&server, q, &["refresh", &data, "--priority", level]);
    }
    assert_eq!(node_counts(&server, q), counts(&[("prioritized", 5)]));

    let seen = node_process(&server, q, 5);
    let order: Vec<&str> = seen
        .iter()
        .map(|j| j["data"]["level"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["critical", "high", "normal", "low", "bulk"]);
    for (job, priority) in seen.iter().zip(1u64..) {
        assert_eq!(job["priority"], priority, "{job:#}");
        assert_eq!(
            job["opts"],
            default_opts(true, json!({ "priority": priority })),
            "{job:#}"
        );
    }
}

#[test]
fn only_one_deduplicated_job_reaches_the_node_worker() {
    let server = RedisServer::start();
    let q = "interop-dedup";
    let first = enqueue(
        &server,
        q,
        &["cleanup", r#"{"v":1}"#, "--dedup-id", "nightly"],
    );
    assert!(first.get("deduplicated").is_none(), "{first:#}");
    let second = enqueue(
        &server,
        q,
        &["cleanup", r#"{"v":2}"#, "--dedup-id", "nightly"],
    );
    assert_eq!(second["deduplicated"], true, "{second:#}");
    assert_eq!(
        second["id"], first["id"],
        "the dedup hit names the job holding the id"
    );
    assert_eq!(node_counts(&server, q), counts(&[("waiting", 1)]));

    let seen = node_process(&server, q, 1);
    assert_seen(
        &seen[0],
        first["id"].as_str().unwrap(),
        "cleanup",
        json!({"v": 1}),
        default_opts(false, json!({"deduplication": {"id": "nightly"}})),
        0,
    );
    assert_eq!(node_counts(&server, q), counts(&[("completed", 1)]));
}

#[test]
fn node_worker_processes_bulk_ndjson_jobs_with_their_options() {
    let server = RedisServer::start();
    let q = "interop-bulk";
    let lines = [
        json!({"name": "full-crawl", "data": {"root": "https://example.org"}}),
        json!({"name": "maintenance", "data": [1, "two"], "opts": {"jobId": "maint-1", "attempts": 5}}),
        json!({"name": "process-content", "data": {"doc": 7}, "opts": {
            "backoff": {"type": "exponential", "delay": 750},
            "removeOnComplete": 10, "removeOnFail": {"age": 3600, "count": 5}, "lifo": true,
        }}),
    ];
    let report = enqueue_ndjson(&server, q, &lines);
    assert_eq!(report["added"], 3, "{report:#}");
    let ids: Vec<&str> = report["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(ids[1], "maint-1");

    let seen = node_process(&server, q, 3);
    // The lifo job runs first; the others in the order they were added.
    let by_name = |name: &str| {
        seen.iter()
            .find(|j| j["name"] == name)
            .unwrap_or_else(|| panic!("{name} not processed: {seen:#?}"))
    };
    assert_eq!(seen[0]["name"], "process-content", "lifo job first");
    assert_seen(
        by_name("full-crawl"),
        ids[0],
        "full-crawl",
        lines[0]["data"].clone(),
        default_opts(true, json!({})),
        0,
    );
    assert_seen(
        by_name("maintenance"),
        "maint-1",
        "maintenance",
        lines[1]["data"].clone(),
        default_opts(false, json!({"jobId": "maint-1", "attempts": 5})),
        0,
    );
    assert_seen(
        by_name("process-content"),
        ids[2],
        "process-content",
        lines[2]["data"].clone(),
        default_opts(
            false,
            json!({
                "backoff": {"type": "exponential", "delay": 750},
                "removeOnComplete": 10,
                "removeOnFail": {"age": 3600, "count": 5},
                "lifo": true,
            }),
        ),
        0,
    );
}

/// `queuectl enqueue --file - --queue QUEUE --json` with `lines` as NDJSON on stdin.
fn enqueue_ndjson(server: &RedisServer, queue: &str, lines: &[Value]) -> Value {
    let ndjson: String = lines.iter().map(|l| format!("{l}\n")).collect();
    server
        .queuectl()
        .args(["enqueue", "--file", "-", "--queue", queue, "--json"])
        .stdin(ndjson)
        .run()
        .ok()
        .json()
}

/// The same lines for Node's `addBulk`, with queuectl's default options filled in.
fn node_bulk_lines(lines: &[Value]) -> String {
    let jobs: Vec<Value> = lines
        .iter()
        .map(|l| {
            let mut job = l.clone();
            job["opts"] = default_opts(false, l.get("opts").cloned().unwrap_or(json!({})));
            job
        })
        .collect();
    Value::from(jobs).to_string()
}

#[test]
fn bulk_enqueue_counts_dedup_ids_repeated_in_the_input() {
    let server = RedisServer::start();
    let q = "interop-bulk-dedup";
    let dedup = json!({"deduplication": {"id": "same-page"}});
    let lines = [
        json!({"name": "analytics", "data": {"i": 0}, "opts": dedup}),
        json!({"name": "analytics", "data": {"i": 1}, "opts": dedup}),
        json!({"name": "analytics", "data": {"i": 2}}),
    ];
    let report = enqueue_ndjson(&server, q, &lines);
    // BullMQ keeps one job per deduplication id: two jobs exist.
    assert_eq!(node_counts(&server, q), counts(&[("waiting", 2)]));
    assert_eq!(report["ids"][0], report["ids"][1], "{report:#}");
    assert_eq!(
        (report["added"].clone(), report["deduplicated"].clone()),
        (json!(2), json!(1)),
        "the report must match what BullMQ did: {report:#}"
    );
}

#[test]
fn bulk_enqueue_adds_in_input_order_like_node_add_bulk() {
    let server = RedisServer::start();
    let (ours_q, node_q) = ("interop-bulk-order", "interop-bulk-order-node");
    // Lines of three add scripts (standard, prioritized, delayed) that share a custom
    // id and a deduplication id. Node adds them in input order, so the first line
    // holding an id wins and ids count up in input order.
    let lines = [
        json!({"name": "mix", "data": {"i": 0}}),
        json!({"name": "mix", "data": {"i": 1}, "opts": {"jobId": "same"}}),
        json!({"name": "mix", "data": {"i": 2}, "opts": {"jobId": "same", "priority": 2}}),
        json!({"name": "mix", "data": {"i": 3}, "opts": {"deduplication": {"id": "dd"}}}),
        json!({"name": "mix", "data": {"i": 4}, "opts": {"deduplication": {"id": "dd"}, "delay": 60_000}}),
    ];
    let ours = enqueue_ndjson(&server, ours_q, &lines);
    let theirs = node_json(&server, "addbulk.js", &[node_q, &node_bulk_lines(&lines)]);
    let kept = |q: &str, id: &Value| {
        let job = node_json(&server, "getjob.js", &[q, id.as_str().unwrap()]);
        json!({"data": job["data"], "state": job["state"]})
    };
    for line in [1, 3] {
        assert_eq!(
            kept(ours_q, &ours["ids"][line]),
            kept(node_q, &theirs[line]),
            "the job kept for line {line}'s id: queuectl (left) vs Node addBulk (right)"
        );
    }
    assert_eq!(node_counts(&server, ours_q), node_counts(&server, node_q));
    assert_eq!(
        ours["ids"], theirs,
        "ids per line: queuectl vs Node addBulk"
    );
}

/// queuectl flags, and the options Node's `queue.add` needs (on top of queuectl's
/// defaults) to store the same job.
fn twin_cases() -> Vec<(&'static [&'static str], Value)> {
    vec![
        (&[], json!({})),
        (
            &["--attempts", "7", "--backoff", "exponential:250ms"],
            json!({"attempts": 7, "backoff": {"type": "exponential", "delay": 250}}),
        ),
        (
            &["--customer", "c1", "--tier", "premium"],
            json!({"priority": 2}),
        ),
        (
            &["--priority", "1000", "--lifo"],
            json!({"priority": 1000, "lifo": true}),
        ),
        (
            &["--delay", "1h", "--job-id", "twin"],
            json!({"delay": 3_600_000, "jobId": "twin"}),
        ),
        (
            &["--dedup-id", "d1", "--dedup-ttl", "1h"],
            json!({"deduplication": {"id": "d1", "ttl": 3_600_000}}),
        ),
        (
            &["--remove-on-complete", "24h", "--remove-on-fail", "false"],
            json!({"removeOnComplete": {"age": 86_400}, "removeOnFail": false}),
        ),
    ]
}

#[test]
fn queuectl_jobs_equal_their_node_added_twins() {
    let server = RedisServer::start();
    let (ours_q, node_q) = ("interop-twins", "interop-twins-node");
    for (flags, extra) in twin_cases() {
        let node_opts = default_opts(false, extra).to_string();
        let mut args = vec!["analytics", r#"{"twin":true}"#];
        args.extend_from_slice(flags);
        let ours = enqueue(&server, ours_q, &args);
        let theirs = node_json(
            &server,
            "add.js",
            &[node_q, "analytics", r#"{"twin":true}"#, &node_opts],
        );
        assert_eq!(
            ours["id"], theirs["id"],
            "both queues number their jobs alike"
        );
        let id = theirs["id"].as_str().unwrap();
        // Node reads both jobs back; only what differs between any two adds may differ.
        let [ours, theirs] = [ours_q, node_q].map(|q| {
            let mut job = node_json(&server, "getjob.js", &[q, id]);
            for volatile in ["timestamp", "queueQualifiedName"] {
                job.as_object_mut().unwrap().remove(volatile);
            }
            job
        });
        assert_eq!(
            ours, theirs,
            "queuectl enqueue {flags:?} vs Node add {node_opts}"
        );
    }
    assert_eq!(
        queuectl_counts(&server, ours_q),
        node_counts(&server, node_q)
    );
}

/// Runs `populate.js`: Node leaves jobs in every state. Returns its ids per state
/// and Node's counts right after.
fn populate(server: &RedisServer, queue: &str) -> Value {
    let made = node_json(server, "populate.js", &[queue]);
    let planned = counts(&[
        ("waiting", 3),
        ("active", 1),
        ("delayed", 3),
        ("prioritized", 2),
        ("waiting-children", 1),
        ("completed", 3),
        ("failed", 2),
    ]);
    assert_eq!(
        made["counts"], planned,
        "populate.js did not reach the planned states"
    );
    made
}

#[test]
fn stats_counts_equal_node_get_job_counts() {
    let server = RedisServer::start();
    let q = "interop-stats";
    let made = populate(&server, q);
    assert_eq!(queuectl_counts(&server, q), made["counts"]);
    assert_eq!(queuectl_counts(&server, q), node_counts(&server, q));

    // And after a Node worker has run queuectl's own jobs.
    let other = "interop-stats-2";
    enqueue(&server, other, &["analytics"]);
    enqueue(&server, other, &["analytics", "{}", "--delay", "1h"]);
    enqueue(&server, other, &["analytics", "{}", "--priority", "low"]);
    // BullMQ runs the wait list before prioritized jobs: the worker takes the plain one.
    assert_eq!(node_process(&server, other, 1)[0]["priority"], 0);
    let ours = queuectl_counts(&server, other);
    assert_eq!(ours, node_counts(&server, other));
    assert_eq!(
        ours,
        counts(&[("delayed", 1), ("prioritized", 1), ("completed", 1)])
    );
}

/// Fields queuectl's `job --json` must always print; they are compared with Node's
/// `job.toJSON()` together with every field Node prints.
const JOB_FIELDS: [&str; 14] = [
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
    "delay",
    "priority",
];

/// Node-internal fields of `toJSON()` that are not job data.
const NODE_ONLY: [&str; 1] = ["queueQualifiedName"];

/// Asserts queuectl shows job `id` as Node does, `state` and `logs` included. Node's
/// `toJSON()` leaves out unset fields, where queuectl prints null: taken as equal.
fn assert_job_matches_node(server: &RedisServer, queue: &str, id: &str) -> Value {
    let ours = queuectl_json(server, &["job", queue, id]);
    let node = node_json(server, "getjob.js", &[queue, id]);
    let node_fields = node.as_object().expect("getjob.js prints an object").keys();
    let fields: BTreeSet<&str> = JOB_FIELDS
        .into_iter()
        .chain(node_fields.map(String::as_str))
        .filter(|f| !NODE_ONLY.contains(f))
        .collect();
    for field in fields {
        assert!(
            ours.get(field).is_some(),
            "queuectl job {id} lacks {field}: {ours:#}"
        );
        let theirs = node.get(field).unwrap_or(&Value::Null);
        assert_eq!(
            &ours[field], theirs,
            "job {id} field {field}\nqueuectl: {ours:#}\nnode: {node:#}"
        );
    }
    ours
}

/// The ids `populate.js` left in `group`.
fn ids<'a>(made: &'a Value, group: &str) -> Vec<&'a str> {
    made["ids"][group]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect()
}

#[test]
fn job_json_equals_node_job_in_every_state() {
    let server = RedisServer::start();
    let q = "interop-job";
    let made = populate(&server, q);
    let groups = made["ids"].as_object().unwrap().keys();
    for group in groups {
        // `retrying` jobs failed once and wait out their backoff in `delayed`.
        let state = if group == "retrying" {
            "delayed"
        } else {
            group.as_str()
        };
        for id in ids(&made, group) {
            let ours = assert_job_matches_node(&server, q, id);
            assert_eq!(ours["state"], state, "job {id}");
        }
    }

    let completed = queuectl_json(&server, &["job", q, ids(&made, "completed")[0]]);
    assert_eq!(
        completed["returnvalue"],
        json!({"doubled": 2, "by": "node", "list": [1]})
    );
    assert_eq!(completed["progress"], json!({"step": "done", "pct": 100}));
    assert_eq!(completed["logs"], json!(["processed n=1"]));
    assert!(completed["finishedOn"].as_u64() >= completed["processedOn"].as_u64());

    let failed = queuectl_json(&server, &["job", q, ids(&made, "failed")[0]]);
    assert_eq!(failed["failedReason"], "boom 2");
    assert_eq!(failed["attemptsMade"], 1);
    let trace = failed["stacktrace"][0].as_str().unwrap_or_default();
    assert!(trace.starts_with("Error: boom 2"), "stacktrace: {trace}");

    let retrying = queuectl_json(&server, &["job", q, ids(&made, "retrying")[0]]);
    assert_eq!(retrying["failedReason"], "boom 5");
    assert_eq!(retrying["delay"], 600_000);
    assert_eq!(retrying["stacktrace"].as_array().map(Vec::len), Some(1));

    let delayed = queuectl_json(&server, &["job", q, ids(&made, "delayed")[0]]);
    assert_eq!(delayed["delay"], 60_000);
    assert_eq!(delayed["opts"]["attempts"], 2);

    let kept = queuectl_json(&server, &["job", q, ids(&made, "completed")[1]]);
    assert_eq!(
        kept["opts"]["keepLogs"], 5,
        "stored as `kl`, shown by its Node name"
    );
}

/// A running `events.js`: its NDJSON lines arrive on a channel.
struct EventListener {
    child: Child,
    lines: Receiver<String>,
}

impl EventListener {
    /// Starts `events.js QUEUE N` and returns once Node's `QueueEvents` is ready.
    fn start(server: &RedisServer, queue: &str, n: usize) -> Self {
        let mut child = support::node_spawn(server, "events.js", &[queue, &n.to_string()]);
        let stdout = child.stdout.take().expect("events.js stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut listener = Self { child, lines };
        let ready = listener.next_line(NODE_WAIT);
        if ready.as_deref() != Some(r#"{"ready":true}"#) {
            panic!(
                "events.js did not get ready (first line {ready:?}); stderr:\n{}",
                listener.stop()
            );
        }
        listener
    }

    fn next_line(&mut self, wait: Duration) -> Option<String> {
        self.lines.recv_timeout(wait).ok()
    }

    /// Ends Node (if still running) and returns what it wrote on stderr.
    fn stop(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut stderr = String::new();
        if let Some(mut pipe) = self.child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        stderr
    }

    /// Collects `n` events (failing if they don't all arrive in time), then stops Node.
    fn collect(mut self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + NODE_WAIT;
        let mut events = Vec::new();
        while events.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(line) = self.next_line(left) else {
                break;
            };
            let event: Value = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("bad event line {line:?}: {e}"));
            events.push(event);
        }
        let stderr = self.stop();
        assert_eq!(
            events.len(),
            n,
            "expected {n} events, got {events:#?}\nevents.js stderr:\n{stderr}"
        );
        events
    }
}

/// `(event, args)` of each event, with the stream entry id dropped and a `delayed`
/// event's due time (`timestamp + delay`) turned back into the delay using the job's
/// timestamp, so queuectl's and Node's streams compare equal.
fn normalize(server: &RedisServer, queue: &str, events: &[Value]) -> Vec<(String, Value)> {
    events
        .iter()
        .map(|e| {
            let mut args = e["args"].clone();
            if e["event"] == "delayed" {
                let id = args["jobId"].as_str().unwrap();
                let job = queuectl_json(server, &["job", queue, id]);
                let due = args["delay"]
                    .as_u64()
                    .expect("delayed event carries the due time");
                args["delay"] = json!(due - job["timestamp"].as_u64().unwrap());
            }
            (e["event"].as_str().unwrap().to_string(), args)
        })
        .collect()
}

fn names_for(events: &[(String, Value)], job_id: &str) -> BTreeSet<String> {
    events
        .iter()
        .filter(|(_, a)| a["jobId"] == job_id)
        .map(|(e, _)| e.clone())
        .collect()
}

/// The same adds, once through queuectl and once through Node's `queue.add`.
const EVENT_CASES: [(&str, &str, &[&str], &str); 7] = [
    ("plain", r#"{"k":1}"#, &[], "{}"),
    (
        "delayed",
        r#"{"k":2}"#,
        &["--delay", "1500ms"],
        r#"{"delay":1500}"#,
    ),
    (
        "prioritized",
        r#"{"k":3}"#,
        &["--priority", "high"],
        r#"{"priority":2}"#,
    ),
    (
        "custom-id",
        r#"{"k":4}"#,
        &["--job-id", "ev-custom"],
        r#"{"jobId":"ev-custom"}"#,
    ),
    (
        "custom-id-again",
        r#"{"k":5}"#,
        &["--job-id", "ev-custom"],
        r#"{"jobId":"ev-custom"}"#,
    ),
    (
        "dedup",
        r#"{"k":6}"#,
        &["--dedup-id", "ev-d"],
        r#"{"deduplication":{"id":"ev-d"}}"#,
    ),
    (
        "dedup-again",
        r#"{"k":7}"#,
        &["--dedup-id", "ev-d"],
        r#"{"deduplication":{"id":"ev-d"}}"#,
    ),
];

/// Events the seven adds emit in BullMQ 6.7: added+waiting ×4 (plain, prioritized,
/// custom id, dedup), added+delayed, duplicated, deduplicated.
const EVENT_COUNT: usize = 12;

#[test]
fn node_queue_events_see_queuectl_adds_as_node_adds() {
    let server = RedisServer::start();
    let (ours_q, node_q) = ("interop-events", "interop-events-node");
    let ours = EventListener::start(&server, ours_q, EVENT_COUNT);
    let mut ids = Vec::new();
    for (name, data, flags, _) in EVENT_CASES {
        let mut args = vec![name, data];
        args.extend_from_slice(flags);
        ids.push(
            enqueue(&server, ours_q, &args)["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let ours = normalize(&server, ours_q, &ours.collect(EVENT_COUNT));

    // queuectl's plain and delayed jobs, as the acceptance criteria name them.
    let (plain, delayed) = (&ids[0], &ids[1]);
    assert!(
        ours.contains(&("added".into(), json!({"jobId": plain, "name": "plain"}))),
        "{ours:#?}"
    );
    assert!(
        ours.contains(&("waiting".into(), json!({"jobId": plain}))),
        "{ours:#?}"
    );
    assert!(
        ours.contains(&("added".into(), json!({"jobId": delayed, "name": "delayed"}))),
        "{ours:#?}"
    );
    assert!(
        ours.contains(&("delayed".into(), json!({"jobId": delayed, "delay": 1500}))),
        "{ours:#?}"
    );
    assert_eq!(
        names_for(&ours, plain),
        BTreeSet::from(["added".into(), "waiting".into()])
    );
    assert_eq!(
        names_for(&ours, delayed),
        BTreeSet::from(["added".into(), "delayed".into()])
    );

    // Node's own adds of the same jobs emit the same events with the same arguments
    // (ids match too: both draw them from a fresh counter in the same order).
    let theirs = EventListener::start(&server, node_q, EVENT_COUNT);
    for (name, data, _, opts) in EVENT_CASES {
        node_json(&server, "add.js", &[node_q, name, data, opts]);
    }
    let theirs = normalize(&server, node_q, &theirs.collect(EVENT_COUNT));
    assert_eq!(
        ours, theirs,
        "queuectl's events differ from Node's for the same adds"
    );
    assert_eq!(ours.len(), EVENT_COUNT);
}
