//! The only code that prints, prompts or draws progress.
//!
//! Commands hand over report structs that implement `Serialize` (for `--json`)
//! and [`Render`] (for people), so the two renderings cannot disagree. Data goes
//! to stdout; notes, warnings, errors and progress go to stderr.

mod board;
mod page;
mod progress;
mod prompt;
mod sink;
mod table;
mod wait;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use board::Board;
pub use page::page_markdown;
pub use progress::Progress;
pub use prompt::{confirm, confirm_typed, interactive, Decision};
pub use sink::DataSink;
pub use table::Table;
pub use wait::JobWatch;

use crate::settings::OutputSettings;

/// Human rendering of a report.
pub trait Render {
    /// Writes the report for a person.
    fn render(&self, out: &mut Human);
}

/// A buffer of human-readable output with colour helpers.
pub struct Human {
    text: String,
    color: bool,
}

impl Human {
    /// Appends one line.
    pub fn line(&mut self, s: impl AsRef<str>) {
        self.text.push_str(s.as_ref());
        self.text.push('\n');
    }

    /// Appends an aligned `key: value` line.
    pub fn field(&mut self, key: &str, value: impl AsRef<str>) {
        let key = self.bold(&format!("{key}:"));
        let pad = 16usize.saturating_sub(key.len().min(16));
        self.line(format!("{key}{} {}", " ".repeat(pad), value.as_ref()));
    }

    /// Appends a table.
    pub fn table(&mut self, table: Table) {
        self.text.push_str(&table.render(self.color));
        self.text.push('\n');
    }

    /// Bold when colour is on.
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }

    /// Dim when colour is on.
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }

    /// Red when colour is on.
    pub fn red(&self, s: &str) -> String {
        self.paint("31", s)
    }

    /// Green when colour is on.
    pub fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }

    /// Yellow when colour is on.
    pub fn yellow(&self, s: &str) -> String {
        self.paint("33", s)
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Writes reports, notes and errors according to the output settings.
#[derive(Debug, Clone)]
pub struct Printer {
    settings: OutputSettings,
    secrets: Vec<String>,
    stderr_color: bool,
}

impl Printer {
    /// A printer that masks every `secrets` entry in what it writes to stderr.
    pub fn new(settings: OutputSettings, secrets: Vec<String>) -> Self {
        let no_color = std::env::var_os(crate::env::NO_COLOR).is_some_and(|v| !v.is_empty());
        Self {
            settings,
            secrets: secrets.into_iter().filter(|s| !s.is_empty()).collect(),
            stderr_color: settings.color || (!no_color && io::stderr().is_terminal()),
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
        let mut human = Human {
            text: String::new(),
            color: self.settings.color,
        };
        report.render(&mut human);
        let mut out = io::stdout().lock();
        out.write_all(human.text.as_bytes())?;
        out.flush()
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
        if self.settings.json || !io::stdout().is_terminal() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        out.write_all(b"\x1b[2J\x1b[H")?;
        out.flush()
    }

    /// A note for people on stderr; silent with `--quiet` or `--json`.
    pub fn note(&self, msg: &str) {
        if !self.settings.quiet && !self.settings.json {
            self.stderr(&format!("{}{msg}", self.stderr_paint("2", "note: ")));
        }
    }

    /// A log line for people on stderr (worker events); silent with `--quiet`.
    pub fn log(&self, line: &str) {
        if !self.settings.quiet {
            self.stderr(line);
        }
    }

    /// Several log lines in one write; silent with `--quiet`.
    pub fn log_lines(&self, lines: &[String]) {
        if !self.settings.quiet && !lines.is_empty() {
            self.stderr(&lines.join("\n"));
        }
    }

    /// A warning on stderr; silent with `--quiet`.
    pub fn warn(&self, msg: &str) {
        if !self.settings.quiet {
            self.stderr(&format!("{}{msg}", self.stderr_paint("33", "warning: ")));
        }
    }

    /// The final error line: plain, or a JSON object with `--json`.
    pub fn error(&self, msg: &str, code: &str) {
        let msg = self.mask(msg);
        if self.settings.json {
            let obj = serde_json::json!({ "error": msg, "code": code });
            self.stderr(&obj.to_string());
        } else {
            self.stderr(&format!("{}{msg}", self.stderr_paint("31", "error: ")));
        }
    }

    /// A live board on stderr, when stderr is a TTY and neither `--json` nor
    /// `--quiet` was given; `None` means print log lines instead.
    pub fn board(&self) -> Option<Board> {
        let visible = io::stderr().is_terminal() && !self.settings.json && !self.settings.quiet;
        visible.then(Board::new)
    }

    /// A progress bar on stderr, drawn only on a TTY and never with `--json`/`--quiet`.
    pub fn progress(&self, total: u64, what: &str) -> Progress {
        let visible = io::stderr().is_terminal() && !self.settings.json && !self.settings.quiet;
        Progress::new(total, what, visible)
    }

    /// The `--wait` display for one job: a bar on a TTY, progress lines off
    /// one, nothing with `--json` or `--quiet`.
    pub fn job_watch(&self, label: &str) -> JobWatch {
        JobWatch::new(self, label, io::stderr().is_terminal())
    }

    fn stderr(&self, line: &str) {
        let line = self.mask(line);
        let _ = writeln!(io::stderr().lock(), "{line}");
    }

    fn stderr_paint(&self, code: &str, s: &str) -> String {
        if self.stderr_color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn mask(&self, text: &str) -> String {
        self.secrets.iter().fold(text.to_string(), |t, s| {
            crate::connection::redact(&t, Some(s))
        })
    }
}

/// Prints a clap parse error (or help/version) the way clap formats it.
pub fn clap_message(err: &clap::Error) {
    let _ = err.print();
}

/// Writes generated bytes (completions, man pages) to stdout as they are.
pub fn raw(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}
