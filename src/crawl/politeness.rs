//! Per-host politeness: requests in flight, spacing between request starts,
//! Crawl-delay, and slowing down when a host answers 429 or 503.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rand::RngExt;

/// The longest a host's delay grows to after repeated 429/503 answers.
const MAX_DELAY: Duration = Duration::from_secs(60);
/// The longest Retry-After honoured.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

#[derive(Debug)]
struct Host {
    in_flight: usize,
    next_start: Instant,
    delay: Duration,
    last_start: Option<Instant>,
    /// Crawl-delay from robots.txt: one request at a time while set.
    crawl_delay: bool,
}

/// The politeness state of every host seen.
#[derive(Debug)]
pub struct Politeness {
    hosts: HashMap<String, Host>,
    delay: Duration,
    per_host: usize,
}

impl Politeness {
    /// `delay` between request starts and `per_host` in flight, for every host.
    pub fn new(delay: Duration, per_host: usize) -> Self {
        Politeness {
            hosts: HashMap::new(),
            delay,
            per_host: per_host.max(1),
        }
    }

    fn host(&mut self, host: &str, now: Instant) -> &mut Host {
        let delay = self.delay;
        self.hosts.entry(host.to_string()).or_insert(Host {
            in_flight: 0,
            next_start: now,
            delay,
            last_start: None,
            crawl_delay: false,
        })
    }

    /// `Ok` when a request to `host` may start now; otherwise when to look
    /// again (`None`: wait for a request in flight to finish).
    pub fn ready(&mut self, host: &str, now: Instant) -> Result<(), Option<Instant>> {
        let limit = self.per_host;
        let h = self.host(host, now);
        let limit = if h.crawl_delay { 1 } else { limit };
        if h.in_flight >= limit {
            return Err(None);
        }
        if h.next_start > now {
            return Err(Some(h.next_start));
        }
        Ok(())
    }

    /// Records a request start; the next may start after the delay plus up to
    /// 50 % jitter (never less than the delay).
    pub fn start(&mut self, host: &str, now: Instant) {
        let h = self.host(host, now);
        h.in_flight += 1;
        h.last_start = Some(now);
        h.next_start = now + jitter(h.delay);
    }

    /// Records a request end. Under a Crawl-delay the next request also waits
    /// the delay from this end, so the server sees the full gap even when a
    /// request reached it late (a slow connect).
    pub fn finish(&mut self, host: &str, now: Instant) {
        if let Some(h) = self.hosts.get_mut(host) {
            h.in_flight = h.in_flight.saturating_sub(1);
            if h.crawl_delay {
                h.next_start = h.next_start.max(now + h.delay);
            }
        }
    }

    /// Applies a robots.txt Crawl-delay when it is longer than the host's delay.
    pub fn set_crawl_delay(&mut self, host: &str, delay: Duration, now: Instant) {
        let h = self.host(host, now);
        if delay > h.delay {
            h.delay = delay;
        }
        // The robots.txt request itself counts against the new delay, from
        // when its answer arrived.
        if h.last_start.is_some() {
            h.next_start = h.next_start.max(now + h.delay);
        }
        h.crawl_delay = true;
    }

    /// A 429/503: double the host's delay and wait at least `retry_after`.
    pub fn slow_down(&mut self, host: &str, retry_after: Option<Duration>, now: Instant) {
        let h = self.host(host, now);
        h.delay = (h.delay * 2).clamp(Duration::from_millis(100), MAX_DELAY);
        if let Some(wait) = retry_after {
            h.next_start = h.next_start.max(now + wait.min(MAX_RETRY_AFTER));
        }
    }

    /// No request to `host` before `until` (retry backoff).
    pub fn hold(&mut self, host: &str, until: Instant, now: Instant) {
        let h = self.host(host, now);
        h.next_start = h.next_start.max(until);
    }

    /// The host's current delay between request starts.
    #[cfg(test)]
    pub fn delay(&self, host: &str) -> Duration {
        self.hosts.get(host).map_or(self.delay, |h| h.delay)
    }
}

/// `delay` plus up to 50 % (never less than `delay`).
pub fn jitter(delay: Duration) -> Duration {
    if delay.is_zero() {
        return delay;
    }
    delay.mul_f64(1.0 + rand::rng().random_range(0.0..0.5))
}

/// Backoff before retry `attempt` (1-based): exponential from `base`, capped at
/// 30 s, half of it random ("equal jitter").
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    let full = (base * 2u32.saturating_pow(attempt.saturating_sub(1))).min(Duration::from_secs(30));
    full / 2 + full.mul_f64(rand::rng().random_range(0.0..0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_and_in_flight_limits() {
        let now = Instant::now();
        let mut p = Politeness::new(Duration::from_millis(100), 2);
        assert!(p.ready("a", now).is_ok());
        p.start("a", now);
        let Err(Some(at)) = p.ready("a", now) else {
            panic!("expected a wait")
        };
        assert!(at >= now + Duration::from_millis(100));
        assert!(at <= now + Duration::from_millis(150));
        let later = now + Duration::from_millis(200);
        p.start("a", later);
        assert_eq!(p.ready("a", later + Duration::from_secs(1)), Err(None));
        p.finish("a", now);
        assert!(p.ready("a", later + Duration::from_secs(1)).is_ok());
        assert!(p.ready("b", now).is_ok(), "hosts are independent");
    }

    #[test]
    fn slow_down_doubles_and_honours_retry_after() {
        let now = Instant::now();
        let mut p = Politeness::new(Duration::from_millis(500), 2);
        p.slow_down("a", Some(Duration::from_secs(2)), now);
        assert_eq!(p.delay("a"), Duration::from_secs(1));
        assert_eq!(
            p.ready("a", now + Duration::from_secs(1)),
            Err(Some(now + Duration::from_secs(2)))
        );
    }

    #[test]
    fn crawl_delay_means_one_at_a_time() {
        let now = Instant::now();
        let mut p = Politeness::new(Duration::from_millis(10), 4);
        p.set_crawl_delay("a", Duration::from_millis(200), now);
        p.start("a", now);
        assert_eq!(p.ready("a", now + Duration::from_secs(1)), Err(None));
        assert_eq!(p.delay("a"), Duration::from_millis(200));
    }

    #[test]
    fn crawl_delay_counts_from_the_end_of_the_previous_request() {
        let now = Instant::now();
        let d = Duration::from_millis(200);
        let mut p = Politeness::new(Duration::from_millis(10), 4);
        p.set_crawl_delay("a", d, now);
        p.start("a", now);
        let end = now + Duration::from_millis(150);
        p.finish("a", end);
        assert_eq!(p.ready("a", now + d), Err(Some(end + d)));
        assert_eq!(p.ready("a", end + d), Ok(()));
    }

    #[test]
    fn backoff_grows_with_jitter() {
        let b = Duration::from_millis(100);
        let first = backoff(b, 1);
        assert!(first >= Duration::from_millis(50) && first < Duration::from_millis(100));
        let second = backoff(b, 2);
        assert!(second >= Duration::from_millis(100) && second < Duration::from_millis(200));
    }
}
