//! A live board on a terminal: one bar per running item (worker jobs) and a
//! totals line, with log lines printed above them. Off a TTY it is not used.
//! Labels, messages and lines are data: each is escaped as one line.

use std::collections::HashMap;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::escape;

/// Bars keyed by an id, under a totals line.
pub struct Board {
    multi: MultiProgress,
    totals: ProgressBar,
    bars: HashMap<String, ProgressBar>,
    style: ProgressStyle,
}

impl Board {
    pub(super) fn new() -> Self {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let totals = multi.add(ProgressBar::new_spinner());
        totals.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        totals.enable_steady_tick(std::time::Duration::from_millis(120));
        let style = ProgressStyle::with_template("  {prefix:<28} {bar:24} {pos:>3}% {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        Self {
            multi,
            totals,
            bars: HashMap::new(),
            style,
        }
    }

    /// Adds a bar for `id` labelled `label`.
    pub fn start(&mut self, id: &str, label: &str) {
        let bar = self.multi.add(ProgressBar::new(100));
        bar.set_style(self.style.clone());
        bar.set_prefix(escape::line(label).into_owned());
        self.bars.insert(id.to_string(), bar);
    }

    /// Moves `id`'s bar to `percent` (when numeric) and shows `message`.
    pub fn progress(&self, id: &str, percent: Option<f64>, message: &str) {
        if let Some(bar) = self.bars.get(id) {
            if let Some(p) = percent {
                bar.set_position(p.clamp(0.0, 100.0) as u64);
            }
            bar.set_message(escape::line(message).into_owned());
        }
    }

    /// Removes `id`'s bar.
    pub fn finish(&mut self, id: &str) {
        if let Some(bar) = self.bars.remove(id) {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
    }

    /// Replaces the totals line.
    pub fn totals(&self, text: String) {
        self.totals.set_message(escape::line(&text).into_owned());
    }

    /// Prints a line above the bars.
    pub fn line(&self, text: &str) {
        let _ = self.multi.println(escape::line(text));
    }

    /// Clears the board.
    pub fn close(&mut self) {
        for (_, bar) in self.bars.drain() {
            bar.finish_and_clear();
        }
        self.totals.finish_and_clear();
        let _ = self.multi.clear();
    }
}
