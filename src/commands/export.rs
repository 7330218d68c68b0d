//! `queuectl export`: write queues' jobs, logs and job schedulers as NDJSON,
//! with read commands only.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Ctx;
use crate::cli::{ExportArgs, DEFAULT_MAX_REDIS_BUSY};
use crate::connection::Redis;
use crate::error::{usage, Exit};
use crate::output::{DataSink, Human, Render};
use crate::queues::export::{self, Exported, Selection};
use crate::queues::search::{self, Query};
use crate::queues::{discovery, now_ms};

/// Runs the command.
pub async fn run(ctx: &Ctx, args: ExportArgs) -> anyhow::Result<Exit> {
    for q in &args.queues {
        ctx.check_queue(q)?;
    }
    let query = super::search::query_from(&args.filters, 0, DEFAULT_MAX_REDIS_BUSY, now_ms())?;
    let mut target = Target::open(ctx, &args.output)?;
    let redis = ctx.redis().await?;
    for queue in &args.queues {
        if !discovery::exists(&redis, queue).await? {
            ctx.out.warn(&format!(
                "queue '{queue}' not found under prefix '{}'",
                redis.prefix()
            ));
        }
    }
    let sink = &mut target.sink;
    let emit = |record: &export::Record| Ok(sink.json_line(record)?);
    let parts = if needs_search(&query) {
        // Windows and failed reasons are search's: find the jobs, then write them.
        let found = super::search::find(ctx, &redis, &args.queues, &query).await?;
        let targets = search::targets(&found.matches);
        export::export_jobs(&redis, &targets, now_ms(), emit).await?
    } else {
        stream(&redis, &args.queues, &selection(&query), emit).await?
    };
    let queues = args
        .queues
        .iter()
        .map(|queue| {
            let exported = parts
                .iter()
                .find(|(q, _)| q == queue)
                .map(|(_, e)| e.clone())
                .unwrap_or_default();
            QueueExport {
                queue: queue.clone(),
                total: exported.jobs.values().sum(),
                exported,
            }
        })
        .collect();
    let report = ExportReport {
        output: target.finish()?,
        queues,
    };
    if report.output == "-" {
        ctx.out.note(&render_line(&report));
    } else {
        ctx.out.print(&report)?;
    }
    Ok(Exit::Ok)
}

/// Whether the filters need the search's scan: a time window or a failed
/// reason; states, name and data filter as the jobs stream by.
fn needs_search(query: &Query) -> bool {
    query.error.is_some() || query.since_ms.is_some() || query.until_ms.is_some()
}

fn selection(query: &Query) -> Selection {
    Selection {
        states: query.states.clone(),
        name: query.name.clone(),
        data: query.data.clone(),
    }
}

/// Exports each queue whole, streaming: every job of the selected states.
async fn stream(
    redis: &Redis,
    queues: &[String],
    selection: &Selection,
    mut emit: impl FnMut(&export::Record) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<(String, Exported)>> {
    let mut parts = Vec::with_capacity(queues.len());
    for queue in queues {
        let exported = export::export(redis, queue, selection, now_ms(), &mut emit).await?;
        parts.push((queue.clone(), exported));
    }
    Ok(parts)
}

/// Where the lines go: stdout, or a temporary file renamed to the asked
/// name once complete.
struct Target {
    sink: DataSink,
    file: Option<Partial>,
}

/// A file being written under a temporary name, removed unless committed.
struct Partial {
    temp: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl Target {
    fn open(ctx: &Ctx, output: &Path) -> anyhow::Result<Self> {
        if output == Path::new("-") {
            return Ok(Target {
                sink: ctx.out.sink(None)?,
                file: None,
            });
        }
        let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return usage(format!("-o {}: not a file name", output.display()));
        };
        let temp = output.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        let sink = ctx
            .out
            .sink(Some(&temp))
            .or_else(|e| usage(format!("-o {}: {e}", output.display())))?;
        let file = Partial {
            temp,
            path: output.to_path_buf(),
            committed: false,
        };
        Ok(Target {
            sink,
            file: Some(file),
        })
    }

    /// Flushes, renames a file into place, and returns what was written to.
    fn finish(self) -> anyhow::Result<String> {
        let Target { sink, file } = self;
        sink.finish()?;
        match file {
            None => Ok("-".into()),
            Some(mut f) => {
                std::fs::rename(&f.temp, &f.path)?;
                f.committed = true;
                Ok(f.path.display().to_string())
            }
        }
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// What was exported.
#[derive(Debug, Serialize)]
struct ExportReport {
    /// The file written, or `-` for stdout.
    output: String,
    queues: Vec<QueueExport>,
}

#[derive(Debug, Serialize)]
struct QueueExport {
    queue: String,
    total: usize,
    #[serde(flatten)]
    exported: Exported,
}

fn render_line(report: &ExportReport) -> String {
    let parts: Vec<String> = report
        .queues
        .iter()
        .map(|q| {
            let mut detail: Vec<String> = q
                .exported
                .jobs
                .iter()
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            let schedulers = q.exported.job_schedulers;
            if schedulers > 0 {
                let plural = if schedulers == 1 { "" } else { "s" };
                detail.push(format!("{schedulers} job scheduler{plural}"));
            }
            let detail = if detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", detail.join(", "))
            };
            let noun = if q.total == 1 { "job" } else { "jobs" };
            format!("{} {noun} from {}{detail}", q.total, q.queue)
        })
        .collect();
    let place = if report.output == "-" {
        "stdout".to_string()
    } else {
        report.output.clone()
    };
    format!("exported {} to {place}", parts.join("; "))
}

impl Render for ExportReport {
    fn render(&self, out: &mut Human) {
        out.line(render_line(self));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;

    #[test]
    fn export_report_names_each_queue_and_state() {
        let report = ExportReport {
            output: "jobs\x1b[2J.ndjson".into(),
            queues: vec![
                QueueExport {
                    queue: "scrape-queue".into(),
                    total: 3,
                    exported: Exported {
                        jobs: [("waiting", 2), ("delayed", 1)].into_iter().collect(),
                        job_schedulers: 1,
                    },
                },
                QueueExport {
                    queue: "empty".into(),
                    total: 0,
                    exported: Exported::default(),
                },
            ],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
