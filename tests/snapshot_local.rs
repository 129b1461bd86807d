//! Group snapshots, restore and clone on the local pool driver, with real files: all or nothing (an
//! injected failure and a full pool), the copy method recorded, exact bytes back after a restore, clones,
//! refusals, and the roll-back of a publish a crash interrupted.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use pxfw::volume::local::{LocalConfig, LocalDriver};
use pxfw::volume::{
    GROUP_LABEL, NodeTopology, ReplicaCandidates, SnapshotMethod, VOLUME_LABEL, VolumeDriver,
    VolumeError, VolumeRequest, VolumeSnapshotOutcome,
};
use sha2::{Digest, Sha256};

fn placement() -> ReplicaCandidates {
    ReplicaCandidates::new(vec![
        NodeTopology::new("node-1"),
        NodeTopology::new("node-2"),
    ])
    .preferring("node-1")
}

fn open(dir: &Path, config: impl FnOnce(LocalConfig) -> LocalConfig) -> LocalDriver {
    LocalDriver::open(config(
        LocalConfig::new(dir.join("pool")).capacity_mb(10_000),
    ))
    .unwrap()
}

fn names(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("vol-{i}")).collect()
}

/// Creates the volumes and gives each some files: nested data, a mode, a symlink.
async fn volumes_with_data(d: &LocalDriver, names: &[String], size_mb: u64) {
    for name in names {
        let v = d
            .create(&VolumeRequest::new(name, size_mb), &placement())
            .await
            .unwrap();
        let data = d.host_path(&v.name).unwrap();
        std::fs::create_dir_all(data.join("sub/dir")).unwrap();
        std::fs::write(
            data.join("sub/dir/table.db"),
            format!("rows of {name}\n").repeat(500),
        )
        .unwrap();
        std::fs::write(data.join("run.sh"), b"#!/bin/sh\nexit 0\n").unwrap();
        std::fs::set_permissions(data.join("run.sh"), std::fs::Permissions::from_mode(0o750))
            .unwrap();
        std::os::unix::fs::symlink("sub/dir/table.db", data.join("current")).unwrap();
    }
}

/// A digest of a whole tree: paths, file types, modes, contents and symlink targets.
fn tree_digest(root: &Path) -> String {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let name = format!("{rel}/{}", e.file_name().to_string_lossy());
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let mode = meta.permissions().mode() & 0o7777;
            if meta.file_type().is_symlink() {
                out.push(format!(
                    "L {name} -> {}",
                    std::fs::read_link(&path).unwrap().display()
                ));
            } else if meta.is_dir() {
                out.push(format!("D {name} {mode:o}"));
                walk(&path, &name, out);
            } else {
                let sum: String = Sha256::digest(std::fs::read(&path).unwrap())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                out.push(format!("F {name} {mode:o} {sum}"));
            }
        }
    }
    let mut lines = Vec::new();
    walk(root, "", &mut lines);
    lines.join("\n")
}

fn no_labels() -> BTreeMap<String, String> {
    BTreeMap::new()
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_failure_on_the_third_of_five_volumes_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c.fail_snapshot_at(3));
    let vols = names(5);
    volumes_with_data(&d, &vols, 16).await;
    let err = d
        .snapshot_group(&vols, "nightly", &no_labels())
        .await
        .unwrap_err();
    let VolumeError::GroupSnapshotFailed(report) = &err else {
        panic!("expected a group failure, got {err}");
    };
    let outcomes: Vec<(&str, &VolumeSnapshotOutcome)> = report
        .volumes
        .iter()
        .map(|v| (v.volume.as_str(), &v.outcome))
        .collect();
    assert!(matches!(
        outcomes[0],
        ("vol-1", VolumeSnapshotOutcome::RolledBack { .. })
    ));
    assert!(matches!(
        outcomes[1],
        ("vol-2", VolumeSnapshotOutcome::RolledBack { .. })
    ));
    assert!(
        matches!(outcomes[2], ("vol-3", VolumeSnapshotOutcome::Failed { reason }) if reason.contains("injected")),
        "{err}"
    );
    assert!(matches!(
        outcomes[3],
        ("vol-4", VolumeSnapshotOutcome::NotAttempted)
    ));
    assert!(matches!(
        outcomes[4],
        ("vol-5", VolumeSnapshotOutcome::NotAttempted)
    ));
    assert_eq!(report.failed(), ["vol-3"]);
    let text = err.to_string();
    assert!(
        text.contains("nothing was kept") && text.contains("vol-3: FAILED"),
        "{text}"
    );
    // Nothing visible, nothing on disk, nothing counted.
    assert!(d.list_snapshots(&no_labels()).await.unwrap().is_empty());
    let pool = dir.path().join("pool");
    assert!(dir_entries(&pool.join("snapshots")).is_empty());
    assert!(
        dir_entries(&pool.join("staging")).is_empty(),
        "{:?}",
        dir_entries(&pool.join("staging"))
    );
    assert_eq!(d.usage().unwrap().snapshots, 0);
    assert_eq!(d.usage().unwrap().allocated_mb, 5 * 16);
}

#[tokio::test]
async fn a_pool_too_full_for_the_group_fails_it_and_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    // 5 volumes of 10 MB use 50; snapshots of the first two fit in 70, the third does not.
    let d = LocalDriver::open(LocalConfig::new(dir.path().join("pool")).capacity_mb(70)).unwrap();
    let vols = names(5);
    volumes_with_data(&d, &vols, 10).await;
    let err = d
        .snapshot_group(&vols, "full", &no_labels())
        .await
        .unwrap_err();
    let VolumeError::GroupSnapshotFailed(report) = &err else {
        panic!("{err}");
    };
    assert_eq!(report.failed(), ["vol-3"], "{err}");
    assert!(err.to_string().contains("is full"), "{err}");
    assert!(d.list_snapshots(&no_labels()).await.unwrap().is_empty());
    // The space is free again: a group of two fits.
    d.snapshot_group(&vols[..2], "two", &no_labels())
        .await
        .unwrap();
    assert_eq!(d.usage().unwrap().allocated_mb, 70);
}

#[tokio::test]
async fn snapshots_record_their_method_labels_and_group() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c);
    let vols = names(3);
    volumes_with_data(&d, &vols, 8).await;
    let labels = BTreeMap::from([("service".to_owned(), "cass".to_owned())]);
    let snaps = d.snapshot_group(&vols, "g1", &labels).await.unwrap();
    assert_eq!(snaps.len(), 3);
    // One method for the whole group: reflink where the pool's filesystem can, else copy.
    let method = snaps[0].method;
    assert!(matches!(
        method,
        SnapshotMethod::Reflink | SnapshotMethod::Copy
    ));
    assert!(snaps.iter().all(|s| s.method == method));
    eprintln!("this machine's pool filesystem snapshots by {method}");
    for (s, v) in snaps.iter().zip(&vols) {
        assert_eq!((s.volume.as_str(), s.group.as_str()), (v.as_str(), "g1"));
        assert_eq!(s.name, format!("g1.{v}"));
        assert_eq!(s.size_mb, 8);
        assert_eq!(s.labels["service"], "cass");
        assert_eq!(s.labels[GROUP_LABEL], "g1");
        assert_eq!(s.labels[VOLUME_LABEL], v.as_str());
        assert!(s.created_at.is_some());
        assert_eq!(d.inspect_snapshot(&s.id).await.unwrap().as_ref(), Some(s));
    }
    // A forced copy says so.
    let copying = open(dir.path(), |c| c.reflink(false));
    let copied = copying
        .snapshot_group(&vols[..1], "g2", &no_labels())
        .await
        .unwrap();
    assert_eq!(copied[0].method, SnapshotMethod::Copy);
    // Selection by group label, by caller label; counted in the pool.
    let by_group = BTreeMap::from([(GROUP_LABEL.to_owned(), "g1".to_owned())]);
    assert_eq!(d.list_snapshots(&by_group).await.unwrap(), snaps);
    assert_eq!(d.list_snapshots(&labels).await.unwrap().len(), 3);
    assert_eq!(d.list_snapshots(&no_labels()).await.unwrap().len(), 4);
    let usage = d.usage().unwrap();
    assert_eq!((usage.snapshots, usage.allocated_mb), (4, 3 * 8 + 4 * 8));
    // A taken name is refused; delete is idempotent; unknown and malformed ids are simply absent.
    let taken = d
        .snapshot_group(&vols, "g1", &no_labels())
        .await
        .unwrap_err();
    assert!(
        matches!(taken, VolumeError::SnapshotNameTaken { count: 3, .. }),
        "{taken}"
    );
    d.delete_snapshot(&copied[0].id).await.unwrap();
    d.delete_snapshot(&copied[0].id).await.unwrap();
    d.delete_snapshot("../../etc").await.unwrap();
    assert_eq!(d.inspect_snapshot("../../etc").await.unwrap(), None);
    assert_eq!(d.inspect_snapshot(&copied[0].id).await.unwrap(), None);
}

#[tokio::test]
async fn bad_group_requests_are_refused_before_anything_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c);
    volumes_with_data(&d, &names(2), 8).await;
    let reserved = BTreeMap::from([(GROUP_LABEL.to_owned(), "x".to_owned())]);
    for (vols, group, labels) in [
        (vec![], "g", no_labels()),
        (names(2), "../g", no_labels()),
        (
            vec!["vol-1".to_owned(), "vol-1".to_owned()],
            "g",
            no_labels(),
        ),
        (names(2), "g", reserved),
    ] {
        let e = d.snapshot_group(&vols, group, &labels).await.unwrap_err();
        assert!(
            matches!(
                e,
                VolumeError::InvalidSnapshotRequest { .. } | VolumeError::InvalidName { .. }
            ),
            "{e}"
        );
    }
    // A missing volume fails the group with the per-volume report.
    let mut vols = names(2);
    vols.push("ghost".into());
    let e = d
        .snapshot_group(&vols, "g", &no_labels())
        .await
        .unwrap_err();
    let VolumeError::GroupSnapshotFailed(report) = &e else {
        panic!("{e}");
    };
    assert_eq!(report.failed(), ["ghost"]);
    assert!(d.list_snapshots(&no_labels()).await.unwrap().is_empty());
}

#[tokio::test]
async fn restore_brings_back_the_exact_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c);
    let vols = names(2);
    volumes_with_data(&d, &vols, 8).await;
    let data = d.host_path("vol-1").unwrap();
    let before = tree_digest(&data);
    let other_before = tree_digest(&d.host_path("vol-2").unwrap());
    let snaps = d
        .snapshot_group(&vols, "before", &no_labels())
        .await
        .unwrap();
    // The volume changes: a file rewritten, one deleted, one added, a mode changed.
    std::fs::write(data.join("sub/dir/table.db"), b"corrupted").unwrap();
    std::fs::remove_file(data.join("current")).unwrap();
    std::fs::write(data.join("new-file"), b"new").unwrap();
    std::fs::set_permissions(data.join("run.sh"), std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_ne!(tree_digest(&data), before);
    // The snapshot itself did not change with the volume (reflink or copy, it is its own data).
    d.restore("vol-1", &snaps[0].id).await.unwrap();
    assert_eq!(tree_digest(&data), before);
    assert_eq!(tree_digest(&d.host_path("vol-2").unwrap()), other_before);
    // Restoring twice is fine; the snapshot is still there.
    d.restore("vol-1", &snaps[0].id).await.unwrap();
    assert_eq!(tree_digest(&data), before);
    assert!(dir_entries(&dir.path().join("pool/staging")).is_empty());
}

#[tokio::test]
async fn restore_is_refused_while_attached_and_into_another_volume() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c);
    let vols = names(2);
    volumes_with_data(&d, &vols, 8).await;
    let snaps = d.snapshot_group(&vols, "s", &no_labels()).await.unwrap();
    d.attach("vol-1", "node-2").await.unwrap();
    let e = d.restore("vol-1", &snaps[0].id).await.unwrap_err();
    assert!(
        matches!(&e, VolumeError::RestoreAttached { volume, node } if volume == "vol-1" && node == "node-2"),
        "{e}"
    );
    assert!(e.to_string().contains("node-2"), "{e}");
    d.detach("vol-1", "node-2").await.unwrap();
    let e = d.restore("vol-1", &snaps[1].id).await.unwrap_err();
    assert!(
        matches!(e, VolumeError::SnapshotOfOtherVolume { .. }),
        "{e}"
    );
    let missing = uuid::Uuid::new_v4().to_string();
    let e = d.restore("vol-1", &missing).await.unwrap_err();
    assert!(matches!(e, VolumeError::SnapshotNotFound { .. }), "{e}");
    let e = d.restore("nope", &snaps[0].id).await.unwrap_err();
    assert!(matches!(e, VolumeError::NotFound { .. }), "{e}");
}

#[tokio::test]
async fn clone_creates_a_new_volume_with_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c);
    let vols = names(1);
    volumes_with_data(&d, &vols, 8).await;
    let original = tree_digest(&d.host_path("vol-1").unwrap());
    let snaps = d.snapshot_group(&vols, "s", &no_labels()).await.unwrap();
    std::fs::write(
        d.host_path("vol-1").unwrap().join("later"),
        b"after the snapshot",
    )
    .unwrap();
    let req = VolumeRequest::new("copy-1", 8).label("service", "clone-svc");
    let v = d
        .create_from_snapshot(&snaps[0].id, &req, &placement())
        .await
        .unwrap();
    assert_eq!((v.name.as_str(), v.size_mb), ("copy-1", 8));
    assert_eq!(v.labels["service"], "clone-svc");
    assert_eq!(v.replica_nodes, ["node-1"]);
    assert_eq!(tree_digest(&d.host_path("copy-1").unwrap()), original);
    // Idempotent for the same snapshot; another snapshot or a plain volume of that name conflicts.
    let again = d
        .create_from_snapshot(&snaps[0].id, &req, &placement())
        .await
        .unwrap();
    assert_eq!(again.id, v.id);
    d.create(&VolumeRequest::new("plain", 8), &placement())
        .await
        .unwrap();
    let e = d
        .create_from_snapshot(&snaps[0].id, &VolumeRequest::new("plain", 8), &placement())
        .await
        .unwrap_err();
    assert!(matches!(e, VolumeError::Conflict { .. }), "{e}");
    let e = d
        .create_from_snapshot(&snaps[0].id, &VolumeRequest::new("tiny", 4), &placement())
        .await
        .unwrap_err();
    assert!(matches!(e, VolumeError::TooSmallForSnapshot { .. }), "{e}");
    // A larger clone is fine; the clone survives the snapshot's deletion.
    d.create_from_snapshot(
        &snaps[0].id,
        &VolumeRequest::new("bigger", 16),
        &placement(),
    )
    .await
    .unwrap();
    d.delete_snapshot(&snaps[0].id).await.unwrap();
    assert_eq!(tree_digest(&d.host_path("copy-1").unwrap()), original);
}

#[tokio::test]
async fn a_publish_interrupted_by_a_crash_is_rolled_back_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let d = open(dir.path(), |c| c);
    let vols = names(3);
    volumes_with_data(&d, &vols, 8).await;
    let snaps = d
        .snapshot_group(&vols, "crashed", &no_labels())
        .await
        .unwrap();
    let kept = d.snapshot_group(&vols, "kept", &no_labels()).await.unwrap();
    // What a crash between the journal and its removal leaves: the journal naming the first group.
    let journal = dir.path().join("pool/staging/publish-crash");
    std::fs::create_dir_all(&journal).unwrap();
    let ids: Vec<&str> = snaps.iter().map(|s| s.id.as_str()).collect();
    std::fs::write(
        journal.join("ids.json"),
        serde_json::to_vec(&serde_json::json!({ "ids": ids })).unwrap(),
    )
    .unwrap();
    drop(d);
    let reopened = open(dir.path(), |c| c);
    let left = reopened.list_snapshots(&no_labels()).await.unwrap();
    assert_eq!(left, kept);
    assert!(dir_entries(&dir.path().join("pool/staging")).is_empty());
}
