//! The refresh cache: validators and content hash per URL, kept in a JSON file
//! between crawls so a later crawl can send conditional requests.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What we remember about one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
}

/// A cache file that could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("cache file {path}: {source}")]
pub struct CacheError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// The cache, loaded whole (one small entry per URL).
#[derive(Debug, Default)]
pub struct Cache {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
}

impl Cache {
    /// Loads `path`; a missing file is an empty cache.
    pub fn load(path: &Path) -> Result<Self, CacheError> {
        let fail = |source| CacheError {
            path: path.to_path_buf(),
            source,
        };
        let entries = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| fail(e.into()))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(fail(e)),
        };
        Ok(Cache {
            path: path.to_path_buf(),
            entries,
        })
    }

    /// The entry for a URL.
    pub fn get(&self, url: &str) -> Option<&Entry> {
        self.entries.get(url)
    }

    /// Remembers a URL's validators and hash.
    pub fn put(&mut self, url: &str, entry: Entry) {
        self.entries.insert(url.to_string(), entry);
    }

    /// Writes the file (to a temporary name first, so a crash leaves the old one).
    pub fn save(&self) -> Result<(), CacheError> {
        let fail = |source| CacheError {
            path: self.path.clone(),
            source,
        };
        let json = serde_json::to_vec_pretty(&self.entries).map_err(|e| fail(e.into()))?;
        let tmp = self.path.with_extension("tmp");
        std::fs::write(&tmp, json).map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        let mut cache = Cache::load(&path).unwrap();
        assert!(cache.get("http://a.test/").is_none());
        let entry = Entry {
            etag: Some("\"v1\"".into()),
            last_modified: None,
            content_hash: Some("ab".into()),
        };
        cache.put("http://a.test/", entry.clone());
        cache.save().unwrap();
        assert_eq!(
            Cache::load(&path).unwrap().get("http://a.test/"),
            Some(&entry)
        );
    }
}
