//! The local pool driver: the shared driver behaviour plus what only a pool on disk has (capacity,
//! cross-process locking, metadata files).

use std::collections::BTreeMap;
use std::sync::{Arc, Barrier};

use crate::volume_contract::*;
use pxfw::spec::model::VolumeType;
use pxfw::spec::volume::{ResolvedVolume, VolumeScope, VolumeSyntax, parse_fork_options};
use pxfw::volume::local::{LocalConfig, LocalDriver};
use pxfw::volume::{
    AttachAction, DriverConfig, DriverKind, ReplicaCandidates, VolumeDriver, VolumeError,
    VolumeRequest,
};

fn pool(capacity_mb: u64) -> (tempfile::TempDir, LocalDriver) {
    let dir = tempfile::tempdir().unwrap();
    let d = LocalDriver::open(LocalConfig::new(dir.path().join("pool")).capacity_mb(capacity_mb))
        .unwrap();
    (dir, d)
}

#[tokio::test]
async fn lifecycle_is_idempotent_and_exclusive() {
    let (_dir, d) = pool(10_000);
    lifecycle(&d).await;
}

#[tokio::test]
async fn three_replicas_land_on_three_racks() {
    let (_dir, d) = pool(10_000);
    replicas_on_distinct_racks(&d).await;
}

#[tokio::test]
async fn bad_names_are_rejected() {
    let (dir, d) = pool(10_000);
    bad_names_rejected(&d).await;
    // Nothing escaped the pool.
    assert!(!dir.path().join("escape").exists());
}

#[tokio::test]
async fn history_records_every_attach_and_detach_with_times() {
    let (_dir, d) = pool(10_000);
    history_has_the_current_attachment(&d).await;
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    d.create(&VolumeRequest::new("h-1", 8), &placement)
        .await
        .unwrap();
    d.attach("h-1", "node-1").await.unwrap();
    d.attach("h-1", "node-1").await.unwrap(); // idempotent: no second event
    d.detach("h-1", "node-1").await.unwrap();
    d.attach("h-1", "node-2").await.unwrap();
    d.force_detach("h-1", "node-2").await.unwrap();
    d.force_detach("h-1", "node-2").await.unwrap(); // idempotent
    let v = d.inspect("h-1").await.unwrap().unwrap();
    let events: Vec<(&str, AttachAction)> = v
        .attach_history
        .iter()
        .map(|e| (e.node.as_str(), e.action))
        .collect();
    assert_eq!(
        events,
        [
            ("node-1", AttachAction::Attach),
            ("node-1", AttachAction::Detach),
            ("node-2", AttachAction::Attach),
            ("node-2", AttachAction::ForceDetach),
        ]
    );
    assert!(v.attach_history.windows(2).all(|w| w[0].at <= w[1].at));
}

#[tokio::test]
async fn data_lives_in_the_host_path_and_metadata_is_portworx_like() {
    let (_dir, d) = pool(10_000);
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-4");
    let v = d
        .create(
            &VolumeRequest::new("data-0", 32).options(repl(2)),
            &placement,
        )
        .await
        .unwrap();
    let a = d.attach("data-0", "node-4").await.unwrap();
    std::fs::write(a.host_path.join("file"), b"kept").unwrap();
    assert_eq!(a.host_path, d.root().join("volumes/data-0/data"));
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.root().join("volumes/data-0/meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["volume"]["attached_node"], "node-4");
    assert_eq!(meta["volume"]["replica_nodes"][0], "node-4");
    assert_eq!(meta["volume"]["id"], v.id.as_str());
    // Another process opening the same pool sees the same state.
    let again = LocalDriver::open(LocalConfig::new(d.root())).unwrap();
    assert_eq!(
        again
            .inspect("data-0")
            .await
            .unwrap()
            .unwrap()
            .attached_node
            .as_deref(),
        Some("node-4")
    );
    assert_eq!(
        again.usage().unwrap().capacity_mb,
        10_000,
        "capacity is kept in pool.json"
    );
    assert_eq!(
        std::fs::read(again.host_path("data-0").unwrap().join("file")).unwrap(),
        b"kept"
    );
}

#[tokio::test]
async fn a_full_pool_is_a_clear_error() {
    let (_dir, d) = pool(100);
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    d.create(&VolumeRequest::new("big-0", 60), &placement)
        .await
        .unwrap();
    let e = d
        .create(&VolumeRequest::new("big-1", 60), &placement)
        .await
        .unwrap_err();
    match &e {
        VolumeError::PoolFull {
            requested_mb,
            free_mb,
            capacity_mb,
            ..
        } => {
            assert_eq!((*requested_mb, *free_mb, *capacity_mb), (60, 40, 100));
        }
        other => panic!("expected PoolFull, got {other}"),
    }
    assert!(
        e.to_string().contains("full") && e.to_string().contains("big-1"),
        "{e}"
    );
    // An existing volume is still returned: a repeat is not a new allocation.
    d.create(&VolumeRequest::new("big-0", 60), &placement)
        .await
        .unwrap();
    d.create(&VolumeRequest::new("fits-0", 40), &placement)
        .await
        .unwrap();
    let usage = d.usage().unwrap();
    assert_eq!((usage.allocated_mb, usage.volumes), (100, 2));
    // Deleting frees the space.
    d.delete("big-0").await.unwrap();
    d.create(&VolumeRequest::new("big-1", 60), &placement)
        .await
        .unwrap();
}

#[test]
fn concurrent_creators_create_once_and_never_overcommit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pool");
    LocalDriver::open(LocalConfig::new(&root).capacity_mb(10 * 8)).unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let (root, barrier) = (root.clone(), barrier.clone());
            std::thread::spawn(move || {
                // Each thread opens the pool itself, like a separate process would.
                let d = LocalDriver::open(LocalConfig::new(&root)).unwrap();
                let rt = tokio::runtime::Builder::new_current_thread()
                    .build()
                    .unwrap();
                barrier.wait();
                rt.block_on(async {
                    let placement =
                        ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
                    let shared = d
                        .create(&VolumeRequest::new("same-0", 8), &placement)
                        .await
                        .unwrap();
                    let mut made = Vec::new();
                    for i in 0..8 {
                        match d
                            .create(&VolumeRequest::new(format!("t{t}-{i}"), 8), &placement)
                            .await
                        {
                            Ok(v) => made.push(v.name),
                            Err(VolumeError::PoolFull { .. }) => {}
                            Err(e) => panic!("{e}"),
                        }
                    }
                    (shared.id, made.len())
                })
            })
        })
        .collect();
    let results: Vec<(String, usize)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        results[0].0, results[1].0,
        "both threads got the same volume"
    );
    assert_eq!(
        results[0].1 + results[1].1,
        9,
        "capacity 80 MB = the shared volume + 9 more"
    );
    let d = LocalDriver::open(LocalConfig::new(&root)).unwrap();
    let usage = d.usage().unwrap();
    assert_eq!((usage.volumes, usage.allocated_mb), (10, 80));
    let entries = std::fs::read_dir(root.join("volumes")).unwrap().count();
    assert_eq!(entries, 10);
}

#[tokio::test]
async fn requests_come_from_spec_volumes() {
    let (raw, dropped) = parse_fork_options("repl=3,io_priority=high,bogus");
    let resolved = ResolvedVolume {
        scope: VolumeScope::Pod,
        syntax: VolumeSyntax::Fork,
        kind: VolumeType::Docker,
        container_path: "container-path".into(),
        size_mb: Some(512),
        driver: Some("pxd".into()),
        base_name: Some("Cassandra".into()),
        driver_options: raw,
        dropped_options: dropped,
        shared: false,
    };
    let req = VolumeRequest::from_resolved(&resolved, 2)
        .unwrap()
        .label("service", "cassandra");
    assert_eq!(
        (req.name.as_str(), req.size_mb, req.options.repl),
        ("Cassandra-2", 512, 3)
    );
    let (_dir, d) = pool(10_000);
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-5");
    let v = d.create(&req, &placement).await.unwrap();
    assert_eq!(v.replica_nodes.len(), 3);

    let upstream = ResolvedVolume {
        syntax: VolumeSyntax::Upstream,
        size_mb: None,
        driver_options: vec![("size".into(), "2".into())],
        base_name: Some("svc-node".into()),
        ..resolved.clone()
    };
    assert_eq!(
        VolumeRequest::from_resolved(&upstream, 0).unwrap().size_mb,
        2048
    );
    let sizeless = ResolvedVolume {
        driver_options: vec![],
        ..upstream.clone()
    };
    assert!(matches!(
        VolumeRequest::from_resolved(&sizeless, 0),
        Err(VolumeError::NoSize { .. })
    ));
    let local = ResolvedVolume {
        syntax: VolumeSyntax::Local,
        kind: VolumeType::Root,
        base_name: None,
        ..resolved
    };
    assert!(matches!(
        VolumeRequest::from_resolved(&local, 0),
        Err(VolumeError::NotExternal { .. })
    ));
}

#[tokio::test]
async fn replica_count_beyond_the_cluster_is_refused() {
    let (_dir, d) = pool(10_000);
    let two = five_nodes_three_racks().into_iter().take(2).collect();
    let e = d
        .create(
            &VolumeRequest::new("r-0", 1).options(repl(3)),
            &ReplicaCandidates::new(two),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            VolumeError::NotEnoughNodes {
                repl: 3,
                available: 2,
                ..
            }
        ),
        "{e}"
    );
    assert!(d.inspect("r-0").await.unwrap().is_none());
}

#[tokio::test]
async fn corrupt_metadata_is_reported_with_its_path() {
    let (_dir, d) = pool(10_000);
    let placement = ReplicaCandidates::new(five_nodes_three_racks());
    d.create(&VolumeRequest::new("c-0", 1), &placement)
        .await
        .unwrap();
    std::fs::write(d.root().join("volumes/c-0/meta.json"), b"{not json").unwrap();
    let e = d.inspect("c-0").await.unwrap_err().to_string();
    assert!(e.contains("meta.json") && e.contains("corrupt"), "{e}");
}

#[tokio::test]
async fn the_constructor_opens_the_configured_driver() {
    let dir = tempfile::tempdir().unwrap();
    let d = pxfw::volume::open(DriverConfig::Local(LocalConfig::new(dir.path()))).unwrap();
    assert_eq!(d.kind(), DriverKind::Local);
    assert!(d.list(&BTreeMap::new()).await.unwrap().is_empty());
}
