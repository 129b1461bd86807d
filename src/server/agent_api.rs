//! The agent API: registration, and the heartbeat that renews a node's lease and exchanges task state.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::AppState;
use super::json::{Json, message};
use crate::api::agent::{AgentInfo, Heartbeat, HeartbeatReply};
use crate::scheduler::agents::Refusal;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v1/register", post(register))
        .route("/agent/v1/heartbeat", post(heartbeat))
}

/// The answer to a refused registration or heartbeat: the agent acts on the status (a 410 makes it
/// kill its tasks and register again, a 409 makes it stop).
fn refused(r: Refusal) -> Response {
    let status = match r {
        Refusal::Invalid(_) => StatusCode::BAD_REQUEST,
        Refusal::NotRegistered(_) => StatusCode::NOT_FOUND,
        Refusal::Taken(_) => StatusCode::CONFLICT,
        Refusal::Lost(_) => StatusCode::GONE,
        Refusal::Unrecorded(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    message(status, r.to_string())
}

async fn register(State(s): State<AppState>, Json(info): Json<AgentInfo>) -> Response {
    match s.agents.register(info) {
        Ok(terms) => axum::Json(terms).into_response(),
        Err(r) => refused(r),
    }
}

/// Renews the lease, records the reported task states, and answers with every task the node should run.
async fn heartbeat(State(s): State<AppState>, Json(beat): Json<Heartbeat>) -> Response {
    let terms = match s.agents.heartbeat(&beat.node_id, &beat.instance) {
        Ok(t) => t,
        Err(r) => return refused(r),
    };
    match s.engine.heartbeat(&beat.node_id, &beat.tasks).await {
        Ok(launches) => axum::Json(HeartbeatReply {
            heartbeat_ms: terms.heartbeat_ms,
            lease_ms: terms.lease_ms,
            launches,
            reach_ms: terms.reach_ms,
            peers: Vec::new(),
        })
        .into_response(),
        Err(e) => super::admin::engine_error(e),
    }
}
