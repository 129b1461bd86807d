//! Recovery: a lost node's pods move elsewhere (also when an operator declares the node lost), and
//! operators restart or replace pods, by the recovery plan.

use serde_json::json;

use super::{Engine, EngineError, World};
use crate::api::agent::TaskState;
use crate::api::sdk::PodActionReply;
use crate::scheduler::agents::LostRefusal;
use crate::scheduler::plan::PodTasks;
use crate::scheduler::reconcile::{self, Recovery};
use crate::scheduler::service::ServiceRecord;
use crate::scheduler::store::{Write, now_ms};

impl Engine {
    /// A node declared lost (lease + grace passed) has fenced itself: its tasks are dead. Each of its pods
    /// is recovered permanently — volumes force-detached, the pod placed elsewhere (a replica node first),
    /// the tasks relaunched — through the recovery plan.
    pub(super) fn recover_lost_nodes(
        &self,
        world: &mut World,
        lost: &[String],
    ) -> Result<(), EngineError> {
        let now = now_ms();
        let names: Vec<String> = world.services.keys().cloned().collect();
        for name in names {
            let Some(svc) = world.services.get_mut(&name) else {
                continue;
            };
            let mut events = Vec::new();
            for recovery in reconcile::lost_node_recoveries(svc, lost) {
                let Recovery::MigrateFromLostNode { pod, node, tasks } = recovery else {
                    continue;
                };
                let Some(record) = svc.pods.get_mut(&pod) else {
                    continue;
                };
                for t in record.tasks.values_mut().chain(record.retired.iter_mut()) {
                    if !t.is_terminal() {
                        t.state = Some(TaskState::Killed);
                        t.message = format!(
                            "node {node} was lost (its lease expired); its agent fenced the task"
                        );
                        t.updated_ms = now;
                    }
                    t.wanted = false;
                }
                record.moving = true;
                record.failures = 0;
                record.not_before_ms = 0;
                if let Some(plan) = svc.plans.get_mut("recovery") {
                    plan.add_recovery(tasks, true);
                }
                events.push(Write::event(
                    "pod-failover",
                    &json!({"service": name, "pod": pod, "lost_node": node}),
                ));
            }
            if events.is_empty() {
                continue;
            }
            let snapshot = svc.clone();
            self.persist(&snapshot, events)?;
        }
        Ok(())
    }

    /// `pxfw node lost NODE --force`: the operator's word that a silent node's machine is down, when the
    /// server cannot decide it alone. Once recorded, the node's pods move as a lost node's do. Returns
    /// them, as `service/pod`.
    pub async fn declare_node_lost(
        &self,
        node: &str,
        force: bool,
    ) -> Result<Vec<String>, LostRefusal> {
        // The world is held across both so no tick sees the node lost with its pods not yet moving.
        let mut world = self.world.lock().await;
        self.agents.declare_lost(node, force)?;
        let pods = reconcile::pods_on(node, &world.services)
            .iter()
            .map(ToString::to_string)
            .collect();
        self.recover_lost_nodes(&mut world, &[node.to_owned()])
            .map_err(|e| LostRefusal::Unrecorded(e.to_string()))?;
        Ok(pods)
    }

    /// `pod restart` (in place) or `pod replace` (anywhere else, volumes re-attached): kills the pod's tasks
    /// and queues a recovery step. Returns the SDK's `{"pod","tasks"}` answer.
    pub async fn pod_recover(
        &self,
        service: &str,
        pod: &str,
        permanent: bool,
    ) -> Result<Option<PodActionReply>, EngineError> {
        let mut world = self.world.lock().await;
        let svc = world
            .services
            .get_mut(service)
            .ok_or_else(|| EngineError::NotFound(service.into()))?;
        let Some(names) = recover_in(svc, pod, permanent) else {
            return Ok(None);
        };
        let snapshot = svc.clone();
        let kind = if permanent {
            "pod-replace"
        } else {
            "pod-restart"
        };
        self.persist(
            &snapshot,
            vec![Write::event(kind, &json!({"service": service, "pod": pod}))],
        )?;
        Ok(Some(PodActionReply {
            pod: pod.to_string(),
            tasks: names,
        }))
    }
}

/// Marks every task of `pod` for a restart in place, or for a move when `permanent` (away from its node,
/// as `pod replace` and a storage failover do), through the recovery plan. Returns the pod's task names;
/// `None` when there is no such pod.
pub(super) fn recover_in(
    svc: &mut ServiceRecord,
    pod: &str,
    permanent: bool,
) -> Option<Vec<String>> {
    let p = svc.pods.get_mut(pod)?;
    let names: Vec<String> = p.tasks.keys().cloned().collect();
    let spec_names: Vec<String> = p.tasks.values().map(|t| t.spec_name.clone()).collect();
    for t in p.tasks.values_mut() {
        t.wanted = false;
    }
    p.failures = 0;
    p.not_before_ms = 0;
    p.moving = permanent;
    p.leave_old_node = permanent;
    let pod_tasks = PodTasks {
        pod_type: p.pod_type.clone(),
        index: p.index,
        tasks: spec_names,
    };
    if let Some(recovery) = svc.plans.get_mut("recovery") {
        recovery.add_recovery(pod_tasks, permanent);
    }
    Some(names)
}
