//! Cluster metadata as DC/OS serves it, so `pxfw cluster setup http://127.0.0.1:PORT` works unchanged.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::AppState;

/// The DC/OS release whose API the embedded server follows.
pub const DCOS_VERSION: &str = "1.12.4";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/metadata", get(metadata))
        .route("/dcos-metadata/dcos-version.json", get(version))
        .route(
            "/pkgpanda/active.buildinfo.full.json",
            get(buildinfo).head(buildinfo),
        )
}

async fn metadata(State(s): State<AppState>) -> Response {
    axum::Json(serde_json::json!({"PUBLIC_IPV4": "127.0.0.1", "CLUSTER_ID": s.cluster_id.as_str()}))
        .into_response()
}

async fn version() -> Response {
    axum::Json(serde_json::json!({
        "version": DCOS_VERSION,
        "dcos-variant": "pxfw",
        "dcos-image-commit": env!("CARGO_PKG_VERSION"),
        "bootstrap-id": "pxfw-embedded",
    }))
    .into_response()
}

/// The DC/OS CLI's auth probe: 401 with an `acsjwt` challenge without a valid token, 200 with one.
async fn buildinfo(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if super::auth::check(&s, auth).is_ok() {
        (StatusCode::OK, axum::Json(serde_json::json!({}))).into_response()
    } else {
        super::auth::unauthorized("authentication required")
    }
}
