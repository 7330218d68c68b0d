//! BullMQ's per-minute metrics of completed and failed jobs, read as Node's
//! `Queue.getMetrics()` reads them, and the Prometheus text of Node's
//! `Queue.exportPrometheusMetrics()`. Read commands only.

use serde::Serialize;

use super::stats::{read_counts, Counts};
use super::JobState;
use crate::connection::Redis;

/// The two kinds of metrics BullMQ's finishing script records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Completed,
    Failed,
}

impl Outcome {
    /// The key suffix and the name `getMetrics` takes.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::Failed => "failed",
        }
    }
}

/// What `getMetrics(type)` returns: the running totals and the per-minute
/// counts, newest minute first (`count` is how many minutes are kept).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Series {
    pub meta: SeriesMeta,
    pub data: Vec<u64>,
    pub count: u64,
}

/// The metrics hash: the total, and the minute and total the last point was cut at.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SeriesMeta {
    pub count: u64,
    #[serde(rename = "prevTS")]
    pub prev_ts: u64,
    pub prev_count: u64,
}

/// One queue's counts and metrics.
#[derive(Debug, Clone, Serialize)]
pub struct QueueMetrics {
    pub queue: String,
    pub counts: Counts,
    pub completed: Series,
    pub failed: Series,
}

/// Reads the metrics of each queue, with at most `minutes` data points each.
pub async fn read(
    redis: &Redis,
    queues: &[String],
    minutes: usize,
) -> Result<Vec<QueueMetrics>, bullmq::Error> {
    let mut out = Vec::with_capacity(queues.len());
    for queue in queues {
        let keys = super::keys::queue(redis.prefix(), queue);
        let (counts, _) = read_counts(redis, &keys).await?;
        out.push(QueueMetrics {
            queue: queue.clone(),
            counts,
            completed: series(redis, &keys, Outcome::Completed, minutes).await?,
            failed: series(redis, &keys, Outcome::Failed, minutes).await?,
        });
    }
    Ok(out)
}

async fn series(
    redis: &Redis,
    keys: &bullmq::QueueKeys,
    outcome: Outcome,
    minutes: usize,
) -> Result<Series, bullmq::Error> {
    let key = keys.get(&format!("metrics:{}", outcome.name()));
    let hash = redis.hgetall(&key).await?;
    let number = |field: &str| hash.get(field).and_then(|v| v.parse().ok()).unwrap_or(0);
    let data_key = format!("{key}:data");
    let data = match minutes {
        0 => Vec::new(),
        n => redis.lrange(&data_key, 0, n as i64 - 1).await?,
    };
    Ok(Series {
        meta: SeriesMeta {
            count: number("count"),
            prev_ts: number("prevTS"),
            prev_count: number("prevCount"),
        },
        data: data.iter().map(|p| p.parse().unwrap_or(0)).collect(),
        count: redis.llen(&data_key).await?,
    })
}

/// What queuectl adds to Node's text, per queue: the oldest ready job's age
/// and BullMQ's worker count (`None` where the server refuses CLIENT LIST).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueGauges {
    pub oldest_waiting_age_ms: Option<u64>,
    pub workers: Option<usize>,
}

/// Redis memory as INFO reports it; `None` where INFO is refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Memory {
    pub used: u64,
    /// 0 when no maxmemory is set, as INFO says.
    pub max: u64,
}

/// queuectl's own gauges: one [`QueueGauges`] per queue, in order, and Redis memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gauges {
    pub queues: Vec<QueueGauges>,
    pub memory: Option<Memory>,
}

/// Reads queuectl's gauges for `queues` (read commands only).
pub async fn read_gauges(
    redis: &Redis,
    queues: &[String],
    now_ms: u64,
) -> Result<Gauges, bullmq::Error> {
    let clients = redis.client_lists().await?;
    let mut out = Vec::with_capacity(queues.len());
    for queue in queues {
        let stats = super::stats::queue_stats(redis, queue, now_ms).await?;
        let keys = super::keys::queue(redis.prefix(), queue);
        out.push(QueueGauges {
            oldest_waiting_age_ms: stats.oldest_waiting_age_ms,
            workers: clients
                .as_deref()
                .map(|lists| super::health::bullmq_workers(&keys, lists)),
        });
    }
    let memory = redis.info("memory").await?.map(|info| {
        let num = |k: &str| info.get(k).and_then(|v| v.parse().ok()).unwrap_or(0);
        Memory {
            used: num("used_memory"),
            max: num("maxmemory"),
        }
    });
    Ok(Gauges {
        queues: out,
        memory,
    })
}

/// Extra labels on every sample (`--label k=v`), in the order given.
pub type Labels = [(String, String)];

/// The Prometheus text of Node's `exportPrometheusMetrics(labels)`: for one
/// queue byte for byte (its `, ` between labels included). For several, each
/// metric's HELP and TYPE lines come once with every queue's samples under
/// them, as the text format requires (Node's texts, concatenated, would
/// repeat them).
///
/// With `gauges`, queuectl's own metrics follow Node's, under `queuectl_`
/// names in base units: each queue's oldest ready job age and BullMQ worker
/// count, and Redis memory (samples the server would not tell are left out).
pub fn prometheus_text(
    queues: &[QueueMetrics],
    gauges: Option<&Gauges>,
    labels: &Labels,
) -> String {
    let extra: String = labels
        .iter()
        .map(|(k, v)| format!(", {k}=\"{}\"", escape_label(v)))
        .collect();
    let names: Vec<String> = queues.iter().map(|q| escape_label(&q.queue)).collect();
    let mut lines = node_lines(queues, &names, &extra);
    if let Some(gauges) = gauges {
        lines.extend(queuectl_lines(gauges, &names, &extra));
    }
    lines.join("\n")
}

/// Node's `exportPrometheusMetrics()` lines for these queues.
fn node_lines(queues: &[QueueMetrics], names: &[String], extra: &str) -> Vec<String> {
    let mut lines = vec![
        "# HELP bullmq_job_count Number of jobs in the queue by state".to_string(),
        "# TYPE bullmq_job_count gauge".to_string(),
    ];
    for (q, name) in queues.iter().zip(names) {
        for state in NODE_COUNT_ORDER {
            lines.push(format!(
                "bullmq_job_count{{queue=\"{name}\", state=\"{state}\"{extra}}} {}",
                q.counts.get(state)
            ));
        }
    }
    for outcome in [Outcome::Completed, Outcome::Failed] {
        let outcome_name = outcome.name();
        lines.push(format!(
            "# HELP bullmq_job_{outcome_name}_total Total number of {outcome_name} jobs"
        ));
        lines.push(format!("# TYPE bullmq_job_{outcome_name}_total counter"));
        for (q, name) in queues.iter().zip(names) {
            let series = match outcome {
                Outcome::Completed => &q.completed,
                Outcome::Failed => &q.failed,
            };
            lines.push(format!(
                "bullmq_job_{outcome_name}_total{{queue=\"{name}\"{extra}}} {}",
                series.meta.count
            ));
        }
    }
    lines
}

/// queuectl's gauges, each with its HELP and TYPE lines once.
fn queuectl_lines(gauges: &Gauges, names: &[String], extra: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut gauge = |name: &str, help: &str, samples: Vec<String>| {
        if samples.is_empty() {
            return;
        }
        lines.push(format!("# HELP {name} {help}"));
        lines.push(format!("# TYPE {name} gauge"));
        lines.extend(samples.into_iter().map(|s| format!("{name}{s}")));
    };
    let per_queue = |value: &dyn Fn(&QueueGauges) -> Option<String>| -> Vec<String> {
        names
            .iter()
            .zip(&gauges.queues)
            .filter_map(|(name, g)| Some(format!("{{queue=\"{name}\"{extra}}} {}", value(g)?)))
            .collect()
    };
    gauge(
        "queuectl_oldest_waiting_age_seconds",
        "Age of the oldest job ready to run (wait list or prioritized), 0 when none",
        per_queue(&|g| {
            let ms = g.oldest_waiting_age_ms.unwrap_or(0);
            Some(format!("{}", ms as f64 / 1000.0))
        }),
    );
    gauge(
        "queuectl_workers",
        "Workers BullMQ lists for the queue (CLIENT LIST), as Node's getWorkersCount()",
        per_queue(&|g| g.workers.map(|n| n.to_string())),
    );
    // Redis-wide: only the global labels, and `{}` would not parse with `, ` first.
    let global = extra.strip_prefix(", ").map(|l| format!("{{{l}}}"));
    let global = global.unwrap_or_default();
    if let Some(memory) = gauges.memory {
        gauge(
            "queuectl_redis_memory_used_bytes",
            "Memory Redis uses (INFO used_memory)",
            vec![format!("{global} {}", memory.used)],
        );
        gauge(
            "queuectl_redis_memory_max_bytes",
            "Redis maxmemory, 0 when unlimited (INFO maxmemory)",
            vec![format!("{global} {}", memory.max)],
        );
    }
    lines
}

/// The order of Node's `getJobCounts()` with no arguments.
const NODE_COUNT_ORDER: [JobState; 7] = [
    JobState::Active,
    JobState::Completed,
    JobState::Delayed,
    JobState::Failed,
    JobState::Prioritized,
    JobState::Waiting,
    JobState::WaitingChildren,
];

/// A label value escaped as the text format (and Node) escapes it. Other
/// control characters, which Node writes as they are, become U+FFFD: the
/// text stays valid and prints nothing a terminal would act on.
fn escape_label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Checks a label name given on the command line: Prometheus's
/// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with the reserved `__`.
pub fn valid_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with("__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_nodes_line_for_line() {
        let q = QueueMetrics {
            queue: "a\"b".into(),
            counts: Counts {
                waiting: 2,
                completed: 5,
                ..Counts::default()
            },
            completed: Series {
                meta: SeriesMeta {
                    count: 5,
                    ..SeriesMeta::default()
                },
                ..Series::default()
            },
            failed: Series::default(),
        };
        let text = prometheus_text(&[q], None, &[("env".into(), "prod\n\x1b".into())]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 15);
        assert_eq!(
            lines[2],
            "bullmq_job_count{queue=\"a\\\"b\", state=\"active\", env=\"prod\\n\u{FFFD}\"} 0"
        );
        assert_eq!(
            lines[7],
            "bullmq_job_count{queue=\"a\\\"b\", state=\"waiting\", env=\"prod\\n\u{FFFD}\"} 2"
        );
        assert_eq!(
            lines[11],
            "bullmq_job_completed_total{queue=\"a\\\"b\", env=\"prod\\n\u{FFFD}\"} 5"
        );
        assert!(!text.ends_with('\n'), "as Node's join('\\n')");
    }

    #[test]
    fn several_queues_share_each_metrics_help_and_type() {
        let q = |name: &str| QueueMetrics {
            queue: name.into(),
            counts: Counts::default(),
            completed: Series::default(),
            failed: Series::default(),
        };
        let text = prometheus_text(&[q("a"), q("b")], None, &[]);
        for kind in [
            "bullmq_job_count gauge",
            "bullmq_job_completed_total counter",
        ] {
            assert_eq!(text.matches(&format!("# TYPE {kind}")).count(), 1, "{text}");
        }
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + 14 + 2 * (2 + 2));
        assert_eq!(lines[9], r#"bullmq_job_count{queue="b", state="active"} 0"#);
    }

    #[test]
    fn queuectl_gauges_follow_nodes_text_and_leave_out_what_redis_refused() {
        let q = |name: &str| QueueMetrics {
            queue: name.into(),
            counts: Counts::default(),
            completed: Series::default(),
            failed: Series::default(),
        };
        let node = prometheus_text(&[q("a"), q("b")], None, &[]);
        let gauges = Gauges {
            queues: vec![
                QueueGauges {
                    oldest_waiting_age_ms: Some(1500),
                    workers: Some(2),
                },
                QueueGauges::default(),
            ],
            memory: Some(Memory { used: 1024, max: 0 }),
        };
        let labels = [("env".to_string(), "prod".to_string())];
        let text = prometheus_text(&[q("a"), q("b")], Some(&gauges), &labels);
        let ours: Vec<&str> = text.lines().filter(|l| l.contains("queuectl_")).collect();
        assert_eq!(
            ours,
            [
                "# HELP queuectl_oldest_waiting_age_seconds Age of the oldest job ready to run (wait list or prioritized), 0 when none",
                "# TYPE queuectl_oldest_waiting_age_seconds gauge",
                r#"queuectl_oldest_waiting_age_seconds{queue="a", env="prod"} 1.5"#,
                r#"queuectl_oldest_waiting_age_seconds{queue="b", env="prod"} 0"#,
                "# HELP queuectl_workers Workers BullMQ lists for the queue (CLIENT LIST), as Node's getWorkersCount()",
                "# TYPE queuectl_workers gauge",
                r#"queuectl_workers{queue="a", env="prod"} 2"#,
                "# HELP queuectl_redis_memory_used_bytes Memory Redis uses (INFO used_memory)",
                "# TYPE queuectl_redis_memory_used_bytes gauge",
                r#"queuectl_redis_memory_used_bytes{env="prod"} 1024"#,
                "# HELP queuectl_redis_memory_max_bytes Redis maxmemory, 0 when unlimited (INFO maxmemory)",
                "# TYPE queuectl_redis_memory_max_bytes gauge",
                r#"queuectl_redis_memory_max_bytes{env="prod"} 0"#,
            ]
        );
        let bare = prometheus_text(&[q("a"), q("b")], Some(&gauges), &[]);
        assert!(
            bare.starts_with(&node),
            "Node's text comes first, unchanged"
        );
        assert!(
            bare.ends_with("\nqueuectl_redis_memory_max_bytes 0"),
            "{bare}"
        );
    }

    #[test]
    fn label_names_follow_prometheus() {
        assert!(valid_label_name("env") && valid_label_name("_x1"));
        assert!(!valid_label_name("1x") && !valid_label_name("a-b") && !valid_label_name(""));
        assert!(!valid_label_name("__name__"));
    }
}
