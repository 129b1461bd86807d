//! `pxfw dist …` (hidden): builds what gets shipped — completion scripts, man pages, DC/OS CLI plugin
//! zips — from the binary's own clap tree. It lives in pxfw rather than in a separate build tool so the
//! artifacts always match the binary that produced them; see packaging/README.md for the release steps.

use std::path::PathBuf;

use clap::CommandFactory;

use super::Globals;
use super::exit::Exit;
use crate::dist::{self, completions, man, plugin};

#[derive(Debug, clap::Subcommand)]
pub enum DistCmd {
    /// Write the completion scripts (bash, zsh, fish, PowerShell, elvish) into DIR.
    Completions { dir: PathBuf },
    /// Write man pages for pxfw and every subcommand into DIR.
    Man { dir: PathBuf },
    /// Regenerate the checked-in completions/ and packaging/man/ of a source checkout.
    Refresh {
        /// The repository root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build DC/OS CLI plugin zips (one per framework) and print their resource.json `cli` blocks.
    Plugin(PluginArgs),
}

#[derive(Debug, clap::Args)]
pub struct PluginArgs {
    /// A framework to build a plugin for (repeatable); default: cassandra, hdfs, kafka, elastic, couchdb,
    /// zookeeper.
    #[arg(long = "framework", value_name = "FW")]
    frameworks: Vec<String>,
    /// The Linux x86-64 pxfw executable to pack (default: this executable).
    #[arg(long, value_name = "PATH")]
    binary: Option<PathBuf>,
    /// Where to write the zips.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The URL the zips are published under, used in the printed `cli` blocks.
    #[arg(long, value_name = "URL", default_value = plugin::DEFAULT_URL_BASE)]
    url_base: String,
}

/// Runs a `dist` subcommand. Generated paths go to stdout (a JSON list with `--json`); `plugin` prints the
/// `resource.json` blocks on stdout, keyed by package name, and the zips it wrote on stderr.
pub fn run(cmd: DistCmd, g: &Globals) -> anyhow::Result<()> {
    let cli = dist::pinned(super::CommandLine::command());
    let paths = match cmd {
        DistCmd::Completions { dir } => {
            dist::write_artifacts(&dir, &completions::scripts(&cli, dist::BIN_NAME)?, |name| {
                completions::is_script_name(name, dist::BIN_NAME)
            })?
        }
        DistCmd::Man { dir } => dist::write_artifacts(&dir, &man::pages(cli)?, |name| {
            man::is_page_name(name, dist::BIN_NAME)
        })?,
        DistCmd::Refresh { root } => dist::refresh(&root, &cli).map_err(|e| match e {
            dist::DistError::NotSourceRoot { .. } => {
                anyhow::Error::from(Exit::usage(e.to_string()))
            }
            other => other.into(),
        })?,
        DistCmd::Plugin(args) => return build_plugins(&cli, args),
    };
    if g.json {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else {
        for path in paths {
            println!("{}", path.display());
        }
    }
    Ok(())
}

fn build_plugins(cli: &clap::Command, args: PluginArgs) -> anyhow::Result<()> {
    let frameworks = if args.frameworks.is_empty() {
        plugin::DEFAULT_FRAMEWORKS
            .iter()
            .map(|f| f.to_string())
            .collect()
    } else {
        args.frameworks
    };
    // Check every name before writing anything, so a typo does not leave half a release behind.
    let plugins = frameworks
        .iter()
        .map(|f| plugin::plugin_for(f).map_err(|e| Exit::usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let binary = match args.binary {
        Some(path) => path,
        None => std::env::current_exe().map_err(|e| {
            anyhow::anyhow!("cannot locate this executable ({e}); pass --binary PATH")
        })?,
    };
    let mut blocks = serde_json::Map::new();
    for p in &plugins {
        let zip = plugin::build(cli, p, &binary, &args.out)?;
        eprintln!("wrote {} (sha256 {})", zip.path.display(), zip.sha256);
        blocks.insert(
            p.package(),
            serde_json::json!({"cli": plugin::cli_resource(&zip, &args.url_base)}),
        );
    }
    println!("{}", serde_json::to_string_pretty(&blocks)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real tree through the generators: what `dist`'s own unit tests check on a stand-in.
    #[test]
    fn the_real_tree_gets_a_page_per_visible_command_and_no_hidden_completion() {
        let cli = dist::pinned(super::super::CommandLine::command());
        assert_eq!(cli.get_version(), Some(env!("CARGO_PKG_VERSION")));
        let pages = man::pages(cli.clone()).unwrap();
        let names: Vec<&str> = pages.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"pxfw-plan-status.1"), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("pxfw-dist")));
        let bash = completions::scripts(&cli, dist::BIN_NAME).unwrap()[0]
            .bytes
            .clone();
        assert!(!String::from_utf8(bash).unwrap().contains("pxfw__dist"));
    }
}
