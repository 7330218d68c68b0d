//! A Redis that stops answering mid-command (through [`FreezingProxy`]):
//! one-shot commands give up after `--command-timeout`, exit 3 with one line
//! naming the server and what they were doing, and a single `enqueue` whose
//! reply never came says whether its job exists.

use std::time::Instant;

use crate::support::proxy::FreezingProxy;
use crate::support::{RedisServer, Run};

/// The RESP frame of a command name, as a trigger.
fn frame(command: &str) -> String {
    format!("${}\r\n{command}\r\n", command.len())
}

/// Runs queuectl through `proxy` with `args`, returning the run and its seconds.
fn through(proxy: &FreezingProxy, env: &[(&str, &str)], args: &[&str]) -> (Run, f64) {
    let mut cmd = crate::support::Cmd::new();
    cmd.env("REDIS_URL", &proxy.url()).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let run = cmd.run();
    (run, started.elapsed().as_secs_f64())
}

fn assert_lost(run: Run, secs: f64, proxy: &FreezingProxy, doing: &str) {
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
    let proxy = FreezingProxy::start(server.port, &frame("SCAN"));
    let (run, secs) = through(&proxy, &[], &["stats", "--command-timeout", "1s"]);
    assert_lost(run, secs, &proxy, "running `queuectl stats`");
}

#[test]
fn health_against_a_hung_redis_says_it_did_not_answer_not_cannot_connect() {
    let server = RedisServer::start();
    let proxy = FreezingProxy::start(server.port, &frame("INFO"));
    let env = [(queuectl::env::COMMAND_TIMEOUT, "1s")];
    let (run, secs) = through(&proxy, &env, &["health"]);
    assert!(!run.stderr.contains("cannot connect"), "{}", run.stderr);
    assert_lost(run, secs, &proxy, "checking health");
}

#[test]
fn enqueue_whose_reply_never_came_says_whether_the_job_exists() {
    let server = RedisServer::start();
    // A first add loads BullMQ's script, so the next one is a single EVALSHA.
    server
        .queuectl()
        .args(["enqueue", "analytics", "--queue", "reports"])
        .run()
        .ok();
    let proxy = FreezingProxy::start(server.port, &frame("EVALSHA"));
    let args = [
        "enqueue",
        "analytics",
        "--queue",
        "reports",
        "--job-id",
        "report-7",
        "--command-timeout",
        "1s",
    ];
    let (run, _) = through(&proxy, &[], &args);
    let run = run.fails_with(3);
    let lost = format!(
        "Redis at 127.0.0.1:{} did not answer within 1s while adding the job to reports",
        proxy.port
    );
    assert!(run.stderr.contains(&lost), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("its outcome is unknown; after reconnecting, job report-7 exists in reports"),
        "{}",
        run.stderr
    );
    assert_eq!(server.raw(&["EXISTS", "bull:reports:report-7"]), "1");
}
