//! `pxfw pod ...`: the dcos-commons Go CLI's pod commands (contracts/sdk-scheduler-api.md §6).
//!
//! Lists and details print the scheduler's JSON re-indented, as the Go CLI does; `pod status` prints the
//! Go CLI's tree unless `--json` is given.

use super::Globals;
use super::plan::{client, emit, print_scheduler_json};
use crate::dcos::sdk::PodCommand;
use crate::output::tree;

#[derive(Debug, clap::Subcommand)]
pub enum PodCmd {
    /// List the pod instances (JSON).
    List,
    /// Show the tasks of every pod, or of one pod, and their states as a tree (`--json`: the scheduler's JSON).
    Status {
        /// A pod instance such as node-0; without it, every pod.
        pod: Option<String>,
    },
    /// Show the Mesos task information and last status of each task of a pod (JSON).
    Info { pod: String },
    /// Restart a pod in place: kill its tasks and relaunch them on the same agent with the same resources.
    Restart { pod: String },
    /// Replace a pod: kill its tasks and relaunch them with fresh resources, possibly on another agent
    /// (Portworx volumes are re-attached; ROOT and MOUNT volumes are lost).
    Replace { pod: String },
}

/// Runs a `pod` subcommand.
pub async fn run(cmd: PodCmd, g: &Globals) -> anyhow::Result<()> {
    let sdk = client(g)?;
    match cmd {
        PodCmd::List => print_scheduler_json(&sdk.pods().await?.body),
        PodCmd::Status { pod: None } => {
            let reply = sdk.service_status().await?;
            if g.json {
                print_scheduler_json(&reply.body)
            } else {
                emit(&tree::service_tree(&reply.value))
            }
        }
        PodCmd::Status { pod: Some(pod) } => {
            let reply = sdk.pod_status(&pod).await?;
            if g.json {
                print_scheduler_json(&reply.body)
            } else {
                emit(&tree::pod_tree(&reply.value))
            }
        }
        PodCmd::Info { pod } => print_scheduler_json(&sdk.pod_info(&pod).await?.body),
        PodCmd::Restart { pod } => {
            print_scheduler_json(&sdk.pod_action(&pod, PodCommand::Restart, &[]).await?.body)
        }
        PodCmd::Replace { pod } => {
            print_scheduler_json(&sdk.pod_action(&pod, PodCommand::Replace, &[]).await?.body)
        }
    }
}
