//! Documentation pages mark their body unambiguously: Sphinx's layout has one
//! `div.body`, and Sphinx and MkDocs themes put permalink anchors
//! (`a.headerlink`) on the headings of their one main element. That body is
//! the main content, whole; taking it costs one walk of the parsed page
//! instead of two extractors. Article pages (news, blogs) are not taken this
//! way: their `<main>` or `<article>` holds bylines, share bars and related
//! links that the extractors leave out.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::main_content::{MainContent, MAX_MAIN_CONTENT_BYTES};
use super::markdown::MARKDOWN_ATTRIBUTES;
use super::visible::{is_block, is_cell, is_hidden, Collapser};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

/// Sphinx's basic layout (and the themes built on it, Python's included).
static SPHINX_BODY: LazyLock<Selector> = LazyLock::new(|| sel("div.documentwrapper div.body"));
/// The page's main element, most explicit first.
static MAIN: LazyLock<[Selector; 3]> =
    LazyLock::new(|| [sel(r#"[role="main" i]"#), sel("main"), sel("article")]);
static PERMALINK: LazyLock<Selector> = LazyLock::new(|| sel("a.headerlink"));

/// Elements inside the body that are not its content.
const CHROME: &[&str] = &["nav", "form", "button", "input", "select", "textarea"];

/// The body of a documentation page, as text and HTML; `None` when the page
/// is not one, or is over [`MAX_MAIN_CONTENT_BYTES`] like the extractors.
pub fn documentation_body(doc: &Html, html_len: usize) -> Option<MainContent> {
    if html_len > MAX_MAIN_CONTENT_BYTES {
        return None;
    }
    let body = only(doc, &SPHINX_BODY).or_else(|| {
        let main = MAIN.iter().find_map(|s| only(doc, s))?;
        main.select(&PERMALINK).next().map(|_| main)
    })?;
    let content = render(body);
    (!content.text.is_empty()).then_some(content)
}

/// The one element `selector` matches; `None` for none or several.
fn only<'a>(doc: &'a Html, selector: &Selector) -> Option<ElementRef<'a>> {
    let mut matches = doc.select(selector);
    let first = matches.next()?;
    matches.next().is_none().then_some(first)
}

fn is_chrome(e: &scraper::node::Element) -> bool {
    CHROME.contains(&e.name())
        || is_hidden(e.name())
        || e.attr("hidden").is_some()
        || e.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("navigation"))
        || e.has_class("headerlink", scraper::CaseSensitivity::CaseSensitive)
}

/// The element's visible text and its HTML, both without chrome.
fn render(body: ElementRef<'_>) -> MainContent {
    let mut text = Collapser::default();
    let mut html = String::new();
    let mut stack = vec![(*body, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                text.push_str(t);
                escape_into(&mut html, t, false);
            }
            Node::Element(e) if closing => {
                if is_block(e.name()) {
                    text.newline();
                } else if is_cell(e.name()) {
                    text.space();
                }
                if !is_void(e.name()) && is_markup(e) {
                    html.push_str("</");
                    html.push_str(e.name());
                    html.push('>');
                }
            }
            Node::Element(e) if !is_chrome(e) => {
                if is_block(e.name()) {
                    text.newline();
                } else if is_cell(e.name()) {
                    text.space();
                }
                if is_markup(e) {
                    start_tag(&mut html, e);
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    MainContent {
        text: text.out.trim().to_string(),
        html,
        whole: true,
    }
}

/// Whether the element means something to the Markdown conversion: a plain
/// `<span>` (syntax highlighting, Sphinx signatures: half of a page's tags)
/// does not, so only its content is written; math spans do.
fn is_markup(e: &scraper::node::Element) -> bool {
    e.name() != "span" || e.attr("class").is_some_and(|c| c.starts_with("math"))
}

/// A start tag with only the attributes the Markdown conversion reads.
fn start_tag(html: &mut String, e: &scraper::node::Element) {
    html.push('<');
    html.push_str(e.name());
    for (name, value) in e.attrs().filter(|(n, _)| MARKDOWN_ATTRIBUTES.contains(n)) {
        html.push(' ');
        html.push_str(name);
        html.push_str("=\"");
        escape_into(html, value, true);
        html.push('"');
    }
    html.push('>');
}

fn escape_into(out: &mut String, s: &str, attribute: bool) {
    let special = |c: char| match c {
        '&' | '\u{a0}' => true,
        '<' | '>' => !attribute,
        '"' => attribute,
        _ => false,
    };
    let mut rest = s;
    while let Some(i) = rest.find(special) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or_default();
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            _ => "&nbsp;",
        });
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Option<MainContent> {
        documentation_body(&Html::parse_document(html), html.len())
    }

    const SPHINX: &str = r##"<div class="related" role="navigation">Previous topic</div>
        <div class="document"><div class="documentwrapper"><div class="bodywrapper">
        <div class="body" role="main"><h1>json<a class="headerlink" href="#json">¶</a></h1>
        <p>Encode &amp; decode <code>a&lt;b</code>.</p><nav>Show Source</nav>
        <pre>&gt;&gt;&gt; import json
&gt;&gt;&gt; x = "y"</pre></div></div></div>
        <div class="sphinxsidebar" role="navigation">Navigation</div></div>
        <div class="footer">© Copyright</div>"##;

    #[test]
    fn sphinx_body_whole_without_chrome() {
        let m = body(SPHINX).expect("a Sphinx page");
        assert_eq!(
            m.text,
            "json\nEncode & decode a<b.\n>>> import json\n>>> x = \"y\""
        );
        assert!(m.whole);
        assert!(
            m.html.starts_with(r#"<div class="body"><h1>json</h1>"#),
            "{}",
            m.html
        );
        assert!(
            m.html
                .contains("<p>Encode &amp; decode <code>a&lt;b</code>.</p>"),
            "{}",
            m.html
        );
        assert!(!m.html.contains("Show Source"), "{}", m.html);
    }

    #[test]
    fn main_element_only_with_permalinks_and_only_one() {
        let docs = r##"<nav>Menu</nav><main><h2>Install<a class="headerlink" href="#i">¶</a></h2>
            <p>pip install x</p></main><footer>Footer</footer>"##;
        assert_eq!(body(docs).unwrap().text, "Install\npip install x");
        let article = "<main><h2>News</h2><p>Story</p><p>Share this</p></main>";
        assert!(
            body(article).is_none(),
            "an article page is the extractors'"
        );
        let two = format!("{docs}<main><h2>B<a class=headerlink href=#b>¶</a></h2></main>");
        assert!(body(&two).is_none(), "two main elements are ambiguous");
    }
}
