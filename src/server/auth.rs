//! The write guard: every request that can change state must carry the server token or a valid token issued
//! by this server's IAM login.

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
    // Logging in is how a token is obtained, so it cannot require one.
    if read_only || req.uri().path() == super::iam::LOGIN_PATH {
        return next.run(req).await;
    }
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Err(why) = check(&state, header) {
        return unauthorized(&why);
    }
    next.run(req).await
}

/// Whether an `Authorization` header authorises a call: the server token, or an unexpired IAM token signed
/// by this server. The error says why not.
pub fn check(state: &AppState, header: Option<&str>) -> Result<(), String> {
    let Some(h) = header else {
        return Err("this call changes state and needs `Authorization: token=<token>` (`pxfw auth login`, or the server token)".into());
    };
    if super::token::matches(Some(h), &state.token) {
        return Ok(());
    }
    let given = h
        .strip_prefix("token=")
        .or_else(|| h.strip_prefix("Bearer "))
        .unwrap_or(h);
    state
        .iam
        .verify(given)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
