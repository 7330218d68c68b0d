//! The BullMQ domain on bullmq-official: routing, priorities, job option
//! parsing, adding, discovery, counts and inspection.
//!
//! Nothing here sees clap types, env vars or the output module: callers pass
//! plain structs and get reports back.

pub mod add;
pub mod discovery;
pub mod input;
pub mod inspect;
pub mod job_metrics;
pub mod keys;
pub mod maintenance;
pub mod ndjson;
pub mod priority;
pub mod routing;
pub mod stats;

pub use input::JobInputError;

/// Job states in the order tables list them, with BullMQ's names.
pub const STATES: [&str; 7] = [
    "active",
    "waiting",
    "prioritized",
    "delayed",
    "waiting-children",
    "failed",
    "completed",
];

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
