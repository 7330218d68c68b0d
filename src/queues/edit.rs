//! Changes to one job through BullMQ's own scripts (via the port): its data
//! (`updateData`), priority (`changePriority`) and delay (`changeDelay`).

use serde_json::value::RawValue;

use super::input::{self, JobInputError};
use crate::connection::Redis;

/// What to change; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct Edits {
    /// Replaces the job's data (validated as `enqueue` validates it).
    pub data: Option<Box<RawValue>>,
    /// A priority from 1 (runs first) to 2,097,152.
    pub priority: Option<u32>,
    /// A delayed job's new delay, counted from now.
    pub delay_ms: Option<u64>,
}

impl Edits {
    /// Whether anything is to change.
    pub fn is_empty(&self) -> bool {
        self.data.is_none() && self.priority.is_none() && self.delay_ms.is_none()
    }
}

/// Why an edit was not made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Input(#[from] JobInputError),
    #[error("job '{id}' not found in queue '{queue}'")]
    NotFound { queue: String, id: String },
    #[error("{what}: {source}")]
    Redis {
        what: &'static str,
        source: bullmq::Error,
    },
}

/// Validates every edit, then applies them in order (data, priority, delay).
/// A change BullMQ refuses (a delay for a job that is not delayed, say)
/// stops there; the changes before it stay made.
pub async fn apply(redis: &Redis, queue: &str, id: &str, edits: &Edits) -> Result<(), EditError> {
    input::validate_queue(queue)?;
    let data = match &edits.data {
        Some(raw) => Some(input::data_value(raw)?),
        None => None,
    };
    let fail = |what| move |source| EditError::Redis { what, source };
    let handle = redis
        .queue(queue)
        .await
        .map_err(fail("opening the queue"))?;
    let mut job = redis
        .port(handle.get_job(id))
        .await
        .map_err(fail("reading the job"))?
        .ok_or_else(|| EditError::NotFound {
            queue: queue.to_string(),
            id: id.to_string(),
        })?;
    if let Some(data) = data {
        redis
            .port(job.update_data(data))
            .await
            .map_err(fail("updating its data"))?;
    }
    if let Some(priority) = edits.priority {
        redis
            .port(job.change_priority(priority, false))
            .await
            .map_err(fail("changing its priority"))?;
    }
    if let Some(delay) = edits.delay_ms {
        redis
            .port(job.change_delay(delay))
            .await
            .map_err(fail("changing its delay"))?;
    }
    Ok(())
}
