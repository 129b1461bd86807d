//! The Marathon subset pxfw needs (contracts/dcos-cosmos-marathon-cli.md §2): find package apps by label,
//! read one app, and watch deployments.

use serde_json::Value;

use crate::cluster::Target;
use crate::cluster::http::{HttpClient, Req, error_text, unexpected_status};

/// The Marathon client for one cluster.
#[derive(Debug, Clone)]
pub struct MarathonClient {
    http: HttpClient,
    base: String,
}

/// A Marathon app id always has a leading slash (Cosmos normalises `cassandra` to `/cassandra`).
pub fn app_id(name: &str) -> String {
    format!("/{}", name.trim_start_matches('/'))
}

/// Escapes a label-selector value: characters outside `[-A-Za-z0-9_.]` take a backslash.
pub fn escape_selector_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl MarathonClient {
    pub fn new(http: HttpClient, target: &Target) -> Self {
        MarathonClient {
            http,
            base: target.marathon_base(),
        }
    }

    /// Apps matching a label selector such as `DCOS_PACKAGE_NAME==cassandra`.
    pub async fn apps(&self, label_selector: Option<&str>) -> anyhow::Result<Vec<Value>> {
        let mut req = Req::get(format!("{}/v2/apps", self.base));
        if let Some(sel) = label_selector {
            req = req.query("label", sel);
        }
        let resp = self.http.send(req).await?;
        if resp.status != 200 {
            return Err(marathon_error(&resp, "listing Marathon apps failed"));
        }
        let body: Value = resp.json()?;
        body.get("apps")
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| resp.malformed("no `apps` array").into())
    }

    /// One app, or `None` when Marathon says it does not exist.
    pub async fn app(&self, id: &str) -> anyhow::Result<Option<Value>> {
        let resp = self
            .http
            .send(Req::get(format!("{}/v2/apps{}", self.base, app_id(id))))
            .await?;
        match resp.status {
            200 => {
                let body: Value = resp.json()?;
                body.get("app")
                    .cloned()
                    .map(Some)
                    .ok_or_else(|| resp.malformed("no `app` object").into())
            }
            404 => Ok(None),
            _ => Err(marathon_error(&resp, "reading the Marathon app failed")),
        }
    }

    /// The running deployments.
    pub async fn deployments(&self) -> anyhow::Result<Vec<Value>> {
        let resp = self
            .http
            .send(Req::get(format!("{}/v2/deployments", self.base)))
            .await?;
        if resp.status != 200 {
            return Err(marathon_error(&resp, "listing Marathon deployments failed"));
        }
        let body: Value = resp.json()?;
        body.as_array()
            .cloned()
            .ok_or_else(|| resp.malformed("expected a JSON array").into())
    }
}

fn marathon_error(resp: &crate::cluster::http::Response, what: &str) -> anyhow::Error {
    match (resp.status, error_text(resp)) {
        (409, Some(m)) => {
            anyhow::anyhow!("{what}: {m}\nWait for the running deployment to finish and retry.")
        }
        (400..=499, Some(m)) => anyhow::anyhow!("{what}: {m}"),
        _ => unexpected_status(resp, what),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_selectors() {
        assert_eq!(app_id("cassandra"), "/cassandra");
        assert_eq!(app_id("/a/b"), "/a/b");
        assert_eq!(escape_selector_value("a/b c"), "a\\/b\\ c");
        assert_eq!(
            escape_selector_value("portworx-cassandra"),
            "portworx-cassandra"
        );
    }
}
