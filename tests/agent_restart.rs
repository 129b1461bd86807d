//! Issue 15, "Agent restarts keep their tasks": a `pxfw agent` killed with -9, stopped with SIGTERM, or
//! replaced by another binary (an upgrade) comes back and re-adopts its running tasks — same task ids, same
//! processes, RUNNING and ready throughout, checks resumed, no fencing — and a task that ended while no
//! agent ran is reported with its real exit status. A second agent on the same data directory is refused.
//! Real `pxfw server` / `pxfw agent` processes on 127.0.0.1 with the short lease (2 s): each restart must
//! come back well within it, or the watchdog would fence.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::cluster::{AgentSpec, Cluster, SHORT_LEASE};

/// Two pods on one node. Each task records its shell's pid, ticks until a `stop` file appears in its
/// sandbox, then exits with code 3; its health check leaves a line per run, so resumed checks show.
const SPEC: &str = r#"
name: {{SERVICE_NAME}}
pods:
  keeper:
    count: 2
    tasks:
      server:
        goal: RUNNING
        cmd: "echo $$ > task.pid; while [ ! -e stop ]; do date +%s >> ticks; sleep 0.1; done; exit 3"
        cpus: 0.1
        memory: 32
        readiness-check:
          cmd: "test -s ticks"
          interval: 1
          delay: 0
          timeout: 5
        health-check:
          cmd: "echo check >> health; test -s ticks"
          interval: 1
          grace-period: 5
          max-consecutive-failures: 3
          delay: 0
          timeout: 5
"#;

const SERVICE: &str = "keep";
const PODS: [&str; 2] = ["keeper-0", "keeper-1"];
/// What the issue allows between SIGTERM and the agent's exit.
const EXIT_LIMIT: Duration = Duration::from_secs(5);
/// How long the restarted agent is watched: two leases, so a missed renewal would have fenced.
const WATCH: Duration = Duration::from_secs(4);

/// One running task as the node sees it: its launch id, sandbox, and shell (pid + start time).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Task {
    id: String,
    sandbox: PathBuf,
    pid: i32,
    start_ticks: u64,
}

/// A one-node cluster running the two `keeper` pods, ready.
fn deployed() -> Cluster {
    let c = Cluster::start(
        &[AgentSpec {
            id: "n1",
            rack: "r1",
        }],
        SHORT_LEASE,
    );
    let spec = c.dir.path().join("keep.yml");
    std::fs::write(&spec, SPEC).unwrap();
    let r = c.pxfw(&[
        "service",
        "add",
        SERVICE,
        "--spec",
        spec.to_str().unwrap(),
        "--env",
        "SERVICE_NAME=keep",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let r = c.wait_plan(SERVICE, "deploy", "60s");
    assert_eq!(r.code, 0, "{}\n{}\n{}", r.stdout, r.stderr, c.server_log());
    c
}

/// The start time (`/proc/<pid>/stat` field 22) of a live, non-zombie process.
fn start_ticks(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    if fields.first().is_some_and(|s| *s == "Z" || *s == "X") {
        return None;
    }
    fields.get(19)?.parse().ok()
}

/// The node's tasks, from their sandboxes (waits until every task recorded its pid).
fn node_tasks(c: &Cluster) -> Vec<Task> {
    let root = c.agent_dir("n1").join("sandboxes").join(SERVICE);
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let mut tasks: Vec<Task> = std::fs::read_dir(&root)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let sandbox = e.path();
                let pid: i32 = std::fs::read_to_string(sandbox.join("task.pid"))
                    .ok()?
                    .trim()
                    .parse()
                    .ok()?;
                Some(Task {
                    id: e.file_name().to_string_lossy().to_string(),
                    start_ticks: start_ticks(pid)?,
                    sandbox,
                    pid,
                })
            })
            .collect();
        tasks.sort_by(|a, b| a.id.cmp(&b.id));
        if tasks.len() == PODS.len() {
            return tasks;
        }
        assert!(Instant::now() < until, "tasks on n1: {tasks:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `(task id, state)` of each pod's task as the server reports it (`pod info`).
fn server_view(c: &Cluster) -> Vec<(String, String)> {
    PODS.iter()
        .map(|pod| {
            let r = c.pxfw(&["pod", "info", pod, "--name", SERVICE]);
            let v: serde_json::Value = serde_json::from_str(&r.stdout)
                .unwrap_or_else(|e| panic!("pod info {pod}: {e}: {}{}", r.stdout, r.stderr));
            (
                v[0]["info"]["taskId"]["value"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                v[0]["status"]["state"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

/// The server's record of one task launch, read from its store (`state.db`, read-only) wherever the
/// task now is in its service (current or retired).
fn task_record(c: &Cluster, task_id: &str) -> Option<serde_json::Value> {
    let db = rusqlite::Connection::open_with_flags(
        c.data_dir().join("state.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .ok()?;
    let json: String = db
        .query_row(
            "SELECT json FROM docs WHERE kind = 'service' AND key = ?1",
            [SERVICE],
            |row| row.get(0),
        )
        .ok()?;
    fn find(v: &serde_json::Value, id: &str) -> Option<serde_json::Value> {
        match v {
            serde_json::Value::Object(m) if m.get("task_id").is_some_and(|t| t == id) => {
                Some(v.clone())
            }
            serde_json::Value::Object(m) => m.values().find_map(|x| find(x, id)),
            serde_json::Value::Array(a) => a.iter().find_map(|x| find(x, id)),
            _ => None,
        }
    }
    find(&serde_json::from_str(&json).ok()?, task_id)
}

/// Lines of the node's fence log: every fencing, whoever did it.
fn fencings(c: &Cluster) -> String {
    std::fs::read_to_string(c.agent_dir("n1").join("fence.log")).unwrap_or_default()
}

/// Live fencing watchdogs of the node.
fn watchdogs(c: &Cluster) -> Vec<(i32, String)> {
    Cluster::processes_under(&c.agent_dir("n1"))
        .into_iter()
        .filter(|(_, p)| p.contains("__fence-watch"))
        .collect()
}

fn health_runs(task: &Task) -> usize {
    std::fs::read_to_string(task.sandbox.join("health"))
        .unwrap_or_default()
        .lines()
        .count()
}

/// Watches the node for [`WATCH`] after a restart: the server sees the same task ids RUNNING at every
/// look, the very same processes live on, nothing is fenced, the health checks run again, and exactly
/// one watchdog (the new agent's) guards the node.
fn assert_kept(c: &Cluster, before: &[Task]) {
    let ids: Vec<String> = before.iter().map(|t| t.id.clone()).collect();
    let checks_before: Vec<usize> = before.iter().map(health_runs).collect();
    let until = Instant::now() + WATCH;
    let mut looks = 0;
    while Instant::now() < until {
        let view = server_view(c);
        let mut seen: Vec<String> = view.iter().map(|(id, _)| id.clone()).collect();
        seen.sort();
        assert_eq!(seen, ids, "the server's tasks changed: {view:?}");
        assert!(
            view.iter().all(|(_, state)| state == "TASK_RUNNING"),
            "not RUNNING throughout: {view:?}\n{}",
            c.server_log()
        );
        for t in before {
            assert_eq!(
                start_ticks(t.pid),
                Some(t.start_ticks),
                "task {} (pid {}) did not survive the restart",
                t.id,
                t.pid
            );
        }
        looks += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(looks >= 5, "only {looks} looks in {WATCH:?}");
    assert_eq!(node_tasks(c), before, "the node runs the same tasks");
    let fenced = fencings(c);
    assert!(!fenced.contains("fenced"), "fence log: {fenced}");
    let log = std::fs::read_to_string(c.dir.path().join("agent-n1.log")).unwrap_or_default();
    // Registered again at once (same instance), killed nothing (warnings are what the agents log).
    assert!(
        !log.contains("killed") && !log.contains("refused"),
        "agent log:\n{log}"
    );
    for (t, n) in before.iter().zip(checks_before) {
        assert!(
            health_runs(t) > n,
            "the health check of {} did not run again after the restart",
            t.id
        );
    }
    let ready = c.pxfw(&["plan", "status", "deploy", "--name", SERVICE, "--json"]);
    assert!(
        ready.stdout.contains("COMPLETE"),
        "the deploy plan stays complete: {}",
        ready.stdout
    );
    let dogs = watchdogs(c);
    assert_eq!(dogs.len(), 1, "one watchdog guards the node: {dogs:?}");
}

#[test]
fn an_agent_killed_with_9_and_restarted_keeps_its_tasks() {
    let mut c = deployed();
    let before = node_tasks(&c);
    c.kill9_agent("n1");
    std::thread::sleep(Duration::from_millis(200));
    let lease = c.agent_dir("n1").join("lease.json");
    let renewed = || std::fs::metadata(&lease).and_then(|m| m.modified()).ok();
    let old = renewed();
    let restarted = Instant::now();
    c.start_agent("n1", "r1");
    while renewed() == old && restarted.elapsed() < WATCH {
        std::thread::sleep(Duration::from_millis(5));
    }
    // A figure for the timing argument (the old watchdog deadline is 1.75 s after the last renewal).
    eprintln!(
        "the restarted agent renewed the lease {:?} after it was started",
        restarted.elapsed()
    );
    assert_kept(&c, &before);
}

#[test]
fn an_agent_stopped_with_sigterm_leaves_its_tasks_and_restarted_keeps_them() {
    let mut c = deployed();
    let before = node_tasks(&c);
    let took = c
        .signal_and_wait_agent("n1", libc::SIGTERM, EXIT_LIMIT)
        .unwrap_or_else(|| panic!("pxfw agent did not exit within {EXIT_LIMIT:?} of SIGTERM"));
    eprintln!("pxfw agent exited {took:?} after SIGTERM");
    for t in &before {
        assert_eq!(
            start_ticks(t.pid),
            Some(t.start_ticks),
            "SIGTERM left {} running",
            t.id
        );
    }
    assert_eq!(watchdogs(&c).len(), 1, "the watchdog stays on guard");
    c.start_agent("n1", "r1");
    assert_kept(&c, &before);
}

#[test]
fn an_agent_upgraded_to_another_binary_keeps_its_tasks() {
    let mut c = deployed();
    let before = node_tasks(&c);
    let upgraded = c.dir.path().join("pxfw-upgraded");
    std::fs::copy(env!("CARGO_BIN_EXE_pxfw"), &upgraded).unwrap();
    c.signal_and_wait_agent("n1", libc::SIGTERM, EXIT_LIMIT)
        .unwrap_or_else(|| panic!("pxfw agent did not exit within {EXIT_LIMIT:?} of SIGTERM"));
    c.start_agent_from(&upgraded, "n1", "r1", &[]);
    let pid = c.agent_pid("n1").unwrap();
    assert_eq!(
        std::fs::read_link(format!("/proc/{pid}/exe")).unwrap(),
        upgraded,
        "the agent now runs from the upgraded binary"
    );
    assert_kept(&c, &before);
}

/// Re-adopted tasks are the server's to stop: removing the service kills them through their process
/// groups, although this agent process never started them.
#[test]
fn re_adopted_tasks_the_server_no_longer_wants_are_killed() {
    let mut c = deployed();
    let before = node_tasks(&c);
    c.kill9_agent("n1");
    c.start_agent("n1", "r1");
    c.wait_agents(1);
    let r = c.pxfw(&["service", "remove", SERVICE]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let until = Instant::now() + Duration::from_secs(30);
    while before.iter().any(|t| start_ticks(t.pid).is_some())
        || Cluster::processes_under(&c.agent_dir("n1").join("sandboxes"))
            .iter()
            .any(|(_, p)| p.contains("/sandboxes/"))
    {
        assert!(
            Instant::now() < until,
            "the adopted tasks were not killed: {:?}",
            Cluster::processes_under(&c.agent_dir("n1"))
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!fencings(&c).contains("fenced"), "{}", fencings(&c));
}

#[test]
fn a_task_that_exits_while_no_agent_runs_is_reported_with_its_exit_status() {
    let mut c = deployed();
    let before = node_tasks(&c);
    let (gone, other) = (&before[0], &before[1]);
    c.kill9_agent("n1");
    std::fs::write(gone.sandbox.join("stop"), b"").unwrap();
    let until = Instant::now() + Duration::from_secs(1);
    while start_ticks(gone.pid).is_some() {
        assert!(Instant::now() < until, "the task did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
    c.start_agent("n1", "r1");
    // The server hears of the end from the restarted agent: FAILED (goal RUNNING), with the real code. The
    // pod relaunches at once, so the ended launch is read from the server's store, where it is kept.
    // It stays there until the pod's relaunch (after the 1 s back-off of a failure) drops it: look often.
    let until = Instant::now() + Duration::from_secs(10);
    let mut last = None;
    let record = loop {
        let seen = task_record(&c, &gone.id);
        if let Some(record) = seen.clone().filter(|r| r["state"] == "FAILED") {
            break record;
        }
        last = seen.or(last);
        assert!(
            Instant::now() < until,
            "the exit was never reported; last seen: {last:?}\nfence log: {}\n{}",
            fencings(&c),
            c.server_log()
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    let message = record["message"].as_str().unwrap_or_default();
    assert!(message.contains("exited with code 3"), "{record}");
    assert_eq!(record["reason"], "EXITED", "{record}");
    // The other pod's task ran on untouched, and nothing was fenced.
    assert_eq!(start_ticks(other.pid), Some(other.start_ticks));
    assert!(
        server_view(&c).contains(&(other.id.clone(), "TASK_RUNNING".into())),
        "{:?}",
        server_view(&c)
    );
    let fenced = fencings(&c);
    assert!(!fenced.contains("fenced"), "fence log: {fenced}");
}

#[test]
fn a_second_agent_on_the_same_data_directory_is_refused() {
    let c = deployed();
    let before = node_tasks(&c);
    let first = c.agent_pid("n1").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pxfw"))
        .args(["agent", "--server", &c.url, "--token-file"])
        .arg(c.dir.path().join("server/token"))
        .args(["--node-id", "n1", "--hostname", "host-n1", "--rack", "r1"])
        .arg("--data-dir")
        .arg(c.agent_dir("n1"))
        .stdin(Stdio::null())
        .output()
        .expect("run a second pxfw agent");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("another pxfw agent")
            && stderr.contains(&format!("pid {first}"))
            && stderr.contains(&c.agent_dir("n1").display().to_string()),
        "a clear refusal: {stderr}"
    );
    // The first agent and its tasks carry on as if nothing happened.
    assert!(start_ticks(first as i32).is_some(), "the first agent runs");
    assert_kept_quietly(&c, &before);
}

/// The part of [`assert_kept`] that holds when no restart happened.
fn assert_kept_quietly(c: &Cluster, before: &[Task]) {
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(node_tasks(c), before);
    let ids: Vec<String> = before.iter().map(|t| t.id.clone()).collect();
    let mut seen: Vec<String> = server_view(c).into_iter().map(|(id, _)| id).collect();
    seen.sort();
    assert_eq!(seen, ids);
    assert!(!fencings(c).contains("fenced"), "{}", fencings(c));
    assert_eq!(watchdogs(c).len(), 1);
}

/// The task shim keeps the launch record to itself: it may hold secrets from the task's environment.
#[test]
fn launch_records_are_private() {
    let c = deployed();
    for t in node_tasks(&c) {
        use std::os::unix::fs::PermissionsExt;
        for file in [".pxfw-launch.json", ".pxfw-shim.json"] {
            let mode = std::fs::metadata(t.sandbox.join(file))
                .unwrap_or_else(|e| panic!("{file} of {}: {e}", t.id))
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{file} of {}", t.id);
        }
    }
    let mode = |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    };
    assert_eq!(mode(&c.agent_dir("n1")), 0o700);
}

// ---------------------------------------------------------------------------------------------
// The executor's end of it, without a cluster: one executor detaches, another adopts.
// ---------------------------------------------------------------------------------------------

mod executor {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use pxfw::agent::executor::{Executor, ExecutorConfig};
    use pxfw::api::agent::{TaskLaunch, TaskState, TaskStatus, TerminalReason};
    use pxfw::spec::model::{Goal, ReadinessCheckSpec};

    use super::start_ticks;

    const HANG: Duration = Duration::from_secs(30);

    fn executor() -> (Executor, tokio::sync::mpsc::UnboundedReceiver<TaskStatus>) {
        Executor::new(ExecutorConfig {
            shim: Some(PathBuf::from(env!("CARGO_BIN_EXE_pxfw"))),
            ..ExecutorConfig::default()
        })
        .unwrap()
    }

    fn launch(root: &Path, cmd: &str) -> TaskLaunch {
        TaskLaunch {
            task_id: "server__0001".into(),
            task_name: "node-0-server".into(),
            pod_type: "node".into(),
            pod_index: 0,
            service: "svc".into(),
            cmd: cmd.into(),
            env: BTreeMap::from([("SECRET".to_string(), "s3cr3t".to_string())]),
            ports: BTreeMap::new(),
            uris: Vec::new(),
            configs: Vec::new(),
            volumes: Vec::new(),
            health_check: None,
            readiness_check: Some(ReadinessCheckSpec {
                cmd: "test -s task.pid".into(),
                interval: 0,
                delay: 0,
                timeout: 5,
            }),
            goal: Goal::Running,
            kill_grace_ms: 5000,
            sandbox_root: root.to_path_buf(),
            paused: false,
        }
    }

    async fn until(
        rx: &mut tokio::sync::mpsc::UnboundedReceiver<TaskStatus>,
        pred: impl Fn(&TaskStatus) -> bool,
    ) -> TaskStatus {
        loop {
            let s = tokio::time::timeout(HANG, rx.recv())
                .await
                .expect("no matching update")
                .expect("executor gone");
            if pred(&s) {
                return s;
            }
        }
    }

    fn read_pid(sandbox: &Path) -> i32 {
        std::fs::read_to_string(sandbox.join("task.pid"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }

    async fn wait_gone(pid: i32) {
        tokio::time::timeout(HANG, async {
            while start_ticks(pid).is_some() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("process {pid} survived"));
    }

    /// Launches `cmd` under a shim in a runtime of its own, waits until it is ready, then lets the
    /// executor go as a stopping agent does (detached) and the runtime end: the task's sandbox.
    fn launch_and_detach(root: &Path, cmd: &str) -> PathBuf {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let (exec, mut rx) = executor();
            let task = launch(root, cmd);
            let sandbox = task.sandbox_dir();
            exec.launch(task).unwrap();
            until(&mut rx, |s| s.ready == Some(true)).await;
            exec.detach();
            drop(exec);
            sandbox
        })
    }

    #[test]
    fn a_detached_task_runs_on_and_the_next_executor_adopts_and_kills_it() {
        let root = tempfile::tempdir().unwrap();
        let sandbox = launch_and_detach(
            root.path(),
            "echo $$ > task.pid; sleep 1000 & echo $! > bg.pid; wait",
        );
        let pid = read_pid(&sandbox);
        let bg: i32 = std::fs::read_to_string(sandbox.join("bg.pid"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let ticks = start_ticks(pid).expect("the task outlives its executor");
        assert!(start_ticks(bg).is_some());
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let (exec, _rx) = executor();
            let adopted = exec.adopt(&sandbox).unwrap();
            assert_eq!(adopted.task_id, "server__0001");
            assert_eq!(adopted.state, TaskState::Running);
            assert_eq!(adopted.pid, Some(pid as u32));
            assert_eq!(adopted.ready, Some(true), "readiness is kept");
            assert_eq!(start_ticks(pid), Some(ticks), "the very same process");
            assert!(exec.adopt(&sandbox).is_err(), "a task is adopted once");
            let killed = exec.kill("server__0001", "test").await.unwrap();
            assert_eq!(killed.state, TaskState::Killed);
            assert_eq!(killed.reason, Some(TerminalReason::KillRequested));
            assert_eq!(killed.signal, Some(libc::SIGTERM), "{killed:?}");
            wait_gone(pid).await;
            wait_gone(bg).await;
        });
    }

    #[test]
    fn a_task_that_ended_while_no_executor_ran_has_its_real_exit_status() {
        let root = tempfile::tempdir().unwrap();
        let sandbox = launch_and_detach(
            root.path(),
            "echo $$ > task.pid; while [ ! -e stop ]; do sleep 0.05; done; echo bye >&2; exit 7",
        );
        let pid = read_pid(&sandbox);
        std::fs::write(sandbox.join("stop"), b"").unwrap();
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            wait_gone(pid).await;
            // The shim records the status just before it exits.
            tokio::time::sleep(Duration::from_millis(200)).await;
            let (exec, _rx) = executor();
            let ended = exec.adopt(&sandbox).unwrap();
            assert_eq!(ended.state, TaskState::Failed, "{ended:?}");
            assert_eq!(ended.reason, Some(TerminalReason::Exited));
            assert_eq!(ended.exit_code, Some(7));
            assert!(
                ended.message.contains("exited with code 7") && ended.message.contains("bye"),
                "{}",
                ended.message
            );
        });
        let launch_record = std::fs::read_to_string(sandbox.join(".pxfw-launch.json")).unwrap();
        assert!(launch_record.contains("s3cr3t"), "the record holds the env");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sandbox.join(".pxfw-launch.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "so only its owner may read it");
    }
}
