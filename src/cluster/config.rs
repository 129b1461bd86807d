//! The DC/OS CLI configuration tree, read and written exactly as the `dcos` CLI lays it out.
//!
//! Layout (contracts/dcos-cosmos-marathon-cli.md §4): `$DCOS_DIR` (or `~/.dcos`) holds
//! `clusters/<CLUSTER_ID>/dcos.toml` (mode 0600) and an empty `attached` marker in the current cluster's
//! directory. Sharing the layout means `pxfw` and `dcos` see the same clusters. A deprecated single-file
//! `<root>/dcos.toml` (the 0.x CLI) is still read when no per-cluster configuration exists.
//!
//! Files are edited with `toml_edit` so keys pxfw does not know (plugin sections, comments) survive a
//! rewrite, and every write goes to a temporary file that is renamed over the target, so a crash or a full
//! disk never leaves a half-written config.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml_edit::{DocumentMut, Item, Table, value};

/// What went wrong while reading or writing the configuration tree.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid TOML: {message}\nFix or remove the file, then retry.")]
    Parse { path: PathBuf, message: String },
    #[error("no cluster is configured; run `pxfw cluster setup <URL>` first")]
    NoCluster,
    #[error("no cluster is attached; run `pxfw cluster attach <NAME>` (configured: {0})")]
    NoneAttached(String),
    #[error("multiple clusters are attached ({0}); run `pxfw cluster attach <NAME>` to pick one")]
    MultipleAttached(String),
    #[error("no cluster named or with ID `{0}`; `pxfw cluster list` shows the configured ones")]
    UnknownCluster(String),
    #[error("`{name}` matches several clusters ({ids}); use the cluster ID instead")]
    AmbiguousName { name: String, ids: String },
    #[error(
        "cannot find the home directory; set DCOS_DIR to the DC/OS CLI configuration directory"
    )]
    NoHome,
}

/// The root of the configuration tree.
#[derive(Debug, Clone)]
pub struct ConfigDir {
    root: PathBuf,
}

impl ConfigDir {
    /// `$DCOS_DIR` (made absolute against the working directory) or `~/.dcos`.
    pub fn from_env() -> Result<Self, ConfigError> {
        match std::env::var_os("DCOS_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                let root = if dir.is_absolute() {
                    dir
                } else {
                    std::env::current_dir()
                        .map_err(|source| ConfigError::Read {
                            path: dir.clone(),
                            source,
                        })?
                        .join(dir)
                };
                Ok(ConfigDir { root })
            }
            None => dirs::home_dir()
                .map(|h| ConfigDir {
                    root: h.join(".dcos"),
                })
                .ok_or(ConfigError::NoHome),
        }
    }

    pub fn at(root: impl Into<PathBuf>) -> Self {
        ConfigDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn clusters_dir(&self) -> PathBuf {
        self.root.join("clusters")
    }

    /// Every configured cluster, sorted by name then ID for stable listings.
    pub fn clusters(&self) -> Result<Vec<Cluster>, ConfigError> {
        let dir = self.clusters_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(ConfigError::Read { path: dir, source }),
        };
        let mut clusters = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| ConfigError::Read {
                path: dir.clone(),
                source,
            })?;
            let path = entry.path();
            let toml_path = path.join("dcos.toml");
            if !path.is_dir() || !toml_path.is_file() {
                continue;
            }
            let id = entry.file_name().to_string_lossy().into_owned();
            clusters.push(Cluster {
                id,
                attached: path.join("attached").is_file(),
                config: ClusterConfig::load(&toml_path)?,
                dir: path,
            });
        }
        clusters.sort_by(|a, b| (a.name(), &a.id).cmp(&(b.name(), &b.id)));
        Ok(clusters)
    }

    /// The deprecated single-file configuration of the 0.x CLI, if present.
    pub fn legacy_config(&self) -> Result<Option<ClusterConfig>, ConfigError> {
        let path = std::env::var_os("DCOS_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|| self.root.join("dcos.toml"));
        if path.is_file() {
            ClusterConfig::load(&path).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The current cluster, by the DC/OS CLI's rules: `DCOS_CLUSTER` (name or ID), else the only cluster,
    /// else the one with an `attached` marker.
    pub fn current(&self, selector: Option<&str>) -> Result<Cluster, ConfigError> {
        let clusters = self.clusters()?;
        if let Some(sel) = selector {
            return find(clusters, sel);
        }
        match clusters.len() {
            0 => Err(ConfigError::NoCluster),
            1 => Ok(clusters.into_iter().next().expect("one cluster")),
            _ => {
                let names = names(&clusters);
                let mut attached: Vec<Cluster> =
                    clusters.into_iter().filter(|c| c.attached).collect();
                match attached.len() {
                    0 => Err(ConfigError::NoneAttached(names)),
                    1 => Ok(attached.remove(0)),
                    _ => Err(ConfigError::MultipleAttached(self::names(&attached))),
                }
            }
        }
    }

    /// Finds a cluster by exact name or ID.
    pub fn find(&self, name_or_id: &str) -> Result<Cluster, ConfigError> {
        find(self.clusters()?, name_or_id)
    }

    /// Makes `cluster` the attached one: removes every other `attached` marker, then creates its own.
    pub fn attach(&self, cluster: &Cluster) -> Result<(), ConfigError> {
        for other in self.clusters()? {
            let marker = other.dir.join("attached");
            if other.id != cluster.id && marker.exists() {
                fs::remove_file(&marker).map_err(|source| ConfigError::Write {
                    path: marker,
                    source,
                })?;
            }
        }
        let marker = cluster.dir.join("attached");
        fs::write(&marker, b"").map_err(|source| ConfigError::Write {
            path: marker,
            source,
        })
    }

    /// Removes a cluster's directory (its config, CA bundle and installed plugins).
    pub fn remove(&self, cluster: &Cluster) -> Result<(), ConfigError> {
        fs::remove_dir_all(&cluster.dir).map_err(|source| ConfigError::Write {
            path: cluster.dir.clone(),
            source,
        })
    }

    /// Creates (or replaces) the configuration of cluster `id` and returns it. The directory is 0755 and the
    /// file 0600, as the DC/OS CLI makes them, because `dcos.toml` may hold a token.
    pub fn create(&self, id: &str, config: ClusterConfig) -> Result<Cluster, ConfigError> {
        let dir = self.clusters_dir().join(id);
        fs::create_dir_all(&dir).map_err(|source| ConfigError::Write {
            path: dir.clone(),
            source,
        })?;
        set_mode(&dir, 0o755).map_err(|source| ConfigError::Write {
            path: dir.clone(),
            source,
        })?;
        let path = dir.join("dcos.toml");
        let mut config = config;
        config.path = path;
        config.save()?;
        Ok(Cluster {
            id: id.to_string(),
            dir,
            attached: false,
            config,
        })
    }
}

fn names(clusters: &[Cluster]) -> String {
    clusters
        .iter()
        .map(|c| c.name().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn find(clusters: Vec<Cluster>, sel: &str) -> Result<Cluster, ConfigError> {
    if let Some(pos) = clusters.iter().position(|c| c.id == sel) {
        return Ok(clusters.into_iter().nth(pos).expect("found index"));
    }
    let mut by_name: Vec<Cluster> = clusters.into_iter().filter(|c| c.name() == sel).collect();
    match by_name.len() {
        0 => Err(ConfigError::UnknownCluster(sel.to_string())),
        1 => Ok(by_name.remove(0)),
        _ => Err(ConfigError::AmbiguousName {
            name: sel.to_string(),
            ids: by_name
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// One configured cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// The cluster ID from `/metadata` (the directory name).
    pub id: String,
    pub dir: PathBuf,
    pub attached: bool,
    pub config: ClusterConfig,
}

impl Cluster {
    /// `cluster.name`, or the ID when unnamed (as the DC/OS CLI shows it).
    pub fn name(&self) -> &str {
        self.config.get("cluster", "name").unwrap_or(&self.id)
    }
}

/// TLS verification as configured by `core.ssl_verify` or the plugin environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsMode {
    /// Verify against the system roots.
    Verify,
    /// Verify against this PEM bundle only.
    CaFile(PathBuf),
    /// Do not verify (the user turned it off explicitly).
    Insecure,
}

impl TlsMode {
    /// Parses a `core.ssl_verify` / `DCOS_SSL_VERIFY` value: a boolean in any Go `ParseBool` form, or a path.
    pub fn parse(raw: &str) -> TlsMode {
        match raw.trim() {
            "" => TlsMode::Verify,
            "1" | "t" | "T" | "TRUE" | "true" | "True" => TlsMode::Verify,
            "0" | "f" | "F" | "FALSE" | "false" | "False" => TlsMode::Insecure,
            path => TlsMode::CaFile(PathBuf::from(path)),
        }
    }

    /// The `core.ssl_verify` value that stores this mode.
    pub fn to_config_value(&self) -> String {
        match self {
            TlsMode::Verify => "true".into(),
            TlsMode::Insecure => "false".into(),
            TlsMode::CaFile(p) => p.display().to_string(),
        }
    }
}

/// The default request timeout of the DC/OS CLI (`core.timeout` unset).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(180);

/// One `dcos.toml`, with typed accessors for the keys pxfw uses and every other key preserved.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    path: PathBuf,
    doc: DocumentMut,
}

impl ClusterConfig {
    /// A new, empty configuration that will be written to `path` by [`ClusterConfig::save`].
    pub fn new(path: impl Into<PathBuf>) -> Self {
        ClusterConfig {
            path: path.into(),
            doc: DocumentMut::new(),
        }
    }

    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let doc = text
            .parse::<DocumentMut>()
            .map_err(|e| ConfigError::Parse {
                path: path.to_path_buf(),
                message: e.to_string().trim().to_string(),
            })?;
        Ok(ClusterConfig {
            path: path.to_path_buf(),
            doc,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A non-empty string value.
    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.doc
            .get(section)?
            .get(key)?
            .as_str()
            .filter(|s| !s.is_empty())
    }

    fn get_owned(&self, section: &str, key: &str) -> Option<String> {
        let item = self.doc.get(section)?.get(key)?;
        match item.as_value()? {
            toml_edit::Value::String(s) => Some(s.value().clone()),
            other => Some(other.to_string().trim().to_string()),
        }
    }

    pub fn set(&mut self, section: &str, key: &str, val: &str) {
        let table = self
            .doc
            .entry(section)
            .or_insert_with(|| Item::Table(Table::new()));
        if let Some(t) = table.as_table_like_mut() {
            t.insert(key, value(val));
        }
    }

    pub fn unset(&mut self, section: &str, key: &str) {
        if let Some(t) = self.doc.get_mut(section).and_then(Item::as_table_like_mut) {
            t.remove(key);
        }
    }

    /// `core.dcos_url` without its trailing slash.
    pub fn dcos_url(&self) -> Option<String> {
        self.get_owned("core", "dcos_url")
            .map(|u| u.trim_end_matches('/').to_string())
    }

    pub fn token(&self) -> Option<String> {
        self.get_owned("core", "dcos_acs_token")
            .filter(|t| !t.is_empty())
    }

    pub fn tls(&self) -> TlsMode {
        self.get_owned("core", "ssl_verify")
            .map(|v| TlsMode::parse(&v))
            .unwrap_or(TlsMode::Verify)
    }

    /// `core.timeout` in seconds; an unparsable value is reported rather than silently ignored.
    pub fn timeout(&self) -> Result<Duration, String> {
        match self.get_owned("core", "timeout") {
            None => Ok(DEFAULT_TIMEOUT),
            Some(raw) => parse_timeout_secs(&raw)
                .map_err(|e| format!("core.timeout in {}: {e}", self.path.display())),
        }
    }

    /// Writes the file atomically with mode 0600 (it may hold a token).
    pub fn save(&self) -> Result<(), ConfigError> {
        write_private(&self.path, self.doc.to_string().as_bytes())
    }
}

/// Parses a whole number of seconds (the unit of `core.timeout` and `DCOS_TIMEOUT`).
pub fn parse_timeout_secs(raw: &str) -> Result<Duration, String> {
    match raw.trim().parse::<u64>() {
        Ok(0) => {
            Err("a timeout of 0 seconds would fail every request; use a positive number".into())
        }
        Ok(n) => Ok(Duration::from_secs(n)),
        Err(_) => Err(format!("`{raw}` is not a whole number of seconds")),
    }
}

/// Writes `bytes` to `path` through a 0600 temporary file in the same directory and a rename, so readers see
/// either the old or the new content, never a mix, and the secret is never world-readable, not even briefly.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ConfigError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let err = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dcos.toml.")
        .tempfile_in(dir)
        .map_err(err)?;
    set_mode(tmp.path(), 0o600).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssl_verify_forms() {
        assert_eq!(TlsMode::parse("false"), TlsMode::Insecure);
        assert_eq!(TlsMode::parse("TRUE"), TlsMode::Verify);
        assert_eq!(TlsMode::parse(""), TlsMode::Verify);
        assert_eq!(
            TlsMode::parse("/x/ca.crt"),
            TlsMode::CaFile("/x/ca.crt".into())
        );
    }

    #[test]
    fn unknown_keys_survive_a_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dcos.toml");
        fs::write(
            &path,
            "# mine\n[core]\ndcos_url = \"http://a/\"\n[px-cassandra]\nservice_name = \"c1\"\n",
        )
        .unwrap();
        let mut c = ClusterConfig::load(&path).unwrap();
        c.set("core", "dcos_acs_token", "t");
        c.save().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("# mine"));
        assert!(text.contains("service_name = \"c1\""));
        assert_eq!(
            ClusterConfig::load(&path).unwrap().token().as_deref(),
            Some("t")
        );
        assert_eq!(c.dcos_url().as_deref(), Some("http://a"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn timeout_values() {
        assert_eq!(parse_timeout_secs("30").unwrap(), Duration::from_secs(30));
        assert!(parse_timeout_secs("0").is_err());
        assert!(parse_timeout_secs("soon").unwrap_err().contains("soon"));
    }
}
