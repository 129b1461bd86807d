//! `pxfw cluster setup|list|attach|remove`: the configured clusters, in the DC/OS CLI's own layout.

use std::path::PathBuf;

use anyhow::anyhow;
use clap::Subcommand;
use serde::Serialize;

use super::Globals;
use super::exit::Exit;
use crate::client::pxfw::{PxfwClient, PxfwError, to_json};
use crate::cluster::config::{ConfigDir, TlsMode};
use crate::cluster::{parse_cluster_url, secrets};
use crate::ops;
use crate::ops::cluster::ConfiguredCluster;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum ClusterCmd {
    /// Configure a cluster from its URL (reads /metadata and the DC/OS version) and attach it.
    Setup {
        /// The cluster URL, e.g. https://dcos.example.com or http://127.0.0.1:9090 for a pxfw server.
        url: String,
        /// A name for the cluster (default: its name in Mesos, else its ID).
        #[arg(long = "cluster-name", value_name = "N")]
        cluster_name: Option<String>,
        /// Skip TLS verification (only on a network you trust).
        #[arg(long, conflicts_with = "ca_cert")]
        insecure: bool,
        /// Verify TLS against this PEM CA bundle (copied into the cluster's directory).
        #[arg(long, value_name = "FILE")]
        ca_cert: Option<PathBuf>,
    },
    /// List the configured clusters.
    List,
    /// Make a cluster the current one.
    Attach {
        /// Cluster name or ID.
        cluster: String,
    },
    /// Show the nodes of a pxfw control plane, their racks, leases and health.
    Status,
    /// Remove a cluster's configuration (and its stored token).
    Remove {
        /// Cluster name or ID.
        cluster: String,
    },
}

pub async fn run(cmd: ClusterCmd, g: &Globals) -> anyhow::Result<()> {
    let dir = ConfigDir::from_env()?;
    match cmd {
        ClusterCmd::Setup {
            url,
            cluster_name,
            insecure,
            ca_cert,
        } => {
            let name = cluster_name.or_else(|| g.name.clone());
            setup(&dir, &url, name, insecure, ca_cert, g).await
        }
        ClusterCmd::List => list(&dir, g),
        ClusterCmd::Status => status(g).await,
        ClusterCmd::Attach { cluster } => {
            let c = dir.find(&cluster)?;
            dir.attach(&c)?;
            println!("Attached cluster {} ({}).", c.name(), c.id);
            Ok(())
        }
        ClusterCmd::Remove { cluster } => {
            let mut c = dir.find(&cluster)?;
            secrets::clear_token(&mut c)?;
            dir.remove(&c)?;
            println!("Removed cluster {} ({}).", c.name(), c.id);
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct ClusterRow {
    name: String,
    id: String,
    attached: bool,
    url: String,
}

fn list(dir: &ConfigDir, g: &Globals) -> anyhow::Result<()> {
    let rows: Vec<ClusterRow> = dir
        .clusters()?
        .into_iter()
        .map(|c| ClusterRow {
            name: c.name().to_string(),
            id: c.id.clone(),
            attached: c.attached,
            url: c.config.dcos_url().unwrap_or_default(),
        })
        .collect();
    if g.json {
        return output::print_json(&rows);
    }
    if rows.is_empty() {
        println!("No cluster is configured; run `pxfw cluster setup <URL>`.");
        return Ok(());
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                format!("{}{}", r.name, if r.attached { "*" } else { "" }),
                r.id.clone(),
                r.url.clone(),
            ]
        })
        .collect();
    output::print_table(&["NAME", "ID", "URL"], &table);
    Ok(())
}

async fn setup(
    dir: &ConfigDir,
    raw_url: &str,
    name: Option<String>,
    insecure: bool,
    ca_cert: Option<PathBuf>,
    g: &Globals,
) -> anyhow::Result<()> {
    let url = parse_cluster_url(raw_url).map_err(|e| Exit::usage(e.to_string()))?;
    let tls = if insecure {
        TlsMode::Insecure
    } else if let Some(ca) = &ca_cert {
        TlsMode::CaFile(ca.clone())
    } else {
        TlsMode::Verify
    };
    let configured = ops::cluster::setup(dir, &url, name, tls, ca_cert.as_deref()).await?;
    print_setup(&configured, g.json)
}

/// What `cluster setup` did, as it reports it (also shown by `quickstart`).
pub(crate) fn print_setup(c: &ConfiguredCluster, json: bool) -> anyhow::Result<()> {
    if json {
        return output::print_json(&serde_json::json!({
            "name": c.name, "id": c.id, "url": c.url,
            "version": c.version, "attached": true,
        }));
    }
    println!(
        "Cluster {} ({}) at {} runs DC/OS {}; it is configured and attached.",
        c.name, c.id, c.url, c.version
    );
    println!("Next: pxfw auth login");
    Ok(())
}

/// `cluster status`: the embedded control plane's nodes and lease timing (a pxfw server only; DC/OS has
/// no such endpoint).
async fn status(g: &Globals) -> anyhow::Result<()> {
    let status = PxfwClient::connect()?
        .cluster()
        .await
        .map_err(|e| match e {
            PxfwError::NotPxfw { .. } => {
                anyhow!("{e}; `cluster status` needs the embedded control plane")
            }
            other => other.into(),
        })?;
    if g.json {
        return output::print_json(&to_json(&status)?);
    }
    let lease = &status.lease;
    println!(
        "Cluster {} — volume driver {}; heartbeat {} ms, lease {} ms, grace {} ms",
        status.cluster_id, status.volume_driver, lease.heartbeat_ms, lease.lease_ms, lease.grace_ms
    );
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let rows: Vec<Vec<String>> = status
        .agents
        .iter()
        .map(|a| {
            vec![
                a.node_id.clone(),
                a.hostname.clone(),
                dash(&a.rack),
                dash(&a.zone),
                if a.draining {
                    format!("{} (draining)", a.status)
                } else {
                    a.status.clone()
                },
                a.storage.clone(),
                format!("{} ms", a.last_heartbeat_ms_ago),
            ]
        })
        .collect();
    output::print_table(
        &[
            "NODE",
            "HOSTNAME",
            "RACK",
            "ZONE",
            "STATUS",
            "STORAGE",
            "LAST HEARTBEAT",
        ],
        &rows,
    );
    Ok(())
}
