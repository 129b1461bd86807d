//! Group snapshots, restore and clone through the Portworx driver against the in-repo OpenStorage fake:
//! the exact legacy group request, `delete_on_failure` when the third of five volumes fails, the SDK
//! restore and clone requests, and the data they move.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::portworx_fake::{FakeConfig, FakeNode, FakeOpenStorage, RecordedRequest};
use pxfw::portworx::legacy::GroupSnapCreateRequest;
use pxfw::portworx::{LegacyClient, OpenStorageClient as SdkClient};
use pxfw::volume::portworx::{PortworxConfig, PortworxDriver};
use pxfw::volume::{
    GROUP_LABEL, NodeTopology, ReplicaCandidates, SnapshotMethod, VOLUME_LABEL, VolumeDriver,
    VolumeError, VolumeRequest, VolumeSnapshotOutcome,
};
use serde_json::json;

struct Setup {
    fake: FakeOpenStorage,
    driver: PortworxDriver,
    _mounts: tempfile::TempDir,
    _data: tempfile::TempDir,
}

async fn setup() -> Setup {
    let data = tempfile::tempdir().unwrap();
    let fake = FakeOpenStorage::start(FakeConfig {
        nodes: vec![
            FakeNode::new("node-1").rack("r1"),
            FakeNode::new("node-2").rack("r2"),
        ],
        token: None,
        data_dir: Some(data.path().to_owned()),
    })
    .await
    .unwrap();
    let mounts = tempfile::tempdir().unwrap();
    let mut config = PortworxConfig::new(fake.endpoint());
    config.mount_root = mounts.path().to_owned();
    config.legacy_endpoint = Some(fake.legacy_endpoint());
    let driver = PortworxDriver::new(config).unwrap();
    Setup {
        fake,
        driver,
        _mounts: mounts,
        _data: data,
    }
}

fn placement() -> ReplicaCandidates {
    ReplicaCandidates::new(vec![
        NodeTopology::new("node-1").rack("r1"),
        NodeTopology::new("node-2").rack("r2"),
    ])
    .preferring("node-1")
}

fn names(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("px-{i}")).collect()
}

/// Creates the volumes and writes a file into each one's data; returns their Portworx ids.
async fn volumes(s: &Setup, names: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for name in names {
        let v = s
            .driver
            .create(&VolumeRequest::new(name, 64), &placement())
            .await
            .unwrap();
        std::fs::write(
            s.fake.data_path(&v.id).unwrap().join("data"),
            format!("original {name}"),
        )
        .unwrap();
        ids.push(v.id);
    }
    ids
}

fn requests_to(s: &Setup, method: &str, path: &str) -> Vec<RecordedRequest> {
    s.fake
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path == path)
        .collect()
}

fn no_labels() -> BTreeMap<String, String> {
    BTreeMap::new()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[tokio::test]
async fn the_group_is_one_legacy_snapshotgroup_request_with_delete_on_failure() {
    let s = setup().await;
    let vols = names(5);
    let ids = volumes(&s, &vols).await;
    s.fake.clear_requests();
    let labels = BTreeMap::from([("service".to_owned(), "cass".to_owned())]);
    let snaps = s
        .driver
        .snapshot_group(&vols, "nightly", &labels)
        .await
        .unwrap();
    let group = requests_to(&s, "POST", "/v1/osd-snapshot/snapshotgroup");
    assert_eq!(group.len(), 1);
    assert_eq!(
        group[0].body,
        Some(json!({"volume_ids": ids, "delete_on_failure": true}))
    );
    // Then each snapshot is labelled through the SDK with its group and volume.
    let updates: Vec<_> = s
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(updates.len(), 5);
    assert_eq!(
        updates[0].body,
        Some(json!({"labels": {
            "pxfw/snapshot-group": "nightly", "pxfw/snapshot-of": "px-1", "service": "cass"
        }}))
    );
    for ((snap, vol), id) in snaps.iter().zip(&vols).zip(&ids) {
        assert_eq!(snap.volume, *vol);
        assert_eq!(snap.group, "nightly");
        assert_eq!(snap.method, SnapshotMethod::Portworx);
        assert_eq!(snap.size_mb, 64);
        assert_eq!(snap.labels["service"], "cass");
        let stored = &s.fake.volumes()[&snap.id];
        assert!(stored.readonly);
        assert_eq!(stored.source.as_ref().unwrap().parent, *id);
        // The fake copied the data at the cut.
        assert_eq!(
            read(&s.fake.data_path(&snap.id).unwrap().join("data")),
            format!("original {vol}")
        );
    }
    // Snapshots are listed by group, inspected by id, and never seen as volumes.
    let by_group = BTreeMap::from([(GROUP_LABEL.to_owned(), "nightly".to_owned())]);
    assert_eq!(s.driver.list_snapshots(&by_group).await.unwrap(), snaps);
    assert_eq!(
        s.driver
            .inspect_snapshot(&snaps[2].id)
            .await
            .unwrap()
            .as_ref(),
        Some(&snaps[2])
    );
    let listed = s.driver.list(&no_labels()).await.unwrap();
    assert_eq!(listed.len(), 5);
    assert!(s.driver.inspect_snapshot(&ids[0]).await.unwrap().is_none());
    // A taken name is refused before anything is asked of Portworx.
    s.fake.clear_requests();
    let e = s
        .driver
        .snapshot_group(&vols, "nightly", &no_labels())
        .await
        .unwrap_err();
    assert!(
        matches!(e, VolumeError::SnapshotNameTaken { count: 5, .. }),
        "{e}"
    );
    assert!(requests_to(&s, "POST", "/v1/osd-snapshot/snapshotgroup").is_empty());
}

#[tokio::test]
async fn a_failure_on_the_third_of_five_volumes_leaves_no_snapshot() {
    let s = setup().await;
    let vols = names(5);
    let ids = volumes(&s, &vols).await;
    s.fake.fail_group_snapshot_at(3, "pool is out of space");
    let e = s
        .driver
        .snapshot_group(&vols, "nightly", &no_labels())
        .await
        .unwrap_err();
    let VolumeError::GroupSnapshotFailed(report) = &e else {
        panic!("{e}");
    };
    assert_eq!(report.failed(), ["px-3"], "{e}");
    let failed = &report.volumes[2].outcome;
    assert!(
        matches!(failed, VolumeSnapshotOutcome::Failed { reason } if reason.contains(&ids[2]) && reason.contains("out of space")),
        "{e}"
    );
    for i in [0, 1, 3, 4] {
        assert_eq!(
            report.volumes[i].outcome,
            VolumeSnapshotOutcome::Discarded,
            "{e}"
        );
    }
    // Portworx honoured delete_on_failure: the two snapshots it had taken are gone.
    assert!(s.fake.snapshots().is_empty());
    assert_eq!(s.fake.volumes().len(), 5);
    assert!(
        s.driver
            .list_snapshots(&no_labels())
            .await
            .unwrap()
            .is_empty()
    );
    // No label update was attempted.
    assert!(s.fake.requests().iter().all(|r| r.method != "PUT"));
}

#[tokio::test]
async fn without_delete_on_failure_the_fake_keeps_partial_snapshots_and_reports_in_band() {
    let s = setup().await;
    let vols = names(5);
    let ids = volumes(&s, &vols).await;
    s.fake.fail_group_snapshot_at(3, "pool is out of space");
    let sdk = SdkClient::new(
        s.fake.endpoint(),
        None,
        pxfw::cluster::config::TlsMode::Verify,
        std::time::Duration::from_secs(10),
    )
    .unwrap();
    let legacy = LegacyClient::new(&sdk, s.fake.legacy_endpoint()).unwrap();
    let answer = legacy
        .snapshot_group(&GroupSnapCreateRequest {
            volume_ids: ids.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    let entry = |i: usize| {
        answer.snapshots[&ids[i]]
            .volume_create_response
            .clone()
            .unwrap()
    };
    assert!(entry(2).error().unwrap().contains("out of space"));
    assert!([0, 1, 3, 4].iter().all(|&i| entry(i).error().is_none()));
    assert_eq!(s.fake.snapshots().len(), 4);
}

#[tokio::test]
async fn restore_is_refused_while_attached_then_restores_the_data() {
    let s = setup().await;
    let vols = names(2);
    let ids = volumes(&s, &vols).await;
    let snaps = s
        .driver
        .snapshot_group(&vols, "s", &no_labels())
        .await
        .unwrap();
    let data = s.fake.data_path(&ids[0]).unwrap().join("data");
    std::fs::write(&data, "changed after the snapshot").unwrap();
    s.driver.attach("px-1", "node-2").await.unwrap();
    let e = s.driver.restore("px-1", &snaps[0].id).await.unwrap_err();
    assert!(
        matches!(&e, VolumeError::RestoreAttached { node, .. } if node == "node-2"),
        "{e}"
    );
    s.driver.detach("px-1", "node-2").await.unwrap();
    let e = s.driver.restore("px-1", &snaps[1].id).await.unwrap_err();
    assert!(
        matches!(e, VolumeError::SnapshotOfOtherVolume { .. }),
        "{e}"
    );
    let e = s.driver.restore("px-1", "4242").await.unwrap_err();
    assert!(matches!(e, VolumeError::SnapshotNotFound { .. }), "{e}");
    s.fake.clear_requests();
    s.driver.restore("px-1", &snaps[0].id).await.unwrap();
    let restores = requests_to(&s, "POST", "/v1/volumes/snapshots/restore");
    assert_eq!(restores.len(), 1);
    assert_eq!(
        restores[0].body,
        Some(json!({"volume_id": ids[0], "snapshot_id": snaps[0].id}))
    );
    // The driver waited out VOLUME_STATE_RESTORE: at least two inspects of the volume after the call.
    let polls = requests_to(
        &s,
        "GET",
        &format!("/v1/volumes/inspect/{}?options.deep=true", ids[0]),
    );
    assert!(polls.len() >= 2, "{polls:?}");
    assert_eq!(read(&data), "original px-1");
}

#[tokio::test]
async fn clone_makes_a_writable_volume_with_the_snapshot_data() {
    let s = setup().await;
    let vols = names(1);
    volumes(&s, &vols).await;
    let snaps = s
        .driver
        .snapshot_group(&vols, "s", &no_labels())
        .await
        .unwrap();
    s.fake.clear_requests();
    let req = VolumeRequest::new("px-copy", 128).label("service", "copy");
    let v = s
        .driver
        .create_from_snapshot(&snaps[0].id, &req, &placement())
        .await
        .unwrap();
    let clones = requests_to(&s, "POST", "/v1/volumes/clone");
    assert_eq!(
        clones[0].body,
        Some(json!({"name": "px-copy", "parent_id": snaps[0].id,
                    "additional_labels": {"service": "copy"}}))
    );
    let update = requests_to(&s, "PUT", &format!("/v1/volumes/{}", v.id));
    assert_eq!(
        update[0].body,
        Some(
            json!({"labels": {"pxfw/snapshot-group": "", "pxfw/snapshot-of": "", "service": "copy"},
                    "spec": {"size": (128u64 << 20).to_string()}})
        )
    );
    assert_eq!((v.name.as_str(), v.size_mb), ("px-copy", 128));
    assert_eq!(
        v.labels,
        BTreeMap::from([("service".into(), "copy".into())])
    );
    assert!(!v.labels.contains_key(VOLUME_LABEL));
    assert_eq!(
        read(&s.fake.data_path(&v.id).unwrap().join("data")),
        "original px-1"
    );
    assert!(!s.fake.volumes()[&v.id].readonly);
    // Idempotent; a clone is a volume, not a snapshot.
    let again = s
        .driver
        .create_from_snapshot(&snaps[0].id, &req, &placement())
        .await
        .unwrap();
    assert_eq!(again.id, v.id);
    assert_eq!(
        s.driver.list_snapshots(&no_labels()).await.unwrap().len(),
        1
    );
    assert!(s.driver.inspect("px-copy").await.unwrap().is_some());
    let e = s
        .driver
        .create_from_snapshot(&snaps[0].id, &VolumeRequest::new("px-1", 64), &placement())
        .await
        .unwrap_err();
    assert!(matches!(e, VolumeError::Conflict { .. }), "{e}");
    let e = s
        .driver
        .create_from_snapshot(&snaps[0].id, &VolumeRequest::new("tiny", 1), &placement())
        .await
        .unwrap_err();
    assert!(matches!(e, VolumeError::TooSmallForSnapshot { .. }), "{e}");
}

#[tokio::test]
async fn delete_snapshot_is_idempotent_and_never_deletes_a_volume() {
    let s = setup().await;
    let vols = names(1);
    let ids = volumes(&s, &vols).await;
    let snaps = s
        .driver
        .snapshot_group(&vols, "s", &no_labels())
        .await
        .unwrap();
    let e = s.driver.delete_snapshot(&ids[0]).await.unwrap_err();
    assert!(
        matches!(e, VolumeError::InvalidSnapshotRequest { .. }),
        "{e}"
    );
    assert!(s.fake.volumes().contains_key(&ids[0]));
    s.driver.delete_snapshot(&snaps[0].id).await.unwrap();
    s.driver.delete_snapshot(&snaps[0].id).await.unwrap();
    assert!(s.fake.snapshots().is_empty());
    assert_eq!(s.driver.inspect_snapshot(&snaps[0].id).await.unwrap(), None);
}
