//! The page's main content. Two maintained extractors run on the page:
//! rs-trafilatura (a port of trafilatura, high recall) and dom_smoothie (a port
//! of Mozilla's Readability, tighter on pages with long boilerplate). When
//! Readability's article is a clear subset of trafilatura's, and much shorter,
//! trafilatura kept boilerplate and Readability's article is taken; otherwise
//! trafilatura's. A page with very many tags is Readability's alone, which
//! takes a third of trafilatura's memory. The evaluation table is in the
//! README's crawling section.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use url::Url;

use super::markdown::Markup;

/// Readability's article is taken when it has at most this share of
/// trafilatura's words...
const SHORTER: f64 = 0.7;
/// ...and at least this share of its 4-word shingles are in trafilatura's text.
const CONTAINED: f64 = 0.9;

/// The main content as plain text and as markup (for Markdown).
#[derive(Debug, Clone)]
pub struct MainContent {
    pub text: String,
    pub html: Markup,
    /// `html` says exactly what `text` says; an extractor's HTML can hold
    /// blocks its text left out.
    pub whole: bool,
}

/// Pages larger than this keep their visible text: the extractors' memory
/// grows to about 70 times the page, and no article page comes near it.
pub const MAX_MAIN_CONTENT_BYTES: usize = 3 << 19;

/// Pages with more tags than this are given to Readability alone:
/// trafilatura's memory grows by about 2 KB per element (a 660 KB page of
/// 20,000 links took it to 87 MB), Readability's by about a third of that.
/// The benchmark's articles have at most 3,300 tags.
const MAX_TRAFILATURA_TAGS: usize = 16_000;

/// Whether `html` is past what the extractors are given.
pub fn too_large_for_extractors(html: &str) -> bool {
    html.len() > MAX_MAIN_CONTENT_BYTES
}

fn many_tags(html: &str) -> bool {
    memchr::memchr_iter(b'<', html.as_bytes())
        .nth(MAX_TRAFILATURA_TAGS)
        .is_some()
}

/// Extractions of pages up to this size run side by side (their memory is
/// at most a few tens of megabytes each); a larger page's extraction runs
/// alone in the whole process (crawl parse threads and worker jobs alike),
/// so its memory is paid once, not per core.
const SIDE_BY_SIDE_BYTES: usize = 256 << 10;

static EXTRACTIONS: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// Finds the main content of `html` (fetched from `url`); `None` when no
/// extractor finds any, or the page is [too large](too_large_for_extractors).
pub fn main_content(html: &str, url: &Url) -> Option<MainContent> {
    if too_large_for_extractors(html) {
        return None;
    }
    let (_shared, _alone);
    if html.len() <= SIDE_BY_SIDE_BYTES {
        _shared = EXTRACTIONS.read().unwrap_or_else(|e| e.into_inner());
    } else {
        _alone = EXTRACTIONS.write().unwrap_or_else(|e| e.into_inner());
    }
    if many_tags(html) {
        return readability(html, url);
    }
    let traf = trafilatura(html, url);
    let read = readability(html, url);
    match (traf, read) {
        (Some(t), Some(r)) if prefer_readability(&t.text, &r.text) => Some(r),
        (Some(t), _) => Some(t),
        (None, r) => r,
    }
}

fn trafilatura(html: &str, url: &Url) -> Option<MainContent> {
    let options = rs_trafilatura::Options {
        url: Some(url.to_string()),
        include_links: true,
        include_images: true,
        include_tables: true,
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(html, &options).ok()?;
    let text = result.content_text.trim().to_string();
    (!text.is_empty()).then(|| MainContent {
        whole: false,
        html: Markup::Html(
            result
                .content_html
                .unwrap_or_else(|| format!("<p>{}</p>", escape(&text))),
        ),
        text,
    })
}

fn readability(html: &str, url: &Url) -> Option<MainContent> {
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let mut reader = dom_smoothie::Readability::new(html, Some(url.as_str()), Some(config)).ok()?;
    let article = reader.parse().ok()?;
    let text = article.text_content.trim().to_string();
    (!text.is_empty()).then(|| MainContent {
        text,
        html: Markup::Html(article.content.to_string()),
        whole: false,
    })
}

fn prefer_readability(traf: &str, read: &str) -> bool {
    let (t, r) = (words(traf), words(read));
    if r.is_empty() || (r.len() as f64) > SHORTER * t.len() as f64 {
        return false;
    }
    let in_traf = shingles(&t);
    let read_shingles = shingles(&r);
    let shared = read_shingles.iter().filter(|s| in_traf.contains(s)).count();
    shared as f64 >= CONTAINED * read_shingles.len() as f64
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Hashes of the text's 4-word shingles.
fn shingles(words: &[&str]) -> HashSet<u64> {
    words
        .windows(4.min(words.len().max(1)))
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readability_wins_only_when_a_short_subset() {
        let article = "one two three four five six seven eight nine ten";
        let boiler =
            format!("{article} menu home about contact login signup share tweet more links here");
        assert!(prefer_readability(&boiler, article));
        assert!(!prefer_readability(article, article), "not shorter");
        assert!(
            !prefer_readability(&boiler, "alpha beta gamma delta epsilon"),
            "not a subset"
        );
    }

    #[test]
    fn a_page_with_many_tags_is_readabilitys_alone() {
        let url = Url::parse("https://a.test/post").unwrap();
        let story = "<p>The long story of the river, told word by word for readers here.</p>";
        let page = |tags: usize| {
            let links = "<a href=/x>x</a>".repeat(tags / 2);
            format!(
                "<html><body><article>{}</article><nav>{links}</nav></body></html>",
                story.repeat(20)
            )
        };
        let small = page(MAX_TRAFILATURA_TAGS - 200);
        assert!(!many_tags(&small));
        let large = page(MAX_TRAFILATURA_TAGS + 200);
        assert!(many_tags(&large));
        let got = main_content(&large, &url).expect("Readability finds the story");
        assert_eq!(got.text, readability(&large, &url).unwrap().text);
        assert!(
            got.text.starts_with("The long story of the river"),
            "{}",
            got.text
        );
    }
}
