//! The snapshot API of the embedded control plane (`/pxfw/v1/…`), a thin adapter over
//! [`crate::snapshot::orchestrate`]:
//!
//! * `GET|POST /pxfw/v1/services/{svc}/snapshots` — list, or take one (`CreateRequest`; `dry_run` shows
//!   the hook plan);
//! * `GET|DELETE /pxfw/v1/services/{svc}/snapshots/{id}` and `GET|DELETE /pxfw/v1/snapshots/{id}`;
//! * `GET /pxfw/v1/snapshots` — every snapshot;
//! * `POST /pxfw/v1/snapshots/{id}/restore` — starts the service's `restore` plan;
//! * `POST /pxfw/v1/snapshots/{id}/clone` `{"as": NEW_SVC}`.
//!
//! Service names may contain `/`; clients send it as `%2F` in the path segment. Writes need the server
//! token (the router's auth layer).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Map, Value};

use super::AppState;
use super::json::{Json, message};
use super::packages::{InstallRequest, Packages};
use super::sdk_api::{pretty, view};
use crate::api::snapshot::{CloneRequest, CreateRequest};
use crate::snapshot::orchestrate::{
    self, CreateOutcome, PackageInstaller, PackageRef, SnapshotError,
};
use crate::universe::render::LABEL_VERSION;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/pxfw/v1/services/{svc}/snapshots",
            get(list_of_service).post(create),
        )
        .route(
            "/pxfw/v1/services/{svc}/snapshots/{id}",
            get(show_of_service).delete(delete_of_service),
        )
        .route("/pxfw/v1/snapshots", get(list_all))
        .route("/pxfw/v1/snapshots/{id}", get(show).delete(delete))
        .route("/pxfw/v1/snapshots/{id}/restore", post(restore))
        .route("/pxfw/v1/snapshots/{id}/clone", post(clone))
}

fn failed(e: SnapshotError) -> Response {
    pretty(e.status(), &e.body())
}

/// The package the service was installed from, when it was.
async fn package_of(s: &AppState, service: &str) -> Option<PackageRef> {
    let apps = s.packages.app_list().await.ok()?;
    let app = apps.into_iter().find(|a| a.service_name() == service)?;
    Some(PackageRef {
        name: app.package_name()?.to_owned(),
        version: app.label(LABEL_VERSION).map(str::to_owned),
        options: app.user_options(),
    })
}

async fn create(
    State(s): State<AppState>,
    Path(svc): Path<String>,
    Json(req): Json<CreateRequest>,
) -> Response {
    let package = package_of(&s, &svc).await;
    match orchestrate::create(&s.engine, &s.store, &svc, req, package).await {
        Ok(CreateOutcome::DryRun(report)) => view(200, &report),
        Ok(CreateOutcome::Taken { record }) => view(201, &record),
        Err(e) => failed(e),
    }
}

async fn list_of_service(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    if s.engine.service(&svc).await.is_none() {
        // Snapshots outlive their service; list them, but say when there is no such service at all.
        match orchestrate::list(&s.store, Some(&svc)) {
            Ok(l) if l.is_empty() => {
                return message(StatusCode::NOT_FOUND, format!("no service named {svc}"));
            }
            _ => {}
        }
    }
    match orchestrate::list(&s.store, Some(&svc)) {
        Ok(l) => view(200, &l),
        Err(e) => failed(e),
    }
}

async fn list_all(State(s): State<AppState>) -> Response {
    match orchestrate::list(&s.store, None) {
        Ok(l) => view(200, &l),
        Err(e) => failed(e),
    }
}

async fn show(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    match orchestrate::get(&s.store, &id) {
        Ok(r) => view(200, &r),
        Err(e) => failed(e),
    }
}

/// The refusal when `id` is not a snapshot of `svc`: another service's snapshot under this service's
/// path is "not found", not someone else's.
fn not_of_service(s: &AppState, svc: &str, id: &str) -> Option<Response> {
    match orchestrate::get(&s.store, id) {
        Ok(r) if r.service == svc => None,
        Ok(_) => Some(message(
            StatusCode::NOT_FOUND,
            format!("snapshot `{id}` is not a snapshot of {svc}"),
        )),
        Err(e) => Some(failed(e)),
    }
}

async fn show_of_service(
    State(s): State<AppState>,
    Path((svc, id)): Path<(String, String)>,
) -> Response {
    match not_of_service(&s, &svc, &id) {
        None => show(State(s), Path(id)).await,
        Some(refused) => refused,
    }
}

async fn delete(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    match orchestrate::delete(&s.engine, &s.store, &id).await {
        Ok(v) => view(200, &v),
        Err(e) => failed(e),
    }
}

async fn delete_of_service(
    State(s): State<AppState>,
    Path((svc, id)): Path<(String, String)>,
) -> Response {
    match not_of_service(&s, &svc, &id) {
        None => delete(State(s), Path(id)).await,
        Some(refused) => refused,
    }
}

async fn restore(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    match orchestrate::restore(&s.engine, &s.store, &id).await {
        Ok(v) => view(202, &v),
        Err(e) => failed(e),
    }
}

/// The package manager, as the clone needs it.
struct Installer<'a>(&'a Packages);

impl Installer<'_> {
    fn request(package: &PackageRef, options: &Map<String, Value>) -> InstallRequest {
        InstallRequest {
            package_name: package.name.clone(),
            package_version: package.version.clone(),
            options: Some(options.clone()),
            app_id: None,
        }
    }
}

#[async_trait::async_trait]
impl PackageInstaller for Installer<'_> {
    async fn render_env(
        &self,
        package: &PackageRef,
        options: &Map<String, Value>,
    ) -> Result<std::collections::BTreeMap<String, String>, String> {
        let rendered = self
            .0
            .render(&Self::request(package, options))
            .await
            .map_err(|e| e.to_string())?;
        let env = rendered
            .pointer("/marathonJson/env")
            .and_then(Value::as_object)
            .map(|env| {
                env.iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        Ok(env)
    }

    async fn install(
        &self,
        package: &PackageRef,
        options: &Map<String, Value>,
    ) -> Result<String, String> {
        self.0
            .install(&Self::request(package, options))
            .await
            .map(|i| i.app_id)
            .map_err(|e| e.to_string())
    }
}

async fn clone(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Json(req): Json<CloneRequest>,
) -> Response {
    let installer = Installer(&s.packages);
    match orchestrate::clone(&s.engine, &s.store, Some(&installer), &id, &req.new_name).await {
        Ok(v) => view(201, &v),
        Err(e) => failed(e),
    }
}
