//! HTML → CommonMark/GFM with `htmd`: headings, lists, fenced code (with the
//! language the page names), tables, quotes, emphasis; links and images with
//! absolute http(s) URLs, empty links dropped, no raw HTML.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BulletListMarker, CodeBlockStyle, HeadingStyle, Options, TranslationMode};
use htmd::{Element, HtmlToMarkdown};
use url::Url;

/// The language of each code block in the original page, by its first line:
/// extractors return the content without the classes that name it.
pub type CodeLanguages = HashMap<String, String>;

/// The only attributes the conversion reads (htmd's and ours): links, images,
/// code languages (and math spans) by class, ordered lists' start.
pub const MARKDOWN_ATTRIBUTES: &[&str] = &["href", "src", "alt", "class", "start"];

/// What the Markdown is made from: HTML text, or a tree already built from
/// the parsed page.
#[derive(Debug, Clone)]
pub enum Markup {
    Html(String),
    Tree(Rc<htmd::Node>),
}

/// Converts an HTML fragment or document to Markdown; relative URLs resolve
/// against `base`; a code block without a language class takes the one `langs` has for it.
pub fn to_markdown(html: &str, base: &Url, langs: &CodeLanguages) -> String {
    normalise(&converter(base, langs).convert(html).unwrap_or_default())
}

/// [`to_markdown`] of either kind of markup.
pub fn markup_to_markdown(markup: &Markup, base: &Url, langs: &CodeLanguages) -> String {
    match markup {
        Markup::Html(html) => to_markdown(html, base, langs),
        Markup::Tree(tree) => normalise(&converter(base, langs).tree_to_markdown(tree)),
    }
}

fn converter(base: &Url, langs: &CodeLanguages) -> HtmlToMarkdown {
    let (links, images, langs) = (base.clone(), base.clone(), langs.clone());
    HtmlToMarkdown::builder()
        .options(Options {
            heading_style: HeadingStyle::Atx,
            code_block_style: CodeBlockStyle::Fenced,
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            translation_mode: TranslationMode::Pure,
            ..Options::default()
        })
        .skip_tags(vec![
            "script", "style", "noscript", "template", "svg", "iframe", "object", "button", "form",
            "input", "select", "textarea", "nav", "head",
        ])
        .add_handler(vec!["a"], move |h: &dyn Handlers, e: Element| {
            anchor(h, e, &links)
        })
        .add_handler(vec!["img"], move |_: &dyn Handlers, e: Element| {
            image(e, &images)
        })
        .add_handler(vec!["pre"], move |h: &dyn Handlers, e: Element| {
            pre(h, e, &langs)
        })
        .build()
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// An absolute http(s) URL for `href`, written so Markdown cannot misread it.
fn destination(base: &Url, href: &str) -> Option<String> {
    let url = base.join(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let s = url.as_str().replace('(', "%28").replace(')', "%29");
    Some(s)
}

fn anchor(h: &dyn Handlers, e: Element, base: &Url) -> Option<HandlerResult> {
    let content = h.walk_children(e.node).content;
    let text = content.trim();
    if text.is_empty() {
        return Some("".into());
    }
    match attr(&e, "href").and_then(|href| destination(base, href)) {
        Some(url) => Some(format!("[{text}]({url})").into()),
        None => Some(content.into()),
    }
}

fn image(e: Element, base: &Url) -> Option<HandlerResult> {
    let src = attr(&e, "src").and_then(|s| destination(base, s))?;
    let alt = attr(&e, "alt")
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
        .replace(['[', ']'], "");
    Some(format!("![{alt}]({src})").into())
}

/// A `<pre>` is a fenced block, whether or not it wraps a `<code>`.
fn pre(h: &dyn Handlers, e: Element, langs: &CodeLanguages) -> Option<HandlerResult> {
    let inner = h.walk_children(e.node).content;
    let body = inner.trim_matches('\n');
    if body.trim().is_empty() {
        return Some("".into());
    }
    if let Some(fenced) = body.trim_start().strip_prefix("```") {
        // Fenced by the <code> handler; add the language when it found none.
        let (info, code) = fenced.split_once('\n').unwrap_or((fenced, ""));
        let known = (info.trim_start_matches('`').is_empty())
            .then(|| langs.get(&first_line(code)))
            .flatten();
        return Some(match known {
            Some(lang) => format!("\n\n```{info}{lang}\n{code}\n\n").into(),
            None => format!("\n\n{body}\n\n").into(),
        });
    }
    let lang = attr(&e, "class")
        .and_then(language)
        .or_else(|| langs.get(&first_line(body)).cloned())
        .unwrap_or_default();
    let longest_run = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    Some(format!("\n\n{fence}{lang}\n{body}\n{fence}\n\n").into())
}

static PRE: LazyLock<scraper::Selector> =
    LazyLock::new(|| scraper::Selector::parse("pre").expect("static selector"));

/// Languages of the page's code blocks, named by a class on the `<pre>`, its
/// `<code>` or the two elements around it (Sphinx: `div.highlight-python3`).
pub fn code_languages(doc: &scraper::Html) -> CodeLanguages {
    let mut langs = CodeLanguages::new();
    for pre in doc.select(&PRE) {
        let code = pre
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .find(|c| c.value().name() == "code");
        let around = pre
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .take(2);
        let lang = code
            .into_iter()
            .chain(std::iter::once(pre))
            .chain(around)
            .find_map(|e| e.value().attr("class").and_then(language));
        if let Some(lang) = lang {
            let key = first_line(&pre.text().collect::<String>());
            langs.entry(key).or_insert(lang);
        }
    }
    langs
}

/// The key of a code block: its first non-blank line, trimmed.
pub fn first_line(code: &str) -> String {
    code.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// The language a class list names: `language-x`, `lang-x`, `highlight-x`, `brush: x`.
pub fn language(class: &str) -> Option<String> {
    let mut words = class.split_whitespace();
    let named = words.find_map(|c| {
        ["language-", "lang-", "highlight-", "brush:"]
            .iter()
            .find_map(|p| c.strip_prefix(p))
    })?;
    let lang: String = named
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-' | '_'))
        .collect();
    (!lang.is_empty()).then_some(lang)
}

static IMAGE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"!\[[^\]]*\]\([^)]*\)").expect("static regex"));
static LINK_TARGET: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\]\([^)]*\)").expect("static regex"));
/// Syntax lines and markers whose words are not the content's: code fences with
/// their language, list item numbers.
static SYNTAX: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?m)^\s*(?:`{3,}.*$|(?:[-*+]|\d+[.)])\s)").expect("static regex")
});
static ESCAPE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\\([[:punct:]])").expect("static regex"));

/// Keeps the Markdown blocks whose words are in `text` (in order), so the
/// Markdown says what the extracted text says: the content HTML an extractor
/// returns can hold blocks its text left out (bylines, "Previous | Next").
/// Code blocks and blocks without words (images, rules) are kept.
pub fn keep_blocks_in(md: &str, text: &str) -> String {
    let haystack = format!(" {} ", words(text).join(" "));
    let kept: Vec<&str> = blocks(md)
        .into_iter()
        .filter(|block| {
            let plain = IMAGE.replace_all(block, "");
            let plain = LINK_TARGET.replace_all(&plain, "]");
            let plain = SYNTAX.replace_all(&plain, "");
            let plain = ESCAPE.replace_all(&plain, "$1");
            let w = words(&plain);
            // Code is kept whole: extractors' text spaces highlighted tokens apart.
            block.starts_with("```")
                || w.is_empty()
                || haystack.contains(&format!(" {} ", w.join(" ")))
        })
        .collect();
    kept.join("\n\n")
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Blocks separated by blank lines; a fenced code block is one block.
fn blocks(md: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut fence): (Option<usize>, Option<&str>) = (None, None);
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        let trimmed = line.trim();
        let end = offset + line.len();
        if let Some(f) = fence {
            if trimmed.starts_with(f) && trimmed.trim_start_matches('`').is_empty() {
                fence = None;
            }
        } else if trimmed.starts_with("```") {
            let run = trimmed.len() - trimmed.trim_start_matches('`').len();
            fence = Some(&trimmed[..run]);
            start.get_or_insert(offset);
        } else if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(md[s..offset].trim_end());
            }
        } else {
            start.get_or_insert(offset);
        }
        offset = end;
    }
    if let Some(s) = start {
        out.push(md[s..].trim_end());
    }
    out
}

/// Trailing spaces trimmed, at most one blank line in a row, no blank start or end.
fn normalise(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = true;
    for line in md.lines().map(str::trim_end) {
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        blank = false;
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        to_markdown(
            html,
            &Url::parse("https://a.test/docs/page.html").unwrap(),
            &CodeLanguages::new(),
        )
    }

    #[test]
    fn structure_links_and_code() {
        let out = md(
            r#"<h2>Usage</h2><p>See <a href="../x?a=(1)">the <em>guide</em></a>
            <a href="/empty"> </a><a href="javascript:void(0)">js</a>.</p>
            <ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>
            <pre class="language-python">print("hi")</pre>
            <div><pre>plain</pre></div><img src="i.png" alt="An [image]"><span style="x">raw</span>"#,
        );
        assert!(
            out.starts_with("## Usage\n\nSee [the *guide*](https://a.test/x?a=%281%29) js."),
            "{out}"
        );
        assert!(out.contains("- one\n  - nested\n- two"), "{out}");
        assert!(out.contains("```python\nprint(\"hi\")\n```"), "{out}");
        assert!(out.contains("```\nplain\n```"), "{out}");
        assert!(
            out.contains("![An image](https://a.test/docs/i.png)"),
            "{out}"
        );
        assert!(!out.contains('<'), "{out}");
    }

    #[test]
    fn blocks_not_in_text_are_dropped() {
        let md = "# Title\n\nKept *para* with [a link](https://x.test/y).\n\n```\ncode\n\nmore\n```\n\n[Previous] [Next]\n\n![img](https://x.test/i.png)\n\nLib/\\_\\_init\\_\\_.py";
        let text = "Title\nKept para with a link.\ncode more\nLib/__init__.py";
        assert_eq!(
            keep_blocks_in(md, text),
            "# Title\n\nKept *para* with [a link](https://x.test/y).\n\n```\ncode\n\nmore\n```\n\n![img](https://x.test/i.png)\n\nLib/\\_\\_init\\_\\_.py"
        );
    }

    #[test]
    fn languages_from_classes() {
        assert_eq!(
            language("highlight-python3 notranslate").as_deref(),
            Some("python3")
        );
        assert_eq!(language("brush:js").as_deref(), Some("js"));
        assert_eq!(language("plain"), None);
    }
}
