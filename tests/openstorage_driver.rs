//! The Portworx driver against the in-repo OpenStorage fake: the shared driver behaviour, the exact
//! requests on the wire, error decoding and injected failures.

use std::collections::BTreeSet;

use crate::support::portworx_fake::{FakeConfig, FakeNode, FakeOp, FakeOpenStorage};
use crate::volume_contract::*;
use pxfw::portworx::types::Status;
use pxfw::portworx::{GrpcCode, OpenStorageError as SdkError};
use pxfw::volume::portworx::{PortworxConfig, PortworxDriver};
use pxfw::volume::{ReplicaCandidates, VolumeDriver, VolumeError, VolumeRequest};
use serde_json::json;

/// The fake with the five agents of the contract tests (hostname = agent node id).
async fn fake_with(token: Option<&str>, data_dir: Option<std::path::PathBuf>) -> FakeOpenStorage {
    let nodes = five_nodes_three_racks()
        .into_iter()
        .map(|t| FakeNode::new(t.id.clone()).rack(t.rack.unwrap_or_default()))
        .collect();
    FakeOpenStorage::start(FakeConfig {
        nodes,
        token: token.map(str::to_owned),
        data_dir,
    })
    .await
    .unwrap()
}

fn driver(
    fake: &FakeOpenStorage,
    token: Option<&str>,
    mount_root: &std::path::Path,
) -> PortworxDriver {
    let mut config = PortworxConfig::new(fake.endpoint());
    config.token = token.map(str::to_owned);
    config.mount_root = mount_root.to_owned();
    PortworxDriver::new(config).unwrap()
}

#[tokio::test]
async fn lifecycle_is_idempotent_and_exclusive() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    lifecycle(&driver(&fake, None, mounts.path())).await;
    assert!(fake.volume("life-0").is_none());
}

#[tokio::test]
async fn three_replicas_land_on_three_racks() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    replicas_on_distinct_racks(&driver(&fake, None, mounts.path())).await;
    // Portworx itself holds them as storage node ids.
    let v = fake.volume("spread-0").unwrap();
    let ids: BTreeSet<&str> = v.replica_sets[0].nodes.iter().map(String::as_str).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.contains("px-node-1"));
}

#[tokio::test]
async fn bad_names_never_reach_portworx() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    bad_names_rejected(&driver(&fake, None, mounts.path())).await;
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn history_shows_the_current_attachment() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    history_has_the_current_attachment(&driver(&fake, None, mounts.path())).await;
}

#[tokio::test]
async fn create_sends_the_exact_sdk_request() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    let d = driver(&fake, None, mounts.path());
    let mut options = repl(3);
    options.group = Some("cassandra".into());
    options.fs = Some("xfs".into());
    options.other.insert("io_profile".into(), "db".into());
    let req = VolumeRequest::new("cassandra-node-0-data", 10 * 1024)
        .options(options)
        .label("service", "cassandra")
        .label("pod", "node-0");
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    let v = d.create(&req, &placement).await.unwrap();

    let reqs = fake.requests();
    let create = reqs
        .iter()
        .find(|r| r.method == "POST" && r.path == "/v1/volumes")
        .expect("a create request");
    assert_eq!(
        create.body,
        Some(json!({
            "name": "cassandra-node-0-data",
            "spec": {
                "size": "10737418240",
                "format": "FS_TYPE_XFS",
                "ha_level": "3",
                "group": {"id": "cassandra"},
                "replica_set": {"nodes": ["px-node-1", "px-node-2", "px-node-3"]}
            },
            "labels": {"io_profile": "db", "pod": "node-0", "service": "cassandra"}
        }))
    );
    let paths: Vec<String> = reqs
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        [
            "GET /v1/nodes/filters".to_owned(),
            "POST /v1/volumes".to_owned(),
            format!("GET /v1/volumes/inspect/{}?options.deep=true", v.id),
        ]
    );
    assert_eq!(v.replica_nodes, ["node-1", "node-2", "node-3"]);
    assert_eq!(v.group.as_deref(), Some("cassandra"));
    assert_eq!(v.size_mb, 10 * 1024);
    assert!(v.created_at.is_some());
    assert!(reqs.iter().all(|r| r.authorization.is_none()));
}

#[tokio::test]
async fn attach_and_mount_go_to_the_chosen_node_and_detach_unmounts_there() {
    let data = tempfile::tempdir().unwrap();
    let fake = fake_with(None, Some(data.path().to_owned())).await;
    let mounts = tempfile::tempdir().unwrap();
    let d = driver(&fake, None, mounts.path());
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-4");
    let v = d
        .create(
            &VolumeRequest::new("data-0", 64).options(repl(2)),
            &placement,
        )
        .await
        .unwrap();
    fake.clear_requests();

    let a = d.attach("data-0", "node-4").await.unwrap();
    assert_eq!(a.host_path, mounts.path().join("data-0"));
    let node4 = fake.node_ip("px-node-4").unwrap().to_string();
    assert_eq!(fake.volume("data-0").unwrap().attached_on, node4);
    let on_node: Vec<(String, String, Option<serde_json::Value>)> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/mountattach/"))
        .map(|r| (r.node, r.path, r.body))
        .collect();
    let mount_path = a.host_path.display().to_string();
    assert_eq!(
        on_node,
        [
            (
                "px-node-4".into(),
                "/v1/mountattach/attach".into(),
                Some(json!({"volume_id": v.id}))
            ),
            (
                "px-node-4".into(),
                "/v1/mountattach/mount".into(),
                Some(json!({"volume_id": v.id, "mount_path": mount_path}))
            ),
        ]
    );
    // The fake mounts for real: the task writes through the host path.
    std::fs::write(a.host_path.join("counter"), b"41").unwrap();

    fake.clear_requests();
    d.detach("data-0", "node-4").await.unwrap();
    let on_node: Vec<(String, String, Option<serde_json::Value>)> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/mountattach/"))
        .map(|r| (r.node, r.path, r.body))
        .collect();
    assert_eq!(
        on_node,
        [
            (
                "px-node-4".into(),
                "/v1/mountattach/unmount".into(),
                Some(
                    json!({"volume_id": v.id, "mount_path": mount_path, "options": {"delete_mount_path": true}})
                )
            ),
            (
                "px-node-4".into(),
                "/v1/mountattach/detach".into(),
                Some(json!({"volume_id": v.id}))
            ),
        ]
    );
    assert!(!a.host_path.exists());

    // The data follows the volume to another node.
    let b = d.attach("data-0", "node-1").await.unwrap();
    assert_eq!(std::fs::read(b.host_path.join("counter")).unwrap(), b"41");
    d.detach("data-0", "node-1").await.unwrap();
}

#[tokio::test]
async fn a_lost_node_is_force_detached_from_another_node() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    let d = driver(&fake, None, mounts.path());
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-2");
    let v = d
        .create(
            &VolumeRequest::new("lost-0", 8).options(repl(2)),
            &placement,
        )
        .await
        .unwrap();
    d.attach("lost-0", "node-2").await.unwrap();
    fake.set_stuck_attached("lost-0", true);

    // A plain detach on a stuck volume reports Portworx's reason.
    let e = d.detach("lost-0", "node-2").await.unwrap_err().to_string();
    assert!(
        e.contains("device busy") && e.contains("Internal") && e.contains("HTTP 500"),
        "{e}"
    );

    fake.set_node_status("px-node-2", Status::Offline);
    fake.clear_requests();
    d.force_detach("lost-0", "node-2").await.unwrap();
    let forced = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/v1/mountattach/detach")
        .unwrap();
    assert_ne!(forced.node, "px-node-2", "the lost node cannot be asked");
    assert_eq!(
        forced.body,
        Some(json!({"volume_id": v.id, "options": {"force": true}}))
    );
    assert_eq!(
        d.inspect("lost-0").await.unwrap().unwrap().attached_node,
        None
    );
    d.force_detach("lost-0", "node-2").await.unwrap();
    d.attach("lost-0", "node-3").await.unwrap();
}

#[tokio::test]
async fn an_offline_holder_lets_another_node_take_over() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    let d = driver(&fake, None, mounts.path());
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    d.create(
        &VolumeRequest::new("take-0", 8).options(repl(2)),
        &placement,
    )
    .await
    .unwrap();
    d.attach("take-0", "node-1").await.unwrap();
    // The driver refuses while Portworx says node-1 holds it ...
    assert!(matches!(
        d.attach("take-0", "node-2").await,
        Err(VolumeError::AttachedElsewhere { .. })
    ));
    // ... and Portworx itself refuses a direct attach while node-1 is online.
    let vid = fake.volume("take-0").unwrap().id;
    let client = pxfw::portworx::OpenStorageClient::new(
        fake.node_endpoint("px-node-2").unwrap(),
        None,
        pxfw::cluster::config::TlsMode::Verify,
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let attach = pxfw::portworx::types::VolumeAttachRequest {
        volume_id: vid.clone(),
        ..Default::default()
    };
    let e = client.attach(&attach).await.unwrap_err();
    assert_eq!(e.code(), Some(GrpcCode::FailedPrecondition));
    assert!(matches!(e, SdkError::Api { status: 400, .. }), "{e}");
    fake.set_node_status("px-node-1", Status::Offline);
    client.attach(&attach).await.unwrap();
    assert_eq!(
        fake.volume("take-0").unwrap().attached_on,
        fake.node_ip("px-node-2").unwrap().to_string()
    );
}

#[tokio::test]
async fn injected_failures_give_clear_errors_and_leave_nothing_behind() {
    let fake = fake_with(None, None).await;
    let mounts = tempfile::tempdir().unwrap();
    let d = driver(&fake, None, mounts.path());
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    fake.fail_nth(
        FakeOp::Create,
        2,
        GrpcCode::Unavailable,
        "pool is rebalancing",
    );
    d.create(&VolumeRequest::new("f-0", 8), &placement)
        .await
        .unwrap();
    let e = d
        .create(&VolumeRequest::new("f-1", 8), &placement)
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(
        matches!(&e, VolumeError::Backend(s) if s.code() == Some(GrpcCode::Unavailable)),
        "{e}"
    );
    assert!(
        text.contains("pool is rebalancing") && text.contains("HTTP 503") && text.contains("retry"),
        "{text}"
    );
    assert!(fake.volume("f-1").is_none());
    // The fault fired once; the retry succeeds.
    d.create(&VolumeRequest::new("f-1", 8), &placement)
        .await
        .unwrap();

    // A failed mount does not leave the volume attached.
    fake.fail_nth(FakeOp::Mount, 1, GrpcCode::Internal, "mount: wrong fs type");
    let e = d.attach("f-1", "node-1").await.unwrap_err().to_string();
    assert!(e.contains("wrong fs type"), "{e}");
    assert_eq!(fake.volume("f-1").unwrap().attached_on, "");

    // Size mismatch on Portworx's 409 is explained.
    let e = d
        .create(&VolumeRequest::new("f-1", 16), &placement)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            VolumeError::SizeMismatch {
                existing_mb: 8,
                requested_mb: 16,
                ..
            }
        ),
        "{e}"
    );

    // Unknown agents are named with the known ones.
    let e = d.attach("f-1", "node-9").await.unwrap_err().to_string();
    assert!(
        e.contains("node-9") && e.contains("node-1") && e.contains("hostname"),
        "{e}"
    );
}

#[tokio::test]
async fn tokens_are_sent_as_bearer_and_refusals_are_decoded() {
    let fake = fake_with(Some("s3cret"), None).await;
    let mounts = tempfile::tempdir().unwrap();
    let placement = ReplicaCandidates::new(five_nodes_three_racks()).preferring("node-1");
    let req = VolumeRequest::new("auth-0", 8);

    let e = driver(&fake, None, mounts.path())
        .create(&req, &placement)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &e,
            VolumeError::Backend(SdkError::Api {
                status: 403,
                code: Some(GrpcCode::PermissionDenied),
                ..
            })
        ),
        "{e}"
    );
    let e = driver(&fake, Some("wrong"), mounts.path())
        .create(&req, &placement)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &e,
            VolumeError::Backend(SdkError::Api {
                status: 401,
                code: Some(GrpcCode::Unauthenticated),
                ..
            })
        ),
        "{e}"
    );
    assert!(e.to_string().contains("token"), "{e}");

    fake.clear_requests();
    driver(&fake, Some("s3cret"), mounts.path())
        .create(&req, &placement)
        .await
        .unwrap();
    assert!(
        fake.requests()
            .iter()
            .all(|r| r.authorization.as_deref() == Some("bearer s3cret"))
    );
}

#[tokio::test]
async fn gateway_error_bodies_follow_the_contract() {
    let fake = fake_with(None, None).await;
    let http = reqwest::Client::new();
    let base = fake.endpoint();
    // A gRPC error: status from the code, body {"error","code","message"} without details.
    let resp = http
        .get(base.join("v1/volumes/inspect/123").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": "Volume id 123 not found", "code": 5, "message": "Volume id 123 not found"})
    );
    // A bad body is InvalidArgument.
    let resp = http
        .post(base.join("v1/volumes").unwrap())
        .body("{\"name\":")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.json::<serde_json::Value>().await.unwrap()["code"], 3);
    // Creating without a spec is InvalidArgument too.
    let resp = http
        .post(base.join("v1/volumes").unwrap())
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // Delete of an unknown id is a success ({}), as in OpenStorage.
    let resp = http
        .delete(base.join("v1/volumes/999").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        (resp.status().as_u16(), resp.text().await.unwrap()),
        (200, "{}".to_owned())
    );
    // Unknown routes: the gateway's plain-text 404, decoded by the client without a code.
    let client = pxfw::portworx::OpenStorageClient::new(
        base.join("nowhere/").unwrap(),
        None,
        pxfw::cluster::config::TlsMode::Verify,
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let e = client.nodes().await.unwrap_err();
    assert!(
        matches!(
            &e,
            SdkError::Api {
                status: 404,
                code: None,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("SDK REST gateway"), "{e}");
    // Inputs accept enum numbers and int64 numbers, outputs use names and strings.
    let resp = http
        .post(base.join("v1/volumes").unwrap())
        .json(&json!({"name": "enc", "spec": {"size": 1048576, "ha_level": 1, "format": 2}}))
        .send()
        .await
        .unwrap();
    let id = resp.json::<serde_json::Value>().await.unwrap()["volume_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resp = http
        .get(base.join(&format!("v1/volumes/inspect/{id}")).unwrap())
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["volume"]["spec"]["size"], "1048576");
    assert_eq!(body["volume"]["spec"]["ha_level"], "1");
    assert_eq!(body["volume"]["format"], "FS_TYPE_EXT4");
    assert_eq!(body["volume"]["state"], "VOLUME_STATE_DETACHED");
    assert!(
        body["volume"].get("attached_on").is_none(),
        "defaults are omitted"
    );
}
