//! Wire types of the OpenStorage SDK REST gateway (contracts/portworx-openstorage.md §1).
//!
//! The gateway is grpc-gateway v1 with jsonpb `OrigName: true`, so these types follow its rules exactly,
//! both when the client reads them and when the in-repo fake writes them:
//! * proto snake_case field names;
//! * enums written as their names, read as names or numbers;
//! * int64/uint64 written as strings, read as strings or numbers;
//! * fields at their default value (0, "", false, enum 0, empty list/map, unset message) omitted.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// 64-bit integers as jsonpb writes (strings) and reads (strings or numbers) them.
pub mod int64 {
    use super::*;

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StrOrNum<T> {
        Num(T),
        Str(String),
    }

    pub fn serialize<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: std::str::FromStr + Deserialize<'de>,
        D: Deserializer<'de>,
    {
        match StrOrNum::<T>::deserialize(d)? {
            StrOrNum::Num(n) => Ok(n),
            StrOrNum::Str(s) => s
                .trim()
                .parse()
                .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a 64-bit integer"))),
        }
    }
}

/// Declares a proto enum: serialised by name, deserialised from the name or the number, the first
/// variant (number 0) being the default.
macro_rules! proto_enum {
    ($(#[$meta:meta])* $name:ident { $first:ident = $first_num:literal => $first_text:literal
        $(, $variant:ident = $num:literal => $text:literal)* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            #[default]
            $first,
            $($variant,)*
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $name::$first => $first_text,
                    $($name::$variant => $text,)*
                }
            }
            pub fn number(self) -> i64 {
                match self {
                    $name::$first => $first_num,
                    $($name::$variant => $num,)*
                }
            }
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $first_text => Some($name::$first),
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
            pub fn from_number(n: i64) -> Option<Self> {
                match n {
                    $first_num => Some($name::$first),
                    $($num => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(d)?;
                let found = match &value {
                    serde_json::Value::String(s) => $name::from_name(s),
                    serde_json::Value::Number(n) => n.as_i64().and_then($name::from_number),
                    _ => None,
                };
                found.ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "{} is not a value of {}",
                        value,
                        stringify!($name)
                    ))
                })
            }
        }
    };
}

proto_enum!(
    /// `Status`: node and cluster status.
    Status {
        None = 0 => "STATUS_NONE",
        Init = 1 => "STATUS_INIT",
        Ok = 2 => "STATUS_OK",
        Offline = 3 => "STATUS_OFFLINE",
        Error = 4 => "STATUS_ERROR",
        NotInQuorum = 5 => "STATUS_NOT_IN_QUORUM",
        Decommission = 6 => "STATUS_DECOMMISSION",
        Maintenance = 7 => "STATUS_MAINTENANCE",
        StorageDown = 8 => "STATUS_STORAGE_DOWN",
        StorageDegraded = 9 => "STATUS_STORAGE_DEGRADED",
        NeedsReboot = 10 => "STATUS_NEEDS_REBOOT",
        StorageRebalance = 11 => "STATUS_STORAGE_REBALANCE",
        StorageDriveReplace = 12 => "STATUS_STORAGE_DRIVE_REPLACE",
        NotInQuorumNoStorage = 13 => "STATUS_NOT_IN_QUORUM_NO_STORAGE",
        PoolMaintenance = 14 => "STATUS_POOLMAINTENANCE",
        Max = 15 => "STATUS_MAX",
    }
);

impl Status {
    /// Stork's "Online" (STATUS_OK or STATUS_NONE): the node can take replicas and attachments.
    pub fn is_online(self) -> bool {
        matches!(self, Status::Ok | Status::None)
    }

    /// Whether the node's replicas still serve I/O: Stork's Online and Degraded (a rebalance or drive
    /// replacement slows a pool, it does not take it away).
    pub fn serves_io(self) -> bool {
        matches!(
            self,
            Status::Ok
                | Status::None
                | Status::StorageDegraded
                | Status::StorageRebalance
                | Status::StorageDriveReplace
        )
    }
}

proto_enum!(
    /// `VolumeState`.
    VolumeState {
        None = 0 => "VOLUME_STATE_NONE",
        Pending = 1 => "VOLUME_STATE_PENDING",
        Available = 2 => "VOLUME_STATE_AVAILABLE",
        Attached = 3 => "VOLUME_STATE_ATTACHED",
        Detached = 4 => "VOLUME_STATE_DETACHED",
        Detatching = 5 => "VOLUME_STATE_DETATCHING",
        Error = 6 => "VOLUME_STATE_ERROR",
        Deleted = 7 => "VOLUME_STATE_DELETED",
        TryDetaching = 8 => "VOLUME_STATE_TRY_DETACHING",
        Restore = 9 => "VOLUME_STATE_RESTORE",
    }
);

proto_enum!(
    /// `VolumeStatus`.
    VolumeStatus {
        None = 0 => "VOLUME_STATUS_NONE",
        NotPresent = 1 => "VOLUME_STATUS_NOT_PRESENT",
        Up = 2 => "VOLUME_STATUS_UP",
        Down = 3 => "VOLUME_STATUS_DOWN",
        Degraded = 4 => "VOLUME_STATUS_DEGRADED",
    }
);

proto_enum!(
    /// `FSType`.
    FsType {
        None = 0 => "FS_TYPE_NONE",
        Btrfs = 1 => "FS_TYPE_BTRFS",
        Ext4 = 2 => "FS_TYPE_EXT4",
        Fuse = 3 => "FS_TYPE_FUSE",
        Nfs = 4 => "FS_TYPE_NFS",
        Vfs = 5 => "FS_TYPE_VFS",
        Xfs = 6 => "FS_TYPE_XFS",
        Zfs = 7 => "FS_TYPE_ZFS",
        XfsV2 = 8 => "FS_TYPE_XFSv2",
    }
);

impl FsType {
    /// From the inline-spec `fs=` value (`xfs`, `ext4`, …).
    pub fn from_option(fs: &str) -> Option<Self> {
        match fs.to_ascii_lowercase().as_str() {
            "none" => Some(FsType::None),
            "btrfs" => Some(FsType::Btrfs),
            "ext4" => Some(FsType::Ext4),
            "fuse" => Some(FsType::Fuse),
            "nfs" => Some(FsType::Nfs),
            "vfs" => Some(FsType::Vfs),
            "xfs" => Some(FsType::Xfs),
            "zfs" => Some(FsType::Zfs),
            "xfsv2" => Some(FsType::XfsV2),
            _ => None,
        }
    }
}

proto_enum!(
    /// `CosType`: the io_priority class.
    CosType {
        None = 0 => "NONE",
        Low = 1 => "LOW",
        Medium = 2 => "MEDIUM",
        High = 3 => "HIGH",
    }
);

proto_enum!(
    /// `AttachState`.
    AttachState {
        External = 0 => "ATTACH_STATE_EXTERNAL",
        Internal = 1 => "ATTACH_STATE_INTERNAL",
        InternalSwitch = 2 => "ATTACH_STATE_INTERNAL_SWITCH",
    }
);

/// `Group`: a consistency group id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    #[serde(skip_serializing_if = "is_default")]
    pub id: String,
}

/// `ReplicaSet`: storage node ids holding one copy set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplicaSet {
    #[serde(skip_serializing_if = "is_default")]
    pub nodes: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub pool_uuids: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub id: i32,
}

/// OpenStorage's `VolumeSpec` message (the fields pxfw sets or reads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PxVolumeSpec {
    #[serde(with = "int64", skip_serializing_if = "is_default")]
    pub size: u64,
    #[serde(skip_serializing_if = "is_default")]
    pub format: FsType,
    #[serde(with = "int64", skip_serializing_if = "is_default")]
    pub block_size: i64,
    #[serde(with = "int64", skip_serializing_if = "is_default")]
    pub ha_level: i64,
    #[serde(skip_serializing_if = "is_default")]
    pub cos: CosType,
    #[serde(skip_serializing_if = "is_default")]
    pub shared: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub sticky: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub journal: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
    #[serde(skip_serializing_if = "is_default")]
    pub group_enforced: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica_set: Option<ReplicaSet>,
    /// Deprecated: merged into the locator labels on create.
    #[serde(skip_serializing_if = "is_default")]
    pub volume_labels: BTreeMap<String, String>,
}

/// `VolumeLocator`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeLocator {
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub volume_labels: BTreeMap<String, String>,
}

/// `Source`: `parent` is set for snapshots and clones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    #[serde(skip_serializing_if = "is_default")]
    pub parent: String,
    #[serde(skip_serializing_if = "is_default")]
    pub seed: String,
}

/// OpenStorage's `Volume` message (the fields of contract §1.3 that pxfw uses).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PxVolume {
    #[serde(skip_serializing_if = "is_default")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
    #[serde(skip_serializing_if = "is_default")]
    pub readonly: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<VolumeLocator>,
    /// RFC 3339.
    #[serde(skip_serializing_if = "is_default")]
    pub ctime: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<PxVolumeSpec>,
    #[serde(with = "int64", skip_serializing_if = "is_default")]
    pub usage: u64,
    #[serde(skip_serializing_if = "is_default")]
    pub format: FsType,
    #[serde(skip_serializing_if = "is_default")]
    pub status: VolumeStatus,
    #[serde(skip_serializing_if = "is_default")]
    pub state: VolumeState,
    /// The attached node's IP (Portworx), not its id.
    #[serde(skip_serializing_if = "is_default")]
    pub attached_on: String,
    #[serde(skip_serializing_if = "is_default")]
    pub attached_state: AttachState,
    #[serde(skip_serializing_if = "is_default")]
    pub device_path: String,
    #[serde(skip_serializing_if = "is_default")]
    pub attach_path: Vec<String>,
    /// Storage node ids holding the data.
    #[serde(skip_serializing_if = "is_default")]
    pub replica_sets: Vec<ReplicaSet>,
    #[serde(skip_serializing_if = "is_default")]
    pub error: String,
    /// RFC 3339.
    #[serde(skip_serializing_if = "is_default")]
    pub attach_time: String,
    /// RFC 3339.
    #[serde(skip_serializing_if = "is_default")]
    pub detach_time: String,
}

/// `SchedulerTopology`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchedulerTopology {
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
}

/// `StoragePool` (CamelCase field names are the proto's own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoragePool {
    #[serde(rename = "ID", with = "int64", skip_serializing_if = "is_default")]
    pub id: i64,
    #[serde(
        rename = "TotalSize",
        with = "int64",
        skip_serializing_if = "is_default"
    )]
    pub total_size: u64,
    #[serde(rename = "Used", with = "int64", skip_serializing_if = "is_default")]
    pub used: u64,
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "is_default")]
    pub uuid: String,
}

/// `StorageNode` (the fields pxfw uses).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageNode {
    #[serde(skip_serializing_if = "is_default")]
    pub id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(skip_serializing_if = "is_default")]
    pub pools: Vec<StoragePool>,
    #[serde(skip_serializing_if = "is_default")]
    pub mgmt_ip: String,
    #[serde(skip_serializing_if = "is_default")]
    pub data_ip: String,
    #[serde(skip_serializing_if = "is_default")]
    pub hostname: String,
    #[serde(skip_serializing_if = "is_default")]
    pub node_labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "is_default")]
    pub scheduler_node_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduler_topology: Option<SchedulerTopology>,
}

/// `POST /v1/volumes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeCreateRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<PxVolumeSpec>,
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeCreateResponse {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_id: String,
}

/// `GET /v1/volumes/inspect/{id}` and each entry of inspect-with-filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeInspectResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<PxVolume>,
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeInspectOptions {
    #[serde(skip_serializing_if = "is_default")]
    pub deep: bool,
}

/// `POST /v1/volumes/inspectwithfilters`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeInspectWithFiltersRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<VolumeInspectOptions>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeInspectWithFiltersResponse {
    #[serde(skip_serializing_if = "is_default")]
    pub volumes: Vec<VolumeInspectResponse>,
}

/// `POST /v1/volumes/filters`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeEnumerateWithFiltersRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
}

/// `GET /v1/volumes` and `POST /v1/volumes/filters`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeEnumerateResponse {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachOptions {
    #[serde(skip_serializing_if = "is_default")]
    pub secret_name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub secret_key: String,
    #[serde(skip_serializing_if = "is_default")]
    pub secret_context: String,
    #[serde(skip_serializing_if = "is_default")]
    pub fastpath: String,
}

/// `POST /v1/mountattach/attach`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeAttachRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<AttachOptions>,
    #[serde(skip_serializing_if = "is_default")]
    pub driver_options: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeAttachResponse {
    #[serde(skip_serializing_if = "is_default")]
    pub device_path: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetachOptions {
    #[serde(skip_serializing_if = "is_default")]
    pub force: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub unmount_before_detach: bool,
    /// Redirect the request to the node the volume is attached on.
    #[serde(skip_serializing_if = "is_default")]
    pub redirect: bool,
}

/// `POST /v1/mountattach/detach`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeDetachRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<DetachOptions>,
    #[serde(skip_serializing_if = "is_default")]
    pub driver_options: BTreeMap<String, String>,
}

/// `POST /v1/mountattach/mount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeMountRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub mount_path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<AttachOptions>,
    #[serde(skip_serializing_if = "is_default")]
    pub driver_options: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnmountOptions {
    #[serde(skip_serializing_if = "is_default")]
    pub delete_mount_path: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub no_delay_before_deleting_mount_path: bool,
}

/// `POST /v1/mountattach/unmount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeUnmountRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub mount_path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<UnmountOptions>,
    #[serde(skip_serializing_if = "is_default")]
    pub driver_options: BTreeMap<String, String>,
}

/// `GET /v1/nodes/filters`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeEnumerateWithFiltersResponse {
    #[serde(skip_serializing_if = "is_default")]
    pub nodes: Vec<StorageNode>,
}

/// `GET /v1/nodes/inspect/{id}`, `GET /v1/nodes/inspectcurrent`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeInspectResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<StorageNode>,
}

/// `GET /v1/nodes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeEnumerateResponse {
    #[serde(skip_serializing_if = "is_default")]
    pub node_ids: Vec<String>,
}

/// `POST /v1/volumes/clone`: a writable volume from a snapshot (or volume); answered with
/// [`VolumeCreateResponse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeCloneRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub parent_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub additional_labels: BTreeMap<String, String>,
}

/// `VolumeSpecUpdate`: the settable fields pxfw changes (`size_opt` is a oneof, flattened to `size`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeSpecUpdate {
    #[serde(with = "int64", skip_serializing_if = "is_default")]
    pub size: u64,
}

/// `PUT /v1/volumes/{volume_id}` (the id is in the path). A label set to "" is deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeUpdateRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<VolumeSpecUpdate>,
}

/// `POST /v1/volumes/snapshots/restore`: in-place restore of a volume from one of its snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeSnapshotRestoreRequest {
    #[serde(skip_serializing_if = "is_default")]
    pub volume_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub snapshot_id: String,
}

/// An empty response message (`{}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

/// The grpc-gateway v1 error body: `{"error","code","message"}`, `details` omitted when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    pub error: String,
    pub code: i32,
    pub message: String,
    #[serde(skip_serializing_if = "is_default")]
    pub details: Vec<serde_json::Value>,
}

proto_enum!(
    /// gRPC status codes; the gateway maps them to HTTP statuses ([`GrpcCode::http_status`]).
    GrpcCode {
        Ok = 0 => "OK",
        Canceled = 1 => "Canceled",
        Unknown = 2 => "Unknown",
        InvalidArgument = 3 => "InvalidArgument",
        DeadlineExceeded = 4 => "DeadlineExceeded",
        NotFound = 5 => "NotFound",
        AlreadyExists = 6 => "AlreadyExists",
        PermissionDenied = 7 => "PermissionDenied",
        ResourceExhausted = 8 => "ResourceExhausted",
        FailedPrecondition = 9 => "FailedPrecondition",
        Aborted = 10 => "Aborted",
        OutOfRange = 11 => "OutOfRange",
        Unimplemented = 12 => "Unimplemented",
        Internal = 13 => "Internal",
        Unavailable = 14 => "Unavailable",
        DataLoss = 15 => "DataLoss",
        Unauthenticated = 16 => "Unauthenticated",
    }
);

impl GrpcCode {
    /// grpc-gateway v1's `HTTPStatusFromCode`.
    pub fn http_status(self) -> u16 {
        match self {
            GrpcCode::Ok => 200,
            GrpcCode::Canceled => 408,
            GrpcCode::Unknown | GrpcCode::Internal | GrpcCode::DataLoss => 500,
            GrpcCode::InvalidArgument | GrpcCode::FailedPrecondition | GrpcCode::OutOfRange => 400,
            GrpcCode::DeadlineExceeded => 504,
            GrpcCode::NotFound => 404,
            GrpcCode::AlreadyExists | GrpcCode::Aborted => 409,
            GrpcCode::PermissionDenied => 403,
            GrpcCode::ResourceExhausted => 429,
            GrpcCode::Unimplemented => 501,
            GrpcCode::Unavailable => 503,
            GrpcCode::Unauthenticated => 401,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn jsonpb_rules_on_output() {
        let spec = PxVolumeSpec {
            size: 10 << 30,
            ha_level: 3,
            format: FsType::Xfs,
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&spec).unwrap(),
            json!({"size":"10737418240","ha_level":"3","format":"FS_TYPE_XFS"})
        );
        assert_eq!(
            serde_json::to_value(PxVolume::default()).unwrap(),
            json!({})
        );
    }

    #[test]
    fn jsonpb_rules_on_input() {
        let v: PxVolumeSpec =
            serde_json::from_value(json!({"size":1024,"ha_level":"2","format":6,"cos":"HIGH"}))
                .unwrap();
        assert_eq!(
            (v.size, v.ha_level, v.format, v.cos),
            (1024, 2, FsType::Xfs, CosType::High)
        );
        assert!(serde_json::from_value::<PxVolumeSpec>(json!({"format":"FS_TYPE_NTFS"})).is_err());
        assert!(serde_json::from_value::<PxVolumeSpec>(json!({"size":"ten"})).is_err());
    }

    #[test]
    fn gateway_status_mapping_matches_the_contract() {
        for (code, status) in [
            (GrpcCode::InvalidArgument, 400),
            (GrpcCode::FailedPrecondition, 400),
            (GrpcCode::OutOfRange, 400),
            (GrpcCode::Unauthenticated, 401),
            (GrpcCode::PermissionDenied, 403),
            (GrpcCode::NotFound, 404),
            (GrpcCode::AlreadyExists, 409),
            (GrpcCode::Aborted, 409),
            (GrpcCode::Unimplemented, 501),
            (GrpcCode::Unavailable, 503),
            (GrpcCode::Internal, 500),
            (GrpcCode::Unknown, 500),
        ] {
            assert_eq!(code.http_status(), status, "{code:?}");
        }
    }
}
