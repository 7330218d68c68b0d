//! `queuectl resume` (not built yet).

use super::Ctx;
use crate::cli::PauseArgs;
use crate::error::Exit;

/// Runs `queuectl resume`.
pub async fn run(_ctx: &Ctx, _args: PauseArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl resume is not built yet")
}
