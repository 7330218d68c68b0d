//! The one reader of a job's Redis hash: BullMQ's stored field names and how
//! their text decodes (numbers, JSON), for `job` and `--wait` alike.

use std::collections::HashMap;

use serde_json::Value;

use super::keys;
use crate::connection::Redis;

/// A job's hash as stored by BullMQ.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobHash(HashMap<String, String>);

impl From<HashMap<String, String>> for JobHash {
    fn from(fields: HashMap<String, String>) -> Self {
        JobHash(fields)
    }
}

impl JobHash {
    /// Reads the hash of job `id`; empty when the job does not exist.
    pub async fn read(redis: &Redis, queue: &str, id: &str) -> Result<Self, bullmq::Error> {
        let key = keys::job(redis.prefix(), queue, id);
        Ok(JobHash(redis.hgetall(&key).await?))
    }

    /// Whether the job has no hash (it does not exist).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A field's text.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// A field holding a whole number.
    pub fn int(&self, field: &str) -> Option<i64> {
        self.text(field).and_then(|s| s.parse().ok())
    }

    /// A field holding JSON; `None` when absent or not JSON.
    pub fn json(&self, field: &str) -> Option<Value> {
        self.text(field).and_then(|s| serde_json::from_str(s).ok())
    }

    /// Attempts made (`atm`; hashes of older BullMQ versions say `attemptsMade`).
    pub fn attempts_made(&self) -> Option<i64> {
        self.int("atm").or_else(|| self.int("attemptsMade"))
    }

    /// `opts.attempts`, which BullMQ treats as 1 when absent.
    pub fn max_attempts(&self) -> u64 {
        self.json("opts")
            .and_then(|o| o["attempts"].as_u64())
            .unwrap_or(1)
    }

    /// Why the last attempt failed; empty when it did not.
    pub fn failed_reason(&self) -> String {
        self.text("failedReason").unwrap_or_default().to_string()
    }

    /// The return value: its JSON, or its text when that is not JSON.
    pub fn return_value(&self) -> Value {
        match self.text("returnvalue") {
            Some(v) => serde_json::from_str(v).unwrap_or_else(|_| Value::from(v)),
            None => Value::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(fields: &[(&str, &str)]) -> JobHash {
        JobHash(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn fields_decode_as_bullmq_stores_them() {
        let h = hash(&[
            ("atm", "2"),
            ("opts", r#"{"attempts":5}"#),
            ("failedReason", "boom"),
            ("returnvalue", "not json"),
        ]);
        assert_eq!(h.attempts_made(), Some(2));
        assert_eq!(h.max_attempts(), 5);
        assert_eq!(h.failed_reason(), "boom");
        assert_eq!(h.return_value(), Value::from("not json"));
        let legacy = hash(&[("attemptsMade", "3")]);
        assert_eq!(legacy.attempts_made(), Some(3));
        assert_eq!(legacy.max_attempts(), 1);
        assert_eq!(legacy.return_value(), Value::Null);
    }
}
