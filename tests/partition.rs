//! Issue 15 with real networking: the server and three agents each in a network namespace of their own
//! (`support::netns`), a short lease (500 ms heartbeat, 2 s lease, 1 s grace), and faults made of pulled
//! links, blackhole routes and real signals. What the tasks did is read from their own write log
//! (`tests/specs/writer.yml`), not from what the server believes.
//!
//! - A node cut off for lease + grace + 5 s is fenced before its pod starts elsewhere, and runs nothing old
//!   once it is back.
//! - The server killed, frozen or down, or cut off from a majority of the nodes, fences nothing and moves
//!   nothing: every task keeps its id and its process, and every volume keeps being written.

use std::time::{Duration, Instant};

use crate::support::cluster::{Cluster, SHORT_LEASE, THREE_RACKS};
use crate::support::netns::{Host, NetCluster};
use serde_json::Value;

const WRITER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs/writer.yml");
const SERVICE: &str = "w";
/// Lease + grace of [`SHORT_LEASE`].
const LEASE_AND_GRACE: Duration = Duration::from_millis(2000 + 1000);
/// How long a failover may take: lease + grace, plus room for a loaded machine.
const FAILOVER_BOUND: Duration = Duration::from_secs(3 + 12);
/// How far apart two looks at the write logs are: a writer writes every ~100 ms, so a log that did not
/// grow in this long has lost its writer.
const SAMPLE: Duration = Duration::from_secs(2);

/// One line of a write log.
#[derive(Debug, Clone, PartialEq)]
struct Write {
    seq: u64,
    ms: i64,
    task: String,
    pid: i32,
}

/// The lines one task wrote, in a row.
#[derive(Debug)]
struct Span {
    task: String,
    pid: i32,
    first: Write,
    last: Write,
}

/// What the server says one pod's task is: id, node, state.
#[derive(Debug, Clone, PartialEq)]
struct PodTask {
    id: String,
    node: String,
    state: String,
}

fn start() -> NetCluster {
    NetCluster::start(THREE_RACKS, SHORT_LEASE)
}

/// The writer service with `count` pods, one per host, deployed.
fn deploy(c: &Cluster, count: u32) {
    let env = [
        format!("SERVICE_NAME={SERVICE}"),
        format!("WRITER_COUNT={count}"),
        r#"WRITER_PLACEMENT=[["hostname","MAX_PER","1"]]"#.to_string(),
    ];
    let mut args = vec!["service", "add", SERVICE, "--spec", WRITER];
    for e in &env {
        args.extend(["--env", e.as_str()]);
    }
    let r = c.pxfw(&args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan(SERVICE, "deploy", "120s");
    assert_eq!(
        r.code,
        0,
        "deploy: {}\n{}\n{}",
        r.stdout,
        r.stderr,
        c.server_log()
    );
}

fn pod_task(c: &Cluster, index: u32) -> Option<PodTask> {
    let out = c.pxfw(&["pod", "info", &format!("writer-{index}"), "--name", SERVICE]);
    let v: Value = serde_json::from_str(&out.stdout).ok()?;
    let t = &v[0];
    Some(PodTask {
        id: t["info"]["taskId"]["value"].as_str()?.to_string(),
        node: t["info"]["slaveId"]["value"].as_str()?.to_string(),
        state: t["status"]["state"].as_str()?.to_string(),
    })
}

/// The write log of pod `index`'s volume, every line parsed (a writer appends whole lines with one write).
fn writes(c: &Cluster, index: u32) -> Vec<Write> {
    let path = c
        .volumes_dir()
        .join(format!("{SERVICE}-data-{index}"))
        .join("data")
        .join("writes");
    std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let bad = || format!("{}: malformed line {l:?}", path.display());
            let f: Vec<&str> = l.split(' ').collect();
            assert_eq!(f.len(), 4, "{}", bad());
            Write {
                seq: f[0].parse().unwrap_or_else(|_| panic!("{}", bad())),
                ms: f[1].parse().unwrap_or_else(|_| panic!("{}", bad())),
                task: f[2].to_string(),
                pid: f[3].parse().unwrap_or_else(|_| panic!("{}", bad())),
            }
        })
        .collect()
}

/// Splits a write log into its writers' runs, checking that there was one writer at a time: every line
/// is one more than the one before it (a second writer would repeat or skip numbers), time never goes
/// back, and no task comes back after another one wrote.
fn spans(log: &[Write]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, w) in log.iter().enumerate() {
        if i > 0 {
            let prev = &log[i - 1];
            assert_eq!(w.seq, prev.seq + 1, "two writers: {prev:?} then {w:?}");
            assert!(w.ms >= prev.ms, "time went back: {prev:?} then {w:?}");
        }
        match out.last_mut() {
            Some(r) if r.task == w.task && r.pid == w.pid => r.last = w.clone(),
            _ => {
                assert!(
                    !out.iter().any(|r| r.task == w.task),
                    "{} wrote again after another writer: {w:?}",
                    w.task
                );
                out.push(Span {
                    task: w.task.clone(),
                    pid: w.pid,
                    first: w.clone(),
                    last: w.clone(),
                });
            }
        }
    }
    out
}

/// Whether a process is alive (a zombie is not).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, r)| !r.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

/// The fencings an agent's watchdog or runtime logged (not the start-up sweep of leftovers).
fn fencings(c: &Cluster, node: &str) -> Vec<(i64, String)> {
    pxfw::agent::fence::log(&c.agent_dir(node))
        .into_iter()
        .filter(|(_, l)| !l.contains("agent start"))
        .collect()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Every pod's task and writer as they are before a fault.
struct Before {
    tasks: Vec<PodTask>,
    pids: Vec<i32>,
}

fn before(c: &Cluster, count: u32) -> Before {
    let tasks: Vec<PodTask> = (0..count)
        .map(|i| pod_task(c, i).expect("pod info"))
        .collect();
    for t in &tasks {
        assert_eq!(t.state, "TASK_RUNNING", "{t:?}");
    }
    // Each writer has written a few lines; its pid is the one in them.
    std::thread::sleep(Duration::from_millis(1000));
    let pids = (0..count)
        .map(|i| {
            let log = writes(c, i);
            let r = spans(&log);
            assert_eq!(
                r.len(),
                1,
                "writer-{i} has one writer before the fault: {r:?}"
            );
            assert_eq!(r[0].task, tasks[i as usize].id);
            r[0].pid
        })
        .collect();
    Before { tasks, pids }
}

/// Watches every volume for `how_long` (the fault is on meanwhile): each look, `SAMPLE` apart, finds
/// newer lines by the same writer as before — the data keeps changing and nobody took over.
fn keeps_writing(c: &Cluster, b: &Before, how_long: Duration, during: &str) {
    let start = Instant::now();
    let mut last: Vec<u64> = (0..b.tasks.len() as u32)
        .map(|i| writes(c, i).last().map(|w| w.seq).unwrap_or(0))
        .collect();
    while start.elapsed() < how_long {
        std::thread::sleep(SAMPLE.min(how_long.saturating_sub(start.elapsed())));
        for (i, seen) in last.iter_mut().enumerate() {
            let log = writes(c, i as u32);
            let w = log.last().expect("a write log");
            let node = &b.tasks[i].node;
            assert!(
                w.seq > *seen,
                "writer-{i} on {node} stopped writing {:.1} s into {during} (last line {} ms ago: {w:?}); \
                 fencings of {node}: {:?}",
                start.elapsed().as_secs_f64(),
                now_ms() - w.ms,
                fencings(c, node)
            );
            assert_eq!(
                (&w.task, w.pid),
                (&b.tasks[i].id, b.pids[i]),
                "writer-{i} has a new writer {:.1} s into {during}",
                start.elapsed().as_secs_f64()
            );
            *seen = w.seq;
        }
    }
}

/// After the fault: the server had lease + grace and more to act, and nothing moved or restarted. Every
/// pod has the task it had, on the node it had, with the same process, which wrote its volume throughout
/// as the only writer; no node fenced anything.
fn nothing_restarted(c: &Cluster, b: &Before) {
    keeps_writing(
        c,
        b,
        LEASE_AND_GRACE + Duration::from_secs(3),
        "the time after the fault",
    );
    for (i, t) in b.tasks.iter().enumerate() {
        let now = pod_task(c, i as u32).expect("pod info");
        assert_eq!(
            &now,
            t,
            "writer-{i} was restarted or moved\n{}",
            c.server_log()
        );
        assert!(
            alive(b.pids[i]),
            "writer-{i}'s process {} is gone",
            b.pids[i]
        );
        let r = spans(&writes(c, i as u32));
        assert_eq!(r.len(), 1, "writer-{i} had one writer throughout: {r:?}");
    }
    for a in THREE_RACKS {
        assert_eq!(
            fencings(c, a.id),
            Vec::<(i64, String)>::new(),
            "{} fenced",
            a.id
        );
    }
}

#[test]
fn a_node_cut_off_is_fenced_before_its_pod_starts_elsewhere_and_runs_nothing_old_once_healed() {
    let nc = start();
    let c = &nc.cluster;
    deploy(c, 2);
    let b = before(c, 2);
    let victim = b.tasks[0].node.clone();

    let cut_at = Instant::now();
    nc.net.cut(Host::Node(&victim));
    let moved = loop {
        if let Some(t) = pod_task(c, 0).filter(|t| t.node != victim && t.state == "TASK_RUNNING") {
            break t;
        }
        assert!(
            cut_at.elapsed() < FAILOVER_BOUND,
            "writer-0 not running elsewhere {FAILOVER_BOUND:?} after {victim} was cut off\n{}",
            c.server_log()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    eprintln!(
        "writer-0 moved from {victim} to {} {:?} after the cut",
        moved.node,
        cut_at.elapsed()
    );
    std::thread::sleep((LEASE_AND_GRACE + Duration::from_secs(5)).saturating_sub(cut_at.elapsed()));
    nc.net.heal(Host::Node(&victim));

    // Healed, the node learns it was declared lost and registers again: all three are ACTIVE.
    c.wait_agents(THREE_RACKS.len());
    std::thread::sleep(Duration::from_secs(1));

    // The write log: the old writer's lines, then the new writer's, continuing the same sequence on the
    // same data; the old writer was dead (its last line, then the node's fencing) before the new one began.
    let r = spans(&writes(c, 0));
    assert_eq!(r.len(), 2, "one handover: {r:?}");
    let (old, new) = (&r[0], &r[1]);
    assert_eq!(
        (old.task.as_str(), old.pid),
        (b.tasks[0].id.as_str(), b.pids[0])
    );
    assert_eq!(new.task, moved.id);
    let fenced = fencings(c, &victim);
    let fenced_at = fenced
        .first()
        .unwrap_or_else(|| panic!("{victim} never fenced"))
        .0;
    assert!(
        old.last.ms < new.first.ms && fenced_at < new.first.ms,
        "old writer's last line at {}, {victim} fenced at {fenced_at}, new writer's first line at {}",
        old.last.ms,
        new.first.ms
    );
    eprintln!(
        "old writer's last line {} ms before the new writer's first; fenced {} ms before it",
        new.first.ms - old.last.ms,
        new.first.ms - fenced_at
    );
    let later = writes(c, 0).last().unwrap().seq;
    assert!(later > new.first.seq, "the moved pod keeps writing");

    // Nothing of the old life runs on the healed node, and the other pod never noticed.
    assert!(!alive(old.pid), "the old writer {} still runs", old.pid);
    let on_victim: Vec<_> = c
        .task_processes()
        .into_iter()
        .filter(|(_, cwd)| cwd.starts_with(c.agent_dir(&victim)))
        .collect();
    assert!(on_victim.is_empty(), "{victim} runs {on_victim:?}");
    assert_eq!(pod_task(c, 1).as_ref(), Some(&b.tasks[1]));
    assert_eq!(spans(&writes(c, 1)).len(), 1);
}

/// The server goes away in one of three ways and comes back.
enum Outage {
    /// `kill -9`, started again after the duration.
    Kill9(Duration),
    /// SIGSTOP, SIGCONT after the duration: the server's clock jumps when it thaws.
    Frozen(Duration),
    /// SIGTERM (a clean stop), started again after the duration.
    Down(Duration),
}

fn server_outage(outage: Outage) {
    let mut nc = start();
    deploy(&nc.cluster, 3);
    let b = before(&nc.cluster, 3);
    let c = &mut nc.cluster;
    match outage {
        Outage::Kill9(d) => {
            c.kill9_server();
            keeps_writing(c, &b, d, "the server's kill -9");
            c.restart_server();
        }
        Outage::Frozen(d) => {
            c.signal_server(libc::SIGSTOP);
            keeps_writing(c, &b, d, "the server's freeze");
            c.signal_server(libc::SIGCONT);
        }
        Outage::Down(d) => {
            let stopped = c.signal_and_wait_server(libc::SIGTERM, Duration::from_secs(10));
            assert!(stopped.is_some(), "the server did not stop on SIGTERM");
            keeps_writing(c, &b, d, "the server's outage");
            c.restart_server();
        }
    }
    nothing_restarted(c, &b);
}

#[test]
fn a_server_killed_and_back_after_10_s_restarts_no_task() {
    server_outage(Outage::Kill9(Duration::from_secs(10)));
}

#[test]
fn a_server_frozen_for_30_s_restarts_no_task() {
    server_outage(Outage::Frozen(Duration::from_secs(30)));
}

#[test]
fn a_server_down_for_60_s_restarts_no_task() {
    server_outage(Outage::Down(Duration::from_secs(60)));
}

/// The server and n1 on one side, n2 and n3 on the other: the server holds a fresh lease from only one
/// node of three, so it may declare nobody lost; n2 and n3 reach each other and neither reaches the
/// server, so they may keep their tasks.
#[test]
fn a_server_cut_off_from_a_majority_moves_nothing_and_the_majority_fences_nothing() {
    let nc = start();
    let c = &nc.cluster;
    deploy(c, 3);
    let b = before(c, 3);
    let minority = [Host::Server, Host::Node("n1")];
    let majority = [Host::Node("n2"), Host::Node("n3")];
    nc.net.partition(&minority, &majority);
    keeps_writing(
        c,
        &b,
        LEASE_AND_GRACE + Duration::from_secs(7),
        "the partition",
    );
    for (i, t) in b.tasks.iter().enumerate() {
        assert_eq!(
            pod_task(c, i as u32).as_ref(),
            Some(t),
            "writer-{i} moved during the partition\n{}",
            c.server_log()
        );
    }
    nc.net.join(&minority, &majority);
    nothing_restarted(c, &b);
}

/// Three writer pods under the default 5 s lease and 2 s grace (with a 500 ms heartbeat), where an agent
/// restarted within 2 s is inside its watchdog's deadline as on a real cluster; and what they were.
fn writers_with_the_default_lease() -> (NetCluster, Before) {
    let nc = NetCluster::start(
        THREE_RACKS,
        &[
            "--heartbeat-ms",
            "500",
            "--lease-ms",
            "5000",
            "--grace-ms",
            "2000",
        ],
    );
    deploy(&nc.cluster, 3);
    let b = before(&nc.cluster, 3);
    (nc, b)
}

/// The agents restart under their tasks, in their namespaces as on real nodes: n1 is killed with -9 and
/// started again 1.5 s later, then n2 is stopped with SIGTERM (it exits within 5 s, leaving its tasks to its
/// watchdog) and started again 1.5 s later. The default 5 s lease (2 s grace) is used, so "within 2 s" is
/// inside the watchdog's deadline as it is on a real cluster. Both re-adopt their tasks: no task
/// restarted, no volume lost its writer, nothing fenced.
#[test]
fn agents_killed_or_stopped_and_restarted_within_2_s_restart_no_task() {
    let (mut nc, b) = writers_with_the_default_lease();
    let c = &mut nc.cluster;
    c.kill9_agent("n1");
    keeps_writing(c, &b, Duration::from_millis(1500), "n1's kill -9");
    c.start_agent("n1", "r1");
    c.wait_agents(3);
    let stopped = c.signal_and_wait_agent("n2", libc::SIGTERM, Duration::from_secs(5));
    assert!(stopped.is_some(), "n2 did not exit within 5 s of SIGTERM");
    keeps_writing(c, &b, Duration::from_millis(1500), "n2's stop");
    c.start_agent("n2", "r2");
    c.wait_agents(3);
    // The server had the default lease + grace (7 s) to act on the restarts, and more.
    keeps_writing(c, &b, Duration::from_secs(5), "the time after the restarts");
    nothing_restarted(c, &b);
}

/// The server is killed, and while it is down n1's agent is killed too and started again: the new agent
/// cannot register, yet it re-adopts its task and makes the peer verdicts its predecessor would have made
/// (with the member list it kept), so its watchdog is not left to fence. When the server returns, nothing
/// was restarted and every volume was written throughout.
#[test]
fn an_agent_restarted_while_the_server_is_down_keeps_its_task() {
    let (mut nc, b) = writers_with_the_default_lease();
    let c = &mut nc.cluster;
    c.kill9_server();
    keeps_writing(c, &b, Duration::from_secs(2), "the server's kill -9");
    c.kill9_agent("n1");
    keeps_writing(c, &b, Duration::from_secs(1), "n1's kill -9");
    c.start_agent("n1", "r1");
    // Past the deadline the killed agent left its watchdog (lease − H/2 after its last renewal), and
    // through several verdicts of the new one.
    keeps_writing(
        c,
        &b,
        Duration::from_secs(10),
        "the outage with n1 restarted",
    );
    c.restart_server();
    c.wait_agents(3);
    keeps_writing(
        c,
        &b,
        Duration::from_secs(5),
        "the time after the server's return",
    );
    nothing_restarted(c, &b);
}
