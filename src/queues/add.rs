//! Adds jobs through bullmq-official (BullMQ's own add scripts), one at a time
//! or streamed in bulk, and tells new jobs from duplicates.

use std::collections::{HashMap, HashSet};

use bullmq::Queue;
use futures::StreamExt;
use serde::Serialize;

use super::input::{JobInputError, JobSpec};
use super::keys;
use super::ndjson::{Ndjson, SpecMeta};
use crate::connection::Redis;

/// Adds in flight at once: enough to keep Redis busy, few enough that the
/// port's per-add copy of its 24 KB script stays in cache (measured: 128 uses
/// a third less CPU than 512 at the same throughput; 16 halves throughput).
pub const IN_FLIGHT: usize = 128;

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
    /// The custom id's job already existed.
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
    let prior = prior_state(redis, &[SpecMeta::of(&spec)]).await?.remove(0);
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

/// Adds every job of a validated NDJSON input in input order; `progress` gets
/// the number confirmed added after each job.
///
/// Adds stream through the multiplexed connection with a bounded number in
/// flight, which keeps the pipe full without holding every request in memory.
pub async fn add_many(
    redis: &Redis,
    input: &Ndjson<'_>,
    mut progress: impl FnMut(usize),
) -> Result<BulkAdded, AddError> {
    let priors = prior_state(redis, &input.metas).await?;
    let mut queues: HashMap<&str, Queue> = HashMap::new();
    for meta in &input.metas {
        if !queues.contains_key(meta.queue.as_str()) {
            queues.insert(&meta.queue, redis.queue(&meta.queue).await?);
        }
    }
    let mut ids: Vec<String> = Vec::with_capacity(input.len());
    for segment in segments(&input.metas) {
        let mut stream = futures::stream::iter(segment)
            .map(|index| {
                let queues = &queues;
                async move { Ok::<_, AddError>(add_spec(queues, input.spec(index)?).await?) }
            })
            .buffered(IN_FLIGHT);
        while let Some(id) = stream.next().await {
            ids.push(id?);
            progress(ids.len());
        }
    }
    Ok(summarise(ids, &input.metas, &priors))
}

/// Why a bulk add stopped.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error(transparent)]
    Redis(#[from] bullmq::Error),
    #[error(transparent)]
    Input(#[from] JobInputError),
}

/// Counts duplicates and deduplicated adds: ids that existed before the run,
/// and ids repeated inside the input (the add script returns the first job's id).
fn summarise(ids: Vec<String>, metas: &[SpecMeta], priors: &[Prior]) -> BulkAdded {
    let mut out = BulkAdded::default();
    let mut job_ids: HashSet<&str> = HashSet::new();
    let mut dedup_owners: HashMap<&str, &str> = HashMap::new();
    for ((id, meta), prior) in ids.iter().zip(metas).zip(priors) {
        if let Some(job_id) = &meta.job_id {
            let repeated = !job_ids.insert(job_id);
            out.duplicates += usize::from(prior.duplicate(id) || (repeated && job_id == id));
        }
        if let Some(dedup) = &meta.dedup_id {
            let repeated = dedup_owners.get(dedup.as_str()) == Some(&id.as_str());
            out.deduplicated += usize::from(prior.deduplicated(id) || repeated);
            dedup_owners.entry(dedup).or_insert(id);
        }
    }
    out.ids = ids;
    out
}

async fn add_spec(queues: &HashMap<&str, Queue>, spec: JobSpec) -> Result<String, bullmq::Error> {
    let queue = &queues[spec.queue.as_str()];
    let job = queue.add(&spec.name, spec.data).options(spec.opts).await?;
    Ok(job.id().to_string())
}

/// Splits job indexes, in order, into runs to stream; the first job using each
/// add script is a run of its own, awaited before anything after it is sent, so
/// Redis caches the script before the stream would otherwise send its whole
/// text once per job in flight (the NOSCRIPT fallback). Order is kept exactly:
/// which line wins a shared id, and the order of automatic ids, match Node's
/// `addBulk`.
fn segments(metas: &[SpecMeta]) -> Vec<std::ops::Range<usize>> {
    let mut warmed: HashSet<u8> = HashSet::new();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, meta) in metas.iter().enumerate() {
        if warmed.insert(meta.script) {
            if start < i {
                out.push(start..i);
            }
            out.push(i..i + 1);
            start = i + 1;
        }
    }
    if start < metas.len() {
        out.push(start..metas.len());
    }
    out
}

/// Reads, before adding, whether each custom id's job exists and who owns each
/// dedup id: the add scripts return the existing id without saying it was one.
async fn prior_state(redis: &Redis, metas: &[SpecMeta]) -> Result<Vec<Prior>, bullmq::Error> {
    let prefix = redis.prefix();
    let id_keys: Vec<String> = metas
        .iter()
        .filter_map(|m| m.job_id.as_ref().map(|id| keys::job(prefix, &m.queue, id)))
        .collect();
    let dedup_keys: Vec<String> = metas
        .iter()
        .filter_map(|m| {
            m.dedup_id
                .as_ref()
                .map(|id| keys::dedup(prefix, &m.queue, id))
        })
        .collect();
    let mut taken = redis.exists_many(&id_keys).await?.into_iter();
    let mut owners = redis.get_many(&dedup_keys).await?.into_iter();
    Ok(metas
        .iter()
        .map(|m| Prior {
            id_taken: m.job_id.is_some() && taken.next().unwrap_or(false),
            dedup_owner: m.dedup_id.as_ref().and_then(|_| owners.next().flatten()),
            job_id: m.job_id.clone(),
            has_dedup: m.dedup_id.is_some(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(script: u8, job_id: Option<&str>, dedup_id: Option<&str>) -> SpecMeta {
        SpecMeta {
            queue: "q".into(),
            job_id: job_id.map(str::to_string),
            dedup_id: dedup_id.map(str::to_string),
            script,
        }
    }

    fn fresh(m: &SpecMeta) -> Prior {
        Prior {
            id_taken: false,
            dedup_owner: None,
            job_id: m.job_id.clone(),
            has_dedup: m.dedup_id.is_some(),
        }
    }

    #[test]
    fn segments_keep_order_and_isolate_the_first_of_each_script() {
        let metas = [
            meta(0, None, None),
            meta(0, None, None),
            meta(1, None, None),
            meta(2, None, None),
            meta(1, None, None),
            meta(0, None, None),
        ];
        assert_eq!(segments(&metas), vec![0..1, 1..2, 2..3, 3..4, 4..6]);
    }

    #[test]
    fn repeats_inside_the_input_are_counted() {
        let metas = [
            meta(0, Some("same"), None),
            meta(0, Some("same"), None),
            meta(0, None, Some("d")),
            meta(0, None, Some("d")),
            meta(0, None, Some("d")),
        ];
        let priors: Vec<Prior> = metas.iter().map(fresh).collect();
        let ids = ["same", "same", "7", "7", "7"].map(String::from).to_vec();
        let out = summarise(ids, &metas, &priors);
        assert_eq!((out.duplicates, out.deduplicated), (1, 2));
    }
}
