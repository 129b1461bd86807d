//! Records the git commit the binary is built from, so `pxfw --version` can say exactly which code runs on
//! an operator's machine or inside a DC/OS CLI plugin.
//!
//! The commit is read with `git rev-parse --short HEAD`. A build outside a git checkout (a source tarball,
//! a vendored crate) says `unknown`, unless the packager passes the commit in `PXFW_GIT_COMMIT`.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PXFW_GIT_COMMIT");

    let commit = std::env::var("PXFW_GIT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=PXFW_GIT_COMMIT={}", commit.trim());

    // Rebuild when HEAD moves: HEAD itself (branch switch, detached checkout) and the branch ref it names
    // (a commit). Only existing files are named, because cargo reruns a script on every build when a
    // watched path is missing (a packed ref has no loose file; packed-refs then holds it).
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    for path in watched.into_iter().flatten() {
        if Path::new(&path).is_file() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}

/// Runs git in the package directory and returns its trimmed stdout, or `None` when git is missing, fails
/// (not a checkout) or prints nothing.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}
