//! Every volume a pod instance mounts, flattened from the places a spec can declare one (pod,
//! resource set, task, upstream `external-volumes`), with the names that make a pod re-attach its
//! data wherever it is re-deployed (contracts/sdk-scheduler-api.md §3.4):
//!
//! * fork `type: DOCKER`: `<docker_volume_name>-<i>`, options `k=v,k=v` (malformed items dropped),
//!   sent to pxd in inline-spec form `name=<base>-<i>;size=<GB>;k=v;…;nodes=LocalNode`;
//! * upstream `external-volumes`: `<volume-name or <service>-<podType>>-<i>` with slashes escaped,
//!   options `k=v;k=v` (a malformed item is an error), `nodes=LocalNode` added;
//! * both: `shared=true` drops the index, so every instance mounts one volume.

use serde::Serialize;

use super::model::{PodSpec, VolumeSpec, VolumeType};

/// Where a volume was declared; determines which tasks see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "level", content = "name", rename_all = "kebab-case")]
pub enum VolumeScope {
    /// Pod level: every task.
    Pod,
    /// A resource set: the tasks that use it.
    ResourceSet(String),
    /// One task (without a resource set).
    Task(String),
    /// [upstream] `external-volumes.<name>`: every task.
    External(String),
}

/// Which spec generation declared a docker volume; decides the option separator and naming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VolumeSyntax {
    /// Mesos disk reservation (ROOT, MOUNT, PATH): pinned to the agent, no external name.
    Local,
    /// Portworx fork `type: DOCKER`.
    Fork,
    /// Upstream `external-volumes`.
    Upstream,
}

/// One volume of a pod type, independent of instance index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedVolume {
    pub scope: VolumeScope,
    pub syntax: VolumeSyntax,
    pub kind: VolumeType,
    pub container_path: String,
    /// MB; upstream external volumes carry their size in the driver options instead.
    pub size_mb: Option<u64>,
    pub driver: Option<String>,
    /// Base of the external name (before `-<index>`); `None` for local volumes.
    pub base_name: Option<String>,
    /// Driver options in the order written (the fork emits them in HashMap order; we keep
    /// insertion order so names are stable).
    pub driver_options: Vec<(String, String)>,
    /// Raw option items that were malformed and dropped (fork) — reported as warnings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped_options: Vec<String>,
    /// `shared=true`: one volume for all instances.
    pub shared: bool,
}

impl ResolvedVolume {
    /// The external volume name for pod instance `index`; `None` for local (reserved) volumes.
    pub fn instance_name(&self, index: u32) -> Option<String> {
        let base = self.base_name.as_deref()?;
        Some(if self.shared {
            base.to_owned()
        } else {
            format!("{base}-{index}")
        })
    }

    /// What the fork sends to the pxd driver for instance `index`:
    /// `name=<base>-<i>;size=<GB>;k=v;…;nodes=LocalNode`. Upstream sends the plain name with the
    /// options (plus `nodes=LocalNode`) separately; for it this returns the same inline form so
    /// both can be compared, with size only when the options carry one.
    pub fn px_inline_spec(&self, index: u32) -> Option<String> {
        let name = self.instance_name(index)?;
        let mut parts = vec![format!("name={name}")];
        if let Some(mb) = self.size_mb {
            parts.push(format!("size={}", mb.div_ceil(1024)));
        }
        parts.extend(
            self.driver_options
                .iter()
                .filter(|(k, _)| k != "nodes" && !(self.size_mb.is_some() && k == "size"))
                .map(|(k, v)| format!("{k}={v}")),
        );
        parts.push("nodes=LocalNode".to_owned());
        Some(parts.join(";"))
    }

    /// Size in whole GB as the fork passes it to pxd (`ceil(MB / 1024)`).
    pub fn size_gb(&self) -> Option<u64> {
        self.size_mb.map(|mb| mb.div_ceil(1024))
    }
}

/// Splits fork options `k=v,k=v`; items without `=` or with an empty key are dropped (returned
/// separately so they can be reported).
pub fn parse_fork_options(raw: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut options = Vec::new();
    let mut dropped = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                options.push((k.trim().to_owned(), v.trim().to_owned()))
            }
            _ => dropped.push(item.to_owned()),
        }
    }
    (options, dropped)
}

/// Splits upstream options `k=v;k=v`; a malformed item is an error, as upstream throws.
pub fn parse_upstream_options(raw: &str) -> Result<Vec<(String, String)>, String> {
    raw.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| match item.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.trim().to_owned())),
            _ => Err(format!(
                "driver option `{item}` is not key=value (upstream separates options with `;`)"
            )),
        })
        .collect()
}

/// Upstream's slash escaping of service names in volume names: `/folder/svc` → `folder__svc`.
pub fn escape_slashes(name: &str) -> String {
    name.split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("__")
}

fn is_shared(options: &[(String, String)]) -> bool {
    options
        .iter()
        .any(|(k, v)| k == "shared" && v.eq_ignore_ascii_case("true"))
}

fn resolve_plain(scope: VolumeScope, v: &VolumeSpec) -> ResolvedVolume {
    let docker = v.kind == VolumeType::Docker;
    let (driver_options, dropped_options) = match (&v.docker_driver_options, docker) {
        (Some(raw), true) => parse_fork_options(raw),
        _ => (Vec::new(), Vec::new()),
    };
    ResolvedVolume {
        scope,
        syntax: if docker {
            VolumeSyntax::Fork
        } else {
            VolumeSyntax::Local
        },
        kind: v.kind,
        container_path: v.path.clone(),
        size_mb: Some(v.size),
        driver: if docker {
            v.docker_volume_driver.clone()
        } else {
            None
        },
        base_name: if docker {
            v.docker_volume_name.clone()
        } else {
            None
        },
        shared: is_shared(&driver_options),
        driver_options,
        dropped_options,
    }
}

impl PodSpec {
    /// Every volume of this pod type, pod level first, then resource sets, then tasks, then
    /// upstream external volumes. A docker volume declared again with the same driver and name is
    /// listed once (the fork mounts it once per pod). Upstream options that fail to parse are
    /// skipped here; [`super::validate::validate`] reports them.
    pub fn resolved_volumes(&self, service_name: &str, pod_type: &str) -> Vec<ResolvedVolume> {
        let mut out: Vec<ResolvedVolume> = Vec::new();
        let mut push = |r: ResolvedVolume| {
            let duplicate = r.base_name.is_some()
                && out
                    .iter()
                    .any(|o| o.driver == r.driver && o.base_name == r.base_name);
            if !duplicate {
                out.push(r);
            }
        };
        for v in self.volume.iter().chain(self.volumes.values()) {
            push(resolve_plain(VolumeScope::Pod, v));
        }
        for (name, rs) in &self.resource_sets {
            for v in rs.volume.iter().chain(rs.volumes.values()) {
                push(resolve_plain(VolumeScope::ResourceSet(name.clone()), v));
            }
        }
        for (name, task) in &self.tasks {
            for v in task.volume.iter().chain(task.volumes.values()) {
                push(resolve_plain(VolumeScope::Task(name.clone()), v));
            }
        }
        for (name, ev) in &self.external_volumes {
            let options = ev
                .driver_options
                .as_deref()
                .map(parse_upstream_options)
                .transpose()
                .unwrap_or_default()
                .unwrap_or_default();
            let base = ev
                .volume_name
                .clone()
                .unwrap_or_else(|| format!("{service_name}-{pod_type}"));
            push(ResolvedVolume {
                scope: VolumeScope::External(name.clone()),
                syntax: VolumeSyntax::Upstream,
                kind: ev.kind,
                container_path: ev.container_path.clone(),
                size_mb: None,
                driver: Some(ev.driver_name.clone()),
                base_name: Some(escape_slashes(&base)),
                shared: is_shared(&options),
                driver_options: options,
                dropped_options: Vec::new(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docker(options: Option<&str>) -> ResolvedVolume {
        let v = VolumeSpec {
            path: "container-path".into(),
            kind: VolumeType::Docker,
            size: 10240,
            docker_volume_driver: Some("pxd".into()),
            docker_volume_name: Some("Cassandra".into()),
            docker_driver_options: options.map(Into::into),
            profiles: vec![],
        };
        resolve_plain(VolumeScope::Pod, &v)
    }

    #[test]
    fn fork_naming_and_inline_spec() {
        let v = docker(Some("repl=2, bogus ,io_priority=high"));
        assert_eq!(v.instance_name(1).as_deref(), Some("Cassandra-1"));
        assert_eq!(
            v.px_inline_spec(0).as_deref(),
            Some("name=Cassandra-0;size=10;repl=2;io_priority=high;nodes=LocalNode")
        );
        assert_eq!(v.dropped_options, vec!["bogus".to_owned()]);
        let shared = docker(Some("shared=true"));
        assert_eq!(shared.instance_name(4).as_deref(), Some("Cassandra"));
    }

    #[test]
    fn upstream_options_and_escaping() {
        assert_eq!(
            parse_upstream_options("size=10;repl=2").unwrap(),
            vec![("size".into(), "10".into()), ("repl".into(), "2".into())]
        );
        assert!(parse_upstream_options("size=10,repl=2;x").is_err());
        assert_eq!(escape_slashes("/dev/cassandra"), "dev__cassandra");
    }
}
