//! `queuectl import`: validate an export file whole, then re-create its jobs
//! and job schedulers, adding nothing the target queue already has.

use std::io::Read;

use serde::Serialize;

use super::Ctx;
use crate::cli::ImportArgs;
use crate::error::{usage, Exit};
use crate::output::{Human, Render};
use crate::queues::import::{self, QueueImport};
use crate::queues::now_ms;

/// Id mappings the human report lists (`--json` has them all).
const SHOWN_MAPPINGS: usize = 20;

/// Runs the command.
pub async fn run(ctx: &Ctx, args: ImportArgs) -> anyhow::Result<Exit> {
    if let Some(q) = &args.queue {
        ctx.check_queue(q)?;
    }
    let text = read(&args.file)?;
    let parts = match import::parse(&text, args.as_waiting) {
        Ok(parts) => parts,
        Err(bad) => return usage(format!("{}: {bad}; nothing was imported", args.file)),
    };
    let redis = ctx.redis().await?;
    let mut queues = Vec::with_capacity(parts.len());
    for part in &parts {
        let target = args.queue.as_deref().unwrap_or(&part.header.queue);
        queues.push(import::import(&redis, part, target, args.dry_run, now_ms()).await?);
    }
    ctx.out.print(&ImportReport {
        dry_run: args.dry_run,
        queues,
    })?;
    Ok(Exit::Ok)
}

/// The whole file (or stdin for `-`) as UTF-8 text.
fn read(file: &str) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes).map(drop))
    };
    if let Err(e) = read {
        return usage(format!("cannot read {file}: {e}"));
    }
    String::from_utf8(bytes).or_else(|e| {
        usage(format!(
            "{file}: not UTF-8 text (byte {}); nothing was imported",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// What the import did, per target queue.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportReport {
    dry_run: bool,
    queues: Vec<QueueImport>,
}

fn counts(map: &std::collections::BTreeMap<&'static str, usize>) -> String {
    let parts: Vec<String> = map.iter().map(|(s, n)| format!("{s} {n}")).collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

impl Render for ImportReport {
    fn render(&self, out: &mut Human) {
        let verb = if self.dry_run {
            "Would import"
        } else {
            "Imported"
        };
        for q in &self.queues {
            let total: usize = q.imported.values().sum();
            out.line(format!(
                "{verb} {total} jobs into {} ({}); {} already present; skipped: {}",
                q.queue,
                counts(&q.imported),
                q.present,
                counts(&q.skipped)
            ));
            out.line(format!(
                "  job schedulers: {} imported, {} already present",
                q.schedulers_imported, q.schedulers_present
            ));
            if !q.id_map.is_empty() {
                out.line(format!(
                    "  integer ids (BullMQ refuses them as custom ids) became {}<id>:",
                    import::ID_PREFIX
                ));
            }
            for m in q.id_map.iter().take(SHOWN_MAPPINGS) {
                out.line(format!("    {} -> {}", m.from, m.to));
            }
            if q.id_map.len() > SHOWN_MAPPINGS {
                out.line(format!(
                    "    … {} more (--json lists them all)",
                    q.id_map.len() - SHOWN_MAPPINGS
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render_human;
    use crate::queues::import::IdMapping;

    #[test]
    fn import_report_counts_skips_and_lists_the_id_map() {
        let q = QueueImport {
            queue: "scrape-queue".into(),
            imported: [("waiting", 2), ("delayed", 1)].into_iter().collect(),
            skipped: [("completed", 4), ("failed", 1)].into_iter().collect(),
            present: 1,
            schedulers_imported: 1,
            schedulers_present: 0,
            id_map: (1..=22)
                .map(|n| IdMapping {
                    from: n.to_string(),
                    to: format!("imported-{n}"),
                })
                .collect(),
        };
        let hostile = QueueImport {
            queue: "q\x1b[2J".into(),
            ..QueueImport::default()
        };
        let report = ImportReport {
            dry_run: false,
            queues: vec![q, hostile],
        };
        insta::assert_snapshot!(render_human(&report, false));
    }
}
