//! Whether static HTML is an application shell that scripts fill in: little
//! main content, a script, and an empty mount point (`<div id="root">` and
//! the like) or a `<noscript>` asking for JavaScript.

use std::sync::LazyLock;

use regex::Regex;

/// Pages with fewer main-content words than this may be shells.
const SHELL_MAX_WORDS: usize = 50;

static SCRIPT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<script\b").expect("static regex"));
/// An empty element whose id or attribute names a framework's mount point.
static EMPTY_ROOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)<(div|main|section|app-root)\b[^>]*\b(id\s*=\s*["']?(root|app|__next|__nuxt|svelte|main|application)["'\s>]|data-reactroot|ng-version)[^>]*>\s*</(div|main|section|app-root)>"#,
    )
    .expect("static regex")
});
static NOSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<noscript\b[^>]*>.{0,400}?javascript").expect("static regex")
});

/// Whether the page with this static `html` and main-content `words` should
/// be rendered under `--render auto`.
pub fn looks_like_shell(html: &str, words: usize) -> bool {
    words < SHELL_MAX_WORDS
        && SCRIPT.is_match(html)
        && (EMPTY_ROOT.is_match(html) || NOSCRIPT.is_match(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shells_are_told_from_pages() {
        let react =
            r#"<html><body><div id="root"></div><script src="/app.js"></script></body></html>"#;
        assert!(looks_like_shell(react, 0));
        let next = r#"<div id="__next">
        </div><script>1</script>"#;
        assert!(looks_like_shell(next, 3));
        let noscript =
            "<noscript>You need to enable JavaScript to run this app.</noscript><script></script>";
        assert!(looks_like_shell(noscript, 10));
        // Server-rendered: content in the root, or plenty of words.
        let filled = r#"<div id="root"><p>Hello</p></div><script></script>"#;
        assert!(!looks_like_shell(filled, 1));
        assert!(!looks_like_shell(react, 400));
        // No script: nothing would fill the root.
        assert!(!looks_like_shell(r#"<div id="app"></div>"#, 0));
    }
}
