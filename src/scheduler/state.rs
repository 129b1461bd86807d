//! The documents the control plane keeps: agents (nodes) and their leases.
//!
//! They are plain data with serde derives so the store can persist them and the HTTP layer can show them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What an agent says about itself when it registers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentInfo {
    pub node_id: String,
    pub hostname: String,
    #[serde(default)]
    pub rack: Option<String>,
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    pub cpus: f64,
    pub mem_mb: u64,
    pub disk_mb: u64,
    /// A fresh id per agent process: a second process claiming a live node id is refused by it.
    pub instance: String,
}

impl AgentInfo {
    /// Why this registration cannot be accepted, if it cannot.
    pub fn validate(&self) -> Result<(), String> {
        let id_ok = !self.node_id.is_empty()
            && self.node_id.len() <= 128
            && self
                .node_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !id_ok {
            return Err(format!(
                "node id `{}` must be 1-128 characters of letters, digits, `-`, `_`, `.`",
                self.node_id
            ));
        }
        if self.hostname.is_empty() {
            return Err("hostname must not be empty".into());
        }
        if !(self.cpus.is_finite() && self.cpus > 0.0) {
            return Err(format!("cpus must be a positive number, got {}", self.cpus));
        }
        if self.mem_mb == 0 || self.disk_mb == 0 {
            return Err(format!(
                "mem ({} MB) and disk ({} MB) must be positive",
                self.mem_mb, self.disk_mb
            ));
        }
        if self.instance.is_empty() {
            return Err("instance id must not be empty".into());
        }
        Ok(())
    }
}

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
