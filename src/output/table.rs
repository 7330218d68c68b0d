//! Plain, aligned tables (comfy-table without borders), kubectl style.

use comfy_table::{CellAlignment, ContentArrangement, Table as Inner};

use super::{escape, Tone};

/// One cell: data (escaped as a single line when drawn) in a tone.
#[derive(Debug, Clone)]
pub struct Cell {
    text: String,
    tone: Tone,
}

impl Cell {
    /// A cell showing `text` in `tone` (when colour is on).
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Self {
            text: text.into(),
            tone,
        }
    }

    fn render(&self, color: bool) -> String {
        self.tone.paint(&escape::line(&self.text), color)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::new(text, Tone::Plain)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::new(text, Tone::Plain)
    }
}

/// A table under construction: headers, rows, right-aligned numeric columns.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
    right: Vec<usize>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right: Vec::new(),
        }
    }

    /// Right-aligns the given columns (counts).
    pub fn right_align(mut self, columns: &[usize]) -> Self {
        self.right = columns.to_vec();
        self
    }

    /// Appends a row; a newline or control character in a cell shows as an
    /// escape, so data cannot break the table's lines.
    pub fn row<C: Into<Cell>>(&mut self, cells: Vec<C>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Renders without a trailing newline.
    pub fn render(&self, color: bool) -> String {
        let mut t = Inner::new();
        t.load_style(comfy_table::presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled);
        let header: Vec<comfy_table::Cell> = self
            .headers
            .iter()
            .map(|h| {
                let c = comfy_table::Cell::new(h);
                if color {
                    c.add_attribute(comfy_table::Attribute::Bold)
                } else {
                    c
                }
            })
            .collect();
        t.set_header(header);
        for row in &self.rows {
            t.add_row(row.iter().map(|c| c.render(color)));
        }
        for &col in &self.right {
            if let Some(column) = t.column_mut(col) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        if !color {
            t.force_no_tty();
        } else {
            t.enforce_styling();
        }
        t.lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(&l).trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
