//! The built-in handlers `echo` (returns the job's data) and `sleep`.

use std::time::Duration;

use bullmq::Job;
use serde_json::{json, Value};

/// Returns the job's data.
pub fn echo(job: &Job) -> Value {
    job.data().clone()
}

/// Sleeps `data.ms` milliseconds, then returns `{"slept": ms}`.
pub async fn sleep(job: &Job) -> Value {
    let ms = job.data().get("ms").and_then(Value::as_u64).unwrap_or(0);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    json!({ "slept": ms })
}
