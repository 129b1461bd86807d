//! Snapshot requests and replies of `/pxfw/v1/…snapshots`: what the typed client sends and reads and the
//! server's snapshot API accepts and answers. The stored record itself ([`SnapshotRecord`]) is the
//! orchestrator's model and is served as it is stored.
//!
//! [`SnapshotRecord`]: crate::snapshot::orchestrate::SnapshotRecord

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::admin::ServiceAdded;

/// `POST /pxfw/v1/services/{svc}/snapshots`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    /// The snapshot's name (its id); default `<service>-<UTC time>`.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub pre: Vec<String>,
    #[serde(default)]
    pub post: Vec<String>,
    #[serde(default)]
    pub pre_background: Vec<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// A built-in hook profile, or `none`.
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub dry_run: bool,
    /// Per-hook timeout in seconds (default: each hook's own, 900 s for Stork-like hooks).
    #[serde(default)]
    pub hook_timeout: Option<u64>,
}

/// `POST /pxfw/v1/snapshots/{id}/clone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloneRequest {
    /// The new service's name.
    #[serde(rename = "as")]
    pub new_name: String,
}

/// The answer to `DELETE /pxfw/v1/snapshots/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotDeleted {
    /// The snapshot's id.
    pub deleted: String,
    pub service: String,
}

/// The answer to `POST /pxfw/v1/snapshots/{id}/restore`: the service's restore plan has started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreStarted {
    pub service: String,
    pub plan: String,
    pub snapshot: String,
}

/// The answer to `POST /pxfw/v1/snapshots/{id}/clone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloneStarted {
    pub snapshot: String,
    /// The new service.
    pub service: String,
    /// The service the snapshot was taken of.
    pub from: String,
    pub volumes: Vec<ClonedVolume>,
    /// How the new service was added.
    pub added: CloneAdded,
}

/// How a clone's service was added: like any service (the answer to `POST /pxfw/v1/services`), or by
/// installing the original's package again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CloneAdded {
    Service(ServiceAdded),
    Package {
        /// The Marathon app the package install created.
        app_id: String,
    },
}

/// One volume of a clone: the snapshot's volume it starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClonedVolume {
    pub from: String,
    pub volume: String,
    pub snapshot_id: String,
}

/// The answer to a `dry_run` create: what would run, and which volumes would be cut as one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DryRunReport {
    /// Always `dry-run`.
    pub outcome: String,
    /// The hook plan, as the orchestrator built it.
    pub plan: serde_json::Value,
    /// The hook plan in words.
    pub description: String,
    /// pod → its volumes.
    pub volumes: BTreeMap<String, Vec<String>>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Both ways a clone's service is added keep their JSON shape, and read back as the same variant.
    #[test]
    fn clone_added_is_the_engine_answer_or_the_app_id() {
        let service = CloneAdded::Service(ServiceAdded {
            service: "b".into(),
            config: "c1".into(),
            warnings: vec![],
        });
        let package = CloneAdded::Package {
            app_id: "/b".into(),
        };
        for (added, wire) in [
            (
                service,
                json!({"service": "b", "config": "c1", "warnings": []}),
            ),
            (package, json!({"app_id": "/b"})),
        ] {
            assert_eq!(serde_json::to_value(&added).unwrap(), wire);
            assert_eq!(serde_json::from_value::<CloneAdded>(wire).unwrap(), added);
        }
    }
}
