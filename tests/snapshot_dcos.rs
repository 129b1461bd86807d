//! Issue 9, DC/OS mode: `pxfw snapshot create SVC --px-endpoint URL` against a scripted DC/OS (the SDK
//! scheduler's target configuration and plans) and the in-repo OpenStorage fake. The volumes come from
//! the target configuration × pod count, the cut is one legacy group request with `delete_on_failure`,
//! hooks are plans started and waited for, and a failure on the third of five volumes leaves nothing.

mod support;

use std::collections::BTreeMap;

use pxfw::portworx::fake::{FakeConfig, FakeNode, FakeOpenStorage};
use pxfw::volume::portworx::{PortworxConfig, PortworxDriver};
use pxfw::volume::{NodeTopology, Placement, VolumeDriver, VolumeRequest};
use serde_json::{Value, json};
use support::Pxfw;
use support::mock::{Expect, Mock};

const SVC: &str = "cass";

fn path(rel: &str) -> String {
    format!("/service/{SVC}/v1/{rel}")
}

/// A serialized ServiceSpec as the SDK serves it: 5 `node` pods with one Portworx volume each, and a
/// ROOT volume that is not Portworx's.
fn target_config() -> Value {
    json!({
        "name": SVC,
        "pod-specs": [{
            "type": "node",
            "count": 5,
            "task-specs": [{
                "name": "server",
                "resource-set": {"id": "server-resource-set", "volume-specifications": [
                    {"type": "DOCKER", "container-path": "data", "name": "disk", "value": 1024,
                     "volume-name": "CassData", "driver-name": "pxd", "driver-options": "repl=2"},
                    {"type": "ROOT", "container-path": "tmp", "name": "disk", "value": 64}
                ]}
            }]
        }]
    })
}

struct Setup {
    fake: FakeOpenStorage,
    driver: PortworxDriver,
    ids: Vec<String>,
    _data: tempfile::TempDir,
    _mounts: tempfile::TempDir,
}

async fn setup() -> Setup {
    let data = tempfile::tempdir().unwrap();
    let fake = FakeOpenStorage::start(FakeConfig {
        nodes: vec![FakeNode::new("node-1").rack("r1")],
        token: Some("px-secret".into()),
        data_dir: Some(data.path().to_owned()),
    })
    .await
    .unwrap();
    let mounts = tempfile::tempdir().unwrap();
    let mut config = PortworxConfig::new(fake.endpoint());
    config.token = Some("px-secret".into());
    config.mount_root = mounts.path().to_owned();
    config.legacy_endpoint = Some(fake.legacy_endpoint());
    let driver = PortworxDriver::new(config).unwrap();
    let placement = Placement::new(vec![NodeTopology::new("node-1")]).preferring("node-1");
    let mut ids = Vec::new();
    for i in 0..5 {
        let v = driver
            .create(
                &VolumeRequest::new(format!("CassData-{i}"), 1024),
                &placement,
            )
            .await
            .unwrap();
        ids.push(v.id);
    }
    fake.clear_requests();
    Setup {
        fake,
        driver,
        ids,
        _data: data,
        _mounts: mounts,
    }
}

fn config_expectations(mock: &Mock) {
    mock.expect(Expect::get(&path("configurations/targetId")).reply_json(json!(["cfg-7"])));
    mock.expect(Expect::get(&path("configurations/target")).reply_json(target_config()));
}

/// Runs pxfw off the async runtime (the fake serves on it).
async fn run(mock: &Mock, s: &Setup, args: &[&str]) -> support::Run {
    let mut p = Pxfw::with_env_cluster(&mock.url(), "dcos-token");
    p.env("MY_PX_TOKEN", "px-secret");
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend([
        "--px-endpoint".to_string(),
        s.fake.endpoint().to_string(),
        "--px-legacy-endpoint".to_string(),
        s.fake.legacy_endpoint().to_string(),
        "--px-token-env".to_string(),
        "MY_PX_TOKEN".to_string(),
    ]);
    tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        p.run(&refs)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_group_is_one_legacy_request_and_hooks_are_plans() {
    let s = setup().await;
    let mock = Mock::start();
    config_expectations(&mock);
    mock.expect(
        Expect::post(&path("plans/flush/start"))
            .raw_body(br#"{"KEYSPACE":"ks1"}"#)
            .reply_json(json!({"message": "Received cmd: start"})),
    );
    mock.expect(
        Expect::get(&path("plans/flush"))
            .reply_json(json!({"status": "COMPLETE", "errors": [], "phases": []})),
    );
    let r = run(
        &mock,
        &s,
        &[
            "snapshot",
            "create",
            SVC,
            "--name",
            "nightly",
            "--pre-plan",
            "flush",
            "-p",
            "KEYSPACE=ks1",
            "--label",
            "env=prod",
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    let group: Vec<_> = s
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/osd-snapshot/snapshotgroup")
        .collect();
    assert_eq!(group.len(), 1);
    assert_eq!(group[0].method, "POST");
    assert_eq!(
        group[0].body,
        Some(json!({"volume_ids": s.ids, "delete_on_failure": true}))
    );
    assert_eq!(group[0].authorization.as_deref(), Some("bearer px-secret"));
    // The record lives in the snapshots' labels.
    let printed: Value = serde_json::from_str(
        r.stdout
            .rsplit_once("\n[")
            .map(|(_, json)| format!("[{json}"))
            .as_deref()
            .unwrap_or(&r.stdout),
    )
    .unwrap_or(Value::Null);
    assert_eq!(printed[0]["id"], "nightly", "{}", r.stdout);
    assert_eq!(printed[0]["service"], SVC);
    assert_eq!(printed[0]["config_id"], "cfg-7");
    let snaps = s.driver.list_snapshots(&BTreeMap::new()).await.unwrap();
    assert_eq!(snaps.len(), 5);
    assert!(
        snaps
            .iter()
            .all(|x| x.labels["env"] == "prod" && x.labels["pxfw-service"] == SVC)
    );

    // Listed and deleted through Portworx too.
    let mock2 = Mock::start();
    let r = run(&mock2, &s, &["snapshot", "list", SVC, "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(listed[0]["volumes"].as_object().unwrap().len(), 5);
    let r = run(&mock2, &s, &["snapshot", "delete", "nightly"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.fake.snapshots().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_hooks_it_says_crash_consistent_and_a_third_volume_failure_leaves_nothing() {
    let s = setup().await;
    s.fake.fail_group_snapshot_at(3, "pool is out of space");
    let mock = Mock::start();
    config_expectations(&mock);
    let r = run(&mock, &s, &["snapshot", "create", SVC, "--name", "broken"]).await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    assert!(r.stderr.contains("crash-consistent"), "{}", r.stderr);
    assert!(r.stderr.contains("CassData-2: FAILED"), "{}", r.stderr);
    assert!(r.stderr.contains("out of space"), "{}", r.stderr);
    let group: Vec<_> = s
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/osd-snapshot/snapshotgroup")
        .collect();
    assert_eq!(
        group[0].body,
        Some(json!({"volume_ids": s.ids, "delete_on_failure": true}))
    );
    // Portworx discarded the group: no snapshot, no label update.
    assert!(s.fake.snapshots().is_empty());
    assert!(s.fake.requests().iter().all(|r| r.method != "PUT"));

    // Exec hooks cannot run on DC/OS; the flag says what to use instead.
    let r = run(
        &mock,
        &s,
        &["snapshot", "create", SVC, "--pre", "nodetool flush"],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--pre-plan"), "{}", r.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_pre_plan_takes_nothing_and_the_post_plan_still_runs() {
    let s = setup().await;
    let mock = Mock::start();
    config_expectations(&mock);
    mock.expect(
        Expect::post(&path("plans/flush/start"))
            .raw_body(b"{}")
            .reply_json(json!({"message": "Received cmd: start"})),
    );
    mock.expect(
        Expect::get(&path("plans/flush"))
            .status(417)
            .reply_json(json!({"status": "ERROR", "errors": ["nodetool failed"], "phases": []})),
    );
    mock.expect(
        Expect::post(&path("plans/resume/start"))
            .raw_body(b"{}")
            .reply_json(json!({"message": "Received cmd: start"})),
    );
    mock.expect(
        Expect::get(&path("plans/resume"))
            .reply_json(json!({"status": "COMPLETE", "errors": [], "phases": []})),
    );
    let r = run(
        &mock,
        &s,
        &[
            "snapshot",
            "create",
            SVC,
            "--pre-plan",
            "flush",
            "--post-plan",
            "resume",
        ],
    )
    .await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("nodetool failed"), "{}", r.stderr);
    assert!(r.stderr.contains("no snapshot was taken"), "{}", r.stderr);
    mock.verify();
    assert!(
        s.fake
            .requests()
            .iter()
            .all(|r| r.path != "/v1/osd-snapshot/snapshotgroup")
    );
}
