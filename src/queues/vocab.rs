//! The BullMQ vocabulary, each fact written once: job states, the job-name
//! routing table, the default retry backoff, the scrape job's data and progress.

use std::fmt;

use bullmq::types::BackoffStrategy;
use bullmq::JobProgress;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::crawl::{ChunkSpec, ChunkUnit, ContentMode, ContentOptions, RenderMode};

/// A job state as Node's `Job.getState()` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobState {
    Active,
    Waiting,
    Prioritized,
    Delayed,
    WaitingChildren,
    Failed,
    Completed,
}

impl JobState {
    /// Every state, in the order tables list them.
    pub const ALL: [JobState; 7] = [
        JobState::Active,
        JobState::Waiting,
        JobState::Prioritized,
        JobState::Delayed,
        JobState::WaitingChildren,
        JobState::Failed,
        JobState::Completed,
    ];

    /// BullMQ's name for the state.
    pub fn name(self) -> &'static str {
        match self {
            JobState::Active => "active",
            JobState::Waiting => "waiting",
            JobState::Prioritized => "prioritized",
            JobState::Delayed => "delayed",
            JobState::WaitingChildren => "waiting-children",
            JobState::Failed => "failed",
            JobState::Completed => "completed",
        }
    }

    /// The state a name stands for; `wait` (the list's key suffix) is `waiting`.
    pub fn parse(name: &str) -> Option<JobState> {
        if name == "wait" {
            return Some(JobState::Waiting);
        }
        JobState::ALL.into_iter().find(|s| s.name() == name)
    }

    /// A state name as reported to users: `wait` becomes `waiting`, names
    /// BullMQ may add later pass through unchanged.
    pub fn display_name(name: &str) -> &str {
        match JobState::parse(name) {
            Some(s) => s.name(),
            None => name,
        }
    }

    /// Whether Node lists this state newest first (finished jobs) rather than oldest first.
    pub fn newest_first(self) -> bool {
        matches!(self, JobState::Completed | JobState::Failed)
    }
}

impl std::fmt::Display for JobState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The queue for scraping jobs.
pub const SCRAPE_QUEUE: &str = "scrape-queue";
/// The queue for maintenance jobs.
pub const MAINTENANCE_QUEUE: &str = "maintenance-queue";
/// The queue for content processing jobs.
pub const PROCESS_QUEUE: &str = "process-queue";

/// The family a known job name belongs to; each family has its own queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobFamily {
    Scrape,
    Maintenance,
    Process,
}

impl JobFamily {
    /// The family's queue.
    pub fn queue(self) -> &'static str {
        match self {
            JobFamily::Scrape => SCRAPE_QUEUE,
            JobFamily::Maintenance => MAINTENANCE_QUEUE,
            JobFamily::Process => PROCESS_QUEUE,
        }
    }
}

/// One known job name: its family and whether `queuectl worker` runs it itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub name: &'static str,
    pub family: JobFamily,
    pub built_in: bool,
}

const fn route(name: &'static str, family: JobFamily, built_in: bool) -> Route {
    Route {
        name,
        family,
        built_in,
    }
}

/// The job names the existing Node system routes, in the order help lists them.
pub const ROUTES: [Route; 9] = [
    route("single-page", JobFamily::Scrape, true),
    route("full-crawl", JobFamily::Scrape, true),
    route("refresh", JobFamily::Scrape, true),
    route("scrape-website", JobFamily::Scrape, true),
    route("maintenance", JobFamily::Maintenance, true),
    route("daily-maintenance", JobFamily::Maintenance, true),
    route("cleanup", JobFamily::Maintenance, false),
    route("analytics", JobFamily::Process, false),
    route("process-content", JobFamily::Process, false),
];

/// The family of a job name, if the routing table knows it.
pub fn family_of(job_name: &str) -> Option<JobFamily> {
    ROUTES.iter().find(|r| r.name == job_name).map(|r| r.family)
}

/// The generic scrape job name whose `data.type` picks the kind.
pub const SCRAPE_WEBSITE: &str = "scrape-website";

/// The three scrape kinds, named as their jobs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScrapeKind {
    SinglePage,
    FullCrawl,
    Refresh,
}

impl ScrapeKind {
    /// The job name of this kind.
    pub fn job_name(self) -> &'static str {
        match self {
            ScrapeKind::SinglePage => "single-page",
            ScrapeKind::FullCrawl => "full-crawl",
            ScrapeKind::Refresh => "refresh",
        }
    }

    /// The kind a job name (and, for `scrape-website`, `data.type`, default
    /// full-crawl) asks for.
    pub fn of(job_name: &str, data_type: Option<&str>) -> Option<ScrapeKind> {
        let name = if job_name == SCRAPE_WEBSITE {
            data_type.unwrap_or("full-crawl")
        } else {
            job_name
        };
        [
            ScrapeKind::SinglePage,
            ScrapeKind::FullCrawl,
            ScrapeKind::Refresh,
        ]
        .into_iter()
        .find(|k| k.job_name() == name)
    }
}

/// The data of a scrape job, as `crawl --enqueue` writes it and the worker
/// reads it. Fields the existing system adds and the worker does not read are
/// ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScrapeJobData {
    pub url: String,
    /// The kind a `scrape-website` job asks for (`single-page`, `full-crawl`, `refresh`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pages: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respect_robots: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_refresh: Option<bool>,
    /// The existing system's customer id, kept as it sends it (string or number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Value>,
    /// Which text the page records hold (`main` or `full`), as `crawl --content`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<ContentMode>,
    /// Whether the page records carry Markdown, as `crawl --markdown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<bool>,
    /// Chunk size, overlap and unit, as `crawl --chunk-size N:OVERLAP --chunk-unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_overlap: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_unit: Option<ChunkUnit>,
    /// `never`, `auto` or `always`, as `crawl --render` (absent: the worker's --render).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub render: Option<RenderMode>,
}

impl ScrapeJobData {
    /// Reads a job's data, naming the field that has the wrong type.
    pub fn from_job(data: &Value) -> Result<Self, String> {
        serde_path_to_error::deserialize(data).map_err(|e| match e.path().to_string() {
            path if path == "." => format!("data: {}", e.inner()),
            path => format!("data.{path}: {}", e.inner()),
        })
    }

    /// Asks for page records as `options` describes them (defaults are left out).
    pub fn set_content(&mut self, options: &ContentOptions) {
        self.content = (options.mode != ContentMode::default()).then_some(options.mode);
        self.markdown = options.markdown.then_some(true);
        if let Some(spec) = options.chunks {
            self.chunk_size = Some(spec.size);
            self.chunk_overlap = (spec.overlap > 0).then_some(spec.overlap);
            self.chunk_unit = Some(spec.unit);
        }
    }

    /// What the page records carry: the inverse of [`Self::set_content`].
    pub fn content_options(&self) -> Result<ContentOptions, String> {
        let chunks = match self.chunk_size {
            Some(size) => Some(
                ChunkSpec::new(
                    size,
                    self.chunk_overlap.unwrap_or(0),
                    self.chunk_unit.unwrap_or(ChunkUnit::Chars),
                )
                .map_err(|e| format!("data.chunkSize: {e}"))?,
            ),
            None => None,
        };
        Ok(ContentOptions {
            mode: self.content.unwrap_or_default(),
            markdown: self.markdown.unwrap_or(false),
            chunks,
        })
    }
}

/// A progress percentage. It serializes whole numbers as integers (`40`, not
/// `40.0`), as Node's `JSON.stringify` writes them, and non-finite ones as null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percent(pub f64);

impl Percent {
    /// The value as a whole number when it is one. Beyond 2^53 an f64 no
    /// longer holds every integer, so such values stay floats.
    fn whole(self) -> Option<i64> {
        (self.0.fract() == 0.0 && self.0.abs() < 9e15).then_some(self.0 as i64)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.whole() {
            Some(n) => s.serialize_i64(n),
            None if self.0.is_finite() => s.serialize_f64(self.0),
            None => s.serialize_none(),
        }
    }
}

/// `40` rather than `40.0`, `12.5` as it is: the JSON form, for people.
impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.whole() {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "{}", self.0),
        }
    }
}

/// A progress report read as a percentage and a message where it has them:
/// a number, `{"progress", "percent", "message"}` (what queuectl workers send;
/// either number alone is read too), a string,
/// or any other JSON (shown as its text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    pub percent: Option<f64>,
    pub message: Option<String>,
}

impl Progress {
    /// Reads a progress value.
    pub fn from_value(value: &Value) -> Self {
        match value {
            Value::Number(n) => Self {
                percent: n.as_f64(),
                message: None,
            },
            Value::String(s) => Self {
                percent: None,
                message: Some(s.clone()),
            },
            Value::Object(m) => {
                let percent = ["percent", "progress"]
                    .iter()
                    .find_map(|k| m.get(*k).and_then(Value::as_f64));
                let message = ["message", "msg", "status", "stage"]
                    .iter()
                    .find_map(|k| m.get(*k).and_then(Value::as_str))
                    .map(str::to_string);
                let message = match (percent, message) {
                    (None, None) => Some(value.to_string()),
                    (_, m) => m,
                };
                Self { percent, message }
            }
            other => Self {
                percent: None,
                message: Some(other.to_string()),
            },
        }
    }
}

impl Progress {
    /// Progress with a percentage and, optionally, what is being done.
    pub fn at(percent: f64, message: Option<String>) -> Self {
        Self {
            percent: Some(percent),
            message,
        }
    }

    /// The JSON a queuectl worker stores: the bare percentage, or, with a
    /// message, `{"progress", "percent", "message"}`: bull-board draws its ring
    /// from a numeric `progress`; `percent` is what earlier queuectl versions
    /// stored and their readers look for.
    pub fn to_json(&self) -> Value {
        let percent = self.percent.map(Percent);
        match &self.message {
            None => serde_json::to_value(percent).unwrap_or(Value::Null),
            Some(message) => {
                serde_json::json!({ "progress": percent, "percent": percent, "message": message })
            }
        }
    }
}

impl Serialize for Progress {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// A job's stored progress as JSON: a number as [`Percent`], an object as it is.
pub fn progress_json(progress: &JobProgress) -> Value {
    match progress {
        JobProgress::Number(n) => serde_json::to_value(Percent(*n)).unwrap_or(Value::Null),
        JobProgress::Object(v) => v.clone(),
    }
}

/// The delay of a scrape job's first retry; each later one doubles it.
pub const SCRAPE_BACKOFF_BASE_MS: u64 = 2_000;
/// The longest a scrape job's retry waits under the worker's policy.
pub const SCRAPE_BACKOFF_CAP_MS: u64 = 30_000;
/// The wait before retrying any other job without a backoff of its own.
pub const OTHER_BACKOFF_MS: u64 = 5_000;

/// The backoff a job gets when it names none: scrape jobs back off
/// exponentially, every other job waits a fixed time.
pub fn default_backoff(job_name: &str) -> BackoffStrategy {
    if family_of(job_name) == Some(JobFamily::Scrape) {
        BackoffStrategy::Exponential(SCRAPE_BACKOFF_BASE_MS)
    } else {
        BackoffStrategy::Fixed(OTHER_BACKOFF_MS)
    }
}

/// Parses `exponential:DURATION` or `fixed:DURATION`; the duration is plain
/// milliseconds or human (`2s`, `1500ms`).
pub fn parse_backoff(text: &str) -> Result<BackoffStrategy, String> {
    let (kind, delay) = text
        .split_once(':')
        .ok_or_else(|| format!("'{text}' should be exponential:DURATION or fixed:DURATION"))?;
    let ms = match delay.trim().parse::<u64>() {
        Ok(ms) => ms,
        Err(_) => super::input::parse_ms(delay)?,
    };
    backoff(kind, ms)
}

/// The backoff of a type name (as BullMQ's `opts.backoff.type`) and delay.
pub fn backoff(kind: &str, delay_ms: u64) -> Result<BackoffStrategy, String> {
    match kind.trim() {
        "exponential" => Ok(BackoffStrategy::Exponential(delay_ms)),
        "fixed" => Ok(BackoffStrategy::Fixed(delay_ms)),
        other => Err(format!(
            "unknown backoff type '{other}' (expected exponential or fixed)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_names_round_trip_and_wait_is_waiting() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.name()), Some(s));
        }
        assert_eq!(JobState::parse("wait"), Some(JobState::Waiting));
        assert_eq!(JobState::display_name("wait"), "waiting");
        assert_eq!(JobState::display_name("unknown"), "unknown");
        assert_eq!(JobState::parse("dead"), None);
    }

    #[test]
    fn scrape_kinds_follow_name_and_type() {
        assert_eq!(
            ScrapeKind::of("full-crawl", None),
            Some(ScrapeKind::FullCrawl)
        );
        assert_eq!(
            ScrapeKind::of("scrape-website", Some("refresh")),
            Some(ScrapeKind::Refresh)
        );
        assert_eq!(
            ScrapeKind::of("scrape-website", None),
            Some(ScrapeKind::FullCrawl)
        );
        assert_eq!(ScrapeKind::of("cleanup", None), None);
    }

    #[test]
    fn parses_backoffs() {
        assert!(matches!(
            parse_backoff("fixed:5s"),
            Ok(BackoffStrategy::Fixed(5_000))
        ));
        assert!(matches!(
            parse_backoff("exponential:1500"),
            Ok(BackoffStrategy::Exponential(1_500))
        ));
        assert!(parse_backoff("linear:1s").is_err());
        assert!(parse_backoff("fixed").is_err());
        assert!(parse_backoff("fixed:soon").is_err());
        assert!(matches!(
            default_backoff("refresh"),
            BackoffStrategy::Exponential(2_000)
        ));
        assert!(matches!(
            default_backoff("analytics"),
            BackoffStrategy::Fixed(5_000)
        ));
    }

    #[test]
    fn whole_percentages_are_integers() {
        let json = |p: f64| serde_json::to_string(&Percent(p)).unwrap();
        assert_eq!(
            (json(40.0), json(12.5), json(f64::NAN)),
            ("40".into(), "12.5".into(), "null".into())
        );
        let shown = |p: f64| Percent(p).to_string();
        assert_eq!((shown(40.0), shown(12.5)), ("40".into(), "12.5".into()));
        assert_eq!(
            progress_json(&JobProgress::Number(7.0)),
            serde_json::json!(7)
        );
    }

    #[test]
    fn scrape_data_carries_content_options_both_ways() {
        let options = ContentOptions {
            mode: ContentMode::Full,
            markdown: true,
            chunks: Some(ChunkSpec::new(512, 64, ChunkUnit::O200kBase).unwrap()),
        };
        let mut data = ScrapeJobData::default();
        data.set_content(&options);
        assert_eq!(
            serde_json::to_value(&data).unwrap(),
            serde_json::json!({"url": "", "content": "full", "markdown": true,
                "chunkSize": 512, "chunkOverlap": 64, "chunkUnit": "o200k_base"})
        );
        assert_eq!(data.content_options().unwrap(), options);
        let mut plain = ScrapeJobData::default();
        plain.set_content(&ContentOptions::default());
        assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"url":""}"#);
    }

    #[test]
    fn scrape_data_keeps_the_existing_field_names() {
        let d = ScrapeJobData {
            url: "https://example.com/".into(),
            max_pages: Some(5),
            respect_robots: Some(true),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"url":"https://example.com/","maxPages":5,"respectRobots":true}"#
        );
    }

    #[test]
    fn progress_shapes() {
        let p = Progress::from_value(&serde_json::json!(40));
        assert_eq!((p.percent, p.message), (Some(40.0), None));
        let p = Progress::from_value(&serde_json::json!({"percent": 25, "message": "robots.txt"}));
        assert_eq!(
            (p.percent, p.message.as_deref()),
            (Some(25.0), Some("robots.txt"))
        );
        let p = Progress::from_value(&serde_json::json!({"stage": "parsing"}));
        assert_eq!((p.percent, p.message.as_deref()), (None, Some("parsing")));
        let p = Progress::from_value(&serde_json::json!({"pages": 3}));
        assert_eq!(p.message.as_deref(), Some(r#"{"pages":3}"#));
        let p = Progress::from_value(&serde_json::json!("fetching"));
        assert_eq!((p.percent, p.message.as_deref()), (None, Some("fetching")));
    }

    #[test]
    fn worker_progress_is_a_number_or_percent_and_message() {
        assert_eq!(Progress::at(40.0, None).to_json(), serde_json::json!(40));
        assert_eq!(
            serde_json::to_string(&Progress::at(25.0, Some("robots.txt".into()))).unwrap(),
            r#"{"progress":25,"percent":25,"message":"robots.txt"}"#
        );
        let read = Progress::from_value(&Progress::at(12.5, Some("x".into())).to_json());
        assert_eq!(read, Progress::at(12.5, Some("x".into())));
    }
}
