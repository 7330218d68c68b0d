//! `queuectl enqueue`: routing, options as stored in Redis, bulk NDJSON, and bad
//! input that must leave Redis untouched.

use serde_json::Value;

use crate::support::{self, RedisServer};

fn opts(server: &RedisServer, queue: &str, id: &str) -> Value {
    let raw = server.raw(&["HGET", &format!("bull:{queue}:{id}"), "opts"]);
    serde_json::from_str(&raw).unwrap_or_else(|_| panic!("job {queue}/{id} has no opts: {raw:?}"))
}

#[test]
fn routes_by_name_and_prints_only_the_id() {
    let server = RedisServer::start();
    let run = server
        .queuectl()
        .args([
            "enqueue",
            "full-crawl",
            r#"{"url":"https://example.com","maxPages":5}"#,
        ])
        .run()
        .ok();
    let id = run.stdout.trim();
    assert_eq!(run.stdout, format!("{id}\n"), "stdout must be the id alone");
    assert_eq!(
        server.raw(&["LRANGE", "bull:scrape-queue:wait", "0", "-1"]),
        id
    );
    let data: Value =
        serde_json::from_str(&server.raw(&["HGET", &format!("bull:scrape-queue:{id}"), "data"]))
            .unwrap();
    assert_eq!(data["maxPages"], 5);
    let o = opts(&server, "scrape-queue", id);
    assert_eq!(o["attempts"], 3);
    assert_eq!(
        o["backoff"],
        serde_json::json!({"type": "exponential", "delay": 2000})
    );
    assert_eq!(o["removeOnComplete"], 100);
    assert_eq!(o["removeOnFail"], 50);
}

#[test]
fn json_output_names_id_name_and_queue() {
    let server = RedisServer::start();
    let v = server
        .queuectl()
        .args(["enqueue", "daily-maintenance", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(v["name"], "daily-maintenance");
    assert_eq!(v["queue"], "maintenance-queue");
    assert!(v["id"].is_string());
    let o = opts(&server, "maintenance-queue", v["id"].as_str().unwrap());
    assert_eq!(
        o["backoff"],
        serde_json::json!({"type": "fixed", "delay": 5000})
    );
}

#[test]
fn data_from_file_and_stdin() {
    let server = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("payload.json");
    std::fs::write(&file, r#"{"from":"file"}"#).unwrap();
    let a = server
        .queuectl()
        .args(["enqueue", "analytics"])
        .arg_at(&file)
        .run()
        .ok();
    let b = server
        .queuectl()
        .args(["enqueue", "analytics", "-"])
        .stdin(r#"{"from":"stdin"}"#)
        .run()
        .ok();
    for (run, from) in [(a, "file"), (b, "stdin")] {
        let data = server.raw(&[
            "HGET",
            &format!("bull:process-queue:{}", run.stdout.trim()),
            "data",
        ]);
        assert!(data.contains(from), "{data}");
    }
}

#[test]
fn priority_names_tiers_delay_and_options_are_stored() {
    let server = RedisServer::start();
    let q = |args: &[&str]| {
        server
            .queuectl()
            .args(["enqueue", "refresh"])
            .args(args)
            .run()
            .ok()
            .stdout
            .trim()
            .to_string()
    };
    let critical = q(&["--priority", "critical"]);
    let premium = q(&["--customer", "c1", "--tier", "premium"]);
    let newbie = q(&["--customer", "c2", "--new-customer"]);
    let free = q(&["--customer", "c3", "--tier", "free"]);
    let explicit = q(&[
        "--customer",
        "c4",
        "--tier",
        "premium",
        "--priority",
        "bulk",
    ]);
    let numeric = q(&["--priority", "2097152"]);
    for (id, p) in [
        (&critical, 1),
        (&premium, 2),
        (&newbie, 2),
        (&free, 4),
        (&explicit, 5),
        (&numeric, 2097152),
    ] {
        assert_eq!(opts(&server, "scrape-queue", id)["priority"], p, "job {id}");
    }
    assert_eq!(server.int(&["ZCARD", "bull:scrape-queue:prioritized"]), 6);

    let delayed = q(&[
        "--delay",
        "1h",
        "--attempts",
        "7",
        "--backoff",
        "fixed:9s",
        "--lifo",
        "--remove-on-complete",
        "24h",
        "--remove-on-fail",
        "10",
    ]);
    let o = opts(&server, "scrape-queue", &delayed);
    assert_eq!(o["delay"], 3_600_000);
    assert_eq!(o["attempts"], 7);
    assert_eq!(
        o["backoff"],
        serde_json::json!({"type": "fixed", "delay": 9000})
    );
    assert_eq!(o["removeOnComplete"], serde_json::json!({"age": 86400}));
    assert_eq!(o["removeOnFail"], 10);
    assert!(!server
        .raw(&["ZSCORE", "bull:scrape-queue:delayed", &delayed])
        .is_empty());
}

#[test]
fn queue_max_retries_sets_the_default_attempts() {
    let server = RedisServer::start();
    let id = server
        .queuectl()
        .env("QUEUE_MAX_RETRIES", "9")
        .args(["enqueue", "analytics"])
        .run()
        .ok()
        .stdout;
    assert_eq!(opts(&server, "process-queue", id.trim())["attempts"], 9);
}

#[test]
fn queue_flag_and_queue_name_env_override_routing() {
    let server = RedisServer::start();
    server
        .queuectl()
        .args(["enqueue", "email", "--queue", "mail"])
        .run()
        .ok();
    server
        .queuectl()
        .env("QUEUE_NAME", "other")
        .args(["enqueue", "refresh"])
        .run()
        .ok();
    assert_eq!(server.int(&["LLEN", "bull:mail:wait"]), 1);
    assert_eq!(server.int(&["LLEN", "bull:other:wait"]), 1);
}

#[test]
fn duplicate_job_id_and_dedup_say_so() {
    let server = RedisServer::start();
    let first = server
        .queuectl()
        .args(["enqueue", "analytics", "--job-id", "report-1", "--json"])
        .run()
        .ok()
        .json();
    assert!(first.get("duplicate").is_none());
    let second = server
        .queuectl()
        .args([
            "enqueue",
            "analytics",
            r#"{"v":2}"#,
            "--job-id",
            "report-1",
            "--json",
        ])
        .run()
        .ok();
    assert_eq!(second.json()["duplicate"], true);
    assert!(
        second.stderr.contains("already exists"),
        "{}",
        second.stderr
    );
    assert!(
        server
            .raw(&["HGET", "bull:process-queue:report-1", "data"])
            .contains("{}"),
        "the original job must be untouched"
    );

    let a = server
        .queuectl()
        .args([
            "enqueue",
            "refresh",
            "--dedup-id",
            "site-9",
            "--dedup-ttl",
            "1m",
            "--json",
        ])
        .run()
        .ok()
        .json();
    let b = server
        .queuectl()
        .args(["enqueue", "refresh", "--dedup-id", "site-9", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(b["deduplicated"], true);
    assert_eq!(a["id"], b["id"]);
    assert_eq!(server.int(&["LLEN", "bull:scrape-queue:wait"]), 1);
}

#[test]
fn bulk_ndjson_adds_every_line_in_order() {
    let server = RedisServer::start();
    let mut ndjson = String::new();
    for i in 0..2500 {
        ndjson.push_str(&format!(
            "{{\"name\":\"analytics\",\"data\":{{\"i\":{i}}}}}\n"
        ));
    }
    ndjson.push_str("{\"name\":\"refresh\",\"opts\":{\"priority\":\"high\",\"jobId\":\"r-1\"}}\n");
    ndjson.push_str(
        "{\"name\":\"custom\",\"opts\":{\"queue\":\"elsewhere\",\"delay\":60000,\"attempts\":1}}\n",
    );
    let out = server
        .queuectl()
        .args(["enqueue", "--file", "-", "--json"])
        .stdin(ndjson)
        .run()
        .ok()
        .json();
    assert_eq!(out["count"], 2502);
    assert_eq!(out["ids"].as_array().unwrap().len(), 2502);
    assert_eq!(server.int(&["LLEN", "bull:process-queue:wait"]), 2500);
    // FIFO: the tail of the wait list (next to run) is the first line.
    let next = server.raw(&["LINDEX", "bull:process-queue:wait", "-1"]);
    assert_eq!(next, out["ids"][0].as_str().unwrap());
    assert!(server
        .raw(&["HGET", &format!("bull:process-queue:{next}"), "data"])
        .contains("\"i\":0"));
    assert_eq!(opts(&server, "scrape-queue", "r-1")["priority"], 2);
    assert_eq!(server.int(&["ZCARD", "bull:elsewhere:delayed"]), 1);
}

#[test]
fn bulk_from_a_file_prints_count_and_ids() {
    let server = RedisServer::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jobs.ndjson");
    std::fs::write(&file, "{\"name\":\"cleanup\"}\n{\"name\":\"cleanup\"}\n").unwrap();
    let run = server
        .queuectl()
        .args(["enqueue", "--file"])
        .arg_path_plain(&file)
        .run()
        .ok();
    assert!(run.stdout.contains("2 jobs"), "{}", run.stdout);
    assert_eq!(server.int(&["LLEN", "bull:maintenance-queue:wait"]), 2);
}

/// Each bad input: exit 2, one line naming the problem, and Redis unchanged.
#[test]
fn bad_input_is_rejected_before_anything_is_written() {
    let server = RedisServer::start();
    server.queuectl().args(["enqueue", "analytics"]).run().ok();
    let before = server.snapshot();
    let cases: [(&[&str], &str); 12] = [
        (&["enqueue", "analytics", "{not json"], "invalid JSON"),
        (
            &["enqueue", "analytics", "--at", "2001-01-01T00:00:00Z"],
            "time '2001-01-01T00:00:00Z' is in the past",
        ),
        (
            &["enqueue", "analytics", "--priority", "urgent"],
            "unknown priority 'urgent'",
        ),
        (&["enqueue", "analytics", "--priority", "0"], "out of range"),
        (
            &["enqueue", "analytics", "--delay", "soonish"],
            "invalid duration",
        ),
        (
            &["enqueue", "analytics", "--at", "tomorrow"],
            "invalid time",
        ),
        (
            &["enqueue", "analytics", "--backoff", "linear:2s"],
            "unknown backoff type",
        ),
        (&["enqueue", "analytics", "--job-id", "123"], "integer"),
        (
            &["enqueue", "analytics", "--attempts", "zero"],
            "--attempts",
        ),
        (
            &["enqueue", "newsletter"],
            "no queue for job name 'newsletter' (routed names are single-page, full-crawl, refresh, scrape-website, maintenance, daily-maintenance, cleanup, analytics, process-content); pass --queue (or set QUEUE_NAME)",
        ),
        (
            &["enqueue", "analytics", "--customer", "c", "--tier", "gold"],
            "unknown tier",
        ),
        (
            &["enqueue", "analytics", "@/nonexistent/file.json"],
            "cannot read",
        ),
    ];
    for (args, expect) in cases {
        let run = server.queuectl().args(args).run().fails_with(2);
        assert!(
            run.stderr.contains(expect),
            "{args:?}: expected {expect:?} in {}",
            run.stderr
        );
    }
    assert_eq!(
        server.snapshot(),
        before,
        "bad input must not write anything"
    );
}

/// Bytes that are not UTF-8 on stdin are bad input (exit 2), for job data and
/// for an NDJSON file alike, and nothing is written.
#[test]
fn invalid_utf8_on_stdin_is_a_usage_error() {
    let server = RedisServer::start();
    let before = server.snapshot();
    for args in [
        &["enqueue", "analytics", "-"][..],
        &["enqueue", "--file", "-"],
    ] {
        let run = server
            .queuectl()
            .args(args)
            .stdin(b"{\"name\":\"analytics\",\"data\":\"\xff\xfe\"}".to_vec())
            .run()
            .fails_with(2);
        assert_eq!(
            run.stderr.trim(),
            "error: stdin is not valid UTF-8",
            "{args:?}"
        );
    }
    assert_eq!(server.snapshot(), before, "nothing may be enqueued");
}

#[test]
fn one_malformed_ndjson_line_among_many_enqueues_nothing() {
    let server = RedisServer::start();
    let before = server.snapshot();
    let mut lines: Vec<String> = (0..500)
        .map(|i| format!("{{\"name\":\"analytics\",\"data\":{{\"i\":{i}}}}}"))
        .collect();
    for (bad, expect) in [
        (
            "{\"name\":\"analytics\",\"data\":{\"i\":",
            "line 301: json: invalid JSON",
        ),
        (
            "{\"name\":\"analytics\",\"opts\":{\"priority\":\"urgent\"}}",
            "line 301: opts.priority",
        ),
        (
            "{\"name\":\"analytics\",\"opts\":{\"delay\":\"later\"}}",
            "line 301: opts.delay",
        ),
        ("{\"data\":{}}", "line 301: name: missing"),
        (
            "{\"name\":\"analytics\",\"opts\":{\"retries\":3}}",
            "line 301: opts.retries",
        ),
        (
            "{\"name\":\"analytics\",\"opts\":{\"at\":\"2001-01-01T00:00:00Z\"}}",
            "line 301: opts.at: time '2001-01-01T00:00:00Z' is in the past",
        ),
        (
            format!(
                "{{\"name\":\"analytics\",\"data\":{}1{}}}",
                "[".repeat(200),
                "]".repeat(200)
            )
            .as_str(),
            "line 301: data: nested 200 levels deep; job data may nest at most 127",
        ),
    ] {
        lines.insert(300, bad.to_string());
        let run = server
            .queuectl()
            .args(["enqueue", "--file", "-"])
            .stdin(lines.join("\n"))
            .run()
            .fails_with(2);
        assert!(
            run.stderr.contains(expect),
            "expected {expect:?} in {}",
            run.stderr
        );
        lines.remove(300);
    }
    assert_eq!(server.snapshot(), before, "nothing may be enqueued");
}

/// An NDJSON file of `n` `analytics` jobs (process-queue) whose data is
/// `{"i": n}`, `blank_lines` empty lines first; returns the file and its dir.
fn analytics_file(
    n: usize,
    blank_lines: usize,
    pad: usize,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let pad = "x".repeat(pad);
    let mut text = "\n".repeat(blank_lines);
    for i in 0..n {
        text.push_str(&format!(
            "{{\"name\":\"analytics\",\"data\":{{\"i\":{i},\"pad\":\"{pad}\"}}}}\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jobs.ndjson");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

/// The ids of the wait list in the order the jobs were added: it is LPUSHed,
/// so its tail is the first job, as Node's `addBulk` leaves it.
fn wait_list_in_add_order(server: &RedisServer) -> Vec<String> {
    let raw = server.raw(&["LRANGE", "bull:process-queue:wait", "0", "-1"]);
    let mut ids: Vec<String> = raw.lines().map(str::to_string).collect();
    ids.reverse();
    ids
}

/// Asserts that the job with automatic id `id` holds input job `i`.
fn holds_job(server: &RedisServer, id: usize, i: usize) {
    let data = server.raw(&["HGET", &format!("bull:process-queue:{id}"), "data"]);
    assert!(
        data.starts_with(&format!("{{\"i\":{i},")),
        "job {id}: {data}"
    );
}

/// The first position where `got` differs from `want`, for a short message.
fn first_difference(got: &[String], want: &[String]) -> Option<(usize, String, String)> {
    let at = (0..got.len().max(want.len())).find(|&k| got.get(k) != want.get(k))?;
    let show = |v: &[String]| v.get(at).cloned().unwrap_or_else(|| "(none)".into());
    Some((at, show(got), show(want)))
}

#[test]
fn a_large_bulk_add_stores_every_job_in_input_order() {
    let server = RedisServer::start();
    let n = 200_000;
    let (_dir, file) = analytics_file(n, 0, 0);
    let out = server
        .queuectl()
        .args(["enqueue", "--json", "--file"])
        .arg_path_plain(&file)
        .run()
        .ok()
        .json();
    let reported: Vec<String> = out["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    let in_order: Vec<String> = (1..=n).map(|id| id.to_string()).collect();
    // Line k got the k-th id, and the k-th job added is line k.
    assert_eq!(
        first_difference(&reported, &in_order),
        None,
        "ids by input line"
    );
    let added = wait_list_in_add_order(&server);
    assert_eq!(first_difference(&added, &in_order), None, "wait list");
    for i in [0, 1, n / 2, n - 1] {
        holds_job(&server, i + 1, i);
    }
}

/// Runs a bulk add of `file` and sends SIGINT once 1000 jobs are in Redis;
/// returns the exit code and stderr.
fn interrupt_bulk_add(server: &RedisServer, file: &std::path::Path) -> (Option<i32>, String) {
    let child = support::queuectl_command()
        .env("REDIS_URL", server.url())
        .args(["enqueue", "--file"])
        .arg(file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while server.int(&["LLEN", "bull:process-queue:wait"]) < 1000 {
        assert!(
            started.elapsed().as_secs() < 90,
            "the bulk add never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ctrl_c_during_a_bulk_add_reports_exactly_what_is_in_redis_and_skip_resumes() {
    let server = RedisServer::start();
    let n = 100_000;
    // One blank line first: line numbers are the file's, one past the job's.
    let (_dir, file) = analytics_file(n, 1, 0);
    let mut confirmed = 0;
    for run in 1..=3 {
        server.raw(&["FLUSHALL"]);
        let (code, stderr) = interrupt_bulk_add(&server, &file);
        assert_eq!(code, Some(130), "run {run}: {stderr}");
        confirmed = stderr
            .split("the first ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("run {run}: {stderr}"));
        let in_redis = server.int(&["LLEN", "bull:process-queue:wait"]) as usize;
        assert_eq!(in_redis, confirmed, "run {run}: {stderr}");
        assert!(confirmed < n, "run {run}: the add was not interrupted");
        let hint = format!(
            "the first {confirmed} of {n} jobs (through line {}) are in Redis; resume from line {} with --skip {confirmed}",
            confirmed + 1,
            confirmed + 2
        );
        assert!(stderr.contains(&hint), "run {run}: {stderr}");
    }
    let skip = confirmed.to_string();
    let out = server
        .queuectl()
        .args(["enqueue", "--json", "--skip", &skip, "--file"])
        .arg_path_plain(&file)
        .run()
        .ok()
        .json();
    assert_eq!(out["count"], n - confirmed);
    let in_order: Vec<String> = (1..=n).map(|id| id.to_string()).collect();
    let added = wait_list_in_add_order(&server);
    assert_eq!(first_difference(&added, &in_order), None, "wait list");
    for i in [0, confirmed - 1, confirmed, n - 1] {
        holds_job(&server, i + 1, i);
    }
}

/// The number in `text` right after `before`.
fn number_after(text: &str, before: &str) -> usize {
    text.split(before)
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {before:?} in {text}"))
}

#[test]
fn a_hung_redis_stops_a_bulk_add_saying_how_many_adds_got_no_answer() {
    let server = RedisServer::start();
    let pid = number_after(&server.raw(&["INFO", "server"]), "process_id:").to_string();
    let (_dir, file) = analytics_file(100_000, 0, 0);
    let child = support::queuectl_command()
        .env("REDIS_URL", server.url())
        .args(["enqueue", "--file"])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while server.int(&["LLEN", "bull:process-queue:wait"]) < 1000 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let signal = |sig: &str| {
        let ok = std::process::Command::new("kill")
            .args([sig, &pid])
            .status();
        assert!(ok.unwrap().success());
    };
    signal("-STOP");
    let out = child.wait_with_output().unwrap();
    signal("-CONT");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    let confirmed = number_after(&stderr, "the first ");
    let unanswered = number_after(&stderr, "are in Redis; ");
    assert!(
        stderr.contains(
            "adds after them were sent but not answered and may still run when Redis answers"
        ),
        "{stderr}"
    );
    assert!(unanswered > 0, "{stderr}");
    // Once it answers again, Redis runs at most what it had been sent: the
    // confirmed adds and some of the unanswered ones (queuectl has exited,
    // so Redis drops the connection, and the adds still unread, at its first
    // failed reply; how many it read first is up to the kernel's buffers).
    std::thread::sleep(std::time::Duration::from_millis(500));
    let in_redis = server.int(&["LLEN", "bull:process-queue:wait"]) as usize;
    assert!(
        (confirmed..=confirmed + unanswered).contains(&in_redis),
        "{in_redis} in Redis: {stderr}"
    );
}

#[test]
fn skip_past_the_end_of_the_input_is_a_usage_error() {
    let server = RedisServer::start();
    let (_dir, file) = analytics_file(3, 0, 0);
    let run = server
        .queuectl()
        .args(["enqueue", "--skip", "3", "--file"])
        .arg_path_plain(&file)
        .run()
        .fails_with(2);
    assert!(
        run.stderr.contains("--skip 3: the input has 3 jobs"),
        "{}",
        run.stderr
    );
    let run = server
        .queuectl()
        .args(["enqueue", "x", "--skip", "1"])
        .run();
    assert_eq!(run.code, 2, "--skip needs --file: {}", run.stderr);
}

#[test]
fn a_full_redis_stops_a_bulk_add_with_one_line_and_the_exact_count() {
    let server = RedisServer::start_with(
        None,
        &["--maxmemory", "2mb", "--maxmemory-policy", "noeviction"],
    );
    let n = 20_000;
    let (_dir, file) = analytics_file(n, 0, 200);
    let run = server
        .queuectl()
        .args(["enqueue", "--file"])
        .arg_path_plain(&file)
        .run()
        .fails_with(1);
    let stderr = run.stderr.trim();
    assert_eq!(stderr.matches("maxmemory").count(), 1, "{stderr}");
    let in_redis = server.int(&["LLEN", "bull:process-queue:wait"]) as usize;
    assert!(in_redis > 0 && in_redis < n, "{in_redis} in Redis");
    let count = format!(
        "; the first {in_redis} of {n} jobs (through line {in_redis}) are in Redis; resume from line {} with --skip {in_redis}",
        in_redis + 1
    );
    assert!(stderr.contains(&count), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: adding the job on line {} failed: ",
            in_redis + 1
        )),
        "{stderr}"
    );
    // Now even opening the queue is refused: nothing is added, said once.
    let run = server
        .queuectl()
        .args([
            "enqueue",
            "--json",
            "--skip",
            &in_redis.to_string(),
            "--file",
        ])
        .arg_path_plain(&file)
        .run()
        .fails_with(1);
    let err: Value = serde_json::from_str(run.stderr.trim()).unwrap();
    let message = err["error"].as_str().unwrap();
    assert_eq!(message.matches("maxmemory").count(), 1, "{message}");
    assert!(message.ends_with("; no job was added"), "{message}");
    assert_eq!(
        server.int(&["LLEN", "bull:process-queue:wait"]) as usize,
        in_redis
    );
}

/// Flag values are parsed before the command runs; a refused one is still a
/// one-line usage error, and a JSON object under `--json`, for every command.
#[test]
fn refused_flag_values_are_one_line_and_json_under_json() {
    let server = RedisServer::start();
    let before = server.snapshot();
    let cases: [&[&str]; 4] = [
        &["--json", "enqueue", "analytics", "--priority", "urgent"],
        &[
            "schedule", "add", "s", "--queue", "q", "--every", "soon", "--json",
        ],
        &["worker", "--concurrency", "q=x", "--json"],
        &["stats", "--watch=0.5", "--json"],
    ];
    for args in cases {
        let run = server.queuectl().args(args).run().fails_with(2);
        let err: serde_json::Value = serde_json::from_str(run.stderr.trim())
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", run.stderr));
        assert_eq!(err["code"], "INVALID_INPUT", "{args:?}");
        assert!(
            err["error"]
                .as_str()
                .unwrap()
                .starts_with("invalid value '"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(server.snapshot(), before, "nothing was written");
}
