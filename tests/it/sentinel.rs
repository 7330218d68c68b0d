//! Redis Sentinel: a master, a replica and three sentinels the harness starts;
//! commands find the master through the sentinels, a worker follows a
//! failover, and bad sentinel settings fail clearly.

use std::time::{Duration, Instant};

use crate::serve::{http, TOKEN};
use crate::support::sentinel::{SentinelSet, MASTER};
use crate::support::{free_port, Cmd};

const QUEUE: &str = "sq";

#[test]
fn one_shot_commands_find_the_master_through_the_sentinels() {
    let set = SentinelSet::start();
    set.queuectl()
        .args(["enqueue", "work", r#"{"n":1}"#, "--queue", QUEUE])
        .run()
        .ok();
    // Flags do what the variables do.
    Cmd::new()
        .args(["--sentinels", &set.addrs(), "--sentinel-master", MASTER])
        .args(["enqueue", "work", "--queue", QUEUE])
        .run()
        .ok();
    let key = format!("bull:{QUEUE}:wait");
    assert_eq!(set.master().int(&["LLEN", &key]), 2, "added on the master");
    let stats = set
        .queuectl()
        .args(["stats", QUEUE, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(stats["queues"][0]["counts"]["waiting"], 2, "{stats}");
    let jobs = set
        .queuectl()
        .args(["jobs", QUEUE, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(jobs["jobs"].as_array().map(Vec::len), Some(2), "{jobs}");

    // After a failover the same command reaches the new master.
    let new = set.failover();
    set.wait_demoted(new);
    set.queuectl()
        .args(["enqueue", "work", "--queue", QUEUE])
        .run()
        .ok();
    assert_eq!(set.master().port, new);
    assert_eq!(set.master().int(&["LLEN", &key]), 3);
}

/// Arguments, environment, and what the one error line says.
type BadCase<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);

#[test]
fn sentinel_settings_are_checked_before_connecting() {
    let nowhere = format!("127.0.0.1:{}", free_port());
    let cases: Vec<BadCase> = vec![
        (vec!["--sentinel-master", MASTER], vec![], "--sentinels"),
        (vec!["--sentinels", &nowhere], vec![], "--sentinel-master"),
        (
            vec!["--sentinels", &nowhere],
            vec![
                ("REDIS_SENTINEL_MASTER", MASTER),
                ("REDIS_URL", "redis://h:1"),
            ],
            "--redis-url",
        ),
        (
            vec!["--sentinels", &nowhere, "--sentinel-master", MASTER],
            vec![("REDIS_CLUSTER_NODES", "a:1")],
            "--cluster-nodes",
        ),
        (
            vec!["--sentinels", "nohost", "--sentinel-master", MASTER],
            vec![],
            "sentinel 'nohost' must be host:port",
        ),
        (
            vec!["--sentinels", &nowhere, "--sentinel-master", "my master"],
            vec![],
            "--sentinel-master must be",
        ),
    ];
    for (args, env, says) in cases {
        let mut cmd = Cmd::new();
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let run = cmd.args(&args).args(["stats"]).run();
        assert_eq!(run.code, 2, "{args:?} {env:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn unreachable_sentinels_and_an_unknown_master_exit_3_naming_them() {
    let (a, b) = (free_port(), free_port());
    let list = format!("127.0.0.1:{a},127.0.0.1:{b}");
    let run = Cmd::new()
        .args(["--sentinels", &list, "--sentinel-master", MASTER, "stats"])
        .run()
        .fails_with(3);
    assert!(
        run.stderr
            .contains(&format!("cannot connect to Redis at sentinels {list}")),
        "{}",
        run.stderr
    );

    let set = SentinelSet::start();
    let run = Cmd::new()
        .args(["--sentinels", &set.addrs(), "--sentinel-master", "other"])
        .args(["stats"])
        .run()
        .fails_with(3);
    assert!(
        run.stderr.contains("knows a master named 'other'"),
        "{}",
        run.stderr
    );
}

#[test]
fn sentinel_password_is_used_and_never_printed() {
    let secret = "s3nt-pw";
    let set = SentinelSet::start_with(Some(secret));
    set.queuectl()
        .env("REDIS_SENTINEL_PASSWORD", secret)
        .args(["enqueue", "work", "--queue", QUEUE])
        .run()
        .ok();
    assert_eq!(
        set.master().int(&["LLEN", &format!("bull:{QUEUE}:wait")]),
        1
    );
    let wrong = "wr0ng-pw";
    let run = set
        .queuectl()
        .args(["--sentinel-password", wrong, "stats"])
        .run()
        .fails_with(3);
    assert!(!run.stderr.contains(wrong), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "Redis at sentinels {} refused the credentials",
            set.addrs()
        )),
        "{}",
        run.stderr
    );
    let help = set
        .queuectl()
        .env("REDIS_SENTINEL_PASSWORD", secret)
        .args(["--help"])
        .run()
        .ok();
    assert!(help.stdout.contains("REDIS_SENTINEL_PASSWORD"));
    assert!(!help.stdout.contains(secret), "{}", help.stdout);
}

const RUN_JOBS: usize = 300;

#[test]
fn a_worker_runs_every_job_through_a_sentinel_failover() {
    let set = SentinelSet::start();
    let lines: String = (1..=RUN_JOBS)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"name": "work", "opts": {
                    "queue": QUEUE, "jobId": format!("j{i}"), "removeOnComplete": false}})
            )
        })
        .collect();
    set.queuectl()
        .args(["enqueue", "--file", "-"])
        .stdin(lines)
        .run()
        .ok();
    let runs = tempfile::NamedTempFile::new().unwrap();
    let log = tempfile::NamedTempFile::new().unwrap();
    let handler = format!(
        "work=cat >/dev/null; sleep 0.1; echo \"$QUEUECTL_JOB_ID\" >> {}",
        runs.path().display()
    );
    let mut child = crate::support::queuectl_command()
        .env("REDIS_SENTINELS", set.addrs())
        .env("REDIS_SENTINEL_MASTER", MASTER)
        .args(["worker", "--queue", QUEUE, "--exec", &handler])
        .args(["--concurrency", &format!("{QUEUE}=2")])
        .args(["--lock-duration", "5s", "--stalled-interval", "1s"])
        .stdout(std::process::Stdio::null())
        .stderr(log.reopen().unwrap())
        .spawn()
        .expect("spawn queuectl worker");
    let read_runs = || -> Vec<String> {
        std::fs::read_to_string(runs.path())
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let stderr = || std::fs::read_to_string(log.path()).unwrap_or_default();
    let wait_runs = |n: usize, limit: Duration, child: &mut std::process::Child| {
        let start = Instant::now();
        while read_runs().len() < n {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("the worker exited ({status}): {}", stderr());
            }
            assert!(
                start.elapsed() < limit,
                "{} of {n} runs after {limit:?}; worker stderr: {}",
                read_runs().len(),
                stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_runs(5, Duration::from_secs(20), &mut child);
    let new = set.failover();
    let after = read_runs().len();
    assert!(
        after < RUN_JOBS,
        "the failover ended after the last job ({after} runs): {}",
        stderr()
    );
    wait_runs(RUN_JOBS, Duration::from_secs(60), &mut child);
    set.wait_demoted(new);
    // Long enough for a lost or stalled job to come back and run again.
    std::thread::sleep(Duration::from_secs(7));
    let master = set.master();
    assert_eq!(master.port, new);
    let completed = master.int(&["ZCARD", &format!("bull:{QUEUE}:completed")]);
    let mut seen = read_runs();
    let total = seen.len();
    seen.sort();
    seen.dedup();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        stderr().contains("the sentinels name a new master"),
        "{}",
        stderr()
    );
    assert_eq!(seen.len(), RUN_JOBS, "every job ran; stderr: {}", stderr());
    assert_eq!(
        completed, RUN_JOBS as i64,
        "all completed on the new master"
    );
    assert_eq!(master.int(&["LLEN", &format!("bull:{QUEUE}:wait")]), 0);
    assert_eq!(master.int(&["LLEN", &format!("bull:{QUEUE}:active")]), 0);
    assert_eq!(total, RUN_JOBS, "no job ran twice; stderr: {}", stderr());
}

/// Starts `queuectl serve` through the sentinels and returns it with its address.
fn serve(set: &SentinelSet) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = crate::support::queuectl_command()
        .env("REDIS_SENTINELS", set.addrs())
        .env("REDIS_SENTINEL_MASTER", MASTER)
        .args(["serve", "--json", "--bind", "127.0.0.1:0", "--token", TOKEN])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn queuectl serve");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&line).unwrap();
    let port = doc["listening"]
        .as_str()
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap();
    (child, format!("127.0.0.1:{port}"))
}

#[test]
fn serve_follows_the_master_through_a_failover() {
    let set = SentinelSet::start();
    let (mut child, addr) = serve(&set);
    let body = serde_json::json!({"type": "work", "options": {"queue": QUEUE}}).to_string();
    let add = || http(&addr, "POST", "/api/queue/jobs", Some(TOKEN), Some(&body)).0;
    assert_eq!(add(), 201);
    let new = set.failover();
    set.wait_demoted(new);
    // The old master refuses the first write after the switch (READONLY: it
    // was not made, and is not made again); serve then moves to the new one.
    let statuses: Vec<u16> = (0..2).map(|_| add()).collect();
    let (status, stats) = http(&addr, "GET", "/api/queue/stats", None, None);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 200, "{stats}");
    assert_eq!(statuses.last(), Some(&201), "{statuses:?}");
    let added = statuses.iter().filter(|s| **s == 201).count() as i64;
    let wait = set.master().int(&["LLEN", &format!("bull:{QUEUE}:wait")]);
    assert_eq!(set.master().port, new);
    assert_eq!(wait, 1 + added, "{statuses:?}");
}

#[test]
fn events_follow_keeps_reporting_through_a_failover() {
    let set = SentinelSet::start();
    set.queuectl()
        .args(["enqueue", "work", "--queue", QUEUE, "--job-id", "before"])
        .run()
        .ok();
    let out = tempfile::NamedTempFile::new().unwrap();
    let mut child = crate::support::queuectl_command()
        .env("REDIS_SENTINELS", set.addrs())
        .env("REDIS_SENTINEL_MASTER", MASTER)
        .args(["events", QUEUE, "--follow", "--json"])
        .stdout(out.reopen().unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn queuectl events --follow");
    let new = set.failover();
    set.wait_demoted(new);
    set.queuectl()
        .args(["enqueue", "work", "--queue", QUEUE, "--job-id", "after"])
        .run()
        .ok();
    let start = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(out.path()).unwrap();
        if text.contains(r#""jobId":"after""#) || start.elapsed() > Duration::from_secs(15) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(text.contains(r#""jobId":"after""#), "{text}");
}

/// A stand-in sentinel (`support/fake_sentinel.py`) that names `ports` in
/// turn, one per query, the last for good; killed when dropped.
struct FakeSentinel {
    child: std::process::Child,
    addr: String,
    _answers: tempfile::NamedTempFile,
}

impl FakeSentinel {
    fn naming(ports: &[u16]) -> Self {
        use std::io::BufRead;
        let answers = tempfile::NamedTempFile::new().unwrap();
        let text: String = ports.iter().map(|p| format!("{p}\n")).collect();
        std::fs::write(answers.path(), text).unwrap();
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/it/support/fake_sentinel.py"
        );
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .arg(answers.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 is needed for the stand-in sentinel");
        let mut port = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut port)
            .unwrap();
        Self {
            child,
            addr: format!("127.0.0.1:{}", port.trim()),
            _answers: answers,
        }
    }
}

impl Drop for FakeSentinel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_named_replica_is_refused_after_asking_once_more() {
    let set = SentinelSet::start();
    let (master, replica) = (set.master().port, set.replica().port);
    let run = |fake: &FakeSentinel| {
        Cmd::new()
            .args(["--sentinels", &fake.addr, "--sentinel-master", MASTER])
            .args(["enqueue", "work", "--queue", QUEUE])
            .run()
    };
    // Named a replica, then the master (a failover settling): the second answer is used.
    run(&FakeSentinel::naming(&[replica, master])).ok();
    assert_eq!(
        set.master().int(&["LLEN", &format!("bull:{QUEUE}:wait")]),
        1
    );
    // Named a replica both times: exit 3, nothing written.
    let out = run(&FakeSentinel::naming(&[replica])).fails_with(3);
    assert!(
        out.stderr.contains(&format!(
            "Redis at 127.0.0.1:{replica}, named master '{MASTER}' by the sentinels, is a slave"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        set.master().int(&["LLEN", &format!("bull:{QUEUE}:wait")]),
        1
    );
}

#[test]
fn sentinels_over_tls_are_asked_with_sentinel_tls() {
    let (server, ca) = crate::support::RedisServer::tls();
    let certs = ca.parent().unwrap();
    let sentinel = crate::support::sentinel::Sentinel::start_tls(server.port, certs);
    let addr = format!("127.0.0.1:{}", sentinel.port);
    let ca = ca.to_string_lossy().into_owned();
    let run = |extra: &[&str], args: &[&str]| {
        Cmd::new()
            .args(["--sentinels", &addr, "--sentinel-master", MASTER])
            .args(["--tls-ca", &ca])
            .args(extra)
            .args(args)
            .run()
    };
    // Plain text to a TLS sentinel: no answer, named as the sentinels.
    let plain = run(&[], &["stats"]).fails_with(3);
    assert!(
        plain
            .stderr
            .contains(&format!("cannot connect to Redis at sentinels {addr}")),
        "{}",
        plain.stderr
    );
    run(&["--sentinel-tls"], &["enqueue", "work", "--queue", QUEUE]).ok();
    let stats = run(&["--sentinel-tls"], &["stats", QUEUE, "--json"])
        .ok()
        .json();
    assert_eq!(stats["queues"][0]["counts"]["waiting"], 1, "{stats}");
}
