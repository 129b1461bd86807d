//! The agent's task executor: runs each task as a real child process, supervises it, and reports
//! its status transitions.
//!
//! Lifecycle of one task (Mesos states, `sdk-scheduler-api.md` §2.4):
//!
//! ```text
//! launch ─► STAGING ── sandbox: mkdir, fetch uris, bootstrap shim, volume links, configs
//!              │  setup error ─────────────────────────────────────────────► FAILED
//!              ▼
//!           STARTING ── spawn `sh -c cmd` (own process group) ── spawn error ► FAILED
//!              ▼
//!           RUNNING ─┬─ exits: goal RUNNING ► FAILED (even code 0); FINISH/ONCE: 0 ► FINISHED, else FAILED
//!                    ├─ health check gives up ► kill with grace ► FAILED
//!                    └─ kill request ► kill with grace ► KILLED
//! ```
//!
//! A kill sends SIGTERM (then SIGCONT, so a stopped group can act on it) to the task's whole
//! process group, waits until every live member is gone or the grace period ends, then sends
//! SIGKILL to the group. When a task's main process ends on its own, whatever it left in its
//! group is SIGKILLed at once, like a Mesos container being destroyed: nothing the executor
//! started outlives the task's reported end.
//!
//! With a task shim configured ([`ExecutorConfig::shim`], as `pxfw agent` runs it), `sh -c cmd` is
//! started by `pxfw __task-shim` in its own session instead of by this process (`agent::shim`), so the
//! task survives this process and its exit status is recorded in the sandbox. A later executor takes
//! such a task over with [`Executor::adopt`] — RUNNING from the start, kills and checks as above — and
//! [`Executor::detach`] lets the last handle go without killing anything.
//!
//! Every change (state, readiness flag, health flag) is recorded in the task table and sent, as a
//! full [`TaskStatus`], on the channel returned by [`Executor::new`]. The channel is unbounded so
//! that a slow consumer can never stall a kill.

use super::checks::{self, CheckTarget, HealthFailure};
use super::fetch::{FetchError, Fetcher, UriFetchOptions};
use super::sandbox::{self, ProcessMarker, SandboxError};
use super::shim::{self, Found, LaunchRecord, Shim, now_ms};
use crate::api::agent::{PAUSE_COMMAND, TaskState, TerminalReason};
/// Still re-exported for `agent::runtime`, which another change is reworking; import them from
/// `api::agent` instead.
pub use crate::api::agent::{TaskLaunch, TaskStatus};
use crate::spec::model::Goal;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::process::Child;
use tokio::sync::{mpsc, watch};

/// How often a kill re-checks whether the task's process group has emptied during the grace.
const GROUP_POLL: Duration = Duration::from_millis(20);

/// Lines of the task's stderr quoted when it fails.
const STDERR_TAIL_LINES: usize = 10;
/// Bytes read from the end of the task's stderr for the tail.
const STDERR_TAIL_BYTES: u64 = 4096;

/// Executor-wide settings.
#[derive(Debug, Clone, Default)]
pub struct ExecutorConfig {
    pub fetch: UriFetchOptions,
    /// The `pxfw` binary whose hidden `__task-shim` command becomes each task's parent
    /// (`agent::shim`), so tasks survive this process and a later one can adopt them. `None`: the
    /// task's shell is this process's child, and its end is only known while this process lives.
    pub shim: Option<PathBuf>,
}

/// Why [`Executor::launch`] refused a task outright (anything else becomes a FAILED status).
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error(
        "task id `{0}` cannot name a sandbox directory; use `<task>__<uuid>` without `/` or NUL"
    )]
    InvalidTaskId(String),
    #[error("task `{0}` is already known to this executor; forget it first or use a new task id")]
    Duplicate(String),
}

/// Why [`Executor::adopt`] found nothing to adopt in a sandbox.
#[derive(Debug, thiserror::Error)]
pub enum AdoptError {
    #[error("{0}")]
    NoRecord(String),
    #[error("the launch record in {} names another sandbox, {}", found.display(), named.display())]
    Moved { found: PathBuf, named: PathBuf },
    #[error("task `{0}` is already known to this executor")]
    Duplicate(String),
}

/// Why [`Executor::forget`] refused.
#[derive(Debug, thiserror::Error)]
pub enum ForgetError {
    #[error("task `{0}` is not known to this executor")]
    Unknown(String),
    #[error("task `{id}` is still {state}; kill it before forgetting it")]
    Active { id: String, state: TaskState },
}

/// Runs tasks as child processes. Cheap to clone; all clones share one task table. Dropping the
/// last clone SIGKILLs every task still running, so an executor never leaks processes.
#[derive(Clone)]
pub struct Executor {
    inner: Arc<Inner>,
    _guard: Arc<KillOnDrop>,
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("tasks", &self.inner.lock().len())
            .finish()
    }
}

struct Inner {
    tasks: Mutex<HashMap<String, Entry>>,
    updates: mpsc::UnboundedSender<TaskStatus>,
    fetcher: Fetcher,
    shim: Option<PathBuf>,
    /// Set by [`Executor::detach`]: the last handle's drop leaves the tasks running.
    detached: AtomicBool,
}

struct Entry {
    status: TaskStatus,
    /// Kill requests to the task's supervisor.
    control: mpsc::UnboundedSender<KillRequest>,
    /// Becomes `true` when the task is terminal.
    done: watch::Receiver<bool>,
    /// Process group while the process may be alive.
    pgid: Option<i32>,
}

#[derive(Debug, Clone)]
struct KillRequest {
    reason: String,
    /// Upper bound on the grace period (self-fencing must finish before the lease ends).
    grace_cap: Option<Duration>,
    /// A fence: the task ends [`TerminalReason::Fenced`], which is not the pod's failure.
    fence: bool,
}

impl KillRequest {
    fn terminal_reason(&self) -> TerminalReason {
        if self.fence {
            TerminalReason::Fenced
        } else {
            TerminalReason::KillRequested
        }
    }
}

/// Held only by [`Executor`] handles, not by the supervisors, so its drop means "no one can
/// control these tasks any more".
struct KillOnDrop(Arc<Inner>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if self.0.detached.load(Ordering::SeqCst) {
            return;
        }
        for entry in self.0.lock().values() {
            if let Some(pgid) = entry.pgid {
                sandbox::signal_group(pgid, libc::SIGKILL);
            }
        }
    }
}

impl Inner {
    /// Locks the table. A poisoned lock only means a panic elsewhere while holding it; the table
    /// itself is always left consistent, so keep serving.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.tasks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Applies `change` to a task's status, stamps it and publishes it.
    fn update(&self, task_id: &str, change: impl FnOnce(&mut TaskStatus)) {
        let mut tasks = self.lock();
        if let Some(entry) = tasks.get_mut(task_id) {
            change(&mut entry.status);
            entry.status.timestamp_ms = now_ms();
            // A dropped receiver only means nobody listens; the table still holds the truth.
            let _ = self.updates.send(entry.status.clone());
        }
    }

    fn set_pgid(&self, task_id: &str, pgid: Option<i32>) {
        if let Some(entry) = self.lock().get_mut(task_id) {
            entry.pgid = pgid;
        }
    }
}

impl Executor {
    /// A new executor and the receiving end of its status updates.
    pub fn new(
        config: ExecutorConfig,
    ) -> Result<(Executor, mpsc::UnboundedReceiver<TaskStatus>), FetchError> {
        let (updates, rx) = mpsc::unbounded_channel();
        let inner = Arc::new(Inner {
            tasks: Mutex::new(HashMap::new()),
            updates,
            fetcher: Fetcher::new(&config.fetch)?,
            shim: config.shim,
            detached: AtomicBool::new(false),
        });
        let executor = Executor {
            _guard: Arc::new(KillOnDrop(inner.clone())),
            inner,
        };
        Ok((executor, rx))
    }

    /// Records a task the executor now supervises and announces its first status; false (nothing
    /// recorded) when the id is already taken — a launch id never runs twice.
    fn enter(
        &self,
        id: &str,
        status: &TaskStatus,
        control: mpsc::UnboundedSender<KillRequest>,
        done: watch::Receiver<bool>,
    ) -> bool {
        let mut tasks = self.inner.lock();
        if tasks.contains_key(id) {
            return false;
        }
        tasks.insert(
            id.to_owned(),
            Entry {
                status: status.clone(),
                control,
                done,
                pgid: None,
            },
        );
        let _ = self.inner.updates.send(status.clone());
        true
    }

    /// Starts a task: records it as STAGING (returned and published) and supervises it in the
    /// background. Must be called inside a tokio runtime. Only an unusable task id or a
    /// duplicate is refused here; every other problem is reported as a FAILED status.
    pub fn launch(&self, launch: TaskLaunch) -> Result<TaskStatus, LaunchError> {
        let id = &launch.task_id;
        if id.is_empty() || id == "." || id == ".." || id.contains(['/', '\0']) {
            return Err(LaunchError::InvalidTaskId(id.clone()));
        }
        let (control, control_rx) = mpsc::unbounded_channel();
        let (done_tx, done) = watch::channel(false);
        let status = TaskStatus {
            task_id: id.clone(),
            task_name: launch.task_name.clone(),
            state: TaskState::Staging,
            message: "preparing the sandbox".to_string(),
            reason: None,
            ready: None,
            healthy: None,
            pid: None,
            exit_code: None,
            signal: None,
            sandbox: launch.sandbox_dir(),
            timestamp_ms: now_ms(),
        };
        if !self.enter(id, &status, control, done) {
            return Err(LaunchError::Duplicate(id.clone()));
        }
        let supervisor = Supervisor {
            inner: self.inner.clone(),
            launch,
            control: control_rx,
            done: done_tx,
        };
        tokio::spawn(supervisor.run());
        Ok(status)
    }

    /// Takes over the task an earlier process left in `sandbox` (started through the task shim):
    /// a running one is supervised from here on exactly as if launched here — same task id, same
    /// processes, checks resumed, readiness kept, kills reach its group — without being this
    /// process's child; one that ended meanwhile is recorded with its real exit status. Either way
    /// it is in the table (returned and published) before this returns, so the next report has it.
    /// Must be called inside a tokio runtime.
    pub fn adopt(&self, sandbox: &Path) -> Result<TaskStatus, AdoptError> {
        let (record, found) = shim::find(sandbox).map_err(AdoptError::NoRecord)?;
        let launch = record.launch;
        let named = launch.sandbox_dir();
        if std::path::absolute(sandbox).unwrap_or_else(|_| sandbox.to_path_buf()) != named {
            return Err(AdoptError::Moved {
                found: sandbox.to_path_buf(),
                named,
            });
        }
        let id = launch.task_id.clone();
        let mut status = TaskStatus {
            task_id: id.clone(),
            task_name: launch.task_name.clone(),
            state: TaskState::Running,
            message: "re-adopted after an agent restart".to_string(),
            reason: None,
            ready: None,
            healthy: None,
            pid: None,
            exit_code: None,
            signal: None,
            sandbox: named.clone(),
            timestamp_ms: now_ms(),
        };
        let ended = match &found {
            Found::Running(_) => None,
            Found::Ended(exit) => Some(exit_outcome(launch.goal, &named, Ok(*exit))),
            Found::Lost(why) => Some((
                TaskState::Failed,
                TerminalReason::Exited,
                None,
                format!("the task is gone and its exit status is unknown: {why}"),
            )),
        };
        if let Some((state, reason, exit, message)) = &ended {
            // Whatever the task's shell left in its group goes, as when a supervisor sees it end.
            if let Some(marker) = ProcessMarker::read(&named)
                && marker.group_is_ours()
            {
                sandbox::signal_group(marker.pgid, libc::SIGKILL);
            }
            ProcessMarker::remove(&named);
            status.state = *state;
            status.reason = Some(*reason);
            status.message = message.clone();
            set_exit(&mut status, *exit);
        }
        let (control, control_rx) = mpsc::unbounded_channel();
        let (done_tx, done) = watch::channel(ended.is_some());
        if !self.enter(&id, &status, control, done) {
            return Err(AdoptError::Duplicate(id));
        }
        if let Found::Running(shim) = found {
            let ready = named.join(shim::READY_FILE).exists();
            let supervisor = Supervisor {
                inner: self.inner.clone(),
                launch,
                control: control_rx,
                done: done_tx,
            };
            // The table says RUNNING with the task's pid at once; the supervisor confirms it.
            let pid = u32::try_from(shim.task_pid()).ok();
            self.inner.update(&id, |s| {
                s.pid = pid;
                s.ready = (!supervisor.launch.paused
                    && supervisor.launch.readiness_check.is_some())
                .then_some(ready);
            });
            self.inner.set_pgid(&id, Some(shim.task_pid()));
            tokio::spawn(supervisor.run_adopted(*shim, record.env, ready));
        }
        Ok(self.status(&id).unwrap_or(status))
    }

    /// Leaves every task running when the last handle of this executor is dropped, instead of
    /// killing them: a stopping agent hands its tasks (under their shims, guarded by the fencing
    /// watchdog) to the next agent process, which adopts them.
    pub fn detach(&self) {
        self.inner.detached.store(true, Ordering::SeqCst);
    }

    /// Kills a task with its kill grace and waits until it is terminal. Returns its final status
    /// (which is FINISHED or FAILED if it ended on its own first), or `None` for an unknown task.
    /// Killing a task that already ended just returns its status.
    pub async fn kill(&self, task_id: &str, reason: &str) -> Option<TaskStatus> {
        self.kill_with(task_id, reason, None).await
    }

    /// Kills every task, each with its kill grace capped at `grace_cap` (`None`: no cap), and
    /// waits until all are terminal. Returns the final statuses of every task, sorted by id.
    ///
    /// Worst case: `min(largest kill grace, grace_cap)` + one group poll (20 ms) + the time the
    /// kernel takes to deliver SIGKILL and the runtime to reap the shells (milliseconds). Tasks
    /// still fetching are abandoned at once. The only unbounded case is a process stuck in
    /// uninterruptible sleep (state D, e.g. I/O on a hung network filesystem), which no signal
    /// can end; the SIGKILL is already delivered, so it dies as soon as the I/O returns.
    pub async fn kill_all(&self, reason: &str, grace_cap: Option<Duration>) -> Vec<TaskStatus> {
        self.kill_every(reason, grace_cap, false).await
    }

    /// [`Executor::kill_all`] for a fence: the node cannot renew its lease. The tasks end
    /// [`TerminalReason::Fenced`], so the scheduler does not count them as the pods' failures.
    pub async fn fence_all(&self, reason: &str, grace_cap: Option<Duration>) -> Vec<TaskStatus> {
        self.kill_every(reason, grace_cap, true).await
    }

    async fn kill_every(
        &self,
        reason: &str,
        grace_cap: Option<Duration>,
        fence: bool,
    ) -> Vec<TaskStatus> {
        let pending = self.request_kills(None, reason, grace_cap, fence);
        for mut done in pending {
            let _ = done.wait_for(|d| *d).await;
        }
        self.snapshot()
    }

    async fn kill_with(
        &self,
        task_id: &str,
        reason: &str,
        grace_cap: Option<Duration>,
    ) -> Option<TaskStatus> {
        if !self.inner.lock().contains_key(task_id) {
            return None;
        }
        for mut done in self.request_kills(Some(task_id), reason, grace_cap, false) {
            let _ = done.wait_for(|d| *d).await;
        }
        self.status(task_id)
    }

    /// Sends a kill request to the chosen (or every) non-terminal task; returns their `done`
    /// watches.
    fn request_kills(
        &self,
        only: Option<&str>,
        reason: &str,
        grace_cap: Option<Duration>,
        fence: bool,
    ) -> Vec<watch::Receiver<bool>> {
        let tasks = self.inner.lock();
        tasks
            .iter()
            .filter(|(id, entry)| {
                only.is_none_or(|only| only == id.as_str()) && !entry.status.state.is_terminal()
            })
            .map(|(_, entry)| {
                let _ = entry.control.send(KillRequest {
                    reason: reason.to_string(),
                    grace_cap,
                    fence,
                });
                entry.done.clone()
            })
            .collect()
    }

    /// The current status of one task.
    pub fn status(&self, task_id: &str) -> Option<TaskStatus> {
        self.inner.lock().get(task_id).map(|e| e.status.clone())
    }

    /// The current status of every known task, terminal ones included until forgotten, sorted by
    /// task id.
    pub fn snapshot(&self) -> Vec<TaskStatus> {
        let mut all: Vec<TaskStatus> = self
            .inner
            .lock()
            .values()
            .map(|e| e.status.clone())
            .collect();
        all.sort_by(|a, b| a.task_id.cmp(&b.task_id));
        all
    }

    /// Drops a terminal task from the table once the server has acknowledged its final status.
    /// The sandbox stays on disk (logs for `pxfw debug`); removing it is the caller's policy.
    pub fn forget(&self, task_id: &str) -> Result<TaskStatus, ForgetError> {
        let mut tasks = self.inner.lock();
        let state = tasks
            .get(task_id)
            .map(|e| e.status.state)
            .ok_or_else(|| ForgetError::Unknown(task_id.to_string()))?;
        if !state.is_terminal() {
            return Err(ForgetError::Active {
                id: task_id.to_string(),
                state,
            });
        }
        tasks
            .remove(task_id)
            .map(|e| e.status)
            .ok_or_else(|| ForgetError::Unknown(task_id.to_string()))
    }

    /// Waits until a task is terminal and returns its final status (`None` if unknown).
    pub async fn wait(&self, task_id: &str) -> Option<TaskStatus> {
        let mut done = self.inner.lock().get(task_id)?.done.clone();
        let _ = done.wait_for(|d| *d).await;
        self.status(task_id)
    }
}

/// Why sandbox preparation failed.
#[derive(Debug, thiserror::Error)]
enum SetupError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    #[error("cannot create the sandbox {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("sandbox preparation stopped unexpectedly: {0}")]
    Join(String),
}

/// How a kill ended.
struct Termination {
    status: std::io::Result<ExitStatus>,
    /// Whether SIGKILL was needed because the group outlived the grace period.
    escalated: bool,
    grace: Duration,
}

/// What ended the running phase.
enum Ending {
    Exited(std::io::Result<ExitStatus>),
    Killed(KillRequest, Termination),
    Unhealthy(HealthFailure, Termination),
}

/// Owns one task from STAGING to its terminal state.
struct Supervisor {
    inner: Arc<Inner>,
    launch: TaskLaunch,
    control: mpsc::UnboundedReceiver<KillRequest>,
    done: watch::Sender<bool>,
}

/// The task's main process, as its supervisor waits for it.
enum TaskProcess {
    /// The task's shell is this process's child (no shim configured).
    Child(Child),
    /// The task's shell runs under its shim, started here or adopted from an earlier agent process.
    Shim(Shim),
}

impl TaskProcess {
    /// Waits until the task's shell has ended. Cancel-safe.
    async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        match self {
            TaskProcess::Child(child) => child.wait().await,
            TaskProcess::Shim(shim) => shim.wait().await,
        }
    }

    fn pid(&self) -> Option<u32> {
        match self {
            TaskProcess::Child(child) => child.id(),
            TaskProcess::Shim(shim) => u32::try_from(shim.task_pid()).ok(),
        }
    }
}

/// How the running phase of a supervisor begins.
struct Running {
    process: TaskProcess,
    env: BTreeMap<String, String>,
    /// When the task started (health check grace periods count from here).
    started: Instant,
    /// The readiness check already passed (a re-adopted task keeps its readiness).
    ready: bool,
    /// What the RUNNING status says, after the pid.
    note: &'static str,
}

impl Supervisor {
    async fn run(mut self) {
        let task_id = self.launch.task_id.clone();
        let sandbox = self.launch.sandbox_dir();
        let env = sandbox::process_env(&self.launch.task_env());

        let setup = prepare(&self.inner.fetcher, &self.launch, &sandbox, &env);
        let prepared = tokio::select! {
            result = setup => result,
            Some(request) = self.control.recv() => {
                self.finish(TaskState::Killed, request.terminal_reason(), None,
                    format!("killed before start: {}", request.reason));
                return;
            }
        };
        if let Err(e) = prepared {
            self.finish(
                TaskState::Failed,
                TerminalReason::SetupFailed,
                None,
                format!("sandbox setup failed, the command did not run: {e}"),
            );
            return;
        }
        if let Ok(request) = self.control.try_recv() {
            self.finish(
                TaskState::Killed,
                request.terminal_reason(),
                None,
                format!("killed before start: {}", request.reason),
            );
            return;
        }

        self.inner.update(&task_id, |s| {
            s.state = TaskState::Starting;
            s.message = "starting the command".to_string();
        });
        let process = match self.spawn(&sandbox, &env).await {
            Ok(process) => process,
            Err(message) => {
                self.finish(
                    TaskState::Failed,
                    TerminalReason::SpawnFailed,
                    None,
                    message,
                );
                return;
            }
        };
        if let TaskProcess::Child(child) = &process {
            // process_group(0) makes the shell its group's leader: pgid == pid. (A shim records the
            // marker itself.)
            let pgid = child.id().and_then(|p| i32::try_from(p).ok());
            if let Some(marker) = pgid.and_then(|pgid| ProcessMarker::for_leader(&task_id, pgid))
                && let Err(e) = marker.write(&sandbox)
            {
                // The task itself is fine; only cleanup after an agent crash would miss it.
                tracing::warn!(task_id = %task_id, "cannot record the task's process group: {e}");
            }
        }
        let running = Running {
            process,
            env,
            started: Instant::now(),
            ready: false,
            note: "",
        };
        self.supervise(running).await;
    }

    /// Supervises a task an earlier agent process started: from RUNNING on, as if launched here.
    async fn run_adopted(self, shim: Shim, env: BTreeMap<String, String>, ready: bool) {
        let started = Instant::now()
            .checked_sub(shim.age())
            .unwrap_or_else(Instant::now);
        let running = Running {
            process: TaskProcess::Shim(shim),
            env,
            started,
            ready,
            note: ", re-adopted after an agent restart",
        };
        self.supervise(running).await;
    }

    /// The running phase: RUNNING, checks, and the task's end, whatever ends it.
    async fn supervise(mut self, running: Running) {
        let Running {
            mut process,
            env,
            started,
            ready,
            note,
        } = running;
        let task_id = self.launch.task_id.clone();
        let sandbox = self.launch.sandbox_dir();
        let pid = process.pid();
        let pgid = pid.and_then(|p| i32::try_from(p).ok());
        self.inner.set_pgid(&task_id, pgid);
        let checks_on = !self.launch.paused;
        self.inner.update(&task_id, |s| {
            s.state = TaskState::Running;
            s.pid = pid;
            s.ready = (checks_on && self.launch.readiness_check.is_some()).then_some(ready);
            s.message = match pid {
                Some(pid) => format!("running (pid {pid}){note}"),
                None => format!("running{note}"),
            };
        });

        let checks = Checks {
            env,
            started,
            on: checks_on,
            ready,
        };
        let ending = self
            .supervise_running(&mut process, pgid.unwrap_or(0), &sandbox, checks)
            .await;
        let (state, reason, status, message) = match ending {
            Ending::Exited(status) => {
                sandbox::signal_group(pgid.unwrap_or(0), libc::SIGKILL);
                exit_outcome(self.launch.goal, &sandbox, status)
            }
            Ending::Killed(request, termination) => {
                let message = format!("killed: {}; {}", request.reason, termination.describe());
                (
                    TaskState::Killed,
                    request.terminal_reason(),
                    termination.status.ok(),
                    message,
                )
            }
            Ending::Unhealthy(failure, termination) => {
                let message = format!("{failure}; the task {}", termination.describe());
                (
                    TaskState::Failed,
                    TerminalReason::HealthCheckFailed,
                    termination.status.ok(),
                    message,
                )
            }
        };
        self.finish(state, reason, status, message);
    }

    async fn spawn(
        &self,
        sandbox: &Path,
        env: &BTreeMap<String, String>,
    ) -> Result<TaskProcess, String> {
        if let Some(exe) = &self.inner.shim {
            let record = LaunchRecord {
                launch: self.launch.clone(),
                env: env.clone(),
            };
            return Shim::start(exe, &record, sandbox)
                .await
                .map(TaskProcess::Shim);
        }
        let open = |name: &str| sandbox::open_append(sandbox, name);
        let script = if self.launch.paused {
            PAUSE_COMMAND
        } else {
            &self.launch.cmd
        };
        let mut command = sandbox::shell_command(script, sandbox, env);
        command
            .stdout(open(sandbox::STDOUT_FILE)?)
            .stderr(open(sandbox::STDERR_FILE)?);
        command
            .spawn()
            .map(TaskProcess::Child)
            .map_err(|e| format!("cannot start `/bin/sh -c` in {}: {e}", sandbox.display()))
    }

    /// Waits for the first of: exit, kill request, health failure; meanwhile tracks readiness
    /// and health flags.
    async fn supervise_running(
        &mut self,
        process: &mut TaskProcess,
        pgid: i32,
        sandbox: &Path,
        checks: Checks,
    ) -> Ending {
        let target = CheckTarget {
            sandbox: sandbox.to_path_buf(),
            env: checks.env,
        };
        let task_id = self.launch.task_id.clone();
        let inner = self.inner.clone();
        let health_spec = self.launch.health_check.clone().filter(|_| checks.on);
        let readiness_spec = self
            .launch
            .readiness_check
            .clone()
            .filter(|_| checks.on && !checks.ready);
        let grace = self.launch.kill_grace();

        let health = async {
            let Some(spec) = &health_spec else {
                return std::future::pending().await;
            };
            let mut last = None;
            checks::watch_health(spec, &target, checks.started, |healthy, outcome| {
                if last != Some(healthy) {
                    last = Some(healthy);
                    inner.update(&task_id, |s| {
                        s.healthy = Some(healthy);
                        s.message = if healthy {
                            "running, health check passing".to_string()
                        } else {
                            format!("running, health check failing: {outcome}")
                        };
                    });
                }
            })
            .await
        };
        let readiness = async {
            match &readiness_spec {
                Some(spec) => checks::wait_ready(spec, &target).await,
                None => std::future::pending().await,
            }
        };
        tokio::pin!(health, readiness);
        let mut readiness_pending = readiness_spec.is_some();
        let mut control_open = true;
        loop {
            tokio::select! {
                status = process.wait() => return Ending::Exited(status),
                request = self.control.recv(), if control_open => {
                    match request {
                        Some(request) => {
                            let cap = request.grace_cap;
                            let termination =
                                terminate(process, pgid, cap_grace(grace, cap), &mut self.control).await;
                            return Ending::Killed(request, termination);
                        }
                        None => control_open = false,
                    }
                }
                failure = &mut health => {
                    let termination = terminate(process, pgid, grace, &mut self.control).await;
                    return Ending::Unhealthy(failure, termination);
                }
                () = &mut readiness, if readiness_pending => {
                    readiness_pending = false;
                    // Kept in the sandbox, so an agent that re-adopts the task reports it ready at once.
                    if let Err(e) = std::fs::write(sandbox.join(shim::READY_FILE), b"") {
                        tracing::warn!(task_id = %self.launch.task_id, "cannot record readiness: {e}");
                    }
                    self.inner.update(&self.launch.task_id, |s| {
                        s.ready = Some(true);
                        s.message = "running, readiness check passed".to_string();
                    });
                }
            }
        }
    }

    /// Records the terminal state, publishes it and wakes everyone waiting on this task.
    fn finish(
        &self,
        state: TaskState,
        reason: TerminalReason,
        status: Option<ExitStatus>,
        message: String,
    ) {
        self.inner.set_pgid(&self.launch.task_id, None);
        ProcessMarker::remove(&self.launch.sandbox_dir());
        self.inner.update(&self.launch.task_id, |s| {
            s.state = state;
            s.reason = Some(reason);
            s.message = message;
            set_exit(s, status);
        });
        let _ = self.done.send(true);
    }
}

/// What the checks of a running task start from.
struct Checks {
    env: BTreeMap<String, String>,
    started: Instant,
    /// Checks run at all (not for a paused task).
    on: bool,
    /// The readiness check already passed.
    ready: bool,
}

fn set_exit(s: &mut TaskStatus, status: Option<ExitStatus>) {
    use std::os::unix::process::ExitStatusExt;
    s.exit_code = status.and_then(|st| st.code());
    s.signal = status.and_then(|st| st.signal());
}

/// The terminal state of a task whose shell ended by itself (or of the fencing watchdog's SIGKILL,
/// which leaves its marker in the sandbox first).
fn exit_outcome(
    goal: Goal,
    sandbox: &Path,
    status: std::io::Result<ExitStatus>,
) -> (TaskState, TerminalReason, Option<ExitStatus>, String) {
    if sandbox.join(sandbox::FENCE_MARKER).exists() {
        // The watchdog killed the group: this agent could not renew its lease in time.
        let message = "killed by the fencing watchdog: the lease was not renewed".into();
        return (
            TaskState::Killed,
            TerminalReason::Fenced,
            status.ok(),
            message,
        );
    }
    let tail = sandbox::file_tail(
        &sandbox.join(sandbox::STDERR_FILE),
        STDERR_TAIL_BYTES,
        STDERR_TAIL_LINES,
    );
    let (state, message) = exit_verdict(goal, &status, &tail);
    (state, TerminalReason::Exited, status.ok(), message)
}

/// Builds the sandbox: directory, URIs, bootstrap shim, volume links, configs — in that order,
/// so configs may be written into linked volumes and fetched archives may provide `bootstrap`.
async fn prepare(
    fetcher: &Fetcher,
    launch: &TaskLaunch,
    sandbox: &Path,
    env: &BTreeMap<String, String>,
) -> Result<(), SetupError> {
    tokio::fs::create_dir_all(sandbox)
        .await
        .map_err(|source| SetupError::CreateDir {
            path: sandbox.to_path_buf(),
            source,
        })?;
    fetcher.fetch_all(&launch.uris, sandbox).await?;
    let (sandbox, volumes, configs, env) = (
        sandbox.to_path_buf(),
        launch.volumes.clone(),
        launch.configs.clone(),
        env.clone(),
    );
    tokio::task::spawn_blocking(move || -> Result<(), SandboxError> {
        sandbox::write_bootstrap_shim(&sandbox)?;
        sandbox::link_volumes(&sandbox, &volumes)?;
        sandbox::render_configs(&sandbox, &configs, &env)
    })
    .await
    .map_err(|e| SetupError::Join(e.to_string()))??;
    Ok(())
}

/// SIGTERM (+SIGCONT) to the group; wait until the shell is reaped and no live member remains,
/// or until the grace ends (a later request may shorten it); then SIGKILL the group and reap.
async fn terminate(
    process: &mut TaskProcess,
    pgid: i32,
    grace: Duration,
    control: &mut mpsc::UnboundedReceiver<KillRequest>,
) -> Termination {
    sandbox::signal_group(pgid, libc::SIGTERM);
    sandbox::signal_group(pgid, libc::SIGCONT);
    let start = tokio::time::Instant::now();
    let mut deadline = start + grace;
    let mut status = None;
    let mut control_open = true;
    let mut escalated = false;
    let mut group = sandbox::GroupWatch::new(pgid);
    loop {
        if status.is_some() && !group.has_live_members() {
            break;
        }
        tokio::select! {
            exited = process.wait(), if status.is_none() => status = Some(exited),
            () = tokio::time::sleep_until(deadline) => {
                escalated = true;
                break;
            }
            () = tokio::time::sleep(GROUP_POLL), if status.is_some() => {}
            request = control.recv(), if control_open => match request {
                Some(request) => {
                    if let Some(cap) = request.grace_cap {
                        deadline = deadline.min(tokio::time::Instant::now() + cap);
                    }
                }
                None => control_open = false,
            },
        }
    }
    // Also when the group emptied by itself: zombies left in it are harmless to signal.
    sandbox::signal_group(pgid, libc::SIGKILL);
    let status = match status {
        Some(status) => status,
        None => process.wait().await,
    };
    Termination {
        status,
        escalated,
        grace: deadline.saturating_duration_since(start),
    }
}

impl Termination {
    fn describe(&self) -> String {
        let how = match &self.status {
            Ok(status) => checks::describe_status(*status),
            Err(e) => format!("could not be waited for ({e})"),
        };
        if self.escalated {
            format!(
                "did not stop within the {:.1}s grace period; SIGKILL sent ({how})",
                self.grace.as_secs_f64()
            )
        } else {
            format!("stopped after SIGTERM ({how})")
        }
    }
}

fn cap_grace(grace: Duration, cap: Option<Duration>) -> Duration {
    cap.map_or(grace, |cap| grace.min(cap))
}

/// FINISHED or FAILED for a task that ended by itself, with its message.
fn exit_verdict(
    goal: Goal,
    status: &std::io::Result<ExitStatus>,
    stderr_tail: &str,
) -> (TaskState, String) {
    let status = match status {
        Ok(status) => *status,
        Err(e) => {
            return (
                TaskState::Failed,
                format!("cannot wait for the task's process: {e}"),
            );
        }
    };
    let how = checks::describe_status(status);
    let (state, mut message) = match goal {
        Goal::Running => (
            TaskState::Failed,
            format!("{how}; a task with goal RUNNING must not exit"),
        ),
        Goal::Finish | Goal::Once if status.success() => (TaskState::Finished, how),
        Goal::Finish | Goal::Once => (TaskState::Failed, how),
    };
    if state == TaskState::Failed && !stderr_tail.is_empty() {
        message.push_str("; stderr: ");
        message.push_str(stderr_tail);
    }
    (state, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::agent::{DEFAULT_KILL_GRACE_MS, port_env_name};

    #[test]
    fn port_env_names_follow_the_sdk() {
        assert_eq!(port_env_name("native-client"), "PORT_NATIVE_CLIENT");
        assert_eq!(port_env_name("jmx"), "PORT_JMX");
    }

    #[test]
    fn exit_verdicts_follow_the_goal() {
        use std::os::unix::process::ExitStatusExt;
        let ok = Ok(ExitStatus::from_raw(0));
        let bad = Ok(ExitStatus::from_raw(3 << 8));
        assert_eq!(exit_verdict(Goal::Finish, &ok, "x").0, TaskState::Finished);
        assert_eq!(exit_verdict(Goal::Once, &bad, "").0, TaskState::Failed);
        let (state, message) = exit_verdict(Goal::Running, &ok, "boom");
        assert_eq!(state, TaskState::Failed);
        assert!(message.contains("code 0") && message.ends_with("stderr: boom"));
    }

    #[test]
    fn launch_json_defaults() {
        let launch: TaskLaunch = serde_json::from_value(serde_json::json!({
            "task_id": "server__1", "task_name": "node-0-server", "pod_type": "node",
            "pod_index": 0, "service": "svc", "cmd": "true", "goal": "RUNNING",
            "sandbox_root": "/tmp/x"
        }))
        .unwrap();
        assert_eq!(launch.kill_grace_ms, DEFAULT_KILL_GRACE_MS);
        assert_eq!(launch.sandbox_dir(), PathBuf::from("/tmp/x/server__1"));
        assert!(!launch.paused);
    }
}
