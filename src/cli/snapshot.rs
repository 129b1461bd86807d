//! `pxfw snapshot create|list|show|delete|restore|clone`: consistency-group snapshots of a whole service.
//!
//! Two modes, chosen by `--px-endpoint`:
//! * **embedded** (a pxfw server): the server runs the hooks in task context, freezes the tasks and cuts
//!   every volume as one group (`/pxfw/v1/…snapshots`, see `crate::server::snapshot_api`);
//! * **DC/OS** (`--px-endpoint URL`): the volumes come from the scheduler's target configuration, the
//!   group cut goes straight to Portworx, and hooks are plans of the service (`--pre-plan`, `--post-plan`)
//!   started and waited for as `pxfw plan start` / `plan wait` do (`crate::snapshot::dcos`); restore
//!   pauses the pods around the Portworx restores and clone installs the package through Cosmos over
//!   volumes cloned first (`crate::snapshot::dcos_restore`).

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::anyhow;
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use url::Url;

use super::Globals;
use super::exit::Exit;
use super::plan::parse_duration;
use crate::api::snapshot::CreateRequest;
use crate::client::pxfw::{PxfwClient, SnapshotCreated, to_json};
use crate::dcos::sdk::SdkClient;
use crate::ops;
use crate::ops::snapshot::HookPlans;
use crate::output;
use crate::snapshot::{dcos, dcos_restore};
use crate::volume::portworx::{PortworxConfig, PortworxDriver};

// Parsed once per process; boxing the create arguments would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SnapshotCmd {
    /// Snapshot every volume of a service as one consistency group, with hooks around the cut.
    Create(CreateArgs),
    /// List snapshots (of one service when given).
    List {
        service: Option<String>,
        #[command(flatten)]
        px: PxArgs,
    },
    /// Show one snapshot: its volumes, hooks and their output, timings.
    Show {
        id: String,
        #[command(flatten)]
        px: PxArgs,
    },
    /// Delete a snapshot (every volume snapshot of the group).
    Delete {
        id: String,
        #[command(flatten)]
        px: PxArgs,
    },
    /// Bring the service back to a snapshot: stop its pods, restore every volume, restart them (a restore
    /// plan on a pxfw server; pod pause/resume on DC/OS).
    Restore {
        id: String,
        /// Return once the restore plan has started (DC/OS: once the pods are resumed) instead of waiting.
        #[arg(long)]
        no_wait: bool,
        /// Give up waiting after this long.
        #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
        timeout: Duration,
        #[command(flatten)]
        px: PxArgs,
    },
    /// Bring a snapshot up as a new service whose volumes start from the snapshot (DC/OS: installed
    /// through Cosmos with the original's options, its volumes renamed `<NEW_SVC>-<name>`).
    Clone {
        id: String,
        /// The new service's name.
        #[arg(long = "as", value_name = "NEW_SVC")]
        new_name: String,
        /// Wait for the new service's deploy plan to complete.
        #[arg(long)]
        wait: bool,
        #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
        timeout: Duration,
        #[command(flatten)]
        px: PxArgs,
    },
}

/// The Portworx flags of the DC/OS mode.
#[derive(Debug, Clone, Args)]
pub struct PxArgs {
    /// DC/OS mode: the Portworx OpenStorage SDK REST gateway (e.g. http://px-node:9021).
    #[arg(long, value_name = "URL")]
    pub px_endpoint: Option<Url>,
    /// The environment variable holding the Portworx token (default: PX_AUTH_TOKEN, when set).
    #[arg(long, value_name = "VAR")]
    pub px_token_env: Option<String>,
    /// The legacy Portworx REST API (group snapshots); default: the gateway's host on port 9001.
    #[arg(long, value_name = "URL", hide = true)]
    pub px_legacy_endpoint: Option<Url>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    pub service: String,
    /// The snapshot's name (default: `<service>-<UTC time>`).
    #[arg(long)]
    pub name: Option<String>,
    /// A command to run in each task with a volume before the cut (repeatable).
    #[arg(long, value_name = "CMD")]
    pub pre: Vec<String>,
    /// A command to run after the cut, always (repeatable).
    #[arg(long, value_name = "CMD")]
    pub post: Vec<String>,
    /// A command that takes a lock and holds it through the cut by running ${WAIT_CMD} (repeatable).
    #[arg(long, value_name = "CMD")]
    pub pre_background: Vec<String>,
    /// A label for the snapshot, k=v (repeatable).
    #[arg(long = "label", value_name = "K=V")]
    pub labels: Vec<String>,
    /// A built-in hook profile (cassandra, elastic, kafka, zookeeper, hdfs, couchdb) or `none`; default:
    /// the profile of the service's package.
    #[arg(long)]
    pub profile: Option<String>,
    /// Show the hooks that would run and the volumes that would be cut; take nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Timeout for each hook (default: the hook's own, 15 minutes).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub hook_timeout: Option<Duration>,
    #[command(flatten)]
    pub px: PxArgs,
    /// DC/OS mode: a plan of the service to run (and wait for) before the cut.
    #[arg(long, value_name = "PLAN")]
    pub pre_plan: Option<String>,
    /// DC/OS mode: a plan to run after the cut, always.
    #[arg(long, value_name = "PLAN")]
    pub post_plan: Option<String>,
    /// DC/OS mode: a parameter for the plans, VAR=value (repeatable).
    #[arg(short = 'p', long = "params", value_name = "VAR=value")]
    pub params: Vec<String>,
    /// DC/OS mode: how long each plan may take.
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
    pub plan_timeout: Duration,
}

pub async fn run(cmd: SnapshotCmd, g: &Globals) -> anyhow::Result<()> {
    match cmd {
        SnapshotCmd::Create(args) => match args.px.px_endpoint.clone() {
            Some(endpoint) => create_dcos(args, endpoint, g).await,
            None => create_embedded(args, g).await,
        },
        SnapshotCmd::List { service, px } => {
            let service = service
                .map(|s| super::validate_service_name(&s))
                .transpose()?;
            match px.px_endpoint.clone() {
                Some(endpoint) => {
                    let driver = portworx(&px, endpoint)?;
                    let groups = dcos::list_groups(&driver, service.as_deref()).await?;
                    print_groups(g, &groups)
                }
                None => list_embedded(g, service.as_deref()).await,
            }
        }
        SnapshotCmd::Show { id, px } => match px.px_endpoint.clone() {
            Some(endpoint) => {
                let driver = portworx(&px, endpoint)?;
                let groups = dcos::list_groups(&driver, None).await?;
                let group = groups
                    .into_iter()
                    .find(|gr| gr.id == id)
                    .ok_or_else(|| anyhow!("no snapshot `{id}` in Portworx"))?;
                print_groups(g, std::slice::from_ref(&group))
            }
            None => {
                let record = PxfwClient::connect()?.snapshot(&id).await?;
                show_record(g, &to_json(&record)?)
            }
        },
        SnapshotCmd::Delete { id, px } => match px.px_endpoint.clone() {
            Some(endpoint) => {
                let driver = portworx(&px, endpoint)?;
                let n = dcos::delete_group(&driver, &id).await?;
                if n == 0 {
                    return Err(anyhow!("no snapshot `{id}` in Portworx"));
                }
                println!("Deleted snapshot {id} ({n} volume snapshot(s)).");
                Ok(())
            }
            None => {
                let deleted = PxfwClient::connect()?.delete_snapshot(&id).await?;
                if g.json {
                    return output::print_json(&to_json(&deleted)?);
                }
                println!("Deleted snapshot {id}.");
                Ok(())
            }
        },
        SnapshotCmd::Restore {
            id,
            no_wait,
            timeout,
            px,
        } => match px.px_endpoint.clone() {
            Some(endpoint) => restore_dcos(g, &id, &px, endpoint, no_wait, timeout).await,
            None => restore(g, &id, no_wait, timeout).await,
        },
        SnapshotCmd::Clone {
            id,
            new_name,
            wait,
            timeout,
            px,
        } => match px.px_endpoint.clone() {
            Some(endpoint) => clone_dcos(g, &id, &new_name, &px, endpoint, wait, timeout).await,
            None => clone(g, &id, &new_name, wait, timeout).await,
        },
    }
}

fn parse_labels(items: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut labels = BTreeMap::new();
    for item in items {
        let (k, v) = item
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .ok_or_else(|| Exit::usage(format!("--label {item}: expected KEY=VALUE")))?;
        labels.insert(k.to_string(), v.to_string());
    }
    Ok(labels)
}

fn refuse_in_dcos_mode(args: &CreateArgs) -> anyhow::Result<()> {
    let exec = [
        ("--pre", !args.pre.is_empty()),
        ("--post", !args.post.is_empty()),
        ("--pre-background", !args.pre_background.is_empty()),
        ("--profile", args.profile.is_some()),
    ];
    if let Some((flag, _)) = exec.iter().find(|(_, given)| *given) {
        return Err(Exit::usage(format!(
            "{flag} runs commands inside the tasks, which only a pxfw server can do; on DC/OS run the hooks as a plan of the service with --pre-plan/--post-plan"
        ))
        .into());
    }
    Ok(())
}

fn refuse_in_embedded_mode(args: &CreateArgs) -> anyhow::Result<()> {
    if args.pre_plan.is_some() || args.post_plan.is_some() || !args.params.is_empty() {
        return Err(Exit::usage(
            "--pre-plan, --post-plan and -p are for the DC/OS mode (with --px-endpoint); on a pxfw server give the hooks with --pre, --pre-background and --post",
        )
        .into());
    }
    if args.px.px_token_env.is_some() || args.px.px_legacy_endpoint.is_some() {
        return Err(Exit::usage("--px-token-env needs --px-endpoint URL").into());
    }
    Ok(())
}

async fn create_embedded(args: CreateArgs, g: &Globals) -> anyhow::Result<()> {
    refuse_in_embedded_mode(&args)?;
    let service = super::validate_service_name(&args.service)?;
    let req = CreateRequest {
        name: args.name.clone(),
        pre: args.pre.clone(),
        post: args.post.clone(),
        pre_background: args.pre_background.clone(),
        labels: parse_labels(&args.labels)?,
        profile: args.profile.clone(),
        dry_run: args.dry_run,
        hook_timeout: args.hook_timeout.map(|d| d.as_secs().max(1)),
    };
    let report = match PxfwClient::connect()?
        .create_snapshot(&service, &req)
        .await?
    {
        SnapshotCreated::Taken(record) => return show_record(g, &to_json(&record)?),
        SnapshotCreated::DryRun(report) => report,
    };
    if g.json {
        return output::print_json(&to_json(&report)?);
    }
    print!("{}", report.description);
    println!("Volumes (cut as one group):");
    for (pod, vols) in &report.volumes {
        println!("  {pod}: {}", vols.join(", "));
    }
    println!("Dry run: nothing was run or taken.");
    Ok(())
}

fn ms(v: &Value) -> String {
    v.as_u64()
        .map(|n| format!("{n} ms"))
        .unwrap_or_else(|| "-".into())
}

/// A snapshot record as text.
fn show_record(g: &Globals, v: &Value) -> anyhow::Result<()> {
    if g.json {
        return output::print_json(v);
    }
    let t = &v["timings"];
    let freeze = t["freeze_window_us"]
        .as_u64()
        .map(|us| format!("{:.1} ms", us as f64 / 1000.0))
        .unwrap_or_else(|| "none (the storage quiesces the group)".into());
    println!(
        "Snapshot {} of {} (configuration {}), taken {}",
        v["id"].as_str().unwrap_or("?"),
        v["service"].as_str().unwrap_or("?"),
        v["config_id"].as_str().unwrap_or("?"),
        v["created_at"].as_str().unwrap_or("?"),
    );
    println!(
        "Consistency: {}{}",
        v["consistency"].as_str().unwrap_or("?"),
        v["profile"]
            .as_str()
            .map(|p| format!(" (profile {p})"))
            .unwrap_or_default()
    );
    println!(
        "Freeze window: {freeze}; cut {}; pre hooks {}; post hooks {}; total {}",
        ms(&t["cut_ms"]),
        ms(&t["pre_hooks_ms"]),
        ms(&t["post_hooks_ms"]),
        ms(&t["total_ms"])
    );
    let mut rows = Vec::new();
    for (pod, vols) in v["pods"].as_object().into_iter().flatten() {
        for (vol, s) in vols.as_object().into_iter().flatten() {
            rows.push(vec![
                pod.clone(),
                vol.clone(),
                s["container_path"].as_str().unwrap_or("").to_string(),
                s["snapshot_id"].as_str().unwrap_or("").to_string(),
                s["method"].as_str().unwrap_or("").to_string(),
            ]);
        }
    }
    output::print_table(&["POD", "VOLUME", "PATH", "SNAPSHOT", "METHOD"], &rows);
    let hooks = v["hooks"].as_array().cloned().unwrap_or_default();
    if !hooks.is_empty() {
        println!("Hooks:");
        for h in hooks {
            println!(
                "  {} in {}: `{}` → {}",
                h["phase"].as_str().unwrap_or("?"),
                h["task"].as_str().unwrap_or("?"),
                h["command"].as_str().unwrap_or("?"),
                h["error"].as_str().unwrap_or("ok"),
            );
        }
    }
    Ok(())
}

async fn list_embedded(g: &Globals, service: Option<&str>) -> anyhow::Result<()> {
    let v = to_json(&PxfwClient::connect()?.snapshots(service).await?)?;
    if g.json {
        return output::print_json(&v);
    }
    let rows: Vec<Vec<String>> = v
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let volumes: usize = r["pods"]
                .as_object()
                .map(|p| {
                    p.values()
                        .filter_map(Value::as_object)
                        .map(|m| m.len())
                        .sum()
                })
                .unwrap_or(0);
            vec![
                r["id"].as_str().unwrap_or("").to_string(),
                r["service"].as_str().unwrap_or("").to_string(),
                r["created_at"].as_str().unwrap_or("").to_string(),
                volumes.to_string(),
                r["consistency"].as_str().unwrap_or("").to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        println!("No snapshots.");
        return Ok(());
    }
    output::print_table(&["ID", "SERVICE", "TAKEN", "VOLUMES", "CONSISTENCY"], &rows);
    Ok(())
}

fn print_groups(g: &Globals, groups: &[dcos::GroupSummary]) -> anyhow::Result<()> {
    if g.json {
        return output::print_json(groups);
    }
    if groups.is_empty() {
        println!("No snapshots.");
        return Ok(());
    }
    let mut rows = Vec::new();
    for gr in groups {
        for (vol, id) in &gr.volumes {
            rows.push(vec![
                gr.id.clone(),
                gr.service.clone().unwrap_or_default(),
                vol.clone(),
                id.clone(),
            ]);
        }
    }
    output::print_table(&["ID", "SERVICE", "VOLUME", "SNAPSHOT"], &rows);
    Ok(())
}

/// Globals naming `service`, for the plan commands.
fn for_service(g: &Globals, service: &str) -> Globals {
    let mut g = g.clone();
    g.name = Some(service.to_string());
    g
}

async fn restore(g: &Globals, id: &str, no_wait: bool, timeout: Duration) -> anyhow::Result<()> {
    let pxfw = PxfwClient::connect()?;
    let snap = pxfw.snapshot(id).await?;
    let service = snap.service.clone();
    let question = format!(
        "Restore {service} to snapshot {id}? Its pods are stopped and every volume loses what was written since {}",
        to_json(&snap.created_at)?
            .as_str()
            .unwrap_or("the snapshot")
    );
    if !super::confirm(g, &question)? {
        return Err(Exit::new(1, "restore cancelled; nothing was changed").into());
    }
    let started = pxfw.restore_snapshot(id).await?;
    if no_wait {
        if g.json {
            return output::print_json(&to_json(&started)?);
        }
        println!(
            "Restore of {service} to {id} started; `pxfw plan status restore --name {service}` shows progress."
        );
        return Ok(());
    }
    let gs = for_service(g, &service);
    super::plan::wait(&gs, "restore", Some(timeout), Duration::from_secs(1)).await?;
    if !g.json {
        println!("{service} is restored to snapshot {id} and running again.");
    }
    Ok(())
}

async fn clone(
    g: &Globals,
    id: &str,
    new_name: &str,
    wait: bool,
    timeout: Duration,
) -> anyhow::Result<()> {
    let new_name = super::validate_service_name(new_name)?;
    let cloned = PxfwClient::connect()?.clone_snapshot(id, &new_name).await?;
    if g.json && !wait {
        return output::print_json(&to_json(&cloned)?);
    }
    if !g.json {
        let n = cloned.volumes.len();
        println!("Service {new_name} is being deployed from snapshot {id} ({n} volume(s) cloned).");
    }
    if wait {
        let gs = for_service(g, &new_name);
        super::plan::wait(&gs, "deploy", Some(timeout), Duration::from_secs(1)).await?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------ DC/OS

fn portworx(px: &PxArgs, endpoint: Url) -> anyhow::Result<PortworxDriver> {
    let mut config = PortworxConfig::new(endpoint);
    config.token = super::cleanup::px_token(px.px_token_env.as_deref())?;
    config.legacy_endpoint = px.px_legacy_endpoint.clone();
    Ok(PortworxDriver::new(config)?)
}

/// The hook plans of a DC/OS snapshot, shown as `pxfw plan start` and `plan wait` show them.
struct CliHookPlans {
    sdk: SdkClient,
    params: BTreeMap<String, String>,
    timeout: Duration,
    json: bool,
}

#[async_trait::async_trait(?Send)]
impl HookPlans for CliHookPlans {
    async fn run(&mut self, plan: &str) -> anyhow::Result<()> {
        let reply = self.sdk.start_plan(plan, &self.params).await?;
        super::plan::print_scheduler_json(&reply.body)?;
        super::plan::wait_with(
            &self.sdk,
            self.json,
            plan,
            Some(self.timeout),
            Duration::from_secs(2),
        )
        .await
    }
}

async fn create_dcos(args: CreateArgs, endpoint: Url, g: &Globals) -> anyhow::Result<()> {
    refuse_in_dcos_mode(&args)?;
    let service = super::validate_service_name(&args.service)?;
    if !args.params.is_empty() && args.pre_plan.is_none() && args.post_plan.is_none() {
        return Err(
            Exit::usage("-p parameters are for --pre-plan/--post-plan; give a plan").into(),
        );
    }
    let params = crate::dcos::sdk::parse_plan_params(&args.params)
        .map_err(|e| Exit::usage(e.to_string()))?;
    let driver = portworx(&args.px, endpoint)?;
    let sdk = super::plan::client(&for_service(g, &service))?;
    let target = ops::snapshot::target_volumes(&sdk).await?;
    let name = match &args.name {
        Some(n) => n.clone(),
        None => crate::snapshot::orchestrate::default_name(&service),
    };
    crate::volume::validate_name(&name).map_err(|e| Exit::usage(format!("--name: {e}")))?;
    let snap = ops::snapshot::group_snapshot(
        target,
        name,
        &parse_labels(&args.labels)?,
        args.pre_plan.clone(),
        args.post_plan.clone(),
    )?;
    let (name, pods) = (&snap.name, &snap.target.pods);
    if args.dry_run {
        if g.json {
            return output::print_json(
                &json!({"name": name, "volumes": pods, "pre_plan": args.pre_plan, "post_plan": args.post_plan}),
            );
        }
        println!(
            "Would snapshot {service} as `{name}`: {} volume(s) in one Portworx group:",
            snap.volumes().len()
        );
        for (pod, vols) in pods {
            println!("  {pod}: {}", vols.join(", "));
        }
        match &args.pre_plan {
            Some(p) => println!("Before the cut: plan {p} (started and waited for)."),
            None => println!("No pre plan: the snapshot will be crash-consistent only."),
        }
        if let Some(p) = &args.post_plan {
            println!("After the cut (always): plan {p}.");
        }
        return Ok(());
    }
    let mut hooks = CliHookPlans {
        sdk,
        params,
        timeout: args.plan_timeout,
        json: g.json,
    };
    let snaps =
        ops::snapshot::create_group(&driver, &snap, &mut hooks, &mut |l| eprintln!("{l}")).await?;
    let groups = dcos::summarize(&snaps);
    if g.json {
        return output::print_json(&groups);
    }
    println!(
        "Snapshot {name} of {service} (configuration {}): {} volume(s) cut as one Portworx group.",
        snap.target.config_id,
        snaps.len()
    );
    print_groups(g, &groups)
}

async fn restore_dcos(
    g: &Globals,
    id: &str,
    px: &PxArgs,
    endpoint: Url,
    no_wait: bool,
    timeout: Duration,
) -> anyhow::Result<()> {
    let driver = portworx(px, endpoint)?;
    let located = ops::snapshot::locate_group(&crate::cluster::connect()?, &driver, id).await?;
    let (group, sdk, pods) = (&located.group, &located.sdk, &located.pods);
    let service = group.service.clone();
    let question = format!(
        "Restore {service} to snapshot {id}? Its {} pod(s) are paused and {} volume(s) lose what was written since the snapshot",
        pods.len(),
        group.volumes.len()
    );
    if !super::confirm(g, &question)? {
        return Err(Exit::new(1, "restore cancelled; nothing was changed").into());
    }
    let timings = dcos_restore::RestoreOptions {
        wait_resumed: !no_wait,
        pods: timeout,
        ..Default::default()
    };
    let names: Vec<String> = pods.keys().cloned().collect();
    let report = dcos_restore::restore(sdk, &driver, group, &names, &timings, &|line| {
        eprintln!("{line}")
    })
    .await?;
    let failed = report.failed();
    if !failed.is_empty() {
        if g.json {
            output::print_json(&report)?;
        }
        let lines: Vec<String> = report
            .volumes
            .iter()
            .map(|v| match &v.error {
                Some(e) => format!("  {}: FAILED: {e}", v.volume),
                None => format!("  {}: restored", v.volume),
            })
            .collect();
        return Err(anyhow!(
            "{} of {} volume(s) of {service} could not be restored:\n{}\nThe pods stay paused, so nothing runs on a mix of old and new data. Run this restore again to finish it, or resume the pods as they are with `pxfw debug pod resume POD --name {service}`.",
            failed.len(),
            report.volumes.len(),
            lines.join("\n")
        ));
    }
    if g.json {
        return output::print_json(&report);
    }
    if no_wait {
        println!(
            "{service}: {} volume(s) restored to snapshot {id}; its pods were resumed (`pxfw pod status --name {service}` shows them).",
            report.volumes.len()
        );
    } else {
        println!(
            "{service} is restored to snapshot {id} ({} volume(s)) and running again.",
            report.volumes.len()
        );
    }
    Ok(())
}

async fn clone_dcos(
    g: &Globals,
    id: &str,
    new_name: &str,
    px: &PxArgs,
    endpoint: Url,
    wait: bool,
    timeout: Duration,
) -> anyhow::Result<()> {
    let new_name = super::validate_service_name(new_name)?;
    let driver = portworx(px, endpoint)?;
    let (cosmos, http) = super::cosmos()?;
    let located = ops::snapshot::locate_group(&http, &driver, id).await?;
    if located.group.service == new_name {
        return Err(Exit::usage(format!(
            "{new_name} is the snapshot's own service; use `pxfw snapshot restore` to bring it back in place"
        ))
        .into());
    }
    let plan = ops::snapshot::clone_group(&cosmos, &driver, &located, &new_name, &mut |l| {
        eprintln!("{l}")
    })
    .await?;
    if g.json && !wait {
        return output::print_json(&plan);
    }
    if !g.json {
        println!(
            "Service {new_name} ({} {}) is being installed from snapshot {id}; its volumes:",
            plan.package_name,
            plan.package_version.as_deref().unwrap_or("")
        );
        for (old, new) in &plan.volumes {
            println!("  {new} (from {old})");
        }
    }
    if wait {
        let gs = for_service(g, &new_name);
        super::plan::wait(&gs, "deploy", Some(timeout), Duration::from_secs(1)).await?;
    }
    Ok(())
}
