//! `queuectl queues`: the queues under the prefix, one line each.

use serde::Serialize;

use super::stats::{collect, run_state};
use super::Ctx;
use crate::cli::QueuesArgs;
use crate::error::Exit;
use crate::output::{Human, Render, Table};
use crate::queues::stats::QueueStats;

#[derive(Debug, Serialize)]
struct QueuesReport {
    prefix: String,
    queues: Vec<QueueStats>,
}

impl Render for QueuesReport {
    fn render(&self, out: &mut Human) {
        if self.queues.is_empty() {
            out.line(format!("no queues under prefix '{}'", self.prefix));
            return;
        }
        let mut t = Table::new(&["QUEUE", "STATE", "SUMMARY"]);
        for q in &self.queues {
            let c = &q.counts;
            let ready = c.waiting + c.prioritized;
            let summary = format!(
                "{ready} ready, {} active, {} delayed, {} failed, {} completed",
                c.active, c.delayed, c.failed, c.completed
            );
            t.row(vec![
                q.name.as_str().into(),
                run_state(q.paused),
                summary.into(),
            ]);
        }
        out.table(t);
    }
}

/// Runs the command.
pub async fn run(ctx: &Ctx, _args: QueuesArgs) -> anyhow::Result<Exit> {
    let redis = ctx.redis().await?;
    let stats = collect(ctx, &redis, &[], false).await?;
    let report = QueuesReport {
        prefix: redis.prefix().to_string(),
        queues: stats.queues,
    };
    ctx.out.print(&report)?;
    Ok(Exit::Ok)
}
