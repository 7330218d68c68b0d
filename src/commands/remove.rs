//! `queuectl remove` (not built yet).

use super::Ctx;
use crate::cli::RemoveArgs;
use crate::error::Exit;

/// Runs `queuectl remove`.
pub async fn run(_ctx: &Ctx, _args: RemoveArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl remove is not built yet")
}
