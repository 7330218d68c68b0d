//! Turns user input (flags, or NDJSON lines with BullMQ option names) into
//! validated job specs, applying the existing system's defaults. Nothing is
//! written until every job has passed.

use bullmq::types::{BackoffStrategy, KeepJobs, RemoveOnFinish};
use bullmq::{DeduplicationOptions, JobOptions};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{priority, routing, vocab};

/// Default attempts when neither a flag, QUEUE_MAX_RETRIES nor the line sets one.
pub const DEFAULT_ATTEMPTS: u32 = 3;
const DEFAULT_KEEP_COMPLETED: usize = 100;
const DEFAULT_KEEP_FAILED: usize = 50;

/// A job that failed validation; names the line (for NDJSON) and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{field}: {message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct JobInputError {
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
    /// The job has a name no route knows and no queue was given: the caller
    /// says how to give one (a flag, a path segment).
    pub needs_queue: bool,
}

pub(super) fn err(field: &str, message: impl Into<String>) -> JobInputError {
    JobInputError {
        line: None,
        field: field.to_string(),
        message: message.into(),
        needs_queue: false,
    }
}

/// A validated job, ready to add.
#[derive(Debug, Clone)]
pub struct JobSpec {
    pub queue: String,
    pub name: String,
    /// The job data as JSON text, validated.
    pub data: Box<RawValue>,
    pub opts: JobOptions,
}

impl JobSpec {
    /// The custom job id, if one was given.
    pub fn job_id(&self) -> Option<&str> {
        self.opts.job_id.as_deref()
    }

    /// The deduplication id, if one was given.
    pub fn dedup_id(&self) -> Option<&str> {
        self.opts.deduplication.as_ref().map(|d| d.id.as_str())
    }
}

/// Job options, already typed, before the defaults apply. The CLI builds
/// one from its flags; an NDJSON line's `opts` is parsed into another that
/// overrides it.
#[derive(Debug, Clone, Default)]
pub struct JobOptionValues {
    pub queue: Option<String>,
    pub priority: Option<u32>,
    /// Milliseconds.
    pub delay: Option<u64>,
    pub attempts: Option<u32>,
    pub backoff: Option<BackoffStrategy>,
    /// Checked with [`validate_job_id`].
    pub job_id: Option<String>,
    pub dedup: Option<DeduplicationOptions>,
    pub lifo: Option<bool>,
    pub remove_on_complete: Option<RemoveOnFinish>,
    pub remove_on_fail: Option<RemoveOnFinish>,
}

pub(super) type Layer = JobOptionValues;

impl JobOptionValues {
    pub(super) fn over(self, base: &Layer) -> Layer {
        let base = base.clone();
        Layer {
            queue: self.queue.or(base.queue),
            priority: self.priority.or(base.priority),
            delay: self.delay.or(base.delay),
            attempts: self.attempts.or(base.attempts),
            backoff: self.backoff.or(base.backoff),
            job_id: self.job_id.or(base.job_id),
            dedup: self.dedup.or(base.dedup),
            lifo: self.lifo.or(base.lifo),
            remove_on_complete: self.remove_on_complete.or(base.remove_on_complete),
            remove_on_fail: self.remove_on_fail.or(base.remove_on_fail),
        }
    }
}

/// Validates one job with these options into a job spec.
pub fn single(
    name: &str,
    data: Box<RawValue>,
    opts: &JobOptionValues,
) -> Result<JobSpec, JobInputError> {
    finish(name, data, opts.clone())
}

/// Validates a job given as JSON (the REST API): `opts` takes the NDJSON
/// `opts` names (priority names or numbers, delay, attempts, backoff, jobId...).
pub fn from_json(
    name: &str,
    data: Box<RawValue>,
    opts: Map<String, Value>,
    now_ms: u64,
) -> Result<JobSpec, JobInputError> {
    finish(name, data, json_layer(opts, now_ms)?)
}

/// `{}` as raw JSON, the data of a job given none.
pub fn empty_object() -> Box<RawValue> {
    RawValue::from_string("{}".to_string()).expect("{} is JSON")
}

/// The deepest nesting job data may have: the port turns the data into a
/// `serde_json::Value`, whose parser refuses 128 levels and more.
pub const MAX_DATA_DEPTH: usize = 127;

/// How deeply `json` (valid JSON text) nests arrays and objects.
fn nesting_depth(json: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for byte in json.bytes() {
        match (in_string, byte) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            (false, _) => {}
        }
    }
    deepest
}

/// Job data as the port takes it, after the checks `enqueue` applies.
pub fn data_value(raw: &RawValue) -> Result<Value, JobInputError> {
    check_depth(raw)?;
    serde_json::from_str(raw.get()).map_err(|e| err("data", e.to_string()))
}

fn check_depth(data: &RawValue) -> Result<(), JobInputError> {
    let depth = nesting_depth(data.get());
    if depth > MAX_DATA_DEPTH {
        return Err(err(
            "data",
            format!("nested {depth} levels deep; job data may nest at most {MAX_DATA_DEPTH}"),
        ));
    }
    Ok(())
}

pub(super) fn finish(
    name: &str,
    data: Box<RawValue>,
    layer: Layer,
) -> Result<JobSpec, JobInputError> {
    if name.trim().is_empty() {
        return Err(err("name", "must not be empty"));
    }
    check_depth(&data)?;
    let queue = match layer.queue {
        Some(q) => q,
        None => routing::queue_for(name)
            .map(str::to_string)
            .ok_or_else(|| JobInputError {
                needs_queue: true,
                ..err(
                    "queue",
                    format!(
                        "no queue for job name '{name}' (routed names are {})",
                        routing::known_names().join(", ")
                    ),
                )
            })?,
    };
    validate_queue(&queue)?;
    let backoff = layer
        .backoff
        .unwrap_or_else(|| vocab::default_backoff(name));
    let opts = JobOptions {
        priority: layer.priority,
        delay: layer.delay.filter(|d| *d > 0),
        attempts: Some(layer.attempts.unwrap_or(DEFAULT_ATTEMPTS)),
        backoff: Some(backoff),
        job_id: layer.job_id,
        deduplication: layer.dedup,
        lifo: layer.lifo.filter(|l| *l),
        remove_on_complete: Some(
            layer
                .remove_on_complete
                .unwrap_or(RemoveOnFinish::Count(DEFAULT_KEEP_COMPLETED)),
        ),
        remove_on_fail: Some(
            layer
                .remove_on_fail
                .unwrap_or(RemoveOnFinish::Count(DEFAULT_KEEP_FAILED)),
        ),
        ..JobOptions::default()
    };
    Ok(JobSpec {
        queue,
        name: name.to_string(),
        data,
        opts,
    })
}

/// Checks a queue name: non-empty and without `:`.
pub fn validate_queue(queue: &str) -> Result<(), JobInputError> {
    if queue.is_empty() || queue.contains(':') {
        return Err(err(
            "queue",
            format!("invalid queue name '{queue}': it must be non-empty and contain no ':'"),
        ));
    }
    Ok(())
}

pub(super) fn json_layer(opts: Map<String, Value>, now_ms: u64) -> Result<Layer, JobInputError> {
    let mut layer = Layer::default();
    for (key, value) in opts {
        let field = format!("opts.{key}");
        let fail = |m: String| err(&field, m);
        match key.as_str() {
            "queue" => layer.queue = Some(value.as_str().ok_or_else(|| fail("must be a string".into()))?.to_string()),
            "priority" => layer.priority = Some(json_priority(&value).map_err(fail)?),
            "delay" => layer.delay = Some(json_ms(&value).map_err(fail)?),
            "attempts" => layer.attempts = Some(json_attempts(&value).map_err(fail)?),
            "backoff" => layer.backoff = Some(json_backoff(&value).map_err(fail)?),
            "jobId" => layer.job_id = Some(json_job_id(&value).map_err(fail)?),
            "lifo" => layer.lifo = Some(value.as_bool().ok_or_else(|| fail("must be true or false".into()))?),
            "removeOnComplete" => layer.remove_on_complete = Some(json_keep(&value).map_err(fail)?),
            "removeOnFail" => layer.remove_on_fail = Some(json_keep(&value).map_err(fail)?),
            "deduplication" => layer.dedup = Some(json_dedup(&value).map_err(fail)?),
            "at" => layer.delay = Some(delay_until(value.as_str().unwrap_or_default(), now_ms).map_err(fail)?),
            _ => return Err(fail("unknown option (expected priority, delay, attempts, backoff, jobId, lifo, removeOnComplete, removeOnFail, deduplication, queue)".into())),
        }
    }
    Ok(layer)
}

/// Parses a human duration into milliseconds.
pub fn parse_ms(text: &str) -> Result<u64, String> {
    let d = humantime::parse_duration(text.trim())
        .map_err(|e| format!("invalid duration '{text}': {e} (try 500ms, 90s, 15m, 2h, 7d)"))?;
    Ok(d.as_millis() as u64)
}

/// Parses an RFC 3339 time into milliseconds since the Unix epoch.
pub fn parse_time_ms(at: &str) -> Result<u64, String> {
    let when = chrono::DateTime::parse_from_rfc3339(at.trim()).map_err(|e| {
        format!("invalid time '{at}': {e} (expected RFC 3339, e.g. 2027-01-01T09:00:00Z)")
    })?;
    Ok(when.timestamp_millis().max(0) as u64)
}

/// Parses an RFC 3339 time that must not lie in the past (a job "at" a past
/// time would silently run now).
pub fn parse_future_time_ms(at: &str) -> Result<u64, String> {
    not_before(at, super::now_ms())
}

/// The time `at` in milliseconds, refused when it is before `now_ms`.
fn not_before(at: &str, now_ms: u64) -> Result<u64, String> {
    let when = parse_time_ms(at)?;
    if when < now_ms {
        return Err(format!("time '{at}' is in the past"));
    }
    Ok(when)
}

fn delay_until(at: &str, now_ms: u64) -> Result<u64, String> {
    Ok(not_before(at, now_ms)? - now_ms)
}

/// Parses an attempt count: a whole number of at least 1.
pub fn parse_attempts(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("'{text}' is not a whole number of at least 1")),
    }
}

/// `N` keeps the newest N; a duration keeps jobs younger than it (BullMQ ages are seconds).
pub fn parse_keep(text: &str) -> Result<RemoveOnFinish, String> {
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        return Ok(RemoveOnFinish::Count(n));
    }
    match text {
        "true" => return Ok(RemoveOnFinish::Bool(true)),
        "false" => return Ok(RemoveOnFinish::Bool(false)),
        _ => {}
    }
    let ms = parse_ms(text)
        .map_err(|_| format!("'{text}' is neither a count nor a duration (try 100, 24h)"))?;
    Ok(RemoveOnFinish::Options(KeepJobs {
        age: Some(ms / 1000),
        count: None,
        limit: None,
    }))
}

/// Mirrors Node's custom id rules: not an integer, no `:`, not `0`.
pub fn validate_job_id(id: &str) -> Result<String, String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    if id.parse::<i64>().is_ok_and(|n| n.to_string() == id) {
        return Err(format!(
            "'{id}' is an integer; custom ids must not be (they would collide with automatic ids)"
        ));
    }
    if id.contains(':') {
        return Err(format!("'{id}' contains ':', which BullMQ reserves"));
    }
    Ok(id.to_string())
}

/// Deduplication by `id`, for `ttl` milliseconds when given (0 is no limit).
pub fn dedup(id: &str, ttl: Option<u64>) -> Result<DeduplicationOptions, String> {
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    Ok(DeduplicationOptions {
        id: id.to_string(),
        ttl: ttl.filter(|t| *t > 0),
        ..DeduplicationOptions::default()
    })
}

fn json_priority(v: &Value) -> Result<u32, String> {
    match v {
        Value::String(s) => priority::parse(s),
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| format!("{n} is not a whole number"))
            .and_then(priority::from_number),
        _ => Err("must be a name or a number".into()),
    }
}

fn json_ms(v: &Value) -> Result<u64, String> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| format!("{n} is not a whole number of milliseconds")),
        Value::String(s) => parse_ms(s),
        _ => Err("must be milliseconds or a duration string".into()),
    }
}

fn json_attempts(v: &Value) -> Result<u32, String> {
    match v.as_u64() {
        Some(n) if (1..=u32::MAX as u64).contains(&n) => Ok(n as u32),
        _ => Err(format!("{v} is not a whole number of at least 1")),
    }
}

fn json_backoff(v: &Value) -> Result<BackoffStrategy, String> {
    match v {
        Value::Number(_) => Ok(BackoffStrategy::Fixed(json_ms(v)?)),
        Value::String(s) => vocab::parse_backoff(s),
        Value::Object(m) => {
            let kind = m
                .get("type")
                .and_then(Value::as_str)
                .ok_or("needs a \"type\"")?;
            let delay = m.get("delay").map(json_ms).transpose()?.unwrap_or(0);
            vocab::backoff(kind, delay)
        }
        _ => Err("must be a number, \"type:DURATION\" or {\"type\", \"delay\"}".into()),
    }
}

fn json_job_id(v: &Value) -> Result<String, String> {
    v.as_str()
        .ok_or_else(|| "must be a string".to_string())
        .and_then(validate_job_id)
}

fn json_keep(v: &Value) -> Result<RemoveOnFinish, String> {
    match v {
        Value::Bool(b) => Ok(RemoveOnFinish::Bool(*b)),
        Value::Number(n) => n
            .as_u64()
            .map(|n| RemoveOnFinish::Count(n as usize))
            .ok_or_else(|| format!("{n} is not a whole number")),
        Value::String(s) => parse_keep(s),
        Value::Object(m) => {
            let num = |k: &str| {
                m.get(k)
                    .map(|v| v.as_u64().ok_or(format!("{k} must be a whole number")))
                    .transpose()
            };
            if let Some(extra) = m
                .keys()
                .find(|k| !["age", "count", "limit"].contains(&k.as_str()))
            {
                return Err(format!(
                    "unknown key '{extra}' (expected age, count, limit)"
                ));
            }
            Ok(RemoveOnFinish::Options(KeepJobs {
                age: num("age")?,
                count: num("count")?.map(|n| n as usize),
                limit: num("limit")?.map(|n| n as usize),
            }))
        }
        _ => Err("must be true, false, a count, a duration or {age, count}".into()),
    }
}

fn json_dedup(v: &Value) -> Result<DeduplicationOptions, String> {
    let m = v
        .as_object()
        .ok_or("must be an object like {\"id\": ..., \"ttl\": ...}")?;
    let id = m
        .get("id")
        .and_then(Value::as_str)
        .ok_or("needs a string \"id\"")?;
    let ttl = m.get("ttl").map(json_ms).transpose()?;
    let mut d = dedup(id, ttl)?;
    d.extend = m.get("extend").and_then(Value::as_bool);
    d.replace = m.get("replace").and_then(Value::as_bool);
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn data_depth_limit_is_the_one_the_port_parses_with() {
        for depth in [
            1,
            64,
            MAX_DATA_DEPTH - 1,
            MAX_DATA_DEPTH,
            MAX_DATA_DEPTH + 1,
            200,
        ] {
            let text = nested(depth);
            assert_eq!(nesting_depth(&text), depth);
            let parses = serde_json::from_str::<Value>(&text).is_ok();
            assert_eq!(parses, depth <= MAX_DATA_DEPTH, "depth {depth}");
        }
        // Brackets inside strings, escaped quotes included, do not count.
        assert_eq!(nesting_depth(r#"{"a":"[[[\"{{","b":[{}]}"#), 3);
    }

    #[test]
    fn data_nested_too_deep_is_refused_naming_the_field() {
        let data = RawValue::from_string(nested(MAX_DATA_DEPTH + 1)).unwrap();
        let e = finish("analytics", data, Layer::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "data: nested 128 levels deep; job data may nest at most 127"
        );
        let ok = RawValue::from_string(nested(MAX_DATA_DEPTH)).unwrap();
        assert!(finish("analytics", ok, Layer::default()).is_ok());
    }

    fn obj() -> Box<RawValue> {
        empty_object()
    }

    const NOW: u64 = 1_700_000_000_000;

    #[test]
    fn defaults_follow_the_existing_system() {
        let none = JobOptionValues::default();
        let job = single("full-crawl", obj(), &none).unwrap();
        assert_eq!(job.queue, "scrape-queue");
        assert_eq!(job.opts.attempts, Some(3));
        assert!(matches!(
            job.opts.backoff,
            Some(BackoffStrategy::Exponential(2000))
        ));
        assert!(matches!(
            job.opts.remove_on_complete,
            Some(RemoveOnFinish::Count(100))
        ));
        assert!(matches!(
            job.opts.remove_on_fail,
            Some(RemoveOnFinish::Count(50))
        ));
        let other = single("analytics", obj(), &none).unwrap();
        assert!(matches!(
            other.opts.backoff,
            Some(BackoffStrategy::Fixed(5000))
        ));
        assert_eq!(other.opts.priority, None);
    }

    #[test]
    fn unknown_name_without_queue_is_an_error() {
        let e = single("email", obj(), &JobOptionValues::default()).unwrap_err();
        assert_eq!(e.field, "queue");
    }

    #[test]
    fn parses_times_keep_policies_attempts_and_ids() {
        assert!(matches!(
            parse_keep("24h"),
            Ok(RemoveOnFinish::Options(KeepJobs {
                age: Some(86_400),
                ..
            }))
        ));
        assert!(matches!(parse_keep("7"), Ok(RemoveOnFinish::Count(7))));
        assert!(parse_keep("soon").is_err());
        assert_eq!(delay_until("2023-11-14T22:13:30Z", NOW), Ok(10_000));
        assert!(parse_time_ms("tomorrow")
            .unwrap_err()
            .contains("invalid time"));
        assert_eq!(parse_attempts("2"), Ok(2));
        assert!(parse_attempts("0").is_err());
        assert!(validate_job_id("42").unwrap_err().contains("integer"));
        assert_eq!(validate_job_id("a-1"), Ok("a-1".to_string()));
    }
}
