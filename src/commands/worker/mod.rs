//! `queuectl worker`: serve queues until a signal, `--burst`, `--max-jobs` or `--max-runtime`.

mod view;

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc;

use super::Ctx;
use crate::cli::{JobMetricsArg, WorkerArgs};
use crate::connection::sentinel::{self, Signal};
use crate::connection::{Endpoint, Redis};
use crate::error::{usage, Exit};
use crate::queues::routing::{self, MAINTENANCE_QUEUE, PROCESS_QUEUE, SCRAPE_QUEUE};
use crate::queues::{now_ms, stats};
use crate::worker::deliver::{Delivery, Forward};
use crate::worker::{
    Config, Event, Handlers, MetricsLog, QueueSpec, RetryPolicy, Runtime, ScrapeSettings,
};
use view::View;

/// How often `--burst` checks whether the queues are drained (a few read
/// commands per queue); two drained checks in a row end the run, so it exits
/// within about twice this long of the last job.
const BURST_CHECK: Duration = Duration::from_millis(30);
/// How long a worker takes no new jobs after a failover started without a
/// new master being named or the failover abandoned (a missed message).
const FAILOVER_LIMIT: Duration = Duration::from_secs(30);
/// The longest a `--burst` worker blocks waiting for a job.
const BURST_POLL: Duration = Duration::from_secs(1);
/// `--burst` also waits for delayed jobs due within this horizon.
const BURST_HORIZON_MS: u64 = 1_000;

/// Why the worker stopped.
enum Stop {
    Signal,
    Drained,
    MaxJobs,
    MaxRuntime,
}

/// Runs the command.
pub async fn run(ctx: &Ctx, args: WorkerArgs) -> anyhow::Result<Exit> {
    let mut config = config(ctx, &args)?;
    let mut redis = Arc::new(ctx.redis_for(true).await?);
    config.connection = redis.bull_options();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runtime = Runtime::start(&config, redis.clone(), tx.clone())
        .await
        .context("starting the workers")?;
    let mut switch = sentinel_signal(ctx, &redis);
    // While a failover is under way, how long the worker waits for its end
    // before it takes jobs again.
    let resume = tokio::time::sleep(Duration::ZERO);
    tokio::pin!(resume);
    let mut paused = false;
    let served: Vec<String> = runtime.queues().into_iter().map(str::to_string).collect();
    ctx.out
        .note(&format!("serving {}", describe_queues(&config.queues)));

    let mut term = signal(SignalKind::terminate())?;
    let mut view = View::new(&ctx.out);
    let deadline = tokio::time::sleep(args.max_runtime.unwrap_or(Duration::MAX / 4));
    tokio::pin!(deadline);
    let mut burst = tokio::time::interval(BURST_CHECK);
    let mut drained_reads = 0;
    let stop = loop {
        tokio::select! {
            Some(event) = rx.recv() => {
                view.show(&ctx.out, &batch(event, &mut rx))?;
                if args.max_jobs.is_some_and(|max| view.finished() >= max) {
                    break Stop::MaxJobs;
                }
            }
            _ = tokio::signal::ctrl_c() => break Stop::Signal,
            _ = term.recv() => break Stop::Signal,
            _ = &mut deadline, if args.max_runtime.is_some() => break Stop::MaxRuntime,
            signal = &mut switch => {
                match signal {
                    Signal::Starting => {
                        ctx.out.note("a failover started; taking no new jobs until it ends");
                        runtime.pause();
                        paused = true;
                        resume.as_mut().reset(tokio::time::Instant::now() + FAILOVER_LIMIT);
                    }
                    Signal::Aborted => {
                        ctx.out.note("the failover was abandoned; taking jobs again");
                        runtime.resume();
                        paused = false;
                    }
                    Signal::Switched(addr) => {
                        let moved = follow(ctx, &mut config, &addr, &tx).await;
                        if let Some((new_redis, new_runtime)) = moved {
                            redis = new_redis;
                            let old = std::mem::replace(&mut runtime, new_runtime);
                            tokio::spawn(old.shutdown(args.grace));
                            paused = false;
                        }
                    }
                }
                switch = sentinel_signal(ctx, &redis);
            }
            () = &mut resume, if paused => {
                ctx.out.warn("no new master after a failover started; taking jobs again");
                runtime.resume();
                paused = false;
            }
            _ = burst.tick(), if args.burst => {
                // Two reads in a row: a retried job moving from active to
                // delayed can be missed by one read of the state keys.
                drained_reads = if drained(&redis, &served).await? { drained_reads + 1 } else { 0 };
                if drained_reads == 2 {
                    break Stop::Drained;
                }
            }
        }
    };
    ctx.out.note(&format!(
        "{}; stopping (active jobs get up to {})",
        stop_reason(&stop),
        humantime::format_duration(args.grace)
    ));
    let drained = matches!(stop, Stop::Drained);
    let closing = async move {
        if drained {
            runtime.shutdown_drained(args.grace).await
        } else {
            runtime.shutdown(args.grace).await
        }
    };
    tokio::pin!(closing);
    loop {
        tokio::select! {
            () = &mut closing => break,
            Some(event) = rx.recv() => {
                view.show(&ctx.out, &batch(event, &mut rx))?;
            }
            _ = tokio::signal::ctrl_c() => return Ok(Exit::Interrupted),
            _ = term.recv() => return Ok(Exit::Interrupted),
        }
    }
    while let Ok(event) = rx.try_recv() {
        view.show(&ctx.out, &batch(event, &mut rx))?;
    }
    view.close();
    ctx.out.note(&view.summary());
    Ok(Exit::Ok)
}

/// Resolves with the sentinels' next word on the master set (never without Sentinel).
fn sentinel_signal(ctx: &Ctx, redis: &Redis) -> Pin<Box<dyn Future<Output = Signal> + Send>> {
    let (Endpoint::Sentinel(sentinels), Endpoint::Single { host, port }) =
        (&ctx.settings.redis.endpoint, &redis.settings().endpoint)
    else {
        return Box::pin(std::future::pending());
    };
    let (settings, sentinels, current) = (
        ctx.settings.redis.clone(),
        sentinels.clone(),
        (host.clone(), *port),
    );
    Box::pin(async move { sentinel::next_signal(&settings, &sentinels, &current).await })
}

/// After a master switch: connects to the new master and starts the workers
/// there (the caller then closes the old ones; a job whose finishing command
/// the old master refused comes back through stall recovery). `None` when
/// the new master cannot be reached yet: the next check of the sentinels
/// tries again.
async fn follow(
    ctx: &Ctx,
    config: &mut Config,
    addr: &(String, u16),
    events: &mpsc::UnboundedSender<Event>,
) -> Option<(Arc<Redis>, Runtime)> {
    ctx.out.note(&format!(
        "the sentinels name a new master at {}:{}; moving the workers there",
        addr.0, addr.1
    ));
    let started = async {
        let redis = Arc::new(ctx.redis_for(true).await?);
        config.connection = redis.bull_options();
        let runtime = Runtime::start(config, redis.clone(), events.clone()).await?;
        anyhow::Ok((redis, runtime))
    };
    match started.await {
        Ok(new) => Some(new),
        Err(e) => {
            ctx.out.warn(&format!("cannot move the workers yet: {e:#}"));
            None
        }
    }
}

/// `first` and whatever else is already queued, up to a bound, so a busy
/// worker writes its events in a few large writes.
fn batch(first: Event, rx: &mut mpsc::UnboundedReceiver<Event>) -> Vec<Event> {
    const MAX: usize = 512;
    let mut events = vec![first];
    while events.len() < MAX {
        match rx.try_recv() {
            Ok(event) => events.push(event),
            Err(_) => break,
        }
    }
    events
}

fn stop_reason(stop: &Stop) -> &'static str {
    match stop {
        Stop::Signal => "signal received",
        Stop::Drained => "queues drained (--burst)",
        Stop::MaxJobs => "--max-jobs reached",
        Stop::MaxRuntime => "--max-runtime reached",
    }
}

async fn drained(redis: &crate::connection::Redis, queues: &[String]) -> anyhow::Result<bool> {
    let now = now_ms();
    for q in queues {
        if !stats::idle(redis, q, now, BURST_HORIZON_MS).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn describe_queues(queues: &[QueueSpec]) -> String {
    queues
        .iter()
        .map(|q| format!("{} (concurrency {})", q.name, q.concurrency))
        .collect::<Vec<_>>()
        .join(", ")
}

fn config(ctx: &Ctx, args: &WorkerArgs) -> anyhow::Result<Config> {
    let mut handlers = Handlers::default();
    for (name, command) in &args.exec {
        handlers.add_exec(name, command);
    }
    let overrides: HashMap<&str, usize> = args
        .concurrency
        .iter()
        .map(|(q, n)| (q.as_str(), *n))
        .collect();
    let names: Vec<String> = if args.queues.is_empty() {
        [SCRAPE_QUEUE, PROCESS_QUEUE, MAINTENANCE_QUEUE]
            .map(str::to_string)
            .to_vec()
    } else {
        args.queues.clone()
    };
    let mut queues = Vec::new();
    for name in names {
        ctx.check_queue(&name)?;
        let default = match name.as_str() {
            SCRAPE_QUEUE => args.scrape_concurrency,
            PROCESS_QUEUE => args.process_concurrency,
            MAINTENANCE_QUEUE => args.maintenance_concurrency,
            _ => 1,
        };
        let concurrency = overrides.get(name.as_str()).copied().unwrap_or(default);
        if concurrency == 0 {
            return usage(format!("concurrency of {name} must be at least 1"));
        }
        queues.push(QueueSpec { name, concurrency });
    }
    if let Some(unknown) = overrides
        .keys()
        .find(|q| !queues.iter().any(|s| s.name == **q))
    {
        return usage(format!(
            "--concurrency {unknown}=…: {unknown} is not a served queue (add --queue {unknown})"
        ));
    }
    Ok(Config {
        connection: ctx.settings.redis.bull_options(),
        prefix: ctx.settings.redis.prefix.clone(),
        queues,
        handlers,
        name: args.name.clone(),
        host: crate::settings::host_name(),
        lock_duration: args.lock_duration,
        stalled_interval: args.stalled_interval,
        // Shutdown waits for a blocked fetch to return, so --burst polls briskly.
        drain_delay: if args.burst {
            args.poll_interval.min(BURST_POLL)
        } else {
            args.poll_interval
        },
        job_timeout: args.job_timeout,
        dead_letter_list: args.dead_letter_list.clone(),
        scrape: ScrapeSettings {
            allow_private_networks: args.allow_private_networks,
            delivery: delivery(ctx, args)?,
            render: super::crawl::render_options(&args.render),
        },
        retry: RetryPolicy {
            default: args.default_backoff.0.clone(),
        },
        metrics: match args.job_metrics {
            JobMetricsArg::Auto => MetricsLog::Auto,
            JobMetricsArg::All => MetricsLog::All,
            JobMetricsArg::Off => MetricsLog::Off,
        },
        metrics_points: (!args.no_metrics).then_some(args.metrics_points),
        keep_results: ctx.out.is_json(),
    })
}

/// `--pages-dir` (created, made absolute) and `--forward`, checked before any job runs.
fn delivery(ctx: &Ctx, args: &WorkerArgs) -> anyhow::Result<Delivery> {
    let pages_dir = args.pages_dir.as_deref().map(pages_dir).transpose()?;
    let forward = match &args.forward {
        Some(name) => Some(forward(ctx, name, args)?),
        None => None,
    };
    Ok(Delivery { pages_dir, forward })
}

fn pages_dir(dir: &Path) -> anyhow::Result<PathBuf> {
    match std::fs::create_dir_all(dir).and_then(|()| dir.canonicalize()) {
        Ok(dir) => Ok(dir),
        Err(e) => usage(format!("--pages-dir {:?}: {e}", dir)),
    }
}

fn forward(ctx: &Ctx, name: &str, args: &WorkerArgs) -> anyhow::Result<Forward> {
    if name.trim().is_empty() {
        return usage("--forward: the job name must not be empty");
    }
    let Some(queue) = args
        .forward_queue
        .clone()
        .or_else(|| routing::queue_for(name).map(str::to_string))
    else {
        return usage(format!(
            "--forward {name}: no queue for this job name: pass --forward-queue; routed names are {}",
            routing::known_names().join(", ")
        ));
    };
    ctx.check_queue(&queue)?;
    if args.forward_dedup_ttl.is_zero() {
        return usage("--forward-dedup-ttl must be more than 0");
    }
    Ok(Forward {
        name: name.to_string(),
        queue,
        dedup_ttl: args.forward_dedup_ttl,
    })
}
