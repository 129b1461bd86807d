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
    /// Place in the join order (1 = first node ever registered). A member list of size c is the first c
    /// nodes of this order; membership only grows, so an agent's list is always a prefix of the server's.
    #[serde(default)]
    pub joined: u64,
    /// `http://host:port` of the node's peer endpoint, when it runs one. Only such a node may skip fencing
    /// (it asks its peers first), so only for it does the server need a majority before declaring it lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_url: Option<String>,
    /// The size of the member list the node last said it judges by, and of the one last sent to it: it
    /// judges by one of the two, so the server needs a majority of both (kept across a server restart).
    #[serde(default)]
    pub members_acked: u32,
    #[serde(default)]
    pub members_sent: u32,
}

/// Lease timing, configurable on the server and shown in status (issue 6 builds fencing on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseConfig {
    pub heartbeat_ms: u64,
    pub lease_ms: u64,
    pub grace_ms: u64,
}

impl LeaseConfig {
    /// Why these timings cannot work, if they cannot. The lease must outlast a heartbeat; lease + grace
    /// must cover three heartbeats, which the peer-majority argument needs (`src/scheduler/README.md`).
    pub fn validate(&self) -> Result<(), String> {
        if self.heartbeat_ms == 0 || self.lease_ms <= self.heartbeat_ms {
            return Err(format!(
                "--lease-ms ({}) must be longer than --heartbeat-ms ({}), which must be positive",
                self.lease_ms, self.heartbeat_ms
            ));
        }
        if self.lease_ms + self.grace_ms < 3 * self.heartbeat_ms {
            return Err(format!(
                "--lease-ms + --grace-ms ({} ms) must be at least three heartbeats ({} ms)",
                self.lease_ms + self.grace_ms,
                3 * self.heartbeat_ms
            ));
        }
        Ok(())
    }

    /// Whether agents that ask their peers can ride out a full server outage with these timings (their
    /// peers' last replies must be older than the reach window by their fence point: L > 3.5 H).
    pub fn rides_out_outages(&self) -> bool {
        2 * self.lease_ms > 7 * self.heartbeat_ms
    }

    /// The reach window W, which is also the server's freshness window F for its majority: a node counts
    /// as in contact for 1.5 heartbeats after the reply it confirmed. 1.5 H, not more, so that in a full
    /// server outage every agent's last reply is older than W by the time its neighbours reach their fence
    /// point (L − 2H after the outage at the latest); the argument is in `src/scheduler/README.md`.
    pub fn reach_ms(&self) -> u64 {
        self.heartbeat_ms + self.heartbeat_ms / 2
    }

    /// How long a majority must have been held before a silent node that may skip fencing is declared
    /// lost: a full lease + grace, as after a restart.
    pub fn settle_ms(&self) -> u64 {
        self.lease_ms + self.grace_ms
    }
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
