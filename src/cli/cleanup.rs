//! `pxfw cleanup SVC`: the janitor replacement for DC/OS (contract §6.2): inventory what the service left
//! behind, show it, and remove what is provably the service's on confirmation. The rules for "ours" and the
//! order of the work live in [`crate::dcos::janitor`]; this file handles flags, safety checks and output.

use anyhow::anyhow;
use clap::Args;
use serde_json::json;
use url::Url;

use super::Globals;
use super::exit::Exit;
use crate::cluster;
use crate::cluster::config::TlsMode;
use crate::dcos::janitor::{self, Clients, Identity, Inventory, VolumeRule};
use crate::dcos::marathon::{MarathonClient, app_id};
use crate::ops::cleanup::{self, CleanupOutcome, CleanupPlan, Survey};
use crate::output;
use crate::portworx::OpenStorageClient;

/// The environment variable read for the Portworx token when `--px-token-env` is not given (the one
/// `pxfw server` reads too).
const DEFAULT_PX_TOKEN_ENV: &str = "PX_AUTH_TOKEN";

#[derive(Debug, Args)]
#[command(
    long_about = "Find and remove what a DC/OS service left behind: reservations and persistent volumes of \
<svc>-role on every agent, frameworks named <svc>, the ZooKeeper node dcos-service-<svc> and (with \
--px-endpoint) its Portworx volumes. Only resources whose role, principal and labels identify the service \
are touched; others sharing the role are listed as \"not ours\". Prints the inventory, then acts after \
confirmation (--yes in scripts). Re-run to finish a partial cleanup."
)]
pub struct CleanupArgs {
    /// The service whose leftovers to remove (or --name).
    pub service: Option<String>,
    /// Show the inventory and what would be done; send no request that changes anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Also delete the service's Portworx volumes (detached first; needs --px-endpoint). Without it they are
    /// listed and kept.
    #[arg(long)]
    pub delete_volumes: bool,
    /// Clean up even though the service is still installed (its Marathon app exists) or a framework of
    /// ours is still active.
    #[arg(long)]
    pub force: bool,
    /// The principal the service's scheduler reserved with (default `<svc>-principal`, the SDK default;
    /// give the service account if the service was installed with another).
    #[arg(long, value_name = "PRINCIPAL")]
    pub principal: Option<String>,
    /// The Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021): also inventory the service's
    /// Portworx volumes.
    #[arg(long, value_name = "URL")]
    pub px_endpoint: Option<Url>,
    /// The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set).
    #[arg(long, value_name = "VAR")]
    pub px_token_env: Option<String>,
    /// Also count Portworx volumes named exactly `<PREFIX>-<n>`, or `<PREFIX>` (a shared volume), as the
    /// service's: the fork's `docker_volume_name`, or upstream `<svc>-<pod type>` / `volume_name`. Volumes
    /// labelled for another service are still left alone. Repeatable.
    #[arg(long, value_name = "PREFIX")]
    pub volume_prefix: Vec<String>,
}

pub async fn run(args: CleanupArgs, g: &Globals) -> anyhow::Result<()> {
    let service = match &args.service {
        Some(s) => super::validate_service_name(s)?,
        None => g.service_name()?,
    };
    check_flags(&args)?;
    let target = cluster::resolve()?;
    let http = cluster::client_for(&target)?;
    let portworx = match &args.px_endpoint {
        Some(endpoint) => Some(
            OpenStorageClient::new(
                endpoint.clone(),
                px_token(args.px_token_env.as_deref())?,
                TlsMode::Verify,
                target.timeout,
            )
            .map_err(|e| anyhow!(e))?,
        ),
        None => None,
    };

    let identity = Identity::new(&service, args.principal.as_deref());
    let clients = Clients {
        cluster: http.clone(),
        portworx,
    };
    let rule = VolumeRule {
        prefixes: args.volume_prefix.clone(),
    };
    let marathon = MarathonClient::new(http, &target);
    let refuse_installed = !args.force && !args.dry_run;
    let Survey {
        inventory: inv,
        plan,
        installed,
        live,
    } = cleanup::survey(
        &marathon,
        &clients,
        &identity,
        &rule,
        args.delete_volumes,
        refuse_installed,
    )
    .await?;

    if !g.json {
        print_inventory(&inv, args.delete_volumes);
    }
    if plan.steps.is_empty() {
        if g.json {
            print_report(&inv, &plan, installed, args.dry_run, &[])?;
        } else {
            println!("{}", nothing_to_do(&inv, &plan));
        }
        return Ok(());
    }
    if args.dry_run {
        if g.json {
            print_report(&inv, &plan, installed, true, &[])?;
        } else {
            println!("\nDry run: nothing was changed. A real run would do:");
            for (i, step) in plan.steps.iter().enumerate() {
                println!(
                    "  {}. {} {}",
                    i + 1,
                    step.action.verb(),
                    step.action.target()
                );
            }
            if installed {
                println!(
                    "It would refuse while the Marathon app {} exists, unless --force.",
                    app_id(&service)
                );
            }
            if !live.is_empty() {
                println!(
                    "It would refuse while the framework ({}) is active, unless --force.",
                    live.join(", ")
                );
            }
        }
        return Ok(());
    }
    if !live.is_empty() && !args.force {
        return Err(anyhow!(
            "the framework {service} ({}) is still registered and active: its scheduler is running; stop it first, or pass --force to tear it down",
            live.join(", ")
        ));
    }
    if installed {
        eprintln!(
            "Warning: the Marathon app {} still exists (--force): its scheduler may re-reserve resources.",
            app_id(&service)
        );
    }
    let question = format!(
        "Remove the {} item(s) above belonging to {service}?",
        plan.steps.len()
    );
    if !super::confirm(g, &question)? {
        return Err(anyhow!(
            "cleanup of {service} cancelled; nothing was changed"
        ));
    }

    if !g.json {
        println!();
    }
    let outcomes = cleanup::execute(&plan, &clients, |i, step, outcome| {
        if !g.json {
            // Hints on their own lines stay under the step they belong to.
            let text = outcome.to_string().replace('\n', "\n      ");
            println!(
                "[{}/{}] {} {}: {text}",
                i + 1,
                plan.steps.len(),
                step.action.verb(),
                step.action.target()
            );
        }
    })
    .await;
    let left = outcomes.iter().filter(|o| !o.is_success()).count();
    if g.json {
        print_report(&inv, &plan, installed, false, &outcomes)?;
    }
    if left > 0 {
        return Err(anyhow!(
            "{left} of {} cleanup step(s) for {service} did not complete (see above); fix the cause and re-run `pxfw cleanup {service}` to finish",
            plan.steps.len()
        ));
    }
    if !g.json {
        println!("Cleanup of {service} complete.");
        if !plan.kept_volumes.is_empty() {
            println!(
                "Kept {} Portworx volume(s); pass --delete-volumes to delete them.",
                plan.kept_volumes.len()
            );
        }
    }
    Ok(())
}

/// Flag combinations that cannot work, rejected before any request.
fn check_flags(args: &CleanupArgs) -> anyhow::Result<()> {
    if args.px_endpoint.is_none() {
        let needs = if args.delete_volumes {
            Some("--delete-volumes")
        } else if !args.volume_prefix.is_empty() {
            Some("--volume-prefix")
        } else if args.px_token_env.is_some() {
            Some("--px-token-env")
        } else {
            None
        };
        if let Some(flag) = needs {
            return Err(Exit::usage(format!(
                "{flag} needs --px-endpoint URL (the Portworx OpenStorage SDK REST gateway, port 9021)"
            ))
            .into());
        }
    }
    for p in &args.volume_prefix {
        crate::volume::validate_name(p)
            .map_err(|e| Exit::usage(format!("--volume-prefix {p:?}: {e}")))?;
    }
    if let Some(p) = &args.principal
        && p.trim().is_empty()
    {
        return Err(Exit::usage("--principal must not be empty").into());
    }
    Ok(())
}

/// The Portworx token: from the named variable (which must then be set), else from PX_AUTH_TOKEN if set.
/// Shared by every command that talks to Portworx directly (`cleanup`, `snapshot` in DC/OS mode).
pub fn px_token(var: Option<&str>) -> anyhow::Result<Option<String>> {
    let read = |name: &str| std::env::var(name).ok().filter(|t| !t.is_empty());
    match var {
        Some(name) => read(name).map(Some).ok_or_else(|| {
            Exit::usage(format!(
                "--px-token-env {name}: the variable is not set or empty; export the Portworx token in it"
            ))
            .into()
        }),
        None => Ok(read(DEFAULT_PX_TOKEN_ENV)),
    }
}

fn print_inventory(inv: &Inventory, delete_volumes: bool) {
    let id = &inv.identity;
    println!(
        "Leftovers of {} (role {}, principal {}, znode {}):",
        id.service, id.role, id.principal, id.znode
    );
    let mut rows: Vec<Vec<String>> = Vec::new();
    for f in &inv.frameworks {
        rows.push(vec![
            "framework".into(),
            "mesos".into(),
            format!("{} ({})", f.name, f.id),
            if f.active { "active" } else { "inactive" }.into(),
            status(&f.not_ours, "teardown"),
        ]);
    }
    for a in &inv.agents {
        let agent = janitor::agent_label(&a.hostname, &a.agent_id);
        for r in &a.resources {
            let (kind, detail) = match &r.volume_id {
                Some(v) => ("volume", format!("persistence id {v}")),
                None => ("reservation", String::new()),
            };
            let mut detail = detail;
            if let Some(p) = &r.principal {
                if !detail.is_empty() {
                    detail.push_str(", ");
                }
                detail.push_str(&format!("principal {p}"));
            }
            let action = if r.is_volume() {
                "destroy, unreserve"
            } else {
                "unreserve"
            };
            rows.push(vec![
                kind.into(),
                agent.clone(),
                format!("{} {}", r.name, r.amount).trim_end().to_string(),
                detail,
                status(&r.not_ours, action),
            ]);
        }
    }
    if inv.znode_exists {
        rows.push(vec![
            "znode".into(),
            "zookeeper".into(),
            id.znode.clone(),
            String::new(),
            "ours: delete".into(),
        ]);
    }
    for v in inv.portworx.iter().flatten() {
        let action = if !delete_volumes {
            "kept (no --delete-volumes)"
        } else if v.attached_on.is_some() {
            "detach, delete"
        } else {
            "delete"
        };
        let mut detail = v.matched_by.clone();
        if let Some(ip) = &v.attached_on {
            detail.push_str(&format!(", attached on {ip}"));
        }
        rows.push(vec![
            "px-volume".into(),
            "portworx".into(),
            format!("{} ({})", v.name, v.id),
            detail,
            status(&v.not_ours, action),
        ]);
    }
    if rows.is_empty() {
        return;
    }
    output::print_table(&["KIND", "WHERE", "ITEM", "DETAIL", "STATUS"], &rows);
    if inv.portworx.is_none() {
        println!("(Portworx volumes not checked: pass --px-endpoint URL to include them.)");
    }
    let not_ours = rows.iter().filter(|r| r[4].starts_with("not ours")).count();
    if not_ours > 0 {
        println!("{not_ours} item(s) are not ours and will be left alone.");
    }
}

fn status(not_ours: &Option<String>, action: &str) -> String {
    match not_ours {
        Some(why) => format!("not ours ({why}): left alone"),
        None => format!("ours: {action}"),
    }
}

/// The summary when there is nothing to do, naming everything that was checked.
fn nothing_to_do(inv: &Inventory, plan: &CleanupPlan) -> String {
    let id = &inv.identity;
    let px = match &inv.portworx {
        None => "Portworx not checked (no --px-endpoint)".to_string(),
        Some(_) if !plan.kept_volumes.is_empty() => format!(
            "{} Portworx volume(s) kept (pass --delete-volumes to delete them)",
            plan.kept_volumes.len()
        ),
        Some(_) => "no Portworx volumes of ours".to_string(),
    };
    format!(
        "Nothing to clean up for {}: no reservations or volumes of ours under {}, no framework of ours named {}, no znode {}; {px}.",
        id.service, id.role, id.service, id.znode
    )
}

fn print_report(
    inv: &Inventory,
    plan: &CleanupPlan,
    installed: bool,
    dry_run: bool,
    outcomes: &[CleanupOutcome],
) -> anyhow::Result<()> {
    let results: Vec<_> = plan
        .steps
        .iter()
        .zip(outcomes)
        .map(|(s, o)| json!({"step": s, "target": s.action.target(), "result": o}))
        .collect();
    output::print_json(&json!({
        "inventory": inv,
        "installed": installed,
        "dry_run": dry_run,
        "plan": plan,
        "results": results,
        "left": outcomes.iter().filter(|o| !o.is_success()).count(),
    }))
}
