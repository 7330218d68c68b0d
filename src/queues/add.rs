//! Adds jobs through bullmq-official (BullMQ's own add scripts), one at a time
//! or streamed in bulk, and tells new jobs from duplicates.

use std::collections::{HashMap, HashSet};

use bullmq::{Queue, QueueKeys};
use futures::StreamExt;
use serde::Serialize;

use super::input::JobSpec;
use crate::connection::Redis;

/// Adds in flight at once: enough to keep Redis busy, few enough to bound
/// memory (the port copies its script text per add).
const IN_FLIGHT: usize = 512;
/// How often (in jobs) the bulk progress callback runs.
const PROGRESS_EVERY: usize = 1_000;

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

/// The outcome of a bulk add; `ids` in input order.
#[derive(Debug, Clone, Default)]
pub struct BulkAdded {
    pub ids: Vec<String>,
    pub duplicates: usize,
    pub deduplicated: usize,
}

/// What was true before the add, to recognise the id an add script returns.
struct Prior {
    /// The custom id's job already existed (or appeared earlier in the input).
    id_taken: bool,
    /// The job that held the deduplication id.
    dedup_owner: Option<String>,
    job_id: Option<String>,
    has_dedup: bool,
}

impl Prior {
    fn duplicate(&self, id: &str) -> bool {
        self.id_taken && self.job_id.as_deref() == Some(id)
    }

    fn deduplicated(&self, id: &str) -> bool {
        self.has_dedup && self.dedup_owner.as_deref() == Some(id)
    }
}

/// Adds one job.
pub async fn add_one(redis: &Redis, spec: JobSpec) -> Result<Added, bullmq::Error> {
    let queue = redis.queue(&spec.queue).await?;
    let prior = prior_state(redis, std::slice::from_ref(&spec)).await?.remove(0);
    let (name, queue_name) = (spec.name.clone(), spec.queue.clone());
    let job = queue.add(&spec.name, spec.data).options(spec.opts).await?;
    let id = job.id().to_string();
    Ok(Added {
        duplicate: prior.duplicate(&id),
        deduplicated: prior.deduplicated(&id),
        id,
        name,
        queue: queue_name,
    })
}

/// Adds many jobs in input order; `progress` gets the number added so far.
///
/// Adds stream through the multiplexed connection with a bounded number in
/// flight, which keeps the pipe full without holding every request in memory.
pub async fn add_many(
    redis: &Redis,
    specs: Vec<JobSpec>,
    mut progress: impl FnMut(usize),
) -> Result<BulkAdded, bullmq::Error> {
    let mut priors = prior_state(redis, &specs).await?;
    mark_repeated_ids(&specs, &mut priors);
    let mut queues: HashMap<String, Queue> = HashMap::new();
    for spec in &specs {
        if !queues.contains_key(&spec.queue) {
            queues.insert(spec.queue.clone(), redis.queue(&spec.queue).await?);
        }
    }
    let mut ids: Vec<Option<String>> = vec![None; specs.len()];
    let (warmups, rest) = split_warmups(specs);
    for (index, spec) in warmups {
        ids[index] = Some(add_spec(&queues, spec).await?);
    }
    let mut done = ids.iter().filter(|i| i.is_some()).count();
    let mut stream = futures::stream::iter(rest)
        .map(|(index, spec)| {
            let queues = &queues;
            async move { add_spec(queues, spec).await.map(|id| (index, id)) }
        })
        .buffered(IN_FLIGHT);
    while let Some(next) = stream.next().await {
        let (index, id) = next?;
        ids[index] = Some(id);
        done += 1;
        if done % PROGRESS_EVERY == 0 {
            progress(done);
        }
    }
    progress(done);
    Ok(summarise(ids.into_iter().flatten().collect(), &priors))
}

fn summarise(ids: Vec<String>, priors: &[Prior]) -> BulkAdded {
    let duplicates = ids.iter().zip(priors).filter(|(id, p)| p.duplicate(id)).count();
    let deduplicated = ids.iter().zip(priors).filter(|(id, p)| p.deduplicated(id)).count();
    BulkAdded {
        ids,
        duplicates,
        deduplicated,
    }
}

/// A custom id repeated inside the input is a duplicate of its first use.
fn mark_repeated_ids(specs: &[JobSpec], priors: &mut [Prior]) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (spec, prior) in specs.iter().zip(priors) {
        if let Some(id) = spec.job_id() {
            prior.id_taken |= !seen.insert(id);
        }
    }
}

async fn add_spec(queues: &HashMap<String, Queue>, spec: JobSpec) -> Result<String, bullmq::Error> {
    let queue = &queues[&spec.queue];
    let job = queue.add(&spec.name, spec.data).options(spec.opts).await?;
    Ok(job.id().to_string())
}

/// Takes out the first job using each add script, to be sent alone and first:
/// Redis then caches the script before the stream would otherwise send its
/// whole text once per job in flight (the NOSCRIPT fallback). Order within each
/// script kind, which is what BullMQ orders by, is kept.
fn split_warmups(specs: Vec<JobSpec>) -> (Vec<(usize, JobSpec)>, Vec<(usize, JobSpec)>) {
    let mut warmed: HashSet<u8> = HashSet::new();
    specs
        .into_iter()
        .enumerate()
        .partition(|(_, spec)| warmed.insert(script_kind(spec)))
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
            job_id: s.job_id().map(str::to_string),
            has_dedup: s.dedup_id().is_some(),
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

    fn spec(priority: Option<&str>, delay: Option<&str>) -> JobSpec {
        let flags = FlagInputs {
            queue: Some("q".into()),
            priority: priority.map(str::to_string),
            delay: delay.map(str::to_string),
            ..FlagInputs::default()
        };
        single("x", crate::queues::input::empty_object(), &flags, 0).unwrap()
    }

    #[test]
    fn warmups_are_the_first_of_each_script_kind() {
        let specs = vec![
            spec(None, None),
            spec(None, None),
            spec(Some("high"), None),
            spec(None, Some("1m")),
            spec(Some("low"), None),
        ];
        let (warm, rest) = split_warmups(specs);
        let warm: Vec<usize> = warm.iter().map(|(i, _)| *i).collect();
        let rest: Vec<usize> = rest.iter().map(|(i, _)| *i).collect();
        assert_eq!(warm, [0, 2, 3]);
        assert_eq!(rest, [1, 4]);
    }

    #[test]
    fn repeated_custom_ids_count_as_duplicates() {
        let mut a = spec(None, None);
        a.opts.job_id = Some("same".into());
        let specs = vec![a.clone(), a];
        let mut priors: Vec<Prior> = specs
            .iter()
            .map(|s| Prior {
                id_taken: false,
                dedup_owner: None,
                job_id: s.job_id().map(str::to_string),
                has_dedup: false,
            })
            .collect();
        mark_repeated_ids(&specs, &mut priors);
        let out = summarise(vec!["same".into(), "same".into()], &priors);
        assert_eq!(out.duplicates, 1);
    }
}
