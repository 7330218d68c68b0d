//! `queuectl resume`: let workers take jobs from paused queues again.

use super::Ctx;
use crate::cli::PauseArgs;
use crate::error::Exit;

/// Runs `queuectl resume` (the same report as `pause`).
pub async fn run(ctx: &Ctx, args: PauseArgs) -> anyhow::Result<Exit> {
    super::pause::set_all(ctx, args, false).await
}
