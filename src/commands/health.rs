//! `queuectl health` (not built yet).

use super::Ctx;
use crate::cli::HealthArgs;
use crate::error::Exit;

/// Runs `queuectl health`.
pub async fn run(_ctx: &Ctx, _args: HealthArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl health is not built yet")
}
