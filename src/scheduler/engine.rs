//! The engine: the loop that turns plans into running tasks, and the one place that mutates service state.
//!
//! Each tick it reads the services and agents, asks the pure core what to do (`plan::Plan::next_steps`,
//! `placement::place`), writes the decision to the store, and only then acts (creates and attaches volumes,
//! hands tasks to agents through their heartbeats). Agents converge on what the store says, so a crash at
//! any point resumes from the last written decision: volume calls are idempotent, task ids are unique per
//! launch, and a relaunch waits until every earlier launch of the pod is confirmed dead (never two writers).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::agent::executor::{TaskLaunch, TaskState, TaskStatus};
use crate::agent::sandbox::VolumeMount;
pub use crate::api::admin::{AddService, UpdateService};
use crate::scheduler::agents::Agents;
use crate::scheduler::placement::{
    self, ClusterView, NodeInfo, PodKey, PodRequest, Resources, VolumeLocality,
};
use crate::scheduler::plan::{Outcome, Plan, PodTasks, StepKind, StepRef, plans_from_spec};
use crate::scheduler::service::{
    LaunchContext, PodRecord, ServiceRecord, TaskRecord, launch_spec, pod_resources,
    pod_status_json, tasks_json,
};
use crate::scheduler::state::AgentStatus;
use crate::scheduler::storage_health::{self, StorageWatch, Verdict};
use crate::scheduler::store::{Kind, Store, StoreError, Write, now_ms};
use crate::spec::model::{Goal, ServiceSpec, pod_instance_name, task_instance_name};
use crate::spec::volume::VolumeSyntax;
use crate::volume::{NodeStorage, NodeTopology, Placement, VolumeDriver, VolumeRequest};

/// Back-off after a failed launch: doubled per consecutive failure, capped.
const BACKOFF_BASE_MS: i64 = 1_000;
const BACKOFF_MAX_MS: i64 = 60_000;

/// Why the engine refused a request. The HTTP layer maps each to its status.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

struct World {
    services: BTreeMap<String, ServiceRecord>,
    /// Parsed specs by configuration id (derived from `ServiceRecord::configs`, never persisted).
    specs: HashMap<String, Arc<ServiceSpec>>,
}

/// The scheduler engine of one control plane.
pub struct Engine {
    store: Arc<Store>,
    agents: Arc<Agents>,
    driver: Arc<dyn VolumeDriver>,
    world: tokio::sync::Mutex<World>,
    /// Node storage apart from the host: read from the driver every few seconds.
    storage: StorageWatch,
}

/// How often the storage backend's node states are read, unless the server says otherwise.
pub const STORAGE_CHECK_EVERY: Duration = Duration::from_secs(5);

fn parse_config(yaml: &str) -> Result<Arc<ServiceSpec>, String> {
    crate::spec::load_rendered(yaml)
        .map(|l| Arc::new(l.spec))
        .map_err(|e| e.to_string())
}

fn new_task_id(task_instance: &str) -> String {
    format!("{task_instance}__{}", uuid::Uuid::new_v4())
}

fn backoff_ms(failures: u32) -> i64 {
    (BACKOFF_BASE_MS << failures.min(6)).min(BACKOFF_MAX_MS)
}

impl Engine {
    /// Loads every service from the store.
    pub fn load(
        store: Arc<Store>,
        agents: Arc<Agents>,
        driver: Arc<dyn VolumeDriver>,
    ) -> Result<Engine, EngineError> {
        let mut services = BTreeMap::new();
        let mut specs = HashMap::new();
        for (name, rec) in store.list::<ServiceRecord>(Kind::Service)? {
            for (id, yaml) in &rec.configs {
                let spec = parse_config(yaml).map_err(|e| {
                    EngineError::Invalid(format!(
                        "stored configuration {id} of service {name} no longer parses: {e}"
                    ))
                })?;
                specs.insert(id.clone(), spec);
            }
            services.insert(name, rec);
        }
        Ok(Engine {
            store,
            agents,
            driver,
            world: tokio::sync::Mutex::new(World { services, specs }),
            storage: StorageWatch::new(STORAGE_CHECK_EVERY),
        })
    }

    /// Reads node storage health every `every` instead of [`STORAGE_CHECK_EVERY`].
    pub fn with_storage_check(mut self, every: Duration) -> Self {
        self.storage = StorageWatch::new(every);
        self
    }

    /// The last known storage state of `node` (up when the backend says nothing).
    pub fn node_storage(&self, node: &str) -> NodeStorage {
        self.storage.node(node)
    }

    pub fn agents(&self) -> &Arc<Agents> {
        &self.agents
    }

    pub fn driver(&self) -> &Arc<dyn VolumeDriver> {
        &self.driver
    }

    fn persist(&self, svc: &ServiceRecord, extra: Vec<Write>) -> Result<(), StoreError> {
        let mut batch = vec![Write::put(Kind::Service, svc.name.clone(), svc)];
        batch.extend(extra);
        self.store.write(batch)
    }

    // ------------------------------------------------------------------ services

    /// Adds a service: templates and validates its spec, records it with its plans. Nothing runs before the
    /// record is durable.
    pub async fn add_service(&self, req: AddService) -> Result<Value, EngineError> {
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
        self.persist(
            &rec,
            vec![Write::event(
                "service-added",
                &json!({"service": name, "config": config_id}),
            )],
        )?;
        world.specs.insert(config_id.clone(), spec);
        world.services.insert(name.clone(), rec);
        Ok(json!({"service": name, "config": config_id,
                  "warnings": loaded.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>()}))
    }

    /// Applies a configuration change. An illegal change (a volume change, or fewer pods where the spec does
    /// not allow decommissioning) keeps the current configuration and is reported as errors of the deploy
    /// plan (HTTP 417), as the SDK's config validators do.
    pub async fn update_service(
        &self,
        name: &str,
        req: UpdateService,
    ) -> Result<Value, EngineError> {
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
            return Ok(json!({"service": name, "accepted": false, "errors": errors}));
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
        self.persist(
            &svc,
            vec![Write::event(
                "config-updated",
                &json!({"service": name, "config": config_id}),
            )],
        )?;
        world.specs.insert(config_id.clone(), new);
        world.services.insert(name.to_string(), svc);
        Ok(json!({"service": name, "accepted": true, "config": config_id, "errors": []}))
    }

    /// Starts the SDK uninstall flow: the deploy plan becomes the uninstall plan (kill every task, release
    /// and — unless kept — delete every volume, then deregister); the service disappears from the store
    /// when that plan is complete. Returns the volumes that will be kept, if any.
    pub async fn uninstall_service(
        &self,
        name: &str,
        keep_volumes: bool,
    ) -> Result<Value, EngineError> {
        let mut world = self.world.lock().await;
        let svc = world
            .services
            .get_mut(name)
            .ok_or_else(|| EngineError::NotFound(format!("no service named {name}")))?;
        if svc.uninstalling {
            return Ok(
                json!({"service": name, "uninstalling": true, "kept_volumes": if svc.keep_volumes { volumes_of(svc) } else { Vec::new() }}),
            );
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
        Ok(
            json!({"service": name, "uninstalling": true, "kept_volumes": if keep_volumes { volumes } else { Vec::new() }}),
        )
    }

    /// Starts a restore: the `restore` plan stops every task, releases the volumes, brings each back to its
    /// snapshot, then relaunches every pod in place. `restores` pairs volume names with snapshot ids.
    pub async fn restore_service(
        &self,
        name: &str,
        restores: Vec<(String, String)>,
    ) -> Result<Value, EngineError> {
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
        if let Some(p) = svc.plans.get("restore")
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
            .insert("restore".into(), Plan::restore(&tasks, &restores, &pods));
        let snapshot = svc.clone();
        self.persist(
            &snapshot,
            vec![Write::event(
                "service-restore",
                &json!({"service": name, "volumes": restores}),
            )],
        )?;
        Ok(json!({"service": name, "plan": "restore"}))
    }

    /// Where each task of a service runs, with what environment and volumes: what a snapshot needs to run
    /// hooks in task context and to freeze the tasks.
    pub async fn task_contexts(&self, name: &str) -> Option<Vec<TaskContext>> {
        let world = self.world.lock().await;
        let svc = world.services.get(name)?;
        let spec = world.specs.get(&svc.target_config)?;
        let mut out = Vec::new();
        for pod in svc.pods.values() {
            let mounts = self.mounts(svc, spec, pod);
            let volumes: Vec<(String, String)> = spec
                .pods
                .get(&pod.pod_type)
                .and_then(|ps| {
                    Self::volume_requests(
                        svc,
                        ps,
                        &PodTasks {
                            pod_type: pod.pod_type.clone(),
                            index: pod.index,
                            tasks: Vec::new(),
                        },
                    )
                    .ok()
                })
                .unwrap_or_default()
                .into_iter()
                .map(|(path, req)| (path, req.name))
                .collect();
            for t in pod.tasks.values() {
                let ctx = LaunchContext {
                    service: svc,
                    spec,
                    pod,
                    task: t,
                    mounts: mounts.clone(),
                    sandbox_root: t
                        .sandbox
                        .as_ref()
                        .and_then(|s| s.parent())
                        .map(PathBuf::from)
                        .unwrap_or_default(),
                };
                out.push(TaskContext {
                    pod: pod.instance(),
                    pod_type: pod.pod_type.clone(),
                    task: t.name.clone(),
                    task_id: t.task_id.clone(),
                    node: t.node.clone(),
                    state: t.status_word().map(str::to_string),
                    pid: t.pid,
                    sandbox: t.sandbox.clone(),
                    env: launch_spec(&ctx).map(|l| l.task_env()).unwrap_or_default(),
                    volumes: volumes.clone(),
                });
            }
        }
        Some(out)
    }

    /// The service names.
    pub async fn service_names(&self) -> Vec<String> {
        self.world.lock().await.services.keys().cloned().collect()
    }

    /// A read-only copy of a service record.
    pub async fn service(&self, name: &str) -> Option<ServiceRecord> {
        self.world.lock().await.services.get(name).cloned()
    }

    // ------------------------------------------------------------------ the loop

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
        let mut usage = Usage::from_world(&world);
        let names: Vec<String> = world.services.keys().cloned().collect();
        for name in names {
            self.drive_service(&mut world, &mut usage, &name).await?;
        }
        Ok(())
    }

    /// A node declared lost (lease + grace passed) has fenced itself: its tasks are dead. Each of its pods
    /// is recovered permanently — volumes force-detached, the pod placed elsewhere (a replica node first),
    /// the tasks relaunched — through the recovery plan.
    fn recover_lost_nodes(&self, world: &mut World, lost: &[String]) -> Result<(), EngineError> {
        let now = now_ms();
        let names: Vec<String> = world.services.keys().cloned().collect();
        for name in names {
            let Some(svc) = world.services.get_mut(&name) else {
                continue;
            };
            let mut moved = Vec::new();
            for (instance, pod) in svc.pods.iter_mut() {
                let Some(node) = pod.node.clone() else {
                    continue;
                };
                if !lost.contains(&node) {
                    continue;
                }
                for t in pod.tasks.values_mut().chain(pod.retired.iter_mut()) {
                    if !t.is_terminal() {
                        t.state = Some(TaskState::Killed);
                        t.message = format!(
                            "node {node} was lost (its lease expired); its agent fenced the task"
                        );
                        t.updated_ms = now;
                    }
                    t.wanted = false;
                }
                pod.moving = true;
                pod.failures = 0;
                pod.not_before_ms = 0;
                let tasks: Vec<String> = pod.tasks.values().map(|t| t.spec_name.clone()).collect();
                moved.push((
                    instance.clone(),
                    node,
                    PodTasks {
                        pod_type: pod.pod_type.clone(),
                        index: pod.index,
                        tasks,
                    },
                ));
            }
            if moved.is_empty() {
                continue;
            }
            let mut events = Vec::new();
            for (instance, node, pod_tasks) in moved {
                if let Some(recovery) = svc.plans.get_mut("recovery") {
                    recovery.add_recovery(pod_tasks, true);
                }
                events.push(Write::event(
                    "pod-failover",
                    &json!({"service": name, "pod": instance, "lost_node": node}),
                ));
            }
            let snapshot = svc.clone();
            self.persist(&snapshot, events)?;
        }
        Ok(())
    }

    /// Storage that failed apart from its host (`storage_health`): a pod whose volumes cannot do I/O on
    /// its node but can elsewhere moves through the recovery plan; every other pod stays, and why is
    /// recorded once per change. Hosts that are down are the lease's business, not this.
    async fn check_storage(&self, world: &mut World) -> Result<(), EngineError> {
        let nodes = match self.driver.node_storage().await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!("cannot read the storage state of the nodes: {e}");
                return Ok(());
            }
        };
        self.storage.set_nodes(nodes);
        let names: Vec<String> = world.services.keys().cloned().collect();
        for name in names {
            let pods: Vec<(String, String, Vec<String>)> = world.services[&name]
                .pods
                .iter()
                .filter(|(_, p)| !p.moving)
                .filter_map(|(i, p)| p.node.clone().map(|n| (i.clone(), n, p.volumes.clone())))
                .collect();
            'pods: for (instance, node, volumes) in pods {
                if !self.node_active(&node) {
                    continue;
                }
                let key = format!("{name}/{instance}");
                let storage = self.storage.node(&node);
                let verdict = if storage.serves_io() {
                    Verdict::Healthy
                } else {
                    let mut health = Vec::new();
                    for v in &volumes {
                        match self.driver.volume_health(v).await {
                            Ok(Some(h)) => health.push((v.clone(), h)),
                            Ok(None) => {}
                            Err(e) => {
                                tracing::warn!("cannot read the health of volume {v}: {e}");
                                continue 'pods;
                            }
                        }
                    }
                    storage_health::judge(&node, storage, &health)
                };
                let (kind, reason) = match &verdict {
                    Verdict::Healthy => ("storage-healthy", None),
                    Verdict::Keep(why) => ("storage-pod-kept", Some(why.as_str())),
                    Verdict::Move(why) => ("pod-storage-failover", Some(why.as_str())),
                };
                if !self.storage.note(&key, reason) {
                    continue;
                }
                let Some(svc) = world.services.get_mut(&name) else {
                    continue;
                };
                if matches!(verdict, Verdict::Move(_)) {
                    recover_in(svc, &instance, true);
                }
                let snapshot = svc.clone();
                self.persist(
                    &snapshot,
                    vec![Write::event(
                        kind,
                        &json!({"service": name, "pod": instance, "node": node, "storage": storage, "reason": reason}),
                    )],
                )?;
            }
        }
        Ok(())
    }

    async fn drive_service(
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
        if svc.uninstalling
            && svc
                .plans
                .get("deploy")
                .is_some_and(|p| p.status() == crate::scheduler::plan::Status::Complete)
        {
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
        if !svc.deploy_completed_once
            && svc
                .plans
                .get("deploy")
                .is_some_and(|p| p.status() == crate::scheduler::plan::Status::Complete)
        {
            svc.deploy_completed_once = true;
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
        if svc.uninstalling {
            return;
        }
        let mut to_recover = Vec::new();
        for pod in svc.pods.values() {
            let failed = pod
                .tasks
                .values()
                .any(|t| t.wanted && t.goal == Goal::Running && t.is_terminal());
            if failed && !pod_step_active(svc, &pod.instance()) {
                let tasks: Vec<String> = pod.tasks.values().map(|t| t.spec_name.clone()).collect();
                if spec.pods.contains_key(&pod.pod_type) {
                    to_recover.push(PodTasks {
                        pod_type: pod.pod_type.clone(),
                        index: pod.index,
                        tasks,
                    });
                }
            }
        }
        for pod in to_recover {
            if let Some(recovery) = svc.plans.get_mut("recovery") {
                recovery.add_recovery(pod, false);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn drive_pod(
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
        let Some(pod_spec) = spec.pods.get(&pod_tasks.pod_type) else {
            set_step(svc, plan_name, at, |s| {
                s.mark_error(format!(
                    "pod type {} is not in the spec",
                    pod_tasks.pod_type
                ))
            });
            return Ok(());
        };
        let pod = svc
            .pods
            .entry(instance.clone())
            .or_insert_with(|| PodRecord {
                pod_type: pod_tasks.pod_type.clone(),
                index: pod_tasks.index,
                ..PodRecord::default()
            });

        // Retire what must go: stale configuration, failed launches, and everything on a permanent move.
        for name in &pod_tasks.tasks {
            let ti = task_instance_name(&pod_tasks.pod_type, pod_tasks.index, name);
            let retire = match pod.tasks.get(&ti) {
                None => false,
                Some(t) => {
                    !t.wanted
                        || t.config_id != target
                        || (t.goal == Goal::Running && t.is_terminal())
                        || matches!(t.state, Some(TaskState::Failed | TaskState::Killed))
                        || (permanent && pod.moving)
                }
            };
            if retire && let Some(mut old) = pod.tasks.remove(&ti) {
                if old.wanted && old.goal == Goal::Running && old.is_terminal() {
                    pod.failures += 1;
                    pod.not_before_ms = now + backoff_ms(pod.failures);
                }
                old.wanted = false;
                pod.retired.push(old);
            }
        }
        // Never two writers: nothing relaunches while an earlier launch may still run.
        pod.retired.retain(|t| t.may_be_running());
        if !pod.retired.is_empty() {
            let waiting: Vec<String> = pod.retired.iter().map(|t| t.name.clone()).collect();
            let msg = format!("waiting for {} to stop", waiting.join(", "));
            set_step(svc, plan_name, at, |s| s.mark_pending(msg));
            return Ok(());
        }
        if permanent && pod.moving {
            // The old node gives the volumes up before anyone else may attach them.
            if let Some(old) = pod.node.take() {
                let old_active = self.node_active(&old);
                for v in pod.volumes.clone() {
                    // A lost node cannot detach anything itself; its agent fenced its tasks before the lease
                    // ended, so the attachment is taken away from it.
                    // A live host whose storage daemon is offline cannot detach either; its tasks are
                    // confirmed stopped above, so the attachment is taken away the same way.
                    let detached = if old_active && self.storage.node(&old) != NodeStorage::Offline
                    {
                        self.driver.detach(&v, &old).await
                    } else {
                        self.driver.force_detach(&v, &old).await
                    };
                    if let Err(e) = detached {
                        let msg = format!("cannot detach volume {v} from {old}: {e}");
                        set_step(svc, plan_name, at, |s| s.mark_pending(msg));
                        return Ok(());
                    }
                }
                if pod.leave_old_node {
                    pod.avoid = vec![old];
                }
            }
            pod.moving = false;
            pod.leave_old_node = false;
        }

        let missing: Vec<String> = pod_tasks
            .tasks
            .iter()
            .filter(|t| {
                !pod.tasks.contains_key(&task_instance_name(
                    &pod_tasks.pod_type,
                    pod_tasks.index,
                    t,
                ))
            })
            .cloned()
            .collect();
        if !missing.is_empty() {
            if now < pod.not_before_ms {
                let msg = format!(
                    "relaunching after {} failure(s) in {} s",
                    pod.failures,
                    (pod.not_before_ms - now + 999) / 1000
                );
                set_step(svc, plan_name, at, |s| s.mark_delayed(msg));
                return Ok(());
            }
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
            let (node, ports) = match pod.node.clone() {
                Some(n) if self.node_active(&n) => {
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
            for name in &missing {
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
            return Ok(());
        }

        // Every task of the step has a current launch: report its progress.
        let pod = svc.pods.get_mut(&instance).expect("pod inserted above");
        let tasks: Vec<&TaskRecord> = pod_tasks
            .tasks
            .iter()
            .filter_map(|t| {
                pod.tasks
                    .get(&task_instance_name(&pod_tasks.pod_type, pod_tasks.index, t))
            })
            .collect();
        let done = tasks.iter().all(|t| match t.goal {
            Goal::Running => t.state == Some(TaskState::Running) && t.ready,
            Goal::Finish | Goal::Once => t.state == Some(TaskState::Finished),
        });
        let running = tasks.iter().all(|t| {
            matches!(t.state, Some(TaskState::Running))
                || (t.goal != Goal::Running && t.state == Some(TaskState::Finished))
        });
        let node = pod.node.clone().unwrap_or_default();
        if done {
            pod.failures = 0;
            set_step(svc, plan_name, at, |s| {
                s.mark_complete(format!("running on {node}"))
            });
        } else if running {
            set_step(svc, plan_name, at, |s| {
                s.mark_started(format!("running on {node}, waiting for readiness"))
            });
        } else {
            set_step(svc, plan_name, at, |s| {
                s.mark_starting(format!("starting on {node}"))
            });
        }
        Ok(())
    }

    /// Decommission and uninstall steps: kill, release, delete, erase — each idempotent, each COMPLETE only
    /// once its effect is confirmed.
    async fn drive_cleanup(
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

    fn node_active(&self, node: &str) -> bool {
        self.agents
            .snapshot()
            .iter()
            .any(|a| a.info.node_id == node && a.status == AgentStatus::Active)
    }

    /// The healthy nodes' topology, for volume replica placement.
    pub fn topology(&self) -> Vec<NodeTopology> {
        self.agents
            .snapshot()
            .into_iter()
            .filter(|a| a.status == AgentStatus::Active)
            .map(|a| NodeTopology {
                id: a.info.node_id.clone(),
                rack: a.info.rack.clone(),
                zone: a.info.zone.clone(),
                region: a.info.region.clone(),
            })
            .collect()
    }

    /// The volume requests of one pod instance, named as the spec names them.
    fn volume_requests(
        svc: &ServiceRecord,
        pod_spec: &crate::spec::model::PodSpec,
        pod_tasks: &PodTasks,
    ) -> Result<Vec<(String, VolumeRequest)>, String> {
        pod_volume_requests(&svc.name, pod_spec, &pod_tasks.pod_type, pod_tasks.index)
    }

    /// Creates (idempotently) and attaches the pod's volumes on `node`; returns their names.
    async fn ensure_volumes(
        &self,
        svc: &ServiceRecord,
        pod_spec: &crate::spec::model::PodSpec,
        pod_tasks: &PodTasks,
        node: &str,
    ) -> Result<Vec<String>, String> {
        let placement = Placement::new(self.topology()).preferring(node.to_string());
        let mut names = Vec::new();
        for (_, req) in Self::volume_requests(svc, pod_spec, pod_tasks)? {
            self.driver
                .create(&req, &placement)
                .await
                .map_err(|e| e.to_string())?;
            self.driver
                .attach(&req.name, node)
                .await
                .map_err(|e| e.to_string())?;
            self.store
                .write(vec![Write::event(
                    "volume-attached",
                    &json!({"service": svc.name, "volume": req.name, "node": node}),
                )])
                .map_err(|e| e.to_string())?;
            names.push(req.name.clone());
        }
        Ok(names)
    }

    /// Chooses a node (and host ports) for a pod instance with the placement pipeline.
    async fn place(
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
        )?;
        placement::place(&view, &request).map_err(|u| u.to_string())
    }

    // ------------------------------------------------------------------ agents

    /// Records what an agent reports and returns every task it should be running.
    pub async fn heartbeat(
        &self,
        node: &str,
        reports: &[TaskStatus],
    ) -> Result<Vec<TaskLaunch>, EngineError> {
        let mut world = self.world.lock().await;
        let now = now_ms();
        let by_id: HashMap<&str, &TaskStatus> =
            reports.iter().map(|r| (r.task_id.as_str(), r)).collect();
        let names: Vec<String> = world.services.keys().cloned().collect();
        let mut launches = Vec::new();
        for name in names {
            let Some(mut svc) = world.services.get(&name).cloned() else {
                continue;
            };
            let mut changed = false;
            for pod in svc.pods.values_mut() {
                for t in pod.tasks.values_mut().chain(pod.retired.iter_mut()) {
                    if t.node != node {
                        continue;
                    }
                    match by_id.get(t.task_id.as_str()) {
                        Some(r) => {
                            let ready = r.ready.unwrap_or(true);
                            if t.state != Some(r.state)
                                || t.message != r.message
                                || t.ready != ready
                                || t.pid != r.pid
                            {
                                t.state = Some(r.state);
                                t.message = r.message.clone();
                                t.ready = ready;
                                t.pid = r.pid;
                                t.sandbox = Some(r.sandbox.clone());
                                t.updated_ms = now;
                                changed = true;
                            }
                        }
                        None => {
                            // Not wanted and not reported: the agent no longer has it, so it is gone.
                            if !t.wanted && !t.is_terminal() {
                                t.state = Some(TaskState::Killed);
                                t.message = "not running on its node".into();
                                t.updated_ms = now;
                                changed = true;
                            }
                        }
                    }
                }
            }
            if changed {
                self.persist(&svc, vec![])?;
            }
            let Some(spec) = world.specs.get(&svc.target_config).cloned() else {
                continue;
            };
            for pod in svc.pods.values() {
                let mounts: Vec<VolumeMount> = match world.specs.get(&svc.target_config) {
                    Some(_) => self.mounts(&svc, &spec, pod),
                    None => Vec::new(),
                };
                for t in pod.tasks.values() {
                    if t.node != node || !t.wanted || t.is_terminal() {
                        continue;
                    }
                    let task_spec_ok = world.specs.contains_key(&t.config_id);
                    let spec_for_task = world
                        .specs
                        .get(&t.config_id)
                        .cloned()
                        .unwrap_or_else(|| spec.clone());
                    if !task_spec_ok {
                        continue;
                    }
                    let ctx = LaunchContext {
                        service: &svc,
                        spec: &spec_for_task,
                        pod,
                        task: t,
                        mounts: mounts.clone(),
                        sandbox_root: PathBuf::new(),
                    };
                    if let Some(l) = launch_spec(&ctx) {
                        launches.push(l);
                    }
                }
            }
            world.services.insert(name, svc);
        }
        Ok(launches)
    }

    fn mounts(&self, svc: &ServiceRecord, spec: &ServiceSpec, pod: &PodRecord) -> Vec<VolumeMount> {
        let Some(pod_spec) = spec.pods.get(&pod.pod_type) else {
            return Vec::new();
        };
        let pod_tasks = PodTasks {
            pod_type: pod.pod_type.clone(),
            index: pod.index,
            tasks: Vec::new(),
        };
        Self::volume_requests(svc, pod_spec, &pod_tasks)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(container_path, req)| {
                self.driver
                    .host_path(&req.name)
                    .ok()
                    .map(|host_path| VolumeMount {
                        container_path,
                        host_path,
                    })
            })
            .collect()
    }

    // ------------------------------------------------------------------ the SDK API

    async fn with_service<T>(
        &self,
        name: &str,
        f: impl FnOnce(&ServiceRecord, &ServiceSpec) -> T,
    ) -> Option<T> {
        let world = self.world.lock().await;
        let svc = world.services.get(name)?;
        let spec = world.specs.get(&svc.target_config)?;
        Some(f(svc, spec))
    }

    /// Plan names, deploy and recovery first.
    pub async fn plan_names(&self, service: &str) -> Option<Vec<String>> {
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

    /// A plan's JSON and the status code to serve it with.
    pub async fn plan(&self, service: &str, plan: &str) -> Option<Option<(u16, String)>> {
        self.with_service(service, |svc, _| {
            svc.plans.get(plan).map(|p| (p.http_status(), p.to_json()))
        })
        .await
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
    pub async fn pod_names(&self, service: &str) -> Option<Vec<String>> {
        self.with_service(service, |svc, _| svc.pods.keys().cloned().collect())
            .await
    }

    pub async fn pod_status(&self, service: &str) -> Option<Value> {
        self.with_service(service, pod_status_json).await
    }

    pub async fn pod_one_status(&self, service: &str, pod: &str) -> Option<Option<Value>> {
        self.with_service(service, |svc, _| {
            svc.pods.get(pod).map(|p| {
                let mut v = json!({"name": pod, "tasks": tasks_json(p)});
                if p.tasks.is_empty()
                    && let Some(why) = crate::scheduler::service::waiting_reason(svc, pod)
                {
                    v["message"] = json!(why);
                }
                v
            })
        })
        .await
    }

    /// `pod info`: one `{info, status}` per task, in the SDK's camelCase TaskInfo/TaskStatus shape.
    pub async fn pod_info(&self, service: &str, pod: &str) -> Option<Option<Value>> {
        let agents = self.agents.snapshot();
        self.with_service(service, |svc, _| {
            svc.pods.get(pod).map(|p| {
                Value::Array(
                    p.tasks
                        .values()
                        .map(|t| {
                            let agent = agents.iter().find(|a| a.info.node_id == t.node);
                            let mut labels = vec![
                                json!({"key": "task_type", "value": t.spec_name}),
                                json!({"key": "index", "value": p.index.to_string()}),
                                json!({"key": "goal_state", "value": format!("{:?}", t.goal).to_uppercase()}),
                                json!({"key": "target_configuration", "value": t.config_id}),
                                json!({"key": "offer_hostname", "value": agent.map(|a| a.info.hostname.clone()).unwrap_or_default()}),
                            ];
                            if let Some(z) = agent.and_then(|a| a.info.zone.clone()) {
                                labels.push(json!({"key": "offer_zone", "value": z}));
                            }
                            let status = t.state.map(|s| {
                                json!({"taskId": {"value": t.task_id}, "state": format!("TASK_{}", s.as_str()),
                                       "message": t.message, "slaveId": {"value": t.node}})
                            });
                            json!({
                                "info": {"name": t.name, "taskId": {"value": t.task_id}, "slaveId": {"value": t.node},
                                         "labels": {"labels": labels}},
                                "status": status,
                            })
                        })
                        .collect(),
                )
            })
        })
        .await
    }

    /// `pod restart` (in place) or `pod replace` (anywhere else, volumes re-attached): kills the pod's tasks
    /// and queues a recovery step. Returns the SDK's `{"pod","tasks"}` answer.
    pub async fn pod_recover(
        &self,
        service: &str,
        pod: &str,
        permanent: bool,
    ) -> Result<Option<Value>, EngineError> {
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
        Ok(Some(json!({"pod": pod, "tasks": names})))
    }

    /// Endpoint names: the advertised ports, by port name.
    pub async fn endpoints(&self, service: &str) -> Option<Vec<String>> {
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
    pub async fn endpoint(&self, service: &str, name: &str) -> Option<Option<Value>> {
        let agents = self.agents.snapshot();
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
                        .map(|a| a.info.hostname.clone())
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
            Some(json!({"address": address, "dns": dns}))
        })
        .await
    }

    /// Configuration ids, the target id, and one configuration as the serialized spec.
    pub async fn configurations(&self, service: &str) -> Option<(Vec<String>, String)> {
        self.with_service(service, |svc, _| {
            (
                svc.configs.keys().cloned().collect(),
                svc.target_config.clone(),
            )
        })
        .await
    }

    pub async fn configuration(&self, service: &str, id: &str) -> Option<Option<Value>> {
        let world = self.world.lock().await;
        let svc = world.services.get(service)?;
        if !svc.configs.contains_key(id) {
            return Some(None);
        }
        Some(
            world
                .specs
                .get(id)
                .map(|spec| crate::scheduler::service::serialized_spec(spec, &svc.name)),
        )
    }

    pub async fn framework_id(&self, service: &str) -> Option<String> {
        self.with_service(service, |svc, _| svc.framework_id.clone())
            .await
    }

    /// Deploy and recovery plans decide health (the fork's rule, §2.7).
    pub async fn health(&self, service: &str) -> Option<u16> {
        self.with_service(service, |svc, _| {
            let plans: Vec<&Plan> = ["deploy", "recovery"]
                .iter()
                .filter_map(|n| svc.plans.get(*n))
                .collect();
            if plans.iter().any(|p| p.http_status() == 417) {
                417
            } else if plans.iter().any(|p| p.http_status() == 202) {
                202
            } else {
                200
            }
        })
        .await
    }

    /// The attach/detach events recorded so far (tests prove "never two writers" with it).
    pub fn events(
        &self,
        kind: Option<&str>,
    ) -> Result<Vec<crate::scheduler::store::Event>, StoreError> {
        self.store.events(kind, 0)
    }
}

/// The volume requests of pod instance `<pod_type>-<index>` of `service`, as (container path, request): the
/// spec's deterministic external names, and for Mesos-style local volumes (ROOT/MOUNT/PATH) a driver volume
/// pinned to the pod, named `<service>-<pod>-<path>` so it is found again on restart. Labelled with the
/// service and pod so cleanup can tell whose it is.
pub fn pod_volume_requests(
    service: &str,
    pod_spec: &crate::spec::model::PodSpec,
    pod_type: &str,
    index: u32,
) -> Result<Vec<(String, VolumeRequest)>, String> {
    let instance = pod_instance_name(pod_type, index);
    let mut out = Vec::new();
    for v in pod_spec.resolved_volumes(service, pod_type) {
        let req = match v.syntax {
            VolumeSyntax::Local => {
                let path = v.container_path.trim_matches('/').replace('/', "_");
                let name = format!(
                    "{}-{instance}-{path}",
                    crate::spec::volume::escape_slashes(service)
                );
                VolumeRequest::new(name, v.size_mb.unwrap_or(0))
            }
            _ => VolumeRequest::from_resolved(&v, index).map_err(|e| e.to_string())?,
        };
        let req = req
            .label(SERVICE_LABEL, service)
            .label("pxfw/pod", instance.clone());
        out.push((v.container_path.clone(), req));
    }
    Ok(out)
}

/// The label naming the service a volume belongs to (what `pxfw cleanup` selects on).
pub use crate::dcos::janitor::SERVICE_LABEL;

/// One task as a snapshot sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TaskContext {
    pub pod: String,
    pub pod_type: String,
    pub task: String,
    pub task_id: String,
    pub node: String,
    pub state: Option<String>,
    /// The task's process group (its shell's pid), as its agent reported it.
    pub pid: Option<u32>,
    pub sandbox: Option<PathBuf>,
    /// The task's full environment, SDK variables included.
    pub env: BTreeMap<String, String>,
    /// (container path, volume name) of the pod's volumes.
    pub volumes: Vec<(String, String)>,
}

/// Marks every task of `pod` for a restart in place, or for a move when `permanent` (away from its node,
/// as `pod replace` and a storage failover do), through the recovery plan. Returns the pod's task names;
/// `None` when there is no such pod.
fn recover_in(svc: &mut ServiceRecord, pod: &str, permanent: bool) -> Option<Vec<String>> {
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

/// Every volume of a service's pods, once each.
fn volumes_of(svc: &ServiceRecord) -> Vec<String> {
    let set: BTreeSet<String> = svc
        .pods
        .values()
        .flat_map(|p| p.volumes.iter().cloned())
        .collect();
    set.into_iter().collect()
}

fn pod_step_active(svc: &ServiceRecord, instance: &str) -> bool {
    svc.plans.values().any(|p| {
        p.next_steps().iter().any(|at| {
            p.step(*at)
                .and_then(|s| s.kind.pod())
                .is_some_and(|pt| pt.pod_instance() == instance)
        })
    })
}

fn set_step(
    svc: &mut ServiceRecord,
    plan: &str,
    at: StepRef,
    f: impl FnOnce(&mut crate::scheduler::plan::Step),
) {
    if let Some(s) = svc.plans.get_mut(plan).and_then(|p| p.step_mut(at)) {
        f(s);
    }
}

/// The SDK's config-update validators that matter for data (§3.8): volumes cannot change, and pods
/// cannot go away unless their type allows decommissioning. Messages use the SDK's format.
fn transition_errors(service: &str, old: &ServiceSpec, new: &ServiceSpec) -> Vec<String> {
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
fn settle_unchanged(
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

/// What every node has committed to live pods, across all services: the input placement subtracts from
/// each agent's capacity. Built once per tick and updated as the tick places pods.
#[derive(Debug, Default)]
struct Usage {
    pods: HashMap<String, Vec<(PodKey, Resources, Vec<u16>)>>,
}

impl Usage {
    fn from_world(world: &World) -> Usage {
        let mut usage = Usage::default();
        for svc in world.services.values() {
            let Some(spec) = world.specs.get(&svc.target_config) else {
                continue;
            };
            for pod in svc.pods.values() {
                let Some(node) = &pod.node else { continue };
                // A placed pod holds its node (resources, MAX_PER slots) even while restarting; only a
                // replace clears `node` and so frees it.
                let (cpus, mem) = spec
                    .pods
                    .get(&pod.pod_type)
                    .map(|p| pod_resources(p, &p.tasks.keys().cloned().collect::<Vec<_>>()))
                    .unwrap_or((0.0, 0));
                let ports: Vec<u16> = pod
                    .tasks
                    .values()
                    .chain(pod.retired.iter())
                    .filter(|t| t.wanted || t.may_be_running())
                    .flat_map(|t| t.ports.values().copied())
                    .collect();
                usage.add(
                    node,
                    PodKey {
                        service: svc.name.clone(),
                        pod_type: pod.pod_type.clone(),
                        index: pod.index,
                    },
                    Resources {
                        cpus,
                        mem_mb: mem,
                        disk_mb: 0,
                    },
                    &ports,
                );
            }
        }
        usage
    }

    fn add(&mut self, node: &str, key: PodKey, res: Resources, ports: &[u16]) {
        let entries = self.pods.entry(node.to_string()).or_default();
        entries.retain(|(k, _, _)| k != &key);
        entries.push((key, res, ports.to_vec()));
    }

    fn node_info(
        &self,
        agent: &crate::scheduler::state::AgentRecord,
        exclude: &PodKey,
    ) -> NodeInfo {
        let mut n = NodeInfo::new(
            agent.info.node_id.clone(),
            agent.info.hostname.clone(),
            Resources {
                cpus: agent.info.cpus,
                mem_mb: agent.info.mem_mb,
                disk_mb: agent.info.disk_mb,
            },
        );
        n.rack = agent.info.rack.clone();
        n.zone = agent.info.zone.clone();
        n.region = agent.info.region.clone();
        n.attributes = agent.info.attributes.clone();
        n.healthy = agent.status == AgentStatus::Active;
        for (key, res, ports) in self.pods.get(&agent.info.node_id).into_iter().flatten() {
            if key == exclude {
                continue;
            }
            n.used.cpus += res.cpus;
            n.used.mem_mb += res.mem_mb;
            n.used.disk_mb += res.disk_mb;
            n.used_ports.extend(ports.iter().copied());
            n.pods.push(key.clone());
        }
        n
    }

    /// The cluster as placement sees it, without the pod being placed (so a re-placement does not count
    /// against itself).
    fn view(
        &self,
        agents: &[crate::scheduler::state::AgentRecord],
        exclude: &PodKey,
    ) -> Result<ClusterView, String> {
        ClusterView::new(agents.iter().map(|a| self.node_info(a, exclude)).collect())
            .map_err(|e| e.to_string())
    }

    /// Host ports for a pod staying on `node` (a restart in place): fixed ones as asked, dynamic ones from the
    /// node's free range.
    fn assign_ports(
        &self,
        agents: &[crate::scheduler::state::AgentRecord],
        node: &str,
        wanted: &[(String, String, u16)],
        exclude: &PodKey,
    ) -> Vec<u16> {
        let requested: Vec<u16> = wanted.iter().map(|(_, _, p)| *p).collect();
        match agents.iter().find(|a| a.info.node_id == node) {
            Some(a) => placement::filter::assign_ports(&self.node_info(a, exclude), &requested),
            None => requested,
        }
    }
}
