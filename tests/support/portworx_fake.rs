//! An in-process fake of the OpenStorage SDK REST gateway subset pxfw uses (contract §1.2, §3), for tests.
//!
//! The open-source mock server never fills in replicas or `attached_on`, so it cannot exercise placement
//! or failover; this fake does. It follows the gateway's rules exactly: the paths of §1.2, jsonpb encoding
//! (through the shared [`pxfw::portworx::types`]), gRPC codes mapped to HTTP statuses, and error bodies
//! `{"error","code","message"}`; an unknown route gets the gateway's plain-text `Not Found`.
//!
//! Every simulated node listens on its own loopback address (`127.77.x.y`) on one shared port, and that
//! address is its `mgmt_ip`. Mount/attach therefore act on "the node that receives the request", and
//! `attached_on` is an IP, exactly as on Portworx.
//!
//! Behaviour simulated: create idempotent by name (409 on a size/shared/parent mismatch); replicas placed
//! on requested nodes, the rest spread over racks; attach exclusive unless the holder is offline; detach
//! needing the holder, `redirect` or `force`; delete idempotent and refused while attached; bearer-token
//! auth when a token is configured. Optional data directory: a mount makes `mount_path` a symlink to the
//! volume's data, so tasks really write into it and the data follows the volume between nodes.
//! Knobs: fail the Nth call of an operation, keep a volume stuck attached, change a node's status (a
//! volume's reported status follows its replicas' nodes: UP, DEGRADED, DOWN). Every request is recorded
//! so tests can assert exact bodies.
//!
//! Snapshots (contract §1.2, §2): the legacy `POST /v1/osd-snapshot/snapshotgroup` (Go `encoding/json`,
//! plain-text errors) takes one read-only snapshot volume per selected volume; with
//! [`FakeOpenStorage::fail_group_snapshot_at`] the Nth volume fails, and then `delete_on_failure: true`
//! deletes the snapshots already taken and answers HTTP 400 in plain text, while `false` keeps them and
//! reports the error in-band. SDK clone, update (labels, size) and snapshot restore (which reports
//! `VOLUME_STATE_RESTORE` at the next inspect, as a real restore lags) complete the set. With a data
//! directory, snapshots, clones and restores copy the data. The legacy routes are served on the same port
//! as the SDK ones, so the fake's [`FakeOpenStorage::endpoint`] is also its legacy endpoint.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use pxfw::portworx::types::*;
use pxfw::volume::{NodeTopology, ReplicaCandidates, choose_replicas};

/// A node of the fake cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeNode {
    pub id: String,
    pub hostname: String,
    pub rack: Option<String>,
    pub zone: Option<String>,
    pub region: Option<String>,
    pub status: Status,
}

impl FakeNode {
    /// An online node whose hostname is `hostname` and id is derived from it.
    pub fn new(hostname: impl Into<String>) -> Self {
        let hostname = hostname.into();
        FakeNode {
            id: format!("px-{hostname}"),
            hostname,
            rack: None,
            zone: None,
            region: None,
            status: Status::Ok,
        }
    }
    pub fn rack(mut self, rack: impl Into<String>) -> Self {
        self.rack = Some(rack.into());
        self
    }
}

/// How to start the fake.
#[derive(Debug, Clone, Default)]
pub struct FakeConfig {
    pub nodes: Vec<FakeNode>,
    /// When set, every request needs `Authorization: bearer <token>`.
    pub token: Option<String>,
    /// When set, volumes get a data directory here and mounts become symlinks to it.
    pub data_dir: Option<PathBuf>,
}

/// The operations failures can be injected into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FakeOp {
    Create,
    Inspect,
    Enumerate,
    Delete,
    Attach,
    Detach,
    Mount,
    Unmount,
    Nodes,
    Clone,
    Update,
    SnapshotRestore,
    /// The legacy group snapshot.
    SnapshotGroup,
}

/// One request as the fake received it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// The id of the node that received it.
    pub node: String,
    pub method: String,
    /// Path and query.
    pub path: String,
    /// The JSON body, when there was a parsable one.
    pub body: Option<serde_json::Value>,
    pub authorization: Option<String>,
}

#[derive(Debug)]
struct Fault {
    op: FakeOp,
    at_call: u64,
    code: GrpcCode,
    message: String,
}

#[derive(Debug, Default)]
struct FakeState {
    nodes: Vec<FakeNode>,
    ips: Vec<Ipv4Addr>,
    volumes: BTreeMap<String, PxVolume>,
    requests: Vec<RecordedRequest>,
    calls: BTreeMap<FakeOp, u64>,
    faults: Vec<Fault>,
    stuck: BTreeSet<String>,
    /// The next group snapshot fails at this (1-based) volume, with this message.
    group_fault: Option<(usize, String)>,
    /// Volumes whose restore the next inspect reports as still running.
    restoring: BTreeSet<String>,
}

struct Shared {
    token: Option<String>,
    data_dir: Option<PathBuf>,
    state: Mutex<FakeState>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, FakeState> {
        // A panic while holding the lock cannot leave the state half-updated in a way tests rely on.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Clone)]
struct NodeCtx {
    shared: Arc<Shared>,
    index: usize,
}

/// A running fake. Dropping it stops every listener.
pub struct FakeOpenStorage {
    shared: Arc<Shared>,
    port: u16,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for FakeOpenStorage {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Loopback address of node `i`.
fn node_ip(i: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 77, (i / 250) as u8, (i % 250 + 1) as u8)
}

impl FakeOpenStorage {
    /// Starts one listener per node on a shared port.
    pub async fn start(config: FakeConfig) -> std::io::Result<Self> {
        if config.nodes.is_empty() || config.nodes.len() > 250 * 250 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the fake OpenStorage cluster needs 1 to 62500 nodes",
            ));
        }
        let ips: Vec<Ipv4Addr> = (0..config.nodes.len()).map(node_ip).collect();
        let listeners = bind_all(&ips).await?;
        let port = listeners[0].local_addr()?.port();
        let shared = Arc::new(Shared {
            token: config.token.filter(|t| !t.is_empty()),
            data_dir: config.data_dir,
            state: Mutex::new(FakeState {
                nodes: config.nodes,
                ips,
                ..Default::default()
            }),
        });
        let tasks = listeners
            .into_iter()
            .enumerate()
            .map(|(index, listener)| {
                let app = axum::Router::new().fallback(handle).with_state(NodeCtx {
                    shared: shared.clone(),
                    index,
                });
                tokio::spawn(async move {
                    if let Err(e) = axum::serve(listener, app).await {
                        tracing::warn!("fake OpenStorage listener stopped: {e}");
                    }
                })
            })
            .collect();
        Ok(FakeOpenStorage {
            shared,
            port,
            tasks,
        })
    }

    /// The SDK REST endpoint of the first node, e.g. `http://127.77.0.1:PORT`.
    pub fn endpoint(&self) -> Url {
        self.url_for(node_ip(0))
    }

    /// The endpoint of the node with this id.
    pub fn node_endpoint(&self, node_id: &str) -> Option<Url> {
        let state = self.shared.state();
        let i = state.nodes.iter().position(|n| n.id == node_id)?;
        Some(self.url_for(state.ips[i]))
    }

    fn url_for(&self, ip: Ipv4Addr) -> Url {
        Url::parse(&format!("http://{ip}:{}/", self.port))
            .expect("an IPv4 address and a port always make a URL")
    }

    /// The management IP of the node with this id.
    pub fn node_ip(&self, node_id: &str) -> Option<Ipv4Addr> {
        let state = self.shared.state();
        let i = state.nodes.iter().position(|n| n.id == node_id)?;
        Some(state.ips[i])
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.shared.state().requests.clear();
    }

    /// The volume called `name`, as the fake stores it.
    pub fn volume(&self, name: &str) -> Option<PxVolume> {
        self.shared
            .state()
            .volumes
            .values()
            .find(|v| locator_name(v) == name)
            .cloned()
    }

    /// Makes the `nth` next call of `op` (1 = the next one) fail with `code` and `message`.
    pub fn fail_nth(&self, op: FakeOp, nth: u64, code: GrpcCode, message: impl Into<String>) {
        let mut state = self.shared.state();
        let at_call = state.calls.get(&op).copied().unwrap_or(0) + nth.max(1);
        state.faults.push(Fault {
            op,
            at_call,
            code,
            message: message.into(),
        });
    }

    /// Makes the next group snapshot fail on its `nth` volume (1-based, in request order).
    pub fn fail_group_snapshot_at(&self, nth: usize, message: impl Into<String>) {
        self.shared.state().group_fault = Some((nth.max(1), message.into()));
    }

    /// Every volume the fake holds, snapshots included, by id.
    pub fn volumes(&self) -> BTreeMap<String, PxVolume> {
        self.shared.state().volumes.clone()
    }

    /// The snapshot volumes (read-only, with a parent).
    pub fn snapshots(&self) -> Vec<PxVolume> {
        self.shared
            .state()
            .volumes
            .values()
            .filter(|v| v.readonly && v.source.as_ref().is_some_and(|s| !s.parent.is_empty()))
            .cloned()
            .collect()
    }

    /// The legacy REST endpoint (the fake serves it on the SDK port).
    pub fn legacy_endpoint(&self) -> Url {
        self.endpoint()
    }

    /// The data directory of a volume, when the fake keeps data.
    pub fn data_path(&self, volume_id: &str) -> Option<PathBuf> {
        self.shared.data_dir.as_ref().map(|d| d.join(volume_id))
    }

    /// While stuck, a detach of the volume without `force` fails (device busy).
    pub fn set_stuck_attached(&self, volume_name: &str, stuck: bool) {
        let mut state = self.shared.state();
        if stuck {
            state.stuck.insert(volume_name.to_owned());
        } else {
            state.stuck.remove(volume_name);
        }
    }

    /// Changes a node's status (e.g. [`Status::Offline`] to simulate a lost node).
    pub fn set_node_status(&self, node_id: &str, status: Status) -> bool {
        let mut state = self.shared.state();
        match state.nodes.iter_mut().find(|n| n.id == node_id) {
            Some(n) => {
                n.status = status;
                true
            }
            None => false,
        }
    }
}

/// Binds every node address on one port, retrying with a new port when another is taken.
async fn bind_all(ips: &[Ipv4Addr]) -> std::io::Result<Vec<tokio::net::TcpListener>> {
    let mut last_err = None;
    for _ in 0..50 {
        let first = tokio::net::TcpListener::bind(SocketAddr::new(IpAddr::V4(ips[0]), 0)).await?;
        let port = first.local_addr()?.port();
        let mut all = vec![first];
        let mut ok = true;
        for ip in &ips[1..] {
            match tokio::net::TcpListener::bind(SocketAddr::new(IpAddr::V4(*ip), port)).await {
                Ok(l) => all.push(l),
                Err(e) => {
                    last_err = Some(e);
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Ok(all);
        }
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("cannot bind the fake's node addresses")))
}

/// A gRPC-style failure, rendered as the gateway renders it.
#[derive(Debug)]
struct ApiError {
    code: GrpcCode,
    message: String,
}

fn err(code: GrpcCode, message: impl Into<String>) -> ApiError {
    ApiError {
        code,
        message: message.into(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: self.message.clone(),
            code: self.code.number() as i32,
            message: self.message,
            details: Vec::new(),
        };
        (status, axum::Json(body)).into_response()
    }
}

impl ApiError {
    /// As the legacy REST API renders failures: HTTP status and a plain-text body.
    fn into_plain_text(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, format!("{}\n", self.message)).into_response()
    }
}

type ApiResult = Result<Response, ApiError>;

fn ok<T: Serialize>(value: T) -> ApiResult {
    Ok(axum::Json(value).into_response())
}

fn parse<T: DeserializeOwned + Default>(body: &Bytes) -> Result<T, ApiError> {
    if body.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| err(GrpcCode::InvalidArgument, e.to_string()))
}

fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

fn locator_name(v: &PxVolume) -> &str {
    v.locator.as_ref().map(|l| l.name.as_str()).unwrap_or("")
}

async fn handle(
    State(ctx): State<NodeCtx>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    {
        let mut state = ctx.shared.state();
        let node = state.nodes[ctx.index].id.clone();
        state.requests.push(RecordedRequest {
            node,
            method: method.to_string(),
            path: uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            body: serde_json::from_slice(&body).ok(),
            authorization: authorization.clone(),
        });
    }
    let segments: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
    let Some(op) = route(&method, &segments) else {
        return (StatusCode::NOT_FOUND, "Not Found\n").into_response();
    };
    if let Err(e) = check_auth(&ctx.shared, authorization.as_deref()) {
        return e.into_response();
    }
    if let Some(e) = injected_fault(&ctx.shared, op) {
        return if op == FakeOp::SnapshotGroup {
            e.into_plain_text()
        } else {
            e.into_response()
        };
    }
    let result = match (op, segments.as_slice()) {
        (FakeOp::Nodes, _) => nodes(&ctx, &segments),
        (FakeOp::Create, _) => create(&ctx, &body),
        (FakeOp::Inspect, ["v1", "volumes", "inspect", id]) => inspect(&ctx, id),
        (FakeOp::Inspect, _) => inspect_with_filters(&ctx, &body),
        (FakeOp::Enumerate, _) => enumerate(&ctx, &method, &body),
        (FakeOp::Delete, ["v1", "volumes", id]) => delete(&ctx, id),
        (FakeOp::Attach, _) => attach(&ctx, &body),
        (FakeOp::Detach, _) => detach(&ctx, &body),
        (FakeOp::Mount, _) => mount(&ctx, &body),
        (FakeOp::Unmount, _) => unmount(&ctx, &body),
        (FakeOp::Clone, _) => clone(&ctx, &body),
        (FakeOp::Update, ["v1", "volumes", id]) => update(&ctx, id, &body),
        (FakeOp::SnapshotRestore, _) => restore(&ctx, &body),
        (FakeOp::SnapshotGroup, _) => Ok(snapshot_group(&ctx, &body)),
        _ => Err(err(GrpcCode::Internal, "unrouted request")),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Which operation a request is, for the routes this fake serves.
fn route(method: &Method, segments: &[&str]) -> Option<FakeOp> {
    let get = method == Method::GET;
    let post = method == Method::POST;
    Some(match segments {
        ["v1", "identities", "version"] | ["v1", "clusters", "inspectcurrent"] if get => {
            FakeOp::Nodes
        }
        ["v1", "nodes"] | ["v1", "nodes", "filters" | "inspectcurrent"] if get => FakeOp::Nodes,
        ["v1", "nodes", "inspect", _] if get => FakeOp::Nodes,
        ["v1", "volumes"] if post => FakeOp::Create,
        ["v1", "volumes", "clone"] if post => FakeOp::Clone,
        ["v1", "volumes", "snapshots", "restore"] if post => FakeOp::SnapshotRestore,
        ["v1", "volumes", _] if method == Method::PUT => FakeOp::Update,
        ["v1", "osd-snapshot", "snapshotgroup"] if post => FakeOp::SnapshotGroup,
        ["v1", "volumes"] if get => FakeOp::Enumerate,
        ["v1", "volumes", "filters"] if post => FakeOp::Enumerate,
        ["v1", "volumes", "inspectwithfilters"] if post => FakeOp::Inspect,
        ["v1", "volumes", "inspect", _] if get => FakeOp::Inspect,
        ["v1", "volumes", _] if method == Method::DELETE => FakeOp::Delete,
        ["v1", "mountattach", "attach"] if post => FakeOp::Attach,
        ["v1", "mountattach", "detach"] if post => FakeOp::Detach,
        ["v1", "mountattach", "mount"] if post => FakeOp::Mount,
        ["v1", "mountattach", "unmount"] if post => FakeOp::Unmount,
        _ => return None,
    })
}

/// With a token configured: no header is a guest, which may do nothing here (PermissionDenied); a header
/// that is not `bearer <the token>` is Unauthenticated.
fn check_auth(shared: &Shared, authorization: Option<&str>) -> Result<(), ApiError> {
    let Some(expected) = &shared.token else {
        return Ok(());
    };
    let Some(given) = authorization else {
        return Err(err(
            GrpcCode::PermissionDenied,
            "Access denied: guest access is not allowed for this operation",
        ));
    };
    let mut parts = given.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some(scheme), Some(token))
            if scheme.eq_ignore_ascii_case("bearer") && token == expected =>
        {
            Ok(())
        }
        _ => Err(err(
            GrpcCode::Unauthenticated,
            "Unable to authenticate: the bearer token is not valid",
        )),
    }
}

fn injected_fault(shared: &Shared, op: FakeOp) -> Option<ApiError> {
    let mut state = shared.state();
    let count = state.calls.entry(op).or_default();
    *count += 1;
    let count = *count;
    let i = state
        .faults
        .iter()
        .position(|f| f.op == op && f.at_call == count)?;
    let f = state.faults.remove(i);
    Some(err(f.code, f.message))
}

fn storage_node(n: &FakeNode, ip: Ipv4Addr) -> StorageNode {
    let mut labels = BTreeMap::new();
    for (key, value) in [
        ("px/rack", &n.rack),
        ("topology.kubernetes.io/zone", &n.zone),
        ("topology.kubernetes.io/region", &n.region),
    ] {
        if let Some(v) = value {
            labels.insert(key.to_owned(), v.clone());
        }
    }
    StorageNode {
        id: n.id.clone(),
        status: n.status,
        mgmt_ip: ip.to_string(),
        data_ip: ip.to_string(),
        hostname: n.hostname.clone(),
        scheduler_node_name: n.hostname.clone(),
        scheduler_topology: (!labels.is_empty()).then_some(SchedulerTopology { labels }),
        ..Default::default()
    }
}

fn nodes(ctx: &NodeCtx, segments: &[&str]) -> ApiResult {
    let state = ctx.shared.state();
    let all = || {
        state
            .nodes
            .iter()
            .zip(&state.ips)
            .map(|(n, ip)| storage_node(n, *ip))
    };
    match segments {
        ["v1", "identities", "version"] => ok(serde_json::json!({
            "sdk_version": {"minor": 186, "version": "0.186.0"},
            "version": {"driver": "fake", "version": "pxfw-fake"}
        })),
        ["v1", "clusters", "inspectcurrent"] => ok(serde_json::json!({
            "cluster": {"status": Status::Ok, "id": "pxfw-fake-cluster", "name": "pxfw-fake"}
        })),
        ["v1", "nodes"] => ok(NodeEnumerateResponse {
            node_ids: state.nodes.iter().map(|n| n.id.clone()).collect(),
        }),
        ["v1", "nodes", "filters"] => ok(NodeEnumerateWithFiltersResponse {
            nodes: all().collect(),
        }),
        ["v1", "nodes", "inspectcurrent"] => ok(NodeInspectResponse {
            node: Some(storage_node(&state.nodes[ctx.index], state.ips[ctx.index])),
        }),
        ["v1", "nodes", "inspect", id] => match all().find(|n| n.id == *id) {
            Some(node) => ok(NodeInspectResponse { node: Some(node) }),
            None => Err(err(GrpcCode::NotFound, format!("Node id {id} not found"))),
        },
        _ => Err(err(GrpcCode::Unimplemented, "not implemented by the fake")),
    }
}

fn create(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeCreateRequest = parse(body)?;
    if req.name.is_empty() {
        return Err(err(GrpcCode::InvalidArgument, "Must supply a unique name"));
    }
    let Some(spec) = req.spec else {
        return Err(err(GrpcCode::InvalidArgument, "Must supply spec"));
    };
    if spec.size == 0 {
        return Err(err(GrpcCode::InvalidArgument, "Must supply a volume size"));
    }
    let mut state = ctx.shared.state();
    if let Some(existing) = state.volumes.values().find(|v| locator_name(v) == req.name) {
        let old = existing.spec.clone().unwrap_or_default();
        let parent = existing
            .source
            .as_ref()
            .map(|s| s.parent.as_str())
            .unwrap_or("");
        if old.size == spec.size && old.shared == spec.shared && parent.is_empty() {
            return ok(VolumeCreateResponse {
                volume_id: existing.id.clone(),
            });
        }
        return Err(err(
            GrpcCode::AlreadyExists,
            format!(
                "Volume with name {} already exists with size {} shared {}",
                req.name, old.size, old.shared
            ),
        ));
    }
    let ha = spec.ha_level.max(1);
    if ha > 3 {
        return Err(err(GrpcCode::InvalidArgument, "ha_level must be 1 to 3"));
    }
    // Requested replica nodes, by id or IP (the SDK converts IPs to ids).
    let mut explicit = Vec::new();
    for wanted in spec.replica_set.iter().flat_map(|r| &r.nodes) {
        let found = state
            .nodes
            .iter()
            .zip(&state.ips)
            .find(|(n, ip)| &n.id == wanted || ip.to_string() == *wanted);
        match found {
            Some((n, _)) => explicit.push(n.id.clone()),
            None => {
                return Err(err(
                    GrpcCode::InvalidArgument,
                    format!("replica_set node {wanted} is not a node of this cluster"),
                ));
            }
        }
    }
    let online: Vec<NodeTopology> = state
        .nodes
        .iter()
        .filter(|n| n.status.is_online())
        .map(|n| NodeTopology {
            id: n.id.clone(),
            rack: n.rack.clone(),
            zone: n.zone.clone(),
            region: n.region.clone(),
        })
        .collect();
    let mut load = BTreeMap::new();
    for id in state
        .volumes
        .values()
        .flat_map(|v| &v.replica_sets)
        .flat_map(|r| &r.nodes)
    {
        *load.entry(id.clone()).or_insert(0usize) += 1;
    }
    explicit.truncate(ha as usize);
    let replicas = choose_replicas(
        &req.name,
        ha as u32,
        &explicit,
        &ReplicaCandidates::new(online),
        &load,
    )
    .map_err(|e| err(GrpcCode::FailedPrecondition, e.to_string()))?;
    let mut labels = spec.volume_labels.clone();
    labels.extend(req.labels);
    let id = uuid::Uuid::new_v4().as_u64_pair().0.to_string();
    if let Some(dir) = &ctx.shared.data_dir {
        std::fs::create_dir_all(dir.join(&id)).map_err(|e| {
            err(
                GrpcCode::Internal,
                format!("cannot create volume data: {e}"),
            )
        })?;
    }
    let stored_spec = PxVolumeSpec {
        ha_level: ha,
        replica_set: None,
        volume_labels: BTreeMap::new(),
        ..spec.clone()
    };
    let volume = PxVolume {
        id: id.clone(),
        group: spec.group.clone(),
        locator: Some(VolumeLocator {
            name: req.name,
            volume_labels: labels,
        }),
        ctime: now_rfc3339(),
        format: spec.format,
        spec: Some(stored_spec),
        status: VolumeStatus::Up,
        state: VolumeState::Detached,
        replica_sets: vec![ReplicaSet {
            nodes: replicas,
            ..Default::default()
        }],
        ..Default::default()
    };
    state.volumes.insert(id.clone(), volume);
    ok(VolumeCreateResponse { volume_id: id })
}

fn inspect_response(v: &PxVolume) -> VolumeInspectResponse {
    let locator = v.locator.clone().unwrap_or_default();
    VolumeInspectResponse {
        volume: Some(v.clone()),
        name: locator.name,
        labels: locator.volume_labels,
    }
}

/// The volume as Portworx reports it now: its status follows its replicas' nodes (every one serving I/O:
/// UP; some: DEGRADED; none: DOWN).
fn with_status(state: &FakeState, v: &PxVolume) -> PxVolume {
    let replicas: Vec<&String> = v.replica_sets.iter().flat_map(|r| &r.nodes).collect();
    if replicas.is_empty() {
        return v.clone();
    }
    let serving = replicas
        .iter()
        .filter(|id| {
            state
                .nodes
                .iter()
                .any(|n| &&n.id == *id && n.status.serves_io())
        })
        .count();
    let status = if serving == replicas.len() {
        VolumeStatus::Up
    } else if serving > 0 {
        VolumeStatus::Degraded
    } else {
        VolumeStatus::Down
    };
    PxVolume {
        status,
        ..v.clone()
    }
}

fn inspect(ctx: &NodeCtx, id: &str) -> ApiResult {
    let mut state = ctx.shared.state();
    let restoring = state.restoring.remove(id);
    match state.volumes.get(id) {
        Some(v) if restoring => ok(inspect_response(&PxVolume {
            state: VolumeState::Restore,
            ..with_status(&state, v)
        })),
        Some(v) => ok(inspect_response(&with_status(&state, v))),
        None => Err(err(GrpcCode::NotFound, format!("Volume id {id} not found"))),
    }
}

fn matches(
    v: &PxVolume,
    name: &str,
    labels: &BTreeMap<String, String>,
    group: &Option<Group>,
) -> bool {
    let locator = v.locator.clone().unwrap_or_default();
    (name.is_empty() || locator.name == name)
        && labels
            .iter()
            .all(|(k, val)| locator.volume_labels.get(k) == Some(val))
        && group
            .as_ref()
            .is_none_or(|g| v.group.as_ref().is_some_and(|vg| vg.id == g.id))
}

fn inspect_with_filters(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeInspectWithFiltersRequest = parse(body)?;
    let state = ctx.shared.state();
    ok(VolumeInspectWithFiltersResponse {
        volumes: state
            .volumes
            .values()
            .filter(|v| matches(v, &req.name, &req.labels, &req.group))
            .map(|v| inspect_response(&with_status(&state, v)))
            .collect(),
    })
}

fn enumerate(ctx: &NodeCtx, method: &Method, body: &Bytes) -> ApiResult {
    let req: VolumeEnumerateWithFiltersRequest = if method == Method::GET {
        VolumeEnumerateWithFiltersRequest::default()
    } else {
        parse(body)?
    };
    let state = ctx.shared.state();
    ok(VolumeEnumerateResponse {
        volume_ids: state
            .volumes
            .values()
            .filter(|v| matches(v, &req.name, &req.labels, &req.group))
            .map(|v| v.id.clone())
            .collect(),
    })
}

fn delete(ctx: &NodeCtx, id: &str) -> ApiResult {
    let mut state = ctx.shared.state();
    let Some(v) = state.volumes.get(id) else {
        return ok(Empty {});
    };
    if !v.attached_on.is_empty() {
        return Err(err(
            GrpcCode::FailedPrecondition,
            format!(
                "Volume {id} is attached on node {}; detach it first",
                v.attached_on
            ),
        ));
    }
    state.volumes.remove(id);
    if let Some(dir) = &ctx.shared.data_dir {
        let _ = std::fs::remove_dir_all(dir.join(id));
    }
    ok(Empty {})
}

fn require_volume_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() {
        Err(err(GrpcCode::InvalidArgument, "Must supply a volume id"))
    } else {
        Ok(())
    }
}

fn attach(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeAttachRequest = parse(body)?;
    require_volume_id(&req.volume_id)?;
    let mut state = ctx.shared.state();
    let me = state.ips[ctx.index].to_string();
    if !state.nodes[ctx.index].status.is_online() {
        return Err(err(
            GrpcCode::Unavailable,
            format!("node {me} is not online"),
        ));
    }
    let holder_online = |state: &FakeState, ip: &str| {
        state
            .ips
            .iter()
            .position(|i| i.to_string() == ip)
            .is_some_and(|i| state.nodes[i].status.is_online())
    };
    let attached_on = match state.volumes.get(&req.volume_id) {
        Some(v) => v.attached_on.clone(),
        None => {
            return Err(err(
                GrpcCode::NotFound,
                format!("Volume id {} not found", req.volume_id),
            ));
        }
    };
    if !attached_on.is_empty() && attached_on != me && holder_online(&state, &attached_on) {
        return Err(err(
            GrpcCode::FailedPrecondition,
            format!(
                "Volume {} is attached on another node {attached_on}",
                req.volume_id
            ),
        ));
    }
    let v = state
        .volumes
        .get_mut(&req.volume_id)
        .ok_or_else(|| err(GrpcCode::NotFound, "volume vanished"))?;
    if v.attached_on != me {
        // A takeover from an offline node drops its mounts.
        v.attach_path.clear();
        v.attached_on = me;
        v.state = VolumeState::Attached;
        v.attach_time = now_rfc3339();
        v.device_path = format!("/dev/pxd/pxd{}", v.id);
    }
    ok(VolumeAttachResponse {
        device_path: v.device_path.clone(),
    })
}

fn detach(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeDetachRequest = parse(body)?;
    require_volume_id(&req.volume_id)?;
    let opts = req.options.unwrap_or_default();
    let mut state = ctx.shared.state();
    let me = state.ips[ctx.index].to_string();
    let stuck = state.stuck.clone();
    let Some(v) = state.volumes.get_mut(&req.volume_id) else {
        return ok(Empty {});
    };
    if v.attached_on.is_empty() {
        return ok(Empty {});
    }
    if v.attached_on != me && !opts.force && !opts.redirect {
        return Err(err(
            GrpcCode::FailedPrecondition,
            format!(
                "Volume {} is attached on node {}, not on this node; use redirect or force",
                v.id, v.attached_on
            ),
        ));
    }
    if stuck.contains(locator_name(v)) && !opts.force {
        return Err(err(
            GrpcCode::Internal,
            format!("Failed to detach volume {}: device busy", v.id),
        ));
    }
    if let Some(dir) = &ctx.shared.data_dir {
        for path in &v.attach_path {
            remove_mount_link(Path::new(path), &dir.join(&v.id));
        }
    }
    v.attach_path.clear();
    v.attached_on.clear();
    v.device_path.clear();
    v.state = VolumeState::Detached;
    v.detach_time = now_rfc3339();
    ok(Empty {})
}

fn attached_here<'a>(
    state: &'a mut FakeState,
    index: usize,
    volume_id: &str,
) -> Result<&'a mut PxVolume, ApiError> {
    let me = state.ips[index].to_string();
    let v = state.volumes.get_mut(volume_id).ok_or_else(|| {
        err(
            GrpcCode::NotFound,
            format!("Volume id {volume_id} not found"),
        )
    })?;
    if v.attached_on != me {
        return Err(err(
            GrpcCode::FailedPrecondition,
            format!("Volume {volume_id} is not attached on this node"),
        ));
    }
    Ok(v)
}

fn mount(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeMountRequest = parse(body)?;
    require_volume_id(&req.volume_id)?;
    if req.mount_path.is_empty() {
        return Err(err(GrpcCode::InvalidArgument, "Invalid mount path"));
    }
    let mut state = ctx.shared.state();
    let v = attached_here(&mut state, ctx.index, &req.volume_id)?;
    if let Some(dir) = &ctx.shared.data_dir {
        make_mount_link(Path::new(&req.mount_path), &dir.join(&v.id))
            .map_err(|e| err(GrpcCode::Internal, format!("mount failed: {e}")))?;
    }
    if !v.attach_path.contains(&req.mount_path) {
        v.attach_path.push(req.mount_path);
    }
    ok(Empty {})
}

fn unmount(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeUnmountRequest = parse(body)?;
    require_volume_id(&req.volume_id)?;
    let mut state = ctx.shared.state();
    let v = attached_here(&mut state, ctx.index, &req.volume_id)?;
    v.attach_path.retain(|p| p != &req.mount_path);
    if let Some(dir) = &ctx.shared.data_dir {
        let path = Path::new(&req.mount_path);
        remove_mount_link(path, &dir.join(&v.id));
        if !req.options.unwrap_or_default().delete_mount_path {
            let _ = std::fs::create_dir_all(path);
        }
    }
    ok(Empty {})
}

/// "Mounts" by making `path` a symlink to the volume's data (replacing an empty directory).
fn make_mount_link(path: &Path, data: &Path) -> std::io::Result<()> {
    if let Ok(target) = std::fs::read_link(path) {
        if target == data {
            return Ok(());
        }
        std::fs::remove_file(path)?;
    } else if path.is_dir() {
        std::fs::remove_dir(path)?; // fails, as a real mount over a busy directory would, if not empty
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::os::unix::fs::symlink(data, path)
}

fn remove_mount_link(path: &Path, data: &Path) {
    if std::fs::read_link(path).is_ok_and(|t| t == data) {
        let _ = std::fs::remove_file(path);
    }
}

fn new_volume_id() -> String {
    uuid::Uuid::new_v4().as_u64_pair().0.to_string()
}

/// Copies volume `from`'s data to volume `to`'s (replacing it), when the fake keeps data.
fn copy_data(shared: &Shared, from: &str, to: &str) -> Result<(), ApiError> {
    let Some(dir) = &shared.data_dir else {
        return Ok(());
    };
    let target = dir.join(to);
    if target.exists() {
        std::fs::remove_dir_all(&target)
            .map_err(|e| err(GrpcCode::Internal, format!("cannot replace data: {e}")))?;
    }
    copy_dir(&dir.join(from), &target)
        .map_err(|e| err(GrpcCode::Internal, format!("cannot copy data: {e}")))
}

/// Copies a directory tree of volume data: directories, files (with their permissions) and symlinks (as
/// symlinks), which is all a task writes in the tests. Plain copies: the fake need not be fast.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    let entries = std::fs::read_dir(from)?;
    std::fs::create_dir_all(to)?;
    for entry in entries {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(entry.path())?, &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// A new volume made from `parent` (a snapshot when `readonly`, a clone otherwise).
fn derived_volume(
    parent: &PxVolume,
    id: &str,
    name: String,
    labels: BTreeMap<String, String>,
    readonly: bool,
) -> PxVolume {
    PxVolume {
        id: id.to_owned(),
        source: Some(Source {
            parent: parent.id.clone(),
            ..Default::default()
        }),
        group: parent.group.clone(),
        readonly,
        locator: Some(VolumeLocator {
            name,
            volume_labels: labels,
        }),
        ctime: now_rfc3339(),
        spec: parent.spec.clone(),
        format: parent.format,
        status: VolumeStatus::Up,
        state: VolumeState::Detached,
        replica_sets: parent.replica_sets.clone(),
        ..Default::default()
    }
}

/// Legacy `POST /v1/osd-snapshot/snapshotgroup`.
fn snapshot_group(ctx: &NodeCtx, body: &Bytes) -> Response {
    let plain = |code: GrpcCode, message: String| err(code, message).into_plain_text();
    let req: pxfw::portworx::legacy::GroupSnapCreateRequest = match serde_json::from_slice(body) {
        Ok(r) => r,
        Err(e) => return plain(GrpcCode::InvalidArgument, e.to_string()),
    };
    let mut state = ctx.shared.state();
    let selected: Vec<String> = if !req.volume_ids.is_empty() {
        req.volume_ids.clone()
    } else if !req.id.is_empty() {
        let group = Some(Group { id: req.id.clone() });
        let all = state.volumes.values().filter(|v| !v.readonly);
        all.filter(|v| matches(v, "", &BTreeMap::new(), &group))
            .map(|v| v.id.clone())
            .collect()
    } else if !req.labels.is_empty() {
        let all = state.volumes.values().filter(|v| !v.readonly);
        all.filter(|v| matches(v, "", &req.labels, &None))
            .map(|v| v.id.clone())
            .collect()
    } else {
        return plain(
            GrpcCode::InvalidArgument,
            "one of id, Labels or volume_ids must be given".to_owned(),
        );
    };
    if selected.is_empty() {
        return plain(GrpcCode::NotFound, "no volume matches the group".to_owned());
    }
    let fault = state.group_fault.take();
    let mut taken: Vec<String> = Vec::new();
    let mut answer = pxfw::portworx::legacy::GroupSnapCreateResponse::default();
    for (i, vol_id) in selected.iter().enumerate() {
        let failure = match state.volumes.get(vol_id) {
            None => Some(format!("Volume id {vol_id} not found")),
            Some(_) => fault
                .as_ref()
                .filter(|(nth, _)| *nth == i + 1)
                .map(|(_, message)| format!("Failed to snapshot volume {vol_id}: {message}")),
        };
        let entry = match failure {
            Some(message) if req.delete_on_failure => {
                for snap in &taken {
                    state.volumes.remove(snap);
                    if let Some(dir) = &ctx.shared.data_dir {
                        let _ = std::fs::remove_dir_all(dir.join(snap));
                    }
                }
                return plain(
                    GrpcCode::InvalidArgument,
                    format!(
                        "{message}; deleted the {} snapshot(s) already taken of this group",
                        taken.len()
                    ),
                );
            }
            Some(message) => pxfw::portworx::legacy::LegacyVolumeCreateResponse {
                id: String::new(),
                volume_response: Some(pxfw::portworx::legacy::VolumeResponse { error: message }),
            },
            None => {
                let parent = state.volumes[vol_id].clone();
                let snap_id = new_volume_id();
                let name = format!(
                    "{}.snap-{}",
                    locator_name(&parent),
                    &snap_id[..6.min(snap_id.len())]
                );
                let snap = derived_volume(&parent, &snap_id, name, BTreeMap::new(), true);
                if let Err(e) = copy_data(&ctx.shared, vol_id, &snap_id) {
                    return plain(e.code, e.message);
                }
                state.volumes.insert(snap_id.clone(), snap);
                taken.push(snap_id.clone());
                pxfw::portworx::legacy::LegacyVolumeCreateResponse {
                    id: snap_id,
                    volume_response: Some(Default::default()),
                }
            }
        };
        answer.snapshots.insert(
            vol_id.clone(),
            pxfw::portworx::legacy::SnapCreateResponse {
                volume_create_response: Some(entry),
            },
        );
    }
    axum::Json(answer).into_response()
}

/// SDK `POST /v1/volumes/clone`: idempotent by name for the same parent.
fn clone(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeCloneRequest = parse(body)?;
    if req.name.is_empty() {
        return Err(err(GrpcCode::InvalidArgument, "Must supply a uniqe name"));
    }
    require_volume_id(&req.parent_id)?;
    let mut state = ctx.shared.state();
    let parent = state.volumes.get(&req.parent_id).cloned().ok_or_else(|| {
        err(
            GrpcCode::NotFound,
            format!("Volume id {} not found", req.parent_id),
        )
    })?;
    if let Some(existing) = state.volumes.values().find(|v| locator_name(v) == req.name) {
        let same_parent = existing
            .source
            .as_ref()
            .is_some_and(|s| s.parent == req.parent_id);
        if same_parent {
            return ok(VolumeCreateResponse {
                volume_id: existing.id.clone(),
            });
        }
        return Err(err(
            GrpcCode::AlreadyExists,
            format!("Volume with name {} already exists", req.name),
        ));
    }
    let id = new_volume_id();
    let volume = derived_volume(&parent, &id, req.name, req.additional_labels, false);
    copy_data(&ctx.shared, &req.parent_id, &id)?;
    state.volumes.insert(id.clone(), volume);
    ok(VolumeCreateResponse { volume_id: id })
}

/// SDK `PUT /v1/volumes/{id}`: labels ("" deletes) and size (grow only).
fn update(ctx: &NodeCtx, id: &str, body: &Bytes) -> ApiResult {
    let req: VolumeUpdateRequest = parse(body)?;
    let mut state = ctx.shared.state();
    let v = state
        .volumes
        .get_mut(id)
        .ok_or_else(|| err(GrpcCode::NotFound, format!("Volume id {id} not found")))?;
    if let Some(size) = req.spec.map(|s| s.size).filter(|s| *s > 0) {
        let spec = v.spec.get_or_insert_with(Default::default);
        if size < spec.size {
            return Err(err(
                GrpcCode::InvalidArgument,
                format!(
                    "Volume {id}: cannot shrink from {} to {size} bytes",
                    spec.size
                ),
            ));
        }
        spec.size = size;
    }
    let locator = v.locator.get_or_insert_with(Default::default);
    for (key, value) in req.labels {
        if value.is_empty() {
            locator.volume_labels.remove(&key);
        } else {
            locator.volume_labels.insert(key, value);
        }
    }
    ok(Empty {})
}

/// SDK `POST /v1/volumes/snapshots/restore`.
fn restore(ctx: &NodeCtx, body: &Bytes) -> ApiResult {
    let req: VolumeSnapshotRestoreRequest = parse(body)?;
    require_volume_id(&req.volume_id)?;
    if req.snapshot_id.is_empty() {
        return Err(err(GrpcCode::InvalidArgument, "Must supply a snapshot id"));
    }
    let mut state = ctx.shared.state();
    let volume = state.volumes.get(&req.volume_id).ok_or_else(|| {
        err(
            GrpcCode::NotFound,
            format!("Volume id {} not found", req.volume_id),
        )
    })?;
    if !volume.attached_on.is_empty() {
        return Err(err(
            GrpcCode::FailedPrecondition,
            format!(
                "Volume {} is attached on node {}; detach it before restoring",
                req.volume_id, volume.attached_on
            ),
        ));
    }
    let snap = state.volumes.get(&req.snapshot_id).ok_or_else(|| {
        err(
            GrpcCode::NotFound,
            format!("Snapshot id {} not found", req.snapshot_id),
        )
    })?;
    if snap.source.as_ref().map(|s| s.parent.as_str()) != Some(req.volume_id.as_str()) {
        return Err(err(
            GrpcCode::InvalidArgument,
            format!(
                "{} is not a snapshot of volume {}",
                req.snapshot_id, req.volume_id
            ),
        ));
    }
    copy_data(&ctx.shared, &req.snapshot_id, &req.volume_id)?;
    state.restoring.insert(req.volume_id);
    ok(Empty {})
}
