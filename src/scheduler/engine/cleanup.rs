//! Decommission, uninstall and restore steps: kill, release, delete, erase, restore — each idempotent.

use serde_json::json;

use super::tick::set_step;
use super::{Engine, EngineError};
use crate::scheduler::plan::{StepKind, StepRef};
use crate::scheduler::service::ServiceRecord;
use crate::scheduler::store::Write;

impl Engine {
    /// Decommission and uninstall steps: kill, release, delete, erase — each idempotent, each COMPLETE only
    /// once its effect is confirmed.
    pub(super) async fn drive_cleanup(
        &self,
        svc: &mut ServiceRecord,
        plan_name: &str,
        at: StepRef,
        kind: StepKind,
    ) -> Result<(), EngineError> {
        match kind {
            StepKind::KillTask { task, .. } => {
                let mut alive = false;
                for pod in svc.pods.values_mut() {
                    for t in pod.tasks.values_mut().chain(pod.retired.iter_mut()) {
                        if t.name == task {
                            t.wanted = false;
                            alive |= t.may_be_running();
                        }
                    }
                }
                if alive {
                    set_step(svc, plan_name, at, |s| {
                        s.mark_starting(format!("killing {task}"))
                    });
                } else {
                    set_step(svc, plan_name, at, |s| {
                        s.mark_complete(format!("{task} is not running"))
                    });
                }
            }
            StepKind::ReleaseVolume { volume } => match self.driver.inspect(&volume).await {
                Ok(Some(v)) => match v.attached_node {
                    Some(node) => match self.driver.detach(&volume, &node).await {
                        Ok(()) => {
                            self.store.write(vec![Write::event(
                                "volume-detached",
                                &json!({"service": svc.name, "volume": volume, "node": node}),
                            )])?;
                            set_step(svc, plan_name, at, |s| {
                                s.mark_complete(format!("{volume} released from {node}"))
                            });
                        }
                        Err(e) => set_step(svc, plan_name, at, |s| {
                            s.mark_pending(format!("cannot release {volume}: {e}"))
                        }),
                    },
                    None => set_step(svc, plan_name, at, |s| {
                        s.mark_complete(format!("{volume} is not attached"))
                    }),
                },
                Ok(None) => set_step(svc, plan_name, at, |s| {
                    s.mark_complete(format!("{volume} does not exist"))
                }),
                Err(e) => set_step(svc, plan_name, at, |s| {
                    s.mark_pending(format!("cannot inspect {volume}: {e}"))
                }),
            },
            StepKind::DeleteVolume { volume } => match self.driver.delete(&volume).await {
                Ok(()) => {
                    self.store.write(vec![Write::event(
                        "volume-deleted",
                        &json!({"service": svc.name, "volume": volume}),
                    )])?;
                    set_step(svc, plan_name, at, |s| {
                        s.mark_complete(format!("{volume} deleted"))
                    });
                }
                Err(e) => set_step(svc, plan_name, at, |s| {
                    s.mark_pending(format!("cannot delete {volume}: {e}"))
                }),
            },
            StepKind::EraseTask { task } => {
                // A decommissioned instance disappears with its last task record.
                let mut emptied = Vec::new();
                for (instance, pod) in svc.pods.iter_mut() {
                    let had = pod.tasks.len() + pod.retired.len();
                    pod.tasks.retain(|_, t| t.name != task);
                    pod.retired.retain(|t| t.name != task);
                    if had > 0 && pod.tasks.is_empty() && pod.retired.is_empty() {
                        emptied.push(instance.clone());
                    }
                }
                for instance in emptied {
                    svc.pods.remove(&instance);
                }
                set_step(svc, plan_name, at, |s| {
                    s.mark_complete(format!("{task} erased"))
                });
            }
            StepKind::Deregister => {
                set_step(svc, plan_name, at, |s| {
                    s.mark_complete("deregistered".to_string())
                });
            }
            StepKind::RestoreVolume { volume, snapshot } => {
                match self.driver.restore(&volume, &snapshot).await {
                    Ok(()) => {
                        self.store.write(vec![Write::event(
                            "volume-restored",
                            &json!({"service": svc.name, "volume": volume, "snapshot": snapshot}),
                        )])?;
                        set_step(svc, plan_name, at, |s| {
                            s.mark_complete(format!("{volume} restored from {snapshot}"))
                        });
                    }
                    Err(e) => set_step(svc, plan_name, at, |s| {
                        s.mark_pending(format!("cannot restore {volume}: {e}"))
                    }),
                }
            }
            StepKind::Launch(_) | StepKind::Recover { .. } => {}
        }
        Ok(())
    }
}
