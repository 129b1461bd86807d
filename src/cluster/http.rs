//! The one HTTP client every cluster call goes through.
//!
//! It owns the cross-cutting rules so typed clients (Cosmos, Marathon, the SDK scheduler, Mesos) don't repeat
//! them: the `Authorization: token=<jwt>` header, TLS verification as configured, timeouts, retries with
//! backoff, one silent re-login on 401 where service-account credentials exist, and `-v` logging of method,
//! URL, status and timing. Tokens and request bodies are never logged.
//!
//! Retries: a request that could not even *connect* was never seen by the server, so it is retried whatever
//! its method; a request that failed after it was sent (reset, timeout) is retried only when it is idempotent.
//! HTTP statuses are never retried here: what a 4xx/5xx means is for the typed client to decide.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::config::TlsMode;

/// How many times a retryable failure is tried in all.
const ATTEMPTS: u32 = 3;
/// First backoff; doubled after each failed attempt.
const BACKOFF: Duration = Duration::from_millis(250);
/// The DC/OS CLI's dial and TLS-handshake timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A failure to get an HTTP answer, or an answer that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error(
        "cannot connect to {url}: {detail}\nCheck that the cluster URL is right and reachable (`pxfw cluster list`)."
    )]
    Connect { url: String, detail: String },
    #[error(
        "TLS verification of {url} failed: {detail}\nGive the cluster's CA bundle with `pxfw cluster setup URL --ca-cert FILE` (or set core.ssl_verify to its path); use --insecure only on a network you trust."
    )]
    Tls { url: String, detail: String },
    #[error(
        "{method} {url} timed out after {secs} s\nRaise core.timeout (or DCOS_TIMEOUT) if the cluster is just slow, else check that it is healthy."
    )]
    Timeout {
        method: String,
        url: String,
        secs: u64,
    },
    #[error("{method} {url} failed: {detail}")]
    Transport {
        method: String,
        url: String,
        detail: String,
    },
    #[error("the cluster refused the credentials (401 from {url}); run `pxfw auth login`")]
    Unauthorized { url: String },
    #[error(
        "not allowed: 403 from {url}{detail}\nAsk an administrator for the permission, or log in as another user with `pxfw auth login`."
    )]
    Forbidden { url: String, detail: String },
    #[error("malformed reply from {url} (HTTP {status}): {detail}; body starts with: {snippet}")]
    Malformed {
        url: String,
        status: u16,
        detail: String,
        snippet: String,
    },
    #[error("invalid request to {path}: {detail}")]
    BadRequest { path: String, detail: String },
    #[error("cannot set up the HTTP client: {0}")]
    Setup(String),
}

/// What to send. Paths are relative to the cluster URL (`/package/describe`); an absolute `http(s)://` URL
/// is used as it is (for a separately configured Cosmos or Marathon URL).
#[derive(Debug, Clone)]
pub struct Req {
    method: reqwest::Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    /// Send the token.
    authenticated: bool,
    /// Map 401/403 to errors (and re-login on 401); off when the caller interprets them itself.
    check_auth: bool,
    idempotent: bool,
    /// Tried once, even when the connection is refused.
    once: bool,
    timeout: Option<Duration>,
}

impl Req {
    fn new(method: reqwest::Method, path: impl Into<String>) -> Self {
        let idempotent = matches!(
            method,
            reqwest::Method::GET
                | reqwest::Method::HEAD
                | reqwest::Method::PUT
                | reqwest::Method::DELETE
        );
        Req {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            authenticated: true,
            check_auth: true,
            idempotent,
            once: false,
            timeout: None,
        }
    }
    pub fn get(path: impl Into<String>) -> Self {
        Req::new(reqwest::Method::GET, path)
    }
    pub fn head(path: impl Into<String>) -> Self {
        Req::new(reqwest::Method::HEAD, path)
    }
    pub fn post(path: impl Into<String>) -> Self {
        Req::new(reqwest::Method::POST, path)
    }
    pub fn put(path: impl Into<String>) -> Self {
        Req::new(reqwest::Method::PUT, path)
    }
    pub fn delete(path: impl Into<String>) -> Self {
        Req::new(reqwest::Method::DELETE, path)
    }
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }
    pub fn header(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((key.into(), value.into()));
        self
    }
    /// A JSON body with `Content-Type: application/json` (unless a content type was already set).
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Self {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        self.body(bytes, "application/json")
    }
    /// A raw body; the content type is added unless one was already set with [`Req::header`].
    pub fn body(mut self, bytes: Vec<u8>, content_type: &str) -> Self {
        if !self
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            self.headers
                .push(("Content-Type".into(), content_type.into()));
        }
        self.body = Some(bytes);
        self
    }
    /// Sends no token and leaves a 401 to the caller (login itself, auth probes).
    pub fn anonymous(mut self) -> Self {
        self.authenticated = false;
        self.check_auth = false;
        self
    }
    /// Sends the token but leaves 401/403 to the caller (token validity checks).
    pub fn anonymous_with_token(mut self) -> Self {
        self.check_auth = false;
        self
    }
    /// Marks a POST as safe to repeat (e.g. a read-only Cosmos query).
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }
    /// No retries, not even of a refused connection: for callers on their own schedule (the agent's
    /// heartbeat tries again at the next interval; a retry back-off could push it past its lease).
    pub fn once(mut self) -> Self {
        self.once = true;
        self
    }
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    pub fn method(&self) -> &str {
        self.method.as_str()
    }
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A complete, buffered answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub url: String,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first 200 characters of the body on one line, for error messages.
    pub fn snippet(&self) -> String {
        let text = self.text();
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.is_empty() {
            "(empty body)".into()
        } else if one_line.chars().count() > 200 {
            format!("{}…", one_line.chars().take(200).collect::<String>())
        } else {
            one_line
        }
    }

    /// Decodes the body as JSON into `T`, or says exactly which reply was malformed and how.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, HttpError> {
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let detail = if path == "." || path.is_empty() {
                inner.to_string()
            } else {
                format!("at `{path}`: {inner}")
            };
            self.malformed(detail)
        })
    }

    /// The error for a reply that does not have the expected shape.
    pub fn malformed(&self, detail: impl Into<String>) -> HttpError {
        HttpError::Malformed {
            url: self.url.clone(),
            status: self.status,
            detail: detail.into(),
            snippet: self.snippet(),
        }
    }
}

/// Re-acquires a token after a 401, when credentials that need no human are configured.
pub type Relogin = Arc<
    dyn Fn(HttpClient) -> std::pin::Pin<Box<dyn Future<Output = anyhow::Result<String>> + Send>>
        + Send
        + Sync,
>;

/// Called with each new token obtained by a silent re-login so it can be persisted.
pub type TokenSink = Arc<dyn Fn(&str) + Send + Sync>;

/// How to reach one cluster.
#[derive(Clone)]
pub struct ClientConfig {
    pub base: Url,
    pub tls: TlsMode,
    pub timeout: Duration,
    pub token: Option<String>,
    pub relogin: Option<Relogin>,
    pub token_sink: Option<TokenSink>,
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is deliberately absent: Debug output ends up in logs.
        f.debug_struct("ClientConfig")
            .field("base", &self.base.as_str())
            .field("tls", &self.tls)
            .field("timeout", &self.timeout)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .finish()
    }
}

struct Shared {
    client: reqwest::Client,
    base: Url,
    timeout: Duration,
    token: Mutex<Option<String>>,
    relogin: Option<Relogin>,
    token_sink: Option<TokenSink>,
}

/// A client bound to one cluster. Cheap to clone.
#[derive(Clone)]
pub struct HttpClient {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("base", &self.shared.base.as_str())
            .finish()
    }
}

/// Installs the process-wide rustls crypto provider once (reqwest is built without a default one).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl HttpClient {
    pub fn new(config: ClientConfig) -> Result<Self, HttpError> {
        install_crypto_provider();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("pxfw/", env!("CARGO_PKG_VERSION")))
            .tls_backend_rustls();
        match &config.tls {
            TlsMode::Verify => {}
            TlsMode::Insecure => builder = builder.tls_danger_accept_invalid_certs(true),
            TlsMode::CaFile(path) => {
                let pem = std::fs::read(path).map_err(|e| {
                    HttpError::Setup(format!("cannot read the CA bundle {}: {e}", path.display()))
                })?;
                let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                    HttpError::Setup(format!("{} is not a PEM CA bundle: {e}", path.display()))
                })?;
                if certs.is_empty() {
                    return Err(HttpError::Setup(format!(
                        "{} holds no PEM certificate",
                        path.display()
                    )));
                }
                builder = builder.tls_certs_only(certs);
            }
        }
        let client = builder
            .build()
            .map_err(|e| HttpError::Setup(e.to_string()))?;
        Ok(HttpClient {
            shared: Arc::new(Shared {
                client,
                base: config.base,
                timeout: config.timeout,
                token: Mutex::new(config.token.filter(|t| !t.is_empty())),
                relogin: config.relogin,
                token_sink: config.token_sink,
            }),
        })
    }

    /// The cluster URL (no trailing slash).
    pub fn base(&self) -> &Url {
        &self.shared.base
    }

    pub fn has_token(&self) -> bool {
        self.token().is_some()
    }

    fn token(&self) -> Option<String> {
        self.shared.token.lock().ok().and_then(|t| t.clone())
    }

    fn set_token(&self, token: &str) {
        if let Ok(mut t) = self.shared.token.lock() {
            *t = Some(token.to_string());
        }
    }

    /// The absolute URL a request goes to.
    pub fn url_for(&self, req: &Req) -> Result<Url, HttpError> {
        let bad = |detail: String| HttpError::BadRequest {
            path: req.path.clone(),
            detail,
        };
        let mut url = if req.path.starts_with("http://") || req.path.starts_with("https://") {
            Url::parse(&req.path).map_err(|e| bad(e.to_string()))?
        } else {
            let base = self.shared.base.as_str().trim_end_matches('/');
            let path = if req.path.starts_with('/') {
                req.path.clone()
            } else {
                format!("/{}", req.path)
            };
            Url::parse(&format!("{base}{path}")).map_err(|e| bad(e.to_string()))?
        };
        if !req.query.is_empty() {
            url.query_pairs_mut().extend_pairs(req.query.iter());
        }
        Ok(url)
    }

    /// Sends a request and returns the buffered answer, whatever its status (except 401/403, which become
    /// errors for authenticated requests).
    pub async fn send(&self, req: Req) -> Result<Response, HttpError> {
        let resp = self.send_once_with_retries(&req).await?;
        if resp.status == 401
            && req.check_auth
            && let Some(relogin) = &self.shared.relogin
        {
            tracing::info!(
                "401 from {}; logging in again with the configured service account",
                resp.url
            );
            match relogin(self.clone()).await {
                Ok(token) => {
                    self.set_token(&token);
                    if let Some(sink) = &self.shared.token_sink {
                        sink(&token);
                    }
                    let again = self.send_once_with_retries(&req).await?;
                    return self.check_auth(again, &req);
                }
                Err(e) => tracing::warn!("silent re-login failed: {e:#}"),
            }
        }
        self.check_auth(resp, &req)
    }

    fn check_auth(&self, resp: Response, req: &Req) -> Result<Response, HttpError> {
        if !req.check_auth {
            return Ok(resp);
        }
        match resp.status {
            401 => Err(HttpError::Unauthorized { url: resp.url }),
            403 => {
                let detail = error_text(&resp)
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default();
                Err(HttpError::Forbidden {
                    url: resp.url,
                    detail,
                })
            }
            _ => Ok(resp),
        }
    }

    async fn send_once_with_retries(&self, req: &Req) -> Result<Response, HttpError> {
        let url = self.url_for(req)?;
        let mut backoff = BACKOFF;
        let mut attempt = 1;
        loop {
            let started = Instant::now();
            match self.send_once(req, &url).await {
                Ok(resp) => {
                    tracing::info!(
                        "{} {} -> {} ({} ms)",
                        req.method,
                        url,
                        resp.status,
                        started.elapsed().as_millis()
                    );
                    return Ok(resp);
                }
                Err(err) => {
                    let retryable = err.is_connect()
                        || (req.idempotent && (err.is_timeout() || err.is_request()));
                    tracing::info!(
                        "{} {} -> error after {} ms (attempt {attempt}/{ATTEMPTS}): {}",
                        req.method,
                        url,
                        started.elapsed().as_millis(),
                        root_cause(&err)
                    );
                    if !retryable || req.once || attempt >= ATTEMPTS {
                        return Err(self.classify(req, &url, err));
                    }
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                    attempt += 1;
                }
            }
        }
    }

    async fn send_once(&self, req: &Req, url: &Url) -> Result<Response, reqwest::Error> {
        let mut headers = HeaderMap::new();
        for (k, v) in &req.headers {
            if let (Ok(name), Ok(value)) =
                (HeaderName::try_from(k.as_str()), HeaderValue::from_str(v))
            {
                headers.append(name, value);
            }
        }
        if req.authenticated
            && let Some(token) = self.token()
            && let Ok(mut value) = HeaderValue::from_str(&format!("token={token}"))
        {
            value.set_sensitive(true);
            headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        let mut builder = self
            .shared
            .client
            .request(req.method.clone(), url.clone())
            .headers(headers)
            .timeout(req.timeout.unwrap_or(self.shared.timeout));
        if let Some(body) = &req.body {
            builder = builder.body(body.clone());
        }
        let resp = builder.send().await?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let final_url = resp.url().to_string();
        let body = resp.bytes().await?.to_vec();
        Ok(Response {
            status,
            headers,
            body,
            url: final_url,
        })
    }

    fn classify(&self, req: &Req, url: &Url, err: reqwest::Error) -> HttpError {
        let url_s = url.to_string();
        let detail = root_cause(&err);
        if is_tls_error(&err) {
            return HttpError::Tls { url: url_s, detail };
        }
        if err.is_timeout() {
            return HttpError::Timeout {
                method: req.method.to_string(),
                url: url_s,
                secs: req.timeout.unwrap_or(self.shared.timeout).as_secs(),
            };
        }
        if err.is_connect() {
            return HttpError::Connect { url: url_s, detail };
        }
        HttpError::Transport {
            method: req.method.to_string(),
            url: url_s,
            detail,
        }
    }
}

/// The innermost cause of an error, which is the part that says what actually happened.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &(dyn std::error::Error + 'static) = err;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

fn is_tls_error(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if e.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        // hyper reports rustls failures inside an io::Error whose payload is the rustls error.
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
        {
            return true;
        }
        let text = e.to_string().to_ascii_lowercase();
        if [
            "certificate",
            "invalid peer",
            "handshake",
            "corrupt message",
            "tls",
            "alert",
        ]
        .iter()
        .any(|k| text.contains(k))
        {
            return true;
        }
        cur = e.source();
    }
    false
}

/// The human message inside a JSON error body, whatever the component's error shape (Cosmos `message`,
/// IAM `description`, Marathon `message`).
pub fn error_text(resp: &Response) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&resp.body).ok()?;
    ["description", "message", "title"]
        .iter()
        .find_map(|k| v.get(*k).and_then(|m| m.as_str()).map(str::to_string))
}

/// A one-line explanation for a status that is not part of a component's own contract (Admin Router's
/// 404/502/503, an HTML error page, …).
pub fn unexpected_status(resp: &Response, what: &str) -> anyhow::Error {
    let hint = match resp.status {
        404 => {
            "the endpoint does not exist here: is this a DC/OS cluster or a pxfw server, and is the name right?"
        }
        502 | 504 => {
            "the component behind the gateway did not answer; it may be starting or down: retry later"
        }
        503 => "the component is unavailable right now; retry later",
        500..=599 => "the server failed; see its logs",
        _ => "unexpected answer",
    };
    let detail = error_text(resp).unwrap_or_else(|| resp.snippet());
    anyhow::anyhow!(
        "{what}: HTTP {} from {}: {detail}\n{hint}",
        resp.status,
        resp.url
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> HttpClient {
        HttpClient::new(ClientConfig {
            base: Url::parse(base).unwrap(),
            tls: TlsMode::Verify,
            timeout: Duration::from_secs(5),
            token: Some("secret".into()),
            relogin: None,
            token_sink: None,
        })
        .unwrap()
    }

    #[test]
    fn urls_join_base_path_and_query() {
        let c = client("https://dcos.example.com");
        let u = c
            .url_for(&Req::get("/marathon/v2/apps").query("label", "A==b c"))
            .unwrap();
        assert_eq!(
            u.as_str(),
            "https://dcos.example.com/marathon/v2/apps?label=A%3D%3Db+c"
        );
        let u = c
            .url_for(&Req::get("https://cosmos.example/service/describe"))
            .unwrap();
        assert_eq!(u.as_str(), "https://cosmos.example/service/describe");
    }

    #[test]
    fn debug_output_hides_the_token() {
        let cfg = ClientConfig {
            base: Url::parse("http://x").unwrap(),
            tls: TlsMode::Verify,
            timeout: Duration::from_secs(1),
            token: Some("very-secret-token".into()),
            relogin: None,
            token_sink: None,
        };
        assert!(!format!("{cfg:?}").contains("very-secret-token"));
    }

    #[test]
    fn malformed_json_names_the_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: Vec<u32>,
        }
        let r = Response {
            status: 200,
            headers: HeaderMap::new(),
            body: br#"{"a":[1,"x"]}"#.to_vec(),
            url: "http://h/p".into(),
        };
        let e = r.json::<T>().unwrap_err().to_string();
        assert!(e.contains("http://h/p") && e.contains("a[1]"), "{e}");
    }
}
