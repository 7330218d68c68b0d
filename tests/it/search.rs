//! `queuectl search` (issue 14 point 2): over 100,000 mixed jobs Node added, every
//! filter's results (ids, in order) equal the ground truth Node computes from
//! `getJobs`; `--then` acts on exactly the matches; `--dry-run` and a refused
//! confirmation write nothing; hostile input is one usage line; and a read-only
//! ACL user can search, with no write command issued.

use serde_json::{json, Value};

use crate::support::{node, RedisServer, Run};

const Q: &str = "search-q";

/// Node's `populate` output: `{counts, base, finished: [first, last]}`.
fn populate(server: &RedisServer, queue: &str, n: usize) -> Value {
    node(server, "search.js", &["populate", queue, &n.to_string()])
        .ok()
        .json()
}

/// Node's ground truth for each spec: ids newest first.
fn truth(server: &RedisServer, queue: &str, specs: &[Value]) -> Vec<Vec<String>> {
    let out = node(
        server,
        "search.js",
        &["truth", queue, &Value::from(specs.to_vec()).to_string()],
    )
    .ok()
    .json();
    out.as_array().unwrap().iter().map(strings).collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn search(server: &RedisServer, args: &[String]) -> Run {
    server
        .queuectl()
        .args(["search", "--json"])
        .args(args)
        .run()
}

/// The ids `search --json ARGS` prints, in order (one NDJSON line per match).
fn ids(server: &RedisServer, args: &[String]) -> Vec<String> {
    let run = search(server, args).ok();
    run.stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

fn rfc3339(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A filter as queuectl's flags and as the spec Node's ground truth takes.
struct Case {
    flags: Vec<String>,
    spec: Value,
}

fn case(flags: &[&str], spec: Value) -> Case {
    Case {
        flags: flags.iter().map(|f| f.to_string()).collect(),
        spec,
    }
}

#[test]
fn search_equals_node_ground_truth_over_100k_jobs() {
    let server = RedisServer::start();
    let filled = populate(&server, Q, 100_000);
    let total: u64 = filled["counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(total, 100_000, "{filled}");
    let base = filled["base"].as_u64().unwrap();
    let day = 86_400_000;
    let (first, last) = (
        filled["finished"][0].as_u64().unwrap(),
        filled["finished"][1].as_u64().unwrap(),
    );
    let mid = first + (last - first) / 2;
    let (since, until) = (rfc3339(base - 6 * day), rfc3339(base - 4 * day));
    let mid_text = rfc3339(mid);
    let cases = vec![
        case(&["--limit", "0"], json!({})),
        case(&[], json!({"limit": 100})),
        case(&["--limit", "25"], json!({"limit": 25})),
        case(
            &["--state", "failed", "--limit", "0"],
            json!({"states": ["failed"]}),
        ),
        case(
            &["--state", "delayed", "-s", "prioritized", "--limit", "0"],
            json!({"states": ["delayed", "prioritized"]}),
        ),
        case(
            &["--name", "scrape", "--state", "completed", "--limit", "0"],
            json!({"name": "scrape", "states": ["completed"]}),
        ),
        case(
            &["--data", "user.tier=premium", "--limit", "0"],
            json!({"data": [["user.tier", "=", "premium"]]}),
        ),
        case(
            &[
                "--data",
                r"url~^https://site3\.",
                "--data",
                "tags.1=even",
                "--name",
                "refresh",
                "--limit",
                "0",
            ],
            json!({"name": "refresh", "data": [["url", "~", r"^https://site3\."], ["tags.1", "=", "even"]]}),
        ),
        case(
            &["--error", "ETIMEDOUT|ECONNRESET", "--limit", "0"],
            json!({"error": "ETIMEDOUT|ECONNRESET"}),
        ),
        case(
            &[
                "--since", &since, "--until", &until, "--state", "waiting", "--limit", "0",
            ],
            json!({"since": base - 6 * day, "until": base - 4 * day, "states": ["waiting"]}),
        ),
        case(
            &[
                "--state",
                "completed",
                "--state",
                "failed",
                "--since",
                &mid_text,
                "--limit",
                "0",
            ],
            json!({"states": ["completed", "failed"], "since": mid}),
        ),
        case(
            &[
                "--state",
                "failed",
                "--until",
                &mid_text,
                "--name",
                "analytics",
                "--error",
                "429",
                "--data",
                "user.id~^1",
                "--limit",
                "0",
            ],
            json!({"states": ["failed"], "until": mid, "name": "analytics", "error": "429", "data": [["user.id", "~", "^1"]]}),
        ),
    ];
    let specs: Vec<Value> = cases.iter().map(|c| c.spec.clone()).collect();
    let expected = truth(&server, Q, &specs);
    for (c, want) in cases.iter().zip(expected) {
        let mut flags = vec![Q.to_string()];
        flags.extend(c.flags.iter().cloned());
        let got = ids(&server, &flags);
        assert!(!want.is_empty(), "{:?} matches nothing in Node", c.flags);
        assert_eq!(got.len(), want.len(), "{:?}", c.flags);
        assert!(
            got == want,
            "{:?}: ids or order differ from Node's",
            c.flags
        );
    }
}

/// Adds a small mixed queue through Node: 40 processed (some failed), 20
/// delayed, 20 prioritized, 120 waiting.
fn small(server: &RedisServer) {
    populate(server, Q, 200);
}

fn all_ids(server: &RedisServer, args: &[&str]) -> Vec<String> {
    let mut flags = vec![Q.to_string(), "--limit".into(), "0".into()];
    flags.extend(args.iter().map(|a| a.to_string()));
    ids(server, &flags)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn then_acts_on_exactly_the_matches() {
    let server = RedisServer::start();
    small(&server);
    let failed_before = all_ids(&server, &["--state", "failed"]);
    let chosen = all_ids(&server, &["--error", "ETIMEDOUT"]);
    assert!(!chosen.is_empty() && chosen.len() < failed_before.len());

    let snapshot = server.snapshot();
    let preview = search(
        &server,
        &args(&[
            "--error",
            "ETIMEDOUT",
            "--limit",
            "0",
            "--then",
            "retry",
            "--dry-run",
        ]),
    )
    .ok();
    assert_eq!(preview.stdout.lines().count(), chosen.len());
    let refused = search(
        &server,
        &args(&["--error", "ETIMEDOUT", "--limit", "0", "--then", "retry"]),
    )
    .fails_with(2);
    assert!(refused.stdout.is_empty());
    assert_eq!(
        server.snapshot(),
        snapshot,
        "dry run and refusal wrote nothing"
    );

    let report = search(
        &server,
        &args(&[
            "--error",
            "ETIMEDOUT",
            "--limit",
            "0",
            "--then",
            "retry",
            "--yes",
        ]),
    )
    .ok()
    .json();
    assert_eq!(report["done"], chosen.len(), "{report:#}");
    let left: Vec<String> = all_ids(&server, &["--state", "failed"]);
    let mut expected_left = failed_before.clone();
    expected_left.retain(|id| !chosen.contains(id));
    assert_eq!(sorted(left), sorted(expected_left));
    let waiting = all_ids(&server, &["--state", "waiting"]);
    assert!(chosen.iter().all(|id| waiting.contains(id)));

    // Retry refuses per job what is not failed; remove takes exactly the limit's newest.
    let newest = all_ids(&server, &["--name", "report", "--state", "delayed"]);
    let report = search(
        &server,
        &args(&[
            "--name", "report", "--state", "delayed", "--limit", "3", "--then", "promote", "--yes",
        ]),
    )
    .ok()
    .json();
    assert_eq!(report["done"], 3, "{report:#}");
    let still = all_ids(&server, &["--name", "report", "--state", "delayed"]);
    assert_eq!(still, newest[3..].to_vec());

    let doomed = all_ids(&server, &["--name", "scrape", "--state", "prioritized"]);
    let report = search(
        &server,
        &args(&[
            "--name",
            "scrape",
            "--state",
            "prioritized",
            "--limit",
            "0",
            "--then",
            "remove",
            "--yes",
        ]),
    )
    .ok()
    .json();
    assert_eq!(report["done"], doomed.len(), "{report:#}");
    for id in &doomed {
        assert_eq!(
            server.int(&["EXISTS", &format!("bull:{Q}:{id}")]),
            0,
            "{id}"
        );
    }
    assert!(all_ids(&server, &["--name", "scrape", "--state", "prioritized"]).is_empty());

    let mixed = search(
        &server,
        &args(&[
            "--name", "refresh", "--limit", "4", "--then", "retry", "--yes",
        ]),
    )
    .ok()
    .json();
    let skipped = mixed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["outcome"] == "skipped")
        .count();
    assert_eq!(mixed["skipped"], skipped);
    assert_eq!(
        mixed["done"].as_u64().unwrap() + mixed["skipped"].as_u64().unwrap(),
        4
    );
}

fn args(a: &[&str]) -> Vec<String> {
    let mut v = vec![Q.to_string()];
    v.extend(a.iter().map(|s| s.to_string()));
    v
}

#[test]
fn then_export_writes_the_matches_as_export_does_and_import_reads_them_back() {
    let server = RedisServer::start();
    small(&server);
    let want = all_ids(&server, &["--state", "failed", "--name", "analytics"]);
    let run = search(
        &server,
        &args(&[
            "--state",
            "failed",
            "--name",
            "analytics",
            "--limit",
            "0",
            "--then",
            "export",
        ]),
    )
    .ok();
    let records: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["record"], "queue", "{}", run.stdout);
    let jobs = &records[1..];
    let got: Vec<String> = jobs
        .iter()
        .map(|j| j["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
    assert!(jobs.iter().all(|j| j["record"] == "job"
        && j["state"] == "failed"
        && j["data"]["user"]["tier"].is_string()
        && j["failedReason"].is_string()));
    // The file is `queuectl export`'s: `import --as-waiting` brings the matches back.
    let other = RedisServer::start();
    other
        .queuectl()
        .args(["import", "-", "--as-waiting"])
        .stdin(run.stdout.clone())
        .run()
        .ok();
    let queue = records[0]["queue"].as_str().unwrap();
    assert_eq!(
        other.int(&["LLEN", &format!("bull:{queue}:wait")]) as usize,
        want.len()
    );
}

#[test]
fn hostile_input_is_one_usage_line_and_never_reaches_output() {
    let server = RedisServer::start();
    for bad in [
        &["--error", "("][..],
        &["--data", "a..b=1"],
        &["--data", "nopath"],
        &["--data", "a~["],
        &["--since", "yesterday"],
        &["--until", "2h", "--since", "1h"],
        &["--name", ""],
        &["--max-redis-busy", "0"],
    ] {
        let run = search(&server, &args(bad)).fails_with(2);
        assert!(run.stdout.is_empty(), "{bad:?}");
    }
    // Values outside a flag's choices get clap's message, which lists the choices.
    for bad in [&["--state", "dead"][..], &["--then", "explode"]] {
        let run = search(&server, &args(bad));
        assert_eq!(run.code, 2, "{bad:?}");
        assert!(
            run.stdout.is_empty() && run.stderr.contains(bad[1]),
            "{bad:?}"
        );
    }
    let evil = "evil\u{1b}[2J\u{7}";
    server.cli(&[
        "HSET",
        &format!("bull:{Q}:x1"),
        "name",
        evil,
        "timestamp",
        "5",
        "data",
        &format!(r#"{{"k":"{}"}}"#, "v\\u001b[31m"),
    ]);
    server.cli(&["LPUSH", &format!("bull:{Q}:wait"), "x1"]);
    server.cli(&[
        "HSET",
        &format!("bull:{Q}:meta"),
        "opts.maxLenEvents",
        "10000",
    ]);
    let human = server
        .queuectl()
        .args(["search", Q, "--data", "k~^v"])
        .run()
        .ok();
    assert!(human.stdout.contains("x1"), "{}", human.stdout);
    assert!(!human.stdout.contains('\u{1b}') && !human.stdout.contains('\u{7}'));
    let json = search(&server, &args(&[])).ok();
    assert!(!json.stdout.contains('\u{1b}') && !json.stdout.contains('\u{7}'));
    let line: Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(line["name"], evil);
}

#[test]
fn a_read_only_user_searches_and_no_write_command_is_issued() {
    let server = RedisServer::start();
    small(&server);
    let ro = server.read_only_user();
    let flags = args(&[
        "--error",
        "ECONNRESET",
        "--data",
        "user.tier~^f",
        "--since",
        "30d",
        "--limit",
        "0",
    ]);
    let as_ro = server
        .queuectl()
        .env("REDIS_URL", &ro)
        .args(["search", "--json"])
        .args(&flags)
        .run()
        .ok();
    server.cli(&["CONFIG", "RESETSTAT"]);
    let full = search(&server, &flags).ok();
    assert_eq!(as_ro.stdout, full.stdout);
    assert!(!full.stdout.is_empty());
    let stats = server.raw(&["INFO", "commandstats"]);
    let used: Vec<&str> = stats
        .lines()
        .filter_map(|l| l.strip_prefix("cmdstat_")?.split_once(':'))
        .map(|(name, _)| name)
        .collect();
    for name in &used {
        assert!(
            [
                "lrange",
                "zrange",
                "zrevrange",
                "hmget",
                "zcount",
                "llen",
                "zcard",
                "scan",
                "exists",
                "hello",
                "client|setinfo",
                "info",
                "config|resetstat",
                "select",
                "auth",
                "ping"
            ]
            .contains(name),
            "search issued {name}: {used:?}"
        );
    }
}

#[test]
fn export_takes_searchs_filters_and_writes_exactly_its_matches() {
    let server = RedisServer::start();
    small(&server);
    for filters in [
        vec!["--error", "ETIMEDOUT"],
        vec!["--state", "failed", "--since", "1h"],
        vec!["--name", "analytics", "--state", "waiting"],
    ] {
        let want = sorted(all_ids(&server, &filters));
        assert!(!want.is_empty(), "{filters:?} matches nothing");
        let run = server
            .queuectl()
            .args(["export", Q, "-o", "-"])
            .args(&filters)
            .run()
            .ok();
        let lines: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["record"], "queue", "{filters:?}");
        let got: Vec<String> = lines[1..]
            .iter()
            .map(|j| j["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(sorted(got), want, "{filters:?}");
    }
}
