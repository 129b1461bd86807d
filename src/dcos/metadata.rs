//! The cluster's self-description, read before anyone is logged in: `/metadata` (its id), the DC/OS
//! version file and the Mesos cluster name. `pxfw cluster setup` and `quickstart` use it to name what
//! they found; a pxfw server answers the same paths.

use serde_json::Value;

use crate::cluster::http::{HttpClient, Req, unexpected_status};

/// The DC/OS version file.
pub const DCOS_VERSION: &str = "/dcos-metadata/dcos-version.json";

/// `GET path` without a token, as a JSON object.
pub async fn get_object(http: &HttpClient, path: &str) -> anyhow::Result<Value> {
    let resp = http.send(Req::get(path).anonymous()).await?;
    if resp.status != 200 {
        return Err(unexpected_status(&resp, &format!("GET {path}")));
    }
    let v: Value = resp.json()?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(resp.malformed("expected a JSON object").into())
    }
}

/// The cluster's name as Mesos reports it; only readable where no login is needed, so failures are quiet.
pub async fn mesos_cluster_name(http: &HttpClient) -> Option<String> {
    let resp = http
        .send(Req::get("/mesos/state-summary").anonymous())
        .await
        .ok()?;
    if resp.status != 200 {
        return None;
    }
    let v: Value = resp.json().ok()?;
    v.get("cluster")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
