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

/// Extra labels on every sample (`--label k=v`), in the order given.
pub type Labels = [(String, String)];

/// The Prometheus text of Node's `exportPrometheusMetrics(labels)`: for one
/// queue byte for byte (its `, ` between labels included). For several, each
/// metric's HELP and TYPE lines come once with every queue's samples under
/// them, as the text format requires (Node's texts, concatenated, would
/// repeat them).
pub fn prometheus_text(queues: &[QueueMetrics], labels: &Labels) -> String {
    let extra: String = labels
        .iter()
        .map(|(k, v)| format!(", {k}=\"{}\"", escape_label(v)))
        .collect();
    let names: Vec<String> = queues.iter().map(|q| escape_label(&q.queue)).collect();
    let mut lines = vec![
        "# HELP bullmq_job_count Number of jobs in the queue by state".to_string(),
        "# TYPE bullmq_job_count gauge".to_string(),
    ];
    for (q, name) in queues.iter().zip(&names) {
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
        for (q, name) in queues.iter().zip(&names) {
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
    lines.join("\n")
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
        let text = prometheus_text(&[q], &[("env".into(), "prod\n\x1b".into())]);
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
        let text = prometheus_text(&[q("a"), q("b")], &[]);
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
    fn label_names_follow_prometheus() {
        assert!(valid_label_name("env") && valid_label_name("_x1"));
        assert!(!valid_label_name("1x") && !valid_label_name("a-b") && !valid_label_name(""));
        assert!(!valid_label_name("__name__"));
    }
}
