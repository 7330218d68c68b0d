//! The maintenance handler: applies the retention policy the job data asks for.

use std::time::Duration;

use bullmq::Job;
use serde_json::{json, Value};

use crate::queues::maintenance::{self, Retention};
use crate::worker::context::JobContext;

/// Applies the retention policy to `data.queues` (default: every queue).
pub async fn run(job: &Job, ctx: &JobContext) -> Result<Value, bullmq::Error> {
    let data = job.data();
    let queues: Vec<String> = data
        .get("queues")
        .and_then(Value::as_array)
        .map(|qs| {
            qs.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let policy = retention(data).map_err(bullmq::Error::Unrecoverable)?;
    let cleaned = maintenance::apply(&ctx.redis, &queues, &policy).await?;
    Ok(json!({ "success": true, "queues": cleaned }))
}

/// The default policy, with `completedAge`, `failedAge` (ms or a duration) and
/// `maxEvents` from the job data overriding it.
fn retention(data: &Value) -> Result<Retention, String> {
    let mut policy = Retention::default();
    let age = |key: &str| -> Result<Option<Duration>, String> {
        match data.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .map(|ms| Some(Duration::from_millis(ms)))
                .ok_or(format!("data.{key} must be whole milliseconds")),
            Some(Value::String(s)) => humantime::parse_duration(s)
                .map(Some)
                .map_err(|e| format!("data.{key}: {e}")),
            Some(_) => Err(format!("data.{key} must be milliseconds or a duration")),
        }
    };
    if let Some(d) = age("completedAge")? {
        policy.completed = d;
    }
    if let Some(d) = age("failedAge")? {
        policy.failed = d;
    }
    if let Some(n) = data.get("maxEvents").and_then(Value::as_u64) {
        policy.max_events = n as usize;
    }
    Ok(policy)
}
