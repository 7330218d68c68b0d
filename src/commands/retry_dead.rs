//! `queuectl retry-dead` (not built yet).

use super::Ctx;
use crate::cli::RetryDeadArgs;
use crate::error::Exit;

/// Runs `queuectl retry-dead`.
pub async fn run(_ctx: &Ctx, _args: RetryDeadArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl retry-dead is not built yet")
}
