//! Adding, changing, uninstalling and restoring services: the requests that change a service's target.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde_json::json;

use super::{Engine, EngineError};
use crate::api::admin::{AddService, ConfigChange, ServiceAdded, Uninstalling, UpdateService};
use crate::api::agent::TaskState;
use crate::scheduler::plan::{Plan, PodTasks, StepRef, plans_from_spec};
use crate::scheduler::service::{PodRecord, ServiceRecord};
use crate::scheduler::store::{Write, now_ms};
use crate::spec::model::{Goal, ServiceSpec, task_instance_name};

/// The plan a restore runs as.
const RESTORE_PLAN: &str = "restore";

impl Engine {
    /// Adds a service: templates and validates its spec, records it with its plans. Nothing runs before the
    /// record is durable.
    pub async fn add_service(&self, req: AddService) -> Result<ServiceAdded, EngineError> {
        let name = crate::api::names::validate_service_name(&req.name)
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        let loaded = crate::spec::load(&req.spec, &req.env)
            .map_err(|e| EngineError::Invalid(format!("the spec of {name} is not valid:\n{e}")))?;
        let mut world = self.world.lock().await;
        if world.services.contains_key(&name) {
            return Err(EngineError::Conflict(format!(
                "a service named {name} already exists"
            )));
        }
        let config_id = uuid::Uuid::new_v4().to_string();
        let spec = Arc::new(loaded.spec);
        let mut plans = BTreeMap::new();
        for plan in plans_from_spec(&spec, false) {
            plans.insert(plan.name.clone(), plan);
        }
        plans
            .entry("recovery".to_string())
            .or_insert_with(Plan::recovery);
        let rec = ServiceRecord {
            name: name.clone(),
            template: req.spec,
            env: req.env,
            files: req.files,
            configs: BTreeMap::from([(config_id.clone(), loaded.rendered)]),
            target_config: config_id.clone(),
            framework_id: uuid::Uuid::new_v4().to_string(),
            plans,
            pods: BTreeMap::new(),
            deploy_completed_once: false,
            uninstalling: false,
            keep_volumes: false,
            created_ms: now_ms(),
        };
        self.commit_config(&mut world, rec, &config_id, spec, "service-added")?;
        Ok(ServiceAdded {
            service: name,
            config: config_id,
            warnings: loaded.warnings.iter().map(|w| w.to_string()).collect(),
        })
    }

    /// Applies a configuration change. An illegal change (a volume change, or fewer pods where the spec does
    /// not allow decommissioning) keeps the current configuration and is reported as errors of the deploy
    /// plan (HTTP 417), as the SDK's config validators do.
    pub async fn update_service(
        &self,
        name: &str,
        req: UpdateService,
    ) -> Result<ConfigChange, EngineError> {
        let mut world = self.world.lock().await;
        let svc = world
            .services
            .get(name)
            .cloned()
            .ok_or_else(|| EngineError::NotFound(format!("no service named {name}")))?;
        let old = world
            .specs
            .get(&svc.target_config)
            .cloned()
            .ok_or_else(|| {
                EngineError::Invalid(format!("service {name} has no parsed target configuration"))
            })?;
        let mut env = if req.replace_env {
            BTreeMap::new()
        } else {
            svc.env.clone()
        };
        env.extend(req.env);
        let template = req.spec.clone().unwrap_or_else(|| svc.template.clone());
        let loaded = crate::spec::load(&template, &env).map_err(|e| {
            EngineError::Invalid(format!("the new spec of {name} is not valid:\n{e}"))
        })?;
        let new = Arc::new(loaded.spec);
        let mut svc = svc;
        let errors = transition_errors(&svc.name, &old, &new);
        if !errors.is_empty() {
            if let Some(deploy) = svc.plans.get_mut("deploy") {
                deploy.errors = errors.clone();
            }
            self.persist(
                &svc,
                vec![Write::event(
                    "config-rejected",
                    &json!({"service": name, "errors": errors}),
                )],
            )?;
            world.services.insert(name.to_string(), svc);
            return Ok(ConfigChange {
                service: name.to_string(),
                accepted: false,
                config: None,
                errors,
            });
        }
        let config_id = uuid::Uuid::new_v4().to_string();
        svc.env = env;
        svc.template = template;
        if let Some(files) = req.files {
            svc.files = files;
        }
        svc.configs.insert(config_id.clone(), loaded.rendered);
        svc.target_config = config_id.clone();
        let recovery = svc.plans.remove("recovery").unwrap_or_else(Plan::recovery);
        svc.plans.clear();
        for mut plan in plans_from_spec(&new, svc.deploy_completed_once) {
            if plan.name == "deploy" {
                settle_unchanged(&mut plan, &mut svc.pods, &old, &new, &config_id);
            }
            svc.plans.insert(plan.name.clone(), plan);
        }
        svc.plans.insert("recovery".into(), recovery);
        let removals = crate::scheduler::plan::Decommission::between(&old, &new, !req.keep_volumes);
        if !removals.is_empty() {
            svc.plans
                .insert("decommission".into(), Plan::decommission(&removals));
        }
        self.commit_config(&mut world, svc, &config_id, new, "config-updated")?;
        Ok(ConfigChange {
            service: name.to_string(),
            accepted: true,
            config: Some(config_id),
            errors: Vec::new(),
        })
    }

    /// Starts the SDK uninstall flow: the deploy plan becomes the uninstall plan (kill every task, release
    /// and — unless kept — delete every volume, then deregister); the service disappears from the store
    /// when that plan is complete. Returns the volumes that will be kept, if any.
    pub async fn uninstall_service(
        &self,
        name: &str,
        keep_volumes: bool,
    ) -> Result<Uninstalling, EngineError> {
        let mut world = self.world.lock().await;
        let svc = world
            .services
            .get_mut(name)
            .ok_or_else(|| EngineError::NotFound(format!("no service named {name}")))?;
        if svc.uninstalling {
            let kept = if svc.keep_volumes {
                volumes_of(svc)
            } else {
                Vec::new()
            };
            return Ok(Uninstalling {
                service: name.to_string(),
                uninstalling: true,
                kept_volumes: kept,
            });
        }
        let mut tasks = Vec::new();
        for pod in svc.pods.values() {
            for t in pod.tasks.values().chain(pod.retired.iter()) {
                tasks.push(crate::scheduler::plan::UninstallTask {
                    task: t.name.clone(),
                    task_id: t.task_id.clone(),
                });
            }
        }
        let volumes = volumes_of(svc);
        svc.uninstalling = true;
        svc.keep_volumes = keep_volumes;
        svc.plans.clear();
        svc.plans.insert(
            "deploy".into(),
            Plan::uninstall(&tasks, &volumes, !keep_volumes),
        );
        let snapshot = svc.clone();
        self.persist(
            &snapshot,
            vec![Write::event(
                "service-uninstall",
                &json!({"service": name, "keep_volumes": keep_volumes}),
            )],
        )?;
        let kept = if keep_volumes { volumes } else { Vec::new() };
        Ok(Uninstalling {
            service: name.to_string(),
            uninstalling: true,
            kept_volumes: kept,
        })
    }

    /// Starts a restore: the `restore` plan stops every task, releases the volumes, brings each back to its
    /// snapshot, then relaunches every pod in place. `restores` pairs volume names with snapshot ids.
    /// Returns the name of the plan that runs the restore.
    pub async fn restore_service(
        &self,
        name: &str,
        restores: Vec<(String, String)>,
    ) -> Result<String, EngineError> {
        let mut world = self.world.lock().await;
        let svc = world
            .services
            .get_mut(name)
            .ok_or_else(|| EngineError::NotFound(format!("no service named {name}")))?;
        if svc.uninstalling {
            return Err(EngineError::Conflict(format!(
                "{name} is being uninstalled"
            )));
        }
        if let Some(p) = svc.plans.get(RESTORE_PLAN)
            && p.status() != crate::scheduler::plan::Status::Complete
        {
            return Err(EngineError::Conflict(format!(
                "a restore of {name} is already running"
            )));
        }
        let known = volumes_of(svc);
        if let Some((v, _)) = restores.iter().find(|(v, _)| !known.contains(v)) {
            return Err(EngineError::Invalid(format!(
                "{name} has no volume {v}; its volumes are: {}",
                known.join(", ")
            )));
        }
        let mut tasks = Vec::new();
        let mut pods = Vec::new();
        for pod in svc.pods.values() {
            for t in pod.tasks.values() {
                tasks.push(crate::scheduler::plan::UninstallTask {
                    task: t.name.clone(),
                    task_id: t.task_id.clone(),
                });
            }
            pods.push(PodTasks {
                pod_type: pod.pod_type.clone(),
                index: pod.index,
                tasks: pod.tasks.values().map(|t| t.spec_name.clone()).collect(),
            });
        }
        svc.plans
            .insert(RESTORE_PLAN.into(), Plan::restore(&tasks, &restores, &pods));
        let snapshot = svc.clone();
        self.persist(
            &snapshot,
            vec![Write::event(
                "service-restore",
                &json!({"service": name, "volumes": restores}),
            )],
        )?;
        Ok(RESTORE_PLAN.to_string())
    }

    /// The service names.
    pub async fn service_names(&self) -> Vec<String> {
        self.world.lock().await.services.keys().cloned().collect()
    }

    /// A read-only copy of a service record.
    pub async fn service(&self, name: &str) -> Option<ServiceRecord> {
        self.world.lock().await.services.get(name).cloned()
    }
}

/// Every volume of a service's pods, once each.
pub(super) fn volumes_of(svc: &ServiceRecord) -> Vec<String> {
    let set: BTreeSet<String> = svc
        .pods
        .values()
        .flat_map(|p| p.volumes.iter().cloned())
        .collect();
    set.into_iter().collect()
}

/// The SDK's config-update validators that matter for data (§3.8): volumes cannot change, and pods
/// cannot go away unless their type allows decommissioning. Messages use the SDK's format.
pub(super) fn transition_errors(
    service: &str,
    old: &ServiceSpec,
    new: &ServiceSpec,
) -> Vec<String> {
    let mut errors = Vec::new();
    for (pod_type, old_pod) in &old.pods {
        match new.pods.get(pod_type) {
            None if !old_pod.allow_decommission => errors.push(format!(
                "Field: 'PodSpecs'; Transition: '{pod_type}' => 'removed'; Message: 'pod type {pod_type} cannot be removed: its spec does not set allow-decommission'"
            )),
            Some(new_pod) => {
                if new_pod.count < old_pod.count && !old_pod.allow_decommission {
                    errors.push(format!(
                        "Field: 'PodSpec[name:{pod_type}].count'; Transition: '{}' => '{}'; Message: 'pod count cannot be decreased: pod type {pod_type} does not set allow-decommission'",
                        old_pod.count, new_pod.count
                    ));
                }
                let before = serde_json::to_value(old_pod.resolved_volumes(service, pod_type)).unwrap_or_default();
                let after = serde_json::to_value(new_pod.resolved_volumes(service, pod_type)).unwrap_or_default();
                if before != after {
                    errors.push(format!(
                        "Field: 'TaskVolumes[pod:{pod_type}]'; Transition: '{before}' => '{after}'; Message: 'Volumes must be equal.'"
                    ));
                }
            }
            None => {}
        }
    }
    errors
}

/// Steps of pods whose spec did not change and that run are COMPLETE at once (the SDK relaunches only what
/// changed); their tasks now count as launched with the new configuration.
pub(super) fn settle_unchanged(
    plan: &mut Plan,
    pods: &mut BTreeMap<String, PodRecord>,
    old: &ServiceSpec,
    new: &ServiceSpec,
    config_id: &str,
) {
    let refs: Vec<StepRef> = plan
        .phases
        .iter()
        .enumerate()
        .flat_map(|(pi, ph)| {
            (0..ph.steps.len()).map(move |si| StepRef {
                phase: pi,
                step: si,
            })
        })
        .collect();
    for at in refs {
        let Some(pod_tasks) = plan.step(at).and_then(|s| s.kind.pod()).cloned() else {
            continue;
        };
        let same = match (
            old.pods.get(&pod_tasks.pod_type),
            new.pods.get(&pod_tasks.pod_type),
        ) {
            (Some(a), Some(b)) => {
                serde_json::to_value(a).ok() == serde_json::to_value(b).ok() || {
                    // Only the count changed: existing instances are unchanged.
                    let mut a2 = a.clone();
                    a2.count = b.count;
                    serde_json::to_value(&a2).ok() == serde_json::to_value(b).ok()
                }
            }
            _ => false,
        };
        let Some(pod) = pods.get_mut(&pod_tasks.pod_instance()) else {
            continue;
        };
        let all_running = pod_tasks.tasks.iter().all(|t| {
            pod.tasks
                .get(&task_instance_name(&pod_tasks.pod_type, pod_tasks.index, t))
                .is_some_and(|r| {
                    r.wanted && !r.is_terminal()
                        || (r.goal != Goal::Running && r.state == Some(TaskState::Finished))
                })
        });
        if same && all_running {
            for t in pod.tasks.values_mut() {
                t.config_id = config_id.to_string();
            }
            if let Some(step) = plan.step_mut(at) {
                step.mark_complete("unchanged".to_string());
            }
        }
    }
}
