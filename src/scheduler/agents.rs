//! The registry of agents (nodes), their leases, and the server's half of peer-majority fencing.
//!
//! Registration is persisted (write-ahead) because it decides where pods may go; heartbeats are not — after a
//! server restart every known agent gets a fresh lease window from the restart, which is the safe direction
//! (nothing is declared lost because the *server* was down). A server that stalled (frozen, starved) for more
//! than a heartbeat interval treats itself the same way: silence it could not observe proves nothing.
//!
//! Leases are measured on the monotonic clock, never the wall clock: a wall clock stepped forward (NTP, an
//! operator) would otherwise make every lease look expired at once and move every pod of a healthy cluster.
//! `last_heartbeat_ms` (wall time) is kept for people only.
//!
//! Peer majority (`src/scheduler/README.md`, "Peer majority"): an agent with a peer endpoint may skip fencing
//! while a strict majority of its member list cannot reach the server. So such a node is declared lost only
//! while the server has held a strict majority of that list — in contact, as proven by the nodes' own acks
//! — for a full lease + grace.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::agent::{AgentInfo, LeaseTerms, Peer, Registered};
use crate::scheduler::state::{AgentRecord, AgentStatus, LeaseConfig};
use crate::scheduler::store::{Kind, Store, StoreError, Write, now_ms};

/// Why a registration or a heartbeat was refused, with the reason shown to the agent's operator. The
/// server decides how each is answered on the wire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The registration itself is not acceptable.
    #[error("registration refused: {0}")]
    Invalid(String),
    /// The node never registered (or was forgotten): it must register first.
    #[error("node `{0}` is not registered; register first")]
    NotRegistered(String),
    /// Another live agent process holds the node id.
    #[error("{0}")]
    Taken(String),
    /// The node was declared lost: it must kill its tasks and register again.
    #[error("node `{0}` was declared lost; kill its tasks and register again")]
    Lost(String),
    /// The store could not record the registration.
    #[error("the server cannot record this: {0}")]
    Unrecorded(String),
}

/// What a renewed lease hands back to the agent.
#[derive(Debug, Clone)]
pub struct Renewal {
    pub terms: LeaseTerms,
    /// Every member in join order, with its peer endpoint.
    pub peers: Vec<Peer>,
}

/// A node silent past lease + grace that the server does not declare lost, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub node_id: String,
    pub silent_ms: u64,
    pub reason: String,
}

/// How many recent heartbeat receipts are remembered per node, for the acks that name them.
const RECEIPTS_KEPT: usize = 8;

/// The registry of agents and their leases.
pub struct Agents {
    store: Arc<Store>,
    lease: LeaseConfig,
    /// The secret agents put in their peer requests; handed out with each registration.
    peer_secret: String,
    inner: Mutex<Registry>,
}

#[derive(Default)]
struct Registry {
    records: BTreeMap<String, AgentRecord>,
    /// When each lease was last renewed, on the monotonic clock.
    renewed: BTreeMap<String, Instant>,
    /// Node ids in join order: a member list of size c is the first c of them.
    order: Vec<String>,
    /// When the last few heartbeats of each node arrived, by their `seq`.
    receipts: BTreeMap<String, VecDeque<(u64, Instant)>>,
    /// The newest heartbeat receipt each node confirmed with an ack: never later than the moment the node
    /// itself received the reply, which is what makes the two majorities disjoint-proof.
    credit: BTreeMap<String, Instant>,
    /// For each member-list size in use, since when a strict majority of it has been in contact.
    held_since: BTreeMap<usize, Instant>,
    /// When the majority was last evaluated (a gap longer than a heartbeat is a stalled server).
    last_eval: Option<Instant>,
    /// The silent nodes kept from being declared lost at the last tick.
    kept: Vec<Kept>,
}

impl Registry {
    fn silent(&self, node_id: &str) -> Duration {
        self.renewed
            .get(node_id)
            .map(Instant::elapsed)
            .unwrap_or(Duration::MAX)
    }

    /// In contact: a confirmed heartbeat younger than the freshness window.
    fn fresh(&self, node_id: &str, now: Instant, window: Duration) -> bool {
        self.credit
            .get(node_id)
            .is_some_and(|c| now.saturating_duration_since(*c) < window)
    }

    /// How many of the first `size` members are in contact.
    fn in_contact(&self, size: usize, now: Instant, window: Duration) -> usize {
        self.order[..size.min(self.order.len())]
            .iter()
            .filter(|id| self.fresh(id, now, window))
            .count()
    }

    fn majority(&self, size: usize, now: Instant, window: Duration) -> bool {
        size > 0 && self.in_contact(size, now, window) * 2 > size
    }

    /// Every member-list size some node may judge by, and the current one.
    fn sizes(&self) -> BTreeSet<usize> {
        let mut sizes: BTreeSet<usize> = self
            .records
            .values()
            .flat_map(|r| [r.members_acked as usize, r.members_sent as usize])
            .filter(|&c| c > 0 && c <= self.order.len())
            .collect();
        if !self.order.is_empty() {
            sizes.insert(self.order.len());
        }
        sizes
    }

    /// Drops the majority of every list that no longer has one. Freshness only decays between acks, so
    /// evaluating just before each ack and at every tick sees every loss (a thawed server's first
    /// evaluation sees the whole decay of its freeze).
    fn decay(&mut self, now: Instant, lease: &LeaseConfig) {
        if let Some(last) = self.last_eval
            && now.saturating_duration_since(last) > stall_limit(lease)
        {
            // The server itself was away: every lease starts again, as after a restart.
            for at in self.renewed.values_mut() {
                *at = now;
            }
        }
        self.last_eval = Some(now);
        let window = Duration::from_millis(lease.reach_ms());
        let gone: Vec<usize> = self
            .held_since
            .keys()
            .copied()
            .filter(|&size| !self.majority(size, now, window))
            .collect();
        for size in gone {
            self.held_since.remove(&size);
        }
    }

    /// Starts the clock of every list that has a majority now and had none.
    fn gain(&mut self, now: Instant, lease: &LeaseConfig) {
        let window = Duration::from_millis(lease.reach_ms());
        for size in self.sizes() {
            if !self.held_since.contains_key(&size) && self.majority(size, now, window) {
                self.held_since.insert(size, now);
            }
        }
    }

    fn evaluate(&mut self, now: Instant, lease: &LeaseConfig) {
        self.decay(now, lease);
        self.gain(now, lease);
    }

    /// Whether a node silent past lease + grace may be declared lost now; if not, why.
    fn may_declare(
        &self,
        rec: &AgentRecord,
        now: Instant,
        lease: &LeaseConfig,
    ) -> Result<(), String> {
        if rec.peer_url.is_none() {
            // It fences on its own lease alone (no peer endpoint, so no peer may keep it running).
            return Ok(());
        }
        let settle = Duration::from_millis(lease.settle_ms());
        let window = Duration::from_millis(lease.reach_ms());
        let sizes = [
            rec.members_acked as usize,
            rec.members_sent as usize,
            self.order.len(),
        ];
        for size in sizes.into_iter().filter(|&c| c > 0) {
            match self.held_since.get(&size) {
                Some(since) if now.saturating_duration_since(*since) >= settle => {}
                Some(since) => {
                    let left = settle.saturating_sub(now.saturating_duration_since(*since));
                    return Err(format!(
                        "the server regained contact with a majority of the nodes {} ms ago; a silent node gets a full lease + grace first ({} ms left)",
                        now.saturating_duration_since(*since).as_millis(),
                        left.as_millis()
                    ));
                }
                None => {
                    return Err(format!(
                        "the server is in contact with {} of {size} nodes and declares a node lost only with a strict majority ({}); if the machine is down for good: pxfw node lost {} --force",
                        self.in_contact(size, now, window),
                        size / 2 + 1,
                        rec.info.node_id
                    ));
                }
            }
        }
        Ok(())
    }

    fn peers(&self) -> Vec<Peer> {
        self.order
            .iter()
            .map(|id| Peer {
                node_id: id.clone(),
                url: self.records.get(id).and_then(|r| r.peer_url.clone()),
            })
            .collect()
    }
}

/// A gap this long between two evaluations means the server itself was away (frozen, starved). Shorter
/// gaps need no restart of the leases: a node silent through one is silent for at most the gap plus a
/// heartbeat, less than lease + grace. The engine ticks far more often (every 200 ms).
fn stall_limit(lease: &LeaseConfig) -> Duration {
    Duration::from_millis(lease.grace_ms.max(lease.heartbeat_ms))
}

/// `http://host:port` of a peer endpoint: the advertised host, else the address the registration came from.
fn peer_url(info: &AgentInfo, source: Option<IpAddr>) -> Result<Option<String>, Refusal> {
    let Some(port) = info.peer_port else {
        return Ok(None);
    };
    let host = match (&info.peer_host, source) {
        (Some(h), _) if !h.is_empty() => h.clone(),
        (_, Some(IpAddr::V6(ip))) => format!("[{ip}]"),
        (_, Some(ip)) => ip.to_string(),
        _ => {
            return Err(Refusal::Invalid(
                "the agent gave a peer port but no host, and the server cannot see where it connects from; start it with --advertise HOST".into(),
            ));
        }
    };
    let host = match host.parse::<std::net::Ipv6Addr>() {
        Ok(ip) => format!("[{ip}]"),
        Err(_) => host,
    };
    Ok(Some(format!("http://{host}:{port}")))
}

impl Agents {
    /// Loads the registered agents; each starts a fresh lease window now.
    pub fn load(store: Arc<Store>, lease: LeaseConfig) -> Result<Agents, StoreError> {
        let now = now_ms();
        let mut inner = Registry::default();
        let mut records: Vec<(String, AgentRecord)> = store.list::<AgentRecord>(Kind::Agent)?;
        // Join order: records from before the order was kept (joined = 0) follow, by registration time.
        records.sort_by(|(a, ra), (b, rb)| {
            (ra.joined == 0, ra.joined, ra.registered_ms, a).cmp(&(
                rb.joined == 0,
                rb.joined,
                rb.registered_ms,
                b,
            ))
        });
        let mut writes = Vec::new();
        for (i, (k, mut r)) in records.into_iter().enumerate() {
            if r.joined != i as u64 + 1 {
                r.joined = i as u64 + 1;
                writes.push(Write::put(Kind::Agent, k.clone(), &r));
            }
            r.last_heartbeat_ms = now;
            inner.renewed.insert(k.clone(), Instant::now());
            inner.order.push(k.clone());
            inner.records.insert(k, r);
        }
        store.write(writes)?;
        let peer_secret = match store.get::<String>(Kind::Meta, "peer_secret")? {
            Some(s) => s,
            None => {
                let s = uuid::Uuid::new_v4().simple().to_string()
                    + &uuid::Uuid::new_v4().simple().to_string();
                store.write(vec![Write::put(Kind::Meta, "peer_secret", &s)])?;
                s
            }
        };
        Ok(Agents {
            store,
            lease,
            peer_secret,
            inner: Mutex::new(inner),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn lease(&self) -> LeaseConfig {
        self.lease
    }

    fn terms(&self) -> LeaseTerms {
        LeaseTerms {
            heartbeat_ms: self.lease.heartbeat_ms,
            lease_ms: self.lease.lease_ms,
            reach_ms: self.lease.reach_ms(),
        }
    }

    /// All agents, as stored plus their live heartbeat times.
    pub fn snapshot(&self) -> Vec<AgentRecord> {
        self.lock().records.values().cloned().collect()
    }

    /// How long the agent has been silent (since its lease was last renewed), on the monotonic clock.
    pub fn silent_ms(&self, node_id: &str) -> u64 {
        u64::try_from(self.lock().silent(node_id).as_millis()).unwrap_or(u64::MAX)
    }

    /// The silent nodes the server keeps from being declared lost for want of a majority, with the reason.
    pub fn kept(&self) -> Vec<Kept> {
        self.lock().kept.clone()
    }

    /// Accepts a registration, or refuses it with the reason. `source` is the address the request came
    /// from, used for the peer endpoint when the agent does not advertise a host.
    pub fn register(&self, info: AgentInfo, source: Option<IpAddr>) -> Result<Registered, Refusal> {
        info.validate().map_err(Refusal::Invalid)?;
        let peer_url = peer_url(&info, source)?;
        let now = now_ms();
        let mut agents = self.lock();
        let existing = agents.records.get(&info.node_id).cloned();
        if let Some(existing) = &existing {
            let silent = agents.silent(&info.node_id);
            let alive = existing.status == AgentStatus::Active
                && silent < Duration::from_millis(self.lease.lease_ms);
            if alive && existing.info.instance != info.instance {
                return Err(Refusal::Taken(format!(
                    "node id `{}` is already registered by a live agent (last heartbeat {} ms ago); stop it or use another --node-id",
                    info.node_id,
                    silent.as_millis()
                )));
            }
        }
        let joined = match &existing {
            Some(r) => r.joined,
            None => agents.order.len() as u64 + 1,
        };
        let record = AgentRecord {
            info: info.clone(),
            status: AgentStatus::Active,
            registered_ms: now,
            last_heartbeat_ms: now,
            joined,
            peer_url,
            members_acked: existing.as_ref().map_or(0, |r| r.members_acked),
            members_sent: existing.as_ref().map_or(0, |r| r.members_sent),
        };
        self.store
            .write(vec![
                Write::put(Kind::Agent, info.node_id.clone(), &record),
                Write::event(
                    "agent-registered",
                    &serde_json::json!({"node": info.node_id, "instance": info.instance}),
                ),
            ])
            .map_err(|e| Refusal::Unrecorded(e.to_string()))?;
        if existing.is_none() {
            agents.order.push(info.node_id.clone());
        }
        // A new process counts its heartbeats from zero again.
        agents.receipts.remove(&info.node_id);
        agents.renewed.insert(info.node_id.clone(), Instant::now());
        agents.records.insert(info.node_id.clone(), record);
        Ok(Registered {
            terms: self.terms(),
            peer_secret: Some(self.peer_secret.clone()),
        })
    }

    fn check<'a>(
        agents: &'a mut Registry,
        node_id: &str,
        instance: &str,
    ) -> Result<&'a mut AgentRecord, Refusal> {
        let Some(rec) = agents.records.get_mut(node_id) else {
            return Err(Refusal::NotRegistered(node_id.to_owned()));
        };
        if rec.info.instance != instance {
            return Err(Refusal::Taken(format!(
                "another agent process now owns node `{node_id}`; this one must stop"
            )));
        }
        if rec.status == AgentStatus::Lost {
            return Err(Refusal::Lost(node_id.to_owned()));
        }
        Ok(rec)
    }

    /// Renews a lease. A node declared lost must re-register (and kill its old tasks first). `seq` names
    /// this heartbeat for its ack; `members` is the size of the member list the node judges by.
    pub fn heartbeat(
        &self,
        node_id: &str,
        instance: &str,
        seq: u64,
        members: u32,
    ) -> Result<Renewal, Refusal> {
        let mut agents = self.lock();
        let current = agents.order.len() as u32;
        let rec = Self::check(&mut agents, node_id, instance)?;
        rec.last_heartbeat_ms = now_ms();
        if rec.members_acked != members || rec.members_sent != current {
            // Rare (a node joined): kept across a server restart, since a silent node is judged by it.
            rec.members_acked = members;
            rec.members_sent = current;
            let stored = rec.clone();
            self.store
                .write(vec![Write::put(Kind::Agent, node_id.to_owned(), &stored)])
                .map_err(|e| Refusal::Unrecorded(e.to_string()))?;
        }
        let now = Instant::now();
        agents.renewed.insert(node_id.to_owned(), now);
        let receipts = agents.receipts.entry(node_id.to_owned()).or_default();
        receipts.push_back((seq, now));
        while receipts.len() > RECEIPTS_KEPT {
            receipts.pop_front();
        }
        Ok(Renewal {
            terms: self.terms(),
            peers: agents.peers(),
        })
    }

    /// The node received the reply to heartbeat `seq`: from now on that heartbeat counts toward the
    /// server's majority. An unknown `seq` (too old, or from before a restart) is ignored.
    pub fn ack(&self, node_id: &str, instance: &str, seq: u64) -> Result<(), Refusal> {
        let mut agents = self.lock();
        Self::check(&mut agents, node_id, instance)?;
        let Some(at) = agents
            .receipts
            .get(node_id)
            .and_then(|r| r.iter().find(|(s, _)| *s == seq).map(|(_, at)| *at))
        else {
            return Ok(());
        };
        let now = Instant::now();
        agents.decay(now, &self.lease);
        let credit = agents.credit.entry(node_id.to_owned()).or_insert(at);
        if *credit < at {
            *credit = at;
        }
        agents.gain(now, &self.lease);
        Ok(())
    }

    /// Declares lost every agent whose lease plus grace has passed and that the majority rule lets go;
    /// returns their ids (persisted first).
    pub fn expire(&self) -> Result<Vec<String>, StoreError> {
        let limit = Duration::from_millis(self.lease.lease_ms + self.lease.grace_ms);
        let now = Instant::now();
        let mut agents = self.lock();
        agents.evaluate(now, &self.lease);
        let mut lost = Vec::new();
        let mut kept = Vec::new();
        let mut writes = Vec::new();
        for (id, rec) in &agents.records {
            let silent = agents.silent(id);
            if rec.status != AgentStatus::Active || silent <= limit {
                continue;
            }
            let silent_ms = silent.as_millis() as u64;
            match agents.may_declare(rec, now, &self.lease) {
                Ok(()) => {
                    let mut r = rec.clone();
                    r.status = AgentStatus::Lost;
                    writes.push(Write::put(Kind::Agent, id.clone(), &r));
                    writes.push(Write::event(
                        "agent-lost",
                        &serde_json::json!({"node": id, "silent_ms": silent_ms}),
                    ));
                    lost.push(id.clone());
                }
                Err(reason) => {
                    if !agents.kept.iter().any(|k| &k.node_id == id) {
                        writes.push(Write::event(
                            "agent-silent-kept",
                            &serde_json::json!({"node": id, "silent_ms": silent_ms, "reason": reason}),
                        ));
                    }
                    kept.push(Kept {
                        node_id: id.clone(),
                        silent_ms,
                        reason,
                    });
                }
            }
        }
        self.store.write(writes)?;
        for id in &lost {
            if let Some(r) = agents.records.get_mut(id) {
                r.status = AgentStatus::Lost;
            }
        }
        agents.kept = kept;
        Ok(lost)
    }
}

/// Why `pxfw node lost` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LostRefusal {
    #[error("no node `{node}`; the known nodes are: {}", .known.join(", "))]
    Unknown { node: String, known: Vec<String> },
    #[error(
        "declaring node `{0}` lost needs --force: it tells the server that the machine is down, so its pods start on other nodes with their volumes detached by force; if the machine still runs them, two copies write the same data"
    )]
    NotForced(String),
    #[error("node `{0}` is already lost; its pods are moving (see `pxfw plan status recovery`)")]
    AlreadyLost(String),
    #[error(
        "node `{node}` renewed its lease {silent_ms} ms ago, within lease + grace ({limit_ms} ms): it is alive, so it is not declared lost; to move its pods away use `pxfw node drain {node}`"
    )]
    Alive {
        node: String,
        silent_ms: u64,
        limit_ms: u64,
    },
    #[error("the server cannot record this: {0}")]
    Unrecorded(String),
}

impl Agents {
    /// The operator's word that a silent node's machine is down (`pxfw node lost NODE --force`), for
    /// when the server cannot decide it alone (too few nodes for a majority). Refused without `force`,
    /// and for a node that renewed its lease within lease + grace: that node is alive and may still run
    /// its tasks, so declaring it lost could make two writers. Recorded (event `agent-lost`,
    /// `forced: true`) before it takes effect.
    pub fn declare_lost(&self, node_id: &str, force: bool) -> Result<(), LostRefusal> {
        let mut agents = self.lock();
        let Some(rec) = agents.records.get(node_id) else {
            return Err(LostRefusal::Unknown {
                node: node_id.to_owned(),
                known: agents.records.keys().cloned().collect(),
            });
        };
        if !force {
            return Err(LostRefusal::NotForced(node_id.to_owned()));
        }
        if rec.status == AgentStatus::Lost {
            return Err(LostRefusal::AlreadyLost(node_id.to_owned()));
        }
        let silent = agents.silent(node_id);
        let limit = Duration::from_millis(self.lease.lease_ms + self.lease.grace_ms);
        let silent_ms = u64::try_from(silent.as_millis()).unwrap_or(u64::MAX);
        if silent <= limit {
            return Err(LostRefusal::Alive {
                node: node_id.to_owned(),
                silent_ms,
                limit_ms: self.lease.lease_ms + self.lease.grace_ms,
            });
        }
        let mut lost = rec.clone();
        lost.status = AgentStatus::Lost;
        self.store
            .write(vec![
                Write::put(Kind::Agent, node_id.to_owned(), &lost),
                Write::event(
                    "agent-lost",
                    &serde_json::json!({"node": node_id, "silent_ms": silent_ms, "forced": true}),
                ),
            ])
            .map_err(|e| LostRefusal::Unrecorded(e.to_string()))?;
        agents.records.insert(node_id.to_owned(), lost);
        // No longer a silent node kept from being declared: its pods move now.
        agents.kept.retain(|k| k.node_id != node_id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(node: &str) -> AgentInfo {
        AgentInfo {
            node_id: node.into(),
            topology: crate::api::topology::Topology::new(format!("host-{node}")),
            cpus: 1.0,
            mem_mb: 1024,
            disk_mb: 1024,
            instance: "i-1".into(),
            peer_port: None,
            peer_host: None,
        }
    }

    #[test]
    fn a_wall_clock_step_neither_expires_nor_extends_a_lease() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let lease = LeaseConfig {
            heartbeat_ms: 50,
            lease_ms: 200,
            grace_ms: 100,
        };
        let agents = Agents::load(store, lease).unwrap();
        agents.register(info("n1"), None).unwrap();
        // The wall clock steps one hour forward: the wall-time record looks an hour stale.
        agents
            .lock()
            .records
            .get_mut("n1")
            .unwrap()
            .last_heartbeat_ms -= 3_600_000;
        assert!(agents.expire().unwrap().is_empty());
        assert!(agents.silent_ms("n1") < 200);
        // ...or one hour back: the record looks fresh, yet silence past lease + grace still loses the node.
        agents
            .lock()
            .records
            .get_mut("n1")
            .unwrap()
            .last_heartbeat_ms += 7_200_000;
        // The engine evaluates every tick; silence past lease + grace then loses the node.
        let mut lost = Vec::new();
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(20));
            lost.extend(agents.expire().unwrap());
        }
        assert_eq!(lost, ["n1"]);
        let refused = agents.heartbeat("n1", "i-1", 1, 0).unwrap_err();
        assert_eq!(refused, Refusal::Lost("n1".into()));
    }

    const LEASE: LeaseConfig = LeaseConfig {
        heartbeat_ms: 100,
        lease_ms: 500,
        grace_ms: 200,
    };

    /// A registry of `n` members joined in order `n1..`, all with peer endpoints, judging by the full list.
    fn members(n: usize) -> Registry {
        let mut r = Registry::default();
        for i in 1..=n {
            let id = format!("n{i}");
            let mut inf = info(&id);
            inf.peer_port = Some(7000);
            r.records.insert(
                id.clone(),
                AgentRecord {
                    info: inf,
                    status: AgentStatus::Active,
                    registered_ms: 0,
                    last_heartbeat_ms: 0,
                    joined: i as u64,
                    peer_url: Some(format!("http://10.0.0.{i}:7000")),
                    members_acked: n as u32,
                    members_sent: n as u32,
                },
            );
            r.order.push(id);
        }
        r
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Confirmed heartbeats from `ids` every 100 ms over `steps` (in units of 100 ms after `t0`), each
    /// followed by an evaluation, as acks and ticks do.
    fn keep_in_contact(r: &mut Registry, ids: &[&str], t0: Instant, steps: std::ops::Range<u64>) {
        for step in steps {
            let now = t0 + ms(step * 100);
            for id in ids {
                r.credit.insert((*id).into(), now);
            }
            r.evaluate(now, &LEASE);
        }
    }

    #[test]
    fn a_node_is_declared_lost_only_after_a_majority_held_for_lease_and_grace() {
        let t0 = Instant::now();
        let mut r = members(3);
        // n2 and n3 confirm heartbeats; n1 is silent.
        r.credit.insert("n2".into(), t0);
        r.credit.insert("n3".into(), t0);
        r.evaluate(t0, &LEASE);
        let n1 = r.records["n1"].clone();
        let err = r.may_declare(&n1, t0 + ms(100), &LEASE).unwrap_err();
        assert!(err.contains("full lease + grace"), "{err}");
        // Keep the majority fresh until lease + grace (700 ms) has passed.
        keep_in_contact(&mut r, &["n2", "n3"], t0, 1..9);
        assert_eq!(r.may_declare(&n1, t0 + ms(800), &LEASE), Ok(()));
    }

    #[test]
    fn without_a_majority_a_silent_node_is_kept_and_the_reason_names_the_way_out() {
        let t0 = Instant::now();
        // 1 of 3 in contact.
        let mut r = members(3);
        r.credit.insert("n2".into(), t0);
        r.evaluate(t0, &LEASE);
        let err = r
            .may_declare(&r.records["n1"].clone(), t0, &LEASE)
            .unwrap_err();
        assert!(
            err.contains("1 of 3 nodes") && err.contains("strict majority (2)"),
            "{err}"
        );
        assert!(err.contains("pxfw node lost n1 --force"), "{err}");
        // Two nodes: the survivor alone is never a strict majority, however long it waits.
        let mut r = members(2);
        keep_in_contact(&mut r, &["n2"], t0, 0..20);
        let err = r
            .may_declare(&r.records["n1"].clone(), t0 + ms(2000), &LEASE)
            .unwrap_err();
        assert!(err.contains("1 of 2 nodes"), "{err}");
    }

    #[test]
    fn a_node_without_a_peer_endpoint_fences_alone_and_needs_no_majority() {
        let t0 = Instant::now();
        let mut r = members(2);
        let mut n1 = r.records["n1"].clone();
        n1.peer_url = None;
        r.evaluate(t0, &LEASE);
        assert_eq!(r.may_declare(&n1, t0, &LEASE), Ok(()));
    }

    #[test]
    fn losing_the_majority_restarts_the_whole_wait() {
        let t0 = Instant::now();
        let mut r = members(3);
        keep_in_contact(&mut r, &["n2", "n3"], t0, 0..10);
        let n1 = r.records["n1"].clone();
        assert_eq!(r.may_declare(&n1, t0 + ms(900), &LEASE), Ok(()));
        // n3 falls silent past the freshness window (150 ms): the majority is gone.
        keep_in_contact(&mut r, &["n2"], t0, 10..13);
        assert!(r.may_declare(&n1, t0 + ms(1200), &LEASE).is_err());
        // It comes back: n1 still gets a full lease + grace from then.
        let back = t0 + ms(1300);
        r.credit.insert("n3".into(), back);
        r.credit.insert("n2".into(), back);
        r.evaluate(back, &LEASE);
        assert!(r.may_declare(&n1, back + ms(600), &LEASE).is_err());
        keep_in_contact(&mut r, &["n2", "n3"], back, 1..8);
        assert_eq!(r.may_declare(&n1, back + ms(700), &LEASE), Ok(()));
    }

    #[test]
    fn a_node_is_judged_by_the_member_list_it_knows() {
        // Five members now, but n1 last knew only the first three: n4 and n5 in contact are no majority of
        // that list (n2, n3 silent), so n1 may be running on a majority of its own list and is kept.
        let t0 = Instant::now();
        let mut r = members(5);
        for id in ["n1", "n2", "n3"] {
            let rec = r.records.get_mut(id).unwrap();
            rec.members_acked = 3;
            rec.members_sent = 3;
        }
        keep_in_contact(&mut r, &["n4", "n5", "n2"], t0, 0..10);
        // n2, n4, n5: a majority of five, and of the first three? n2 only: 1 of 3.
        let err = r
            .may_declare(&r.records["n1"].clone(), t0 + ms(900), &LEASE)
            .unwrap_err();
        assert!(err.contains("1 of 3 nodes"), "{err}");
    }

    #[test]
    fn heartbeats_count_toward_the_majority_only_once_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let agents = Agents::load(store, LEASE).unwrap();
        for n in ["n1", "n2", "n3"] {
            let mut i = info(n);
            i.peer_port = Some(7000);
            let reg = agents
                .register(i, Some("10.1.0.9".parse().unwrap()))
                .unwrap();
            assert_eq!(reg.terms.reach_ms, 150);
            assert!(reg.peer_secret.as_deref().is_some_and(|s| s.len() >= 32));
        }
        let renewal = agents.heartbeat("n2", "i-1", 1, 3).unwrap();
        assert_eq!(renewal.peers.len(), 3);
        assert_eq!(renewal.peers[0].node_id, "n1");
        assert_eq!(
            renewal.peers[0].url.as_deref(),
            Some("http://10.1.0.9:7000")
        );
        agents.heartbeat("n3", "i-1", 1, 3).unwrap();
        let now = Instant::now();
        assert!(!agents.lock().majority(3, now, ms(150)));
        // An ack of a heartbeat never seen changes nothing; the right ones make the majority.
        agents.ack("n2", "i-1", 99).unwrap();
        assert!(!agents.lock().fresh("n2", Instant::now(), ms(150)));
        agents.ack("n2", "i-1", 1).unwrap();
        agents.ack("n3", "i-1", 1).unwrap();
        assert!(agents.lock().majority(3, Instant::now(), ms(150)));
        assert_eq!(
            agents.ack("n3", "i-other", 1),
            Err(Refusal::Taken(
                "another agent process now owns node `n3`; this one must stop".into()
            ))
        );
    }

    #[test]
    fn a_stalled_server_gives_every_lease_a_fresh_start() {
        let t0 = Instant::now();
        let mut r = members(2);
        r.renewed.insert("n1".into(), t0);
        r.evaluate(t0, &LEASE);
        // Frozen for 10 leases (far past the stall limit, max(grace, heartbeat) = 200 ms): the first
        // evaluation after it renews every lease from now.
        let thaw = t0 + ms(5000);
        r.evaluate(thaw, &LEASE);
        assert_eq!(r.renewed["n1"], thaw);
    }

    #[test]
    fn the_peer_url_comes_from_the_advertised_host_or_the_source_address() {
        let mut i = info("n1");
        assert_eq!(peer_url(&i, None), Ok(None));
        i.peer_port = Some(7001);
        assert_eq!(
            peer_url(&i, Some("10.0.0.5".parse().unwrap())),
            Ok(Some("http://10.0.0.5:7001".into()))
        );
        assert_eq!(
            peer_url(&i, Some("fd00::5".parse().unwrap())),
            Ok(Some("http://[fd00::5]:7001".into()))
        );
        assert!(
            matches!(peer_url(&i, None), Err(Refusal::Invalid(m)) if m.contains("--advertise"))
        );
        i.peer_host = Some("node-1.example".into());
        assert_eq!(
            peer_url(&i, None),
            Ok(Some("http://node-1.example:7001".into()))
        );
    }
}

#[cfg(test)]
mod declare_lost_tests {
    use super::*;

    #[test]
    fn a_node_is_declared_lost_only_by_force_and_only_once_silent_past_lease_and_grace() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let lease = LeaseConfig {
            heartbeat_ms: 50,
            lease_ms: 200,
            grace_ms: 100,
        };
        let agents = Agents::load(store.clone(), lease).unwrap();
        let mut n1 = AgentInfo {
            node_id: "n1".into(),
            topology: crate::api::topology::Topology::new("host-n1"),
            cpus: 1.0,
            mem_mb: 1024,
            disk_mb: 1024,
            instance: "i-1".into(),
            peer_port: None,
            peer_host: None,
        };
        agents.register(n1.clone(), None).unwrap();
        n1.node_id = "n2".into();
        agents.register(n1, None).unwrap();
        assert_eq!(
            agents.declare_lost("n9", true).unwrap_err().to_string(),
            "no node `n9`; the known nodes are: n1, n2"
        );
        assert_eq!(
            agents.declare_lost("n1", false),
            Err(LostRefusal::NotForced("n1".into()))
        );
        // Renewed just now: alive, whatever the operator says.
        assert!(matches!(
            agents.declare_lost("n1", true),
            Err(LostRefusal::Alive { limit_ms: 300, .. })
        ));
        std::thread::sleep(Duration::from_millis(350));
        agents.heartbeat("n2", "i-1", 1, 0).unwrap();
        agents.declare_lost("n1", true).unwrap();
        assert_eq!(
            agents.declare_lost("n1", true),
            Err(LostRefusal::AlreadyLost("n1".into()))
        );
        assert_eq!(
            agents.heartbeat("n1", "i-1", 2, 0).unwrap_err(),
            Refusal::Lost("n1".into())
        );
        // Durable, with the operator's hand on record.
        let events = store.events(Some("agent-lost"), 0).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].data["node"], "n1");
        assert_eq!(events[0].data["forced"], true);
        let stored: AgentRecord = store.get(Kind::Agent, "n1").unwrap().unwrap();
        assert_eq!(stored.status, AgentStatus::Lost);
    }
}
