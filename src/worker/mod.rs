//! The worker runtime: `bullmq::Worker`s for the served queues (BullMQ's own
//! locks, stall checks, retries and scheduler iterations), handlers chosen by
//! job name, and a stream of events for the command to render.

pub mod deliver;
pub mod exec;
pub mod handlers;
pub mod heartbeat;
pub mod policy;
pub mod scrape;
pub mod usage;

use std::sync::Arc;
use std::time::Duration;

use bullmq::options::RedisConnectionOptions;
use bullmq::worker::{CancellationToken, WorkerEvent};
use bullmq::{Job, Worker, WorkerOptions};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::mpsc;

use crate::connection::Redis;

use handlers::JobContext;
pub use handlers::{Handlers, MetricsLog};
pub use policy::RetryPolicy;

/// One queue to serve and how many jobs of it run at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSpec {
    pub name: String,
    pub concurrency: usize,
}

/// Everything the runtime needs, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub connection: RedisConnectionOptions,
    pub prefix: String,
    pub queues: Vec<QueueSpec>,
    pub handlers: Handlers,
    /// Shown by Node's `Queue.getWorkers()` as the `:w:` client-name suffix.
    pub name: Option<String>,
    /// The machine's name, recorded in the heartbeat.
    pub host: String,
    pub lock_duration: Duration,
    pub stalled_interval: Duration,
    pub drain_delay: Duration,
    pub job_timeout: Duration,
    /// A list that also gets a record of every job that fails for good.
    pub dead_letter_list: Option<String>,
    pub scrape: scrape::ScrapeSettings,
    pub retry: RetryPolicy,
    pub metrics: MetricsLog,
}

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
        progress: Value,
    },
    Completed {
        queue: String,
        #[serde(rename = "jobId")]
        job_id: String,
        result: Value,
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
    Error {
        queue: String,
        message: String,
    },
}

impl Event {
    fn started(queue: &str, job: &Job) -> Self {
        Event::Started {
            queue: queue.to_string(),
            job_id: job.id().to_string(),
            name: job.name().to_string(),
            attempts_made: job.attempts_made(),
        }
    }

    fn progress(queue: &str, job_id: &str, progress: Value) -> Self {
        Event::Progress {
            queue: queue.to_string(),
            job_id: job_id.to_string(),
            progress,
        }
    }

    /// A failed attempt: `Retrying` when BullMQ will retry it (`retry`), else `Failed`.
    fn failure(
        queue: &str,
        job: &Job,
        error: &bullmq::Error,
        retry: Option<&policy::RetryDelay>,
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

/// Whether BullMQ will run a job again after this attempt failed with `error`
/// (the port's rule: not unrecoverable, and attempts remain).
fn will_retry(job: &Job, error: &bullmq::Error) -> bool {
    let made = job.attempts_made() + 1;
    !matches!(error, bullmq::Error::Unrecoverable(_)) && made < job.opts().attempts.unwrap_or(1)
}

/// The running workers.
pub struct Runtime {
    workers: Vec<(String, Arc<Worker>)>,
    redis: Arc<Redis>,
    id: String,
    beat: tokio::task::JoinHandle<()>,
    shutdown: CancellationToken,
}

impl Runtime {
    /// Starts the BullMQ workers (one per lane of each queue) and the
    /// heartbeat; events go to `events`.
    pub async fn start(
        config: &Config,
        redis: Arc<Redis>,
        events: mpsc::UnboundedSender<Event>,
    ) -> Result<Self, bullmq::Error> {
        let id = worker_id();
        let tracker = Arc::new(heartbeat::Tracker::new(
            id.clone(),
            config.host.clone(),
            &config.queues,
        ));
        let events = tap(tracker.clone(), events);
        let handlers = Arc::new(config.handlers.clone());
        let dead_letter = config.dead_letter_list.clone().map(|key| {
            Arc::new(DeadLetter {
                redis: redis.clone(),
                key,
            })
        });
        let shutdown = CancellationToken::new();
        let mut workers = Vec::new();
        for spec in &config.queues {
            let ctx = JobContext {
                handlers: handlers.clone(),
                queue: spec.name.clone(),
                timeout: config.job_timeout,
                events: events.clone(),
                dead_letter: dead_letter.clone(),
                scrape: config.scrape.clone(),
                redis: redis.clone(),
                retry: config.retry.clone(),
                metrics: config.metrics,
                shutdown: shutdown.clone(),
            };
            for concurrency in lanes(spec.concurrency) {
                let ctx = ctx.clone();
                let processor = move |job, token| handlers::process(job, token, ctx.clone());
                let opts = options(config, concurrency);
                let worker = Arc::new(Worker::with_options(&spec.name, processor, opts).await?);
                forward_events(spec.name.clone(), worker.clone(), events.clone());
                workers.push((spec.name.clone(), worker));
            }
        }
        let beat = heartbeat::spawn(redis.clone(), tracker);
        Ok(Self {
            workers,
            redis,
            id,
            beat,
            shutdown,
        })
    }

    /// Stops fetching, lets active jobs finish for up to `grace`, then cancels
    /// them: their locks lapse and stall recovery returns them to wait.
    pub async fn shutdown(self, grace: Duration) {
        // Failed attempts waiting out a retry delay hand their failure to BullMQ now.
        self.shutdown.cancel();
        let closing = self
            .workers
            .iter()
            .map(|(_, w)| w.close(grace.as_millis() as u64));
        futures::future::join_all(closing).await;
        self.beat.abort();
        heartbeat::clear(&self.redis, &self.id).await;
    }

    /// The served queues.
    pub fn queues(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.workers.iter().map(|(q, _)| q.as_str()).collect();
        names.dedup();
        names
    }
}

/// Where jobs that fail for good are also recorded.
pub struct DeadLetter {
    pub redis: Arc<Redis>,
    pub key: String,
}

/// Passes events on to `out`, updating the heartbeat's tracker on the way.
fn tap(
    tracker: Arc<heartbeat::Tracker>,
    out: mpsc::UnboundedSender<Event>,
) -> mpsc::UnboundedSender<Event> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Event>();
    tokio::spawn(async move {
        while let Some(event) = rx.recv().await {
            tracker.on_event(&event);
            if out.send(event).is_err() {
                break;
            }
        }
    });
    tx
}

/// A worker id unique enough to key a heartbeat: pid and start time, in hex.
fn worker_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:x}-{:x}", std::process::id(), nanos)
}

/// Jobs per lane before a queue gets another lane, and the most lanes a queue gets.
const LANE_JOBS: usize = 3;
const MAX_LANES: usize = 4;

/// Splits a queue's concurrency over up to four `bullmq::Worker`s, each with
/// its own connections. On one connection every in-flight job's next command
/// leaves in the same write and comes back in the same read, so the client and
/// Redis take turns (Redis ~70 % busy at concurrency 10); separate
/// connections fall out of step and keep Redis busy (see bench/README.md).
fn lanes(concurrency: usize) -> Vec<usize> {
    let n = concurrency.div_ceil(LANE_JOBS).clamp(1, MAX_LANES);
    (0..n)
        .map(|i| concurrency / n + usize::from(i < concurrency % n))
        .collect()
}

fn options(config: &Config, concurrency: usize) -> WorkerOptions {
    let mut opts = WorkerOptions::new()
        .connection(config.connection.clone())
        .prefix(config.prefix.clone())
        .concurrency(concurrency)
        .lock_duration(config.lock_duration)
        .stalled_interval(config.stalled_interval)
        .drain_delay(config.drain_delay)
        .max_stalled_count(3);
    if let Some(name) = &config.name {
        opts = opts.name(name.clone());
    }
    opts
}

/// Turns the port's worker events into ours (completions, stalls, errors);
/// starts, progress and failures come from the processor itself, which knows
/// whether a failed attempt will be retried.
fn forward_events(queue: String, worker: Arc<Worker>, events: mpsc::UnboundedSender<Event>) {
    tokio::spawn(async move {
        while let Some(event) = worker.next_event().await {
            let mapped = match event {
                WorkerEvent::Completed { job_id, result } => Event::Completed {
                    queue: queue.clone(),
                    job_id,
                    result,
                },
                WorkerEvent::Stalled { job_id } => Event::Stalled {
                    queue: queue.clone(),
                    job_id,
                },
                WorkerEvent::Error(message) => Event::Error {
                    queue: queue.clone(),
                    message,
                },
                WorkerEvent::Closed => break,
                _ => continue,
            };
            if events.send(mapped).is_err() {
                break;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::lanes;

    #[test]
    fn lanes_split_concurrency_evenly_up_to_four() {
        assert_eq!(lanes(1), vec![1]);
        assert_eq!(lanes(3), vec![3]);
        assert_eq!(lanes(5), vec![3, 2]);
        assert_eq!(lanes(10), vec![3, 3, 2, 2]);
        assert_eq!(lanes(50), vec![13, 13, 12, 12]);
        for c in 1..200 {
            let l = lanes(c);
            assert_eq!(l.iter().sum::<usize>(), c);
            assert!(l.len() <= 4 && l.iter().all(|&n| n >= 1));
        }
    }
}
