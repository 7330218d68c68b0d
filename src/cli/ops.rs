//! Flags shared by the destructive operations: preview and confirmation.

use clap::Args;

/// `--dry-run` and `--yes`, flattened into every command that deletes or rewrites jobs.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct ConfirmArgs {
    /// Show what would change (count and sample ids) and change nothing
    #[arg(long, help_heading = "Safety")]
    pub dry_run: bool,

    /// Do not ask for confirmation (required when stdin is not a terminal)
    #[arg(short = 'y', long, help_heading = "Safety")]
    pub yes: bool,
}
