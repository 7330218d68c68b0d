//! `queuectl serve`: the REST API, the WebSocket stream of job events and the
//! live dashboard, over the same domain modules as the CLI.
//!
//! Layout: `listener` (accept loop, timeouts, connection cap), `guard` (Host
//! and Origin allow-list, security headers), `auth` (bearer token), `routes`
//! (REST handlers), `events` (reads the queues' event streams into a
//! broadcast channel), `ws` (fans that channel out to WebSocket clients),
//! `dashboard.{html,css,js}` (the page at `/`).

mod auth;
mod events;
mod guard;
mod listener;
mod routes;
mod ws;

use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::{broadcast, Semaphore};

use crate::connection::{Redis, RedisSettings};

pub use events::Frame;
use events::RescanRequest;
pub use listener::Limits;

/// The dashboard's static files: served without a token even off loopback.
const PAGE_PATHS: [&str; 3] = ["/", "/dashboard.css", "/dashboard.js"];

/// Largest request body accepted (a job's data included).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Events the broadcast channel holds (shared by all clients, about 200 bytes
/// each): a client this far behind is dropped.
const CHANNEL_CAPACITY: usize = 16384;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Required for mutating routes, and for every route off loopback.
    pub token: Option<String>,
    /// Host names (optionally `name:port`) answered for besides the bound address.
    pub allowed_hosts: Vec<String>,
    pub limits: Limits,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Off loopback every route needs a token, so there must be one.
    #[error("--bind {0} is not a loopback address: set --token (or QUEUECTL_TOKEN) so every route requires it")]
    NeedsToken(SocketAddr),
    /// An empty token would match an empty header.
    #[error("--token must not be empty")]
    EmptyToken,
    /// An `--allowed-host` that is not `name` or `name:port`.
    #[error("--allowed-host {0:?} is not a host name or name:port")]
    BadHost(String),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// What every handler shares.
pub(crate) struct AppState {
    pub redis: Redis,
    pub token: Option<auth::Token>,
    /// Off loopback, reads need the token too.
    pub token_for_reads: bool,
    pub events: broadcast::Sender<Arc<Frame>>,
    /// Secrets scrubbed from every error message.
    pub secrets: Vec<String>,
    /// WebSocket clients dropped for falling behind.
    pub dropped_clients: AtomicU64,
    /// Asks the event reader to look for new queues (after an add).
    pub rescan: Arc<RescanRequest>,
    /// Who the server answers for (Host, and WebSocket Origin).
    pub hosts: guard::AllowedHosts,
    /// One permit per open WebSocket client.
    pub ws_slots: Arc<Semaphore>,
}

/// Checks the options before anything listens.
pub fn validate(opts: &ServeOptions) -> Result<(), ServeError> {
    if let Some(bad) = opts.allowed_hosts.iter().find(|h| !guard::valid_entry(h)) {
        return Err(ServeError::BadHost(bad.clone()));
    }
    match &opts.token {
        Some(t) if t.is_empty() => Err(ServeError::EmptyToken),
        None if !opts.bind.ip().is_loopback() => Err(ServeError::NeedsToken(opts.bind)),
        _ => Ok(()),
    }
}

/// A bound listener, so the caller can print the real address (port 0) before serving.
pub async fn bind(opts: &ServeOptions) -> Result<tokio::net::TcpListener, ServeError> {
    tokio::net::TcpListener::bind(opts.bind)
        .await
        .map_err(|source| ServeError::Bind {
            addr: opts.bind,
            source,
        })
}

/// Serves until `shutdown` resolves. `redis` answers the routes; the event
/// reader opens connections of its own from `settings` (its reads block).
pub async fn serve(
    listener: tokio::net::TcpListener,
    redis: Redis,
    settings: &RedisSettings,
    opts: ServeOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    // The real port when --bind asked for 0: Host headers name that one.
    let bound = listener.local_addr().map_err(|source| ServeError::Bind {
        addr: opts.bind,
        source,
    })?;
    let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
    let rescan = Arc::new(RescanRequest::default());
    let reader = tokio::spawn(events::run(
        settings.clone(),
        sender.clone(),
        rescan.clone(),
    ));
    let state = Arc::new(AppState {
        redis,
        token_for_reads: !opts.bind.ip().is_loopback(),
        token: opts.token.as_deref().map(auth::Token::new),
        events: sender,
        secrets: settings.password.iter().cloned().collect(),
        dropped_clients: AtomicU64::new(0),
        rescan,
        hosts: guard::AllowedHosts::new(bound, &opts.allowed_hosts),
        ws_slots: Arc::new(Semaphore::new(opts.limits.max_ws_clients)),
    });
    listener::run(listener, router(state), opts.limits, shutdown).await;
    reader.abort();
    Ok(())
}

fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(routes::dashboard))
        .route("/dashboard.css", get(routes::dashboard_css))
        .route("/dashboard.js", get(routes::dashboard_js))
        .route(
            "/api/queue/jobs",
            get(routes::list_jobs).post(routes::add_job),
        )
        .route(
            "/api/queue/jobs/{queue}/{id}",
            get(routes::get_job).delete(routes::remove_job),
        )
        .route(
            "/api/queue/jobs/{queue}/{id}/retry",
            post(routes::retry_job),
        )
        .route("/api/queue/stats", get(routes::stats))
        .route("/api/queue/health", get(routes::health))
        .route("/metrics", get(routes::metrics))
        .route("/api/queue/ws", get(ws::upgrade))
        .fallback(routes::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::check,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::check_host,
        ))
        .layer(axum::middleware::map_response(guard::security_headers))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}
