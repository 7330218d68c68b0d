//! Where streamed data records go: stdout, or a file given with `-o`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use super::escape;

/// A destination for data records; stdout is flushed after every record when
/// it is a terminal, so a reader sees pages as they arrive. Into a pipe or a
/// file, records go out whenever the buffer fills (a page record is about
/// the buffer's size) and at the end.
pub struct DataSink {
    out: Box<dyn Write>,
    flush_each: bool,
}

impl DataSink {
    /// Opens `path` (created or truncated), or stdout when `None`;
    /// `stdout_tty` says whether stdout is a terminal.
    pub(super) fn open(path: Option<&Path>, stdout_tty: bool) -> io::Result<Self> {
        Ok(match path {
            Some(p) => DataSink {
                out: Box::new(BufWriter::new(File::create(p)?)),
                flush_each: false,
            },
            None => DataSink {
                out: Box::new(BufWriter::new(io::stdout())),
                flush_each: stdout_tty,
            },
        })
    }

    /// Writes one JSON document on one line.
    pub fn json_line<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")?;
        self.flushed()
    }

    /// Writes human text (markdown), control characters escaped; newline and
    /// tab pass through.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(escape::text(text).as_bytes())?;
        self.flushed()
    }

    /// Flushes everything written.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn flushed(&mut self) -> io::Result<()> {
        if self.flush_each {
            self.out.flush()?;
        }
        Ok(())
    }
}
