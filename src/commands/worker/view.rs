//! How `queuectl worker` shows its events: NDJSON with `--json`, a live board
//! of running jobs on a terminal, or one log line per event otherwise.

use std::time::Instant;

use crate::output::{Board, Printer};
use crate::worker::Event;

/// The chosen display and the running totals.
pub struct View {
    board: Option<Board>,
    started: Instant,
    completed: u64,
    failed: u64,
    retried: u64,
}

impl View {
    /// A board on a terminal, else lines (or JSON, decided per event).
    pub fn new(out: &Printer) -> Self {
        View {
            board: if out.is_json() { None } else { out.board() },
            started: Instant::now(),
            completed: 0,
            failed: 0,
            retried: 0,
        }
    }

    /// Counts and shows a batch of events (one write for the whole batch).
    pub fn show(&mut self, out: &Printer, events: &[Event]) -> anyhow::Result<()> {
        events.iter().for_each(|e| self.count(e));
        if out.is_json() {
            out.json_lines(events)?;
            return Ok(());
        }
        let totals = self.summary();
        match &mut self.board {
            Some(board) => {
                events.iter().for_each(|e| update_board(board, e));
                board.totals(totals);
            }
            None => out.log_lines(&events.iter().map(line).collect::<Vec<_>>()),
        }
        Ok(())
    }

    /// Jobs that finished for good (completed or failed).
    pub fn finished(&self) -> u64 {
        self.completed + self.failed
    }

    /// `completed N, failed N, retried N (X jobs/s)`.
    pub fn summary(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        format!(
            "{} completed, {} failed, {} retried ({:.1} jobs/s)",
            self.completed,
            self.failed,
            self.retried,
            self.finished() as f64 / secs
        )
    }

    /// Clears the board, if any.
    pub fn close(&mut self) {
        if let Some(board) = &mut self.board {
            board.close();
        }
    }

    fn count(&mut self, event: &Event) {
        match event {
            Event::Completed { .. } => self.completed += 1,
            Event::Failed { .. } => self.failed += 1,
            Event::Retrying { .. } => self.retried += 1,
            _ => {}
        }
    }
}

fn update_board(board: &mut Board, event: &Event) {
    match event {
        Event::Started {
            queue,
            job_id,
            name,
            ..
        } => board.start(job_id, &format!("{queue} {job_id} {name}")),
        Event::Progress {
            job_id, progress, ..
        } => board.progress(
            job_id,
            progress.percent,
            progress.message.as_deref().unwrap_or_default(),
        ),
        Event::Completed { job_id, .. }
        | Event::Failed { job_id, .. }
        | Event::Retrying { job_id, .. }
        | Event::Stalled { job_id, .. } => {
            board.finish(job_id);
            if !matches!(event, Event::Completed { .. }) {
                board.line(&line(event));
            }
        }
        Event::Recovered { queue, job_id } => {
            board.start(job_id, &format!("{queue} {job_id}"));
            board.line(&line(event));
        }
        Event::Error { .. } => board.line(&line(event)),
    }
}

/// One human line per event (off a terminal, and above the board).
fn line(event: &Event) -> String {
    match event {
        Event::Started {
            queue,
            job_id,
            name,
            attempts_made,
        } => {
            let retry = if *attempts_made > 0 {
                format!(" (attempt {})", attempts_made + 1)
            } else {
                String::new()
            };
            format!("started    {queue} {job_id} {name}{retry}")
        }
        Event::Progress {
            queue,
            job_id,
            progress,
        } => format!("progress   {queue} {job_id} {}", progress.to_json()),
        Event::Completed { queue, job_id, .. } => format!("completed  {queue} {job_id}"),
        Event::Failed {
            queue,
            job_id,
            error,
        } => format!("failed     {queue} {job_id}: {error}"),
        Event::Retrying {
            queue,
            job_id,
            error,
            attempts_made,
            delay_ms,
        } => {
            let when = match delay_ms {
                Some(ms) => format!(
                    " in {}",
                    humantime::format_duration(std::time::Duration::from_millis(*ms))
                ),
                None => String::new(),
            };
            format!("retrying   {queue} {job_id}{when} after attempt {attempts_made}: {error}")
        }
        Event::Stalled { queue, job_id } => {
            format!("stalled    {queue} {job_id} (returned to wait)")
        }
        Event::Recovered { queue, job_id } => format!(
            "recovered  {queue} {job_id} (its first finish was lost with the connection: finished with that result, not run again)"
        ),
        Event::Error { queue, message } => format!("error      {queue}: {message}"),
    }
}
