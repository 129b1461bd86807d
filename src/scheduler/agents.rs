//! The registry of agents (nodes) and their leases.
//!
//! Registration is persisted (write-ahead) because it decides where pods may go; heartbeats are not — after a
//! server restart every known agent gets a fresh lease window from the restart, which is the safe direction
//! (nothing is declared lost because the *server* was down).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::scheduler::state::{AgentInfo, AgentRecord, AgentStatus, LeaseConfig};
use crate::scheduler::store::{Kind, Store, StoreError, Write, now_ms};

/// A refusal with its HTTP status and the reason shown to the agent's operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub reason: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(serde_json::json!({ "message": self.reason })),
        )
            .into_response()
    }
}

pub fn refuse(status: StatusCode, reason: impl Into<String>) -> Refusal {
    Refusal {
        status,
        reason: reason.into(),
    }
}

fn internal(e: StoreError) -> Refusal {
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the server cannot record this: {e}"),
    )
}

/// The lease terms handed to an agent.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct LeaseTerms {
    pub heartbeat_ms: u64,
    pub lease_ms: u64,
}

/// The registry of agents and their leases.
pub struct Agents {
    store: Arc<Store>,
    lease: LeaseConfig,
    inner: Mutex<BTreeMap<String, AgentRecord>>,
}

impl Agents {
    /// Loads the registered agents; each starts a fresh lease window now.
    pub fn load(store: Arc<Store>, lease: LeaseConfig) -> Result<Agents, StoreError> {
        let now = now_ms();
        let inner = store
            .list::<AgentRecord>(Kind::Agent)?
            .into_iter()
            .map(|(k, mut r)| {
                r.last_heartbeat_ms = now;
                (k, r)
            })
            .collect();
        Ok(Agents {
            store,
            lease,
            inner: Mutex::new(inner),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, AgentRecord>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn lease(&self) -> LeaseConfig {
        self.lease
    }

    fn terms(&self) -> LeaseTerms {
        LeaseTerms {
            heartbeat_ms: self.lease.heartbeat_ms,
            lease_ms: self.lease.lease_ms,
        }
    }

    /// All agents, as stored plus their live heartbeat times.
    pub fn snapshot(&self) -> Vec<AgentRecord> {
        self.lock().values().cloned().collect()
    }

    /// Accepts a registration, or refuses it with the reason.
    pub fn register(&self, info: AgentInfo) -> Result<LeaseTerms, Refusal> {
        info.validate().map_err(|e| {
            refuse(
                StatusCode::BAD_REQUEST,
                format!("registration refused: {e}"),
            )
        })?;
        let now = now_ms();
        let mut agents = self.lock();
        if let Some(existing) = agents.get(&info.node_id) {
            let alive = existing.status == AgentStatus::Active
                && now - existing.last_heartbeat_ms < self.lease.lease_ms as i64;
            if alive && existing.info.instance != info.instance {
                return Err(refuse(
                    StatusCode::CONFLICT,
                    format!(
                        "node id `{}` is already registered by a live agent (last heartbeat {} ms ago); stop it or use another --node-id",
                        info.node_id,
                        now - existing.last_heartbeat_ms
                    ),
                ));
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
            .map_err(internal)?;
        agents.insert(info.node_id.clone(), record);
        Ok(self.terms())
    }

    /// Renews a lease. A node declared lost must re-register (and kill its old tasks first).
    pub fn heartbeat(&self, node_id: &str, instance: &str) -> Result<LeaseTerms, Refusal> {
        let mut agents = self.lock();
        let Some(rec) = agents.get_mut(node_id) else {
            return Err(refuse(
                StatusCode::NOT_FOUND,
                format!("node `{node_id}` is not registered; register first"),
            ));
        };
        if rec.info.instance != instance {
            return Err(refuse(
                StatusCode::CONFLICT,
                format!("another agent process now owns node `{node_id}`; this one must stop"),
            ));
        }
        if rec.status == AgentStatus::Lost {
            return Err(refuse(
                StatusCode::GONE,
                format!("node `{node_id}` was declared lost; kill its tasks and register again"),
            ));
        }
        rec.last_heartbeat_ms = now_ms();
        Ok(self.terms())
    }

    /// Declares lost every agent whose lease plus grace has passed; returns their ids (persisted first).
    pub fn expire(&self) -> Result<Vec<String>, StoreError> {
        let now = now_ms();
        let limit = (self.lease.lease_ms + self.lease.grace_ms) as i64;
        let mut agents = self.lock();
        let mut lost = Vec::new();
        let mut writes = Vec::new();
        for (id, rec) in agents.iter() {
            if rec.status == AgentStatus::Active && now - rec.last_heartbeat_ms > limit {
                let mut r = rec.clone();
                r.status = AgentStatus::Lost;
                writes.push(Write::put(Kind::Agent, id.clone(), &r));
                writes.push(Write::event(
                    "agent-lost",
                    &serde_json::json!({"node": id, "silent_ms": now - rec.last_heartbeat_ms}),
                ));
                lost.push(id.clone());
            }
        }
        self.store.write(writes)?;
        for id in &lost {
            if let Some(r) = agents.get_mut(id) {
                r.status = AgentStatus::Lost;
            }
        }
        Ok(lost)
    }
}
