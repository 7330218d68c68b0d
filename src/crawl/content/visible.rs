//! The text a reader sees: which elements start a line, which are never
//! shown, and whitespace collapsing as text arrives in pieces.

/// Elements that start a new line of text.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
    )
}

/// Table cells: their text is a word apart from the next cell's.
pub fn is_cell(name: &str) -> bool {
    matches!(name, "td" | "th")
}

/// Elements whose text is never visible.
pub fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "title"
    )
}

/// Builds whitespace-collapsed text as pieces arrive, counting words: words
/// on a line are joined by one space, and non-empty lines by one newline.
#[derive(Default)]
pub struct Collapser {
    pub out: String,
    pub words: usize,
    /// Inside a word (which may continue in the next piece).
    in_word: bool,
    /// The current line has a word.
    line_has_word: bool,
    /// A line with words ended; the next word starts a new line.
    pending_newline: bool,
}

impl Collapser {
    pub fn push_str(&mut self, s: &str) {
        let mut start: Option<usize> = None;
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                if let Some(st) = start.take() {
                    self.out.push_str(&s[st..i]);
                }
                if c == '\n' {
                    self.newline();
                } else {
                    self.in_word = false;
                }
            } else if start.is_none() {
                if !self.in_word {
                    self.begin_word();
                }
                start = Some(i);
            }
        }
        if let Some(st) = start {
            self.out.push_str(&s[st..]);
        }
    }

    fn begin_word(&mut self) {
        if self.line_has_word {
            self.out.push(' ');
        } else if self.pending_newline {
            self.out.push('\n');
            self.pending_newline = false;
        }
        self.line_has_word = true;
        self.in_word = true;
        self.words += 1;
    }

    /// Ends the word being built, if any.
    pub fn space(&mut self) {
        self.in_word = false;
    }

    pub fn newline(&mut self) {
        self.in_word = false;
        if self.line_has_word {
            self.line_has_word = false;
            self.pending_newline = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapse(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn collapser_matches_line_by_line_collapsing() {
        let reference = |raw: &str| {
            let lines: Vec<String> = raw
                .lines()
                .map(collapse)
                .filter(|l| !l.is_empty())
                .collect();
            let text = lines.join("\n");
            let words = text.split_whitespace().count();
            (text, words)
        };
        let cases: [&[&str]; 7] = [
            &["", "  ", "\n\n"],
            &["  a  b\t\r\n", "\n c", "d\u{a0}e\u{2003}", "f\n"],
            &["ab", "cd", " ", "ef", "\n", "\n", " gh "],
            &["\r\n x \r\n\r\n y\u{85}z"],
            &["caf\u{e9} ", "\u{3000}\u{65e5}\u{672c}", "\n"],
            &["\n", "one", "\n", "\n", "two three", "\n"],
            &["x\u{1c}y", " \u{b}\u{c} w"],
        ];
        for pieces in cases {
            let mut c = Collapser::default();
            pieces.iter().for_each(|p| c.push_str(p));
            assert_eq!((c.out, c.words), reference(&pieces.concat()), "{pieces:?}");
        }
    }
}
