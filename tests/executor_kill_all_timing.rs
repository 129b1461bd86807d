//! Measures how long `Executor::kill_all` takes (the self-fencing path of issue 6) for 1, 10 and
//! 50 running tasks: tasks that stop on SIGTERM, and tasks that ignore it with the grace capped
//! at 500 ms and at 0. It prints figures and asserts nothing about time, so it is `#[ignore]`d:
//!
//! ```text
//! cargo test --test tests executor_kill_all_timing -- --ignored --nocapture
//! ```

use pxfw::agent::executor::{Executor, ExecutorConfig};
use pxfw::api::agent::{TaskLaunch, TaskState};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

fn task(root: &Path, index: u32, cmd: &str) -> TaskLaunch {
    TaskLaunch {
        task_id: format!("t{index}__timing"),
        task_name: format!("pod-{index}-t"),
        pod_type: "pod".into(),
        pod_index: index,
        service: "timing".into(),
        cmd: cmd.into(),
        env: BTreeMap::new(),
        ports: BTreeMap::new(),
        uris: Vec::new(),
        configs: Vec::new(),
        volumes: Vec::new(),
        health_check: None,
        readiness_check: None,
        goal: pxfw::spec::model::Goal::Running,
        // Far beyond any cap, so the cap is what bounds the kill.
        kill_grace_ms: 3_600_000,
        sandbox_root: root.to_path_buf(),
        paused: false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "prints timings; run explicitly"]
async fn kill_all_timing() {
    let scenarios = [
        ("stops on SIGTERM", "sleep 1000 & wait", None),
        (
            "ignores SIGTERM, cap 500 ms",
            "trap '' TERM; while :; do sleep 1; done",
            Some(Duration::from_millis(500)),
        ),
        (
            "ignores SIGTERM, cap 0",
            "trap '' TERM; while :; do sleep 1; done",
            Some(Duration::ZERO),
        ),
    ];
    for (label, cmd, cap) in scenarios {
        for count in [1u32, 10, 50] {
            let root = tempfile::tempdir().unwrap();
            let (exec, mut updates) = Executor::new(ExecutorConfig::default()).unwrap();
            for index in 0..count {
                exec.launch(task(root.path(), index, cmd)).unwrap();
            }
            let mut running = 0;
            while running < count {
                let status = updates.recv().await.unwrap();
                running += u32::from(status.state == TaskState::Running);
            }
            // Let every shell reach its loop so SIGTERM meets the trap, not a half-started shell.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let start = Instant::now();
            let finals = exec.kill_all("fencing", cap).await;
            let elapsed = start.elapsed();
            assert!(finals.iter().all(|s| s.state == TaskState::Killed));
            println!(
                "kill_all {label:<28} tasks={count:>3} {:>8.1} ms",
                elapsed.as_secs_f64() * 1000.0
            );
        }
    }
}
