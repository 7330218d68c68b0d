//! Redis Cluster: a hash tag in the prefix (`{bull}`) or in each queue name
//! (`{scrape}`) keeps every key of a queue in one slot. A one-node cluster for
//! the basics; a real three-master, three-replica cluster for queues spread
//! over masters, Node BullMQ on ioredis Cluster, failover and slot migration.

use serde_json::json;

use crate::support::cluster::ClusterSet;
use crate::support::{Cmd, RedisServer};

fn on_cluster(server: &RedisServer) -> Cmd {
    let mut cmd = Cmd::new();
    cmd.env("REDIS_CLUSTER_NODES", &format!("127.0.0.1:{}", server.port))
        .env("QUEUE_PREFIX", "{bull}");
    cmd
}

#[test]
fn enqueue_stats_and_inspection_work_on_a_cluster() {
    let server = RedisServer::cluster();
    let id = on_cluster(&server)
        .args([
            "enqueue",
            "refresh",
            "--job-id",
            "page-1",
            "--priority",
            "high",
        ])
        .run()
        .ok();
    assert_eq!(id.stdout.trim(), "page-1");
    on_cluster(&server)
        .args(["enqueue", "--file", "-"])
        .stdin("{\"name\":\"analytics\"}\n{\"name\":\"analytics\",\"opts\":{\"delay\":60000}}\n")
        .run()
        .ok();
    assert_eq!(server.int(&["ZCARD", "{bull}:scrape-queue:prioritized"]), 1);
    assert_eq!(server.int(&["LLEN", "{bull}:process-queue:wait"]), 1);

    let stats = on_cluster(&server)
        .args(["stats", "--json"])
        .run()
        .ok()
        .json();
    let names: Vec<&str> = stats["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["process-queue", "scrape-queue"]);
    assert_eq!(stats["queues"][0]["counts"]["delayed"], 1);
    let job = on_cluster(&server)
        .args(["job", "scrape-queue", "page-1", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(job["state"], "prioritized");
    let jobs = on_cluster(&server)
        .args(["jobs", "process-queue", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(jobs["jobs"].as_array().unwrap().len(), 2);
}

#[test]
fn a_prefix_without_hash_tag_is_refused_with_the_reason() {
    let server = RedisServer::cluster();
    let run = Cmd::new()
        .env("REDIS_CLUSTER_NODES", &format!("127.0.0.1:{}", server.port))
        .args(["enqueue", "analytics"])
        .run()
        .fails_with(2);
    assert!(
        run.stderr.contains("hash tag") && run.stderr.contains("{bull}"),
        "{}",
        run.stderr
    );
    assert_eq!(server.snapshot(), "");
}

/// Queue names BullMQ users spread over a cluster: their hash tags put
/// `{scrape}` and `{process}` on different masters.
const SCRAPE: &str = "{scrape}";
const PROCESS: &str = "{process}";

/// One job line per id for `enqueue --file -`, named `work`, on `queue`.
fn job_lines(queue: &str, ids: impl IntoIterator<Item = String>) -> String {
    ids.into_iter()
        .map(|id| {
            format!(
                "{}\n",
                json!({"name": "work", "opts": {"queue": queue, "jobId": id}})
            )
        })
        .collect()
}

#[test]
fn tagged_queue_names_with_the_default_prefix_work_across_masters_and_with_node() {
    let cs = ClusterSet::start();
    let (scrape_master, process_master) = (
        cs.master_of("bull:{scrape}:wait"),
        cs.master_of("bull:{process}:wait"),
    );
    assert_ne!(scrape_master, process_master, "the test needs two masters");

    let id = cs
        .queuectl()
        .args([
            "enqueue", "refresh", "--queue", SCRAPE, "--job-id", "page-1",
        ])
        .args(["--priority", "high"])
        .run()
        .ok();
    assert_eq!(id.stdout.trim(), "page-1");
    cs.queuectl()
        .args(["enqueue", "--file", "-"])
        .stdin(job_lines(PROCESS, (1..=3).map(|i| format!("q{i}"))))
        .run()
        .ok();
    let node_ids = cs.node("cluster.js", &["add", SCRAPE, "2"]).ok().json();
    assert_eq!(node_ids.as_array().unwrap().len(), 2);
    cs.node("cluster.js", &["add", PROCESS, "1"]).ok();
    assert_eq!(cs.int(&["ZCARD", "bull:{scrape}:prioritized"]), 1);
    assert_eq!(cs.int(&["LLEN", "bull:{scrape}:wait"]), 2);
    assert_eq!(cs.int(&["LLEN", "bull:{process}:wait"]), 4);

    // Discovery finds both queues, each on its own master.
    let stats = cs.queuectl().args(["stats", "--json"]).run().ok().json();
    let names: Vec<&str> = stats["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [PROCESS, SCRAPE]);
    assert_eq!(stats["queues"][0]["counts"]["waiting"], 4);
    assert_eq!(stats["queues"][1]["counts"]["waiting"], 2);
    assert_eq!(stats["queues"][1]["counts"]["prioritized"], 1);
    let job = cs
        .queuectl()
        .args(["job", SCRAPE, "page-1", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(job["state"], "prioritized");
    let jobs = cs
        .queuectl()
        .args(["jobs", PROCESS, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(jobs["jobs"].as_array().unwrap().len(), 4);
    let health = cs.queuectl().args(["health", "--json"]).run().json();
    let checked: Vec<&str> = health["queues"]
        .as_array()
        .unwrap_or_else(|| panic!("{health}"))
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(checked, [PROCESS, SCRAPE], "{health}");
    // Event streams on two masters: one XREAD per slot.
    let events = cs
        .queuectl()
        .args(["events", SCRAPE, PROCESS, "--from-start", "--json"])
        .run()
        .ok();
    let added = |queue: &str| {
        events
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|e| e["queue"] == queue && e["event"] == "added")
            .count()
    };
    assert_eq!((added(SCRAPE), added(PROCESS)), (3, 4), "{}", events.stdout);

    // Node processes queuectl's jobs; queuectl's worker processes Node's.
    let seen = cs
        .node("cluster.js", &["process", PROCESS, "3"])
        .ok()
        .json();
    let seen: Vec<&str> = seen
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap())
        .collect();
    assert_eq!(seen, ["q1", "q2", "q3"]);
    cs.queuectl()
        .args(["worker", "--queue", SCRAPE, "--queue", PROCESS, "--burst"])
        .args([
            "--exec",
            "*=cat >/dev/null",
            "--exec",
            "refresh=cat >/dev/null",
        ])
        .run()
        .ok();
    let counts = cs
        .node("cluster.js", &["counts", SCRAPE, PROCESS])
        .ok()
        .json();
    assert_eq!(counts[SCRAPE]["completed"], 3, "{counts}");
    assert_eq!(counts[PROCESS]["completed"], 4, "{counts}");
    for queue in [SCRAPE, PROCESS] {
        for state in ["waiting", "active", "prioritized", "failed", "delayed"] {
            assert_eq!(counts[queue][state], 0, "{queue} {state}: {counts}");
        }
    }
    let stats = cs.queuectl().args(["stats", "--json"]).run().ok().json();
    assert_eq!(stats["queues"][0]["counts"]["completed"], 4);
    assert_eq!(stats["queues"][1]["counts"]["completed"], 3);
    assert_eq!(cs.int(&["ZCARD", "bull:{scrape}:completed"]), 3);
    follow_sees_adds_on_both_masters(&cs);
}

#[test]
fn only_a_queue_with_no_tag_in_prefix_or_name_is_refused() {
    let cs = ClusterSet::start();
    for args in [
        &["enqueue", "analytics"][..],
        &["enqueue", "analytics", "--queue", "plain"],
        &["stats", "plain"],
        &["jobs", "plain"],
        &["worker", "--queue", "plain", "--burst"],
        &["crawl", "https://example.com/", "--enqueue"],
    ] {
        let run = cs.queuectl().args(args).run().fails_with(2);
        assert!(
            run.stderr.contains("no hash tag")
                && run.stderr.contains("'{bull}'")
                && run.stderr.contains("'{plain}'") | run.stderr.contains("-queue}'"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = cs
        .queuectl()
        .args(["enqueue", "--file", "-"])
        .stdin(format!(
            "{}{}",
            job_lines(SCRAPE, ["a".into()]),
            job_lines("plain", ["b".into()])
        ))
        .run()
        .fails_with(2);
    assert!(
        run.stderr.contains("line 2") && run.stderr.contains("no hash tag"),
        "{}",
        run.stderr
    );
    assert_eq!(cs.cli(&["DBSIZE"]), "0");
    for node in cs.masters() {
        assert_eq!(
            cs.server(node).raw(&["DBSIZE"]),
            "0",
            "nothing written on {node}"
        );
    }
    // A tag in the prefix makes any name usable.
    cs.queuectl()
        .env("QUEUE_PREFIX", "{bull}")
        .args(["enqueue", "analytics", "--queue", "plain"])
        .run()
        .ok();
    assert_eq!(cs.int(&["LLEN", "{bull}:plain:wait"]), 1);
    // Routing has no per-family rename: QUEUE_NAME (or --queue) names the tagged queue.
    cs.queuectl()
        .env("QUEUE_NAME", "{process-queue}")
        .args(["enqueue", "analytics"])
        .run()
        .ok();
    assert_eq!(cs.int(&["LLEN", "bull:{process-queue}:wait"]), 1);
}

/// Jobs the failover and migration tests run: enough that the topology
/// changes while the worker is busy.
const RUN_JOBS: usize = 100;

/// A `queuectl worker` on `{scrape}` whose every run of a job appends the
/// job's id to a file, so a job run twice shows as a repeated line.
struct Recording {
    child: std::process::Child,
    runs: tempfile::NamedTempFile,
    log: tempfile::NamedTempFile,
}

impl Recording {
    fn start(cs: &ClusterSet) -> Self {
        let runs = tempfile::NamedTempFile::new().unwrap();
        let log = tempfile::NamedTempFile::new().unwrap();
        let handler = format!(
            "work=cat >/dev/null; sleep 0.1; echo \"$QUEUECTL_JOB_ID\" >> {}",
            runs.path().display()
        );
        let child = crate::support::queuectl_command()
            .env("REDIS_CLUSTER_NODES", cs.seeds())
            .args(["worker", "--json", "--queue", SCRAPE, "--exec", &handler])
            .args(["--concurrency", "{scrape}=2"])
            .stdout(std::process::Stdio::null())
            .stderr(log.reopen().unwrap())
            .spawn()
            .expect("spawn queuectl worker");
        Self { child, runs, log }
    }

    fn runs(&self) -> Vec<String> {
        std::fs::read_to_string(self.runs.path())
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Waits until `n` runs were recorded.
    fn wait_runs(&mut self, n: usize, limit: std::time::Duration) {
        let start = std::time::Instant::now();
        while self.runs().len() < n {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("the worker exited ({status}): {}", self.stderr());
            }
            assert!(
                start.elapsed() < limit,
                "{} of {n} runs after {limit:?}; worker stderr: {}",
                self.runs().len(),
                self.stderr()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Enqueues RUN_JOBS jobs `j1..` on `{scrape}`, runs a recording worker,
/// applies `change` to the cluster once a few jobs ran, and checks that
/// every job ran exactly once and completed, from Redis and from Node.
fn every_job_runs_once_through(change: impl FnOnce(&ClusterSet)) {
    let cs = ClusterSet::start();
    let ids: Vec<String> = (1..=RUN_JOBS).map(|i| format!("j{i}")).collect();
    cs.queuectl()
        .args(["enqueue", "--file", "-"])
        .stdin(job_lines(SCRAPE, ids.clone()))
        .run()
        .ok();
    let mut worker = Recording::start(&cs);
    worker.wait_runs(5, std::time::Duration::from_secs(20));
    change(&cs);
    let after = worker.runs().len();
    assert!(
        after < RUN_JOBS,
        "the change ended after the last job ({after} runs)"
    );
    worker.wait_runs(RUN_JOBS, std::time::Duration::from_secs(60));
    // Long enough for a lost or stalled job to be run a second time.
    std::thread::sleep(std::time::Duration::from_secs(2));
    // Its heartbeat (on whichever master its key hashes to) and its BullMQ
    // connection (CLIENT LIST of every master) are both found.
    let health = cs.queuectl().args(["health", "--json"]).run().json();
    assert_eq!(
        health["workers"].as_array().map(Vec::len),
        Some(1),
        "{health}"
    );
    assert_eq!(health["queues"][0]["workers"], 1, "{health}");
    let mut runs = worker.runs();
    runs.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(
        runs,
        expected,
        "each job once; worker stderr: {}",
        worker.stderr()
    );
    assert_eq!(
        cs.int(&["ZCARD", "bull:{scrape}:completed"]),
        RUN_JOBS as i64
    );
    for id in &ids {
        let key = format!("bull:{{scrape}}:{id}");
        assert_eq!(cs.cli(&["HGET", &key, "ats"]), "1", "{id} started once");
    }
    let counts = cs.node("cluster.js", &["counts", SCRAPE]).ok().json();
    assert_eq!(counts[SCRAPE]["completed"], RUN_JOBS, "{counts}");
    assert_eq!(counts[SCRAPE]["failed"], 0, "{counts}");
    assert_eq!(counts[SCRAPE]["active"], 0, "{counts}");
    let stats = cs
        .queuectl()
        .args(["stats", SCRAPE, "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(stats["queues"][0]["counts"]["completed"], RUN_JOBS);
}

#[test]
fn a_worker_runs_every_job_once_through_a_manual_failover() {
    every_job_runs_once_through(|cs| {
        let old = cs.master_of("bull:{scrape}:wait");
        let new = cs.failover(old);
        assert_eq!(cs.master_of("bull:{scrape}:wait"), new);
    });
}

#[test]
fn a_worker_runs_every_job_once_while_its_slot_migrates() {
    every_job_runs_once_through(|cs| {
        let slot = cs.slot("bull:{scrape}:wait");
        let from = cs.master_of_slot(slot);
        let to = *cs.masters().iter().find(|&&m| m != from).unwrap();
        cs.migrate_slot(slot, to, std::time::Duration::from_millis(30));
        assert_eq!(cs.master_of("bull:{scrape}:wait"), to);
    });
}

/// `events --follow` on `{scrape}` and `{process}` prints a job added to
/// either, whichever master its stream lives on.
fn follow_sees_adds_on_both_masters(cs: &ClusterSet) {
    use std::io::{BufRead, BufReader};
    let mut follower = crate::support::queuectl_command()
        .env("REDIS_CLUSTER_NODES", cs.seeds())
        .args(["events", SCRAPE, PROCESS, "--follow", "-n", "0", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn queuectl events");
    let (tx, rx) = std::sync::mpsc::channel();
    let out = follower.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    for (queue, id) in [(PROCESS, "f1"), (SCRAPE, "f2")] {
        // Each add comes after the follower is blocked reading.
        std::thread::sleep(std::time::Duration::from_millis(500));
        cs.queuectl()
            .args(["enqueue", "echo", "--queue", queue, "--job-id", id])
            .run()
            .ok();
        while !seen.iter().any(|e: &serde_json::Value| e["jobId"] == id) {
            let line = rx
                .recv_timeout(std::time::Duration::from_secs(10))
                .unwrap_or_else(|_| panic!("no event for {id} in {queue}; saw {seen:?}"));
            seen.push(serde_json::from_str(&line).unwrap());
        }
    }
    let _ = follower.kill();
    let _ = follower.wait();
}

/// Measures `enqueue --file` of 5,000 jobs with ids on the six-node cluster
/// (run with `--ignored --nocapture`; prints the time).
#[test]
#[ignore]
#[allow(clippy::print_stderr)] // a measurement, read by a person
fn measure_bulk_enqueue_on_the_cluster() {
    let cs = ClusterSet::start();
    let lines = format!(
        "{}{}",
        job_lines(SCRAPE, (1..=2500).map(|i| format!("s{i}"))),
        job_lines(PROCESS, (1..=2500).map(|i| format!("p{i}")))
    );
    let started = std::time::Instant::now();
    cs.queuectl()
        .args(["enqueue", "--file", "-"])
        .stdin(lines)
        .run()
        .ok();
    eprintln!(
        "enqueue --file, 5000 jobs with ids: {:?}",
        started.elapsed()
    );
    let started = std::time::Instant::now();
    let stats = cs.queuectl().args(["stats", "--json"]).run().ok().json();
    eprintln!("stats: {:?}", started.elapsed());
    assert_eq!(stats["queues"][0]["counts"]["waiting"], 2500);
    let started = std::time::Instant::now();
    let jobs = cs
        .queuectl()
        .args(["jobs", SCRAPE, "--json", "--limit", "1000"])
        .run()
        .ok()
        .json();
    eprintln!("jobs --limit 1000: {:?}", started.elapsed());
    assert_eq!(jobs["jobs"].as_array().unwrap().len(), 1000);
}
