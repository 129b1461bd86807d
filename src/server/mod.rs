//! `pxfw server`: the embedded control plane, a thin HTTP adapter over the scheduler.
//!
//! It serves the same surface as a DC/OS cluster where one exists (the SDK scheduler API at
//! `/service/<name>/v1/…`, cluster metadata), plus pxfw's own agent API (`/agent/v1/…`) and admin API
//! (`/pxfw/v1/…`). Every call that changes state needs the server token; reads are open, as on a cluster
//! behind Admin Router with the token checked on writes.

pub mod agent_api;
pub mod auth;
pub mod meta;
pub mod token;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;

use crate::scheduler::state::LeaseConfig;
use crate::scheduler::store::{Kind, Store, Write};

/// How the server was started.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub token_file: PathBuf,
    pub lease: LeaseConfig,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub token: Arc<String>,
    pub cluster_id: Arc<String>,
    pub agents: Arc<agent_api::Agents>,
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
    let agents = Arc::new(agent_api::Agents::load(store.clone(), cfg.lease)?);
    let state = AppState {
        store,
        token: Arc::new(token),
        cluster_id: Arc::new(cluster_id),
        agents,
    };
    let router = Router::new()
        .merge(meta::routes())
        .merge(agent_api::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_token_for_writes,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(state.clone());
    Ok((router, state))
}

/// Runs the server until SIGINT/SIGTERM.
pub async fn run(cfg: ServerConfig) -> anyhow::Result<()> {
    let (router, _state) = build(&cfg)?;
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cfg.listen))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    // Tools and tests started with port 0 learn the real address here.
    std::fs::write(cfg.data_dir.join("server.url"), &url)
        .with_context(|| format!("cannot write {}", cfg.data_dir.join("server.url").display()))?;
    eprintln!(
        "pxfw server listening on {url} (data dir {}, token file {})",
        cfg.data_dir.display(),
        cfg.token_file.display()
    );
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
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
