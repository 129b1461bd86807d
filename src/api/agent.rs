//! The agent protocol: registration, heartbeat and its reply, task launch and status, volume mounts and config files.
//!
//! The server and the agent both compile against these types, so neither imports the other: the scheduler
//! builds [`TaskLaunch`]es and reads [`TaskStatus`]es, the agent does the reverse, and a change to a wire
//! shape is one edit seen by both ends.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::topology::Topology;
use crate::spec::model::{Goal, HealthCheckSpec, ReadinessCheckSpec};

/// What an agent says about itself when it registers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentInfo {
    pub node_id: String,
    /// Hostname, region, zone, rack and attributes, at the top level of the JSON object.
    #[serde(flatten)]
    pub topology: Topology,
    pub cpus: f64,
    pub mem_mb: u64,
    pub disk_mb: u64,
    /// A fresh id per agent process: a second process claiming a live node id is refused by it.
    pub instance: String,
    /// The port of this agent's peer endpoint (`pxfw agent --listen`), if it runs one. Peers ask it
    /// whether this node still reaches the server before they fence (see [`PeerStatus`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_port: Option<u16>,
    /// The host peers should dial for that endpoint. Absent when the agent listens on every address:
    /// the server then uses the source address the registration came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_host: Option<String>,
}

impl AgentInfo {
    /// Why this registration cannot be accepted, if it cannot.
    pub fn validate(&self) -> Result<(), String> {
        let id_ok = !self.node_id.is_empty()
            && self.node_id.len() <= 128
            && self
                .node_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !id_ok {
            return Err(format!(
                "node id `{}` must be 1-128 characters of letters, digits, `-`, `_`, `.`",
                self.node_id
            ));
        }
        if self.topology.hostname.is_empty() {
            return Err("hostname must not be empty".into());
        }
        if !(self.cpus.is_finite() && self.cpus > 0.0) {
            return Err(format!("cpus must be a positive number, got {}", self.cpus));
        }
        if self.mem_mb == 0 || self.disk_mb == 0 {
            return Err(format!(
                "mem ({} MB) and disk ({} MB) must be positive",
                self.mem_mb, self.disk_mb
            ));
        }
        if self.instance.is_empty() {
            return Err("instance id must not be empty".into());
        }
        Ok(())
    }
}

/// The lease terms handed to an agent.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct LeaseTerms {
    pub heartbeat_ms: u64,
    pub lease_ms: u64,
    /// The reach window W: an agent whose last completed heartbeat exchange is younger than this tells
    /// its peers it reaches the server (and then they fence). 0 = this server predates peer checks, so
    /// the agent fences on its own lease alone. The timing argument is in `src/scheduler/README.md`.
    #[serde(default)]
    pub reach_ms: u64,
}

/// The answer to a registration: the lease terms, and the secret every agent of this cluster puts in
/// its peer requests (and checks on the ones it receives).
#[derive(Clone, Serialize, Deserialize)]
pub struct Registered {
    #[serde(flatten)]
    pub terms: LeaseTerms,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_secret: Option<String>,
}

/// Never the secret, even through `{:?}`.
impl std::fmt::Debug for Registered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registered")
            .field("terms", &self.terms)
            .field(
                "peer_secret",
                &self.peer_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// The heartbeat as sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heartbeat {
    pub node_id: String,
    pub instance: String,
    #[serde(default)]
    pub tasks: Vec<TaskStatus>,
    /// Counts up per heartbeat of one agent process; the [`HeartbeatAck`] of the reply names it.
    #[serde(default)]
    pub seq: u64,
    /// How many members the peer list this agent judges by holds (a prefix of the join order; 0 = it
    /// has none yet). The server declares this node lost only with a majority of that same list.
    #[serde(default)]
    pub members: u32,
}

/// The server's answer: the lease terms and every task this node should be running.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeartbeatReply {
    pub heartbeat_ms: u64,
    pub lease_ms: u64,
    #[serde(default)]
    pub launches: Vec<TaskLaunch>,
    /// See [`LeaseTerms::reach_ms`].
    #[serde(default)]
    pub reach_ms: u64,
    /// Every registered node in join order (the member list), with where its peer endpoint listens.
    #[serde(default)]
    pub peers: Vec<Peer>,
}

/// Sent by the agent as soon as a heartbeat reply arrived. Only then does the server count that
/// heartbeat toward its majority: the server's evidence that this node reaches it is then never newer
/// than the node's own, whatever the network delays or drops (one-way loss included).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeartbeatAck {
    pub node_id: String,
    pub instance: String,
    pub seq: u64,
}

/// One member of the cluster as the agents see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    pub node_id: String,
    /// `http://host:port` of its peer endpoint; absent when it runs none (it still counts as a member,
    /// one that can never be reached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What a peer endpoint answers (`GET /peer/v1/status`, bearer = the cluster's peer secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerStatus {
    pub node_id: String,
    /// Milliseconds since this agent's last completed heartbeat exchange with the server (reply
    /// received), on its monotonic clock; absent if it has had none since it started.
    #[serde(default)]
    pub server_age_ms: Option<u64>,
    /// The size of the member list it judges by.
    #[serde(default)]
    pub members: u32,
}

/// Kill grace used when a launch does not set one (the Mesos default).
pub const DEFAULT_KILL_GRACE_MS: u64 = 3000;

/// The command a paused task runs instead of its own: sleeps until killed (SDK `pause`).
pub const PAUSE_COMMAND: &str = "while :; do sleep 3600; done";

/// Everything needed to run one task; travels as JSON from the server to the agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskLaunch {
    /// `<task>__<uuid>`; also the sandbox directory name, so it must be one path component.
    pub task_id: String,
    /// `<pod-type>-<index>-<task>`, e.g. `node-0-server`.
    pub task_name: String,
    pub pod_type: String,
    pub pod_index: u32,
    /// The service (framework) name.
    pub service: String,
    /// Shell script run with `sh -c` in the sandbox.
    pub cmd: String,
    /// Spec and plan environment, final; the executor adds the SDK variables on top
    /// (see [`TaskLaunch::task_env`]).
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Port name → port number; each becomes `PORT_<NAME>`.
    #[serde(default)]
    pub ports: BTreeMap<String, u16>,
    /// URIs fetched into the sandbox before the command runs.
    #[serde(default)]
    pub uris: Vec<String>,
    /// Config templates rendered into the sandbox before the command runs.
    #[serde(default)]
    pub configs: Vec<ConfigFile>,
    /// Volumes linked into the sandbox.
    #[serde(default)]
    pub volumes: Vec<VolumeMount>,
    #[serde(default)]
    pub health_check: Option<HealthCheckSpec>,
    #[serde(default)]
    pub readiness_check: Option<ReadinessCheckSpec>,
    pub goal: Goal,
    /// Milliseconds between SIGTERM and SIGKILL.
    #[serde(default = "default_kill_grace_ms")]
    pub kill_grace_ms: u64,
    /// Directory under which the executor creates this task's sandbox, `<root>/<task_id>`.
    pub sandbox_root: PathBuf,
    /// SDK pause override: run [`PAUSE_COMMAND`] instead of `cmd`, without health or readiness
    /// checks, so the operator can debug inside the sandbox.
    #[serde(default)]
    pub paused: bool,
}

fn default_kill_grace_ms() -> u64 {
    DEFAULT_KILL_GRACE_MS
}

impl TaskLaunch {
    /// `<sandbox_root>/<task_id>`, made absolute (it becomes `MESOS_SANDBOX`, which must not
    /// depend on the task's working directory).
    pub fn sandbox_dir(&self) -> PathBuf {
        let dir = self.sandbox_root.join(&self.task_id);
        std::path::absolute(&dir).unwrap_or(dir)
    }

    pub fn kill_grace(&self) -> Duration {
        Duration::from_millis(self.kill_grace_ms)
    }

    /// The task's environment: `env` overlaid with the SDK variables derived from this launch
    /// (`TASK_NAME`, `MESOS_TASK_ID`, `POD_INSTANCE_INDEX`, `FRAMEWORK_NAME`, `MESOS_SANDBOX`,
    /// `PORT_<NAME>`). The derived ones win: they describe where the task really runs.
    pub fn task_env(&self) -> BTreeMap<String, String> {
        let mut env = self.env.clone();
        env.insert("TASK_NAME".into(), self.task_name.clone());
        env.insert("MESOS_TASK_ID".into(), self.task_id.clone());
        env.insert("POD_INSTANCE_INDEX".into(), self.pod_index.to_string());
        env.insert("FRAMEWORK_NAME".into(), self.service.clone());
        env.insert(
            "MESOS_SANDBOX".into(),
            self.sandbox_dir().display().to_string(),
        );
        for (name, port) in &self.ports {
            env.insert(port_env_name(name), port.to_string());
        }
        env
    }
}

/// `PORT_<NAME>` as the SDK spells it: upper case, every other character than `A-Z0-9` as `_`.
pub fn port_env_name(port: &str) -> String {
    let name: String = port
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("PORT_{name}")
}

/// Mesos task states the executor reports (`TASK_` prefix dropped, as the SDK API shows them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TaskState {
    Staging,
    Starting,
    Running,
    Finished,
    Failed,
    Killed,
}

impl TaskState {
    /// FINISHED, FAILED and KILLED: the process is gone and the state never changes again.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            TaskState::Finished | TaskState::Failed | TaskState::Killed
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Staging => "STAGING",
            TaskState::Starting => "STARTING",
            TaskState::Running => "RUNNING",
            TaskState::Finished => "FINISHED",
            TaskState::Failed => "FAILED",
            TaskState::Killed => "KILLED",
        }
    }
}

impl std::fmt::Display for TaskState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a task reached a terminal state; lets the scheduler tell a bad spec (no point retrying)
/// from a crash (retry with backoff) from its own kill, and those from a fence (no fault of the pod).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TerminalReason {
    /// Sandbox preparation failed: URI, archive, template, volume or filesystem.
    SetupFailed,
    /// The shell could not be spawned.
    SpawnFailed,
    /// The command ended by itself (with the goal deciding FINISHED or FAILED).
    Exited,
    /// The health check gave up and the executor killed the task.
    HealthCheckFailed,
    /// Killed on request (the executor's kill).
    KillRequested,
    /// Killed because the node could not renew its lease: by the agent fencing itself, or by its
    /// watchdog. The pod did nothing wrong, so the scheduler relaunches it without counting a failure.
    Fenced,
}

/// The state of one task, as kept in the table and as sent on every update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskStatus {
    pub task_id: String,
    pub task_name: String,
    pub state: TaskState,
    /// Human-readable explanation of the latest change; for FAILED it includes the stderr tail.
    pub message: String,
    /// Set once the task is terminal.
    pub reason: Option<TerminalReason>,
    /// Readiness: `None` without a readiness check, `Some(false)` until it first passes.
    pub ready: Option<bool>,
    /// Health: `None` without a health check or before its first counted result.
    pub healthy: Option<bool>,
    /// PID (and process group id) of the task's shell while it runs.
    pub pid: Option<u32>,
    /// Exit code, when the process exited normally.
    pub exit_code: Option<i32>,
    /// Terminating signal, when the process was killed by one.
    pub signal: Option<i32>,
    pub sandbox: PathBuf,
    /// Wall-clock time of this change, milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
}

/// A config template already read by the scheduler, to be rendered into the sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigFile {
    /// The `configs.<id>` key, used in error messages.
    pub name: String,
    /// The template text (mustache, SDK mode, every missing name is an error).
    pub template: String,
    /// Destination relative to the sandbox.
    pub dest: String,
}

/// A volume made visible inside the sandbox as a symbolic link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeMount {
    /// Path relative to the sandbox (the spec's `container-path`).
    pub container_path: String,
    /// Directory holding the volume's data on this node (from the volume driver).
    pub host_path: PathBuf,
}
