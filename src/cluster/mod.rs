//! Which cluster pxfw talks to, how it authenticates, and the HTTP client that carries every call.
//!
//! Resolution order (contracts/dcos-cosmos-marathon-cli.md §4, "Recommendation for pxfw"):
//! 1. `DCOS_URL` / `DCOS_ACS_TOKEN` / `DCOS_TLS_INSECURE` / `DCOS_TLS_CA_PATH` — what the DC/OS CLI hands a
//!    plugin, also honoured by the standalone tool so CI can point it anywhere without a config tree;
//! 2. `DCOS_SSL_VERIFY` and `DCOS_TIMEOUT` override the configured values;
//! 3. the `dcos.toml` of the cluster named by `DCOS_CLUSTER`, else the only one, else the attached one.

pub mod config;
pub mod http;
pub mod login;
pub mod secrets;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use url::Url;

use config::{Cluster, ConfigDir, TlsMode, parse_timeout_secs};
use http::{ClientConfig, HttpClient, Relogin, TokenSink};

/// The `dcos.toml` section where pxfw keeps its own keys (service-account re-login).
pub const PXFW_SECTION: &str = "pxfw";

/// Everything needed to reach one cluster.
#[derive(Debug, Clone)]
pub struct Target {
    /// The cluster URL without a trailing slash.
    pub url: Url,
    pub tls: TlsMode,
    pub timeout: Duration,
    pub token: Option<String>,
    /// The configured cluster, when the target came from the config tree (not from `DCOS_URL`).
    pub cluster: Option<Cluster>,
}

impl Target {
    /// The Cosmos service API base: `<cosmos_url>/service` when `package.cosmos_url` is configured, else
    /// `<dcos_url>/cosmos/service` (the Admin Router route).
    pub fn cosmos_service_base(&self) -> String {
        match self.configured_url("package", "cosmos_url") {
            Some(u) => format!("{u}/service"),
            None => "/cosmos/service".to_string(),
        }
    }

    /// The Cosmos package API base: `package.cosmos_url` or the cluster URL.
    pub fn cosmos_package_base(&self) -> String {
        self.configured_url("package", "cosmos_url")
            .unwrap_or_default()
    }

    /// The Marathon base: `marathon.url` or `<dcos_url>/marathon`.
    pub fn marathon_base(&self) -> String {
        self.configured_url("marathon", "url")
            .unwrap_or_else(|| "/marathon".to_string())
    }

    fn configured_url(&self, section: &str, key: &str) -> Option<String> {
        let c = self.cluster.as_ref()?;
        c.config
            .get(section, key)
            .map(|u| u.trim_end_matches('/').to_string())
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Parses a cluster URL given by a user or the environment, insisting on http(s) and trimming the slash.
pub fn parse_cluster_url(raw: &str) -> anyhow::Result<Url> {
    let trimmed = raw.trim().trim_end_matches('/');
    let url = Url::parse(trimmed).map_err(|e| {
        anyhow!(
            "`{raw}` is not a valid URL ({e}); give the cluster URL, e.g. https://dcos.example.com"
        )
    })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(anyhow!("`{raw}` must be an http:// or https:// URL"));
    }
    if url.host_str().is_none() {
        return Err(anyhow!("`{raw}` has no host name"));
    }
    Ok(url)
}

/// Resolves the target from the environment and the configuration tree.
pub fn resolve() -> anyhow::Result<Target> {
    let timeout_env = env_nonempty("DCOS_TIMEOUT")
        .map(|raw| parse_timeout_secs(&raw).map_err(|e| anyhow!("DCOS_TIMEOUT: {e}")))
        .transpose()?;
    let ssl_env = env_nonempty("DCOS_SSL_VERIFY").map(|v| TlsMode::parse(&v));

    if let Some(raw) = env_nonempty("DCOS_URL") {
        let url = parse_cluster_url(&raw).context("DCOS_URL")?;
        let tls = if env_nonempty("DCOS_TLS_INSECURE").as_deref() == Some("1") {
            TlsMode::Insecure
        } else if let Some(ca) = env_nonempty("DCOS_TLS_CA_PATH") {
            TlsMode::CaFile(ca.into())
        } else {
            ssl_env.unwrap_or(TlsMode::Verify)
        };
        return Ok(Target {
            url,
            tls,
            timeout: timeout_env.unwrap_or(config::DEFAULT_TIMEOUT),
            token: env_nonempty("DCOS_ACS_TOKEN"),
            cluster: None,
        });
    }

    let dir = ConfigDir::from_env()?;
    let selector = env_nonempty("DCOS_CLUSTER");
    let cluster = match dir.current(selector.as_deref()) {
        Ok(c) => c,
        Err(config::ConfigError::NoCluster) => {
            // The 0.x CLI kept one cluster in `<root>/dcos.toml`; still honour it when nothing else exists.
            if let Some(legacy) = dir.legacy_config()? {
                return legacy_target(legacy, timeout_env, ssl_env);
            }
            return Err(config::ConfigError::NoCluster.into());
        }
        Err(e) => return Err(e.into()),
    };
    let url_raw = cluster.config.dcos_url().ok_or_else(|| {
        anyhow!(
            "cluster `{}` has no core.dcos_url in {}; run `pxfw cluster setup <URL>` again",
            cluster.name(),
            cluster.config.path().display()
        )
    })?;
    let url = parse_cluster_url(&url_raw).context("core.dcos_url")?;
    let timeout = match timeout_env {
        Some(t) => t,
        None => cluster.config.timeout().map_err(|e| anyhow!(e))?,
    };
    Ok(Target {
        url,
        tls: ssl_env.unwrap_or_else(|| cluster.config.tls()),
        timeout,
        token: env_nonempty("DCOS_ACS_TOKEN").or_else(|| secrets::load_token(&cluster)),
        cluster: Some(cluster),
    })
}

fn legacy_target(
    cfg: config::ClusterConfig,
    timeout_env: Option<Duration>,
    ssl_env: Option<TlsMode>,
) -> anyhow::Result<Target> {
    let url_raw = cfg
        .dcos_url()
        .ok_or_else(|| anyhow!("no cluster is configured; run `pxfw cluster setup <URL>` first"))?;
    let timeout = match timeout_env {
        Some(t) => t,
        None => cfg.timeout().map_err(|e| anyhow!(e))?,
    };
    Ok(Target {
        url: parse_cluster_url(&url_raw).context("core.dcos_url")?,
        tls: ssl_env.unwrap_or_else(|| cfg.tls()),
        timeout,
        token: env_nonempty("DCOS_ACS_TOKEN").or_else(|| cfg.token()),
        cluster: None,
    })
}

/// Builds the HTTP client for a target, wiring the silent service-account re-login when the cluster's
/// config names a service account and its key, and persisting renewed tokens to the cluster's store.
pub fn client_for(target: &Target) -> anyhow::Result<HttpClient> {
    let (relogin, token_sink) = match &target.cluster {
        Some(cluster) => (
            service_account_relogin(cluster),
            Some(token_sink(cluster.clone())),
        ),
        None => (None, None),
    };
    Ok(HttpClient::new(ClientConfig {
        base: target.url.clone(),
        tls: target.tls.clone(),
        timeout: target.timeout,
        token: target.token.clone(),
        relogin,
        token_sink,
    })?)
}

fn service_account_relogin(cluster: &Cluster) -> Option<Relogin> {
    let uid = cluster
        .config
        .get(PXFW_SECTION, "service_account")?
        .to_string();
    let key = std::path::PathBuf::from(cluster.config.get(PXFW_SECTION, "private_key")?);
    Some(Arc::new(move |http: HttpClient| {
        let uid = uid.clone();
        let key = key.clone();
        Box::pin(async move { login::with_service_account(&http, &uid, &key).await })
    }))
}

fn token_sink(cluster: Cluster) -> TokenSink {
    let cluster = std::sync::Mutex::new(cluster);
    Arc::new(move |token: &str| {
        if let Ok(mut c) = cluster.lock()
            && let Err(e) = secrets::store_token(&mut c, token)
        {
            tracing::warn!("could not store the renewed token: {e}");
        }
    })
}

/// The client for the current cluster (see the module docs for how it is chosen).
pub fn connect() -> anyhow::Result<HttpClient> {
    client_for(&resolve()?)
}
