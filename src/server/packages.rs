//! The package manager of the embedded control plane: what Cosmos and Marathon do together on DC/OS, as
//! operations between the package model ([`crate::universe`]), the stored apps ([`apps`]) and the engine.
//!
//! * repositories: an ordered list persisted in the store; each is fetched (and decoded) before it is added,
//!   and re-read at most once a minute afterwards, as Cosmos caches them;
//! * install: render the Marathon app as Cosmos does, then start the service as its scheduler would — the
//!   svc.yml named by the app's `cmd`, read from the `scheduler-zip` asset and templated with the app's env;
//! * update: deep-merge (or replace) the options, re-render, and roll the new environment and spec out
//!   through the service's deploy plan;
//! * uninstall (contract §6.1): mark the app `SDK_UNINSTALL=true`, let the service run its uninstall plan as
//!   its deploy plan, and remove the app only when that plan is complete ([`Packages::sync`]).
//!
//! Deviation from Cosmos, on purpose: `file://` repository URIs are accepted as well as `http(s)://`, so a
//! machine without network can install from a repository on disk (Cosmos answers `UnsupportedRepositoryUri`).
//! The repository list starts empty rather than with Mesosphere's Universe, which is gone.

pub mod apps;
pub mod assets;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::scheduler::engine::{AddService, Engine, EngineError, UpdateService};
use crate::scheduler::store::{Kind, Store, StoreError, Write};
use crate::universe::index::LookupError;
use crate::universe::options::{self, OptionsError};
use crate::universe::render::{self, RenderError};
use crate::universe::{Index, Package, RepoError, RepoFetchOptions, Repository};
use apps::{AppStore, Deployment, SDK_UNINSTALL, StoredApp};
use assets::{AssetError, AssetFetcher, AssetMapping, SchedulerTemplates};

/// How long a fetched repository is reused before it is read again (Cosmos caches for one minute).
const REPOSITORY_TTL: Duration = Duration::from_secs(60);
/// The store key of the ordered repository list.
const REPOSITORY_LIST_KEY: &str = "list";

/// Package-manager settings of the server.
#[derive(Debug, Clone, Default)]
pub struct PackageSettings {
    /// `--asset NAME=URI` mappings.
    pub assets: Vec<AssetMapping>,
}

/// One configured repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryEntry {
    pub name: String,
    pub uri: String,
}

/// Why a package operation failed; the Cosmos API maps each to its error `type` and status.
#[derive(Debug, thiserror::Error)]
pub enum PackageOpError {
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    Options(#[from] OptionsError),
    #[error(transparent)]
    Render(RenderError),
    #[error("repository {uri} cannot be used: {source}")]
    Repository {
        name: Option<String>,
        uri: String,
        #[source]
        source: RepoError,
    },
    #[error(
        "repository URI {uri} is not supported: use an http(s):// URL (or file:// on this server)"
    )]
    UnsupportedRepositoryUri { uri: String },
    #[error("a repository with {} is already present", present(.name, .uri))]
    RepositoryAlreadyPresent {
        name: Option<String>,
        uri: Option<String>,
    },
    #[error("no repository with {} is present", present(.name, .uri))]
    RepositoryNotPresent {
        name: Option<String>,
        uri: Option<String>,
    },
    #[error("give the repository's name or uri (or both)")]
    RepoNameOrUriMissing,
    #[error("index {attempted} is out of bounds: the largest valid index is {max}")]
    IndexOutOfBounds { attempted: usize, max: usize },
    #[error("Package is already installed")]
    AlreadyInstalled { app_id: String },
    #[error("Package [{package}] is not installed")]
    NotInstalled { package: String },
    #[error("Package [{package}] with id [{app_id}] is not installed")]
    NotInstalledApp { package: String, app_id: String },
    #[error("Multiple apps named [{package}] are installed: [{}]", .app_ids.join(", "))]
    Ambiguous {
        package: String,
        app_ids: Vec<String>,
    },
    #[error("Unable to locate service with marathon appId: '{app_id}'")]
    AppNotFound { app_id: String },
    #[error(
        "The options of {app_id} were not stored at install, so they cannot be merged; use replace"
    )]
    OptionsNotStored { app_id: String },
    #[error(
        "Changing the package version ({current} → {requested}) is not supported; only the options can change"
    )]
    VersionUpgrade { current: String, requested: String },
    #[error("The service name cannot be changed from {old} to {new}")]
    AppIdChanged { old: String, new: String },
    #[error("The rendered app is not usable: {0}")]
    BadApp(String),
    #[error(
        "App is locked by one or more deployments: {app_id} is being uninstalled. View details at '/v2/deployments/{deployment}'."
    )]
    Locked { app_id: String, deployment: String },
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error("{0}")]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn present(name: &Option<String>, uri: &Option<String>) -> String {
    match (name, uri) {
        (Some(n), Some(u)) => format!("name {n} and uri {u}"),
        (Some(n), None) => format!("name {n}"),
        (None, Some(u)) => format!("uri {u}"),
        (None, None) => "no name or uri".into(),
    }
}

impl From<RenderError> for PackageOpError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Options(o) => PackageOpError::Options(o),
            other => PackageOpError::Render(other),
        }
    }
}

/// `/package/install` and `/package/render` request fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallRequest {
    pub package_name: String,
    #[serde(default)]
    pub package_version: Option<String>,
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    #[serde(default)]
    pub app_id: Option<String>,
}

/// What an install did.
#[derive(Debug, Clone)]
pub struct Installed {
    pub package: Package,
    pub app_id: String,
}

/// One app an uninstall started, with its package and the volumes it keeps.
#[derive(Debug, Clone)]
pub struct Uninstalled {
    pub app: StoredApp,
    pub package: Option<Package>,
    pub kept_volumes: Vec<String>,
}

/// `/package/uninstall` request fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UninstallRequest {
    pub package_name: String,
    #[serde(default)]
    pub app_id: Option<String>,
    #[serde(default)]
    pub all: Option<bool>,
    /// pxfw's extension (`keepVolumes`): keep the service's volumes instead of deleting them with it.
    /// Cosmos ignores unknown fields, so clients may always send it.
    #[serde(default)]
    pub keep_volumes: bool,
}

/// `/cosmos/service/update` request fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceUpdateRequest {
    pub app_id: String,
    #[serde(default)]
    pub package_version: Option<String>,
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    pub replace: bool,
}

/// The package manager. Changes are serialised by one lock, so two installs of one name cannot race.
pub struct Packages {
    store: Arc<Store>,
    engine: Arc<Engine>,
    apps: AppStore,
    assets: AssetFetcher,
    fetch: RepoFetchOptions,
    cache: Mutex<HashMap<String, (Instant, Arc<Repository>)>>,
    changes: tokio::sync::Mutex<()>,
}

impl Packages {
    pub fn new(
        store: Arc<Store>,
        engine: Arc<Engine>,
        settings: &PackageSettings,
    ) -> anyhow::Result<Packages> {
        Ok(Packages {
            apps: AppStore::new(store.clone()),
            store,
            engine,
            assets: AssetFetcher::new(settings.assets.clone())?,
            fetch: RepoFetchOptions {
                user_agent: crate::universe::fetch::user_agent(super::meta::DCOS_VERSION),
                ..RepoFetchOptions::default()
            },
            cache: Mutex::new(HashMap::new()),
            changes: tokio::sync::Mutex::new(()),
        })
    }

    pub fn apps(&self) -> &AppStore {
        &self.apps
    }

    // ------------------------------------------------------------------ repositories

    pub fn repositories(&self) -> Result<Vec<RepositoryEntry>, PackageOpError> {
        Ok(self
            .store
            .get(Kind::Repository, REPOSITORY_LIST_KEY)?
            .unwrap_or_default())
    }

    fn save_repositories(
        &self,
        list: &[RepositoryEntry],
        event: &str,
        entry: &RepositoryEntry,
    ) -> Result<(), PackageOpError> {
        self.store.write(vec![
            Write::put(Kind::Repository, REPOSITORY_LIST_KEY, &list),
            Write::event(event, entry),
        ])?;
        Ok(())
    }

    async fn fetch_repository(
        &self,
        entry: &RepositoryEntry,
        fresh: bool,
    ) -> Result<Arc<Repository>, PackageOpError> {
        if !fresh
            && let Ok(cache) = self.cache.lock()
            && let Some((at, repo)) = cache.get(&entry.uri)
            && at.elapsed() < REPOSITORY_TTL
        {
            return Ok(repo.clone());
        }
        let repo = crate::universe::load(&entry.uri, &self.fetch)
            .await
            .map_err(|source| PackageOpError::Repository {
                name: Some(entry.name.clone()),
                uri: entry.uri.clone(),
                source,
            })?;
        let repo = Arc::new(repo);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(entry.uri.clone(), (Instant::now(), repo.clone()));
        }
        Ok(repo)
    }

    /// `repository/add`: checks the URI, duplicates and index, then fetches the repository before storing it.
    pub async fn repository_add(
        &self,
        name: &str,
        uri: &str,
        index: Option<usize>,
    ) -> Result<Vec<RepositoryEntry>, PackageOpError> {
        let _guard = self.changes.lock().await;
        let lower = uri.to_ascii_lowercase();
        if !["http://", "https://", "file://"]
            .iter()
            .any(|s| lower.starts_with(s))
        {
            return Err(PackageOpError::UnsupportedRepositoryUri {
                uri: uri.to_string(),
            });
        }
        let mut list = self.repositories()?;
        let same_name = list.iter().any(|r| r.name == name);
        let same_uri = list.iter().any(|r| r.uri == uri);
        if same_name || same_uri {
            return Err(PackageOpError::RepositoryAlreadyPresent {
                name: same_name.then(|| name.to_string()),
                uri: same_uri.then(|| uri.to_string()),
            });
        }
        let at = index.unwrap_or(list.len());
        if at > list.len() {
            return Err(PackageOpError::IndexOutOfBounds {
                attempted: at,
                max: list.len(),
            });
        }
        let entry = RepositoryEntry {
            name: name.to_string(),
            uri: uri.to_string(),
        };
        self.fetch_repository(&entry, true).await?;
        list.insert(at, entry.clone());
        self.save_repositories(&list, "repository-added", &entry)?;
        Ok(list)
    }

    /// `repository/delete` by name and/or uri (both must name the same entry).
    pub async fn repository_delete(
        &self,
        name: Option<&str>,
        uri: Option<&str>,
    ) -> Result<Vec<RepositoryEntry>, PackageOpError> {
        let _guard = self.changes.lock().await;
        if name.is_none() && uri.is_none() {
            return Err(PackageOpError::RepoNameOrUriMissing);
        }
        let mut list = self.repositories()?;
        let pos = list
            .iter()
            .position(|r| name.is_none_or(|n| r.name == n) && uri.is_none_or(|u| r.uri == u))
            .ok_or_else(|| PackageOpError::RepositoryNotPresent {
                name: name.map(str::to_string),
                uri: uri.map(str::to_string),
            })?;
        let removed = list.remove(pos);
        self.save_repositories(&list, "repository-removed", &removed)?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.remove(&removed.uri);
        }
        Ok(list)
    }

    /// The merged index of every configured repository, in order. A repository that cannot be read fails
    /// the request, as in Cosmos.
    pub async fn index(&self) -> Result<Index, PackageOpError> {
        let mut repos = Vec::new();
        for entry in self.repositories()? {
            repos.push(Repository::clone(
                &*self.fetch_repository(&entry, false).await?,
            ));
        }
        Ok(Index::new(repos))
    }

    // ------------------------------------------------------------------ apps and services

    /// Removes the apps whose uninstall is complete (the engine has deregistered their service). Run before
    /// every read of the apps, so an app disappears exactly when its uninstall plan is done.
    pub async fn sync(&self) -> Result<(), PackageOpError> {
        for app in self.apps.list()? {
            if app.uninstalling() && self.engine.service(app.service_name()).await.is_none() {
                self.apps.delete(app.id())?;
            }
        }
        Ok(())
    }

    /// Reads the service spec out of the package's scheduler artifact, as the scheduler app would run it.
    async fn scheduler_spec(
        &self,
        package: &Package,
        source: &str,
        app: &StoredApp,
    ) -> Result<SchedulerTemplates, PackageOpError> {
        Ok(assets::scheduler_spec(&self.assets, package, source, app.cmd(), &app.env()).await?)
    }

    /// `/package/render`.
    pub async fn render(&self, req: &InstallRequest) -> Result<Value, PackageOpError> {
        let index = self.index().await?;
        let found = index.resolve(&req.package_name, req.package_version.as_deref())?;
        let app = render::render_marathon_app(
            found.package,
            found.source,
            req.options.as_ref(),
            req.app_id.as_deref(),
        )?;
        Ok(json!({ "marathonJson": Value::Object(app) }))
    }

    /// `/package/install`: render, start the service from its scheduler artifact, store the app.
    pub async fn install(&self, req: &InstallRequest) -> Result<Installed, PackageOpError> {
        let _guard = self.changes.lock().await;
        self.sync().await?;
        let index = self.index().await?;
        let found = index.resolve(&req.package_name, req.package_version.as_deref())?;
        let rendered = render::render_marathon_app(
            found.package,
            found.source,
            req.options.as_ref(),
            req.app_id.as_deref(),
        )?;
        if !rendered.get("id").is_some_and(Value::is_string) {
            return Err(PackageOpError::BadApp("the app has no string `id`".into()));
        }
        let app = StoredApp::new(rendered);
        let app_id = app.id().to_string();
        if self.apps.get(&app_id)?.is_some()
            || self.engine.service(app.service_name()).await.is_some()
        {
            return Err(PackageOpError::AlreadyInstalled { app_id });
        }
        let spec = self
            .scheduler_spec(found.package, found.source, &app)
            .await?;
        self.engine
            .add_service(AddService {
                name: app.service_name().to_string(),
                spec: spec.spec,
                env: app.env(),
                files: spec.files,
            })
            .await
            .map_err(|e| match e {
                EngineError::Conflict(_) => PackageOpError::AlreadyInstalled {
                    app_id: app_id.clone(),
                },
                other => PackageOpError::Engine(other),
            })?;
        self.apps.put(&app, "app-installed")?;
        Ok(Installed {
            package: found.package.clone(),
            app_id,
        })
    }

    /// `/package/uninstall`: starts the SDK uninstall of each matching app and returns at once.
    pub async fn uninstall(
        &self,
        req: &UninstallRequest,
    ) -> Result<Vec<Uninstalled>, PackageOpError> {
        let _guard = self.changes.lock().await;
        self.sync().await?;
        let mut matching: Vec<StoredApp> = self
            .apps
            .list()?
            .into_iter()
            .filter(|a| a.package_name() == Some(req.package_name.as_str()))
            .collect();
        if matching.is_empty() {
            return Err(PackageOpError::NotInstalled {
                package: req.package_name.clone(),
            });
        }
        if let Some(id) = &req.app_id {
            let id = render::normalize_app_id(id);
            matching.retain(|a| a.id() == id);
            if matching.is_empty() {
                return Err(PackageOpError::NotInstalledApp {
                    package: req.package_name.clone(),
                    app_id: id,
                });
            }
        } else if matching.len() > 1 && req.all != Some(true) {
            return Err(PackageOpError::Ambiguous {
                package: req.package_name.clone(),
                app_ids: matching.iter().map(|a| a.id().to_string()).collect(),
            });
        }
        let mut out = Vec::new();
        for mut app in matching {
            let package = app.package();
            let mut kept_volumes = Vec::new();
            if !app.uninstalling() {
                // What Cosmos PUTs to Marathon: the same app with SDK_UNINSTALL=true, without uris/version.
                if let Some(Value::Object(env)) = app.app.get_mut("env") {
                    env.insert(SDK_UNINSTALL.into(), Value::String("true".into()));
                } else {
                    app.app
                        .insert("env".into(), json!({ SDK_UNINSTALL: "true" }));
                }
                app.app.remove("uris");
                app.version = apps::now_version();
                kept_volumes = self.start_uninstall(&app, req.keep_volumes).await?;
            }
            out.push(Uninstalled {
                app,
                package,
                kept_volumes,
            });
        }
        Ok(out)
    }

    /// Stores `app` (already marked for uninstall) and starts its service's uninstall plan; an app whose
    /// service is already gone is removed at once.
    /// Returns the volumes kept (with `keep_volumes`).
    async fn start_uninstall(
        &self,
        app: &StoredApp,
        keep_volumes: bool,
    ) -> Result<Vec<String>, PackageOpError> {
        match self
            .engine
            .uninstall_service(app.service_name(), keep_volumes)
            .await
        {
            Ok(v) => {
                self.apps.put(app, "app-uninstalling")?;
                Ok(v.kept_volumes)
            }
            Err(EngineError::NotFound(_)) => {
                self.apps.delete(app.id())?;
                Ok(Vec::new())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// An installed app, after removing finished uninstalls.
    pub async fn app(&self, app_id: &str) -> Result<Option<StoredApp>, PackageOpError> {
        self.sync().await?;
        Ok(self.apps.get(app_id)?)
    }

    /// Every installed app (finished uninstalls removed).
    pub async fn app_list(&self) -> Result<Vec<StoredApp>, PackageOpError> {
        self.sync().await?;
        Ok(self.apps.list()?)
    }

    /// The package an app runs: from its definition label, else looked up by name and version.
    async fn package_of(&self, app: &StoredApp) -> Result<Package, PackageOpError> {
        if let Some(p) = app.package() {
            return Ok(p);
        }
        let name = app.package_name().unwrap_or_default();
        let version = app.label(render::LABEL_VERSION);
        Ok(self.index().await?.resolve(name, version)?.package.clone())
    }

    /// `/cosmos/service/describe`.
    pub async fn service_describe(&self, app_id: &str) -> Result<Value, PackageOpError> {
        let app = self
            .app(app_id)
            .await?
            .ok_or_else(|| PackageOpError::AppNotFound {
                app_id: render::normalize_app_id(app_id),
            })?;
        let package = self.package_of(&app).await?;
        // Up/downgrade targets need the repositories; a repository that is gone must not hide the service.
        let (up, down) = match self.index().await {
            Ok(index) => (
                index.upgrades_to(&package.name, &package.version),
                index.downgrades_to(&package),
            ),
            Err(e) => {
                tracing::warn!(
                    "service describe of {}: no upgrade information: {e}",
                    app.id()
                );
                (Vec::new(), Vec::new())
            }
        };
        let mut body = json!({
            "package": serde_json::to_value(&package).unwrap_or(Value::Null),
            "upgradesTo": up,
            "downgradesTo": down,
        });
        if let Some(user) = app.user_options() {
            let resolved = options::resolve(package.config.as_ref(), Some(&user))
                .unwrap_or_else(|_| user.clone());
            body["resolvedOptions"] = Value::Object(resolved);
            body["userProvidedOptions"] = Value::Object(user);
        }
        Ok(body)
    }

    /// `/cosmos/service/update`: new options (merged unless `replace`), re-rendered and rolled out through the
    /// service's deploy plan. Returns the package, the resolved options and the deployment id.
    pub async fn service_update(
        &self,
        req: &ServiceUpdateRequest,
    ) -> Result<(Package, Map<String, Value>, String), PackageOpError> {
        let _guard = self.changes.lock().await;
        self.sync().await?;
        let app_id = render::normalize_app_id(&req.app_id);
        let old = self
            .apps
            .get(&app_id)?
            .ok_or_else(|| PackageOpError::AppNotFound {
                app_id: app_id.clone(),
            })?;
        if let Some(d) = &old.deployment {
            return Err(PackageOpError::Locked {
                app_id,
                deployment: d.id.clone(),
            });
        }
        let package = self.package_of(&old).await?;
        if let Some(v) = &req.package_version
            && *v != package.version
        {
            return Err(PackageOpError::VersionUpgrade {
                current: package.version.clone(),
                requested: v.clone(),
            });
        }
        let user = if req.replace {
            req.options.clone().unwrap_or_default()
        } else {
            let mut stored =
                old.user_options()
                    .ok_or_else(|| PackageOpError::OptionsNotStored {
                        app_id: app_id.clone(),
                    })?;
            if let Some(given) = &req.options {
                options::deep_merge(&mut stored, given);
            }
            stored
        };
        let source = old.source().unwrap_or_default().to_string();
        let rendered = render::render_marathon_app(&package, &source, Some(&user), None)?;
        let new_id = rendered
            .get("id")
            .and_then(Value::as_str)
            .map(render::normalize_app_id)
            .unwrap_or_default();
        if new_id != app_id {
            return Err(PackageOpError::AppIdChanged {
                old: app_id,
                new: new_id,
            });
        }
        let app = StoredApp::new(rendered);
        let deployment = self.roll_out(&package, &source, &old, &app).await?;
        let resolved = options::resolve(package.config.as_ref(), Some(&user))?;
        Ok((package, resolved, deployment))
    }

    /// Applies a changed app definition to its service (the scheduler restarting with the new env and
    /// spec), then stores it. Returns the deployment id.
    async fn roll_out(
        &self,
        package: &Package,
        source: &str,
        old: &StoredApp,
        app: &StoredApp,
    ) -> Result<String, PackageOpError> {
        if old.uninstalling() {
            let deployment = old
                .deployment
                .as_ref()
                .map(|d| d.id.clone())
                .unwrap_or_default();
            return Err(PackageOpError::Locked {
                app_id: old.id().to_string(),
                deployment,
            });
        }
        let spec = self.scheduler_spec(package, source, app).await?;
        self.engine
            .update_service(
                app.service_name(),
                UpdateService {
                    env: app.env(),
                    replace_env: true,
                    spec: Some(spec.spec),
                    files: Some(spec.files),
                    keep_volumes: false,
                },
            )
            .await?;
        self.apps.put(app, "app-updated")?;
        Ok(uuid::Uuid::new_v4().to_string())
    }

    /// `PUT /v2/apps/{id}` on an existing app: a partial update merges top-level fields into the app. An env
    /// with `SDK_UNINSTALL=true` starts the uninstall (Cosmos' way); other changes roll out like an update.
    /// Returns `None` when the app does not exist.
    pub async fn marathon_put(
        &self,
        id: &str,
        body: Map<String, Value>,
        partial: bool,
    ) -> Result<Option<(String, String)>, PackageOpError> {
        let _guard = self.changes.lock().await;
        self.sync().await?;
        let Some(old) = self.apps.get(id)? else {
            return Ok(None);
        };
        let mut def = if partial { old.app.clone() } else { Map::new() };
        for (k, v) in body {
            def.insert(k, v);
        }
        def.insert("id".into(), Value::String(old.id().to_string()));
        def.remove("version");
        let mut app = StoredApp::new(def);
        let deployment = if app.env().get(SDK_UNINSTALL).is_some_and(|v| v == "true") {
            if !old.uninstalling() {
                self.start_uninstall(&app, false).await?;
            }
            uuid::Uuid::new_v4().to_string()
        } else {
            match self.package_of(&old).await {
                Ok(package) => {
                    let source = old.source().unwrap_or_default().to_string();
                    self.roll_out(&package, &source, &old, &app).await?
                }
                // Not a package app: the environment changes, the spec stays.
                Err(_) => {
                    self.engine
                        .update_service(
                            app.service_name(),
                            UpdateService {
                                env: app.env(),
                                replace_env: true,
                                ..Default::default()
                            },
                        )
                        .await?;
                    app.version = apps::now_version();
                    self.apps.put(&app, "app-updated")?;
                    uuid::Uuid::new_v4().to_string()
                }
            }
        };
        Ok(Some((deployment, app.version.clone())))
    }

    /// `DELETE /v2/apps/{id}`: the service is uninstalled and the app removed when that is complete. Returns
    /// the deployment, or `None` when the app does not exist.
    pub async fn marathon_delete(&self, id: &str) -> Result<Option<Deployment>, PackageOpError> {
        let _guard = self.changes.lock().await;
        self.sync().await?;
        let Some(mut app) = self.apps.get(id)? else {
            return Ok(None);
        };
        if let Some(d) = &app.deployment {
            return Ok(Some(d.clone()));
        }
        let deployment = Deployment {
            id: uuid::Uuid::new_v4().to_string(),
            version: apps::now_version(),
            action: "StopApplication".into(),
        };
        app.deployment = Some(deployment.clone());
        self.start_uninstall(&app, false).await?;
        Ok(Some(deployment))
    }
}
