//! The registry of agents (nodes) and their leases.
//!
//! Registration is persisted (write-ahead) because it decides where pods may go; heartbeats are not — after a
//! server restart every known agent gets a fresh lease window from the restart, which is the safe direction
//! (nothing is declared lost because the *server* was down).
//!
//! Leases are measured on the monotonic clock, never the wall clock: a wall clock stepped forward (NTP, an
//! operator) would otherwise make every lease look expired at once and move every pod of a healthy cluster.
//! `last_heartbeat_ms` (wall time) is kept for people only.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::agent::{AgentInfo, LeaseTerms};
use crate::scheduler::state::{AgentRecord, AgentStatus, LeaseConfig};
use crate::scheduler::store::{Kind, Store, StoreError, Write, now_ms};

/// Why a registration or a heartbeat was refused, with the reason shown to the agent's operator. The
/// server decides how each is answered on the wire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The registration itself is not acceptable.
    #[error("registration refused: {0}")]
    Invalid(String),
    /// The node never registered (or was forgotten): it must register first.
    #[error("node `{0}` is not registered; register first")]
    NotRegistered(String),
    /// Another live agent process holds the node id.
    #[error("{0}")]
    Taken(String),
    /// The node was declared lost: it must kill its tasks and register again.
    #[error("node `{0}` was declared lost; kill its tasks and register again")]
    Lost(String),
    /// The store could not record the registration.
    #[error("the server cannot record this: {0}")]
    Unrecorded(String),
}

/// The registry of agents and their leases.
pub struct Agents {
    store: Arc<Store>,
    lease: LeaseConfig,
    inner: Mutex<Registry>,
}

#[derive(Default)]
struct Registry {
    records: BTreeMap<String, AgentRecord>,
    /// When each lease was last renewed, on the monotonic clock.
    renewed: BTreeMap<String, Instant>,
}

impl Registry {
    fn silent(&self, node_id: &str) -> Duration {
        self.renewed
            .get(node_id)
            .map(Instant::elapsed)
            .unwrap_or(Duration::MAX)
    }
}

impl Agents {
    /// Loads the registered agents; each starts a fresh lease window now.
    pub fn load(store: Arc<Store>, lease: LeaseConfig) -> Result<Agents, StoreError> {
        let now = now_ms();
        let mut inner = Registry::default();
        for (k, mut r) in store.list::<AgentRecord>(Kind::Agent)? {
            r.last_heartbeat_ms = now;
            inner.renewed.insert(k.clone(), Instant::now());
            inner.records.insert(k, r);
        }
        Ok(Agents {
            store,
            lease,
            inner: Mutex::new(inner),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn lease(&self) -> LeaseConfig {
        self.lease
    }

    fn terms(&self) -> LeaseTerms {
        LeaseTerms {
            heartbeat_ms: self.lease.heartbeat_ms,
            lease_ms: self.lease.lease_ms,
            reach_ms: 0,
        }
    }

    /// All agents, as stored plus their live heartbeat times.
    pub fn snapshot(&self) -> Vec<AgentRecord> {
        self.lock().records.values().cloned().collect()
    }

    /// How long the agent has been silent (since its lease was last renewed), on the monotonic clock.
    pub fn silent_ms(&self, node_id: &str) -> u64 {
        u64::try_from(self.lock().silent(node_id).as_millis()).unwrap_or(u64::MAX)
    }

    /// Accepts a registration, or refuses it with the reason.
    pub fn register(&self, info: AgentInfo) -> Result<LeaseTerms, Refusal> {
        info.validate().map_err(Refusal::Invalid)?;
        let now = now_ms();
        let mut agents = self.lock();
        if let Some(existing) = agents.records.get(&info.node_id) {
            let silent = agents.silent(&info.node_id);
            let alive = existing.status == AgentStatus::Active
                && silent < Duration::from_millis(self.lease.lease_ms);
            if alive && existing.info.instance != info.instance {
                return Err(Refusal::Taken(format!(
                    "node id `{}` is already registered by a live agent (last heartbeat {} ms ago); stop it or use another --node-id",
                    info.node_id,
                    silent.as_millis()
                )));
            }
        }
        let record = AgentRecord {
            info: info.clone(),
            status: AgentStatus::Active,
            registered_ms: now,
            last_heartbeat_ms: now,
        };
        self.store
            .write(vec![
                Write::put(Kind::Agent, info.node_id.clone(), &record),
                Write::event(
                    "agent-registered",
                    &serde_json::json!({"node": info.node_id, "instance": info.instance}),
                ),
            ])
            .map_err(|e| Refusal::Unrecorded(e.to_string()))?;
        agents.renewed.insert(info.node_id.clone(), Instant::now());
        agents.records.insert(info.node_id.clone(), record);
        Ok(self.terms())
    }

    /// Renews a lease. A node declared lost must re-register (and kill its old tasks first).
    pub fn heartbeat(&self, node_id: &str, instance: &str) -> Result<LeaseTerms, Refusal> {
        let mut agents = self.lock();
        let Some(rec) = agents.records.get_mut(node_id) else {
            return Err(Refusal::NotRegistered(node_id.to_owned()));
        };
        if rec.info.instance != instance {
            return Err(Refusal::Taken(format!(
                "another agent process now owns node `{node_id}`; this one must stop"
            )));
        }
        if rec.status == AgentStatus::Lost {
            return Err(Refusal::Lost(node_id.to_owned()));
        }
        rec.last_heartbeat_ms = now_ms();
        agents.renewed.insert(node_id.to_owned(), Instant::now());
        Ok(self.terms())
    }

    /// Declares lost every agent whose lease plus grace has passed; returns their ids (persisted first).
    pub fn expire(&self) -> Result<Vec<String>, StoreError> {
        let limit = Duration::from_millis(self.lease.lease_ms + self.lease.grace_ms);
        let mut agents = self.lock();
        let mut lost = Vec::new();
        let mut writes = Vec::new();
        for (id, rec) in &agents.records {
            let silent = agents.silent(id);
            if rec.status == AgentStatus::Active && silent > limit {
                let mut r = rec.clone();
                r.status = AgentStatus::Lost;
                writes.push(Write::put(Kind::Agent, id.clone(), &r));
                writes.push(Write::event(
                    "agent-lost",
                    &serde_json::json!({"node": id, "silent_ms": silent.as_millis() as u64}),
                ));
                lost.push(id.clone());
            }
        }
        self.store.write(writes)?;
        for id in &lost {
            if let Some(r) = agents.records.get_mut(id) {
                r.status = AgentStatus::Lost;
            }
        }
        Ok(lost)
    }
}

/// Why `pxfw node lost` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LostRefusal {
    #[error("no node `{node}`; the known nodes are: {}", .known.join(", "))]
    Unknown { node: String, known: Vec<String> },
    #[error(
        "declaring node `{0}` lost needs --force: it tells the server that the machine is down, so its pods start on other nodes with their volumes detached by force; if the machine still runs them, two copies write the same data"
    )]
    NotForced(String),
    #[error("node `{0}` is already lost; its pods are moving (see `pxfw plan status recovery`)")]
    AlreadyLost(String),
    #[error(
        "node `{node}` renewed its lease {silent_ms} ms ago, within lease + grace ({limit_ms} ms): it is alive, so it is not declared lost; to move its pods away use `pxfw node drain {node}`"
    )]
    Alive {
        node: String,
        silent_ms: u64,
        limit_ms: u64,
    },
    #[error("the server cannot record this: {0}")]
    Unrecorded(String),
}

impl Agents {
    /// The operator's word that a silent node's machine is down (`pxfw node lost NODE --force`), for
    /// when the server cannot decide it alone (too few nodes for a majority). Refused without `force`,
    /// and for a node that renewed its lease within lease + grace: that node is alive and may still run
    /// its tasks, so declaring it lost could make two writers. Recorded (event `agent-lost`,
    /// `forced: true`) before it takes effect.
    pub fn declare_lost(&self, node_id: &str, force: bool) -> Result<(), LostRefusal> {
        let mut agents = self.lock();
        let Some(rec) = agents.records.get(node_id) else {
            return Err(LostRefusal::Unknown {
                node: node_id.to_owned(),
                known: agents.records.keys().cloned().collect(),
            });
        };
        if !force {
            return Err(LostRefusal::NotForced(node_id.to_owned()));
        }
        if rec.status == AgentStatus::Lost {
            return Err(LostRefusal::AlreadyLost(node_id.to_owned()));
        }
        let silent = agents.silent(node_id);
        let limit = Duration::from_millis(self.lease.lease_ms + self.lease.grace_ms);
        let silent_ms = u64::try_from(silent.as_millis()).unwrap_or(u64::MAX);
        if silent <= limit {
            return Err(LostRefusal::Alive {
                node: node_id.to_owned(),
                silent_ms,
                limit_ms: self.lease.lease_ms + self.lease.grace_ms,
            });
        }
        let mut lost = rec.clone();
        lost.status = AgentStatus::Lost;
        self.store
            .write(vec![
                Write::put(Kind::Agent, node_id.to_owned(), &lost),
                Write::event(
                    "agent-lost",
                    &serde_json::json!({"node": node_id, "silent_ms": silent_ms, "forced": true}),
                ),
            ])
            .map_err(|e| LostRefusal::Unrecorded(e.to_string()))?;
        agents.records.insert(node_id.to_owned(), lost);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(node: &str) -> AgentInfo {
        AgentInfo {
            node_id: node.into(),
            topology: crate::api::topology::Topology::new(format!("host-{node}")),
            cpus: 1.0,
            mem_mb: 1024,
            disk_mb: 1024,
            instance: "i-1".into(),
            peer_port: None,
            peer_host: None,
        }
    }

    #[test]
    fn a_wall_clock_step_neither_expires_nor_extends_a_lease() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let lease = LeaseConfig {
            heartbeat_ms: 50,
            lease_ms: 200,
            grace_ms: 100,
        };
        let agents = Agents::load(store, lease).unwrap();
        agents.register(info("n1")).unwrap();
        // The wall clock steps one hour forward: the wall-time record looks an hour stale.
        agents
            .lock()
            .records
            .get_mut("n1")
            .unwrap()
            .last_heartbeat_ms -= 3_600_000;
        assert!(agents.expire().unwrap().is_empty());
        assert!(agents.silent_ms("n1") < 200);
        // ...or one hour back: the record looks fresh, yet silence past lease + grace still loses the node.
        agents
            .lock()
            .records
            .get_mut("n1")
            .unwrap()
            .last_heartbeat_ms += 7_200_000;
        std::thread::sleep(Duration::from_millis(350));
        assert_eq!(agents.expire().unwrap(), ["n1"]);
        let refused = agents.heartbeat("n1", "i-1").unwrap_err();
        assert_eq!(refused, Refusal::Lost("n1".into()));
    }
}

#[cfg(test)]
mod declare_lost_tests {
    use super::*;

    #[test]
    fn a_node_is_declared_lost_only_by_force_and_only_once_silent_past_lease_and_grace() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let lease = LeaseConfig {
            heartbeat_ms: 50,
            lease_ms: 200,
            grace_ms: 100,
        };
        let agents = Agents::load(store.clone(), lease).unwrap();
        let mut n1 = AgentInfo {
            node_id: "n1".into(),
            topology: crate::api::topology::Topology::new("host-n1"),
            cpus: 1.0,
            mem_mb: 1024,
            disk_mb: 1024,
            instance: "i-1".into(),
            peer_port: None,
            peer_host: None,
        };
        agents.register(n1.clone()).unwrap();
        n1.node_id = "n2".into();
        agents.register(n1).unwrap();
        assert_eq!(
            agents.declare_lost("n9", true).unwrap_err().to_string(),
            "no node `n9`; the known nodes are: n1, n2"
        );
        assert_eq!(
            agents.declare_lost("n1", false),
            Err(LostRefusal::NotForced("n1".into()))
        );
        // Renewed just now: alive, whatever the operator says.
        assert!(matches!(
            agents.declare_lost("n1", true),
            Err(LostRefusal::Alive { limit_ms: 300, .. })
        ));
        std::thread::sleep(Duration::from_millis(350));
        agents.heartbeat("n2", "i-1").unwrap();
        agents.declare_lost("n1", true).unwrap();
        assert_eq!(
            agents.declare_lost("n1", true),
            Err(LostRefusal::AlreadyLost("n1".into()))
        );
        assert_eq!(
            agents.heartbeat("n1", "i-1").unwrap_err(),
            Refusal::Lost("n1".into())
        );
        // Durable, with the operator's hand on record.
        let events = store.events(Some("agent-lost"), 0).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].data["node"], "n1");
        assert_eq!(events[0].data["forced"], true);
        let stored: AgentRecord = store.get(Kind::Agent, "n1").unwrap().unwrap();
        assert_eq!(stored.status, AgentStatus::Lost);
    }
}
