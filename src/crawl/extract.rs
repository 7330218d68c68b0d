//! Decoding and HTML extraction: title, description, canonical, visible text,
//! links, word count, and the body's SHA-256. Synchronous, so no parsed
//! document ever lives across an `.await`.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use scraper::{Html, Node, Selector};
use sha2::{Digest, Sha256};
use url::Url;

use super::frontier;

/// What a page says about itself.
#[derive(Debug, Default, Clone)]
pub struct Extracted {
    pub title: Option<String>,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub text: String,
    pub links: Vec<Url>,
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

/// Elements whose text is never visible.
const HIDDEN: [&str; 9] = [
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "title",
];
/// Elements that start a new line of text.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
];

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

/// Decodes a body to text (malformed bytes become U+FFFD).
pub fn decode(body: &[u8], content_type: Option<&str>) -> String {
    let encoding = sniff_encoding(body, content_type);
    let (text, _, _) = encoding.decode(body);
    text.into_owned()
}

/// Hex SHA-256 of the body.
pub fn sha256_hex(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parses a page fetched from `url` and pulls out its fields.
pub fn extract(html: &str, url: &Url) -> Extracted {
    let doc = Html::parse_document(html);
    let first_attr = |s: &Selector, attr: &str| {
        doc.select(s)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let base = first_attr(&BASE, "href")
        .and_then(|b| url.join(&b).ok())
        .unwrap_or_else(|| url.clone());
    let title = doc
        .select(&TITLE)
        .next()
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let description =
        first_attr(&DESCRIPTION, "content").or_else(|| first_attr(&OG_DESCRIPTION, "content"));
    let canonical = first_attr(&CANONICAL, "href")
        .and_then(|c| base.join(&c).ok())
        .map(String::from);
    let text = visible_text(&doc);
    Extracted {
        word_count: text.split_whitespace().count(),
        links: links(&doc, &base),
        title,
        description,
        canonical,
        text,
    }
}

fn links(doc: &Html, base: &Url) -> Vec<Url> {
    let mut seen = std::collections::HashSet::new();
    doc.select(&LINKS)
        .filter_map(|a| frontier::resolve_link(base, a.value().attr("href")?))
        .filter(|u| seen.insert(u.as_str().to_string()))
        .collect()
}

/// Text a reader sees: no script/style/noscript/template/hidden content; a
/// newline at block elements; whitespace collapsed.
fn visible_text(doc: &Html) -> String {
    let mut raw = String::new();
    // Depth of hidden elements we are inside; every element opened while
    // hidden adds one, so the count stays balanced on close.
    let mut hidden = 0usize;
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        let element = match node.value() {
            Node::Element(e) => Some(e),
            Node::Text(t) if hidden == 0 => {
                raw.push_str(t);
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
        if closing {
            if hidden > 0 {
                hidden -= 1;
            } else if BLOCKS.contains(&e.name()) {
                raw.push('\n');
            }
            continue;
        }
        if hidden > 0 || HIDDEN.contains(&e.name()) || e.attr("hidden").is_some() {
            hidden += 1;
        } else if BLOCKS.contains(&e.name()) {
            raw.push('\n');
        }
        stack.push((node, true));
        stack.extend(node.children().rev().map(|c| (c, false)));
    }
    raw.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = extract(html, &url);
        assert_eq!(e.title.as_deref(), Some("Hello World"));
        assert_eq!(e.description.as_deref(), Some("About us"));
        assert_eq!(e.canonical.as_deref(), Some("http://a.test/canon"));
        assert_eq!(e.text, "Big\nTwo words\nabmagain");
        assert_eq!(e.word_count, 4);
        let links: Vec<_> = e.links.iter().map(Url::as_str).collect();
        assert_eq!(links, ["http://a.test/a", "http://a.test/dir/b?y=2&z=1"]);
    }

    #[test]
    fn base_href_resolves_links() {
        let e = extract(
            r#"<base href="http://b.test/x/"><a href="y">y</a>"#,
            &Url::parse("http://a.test/").unwrap(),
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
