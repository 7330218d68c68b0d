//! Sitemaps (sitemaps.org): a small, lenient `<loc>` reader for `<urlset>` and
//! `<sitemapindex>` files, and how their entries join the crawl.
//!
//! Sitemap files come from robots.txt `Sitemap:` lines and travel through the
//! same robots, politeness and fetch path as pages, but never count as pages.
//! Listed pages enter the frontier at depth 1; nested indexes stop at
//! [`MAX_INDEX_DEPTH`]; each file is capped at [`MAX_SITEMAP_BYTES`] and
//! [`MAX_SITEMAP_URLS`], and a crawl at its [`Allowance`] of files and entries:
//! the reader stops at the entries the crawl can still use, so no more than
//! that is ever held.

use url::Url;

use super::frontier::{self, Frontier, Job, Offer, Scope};

/// The most a sitemap file may hold (sitemaps.org: 50 MB uncompressed).
pub const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;
/// The most URLs read from one sitemap file (sitemaps.org: 50,000).
pub const MAX_SITEMAP_URLS: usize = 50_000;
/// Sitemaps from robots.txt are level 0; an index at level L queues its
/// children at L + 1, up to this level.
pub const MAX_INDEX_DEPTH: u8 = 2;

/// What a sitemap file lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<urlset>`: pages.
    UrlSet,
    /// `<sitemapindex>`: other sitemap files.
    Index,
}

/// A parsed sitemap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sitemap {
    pub kind: Kind,
    /// The `<loc>` values, unescaped and trimmed, in file order.
    pub locs: Vec<String>,
    /// More entries than the reader's limit: the rest were ignored.
    pub capped: bool,
}

/// Why a body is not a usable sitemap.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SitemapError {
    #[error("gzip-compressed sitemaps are not supported without Content-Encoding")]
    Gzip,
    #[error("not a sitemap (no <urlset> or <sitemapindex> root)")]
    NotSitemap,
}

/// One piece of XML markup.
enum Token<'a> {
    Start {
        name: &'a str,
        empty: bool,
    },
    End(&'a str),
    Cdata(&'a str),
    /// Comments, processing instructions, doctype.
    Other,
}

/// Reads the `<loc>` of each `<url>` (or `<sitemap>`) entry, at most `limit`
/// of them. Lenient: a file cut short yields the entries before the cut;
/// namespace prefixes are ignored, and `<loc>` inside extensions
/// (`<image:image>`) is not an entry.
pub fn parse(body: &[u8], limit: usize) -> Result<Sitemap, SitemapError> {
    if body.starts_with(&[0x1f, 0x8b]) {
        return Err(SitemapError::Gzip);
    }
    let text = String::from_utf8_lossy(body);
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut kind = None;
    let mut out = Sitemap {
        kind: Kind::UrlSet,
        locs: Vec::new(),
        capped: false,
    };
    let mut stack: Vec<&str> = Vec::new();
    let mut loc: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if let Some(buf) = loc.as_mut() {
            buf.push_str(&unescape(&rest[..lt]));
        }
        let Some((token, after)) = next_token(&rest[lt..]) else {
            break;
        };
        rest = after;
        match token {
            Token::Cdata(t) => {
                if let Some(buf) = loc.as_mut() {
                    buf.push_str(t);
                }
            }
            Token::Other => {}
            Token::Start { name, empty } => {
                let root = match kind {
                    Some(k) => k,
                    None => *kind.insert(root_kind(name)?),
                };
                let entry = if root == Kind::UrlSet {
                    "url"
                } else {
                    "sitemap"
                };
                if name == "loc" && stack.last() == Some(&entry) && !empty {
                    loc = Some(String::new());
                }
                if !empty {
                    stack.push(name);
                }
            }
            Token::End(name) => {
                stack.pop();
                let value = if name == "loc" { loc.take() } else { None };
                if !value.is_none_or(|v| push_loc(&mut out, &v, limit)) {
                    break;
                }
            }
        }
    }
    out.kind = kind.ok_or(SitemapError::NotSitemap)?;
    Ok(out)
}

/// Adds an entry unless it is blank; false when the file is over the limit.
fn push_loc(out: &mut Sitemap, value: &str, limit: usize) -> bool {
    let value = value.trim();
    if value.is_empty() {
        return true;
    }
    if out.locs.len() >= limit {
        out.capped = true;
        return false;
    }
    out.locs.push(value.to_string());
    true
}

/// The file's kind from its root element's local name.
fn root_kind(name: &str) -> Result<Kind, SitemapError> {
    match name {
        "urlset" => Ok(Kind::UrlSet),
        "sitemapindex" => Ok(Kind::Index),
        _ => Err(SitemapError::NotSitemap),
    }
}

/// The token at the start of `s` (which begins with `<`) and the text after
/// it; `None` when the markup is cut off.
fn next_token(s: &str) -> Option<(Token<'_>, &str)> {
    if let Some(body) = s.strip_prefix("<![CDATA[") {
        let end = body.find("]]>")?;
        return Some((Token::Cdata(&body[..end]), &body[end + 3..]));
    }
    if let Some(body) = s.strip_prefix("<!--") {
        let end = body.find("-->")?;
        return Some((Token::Other, &body[end + 3..]));
    }
    if let Some(body) = s.strip_prefix("<?") {
        let end = body.find("?>")?;
        return Some((Token::Other, &body[end + 2..]));
    }
    let end = tag_end(s)?;
    let (tag, after) = (&s[1..end], &s[end + 1..]);
    if tag.starts_with('!') {
        return Some((Token::Other, after));
    }
    if let Some(name) = tag.strip_prefix('/') {
        return Some((Token::End(local_name(name)), after));
    }
    let empty = tag.ends_with('/');
    let name = local_name(tag.trim_end_matches('/'));
    Some((Token::Start { name, empty }, after))
}

/// The index of the `>` closing the tag at the start of `s`, skipping quoted
/// attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A tag's name without attributes or namespace prefix: `xhtml:link a=".."` → `link`.
fn local_name(tag: &str) -> &str {
    let name = tag.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    name.rsplit(':').next().unwrap_or(name)
}

/// Replaces the five predefined XML entities and numeric references; anything
/// else is kept as written.
fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest.find(';').map(|semi| (&rest[1..semi], semi));
        match entity.and_then(|(name, semi)| Some((entity_char(name)?, semi))) {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn entity_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// What a crawl may still read from sitemaps.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    /// Sitemap files that may still be queued.
    pub files: usize,
    /// Entries that may still be read, over all files.
    pub urls: usize,
}

impl Allowance {
    /// The most entries the next file may yield.
    pub fn file_limit(&self) -> usize {
        self.urls.min(MAX_SITEMAP_URLS)
    }
}

/// What queueing a sitemap's entries did.
#[derive(Debug, Default)]
pub struct Queued {
    /// Entries outside the crawl's scope (not queued).
    pub out_of_scope: usize,
    /// New page entries the crawl's queue bound left out.
    pub not_queued: usize,
    /// Sitemap files not queued: the crawl's file allowance was spent.
    pub files_dropped: usize,
    /// The file was cut short by the crawl's entry allowance.
    pub urls_cut: bool,
    /// Things the user should know (caps hit, indexes nested too deep).
    pub warnings: Vec<String>,
}

/// Queues the sitemap files named in an origin's robots.txt (level 0).
/// Relative entries resolve against the robots.txt URL; files on hosts outside
/// the crawl are ignored.
pub fn queue_from_robots(
    frontier: &mut Frontier,
    scope: &Scope,
    robots_url: &Url,
    entries: &[String],
    allowance: &mut Allowance,
) -> Queued {
    let mut queued = Queued::default();
    for entry in entries {
        let Some(url) = frontier::resolve_link(robots_url, entry) else {
            continue;
        };
        if !scope.allows_host(&url) {
            queued.out_of_scope += 1;
        } else {
            queue_file(frontier, url, 0, allowance, &mut queued);
        }
    }
    queued
}

/// Queues one sitemap file unless it was seen or the file allowance is spent.
fn queue_file(
    frontier: &mut Frontier,
    url: Url,
    level: u8,
    allowance: &mut Allowance,
    queued: &mut Queued,
) {
    if allowance.files == 0 {
        queued.files_dropped += usize::from(!frontier.is_seen(&url));
    } else if frontier.mark_seen(&url) {
        allowance.files -= 1;
        frontier.push(Job::sitemap(url, level));
    }
}

/// Queues what a fetched sitemap lists: pages at depth 1 (in scope, not seen
/// yet, within `max_depth`, until the queued pages cover the remaining budget)
/// or, for an index, its sitemap files one level down.
pub fn queue_entries(
    frontier: &mut Frontier,
    scope: &Scope,
    from: &Job,
    map: &Sitemap,
    max_depth: u32,
    allowance: &mut Allowance,
) -> Queued {
    let mut queued = Queued::default();
    let level = from.sitemap.unwrap_or(0);
    // Files read at once were each limited by the allowance when they started.
    let read = map.locs.len().min(allowance.urls);
    allowance.urls -= read;
    if map.capped && map.locs.len() == MAX_SITEMAP_URLS {
        queued.warnings.push(format!(
            "sitemap {} lists more than {MAX_SITEMAP_URLS} URLs; the rest are ignored",
            from.url
        ));
    } else if map.capped || read < map.locs.len() {
        queued.urls_cut = true;
    }
    if map.kind == Kind::Index && level >= MAX_INDEX_DEPTH {
        queued.warnings.push(format!(
            "sitemap index {} is nested more than {MAX_INDEX_DEPTH} levels deep; its entries are ignored",
            from.url
        ));
        return queued;
    }
    for loc in &map.locs[..read] {
        let Some(url) = frontier::resolve_link(&from.url, loc) else {
            continue;
        };
        let in_scope = match map.kind {
            Kind::UrlSet => scope.allows(&url),
            Kind::Index => scope.allows_host(&url),
        };
        if !in_scope {
            queued.out_of_scope += 1;
            continue;
        }
        if map.kind == Kind::Index {
            queue_file(frontier, url, level + 1, allowance, &mut queued);
            continue;
        }
        if max_depth < 1 || frontier.full() {
            break;
        }
        let offer = frontier.offer(&url, |u| Job::new(u, 1, false));
        queued.not_queued += usize::from(offer == Offer::Full);
    }
    queued
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locs(xml: &str) -> Vec<String> {
        parse(xml.as_bytes(), MAX_SITEMAP_URLS).unwrap().locs
    }

    #[test]
    fn reads_urlset_locs_with_entities_cdata_and_comments() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE x>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <!-- <url><loc>http://a.test/commented</loc></url> -->
  <url><loc> http://a.test/p?a=1&amp;b=&lt;2&gt;&quot;&apos;&#33;&#x41; </loc><lastmod>2024-01-01</lastmod></url>
  <url>
    <loc><![CDATA[http://a.test/cdata?x=1&y=2]]></loc>
    <image:image><image:loc>http://a.test/img.png</image:loc></image:image>
    <xhtml:link rel="alternate" hreflang="de" href="http://a.test/de"/>
  </url>
  <url><loc></loc></url>
  <url><loc attr="a>b">http://a.test/attr</loc></url>
</urlset>"#;
        let map = parse(xml.as_bytes(), MAX_SITEMAP_URLS).unwrap();
        assert_eq!(map.kind, Kind::UrlSet);
        assert_eq!(
            map.locs,
            [
                "http://a.test/p?a=1&b=<2>\"'!A",
                "http://a.test/cdata?x=1&y=2",
                "http://a.test/attr",
            ]
        );
        assert!(!map.capped);
    }

    #[test]
    fn reads_index_locs_and_namespace_prefixes() {
        let xml = "\u{feff}<sm:sitemapindex xmlns:sm=\"x\"><sm:sitemap><sm:loc>http://a.test/s1.xml</sm:loc></sm:sitemap>\
                   <sitemap><loc>http://a.test/s2.xml</loc><lastmod>x</lastmod></sitemap></sm:sitemapindex>";
        let map = parse(xml.as_bytes(), MAX_SITEMAP_URLS).unwrap();
        assert_eq!(map.kind, Kind::Index);
        assert_eq!(map.locs, ["http://a.test/s1.xml", "http://a.test/s2.xml"]);
        assert_eq!(
            locs("<sitemapindex><url><loc>http://a.test/wrong-entry</loc></url></sitemapindex>"),
            Vec::<String>::new(),
            "an index's entries are <sitemap>s"
        );
    }

    #[test]
    fn rejects_other_documents_and_gzip() {
        assert_eq!(
            parse(b"<html><body><loc>x</loc></body></html>", 10),
            Err(SitemapError::NotSitemap)
        );
        assert_eq!(parse(b"", 10), Err(SitemapError::NotSitemap));
        assert_eq!(parse(&[0x1f, 0x8b, 8, 0], 10), Err(SitemapError::Gzip));
    }

    #[test]
    fn a_cut_off_file_keeps_the_entries_before_the_cut() {
        let xml = "<urlset><url><loc>http://a.test/1</loc></url><url><loc>http://a.test/2</lo";
        assert_eq!(locs(xml), ["http://a.test/1"]);
        assert_eq!(
            locs("<urlset><url><loc>http://a.test/1</loc><!-- never closed"),
            ["http://a.test/1"]
        );
    }

    #[test]
    fn caps_the_url_count() {
        let mut xml = String::from("<urlset>");
        for i in 0..=MAX_SITEMAP_URLS {
            xml.push_str(&format!("<url><loc>http://a.test/{i}</loc></url>"));
        }
        xml.push_str("</urlset>");
        let map = parse(xml.as_bytes(), MAX_SITEMAP_URLS).unwrap();
        assert_eq!(map.locs.len(), MAX_SITEMAP_URLS);
        assert!(map.capped);
    }

    #[test]
    fn unescapes_only_known_entities() {
        assert_eq!(unescape("a&amp;b&unknown;c&#x26;&"), "a&b&unknown;c&&");
        assert_eq!(unescape("&#99999999;"), "&#99999999;");
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn allow() -> Allowance {
        Allowance {
            files: 100,
            urls: 1000,
        }
    }

    #[test]
    fn queues_in_scope_pages_at_depth_1_and_nested_indexes_up_to_the_cap() {
        let scope = Scope::new(&[url("http://a.test/")], false, vec![], vec![]);
        let mut f = Frontier::new(10, 1000);
        let robots = url("http://a.test/robots.txt");
        let entries = ["/index.xml".to_string(), "http://b.test/s.xml".into()];
        let q = queue_from_robots(&mut f, &scope, &robots, &entries, &mut allow());
        assert_eq!(q.out_of_scope, 1);
        let index = f.pop("http://a.test").unwrap();
        assert_eq!(
            (index.url.as_str(), index.sitemap),
            ("http://a.test/index.xml", Some(0))
        );
        let pages = Sitemap {
            kind: Kind::UrlSet,
            locs: vec![
                "http://a.test/orphan".into(),
                "http://other.test/x".into(),
                "http://a.test/orphan#dup".into(),
            ],
            capped: false,
        };
        let q = queue_entries(&mut f, &scope, &index, &pages, 10, &mut allow());
        assert_eq!(q.out_of_scope, 1);
        let page = f.pop("http://a.test").unwrap();
        assert_eq!((page.url.as_str(), page.depth), ("http://a.test/orphan", 1));
        assert_eq!(page.sitemap, None);
        assert!(f.pop("http://a.test").is_none(), "the duplicate is dropped");
        let nested = Sitemap {
            kind: Kind::Index,
            locs: vec!["http://a.test/deeper.xml".into()],
            capped: false,
        };
        queue_entries(&mut f, &scope, &index, &nested, 10, &mut allow());
        let deeper = f.pop("http://a.test").unwrap();
        assert_eq!(deeper.sitemap, Some(1));
        let too_deep = Job::sitemap(url("http://a.test/x.xml"), MAX_INDEX_DEPTH);
        let q = queue_entries(&mut f, &scope, &too_deep, &nested, 10, &mut allow());
        assert_eq!(q.warnings.len(), 1);
        assert_eq!(f.len(), 0);
    }

    #[test]
    fn queues_no_more_pages_than_the_budget_can_use() {
        let scope = Scope::new(&[url("http://a.test/")], false, vec![], vec![]);
        let mut f = Frontier::new(2, 1000);
        let many = Sitemap {
            kind: Kind::UrlSet,
            locs: (0..10).map(|i| format!("http://a.test/{i}")).collect(),
            capped: false,
        };
        let from = Job::sitemap(url("http://a.test/s.xml"), 0);
        queue_entries(&mut f, &scope, &from, &many, 10, &mut allow());
        assert_eq!(f.len(), 2);
        let mut none = Frontier::new(5, 1000);
        queue_entries(&mut none, &scope, &from, &many, 0, &mut allow());
        assert_eq!(none.len(), 0, "max depth 0: seeds only");
    }

    #[test]
    fn the_allowance_bounds_files_and_entries_per_crawl() {
        let xml = "<urlset><url><loc>http://a.test/1</loc></url><url><loc>http://a.test/2</loc></url></urlset>";
        let map = parse(xml.as_bytes(), 1).unwrap();
        assert_eq!((map.locs.len(), map.capped), (1, true));
        let scope = Scope::new(&[url("http://a.test/")], false, vec![], vec![]);
        let mut f = Frontier::new(10, 1000);
        let mut allowance = Allowance { files: 1, urls: 3 };
        let robots = url("http://a.test/robots.txt");
        let entries = ["/s1.xml".to_string(), "/s2.xml".into()];
        let q = queue_from_robots(&mut f, &scope, &robots, &entries, &mut allowance);
        assert_eq!((q.files_dropped, f.len(), allowance.files), (1, 1, 0));
        let from = f.pop("http://a.test").unwrap();
        let many = Sitemap {
            kind: Kind::UrlSet,
            locs: (0..5).map(|i| format!("http://a.test/{i}")).collect(),
            capped: false,
        };
        let q = queue_entries(&mut f, &scope, &from, &many, 10, &mut allowance);
        assert!(q.urls_cut);
        assert_eq!((f.len(), allowance.urls, allowance.file_limit()), (3, 0, 0));
    }

    #[test]
    fn page_entries_stop_at_the_queue_bound() {
        let scope = Scope::new(&[url("http://a.test/")], false, vec![], vec![]);
        let mut f = Frontier::new(10, 2);
        let many = Sitemap {
            kind: Kind::UrlSet,
            locs: (0..5).map(|i| format!("http://a.test/{i}")).collect(),
            capped: false,
        };
        let from = Job::sitemap(url("http://a.test/s.xml"), 0);
        let q = queue_entries(&mut f, &scope, &from, &many, 10, &mut allow());
        assert_eq!((f.len(), q.not_queued), (2, 3));
    }
}
