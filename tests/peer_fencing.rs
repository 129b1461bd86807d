//! Issue 15 end to end: the control plane is never a kill switch. Real `pxfw server` / `pxfw agent`
//! processes on 127.0.0.1, each agent with a peer endpoint (`--listen 127.0.0.1:0`), a lease where
//! L > 3.5 H (250 ms heartbeat, 2 s lease, 1 s grace), faults by real signals.
//!
//! A frozen or killed server must not make the agents kill their tasks (a majority of the members
//! confirm to each other that the server is unreachable, so it cannot act either), and must not declare
//! anyone lost when it comes back; a frozen agent, whose peers still reach the server, is fenced by its
//! watchdog and its pod moves, as before.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cluster::Cluster;

const KV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs/kv.yml");
const HEARTBEAT_MS: u64 = 250;
const LEASE_MS: u64 = 2000;
const GRACE_MS: u64 = 1000;

/// Three agents `n1`..`n3` (racks `r1`..`r3`), each serving its peer endpoint on a free port.
fn cluster() -> Cluster {
    let (h, l, g) = (
        HEARTBEAT_MS.to_string(),
        LEASE_MS.to_string(),
        GRACE_MS.to_string(),
    );
    let mut c = Cluster::start(
        &[],
        &["--heartbeat-ms", &h, "--lease-ms", &l, "--grace-ms", &g],
    );
    for (id, rack) in [("n1", "r1"), ("n2", "r2"), ("n3", "r3")] {
        c.start_agent_with(id, rack, &["--listen", "127.0.0.1:0"]);
    }
    c.wait_agents(3);
    c
}

/// `kv` with `count` pods, at most one per host, deployed.
fn deploy_kv(c: &Cluster, count: u32) {
    let env = [
        "SERVICE_NAME=kv".to_string(),
        format!("STORE_COUNT={count}"),
        r#"STORE_PLACEMENT=[["hostname","MAX_PER","1"]]"#.to_string(),
    ];
    let mut args = vec!["service", "add", "kv", "--spec", KV];
    for e in &env {
        args.extend(["--env", e.as_str()]);
    }
    let r = c.pxfw(&args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan("kv", "deploy", "120s");
    assert_eq!(r.code, 0, "{}\n{}\n{}", r.stdout, r.stderr, c.server_log());
}

/// The sandboxes that have a live process. Each launch has its own sandbox (named by its task id), so a
/// killed or restarted task changes this set. (Pids would not do: the task's `sleep 1` changes each second.)
fn tasks(c: &Cluster) -> BTreeSet<PathBuf> {
    c.task_processes().into_iter().map(|(_, cwd)| cwd).collect()
}

/// Fencings logged by `node`'s agent or watchdog (the start-up sweep of leftovers is not one).
fn fencings(c: &Cluster, node: &str) -> Vec<String> {
    std::fs::read_to_string(c.agent_dir(node).join("fence.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.contains("agent start"))
        .map(str::to_string)
        .collect()
}

/// The server's `agent-lost` events.
fn lost_events(c: &Cluster) -> Vec<Value> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = format!("{}/pxfw/v1/events?kind=agent-lost", c.url);
    rt.block_on(async {
        let resp = reqwest::get(&url).await.expect("events");
        resp.json::<Vec<Value>>().await.expect("events as JSON")
    })
}

fn agents_active(c: &Cluster) -> usize {
    c.status()["agents"]
        .as_array()
        .map(|a| a.iter().filter(|x| x["status"] == "ACTIVE").count())
        .unwrap_or(0)
}

fn agent_logs(c: &Cluster) -> String {
    ["n1", "n2", "n3"]
        .iter()
        .map(|n| {
            let log = std::fs::read_to_string(c.dir.path().join(format!("agent-{n}.log")))
                .unwrap_or_default();
            format!("--- agent {n}\n{log}")
        })
        .collect()
}

/// Nothing happened to the tasks: the same processes run, no agent fenced, nobody was declared lost.
fn assert_untouched(c: &Cluster, before: &BTreeSet<PathBuf>, what: &str) {
    // The server had its chance to act: a full lease and grace after it is back, and then some.
    std::thread::sleep(Duration::from_millis(2 * (LEASE_MS + GRACE_MS)));
    assert_eq!(
        &tasks(c),
        before,
        "{what}: the task processes changed\n{}\n--- server\n{}",
        agent_logs(c),
        c.server_log()
    );
    for n in ["n1", "n2", "n3"] {
        let f = fencings(c, n);
        assert!(f.is_empty(), "{what}: {n} fenced: {f:?}\n{}", agent_logs(c));
    }
    assert_eq!(
        lost_events(c),
        Vec::<Value>::new(),
        "{what}: an agent declared lost"
    );
    assert_eq!(agents_active(c), 3, "{what}: {}", c.status());
}

#[test]
fn a_frozen_or_killed_server_fences_nothing_and_declares_nobody_lost() {
    let mut c = cluster();
    deploy_kv(&c, 3);
    let before = tasks(&c);
    assert_eq!(before.len(), 3, "{before:?}");

    // Frozen for three times lease + grace: every agent passes its fence point many times over.
    let frozen = Duration::from_millis(3 * (LEASE_MS + GRACE_MS));
    c.signal_server(libc::SIGSTOP);
    let started = Instant::now();
    std::thread::sleep(frozen / 2);
    assert_eq!(tasks(&c), before, "tasks killed while the server is frozen");
    std::thread::sleep(frozen.saturating_sub(started.elapsed()));
    c.signal_server(libc::SIGCONT);
    assert_untouched(&c, &before, "after a server freeze");

    // Killed and restarted on the same state after three leases.
    c.kill9_server();
    std::thread::sleep(Duration::from_millis(3 * LEASE_MS));
    assert_eq!(tasks(&c), before, "tasks killed while the server is down");
    c.restart_server();
    assert_untouched(&c, &before, "after a server restart");
    // The figures of this run (verdict changes logged per agent), for whoever reads the test output.
    let logs = agent_logs(&c);
    eprintln!(
        "hold verdicts logged: {}, deferred vetoes: {}, fences: {}",
        logs.matches("verdict: hold").count(),
        logs.matches("a hold is in force").count(),
        logs.matches("fencing: killing").count()
    );
}

#[test]
fn a_frozen_agent_whose_peers_reach_the_server_is_fenced_and_its_pod_moves() {
    let c = cluster();
    deploy_kv(&c, 2);
    let victim = c.pod_node("kv", "store-0");
    c.signal_agent(&victim, libc::SIGSTOP);
    let frozen_at = Instant::now();
    let bound = Duration::from_millis(LEASE_MS + GRACE_MS) + Duration::from_secs(20);
    loop {
        let node = c.pod_node("kv", "store-0");
        let running = c
            .pxfw(&["pod", "info", "store-0", "--name", "kv"])
            .stdout
            .contains("TASK_RUNNING");
        if node != victim && running {
            break;
        }
        assert!(
            frozen_at.elapsed() < bound,
            "store-0 did not move off the frozen {victim}\n{}",
            c.server_log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let fenced = fencings(&c, &victim);
    assert!(
        fenced.iter().any(|l| l.contains("lease not renewed")),
        "the watchdog of {victim} did not fence: {fenced:?}"
    );
    c.signal_agent(&victim, libc::SIGCONT);
    // The thawed agent asks its peers, learns they reach the server, fences, is told it was lost, and
    // re-registers: the cluster runs exactly the two current tasks, none on the victim's old sandbox.
    let deadline = Instant::now() + Duration::from_secs(20);
    while agents_active(&c) < 3 {
        assert!(Instant::now() < deadline, "{victim} did not come back");
        std::thread::sleep(Duration::from_millis(100));
    }
    let lost = lost_events(&c);
    assert!(
        lost.iter().any(|e| e.to_string().contains(&victim)),
        "{victim} was not declared lost: {lost:?}"
    );
    let sandboxes = tasks(&c);
    assert_eq!(sandboxes.len(), 2, "{sandboxes:?}\n{}", agent_logs(&c));
}

#[test]
fn a_bad_or_busy_listen_address_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, "0123456789abcdef0123456789abcdef").unwrap();
    let agent = |listen: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pxfw"))
            .args(["agent", "--server", "http://127.0.0.1:9", "--token-file"])
            .arg(&token)
            .args(["--node-id", "n1", "--listen", listen, "--data-dir"])
            .arg(dir.path().join("agent"))
            .output()
            .expect("run pxfw agent");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = agent("localhost:7070");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is not an IP address and port"), "{err}");

    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let (code, err) = agent(&format!("127.0.0.1:{port}"));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cannot listen for peers") && err.contains("port 0 for a free one"),
        "{err}"
    );
}
