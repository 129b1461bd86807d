//! `pxfw node drain|undrain|lost|list`: node maintenance on a pxfw control plane.

use std::time::Duration;

use clap::Subcommand;
use serde::Serialize;

use super::Globals;
use super::exit::Exit;
use crate::api::admin::{ClusterStatus, NodeDrain, NodeStatus};
use crate::client::pxfw::{PxfwClient, to_json};
use crate::ops::node::{DrainObserver, DrainWaitError, wait_drained};
use crate::output;

/// How often `drain --wait` polls.
const POLL: Duration = Duration::from_millis(500);

#[derive(Debug, Subcommand)]
pub enum NodeCmd {
    /// Move a node's pods away for maintenance, one at a time; the node gets no new pod until undrained.
    Drain {
        /// The node id (its agent's --node-id).
        node: String,
        /// Follow the moves until the node runs no pod (exit 1 when a pod can go nowhere else).
        #[arg(long)]
        wait: bool,
        /// How long --wait waits (exit 124 when it runs out; the drain goes on).
        #[arg(long, value_name = "D", default_value = "30m", value_parser = super::plan::parse_duration, requires = "wait")]
        timeout: Duration,
    },
    /// End a drain: the node takes pods again (pods that moved away stay where they are).
    Undrain {
        /// The node id.
        node: String,
    },
    /// Declare a silent node lost when the server cannot (too few nodes for a majority): you assert
    /// its machine is down, and its pods start elsewhere with their volumes detached by force.
    Lost {
        /// The node id.
        node: String,
        /// Required: a machine that still runs its tasks would make two writers of the same data.
        #[arg(long)]
        force: bool,
    },
    /// The nodes with their state (active, draining, silent, lost) and pods.
    List,
}

pub async fn run(cmd: NodeCmd, g: &Globals) -> anyhow::Result<()> {
    let client = PxfwClient::connect()?;
    match cmd {
        NodeCmd::Drain {
            node,
            wait,
            timeout,
        } => {
            let drain = client.drain_node(&node).await?;
            if !wait {
                return print_drain(&drain, g.json);
            }
            let mut progress = Progress { json: g.json };
            match wait_drained(&client, &node, timeout, POLL, &mut progress).await {
                Ok(done) => print_drain(&done, g.json),
                Err(e @ DrainWaitError::TimedOut { .. }) => {
                    Err(Exit::timeout(e.to_string()).into())
                }
                Err(e) => Err(e.into()),
            }
        }
        NodeCmd::Undrain { node } => {
            let drain = client.undrain_node(&node).await?;
            if g.json {
                return output::print_json(&to_json(&drain)?);
            }
            println!("Node {node} takes pods again; pods that moved away stay where they are.");
            Ok(())
        }
        NodeCmd::Lost { node, force } => {
            if !force {
                return Err(Exit::usage(format!(
                    "`pxfw node lost {node}` needs --force: it tells the server that the machine of {node} is down, so its pods start on other nodes with their volumes detached by force. If the machine still runs them, two copies write the same data; for a live node use `pxfw node drain {node}`"
                ))
                .into());
            }
            let lost = client.declare_lost(&node, true).await?;
            if g.json {
                return output::print_json(&to_json(&lost)?);
            }
            if lost.pods.is_empty() {
                println!("Node {node} is declared lost; it ran no pod.");
            } else {
                println!(
                    "Node {node} is declared lost; its pods move to other nodes: {} (see `pxfw plan status recovery`).",
                    lost.pods.join(", ")
                );
            }
            Ok(())
        }
        NodeCmd::List => list(&client.cluster().await?, g.json),
    }
}

/// Prints each change of a followed drain (on stderr, so `--json` output stays one document).
struct Progress {
    json: bool,
}

impl DrainObserver for Progress {
    fn changed(&mut self, drain: &NodeDrain) {
        if self.json {
            return;
        }
        match &drain.moving {
            Some(m) => eprintln!(
                "{}: {} pod(s) left; moving {}: {}",
                drain.node,
                drain.pods.len(),
                m.pod,
                m.waiting_for
            ),
            None => eprintln!("{}: {} pod(s) left", drain.node, drain.pods.len()),
        }
    }
}

fn print_drain(drain: &NodeDrain, json: bool) -> anyhow::Result<()> {
    if json {
        return output::print_json(&to_json(drain)?);
    }
    let node = &drain.node;
    if drain.is_done() {
        println!(
            "Node {node} is drained: it runs no pod and gets none until `pxfw node undrain {node}`."
        );
    } else {
        println!(
            "Node {node} is draining; its pods move away one at a time: {} (follow with `pxfw node drain {node} --wait`).",
            drain.pods.join(", ")
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct NodeRow<'a> {
    node_id: &'a str,
    status: &'static str,
    pods: &'a [String],
}

/// A node's state in one word: lost, draining, silent (its lease is running out), active.
fn state(n: &NodeStatus, lease_ms: u64) -> &'static str {
    if !n.is_active() {
        "lost"
    } else if n.draining {
        "draining"
    } else if n.last_heartbeat_ms_ago > lease_ms {
        "silent"
    } else {
        "active"
    }
}

fn list(status: &ClusterStatus, json: bool) -> anyhow::Result<()> {
    let rows: Vec<NodeRow> = status
        .agents
        .iter()
        .map(|n| NodeRow {
            node_id: &n.node_id,
            status: state(n, status.lease.lease_ms),
            pods: &n.pods,
        })
        .collect();
    if json {
        return output::print_json(&rows);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.node_id.to_owned(),
                r.status.to_owned(),
                if r.pods.is_empty() {
                    "-".to_owned()
                } else {
                    r.pods.join(", ")
                },
            ]
        })
        .collect();
    output::print_table(&["NODE", "STATUS", "PODS"], &table);
    Ok(())
}
