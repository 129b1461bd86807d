//! `pxfw cleanup SVC` (DC/OS mode) end to end: the real binary against local fakes of Mesos, Exhibitor and
//! Marathon (scripted and stateful) and the in-repo OpenStorage fake. Proves the exact requests and form
//! bodies, idempotence, the dry run, "not ours" protection, partial failure then a finishing re-run, and the
//! refusal while the service is installed.

use std::time::Duration;

use crate::support::mesos_fake::{DcosFake, Fault};
use crate::support::mock::{Expect, Mock};
use crate::support::portworx_fake::{FakeConfig, FakeNode, FakeOpenStorage};
use crate::support::{Pxfw, Run};
use pxfw::cluster::config::TlsMode;
use pxfw::portworx::OpenStorageClient as SdkClient;
use pxfw::portworx::types::{PxVolumeSpec, VolumeAttachRequest, VolumeCreateRequest};
use serde_json::{Value, json};

const TOKEN: &str = "test-token";
const ROLE: &str = "cassandra-role";
const OURS: &str = "cassandra-principal";
const ZNODE: &str = "/dcos-service-cassandra";

fn labels(resource_id: &str) -> Value {
    json!({"labels": [{"key": "resource_id", "value": resource_id}]})
}

/// A reservation in the pre-refinement format (`role` + `reservation`).
fn scalar(name: &str, value: f64, principal: &str, resource_id: &str) -> Value {
    json!({"name": name, "type": "SCALAR", "scalar": {"value": value}, "role": ROLE,
           "reservation": {"principal": principal, "labels": labels(resource_id)}})
}

/// A reservation in the refinement format (`reservations`), as Mesos ≥ 1.4 lists it.
fn refined(name: &str, value: f64, principal: &str, resource_id: &str) -> Value {
    json!({"name": name, "type": "SCALAR", "scalar": {"value": value},
           "reservations": [{"type": "DYNAMIC", "role": ROLE, "principal": principal,
                             "labels": labels(resource_id)}]})
}

fn with_volume(mut r: Value, persistence_id: &str, principal: &str) -> Value {
    r["disk"] = json!({"persistence": {"id": persistence_id, "principal": principal},
                       "volume": {"mode": "RW", "container_path": "cassandra-data"}});
    r
}

fn without_volume(mut r: Value) -> Value {
    r.as_object_mut().unwrap().remove("disk");
    r
}

fn ours_framework() -> Value {
    json!({"id": "fw-cassandra", "name": "cassandra", "role": ROLE, "principal": OURS, "active": false})
}

/// Another framework with the same name but not registered as the service (other role and principal).
fn imposter_framework() -> Value {
    json!({"id": "fw-imposter", "name": "cassandra", "roles": ["analytics-role"], "principal": "analytics", "active": true})
}

/// The other framework sharing the role: its reservation must survive every run.
fn spark_reservation() -> Value {
    scalar("cpus", 2.0, "spark-principal", "spark-r1")
}

/// Agents S1 (old format: a volume and cpus), S2 (refined format: a volume and mem, plus another framework's
/// cpus on the same role) and S3 (nothing under the role).
fn populate(fake: &DcosFake) {
    fake.add_agent(
        "S1",
        "agent-1",
        vec![
            with_volume(scalar("disk", 1024.0, OURS, "r-disk-1"), "vol-1", OURS),
            scalar("cpus", 1.0, OURS, "r-cpu-1"),
        ],
    )
    .add_agent(
        "S2",
        "agent-2",
        vec![
            with_volume(refined("disk", 2048.0, OURS, "r-disk-2"), "vol-2", OURS),
            refined("mem", 512.0, OURS, "r-mem-2"),
            spark_reservation(),
        ],
    )
    .add_agent("S3", "agent-3", vec![])
    .add_framework(ours_framework())
    .add_framework(imposter_framework())
    .add_framework(json!({"id": "fw-spark", "name": "spark", "role": ROLE, "principal": "spark-principal", "active": true}))
    .add_znode(ZNODE);
}

/// Runs pxfw off the async runtime (the OpenStorage fake needs it to keep serving meanwhile).
async fn run(p: &Pxfw, args: &[&str]) -> Run {
    let mut cmd = p.command(args);
    tokio::task::spawn_blocking(move || Run::from_output(cmd.output().expect("run pxfw")))
        .await
        .expect("join")
}

fn pxfw_for(url: &str) -> Pxfw {
    let mut p = Pxfw::with_env_cluster(url, TOKEN);
    p.env("DCOS_TIMEOUT", "3");
    p
}

/// The OpenStorage fake with two nodes and four volumes: `Cassandra-0` (pxd naming, no label, attached on
/// node b), `Cassandra-1` (pxfw label), `Cassandra-2` (the name pattern, but labelled for another service)
/// and `unrelated-0`.
async fn portworx() -> FakeOpenStorage {
    let fake = FakeOpenStorage::start(FakeConfig {
        nodes: vec![FakeNode::new("a"), FakeNode::new("b")],
        ..Default::default()
    })
    .await
    .unwrap();
    let client = SdkClient::new(
        fake.endpoint(),
        None,
        TlsMode::Verify,
        Duration::from_secs(5),
    )
    .unwrap();
    let mut ids = Vec::new();
    for (name, label) in [
        ("Cassandra-0", None),
        ("Cassandra-1", Some("cassandra")),
        ("Cassandra-2", Some("kafka")),
        ("unrelated-0", None),
    ] {
        let req = VolumeCreateRequest {
            name: name.into(),
            spec: Some(PxVolumeSpec {
                size: 1 << 30,
                ha_level: 1,
                ..Default::default()
            }),
            labels: label
                .map(|l| [("pxfw/service".to_string(), l.to_string())].into())
                .unwrap_or_default(),
        };
        ids.push(client.create_volume(&req).await.unwrap());
    }
    let node_b = client.at(fake.node_endpoint("px-b").unwrap()).unwrap();
    node_b
        .attach(&VolumeAttachRequest {
            volume_id: ids[0].clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    fake.clear_requests();
    fake
}

fn px_mutations(fake: &FakeOpenStorage) -> Vec<(String, String)> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "DELETE" || r.path.contains("/mountattach/"))
        .map(|r| (r.method, r.path))
        .collect()
}

#[test]
fn exact_requests_and_form_bodies() {
    let mock = Mock::start();
    let vol = with_volume(scalar("disk", 1024.0, OURS, "r-disk-1"), "vol-1", OURS);
    let cpus = scalar("cpus", 1.0, OURS, "r-cpu-1");
    let mem = refined("mem", 512.0, OURS, "r-mem-2");
    let form = "application/x-www-form-urlencoded";
    mock.expect(
        Expect::get("/marathon/v2/apps/cassandra")
            .token(TOKEN)
            .status(404)
            .reply_json(json!({"message": "App '/cassandra' does not exist"})),
    )
    .expect(Expect::get("/mesos/master/slaves").token(TOKEN).reply_json(json!({"slaves": [
        {"id": "S1", "hostname": "agent-1", "reserved_resources_full": {ROLE: [vol, cpus], "other-role": [scalar("cpus", 8.0, "x", "y")]}},
        {"id": "S2", "hostname": "agent-2", "reserved_resources_full": {ROLE: [mem, spark_reservation()]}},
        {"id": "S3", "hostname": "agent-3", "reserved_resources_full": {}}
    ]})))
    .expect(
        Expect::get("/mesos/master/frameworks")
            .token(TOKEN)
            .reply_json(json!({"frameworks": [ours_framework(), imposter_framework()], "completed_frameworks": []})),
    )
    .expect(
        Expect::get("/exhibitor/exhibitor/v1/explorer/node-data")
            .query(&[("key", ZNODE)])
            .token(TOKEN)
            .reply_json(json!({"bytes": "", "str": "", "stat": "czxid: 1, version: 0"})),
    )
    .expect(
        Expect::post("/mesos/master/teardown")
            .token(TOKEN)
            .header("content-type", form)
            .form_body(&[("frameworkId", "fw-cassandra")]),
    )
    .expect(Expect::post("/mesos/master/destroy-volumes").token(TOKEN).header("content-type", form).status(202))
    .expect(Expect::post("/mesos/master/unreserve").token(TOKEN).header("content-type", form).status(202).times(2))
    .expect(
        Expect::delete("/exhibitor/exhibitor/v1/explorer/znode/dcos-service-cassandra")
            .token(TOKEN)
            .reply_json(json!({"message": "OK", "succeeded": true})),
    );

    let r = pxfw_for(&mock.url())
        .run(&["cleanup", "cassandra", "--yes"])
        .ok();
    mock.verify();
    assert!(
        r.stdout.contains("not ours (principal spark-principal"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Cleanup of cassandra complete."),
        "{}",
        r.stdout
    );

    let seen = mock.seen();
    let order: Vec<String> = seen
        .iter()
        .map(|s| format!("{} {}", s.method, s.path))
        .collect();
    assert_eq!(
        order,
        [
            "GET /marathon/v2/apps/cassandra",
            "GET /mesos/master/slaves",
            "GET /mesos/master/frameworks",
            "GET /exhibitor/exhibitor/v1/explorer/node-data",
            "POST /mesos/master/teardown",
            "POST /mesos/master/destroy-volumes",
            "POST /mesos/master/unreserve",
            "POST /mesos/master/unreserve",
            "DELETE /exhibitor/exhibitor/v1/explorer/znode/dcos-service-cassandra",
        ]
    );
    let form_of = |i: usize| -> Vec<(String, String)> {
        url::form_urlencoded::parse(&seen[i].body)
            .into_owned()
            .collect()
    };
    let json_of = |s: &str| -> Value { serde_json::from_str(s).unwrap() };
    let destroy = form_of(5);
    assert_eq!(
        destroy.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["slaveId", "volumes"]
    );
    assert_eq!(destroy[0].1, "S1");
    assert_eq!(json_of(&destroy[1].1), json!([vol]));
    let unreserve1 = form_of(6);
    assert_eq!(
        unreserve1
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>(),
        ["slaveId", "resources"]
    );
    assert_eq!(unreserve1[0].1, "S1");
    assert_eq!(
        json_of(&unreserve1[1].1),
        json!([without_volume(vol.clone()), cpus])
    );
    let unreserve2 = form_of(7);
    assert_eq!(unreserve2[0].1, "S2");
    // Only ours: the spark reservation on the same role is not in the body.
    assert_eq!(json_of(&unreserve2[1].1), json!([mem]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cleans_everything_ours_then_finds_nothing() {
    let fake = DcosFake::start();
    populate(&fake);
    let px = portworx().await;
    let endpoint = px.endpoint().to_string();
    let p = pxfw_for(&fake.url());
    let args = [
        "cleanup",
        "cassandra",
        "--yes",
        "--px-endpoint",
        &endpoint,
        "--volume-prefix",
        "Cassandra",
        "--delete-volumes",
    ];

    let r = run(&p, &args).await.ok();
    // Everything ours is gone ...
    assert!(fake.reserved("S1").is_empty(), "{:?}", fake.reserved("S1"));
    // ... and the other framework's reservation on the shared role is untouched.
    assert_eq!(fake.reserved("S2"), vec![spark_reservation()]);
    assert_eq!(fake.framework_ids(), ["fw-imposter", "fw-spark"]);
    assert!(!fake.has_znode(ZNODE));
    assert!(px.volume("Cassandra-0").is_none() && px.volume("Cassandra-1").is_none());
    assert!(px.volume("Cassandra-2").is_some() && px.volume("unrelated-0").is_some());
    // The attached volume was detached (plainly, redirected to its node) before its delete.
    let id0 = px
        .requests()
        .iter()
        .find(|r| r.path.ends_with("/mountattach/detach"))
        .and_then(|r| r.body.clone())
        .expect("a detach");
    assert_eq!(id0["options"], json!({"redirect": true}));
    let muts = px_mutations(&px);
    assert_eq!(muts.len(), 3, "{muts:?}");
    assert_eq!(muts[0].1, "/v1/mountattach/detach");
    assert_eq!(
        muts[1],
        (
            "DELETE".to_string(),
            format!("/v1/volumes/{}", id0["volume_id"].as_str().unwrap())
        )
    );
    // The listing shows what was left alone and why.
    for text in [
        "not ours (principal spark-principal",
        "not ours (registered with role(s) analytics-role",
        "not ours (labelled pxfw/service=kafka)",
        "Cleanup of cassandra complete.",
    ] {
        assert!(
            r.stdout.contains(text),
            "missing {text:?} in:\n{}",
            r.stdout
        );
    }
    assert!(!r.stdout.contains("unrelated-0"), "{}", r.stdout);

    // A second run finds nothing of ours, says so, and changes nothing.
    fake.clear_log();
    px.clear_requests();
    let r = run(&p, &args).await.ok();
    assert!(
        r.stdout.contains("Nothing to clean up for cassandra"),
        "{}",
        r.stdout
    );
    assert!(fake.mutating().is_empty(), "{:?}", fake.mutating());
    assert!(px_mutations(&px).is_empty());

    // The same in JSON: an empty plan.
    let r = run(&p, &[&args[..], &["--json"]].concat()).await.ok();
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["plan"]["steps"], json!([]));
    assert_eq!(v["left"], 0);
    assert_eq!(v["inventory"]["role"], ROLE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_sends_no_mutating_request() {
    let fake = DcosFake::start();
    populate(&fake);
    let px = portworx().await;
    let endpoint = px.endpoint().to_string();
    let r = run(
        &pxfw_for(&fake.url()),
        &[
            "cleanup",
            "cassandra",
            "--dry-run",
            "--px-endpoint",
            &endpoint,
            "--volume-prefix",
            "Cassandra",
            "--delete-volumes",
        ],
    )
    .await
    .ok();
    assert!(fake.mutating().is_empty(), "{:?}", fake.mutating());
    assert!(px_mutations(&px).is_empty(), "{:?}", px_mutations(&px));
    assert!(
        r.stdout.contains("Dry run: nothing was changed"),
        "{}",
        r.stdout
    );
    for step in [
        "teardown framework cassandra (fw-cassandra)",
        "destroy-volumes 1 volume(s) on agent-1 (S1)",
        "unreserve 2 resource(s) on agent-2 (S2)",
        "delete-znode znode /dcos-service-cassandra",
        "detach-volume Portworx volume Cassandra-0",
        "delete-volume Portworx volume Cassandra-1",
    ] {
        assert!(
            r.stdout.contains(step),
            "missing {step:?} in:\n{}",
            r.stdout
        );
    }
    assert_eq!(fake.reserved("S1").len(), 2);
    assert!(fake.has_znode(ZNODE));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partial_failure_is_reported_and_a_rerun_finishes() {
    let fake = DcosFake::start();
    populate(&fake);
    // Agent 2 refuses the destroy once; agent 1's unreserve hangs past the client timeout once.
    fake.fault("S2", "destroy-volumes", Fault::Conflict, 1);
    fake.fault("S1", "unreserve", Fault::Hang(Duration::from_secs(5)), 1);
    let px = portworx().await;
    // Something still holds Cassandra-0 on its node: a plain detach fails.
    px.set_stuck_attached("Cassandra-0", true);
    let endpoint = px.endpoint().to_string();
    let p = pxfw_for(&fake.url());
    let args = [
        "cleanup",
        "cassandra",
        "--yes",
        "--px-endpoint",
        &endpoint,
        "--volume-prefix",
        "Cassandra",
        "--delete-volumes",
    ];

    let r = run(&p, &args).await.expect_code(1);
    let out = &r.stdout;
    assert!(
        out.contains("destroy-volumes 1 volume(s) on agent-2 (S2): FAILED"),
        "{out}"
    );
    assert!(out.contains("409 Conflict"), "{out}");
    assert!(
        out.contains("unreserve 2 resource(s) on agent-2 (S2): skipped: destroy-volumes"),
        "{out}"
    );
    assert!(
        out.contains("unreserve 2 resource(s) on agent-1 (S1): FAILED"),
        "{out}"
    );
    assert!(out.contains("timed out"), "{out}");
    assert!(out.contains("not forced"), "{out}");
    assert!(
        out.contains("delete-volume Portworx volume Cassandra-0")
            && out.contains("skipped: detach-volume"),
        "{out}"
    );
    // The rest went on: the framework, the znode and the unattached volume are gone.
    assert_eq!(fake.framework_ids(), ["fw-imposter", "fw-spark"]);
    assert!(!fake.has_znode(ZNODE));
    assert!(px.volume("Cassandra-1").is_none());
    assert!(px.volume("Cassandra-0").is_some());
    assert!(
        r.stderr.contains("did not complete") && r.stderr.contains("re-run"),
        "{}",
        r.stderr
    );
    // No force was ever used on Portworx.
    assert!(px.requests().iter().all(|q| {
        q.body
            .as_ref()
            .is_none_or(|b| b["options"]["force"].is_null())
    }));

    // Whatever held the volume let go; a re-run finishes the job (the znode and framework are not retried).
    px.set_stuck_attached("Cassandra-0", false);
    let r = run(&p, &args).await.ok();
    assert!(!r.stdout.contains("teardown"), "{}", r.stdout);
    assert!(fake.reserved("S1").is_empty(), "{:?}", fake.reserved("S1"));
    assert_eq!(fake.reserved("S2"), vec![spark_reservation()]);
    assert!(px.volume("Cassandra-0").is_none());

    let r = run(&p, &args).await.ok();
    assert!(r.stdout.contains("Nothing to clean up"), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_while_the_app_exists_unless_forced() {
    let fake = DcosFake::start();
    populate(&fake);
    fake.add_app("/cassandra");
    let p = pxfw_for(&fake.url());

    let r = run(&p, &["cleanup", "cassandra", "--yes"])
        .await
        .expect_code(1);
    assert!(
        r.stderr.contains("still installed") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    let log: Vec<String> = fake
        .log()
        .iter()
        .map(|l| format!("{} {}", l.method, l.path))
        .collect();
    assert_eq!(log, ["GET /marathon/v2/apps/cassandra"]);

    let r = run(&p, &["cleanup", "cassandra", "--yes", "--force"])
        .await
        .ok();
    assert!(r.stderr.contains("still exists (--force)"), "{}", r.stderr);
    assert!(fake.reserved("S1").is_empty());
    assert!(!fake.has_znode(ZNODE));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_it_needs_yes_and_changes_nothing() {
    let fake = DcosFake::start();
    populate(&fake);
    let r = run(&pxfw_for(&fake.url()), &["cleanup", "cassandra"])
        .await
        .expect_code(2);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    assert!(r.stdout.contains("ours: teardown"), "{}", r.stdout);
    assert!(fake.mutating().is_empty());
}

#[test]
fn volume_flags_need_an_endpoint() {
    let p = pxfw_for("http://127.0.0.1:9");
    let r = p
        .run(&["cleanup", "cassandra", "--delete-volumes"])
        .expect_code(2);
    assert!(r.stderr.contains("--px-endpoint"), "{}", r.stderr);
    let r = p
        .run(&[
            "cleanup",
            "cassandra",
            "--px-endpoint",
            "http://127.0.0.1:9",
            "--volume-prefix",
            "../x",
        ])
        .expect_code(2);
    assert!(r.stderr.contains("--volume-prefix"), "{}", r.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_framework_of_ours_is_refused_unless_forced() {
    let fake = DcosFake::start();
    fake.add_agent("S1", "agent-1", vec![scalar("cpus", 1.0, OURS, "r1")]);
    let mut fw = ours_framework();
    fw["active"] = json!(true);
    fake.add_framework(fw);
    let p = pxfw_for(&fake.url());

    let r = run(&p, &["cleanup", "cassandra", "--yes"])
        .await
        .expect_code(1);
    assert!(
        r.stderr.contains("still registered and active"),
        "{}",
        r.stderr
    );
    assert!(fake.mutating().is_empty(), "{:?}", fake.mutating());

    run(&p, &["cleanup", "cassandra", "--yes", "--force"])
        .await
        .ok();
    assert!(fake.framework_ids().is_empty());
    assert!(fake.reserved("S1").is_empty());
}

/// Items that vanish between the inventory and the action (someone else removed them) are not failures.
#[test]
fn items_already_gone_count_as_done() {
    let mock = Mock::start();
    mock.expect(
        Expect::get("/marathon/v2/apps/cassandra")
            .status(404)
            .reply_json(json!({"message": "App '/cassandra' does not exist"})),
    )
    .expect(Expect::get("/mesos/master/slaves").reply_json(json!({"slaves": []})))
    .expect(
        Expect::get("/mesos/master/frameworks")
            .reply_json(json!({"frameworks": [ours_framework()]})),
    )
    .expect(
        Expect::get("/exhibitor/exhibitor/v1/explorer/node-data")
            .reply_json(json!({"bytes": "", "str": "", "stat": "czxid: 1"})),
    )
    .expect(
        Expect::post("/mesos/master/teardown")
            .status(400)
            .reply("text/plain", b"No framework found with specified ID"),
    )
    .expect(
        Expect::delete("/exhibitor/exhibitor/v1/explorer/znode/dcos-service-cassandra")
            .reply_json(json!({"message": "KeeperErrorCode = NoNode for /dcos-service-cassandra", "succeeded": false})),
    );
    let r = pxfw_for(&mock.url())
        .run(&["cleanup", "cassandra", "--yes"])
        .ok();
    mock.verify();
    assert_eq!(
        r.stdout.matches(": already gone").count(),
        2,
        "{}",
        r.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portworx_token_comes_from_the_named_variable() {
    let fake = DcosFake::start();
    let px = FakeOpenStorage::start(FakeConfig {
        nodes: vec![FakeNode::new("a")],
        token: Some("px-secret".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let client = SdkClient::new(
        px.endpoint(),
        Some("px-secret".into()),
        TlsMode::Verify,
        Duration::from_secs(5),
    )
    .unwrap();
    client
        .create_volume(&VolumeCreateRequest {
            name: "data-0".into(),
            spec: Some(PxVolumeSpec {
                size: 1 << 30,
                ha_level: 1,
                ..Default::default()
            }),
            labels: [("pxfw/service".to_string(), "cassandra".to_string())].into(),
        })
        .await
        .unwrap();
    px.clear_requests();
    let endpoint = px.endpoint().to_string();
    let mut p = pxfw_for(&fake.url());
    p.env("MY_PX_TOKEN", "px-secret");

    let r = run(
        &p,
        &[
            "cleanup",
            "cassandra",
            "--yes",
            "--px-endpoint",
            &endpoint,
            "--px-token-env",
            "NOT_SET",
            "--delete-volumes",
        ],
    )
    .await
    .expect_code(2);
    assert!(r.stderr.contains("NOT_SET"), "{}", r.stderr);

    run(
        &p,
        &[
            "cleanup",
            "cassandra",
            "--yes",
            "--px-endpoint",
            &endpoint,
            "--px-token-env",
            "MY_PX_TOKEN",
            "--delete-volumes",
        ],
    )
    .await
    .ok();
    assert!(px.volume("data-0").is_none());
    let requests = px.requests();
    assert!(!requests.is_empty());
    assert!(
        requests
            .iter()
            .all(|q| q.authorization.as_deref() == Some("bearer px-secret")),
        "{requests:?}"
    );
}
