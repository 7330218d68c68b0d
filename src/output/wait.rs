//! The `--wait` display on stderr: an indicatif bar mirroring one job's
//! progress on a TTY (a spinner while progress is not a number), plain
//! `progress 40% message` lines off a TTY, nothing with `--json` or `--quiet`.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{escape, Printer};
use crate::queues::vocab::Percent;
use crate::settings::ProgressView;

enum Mode {
    Bar(ProgressBar),
    Lines(Printer),
    Silent,
}

/// Shows one job's progress while `--wait` follows it.
pub struct JobWatch {
    mode: Mode,
    label: String,
    /// The bar shows a percentage (else a spinner).
    numeric: bool,
}

impl JobWatch {
    pub(super) fn new(printer: &Printer, label: &str, view: ProgressView) -> Self {
        let label = escape::line(label).into_owned();
        let mode = match view {
            ProgressView::Live => {
                let bar = ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::stderr());
                bar.set_prefix(label.clone());
                bar.set_message("waiting");
                Mode::Bar(bar)
            }
            ProgressView::Lines => Mode::Lines(printer.clone()),
            ProgressView::Hidden => Mode::Silent,
        };
        let watch = Self {
            mode,
            label,
            numeric: false,
        };
        watch.spinner();
        watch
    }

    /// Mirrors a progress report: `percent` moves the bar (a spinner when
    /// `None`), `message` is shown next to it.
    pub fn progress(&mut self, percent: Option<f64>, message: Option<&str>) {
        match &self.mode {
            Mode::Bar(bar) => {
                match percent {
                    Some(p) => {
                        if !self.numeric {
                            self.numeric = true;
                            bar.disable_steady_tick();
                            bar.set_style(bar_style());
                        }
                        bar.set_position(p.clamp(0.0, 100.0).round() as u64);
                    }
                    None if self.numeric => {
                        self.numeric = false;
                        self.spinner();
                    }
                    None => {}
                }
                bar.set_message(escape::line(message.unwrap_or_default()).into_owned());
            }
            Mode::Lines(printer) => {
                let pct = percent.map(|p| format!(" {}%", Percent(p)));
                let msg = message.map(|m| format!(" {m}"));
                printer.log(&format!(
                    "progress{}{}",
                    pct.unwrap_or_default(),
                    msg.unwrap_or_default()
                ));
            }
            Mode::Silent => {}
        }
    }

    /// A state change worth a line of its own (`active`, `retry 1/3: reason`).
    pub fn status(&self, line: &str) {
        match &self.mode {
            Mode::Bar(bar) => {
                let line = escape::line(line);
                bar.println(format!("{}: {line}", self.label));
                if !self.numeric {
                    bar.set_message(line.into_owned());
                }
            }
            Mode::Lines(printer) => printer.log(line),
            Mode::Silent => {}
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Mode::Bar(bar) = &self.mode {
            bar.finish_and_clear();
        }
    }

    fn spinner(&self) {
        if let Mode::Bar(bar) = &self.mode {
            let style = ProgressStyle::with_template("{prefix} {spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{prefix} {bar:30} {pos:>3}% {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Drop for JobWatch {
    fn drop(&mut self) {
        self.finish();
    }
}
