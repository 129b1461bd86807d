//! `pxfw agent`: run one node of a pxfw cluster in the foreground.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::Globals;
use super::exit::Exit;
use crate::agent::runtime::{self, AgentConfig};
use crate::api::topology::Topology;

#[derive(Debug, Args)]
pub struct AgentArgs {
    /// The pxfw server URL, e.g. http://127.0.0.1:9090.
    #[arg(long, value_name = "URL")]
    pub server: url::Url,
    /// The server's token file.
    #[arg(long, value_name = "FILE")]
    pub token_file: PathBuf,
    /// This node's id (default: the hostname).
    #[arg(long, value_name = "ID")]
    pub node_id: Option<String>,
    /// The hostname placement constraints see (default: this machine's).
    #[arg(long, value_name = "H")]
    pub hostname: Option<String>,
    #[arg(long, value_name = "Z")]
    pub zone: Option<String>,
    #[arg(long, value_name = "R")]
    pub rack: Option<String>,
    #[arg(long, value_name = "G")]
    pub region: Option<String>,
    /// An attribute constraints can match, e.g. --attr disk=ssd (repeatable).
    #[arg(long = "attr", value_name = "K=V")]
    pub attrs: Vec<String>,
    #[arg(long, value_name = "N", default_value_t = 2.0)]
    pub cpus: f64,
    #[arg(long, value_name = "MB", default_value_t = 4096)]
    pub mem: u64,
    #[arg(long, value_name = "MB", default_value_t = 16384)]
    pub disk: u64,
    /// Where sandboxes live (default: ~/.pxfw/agents/<node-id>).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Serve the peer endpoint here (port 0 picks a free one). Peers ask it whether this node still
    /// reaches the server; with it, a server outage seen by a majority of the nodes fences nothing.
    /// Without it, this node fences on its lease alone when its peers cannot vouch for it.
    #[arg(long, value_name = "ADDR:PORT", value_parser = crate::agent::peer::parse_listen)]
    pub listen: Option<std::net::SocketAddr>,
    /// The host name or IP peers dial for the endpoint (default: the --listen IP, or, when that is
    /// 0.0.0.0 or ::, the address the server sees this agent register from).
    #[arg(long, value_name = "HOST", requires = "listen", value_parser = crate::agent::peer::parse_advertise)]
    pub advertise: Option<String>,
}

/// Arguments of the hidden `__fence-watch` command.
#[derive(Debug, Args)]
pub struct FenceArgs {
    #[arg(long, value_name = "DIR")]
    pub data_dir: PathBuf,
    #[arg(long, value_name = "PID")]
    pub agent_pid: i32,
}

fn machine_hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

pub async fn run(args: AgentArgs, _g: &Globals) -> anyhow::Result<()> {
    let mut attributes = BTreeMap::new();
    for a in &args.attrs {
        let (k, v) = a
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .ok_or_else(|| {
                Exit::usage(format!(
                    "--attr {a}: expected KEY=VALUE, e.g. --attr disk=ssd"
                ))
            })?;
        attributes.insert(k.to_string(), v.to_string());
    }
    let hostname = args.hostname.unwrap_or_else(machine_hostname);
    let node_id = args.node_id.unwrap_or_else(|| hostname.clone());
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => super::server::pxfw_home()?.join("agents").join(&node_id),
    };
    let token = crate::server::token::load(&args.token_file)
        .context("the agent needs the server's token")?;
    let cfg = AgentConfig {
        server: args.server,
        token,
        node_id,
        topology: Topology {
            hostname,
            rack: args.rack,
            zone: args.zone,
            region: args.region,
            attributes,
        },
        cpus: args.cpus,
        mem_mb: args.mem,
        disk_mb: args.disk,
        data_dir,
        fence_watchdog: true,
        peer_listen: args.listen,
        peer_advertise: args.advertise,
    };
    runtime::run(cfg, shutdown()).await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
