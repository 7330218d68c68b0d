//! `queuectl events` (not built yet).

use super::Ctx;
use crate::cli::EventsArgs;
use crate::error::Exit;

/// Runs `queuectl events`.
pub async fn run(_ctx: &Ctx, _args: EventsArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("queuectl events is not built yet")
}
