//! Import: validates a whole export file first, then re-creates its jobs and
//! job schedulers through the port (BullMQ's add scripts, `addLog`,
//! `updateProgress`, `upsertJobScheduler`), leaving alone every job and
//! scheduler whose id the target queue already has, so a second run adds nothing.

use std::collections::{BTreeMap, HashSet};

use bullmq::job_scheduler::RepeatOptions;
use bullmq::{BulkJob, Job, JobOptions, JobProgress, Queue};
use serde::Serialize;
use serde_json::{Map, Value};

use super::export::{ExportHeader, ExportedJob, ExportedScheduler, Record, FORMAT};
use super::{input, keys, JobState};
use crate::connection::Redis;

/// What an integer id (an automatic one, which BullMQ refuses as a custom
/// id) becomes: `imported-<id>`.
pub const ID_PREFIX: &str = "imported-";

/// The longest line accepted (a job's data, options and logs together).
pub const MAX_LINE: usize = 16 << 20;

/// Adds in flight at once (below the connection's 50 unsent requests).
const IN_FLIGHT: usize = 48;

/// Stored options that describe where a job came from rather than how to run
/// it: the import sets its own id, timestamp, delay and priority, and a job
/// is re-created without a parent or a scheduler.
const DROPPED_OPTIONS: [&str; 9] = [
    "jobId",
    "timestamp",
    "delay",
    "priority",
    "parent",
    "repeat",
    "repeatJobKey",
    "prevMillis",
    "telemetryMetadata",
];

/// A line of the file that cannot be imported.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct BadLine {
    pub line: usize,
    pub reason: String,
}

/// One queue's part of a validated file.
#[derive(Debug)]
pub struct QueuePart<'t> {
    pub header: ExportHeader,
    pub jobs: Vec<Planned<'t>>,
}

/// A job and what the import does with it. Only its line is kept, parsed
/// again when it is added, so a large file is never held as job structs.
#[derive(Debug)]
pub struct Planned<'t> {
    raw: &'t str,
    pub id: String,
    pub state: JobState,
    /// The id it gets in the target queue.
    pub target_id: String,
    /// Why it is skipped: a state name or `scheduler-iteration`.
    pub skip: Option<&'static str>,
    /// The add script it takes (see [`script`]).
    script: Script,
}

impl Planned<'_> {
    /// The job and the options it is added with (delay set at `now_ms`).
    fn load(&self, exported_at: u64, now_ms: u64) -> anyhow::Result<(ExportedJob, JobOptions)> {
        let Record::Job(job) = serde_json::from_str(self.raw)? else {
            anyhow::bail!("job line {:?} changed after validation", self.id);
        };
        let opts = job_options(&job).map_err(anyhow::Error::msg)?;
        let opts = add_options(&job, opts, exported_at, now_ms);
        Ok((*job, opts))
    }
}

/// Parses and validates every line; nothing is written when this fails.
pub fn parse(text: &str, as_waiting: bool) -> Result<Vec<QueuePart<'_>>, BadLine> {
    let mut parts: Vec<QueuePart> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let bad = |reason: String| BadLine { line, reason };
        if raw.trim().is_empty() {
            continue;
        }
        if raw.len() > MAX_LINE {
            return Err(bad(format!("longer than {} MiB", MAX_LINE >> 20)));
        }
        let record: Record = serde_json::from_str(raw).map_err(|e| bad(e.to_string()))?;
        match record {
            Record::Queue(header) => {
                check_header(&header).map_err(bad)?;
                parts.push(QueuePart {
                    header,
                    jobs: Vec::new(),
                });
            }
            Record::Job(job) => {
                let part = parts.last_mut().ok_or_else(|| {
                    bad("a job before any queue header (is this an export file?)".into())
                })?;
                let planned = plan(raw, &job, as_waiting, part.header.exported_at);
                part.jobs.push(planned.map_err(bad)?);
            }
        }
    }
    if parts.is_empty() {
        return Err(BadLine {
            line: 1,
            reason: "no queue header: not an export file".into(),
        });
    }
    Ok(parts)
}

fn check_header(h: &ExportHeader) -> Result<(), String> {
    if h.format != FORMAT {
        return Err(format!("format {:?} is not {FORMAT:?}", h.format));
    }
    input::validate_queue(&h.queue).map_err(|e| e.to_string())?;
    for s in &h.job_schedulers {
        repeat_options(s)?;
        if let Some(Value::Object(stored)) = &s.opts {
            port_options(stored).map_err(|e| format!("job scheduler {:?}: opts: {e}", s.key))?;
        }
    }
    Ok(())
}

fn plan<'t>(
    raw: &'t str,
    job: &ExportedJob,
    as_waiting: bool,
    exported_at: u64,
) -> Result<Planned<'t>, String> {
    let skip = skip_reason(job, as_waiting);
    // A skipped job's id is never used (a scheduler's iterations have `:` in theirs).
    let (target_id, script) = match skip {
        Some(_) => (job.id.clone(), Script::Standard),
        None => {
            let opts = add_options(job, job_options(job)?, exported_at, exported_at);
            (target_id(&job.id)?, script(&opts))
        }
    };
    Ok(Planned {
        raw,
        id: job.id.clone(),
        state: job.state,
        target_id,
        skip,
        script,
    })
}

/// The id a job gets: its own, or `imported-<id>` for an integer id.
pub fn target_id(id: &str) -> Result<String, String> {
    if id.parse::<u64>().is_ok_and(|n| n.to_string() == id) {
        return Ok(format!("{ID_PREFIX}{id}"));
    }
    input::validate_job_id(id).map_err(|e| format!("job id {e}"))
}

fn skip_reason(job: &ExportedJob, as_waiting: bool) -> Option<&'static str> {
    if job.repeat_job_key.is_some() {
        return Some("scheduler-iteration");
    }
    match job.state {
        JobState::Waiting | JobState::Prioritized | JobState::Delayed => None,
        JobState::WaitingChildren => Some(JobState::WaitingChildren.name()),
        s @ (JobState::Completed | JobState::Failed | JobState::Active) => {
            (!as_waiting).then_some(s.name())
        }
    }
}

/// The job's stored options as the port's, with its id, timestamp and priority.
fn job_options(job: &ExportedJob) -> Result<JobOptions, String> {
    let mut opts = port_options(&job.opts).map_err(|e| format!("opts: {e}"))?;
    opts.job_id = Some(target_id(&job.id)?);
    opts.timestamp = Some(job.timestamp).filter(|t| *t > 0);
    opts.priority = Some(job.priority).filter(|p| *p > 0);
    if opts
        .priority
        .is_some_and(|p| u64::from(p) > super::priority::MAX_PRIORITY)
    {
        return Err(format!("priority {} is out of range", job.priority));
    }
    Ok(opts)
}

/// Stored options as the port's, without [`DROPPED_OPTIONS`].
fn port_options(stored: &Map<String, Value>) -> Result<JobOptions, serde_json::Error> {
    let mut kept = stored.clone();
    for name in DROPPED_OPTIONS {
        kept.remove(name);
    }
    // Node accepts a bare number as a fixed backoff.
    if let Some(ms) = kept.get("backoff").filter(|b| b.is_number()).cloned() {
        kept.insert(
            "backoff".into(),
            serde_json::json!({"type": "fixed", "delay": ms}),
        );
    }
    serde_json::from_value(Value::Object(kept))
}

fn repeat_options(s: &ExportedScheduler) -> Result<RepeatOptions, String> {
    if s.pattern.is_some() == s.every.is_some() {
        return Err(format!(
            "job scheduler {:?} needs exactly one of pattern and every",
            s.key
        ));
    }
    Ok(RepeatOptions {
        pattern: s.pattern.clone(),
        every: s.every,
        limit: s.limit,
        offset: s.offset,
        start_date: s.start_date,
        end_date: s.end_date,
        tz: s.tz.clone(),
        ..RepeatOptions::default()
    })
}

/// What one queue's import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueImport {
    pub queue: String,
    /// Jobs added, by their state in the file.
    pub imported: BTreeMap<&'static str, usize>,
    /// Jobs not added, by state (or `scheduler-iteration`).
    pub skipped: BTreeMap<&'static str, usize>,
    /// Jobs whose id the queue already had.
    pub present: usize,
    pub schedulers_imported: usize,
    pub schedulers_present: usize,
    /// Integer ids and the ids they were imported as.
    pub id_map: Vec<IdMapping>,
}

/// An integer id and the id its job has in the target queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdMapping {
    pub from: String,
    pub to: String,
}

/// Imports one queue's part into `target`; with `dry_run`, only reads.
pub async fn import(
    redis: &Redis,
    part: &QueuePart<'_>,
    target: &str,
    dry_run: bool,
    now_ms: u64,
) -> anyhow::Result<QueueImport> {
    let mut report = QueueImport {
        queue: target.to_string(),
        ..QueueImport::default()
    };
    let mut todo: Vec<&Planned<'_>> = Vec::new();
    for p in &part.jobs {
        if p.target_id != p.id {
            report.id_map.push(IdMapping {
                from: p.id.clone(),
                to: p.target_id.clone(),
            });
        }
        match p.skip {
            Some(reason) => *report.skipped.entry(reason).or_default() += 1,
            None => todo.push(p),
        }
    }
    let todo = absent(redis, target, todo, &mut report.present).await?;
    let schedulers = absent_schedulers(redis, target, &part.header).await?;
    report.schedulers_present = part.header.job_schedulers.len() - schedulers.len();
    let writes = !todo.is_empty() || !schedulers.is_empty();
    if writes && !dry_run {
        let queue = redis.queue(target).await?;
        add_jobs(&queue, &todo, part.header.exported_at, now_ms).await?;
        for s in &schedulers {
            upsert_scheduler(&queue, s).await?;
        }
    }
    for p in &todo {
        *report.imported.entry(p.state.name()).or_default() += 1;
    }
    report.schedulers_imported = schedulers.len();
    Ok(report)
}

/// The jobs whose target id the queue does not have; counts the others.
async fn absent<'p, 't>(
    redis: &Redis,
    queue: &str,
    jobs: Vec<&'p Planned<'t>>,
    present: &mut usize,
) -> Result<Vec<&'p Planned<'t>>, bullmq::Error> {
    let job_keys: Vec<String> = jobs
        .iter()
        .map(|p| keys::job(redis.prefix(), queue, &p.target_id))
        .collect();
    let exists = redis.exists_many(&job_keys).await?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(jobs.len());
    for (p, exists) in jobs.into_iter().zip(exists) {
        // A repeated id in the file is one job, as BullMQ keeps the first.
        if exists || !seen.insert(p.target_id.as_str()) {
            *present += 1;
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

async fn absent_schedulers<'h>(
    redis: &Redis,
    queue: &str,
    header: &'h ExportHeader,
) -> Result<Vec<&'h ExportedScheduler>, bullmq::Error> {
    let hash_keys: Vec<String> = header
        .job_schedulers
        .iter()
        .map(|s| keys::scheduler(redis.prefix(), queue, &s.key))
        .collect();
    let exists = redis.exists_many(&hash_keys).await?;
    Ok(header
        .job_schedulers
        .iter()
        .zip(exists)
        .filter(|(_, e)| !e)
        .map(|(s, _)| s)
        .collect())
}

/// Which add script a job takes; the first job of each is added alone, so
/// Redis caches the script before adds in flight would each send its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Script {
    Standard,
    Prioritized,
    Delayed,
}

fn script(opts: &JobOptions) -> Script {
    match (opts.delay, opts.priority) {
        (Some(d), _) if d > 0 => Script::Delayed,
        (_, Some(p)) if p > 0 => Script::Prioritized,
        _ => Script::Standard,
    }
}

/// Adds `jobs` in file order, IN_FLIGHT at a time, then their logs and progress.
async fn add_jobs(
    queue: &Queue,
    jobs: &[&Planned<'_>],
    exported_at: u64,
    now_ms: u64,
) -> anyhow::Result<()> {
    let mut warmed = HashSet::new();
    let mut batch: Vec<&Planned> = Vec::with_capacity(IN_FLIGHT);
    let mut rest = jobs.iter().peekable();
    while let Some(p) = rest.next() {
        let alone = warmed.insert(p.script);
        if alone && !batch.is_empty() {
            send(queue, &batch, exported_at, now_ms).await?;
            batch.clear();
        }
        batch.push(p);
        if alone || batch.len() == IN_FLIGHT || rest.peek().is_none() {
            send(queue, &batch, exported_at, now_ms).await?;
            batch.clear();
        }
    }
    Ok(())
}

async fn send(
    queue: &Queue,
    batch: &[&Planned<'_>],
    exported_at: u64,
    now_ms: u64,
) -> anyhow::Result<()> {
    let loaded = batch
        .iter()
        .map(|p| p.load(exported_at, now_ms))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bulk: Vec<BulkJob> = loaded
        .iter()
        .map(|(job, opts)| BulkJob::with_options(job.name.clone(), &job.data, opts.clone()))
        .collect();
    let added = tokio::task::unconstrained(queue.add_bulk(bulk)).await?;
    let follow = added
        .iter()
        .zip(batch.iter().zip(&loaded))
        .filter(|(job, (p, _))| job.id() == p.target_id)
        .map(|(job, (_, (from, _)))| logs_and_progress(queue, job, from));
    for result in futures::future::join_all(follow).await {
        result?;
    }
    Ok(())
}

/// `opts` with the delay that remained at export time, counted from now (a
/// job already due is added without a delay).
fn add_options(
    job: &ExportedJob,
    mut opts: JobOptions,
    exported_at: u64,
    now_ms: u64,
) -> JobOptions {
    let remaining = job
        .delayed_until
        .filter(|_| job.state == JobState::Delayed)
        .map_or(0, |due| due.saturating_sub(exported_at));
    opts.delay = (remaining > 0).then(|| (now_ms + remaining).saturating_sub(job.timestamp));
    opts
}

async fn logs_and_progress(
    queue: &Queue,
    job: &Job,
    from: &ExportedJob,
) -> Result<(), bullmq::Error> {
    for line in &from.logs {
        job.log(line).await?;
    }
    if !is_zero(&from.progress) {
        let progress = match &from.progress {
            Value::Number(n) => JobProgress::Number(n.as_f64().unwrap_or(0.0)),
            other => JobProgress::Object(other.clone()),
        };
        queue.update_job_progress(job.id(), progress).await?;
    }
    Ok(())
}

fn is_zero(progress: &Value) -> bool {
    progress.is_null() || progress.as_f64() == Some(0.0)
}

async fn upsert_scheduler(queue: &Queue, s: &ExportedScheduler) -> anyhow::Result<()> {
    let repeat = repeat_options(s).map_err(anyhow::Error::msg)?;
    let opts = match &s.opts {
        Some(Value::Object(stored)) => Some(port_options(stored)?),
        _ => None,
    };
    queue
        .upsert_job_scheduler(&s.key, repeat, Some(&s.name), s.data.clone(), opts)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = r#"{"record":"queue","format":"queuectl-export/1","queue":"q","prefix":"bull","exportedAt":1000}"#;

    fn job_line(id: &str, state: &str) -> String {
        format!(
            r#"{{"record":"job","id":"{id}","name":"n","state":"{state}","data":{{}},"opts":{{"attempts":3,"jobId":"{id}"}},"timestamp":900}}"#
        )
    }

    #[test]
    fn integer_ids_get_the_prefix_and_finished_jobs_are_skipped() {
        let text = [
            HEADER.to_string(),
            job_line("7", "waiting"),
            job_line("a", "completed"),
        ]
        .join("\n");
        let parts = parse(&text, false).unwrap();
        let jobs = &parts[0].jobs;
        assert_eq!(jobs[0].target_id, "imported-7");
        assert_eq!(jobs[0].load(1000, 2000).unwrap().1.attempts, Some(3));
        assert_eq!(jobs[1].skip, Some("completed"));
        let again = parse(&text, true).unwrap();
        assert_eq!(again[0].jobs[1].skip, None);
    }

    #[test]
    fn stored_options_become_the_ports() {
        let stored = serde_json::json!({
            "attempts": 4, "backoff": 2000, "keepLogs": 5, "jobId": "x", "delay": 9,
            "removeOnComplete": {"age": 60, "count": 10}, "deduplication": {"id": "d"},
            "parent": {"id": "p", "queue": "bull:q"}, "omitContext": true,
        });
        let opts = port_options(stored.as_object().unwrap()).unwrap();
        assert_eq!(opts.attempts, Some(4));
        assert!(matches!(
            opts.backoff,
            Some(bullmq::types::BackoffStrategy::Fixed(2000))
        ));
        assert_eq!(opts.keep_logs, Some(5));
        assert_eq!((opts.job_id, opts.delay), (None, None));
        assert!(opts.parent.is_none());
        assert_eq!(opts.deduplication.unwrap().id, "d");
    }

    #[test]
    fn a_bad_line_is_named() {
        let text = [HEADER.to_string(), job_line("a", "waiting"), "{".into()].join("\n");
        assert_eq!(parse(&text, false).unwrap_err().line, 3);
        let orphan = job_line("a", "waiting");
        assert_eq!(parse(&orphan, false).unwrap_err().line, 1);
        let colon = [HEADER.to_string(), job_line("a:b", "waiting")].join("\n");
        assert_eq!(parse(&colon, false).unwrap_err().line, 2);
        let state = [HEADER.to_string(), job_line("a", "dead")].join("\n");
        assert_eq!(parse(&state, false).unwrap_err().line, 2);
    }

    #[test]
    fn remaining_delay_counts_from_the_import() {
        let line = job_line("d", "delayed")
            .replace("\"timestamp\"", "\"delayedUntil\":1500,\"timestamp\"");
        let text = [HEADER.to_string(), line].join("\n");
        let parts = parse(&text, false).unwrap();
        let p = &parts[0].jobs[0];
        assert_eq!(p.script, Script::Delayed);
        // 500 ms remained at export (1000); imported at 5000, due at 5500.
        let (_, opts) = p.load(1000, 5000).unwrap();
        assert_eq!(opts.delay, Some(5500 - 900));
        assert_eq!(opts.timestamp, Some(900));
        let (job, opts) = p.load(1000, 5000).unwrap();
        let overdue = ExportedJob {
            delayed_until: Some(800),
            ..job
        };
        assert_eq!(add_options(&overdue, opts, 1000, 5000).delay, None);
    }
}
