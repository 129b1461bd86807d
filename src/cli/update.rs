//! `pxfw update start|package-versions` (Cosmos service update, contract §7.3), plus the `deploy`-plan
//! subcommands that follow the rollout.

use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;
use serde_json::Value;

use super::exit::Exit;
use super::{Globals, options, plan, wait};
use crate::dcos::cosmos::{Cosmos, PackageServiceUpdate};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum UpdateCmd {
    /// Change the service's options and/or package version; the scheduler rolls it out via its deploy plan.
    Start {
        /// JSON file with the options to change (merged with the stored ones unless --replace).
        #[arg(long, value_name = "FILE")]
        options: Option<PathBuf>,
        /// Set one option, e.g. --set nodes.cpus=2 (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        sets: Vec<String>,
        #[arg(long, value_name = "V")]
        package_version: Option<String>,
        /// Replace the stored options with exactly these (instead of merging).
        #[arg(long)]
        replace: bool,
        /// Wait until the deploy plan is COMPLETE.
        #[arg(long)]
        wait: bool,
        #[arg(long, value_name = "D", default_value = "30m", value_parser = super::plan::parse_duration)]
        timeout: Duration,
    },
    /// Show the current package version and the versions it can move to.
    PackageVersions,
    /// Show the rollout (the `deploy` plan) as a tree.
    #[command(visible_alias = "show")]
    Status,
    /// Pause the rollout (the `deploy` plan), optionally one phase.
    #[command(visible_alias = "interrupt")]
    Pause { phase: Option<String> },
    /// Resume the paused rollout, optionally one phase.
    #[command(visible_alias = "continue")]
    Resume { phase: Option<String> },
    /// Mark a step of the rollout complete.
    #[command(visible_alias = "force")]
    ForceComplete { phase: String, step: String },
    /// Restart the rollout, a phase or a step.
    #[command(visible_alias = "restart")]
    ForceRestart {
        phase: Option<String>,
        step: Option<String>,
    },
}

/// The plan every rollout goes through (the Go CLI sends an empty plan name here; pxfw names it).
const DEPLOY: &str = "deploy";

pub async fn run(cmd: UpdateCmd, g: &Globals) -> anyhow::Result<()> {
    match cmd {
        UpdateCmd::Status => plan::status(g, DEPLOY).await,
        UpdateCmd::Pause { phase } => plan::pause(g, DEPLOY, phase.as_deref()).await,
        UpdateCmd::Resume { phase } => plan::resume(g, DEPLOY, phase.as_deref()).await,
        UpdateCmd::ForceComplete { phase, step } => {
            plan::force_complete(g, DEPLOY, &phase, &step).await
        }
        UpdateCmd::ForceRestart { phase, step } => {
            plan::force_restart(g, DEPLOY, phase.as_deref(), step.as_deref()).await
        }
        UpdateCmd::Start {
            options: file,
            sets,
            package_version,
            replace,
            wait: do_wait,
            timeout,
        } => {
            let opts = options::user_options(file.as_deref(), &sets)?;
            if opts.is_none() && package_version.is_none() && !replace {
                return Err(Exit::usage(
                    "nothing to update: give --options, --set or --package-version",
                )
                .into());
            }
            let service = g.service_name()?;
            let (cosmos, http) = super::cosmos()?;
            let reply = start(&cosmos, &service, opts, package_version, replace).await?;
            if g.json && !do_wait {
                return output::print_json(&reply);
            }
            if !g.json {
                println!(
                    "Update started. Please use `pxfw --name={service} update status` to view progress."
                );
            }
            if do_wait {
                wait::plan_complete(&http, &service, DEPLOY, timeout).await?;
                if !g.json {
                    println!("Update of {service} complete: its deploy plan is COMPLETE.");
                }
            }
            Ok(())
        }
        UpdateCmd::PackageVersions => {
            let service = g.service_name()?;
            let (cosmos, _) = super::cosmos()?;
            let reply = cosmos.service_describe(&service).await?;
            if g.json {
                return output::print_json(&serde_json::json!({
                    "currentVersion": reply.get("package").and_then(|p| p.get("version")),
                    "downgradesTo": reply.get("downgradesTo"),
                    "upgradesTo": reply.get("upgradesTo"),
                }));
            }
            let current = reply
                .get("package")
                .and_then(|p| p.get("version"))
                .and_then(Value::as_str)
                .unwrap_or("unknown");
            println!("Current package version is: {current}");
            print_versions("downgraded", reply.get("downgradesTo"));
            print_versions("upgraded", reply.get("upgradesTo"));
            Ok(())
        }
    }
}

fn print_versions(direction: &str, list: Option<&Value>) {
    let versions: Vec<&str> = list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if versions.is_empty() {
        println!(
            "No valid package {} versions.",
            direction.trim_end_matches("ed").replace("grad", "grade")
        );
    } else {
        println!("Package can be {direction} to:");
        for v in versions {
            println!("- {v}");
        }
    }
}

/// Sends the Cosmos service update: merge (or replace) options and/or change the package version.
pub async fn start(
    cosmos: &Cosmos,
    service: &str,
    options: Option<Value>,
    package_version: Option<String>,
    replace: bool,
) -> anyhow::Result<Value> {
    cosmos
        .service_update(&PackageServiceUpdate {
            app_id: service.to_string(),
            package_version,
            options,
            replace,
        })
        .await
}
