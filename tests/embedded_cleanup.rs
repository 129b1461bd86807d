//! Issue 8, embedded mode: scale-down decommissions (kill, release, delete unless kept) and uninstall leaves
//! nothing of the service behind — no volume, no sandbox, no process, no record — or exactly the kept volumes.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::support::cluster::{Cluster, SHORT_LEASE};

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/specs/kv-decommission.yml"
);

fn add(c: &Cluster, name: &str, count: u32) {
    let r = c.pxfw(&[
        "service",
        "add",
        name,
        "--spec",
        SPEC,
        "--env",
        &format!("SERVICE_NAME={name}"),
        "--env",
        &format!("STORE_COUNT={count}"),
        "--env",
        r#"STORE_PLACEMENT=[["hostname","MAX_PER","1"]]"#,
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan(name, "deploy", "120s");
    assert_eq!(r.code, 0, "{}\n{}\n{}", r.stdout, r.stderr, c.server_log());
}

fn volumes(c: &Cluster, prefix: &str) -> BTreeSet<String> {
    std::fs::read_dir(c.volumes_dir())
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

fn sandboxes(c: &Cluster, service: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for node in ["n1", "n2", "n3"] {
        let dir = c.agent_dir(node).join("sandboxes").join(service);
        if let Ok(rd) = std::fs::read_dir(&dir) {
            out.extend(rd.flatten().map(|e| e.path()));
        }
    }
    out
}

/// Live task process trees of a service (distinct sandboxes with a live process in them).
fn processes_of(c: &Cluster, service: &str) -> usize {
    c.task_processes()
        .into_iter()
        .filter(|(_, cwd)| {
            cwd.to_string_lossy()
                .contains(&format!("/sandboxes/{service}/"))
        })
        .map(|(_, cwd)| cwd)
        .collect::<BTreeSet<_>>()
        .len()
}

fn eventually(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn scale_down_decommissions_and_uninstall_leaves_nothing() {
    let c = Cluster::three_racks(SHORT_LEASE);
    add(&c, "dk", 3);
    assert_eq!(volumes(&c, "dk-data-").len(), 3);

    // Scale down to 1: the decommission plan kills, releases and deletes the two highest instances.
    let r = c.pxfw(&["service", "update", "dk", "--env", "STORE_COUNT=1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    eventually("the decommission plan", Duration::from_secs(60), || {
        c.pxfw(&["plan", "status", "decommission", "--name", "dk"])
            .stdout
            .starts_with("decommission (serial strategy) (COMPLETE)")
    });
    let tree = c
        .pxfw(&["plan", "status", "decommission", "--name", "dk"])
        .ok()
        .stdout;
    for step in [
        "kill-store-2-server",
        "unreserve-dk-data-2",
        "delete-dk-data-2",
        "erase-store-2-server",
        "kill-store-1-server",
    ] {
        assert!(tree.contains(step), "decommission shows `{step}`:\n{tree}");
    }
    assert_eq!(
        volumes(&c, "dk-data-"),
        BTreeSet::from(["dk-data-0".to_string()])
    );
    let pods: serde_json::Value =
        serde_json::from_str(&c.pxfw(&["pod", "list", "--name", "dk"]).ok().stdout).unwrap();
    assert_eq!(pods, serde_json::json!(["store-0"]));
    eventually(
        "the removed pods' processes and sandboxes to go",
        Duration::from_secs(20),
        || processes_of(&c, "dk") == 1 && sandboxes(&c, "dk").len() == 1,
    );

    // Uninstall: nothing of the service remains.
    let r = c.pxfw(&["service", "remove", "dk"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    eventually("the service to be removed", Duration::from_secs(60), || {
        c.pxfw(&["service", "list", "--json"]).stdout.trim() == "[]"
    });
    eventually(
        "processes and sandboxes to go",
        Duration::from_secs(20),
        || processes_of(&c, "dk") == 0 && sandboxes(&c, "dk").is_empty(),
    );
    assert!(
        volumes(&c, "dk-").is_empty(),
        "volumes left: {:?}",
        volumes(&c, "dk-")
    );
    let r = c.pxfw(&["plan", "status", "deploy", "--name", "dk"]);
    assert_eq!(r.code, 1, "the service is gone: {}", r.stdout);
}

#[test]
fn keep_volumes_keeps_exactly_the_listed_volumes() {
    let c = Cluster::three_racks(SHORT_LEASE);
    add(&c, "kk", 2);
    let r = c.pxfw(&[
        "service",
        "update",
        "kk",
        "--env",
        "STORE_COUNT=1",
        "--keep-volumes",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    eventually("the decommission plan", Duration::from_secs(60), || {
        c.pxfw(&["plan", "status", "decommission", "--name", "kk"])
            .stdout
            .starts_with("decommission (serial strategy) (COMPLETE)")
    });
    assert_eq!(
        volumes(&c, "kk-data-").len(),
        2,
        "the decommissioned pod's volume is kept"
    );

    let r = c.pxfw(&["service", "remove", "kk", "--keep-volumes", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let kept: BTreeSet<String> = listed["kept_volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    eventually("the service to be removed", Duration::from_secs(60), || {
        c.pxfw(&["service", "list", "--json"]).stdout.trim() == "[]"
    });
    assert_eq!(kept, BTreeSet::from(["kk-data-0".to_string()]));
    assert_eq!(
        volumes(&c, "kk-data-"),
        BTreeSet::from(["kk-data-0".to_string(), "kk-data-1".to_string()])
    );
    assert_eq!(processes_of(&c, "kk"), 0);
}

#[test]
fn a_dead_agent_does_not_hang_the_uninstall_and_its_leftovers_go_when_it_returns() {
    let mut c = Cluster::three_racks(SHORT_LEASE);
    add(&c, "gone", 2);
    let victim = c.pod_node("gone", "store-0");
    c.kill9_agent(&victim);
    let r = c.pxfw(&["service", "remove", "gone"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    eventually(
        "the uninstall to finish without the dead agent",
        Duration::from_secs(60),
        || c.pxfw(&["service", "list", "--json"]).stdout.trim() == "[]",
    );
    assert!(volumes(&c, "gone-").is_empty());
    // The dead node's sandbox is still on its disk; when its agent returns, it is swept.
    c.start_agent(&victim, "r9");
    eventually(
        "the returning agent to sweep its leftovers",
        Duration::from_secs(30),
        || sandboxes(&c, "gone").is_empty(),
    );
    assert_eq!(processes_of(&c, "gone"), 0);
}

#[test]
fn package_uninstall_keep_volumes_lists_and_keeps_them() {
    let c = Cluster::three_racks(SHORT_LEASE);
    let repo_dir = tempfile::tempdir().unwrap();
    let repo = pxfw::cli::quickstart::write_example_repository(repo_dir.path()).unwrap();
    let uri = format!("file://{}", repo.json.display());
    let r = c.pxfw(&["repo", "add", "examples", &uri]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = c.pxfw(&[
        "install",
        "hello-stateful",
        "--yes",
        "--wait",
        "--timeout",
        "120s",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let before = volumes(&c, "hello-stateful-");
    assert!(!before.is_empty());
    let r = c.pxfw(&[
        "uninstall",
        "hello-stateful",
        "--yes",
        "--wait",
        "--keep-volumes",
        "--timeout",
        "120s",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let listed = r
        .stdout
        .lines()
        .find(|l| l.starts_with("Volumes kept: "))
        .expect("the kept volumes are listed");
    let listed: BTreeSet<String> = listed
        .trim_start_matches("Volumes kept: ")
        .split(", ")
        .map(str::to_string)
        .collect();
    assert_eq!(
        listed, before,
        "exactly the service's volumes are kept and listed"
    );
    assert_eq!(volumes(&c, "hello-stateful-"), before);
    assert_eq!(processes_of(&c, "hello-stateful"), 0);
}
