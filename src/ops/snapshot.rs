//! Snapshots of a service on DC/OS (`pxfw snapshot … --px-endpoint URL`), as workflows over typed
//! clients: the scheduler (`SdkClient`) says which volumes the service has, Portworx cuts, restores and
//! clones them, the service's own plans are the hooks, and Cosmos installs a clone.
//!
//! The steps themselves live in `crate::snapshot::{dcos, dcos_restore}`; this module puts them in order
//! and decides what a failure half-way means. It prints nothing: notes go to a callback, and running a
//! hook plan goes through [`HookPlans`] so the CLI shows it as `pxfw plan start` / `plan wait` do.

use std::collections::BTreeMap;

use anyhow::anyhow;

use crate::cluster::http::HttpClient;
use crate::dcos::cosmos::{Cosmos, PackageInstallRequest};
use crate::dcos::sdk::SdkClient;
use crate::snapshot::dcos;
use crate::snapshot::dcos_restore::{self, ClonePlan, SnapshotGroup};
use crate::volume::{Snapshot, VolumeDriver};

/// The service as the scheduler targets it: its configuration and pod → volumes.
#[derive(Debug, Clone)]
pub struct TargetVolumes {
    pub service: String,
    pub config_id: String,
    pub pods: BTreeMap<String, Vec<String>>,
}

/// Reads the scheduler's target configuration and the volumes it gives the service's pods.
pub async fn target_volumes(sdk: &SdkClient) -> anyhow::Result<TargetVolumes> {
    let service = sdk.service().to_string();
    let target = sdk.target_id().await?.value;
    let config = sdk.target_configuration().await?.value;
    let pods = dcos::volumes_from_target(&service, &config)?;
    Ok(TargetVolumes {
        service,
        config_id: target.0,
        pods,
    })
}

/// Runs one of the service's plans to completion: the hooks of a DC/OS snapshot.
#[async_trait::async_trait(?Send)]
pub trait HookPlans {
    async fn run(&mut self, plan: &str) -> anyhow::Result<()>;
}

/// A DC/OS snapshot to take.
#[derive(Debug, Clone)]
pub struct GroupSnapshot {
    /// The snapshot's name (already validated as a volume name).
    pub name: String,
    pub target: TargetVolumes,
    /// The labels carrying the record (service, configuration, the user's).
    pub labels: BTreeMap<String, String>,
    pub pre_plan: Option<String>,
    pub post_plan: Option<String>,
}

impl GroupSnapshot {
    /// The volumes cut as one group.
    pub fn volumes(&self) -> Vec<String> {
        dcos::group_volumes(&self.target.pods)
    }
}

/// What the snapshot of `target` named `name` would be, labels checked.
pub fn group_snapshot(
    target: TargetVolumes,
    name: String,
    user_labels: &BTreeMap<String, String>,
    pre_plan: Option<String>,
    post_plan: Option<String>,
) -> anyhow::Result<GroupSnapshot> {
    let labels = dcos::labels_for(&target.service, &target.config_id, user_labels)?;
    Ok(GroupSnapshot {
        name,
        target,
        labels,
        pre_plan,
        post_plan,
    })
}

/// Takes the snapshot: the pre plan, the group cut, then the post plan (always, even after a failure,
/// as a post hook releases what the pre hook took). Returns the volume snapshots taken.
pub async fn create_group(
    driver: &dyn VolumeDriver,
    snap: &GroupSnapshot,
    hooks: &mut dyn HookPlans,
    note: &mut dyn FnMut(&str),
) -> anyhow::Result<Vec<Snapshot>> {
    let service = &snap.target.service;
    let mut failure: Option<anyhow::Error> = None;
    match &snap.pre_plan {
        Some(plan) => {
            note(&format!("Running plan {plan} of {service} before the cut…"));
            if let Err(e) = hooks.run(plan).await {
                failure = Some(e.context(format!("pre plan {plan} failed; no snapshot was taken")));
            }
        }
        None => note(
            "No --pre-plan: this snapshot is crash-consistent only (Portworx quiesces I/O across the group, as after a power loss of the whole service).",
        ),
    }
    let mut taken = None;
    if failure.is_none() {
        match driver
            .snapshot_group(&snap.volumes(), &snap.name, &snap.labels)
            .await
        {
            Ok(s) => taken = Some(s),
            Err(e) => failure = Some(anyhow!(e)),
        }
    }
    if let Some(plan) = &snap.post_plan {
        note(&format!("Running plan {plan} of {service} after the cut…"));
        if let Err(e) = hooks.run(plan).await {
            let e = e.context(format!("post plan {plan} failed"));
            failure = Some(match failure {
                Some(f) => f.context(format!("{e:#}")),
                None => e,
            });
        }
    }
    match failure {
        Some(f) => Err(f),
        None => Ok(taken.unwrap_or_default()),
    }
}

/// A snapshot group found in Portworx, with its service's scheduler and current pods → volumes, checked
/// to still fit the service (same volumes; a configuration change is named).
pub struct LocatedGroup {
    pub group: SnapshotGroup,
    pub sdk: SdkClient,
    pub pods: BTreeMap<String, Vec<String>>,
}

/// Finds group `id` and checks it against its service as the scheduler targets it now.
pub async fn locate_group(
    http: &HttpClient,
    driver: &dyn VolumeDriver,
    id: &str,
) -> anyhow::Result<LocatedGroup> {
    let group = dcos_restore::find_group(driver, id).await?;
    let sdk = SdkClient::new(http.clone(), &group.service)?;
    let target = target_volumes(&sdk).await?;
    dcos_restore::check_layout(&group, &target.pods, &target.config_id)?;
    Ok(LocatedGroup {
        group,
        sdk,
        pods: target.pods,
    })
}

/// Brings `located` up as the new service `new_name`: its volumes are cloned from the snapshots first,
/// then the package is installed through Cosmos with the original's options and the clones' names. A
/// failed install deletes the clones it made, so a retry starts clean.
pub async fn clone_group(
    cosmos: &Cosmos,
    driver: &dyn VolumeDriver,
    located: &LocatedGroup,
    new_name: &str,
    note: &mut dyn FnMut(&str),
) -> anyhow::Result<ClonePlan> {
    let group = &located.group;
    let described = cosmos.service_describe(&group.service).await?;
    let plan = dcos_restore::plan_clone(group, new_name, &described, &located.pods)?;
    note(&format!(
        "Cloning {} volume(s) of snapshot {} for {new_name}…",
        plan.volumes.len(),
        group.id
    ));
    let created = dcos_restore::create_clone_volumes(driver, group, &plan).await?;
    let install = PackageInstallRequest {
        package_name: plan.package_name.clone(),
        package_version: plan.package_version.clone(),
        options: Some(plan.options.clone()),
        app_id: None,
    };
    if let Err(e) = cosmos.install(&install).await {
        let left = dcos_restore::delete_volumes(driver, &created).await;
        return Err(e.context(format!(
            "installing {} as {new_name} failed; {left}",
            plan.package_name
        )));
    }
    Ok(plan)
}
