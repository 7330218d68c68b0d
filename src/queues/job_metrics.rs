//! Per-job metrics as the worker writes them into a job's log and as
//! `queuectl job` reads them back: one line per attempt, such as
//! `queuectl: duration 120 ms, cpu 40 ms, peak rss 5120 KiB, exit 0`.

use serde::Serialize;

/// What every metrics log line starts with.
pub const PREFIX: &str = "queuectl: duration ";

/// Whose peak RSS a line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RssOf {
    /// The external command (its rusage from wait4).
    Command,
    /// The whole worker process (built-in handlers share it).
    Worker,
}

/// One attempt's resource use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobMetrics {
    /// Wall time of the attempt.
    pub duration_ms: u64,
    /// CPU time, when it can be told apart from other jobs' (`None`: "n/a").
    pub cpu_ms: Option<u64>,
    /// Peak resident set size in KiB, when known.
    #[serde(rename = "peakRssKiB")]
    pub peak_rss_kib: Option<u64>,
    pub rss_of: RssOf,
    /// How an external command ended: its exit code or `signal N`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit: Option<String>,
}

impl JobMetrics {
    /// The log line.
    pub fn to_line(&self) -> String {
        let na = |v: Option<u64>, unit: &str| v.map_or("n/a".into(), |v| format!("{v} {unit}"));
        let rss = match self.rss_of {
            RssOf::Command => "peak rss",
            RssOf::Worker => "worker peak rss",
        };
        let mut line = format!(
            "{PREFIX}{} ms, cpu {}, {rss} {}",
            self.duration_ms,
            na(self.cpu_ms, "ms"),
            na(self.peak_rss_kib, "KiB"),
        );
        if let Some(exit) = &self.exit {
            line.push_str(&format!(", exit {exit}"));
        }
        line
    }

    /// Reads a line written by [`JobMetrics::to_line`]; `None` for any other line.
    pub fn parse(line: &str) -> Option<Self> {
        let mut parts = line.strip_prefix(PREFIX)?.split(", ");
        let duration_ms = parts.next()?.strip_suffix(" ms")?.parse().ok()?;
        let cpu_ms = value(parts.next()?.strip_prefix("cpu ")?, " ms")?;
        let rss = parts.next()?;
        let (rss_of, rss) = match rss.strip_prefix("worker peak rss ") {
            Some(v) => (RssOf::Worker, v),
            None => (RssOf::Command, rss.strip_prefix("peak rss ")?),
        };
        let peak_rss_kib = value(rss, " KiB")?;
        let exit = match parts.next() {
            Some(p) => Some(p.strip_prefix("exit ")?.to_string()),
            None => None,
        };
        Some(Self {
            duration_ms,
            cpu_ms,
            peak_rss_kib,
            rss_of,
            exit,
        })
    }

    /// The metrics of the latest attempt among a job's log lines.
    pub fn latest<'a>(logs: impl DoubleEndedIterator<Item = &'a str>) -> Option<Self> {
        logs.rev().find_map(Self::parse)
    }
}

/// `n/a` → `Some(None)`, `N unit` → `Some(Some(N))`, anything else → `None`.
fn value(text: &str, unit: &str) -> Option<Option<u64>> {
    if text == "n/a" {
        return Some(None);
    }
    text.strip_suffix(unit)?.parse().ok().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip() {
        let exec = JobMetrics {
            duration_ms: 120,
            cpu_ms: Some(40),
            peak_rss_kib: Some(5120),
            rss_of: RssOf::Command,
            exit: Some("0".into()),
        };
        let line = exec.to_line();
        assert_eq!(
            line,
            "queuectl: duration 120 ms, cpu 40 ms, peak rss 5120 KiB, exit 0"
        );
        assert_eq!(JobMetrics::parse(&line), Some(exec));
        let echo = JobMetrics {
            duration_ms: 0,
            cpu_ms: None,
            peak_rss_kib: Some(9000),
            rss_of: RssOf::Worker,
            exit: None,
        };
        let line = echo.to_line();
        assert_eq!(
            line,
            "queuectl: duration 0 ms, cpu n/a, worker peak rss 9000 KiB"
        );
        assert_eq!(JobMetrics::parse(&line), Some(echo));
    }

    #[test]
    fn other_lines_are_not_metrics_and_the_latest_wins() {
        assert_eq!(JobMetrics::parse("working"), None);
        assert_eq!(JobMetrics::parse("queuectl: duration soon"), None);
        let logs = [
            "queuectl: duration 5 ms, cpu n/a, peak rss n/a, exit signal 9",
            "log line",
            "queuectl: duration 7 ms, cpu 1 ms, peak rss 10 KiB, exit 0",
            "after",
        ];
        let m = JobMetrics::latest(logs.into_iter()).unwrap();
        assert_eq!((m.duration_ms, m.exit.as_deref()), (7, Some("0")));
    }
}
