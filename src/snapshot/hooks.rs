//! Runs snapshot hooks in a task's context on this machine: `/bin/sh -c CMD` with the task's sandbox as
//! working directory (so the pod's volumes are at their container paths) and the environment the agent
//! gave the task, exactly as the agent starts the task itself ([`crate::agent::sandbox::shell_command`]).
//!
//! Why here and not through the agent: in the embedded mode the server and its agents share this machine
//! (see [`super::orchestrate`]), so a hook can be started directly, timed out by killing its process
//! group, and — for background hooks — held across the cut with the `${WAIT_CMD}` protocol of
//! [`super::background`]. Every run is recorded ([`HookRun`]) with its output, for the snapshot record.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::AsyncReadExt;

use super::background::BackgroundHook;
use crate::agent::sandbox::{process_env, shell_command, signal_group};
use crate::scheduler::engine::TaskContext;
use crate::volume::Timestamp;

/// How much of a hook's stdout and stderr is kept in the record (the end of it).
const OUTPUT_TAIL: usize = 4096;

/// When a hook runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HookPhase {
    Pre,
    PreBackground,
    Post,
}

impl std::fmt::Display for HookPhase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HookPhase::Pre => "pre",
            HookPhase::PreBackground => "pre-background",
            HookPhase::Post => "post",
        })
    }
}

/// One hook run in one task, as recorded with the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HookRun {
    pub phase: HookPhase,
    pub pod: String,
    pub task: String,
    pub command: String,
    /// The exit code; `None` when it was killed (timeout, signal) or could not start.
    pub exit_code: Option<i32>,
    #[serde(default)]
    pub timed_out: bool,
    /// Why it failed, in words; `None` when it succeeded.
    pub error: Option<String>,
    /// The end of its output.
    pub stdout: String,
    pub stderr: String,
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub duration_ms: u64,
    /// Background hooks: when it reached `${WAIT_CMD}` (its lock held) and when it was released.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holding_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released_at: Option<Timestamp>,
}

impl HookRun {
    /// The record of a hook that starts now: nothing has happened yet, so it ends when it starts.
    fn begin(
        phase: HookPhase,
        command: &str,
        target: &HookTarget,
        started_at: Timestamp,
    ) -> HookRun {
        HookRun {
            phase,
            pod: target.pod.clone(),
            task: target.task.clone(),
            command: command.to_owned(),
            exit_code: None,
            timed_out: false,
            error: None,
            stdout: String::new(),
            stderr: String::new(),
            started_at,
            ended_at: started_at,
            duration_ms: 0,
            holding_at: None,
            released_at: None,
        }
    }

    pub fn succeeded(&self) -> bool {
        self.error.is_none()
    }

    /// One line for an error message: where it ran and why it failed.
    pub fn summary(&self) -> String {
        let why = self.error.as_deref().unwrap_or("succeeded");
        let mut out = format!(
            "{} hook `{}` in {}: {why}",
            self.phase, self.command, self.task
        );
        let tail = self.stderr.trim();
        if !tail.is_empty() {
            let last: Vec<&str> = tail.lines().rev().take(3).collect();
            let last: Vec<&str> = last.into_iter().rev().collect();
            out.push_str(&format!(" (stderr: {})", last.join(" | ")));
        }
        out
    }
}

/// Where and how a hook runs: the task's sandbox and environment.
#[derive(Debug, Clone)]
pub struct HookTarget {
    pub pod: String,
    pub task: String,
    pub sandbox: PathBuf,
    pub env: std::collections::BTreeMap<String, String>,
}

impl HookTarget {
    /// The target for a task; `None` when the task has no sandbox (not launched).
    pub fn of(ctx: &TaskContext) -> Option<HookTarget> {
        Some(HookTarget {
            pod: ctx.pod.clone(),
            task: ctx.task.clone(),
            sandbox: ctx.sandbox.clone()?,
            env: ctx.env.clone(),
        })
    }
}

fn tail(bytes: &[u8]) -> String {
    let start = bytes.len().saturating_sub(OUTPUT_TAIL);
    String::from_utf8_lossy(&bytes[start..]).into_owned()
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn verdict(status: &std::io::Result<std::process::ExitStatus>) -> (Option<i32>, Option<String>) {
    match status {
        Ok(s) if s.success() => (Some(0), None),
        Ok(s) => match s.code() {
            Some(code) => (Some(code), Some(format!("exited with status {code}"))),
            None => (None, Some(format!("ended by a signal ({s})"))),
        },
        Err(e) => (None, Some(format!("cannot wait for it: {e}"))),
    }
}

/// Reads a pipe to its end in the background, keeping everything (tails are cut when recorded).
fn collect(
    pipe: Option<impl tokio::io::AsyncRead + Unpin + Send + 'static>,
) -> Arc<Mutex<Vec<u8>>> {
    let buf = Arc::new(Mutex::new(Vec::new()));
    if let Some(mut pipe) = pipe {
        let out = buf.clone();
        tokio::spawn(async move {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut chunk).await {
                if n == 0 {
                    break;
                }
                if let Ok(mut b) = out.lock() {
                    b.extend_from_slice(&chunk[..n]);
                    // Only the tail is ever recorded; keep memory bounded for chatty hooks.
                    if b.len() > 4 * OUTPUT_TAIL {
                        let cut = b.len() - OUTPUT_TAIL;
                        b.drain(..cut);
                    }
                }
            }
        });
    }
    buf
}

fn spawn(command: &str, target: &HookTarget) -> std::io::Result<tokio::process::Child> {
    shell_command(command, &target.sandbox, &process_env(&target.env))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
}

fn taken(buf: &Arc<Mutex<Vec<u8>>>) -> String {
    buf.lock().map(|b| tail(&b)).unwrap_or_default()
}

/// Runs `command` in `target`'s context and waits for it, killing its whole process group after
/// `timeout`.
pub async fn run(
    phase: HookPhase,
    command: &str,
    target: &HookTarget,
    timeout: Duration,
) -> HookRun {
    let started_at = Timestamp::now();
    let start = Instant::now();
    let mut run = HookRun::begin(phase, command, target, started_at);
    let mut child = match spawn(command, target) {
        Ok(c) => c,
        Err(e) => {
            run.error = Some(format!(
                "cannot start `/bin/sh -c` in {}: {e}",
                target.sandbox.display()
            ));
            return run;
        }
    };
    let pgid = child.id().and_then(|p| i32::try_from(p).ok()).unwrap_or(0);
    let out = collect(child.stdout.take());
    let err = collect(child.stderr.take());
    match tokio::time::timeout(timeout, child.wait()).await {
        Ok(status) => {
            let (code, error) = verdict(&status);
            run.exit_code = code;
            run.error = error;
        }
        Err(_) => {
            signal_group(pgid, libc::SIGKILL);
            let _ = child.wait().await;
            run.timed_out = true;
            run.error = Some(format!(
                "did not finish within {} s and was killed",
                timeout.as_secs_f64()
            ));
        }
    }
    // The readers end when the group's last writer is gone; give them a moment to drain.
    tokio::time::sleep(Duration::from_millis(20)).await;
    run.stdout = taken(&out);
    run.stderr = taken(&err);
    run.ended_at = Timestamp::now();
    run.duration_ms = millis(start.elapsed());
    run
}

/// A background hook that holds its lock: started by [`start_background`], ended by
/// [`HeldHook::release`].
pub struct HeldHook {
    run: HookRun,
    start: Instant,
    hook: BackgroundHook,
    child: tokio::process::Child,
    pgid: i32,
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
}

/// Starts a background hook (`command` contains `${WAIT_CMD}`) in `target`'s context and waits until it
/// holds (it reached `${WAIT_CMD}`), at most `timeout`. `max_hold` bounds how long the hook can hold if
/// it is never released. On failure the hook's group is killed and the run (with the reason) returned.
pub async fn start_background(
    id: &str,
    command: &str,
    target: &HookTarget,
    timeout: Duration,
    max_hold: Duration,
) -> Result<HeldHook, Box<HookRun>> {
    let started_at = Timestamp::now();
    let start = Instant::now();
    let mut run = HookRun::begin(HookPhase::PreBackground, command, target, started_at);
    let fail = |mut run: HookRun, error: String| {
        run.error = Some(error);
        run.ended_at = Timestamp::now();
        run.duration_ms = millis(start.elapsed());
        Box::new(run)
    };
    let hook = match BackgroundHook::prepare(&target.sandbox, id, max_hold) {
        Ok(h) => h,
        Err(e) => return Err(fail(run, e.to_string())),
    };
    let line = match hook.command_line(command) {
        Ok(l) => l,
        Err(e) => return Err(fail(run, e.to_string())),
    };
    let mut child = match spawn(&line, target) {
        Ok(c) => c,
        Err(e) => {
            return Err(fail(
                run,
                format!(
                    "cannot start `/bin/sh -c` in {}: {e}",
                    target.sandbox.display()
                ),
            ));
        }
    };
    let pgid = child.id().and_then(|p| i32::try_from(p).ok()).unwrap_or(0);
    let out = collect(child.stdout.take());
    let err = collect(child.stderr.take());
    let waited = hook
        .wait_until_holding(timeout, || match child.try_wait() {
            Ok(Some(status)) => Some(status.to_string()),
            Ok(None) => None,
            Err(e) => Some(e.to_string()),
        })
        .await;
    match waited {
        Ok(_) => {
            run.holding_at = Some(Timestamp::now());
            Ok(HeldHook {
                run,
                start,
                hook,
                child,
                pgid,
                out,
                err,
            })
        }
        Err(e) => {
            signal_group(pgid, libc::SIGKILL);
            let status = child.wait().await;
            run.exit_code = status.ok().and_then(|s| s.code());
            run.timed_out = matches!(e, super::background::HookError::NotHolding { .. });
            tokio::time::sleep(Duration::from_millis(20)).await;
            run.stdout = taken(&out);
            run.stderr = taken(&err);
            hook.cleanup();
            Err(fail(run, e.to_string()))
        }
    }
}

impl HeldHook {
    /// Lets the hook go past `${WAIT_CMD}` and waits (at most `timeout`) for it to finish its unlock.
    pub async fn release(mut self, timeout: Duration) -> HookRun {
        let mut run = self.run;
        if let Err(e) = self.hook.release() {
            run.error = Some(e.to_string());
        }
        run.released_at = Some(Timestamp::now());
        match tokio::time::timeout(timeout, self.child.wait()).await {
            Ok(status) => {
                let (code, error) = verdict(&status);
                run.exit_code = code;
                if run.error.is_none() {
                    run.error = error;
                }
            }
            Err(_) => {
                signal_group(self.pgid, libc::SIGKILL);
                let _ = self.child.wait().await;
                run.timed_out = true;
                run.error = Some(format!(
                    "did not finish within {} s of its release and was killed",
                    timeout.as_secs_f64()
                ));
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        run.stdout = taken(&self.out);
        run.stderr = taken(&self.err);
        run.ended_at = Timestamp::now();
        run.duration_ms = millis(self.start.elapsed());
        self.hook.cleanup();
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(dir: &std::path::Path) -> HookTarget {
        HookTarget {
            pod: "p-0".into(),
            task: "p-0-server".into(),
            sandbox: dir.to_owned(),
            env: [("GREETING".to_string(), "hi".to_string())].into(),
        }
    }

    #[tokio::test]
    async fn hooks_run_in_the_sandbox_with_the_task_env_and_are_timed_out() {
        let dir = tempfile::tempdir().unwrap();
        let t = target(dir.path());
        let r = run(
            HookPhase::Pre,
            "echo $GREETING; pwd; echo oops >&2",
            &t,
            Duration::from_secs(10),
        )
        .await;
        assert!(r.succeeded(), "{r:?}");
        let canonical = dir.path().canonicalize().unwrap();
        assert_eq!(r.stdout, format!("hi\n{}\n", canonical.display()));
        assert_eq!(r.stderr, "oops\n");
        let r = run(HookPhase::Post, "exit 3", &t, Duration::from_secs(10)).await;
        assert_eq!(r.exit_code, Some(3));
        assert!(
            r.summary().contains("exited with status 3"),
            "{}",
            r.summary()
        );
        let r = run(HookPhase::Pre, "sleep 30", &t, Duration::from_millis(200)).await;
        assert!(r.timed_out && r.error.unwrap().contains("killed"));
    }

    #[tokio::test]
    async fn a_background_hook_holds_until_released_and_a_broken_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let t = target(dir.path());
        let held = start_background(
            "h1",
            "echo locked > lock; ${WAIT_CMD}; rm lock; echo unlocked",
            &t,
            Duration::from_secs(10),
            Duration::from_secs(60),
        )
        .await
        .map_err(|r| r.summary())
        .unwrap();
        assert!(dir.path().join("lock").exists());
        let r = held.release(Duration::from_secs(10)).await;
        assert!(r.succeeded(), "{r:?}");
        assert!(!dir.path().join("lock").exists());
        assert_eq!(r.stdout, "unlocked\n");
        assert!(r.holding_at.is_some() && r.released_at >= r.holding_at);
        let e = start_background(
            "h2",
            "exit 4; ${WAIT_CMD}",
            &t,
            Duration::from_secs(10),
            Duration::from_secs(60),
        )
        .await
        .err()
        .unwrap();
        assert!(
            e.summary().contains("ended before reaching"),
            "{}",
            e.summary()
        );
    }
}
