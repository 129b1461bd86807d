//! Issue 9, DC/OS mode: `pxfw snapshot create SVC --px-endpoint URL` against a scripted DC/OS (the SDK
//! scheduler's target configuration and plans) and the in-repo OpenStorage fake. The volumes come from
//! the target configuration × pod count, the cut is one legacy group request with `delete_on_failure`,
//! hooks are plans started and waited for, and a failure on the third of five volumes leaves nothing.

use std::collections::BTreeMap;

use crate::support::Pxfw;
use crate::support::mock::{Expect, Mock};
use crate::support::portworx_fake::{FakeConfig, FakeNode, FakeOp, FakeOpenStorage};
use pxfw::portworx::GrpcCode;
use pxfw::volume::portworx::{PortworxConfig, PortworxDriver};
use pxfw::volume::{NodeTopology, ReplicaCandidates, VolumeDriver, VolumeRequest};
use serde_json::{Value, json};

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
    let placement = ReplicaCandidates::new(vec![NodeTopology::new("node-1")]).preferring("node-1");
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
async fn run(mock: &Mock, s: &Setup, args: &[&str]) -> crate::support::Run {
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

// ------------------------------------------------------------------------------ restore and clone

const GROUP: &str = "nightly";

fn names() -> Vec<String> {
    (0..5).map(|i| format!("CassData-{i}")).collect()
}

fn write_all(s: &Setup, text: &str) {
    for id in &s.ids {
        let dir = s.fake.data_path(id).expect("the fake keeps data");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("counter"), text).unwrap();
    }
}

fn read(s: &Setup, id: &str) -> String {
    std::fs::read_to_string(s.fake.data_path(id).unwrap().join("counter")).unwrap_or_default()
}

/// The service running: every volume attached on its node, holding "1" when the group is cut, then "2".
async fn snapshotted(s: &Setup) {
    for name in names() {
        s.driver.attach(&name, "node-1").await.unwrap();
    }
    write_all(s, "1");
    let labels = BTreeMap::from([
        ("pxfw-service".to_string(), SVC.to_string()),
        ("pxfw-config".to_string(), "cfg-7".to_string()),
    ]);
    s.driver
        .snapshot_group(&names(), GROUP, &labels)
        .await
        .unwrap();
    write_all(s, "2");
    s.fake.clear_requests();
}

fn pod_status(pod: &str, status: &str) -> Value {
    json!({"name": pod, "tasks": [{"id": format!("{pod}-server__1"), "name": format!("{pod}-server"), "status": status}]})
}

fn pod_reply(pod: &str) -> Value {
    json!({"pod": pod, "tasks": [format!("{pod}-server")]})
}

fn expect_pause(mock: &Mock) {
    for i in 0..5 {
        let pod = format!("node-{i}");
        mock.expect(Expect::post(&path(&format!("pod/{pod}/pause"))).reply_json(pod_reply(&pod)));
        mock.expect(
            Expect::get(&path(&format!("pod/{pod}/status"))).reply_json(pod_status(&pod, "PAUSED")),
        );
    }
}

fn expect_resume(mock: &Mock) {
    for i in 0..5 {
        let pod = format!("node-{i}");
        mock.expect(Expect::post(&path(&format!("pod/{pod}/resume"))).reply_json(pod_reply(&pod)));
        mock.expect(
            Expect::get(&path(&format!("pod/{pod}/status")))
                .reply_json(pod_status(&pod, "RUNNING")),
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_pauses_the_pods_detaches_restores_every_volume_and_resumes() {
    let s = setup().await;
    snapshotted(&s).await;
    let mock = Mock::start();
    config_expectations(&mock);
    expect_pause(&mock);
    expect_resume(&mock);
    let r = run(&mock, &s, &["snapshot", "restore", GROUP, "--yes"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    assert!(
        r.stdout.contains("restored to snapshot nightly"),
        "{}",
        r.stdout
    );
    for id in &s.ids {
        assert_eq!(read(&s, id), "1", "volume {id} holds the snapshot's data");
    }
    // Each volume was detached from its node before Portworx restored it.
    let reqs = s.fake.requests();
    for id in &s.ids {
        let detach = reqs.iter().position(|r| {
            r.path == "/v1/mountattach/detach" && r.body.as_ref().unwrap()["volume_id"] == *id
        });
        let restore = reqs.iter().position(|r| {
            r.path == "/v1/volumes/snapshots/restore"
                && r.body.as_ref().unwrap()["volume_id"] == *id
        });
        assert!(
            detach.is_some() && detach < restore,
            "{id}: detach {detach:?} then restore {restore:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_a_changed_layout_and_touches_nothing() {
    let s = setup().await;
    snapshotted(&s).await;
    let mock = Mock::start();
    let mut config = target_config();
    config["pod-specs"][0]["count"] = json!(4);
    mock.expect(Expect::get(&path("configurations/targetId")).reply_json(json!(["cfg-9"])));
    mock.expect(Expect::get(&path("configurations/target")).reply_json(config));
    let r = run(&mock, &s, &["snapshot", "restore", GROUP, "--yes"]).await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("no longer has: CassData-4"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("cfg-7, now cfg-9"), "{}", r.stderr);
    // No pod was paused (the mock refuses unscripted calls) and no volume changed.
    mock.verify();
    assert!(
        s.fake.requests().iter().all(|r| {
            !r.path.starts_with("/v1/mountattach/") && r.path != "/v1/volumes/snapshots/restore"
        }),
        "{:?}",
        s.fake.requests()
    );
    for id in &s.ids {
        assert_eq!(read(&s, id), "2");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_volume_leaves_the_pods_paused_and_a_second_run_finishes() {
    let s = setup().await;
    snapshotted(&s).await;
    s.fake.fail_nth(
        FakeOp::SnapshotRestore,
        3,
        GrpcCode::Internal,
        "restore failed: pool is offline",
    );
    let mock = Mock::start();
    config_expectations(&mock);
    expect_pause(&mock);
    let r = run(&mock, &s, &["snapshot", "restore", GROUP, "--yes"]).await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    assert!(r.stderr.contains("CassData-2: FAILED"), "{}", r.stderr);
    assert!(r.stderr.contains("pool is offline"), "{}", r.stderr);
    assert!(r.stderr.contains("CassData-4: restored"), "{}", r.stderr);
    assert!(r.stderr.contains("stay paused"), "{}", r.stderr);
    assert_eq!(read(&s, &s.ids[2]), "2");

    let mock = Mock::start();
    config_expectations(&mock);
    expect_pause(&mock);
    expect_resume(&mock);
    let r = run(&mock, &s, &["snapshot", "restore", GROUP, "--yes"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    for id in &s.ids {
        assert_eq!(read(&s, id), "1");
    }
}

fn describe_reply() -> Value {
    json!({
        "package": {"name": "portworx-cassandra", "version": "1.2-3.11.6", "packagingVersion": "4.0"},
        "resolvedOptions": {
            "service": {"name": SVC, "user": "nobody"},
            "nodes": {"count": 5, "portworx_volume_name": "CassData", "portworx_volume_options": "repl=2",
                      "init_system_keyspaces": true}
        },
        "userProvidedOptions": {"service": {"name": SVC}, "nodes": {"count": 5}}
    })
}

fn describe_expectation(mock: &Mock) {
    mock.expect(
        Expect::post("/cosmos/service/describe")
            .cosmos(
                "application/vnd.dcos.service.describe-request+json;charset=utf-8;version=v1",
                "application/vnd.dcos.service.describe-response+json;charset=utf-8;version=v1",
            )
            .json_body(json!({"appId": SVC}))
            .reply_json(describe_reply()),
    );
}

fn install_expectation(status: u16, reply: Value) -> Expect {
    Expect::post("/package/install")
        .cosmos(
            "application/vnd.dcos.package.install-request+json;charset=utf-8;version=v1",
            "application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2",
        )
        .json_body(json!({
            "packageName": "portworx-cassandra",
            "packageVersion": "1.2-3.11.6",
            "options": {
                "service": {"name": "cass2"},
                "nodes": {"count": 5, "portworx_volume_name": "cass2-CassData", "init_system_keyspaces": false}
            }
        }))
        .status(status)
        .reply_json(reply)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clone_creates_renamed_volumes_from_the_snapshot_then_installs_the_package() {
    let s = setup().await;
    snapshotted(&s).await;
    let mock = Mock::start();
    config_expectations(&mock);
    describe_expectation(&mock);
    mock.expect(install_expectation(
        200,
        json!({"packageName": "portworx-cassandra", "packageVersion": "1.2-3.11.6", "appId": "/cass2"}),
    ));
    let r = run(&mock, &s, &["snapshot", "clone", GROUP, "--as", "cass2"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    for i in 0..5 {
        let clone = s
            .fake
            .volume(&format!("cass2-CassData-{i}"))
            .unwrap_or_else(|| panic!("cass2-CassData-{i} was cloned"));
        assert_eq!(
            read(&s, &clone.id),
            "1",
            "the clone holds the snapshot's data"
        );
    }
    // The original is untouched.
    assert_eq!(read(&s, &s.ids[0]), "2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_install_deletes_the_clone_volumes() {
    let s = setup().await;
    snapshotted(&s).await;
    let mock = Mock::start();
    config_expectations(&mock);
    describe_expectation(&mock);
    mock.expect(install_expectation(
        409,
        json!({"type": "PackageAlreadyInstalled", "message": "Package is already installed", "data": {}}),
    ));
    let r = run(&mock, &s, &["snapshot", "clone", GROUP, "--as", "cass2"]).await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    assert!(
        r.stderr.contains("clone volume(s) made were deleted"),
        "{}",
        r.stderr
    );
    assert!(
        s.fake.volumes().values().all(|v| !v
            .locator
            .as_ref()
            .is_some_and(|l| l.name.starts_with("cass2-"))),
        "no clone is left"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pods_that_never_pause_are_resumed_and_nothing_is_restored() {
    let s = setup().await;
    snapshotted(&s).await;
    let mock = Mock::start();
    config_expectations(&mock);
    for i in 0..5 {
        let pod = format!("node-{i}");
        mock.expect(Expect::post(&path(&format!("pod/{pod}/pause"))).reply_json(pod_reply(&pod)));
    }
    // node-3 keeps running its real command (e.g. the scheduler is busy with another plan).
    for i in 0..5 {
        let pod = format!("node-{i}");
        let status = if i == 3 { "RUNNING" } else { "PAUSED" };
        mock.expect(
            Expect::get(&path(&format!("pod/{pod}/status")))
                .any_times()
                .reply_json(pod_status(&pod, status)),
        );
    }
    for i in 0..5 {
        let pod = format!("node-{i}");
        mock.expect(Expect::post(&path(&format!("pod/{pod}/resume"))).reply_json(pod_reply(&pod)));
    }
    let r = run(
        &mock,
        &s,
        &["snapshot", "restore", GROUP, "--yes", "--timeout", "2s"],
    )
    .await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    assert!(
        r.stderr.contains("node-3 (node-3-server: RUNNING)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("no volume was restored"), "{}", r.stderr);
    assert!(r.stderr.contains("the pods were resumed"), "{}", r.stderr);
    assert!(
        s.fake
            .requests()
            .iter()
            .all(|r| r.path != "/v1/volumes/snapshots/restore")
    );
    for id in &s.ids {
        assert_eq!(read(&s, id), "2");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clone_name_already_taken_is_refused_before_anything_is_created() {
    let s = setup().await;
    snapshotted(&s).await;
    let placement = ReplicaCandidates::new(vec![NodeTopology::new("node-1")]).preferring("node-1");
    s.driver
        .create(&VolumeRequest::new("cass2-CassData-3", 1024), &placement)
        .await
        .unwrap();
    let mock = Mock::start();
    config_expectations(&mock);
    describe_expectation(&mock);
    let r = run(&mock, &s, &["snapshot", "clone", GROUP, "--as", "cass2"]).await;
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    mock.verify();
    assert!(
        r.stderr.contains("cass2-CassData-3` already exists"),
        "{}",
        r.stderr
    );
    assert!(
        s.fake.volume("cass2-CassData-0").is_none(),
        "nothing cloned"
    );
}
