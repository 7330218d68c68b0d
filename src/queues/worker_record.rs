//! The worker heartbeat record: written by `worker::heartbeat`, read by `health`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// Whether a worker is running a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkerStatus {
    /// At least one job runs.
    Active,
    /// No job runs.
    Idle,
}

impl WorkerStatus {
    /// The status as the record spells it.
    pub fn name(self) -> &'static str {
        match self {
            WorkerStatus::Active => "active",
            WorkerStatus::Idle => "idle",
        }
    }
}

/// What the heartbeat says about a worker. Fields other than `id`, `queues`
/// and `status` default when absent, so a reader accepts older records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkerRecord {
    pub id: String,
    #[serde(default)]
    pub host: String,
    #[serde(default)]
    pub pid: u32,
    pub queues: Vec<QueueRecord>,
    #[serde(default)]
    pub started_at: u64,
    #[serde(default)]
    pub updated_at: u64,
    pub status: WorkerStatus,
    #[serde(default)]
    pub current_jobs: BTreeSet<String>,
    #[serde(default)]
    pub processed: u64,
    #[serde(default)]
    pub failed: u64,
}

/// A served queue in the heartbeat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRecord {
    pub name: String,
    #[serde(default)]
    pub concurrency: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let r = WorkerRecord {
            id: "w1".into(),
            host: "h".into(),
            pid: 7,
            queues: vec![QueueRecord {
                name: "q".into(),
                concurrency: 2,
            }],
            started_at: 1,
            updated_at: 2,
            status: WorkerStatus::Active,
            current_jobs: ["9".to_string()].into(),
            processed: 3,
            failed: 1,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""status":"active""#), "{json}");
        assert!(json.contains(r#""currentJobs":["9"]"#), "{json}");
        assert_eq!(serde_json::from_str::<WorkerRecord>(&json).unwrap(), r);
        let minimal = r#"{"id":"w","queues":[{"name":"q"}],"status":"idle"}"#;
        let m: WorkerRecord = serde_json::from_str(minimal).unwrap();
        assert_eq!((m.status, m.processed), (WorkerStatus::Idle, 0));
    }
}
