//! Volumes for the embedded scheduler: one [`VolumeDriver`] trait, two drivers.
//!
//! * [`local::LocalDriver`] (the default) keeps volumes as directories in a pool on this machine, with
//!   Portworx-like metadata (replica nodes chosen rack-aware, exclusive attachment, attach history) so the
//!   scheduler exercises convergence and failover exactly as it would on Portworx.
//! * [`portworx::PortworxDriver`] talks to a Portworx cluster through the OpenStorage SDK REST gateway
//!   (`crate::portworx`).
//!
//! The trait speaks in volume *names*, because naming is identity (DESIGN.md): a pod re-deployed anywhere
//! asks for the same name and gets the same data. Every mutating call is idempotent so the scheduler can
//! repeat a write-ahead decision after a crash without creating, attaching or deleting anything twice.
//!
//! The attach history (every attach/detach with a timestamp) lets tests prove there were never two
//! writers; [`VolumeDriver::force_detach`] releases a fenced node's attachment.
//!
//! Snapshots ([`snapshot`]) are taken in groups, all or nothing, so a whole service can be cut at one
//! instant: the local pool copies (or reflinks) every volume while the caller holds the service's tasks
//! frozen; Portworx takes the group with its legacy group-snapshot call, which quiesces I/O itself.

pub(crate) mod copy;
pub mod local;
pub mod name;
pub mod portworx;
pub mod replicas;
pub mod request;
pub mod snapshot;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

pub use name::validate_name;
pub use replicas::{ReplicaCandidates, choose_replicas};
pub use request::{VolumeOptions, VolumeRequest};
pub use snapshot::{
    GROUP_LABEL, GroupSnapshotFailure, Snapshot, SnapshotMethod, VOLUME_LABEL,
    VolumeSnapshotOutcome, VolumeSnapshotReport,
};

/// One agent (node) as the scheduler knows it; `--node-id` of `pxfw agent`.
pub type NodeId = String;

/// Where a node sits, as far as replica placement cares: the levels of the node's
/// [`Topology`](crate::api::topology::Topology) under its id (see [`NodeTopology::of`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeTopology {
    pub id: NodeId,
    #[serde(default)]
    pub rack: Option<String>,
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

impl NodeTopology {
    /// The replica placer's view of node `id` with topology `t`.
    pub fn of(id: impl Into<String>, t: &crate::api::topology::Topology) -> Self {
        NodeTopology {
            id: id.into(),
            rack: t.rack.clone(),
            zone: t.zone.clone(),
            region: t.region.clone(),
        }
    }

    pub fn new(id: impl Into<String>) -> Self {
        NodeTopology {
            id: id.into(),
            ..Default::default()
        }
    }
    pub fn rack(mut self, rack: impl Into<String>) -> Self {
        self.rack = Some(rack.into());
        self
    }
    pub fn zone(mut self, zone: impl Into<String>) -> Self {
        self.zone = Some(zone.into());
        self
    }
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
}

/// A point in time, stored as RFC 3339 (millisecond precision) so metadata files stay readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub SystemTime);

impl Timestamp {
    pub fn now() -> Self {
        // Truncated to milliseconds so a value survives a round trip through its text form unchanged.
        let since = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(SystemTime::UNIX_EPOCH + Duration::from_millis(since.as_millis() as u64))
    }
    pub fn parse(text: &str) -> Option<Self> {
        humantime::parse_rfc3339_weak(text).ok().map(Timestamp)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", humantime::format_rfc3339_millis(self.0))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not an RFC 3339 time")))
    }
}

/// What happened to an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachAction {
    Attach,
    Detach,
    /// Released on behalf of a node that was fenced (its lease ended), not by the node itself.
    ForceDetach,
}

/// One entry of a volume's attach history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachEvent {
    pub node: NodeId,
    pub action: AttachAction,
    pub at: Timestamp,
}

/// A volume as a driver reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volume {
    pub name: String,
    /// The driver's own id (a UUID for the local pool, the Portworx volume id).
    pub id: String,
    pub size_mb: u64,
    /// Requested replica count (`repl`).
    pub repl: u32,
    /// Nodes holding a replica; the first is the one the volume was created for.
    pub replica_nodes: Vec<NodeId>,
    pub attached_node: Option<NodeId>,
    pub labels: BTreeMap<String, String>,
    /// Consistency group (`group=` option); a group snapshot covers every volume of one group.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub shared: bool,
    pub created_at: Option<Timestamp>,
    /// Every attach and detach, oldest first. The Portworx driver only knows the current attachment.
    #[serde(default)]
    pub attach_history: Vec<AttachEvent>,
}

/// Where an attached volume is reachable on its node; the agent symlinks the task's container path to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub volume: String,
    pub node: NodeId,
    pub host_path: PathBuf,
}

/// Every failure a volume operation can report. Messages say what was wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    #[error("invalid volume name `{name}`: {reason}")]
    InvalidName { name: String, reason: String },
    #[error("volume `{volume}`: driver option `{option}`: {detail}")]
    InvalidOption {
        volume: String,
        option: String,
        detail: String,
    },
    #[error(
        "volume `{volume}` has no size: give `size:` (MB) in the spec or `size=<N>[M|G|T]` in its driver options"
    )]
    NoSize { volume: String },
    #[error(
        "volume `{volume}` is a local (ROOT/MOUNT/PATH) volume with no external name; only DOCKER volumes go through a volume driver"
    )]
    NotExternal { volume: String },
    #[error(
        "volume `{name}` already exists with {existing_mb} MB, but {requested_mb} MB was asked for; a volume's size cannot change through create (delete it first, or keep its size in the spec)"
    )]
    SizeMismatch {
        name: String,
        existing_mb: u64,
        requested_mb: u64,
    },
    #[error("volume `{name}` already exists with different settings: {detail}")]
    Conflict { name: String, detail: String },
    #[error("volume `{name}` does not exist")]
    NotFound { name: String },
    #[error(
        "volume `{name}` is attached on node `{attached}`, so it cannot be attached on `{requested}`; detach it there first (or wait until that node is declared lost)"
    )]
    AttachedElsewhere {
        name: String,
        attached: NodeId,
        requested: NodeId,
    },
    #[error("volume `{name}` is still attached on node `{node}`; detach it before deleting it")]
    StillAttached { name: String, node: NodeId },
    #[error(
        "volume pool {pool} is full: volume `{name}` needs {requested_mb} MB but only {free_mb} MB of {capacity_mb} MB is free; delete unused volumes or give the pool more capacity"
    )]
    PoolFull {
        pool: String,
        name: String,
        requested_mb: u64,
        free_mb: u64,
        capacity_mb: u64,
    },
    #[error(
        "volume `{name}` wants {repl} replicas but only {available} eligible node(s) are known; lower `repl` or add nodes"
    )]
    NotEnoughNodes {
        name: String,
        repl: u32,
        available: usize,
    },
    #[error("{0}")]
    Placement(String),
    #[error("node `{node}` is not known to the storage driver: {detail}")]
    UnknownNode { node: NodeId, detail: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("corrupt volume metadata {path}: {detail}; repair or remove that file")]
    Corrupt { path: String, detail: String },
    #[error("storage backend: {0}")]
    Backend(#[from] crate::portworx::OpenStorageError),
    #[error("invalid snapshot request: {detail}")]
    InvalidSnapshotRequest { detail: String },
    #[error("snapshot `{id}` does not exist; `snapshot list` shows the snapshots there are")]
    SnapshotNotFound { id: String },
    #[error(
        "a group snapshot named `{group}` already exists ({count} snapshot(s)); choose another name or delete that one first"
    )]
    SnapshotNameTaken { group: String, count: usize },
    #[error("{0}")]
    GroupSnapshotFailed(Box<GroupSnapshotFailure>),
    #[error(
        "volume `{volume}` is attached on node `{node}`; stop the task using it there (so it is detached) before restoring a snapshot into it"
    )]
    RestoreAttached { volume: String, node: NodeId },
    #[error(
        "snapshot `{snapshot}` was taken of volume `{snapshot_volume}`, not of `{volume}`; restore it into `{snapshot_volume}`, or clone it into a new volume"
    )]
    SnapshotOfOtherVolume {
        snapshot: String,
        snapshot_volume: String,
        volume: String,
    },
    #[error(
        "volume `{volume}` was still being restored after {seconds} s; check it with `pxctl volume inspect` before starting its tasks"
    )]
    RestoreUnfinished { volume: String, seconds: u64 },
    #[error(
        "volume `{volume}` has {volume_mb} MB but snapshot `{snapshot}` holds a volume of {snapshot_mb} MB; the target must be at least as large"
    )]
    TooSmallForSnapshot {
        volume: String,
        snapshot: String,
        volume_mb: u64,
        snapshot_mb: u64,
    },
}

impl VolumeError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        VolumeError::Io {
            context: context.into(),
            source,
        }
    }
}

/// What the storage backend says of one node, apart from the host itself (the agent's lease says whether
/// the host is up). Mapped from Portworx's node status as Stork maps it (contract §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeStorage {
    Up,
    /// Pools slowed (rebalance, drive replacement, degraded): replicas still serve I/O.
    Degraded,
    /// The node's pools are down but its storage daemon runs: volumes attached there are still served
    /// through replicas on other nodes.
    StorageDown,
    /// The storage daemon on the node is not serving: volumes attached there cannot do I/O.
    Offline,
}

impl NodeStorage {
    /// Whether the node's own pools still serve I/O (nothing to judge about its pods).
    pub fn serves_io(self) -> bool {
        matches!(self, NodeStorage::Up | NodeStorage::Degraded)
    }
}

/// Whether a volume's data can be served, from any replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VolumeHealth {
    Up,
    /// Some replicas are unavailable; the others serve I/O.
    Degraded,
    /// No replica can serve it.
    Down,
}

/// The volume operations the scheduler and agents need. Every call is idempotent; see each method.
#[async_trait::async_trait]
pub trait VolumeDriver: Send + Sync {
    fn kind(&self) -> DriverKind;

    /// Creates the volume, or returns it when it already exists with the same size (a different size is
    /// [`VolumeError::SizeMismatch`]). Replicas are spread over `placement.nodes`, distinct racks first,
    /// starting on `placement.preferred` (the node the pod is placed on).
    async fn create(
        &self,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError>;

    /// The volume by name, or `None` when it does not exist.
    async fn inspect(&self, name: &str) -> Result<Option<Volume>, VolumeError>;

    /// Every volume carrying all of `labels` (all volumes for an empty map), sorted by name.
    async fn list(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Volume>, VolumeError>;

    /// Attaches the volume exclusively on `node`. Already attached there: returns the same attachment.
    /// Attached on another node: [`VolumeError::AttachedElsewhere`] naming that node.
    async fn attach(&self, name: &str, node: &str) -> Result<Attachment, VolumeError>;

    /// Releases `node`'s attachment. A volume that is absent, detached, or attached on another node is
    /// left alone and this returns Ok: a late detach from a fenced node must not undo a newer attachment.
    async fn detach(&self, name: &str, node: &str) -> Result<(), VolumeError>;

    /// Releases the attachment of `lost_node` without its cooperation, once the caller knows that node is
    /// fenced (its lease ended). Same idempotence as [`VolumeDriver::detach`]; recorded as a force detach.
    async fn force_detach(&self, name: &str, lost_node: &str) -> Result<(), VolumeError>;

    /// Deletes the volume and its data. Absent: Ok. Attached: [`VolumeError::StillAttached`].
    async fn delete(&self, name: &str) -> Result<(), VolumeError>;

    /// Where the volume's data appears on the node it is attached to.
    fn host_path(&self, name: &str) -> Result<PathBuf, VolumeError>;

    /// Snapshots every volume of `volumes` as one group called `group`, all or nothing: when any volume
    /// fails, the snapshots already taken are deleted and the error is
    /// [`VolumeError::GroupSnapshotFailed`], volume by volume. A group name already used is
    /// [`VolumeError::SnapshotNameTaken`]. Returns the snapshots in the order of `volumes`.
    ///
    /// Consistency across volumes is the caller's job on the local pool (freeze the tasks first); on
    /// Portworx the backend quiesces I/O across the group itself.
    async fn snapshot_group(
        &self,
        volumes: &[String],
        group: &str,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError>;

    /// Every snapshot carrying all of `labels` (all snapshots for an empty map), sorted by group then
    /// volume. [`GROUP_LABEL`] selects one group.
    async fn list_snapshots(
        &self,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError>;

    /// The snapshot by id, or `None` when it does not exist.
    async fn inspect_snapshot(&self, id: &str) -> Result<Option<Snapshot>, VolumeError>;

    /// Deletes the snapshot. Absent: Ok.
    async fn delete_snapshot(&self, id: &str) -> Result<(), VolumeError>;

    /// Replaces the data of `volume` with the snapshot's. The volume must be detached (else
    /// [`VolumeError::RestoreAttached`] naming the node) and the snapshot must be of that volume.
    async fn restore(&self, volume: &str, snapshot_id: &str) -> Result<(), VolumeError>;

    /// Creates the volume `req` with the snapshot's data (a clone). Idempotent: the volume already
    /// cloned from this snapshot is returned; a volume of that name with other data is
    /// [`VolumeError::Conflict`]. `req.size_mb` must be at least the snapshot's size.
    async fn create_from_snapshot(
        &self,
        snapshot_id: &str,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError>;

    /// The storage state of every node the backend knows, by agent node id. Empty where storage cannot
    /// fail apart from its host (the local pool is a directory of the host).
    async fn node_storage(&self) -> Result<BTreeMap<NodeId, NodeStorage>, VolumeError> {
        Ok(BTreeMap::new())
    }

    /// Whether the volume's data can be served; `None` when it does not exist.
    async fn volume_health(&self, name: &str) -> Result<Option<VolumeHealth>, VolumeError> {
        Ok(self.inspect(name).await?.map(|_| VolumeHealth::Up))
    }
}

/// `--volume-driver local|portworx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DriverKind {
    /// A pool directory on this machine shared by the local agents.
    #[default]
    Local,
    /// A Portworx cluster through the OpenStorage SDK REST gateway.
    Portworx,
}

impl std::fmt::Display for DriverKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DriverKind::Local => "local",
            DriverKind::Portworx => "portworx",
        })
    }
}

impl std::str::FromStr for DriverKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "local" => Ok(DriverKind::Local),
            "portworx" => Ok(DriverKind::Portworx),
            other => Err(format!(
                "unknown volume driver `{other}`: use `local` or `portworx`"
            )),
        }
    }
}

/// Everything needed to open a driver.
// Built once when a server starts; boxing the larger variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum DriverConfig {
    Local(local::LocalConfig),
    Portworx(portworx::PortworxConfig),
}

impl DriverConfig {
    pub fn kind(&self) -> DriverKind {
        match self {
            DriverConfig::Local(_) => DriverKind::Local,
            DriverConfig::Portworx(_) => DriverKind::Portworx,
        }
    }
}

/// Opens the configured driver.
pub fn open(config: DriverConfig) -> Result<Arc<dyn VolumeDriver>, VolumeError> {
    Ok(match config {
        DriverConfig::Local(c) => Arc::new(local::LocalDriver::open(c)?),
        DriverConfig::Portworx(c) => Arc::new(portworx::PortworxDriver::new(c)?),
    })
}

/// True when `volume` carries every label of `selector`.
pub(crate) fn matches_labels(
    volume_labels: &BTreeMap<String, String>,
    selector: &BTreeMap<String, String>,
) -> bool {
    selector
        .iter()
        .all(|(k, v)| volume_labels.get(k) == Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_text() {
        let t = Timestamp::now();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
    }

    #[test]
    fn driver_kind_parses_the_flag_values() {
        assert_eq!("local".parse::<DriverKind>(), Ok(DriverKind::Local));
        assert_eq!("portworx".parse::<DriverKind>(), Ok(DriverKind::Portworx));
        assert!("pxd".parse::<DriverKind>().unwrap_err().contains("local"));
    }
}
