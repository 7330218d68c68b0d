//! Shows control characters in data as visible escapes, so nothing read from
//! Redis, a job, a web page or an error can drive the terminal.
//!
//! Escaped: C0 controls and DEL as `\x1b` (newline, tab and carriage return as
//! `\n`, `\t`, `\r`), C1 controls (U+0080–U+009F) as `\u{9b}`, and the bidi
//! embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069),
//! which reorder how text reads, as `\u{202e}`. A backslash is left as it is,
//! so escaping twice changes nothing. Newline and tab pass through in
//! multi-line text ([`text`]); in a single-line context ([`line`]: a table cell,
//! a log line, a field) they are escaped too, so data cannot forge a line.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Escapes `s` for a single line: every control character, newline and tab included.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, Layout::Line, false)
}

/// Escapes `s` for multi-line text: newline and tab pass through.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, Layout::Text, false)
}

/// Whether newline and tab are layout (kept) or data (escaped).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Line,
    Text,
}

/// The one escaping routine. With `keep_sgr`, complete SGR sequences
/// (`ESC [ digits ; … m`, the only codes queuectl's own colours use) pass
/// through: that is the last pass over an already composed colour rendering,
/// whose data was escaped before it was painted.
pub(super) fn escape(s: &str, layout: Layout, keep_sgr: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c, layout)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if keep_sgr && c == '\x1b' {
            if let Some(len) = sgr_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        push_escaped(&mut out, c, layout);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

fn needs_escape(c: char, layout: Layout) -> bool {
    match c {
        '\n' | '\t' => layout == Layout::Line,
        _ => c.is_control() || is_bidi_control(c),
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char, layout: Layout) {
    if !needs_escape(c, layout) {
        out.push(c);
        return;
    }
    let _ = match c {
        '\n' => write!(out, "\\n"),
        '\t' => write!(out, "\\t"),
        '\r' => write!(out, "\\r"),
        '\0'..='\x1f' | '\x7f' => write!(out, "\\x{:02x}", c as u32),
        _ => write!(out, "\\u{{{:x}}}", c as u32),
    };
}

/// The length of the SGR sequence at the start of `s` (`ESC [ [0-9;]* m`).
fn sgr_len(s: &str) -> Option<usize> {
    let params = s.strip_prefix("\x1b[")?;
    let digits = params
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params.as_bytes().get(digits) == Some(&b'm')).then_some(2 + digits + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "\x1b]0;pwned\x07\x1b[2J";

    #[test]
    fn c0_and_del_become_hex_escapes() {
        assert_eq!(line(HOSTILE), r"\x1b]0;pwned\x07\x1b[2J");
        assert_eq!(line("a\0b\x7fc\x08"), r"a\x00b\x7fc\x08");
    }

    #[test]
    fn c1_and_bidi_controls_become_unicode_escapes() {
        assert_eq!(line("\u{9b}2J\u{85}"), r"\u{9b}2J\u{85}");
        assert_eq!(
            line("abc\u{202e}fed\u{2066}x\u{2069}"),
            r"abc\u{202e}fed\u{2066}x\u{2069}"
        );
    }

    #[test]
    fn newline_and_tab_are_layout_in_text_and_data_on_a_line() {
        assert_eq!(text("a\n\tb\r\n"), "a\n\tb\\r\n");
        assert_eq!(line("a\n\tb\r"), r"a\n\tb\r");
    }

    #[test]
    fn clean_text_is_borrowed_and_printable_unicode_kept() {
        let s = "naïve — 日本語 \\x1b …";
        assert!(matches!(line(s), Cow::Borrowed(_)));
        assert_eq!(line(s), s);
    }

    #[test]
    fn escaping_twice_changes_nothing() {
        let once = line(HOSTILE).into_owned();
        assert_eq!(line(&once), once);
    }

    #[test]
    fn only_whole_sgr_sequences_survive_the_colour_pass() {
        let painted = format!("\x1b[31mred\x1b[0m \x1b[1;2m{HOSTILE}");
        assert_eq!(
            escape(&painted, Layout::Text, true),
            "\x1b[31mred\x1b[0m \x1b[1;2m\\x1b]0;pwned\\x07\\x1b[2J"
        );
        assert_eq!(escape("\x1b[31", Layout::Text, true), r"\x1b[31");
        assert_eq!(escape("\x1b[31m", Layout::Text, false), r"\x1b[31m");
    }
}
