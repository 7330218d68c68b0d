//! `cleanup`: counts and leftovers agree with Node BullMQ's `queue.clean` on
//! twin queues, `--dry-run` and refusals change nothing, orphans made on
//! purpose are found and removed, obliterate and event trimming.

use serde_json::{json, Value};

use crate::support::{self, RedisServer};

const ALL: [&str; 5] = ["completed", "failed", "wait", "delayed", "prioritized"];

/// Fills the queues with identical jobs on both sides of a one-hour cutoff.
fn twins(server: &RedisServer, queues: &[&str]) {
    let run = support::node(server, "twins.js", queues);
    assert_eq!(run.code, 0, "twins.js: {}", run.stderr);
}

fn state_args(states: &[&str]) -> Vec<String> {
    states
        .iter()
        .flat_map(|s| ["--state".to_string(), s.to_string()])
        .collect()
}

/// The ids each state structure of `queue` holds, in order.
fn contents(server: &RedisServer, queue: &str) -> Vec<String> {
    ALL.iter()
        .map(|state| {
            let key = format!("bull:{queue}:{state}");
            if *state == "wait" {
                server.raw(&["LRANGE", &key, "0", "-1"])
            } else {
                server.raw(&["ZRANGE", &key, "0", "-1"])
            }
        })
        .collect()
}

/// Node's `clean` result as {state: count}.
fn node_clean(server: &RedisServer, queue: &str, limit: &str, states: &[&str]) -> Value {
    let mut args = vec![queue, "3600000", limit];
    args.extend_from_slice(states);
    let run = support::node(server, "clean.js", &args);
    assert_eq!(run.code, 0, "clean.js: {}", run.stderr);
    let removed = run.json();
    let counts: serde_json::Map<String, Value> = states
        .iter()
        .map(|s| (s.to_string(), json!(removed[s].as_array().unwrap().len())))
        .collect();
    Value::Object(counts)
}

#[test]
fn cleanup_counts_and_leftovers_agree_with_node_clean() {
    let server = RedisServer::start();
    twins(&server, &["twin-a", "twin-b"]);
    let args = state_args(&ALL);
    let cleanup = |extra: &[&str]| {
        server
            .queuectl()
            .args(["cleanup", "twin-a", "--older-than", "1h", "--json"])
            .args(&args)
            .args(extra)
            .run()
    };

    let before = server.snapshot();
    let preview = cleanup(&["--dry-run"]).ok().json();
    // Refused without a terminal and without --yes: exit 2, nothing changed.
    cleanup(&[]).fails_with(2);
    assert_eq!(
        server.snapshot(),
        before,
        "dry run or refusal wrote something"
    );
    let expected = json!({"completed": 3, "failed": 2, "wait": 2, "delayed": 2, "prioritized": 2});
    assert_eq!(preview["byState"], expected);
    assert_eq!(preview["matched"], 11);

    let done = cleanup(&["--yes"]).ok().json();
    assert_eq!(done["byState"], preview["byState"]);
    assert_eq!(done["removed"], 11);

    assert_eq!(node_clean(&server, "twin-b", "0", &ALL), expected);
    assert_eq!(contents(&server, "twin-a"), contents(&server, "twin-b"));
}

#[test]
fn cleanup_limit_agrees_with_node_clean() {
    let server = RedisServer::start();
    twins(&server, &["lim-a", "lim-b"]);
    let states = ["completed", "wait", "prioritized"];
    let preview = server
        .queuectl()
        .args([
            "cleanup",
            "lim-a",
            "--older-than",
            "1h",
            "--limit",
            "1",
            "--dry-run",
            "--json",
        ])
        .args(state_args(&states))
        .run()
        .ok()
        .json();
    let done = server
        .queuectl()
        .args([
            "cleanup",
            "lim-a",
            "--older-than",
            "1h",
            "--limit",
            "1",
            "--yes",
            "--json",
        ])
        .args(state_args(&states))
        .run()
        .ok()
        .json();
    let node = node_clean(&server, "lim-b", "1", &states);
    // With a limit, clean reads only that many ids from the tail of `wait`,
    // where a fresh LIFO job sits: nothing goes, though two old jobs wait.
    assert_eq!(node, json!({"completed": 1, "wait": 0, "prioritized": 1}));
    assert_eq!(done["byState"], node);
    assert_eq!(preview["byState"], node);
    assert_eq!(contents(&server, "lim-a"), contents(&server, "lim-b"));
}

#[test]
fn orphans_made_on_purpose_are_found_and_removed() {
    let server = RedisServer::start();
    twins(&server, &["orph"]);
    // Setup only: detach two jobs from their structures, one with a log.
    let waiting = server.raw(&["LRANGE", "bull:orph:wait", "0", "0"]);
    let completed = server.raw(&["ZRANGE", "bull:orph:completed", "0", "0"]);
    server.cli(&["LREM", "bull:orph:wait", "0", &waiting]);
    server.cli(&["ZREM", "bull:orph:completed", &completed]);
    server.cli(&["RPUSH", &format!("bull:orph:{waiting}:logs"), "a line"]);
    let mut expected = vec![waiting.clone(), completed.clone()];
    expected.sort();

    let before = server.snapshot();
    let preview = server
        .queuectl()
        .args(["cleanup", "orph", "--orphans", "--dry-run", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(server.snapshot(), before);
    assert_eq!(
        preview["byState"],
        json!({"orphans": 2}),
        "--orphans alone cleans no state"
    );
    assert_eq!(preview["queues"][0]["orphanIds"], json!(expected));

    let done = server
        .queuectl()
        .args(["cleanup", "orph", "--orphans", "--yes", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(done["removed"], 2);
    for key in [
        format!("bull:orph:{waiting}"),
        format!("bull:orph:{waiting}:logs"),
        format!("bull:orph:{completed}"),
    ] {
        assert_eq!(server.int(&["EXISTS", &key]), 0, "{key} survived");
    }
    let counts = support::node(&server, "counts.js", &["orph"]).json();
    assert_eq!(counts["completed"], 4);
    assert_eq!(counts["waiting"], 3);
    let again = server
        .queuectl()
        .args(["cleanup", "orph", "--orphans", "--dry-run", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(again["matched"], 0);
}

#[test]
fn obliterate_needs_force_names_and_confirmation() {
    let server = RedisServer::start();
    twins(&server, &["doomed", "kept"]);
    let before = server.snapshot();
    let q = |args: &[&str]| server.queuectl().args(["cleanup"]).args(args).run();
    assert_eq!(
        q(&["doomed", "--obliterate"]).code,
        2,
        "clap: --force is required"
    );
    q(&["--obliterate", "--force", "--yes"]).fails_with(2);
    q(&["doomed", "--obliterate", "--force"]).fails_with(2);
    let preview = q(&["doomed", "--obliterate", "--force", "--dry-run", "--json"])
        .ok()
        .json();
    assert_eq!(server.snapshot(), before);
    assert_eq!(preview["byState"]["completed"], 5);
    assert_eq!(preview["matched"], 18);

    let done = q(&["doomed", "--obliterate", "--force", "--yes", "--json"])
        .ok()
        .json();
    assert_eq!(done["removed"], 18);
    assert_eq!(server.raw(&["--scan", "--pattern", "bull:doomed:*"]), "");
    assert_eq!(
        support::node(&server, "counts.js", &["kept"]).json()["completed"],
        5
    );
}

#[test]
fn trim_events_shortens_the_stream() {
    let server = RedisServer::start();
    let lines: String = (0..400)
        .map(|i| format!("{{\"name\":\"n{i}\"}}\n"))
        .collect();
    server
        .queuectl()
        .args(["enqueue", "--file", "-", "--queue", "busy"])
        .stdin(lines)
        .run()
        .ok();
    let len = server.int(&["XLEN", "bull:busy:events"]);
    assert!(len >= 400, "{len}");
    let done = server
        .queuectl()
        .args(["cleanup", "busy", "--trim-events", "10", "--yes", "--json"])
        .run()
        .ok()
        .json();
    let trimmed = done["queues"][0]["eventsTrimmed"].as_i64().unwrap();
    assert!(trimmed > 0);
    // The clean of completed jobs that ran first added one `cleaned` event.
    assert_eq!(server.int(&["XLEN", "bull:busy:events"]), len + 1 - trimmed);
    assert_eq!(server.int(&["LLEN", "bull:busy:wait"]), 400);
}

#[test]
fn unknown_queue_fails_and_creates_nothing() {
    let server = RedisServer::start();
    let run = server
        .queuectl()
        .args(["cleanup", "nope", "--yes"])
        .run()
        .fails_with(1);
    assert!(
        run.stderr.contains("no queue named nope under prefix bull"),
        "{}",
        run.stderr
    );
    server
        .queuectl()
        .args(["cleanup", "x", "--limit", "0"])
        .run()
        .fails_with(2);
    assert_eq!(server.snapshot(), "");
}
