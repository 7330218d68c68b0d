//! The retry policy: how long a failed attempt waits before the next one, and
//! how much of that wait the worker itself must add to what BullMQ applies.
//!
//! The rules (the existing system's): scrape jobs back off exponentially from
//! 2 s, doubling, capped at 30 s; other jobs wait a fixed 5 s; a job's own
//! `opts.backoff` wins over both.
//!
//! The port computes a retry's delay only from the job's own `opts.backoff`,
//! read before the processor runs, with no worker-level default and no cap
//! (its `backoff_strategy` hook is consulted only for custom backoff types).
//! So for a job without a backoff the worker holds the failed attempt for the
//! policy's delay and then lets BullMQ retry it at once: `attemptsMade`,
//! `failedReason` and the final state are exactly BullMQ's, but during the
//! wait the job is `active` (its lock renewed), not `delayed`. A job that
//! carries its own exponential backoff gets BullMQ's uncapped delay: nothing
//! in the port can shorten it.

use std::time::Duration;

use bullmq::types::BackoffStrategy;

use crate::queues::routing;
use crate::queues::vocab::{self, OTHER_BACKOFF_MS, SCRAPE_BACKOFF_CAP_MS};

/// The policy's knobs.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Backoff for non-scrape jobs without their own; `None` retries at once.
    pub default: Option<BackoffStrategy>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            default: Some(BackoffStrategy::Fixed(OTHER_BACKOFF_MS)),
        }
    }
}

/// How the next attempt of a failed job is delayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryDelay {
    /// What the worker waits, holding the job, before handing the failure to BullMQ.
    pub hold: Duration,
    /// The whole wait until the job can run again, when known (not for custom types).
    pub total_ms: Option<u64>,
}

impl RetryPolicy {
    /// The delay before attempt `attempt + 1` of job `name`, which carries
    /// `own` as its `opts.backoff`; `attempt` counts from 1 (the one that failed).
    pub fn delay(&self, name: &str, own: Option<&BackoffStrategy>, attempt: u32) -> RetryDelay {
        match own {
            // BullMQ applies the job's own backoff; the worker adds nothing.
            Some(own) => RetryDelay {
                hold: Duration::ZERO,
                total_ms: bullmq_delay(own, attempt),
            },
            None => {
                let ms = self.policy_delay(name, attempt);
                RetryDelay {
                    hold: Duration::from_millis(ms),
                    total_ms: Some(ms),
                }
            }
        }
    }

    /// The policy's delay for a job without a backoff of its own.
    fn policy_delay(&self, name: &str, attempt: u32) -> u64 {
        if routing::is_scrape_job(name) {
            let ms = bullmq_delay(&vocab::default_backoff(name), attempt);
            return ms
                .unwrap_or(SCRAPE_BACKOFF_CAP_MS)
                .min(SCRAPE_BACKOFF_CAP_MS);
        }
        self.default
            .as_ref()
            .and_then(|b| bullmq_delay(b, attempt))
            .unwrap_or(0)
    }
}

/// The delay BullMQ (Node and the port alike) gives attempt `attempt + 1`
/// for `backoff`: fixed `d` → `d`; exponential `d` → `d · 2^(attempt-1)`.
/// `None` for custom types, whose delay only their strategy function knows.
pub fn bullmq_delay(backoff: &BackoffStrategy, attempt: u32) -> Option<u64> {
    match backoff {
        BackoffStrategy::Fixed(ms) => Some(*ms),
        BackoffStrategy::Exponential(ms) => {
            let factor = 2u64.checked_pow(attempt.saturating_sub(1))?;
            Some(ms.saturating_mul(factor))
        }
        BackoffStrategy::Custom(_) => None,
    }
}

/// Parses a worker's default backoff: `fixed:DURATION`, `exponential:DURATION`
/// or `none`; durations as `5s`, `1500ms` or plain milliseconds.
pub fn parse_backoff(text: &str) -> Result<Option<BackoffStrategy>, String> {
    if text.trim() == "none" {
        return Ok(None);
    }
    vocab::parse_backoff(text.trim())
        .map(Some)
        .map_err(|e| format!("{e}, or none"))
}

/// Whether BullMQ will run a job again after this attempt failed with `error`
/// (the port's rule: not unrecoverable, and attempts remain).
pub fn will_retry(job: &bullmq::Job, error: &bullmq::Error) -> bool {
    let made = job.attempts_made() + 1;
    !matches!(error, bullmq::Error::Unrecoverable(_)) && made < job.opts().attempts.unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(policy: &RetryPolicy, name: &str, own: Option<&BackoffStrategy>) -> Vec<u64> {
        (1..=7)
            .map(|a| policy.delay(name, own, a).total_ms.unwrap())
            .collect()
    }

    #[test]
    fn bullmq_delays_match_node() {
        let exp = BackoffStrategy::Exponential(2_000);
        let got: Vec<_> = (1..=5).map(|a| bullmq_delay(&exp, a).unwrap()).collect();
        assert_eq!(got, [2_000, 4_000, 8_000, 16_000, 32_000]);
        assert_eq!(bullmq_delay(&BackoffStrategy::Fixed(5_000), 9), Some(5_000));
        assert_eq!(bullmq_delay(&BackoffStrategy::Custom("x".into()), 1), None);
        assert_eq!(bullmq_delay(&exp, 200), None, "overflow is not a delay");
    }

    #[test]
    fn scrape_jobs_without_backoff_double_from_2s_up_to_30s() {
        let p = RetryPolicy::default();
        assert_eq!(
            totals(&p, "single-page", None),
            [2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
        );
        let d = p.delay("full-crawl", None, 60);
        assert_eq!(d.hold, Duration::from_millis(SCRAPE_BACKOFF_CAP_MS));
    }

    #[test]
    fn other_jobs_without_backoff_wait_the_default() {
        let p = RetryPolicy::default();
        assert_eq!(totals(&p, "analytics", None), [5_000; 7]);
        assert_eq!(p.delay("analytics", None, 1).hold, Duration::from_secs(5));
        let none = RetryPolicy { default: None };
        assert_eq!(none.delay("analytics", None, 2).hold, Duration::ZERO);
        let exp = RetryPolicy {
            default: Some(BackoffStrategy::Exponential(100)),
        };
        assert_eq!(exp.delay("analytics", None, 3).total_ms, Some(400));
    }

    #[test]
    fn a_jobs_own_backoff_is_left_to_bullmq() {
        let p = RetryPolicy::default();
        let own = BackoffStrategy::Fixed(400);
        let d = p.delay("single-page", Some(&own), 2);
        assert_eq!((d.hold, d.total_ms), (Duration::ZERO, Some(400)));
        // The port cannot cap its own exponential computation: reported as it is.
        let exp = BackoffStrategy::Exponential(2_000);
        assert_eq!(p.delay("single-page", Some(&exp), 5).total_ms, Some(32_000));
        let custom = BackoffStrategy::Custom("mine".into());
        assert_eq!(p.delay("x", Some(&custom), 1).total_ms, None);
    }

    #[test]
    fn parses_default_backoff_flags() {
        assert!(matches!(
            parse_backoff("fixed:5s"),
            Ok(Some(BackoffStrategy::Fixed(5_000)))
        ));
        assert!(matches!(
            parse_backoff("exponential:1500"),
            Ok(Some(BackoffStrategy::Exponential(1_500)))
        ));
        assert!(matches!(parse_backoff("none"), Ok(None)));
        assert!(parse_backoff("linear:1s").is_err());
        assert!(parse_backoff("fixed").is_err());
        assert!(parse_backoff("fixed:soon").is_err());
    }
}
