//! The Cosmos package API (contracts/dcos-cosmos-marathon-cli.md §1): `/package/…`, `/cosmos/service/…`
//! and `/capabilities`, with Cosmos' strict media types.
//!
//! Every RPC checks, in Cosmos' order, the mandatory `Accept` (one of the response versions it produces,
//! written in full; missing → 400 `not_present`, unusable → 400 `not_valid`), then the request
//! `Content-Type` (compatible with `…-request+json;charset=utf-8;version=v1`), then decodes the JSON body
//! (`json_error`). Answers carry the negotiated media type; every error is `{"type","message","data"}` with
//! the package error media type and the status of §1.4. The work itself is in [`super::packages`].

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::AppState;
use super::packages::{InstallRequest, PackageOpError, ServiceUpdateRequest, UninstallRequest};
use crate::dcos::cosmos::{CAPABILITIES_MEDIA_TYPE, ERROR_MEDIA_TYPE, media_type};
use crate::scheduler::engine::EngineError;
use crate::universe::index::LookupError;
use crate::universe::options::OptionsError;
use crate::universe::package::PackagingVersion;
use crate::universe::render::RenderError;
use crate::universe::repo::MediaType;
use crate::universe::{Package, RepoError};

/// A Cosmos error answer.
#[derive(Debug, Clone)]
pub struct CosmosError {
    pub kind: &'static str,
    pub status: StatusCode,
    pub message: String,
    pub data: Option<Value>,
}

impl CosmosError {
    fn new(kind: &'static str, message: impl Into<String>) -> CosmosError {
        CosmosError {
            kind,
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            data: None,
        }
    }
    fn status(mut self, status: StatusCode) -> CosmosError {
        self.status = status;
        self
    }
    fn data(mut self, data: Value) -> CosmosError {
        self.data = Some(data);
        self
    }
}

impl IntoResponse for CosmosError {
    fn into_response(self) -> Response {
        let mut body = json!({"type": self.kind, "message": self.message});
        if let Some(d) = self.data {
            body["data"] = d;
        }
        (
            self.status,
            [(header::CONTENT_TYPE, ERROR_MEDIA_TYPE)],
            body.to_string(),
        )
            .into_response()
    }
}

/// One RPC's media types: `application/vnd.dcos.<namespace>.<kind>-request…` (always v1) and the response
/// versions it can produce, preferred first.
#[derive(Debug, Clone, Copy)]
struct Rpc {
    namespace: &'static str,
    kind: &'static str,
    responses: &'static [&'static str],
}

const fn rpc(
    namespace: &'static str,
    kind: &'static str,
    responses: &'static [&'static str],
) -> Rpc {
    Rpc {
        namespace,
        kind,
        responses,
    }
}

const REPO_ADD: Rpc = rpc("package", "repository.add", &["v1"]);
const REPO_LIST: Rpc = rpc("package", "repository.list", &["v1"]);
const REPO_DELETE: Rpc = rpc("package", "repository.delete", &["v1"]);
const SEARCH: Rpc = rpc("package", "search", &["v1"]);
const DESCRIBE: Rpc = rpc("package", "describe", &["v3", "v2"]);
const LIST: Rpc = rpc("package", "list", &["v1"]);
const LIST_VERSIONS: Rpc = rpc("package", "list-versions", &["v1"]);
const INSTALL: Rpc = rpc("package", "install", &["v2", "v1"]);
const UNINSTALL: Rpc = rpc("package", "uninstall", &["v1"]);
const RENDER: Rpc = rpc("package", "render", &["v1"]);
const SERVICE_DESCRIBE: Rpc = rpc("service", "describe", &["v1"]);
const SERVICE_UPDATE: Rpc = rpc("service", "update", &["v1"]);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/capabilities", get(capabilities))
        .route("/package/repository/add", post(repository_add))
        .route("/package/repository/list", post(repository_list))
        .route("/package/repository/delete", post(repository_delete))
        .route("/package/search", post(search))
        .route("/package/describe", post(describe))
        .route("/package/list", post(list))
        .route("/package/list-versions", post(list_versions))
        .route("/package/install", post(install))
        .route("/package/uninstall", post(uninstall))
        .route("/package/render", post(render))
        .route("/cosmos/service/describe", post(service_describe))
        .route("/cosmos/service/update", post(service_update))
}

// ---------------------------------------------------------------------------------------- negotiation

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Same type, subtype and parameter set (q excluded): Cosmos looks the encoder up by the exact media type.
fn same_media_type(a: &MediaType, b: &MediaType) -> bool {
    let params = |m: &MediaType| {
        let mut p: Vec<(String, String)> =
            m.params.iter().filter(|(k, _)| k != "q").cloned().collect();
        p.sort();
        p
    };
    a.kind.eq_ignore_ascii_case(&b.kind)
        && a.subtype.eq_ignore_ascii_case(&b.subtype)
        && params(a) == params(b)
}

/// Picks the response media type from `Accept` among `offered` (preferred first): the acceptable entry
/// with the highest q wins; ties go to the preferred version.
fn negotiate_accept(headers: &HeaderMap, offered: &[String]) -> Result<String, CosmosError> {
    let accept = header_str(headers, header::ACCEPT).ok_or_else(|| {
        CosmosError::new(
            "not_present",
            "Required header 'Accept' not present in the request.",
        )
    })?;
    let mut best: Option<(f32, usize)> = None;
    for entry in accept.split(',') {
        let Some(mt) = MediaType::parse(entry) else {
            continue;
        };
        let q = mt
            .params
            .iter()
            .find(|(k, _)| k == "q")
            .and_then(|(_, v)| v.parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        for (i, o) in offered.iter().enumerate() {
            if MediaType::parse(o).is_some_and(|om| same_media_type(&mt, &om))
                && best.is_none_or(|(bq, bi)| q > bq || (q == bq && i < bi))
            {
                best = Some((q, i));
            }
        }
    }
    best.map(|(_, i)| offered[i].clone()).ok_or_else(|| {
        CosmosError::new(
            "not_valid",
            format!(
                "Validation failed: header 'Accept' media type was [{accept}], but should be one of [{}]",
                offered.join(", ")
            ),
        )
    })
}

/// The request `Content-Type` must carry every parameter of the expected one (extra ones are fine).
fn check_content_type(headers: &HeaderMap, expected: &str) -> Result<(), CosmosError> {
    let given = header_str(headers, header::CONTENT_TYPE).ok_or_else(|| {
        CosmosError::new(
            "not_present",
            "Required header 'Content-Type' not present in the request.",
        )
    })?;
    let ok = match (MediaType::parse(expected), MediaType::parse(given)) {
        (Some(e), Some(g)) => {
            e.kind.eq_ignore_ascii_case(&g.kind)
                && e.subtype.eq_ignore_ascii_case(&g.subtype)
                && e.compatible_with(&g)
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(CosmosError::new(
            "not_valid",
            format!(
                "Validation failed: header 'Content-Type' media type was [{given}], but should be one of [{expected}]"
            ),
        ))
    }
}

fn body_error(e: BytesRejection) -> CosmosError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        CosmosError::new(
            "RequestEntityTooLarge",
            format!(
                "the request body is larger than this server accepts ({} bytes); send smaller options",
                super::MAX_BODY
            ),
        )
        .status(StatusCode::PAYLOAD_TOO_LARGE)
    } else {
        CosmosError::new(
            "not_parsed",
            format!("the request body cannot be read: {}", e.body_text()),
        )
    }
}

/// Decodes the JSON body, reporting parse and decode failures as Cosmos' `json_error`.
fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, CosmosError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        CosmosError::new("json_error", format!("the request body is not JSON: {e}"))
            .data(json!({"type": "parse", "reason": e.to_string()}))
    })?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        CosmosError::new(
            "json_error",
            format!(
                "the request body does not match the request type at {path}: {}",
                e.inner()
            ),
        )
        .data(json!({"type": "decode", "reason": e.inner().to_string(), "path": path}))
    })
}

/// An accepted RPC call: the decoded body and the response media type to answer with.
struct Call<T> {
    body: T,
    response_type: String,
}

fn accept_call<T: DeserializeOwned>(
    rpc: Rpc,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Call<T>, CosmosError> {
    let offered: Vec<String> = rpc
        .responses
        .iter()
        .map(|v| media_type(rpc.namespace, &format!("{}-response", rpc.kind), v))
        .collect();
    let response_type = negotiate_accept(headers, &offered)?;
    check_content_type(
        headers,
        &media_type(rpc.namespace, &format!("{}-request", rpc.kind), "v1"),
    )?;
    let bytes = body.map_err(body_error)?;
    Ok(Call {
        body: decode_body(&bytes)?,
        response_type,
    })
}

/// Whether the negotiated type is `version=<v>`.
fn is_version(response_type: &str, v: &str) -> bool {
    response_type.ends_with(&format!("version={v}"))
}

fn ok(response_type: &str, body: Value) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, response_type.to_string())],
        body.to_string(),
    )
        .into_response()
}

// ---------------------------------------------------------------------------------------- errors

fn repository_data(name: &Option<String>, uri: &str) -> Value {
    json!({"name": name, "uri": uri})
}

/// The Cosmos error for a failed package operation (§1.4 names and statuses).
pub fn op_error(e: PackageOpError) -> CosmosError {
    let message = e.to_string();
    let err = |kind| CosmosError::new(kind, message.clone());
    match e {
        PackageOpError::Lookup(LookupError::PackageNotFound { name }) => {
            err("PackageNotFound").data(json!({"packageName": name}))
        }
        PackageOpError::Lookup(LookupError::VersionNotFound { name, version }) => {
            err("VersionNotFound").data(json!({"packageName": name, "packageVersion": version}))
        }
        PackageOpError::Options(OptionsError::Mismatch(v)) => {
            CosmosError::new("JsonSchemaMismatch", "Options JSON failed validation")
                .data(json!({"errors": v}))
        }
        PackageOpError::Options(OptionsError::NotAllowed) => err("OptionsNotAllowed"),
        PackageOpError::Options(OptionsError::InvalidSchema(_)) => err("PackageFileSchemaMismatch"),
        PackageOpError::Render(RenderError::NoTemplate { name, version }) => {
            err("ServiceMarathonTemplateNotFound")
                .data(json!({"packageName": name, "packageVersion": version}))
        }
        PackageOpError::Render(RenderError::Package(_)) => err("PackageFileSchemaMismatch"),
        PackageOpError::Render(_) => err("MarathonTemplateMustBeJsonObject"),
        PackageOpError::Repository { name, uri, source } => {
            let data =
                json!({"repository": repository_data(&name, &uri), "cause": source.to_string()});
            let kind = match &source {
                RepoError::UnsupportedUri { .. } => "UnsupportedRepositoryUri",
                RepoError::Io { .. } | RepoError::Http { .. } => "RepositoryUriConnection",
                RepoError::HttpStatus { status, .. } => {
                    return err("UniverseClientHttpError").data(json!({
                        "packageRepository": repository_data(&name, &uri), "method": "GET", "status": status,
                    }));
                }
                RepoError::UnsupportedRedirect { .. } => "UnsupportedRedirect",
                RepoError::UnsupportedContentEncoding { .. } => "UnsupportedContentEncoding",
                RepoError::NotJson { .. } => "JsonParsingError",
                RepoError::PackagesMissing { .. } => "JsonDecodingError",
                RepoError::IndexNotFound { .. } | RepoError::BadIndex { .. } => "IndexNotFound",
                RepoError::UnsupportedRepositoryVersion { .. } => "UnsupportedRepositoryVersion",
                RepoError::MissingContentType { .. }
                | RepoError::UnsupportedContentType { .. }
                | RepoError::Zip { .. }
                | RepoError::Gzip { .. }
                | RepoError::TooLarge { .. } => "UnsupportedContentType",
            };
            err(kind).data(data)
        }
        PackageOpError::UnsupportedRepositoryUri { uri } => {
            err("UnsupportedRepositoryUri").data(json!({"uri": uri}))
        }
        PackageOpError::RepositoryAlreadyPresent { name, uri } => {
            err("RepositoryAlreadyPresent").data(present_data(name, uri))
        }
        PackageOpError::RepositoryNotPresent { name, uri } => {
            err("RepositoryNotPresent").data(present_data(name, uri))
        }
        PackageOpError::RepoNameOrUriMissing => err("RepoNameOrUriMissing"),
        PackageOpError::IndexOutOfBounds { attempted, max } => {
            err("RepositoryAddIndexOutOfBounds").data(json!({"attempted": attempted, "max": max}))
        }
        PackageOpError::AlreadyInstalled { .. }
        | PackageOpError::Engine(EngineError::Conflict(_)) => {
            err("PackageAlreadyInstalled").status(StatusCode::CONFLICT)
        }
        PackageOpError::NotInstalled { package } => {
            err("PackageNotInstalled").data(json!({"packageName": package}))
        }
        PackageOpError::NotInstalledApp { package, app_id } => {
            err("UninstallNonExistentAppForPackage")
                .data(json!({"packageName": package, "appId": app_id}))
        }
        PackageOpError::Ambiguous { package, app_ids } => {
            err("AmbiguousAppId").data(json!({"packageName": package, "appIds": app_ids}))
        }
        PackageOpError::AppNotFound { app_id } => {
            err("MarathonAppNotFound").data(json!({"appId": app_id}))
        }
        PackageOpError::OptionsNotStored { .. } => err("OptionsNotStored"),
        PackageOpError::VersionUpgrade { current, requested } => {
            err("VersionUpgradeNotSupportedInOpen")
                .data(json!({"installed": current, "requested": requested}))
        }
        PackageOpError::AppIdChanged { old, new } => {
            err("AppIdChanged").data(json!({"oldAppId": old, "newAppId": new}))
        }
        PackageOpError::BadApp(_) => err("MarathonBadResponse").data(json!({"errors": []})),
        PackageOpError::Locked { deployment, .. } => {
            // Cosmos surfaces Marathon's refusal of its PUT as an unhandled exception carrying Marathon's body.
            let marathon = json!({"message": message, "deployments": [{"id": deployment}]});
            CosmosError::new("unhandled_exception", marathon.to_string())
                .status(StatusCode::INTERNAL_SERVER_ERROR)
        }
        PackageOpError::Asset(a) => {
            use super::packages::assets::AssetError as A;
            match &a {
                A::Fetch { url, status, .. } => err("GenericHttpError")
                    .data(json!({"method": "GET", "uri": url, "status": status})),
                A::BadUrl { url, .. } | A::TooLarge { url } => {
                    err("GenericHttpError").data(json!({"method": "GET", "uri": url}))
                }
                A::NotZip { .. } | A::InvalidSpec { .. } | A::NotText { .. } => {
                    err("PackageFileSchemaMismatch")
                }
                A::NotDeclared { .. }
                | A::NoSpecInCmd { .. }
                | A::SpecMissing { .. }
                | A::TemplateMissing { .. } => {
                    err("PackageFileMissing").data(json!({"fileName": a.file()}))
                }
            }
        }
        PackageOpError::Engine(EngineError::Invalid(_)) => err("PackageFileSchemaMismatch"),
        PackageOpError::Engine(EngineError::NotFound(_)) => err("MarathonAppNotFound"),
        PackageOpError::Engine(EngineError::Store(_)) | PackageOpError::Store(_) => {
            err("unhandled_exception").status(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

fn present_data(name: Option<String>, uri: Option<String>) -> Value {
    let mut d = Map::new();
    if let Some(n) = name {
        d.insert("name".into(), Value::String(n));
    }
    if let Some(u) = uri {
        d.insert("uri".into(), Value::String(u));
    }
    Value::Object(d)
}

/// Runs a handler body, turning any error into its Cosmos answer.
fn answer(result: Result<Response, CosmosError>) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}

// ---------------------------------------------------------------------------------------- handlers

async fn capabilities(headers: HeaderMap) -> Response {
    answer(
        negotiate_accept(&headers, &[CAPABILITIES_MEDIA_TYPE.to_string()]).map(|t| {
            // Only what this server really does: package management (no Metronome, no logging API).
            ok(
                &t,
                json!({"capabilities": [{"name": "PACKAGE_MANAGEMENT"}]}),
            )
        }),
    )
}

#[derive(Debug, Deserialize)]
struct RepositoryAddBody {
    name: String,
    uri: String,
    #[serde(default)]
    index: Option<usize>,
}

async fn repository_add(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<RepositoryAddBody> = accept_call(REPO_ADD, &headers, body)?;
            let b = call.body;
            let list = s
                .packages
                .repository_add(&b.name, &b.uri, b.index)
                .await
                .map_err(op_error)?;
            Ok(ok(&call.response_type, json!({"repositories": list})))
        }
        .await,
    )
}

async fn repository_list(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer((|| {
        let call: Call<Value> = accept_call(REPO_LIST, &headers, body)?;
        let list = s.packages.repositories().map_err(op_error)?;
        Ok(ok(&call.response_type, json!({"repositories": list})))
    })())
}

#[derive(Debug, Deserialize)]
struct RepositoryDeleteBody {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    uri: Option<String>,
}

async fn repository_delete(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<RepositoryDeleteBody> = accept_call(REPO_DELETE, &headers, body)?;
            let b = call.body;
            let list = s
                .packages
                .repository_delete(b.name.as_deref(), b.uri.as_deref())
                .await
                .map_err(op_error)?;
            Ok(ok(&call.response_type, json!({"repositories": list})))
        }
        .await,
    )
}

#[derive(Debug, Deserialize)]
struct SearchBody {
    #[serde(default)]
    query: Option<String>,
}

async fn search(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<SearchBody> = accept_call(SEARCH, &headers, body)?;
            let index = s.packages.index().await.map_err(op_error)?;
            let query = call.body.query.as_deref().filter(|q| !q.is_empty());
            Ok(ok(
                &call.response_type,
                json!({"packages": index.search(query)}),
            ))
        }
        .await,
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DescribeBody {
    package_name: String,
    #[serde(default)]
    package_version: Option<String>,
}

/// The v2 describe body: the package's own fields at the top level, for packaging 2.0/3.0 only.
fn describe_v2(package: &Package) -> Result<Value, CosmosError> {
    if package.packaging_version >= PackagingVersion::V4 {
        return Err(CosmosError::new(
            "ConversionFromPackageToV2DescribeResponse",
            format!(
                "package {} {} has packagingVersion {}, which a v2 describe response cannot carry; ask for version=v3",
                package.name,
                package.version,
                package.packaging_version.as_str()
            ),
        ));
    }
    let mut v = serde_json::to_value(package).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        for k in [
            "releaseVersion",
            "upgradesFrom",
            "downgradesTo",
            "lastUpdated",
            "hasKnownIssues",
            "manager",
        ] {
            m.remove(k);
        }
    }
    Ok(v)
}

async fn describe(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<DescribeBody> = accept_call(DESCRIBE, &headers, body)?;
            let index = s.packages.index().await.map_err(op_error)?;
            let found = index
                .resolve(
                    &call.body.package_name,
                    call.body.package_version.as_deref(),
                )
                .map_err(|e| op_error(e.into()))?;
            let body = if is_version(&call.response_type, "v2") {
                describe_v2(found.package)?
            } else {
                found.package.describe_json()
            };
            Ok(ok(&call.response_type, body))
        }
        .await,
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListBody {
    #[serde(default)]
    package_name: Option<String>,
    #[serde(default)]
    app_id: Option<String>,
}

/// The package details `/package/list` shows (no template, schema or resource).
fn installed_details(package: &Package) -> Value {
    let mut v = serde_json::to_value(package).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        const KEEP: [&str; 14] = [
            "packagingVersion",
            "name",
            "version",
            "maintainer",
            "description",
            "tags",
            "selected",
            "scm",
            "website",
            "framework",
            "preInstallNotes",
            "postInstallNotes",
            "postUninstallNotes",
            "licenses",
        ];
        m.retain(|k, _| KEEP.contains(&k.as_str()));
    }
    v
}

async fn list(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<ListBody> = accept_call(LIST, &headers, body)?;
            let want_id = call
                .body
                .app_id
                .as_deref()
                .map(crate::universe::render::normalize_app_id);
            let mut rows: Vec<(String, String, Value)> = Vec::new();
            for app in s.packages.app_list().await.map_err(op_error)? {
                let (Some(name), Some(package)) = (app.package_name(), app.package()) else {
                    continue;
                };
                if call.body.package_name.as_deref().is_some_and(|n| n != name)
                    || want_id.as_deref().is_some_and(|id| id != app.id())
                {
                    continue;
                }
                let mut info = json!({"packageDefinition": installed_details(&package)});
                if let Some(r) = package.resource_json() {
                    info["resourceDefinition"] = r;
                }
                rows.push((
                    name.to_string(),
                    app.id().to_string(),
                    json!({"appId": app.id(), "packageInformation": info}),
                ));
            }
            rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            Ok(ok(
                &call.response_type,
                json!({"packages": rows.into_iter().map(|r| r.2).collect::<Vec<_>>()}),
            ))
        }
        .await,
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListVersionsBody {
    package_name: String,
}

async fn list_versions(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<ListVersionsBody> = accept_call(LIST_VERSIONS, &headers, body)?;
            let index = s.packages.index().await.map_err(op_error)?;
            let versions = index
                .list_versions(&call.body.package_name)
                .map_err(|e| op_error(e.into()))?;
            let results: Map<String, Value> = versions
                .into_iter()
                .map(|(v, r)| (v, Value::String(r.to_string())))
                .collect();
            Ok(ok(&call.response_type, json!({"results": results})))
        }
        .await,
    )
}

async fn install(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<InstallRequest> = accept_call(INSTALL, &headers, body)?;
            let done = s.packages.install(&call.body).await.map_err(op_error)?;
            let p = &done.package;
            let mut body =
                json!({"packageName": p.name, "packageVersion": p.version, "appId": done.app_id});
            if is_version(&call.response_type, "v2") {
                if let Some(notes) = &p.post_install_notes {
                    body["postInstallNotes"] = json!(notes);
                }
                if let Some(cli) = p.resource.as_ref().and_then(|r| r.cli.as_ref()) {
                    body["cli"] = serde_json::to_value(cli).unwrap_or(Value::Null);
                }
            }
            Ok(ok(&call.response_type, body))
        }
        .await,
    )
}

async fn uninstall(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<UninstallRequest> = accept_call(UNINSTALL, &headers, body)?;
            let done = s.packages.uninstall(&call.body).await.map_err(op_error)?;
            let results: Vec<Value> = done
                .iter()
                .map(|u| {
                    let mut r = json!({"packageName": call.body.package_name, "appId": u.app.id()});
                    if let Some(p) = &u.package {
                        r["packageVersion"] = json!(p.version);
                        if let Some(n) = &p.post_uninstall_notes {
                            r["postUninstallNotes"] = json!(n);
                        }
                    }
                    if !u.kept_volumes.is_empty() {
                        // pxfw's extension, beside Cosmos' fields.
                        r["keptVolumes"] = json!(u.kept_volumes);
                    }
                    r
                })
                .collect();
            Ok(ok(&call.response_type, json!({"results": results})))
        }
        .await,
    )
}

async fn render(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<InstallRequest> = accept_call(RENDER, &headers, body)?;
            let rendered = s.packages.render(&call.body).await.map_err(op_error)?;
            Ok(ok(&call.response_type, rendered))
        }
        .await,
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServiceDescribeBody {
    app_id: String,
}

async fn service_describe(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<ServiceDescribeBody> = accept_call(SERVICE_DESCRIBE, &headers, body)?;
            let described = s
                .packages
                .service_describe(&call.body.app_id)
                .await
                .map_err(op_error)?;
            Ok(ok(&call.response_type, described))
        }
        .await,
    )
}

async fn service_update(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    answer(
        async {
            let call: Call<ServiceUpdateRequest> = accept_call(SERVICE_UPDATE, &headers, body)?;
            let (package, resolved, deployment) = s
                .packages
                .service_update(&call.body)
                .await
                .map_err(op_error)?;
            Ok(ok(
                &call.response_type,
                json!({
                    "package": serde_json::to_value(&package).unwrap_or(Value::Null),
                    "resolvedOptions": resolved,
                    "marathonDeploymentId": deployment,
                }),
            ))
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(accept: Option<&str>, content_type: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(a) = accept {
            h.insert(header::ACCEPT, HeaderValue::from_str(a).unwrap());
        }
        if let Some(c) = content_type {
            h.insert(header::CONTENT_TYPE, HeaderValue::from_str(c).unwrap());
        }
        h
    }

    fn offered(rpc: Rpc) -> Vec<String> {
        rpc.responses
            .iter()
            .map(|v| media_type(rpc.namespace, &format!("{}-response", rpc.kind), v))
            .collect()
    }

    #[test]
    fn accept_negotiation() {
        let o = offered(INSTALL);
        let v1 = "application/vnd.dcos.package.install-response+json;charset=utf-8;version=v1";
        let v2 = "application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2";
        let with_error = format!("{v1},{ERROR_MEDIA_TYPE}");
        assert_eq!(
            negotiate_accept(&headers(Some(&with_error), None), &o).unwrap(),
            v1
        );
        assert_eq!(
            negotiate_accept(&headers(Some(&format!("{v1};q=0.5,{v2}")), None), &o).unwrap(),
            v2
        );
        assert_eq!(
            negotiate_accept(&headers(Some(&format!("{v1},{v2}")), None), &o).unwrap(),
            v2,
            "ties prefer the newest"
        );
        assert_eq!(
            negotiate_accept(&headers(Some("application/vnd.dcos.package.install-response+json; version=v1; charset=UTF-8"), None), &o).unwrap(),
            v1,
            "parameter order and charset case do not matter"
        );
        let e = negotiate_accept(
            &headers(
                Some("application/vnd.dcos.package.install-response+json"),
                None,
            ),
            &o,
        )
        .unwrap_err();
        assert_eq!((e.kind, e.status), ("not_valid", StatusCode::BAD_REQUEST));
        assert_eq!(
            negotiate_accept(&headers(Some("*/*"), None), &o)
                .unwrap_err()
                .kind,
            "not_valid"
        );
        assert_eq!(
            negotiate_accept(&headers(None, None), &o).unwrap_err().kind,
            "not_present"
        );
    }

    #[test]
    fn content_type_check() {
        let expected = "application/vnd.dcos.package.install-request+json;charset=utf-8;version=v1";
        assert!(check_content_type(&headers(None, Some(expected)), expected).is_ok());
        assert!(
            check_content_type(
                &headers(None, Some(&format!("{expected};extra=1"))),
                expected
            )
            .is_ok()
        );
        let e = check_content_type(&headers(None, Some("application/json")), expected).unwrap_err();
        assert_eq!(e.kind, "not_valid");
        let e = check_content_type(
            &headers(
                None,
                Some("application/vnd.dcos.package.install-request+json;version=v1"),
            ),
            expected,
        )
        .unwrap_err();
        assert_eq!(e.kind, "not_valid", "charset is required");
        assert_eq!(
            check_content_type(&headers(None, None), expected)
                .unwrap_err()
                .kind,
            "not_present"
        );
    }

    #[test]
    fn body_errors_are_json_error() {
        let e = decode_body::<DescribeBody>(b"{").unwrap_err();
        assert_eq!(
            (e.kind, e.data.unwrap()["type"].clone()),
            ("json_error", json!("parse"))
        );
        let e = decode_body::<DescribeBody>(br#"{"packageName": 3}"#).unwrap_err();
        let d = e.data.unwrap();
        assert_eq!(
            (d["type"].as_str(), d["path"].as_str()),
            (Some("decode"), Some("packageName"))
        );
    }

    #[test]
    fn errors_have_cosmos_types_and_statuses() {
        let e = op_error(PackageOpError::AlreadyInstalled {
            app_id: "/x".into(),
        });
        assert_eq!(
            (e.kind, e.status),
            ("PackageAlreadyInstalled", StatusCode::CONFLICT)
        );
        let e = op_error(PackageOpError::IndexOutOfBounds {
            attempted: 5,
            max: 1,
        });
        assert_eq!(e.kind, "RepositoryAddIndexOutOfBounds");
        assert_eq!(e.data.unwrap(), json!({"attempted": 5, "max": 1}));
        let e = op_error(PackageOpError::Ambiguous {
            package: "p".into(),
            app_ids: vec!["/a".into(), "/b".into()],
        });
        assert_eq!(e.message, "Multiple apps named [p] are installed: [/a, /b]");
        let e = op_error(PackageOpError::Locked {
            app_id: "/a".into(),
            deployment: "d1".into(),
        });
        assert_eq!(
            (e.kind, e.status),
            ("unhandled_exception", StatusCode::INTERNAL_SERVER_ERROR)
        );
        assert!(e.message.contains("is locked by one or more deployments"));
        let resp = CosmosError::new("X", "m").into_response();
        assert_eq!(resp.headers()[header::CONTENT_TYPE], ERROR_MEDIA_TYPE);
    }
}
