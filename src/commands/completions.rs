//! `queuectl completions`: shell completion scripts from the clap definition.

use clap::CommandFactory;
use clap_complete::Shell as Target;

use super::Ctx;
use crate::cli::{Cli, CompletionsArgs, Shell};
use crate::error::Exit;

/// Runs the command.
pub fn run(_ctx: &Ctx, args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut out = Vec::new();
    generate(args.shell, &mut out);
    crate::output::raw(&out)?;
    Ok(Exit::Ok)
}

/// Writes the completion script for `shell` into `buf`.
pub fn generate(shell: Shell, buf: &mut Vec<u8>) {
    let target = match shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
        Shell::Elvish => Target::Elvish,
    };
    clap_complete::generate(target, &mut Cli::command(), "queuectl", buf);
}
