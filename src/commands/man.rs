//! `queuectl man`: man pages from the clap definition.

use anyhow::Context;
use clap::CommandFactory;

use super::Ctx;
use crate::cli::{Cli, ManArgs};
use crate::error::Exit;

/// Runs the command.
pub fn run(_ctx: &Ctx, args: ManArgs) -> anyhow::Result<Exit> {
    let Some(dir) = args.dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut out)?;
        crate::output::raw(&out)?;
        return Ok(Exit::Ok);
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for (file, page) in pages()? {
        std::fs::write(dir.join(&file), page).with_context(|| format!("writing {file}"))?;
    }
    Ok(Exit::Ok)
}

/// Every page: `queuectl.1` and `queuectl-<sub>.1` per visible subcommand.
pub fn pages() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command();
    // Building propagates the global flags into each subcommand's page.
    cmd.build();
    let mut pages = Vec::new();
    let mut top = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut top)?;
    pages.push(("queuectl.1".to_string(), top));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("queuectl-{}", sub.get_name());
        let sub = sub
            .clone()
            .name(name.clone())
            .bin_name(name.replace('-', " "));
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).render(&mut page)?;
        pages.push((format!("{name}.1"), page));
    }
    Ok(pages)
}
