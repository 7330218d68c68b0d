//! `queuectl promote` (not built yet).

use super::Ctx;
use crate::cli::PromoteArgs;
use crate::error::Exit;

/// Runs `queuectl promote`.
pub async fn run(_ctx: &Ctx, _args: PromoteArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl promote is not built yet")
}
