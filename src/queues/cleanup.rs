//! Removing old jobs by state: the exact read-only count of what BullMQ's
//! `cleanJobsInSet` would remove (for `--dry-run`), the removal itself through
//! the port, event-stream trimming and obliteration.

use std::time::Duration;

use bullmq::QueueKeys;

use super::maintenance::{self, CLEAN_BATCH};
use super::{keys, now_ms, JobState};
use crate::connection::Redis;

/// A state `cleanJobsInSet` can remove jobs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    Completed,
    Failed,
    Delayed,
    Wait,
    Active,
    Prioritized,
    Paused,
}

impl State {
    /// The name BullMQ's script takes (and reports use).
    pub fn name(self) -> &'static str {
        match self {
            State::Completed => "completed",
            State::Failed => "failed",
            State::Delayed => "delayed",
            State::Wait => "wait",
            State::Active => "active",
            State::Prioritized => "prioritized",
            State::Paused => "paused",
        }
    }

    fn key(self, keys: &QueueKeys) -> String {
        keys.get(self.name())
    }
}

/// What to clean: states, minimum age and a per-state cap.
#[derive(Debug, Clone)]
pub struct Plan {
    pub states: Vec<State>,
    pub older_than: Duration,
    pub limit: Option<u32>,
}

/// Removes the jobs `plan` selects from `queue`; returns (state, removed) pairs.
pub async fn clean(
    redis: &Redis,
    queue: &str,
    plan: &Plan,
) -> Result<Vec<(State, u64)>, bullmq::Error> {
    let handle = redis.queue(queue).await?;
    let mut out = Vec::with_capacity(plan.states.len());
    for &state in &plan.states {
        let ids = maintenance::clean(&handle, plan.older_than, plan.limit, state.name()).await?;
        out.push((state, ids.len() as u64));
    }
    Ok(out)
}

/// Counts, without writing anything, what [`clean`] would remove right now.
pub async fn count(
    redis: &Redis,
    queue: &str,
    plan: &Plan,
) -> Result<Vec<(State, u64)>, bullmq::Error> {
    let keys = keys::queue(redis.prefix(), queue);
    let cutoff = now_ms().saturating_sub(plan.older_than.as_millis() as u64);
    let mut out = Vec::with_capacity(plan.states.len());
    for &state in &plan.states {
        out.push((
            state,
            count_state(redis, &keys, state, cutoff, plan.limit).await?,
        ));
    }
    Ok(out)
}

/// Mirrors `cleanJobsInSet-3.lua` for one state. Finished sets are scored by
/// `finishedOn`, so a ZCOUNT is exact. The others compare the first set field
/// of a list of timestamps and skip the current iteration of a job scheduler;
/// `active` also skips locked jobs. Lists are read from the tail, sets from the
/// lowest score, one batch at a time, as the port calls the script.
async fn count_state(
    redis: &Redis,
    keys: &QueueKeys,
    state: State,
    cutoff: u64,
    limit: Option<u32>,
) -> Result<u64, bullmq::Error> {
    let key = state.key(keys);
    let (ids, fields, from_tail): (Vec<String>, &[&str], bool) = match state {
        State::Completed | State::Failed => {
            let n = redis.zcount(&key, "0", &cutoff.to_string()).await?;
            return Ok(limit.map_or(n, |l| n.min(u64::from(l))));
        }
        State::Delayed => (
            members(redis.zrange_by_score(&key, "0", "+inf").await?),
            &["processedOn", "timestamp"],
            false,
        ),
        State::Prioritized => (
            members(redis.zrange_by_score(&key, "0", "+inf").await?),
            &["timestamp"],
            false,
        ),
        State::Wait | State::Paused | State::Active => (
            redis.list_all(&key).await?,
            &["finishedOn", "processedOn", "timestamp"],
            true,
        ),
    };
    let eligible = eligibility(redis, keys, &ids, fields, state == State::Active, cutoff).await?;
    Ok(simulate(eligible, from_tail, limit, CLEAN_BATCH as usize))
}

/// For each id, whether the script would remove it (ignoring batching).
async fn eligibility(
    redis: &Redis,
    keys: &QueueKeys,
    ids: &[String],
    fields: &[&str],
    check_lock: bool,
    cutoff: u64,
) -> Result<Vec<bool>, bullmq::Error> {
    let job_keys: Vec<String> = ids.iter().map(|id| keys.job_key(id)).collect();
    let mut wanted = vec!["rjk"];
    wanted.extend_from_slice(fields);
    let rows = redis.hmget_many(&job_keys, &wanted).await?;
    let scheduler = scheduler_iterations(redis, keys, ids, &rows).await?;
    let locked = if check_lock {
        let lock_keys: Vec<String> = job_keys.iter().map(|k| format!("{k}:lock")).collect();
        redis.exists_many(&lock_keys).await?
    } else {
        vec![false; ids.len()]
    };
    Ok(rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let ts = row[1..].iter().flatten().next();
            let old = ts.is_none_or(|t| t.parse::<u64>().is_ok_and(|t| t <= cutoff));
            old && !scheduler[i] && !locked[i]
        })
        .collect())
}

/// Whether each job is its scheduler's current iteration (`isJobSchedulerJob`),
/// which `clean` never removes. `rows[i][0]` is the job's `rjk` field.
async fn scheduler_iterations(
    redis: &Redis,
    keys: &QueueKeys,
    ids: &[String],
    rows: &[Vec<Option<String>>],
) -> Result<Vec<bool>, bullmq::Error> {
    let rjks: Vec<String> = rows.iter().filter_map(|r| r[0].clone()).collect();
    let mut scores = redis.zscore_many(&keys.repeat(), &rjks).await?.into_iter();
    Ok(rows
        .iter()
        .zip(ids)
        .map(|(row, id)| match &row[0] {
            Some(rjk) => scores
                .next()
                .flatten()
                .is_some_and(|millis| *id == format!("repeat:{rjk}:{millis}")),
            None => false,
        })
        .collect())
}

/// How many of `eligible` repeated script calls remove: each call looks at
/// the next `batch` ids (from the list's tail, or the set's lowest scores),
/// removes the eligible ones, and the loop stops after a short call or at `limit`.
fn simulate(mut eligible: Vec<bool>, from_tail: bool, limit: Option<u32>, batch: usize) -> u64 {
    if from_tail {
        eligible.reverse();
    }
    let mut total = 0usize;
    loop {
        let left = limit.map_or(usize::MAX, |l| (l as usize).saturating_sub(total));
        let want = left.min(batch);
        if want == 0 {
            break;
        }
        let window = want.min(eligible.len());
        let kept: Vec<bool> = eligible[..window].iter().copied().filter(|e| !e).collect();
        let removed = window - kept.len();
        eligible.splice(..window, kept);
        total += removed;
        if removed < want {
            break;
        }
    }
    total as u64
}

/// Trims the events stream to about `max_len` entries; returns how many went.
pub async fn trim_events(redis: &Redis, queue: &str, max_len: usize) -> Result<u64, bullmq::Error> {
    Ok(redis.queue(queue).await?.trim_events(max_len).await? as u64)
}

/// How many events trimming to `max_len` would drop (exact trimming; Redis
/// trims whole stream nodes, so the real number can be a little lower).
pub async fn events_over(redis: &Redis, queue: &str, max_len: usize) -> Result<u64, bullmq::Error> {
    let len = redis
        .xlen(&keys::queue(redis.prefix(), queue).events())
        .await?;
    Ok(len.saturating_sub(max_len as u64))
}

/// What obliterating `queue` deletes, per state: the counts `stats` reads,
/// plus the jobs of BullMQ 5's paused list, which obliterate deletes too.
pub async fn queue_counts(
    redis: &Redis,
    queue: &str,
) -> Result<Vec<(JobState, u64)>, bullmq::Error> {
    let k = keys::queue(redis.prefix(), queue);
    let (mut counts, _) = super::stats::read_counts(redis, &k).await?;
    counts.waiting += redis.llen(&k.paused()).await?;
    Ok(JobState::ALL.map(|s| (s, counts.get(s))).to_vec())
}

/// Deletes every key of `queue` through BullMQ's `obliterate` script, active
/// jobs included (the port pauses the queue first).
pub async fn obliterate(redis: &Redis, queue: &str) -> Result<(), bullmq::Error> {
    redis.queue(queue).await?.obliterate(true, 1000).await
}

/// The members of a `(member, score)` listing.
fn members(scored: Vec<(String, u64)>) -> Vec<String> {
    scored.into_iter().map(|(m, _)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::simulate;

    #[test]
    fn every_eligible_job_goes_without_a_limit() {
        let e = vec![true, false, true, true, false];
        assert_eq!(simulate(e.clone(), true, None, 10), 3);
        assert_eq!(simulate(e, false, None, 10), 3);
    }

    #[test]
    fn a_limit_caps_the_total_across_batches() {
        assert_eq!(simulate(vec![true; 25], false, Some(12), 5), 12);
        assert_eq!(simulate(vec![true; 25], false, None, 5), 25);
    }

    #[test]
    fn a_short_batch_ends_the_loop_like_the_script_calls() {
        // Batch of 2 from the lowest score: [true, false] removes 1 < 2, stop.
        assert_eq!(simulate(vec![true, false, true, true], false, None, 2), 1);
        // Lists are read from the tail: [true, true] then [true, false].
        assert_eq!(simulate(vec![false, true, true, true], true, None, 2), 3);
    }

    #[test]
    fn a_limit_reads_only_that_many_from_the_tail() {
        // LRANGE -2 -1 sees the last two, one of them too young.
        assert_eq!(
            simulate(vec![true, true, false, true], true, Some(2), 10),
            1
        );
    }
}
