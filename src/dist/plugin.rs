//! DC/OS CLI plugin zips and the package `resource.json` block that points at them
//! (contracts/dcos-cosmos-marathon-cli.md §3.1, §3.2, §1.5).
//!
//! One zip per framework. The DC/OS CLI extracts it straight into `<plugin>/env/`, so its root holds
//! `plugin.toml` and `bin/dcos-px-<fw>` (the pxfw binary itself: plugin mode is detected from argv), plus
//! completion scripts under `completion/`. Entries carry fixed timestamps and Unix modes, so the same binary
//! always gives the same zip and the same sha256 in `resource.json`.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::{Artifact, DistError, completions};
use crate::plugin::{self as plugin_mode, Plugin};

/// The frameworks published as plugins when none is named.
pub const DEFAULT_FRAMEWORKS: [&str; 6] = [
    "cassandra",
    "hdfs",
    "kafka",
    "elastic",
    "couchdb",
    "zookeeper",
];

/// The URL prefix used when none is given: the dcos-commons packaging placeholder that the package build
/// replaces with the artifact location (the Portworx packages' own `resource.json` use it).
pub const DEFAULT_URL_BASE: &str = "{{artifact-dir}}";

/// The mode the DC/OS CLI gives plugin executables (§3.1).
const BINARY_MODE: u32 = 0o751;
const FILE_MODE: u32 = 0o644;

/// A built plugin zip.
#[derive(Debug, Clone)]
pub struct PluginZip {
    pub plugin: Plugin,
    pub path: PathBuf,
    /// Lower-case hex SHA-256 of the zip file, as `resource.json` `contentHash` wants it.
    pub sha256: String,
}

/// The plugin a framework name stands for, checked with the same rule the binary applies when the DC/OS CLI
/// runs it: a zip whose command the binary would not recognise as plugin mode would be useless.
pub fn plugin_for(framework: &str) -> Result<Plugin, DistError> {
    let argv = ["pxfw".to_string(), format!("px-{framework}")];
    match plugin_mode::detect(&argv) {
        (Some(plugin), _) if plugin.framework == framework => Ok(plugin),
        _ => Err(DistError::BadFramework(framework.to_string())),
    }
}

/// The zip's file name: `dcos-px-cassandra-linux-x86-64.zip`.
pub fn zip_name(plugin: &Plugin) -> String {
    format!(
        "{}-linux-x86-64.zip",
        completions::plugin_binary_name(plugin)
    )
}

/// `bin/dcos-px-cassandra`, relative to the plugin's `env/`.
pub fn binary_path(plugin: &Plugin) -> String {
    format!("bin/{}", completions::plugin_binary_name(plugin))
}

#[derive(Serialize)]
struct PluginToml<'a> {
    schema_version: u32,
    name: &'a str,
    commands: Vec<PluginCommand<'a>>,
}

#[derive(Serialize)]
struct PluginCommand<'a> {
    name: &'a str,
    path: &'a str,
    description: &'a str,
}

/// The `plugin.toml` of a plugin (§3.2): its name and its one command. The description is the `--info`
/// text, so `dcos help` reads the same whether the CLI takes it from the file or asks the binary.
pub fn plugin_toml(plugin: &Plugin) -> Result<String, DistError> {
    let path = binary_path(plugin);
    let description = plugin.info();
    Ok(toml::to_string(&PluginToml {
        schema_version: 1,
        name: &plugin.command,
        commands: vec![PluginCommand {
            name: &plugin.command,
            path: &path,
            description: &description,
        }],
    })?)
}

/// Builds `<out_dir>/<zip_name>` for `plugin` from the executable at `binary`, with completion scripts
/// generated from `cmd`.
pub fn build(
    cmd: &clap::Command,
    plugin: &Plugin,
    binary: &Path,
    out_dir: &Path,
) -> Result<PluginZip, DistError> {
    let exe = std::fs::read(binary).map_err(|source| DistError::Read {
        path: binary.to_path_buf(),
        source,
    })?;
    check_linux_x86_64(&exe).map_err(|reason| DistError::NotLinuxX86_64 {
        path: binary.to_path_buf(),
        reason,
    })?;
    let mut files = vec![
        (
            Artifact {
                name: "plugin.toml".into(),
                bytes: plugin_toml(plugin)?.into_bytes(),
            },
            FILE_MODE,
        ),
        (
            Artifact {
                name: binary_path(plugin),
                bytes: exe,
            },
            BINARY_MODE,
        ),
    ];
    for script in [
        completions::plugin_bash(cmd, plugin)?,
        completions::plugin_zsh(cmd, plugin)?,
    ] {
        files.push((script, FILE_MODE));
    }
    let name = zip_name(plugin);
    let bytes = zip_files(&files).map_err(|source| DistError::Zip {
        name: name.clone(),
        source,
    })?;
    std::fs::create_dir_all(out_dir).map_err(|source| DistError::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let path = out_dir.join(&name);
    std::fs::write(&path, &bytes).map_err(|source| DistError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(PluginZip {
        plugin: plugin.clone(),
        path,
        sha256: sha256_hex(&bytes),
    })
}

/// The package `resource.json` `cli` block for a plugin zip published under `url_base` (§1.5).
pub fn cli_resource(zip: &PluginZip, url_base: &str) -> serde_json::Value {
    let file = zip
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| zip_name(&zip.plugin));
    serde_json::json!({
        "binaries": {
            "linux": {
                "x86-64": {
                    "kind": "zip",
                    "url": format!("{}/{file}", url_base.trim_end_matches('/')),
                    "contentHash": [{"algo": "sha256", "value": zip.sha256}]
                }
            }
        }
    })
}

/// Deflated entries with Unix modes and the DOS epoch as timestamp, in the order given.
fn zip_files(files: &[(Artifact, u32)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (file, mode) in files {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .system(System::Unix)
            .unix_permissions(*mode)
            .last_modified_time(DateTime::default());
        writer.start_file(file.name.as_str(), options)?;
        writer.write_all(&file.bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the ELF header: 64-bit, little-endian, machine x86-64. Returns what is wrong otherwise.
fn check_linux_x86_64(exe: &[u8]) -> Result<(), &'static str> {
    const EM_X86_64: u16 = 62;
    if exe.len() < 20 || &exe[..4] != b"\x7fELF" {
        return Err("not an ELF file");
    }
    if exe[4] != 2 || exe[5] != 1 {
        return Err("not a 64-bit little-endian ELF file");
    }
    if u16::from_le_bytes([exe[18], exe[19]]) != EM_X86_64 {
        return Err("built for another CPU");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elf_x86_64() -> Vec<u8> {
        let mut header = vec![0u8; 64];
        header[..4].copy_from_slice(b"\x7fELF");
        header[4] = 2;
        header[5] = 1;
        header[18..20].copy_from_slice(&62u16.to_le_bytes());
        header
    }

    #[test]
    fn framework_names_follow_the_plugin_mode_rule() {
        let p = plugin_for("cassandra").unwrap();
        assert_eq!(p.command, "px-cassandra");
        assert_eq!(zip_name(&p), "dcos-px-cassandra-linux-x86-64.zip");
        assert_eq!(binary_path(&p), "bin/dcos-px-cassandra");
        for bad in ["", "Cassandra", "a b", "../x"] {
            let err = plugin_for(bad).unwrap_err();
            assert!(err.to_string().contains("not a framework name"), "{err}");
        }
    }

    #[test]
    fn plugin_toml_names_the_command_and_its_binary() {
        let p = plugin_for("hdfs").unwrap();
        let doc: toml::Value = toml::from_str(&plugin_toml(&p).unwrap()).unwrap();
        assert_eq!(doc["schema_version"].as_integer(), Some(1));
        assert_eq!(doc["name"].as_str(), Some("px-hdfs"));
        let cmd = &doc["commands"][0];
        assert_eq!(cmd["name"].as_str(), Some("px-hdfs"));
        assert_eq!(cmd["path"].as_str(), Some("bin/dcos-px-hdfs"));
        assert_eq!(cmd["description"].as_str(), Some(p.info().as_str()));
    }

    #[test]
    fn only_linux_x86_64_executables_are_packed() {
        assert!(check_linux_x86_64(&elf_x86_64()).is_ok());
        assert_eq!(check_linux_x86_64(b"#!/bin/sh\n"), Err("not an ELF file"));
        let mut arm = elf_x86_64();
        arm[18..20].copy_from_slice(&183u16.to_le_bytes());
        assert_eq!(check_linux_x86_64(&arm), Err("built for another CPU"));
        let mut elf32 = elf_x86_64();
        elf32[4] = 1;
        assert!(check_linux_x86_64(&elf32).is_err());
    }

    #[test]
    fn zips_are_reproducible_and_hashed() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("exe");
        std::fs::write(&exe, elf_x86_64()).unwrap();
        let p = plugin_for("kafka").unwrap();
        let cmd = crate::dist::sample_tree();
        let a = build(&cmd, &p, &exe, &dir.path().join("a")).unwrap();
        let b = build(&cmd, &p, &exe, &dir.path().join("b")).unwrap();
        assert_eq!(a.sha256, b.sha256);
        assert_eq!(a.sha256, sha256_hex(&std::fs::read(&a.path).unwrap()));
        let block = cli_resource(&a, "https://dl.example/pxfw/");
        let entry = &block["binaries"]["linux"]["x86-64"];
        assert_eq!(entry["kind"], "zip");
        assert_eq!(
            entry["url"],
            "https://dl.example/pxfw/dcos-px-kafka-linux-x86-64.zip"
        );
        assert_eq!(entry["contentHash"][0]["value"], a.sha256.as_str());
    }

    #[test]
    fn a_non_executable_binary_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("script");
        std::fs::write(&script, "#!/bin/sh\n").unwrap();
        let out = dir.path().join("out");
        let err = build(
            &crate::dist::sample_tree(),
            &plugin_for("kafka").unwrap(),
            &script,
            &out,
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a Linux x86-64"), "{err}");
        assert!(!out.exists());
    }
}
