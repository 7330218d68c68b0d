//! What the worker is told to do: the queues it serves and the settings its
//! handlers share.

use std::sync::Arc;

use super::deliver::Delivery;
use crate::connection::Redis;

/// Minutes of BullMQ metrics a worker keeps by default: one day, one point
/// per minute.
pub const DEFAULT_METRICS_POINTS: u32 = 24 * 60;

/// One queue to serve and how many jobs of it run at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSpec {
    pub name: String,
    pub concurrency: usize,
}

/// Where jobs that fail for good are also recorded.
pub struct DeadLetter {
    pub redis: Arc<Redis>,
    pub key: String,
}

/// Settings of the worker that apply to every scrape job.
#[derive(Debug, Clone, Default)]
pub struct ScrapeSettings {
    /// Crawl loopback, private and link-local addresses (off: such URLs are refused).
    pub allow_private_networks: bool,
    /// Where pages go instead of the return value (`--pages-dir`, `--forward`).
    pub delivery: Delivery,
    /// How pages are rendered; its mode is the default for jobs without `data.render`.
    pub render: crate::crawl::RenderOptions,
}

/// Which handlers write a metrics line into the job's log after each attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetricsLog {
    /// Every handler but `echo` and `sleep`, whose line would cost one more
    /// Redis round trip per job for nothing worth measuring.
    #[default]
    Auto,
    All,
    Off,
}

impl MetricsLog {
    /// Whether a handler gets the line; `built_in` is true for `echo` and `sleep`.
    pub fn wants(self, built_in: bool) -> bool {
        match self {
            MetricsLog::All => true,
            MetricsLog::Off => false,
            MetricsLog::Auto => !built_in,
        }
    }
}
