//! Distribution artifacts generated from the CLI definition itself: shell completions, man pages and the
//! DC/OS CLI plugin zips.
//!
//! Everything here is derived from the clap tree at run time (`pxfw dist …`), so an artifact can never
//! describe a command the binary lacks. The copies checked into the repository (`completions/`,
//! `packaging/man/`) are compared byte for byte with a fresh generation by `tests/dist.rs`.

pub mod completions;
pub mod man;
pub mod plugin;

use std::io;
use std::path::{Path, PathBuf};

/// Where a source checkout keeps the generated completion scripts (installed by the .deb).
pub const COMPLETIONS_DIR: &str = "completions";
/// Where a source checkout keeps the generated man pages (installed by the .deb).
pub const MAN_DIR: &str = "packaging/man";
/// The program name completions and man pages are written for.
pub const BIN_NAME: &str = "pxfw";

/// One generated file: its path relative to the output directory and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What can go wrong while generating or writing artifacts.
#[derive(Debug, thiserror::Error)]
pub enum DistError {
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot generate the {shell} completion script: {source}")]
    Completion { shell: String, source: io::Error },
    #[error("cannot render the man page of `{command}`: {source}")]
    Man { command: String, source: io::Error },
    #[error(
        "`{0}` is not a framework name: use lower-case letters, digits and `-`, as in `cassandra` (the plugin \
         command becomes `px-<framework>`)"
    )]
    BadFramework(String),
    #[error(
        "{} is not a Linux x86-64 executable ({reason}); the plugin zip is published as linux.x86-64, so pass \
         --binary with a Linux x86-64 build of pxfw",
        path.display()
    )]
    NotLinuxX86_64 { path: PathBuf, reason: &'static str },
    #[error("cannot build the zip archive {name}: {source}")]
    Zip {
        name: String,
        source: zip::result::ZipError,
    },
    #[error("cannot encode plugin.toml: {0}")]
    PluginToml(#[from] toml::ser::Error),
    #[error(
        "{} does not look like the pxfw source checkout (no Cargo.toml there); run from the repository root or \
         pass --root",
        root.display()
    )]
    NotSourceRoot { root: PathBuf },
}

/// The clap tree the artifacts describe: the CLI's tree (given by the caller, so `dist` does not depend on
/// `cli`) with its version pinned to the crate version. `pxfw --version` also names the git commit, and
/// generated files that changed with every commit could never be checked in.
pub fn pinned(cli: clap::Command) -> clap::Command {
    cli.version(env!("CARGO_PKG_VERSION"))
}

/// Writes `artifacts` into `dir` (created when missing) and removes the files in `dir` for which `is_ours`
/// holds but that were not generated this time, e.g. the man page of a command that no longer exists.
/// Files whose content is unchanged are not rewritten, so their timestamps stay put. Returns the paths
/// written or kept, in the order given.
pub fn write_artifacts(
    dir: &Path,
    artifacts: &[Artifact],
    is_ours: impl Fn(&str) -> bool,
) -> Result<Vec<PathBuf>, DistError> {
    std::fs::create_dir_all(dir).map_err(|source| DistError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let listing = std::fs::read_dir(dir).map_err(|source| DistError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in listing {
        let entry = entry.map_err(|source| DistError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = is_ours(&name) && !artifacts.iter().any(|a| a.name == name);
        if stale && entry.path().is_file() {
            std::fs::remove_file(entry.path()).map_err(|source| DistError::Write {
                path: entry.path(),
                source,
            })?;
        }
    }
    let mut written = Vec::with_capacity(artifacts.len());
    for artifact in artifacts {
        let path = dir.join(&artifact.name);
        let unchanged = std::fs::read(&path).is_ok_and(|old| old == artifact.bytes);
        if !unchanged {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| DistError::Write {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            std::fs::write(&path, &artifact.bytes).map_err(|source| DistError::Write {
                path: path.clone(),
                source,
            })?;
        }
        written.push(path);
    }
    Ok(written)
}

/// Regenerates the checked-in completions and man pages of the source checkout at `root` from `cmd` (a
/// [`pinned`] tree). Returns every path written or kept.
pub fn refresh(root: &Path, cmd: &clap::Command) -> Result<Vec<PathBuf>, DistError> {
    if !root.join("Cargo.toml").is_file() {
        return Err(DistError::NotSourceRoot {
            root: root.to_path_buf(),
        });
    }
    let mut paths = write_artifacts(
        &root.join(COMPLETIONS_DIR),
        &completions::scripts(cmd, BIN_NAME)?,
        |name| completions::is_script_name(name, BIN_NAME),
    )?;
    paths.extend(write_artifacts(
        &root.join(MAN_DIR),
        &man::pages(cmd.clone())?,
        |name| man::is_page_name(name, BIN_NAME),
    )?);
    Ok(paths)
}

/// A small stand-in for the CLI's tree in unit tests (`dist` cannot see `cli`): a visible command with a
/// subcommand, a hidden one, a global flag and a pinned version, which is every shape the generators treat
/// differently. The real tree is tested through `pxfw dist` in `tests/dist.rs` and in `cli::dist`.
#[cfg(test)]
pub(crate) fn sample_tree() -> clap::Command {
    use clap::{Arg, ArgAction, Command};
    pinned(
        Command::new(BIN_NAME)
            .about("Operate stateful services")
            .propagate_version(true)
            .arg(
                Arg::new("json")
                    .long("json")
                    .global(true)
                    .action(ArgAction::SetTrue)
                    .help("Print JSON"),
            )
            .subcommand(
                Command::new("plan")
                    .about("Show and steer plans")
                    .subcommand(
                        Command::new("status")
                            .about("Show a plan")
                            .arg(Arg::new("plan").required(true)),
                    ),
            )
            .subcommand(Command::new("dist").about("Release tooling").hide(true)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(name: &str, text: &str) -> Artifact {
        Artifact {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writing_replaces_changed_files_and_removes_only_our_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pxfw-gone.1"), "old page").unwrap();
        std::fs::write(dir.path().join("pxfw.1"), "old").unwrap();
        std::fs::write(dir.path().join("README"), "not ours").unwrap();
        let written = write_artifacts(
            dir.path(),
            &[artifact("pxfw.1", "new"), artifact("sub/pxfw-x.1", "x")],
            |n| n.ends_with(".1"),
        )
        .unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("pxfw.1")).unwrap(),
            "new"
        );
        assert!(!dir.path().join("pxfw-gone.1").exists());
        assert!(dir.path().join("README").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sub/pxfw-x.1")).unwrap(),
            "x"
        );
    }

    #[test]
    fn refresh_refuses_a_directory_that_is_not_the_checkout() {
        let dir = tempfile::tempdir().unwrap();
        let err = refresh(dir.path(), &clap::Command::new(BIN_NAME)).unwrap_err();
        assert!(err.to_string().contains("--root"), "{err}");
        assert!(!dir.path().join(COMPLETIONS_DIR).exists());
    }

    #[test]
    fn the_generated_tree_carries_the_crate_version_not_the_commit() {
        assert_eq!(
            pinned(clap::Command::new(BIN_NAME).version("1.2.3 (commit abc)")).get_version(),
            Some(env!("CARGO_PKG_VERSION")),
            "artifacts must not change with every commit"
        );
    }
}
