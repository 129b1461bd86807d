//! The engine: the loop that turns plans into running tasks, and the one place that mutates service state.
//!
//! Each tick it reads the services and agents, asks the pure core what to do (`reconcile`,
//! `plan::Plan::next_steps`, `placement::place`), writes the decision to the store, and only then acts
//! (creates and attaches volumes, hands tasks to agents through their heartbeats). Agents converge on
//! what the store says, so a crash at any point resumes from the last written decision: volume calls
//! are idempotent, task ids are unique per launch, and a relaunch waits until every earlier launch of
//! the pod is confirmed dead (never two writers).
//!
//! One file per job: `tick` (the loop), `launch` and `cleanup` (carrying out a step), `recovery` and
//! `storage` (pods that must move), `volumes`, `heartbeat` (the agent protocol), `lifecycle` (service
//! requests), `queries` and `tasks` (the read side), `usage` (what nodes have committed).

mod cleanup;
mod drain;
mod heartbeat;
mod launch;
mod lifecycle;
mod queries;
mod recovery;
mod storage;
mod tasks;
mod tick;
mod usage;
mod volumes;

pub use queries::Missing;
pub use tasks::TaskContext;
pub use volumes::{SERVICE_LABEL, pod_volume_requests};

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

pub use crate::api::admin::{AddService, UpdateService};
use crate::scheduler::agents::Agents;
use crate::scheduler::service::ServiceRecord;
use crate::scheduler::storage_health::StorageWatch;
use crate::scheduler::store::{Kind, Store, StoreError, Write};
use crate::spec::model::ServiceSpec;
use crate::volume::{NodeStorage, VolumeDriver};

/// Why the engine refused a request. The server decides how each is answered.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// No such service.
    #[error("{0}")]
    NotFound(String),
    /// The request contradicts the service's state (it exists, is being uninstalled or restored).
    #[error("{0}")]
    Conflict(String),
    /// The request itself is wrong (a spec that does not load, an unknown volume).
    #[error("{0}")]
    Invalid(String),
    /// The store could not record the decision.
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
    /// Nodes drained for maintenance (`engine/drain.rs`); outside `world` because placement reads it
    /// while a tick holds the world.
    drains: std::sync::Mutex<BTreeMap<String, crate::scheduler::reconcile::Drain>>,
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
        let drains = drain::load(&store)?;
        Ok(Engine {
            store,
            agents,
            driver,
            world: tokio::sync::Mutex::new(World { services, specs }),
            storage: StorageWatch::new(STORAGE_CHECK_EVERY),
            drains: std::sync::Mutex::new(drains),
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

    /// Makes a new configuration of a service durable (with the event `kind` naming it), and only then
    /// current in memory: a failed write leaves the engine as it was.
    fn commit_config(
        &self,
        world: &mut World,
        svc: ServiceRecord,
        config_id: &str,
        spec: Arc<ServiceSpec>,
        kind: &str,
    ) -> Result<(), StoreError> {
        let event = Write::event(
            kind,
            &serde_json::json!({"service": svc.name, "config": config_id}),
        );
        self.persist(&svc, vec![event])?;
        world.specs.insert(config_id.to_string(), spec);
        world.services.insert(svc.name.clone(), svc);
        Ok(())
    }
}
