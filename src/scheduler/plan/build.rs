//! Building plans: from the spec (`deploy`, `update` served as `deploy`, custom plans), the
//! `recovery` plan and its phases, and the generated `decommission` and uninstall plans
//! (contract §2.2, §2.3, §5.1, §5.2).

use serde::{Deserialize, Serialize};

use super::{Phase, Plan, PodTasks, Step, StepKind, StepRef, Strategy};
use crate::spec::model::{ServiceSpec, pod_instance_name, task_instance_name};
use crate::spec::plan::ExpandedPlan;

/// Plan names the SDK reserves; a spec's plans by these names are not served as custom plans.
const RESERVED: [&str; 4] = ["deploy", "update", "recovery", "decommission"];

impl Plan {
    /// A plan from its expansion: one launch step per expanded step. `interrupted` is how custom
    /// plans start (WAITING until `start`).
    pub fn from_expanded(expanded: &ExpandedPlan, interrupted: bool) -> Plan {
        let phases = expanded
            .phases
            .iter()
            .map(|phase| {
                let steps = phase
                    .steps
                    .iter()
                    .map(|s| {
                        Step::new(
                            s.name.clone(),
                            StepKind::Launch(PodTasks {
                                pod_type: phase.pod.clone(),
                                index: s.pod_index,
                                tasks: s.tasks.clone(),
                            }),
                        )
                    })
                    .collect();
                Phase::new(phase.name.clone(), phase.strategy, steps)
            })
            .collect();
        let mut plan = Plan::new(expanded.name.clone(), expanded.strategy, phases);
        plan.interrupted = interrupted;
        plan
    }

    /// The empty `recovery` plan (serial); failed pods add phases with [`Plan::add_recovery`].
    /// The recovery plan. The fork runs its phases serially; pxfw runs them in parallel, because a lost node
    /// with N pods must not take N times as long to fail over, and each phase recovers a different pod (its
    /// own volumes, its own placement), so nothing orders them.
    pub fn recovery() -> Plan {
        Plan::new("recovery", Strategy::Parallel, Vec::new())
    }

    /// Adds the recovery of one pod: a phase named after its step (`node-0:[server]`), parallel,
    /// with one step of the same name. A still unfinished recovery of the same pod is reused; a
    /// finished one is replaced so the name keeps meaning one phase.
    pub fn add_recovery(&mut self, pod: PodTasks, permanent: bool) -> StepRef {
        let name = pod.step_name();
        if let Some(i) = self.phases.iter().position(|p| p.name == name) {
            if self.phases[i].status() != super::Status::Complete {
                if let Some(StepKind::Recover { permanent: p, .. }) =
                    self.phases[i].steps.first_mut().map(|s| &mut s.kind)
                {
                    // A permanent failure outranks a transient one already queued.
                    *p |= permanent;
                }
                return StepRef { phase: i, step: 0 };
            }
            self.phases.remove(i);
        }
        let step = Step::new(name.clone(), StepKind::Recover { pod, permanent });
        self.phases
            .push(Phase::new(name, Strategy::Parallel, vec![step]));
        StepRef {
            phase: self.phases.len() - 1,
            step: 0,
        }
    }

    /// The `decommission` plan: one serial phase per removed pod instance, in the order given
    /// (see [`Decommission::between`] for the SDK's order), each with `kill-<task>` steps, then
    /// `unreserve-<volume>` (release), then `delete-<volume>` when volumes are not kept, then
    /// `erase-<task>`.
    pub fn decommission(removals: &[Decommission]) -> Plan {
        let phases = removals
            .iter()
            .map(|r| {
                let tasks: Vec<String> = r
                    .tasks
                    .iter()
                    .map(|t| task_instance_name(&r.pod_type, r.index, t))
                    .collect();
                let mut steps: Vec<Step> = tasks
                    .iter()
                    .map(|t| {
                        Step::new(
                            format!("kill-{t}"),
                            StepKind::KillTask {
                                task: t.clone(),
                                task_id: None,
                            },
                        )
                    })
                    .collect();
                steps.extend(r.volumes.iter().map(|v| {
                    Step::new(
                        format!("unreserve-{v}"),
                        StepKind::ReleaseVolume { volume: v.clone() },
                    )
                }));
                if r.delete_volumes {
                    steps.extend(r.volumes.iter().map(|v| {
                        Step::new(
                            format!("delete-{v}"),
                            StepKind::DeleteVolume { volume: v.clone() },
                        )
                    }));
                }
                steps.extend(tasks.iter().map(|t| {
                    Step::new(
                        format!("erase-{t}"),
                        StepKind::EraseTask { task: t.clone() },
                    )
                }));
                Phase::new(
                    pod_instance_name(&r.pod_type, r.index),
                    Strategy::Serial,
                    steps,
                )
            })
            .collect();
        Plan::new("decommission", Strategy::Serial, phases)
    }

    /// The uninstall plan, served as `deploy` while uninstalling: `kill-tasks` (parallel,
    /// `kill-task-<taskId>`), `release-volumes` (parallel, `release-<volume>`), `delete-volumes`
    /// (parallel, `delete-<volume>`, only when volumes are not kept), `deregister-service`
    /// (`deregister`).
    pub fn uninstall(tasks: &[UninstallTask], volumes: &[String], delete_volumes: bool) -> Plan {
        let kill = tasks
            .iter()
            .map(|t| {
                Step::new(
                    format!("kill-task-{}", t.task_id),
                    StepKind::KillTask {
                        task: t.task.clone(),
                        task_id: Some(t.task_id.clone()),
                    },
                )
            })
            .collect();
        let release = volumes
            .iter()
            .map(|v| {
                Step::new(
                    format!("release-{v}"),
                    StepKind::ReleaseVolume { volume: v.clone() },
                )
            })
            .collect();
        let mut phases = vec![
            Phase::new("kill-tasks", Strategy::Parallel, kill),
            Phase::new("release-volumes", Strategy::Parallel, release),
        ];
        if delete_volumes {
            let delete = volumes
                .iter()
                .map(|v| {
                    Step::new(
                        format!("delete-{v}"),
                        StepKind::DeleteVolume { volume: v.clone() },
                    )
                })
                .collect();
            phases.push(Phase::new("delete-volumes", Strategy::Parallel, delete));
        }
        phases.push(Phase::new(
            "deregister-service",
            Strategy::Serial,
            vec![Step::new("deregister", StepKind::Deregister)],
        ));
        Plan::new("deploy", Strategy::Serial, phases)
    }
}

/// The plans a service serves, in the SDK's order: `deploy` (the spec's `update` plan, renamed,
/// once the first deployment completed), `recovery` (empty), then the custom plans in spec order,
/// interrupted until started.
pub fn plans_from_spec(spec: &ServiceSpec, first_deploy_complete: bool) -> Vec<Plan> {
    let deploy = match spec.expanded_plan("update") {
        Some(update) if first_deploy_complete => {
            let mut plan = Plan::from_expanded(&update, false);
            plan.name = "deploy".to_owned();
            Some(plan)
        }
        _ => spec
            .expanded_plan("deploy")
            .map(|e| Plan::from_expanded(&e, false)),
    };
    let custom = spec
        .plans
        .keys()
        .filter(|name| !RESERVED.contains(&name.as_str()))
        .filter_map(|name| spec.expanded_plan(name))
        .map(|e| Plan::from_expanded(&e, true));
    deploy
        .into_iter()
        .chain(std::iter::once(Plan::recovery()))
        .chain(custom)
        .collect()
}

impl Plan {
    /// The restore plan of a snapshot: stop every task, release every volume, bring each volume back to its
    /// snapshot, then relaunch every pod in place. Serial, so nothing restarts before every volume is back.
    pub fn restore(
        tasks: &[UninstallTask],
        restores: &[(String, String)],
        pods: &[PodTasks],
    ) -> Plan {
        let kill = tasks
            .iter()
            .map(|t| {
                Step::new(
                    format!("kill-task-{}", t.task_id),
                    StepKind::KillTask {
                        task: t.task.clone(),
                        task_id: Some(t.task_id.clone()),
                    },
                )
            })
            .collect();
        let release = restores
            .iter()
            .map(|(v, _)| {
                Step::new(
                    format!("release-{v}"),
                    StepKind::ReleaseVolume { volume: v.clone() },
                )
            })
            .collect();
        let restore = restores
            .iter()
            .map(|(v, snap)| {
                Step::new(
                    format!("restore-{v}"),
                    StepKind::RestoreVolume {
                        volume: v.clone(),
                        snapshot: snap.clone(),
                    },
                )
            })
            .collect();
        let relaunch = pods
            .iter()
            .map(|p| {
                Step::new(
                    p.step_name(),
                    StepKind::Recover {
                        pod: p.clone(),
                        permanent: false,
                    },
                )
            })
            .collect();
        Plan::new(
            "restore",
            Strategy::Serial,
            vec![
                Phase::new("kill-tasks", Strategy::Parallel, kill),
                Phase::new("release-volumes", Strategy::Parallel, release),
                Phase::new("restore-volumes", Strategy::Parallel, restore),
                Phase::new("relaunch", Strategy::Parallel, relaunch),
            ],
        )
    }
}

/// One pod instance to decommission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decommission {
    pub pod_type: String,
    pub index: u32,
    /// Task names as the spec writes them.
    pub tasks: Vec<String>,
    /// The instance's own volumes (shared volumes are not listed: other instances still use them).
    pub volumes: Vec<String>,
    /// Delete the volumes after releasing them (false keeps the data).
    pub delete_volumes: bool,
}

impl Decommission {
    /// The instances `old` has and `new` does not, in the SDK's order: pod types from the bottom of
    /// the spec up, and within a type the highest index first.
    pub fn between(
        old: &ServiceSpec,
        new: &ServiceSpec,
        delete_volumes: bool,
    ) -> Vec<Decommission> {
        let mut out = Vec::new();
        for (pod_type, pod) in old.pods.iter().rev() {
            let keep = new.pods.get(pod_type).map_or(0, |p| p.count);
            let volumes = pod.resolved_volumes(&old.name, pod_type);
            for index in (keep..pod.count).rev() {
                out.push(Decommission {
                    pod_type: pod_type.clone(),
                    index,
                    tasks: pod.tasks.keys().cloned().collect(),
                    volumes: volumes
                        .iter()
                        .filter(|v| !v.shared)
                        .filter_map(|v| v.instance_name(index))
                        .collect(),
                    delete_volumes,
                });
            }
        }
        out
    }
}

/// A task the uninstall plan kills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UninstallTask {
    /// Instance name, `node-0-server`.
    pub task: String,
    /// `<task>__<uuid>`.
    pub task_id: String,
}
