//! Adds jobs through bullmq-official (BullMQ's own add scripts), one or in
//! large pipelined batches, and tells new jobs from duplicates.

use std::collections::{HashMap, HashSet};

use bullmq::{BulkJob, Queue, QueueKeys};
use serde::Serialize;

use super::input::JobSpec;
use crate::connection::Redis;

/// Jobs per `add_bulk` call: large enough to keep the pipe full, small enough
/// to bound memory and report progress.
const BATCH: usize = 2_000;

/// The outcome of adding one job.
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    pub id: String,
    pub name: String,
    pub queue: String,
    /// A job with the same custom id already existed; nothing was added.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate: bool,
    /// The deduplication id was taken; nothing was added.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deduplicated: bool,
}

/// The outcome of a bulk add.
#[derive(Debug, Clone, Default)]
pub struct BulkAdded {
    pub ids: Vec<String>,
    pub duplicates: usize,
    pub deduplicated: usize,
}

/// What existed before the add: the owner of each job's custom id or dedup id.
struct Prior {
    id_taken: bool,
    dedup_owner: Option<String>,
}

/// Adds one job.
pub async fn add_one(redis: &Redis, spec: JobSpec) -> Result<Added, bullmq::Error> {
    let queue = redis.queue(&spec.queue).await?;
    let prior = prior_state(redis, std::slice::from_ref(&spec))
        .await?
        .remove(0);
    let (name, queue_name) = (spec.name.clone(), spec.queue.clone());
    let job = queue
        .add(&spec.name, spec.data.clone())
        .options(spec.opts.clone())
        .await?;
    Ok(classify(
        &spec,
        &prior,
        job.id().to_string(),
        name,
        queue_name,
    ))
}

/// Adds many jobs in input order; `progress` gets the number added after each batch.
pub async fn add_many(
    redis: &Redis,
    specs: Vec<JobSpec>,
    mut progress: impl FnMut(usize),
) -> Result<BulkAdded, bullmq::Error> {
    let priors = prior_state(redis, &specs).await?;
    let mut queues: HashMap<String, Queue> = HashMap::new();
    for spec in &specs {
        if !queues.contains_key(&spec.queue) {
            queues.insert(spec.queue.clone(), redis.queue(&spec.queue).await?);
        }
    }
    let mut out = BulkAdded::default();
    let mut seen_ids: HashSet<String> = HashSet::new();
    for (spec, prior) in specs.iter().zip(&priors) {
        // A custom id repeated inside the input is a duplicate of its first use.
        if let Some(id) = spec.job_id() {
            if !seen_ids.insert(id.to_string()) && !prior.id_taken {
                out.duplicates += 1;
            }
        }
    }
    for run in batches(&specs) {
        let queue = &queues[&specs[run.start].queue];
        let jobs: Vec<BulkJob> = specs[run.clone()]
            .iter()
            .map(|s| BulkJob::with_options(s.name.clone(), s.data.clone(), s.opts.clone()))
            .collect();
        let added = queue.add_bulk(jobs).await?;
        for ((job, spec), prior) in added.iter().zip(&specs[run.clone()]).zip(&priors[run]) {
            let a = classify(
                spec,
                prior,
                job.id().to_string(),
                String::new(),
                String::new(),
            );
            out.duplicates += usize::from(a.duplicate);
            out.deduplicated += usize::from(a.deduplicated);
            out.ids.push(a.id);
        }
        progress(out.ids.len());
    }
    Ok(out)
}

/// Splits the input into runs of one queue and at most `BATCH` jobs. The first
/// job using each add script goes alone, so Redis caches the script before a
/// batch would otherwise send its whole text once per job (NOSCRIPT fallback).
fn batches(specs: &[JobSpec]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut warmed: HashSet<u8> = HashSet::new();
    let mut start = 0;
    for (i, spec) in specs.iter().enumerate() {
        let kind = script_kind(spec);
        let new_kind = !warmed.contains(&kind);
        let breaks =
            i > start && (new_kind || i - start == BATCH || specs[i].queue != specs[start].queue);
        if breaks {
            out.push(start..i);
            start = i;
        }
        if new_kind {
            warmed.insert(kind);
            out.push(i..i + 1);
            start = i + 1;
        }
    }
    if start < specs.len() {
        out.push(start..specs.len());
    }
    out
}

fn script_kind(spec: &JobSpec) -> u8 {
    match (
        spec.opts.delay.unwrap_or(0) > 0,
        spec.opts.priority.unwrap_or(0) > 0,
    ) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    }
}

fn classify(spec: &JobSpec, prior: &Prior, id: String, name: String, queue: String) -> Added {
    let duplicate = spec.job_id() == Some(id.as_str()) && prior.id_taken;
    let deduplicated =
        spec.dedup_id().is_some() && prior.dedup_owner.as_deref() == Some(id.as_str());
    Added {
        id,
        name,
        queue,
        duplicate,
        deduplicated,
    }
}

/// Reads, before adding, whether each custom id's job exists and who owns each
/// dedup id: the add scripts return the existing id without saying it was one.
async fn prior_state(redis: &Redis, specs: &[JobSpec]) -> Result<Vec<Prior>, bullmq::Error> {
    let keys_of = |s: &JobSpec| QueueKeys::new(&s.queue, Some(redis.prefix()));
    let id_keys: Vec<String> = specs
        .iter()
        .filter_map(|s| s.job_id().map(|id| keys_of(s).job_key(id)))
        .collect();
    let dedup_keys: Vec<String> = specs
        .iter()
        .filter_map(|s| s.dedup_id().map(|id| dedup_key(&keys_of(s), id)))
        .collect();
    let mut taken = redis.exists_many(&id_keys).await?.into_iter();
    let mut owners = redis.get_many(&dedup_keys).await?.into_iter();
    Ok(specs
        .iter()
        .map(|s| Prior {
            id_taken: s.job_id().is_some() && taken.next().unwrap_or(false),
            dedup_owner: s.dedup_id().and_then(|_| owners.next().flatten()),
        })
        .collect())
}

/// The deduplication key BullMQ keeps for a dedup id: `<prefix>:<queue>:de:<id>`.
pub fn dedup_key(keys: &QueueKeys, id: &str) -> String {
    keys.get(&format!("de:{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queues::input::{single, FlagInputs};
    use serde_json::json;

    fn spec(queue: &str, priority: Option<&str>) -> JobSpec {
        let flags = FlagInputs {
            queue: Some(queue.into()),
            priority: priority.map(str::to_string),
            ..FlagInputs::default()
        };
        single("x", json!({}), &flags, 0).unwrap()
    }

    #[test]
    fn batches_keep_order_and_warm_each_script_once() {
        let mut specs: Vec<JobSpec> = (0..5).map(|_| spec("a", None)).collect();
        specs.push(spec("a", Some("high")));
        specs.push(spec("a", Some("low")));
        specs.push(spec("b", None));
        let ranges = batches(&specs);
        assert_eq!(ranges, vec![0..1, 1..5, 5..6, 6..7, 7..8]);
        let covered: usize = ranges.iter().map(|r| r.len()).sum();
        assert_eq!(covered, specs.len());
    }

    #[test]
    fn batches_cap_their_size() {
        let specs: Vec<JobSpec> = (0..BATCH * 2 + 3).map(|_| spec("a", None)).collect();
        let sizes: Vec<usize> = batches(&specs).iter().map(|r| r.len()).collect();
        assert_eq!(sizes, vec![1, BATCH, BATCH, 2]);
    }
}
