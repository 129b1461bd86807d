//! The fence: a small watchdog process that kills a node's tasks when the agent's lease runs out, even if
//! the agent itself cannot act (killed with -9, frozen with SIGSTOP, wedged).
//!
//! Why a separate process: task processes live in their own process groups, so they outlive a dead or
//! frozen agent. The server moves a lost node's pods after lease + grace; to never have two writers on a
//! volume, whatever the old node runs must be dead before that. The agent renews a deadline file after each
//! successful heartbeat; the watchdog, in its own process group, kills every task group recorded in the
//! sandboxes (their process markers) as soon as the deadline passes, and logs when it did.
//!
//! The watchdog outlives a stopping `pxfw agent` (tasks are left running for the next agent process
//! to adopt, see `agent::shim`): it keeps guarding the last deadline and fences when it passes, so if
//! no agent comes back within the lease nothing is left running. A new agent process starts its own
//! watchdog and only then ends the previous one ([`WATCHDOG_FILE`]), so the lease is never unguarded;
//! two watchdogs guarding one lease file for a moment is harmless (the kill is idempotent).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::sandbox::{self, kill_leftovers};

const LEASE_FILE: &str = "lease.json";
const FENCE_LOG: &str = "fence.log";
/// Which watchdog guards this data directory now: its pid, start time and boot (0600).
pub const WATCHDOG_FILE: &str = "watchdog.pid";
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

/// Whether the recorded deadline has passed: the tasks of this data directory should have been fenced
/// already (an agent starting now kills them before anything else, as its watchdog would have).
pub fn expired(data_dir: &Path) -> bool {
    read_deadline(data_dir).is_some_and(|deadline| clock_ms() > deadline)
}

/// The deadline the watchdog guards now, on the boot clock, if any.
pub fn read_deadline(data_dir: &Path) -> Option<i64> {
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
    record(data_dir, why, &killed);
    killed
}

/// Appends one fencing to the fence log: when, why, which tasks.
pub fn record(data_dir: &Path, why: &str, killed: &[String]) {
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join(FENCE_LOG))
    {
        let _ = writeln!(log, "{} fenced ({why}): {}", wall_ms(), killed.join(" "));
    }
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
/// It watches until the agent is gone and nothing is left to guard. An agent that stops its tasks ends
/// it ([`Watchdog::stop`]); one that leaves them running leaves it guarding ([`Watchdog::leave`]), and
/// the next agent process ends it once its own runs.
pub struct Watchdog {
    child: std::process::Child,
    data_dir: PathBuf,
}

/// Names one watchdog process for good (a pid alone may be reused by the time it is read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct WatchdogRecord {
    pid: i32,
    start_ticks: u64,
    boot_id: String,
}

impl WatchdogRecord {
    fn of(pid: i32) -> Option<WatchdogRecord> {
        Some(WatchdogRecord {
            pid,
            start_ticks: sandbox::live_start_ticks(pid)?,
            boot_id: sandbox::boot_id()?,
        })
    }

    fn read(data_dir: &Path) -> Option<WatchdogRecord> {
        serde_json::from_slice(&std::fs::read(data_dir.join(WATCHDOG_FILE)).ok()?).ok()
    }

    /// Ends the recorded watchdog if it still runs (SIGTERM; it installs no handler). Not our child:
    /// init reaps it.
    fn end(&self) -> bool {
        let same = sandbox::boot_id().as_deref() == Some(self.boot_id.as_str())
            && sandbox::live_start_ticks(self.pid) == Some(self.start_ticks);
        // SAFETY: kill() only sends a signal, to the very process that was recorded.
        same && unsafe { libc::kill(self.pid, libc::SIGTERM) } == 0
    }
}

/// How long [`Watchdog::stop`] waits for the watchdog to end after SIGTERM before it sends SIGKILL.
const STOP_WAIT: Duration = Duration::from_secs(1);

impl Watchdog {
    /// Ends the watchdog after a clean shutdown — the agent killed its tasks and released the lease itself,
    /// so nothing is left to guard — and reaps it without blocking the async runtime.
    pub async fn stop(mut self) {
        let _ = std::fs::remove_file(self.data_dir.join(WATCHDOG_FILE));
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

impl Watchdog {
    /// Leaves the watchdog guarding the lease after this agent process exits with its tasks still
    /// running: it fences when the deadline passes, unless the next agent process takes over first.
    pub fn leave(self) {
        // Dropping a `Child` neither kills nor waits; init reaps the watchdog when it ends.
        drop(self.child);
    }
}

/// Starts the watchdog for this agent — `pxfw __fence-watch` in its own process group, so signals aimed
/// at the agent (or its group) do not reach it — records it in [`WATCHDOG_FILE`], and then ends the
/// watchdog an earlier agent process left guarding (only then: the lease stays guarded throughout).
pub fn spawn(data_dir: &Path) -> std::io::Result<Watchdog> {
    let previous = WatchdogRecord::read(data_dir);
    let watchdog = start(data_dir)?;
    let own = i32::try_from(watchdog.child.id())
        .ok()
        .and_then(WatchdogRecord::of);
    match own {
        Some(own) => {
            let json = serde_json::to_vec(&own).map_err(std::io::Error::other)?;
            sandbox::write_private(&data_dir.join(WATCHDOG_FILE), &json)?;
        }
        None => tracing::warn!("cannot record the fencing watchdog: /proc is not readable"),
    }
    if let Some(previous) = previous
        && previous.end()
    {
        tracing::info!(
            "took over from the fencing watchdog of an earlier agent process (pid {})",
            previous.pid
        );
    }
    Ok(watchdog)
}

fn start(data_dir: &Path) -> std::io::Result<Watchdog> {
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
        .map(|child| Watchdog {
            child,
            data_dir: data_dir.to_path_buf(),
        })
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
