//! `queuectl drain` (not built yet).

use super::Ctx;
use crate::cli::DrainArgs;
use crate::error::Exit;

/// Runs `queuectl drain`.
pub async fn run(_ctx: &Ctx, _args: DrainArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl drain is not built yet")
}
