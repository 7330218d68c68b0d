//! Delivers a scrape job's pages to the next stage instead of its return
//! value: one NDJSON file per job (`--pages-dir`) and one job per page on the
//! forward queue (`--forward`), deduplicated on url + contentHash.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::StreamExt;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::connection::Redis;
use crate::crawl::Page;
use crate::queues::{add, input, keys};

/// Forward adds in flight at once for one job.
const FORWARD_IN_FLIGHT: usize = 16;
/// Longest file name made from a job id before it is shortened with a hash.
const MAX_NAME_BYTES: usize = 160;
/// Page keys a forwarded job carries, when the page has them.
const FORWARDED_KEYS: [&str; 6] = ["url", "finalUrl", "title", "chunks", "contentHash", "lang"];

/// Where pages go; both off keeps them in the return value.
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    /// Each job's pages go to `DIR/<queue>/<jobId>.ndjson`.
    pub pages_dir: Option<PathBuf>,
    pub forward: Option<Forward>,
}

/// `--forward`: one job per page.
#[derive(Debug, Clone)]
pub struct Forward {
    /// The forwarded jobs' name (`process-content`).
    pub name: String,
    pub queue: String,
    /// How long a page's url + contentHash keeps an identical page from being forwarded again.
    pub dedup_ttl: Duration,
}

impl Delivery {
    /// Whether pages leave the return value.
    pub fn is_on(&self) -> bool {
        self.pages_dir.is_some() || self.forward.is_some()
    }
}

/// The scrape job whose pages are delivered.
pub struct Source<'a> {
    pub queue: &'a str,
    pub job_id: &'a str,
    pub data: &'a Value,
}

/// Delivers `pages`; returns the result fields saying where they went
/// (`pagesFile`, `forwarded`, `alreadyForwarded`, `forwardQueue`).
pub async fn deliver(
    delivery: &Delivery,
    redis: &Redis,
    source: &Source<'_>,
    pages: &[Page],
) -> Result<Map<String, Value>, bullmq::Error> {
    let pages: Vec<Value> = pages
        .iter()
        .map(|p| serde_json::to_value(p).unwrap_or(Value::Null))
        .collect();
    let mut out = Map::new();
    if let Some(dir) = &delivery.pages_dir {
        let path = write_pages_blocking(dir, source, &pages).await?;
        out.insert("pagesFile".into(), path.display().to_string().into());
    }
    if let Some(forward) = &delivery.forward {
        let (added, skipped) = forward_pages(forward, redis, source, &pages).await?;
        out.insert("forwarded".into(), added.into());
        out.insert("alreadyForwarded".into(), skipped.into());
        out.insert("forwardQueue".into(), forward.queue.clone().into());
    }
    Ok(out)
}

async fn write_pages_blocking(
    dir: &Path,
    source: &Source<'_>,
    pages: &[Value],
) -> Result<PathBuf, bullmq::Error> {
    let dir = dir.join(file_safe(source.queue));
    let name = format!("{}.ndjson", file_safe(source.job_id));
    let lines = ndjson(pages);
    let shown = dir.display().to_string();
    tokio::task::spawn_blocking(move || write_atomically(&dir, &name, &lines))
        .await
        .map_err(|e| bullmq::Error::ProcessingError(e.to_string()))?
        .map_err(|e| bullmq::Error::ProcessingError(format!("writing pages to {shown}: {e}")))
}

fn ndjson(pages: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for page in pages {
        out.extend_from_slice(page.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

/// Writes `dir/name` through a temporary file in `dir` and a rename, so a
/// reader sees the old file or the whole new one, never a part; a retried
/// attempt's file replaces the earlier one.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    fs::create_dir_all(dir)?;
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.tmp-{}-{seq}", std::process::id()));
    let target = dir.join(name);
    let written = write_synced(&tmp, bytes).and_then(|()| fs::rename(&tmp, &target));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename itself is durable once the directory is synced.
    File::open(dir)?.sync_all()?;
    Ok(target)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    w.write_all(bytes)?;
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// A file name for a job id or queue name from queue data: bytes other than
/// ASCII letters, digits, `-` and `_` become `%XX` (so no `/`, `..`, or
/// control character survives, and different ids stay different); a long
/// result is cut and completed with a hash of the whole id.
pub fn file_safe(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.len() > MAX_NAME_BYTES {
        out.truncate(MAX_NAME_BYTES - 17);
        out.push('-');
        out.push_str(&sha256_hex(id)[..16]);
    }
    out
}

/// Adds one job per page with content; returns (added, already forwarded).
///
/// Two records say a page was forwarded: BullMQ's deduplication key (atomic,
/// but `clean` deletes it with the job, and the daily maintenance cleans
/// completed jobs after a day) and queuectl's own ledger key, which only its
/// TTL ends. A page either knows is not added again.
async fn forward_pages(
    forward: &Forward,
    redis: &Redis,
    source: &Source<'_>,
    pages: &[Value],
) -> Result<(usize, usize), bullmq::Error> {
    let mut specs = Vec::new();
    for page in pages.iter().filter(|p| has_content(p)) {
        let data = forwarded_data(page, source);
        let dedup = dedup_id(&data);
        let ledger = keys::forwarded(redis.prefix(), &forward.queue, &dedup);
        specs.push((spec(forward, data, dedup)?, ledger));
    }
    let ledgers: Vec<String> = specs.iter().map(|(_, l)| l.clone()).collect();
    let known = redis.exists_many(&ledgers).await?;
    let skipped = known.iter().filter(|k| **k).count();
    let mut adds = futures::stream::iter(specs.into_iter().zip(known))
        .filter(|(_, known)| futures::future::ready(!known))
        .map(|((spec, ledger), _)| forward_one(redis, spec, ledger, forward.dedup_ttl))
        .buffer_unordered(FORWARD_IN_FLIGHT);
    let (mut added, mut deduplicated) = (0, 0);
    while let Some(result) = adds.next().await {
        if result? {
            added += 1;
        } else {
            deduplicated += 1;
        }
    }
    Ok((added, skipped + deduplicated))
}

/// Adds one forwarded job and records it in the ledger; false when BullMQ
/// deduplicated it.
async fn forward_one(
    redis: &Redis,
    spec: input::JobSpec,
    ledger: String,
    ttl: Duration,
) -> Result<bool, bullmq::Error> {
    let added = add::add_one(redis, spec).await?;
    if added.deduplicated {
        return Ok(false);
    }
    redis.set_owned(&ledger, &added.id, ttl).await?;
    Ok(true)
}

/// A page worth forwarding: fetched without error, with a content hash and
/// text (or markdown) to process.
fn has_content(page: &Value) -> bool {
    let body = |key: &str| page[key].as_str().is_some_and(|t| !t.trim().is_empty());
    page["error"].is_null()
        && page["contentHash"].is_string()
        && page["unchanged"] != true
        && (body("markdown") || body("text"))
}

fn spec(forward: &Forward, data: Value, dedup: String) -> Result<input::JobSpec, bullmq::Error> {
    let failed = |e: String| bullmq::Error::ProcessingError(e);
    let opts = input::JobOptionValues {
        queue: Some(forward.queue.clone()),
        dedup: Some(
            input::dedup(&dedup, Some(forward.dedup_ttl.as_millis() as u64)).map_err(failed)?,
        ),
        ..input::JobOptionValues::default()
    };
    let raw = serde_json::value::to_raw_value(&data).map_err(|e| failed(e.to_string()))?;
    input::single(&forward.name, raw, &opts).map_err(|e| failed(e.to_string()))
}

/// `{url, finalUrl, title, markdown or text, chunks, contentHash, lang,
/// customerId, sourceJobId}`, keeping the keys the page has.
fn forwarded_data(page: &Value, source: &Source<'_>) -> Value {
    let mut data = Map::new();
    let mut copy = |key: &str, value: &Value| {
        if !value.is_null() {
            data.insert(key.to_string(), value.clone());
        }
    };
    for key in FORWARDED_KEYS {
        copy(key, &page[key]);
    }
    let body = if page["markdown"].is_null() {
        "text"
    } else {
        "markdown"
    };
    copy(body, &page[body]);
    copy("customerId", &source.data["customerId"]);
    copy("sourceJobId", &Value::from(source.job_id));
    Value::Object(data)
}

/// The deduplication id of a forwarded page: its url and content hash, per
/// customer (two customers crawling the same page each get it).
fn dedup_id(data: &Value) -> String {
    let key = serde_json::json!([data["url"], data["contentHash"], data["customerId"]]);
    format!("page-{}", sha256_hex(&key.to_string()))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn file_names_from_hostile_ids_stay_in_their_directory() {
        assert_eq!(file_safe("c1"), "c1");
        assert_eq!(
            file_safe("../../etc/passwd"),
            "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"
        );
        assert_eq!(file_safe("a\u{7}b"), "a%07b");
        assert_ne!(file_safe("a/b"), file_safe("a%2Fb"));
        let long = file_safe(&"x".repeat(1000));
        assert_eq!(long.len(), MAX_NAME_BYTES);
        assert_ne!(long, file_safe(&"x".repeat(999)));
    }

    #[test]
    fn forwarded_data_prefers_markdown_and_carries_the_source() {
        let data = json!({"customerId": "c-9"});
        let source = Source {
            queue: "q",
            job_id: "j1",
            data: &data,
        };
        let page = json!({"url": "u", "finalUrl": "f", "title": null, "text": "t",
                          "markdown": "# t", "contentHash": "h", "links": ["x"]});
        assert_eq!(
            forwarded_data(&page, &source),
            json!({"url": "u", "finalUrl": "f", "contentHash": "h", "markdown": "# t",
                   "customerId": "c-9", "sourceJobId": "j1"})
        );
    }

    #[test]
    fn only_pages_with_content_are_forwarded() {
        let ok = json!({"error": null, "contentHash": "h", "text": "words"});
        assert!(has_content(&ok));
        let md = json!({"contentHash": "h", "text": null, "markdown": "# t"});
        assert!(has_content(&md));
        for bad in [
            json!({"error": "HTTP 404", "contentHash": "h", "text": "not found"}),
            json!({"contentHash": null, "text": "words"}),
            json!({"contentHash": "h", "text": null}),
            json!({"contentHash": "h", "text": "  "}),
            json!({"contentHash": "h", "text": "words", "unchanged": true}),
        ] {
            assert!(!has_content(&bad), "{bad}");
        }
    }

    #[test]
    fn the_dedup_id_follows_url_content_and_customer_only() {
        let a = json!({"url": "u", "contentHash": "h", "sourceJobId": "1"});
        let b = json!({"url": "u", "contentHash": "h", "sourceJobId": "2"});
        assert_eq!(dedup_id(&a), dedup_id(&b));
        let changed = json!({"url": "u", "contentHash": "h2"});
        let other = json!({"url": "u", "contentHash": "h", "customerId": "c"});
        assert_ne!(dedup_id(&a), dedup_id(&changed));
        assert_ne!(dedup_id(&a), dedup_id(&other));
    }
}
