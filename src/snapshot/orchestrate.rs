//! Consistency-group snapshots of a whole service in the embedded mode: create (hooks around one group
//! cut), restore (through the engine's `restore` plan) and clone (a new service whose volumes start from
//! the snapshots). The HTTP layer (`crate::server::snapshot_api`) is a thin adapter over these functions.
//!
//! # The embedded-mode assumption
//! pxfw's own control plane runs its agents on the server's machine (`--local-agents`, or `pxfw agent`
//! processes next to it sharing the local volume pool). That is what lets the server run hooks *in task
//! context itself* — `sh -c CMD` in the task's sandbox with the task's environment ([`super::hooks`]) —
//! and freeze the service's tasks by their process groups ([`super::freeze`]) around the cut. The
//! assumption is checked, never trusted: every task a snapshot touches must be a live process here whose
//! working directory is its recorded sandbox; otherwise the snapshot is refused with
//! [`SnapshotError::Unsupported`] and the operator is pointed at the DC/OS mode (hooks through plans, the
//! group cut through Portworx).
//!
//! # Create, in order
//! resolve hooks (profile by package, else by service name; overridable) → pre hooks in every target
//! task (with a timeout) → background pre hooks started and held → freeze every task group (local driver
//! only: Portworx quiesces the group itself) → `snapshot_group` of every volume → thaw (window measured)
//! → release background hooks → post hooks, always, even when anything before failed → record.
//! Any failure leaves nothing behind: the driver rolls the group back, and a record that cannot be
//! written makes the snapshots be deleted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::freeze;
use super::hooks::{self, HeldHook, HookPhase, HookRun, HookTarget};
use super::profile::{self, Consistency, Hook, HookOverrides};
use crate::api::snapshot::{
    CloneAdded, CloneStarted, ClonedVolume, CreateRequest, DryRunReport, RestoreStarted,
    SnapshotDeleted,
};
use crate::scheduler::engine::{AddService, Engine, EngineError, TaskContext};
use crate::scheduler::store::{Kind, Store, StoreError, Write};
use crate::spec::model::{ServiceSpec, pod_instance_name};
use crate::spec::volume::escape_slashes;
use crate::volume::{
    DriverKind, ReplicaCandidates, SnapshotMethod, Timestamp, VolumeDriver, VolumeError,
    VolumeRequest,
};

/// How long `freeze` may take to see every task process stopped.
const FREEZE_CONFIRM: Duration = Duration::from_secs(5);
/// How long a released background hook has to finish its unlock.
const RELEASE_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest a background hook holds its lock if pxfw never releases it (pxfw died mid-snapshot).
const MAX_HOLD: Duration = Duration::from_secs(600);

/// One snapshot operation at a time on a server: two creates of one name, or a restore racing a
/// create, must not interleave.
static OPERATIONS: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(|| tokio::sync::Mutex::new(()));

/// Why a snapshot operation was refused or failed. [`SnapshotError::status`] gives the HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    /// The setup does not allow what was asked (e.g. tasks not on this machine).
    #[error("{0}")]
    Unsupported(String),
    /// A hook failed; nothing was snapshotted. The runs say where and why.
    #[error("{message}")]
    HookFailed {
        message: String,
        hooks: Vec<HookRun>,
    },
    /// The cut failed; the volume report is in the message and nothing was kept (unless it says so).
    #[error("{message}")]
    CutFailed {
        message: String,
        report: Option<Box<crate::volume::GroupSnapshotFailure>>,
        hooks: Vec<HookRun>,
    },
    #[error(transparent)]
    Volume(#[from] VolumeError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Engine(EngineError),
}

impl From<EngineError> for SnapshotError {
    fn from(e: EngineError) -> Self {
        match e {
            EngineError::NotFound(m) => SnapshotError::NotFound(m),
            EngineError::Conflict(m) => SnapshotError::Conflict(m),
            EngineError::Invalid(m) => SnapshotError::Invalid(m),
            other => SnapshotError::Engine(other),
        }
    }
}

impl SnapshotError {
    pub fn status(&self) -> u16 {
        match self {
            SnapshotError::NotFound(_) => 404,
            SnapshotError::Conflict(_) => 409,
            SnapshotError::Invalid(_) => 400,
            SnapshotError::Unsupported(_) => 422,
            SnapshotError::HookFailed { .. } | SnapshotError::CutFailed { .. } => 500,
            SnapshotError::Volume(VolumeError::SnapshotNameTaken { .. }) => 409,
            SnapshotError::Volume(VolumeError::SnapshotNotFound { .. }) => 404,
            SnapshotError::Volume(VolumeError::InvalidSnapshotRequest { .. }) => 400,
            SnapshotError::Volume(_) | SnapshotError::Store(_) | SnapshotError::Engine(_) => 500,
        }
    }

    /// The JSON error body: the message, plus the hook runs and volume report when there are some.
    pub fn body(&self) -> Value {
        let mut body = json!({"message": self.to_string()});
        match self {
            SnapshotError::HookFailed { hooks, .. } => body["hooks"] = json!(hooks),
            SnapshotError::CutFailed { report, hooks, .. } => {
                body["hooks"] = json!(hooks);
                if let Some(r) = report {
                    body["volumes"] = json!(r.volumes);
                }
            }
            _ => {}
        }
        body
    }
}

/// The package a service was installed from, as needed to clone it by installing the package again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageRef {
    pub name: String,
    pub version: Option<String>,
    /// The options given at install (`None` when they were not stored).
    pub options: Option<Map<String, Value>>,
}

/// What the snapshot needs to bring the service up again elsewhere (clone), as it was when taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    pub template: String,
    pub env: BTreeMap<String, String>,
    pub files: BTreeMap<String, String>,
}

/// One volume's snapshot in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeSnapshot {
    pub snapshot_id: String,
    pub container_path: String,
    pub size_mb: u64,
    pub method: SnapshotMethod,
}

/// How long each part took.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    pub pre_hooks_ms: u64,
    /// From the first background hook holding to the last release (`None` without background hooks).
    pub background_hold_ms: Option<u64>,
    /// From the first SIGSTOP to the last SIGCONT (local driver; `None` on Portworx).
    pub freeze_window_us: Option<u64>,
    /// From the first SIGSTOP until every task process was seen stopped.
    pub freeze_stop_latency_us: Option<u64>,
    /// The `snapshot_group` call alone.
    pub cut_ms: u64,
    pub post_hooks_ms: u64,
    pub total_ms: u64,
}

/// A snapshot of a service, as stored (`Kind::Snapshot`, keyed by its id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    pub id: String,
    pub service: String,
    /// The service's target configuration when it was taken.
    pub config_id: String,
    pub created_at: Timestamp,
    pub labels: BTreeMap<String, String>,
    pub driver: DriverKind,
    pub consistency: Consistency,
    pub profile: Option<String>,
    /// pod → volume → its snapshot.
    pub pods: BTreeMap<String, BTreeMap<String, VolumeSnapshot>>,
    pub hooks: Vec<HookRun>,
    pub timings: Timings,
    /// When the cut began and ended (after every task was frozen, before they were resumed).
    pub cut_started_at: Timestamp,
    pub cut_ended_at: Timestamp,
    /// The task process groups frozen for the cut.
    #[serde(default)]
    pub frozen_groups: Vec<i32>,
    pub definition: ServiceDefinition,
    #[serde(default)]
    pub package: Option<PackageRef>,
}

impl SnapshotRecord {
    /// (volume, snapshot id) of every volume.
    pub fn restores(&self) -> Vec<(String, String)> {
        self.pods
            .values()
            .flat_map(|vols| vols.iter().map(|(v, s)| (v.clone(), s.snapshot_id.clone())))
            .collect()
    }

    fn volume_set(&self) -> BTreeSet<(String, String)> {
        self.pods
            .iter()
            .flat_map(|(pod, vols)| vols.keys().map(move |v| (pod.clone(), v.clone())))
            .collect()
    }
}

/// What `create` did.
#[derive(Debug, Clone)]
pub enum CreateOutcome {
    /// `dry_run`: what would run, and on which volumes.
    DryRun(DryRunReport),
    Taken {
        record: Box<SnapshotRecord>,
    },
}

// ---------------------------------------------------------------------------------------- records

/// Every stored snapshot (of one service when given), oldest first.
pub fn list(store: &Store, service: Option<&str>) -> Result<Vec<SnapshotRecord>, SnapshotError> {
    let mut out: Vec<SnapshotRecord> = store
        .list::<SnapshotRecord>(Kind::Snapshot)?
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| service.is_none_or(|s| r.service == s))
        .collect();
    out.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(out)
}

/// The snapshot `id`.
pub fn get(store: &Store, id: &str) -> Result<SnapshotRecord, SnapshotError> {
    store
        .get::<SnapshotRecord>(Kind::Snapshot, id)?
        .ok_or_else(|| {
            SnapshotError::NotFound(format!(
                "no snapshot `{id}`; `pxfw snapshot list` shows the snapshots there are"
            ))
        })
}

/// Deletes every volume snapshot of `id`, then its record. Snapshots already gone are fine.
pub async fn delete(
    engine: &Engine,
    store: &Store,
    id: &str,
) -> Result<SnapshotDeleted, SnapshotError> {
    let _one = OPERATIONS.lock().await;
    let record = get(store, id)?;
    let driver = engine.driver();
    let mut failed = Vec::new();
    for (volume, snap) in record.restores() {
        if let Err(e) = driver.delete_snapshot(&snap).await {
            failed.push(format!("{volume} ({snap}): {e}"));
        }
    }
    if !failed.is_empty() {
        return Err(SnapshotError::Conflict(format!(
            "snapshot `{id}` was not deleted: {} volume snapshot(s) could not be deleted ({}); the record is kept so the deletion can be run again",
            failed.len(),
            failed.join("; ")
        )));
    }
    store.write(vec![
        Write::delete(Kind::Snapshot, id),
        Write::event(
            "snapshot-deleted",
            &json!({"snapshot": id, "service": record.service}),
        ),
    ])?;
    Ok(SnapshotDeleted {
        deleted: id.to_owned(),
        service: record.service,
    })
}

// ---------------------------------------------------------------------------------------- create

/// The default snapshot name: `<service>-<UTC time to the millisecond>`, a valid volume-group name.
pub fn default_name(service: &str) -> String {
    let digits: String = Timestamp::now()
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let (date, time) = digits.split_at(digits.len().min(8));
    format!("{}-{date}t{time}", escape_slashes(service))
}

/// Checks that `ctx` is a live process on this machine running in its recorded sandbox (the
/// embedded-mode assumption), returning its process group.
fn local_group(ctx: &TaskContext) -> Result<i32, SnapshotError> {
    let unsupported = |why: String| {
        SnapshotError::Unsupported(format!(
            "task {} of pod {} (node {}) {why}. Embedded snapshots run hooks and freeze tasks from the server itself, which needs every agent on the server's machine; for agents elsewhere (or on DC/OS) take the snapshot in the DC/OS mode (`pxfw snapshot create SVC --px-endpoint URL`, hooks through a plan)",
            ctx.task, ctx.pod, ctx.node
        ))
    };
    let pid = ctx
        .pid
        .and_then(|p| i32::try_from(p).ok())
        .ok_or_else(|| unsupported("has no known process".into()))?;
    let sandbox = ctx
        .sandbox
        .as_deref()
        .ok_or_else(|| unsupported("has no known sandbox".into()))?;
    let proc_dir = Path::new("/proc").join(pid.to_string());
    let cwd = std::fs::read_link(proc_dir.join("cwd"))
        .map_err(|_| unsupported(format!("runs as pid {pid}, which is not a process here")))?;
    let same = sandbox.canonicalize().map(|s| s == cwd).unwrap_or(false);
    if !same {
        return Err(unsupported(format!(
            "should run in {} as pid {pid}, but pid {pid} here runs in {}",
            sandbox.display(),
            cwd.display()
        )));
    }
    Ok(pid)
}

/// pod → (container path → volume) of the running service, as the engine names them.
fn layout_of(contexts: &[TaskContext]) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for ctx in contexts {
        let pod = out.entry(ctx.pod.clone()).or_default();
        for (path, volume) in &ctx.volumes {
            pod.insert(volume.clone(), path.clone());
        }
    }
    out.retain(|_, v| !v.is_empty());
    out
}

fn is_running(ctx: &TaskContext) -> bool {
    ctx.state.as_deref() == Some("RUNNING")
}

fn is_finished(ctx: &TaskContext) -> bool {
    ctx.state.as_deref() == Some("FINISHED")
}

/// The tasks `hook` runs in: the named task of every pod (or one pod), else every running task that
/// mounts a volume.
fn hook_targets<'a>(
    hook: &Hook,
    contexts: &'a [TaskContext],
) -> Result<Vec<&'a TaskContext>, SnapshotError> {
    let mut targets: Vec<&TaskContext> = contexts
        .iter()
        .filter(|c| is_running(c))
        .filter(|c| match &hook.task {
            Some(t) => c.task == format!("{}-{t}", c.pod),
            None => !c.volumes.is_empty(),
        })
        .collect();
    if targets.is_empty() {
        return Err(SnapshotError::Invalid(match &hook.task {
            Some(t) => format!(
                "hook `{}` runs in task `{t}`, but the service has no running task `{t}`; override the profile's hooks (--pre/--post, or --profile none)",
                hook.command
            ),
            None => format!(
                "hook `{}` has no task to run in: no running task mounts a volume",
                hook.command
            ),
        }));
    }
    if hook.once {
        targets.truncate(1);
    }
    Ok(targets)
}

fn timeout_of(hook: &Hook, req: &CreateRequest) -> Duration {
    req.hook_timeout
        .map(Duration::from_secs)
        .unwrap_or(hook.timeout)
}

/// Runs every hook of `list` in each of its targets, all at once; returns every run.
async fn run_hooks(
    phase: HookPhase,
    list: &[Hook],
    contexts: &[TaskContext],
    req: &CreateRequest,
) -> Result<Vec<HookRun>, SnapshotError> {
    let mut set = tokio::task::JoinSet::new();
    for hook in list {
        for ctx in hook_targets(hook, contexts)? {
            let Some(target) = HookTarget::of(ctx) else {
                continue;
            };
            let command = hook.command.clone();
            let timeout = timeout_of(hook, req);
            set.spawn(async move { hooks::run(phase, &command, &target, timeout).await });
        }
    }
    let mut runs = Vec::new();
    while let Some(r) = set.join_next().await {
        match r {
            Ok(run) => runs.push(run),
            Err(e) => {
                return Err(SnapshotError::Invalid(format!(
                    "a {phase} hook task failed: {e}"
                )));
            }
        }
    }
    runs.sort_by(|a, b| (&a.task, &a.command).cmp(&(&b.task, &b.command)));
    Ok(runs)
}

fn failed_runs(runs: &[HookRun]) -> Vec<String> {
    runs.iter()
        .filter(|r| !r.succeeded())
        .map(HookRun::summary)
        .collect()
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// The service's pod count per type from its target configuration, to tell "not deployed yet" apart.
fn expected_pods(svc: &crate::scheduler::service::ServiceRecord) -> Option<BTreeSet<String>> {
    let yaml = svc.configs.get(&svc.target_config)?;
    let spec = crate::spec::load_rendered(yaml).ok()?.spec;
    Some(
        spec.pods
            .iter()
            .flat_map(|(t, p)| (0..p.count).map(move |i| pod_instance_name(t, i)))
            .collect(),
    )
}

/// Takes a consistency-group snapshot of `service` (see the module documentation). `package` is the
/// package it was installed from, if any (chooses the hook profile; recorded for clones).
pub async fn create(
    engine: &Engine,
    store: &Store,
    service: &str,
    req: CreateRequest,
    package: Option<PackageRef>,
) -> Result<CreateOutcome, SnapshotError> {
    let started = Instant::now();
    let svc = engine
        .service(service)
        .await
        .ok_or_else(|| SnapshotError::NotFound(format!("no service named {service}")))?;
    if svc.uninstalling {
        return Err(SnapshotError::Conflict(format!(
            "{service} is being uninstalled; there is nothing to snapshot"
        )));
    }
    let overrides = HookOverrides {
        profile: req.profile.clone(),
        pre: req.pre.clone(),
        pre_background: req.pre_background.clone(),
        post: req.post.clone(),
    };
    // The profile follows the package; a service added from a spec is matched by its name.
    let profile_key = package
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| service.rsplit('/').next().unwrap_or(service).to_owned());
    let plan = profile::resolve(&profile_key, &overrides)
        .map_err(|e| SnapshotError::Invalid(e.to_string()))?;
    let name = req.name.clone().unwrap_or_else(|| default_name(service));
    crate::volume::validate_name(&name)
        .map_err(|e| SnapshotError::Invalid(format!("snapshot name: {e}")))?;

    let contexts = engine
        .task_contexts(service)
        .await
        .ok_or_else(|| SnapshotError::NotFound(format!("no service named {service}")))?;
    let layout = layout_of(&contexts);
    if layout.is_empty() {
        return Err(SnapshotError::Invalid(format!(
            "{service} has no volumes (or no pod of it has been deployed): there is nothing to snapshot"
        )));
    }
    let volumes: BTreeMap<String, Vec<String>> = layout
        .iter()
        .map(|(pod, vols)| (pod.clone(), vols.keys().cloned().collect()))
        .collect();
    if req.dry_run {
        return Ok(CreateOutcome::DryRun(DryRunReport {
            outcome: "dry-run".to_owned(),
            description: plan.describe(),
            plan: serde_json::to_value(&plan).unwrap_or_default(),
            volumes,
        }));
    }

    let _one = OPERATIONS.lock().await;
    if store.get::<Value>(Kind::Snapshot, &name)?.is_some() {
        return Err(SnapshotError::Conflict(format!(
            "a snapshot named `{name}` already exists; choose another --name or delete that one first (`pxfw snapshot delete {name}`)"
        )));
    }
    // Every pod of the target configuration must be up, or its volumes would be cut mid-write or missed.
    if let Some(expected) = expected_pods(&svc) {
        let seen: BTreeSet<String> = contexts.iter().map(|c| c.pod.clone()).collect();
        let missing: Vec<&String> = expected.difference(&seen).collect();
        if !missing.is_empty() {
            return Err(SnapshotError::Conflict(format!(
                "pod(s) {} of {service} are not deployed yet; wait for the deploy plan (`pxfw plan wait deploy --name {service}`)",
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let not_running: Vec<String> = contexts
        .iter()
        .filter(|c| !is_running(c) && !is_finished(c))
        .map(|c| {
            format!(
                "{} is {}",
                c.task,
                c.state.as_deref().unwrap_or("not launched")
            )
        })
        .collect();
    if !not_running.is_empty() {
        return Err(SnapshotError::Conflict(format!(
            "every pod of {service} must be running to snapshot it, but {}; wait until `pxfw pod status --name {service}` shows them RUNNING",
            not_running.join(", ")
        )));
    }
    let driver = engine.driver();
    let freeze_tasks = driver.kind() == DriverKind::Local;
    let has_hooks = !(plan.pre.hooks.is_empty()
        && plan.pre_background.hooks.is_empty()
        && plan.post.hooks.is_empty());
    let mut groups = Vec::new();
    if freeze_tasks || has_hooks {
        for ctx in contexts.iter().filter(|c| is_running(c)) {
            groups.push(local_group(ctx)?);
        }
    }

    let mut runs: Vec<HookRun> = Vec::new();
    let mut timings = Timings::default();
    // 1. Pre hooks; a failure stops here (post hooks still run).
    let pre_start = Instant::now();
    let pre = run_hooks(HookPhase::Pre, &plan.pre.hooks, &contexts, &req).await;
    timings.pre_hooks_ms = millis(pre_start.elapsed());
    let mut failure: Option<SnapshotError> = None;
    match pre {
        Ok(r) => {
            let failed = failed_runs(&r);
            runs.extend(r);
            if !failed.is_empty() {
                failure = Some(hook_failure("pre", &failed));
            }
        }
        Err(e) => failure = Some(e),
    }
    // 2. Background hooks, held until after the cut.
    let mut held: Vec<HeldHook> = Vec::new();
    let mut hold_start = None;
    if failure.is_none() {
        match start_background_hooks(&name, &plan.pre_background.hooks, &contexts, &req).await {
            Ok(h) => {
                hold_start = (!h.is_empty()).then(Instant::now);
                held = h;
            }
            Err((r, e)) => {
                runs.extend(r);
                failure = Some(e);
            }
        }
    }
    // 3. The cut.
    let mut cut = None;
    let cut_started_at = Timestamp::now();
    if failure.is_none() {
        match cut_group(
            driver.as_ref(),
            &name,
            &layout,
            &req.labels,
            freeze_tasks,
            &groups,
        )
        .await
        {
            Ok((snaps, freeze_report, cut_ms)) => {
                timings.cut_ms = cut_ms;
                if let Some((window, latency)) = freeze_report {
                    timings.freeze_window_us = Some(micros(window));
                    timings.freeze_stop_latency_us = Some(micros(latency));
                }
                cut = Some(snaps);
            }
            Err(e) => failure = Some(e),
        }
    }
    let cut_ended_at = Timestamp::now();
    // 4. Release the background hooks.
    let mut released = Vec::new();
    for h in held {
        released.push(h.release(RELEASE_TIMEOUT).await);
    }
    if let Some(s) = hold_start {
        timings.background_hold_ms = Some(millis(s.elapsed()));
    }
    let release_failed = failed_runs(&released);
    runs.extend(released);
    // 5. Post hooks, always.
    let post_start = Instant::now();
    match run_hooks(HookPhase::Post, &plan.post.hooks, &contexts, &req).await {
        Ok(r) => {
            let failed = failed_runs(&r);
            runs.extend(r);
            if failure.is_none() && !failed.is_empty() {
                failure = Some(hook_failure("post", &failed));
            }
        }
        Err(e) => {
            if failure.is_none() {
                failure = Some(e);
            }
        }
    }
    timings.post_hooks_ms = millis(post_start.elapsed());
    if failure.is_none() && !release_failed.is_empty() {
        // The lock was held through the cut, but its unlock failed: the application may still be
        // locked, and the snapshot cannot be called consistent with confidence.
        failure = Some(hook_failure(
            "pre-background (after its release)",
            &release_failed,
        ));
    }
    timings.total_ms = millis(started.elapsed());

    let snaps = match (failure, cut) {
        (None, Some(s)) => s,
        (failure, cut) => {
            // Nothing is left behind: snapshots taken before a later failure are deleted again.
            let mut left = Vec::new();
            for s in cut.into_iter().flatten() {
                if let Err(e) = driver.delete_snapshot(&s.id).await {
                    left.push(format!("{} ({}): {e}", s.volume, s.id));
                }
            }
            let mut e = failure.unwrap_or_else(|| {
                SnapshotError::Invalid("the cut did not happen and no reason was recorded".into())
            });
            attach_runs(&mut e, runs, &left);
            return Err(e);
        }
    };

    let mut pods: BTreeMap<String, BTreeMap<String, VolumeSnapshot>> = BTreeMap::new();
    for s in &snaps {
        if let Some((pod, path)) = layout
            .iter()
            .find_map(|(pod, vols)| vols.get(&s.volume).map(|path| (pod.clone(), path.clone())))
        {
            pods.entry(pod).or_default().insert(
                s.volume.clone(),
                VolumeSnapshot {
                    snapshot_id: s.id.clone(),
                    container_path: path,
                    size_mb: s.size_mb,
                    method: s.method,
                },
            );
        }
    }
    let record = SnapshotRecord {
        id: name.clone(),
        service: service.to_owned(),
        config_id: svc.target_config.clone(),
        created_at: cut_started_at,
        labels: req.labels.clone(),
        driver: driver.kind(),
        consistency: plan.consistency,
        profile: plan.profile.clone(),
        pods,
        hooks: runs,
        timings,
        cut_started_at,
        cut_ended_at,
        frozen_groups: if freeze_tasks { groups } else { Vec::new() },
        definition: ServiceDefinition {
            template: svc.template.clone(),
            env: svc.env.clone(),
            files: svc.files.clone(),
        },
        package,
    };
    let written = store.write(vec![
        Write::put(Kind::Snapshot, name.clone(), &record),
        Write::event(
            "snapshot-created",
            &json!({"snapshot": name, "service": service, "volumes": snaps.len()}),
        ),
    ]);
    if let Err(e) = written {
        for s in &snaps {
            let _ = driver.delete_snapshot(&s.id).await;
        }
        return Err(e.into());
    }
    Ok(CreateOutcome::Taken {
        record: Box::new(record),
    })
}

fn hook_failure(list: &str, failed: &[String]) -> SnapshotError {
    SnapshotError::HookFailed {
        message: format!(
            "{} {list} hook run(s) failed, so no snapshot was kept:\n  {}",
            failed.len(),
            failed.join("\n  ")
        ),
        hooks: Vec::new(),
    }
}

/// Puts every hook run into the error, and says which snapshots could not be deleted, if any.
fn attach_runs(e: &mut SnapshotError, runs: Vec<HookRun>, left_behind: &[String]) {
    let note = if left_behind.is_empty() {
        String::new()
    } else {
        format!(
            "\n{} snapshot(s) could not be deleted; delete them by hand: {}",
            left_behind.len(),
            left_behind.join("; ")
        )
    };
    match e {
        SnapshotError::HookFailed { hooks, message }
        | SnapshotError::CutFailed { hooks, message, .. } => {
            *hooks = runs;
            message.push_str(&note);
        }
        other => {
            let message = format!("{other}{note}");
            *other = SnapshotError::CutFailed {
                message,
                report: None,
                hooks: runs,
            };
        }
    }
}

/// Starts each background hook in each of its targets and waits until all hold. On a failure, the ones
/// already holding are released and every run is returned with the error.
async fn start_background_hooks(
    name: &str,
    list: &[Hook],
    contexts: &[TaskContext],
    req: &CreateRequest,
) -> Result<Vec<HeldHook>, (Vec<HookRun>, SnapshotError)> {
    let mut held = Vec::new();
    let mut error = None;
    'all: for (i, hook) in list.iter().enumerate() {
        let targets = match hook_targets(hook, contexts) {
            Ok(t) => t,
            Err(e) => {
                error = Some((None, e));
                break;
            }
        };
        for ctx in targets {
            let Some(target) = HookTarget::of(ctx) else {
                continue;
            };
            let id = format!("{name}-{}-{i}", ctx.task);
            match hooks::start_background(
                &id,
                &hook.command,
                &target,
                timeout_of(hook, req),
                MAX_HOLD,
            )
            .await
            {
                Ok(h) => held.push(h),
                Err(run) => {
                    let message = run.summary();
                    error = Some((Some(*run), hook_failure("pre-background", &[message])));
                    break 'all;
                }
            }
        }
    }
    match error {
        None => Ok(held),
        Some((run, e)) => {
            let mut runs = Vec::new();
            for h in held {
                runs.push(h.release(RELEASE_TIMEOUT).await);
            }
            runs.extend(run);
            Err((runs, e))
        }
    }
}

type CutResult = (
    Vec<crate::volume::Snapshot>,
    Option<(Duration, Duration)>,
    u64,
);

/// Freezes the task groups (when asked), takes the group snapshot, thaws. Returns the snapshots, the
/// freeze window and stop latency, and how long the snapshot call took.
async fn cut_group(
    driver: &dyn VolumeDriver,
    name: &str,
    layout: &BTreeMap<String, BTreeMap<String, String>>,
    labels: &BTreeMap<String, String>,
    freeze_tasks: bool,
    groups: &[i32],
) -> Result<CutResult, SnapshotError> {
    let volumes: Vec<String> = layout.values().flat_map(|v| v.keys().cloned()).collect();
    let frozen = if freeze_tasks {
        let f = freeze::freeze(groups, FREEZE_CONFIRM).map_err(|e| {
            SnapshotError::Invalid(format!("cannot freeze the service's tasks: {e}"))
        })?;
        if !f.all_stopped() {
            let report = f.thaw();
            return Err(SnapshotError::CutFailed {
                message: format!(
                    "not every task process stopped within {} s ({:?}); nothing was snapshotted",
                    FREEZE_CONFIRM.as_secs(),
                    report.groups
                ),
                report: None,
                hooks: Vec::new(),
            });
        }
        Some(f)
    } else {
        None
    };
    let start = Instant::now();
    let taken = driver.snapshot_group(&volumes, name, labels).await;
    let cut_ms = millis(start.elapsed());
    let window = frozen.map(|f| {
        let r = f.thaw();
        (r.window, r.stop_latency)
    });
    match taken {
        Ok(snaps) => Ok((snaps, window, cut_ms)),
        Err(VolumeError::GroupSnapshotFailed(report)) => Err(SnapshotError::CutFailed {
            message: report.to_string(),
            report: Some(report),
            hooks: Vec::new(),
        }),
        Err(e @ VolumeError::SnapshotNameTaken { .. }) => {
            Err(SnapshotError::Conflict(e.to_string()))
        }
        Err(e) => Err(SnapshotError::CutFailed {
            message: format!("the group snapshot failed: {e}"),
            report: None,
            hooks: Vec::new(),
        }),
    }
}

// ---------------------------------------------------------------------------------------- restore

/// Brings every volume of the snapshot's service back to the snapshot through the engine's `restore`
/// plan (stop the tasks, release, restore, relaunch). Refused when the service's volume layout changed
/// since the snapshot, or a volume snapshot is gone.
pub async fn restore(
    engine: &Engine,
    store: &Store,
    id: &str,
) -> Result<RestoreStarted, SnapshotError> {
    let _one = OPERATIONS.lock().await;
    let record = get(store, id)?;
    let service = &record.service;
    let svc = engine.service(service).await.ok_or_else(|| {
        SnapshotError::NotFound(format!(
            "service {service} of snapshot `{id}` no longer exists; bring the data up as a new service with `pxfw snapshot clone {id} --as NAME`"
        ))
    })?;
    let now: BTreeSet<(String, String)> = svc
        .pods
        .values()
        .flat_map(|p| {
            let pod = p.instance();
            p.volumes.iter().map(move |v| (pod.clone(), v.clone()))
        })
        .collect();
    let then = record.volume_set();
    if now != then {
        let show = |s: Vec<&(String, String)>| {
            s.iter()
                .map(|(p, v)| format!("{p}:{v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let added = show(now.difference(&then).collect());
        let gone = show(then.difference(&now).collect());
        return Err(SnapshotError::Conflict(format!(
            "the volume layout of {service} changed since snapshot `{id}` (configuration {}, now {}): volumes not in the snapshot: [{added}]; volumes in the snapshot the service no longer has: [{gone}]. Restoring would mix data from two layouts; clone the snapshot into a new service instead (`pxfw snapshot clone {id} --as NAME`)",
            record.config_id, svc.target_config
        )));
    }
    let driver = engine.driver();
    for (volume, snap) in record.restores() {
        if driver.inspect_snapshot(&snap).await?.is_none() {
            return Err(SnapshotError::NotFound(format!(
                "the snapshot of volume {volume} ({snap}) in `{id}` no longer exists in the storage; the snapshot cannot be restored"
            )));
        }
    }
    let plan = engine.restore_service(service, record.restores()).await?;
    store.write(vec![Write::event(
        "snapshot-restore",
        &json!({"snapshot": id, "service": service}),
    )])?;
    Ok(RestoreStarted {
        service: record.service.clone(),
        plan,
        snapshot: id.to_owned(),
    })
}

// ---------------------------------------------------------------------------------------- clone

/// The template variable a spec's `name:` is (`name: {{SERVICE_NAME}}`), so a clone can rename it.
pub fn name_variable(template: &str) -> Result<String, String> {
    static NAME_LINE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r#"(?m)^name:[ \t]*(.*?)[ \t]*(#.*)?$"#)
            .unwrap_or_else(|_| unreachable!())
    });
    static ONE_VAR: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r#"^["']?\{\{\{?[ \t]*([A-Za-z_][A-Za-z0-9_.]*)[ \t]*\}?\}\}["']?$"#)
            .unwrap_or_else(|_| unreachable!())
    });
    let value = NAME_LINE
        .captures(template)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
        .ok_or_else(|| "the spec has no top-level `name:` line".to_owned())?;
    ONE_VAR
        .captures(&value)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
        .ok_or_else(|| {
            format!(
                "the spec's `name:` is `{value}`, not a single template variable, so the clone cannot be given another name"
            )
        })
}

/// pod → container path → the volume request for it, as the engine names them for `service`.
///
/// Mirrors the engine's naming (fork/upstream volumes by their spec name and pod index; Mesos-style
/// local volumes pinned as `<service>-<pod>-<path>`), because a clone's volumes must exist, with the
/// snapshot's data, before its service is added and the engine creates empty ones.
pub fn spec_layout(
    service: &str,
    spec: &ServiceSpec,
) -> Result<BTreeMap<String, BTreeMap<String, VolumeRequest>>, SnapshotError> {
    let mut out: BTreeMap<String, BTreeMap<String, VolumeRequest>> = BTreeMap::new();
    for (pod_type, pod) in &spec.pods {
        for index in 0..pod.count {
            let requests =
                crate::scheduler::engine::pod_volume_requests(service, pod, pod_type, index)
                    .map_err(SnapshotError::Invalid)?;
            let instance = pod_instance_name(pod_type, index);
            for (path, req) in requests {
                out.entry(instance.clone()).or_default().insert(path, req);
            }
        }
    }
    Ok(out)
}

/// Installs packages for [`clone`]: the server's package manager.
#[async_trait::async_trait]
pub trait PackageInstaller: Send + Sync {
    /// The environment the package's app would get with `options` (to name the clone's volumes).
    async fn render_env(
        &self,
        package: &PackageRef,
        options: &Map<String, Value>,
    ) -> Result<BTreeMap<String, String>, String>;
    /// Installs the package with `options`; returns the app id.
    async fn install(
        &self,
        package: &PackageRef,
        options: &Map<String, Value>,
    ) -> Result<String, String>;
}

/// The package options with `service.name` set to `name`.
fn renamed_options(options: Option<&Map<String, Value>>, name: &str) -> Map<String, Value> {
    let mut options = options.cloned().unwrap_or_default();
    let service = options
        .entry("service")
        .or_insert_with(|| Value::Object(Map::new()));
    if !service.is_object() {
        *service = Value::Object(Map::new());
    }
    if let Value::Object(s) = service {
        s.insert("name".into(), Value::String(name.to_owned()));
    }
    options
}

/// Brings the snapshot up as a new service `new_name`: its volumes are created from the snapshots (names
/// from the new service's spec), then the service is added with the snapshot's template and environment
/// (the spec's name variable set to the new name) — or, for a service installed from a package, the
/// same package is installed with `service.name` changed. On failure the volumes created are deleted.
pub async fn clone(
    engine: &Engine,
    store: &Store,
    packages: Option<&dyn PackageInstaller>,
    id: &str,
    new_name: &str,
) -> Result<CloneStarted, SnapshotError> {
    let _one = OPERATIONS.lock().await;
    let record = get(store, id)?;
    let new_name = crate::api::names::validate_service_name(new_name)
        .map_err(|e| SnapshotError::Invalid(e.to_string()))?;
    if engine.service(&new_name).await.is_some() {
        return Err(SnapshotError::Conflict(format!(
            "a service named {new_name} already exists; choose another name for the clone"
        )));
    }
    let def = &record.definition;
    let via_package = match (&record.package, packages) {
        (Some(p), Some(installer)) => Some((p, installer)),
        _ => None,
    };
    let (env, options) = match via_package {
        Some((package, installer)) => {
            let options = renamed_options(package.options.as_ref(), &new_name);
            let env = installer.render_env(package, &options).await.map_err(|e| {
                SnapshotError::Invalid(format!(
                    "cannot render package {} for the clone: {e}",
                    package.name
                ))
            })?;
            (env, Some(options))
        }
        None => {
            let var = name_variable(&def.template).map_err(|why| {
                SnapshotError::Unsupported(format!(
                    "cannot clone snapshot `{id}` under another name: {why}"
                ))
            })?;
            let mut env = def.env.clone();
            env.insert(var, new_name.clone());
            (env, None)
        }
    };
    let spec = crate::spec::load(&def.template, &env)
        .map_err(|e| SnapshotError::Invalid(format!("the clone's spec is not valid:\n{e}")))?
        .spec;
    if spec.name != new_name {
        return Err(SnapshotError::Unsupported(format!(
            "the clone's spec names its service `{}`, not `{new_name}`; its name does not follow the variable that was changed",
            spec.name
        )));
    }
    let new_layout = spec_layout(&new_name, &spec)?;
    // Pair every snapshotted volume with the clone's volume at the same pod and path.
    let mut pairs: Vec<(String, VolumeRequest, String)> = Vec::new();
    for (pod, vols) in &record.pods {
        for (old_volume, snap) in vols {
            let req = new_layout
                .get(pod)
                .and_then(|p| p.get(&snap.container_path))
                .ok_or_else(|| {
                    SnapshotError::Invalid(format!(
                        "the clone's spec has no volume at {} in pod {pod} for {old_volume}",
                        snap.container_path
                    ))
                })?;
            pairs.push((old_volume.clone(), req.clone(), snap.snapshot_id.clone()));
        }
    }
    let wanted: usize = new_layout.values().map(BTreeMap::len).sum();
    if wanted != pairs.len() {
        return Err(SnapshotError::Invalid(format!(
            "the clone's spec has {wanted} volume(s) but snapshot `{id}` holds {}",
            pairs.len()
        )));
    }
    let old_names: BTreeSet<&str> = pairs.iter().map(|(o, _, _)| o.as_str()).collect();
    let collide: Vec<&str> = pairs
        .iter()
        .map(|(_, r, _)| r.name.as_str())
        .filter(|n| old_names.contains(n))
        .collect();
    if !collide.is_empty() {
        return Err(SnapshotError::Unsupported(format!(
            "the clone would use the same volume names as {} ({}): the spec's volume names do not depend on the service name, so a clone would share the original's data; give the volumes a name built from the service name (e.g. `docker_volume_name: {{{{SERVICE_NAME}}}}-data`)",
            record.service,
            collide.join(", ")
        )));
    }
    let driver = engine.driver();
    for (_, req, _) in &pairs {
        if driver.inspect(&req.name).await?.is_some() {
            return Err(SnapshotError::Conflict(format!(
                "volume {} already exists; delete it or choose another name for the clone",
                req.name
            )));
        }
    }
    let nodes = engine.topology();
    let mut created: Vec<String> = Vec::new();
    let result = async {
        for (old, req, snap) in &pairs {
            // Start next to the original's data when that node is still there.
            let near = driver
                .inspect(old)
                .await
                .ok()
                .flatten()
                .and_then(|v| v.attached_node.or_else(|| v.replica_nodes.first().cloned()));
            let mut placement = ReplicaCandidates::new(nodes.clone());
            if let Some(n) = near.filter(|n| nodes.iter().any(|t| &t.id == n)) {
                placement = placement.preferring(n);
            }
            driver.create_from_snapshot(snap, req, &placement).await?;
            created.push(req.name.clone());
        }
        match (via_package, &options) {
            (Some((package, installer)), Some(options)) => installer
                .install(package, options)
                .await
                .map(|app_id| CloneAdded::Package { app_id })
                .map_err(|e| {
                    SnapshotError::Invalid(format!(
                        "installing {} for the clone failed: {e}",
                        package.name
                    ))
                }),
            _ => engine
                .add_service(AddService {
                    name: new_name.clone(),
                    spec: def.template.clone(),
                    env: env.clone(),
                    files: def.files.clone(),
                })
                .await
                .map(CloneAdded::Service)
                .map_err(SnapshotError::from),
        }
    }
    .await;
    match result {
        Ok(added) => {
            store.write(vec![Write::event(
                "snapshot-clone",
                &json!({"snapshot": id, "service": new_name, "volumes": created}),
            )])?;
            Ok(CloneStarted {
                snapshot: id.to_owned(),
                service: new_name,
                from: record.service.clone(),
                volumes: pairs
                    .into_iter()
                    .map(|(from, req, snapshot_id)| ClonedVolume {
                        from,
                        volume: req.name,
                        snapshot_id,
                    })
                    .collect(),
                added,
            })
        }
        Err(e) => {
            for v in &created {
                let _ = driver.delete(v).await;
            }
            Err(e)
        }
    }
}

/// The healthy agents' topology, as volume placement wants it.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_variable_is_found_or_the_reason_given() {
        assert_eq!(
            name_variable("# c\nname: {{SERVICE_NAME}}\npods: {}\n").unwrap(),
            "SERVICE_NAME"
        );
        assert_eq!(
            name_variable("name: \"{{{FRAMEWORK_NAME}}}\"  # the name\n").unwrap(),
            "FRAMEWORK_NAME"
        );
        let e = name_variable("name: cassandra\n").unwrap_err();
        assert!(e.contains("`cassandra`"), "{e}");
        let e = name_variable("name: {{A}}-{{B}}\n").unwrap_err();
        assert!(e.contains("not a single template variable"), "{e}");
        assert!(
            name_variable("pods: {}\n")
                .unwrap_err()
                .contains("no top-level")
        );
    }

    #[test]
    fn options_are_renamed_without_losing_the_rest() {
        let given: Map<String, Value> = serde_json::from_value(
            json!({"service": {"name": "a", "user": "nobody"}, "node": {"count": 3}}),
        )
        .unwrap();
        let o = renamed_options(Some(&given), "b");
        assert_eq!(
            Value::Object(o),
            json!({"service": {"name": "b", "user": "nobody"}, "node": {"count": 3}})
        );
        assert_eq!(
            Value::Object(renamed_options(None, "c")),
            json!({"service": {"name": "c"}})
        );
    }

    #[test]
    fn the_clone_layout_follows_the_engine_names() {
        let yaml = "name: kv2\npods:\n  store:\n    count: 2\n    volume: {path: data, type: DOCKER, docker_volume_driver: pxd, docker_volume_name: kv2-data, size: 64}\n    tasks:\n      server: {goal: RUNNING, cmd: x, cpus: 0.1, memory: 32}\n";
        let spec = crate::spec::load_rendered(yaml).unwrap().spec;
        let l = spec_layout("kv2", &spec).unwrap();
        assert_eq!(l["store-0"]["data"].name, "kv2-data-0");
        assert_eq!(l["store-1"]["data"].name, "kv2-data-1");
        assert_eq!(l["store-1"]["data"].labels["pxfw/pod"], "store-1");
        assert_eq!(l["store-1"]["data"].size_mb, 64);
    }

    #[test]
    fn default_names_are_valid_group_names() {
        let n = default_name("data/kv");
        assert!(n.starts_with("data__kv-2"), "{n}");
        crate::volume::validate_name(&n).unwrap();
    }
}
