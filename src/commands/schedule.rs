//! `queuectl schedule` (not built yet).

use super::Ctx;
use crate::cli::ScheduleArgs;
use crate::error::Exit;

/// Runs `queuectl schedule`.
pub async fn run(_ctx: &Ctx, _args: ScheduleArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl schedule is not built yet")
}
