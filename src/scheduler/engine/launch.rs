//! Carrying out a pod step's action (`reconcile::pod_step`): retire, wait, migrate volumes, and launch —
//! place, write the placement ahead, attach the volumes, record the tasks for the agent.

use std::collections::BTreeMap;

use serde_json::json;

use super::tick::set_step;
use super::usage::Usage;
use super::{Engine, EngineError, new_task_id};
use crate::scheduler::placement::{self, PodKey, PodRequest, Resources, VolumeLocality};
use crate::scheduler::plan::{PodTasks, StepRef};
use crate::scheduler::reconcile::{self, PodAction};
use crate::scheduler::service::{PodRecord, ServiceRecord, TaskRecord, pod_resources};
use crate::scheduler::store::{Write, now_ms};
use crate::spec::model::{ServiceSpec, task_instance_name};
use crate::volume::NodeStorage;

impl Engine {
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn drive_pod(
        &self,
        usage: &mut Usage,
        svc: &mut ServiceRecord,
        spec: &ServiceSpec,
        plan_name: &str,
        at: StepRef,
        pod_tasks: &PodTasks,
        permanent: bool,
    ) -> Result<(), EngineError> {
        let now = now_ms();
        let instance = pod_tasks.pod_instance();
        let target = svc.target_config.clone();
        let nodes = self.liveness();
        loop {
            let action = reconcile::pod_step(
                spec,
                svc.pods.get(&instance),
                pod_tasks,
                permanent,
                &target,
                now,
                &nodes,
            );
            if action == PodAction::UnknownPodType {
                set_step(svc, plan_name, at, |s| {
                    s.mark_error(format!(
                        "pod type {} is not in the spec",
                        pod_tasks.pod_type
                    ))
                });
                return Ok(());
            }
            let pod = svc
                .pods
                .entry(instance.clone())
                .or_insert_with(|| PodRecord {
                    pod_type: pod_tasks.pod_type.clone(),
                    index: pod_tasks.index,
                    ..PodRecord::default()
                });
            // Earlier launches confirmed dead are forgotten.
            pod.retired.retain(|t| t.may_be_running());
            match action {
                PodAction::UnknownPodType => unreachable!("answered above"),
                PodAction::Retire { tasks } => reconcile::retire(pod, &tasks, now),
                PodAction::WaitForStop { tasks } => {
                    // Never two writers: nothing relaunches while an earlier launch may still run.
                    let msg = format!("waiting for {} to stop", tasks.join(", "));
                    set_step(svc, plan_name, at, |s| s.mark_pending(msg));
                    return Ok(());
                }
                PodAction::MigrateVolumes { from, force } => {
                    let old = pod.node.take();
                    debug_assert_eq!(old, from);
                    if let Some(old) = old {
                        let volumes = pod.volumes.clone();
                        let leave = pod.leave_old_node;
                        if let Err(msg) = self.give_up_volumes(&volumes, &old, force).await {
                            set_step(svc, plan_name, at, |s| s.mark_pending(msg));
                            return Ok(());
                        }
                        let pod = svc.pods.get_mut(&instance).expect("pod inserted above");
                        if leave {
                            pod.avoid = vec![old];
                        }
                    }
                    let pod = svc.pods.get_mut(&instance).expect("pod inserted above");
                    pod.moving = false;
                    pod.leave_old_node = false;
                }
                PodAction::WaitBackoff { failures, wait_ms } => {
                    let msg = format!(
                        "relaunching after {failures} failure(s) in {} s",
                        (wait_ms + 999) / 1000
                    );
                    set_step(svc, plan_name, at, |s| s.mark_delayed(msg));
                    return Ok(());
                }
                PodAction::RelaunchInPlace { node, tasks } => {
                    return self
                        .launch(
                            usage,
                            svc,
                            spec,
                            plan_name,
                            at,
                            pod_tasks,
                            Some(node),
                            &tasks,
                        )
                        .await;
                }
                PodAction::Place { tasks } => {
                    return self
                        .launch(usage, svc, spec, plan_name, at, pod_tasks, None, &tasks)
                        .await;
                }
                PodAction::Complete { node } => {
                    pod.failures = 0;
                    set_step(svc, plan_name, at, |s| {
                        s.mark_complete(format!("running on {node}"))
                    });
                    return Ok(());
                }
                PodAction::Started { node } => {
                    set_step(svc, plan_name, at, |s| {
                        s.mark_started(format!("running on {node}, waiting for readiness"))
                    });
                    return Ok(());
                }
                PodAction::Starting { node } => {
                    set_step(svc, plan_name, at, |s| {
                        s.mark_starting(format!("starting on {node}"))
                    });
                    return Ok(());
                }
            }
        }
    }

    /// The old node gives the volumes up before anyone else may attach them. A lost node cannot detach
    /// anything itself (its agent fenced its tasks before the lease ended), nor can a live host whose
    /// storage daemon is offline (its tasks are confirmed stopped): then the attachment is taken away
    /// (`force`).
    async fn give_up_volumes(
        &self,
        volumes: &[String],
        node: &str,
        force: bool,
    ) -> Result<(), String> {
        for v in volumes {
            let detached = if force {
                self.driver.force_detach(v, node).await
            } else {
                self.driver.detach(v, node).await
            };
            detached.map_err(|e| format!("cannot detach volume {v} from {node}: {e}"))?;
        }
        Ok(())
    }

    /// Launches the `missing` tasks of the step on `in_place`, or on a node chosen by placement: the
    /// placement is written ahead, then the volumes are created and attached, then the tasks recorded
    /// for the agent's next heartbeat.
    #[allow(clippy::too_many_arguments)]
    async fn launch(
        &self,
        usage: &mut Usage,
        svc: &mut ServiceRecord,
        spec: &ServiceSpec,
        plan_name: &str,
        at: StepRef,
        pod_tasks: &PodTasks,
        in_place: Option<String>,
        missing: &[String],
    ) -> Result<(), EngineError> {
        let now = now_ms();
        let instance = pod_tasks.pod_instance();
        let target = svc.target_config.clone();
        let pod_spec = spec
            .pods
            .get(&pod_tasks.pod_type)
            .expect("the reconciler checked the pod type");
        // The host ports the new launches need, in a fixed order: (task, port name, fixed or 0).
        let port_names: Vec<(String, String, u16)> = missing
            .iter()
            .filter_map(|t| pod_spec.tasks.get(t).map(|ts| (t, ts)))
            .flat_map(|(t, ts)| {
                ts.ports.iter().map(move |(name, p)| {
                    (
                        t.clone(),
                        name.clone(),
                        p.port
                            .filter(|p| *p > 0 && *p <= u32::from(u16::MAX))
                            .unwrap_or(0) as u16,
                    )
                })
            })
            .collect();
        // Placement: keep the node the pod has (a restart stays in place), else choose one.
        let pod = svc
            .pods
            .get(&instance)
            .expect("pod inserted before launching");
        let (node, ports) = match in_place {
            Some(n) => {
                let pod_snapshot = pod.clone();
                let assigned = usage.assign_ports(
                    &self.agents.snapshot(),
                    &n,
                    &port_names,
                    &PodKey {
                        service: svc.name.clone(),
                        pod_type: pod_snapshot.pod_type.clone(),
                        index: pod_snapshot.index,
                    },
                );
                (n, assigned)
            }
            _ => {
                let pod_snapshot = pod.clone();
                match self
                    .place(usage, svc, &pod_snapshot, pod_spec, pod_tasks, &port_names)
                    .await
                {
                    Ok(p) => (p.node, p.ports),
                    Err(why) => {
                        set_step(svc, plan_name, at, |s| s.mark_pending(why));
                        return Ok(());
                    }
                }
            }
        };
        let (cpus, mem) = pod_resources(pod_spec, &pod_tasks.tasks);
        usage.add(
            &node,
            PodKey {
                service: svc.name.clone(),
                pod_type: pod_tasks.pod_type.clone(),
                index: pod_tasks.index,
            },
            Resources {
                cpus,
                mem_mb: mem,
                disk_mb: 0,
            },
            &ports,
        );
        // Write-ahead: the placement is durable before any volume or task acts on it.
        let pod = svc.pods.get_mut(&instance).expect("pod inserted above");
        pod.node = Some(node.clone());
        pod.avoid.clear();
        self.persist(
            svc,
            vec![Write::event(
                "pod-placed",
                &json!({"service": svc.name, "pod": instance, "node": node}),
            )],
        )?;

        match self.ensure_volumes(svc, pod_spec, pod_tasks, &node).await {
            Ok(names) => {
                if let Some(p) = svc.pods.get_mut(&instance) {
                    p.volumes = names;
                }
            }
            Err(why) => {
                let plan_error = format!("pod {instance}: {why}");
                if let Some(plan) = svc.plans.get_mut(plan_name) {
                    if !plan.errors.contains(&plan_error) {
                        plan.errors.push(plan_error);
                    }
                    if let Some(s) = plan.step_mut(at) {
                        s.mark_error(why);
                    }
                }
                return Ok(());
            }
        }
        let params = svc
            .plans
            .get(plan_name)
            .map(|p| p.parameters.clone())
            .unwrap_or_default();
        let pod = svc.pods.get_mut(&instance).expect("pod inserted above");
        for name in missing {
            let Some(task_spec) = pod_spec.tasks.get(name) else {
                continue;
            };
            let ti = task_instance_name(&pod_tasks.pod_type, pod_tasks.index, name);
            let task_ports: BTreeMap<String, u16> = port_names
                .iter()
                .zip(ports.iter())
                .filter(|((t, _, _), _)| t == name)
                .map(|((_, port_name, _), port)| (port_name.clone(), *port))
                .collect();
            pod.tasks.insert(
                ti.clone(),
                TaskRecord {
                    task_id: new_task_id(&ti),
                    name: ti,
                    spec_name: name.clone(),
                    node: node.clone(),
                    goal: task_spec.goal,
                    state: None,
                    message: String::new(),
                    reason: None,
                    ready: false,
                    config_id: target.clone(),
                    wanted: true,
                    ports: task_ports,
                    extra_env: params.clone(),
                    paused: pod.paused.contains(name),
                    pid: None,
                    sandbox: None,
                    launched_ms: now,
                    updated_ms: now,
                },
            );
        }
        let msg = format!("launching {} on {node}", missing.join(", "));
        set_step(svc, plan_name, at, |s| s.mark_prepared(msg));
        Ok(())
    }

    /// Chooses a node (and host ports) for a pod instance with the placement pipeline.
    pub(super) async fn place(
        &self,
        usage: &Usage,
        svc: &ServiceRecord,
        pod: &PodRecord,
        pod_spec: &crate::spec::model::PodSpec,
        pod_tasks: &PodTasks,
        port_names: &[(String, String, u16)],
    ) -> Result<placement::Placement, String> {
        let mut request = PodRequest::new(
            svc.name.clone(),
            pod_tasks.pod_type.clone(),
            pod_tasks.index,
        );
        let volume_requests = Self::volume_requests(svc, pod_spec, pod_tasks)?;
        for (_, req) in &volume_requests {
            if let Ok(Some(v)) = self.driver.inspect(&req.name).await {
                request.volumes.push(VolumeLocality {
                    volume: v.name.clone(),
                    replicas: v.replica_nodes.clone(),
                    attached_to: v.attached_node.clone(),
                });
            }
        }
        let (cpus, mem) = pod_resources(pod_spec, &pod_tasks.tasks);
        request.resources = Resources {
            cpus,
            mem_mb: mem,
            disk_mb: 0,
        };
        request.ports = port_names.iter().map(|(_, _, p)| *p).collect();
        if let Some(raw) = pod_spec.placement.as_deref() {
            request.rule =
                crate::spec::constraint::PlacementRule::parse(raw).map_err(|e| e.to_string())?;
        }
        request.avoid = pod.avoid.clone();
        if !volume_requests.is_empty() {
            // Volumes cannot do I/O where the storage daemon is offline.
            for a in self.agents.snapshot() {
                let id = &a.info.node_id;
                if self.storage.node(id) == NodeStorage::Offline && !request.avoid.contains(id) {
                    request.avoid.push(id.clone());
                }
            }
        }
        let view = usage.view(
            &self.agents.snapshot(),
            &PodKey {
                service: svc.name.clone(),
                pod_type: pod.pod_type.clone(),
                index: pod.index,
            },
            &self.draining_nodes(),
        )?;
        placement::place(&view, &request).map_err(|u| u.to_string())
    }
}
