//! `pxfw cleanup`'s workflow: what the janitor found ([`crate::dcos::janitor::inventory`]) becomes an
//! ordered plan of steps, which is carried out step by step against Mesos, Exhibitor and Portworx.
//!
//! Steps depend on earlier ones (an agent's unreserve waits for its volumes' destroy); a failed step does
//! not stop the others, but a step whose prerequisite failed is skipped. A re-run inventories again and
//! finds only what is still there, so a partial cleanup is finished by running the command again.

use serde::Serialize;
use serde_json::Value;

use crate::dcos::janitor::{
    self, Clients, Identity, Inventory, MatchedVolume, Reservation, VolumeRule, agent_label,
    without_volume,
};
use crate::dcos::marathon::{MarathonClient, app_id};
use crate::dcos::{exhibitor, mesos};
use crate::portworx::types::{DetachOptions, VolumeDetachRequest};

/// What is left of a service, and what cleaning it up would do.
#[derive(Debug, Clone)]
pub struct Survey {
    pub inventory: Inventory,
    pub plan: CleanupPlan,
    /// The service's Marathon app still exists.
    pub installed: bool,
    /// Frameworks of ours still registered and active: a scheduler is running somewhere.
    pub live: Vec<String>,
}

/// Inventories what `identity`'s service left and plans its removal. With `refuse_installed`, a service
/// still installed is refused before anything else is read: its scheduler would re-reserve whatever is
/// released.
pub async fn survey(
    marathon: &MarathonClient,
    clients: &Clients,
    identity: &Identity,
    rule: &VolumeRule,
    delete_volumes: bool,
    refuse_installed: bool,
) -> anyhow::Result<Survey> {
    let service = &identity.service;
    let installed = marathon.app(service).await?.is_some();
    if installed && refuse_installed {
        return Err(anyhow::anyhow!(
            "{service} is still installed (Marathon app {} exists); uninstall it first (`pxfw uninstall {service} --wait`), or pass --force to clean up anyway",
            app_id(service)
        ));
    }
    let inventory = janitor::inventory(clients, identity, rule).await?;
    let plan = plan(&inventory, delete_volumes);
    // A framework of ours that is still connected has a scheduler running somewhere (outside this
    // Marathon app): tearing it down under it is as destructive as cleaning up an installed service.
    let live = inventory
        .frameworks
        .iter()
        .filter(|f| f.not_ours.is_none() && f.active)
        .map(|f| f.id.clone())
        .collect();
    Ok(Survey {
        inventory,
        plan,
        installed,
        live,
    })
}

/// One thing to do.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    /// `POST /mesos/master/teardown`: first, so no task keeps using the volumes about to be destroyed.
    Teardown {
        framework_id: String,
        name: String,
    },
    DestroyVolumes {
        agent_id: String,
        hostname: String,
        volumes: Vec<Value>,
    },
    Unreserve {
        agent_id: String,
        hostname: String,
        resources: Vec<Value>,
    },
    DeleteZnode {
        path: String,
    },
    /// A plain detach (no force): a volume something still holds stays attached and is reported.
    DetachVolume {
        volume_id: String,
        name: String,
        attached_on: String,
    },
    DeleteVolume {
        volume_id: String,
        name: String,
    },
}

impl Action {
    /// A short verb for tables.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Teardown { .. } => "teardown",
            Action::DestroyVolumes { .. } => "destroy-volumes",
            Action::Unreserve { .. } => "unreserve",
            Action::DeleteZnode { .. } => "delete-znode",
            Action::DetachVolume { .. } => "detach-volume",
            Action::DeleteVolume { .. } => "delete-volume",
        }
    }

    /// What the action applies to, in words.
    pub fn target(&self) -> String {
        match self {
            Action::Teardown { framework_id, name } => format!("framework {name} ({framework_id})"),
            Action::DestroyVolumes {
                agent_id,
                hostname,
                volumes,
            } => format!(
                "{} volume(s) on {}",
                volumes.len(),
                agent_label(hostname, agent_id)
            ),
            Action::Unreserve {
                agent_id,
                hostname,
                resources,
            } => format!(
                "{} resource(s) on {}",
                resources.len(),
                agent_label(hostname, agent_id)
            ),
            Action::DeleteZnode { path } => format!("znode {path}"),
            Action::DetachVolume {
                name, attached_on, ..
            } => format!("Portworx volume {name} from {attached_on}"),
            Action::DeleteVolume { name, volume_id } => {
                format!("Portworx volume {name} ({volume_id})")
            }
        }
    }
}

/// An action and the earlier step (by index) that must have succeeded first.
#[derive(Debug, Clone, Serialize)]
pub struct CleanupStep {
    #[serde(flatten)]
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<usize>,
}

/// The ordered steps, and the service's volumes deliberately kept (no `--delete-volumes`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CleanupPlan {
    pub steps: Vec<CleanupStep>,
    pub kept_volumes: Vec<MatchedVolume>,
}

/// Orders the work: teardown the frameworks (so nothing uses the resources any more), then per agent
/// destroy the volumes and unreserve everything ours (the unreserve only after that agent's destroy
/// succeeded), then the znode, then the Portworx volumes (each detached first when attached).
pub fn plan(inv: &Inventory, delete_volumes: bool) -> CleanupPlan {
    let mut steps = Vec::new();
    for f in inv.frameworks.iter().filter(|f| f.not_ours.is_none()) {
        steps.push(CleanupStep {
            action: Action::Teardown {
                framework_id: f.id.clone(),
                name: f.name.clone(),
            },
            after: None,
        });
    }
    for agent in &inv.agents {
        let ours: Vec<&Reservation> = agent.resources.iter().filter(|r| r.is_ours()).collect();
        if ours.is_empty() {
            continue;
        }
        let volumes: Vec<Value> = ours
            .iter()
            .filter(|r| r.is_volume())
            .map(|r| r.resource.clone())
            .collect();
        let mut after = None;
        if !volumes.is_empty() {
            steps.push(CleanupStep {
                action: Action::DestroyVolumes {
                    agent_id: agent.agent_id.clone(),
                    hostname: agent.hostname.clone(),
                    volumes,
                },
                after: None,
            });
            after = Some(steps.len() - 1);
        }
        steps.push(CleanupStep {
            action: Action::Unreserve {
                agent_id: agent.agent_id.clone(),
                hostname: agent.hostname.clone(),
                resources: ours.iter().map(|r| without_volume(&r.resource)).collect(),
            },
            after,
        });
    }
    if inv.znode_exists {
        steps.push(CleanupStep {
            action: Action::DeleteZnode {
                path: inv.identity.znode.clone(),
            },
            after: None,
        });
    }
    let mut kept_volumes = Vec::new();
    for v in inv
        .portworx
        .iter()
        .flatten()
        .filter(|v| v.not_ours.is_none())
    {
        if !delete_volumes {
            kept_volumes.push(v.clone());
            continue;
        }
        let mut after = None;
        if let Some(ip) = &v.attached_on {
            steps.push(CleanupStep {
                action: Action::DetachVolume {
                    volume_id: v.id.clone(),
                    name: v.name.clone(),
                    attached_on: ip.clone(),
                },
                after: None,
            });
            after = Some(steps.len() - 1);
        }
        steps.push(CleanupStep {
            action: Action::DeleteVolume {
                volume_id: v.id.clone(),
                name: v.name.clone(),
            },
            after,
        });
    }
    CleanupPlan {
        steps,
        kept_volumes,
    }
}

/// How one step ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "detail", rename_all = "kebab-case")]
pub enum CleanupOutcome {
    Done,
    /// Nothing to do any more: removed meanwhile (by the scheduler, someone else or an earlier run).
    AlreadyGone,
    Failed(String),
    /// Not attempted because the step it depends on did not succeed.
    Skipped(String),
}

impl CleanupOutcome {
    /// Whether the item is gone now.
    pub fn is_success(&self) -> bool {
        matches!(self, CleanupOutcome::Done | CleanupOutcome::AlreadyGone)
    }
}

impl std::fmt::Display for CleanupOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CleanupOutcome::Done => f.write_str("done"),
            CleanupOutcome::AlreadyGone => f.write_str("already gone"),
            CleanupOutcome::Failed(m) => write!(f, "FAILED: {m}"),
            CleanupOutcome::Skipped(m) => write!(f, "skipped: {m}"),
        }
    }
}

/// Runs every step in order, calling `report` after each, and returns the outcomes (same order as the
/// steps). A failure never stops the run: only the steps that depend on it are skipped.
pub async fn execute(
    plan: &CleanupPlan,
    clients: &Clients,
    mut report: impl FnMut(usize, &CleanupStep, &CleanupOutcome),
) -> Vec<CleanupOutcome> {
    let mut outcomes: Vec<CleanupOutcome> = Vec::with_capacity(plan.steps.len());
    for (i, step) in plan.steps.iter().enumerate() {
        let blocked = step
            .after
            .and_then(|dep| outcomes.get(dep).map(|o| (dep, o)))
            .filter(|(_, o)| !o.is_success());
        let outcome = match blocked {
            Some((dep, _)) => CleanupOutcome::Skipped(format!(
                "{} of {} did not succeed",
                plan.steps[dep].action.verb(),
                plan.steps[dep].action.target()
            )),
            None => run_action(&step.action, clients).await,
        };
        report(i, step, &outcome);
        outcomes.push(outcome);
    }
    outcomes
}

async fn run_action(action: &Action, clients: &Clients) -> CleanupOutcome {
    let http = &clients.cluster;
    match action {
        Action::Teardown { framework_id, .. } => match mesos::teardown(http, framework_id).await {
            Ok(mesos::Teardown::Done) => CleanupOutcome::Done,
            Ok(mesos::Teardown::AlreadyGone) => CleanupOutcome::AlreadyGone,
            Err(e) => CleanupOutcome::Failed(e.to_string()),
        },
        Action::DestroyVolumes {
            agent_id, volumes, ..
        } => match mesos::destroy_volumes(http, agent_id, volumes).await {
            Ok(()) => CleanupOutcome::Done,
            Err(e @ mesos::OperatorError::Conflict { .. }) => CleanupOutcome::Failed(format!(
                "{e}\nIs a framework using these volumes still running? Re-run when it is gone."
            )),
            Err(e) => CleanupOutcome::Failed(e.to_string()),
        },
        Action::Unreserve {
            agent_id,
            resources,
            ..
        } => match mesos::unreserve(http, agent_id, resources).await {
            Ok(()) => CleanupOutcome::Done,
            Err(e @ mesos::OperatorError::Conflict { .. }) => CleanupOutcome::Failed(format!(
                "{e}\nThe resources may be in use or offered; re-run to retry."
            )),
            Err(e) => CleanupOutcome::Failed(e.to_string()),
        },
        Action::DeleteZnode { path } => match exhibitor::delete(http, path).await {
            Ok(exhibitor::Deleted::Done) => CleanupOutcome::Done,
            Ok(exhibitor::Deleted::AlreadyGone) => CleanupOutcome::AlreadyGone,
            Err(e) => CleanupOutcome::Failed(format!("{e:#}")),
        },
        Action::DetachVolume {
            volume_id,
            attached_on,
            ..
        } => {
            let Some(px) = &clients.portworx else {
                return CleanupOutcome::Failed("no Portworx endpoint".into());
            };
            let req = VolumeDetachRequest {
                volume_id: volume_id.clone(),
                options: Some(DetachOptions {
                    redirect: true,
                    ..Default::default()
                }),
                ..Default::default()
            };
            match px.detach(&req).await {
                Ok(()) => CleanupOutcome::Done,
                Err(e) => CleanupOutcome::Failed(format!(
                    "still attached on {attached_on}, not forced: {e}\nStop whatever uses it (or detach it) and re-run."
                )),
            }
        }
        Action::DeleteVolume { volume_id, .. } => {
            let Some(px) = &clients.portworx else {
                return CleanupOutcome::Failed("no Portworx endpoint".into());
            };
            match px.delete_volume(volume_id).await {
                Ok(()) => CleanupOutcome::Done,
                Err(e) => CleanupOutcome::Failed(e.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dcos::janitor::{Identity, classify_agents};
    use crate::dcos::mesos::Agent;
    use serde_json::json;

    #[test]
    fn unreserve_waits_for_its_agents_destroy() {
        let i = Identity::new("c", None);
        let labels = json!({"labels": [{"key": "resource_id", "value": "x"}]});
        let vol = json!({"name": "disk", "type": "SCALAR", "scalar": {"value": 5.0}, "role": "c-role",
            "reservation": {"principal": "c-principal", "labels": labels},
            "disk": {"persistence": {"id": "p"}, "volume": {"mode": "RW", "container_path": "d"}}});
        let cpu = json!({"name": "cpus", "type": "SCALAR", "scalar": {"value": 1.0}, "role": "c-role",
            "reservation": {"principal": "c-principal", "labels": labels}});
        let inv = Inventory {
            identity: i.clone(),
            agents: classify_agents(
                &[Agent {
                    id: "S1".into(),
                    hostname: "h1".into(),
                    reserved_resources_full: [(
                        "c-role".to_string(),
                        vec![vol.clone(), cpu.clone()],
                    )]
                    .into_iter()
                    .collect(),
                }],
                &i,
            ),
            frameworks: vec![],
            znode_exists: true,
            portworx: None,
        };
        let p = plan(&inv, false);
        assert_eq!(p.steps.len(), 3);
        assert!(
            matches!(&p.steps[0].action, Action::DestroyVolumes { volumes, .. } if volumes == &vec![vol.clone()])
        );
        match &p.steps[1].action {
            Action::Unreserve { resources, .. } => {
                assert_eq!(resources, &vec![without_volume(&vol), cpu]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p.steps[1].after, Some(0));
        assert!(
            matches!(&p.steps[2].action, Action::DeleteZnode { path } if path == "/dcos-service-c")
        );
    }
}
