//! `queuectl metrics` and `serve`'s `GET /metrics` against Node BullMQ's
//! `getMetrics()` and `exportPrometheusMetrics()` on the same queues.

use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

use crate::serve::Serve;
use crate::support::{node, RedisServer};
use crate::worker::{enqueue, WorkerProc};

/// A queue after a queuectl worker ran 5 jobs to completion and failed 1,
/// with 2 more waiting and 1 delayed.
fn worked_queue(server: &RedisServer, queue: &str) {
    let lines: Vec<Value> = (0..5)
        .map(|i| json!({"name": "echo", "data": {"i": i}, "opts": {"attempts": 1}}))
        .chain([json!({"name": "no-handler", "opts": {"attempts": 1}})])
        .collect();
    enqueue(server, queue, &lines);
    let mut w = WorkerProc::start(server, &["--queue", queue, "--burst"]);
    assert_eq!(w.wait_exit(Duration::from_secs(20)), 0);
    enqueue(
        server,
        queue,
        &[
            json!({"name": "echo"}),
            json!({"name": "echo"}),
            json!({"name": "echo", "opts": {"delay": 3_600_000}}),
        ],
    );
}

/// Parses Prometheus text with the Prometheus project's Python client and
/// returns `name{labels} value` per sample, sorted.
fn parsed_samples(text: &str) -> Vec<String> {
    let python = "/usr/bin/python3";
    let script = r#"
import sys
from prometheus_client.parser import text_string_to_metric_families
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
        print(f"{family.type} {s.name}{{{labels}}} {s.value:g}")
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{python}: {e}; install python3-prometheus-client: ./install.sh --dev")
        });
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the Prometheus parser refused the text ({stderr}); install python3-prometheus-client: ./install.sh --dev\n{text}"
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn prometheus_text_is_nodes_line_for_line_and_parses() {
    let server = RedisServer::start();
    worked_queue(&server, "pm-q");
    let ours = server
        .queuectl()
        .args(["metrics", "pm-q", "--format", "prometheus"])
        .args(["--label", "env=prod", "--label", "region=eu \"1\""])
        .run()
        .ok()
        .stdout;
    let theirs = node(
        &server,
        "prometheus.js",
        &["pm-q", "env=prod", "region=eu \"1\""],
    );
    assert_eq!(theirs.code, 0, "{}", theirs.stderr);
    let (node_part, _) = ours
        .split_once("\n# HELP queuectl_")
        .expect("queuectl's gauges after Node's text");
    assert_eq!(node_part, theirs.stdout, "line for line as Node");
    let (samples, ours_only): (Vec<String>, Vec<String>) = parsed_samples(&ours)
        .into_iter()
        .partition(|s| !s.contains(" queuectl_"));
    // queuectl's gauges: the two waiting jobs' age (just added), no worker
    // left, and Redis memory (no maxmemory set).
    let named: Vec<String> = ours_only
        .iter()
        .map(|s| s.rsplit_once(' ').unwrap().0.to_string())
        .collect();
    let labels = "env=prod,queue=pm-q,region=eu \"1\"";
    assert_eq!(
        named,
        [
            format!("gauge queuectl_oldest_waiting_age_seconds{{{labels}}}"),
            "gauge queuectl_redis_memory_max_bytes{env=prod,region=eu \"1\"}".to_string(),
            "gauge queuectl_redis_memory_used_bytes{env=prod,region=eu \"1\"}".to_string(),
            format!("gauge queuectl_workers{{{labels}}}"),
        ]
    );
    let value = |i: usize| -> f64 { ours_only[i].rsplit_once(' ').unwrap().1.parse().unwrap() };
    assert!((0.0..30.0).contains(&value(0)), "{ours_only:?}");
    assert_eq!((value(1), value(3)), (0.0, 0.0), "{ours_only:?}");
    assert!(value(2) > 100_000.0, "{ours_only:?}");
    let with = |state: &str, n: u32| {
        format!("gauge bullmq_job_count{{env=prod,queue=pm-q,region=eu \"1\",state={state}}} {n}")
    };
    let mut expected = vec![
        with("active", 0),
        with("completed", 5),
        with("delayed", 1),
        with("failed", 1),
        with("prioritized", 0),
        with("waiting", 2),
        with("waiting-children", 0),
        "counter bullmq_job_completed_total{env=prod,queue=pm-q,region=eu \"1\"} 5".to_string(),
        "counter bullmq_job_failed_total{env=prod,queue=pm-q,region=eu \"1\"} 1".to_string(),
    ];
    expected.sort();
    assert_eq!(samples, expected);

    // serve answers GET /metrics with every queue's text, and no labels.
    worked_queue(&server, "pm-2");
    let serve = Serve::start(&server, &[]);
    let (status, body) = serve.get("/metrics");
    assert_eq!(status, 200);
    let body = body.as_str().expect("text");
    // Node's two texts, with each metric's HELP and TYPE lines once and every
    // queue's samples under them (concatenated, they would repeat).
    let texts = [
        node(&server, "prometheus.js", &["pm-2"]).stdout,
        node(&server, "prometheus.js", &["pm-q"]).stdout,
    ];
    let mut expected: Vec<&str> = Vec::new();
    for family in [
        "bullmq_job_count",
        "bullmq_job_completed_total",
        "bullmq_job_failed_total",
    ] {
        let (help, sample) = (format!("# HELP {family} "), format!("{family}{{"));
        let type_line = format!("# TYPE {family} ");
        expected.extend(
            texts[0]
                .lines()
                .filter(|l| l.starts_with(&help) || l.starts_with(&type_line)),
        );
        for text in &texts {
            expected.extend(text.lines().filter(|l| l.starts_with(&sample)));
        }
    }
    let (node_part, _) = body
        .split_once("\n# HELP queuectl_")
        .expect("queuectl's gauges");
    assert_eq!(node_part, expected.join("\n"));
    assert!(body.ends_with('\n'));
    assert_eq!(body.matches("# TYPE bullmq_").count(), 3, "{body}");
    assert_eq!(body.matches("# TYPE queuectl_").count(), 4, "{body}");
    // 18 of Node's samples, then age and workers per queue and two of memory.
    assert_eq!(parsed_samples(body).len(), 18 + 2 + 2 + 2);
}

#[test]
fn metrics_json_is_node_get_metrics_and_bad_flags_are_usage_errors() {
    let server = RedisServer::start();
    worked_queue(&server, "mj-q");
    let doc = server
        .queuectl()
        .args(["metrics", "mj-q", "--json"])
        .run()
        .ok()
        .json();
    let q = &doc["queues"][0];
    let node_side = node(&server, "metrics.js", &["mj-q"]);
    let node_doc: Value = serde_json::from_str(node_side.stdout.trim()).unwrap();
    assert_eq!(
        q["completed"]["meta"]["count"],
        node_doc["completed"]["count"]
    );
    assert_eq!(q["failed"]["meta"]["count"], node_doc["failed"]["count"]);
    assert_eq!(q["completed"]["count"], node_doc["completed"]["minutes"]);
    assert_eq!(
        (
            q["completed"]["meta"]["count"].as_u64(),
            q["failed"]["meta"]["count"].as_u64()
        ),
        (Some(5), Some(1))
    );

    let table = server
        .queuectl()
        .args(["metrics", "mj-q"])
        .run()
        .ok()
        .stdout;
    let row = table.lines().nth(1).unwrap_or_default();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[..3], ["mj-q", "5", "1"], "{table}");

    for (args, expect) in [
        (
            &["metrics", "--label", "1x=y", "--format", "prometheus"][..],
            "not a Prometheus label name",
        ),
        (
            &["metrics", "--label", "env=prod"][..],
            "--label only applies to --format prometheus",
        ),
        (
            &["metrics", "--format", "prometheus", "--json"][..],
            "leave out --json",
        ),
        (&["metrics", "--minutes", "0"][..], "--minutes"),
    ] {
        let run = server.queuectl().args(args).run().fails_with(2);
        assert!(run.stderr.contains(expect), "{args:?}: {}", run.stderr);
    }
}
