//! A scripted HTTP server on 127.0.0.1 that plays a DC/OS cluster in tests and checks every request.
//!
//! Each [`Expect`] names a method and path (plus optional query, headers and body) and the reply to give.
//! A request that matches no expectation, or matches one but carries the wrong headers or body, is recorded
//! as a failure and answered with an error, and [`Mock::verify`] fails the test listing every failure and
//! every expectation never used. Expectations are matched in the order they were added, each used `times`
//! times (default once), so sequences like "202, then 200" are scripted by adding two.

use super::http_thread::ServerThread;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

/// How a request body must look.
#[derive(Debug, Clone)]
pub enum BodyMatch {
    /// Parsed JSON equal to this value (key order and whitespace do not matter).
    Json(Value),
    /// Exactly these bytes.
    Raw(Vec<u8>),
    /// A form-encoded body with exactly these pairs, in order.
    Form(Vec<(String, String)>),
    /// No body at all.
    Empty,
}

/// One scripted exchange.
#[derive(Debug, Clone)]
pub struct Expect {
    pub method: Method,
    pub path: String,
    pub query: Option<Vec<(String, String)>>,
    pub headers: Vec<(String, String)>,
    pub absent_headers: Vec<String>,
    pub body: Option<BodyMatch>,
    pub status: u16,
    pub reply_headers: Vec<(String, String)>,
    pub reply_body: Vec<u8>,
    pub delay: Option<Duration>,
    pub times: usize,
}

impl Expect {
    pub fn new(method: &str, path: &str) -> Self {
        Expect {
            method: Method::from_bytes(method.as_bytes()).expect("method"),
            path: path.to_string(),
            query: None,
            headers: Vec::new(),
            absent_headers: Vec::new(),
            body: None,
            status: 200,
            reply_headers: Vec::new(),
            reply_body: Vec::new(),
            delay: None,
            times: 1,
        }
    }
    pub fn get(path: &str) -> Self {
        Expect::new("GET", path)
    }
    pub fn post(path: &str) -> Self {
        Expect::new("POST", path)
    }
    pub fn put(path: &str) -> Self {
        Expect::new("PUT", path)
    }
    pub fn delete(path: &str) -> Self {
        Expect::new("DELETE", path)
    }
    /// The query must be exactly these pairs (decoded, in order). Without it the query is not checked.
    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.query = Some(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        self
    }
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_string()));
        self
    }
    pub fn no_header(mut self, name: &str) -> Self {
        self.absent_headers.push(name.to_ascii_lowercase());
        self
    }
    pub fn token(self, token: &str) -> Self {
        self.header("authorization", &format!("token={token}"))
    }
    /// Content-Type and Accept as Cosmos demands them for one RPC.
    pub fn cosmos(self, request_type: &str, response_type: &str) -> Self {
        self.header("content-type", request_type).header(
            "accept",
            &format!(
                "{response_type},application/vnd.dcos.package.error+json;charset=utf-8;version=v1"
            ),
        )
    }
    pub fn json_body(mut self, v: Value) -> Self {
        self.body = Some(BodyMatch::Json(v));
        self
    }
    pub fn raw_body(mut self, b: &[u8]) -> Self {
        self.body = Some(BodyMatch::Raw(b.to_vec()));
        self
    }
    pub fn form_body(mut self, pairs: &[(&str, &str)]) -> Self {
        self.body = Some(BodyMatch::Form(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ));
        self
    }
    pub fn empty_body(mut self) -> Self {
        self.body = Some(BodyMatch::Empty);
        self
    }
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
    /// A JSON reply with `Content-Type: application/json` unless another was set.
    pub fn reply_json(mut self, v: Value) -> Self {
        self.reply_body = serde_json::to_vec(&v).expect("json");
        self.default_type("application/json")
    }
    /// A reply with the given content type and body.
    pub fn reply(mut self, content_type: &str, body: &[u8]) -> Self {
        self.reply_body = body.to_vec();
        self.reply_headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("content-type"));
        self.reply_headers
            .push(("Content-Type".into(), content_type.into()));
        self
    }
    fn default_type(mut self, ct: &str) -> Self {
        if !self
            .reply_headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            self.reply_headers.push(("Content-Type".into(), ct.into()));
        }
        self
    }
    /// A Cosmos error reply: the error media type and `{"type","message","data"}`.
    pub fn cosmos_error(self, status: u16, body: &[u8]) -> Self {
        self.status(status).reply(
            "application/vnd.dcos.package.error+json;charset=utf-8;version=v1",
            body,
        )
    }
    pub fn delay(mut self, d: Duration) -> Self {
        self.delay = Some(d);
        self
    }
    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }
    /// May be used any number of times, including never.
    pub fn any_times(mut self) -> Self {
        self.times = usize::MAX;
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

#[derive(Default)]
struct State {
    expects: VecDeque<(Expect, usize)>,
    seen: Vec<Seen>,
    failures: Vec<String>,
}

/// The running server.
pub struct Mock {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    _server: ServerThread,
}

impl Mock {
    pub fn start() -> Mock {
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        let server = ServerThread::start(move || {
            axum::Router::new().fallback(move |req: Request<Body>| handle(st.clone(), req))
        });
        let addr = server.addr;
        Mock {
            addr,
            state,
            _server: server,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn expect(&self, e: Expect) -> &Self {
        self.state.lock().unwrap().expects.push_back((e, 0));
        self
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// Requests that changed state (anything but GET/HEAD).
    pub fn mutating(&self) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.method != "GET" && s.method != "HEAD")
            .collect()
    }

    /// Fails the test if any request was unexpected or wrong, or any once-only expectation was unused.
    pub fn verify(&self) {
        let st = self.state.lock().unwrap();
        let mut problems = st.failures.clone();
        for (e, used) in &st.expects {
            if e.times != usize::MAX && *used < e.times {
                problems.push(format!(
                    "expected {} {} was used {used} of {} times",
                    e.method, e.path, e.times
                ));
            }
        }
        assert!(
            problems.is_empty(),
            "mock server problems:\n- {}",
            problems.join("\n- ")
        );
    }
}

fn decode_query(uri: &Uri) -> Vec<(String, String)> {
    uri.query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}

async fn handle(state: Arc<Mutex<State>>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let seen = Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: decode_query(&parts.uri),
        headers: parts.headers.clone(),
        body: body.clone(),
    };
    let (reply, delay) = {
        let mut st = state.lock().unwrap();
        st.seen.push(seen.clone());
        let found = st.expects.iter_mut().find(|(e, used)| {
            *used < e.times
                && e.method == parts.method
                && e.path == seen.path
                && e.query.as_ref().is_none_or(|q| *q == seen.query)
        });
        match found {
            None => {
                let msg = format!(
                    "unexpected request {} {}?{:?}",
                    seen.method, seen.path, seen.query
                );
                st.failures.push(msg.clone());
                (text_reply(599, &msg), None)
            }
            Some((e, used)) => {
                *used += 1;
                let e = e.clone();
                let mismatches = check(&e, &seen);
                if mismatches.is_empty() {
                    (build_reply(&e), e.delay)
                } else {
                    let msg = format!("{} {}: {}", seen.method, seen.path, mismatches.join("; "));
                    st.failures.push(msg.clone());
                    (text_reply(598, &msg), None)
                }
            }
        }
    };
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    reply
}

fn check(e: &Expect, seen: &Seen) -> Vec<String> {
    let mut out = Vec::new();
    for (name, want) in &e.headers {
        let got: Vec<&str> = seen
            .headers
            .get_all(name.as_str())
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        if !got.contains(&want.as_str()) {
            out.push(format!("header {name}: want {want:?}, got {got:?}"));
        }
    }
    for name in &e.absent_headers {
        if seen.headers.contains_key(name.as_str()) {
            out.push(format!("header {name} must be absent"));
        }
    }
    match &e.body {
        None => {}
        Some(BodyMatch::Empty) if !seen.body.is_empty() => {
            out.push(format!(
                "body must be empty, got {:?}",
                String::from_utf8_lossy(&seen.body)
            ));
        }
        Some(BodyMatch::Empty) => {}
        Some(BodyMatch::Raw(b)) if seen.body.as_ref() != b.as_slice() => {
            out.push(format!(
                "body: want {:?}, got {:?}",
                String::from_utf8_lossy(b),
                String::from_utf8_lossy(&seen.body)
            ));
        }
        Some(BodyMatch::Raw(_)) => {}
        Some(BodyMatch::Json(want)) => match serde_json::from_slice::<Value>(&seen.body) {
            Ok(got) if &got == want => {}
            Ok(got) => out.push(format!("json body: want {want}, got {got}")),
            Err(err) => out.push(format!(
                "body is not JSON ({err}): {:?}",
                String::from_utf8_lossy(&seen.body)
            )),
        },
        Some(BodyMatch::Form(want)) => {
            let got: Vec<(String, String)> = url::form_urlencoded::parse(&seen.body)
                .into_owned()
                .collect();
            if &got != want {
                out.push(format!("form body: want {want:?}, got {got:?}"));
            }
        }
    }
    out
}

fn build_reply(e: &Expect) -> Response {
    let mut builder = Response::builder().status(StatusCode::from_u16(e.status).expect("status"));
    for (k, v) in &e.reply_headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    builder
        .body(Body::from(e.reply_body.clone()))
        .expect("reply")
}

fn text_reply(status: u16, msg: &str) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).expect("status"))
        .header("Content-Type", "text/plain")
        .body(Body::from(msg.to_string()))
        .expect("reply")
}
