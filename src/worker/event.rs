//! What happens to jobs, as the runtime reports it to the command.

use bullmq::Job;
use serde::Serialize;
use serde_json::Value;

use super::policy::RetryDelay;
use crate::queues::vocab::Progress;

/// Something that happened to a job, for the command to render.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum Event {
    Started {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
        name: String,
        #[serde(rename = "attemptsMade")]
        attempts_made: u32,
    },
    Progress {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
        progress: Progress,
    },
    Completed {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
        /// The job's return value, kept only when the command renders it (`--json`).
        #[serde(skip_serializing_if = "Option::is_none")]
        result: Option<Value>,
    },
    Failed {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
        error: String,
    },
    /// An attempt failed and BullMQ will run the job again.
    Retrying {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
        error: String,
        #[serde(rename = "attemptsMade")]
        attempts_made: u32,
        /// How long until the next attempt can start, when known.
        #[serde(rename = "delayMs")]
        delay_ms: Option<u64>,
    },
    Stalled {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
    },
    /// A job handed back after its handler ran here and its finish was lost
    /// with the connection: it is finished with that result, not run again.
    Recovered {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
    },
    Error {
        queue: String,
        message: String,
    },
}

impl Event {
    pub fn started(queue: &str, job: &Job) -> Self {
        Event::Started {
            queue: queue.to_string(),
            job_id: job.id().to_string(),
            name: job.name().to_string(),
            attempts_made: job.attempts_made(),
        }
    }

    pub fn progress(queue: &str, job_id: &str, progress: Progress) -> Self {
        Event::Progress {
            queue: queue.to_string(),
            job_id: job_id.to_string(),
            progress,
        }
    }

    /// A failed attempt: `Retrying` when BullMQ will retry it (`retry`), else `Failed`.
    pub fn failure(
        queue: &str,
        job: &Job,
        error: &bullmq::Error,
        retry: Option<&RetryDelay>,
    ) -> Self {
        let (queue, job_id, error) = (queue.to_string(), job.id().to_string(), error.to_string());
        match retry {
            None => Event::Failed {
                queue,
                job_id,
                error,
            },
            Some(retry) => Event::Retrying {
                queue,
                job_id,
                error,
                attempts_made: job.attempts_made() + 1,
                delay_ms: retry.total_ms,
            },
        }
    }

    /// Whether this event ends a job's attempt (for `--max-jobs` and totals).
    pub fn is_finish(&self) -> bool {
        matches!(self, Event::Completed { .. } | Event::Failed { .. })
    }
}
