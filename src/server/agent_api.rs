//! The agent API: registration, and the heartbeat that renews a node's lease and exchanges task state.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::Extensions;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::AppState;
use super::json::{Json, message};
use crate::api::agent::{AgentInfo, Heartbeat, HeartbeatAck, HeartbeatReply};
use crate::scheduler::agents::Refusal;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/v1/register", post(register))
        .route("/agent/v1/heartbeat", post(heartbeat))
        .route("/agent/v1/ack", post(ack))
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

/// The peer endpoint's host defaults to the address the registration came from (when the server was
/// started with connection info; a router served without it simply has none).
async fn register(
    State(s): State<AppState>,
    ext: Extensions,
    Json(info): Json<AgentInfo>,
) -> Response {
    let source = ext
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_canonical());
    match s.agents.register(info, source) {
        Ok(terms) => axum::Json(terms).into_response(),
        Err(r) => refused(r),
    }
}

/// Renews the lease, records the reported task states, and answers with every task the node should run.
async fn heartbeat(State(s): State<AppState>, Json(beat): Json<Heartbeat>) -> Response {
    let renewal = match s
        .agents
        .heartbeat(&beat.node_id, &beat.instance, beat.seq, beat.members)
    {
        Ok(t) => t,
        Err(r) => return refused(r),
    };
    let terms = renewal.terms;
    match s.engine.heartbeat(&beat.node_id, &beat.tasks).await {
        Ok(launches) => axum::Json(HeartbeatReply {
            heartbeat_ms: terms.heartbeat_ms,
            lease_ms: terms.lease_ms,
            launches,
            reach_ms: terms.reach_ms,
            peers: renewal.peers,
        })
        .into_response(),
        Err(e) => super::admin::engine_error(e),
    }
}

/// The agent received a heartbeat reply: from now on that heartbeat counts toward the server's majority.
async fn ack(State(s): State<AppState>, Json(ack): Json<HeartbeatAck>) -> Response {
    match s.agents.ack(&ack.node_id, &ack.instance, ack.seq) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => refused(r),
    }
}
