//! A Redis that stops answering mid-command (through [`FaultProxy`]) or drops the connection:
//! one-shot commands give up after `--command-timeout`, exit 3 with one line
//! naming the server and what they were doing, and a single `enqueue` whose
//! reply never came says whether its job exists.

use std::time::Instant;

use crate::support::proxy::{Fault, FaultProxy};
use crate::support::{RedisServer, Run};

/// The RESP frame of a command name, as a trigger.
fn frame(command: &str) -> String {
    format!("${}\r\n{command}\r\n", command.len())
}

/// Runs queuectl through `proxy` with `args`, returning the run and its seconds.
fn through(proxy: &FaultProxy, env: &[(&str, &str)], args: &[&str]) -> (Run, f64) {
    let mut cmd = crate::support::Cmd::new();
    cmd.env("REDIS_URL", &proxy.url()).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let run = cmd.run();
    (run, started.elapsed().as_secs_f64())
}

fn assert_lost(run: Run, secs: f64, proxy: &FaultProxy, doing: &str) {
    let run = run.fails_with(3);
    let want = format!(
        "Redis at 127.0.0.1:{} did not answer within 1s while {doing}",
        proxy.port
    );
    assert!(
        run.stderr.contains(&want),
        "want {want:?} in {}",
        run.stderr
    );
    assert!(!run.stderr.contains("timed out"), "{}", run.stderr);
    assert!(secs < 2.0, "gave up after {secs:.1}s, not within 1s + 1s");
}

#[test]
fn stats_against_a_hung_redis_exits_3_within_the_command_timeout() {
    let server = RedisServer::start();
    let proxy = FaultProxy::start(server.port, &frame("SCAN"), Fault::Freeze);
    let (run, secs) = through(&proxy, &[], &["stats", "--command-timeout", "1s"]);
    assert_lost(run, secs, &proxy, "running `queuectl stats`");
}

#[test]
fn health_against_a_hung_redis_says_it_did_not_answer_not_cannot_connect() {
    let server = RedisServer::start();
    let proxy = FaultProxy::start(server.port, &frame("INFO"), Fault::Freeze);
    let env = [(queuectl::env::COMMAND_TIMEOUT, "1s")];
    let (run, secs) = through(&proxy, &env, &["health"]);
    assert!(!run.stderr.contains("cannot connect"), "{}", run.stderr);
    assert_lost(run, secs, &proxy, "checking health");
}

/// A server whose add script is loaded, so the next add is one EVALSHA,
/// and a proxy to it that freezes that connection on that EVALSHA.
fn frozen_at_the_add() -> (RedisServer, FaultProxy) {
    hung_at_the_add(Fault::Freeze)
}

fn hung_at_the_add(fault: Fault) -> (RedisServer, FaultProxy) {
    let server = RedisServer::start();
    server
        .queuectl()
        .args(["enqueue", "analytics", "--queue", "reports"])
        .run()
        .ok();
    let proxy = FaultProxy::start(server.port, &frame("EVALSHA"), fault);
    (server, proxy)
}

/// Runs a single 1s-bounded `enqueue analytics --queue reports` with `extra`
/// through `proxy`; it must exit 3 saying the add was not answered.
fn unanswered_add(proxy: &FaultProxy, extra: &[&str]) -> String {
    let mut args = vec!["enqueue", "analytics", "--queue", "reports"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--command-timeout", "1s"]);
    let (run, _) = through(proxy, &[], &args);
    let run = run.fails_with(3);
    let lost = format!(
        "Redis at 127.0.0.1:{} did not answer within 1s while adding the job to reports; ",
        proxy.port
    );
    assert!(run.stderr.contains(&lost), "{}", run.stderr);
    run.stderr
}

#[test]
fn enqueue_with_a_job_id_whose_reply_never_came_says_the_job_exists() {
    let (server, proxy) = frozen_at_the_add();
    let stderr = unanswered_add(&proxy, &["--job-id", "report-7"]);
    assert!(
        stderr
            .contains("its outcome is unknown; after reconnecting, job report-7 exists in reports"),
        "{stderr}"
    );
    assert_eq!(server.raw(&["EXISTS", "bull:reports:report-7"]), "1");
}

#[test]
fn enqueue_with_a_dedup_id_whose_reply_never_came_names_the_holder() {
    let (server, proxy) = frozen_at_the_add();
    let stderr = unanswered_add(&proxy, &["--dedup-id", "nightly"]);
    let holder = server.raw(&["GET", "bull:reports:de:nightly"]);
    assert!(!holder.is_empty(), "the add ran in Redis");
    let want = format!("deduplication id nightly is held by job {holder} in reports");
    assert!(stderr.contains(&want), "{stderr}");
}

#[test]
fn enqueue_without_an_id_whose_reply_never_came_says_how_to_look() {
    let (_server, proxy) = frozen_at_the_add();
    let stderr = unanswered_add(&proxy, &[]);
    assert!(
        stderr.contains(
            "whether the job was added is unknown: see `queuectl jobs reports --state wait`"
        ),
        "{stderr}"
    );
}

#[test]
fn enqueue_against_a_redis_that_stays_hung_says_the_check_failed_and_how_to_look() {
    let (_server, proxy) = hung_at_the_add(Fault::FreezeAll);
    let extra = ["--job-id", "report-8", "--connect-timeout", "1s"];
    let stderr = unanswered_add(&proxy, &extra);
    let failed = format!(
        "whether the job was added is unknown, and checking failed (cannot connect to Redis at \
         127.0.0.1:{}",
        proxy.port
    );
    assert!(stderr.contains(&failed), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("see `queuectl jobs reports --state wait`"),
        "{stderr}"
    );
}

#[test]
fn stats_when_redis_drops_the_connection_exits_3_saying_so() {
    let server = RedisServer::start();
    let proxy = FaultProxy::start(server.port, &frame("SCAN"), Fault::Close);
    let (run, secs) = through(&proxy, &[], &["stats"]);
    let run = run.fails_with(3);
    let want = format!(
        "Redis at 127.0.0.1:{} closed the connection while running `queuectl stats`",
        proxy.port
    );
    assert!(run.stderr.contains(&want), "{}", run.stderr);
    assert!(secs < 2.0, "took {secs:.1}s to notice");
}

#[test]
fn waiting_on_a_job_is_not_cut_short_by_a_command_timeout_below_its_blocking_reads() {
    let server = RedisServer::start();
    server
        .queuectl()
        .args([
            "enqueue",
            "analytics",
            "--queue",
            "reports",
            "--job-id",
            "r1",
        ])
        .run()
        .ok();
    // No worker: the job never finishes, so only --timeout may end the wait.
    let args = ["job", "reports", "r1", "--wait", "--timeout", "3s"];
    let run = server
        .queuectl()
        .args(args)
        .args(["--command-timeout", "1s"])
        .run();
    run.fails_with(5);
}

#[test]
fn pause_when_redis_drops_the_connection_exits_3_saying_so() {
    let server = RedisServer::start();
    server.queuectl().args(["enqueue", "analytics"]).run().ok();
    let proxy = FaultProxy::start(server.port, &frame("EVALSHA"), Fault::Close);
    let (run, _) = through(&proxy, &[], &["pause", "process-queue"]);
    let run = run.fails_with(3);
    let want = format!(
        "Redis at 127.0.0.1:{} closed the connection while pausing process-queue",
        proxy.port
    );
    assert!(run.stderr.contains(&want), "{}", run.stderr);
}

/// Starts `queuectl ARGS` against `server` in the background, output piped.
fn spawn_on(server: &RedisServer, args: &[&str]) -> std::process::Child {
    crate::support::queuectl_command()
        .env("REDIS_URL", server.url())
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn queuectl")
}

/// Interrupts `child` as Ctrl-C would and returns its stdout and stderr; it
/// must stop within 10 s (a Ctrl-C that arrives mid-round counts too).
fn interrupt(mut child: std::process::Child) -> (String, String) {
    let ok = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            panic!("still running 10 s after Ctrl-C");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr))
}

fn last_document(stdout: &str) -> serde_json::Value {
    let line = stdout.lines().last().expect("no output");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))
}

#[test]
fn watch_follow_and_serve_carry_on_after_redis_restarts() {
    let mut server = RedisServer::start();
    for _ in 0..3 {
        server.queuectl().args(["enqueue", "analytics"]).run().ok();
    }
    let health = spawn_on(&server, &["health", "--watch", "200ms", "--json"]);
    let stats = spawn_on(&server, &["stats", "--watch", "200ms", "--json"]);
    let events = spawn_on(&server, &["events", "process-queue", "--follow", "--json"]);
    let serve = crate::serve::Serve::start(&server, &[]);
    std::thread::sleep(std::time::Duration::from_millis(800));
    // The test server keeps nothing on disk: it comes back empty.
    server.restart(std::time::Duration::from_secs(1));
    server
        .queuectl()
        .args(["enqueue", "analytics", "--job-id", "after-restart"])
        .run()
        .ok();
    std::thread::sleep(std::time::Duration::from_millis(3000));

    let (status, body) = serve.get("/api/queue/stats");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["queues"][0]["counts"]["waiting"], 1, "{body}");

    let (out, err) = interrupt(stats);
    assert!(
        err.contains("REDIS_UNAVAILABLE"),
        "the restart went unseen: {err}"
    );
    let doc = last_document(&out);
    assert_eq!(doc["queues"][0]["counts"]["waiting"], 1, "{out}");

    let (out, err) = interrupt(health);
    assert!(
        err.contains("REDIS_UNAVAILABLE"),
        "the restart went unseen: {err}"
    );
    let doc = last_document(&out);
    assert_eq!(doc["queues"][0]["metrics"]["waiting"], 1, "{out}");

    let (out, err) = interrupt(events);
    assert!(err.contains("retrying until it answers"), "{err}");
    assert!(
        out.lines()
            .any(|l| l.contains("\"added\"") && l.contains("\"after-restart\"")),
        "no event after the restart: {out}"
    );
}

#[test]
fn verbs_whose_bullmq_call_hangs_exit_3_within_the_command_timeout() {
    let server = RedisServer::start();
    server
        .queuectl()
        .args([
            "enqueue",
            "analytics",
            "--queue",
            "reports",
            "--job-id",
            "r1",
        ])
        .run()
        .ok();
    // Each verb's first port call after opening the queue: a BullMQ script
    // (EVALSHA) or, for `limit`, the HSET that opening the queue sends.
    for (trigger, args, doing) in [
        ("EVALSHA", vec!["pause", "reports"], "pausing reports"),
        (
            "EVALSHA",
            vec!["job", "reports", "r1", "--set-priority", "2"],
            "running `queuectl job`",
        ),
        (
            "HSET",
            vec!["limit", "reports", "--concurrency", "2"],
            "running `queuectl limit`",
        ),
        (
            "EVALSHA",
            vec!["remove", "reports", "r1", "--yes"],
            "running `queuectl remove`",
        ),
    ] {
        let proxy = FaultProxy::start(server.port, &frame(trigger), Fault::Freeze);
        let mut args = args.clone();
        args.extend(["--command-timeout", "1s"]);
        let (run, secs) = through(&proxy, &[], &args);
        assert_lost(run, secs, &proxy, doing);
    }
}
