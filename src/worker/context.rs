//! The job context a handler runs with, and its progress reporter.

use std::sync::Arc;
use std::time::Duration;

use bullmq::worker::CancellationToken;
use bullmq::{Job, JobProgress};
use tokio::sync::mpsc;

use super::event::Event;
use super::policy::RetryPolicy;
use super::spec::{DeadLetter, MetricsLog, ScrapeSettings};
use super::unfinished::Unfinished;
use crate::connection::Redis;
use crate::queues::vocab::Progress;

/// Everything a running job needs besides the job itself.
#[derive(Clone)]
pub struct JobContext {
    pub queue: String,
    pub timeout: Duration,
    pub events: mpsc::UnboundedSender<Event>,
    pub dead_letter: Option<Arc<DeadLetter>>,
    pub scrape: ScrapeSettings,
    pub redis: Arc<Redis>,
    pub retry: RetryPolicy,
    pub metrics: MetricsLog,
    /// Cancelled when the worker starts shutting down: ends retry holds.
    pub shutdown: CancellationToken,
    /// Results of completed jobs that BullMQ has not confirmed yet.
    pub unfinished: Arc<Unfinished>,
}

/// Sets the job's progress in Redis (BullMQ emits the `progress` event) and reports it.
pub async fn send_progress(job: &mut Job, ctx: &JobContext, progress: Progress) {
    let stored = match (progress.percent, &progress.message) {
        (Some(percent), None) => JobProgress::Number(percent),
        _ => JobProgress::Object(progress.to_json()),
    };
    let _ = job.update_progress(stored).await;
    let _ = ctx
        .events
        .send(Event::progress(&ctx.queue, job.id(), progress));
}
