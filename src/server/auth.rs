//! The write guard: every request that can change state must carry the server token.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// An IAM-shaped 401, with the challenge the DC/OS CLI looks for.
pub fn unauthorized(description: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "acsjwt")],
        axum::Json(serde_json::json!({
            "title": "Unauthorized",
            "description": description,
            "code": "ERR_INVALID_TOKEN",
        })),
    )
        .into_response()
}

/// Lets reads through and rejects writes without the token before any handler runs, so a refused request
/// changes nothing.
pub async fn require_token_for_writes(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let read_only = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if read_only {
        return next.run(req).await;
    }
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if !super::token::matches(header, &state.token) {
        let why = if header.is_none() {
            "this call changes state and needs `Authorization: token=<server token>`"
        } else {
            "the token is not valid for this server"
        };
        return unauthorized(why);
    }
    next.run(req).await
}
