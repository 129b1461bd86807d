//! The reconciler: what must happen to each pod, decided from the service record, its spec, node
//! liveness and the time — and nothing else.
//!
//! It is pure (no I/O, no clock, no locks), as Nomad's reconciler is: it sorts pods into named buckets
//! and the engine carries the actions out (detaching volumes, placing, launching, writing the store).
//! Three questions are asked at three moments of a tick:
//!
//! * [`lost_node_recoveries`] and [`failure_recoveries`]: which pods enter the recovery plan
//!   ([`Recovery`]): those on a node declared lost, and those whose task died after its step completed.
//! * [`pod_step`]: for one step of a plan that launches a pod, the next thing to do ([`PodAction`]).
//!   The engine asks again after a [`PodAction::Retire`] or [`PodAction::MigrateVolumes`], which change
//!   the pod without ending the step's turn.
//! * [`service_end`]: whether the service is done with ([`ServiceEnd`]).
//! * [`drain_step`]: for a node drained for maintenance, which of its pods moves next, one at a time
//!   ([`DrainStep`], in `reconcile/drain.rs`).
//!
//! The vocabulary is in this directory's README.

mod drain;

pub use drain::{Drain, DrainStep, PodRef, drain_step, pods_on};

use std::collections::BTreeSet;

use crate::api::agent::{TaskState, TerminalReason};
use crate::scheduler::plan::{Plan, PodTasks, Status};
use crate::scheduler::service::{PodRecord, ServiceRecord, TaskRecord};
use crate::spec::model::{Goal, ServiceSpec, task_instance_name};

/// Back-off after a failed launch: doubled per consecutive failure, capped.
const BACKOFF_BASE_MS: i64 = 1_000;
const BACKOFF_MAX_MS: i64 = 60_000;

/// How long to wait before relaunching after `failures` consecutive failures.
pub fn backoff_ms(failures: u32) -> i64 {
    (BACKOFF_BASE_MS << failures.min(6)).min(BACKOFF_MAX_MS)
}

/// What the reconciler knows about the nodes: which hold their lease, and whose storage daemon is
/// offline (a live host that cannot detach anything itself).
#[derive(Debug, Clone, Default)]
pub struct Liveness {
    pub active: BTreeSet<String>,
    pub storage_offline: BTreeSet<String>,
}

impl Liveness {
    pub fn is_active(&self, node: &str) -> bool {
        self.active.contains(node)
    }
}

/// A pod that enters the recovery plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The pod's node was declared lost (lease plus grace passed): its agent fenced the tasks, so they
    /// count as killed, and the pod moves elsewhere with its volumes (a permanent recovery).
    MigrateFromLostNode {
        pod: String,
        node: String,
        tasks: PodTasks,
    },
    /// A task died after its step completed and no step drives the pod now: relaunch it in place
    /// (the SDK's transient recovery).
    RelaunchAfterFailure { tasks: PodTasks },
}

/// The next thing to do for one step that launches (or recovers) a pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodAction {
    /// The step names a pod type the target spec does not have: the step fails.
    UnknownPodType,
    /// These task instances must go before anything relaunches: their configuration is stale, they
    /// failed or were killed, they are no longer wanted, or the pod is moving. See [`retire`].
    Retire { tasks: Vec<String> },
    /// Earlier launches may still run on their node: never two writers, so wait until they are
    /// confirmed dead.
    WaitForStop { tasks: Vec<String> },
    /// A permanent move: the old node gives up the pod's volumes, taken away by force when the node is
    /// lost or its storage is offline (it cannot detach itself). `from` is `None` when the pod has no
    /// node any more; then only the move ends.
    MigrateVolumes { from: Option<String>, force: bool },
    /// The pod failed `failures` times in a row: wait `wait_ms` more before relaunching.
    WaitBackoff { failures: u32, wait_ms: i64 },
    /// Launch the missing tasks on the node the pod already holds (a restart stays in place).
    RelaunchInPlace { node: String, tasks: Vec<String> },
    /// The pod has no usable node: place it, then launch the missing tasks.
    Place { tasks: Vec<String> },
    /// Every task runs and is ready (or finished, for a task that is meant to end).
    Complete { node: String },
    /// Every task runs; some is not ready yet.
    Started { node: String },
    /// Launched, not running yet.
    Starting { node: String },
}

/// What becomes of the whole service after its steps were driven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceEnd {
    /// The uninstall plan is complete: deregister, nothing of the service stays.
    Remove,
    /// The first deployment just completed: from now on the spec's `update` plan replaces `deploy`.
    FirstDeployComplete,
    /// Nothing ends.
    Continue,
}

/// The pods on a node in `lost`, each to be migrated.
pub fn lost_node_recoveries(svc: &ServiceRecord, lost: &[String]) -> Vec<Recovery> {
    svc.pods
        .iter()
        .filter_map(|(instance, pod)| {
            let node = pod.node.as_ref().filter(|n| lost.contains(n))?;
            Some(Recovery::MigrateFromLostNode {
                pod: instance.clone(),
                node: node.clone(),
                tasks: pod_tasks(pod),
            })
        })
        .collect()
}

/// The pods with a wanted, long-running task that died while no step drives the pod.
pub fn failure_recoveries(svc: &ServiceRecord, spec: &ServiceSpec) -> Vec<Recovery> {
    if svc.uninstalling {
        return Vec::new();
    }
    svc.pods
        .values()
        .filter(|pod| {
            pod.tasks
                .values()
                .any(|t| t.wanted && t.goal == Goal::Running && t.is_terminal())
        })
        .filter(|pod| !pod_step_active(svc, &pod.instance()))
        .filter(|pod| spec.pods.contains_key(&pod.pod_type))
        .map(|pod| Recovery::RelaunchAfterFailure {
            tasks: pod_tasks(pod),
        })
        .collect()
}

/// Every task of the pod, by spec name.
fn pod_tasks(pod: &PodRecord) -> PodTasks {
    PodTasks {
        pod_type: pod.pod_type.clone(),
        index: pod.index,
        tasks: pod.tasks.values().map(|t| t.spec_name.clone()).collect(),
    }
}

/// True when some plan's next steps drive this pod instance now.
pub fn pod_step_active(svc: &ServiceRecord, instance: &str) -> bool {
    svc.plans.values().any(|p| {
        p.next_steps().iter().any(|at| {
            p.step(*at)
                .and_then(|s| s.kind.pod())
                .is_some_and(|pt| pt.pod_instance() == instance)
        })
    })
}

/// The next action for the step `step` of pod `pod` (`None` before its first launch). `permanent`
/// is a recovery that moves the pod; `target` the configuration the tasks must run.
pub fn pod_step(
    spec: &ServiceSpec,
    pod: Option<&PodRecord>,
    step: &PodTasks,
    permanent: bool,
    target: &str,
    now: i64,
    nodes: &Liveness,
) -> PodAction {
    if !spec.pods.contains_key(&step.pod_type) {
        return PodAction::UnknownPodType;
    }
    let empty = PodRecord::default();
    let pod = pod.unwrap_or(&empty);
    let current = |name: &str| {
        pod.tasks
            .get(&task_instance_name(&step.pod_type, step.index, name))
    };

    let retire: Vec<String> = step
        .tasks
        .iter()
        .filter_map(|name| current(name))
        .filter(|t| must_retire(t, target, permanent && pod.moving))
        .map(|t| t.name.clone())
        .collect();
    if !retire.is_empty() {
        return PodAction::Retire { tasks: retire };
    }
    let waiting: Vec<String> = pod
        .retired
        .iter()
        .filter(|t| t.may_be_running())
        .map(|t| t.name.clone())
        .collect();
    if !waiting.is_empty() {
        return PodAction::WaitForStop { tasks: waiting };
    }
    if permanent && pod.moving {
        let force = pod
            .node
            .as_ref()
            .is_some_and(|n| !nodes.is_active(n) || nodes.storage_offline.contains(n));
        return PodAction::MigrateVolumes {
            from: pod.node.clone(),
            force,
        };
    }

    let missing: Vec<String> = step
        .tasks
        .iter()
        .filter(|name| current(name).is_none())
        .cloned()
        .collect();
    if !missing.is_empty() {
        if now < pod.not_before_ms {
            return PodAction::WaitBackoff {
                failures: pod.failures,
                wait_ms: pod.not_before_ms - now,
            };
        }
        return match &pod.node {
            Some(n) if nodes.is_active(n) => PodAction::RelaunchInPlace {
                node: n.clone(),
                tasks: missing,
            },
            _ => PodAction::Place { tasks: missing },
        };
    }

    let tasks: Vec<&TaskRecord> = step.tasks.iter().filter_map(|t| current(t)).collect();
    let node = pod.node.clone().unwrap_or_default();
    let done = tasks.iter().all(|t| match t.goal {
        Goal::Running => t.state == Some(TaskState::Running) && t.ready,
        Goal::Finish | Goal::Once => t.state == Some(TaskState::Finished),
    });
    let running = tasks.iter().all(|t| {
        t.state == Some(TaskState::Running)
            || (t.goal != Goal::Running && t.state == Some(TaskState::Finished))
    });
    if done {
        PodAction::Complete { node }
    } else if running {
        PodAction::Started { node }
    } else {
        PodAction::Starting { node }
    }
}

/// A current launch that must be retired before the step can go on.
fn must_retire(t: &TaskRecord, target: &str, moving: bool) -> bool {
    !t.wanted
        || t.config_id != target
        || (t.goal == Goal::Running && t.is_terminal())
        || matches!(t.state, Some(TaskState::Failed | TaskState::Killed))
        || moving
}

/// Carries out [`PodAction::Retire`]: the tasks leave the pod's current launches for its retired ones,
/// unwanted. A long-running task that died while wanted is a failure: it counts toward the back-off —
/// unless it was fenced (its node could not renew its lease), which is no fault of the pod.
pub fn retire(pod: &mut PodRecord, tasks: &[String], now: i64) {
    for name in tasks {
        let Some(mut old) = pod.tasks.remove(name) else {
            continue;
        };
        let fenced = old.reason == Some(TerminalReason::Fenced);
        if old.wanted && old.goal == Goal::Running && old.is_terminal() && !fenced {
            pod.failures += 1;
            pod.not_before_ms = now + backoff_ms(pod.failures);
        }
        old.wanted = false;
        pod.retired.push(old);
    }
}

/// Whether the service ends after this tick: an uninstall whose plan completed, or a first deployment.
pub fn service_end(svc: &ServiceRecord) -> ServiceEnd {
    let deployed = svc
        .plans
        .get("deploy")
        .is_some_and(|p: &Plan| p.status() == Status::Complete);
    if svc.uninstalling && deployed {
        ServiceEnd::Remove
    } else if !svc.deploy_completed_once && deployed {
        ServiceEnd::FirstDeployComplete
    } else {
        ServiceEnd::Continue
    }
}

#[cfg(test)]
mod tests;
