//! Decoding and HTML extraction: title, description, canonical, metadata, the
//! main (or all visible) text, Markdown, chunks, links, word count, and the
//! body's SHA-256. Synchronous and pure (HTML + URL + options in, fields out),
//! so no parsed document ever lives across an `.await`.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use html5ever::tendril::TendrilSink;
use scraper::{ElementRef, Html, Node, Selector};
use sha2::{Digest, Sha256};
use url::Url;

use super::content::{
    self, is_block, is_cell, is_hidden, Chunk, Collapser, ContentMode, ContentOptions, MainContent,
    Metadata,
};
use super::frontier;

/// What a page says about itself.
#[derive(Debug, Default, Clone)]
pub struct Extracted {
    pub title: Option<String>,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub meta: Metadata,
    pub text: String,
    pub markdown: Option<String>,
    pub chunks: Option<Vec<Chunk>>,
    pub links: Vec<Url>,
    /// There were more distinct links than the limit; `links` has the first ones.
    pub links_truncated: bool,
    pub word_count: usize,
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static DESCRIPTION: LazyLock<Selector> =
    LazyLock::new(|| sel(r#"meta[name="description" i][content]"#));
static OG_DESCRIPTION: LazyLock<Selector> =
    LazyLock::new(|| sel(r#"meta[property="og:description" i][content]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel(r#"link[rel~="canonical" i][href]"#));
static BASE: LazyLock<Selector> = LazyLock::new(|| sel("base[href]"));
static LINKS: LazyLock<Selector> = LazyLock::new(|| sel("a[href], area[href]"));
static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("static regex")
});

/// Picks the encoding: Content-Type charset, then BOM, then `<meta>` in the
/// first 1024 bytes, then UTF-8.
pub fn sniff_encoding(body: &[u8], content_type: Option<&str>) -> &'static Encoding {
    let from_header = content_type.and_then(|ct| {
        ct.split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
            .and_then(|(_, v)| Encoding::for_label(v.trim().trim_matches('"').as_bytes()))
    });
    from_header
        .or_else(|| Encoding::for_bom(body).map(|(e, _)| e))
        .or_else(|| {
            let head = &body[..body.len().min(1024)];
            let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
            Encoding::for_label(label)
        })
        .unwrap_or(UTF_8)
}

/// Decodes a body to text (malformed bytes become U+FFFD); a body that is
/// already valid UTF-8 is borrowed, not copied.
pub fn decode<'a>(body: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let encoding = sniff_encoding(body, content_type);
    encoding.decode(body).0
}

/// Hex SHA-256 of the body.
pub fn sha256_hex(body: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(body);
    let mut hex = String::with_capacity(digest.len() * 2);
    for b in digest {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 0xf)] as char);
    }
    hex
}

/// Parses a page fetched from `url` and pulls out its fields, with at most
/// `max_links` links.
pub fn extract(html: &str, url: &Url, opts: &ContentOptions, max_links: usize) -> Extracted {
    let doc = parse(html);
    let docs_body = match opts.mode {
        ContentMode::Main => content::documentation_body(&doc, html.len()),
        ContentMode::Full => None,
    };
    // A documentation body is the record's text: the page's visible text is not needed.
    let found = walk(&doc, docs_body.is_none());
    let first_attr = |e: Option<ElementRef<'_>>, attr: &str| {
        e.and_then(|e| e.value().attr(attr))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let base = first_attr(found.base, "href")
        .and_then(|b| url.join(&b).ok())
        .unwrap_or_else(|| url.clone());
    let title = found
        .title
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let description = first_attr(found.description, "content")
        .or_else(|| first_attr(found.og_description, "content"));
    let canonical = first_attr(found.canonical, "href")
        .and_then(|c| base.join(&c).ok())
        .map(String::from);
    let (links, links_truncated) = links(&found.hrefs, &base, max_links);
    let meta = content::metadata(&doc, &base);
    let langs = if opts.needs_markdown() {
        content::code_languages(&doc)
    } else {
        content::CodeLanguages::new()
    };
    let visible = found.text;
    drop(doc);
    let (text, word_count, markdown) =
        text_and_markdown(html, &base, visible, docs_body, opts, &langs);
    let chunks = opts
        .chunks
        .map(|spec| content::chunk(markdown.as_deref().unwrap_or_default(), &spec));
    Extracted {
        word_count,
        links,
        links_truncated,
        title,
        description,
        canonical,
        meta,
        text,
        markdown: markdown.filter(|_| opts.markdown),
        chunks,
    }
}

/// Parses a document into a tree whose node storage is sized up front: grown
/// by doubling, it was copied and its fresh memory faulted in again and again,
/// a quarter of a documentation page's parse.
pub fn parse(html: &str) -> Html {
    // A tag opens at most one element and one text node.
    let nodes = 2 * memchr::memchr_iter(b'<', html.as_bytes()).count() + 8;
    let doc = Html {
        tree: ego_tree::Tree::with_capacity(Node::Document, nodes),
        ..Html::new_document()
    };
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), Default::default()).one(html)
}

/// The record's text (main content, or all visible text with `--content full`,
/// or when no main content is found) and, when asked for, its Markdown. A
/// documentation page's body, found while the page was parsed, spares the extractors.
fn text_and_markdown(
    html: &str,
    base: &Url,
    visible: Collapser,
    docs_body: Option<MainContent>,
    opts: &ContentOptions,
    langs: &content::CodeLanguages,
) -> (String, usize, Option<String>) {
    // Main content never has more letters than the page shows; when it does, the
    // extractor has stitched fallbacks together (tiny pages) and the page is kept whole.
    let main = match opts.mode {
        // A documentation body is visible text by construction.
        ContentMode::Main if docs_body.is_some() => docs_body,
        ContentMode::Main => content::main_content(html, base)
            .filter(|m| non_space_chars(&m.text) <= non_space_chars(&visible.out)),
        ContentMode::Full => None,
    };
    let want = opts.needs_markdown();
    match main {
        Some(m) => {
            let md = want.then(|| {
                let md = content::markup_to_markdown(&m.html, base, langs);
                if m.whole {
                    md
                } else {
                    content::keep_blocks_in(&md, &m.text)
                }
            });
            let words = m.text.split_whitespace().count();
            (m.text, words, md)
        }
        // A page too large for the extractors is too large to convert too: its
        // Markdown is its visible text.
        None if content::too_large_for_extractors(html) => {
            let md = want.then(|| visible.out.clone());
            (visible.out, visible.words, md)
        }
        None => {
            let md = want.then(|| content::to_markdown(html, base, langs));
            (visible.out, visible.words, md)
        }
    }
}

impl Extracted {
    /// Moves the fields into a page record.
    pub fn fill(self, page: &mut super::Page) {
        page.title = self.title;
        page.description = self.description;
        page.canonical = self.canonical;
        page.lang = self.meta.lang;
        page.author = self.meta.author;
        page.published_at = self.meta.published_at;
        page.site_name = self.meta.site_name;
        page.image = self.meta.image;
        page.text = Some(self.text);
        page.markdown = self.markdown;
        page.chunks = self.chunks;
        page.word_count = self.word_count;
        page.links = self.links.into_iter().map(String::from).collect();
        page.links_truncated = self.links_truncated;
    }
}

/// The page record of an HTML document read from disk or stdin: what a crawl
/// would report for it, without the fetch's fields.
pub fn local_page(body: &[u8], url: &Url, opts: &ContentOptions) -> super::Page {
    let html = decode(body, None);
    let mut page = super::Page {
        url: url.to_string(),
        final_url: url.to_string(),
        content_type: Some("text/html".to_string()),
        content_hash: Some(sha256_hex(body)),
        bytes: body.len() as u64,
        ..super::Page::default()
    };
    extract(&html, url, opts, super::MAX_LINKS_PER_PAGE).fill(&mut page);
    page
}

/// The first `max` distinct links, and whether there were more.
fn links(hrefs: &[&str], base: &Url, max: usize) -> (Vec<Url>, bool) {
    let mut seen = std::collections::HashSet::with_capacity(hrefs.len().min(max));
    let mut out = Vec::with_capacity(hrefs.len().min(max));
    for url in hrefs.iter().filter_map(|h| frontier::resolve_link(base, h)) {
        if seen.contains(url.as_str()) {
            continue;
        }
        if out.len() == max {
            return (out, true);
        }
        seen.insert(url.as_str().to_string());
        out.push(url);
    }
    (out, false)
}

/// What one walk over the document finds: the first element matching each
/// field's selector (in document order), every link's `href`, and the
/// visible text.
#[derive(Default)]
struct Found<'a> {
    title: Option<ElementRef<'a>>,
    base: Option<ElementRef<'a>>,
    description: Option<ElementRef<'a>>,
    og_description: Option<ElementRef<'a>>,
    canonical: Option<ElementRef<'a>>,
    hrefs: Vec<&'a str>,
    text: Collapser,
}

/// Keeps the first element that matches `selector`.
fn first<'a>(slot: &mut Option<ElementRef<'a>>, selector: &Selector, e: ElementRef<'a>) {
    if slot.is_none() && selector.matches(&e) {
        *slot = Some(e);
    }
}

/// One pre-order (document order) walk: the selectors' first matches, the
/// links, and (when `visible_text`) the text a reader sees: no
/// script/style/noscript/template/hidden content; a newline at block elements;
/// whitespace collapsed.
fn walk(doc: &Html, visible_text: bool) -> Found<'_> {
    let mut found = Found::default();
    // Depth of hidden elements we are inside; every element opened while
    // hidden adds one, so the count stays balanced on close.
    let mut hidden = 0usize;
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        let element = match node.value() {
            Node::Element(e) => Some(e),
            Node::Text(t) if hidden == 0 && visible_text => {
                found.text.push_str(t);
                None
            }
            _ => None,
        };
        let Some(e) = element else {
            if !closing {
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            continue;
        };
        let name = e.name();
        if closing {
            if hidden > 0 {
                hidden -= 1;
            } else if is_block(name) {
                found.text.newline();
            } else if is_cell(name) {
                found.text.space();
            }
            continue;
        }
        if let Some(el) = ElementRef::wrap(node) {
            // Tag names are lowercase (the tokenizer lowercases them); the
            // name test only skips elements the selector cannot match.
            match name {
                "a" | "area" if LINKS.matches(&el) => found.hrefs.extend(e.attr("href")),
                "title" => first(&mut found.title, &TITLE, el),
                "meta" => {
                    first(&mut found.description, &DESCRIPTION, el);
                    first(&mut found.og_description, &OG_DESCRIPTION, el);
                }
                "link" => first(&mut found.canonical, &CANONICAL, el),
                "base" => first(&mut found.base, &BASE, el),
                _ => {}
            }
        }
        if hidden > 0 || is_hidden(name) || e.attr("hidden").is_some() {
            hidden += 1;
        } else if is_block(name) {
            found.text.newline();
        } else if is_cell(name) {
            found.text.space();
        }
        stack.push((node, true));
        stack.extend(node.children().rev().map(|c| (c, false)));
    }
    found
}

fn non_space_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> ContentOptions {
        ContentOptions {
            mode: ContentMode::Full,
            ..ContentOptions::default()
        }
    }

    #[test]
    fn charset_order_header_bom_meta_utf8() {
        let latin = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert_eq!(sniff_encoding(latin, None).name(), "windows-1252");
        assert!(decode(latin, None).contains("café"));
        assert_eq!(
            sniff_encoding(latin, Some("text/html; charset=utf-8")).name(),
            "UTF-8",
            "the header wins"
        );
        let bom = b"\xef\xbb\xbf<meta charset=iso-8859-1>x";
        assert_eq!(sniff_encoding(bom, None).name(), "UTF-8");
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
        assert_eq!(sniff_encoding(http_equiv, None).name(), "Shift_JIS");
        assert_eq!(sniff_encoding(b"plain", None).name(), "UTF-8");
    }

    #[test]
    fn extracts_fields_and_only_visible_text() {
        let html = r#"<html><head><title> Hello
            World </title><meta name="Description" content=" About us ">
            <link rel="alternate canonical" href="/canon"><style>p{}</style></head>
            <body><script>var x=1;</script><noscript>NS</noscript><template>T</template>
            <h1>Big</h1><p>Two words</p><div hidden>secret</div>
            <a href="/a#x">a</a><a href="b?z=1&y=2">b</a><a href="mailto:x@y">m</a><a href="/a">again</a>
            </body></html>"#;
        let url = Url::parse("http://a.test/dir/page").unwrap();
        let e = extract(html, &url, &full(), 100);
        assert_eq!(e.title.as_deref(), Some("Hello World"));
        assert_eq!(e.description.as_deref(), Some("About us"));
        assert_eq!(e.canonical.as_deref(), Some("http://a.test/canon"));
        assert_eq!(e.text, "Big\nTwo words\nabmagain");
        assert_eq!(e.word_count, 4);
        let links: Vec<_> = e.links.iter().map(Url::as_str).collect();
        assert_eq!(links, ["http://a.test/a", "http://a.test/dir/b?y=2&z=1"]);
        assert!(!e.links_truncated);
        let cut = extract(html, &url, &full(), 1);
        assert_eq!(cut.links.len(), 1);
        assert!(cut.links_truncated);
        assert!(
            !extract(html, &url, &full(), 2).links_truncated,
            "duplicates are not more"
        );
    }

    #[test]
    fn base_href_resolves_links() {
        let e = extract(
            r#"<base href="http://b.test/x/"><a href="y">y</a>"#,
            &Url::parse("http://a.test/").unwrap(),
            &ContentOptions::default(),
            10,
        );
        assert_eq!(e.links[0].as_str(), "http://b.test/x/y");
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
