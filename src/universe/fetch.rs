//! Getting repository bytes: `http(s)://` with the exact request Cosmos sends
//! (`universe-repo-format.md` §1.2–1.3), `file://` URIs and plain paths. Decoding is left to
//! [`super::repo`], so this module only moves bytes and headers.

use super::repo::{self, MEDIA_TYPE_V3, MEDIA_TYPE_V4, MEDIA_TYPE_V5, RepoError, Repository};
use std::path::Path;
use std::time::Duration;

/// Cosmos version pxfw presents itself as when fetching repositories.
pub const COSMOS_VERSION: &str = "0.6.3";

/// `Accept` sent for repositories: v5, v4, v3, comma-joined without spaces or q-values.
pub fn accept_header() -> String {
    [MEDIA_TYPE_V5, MEDIA_TYPE_V4, MEDIA_TYPE_V3].join(",")
}

/// `User-Agent` sent for repositories: `cosmos/<cosmos-version> dcos/<dcos-version>`. Universe
/// servers choose the repository file by the DC/OS version in it.
pub fn user_agent(dcos_version: &str) -> String {
    format!("cosmos/{COSMOS_VERSION} dcos/{dcos_version}")
}

/// How repositories are fetched over HTTP.
#[derive(Debug, Clone)]
pub struct RepoFetchOptions {
    /// See [`user_agent`].
    pub user_agent: String,
    /// Extra attempts after a 5xx answer or a transport error.
    pub retries: u32,
    /// Pause between attempts.
    pub retry_delay: Duration,
    /// Whole-request timeout.
    pub timeout: Duration,
}

impl Default for RepoFetchOptions {
    fn default() -> Self {
        RepoFetchOptions {
            user_agent: user_agent("1.13.0"),
            retries: 3,
            retry_delay: Duration::from_secs(1),
            timeout: Duration::from_secs(60),
        }
    }
}

/// Where a repository lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Http(url::Url),
    File(std::path::PathBuf),
}

impl Location {
    /// Classifies `http(s)://…`, `file://…` or a plain path; other schemes are refused.
    pub fn parse(location: &str) -> Result<Location, RepoError> {
        let unsupported = || RepoError::UnsupportedUri {
            uri: location.to_string(),
        };
        let lower = location.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return url::Url::parse(location)
                .map(Location::Http)
                .map_err(|_| unsupported());
        }
        if lower.starts_with("file://") {
            let url = url::Url::parse(location).map_err(|_| unsupported())?;
            return url
                .to_file_path()
                .map(Location::File)
                .map_err(|()| unsupported());
        }
        if location.contains("://") || location.is_empty() {
            return Err(unsupported());
        }
        Ok(Location::File(location.into()))
    }
}

/// Loads a repository from any supported location. A URI is kept exactly as given as the
/// repository URI (it becomes `DCOS_PACKAGE_SOURCE`); a plain path becomes a `file://` URL.
pub async fn load(location: &str, options: &RepoFetchOptions) -> Result<Repository, RepoError> {
    let mut repo = match Location::parse(location)? {
        Location::Http(url) => {
            let client = client(options)?;
            fetch(&client, &url, options).await?
        }
        Location::File(path) => read_file(&path)?,
    };
    if location.contains("://") {
        repo.uri = location.to_string();
    }
    Ok(repo)
}

/// Reads a repository file; its `file://` URL becomes the repository URI. The format is sniffed
/// (gzip, zip magic bytes, else JSON).
pub fn read_file(path: &Path) -> Result<Repository, RepoError> {
    let uri = std::path::absolute(path)
        .ok()
        .and_then(|abs| url::Url::from_file_path(abs).ok())
        .map_or_else(|| path.display().to_string(), |u| u.to_string());
    let body = std::fs::read(path).map_err(|source| RepoError::Io {
        uri: uri.clone(),
        source,
    })?;
    repo::decode_sniffed(&uri, &body)
}

/// An HTTP client for repositories: follows redirects only while the scheme stays the same
/// (Java's `HttpURLConnection` does not follow http<->https, which Cosmos reports as
/// `UnsupportedRedirect`).
pub fn client(options: &RepoFetchOptions) -> Result<reqwest::Client, RepoError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        let same_scheme = attempt
            .previous()
            .last()
            .is_none_or(|prev| prev.scheme() == attempt.url().scheme());
        if !same_scheme {
            attempt.stop()
        } else if attempt.previous().len() > 10 {
            attempt.error("more than 10 redirects")
        } else {
            attempt.follow()
        }
    });
    reqwest::Client::builder()
        .redirect(policy)
        .timeout(options.timeout)
        .build()
        .map_err(|e| RepoError::Http {
            uri: String::new(),
            message: e.to_string(),
        })
}

/// Fetches and decodes `url` with Cosmos' headers, retrying 5xx answers and transport errors.
pub async fn fetch(
    client: &reqwest::Client,
    url: &url::Url,
    options: &RepoFetchOptions,
) -> Result<Repository, RepoError> {
    let uri = url.to_string();
    let mut attempt = 0;
    loop {
        let result = fetch_once(client, url, &uri, options).await;
        let retryable = matches!(
            &result,
            Err(RepoError::Http { .. })
                | Err(RepoError::HttpStatus {
                    status: 500..=599,
                    ..
                })
        );
        if !retryable || attempt >= options.retries {
            return result;
        }
        attempt += 1;
        tokio::time::sleep(options.retry_delay).await;
    }
}

async fn fetch_once(
    client: &reqwest::Client,
    url: &url::Url,
    uri: &str,
    options: &RepoFetchOptions,
) -> Result<Repository, RepoError> {
    use reqwest::header::{
        ACCEPT, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, LOCATION, USER_AGENT,
    };
    let http_err = |e: reqwest::Error| RepoError::Http {
        uri: uri.to_string(),
        message: e.to_string(),
    };
    let response = client
        .get(url.as_str())
        .header(ACCEPT, accept_header())
        .header(ACCEPT_ENCODING, "gzip")
        .header(USER_AGENT, &options.user_agent)
        .send()
        .await
        .map_err(http_err)?;
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        return Err(RepoError::UnsupportedRedirect {
            uri: uri.to_string(),
            location,
        });
    }
    if status != reqwest::StatusCode::OK {
        return Err(RepoError::HttpStatus {
            uri: uri.to_string(),
            status: status.as_u16(),
        });
    }
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(CONTENT_TYPE);
    let content_encoding = header(CONTENT_ENCODING);
    let body = response.bytes().await.map_err(http_err)?;
    repo::decode_response(
        uri,
        &body,
        content_type.as_deref(),
        content_encoding.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert!(matches!(
            Location::parse("https://x.invalid/repo").unwrap(),
            Location::Http(_)
        ));
        assert_eq!(
            Location::parse("file:///tmp/r.zip").unwrap(),
            Location::File("/tmp/r.zip".into())
        );
        assert_eq!(
            Location::parse("./r.json").unwrap(),
            Location::File("./r.json".into())
        );
        assert!(matches!(
            Location::parse("ftp://x/r"),
            Err(RepoError::UnsupportedUri { .. })
        ));
        assert!(matches!(
            Location::parse(""),
            Err(RepoError::UnsupportedUri { .. })
        ));
    }

    #[test]
    fn headers_are_cosmos_ones() {
        assert_eq!(
            accept_header(),
            "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5,application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4,application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3"
        );
        assert_eq!(user_agent("1.13.0"), "cosmos/0.6.3 dcos/1.13.0");
    }
}
