//! Reading the state structures for a search: ids in bounded chunks, the small
//! fields of each chunk in one pipeline, `data` only for the jobs that passed
//! them (in the same command when nothing but `--data` selects), read commands
//! only, and paced so Redis is never busy with the search for more than a
//! chosen share of the time.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::time::{Duration, Instant};

use bullmq::QueueKeys;

use super::filter::{job_time, Query};
use super::Match;
use crate::connection::Redis;
use crate::queues::stats::state_key;
use crate::queues::{keys, JobState};

/// Ids read per LRANGE/ZRANGE, and so hashes per HMGET pipeline.
const CHUNK: i64 = 1000;

/// The job fields every candidate is read for, in this order.
const SMALL_FIELDS: [&str; 4] = ["name", "timestamp", "finishedOn", "failedReason"];

/// The small fields and `data`, read in one command when every job is a
/// candidate anyway (only `--data` filters, besides states).
const WITH_DATA: [&str; 5] = ["name", "timestamp", "finishedOn", "failedReason", "data"];

/// What one search found.
#[derive(Debug, Default)]
pub struct Found {
    /// The matches, newest first (see [`newest_first`]), at most the limit.
    pub matches: Vec<Match>,
    /// Job ids read from the state structures.
    pub scanned: u64,
}

/// How many ids the search will read: the lengths of the structures of
/// `states` in every queue (for the progress line).
pub async fn total(
    redis: &Redis,
    queues: &[String],
    states: &[JobState],
) -> Result<u64, bullmq::Error> {
    let mut sum = 0;
    for q in queues {
        let keys = keys::queue(redis.prefix(), q);
        let structures: Vec<(String, bool)> = states
            .iter()
            .flat_map(|s| structures(&keys, *s))
            .map(|s| (s.key, s.kind == Kind::List))
            .collect();
        sum += redis.lengths(&structures).await?.iter().sum::<u64>();
    }
    Ok(sum)
}

/// Searches `queues`, calling `progress` with the running count of ids read
/// after every chunk. Writes nothing.
pub async fn search(
    redis: &Redis,
    queues: &[String],
    query: &Query,
    mut progress: impl FnMut(u64),
) -> Result<Found, bullmq::Error> {
    let mut scan = Scan {
        redis,
        query,
        found: Found::default(),
        pace: Pace::start(redis, query.redis_share).await?,
    };
    for q in queues {
        let keys = keys::queue(redis.prefix(), q);
        let mut seen = HashSet::new();
        for state in &query.states {
            for s in structures(&keys, *state) {
                scan.structure(q, &keys, &s, &mut seen, &mut progress)
                    .await?;
            }
        }
    }
    let mut found = scan.found;
    keep_newest(&mut found.matches, query.limit);
    Ok(found)
}

/// Whether a structure is a list or a sorted set scored by finish time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Set,
    /// completed/failed: scored by `finishedOn`, so a time window is a score range.
    Finished,
}

struct Structure {
    key: String,
    kind: Kind,
    state: JobState,
}

/// The structures holding `state`'s jobs; waiting jobs may also be in BullMQ
/// 5's `paused` list, as Node's `getJobs` reads it.
fn structures(keys: &QueueKeys, state: JobState) -> Vec<Structure> {
    let (key, is_list) = state_key(keys, state);
    let kind = match (is_list, state) {
        (true, _) => Kind::List,
        (false, JobState::Completed | JobState::Failed) => Kind::Finished,
        (false, _) => Kind::Set,
    };
    let mut out = vec![Structure { key, kind, state }];
    if state == JobState::Waiting {
        out.push(Structure {
            key: keys.paused(),
            kind: Kind::List,
            state,
        });
    }
    out
}

struct Scan<'a> {
    redis: &'a Redis,
    query: &'a Query,
    found: Found,
    pace: Pace,
}

impl Scan<'_> {
    /// Reads one structure chunk by chunk, newest first.
    async fn structure(
        &mut self,
        queue: &str,
        keys: &QueueKeys,
        s: &Structure,
        seen: &mut HashSet<String>,
        progress: &mut impl FnMut(u64),
    ) -> Result<(), bullmq::Error> {
        let (mut start, end) = self.rank_window(s).await?;
        while end.is_none_or(|e| start < e) {
            let stop = start + CHUNK - 1;
            let stop = end.map_or(stop, |e| stop.min(e - 1));
            let started = Instant::now();
            let ids = match s.kind {
                Kind::List => self.redis.lrange(&s.key, start, stop).await?,
                Kind::Set | Kind::Finished => self.redis.zrange(&s.key, start, stop, true).await?,
            };
            self.pace.waited(started.elapsed());
            let read = ids.len() as i64;
            self.chunk(queue, keys, s.state, ids, seen).await?;
            self.found.scanned += read as u64;
            progress(self.found.scanned);
            self.pace.rest(self.redis).await?;
            if read < stop - start + 1 {
                break;
            }
            start += read;
        }
        Ok(())
    }

    /// The ranks (newest first) to read: everything, or for finished jobs
    /// only those whose score lies in the time window.
    async fn rank_window(&mut self, s: &Structure) -> Result<(i64, Option<i64>), bullmq::Error> {
        let q = self.query;
        if s.kind != Kind::Finished || (q.since_ms.is_none() && q.until_ms.is_none()) {
            return Ok((0, None));
        }
        let started = Instant::now();
        let newer = match q.until_ms {
            Some(u) => self.redis.zcount(&s.key, &u.to_string(), "+inf").await?,
            None => 0,
        };
        let until = q.until_ms.map_or("+inf".to_string(), |u| format!("({u}"));
        let since = q.since_ms.map_or("-inf".to_string(), |s| s.to_string());
        let inside = self.redis.zcount(&s.key, &since, &until).await?;
        self.pace.waited(started.elapsed());
        Ok((newer as i64, Some((newer + inside) as i64)))
    }

    /// Filters one chunk of ids: small fields for all, data for the survivors.
    async fn chunk(
        &mut self,
        queue: &str,
        keys: &QueueKeys,
        state: JobState,
        ids: Vec<String>,
        seen: &mut HashSet<String>,
    ) -> Result<(), bullmq::Error> {
        let hashes: Vec<String> = ids.iter().map(|id| keys.job_key(id)).collect();
        let wants_data = !self.query.data.is_empty();
        let together = wants_data && !self.query.narrows_by_small_fields();
        let fields: &[&str] = if together { &WITH_DATA } else { &SMALL_FIELDS };
        let started = Instant::now();
        let replies = self.redis.hmget_many(&hashes, fields).await?;
        self.pace.waited(started.elapsed());
        let mut candidates: Vec<(Match, String, Option<String>)> = Vec::new();
        for ((id, key), mut f) in ids.into_iter().zip(hashes).zip(replies) {
            let data = if together { f.pop().flatten() } else { None };
            if let Some(m) = self.small_match(queue, id, state, f) {
                candidates.push((m, key, data));
            }
        }
        if wants_data && !together && !candidates.is_empty() {
            let keys: Vec<String> = candidates.iter().map(|(_, k, _)| k.clone()).collect();
            let started = Instant::now();
            let data = self.redis.hmget_many(&keys, &["data"]).await?;
            self.pace.waited(started.elapsed());
            for (c, mut d) in candidates.iter_mut().zip(data) {
                c.2 = d.pop().flatten();
            }
        }
        if wants_data {
            let query = self.query;
            candidates.retain(|(_, _, d)| query.accepts_data(d.as_deref()));
        }
        for (m, _, _) in candidates {
            if seen.insert(m.id.clone()) {
                self.found.matches.push(m);
            }
        }
        bound(&mut self.found.matches, self.query.limit);
        Ok(())
    }

    /// The job as a match when its small fields pass; `None` when its hash is gone.
    fn small_match(
        &self,
        queue: &str,
        id: String,
        state: JobState,
        fields: Vec<Option<String>>,
    ) -> Option<Match> {
        let mut f = fields.into_iter();
        let (name, timestamp, finished_on, reason) = (f.next()??, f.next()?, f.next()?, f.next()?);
        let number = |v: Option<String>| v.and_then(|t| t.parse::<f64>().ok()).map(|n| n as u64);
        let timestamp = number(timestamp).unwrap_or(0);
        let finished_on = number(finished_on);
        let reason = reason.unwrap_or_default();
        let time = job_time(state, timestamp, finished_on);
        if !self.query.accepts(&name, &reason, time) {
            return None;
        }
        Some(Match {
            queue: queue.to_string(),
            id,
            name,
            state,
            timestamp,
            finished_on,
            failed_reason: (!reason.is_empty()).then_some(reason),
        })
    }
}

/// Keeps memory bounded under a limit: once the matches pass twice the
/// limit, only the newest `limit` are kept.
fn bound(matches: &mut Vec<Match>, limit: Option<usize>) {
    if let Some(n) = limit {
        if matches.len() > 2 * n + CHUNK as usize {
            keep_newest(matches, Some(n));
        }
    }
}

/// Sorts newest first and keeps at most `limit`.
fn keep_newest(matches: &mut Vec<Match>, limit: Option<usize>) {
    matches.sort_by(newest_first);
    if let Some(n) = limit {
        matches.truncate(n);
    }
}

/// The search's order: the job's time (finish time for completed and failed
/// jobs, else creation time) newest first, then queue name, then id (ids
/// made of digits by their number, larger first; others by text, larger first).
pub fn newest_first(a: &Match, b: &Match) -> Ordering {
    b.time()
        .cmp(&a.time())
        .then_with(|| a.queue.cmp(&b.queue))
        .then_with(|| id_order(&b.id, &a.id))
}

fn id_order(a: &str, b: &str) -> Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// How long between two readings of Redis's CPU time.
const PROBE_EVERY: Duration = Duration::from_millis(25);

/// A duty cycle that keeps Redis busy at most `share` of the time. Where the
/// server answers INFO, Redis's own CPU time (all clients') is read every
/// [`PROBE_EVERY`] and the rest after each chunk is set so that the work per
/// chunk over the whole cycle stays within `share`. Where INFO is refused,
/// the search's round trips are kept within `share` of the time instead (a
/// round trip lasts at least as long as Redis works on it).
struct Pace {
    share: f64,
    began: Instant,
    waited: Duration,
    probe: Option<Probe>,
    rest: Duration,
}

/// The state at the last CPU reading.
struct Probe {
    at: Instant,
    cpu_s: f64,
    chunks: u32,
    rested: Duration,
}

impl Pace {
    async fn start(redis: &Redis, share: f64) -> Result<Self, bullmq::Error> {
        let probe = if share < 1.0 {
            Probe::read(redis).await?
        } else {
            None
        };
        Ok(Self {
            share,
            began: Instant::now(),
            waited: Duration::ZERO,
            probe,
            rest: Duration::ZERO,
        })
    }

    fn waited(&mut self, d: Duration) {
        self.waited += d;
    }

    /// Rests after a chunk as the duty cycle needs.
    async fn rest(&mut self, redis: &Redis) -> Result<(), bullmq::Error> {
        if self.share >= 1.0 {
            return Ok(());
        }
        let Some(probe) = &mut self.probe else {
            let due = self.waited.div_f64(self.share);
            let elapsed = self.began.elapsed();
            if due > elapsed {
                tokio::time::sleep(due - elapsed).await;
            }
            return Ok(());
        };
        probe.chunks += 1;
        if probe.at.elapsed() >= PROBE_EVERY {
            if let Some(next) = Probe::read(redis).await? {
                self.rest = probe.rest_for(&next, self.share);
                *probe = next;
            }
        }
        if !self.rest.is_zero() {
            let began = Instant::now();
            tokio::time::sleep(self.rest).await;
            probe.rested += began.elapsed();
        }
        Ok(())
    }
}

impl Probe {
    /// Redis's CPU time now, or `None` when the server refuses INFO.
    async fn read(redis: &Redis) -> Result<Option<Self>, bullmq::Error> {
        let Some(info) = redis.info("cpu").await? else {
            return Ok(None);
        };
        let field = |k: &str| info.get(k).and_then(|v| v.trim().parse::<f64>().ok());
        Ok(match (field("used_cpu_sys"), field("used_cpu_user")) {
            (Some(sys), Some(user)) => Some(Self {
                at: Instant::now(),
                cpu_s: sys + user,
                chunks: 0,
                rested: Duration::ZERO,
            }),
            _ => None,
        })
    }

    /// The rest per chunk that makes Redis's work per chunk (as measured from
    /// here to `next`) at most `share` of a chunk's whole cycle.
    fn rest_for(&self, next: &Probe, share: f64) -> Duration {
        let chunks = f64::from(self.chunks.max(1));
        let work = (next.cpu_s - self.cpu_s).max(0.0) / chunks;
        let wall = next.at.duration_since(self.at).saturating_sub(self.rested);
        let active = wall.as_secs_f64() / chunks;
        Duration::from_secs_f64((work / share - active).clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(queue: &str, id: &str, state: JobState, ts: u64, fin: Option<u64>) -> Match {
        Match {
            queue: queue.into(),
            id: id.into(),
            name: "n".into(),
            state,
            timestamp: ts,
            finished_on: fin,
            failed_reason: None,
        }
    }

    #[test]
    fn newest_first_by_time_then_queue_then_id() {
        let mut all = vec![
            m("a", "9", JobState::Waiting, 100, None),
            m("a", "10", JobState::Waiting, 100, None),
            m("b", "1", JobState::Waiting, 100, None),
            m("a", "2", JobState::Completed, 1, Some(200)),
            m("a", "x", JobState::Delayed, 50, Some(999)),
        ];
        keep_newest(&mut all, Some(4));
        let ids: Vec<&str> = all.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["2", "10", "9", "1"]);
    }

    #[test]
    fn the_rest_per_chunk_holds_redis_to_its_share() {
        let at = Instant::now();
        let probe = |after_ms: u64, cpu_s: f64, chunks: u32, rested_ms: u64| Probe {
            at: at + Duration::from_millis(after_ms),
            cpu_s,
            chunks,
            rested: Duration::from_millis(rested_ms),
        };
        // 10 chunks in 100 ms, 50 ms of Redis CPU: 5 ms of work per 10 ms chunk.
        let rest = probe(0, 1.0, 10, 0).rest_for(&probe(100, 1.05, 0, 0), 0.25);
        assert_eq!(rest.as_millis(), 10, "5 ms of work in a 20 ms cycle");
        let idle = probe(0, 1.0, 10, 0).rest_for(&probe(100, 1.001, 0, 0), 0.25);
        assert_eq!(idle, Duration::ZERO);
    }

    #[test]
    fn bounded_matches_keep_the_newest() {
        let mut all: Vec<Match> = (0..3000)
            .map(|i| m("q", &i.to_string(), JobState::Waiting, i, None))
            .collect();
        bound(&mut all, Some(5));
        assert_eq!(all.len(), 5);
        assert_eq!(all[0].id, "2999");
    }
}
