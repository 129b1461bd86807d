//! The DC/OS mode of bringing a snapshot group back: in place (`restore`) or as a new service (`clone`).
//!
//! **Restore.** Portworx restores only a detached volume (contract §4.5), and the SDK scheduler has no
//! "stop pod": its pod commands are restart, replace, pause and resume (contract §2.4). Pause is the one
//! that stops the application without the scheduler relaunching it: the tasks are relaunched with their
//! command replaced by a sleep. So a restore pauses every pod holding a volume of the group, waits until
//! each shows `PAUSED`, detaches each volume from its node (the paused tasks do no I/O), restores it,
//! and resumes the pods, whose tasks relaunch on the restored data. A failed volume leaves the pods
//! paused, so no application runs on a mix of old and new volumes; running the restore again finishes
//! it (pause, detach and restore are all idempotent).
//!
//! **Clone.** The frameworks name their Portworx volumes from a package option (e.g.
//! `nodes.portworx_volume_name`, default `Cassandra`), not from the service name, so a second service
//! with the same options would share the first one's volumes. A clone therefore gives the new service
//! its own volume base names (`<new service>-<base>`) by rewriting the options whose value is a base
//! name, creates each volume from its snapshot under the new name *before* installing, and installs the
//! package through Cosmos with those options; the scheduler then finds its volumes already there.
//! Either step failing deletes the clones made, so nothing is left behind.
//!
//! Both refuse a snapshot whose volumes are not exactly the service's current ones (a changed count or
//! volume layout), naming the difference.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use super::dcos::{CONFIG_LABEL, SERVICE_LABEL};
use crate::dcos::sdk::{PodCommand, SdkClient};
use crate::volume::{
    GROUP_LABEL, Snapshot, VOLUME_LABEL, VolumeDriver, VolumeError, VolumeRequest,
};

/// One DC/OS-mode snapshot group, read back from Portworx.
#[derive(Debug, Clone)]
pub struct SnapshotGroup {
    pub id: String,
    pub service: String,
    pub config_id: Option<String>,
    /// volume name → its snapshot.
    pub volumes: BTreeMap<String, Snapshot>,
}

/// Why a snapshot cannot be brought back.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BringBackError {
    #[error("no snapshot `{id}` in Portworx (`pxfw snapshot list --px-endpoint URL` lists them)")]
    NoGroup { id: String },
    #[error(
        "snapshot `{id}` was not taken by `pxfw snapshot create --px-endpoint` (its volume snapshots carry no `{SERVICE_LABEL}` label), so pxfw cannot tell which service it belongs to"
    )]
    NoService { id: String },
    #[error(
        "the volumes of {service} changed since snapshot `{id}` was taken{config}: {detail}. A restore needs exactly the snapshot's volumes; change the service back (e.g. its pod count) or clone the snapshot as a new service"
    )]
    LayoutChanged {
        id: String,
        service: String,
        config: String,
        detail: String,
    },
    #[error(
        "Cosmos has no package options recorded for {service} (no `resolvedOptions` in its service description), so the clone cannot be installed with the same configuration"
    )]
    NoOptions { service: String },
    #[error(
        "cannot tell which package option of {service} names its volume `{base}` (no option has that value); the clone would share the original's volumes, so nothing was done"
    )]
    VolumeOptionUnknown { service: String, base: String },
    #[error(
        "volume `{volume}` already exists in Portworx; nothing was created. Delete it in Portworx, or clone under another service name"
    )]
    CloneTargetExists { volume: String },
}

/// Reads group `id` back from its snapshots' labels.
pub async fn find_group(driver: &dyn VolumeDriver, id: &str) -> anyhow::Result<SnapshotGroup> {
    let snaps = driver
        .list_snapshots(&BTreeMap::from([(GROUP_LABEL.to_owned(), id.to_owned())]))
        .await?;
    let first = snaps
        .first()
        .ok_or_else(|| BringBackError::NoGroup { id: id.to_owned() })?;
    let service = first
        .labels
        .get(SERVICE_LABEL)
        .cloned()
        .ok_or_else(|| BringBackError::NoService { id: id.to_owned() })?;
    let config_id = first.labels.get(CONFIG_LABEL).cloned();
    let volumes = snaps
        .iter()
        .map(|s| {
            let volume = s.labels.get(VOLUME_LABEL).unwrap_or(&s.volume).clone();
            (volume, s.clone())
        })
        .collect();
    Ok(SnapshotGroup {
        id: id.to_owned(),
        service,
        config_id,
        volumes,
    })
}

/// Refuses when the service's current volumes (pod → volumes, from its target configuration) are not
/// exactly the group's.
pub fn check_layout(
    group: &SnapshotGroup,
    current: &BTreeMap<String, Vec<String>>,
    current_config: &str,
) -> Result<(), BringBackError> {
    let now: BTreeSet<&str> = current.values().flatten().map(String::as_str).collect();
    let then: BTreeSet<&str> = group.volumes.keys().map(String::as_str).collect();
    if now == then {
        return Ok(());
    }
    let list = |s: Vec<&&str>| {
        s.iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    let added: Vec<_> = now.difference(&then).collect();
    if !added.is_empty() {
        parts.push(format!("volumes not in the snapshot: {}", list(added)));
    }
    let gone: Vec<_> = then.difference(&now).collect();
    if !gone.is_empty() {
        parts.push(format!(
            "snapshot volumes the service no longer has: {}",
            list(gone)
        ));
    }
    let config = match &group.config_id {
        Some(c) if c != current_config => format!(" (configuration {c}, now {current_config})"),
        _ => String::new(),
    };
    Err(BringBackError::LayoutChanged {
        id: group.id.clone(),
        service: group.service.clone(),
        config,
        detail: parts.join("; "),
    })
}

// ------------------------------------------------------------------------------------------ restore

/// How a restore waits for the scheduler and retries Portworx.
#[derive(Debug, Clone)]
pub struct RestoreOptions {
    /// Whether to wait, after resuming, until every task runs again.
    pub wait_resumed: bool,
    /// For every pod to show PAUSED (and, after, RUNNING again).
    pub pods: Duration,
    /// Between polls of the pods' status.
    pub poll: Duration,
    /// Attempts per volume while Portworx still reports it attached (detach can lag, contract §4.5).
    pub attempts: u32,
    pub retry: Duration,
}

impl Default for RestoreOptions {
    fn default() -> Self {
        RestoreOptions {
            wait_resumed: true,
            pods: Duration::from_secs(600),
            poll: Duration::from_secs(1),
            attempts: 5,
            retry: Duration::from_secs(5),
        }
    }
}

/// What happened to one volume.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VolumeRestore {
    pub volume: String,
    pub snapshot: String,
    /// `None`: restored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The outcome of a whole restore.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    pub snapshot: String,
    pub service: String,
    pub pods: Vec<String>,
    pub volumes: Vec<VolumeRestore>,
    /// Whether the pods were resumed (false when a volume failed: they stay paused).
    pub resumed: bool,
}

impl RestoreReport {
    pub fn failed(&self) -> Vec<&VolumeRestore> {
        self.volumes.iter().filter(|v| v.error.is_some()).collect()
    }
}

fn pod_is(status: &crate::api::sdk::PodStatus, ok: &[&str]) -> bool {
    !status.tasks.is_empty()
        && status
            .tasks
            .iter()
            .all(|t| t.status.as_deref().is_some_and(|s| ok.contains(&s)))
}

/// Polls every pod until `ok` holds for all of them; on timeout, names the pods that lag and their tasks.
async fn wait_pods(
    sdk: &SdkClient,
    pods: &[String],
    ok: &[&str],
    timings: &RestoreOptions,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + timings.pods;
    loop {
        let mut lagging = Vec::new();
        for pod in pods {
            let status = sdk.pod_status(pod).await?.value;
            if !pod_is(&status, ok) {
                let tasks: Vec<String> = status
                    .tasks
                    .iter()
                    .map(|t| {
                        format!(
                            "{}: {}",
                            t.name.as_deref().unwrap_or("?"),
                            t.status.as_deref().unwrap_or("no status")
                        )
                    })
                    .collect();
                lagging.push(format!("{pod} ({})", tasks.join(", ")));
            }
        }
        if lagging.is_empty() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            anyhow::bail!(
                "not every pod reached {} within {}: {}",
                ok.join(" or "),
                humantime::format_duration(timings.pods),
                lagging.join("; ")
            );
        }
        tokio::time::sleep(timings.poll).await;
    }
}

async fn act_on_all(sdk: &SdkClient, pods: &[String], action: PodCommand) -> anyhow::Result<()> {
    for pod in pods {
        sdk.pod_action(pod, action, &[]).await?;
    }
    Ok(())
}

/// Detaches `volume` from wherever it is attached, then restores it, retrying while Portworx still
/// reports it attached.
async fn restore_volume(
    driver: &dyn VolumeDriver,
    volume: &str,
    snapshot: &str,
    timings: &RestoreOptions,
) -> Result<(), VolumeError> {
    let mut attempt = 1;
    loop {
        if let Some(node) = driver.inspect(volume).await?.and_then(|v| v.attached_node) {
            driver.detach(volume, &node).await?;
        }
        match driver.restore(volume, snapshot).await {
            Err(VolumeError::RestoreAttached { .. }) if attempt < timings.attempts => {
                attempt += 1;
                tokio::time::sleep(timings.retry).await;
            }
            other => return other,
        }
    }
}

/// Restores every volume of `group` in place. `pods` are the service's pods holding them (from
/// [`super::dcos::volumes_from_target`], already checked with [`check_layout`]). `progress` is told each step.
pub async fn restore(
    sdk: &SdkClient,
    driver: &dyn VolumeDriver,
    group: &SnapshotGroup,
    pods: &[String],
    timings: &RestoreOptions,
    progress: &dyn Fn(String),
) -> anyhow::Result<RestoreReport> {
    progress(format!(
        "Pausing {} pod(s) of {}: {}",
        pods.len(),
        group.service,
        pods.join(", ")
    ));
    let paused = async {
        act_on_all(sdk, pods, PodCommand::Pause).await?;
        wait_pods(sdk, pods, &["PAUSED", "FINISHED"], timings).await
    }
    .await;
    if let Err(e) = paused {
        // Nothing was restored: put the service back as it was.
        let resumed = act_on_all(sdk, pods, PodCommand::Resume).await;
        let after = match resumed {
            Ok(()) => "the pods were resumed".to_owned(),
            Err(r) => format!(
                "resuming them failed too ({r:#}); resume them with `pxfw debug pod resume POD --name {}`",
                group.service
            ),
        };
        return Err(e.context(format!(
            "the pods could not be paused, so no volume was restored; {after}"
        )));
    }
    let mut volumes = Vec::new();
    for (volume, snap) in &group.volumes {
        progress(format!("Restoring {volume} from {}", snap.id));
        let result = restore_volume(driver, volume, &snap.id, timings).await;
        volumes.push(VolumeRestore {
            volume: volume.clone(),
            snapshot: snap.id.clone(),
            error: result.err().map(|e| e.to_string()),
        });
    }
    let mut report = RestoreReport {
        snapshot: group.id.clone(),
        service: group.service.clone(),
        pods: pods.to_vec(),
        volumes,
        resumed: false,
    };
    if !report.failed().is_empty() {
        return Ok(report);
    }
    progress(format!("Resuming {} pod(s)", pods.len()));
    act_on_all(sdk, pods, PodCommand::Resume).await?;
    report.resumed = true;
    if !timings.wait_resumed {
        return Ok(report);
    }
    wait_pods(sdk, pods, &["RUNNING", "FINISHED"], timings)
        .await
        .map_err(|e| e.context("every volume was restored and the pods resumed, but"))?;
    Ok(report)
}

// ------------------------------------------------------------------------------------------ clone

/// What a clone will create and install.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClonePlan {
    pub service: String,
    pub package_name: String,
    pub package_version: Option<String>,
    /// The options for Cosmos: the original's user options plus the new name and volume names.
    pub options: Value,
    /// original volume → the clone's volume name.
    pub volumes: BTreeMap<String, String>,
}

/// JSON pointers of every string in `v` equal to `wanted`.
fn pointers_to(v: &Value, wanted: &str, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s == wanted => out.push(at),
        Value::Object(map) => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers_to(child, wanted, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// JSON pointers of every boolean `true` under a key called `key`.
fn true_flags(v: &Value, key: &str, at: String, out: &mut Vec<String>) {
    if let Value::Object(map) = v {
        for (k, child) in map {
            let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
            if k == key && child == &Value::Bool(true) {
                out.push(here);
            } else {
                true_flags(child, key, here, out);
            }
        }
    }
}

/// Sets `pointer` in `v`, creating objects on the way.
fn set_pointer(v: &mut Value, pointer: &str, value: Value) {
    let mut here = v;
    for token in pointer.split('/').skip(1) {
        let key = token.replace("~1", "/").replace("~0", "~");
        if !here.is_object() {
            *here = Value::Object(Default::default());
        }
        here = here
            .as_object_mut()
            .expect("made an object above")
            .entry(key)
            .or_insert(Value::Null);
    }
    *here = value;
}

/// The volume base names of the service (the `volume-name` of each Portworx volume), read off the
/// current volumes: `<base>-<index>` for per-pod volumes, `<base>` for shared ones.
fn bases_of(pods: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (pod, vols) in pods {
        let index = pod.rsplit_once('-').map(|(_, i)| i).unwrap_or("");
        for v in vols {
            let base = v
                .strip_suffix(index)
                .and_then(|b| b.strip_suffix('-'))
                .unwrap_or(v);
            out.insert(v.clone(), base.to_owned());
        }
    }
    out
}

/// Works out the clone: new options and volume names. `describe` is Cosmos's service description of the
/// original; `pods` its current pod → volumes.
pub fn plan_clone(
    group: &SnapshotGroup,
    new_service: &str,
    describe: &Value,
    pods: &BTreeMap<String, Vec<String>>,
) -> Result<ClonePlan, BringBackError> {
    let resolved = describe
        .get("resolvedOptions")
        .filter(|v| v.is_object())
        .ok_or_else(|| BringBackError::NoOptions {
            service: group.service.clone(),
        })?;
    let mut options = describe
        .get("userProvidedOptions")
        .filter(|v| v.is_object())
        .cloned()
        .unwrap_or_else(|| Value::Object(Default::default()));
    set_pointer(
        &mut options,
        "/service/name",
        Value::String(new_service.to_owned()),
    );
    let prefix = new_service.trim_start_matches('/').replace('/', "-");
    let mut volumes = BTreeMap::new();
    let bases = bases_of(pods);
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for base in bases.values().collect::<BTreeSet<_>>() {
        let mut found = Vec::new();
        pointers_to(resolved, base, String::new(), &mut found);
        found.retain(|p| p != "/service/name");
        if found.is_empty() {
            return Err(BringBackError::VolumeOptionUnknown {
                service: group.service.clone(),
                base: base.clone(),
            });
        }
        let new_base = format!("{prefix}-{base}");
        for p in found {
            set_pointer(&mut options, &p, Value::String(new_base.clone()));
        }
        renamed.insert(base.clone(), new_base);
    }
    for (volume, base) in &bases {
        let suffix = &volume[base.len()..];
        volumes.insert(volume.clone(), format!("{}{suffix}", renamed[base]));
    }
    // A framework that initialises its data on first start must not do it again over cloned data
    // (portworx-cassandra's `init_system_keyspaces` says so in its own description).
    let mut flags = Vec::new();
    true_flags(resolved, "init_system_keyspaces", String::new(), &mut flags);
    for p in flags {
        set_pointer(&mut options, &p, Value::Bool(false));
    }
    let package = describe.get("package").unwrap_or(&Value::Null);
    Ok(ClonePlan {
        service: new_service.to_owned(),
        package_name: package
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        package_version: package
            .get("version")
            .and_then(Value::as_str)
            .map(str::to_owned),
        options,
        volumes,
    })
}

/// Creates every clone volume of `plan` from its snapshot. All or nothing: on a failure the volumes
/// created by this call are deleted again. Returns the volumes created.
pub async fn create_clone_volumes(
    driver: &dyn VolumeDriver,
    group: &SnapshotGroup,
    plan: &ClonePlan,
) -> anyhow::Result<Vec<String>> {
    for new in plan.volumes.values() {
        crate::volume::validate_name(new)?;
    }
    // Refuse before creating anything when a name is taken: the clone must not adopt other data, and
    // a volume it creates must be its own to delete on failure.
    for new in plan.volumes.values() {
        if driver.inspect(new).await?.is_some() {
            return Err(BringBackError::CloneTargetExists {
                volume: new.clone(),
            }
            .into());
        }
    }
    let mut created = Vec::new();
    for (old, new) in &plan.volumes {
        let snap = &group.volumes[old];
        let mut req = VolumeRequest::new(new.clone(), snap.size_mb);
        req.labels.insert("service".into(), plan.service.clone());
        let placement = crate::volume::ReplicaCandidates::new(Vec::new());
        match driver
            .create_from_snapshot(&snap.id, &req, &placement)
            .await
        {
            Ok(_) => created.push(new.clone()),
            Err(e) => {
                let left = delete_volumes(driver, &created).await;
                return Err(
                    anyhow::anyhow!(e).context(format!("cloning {old} into {new} failed; {left}"))
                );
            }
        }
    }
    Ok(created)
}

/// Deletes `volumes`; says what happened, for the error message of a rolled-back clone.
pub async fn delete_volumes(driver: &dyn VolumeDriver, volumes: &[String]) -> String {
    let mut failed = Vec::new();
    for v in volumes {
        if let Err(e) = driver.delete(v).await {
            failed.push(format!("{v} ({e})"));
        }
    }
    if failed.is_empty() {
        format!("the {} clone volume(s) made were deleted", volumes.len())
    } else {
        format!(
            "deleting the clone volumes made failed for {}; delete them in Portworx",
            failed.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::volume::SnapshotMethod;
    use serde_json::json;

    fn group(vols: &[&str]) -> SnapshotGroup {
        SnapshotGroup {
            id: "nightly".into(),
            service: "cass".into(),
            config_id: Some("cfg-1".into()),
            volumes: vols
                .iter()
                .map(|v| {
                    (
                        v.to_string(),
                        Snapshot {
                            id: format!("snap-{v}"),
                            name: format!("nightly.{v}"),
                            volume: v.to_string(),
                            group: "nightly".into(),
                            created_at: None,
                            size_mb: 1024,
                            labels: BTreeMap::new(),
                            method: SnapshotMethod::Portworx,
                        },
                    )
                })
                .collect(),
        }
    }

    fn pods(n: usize) -> BTreeMap<String, Vec<String>> {
        (0..n)
            .map(|i| {
                (
                    format!("node-{i}"),
                    vec![format!("CassData-{i}"), "common".into()],
                )
            })
            .collect()
    }

    #[test]
    fn a_changed_layout_is_refused_with_the_difference() {
        let g = group(&["CassData-0", "CassData-1", "common"]);
        assert!(check_layout(&g, &pods(2), "cfg-1").is_ok());
        let err = check_layout(&g, &pods(3), "cfg-2").unwrap_err().to_string();
        assert!(
            err.contains("volumes not in the snapshot: CassData-2"),
            "{err}"
        );
        assert!(err.contains("configuration cfg-1, now cfg-2"), "{err}");
        let err = check_layout(&g, &pods(1), "cfg-1").unwrap_err().to_string();
        assert!(err.contains("no longer has: CassData-1"), "{err}");
    }

    #[test]
    fn a_clone_renames_the_volume_options_and_keeps_the_user_options() {
        let g = group(&["CassData-0", "CassData-1", "common"]);
        let describe = json!({
            "package": {"name": "portworx-cassandra", "version": "1.2"},
            "resolvedOptions": {
                "service": {"name": "cass"},
                "nodes": {"count": 2, "portworx_volume_name": "CassData", "init_system_keyspaces": true},
                "shared": {"volume": "common"}
            },
            "userProvidedOptions": {"service": {"name": "cass"}, "nodes": {"count": 2}}
        });
        let plan = plan_clone(&g, "cass2", &describe, &pods(2)).unwrap();
        assert_eq!(plan.package_name, "portworx-cassandra");
        assert_eq!(plan.package_version.as_deref(), Some("1.2"));
        assert_eq!(
            plan.options,
            json!({
                "service": {"name": "cass2"},
                "nodes": {"count": 2, "portworx_volume_name": "cass2-CassData", "init_system_keyspaces": false},
                "shared": {"volume": "cass2-common"}
            })
        );
        assert_eq!(plan.volumes["CassData-1"], "cass2-CassData-1");
        assert_eq!(plan.volumes["common"], "cass2-common");

        let mut no_option = describe.clone();
        no_option["resolvedOptions"]["shared"] = json!({});
        assert!(matches!(
            plan_clone(&g, "cass2", &no_option, &pods(2)),
            Err(BringBackError::VolumeOptionUnknown { base, .. }) if base == "common"
        ));
        assert!(matches!(
            plan_clone(&g, "cass2", &json!({"package": {}}), &pods(2)),
            Err(BringBackError::NoOptions { .. })
        ));
    }

    #[test]
    fn pointers_escape_and_set_creates_objects() {
        let mut v = json!({});
        set_pointer(&mut v, "/a~1b/c", json!(1));
        assert_eq!(v, json!({"a/b": {"c": 1}}));
        let mut found = Vec::new();
        pointers_to(&v, "x", String::new(), &mut found);
        assert!(found.is_empty());
    }
}
