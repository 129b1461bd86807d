//! `cluster setup`'s workflow: ask a cluster who it is (its id, DC/OS version and name, readable without
//! a login), then write it into the DC/OS CLI configuration and attach it, as `dcos cluster setup` does.
//! A pxfw server answers the same questions, so the same setup configures either.

use std::path::Path;

use anyhow::{Context, anyhow};
use serde_json::Value;
use url::Url;

use crate::cluster::config::{ClusterConfig, ConfigDir, TlsMode};
use crate::cluster::http::{ClientConfig, HttpClient};
use crate::dcos::metadata;

/// A cluster configured and attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfiguredCluster {
    pub name: String,
    pub id: String,
    /// The URL as stored (without a trailing `/`).
    pub url: String,
    /// The DC/OS version it reports (`unknown` when it does not say).
    pub version: String,
}

/// Configures the cluster at `url` in `dir` and attaches it. `name` defaults to the cluster's name in
/// Mesos, else its id; a CA bundle is copied into the cluster's directory so the configuration does not
/// depend on where the file was.
pub async fn setup(
    dir: &ConfigDir,
    url: &Url,
    name: Option<String>,
    tls: TlsMode,
    ca_cert: Option<&Path>,
) -> anyhow::Result<ConfiguredCluster> {
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

    Ok(ConfiguredCluster {
        name: cluster_name,
        id,
        url: url.as_str().trim_end_matches('/').to_string(),
        version: dcos_version,
    })
}
