//! Plain, aligned tables (comfy-table without borders), kubectl style.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table as Inner};

/// A table under construction: headers, rows, right-aligned numeric columns.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
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

    /// Appends a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders without a trailing newline.
    pub fn render(&self, color: bool) -> String {
        let mut t = Inner::new();
        t.load_style(comfy_table::presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled);
        let header: Vec<Cell> = self
            .headers
            .iter()
            .map(|h| {
                let c = Cell::new(h);
                if color {
                    c.add_attribute(comfy_table::Attribute::Bold)
                } else {
                    c
                }
            })
            .collect();
        t.set_header(header);
        for row in &self.rows {
            t.add_row(row.clone());
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
