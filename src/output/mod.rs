//! The only code that prints, prompts or draws progress.
//!
//! Commands hand over report structs that implement `Serialize` (for `--json`)
//! and [`Render`] (for people), so the two renderings cannot disagree. Data goes
//! to stdout; notes, warnings, errors and progress go to stderr. Control
//! characters in data are shown as visible escapes ([`escape`]); JSON is
//! written as JSON encodes it.

// The one module that writes the standard streams (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod board;
pub mod escape;
mod page;
mod progress;
mod prompt;
mod sink;
mod table;
mod wait;

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

pub use board::Board;
pub use page::page_markdown;
pub use progress::Progress;
pub use prompt::Decision;
pub use sink::DataSink;
pub use table::{Cell, Table};
pub use wait::JobWatch;

use crate::error::UsageError;
use crate::settings::{OutputSettings, ProgressView};
use escape::Layout;

/// Human rendering of a report.
pub trait Render {
    /// Writes the report for a person.
    fn render(&self, out: &mut Human);
}

/// A colour queuectl itself adds; data never carries its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Bold,
    Dim,
    Red,
    Green,
    Yellow,
}

impl Tone {
    /// Wraps `s` (already escaped) in this tone's SGR codes when `color` is on.
    fn paint(self, s: &str, color: bool) -> String {
        let code = match self {
            Tone::Plain => None,
            Tone::Bold => Some("1"),
            Tone::Dim => Some("2"),
            Tone::Red => Some("31"),
            Tone::Green => Some("32"),
            Tone::Yellow => Some("33"),
        };
        match code.filter(|_| color) {
            Some(code) => format!("\x1b[{code}m{s}\x1b[0m"),
            None => s.to_string(),
        }
    }
}

/// A buffer of human-readable output with colour helpers.
///
/// Everything that enters it is escaped as single lines: lines, table cells,
/// field values and painted text wholly. Only a [`Human::styled`] line keeps
/// SGR codes (the colours of pieces painted here), so its data must be
/// painted or put through [`escape::line`] before it joins the line.
pub struct Human {
    text: String,
    color: bool,
}

impl Human {
    /// Appends one line of plain text (a newline inside it shows as `\n`).
    pub fn line(&mut self, s: impl AsRef<str>) {
        self.push_line(s.as_ref(), false);
    }

    /// Appends one line composed of painted pieces and escaped data.
    pub fn styled(&mut self, s: impl AsRef<str>) {
        self.push_line(s.as_ref(), self.color);
    }

    fn push_line(&mut self, s: &str, keep_sgr: bool) {
        self.text
            .push_str(&escape::escape(s, Layout::Line, keep_sgr));
        self.text.push('\n');
    }

    /// Appends an aligned `key: value` line; `value` is data.
    pub fn field(&mut self, key: &str, value: impl AsRef<str>) {
        self.field_in(Tone::Plain, key, value);
    }

    /// [`Human::field`] with the value in `tone`.
    pub fn field_in(&mut self, tone: Tone, key: &str, value: impl AsRef<str>) {
        let key = self.bold(&format!("{key}:"));
        let pad = 16usize.saturating_sub(key.len().min(16));
        let value = self.paint(tone, value.as_ref());
        self.styled(format!("{key}{} {value}", " ".repeat(pad)));
    }

    /// Appends a table.
    pub fn table(&mut self, table: Table) {
        self.text.push_str(&table.render(self.color));
        self.text.push('\n');
    }

    /// Bold when colour is on.
    pub fn bold(&self, s: &str) -> String {
        self.paint(Tone::Bold, s)
    }

    /// Dim when colour is on.
    pub fn dim(&self, s: &str) -> String {
        self.paint(Tone::Dim, s)
    }

    /// Red when colour is on.
    pub fn red(&self, s: &str) -> String {
        self.paint(Tone::Red, s)
    }

    /// Green when colour is on.
    pub fn green(&self, s: &str) -> String {
        self.paint(Tone::Green, s)
    }

    /// Yellow when colour is on.
    pub fn yellow(&self, s: &str) -> String {
        self.paint(Tone::Yellow, s)
    }

    /// `s` escaped as one line, in `tone` when colour is on.
    fn paint(&self, tone: Tone, s: &str) -> String {
        tone.paint(&escape::line(s), self.color)
    }
}

/// A report's human rendering as text, with colour or without.
///
/// The insta snapshot tests next to each report compare this text with the
/// files in `src/commands/snapshots/`; after an intended change, rewrite them
/// with `INSTA_UPDATE=always cargo test --lib` and review the diff.
pub fn render_human<R: Render + ?Sized>(report: &R, color: bool) -> String {
    let mut human = Human {
        text: String::new(),
        color,
    };
    report.render(&mut human);
    human.text
}

/// Writes reports, notes and errors according to the output settings.
#[derive(Debug, Clone)]
pub struct Printer {
    settings: OutputSettings,
    secrets: Vec<String>,
}

impl Printer {
    /// A printer that masks every `secrets` entry in what it writes to stderr.
    pub fn new(settings: OutputSettings, secrets: Vec<String>) -> Self {
        Self {
            settings,
            secrets: secrets.into_iter().filter(|s| !s.is_empty()).collect(),
        }
    }

    /// Whether `--json` was asked for.
    pub fn is_json(&self) -> bool {
        self.settings.json
    }

    /// Prints a report: JSON with `--json`, else its human rendering.
    pub fn print<R: Serialize + Render>(&self, report: &R) -> io::Result<()> {
        if self.settings.json {
            return self.json(report);
        }
        let text = render_human(report, self.settings.color);
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    /// Prints a text document that is data (Prometheus exposition), line by
    /// line with the escaping of a report's lines, ending in a newline.
    pub fn text(&self, text: &str) -> io::Result<()> {
        let mut human = Human {
            text: String::with_capacity(text.len() + 1),
            color: false,
        };
        for line in text.lines() {
            human.line(line);
        }
        let mut out = io::stdout().lock();
        out.write_all(human.text.as_bytes())?;
        out.flush()
    }

    /// Asks `question` with a default of "no" (see [`prompt::confirm`]).
    pub fn confirm(&self, question: &str, yes: bool) -> Result<Decision, UsageError> {
        prompt::confirm(question, yes, self.settings.interactive())
    }

    /// Asks the user to type `expected` (see [`prompt::confirm_typed`]).
    pub fn confirm_typed(
        &self,
        question: &str,
        expected: &str,
        yes: bool,
    ) -> Result<Decision, UsageError> {
        prompt::confirm_typed(question, expected, yes, self.settings.interactive())
    }

    /// Opens the data sink for `path`, or stdout when `None`.
    pub fn sink(&self, path: Option<&Path>) -> io::Result<DataSink> {
        DataSink::open(path, self.settings.terminals.stdout)
    }

    /// Prints one JSON document on one line.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, value)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Prints several JSON documents, one per line, in one write (a busy
    /// worker's event stream would otherwise cost a syscall per event).
    pub fn json_lines<T: Serialize>(&self, values: &[T]) -> io::Result<()> {
        let mut buf = Vec::with_capacity(values.len() * 128);
        for value in values {
            serde_json::to_writer(&mut buf, value)?;
            buf.push(b'\n');
        }
        let mut out = io::stdout().lock();
        out.write_all(&buf)?;
        out.flush()
    }

    /// Clears the terminal before a `--watch` redraw (only on a TTY).
    pub fn clear_screen(&self) -> io::Result<()> {
        if self.settings.json || !self.settings.terminals.stdout {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        out.write_all(b"\x1b[2J\x1b[H")?;
        out.flush()
    }

    /// A note for people on stderr, one line; silent with `--quiet` or `--json`.
    pub fn note(&self, msg: &str) {
        if !self.settings.quiet && !self.settings.json {
            self.stderr_labelled(Tone::Dim, "note: ", msg);
        }
    }

    /// A log line for people on stderr (worker events); silent with `--quiet`.
    pub fn log(&self, line: &str) {
        if !self.settings.quiet {
            self.write_stderr(&self.one_line(line));
        }
    }

    /// Several log lines in one write; silent with `--quiet`.
    pub fn log_lines(&self, lines: &[String]) {
        if !self.settings.quiet && !lines.is_empty() {
            let lines: Vec<_> = lines.iter().map(|l| self.one_line(l)).collect();
            self.write_stderr(&lines.join("\n"));
        }
    }

    /// A warning on stderr, one line; silent with `--quiet`.
    pub fn warn(&self, msg: &str) {
        if !self.settings.quiet {
            self.stderr_labelled(Tone::Yellow, "warning: ", msg);
        }
    }

    /// The final error line: plain, or a JSON object with `--json`.
    pub fn error(&self, msg: &str, code: &str) {
        if self.settings.json {
            let obj = serde_json::json!({ "error": self.mask(msg), "code": code });
            self.write_stderr(&obj.to_string());
        } else {
            self.stderr_labelled(Tone::Red, "error: ", msg);
        }
    }

    /// A live board on stderr, when stderr is a TTY and neither `--json` nor
    /// `--quiet` was given; `None` means print log lines instead.
    pub fn board(&self) -> Option<Board> {
        (self.settings.progress() == ProgressView::Live).then(Board::new)
    }

    /// A progress bar on stderr, drawn only on a TTY and never with `--json`/`--quiet`.
    pub fn progress(&self, total: u64, what: &str) -> Progress {
        Progress::new(total, what, self.settings.progress() == ProgressView::Live)
    }

    /// The `--wait` display for one job: a bar on a TTY, progress lines off
    /// one, nothing with `--json` or `--quiet`.
    pub fn job_watch(&self, label: &str) -> JobWatch {
        JobWatch::new(self, label, self.settings.progress())
    }

    /// `label` in `tone`, then `msg` as one line.
    fn stderr_labelled(&self, tone: Tone, label: &str, msg: &str) {
        let label = tone.paint(label, self.settings.stderr_color);
        self.write_stderr(&format!("{label}{}", self.one_line(msg)));
    }

    /// `text` masked (before escaping changes a secret's spelling), then
    /// escaped as one line.
    fn one_line(&self, text: &str) -> String {
        escape::line(&self.mask(text)).into_owned()
    }

    fn write_stderr(&self, line: &str) {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }

    fn mask(&self, text: &str) -> String {
        self.secrets.iter().fold(text.to_string(), |t, s| {
            crate::connection::redact(&t, Some(s))
        })
    }
}

/// Prints a clap parse error (or help/version) the way clap formats it, with
/// control characters from the offending argument escaped; clap's own colours
/// are kept, and dropped as clap drops them (off a terminal, `NO_COLOR`).
pub fn clap_message(err: &clap::Error) {
    let styled = err.render().ansi().to_string();
    let text = escape::escape(&styled, Layout::Text, true);
    let _ = if err.use_stderr() {
        anstream::AutoStream::auto(io::stderr()).write_all(text.as_bytes())
    } else {
        anstream::AutoStream::auto(io::stdout()).write_all(text.as_bytes())
    };
}

/// Writes generated bytes (completions, man pages) to stdout as they are.
pub fn raw(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn human(color: bool, render: impl FnOnce(&mut Human)) -> String {
        let mut out = Human {
            text: String::new(),
            color,
        };
        render(&mut out);
        out.text
    }

    #[test]
    fn a_plain_line_escapes_everything_even_with_colour_on() {
        let text = human(true, |out| out.line("a\x1b[8mb\nforged"));
        assert_eq!(text, "a\\x1b[8mb\\nforged\n");
    }

    #[test]
    fn a_styled_line_keeps_only_the_colours_painted_here() {
        let text = human(true, |out| {
            let line = format!("{} {}", out.red("x\x1b[2J"), escape::line("\x1b[8m"));
            out.styled(line);
        });
        assert_eq!(text, "\x1b[31mx\\x1b[2J\x1b[0m \\x1b[8m\n");
    }

    #[test]
    fn table_cells_cannot_add_lines_or_codes() {
        let mut t = Table::new(&["NAME", "STATE"]);
        t.row(vec![
            Cell::from("a\nb\x1b[2J"),
            Cell::new("failed", Tone::Red),
        ]);
        let text = human(false, |out| out.table(t));
        assert_eq!(text, "NAME         STATE\na\\nb\\x1b[2J  failed\n");
    }
}
