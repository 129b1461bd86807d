//! Snapshots as both drivers report them, and the report of a group snapshot that failed.
//!
//! A group snapshot is all or nothing: either every volume of the group has a snapshot, or none does.
//! When one volume fails, the driver deletes what it already took and returns
//! [`super::VolumeError::GroupSnapshotFailed`] with a [`GroupSnapshotFailure`] saying, volume by volume,
//! what happened, so the operator can see which volume was the cause and that nothing was kept.
//!
//! Labels: a snapshot's labels are the caller's plus two reserved ones, [`GROUP_LABEL`] (the group name)
//! and [`VOLUME_LABEL`] (the snapshotted volume's name). Both drivers store and report them the same way,
//! so `list_snapshots({GROUP_LABEL: name})` selects one group on either driver.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Timestamp, VolumeError, validate_name};

/// Reserved label: the name of the group snapshot a snapshot belongs to.
pub const GROUP_LABEL: &str = "pxfw/snapshot-group";
/// Reserved label: the name of the volume a snapshot was taken of.
pub const VOLUME_LABEL: &str = "pxfw/snapshot-of";
/// Labels under this prefix are pxfw's; callers may not set them.
pub const RESERVED_LABEL_PREFIX: &str = "pxfw/";

/// How a snapshot's data was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SnapshotMethod {
    /// Every file was cloned with `FICLONE` (shared extents; copy-on-write afterwards).
    Reflink,
    /// The data was copied byte for byte (the filesystem cannot reflink).
    Copy,
    /// Portworx took it (a copy-on-write snapshot inside Portworx).
    Portworx,
}

impl std::fmt::Display for SnapshotMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SnapshotMethod::Reflink => "reflink",
            SnapshotMethod::Copy => "copy",
            SnapshotMethod::Portworx => "portworx",
        })
    }
}

/// One volume's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The driver's id (a UUID in the local pool, the snapshot volume's id on Portworx).
    pub id: String,
    /// A readable name (`<group>.<volume>` locally; whatever Portworx named it there).
    pub name: String,
    /// The name of the volume it was taken of.
    pub volume: String,
    /// The group snapshot it belongs to.
    pub group: String,
    /// When it was taken (`None` when Portworx does not say).
    pub created_at: Option<Timestamp>,
    /// The provisioned size of the volume when the snapshot was taken.
    pub size_mb: u64,
    /// The caller's labels plus [`GROUP_LABEL`] and [`VOLUME_LABEL`].
    pub labels: BTreeMap<String, String>,
    pub method: SnapshotMethod,
}

/// What happened to one volume of a group snapshot that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum VolumeSnapshotOutcome {
    /// Its snapshot was taken, then deleted because another volume failed.
    RolledBack { snapshot_id: String },
    /// Its snapshot was taken and could not be deleted afterwards: it is still there.
    LeftBehind { snapshot_id: String, reason: String },
    /// This volume is why the group failed.
    Failed { reason: String },
    /// The group failed before this volume's turn; nothing was taken of it.
    NotAttempted,
    /// The backend discarded the whole group (Portworx `delete_on_failure`); nothing of it remains.
    Discarded,
}

/// One line of a failure report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeSnapshotReport {
    pub volume: String,
    #[serde(flatten)]
    pub outcome: VolumeSnapshotOutcome,
}

/// A failed group snapshot, volume by volume, in the order the volumes were given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSnapshotFailure {
    pub group: String,
    pub volumes: Vec<VolumeSnapshotReport>,
}

impl GroupSnapshotFailure {
    /// The snapshots that could not be cleaned up (empty when nothing was kept).
    pub fn left_behind(&self) -> Vec<&str> {
        self.volumes
            .iter()
            .filter_map(|v| match &v.outcome {
                VolumeSnapshotOutcome::LeftBehind { snapshot_id, .. } => Some(snapshot_id.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The volumes that caused the failure.
    pub fn failed(&self) -> Vec<&str> {
        self.volumes
            .iter()
            .filter(|v| matches!(v.outcome, VolumeSnapshotOutcome::Failed { .. }))
            .map(|v| v.volume.as_str())
            .collect()
    }
}

impl std::fmt::Display for GroupSnapshotFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let left = self.left_behind();
        if left.is_empty() {
            write!(
                f,
                "group snapshot `{}` failed; nothing was kept:",
                self.group
            )?;
        } else {
            write!(
                f,
                "group snapshot `{}` failed and {} snapshot(s) could not be deleted ({}); delete them with `snapshot delete`:",
                self.group,
                left.len(),
                left.join(", ")
            )?;
        }
        for v in &self.volumes {
            write!(f, "\n  {}: ", v.volume)?;
            match &v.outcome {
                VolumeSnapshotOutcome::RolledBack { snapshot_id } => {
                    write!(f, "snapshot {snapshot_id} taken, then deleted")?
                }
                VolumeSnapshotOutcome::LeftBehind {
                    snapshot_id,
                    reason,
                } => write!(f, "snapshot {snapshot_id} taken and NOT deleted: {reason}")?,
                VolumeSnapshotOutcome::Failed { reason } => write!(f, "FAILED: {reason}")?,
                VolumeSnapshotOutcome::NotAttempted => f.write_str("not attempted")?,
                VolumeSnapshotOutcome::Discarded => {
                    f.write_str("discarded by the storage backend with the rest of the group")?
                }
            }
        }
        Ok(())
    }
}

/// Checks what a group snapshot is asked for, before anything is taken: a valid group name, at least one
/// volume, valid and distinct volume names, no reserved labels.
pub(crate) fn validate_group_request(
    volumes: &[String],
    group: &str,
    labels: &BTreeMap<String, String>,
) -> Result<(), VolumeError> {
    validate_name(group).map_err(|e| VolumeError::InvalidSnapshotRequest {
        detail: format!("the group name: {e}"),
    })?;
    if volumes.is_empty() {
        return Err(VolumeError::InvalidSnapshotRequest {
            detail: format!("group snapshot `{group}` names no volume; give at least one"),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    for v in volumes {
        validate_name(v)?;
        if !seen.insert(v.as_str()) {
            return Err(VolumeError::InvalidSnapshotRequest {
                detail: format!("volume `{v}` is named twice in group snapshot `{group}`"),
            });
        }
    }
    if let Some(key) = labels.keys().find(|k| k.starts_with(RESERVED_LABEL_PREFIX)) {
        return Err(VolumeError::InvalidSnapshotRequest {
            detail: format!(
                "label `{key}` is reserved (labels starting with `{RESERVED_LABEL_PREFIX}` are set by pxfw); rename it"
            ),
        });
    }
    Ok(())
}

/// The labels stored with the snapshot of `volume` in `group`.
pub(crate) fn snapshot_labels(
    labels: &BTreeMap<String, String>,
    group: &str,
    volume: &str,
) -> BTreeMap<String, String> {
    let mut all = labels.clone();
    all.insert(GROUP_LABEL.to_owned(), group.to_owned());
    all.insert(VOLUME_LABEL.to_owned(), volume.to_owned());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_checked_before_anything_is_taken() {
        let none = BTreeMap::new();
        let vols = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(validate_group_request(&vols(&["a", "b"]), "g-1", &none).is_ok());
        for (volumes, group, labels, needle) in [
            (vols(&[]), "g", none.clone(), "names no volume"),
            (vols(&["a", "a"]), "g", none.clone(), "named twice"),
            (vols(&["a"]), "../g", none.clone(), "group name"),
            (vols(&["../a"]), "g", none.clone(), "../a"),
            (
                vols(&["a"]),
                "g",
                BTreeMap::from([(GROUP_LABEL.to_owned(), "x".to_owned())]),
                "reserved",
            ),
        ] {
            let e = validate_group_request(&volumes, group, &labels)
                .unwrap_err()
                .to_string();
            assert!(e.contains(needle), "{e}");
        }
    }

    #[test]
    fn the_failure_report_names_every_volume() {
        let f = GroupSnapshotFailure {
            group: "g".into(),
            volumes: vec![
                VolumeSnapshotReport {
                    volume: "a".into(),
                    outcome: VolumeSnapshotOutcome::RolledBack {
                        snapshot_id: "s1".into(),
                    },
                },
                VolumeSnapshotReport {
                    volume: "b".into(),
                    outcome: VolumeSnapshotOutcome::Failed {
                        reason: "disk full".into(),
                    },
                },
                VolumeSnapshotReport {
                    volume: "c".into(),
                    outcome: VolumeSnapshotOutcome::NotAttempted,
                },
            ],
        };
        let text = f.to_string();
        assert!(text.contains("nothing was kept"), "{text}");
        assert!(
            text.contains("a: snapshot s1 taken, then deleted"),
            "{text}"
        );
        assert!(text.contains("b: FAILED: disk full"), "{text}");
        assert!(text.contains("c: not attempted"), "{text}");
        assert_eq!(f.failed(), ["b"]);
        assert!(f.left_behind().is_empty());
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["volumes"][1]["outcome"], "failed");
        assert_eq!(json["volumes"][1]["reason"], "disk full");
    }
}
