//! The Marathon subset (contracts/dcos-cosmos-marathon-cli.md §2) at `/marathon/v2/…` and
//! `/service/marathon/v2/…`: installed services as apps with the labels Cosmos wrote, label selectors,
//! updates and removal, and the deployments still running. Errors are Marathon's `{"message", "details"?}`.
//!
//! Apps are created only by the package API (`/package/install`): creating one from a raw definition would
//! need a scheduler this server does not run, so `PUT` of an unknown id is refused as invalid.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use super::AppState;
use super::packages::PackageOpError;
use super::packages::apps::StoredApp;
use crate::universe::render::normalize_app_id;

pub fn routes() -> Router<AppState> {
    let v2 = Router::new()
        .route("/v2/apps", get(list_apps))
        .route(
            "/v2/apps/{*id}",
            get(get_app).put(put_app).delete(delete_app),
        )
        .route("/v2/deployments", get(deployments));
    Router::new()
        .nest("/marathon", v2.clone())
        .nest("/service/marathon", v2)
}

fn marathon_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({ "message": message }))).into_response()
}

fn op_failed(e: PackageOpError) -> Response {
    match e {
        PackageOpError::Locked { app_id, deployment } => (
            StatusCode::CONFLICT,
            axum::Json(json!({
                "message": format!("App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/{deployment}'."),
                "deployments": [{"id": deployment}],
                "app": app_id,
            })),
        )
            .into_response(),
        PackageOpError::Engine(crate::scheduler::engine::EngineError::Invalid(m))
        | PackageOpError::Asset(super::packages::assets::AssetError::InvalidSpec { message: m, .. }) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({"message": "Object is not valid", "details": [{"path": "/env", "errors": [m]}]})),
        )
            .into_response(),
        other => marathon_error(StatusCode::INTERNAL_SERVER_ERROR, &other.to_string()),
    }
}

// ------------------------------------------------------------------------------------- label selectors

/// One term of a Marathon label selector.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Exists(String),
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
}

/// Splits on `sep` outside backslash escapes and parentheses, removing the escapes only at the end.
fn split_unescaped(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0u32;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let cur = out.last_mut().expect("non-empty");
                cur.push('\\');
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '(' => {
                depth += 1;
                out.last_mut().expect("non-empty").push(c);
            }
            ')' => {
                depth = depth.saturating_sub(1);
                out.last_mut().expect("non-empty").push(c);
            }
            c if c == sep && depth == 0 => out.push(String::new()),
            c => out.last_mut().expect("non-empty").push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.trim().chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Finds an unescaped operator in a term.
fn find_op(term: &str, op: &str) -> Option<usize> {
    let bytes = term.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if term[i..].starts_with(op) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Parses `k`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, comma-separated (AND).
fn parse_selector(raw: &str) -> Result<Vec<Term>, String> {
    let mut terms = Vec::new();
    for part in split_unescaped(raw, ',') {
        let part = part.trim();
        if part.is_empty() {
            return Err(format!("empty term in label selector `{raw}`"));
        }
        let set = |kw: &str| -> Option<Result<(String, Vec<String>), String>> {
            let at = find_op(part, kw)?;
            let key = unescape(&part[..at]);
            let rest = part[at + kw.len()..].trim();
            let inner = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
            Some(match inner {
                Some(inner) if !key.is_empty() => Ok((
                    key,
                    split_unescaped(inner, ',')
                        .iter()
                        .map(|v| unescape(v))
                        .collect(),
                )),
                _ => Err(format!(
                    "`{part}`: expected `key {}(a, b)`",
                    kw.trim_start()
                )),
            })
        };
        let term = if let Some(r) = set(" notin ") {
            let (k, v) = r?;
            Term::NotIn(k, v)
        } else if let Some(r) = set(" in ") {
            let (k, v) = r?;
            Term::In(k, v)
        } else if let Some(at) = find_op(part, "==") {
            Term::Eq(unescape(&part[..at]), unescape(&part[at + 2..]))
        } else if let Some(at) = find_op(part, "!=") {
            Term::Ne(unescape(&part[..at]), unescape(&part[at + 2..]))
        } else {
            Term::Exists(unescape(part))
        };
        terms.push(term);
    }
    Ok(terms)
}

fn matches(terms: &[Term], app: &StoredApp) -> bool {
    terms.iter().all(|t| match t {
        Term::Exists(k) => app.label(k).is_some(),
        Term::Eq(k, v) => app.label(k) == Some(v.as_str()),
        Term::Ne(k, v) => app.label(k) != Some(v.as_str()),
        Term::In(k, vs) => app.label(k).is_some_and(|l| vs.iter().any(|v| v == l)),
        Term::NotIn(k, vs) => app.label(k).is_none_or(|l| !vs.iter().any(|v| v == l)),
    })
}

// ------------------------------------------------------------------------------------- handlers

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    cmd: Option<String>,
    #[serde(default)]
    label: Option<String>,
}

async fn list_apps(State(s): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let terms = match q.label.as_deref().map(parse_selector).transpose() {
        Ok(t) => t.unwrap_or_default(),
        Err(why) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(json!({"message": "Invalid label selector", "details": [{"path": "/label", "errors": [why]}]})),
            )
                .into_response();
        }
    };
    match s.packages.app_list().await {
        Ok(apps) => {
            let apps: Vec<Value> = apps
                .iter()
                .filter(|a| q.id.as_deref().is_none_or(|id| a.id().contains(id)))
                .filter(|a| q.cmd.as_deref().is_none_or(|c| a.cmd().contains(c)))
                .filter(|a| matches(&terms, a))
                .map(StoredApp::to_marathon)
                .collect();
            axum::Json(json!({ "apps": apps })).into_response()
        }
        Err(e) => op_failed(e),
    }
}

fn not_found(id: &str) -> Response {
    marathon_error(StatusCode::NOT_FOUND, &format!("App '{id}' does not exist"))
}

async fn get_app(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let id = normalize_app_id(&id);
    match s.packages.app(&id).await {
        Ok(Some(app)) => axum::Json(json!({ "app": app.to_marathon() })).into_response(),
        Ok(None) => not_found(&id),
        Err(e) => op_failed(e),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PutQuery {
    #[serde(default)]
    partial_update: Option<bool>,
}

fn deployment_result(status: StatusCode, deployment: &str, version: &str) -> Response {
    let mut resp = (
        status,
        axum::Json(json!({"deploymentId": deployment, "version": version})),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(deployment) {
        resp.headers_mut().insert("Marathon-Deployment-Id", v);
    }
    resp
}

async fn put_app(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PutQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let id = normalize_app_id(&id);
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            return marathon_error(
                e.status(),
                &format!("the request body cannot be read: {}", e.body_text()),
            );
        }
    };
    let def = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(m)) => m,
        Ok(_) => {
            return marathon_error(
                StatusCode::BAD_REQUEST,
                "Invalid JSON: an app definition must be an object",
            );
        }
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({"message": "Invalid JSON", "details": [{"path": "/", "errors": [e.to_string()]}]})),
            )
                .into_response();
        }
    };
    if let Some(given) = def.get("id").and_then(Value::as_str)
        && normalize_app_id(given) != id
    {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({"message": "Object is not valid", "details": [{"path": "/id", "errors": [format!("the app id in the body ({given}) differs from the URL ({id})")]}]})),
        )
            .into_response();
    }
    match s.packages.marathon_put(&id, def, q.partial_update.unwrap_or(true)).await {
        Ok(Some((deployment, version))) => deployment_result(StatusCode::OK, &deployment, &version),
        Ok(None) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({"message": "Object is not valid", "details": [{"path": "/id", "errors": [
                format!("app {id} does not exist, and this pxfw server creates apps only by installing packages (POST /package/install, `pxfw install`)")
            ]}]})),
        )
            .into_response(),
        Err(e) => op_failed(e),
    }
}

async fn delete_app(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let id = normalize_app_id(&id);
    match s.packages.marathon_delete(&id).await {
        Ok(Some(d)) => deployment_result(StatusCode::OK, &d.id, &d.version),
        Ok(None) => not_found(&id),
        Err(e) => op_failed(e),
    }
}

async fn deployments(State(s): State<AppState>) -> Response {
    match s.packages.app_list().await {
        Ok(apps) => axum::Json(Value::Array(
            apps.iter().filter_map(StoredApp::deployment_json).collect(),
        ))
        .into_response(),
        Err(e) => op_failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(labels: Value) -> StoredApp {
        StoredApp::new(
            json!({"id": "/a", "labels": labels})
                .as_object()
                .cloned()
                .unwrap(),
        )
    }

    #[test]
    fn selectors() {
        let a = app(
            json!({"DCOS_PACKAGE_NAME": "px-cassandra", "DCOS_SERVICE_NAME": "a/b c", "X": "1"}),
        );
        let yes = |s: &str| matches(&parse_selector(s).unwrap(), &a);
        assert!(yes("DCOS_PACKAGE_NAME==px-cassandra"));
        assert!(yes(
            "DCOS_PACKAGE_NAME==px-cassandra,DCOS_SERVICE_NAME==a\\/b\\ c"
        ));
        assert!(!yes("DCOS_PACKAGE_NAME==cassandra"));
        assert!(yes("X"));
        assert!(!yes("Y"));
        assert!(yes("X!=2"));
        assert!(!yes("X!=1"));
        assert!(yes("X in (0, 1)"));
        assert!(!yes("X notin (0,1)"));
        assert!(yes("Y notin (0,1)"));
        assert!(!yes("Y in (0,1)"));
        assert!(parse_selector("X in 1").is_err());
        assert!(parse_selector("a,,b").is_err());
    }
}
