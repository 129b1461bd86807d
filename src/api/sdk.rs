//! The SDK scheduler API views of plans and pods, as the DC/OS SDK scheduler serves them.
//!
//! The typed client (`dcos::sdk`) parses them and the embedded scheduler (`scheduler::plan::render`)
//! builds them, so what the server serves is exactly what the CLI reads. Field order is the wire order:
//! the CLI prints the scheduler's bytes, and tests compare them with the Go CLI's goldens.

use serde::{Deserialize, Deserializer, Serialize};

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
    /// pxfw's extension: why a pod has no running task yet (e.g. "0/5 nodes: 5 violate hostname:MAX_PER:1").
    /// The SDK never sends it, so its output is unchanged.
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
