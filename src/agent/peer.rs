//! Peer-majority fencing, the agent side: a node that loses the server fences itself only when its peers
//! still reach the server — or cannot say they do not.
//!
//! Why: fencing on the lease alone makes the control plane a kill switch. A frozen, restarted or
//! partitioned server would make every agent kill every task, although nothing may move while the
//! server cannot act. The server declares a node lost only while it holds a majority of the member list
//! (rule 1); an agent keeps its tasks past its fence point only while a strict majority of the same list
//! — itself and the peers that answered — say they do not reach the server either (rule 2). Two strict
//! majorities of one list share a member, and that member cannot be fresh for the server while it tells
//! a peer it is not: so the two never hold at once. The argument with its timings is in
//! `src/scheduler/README.md` ("Leases and fencing").
//!
//! This module holds the shared [`Peers`] view (member list, peer secret, when the server last answered),
//! the endpoint peers ask (`GET /peer/v1/status`), the client that asks them, and the pure [`verdict`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::fence;
use crate::api::agent::{HeartbeatReply, LeaseTerms, Peer, PeerStatus, Registered};

/// The one route of the peer endpoint.
pub const STATUS_PATH: &str = "/peer/v1/status";

/// Where the member list, the peer secret and the reach window are kept between agent processes.
const PEERS_FILE: &str = "peers.json";

/// The endpoint answers from memory at once; anything slower is a stuck or hostile client.
const ENDPOINT_TIMEOUT: Duration = Duration::from_secs(2);

/// Requests carry no body; a few hundred bytes of slack, nothing more.
const ENDPOINT_BODY_LIMIT: usize = 512;

/// A status answer is under 200 bytes; a peer sending more is not a pxfw agent.
const ANSWER_LIMIT: usize = 4096;

/// A hold must be on disk before the watchdog deadline it extends passes: a watchdog poll after that
/// deadline that still reads the old one fences. Answers are therefore awaited at most until this long
/// before it, the time to judge and write the new deadline (at the first verdict, with `Tq = H/2`, the
/// full wait would end exactly at the deadline `s + L − H/2`).
const WATCHDOG_MARGIN_MS: i64 = 30;

/// A last call closer than this is now: the boot clock and the loop's timer differ by rounding only.
const LAST_CALL_SLACK_MS: i64 = 10;

/// What is persisted in `<data-dir>/peers.json` (0600): enough for a restarted agent to consult its
/// peers while the server is down.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The cluster's peer secret (bearer of every peer request); never logged.
    #[serde(default)]
    pub peer_secret: Option<String>,
    /// The reach window W in ms; 0 = the server predates peer checks (fence on the lease alone).
    #[serde(default)]
    pub reach_ms: u64,
    /// Every member in join order, as the server last listed them.
    #[serde(default)]
    pub peers: Vec<Peer>,
    /// The lease terms last received, so an agent restarted while the server is away can still make
    /// verdicts on time for the tasks it re-adopted (0 = none known).
    #[serde(default)]
    pub heartbeat_ms: u64,
    #[serde(default)]
    pub lease_ms: u64,
}

/// Debug output is the Display form: a secret must not reach a log through `{:?}` either.
impl std::fmt::Debug for Membership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::fmt::Display for Membership {
    /// For logs: never the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} member(s), reach window {} ms, peer secret {}",
            self.peers.len(),
            self.reach_ms,
            if self.peer_secret.is_some() {
                "set"
            } else {
                "unset"
            }
        )
    }
}

/// One peer's answer to a verdict's question (or its absence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The member that was asked.
    pub asked: String,
    /// What it said; `None` when it did not answer in time, answered an error or garbage.
    pub status: Option<PeerStatus>,
}

/// Why an agent fences at its fence point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FenceWhy {
    /// The server gave no reach window (it predates peer checks) or no secret: the lease alone decides.
    NoPeerChecks,
    /// This node is not in the member list it holds: it cannot count a majority of it.
    NotAMember,
    /// A peer answered that it reaches the server: the server may act, so this node must not run on.
    PeerReaches { node_id: String, age_ms: u64 },
    /// Too few peers confirmed that they do not reach the server either.
    NoMajority { confirmed: usize, members: usize },
}

/// The outcome of a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A strict majority of the members (this node plus `confirmed - 1` peers) do not reach the server:
    /// it cannot hold a majority, so it declares no node lost; the tasks keep running.
    Hold {
        confirmed: usize,
        members: usize,
    },
    Fence(FenceWhy),
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Verdict::Hold { confirmed, members } => write!(
                f,
                "hold: {confirmed} of {members} members (this one included) do not reach the server"
            ),
            Verdict::Fence(FenceWhy::NoPeerChecks) => {
                f.write_str("fence: the server gave no peer checks (lease alone)")
            }
            Verdict::Fence(FenceWhy::NotAMember) => {
                f.write_str("fence: this node is not in its member list")
            }
            Verdict::Fence(FenceWhy::PeerReaches { node_id, age_ms }) => write!(
                f,
                "fence: member {node_id} heard from the server {age_ms} ms ago"
            ),
            Verdict::Fence(FenceWhy::NoMajority { confirmed, members }) => write!(
                f,
                "fence: only {confirmed} of {members} members confirm the server is unreachable"
            ),
        }
    }
}

/// Rule 2, pure: may `self_id` keep its tasks past its fence point?
///
/// Only if peer checks are on (`reach_ms > 0`), it is a member, no member answered that it heard from
/// the server less than `reach_ms` ago, and itself plus the peers that answered "not for `reach_ms` or
/// more" (or "never since I started") are strictly more than half of `members`. A peer that did not
/// answer, or answered as another node, counts as not reached: it confirms nothing. This node's own
/// status may be among `answers`: it always counts itself, but its own recent reply vetoes like a
/// peer's (it may be the member the server's majority and this one share).
pub fn verdict(members: &[Peer], self_id: &str, answers: &[Answer], reach_ms: u64) -> Verdict {
    if reach_ms == 0 {
        return Verdict::Fence(FenceWhy::NoPeerChecks);
    }
    if !members.iter().any(|m| m.node_id == self_id) {
        return Verdict::Fence(FenceWhy::NotAMember);
    }
    let mut confirmed = 0;
    for member in members {
        let said = answers
            .iter()
            .filter(|a| a.asked == member.node_id)
            .filter_map(|a| a.status.as_ref())
            .find(|s| s.node_id == member.node_id);
        match said.map(|s| s.server_age_ms) {
            None if member.node_id == self_id => confirmed += 1,
            None => {}
            Some(Some(age)) if age < reach_ms => {
                return Verdict::Fence(FenceWhy::PeerReaches {
                    node_id: member.node_id.clone(),
                    age_ms: age,
                });
            }
            Some(_) => confirmed += 1,
        }
    }
    if confirmed * 2 > members.len() {
        Verdict::Hold {
            confirmed,
            members: members.len(),
        }
    } else {
        Verdict::Fence(FenceWhy::NoMajority {
            confirmed,
            members: members.len(),
        })
    }
}

struct Inner {
    node_id: String,
    data_dir: PathBuf,
    client: reqwest::Client,
    state: Mutex<Known>,
}

struct Known {
    membership: Membership,
    /// When the last 200 heartbeat reply was received (this process only).
    last_reply: Option<Instant>,
    /// The last verdict, so only changes are logged; cleared when the lease is renewed.
    last_verdict: Option<Verdict>,
}

/// This agent's view of its peers, shared by the heartbeat loop (writes) and the peer endpoint (reads).
/// Cheap to clone.
#[derive(Clone)]
pub struct Peers {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Peers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Peers")
            .field("node_id", &self.inner.node_id)
            .finish()
    }
}

/// A hold until the next verdict, or the order to fence now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Keep the tasks; the watchdog's deadline is now `deadline_ms` (boot clock); decide again at `next`.
    Hold {
        next: Instant,
        deadline_ms: i64,
    },
    Fence,
}

impl Peers {
    /// The view of `node_id`, with what an earlier agent process of this data directory persisted.
    pub fn open(node_id: &str, data_dir: &Path) -> anyhow::Result<Peers> {
        crate::cluster::http::install_crypto_provider();
        let client = reqwest::Client::builder()
            .user_agent(concat!("pxfw/", env!("CARGO_PKG_VERSION")))
            // A peer is asked directly: an HTTP proxy in between would answer for it.
            .no_proxy()
            .tls_backend_rustls()
            .build()
            .context("cannot set up the peer client")?;
        let membership = load(data_dir);
        if membership != Membership::default() {
            tracing::info!("peer list from {PEERS_FILE}: {membership}");
        }
        Ok(Peers {
            inner: Arc::new(Inner {
                node_id: node_id.to_string(),
                data_dir: data_dir.to_path_buf(),
                client,
                state: Mutex::new(Known {
                    membership,
                    last_reply: None,
                    last_verdict: None,
                }),
            }),
        })
    }

    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the peer secret and reach window of a registration answer.
    pub fn registered(&self, reg: &Registered) {
        self.update(|m| {
            if reg.peer_secret.is_some() {
                m.peer_secret = reg.peer_secret.clone();
            }
            m.reach_ms = reg.terms.reach_ms;
            m.heartbeat_ms = reg.terms.heartbeat_ms;
            m.lease_ms = reg.terms.lease_ms;
        });
    }

    /// Records a 200 heartbeat reply just received: the server is reached now, and its member list and
    /// reach window are the ones to judge by. Called before the reply is acknowledged, so this node
    /// never tells a peer an age older than the server's evidence of it.
    pub fn replied(&self, reply: &HeartbeatReply) {
        {
            let mut k = self.known();
            k.last_reply = Some(Instant::now());
            if k.last_verdict.take().is_some() {
                tracing::info!("the server answers again; the lease is renewed");
            }
        }
        self.update(|m| {
            m.reach_ms = reply.reach_ms;
            m.peers = reply.peers.clone();
            m.heartbeat_ms = reply.heartbeat_ms;
            m.lease_ms = reply.lease_ms;
        });
    }

    /// The lease terms of the last registration or reply (kept across restarts), if this agent may make
    /// verdicts with them: it knows a secret and the server does peer checks.
    pub fn known_terms(&self) -> Option<LeaseTerms> {
        let k = self.known();
        let m = &k.membership;
        (m.heartbeat_ms > 0 && m.reach_ms > 0 && m.peer_secret.is_some()).then_some(LeaseTerms {
            heartbeat_ms: m.heartbeat_ms,
            lease_ms: m.lease_ms,
            reach_ms: m.reach_ms,
        })
    }

    /// Applies `change`, and persists the result when it changed anything.
    fn update(&self, change: impl FnOnce(&mut Membership)) {
        let snapshot = {
            let mut k = self.known();
            let before = k.membership.clone();
            change(&mut k.membership);
            if k.membership == before {
                return;
            }
            tracing::info!("peer list now: {}", k.membership);
            k.membership.clone()
        };
        if let Err(e) = save(&self.inner.data_dir, &snapshot) {
            tracing::warn!("cannot keep the peer list: {e:#}");
        }
    }

    /// The size of the member list this agent judges by (sent with every heartbeat).
    pub fn members(&self) -> u32 {
        self.known().membership.peers.len() as u32
    }

    /// What the endpoint answers.
    pub fn status(&self) -> PeerStatus {
        let k = self.known();
        PeerStatus {
            node_id: self.inner.node_id.clone(),
            server_age_ms: k.last_reply.map(|t| t.elapsed().as_millis() as u64),
            members: k.membership.peers.len() as u32,
        }
    }

    fn secret(&self) -> Option<String> {
        self.known().membership.peer_secret.clone()
    }

    /// The decision at the fence point and every heartbeat interval after it while the lease is not
    /// renewed: ask every other member in parallel (answers wait at most half a heartbeat, and never
    /// past the watchdog's current deadline), judge, and on a hold push the watchdog's deadline to two
    /// heartbeat intervals after the verdict — so without an agent making verdicts the watchdog fences
    /// by then.
    pub async fn decide(&self, terms: &LeaseTerms, watchdog_deadline_ms: i64) -> Decision {
        let heartbeat = Duration::from_millis(terms.heartbeat_ms);
        let started = Instant::now();
        let (membership, secret) = {
            let k = self.known();
            (k.membership.clone(), k.membership.peer_secret.clone())
        };
        let v = match secret {
            Some(secret) if membership.reach_ms > 0 => {
                let left = watchdog_deadline_ms - fence::clock_ms() - WATCHDOG_MARGIN_MS;
                let wait = (heartbeat / 2).min(Duration::from_millis(left.max(0) as u64));
                let mut answers = self.ask_all(&membership.peers, &secret, wait).await;
                answers.push(Answer {
                    asked: self.inner.node_id.clone(),
                    status: Some(self.status()),
                });
                verdict(
                    &membership.peers,
                    &self.inner.node_id,
                    &answers,
                    membership.reach_ms,
                )
            }
            _ => Verdict::Fence(FenceWhy::NoPeerChecks),
        };
        self.log_change(&v);
        match v {
            Verdict::Hold { .. } => {
                let deadline_ms = fence::clock_ms() + 2 * terms.heartbeat_ms as i64;
                if let Err(e) = fence::renew(&self.inner.data_dir, deadline_ms) {
                    // The watchdog keeps the older deadline and fences by it: safe, only early.
                    tracing::warn!("cannot extend the fencing deadline: {e}");
                }
                Decision::Hold {
                    next: started + heartbeat,
                    deadline_ms,
                }
            }
            Verdict::Fence(_) => Decision::Fence,
        }
    }

    fn log_change(&self, v: &Verdict) {
        let mut k = self.known();
        if k.last_verdict.as_ref() == Some(v) {
            return;
        }
        match v {
            Verdict::Hold { .. } => tracing::warn!("the server is unreachable; verdict: {v}"),
            Verdict::Fence(_) => tracing::warn!("the lease cannot be renewed; verdict: {v}"),
        }
        k.last_verdict = Some(v.clone());
    }

    /// Asks every other member that has an endpoint, in parallel; an answer not in within `wait` is
    /// missing from the result.
    async fn ask_all(&self, members: &[Peer], secret: &str, wait: Duration) -> Vec<Answer> {
        let mut asks = tokio::task::JoinSet::new();
        for m in members.iter().filter(|m| m.node_id != self.inner.node_id) {
            let Some(url) = &m.url else { continue };
            let client = self.inner.client.clone();
            let url = format!("{}{STATUS_PATH}", url.trim_end_matches('/'));
            let secret = secret.to_string();
            let asked = m.node_id.clone();
            asks.spawn(async move {
                let status = ask(&client, &url, &secret, wait).await;
                if let Err(e) = &status {
                    tracing::debug!("peer {asked} not reached: {e:#}");
                }
                Answer {
                    asked,
                    status: status.ok(),
                }
            });
        }
        // Each request carries the same timeout; this bound also covers a stuck body read.
        let until = tokio::time::Instant::now() + wait;
        let mut answers = Vec::new();
        while let Ok(Some(done)) = tokio::time::timeout_at(until, asks.join_next()).await {
            if let Ok(a) = done {
                answers.push(a);
            }
        }
        answers
    }
}

/// The lease as the heartbeat loop tracks it: when it was last renewed, whether this node has fenced
/// itself since, and the verdicts past its fence point.
#[derive(Debug)]
pub struct Lease {
    /// When the last renewal the server answered was sent (the lease runs from there).
    pub last_ok: Instant,
    /// The tasks were killed for this lease; no more verdicts until it is renewed.
    pub fenced: bool,
    /// After a hold: when to judge again (instead of the fence point).
    next_verdict: Option<Instant>,
    /// The watchdog's current deadline on the boot clock (`i64::MAX` before the first renewal: it has
    /// none).
    watchdog_deadline_ms: i64,
}

impl Default for Lease {
    fn default() -> Self {
        Lease {
            last_ok: Instant::now(),
            fenced: false,
            next_verdict: None,
            watchdog_deadline_ms: i64::MAX,
        }
    }
}

impl Lease {
    /// A fresh lease from a registration: its fence point is one lease minus a heartbeat from now.
    pub fn registered(&mut self) {
        self.last_ok = Instant::now();
        self.fenced = false;
        self.next_verdict = None;
    }

    /// The lease of an agent that re-adopted running tasks before it could register: the watchdog guards
    /// them until `deadline_ms` (boot clock, as the previous agent or its holds left it), and the first
    /// verdict is due one heartbeat before that — so a restart during a server outage keeps the tasks
    /// exactly when a verdict of the previous agent would have.
    pub fn resumed(deadline_ms: i64, terms: &LeaseTerms) -> Lease {
        let before = deadline_ms - fence::clock_ms() - terms.heartbeat_ms as i64;
        Lease {
            last_ok: Instant::now(),
            fenced: false,
            next_verdict: Some(Instant::now() + Duration::from_millis(before.max(0) as u64)),
            watchdog_deadline_ms: deadline_ms,
        }
    }

    /// Whether a verdict is pending before any registration (see [`Lease::resumed`]).
    pub fn awaits_verdict(&self) -> bool {
        self.next_verdict.is_some() && !self.fenced
    }

    /// When the next decision is due: the fence point (`last_ok + L − H`, one heartbeat before the lease
    /// can end, as without peers), or after a hold the next verdict, one heartbeat after the last.
    pub fn decide_at(&self, terms: &LeaseTerms) -> tokio::time::Instant {
        let fence_point =
            self.last_ok + Duration::from_millis(terms.lease_ms.saturating_sub(terms.heartbeat_ms));
        tokio::time::Instant::from_std(self.next_verdict.unwrap_or(fence_point))
    }

    /// A 200 reply to the renewal sent at `sent` (`sent_clock` on the boot clock): the lease runs from
    /// there, and the watchdog kills everything if the next renewals fail for half a heartbeat past the
    /// fence point.
    pub fn renewed(&mut self, data_dir: &Path, sent: Instant, sent_clock: i64, terms: &LeaseTerms) {
        self.last_ok = sent;
        self.fenced = false;
        self.next_verdict = None;
        let deadline = sent_clock + terms.lease_ms as i64 - (terms.heartbeat_ms / 2) as i64;
        self.watchdog_deadline_ms = deadline;
        if let Err(e) = fence::renew(data_dir, deadline) {
            tracing::warn!("cannot renew the fencing deadline: {e}");
        }
    }

    /// The decision due at [`Lease::decide_at`]: true when this node must fence now.
    ///
    /// A verdict other than a hold fences at once at the fence point. After a hold it fences at that
    /// hold's last call instead — half a heartbeat before the deadline the hold gave the watchdog, as the
    /// fence point is before the lease's — unless the lease is renewed or a new hold comes first. Why:
    /// when the server comes back, the first peer it answers vetoes the others' next verdicts, often
    /// before their own heartbeat got through; fencing them then would make the return of the server
    /// the kill switch. It is as safe: a node's tasks still end by its last hold + 2H (the argument in
    /// `src/scheduler/README.md` uses nothing else), and the loop heartbeats right after this verdict.
    pub async fn decide(&mut self, peers: &Peers, terms: &LeaseTerms) -> bool {
        match peers.decide(terms, self.watchdog_deadline_ms).await {
            Decision::Hold { next, deadline_ms } => {
                self.next_verdict = Some(next);
                self.watchdog_deadline_ms = deadline_ms;
                false
            }
            Decision::Fence => {
                let last_call = self.watchdog_deadline_ms - (terms.heartbeat_ms / 2) as i64;
                let left = last_call - fence::clock_ms();
                if self.next_verdict.is_some() && left > LAST_CALL_SLACK_MS {
                    tracing::info!("a hold is in force for {left} ms more; deciding again then");
                    self.next_verdict = Some(Instant::now() + Duration::from_millis(left as u64));
                    return false;
                }
                self.fenced = true;
                true
            }
        }
    }
}

/// One peer question: `GET <url>` with the secret as bearer, bounded in time and size.
async fn ask(
    client: &reqwest::Client,
    url: &str,
    secret: &str,
    wait: Duration,
) -> anyhow::Result<PeerStatus> {
    let mut resp = client
        .get(url)
        .bearer_auth(secret)
        .timeout(wait)
        .send()
        .await?;
    if !resp.status().is_success() {
        return Err(anyhow!("HTTP {}", resp.status()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        body.extend_from_slice(&chunk);
        if body.len() > ANSWER_LIMIT {
            return Err(anyhow!("answer larger than {ANSWER_LIMIT} bytes"));
        }
    }
    Ok(serde_json::from_slice(&body)?)
}

fn load(data_dir: &Path) -> Membership {
    let path = data_dir.join(PEERS_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            // The next heartbeat reply rewrites it; until then this agent fences on its lease alone.
            tracing::warn!("ignoring {}: {e}", path.display());
            Membership::default()
        }),
        Err(_) => Membership::default(),
    }
}

/// Writes `peers.json` 0600 (it holds the peer secret) in the data directory, made 0700.
fn save(data_dir: &Path, m: &Membership) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(data_dir)?;
    std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(0o700))
        .with_context(|| format!("cannot make {} private", data_dir.display()))?;
    let path = data_dir.join(PEERS_FILE);
    crate::cluster::config::write_private(&path, &serde_json::to_vec_pretty(m)?)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The running peer endpoint.
pub struct Endpoint {
    /// The port it listens on (the real one when `--listen` gave port 0).
    pub port: u16,
    /// The host peers should dial, when known (see `AgentInfo::peer_host`).
    pub host: Option<String>,
    serving: tokio::task::JoinHandle<()>,
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        self.serving.abort();
    }
}

impl Endpoint {
    /// Listens on `addr` and serves [`STATUS_PATH`] from `peers`. `advertise` is the host peers dial;
    /// without it the listen IP, unless that is a wildcard (then the server uses the registration's
    /// source address).
    pub async fn start(
        addr: SocketAddr,
        advertise: Option<String>,
        peers: Peers,
    ) -> anyhow::Result<Endpoint> {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            let hint = match e.kind() {
                std::io::ErrorKind::AddrInUse => {
                    "; another process uses that port: choose another --listen port, or port 0 for a free one"
                }
                std::io::ErrorKind::AddrNotAvailable => {
                    "; that address is not on this machine: use one of its addresses, or 0.0.0.0"
                }
                _ => "",
            };
            anyhow!("cannot listen for peers on {addr}: {e}{hint}")
        })?;
        let port = listener.local_addr()?.port();
        let host =
            advertise.or_else(|| (!addr.ip().is_unspecified()).then(|| addr.ip().to_string()));
        let app = router(peers);
        let serving = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!("the peer endpoint stopped: {e}");
            }
        });
        tracing::info!(
            "peer endpoint on port {port}{}",
            host.as_deref()
                .map(|h| format!(" (peers dial {h})"))
                .unwrap_or_default()
        );
        Ok(Endpoint {
            port,
            host,
            serving,
        })
    }
}

fn router(peers: Peers) -> Router {
    Router::new()
        .route(STATUS_PATH, get(status))
        .with_state(peers)
        .layer(RequestBodyLimitLayer::new(ENDPOINT_BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            ENDPOINT_TIMEOUT,
        ))
}

fn refuse(status: StatusCode, text: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "message": text }))).into_response()
}

async fn status(State(peers): State<Peers>, headers: HeaderMap) -> Response {
    let Some(secret) = peers.secret() else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "this agent has no peer secret yet: it has not registered with a server that gives one",
        );
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.starts_with("Bearer "));
    if !crate::server::token::matches(given, &secret) {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "a peer request needs `Authorization: Bearer <the cluster's peer secret>`",
        );
    }
    axum::Json(peers.status()).into_response()
}

/// Parses `--listen ADDR:PORT`.
pub fn parse_listen(s: &str) -> Result<SocketAddr, String> {
    s.parse().map_err(|_| {
        format!(
            "`{s}` is not an IP address and port (ADDR:PORT); e.g. 127.0.0.1:7070, 0.0.0.0:7070, [::1]:7070 (port 0 picks a free one)"
        )
    })
}

/// Parses `--advertise HOST`: a host name or an IP address, without scheme or port.
pub fn parse_advertise(s: &str) -> Result<String, String> {
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<std::net::IpAddr>().is_ok() {
        return Ok(bare.to_string());
    }
    let ok = !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a host name or IP address (no scheme, no port), e.g. node-1.example.com or 10.0.0.5"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peer_secret_never_shows_in_debug_or_display() {
        let secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t";
        let m = Membership {
            peer_secret: Some(secret.into()),
            reach_ms: 750,
            ..Membership::default()
        };
        let reg = Registered {
            terms: LeaseTerms {
                heartbeat_ms: 500,
                lease_ms: 2000,
                reach_ms: 750,
            },
            peer_secret: Some(secret.into()),
        };
        for shown in [format!("{m:?}"), m.to_string(), format!("{reg:?}")] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    fn members(n: usize) -> Vec<Peer> {
        (1..=n)
            .map(|i| Peer {
                node_id: format!("n{i}"),
                url: Some(format!("http://127.0.0.1:{}", 7000 + i)),
            })
            .collect()
    }

    fn said(asked: &str, age: Option<u64>) -> Answer {
        Answer {
            asked: asked.into(),
            status: Some(PeerStatus {
                node_id: asked.into(),
                server_age_ms: age,
                members: 3,
            }),
        }
    }

    fn silent(asked: &str) -> Answer {
        Answer {
            asked: asked.into(),
            status: None,
        }
    }

    const W: u64 = 750;

    #[test]
    fn one_member_holds_alone_when_peer_checks_are_on() {
        // The server cannot hold a majority of {n1} without n1: it declares nobody lost.
        assert_eq!(
            verdict(&members(1), "n1", &[], W),
            Verdict::Hold {
                confirmed: 1,
                members: 1
            }
        );
    }

    #[test]
    fn reach_zero_always_fences_as_before() {
        for n in [1, 2, 3, 5] {
            let answers: Vec<Answer> = (2..=n).map(|i| said(&format!("n{i}"), None)).collect();
            assert_eq!(
                verdict(&members(n), "n1", &answers, 0),
                Verdict::Fence(FenceWhy::NoPeerChecks)
            );
        }
    }

    #[test]
    fn two_members_need_the_other_to_confirm() {
        let m = members(2);
        assert_eq!(
            verdict(&m, "n1", &[said("n2", Some(W))], W),
            Verdict::Hold {
                confirmed: 2,
                members: 2
            }
        );
        assert_eq!(
            verdict(&m, "n1", &[silent("n2")], W),
            Verdict::Fence(FenceWhy::NoMajority {
                confirmed: 1,
                members: 2
            })
        );
        assert_eq!(
            verdict(&m, "n1", &[said("n2", Some(W - 1))], W),
            Verdict::Fence(FenceWhy::PeerReaches {
                node_id: "n2".into(),
                age_ms: W - 1
            })
        );
    }

    #[test]
    fn three_members_hold_with_one_confirming_peer() {
        let m = members(3);
        // n3 timed out: itself + n2 are 2 of 3.
        assert_eq!(
            verdict(&m, "n1", &[said("n2", None), silent("n3")], W),
            Verdict::Hold {
                confirmed: 2,
                members: 3
            }
        );
        // Nobody answered: 1 of 3.
        assert_eq!(
            verdict(&m, "n1", &[silent("n2"), silent("n3")], W),
            Verdict::Fence(FenceWhy::NoMajority {
                confirmed: 1,
                members: 3
            })
        );
        // One confirms, the other still reaches the server: the server may hold {n1?, n3, …}; fence.
        assert!(matches!(
            verdict(&m, "n1", &[said("n2", Some(5000)), said("n3", Some(10))], W),
            Verdict::Fence(FenceWhy::PeerReaches { .. })
        ));
    }

    #[test]
    fn an_answer_from_the_wrong_node_confirms_nothing() {
        let m = members(3);
        let mut wrong = said("n2", Some(5000));
        wrong.status.as_mut().unwrap().node_id = "n9".into();
        assert_eq!(
            verdict(&m, "n1", &[wrong, silent("n3")], W),
            Verdict::Fence(FenceWhy::NoMajority {
                confirmed: 1,
                members: 3
            })
        );
        // Nor does it veto: a stranger saying "I reach it" is not the member asked.
        let mut stranger = said("n3", Some(1));
        stranger.status.as_mut().unwrap().node_id = "n2".into();
        assert_eq!(
            verdict(&m, "n1", &[said("n2", Some(W)), stranger], W),
            Verdict::Hold {
                confirmed: 2,
                members: 3
            }
        );
    }

    #[test]
    fn five_members_need_two_confirming_peers() {
        let m = members(5);
        let two = [
            said("n2", Some(W)),
            said("n3", None),
            silent("n4"),
            silent("n5"),
        ];
        assert_eq!(
            verdict(&m, "n1", &two, W),
            Verdict::Hold {
                confirmed: 3,
                members: 5
            }
        );
        let one = [
            said("n2", Some(W)),
            silent("n3"),
            silent("n4"),
            silent("n5"),
        ];
        assert_eq!(
            verdict(&m, "n1", &one, W),
            Verdict::Fence(FenceWhy::NoMajority {
                confirmed: 2,
                members: 5
            })
        );
        // Four confirm but one reaches: fence.
        let veto = [
            said("n2", Some(W)),
            said("n3", Some(W)),
            said("n4", Some(W)),
            said("n5", Some(W / 2)),
        ];
        assert!(matches!(
            verdict(&m, "n1", &veto, W),
            Verdict::Fence(FenceWhy::PeerReaches { .. })
        ));
    }

    #[test]
    fn members_without_an_endpoint_count_but_confirm_nothing() {
        let mut m = members(3);
        m[1].url = None;
        m[2].url = None;
        // Nobody can be asked: 1 of 3.
        assert!(matches!(
            verdict(&m, "n1", &[], W),
            Verdict::Fence(FenceWhy::NoMajority { .. })
        ));
    }

    #[test]
    fn its_own_recent_reply_vetoes_too() {
        let m = members(3);
        let peers_confirm = [said("n2", Some(W)), said("n3", Some(W))];
        let mut with_self = peers_confirm.to_vec();
        with_self.push(said("n1", Some(W - 1)));
        assert_eq!(
            verdict(&m, "n1", &with_self, W),
            Verdict::Fence(FenceWhy::PeerReaches {
                node_id: "n1".into(),
                age_ms: W - 1
            })
        );
        // Old enough, or never: itself counts once, as without its own answer.
        for own in [Some(W), None] {
            let mut answers = peers_confirm.to_vec();
            answers.push(said("n1", own));
            assert_eq!(
                verdict(&m, "n1", &answers, W),
                Verdict::Hold {
                    confirmed: 3,
                    members: 3
                }
            );
        }
    }

    #[test]
    fn a_node_outside_its_list_fences() {
        assert_eq!(
            verdict(&members(3), "n7", &[said("n2", None), said("n3", None)], W),
            Verdict::Fence(FenceWhy::NotAMember)
        );
    }

    #[test]
    fn listen_and_advertise_are_checked() {
        assert!(parse_listen("127.0.0.1:0").is_ok());
        assert!(parse_listen("[::1]:7070").is_ok());
        let e = parse_listen("localhost").unwrap_err();
        assert!(e.contains("ADDR:PORT"), "{e}");
        assert_eq!(parse_advertise("10.0.0.5").unwrap(), "10.0.0.5");
        assert_eq!(parse_advertise("[::1]").unwrap(), "::1");
        assert_eq!(parse_advertise("node-1.example").unwrap(), "node-1.example");
        for bad in ["http://x", "x:80", "", "a..b", "-a"] {
            assert!(parse_advertise(bad).is_err(), "{bad}");
        }
    }

    async fn get_status(port: u16, bearer: Option<&str>) -> (u16, String) {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let mut req = client.get(format!("http://127.0.0.1:{port}{STATUS_PATH}"));
        if let Some(b) = bearer {
            req = req.header("authorization", b);
        }
        let resp = req.send().await.unwrap();
        (resp.status().as_u16(), resp.text().await.unwrap())
    }

    #[tokio::test]
    async fn the_endpoint_checks_the_secret_and_answers_its_state() {
        crate::cluster::http::install_crypto_provider();
        let dir = tempfile::tempdir().unwrap();
        let peers = Peers::open("n1", dir.path()).unwrap();
        let ep = Endpoint::start("127.0.0.1:0".parse().unwrap(), None, peers.clone())
            .await
            .unwrap();
        assert_eq!(ep.host.as_deref(), Some("127.0.0.1"));
        // No secret yet: 503, whatever the request carries.
        let (code, body) = get_status(ep.port, Some("Bearer anything")).await;
        assert_eq!(code, 503, "{body}");

        let secret = "s3cret-s3cret-s3cret";
        peers.registered(&Registered {
            terms: LeaseTerms {
                heartbeat_ms: 250,
                lease_ms: 2000,
                reach_ms: 375,
            },
            peer_secret: Some(secret.into()),
        });
        assert_eq!(get_status(ep.port, None).await.0, 401);
        assert_eq!(get_status(ep.port, Some("Bearer wrong")).await.0, 401);
        // The server's DC/OS token form is not a peer bearer.
        assert_eq!(
            get_status(ep.port, Some(&format!("token={secret}")))
                .await
                .0,
            401
        );
        let auth = format!("Bearer {secret}");
        let (code, body) = get_status(ep.port, Some(&auth)).await;
        assert_eq!(code, 200, "{body}");
        let s: PeerStatus = serde_json::from_str(&body).unwrap();
        assert_eq!(
            s,
            PeerStatus {
                node_id: "n1".into(),
                server_age_ms: None,
                members: 0
            }
        );

        peers.replied(&HeartbeatReply {
            heartbeat_ms: 250,
            lease_ms: 2000,
            launches: Vec::new(),
            reach_ms: 375,
            peers: members(3),
        });
        tokio::time::sleep(Duration::from_millis(30)).await;
        let (_, body) = get_status(ep.port, Some(&auth)).await;
        let s: PeerStatus = serde_json::from_str(&body).unwrap();
        assert_eq!(s.members, 3);
        let age = s.server_age_ms.unwrap();
        assert!((30..2000).contains(&age), "{age}");

        // A body larger than the bound is refused.
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let big = client
            .get(format!("http://127.0.0.1:{}{STATUS_PATH}", ep.port))
            .header("authorization", &auth)
            .body(vec![b'x'; 4096])
            .send()
            .await
            .unwrap();
        assert_eq!(big.status().as_u16(), 413);
    }

    #[tokio::test]
    async fn a_veto_fences_at_the_fence_point_but_waits_for_the_last_call_of_a_hold() {
        let dir = tempfile::tempdir().unwrap();
        let peers = Peers::open("n1", dir.path()).unwrap();
        let terms = LeaseTerms {
            heartbeat_ms: 250,
            lease_ms: 2000,
            reach_ms: 375,
        };
        peers.registered(&Registered {
            terms,
            peer_secret: Some("the-secret-value-123".into()),
        });
        // Nobody can be asked (no endpoints): 1 of 3, no majority.
        let mut lonely = members(3);
        for m in &mut lonely {
            m.url = None;
        }
        peers.update(|m| m.peers = lonely);
        let mut lease = Lease::default();
        lease.renewed(dir.path(), Instant::now(), fence::clock_ms(), &terms);
        // At the fence point: fence at once, as without peers.
        assert!(lease.decide(&peers, &terms).await);
        assert!(lease.fenced);

        // After a hold whose watchdog deadline is 2H away, the same verdict waits for the last call.
        let mut lease = Lease {
            next_verdict: Some(Instant::now()),
            watchdog_deadline_ms: fence::clock_ms() + 500,
            ..Lease::default()
        };
        assert!(!lease.decide(&peers, &terms).await);
        assert!(!lease.fenced);
        let wait = lease.decide_at(&terms) - tokio::time::Instant::now();
        assert!(
            wait > Duration::from_millis(300) && wait <= Duration::from_millis(375),
            "{wait:?}"
        );
        // At the last call it fences.
        lease.watchdog_deadline_ms = fence::clock_ms() + 125;
        assert!(lease.decide(&peers, &terms).await);
    }

    #[test]
    fn the_peer_list_is_kept_private_and_read_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("agent");
        let peers = Peers::open("n1", &data).unwrap();
        peers.registered(&Registered {
            terms: LeaseTerms {
                heartbeat_ms: 250,
                lease_ms: 2000,
                reach_ms: 375,
            },
            peer_secret: Some("the-secret-value-123".into()),
        });
        peers.replied(&HeartbeatReply {
            heartbeat_ms: 250,
            lease_ms: 2000,
            launches: Vec::new(),
            reach_ms: 375,
            peers: members(3),
        });
        let file = data.join(PEERS_FILE);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&data), 0o700);
        let back = load(&data);
        assert_eq!(back.peer_secret.as_deref(), Some("the-secret-value-123"));
        assert_eq!(back.reach_ms, 375);
        assert_eq!(back.peers, members(3));
        // A restarted agent knows its members but has not heard from the server itself.
        let again = Peers::open("n1", &data).unwrap();
        assert_eq!(again.members(), 3);
        assert_eq!(again.status().server_age_ms, None);
        // The Display used in logs never shows the secret.
        assert!(!back.to_string().contains("the-secret"));
    }
}
