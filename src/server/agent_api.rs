//! The agent API: registration, and the heartbeat that renews a node's lease and exchanges task state.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::AppState;
use crate::agent::runtime::{Heartbeat, HeartbeatReply};
use crate::scheduler::agents::refuse;
use crate::scheduler::state::AgentInfo;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v1/register", post(register))
        .route("/agent/v1/heartbeat", post(heartbeat))
}

async fn register(
    State(s): State<AppState>,
    body: Result<axum::Json<AgentInfo>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let info = match body {
        Ok(axum::Json(i)) => i,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                format!("registration refused: {}", e.body_text()),
            )
            .into_response();
        }
    };
    match s.agents.register(info) {
        Ok(terms) => axum::Json(terms).into_response(),
        Err(r) => r.into_response(),
    }
}

/// Renews the lease, records the reported task states, and answers with every task the node should run.
async fn heartbeat(
    State(s): State<AppState>,
    body: Result<axum::Json<Heartbeat>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let beat = match body {
        Ok(axum::Json(b)) => b,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                format!("bad heartbeat: {}", e.body_text()),
            )
            .into_response();
        }
    };
    let terms = match s.agents.heartbeat(&beat.node_id, &beat.instance) {
        Ok(t) => t,
        Err(r) => return r.into_response(),
    };
    match s.engine.heartbeat(&beat.node_id, &beat.tasks).await {
        Ok(launches) => axum::Json(HeartbeatReply {
            heartbeat_ms: terms.heartbeat_ms,
            lease_ms: terms.lease_ms,
            launches,
        })
        .into_response(),
        Err(e) => super::admin::engine_error(e),
    }
}
