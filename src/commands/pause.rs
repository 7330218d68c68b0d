//! `queuectl pause` (not built yet).

use super::Ctx;
use crate::cli::PauseArgs;
use crate::error::Exit;

/// Runs `queuectl pause`.
pub async fn run(_ctx: &Ctx, _args: PauseArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl pause is not built yet")
}
