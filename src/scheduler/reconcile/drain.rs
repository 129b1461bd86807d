//! Draining a node for maintenance: which of its pods moves next, and whether the last one moved has
//! arrived.
//!
//! The node is alive, so nothing is taken by force: each pod is moved the way `pod replace` moves it
//! (tasks stopped with their kill grace, volumes detached normally, placed elsewhere, volumes attached
//! again). Pods move **one at a time**, and the next one only once the previous runs (and is ready) on
//! its new node: a drain must never take more than one member of a replicated service down at once,
//! or it would cost the service its quorum — the reason an operator drains instead of pulling the plug.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::agent::TaskState;
use crate::scheduler::plan::StepKind;
use crate::scheduler::service::{PodRecord, ServiceRecord};
use crate::spec::model::Goal;

/// One pod instance of one service.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PodRef {
    pub service: String,
    pub pod: String,
}

impl std::fmt::Display for PodRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.service, self.pod)
    }
}

/// A node being drained, as stored: since when, and the pod moved last (until it has arrived).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drain {
    pub since_ms: i64,
    #[serde(default)]
    pub moving: Option<PodRef>,
}

/// What a draining node needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrainStep {
    /// Start moving this pod away (as `pod replace` does).
    Move(PodRef),
    /// The pod moved last has not arrived yet (or a pod cannot be moved now): nothing else moves.
    /// `unplaceable` is set when the pod was stopped and no node will take it; `why` says what it waits for.
    Wait {
        pod: PodRef,
        why: String,
        unplaceable: bool,
    },
    /// The node runs no pod any more.
    Done,
}

/// The next step of draining `node`, given the pod moved last (`moving`) and every service.
pub fn drain_step(
    node: &str,
    moving: Option<&PodRef>,
    services: &BTreeMap<String, ServiceRecord>,
) -> DrainStep {
    if let Some(m) = moving
        && let Some(svc) = services.get(&m.service)
        && let Some(pod) = svc.pods.get(&m.pod)
        && let Some((why, unplaceable)) = not_arrived(svc, pod, node)
    {
        return DrainStep::Wait {
            pod: m.clone(),
            why,
            unplaceable,
        };
    }
    let mut uninstalling = None;
    for (name, svc) in services {
        for (instance, pod) in &svc.pods {
            if !occupies(pod, node) {
                continue;
            }
            let at = PodRef {
                service: name.clone(),
                pod: instance.clone(),
            };
            if !svc.uninstalling {
                return DrainStep::Move(at);
            }
            uninstalling.get_or_insert(at);
        }
    }
    match uninstalling {
        // Its uninstall plan stops it; moving it would only delay that.
        Some(pod) => DrainStep::Wait {
            why: format!("service {} is being uninstalled", pod.service),
            pod,
            unplaceable: false,
        },
        None => DrainStep::Done,
    }
}

/// The pods of every service that still run (or are meant to run) on `node`, as `service/pod`.
pub fn pods_on(node: &str, services: &BTreeMap<String, ServiceRecord>) -> Vec<PodRef> {
    services
        .iter()
        .flat_map(|(name, svc)| {
            svc.pods
                .iter()
                .filter(|(_, p)| occupies(p, node))
                .map(move |(instance, _)| PodRef {
                    service: name.clone(),
                    pod: instance.clone(),
                })
        })
        .collect()
}

/// The pod is placed on `node` and has a task there that runs or is meant to (a pod whose tasks all
/// finished runs nothing), or an earlier launch there not yet confirmed dead.
fn occupies(pod: &PodRecord, node: &str) -> bool {
    let placed_here = pod.node.as_deref() == Some(node)
        && pod
            .tasks
            .values()
            .any(|t| t.goal == Goal::Running || t.may_be_running());
    placed_here
        || pod
            .retired
            .iter()
            .any(|t| t.node == node && t.may_be_running())
}

/// Why the pod moved away from `node` has not arrived yet (and whether it waits for a node that
/// will take it); `None` once every task runs and is ready on another node, or when the pod is on
/// `node` again (then it is moved again).
fn not_arrived(svc: &ServiceRecord, pod: &PodRecord, node: &str) -> Option<(String, bool)> {
    if !pod.moving && pod.node.as_deref() == Some(node) {
        // Back on the drained node (undrained and drained again in between): no move is under way
        // (a move leaves the node marked moving until its volumes are given up); move it again.
        return None;
    }
    let stopping: Vec<&str> = pod
        .tasks
        .values()
        .chain(&pod.retired)
        .filter(|t| t.node == node && t.may_be_running())
        .map(|t| t.name.as_str())
        .collect();
    if !stopping.is_empty() {
        return Some((format!("stopping {} on {node}", stopping.join(", ")), false));
    }
    if pod.moving {
        return Some((format!("detaching its volumes from {node}"), false));
    }
    let Some(at) = pod.node.as_deref() else {
        let why = recovery_message(svc, &pod.instance())
            .unwrap_or_else(|| "waiting to be placed".to_owned());
        return Some((format!("no node takes it: {why}"), true));
    };
    if pod.tasks.is_empty() {
        return Some((format!("launching on {at}"), false));
    }
    let arrived = pod.tasks.values().all(|t| match t.goal {
        Goal::Running => t.state == Some(TaskState::Running) && t.ready,
        Goal::Finish | Goal::Once => t.state == Some(TaskState::Finished),
    });
    if arrived {
        return None;
    }
    let running = pod
        .tasks
        .values()
        .all(|t| t.state == Some(TaskState::Running));
    let why = if running {
        format!("running on {at}, waiting for readiness")
    } else {
        format!("starting on {at}")
    };
    Some((why, false))
}

/// The message of the recovery step that moves `instance` (why it is not placed, typically).
fn recovery_message(svc: &ServiceRecord, instance: &str) -> Option<String> {
    svc.plans
        .get("recovery")?
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .filter(
            |s| matches!(&s.kind, StepKind::Recover { pod, .. } if pod.pod_instance() == instance),
        )
        .filter_map(|s| s.message.clone())
        .next_back()
}
