//! Fetching a task's `uris` into its sandbox, the way the Mesos fetcher does for SDK tasks: the
//! file keeps the last segment of the URI's path as its name, and `.tar.gz`/`.tgz`/`.tar`/`.zip`
//! archives are also unpacked into the sandbox (the archive itself stays, as with Mesos).
//!
//! Supported schemes: `http`, `https` and `file`. Bodies are streamed to disk, never held in
//! memory, because artifacts such as a Cassandra tarball are hundreds of megabytes.

use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// How URIs are fetched.
#[derive(Debug, Clone)]
pub struct UriFetchOptions {
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Time for one whole download.
    pub timeout: Duration,
}

impl Default for UriFetchOptions {
    fn default() -> Self {
        UriFetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(600),
        }
    }
}

/// Why a URI could not be fetched or unpacked. Every variant names the URI.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not a URL, or a scheme other than http, https and file.
    #[error("uri `{uri}`: {reason}; use an http://, https:// or file:// URI")]
    Unsupported { uri: String, reason: String },
    /// The URI's path has no file name to store the download under.
    #[error("uri `{uri}` has no file name in its path; point it at a file")]
    NoFileName { uri: String },
    /// The HTTP client itself could not be built (TLS setup).
    #[error("cannot set up the HTTP client for fetching URIs: {0}")]
    Client(String),
    /// Connection, TLS or transfer failure.
    #[error("uri `{uri}`: cannot download: {message}")]
    Transport { uri: String, message: String },
    /// The server answered with a non-success status.
    #[error("uri `{uri}`: the server answered HTTP {status}")]
    Status { uri: String, status: u16 },
    /// A `file://` source that cannot be read, or a sandbox file that cannot be written.
    #[error("uri `{uri}`: {action} {}: {source}", path.display())]
    Io {
        uri: String,
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The download is named like an archive but does not unpack.
    #[error("uri `{uri}`: {kind} archive {} does not unpack: {message}", path.display())]
    Archive {
        uri: String,
        kind: ArchiveKind,
        path: PathBuf,
        message: String,
    },
}

/// Archive formats that are unpacked after download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    TarGz,
    Tar,
    Zip,
}

impl std::fmt::Display for ArchiveKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ArchiveKind::TarGz => "tar.gz",
            ArchiveKind::Tar => "tar",
            ArchiveKind::Zip => "zip",
        })
    }
}

impl ArchiveKind {
    /// The archive kind a file name announces, by extension (case-insensitive), as the Mesos
    /// fetcher decides.
    pub fn from_file_name(name: &str) -> Option<ArchiveKind> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tar.gz") || lower.ends_with(".tgz") {
            Some(ArchiveKind::TarGz)
        } else if lower.ends_with(".tar") {
            Some(ArchiveKind::Tar)
        } else if lower.ends_with(".zip") {
            Some(ArchiveKind::Zip)
        } else {
            None
        }
    }
}

/// Downloads URIs into sandboxes. Cheap to clone; one per executor so connections are reused.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
}

impl Fetcher {
    /// Builds the HTTP client (rustls with the process-wide crypto provider).
    pub fn new(options: &UriFetchOptions) -> Result<Fetcher, FetchError> {
        crate::cluster::http::install_crypto_provider();
        let client = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .user_agent(concat!("pxfw-agent/", env!("CARGO_PKG_VERSION")))
            .tls_backend_rustls()
            .build()
            .map_err(|e| FetchError::Client(error_chain(&e)))?;
        Ok(Fetcher { client })
    }

    /// Fetches every URI into `sandbox` in order, stopping at the first failure. Returns the
    /// downloaded files.
    pub async fn fetch_all(
        &self,
        uris: &[String],
        sandbox: &Path,
    ) -> Result<Vec<PathBuf>, FetchError> {
        let mut files = Vec::with_capacity(uris.len());
        for uri in uris {
            files.push(self.fetch(uri, sandbox).await?);
        }
        Ok(files)
    }

    /// Fetches one URI into `sandbox` under its file name and unpacks it if it is an archive.
    pub async fn fetch(&self, uri: &str, sandbox: &Path) -> Result<PathBuf, FetchError> {
        let url = url::Url::parse(uri).map_err(|e| FetchError::Unsupported {
            uri: uri.to_string(),
            reason: format!("not a URL ({e})"),
        })?;
        let name = file_name(&url).ok_or_else(|| FetchError::NoFileName {
            uri: uri.to_string(),
        })?;
        let dest = sandbox.join(&name);
        match url.scheme() {
            "http" | "https" => self.download(uri, &url, &dest).await?,
            "file" => {
                let source = url.to_file_path().map_err(|()| FetchError::Unsupported {
                    uri: uri.to_string(),
                    reason: "a file:// URI must name an absolute local path".to_string(),
                })?;
                tokio::fs::copy(&source, &dest).await.map_err(io_err(
                    uri,
                    "cannot copy",
                    &source,
                ))?;
            }
            other => {
                return Err(FetchError::Unsupported {
                    uri: uri.to_string(),
                    reason: format!("scheme `{other}` is not supported"),
                });
            }
        }
        if let Some(kind) = ArchiveKind::from_file_name(&name) {
            let (archive, into, uri_owned) = (dest.clone(), sandbox.to_path_buf(), uri.to_string());
            tokio::task::spawn_blocking(move || unpack(&uri_owned, kind, &archive, &into))
                .await
                .map_err(|e| FetchError::Archive {
                    uri: uri.to_string(),
                    kind,
                    path: dest.clone(),
                    message: format!("the unpacking thread failed: {e}"),
                })??;
        }
        Ok(dest)
    }

    async fn download(&self, uri: &str, url: &url::Url, dest: &Path) -> Result<(), FetchError> {
        let transport = |e: reqwest::Error| FetchError::Transport {
            uri: uri.to_string(),
            message: error_chain(&e),
        };
        let mut response = self
            .client
            .get(url.as_str())
            .send()
            .await
            .map_err(transport)?;
        if !response.status().is_success() {
            return Err(FetchError::Status {
                uri: uri.to_string(),
                status: response.status().as_u16(),
            });
        }
        let mut file =
            tokio::fs::File::create(dest)
                .await
                .map_err(io_err(uri, "cannot create", dest))?;
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            file.write_all(&chunk)
                .await
                .map_err(io_err(uri, "cannot write", dest))?;
        }
        file.flush()
            .await
            .map_err(io_err(uri, "cannot write", dest))
    }
}

/// The last non-empty segment of the URL's path, as written (the Mesos fetcher takes the
/// basename of the URI without decoding it, so `%20` stays in the file name).
fn file_name(url: &url::Url) -> Option<String> {
    let segment = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    (segment != "." && segment != "..").then(|| segment.to_string())
}

/// Unpacks `archive` into `into`. Both crates refuse entries that would land outside `into`
/// (absolute paths, `..`, links pointing out), so a hostile archive cannot escape the sandbox.
fn unpack(uri: &str, kind: ArchiveKind, archive: &Path, into: &Path) -> Result<(), FetchError> {
    let fail = |message: String| FetchError::Archive {
        uri: uri.to_string(),
        kind,
        path: archive.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(archive).map_err(io_err(uri, "cannot open", archive))?;
    let reader = std::io::BufReader::new(file);
    match kind {
        ArchiveKind::TarGz => tar::Archive::new(flate2::read::GzDecoder::new(reader))
            .unpack(into)
            .map_err(|e| fail(error_chain(&e))),
        ArchiveKind::Tar => tar::Archive::new(reader)
            .unpack(into)
            .map_err(|e| fail(error_chain(&e))),
        ArchiveKind::Zip => zip::ZipArchive::new(reader)
            .and_then(|mut zip| zip.extract(into))
            .map_err(|e| fail(e.to_string())),
    }
}

fn io_err<'a>(
    uri: &'a str,
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> FetchError + 'a {
    move |source| FetchError::Io {
        uri: uri.to_string(),
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// An error and its sources joined with `: `, so "connection refused" is not lost behind
/// "error sending request".
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        let part = inner.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_the_uri_path() {
        let name = |u: &str| file_name(&url::Url::parse(u).unwrap());
        assert_eq!(
            name("https://h/a/b/apache-cassandra-3.11.tar.gz?x=1").as_deref(),
            Some("apache-cassandra-3.11.tar.gz")
        );
        assert_eq!(name("http://h/dir/").as_deref(), Some("dir"));
        assert_eq!(
            name("file:///tmp/my%20file.zip").as_deref(),
            Some("my%20file.zip")
        );
        assert_eq!(name("http://h/"), None);
    }

    #[test]
    fn archive_kinds_by_extension() {
        assert_eq!(
            ArchiveKind::from_file_name("x.TGZ"),
            Some(ArchiveKind::TarGz)
        );
        assert_eq!(ArchiveKind::from_file_name("x.tar"), Some(ArchiveKind::Tar));
        assert_eq!(ArchiveKind::from_file_name("x.zip"), Some(ArchiveKind::Zip));
        assert_eq!(ArchiveKind::from_file_name("x.jar"), None);
    }
}
