//! `pxfw server`: the embedded control plane, a thin HTTP adapter over the scheduler.
//!
//! It serves the same surface as a DC/OS cluster where one exists (the SDK scheduler API at
//! `/service/<name>/v1/…`, cluster metadata), plus pxfw's own agent API (`/agent/v1/…`) and admin API
//! (`/pxfw/v1/…`). Every call that changes state needs the server token; reads are open, as on a cluster
//! behind Admin Router with the token checked on writes.

pub mod admin;
pub mod agent_api;
pub mod auth;
pub mod cosmos_api;
pub mod iam;
pub mod json;
pub mod marathon_api;
pub mod mesos_api;
pub mod meta;
pub mod packages;
pub mod sdk_api;
pub mod snapshot_api;
pub mod token;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;

use crate::scheduler::engine::Engine;
use crate::scheduler::state::LeaseConfig;
use crate::scheduler::store::{Kind, Store, Write};

/// How the server was started.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub token_file: PathBuf,
    pub lease: LeaseConfig,
    pub volumes: VolumeSettings,
    /// In-process agents to start (`--local-agents N`), on racks rack-1…rack-N.
    pub local_agents: u32,
    /// IAM users (uid, password) who may log in at `/acs/api/v1/auth/login`.
    pub users: Vec<(String, String)>,
    /// Lifetime of the tokens IAM login issues.
    pub iam_token_ttl: std::time::Duration,
    /// Package manager settings (asset mappings).
    pub packages: packages::PackageSettings,
    /// How often the storage backend's node states are read (storage down vs host down).
    pub storage_check: std::time::Duration,
}

/// Which volume driver the control plane uses.
#[derive(Debug, Clone)]
pub enum VolumeSettings {
    /// The local pool (default `<data-dir>/volumes`), optionally with a capacity in MB.
    Local {
        pool: Option<PathBuf>,
        capacity_mb: Option<u64>,
    },
    /// A Portworx cluster's OpenStorage SDK REST gateway (boxed: it is much larger than the local variant).
    Portworx(Box<crate::volume::portworx::PortworxConfig>),
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub token: Arc<String>,
    pub cluster_id: Arc<String>,
    pub agents: Arc<crate::scheduler::agents::Agents>,
    pub engine: Arc<Engine>,
    pub iam: Arc<iam::Iam>,
    pub packages: Arc<packages::Packages>,
}

/// The largest request body accepted (a svc.yml or an options file is far smaller).
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// Opens the store, builds the router and returns it with the state, without binding (tests and `run`).
pub fn build(cfg: &ServerConfig) -> anyhow::Result<(Router, AppState)> {
    let store = Arc::new(Store::open(&cfg.data_dir)?);
    let token = token::load_or_create(&cfg.token_file)?;
    let cluster_id = match store.get::<String>(Kind::Meta, "cluster_id")? {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            store.write(vec![Write::put(Kind::Meta, "cluster_id", &id)])?;
            id
        }
    };
    let agents = Arc::new(crate::scheduler::agents::Agents::load(
        store.clone(),
        cfg.lease,
    )?);
    let driver = match &cfg.volumes {
        VolumeSettings::Local { pool, capacity_mb } => {
            let mut local = crate::volume::local::LocalConfig::new(
                pool.clone().unwrap_or_else(|| cfg.data_dir.join("volumes")),
            );
            local.capacity_mb = *capacity_mb;
            crate::volume::open(crate::volume::DriverConfig::Local(local))?
        }
        VolumeSettings::Portworx(px) => {
            crate::volume::open(crate::volume::DriverConfig::Portworx((**px).clone()))?
        }
    };
    let engine = Arc::new(
        Engine::load(store.clone(), agents.clone(), driver)?.with_storage_check(cfg.storage_check),
    );
    let iam = Arc::new(iam::Iam::new(
        &cfg.data_dir.join("iam-secret"),
        &cfg.users,
        cfg.iam_token_ttl,
    )?);
    let packages = Arc::new(packages::Packages::new(
        store.clone(),
        engine.clone(),
        &cfg.packages,
    )?);
    let state = AppState {
        store,
        token: Arc::new(token),
        cluster_id: Arc::new(cluster_id),
        agents,
        engine,
        iam,
        packages,
    };
    let router = Router::new()
        .merge(meta::routes())
        .merge(agent_api::routes())
        .merge(sdk_api::routes())
        .merge(admin::routes())
        .merge(iam::routes())
        .merge(cosmos_api::routes())
        .merge(marathon_api::routes())
        .merge(mesos_api::routes())
        .merge(snapshot_api::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_token_for_writes,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(state.clone());
    Ok((router, state))
}

/// Runs the server until SIGINT/SIGTERM, then exits within seconds: the local agents (one-machine mode)
/// stop their tasks first; open connections get [`HTTP_DRAIN`] from the signal to end.
pub async fn run(cfg: ServerConfig) -> anyhow::Result<()> {
    let (router, state) = build(&cfg)?;
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cfg.listen))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    // Tools and tests started with port 0 learn the real address here. Written whole (temporary file +
    // rename): a reader polling for the file must never see it empty or half-written.
    let url_file = cfg.data_dir.join("server.url");
    let partial = cfg.data_dir.join(".server.url.tmp");
    std::fs::write(&partial, &url)
        .and_then(|()| std::fs::rename(&partial, &url_file))
        .with_context(|| format!("cannot write {}", url_file.display()))?;
    eprintln!(
        "pxfw server listening on {url} (data dir {}, token file {})",
        cfg.data_dir.display(),
        cfg.token_file.display()
    );
    let engine_loop = tokio::spawn(state.engine.clone().run(TICK));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut local = Vec::new();
    for i in 1..=cfg.local_agents {
        let agent = local_agent(&cfg, &url, &state.token, i)?;
        let mut rx = stop_rx.clone();
        local.push(tokio::spawn(async move {
            let stop = async move {
                let _ = rx.wait_for(|v| *v).await;
            };
            if let Err(e) = crate::agent::runtime::run(agent, stop).await {
                tracing::error!("local agent failed: {e:#}");
            }
        }));
    }
    let mut http_stop = stop_rx.clone();
    let serve = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = http_stop.wait_for(|v| *v).await;
    });
    let mut serving = tokio::spawn(async move { serve.await });
    let failed = tokio::select! {
        _ = shutdown_signal() => None,
        r = &mut serving => Some(r),
    };
    let _ = stop_tx.send(true);
    // Open connections drain while the local agents stop, not after them.
    let drained_by = tokio::time::Instant::now() + HTTP_DRAIN;
    // Each local agent kills its tasks (kill grace capped) and ends its watchdog before it returns.
    for a in local {
        let _ = a.await;
    }
    engine_loop.abort();
    let ended = match failed {
        Some(r) => r,
        // A client following a plan may hold a connection open: it gets a moment, not a veto.
        None => match tokio::time::timeout_at(drained_by, &mut serving).await {
            Ok(r) => r,
            Err(_) => {
                serving.abort();
                Ok(Ok(()))
            }
        },
    };
    ended.context("the HTTP server stopped unexpectedly")??;
    Ok(())
}

/// How long open connections may take to end after a shutdown signal.
const HTTP_DRAIN: std::time::Duration = std::time::Duration::from_secs(1);

/// How often the scheduler loop runs.
const TICK: std::time::Duration = std::time::Duration::from_millis(200);

/// An in-process agent: node `local-<i>` on rack `rack-<i>`, with an equal share of this machine.
fn local_agent(
    cfg: &ServerConfig,
    url: &str,
    token: &str,
    i: u32,
) -> anyhow::Result<crate::agent::runtime::AgentConfig> {
    Ok(crate::agent::runtime::AgentConfig {
        server: url::Url::parse(url)?,
        token: token.to_string(),
        node_id: format!("local-{i}"),
        topology: crate::api::topology::Topology {
            hostname: format!("local-{i}"),
            rack: Some(format!("rack-{i}")),
            zone: Some("local".into()),
            region: Some("local".into()),
            attributes: Default::default(),
        },
        cpus: 4.0,
        mem_mb: 8192,
        disk_mb: 65536,
        data_dir: cfg.data_dir.join("agents").join(format!("local-{i}")),
        fence_watchdog: true,
        peer_listen: Some(std::net::SocketAddr::from(([127, 0, 0, 1], 0))),
        peer_advertise: None,
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
