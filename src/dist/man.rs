//! Man pages (section 1) for `pxfw` and every visible subcommand, rendered by clap_mangen.
//!
//! Pages are rendered in memory rather than with `clap_mangen::generate_to`, so the caller knows the exact
//! set of pages: the checked-in copy can then drop pages of removed commands, and the up-to-date test can
//! compare both sets.

use clap_mangen::Man;

use super::{Artifact, DistError};

/// The man pages of `cmd` and of each of its visible subcommands, recursively: `pxfw.1`, `pxfw-plan.1`,
/// `pxfw-plan-status.1`, …
pub fn pages(cmd: clap::Command) -> Result<Vec<Artifact>, DistError> {
    // `pxfw help …` is clap's own, not a command worth a page.
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    render_tree(&cmd, &mut out)?;
    Ok(out)
}

/// Whether `name` is a page [`pages`] writes for a program called `bin_name`.
pub fn is_page_name(name: &str, bin_name: &str) -> bool {
    name.ends_with(".1")
        && (name == format!("{bin_name}.1") || name.starts_with(&format!("{bin_name}-")))
}

fn render_tree(cmd: &clap::Command, out: &mut Vec<Artifact>) -> Result<(), DistError> {
    let man = Man::new(cmd.clone());
    let mut bytes = Vec::new();
    man.render(&mut bytes).map_err(|source| DistError::Man {
        command: cmd.get_display_name().unwrap_or(cmd.get_name()).to_string(),
        source,
    })?;
    out.push(Artifact {
        name: man.get_filename(),
        bytes,
    });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        render_tree(sub, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_per_visible_command_named_after_its_path() {
        let pages = pages(crate::dist::sample_tree()).unwrap();
        let names: Vec<&str> = pages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names[0], "pxfw.1");
        assert!(names.contains(&"pxfw-plan.1"), "{names:?}");
        assert!(names.contains(&"pxfw-plan-status.1"), "{names:?}");
        assert!(
            !names.iter().any(|n| n.starts_with("pxfw-dist")),
            "hidden commands get no page: {names:?}"
        );
        assert!(names.iter().all(|n| is_page_name(n, "pxfw")));
        let root = String::from_utf8(pages[0].bytes.clone()).unwrap();
        assert!(root.starts_with(".ie \\n(.g .ds Aq"), "roff");
        assert!(root.contains("plan"));
    }

    #[test]
    fn page_names() {
        assert!(is_page_name("pxfw.1", "pxfw"));
        assert!(is_page_name("pxfw-plan-status.1", "pxfw"));
        assert!(!is_page_name("pxfwx.1", "pxfw"));
        assert!(!is_page_name("pxfw-plan.md", "pxfw"));
    }
}
