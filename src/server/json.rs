//! The server's one JSON body extractor and its one error shape.
//!
//! Every handler that reads a JSON body takes [`Json`], so a malformed body is answered the same way on
//! every route: `400` with `{"message": …}` naming what was wrong. Refusals of the core are answered in
//! the same `{"message": …}` shape by [`message`], with the status the route decides.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::DeserializeOwned;

use super::sdk_api::pretty;

/// A JSON request body; a body that is not JSON, or not the expected shape, is refused with `400`.
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(e) => Err(message(StatusCode::BAD_REQUEST, e.body_text())),
        }
    }
}

/// The error body of pxfw's own APIs: `{"message": text}`, pretty-printed, with `status`.
pub fn message(status: StatusCode, text: impl Into<String>) -> Response {
    pretty(
        status.as_u16(),
        &serde_json::json!({ "message": text.into() }),
    )
}
