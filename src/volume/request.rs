//! What the scheduler asks a driver to create: the spec's deterministic name and size plus the driver
//! options (`repl=3,shared=false,…`) parsed once into typed fields, with the same meanings Portworx gives
//! them (contracts/portworx-openstorage.md §6): a bare `size` number is GiB, `repl` is 1–3, `nodes` is a
//! `;`-separated list where `LocalNode` means "the node the pod runs on", and keys we do not model are kept
//! as labels, as OpenStorage does with unknown options.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{NodeId, VolumeError};
use crate::spec::volume::{ResolvedVolume, VolumeSyntax};

/// Portworx accepts replica counts 1 to 3.
pub const MAX_REPL: u32 = 3;

/// Typed driver options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeOptions {
    /// `repl`: replica count, 1–3 (default 1).
    pub repl: u32,
    /// `size`, in MB, when the options carry one (upstream specs put the size here).
    pub size_mb: Option<u64>,
    /// `shared=true`: one volume mounted by every instance.
    pub shared: bool,
    /// `fs`: filesystem (`xfs`, `ext4`, …).
    pub fs: Option<String>,
    /// `group`: consistency group id.
    pub group: Option<String>,
    /// `fg=true`: enforce the group (volumes of one group on different node sets).
    pub group_enforced: bool,
    /// `io_priority` / `priority_io`, normalised to `low`, `medium` or `high`.
    pub io_priority: Option<String>,
    pub sticky: bool,
    pub journal: bool,
    /// `nodes=a;b`: nodes that must hold a replica (`LocalNode` dropped: the preferred node covers it).
    pub nodes: Vec<NodeId>,
    /// Every other option, carried as a volume label.
    pub other: BTreeMap<String, String>,
}

impl Default for VolumeOptions {
    fn default() -> Self {
        VolumeOptions {
            repl: 1,
            size_mb: None,
            shared: false,
            fs: None,
            group: None,
            group_enforced: false,
            io_priority: None,
            sticky: false,
            journal: false,
            nodes: Vec::new(),
            other: BTreeMap::new(),
        }
    }
}

const FILESYSTEMS: &[&str] = &[
    "none", "btrfs", "ext4", "fuse", "nfs", "vfs", "xfs", "zfs", "xfsv2",
];

impl VolumeOptions {
    /// Parses options as the spec lists them (`spec::volume::parse_fork_options` /
    /// `parse_upstream_options` already split them into pairs). `volume` is used in error messages.
    pub fn parse(volume: &str, options: &[(String, String)]) -> Result<Self, VolumeError> {
        let mut out = VolumeOptions::default();
        for (key, value) in options {
            let bad = |detail: String| VolumeError::InvalidOption {
                volume: volume.to_owned(),
                option: format!("{key}={value}"),
                detail,
            };
            match key.as_str() {
                "repl" => {
                    out.repl = value
                        .parse::<u32>()
                        .ok()
                        .filter(|r| (1..=MAX_REPL).contains(r))
                        .ok_or_else(|| bad(format!("`repl` must be 1 to {MAX_REPL}")))?;
                }
                "size" => out.size_mb = Some(parse_size_mb(value).map_err(bad)?),
                "shared" => out.shared = parse_bool(value).map_err(bad)?,
                "sticky" => out.sticky = parse_bool(value).map_err(bad)?,
                "journal" => out.journal = parse_bool(value).map_err(bad)?,
                "fg" => out.group_enforced = parse_bool(value).map_err(bad)?,
                "group" if !value.is_empty() => out.group = Some(value.clone()),
                "fs" => {
                    let fs = value.to_ascii_lowercase();
                    if !FILESYSTEMS.contains(&fs.as_str()) {
                        return Err(bad(format!("use one of {}", FILESYSTEMS.join(", "))));
                    }
                    out.fs = Some(fs);
                }
                "io_priority" | "priority_io" => {
                    let level = match value.to_ascii_lowercase().as_str() {
                        "1" | "low" => "low",
                        "2" | "medium" => "medium",
                        "3" | "high" => "high",
                        _ => return Err(bad("use low, medium, high (or 1, 2, 3)".into())),
                    };
                    out.io_priority = Some(level.to_owned());
                }
                "nodes" => {
                    out.nodes = value
                        .split(';')
                        .map(str::trim)
                        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("LocalNode"))
                        .map(str::to_owned)
                        .collect();
                }
                _ => {
                    out.other.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(out)
    }
}

/// `size` as OpenStorage reads it: a bare number is GiB; `K`, `M`, `G`, `T` with an optional `i` and/or
/// `B` (any case) are binary units. Returned in MB, rounded up.
pub fn parse_size_mb(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 10, 10G or 512M"))?;
    let unit = unit.to_ascii_uppercase();
    let unit = unit.trim_end_matches('B').trim_end_matches('I');
    let mb = match unit {
        "" | "G" => n.checked_mul(1024),
        "K" => Some(n.div_ceil(1024)),
        "M" => Some(n),
        "T" => n.checked_mul(1024 * 1024),
        _ => None,
    };
    match mb {
        Some(0) => Err(format!("`{text}` is zero; a volume needs a size")),
        Some(mb) => Ok(mb),
        None => Err(format!(
            "`{text}` is not a size such as 10, 10G or 512M (too large or unknown unit)"
        )),
    }
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "t" | "1" | "yes" => Ok(true),
        "false" | "f" | "0" | "no" => Ok(false),
        _ => Err(format!("`{text}` is not true or false")),
    }
}

/// One volume to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeRequest {
    pub name: String,
    pub size_mb: u64,
    pub options: VolumeOptions,
    /// e.g. `service=<name>`, `pod=<pod instance>`; selectable with [`super::VolumeDriver::list`].
    pub labels: BTreeMap<String, String>,
}

impl VolumeRequest {
    /// A request with default options (one replica).
    pub fn new(name: impl Into<String>, size_mb: u64) -> Self {
        VolumeRequest {
            name: name.into(),
            size_mb,
            options: VolumeOptions::default(),
            labels: BTreeMap::new(),
        }
    }

    /// The request for pod instance `index` of a spec volume: its deterministic name, the spec's size (or
    /// the `size` option when the spec has none, as upstream external volumes do) and its options.
    pub fn from_resolved(volume: &ResolvedVolume, index: u32) -> Result<Self, VolumeError> {
        let name = volume
            .instance_name(index)
            .filter(|_| volume.syntax != VolumeSyntax::Local)
            .ok_or_else(|| VolumeError::NotExternal {
                volume: volume.container_path.clone(),
            })?;
        let options = VolumeOptions::parse(&name, &volume.driver_options)?;
        let size_mb = volume
            .size_mb
            .or(options.size_mb)
            .ok_or_else(|| VolumeError::NoSize {
                volume: name.clone(),
            })?;
        Ok(VolumeRequest {
            name,
            size_mb,
            options,
            labels: BTreeMap::new(),
        })
    }

    pub fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.labels.insert(key.into(), value.into());
        self
    }

    pub fn options(mut self, options: VolumeOptions) -> Self {
        self.options = options;
        self
    }

    /// The labels stored with the volume: the unmodelled options, then the explicit labels (which win).
    pub fn all_labels(&self) -> BTreeMap<String, String> {
        let mut labels = self.options.other.clone();
        labels.extend(self.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
        labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::volume::parse_fork_options;

    fn pairs(raw: &str) -> Vec<(String, String)> {
        parse_fork_options(raw).0
    }

    #[test]
    fn options_parse_like_portworx() {
        let o = VolumeOptions::parse(
            "v",
            &pairs("repl=3,size=10,shared=true,io_priority=2,nodes=LocalNode;n-2,group=cass,fg=true,fs=XFS,scale=3"),
        )
        .unwrap();
        assert_eq!(o.repl, 3);
        assert_eq!(o.size_mb, Some(10 * 1024));
        assert!(o.shared && o.group_enforced);
        assert_eq!(o.io_priority.as_deref(), Some("medium"));
        assert_eq!(o.nodes, vec!["n-2".to_owned()]);
        assert_eq!(o.group.as_deref(), Some("cass"));
        assert_eq!(o.fs.as_deref(), Some("xfs"));
        assert_eq!(o.other.get("scale").map(String::as_str), Some("3"));
    }

    #[test]
    fn bad_options_name_the_option() {
        for (raw, needle) in [
            ("repl=4", "repl=4"),
            ("repl=x", "repl=x"),
            ("size=ten", "size=ten"),
            ("size=0", "zero"),
            ("shared=maybe", "shared=maybe"),
            ("fs=ntfs", "fs=ntfs"),
            ("io_priority=urgent", "io_priority=urgent"),
        ] {
            let e = VolumeOptions::parse("vol-0", &pairs(raw))
                .unwrap_err()
                .to_string();
            assert!(e.contains("vol-0") && e.contains(needle), "{raw}: {e}");
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size_mb("10"), Ok(10240));
        assert_eq!(parse_size_mb("10G"), Ok(10240));
        assert_eq!(parse_size_mb("10Gi"), Ok(10240));
        assert_eq!(parse_size_mb("10gb"), Ok(10240));
        assert_eq!(parse_size_mb("512M"), Ok(512));
        assert_eq!(parse_size_mb("1T"), Ok(1024 * 1024));
        assert_eq!(parse_size_mb("1500K"), Ok(2));
        assert!(parse_size_mb("1.5G").is_err());
        assert!(parse_size_mb("99999999999999999999").is_err());
        assert!(parse_size_mb("18446744073709551615T").is_err());
    }

    #[test]
    fn labels_merge_with_explicit_ones_winning() {
        let mut r = VolumeRequest::new("v", 1).label("service", "cass");
        r.options.other.insert("service".into(), "ignored".into());
        r.options.other.insert("scale".into(), "2".into());
        let l = r.all_labels();
        assert_eq!(l["service"], "cass");
        assert_eq!(l["scale"], "2");
    }
}
