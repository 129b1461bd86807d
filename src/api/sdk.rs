//! The SDK scheduler API views of plans, pods, endpoints and configurations, as the DC/OS SDK scheduler
//! serves them.
//!
//! The typed client (`dcos::sdk`) parses them and the embedded scheduler (`scheduler::plan::render`, the
//! engine's queries) builds them, so what the server serves is exactly what the CLI reads. Field order is the wire order:
//! the CLI prints the scheduler's bytes, and tests compare them with the Go CLI's goldens.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::spec::model::{HealthCheckSpec, ReadinessCheckSpec};

/// A plan as `GET /v1/plans/<plan>` returns it (contract §2.3).
///
/// Fields are optional because the Go CLI prints `<UNKNOWN>` for any that is missing, and so must we.
/// Statuses stay strings: steps may show free-form display statuses (`PAUSING`, `PAUSED`, upstream's
/// `DELAYED`), so a closed enum would reject real replies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanView {
    pub phases: Vec<PhaseView>,
    pub errors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
}

/// One phase of a [`PlanView`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhaseView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub steps: Vec<StepView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
}

/// One step of a [`PhaseView`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// pxfw only: why a step that has not started waits (no node fits, an earlier launch must stop, a
    /// back-off). An SDK scheduler never sends it, so the Go CLI's tree stays byte for byte.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The status every finished element reports.
pub const COMPLETE: &str = "COMPLETE";
/// The status of an element that cannot proceed (a step that could not be built, a plan with errors).
pub const ERROR: &str = "ERROR";

impl PlanView {
    /// True once the plan (all of its phases) is complete.
    pub fn is_complete(&self) -> bool {
        self.status.as_deref() == Some(COMPLETE)
    }

    /// True when the plan cannot finish without intervention: it carries errors or is in `ERROR`.
    pub fn has_failed(&self) -> bool {
        !self.errors.is_empty() || self.status.as_deref() == Some(ERROR)
    }
}

impl PhaseView {
    /// How many of this phase's steps are complete (the progress shown by `plan status --watch`).
    pub fn completed_steps(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.status.as_deref() == Some(COMPLETE))
            .count()
    }
}

/// `GET /v1/pod/status`: service → pod types → instances → tasks (contract §2.4).
///
/// `pods` is absent when the service has no task at all (org.json only creates arrays on first append).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceStatus {
    pub service: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pods: Vec<PodTypeStatus>,
}

/// One pod type in a [`ServiceStatus`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodTypeStatus {
    pub name: String,
    pub instances: Vec<PodStatus>,
}

/// One pod instance: the body of `GET /v1/pod/<pod>/status`, and an element of [`PodTypeStatus`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodStatus {
    pub name: String,
    pub tasks: Vec<TaskStatusView>,
    /// pxfw's extension: why a pod has no running task yet (e.g. "0/5 nodes: 5 violate hostname:MAX_PER:1"),
    /// or why it waits on a silent node the server does not declare lost. The SDK never sends it, so its
    /// output is unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// One task of a pod. `status` is absent until the task has received a Mesos status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskStatusView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// One task of `GET /v1/pod/<pod>/info`: its Mesos TaskInfo and last TaskStatus as protobuf JSON
/// (camelCase). The CLI prints the reply as it comes, so only the fields pxfw fills are here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodTaskInfo {
    pub info: MesosTaskInfo,
    /// `null` until the task has received a status.
    pub status: Option<MesosTaskStatus>,
}

/// The part of a Mesos `TaskInfo` pxfw serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MesosTaskInfo {
    pub name: String,
    pub task_id: ProtoValue,
    pub slave_id: ProtoValue,
    pub labels: MesosLabels,
}

/// Mesos `Labels`: the list sits in a `labels` field of its own, as in the protobuf.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MesosLabels {
    pub labels: Vec<MesosLabel>,
}

/// One Mesos `Label`. The SDK keeps its task metadata in them (`task_type`, `index`, `goal_state`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MesosLabel {
    pub key: String,
    pub value: String,
}

impl MesosLabel {
    pub fn new(key: &str, value: impl Into<String>) -> Self {
        MesosLabel {
            key: key.to_owned(),
            value: value.into(),
        }
    }
}

/// The part of a Mesos `TaskStatus` pxfw serves; `state` is `TASK_<STATE>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MesosTaskStatus {
    pub task_id: ProtoValue,
    pub state: String,
    pub message: String,
    pub slave_id: ProtoValue,
}

/// A protobuf id message (`TaskID`, `SlaveID`): the id in a `value` field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtoValue {
    pub value: String,
}

impl From<&str> for ProtoValue {
    fn from(value: &str) -> Self {
        ProtoValue {
            value: value.to_owned(),
        }
    }
}

/// The reply of the pod actions restart, replace, pause and resume: the pod and every task it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodActionReply {
    pub pod: String,
    #[serde(default)]
    pub tasks: Vec<String>,
}

/// The reply of plan actions and `state/refresh`: `{"message": "Received cmd: ..."}`.
///
/// The Go CLI treats a reply without a non-empty message as "could not be ...", so the field is optional
/// here and checked by the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommandReply {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl CommandReply {
    /// True when the scheduler acknowledged the command with a message.
    pub fn acknowledged(&self) -> bool {
        self.message.as_deref().is_some_and(|m| !m.is_empty())
    }
}

/// One endpoint: JSON addresses for ports, or free text for custom endpoints (kafka `zookeeper`, hdfs
/// `hdfs-site.xml`), which the scheduler serves as `text/plain` (contract §2.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Endpoint {
    Addresses(EndpointAddresses),
    Text(String),
}

/// The JSON form of an [`Endpoint`]. `vip` is a single string; `address` and `dns` are lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EndpointAddresses {
    pub address: Vec<String>,
    pub dns: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vip: Option<String>,
}

/// `GET /v1/configurations/<id>`: one configuration as the SDK's serialized ServiceSpec (contract §3.9 key
/// names), so `pxfw scale` and `debug config` read counts, decommission rules and volume names as from a
/// real scheduler. Only the fields pxfw fills are here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SerializedService {
    pub name: String,
    pub role: String,
    pub principal: String,
    pub web_url: Option<String>,
    /// The scheduler's user.
    pub user: Option<String>,
    pub pod_specs: Vec<SerializedPod>,
}

/// One pod type of a [`SerializedService`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SerializedPod {
    #[serde(rename = "type")]
    pub pod_type: String,
    pub user: Option<String>,
    pub count: u32,
    pub allow_decommission: bool,
    pub image: Option<String>,
    pub uris: Vec<String>,
    pub placement_rule: Option<String>,
    pub pre_reserved_role: Option<String>,
    pub share_pid_namespace: bool,
    pub task_specs: Vec<SerializedTask>,
}

/// One task of a [`SerializedPod`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SerializedTask {
    pub name: String,
    /// `RUNNING`, `FINISH` or `ONCE`.
    pub goal: String,
    pub essential: bool,
    pub resource_set: SerializedResourceSet,
    pub command_spec: SerializedCommand,
    pub health_check_spec: Option<HealthCheckSpec>,
    pub readiness_check_spec: Option<ReadinessCheckSpec>,
    pub config_files: Vec<SerializedConfigFile>,
    /// Seconds; 0 when the spec sets none.
    pub kill_grace_period: u32,
}

/// The resources of a [`SerializedTask`]: cpus and mem, and its volumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SerializedResourceSet {
    pub id: String,
    pub resource_specifications: Vec<SerializedResource>,
    pub volume_specifications: Vec<SerializedVolume>,
    pub role: String,
}

/// One scalar resource (`cpus`, `mem`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SerializedResource {
    pub name: String,
    pub value: Quantity,
    pub role: String,
}

/// A resource amount: mem is a whole number of MB (`1024`), cpus a fraction (`0.5`, `1.0`), and each is
/// written as such.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Quantity {
    Whole(u64),
    Fraction(f64),
}

/// One volume of a [`SerializedResourceSet`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SerializedVolume {
    /// `ROOT` or `MOUNT`.
    #[serde(rename = "type")]
    pub kind: String,
    pub container_path: String,
    /// Always `disk`.
    pub name: String,
    /// MB; `null` for external volumes that carry their size in the driver options.
    pub value: Option<u64>,
    pub volume_name: Option<String>,
    pub driver_name: Option<String>,
    /// `k=v` pairs joined by commas, in the order written.
    pub driver_options: String,
    pub role: String,
}

/// A task's command and environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerializedCommand {
    pub value: String,
    pub environment: BTreeMap<String, String>,
}

/// One config template of a task: its name and where it is rendered in the sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SerializedConfigFile {
    pub name: String,
    pub relative_path: String,
}

/// A value the scheduler wraps in a one-element array (`configurations/targetId`, `state/frameworkId`).
///
/// A bare string is accepted too, so a scheduler that does not wrap still works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Single(pub String);

impl<'de> Deserialize<'de> for Single {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            List(Vec<String>),
            Bare(String),
        }
        match Shape::deserialize(d)? {
            Shape::Bare(s) => Ok(Single(s)),
            Shape::List(mut v) if v.len() == 1 => Ok(Single(v.remove(0))),
            Shape::List(v) => Err(serde::de::Error::custom(format!(
                "expected a one-element array, found {} elements",
                v.len()
            ))),
        }
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`: plan parameters become environment variables of the plan's tasks.
pub fn is_env_name(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The typed `pod info` entry serialises to the protobuf JSON the scheduler always served.
    #[test]
    fn pod_task_info_has_the_protobuf_json_shape() {
        let entry = PodTaskInfo {
            info: MesosTaskInfo {
                name: "node-0-server".into(),
                task_id: "node-0-server__1".into(),
                slave_id: "n1".into(),
                labels: MesosLabels {
                    labels: vec![MesosLabel::new("task_type", "server")],
                },
            },
            status: Some(MesosTaskStatus {
                task_id: "node-0-server__1".into(),
                state: "TASK_RUNNING".into(),
                message: String::new(),
                slave_id: "n1".into(),
            }),
        };
        assert_eq!(
            serde_json::to_value(&entry).unwrap(),
            json!({
                "info": {"name": "node-0-server", "taskId": {"value": "node-0-server__1"}, "slaveId": {"value": "n1"},
                         "labels": {"labels": [{"key": "task_type", "value": "server"}]}},
                "status": {"taskId": {"value": "node-0-server__1"}, "state": "TASK_RUNNING", "message": "",
                           "slaveId": {"value": "n1"}},
            })
        );
        let unlaunched = PodTaskInfo {
            status: None,
            ..entry
        };
        assert_eq!(
            serde_json::to_value(&unlaunched).unwrap()["status"],
            json!(null)
        );
    }
}
