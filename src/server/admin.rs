//! pxfw's own admin API (`/pxfw/v1/…`): adding services from a spec, the cluster's nodes and leases, and
//! the decision log. DC/OS has no equivalent; the package API (Cosmos) is the DC/OS-shaped way in.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::AppState;
use super::json::{Json, message};
use super::sdk_api::view;
use crate::api::admin::{AddService, ClusterStatus, LeaseTiming, NodeStatus, UpdateService};
use crate::scheduler::engine::EngineError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pxfw/v1/services", get(list_services).post(add_service))
        .route(
            "/pxfw/v1/services/{name}",
            axum::routing::put(update_service).delete(remove_service),
        )
        .route("/pxfw/v1/cluster", get(cluster))
        .route("/pxfw/v1/events", get(events))
}

/// Maps an engine refusal to its HTTP answer (`{"message": …}`).
pub fn engine_error(e: EngineError) -> Response {
    let status = match e {
        EngineError::NotFound(_) => StatusCode::NOT_FOUND,
        EngineError::Conflict(_) => StatusCode::CONFLICT,
        EngineError::Invalid(_) => StatusCode::BAD_REQUEST,
        EngineError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    message(status, e.to_string())
}

async fn add_service(State(s): State<AppState>, Json(req): Json<AddService>) -> Response {
    match s.engine.add_service(req).await {
        Ok(v) => view(201, &v),
        Err(e) => engine_error(e),
    }
}

async fn update_service(
    State(s): State<AppState>,
    axum::extract::Path(name): axum::extract::Path<String>,
    Json(req): Json<UpdateService>,
) -> Response {
    match s.engine.update_service(&name, req).await {
        Ok(v) => view(200, &v),
        Err(e) => engine_error(e),
    }
}

#[derive(Debug, Deserialize)]
struct RemoveQuery {
    #[serde(default)]
    keep_volumes: bool,
}

/// Starts the uninstall plan; the service disappears when it is complete.
async fn remove_service(
    State(s): State<AppState>,
    axum::extract::Path(name): axum::extract::Path<String>,
    Query(q): Query<RemoveQuery>,
) -> Response {
    match s.engine.uninstall_service(&name, q.keep_volumes).await {
        Ok(v) => view(200, &v),
        Err(e) => engine_error(e),
    }
}

async fn list_services(State(s): State<AppState>) -> Response {
    view(200, &s.engine.service_names().await)
}

async fn cluster(State(s): State<AppState>) -> Response {
    let lease = s.agents.lease();
    let agents = s
        .agents
        .snapshot()
        .into_iter()
        .map(|a| NodeStatus {
            last_heartbeat_ms_ago: s.agents.silent_ms(&a.info.node_id),
            storage: wire_name(s.engine.node_storage(&a.info.node_id)),
            status: wire_name(a.status),
            node_id: a.info.node_id,
            hostname: a.info.topology.hostname,
            rack: a.info.topology.rack,
            zone: a.info.topology.zone,
            region: a.info.topology.region,
            cpus: a.info.cpus,
            mem_mb: a.info.mem_mb,
            disk_mb: a.info.disk_mb,
        })
        .collect();
    let status = ClusterStatus {
        cluster_id: s.cluster_id.to_string(),
        lease: LeaseTiming {
            heartbeat_ms: lease.heartbeat_ms,
            lease_ms: lease.lease_ms,
            grace_ms: lease.grace_ms,
        },
        volume_driver: s.engine.driver().kind().to_string(),
        agents,
    };
    view(200, &status)
}

/// The name a unit enum variant has on the wire (its serde name), for views that carry it as text.
fn wire_name(v: impl serde::Serialize) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    }
}

#[derive(Debug, Deserialize)]
struct EventQuery {
    kind: Option<String>,
    #[serde(default)]
    after: i64,
}

async fn events(State(s): State<AppState>, Query(q): Query<EventQuery>) -> Response {
    match s.store.events(q.kind.as_deref(), q.after) {
        Ok(ev) => view(200, &ev),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}
