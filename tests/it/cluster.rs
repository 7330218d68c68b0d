//! Redis Cluster: a hash-tagged prefix keeps every key of a queue in one slot.

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
