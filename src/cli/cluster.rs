//! `pxfw cluster setup|list|attach|remove`: the configured clusters, in the DC/OS CLI's own layout.

use std::path::PathBuf;

use anyhow::{Context, anyhow};
use clap::Subcommand;
use serde::Serialize;
use serde_json::Value;

use super::Globals;
use super::exit::Exit;
use crate::cluster::config::{ClusterConfig, ConfigDir, TlsMode};
use crate::cluster::http::{ClientConfig, HttpClient};
use crate::dcos::metadata;
use crate::cluster::{parse_cluster_url, secrets};
use crate::client::pxfw::{PxfwClient, PxfwError, to_json};
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
    let http = HttpClient::new(ClientConfig {
        base: url.clone(),
        tls: tls.clone(),
        timeout: crate::cluster::config::DEFAULT_TIMEOUT.min(std::time::Duration::from_secs(30)),
        token: None,
        relogin: None,
        token_sink: None,
    })?;

    let metadata = metadata::get_object(&http, "/metadata")
        .await
        .context("reading the cluster metadata")?;
    let id = metadata
        .get("CLUSTER_ID")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty() && !s.contains('/') && !s.contains(".."))
        .ok_or_else(|| {
            anyhow!(
                "{url}/metadata has no usable CLUSTER_ID: is this a DC/OS cluster or a pxfw server?"
            )
        })?
        .to_string();
    let version = metadata::get_object(&http, metadata::DCOS_VERSION)
        .await
        .context("reading the DC/OS version")?;
    let dcos_version = version
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_string();
    let cluster_name = match name {
        Some(n) => n,
        None => metadata::mesos_cluster_name(&http)
            .await
            .unwrap_or_else(|| id.clone()),
    };

    // Re-running setup for a known cluster updates it in place and keeps the rest of its config.
    let existing = dir.clusters()?.into_iter().find(|c| c.id == id);
    let mut config = match &existing {
        Some(c) => c.config.clone(),
        None => ClusterConfig::new(dir.root().join("clusters").join(&id).join("dcos.toml")),
    };
    if existing
        .as_ref()
        .and_then(|c| c.config.dcos_url())
        .as_deref()
        != Some(url.as_str().trim_end_matches('/'))
    {
        // A new URL invalidates the old token, as `dcos config set core.dcos_url` does.
        config.unset("core", "dcos_acs_token");
    }
    config.set("core", "dcos_url", url.as_str().trim_end_matches('/'));
    config.set("cluster", "name", &cluster_name);
    let cluster_dir = dir.root().join("clusters").join(&id);
    let stored_tls = match (&tls, &ca_cert) {
        (TlsMode::CaFile(_), Some(ca)) => {
            std::fs::create_dir_all(&cluster_dir)?;
            let dest = cluster_dir.join("dcos_ca.crt");
            std::fs::copy(ca, &dest).with_context(|| {
                format!("cannot copy {} into the cluster directory", ca.display())
            })?;
            TlsMode::CaFile(dest)
        }
        _ => tls.clone(),
    };
    config.set("core", "ssl_verify", &stored_tls.to_config_value());
    let cluster = dir.create(&id, config)?;
    dir.attach(&cluster)?;

    if g.json {
        return output::print_json(&serde_json::json!({
            "name": cluster_name, "id": id, "url": url.as_str().trim_end_matches('/'),
            "version": dcos_version, "attached": true,
        }));
    }
    println!(
        "Cluster {cluster_name} ({id}) at {} runs DC/OS {dcos_version}; it is configured and attached.",
        url.as_str().trim_end_matches('/')
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
                a.status.clone(),
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
