//! Typed client of Cosmos, the DC/OS package manager (contracts/dcos-cosmos-marathon-cli.md §1).
//!
//! Cosmos validates media types strictly: the request `Content-Type` and the mandatory `Accept` must carry
//! `charset=utf-8` and the exact `version=vN`. Describe is asked for v3 (v4+ packages cannot be converted to
//! v2), install for v2, everything else for v1; the service endpoints use the `dcos.service` namespace under
//! `/cosmos/service`. Errors come back as `{"type","message","data"}` with the package error media type and
//! are decoded into [`CosmosApiError`], whose `Display` says what happened and what to do.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cluster::Target;
use crate::cluster::http::{HttpClient, Req, Response, unexpected_status};

/// The media type of every Cosmos error body.
pub const ERROR_MEDIA_TYPE: &str =
    "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

/// `application/vnd.dcos.<ns>.<kind>+json;charset=utf-8;version=<v>`
pub fn media_type(namespace: &str, kind: &str, version: &str) -> String {
    format!("application/vnd.dcos.{namespace}.{kind}+json;charset=utf-8;version={version}")
}

/// One Cosmos RPC: its path and the media types it is spoken with.
#[derive(Debug, Clone, Copy)]
pub struct Rpc {
    /// Path below the package base (`/package/...`) or the service base (`/describe`).
    pub path: &'static str,
    pub namespace: &'static str,
    /// The media type kind without `-request`/`-response`, e.g. `repository.add`.
    pub kind: &'static str,
    pub response_version: &'static str,
    pub service: bool,
}

impl Rpc {
    pub fn request_type(&self) -> String {
        media_type(self.namespace, &format!("{}-request", self.kind), "v1")
    }
    pub fn response_type(&self) -> String {
        media_type(
            self.namespace,
            &format!("{}-response", self.kind),
            self.response_version,
        )
    }
}

const fn pkg(path: &'static str, kind: &'static str, response_version: &'static str) -> Rpc {
    Rpc {
        path,
        namespace: "package",
        kind,
        response_version,
        service: false,
    }
}

pub const REPOSITORY_ADD: Rpc = pkg("/package/repository/add", "repository.add", "v1");
pub const REPOSITORY_LIST: Rpc = pkg("/package/repository/list", "repository.list", "v1");
pub const REPOSITORY_DELETE: Rpc = pkg("/package/repository/delete", "repository.delete", "v1");
pub const SEARCH: Rpc = pkg("/package/search", "search", "v1");
pub const DESCRIBE: Rpc = pkg("/package/describe", "describe", "v3");
pub const LIST: Rpc = pkg("/package/list", "list", "v1");
pub const LIST_VERSIONS: Rpc = pkg("/package/list-versions", "list-versions", "v1");
pub const INSTALL: Rpc = pkg("/package/install", "install", "v2");
pub const UNINSTALL: Rpc = pkg("/package/uninstall", "uninstall", "v1");
pub const RENDER: Rpc = pkg("/package/render", "render", "v1");
pub const SERVICE_DESCRIBE: Rpc = Rpc {
    path: "/describe",
    namespace: "service",
    kind: "describe",
    response_version: "v1",
    service: true,
};
pub const SERVICE_UPDATE: Rpc = Rpc {
    path: "/update",
    namespace: "service",
    kind: "update",
    response_version: "v1",
    service: true,
};
/// `GET /capabilities` (no `-response` suffix, namespace `dcos`).
pub const CAPABILITIES_MEDIA_TYPE: &str =
    "application/vnd.dcos.capabilities+json;charset=utf-8;version=v1";

/// An error answered by Cosmos, decoded from its error body.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render_error(self))]
pub struct CosmosApiError {
    pub status: u16,
    pub kind: String,
    pub message: String,
    pub data: Value,
}

fn s(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// One line per problem, with the advice an operator needs; the original `message` is always kept.
fn render_error(e: &CosmosApiError) -> String {
    let d = &e.data;
    match e.kind.as_str() {
        "JsonSchemaMismatch" => {
            let mut out = String::from("the options do not match the package's schema:");
            if let Some(errors) = d.get("errors").and_then(Value::as_array) {
                for err in errors {
                    out.push_str("\n  ");
                    out.push_str(&schema_error_line(err));
                }
            }
            out.push_str(
                "\nFix the options file (`pxfw describe PKG --config` shows the schema) and retry.",
            );
            out
        }
        "AmbiguousAppId" => {
            let ids: Vec<String> = d
                .get("appIds")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "{} ({}); pass --name with one of: {}",
                e.message,
                s(d, "packageName"),
                ids.join(", ")
            )
        }
        "PackageAlreadyInstalled" => format!(
            "{}\nA service with that name already exists: choose another with --name, or uninstall it first.",
            e.message
        ),
        "PackageNotFound" => format!(
            "{}\n`pxfw search` lists the available packages; `pxfw repo list` the repositories searched.",
            e.message
        ),
        "VersionNotFound" => format!(
            "{}\n`pxfw update package-versions` or `pxfw describe {} ` lists the versions.",
            e.message,
            s(d, "packageName")
        ),
        "MarathonBadResponse" => {
            let mut out = format!("Marathon rejected the app: {}", e.message);
            if let Some(errs) = d.get("errors").and_then(Value::as_array) {
                for err in errs {
                    out.push_str(&format!("\n  {}", compact(err)));
                }
            }
            out
        }
        "MarathonAppNotFound" => format!(
            "{}\nNo such service is installed: `pxfw list` shows what is.",
            e.message
        ),
        "unhandled_exception" if e.message.contains("is locked by one or more deployments") => {
            format!(
                "Marathon refused the change because a deployment of the app is still running: {}\nWait for it \
             to finish (`pxfw update status`) and retry.",
                e.message
            )
        }
        "RepositoryAlreadyPresent" => {
            format!(
                "{}\n`pxfw repo list` shows the repositories; remove the old one first to replace it.",
                e.message
            )
        }
        "RepositoryAddIndexOutOfBounds" => format!(
            "{}: index {} is past the end (the largest valid index is {})",
            e.message,
            s(d, "attempted"),
            s(d, "max")
        ),
        "BadVersionUpdate" => format!(
            "{} (current {}, requested {}); valid versions: {}",
            e.message,
            s(d, "currentVersion"),
            s(d, "updateVersion"),
            d.get("validVersions").map(compact).unwrap_or_default()
        ),
        "AppIdChanged" => format!(
            "{} ({} → {})",
            e.message,
            s(d, "oldAppId"),
            s(d, "newAppId")
        ),
        "OptionsNotStored" => format!(
            "{}\nThe service has no stored options to merge with: pass the complete options with --replace.",
            e.message
        ),
        "VersionUpgradeNotSupportedInOpen" => format!(
            "{}\nThis cluster cannot change a service's package version in place; only its options.",
            e.message
        ),
        "not_valid" | "not_present" | "not_parsed" => format!(
            "Cosmos did not accept the request ({}): {}\nThis is a pxfw/Cosmos version mismatch; please report it.",
            e.kind, e.message
        ),
        _ => e.message.clone(),
    }
}

/// `/nodes/count: expected integer, found string "x"` from one java-json-tools / pxfw schema error.
pub fn schema_error_line(err: &Value) -> String {
    let pointer = err
        .get("instance")
        .and_then(|i| i.get("pointer"))
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty())
        .unwrap_or("/");
    let mut parts = Vec::new();
    if let Some(expected) = err.get("expected") {
        parts.push(format!("expected {}", list_or_value(expected)));
    }
    if let Some(found) = err.get("found") {
        parts.push(format!("found {}", list_or_value(found)));
    }
    if let Some(missing) = err.get("missing") {
        parts.push(format!("missing {}", list_or_value(missing)));
    }
    if let Some(unwanted) = err.get("unwanted") {
        parts.push(format!("not allowed {}", list_or_value(unwanted)));
    }
    if let Some(min) = err.get("minimum") {
        parts.push(format!("minimum {}", compact(min)));
    }
    if parts.is_empty() {
        parts.push(
            err.get("message")
                .and_then(Value::as_str)
                .unwrap_or("invalid")
                .to_string(),
        );
    }
    format!("{pointer}: {}", parts.join(", "))
}

fn list_or_value(v: &Value) -> String {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| compact(i)))
            .collect::<Vec<_>>()
            .join(" or "),
        Value::String(s) => s.clone(),
        other => compact(other),
    }
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A repository entry as Cosmos lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CosmosRepository {
    pub name: String,
    pub uri: String,
}

#[derive(Debug, Clone, Deserialize)]
struct RepositoryList {
    repositories: Vec<CosmosRepository>,
}

/// `/package/install` request; `None` fields are omitted, as the real CLIs do.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageInstallRequest {
    pub package_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
}

/// `/package/uninstall` request.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageUninstallRequest {
    pub package_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all: Option<bool>,
    /// pxfw server extension; left out unless set, so DC/OS requests are exactly Cosmos'.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub keep_volumes: bool,
}

/// `/cosmos/service/update` request (`replace` is required by Cosmos).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageServiceUpdate {
    pub app_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Value>,
    pub replace: bool,
}

/// The Cosmos client for one cluster.
#[derive(Debug, Clone)]
pub struct Cosmos {
    http: HttpClient,
    package_base: String,
    service_base: String,
}

impl Cosmos {
    pub fn new(http: HttpClient, target: &Target) -> Self {
        Cosmos {
            http,
            package_base: target.cosmos_package_base(),
            service_base: target.cosmos_service_base(),
        }
    }

    /// A client whose Cosmos lives at the cluster URL's default routes.
    pub fn at_cluster(http: HttpClient) -> Self {
        Cosmos {
            http,
            package_base: String::new(),
            service_base: "/cosmos/service".into(),
        }
    }

    /// Calls one RPC and returns the decoded success body, or the Cosmos error.
    pub async fn call(&self, rpc: Rpc, body: &Value) -> anyhow::Result<Value> {
        let base = if rpc.service {
            &self.service_base
        } else {
            &self.package_base
        };
        let path = format!("{base}{}", rpc.path);
        let bytes = serde_json::to_vec(body)?;
        let req = Req::post(path)
            .header("Content-Type", rpc.request_type())
            .header(
                "Accept",
                format!("{},{ERROR_MEDIA_TYPE}", rpc.response_type()),
            )
            .body(bytes, "application/json");
        // Reads are safe to retry; installs and updates are not.
        let req = match rpc.kind {
            "repository.list" | "search" | "describe" | "list" | "list-versions" | "render" => {
                req.idempotent()
            }
            _ => req,
        };
        let resp = self.http.send(req).await?;
        decode(rpc, &resp)
    }

    pub async fn capabilities(&self) -> anyhow::Result<Value> {
        let req = Req::get(format!("{}/capabilities", self.package_base))
            .header("Accept", CAPABILITIES_MEDIA_TYPE)
            .header("Content-Type", CAPABILITIES_MEDIA_TYPE);
        let resp = self.http.send(req).await?;
        if resp.status == 200 {
            Ok(resp.json()?)
        } else {
            Err(error_from(&resp)
                .map(Into::into)
                .unwrap_or_else(|| unexpected_status(&resp, "capabilities")))
        }
    }

    pub async fn repository_add(
        &self,
        name: &str,
        uri: &str,
        index: Option<usize>,
    ) -> anyhow::Result<Vec<CosmosRepository>> {
        let mut body = serde_json::json!({ "name": name, "uri": uri });
        if let Some(i) = index {
            body["index"] = serde_json::json!(i);
        }
        repos(self.call(REPOSITORY_ADD, &body).await?)
    }

    pub async fn repository_list(&self) -> anyhow::Result<Vec<CosmosRepository>> {
        repos(self.call(REPOSITORY_LIST, &serde_json::json!({})).await?)
    }

    pub async fn repository_delete(&self, name: &str) -> anyhow::Result<Vec<CosmosRepository>> {
        repos(
            self.call(REPOSITORY_DELETE, &serde_json::json!({ "name": name }))
                .await?,
        )
    }

    pub async fn search(&self, query: Option<&str>) -> anyhow::Result<Value> {
        let body = match query {
            Some(q) => serde_json::json!({ "query": q }),
            None => serde_json::json!({}),
        };
        self.call(SEARCH, &body).await
    }

    /// The package definition (the `package` member of describe v3).
    pub async fn describe(&self, name: &str, version: Option<&str>) -> anyhow::Result<Value> {
        let mut body = serde_json::json!({ "packageName": name });
        if let Some(v) = version {
            body["packageVersion"] = serde_json::json!(v);
        }
        let reply = self.call(DESCRIBE, &body).await?;
        reply
            .get("package")
            .cloned()
            .filter(Value::is_object)
            .ok_or_else(|| {
                anyhow::anyhow!("malformed describe reply from Cosmos: no `package` object")
            })
    }

    pub async fn list(&self, package: Option<&str>, app_id: Option<&str>) -> anyhow::Result<Value> {
        let mut body = serde_json::json!({});
        if let Some(p) = package {
            body["packageName"] = serde_json::json!(p);
        }
        if let Some(a) = app_id {
            body["appId"] = serde_json::json!(a);
        }
        self.call(LIST, &body).await
    }

    pub async fn list_versions(&self, package: &str) -> anyhow::Result<Value> {
        self.call(
            LIST_VERSIONS,
            &serde_json::json!({ "packageName": package, "includePackageVersions": true }),
        )
        .await
    }

    pub async fn install(&self, req: &PackageInstallRequest) -> anyhow::Result<Value> {
        self.call(INSTALL, &serde_json::to_value(req)?).await
    }

    pub async fn render(&self, req: &PackageInstallRequest) -> anyhow::Result<Value> {
        self.call(RENDER, &serde_json::to_value(req)?).await
    }

    pub async fn uninstall(&self, req: &PackageUninstallRequest) -> anyhow::Result<Value> {
        self.call(UNINSTALL, &serde_json::to_value(req)?).await
    }

    pub async fn service_describe(&self, app_id: &str) -> anyhow::Result<Value> {
        self.call(SERVICE_DESCRIBE, &serde_json::json!({ "appId": app_id }))
            .await
    }

    pub async fn service_update(&self, req: &PackageServiceUpdate) -> anyhow::Result<Value> {
        self.call(SERVICE_UPDATE, &serde_json::to_value(req)?).await
    }
}

fn repos(v: Value) -> anyhow::Result<Vec<CosmosRepository>> {
    let list: RepositoryList = serde_json::from_value(v)
        .map_err(|e| anyhow::anyhow!("malformed repository list from Cosmos: {e}"))?;
    Ok(list.repositories)
}

/// Decodes a Cosmos error body, if the response is one.
pub fn error_from(resp: &Response) -> Option<CosmosApiError> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "type")]
        kind: String,
        message: String,
        #[serde(default)]
        data: Value,
    }
    let body: Body = serde_json::from_slice(&resp.body).ok()?;
    Some(CosmosApiError {
        status: resp.status,
        kind: body.kind,
        message: body.message,
        data: body.data,
    })
}

fn decode(rpc: Rpc, resp: &Response) -> anyhow::Result<Value> {
    if resp.status == 200 {
        let value: Value = resp.json()?;
        if !value.is_object() {
            return Err(resp.malformed("expected a JSON object").into());
        }
        return Ok(value);
    }
    if let Some(err) = error_from(resp) {
        return Err(err.into());
    }
    if resp.status == 404 && rpc.service {
        return Err(anyhow::anyhow!(
            "the cluster has no Cosmos service API at {} (it needs DC/OS 1.10 or newer)",
            resp.url
        ));
    }
    Err(unexpected_status(
        resp,
        &format!("Cosmos {} failed", rpc.path),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_exact() {
        assert_eq!(
            REPOSITORY_ADD.request_type(),
            "application/vnd.dcos.package.repository.add-request+json;charset=utf-8;version=v1"
        );
        assert_eq!(
            DESCRIBE.response_type(),
            "application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v3"
        );
        assert_eq!(
            INSTALL.response_type(),
            "application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2"
        );
        assert_eq!(
            SERVICE_UPDATE.request_type(),
            "application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1"
        );
    }

    #[test]
    fn schema_mismatch_lines() {
        let err = serde_json::json!({"instance":{"pointer":"/nodes/count"},"found":"string","expected":["integer"]});
        assert_eq!(
            schema_error_line(&err),
            "/nodes/count: expected integer, found string"
        );
    }
}
