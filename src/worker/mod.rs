//! The worker: `bullmq::Worker`s for the served queues (BullMQ's own locks,
//! stall checks, retries and scheduler iterations), handlers chosen by job
//! name, and a stream of events for the command to render.
//!
//! Layers, each importing only those below it: `event`, `spec`, `policy`,
//! `usage`, `exec`, `deliver`, `unfinished` (leaves); `context` (the job context and its
//! progress reporter); `handler` (the registry and one module per handler);
//! `heartbeat`; `runtime` (the lanes and event forwarding).

mod context;
pub mod deliver;
mod event;
pub mod exec;
mod handler;
mod heartbeat;
pub mod policy;
mod runtime;
mod spec;
mod unfinished;
pub mod usage;

pub use event::Event;
pub use handler::Handlers;
pub use policy::RetryPolicy;
pub use runtime::{Config, Runtime};
pub use spec::{MetricsLog, QueueSpec, ScrapeSettings, DEFAULT_METRICS_POINTS};
