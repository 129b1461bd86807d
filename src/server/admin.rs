//! pxfw's own admin API (`/pxfw/v1/…`): adding services from a spec, the cluster's nodes and leases, node
//! maintenance (drain, declaring a node lost), and the decision log. DC/OS has no equivalent; the package API (Cosmos) is the DC/OS-shaped way in.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::AppState;
use super::json::{Json, message};
use super::sdk_api::view;
use crate::api::admin::{
    AddService, ClusterStatus, DeclareLost, LeaseTiming, NodeLost, NodeStatus, UpdateService,
};
use crate::scheduler::agents::LostRefusal;
use crate::scheduler::engine::EngineError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pxfw/v1/services", get(list_services).post(add_service))
        .route(
            "/pxfw/v1/services/{name}",
            axum::routing::put(update_service).delete(remove_service),
        )
        .route("/pxfw/v1/cluster", get(cluster))
        .route(
            "/pxfw/v1/nodes/{node}/drain",
            get(drain_status).post(drain_node).delete(undrain_node),
        )
        .route("/pxfw/v1/nodes/{node}/lost", axum::routing::post(node_lost))
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
    let records = s.agents.snapshot();
    let ids: Vec<String> = records.iter().map(|a| a.info.node_id.clone()).collect();
    let mut pods = s.engine.pods_by_node(&ids).await;
    let draining = s.engine.draining_nodes();
    let agents = records
        .into_iter()
        .map(|a| NodeStatus {
            draining: draining.contains(&a.info.node_id),
            pods: pods.remove(&a.info.node_id).unwrap_or_default(),
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

async fn drain_node(State(s): State<AppState>, Path(node): Path<String>) -> Response {
    match s.engine.drain_node(&node).await {
        Ok(v) => view(200, &v),
        Err(e) => engine_error(e),
    }
}

async fn undrain_node(State(s): State<AppState>, Path(node): Path<String>) -> Response {
    match s.engine.undrain_node(&node).await {
        Ok(v) => view(200, &v),
        Err(e) => engine_error(e),
    }
}

async fn drain_status(State(s): State<AppState>, Path(node): Path<String>) -> Response {
    match s.engine.drain_status(&node).await {
        Ok(v) => view(200, &v),
        Err(e) => engine_error(e),
    }
}

/// Declares a silent node lost on the operator's word (`force` required).
async fn node_lost(
    State(s): State<AppState>,
    Path(node): Path<String>,
    Json(req): Json<DeclareLost>,
) -> Response {
    match s.engine.declare_node_lost(&node, req.force).await {
        Ok(pods) => view(
            200,
            &NodeLost {
                node,
                forced: true,
                pods,
            },
        ),
        Err(e) => {
            let status = match e {
                LostRefusal::Unknown { .. } => StatusCode::NOT_FOUND,
                LostRefusal::NotForced(_) => StatusCode::BAD_REQUEST,
                LostRefusal::AlreadyLost(_) | LostRefusal::Alive { .. } => StatusCode::CONFLICT,
                LostRefusal::Unrecorded(_) => StatusCode::INTERNAL_SERVER_ERROR,
            };
            message(status, e.to_string())
        }
    }
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
