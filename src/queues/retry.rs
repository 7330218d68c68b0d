//! Retrying jobs from BullMQ's `failed` set (BullMQ has no "dead" state):
//! matching the set against filters by reading it, then retrying through the
//! port in bulk, one job at a time, or as new jobs.

use regex::Regex;
use serde::Serialize;
use serde_json::value::to_raw_value;

use super::add::add_one;
use super::input::{self, JobOptionValues};
use super::keys;
use super::priority;
use crate::connection::{is_lost, Redis};

/// Jobs each bulk-retry script call moves (BullMQ's default batch).
const BULK_BATCH: u32 = 1000;

/// The priority and attempts of a reprocessed job (the existing system's rule).
pub const REPROCESS_PRIORITY: u32 = priority::LOW;
/// Attempts of a reprocessed job.
pub const REPROCESS_ATTEMPTS: u32 = 1;

/// Which failed jobs (or dead-letter records) to retry; validated already.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub name: Option<String>,
    /// Failed at or after this time (epoch ms).
    pub since_ms: Option<u64>,
    /// Failed strictly before this time (epoch ms).
    pub before_ms: Option<u64>,
    /// Matches the failed reason.
    pub error: Option<Regex>,
    pub ids: Vec<String>,
    pub limit: Option<usize>,
}

impl Filter {
    /// Whether BullMQ's bulk retry selects exactly these jobs: it takes every
    /// failed job up to a time, so only `--failed-before` may be set.
    pub fn is_bulk(&self) -> bool {
        self.name.is_none()
            && self.error.is_none()
            && self.ids.is_empty()
            && self.limit.is_none()
            && self.since_ms.is_none()
    }

    /// The newest failure time (inclusive) that matches, given the time of reading.
    pub fn newest(&self, now_ms: u64) -> u64 {
        match self.before_ms {
            Some(before) => before.saturating_sub(1).min(now_ms),
            None => now_ms,
        }
    }

    /// Whether a name and failure text pass the name and error filters.
    pub fn accepts(&self, name: &str, error: &str) -> bool {
        self.name.as_deref().is_none_or(|n| n == name)
            && self.error.as_ref().is_none_or(|re| re.is_match(error))
    }

    /// Whether a failure time passes the time filters.
    pub fn accepts_time(&self, at_ms: u64) -> bool {
        self.since_ms.is_none_or(|s| at_ms >= s) && self.before_ms.is_none_or(|b| at_ms < b)
    }
}

/// A failed job that matched.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    /// When it failed (the failed set's score, epoch ms).
    pub failed_on: u64,
}

/// The matching failed jobs of one queue, oldest failure first.
#[derive(Debug, Clone)]
pub struct QueueMatch {
    pub queue: String,
    pub jobs: Vec<Candidate>,
    /// The newest failure time read (inclusive): the bulk retry's cut-off.
    pub newest_ms: u64,
}

/// What happened to one job or dead-letter record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Retried,
    Skipped,
    Failed,
}

/// One line of the retry report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// The queue the job is in (or, for a record, is re-added to), when known.
    pub queue: Option<String>,
    /// The job id (for a record: its `jobId`), when known.
    pub id: Option<String>,
    /// The id of the job added in its place (`--as-new`, dead-letter records).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_id: Option<String>,
    pub outcome: Outcome,
    /// Why it was skipped or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Item {
    fn new(queue: &str, id: &str, outcome: Outcome, reason: Option<String>) -> Self {
        Self {
            queue: Some(queue.to_string()),
            id: Some(id.to_string()),
            new_id: None,
            outcome,
            reason,
        }
    }
}

/// Reads the failed set of `queue` and keeps the jobs `filter` selects (no
/// limit applied; see [`apply_limit`]). Writes nothing.
pub async fn find(
    redis: &Redis,
    queue: &str,
    filter: &Filter,
    now_ms: u64,
) -> Result<QueueMatch, bullmq::Error> {
    let newest = filter.newest(now_ms);
    let min = filter.since_ms.unwrap_or(0).to_string();
    let key = keys::queue(redis.prefix(), queue).failed();
    let mut jobs: Vec<Candidate> = redis
        .zrange_by_score(&key, &min, &newest.to_string())
        .await?
        .into_iter()
        .map(|(id, failed_on)| Candidate { id, failed_on })
        .collect();
    if !filter.ids.is_empty() {
        jobs.retain(|c| filter.ids.contains(&c.id));
    }
    if filter.name.is_some() || filter.error.is_some() {
        jobs = by_fields(redis, queue, jobs, filter).await?;
    }
    Ok(QueueMatch {
        queue: queue.to_string(),
        jobs,
        newest_ms: newest,
    })
}

/// Keeps the jobs whose name and failed reason pass; jobs whose hash is gone drop out.
async fn by_fields(
    redis: &Redis,
    queue: &str,
    jobs: Vec<Candidate>,
    filter: &Filter,
) -> Result<Vec<Candidate>, bullmq::Error> {
    let hashes: Vec<String> = jobs
        .iter()
        .map(|c| keys::job(redis.prefix(), queue, &c.id))
        .collect();
    let fields = redis.hmget_many(&hashes, &["name", "failedReason"]).await?;
    Ok(jobs
        .into_iter()
        .zip(fields)
        .filter(|(_, f)| match (f.first(), f.get(1)) {
            (Some(Some(name)), reason) => {
                filter.accepts(name, reason.cloned().flatten().as_deref().unwrap_or(""))
            }
            _ => false,
        })
        .map(|(c, _)| c)
        .collect())
}

/// Trims the matches, in queue order, to `limit` jobs in all.
pub fn apply_limit(matches: &mut [QueueMatch], limit: Option<usize>) {
    let Some(mut left) = limit else { return };
    for m in matches {
        m.jobs.truncate(left);
        left -= m.jobs.len();
    }
}

/// Ids given with `--id` that matched in none of the queues.
pub fn unmatched_ids(filter: &Filter, matches: &[QueueMatch]) -> Vec<String> {
    filter
        .ids
        .iter()
        .filter(|id| !matches.iter().any(|m| m.jobs.iter().any(|c| &c.id == *id)))
        .cloned()
        .collect()
}

/// BullMQ's bulk retry (moveJobsToWait, looped like Node's `retryJobs`) of
/// every failed job up to the time the match was read.
pub async fn retry_bulk(redis: &Redis, m: &QueueMatch) -> Result<Vec<Item>, bullmq::Error> {
    let queue = redis.queue(&m.queue).await?;
    queue
        .retry_jobs("failed", BULK_BATCH, Some(m.newest_ms))
        .await?;
    Ok(m.jobs
        .iter()
        .map(|c| Item::new(&m.queue, &c.id, Outcome::Retried, None))
        .collect())
}

/// Retries each matched job with BullMQ's `job.retry("failed")`.
pub async fn retry_each(redis: &Redis, m: &QueueMatch) -> Result<Vec<Item>, bullmq::Error> {
    let queue = redis.queue(&m.queue).await?;
    let mut items = Vec::with_capacity(m.jobs.len());
    for c in &m.jobs {
        let item = match redis.port(queue.get_job(&c.id)).await {
            Ok(None) => Item::new(
                &m.queue,
                &c.id,
                Outcome::Skipped,
                Some("job is gone".into()),
            ),
            Ok(Some(mut job)) => match redis.port(job.retry("failed", None)).await {
                Ok(()) => Item::new(&m.queue, &c.id, Outcome::Retried, None),
                Err(e) if is_lost(&e) => return Err(e),
                Err(e) => Item::new(&m.queue, &c.id, Outcome::Failed, Some(e.to_string())),
            },
            Err(e) if is_lost(&e) => return Err(e),
            Err(e) => Item::new(&m.queue, &c.id, Outcome::Failed, Some(e.to_string())),
        };
        items.push(item);
    }
    Ok(items)
}

/// Re-adds each matched job as a new job (priority low, 1 attempt, the
/// project's other defaults) and removes the original once the copy exists.
/// The copy's id is derived from the original, so a rerun after a crash
/// between the two steps adds nothing twice.
pub async fn re_add_each(redis: &Redis, m: &QueueMatch) -> Result<Vec<Item>, bullmq::Error> {
    let queue = redis.queue(&m.queue).await?;
    let mut items = Vec::with_capacity(m.jobs.len());
    for c in &m.jobs {
        let mut item = match redis.port(queue.get_job(&c.id)).await {
            Ok(None) => Item::new(
                &m.queue,
                &c.id,
                Outcome::Skipped,
                Some("job is gone".into()),
            ),
            Ok(Some(job)) => re_add_one(redis, &queue, &m.queue, c, &job).await,
            Err(e) if is_lost(&e) => return Err(e),
            Err(e) => Item::new(&m.queue, &c.id, Outcome::Failed, Some(e.to_string())),
        };
        item.queue = Some(m.queue.clone());
        items.push(item);
    }
    Ok(items)
}

async fn re_add_one(
    redis: &Redis,
    queue: &bullmq::Queue,
    queue_name: &str,
    c: &Candidate,
    job: &bullmq::Job,
) -> Item {
    let fail = |reason: String| Item::new(queue_name, &c.id, Outcome::Failed, Some(reason));
    let new_id = format!("retry-{}-{}", c.id, c.failed_on);
    let spec = match to_raw_value(job.data())
        .map_err(|e| e.to_string())
        .and_then(|data| {
            input::single(job.name(), data, &reprocess_options(queue_name, &new_id))
                .map_err(|e| e.to_string())
        }) {
        Ok(spec) => spec,
        Err(reason) => return fail(reason),
    };
    let added = match add_one(redis, spec).await {
        Ok(added) => added,
        Err(e) => return fail(format!("adding the copy: {e}")),
    };
    match redis.port(queue.remove(&c.id)).await {
        Ok(true) => Item {
            new_id: Some(added.id),
            ..Item::new(queue_name, &c.id, Outcome::Retried, None)
        },
        Ok(false) => fail(format!(
            "copy {} added, but the original is locked and was kept",
            added.id
        )),
        Err(e) => fail(format!(
            "copy {} added, removing the original: {e}",
            added.id
        )),
    }
}

/// The option inputs of a reprocessed job: low priority, one attempt, a fixed id.
pub fn reprocess_options(queue: &str, job_id: &str) -> JobOptionValues {
    JobOptionValues {
        queue: Some(queue.to_string()),
        priority: Some(REPROCESS_PRIORITY),
        attempts: Some(REPROCESS_ATTEMPTS),
        job_id: Some(job_id.to_string()),
        ..JobOptionValues::default()
    }
}

/// Parses `--failed-since`/`--failed-before`: RFC 3339, or an age (`2h` = two hours ago).
pub fn parse_time(text: &str, now_ms: u64) -> Result<u64, String> {
    let text = text.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(at.timestamp_millis().max(0) as u64);
    }
    match humantime::parse_duration(text) {
        Ok(age) => Ok(now_ms.saturating_sub(age.as_millis() as u64)),
        Err(_) => Err(format!(
            "invalid time '{text}': expected RFC 3339 (2026-11-28T09:00:00Z) or an age (30m, 2h, 7d)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    #[test]
    fn times_are_rfc3339_or_ages() {
        assert_eq!(parse_time("2h", NOW), Ok(NOW - 7_200_000));
        assert_eq!(
            parse_time("2023-11-14T22:13:20Z", NOW),
            Ok(1_700_000_000_000)
        );
        assert!(parse_time("yesterday", NOW)
            .unwrap_err()
            .contains("RFC 3339"));
    }

    #[test]
    fn bulk_only_without_selective_filters() {
        let mut f = Filter {
            before_ms: Some(NOW),
            ..Filter::default()
        };
        assert!(f.is_bulk());
        assert_eq!(f.newest(NOW + 5), NOW - 1);
        f.limit = Some(3);
        assert!(!f.is_bulk());
    }

    #[test]
    fn name_error_and_time_filters() {
        let f = Filter {
            name: Some("refresh".into()),
            error: Some(Regex::new("ETIMEDOUT|ECONNRESET").unwrap()),
            since_ms: Some(10),
            before_ms: Some(20),
            ..Filter::default()
        };
        assert!(f.accepts("refresh", "connect ETIMEDOUT 1.2.3.4"));
        assert!(!f.accepts("refresh", "404"));
        assert!(!f.accepts("analytics", "ETIMEDOUT"));
        assert!(f.accepts_time(10) && f.accepts_time(19));
        assert!(!f.accepts_time(9) && !f.accepts_time(20));
    }

    #[test]
    fn limit_spans_queues_in_order() {
        let m = |q: &str, n: usize| QueueMatch {
            queue: q.into(),
            jobs: (0..n)
                .map(|i| Candidate {
                    id: i.to_string(),
                    failed_on: 0,
                })
                .collect(),
            newest_ms: 0,
        };
        let mut all = vec![m("a", 2), m("b", 3), m("c", 1)];
        apply_limit(&mut all, Some(4));
        let sizes: Vec<usize> = all.iter().map(|m| m.jobs.len()).collect();
        assert_eq!(sizes, [2, 2, 0]);
    }
}
