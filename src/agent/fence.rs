//! The fence: a small watchdog process that kills a node's tasks when the agent's lease runs out, even if
//! the agent itself cannot act (killed with -9, frozen with SIGSTOP, wedged).
//!
//! Why a separate process: task processes live in their own process groups, so they outlive a dead or
//! frozen agent. The server moves a lost node's pods after lease + grace; to never have two writers on a
//! volume, whatever the old node runs must be dead before that. The agent renews a deadline file after each
//! successful heartbeat; the watchdog, in its own process group, kills every task group recorded in the
//! sandboxes (their process markers) as soon as the deadline passes, and logs when it did.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::sandbox::kill_leftovers;

const LEASE_FILE: &str = "lease.json";
const FENCE_LOG: &str = "fence.log";
const POLL: Duration = Duration::from_millis(50);

/// Wall time, for the fence log only (people read it).
fn wall_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The clock deadlines are on: `CLOCK_BOOTTIME` in ms. It is shared by every process of the machine (the
/// agent writes, the watchdog reads), never jumps when the wall clock is set (NTP step, an operator),
/// and keeps counting through a suspend — a wall-clock deadline would fence healthy tasks on a forward
/// step and, worse, leave fenced ones running for as long as a backward step.
pub fn clock_ms() -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given and nothing else.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
    if rc != 0 {
        // SAFETY: as above; CLOCK_MONOTONIC exists on every Linux.
        unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    }
    ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
}

/// What the agent writes after each successful heartbeat.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Deadline {
    /// Kill every task after this instant of [`clock_ms`] unless renewed. (Named for its clock, so a file
    /// written by an older agent with a wall-clock deadline is not misread.)
    pub deadline_boottime_ms: i64,
}

/// Records a new deadline atomically (temporary file + rename), so the watchdog never reads half a file.
pub fn renew(data_dir: &Path, deadline_ms: i64) -> std::io::Result<()> {
    let tmp = data_dir.join(".lease.json.tmp");
    std::fs::write(
        &tmp,
        serde_json::to_vec(&Deadline {
            deadline_boottime_ms: deadline_ms,
        })
        .unwrap_or_default(),
    )?;
    std::fs::rename(tmp, data_dir.join(LEASE_FILE))
}

/// A clean shutdown: the agent killed its tasks itself, so the watchdog has nothing left to guard.
pub fn release(data_dir: &Path) {
    let _ = std::fs::remove_file(data_dir.join(LEASE_FILE));
}

fn read_deadline(data_dir: &Path) -> Option<i64> {
    let bytes = std::fs::read(data_dir.join(LEASE_FILE)).ok()?;
    serde_json::from_slice::<Deadline>(&bytes)
        .ok()
        .map(|d| d.deadline_boottime_ms)
}

fn alive(pid: i32) -> bool {
    // Signal 0 checks existence; a zombie counts as gone (it runs nothing).
    if unsafe { libc::kill(pid, 0) } != 0 {
        return false;
    }
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| !rest.trim_start().starts_with('Z'))
                .unwrap_or(true)
        })
        .unwrap_or(true)
}

/// Kills every task group recorded under `<data_dir>/sandboxes/<service>/…` and logs it.
pub fn fence_now(data_dir: &Path, why: &str) -> Vec<String> {
    let mut killed = Vec::new();
    if let Ok(services) = std::fs::read_dir(data_dir.join("sandboxes")) {
        for svc in services.flatten() {
            killed.extend(kill_leftovers(&svc.path()));
        }
    }
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join(FENCE_LOG))
    {
        let _ = writeln!(log, "{} fenced ({why}): {}", wall_ms(), killed.join(" "));
    }
    killed
}

/// The watchdog loop: runs until the agent is gone and nothing is left to fence.
pub fn watch(data_dir: &Path, agent_pid: i32) {
    let mut fenced_at: Option<i64> = None;
    loop {
        let agent_alive = alive(agent_pid);
        match read_deadline(data_dir) {
            None => {
                if !agent_alive {
                    return;
                }
            }
            Some(deadline) => {
                let now = clock_ms();
                if now > deadline {
                    if fenced_at != Some(deadline) {
                        let why = if agent_alive {
                            "lease not renewed"
                        } else {
                            "agent died"
                        };
                        fence_now(data_dir, why);
                        fenced_at = Some(deadline);
                    }
                    if !agent_alive {
                        return;
                    }
                }
            }
        }
        std::thread::sleep(POLL);
    }
}

/// The running watchdog process of one agent.
///
/// It watches until the agent is gone, so an agent that exits cleanly must end it: otherwise the agent
/// would wait for the watchdog and the watchdog for the agent (issue 15).
pub struct Watchdog {
    child: std::process::Child,
}

/// How long [`Watchdog::stop`] waits for the watchdog to end after SIGTERM before it sends SIGKILL.
const STOP_WAIT: Duration = Duration::from_secs(1);

impl Watchdog {
    /// Ends the watchdog after a clean shutdown — the agent killed its tasks and released the lease itself,
    /// so nothing is left to guard — and reaps it without blocking the async runtime.
    pub async fn stop(mut self) {
        // The watchdog installs no handler: SIGTERM ends it at once, between two polls.
        // SAFETY: kill() only sends a signal to our own child, which is not reaped yet (its pid is ours).
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let until = std::time::Instant::now() + STOP_WAIT;
        while matches!(self.child.try_wait(), Ok(None)) {
            if std::time::Instant::now() >= until {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Starts the watchdog for this agent: `pxfw __fence-watch` in its own process group, so signals aimed at
/// the agent (or its group) do not reach it.
pub fn spawn(data_dir: &Path) -> std::io::Result<Watchdog> {
    use std::os::unix::process::CommandExt;
    let exe = std::env::current_exe()?;
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("fence.stderr"))?;
    std::process::Command::new(exe)
        .arg("__fence-watch")
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--agent-pid")
        .arg(std::process::id().to_string())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .process_group(0)
        .spawn()
        .map(|child| Watchdog { child })
}

/// The fence log of an agent data directory: `(ms, line)` per fencing.
pub fn log(data_dir: &Path) -> Vec<(i64, String)> {
    std::fs::read_to_string(data_dir.join(FENCE_LOG))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            l.split_once(' ')
                .and_then(|(t, rest)| t.parse().ok().map(|t| (t, rest.to_string())))
        })
        .collect()
}

/// Where an agent keeps its state.
pub fn sandboxes(data_dir: &Path) -> PathBuf {
    data_dir.join("sandboxes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_round_trip_and_release() {
        let dir = tempfile::tempdir().unwrap();
        renew(dir.path(), 1234).unwrap();
        assert_eq!(read_deadline(dir.path()), Some(1234));
        release(dir.path());
        assert_eq!(read_deadline(dir.path()), None);
    }

    #[test]
    fn deadlines_are_on_the_boot_clock_not_the_wall_clock() {
        // Milliseconds since boot, not since 1970: setting the wall clock cannot move a deadline.
        let a = clock_ms();
        assert!(a > 0 && a < wall_ms() / 2, "{a}");
        std::thread::sleep(Duration::from_millis(20));
        assert!(clock_ms() >= a + 20);
        // A file from an agent that wrote wall-clock deadlines is not taken for a boot-clock one (it
        // would never expire); the agent rewrites it at its next heartbeat.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(LEASE_FILE),
            br#"{"deadline_ms": 1764000000000}"#,
        )
        .unwrap();
        assert_eq!(read_deadline(dir.path()), None);
    }

    #[test]
    fn watch_returns_when_the_agent_is_gone_and_nothing_is_guarded() {
        let dir = tempfile::tempdir().unwrap();
        // A pid that cannot exist.
        watch(dir.path(), i32::MAX - 1);
    }
}
