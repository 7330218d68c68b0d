//! Every environment variable queuectl reads, named once.
//!
//! The names follow the existing Node.js system so one `.env` file serves both.

/// Full Redis URL (`redis://`, `rediss://`, user, password and db in the URL).
pub const REDIS_URL: &str = "REDIS_URL";
/// Redis host, used when no URL is given.
pub const REDIS_HOST: &str = "REDIS_HOST";
/// Redis port, used when no URL is given.
pub const REDIS_PORT: &str = "REDIS_PORT";
/// Redis ACL user name.
pub const REDIS_USERNAME: &str = "REDIS_USERNAME";
/// Redis password; never printed.
pub const REDIS_PASSWORD: &str = "REDIS_PASSWORD";
/// Redis logical database number.
pub const REDIS_DB: &str = "REDIS_DB";
/// Any non-empty value other than `0`/`false` turns TLS on.
pub const REDIS_TLS: &str = "REDIS_TLS";
/// CA certificate file (PEM) for TLS.
pub const REDIS_TLS_CA: &str = "REDIS_TLS_CA";
/// Client certificate file (PEM) for mutual TLS.
pub const REDIS_TLS_CERT: &str = "REDIS_TLS_CERT";
/// Client key file (PEM) for mutual TLS.
pub const REDIS_TLS_KEY: &str = "REDIS_TLS_KEY";
/// Comma-separated Redis Cluster seed nodes.
pub const REDIS_CLUSTER_NODES: &str = "REDIS_CLUSTER_NODES";
/// BullMQ key prefix (default `bull`).
pub const QUEUE_PREFIX: &str = "QUEUE_PREFIX";
/// Default queue for `enqueue` when `--queue` is absent.
pub const QUEUE_NAME: &str = "QUEUE_NAME";
/// Default number of attempts for new jobs.
pub const QUEUE_MAX_RETRIES: &str = "QUEUE_MAX_RETRIES";
/// Concurrency of scrape-queue in `worker` (default 5).
pub const QUEUE_CONCURRENCY_SCRAPING: &str = "QUEUE_CONCURRENCY_SCRAPING";
/// Concurrency of process-queue in `worker` (default 10).
pub const QUEUE_CONCURRENCY_PROCESSING: &str = "QUEUE_CONCURRENCY_PROCESSING";
/// Concurrency of maintenance-queue in `worker` (default 1).
pub const QUEUE_CONCURRENCY_MAINTENANCE: &str = "QUEUE_CONCURRENCY_MAINTENANCE";
/// How long a job may run before it fails as timed out (ms or a duration).
pub const QUEUE_JOB_TIMEOUT: &str = "QUEUE_JOB_TIMEOUT";
/// Worker lock duration (ms or a duration).
pub const WORKER_LOCK_DURATION: &str = "WORKER_LOCK_DURATION";
/// How often workers check for stalled jobs (ms or a duration).
pub const WORKER_STALLED_INTERVAL: &str = "WORKER_STALLED_INTERVAL";
/// How long an idle worker blocks waiting for a job (ms or a duration).
pub const WORKER_POLL_INTERVAL: &str = "WORKER_POLL_INTERVAL";
/// Connect timeout, as a duration (`5s`).
pub const CONNECT_TIMEOUT: &str = "QUEUECTL_CONNECT_TIMEOUT";
/// Disables colour when set to any non-empty value (<https://no-color.org>).
pub const NO_COLOR: &str = "NO_COLOR";
/// Bearer token `serve` requires for mutating routes (and every route off loopback).
pub const QUEUECTL_TOKEN: &str = "QUEUECTL_TOKEN";
