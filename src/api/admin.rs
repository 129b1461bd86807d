//! Requests of pxfw's own admin API (`/pxfw/v1`): what the CLI sends and the server reads.

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
