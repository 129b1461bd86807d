//! One service as the control plane keeps it: its spec (as templated), its plans, and where each pod and
//! task is. This is the document the store persists per service; everything here is plain data plus pure
//! helpers (building a task's launch spec, the SDK's pod-status JSON), so it can be tested without I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::api::agent::{ConfigFile, TaskLaunch, TaskState, TerminalReason, VolumeMount};
use crate::api::sdk;
use crate::scheduler::plan::Plan;
use crate::spec::model::{Goal, PodSpec, ServiceSpec, TaskSpec, task_instance_name};

/// A task the control plane wants somewhere, and what it last heard of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskRecord {
    /// `<task-instance>__<uuid>`: unique per launch, so an agent never runs one launch twice.
    pub task_id: String,
    /// `<type>-<i>-<task>`.
    pub name: String,
    /// The task's name in the spec (`server`).
    pub spec_name: String,
    pub node: String,
    pub goal: Goal,
    /// The last state an agent reported; `None` until the first report.
    pub state: Option<TaskState>,
    #[serde(default)]
    pub message: String,
    /// Why it ended, as its agent reported it (`None` while it runs, or from an older agent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<TerminalReason>,
    #[serde(default)]
    pub ready: bool,
    /// The configuration it was launched with.
    pub config_id: String,
    /// False once the control plane wants it gone; the agent kills it on its next heartbeat.
    pub wanted: bool,
    /// Ports assigned on the node, by port name.
    #[serde(default)]
    pub ports: BTreeMap<String, u16>,
    /// Extra environment for this launch (plan parameters).
    #[serde(default)]
    pub extra_env: BTreeMap<String, String>,
    /// Launch with the command replaced by a sleep (`debug pod pause`).
    #[serde(default)]
    pub paused: bool,
    /// The task's process group as its agent last reported it.
    #[serde(default)]
    pub pid: Option<u32>,
    /// Its sandbox on the node.
    #[serde(default)]
    pub sandbox: Option<std::path::PathBuf>,
    pub launched_ms: i64,
    #[serde(default)]
    pub updated_ms: i64,
}

impl TaskRecord {
    pub fn is_terminal(&self) -> bool {
        self.state.is_some_and(TaskState::is_terminal)
    }

    /// Still wanted, or not yet confirmed gone: either way it may be running on its node.
    pub fn may_be_running(&self) -> bool {
        !self.is_terminal()
    }

    /// The SDK's task status word (Mesos state without `TASK_`).
    pub fn status_word(&self) -> Option<&'static str> {
        self.state.map(TaskState::as_str)
    }
}

/// One pod instance: where it lives, its volumes, and its tasks (current and not yet confirmed dead).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PodRecord {
    pub pod_type: String,
    pub index: u32,
    /// The node it is placed on; kept across restarts so a restart stays in place.
    pub node: Option<String>,
    /// Volume names (the spec's deterministic names).
    #[serde(default)]
    pub volumes: Vec<String>,
    /// Tasks by instance name (`node-0-server`), the current launch of each.
    #[serde(default)]
    pub tasks: BTreeMap<String, TaskRecord>,
    /// Earlier launches that must be confirmed dead before anything relaunches (never two writers).
    #[serde(default)]
    pub retired: Vec<TaskRecord>,
    /// Tasks under a `pause` override (spec names).
    #[serde(default)]
    pub paused: BTreeSet<String>,
    /// Consecutive launch failures, for the back-off.
    #[serde(default)]
    pub failures: u32,
    /// Do not relaunch before this time (ms since the epoch).
    #[serde(default)]
    pub not_before_ms: i64,
    /// The node a `pod replace` moved it away from.
    #[serde(default)]
    pub avoid: Vec<String>,
    /// A `pod replace` or a failover is under way: stop everything, detach the volumes, place again.
    #[serde(default)]
    pub moving: bool,
    /// The move must leave the old node (`pod replace`); a failover may come back once the node is healthy.
    #[serde(default)]
    pub leave_old_node: bool,
}

impl PodRecord {
    pub fn instance(&self) -> String {
        crate::spec::model::pod_instance_name(&self.pod_type, self.index)
    }

    /// True when no launch of this pod can still be running (current or retired).
    pub fn all_stopped(&self) -> bool {
        self.tasks
            .values()
            .chain(self.retired.iter())
            .all(TaskRecord::is_terminal)
    }
}

/// A service: the spec it runs, its plans and its pods.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceRecord {
    pub name: String,
    /// The svc.yml template as given, and the environment it is templated with.
    pub template: String,
    pub env: BTreeMap<String, String>,
    /// Config template files the spec names, by path relative to the svc.yml.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// Rendered svc.yml of each configuration id still referenced.
    pub configs: BTreeMap<String, String>,
    pub target_config: String,
    pub framework_id: String,
    pub plans: BTreeMap<String, Plan>,
    pub pods: BTreeMap<String, PodRecord>,
    #[serde(default)]
    pub deploy_completed_once: bool,
    #[serde(default)]
    pub uninstalling: bool,
    /// Keep volumes when uninstalling (`--keep-volumes`).
    #[serde(default)]
    pub keep_volumes: bool,
    pub created_ms: i64,
}

/// Environment variables the dcos-commons scheduler forwards into tasks: `TASKCFG_ALL_X` to every task and
/// `TASKCFG_<POD_TYPE>_X` to that pod type's tasks, as `X`.
pub fn taskcfg_env(
    service_env: &BTreeMap<String, String>,
    pod_type: &str,
) -> BTreeMap<String, String> {
    let pod_prefix = format!(
        "TASKCFG_{}_",
        pod_type.to_ascii_uppercase().replace('-', "_")
    );
    let mut out = BTreeMap::new();
    for (k, v) in service_env {
        if let Some(name) = k.strip_prefix("TASKCFG_ALL_") {
            out.insert(name.to_string(), v.clone());
        }
    }
    for (k, v) in service_env {
        if let Some(name) = k.strip_prefix(&pod_prefix) {
            out.insert(name.to_string(), v.clone());
        }
    }
    out
}

/// The cpus and memory a task asks for, from the task or its resource set.
pub fn task_resources(pod: &PodSpec, task: &TaskSpec) -> (f64, u64) {
    let set = task
        .resource_set
        .as_ref()
        .and_then(|r| pod.resource_sets.get(r));
    let cpus = task
        .cpus
        .or_else(|| set.and_then(|s| s.cpus))
        .unwrap_or(0.1);
    let mem = task
        .memory
        .or_else(|| set.and_then(|s| s.memory))
        .unwrap_or(32);
    (cpus, mem)
}

/// What a pod instance needs from a node: summed over the tasks it launches.
pub fn pod_resources(pod: &PodSpec, tasks: &[String]) -> (f64, u64) {
    tasks
        .iter()
        .filter_map(|t| pod.tasks.get(t))
        .map(|t| task_resources(pod, t))
        .fold((0.0, 0), |(c, m), (tc, tm)| (c + tc, m + tm))
}

/// Everything needed to turn a task record into the launch spec an agent runs.
pub struct LaunchContext<'a> {
    pub service: &'a ServiceRecord,
    pub spec: &'a ServiceSpec,
    pub pod: &'a PodRecord,
    pub task: &'a TaskRecord,
    /// Host paths of the pod's volumes, by container path.
    pub mounts: Vec<VolumeMount>,
    pub sandbox_root: std::path::PathBuf,
}

/// Builds the launch spec of one task. `None` when the spec no longer has the task (it is then killed).
pub fn launch_spec(ctx: &LaunchContext<'_>) -> Option<TaskLaunch> {
    let pod_spec = ctx.spec.pods.get(&ctx.pod.pod_type)?;
    let task_spec = pod_spec.tasks.get(&ctx.task.spec_name)?;
    let mut env = taskcfg_env(&ctx.service.env, &ctx.pod.pod_type);
    env.extend(task_spec.env.iter().map(|(k, v)| (k.clone(), v.clone())));
    env.extend(
        ctx.task
            .extra_env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    for (port_name, port) in &ctx.task.ports {
        if let Some(key) = task_spec
            .ports
            .get(port_name)
            .and_then(|p| p.env_key.clone())
        {
            env.insert(key, port.to_string());
        }
    }
    let configs = task_spec
        .configs
        .iter()
        .filter_map(|(name, c)| {
            ctx.service.files.get(&c.template).map(|text| ConfigFile {
                name: name.clone(),
                template: text.clone(),
                dest: c.dest.clone(),
            })
        })
        .collect();
    Some(TaskLaunch {
        task_id: ctx.task.task_id.clone(),
        task_name: task_instance_name(&ctx.pod.pod_type, ctx.pod.index, &ctx.task.spec_name),
        pod_type: ctx.pod.pod_type.clone(),
        pod_index: ctx.pod.index,
        service: ctx.service.name.clone(),
        cmd: task_spec.cmd.clone(),
        env,
        ports: ctx.task.ports.clone(),
        uris: pod_spec.uris.clone(),
        configs,
        volumes: ctx.mounts.clone(),
        health_check: task_spec.health_check.clone(),
        readiness_check: task_spec.readiness_check.clone(),
        goal: task_spec.goal,
        kill_grace_ms: task_spec
            .kill_grace_period
            .map(|s| u64::from(s) * 1000)
            .unwrap_or(crate::api::agent::DEFAULT_KILL_GRACE_MS),
        sandbox_root: ctx.sandbox_root.clone(),
        paused: ctx.task.paused,
    })
}

/// `GET /v1/pod/status`: service → pod type → instance → task, in the SDK's shape (§2.4). `pods` is left
/// out when there are no tasks at all, as the SDK does.
pub fn service_status(service: &ServiceRecord, spec: &ServiceSpec) -> sdk::ServiceStatus {
    let mut pods = Vec::new();
    for pod_type in spec.pods.keys() {
        let mut instances: Vec<&PodRecord> = service
            .pods
            .values()
            .filter(|p| &p.pod_type == pod_type)
            .collect();
        instances.sort_by_key(|p| p.index);
        let instances: Vec<sdk::PodStatus> = instances
            .into_iter()
            .filter_map(|p| {
                let status = pod_status(service, p);
                // A pod that cannot start yet is shown only with the reason its step gives.
                (!status.tasks.is_empty() || status.message.is_some()).then_some(status)
            })
            .collect();
        if !instances.is_empty() {
            pods.push(sdk::PodTypeStatus {
                name: pod_type.clone(),
                instances,
            });
        }
    }
    sdk::ServiceStatus {
        service: service.name.clone(),
        pods,
    }
}

/// `GET /v1/pod/<pod>/status`: the pod's tasks, and while it has none, why (the waiting step's message).
pub fn pod_status(service: &ServiceRecord, pod: &PodRecord) -> sdk::PodStatus {
    let instance = pod.instance();
    let message = if pod.tasks.is_empty() {
        waiting_reason(service, &instance)
    } else {
        None
    };
    sdk::PodStatus {
        name: instance,
        tasks: task_statuses(pod),
        message,
    }
}

/// Why a pod instance has no task yet: the message of the pending or delayed step that launches it.
pub fn waiting_reason(service: &ServiceRecord, instance: &str) -> Option<String> {
    use crate::scheduler::plan::Status;
    service
        .plans
        .values()
        .flat_map(|p| p.phases.iter())
        .flat_map(|ph| ph.steps.iter())
        .find_map(|st| {
            let ours = st
                .kind
                .pod()
                .is_some_and(|pt| pt.pod_instance() == instance);
            let waiting = matches!(
                st.status(),
                Status::Pending | Status::Delayed | Status::Error | Status::Waiting
            );
            (ours && waiting).then(|| st.message.clone()).flatten()
        })
}

/// The `tasks` array of one pod instance: id, name and (when known) status.
fn task_statuses(pod: &PodRecord) -> Vec<sdk::TaskStatusView> {
    pod.tasks
        .values()
        .map(|t| sdk::TaskStatusView {
            id: Some(t.task_id.clone()),
            name: Some(t.name.clone()),
            status: t.status_word().map(|word| {
                if pod.paused.contains(&t.spec_name) && word == "RUNNING" {
                    "PAUSED".to_owned()
                } else {
                    word.to_owned()
                }
            }),
        })
        .collect()
}

/// The serialized ServiceSpec served at `/v1/configurations/<id>` (contract §3.9 key names), so clients
/// (`pxfw scale`, `debug config`) read counts, decommission rules and volume names as from a real scheduler.
pub fn serialized_spec(spec: &ServiceSpec, service: &str) -> sdk::SerializedService {
    let role = format!("{}-role", crate::spec::volume::escape_slashes(service));
    let pod_specs = spec
        .pods
        .iter()
        .map(|(pod_type, pod)| {
            let volumes = pod.resolved_volumes(service, pod_type);
            let task_specs = pod
                .tasks
                .iter()
                .map(|(name, t)| {
                    let (cpus, mem) = task_resources(pod, t);
                    let resource = |name: &str, value| sdk::SerializedResource {
                        name: name.to_owned(),
                        value,
                        role: role.clone(),
                    };
                    let volume_specifications = volumes
                        .iter()
                        .map(|v| sdk::SerializedVolume {
                            kind: format!("{:?}", v.kind).to_uppercase(),
                            container_path: v.container_path.clone(),
                            name: "disk".to_owned(),
                            value: v.size_mb,
                            volume_name: v.base_name.clone(),
                            driver_name: v.driver.clone(),
                            driver_options: v
                                .driver_options
                                .iter()
                                .map(|(k, val)| format!("{k}={val}"))
                                .collect::<Vec<_>>()
                                .join(","),
                            role: role.clone(),
                        })
                        .collect();
                    sdk::SerializedTask {
                        name: name.clone(),
                        goal: format!("{:?}", t.goal).to_uppercase(),
                        essential: t.essential,
                        resource_set: sdk::SerializedResourceSet {
                            id: t
                                .resource_set
                                .clone()
                                .unwrap_or_else(|| format!("{name}-resource-set")),
                            resource_specifications: vec![
                                resource("cpus", sdk::Quantity::Fraction(cpus)),
                                resource("mem", sdk::Quantity::Whole(mem)),
                            ],
                            volume_specifications,
                            role: role.clone(),
                        },
                        command_spec: sdk::SerializedCommand {
                            value: t.cmd.clone(),
                            environment: t
                                .env
                                .iter()
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect(),
                        },
                        health_check_spec: t.health_check.clone(),
                        readiness_check_spec: t.readiness_check.clone(),
                        config_files: t
                            .configs
                            .iter()
                            .map(|(n, c)| sdk::SerializedConfigFile {
                                name: n.clone(),
                                relative_path: c.dest.clone(),
                            })
                            .collect(),
                        kill_grace_period: t.kill_grace_period.unwrap_or(0),
                    }
                })
                .collect();
            sdk::SerializedPod {
                pod_type: pod_type.clone(),
                user: pod.user.clone(),
                count: pod.count,
                allow_decommission: pod.allow_decommission,
                image: pod.image.clone(),
                uris: pod.uris.clone(),
                placement_rule: pod.placement.clone(),
                pre_reserved_role: pod.pre_reserved_role.clone(),
                share_pid_namespace: pod.share_pid_namespace,
                task_specs,
            }
        })
        .collect();
    sdk::SerializedService {
        name: spec.name.clone(),
        principal: format!("{}-principal", crate::spec::volume::escape_slashes(service)),
        web_url: spec.web_url.clone(),
        user: spec.scheduler.as_ref().and_then(|s| s.user.clone()),
        role,
        pod_specs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taskcfg_forwarding() {
        let env: BTreeMap<String, String> = [
            ("TASKCFG_ALL_CLUSTER", "c1"),
            ("TASKCFG_NODE_HEAP", "1G"),
            ("TASKCFG_WORLD_HEAP", "2G"),
            ("OTHER", "x"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let out = taskcfg_env(&env, "node");
        assert_eq!(out.get("CLUSTER").map(String::as_str), Some("c1"));
        assert_eq!(out.get("HEAP").map(String::as_str), Some("1G"));
        assert!(!out.contains_key("OTHER"));
    }
}
