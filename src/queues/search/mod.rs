//! `search`: find jobs across states and queues with read commands only, and
//! act on exactly the matches through the port (retry, remove, promote).

mod filter;
mod scan;

use serde::Serialize;

pub use filter::{job_time, parse_regex, DataFilter, Query};
pub use scan::{newest_first, search, total, Found};

use super::control::{self, ControlError};
use super::retry::{self, Candidate, Outcome, QueueMatch};

use super::JobState;
use crate::connection::Redis;

/// One job a search matched: its small fields, as BullMQ stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    pub queue: String,
    pub id: String,
    pub name: String,
    pub state: JobState,
    pub timestamp: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_on: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_reason: Option<String>,
}

impl Match {
    /// The time the search filters and orders this job on.
    pub fn time(&self) -> u64 {
        job_time(self.state, self.timestamp, self.finished_on)
    }
}

/// The matched jobs as `(queue, id, state)`, in the search's order: what an
/// action (or an export) takes.
pub fn targets(matches: &[Match]) -> Vec<(String, String, JobState)> {
    matches
        .iter()
        .map(|m| (m.queue.clone(), m.id.clone(), m.state))
        .collect()
}

/// What `--then` does to the matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Failed jobs back to waiting (BullMQ's `job.retry("failed")`).
    Retry,
    /// Remove the job and its logs (BullMQ's `remove`).
    Remove,
    /// Delayed jobs to waiting now (BullMQ's `job.promote()`).
    Promote,
}

impl Action {
    /// The state a job must be in for the action, if any.
    pub fn needs(self) -> Option<JobState> {
        match self {
            Action::Retry => Some(JobState::Failed),
            Action::Promote => Some(JobState::Delayed),
            Action::Remove => None,
        }
    }

    /// Whether the action applies to a job in `state`.
    pub fn applies_to(self, state: JobState) -> bool {
        self.needs().is_none_or(|s| s == state)
    }
}

/// Whether an action happened to a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    Done,
    Skipped,
    Failed,
}

impl From<Outcome> for Effect {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Retried => Effect::Done,
            Outcome::Skipped => Effect::Skipped,
            Outcome::Failed => Effect::Failed,
        }
    }
}

/// What an action did to one matched job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Acted {
    pub queue: String,
    pub id: String,
    pub outcome: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Acted {
    fn new(queue: &str, id: &str, outcome: Effect, reason: Option<String>) -> Self {
        Self {
            queue: queue.to_string(),
            id: id.to_string(),
            outcome,
            reason,
        }
    }
}

/// Applies `action` to exactly `matches`, queue by queue; a job not in the
/// state the action needs is skipped with the reason.
pub async fn act(
    redis: &Redis,
    action: Action,
    matches: &[Match],
) -> Result<Vec<Acted>, ControlError> {
    let mut out = Vec::with_capacity(matches.len());
    let mut queues: Vec<&str> = matches.iter().map(|m| m.queue.as_str()).collect();
    queues.sort_unstable();
    queues.dedup();
    for q in queues {
        let (fit, unfit): (Vec<&Match>, Vec<&Match>) = matches
            .iter()
            .filter(|m| m.queue == q)
            .partition(|m| action.applies_to(m.state));
        for m in unfit {
            let why = format!("{} (state: {})", not_applicable(action), m.state);
            out.push(Acted::new(q, &m.id, Effect::Skipped, Some(why)));
        }
        if !fit.is_empty() {
            out.extend(act_in_queue(redis, action, q, &fit).await?);
        }
    }
    Ok(out)
}

fn not_applicable(action: Action) -> &'static str {
    match action {
        Action::Retry => "not failed",
        Action::Promote => "not delayed",
        Action::Remove => "not removable",
    }
}

async fn act_in_queue(
    redis: &Redis,
    action: Action,
    queue: &str,
    jobs: &[&Match],
) -> Result<Vec<Acted>, ControlError> {
    if action == Action::Retry {
        let m = QueueMatch {
            queue: queue.to_string(),
            jobs: jobs
                .iter()
                .map(|j| Candidate {
                    id: j.id.clone(),
                    failed_on: j.time(),
                })
                .collect(),
            newest_ms: 0,
        };
        let items = retry::retry_each(redis, &m).await?;
        return Ok(items
            .into_iter()
            .map(|i| Acted {
                queue: queue.to_string(),
                id: i.id.unwrap_or_default(),
                outcome: i.outcome.into(),
                reason: i.reason,
            })
            .collect());
    }
    let ids: Vec<String> = jobs.iter().map(|j| j.id.clone()).collect();
    let outcome = match action {
        Action::Promote => control::promote(redis, queue, &ids).await?,
        _ => control::remove(redis, queue, &ids).await?,
    };
    let mut out: Vec<Acted> = outcome
        .done
        .iter()
        .map(|id| Acted::new(queue, id, Effect::Done, None))
        .collect();
    out.extend(
        outcome
            .not_found
            .iter()
            .map(|id| Acted::new(queue, id, Effect::Skipped, Some("job is gone".into()))),
    );
    out.extend(
        outcome
            .failed
            .into_iter()
            .map(|r| Acted::new(queue, &r.id, Effect::Failed, Some(r.reason))),
    );
    Ok(out)
}
