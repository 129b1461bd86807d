//! Packages read straight from a repository URI or path, without a cluster (`--repo`): what `describe`
//! and `spec validate|render --package` use to show, before anything reaches a cluster, what an install
//! would produce — the rendered Marathon app, and the service spec inside its scheduler artifact.

use std::collections::BTreeMap;

use anyhow::{Context, anyhow};
use serde_json::{Map, Value};

use crate::server::packages::assets::{self, AssetFetcher, SchedulerTemplates};
use crate::universe::fetch::{RepoFetchOptions, load};
use crate::universe::index::Index;
use crate::universe::package::Package;
use crate::universe::render::render_marathon_app;

/// One package resolved from a repository read offline.
pub struct OfflinePackage {
    pub package: Package,
    /// The repository URI it came from (`DCOS_PACKAGE_SOURCE`, and the base of relative asset URLs).
    pub source: String,
}

/// Reads the repository at `repo` (http(s)://, file:// or a path; JSON or zip) and resolves the package.
/// Broken packages of the repository are reported on stderr; the others stay usable.
pub async fn package(
    repo: &str,
    name: &str,
    version: Option<&str>,
) -> anyhow::Result<OfflinePackage> {
    let location = match url::Url::parse(repo) {
        Ok(_) => repo.to_string(),
        Err(_) => std::path::absolute(repo)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| repo.to_string()),
    };
    let repository = load(&location, &RepoFetchOptions::default())
        .await
        .with_context(|| format!("cannot read the package repository {repo}"))?;
    for broken in &repository.broken {
        eprintln!(
            "warning: the repository has a broken package at {}: {}",
            broken.location, broken.error
        );
    }
    let index = Index::new(vec![repository]);
    let found = index.resolve(name, version).map_err(|e| anyhow!("{e}"))?;
    Ok(OfflinePackage {
        package: found.package.clone(),
        source: found.source.to_string(),
    })
}

impl OfflinePackage {
    /// The Marathon app an install with `options` renders to, exactly as Cosmos renders it.
    pub fn render(&self, options: Option<&Value>) -> anyhow::Result<Map<String, Value>> {
        let user = match options {
            Some(Value::Object(m)) => Some(m),
            Some(_) => return Err(anyhow!("the options must be a JSON object")),
            None => None,
        };
        render_marathon_app(&self.package, &self.source, user, None).map_err(|e| anyhow!("{e}"))
    }

    /// The service spec template and config files from the scheduler artifact, with the environment of
    /// `app` (the rendered Marathon app) that templates it.
    pub async fn scheduler_spec(
        &self,
        app: &Map<String, Value>,
    ) -> anyhow::Result<(SchedulerTemplates, BTreeMap<String, String>)> {
        let env: BTreeMap<String, String> = app
            .get("env")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let cmd = app.get("cmd").and_then(Value::as_str).unwrap_or_default();
        let assets = AssetFetcher::new(Vec::new())?;
        let spec = assets::scheduler_spec(&assets, &self.package, &self.source, cmd, &env)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        Ok((spec, env))
    }
}
