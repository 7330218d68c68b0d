//! The worker runtime: one or more `bullmq::Worker` lanes per served queue,
//! each running jobs through the handler registry, and the port's events
//! forwarded as ours.

use std::sync::Arc;
use std::time::Duration;

use bullmq::options::MetricsOptions;
use bullmq::options::RedisConnectionOptions;
use bullmq::worker::{CancellationToken, WorkerEvent};
use bullmq::{Worker, WorkerOptions};
use tokio::sync::mpsc;

use super::context::JobContext;
use super::event::Event;
use super::handler::{self, Handlers};
use super::heartbeat;
use super::policy::RetryPolicy;
use super::spec::{DeadLetter, MetricsLog, QueueSpec, ScrapeSettings};
use super::unfinished::Unfinished;
use crate::connection::Redis;

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
    pub scrape: ScrapeSettings,
    pub retry: RetryPolicy,
    pub metrics: MetricsLog,
    /// Minutes of BullMQ's completed/failed metrics to keep (`None`: record none).
    pub metrics_points: Option<u32>,
    /// Whether completion events carry the job's return value (only `--json`
    /// renders it; a scrape result can be a megabyte of pages).
    pub keep_results: bool,
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
        let unfinished = Arc::new(Unfinished::default());
        let mut workers = Vec::new();
        for spec in &config.queues {
            let ctx = JobContext {
                queue: spec.name.clone(),
                timeout: config.job_timeout,
                events: events.clone(),
                dead_letter: dead_letter.clone(),
                scrape: config.scrape.clone(),
                redis: redis.clone(),
                retry: config.retry.clone(),
                metrics: config.metrics,
                shutdown: shutdown.clone(),
                unfinished: unfinished.clone(),
            };
            for concurrency in lanes(spec.concurrency) {
                let (ctx, handlers) = (Arc::new(ctx.clone()), handlers.clone());
                let processor = move |job, token| {
                    let (ctx, handlers) = (ctx.clone(), handlers.clone());
                    async move { handler::process(job, token, &handlers, &ctx).await }
                };
                let opts = options(config, concurrency);
                let worker = Arc::new(Worker::with_options(&spec.name, processor, opts).await?);
                forward_events(
                    spec.name.clone(),
                    worker.clone(),
                    events.clone(),
                    unfinished.clone(),
                    config.keep_results,
                );
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
        self.close(grace, false).await;
    }

    /// [`Self::shutdown`] for workers whose queues were just found drained
    /// (`--burst`): once fetching has stopped and no job is running here, it
    /// returns without waiting for each worker's blocking fetch to time out
    /// (BullMQ's drain delay, whole seconds). A job taken in that instant is
    /// finished as `shutdown` would.
    pub async fn shutdown_drained(self, grace: Duration) {
        self.close(grace, true).await;
    }

    async fn close(self, grace: Duration, drained: bool) {
        // Failed attempts waiting out a retry delay hand their failure to BullMQ now.
        self.shutdown.cancel();
        let closing = self.workers.iter().map(|(_, w)| {
            let w = w.clone();
            tokio::spawn(async move { w.close(grace.as_millis() as u64).await })
        });
        let closed = futures::future::join_all(closing.collect::<Vec<_>>());
        tokio::pin!(closed);
        tokio::select! {
            _ = &mut closed => {}
            idle = self.settled(), if drained => if !idle {
                closed.await;
            },
        }
        self.beat.abort();
        heartbeat::clear(&self.redis, &self.id).await;
    }

    /// After the workers stopped fetching, whether none holds a job: a fetch
    /// already sent when they stopped has had `SETTLE` to come back.
    async fn settled(&self) -> bool {
        tokio::time::sleep(SETTLE).await;
        for (_, worker) in &self.workers {
            if worker.active_count().await > 0 {
                return false;
            }
        }
        true
    }

    /// Stops taking new jobs (running ones go on), as before a failover.
    pub fn pause(&self) {
        self.workers.iter().for_each(|(_, w)| w.pause());
    }

    /// Takes jobs again after [`Self::pause`].
    pub fn resume(&self) {
        self.workers.iter().for_each(|(_, w)| w.resume());
    }

    /// The served queues.
    pub fn queues(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.workers.iter().map(|(q, _)| q.as_str()).collect();
        names.dedup();
        names
    }
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

/// How long a drained `--burst` worker waits, after it stops fetching, for a
/// fetch already on its way (a round trip on a healthy connection).
const SETTLE: Duration = Duration::from_millis(20);

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
    if let Some(points) = config.metrics_points {
        opts = opts.metrics(MetricsOptions {
            max_data_points: points as usize,
        });
    }
    if let Some(name) = &config.name {
        opts = opts.name(name.clone());
    }
    opts
}

/// Turns the port's worker events into ours (completions, which confirm a
/// kept result, stalls, errors);
/// starts, progress and failures come from the processor itself, which knows
/// whether a failed attempt will be retried.
fn forward_events(
    queue: String,
    worker: Arc<Worker>,
    events: mpsc::UnboundedSender<Event>,
    unfinished: Arc<Unfinished>,
    keep_results: bool,
) {
    tokio::spawn(async move {
        while let Some(event) = worker.next_event().await {
            let mapped = match event {
                WorkerEvent::Completed { job_id, result } => {
                    unfinished.confirmed(&queue, &job_id);
                    Event::Completed {
                        queue: queue.clone(),
                        job_id,
                        result: keep_results.then_some(result),
                    }
                }
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
