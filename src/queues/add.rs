//! Adds jobs through bullmq-official (BullMQ's own add scripts), one at a time
//! or streamed in bulk, and tells new jobs from duplicates.

use std::collections::{HashMap, HashSet};
use std::future::{Future, IntoFuture};
use std::task::Poll;

use bullmq::Queue;
use futures::future::{self, BoxFuture};
use futures::stream::FuturesOrdered;
use futures::{FutureExt, StreamExt};
use serde::Serialize;

use super::input::{JobInputError, JobSpec};
use super::keys;
use super::ndjson::{Ndjson, SpecMeta};
use crate::connection::Redis;

/// Adds in flight at once. Each add is written to the socket on its first
/// poll only while the connection's send queue has room (redis-rs holds 50
/// unsent requests; a waiting add is woken out of turn), so staying below it,
/// polling each add once as it is made and never yielding to the runtime's
/// budget between them sends the adds, and so runs them, in input order.
pub const IN_FLIGHT: usize = 48;

/// Why a bulk add stopped before the end of its input: the caller's stop
/// signal (no failure) or a failed add.
#[derive(Debug, Default)]
pub struct Stopped {
    /// The first add that failed: its job index and the error.
    pub failure: Option<(usize, AddError)>,
    /// Jobs after the confirmed run that were added anyway (answered after
    /// the failure), as (job index, id).
    pub stragglers: Vec<(usize, String)>,
    /// Adds sent that got no answer (timeout, connection lost): they may
    /// still run when Redis answers.
    pub unanswered: usize,
}

/// The outcome of a bulk add: the jobs confirmed in Redis are always the
/// first `added.ids.len()` of the ones sent, in input order.
#[derive(Debug)]
pub struct BulkOutcome {
    pub added: BulkAdded,
    pub stopped: Option<Stopped>,
}

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

/// Adds the jobs of a validated NDJSON input from job `skip` on, in input
/// order; `progress` gets the number confirmed after each job. When `stop`
/// fires, or an add fails, nothing more is sent and the adds already sent are
/// awaited, so the outcome says exactly which jobs are in Redis.
pub async fn add_many(
    redis: &Redis,
    input: &Ndjson<'_>,
    skip: usize,
    stop: impl Future<Output = ()>,
    progress: impl FnMut(usize),
) -> Result<BulkOutcome, bullmq::Error> {
    let metas = &input.metas[skip..];
    let priors = prior_state(redis, metas).await?;
    let mut queues: HashMap<&str, Queue> = HashMap::new();
    for meta in metas {
        if !queues.contains_key(meta.queue.as_str()) {
            queues.insert(&meta.queue, redis.queue(&meta.queue).await?);
        }
    }
    let sender = Sender {
        queues: &queues,
        input,
        solo: first_of_each_script(&input.metas, skip),
    };
    let sent = tokio::task::unconstrained(sender.run(skip, stop, progress)).await;
    Ok(BulkOutcome {
        added: summarise(sent.ids, metas, &priors),
        stopped: sent.stopped,
    })
}

/// Why an add failed.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error(transparent)]
    Redis(#[from] bullmq::Error),
    #[error(transparent)]
    Input(#[from] JobInputError),
}

impl AddError {
    /// Whether Redis answered (with an error), so the add did not happen;
    /// otherwise the reply never came and the add may still run.
    fn answered(&self) -> bool {
        match self {
            AddError::Redis(bullmq::Error::Redis(e)) => e.code().is_some(),
            AddError::Redis(bullmq::Error::ConnectionClosed) => false,
            AddError::Redis(_) | AddError::Input(_) => true,
        }
    }
}

/// What was sent and answered.
struct Sent {
    ids: Vec<String>,
    stopped: Option<Stopped>,
}

type Pending<'a> = BoxFuture<'a, (usize, Result<String, AddError>)>;

/// Sends adds in input order over the port's one multiplexed connection.
struct Sender<'a, 'i> {
    queues: &'a HashMap<&'a str, Queue>,
    input: &'a Ndjson<'i>,
    /// Jobs sent alone (see [`first_of_each_script`]).
    solo: Vec<bool>,
}

impl<'a> Sender<'a, '_> {
    async fn run(
        &self,
        mut next: usize,
        stop: impl Future<Output = ()>,
        mut progress: impl FnMut(usize),
    ) -> Sent {
        let end = self.input.len();
        let mut stop = std::pin::pin!(stop);
        let mut in_flight: FuturesOrdered<Pending<'a>> = FuturesOrdered::new();
        let mut solo_in_flight = false;
        let mut ids = Vec::with_capacity(end - next);
        let mut stopped: Option<Stopped> = None;
        loop {
            while stopped.is_none()
                && next < end
                && in_flight.len() < IN_FLIGHT
                && (in_flight.is_empty() || !(solo_in_flight || self.solo[next]))
            {
                solo_in_flight = self.solo[next];
                in_flight.push_back(self.start(next).await);
                next += 1;
            }
            if in_flight.is_empty() && (stopped.is_some() || next == end) {
                break;
            }
            tokio::select! {
                biased;
                () = &mut stop, if stopped.is_none() => {
                    stopped = Some(Stopped::default());
                }
                Some((index, result)) = in_flight.next() => {
                    solo_in_flight &= !in_flight.is_empty();
                    answer(&mut ids, &mut stopped, index, result);
                    progress(ids.len());
                }
            }
        }
        Sent { ids, stopped }
    }

    /// Makes the add of job `index` and polls it once, which puts it in the
    /// connection's send queue now, behind every add made before it.
    async fn start(&self, index: usize) -> Pending<'a> {
        let mut add = match self.input.spec(index) {
            Err(e) => return future::ready((index, Err(e.into()))).boxed(),
            Ok(spec) => {
                let queue = &self.queues[spec.queue.as_str()];
                queue
                    .add(&spec.name, spec.data)
                    .options(spec.opts)
                    .into_future()
            }
        };
        match futures::poll!(&mut add) {
            Poll::Ready(result) => future::ready((index, job_id(result))).boxed(),
            Poll::Pending => add.map(move |result| (index, job_id(result))).boxed(),
        }
    }
}

/// Records the answer to the add of job `index`: confirmed in input order
/// until the first failure, a straggler after it.
fn answer(
    ids: &mut Vec<String>,
    stopped: &mut Option<Stopped>,
    index: usize,
    result: Result<String, AddError>,
) {
    match (result, stopped.as_mut()) {
        (Ok(id), Some(s)) if s.failure.is_some() => s.stragglers.push((index, id)),
        (Ok(id), _) => ids.push(id),
        (Err(e), _) => {
            let s = stopped.get_or_insert_with(Stopped::default);
            s.unanswered += usize::from(!e.answered());
            s.failure.get_or_insert((index, e));
        }
    }
}

fn job_id(result: Result<bullmq::Job, bullmq::Error>) -> Result<String, AddError> {
    Ok(result?.id().to_string())
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

/// Marks, from job `skip` on, the first job using each add script: it is sent
/// alone and answered before anything after it is sent, so Redis caches the
/// script before the adds in flight would each send its whole text (the
/// NOSCRIPT fallback). Sending it alone keeps the order: which line wins a
/// shared id, and the order of automatic ids, match Node's `addBulk`.
fn first_of_each_script(metas: &[SpecMeta], skip: usize) -> Vec<bool> {
    let mut warmed: HashSet<u8> = HashSet::new();
    metas
        .iter()
        .enumerate()
        .map(|(i, meta)| i >= skip && warmed.insert(meta.script))
        .collect()
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
    fn the_first_job_of_each_script_after_the_skipped_ones_goes_alone() {
        let metas = [
            meta(0, None, None),
            meta(0, None, None),
            meta(1, None, None),
            meta(2, None, None),
            meta(1, None, None),
            meta(0, None, None),
        ];
        let solo = |skip| first_of_each_script(&metas, skip);
        assert_eq!(solo(0), [true, false, true, true, false, false]);
        assert_eq!(solo(3), [false, false, false, true, true, true]);
    }

    #[test]
    fn answers_after_the_first_failure_are_stragglers_and_lost_replies_are_counted() {
        let (mut ids, mut stopped) = (Vec::new(), None);
        let refused = || {
            Err(AddError::Redis(bullmq::Error::Script {
                code: -1,
                message: "refused".into(),
            }))
        };
        answer(&mut ids, &mut stopped, 0, Ok("1".into()));
        answer(&mut ids, &mut stopped, 1, refused());
        answer(&mut ids, &mut stopped, 2, Ok("3".into()));
        answer(
            &mut ids,
            &mut stopped,
            3,
            Err(bullmq::Error::ConnectionClosed.into()),
        );
        answer(&mut ids, &mut stopped, 4, refused());
        let stopped = stopped.unwrap();
        assert_eq!(ids, ["1"]);
        assert_eq!(stopped.failure.map(|(index, _)| index), Some(1));
        assert_eq!(stopped.stragglers, [(2, "3".to_string())]);
        assert_eq!(stopped.unanswered, 1);
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
