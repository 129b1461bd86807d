//! A static file server on 127.0.0.1 for tests: serves a directory the way S3 or nginx would serve a package
//! repository and its artifacts (`.json` with the universe repository media type, `.zip` as
//! `application/zip`), and counts nothing — unlike the scripted mock, any number of requests is fine.

use super::http_thread::ServerThread;
use std::net::SocketAddr;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub struct StaticServer {
    addr: SocketAddr,
    _server: ServerThread,
}

fn content_type(path: &str) -> &'static str {
    if path.ends_with(".json") {
        "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4"
    } else if path.ends_with(".zip") {
        "application/zip"
    } else {
        "text/plain"
    }
}

async fn serve_file(root: PathBuf, req: Request<Body>) -> Response {
    let rel = req.uri().path().trim_start_matches('/').to_string();
    if rel.split('/').any(|s| s == "..") {
        return StatusCode::BAD_REQUEST.into_response();
    }
    match std::fs::read(root.join(&rel)) {
        Ok(bytes) => ([(header::CONTENT_TYPE, content_type(&rel))], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

impl StaticServer {
    pub fn start(root: PathBuf) -> StaticServer {
        let server = ServerThread::start(move || {
            axum::Router::new().fallback(move |req: Request<Body>| serve_file(root.clone(), req))
        });
        let addr = server.addr;
        StaticServer {
            addr,
            _server: server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }
}
