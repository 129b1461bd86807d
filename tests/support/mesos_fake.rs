//! A stateful fake of the DC/OS pieces `pxfw cleanup` talks to through Admin Router, for tests: the Mesos
//! master operator API (`/mesos/master/{slaves,frameworks,destroy-volumes,unreserve,teardown}`), Exhibitor's
//! explorer (`/exhibitor/exhibitor/v1/explorer/{node-data,znode/…}`) and Marathon's `GET /v2/apps/{id}`.
//!
//! Unlike the scripted [`super::mock::Mock`] it changes state the way the real components do, so a second
//! run sees the effect of the first: destroy-volumes turns a persistent volume back into a plain reserved
//! disk, unreserve removes the resources, teardown removes the framework, a znode delete removes the node.
//! Mesos checks that every resource sent is held by the agent exactly as sent; anything else is
//! `409 Conflict`, as on the master. Exhibitor answers 200 always and reports failures in the body
//! (`"* not found * "`, `{"succeeded":false,"message":"KeeperErrorCode = NoNode …"}`).
//!
//! Faults: the next N destroy-volumes/unreserve calls for one agent answer 409, or are held for a while
//! (longer than the client's timeout) before answering. Every request is logged with its decoded form.

use super::http_thread::ServerThread;
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

/// One request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub method: String,
    pub path: String,
    /// The decoded form pairs (empty for non-form bodies).
    pub form: Vec<(String, String)>,
}

impl Logged {
    /// The form field `key`, if sent.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    pub fn is_mutating(&self) -> bool {
        self.method != "GET" && self.method != "HEAD"
    }
}

#[derive(Debug, Clone)]
pub struct FakeAgent {
    pub id: String,
    pub hostname: String,
    /// Reserved resources, as the master lists them under `reserved_resources_full`.
    pub reserved: Vec<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer 409 Conflict.
    Conflict,
    /// Hold the answer this long (to make the client time out), then apply the operation.
    Hang(Duration),
}

#[derive(Default)]
struct State {
    agents: Vec<FakeAgent>,
    frameworks: Vec<Value>,
    znodes: BTreeSet<String>,
    apps: BTreeMap<String, Value>,
    log: Vec<Logged>,
    /// (agent id, operation) → faults still to serve, in order.
    faults: BTreeMap<(String, String), Vec<Fault>>,
}

/// The running fake. Dropping it stops the server.
pub struct DcosFake {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    _server: ServerThread,
}

impl DcosFake {
    pub fn start() -> DcosFake {
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        let server = ServerThread::start(move || {
            axum::Router::new().fallback(move |req: Request<Body>| handle(st.clone(), req))
        });
        let addr = server.addr;
        DcosFake {
            addr,
            state,
            _server: server,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn add_agent(&self, id: &str, hostname: &str, reserved: Vec<Value>) -> &Self {
        self.state.lock().unwrap().agents.push(FakeAgent {
            id: id.into(),
            hostname: hostname.into(),
            reserved,
        });
        self
    }

    /// A registered framework (`{"id","name","role"|"roles","principal","active"}`).
    pub fn add_framework(&self, framework: Value) -> &Self {
        self.state.lock().unwrap().frameworks.push(framework);
        self
    }

    pub fn add_znode(&self, path: &str) -> &Self {
        self.state.lock().unwrap().znodes.insert(path.into());
        self
    }

    /// A Marathon app (`id` with its leading slash).
    pub fn add_app(&self, id: &str) -> &Self {
        self.state
            .lock()
            .unwrap()
            .apps
            .insert(id.into(), json!({"id": id, "instances": 1}));
        self
    }

    /// The next `n` calls of `op` (`destroy-volumes` or `unreserve`) for `agent` get `fault`.
    pub fn fault(&self, agent: &str, op: &str, fault: Fault, n: usize) -> &Self {
        self.state
            .lock()
            .unwrap()
            .faults
            .entry((agent.into(), op.into()))
            .or_default()
            .extend(std::iter::repeat_n(fault, n));
        self
    }

    pub fn reserved(&self, agent: &str) -> Vec<Value> {
        let st = self.state.lock().unwrap();
        st.agents
            .iter()
            .find(|a| a.id == agent)
            .map(|a| a.reserved.clone())
            .unwrap_or_default()
    }

    pub fn framework_ids(&self) -> Vec<String> {
        let st = self.state.lock().unwrap();
        st.frameworks
            .iter()
            .filter_map(|f| f["id"].as_str().map(str::to_string))
            .collect()
    }

    pub fn has_znode(&self, path: &str) -> bool {
        self.state.lock().unwrap().znodes.contains(path)
    }

    pub fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    pub fn mutating(&self) -> Vec<Logged> {
        self.log().into_iter().filter(Logged::is_mutating).collect()
    }

    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }
}

fn reply(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).expect("status"))
        .header("Content-Type", content_type)
        .body(body.into())
        .expect("reply")
}

fn json_reply(status: u16, v: Value) -> Response {
    reply(status, "application/json", v.to_string())
}

fn text(status: u16, msg: &str) -> Response {
    reply(status, "text/plain; charset=utf-8", msg.to_string())
}

async fn handle(state: Arc<Mutex<State>>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let body: Bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let is_form = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let form: Vec<(String, String)> = if is_form {
        url::form_urlencoded::parse(&body).into_owned().collect()
    } else {
        Vec::new()
    };
    let path = parts.uri.path().to_string();
    let logged = Logged {
        method: parts.method.to_string(),
        path: path.clone(),
        form: form.clone(),
    };
    state.lock().unwrap().log.push(logged.clone());

    let method = parts.method.clone();
    if method == Method::GET
        && let Some(id) = path.strip_prefix("/marathon/v2/apps")
    {
        let st = state.lock().unwrap();
        return match st.apps.get(id) {
            Some(app) => json_reply(200, json!({"app": app})),
            None => json_reply(
                404,
                json!({"message": format!("App '{id}' does not exist")}),
            ),
        };
    }
    match (method, path.as_str()) {
        (Method::GET, "/mesos/master/slaves") => {
            let st = state.lock().unwrap();
            let slaves: Vec<Value> = st
                .agents
                .iter()
                .map(|a| {
                    let mut by_role: BTreeMap<String, Vec<Value>> = BTreeMap::new();
                    for r in &a.reserved {
                        let role = r["reservations"]
                            .as_array()
                            .and_then(|x| x.last())
                            .and_then(|x| x["role"].as_str())
                            .or_else(|| r["role"].as_str())
                            .unwrap_or("*")
                            .to_string();
                        by_role.entry(role).or_default().push(r.clone());
                    }
                    json!({"id": a.id, "hostname": a.hostname, "active": true,
                           "reserved_resources_full": by_role})
                })
                .collect();
            json_reply(200, json!({"slaves": slaves}))
        }
        (Method::GET, "/mesos/master/frameworks") => {
            let st = state.lock().unwrap();
            json_reply(
                200,
                json!({"frameworks": st.frameworks, "completed_frameworks": [], "unregistered_frameworks": []}),
            )
        }
        (Method::POST, "/mesos/master/destroy-volumes") => {
            operate(&state, "destroy-volumes", &logged, "volumes").await
        }
        (Method::POST, "/mesos/master/unreserve") => {
            operate(&state, "unreserve", &logged, "resources").await
        }
        (Method::POST, "/mesos/master/teardown") => {
            let Some(id) = logged.field("frameworkId") else {
                return text(
                    400,
                    "Missing 'frameworkId' query parameter in the request body",
                );
            };
            let mut st = state.lock().unwrap();
            let before = st.frameworks.len();
            st.frameworks.retain(|f| f["id"].as_str() != Some(id));
            if st.frameworks.len() == before {
                text(400, "No framework found with specified ID")
            } else {
                text(200, "")
            }
        }
        (Method::GET, "/exhibitor/exhibitor/v1/explorer/node-data") => {
            let key = query
                .iter()
                .find(|(k, _)| k == "key")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let st = state.lock().unwrap();
            if st.znodes.contains(&key) {
                json_reply(
                    200,
                    json!({"bytes": "", "str": "", "stat": "czxid: 4294967300, mzxid: 4294967300, version: 0, numChildren: 3"}),
                )
            } else {
                json_reply(
                    200,
                    json!({"bytes": "", "str": "", "stat": "* not found * "}),
                )
            }
        }
        (Method::DELETE, p) if p.starts_with("/exhibitor/exhibitor/v1/explorer/znode/") => {
            let node = format!(
                "/{}",
                p.trim_start_matches("/exhibitor/exhibitor/v1/explorer/znode/")
            );
            let mut st = state.lock().unwrap();
            if st.znodes.remove(&node) {
                json_reply(200, json!({"message": "OK", "succeeded": true}))
            } else {
                json_reply(
                    200,
                    json!({"message": format!("KeeperErrorCode = NoNode for {node}"), "succeeded": false}),
                )
            }
        }
        _ => text(404, "Not Found"),
    }
}

/// destroy-volumes and unreserve: every resource sent must be held exactly as sent (a volume: with its
/// persistence; unreserve: not a volume), else 409 and nothing changes.
async fn operate(state: &Arc<Mutex<State>>, op: &str, logged: &Logged, field: &str) -> Response {
    let Some(agent_id) = logged.field("slaveId").map(str::to_string) else {
        return text(400, "Missing 'slaveId' query parameter in the request body");
    };
    let Some(raw) = logged.field(field) else {
        return text(
            400,
            &format!("Missing '{field}' query parameter in the request body"),
        );
    };
    let Ok(Value::Array(sent)) = serde_json::from_str::<Value>(raw) else {
        return text(400, &format!("Error in parsing '{field}' query parameter"));
    };
    let fault = {
        let mut st = state.lock().unwrap();
        st.faults
            .get_mut(&(agent_id.clone(), op.to_string()))
            .filter(|f| !f.is_empty())
            .map(|f| f.remove(0))
    };
    match fault {
        Some(Fault::Conflict) => {
            return text(
                409,
                "Invalid operation: resources are in use by a framework on the agent",
            );
        }
        Some(Fault::Hang(d)) => tokio::time::sleep(d).await,
        None => {}
    }
    let mut st = state.lock().unwrap();
    let Some(agent) = st.agents.iter_mut().find(|a| a.id == agent_id) else {
        return text(400, &format!("No agent found with specified ID {agent_id}"));
    };
    let mut remaining = agent.reserved.clone();
    let mut converted = Vec::new();
    for r in &sent {
        let volume = r["disk"]["persistence"].is_object();
        let ok_kind = if op == "destroy-volumes" {
            volume
        } else {
            !volume
        };
        match remaining.iter().position(|h| h == r) {
            Some(i) if ok_kind => {
                let held = remaining.remove(i);
                if op == "destroy-volumes" {
                    converted.push(strip_volume(held));
                }
            }
            _ => {
                return text(
                    409,
                    &format!("Invalid {op} operation: {r} is not available on agent {agent_id}"),
                );
            }
        }
    }
    remaining.extend(converted);
    agent.reserved = remaining;
    text(202, "")
}

fn strip_volume(mut r: Value) -> Value {
    if let Some(disk) = r.get_mut("disk").and_then(Value::as_object_mut) {
        disk.remove("persistence");
        disk.remove("volume");
        if disk.is_empty()
            && let Some(o) = r.as_object_mut()
        {
            o.remove("disk");
        }
    }
    r
}
