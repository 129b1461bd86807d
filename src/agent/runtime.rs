//! The agent's main loop: register, then heartbeat — report every task, receive the tasks this node should
//! run, and converge (launch what is missing, kill what is no longer wanted).
//!
//! The agent holds a lease renewed by each successful heartbeat. If it cannot renew for most of the lease it
//! fences itself — kills every task — before the server may declare the node lost and start the pods
//! elsewhere, so a volume never has two writers (DESIGN.md, "Fencing before failover").
//!
//! Restarts keep the tasks: every task runs under a shim (`agent::shim`), so at start this process
//! re-adopts what an earlier agent process on the same data directory left running, registers at once
//! with the directory's stable instance id, and on SIGTERM leaves its tasks running under the fencing
//! watchdog's guard ([`OnExit`]).

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use url::Url;

use super::datadir::DataDir;
use super::executor::{AdoptError, Executor, ExecutorConfig, TaskLaunch, TaskStatus};
use super::fence;
use super::peer::{Endpoint, Lease, Peers};
use super::sandbox;
use crate::api::agent::{
    AgentInfo, Heartbeat, HeartbeatAck, HeartbeatReply, LeaseTerms, Registered,
};
use crate::api::topology::Topology;
use crate::cluster::config::TlsMode;
use crate::cluster::http::{ClientConfig, HttpClient, HttpError, Req, error_text};

/// How an agent is configured.
#[derive(Debug, Clone)]
pub struct AgentConfig {
    pub server: Url,
    pub token: String,
    pub node_id: String,
    /// Where the node sits, as it registers.
    pub topology: Topology,
    pub cpus: f64,
    pub mem_mb: u64,
    pub disk_mb: u64,
    pub data_dir: PathBuf,
    /// Run the fencing watchdog process (off only for in-process agents in unit tests).
    pub fence_watchdog: bool,
    /// Where the peer endpoint listens (`--listen`). Without one, peers cannot ask this node whether it
    /// reaches the server, so it never confirms their holds (it still asks them for its own).
    pub peer_listen: Option<SocketAddr>,
    /// The host peers dial for that endpoint (`--advertise`).
    pub peer_advertise: Option<String>,
    /// What becomes of the tasks when the agent stops.
    pub on_exit: OnExit,
}

/// What a stopping agent (SIGTERM/SIGINT, or the shutdown future of an in-process agent) does with its
/// tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExit {
    /// `pxfw agent`: exit at once and leave every task running, the lease file in place and the
    /// watchdog guarding it. The next agent process on the data directory re-adopts the tasks; if none
    /// comes back within the lease, the watchdog fences them, so nothing runs unguarded.
    LeaveTasks,
    /// The local agents of `pxfw server --local-agents` (one-machine mode, `quickstart --down`): stop
    /// every task (kill grace capped at [`SHUTDOWN_GRACE`]), release the lease, end the watchdog.
    StopTasks,
}

/// After this many reports of a terminal task the agent forgets it (the server has recorded it by then).
const REPORTS_BEFORE_FORGET: u32 = 3;

/// The kill grace of a shutdown (SIGTERM to the agent) is capped here, so the agent exits within 5 s
/// whatever its tasks' kill grace periods are.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// A heartbeat request gives up after a third of the lease (1.67 s with the default 5 s lease), and
/// is tried once: the next attempt is the next heartbeat, or at once when this one took longer than a
/// heartbeat interval. So a slow or frozen server costs one attempt, never the lease (the timing
/// argument is in `src/scheduler/README.md`, "Leases and fencing").
pub fn heartbeat_timeout(lease_ms: u64) -> Duration {
    Duration::from_millis((lease_ms / 3).max(50))
}

/// Runs an agent until `shutdown` resolves, then leaves or stops its tasks as `cfg.on_exit` says.
pub async fn run(
    cfg: AgentConfig,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let http = HttpClient::new(ClientConfig {
        base: cfg.server.clone(),
        tls: TlsMode::Verify,
        timeout: Duration::from_secs(5),
        token: Some(cfg.token.clone()),
        relogin: None,
        token_sink: None,
    })?;
    // First of all: a second agent on this directory stops here, before it touches any task.
    let dir = DataDir::open(&cfg.data_dir)?;
    let instance = dir.instance()?;
    let peers = Peers::open(&cfg.node_id, &cfg.data_dir)?;
    let endpoint = match cfg.peer_listen {
        Some(addr) => Some(Endpoint::start(addr, cfg.peer_advertise.clone(), peers.clone()).await?),
        None => None,
    };
    let shim = std::env::current_exe().context("cannot find the pxfw binary for the task shim")?;
    let (executor, mut updates) = Executor::new(ExecutorConfig {
        shim: Some(shim),
        ..ExecutorConfig::default()
    })
    .context("cannot start the task executor")?;
    if cfg.on_exit == OnExit::LeaveTasks {
        // However this process ends (a stop, a refused registration, an error), its tasks are left to
        // the watchdog and the next agent process, as after a kill -9: only the server's wishes, a fence
        // or an explicit kill below end them.
        executor.detach();
    }
    let info = AgentInfo {
        node_id: cfg.node_id.clone(),
        topology: cfg.topology.clone(),
        cpus: cfg.cpus,
        mem_mb: cfg.mem_mb,
        disk_mb: cfg.disk_mb,
        instance: instance.clone(),
        peer_port: endpoint.as_ref().map(|e| e.port),
        peer_host: endpoint.as_ref().and_then(|e| e.host.clone()),
    };
    info.validate()
        .map_err(|e| anyhow!("invalid agent settings: {e}"))?;
    let sandboxes = fence::sandboxes(&cfg.data_dir);
    std::fs::create_dir_all(&sandboxes).with_context(|| {
        format!(
            "cannot create the sandbox directory {}",
            sandboxes.display()
        )
    })?;
    let adopted = take_over(&cfg.data_dir, &sandboxes, &executor);
    let adopted_any = !adopted.is_empty();
    // The new watchdog starts before the previous one is ended, so the lease stays guarded.
    let watchdog = if cfg.fence_watchdog {
        Some(fence::spawn(&cfg.data_dir).context("cannot start the fencing watchdog")?)
    } else {
        None
    };

    tokio::pin!(shutdown);
    let mut state = Converge {
        executor: executor.clone(),
        sandboxes,
        started: adopted,
        reported: HashMap::new(),
    };
    // Counts every heartbeat of this process; an ack names the one whose reply it confirms.
    let mut seq = 0u64;
    let mut lease = Lease::default();
    // Tasks re-adopted while the server may be away (an agent restarted or upgraded during an outage):
    // until this agent registers it makes the verdicts its predecessor would have made, with the member
    // list and terms it kept; otherwise the watchdog's deadline stands, as for any agent.
    let mut resumed = match (
        adopted_any && endpoint.is_some(),
        fence::read_deadline(&cfg.data_dir),
        peers.known_terms(),
    ) {
        (true, Some(deadline), Some(terms)) => {
            lease = Lease::resumed(deadline, &terms);
            Some(terms)
        }
        _ => None,
    };
    'register: loop {
        let attempt = register(&http, &info, resumed);
        tokio::pin!(attempt);
        let registered = 'attempt: loop {
            let wake = resumed
                .filter(|_| lease.awaits_verdict())
                .map(|t| (t, lease.decide_at(&t)));
            let far = tokio::time::Instant::now() + Duration::from_secs(3600);
            tokio::select! {
                _ = &mut shutdown => break 'register,
                r = &mut attempt => break 'attempt r?,
                _ = tokio::time::sleep_until(wake.map_or(far, |w| w.1)), if wake.is_some() => {
                    if let Some((t, _)) = wake {
                        fence_point(&mut lease, &peers, &executor, &t).await;
                    }
                }
            }
        };
        resumed = None;
        peers.registered(&registered);
        let mut terms = registered.terms;
        tracing::info!(
            "agent {} registered (lease {} ms, peer checks {})",
            cfg.node_id,
            terms.lease_ms,
            if terms.reach_ms > 0 { "on" } else { "off" }
        );
        lease.registered();
        let mut last_sent = lease.last_ok;
        let mut swept = false;
        loop {
            // Self-fencing: decide one heartbeat before the lease can end — fence, unless a majority of
            // the members confirm that the server cannot act either (`peer::verdict`). The loop wakes for
            // it even while it waits or a request hangs, so the decision is on time whatever the server
            // does.
            // A task changing state is reported at once (after a short pause that batches a burst of
            // changes), so the server learns of launches and failures without waiting a whole interval.
            tokio::select! {
                _ = &mut shutdown => break 'register,
                _ = tokio::time::sleep_until(tokio::time::Instant::from_std(
                    last_sent + Duration::from_millis(terms.heartbeat_ms),
                )) => {}
                _ = tokio::time::sleep_until(lease.decide_at(&terms)), if !lease.fenced => {}
                Some(_) = updates.recv() => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    while updates.try_recv().is_ok() {}
                }
            }
            if !lease.fenced && tokio::time::Instant::now() >= lease.decide_at(&terms) {
                fence_point(&mut lease, &peers, &executor, &terms).await;
            }
            seq += 1;
            let beat = Heartbeat {
                node_id: cfg.node_id.clone(),
                instance: instance.clone(),
                tasks: executor.snapshot(),
                seq,
                members: peers.members(),
            };
            // The lease runs from when this renewal was sent, on the monotonic clock: the server renews
            // it later (on receipt), so this side always fences first.
            let sent = Instant::now();
            last_sent = sent;
            let sent_clock = fence::clock_ms();
            let request = http.send(
                Req::post("/agent/v1/heartbeat")
                    .json(&beat)
                    .timeout(heartbeat_timeout(terms.lease_ms))
                    .once(),
            );
            tokio::pin!(request);
            // Decisions fall due while the request is out too; it stays out (bounded by its timeout).
            let answer = 'wait: loop {
                tokio::select! {
                    _ = &mut shutdown => break 'register,
                    answer = &mut request => break 'wait answer,
                    _ = tokio::time::sleep_until(lease.decide_at(&terms)), if !lease.fenced => {
                        fence_point(&mut lease, &peers, &executor, &terms).await;
                    }
                }
            };
            match answer {
                Ok(resp) if resp.status == 200 => match resp.json::<HeartbeatReply>() {
                    Ok(reply) => {
                        // First what this node tells its peers (the server is reached now), then the ack
                        // that lets the server count it: the server's evidence is never the newer.
                        peers.replied(&reply);
                        tokio::spawn(acknowledge(
                            http.clone(),
                            HeartbeatAck {
                                node_id: cfg.node_id.clone(),
                                instance: instance.clone(),
                                seq,
                            },
                            heartbeat_timeout(reply.lease_ms),
                        ));
                        lease.renewed(
                            &cfg.data_dir,
                            sent,
                            sent_clock,
                            &LeaseTerms {
                                heartbeat_ms: reply.heartbeat_ms,
                                lease_ms: reply.lease_ms,
                                reach_ms: reply.reach_ms,
                            },
                        );
                        terms = LeaseTerms {
                            heartbeat_ms: reply.heartbeat_ms.max(50),
                            lease_ms: reply.lease_ms,
                            reach_ms: reply.reach_ms,
                        };
                        if !swept {
                            // The first answer after (re-)registering says everything this node should run;
                            // sandboxes of anything else are leftovers of an earlier life (their processes
                            // were killed at start or by the fence) and are removed now.
                            state.sweep(&reply.launches);
                            swept = true;
                        }
                        state.apply(&beat.tasks, reply.launches).await;
                    }
                    Err(e) => tracing::warn!("bad heartbeat reply: {e}"),
                },
                Ok(resp) if resp.status == 410 => {
                    // Declared lost while away: what runs here may already run elsewhere. Stop it all first.
                    tracing::warn!(
                        "the server declared this node lost; killing every task before re-registering"
                    );
                    executor
                        .kill_all("node declared lost by the server", None)
                        .await;
                    continue 'register;
                }
                Ok(resp) if resp.status == 409 => {
                    executor
                        .kill_all("another agent took over this node id", None)
                        .await;
                    return Err(anyhow!(
                        "the server refused this agent: {}",
                        error_text(&resp).unwrap_or_else(|| resp.snippet())
                    ));
                }
                Ok(resp) if resp.status == 404 => continue 'register,
                Ok(resp) => tracing::warn!(
                    "heartbeat answered HTTP {}: {}",
                    resp.status,
                    resp.snippet()
                ),
                Err(e) => tracing::warn!("heartbeat failed: {e}"),
            }
        }
    }
    match cfg.on_exit {
        OnExit::LeaveTasks => {
            // Nothing to wait for: the tasks run on under their shims (the executor is detached), the
            // watchdog guards the lease until the next agent process takes over (or fences when it ends).
            if let Some(w) = watchdog {
                w.leave();
            }
            tracing::info!(
                "agent {} stopped; its tasks keep running for the next agent process to adopt",
                cfg.node_id
            );
        }
        OnExit::StopTasks => {
            // Its tasks get a capped grace, then the watchdog has nothing left to guard and is
            // ended, so the process exits within 5 s.
            executor
                .kill_all("agent shutting down", Some(SHUTDOWN_GRACE))
                .await;
            fence::release(&cfg.data_dir);
            if let Some(w) = watchdog {
                w.stop().await;
            }
        }
    }
    drop(dir);
    Ok(())
}

/// Start-up: takes over what an earlier agent process on this data directory left, before this one
/// registers. Returns the ids of the tasks it adopted (the server's wishes decide their fate at the
/// first heartbeat: wanted ones run on, unwanted ones are killed).
///
/// - If the lease ran out while no agent ran, the watchdog would have fenced every task (it may have
///   died too): do it now, before adopting anything.
/// - Tasks started through the shim are adopted, running or ended (then with their real exit status).
/// - Anything else with live processes (a sandbox without a launch record: an agent that predates the
///   shim) is not in the server's state and is killed, as before.
/// - The lease file stays while adopted tasks run: it is what the watchdogs guard until this process
///   renews it.
fn take_over(
    data_dir: &std::path::Path,
    sandboxes: &std::path::Path,
    executor: &Executor,
) -> HashSet<String> {
    if fence::expired(data_dir) {
        let killed = fence::fence_now(
            data_dir,
            "agent start: the lease ran out while no agent ran",
        );
        if !killed.is_empty() {
            tracing::warn!("the lease had run out: killed {}", killed.join(", "));
        }
    }
    let mut adopted = HashSet::new();
    let mut running = 0;
    let mut leftovers = Vec::new();
    let dirs = std::fs::read_dir(sandboxes)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|svc| {
            std::fs::read_dir(svc.path())
                .into_iter()
                .flatten()
                .flatten()
        });
    for task in dirs {
        let sandbox = task.path();
        match executor.adopt(&sandbox) {
            Ok(status) => {
                tracing::info!(
                    "re-adopted task {} ({}): {}",
                    status.task_id,
                    status.state.as_str(),
                    status.message
                );
                running += usize::from(!status.state.is_terminal());
                adopted.insert(status.task_id);
            }
            Err(e) => {
                if !matches!(e, AdoptError::NoRecord(_)) {
                    tracing::warn!("cannot adopt the task in {}: {e}", sandbox.display());
                }
                leftovers.extend(sandbox::kill_leftover(&sandbox));
            }
        }
    }
    if !leftovers.is_empty() {
        fence::record(
            data_dir,
            "agent start: leftovers of an earlier agent",
            &leftovers,
        );
        tracing::warn!(
            "killed {} task(s) left by an earlier agent: {}",
            leftovers.len(),
            leftovers.join(", ")
        );
    }
    if running == 0 {
        fence::release(data_dir);
    }
    adopted
}

/// The decision at the fence point (and every heartbeat after it while the lease is not renewed): a hold
/// keeps the tasks (and has pushed the watchdog's deadline); anything else fences now.
async fn fence_point(lease: &mut Lease, peers: &Peers, executor: &Executor, terms: &LeaseTerms) {
    if lease.decide(peers, terms).await {
        self_fence(executor, lease.last_ok, terms).await;
    }
}

/// Confirms to the server that the reply to heartbeat `ack.seq` arrived; only then does it count this node
/// fresh for its majority. Tried once, not awaited by the loop: a lost ack only makes this node look
/// staler to the server, which is the safe side. A 404 comes from a server without peer checks.
async fn acknowledge(http: HttpClient, ack: HeartbeatAck, timeout: Duration) {
    let sent = http
        .send(
            Req::post("/agent/v1/ack")
                .json(&ack)
                .timeout(timeout)
                .once(),
        )
        .await;
    match sent {
        Ok(resp) if resp.status == 204 || resp.status == 200 || resp.status == 404 => {}
        Ok(resp) => tracing::debug!("ack {} answered HTTP {}", ack.seq, resp.status),
        Err(e) => tracing::debug!("ack {} failed: {e}", ack.seq),
    }
}

/// Kills every task because the lease cannot be renewed before it ends. The kill grace is capped at half
/// a heartbeat, so the tasks are dead before the watchdog's deadline (and long before the server may
/// declare the node lost).
async fn self_fence(executor: &Executor, last_ok: Instant, terms: &LeaseTerms) {
    tracing::warn!(
        "cannot renew the lease for {:?}; fencing: killing every task",
        last_ok.elapsed()
    );
    let cap = Duration::from_millis(terms.heartbeat_ms) / 2;
    executor
        .fence_all("lease expired: the server is unreachable", Some(cap))
        .await;
}

/// Registers, retrying until the server accepts or refuses for good. `paced` (the lease terms of an
/// agent that re-adopted tasks under peer verdicts) bounds each attempt like a heartbeat and retries at
/// least every heartbeat: a hold lasts two heartbeats, so a returning server must be reached within one
/// or the hold's last call fences the tasks.
async fn register(
    http: &HttpClient,
    info: &AgentInfo,
    paced: Option<LeaseTerms>,
) -> anyhow::Result<Registered> {
    let mut delay = Duration::from_millis(200);
    let max_delay = paced.map_or(Duration::from_secs(2), |t| {
        Duration::from_millis(t.heartbeat_ms)
    });
    loop {
        let mut req = Req::post("/agent/v1/register").json(info);
        if let Some(t) = paced {
            req = req.timeout(heartbeat_timeout(t.lease_ms)).once();
        }
        match http.send(req).await {
            Ok(resp) if resp.status == 200 => return Ok(resp.json()?),
            Ok(resp) if resp.status == 409 => {
                // A live agent holds this node id; it may be our own previous process whose lease has not
                // ended yet. Waiting one lease decides it.
                tracing::warn!(
                    "registration refused for now: {}",
                    error_text(&resp).unwrap_or_default()
                );
            }
            Ok(resp) if (400..500).contains(&resp.status) => {
                return Err(anyhow!(
                    "the server refused this agent (HTTP {}): {}",
                    resp.status,
                    error_text(&resp).unwrap_or_else(|| resp.snippet())
                ));
            }
            Ok(resp) => tracing::warn!("registration answered HTTP {}", resp.status),
            Err(HttpError::Connect { .. }) => tracing::debug!("server not reachable yet"),
            Err(e) => tracing::warn!("registration failed: {e}"),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(max_delay);
    }
}

/// Converges the executor on the server's wishes.
struct Converge {
    executor: Executor,
    sandboxes: PathBuf,
    /// Task ids ever launched here: a launch id never runs twice, even after it finished.
    started: HashSet<String>,
    /// How many times each terminal task has been reported.
    reported: HashMap<String, u32>,
}

impl Converge {
    /// Removes every sandbox that belongs to no task this executor knows or the server wants.
    fn sweep(&self, launches: &[TaskLaunch]) {
        let keep: HashSet<String> = launches
            .iter()
            .map(|l| l.task_id.clone())
            .chain(self.executor.snapshot().into_iter().map(|t| t.task_id))
            .collect();
        let Ok(services) = std::fs::read_dir(&self.sandboxes) else {
            return;
        };
        for svc in services.flatten() {
            let Ok(tasks) = std::fs::read_dir(svc.path()) else {
                continue;
            };
            for t in tasks.flatten() {
                if !keep.contains(t.file_name().to_string_lossy().as_ref()) {
                    remove_sandbox(&t.path());
                }
            }
            let _ = std::fs::remove_dir(svc.path());
        }
    }

    async fn apply(&mut self, sent: &[TaskStatus], launches: Vec<TaskLaunch>) {
        let wanted: HashSet<&str> = launches.iter().map(|l| l.task_id.as_str()).collect();
        for status in sent {
            if status.state.is_terminal() {
                let n = self.reported.entry(status.task_id.clone()).or_insert(0);
                *n += 1;
                if *n >= REPORTS_BEFORE_FORGET && !wanted.contains(status.task_id.as_str()) {
                    let _ = self.executor.forget(&status.task_id);
                    self.reported.remove(&status.task_id);
                    remove_sandbox(&status.sandbox);
                }
            } else if !wanted.contains(status.task_id.as_str()) {
                // Killing waits out the task's grace period; the heartbeat loop must not.
                let executor = self.executor.clone();
                let id = status.task_id.clone();
                tokio::spawn(
                    async move { executor.kill(&id, "no longer wanted by the server").await },
                );
            }
        }
        for mut launch in launches {
            if self.started.contains(&launch.task_id) {
                continue;
            }
            // One flat directory per service: a folder name (`a/b`) must not nest sandboxes.
            launch.sandbox_root = self.sandboxes.join(launch.service.replace('/', "__"));
            self.started.insert(launch.task_id.clone());
            if let Err(e) = self.executor.launch(launch) {
                tracing::warn!("launch refused: {e}");
            }
        }
    }
}

/// Deletes a finished task's sandbox once the server has recorded its end (nothing of a task stays on the
/// node after that), and its service directory when that was the last sandbox in it.
fn remove_sandbox(sandbox: &std::path::Path) {
    if sandbox.as_os_str().is_empty() {
        return;
    }
    if let Err(e) = std::fs::remove_dir_all(sandbox)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("cannot remove the sandbox {}: {e}", sandbox.display());
    }
    if let Some(service_dir) = sandbox.parent() {
        // Fails (and is meant to) while other sandboxes remain.
        let _ = std::fs::remove_dir(service_dir);
    }
}
