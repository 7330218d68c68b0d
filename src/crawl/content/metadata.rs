//! Page metadata from `<meta>` tags, Open Graph and JSON-LD: language, author,
//! publication date, site name and lead image.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use scraper::{ElementRef, Html, Selector};
use serde::Serialize;
use serde_json::Value;
use url::Url;

/// What a page says about itself beyond title, description and canonical.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub lang: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 (RFC 3339 when the page gives a time).
    pub published_at: Option<String>,
    pub site_name: Option<String>,
    /// Absolute URL of the lead image.
    pub image: Option<String>,
}

/// JSON-LD scripts longer than this are not parsed (bounded time and memory).
const MAX_JSON_LD_BYTES: usize = 512 * 1024;
/// Longest metadata value kept, in characters.
const MAX_VALUE_CHARS: usize = 512;

static SOURCES: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(r#"html[lang], meta[content], script[type="application/ld+json" i]"#)
        .expect("static selector")
});

/// `<meta>` keys (name, property or itemprop, lowercase) per field, best first.
const AUTHOR: &[&str] = &["author", "article:author", "dc.creator", "parsely-author"];
const PUBLISHED: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "dc.date.issued",
    "dc.date",
    "date",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
];
const SITE_NAME: &[&str] = &["og:site_name", "application-name"];
const IMAGE: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
];
const LANG: &[&str] = &["content-language", "og:locale"];

/// Reads the metadata of a parsed page; relative image URLs resolve against `base`.
pub fn metadata(doc: &Html, base: &Url) -> Metadata {
    let mut metas: Vec<(String, &str)> = Vec::new();
    let mut json_ld: Vec<Value> = Vec::new();
    let mut html_lang = None;
    for el in doc.select(&SOURCES) {
        match el.value().name() {
            "html" => html_lang = html_lang.or(el.value().attr("lang")),
            "meta" => metas.extend(meta_entry(el)),
            _ => json_ld.extend(parse_json_ld(el)),
        }
    }
    let objects = ld_objects(&json_ld);
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .filter(|(key, _)| key == k)
                .find_map(|(_, v)| clean(v))
        })
    };
    let ld = |pick: fn(&Value) -> Option<String>| objects.iter().find_map(|o| pick(o));
    Metadata {
        lang: html_lang
            .and_then(clean)
            .or_else(|| meta(LANG))
            .map(|l| l.replace('_', "-")),
        author: meta(&AUTHOR[..1])
            .or_else(|| ld(|o| names(o.get("author")?)))
            .or_else(|| meta(&AUTHOR[1..]).filter(|a| Url::parse(a).is_err())),
        published_at: meta(PUBLISHED)
            .or_else(|| ld(|o| o.get("datePublished")?.as_str().and_then(clean)))
            .and_then(|d| iso_date(&d)),
        site_name: meta(SITE_NAME).or_else(|| ld(site_name)),
        image: meta(IMAGE)
            .or_else(|| ld(|o| image_url(o.get("image")?)))
            .and_then(|i| absolute(base, &i)),
    }
}

fn meta_entry(el: ElementRef<'_>) -> Option<(String, &str)> {
    let e = el.value();
    let key = e
        .attr("property")
        .or_else(|| e.attr("name"))
        .or_else(|| e.attr("itemprop"))
        .or_else(|| e.attr("http-equiv"))?;
    Some((key.trim().to_ascii_lowercase(), e.attr("content")?))
}

fn parse_json_ld(el: ElementRef<'_>) -> Option<Value> {
    let text: String = el.text().collect();
    if text.len() > MAX_JSON_LD_BYTES {
        return None;
    }
    serde_json::from_str(text.trim()).ok()
}

/// Every JSON-LD object: top-level ones, array items and `@graph` members.
fn ld_objects(values: &[Value]) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut todo: Vec<&Value> = values.iter().rev().collect();
    while let Some(v) = todo.pop() {
        match v {
            Value::Array(items) => todo.extend(items.iter().rev()),
            Value::Object(map) => {
                out.push(v);
                if let Some(graph) = map.get("@graph") {
                    todo.push(graph);
                }
            }
            _ => {}
        }
    }
    out
}

/// A person or organisation's name, or several joined by ", ".
fn names(v: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name")?.as_str().and_then(clean),
        _ => None,
    };
    match v {
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(one).collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        _ => one(v),
    }
}

fn site_name(o: &Value) -> Option<String> {
    let is_site = o.get("@type").and_then(Value::as_str) == Some("WebSite");
    let own = is_site.then(|| o.get("name")?.as_str().and_then(clean));
    own.flatten().or_else(|| names(o.get("publisher")?))
}

fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("url")?.as_str().and_then(clean),
        Value::Array(items) => items.iter().find_map(image_url),
        _ => None,
    }
}

fn absolute(base: &Url, href: &str) -> Option<String> {
    let url = base.join(href).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.into())
}

/// Whitespace collapsed, bounded, `None` when empty.
fn clean(s: &str) -> Option<String> {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let bounded: String = collapsed.chars().take(MAX_VALUE_CHARS).collect();
    (!bounded.is_empty()).then_some(bounded)
}

/// The date in ISO 8601, or `None` when it is not a date this understands.
fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.to_rfc3339());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.to_rfc3339());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(d) = DateTime::parse_from_str(s, format) {
            return Some(d.to_rfc3339());
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, format) {
            return Some(d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    let date = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        metadata(
            &Html::parse_document(html),
            &Url::parse("https://a.test/x/").unwrap(),
        )
    }

    #[test]
    fn open_graph_and_meta() {
        let m = meta_of(
            r#"<html lang="en-GB"><head><meta name="author" content=" Ada  Lovelace ">
            <meta property="article:published_time" content="2024-03-05T10:20:30+01:00">
            <meta property="og:site_name" content="The Site"><meta property="og:image" content="/i.png">"#,
        );
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert_eq!(m.author.as_deref(), Some("Ada Lovelace"));
        assert_eq!(m.published_at.as_deref(), Some("2024-03-05T10:20:30+01:00"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.image.as_deref(), Some("https://a.test/i.png"));
    }

    #[test]
    fn json_ld_graph() {
        let m = meta_of(
            r#"<meta property="og:locale" content="fr_FR"><script type="application/ld+json">
            {"@graph": [{"@type": "WebSite", "name": "Site LD"},
              {"@type": "NewsArticle", "author": [{"name": "A"}, "B"], "datePublished": "2023-01-02",
               "image": {"url": "img/a.jpg"}}]}</script>"#,
        );
        assert_eq!(m.lang.as_deref(), Some("fr-FR"));
        assert_eq!(m.author.as_deref(), Some("A, B"));
        assert_eq!(m.published_at.as_deref(), Some("2023-01-02"));
        assert_eq!(m.site_name.as_deref(), Some("Site LD"));
        assert_eq!(m.image.as_deref(), Some("https://a.test/x/img/a.jpg"));
    }

    #[test]
    fn bad_values_are_dropped() {
        let m = meta_of(
            r#"<meta property="article:author" content="https://fb.com/x">
            <meta name="date" content="last tuesday"><meta property="og:image" content="javascript:x">
            <script type="application/ld+json">{not json</script>"#,
        );
        assert_eq!(m, Metadata::default());
    }
}
