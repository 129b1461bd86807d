//! The Marathon apps of the embedded control plane: one stored document per app (`Kind::App`, keyed by app
//! id), holding the app definition exactly as Cosmos rendered it (with its `DCOS_PACKAGE_*` labels), the
//! Marathon `version` of its last change, and the deployment still running for it, if any.
//!
//! On DC/OS the app is the scheduler process; here the scheduler is the engine inside the server, so the app
//! is the record that says which service runs from which package, options and environment.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::scheduler::store::{Kind, Store, StoreError, Write};
use crate::spec::Env;
use crate::universe::render::{self, LABEL_DEFINITION, LABEL_NAME, LABEL_OPTIONS, LABEL_SOURCE};

/// The env var Cosmos sets to make an SDK scheduler run its uninstall plan (contract §6.1).
pub const SDK_UNINSTALL: &str = "SDK_UNINSTALL";
/// The label that makes Cosmos take the SDK uninstall path.
pub const COMMONS_UNINSTALL: &str = "DCOS_COMMONS_UNINSTALL";

/// A deployment that does not finish at once: only removing an app does (it waits for the uninstall plan).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Deployment {
    pub id: String,
    pub version: String,
    /// Marathon's action name, e.g. `StopApplication`.
    pub action: String,
}

/// One stored app.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredApp {
    /// The app definition (id normalised to start with `/`).
    pub app: Map<String, Value>,
    /// Marathon's `version`: when the definition last changed (RFC 3339).
    pub version: String,
    #[serde(default)]
    pub deployment: Option<Deployment>,
}

/// Marathon's timestamp format.
pub fn now_version() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

impl StoredApp {
    pub fn new(mut app: Map<String, Value>) -> StoredApp {
        let id = app
            .get("id")
            .and_then(Value::as_str)
            .map(render::normalize_app_id)
            .unwrap_or_else(|| "/".into());
        app.insert("id".into(), Value::String(id));
        StoredApp {
            app,
            version: now_version(),
            deployment: None,
        }
    }

    pub fn id(&self) -> &str {
        self.app.get("id").and_then(Value::as_str).unwrap_or("/")
    }

    /// The service the app runs: its id without the leading slash (SDK apps use `service.name` as id).
    pub fn service_name(&self) -> &str {
        self.id().trim_start_matches('/')
    }

    pub fn label(&self, key: &str) -> Option<&str> {
        self.app.get("labels")?.get(key)?.as_str()
    }

    pub fn labels(&self) -> Map<String, Value> {
        match self.app.get("labels") {
            Some(Value::Object(l)) => l.clone(),
            _ => Map::new(),
        }
    }

    pub fn package_name(&self) -> Option<&str> {
        self.label(LABEL_NAME)
    }

    pub fn source(&self) -> Option<&str> {
        self.label(LABEL_SOURCE)
    }

    /// The package the app was installed from, when its definition label decodes.
    pub fn package(&self) -> Option<crate::universe::Package> {
        render::decode_definition(self.label(LABEL_DEFINITION)?).ok()
    }

    /// The user options stored at install/update (`None` when the label is absent or unreadable).
    pub fn user_options(&self) -> Option<Map<String, Value>> {
        render::decode_options(self.label(LABEL_OPTIONS)?).ok()
    }

    /// The app's environment as the scheduler sees it: string values only (secrets references are objects).
    pub fn env(&self) -> Env {
        match self.app.get("env") {
            Some(Value::Object(env)) => env
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect(),
            _ => Env::new(),
        }
    }

    pub fn cmd(&self) -> &str {
        self.app.get("cmd").and_then(Value::as_str).unwrap_or("")
    }

    /// Whether the scheduler was told to uninstall (`env.SDK_UNINSTALL`), or the app is being removed.
    pub fn uninstalling(&self) -> bool {
        self.env().get(SDK_UNINSTALL).is_some_and(|v| v == "true") || self.deployment.is_some()
    }

    /// The app as `GET /v2/apps` shows it.
    pub fn to_marathon(&self) -> Value {
        let mut app = self.app.clone();
        app.insert("version".into(), Value::String(self.version.clone()));
        app.entry("instances").or_insert(json!(1));
        let deployments: Vec<Value> = self
            .deployment
            .iter()
            .map(|d| json!({"id": d.id}))
            .collect();
        app.insert("deployments".into(), Value::Array(deployments));
        Value::Object(app)
    }

    /// The running deployment as `GET /v2/deployments` lists it.
    pub fn deployment_json(&self) -> Option<Value> {
        let d = self.deployment.as_ref()?;
        let action = json!({"action": d.action, "app": self.id()});
        Some(json!({
            "id": d.id, "version": d.version, "affectedApps": [self.id()], "affectedPods": [],
            "steps": [{"actions": [action.clone()]}], "currentActions": [action],
            "currentStep": 1, "totalSteps": 1,
        }))
    }
}

/// Stored apps.
#[derive(Debug, Clone)]
pub struct AppStore {
    store: Arc<Store>,
}

impl AppStore {
    pub fn new(store: Arc<Store>) -> AppStore {
        AppStore { store }
    }

    pub fn get(&self, id: &str) -> Result<Option<StoredApp>, StoreError> {
        self.store.get(Kind::App, &render::normalize_app_id(id))
    }

    /// Every app, sorted by id.
    pub fn list(&self) -> Result<Vec<StoredApp>, StoreError> {
        Ok(self
            .store
            .list::<StoredApp>(Kind::App)?
            .into_iter()
            .map(|(_, a)| a)
            .collect())
    }

    pub fn put(&self, app: &StoredApp, event: &str) -> Result<(), StoreError> {
        self.store.write(vec![
            Write::put(Kind::App, app.id().to_string(), app),
            Write::event(event, &json!({"app": app.id(), "version": app.version})),
        ])
    }

    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.store.write(vec![
            Write::delete(Kind::App, id.to_string()),
            Write::event("app-removed", &json!({"app": id})),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_views() {
        let mut a = StoredApp::new(
            json!({"id": "kv", "cmd": "x", "env": {"A": "1", "S": {"secret": "s"}},
                   "labels": {"DCOS_PACKAGE_NAME": "kv-pkg"}})
            .as_object()
            .cloned()
            .unwrap(),
        );
        assert_eq!(a.id(), "/kv");
        assert_eq!(a.service_name(), "kv");
        assert_eq!(a.package_name(), Some("kv-pkg"));
        assert_eq!(a.env(), Env::from([("A".to_string(), "1".to_string())]));
        assert!(!a.uninstalling());
        assert!(a.deployment_json().is_none());
        a.deployment = Some(Deployment {
            id: "d".into(),
            version: a.version.clone(),
            action: "StopApplication".into(),
        });
        assert!(a.uninstalling());
        assert_eq!(a.to_marathon()["deployments"], json!([{"id": "d"}]));
        assert_eq!(a.deployment_json().unwrap()["affectedApps"], json!(["/kv"]));
    }
}
