//! The documents the control plane keeps: agents (nodes) and their leases.
//!
//! They are plain data with serde derives so the store can persist them and the HTTP layer can show them.

use serde::{Deserialize, Serialize};

use crate::api::agent::AgentInfo;

/// Liveness of an agent as the server sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentStatus {
    /// Heartbeats arrive within the lease.
    Active,
    /// The lease ended and the grace passed: its pods are re-placed; if it returns it must kill its old tasks.
    Lost,
}

/// An agent as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentRecord {
    pub info: AgentInfo,
    pub status: AgentStatus,
    pub registered_ms: i64,
    pub last_heartbeat_ms: i64,
}

/// Lease timing, configurable on the server and shown in status (issue 6 builds fencing on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseConfig {
    pub heartbeat_ms: u64,
    pub lease_ms: u64,
    pub grace_ms: u64,
}

impl Default for LeaseConfig {
    fn default() -> Self {
        LeaseConfig {
            heartbeat_ms: 1000,
            lease_ms: 5000,
            grace_ms: 2000,
        }
    }
}
