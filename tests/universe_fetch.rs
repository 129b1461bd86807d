//! Fetching repositories over HTTP from a local server: Cosmos' request headers, gzip
//! Content-Encoding, media type selection, retries of 5xx answers and error statuses.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use pxfw::universe::fetch::{RepoFetchOptions, accept_header, user_agent};
use pxfw::universe::{RepoError, RepoFormat};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

#[derive(Default)]
struct Seen {
    requests: Vec<HeaderMap>,
    flaky_calls: u32,
}

type Shared = Arc<Mutex<Seen>>;

fn repo_json() -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/repo/repo.json")).unwrap()
}

async fn gzipped(State(seen): State<Shared>, headers: HeaderMap) -> impl IntoResponse {
    seen.lock().unwrap().requests.push(headers);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&repo_json()).unwrap();
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4",
            ),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        enc.finish().unwrap(),
    )
}

async fn flaky(State(seen): State<Shared>) -> axum::response::Response {
    let mut s = seen.lock().unwrap();
    s.flaky_calls += 1;
    if s.flaky_calls < 3 {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/vnd.dcos.universe.repo+json;charset=utf-8",
        )],
        repo_json(),
    )
        .into_response()
}

async fn zip() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/zip")],
        std::fs::read(format!("{FIXTURES}/repo/repo.zip")).unwrap(),
    )
}

async fn plain_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], repo_json())
}

async fn brotli() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4",
            ),
            (header::CONTENT_ENCODING, "br"),
        ],
        repo_json(),
    )
}

async fn redirect() -> impl IntoResponse {
    (StatusCode::FOUND, [(header::LOCATION, "/repo.json")])
}

async fn serve() -> (String, Shared) {
    let seen: Shared = Arc::default();
    let app = Router::new()
        .route("/repo.json", get(gzipped))
        .route("/flaky", get(flaky))
        .route("/repo.zip", get(zip))
        .route("/plain", get(plain_json))
        .route("/brotli", get(brotli))
        .route("/moved", get(redirect))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), seen)
}

fn options() -> RepoFetchOptions {
    RepoFetchOptions {
        user_agent: user_agent("1.12.4"),
        retries: 3,
        retry_delay: Duration::ZERO,
        timeout: Duration::from_secs(30),
    }
}

#[tokio::test]
async fn sends_cosmos_headers_and_unwraps_gzip() {
    let (base, seen) = serve().await;
    let repo = pxfw::universe::load(&format!("{base}/repo.json"), &options())
        .await
        .unwrap();
    assert_eq!(repo.format, RepoFormat::JsonV4);
    assert_eq!(repo.packages.len(), 4);
    assert_eq!(repo.uri, format!("{base}/repo.json"));
    let seen = seen.lock().unwrap();
    let h = &seen.requests[0];
    assert_eq!(h[header::ACCEPT], accept_header().as_str());
    assert_eq!(h[header::ACCEPT_ENCODING], "gzip");
    assert_eq!(h[header::USER_AGENT], "cosmos/0.6.3 dcos/1.12.4");
}

#[tokio::test]
async fn follows_same_scheme_redirects_and_reads_zip() {
    let (base, _) = serve().await;
    let moved = pxfw::universe::load(&format!("{base}/moved"), &options())
        .await
        .unwrap();
    assert_eq!(moved.packages.len(), 4);
    let zip = pxfw::universe::load(&format!("{base}/repo.zip"), &options())
        .await
        .unwrap();
    assert_eq!(zip.format, RepoFormat::Zip);
    assert_eq!(zip.packages.len(), 4);
}

#[tokio::test]
async fn retries_server_errors() {
    let (base, seen) = serve().await;
    let repo = pxfw::universe::load(&format!("{base}/flaky"), &options())
        .await
        .unwrap();
    assert_eq!(
        repo.format,
        RepoFormat::JsonV5,
        "charset-only media type is read as v5"
    );
    assert_eq!(seen.lock().unwrap().flaky_calls, 3);

    let (base, seen) = serve().await;
    let no_retry = RepoFetchOptions {
        retries: 0,
        ..options()
    };
    let err = pxfw::universe::load(&format!("{base}/flaky"), &no_retry)
        .await
        .unwrap_err();
    assert!(
        matches!(err, RepoError::HttpStatus { status: 503, .. }),
        "{err}"
    );
    assert_eq!(seen.lock().unwrap().flaky_calls, 1);
}

#[tokio::test]
async fn rejects_what_cosmos_rejects() {
    let (base, _) = serve().await;
    let err = pxfw::universe::load(&format!("{base}/plain"), &options())
        .await
        .unwrap_err();
    assert!(
        matches!(err, RepoError::UnsupportedContentType { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("application/json"));
    let err = pxfw::universe::load(&format!("{base}/brotli"), &options())
        .await
        .unwrap_err();
    assert!(
        matches!(err, RepoError::UnsupportedContentEncoding { .. }),
        "{err}"
    );
    let err = pxfw::universe::load(&format!("{base}/nope"), &options())
        .await
        .unwrap_err();
    assert!(
        matches!(err, RepoError::HttpStatus { status: 404, .. }),
        "{err}"
    );
}
