//! The typed model of a *rendered* `svc.yml` (contracts/sdk-scheduler-api.md §3).
//!
//! One set of types covers both generations of the spec: the Portworx fork (SDK 0.40.5, volumes of
//! `type: DOCKER` with the snake_case `docker_*` keys) and upstream 0.58 (`external-volumes`,
//! `host-volumes`, volume `profiles`). Field names follow the YAML exactly (kebab-case, except the
//! fork's snake_case volume keys) and unknown fields are rejected, as the SDK's Jackson mapper does,
//! so a typo such as `cpu:` is reported instead of being silently ignored.
//!
//! Maps are [`IndexMap`]s because order carries meaning in the SDK: the default deploy plan has one
//! phase per pod type *in spec order*, and decommission walks pod types bottom-of-spec first.
//!
//! The naming rules that make a pod re-attach its data anywhere ("naming is identity", DESIGN.md)
//! live here too, next to the fields they read: [`pod_instance_name`], [`task_instance_name`],
//! [`step_name`] and [`ResolvedVolume::instance_name`].

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole service spec, after templating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ServiceSpec {
    /// Service name; also the default base of upstream external volume names.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler: Option<SchedulerSpec>,
    /// Pod types in spec order.
    pub pods: IndexMap<String, PodSpec>,
    /// Plans in spec order; empty means "generate the default deploy plan".
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub plans: IndexMap<String, PlanSpec>,
}

/// `scheduler:` block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SchedulerSpec {
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub principal: Option<String>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub zookeeper: Option<String>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub user: Option<String>,
    /// [upstream] scheduler role override.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub role: Option<String>,
}

/// `pods.<podType>`: fields of the fork's `RawPod` plus the upstream additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PodSpec {
    /// Number of instances; may always grow, may shrink only with `allow-decommission`.
    pub count: u32,
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_decommission: bool,
    /// Marathon-style constraint text (§3.6); parse it with [`PodSpec::placement_rule`].
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub placement: Option<String>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub image: Option<String>,
    /// Older SDK syntax that nested `image-name`, `networks` and `rlimits` under `container:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<ContainerSpec>,
    /// `{ <network>: { host-ports, container-ports, labels } }`; a bare `dcos:` is allowed.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub networks: IndexMap<String, Option<NetworkSpec>>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rlimits: IndexMap<String, RLimitSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uris: Vec<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub secrets: IndexMap<String, SecretSpec>,
    /// Pod-level volume shared by all tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<VolumeSpec>,
    /// Pod-level volumes; the SDK ignores the map keys.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub volumes: IndexMap<String, VolumeSpec>,
    /// [upstream] Portworx and other docker volumes, keyed by an arbitrary name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub external_volumes: IndexMap<String, ExternalVolumeSpec>,
    /// [upstream] host paths mounted into every task.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub host_volumes: IndexMap<String, HostVolumeSpec>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub pre_reserved_role: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub share_pid_namespace: bool,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub user: Option<String>,
    /// [upstream] `PRIVATE` or `SHARE_PARENT`.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipc_mode: Option<String>,
    /// [upstream] size of `/dev/shm` in MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size: Option<u64>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub resource_sets: IndexMap<String, ResourceSetSpec>,
    pub tasks: IndexMap<String, TaskSpec>,
}

/// Legacy `container:` block of a pod.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ContainerSpec {
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub image_name: Option<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub networks: IndexMap<String, Option<NetworkSpec>>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rlimits: IndexMap<String, RLimitSpec>,
}

/// One virtual network a pod joins.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct NetworkSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub host_ports: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub container_ports: Vec<u32>,
    /// `k:v,k:v` labels for the CNI plugin.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub labels: Option<String>,
}

/// `rlimits.<RLIMIT_X>`: both limits or neither (the SDK's rule); -1 means unlimited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RLimitSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard: Option<i64>,
}

/// `secrets.<id>`: a DC/OS secret exposed as an env var and/or a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SecretSpec {
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub secret: Option<String>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub env_key: Option<String>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub file: Option<String>,
}

/// Volume `type`. `DOCKER` exists only in the Portworx fork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum VolumeType {
    /// Persistent volume of exactly `size` MB on the agent root disk, pinned to the agent.
    Root,
    /// A whole mount disk, pinned to the agent.
    Mount,
    /// Legacy value of the fork's enum.
    Path,
    /// [fork] docker volume through DVDI; no Mesos reservation, so it follows the pod anywhere.
    Docker,
}

impl fmt::Display for VolumeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            VolumeType::Root => "ROOT",
            VolumeType::Mount => "MOUNT",
            VolumeType::Path => "PATH",
            VolumeType::Docker => "DOCKER",
        })
    }
}

/// A `volume:` (pod, resource-set or task level). The fork's docker keys are snake_case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeSpec {
    /// Container path, relative to the sandbox.
    pub path: String,
    #[serde(rename = "type")]
    pub kind: VolumeType,
    /// Size in MB.
    pub size: u64,
    /// [fork] required for DOCKER; only `pxd` is accepted.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub docker_volume_driver: Option<String>,
    /// [fork] base name; instance `i` uses `<name>-<i>`.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub docker_volume_name: Option<String>,
    /// [fork] `k=v,k=v`; malformed items are dropped, as the fork does.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub docker_driver_options: Option<String>,
    /// [upstream] volume profiles (MOUNT volumes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<String>,
}

/// [upstream] `external-volumes.<name>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ExternalVolumeSpec {
    /// Only `DOCKER` is supported upstream.
    #[serde(rename = "type")]
    pub kind: VolumeType,
    pub container_path: String,
    pub driver_name: String,
    /// `k=v;k=v` (semicolons); malformed items are an error upstream.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub driver_options: Option<String>,
    /// Base name; defaults to `<service>-<podType>`.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub volume_name: Option<String>,
    /// `RW` (default) or `READ_ONLY`.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub volume_mode: Option<String>,
}

/// [upstream] `host-volumes.<name>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct HostVolumeSpec {
    pub host_path: String,
    pub container_path: String,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub mode: Option<String>,
}

/// `resource-sets.<id>`: resources that several tasks take turns holding.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ResourceSetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpus: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpus: Option<f64>,
    /// MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<u64>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub ports: IndexMap<String, PortSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<VolumeSpec>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub volumes: IndexMap<String, VolumeSpec>,
}

/// Task goal state. `FINISHED` is the deprecated spelling of `ONCE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Goal {
    /// Keep running; an exit relaunches the pod (or only the task when not essential).
    Running,
    /// Run to exit 0; rerun after a config change.
    Finish,
    /// Run to exit 0 once; never rerun after a config change.
    #[serde(alias = "FINISHED")]
    Once,
}

/// `tasks.<taskName>`: fields of the fork's `RawTask` plus upstream `labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TaskSpec {
    pub goal: Goal,
    /// Default true; false relaunches only this task when it fails.
    #[serde(default = "default_true", skip_serializing_if = "is_true")]
    pub essential: bool,
    pub cmd: String,
    /// Task environment; YAML scalars of any type become their text (`true`, `1000`).
    #[serde(
        default,
        deserialize_with = "scalar_map",
        skip_serializing_if = "IndexMap::is_empty"
    )]
    pub env: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub configs: IndexMap<String, ConfigTemplateSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpus: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpus: Option<f64>,
    /// MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<u64>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub ports: IndexMap<String, PortSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<VolumeSpec>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub volumes: IndexMap<String, VolumeSpec>,
    /// Name of a pod `resource-sets` entry; exclusive with cpus/gpus/memory/ports/volumes.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheckSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_check: Option<ReadinessCheckSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovery: Option<DiscoverySpec>,
    /// Seconds between SIGTERM and SIGKILL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kill_grace_period: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transport_encryption: Vec<TransportEncryptionSpec>,
    /// [upstream] task labels.
    #[serde(
        default,
        deserialize_with = "scalar_map",
        skip_serializing_if = "IndexMap::is_empty"
    )]
    pub labels: IndexMap<String, String>,
}

/// `configs.<id>`: a template rendered by `bootstrap` into the task sandbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigTemplateSpec {
    /// Path relative to the svc.yml directory.
    pub template: String,
    /// Destination relative to the task sandbox.
    pub dest: String,
}

/// `ports.<name>`; `port: 0` asks for a dynamic port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PortSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// Env var for the port; default `PORT_<NAME>`.
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub env_key: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub advertise: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vip: Option<VipSpec>,
    /// [upstream] allowed ranges for a dynamic port.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<PortRangeSpec>,
}

/// A named virtual IP for a port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct VipSpec {
    pub port: u32,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub prefix: Option<String>,
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub protocol: Option<String>,
}

/// [upstream] `{begin, end}` port range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortRangeSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u32>,
}

/// `health-check`, seconds. A failure restarts the task; volumes persist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct HealthCheckSpec {
    pub cmd: String,
    pub interval: u32,
    pub grace_period: u32,
    pub max_consecutive_failures: u32,
    pub delay: u32,
    pub timeout: u32,
}

/// `readiness-check`, seconds. The step stays STARTED until it passes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ReadinessCheckSpec {
    pub cmd: String,
    pub interval: u32,
    pub delay: u32,
    pub timeout: u32,
}

/// Who can resolve a task's discovery name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Visibility {
    Framework,
    Cluster,
    External,
}

/// `discovery`: the DNS prefix and visibility of a task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DiscoverySpec {
    #[serde(
        default,
        deserialize_with = "opt_scalar",
        skip_serializing_if = "Option::is_none"
    )]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
}

/// Kind of TLS artifact the SDK provisions for a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TransportEncryptionType {
    Tls,
    Keystore,
}

/// `transport-encryption` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportEncryptionSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: TransportEncryptionType,
}

/// Plan and phase strategies. `canary` is the YAML shorthand for `serial-canary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    Serial,
    Parallel,
    #[serde(alias = "canary")]
    SerialCanary,
    ParallelCanary,
}

impl Strategy {
    /// The name as the plan JSON shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Serial => "serial",
            Strategy::Parallel => "parallel",
            Strategy::SerialCanary => "serial-canary",
            Strategy::ParallelCanary => "parallel-canary",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `plans.<name>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PlanSpec {
    /// Plan level accepts only serial and parallel; absent means serial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Strategy>,
    pub phases: IndexMap<String, PhaseSpec>,
}

/// `phases.<name>`: a pod type and the steps to run for each of its instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PhaseSpec {
    /// Absent means serial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Strategy>,
    pub pod: String,
    /// Absent means one step per instance launching every task of the pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<StepEntry>>,
}

/// Which pod instances a [`StepEntry`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepSelector {
    /// Exactly this pod index.
    Index(u32),
    /// Every index without an entry of its own.
    Default,
}

impl fmt::Display for StepSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepSelector::Index(i) => write!(f, "{i}"),
            StepSelector::Default => f.write_str("default"),
        }
    }
}

/// One `- <index|default>: [[task, task], [task]]` entry: each inner list is one step whose tasks
/// are launched together, and the steps of an entry run in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepEntry {
    pub selector: StepSelector,
    pub steps: Vec<Vec<String>>,
}

/// The YAML form is a list of maps, and one map may hold several selectors; each key becomes its
/// own entry so the rest of the code sees one selector per entry.
#[derive(Deserialize)]
#[serde(transparent)]
struct RawStepEntryMap(IndexMap<String, Vec<Vec<String>>>);

impl<'de> Deserialize<'de> for StepEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawStepEntryMap::deserialize(deserializer)?;
        let mut entries = raw.0.into_iter();
        let (key, steps) = entries.next().ok_or_else(|| {
            serde::de::Error::custom(
                "expected a map like `0: [[task]]` or `default: [[task]]`, found an empty map",
            )
        })?;
        if entries.next().is_some() {
            return Err(serde::de::Error::custom(
                "expected one selector per list entry (write each `<index>: [[...]]` as its own `- ` item)",
            ));
        }
        let selector = parse_step_selector(&key).map_err(serde::de::Error::custom)?;
        Ok(StepEntry { selector, steps })
    }
}

impl Serialize for StepEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(&self.selector.to_string(), &self.steps)?;
        map.end()
    }
}

/// Parses a step key: a non-negative pod index or the word `default`.
pub fn parse_step_selector(key: &str) -> Result<StepSelector, String> {
    let key = key.trim();
    if key == "default" {
        return Ok(StepSelector::Default);
    }
    key.parse::<u32>().map(StepSelector::Index).map_err(|_| {
        format!("step key must be a pod index (0, 1, ...) or `default`, found `{key}`")
    })
}

/// `<podType>-<index>`, the pod instance name (§2.3).
pub fn pod_instance_name(pod_type: &str, index: u32) -> String {
    format!("{pod_type}-{index}")
}

/// `<podType>-<index>-<task>`, the task instance name.
pub fn task_instance_name(pod_type: &str, index: u32, task: &str) -> String {
    format!("{pod_type}-{index}-{task}")
}

/// `<podType>-<index>:[<task>, <task>]`, the step name (a Java list `toString`, comma-space).
pub fn step_name(pod_type: &str, index: u32, tasks: &[String]) -> String {
    format!("{pod_type}-{index}:[{}]", tasks.join(", "))
}

// ---------------------------------------------------------------------------------------------
// Scalar handling. serde_norway hands a string field the raw text of any YAML scalar (`1000`,
// `true`, `0.5`), as Jackson does; what remains is that a template variable which rendered to
// nothing leaves an empty scalar, which the SDK treats as "not set".
// ---------------------------------------------------------------------------------------------

fn opt_scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|s| !s.is_empty()))
}

/// A map of scalars; a null map (`env:` with nothing under it) is empty and a null value is "".
fn scalar_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<IndexMap<String, String>, D::Error> {
    let map: Option<IndexMap<String, Option<String>>> = Option::deserialize(deserializer)?;
    Ok(map
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect())
}

fn default_true() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}
