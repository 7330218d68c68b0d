//! Job schedulers (BullMQ's `upsertJobScheduler`): validating a schedule,
//! adding or updating one, listing them with Node's field names, removing one.
//!
//! Cron expressions and zones are checked with the parser and zone database
//! bullmq-official itself computes next runs with, before anything is written.

use std::collections::HashMap;
use std::str::FromStr;

use bullmq::job_scheduler::{next_cron_millis, JobSchedulerJson, RepeatOptions};
use croner::parser::{CronParser, Seconds};
use serde::Serialize;
use serde_json::{Map, Value};

use super::input::{self, err, JobInputError, JobOptionValues, JobSpec};
use super::keys;
use crate::connection::Redis;

/// When a scheduler fires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cadence {
    /// A cron expression (5 or 6 fields) in a time zone (UTC when `None`).
    Cron { pattern: String, tz: Option<String> },
    /// A fixed interval in milliseconds.
    Every(u64),
}

/// A scheduler to validate: its cadence comes from [`parse_cron`],
/// [`parse_tz`] or [`parse_every`].
#[derive(Debug, Clone)]
pub struct ScheduleInput {
    pub id: String,
    /// Job name of each iteration; the id when `None`.
    pub name: Option<String>,
    pub cadence: Cadence,
    pub limit: Option<u64>,
}

/// A validated scheduler, ready to upsert.
#[derive(Debug, Clone)]
pub struct SchedulerSpec {
    pub id: String,
    pub cadence: Cadence,
    pub limit: Option<u64>,
    /// Queue, job name, template data and template options of the iterations.
    pub job: JobSpec,
}

/// One scheduler, with the field names of Node's `getJobSchedulers` plus `queue`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchedulerRow {
    pub queue: String,
    /// The scheduler id.
    pub key: String,
    /// The job name of its iterations.
    pub name: String,
    /// When the next iteration runs (epoch ms).
    pub next: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iteration_count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<Template>,
}

/// The data and options every iteration is created with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opts: Option<Value>,
}

/// Job options BullMQ stores under short names (Node's `optsDecodeMap`).
const SHORT_OPTION_NAMES: [(&str, &str); 6] = [
    ("de", "deduplication"),
    ("fpof", "failParentOnFailure"),
    ("cpof", "continueParentOnFailure"),
    ("idof", "ignoreDependencyOnFailure"),
    ("kl", "keepLogs"),
    ("rdof", "removeDependencyOnFailure"),
];

/// Validates a scheduler: its id, cadence, limit, and the job options of its
/// iterations (the same parsing and defaults as `enqueue`).
pub fn spec(
    input: &ScheduleInput,
    data: Box<serde_json::value::RawValue>,
    opts: &JobOptionValues,
    now_ms: u64,
) -> Result<SchedulerSpec, JobInputError> {
    if input.id.trim().is_empty() {
        return Err(err("ID", "must not be empty"));
    }
    if !fires(&input.cadence, now_ms) {
        return Err(err("cadence", "never fires"));
    }
    if input.limit == Some(0) {
        return Err(err("limit", "must be at least 1"));
    }
    let name = input.name.as_deref().unwrap_or(&input.id);
    let job = input::single(name, data, opts)?;
    Ok(SchedulerSpec {
        id: input.id.clone(),
        cadence: input.cadence.clone(),
        limit: input.limit,
        job,
    })
}

/// Parses an interval: a duration longer than 0, in milliseconds.
pub fn parse_every(text: &str) -> Result<u64, String> {
    match input::parse_ms(text)? {
        0 => Err("must be longer than 0ms".into()),
        ms => Ok(ms),
    }
}

/// Checks a cron expression (5 or 6 fields) with the parser bullmq-official uses.
pub fn parse_cron(pattern: &str) -> Result<String, String> {
    let pattern = pattern.trim();
    CronParser::builder()
        .seconds(Seconds::Optional)
        .build()
        .parse(pattern)
        .map_err(|e| format!("invalid cron expression '{pattern}': {e}"))?;
    Ok(pattern.to_string())
}

/// Checks a time zone against the zone database bullmq-official uses.
pub fn parse_tz(zone: &str) -> Result<String, String> {
    chrono_tz::Tz::from_str(zone).map_err(|_| {
        format!(
            "unknown time zone '{zone}' (expected an IANA name such as America/New_York or UTC)"
        )
    })?;
    Ok(zone.to_string())
}

/// Whether a cadence has a next run at all (`0 0 30 2 *` never does).
pub fn fires(cadence: &Cadence, now_ms: u64) -> bool {
    match cadence {
        Cadence::Cron { pattern, tz } => {
            matches!(
                next_cron_millis(pattern, now_ms, tz.as_deref(), None),
                Ok(Some(_))
            )
        }
        Cadence::Every(ms) => *ms > 0,
    }
}

/// Adds the scheduler, or updates the one with the same id, and reads it back.
pub async fn upsert(redis: &Redis, spec: SchedulerSpec) -> Result<SchedulerRow, bullmq::Error> {
    let queue = redis.queue(&spec.job.queue).await?;
    let (pattern, tz, every) = match spec.cadence {
        Cadence::Cron { pattern, tz } => (Some(pattern), tz, None),
        Cadence::Every(ms) => (None, None, Some(ms)),
    };
    let repeat = RepeatOptions {
        pattern,
        tz,
        every,
        limit: spec.limit,
        ..RepeatOptions::default()
    };
    let data: Value = serde_json::from_str(spec.job.data.get())?;
    redis
        .port(queue.upsert_job_scheduler(
            &spec.id,
            repeat,
            Some(&spec.job.name),
            Some(data),
            Some(spec.job.opts),
        ))
        .await?;
    let stored = redis.port(queue.get_job_scheduler(&spec.id)).await?;
    stored.map(|s| row(&spec.job.queue, s)).ok_or_else(|| {
        bullmq::Error::InvalidConfig(format!("job scheduler {} was not stored", spec.id))
    })
}

/// Every scheduler of `queues`, by queue, soonest first.
pub async fn list(redis: &Redis, queues: &[String]) -> Result<Vec<SchedulerRow>, bullmq::Error> {
    let mut rows = Vec::new();
    for name in queues {
        rows.extend(stored(redis, name).await?.into_iter().map(|s| row(name, s)));
    }
    Ok(rows)
}

/// One scheduler, or `None` when `queue` has no scheduler `id`.
pub async fn get(
    redis: &Redis,
    queue: &str,
    id: &str,
) -> Result<Option<SchedulerRow>, bullmq::Error> {
    let found = stored(redis, queue)
        .await?
        .into_iter()
        .find(|s| s.key == id);
    Ok(found.map(|s| row(queue, s)))
}

/// `queue`'s schedulers as stored, soonest first: the `repeat` sorted set
/// (next run as score) and each one's `repeat:<id>` hash, parsed as the
/// port's `getJobSchedulers` parses them. Read commands only: the port's
/// reader needs a queue handle, whose opening writes the meta hash.
pub(crate) async fn stored(
    redis: &Redis,
    queue: &str,
) -> Result<Vec<JobSchedulerJson>, bullmq::Error> {
    let ids = redis
        .zrange_by_score(&keys::queue(redis.prefix(), queue).repeat(), "-inf", "+inf")
        .await?;
    let hash_keys: Vec<String> = ids
        .iter()
        .map(|(id, _)| keys::scheduler(redis.prefix(), queue, id))
        .collect();
    let hashes = redis.hgetall_many(&hash_keys).await?;
    Ok(ids
        .into_iter()
        .zip(hashes)
        .filter(|(_, fields)| !fields.is_empty())
        .map(|((id, next), fields)| parse_stored(id, next, &fields))
        .collect())
}

fn parse_stored(key: String, next: u64, fields: &HashMap<String, String>) -> JobSchedulerJson {
    let num = |f: &str| fields.get(f).and_then(|v| v.parse::<u64>().ok());
    let json = |f: &str| fields.get(f).and_then(|v| serde_json::from_str(v).ok());
    JobSchedulerJson {
        key,
        name: fields.get("name").cloned().unwrap_or_default(),
        iteration_count: num("ic").unwrap_or(0),
        limit: num("limit"),
        start_date: num("startDate"),
        end_date: num("endDate"),
        tz: fields.get("tz").cloned(),
        pattern: fields.get("pattern").cloned(),
        every: num("every"),
        next: Some(next),
        offset: num("offset"),
        data: json("data"),
        opts: json("opts"),
    }
}

/// The queues holding a scheduler `id`, for finding it without `--queue`.
pub async fn queues_with(
    redis: &Redis,
    queues: &[String],
    id: &str,
) -> Result<Vec<String>, bullmq::Error> {
    let mut found = Vec::new();
    for queue in queues {
        if get(redis, queue, id).await?.is_some() {
            found.push(queue.clone());
        }
    }
    Ok(found)
}

/// Removes scheduler `id` and its pending iteration; `false` when there was none.
/// Jobs it produced earlier stay.
pub async fn remove(redis: &Redis, queue: &str, id: &str) -> Result<bool, bullmq::Error> {
    let handle = redis.queue(queue).await?;
    redis.port(handle.remove_job_scheduler(id)).await
}

/// Reshapes the port's scheduler into Node's: the template under `template`,
/// option names decoded, no iteration count when none is stored.
fn row(queue: &str, s: JobSchedulerJson) -> SchedulerRow {
    let template = (s.data.is_some() || s.opts.is_some()).then(|| Template {
        data: s.data,
        opts: s.opts.map(decode_opts),
    });
    SchedulerRow {
        queue: queue.to_string(),
        key: s.key,
        name: s.name,
        next: s.next,
        iteration_count: Some(s.iteration_count).filter(|n| *n > 0),
        limit: s.limit,
        start_date: s.start_date,
        end_date: s.end_date,
        tz: s.tz,
        pattern: s.pattern,
        every: s.every,
        offset: s.offset,
        template,
    }
}

fn decode_opts(opts: Value) -> Value {
    let Value::Object(map) = opts else {
        return opts;
    };
    let decoded: Map<String, Value> = map
        .into_iter()
        .map(|(k, v)| {
            let long = SHORT_OPTION_NAMES
                .iter()
                .find(|(short, _)| *short == k)
                .map_or(k, |(_, long)| long.to_string());
            (long, v)
        })
        .collect();
    Value::Object(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    fn input(cron: Option<&str>, tz: Option<&str>, every: Option<&str>) -> ScheduleInput {
        let cadence = match (cron, every) {
            (Some(p), _) => Cadence::Cron {
                pattern: p.into(),
                tz: tz.map(String::from),
            },
            (None, every) => Cadence::Every(parse_every(every.unwrap_or("1s")).unwrap()),
        };
        ScheduleInput {
            id: "daily-maintenance".into(),
            name: None,
            cadence,
            limit: None,
        }
    }

    fn check(i: &ScheduleInput, flags: &JobOptionValues) -> Result<SchedulerSpec, JobInputError> {
        spec(i, input::empty_object(), flags, NOW)
    }

    #[test]
    fn cron_with_zone_routes_by_job_name() {
        let s = check(
            &input(Some("0 2 * * *"), Some("America/New_York"), None),
            &JobOptionValues::default(),
        )
        .unwrap();
        assert_eq!(s.job.queue, "maintenance-queue");
        assert_eq!(s.job.name, "daily-maintenance");
        assert_eq!(
            s.cadence,
            Cadence::Cron {
                pattern: "0 2 * * *".into(),
                tz: Some("America/New_York".into())
            }
        );
        assert_eq!(s.job.opts.attempts, Some(input::DEFAULT_ATTEMPTS));
    }

    #[test]
    fn every_is_milliseconds_and_six_field_cron_is_accepted() {
        let s = check(&input(None, None, Some("15m")), &JobOptionValues::default()).unwrap();
        assert_eq!(s.cadence, Cadence::Every(900_000));
        assert!(check(
            &input(Some("*/1 * * * * *"), None, None),
            &JobOptionValues::default()
        )
        .is_ok());
    }

    #[test]
    fn bad_schedules_are_refused() {
        assert!(parse_cron("61 * * * *").is_err());
        assert!(parse_cron("not cron").is_err());
        assert!(parse_tz("Mars/Olympus")
            .unwrap_err()
            .contains("Mars/Olympus"));
        assert_eq!(parse_tz("America/New_York"), Ok("America/New_York".into()));
        assert!(parse_every("0s").is_err());
        assert!(parse_every("soon").is_err());
        let never = input(Some("0 0 30 2 *"), None, None);
        assert!(!fires(&never.cadence, NOW));
        let field = |i: ScheduleInput| check(&i, &JobOptionValues::default()).unwrap_err().field;
        assert_eq!(field(never), "cadence");
        let zero = ScheduleInput {
            limit: Some(0),
            ..input(None, None, Some("1s"))
        };
        assert_eq!(field(zero), "limit");
    }

    #[test]
    fn short_option_names_are_decoded() {
        let opts = serde_json::json!({"attempts": 3, "kl": 5});
        assert_eq!(
            decode_opts(opts),
            serde_json::json!({"attempts": 3, "keepLogs": 5})
        );
    }
}
