//! `pxfw uninstall SVC`: Cosmos' asynchronous SDK uninstall (contract §6.1), optionally waited for.
//!
//! Cosmos returns at once; the scheduler then runs its uninstall plan and Cosmos deletes the app. With
//! `--wait`, pxfw polls Marathon until the app is gone and then checks the Mesos state summary for anything
//! still reserved under the service's role, which is exactly what operators used to discover by hand.

use std::time::{Duration, Instant};

use anyhow::anyhow;
use clap::Args;
use serde_json::Value;

use super::Globals;
use super::exit::Exit;
use crate::cluster;
use crate::dcos::cosmos::{Cosmos, PackageUninstallRequest};
use crate::dcos::marathon::{MarathonClient, app_id};
use crate::dcos::mesos;
use crate::output;

#[derive(Debug, Args)]
pub struct UninstallArgs {
    /// The service to uninstall (or --name).
    pub service: Option<String>,
    /// Wait until the app is gone, then report reservations left behind.
    #[arg(long)]
    pub wait: bool,
    #[arg(long, value_name = "D", default_value = "30m", value_parser = super::plan::parse_duration)]
    pub timeout: Duration,
    /// Keep the service's volumes (a pxfw server lists them). On DC/OS the SDK never deletes Portworx volumes;
    /// `pxfw cleanup --delete-volumes` does.
    #[arg(long)]
    pub keep_volumes: bool,
}

const POLL: Duration = Duration::from_secs(1);

pub async fn run(args: UninstallArgs, g: &Globals) -> anyhow::Result<()> {
    let service = match &args.service {
        Some(s) => super::validate_service_name(s)?,
        None => g.service_name()?,
    };
    let target = cluster::resolve()?;
    let http = cluster::client_for(&target)?;
    let cosmos = Cosmos::new(http.clone(), &target);
    let marathon = MarathonClient::new(http.clone(), &target);

    let listed = cosmos.list(None, Some(&app_id(&service))).await?;
    let entry = listed
        .get("packages")
        .and_then(Value::as_array)
        .and_then(|p| p.first())
        .cloned()
        .ok_or_else(|| {
            anyhow!("no service named {service} is installed; `pxfw list` shows the installed ones")
        })?;
    let definition = entry
        .get("packageInformation")
        .and_then(|i| i.get("packageDefinition"))
        .cloned()
        .unwrap_or(Value::Null);
    let package = definition
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let version = definition
        .get("version")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();

    confirm_by_name(g, &service, &package)?;
    let reply = cosmos
        .uninstall(&PackageUninstallRequest {
            package_name: package.clone(),
            app_id: Some(app_id(&service)),
            all: None,
            keep_volumes: args.keep_volumes,
        })
        .await?;
    if !g.json {
        println!("Uninstalled package [{package}] version [{version}]");
        for r in reply
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(notes) = r.get("postUninstallNotes").and_then(Value::as_str) {
                println!("{notes}");
            }
            let kept: Vec<&str> = r
                .get("keptVolumes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if !kept.is_empty() {
                println!("Volumes kept: {}", kept.join(", "));
            }
        }
    }
    if !args.wait {
        return if g.json {
            output::print_json(&reply)
        } else {
            Ok(())
        };
    }

    let deadline = Instant::now() + args.timeout;
    let bar = output::progress(0, format!("uninstalling {service}"));
    while marathon.app(&service).await?.is_some() {
        if Instant::now() >= deadline {
            bar.abandon();
            return Err(Exit::timeout(format!(
                "timed out after {} waiting for {service} to be removed; `pxfw plan status deploy --name {service}` shows the uninstall plan",
                humantime::format_duration(args.timeout)
            ))
            .into());
        }
        bar.tick();
        tokio::time::sleep(POLL).await;
    }
    bar.finish_and_clear();
    let role = mesos::service_role(&service);
    let (left, framework_left) = mesos::leftovers(&http, &role, &service).await?;
    if g.json {
        output::print_json(&serde_json::json!({
            "service": service, "removed": true, "role": role,
            "reservations_left": left, "framework_left": framework_left,
        }))?;
    } else if left.is_empty() && !framework_left {
        println!("Service {service} is removed; nothing is left reserved for {role}.");
    } else {
        for l in &left {
            println!(
                "Left on agent {} ({}): {}",
                l.hostname, l.agent_id, l.resources
            );
        }
        if framework_left {
            println!("A framework named {service} is still registered with Mesos.");
        }
    }
    if !left.is_empty() || framework_left {
        return Err(anyhow!(
            "{service} left resources behind; `pxfw cleanup {service}` removes them"
        ));
    }
    Ok(())
}

/// Uninstall deletes data: without --yes the operator must type the service name (three attempts).
fn confirm_by_name(g: &Globals, service: &str, package: &str) -> anyhow::Result<()> {
    if g.yes {
        return Ok(());
    }
    if !output::stdin_is_tty() {
        return Err(Exit::usage(format!(
            "uninstalling {service} needs confirmation; pass --yes when not on a terminal"
        ))
        .into());
    }
    eprintln!(
        "WARNING: This action cannot be undone. This will uninstall [{service}] ({package}) and delete all of its persistent data (logs, configurations, database artifacts, everything)."
    );
    for _ in 0..3 {
        let typed: String = dialoguer::Input::new()
            .with_prompt(format!(
                "Please type the name of the service to confirm [{service}]"
            ))
            .allow_empty(true)
            .interact_text()?;
        if typed.trim().trim_start_matches('/') == service {
            return Ok(());
        }
        eprintln!("Expected \"{service}\". You typed \"{}\".", typed.trim());
    }
    Err(anyhow!("uninstall cancelled: the name was not confirmed"))
}
