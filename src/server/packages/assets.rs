//! Package assets as the embedded control plane uses them: where an asset really lives (operator mappings
//! for machines without internet), fetching it, and reading the service spec out of a scheduler artifact.
//!
//! On DC/OS the scheduler app fetches `resource.assets.uris.scheduler-zip`, unpacks it in its sandbox and
//! runs the command the Marathon app names with the svc.yml path as its argument. The embedded server does
//! the same without a JVM: it unpacks the zip with the `zip` crate, takes the svc.yml the app's `cmd` names
//! and the config templates beside it, and hands them to the engine.

use std::collections::BTreeMap;
use std::io::Read;
use std::str::FromStr;
use std::time::Duration;

use crate::spec::Env;

/// The largest artifact fetched (real scheduler zips are tens of MB).
pub const MAX_ASSET_BYTES: u64 = 512 * 1024 * 1024;
/// The asset key of a dcos-commons scheduler artifact.
pub const SCHEDULER_ZIP: &str = "scheduler-zip";

/// Why an asset could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error(
        "package {package} declares no `{asset}` asset (resource.assets.uris), so there is no scheduler to run"
    )]
    NotDeclared { package: String, asset: String },
    #[error("asset URL `{url}` is not a usable URL: {message}")]
    BadUrl { url: String, message: String },
    #[error(
        "cannot fetch asset {url}: {message}. On a machine without internet, map it to a local file or a mirror with `pxfw server --asset {asset}=file:///path/to/file`"
    )]
    Fetch {
        asset: String,
        url: String,
        message: String,
        status: Option<u16>,
    },
    #[error("asset {url} is larger than {MAX_ASSET_BYTES} bytes")]
    TooLarge { url: String },
    #[error("the scheduler artifact {url} is not a readable zip archive: {message}")]
    NotZip { url: String, message: String },
    #[error(
        "the scheduler artifact {url} has no {path}, which the app's cmd names as the service spec"
    )]
    SpecMissing { url: String, path: String },
    #[error("the app's cmd names no service spec (no argument ending in .yml or .yaml): {cmd:?}")]
    NoSpecInCmd { cmd: String },
    #[error("the scheduler artifact {url} has no config template {path} that the spec names")]
    TemplateMissing { url: String, path: String },
    #[error("{path} in the scheduler artifact is not UTF-8 text")]
    NotText { path: String },
    #[error("the service spec {path} of the scheduler artifact is not valid:\n{message}")]
    InvalidSpec { path: String, message: String },
}

impl AssetError {
    /// The file the error is about, for error data.
    pub fn file(&self) -> Option<&str> {
        match self {
            AssetError::SpecMissing { path, .. } | AssetError::TemplateMissing { path, .. } => {
                Some(path)
            }
            _ => None,
        }
    }
}

/// One `--asset NAME=URI` mapping.
///
/// * `scheduler-zip=URI` — that asset of every package;
/// * `PACKAGE/scheduler-zip=URI` — that asset of one package (wins over the former);
/// * `https://downloads.example.com/=http://mirror.local/` — a mirror: every asset URL starting with the
///   prefix is rewritten.
///
/// `URI` may be a plain path (made absolute, as a `file://` URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetMapping {
    Named {
        package: Option<String>,
        asset: String,
        uri: String,
    },
    Prefix {
        from: String,
        to: String,
    },
}

fn to_url(raw: &str) -> Result<String, String> {
    if raw.contains("://") {
        url::Url::parse(raw)
            .map(|u| u.to_string())
            .map_err(|e| format!("`{raw}` is not a valid URL: {e}"))
    } else {
        let abs = std::path::absolute(raw).map_err(|e| format!("`{raw}`: {e}"))?;
        url::Url::from_file_path(&abs)
            .map(|u| u.to_string())
            .map_err(|()| format!("`{raw}` cannot be written as a file:// URL"))
    }
}

impl FromStr for AssetMapping {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The first `=` separates: asset names and URL prefixes have none before it.
        let (name, uri) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}`: expected NAME=URI, e.g. scheduler-zip=/srv/s.zip"))?;
        let (name, uri) = (name.trim(), uri.trim());
        if name.is_empty() || uri.is_empty() {
            return Err(format!("`{s}`: both NAME and URI must be given"));
        }
        if name.contains("://") {
            return Ok(AssetMapping::Prefix {
                from: name.to_string(),
                to: uri.to_string(),
            });
        }
        let uri = to_url(uri)?;
        Ok(match name.split_once('/') {
            Some((pkg, asset)) if !pkg.is_empty() && !asset.is_empty() => AssetMapping::Named {
                package: Some(pkg.to_string()),
                asset: asset.to_string(),
                uri,
            },
            Some(_) => return Err(format!("`{s}`: expected PACKAGE/ASSET=URI")),
            None => AssetMapping::Named {
                package: None,
                asset: name.to_string(),
                uri,
            },
        })
    }
}

/// Resolves and fetches assets.
#[derive(Debug, Clone)]
pub struct AssetFetcher {
    mappings: Vec<AssetMapping>,
    client: reqwest::Client,
}

impl AssetFetcher {
    pub fn new(mappings: Vec<AssetMapping>) -> anyhow::Result<AssetFetcher> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()?;
        Ok(AssetFetcher { mappings, client })
    }

    /// Where asset `asset` of `package`, declared as `declared` in a package from repository `source`,
    /// is fetched from: an operator mapping if one applies, else the declared URL, resolved against the
    /// repository URI when it is relative (so a `file://` repository can ship its artifacts beside it).
    pub fn resolve(
        &self,
        package: &str,
        asset: &str,
        declared: &str,
        source: &str,
    ) -> Result<String, AssetError> {
        let named = |want_pkg: Option<&str>| {
            self.mappings.iter().find_map(|m| match m {
                AssetMapping::Named {
                    package: p,
                    asset: a,
                    uri,
                } if a == asset && p.as_deref() == want_pkg => Some(uri.clone()),
                _ => None,
            })
        };
        if let Some(uri) = named(Some(package)).or_else(|| named(None)) {
            return Ok(uri);
        }
        let absolute = match url::Url::parse(declared) {
            Ok(u) => u.to_string(),
            Err(url::ParseError::RelativeUrlWithoutBase) => url::Url::parse(source)
                .and_then(|base| base.join(declared))
                .map(|u| u.to_string())
                .map_err(|e| AssetError::BadUrl {
                    url: declared.to_string(),
                    message: format!("relative to the repository {source}: {e}"),
                })?,
            Err(e) => {
                return Err(AssetError::BadUrl {
                    url: declared.to_string(),
                    message: e.to_string(),
                });
            }
        };
        for m in &self.mappings {
            if let AssetMapping::Prefix { from, to } = m
                && let Some(rest) = absolute.strip_prefix(from.as_str())
            {
                return Ok(format!("{to}{rest}"));
            }
        }
        Ok(absolute)
    }

    /// Fetches an asset: `file://` from disk, `http(s)://` with a GET answered 200.
    pub async fn fetch(&self, asset: &str, url: &str) -> Result<Vec<u8>, AssetError> {
        let fail = |message: String, status: Option<u16>| AssetError::Fetch {
            asset: asset.to_string(),
            url: url.to_string(),
            message,
            status,
        };
        let parsed = url::Url::parse(url).map_err(|e| AssetError::BadUrl {
            url: url.to_string(),
            message: e.to_string(),
        })?;
        match parsed.scheme() {
            "file" => {
                let path = parsed
                    .to_file_path()
                    .map_err(|()| fail("not a local path".into(), None))?;
                let file = std::fs::File::open(&path).map_err(|e| fail(e.to_string(), None))?;
                let mut data = Vec::new();
                file.take(MAX_ASSET_BYTES + 1)
                    .read_to_end(&mut data)
                    .map_err(|e| fail(e.to_string(), None))?;
                if data.len() as u64 > MAX_ASSET_BYTES {
                    return Err(AssetError::TooLarge {
                        url: url.to_string(),
                    });
                }
                Ok(data)
            }
            "http" | "https" => {
                let resp = self
                    .client
                    .get(parsed)
                    .send()
                    .await
                    .map_err(|e| fail(e.to_string(), None))?;
                let status = resp.status();
                if status != reqwest::StatusCode::OK {
                    return Err(fail(
                        format!("the server answered HTTP {}", status.as_u16()),
                        Some(status.as_u16()),
                    ));
                }
                if resp.content_length().is_some_and(|n| n > MAX_ASSET_BYTES) {
                    return Err(AssetError::TooLarge {
                        url: url.to_string(),
                    });
                }
                let bytes = resp.bytes().await.map_err(|e| fail(e.to_string(), None))?;
                if bytes.len() as u64 > MAX_ASSET_BYTES {
                    return Err(AssetError::TooLarge {
                        url: url.to_string(),
                    });
                }
                Ok(bytes.to_vec())
            }
            other => Err(fail(
                format!("the `{other}` scheme is not supported; use http(s):// or file://"),
                None,
            )),
        }
    }
}

/// The svc.yml path a scheduler command names: its last argument ending in `.yml`/`.yaml`, relative to the
/// sandbox (`./x/svc.yml`, `$MESOS_SANDBOX/x/svc.yml` and `x/svc.yml` all mean `x/svc.yml`).
pub fn spec_path_from_cmd(cmd: &str) -> Option<String> {
    cmd.split(|c: char| c.is_whitespace() || c == ';' || c == '&' || c == '|')
        .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
        .rfind(|w| w.ends_with(".yml") || w.ends_with(".yaml"))
        .map(|w| {
            let w = w
                .strip_prefix("$MESOS_SANDBOX/")
                .or_else(|| w.strip_prefix("${MESOS_SANDBOX}/"))
                .unwrap_or(w);
            w.trim_start_matches("./").to_string()
        })
        .filter(|w| !w.is_empty() && !w.starts_with('/') && !w.split('/').any(|s| s == ".."))
}

/// Reads a package's service spec out of its scheduler artifact, as the scheduler app would run it: the
/// `scheduler-zip` asset (mapped or resolved against `source`), the svc.yml the app's `cmd` names, and the
/// config templates the spec names once templated with the app's `env`.
pub async fn scheduler_spec(
    assets: &AssetFetcher,
    package: &crate::universe::package::Package,
    source: &str,
    cmd: &str,
    env: &Env,
) -> Result<SchedulerTemplates, AssetError> {
    let declared = package
        .resource
        .as_ref()
        .and_then(|r| r.assets.as_ref())
        .and_then(|a| a.uris.as_ref())
        .and_then(|u| u.get(SCHEDULER_ZIP))
        .ok_or_else(|| AssetError::NotDeclared {
            package: package.name.clone(),
            asset: SCHEDULER_ZIP.into(),
        })?;
    let url = assets.resolve(&package.name, SCHEDULER_ZIP, declared, source)?;
    let spec_path = spec_path_from_cmd(cmd).ok_or_else(|| AssetError::NoSpecInCmd {
        cmd: cmd.to_string(),
    })?;
    let bytes = assets.fetch(SCHEDULER_ZIP, &url).await?;
    read_scheduler_zip(&url, &bytes, &spec_path, env)
}

/// What the engine needs to run a service from a scheduler artifact.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerTemplates {
    /// The svc.yml template text.
    pub spec: String,
    /// Config templates the spec (templated with the app's env) names, by path relative to the svc.yml.
    pub files: BTreeMap<String, String>,
}

/// Reads the svc.yml at `spec_path` and the config templates it names out of a scheduler zip. `env` is the
/// rendered app's environment, which decides template names such as `jvm_{{CASSANDRA_HEAP_GC}}.options`.
pub fn read_scheduler_zip(
    url: &str,
    zip_bytes: &[u8],
    spec_path: &str,
    env: &Env,
) -> Result<SchedulerTemplates, AssetError> {
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).map_err(|e| {
        AssetError::NotZip {
            url: url.to_string(),
            message: e.to_string(),
        }
    })?;
    let mut read_text = |path: &str| -> Result<Option<String>, AssetError> {
        let mut file = match archive.by_name(path) {
            Ok(f) => f,
            Err(::zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(AssetError::NotZip {
                    url: url.to_string(),
                    message: e.to_string(),
                });
            }
        };
        let mut data = Vec::new();
        (&mut file)
            .take(MAX_ASSET_BYTES)
            .read_to_end(&mut data)
            .map_err(|e| AssetError::NotZip {
                url: url.to_string(),
                message: e.to_string(),
            })?;
        String::from_utf8(data)
            .map(Some)
            .map_err(|_| AssetError::NotText {
                path: path.to_string(),
            })
    };
    let spec = read_text(spec_path)?.ok_or_else(|| AssetError::SpecMissing {
        url: url.to_string(),
        path: spec_path.to_string(),
    })?;
    let loaded = crate::spec::load(&spec, env).map_err(|e| AssetError::InvalidSpec {
        path: spec_path.to_string(),
        message: e.to_string(),
    })?;
    let dir = spec_path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let mut files = BTreeMap::new();
    for pod in loaded.spec.pods.values() {
        for task in pod.tasks.values() {
            for config in task.configs.values() {
                if files.contains_key(&config.template) {
                    continue;
                }
                let path = if dir.is_empty() {
                    config.template.clone()
                } else {
                    format!("{dir}/{}", config.template)
                };
                let text = read_text(&path)?.ok_or_else(|| AssetError::TemplateMissing {
                    url: url.to_string(),
                    path: path.clone(),
                })?;
                files.insert(config.template.clone(), text);
            }
        }
    }
    Ok(SchedulerTemplates { spec, files })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_parse() {
        assert_eq!(
            "scheduler-zip=file:///srv/s.zip"
                .parse::<AssetMapping>()
                .unwrap(),
            AssetMapping::Named {
                package: None,
                asset: "scheduler-zip".into(),
                uri: "file:///srv/s.zip".into()
            }
        );
        assert_eq!(
            "hello/scheduler-zip=/srv/s.zip"
                .parse::<AssetMapping>()
                .unwrap(),
            AssetMapping::Named {
                package: Some("hello".into()),
                asset: "scheduler-zip".into(),
                uri: "file:///srv/s.zip".into()
            }
        );
        assert_eq!(
            "https://dl.example.com/=http://mirror/"
                .parse::<AssetMapping>()
                .unwrap(),
            AssetMapping::Prefix {
                from: "https://dl.example.com/".into(),
                to: "http://mirror/".into()
            }
        );
        assert!("nothing".parse::<AssetMapping>().is_err());
        assert!("=x".parse::<AssetMapping>().is_err());
        assert!("/a=x".parse::<AssetMapping>().is_err());
    }

    #[test]
    fn resolution_order() {
        let a = AssetFetcher::new(vec![
            "scheduler-zip=file:///any.zip".parse().unwrap(),
            "hello/scheduler-zip=file:///hello.zip".parse().unwrap(),
            "https://dl.example.com/=http://mirror/".parse().unwrap(),
        ])
        .unwrap();
        let src = "file:///repo/repo.json";
        assert_eq!(
            a.resolve("hello", "scheduler-zip", "x", src).unwrap(),
            "file:///hello.zip"
        );
        assert_eq!(
            a.resolve("other", "scheduler-zip", "x", src).unwrap(),
            "file:///any.zip"
        );
        assert_eq!(
            a.resolve(
                "other",
                "bootstrap-zip",
                "https://dl.example.com/b/c.zip",
                src
            )
            .unwrap(),
            "http://mirror/b/c.zip"
        );
        assert_eq!(
            a.resolve("other", "bootstrap-zip", "artifacts/c.zip", src)
                .unwrap(),
            "file:///repo/artifacts/c.zip"
        );
    }

    #[test]
    fn spec_paths_from_commands() {
        let cassandra = "export A=1 && ./bootstrap -resolve=false && ./cassandra-scheduler/bin/cassandra ./cassandra-scheduler/svc.yml";
        assert_eq!(
            spec_path_from_cmd(cassandra).as_deref(),
            Some("cassandra-scheduler/svc.yml")
        );
        assert_eq!(
            spec_path_from_cmd("run $MESOS_SANDBOX/s/svc.yaml").as_deref(),
            Some("s/svc.yaml")
        );
        assert_eq!(
            spec_path_from_cmd("run \"x/svc.yml\";").as_deref(),
            Some("x/svc.yml")
        );
        assert_eq!(spec_path_from_cmd("run /etc/svc.yml"), None);
        assert_eq!(spec_path_from_cmd("run ../svc.yml"), None);
        assert_eq!(spec_path_from_cmd("run it"), None);
    }

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (p, t) in files {
            w.start_file(*p, ::zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(t.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const SPEC: &str = "name: {{SERVICE_NAME}}\npods:\n  p:\n    count: 1\n    tasks:\n      t:\n        goal: RUNNING\n        cmd: cat conf\n        cpus: 0.1\n        memory: 32\n        configs:\n          c:\n            template: conf-{{FLAVOUR}}.txt\n            dest: conf\n";

    #[test]
    fn reads_spec_and_named_templates() {
        let z = zip_of(&[
            ("s/svc.yml", SPEC),
            ("s/conf-a.txt", "A"),
            ("s/conf-b.txt", "B"),
        ]);
        let env = Env::from([
            ("SERVICE_NAME".into(), "x".into()),
            ("FLAVOUR".into(), "b".into()),
        ]);
        let got = read_scheduler_zip("u", &z, "s/svc.yml", &env).unwrap();
        assert_eq!(got.spec, SPEC);
        assert_eq!(
            got.files,
            BTreeMap::from([("conf-b.txt".to_string(), "B".to_string())])
        );

        let env_c = Env::from([
            ("SERVICE_NAME".into(), "x".into()),
            ("FLAVOUR".into(), "c".into()),
        ]);
        assert!(matches!(
            read_scheduler_zip("u", &z, "s/svc.yml", &env_c),
            Err(AssetError::TemplateMissing { .. })
        ));
        assert!(matches!(
            read_scheduler_zip("u", &z, "other/svc.yml", &env),
            Err(AssetError::SpecMissing { .. })
        ));
        assert!(matches!(
            read_scheduler_zip("u", b"not a zip", "s/svc.yml", &env),
            Err(AssetError::NotZip { .. })
        ));
    }
}
