//! The background hook protocol and the freeze primitive, with real processes: a background hook holds
//! until released, gives up after its maximum hold, and is reported when it dies first; a frozen writer
//! provably stops writing and resumes on thaw; vanished groups are reported, not fatal.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pxfw::snapshot::background::{BackgroundHook, HookError};
use pxfw::snapshot::freeze::{GroupState, freeze};

fn shell(line: &str) -> Child {
    Command::new("/bin/sh")
        .arg("-c")
        .arg(line)
        .stdout(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap()
}

/// A writer loop in its own process group, killed (the whole group) when dropped, so a failing test
/// leaves no writer behind.
struct Writer(Child);

impl Writer {
    fn start(file: &std::path::Path) -> Writer {
        Writer(shell(&format!(
            "while :; do echo tick >> {}; sleep 0.005; done",
            file.display()
        )))
    }

    fn pgid(&self) -> i32 {
        self.0.id() as i32
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // SAFETY: no memory effects.
        unsafe { libc::killpg(self.pgid(), libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

fn exited(child: &mut Child) -> Option<String> {
    child.try_wait().unwrap().map(|s| s.to_string())
}

/// Waits for the child to end (bounded so a broken test fails instead of hanging).
fn wait_for_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the process did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[tokio::test]
async fn a_background_hook_holds_until_released() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let hook = BackgroundHook::prepare(dir.path(), "node-0", Duration::from_secs(120)).unwrap();
    let line = hook
        .command_line(&format!(
            "echo locked >> {o}; ${{WAIT_CMD}}; echo unlocked >> {o}",
            o = out.display()
        ))
        .unwrap();
    let mut child = shell(&line);
    hook.wait_until_holding(Duration::from_secs(30), || exited(&mut child))
        .await
        .unwrap();
    assert!(hook.is_holding());
    // Held: the process is alive and has not gone past the wait, however long we look.
    for _ in 0..5 {
        std::thread::sleep(Duration::from_millis(100));
        assert!(exited(&mut child).is_none());
        assert_eq!(read(&out), "locked\n");
    }
    hook.release().unwrap();
    let status = wait_for_exit(&mut child, Duration::from_secs(30));
    assert!(status.success(), "{status}");
    assert_eq!(read(&out), "locked\nunlocked\n");
    hook.cleanup();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1); // only `out`
}

#[tokio::test]
async fn an_unreleased_hook_lets_go_after_its_maximum_hold() {
    let dir = tempfile::tempdir().unwrap();
    let hook = BackgroundHook::prepare(dir.path(), "lost", Duration::from_millis(200)).unwrap();
    let mut child = shell(&hook.command_line("${WAIT_CMD}").unwrap());
    let status = wait_for_exit(&mut child, Duration::from_secs(30));
    assert_eq!(status.code(), Some(3));
    hook.cleanup();
}

#[tokio::test]
async fn a_hook_that_dies_before_holding_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let hook = BackgroundHook::prepare(dir.path(), "broken", Duration::from_secs(60)).unwrap();
    let mut child = shell(&hook.command_line("exit 7; ${WAIT_CMD}").unwrap());
    let e = hook
        .wait_until_holding(Duration::from_secs(60), || exited(&mut child))
        .await
        .unwrap_err();
    assert!(matches!(e, HookError::Exited { .. }), "{e}");
    assert!(e.to_string().contains('7'), "{e}");
}

#[tokio::test]
async fn dropping_a_hook_releases_it() {
    let dir = tempfile::tempdir().unwrap();
    let hook = BackgroundHook::prepare(dir.path(), "dropped", Duration::from_secs(120)).unwrap();
    let mut child = shell(&hook.command_line("${WAIT_CMD}").unwrap());
    hook.wait_until_holding(Duration::from_secs(30), || exited(&mut child))
        .await
        .unwrap();
    drop(hook);
    assert!(wait_for_exit(&mut child, Duration::from_secs(30)).success());
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Waits until the file grows past `than` (bounded).
fn wait_growth(path: &Path, than: u64) -> u64 {
    let start = Instant::now();
    loop {
        let now = size(path);
        if now > than {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} never grew",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_frozen_writer_stops_writing_until_thawed() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..2).map(|i| dir.path().join(format!("w{i}"))).collect();
    // Each writer is a shell loop plus its child processes, all in one group.
    let writers: Vec<Writer> = files.iter().map(|f| Writer::start(f)).collect();
    for f in &files {
        wait_growth(f, 0);
    }
    // A group that already ended is reported, not fatal.
    let mut gone = shell("exit 0");
    let gone_pid = gone.id() as i32;
    gone.wait().unwrap();

    let mut groups: Vec<i32> = writers.iter().map(Writer::pgid).collect();
    groups.push(gone_pid);
    let frozen = freeze(&groups, Duration::from_secs(10)).unwrap();
    assert!(frozen.all_stopped(), "{:?}", frozen.groups());
    assert!(matches!(frozen.groups()[0].state, GroupState::Frozen { processes } if processes >= 1));
    assert_eq!(frozen.groups()[2].state, GroupState::Vanished);
    let sizes: Vec<u64> = files.iter().map(|f| size(f)).collect();
    for _ in 0..5 {
        std::thread::sleep(Duration::from_millis(60));
        let now: Vec<u64> = files.iter().map(|f| size(f)).collect();
        assert_eq!(now, sizes, "a frozen writer wrote");
    }
    let report = frozen.thaw();
    assert!(report.window >= report.stop_latency);
    for (f, before) in files.iter().zip(&sizes) {
        wait_growth(f, *before);
    }
    // A group killed while frozen is reported as such at the thaw (a single process, so the group
    // is empty once it is reaped).
    let mut victim = Command::new("sleep")
        .arg("1000")
        .process_group(0)
        .spawn()
        .unwrap();
    let frozen = freeze(&[victim.id() as i32], Duration::from_secs(10)).unwrap();
    assert!(frozen.all_stopped());
    victim.kill().unwrap();
    victim.wait().unwrap();
    let report = frozen.thaw();
    assert_eq!(report.groups[0].state, GroupState::VanishedWhileFrozen);
}

#[test]
fn dropping_a_freeze_thaws() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w");
    let writer = Writer::start(&file);
    wait_growth(&file, 0);
    let frozen = freeze(&[writer.pgid()], Duration::from_secs(10)).unwrap();
    let at = size(&file);
    drop(frozen);
    wait_growth(&file, at);
}
