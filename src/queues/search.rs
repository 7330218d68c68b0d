//! Search filters: what `search` matches on a job (name, error, time window,
//! `data` paths), parsed and validated before any Redis read.

use std::borrow::Cow;

use regex::Regex;
use serde_json::Value;

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

    #[test]
    fn hostile_filters_are_one_line_errors() {
        for bad in ["nopath", "=1", "a..b=1", "a.=1", "a~("] {
            let err = DataFilter::parse(bad).unwrap_err();
            assert!(!err.contains('\n'), "{bad}: {err}");
        }
        assert!(parse_regex("(").unwrap_err().starts_with("bad regex"));
    }
}
