//! `pxfw server`: run the embedded control plane in the foreground.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use super::Globals;
use super::exit::Exit;
use crate::scheduler::state::LeaseConfig;
use crate::server::{self, ServerConfig, VolumeSettings};

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Address to listen on (port 0 picks a free port; the URL is written to <data-dir>/server.url).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:9090")]
    pub listen: SocketAddr,
    /// Where the state store and volumes live (default: ~/.pxfw/server, or $PXFW_HOME/server).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The token file (created with a random token if missing; default: <data-dir>/token).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Agent heartbeat interval in ms.
    #[arg(long, value_name = "MS", default_value_t = LeaseConfig::default().heartbeat_ms)]
    pub heartbeat_ms: u64,
    /// Agent lease in ms: an agent that cannot renew within it fences itself.
    #[arg(long, value_name = "MS", default_value_t = LeaseConfig::default().lease_ms)]
    pub lease_ms: u64,
    /// Extra wait after a lease ends before the node is declared lost and its pods move.
    #[arg(long, value_name = "MS", default_value_t = LeaseConfig::default().grace_ms)]
    pub grace_ms: u64,
    /// Where volumes live: `local` (a pool directory on this machine) or `portworx` (needs --px-endpoint).
    #[arg(long, value_name = "DRIVER", default_value = "local")]
    pub volume_driver: crate::volume::DriverKind,
    /// The local volume pool (default: <data-dir>/volumes).
    #[arg(long, value_name = "DIR")]
    pub volume_pool: Option<PathBuf>,
    /// Capacity of the local pool in MB (default: the filesystem's free space when the pool is created).
    #[arg(long, value_name = "MB")]
    pub pool_capacity_mb: Option<u64>,
    /// The Portworx OpenStorage SDK REST gateway, e.g. http://px-node:9021 (with --volume-driver portworx).
    #[arg(long, value_name = "URL")]
    pub px_endpoint: Option<url::Url>,
    /// Where Portworx volumes are mounted on the nodes (with --volume-driver portworx).
    #[arg(long, value_name = "DIR", default_value = "/var/lib/pxfw/mounts")]
    pub px_mount_root: PathBuf,
    /// How often, in ms, the storage backend's node states are read to tell storage failures from host
    /// failures (Portworx: a node whose storage daemon is offline while its host is up).
    #[arg(long, value_name = "MS", default_value_t = crate::scheduler::engine::STORAGE_CHECK_EVERY.as_millis() as u64)]
    pub storage_check_ms: u64,
    /// Also run N agents inside this process, on racks rack-1…rack-N: a one-machine cluster.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub local_agents: u32,
    /// A user who may log in with `pxfw auth login` (its password is read from --password-env).
    #[arg(long, value_name = "NAME", requires = "password_env")]
    pub user: Option<String>,
    /// The environment variable holding --user's password (never the password itself on the command line).
    #[arg(long, value_name = "VAR", requires = "user")]
    pub password_env: Option<String>,
    /// A file of `uid:password` lines (mode 0600) with more users who may log in.
    #[arg(long, value_name = "FILE")]
    pub users_file: Option<PathBuf>,
    /// How long a login token is valid, e.g. 5d or 12h.
    #[arg(long, value_name = "D", default_value = "5d", value_parser = super::plan::parse_duration)]
    pub token_ttl: std::time::Duration,
    /// Fetch a package asset from elsewhere (repeatable): `scheduler-zip=/srv/s.zip`,
    /// `PACKAGE/scheduler-zip=file:///srv/s.zip`, or a mirror `https://downloads.example.com/=http://mirror/`.
    #[arg(long = "asset", value_name = "NAME=URI")]
    pub assets: Vec<crate::server::packages::assets::AssetMapping>,
}

/// `~/.pxfw` (or `$PXFW_HOME`): where pxfw keeps its own state on this machine.
pub fn pxfw_home() -> anyhow::Result<PathBuf> {
    if let Some(h) = std::env::var_os("PXFW_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(h));
    }
    dirs::home_dir()
        .map(|h| h.join(".pxfw"))
        .ok_or_else(|| anyhow::anyhow!("cannot find the home directory; set PXFW_HOME"))
}

pub async fn run(args: ServerArgs, _g: &Globals) -> anyhow::Result<()> {
    let lease = LeaseConfig {
        heartbeat_ms: args.heartbeat_ms,
        lease_ms: args.lease_ms,
        grace_ms: args.grace_ms,
    };
    lease.validate().map_err(Exit::usage)?;
    if !lease.rides_out_outages() {
        eprintln!(
            "warning: with --lease-ms {} not above 3.5 x --heartbeat-ms {}, agents fence during a server outage even when their peers can vouch for them",
            args.lease_ms, args.heartbeat_ms
        );
    }
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => pxfw_home()?.join("server"),
    };
    let token_file = args.token_file.unwrap_or_else(|| data_dir.join("token"));
    let volumes = match args.volume_driver {
        crate::volume::DriverKind::Local => VolumeSettings::Local {
            pool: args.volume_pool,
            capacity_mb: args.pool_capacity_mb,
        },
        crate::volume::DriverKind::Portworx => {
            let endpoint = args.px_endpoint.ok_or_else(|| {
                Exit::usage("--volume-driver portworx needs --px-endpoint URL (the OpenStorage SDK REST gateway)")
            })?;
            let mut px = crate::volume::portworx::PortworxConfig::new(endpoint);
            px.token = std::env::var("PX_AUTH_TOKEN")
                .ok()
                .filter(|t| !t.is_empty());
            px.mount_root = args.px_mount_root.clone();
            VolumeSettings::Portworx(Box::new(px))
        }
    };
    let mut users = Vec::new();
    if let (Some(user), Some(var)) = (args.user, args.password_env) {
        let password = std::env::var(&var)
            .ok()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| {
                Exit::usage(format!(
                    "--password-env {var}: the environment variable {var} is not set"
                ))
            })?;
        users.push((user, password));
    }
    if let Some(file) = &args.users_file {
        users.extend(
            crate::server::iam::read_users_file(file).map_err(|e| Exit::usage(e.to_string()))?,
        );
    }
    server::run(ServerConfig {
        listen: args.listen,
        data_dir,
        token_file,
        lease,
        volumes,
        local_agents: args.local_agents,
        users,
        iam_token_ttl: args.token_ttl,
        packages: crate::server::packages::PackageSettings {
            assets: args.assets,
        },
        storage_check: std::time::Duration::from_millis(args.storage_check_ms.max(100)),
    })
    .await
}
