//! Search filters: what `search` matches on a job (name, error, time window,
//! `data` paths), parsed and validated before any Redis read.

use std::borrow::Cow;

use regex::Regex;
use serde_json::Value;

use crate::queues::JobState;

/// What a search selects; validated already. A job matches when it passes
/// every filter given.
#[derive(Debug, Clone)]
pub struct Query {
    /// The states to read, never empty.
    pub states: Vec<JobState>,
    /// The job's name equals this.
    pub name: Option<String>,
    /// Every one of these holds in the job's data.
    pub data: Vec<DataFilter>,
    /// The job has a failed reason and it matches.
    pub error: Option<Regex>,
    /// The job's time (see [`job_time`]) is at or after this (epoch ms).
    pub since_ms: Option<u64>,
    /// The job's time is strictly before this (epoch ms).
    pub until_ms: Option<u64>,
    /// Keep only the newest N matches.
    pub limit: Option<usize>,
    /// The share of the time (0 < share <= 1) the search may spend waiting on
    /// its round trips; 1 is no pacing.
    pub redis_share: f64,
}

impl Query {
    /// Whether the small fields pass the name, error and time filters.
    pub fn accepts(&self, name: &str, failed_reason: &str, time_ms: u64) -> bool {
        self.name.as_deref().is_none_or(|n| n == name)
            && self
                .error
                .as_ref()
                .is_none_or(|re| !failed_reason.is_empty() && re.is_match(failed_reason))
            && self.since_ms.is_none_or(|s| time_ms >= s)
            && self.until_ms.is_none_or(|u| time_ms < u)
    }

    /// Whether a filter on the small fields (name, error, time) may drop jobs
    /// before their `data` is read.
    pub fn narrows_by_small_fields(&self) -> bool {
        self.name.is_some()
            || self.error.is_some()
            || self.since_ms.is_some()
            || self.until_ms.is_some()
    }

    /// Whether the job's stored `data` text passes every `--data` filter; data
    /// that is not JSON passes none.
    pub fn accepts_data(&self, data: Option<&str>) -> bool {
        if self.data.is_empty() {
            return true;
        }
        let Some(value) = data.and_then(|d| serde_json::from_str::<Value>(d).ok()) else {
            return false;
        };
        self.data.iter().all(|f| f.matches(&value))
    }
}

/// The time a search filters and orders on: when the job finished for
/// completed and failed jobs (their sorted sets' score), else when it was created.
pub fn job_time(state: JobState, timestamp: u64, finished_on: Option<u64>) -> u64 {
    match (state, finished_on) {
        (JobState::Completed | JobState::Failed, Some(f)) => f,
        _ => timestamp,
    }
}

/// A `--data` filter: a dotted path into the job's data and what it must hold.
#[derive(Debug, Clone)]
pub struct DataFilter {
    path: Vec<String>,
    test: DataTest,
}

#[derive(Debug, Clone)]
enum DataTest {
    /// The value's JSON equals this, or its text does when it is a string.
    Equals(String),
    /// The value's text (a string as is, else its JSON) matches.
    Matches(Regex),
}

impl DataFilter {
    /// Parses `PATH=VALUE` or `PATH~REGEX`; the path is dot-separated keys, none empty.
    pub fn parse(text: &str) -> Result<DataFilter, String> {
        let at = text
            .find(['=', '~'])
            .ok_or_else(|| format!("data filter {text:?} needs PATH=VALUE or PATH~REGEX"))?;
        let (path, rest) = text.split_at(at);
        let path = parse_path(path)?;
        let value = &rest[1..];
        let test = if rest.starts_with('=') {
            DataTest::Equals(value.to_string())
        } else {
            DataTest::Matches(parse_regex(value)?)
        };
        Ok(DataFilter { path, test })
    }

    /// Whether the job's data satisfies the filter; a missing path never does.
    pub fn matches(&self, data: &Value) -> bool {
        let Some(found) = self.path.iter().try_fold(data, |v, key| lookup(v, key)) else {
            return false;
        };
        let text: Cow<str> = match found {
            Value::String(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.to_string()),
        };
        match &self.test {
            DataTest::Equals(want) => text == want.as_str(),
            DataTest::Matches(re) => re.is_match(&text),
        }
    }
}

fn lookup<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map.get(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

fn parse_path(path: &str) -> Result<Vec<String>, String> {
    let keys: Vec<String> = path.split('.').map(str::to_string).collect();
    if keys
        .iter()
        .any(|k| k.is_empty() || k.chars().any(char::is_control))
    {
        return Err(format!(
            "data path {path:?} must be dot-separated non-empty keys"
        ));
    }
    Ok(keys)
}

/// Compiles a user's regex with a bounded program size, one line on failure.
pub fn parse_regex(text: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(text)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let line = first.lines().last().unwrap_or("invalid").trim().to_string();
            format!("bad regex {text:?}: {line}")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn data_filters_match_paths_values_and_regexes() {
        let data = json!({"user": {"id": 42, "email": "a@example.com"}, "tags": ["x", "y"]});
        assert!(DataFilter::parse("user.id=42").unwrap().matches(&data));
        assert!(!DataFilter::parse("user.id=4").unwrap().matches(&data));
        assert!(DataFilter::parse("user.email~@example\\.com$")
            .unwrap()
            .matches(&data));
        assert!(DataFilter::parse("tags.1=y").unwrap().matches(&data));
        assert!(!DataFilter::parse("user.missing=1").unwrap().matches(&data));
    }

    fn query() -> Query {
        Query {
            states: JobState::ALL.to_vec(),
            name: None,
            data: vec![],
            error: None,
            since_ms: None,
            until_ms: None,
            limit: None,
            redis_share: 1.0,
        }
    }

    #[test]
    fn query_filters_name_error_and_window() {
        let q = Query {
            name: Some("refresh".into()),
            error: Some(parse_regex("ETIMEDOUT").unwrap()),
            since_ms: Some(10),
            until_ms: Some(20),
            ..query()
        };
        assert!(q.accepts("refresh", "connect ETIMEDOUT", 10));
        assert!(!q.accepts("refresh", "connect ETIMEDOUT", 20));
        assert!(!q.accepts("refresh", "connect ETIMEDOUT", 9));
        assert!(!q.accepts("other", "connect ETIMEDOUT", 15));
        let any_error = Query {
            error: Some(parse_regex("").unwrap()),
            ..query()
        };
        assert!(!any_error.accepts("x", "", 0), "no failed reason, no match");
    }

    #[test]
    fn data_that_is_not_json_matches_no_data_filter() {
        let q = Query {
            data: vec![DataFilter::parse("a=1").unwrap()],
            ..query()
        };
        assert!(q.accepts_data(Some(r#"{"a":1}"#)));
        assert!(!q.accepts_data(Some("{nope")));
        assert!(!q.accepts_data(None));
        assert!(query().accepts_data(None));
    }

    #[test]
    fn finished_jobs_are_timed_by_their_finish() {
        assert_eq!(job_time(JobState::Failed, 1, Some(5)), 5);
        assert_eq!(job_time(JobState::Delayed, 1, Some(5)), 1);
        assert_eq!(job_time(JobState::Completed, 1, None), 1);
    }

    #[test]
    fn hostile_filters_are_one_line_errors() {
        for bad in ["nopath", "=1", "a..b=1", "a.=1", "a~("] {
            let err = DataFilter::parse(bad).unwrap_err();
            assert!(!err.contains('\n'), "{bad}: {err}");
        }
        assert!(parse_regex("(").unwrap_err().starts_with("bad regex"));
    }
}
