//! The REST handlers: JSON in and out, with the existing API's field names,
//! over the same domain modules as the CLI.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use bullmq::types::JobState as PortState;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use super::{AppState, BODY_LIMIT};
use crate::connection;
use crate::queues::health::{self, Thresholds};
use crate::queues::inspect::{self, JobRow};
use crate::queues::vocab::JobState;
use crate::queues::{add, discovery, input, now_ms, stats};

/// An error answer: a status and `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            let value = header::HeaderValue::from_static("Bearer");
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

impl AppState {
    /// A Redis failure as an answer: 503 when Redis is gone, else 500; the
    /// message never carries a secret, and a 500 carries no Redis or Lua text
    /// (key names, script hashes) either.
    fn redis_error(&self, err: bullmq::Error) -> ApiError {
        let gone = matches!(&err, bullmq::Error::Redis(e)
            if e.is_io_error() || e.is_connection_dropped() || e.is_timeout() || e.is_connection_refusal());
        let text = self
            .secrets
            .iter()
            .fold(err.to_string(), |t, s| connection::redact(&t, Some(s)));
        if gone {
            let target = self.redis.target();
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("Redis at {target} is unavailable: {text}"),
            )
        } else {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error: a Redis command failed",
            )
        }
    }

    fn db<T>(&self, result: Result<T, bullmq::Error>) -> Result<T, ApiError> {
        result.map_err(|e| self.redis_error(e))
    }
}

type Api<T> = Result<T, ApiError>;

/// `GET /`: the dashboard page, embedded in the binary.
pub(crate) async fn dashboard() -> Html<&'static str> {
    Html(include_str!("dashboard.html"))
}

/// `GET /dashboard.css`: the page's style (a file of its own, as the CSP allows no inline style).
pub(crate) async fn dashboard_css() -> Response {
    static_file("text/css; charset=utf-8", include_str!("dashboard.css"))
}

/// `GET /dashboard.js`: the page's script (a file of its own, as the CSP allows no inline script).
pub(crate) async fn dashboard_js() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("dashboard.js"),
    )
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Any other path.
pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found("no such route (see `queuectl serve --help`)")
}

/// Query of `GET /api/queue/jobs`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListQuery {
    queue: Option<String>,
    status: Option<String>,
    limit: Option<u32>,
}

const MAX_LIMIT: u32 = 1000;

/// `GET /api/queue/jobs?queue=Q&status=S&limit=N`: one queue's jobs, or the
/// newest across every queue when `queue` is absent.
pub(crate) async fn list_jobs(
    State(st): State<Arc<AppState>>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Api<Json<Value>> {
    let Query(q) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let status = q.status.as_deref().map(status_name).transpose()?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let queues = match &q.queue {
        Some(name) => {
            existing_queue(&st, name).await?;
            vec![name.clone()]
        }
        None => st.db(discovery::discover(&st.redis).await)?,
    };
    let mut rows = Vec::new();
    for name in &queues {
        let jobs = st.db(inspect::list(&st.redis, name, status, limit, 0).await)?;
        rows.extend(jobs.into_iter().map(|j| (name.clone(), j)));
    }
    if q.queue.is_none() {
        rows.sort_by_key(|(_, j)| std::cmp::Reverse(latest(j)));
        rows.truncate(limit as usize);
    }
    let jobs: Vec<Value> = rows
        .iter()
        .map(|(queue, j)| job_summary(queue, j))
        .collect();
    Ok(Json(json!({ "jobs": jobs })))
}

fn latest(j: &JobRow) -> u64 {
    j.finished_on.or(j.processed_on).unwrap_or(j.timestamp)
}

/// A status as the API spells it (`wait` or `waiting`, ...).
fn status_name(s: &str) -> Api<JobState> {
    JobState::parse(s).ok_or_else(|| {
        let names: Vec<&str> = JobState::ALL.iter().map(|s| s.name()).collect();
        ApiError::bad_request(format!(
            "unknown status '{s}' (expected one of {})",
            names.join(", ")
        ))
    })
}

fn job_summary(queue: &str, j: &JobRow) -> Value {
    let mut v = json!({
        "id": j.id,
        "name": j.name,
        "queue": queue,
        "status": j.state,
        "progress": j.progress,
        "attemptsMade": j.attempts_made,
        "createdAt": j.timestamp,
        "processedAt": j.processed_on,
        "finishedAt": j.finished_on,
    });
    if !j.failed_reason.is_empty() {
        v["failedReason"] = Value::from(j.failed_reason.as_str());
    }
    v
}

/// 400 for a malformed name, or on Cluster one whose keys could not share a slot.
fn usable_queue(st: &AppState, name: &str) -> Api<()> {
    input::validate_queue(name).map_err(|e| ApiError::bad_request(e.to_string()))?;
    st.redis
        .check_queue(name)
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

/// 400 for a malformed name, 404 for a queue with no keys.
async fn existing_queue(st: &AppState, name: &str) -> Api<()> {
    usable_queue(st, name)?;
    if st.db(discovery::exists(&st.redis, name).await)? {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "queue '{name}' not found under prefix '{}'",
            st.redis.prefix()
        )))
    }
}

/// `POST /api/queue/jobs` with `{"type", "data", "options"}`.
pub(crate) async fn add_job(
    State(st): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Api<Response> {
    // 413 for a body over the limit, with the same `{"error"}` shape as the rest.
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            e.status(),
            format!("request body is larger than the limit of {BODY_LIMIT} bytes"),
        ),
        status => ApiError::new(status, e.body_text()),
    })?;
    let spec = parse_new_job(&body)?;
    let added = st.db(add::add_one(&st.redis, spec).await)?;
    st.rescan.request();
    let (status, state, message) = if added.duplicate {
        (
            StatusCode::OK,
            "duplicate",
            "A job with this jobId already exists; nothing was added",
        )
    } else if added.deduplicated {
        (
            StatusCode::OK,
            "deduplicated",
            "A job holds this deduplication id; nothing was added",
        )
    } else {
        (StatusCode::CREATED, "queued", "Job created successfully")
    };
    let doc = json!({
        "jobId": added.id,
        "queue": added.queue,
        "status": state,
        "message": message,
    });
    Ok((status, Json(doc)).into_response())
}

/// Validates a new job's body completely before anything is written.
fn parse_new_job(body: &[u8]) -> Api<input::JobSpec> {
    let bad = |m: &dyn std::fmt::Display| ApiError::bad_request(m.to_string());
    // Parsed whole first so JSON nested past serde_json's depth limit is a
    // 400 here, not an error deep inside the job's serialization.
    if let Err(e) = serde_json::from_slice::<Value>(body) {
        return Err(bad(&format!("invalid JSON: {e}")));
    }
    let mut fields: HashMap<String, Box<RawValue>> = serde_json::from_slice(body).map_err(|e| {
        match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            Ok(_) => {
                bad(&"expected a JSON object like {\"type\": ..., \"data\": ..., \"options\": ...}")
            }
            Err(_) => bad(&format!("invalid JSON: {e}")),
        }
    })?;
    let name: String = match fields.remove("type") {
        Some(v) => serde_json::from_str(v.get()).map_err(|_| bad(&"type: must be a string"))?,
        None => return Err(bad(&"type: missing (the job name, e.g. single-page)")),
    };
    let data = fields.remove("data").unwrap_or_else(input::empty_object);
    let options: Map<String, Value> = match fields.remove("options") {
        None => Map::new(),
        Some(v) if v.get() == "null" => Map::new(),
        Some(v) => serde_json::from_str(v.get()).map_err(|_| bad(&"options: must be an object"))?,
    };
    if let Some(key) = fields.keys().next() {
        return Err(bad(&format!(
            "{key}: unknown field (expected type, data, options)"
        )));
    }
    input::from_json(&name, data, options, now_ms()).map_err(|e| {
        let field = e
            .field
            .strip_prefix("opts.")
            .map_or(e.field.clone(), |f| format!("options.{f}"));
        bad(&format!("{field}: {}", e.message))
    })
}

/// 404 unless `id` is a job of `queue` (checked without a queue handle).
async fn existing_job(st: &AppState, queue: &str, id: &str) -> Api<()> {
    usable_queue(st, queue)?;
    let found = st.db(inspect::jobs_exist(&st.redis, queue, &[id.to_string()]).await)?;
    if found.first().copied().unwrap_or(false) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "job '{id}' not found in queue '{queue}'"
        )))
    }
}

/// `GET /api/queue/jobs/{queue}/{id}`: the job whole, as `queuectl job --json`.
pub(crate) async fn get_job(
    State(st): State<Arc<AppState>>,
    Path((queue, id)): Path<(String, String)>,
) -> Api<Json<Value>> {
    usable_queue(&st, &queue)?;
    match st.db(inspect::show(&st.redis, &queue, &id).await)? {
        Some(job) => Ok(Json(job)),
        None => Err(ApiError::not_found(format!(
            "job '{id}' not found in queue '{queue}'"
        ))),
    }
}

/// `POST /api/queue/jobs/{queue}/{id}/retry`: moves a failed job back to waiting.
pub(crate) async fn retry_job(
    State(st): State<Arc<AppState>>,
    Path((queue_name, id)): Path<(String, String)>,
) -> Api<Json<Value>> {
    existing_job(&st, &queue_name, &id).await?;
    let queue = st.db(st.redis.queue(&queue_name).await)?;
    let state = st.db(queue.get_job_state(&id).await)?;
    if state != PortState::Failed {
        return Err(ApiError::conflict(format!(
            "job '{id}' is not failed (it is {}); only failed jobs can be retried",
            state_text(&state)
        )));
    }
    let Some(mut job) = st.db(queue.get_job(&id).await)? else {
        return Err(ApiError::not_found(format!(
            "job '{id}' not found in queue '{queue_name}'"
        )));
    };
    st.db(job.retry("failed", None).await)?;
    Ok(Json(json!({
        "jobId": id,
        "queue": queue_name,
        "status": JobState::Waiting.name(),
        "message": "Job queued for retry",
    })))
}

fn state_text(state: &PortState) -> &str {
    JobState::display_name(state.as_str())
}

/// `DELETE /api/queue/jobs/{queue}/{id}`: removes the job (and its children).
pub(crate) async fn remove_job(
    State(st): State<Arc<AppState>>,
    Path((queue_name, id)): Path<(String, String)>,
) -> Api<Json<Value>> {
    existing_job(&st, &queue_name, &id).await?;
    let queue = st.db(st.redis.queue(&queue_name).await)?;
    match queue.remove(&id).await {
        Ok(true) => Ok(Json(
            json!({ "jobId": id, "queue": queue_name, "removed": true }),
        )),
        Ok(false) => Err(ApiError::conflict(format!(
            "job '{id}' is locked (a worker is processing it); try again when it finishes"
        ))),
        Err(bullmq::Error::Script { message, .. }) => Err(ApiError::conflict(message)),
        Err(e) => Err(st.redis_error(e)),
    }
}

/// `GET /api/queue/stats`: the same document as `queuectl stats --json`.
pub(crate) async fn stats(State(st): State<Arc<AppState>>) -> Api<Json<stats::StatsReport>> {
    Ok(Json(st.db(stats::report(&st.redis, &[]).await)?))
}

/// `GET /metrics`: every queue's Prometheus text, as `queuectl metrics
/// --format prometheus` (and Node's `exportPrometheusMetrics()`) prints it.
pub(crate) async fn metrics(State(st): State<Arc<AppState>>) -> Api<Response> {
    let queues = st.db(crate::queues::discovery::discover(&st.redis).await)?;
    let read = st.db(crate::queues::metrics::read(&st.redis, &queues, 0).await)?;
    let gauges = st.db(crate::queues::metrics::read_gauges(&st.redis, &queues, now_ms()).await)?;
    let mut text = crate::queues::metrics::prometheus_text(&read, Some(&gauges), &[]);
    text.push('\n');
    let content_type = "text/plain; version=0.0.4; charset=utf-8";
    Ok(([(axum::http::header::CONTENT_TYPE, content_type)], text).into_response())
}

/// `GET /api/queue/health`: 200 when healthy, 503 otherwise.
pub(crate) async fn health(State(st): State<Arc<AppState>>) -> Response {
    let (doc, healthy) = health_document(&st).await;
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(doc)).into_response()
}

/// How long a health check may take before Redis counts as unreachable.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(3);

/// The health document (`queuectl health --json` with the default
/// thresholds, plus dropped WebSocket clients) and whether it is healthy.
async fn health_document(st: &AppState) -> (Value, bool) {
    let thresholds = Thresholds::default();
    let check = health::check(&st.redis, &[], &thresholds, now_ms());
    let (mut doc, healthy) = match tokio::time::timeout(HEALTH_TIMEOUT, check).await {
        Ok(Ok(report)) => (json!(report), report.is_healthy),
        Ok(Err(e)) => (unreachable(st.redis_error(e).message), false),
        Err(_) => (
            unreachable(format!("no answer within {}s", HEALTH_TIMEOUT.as_secs())),
            false,
        ),
    };
    let dropped = st
        .dropped_clients
        .load(std::sync::atomic::Ordering::Relaxed);
    doc["websocket"] = json!({ "droppedClients": dropped });
    (doc, healthy)
}

/// The health document when Redis did not answer.
fn unreachable(reason: String) -> Value {
    json!({
        "isHealthy": false,
        "queues": [],
        "workers": [],
        "issues": [format!("Redis unreachable: {reason}")],
        "issueDetails": [{ "queue": null, "check": "redis", "message": format!("Redis unreachable: {reason}") }],
    })
}
