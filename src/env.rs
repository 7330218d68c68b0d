//! Every environment variable queuectl reads, named once.
//!
//! The names follow the existing Node.js system so one `.env` file serves both.
//! [`ALL`] lists every one of them (and the proxy variables the HTTP client
//! reads), so tests can clear them all and a new variable cannot be forgotten.

/// Declares each variable as a constant and lists them all in [`ALL`].
macro_rules! variables {
    ($($(#[doc = $doc:expr])+ $name:ident = $value:literal;)+) => {
        $($(#[doc = $doc])+ pub const $name: &str = $value;)+

        /// Every variable above, in declaration order.
        pub const ALL: &[&str] = &[$($value),+];
    };
}

/// Where `--render` looks for Chromium or Chrome when `--browser` is absent
/// (not in [`ALL`]: tests clear those, and their programs need a `PATH`).
pub const PATH: &str = "PATH";

variables! {
    /// Full Redis URL (`redis://`, `rediss://`, user, password and db in the URL).
    REDIS_URL = "REDIS_URL";
    /// Redis host, used when no URL is given.
    REDIS_HOST = "REDIS_HOST";
    /// Redis port, used when no URL is given.
    REDIS_PORT = "REDIS_PORT";
    /// Redis ACL user name.
    REDIS_USERNAME = "REDIS_USERNAME";
    /// Redis password; never printed.
    REDIS_PASSWORD = "REDIS_PASSWORD";
    /// Redis logical database number.
    REDIS_DB = "REDIS_DB";
    /// Any non-empty value other than `0`/`false` turns TLS on.
    REDIS_TLS = "REDIS_TLS";
    /// CA certificate file (PEM) for TLS.
    REDIS_TLS_CA = "REDIS_TLS_CA";
    /// Client certificate file (PEM) for mutual TLS.
    REDIS_TLS_CERT = "REDIS_TLS_CERT";
    /// Client key file (PEM) for mutual TLS.
    REDIS_TLS_KEY = "REDIS_TLS_KEY";
    /// Comma-separated Redis Cluster seed nodes.
    REDIS_CLUSTER_NODES = "REDIS_CLUSTER_NODES";
    /// Comma-separated Redis Sentinel addresses (host:port); needs `REDIS_SENTINEL_MASTER`.
    REDIS_SENTINELS = "REDIS_SENTINELS";
    /// The master set name the sentinels monitor.
    REDIS_SENTINEL_MASTER = "REDIS_SENTINEL_MASTER";
    /// ACL user name for the sentinels (not the data nodes).
    REDIS_SENTINEL_USERNAME = "REDIS_SENTINEL_USERNAME";
    /// Password for the sentinels (not the data nodes); never printed.
    REDIS_SENTINEL_PASSWORD = "REDIS_SENTINEL_PASSWORD";
    /// Any non-empty value other than `0`/`false` talks TLS to the sentinels.
    REDIS_SENTINEL_TLS = "REDIS_SENTINEL_TLS";
    /// BullMQ key prefix (default `bull`).
    QUEUE_PREFIX = "QUEUE_PREFIX";
    /// Default queue for `enqueue` when `--queue` is absent.
    QUEUE_NAME = "QUEUE_NAME";
    /// Default number of attempts for new jobs.
    QUEUE_MAX_RETRIES = "QUEUE_MAX_RETRIES";
    /// Concurrency of scrape-queue in `worker` (default 5).
    QUEUE_CONCURRENCY_SCRAPING = "QUEUE_CONCURRENCY_SCRAPING";
    /// Concurrency of process-queue in `worker` (default 10).
    QUEUE_CONCURRENCY_PROCESSING = "QUEUE_CONCURRENCY_PROCESSING";
    /// Concurrency of maintenance-queue in `worker` (default 1).
    QUEUE_CONCURRENCY_MAINTENANCE = "QUEUE_CONCURRENCY_MAINTENANCE";
    /// How long a job may run before it fails as timed out (ms or a duration).
    QUEUE_JOB_TIMEOUT = "QUEUE_JOB_TIMEOUT";
    /// Worker lock duration (ms or a duration).
    WORKER_LOCK_DURATION = "WORKER_LOCK_DURATION";
    /// How often workers check for stalled jobs (ms or a duration).
    WORKER_STALLED_INTERVAL = "WORKER_STALLED_INTERVAL";
    /// How long an idle worker blocks waiting for a job (ms or a duration).
    WORKER_POLL_INTERVAL = "WORKER_POLL_INTERVAL";
    /// Connect timeout, as a duration (`5s`).
    CONNECT_TIMEOUT = "QUEUECTL_CONNECT_TIMEOUT";
    /// Response timeout for one Redis command, as a duration (`5s`).
    COMMAND_TIMEOUT = "QUEUECTL_COMMAND_TIMEOUT";
    /// Disables colour when set to any non-empty value (<https://no-color.org>).
    NO_COLOR = "NO_COLOR";
    /// Bearer token `serve` requires for mutating routes (and every route off loopback).
    QUEUECTL_TOKEN = "QUEUECTL_TOKEN";
    /// The machine name recorded in worker heartbeats when `--name` is absent.
    HOSTNAME = "HOSTNAME";
    /// Proxy for `http://` requests (read by the HTTP client of `crawl` and scrape jobs).
    HTTP_PROXY = "HTTP_PROXY";
    /// Proxy for `https://` requests (read by the HTTP client).
    HTTPS_PROXY = "HTTPS_PROXY";
    /// Proxy for all requests (read by the HTTP client).
    ALL_PROXY = "ALL_PROXY";
    /// Hosts that bypass the proxy (read by the HTTP client).
    NO_PROXY = "NO_PROXY";
    /// Lower-case form the HTTP client also reads.
    HTTP_PROXY_LOWER = "http_proxy";
    /// Lower-case form the HTTP client also reads.
    HTTPS_PROXY_LOWER = "https_proxy";
    /// Lower-case form the HTTP client also reads.
    ALL_PROXY_LOWER = "all_proxy";
    /// Lower-case form the HTTP client also reads.
    NO_PROXY_LOWER = "no_proxy";
}
