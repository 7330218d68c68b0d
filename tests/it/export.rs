//! `queuectl export` and `import` against real Redis and Node BullMQ: a queue
//! exported from one Redis and imported into another looks the same to Node
//! (`getJobs`, logs, progress, schedulers), a second import adds nothing, a bad
//! line imports nothing, and export reads only.

use std::path::Path;

use serde_json::{json, Value};

use crate::support::{node, RedisServer};

const QUEUE: &str = "exp";

/// Fills `QUEUE` on `server` with every kind of job (tests/interop/export-fill.js).
fn fill(server: &RedisServer) -> Value {
    let run = node(server, "export-fill.js", &[QUEUE]).ok();
    serde_json::from_str(&run.stdout).unwrap()
}

/// Node's view of a queue's jobs and schedulers (tests/interop/export-view.js).
fn view(server: &RedisServer, queue: &str) -> Value {
    let run = node(server, "export-view.js", &[queue]).ok();
    serde_json::from_str(&run.stdout).unwrap()
}

fn export_to(server: &RedisServer, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["export", QUEUE, "--json", "-o"];
    args.push(file.to_str().unwrap());
    args.extend_from_slice(extra);
    server.queuectl().args(&args).run().ok().json()
}

fn import_from(server: &RedisServer, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["import", file.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    server.queuectl().args(&args).run().ok().json()
}

/// The id an exported job has after import: integer ids get the prefix.
fn imported_id(id: &str) -> String {
    if id.parse::<u64>().is_ok() {
        format!("imported-{id}")
    } else {
        id.to_string()
    }
}

/// Jobs of a view in `states` that an import carries over: not scheduler
/// iterations, which the imported scheduler re-creates.
fn comparable(view: &Value, states: &[&str]) -> Vec<Value> {
    view["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["repeatJobKey"].is_null() && states.contains(&j["state"].as_str().unwrap()))
        .cloned()
        .collect()
}

fn without_due(mut job: Value) -> Value {
    job.as_object_mut().unwrap().remove("dueAt");
    job
}

#[test]
fn a_queue_exported_from_one_redis_and_imported_into_another_looks_the_same_to_node() {
    let a = RedisServer::start();
    let made = fill(&a);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exp.ndjson");
    let exported = export_to(&a, &file, &[]);
    assert_eq!(
        exported["queues"][0],
        json!({"queue": QUEUE, "total": 8, "jobSchedulers": 1, "jobs": {
            "completed": 1, "delayed": 3, "failed": 1, "prioritized": 1, "waiting": 2}}),
        "{exported:#}"
    );
    assert!(!dir.path().read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains("partial")));

    let b = RedisServer::start();
    let report = import_from(&b, &file, &[]);
    let auto = [
        made["ids"][3].as_str().unwrap(),
        made["ids"][6].as_str().unwrap(),
    ];
    assert_eq!(
        report["queues"][0],
        json!({
            "queue": QUEUE,
            "imported": {"delayed": 2, "prioritized": 1, "waiting": 2},
            "skipped": {"completed": 1, "failed": 1, "scheduler-iteration": 1},
            "present": 0,
            "schedulersImported": 1,
            "schedulersPresent": 0,
            "idMap": [
                {"from": auto[0], "to": imported_id(auto[0])},
                {"from": auto[1], "to": imported_id(auto[1])},
            ],
        }),
        "{report:#}"
    );

    let (from, to) = (view(&a, QUEUE), view(&b, QUEUE));
    let live = ["waiting", "prioritized", "delayed"];
    let mut expected = comparable(&from, &live);
    for job in &mut expected {
        job["id"] = json!(imported_id(job["id"].as_str().unwrap()));
    }
    expected.sort_by_key(|j| j["id"].as_str().unwrap().to_string());
    let got = comparable(&to, &live);
    assert_eq!(got.len(), 5, "{to:#}");
    for (want, have) in expected.iter().zip(&got) {
        // The delay that remained at export runs from the import.
        if let (Some(w), Some(h)) = (want["dueAt"].as_u64(), have["dueAt"].as_u64()) {
            assert!(h >= w && h - w < 30_000, "due {w} vs {h}");
        }
        assert_eq!(without_due(have.clone()), without_due(want.clone()));
    }
    for state in live {
        let ids: Vec<String> = from["order"][state]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| imported_id(id.as_str().unwrap()))
            .collect();
        assert_eq!(to["order"][state], json!(ids), "{state} order");
    }
    assert_eq!(to["schedulers"], from["schedulers"]);
    let iterations = to["jobs"].as_array().unwrap().iter();
    assert_eq!(
        iterations.filter(|j| j["repeatJobKey"] == "yearly").count(),
        1,
        "the imported scheduler made its next iteration"
    );
    // Control characters in data survive byte for byte.
    let data = ["HGET", "bull:exp:custom-1", "data"];
    let stored = a.raw(&data);
    assert!(
        stored.contains("\\u001b[2J") && stored.contains('\u{7f}'),
        "{stored:?}"
    );
    assert_eq!(b.raw(&data), a.raw(&data));

    let before = b.snapshot();
    let again = import_from(&b, &file, &[]);
    assert_eq!(again["queues"][0]["imported"], json!({}), "{again:#}");
    assert_eq!(again["queues"][0]["present"], 5);
    assert_eq!(again["queues"][0]["schedulersPresent"], 1);
    assert_eq!(b.snapshot(), before, "a second import writes nothing");
    assert_eq!(
        b.int(&["LLEN", "bull:exp:custom-1:logs"]),
        2,
        "logs are not appended twice"
    );
}

#[test]
fn a_bad_line_anywhere_imports_nothing_and_names_the_line() {
    let a = RedisServer::start();
    fill(&a);
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ndjson");
    export_to(&a, &good, &[]);
    let text = std::fs::read_to_string(&good).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let bad_state = lines[2].replace("\"state\":\"waiting\"", "\"state\":\"dead\"");
    let cases = [
        (format!("{text}{{\"record\":\"job\",\"id\":\"x\"\n"), 10),
        (
            [&lines[..2], &[bad_state.as_str()], &lines[3..]]
                .concat()
                .join("\n"),
            3,
        ),
        (lines[1..].join("\n"), 1),
        (format!("{text}{}\n", "[".repeat(200)), 10),
    ];
    let c = RedisServer::start();
    for (content, line) in cases {
        let file = dir.path().join("bad.ndjson");
        std::fs::write(&file, content).unwrap();
        let run = c
            .queuectl()
            .args(["import", file.to_str().unwrap()])
            .run()
            .fails_with(2);
        assert!(
            run.stderr.contains(&format!("line {line}:")),
            "{}",
            run.stderr
        );
        assert_eq!(c.snapshot(), "", "nothing may be written");
    }
}

#[test]
fn as_waiting_brings_completed_and_failed_jobs_back_as_waiting() {
    let a = RedisServer::start();
    fill(&a);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exp.ndjson");
    export_to(&a, &file, &["--state", "completed", "--state", "failed"]);
    let d = RedisServer::start();
    let dry = import_from(&d, &file, &["--as-waiting", "--dry-run"]);
    assert_eq!(dry["dryRun"], true);
    assert_eq!(
        dry["queues"][0]["imported"],
        json!({"completed": 1, "failed": 1})
    );
    assert_eq!(d.snapshot(), "", "a dry run writes nothing");
    import_from(&d, &file, &["--as-waiting"]);
    let seen = view(&d, QUEUE);
    let back: Vec<(&str, &str, &Value)> = seen["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["repeatJobKey"].is_null())
        .map(|j| {
            (
                j["id"].as_str().unwrap(),
                j["state"].as_str().unwrap(),
                &j["logs"],
            )
        })
        .collect();
    assert_eq!(
        back,
        [
            ("done-1", "waiting", &json!(["processing done-1"])),
            ("failed-1", "waiting", &json!(["processing failed-1"])),
        ]
    );
}

#[test]
fn export_filters_by_state_name_and_data_and_a_read_only_user_gets_the_same_lines() {
    let a = RedisServer::start();
    fill(&a);
    let ro = a.read_only_user();
    let before = a.snapshot();
    let filter = [
        "export",
        QUEUE,
        "-o",
        "-",
        "--state",
        "waiting",
        "--state",
        "delayed",
        "--data",
        "nested.big=12345678901234",
    ];
    let as_admin = a.queuectl().args(filter).run().ok();
    let as_reader = a.queuectl().env("REDIS_URL", &ro).args(filter).run().ok();
    assert_eq!(a.snapshot(), before, "export writes nothing");
    let jobs = |out: &str| -> Vec<Value> {
        out.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|r| r["record"] == "job")
            .collect()
    };
    let picked = jobs(&as_admin.stdout);
    assert_eq!(picked.len(), 1, "{}", as_admin.stdout);
    assert_eq!(picked[0]["id"], "custom-1");
    assert_eq!(picked[0]["logs"][0], "first line");
    assert_eq!(picked[0]["progress"], 42);
    assert_eq!(jobs(&as_reader.stdout), picked);
    assert!(
        as_admin.stderr.contains("exported 1 job from exp"),
        "the summary goes to stderr: {}",
        as_admin.stderr
    );
    let delayed = a
        .queuectl()
        .args([
            "export", QUEUE, "-o", "-", "--state", "delayed", "--name", "later",
        ])
        .run()
        .ok();
    let picked = jobs(&delayed.stdout);
    assert_eq!(picked.len(), 1);
    assert_eq!(picked[0]["id"], "delayed-1");
    assert!(picked[0]["delayedUntil"].as_u64().unwrap() > picked[0]["timestamp"].as_u64().unwrap());
}

#[test]
fn hostile_names_never_reach_the_terminal_and_bad_usage_reads_nothing() {
    let a = RedisServer::start();
    fill(&a);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exp.ndjson");
    export_to(&a, &file, &[]);
    let b = RedisServer::start();
    let evil = "evil\u{1b}[2J";
    let run = b
        .queuectl()
        .args(["import", file.to_str().unwrap(), "--queue", evil])
        .run()
        .ok();
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(run.stdout.contains("evil\\x1b[2J"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Imported 5 jobs into"),
        "{}",
        run.stdout
    );

    let c = RedisServer::start();
    let missing = dir.path().join("no/such/dir/out.ndjson");
    for args in [
        vec!["export", QUEUE, "-o", missing.to_str().unwrap()],
        vec!["export", QUEUE, "-o", "-", "--data", "a..b=1"],
        vec!["export", "a:b", "-o", "-"],
        vec!["import", "/no/such/file.ndjson"],
        vec!["import", file.to_str().unwrap(), "--queue", "a:b"],
    ] {
        let run = c.queuectl().args(&args).run().fails_with(2);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    assert_eq!(c.snapshot(), "");
}
