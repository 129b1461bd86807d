//! `GET /mesos/state-summary`: the Mesos master's summary as the uninstall check reads it (contract §6.1:
//! after an uninstall, nothing may stay reserved for `<service>-role` and no framework named after the
//! service may remain).
//!
//! It is truthful for this control plane: the agents are the slaves (with their rack and zone as
//! attributes), the registered frameworks are the services the engine runs, and there are no Mesos
//! reservations at all — volumes belong to the volume driver and are deleted by the uninstall plan itself.

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/mesos/state-summary", get(state_summary))
}

async fn state_summary(State(s): State<AppState>) -> Response {
    let slaves: Vec<Value> = s
        .agents
        .snapshot()
        .into_iter()
        .map(|a| {
            let mut attributes = serde_json::Map::new();
            if let Some(r) = &a.info.topology.rack {
                attributes.insert("rack".into(), json!(r));
            }
            if let Some(z) = &a.info.topology.zone {
                attributes.insert("zone".into(), json!(z));
            }
            json!({
                "id": a.info.node_id, "hostname": a.info.topology.hostname, "active": a.status == crate::scheduler::state::AgentStatus::Active,
                "attributes": attributes,
                "resources": {"cpus": a.info.cpus, "mem": a.info.mem_mb, "disk": a.info.disk_mb},
                "reserved_resources": {},
            })
        })
        .collect();
    let mut frameworks = Vec::new();
    for name in s.engine.service_names().await {
        if let Ok(id) = s.engine.framework_id(&name).await {
            frameworks.push(json!({"id": id, "name": name, "active": true}));
        }
    }
    axum::Json(json!({
        "hostname": "127.0.0.1",
        "cluster": "",
        "slaves": slaves,
        "frameworks": frameworks,
    }))
    .into_response()
}
