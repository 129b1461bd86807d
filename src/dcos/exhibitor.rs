//! ZooKeeper through Exhibitor's REST explorer behind Admin Router (`/exhibitor/exhibitor/v1/explorer/…`,
//! contract §0 and §6.2): whether a znode exists, and its recursive delete.
//!
//! Exhibitor answers both calls with HTTP 200 whatever happened, and puts the outcome in the body:
//! `node-data` reports a missing node as `"stat": "* not found * "` and a ZooKeeper failure as
//! `"str": "Exception"`; `DELETE znode/<path>` returns `{"message","succeeded"}`, where a missing node is a
//! `NoNode` failure. So the body, not the status, decides here.

use serde::Deserialize;

use crate::cluster::http::{HttpClient, Req, unexpected_status};

const EXPLORER: &str = "/exhibitor/exhibitor/v1/explorer";

/// An Exhibitor answer that says the ZooKeeper operation itself failed.
#[derive(Debug, thiserror::Error)]
#[error("Exhibitor could not {what} {path}: {message}")]
pub struct ExhibitorError {
    pub what: &'static str,
    pub path: String,
    pub message: String,
}

#[derive(Debug, Deserialize)]
struct NodeData {
    #[serde(default)]
    str: String,
    #[serde(default)]
    stat: String,
}

#[derive(Debug, Deserialize)]
struct DeleteResult {
    #[serde(default)]
    message: String,
    #[serde(default)]
    succeeded: bool,
}

/// What a delete did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Done,
    /// The node did not exist (already deleted by the scheduler, someone else, or an earlier run).
    AlreadyGone,
}

/// Normalises a znode path to one leading slash.
pub fn znode_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

/// Whether the znode exists (`GET …/explorer/node-data?key=<path>`).
pub async fn exists(http: &HttpClient, path: &str) -> anyhow::Result<bool> {
    let path = znode_path(path);
    let resp = http
        .send(Req::get(format!("{EXPLORER}/node-data")).query("key", &path))
        .await?;
    if resp.status != 200 {
        return Err(unexpected_status(
            &resp,
            "reading ZooKeeper through Exhibitor failed",
        ));
    }
    let data: NodeData = resp.json()?;
    if data.stat.trim_start().starts_with("* not found *") {
        return Ok(false);
    }
    if data.str == "Exception" {
        return Err(ExhibitorError {
            what: "read",
            path,
            message: data.stat,
        }
        .into());
    }
    Ok(true)
}

/// Deletes the znode and everything under it (`DELETE …/explorer/znode/<path>`).
pub async fn delete(http: &HttpClient, path: &str) -> anyhow::Result<Deleted> {
    let path = znode_path(path);
    let resp = http
        .send(Req::delete(format!("{EXPLORER}/znode{path}")))
        .await?;
    if resp.status != 200 {
        return Err(unexpected_status(
            &resp,
            "deleting a znode through Exhibitor failed",
        ));
    }
    let result: DeleteResult = resp.json()?;
    if result.succeeded {
        Ok(Deleted::Done)
    } else if result.message.contains("NoNode") {
        Ok(Deleted::AlreadyGone)
    } else {
        Err(ExhibitorError {
            what: "delete",
            path,
            message: result.message,
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_get_one_leading_slash() {
        assert_eq!(znode_path("dcos-service-x"), "/dcos-service-x");
        assert_eq!(znode_path("//dcos-service-x"), "/dcos-service-x");
    }
}
