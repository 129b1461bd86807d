//! `pxfw service add`: run a service on a pxfw server straight from a svc.yml (no package needed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Globals;
use super::exit::Exit;
use crate::api::admin::{AddService, UpdateService};
use crate::client::pxfw::{PxfwClient, PxfwError, to_json};
use crate::output;
use anyhow::Context;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ServiceCmd {
    /// Add a service from a spec: it is validated here, then deployed by the server's deploy plan.
    Add {
        name: String,
        /// The svc.yml (its config templates are read from beside it).
        #[arg(long, value_name = "FILE")]
        spec: PathBuf,
        /// A template variable, e.g. --env NODE_COUNT=3 (repeatable).
        #[arg(long = "env", value_name = "K=V")]
        env: Vec<String>,
    },
    /// Change a service's template variables (e.g. a count) or its spec; the deploy plan rolls it out.
    Update {
        name: String,
        /// A template variable to set, e.g. --env STORE_COUNT=5 (repeatable; merged with the current ones).
        #[arg(long = "env", value_name = "K=V")]
        env: Vec<String>,
        /// A new svc.yml (default: keep the current one).
        #[arg(long, value_name = "FILE")]
        spec: Option<PathBuf>,
        /// Keep the volumes of pods removed by a smaller count (default: delete them).
        #[arg(long)]
        keep_volumes: bool,
    },
    /// Uninstall a service: its uninstall plan kills its tasks, releases and deletes its volumes (unless kept),
    /// then removes it.
    Remove {
        name: String,
        /// Keep the service's volumes (they are listed).
        #[arg(long)]
        keep_volumes: bool,
    },
    /// List the services on the server.
    List,
}

fn parse_env(items: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut env = BTreeMap::new();
    for item in items {
        let (k, v) = item
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .ok_or_else(|| Exit::usage(format!("--env {item}: expected KEY=VALUE")))?;
        env.insert(k.to_string(), v.to_string());
    }
    Ok(env)
}

/// The config template files the templated spec names, read from beside the svc.yml.
fn template_files(
    spec: &crate::spec::model::ServiceSpec,
    dir: &Path,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    for pod in spec.pods.values() {
        for task in pod.tasks.values() {
            for c in task.configs.values() {
                let path = dir.join(&c.template);
                let text = std::fs::read_to_string(&path).with_context(|| {
                    format!("cannot read the config template {}", path.display())
                })?;
                files.insert(c.template.clone(), text);
            }
        }
    }
    Ok(files)
}

pub async fn run(cmd: ServiceCmd, g: &Globals) -> anyhow::Result<()> {
    let pxfw = PxfwClient::connect()?;
    match cmd {
        ServiceCmd::Add { name, spec, env } => {
            let name = super::validate_service_name(&name)?;
            let env = parse_env(&env)?;
            let template = std::fs::read_to_string(&spec).map_err(|e| {
                Exit::usage(format!("cannot read the spec {}: {e}", spec.display()))
            })?;
            // Validate here first: the same checks the server makes, with the file's line numbers.
            let loaded = crate::spec::load(&template, &env).map_err(|e| {
                anyhow::anyhow!("{} is not a valid service spec:\n{e}", spec.display())
            })?;
            for w in &loaded.warnings {
                eprintln!("warning: {w}");
            }
            let dir = spec.parent().unwrap_or(Path::new("."));
            let files = template_files(&loaded.spec, dir)?;
            let req = AddService {
                name: name.clone(),
                spec: template,
                env,
                files,
            };
            let added = pxfw.add_service(&req).await.map_err(|e| match e {
                PxfwError::Refused { message, .. } => {
                    anyhow::anyhow!("the server refused {name}: {message}")
                }
                other => other.into(),
            })?;
            if g.json {
                return output::print_json(&to_json(&added)?);
            }
            println!(
                "Service {name} added; its deploy plan is starting. `pxfw plan status deploy --name {name}` shows progress."
            );
            Ok(())
        }
        ServiceCmd::Update {
            name,
            env,
            spec,
            keep_volumes,
        } => {
            let name = super::validate_service_name(&name)?;
            let env = parse_env(&env)?;
            let spec = match &spec {
                Some(path) => Some(std::fs::read_to_string(path).map_err(|e| {
                    Exit::usage(format!("cannot read the spec {}: {e}", path.display()))
                })?),
                None => None,
            };
            let req = UpdateService {
                env,
                spec,
                keep_volumes,
                ..Default::default()
            };
            let change = pxfw.update_service(&name, &req).await?;
            if g.json {
                return output::print_json(&to_json(&change)?);
            }
            if change.errors.is_empty() {
                println!(
                    "Update of {name} accepted; `pxfw plan status deploy --name {name}` shows the rollout."
                );
                Ok(())
            } else {
                Err(anyhow::anyhow!(
                    "the change to {name} was rejected and the current configuration kept:\n- {}",
                    change.errors.join("\n- ")
                ))
            }
        }
        ServiceCmd::Remove { name, keep_volumes } => {
            let name = super::validate_service_name(&name)?;
            let removed = pxfw.remove_service(&name, keep_volumes).await?;
            if g.json {
                return output::print_json(&to_json(&removed)?);
            }
            println!(
                "Uninstalling {name}; `pxfw plan status deploy --name {name}` shows the uninstall plan."
            );
            if !removed.kept_volumes.is_empty() {
                println!("Volumes kept: {}", removed.kept_volumes.join(", "));
            }
            Ok(())
        }
        ServiceCmd::List => {
            let names = pxfw.services().await?;
            if g.json {
                return output::print_json(&names);
            }
            for n in names {
                println!("{n}");
            }
            Ok(())
        }
    }
}
