//! The BullMQ domain on bullmq-official: routing, priorities, job option
//! parsing, adding, discovery, counts, inspection and retrying failed jobs.
//!
//! Nothing here sees clap types, env vars or the output module: callers pass
//! plain structs and get reports back.

pub mod add;
pub mod cleanup;
pub mod control;
pub mod dead_letter;
pub mod discovery;
pub mod edit;
pub mod events;
pub mod export;
pub mod health;
pub mod import;
pub mod input;
pub mod inspect;
pub mod job_hash;
pub mod job_metrics;
pub mod keys;
pub mod limit;
pub mod maintenance;
pub mod metrics;
pub mod ndjson;
pub mod orphans;
pub mod priority;
pub mod retry;
pub mod routing;
pub mod schedule;
pub mod search;
pub mod stats;
pub mod vocab;
pub mod wait;
pub mod worker_record;

pub use input::JobInputError;
pub use vocab::JobState;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
