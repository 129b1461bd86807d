//! The legacy Portworx REST API (contract §2; port 9001 on Portworx), for the one thing the SDK lacks:
//! a local group (consistency-group) snapshot, `POST /v1/osd-snapshot/snapshotgroup`.
//!
//! Its encoding is Go `encoding/json` over the protobuf structs, not jsonpb: the Go json tags give the
//! names (snake_case, except the capital `Labels` of the group request), `omitempty` drops empty fields,
//! and integers are numbers. Failures come back two ways: a driver error is HTTP 400 with a plain-text
//! body, and per-volume failures are in-band (`volume_response.error`), so callers must check both.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{OpenStorageClient, OpenStorageError};
use crate::cluster::http::Req;

fn is_false(b: &bool) -> bool {
    !*b
}

/// `GroupSnapCreateRequest`. Volumes are selected by **one** of `id` (a consistency group id), `labels`
/// or `volume_ids`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupSnapCreateRequest {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(rename = "Labels", skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_ids: Vec<String>,
    /// When one snapshot fails, delete those already taken (and fail the call).
    #[serde(skip_serializing_if = "is_false")]
    pub delete_on_failure: bool,
}

/// `VolumeResponse`: the in-band error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeResponse {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
}

/// `VolumeCreateResponse` of the legacy API: the new (snapshot) volume's id, or an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegacyVolumeCreateResponse {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_response: Option<VolumeResponse>,
}

impl LegacyVolumeCreateResponse {
    /// The in-band error, if any.
    pub fn error(&self) -> Option<&str> {
        self.volume_response
            .as_ref()
            .map(|r| r.error.as_str())
            .filter(|e| !e.is_empty())
    }
}

/// `SnapCreateResponse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapCreateResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_create_response: Option<LegacyVolumeCreateResponse>,
}

/// `GroupSnapCreateResponse`: one entry per volume id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupSnapCreateResponse {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub snapshots: BTreeMap<String, SnapCreateResponse>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
}

/// A client of the legacy REST API. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LegacyClient {
    /// The SDK client machinery (HTTP, TLS, bearer token) aimed at the legacy endpoint.
    inner: OpenStorageClient,
}

impl LegacyClient {
    /// A legacy client at `endpoint` with the same token, TLS and timeout as `sdk`.
    pub fn new(sdk: &OpenStorageClient, endpoint: Url) -> Result<Self, OpenStorageError> {
        Ok(LegacyClient {
            inner: sdk.at(endpoint)?,
        })
    }

    pub fn endpoint(&self) -> &Url {
        self.inner.endpoint()
    }

    /// `POST /v1/osd-snapshot/snapshotgroup`. A plain-text failure is [`OpenStorageError::Legacy`]; per-volume
    /// errors are in the answer and are the caller's to check.
    pub async fn snapshot_group(
        &self,
        req: &GroupSnapCreateRequest,
    ) -> Result<GroupSnapCreateResponse, OpenStorageError> {
        const OP: &str = "group snapshot";
        let url = self.inner.url(&["v1", "osd-snapshot", "snapshotgroup"]);
        let resp = self.inner.send(OP, Req::post(url).json(req)).await?;
        if !resp.is_success() {
            let text = resp.text();
            let message = text.trim();
            return Err(OpenStorageError::Legacy {
                op: OP,
                url: resp.url.clone(),
                status: resp.status,
                message: if message.is_empty() {
                    "(empty body)".to_owned()
                } else {
                    message.to_owned()
                },
            });
        }
        resp.json().map_err(|e| OpenStorageError::Malformed {
            op: OP,
            url: resp.url.clone(),
            detail: e.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_json_names_and_omitempty() {
        let req = GroupSnapCreateRequest {
            volume_ids: vec!["1".into(), "2".into()],
            delete_on_failure: true,
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"volume_ids":["1","2"],"delete_on_failure":true})
        );
        let by_labels = GroupSnapCreateRequest {
            labels: BTreeMap::from([("app".into(), "cass".into())]),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&by_labels).unwrap(),
            json!({"Labels":{"app":"cass"}})
        );
        let resp: GroupSnapCreateResponse = serde_json::from_value(json!({
            "snapshots": {
                "1": {"volume_create_response": {"id": "s1", "volume_response": {"error": ""}}},
                "2": {"volume_create_response": {"volume_response": {"error": "boom"}}}
            },
            "error": ""
        }))
        .unwrap();
        let r = |v: &str| resp.snapshots[v].volume_create_response.clone().unwrap();
        assert_eq!((r("1").id.as_str(), r("1").error()), ("s1", None));
        assert_eq!(r("2").error(), Some("boom"));
    }
}
