//! The DC/OS mode of service snapshots: the service runs under a real SDK scheduler on DC/OS, so pxfw
//! can neither reach its task processes nor freeze them. What it can do:
//!
//! * find the service's volumes from the scheduler's target configuration (the serialized ServiceSpec:
//!   `pod-specs[].count` × `task-specs[].resource-set.volume-specifications[].volume-name`, contract §3.9),
//!   named as the fork names them (`<volume-name>-<index>`, or the bare name for `shared=true`);
//! * cut them as one group through Portworx (the legacy `snapshotgroup` call, which quiesces I/O across
//!   the group: crash-consistent), via [`crate::volume::portworx::PortworxDriver::snapshot_group`];
//! * leave application consistency to a plan of the service (`--pre-plan`), run by the CLI.
//!
//! There is no pxfw server to keep a record, so the snapshots carry it as labels ([`SERVICE_LABEL`],
//! [`CONFIG_LABEL`]) and are listed and deleted by them.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::volume::{GROUP_LABEL, Snapshot, VOLUME_LABEL, VolumeDriver, VolumeError};

/// Label on every snapshot of a DC/OS-mode group: the service it was taken of.
pub const SERVICE_LABEL: &str = "pxfw-service";
/// Label on every snapshot of a DC/OS-mode group: the service's target configuration id at the cut.
pub const CONFIG_LABEL: &str = "pxfw-config";

/// What cannot be worked out from the scheduler's answers or the flags.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DcosSnapshotError {
    #[error(
        "the target configuration of {service} has no `pod-specs` list; is this an SDK service? (`pxfw debug config target --name {service}` shows it)"
    )]
    NoPods { service: String },
    #[error(
        "{service} has no Portworx volumes (no DOCKER volume with a `volume-name` in its target configuration): there is nothing to snapshot"
    )]
    NoVolumes { service: String },
    #[error("pod type `{pod}` of {service} has no valid `count` in its target configuration")]
    BadCount { service: String, pod: String },
    #[error("label `{key}` is set by pxfw on DC/OS-mode snapshots; use another key")]
    ReservedLabel { key: String },
}

fn is_shared(options: &str) -> bool {
    options.split([',', ';']).any(|item| {
        item.split_once('=')
            .is_some_and(|(k, v)| k.trim() == "shared" && v.trim().eq_ignore_ascii_case("true"))
    })
}

/// pod instance → its Portworx volume names, from the scheduler's target configuration. Volumes of
/// every task of a pod are listed once (a pod mounts a name once).
pub fn volumes_from_target(
    service: &str,
    config: &Value,
) -> Result<BTreeMap<String, Vec<String>>, DcosSnapshotError> {
    let pods = config
        .get("pod-specs")
        .and_then(Value::as_array)
        .ok_or_else(|| DcosSnapshotError::NoPods {
            service: service.to_owned(),
        })?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pod in pods {
        let pod_type = pod.get("type").and_then(Value::as_str).unwrap_or_default();
        let count = pod
            .get("count")
            .and_then(Value::as_u64)
            .and_then(|c| u32::try_from(c).ok())
            .ok_or_else(|| DcosSnapshotError::BadCount {
                service: service.to_owned(),
                pod: pod_type.to_owned(),
            })?;
        let mut bases: Vec<(String, bool)> = Vec::new();
        let tasks = pod.get("task-specs").and_then(Value::as_array);
        for task in tasks.into_iter().flatten() {
            let specs = task
                .pointer("/resource-set/volume-specifications")
                .and_then(Value::as_array);
            for v in specs.into_iter().flatten() {
                let docker = v.get("type").and_then(Value::as_str) == Some("DOCKER");
                let Some(base) = v.get("volume-name").and_then(Value::as_str) else {
                    continue;
                };
                let shared = v
                    .get("driver-options")
                    .and_then(Value::as_str)
                    .is_some_and(is_shared);
                if docker && !base.is_empty() && !bases.iter().any(|(b, _)| b == base) {
                    bases.push((base.to_owned(), shared));
                }
            }
        }
        for index in 0..count {
            let names: Vec<String> = bases
                .iter()
                .map(|(base, shared)| {
                    if *shared {
                        base.clone()
                    } else {
                        format!("{base}-{index}")
                    }
                })
                .collect();
            if !names.is_empty() {
                out.insert(format!("{pod_type}-{index}"), names);
            }
        }
    }
    if out.is_empty() {
        return Err(DcosSnapshotError::NoVolumes {
            service: service.to_owned(),
        });
    }
    Ok(out)
}

/// Every volume once, in pod order (a shared volume appears in every pod but is cut once).
pub fn group_volumes(pods: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in pods.values().flatten() {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// The labels of a DC/OS-mode snapshot: the operator's plus the service and configuration.
pub fn labels_for(
    service: &str,
    config_id: &str,
    given: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, DcosSnapshotError> {
    if let Some(key) = given
        .keys()
        .find(|k| k.as_str() == SERVICE_LABEL || k.as_str() == CONFIG_LABEL)
    {
        return Err(DcosSnapshotError::ReservedLabel { key: key.clone() });
    }
    let mut labels = given.clone();
    labels.insert(SERVICE_LABEL.into(), service.into());
    labels.insert(CONFIG_LABEL.into(), config_id.into());
    Ok(labels)
}

/// One group snapshot as Portworx holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSummary {
    pub id: String,
    pub service: Option<String>,
    pub config_id: Option<String>,
    /// volume → snapshot id.
    pub volumes: BTreeMap<String, String>,
    pub created_at: Option<String>,
}

/// The DC/OS-mode groups (of one service when given), from the snapshots' labels.
pub async fn list_groups(
    driver: &dyn VolumeDriver,
    service: Option<&str>,
) -> Result<Vec<GroupSummary>, VolumeError> {
    let selector: BTreeMap<String, String> = service
        .map(|s| BTreeMap::from([(SERVICE_LABEL.to_owned(), s.to_owned())]))
        .unwrap_or_default();
    let snaps = driver.list_snapshots(&selector).await?;
    Ok(summarize(&snaps))
}

/// Groups snapshots by their group label.
pub fn summarize(snaps: &[Snapshot]) -> Vec<GroupSummary> {
    let mut groups: BTreeMap<String, GroupSummary> = BTreeMap::new();
    for s in snaps {
        let Some(group) = s.labels.get(GROUP_LABEL) else {
            continue;
        };
        let entry = groups.entry(group.clone()).or_insert_with(|| GroupSummary {
            id: group.clone(),
            service: s.labels.get(SERVICE_LABEL).cloned(),
            config_id: s.labels.get(CONFIG_LABEL).cloned(),
            volumes: BTreeMap::new(),
            created_at: s.created_at.map(|t| t.to_string()),
        });
        let volume = s.labels.get(VOLUME_LABEL).unwrap_or(&s.volume);
        entry.volumes.insert(volume.clone(), s.id.clone());
    }
    groups.into_values().collect()
}

/// Deletes every snapshot of group `id`; returns how many there were (0: no such group).
pub async fn delete_group(driver: &dyn VolumeDriver, id: &str) -> Result<usize, VolumeError> {
    let snaps = driver
        .list_snapshots(&BTreeMap::from([(GROUP_LABEL.to_owned(), id.to_owned())]))
        .await?;
    for s in &snaps {
        driver.delete_snapshot(&s.id).await?;
    }
    Ok(snaps.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn volumes_come_from_counts_and_volume_names() {
        let config = json!({"pod-specs": [
            {"type": "node", "count": 3, "task-specs": [
                {"name": "server", "resource-set": {"volume-specifications": [
                    {"type": "DOCKER", "container-path": "data", "volume-name": "CassData", "driver-options": "repl=2"},
                    {"type": "ROOT", "container-path": "tmp"}
                ]}},
                {"name": "backup", "resource-set": {"volume-specifications": [
                    {"type": "DOCKER", "container-path": "data", "volume-name": "CassData"},
                    {"type": "DOCKER", "container-path": "shared", "volume-name": "common", "driver-options": "shared=true"}
                ]}}
            ]},
            {"type": "sidecar", "count": 1, "task-specs": [{"name": "x", "resource-set": {}}]}
        ]});
        let v = volumes_from_target("cass", &config).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v["node-0"], ["CassData-0", "common"]);
        assert_eq!(v["node-2"], ["CassData-2", "common"]);
        assert_eq!(
            group_volumes(&v),
            ["CassData-0", "common", "CassData-1", "CassData-2"]
        );
    }

    #[test]
    fn bad_configurations_and_labels_are_refused() {
        assert_eq!(
            volumes_from_target("s", &json!({})).unwrap_err(),
            DcosSnapshotError::NoPods {
                service: "s".into()
            }
        );
        let none = json!({"pod-specs": [{"type": "a", "count": 2, "task-specs": []}]});
        assert!(matches!(
            volumes_from_target("s", &none),
            Err(DcosSnapshotError::NoVolumes { .. })
        ));
        let bad = json!({"pod-specs": [{"type": "a", "count": "x"}]});
        assert!(matches!(
            volumes_from_target("s", &bad),
            Err(DcosSnapshotError::BadCount { .. })
        ));
        let given = BTreeMap::from([(SERVICE_LABEL.to_owned(), "x".to_owned())]);
        assert!(labels_for("s", "c", &given).is_err());
        let l = labels_for("s", "c", &BTreeMap::new()).unwrap();
        assert_eq!(l[SERVICE_LABEL], "s");
        assert_eq!(l[CONFIG_LABEL], "c");
    }
}
