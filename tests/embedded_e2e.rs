//! Issue 5 end to end: `pxfw server` and five `pxfw agent` processes on three racks, driven with the same
//! `pxfw` commands an operator uses against DC/OS. Data is checked on disk, in the volumes.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::support::cluster::{AgentSpec, Cluster};
use serde_json::Value;

const KV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs/kv.yml");
const SPREAD: &str = r#"[["hostname","MAX_PER","1"],["rack","GROUP_BY","3"]]"#;

fn five_agents_three_racks() -> Cluster {
    Cluster::start(
        &[
            AgentSpec {
                id: "n1",
                rack: "r1",
            },
            AgentSpec {
                id: "n2",
                rack: "r1",
            },
            AgentSpec {
                id: "n3",
                rack: "r2",
            },
            AgentSpec {
                id: "n4",
                rack: "r2",
            },
            AgentSpec {
                id: "n5",
                rack: "r3",
            },
        ],
        &[],
    )
}

fn rack_of(node: &str) -> &'static str {
    match node {
        "n1" | "n2" => "r1",
        "n3" | "n4" => "r2",
        _ => "r3",
    }
}

fn add_kv(c: &Cluster, name: &str, count: u32, placement: &str) {
    let r = c.pxfw(&[
        "service",
        "add",
        name,
        "--spec",
        KV,
        "--env",
        &format!("SERVICE_NAME={name}"),
        "--env",
        &format!("STORE_COUNT={count}"),
        "--env",
        &format!("STORE_PLACEMENT={placement}"),
    ]);
    assert_eq!(r.code, 0, "service add: {}\n{}", r.stdout, r.stderr);
}

fn log_of(c: &Cluster, volume: &str) -> String {
    std::fs::read_to_string(c.volumes_dir().join(volume).join("data/log")).unwrap_or_default()
}

fn volumes_of(c: &Cluster, prefix: &str) -> BTreeSet<String> {
    std::fs::read_dir(c.volumes_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until `f` holds, or fails with `what`.
fn eventually(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn deploy_spreads_over_racks_scales_restarts_in_place_and_shows_the_truth() {
    let c = five_agents_three_racks();
    add_kv(&c, "kv", 3, SPREAD);
    let r = c.wait_plan("kv", "deploy", "90s");
    assert_eq!(
        r.code,
        0,
        "deploy: {}\n{}\n{}",
        r.stdout,
        r.stderr,
        c.server_log()
    );

    // One pod per rack, never two on a host.
    let nodes: Vec<String> = (0..3)
        .map(|i| c.pod_node("kv", &format!("store-{i}")))
        .collect();
    let racks: BTreeSet<&str> = nodes.iter().map(|n| rack_of(n)).collect();
    assert_eq!(racks.len(), 3, "pods on {nodes:?}");
    assert_eq!(nodes.iter().collect::<BTreeSet<_>>().len(), 3);

    // Each task writes into its own volume, named by the spec.
    assert_eq!(
        volumes_of(&c, "kv-data-"),
        ["kv-data-0", "kv-data-1", "kv-data-2"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
    for (i, node) in nodes.iter().enumerate() {
        let meta = c.volume_meta(&format!("kv-data-{i}"));
        assert_eq!(meta["attached_node"], node.as_str());
        assert_eq!(
            meta["replica_nodes"][0],
            node.as_str(),
            "first replica on the pod's node"
        );
        let racks: BTreeSet<&str> = meta["replica_nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| rack_of(n.as_str().unwrap()))
            .collect();
        assert_eq!(racks.len(), 2, "repl=2 on two racks: {meta}");
        assert!(log_of(&c, &format!("kv-data-{i}")).contains(&format!("started store-{i}-server")));
    }

    // plan status, pod status and endpoints show the truth.
    let tree = c
        .pxfw(&["plan", "status", "deploy", "--name", "kv"])
        .ok()
        .stdout;
    assert!(
        tree.starts_with("deploy (serial strategy) (COMPLETE)\n"),
        "{tree}"
    );
    assert!(tree.contains("store-2:[server] (COMPLETE)"));
    let pods: Value = serde_json::from_str(
        &c.pxfw(&["pod", "status", "--name", "kv", "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let tasks = pods["pods"][0]["instances"].as_array().unwrap();
    assert_eq!(tasks.len(), 3);
    assert!(
        tasks.iter().all(|i| i["tasks"][0]["status"] == "RUNNING"),
        "{pods}"
    );
    let names: Value =
        serde_json::from_str(&c.pxfw(&["endpoints", "--name", "kv"]).ok().stdout).unwrap();
    assert_eq!(names, serde_json::json!(["client"]));
    let ep: Value =
        serde_json::from_str(&c.pxfw(&["endpoints", "client", "--name", "kv"]).ok().stdout)
            .unwrap();
    assert_eq!(ep["address"].as_array().unwrap().len(), 3, "{ep}");
    assert!(
        ep["dns"][0]
            .as_str()
            .unwrap()
            .ends_with(".kv.autoip.dcos.thisdcos.directory:".to_string().as_str())
            || ep["dns"][0]
                .as_str()
                .unwrap()
                .contains(".kv.autoip.dcos.thisdcos.directory:")
    );

    // Scaling to 5 creates exactly two new volumes; the three running pods are not touched.
    let r = c.pxfw(&["service", "update", "kv", "--env", "STORE_COUNT=5"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan("kv", "deploy", "90s");
    assert_eq!(r.code, 0, "scale: {}\n{}", r.stdout, r.stderr);
    assert_eq!(volumes_of(&c, "kv-data-").len(), 5);
    for i in 0..3 {
        assert_eq!(
            log_of(&c, &format!("kv-data-{i}")).lines().count(),
            1,
            "store-{i} was relaunched by the scale"
        );
    }
    let all: BTreeSet<String> = (0..5)
        .map(|i| c.pod_node("kv", &format!("store-{i}")))
        .collect();
    assert_eq!(all.len(), 5, "hostname:MAX_PER:1 holds after scaling");

    // Scaling down is refused: the spec does not allow decommissioning, and nothing changes.
    let r = c.pxfw(&["service", "update", "kv", "--env", "STORE_COUNT=2"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("allow-decommission"), "{}", r.stderr);
    let r = c.pxfw(&["plan", "status", "deploy", "--name", "kv", "--json"]);
    assert!(
        r.stdout.contains("allow-decommission"),
        "the deploy plan carries the error: {}",
        r.stdout
    );

    // pod restart keeps the node and the data.
    let before = c.pod_node("kv", "store-1");
    c.pxfw(&["pod", "restart", "store-1", "--name", "kv"]).ok();
    eventually("store-1 to restart", Duration::from_secs(60), || {
        log_of(&c, "kv-data-1").lines().count() == 2
    });
    eventually(
        "the recovery plan to complete",
        Duration::from_secs(60),
        || {
            c.pxfw(&["plan", "status", "recovery", "--name", "kv"])
                .stdout
                .starts_with("recovery (parallel strategy) (COMPLETE)")
        },
    );
    assert_eq!(c.pod_node("kv", "store-1"), before);
    assert!(
        c.volume_meta("kv-data-1")["attach_history"]
            .as_array()
            .unwrap()
            .len()
            == 1,
        "a restart keeps the attachment"
    );
}

#[test]
fn replace_moves_to_a_replica_node_with_the_data_and_unplaceable_pods_say_why() {
    let c = five_agents_three_racks();
    add_kv(&c, "kv2", 2, r#"[["hostname","MAX_PER","1"]]"#);
    let r = c.wait_plan("kv2", "deploy", "90s");
    assert_eq!(
        r.code,
        0,
        "deploy: {}\n{}\n{}",
        r.stdout,
        r.stderr,
        c.server_log()
    );

    let old = c.pod_node("kv2", "store-0");
    let meta = c.volume_meta("kv2-data-0");
    let replicas: Vec<String> = meta["replica_nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    let other_replica = replicas
        .iter()
        .find(|n| **n != old)
        .cloned()
        .expect("a second replica");
    let taken = c.pod_node("kv2", "store-1");
    eventually("data in the volume", Duration::from_secs(10), || {
        std::fs::read_to_string(c.volumes_dir().join("kv2-data-0/data/ticks"))
            .is_ok_and(|t| !t.is_empty())
    });

    c.pxfw(&["pod", "replace", "store-0", "--name", "kv2"]).ok();
    eventually("store-0 to move", Duration::from_secs(60), || {
        let out = c.pxfw(&["pod", "info", "store-0", "--name", "kv2"]);
        out.code == 0
            && !out.stdout.contains(&format!("\"{old}\""))
            && log_of(&c, "kv2-data-0").lines().count() == 2
    });
    let new = c.pod_node("kv2", "store-0");
    assert_ne!(new, old);
    if other_replica != taken {
        assert_eq!(
            new, other_replica,
            "replace prefers the node holding a replica"
        );
    }
    // The data written before the move is there, and the volume was detached before it was attached again.
    let log = log_of(&c, "kv2-data-0");
    assert!(
        log.lines()
            .next()
            .unwrap()
            .contains("started store-0-server"),
        "{log}"
    );
    let history = c.volume_meta("kv2-data-0")["attach_history"].clone();
    let actions: Vec<(String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["node"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        vec![
            ("attach".into(), old.clone()),
            ("detach".into(), old.clone()),
            ("attach".into(), new.clone())
        ]
    );

    // A pod nothing can host stays pending with the reason per node class.
    add_kv(&c, "nowhere", 1, r#"[["hostname","LIKE","nomatch-.*"]]"#);
    eventually("the explanation", Duration::from_secs(30), || {
        c.pxfw(&["plan", "status", "deploy", "--name", "nowhere", "--json"])
            .stdout
            .contains("0/5 nodes")
    });
    let plan: Value = serde_json::from_str(
        &c.pxfw(&["plan", "status", "deploy", "--name", "nowhere", "--json"])
            .stdout,
    )
    .unwrap();
    let step = &plan["phases"][0]["steps"][0];
    assert_eq!(step["status"], "PENDING");
    assert!(
        step["message"]
            .as_str()
            .unwrap()
            .contains("hostname:LIKE:nomatch-.*"),
        "{step}"
    );
    // `pod status` says why too.
    let pods = c.pxfw(&["pod", "status", "--name", "nowhere"]).ok().stdout;
    assert!(pods.contains("store-0 (waiting: 0/5 nodes"), "{pods}");
}

#[test]
fn writes_need_the_token_and_bad_specs_are_refused_whole() {
    let c = Cluster::start(
        &[AgentSpec {
            id: "n1",
            rack: "r1",
        }],
        &[],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pxfw"))
        .args([
            "service",
            "add",
            "kv",
            "--spec",
            KV,
            "--env",
            "SERVICE_NAME=kv",
            "--env",
            "STORE_COUNT=1",
            "--env",
            "STORE_PLACEMENT=[]",
        ])
        .env("DCOS_URL", &c.url)
        .env("DCOS_ACS_TOKEN", "forged-token-value-0000")
        .env("DCOS_DIR", c.dir.path().join("dcos2"))
        .env("PXFW_NO_KEYRING", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pxfw auth login"));
    let names: Value =
        serde_json::from_str(&c.pxfw(&["service", "list", "--json"]).ok().stdout).unwrap();
    assert_eq!(names, serde_json::json!([]), "nothing was added");

    // A bad constraint is caught before anything is stored.
    let r = c.pxfw(&[
        "service",
        "add",
        "bad",
        "--spec",
        KV,
        "--env",
        "SERVICE_NAME=bad",
        "--env",
        "STORE_COUNT=1",
        "--env",
        r#"STORE_PLACEMENT=[["hostname","SOMETIMES","1"]]"#,
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("SOMETIMES"), "{}", r.stderr);
    add_kv(&c, "dup", 1, "[]");
    let r = c.pxfw(&[
        "service",
        "add",
        "dup",
        "--spec",
        KV,
        "--env",
        "SERVICE_NAME=dup",
        "--env",
        "STORE_COUNT=1",
        "--env",
        "STORE_PLACEMENT=[]",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
}
