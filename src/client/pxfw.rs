//! The client of pxfw's own API, `/pxfw/v1/…`: services from a spec, the cluster's nodes, the decision
//! log, and consistency-group snapshots (see `crate::server::admin` and `crate::server::snapshot_api`).
//!
//! Every method returns the reply as its wire type from `crate::api`, or a [`PxfwError`] that says whether
//! the server refused the request (with its message) or something other than a pxfw server answered.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::admin::{
    AddService, ClusterStatus, ConfigChange, DeclareLost, LoggedEvent, NodeDrain, NodeLost,
    ServiceAdded, Uninstalling, UpdateService,
};
use crate::api::snapshot::{
    CloneRequest, CloneStarted, CreateRequest, DryRunReport, RestoreStarted, SnapshotDeleted,
};
use crate::cluster::http::{HttpClient, HttpError, Req, Response, error_text, unexpected_status};
use crate::snapshot::orchestrate::SnapshotRecord;

/// How long the server may take for a snapshot with hooks before the client gives up waiting.
const CREATE_TIMEOUT: Duration = Duration::from_secs(3600);

/// Why a `/pxfw/v1` call did not give its answer.
#[derive(Debug, thiserror::Error)]
pub enum PxfwError {
    /// No answer, or one that could not be read.
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The server refused the request and said why (a name taken, a snapshot missing, a hook failed).
    #[error("{message}")]
    Refused { status: u16, message: String },
    /// The URL answers, but not as a pxfw server: it has no `/pxfw/v1` (a DC/OS cluster, say).
    #[error("{url} is not a pxfw server (no {path})")]
    NotPxfw { url: String, path: String },
    /// Any other answer (a gateway's 502, a server failure without pxfw's error body), explained.
    #[error("{0}")]
    Unexpected(String),
}

/// What a snapshot request produced: the record of the snapshot taken, or (`dry_run`) the plan.
#[derive(Debug, Clone)]
pub enum SnapshotCreated {
    Taken(Box<SnapshotRecord>),
    DryRun(DryRunReport),
}

/// A client of one pxfw server. Cheap to clone.
#[derive(Debug, Clone)]
pub struct PxfwClient {
    http: HttpClient,
}

/// A path segment: service names may contain `/`, which the server reads back from `%2F`.
fn seg(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

impl PxfwClient {
    pub fn new(http: HttpClient) -> Self {
        PxfwClient { http }
    }

    /// The client of the selected cluster (`crate::cluster::connect`).
    pub fn connect() -> anyhow::Result<Self> {
        Ok(PxfwClient::new(crate::cluster::connect()?))
    }

    /// The HTTP client under this one, for the DC/OS-shaped APIs the same server also serves.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// Sends `req`; a reply with status `ok` is decoded as `T`. Statuses in `refusals` are the server's
    /// own refusals and carry its message; anything else is explained by `what` failing.
    async fn call<T: DeserializeOwned>(
        &self,
        req: Req,
        ok: u16,
        refusals: &[u16],
        what: &str,
    ) -> Result<T, PxfwError> {
        let resp = self.http.send(req).await?;
        if resp.status == ok {
            return Ok(resp.json()?);
        }
        Err(refusal(&resp, refusals, what))
    }

    // ------------------------------------------------------------------------------------ services

    /// `POST /pxfw/v1/services`: runs a service from a spec; its deploy plan starts.
    pub async fn add_service(&self, req: &AddService) -> Result<ServiceAdded, PxfwError> {
        let req = Req::post("/pxfw/v1/services").json(req);
        self.call(req, 201, &[400, 409], "adding the service failed")
            .await
    }

    /// `PUT /pxfw/v1/services/{name}`: a new configuration, rolled out by the deploy plan when accepted.
    pub async fn update_service(
        &self,
        name: &str,
        req: &UpdateService,
    ) -> Result<ConfigChange, PxfwError> {
        let req = Req::put(format!("/pxfw/v1/services/{}", seg(name))).json(req);
        self.call(req, 200, &[400, 404], "updating the service failed")
            .await
    }

    /// `DELETE /pxfw/v1/services/{name}`: starts the uninstall plan.
    pub async fn remove_service(
        &self,
        name: &str,
        keep_volumes: bool,
    ) -> Result<Uninstalling, PxfwError> {
        let req = Req::delete(format!("/pxfw/v1/services/{}", seg(name)))
            .query("keep_volumes", if keep_volumes { "true" } else { "false" });
        self.call(req, 200, &[404], "removing the service failed")
            .await
    }

    /// `GET /pxfw/v1/services`: the names of the services on the server.
    pub async fn services(&self) -> Result<Vec<String>, PxfwError> {
        let req = Req::get("/pxfw/v1/services");
        self.call(req, 200, &[], "listing services failed").await
    }

    // ------------------------------------------------------------------------------------- cluster

    /// `GET /pxfw/v1/cluster`: the nodes and the lease timing.
    pub async fn cluster(&self) -> Result<ClusterStatus, PxfwError> {
        const PATH: &str = "/pxfw/v1/cluster";
        let resp = self.http.send(Req::get(PATH)).await?;
        match resp.status {
            200 => Ok(resp.json()?),
            404 => Err(PxfwError::NotPxfw {
                url: resp.url.clone(),
                path: PATH.into(),
            }),
            _ => Err(refusal(&resp, &[], "reading the cluster status failed")),
        }
    }

    /// `POST /pxfw/v1/nodes/{node}/drain`: marks the node draining; its pods move away one at a time.
    pub async fn drain_node(&self, node: &str) -> Result<NodeDrain, PxfwError> {
        let req = Req::post(format!("/pxfw/v1/nodes/{}/drain", seg(node)));
        self.call(req, 200, &[404], "draining the node failed")
            .await
    }

    /// `DELETE /pxfw/v1/nodes/{node}/drain`: the node takes pods again.
    pub async fn undrain_node(&self, node: &str) -> Result<NodeDrain, PxfwError> {
        let req = Req::delete(format!("/pxfw/v1/nodes/{}/drain", seg(node)));
        self.call(req, 200, &[404], "ending the drain failed").await
    }

    /// `GET /pxfw/v1/nodes/{node}/drain`: where the node's drain stands.
    pub async fn drain_status(&self, node: &str) -> Result<NodeDrain, PxfwError> {
        let req = Req::get(format!("/pxfw/v1/nodes/{}/drain", seg(node)));
        self.call(req, 200, &[404], "reading the drain failed")
            .await
    }

    /// `POST /pxfw/v1/nodes/{node}/lost`: declares a silent node lost on the operator's word.
    pub async fn declare_lost(&self, node: &str, force: bool) -> Result<NodeLost, PxfwError> {
        let req =
            Req::post(format!("/pxfw/v1/nodes/{}/lost", seg(node))).json(&DeclareLost { force });
        self.call(
            req,
            200,
            &[400, 404, 409, 500],
            "declaring the node lost failed",
        )
        .await
    }

    /// `GET /pxfw/v1/events`: the decision log after `after` (0: from the start), of one kind when given.
    pub async fn events(
        &self,
        kind: Option<&str>,
        after: i64,
    ) -> Result<Vec<LoggedEvent>, PxfwError> {
        let mut req = Req::get("/pxfw/v1/events").query("after", after.to_string());
        if let Some(kind) = kind {
            req = req.query("kind", kind);
        }
        self.call(req, 200, &[], "reading the events failed").await
    }

    // ----------------------------------------------------------------------------------- snapshots

    /// `POST /pxfw/v1/services/{svc}/snapshots`: takes a snapshot (hooks, freeze, cut), or with
    /// `dry_run` says what it would do. Waits as long as the hooks may take.
    pub async fn create_snapshot(
        &self,
        service: &str,
        req: &CreateRequest,
    ) -> Result<SnapshotCreated, PxfwError> {
        let http = Req::post(format!("/pxfw/v1/services/{}/snapshots", seg(service)))
            .json(req)
            .timeout(CREATE_TIMEOUT);
        let what = format!("{} {}", http.method(), http.path());
        if req.dry_run {
            let report = self.call(http, 200, SNAPSHOT_REFUSALS, &what).await?;
            Ok(SnapshotCreated::DryRun(report))
        } else {
            let record = self.call(http, 201, SNAPSHOT_REFUSALS, &what).await?;
            Ok(SnapshotCreated::Taken(Box::new(record)))
        }
    }

    /// `GET /pxfw/v1/snapshots` (every snapshot) or `GET /pxfw/v1/services/{svc}/snapshots`.
    pub async fn snapshots(&self, service: Option<&str>) -> Result<Vec<SnapshotRecord>, PxfwError> {
        let path = match service {
            Some(s) => format!("/pxfw/v1/services/{}/snapshots", seg(s)),
            None => "/pxfw/v1/snapshots".to_string(),
        };
        self.snapshot_call(Req::get(path), 200).await
    }

    /// `GET /pxfw/v1/snapshots/{id}`.
    pub async fn snapshot(&self, id: &str) -> Result<SnapshotRecord, PxfwError> {
        let req = Req::get(format!("/pxfw/v1/snapshots/{}", seg(id)));
        self.snapshot_call(req, 200).await
    }

    /// `DELETE /pxfw/v1/snapshots/{id}`: every volume snapshot of the group.
    pub async fn delete_snapshot(&self, id: &str) -> Result<SnapshotDeleted, PxfwError> {
        let req = Req::delete(format!("/pxfw/v1/snapshots/{}", seg(id)));
        self.snapshot_call(req, 200).await
    }

    /// `POST /pxfw/v1/snapshots/{id}/restore`: starts the service's `restore` plan.
    pub async fn restore_snapshot(&self, id: &str) -> Result<RestoreStarted, PxfwError> {
        let req = Req::post(format!("/pxfw/v1/snapshots/{}/restore", seg(id)))
            .json(&serde_json::Map::new());
        self.snapshot_call(req, 202).await
    }

    /// `POST /pxfw/v1/snapshots/{id}/clone`: a new service whose volumes start from the snapshot.
    pub async fn clone_snapshot(
        &self,
        id: &str,
        new_name: &str,
    ) -> Result<CloneStarted, PxfwError> {
        let body = CloneRequest {
            new_name: new_name.to_string(),
        };
        let req = Req::post(format!("/pxfw/v1/snapshots/{}/clone", seg(id))).json(&body);
        self.snapshot_call(req, 201).await
    }

    async fn snapshot_call<T: DeserializeOwned>(&self, req: Req, ok: u16) -> Result<T, PxfwError> {
        let what = format!("{} {}", req.method(), req.path());
        self.call(req, ok, SNAPSHOT_REFUSALS, &what).await
    }
}

/// The statuses the snapshot API refuses with (`SnapshotError::status`).
const SNAPSHOT_REFUSALS: &[u16] = &[400, 404, 409, 422, 500];

/// The error for a reply that is not the expected one. A refusal needs pxfw's JSON body: a 404 without
/// one is a route that does not exist (not a pxfw server, or an older one), not a missing object.
fn refusal(resp: &Response, refusals: &[u16], what: &str) -> PxfwError {
    let body: Option<Value> = serde_json::from_slice(&resp.body).ok();
    if !refusals.contains(&resp.status) || (resp.status == 404 && body.is_none()) {
        return PxfwError::Unexpected(unexpected_status(resp, what).to_string());
    }
    let mut message = error_text(resp).unwrap_or_else(|| resp.snippet());
    // A failed snapshot lists its hook runs; the failed ones are part of the message.
    let body = body.unwrap_or(Value::Null);
    for h in body["hooks"].as_array().into_iter().flatten() {
        if let Some(error) = h["error"].as_str() {
            message.push_str(&format!(
                "\n  {} hook in {}: {error}",
                h["phase"].as_str().unwrap_or("?"),
                h["task"].as_str().unwrap_or("?"),
            ));
        }
    }
    PxfwError::Refused {
        status: resp.status,
        message,
    }
}

/// A reply as the JSON the server sent: through a `Value`, keys come out in the server's (sorted) order
/// whatever the field order of the wire type, so `--json` output stays byte for byte what it was.
pub fn to_json<T: Serialize>(reply: &T) -> serde_json::Result<Value> {
    serde_json::to_value(reply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reply(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: Default::default(),
            body: body.as_bytes().to_vec(),
            url: "http://pxfw:9090/pxfw/v1/snapshots".into(),
        }
    }

    #[test]
    fn a_refusal_carries_the_message_and_the_failed_hooks() {
        let body = json!({"message": "a hook failed", "hooks": [
            {"phase": "pre", "task": "node-0-server", "error": "nodetool failed"},
            {"phase": "post", "task": "node-1-server", "error": null},
        ]});
        match refusal(&reply(500, &body.to_string()), SNAPSHOT_REFUSALS, "POST x") {
            PxfwError::Refused { status, message } => {
                assert_eq!(status, 500);
                assert_eq!(
                    message,
                    "a hook failed\n  pre hook in node-0-server: nodetool failed"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_404_without_pxfw_body_or_an_unlisted_status_is_unexpected() {
        let missing = refusal(&reply(404, "<html>no</html>"), &[404], "GET x");
        assert!(matches!(missing, PxfwError::Unexpected(_)), "{missing:?}");
        let gateway = refusal(&reply(502, r#"{"message":"down"}"#), &[400], "GET x");
        assert!(gateway.to_string().contains("HTTP 502"), "{gateway}");
    }

    #[test]
    fn cluster_status_prints_back_as_the_server_sent_it() {
        let sent = json!({
            "cluster_id": "c1", "volume_driver": "local",
            "lease": {"heartbeat_ms": 1000, "lease_ms": 5000, "grace_ms": 2000},
            "agents": [{"node_id": "n1", "hostname": "h1", "rack": "r1", "zone": null, "region": null,
                "status": "ACTIVE", "cpus": 2.0, "mem_mb": 1024, "disk_mb": 4096,
                "last_heartbeat_ms_ago": 12, "storage": "up"}],
        });
        let typed: ClusterStatus = serde_json::from_value(sent.clone()).unwrap();
        assert!(typed.agents[0].is_active());
        assert_eq!(to_json(&typed).unwrap(), sent);
    }
}
