//! Health and readiness checks: shell commands run in the task's sandbox with the task's
//! environment, on the schedule of the spec's `health-check` / `readiness-check`
//! (`sdk-scheduler-api.md` §3.3; all durations in seconds).
//!
//! Semantics follow Mesos command checks as the SDK configures them:
//! * nothing runs before `delay`; then one check every `interval` (a check never overlaps the
//!   previous one, the interval counts from its end);
//! * a check that runs longer than `timeout` is killed (its whole process group) and counts as a
//!   failure; `timeout: 0` means no limit;
//! * health failures within `grace-period` of the task's start are ignored until the first
//!   success, which ends the grace period early;
//! * `max-consecutive-failures` consecutive counted failures make the task unhealthy enough to be
//!   killed; `0` never kills (the flag still turns false), as Marathon treats `0`;
//! * readiness simply repeats until the first success.
//!
//! The loops here only decide; killing the task and reporting are the executor's job.

use super::sandbox;
use crate::spec::model::{HealthCheckSpec, ReadinessCheckSpec};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt};

/// Shortest pause between two checks, so `interval: 0` cannot turn into a busy loop.
pub const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// Bytes of check output kept for messages (the end of the output, where errors usually are).
const OUTPUT_TAIL_BYTES: usize = 2048;

/// Lines of check output quoted in a failure message.
const OUTPUT_TAIL_LINES: usize = 5;

/// How long the output pipes may stay open after the check's process group was killed (only a
/// descendant that escaped the group with `setsid` can hold them longer).
const PIPE_DRAIN: Duration = Duration::from_secs(1);

/// Where and with what environment checks run: the task's sandbox and its full process env.
#[derive(Debug, Clone)]
pub struct CheckTarget {
    pub sandbox: PathBuf,
    pub env: BTreeMap<String, String>,
}

/// The result of running a check command once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    /// Exit status 0.
    Passed,
    /// Exited non-zero or was killed by a signal; `output` is the tail of stdout+stderr.
    Failed { status: String, output: String },
    /// Still running after the timeout; it was killed.
    TimedOut { after: Duration, output: String },
    /// The shell could not be started at all.
    NotStarted { error: String },
}

impl CheckOutcome {
    pub fn passed(&self) -> bool {
        matches!(self, CheckOutcome::Passed)
    }
}

impl std::fmt::Display for CheckOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let with_output = |f: &mut std::fmt::Formatter<'_>, head: String, output: &str| {
            if output.is_empty() {
                f.write_str(&head)
            } else {
                write!(f, "{head}: {output}")
            }
        };
        match self {
            CheckOutcome::Passed => f.write_str("passed"),
            CheckOutcome::Failed { status, output } => with_output(f, status.clone(), output),
            CheckOutcome::TimedOut { after, output } => {
                with_output(f, format!("timed out after {after:?}"), output)
            }
            CheckOutcome::NotStarted { error } => write!(f, "could not start: {error}"),
        }
    }
}

/// Why the health loop gave up on a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthFailure {
    /// Consecutive counted failures (equals the spec's `max-consecutive-failures`).
    pub consecutive: u32,
    /// The last check's outcome.
    pub last: CheckOutcome,
}

impl std::fmt::Display for HealthFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "health check failed {} consecutive time{}; last check {}",
            self.consecutive,
            if self.consecutive == 1 { "" } else { "s" },
            self.last
        )
    }
}

/// Runs `cmd` once with `sh -c` in the target sandbox, in its own process group. On timeout the
/// group is killed; after the shell ends, leftover members of its group are killed too, so a
/// check never leaves processes behind.
pub async fn run_check(cmd: &str, target: &CheckTarget, timeout: Option<Duration>) -> CheckOutcome {
    let mut command = sandbox::shell_command(cmd, &target.sandbox, &target.env);
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return CheckOutcome::NotStarted {
                error: e.to_string(),
            };
        }
    };
    let pgid = child
        .id()
        .and_then(|id| i32::try_from(id).ok())
        .unwrap_or(0);
    let guard = sandbox::GroupKillGuard::new(pgid);
    let stdout = tokio::spawn(read_tail(child.stdout.take()));
    let stderr = tokio::spawn(read_tail(child.stderr.take()));
    let started = Instant::now();
    let waited = match timeout {
        Some(limit) => tokio::time::timeout(limit, child.wait()).await.ok(),
        None => Some(child.wait().await),
    };
    sandbox::signal_group(pgid, libc::SIGKILL);
    if waited.is_none() {
        let _ = child.wait().await;
    }
    guard.disarm();
    let mut output = Vec::new();
    for reader in [stdout, stderr] {
        if let Ok(Ok(bytes)) = tokio::time::timeout(PIPE_DRAIN, reader).await {
            output.extend_from_slice(&bytes);
        }
    }
    let output = sandbox::text_tail(&String::from_utf8_lossy(&output), OUTPUT_TAIL_LINES);
    match waited {
        None => CheckOutcome::TimedOut {
            after: started.elapsed(),
            output,
        },
        Some(Ok(status)) if status.success() => CheckOutcome::Passed,
        Some(Ok(status)) => CheckOutcome::Failed {
            status: describe_status(status),
            output,
        },
        Some(Err(e)) => CheckOutcome::NotStarted {
            error: format!("cannot wait for the check: {e}"),
        },
    }
}

/// Runs the health check until the task must be killed, calling `observe` with each counted
/// result (`true` healthy, `false` failing). Never returns when `max-consecutive-failures` is 0.
/// `task_started` is when the task's process started; the grace period counts from there.
pub async fn watch_health(
    spec: &HealthCheckSpec,
    target: &CheckTarget,
    task_started: Instant,
    mut observe: impl FnMut(bool, &CheckOutcome),
) -> HealthFailure {
    let grace = secs(spec.grace_period);
    let mut in_grace = true;
    let mut consecutive = 0u32;
    tokio::time::sleep(secs(spec.delay)).await;
    loop {
        let outcome = run_check(&spec.cmd, target, timeout(spec.timeout)).await;
        if outcome.passed() {
            in_grace = false;
            consecutive = 0;
            observe(true, &outcome);
        } else if !(in_grace && task_started.elapsed() < grace) {
            consecutive = consecutive.saturating_add(1);
            observe(false, &outcome);
            if spec.max_consecutive_failures > 0 && consecutive >= spec.max_consecutive_failures {
                return HealthFailure {
                    consecutive,
                    last: outcome,
                };
            }
        }
        tokio::time::sleep(interval(spec.interval)).await;
    }
}

/// Runs the readiness check until it first passes.
pub async fn wait_ready(spec: &ReadinessCheckSpec, target: &CheckTarget) {
    tokio::time::sleep(secs(spec.delay)).await;
    while !run_check(&spec.cmd, target, timeout(spec.timeout))
        .await
        .passed()
    {
        tokio::time::sleep(interval(spec.interval)).await;
    }
}

/// `exited with code N` / `killed by SIGNAME`.
pub fn describe_status(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(signal)) => format!("killed by {}", signal_name(signal)),
        (None, None) => format!("ended with status {status}"),
    }
}

/// A readable name for the signals tasks commonly die of.
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        _ => return format!("signal {signal}"),
    };
    name.to_string()
}

fn secs(seconds: u32) -> Duration {
    Duration::from_secs(u64::from(seconds))
}

fn interval(seconds: u32) -> Duration {
    secs(seconds).max(MIN_INTERVAL)
}

fn timeout(seconds: u32) -> Option<Duration> {
    (seconds > 0).then(|| secs(seconds))
}

/// Reads a pipe to its end keeping only the last [`OUTPUT_TAIL_BYTES`], so a chatty check
/// cannot grow the agent's memory.
async fn read_tail(pipe: Option<impl AsyncRead + Unpin>) -> Vec<u8> {
    let Some(mut pipe) = pipe else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = pipe.read(&mut buf).await {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&buf[..n]);
        if kept.len() > OUTPUT_TAIL_BYTES {
            kept.drain(..kept.len() - OUTPUT_TAIL_BYTES);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> (tempfile::TempDir, CheckTarget) {
        let dir = tempfile::tempdir().unwrap();
        let env = sandbox::process_env(&BTreeMap::from([("X".to_string(), "42".to_string())]));
        let target = CheckTarget {
            sandbox: dir.path().to_path_buf(),
            env,
        };
        (dir, target)
    }

    #[tokio::test]
    async fn outcomes_carry_status_and_output() {
        let (_dir, target) = target();
        assert!(run_check("test \"$X\" = 42", &target, None).await.passed());
        let failed = run_check("echo out; echo err >&2; exit 3", &target, None).await;
        assert_eq!(
            failed,
            CheckOutcome::Failed {
                status: "exited with code 3".into(),
                output: "out\nerr".into()
            }
        );
        let timed_out = run_check(
            "echo started; sleep 30",
            &target,
            Some(Duration::from_millis(300)),
        )
        .await;
        assert!(
            matches!(&timed_out, CheckOutcome::TimedOut { output, .. } if output == "started"),
            "{timed_out:?}"
        );
    }

    #[tokio::test]
    async fn abandoned_check_leaves_no_processes() {
        let (dir, target) = target();
        let pid_file = dir.path().join("bg.pid");
        let check = run_check("sleep 1000 & echo $! > bg.pid; wait", &target, None);
        let pid = tokio::select! {
            outcome = check => panic!("the check ended by itself: {outcome:?}"),
            pid = async {
                loop {
                    if let Some(pid) = std::fs::read_to_string(&pid_file)
                        .ok()
                        .and_then(|t| t.trim().parse::<i32>().ok())
                    {
                        break pid;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            } => pid,
        };
        // The check future is dropped here; its background `sleep` must die with it.
        let alive = || {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
                let state = stat.rsplit(')').next().unwrap_or("").trim_start();
                !state.starts_with(['Z', 'X'])
            })
        };
        for _ in 0..500 {
            if !alive() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("process {pid} outlived its abandoned check");
    }

    #[tokio::test]
    async fn health_gives_up_after_consecutive_failures() {
        let (_dir, target) = target();
        let spec = HealthCheckSpec {
            cmd: "exit 1".into(),
            interval: 0,
            grace_period: 0,
            max_consecutive_failures: 2,
            delay: 0,
            timeout: 5,
        };
        let mut seen = Vec::new();
        let failure = watch_health(&spec, &target, Instant::now(), |healthy, _| {
            seen.push(healthy)
        })
        .await;
        assert_eq!(failure.consecutive, 2);
        assert_eq!(seen, vec![false, false]);
        assert!(
            failure.to_string().contains("exited with code 1"),
            "{failure}"
        );
    }
}
