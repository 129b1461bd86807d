//! `pxfw debug ...`: the dcos-commons Go CLI's `debug config`, `debug state` and `debug pod` commands
//! (contracts/sdk-scheduler-api.md §6), plus `debug health`. Every answer is printed as the scheduler's
//! JSON, re-indented as the Go CLI does.

use super::Globals;
use super::plan::{client, emit, print_scheduler_json};
use crate::dcos::sdk::PodCommand;

#[derive(Debug, clap::Subcommand)]
pub enum DebugCmd {
    /// Inspect the service's configurations (the rendered service specs).
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Inspect the scheduler's persisted state.
    #[command(subcommand)]
    State(StateCmd),
    /// Pause a pod's tasks for debugging (relaunched with their command replaced by a sleep), or resume them.
    #[command(subcommand)]
    Pod(DebugPodCmd),
    /// Show the scheduler's health code and what it means (both SDK generations).
    Health,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConfigCmd {
    /// List the ids of the configurations still in use.
    List,
    /// Show one configuration.
    Show { id: String },
    /// Show the configuration the service is converging to.
    Target,
    /// Show the id of the target configuration.
    #[command(name = "target_id")]
    TargetId,
}

#[derive(Debug, clap::Subcommand)]
pub enum StateCmd {
    /// Show the Mesos framework id.
    #[command(name = "framework_id")]
    FrameworkId,
    /// List the property keys.
    Properties,
    /// Show one property's value.
    Property {
        // Not `name`: that id belongs to the global `--name SVC`.
        #[arg(value_name = "NAME")]
        property: String,
    },
    /// Make the scheduler reload its state cache.
    #[command(name = "refresh_cache")]
    RefreshCache,
}

#[derive(Debug, clap::Subcommand)]
pub enum DebugPodCmd {
    /// Pause a pod, or some of its tasks.
    Pause(DebugPodArgs),
    /// Resume a paused pod, or some of its tasks.
    Resume(DebugPodArgs),
}

#[derive(Debug, clap::Args)]
pub struct DebugPodArgs {
    /// The pod instance, e.g. node-0.
    pub pod: String,
    /// Only this task (`server` or `node-0-server`); repeat for several. Default: every task of the pod.
    #[arg(short = 't', long = "tasks", value_name = "TASK")]
    pub tasks: Vec<String>,
}

/// Runs a `debug` subcommand.
pub async fn run(cmd: DebugCmd, g: &Globals) -> anyhow::Result<()> {
    let sdk = client(g)?;
    let body = match cmd {
        DebugCmd::Config(ConfigCmd::List) => sdk.configurations().await?.body,
        DebugCmd::Config(ConfigCmd::Show { id }) => sdk.configuration(&id).await?.body,
        DebugCmd::Config(ConfigCmd::Target) => sdk.target_configuration().await?.body,
        DebugCmd::Config(ConfigCmd::TargetId) => sdk.target_id().await?.body,
        DebugCmd::State(StateCmd::FrameworkId) => sdk.framework_id().await?.body,
        DebugCmd::State(StateCmd::Properties) => sdk.properties().await?.body,
        DebugCmd::State(StateCmd::Property { property }) => sdk.property(&property).await?.body,
        DebugCmd::State(StateCmd::RefreshCache) => sdk.refresh_cache().await?.body,
        DebugCmd::Pod(DebugPodCmd::Pause(a)) => {
            sdk.pod_action(&a.pod, PodCommand::Pause, &a.tasks)
                .await?
                .body
        }
        DebugCmd::Pod(DebugPodCmd::Resume(a)) => {
            sdk.pod_action(&a.pod, PodCommand::Resume, &a.tasks)
                .await?
                .body
        }
        DebugCmd::Health => {
            let health = sdk.health().await?.value;
            if g.json {
                return crate::output::print_json(&health);
            }
            let mut text = format!("{} {}", health.code, health.meaning);
            for reason in &health.reasons {
                text.push_str(&format!("\n- {reason}"));
            }
            return emit(&text);
        }
    };
    print_scheduler_json(&body)
}
