//! Typed client of the OpenStorage SDK REST gateway (contracts/portworx-openstorage.md §1.2).
//!
//! It goes through the shared [`HttpClient`] for timeouts, TLS and retries, but handles authentication
//! itself: OpenStorage wants `Authorization: bearer <token>` (§1.5), not DC/OS's `token=`, and its 401/403
//! answers carry gateway error bodies that are decoded here rather than turned into DC/OS login advice.
//!
//! Mount/attach calls act on the node that receives them (§1.1), so [`OpenStorageClient::at`] makes a client for
//! another node's endpoint with the same settings.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::OpenStorageError;
use super::types::*;
use crate::cluster::config::TlsMode;
use crate::cluster::http::{ClientConfig, HttpClient, Req, Response};

/// A client bound to one SDK REST endpoint. Cheap to clone.
#[derive(Clone)]
pub struct OpenStorageClient {
    http: HttpClient,
    token: Option<String>,
    tls: TlsMode,
    timeout: Duration,
}

impl std::fmt::Debug for OpenStorageClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No token: Debug output ends up in logs.
        f.debug_struct("OpenStorageClient")
            .field("endpoint", &self.http.base().as_str())
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .finish()
    }
}

impl OpenStorageClient {
    pub fn new(
        endpoint: Url,
        token: Option<String>,
        tls: TlsMode,
        timeout: Duration,
    ) -> Result<Self, OpenStorageError> {
        let http = HttpClient::new(ClientConfig {
            base: endpoint,
            tls: tls.clone(),
            timeout,
            token: None,
            relogin: None,
            token_sink: None,
        })
        .map_err(|source| OpenStorageError::Http {
            op: "client setup",
            source,
        })?;
        Ok(OpenStorageClient {
            http,
            token: token.filter(|t| !t.is_empty()),
            tls,
            timeout,
        })
    }

    /// The same client aimed at another endpoint (another node's SDK gateway).
    pub fn at(&self, endpoint: Url) -> Result<Self, OpenStorageError> {
        OpenStorageClient::new(endpoint, self.token.clone(), self.tls.clone(), self.timeout)
    }

    pub fn endpoint(&self) -> &Url {
        self.http.base()
    }

    /// The absolute URL of `segments` under the endpoint, each segment percent-encoded.
    pub(crate) fn url(&self, segments: &[&str]) -> String {
        let mut url = self.http.base().clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url.to_string()
    }

    /// Sends `req` with the bearer token (when set) and returns whatever came back. The legacy REST
    /// client shares this, since both APIs authenticate the same way (contract §1.5).
    pub(crate) async fn send(
        &self,
        op: &'static str,
        req: Req,
    ) -> Result<Response, OpenStorageError> {
        let mut req = req.anonymous();
        if let Some(token) = &self.token {
            req = req.header("Authorization", format!("bearer {token}"));
        }
        self.http
            .send(req)
            .await
            .map_err(|source| OpenStorageError::Http { op, source })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        op: &'static str,
        req: Req,
    ) -> Result<T, OpenStorageError> {
        let resp = self.send(op, req).await?;
        if !resp.is_success() {
            return Err(decode_error(op, &resp));
        }
        resp.json().map_err(|e| OpenStorageError::Malformed {
            op,
            url: resp.url.clone(),
            detail: e.to_string(),
        })
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        op: &'static str,
        segments: &[&str],
        body: &B,
    ) -> Result<T, OpenStorageError> {
        self.call(op, Req::post(self.url(segments)).json(body))
            .await
    }

    /// `POST /v1/volumes` → the volume id (the existing one when the name exists with the same size).
    pub async fn create_volume(
        &self,
        req: &VolumeCreateRequest,
    ) -> Result<String, OpenStorageError> {
        let resp: VolumeCreateResponse =
            self.post("volume create", &["v1", "volumes"], req).await?;
        Ok(resp.volume_id)
    }

    /// `GET /v1/volumes/inspect/{id}?options.deep=true`.
    pub async fn inspect_volume(
        &self,
        id: &str,
    ) -> Result<VolumeInspectResponse, OpenStorageError> {
        let req =
            Req::get(self.url(&["v1", "volumes", "inspect", id])).query("options.deep", "true");
        self.call("volume inspect", req).await
    }

    /// `POST /v1/volumes/inspectwithfilters`.
    pub async fn inspect_volumes(
        &self,
        req: &VolumeInspectWithFiltersRequest,
    ) -> Result<Vec<VolumeInspectResponse>, OpenStorageError> {
        let resp: VolumeInspectWithFiltersResponse = self
            .call(
                "volume inspect with filters",
                Req::post(self.url(&["v1", "volumes", "inspectwithfilters"]))
                    .json(req)
                    .idempotent(),
            )
            .await?;
        Ok(resp.volumes)
    }

    /// `POST /v1/volumes/filters` → volume ids.
    pub async fn enumerate_volumes(
        &self,
        req: &VolumeEnumerateWithFiltersRequest,
    ) -> Result<Vec<String>, OpenStorageError> {
        let resp: VolumeEnumerateResponse = self
            .call(
                "volume enumerate with filters",
                Req::post(self.url(&["v1", "volumes", "filters"]))
                    .json(req)
                    .idempotent(),
            )
            .await?;
        Ok(resp.volume_ids)
    }

    /// `DELETE /v1/volumes/{id}`.
    pub async fn delete_volume(&self, id: &str) -> Result<(), OpenStorageError> {
        let _: Empty = self
            .call(
                "volume delete",
                Req::delete(self.url(&["v1", "volumes", id])),
            )
            .await?;
        Ok(())
    }

    /// `POST /v1/volumes/clone` → the new volume's id.
    pub async fn clone_volume(&self, req: &VolumeCloneRequest) -> Result<String, OpenStorageError> {
        let resp: VolumeCreateResponse = self
            .post("volume clone", &["v1", "volumes", "clone"], req)
            .await?;
        Ok(resp.volume_id)
    }

    /// `PUT /v1/volumes/{id}`: labels ("" deletes one) and settable spec fields.
    pub async fn update_volume(
        &self,
        id: &str,
        req: &VolumeUpdateRequest,
    ) -> Result<(), OpenStorageError> {
        let _: Empty = self
            .call(
                "volume update",
                Req::put(self.url(&["v1", "volumes", id])).json(req),
            )
            .await?;
        Ok(())
    }

    /// `POST /v1/volumes/snapshots/restore`: the volume gets the snapshot's data (it must be detached).
    pub async fn restore_snapshot(
        &self,
        req: &VolumeSnapshotRestoreRequest,
    ) -> Result<(), OpenStorageError> {
        let _: Empty = self
            .post(
                "snapshot restore",
                &["v1", "volumes", "snapshots", "restore"],
                req,
            )
            .await?;
        Ok(())
    }

    /// `POST /v1/mountattach/attach` on this client's node → the device path.
    pub async fn attach(&self, req: &VolumeAttachRequest) -> Result<String, OpenStorageError> {
        let resp: VolumeAttachResponse = self
            .post("volume attach", &["v1", "mountattach", "attach"], req)
            .await?;
        Ok(resp.device_path)
    }

    /// `POST /v1/mountattach/detach`.
    pub async fn detach(&self, req: &VolumeDetachRequest) -> Result<(), OpenStorageError> {
        let _: Empty = self
            .post("volume detach", &["v1", "mountattach", "detach"], req)
            .await?;
        Ok(())
    }

    /// `POST /v1/mountattach/mount` on this client's node.
    pub async fn mount(&self, req: &VolumeMountRequest) -> Result<(), OpenStorageError> {
        let _: Empty = self
            .post("volume mount", &["v1", "mountattach", "mount"], req)
            .await?;
        Ok(())
    }

    /// `POST /v1/mountattach/unmount` on this client's node.
    pub async fn unmount(&self, req: &VolumeUnmountRequest) -> Result<(), OpenStorageError> {
        let _: Empty = self
            .post("volume unmount", &["v1", "mountattach", "unmount"], req)
            .await?;
        Ok(())
    }

    /// `GET /v1/nodes/filters`: every storage node.
    pub async fn nodes(&self) -> Result<Vec<StorageNode>, OpenStorageError> {
        let resp: NodeEnumerateWithFiltersResponse = self
            .call(
                "node enumerate",
                Req::get(self.url(&["v1", "nodes", "filters"])),
            )
            .await?;
        Ok(resp.nodes)
    }
}

/// Turns a non-2xx answer into [`OpenStorageError::Api`], using the gateway body when there is one.
fn decode_error(op: &'static str, resp: &Response) -> OpenStorageError {
    let body = serde_json::from_slice::<ErrorBody>(&resp.body)
        .ok()
        .filter(|b| !b.message.is_empty() || !b.error.is_empty() || b.code != 0);
    let (code, message) = match body {
        Some(b) => {
            let message = if b.message.is_empty() {
                b.error
            } else {
                b.message
            };
            (GrpcCode::from_number(i64::from(b.code)), message)
        }
        None => (None, resp.snippet()),
    };
    OpenStorageError::Api {
        op,
        url: resp.url.clone(),
        status: resp.status,
        code,
        message,
    }
}
