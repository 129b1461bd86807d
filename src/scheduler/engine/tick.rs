//! The loop: one tick expires leases, checks storage, moves draining nodes' pods, and drives every
//! service's plans one step further.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::usage::Usage;
use super::{Engine, EngineError, World};
use crate::scheduler::plan::{Plan, StepKind, StepRef};
use crate::scheduler::reconcile::{self, Recovery, ServiceEnd};
use crate::scheduler::service::ServiceRecord;
use crate::scheduler::store::{Kind, Write};
use crate::spec::model::ServiceSpec;

impl Engine {
    /// Runs ticks until the task is dropped.
    pub async fn run(self: Arc<Self>, every: Duration) {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(e) = self.tick().await {
                tracing::error!("scheduler tick failed: {e}");
            }
        }
    }

    /// One pass over every service.
    pub async fn tick(&self) -> Result<(), EngineError> {
        let lost = self.agents.expire()?;
        let mut world = self.world.lock().await;
        if !lost.is_empty() {
            self.recover_lost_nodes(&mut world, &lost)?;
        }
        if self.storage.due() {
            self.check_storage(&mut world).await?;
        }
        self.drive_drains(&mut world)?;
        let mut usage = Usage::from_world(&world);
        let names: Vec<String> = world.services.keys().cloned().collect();
        for name in names {
            self.drive_service(&mut world, &mut usage, &name).await?;
        }
        Ok(())
    }

    pub(super) async fn drive_service(
        &self,
        world: &mut World,
        usage: &mut Usage,
        name: &str,
    ) -> Result<(), EngineError> {
        let Some(mut svc) = world.services.get(name).cloned() else {
            return Ok(());
        };
        let Some(spec) = world.specs.get(&svc.target_config).cloned() else {
            return Err(EngineError::Invalid(format!(
                "service {name} has no parsed target configuration"
            )));
        };
        let before = serde_json::to_string(&svc).unwrap_or_default();

        self.note_failures(&mut svc, &spec);
        let plan_names: Vec<String> = svc.plans.keys().cloned().collect();
        for plan_name in plan_names {
            let steps = svc
                .plans
                .get(&plan_name)
                .map(Plan::next_steps)
                .unwrap_or_default();
            for at in steps {
                let Some(kind) = svc
                    .plans
                    .get(&plan_name)
                    .and_then(|p| p.step(at))
                    .map(|s| s.kind.clone())
                else {
                    continue;
                };
                match kind {
                    StepKind::Launch(pod) => {
                        self.drive_pod(usage, &mut svc, &spec, &plan_name, at, &pod, false)
                            .await?
                    }
                    StepKind::Recover { pod, permanent } => {
                        self.drive_pod(usage, &mut svc, &spec, &plan_name, at, &pod, permanent)
                            .await?
                    }
                    other => self.drive_cleanup(&mut svc, &plan_name, at, other).await?,
                }
            }
        }
        match reconcile::service_end(&svc) {
            ServiceEnd::Remove => {
                // Deregistered: nothing of the service stays in the store.
                self.store.write(vec![
                    Write::delete(Kind::Service, name.to_string()),
                    Write::event(
                        "service-removed",
                        &json!({"service": name, "kept_volumes": svc.keep_volumes}),
                    ),
                ])?;
                world.services.remove(name);
                for id in svc.configs.keys() {
                    world.specs.remove(id);
                }
                return Ok(());
            }
            ServiceEnd::FirstDeployComplete => svc.deploy_completed_once = true,
            ServiceEnd::Continue => {}
        }
        if serde_json::to_string(&svc).unwrap_or_default() != before {
            self.persist(&svc, vec![])?;
        }
        world.services.insert(name.to_string(), svc);
        Ok(())
    }

    /// A task that died after its step completed is recovered in place through the recovery plan, as the
    /// SDK's transient recovery does.
    fn note_failures(&self, svc: &mut ServiceRecord, spec: &ServiceSpec) {
        for recovery in reconcile::failure_recoveries(svc, spec) {
            if let (Recovery::RelaunchAfterFailure { tasks }, Some(plan)) =
                (recovery, svc.plans.get_mut("recovery"))
            {
                plan.add_recovery(tasks, false);
            }
        }
    }
}

pub(super) fn set_step(
    svc: &mut ServiceRecord,
    plan: &str,
    at: StepRef,
    f: impl FnOnce(&mut crate::scheduler::plan::Step),
) {
    if let Some(s) = svc.plans.get_mut(plan).and_then(|p| p.step_mut(at)) {
        f(s);
    }
}
