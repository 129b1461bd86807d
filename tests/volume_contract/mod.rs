//! The behaviour every `VolumeDriver` must show, run against each driver by its own test file.

use std::collections::{BTreeMap, BTreeSet};

use pxfw::volume::{
    AttachAction, NodeTopology, ReplicaCandidates, VolumeDriver, VolumeError, VolumeOptions,
    VolumeRequest,
};

/// Five agents `node-1`…`node-5` on three racks (`node-i` on `rack-((i-1)%3+1)`).
pub fn five_nodes_three_racks() -> Vec<NodeTopology> {
    (1..=5)
        .map(|i| NodeTopology::new(format!("node-{i}")).rack(format!("rack-{}", (i - 1) % 3 + 1)))
        .collect()
}

pub fn rack_of(node: &str) -> String {
    five_nodes_three_racks()
        .into_iter()
        .find(|n| n.id == node)
        .and_then(|n| n.rack)
        .unwrap_or_default()
}

pub fn repl(n: u32) -> VolumeOptions {
    VolumeOptions {
        repl: n,
        ..Default::default()
    }
}

/// Create, attach, detach and delete are idempotent; attachment is exclusive.
pub async fn lifecycle(d: &dyn VolumeDriver) {
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-2");
    let req = VolumeRequest::new("life-0", 64).label("service", "life");
    let v1 = d.create(&req, &placement).await.unwrap();
    assert_eq!(v1.name, "life-0");
    assert_eq!(v1.size_mb, 64);
    assert_eq!(v1.replica_nodes, vec!["node-2".to_owned()]);
    assert_eq!(v1.attached_node, None);
    assert_eq!(v1.labels.get("service").map(String::as_str), Some("life"));
    // Same name and size: the same volume, not a second one.
    let v2 = d.create(&req, &placement).await.unwrap();
    assert_eq!(v2.id, v1.id);
    // Same name, other size: a clear error.
    let e = d
        .create(&VolumeRequest::new("life-0", 128), &placement)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            VolumeError::SizeMismatch {
                existing_mb: 64,
                requested_mb: 128,
                ..
            }
        ),
        "{e}"
    );

    let a1 = d.attach("life-0", "node-2").await.unwrap();
    assert_eq!(a1.node, "node-2");
    assert_eq!(a1.host_path, d.host_path("life-0").unwrap());
    assert_eq!(d.attach("life-0", "node-2").await.unwrap(), a1);
    let e = d.attach("life-0", "node-3").await.unwrap_err();
    match &e {
        VolumeError::AttachedElsewhere {
            attached,
            requested,
            ..
        } => {
            assert_eq!(
                (attached.as_str(), requested.as_str()),
                ("node-2", "node-3")
            );
        }
        other => panic!("expected AttachedElsewhere, got {other}"),
    }
    assert!(e.to_string().contains("node-2"), "{e}");
    let e = d.delete("life-0").await.unwrap_err();
    assert!(
        matches!(e, VolumeError::StillAttached { ref node, .. } if node == "node-2"),
        "{e}"
    );

    // A detach from a node that does not hold the volume leaves the attachment alone.
    d.detach("life-0", "node-3").await.unwrap();
    let v = d.inspect("life-0").await.unwrap().unwrap();
    assert_eq!(v.attached_node.as_deref(), Some("node-2"));
    d.detach("life-0", "node-2").await.unwrap();
    d.detach("life-0", "node-2").await.unwrap();
    assert_eq!(
        d.inspect("life-0").await.unwrap().unwrap().attached_node,
        None
    );

    // Now another node may attach.
    d.attach("life-0", "node-3").await.unwrap();
    d.detach("life-0", "node-3").await.unwrap();

    let labelled = d
        .list(&BTreeMap::from([("service".into(), "life".into())]))
        .await
        .unwrap();
    assert_eq!(
        labelled.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        ["life-0"]
    );
    assert!(
        d.list(&BTreeMap::from([("service".into(), "other".into())]))
            .await
            .unwrap()
            .is_empty()
    );

    d.delete("life-0").await.unwrap();
    d.delete("life-0").await.unwrap();
    assert!(d.inspect("life-0").await.unwrap().is_none());
    assert!(matches!(
        d.attach("life-0", "node-2").await.unwrap_err(),
        VolumeError::NotFound { .. }
    ));
    d.detach("life-0", "node-2").await.unwrap();
}

/// `repl=3` on five nodes over three racks: three racks, first replica on the pod's node.
pub async fn replicas_on_distinct_racks(d: &dyn VolumeDriver) {
    for (i, pod_node) in ["node-1", "node-4", "node-5"].iter().enumerate() {
        let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring(*pod_node);
        let req = VolumeRequest::new(format!("spread-{i}"), 16).options(repl(3));
        let v = d.create(&req, &placement).await.unwrap();
        assert_eq!(v.repl, 3);
        assert_eq!(v.replica_nodes.len(), 3, "{v:?}");
        assert_eq!(&v.replica_nodes[0], pod_node);
        let racks: BTreeSet<String> = v.replica_nodes.iter().map(|n| rack_of(n)).collect();
        assert_eq!(
            racks.len(),
            3,
            "replicas {:?} share a rack",
            v.replica_nodes
        );
    }
}

/// Bad names never reach the backend.
pub async fn bad_names_rejected(d: &dyn VolumeDriver) {
    let placement = ReplicaCandidates::new(five_nodes_three_racks());
    for name in ["", "..", "../escape", "a/b", ".hidden", "with space"] {
        let e = d
            .create(&VolumeRequest::new(name, 1), &placement)
            .await
            .unwrap_err();
        assert!(matches!(e, VolumeError::InvalidName { .. }), "{name}: {e}");
        assert!(matches!(
            d.attach(name, "node-1").await,
            Err(VolumeError::InvalidName { .. })
        ));
        assert!(matches!(
            d.delete(name).await,
            Err(VolumeError::InvalidName { .. })
        ));
        assert!(d.host_path(name).is_err());
    }
}

/// Attach history: the local driver keeps every event; others at least the current attachment.
pub async fn history_has_the_current_attachment(d: &dyn VolumeDriver) {
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    d.create(&VolumeRequest::new("hist-0", 8), &placement)
        .await
        .unwrap();
    d.attach("hist-0", "node-1").await.unwrap();
    let v = d.inspect("hist-0").await.unwrap().unwrap();
    let last = v.attach_history.last().expect("an attach event");
    assert_eq!(
        (last.node.as_str(), last.action),
        ("node-1", AttachAction::Attach)
    );
    d.detach("hist-0", "node-1").await.unwrap();
    d.delete("hist-0").await.unwrap();
}
