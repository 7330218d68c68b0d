//! NDJSON job input for bulk adds: every line is validated before anything is
//! written, then lines are turned into job specs again, one at a time, as they
//! are sent, so a large file never sits in memory as a million job structs.

use std::collections::HashMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::input::{
    empty_object, err, finish, json_layer, JobInputError, JobOptionValues, JobSpec, Layer,
};

/// What a bulk add needs to know about a job before sending it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecMeta {
    pub queue: String,
    pub job_id: Option<String>,
    pub dedup_id: Option<String>,
    /// Which add script BullMQ runs: 0 standard, 1 prioritized, 2 delayed.
    pub script: u8,
}

impl SpecMeta {
    /// The metadata of a spec.
    pub fn of(spec: &JobSpec) -> Self {
        let delayed = spec.opts.delay.unwrap_or(0) > 0;
        let prioritized = spec.opts.priority.unwrap_or(0) > 0;
        SpecMeta {
            queue: spec.queue.clone(),
            job_id: spec.job_id().map(str::to_string),
            dedup_id: spec.dedup_id().map(str::to_string),
            script: if delayed { 2 } else { u8::from(prioritized) },
        }
    }
}

/// A validated NDJSON input.
pub struct Ndjson<'a> {
    lines: Vec<&'a str>,
    /// The input line number (from 1) of each job; blank lines are not jobs.
    numbers: Vec<usize>,
    base: Layer,
    now_ms: u64,
    /// One entry per job, in input order.
    pub metas: Vec<SpecMeta>,
}

impl<'a> Ndjson<'a> {
    /// Validates every non-empty line; one bad line fails the whole input.
    /// `base` applies to every line that does not set an option itself;
    /// it carries no job id (each line gives its own `opts.jobId`).
    pub fn parse(
        text: &'a str,
        base: &JobOptionValues,
        now_ms: u64,
    ) -> Result<Self, JobInputError> {
        let base = Layer {
            job_id: None,
            ..base.clone()
        };
        let mut lines = Vec::new();
        let mut numbers = Vec::new();
        let mut metas = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let spec = line(raw, &base, now_ms).map_err(|mut e| {
                e.line = Some(index + 1);
                e
            })?;
            metas.push(SpecMeta::of(&spec));
            lines.push(raw);
            numbers.push(index + 1);
        }
        if lines.is_empty() {
            return Err(err("input", "no jobs: the NDJSON input is empty"));
        }
        Ok(Self {
            lines,
            numbers,
            base,
            now_ms,
            metas,
        })
    }

    /// The number of jobs.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no jobs (never true after `parse`).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The input line number (from 1) of job `index`.
    pub fn line_number(&self, index: usize) -> usize {
        self.numbers[index]
    }

    /// The spec of job `index`, built again from its (already validated) line.
    pub fn spec(&self, index: usize) -> Result<JobSpec, JobInputError> {
        line(self.lines[index], &self.base, self.now_ms)
    }
}

fn line(raw: &str, base: &Layer, now_ms: u64) -> Result<JobSpec, JobInputError> {
    // Top-level fields stay raw: `data` is kept as the text it came in.
    let mut fields: HashMap<String, Box<RawValue>> = serde_json::from_str(raw).map_err(|e| {
        match serde_json::from_str::<serde::de::IgnoredAny>(raw) {
            Ok(_) => err(
                "json",
                "expected an object like {\"name\": ..., \"data\": ..., \"opts\": ...}",
            ),
            Err(_) => err("json", format!("invalid JSON: {e}")),
        }
    })?;
    let name: String = match fields.remove("name") {
        Some(v) => serde_json::from_str(v.get()).map_err(|_| err("name", "must be a string"))?,
        None => return Err(err("name", "missing")),
    };
    let data = fields.remove("data").unwrap_or_else(empty_object);
    let opts: Map<String, Value> = match fields.remove("opts") {
        None => Map::new(),
        Some(v) if v.get() == "null" => Map::new(),
        Some(v) => serde_json::from_str(v.get()).map_err(|_| err("opts", "must be an object"))?,
    };
    if let Some(key) = fields.keys().next() {
        return Err(err(key, "unknown field (expected name, data, opts)"));
    }
    let layer = json_layer(opts, now_ms)?.over(base);
    finish(&name, data, layer)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    fn ndjson(text: &str, flags: &JobOptionValues) -> Result<Vec<JobSpec>, JobInputError> {
        let parsed = Ndjson::parse(text, flags, NOW)?;
        (0..parsed.len()).map(|i| parsed.spec(i)).collect()
    }

    #[test]
    fn lines_override_flags_and_errors_name_the_line() {
        let flags = JobOptionValues {
            priority: Some(4),
            ..JobOptionValues::default()
        };
        let text = "{\"name\":\"refresh\",\"data\":{\"u\":1}}\n\n{\"name\":\"x\",\"opts\":{\"queue\":\"q\",\"priority\":\"critical\",\"jobId\":\"a\",\"deduplication\":{\"id\":\"d\",\"ttl\":5000}}}\n";
        let jobs = ndjson(text, &flags).unwrap();
        assert_eq!(jobs.len(), 2);
        assert_eq!(Ndjson::parse(text, &flags, NOW).unwrap().line_number(1), 3);
        assert_eq!(jobs[0].opts.priority, Some(4));
        assert_eq!(jobs[0].data.get(), "{\"u\":1}");
        assert_eq!(jobs[1].queue, "q");
        assert_eq!(jobs[1].opts.priority, Some(1));
        assert_eq!(jobs[1].job_id(), Some("a"));
        assert_eq!(jobs[1].opts.deduplication.as_ref().unwrap().ttl, Some(5000));
        assert_eq!(SpecMeta::of(&jobs[1]).script, 1);

        let none = JobOptionValues::default();
        let e = ndjson(
            "{\"name\":\"refresh\"}\n{\"name\":\"refresh\",\"opts\":{\"priority\":\"urgent\"}}\n",
            &none,
        )
        .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (Some(2), "opts.priority"));
        let e = ndjson("{\"name\":\"refresh\"}\nnot json\n", &none).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("line 2: json: invalid JSON"));
        let e = ndjson("[1,2]", &none).unwrap_err();
        assert!(e.message.contains("expected an object"));
        let e = ndjson("{\"name\":\"refresh\",\"opts\":{\"colour\":1}}", &none).unwrap_err();
        assert_eq!(e.field, "opts.colour");
        let e = ndjson("{\"name\":\"refresh\",\"extra\":1}", &none).unwrap_err();
        assert_eq!(e.field, "extra");
        assert!(ndjson("\n\n", &none).is_err());
    }
}
