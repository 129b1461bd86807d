//! A recording reverse proxy on 127.0.0.1: forwards every request unchanged to an upstream (a real
//! `pxfw server`) and keeps a copy of each request as [`Seen`], so the request assertions written for the
//! scripted mock can be checked against the traffic a real server accepted.

use super::http_thread::ServerThread;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;

use super::mock::Seen;

/// Headers that describe one hop's framing, not the request; the forwarding client sets its own.
const HOP_HEADERS: [&str; 5] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
];

/// The running proxy; stops when dropped.
pub struct RecordingProxy {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    _server: ServerThread,
}

impl RecordingProxy {
    /// Starts a proxy in front of `upstream` (`http://host:port`).
    pub fn start(upstream: &str) -> RecordingProxy {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let upstream = upstream.trim_end_matches('/').to_string();
        let record = seen.clone();
        let server = ServerThread::start(move || {
            let client = reqwest::Client::new();
            axum::Router::new().fallback(move |req: Request<Body>| {
                forward(client.clone(), upstream.clone(), record.clone(), req)
            })
        });
        let addr = server.addr;
        RecordingProxy {
            addr,
            seen,
            _server: server,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests forwarded since the last call, oldest first.
    pub fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

async fn forward(
    client: reqwest::Client,
    upstream: String,
    record: Arc<Mutex<Vec<Seen>>>,
    req: Request<Body>,
) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    record.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts
            .uri
            .query()
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default(),
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    let mut out = client.request(parts.method.clone(), format!("{upstream}{path_and_query}"));
    for (name, value) in &parts.headers {
        if !HOP_HEADERS.contains(&name.as_str()) {
            out = out.header(name, value);
        }
    }
    match out.body(body).send().await {
        Ok(resp) => {
            let mut builder = Response::builder().status(resp.status());
            for (name, value) in resp.headers() {
                if !HOP_HEADERS.contains(&name.as_str()) {
                    builder = builder.header(name, value);
                }
            }
            let bytes = resp.bytes().await.unwrap_or_default();
            builder.body(Body::from(bytes)).expect("response")
        }
        Err(e) => Response::builder()
            .status(StatusCode::BAD_GATEWAY)
            .header("content-type", "text/plain")
            .body(Body::from(format!("recording proxy: upstream failed: {e}")))
            .expect("response"),
    }
}
