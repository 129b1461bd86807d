//! Issue 15, clean exits: `pxfw server --local-agents N` and `pxfw agent` end within 5 s of SIGTERM (the
//! server of SIGINT too). The server leaves no process behind — no pxfw process, no fencing watchdog, no
//! task — at once. `pxfw agent` leaves its tasks running for the next agent process to re-adopt, under
//! its watchdog's guard: if no agent comes back, nothing is left once the lease (plus the watchdog's
//! poll) has passed. Real processes; a process is "left" when its command line or working directory is
//! in the test's directory.

use std::time::{Duration, Instant};

use crate::support::cluster::{AgentSpec, Cluster, SHORT_LEASE};

const KV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs/kv.yml");
const STUBBORN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs/stubborn.yml");
/// What the issue allows between the signal and the exit.
const EXIT_LIMIT: Duration = Duration::from_secs(5);
/// How long a SIGKILLed process may take to be gone (reaped by init).
const REAPED: Duration = Duration::from_secs(1);
/// The watchdog of a stopped agent fences once the lease has passed: the short lease (2 s) from the last
/// renewal, plus its 50 ms poll, plus the reaping.
const LEASE_AND_POLL: Duration = Duration::from_millis(2000 + 50 + 1000);

/// Deploys `kv` with `count` pods, one per host, and waits until its tasks run.
fn deploy_kv(c: &Cluster, count: u32) {
    let r = c.pxfw(&[
        "service",
        "add",
        "kv",
        "--spec",
        KV,
        "--env",
        "SERVICE_NAME=kv",
        "--env",
        &format!("STORE_COUNT={count}"),
        "--env",
        r#"STORE_PLACEMENT=[["hostname","MAX_PER","1"]]"#,
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan("kv", "deploy", "120s");
    assert_eq!(r.code, 0, "{}\n{}\n{}", r.stdout, r.stderr, c.server_log());
}

/// Waits up to `within` for processes the exit left to be gone (a SIGKILLed task is reaped by init), then
/// returns what is still there.
fn left_behind(root: &std::path::Path, within: Duration) -> Vec<(i32, String)> {
    let until = Instant::now() + within;
    loop {
        let left = Cluster::processes_under(root);
        if left.is_empty() || Instant::now() >= until {
            return left;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn server_with_local_agents_exits_on(sig: i32) {
    let mut args = vec!["--local-agents", "2"];
    args.extend_from_slice(SHORT_LEASE);
    let mut c = Cluster::start(&[], &args);
    c.wait_agents(2);
    deploy_kv(&c, 2);
    let root = c.data_dir();
    let before = Cluster::processes_under(&root);
    assert!(
        before.iter().any(|(_, p)| p.contains("__fence-watch")),
        "each local agent has a watchdog: {before:?}"
    );
    assert!(
        before.iter().any(|(_, p)| p.contains("/sandboxes/")),
        "the service's tasks run: {before:?}"
    );
    let took = c.signal_and_wait_server(sig, EXIT_LIMIT);
    let left = left_behind(c.dir.path(), REAPED);
    let took = took.unwrap_or_else(|| {
        panic!(
            "pxfw server did not exit within {EXIT_LIMIT:?} of signal {sig}\n{}",
            c.server_log()
        )
    });
    eprintln!("pxfw server --local-agents 2 exited {took:?} after signal {sig}");
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_server_with_local_agents_exits_within_5_s_of_sigterm_leaving_nothing() {
    server_with_local_agents_exits_on(libc::SIGTERM);
}

#[test]
fn a_server_with_local_agents_exits_within_5_s_of_sigint_leaving_nothing() {
    server_with_local_agents_exits_on(libc::SIGINT);
}

/// Asserts what a stopped `pxfw agent` leaves: its tasks still running and its watchdog on guard at once,
/// nothing once the lease and the watchdog's poll have passed, and a fence log saying the watchdog fenced.
fn assert_guarded_then_fenced(root: &std::path::Path) {
    let at_exit = Cluster::processes_under(root);
    assert!(
        at_exit.iter().any(|(_, p)| p.contains("/sandboxes/")),
        "the agent leaves its tasks running for the next agent process: {at_exit:?}"
    );
    assert!(
        at_exit.iter().any(|(_, p)| p.contains("__fence-watch")),
        "the watchdog guards them: {at_exit:?}"
    );
    let left = left_behind(root, LEASE_AND_POLL);
    assert!(left.is_empty(), "left behind after the lease: {left:?}");
    let fence_log = std::fs::read_to_string(root.join("fence.log")).unwrap_or_default();
    assert!(fence_log.contains("fenced (agent died)"), "{fence_log}");
}

#[test]
fn an_agent_exits_within_5_s_of_sigterm_and_nothing_is_left_after_the_lease() {
    // Two nodes: the volumes keep two replicas.
    let mut c = Cluster::start(
        &[
            AgentSpec {
                id: "n1",
                rack: "r1",
            },
            AgentSpec {
                id: "n2",
                rack: "r2",
            },
        ],
        SHORT_LEASE,
    );
    deploy_kv(&c, 2);
    let root = c.agent_dir("n1");
    let before = Cluster::processes_under(&root);
    assert!(
        before.iter().any(|(_, p)| p.contains("__fence-watch")),
        "the agent has a watchdog: {before:?}"
    );
    assert!(
        before.iter().any(|(_, p)| p.contains("/sandboxes/")),
        "a task runs on n1: {before:?}"
    );
    let took = c
        .signal_and_wait_agent("n1", libc::SIGTERM, EXIT_LIMIT)
        .unwrap_or_else(|| panic!("pxfw agent did not exit within {EXIT_LIMIT:?} of SIGTERM"));
    eprintln!("pxfw agent exited {took:?} after SIGTERM");
    assert_guarded_then_fenced(&root);
}

/// A stopping agent no longer waits for its tasks (it leaves them running), so a task that ignores
/// SIGTERM with a 60 s kill grace changes nothing: the agent exits at once, and the watchdog SIGKILLs the
/// task once the lease has passed.
#[test]
fn an_agent_whose_task_ignores_sigterm_still_exits_within_5_s() {
    let mut c = Cluster::start(
        &[AgentSpec {
            id: "n1",
            rack: "r1",
        }],
        SHORT_LEASE,
    );
    let r = c.pxfw(&[
        "service",
        "add",
        "stubborn",
        "--spec",
        STUBBORN,
        "--env",
        "SERVICE_NAME=stubborn",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan("stubborn", "deploy", "60s");
    assert_eq!(r.code, 0, "{}\n{}\n{}", r.stdout, r.stderr, c.server_log());
    let root = c.agent_dir("n1");
    let took = c
        .signal_and_wait_agent("n1", libc::SIGTERM, EXIT_LIMIT)
        .unwrap_or_else(|| panic!("pxfw agent did not exit within {EXIT_LIMIT:?} of SIGTERM"));
    eprintln!("pxfw agent (task ignoring SIGTERM, 60 s kill grace) exited {took:?} after SIGTERM");
    assert_guarded_then_fenced(&root);
}
