//! Snapshots in the local pool: group snapshots, restore and clone.
//!
//! A group snapshot is all or nothing, in three steps, under the pool's exclusive lock:
//! 1. **Stage.** Each volume's data is copied (reflinked when the filesystem can) into
//!    `staging/snap-<id>/` with its metadata. A failure removes what was staged; nothing was visible.
//! 2. **Journal.** The ids about to be published are written to `staging/publish-<call>/ids.json`.
//! 3. **Publish.** Each staged snapshot is renamed into `snapshots/<id>`, then the journal is removed.
//!    A failure un-publishes what was renamed. A crash leaves the journal behind, and the next
//!    [`Pool::roll_back_interrupted_publishes`] deletes the snapshots it lists: a half-published group
//!    never survives.
//!
//! Restore copies the snapshot into `staging/` and swaps it with the volume's data directory in one
//! `renameat2(RENAME_EXCHANGE)`, so the volume holds either its old data or the snapshot's, never a mix.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Pool, write_json_atomically};
use crate::volume::copy::{self, CopyMode};
use crate::volume::snapshot::snapshot_labels;
use crate::volume::{
    GroupSnapshotFailure, ReplicaCandidates, Snapshot, SnapshotMethod, Timestamp, Volume,
    VolumeError, VolumeRequest, VolumeSnapshotOutcome, VolumeSnapshotReport,
};

const SNAP_META_VERSION: u32 = 1;

/// `snapshots/<id>/meta.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SnapMeta {
    version: u32,
    pub(super) snapshot: Snapshot,
    /// The id of the volume it was taken of (a later volume may reuse the name).
    volume_id: String,
}

/// `staging/publish-<call>/ids.json`: snapshots being published; present only while publishing.
#[derive(Debug, Serialize, Deserialize)]
struct PublishJournal {
    ids: Vec<String>,
}

/// Local snapshot ids are UUIDs; anything else cannot name one (and cannot escape the pool).
pub(super) fn is_snapshot_id(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok_and(|u| u.hyphenated().to_string() == id)
}

fn copy_failed(what: String, e: copy::CopyError) -> VolumeError {
    VolumeError::io(format!("{what} (at {})", e.path.display()), e.source)
}

impl Pool {
    pub(super) fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }
    fn snapshot_dir(&self, id: &str) -> PathBuf {
        self.snapshots_dir().join(id)
    }
    pub(super) fn snapshot_data_dir(&self, id: &str) -> PathBuf {
        self.snapshot_dir(id).join("data")
    }

    pub(super) fn read_snap_meta(&self, id: &str) -> Result<Option<SnapMeta>, VolumeError> {
        let path = self.snapshot_dir(id).join("meta.json");
        let Some(meta) =
            super::read_json_meta::<SnapMeta>(&path, &self.snapshot_dir(id), "snapshot")?
        else {
            return Ok(None);
        };
        if meta.version != SNAP_META_VERSION || meta.snapshot.id != id {
            return Err(VolumeError::Corrupt {
                path: path.display().to_string(),
                detail: format!(
                    "expected version {SNAP_META_VERSION} metadata of snapshot `{id}`, found version {} of `{}`",
                    meta.version, meta.snapshot.id
                ),
            });
        }
        Ok(Some(meta))
    }

    /// Every snapshot in the pool.
    pub(super) fn all_snap_metas(&self) -> Result<Vec<SnapMeta>, VolumeError> {
        let dir = self.snapshots_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            // A pool made before snapshots existed.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(VolumeError::io(format!("cannot list {}", dir.display()), e));
            }
        };
        let mut metas = Vec::new();
        for entry in entries {
            let entry =
                entry.map_err(|e| VolumeError::io(format!("cannot list {}", dir.display()), e))?;
            if let Some(id) = entry.file_name().to_str().filter(|id| is_snapshot_id(id))
                && let Some(meta) = self.read_snap_meta(id)?
            {
                metas.push(meta);
            }
        }
        Ok(metas)
    }

    /// At open, under the lock: deletes the snapshots of a publish a crash interrupted.
    pub(super) fn roll_back_interrupted_publishes(&self) {
        let Ok(entries) = fs::read_dir(self.staging_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let is_journal = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("publish-"));
            if !is_journal {
                continue;
            }
            let Ok(journal) = fs::read(entry.path().join("ids.json"))
                .map_err(|e| e.to_string())
                .and_then(|b| {
                    serde_json::from_slice::<PublishJournal>(&b).map_err(|e| e.to_string())
                })
            else {
                continue;
            };
            for id in journal.ids.iter().filter(|id| is_snapshot_id(id)) {
                if let Err(e) = self.remove_snapshot_dir(id) {
                    tracing::warn!("cannot roll back half-published snapshot {id}: {e}");
                }
            }
        }
    }

    /// Moves `snapshots/<id>` out of sight, then deletes it. Absent: Ok.
    fn remove_snapshot_dir(&self, id: &str) -> Result<(), VolumeError> {
        let doomed = self.staging_dir().join(format!("delete-snap-{id}"));
        match fs::rename(self.snapshot_dir(id), &doomed) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(VolumeError::io(format!("cannot delete snapshot `{id}`"), e));
            }
        }
        // Out of sight already; a failure here leaves garbage the next open sweeps.
        if let Err(e) = fs::remove_dir_all(&doomed) {
            tracing::warn!(
                "snapshot `{id}` deleted but {} remains: {e}",
                doomed.display()
            );
        }
        Ok(())
    }

    pub(super) fn delete_snapshot(&self, id: &str) -> Result<(), VolumeError> {
        let _lock = self.lock(true)?;
        self.remove_snapshot_dir(id)
    }

    pub(super) fn snapshot_group(
        &self,
        volumes: &[String],
        group: &str,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError> {
        let _lock = self.lock(true)?;
        let existing = self.all_snap_metas()?;
        let count = existing
            .iter()
            .filter(|m| m.snapshot.group == group)
            .count();
        if count > 0 {
            return Err(VolumeError::SnapshotNameTaken {
                group: group.to_owned(),
                count,
            });
        }
        let mut allocated = super::allocated_mb(&self.all_metas()?, &existing);
        let mode = self.copy_mode();
        let mut staged: Vec<(PathBuf, SnapMeta)> = Vec::with_capacity(volumes.len());
        for (i, name) in volumes.iter().enumerate() {
            let taken = self.stage_snapshot(i + 1, name, group, labels, &mut allocated, mode);
            match taken {
                Ok(s) => staged.push(s),
                Err(e) => {
                    let mut report = Vec::with_capacity(volumes.len());
                    for (dir, meta) in &staged {
                        discard_staged(dir);
                        report.push(VolumeSnapshotReport {
                            volume: meta.snapshot.volume.clone(),
                            outcome: VolumeSnapshotOutcome::RolledBack {
                                snapshot_id: meta.snapshot.id.clone(),
                            },
                        });
                    }
                    report.push(VolumeSnapshotReport {
                        volume: name.clone(),
                        outcome: VolumeSnapshotOutcome::Failed {
                            reason: e.to_string(),
                        },
                    });
                    report.extend(volumes[i + 1..].iter().map(|v| VolumeSnapshotReport {
                        volume: v.clone(),
                        outcome: VolumeSnapshotOutcome::NotAttempted,
                    }));
                    return Err(failure(group, report));
                }
            }
        }
        self.publish(group, staged)
    }

    /// Stages the snapshot of volume number `nth` (1-based) of the group.
    fn stage_snapshot(
        &self,
        nth: usize,
        name: &str,
        group: &str,
        labels: &BTreeMap<String, String>,
        allocated: &mut u64,
        mode: CopyMode,
    ) -> Result<(PathBuf, SnapMeta), VolumeError> {
        let volume = self
            .read_meta(name)?
            .ok_or_else(|| VolumeError::NotFound {
                name: name.to_owned(),
            })?
            .volume;
        if allocated.saturating_add(volume.size_mb) > self.capacity_mb {
            return Err(VolumeError::PoolFull {
                pool: self.root.display().to_string(),
                name: format!("{group}.{name}"),
                requested_mb: volume.size_mb,
                free_mb: self.capacity_mb.saturating_sub(*allocated),
                capacity_mb: self.capacity_mb,
            });
        }
        if self.fail_snapshot_at == Some(nth) {
            return Err(VolumeError::io(
                format!("cannot snapshot volume `{name}`"),
                std::io::Error::other("injected failure (LocalConfig::fail_snapshot_at)"),
            ));
        }
        let id = uuid::Uuid::new_v4().hyphenated().to_string();
        let dir = self.staging_dir().join(format!("snap-{id}"));
        let made = (|| {
            fs::create_dir_all(&dir).map_err(|e| {
                VolumeError::io(format!("cannot stage the snapshot of `{name}`"), e)
            })?;
            let used = copy::copy_tree(&self.data_dir(name), &dir.join("data"), mode)
                .map_err(|e| copy_failed(format!("cannot snapshot volume `{name}`"), e))?;
            let meta = SnapMeta {
                version: SNAP_META_VERSION,
                snapshot: Snapshot {
                    id: id.clone(),
                    name: format!("{group}.{name}"),
                    volume: name.to_owned(),
                    group: group.to_owned(),
                    created_at: Some(Timestamp::now()),
                    size_mb: volume.size_mb,
                    labels: snapshot_labels(labels, group, name),
                    method: match used {
                        CopyMode::Reflink => SnapshotMethod::Reflink,
                        CopyMode::Copy => SnapshotMethod::Copy,
                    },
                },
                volume_id: volume.id.clone(),
            };
            write_json_atomically(&dir.join("meta.json"), &meta)?;
            Ok(meta)
        })();
        match made {
            Ok(meta) => {
                *allocated += volume.size_mb;
                Ok((dir, meta))
            }
            Err(e) => {
                discard_staged(&dir);
                Err(e)
            }
        }
    }

    /// Publishes staged snapshots as one group (see the module documentation).
    fn publish(
        &self,
        group: &str,
        staged: Vec<(PathBuf, SnapMeta)>,
    ) -> Result<Vec<Snapshot>, VolumeError> {
        let journal_dir = self
            .staging_dir()
            .join(format!("publish-{}", uuid::Uuid::new_v4()));
        let journal = PublishJournal {
            ids: staged.iter().map(|(_, m)| m.snapshot.id.clone()).collect(),
        };
        let journaled = fs::create_dir_all(&journal_dir)
            .map_err(|e| VolumeError::io("cannot write the snapshot publish journal", e))
            .and_then(|()| write_json_atomically(&journal_dir.join("ids.json"), &journal));
        if let Err(e) = journaled {
            let reason = e.to_string();
            let report = staged
                .iter()
                .map(|(dir, m)| {
                    discard_staged(dir);
                    VolumeSnapshotReport {
                        volume: m.snapshot.volume.clone(),
                        outcome: VolumeSnapshotOutcome::Failed {
                            reason: reason.clone(),
                        },
                    }
                })
                .collect();
            let _ = fs::remove_dir_all(&journal_dir);
            return Err(failure(group, report));
        }
        for (k, (dir, meta)) in staged.iter().enumerate() {
            if let Err(e) = fs::rename(dir, self.snapshot_dir(&meta.snapshot.id)) {
                let mut report = Vec::with_capacity(staged.len());
                for (_, done) in &staged[..k] {
                    let id = done.snapshot.id.clone();
                    report.push(VolumeSnapshotReport {
                        volume: done.snapshot.volume.clone(),
                        outcome: match self.remove_snapshot_dir(&id) {
                            Ok(()) => VolumeSnapshotOutcome::RolledBack { snapshot_id: id },
                            Err(e) => VolumeSnapshotOutcome::LeftBehind {
                                snapshot_id: id,
                                reason: e.to_string(),
                            },
                        },
                    });
                }
                report.push(VolumeSnapshotReport {
                    volume: meta.snapshot.volume.clone(),
                    outcome: VolumeSnapshotOutcome::Failed {
                        reason: format!("cannot move the snapshot into the pool: {e}"),
                    },
                });
                for (rest_dir, rest) in &staged[k..] {
                    discard_staged(rest_dir);
                    if rest.snapshot.id != meta.snapshot.id {
                        report.push(VolumeSnapshotReport {
                            volume: rest.snapshot.volume.clone(),
                            outcome: VolumeSnapshotOutcome::RolledBack {
                                snapshot_id: rest.snapshot.id.clone(),
                            },
                        });
                    }
                }
                if report
                    .iter()
                    .all(|r| !matches!(r.outcome, VolumeSnapshotOutcome::LeftBehind { .. }))
                {
                    let _ = fs::remove_dir_all(&journal_dir);
                }
                return Err(failure(group, report));
            }
        }
        if let Err(e) = fs::remove_dir_all(&journal_dir) {
            // Left in place, the journal would make the next open delete this good group.
            return Err(VolumeError::io(
                format!(
                    "group snapshot `{group}` was taken but its publish journal {} cannot be removed; remove it by hand before the pool is opened again, or the group will be rolled back",
                    journal_dir.display()
                ),
                e,
            ));
        }
        Ok(staged.into_iter().map(|(_, m)| m.snapshot).collect())
    }

    pub(super) fn restore(&self, volume: &str, snapshot_id: &str) -> Result<(), VolumeError> {
        let _lock = self.lock(true)?;
        let meta = self
            .read_meta(volume)?
            .ok_or_else(|| VolumeError::NotFound {
                name: volume.to_owned(),
            })?;
        if let Some(node) = meta.volume.attached_node {
            return Err(VolumeError::RestoreAttached {
                volume: volume.to_owned(),
                node,
            });
        }
        let snap = self.require_snapshot(snapshot_id)?;
        if snap.snapshot.volume != volume {
            return Err(VolumeError::SnapshotOfOtherVolume {
                snapshot: snapshot_id.to_owned(),
                snapshot_volume: snap.snapshot.volume,
                volume: volume.to_owned(),
            });
        }
        if meta.volume.size_mb < snap.snapshot.size_mb {
            return Err(VolumeError::TooSmallForSnapshot {
                volume: volume.to_owned(),
                snapshot: snapshot_id.to_owned(),
                volume_mb: meta.volume.size_mb,
                snapshot_mb: snap.snapshot.size_mb,
            });
        }
        let work = self
            .staging_dir()
            .join(format!("restore-{}", uuid::Uuid::new_v4()));
        let ctx = || format!("cannot restore snapshot `{snapshot_id}` into volume `{volume}`");
        fs::create_dir_all(&work).map_err(|e| VolumeError::io(ctx(), e))?;
        let fresh = work.join("data");
        let swapped = copy::copy_tree(
            &self.snapshot_data_dir(snapshot_id),
            &fresh,
            self.copy_mode(),
        )
        .map_err(|e| copy_failed(ctx(), e))
        .and_then(|_| {
            exchange(&fresh, &self.data_dir(volume), &work.join("old"))
                .map_err(|e| VolumeError::io(ctx(), e))
        });
        // `work` now holds the old data (or the unused copy after a failure).
        if let Err(e) = fs::remove_dir_all(&work) {
            tracing::warn!("cannot remove {}: {e}", work.display());
        }
        swapped
    }

    pub(super) fn clone_snapshot(
        &self,
        snapshot_id: &str,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError> {
        let _lock = self.lock(true)?;
        let snap = self.require_snapshot(snapshot_id)?;
        if req.size_mb < snap.snapshot.size_mb {
            return Err(VolumeError::TooSmallForSnapshot {
                volume: req.name.clone(),
                snapshot: snapshot_id.to_owned(),
                volume_mb: req.size_mb,
                snapshot_mb: snap.snapshot.size_mb,
            });
        }
        self.create_locked(req, placement, Some(&snap))
    }

    fn require_snapshot(&self, id: &str) -> Result<SnapMeta, VolumeError> {
        let found = if is_snapshot_id(id) {
            self.read_snap_meta(id)?
        } else {
            None
        };
        found.ok_or_else(|| VolumeError::SnapshotNotFound { id: id.to_owned() })
    }
}

fn failure(group: &str, volumes: Vec<VolumeSnapshotReport>) -> VolumeError {
    VolumeError::GroupSnapshotFailed(Box::new(GroupSnapshotFailure {
        group: group.to_owned(),
        volumes,
    }))
}

/// Removes a staged snapshot; a failure only leaves garbage in `staging/` for the next open.
fn discard_staged(dir: &Path) {
    if let Err(e) = fs::remove_dir_all(dir)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("cannot remove {}: {e}", dir.display());
    }
}

/// Puts `fresh` where `current` is, atomically when the filesystem can exchange two paths; otherwise
/// `current` is first moved to `old` (a crash between the two renames leaves the volume without data, which
/// `read_meta` does not hide: the data directory is simply missing until the restore is run again).
fn exchange(fresh: &Path, current: &Path, old: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "NUL in path"))
    };
    let (a, b) = (c(fresh)?, c(current)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        // `fresh` now names the old data; the caller removes it with its work directory.
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    if !matches!(
        err.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    ) {
        return Err(err);
    }
    fs::rename(current, old)?;
    fs::rename(fresh, current)
}
