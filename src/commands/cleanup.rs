//! `queuectl cleanup` (not built yet).

use super::Ctx;
use crate::cli::CleanupArgs;
use crate::error::Exit;

/// Runs `queuectl cleanup`.
pub async fn run(_ctx: &Ctx, _args: CleanupArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl cleanup is not built yet")
}
