//! Follows one job to its end through its queue's events stream: progress,
//! attempts and retries, then completed or failed for good.
//!
//! BullMQ 6.7 writes `failed` to the stream only for the final failure; a
//! failed attempt that will be retried shows up as `delayed` (retry with
//! backoff) or `waiting` with `prev: active` (immediate retry) right after the
//! job's `active` event.

use std::time::Duration;

use serde_json::Value;

use super::events::{Event, Reader};
use super::job_hash::JobHash;
use super::vocab::Progress;
use super::JobState;
use crate::connection::Redis;

/// How long one blocking read waits before reading again.
const BLOCK: Duration = Duration::from_secs(2);

/// How a job ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Completed, with its return value.
    Completed(Value),
    /// Failed for good, with the reason.
    Failed(String),
    /// Removed before it finished.
    Removed,
}

/// What one event of the followed job means.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A worker took the job.
    Active,
    /// The job reported progress.
    Progress(Progress),
    /// Attempt `made` of `max` failed with `reason`; the job will run again.
    Retry { made: u64, max: u64, reason: String },
    /// Back to waiting without a failed attempt (stalled or rate-limited).
    Requeued,
    /// The job ended.
    Finished(Outcome),
    /// Anything else (added, waiting, delayed, retries-exhausted, ...).
    Other,
}

/// Why following a job stopped without an outcome.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    #[error("job '{id}' not found in queue '{queue}' (prefix '{prefix}')")]
    NotFound {
        id: String,
        queue: String,
        prefix: String,
    },
    #[error(transparent)]
    Redis(#[from] bullmq::Error),
}

/// Follows one job of one queue.
pub struct Waiter {
    queue: String,
    job_id: String,
    reader: Reader,
    /// The job became active since its last failure, so a move back to
    /// delayed or waiting means that attempt ended.
    running: bool,
    /// Failed attempts already reported.
    failures: u64,
}

impl Waiter {
    /// Remembers where `queue`'s events stream ends now. Call it before adding
    /// the job, so that none of its events can be missed.
    pub async fn start(redis: &Redis, queue: &str) -> Result<Self, bullmq::Error> {
        let queues = [queue.to_string()];
        Ok(Self {
            queue: queue.to_string(),
            job_id: String::new(),
            reader: Reader::at_end(redis, redis.prefix(), &queues).await?,
            running: false,
            failures: 0,
        })
    }

    /// Follows job `id` until it ends; `on_event` sees each of its events
    /// with its meaning. A job that already ended returns at once.
    pub async fn follow(
        mut self,
        redis: &Redis,
        id: &str,
        mut on_event: impl FnMut(&Event, &Step),
    ) -> Result<Outcome, WaitError> {
        self.job_id = id.to_string();
        let hash = self.hash(redis).await?;
        self.failures = attempts_made(&hash);
        match super::inspect::state(redis, &self.queue, id).await? {
            Some(JobState::Completed) => return Ok(Outcome::Completed(hash.return_value())),
            Some(JobState::Failed) => return Ok(Outcome::Failed(hash.failed_reason())),
            Some(JobState::Active) => self.running = true,
            // Gone already: its events after the cursor may still tell how it ended
            // (a job removed on completion); otherwise it does not exist.
            None => return self.settle_from_backlog(redis, on_event).await,
            Some(_) => {}
        }
        loop {
            for event in self.reader.read(redis, Some(BLOCK)).await? {
                if let Some(outcome) = self.handle(redis, &event, &mut on_event).await? {
                    return Ok(outcome);
                }
            }
        }
    }

    async fn settle_from_backlog(
        &mut self,
        redis: &Redis,
        mut on_event: impl FnMut(&Event, &Step),
    ) -> Result<Outcome, WaitError> {
        loop {
            let events = self.reader.read(redis, None).await?;
            if events.is_empty() {
                return Err(WaitError::NotFound {
                    id: self.job_id.clone(),
                    queue: self.queue.clone(),
                    prefix: redis.prefix().to_string(),
                });
            }
            for event in events {
                if let Some(outcome) = self.handle(redis, &event, &mut on_event).await? {
                    return Ok(outcome);
                }
            }
        }
    }

    /// Reports one event if it is the job's; `Some` when the job ended.
    async fn handle(
        &mut self,
        redis: &Redis,
        event: &Event,
        on_event: &mut impl FnMut(&Event, &Step),
    ) -> Result<Option<Outcome>, bullmq::Error> {
        if event.job_id.as_deref() != Some(self.job_id.as_str()) {
            return Ok(None);
        }
        let step = self.step(redis, event).await?;
        on_event(event, &step);
        Ok(match step {
            Step::Finished(outcome) => Some(outcome),
            _ => None,
        })
    }

    async fn step(&mut self, redis: &Redis, event: &Event) -> Result<Step, bullmq::Error> {
        let prev = event.text("prev");
        Ok(match event.event.as_str() {
            "active" => {
                self.running = true;
                Step::Active
            }
            "progress" => Step::Progress(Progress::from_value(
                event.field("data").unwrap_or(&Value::Null),
            )),
            "completed" => Step::Finished(Outcome::Completed(
                event.field("returnvalue").cloned().unwrap_or(Value::Null),
            )),
            "failed" => Step::Finished(Outcome::Failed(
                event.text("failedReason").unwrap_or_default(),
            )),
            "removed" => Step::Finished(Outcome::Removed),
            "delayed" if self.running => self.attempt_ended(redis).await?,
            "waiting" if self.running && prev.as_deref() == Some("active") => {
                self.attempt_ended(redis).await?
            }
            _ => Step::Other,
        })
    }

    /// The job left `active` without finishing: a retry when its attempt
    /// counter moved, else a stall or a rate-limit move.
    async fn attempt_ended(&mut self, redis: &Redis) -> Result<Step, bullmq::Error> {
        self.running = false;
        let hash = self.hash(redis).await?;
        let made = attempts_made(&hash);
        if made <= self.failures {
            return Ok(Step::Requeued);
        }
        self.failures = made;
        Ok(Step::Retry {
            made,
            max: hash.max_attempts(),
            reason: hash.failed_reason(),
        })
    }

    async fn hash(&self, redis: &Redis) -> Result<JobHash, bullmq::Error> {
        JobHash::read(redis, &self.queue, &self.job_id).await
    }
}

fn attempts_made(hash: &JobHash) -> u64 {
    hash.attempts_made().map_or(0, |n| n.max(0) as u64)
}
