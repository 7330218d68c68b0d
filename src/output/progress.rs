//! Progress bars on stderr (indicatif), hidden off a TTY; their messages are
//! data, escaped as one line.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::escape;

/// A progress bar that draws only when it was made visible.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub(super) fn new(total: u64, what: &str, visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        let style = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(escape::line(what).into_owned());
        Self { bar }
    }

    /// Sets the position.
    pub fn set(&self, done: u64) {
        self.bar.set_position(done);
    }

    /// Sets the text before the bar.
    pub fn message(&self, msg: String) {
        self.bar.set_message(escape::line(&msg).into_owned());
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
