//! The read side the SDK API serves: plans, pods, endpoints, configurations, health, events.

use std::collections::BTreeSet;

use serde_json::json;

use super::{Engine, EngineError};
use crate::api::agent::TaskState;
use crate::api::sdk::{
    EndpointAddresses, MesosLabel, MesosLabels, MesosTaskInfo, MesosTaskStatus, PodStatus,
    PodTaskInfo, SerializedService, ServiceStatus,
};
use crate::scheduler::agents::Kept;
use crate::scheduler::plan::{Outcome, Plan, Progress};
use crate::scheduler::service::{ServiceRecord, pod_status, service_status};
use crate::scheduler::store::{StoreError, Write};
use crate::spec::model::ServiceSpec;

/// Why a read found nothing: no such service, or no such element (plan, pod, endpoint,
/// configuration) of a service that exists. The server answers the two differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Service,
    Element,
}

/// `Missing::Element` for an element a closure did not find.
fn element<T>(found: Result<Option<T>, Missing>) -> Result<T, Missing> {
    found.and_then(|o| o.ok_or(Missing::Element))
}

impl Engine {
    /// Runs `f` on the service and its target configuration.
    async fn with_service<T>(
        &self,
        name: &str,
        f: impl FnOnce(&ServiceRecord, &ServiceSpec) -> T,
    ) -> Result<T, Missing> {
        let world = self.world.lock().await;
        let svc = world.services.get(name).ok_or(Missing::Service)?;
        let spec = world
            .specs
            .get(&svc.target_config)
            .ok_or(Missing::Service)?;
        Ok(f(svc, spec))
    }

    /// Plan names, deploy and recovery first.
    pub async fn plan_names(&self, service: &str) -> Result<Vec<String>, Missing> {
        self.with_service(service, |svc, _| {
            let mut names: Vec<String> = vec!["deploy".into(), "recovery".into()];
            names.retain(|n| svc.plans.contains_key(n));
            names.extend(
                svc.plans
                    .keys()
                    .filter(|k| *k != "deploy" && *k != "recovery")
                    .cloned(),
            );
            names
        })
        .await
    }

    /// A plan's view, statuses computed now, and where it stands.
    pub async fn plan(
        &self,
        service: &str,
        plan: &str,
    ) -> Result<(Progress, crate::api::sdk::PlanView), Missing> {
        element(
            self.with_service(service, |svc, _| {
                svc.plans.get(plan).map(|p| (p.progress(), p.to_wire()))
            })
            .await,
        )
    }

    /// Applies an operator's plan command; the change is durable before the answer.
    pub async fn plan_op(
        &self,
        service: &str,
        plan: &str,
        op: impl FnOnce(&mut Plan) -> Outcome,
    ) -> Result<Outcome, EngineError> {
        let mut world = self.world.lock().await;
        let svc = world
            .services
            .get_mut(service)
            .ok_or_else(|| EngineError::NotFound(service.into()))?;
        let Some(p) = svc.plans.get_mut(plan) else {
            return Ok(Outcome::NotFound);
        };
        let outcome = op(p);
        let snapshot = svc.clone();
        self.persist(
            &snapshot,
            vec![Write::event(
                "plan-command",
                &json!({"service": service, "plan": plan}),
            )],
        )?;
        Ok(outcome)
    }

    /// Pod instance names, sorted as strings.
    pub async fn pod_names(&self, service: &str) -> Result<Vec<String>, Missing> {
        self.with_service(service, |svc, _| svc.pods.keys().cloned().collect())
            .await
    }

    /// Every pod's tasks, by pod type.
    pub async fn pod_status(&self, service: &str) -> Result<ServiceStatus, Missing> {
        let kept = self.agents.kept();
        self.with_service(service, |svc, spec| {
            let mut view = service_status(svc, spec);
            for instance in view.pods.iter_mut().flat_map(|t| t.instances.iter_mut()) {
                say_why_kept(svc, &kept, instance);
            }
            view
        })
        .await
    }

    /// One pod's tasks.
    pub async fn pod_one_status(&self, service: &str, pod: &str) -> Result<PodStatus, Missing> {
        let kept = self.agents.kept();
        element(
            self.with_service(service, |svc, _| {
                svc.pods.get(pod).map(|p| {
                    let mut view = pod_status(svc, p);
                    say_why_kept(svc, &kept, &mut view);
                    view
                })
            })
            .await,
        )
    }

    /// `pod info`: one `{info, status}` per task, in the SDK's camelCase TaskInfo/TaskStatus shape.
    pub async fn pod_info(&self, service: &str, pod: &str) -> Result<Vec<PodTaskInfo>, Missing> {
        let agents = self.agents.snapshot();
        element(
            self.with_service(service, |svc, _| {
                svc.pods.get(pod).map(|p| {
                    p.tasks
                        .values()
                        .map(|t| {
                            let agent = agents.iter().find(|a| a.info.node_id == t.node);
                            let hostname = agent.map(|a| a.info.topology.hostname.clone());
                            let mut labels = vec![
                                MesosLabel::new("task_type", t.spec_name.clone()),
                                MesosLabel::new("index", p.index.to_string()),
                                MesosLabel::new(
                                    "goal_state",
                                    format!("{:?}", t.goal).to_uppercase(),
                                ),
                                MesosLabel::new("target_configuration", t.config_id.clone()),
                                MesosLabel::new("offer_hostname", hostname.unwrap_or_default()),
                            ];
                            if let Some(z) = agent.and_then(|a| a.info.topology.zone.clone()) {
                                labels.push(MesosLabel::new("offer_zone", z));
                            }
                            PodTaskInfo {
                                info: MesosTaskInfo {
                                    name: t.name.clone(),
                                    task_id: t.task_id.as_str().into(),
                                    slave_id: t.node.as_str().into(),
                                    labels: MesosLabels { labels },
                                },
                                status: t.state.map(|s| MesosTaskStatus {
                                    task_id: t.task_id.as_str().into(),
                                    state: format!("TASK_{}", s.as_str()),
                                    message: t.message.clone(),
                                    slave_id: t.node.as_str().into(),
                                }),
                            }
                        })
                        .collect()
                })
            })
            .await,
        )
    }

    /// Endpoint names: the advertised ports, by port name.
    pub async fn endpoints(&self, service: &str) -> Result<Vec<String>, Missing> {
        self.with_service(service, |_, spec| {
            let mut names: BTreeSet<String> = BTreeSet::new();
            for pod in spec.pods.values() {
                for task in pod.tasks.values() {
                    for (name, p) in &task.ports {
                        if p.advertise {
                            names.insert(name.clone());
                        }
                    }
                }
            }
            names.into_iter().collect()
        })
        .await
    }

    /// One endpoint: `address` (`host:port`) and `dns` entries of every task that advertises the port.
    pub async fn endpoint(&self, service: &str, name: &str) -> Result<EndpointAddresses, Missing> {
        let agents = self.agents.snapshot();
        element(
            self.with_service(service, |svc, spec| {
                let mut address = Vec::new();
                let mut dns = Vec::new();
                for pod in svc.pods.values() {
                    let Some(pod_spec) = spec.pods.get(&pod.pod_type) else {
                        continue;
                    };
                    for t in pod.tasks.values() {
                        let advertised = pod_spec
                            .tasks
                            .get(&t.spec_name)
                            .and_then(|ts| ts.ports.get(name))
                            .is_some_and(|p| p.advertise);
                        if !advertised || t.state != Some(TaskState::Running) {
                            continue;
                        }
                        let Some(port) = t.ports.get(name) else {
                            continue;
                        };
                        let host = agents
                            .iter()
                            .find(|a| a.info.node_id == t.node)
                            .map(|a| a.info.topology.hostname.clone())
                            .unwrap_or_else(|| t.node.clone());
                        address.push(format!("{host}:{port}"));
                        dns.push(format!(
                            "{}.{}.autoip.dcos.thisdcos.directory:{port}",
                            t.name.replace('.', "-"),
                            svc.name.replace('/', "")
                        ));
                    }
                }
                if address.is_empty()
                    && !spec.pods.values().any(|p| {
                        p.tasks
                            .values()
                            .any(|t| t.ports.get(name).is_some_and(|p| p.advertise))
                    })
                {
                    return None;
                }
                Some(EndpointAddresses {
                    address,
                    dns,
                    vip: None,
                })
            })
            .await,
        )
    }

    /// Configuration ids, the target id, and one configuration as the serialized spec.
    pub async fn configurations(&self, service: &str) -> Result<(Vec<String>, String), Missing> {
        self.with_service(service, |svc, _| {
            (
                svc.configs.keys().cloned().collect(),
                svc.target_config.clone(),
            )
        })
        .await
    }

    /// One configuration, as the SDK serializes a ServiceSpec.
    pub async fn configuration(
        &self,
        service: &str,
        id: &str,
    ) -> Result<SerializedService, Missing> {
        let world = self.world.lock().await;
        let svc = world.services.get(service).ok_or(Missing::Service)?;
        if !svc.configs.contains_key(id) {
            return Err(Missing::Element);
        }
        world
            .specs
            .get(id)
            .map(|spec| crate::scheduler::service::serialized_spec(spec, &svc.name))
            .ok_or(Missing::Element)
    }

    pub async fn framework_id(&self, service: &str) -> Result<String, Missing> {
        self.with_service(service, |svc, _| svc.framework_id.clone())
            .await
    }

    /// Deploy and recovery plans decide health (the fork's rule, §2.7).
    /// Errors in either plan win, then either still in progress, else complete.
    pub async fn health(&self, service: &str) -> Result<Progress, Missing> {
        self.with_service(service, |svc, _| {
            ["deploy", "recovery"]
                .iter()
                .filter_map(|n| svc.plans.get(*n))
                .map(Plan::progress)
                .max()
                .unwrap_or(Progress::Complete)
        })
        .await
    }

    /// The attach/detach events recorded so far (tests prove "never two writers" with it).
    pub fn events(
        &self,
        kind: Option<&str>,
    ) -> Result<Vec<crate::api::admin::LoggedEvent>, StoreError> {
        self.store.events(kind, 0)
    }
}

/// A pod on a node that fell silent but is not declared lost (no server majority) stays where it is: its
/// status says so, and why, instead of showing the last state its node reported as if it were current.
fn say_why_kept(svc: &ServiceRecord, kept: &[Kept], view: &mut PodStatus) {
    let Some(pod) = svc.pods.values().find(|p| p.instance() == view.name) else {
        return;
    };
    let Some(k) = kept
        .iter()
        .find(|k| pod.tasks.values().any(|t| t.node == k.node_id))
    else {
        return;
    };
    view.message = Some(format!(
        "node {} silent for {} s; not declared lost: {}",
        k.node_id,
        k.silent_ms / 1000,
        k.reason
    ));
}
