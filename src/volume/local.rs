//! The local volume driver: a pool directory on this machine shared by the local agents.
//!
//! Layout (`<pool>` is the configured directory):
//!
//! ```text
//! <pool>/pool.json               {"capacity_mb": N}: fixed when the pool is first opened
//! <pool>/pool.lock               flock(2) target: one operation at a time across every process
//! <pool>/volumes/<name>/data/    the volume's data; what tasks see through their sandbox symlink
//! <pool>/volumes/<name>/meta.json  Portworx-like metadata (replica nodes, attached node, history)
//! <pool>/snapshots/<id>/data/   a snapshot's data (reflinked when the filesystem can, else copied)
//! <pool>/snapshots/<id>/meta.json  the snapshot, the id of its volume, the call that took it
//! <pool>/staging/                half-made creations, deletions, snapshots and restores, swept when the
//!                                pool is opened
//! ```
//!
//! Why it is built this way:
//! * A volume directory appears by one `rename` of a fully prepared directory and disappears by one
//!   `rename` into `staging/`, so a crash at any instant leaves either a whole volume or none.
//! * `meta.json` is rewritten by temp file + fsync + rename, so readers never see half a document.
//! * Every operation holds an exclusive lock on `pool.lock` (reads a shared one), so two processes (or two
//!   threads with their own file handles) creating the same name create it once.
//! * Replicas are metadata: the data exists once on this machine, but the scheduler sees replica nodes
//!   chosen rack-aware exactly as with Portworx, so convergence and failover run the same code paths.
//!   Capacity is therefore accounted once per volume (its provisioned size), not per replica.
//! * Snapshots count against capacity at their volume's provisioned size, even when reflinked: a
//!   reflinked snapshot owns every block the volume rewrites afterwards, so it can come to need that much.
//!   See [`snapshots`] for how a group snapshot stays all or nothing, even across a crash.

mod snapshots;

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use std::sync::{Arc, OnceLock};

use super::copy::{self, CopyMode};
use super::{
    AttachAction, AttachEvent, Attachment, DriverKind, ReplicaCandidates, Snapshot, Timestamp,
    Volume, VolumeDriver, VolumeError, VolumeOptions, VolumeRequest, choose_replicas,
    matches_labels, validate_name,
};

const MIB: u64 = 1024 * 1024;
const META_VERSION: u32 = 1;

/// How to open a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalConfig {
    /// The pool directory (created if missing).
    pub pool: PathBuf,
    /// Capacity in MB. `None`: keep the capacity recorded in the pool, or, for a new pool, the free space
    /// of its filesystem at that moment.
    pub capacity_mb: Option<u64>,
    /// Reflink snapshot, restore and clone data when the filesystem can (default). `false` always copies,
    /// e.g. to measure the difference or to keep snapshots independent of the volume's extents.
    pub reflink: bool,
    /// Test hook: the snapshot of the Nth volume (1-based) of every group snapshot fails, so the
    /// all-or-nothing path runs for real.
    #[doc(hidden)]
    pub fail_snapshot_at: Option<usize>,
}

impl LocalConfig {
    pub fn new(pool: impl Into<PathBuf>) -> Self {
        LocalConfig {
            pool: pool.into(),
            capacity_mb: None,
            reflink: true,
            fail_snapshot_at: None,
        }
    }
    pub fn capacity_mb(mut self, mb: u64) -> Self {
        self.capacity_mb = Some(mb);
        self
    }
    pub fn reflink(mut self, reflink: bool) -> Self {
        self.reflink = reflink;
        self
    }
    #[doc(hidden)]
    pub fn fail_snapshot_at(mut self, nth: usize) -> Self {
        self.fail_snapshot_at = Some(nth);
        self
    }
}

/// Capacity accounting of a pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolUsage {
    pub capacity_mb: u64,
    /// Sum of the provisioned sizes of every volume and every snapshot.
    pub allocated_mb: u64,
    pub volumes: usize,
    pub snapshots: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct PoolInfo {
    capacity_mb: u64,
}

/// `meta.json`: the volume plus the options it was created with.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    version: u32,
    volume: Volume,
    options: VolumeOptions,
    /// The snapshot this volume was cloned from, so a repeated clone returns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_snapshot: Option<String>,
}

/// The local driver. Cheap to clone; every clone (and every process) sees the same pool.
#[derive(Debug, Clone)]
pub struct LocalDriver {
    pool: Pool,
}

impl LocalDriver {
    /// Opens (creating if needed) the pool, settles its capacity, and sweeps leftovers of interrupted
    /// creations and deletions.
    pub fn open(config: LocalConfig) -> Result<Self, VolumeError> {
        let pool = Pool {
            root: config.pool.clone(),
            capacity_mb: 0,
            reflink: config.reflink,
            reflink_probe: Arc::new(OnceLock::new()),
            fail_snapshot_at: config.fail_snapshot_at,
        };
        for dir in [pool.volumes_dir(), pool.staging_dir(), pool.snapshots_dir()] {
            fs::create_dir_all(&dir).map_err(|e| {
                VolumeError::io(
                    format!("cannot create volume pool directory {}", dir.display()),
                    e,
                )
            })?;
        }
        let _lock = pool.lock(true)?;
        let capacity_mb = pool.settle_capacity(config.capacity_mb)?;
        pool.roll_back_interrupted_publishes();
        pool.sweep_staging();
        Ok(LocalDriver {
            pool: Pool {
                capacity_mb,
                ..pool
            },
        })
    }

    pub fn root(&self) -> &Path {
        &self.pool.root
    }

    /// Capacity, allocation and volume count, read under the pool lock.
    pub fn usage(&self) -> Result<PoolUsage, VolumeError> {
        let _lock = self.pool.lock(false)?;
        let metas = self.pool.all_metas()?;
        let snaps = self.pool.all_snap_metas()?;
        Ok(PoolUsage {
            capacity_mb: self.pool.capacity_mb,
            allocated_mb: allocated_mb(&metas, &snaps),
            volumes: metas.len(),
            snapshots: snaps.len(),
        })
    }

    async fn blocking<T, F>(&self, f: F) -> Result<T, VolumeError>
    where
        T: Send + 'static,
        F: FnOnce(&Pool) -> Result<T, VolumeError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || f(&pool))
            .await
            .map_err(|e| VolumeError::io("volume pool worker stopped", std::io::Error::other(e)))?
    }
}

#[async_trait::async_trait]
impl VolumeDriver for LocalDriver {
    fn kind(&self) -> DriverKind {
        DriverKind::Local
    }

    async fn create(
        &self,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError> {
        validate_name(&req.name)?;
        let (req, placement) = (req.clone(), placement.clone());
        self.blocking(move |pool| pool.create(&req, &placement))
            .await
    }

    async fn inspect(&self, name: &str) -> Result<Option<Volume>, VolumeError> {
        validate_name(name)?;
        let name = name.to_owned();
        self.blocking(move |pool| {
            let _lock = pool.lock(false)?;
            Ok(pool.read_meta(&name)?.map(|m| m.volume))
        })
        .await
    }

    async fn list(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Volume>, VolumeError> {
        let labels = labels.clone();
        self.blocking(move |pool| {
            let _lock = pool.lock(false)?;
            Ok(pool
                .all_metas()?
                .into_iter()
                .map(|m| m.volume)
                .filter(|v| matches_labels(&v.labels, &labels))
                .collect())
        })
        .await
    }

    async fn attach(&self, name: &str, node: &str) -> Result<Attachment, VolumeError> {
        validate_name(name)?;
        let (name, node) = (name.to_owned(), node.to_owned());
        self.blocking(move |pool| pool.attach(&name, &node)).await
    }

    async fn detach(&self, name: &str, node: &str) -> Result<(), VolumeError> {
        validate_name(name)?;
        let (name, node) = (name.to_owned(), node.to_owned());
        self.blocking(move |pool| pool.detach(&name, &node, AttachAction::Detach))
            .await
    }

    async fn force_detach(&self, name: &str, lost_node: &str) -> Result<(), VolumeError> {
        validate_name(name)?;
        let (name, node) = (name.to_owned(), lost_node.to_owned());
        self.blocking(move |pool| pool.detach(&name, &node, AttachAction::ForceDetach))
            .await
    }

    async fn delete(&self, name: &str) -> Result<(), VolumeError> {
        validate_name(name)?;
        let name = name.to_owned();
        self.blocking(move |pool| pool.delete(&name)).await
    }

    fn host_path(&self, name: &str) -> Result<PathBuf, VolumeError> {
        validate_name(name)?;
        Ok(self.pool.data_dir(name))
    }

    async fn snapshot_group(
        &self,
        volumes: &[String],
        group: &str,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError> {
        super::snapshot::validate_group_request(volumes, group, labels)?;
        let (volumes, group, labels) = (volumes.to_vec(), group.to_owned(), labels.clone());
        self.blocking(move |pool| pool.snapshot_group(&volumes, &group, &labels))
            .await
    }

    async fn list_snapshots(
        &self,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError> {
        let labels = labels.clone();
        self.blocking(move |pool| {
            let _lock = pool.lock(false)?;
            let mut found: Vec<Snapshot> = pool
                .all_snap_metas()?
                .into_iter()
                .map(|m| m.snapshot)
                .filter(|s| matches_labels(&s.labels, &labels))
                .collect();
            found.sort_by(|a, b| (&a.group, &a.volume).cmp(&(&b.group, &b.volume)));
            Ok(found)
        })
        .await
    }

    async fn inspect_snapshot(&self, id: &str) -> Result<Option<Snapshot>, VolumeError> {
        if !snapshots::is_snapshot_id(id) {
            return Ok(None);
        }
        let id = id.to_owned();
        self.blocking(move |pool| {
            let _lock = pool.lock(false)?;
            Ok(pool.read_snap_meta(&id)?.map(|m| m.snapshot))
        })
        .await
    }

    async fn delete_snapshot(&self, id: &str) -> Result<(), VolumeError> {
        if !snapshots::is_snapshot_id(id) {
            return Ok(());
        }
        let id = id.to_owned();
        self.blocking(move |pool| pool.delete_snapshot(&id)).await
    }

    async fn restore(&self, volume: &str, snapshot_id: &str) -> Result<(), VolumeError> {
        validate_name(volume)?;
        let (volume, id) = (volume.to_owned(), snapshot_id.to_owned());
        self.blocking(move |pool| pool.restore(&volume, &id)).await
    }

    async fn create_from_snapshot(
        &self,
        snapshot_id: &str,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError> {
        validate_name(&req.name)?;
        let (id, req, placement) = (snapshot_id.to_owned(), req.clone(), placement.clone());
        self.blocking(move |pool| pool.clone_snapshot(&id, &req, &placement))
            .await
    }
}

/// The pool's synchronous core; every method expects the caller to hold the lock where it says so.
#[derive(Debug, Clone)]
struct Pool {
    root: PathBuf,
    capacity_mb: u64,
    reflink: bool,
    /// Whether the pool's filesystem can reflink, probed at the first copy.
    reflink_probe: Arc<OnceLock<bool>>,
    fail_snapshot_at: Option<usize>,
}

/// Holds `pool.lock` until dropped (closing the file releases the flock).
struct PoolLock(#[allow(dead_code)] File);

impl Pool {
    fn volumes_dir(&self) -> PathBuf {
        self.root.join("volumes")
    }
    fn staging_dir(&self) -> PathBuf {
        self.root.join("staging")
    }
    fn volume_dir(&self, name: &str) -> PathBuf {
        self.volumes_dir().join(name)
    }
    fn data_dir(&self, name: &str) -> PathBuf {
        self.volume_dir(name).join("data")
    }

    fn lock(&self, exclusive: bool) -> Result<PoolLock, VolumeError> {
        let path = self.root.join("pool.lock");
        let ctx = || format!("cannot lock volume pool {}", path.display());
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| VolumeError::io(ctx(), e))?;
        if exclusive {
            file.lock()
        } else {
            file.lock_shared()
        }
        .map_err(|e| VolumeError::io(ctx(), e))?;
        Ok(PoolLock(file))
    }

    /// Under the lock: the configured capacity (recorded), else the recorded one, else the filesystem's
    /// free space now (recorded, so the capacity does not shrink as volumes fill up).
    fn settle_capacity(&self, configured: Option<u64>) -> Result<u64, VolumeError> {
        let path = self.root.join("pool.json");
        let recorded = match fs::read(&path) {
            Ok(bytes) => Some(
                serde_json::from_slice::<PoolInfo>(&bytes)
                    .map_err(|e| VolumeError::Corrupt {
                        path: path.display().to_string(),
                        detail: e.to_string(),
                    })?
                    .capacity_mb,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(VolumeError::io(
                    format!("cannot read {}", path.display()),
                    e,
                ));
            }
        };
        let capacity = match (configured, recorded) {
            (Some(c), _) => c,
            (None, Some(r)) => return Ok(r),
            (None, None) => {
                fs4::available_space(&self.root).map_err(|e| {
                    VolumeError::io(
                        format!("cannot measure free space of {}", self.root.display()),
                        e,
                    )
                })? / MIB
            }
        };
        if recorded != Some(capacity) {
            write_json_atomically(
                &path,
                &PoolInfo {
                    capacity_mb: capacity,
                },
            )?;
        }
        Ok(capacity)
    }

    /// Removes leftovers of interrupted operations. Failures are only logged: they waste space but do
    /// not affect any volume.
    fn sweep_staging(&self) {
        let Ok(entries) = fs::read_dir(self.staging_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            if let Err(e) = fs::remove_dir_all(entry.path()) {
                tracing::warn!("cannot remove {}: {e}", entry.path().display());
            }
        }
    }

    fn meta_path(&self, name: &str) -> PathBuf {
        self.volume_dir(name).join("meta.json")
    }

    fn read_meta(&self, name: &str) -> Result<Option<Meta>, VolumeError> {
        let path = self.meta_path(name);
        let Some(meta) = read_json_meta::<Meta>(&path, &self.volume_dir(name), "volume")? else {
            return Ok(None);
        };
        if meta.version != META_VERSION || meta.volume.name != name {
            return Err(VolumeError::Corrupt {
                path: path.display().to_string(),
                detail: format!(
                    "expected version {META_VERSION} metadata of `{name}`, found version {} of `{}`",
                    meta.version, meta.volume.name
                ),
            });
        }
        Ok(Some(meta))
    }

    fn write_meta(&self, meta: &Meta) -> Result<(), VolumeError> {
        write_json_atomically(&self.meta_path(&meta.volume.name), meta)
    }

    /// Every volume in the pool, sorted by name.
    fn all_metas(&self) -> Result<Vec<Meta>, VolumeError> {
        let dir = self.volumes_dir();
        let entries = fs::read_dir(&dir)
            .map_err(|e| VolumeError::io(format!("cannot list {}", dir.display()), e))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry =
                entry.map_err(|e| VolumeError::io(format!("cannot list {}", dir.display()), e))?;
            if let Some(name) = entry.file_name().to_str()
                && validate_name(name).is_ok()
                && entry.path().is_dir()
            {
                names.push(name.to_owned());
            }
        }
        names.sort();
        let mut metas = Vec::with_capacity(names.len());
        for name in names {
            if let Some(m) = self.read_meta(&name)? {
                metas.push(m);
            }
        }
        Ok(metas)
    }

    fn create(
        &self,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError> {
        let _lock = self.lock(true)?;
        self.create_locked(req, placement, None)
    }

    /// How to copy data in this pool: reflinks when configured and the filesystem can.
    fn copy_mode(&self) -> CopyMode {
        let can = self.reflink
            && *self
                .reflink_probe
                .get_or_init(|| copy::reflink_supported(&self.staging_dir()));
        if can {
            CopyMode::Reflink
        } else {
            CopyMode::Copy
        }
    }

    /// Under the exclusive lock: creates the volume, empty or (`from`) with a snapshot's data.
    fn create_locked(
        &self,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
        from: Option<&snapshots::SnapMeta>,
    ) -> Result<Volume, VolumeError> {
        if let Some(existing) = self.read_meta(&req.name)? {
            if let Some(snap) = from
                && existing.source_snapshot.as_deref() != Some(snap.snapshot.id.as_str())
            {
                return Err(VolumeError::Conflict {
                    name: req.name.clone(),
                    detail: format!(
                        "it was not cloned from snapshot `{}`; choose another name or delete it first",
                        snap.snapshot.id
                    ),
                });
            }
            let v = existing.volume;
            if v.size_mb != req.size_mb {
                return Err(VolumeError::SizeMismatch {
                    name: v.name,
                    existing_mb: v.size_mb,
                    requested_mb: req.size_mb,
                });
            }
            if v.shared != req.options.shared {
                return Err(VolumeError::Conflict {
                    detail: format!(
                        "it has shared={}, the request shared={}",
                        v.shared, req.options.shared
                    ),
                    name: v.name,
                });
            }
            return Ok(v);
        }
        let metas = self.all_metas()?;
        let allocated = allocated_mb(&metas, &self.all_snap_metas()?);
        if allocated.saturating_add(req.size_mb) > self.capacity_mb {
            return Err(VolumeError::PoolFull {
                pool: self.root.display().to_string(),
                name: req.name.clone(),
                requested_mb: req.size_mb,
                free_mb: self.capacity_mb.saturating_sub(allocated),
                capacity_mb: self.capacity_mb,
            });
        }
        let mut load: BTreeMap<String, usize> = BTreeMap::new();
        for node in metas.iter().flat_map(|m| &m.volume.replica_nodes) {
            *load.entry(node.clone()).or_default() += 1;
        }
        let replica_nodes = choose_replicas(
            &req.name,
            req.options.repl,
            &req.options.nodes,
            placement,
            &load,
        )?;
        let meta = Meta {
            version: META_VERSION,
            volume: Volume {
                name: req.name.clone(),
                id: uuid::Uuid::new_v4().to_string(),
                size_mb: req.size_mb,
                repl: req.options.repl,
                replica_nodes,
                attached_node: None,
                labels: req.all_labels(),
                group: req.options.group.clone(),
                shared: req.options.shared,
                created_at: Some(Timestamp::now()),
                attach_history: Vec::new(),
            },
            options: req.options.clone(),
            source_snapshot: from.map(|s| s.snapshot.id.clone()),
        };
        let staged = self
            .staging_dir()
            .join(format!("create-{}", meta.volume.id));
        let ctx = |what: &str| format!("cannot create volume `{}`: {what}", req.name);
        match from {
            None => fs::create_dir_all(staged.join("data"))
                .map_err(|e| VolumeError::io(ctx("cannot make its directory"), e))?,
            Some(snap) => {
                fs::create_dir_all(&staged)
                    .map_err(|e| VolumeError::io(ctx("cannot make its directory"), e))?;
                let copied = copy::copy_tree(
                    &self.snapshot_data_dir(&snap.snapshot.id),
                    &staged.join("data"),
                    self.copy_mode(),
                );
                if let Err(e) = copied {
                    let _ = fs::remove_dir_all(&staged);
                    return Err(VolumeError::io(
                        ctx(&format!(
                            "cannot copy snapshot `{}` at {}",
                            snap.snapshot.id,
                            e.path.display()
                        )),
                        e.source,
                    ));
                }
            }
        }
        write_json_atomically(&staged.join("meta.json"), &meta)?;
        fs::rename(&staged, self.volume_dir(&req.name))
            .map_err(|e| VolumeError::io(ctx("cannot move it into the pool"), e))?;
        Ok(meta.volume)
    }

    fn attach(&self, name: &str, node: &str) -> Result<Attachment, VolumeError> {
        let _lock = self.lock(true)?;
        let mut meta = self.read_meta(name)?.ok_or_else(|| VolumeError::NotFound {
            name: name.to_owned(),
        })?;
        match meta.volume.attached_node.as_deref() {
            Some(n) if n == node => {}
            Some(other) => {
                return Err(VolumeError::AttachedElsewhere {
                    name: name.to_owned(),
                    attached: other.to_owned(),
                    requested: node.to_owned(),
                });
            }
            None => {
                meta.volume.attached_node = Some(node.to_owned());
                meta.volume.attach_history.push(AttachEvent {
                    node: node.to_owned(),
                    action: AttachAction::Attach,
                    at: Timestamp::now(),
                });
                self.write_meta(&meta)?;
            }
        }
        Ok(Attachment {
            volume: name.to_owned(),
            node: node.to_owned(),
            host_path: self.data_dir(name),
        })
    }

    fn detach(&self, name: &str, node: &str, action: AttachAction) -> Result<(), VolumeError> {
        let _lock = self.lock(true)?;
        let Some(mut meta) = self.read_meta(name)? else {
            return Ok(());
        };
        if meta.volume.attached_node.as_deref() != Some(node) {
            return Ok(());
        }
        meta.volume.attached_node = None;
        meta.volume.attach_history.push(AttachEvent {
            node: node.to_owned(),
            action,
            at: Timestamp::now(),
        });
        self.write_meta(&meta)
    }

    fn delete(&self, name: &str) -> Result<(), VolumeError> {
        let _lock = self.lock(true)?;
        let Some(meta) = self.read_meta(name)? else {
            return Ok(());
        };
        if let Some(node) = meta.volume.attached_node {
            return Err(VolumeError::StillAttached {
                name: name.to_owned(),
                node,
            });
        }
        let doomed = self
            .staging_dir()
            .join(format!("delete-{}", meta.volume.id));
        fs::rename(self.volume_dir(name), &doomed)
            .map_err(|e| VolumeError::io(format!("cannot delete volume `{name}`"), e))?;
        // The volume is gone from the pool; a failure here only leaves garbage the next open sweeps.
        if let Err(e) = fs::remove_dir_all(&doomed) {
            tracing::warn!(
                "volume `{name}` deleted but {} remains: {e}",
                doomed.display()
            );
        }
        Ok(())
    }
}

/// Provisioned MB of every volume and every snapshot.
fn allocated_mb(volumes: &[Meta], snapshots: &[snapshots::SnapMeta]) -> u64 {
    let v: u64 = volumes.iter().map(|m| m.volume.size_mb).sum();
    let s: u64 = snapshots.iter().map(|m| m.snapshot.size_mb).sum();
    v.saturating_add(s)
}

/// Writes `value` as JSON to a temp file next to `path`, syncs it, then renames it over `path`.
fn write_json_atomically<T: Serialize>(path: &Path, value: &T) -> Result<(), VolumeError> {
    let ctx = || format!("cannot write {}", path.display());
    let bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| VolumeError::io(ctx(), std::io::Error::other(e)))?;
    let tmp = path.with_extension("json.tmp");
    let mut file = File::create(&tmp).map_err(|e| VolumeError::io(ctx(), e))?;
    file.write_all(&bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| VolumeError::io(ctx(), e))?;
    fs::rename(&tmp, path).map_err(|e| VolumeError::io(ctx(), e))
}

/// Reads a metadata file written next to the thing it describes. `None` when neither exists; a folder
/// without its metadata, an unreadable file or a file that does not parse is `Corrupt`, never a silent
/// "absent", so a half-made volume or snapshot is not mistaken for a free name.
fn read_json_meta<T: serde::de::DeserializeOwned>(
    path: &Path,
    dir: &Path,
    what: &str,
) -> Result<Option<T>, VolumeError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if dir.exists() {
                return Err(VolumeError::Corrupt {
                    path: path.display().to_string(),
                    detail: format!("the {what} directory exists but its metadata is missing"),
                });
            }
            return Ok(None);
        }
        Err(e) => {
            return Err(VolumeError::io(
                format!("cannot read {}", path.display()),
                e,
            ));
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| VolumeError::Corrupt {
            path: path.display().to_string(),
            detail: e.to_string(),
        })
}
