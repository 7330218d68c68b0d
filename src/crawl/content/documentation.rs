//! Documentation pages mark their body unambiguously: Sphinx's layout has one
//! `div.body`, and Sphinx and MkDocs themes put permalink anchors
//! (`a.headerlink`) on the headings of their one main element. That body is
//! the main content, whole; taking it costs one walk of the parsed page
//! instead of two extractors. Article pages (news, blogs) are not taken this
//! way: their `<main>` or `<article>` holds bylines, share bars and related
//! links that the extractors leave out.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use markup5ever::tendril::StrTendril;
use markup5ever::{ns, Attribute, LocalName, Namespace, QualName};
use markup5ever_rcdom::{self as rcdom, NodeData};
use scraper::{ElementRef, Html, Node, Selector};

use super::main_content::{MainContent, MAX_MAIN_CONTENT_BYTES};
use super::markdown::{Markup, MARKDOWN_ATTRIBUTES};
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

/// The element's visible text and its tree for the Markdown conversion, both
/// without chrome.
fn render(body: ElementRef<'_>) -> MainContent {
    let mut text = Collapser::default();
    let mut tree = Tree::new();
    let mut stack = vec![(*body, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                text.push_str(t);
                tree.text(t);
            }
            Node::Element(e) if closing => {
                if is_block(e.name()) {
                    text.newline();
                } else if is_cell(e.name()) {
                    text.space();
                }
                if is_markup(e) {
                    tree.close();
                }
            }
            Node::Element(e) if !is_chrome(e) => {
                if is_block(e.name()) {
                    text.newline();
                } else if is_cell(e.name()) {
                    text.space();
                }
                if is_markup(e) {
                    tree.open(e);
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    MainContent {
        text: text.out.trim().to_string(),
        html: Markup::Tree(tree.finish()),
        whole: true,
    }
}

/// Whether the element means something to the Markdown conversion: a plain
/// `<span>` (syntax highlighting, Sphinx signatures: half of a page's tags)
/// does not, so only its content is kept; math spans do.
fn is_markup(e: &scraper::node::Element) -> bool {
    e.name() != "span" || e.attr("class").is_some_and(|c| c.starts_with("math"))
}

/// The converter's own tree (htmd's), built node by node from the page's, so
/// the body is not serialized and parsed a second time.
struct Tree {
    /// The document, then each element still open.
    open: Vec<Rc<rcdom::Node>>,
}

impl Tree {
    fn new() -> Self {
        Tree {
            open: vec![rcdom::Node::new(NodeData::Document)],
        }
    }

    /// Opens an element with only the attributes the conversion reads.
    fn open(&mut self, e: &scraper::node::Element) {
        let attrs = e
            .attrs()
            .filter(|(n, _)| MARKDOWN_ATTRIBUTES.contains(n))
            .map(|(n, v)| Attribute {
                name: QualName::new(None, ns!(), LocalName::from(n)),
                value: StrTendril::from_slice(v),
            })
            .collect();
        let element = rcdom::Node::new(NodeData::Element {
            name: QualName::new(
                None,
                Namespace::from(&*e.name.ns),
                LocalName::from(e.name()),
            ),
            attrs: RefCell::new(attrs),
            template_contents: RefCell::new(None),
            mathml_annotation_xml_integration_point: false,
        });
        self.append(Rc::clone(&element));
        self.open.push(element);
    }

    fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// Adds text, to the previous text node when there is one, as a parser
    /// joins the text around a left-out `<span>`.
    fn text(&mut self, t: &str) {
        let parent = self.current();
        if let Some(last) = parent.children.borrow().last() {
            if let NodeData::Text { contents } = &last.data {
                contents.borrow_mut().push_slice(t);
                return;
            }
        }
        self.append(rcdom::Node::new(NodeData::Text {
            contents: RefCell::new(StrTendril::from_slice(t)),
        }));
    }

    fn append(&self, child: Rc<rcdom::Node>) {
        let parent = self.current();
        child.parent.set(Some(Rc::downgrade(parent)));
        parent.children.borrow_mut().push(child);
    }

    fn current(&self) -> &Rc<rcdom::Node> {
        self.open.last().expect("the document is never closed")
    }

    fn finish(mut self) -> Rc<rcdom::Node> {
        self.open.swap_remove(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::content::{markup_to_markdown, CodeLanguages};

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
        let md = markup_to_markdown(
            &m.html,
            &url::Url::parse("https://docs.test/library/json.html").unwrap(),
            &CodeLanguages::new(),
        );
        assert_eq!(
            md,
            "# json\n\nEncode & decode `a<b`.\n\n```\n>>> import json\n>>> x = \"y\"\n```"
        );
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
