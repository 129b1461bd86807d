//! The agent's task executor against real processes: SDK environment, goals, process-group kills
//! with grace, health and readiness checks, volume links, URIs fetched from a local HTTP server
//! and from files, archives unpacked, config templates rendered, and every bad input reported
//! as a FAILED status before the command runs.
//!
//! Timeouts below only guard against hangs; no test asserts how long anything takes.

use pxfw::agent::executor::{Executor, ExecutorConfig};
use pxfw::api::agent::{
    ConfigFile, TaskLaunch, TaskState, TaskStatus, TerminalReason, VolumeMount,
};
use pxfw::spec::model::{Goal, HealthCheckSpec, ReadinessCheckSpec};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Upper bound for anything to happen before a test is declared hung.
const HANG: Duration = Duration::from_secs(60);

struct Harness {
    exec: Executor,
    rx: UnboundedReceiver<TaskStatus>,
    root: tempfile::TempDir,
    seen: Vec<TaskStatus>,
}

impl Harness {
    fn new() -> Harness {
        let (exec, rx) = Executor::new(ExecutorConfig::default()).unwrap();
        Harness {
            exec,
            rx,
            root: tempfile::tempdir().unwrap(),
            seen: Vec::new(),
        }
    }

    fn task(&self, id: &str, cmd: &str, goal: Goal) -> TaskLaunch {
        TaskLaunch {
            task_id: format!("{id}__0001"),
            task_name: format!("node-0-{id}"),
            pod_type: "node".into(),
            pod_index: 0,
            service: "svc".into(),
            cmd: cmd.into(),
            env: BTreeMap::new(),
            ports: BTreeMap::new(),
            uris: Vec::new(),
            configs: Vec::new(),
            volumes: Vec::new(),
            health_check: None,
            readiness_check: None,
            goal,
            kill_grace_ms: 5000,
            sandbox_root: self.root.path().join("sandboxes"),
            paused: false,
        }
    }

    /// Reads updates until one for `task_id` satisfies `pred`.
    async fn until(&mut self, task_id: &str, pred: impl Fn(&TaskStatus) -> bool) -> TaskStatus {
        if let Some(found) = self.seen.iter().find(|s| s.task_id == task_id && pred(s)) {
            return found.clone();
        }
        loop {
            let status = tokio::time::timeout(HANG, self.rx.recv())
                .await
                .unwrap_or_else(|_| panic!("no matching update for {task_id}: {:#?}", self.seen))
                .expect("executor dropped");
            self.seen.push(status.clone());
            if status.task_id == task_id && pred(&status) {
                return status;
            }
        }
    }

    async fn terminal(&mut self, task_id: &str) -> TaskStatus {
        self.until(task_id, |s| s.state.is_terminal()).await
    }

    async fn running(&mut self, task_id: &str) -> TaskStatus {
        self.until(task_id, |s| s.state == TaskState::Running).await
    }

    /// Distinct successive states reported for a task.
    fn states(&self, task_id: &str) -> Vec<TaskState> {
        let mut states: Vec<TaskState> = Vec::new();
        for s in self.seen.iter().filter(|s| s.task_id == task_id) {
            if states.last() != Some(&s.state) {
                states.push(s.state);
            }
        }
        states
    }
}

async fn wait_for_file(path: &Path) -> String {
    tokio::time::timeout(HANG, async {
        loop {
            if let Ok(text) = std::fs::read_to_string(path)
                && !text.is_empty()
            {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{} never appeared", path.display()))
}

/// Alive means: exists and is not a zombie (orphans may stay zombies when PID 1 does not reap).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        let state = stat[stat.rfind(')').unwrap() + 1..]
            .trim_start()
            .chars()
            .next();
        !matches!(state, Some('Z' | 'X'))
    })
}

async fn wait_dead(pid: i32) {
    tokio::time::timeout(HANG, async {
        while alive(pid) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("process {pid} survived"));
}

// ---------------------------------------------------------------------------------------------
// Environment, output files, goals
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn sdk_environment_reaches_the_task_and_output_lands_in_the_sandbox() {
    let mut h = Harness::new();
    let mut task = h.task(
        "server",
        "env > env.out; echo to-stdout; echo to-stderr >&2",
        Goal::Finish,
    );
    task.env.insert("CUSTOM".into(), "value with spaces".into());
    task.env
        .insert("TASK_NAME".into(), "overridden-by-the-executor".into());
    task.ports.insert("native-client".into(), 9042);
    task.ports.insert("jmx".into(), 7199);
    task.pod_index = 2;
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();

    let done = h.terminal("server__0001").await;
    assert_eq!(done.state, TaskState::Finished, "{done:#?}");
    assert_eq!(done.reason, Some(TerminalReason::Exited));
    assert_eq!(done.exit_code, Some(0));
    assert_eq!(
        h.states("server__0001"),
        [
            TaskState::Staging,
            TaskState::Starting,
            TaskState::Running,
            TaskState::Finished
        ]
    );

    let env: BTreeMap<String, String> = std::fs::read_to_string(sandbox.join("env.out"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.into(), v.into())))
        .collect();
    let get = |k: &str| env.get(k).map(String::as_str);
    assert_eq!(get("TASK_NAME"), Some("node-0-server"));
    assert_eq!(get("MESOS_TASK_ID"), Some("server__0001"));
    assert_eq!(get("POD_INSTANCE_INDEX"), Some("2"));
    assert_eq!(get("FRAMEWORK_NAME"), Some("svc"));
    assert_eq!(get("MESOS_SANDBOX"), sandbox.to_str());
    assert_eq!(get("PORT_NATIVE_CLIENT"), Some("9042"));
    assert_eq!(get("PORT_JMX"), Some("7199"));
    assert_eq!(get("CUSTOM"), Some("value with spaces"));
    assert!(get("PATH").is_some());
    // The agent's own environment does not leak (cargo sets this for the test process).
    assert_eq!(get("CARGO_MANIFEST_DIR"), None);

    assert_eq!(
        std::fs::read_to_string(sandbox.join("stdout")).unwrap(),
        "to-stdout\n"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.join("stderr")).unwrap(),
        "to-stderr\n"
    );
}

#[tokio::test]
async fn goals_decide_finished_or_failed() {
    let mut h = Harness::new();
    h.exec.launch(h.task("ok", "exit 0", Goal::Finish)).unwrap();
    h.exec.launch(h.task("once", "exit 0", Goal::Once)).unwrap();
    h.exec
        .launch(h.task("bad", "echo broken config >&2; exit 3", Goal::Finish))
        .unwrap();
    h.exec
        .launch(h.task("daemon", "echo bye >&2; exit 0", Goal::Running))
        .unwrap();

    assert_eq!(h.terminal("ok__0001").await.state, TaskState::Finished);
    assert_eq!(h.terminal("once__0001").await.state, TaskState::Finished);

    let bad = h.terminal("bad__0001").await;
    assert_eq!(bad.state, TaskState::Failed);
    assert_eq!(bad.exit_code, Some(3));
    assert!(
        bad.message.contains("exited with code 3"),
        "{}",
        bad.message
    );
    assert!(bad.message.contains("broken config"), "{}", bad.message);

    let daemon = h.terminal("daemon__0001").await;
    assert_eq!(
        daemon.state,
        TaskState::Failed,
        "exit 0 fails a RUNNING task"
    );
    assert_eq!(daemon.exit_code, Some(0));
    assert!(
        daemon.message.contains("goal RUNNING"),
        "{}",
        daemon.message
    );
    assert!(daemon.message.contains("bye"), "{}", daemon.message);
}

#[tokio::test]
async fn nonexistent_command_fails_with_its_stderr_tail() {
    let mut h = Harness::new();
    h.exec
        .launch(h.task("ghost", "./no-such-binary-pxfw --flag", Goal::Running))
        .unwrap();
    let done = h.terminal("ghost__0001").await;
    assert_eq!(done.state, TaskState::Failed);
    assert_eq!(done.exit_code, Some(127));
    assert!(
        done.message.contains("no-such-binary-pxfw"),
        "{}",
        done.message
    );
    assert!(done.message.contains("not found"), "{}", done.message);
}

#[tokio::test]
async fn paused_task_sleeps_instead_of_running_its_command() {
    let mut h = Harness::new();
    let mut task = h.task("paused", "touch ran; exit 1", Goal::Running);
    task.paused = true;
    task.health_check = Some(HealthCheckSpec {
        cmd: "exit 1".into(),
        interval: 0,
        grace_period: 0,
        max_consecutive_failures: 1,
        delay: 0,
        timeout: 5,
    });
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    let running = h.running("paused__0001").await;
    assert_eq!(running.ready, None);
    let killed = h.exec.kill("paused__0001", "resume").await.unwrap();
    assert_eq!(killed.state, TaskState::Killed, "{killed:#?}");
    assert!(!sandbox.join("ran").exists());
}

// ---------------------------------------------------------------------------------------------
// Kills
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn kill_reaches_grandchildren_in_the_process_group() {
    let mut h = Harness::new();
    let cmd = "sleep 1000 & echo $! > child.pid; \
               sh -c 'sleep 1000 & echo $! > grandchild.pid; wait' & wait";
    let task = h.task("tree", cmd, Goal::Running);
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    h.running("tree__0001").await;
    let child: i32 = wait_for_file(&sandbox.join("child.pid"))
        .await
        .trim()
        .parse()
        .unwrap();
    let grandchild: i32 = wait_for_file(&sandbox.join("grandchild.pid"))
        .await
        .trim()
        .parse()
        .unwrap();
    assert!(alive(child) && alive(grandchild));

    let done = h.exec.kill("tree__0001", "scale down").await.unwrap();
    assert_eq!(done.state, TaskState::Killed);
    assert_eq!(done.reason, Some(TerminalReason::KillRequested));
    assert!(done.message.contains("scale down"), "{}", done.message);
    wait_dead(child).await;
    wait_dead(grandchild).await;
}

#[tokio::test]
async fn leftovers_of_an_exited_task_are_killed() {
    let mut h = Harness::new();
    let task = h.task(
        "leaky",
        "sleep 1000 & echo $! > bg.pid; exit 0",
        Goal::Finish,
    );
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    assert_eq!(h.terminal("leaky__0001").await.state, TaskState::Finished);
    let bg: i32 = wait_for_file(&sandbox.join("bg.pid"))
        .await
        .trim()
        .parse()
        .unwrap();
    wait_dead(bg).await;
}

#[tokio::test]
async fn kill_grace_lets_a_term_trapping_task_clean_up() {
    let h = Harness::new();
    // The trap sleeps before finishing its cleanup: with a SIGKILL right after SIGTERM the
    // second file would never be written.
    let cmd = "trap 'echo term > got-term; sleep 0.5; echo clean > cleaned; exit 0' TERM; \
               echo up > up; while :; do sleep 0.1; done";
    let mut task = h.task("graceful", cmd, Goal::Running);
    task.kill_grace_ms = 30_000;
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    wait_for_file(&sandbox.join("up")).await;

    let done = h.exec.kill("graceful__0001", "restart").await.unwrap();
    assert_eq!(done.state, TaskState::Killed);
    assert_eq!(done.exit_code, Some(0), "{done:#?}");
    assert!(
        done.message.contains("stopped after SIGTERM"),
        "{}",
        done.message
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.join("got-term")).unwrap(),
        "term\n"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.join("cleaned")).unwrap(),
        "clean\n"
    );
}

#[tokio::test]
async fn sigkill_follows_when_the_grace_runs_out() {
    let h = Harness::new();
    let mut task = h.task(
        "stubborn",
        "trap '' TERM; echo up > up; while :; do sleep 0.1; done",
        Goal::Running,
    );
    task.kill_grace_ms = 500;
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    wait_for_file(&sandbox.join("up")).await;
    let done = h.exec.kill("stubborn__0001", "replace").await.unwrap();
    assert_eq!(done.state, TaskState::Killed);
    assert_eq!(done.signal, Some(9), "{done:#?}");
    assert!(done.message.contains("SIGKILL"), "{}", done.message);
}

#[tokio::test]
async fn kill_all_caps_the_grace_and_kills_everything() {
    let mut h = Harness::new();
    let mut pids = Vec::new();
    for name in ["a", "b", "c"] {
        let mut task = h.task(
            name,
            "trap '' TERM; while :; do sleep 0.1; done",
            Goal::Running,
        );
        // Far beyond the cap: kill_all must not wait for it.
        task.kill_grace_ms = 3_600_000;
        h.exec.launch(task).unwrap();
        pids.push(h.running(&format!("{name}__0001")).await.pid.unwrap());
    }
    let finals = h
        .exec
        .kill_all("lease lost", Some(Duration::from_millis(200)))
        .await;
    assert_eq!(finals.len(), 3);
    for status in &finals {
        assert_eq!(status.state, TaskState::Killed, "{status:#?}");
        assert!(status.message.contains("lease lost"));
    }
    for pid in pids {
        assert!(!alive(pid as i32));
    }
}

#[tokio::test]
async fn kill_during_fetch_abandons_the_task_before_its_command() {
    use axum::routing::get;
    let app = axum::Router::new().route("/hang.tar.gz", get(std::future::pending::<&'static str>));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let mut h = Harness::new();
    let mut task = h.task("stuck", "touch ran", Goal::Running);
    task.uris = vec![format!("http://{addr}/hang.tar.gz")];
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    let finals = h.exec.kill_all("lease lost", None).await;
    assert_eq!(finals.len(), 1);
    assert_eq!(finals[0].state, TaskState::Killed);
    assert!(
        finals[0].message.contains("before start"),
        "{}",
        finals[0].message
    );
    assert_eq!(h.terminal("stuck__0001").await.state, TaskState::Killed);
    assert!(!sandbox.join("ran").exists());
}

#[tokio::test]
async fn task_table_bookkeeping() {
    let mut h = Harness::new();
    assert!(h.exec.kill("unknown__1", "x").await.is_none());
    h.exec
        .launch(h.task("t", "sleep 1000", Goal::Running))
        .unwrap();
    assert!(h.exec.launch(h.task("t", "true", Goal::Running)).is_err());
    let mut bad = h.task("t", "true", Goal::Running);
    bad.task_id = "../escape".into();
    assert!(h.exec.launch(bad).is_err());

    h.running("t__0001").await;
    assert!(
        h.exec.forget("t__0001").is_err(),
        "a running task cannot be forgotten"
    );
    let first = h.exec.kill("t__0001", "first").await.unwrap();
    let again = h.exec.kill("t__0001", "second").await.unwrap();
    assert_eq!(first, again, "killing a dead task changes nothing");
    assert_eq!(h.exec.snapshot().len(), 1);
    assert_eq!(h.exec.forget("t__0001").unwrap().state, TaskState::Killed);
    assert!(h.exec.snapshot().is_empty());
}

/// An agent that crashed leaves its tasks running; the next agent finds them through the
/// sandboxes' process markers and kills them, grandchildren included.
#[test]
fn leftovers_of_a_crashed_agent_are_killed_at_restart() {
    let root = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (leader, background) = runtime.block_on(async {
        let mut h = Harness::new();
        let mut task = h.task(
            "survivor",
            "sleep 1000 & echo $! > bg.pid; wait",
            Goal::Running,
        );
        task.sandbox_root = root.path().to_path_buf();
        let sandbox = task.sandbox_dir();
        h.exec.launch(task).unwrap();
        let leader = h.running("survivor__0001").await.pid.unwrap() as i32;
        let background: i32 = wait_for_file(&sandbox.join("bg.pid"))
            .await
            .trim()
            .parse()
            .unwrap();
        // Simulates the crash: no executor drop, no kill, the runtime just stops.
        std::mem::forget(h);
        (leader, background)
    });
    drop(runtime);
    assert!(
        alive(leader) && alive(background),
        "the crash must leave the task running"
    );

    assert_eq!(
        pxfw::agent::sandbox::kill_leftovers(root.path()),
        ["survivor__0001"]
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        wait_dead(leader).await;
        wait_dead(background).await;
    });
    assert!(
        pxfw::agent::sandbox::kill_leftovers(root.path()).is_empty(),
        "markers are removed once handled"
    );
}

#[tokio::test]
async fn dropping_the_executor_kills_its_tasks() {
    let mut h = Harness::new();
    h.exec
        .launch(h.task("orphan", "sleep 1000", Goal::Running))
        .unwrap();
    let pid = h.running("orphan__0001").await.pid.unwrap() as i32;
    drop(h.exec);
    wait_dead(pid).await;
}

// ---------------------------------------------------------------------------------------------
// Health and readiness
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn failing_health_check_kills_the_task_as_failed() {
    let mut h = Harness::new();
    let mut task = h.task("sick", "echo up > up; sleep 1000", Goal::Running);
    task.health_check = Some(HealthCheckSpec {
        cmd: "echo probe says no; exit 1".into(),
        interval: 0,
        grace_period: 0,
        max_consecutive_failures: 2,
        delay: 0,
        timeout: 10,
    });
    h.exec.launch(task).unwrap();
    let pid = h.running("sick__0001").await.pid.unwrap() as i32;
    let unhealthy = h.until("sick__0001", |s| s.healthy == Some(false)).await;
    assert!(
        unhealthy.message.contains("probe says no"),
        "{}",
        unhealthy.message
    );
    let done = h.terminal("sick__0001").await;
    assert_eq!(done.state, TaskState::Failed);
    assert_eq!(done.reason, Some(TerminalReason::HealthCheckFailed));
    assert!(
        done.message
            .contains("health check failed 2 consecutive times"),
        "{}",
        done.message
    );
    assert!(done.message.contains("probe says no"), "{}", done.message);
    wait_dead(pid).await;
}

#[tokio::test]
async fn passing_health_check_marks_the_task_healthy() {
    let mut h = Harness::new();
    let mut task = h.task("fit", "sleep 1000", Goal::Running);
    task.health_check = Some(HealthCheckSpec {
        cmd: "test \"$TASK_NAME\" = node-0-fit".into(),
        interval: 0,
        grace_period: 0,
        max_consecutive_failures: 1,
        delay: 0,
        timeout: 10,
    });
    h.exec.launch(task).unwrap();
    h.until("fit__0001", |s| s.healthy == Some(true)).await;
    let done = h.exec.kill("fit__0001", "done").await.unwrap();
    assert_eq!(done.state, TaskState::Killed);
}

#[tokio::test]
async fn readiness_flag_flips_when_the_check_first_passes() {
    let mut h = Harness::new();
    let mut task = h.task("slow", "sleep 1000", Goal::Running);
    task.readiness_check = Some(ReadinessCheckSpec {
        cmd: "test -f ready-now".into(),
        interval: 0,
        delay: 0,
        timeout: 10,
    });
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    let running = h.running("slow__0001").await;
    assert_eq!(running.ready, Some(false));
    std::fs::write(sandbox.join("ready-now"), "").unwrap();
    let ready = h.until("slow__0001", |s| s.ready == Some(true)).await;
    assert_eq!(ready.state, TaskState::Running);
    h.exec.kill("slow__0001", "done").await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn volume_link_writes_land_in_the_host_path() {
    let mut h = Harness::new();
    let host = tempfile::tempdir().unwrap();
    let mut task = h.task("writer", "echo payload > data/vol/file.txt", Goal::Finish);
    task.volumes.push(VolumeMount {
        container_path: "data/vol".into(),
        host_path: host.path().to_path_buf(),
    });
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    let done = h.terminal("writer__0001").await;
    assert_eq!(done.state, TaskState::Finished, "{done:#?}");
    assert_eq!(
        std::fs::read_link(sandbox.join("data/vol")).unwrap(),
        host.path()
    );
    assert_eq!(
        std::fs::read_to_string(host.path().join("file.txt")).unwrap(),
        "payload\n"
    );
}

#[tokio::test]
async fn volume_paths_outside_the_sandbox_are_refused() {
    let mut h = Harness::new();
    let host = tempfile::tempdir().unwrap();
    for (id, path) in [("dotdot", "../outside"), ("absolute", "/tmp/pxfw-abs")] {
        let mut task = h.task(id, "touch ran", Goal::Finish);
        task.volumes.push(VolumeMount {
            container_path: path.into(),
            host_path: host.path().to_path_buf(),
        });
        let sandbox = task.sandbox_dir();
        h.exec.launch(task).unwrap();
        let done = h.terminal(&format!("{id}__0001")).await;
        assert_eq!(done.state, TaskState::Failed);
        assert_eq!(done.reason, Some(TerminalReason::SetupFailed));
        assert!(done.message.contains(path), "{}", done.message);
        assert!(!sandbox.join("ran").exists(), "the command must not run");
    }
    let mut task = h.task("novol", "touch ran", Goal::Finish);
    task.volumes.push(VolumeMount {
        container_path: "data".into(),
        host_path: host.path().join("not-created"),
    });
    h.exec.launch(task).unwrap();
    let done = h.terminal("novol__0001").await;
    assert_eq!(done.state, TaskState::Failed);
    assert!(done.message.contains("does not exist"), "{}", done.message);
}

// ---------------------------------------------------------------------------------------------
// URIs and configs
// ---------------------------------------------------------------------------------------------

fn tar_gz(entries: &[(&str, &str)]) -> Vec<u8> {
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut builder = tar::Builder::new(encoder);
    for (path, text) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o755);
        header.set_cksum();
        builder
            .append_data(&mut header, path, text.as_bytes())
            .unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

fn zip_bytes(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, text) in entries {
        writer
            .start_file(*path, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Serves `files` at `/<name>` on 127.0.0.1; anything else is 404.
async fn serve(files: Vec<(&'static str, Vec<u8>)>) -> String {
    use axum::routing::get;
    let mut app = axum::Router::new();
    for (name, body) in files {
        app = app.route(
            &format!("/{name}"),
            get(move || {
                let body = body.clone();
                async move { body }
            }),
        );
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn uris_are_fetched_and_archives_unpacked() {
    let mut h = Harness::new();
    let base = serve(vec![
        (
            "app.tar.gz",
            tar_gz(&[("app/bin/run.sh", "#!/bin/sh\necho from-tar\n")]),
        ),
        ("tools.zip", zip_bytes(&[("tools/readme.txt", "from-zip")])),
        ("plain.txt", b"from-http".to_vec()),
    ])
    .await;
    let local = h.root.path().join("local.cfg");
    std::fs::write(&local, "from-file").unwrap();

    let mut task = h.task(
        "fetch",
        "./app/bin/run.sh > out; cat tools/readme.txt plain.txt local.cfg >> out; ./bootstrap -resolve=false",
        Goal::Finish,
    );
    task.uris = vec![
        format!("{base}/app.tar.gz"),
        format!("{base}/tools.zip"),
        format!("{base}/plain.txt"),
        url::Url::from_file_path(&local).unwrap().to_string(),
    ];
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    let done = h.terminal("fetch__0001").await;
    assert_eq!(done.state, TaskState::Finished, "{done:#?}");
    assert_eq!(
        std::fs::read_to_string(sandbox.join("out")).unwrap(),
        "from-tar\nfrom-zipfrom-httpfrom-file"
    );
    // As with the Mesos fetcher, the archives stay next to what they unpacked.
    assert!(sandbox.join("app.tar.gz").is_file());
    assert!(sandbox.join("tools.zip").is_file());
}

#[tokio::test]
async fn bad_uris_fail_the_task_before_its_command_runs() {
    let mut h = Harness::new();
    let base = serve(vec![
        ("broken.tar.gz", b"this is not gzip".to_vec()),
        ("broken.zip", b"PK but not really".to_vec()),
    ])
    .await;
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unreachable",
            "http://127.0.0.1:9/x.tar.gz".into(),
            "cannot download",
        ),
        ("notfound", format!("{base}/missing.tgz"), "HTTP 404"),
        ("badtar", format!("{base}/broken.tar.gz"), "does not unpack"),
        ("badzip", format!("{base}/broken.zip"), "does not unpack"),
        (
            "nofile",
            "file:///nonexistent/pxfw/file.txt".into(),
            "cannot copy",
        ),
        ("scheme", "ftp://example.com/x.zip".into(), "not supported"),
    ];
    for (id, uri, expected) in &cases {
        let mut task = h.task(id, "touch ran", Goal::Finish);
        task.uris = vec![uri.clone()];
        let sandbox = task.sandbox_dir();
        h.exec.launch(task).unwrap();
        let done = h.terminal(&format!("{id}__0001")).await;
        assert_eq!(done.state, TaskState::Failed, "{id}: {done:#?}");
        assert_eq!(done.reason, Some(TerminalReason::SetupFailed));
        assert!(done.message.contains(expected), "{id}: {}", done.message);
        assert!(
            done.message.contains(uri.as_str()),
            "{id}: {}",
            done.message
        );
        assert!(!sandbox.join("ran").exists(), "{id}: the command ran");
        assert_eq!(
            h.states(&format!("{id}__0001")),
            [TaskState::Staging, TaskState::Failed]
        );
    }
}

#[tokio::test]
async fn config_templates_render_with_the_task_env() {
    let mut h = Harness::new();
    let mut task = h.task("cfg", "cat conf/server.properties > out", Goal::Finish);
    task.env.insert("CLUSTER".into(), "prod & test".into());
    task.env.insert("TLS".into(), "false".into());
    task.ports.insert("client".into(), 2181);
    task.configs.push(ConfigFile {
        name: "server".into(),
        template: "cluster={{{CLUSTER}}}\nport={{PORT_CLIENT}}\nname={{TASK_NAME}}\n\
                   {{#TLS}}tls=on\n{{/TLS}}{{^TLS}}tls=off\n{{/TLS}}"
            .into(),
        dest: "conf/server.properties".into(),
    });
    let sandbox = task.sandbox_dir();
    h.exec.launch(task).unwrap();
    let done = h.terminal("cfg__0001").await;
    assert_eq!(done.state, TaskState::Finished, "{done:#?}");
    assert_eq!(
        std::fs::read_to_string(sandbox.join("out")).unwrap(),
        "cluster=prod & test\nport=2181\nname=node-0-cfg\ntls=off\n"
    );
}

#[tokio::test]
async fn missing_template_variable_fails_the_task() {
    let mut h = Harness::new();
    let mut task = h.task("nocfg", "touch ran", Goal::Finish);
    task.configs.push(ConfigFile {
        name: "server".into(),
        template: "a={{TASK_NAME}}\nb={{NOT_SET_ANYWHERE}}\n".into(),
        dest: "conf/x.yml".into(),
    });
    let mut escaping = h.task("escape", "touch ran", Goal::Finish);
    escaping.configs.push(ConfigFile {
        name: "evil".into(),
        template: "x".into(),
        dest: "../../etc/evil".into(),
    });
    let sandboxes: Vec<PathBuf> = vec![task.sandbox_dir(), escaping.sandbox_dir()];
    h.exec.launch(task).unwrap();
    h.exec.launch(escaping).unwrap();

    let done = h.terminal("nocfg__0001").await;
    assert_eq!(done.state, TaskState::Failed);
    assert_eq!(done.reason, Some(TerminalReason::SetupFailed));
    assert!(
        done.message.contains("NOT_SET_ANYWHERE (line 2)") && done.message.contains("server"),
        "{}",
        done.message
    );
    let escaped = h.terminal("escape__0001").await;
    assert_eq!(escaped.state, TaskState::Failed);
    assert!(
        escaped.message.contains("../../etc/evil"),
        "{}",
        escaped.message
    );
    for sandbox in sandboxes {
        assert!(!sandbox.join("ran").exists());
    }
}
