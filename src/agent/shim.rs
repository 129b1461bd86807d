//! The task shim: `pxfw __task-shim --sandbox DIR`, a tiny process that is the parent of one task's
//! shell, so the task outlives the agent that launched it and its end is still known.
//!
//! Why: a task that is the agent's own child loses its exit status when the agent is gone (a crash,
//! an upgrade, `systemctl restart`), and is re-parented to init. With the shim in between, a restarted
//! agent re-adopts its tasks instead of killing them (issue 15, "Agent restarts keep their tasks"):
//!
//! - the agent writes what to run into the sandbox ([`LAUNCH_FILE`], 0600: the environment may hold
//!   secrets) and starts the shim in a session of its own, so signals aimed at the agent's group or
//!   terminal never reach it;
//! - the shim starts `sh -c cmd` as the leader of its own process group (kills go to that group, never
//!   to the shim), records the group for the fencing watchdog, records itself ([`SHIM_FILE`]: its pid
//!   and start time, against pid reuse, and the task's pid), tells the agent, and waits;
//! - when the task's shell ends, the shim writes its wait status atomically ([`EXIT_FILE`]) and exits.
//!
//! The agent that started the shim waits for it as its child; a later agent process finds it through
//! [`find`] and polls `/proc` for its end (it is not its parent). What the task's shell leaves behind
//! in its group is the agent's business (it SIGKILLs the group once the shell is gone), as for a task
//! started directly.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use tokio::io::AsyncBufReadExt as _;

use super::sandbox::{self, ProcessMarker};
use crate::api::agent::{PAUSE_COMMAND, TaskLaunch};

/// What the task runs, written by the agent before it starts the shim.
pub const LAUNCH_FILE: &str = ".pxfw-launch.json";
/// Who runs it: the shim's identity and the task's pid, written by the shim.
pub const SHIM_FILE: &str = ".pxfw-shim.json";
/// How the task's shell ended, written by the shim.
pub const EXIT_FILE: &str = ".pxfw-exit.json";
/// The shim's own diagnostics (its stderr).
pub const SHIM_LOG: &str = ".pxfw-shim.log";
/// Set once the task's readiness check passed, so a re-adopted task stays ready.
pub const READY_FILE: &str = ".pxfw-ready";

/// How often an adopted task's shim is checked for its end: it is not our child, so no wait() tells.
const ADOPTED_POLL: Duration = Duration::from_millis(50);
/// How long the agent waits for a starting shim to report (it only reads one file and forks).
const REPORT_WAIT: Duration = Duration::from_secs(10);

/// Everything the shim and a later agent need to run and supervise the task.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LaunchRecord {
    pub launch: TaskLaunch,
    /// The exact environment of the task's shell (the agent's allow-list plus the task's), so a later
    /// agent runs the task's checks with the same one.
    pub env: BTreeMap<String, String>,
}

impl LaunchRecord {
    /// The script the shell runs: the task's command, or the pause loop.
    pub fn script(&self) -> &str {
        if self.launch.paused {
            PAUSE_COMMAND
        } else {
            &self.launch.cmd
        }
    }

    pub fn write(&self, sandbox: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        sandbox::write_private(&sandbox.join(LAUNCH_FILE), &json)
    }

    pub fn read(sandbox: &Path) -> Result<LaunchRecord, String> {
        let path = sandbox.join(LAUNCH_FILE);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{} is damaged: {e}", path.display()))
    }
}

/// The shim of one task: who it is (pid + start time + boot), and the task's shell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShimRecord {
    pub shim_pid: i32,
    pub shim_start_ticks: u64,
    pub boot_id: String,
    /// The task's shell, also its process group id.
    pub task_pid: i32,
    /// Wall time the task started, in ms since the epoch (a re-adopted task's health grace period
    /// counts from there).
    pub started_ms: u64,
}

impl ShimRecord {
    fn read(sandbox: &Path) -> Option<ShimRecord> {
        serde_json::from_slice(&std::fs::read(sandbox.join(SHIM_FILE)).ok()?).ok()
    }

    /// Whether the recorded shim still runs: same boot, and the pid is held by the very process that
    /// was recorded (not a later one that got the number).
    pub fn shim_alive(&self) -> bool {
        sandbox::boot_id().as_deref() == Some(self.boot_id.as_str())
            && sandbox::live_start_ticks(self.shim_pid) == Some(self.shim_start_ticks)
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct ExitRecord {
    /// The raw wait status of the task's shell (exit code or signal).
    wait_status: i32,
}

/// The exit status the shim recorded, if it did.
pub fn read_exit(sandbox: &Path) -> Option<ExitStatus> {
    let bytes = std::fs::read(sandbox.join(EXIT_FILE)).ok()?;
    let record: ExitRecord = serde_json::from_slice(&bytes).ok()?;
    Some(ExitStatus::from_raw(record.wait_status))
}

/// The one line the shim writes on its stdout for the agent that started it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Report {
    Started(ShimRecord),
    Failed(String),
}

/// Wall time in ms since the epoch (for records people and later processes read).
pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

extern "C" fn ignore_signal(_: libc::c_int) {}

/// The shim's main: starts the task described in `sandbox`, reports, waits, records the end. Returns
/// the shim's exit code (0 once the task's status is recorded).
pub fn run(sandbox: &Path) -> i32 {
    // A handler, not SIG_IGN: caught signals are reset by exec, so the task's shell keeps the default
    // dispositions, while a SIGTERM/SIGINT/SIGHUP meant for the agent (a whole unit, a terminal) does
    // not take the shim, and with it the task's exit status, down.
    for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        // SAFETY: installs a handler that does nothing; it is async-signal-safe by construction.
        unsafe { libc::signal(sig, ignore_signal as *const () as libc::sighandler_t) };
    }
    let (report, child) = match start_task(sandbox) {
        Ok((record, child)) => (Report::Started(record), Some(child)),
        Err(message) => (Report::Failed(message), None),
    };
    let mut stdout = std::io::stdout().lock();
    // The agent may be gone already; the task runs on regardless.
    let _ = serde_json::to_writer(&mut stdout, &report);
    let _ = stdout.write_all(b"\n");
    let _ = stdout.flush();
    drop(stdout);
    quiet_stdout();
    let Some(mut child) = child else {
        eprintln!("pxfw task shim: {report:?}");
        return 1;
    };
    let status = match child.wait() {
        Ok(status) => status,
        Err(e) => {
            eprintln!("pxfw task shim: cannot wait for the task: {e}");
            return 1;
        }
    };
    let record = ExitRecord {
        wait_status: status.into_raw(),
    };
    let json = serde_json::to_vec(&record).unwrap_or_default();
    match sandbox::write_private(&sandbox.join(EXIT_FILE), &json) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("pxfw task shim: cannot record the exit status {status}: {e}");
            1
        }
    }
}

/// Points stdout at /dev/null: the pipe to the agent is for the one report only, and the agent may
/// be long gone when the task ends.
fn quiet_stdout() {
    use std::os::fd::AsRawFd;
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        // SAFETY: dup2 onto fd 1 replaces our stdout; nothing else holds a reference to the old one.
        unsafe { libc::dup2(null.as_raw_fd(), 1) };
    }
}

fn start_task(sandbox: &Path) -> Result<(ShimRecord, std::process::Child), String> {
    let launch = LaunchRecord::read(sandbox)?;
    let open = |name: &str| sandbox::open_append(sandbox, name);
    let mut command = sandbox::std_shell_command(launch.script(), sandbox, &launch.env);
    command
        .stdout(open(sandbox::STDOUT_FILE)?)
        .stderr(open(sandbox::STDERR_FILE)?);
    let child = command
        .spawn()
        .map_err(|e| format!("cannot start `/bin/sh -c` in {}: {e}", sandbox.display()))?;
    let task_pid = i32::try_from(child.id()).map_err(|e| e.to_string())?;
    // The watchdog finds the group through this marker, whoever supervises the task.
    match ProcessMarker::for_leader(&launch.launch.task_id, task_pid) {
        Some(marker) => {
            if let Err(e) = marker.write(sandbox) {
                eprintln!("pxfw task shim: {e}");
            }
        }
        None => eprintln!("pxfw task shim: cannot read /proc for the task's process marker"),
    }
    let own = std::process::id() as i32;
    let record = ShimRecord {
        shim_pid: own,
        shim_start_ticks: sandbox::live_start_ticks(own)
            .ok_or("cannot read the shim's own start time from /proc")?,
        boot_id: sandbox::boot_id().ok_or("cannot read the boot id from /proc")?,
        task_pid,
        started_ms: now_ms(),
    };
    let json = serde_json::to_vec(&record).map_err(|e| e.to_string())?;
    sandbox::write_private(&sandbox.join(SHIM_FILE), &json)
        .map_err(|e| format!("cannot record the shim in {}: {e}", sandbox.display()))?;
    Ok((record, child))
}

/// A task running under its shim, as the agent supervises it.
#[derive(Debug)]
pub struct Shim {
    /// The shim process when this agent process started it (then it reaps it); `None` when adopted.
    child: Option<tokio::process::Child>,
    record: ShimRecord,
    sandbox: PathBuf,
}

/// What a later agent process finds in a sandbox.
#[derive(Debug)]
pub enum Found {
    /// The shim runs: the task is alive, or its end is about to be recorded.
    Running(Box<Shim>),
    /// The task ended while no agent watched; its recorded wait status.
    Ended(ExitStatus),
    /// The task is gone and nothing recorded how (the machine rebooted or the shim was killed).
    Lost(String),
}

/// Looks for a shim-launched task in `sandbox`: `Err` when the sandbox holds no launch record (it is
/// not a task a shim ran: a leftover of an agent that predates the shim, or never started).
pub fn find(sandbox: &Path) -> Result<(LaunchRecord, Found), String> {
    let launch = LaunchRecord::read(sandbox)?;
    let record = ShimRecord::read(sandbox);
    if let Some(record) = record.clone().filter(ShimRecord::shim_alive) {
        let shim = Shim {
            child: None,
            record,
            sandbox: sandbox.to_path_buf(),
        };
        return Ok((launch, Found::Running(Box::new(shim))));
    }
    // Read after the liveness check: a shim that ends records the status before it exits.
    if let Some(status) = read_exit(sandbox) {
        return Ok((launch, Found::Ended(status)));
    }
    let why = match record {
        None => "the agent stopped while the task was starting".to_string(),
        Some(r) if sandbox::boot_id().as_deref() != Some(r.boot_id.as_str()) => {
            "the machine restarted while no agent ran".to_string()
        }
        Some(r) => format!(
            "its shim (pid {}) was killed, so its exit status is unknown",
            r.shim_pid
        ),
    };
    Ok((launch, Found::Lost(why)))
}

impl Shim {
    /// Starts the shim (`exe __task-shim`) for the task recorded in `sandbox` and waits for its report.
    pub async fn start(exe: &Path, launch: &LaunchRecord, sandbox: &Path) -> Result<Shim, String> {
        // A sandbox prepared again (a launch that never started) must not carry an old task's end.
        for stale in [EXIT_FILE, SHIM_FILE, READY_FILE] {
            let _ = std::fs::remove_file(sandbox.join(stale));
        }
        launch
            .write(sandbox)
            .map_err(|e| format!("cannot record the launch in {}: {e}", sandbox.display()))?;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(sandbox.join(SHIM_LOG))
            .map_err(|e| format!("cannot open {}: {e}", sandbox.join(SHIM_LOG).display()))?;
        let mut command = tokio::process::Command::new(exe);
        command
            .arg("__task-shim")
            .arg("--sandbox")
            .arg(sandbox)
            .current_dir(sandbox)
            .env_clear()
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(log);
        // SAFETY: setsid is async-signal-safe; it cannot fail in a freshly forked child (which is
        // never a group leader), and the outcome is checked by the shim's report anyway.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start the task shim {}: {e}", exe.display()))?;
        let stdout = child.stdout.take().ok_or("the task shim has no stdout")?;
        let mut line = String::new();
        let mut reader = tokio::io::BufReader::new(stdout);
        let read = tokio::time::timeout(REPORT_WAIT, reader.read_line(&mut line)).await;
        let log_tail = || sandbox::file_tail(&sandbox.join(SHIM_LOG), 2048, 5);
        match read {
            Ok(Ok(n)) if n > 0 => {}
            Ok(_) => {
                let _ = child.wait().await;
                return Err(format!(
                    "the task shim ended without starting the task: {}",
                    log_tail()
                ));
            }
            Err(_) => {
                let _ = child.kill().await;
                return Err(format!(
                    "the task shim did not report within {REPORT_WAIT:?}: {}",
                    log_tail()
                ));
            }
        }
        match serde_json::from_str::<Report>(line.trim()) {
            Ok(Report::Started(record)) => Ok(Shim {
                child: Some(child),
                record,
                sandbox: sandbox.to_path_buf(),
            }),
            Ok(Report::Failed(message)) => {
                let _ = child.wait().await;
                Err(message)
            }
            Err(e) => {
                let _ = child.kill().await;
                Err(format!("the task shim reported nonsense ({e}): {line}"))
            }
        }
    }

    /// The task's shell: its pid and process group id.
    pub fn task_pid(&self) -> i32 {
        self.record.task_pid
    }

    /// How long ago the task started.
    pub fn age(&self) -> Duration {
        Duration::from_millis(now_ms().saturating_sub(self.record.started_ms))
    }

    /// Waits until the task's shell has ended and returns its wait status. Cancel-safe.
    pub async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        match &mut self.child {
            Some(child) => {
                child.wait().await?;
            }
            None => {
                while self.record.shim_alive() {
                    tokio::time::sleep(ADOPTED_POLL).await;
                }
            }
        }
        read_exit(&self.sandbox).ok_or_else(|| {
            std::io::Error::other(format!(
                "the task shim (pid {}) ended without recording the task's exit status",
                self.record.shim_pid
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sandbox_without_a_launch_record_is_not_adoptable() {
        let dir = tempfile::tempdir().unwrap();
        let err = find(dir.path()).unwrap_err();
        assert!(err.contains(LAUNCH_FILE), "{err}");
    }

    #[test]
    fn exit_records_round_trip_codes_and_signals() {
        let dir = tempfile::tempdir().unwrap();
        for raw in [3 << 8, libc::SIGKILL] {
            let json = serde_json::to_vec(&ExitRecord { wait_status: raw }).unwrap();
            sandbox::write_private(&dir.path().join(EXIT_FILE), &json).unwrap();
            assert_eq!(read_exit(dir.path()).unwrap().into_raw(), raw);
        }
        let mode = std::fs::metadata(dir.path().join(EXIT_FILE))
            .unwrap()
            .permissions();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(mode.mode() & 0o777, 0o600);
    }

    #[test]
    fn a_recorded_shim_is_alive_only_while_its_process_is() {
        let own = std::process::id() as i32;
        let record = ShimRecord {
            shim_pid: own,
            shim_start_ticks: sandbox::live_start_ticks(own).unwrap(),
            boot_id: sandbox::boot_id().unwrap(),
            task_pid: own,
            started_ms: now_ms(),
        };
        assert!(record.shim_alive());
        let reused = ShimRecord {
            shim_start_ticks: record.shim_start_ticks + 1,
            ..record.clone()
        };
        assert!(!reused.shim_alive(), "another process now holds the pid");
        let rebooted = ShimRecord {
            boot_id: "another-boot".into(),
            ..record
        };
        assert!(!rebooted.shim_alive());
    }
}
