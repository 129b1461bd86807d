//! The Portworx volume driver: the [`VolumeDriver`] operations over the OpenStorage SDK REST gateway.
//!
//! How pxfw's words map onto Portworx's (contracts/portworx-openstorage.md §1, §5):
//! * **Nodes.** An agent's node id must equal one field of its Portworx storage node, chosen by
//!   [`NodeKey`] (the hostname by default). Replica locations come back as storage node ids and
//!   `attached_on` as the node's IP; both are mapped back to agent node ids through that field.
//! * **Create.** Idempotent by name on the Portworx side. pxfw chooses the replica nodes itself from the
//!   agents' racks (the same [`choose_replicas`] as the local driver) and sends them as
//!   `spec.replica_set.nodes`, because rack/zone placement through the SDK is unverified (§5). Nodes
//!   Portworx does not know, or that are not online, are left for Portworx to fill.
//! * **Attach.** Node-local: attach and mount go to the chosen node's own SDK endpoint (its management IP
//!   and the configured endpoint's port and scheme), and the volume is mounted at
//!   `<mount_root>/<name>` there, the path the agent links into the sandbox.
//! * **Force detach** goes to another online node with `force`, since the lost node cannot answer.
//! * **History.** Portworx only reports the current attachment (`attach_time`), so
//!   [`Volume::attach_history`] holds at most that entry; the scheduler's store keeps the full record.
//! * **Snapshots** are read-only volumes with a parent (§1.3). A group is taken with the legacy
//!   `POST /v1/osd-snapshot/snapshotgroup` (`volume_ids` + `delete_on_failure: true`, as Stork does; the
//!   SDK has no group snapshot), then labelled through the SDK with the group and volume names so they
//!   can be found again. Inspect, list, delete, restore and clone go through the SDK gateway. Snapshot
//!   volumes never appear among the volumes [`VolumeDriver::list`] and [`VolumeDriver::inspect`] see.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use super::snapshot::{snapshot_labels, validate_group_request};
use super::{
    AttachAction, AttachEvent, Attachment, DriverKind, GROUP_LABEL, GroupSnapshotFailure, NodeId,
    NodeStorage, ReplicaCandidates, Snapshot, SnapshotMethod, Timestamp, VOLUME_LABEL, Volume,
    VolumeDriver, VolumeError, VolumeHealth, VolumeRequest, VolumeSnapshotOutcome,
    VolumeSnapshotReport, choose_replicas, matches_labels, validate_name,
};
use crate::cluster::config::TlsMode;
use crate::portworx::legacy::{GroupSnapCreateRequest, GroupSnapCreateResponse};
use crate::portworx::types::{self as wire, StorageNode};
use crate::portworx::{GrpcCode, LegacyClient, OpenStorageClient, OpenStorageError};

/// The legacy REST API's default port (contract §1.1).
pub const LEGACY_PORT: u16 = 9001;

const MIB: u64 = 1024 * 1024;

/// Which storage node field equals the agent's node id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeKey {
    /// `StorageNode.hostname` (pxfw agents default their node id to the hostname).
    #[default]
    Hostname,
    /// `StorageNode.id`.
    Id,
    /// `StorageNode.scheduler_node_name`.
    SchedulerNodeName,
}

impl NodeKey {
    fn of(self, node: &StorageNode) -> &str {
        match self {
            NodeKey::Hostname => &node.hostname,
            NodeKey::Id => &node.id,
            NodeKey::SchedulerNodeName => &node.scheduler_node_name,
        }
    }
    fn field(self) -> &'static str {
        match self {
            NodeKey::Hostname => "hostname",
            NodeKey::Id => "id",
            NodeKey::SchedulerNodeName => "scheduler_node_name",
        }
    }
}

/// How to reach Portworx.
#[derive(Debug, Clone)]
pub struct PortworxConfig {
    /// The SDK REST gateway of any node, e.g. `http://10.0.0.1:9021`; other nodes are reached on the same
    /// port and scheme at their management IP.
    pub endpoint: Url,
    /// Sent as `Authorization: bearer <token>` when set.
    pub token: Option<String>,
    pub tls: TlsMode,
    pub timeout: Duration,
    /// Where volumes are mounted on the nodes.
    pub mount_root: PathBuf,
    pub node_key: NodeKey,
    /// The legacy REST API (group snapshots). `None`: the SDK endpoint's host and scheme on port 9001.
    pub legacy_endpoint: Option<Url>,
}

impl PortworxConfig {
    pub fn new(endpoint: Url) -> Self {
        PortworxConfig {
            endpoint,
            token: None,
            tls: TlsMode::Verify,
            timeout: Duration::from_secs(30),
            mount_root: PathBuf::from("/var/lib/pxfw/mounts"),
            node_key: NodeKey::default(),
            legacy_endpoint: None,
        }
    }

    /// The legacy REST endpoint: the configured one, else the SDK endpoint on [`LEGACY_PORT`].
    pub fn legacy_url(&self) -> Url {
        self.legacy_endpoint.clone().unwrap_or_else(|| {
            let mut url = self.endpoint.clone();
            // Only fails for URLs that cannot have a port (never an http(s) endpoint).
            let _ = url.set_port(Some(LEGACY_PORT));
            url
        })
    }
}

/// The Portworx driver.
#[derive(Debug, Clone)]
pub struct PortworxDriver {
    config: PortworxConfig,
    client: OpenStorageClient,
    legacy: LegacyClient,
}

impl PortworxDriver {
    pub fn new(config: PortworxConfig) -> Result<Self, VolumeError> {
        let client = OpenStorageClient::new(
            config.endpoint.clone(),
            config.token.clone(),
            config.tls.clone(),
            config.timeout,
        )?;
        let legacy = LegacyClient::new(&client, config.legacy_url())?;
        Ok(PortworxDriver {
            config,
            client,
            legacy,
        })
    }

    fn mount_path(&self, name: &str) -> PathBuf {
        self.config.mount_root.join(name)
    }

    async fn nodes(&self) -> Result<Nodes, VolumeError> {
        Ok(Nodes {
            key: self.config.node_key,
            list: self.client.nodes().await?,
        })
    }

    /// The Portworx volume called `name`, if any.
    async fn find(&self, name: &str) -> Result<Option<wire::VolumeInspectResponse>, VolumeError> {
        let found = self
            .client
            .inspect_volumes(&wire::VolumeInspectWithFiltersRequest {
                name: name.to_owned(),
                ..Default::default()
            })
            .await?;
        Ok(found
            .into_iter()
            .find(|r| volume_name(r) == name && !is_snapshot(r)))
    }

    /// A client for `node`'s own SDK endpoint.
    fn node_client(
        &self,
        node: &StorageNode,
        agent: &str,
    ) -> Result<OpenStorageClient, VolumeError> {
        let ip = [&node.mgmt_ip, &node.data_ip]
            .into_iter()
            .find(|ip| !ip.is_empty())
            .ok_or_else(|| VolumeError::UnknownNode {
                node: agent.to_owned(),
                detail: format!("Portworx node {} reports no management or data IP", node.id),
            })?;
        let mut url = self.config.endpoint.clone();
        url.set_host(Some(ip))
            .map_err(|e| VolumeError::UnknownNode {
                node: agent.to_owned(),
                detail: format!("its IP `{ip}` does not make a URL: {e}"),
            })?;
        Ok(self.client.at(url)?)
    }

    fn to_volume(
        &self,
        resp: &wire::VolumeInspectResponse,
        nodes: &Nodes,
    ) -> Result<Volume, VolumeError> {
        let name = volume_name(resp).to_owned();
        let v = resp
            .volume
            .as_ref()
            .ok_or_else(|| OpenStorageError::Malformed {
                op: "volume inspect",
                url: self.config.endpoint.to_string(),
                detail: format!("the answer for `{name}` has no `volume`"),
            })?;
        let spec = v.spec.clone().unwrap_or_default();
        let mut replica_nodes: Vec<String> = Vec::new();
        for id in v.replica_sets.iter().flat_map(|s| &s.nodes) {
            let agent = nodes.agent_of_id(id);
            if !replica_nodes.contains(&agent) {
                replica_nodes.push(agent);
            }
        }
        let attached_node = (!v.attached_on.is_empty()).then(|| nodes.agent_of_ip(&v.attached_on));
        let attach_history = match (&attached_node, Timestamp::parse(&v.attach_time)) {
            (Some(node), Some(at)) => vec![AttachEvent {
                node: node.clone(),
                action: AttachAction::Attach,
                at,
            }],
            _ => Vec::new(),
        };
        let labels = if resp.labels.is_empty() {
            v.locator.clone().unwrap_or_default().volume_labels
        } else {
            resp.labels.clone()
        };
        let group = [spec.group.as_ref(), v.group.as_ref()]
            .into_iter()
            .flatten()
            .map(|g| g.id.clone())
            .find(|id| !id.is_empty());
        Ok(Volume {
            name,
            id: v.id.clone(),
            size_mb: spec.size.div_ceil(MIB),
            repl: u32::try_from(spec.ha_level.max(1)).unwrap_or(u32::MAX),
            replica_nodes,
            attached_node,
            labels,
            group,
            shared: spec.shared,
            created_at: Timestamp::parse(&v.ctime),
            attach_history,
        })
    }

    /// The create request for `req`, with replica nodes chosen over the agents Portworx knows and sees
    /// online.
    fn create_request(
        &self,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
        nodes: &Nodes,
    ) -> Result<wire::VolumeCreateRequest, VolumeError> {
        let online: Vec<_> = placement
            .nodes
            .iter()
            .filter(|t| nodes.by_agent(&t.id).is_some_and(|n| n.status.is_online()))
            .cloned()
            .collect();
        for explicit in &req.options.nodes {
            nodes.require(explicit)?;
        }
        let eligible = ReplicaCandidates {
            preferred: placement
                .preferred
                .clone()
                .filter(|p| online.iter().any(|t| &t.id == p)),
            nodes: online,
        };
        let repl = req.options.repl.max(1);
        let want = repl.min(u32::try_from(eligible.nodes.len()).unwrap_or(u32::MAX));
        let chosen = if want == 0 {
            Vec::new()
        } else {
            choose_replicas(
                &req.name,
                want,
                &req.options.nodes,
                &eligible,
                &BTreeMap::new(),
            )?
        };
        let px_ids: Vec<String> = chosen
            .iter()
            .filter_map(|agent| nodes.by_agent(agent).map(|n| n.id.clone()))
            .collect();
        let opts = &req.options;
        let spec = wire::PxVolumeSpec {
            size: req.size_mb.saturating_mul(MIB),
            ha_level: i64::from(repl),
            format: opts
                .fs
                .as_deref()
                .and_then(wire::FsType::from_option)
                .unwrap_or_default(),
            cos: match opts.io_priority.as_deref() {
                Some("low") => wire::CosType::Low,
                Some("medium") => wire::CosType::Medium,
                Some("high") => wire::CosType::High,
                _ => wire::CosType::None,
            },
            shared: opts.shared,
            sticky: opts.sticky,
            journal: opts.journal,
            group: opts.group.clone().map(|id| wire::Group { id }),
            group_enforced: opts.group_enforced,
            replica_set: (!px_ids.is_empty()).then(|| wire::ReplicaSet {
                nodes: px_ids,
                ..Default::default()
            }),
            ..Default::default()
        };
        Ok(wire::VolumeCreateRequest {
            name: req.name.clone(),
            spec: Some(spec),
            labels: req.all_labels(),
        })
    }
}

#[async_trait::async_trait]
impl VolumeDriver for PortworxDriver {
    fn kind(&self) -> DriverKind {
        DriverKind::Portworx
    }

    async fn create(
        &self,
        req: &VolumeRequest,
        placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError> {
        validate_name(&req.name)?;
        let nodes = self.nodes().await?;
        let body = self.create_request(req, placement, &nodes)?;
        let id = match self.client.create_volume(&body).await {
            Ok(id) => id,
            Err(e) if e.code() == Some(GrpcCode::AlreadyExists) => {
                // Same name, different settings: say which, when it is the size.
                if let Some(existing) = self.find(&req.name).await? {
                    let existing = self.to_volume(&existing, &nodes)?;
                    if existing.size_mb != req.size_mb {
                        return Err(VolumeError::SizeMismatch {
                            name: req.name.clone(),
                            existing_mb: existing.size_mb,
                            requested_mb: req.size_mb,
                        });
                    }
                }
                return Err(VolumeError::Conflict {
                    name: req.name.clone(),
                    detail: e.to_string(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let resp = self.client.inspect_volume(&id).await?;
        self.to_volume(&resp, &nodes)
    }

    async fn inspect(&self, name: &str) -> Result<Option<Volume>, VolumeError> {
        validate_name(name)?;
        let Some(found) = self.find(name).await? else {
            return Ok(None);
        };
        let nodes = self.nodes().await?;
        self.to_volume(&found, &nodes).map(Some)
    }

    async fn list(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Volume>, VolumeError> {
        let found = self
            .client
            .inspect_volumes(&wire::VolumeInspectWithFiltersRequest {
                labels: labels.clone(),
                ..Default::default()
            })
            .await?;
        let nodes = self.nodes().await?;
        let mut volumes = found
            .iter()
            .filter(|r| !is_snapshot(r))
            .map(|r| self.to_volume(r, &nodes))
            .collect::<Result<Vec<_>, _>>()?;
        volumes.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(volumes)
    }

    async fn attach(&self, name: &str, node: &str) -> Result<Attachment, VolumeError> {
        validate_name(name)?;
        let nodes = self.nodes().await?;
        let px_node = nodes.require(node)?;
        let found = self
            .find(name)
            .await?
            .ok_or_else(|| VolumeError::NotFound {
                name: name.to_owned(),
            })?;
        let v = found.volume.clone().unwrap_or_default();
        let mount_path = self.mount_path(name);
        let mount_text = mount_path.display().to_string();
        let client = self.node_client(px_node, node)?;
        if !v.attached_on.is_empty() {
            if !is_node_ip(px_node, &v.attached_on) {
                return Err(VolumeError::AttachedElsewhere {
                    name: name.to_owned(),
                    attached: nodes.agent_of_ip(&v.attached_on),
                    requested: node.to_owned(),
                });
            }
        } else {
            client
                .attach(&wire::VolumeAttachRequest {
                    volume_id: v.id.clone(),
                    ..Default::default()
                })
                .await?;
        }
        if !v.attach_path.contains(&mount_text) {
            let mounted = client
                .mount(&wire::VolumeMountRequest {
                    volume_id: v.id.clone(),
                    mount_path: mount_text,
                    ..Default::default()
                })
                .await;
            if let Err(e) = mounted {
                // Do not leave an attachment nobody uses; the mount error is what matters.
                let undo = client
                    .detach(&wire::VolumeDetachRequest {
                        volume_id: v.id.clone(),
                        ..Default::default()
                    })
                    .await;
                if let Err(undo) = undo {
                    tracing::warn!("volume `{name}`: detach after a failed mount failed: {undo}");
                }
                return Err(e.into());
            }
        }
        Ok(Attachment {
            volume: name.to_owned(),
            node: node.to_owned(),
            host_path: mount_path,
        })
    }

    async fn detach(&self, name: &str, node: &str) -> Result<(), VolumeError> {
        validate_name(name)?;
        let Some(found) = self.find(name).await? else {
            return Ok(());
        };
        let v = found.volume.unwrap_or_default();
        if v.attached_on.is_empty() {
            return Ok(());
        }
        let nodes = self.nodes().await?;
        let Some(px_node) = nodes
            .by_agent(node)
            .filter(|n| is_node_ip(n, &v.attached_on))
        else {
            return Ok(());
        };
        let client = self.node_client(px_node, node)?;
        for path in &v.attach_path {
            client
                .unmount(&wire::VolumeUnmountRequest {
                    volume_id: v.id.clone(),
                    mount_path: path.clone(),
                    options: Some(wire::UnmountOptions {
                        delete_mount_path: true,
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .await?;
        }
        client
            .detach(&wire::VolumeDetachRequest {
                volume_id: v.id.clone(),
                ..Default::default()
            })
            .await?;
        Ok(())
    }

    async fn force_detach(&self, name: &str, lost_node: &str) -> Result<(), VolumeError> {
        validate_name(name)?;
        let Some(found) = self.find(name).await? else {
            return Ok(());
        };
        let v = found.volume.unwrap_or_default();
        let nodes = self.nodes().await?;
        if v.attached_on.is_empty() || nodes.agent_of_ip(&v.attached_on) != lost_node {
            return Ok(());
        }
        // The lost node cannot answer: ask any other online node to force the detach.
        let helper = nodes
            .list
            .iter()
            .find(|n| n.status.is_online() && !is_node_ip(n, &v.attached_on))
            .ok_or_else(|| VolumeError::UnknownNode {
                node: lost_node.to_owned(),
                detail: "no other online Portworx node can force the detach".into(),
            })?;
        let client = self.node_client(helper, self.config.node_key.of(helper))?;
        client
            .detach(&wire::VolumeDetachRequest {
                volume_id: v.id.clone(),
                options: Some(wire::DetachOptions {
                    force: true,
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await?;
        Ok(())
    }

    async fn delete(&self, name: &str) -> Result<(), VolumeError> {
        validate_name(name)?;
        let Some(found) = self.find(name).await? else {
            return Ok(());
        };
        let v = found.volume.unwrap_or_default();
        if !v.attached_on.is_empty() {
            let nodes = self.nodes().await?;
            return Err(VolumeError::StillAttached {
                name: name.to_owned(),
                node: nodes.agent_of_ip(&v.attached_on),
            });
        }
        match self.client.delete_volume(&v.id).await {
            Err(e) if e.code() != Some(GrpcCode::NotFound) => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn host_path(&self, name: &str) -> Result<PathBuf, VolumeError> {
        validate_name(name)?;
        Ok(self.mount_path(name))
    }

    async fn snapshot_group(
        &self,
        volumes: &[String],
        group: &str,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError> {
        validate_group_request(volumes, group, labels)?;
        let taken = self
            .list_snapshots(&BTreeMap::from([(
                GROUP_LABEL.to_owned(),
                group.to_owned(),
            )]))
            .await?;
        if !taken.is_empty() {
            return Err(VolumeError::SnapshotNameTaken {
                group: group.to_owned(),
                count: taken.len(),
            });
        }
        let mut ids = Vec::with_capacity(volumes.len());
        for (i, name) in volumes.iter().enumerate() {
            match self.find(name).await? {
                Some(found) => ids.push(found.volume.unwrap_or_default().id),
                None => {
                    let mut report = not_attempted(&volumes[..i]);
                    report.push(VolumeSnapshotReport {
                        volume: name.clone(),
                        outcome: VolumeSnapshotOutcome::Failed {
                            reason: format!("volume `{name}` does not exist"),
                        },
                    });
                    report.extend(not_attempted(&volumes[i + 1..]));
                    return Err(group_failure(group, report));
                }
            }
        }
        let request = GroupSnapCreateRequest {
            volume_ids: ids.clone(),
            delete_on_failure: true,
            ..Default::default()
        };
        let answer = match self.legacy.snapshot_group(&request).await {
            Ok(answer) => answer,
            Err(OpenStorageError::Legacy { message, .. }) => {
                return Err(group_failure(
                    group,
                    refused_group_report(volumes, &ids, &message),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        let taken = self.check_group_answer(volumes, &ids, &answer).await;
        let snap_ids = match taken {
            Ok(snap_ids) => snap_ids,
            Err(report) => return Err(group_failure(group, report)),
        };
        // Label every snapshot so it can be found by group and volume; all or nothing again.
        for (i, snap_id) in snap_ids.iter().enumerate() {
            let labelled = self
                .client
                .update_volume(
                    snap_id,
                    &wire::VolumeUpdateRequest {
                        labels: snapshot_labels(labels, group, &volumes[i]),
                        spec: None,
                    },
                )
                .await;
            if let Err(e) = labelled {
                let mut report = Vec::with_capacity(volumes.len());
                for (k, (volume, id)) in volumes.iter().zip(&snap_ids).enumerate() {
                    let mut outcome = self.roll_back(id).await;
                    if k == i {
                        outcome = match outcome {
                            VolumeSnapshotOutcome::LeftBehind { .. } => outcome,
                            _ => VolumeSnapshotOutcome::Failed {
                                reason: format!("snapshot {id} taken but cannot be labelled: {e}"),
                            },
                        };
                    }
                    report.push(VolumeSnapshotReport {
                        volume: volume.clone(),
                        outcome,
                    });
                }
                return Err(group_failure(group, report));
            }
        }
        let mut snapshots = Vec::with_capacity(snap_ids.len());
        for id in &snap_ids {
            let resp = self.client.inspect_volume(id).await?;
            snapshots.push(
                to_snapshot(&resp).ok_or_else(|| OpenStorageError::Malformed {
                    op: "snapshot inspect",
                    url: self.config.endpoint.to_string(),
                    detail: format!("snapshot {id} does not read back as a labelled snapshot"),
                })?,
            );
        }
        Ok(snapshots)
    }

    async fn list_snapshots(
        &self,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<Snapshot>, VolumeError> {
        let found = self
            .client
            .inspect_volumes(&wire::VolumeInspectWithFiltersRequest {
                labels: labels.clone(),
                ..Default::default()
            })
            .await?;
        let mut snapshots: Vec<Snapshot> = found
            .iter()
            .filter_map(to_snapshot)
            .filter(|s| matches_labels(&s.labels, labels))
            .collect();
        snapshots.sort_by(|a, b| (&a.group, &a.volume).cmp(&(&b.group, &b.volume)));
        Ok(snapshots)
    }

    async fn inspect_snapshot(&self, id: &str) -> Result<Option<Snapshot>, VolumeError> {
        if id.is_empty() {
            return Ok(None);
        }
        match self.client.inspect_volume(id).await {
            Ok(resp) => Ok(to_snapshot(&resp)),
            Err(e) if e.code() == Some(GrpcCode::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn delete_snapshot(&self, id: &str) -> Result<(), VolumeError> {
        if id.is_empty() {
            return Ok(());
        }
        let resp = match self.client.inspect_volume(id).await {
            Ok(resp) => resp,
            Err(e) if e.code() == Some(GrpcCode::NotFound) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        if to_snapshot(&resp).is_none() {
            return Err(VolumeError::InvalidSnapshotRequest {
                detail: format!(
                    "Portworx volume {id} (`{}`) is not a pxfw snapshot; it was left alone",
                    volume_name(&resp)
                ),
            });
        }
        match self.client.delete_volume(id).await {
            Err(e) if e.code() != Some(GrpcCode::NotFound) => Err(e.into()),
            _ => Ok(()),
        }
    }

    async fn restore(&self, volume: &str, snapshot_id: &str) -> Result<(), VolumeError> {
        validate_name(volume)?;
        let found = self
            .find(volume)
            .await?
            .ok_or_else(|| VolumeError::NotFound {
                name: volume.to_owned(),
            })?;
        let v = found.volume.clone().unwrap_or_default();
        if !v.attached_on.is_empty() {
            let nodes = self.nodes().await?;
            return Err(VolumeError::RestoreAttached {
                volume: volume.to_owned(),
                node: nodes.agent_of_ip(&v.attached_on),
            });
        }
        let (snap, parent) = self.require_snapshot(snapshot_id).await?;
        if parent != v.id {
            return Err(VolumeError::SnapshotOfOtherVolume {
                snapshot: snapshot_id.to_owned(),
                snapshot_volume: snap.volume,
                volume: volume.to_owned(),
            });
        }
        self.client
            .restore_snapshot(&wire::VolumeSnapshotRestoreRequest {
                volume_id: v.id.clone(),
                snapshot_id: snapshot_id.to_owned(),
            })
            .await?;
        // Portworx reports VOLUME_STATE_RESTORE until the restore is done (contract §4.5).
        let deadline = std::time::Instant::now() + self.config.timeout;
        loop {
            let state = self
                .client
                .inspect_volume(&v.id)
                .await?
                .volume
                .unwrap_or_default()
                .state;
            if state != wire::VolumeState::Restore {
                return Ok(());
            }
            if std::time::Instant::now() >= deadline {
                return Err(VolumeError::RestoreUnfinished {
                    volume: volume.to_owned(),
                    seconds: self.config.timeout.as_secs(),
                });
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn create_from_snapshot(
        &self,
        snapshot_id: &str,
        req: &VolumeRequest,
        _placement: &ReplicaCandidates,
    ) -> Result<Volume, VolumeError> {
        validate_name(&req.name)?;
        let (snap, _) = self.require_snapshot(snapshot_id).await?;
        if req.size_mb < snap.size_mb {
            return Err(VolumeError::TooSmallForSnapshot {
                volume: req.name.clone(),
                snapshot: snapshot_id.to_owned(),
                volume_mb: req.size_mb,
                snapshot_mb: snap.size_mb,
            });
        }
        let nodes = self.nodes().await?;
        if let Some(existing) = self.find(&req.name).await? {
            let parent = existing
                .volume
                .as_ref()
                .and_then(|v| v.source.as_ref())
                .map(|s| s.parent.as_str())
                .unwrap_or("");
            if parent != snapshot_id {
                return Err(VolumeError::Conflict {
                    name: req.name.clone(),
                    detail: format!(
                        "it was not cloned from snapshot `{snapshot_id}`; choose another name or delete it first"
                    ),
                });
            }
            return self.to_volume(&existing, &nodes);
        }
        // Portworx places a clone with its parent's replicas; the placement is not needed.
        let id = self
            .client
            .clone_volume(&wire::VolumeCloneRequest {
                name: req.name.clone(),
                parent_id: snapshot_id.to_owned(),
                additional_labels: req.all_labels(),
            })
            .await?;
        // A clone must not look like a snapshot (in case Portworx copied the snapshot's labels), and it
        // gets the requested size when that is larger.
        let mut labels: BTreeMap<String, String> = [GROUP_LABEL, VOLUME_LABEL]
            .into_iter()
            .map(|k| (k.to_owned(), String::new()))
            .collect();
        labels.extend(req.all_labels());
        self.client
            .update_volume(
                &id,
                &wire::VolumeUpdateRequest {
                    labels,
                    spec: (req.size_mb > snap.size_mb).then(|| wire::VolumeSpecUpdate {
                        size: req.size_mb.saturating_mul(MIB),
                    }),
                },
            )
            .await?;
        let resp = self.client.inspect_volume(&id).await?;
        self.to_volume(&resp, &nodes)
    }

    async fn node_storage(&self) -> Result<BTreeMap<NodeId, NodeStorage>, VolumeError> {
        let nodes = self.nodes().await?;
        Ok(nodes
            .list
            .iter()
            .map(|n| {
                let key = self.config.node_key.of(n).to_owned();
                (key, node_storage_of(n.status))
            })
            .collect())
    }

    async fn volume_health(&self, name: &str) -> Result<Option<VolumeHealth>, VolumeError> {
        validate_name(name)?;
        Ok(self.find(name).await?.map(|found| {
            match found.volume.unwrap_or_default().status {
                wire::VolumeStatus::Degraded => VolumeHealth::Degraded,
                wire::VolumeStatus::Down | wire::VolumeStatus::NotPresent => VolumeHealth::Down,
                // UP, or NONE (the field omitted: Portworx reports nothing wrong).
                _ => VolumeHealth::Up,
            }
        }))
    }
}

/// Stork's mapping of a Portworx node status (contract §4.2), with its Offline split by whether the
/// daemon still serves attached volumes.
fn node_storage_of(status: wire::Status) -> NodeStorage {
    use wire::Status as S;
    match status {
        S::Ok | S::None => NodeStorage::Up,
        s if s.serves_io() => NodeStorage::Degraded,
        S::StorageDown | S::PoolMaintenance => NodeStorage::StorageDown,
        _ => NodeStorage::Offline,
    }
}

/// Every volume of `volumes` as not attempted.
fn not_attempted(volumes: &[String]) -> Vec<VolumeSnapshotReport> {
    volumes
        .iter()
        .map(|v| VolumeSnapshotReport {
            volume: v.clone(),
            outcome: VolumeSnapshotOutcome::NotAttempted,
        })
        .collect()
}

fn group_failure(group: &str, volumes: Vec<VolumeSnapshotReport>) -> VolumeError {
    VolumeError::GroupSnapshotFailed(Box::new(GroupSnapshotFailure {
        group: group.to_owned(),
        volumes,
    }))
}

/// The report when Portworx refused the whole group (a plain-text driver error; with
/// `delete_on_failure` it has deleted what it took). The volumes its message names are the failed ones;
/// when it names none, the failure cannot be pinned on one volume and every volume carries it.
fn refused_group_report(
    volumes: &[String],
    ids: &[String],
    message: &str,
) -> Vec<VolumeSnapshotReport> {
    let named = |(name, id): (&String, &String)| {
        message.contains(id.as_str()) || message.contains(name.as_str())
    };
    let any_named = volumes.iter().zip(ids).any(named);
    volumes
        .iter()
        .zip(ids)
        .map(|pair| VolumeSnapshotReport {
            volume: pair.0.clone(),
            outcome: if !any_named || named(pair) {
                VolumeSnapshotOutcome::Failed {
                    reason: message.to_owned(),
                }
            } else {
                VolumeSnapshotOutcome::Discarded
            },
        })
        .collect()
}

/// A snapshot of pxfw's: a read-only volume with a parent, labelled with its group and volume.
fn to_snapshot(resp: &wire::VolumeInspectResponse) -> Option<Snapshot> {
    if !is_snapshot(resp) {
        return None;
    }
    let v = resp.volume.as_ref()?;
    let labels = if resp.labels.is_empty() {
        v.locator.clone().unwrap_or_default().volume_labels
    } else {
        resp.labels.clone()
    };
    let group = labels.get(GROUP_LABEL)?.clone();
    let volume = labels.get(VOLUME_LABEL)?.clone();
    Some(Snapshot {
        id: v.id.clone(),
        name: volume_name(resp).to_owned(),
        volume,
        group,
        created_at: Timestamp::parse(&v.ctime),
        size_mb: v.spec.as_ref().map(|s| s.size.div_ceil(MIB)).unwrap_or(0),
        labels,
        method: SnapshotMethod::Portworx,
    })
}

/// Portworx snapshots are read-only volumes with a parent (clones have a parent but are writable).
fn is_snapshot(resp: &wire::VolumeInspectResponse) -> bool {
    resp.volume
        .as_ref()
        .is_some_and(|v| v.readonly && v.source.as_ref().is_some_and(|s| !s.parent.is_empty()))
}

impl PortworxDriver {
    /// Checks a group snapshot answer: every volume must have a snapshot id and no error. On failure,
    /// deletes the snapshots that were taken (Portworx should have, with `delete_on_failure`; deleting
    /// is idempotent) and returns the report.
    async fn check_group_answer(
        &self,
        volumes: &[String],
        ids: &[String],
        answer: &GroupSnapCreateResponse,
    ) -> Result<Vec<String>, Vec<VolumeSnapshotReport>> {
        let per_volume: Vec<Result<String, String>> = ids
            .iter()
            .map(|id| {
                let entry = answer
                    .snapshots
                    .get(id)
                    .and_then(|s| s.volume_create_response.as_ref());
                match entry {
                    Some(r) => match r.error() {
                        Some(e) => Err(e.to_owned()),
                        None if r.id.is_empty() => {
                            Err("Portworx answered without a snapshot id".to_owned())
                        }
                        None => Ok(r.id.clone()),
                    },
                    None if !answer.error.is_empty() => Err(answer.error.clone()),
                    None => Err("Portworx did not answer for this volume".to_owned()),
                }
            })
            .collect();
        if answer.error.is_empty() && per_volume.iter().all(Result::is_ok) {
            return Ok(per_volume.into_iter().flatten().collect());
        }
        let mut report = Vec::with_capacity(volumes.len());
        for (volume, result) in volumes.iter().zip(per_volume) {
            let outcome = match result {
                Ok(snap_id) => self.roll_back(&snap_id).await,
                Err(reason) => VolumeSnapshotOutcome::Failed { reason },
            };
            report.push(VolumeSnapshotReport {
                volume: volume.clone(),
                outcome,
            });
        }
        Err(report)
    }

    /// Deletes a snapshot of a failed group: rolled back, or left behind with the reason.
    async fn roll_back(&self, snap_id: &str) -> VolumeSnapshotOutcome {
        match self.client.delete_volume(snap_id).await {
            Err(e) if e.code() != Some(GrpcCode::NotFound) => VolumeSnapshotOutcome::LeftBehind {
                snapshot_id: snap_id.to_owned(),
                reason: e.to_string(),
            },
            _ => VolumeSnapshotOutcome::RolledBack {
                snapshot_id: snap_id.to_owned(),
            },
        }
    }

    /// The pxfw snapshot with this id and its parent volume's id.
    async fn require_snapshot(&self, id: &str) -> Result<(Snapshot, String), VolumeError> {
        let missing = || VolumeError::SnapshotNotFound { id: id.to_owned() };
        if id.is_empty() {
            return Err(missing());
        }
        let resp = match self.client.inspect_volume(id).await {
            Ok(resp) => resp,
            Err(e) if e.code() == Some(GrpcCode::NotFound) => return Err(missing()),
            Err(e) => return Err(e.into()),
        };
        let snap = to_snapshot(&resp).ok_or_else(missing)?;
        let parent = resp
            .volume
            .and_then(|v| v.source)
            .map(|s| s.parent)
            .unwrap_or_default();
        Ok((snap, parent))
    }
}

fn volume_name(resp: &wire::VolumeInspectResponse) -> &str {
    if !resp.name.is_empty() {
        return &resp.name;
    }
    resp.volume
        .as_ref()
        .and_then(|v| v.locator.as_ref())
        .map(|l| l.name.as_str())
        .unwrap_or("")
}

fn is_node_ip(node: &StorageNode, ip: &str) -> bool {
    !ip.is_empty() && (node.mgmt_ip == ip || node.data_ip == ip)
}

/// The storage nodes, looked up through the configured [`NodeKey`].
struct Nodes {
    key: NodeKey,
    list: Vec<StorageNode>,
}

impl Nodes {
    fn by_agent(&self, agent: &str) -> Option<&StorageNode> {
        self.list.iter().find(|n| self.key.of(n) == agent)
    }

    fn require(&self, agent: &str) -> Result<&StorageNode, VolumeError> {
        self.by_agent(agent).ok_or_else(|| {
            let known: Vec<&str> = self.list.iter().map(|n| self.key.of(n)).collect();
            VolumeError::UnknownNode {
                node: agent.to_owned(),
                detail: format!(
                    "no Portworx node has {} `{agent}` (known: {}); an agent's node id must equal its Portworx node's {}",
                    self.key.field(),
                    known.join(", "),
                    self.key.field()
                ),
            }
        })
    }

    /// The agent id of a storage node id; the raw id when Portworx does not list it.
    fn agent_of_id(&self, id: &str) -> String {
        self.list
            .iter()
            .find(|n| n.id == id)
            .map(|n| self.key.of(n))
            .filter(|k| !k.is_empty())
            .unwrap_or(id)
            .to_owned()
    }

    /// The agent id of the node with this IP; the IP itself when no node has it.
    fn agent_of_ip(&self, ip: &str) -> String {
        self.list
            .iter()
            .find(|n| is_node_ip(n, ip))
            .map(|n| self.key.of(n))
            .filter(|k| !k.is_empty())
            .unwrap_or(ip)
            .to_owned()
    }
}
