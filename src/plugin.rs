//! Plugin mode: pxfw run by the DC/OS CLI as `dcos px-<framework> …`.
//!
//! The DC/OS CLI executes `<env>/bin/dcos-px-<fw> px-<fw> ARGS…` with `DCOS_URL`, `DCOS_ACS_TOKEN` and the
//! TLS variables set (contracts/dcos-cosmos-marathon-cli.md §3.3). Detecting that form lets one binary be both
//! the standalone tool and every framework's subcommand, scoped to that framework's package and service.
//!
//! It sits outside `cli/` because the release tooling (`dist`) packages the same identity into the plugin
//! zips; both depend on this module, neither on the other.

use std::path::Path;

/// The framework a plugin invocation is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plugin {
    /// The DC/OS CLI command name, e.g. `px-cassandra`.
    pub command: String,
    /// The framework, e.g. `cassandra`.
    pub framework: String,
}

impl Plugin {
    /// The universe package behind the framework (`portworx-cassandra`).
    pub fn package(&self) -> String {
        format!("portworx-{}", self.framework)
    }

    /// `[<command>] service_name` from the DC/OS CLI config, which the CLI exports as
    /// `DCOS_<COMMAND>_SERVICE_NAME`; else the package's default service name, which for the Portworx
    /// frameworks is the package name.
    pub fn service_name(&self) -> String {
        let key = format!(
            "DCOS_{}_SERVICE_NAME",
            self.command.to_ascii_uppercase().replace('-', "_")
        );
        // The dcos-commons CLI reads the section name unchanged (`DCOS_PX-CASSANDRA_SERVICE_NAME`).
        let sdk_key = format!("DCOS_{}_SERVICE_NAME", self.command.to_ascii_uppercase());
        std::env::var(key)
            .ok()
            .or_else(|| std::env::var(sdk_key).ok())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| self.package())
    }

    /// Answers the flags older DC/OS CLIs call a plugin with, before clap sees argv. Returns the exit code
    /// when one was answered.
    pub fn answer_legacy_flags(&self, args: &[String]) -> Option<i32> {
        match args.get(1).map(String::as_str) {
            Some("--info") => {
                println!("{}", self.info());
                Some(0)
            }
            Some("--config-schema") => {
                println!("{}", config_schema());
                Some(0)
            }
            _ => None,
        }
    }

    /// The one-line description shown by `dcos help`.
    pub fn info(&self) -> String {
        format!(
            "Manage {} services on Portworx volumes (pxfw)",
            title(&self.framework)
        )
    }
}

/// The JSON schema of the plugin's `[px-<fw>]` config section.
pub fn config_schema() -> String {
    serde_json::json!({
        "$schema": "http://json-schema.org/schema#",
        "additionalProperties": false,
        "properties": {"service_name": {"title": "Service name", "type": "string"}},
        "type": "object"
    })
    .to_string()
}

fn title(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Recognises the plugin forms and returns argv rewritten for clap (program name first, the `px-<fw>` word
/// removed).
pub fn detect(argv: &[String]) -> (Option<Plugin>, Vec<String>) {
    let program = argv.first().cloned().unwrap_or_else(|| "pxfw".into());
    let exe = Path::new(&program)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `<exe> px-<fw> ARGS…` — the DC/OS CLI form.
    if let Some(first) = argv.get(1)
        && let Some(fw) = first.strip_prefix("px-")
        && valid_framework(fw)
    {
        let plugin = Plugin {
            command: first.clone(),
            framework: fw.to_string(),
        };
        let mut rest = vec![plugin.command.clone()];
        rest.extend(argv[2..].iter().cloned());
        return (Some(plugin), rest);
    }
    // `dcos-px-<fw> ARGS…` — the plugin binary run directly.
    if let Some(fw) = exe.strip_prefix("dcos-px-")
        && valid_framework(fw)
    {
        let plugin = Plugin {
            command: format!("px-{fw}"),
            framework: fw.to_string(),
        };
        let mut rest = vec![plugin.command.clone()];
        rest.extend(argv[1..].iter().cloned());
        return (Some(plugin), rest);
    }
    (None, argv.to_vec())
}

fn valid_framework(fw: &str) -> bool {
    !fw.is_empty()
        && fw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `DCOS_VERBOSITY` (set by the DC/OS CLI for `-v`/`-vv`) as a verbosity level.
pub fn env_verbosity() -> u8 {
    std::env::var("DCOS_VERBOSITY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn dcos_cli_form() {
        let (p, rest) = detect(&argv(&[
            "/x/env/bin/dcos-px-cassandra",
            "px-cassandra",
            "plan",
            "list",
        ]));
        let p = p.unwrap();
        assert_eq!(p.framework, "cassandra");
        assert_eq!(p.package(), "portworx-cassandra");
        assert_eq!(rest, argv(&["px-cassandra", "plan", "list"]));
    }

    #[test]
    fn direct_binary_form() {
        let (p, rest) = detect(&argv(&["dcos-px-hdfs", "pod", "status"]));
        assert_eq!(p.unwrap().command, "px-hdfs");
        assert_eq!(rest, argv(&["px-hdfs", "pod", "status"]));
    }

    #[test]
    fn standalone_is_untouched() {
        let (p, rest) = detect(&argv(&["pxfw", "repo", "list"]));
        assert!(p.is_none());
        assert_eq!(rest, argv(&["pxfw", "repo", "list"]));
    }
}
