//! Resource use of built-in handlers: CPU time of the current thread (only
//! meaningful for work that has a thread to itself) and the worker's peak RSS.

use std::time::Duration;

/// CPU time (user + system) the calling thread has used so far.
pub fn thread_cpu() -> Option<Duration> {
    rusage(libc::RUSAGE_THREAD).map(|ru| tv(ru.ru_utime) + tv(ru.ru_stime))
}

/// The worker process's peak resident set size in KiB.
pub fn worker_peak_rss_kib() -> Option<u64> {
    rusage(libc::RUSAGE_SELF).map(|ru| ru.ru_maxrss.max(0) as u64)
}

fn rusage(who: libc::c_int) -> Option<libc::rusage> {
    // SAFETY: rusage is plain data; zeroed is a valid value for getrusage to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a local.
    let rc = unsafe { libc::getrusage(who, &mut ru) };
    (rc == 0).then_some(ru)
}

/// A `timeval` as a duration.
pub fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_thread_accumulates_cpu_and_the_worker_has_an_rss() {
        let before = thread_cpu().unwrap();
        let mut x = 0u64;
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_millis(30) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        assert!(thread_cpu().unwrap() > before);
        assert!(worker_peak_rss_kib().unwrap() > 0);
    }
}
