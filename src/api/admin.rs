//! Requests and replies of pxfw's own admin API (`/pxfw/v1`): what the typed client sends and reads and
//! the server answers. The replies have the exact shape the server's JSON has, so a client that prints one
//! back prints what the server said.

use std::collections::BTreeMap;

/// A request to run a service from a spec.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct AddService {
    pub name: String,
    /// The svc.yml template text.
    pub spec: String,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Config template files by their path relative to the svc.yml.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
}

/// A configuration change: new template variables (merged with the current ones unless `replace_env`)
/// and/or a new svc.yml.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct UpdateService {
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub replace_env: bool,
    #[serde(default)]
    pub spec: Option<String>,
    #[serde(default)]
    pub files: Option<BTreeMap<String, String>>,
    /// Keep the volumes of decommissioned pods (delete them by default).
    #[serde(default)]
    pub keep_volumes: bool,
}

/// The answer to `POST /pxfw/v1/services`: the service and its first configuration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct ServiceAdded {
    pub service: String,
    /// The id of the configuration the deploy plan rolls out.
    pub config: String,
    /// What the spec check found worth saying but not refusing.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// The answer to `PUT /pxfw/v1/services/{name}`. A change that fails validation is answered with 200 and
/// `accepted: false`: the request was fine, the new configuration was not, and the current one is kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct ConfigChange {
    pub service: String,
    pub accepted: bool,
    /// The new configuration's id (only when accepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    #[serde(default)]
    pub errors: Vec<String>,
}

/// The answer to `DELETE /pxfw/v1/services/{name}`: the uninstall plan has started.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Uninstalling {
    pub service: String,
    pub uninstalling: bool,
    /// The volumes left in place (`keep_volumes`).
    #[serde(default)]
    pub kept_volumes: Vec<String>,
}

/// `GET /pxfw/v1/cluster`: the embedded control plane's nodes and lease timing.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct ClusterStatus {
    pub cluster_id: String,
    pub lease: LeaseTiming,
    /// `local` or `portworx`.
    pub volume_driver: String,
    pub agents: Vec<NodeStatus>,
}

/// The fencing timers every agent follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct LeaseTiming {
    pub heartbeat_ms: u64,
    pub lease_ms: u64,
    pub grace_ms: u64,
}

/// One node (agent) as the server sees it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct NodeStatus {
    pub node_id: String,
    pub hostname: String,
    pub rack: Option<String>,
    pub zone: Option<String>,
    pub region: Option<String>,
    /// `ACTIVE` or `LOST`.
    pub status: String,
    pub cpus: f64,
    pub mem_mb: u64,
    pub disk_mb: u64,
    pub last_heartbeat_ms_ago: u64,
    /// What the storage backend says of the node (`up`, `down`, …).
    pub storage: String,
    /// Drained for maintenance (`pxfw node drain`): it gets no new pod and its pods are moving away.
    /// Left out when false, so a reply reads as it did before drains existed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draining: bool,
    /// The pods it runs (or is meant to run), as `service/pod` (left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pods: Vec<String>,
}

impl NodeStatus {
    /// Heartbeats arrive within the lease.
    pub fn is_active(&self) -> bool {
        self.status == "ACTIVE"
    }
}

/// `POST`, `DELETE` and `GET /pxfw/v1/nodes/{node}/drain`: where a node's drain stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct NodeDrain {
    pub node: String,
    pub draining: bool,
    /// The pods still on the node, as `service/pod`; the drain is done when none is left.
    pub pods: Vec<String>,
    /// The pod moving now (one at a time), or the next one to move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moving: Option<DrainMove>,
}

impl NodeDrain {
    /// Nothing runs on the node any more.
    pub fn is_done(&self) -> bool {
        self.pods.is_empty() && self.moving.is_none()
    }
}

/// The pod a drain moves now, and what it waits for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct DrainMove {
    /// `service/pod`.
    pub pod: String,
    /// What the move waits for: its tasks to stop, its volumes to be detached, a node, readiness.
    pub waiting_for: String,
    /// The pod was stopped and no node takes it now (`waiting_for` says why).
    #[serde(default)]
    pub unplaceable: bool,
}

/// `POST /pxfw/v1/nodes/{node}/lost`: the operator asserts that a silent node's machine is down.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct DeclareLost {
    /// Required: without it the server refuses (a live machine declared lost means two writers).
    #[serde(default)]
    pub force: bool,
}

/// The answer to [`DeclareLost`]: the node is lost and these pods move elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct NodeLost {
    pub node: String,
    pub forced: bool,
    /// The pods that were on the node, as `service/pod`; each moves through the recovery plan.
    pub pods: Vec<String>,
}

/// One entry of the decision log, `GET /pxfw/v1/events[?kind=K&after=SEQ]`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct LoggedEvent {
    /// Increasing; pass the last one seen as `after` to read only what is new.
    pub seq: i64,
    pub ts_ms: i64,
    pub kind: String,
    pub data: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A rejected change has no `config` key at all; an accepted one has it.
    #[test]
    fn config_change_omits_config_when_rejected() {
        let rejected = ConfigChange {
            service: "s".into(),
            accepted: false,
            config: None,
            errors: vec!["e".into()],
        };
        assert_eq!(
            serde_json::to_value(&rejected).unwrap(),
            json!({"service": "s", "accepted": false, "errors": ["e"]})
        );
        let accepted = ConfigChange {
            accepted: true,
            config: Some("c".into()),
            errors: vec![],
            ..rejected
        };
        assert_eq!(
            serde_json::to_value(&accepted).unwrap(),
            json!({"service": "s", "accepted": true, "config": "c", "errors": []})
        );
    }
}
