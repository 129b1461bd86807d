//! Node maintenance workflows: following a node's drain (`pxfw node drain --wait`) until the node runs
//! no pod, and stopping early — with which pod and why — when a pod can go nowhere else.

use std::time::{Duration, Instant};

use crate::api::admin::{DrainMove, NodeDrain};
use crate::client::pxfw::{PxfwClient, PxfwError};

/// Called while a drain is followed.
pub trait DrainObserver {
    /// The drain changed (and on the first answer).
    fn changed(&mut self, drain: &NodeDrain);
}

/// Why [`wait_drained`] did not see the node empty.
#[derive(Debug, thiserror::Error)]
pub enum DrainWaitError {
    #[error(
        "pod {pod} cannot be placed on another node: {why}\nNode {node} stays drained and the pod waits in the recovery plan; make room elsewhere (or add a node), or end the drain with `pxfw node undrain {node}`"
    )]
    Unplaceable {
        node: String,
        pod: String,
        why: String,
    },
    #[error("the drain of node {node} was ended (`pxfw node undrain`) while waiting; still on it: {}", list(.left))]
    Undrained { node: String, left: Vec<String> },
    #[error(
        "node {node} still runs {} after {} s{}; the drain goes on (follow it with `pxfw node drain {node} --wait`)",
        list(.left),
        .timeout.as_secs(),
        .moving.as_ref().map(|m| format!(" ({} is {})", m.pod, m.waiting_for)).unwrap_or_default()
    )]
    TimedOut {
        node: String,
        left: Vec<String>,
        moving: Option<DrainMove>,
        timeout: Duration,
    },
    #[error(transparent)]
    Client(#[from] PxfwError),
}

fn list(pods: &[String]) -> String {
    if pods.is_empty() {
        "nothing".to_owned()
    } else {
        pods.join(", ")
    }
}

/// Polls the drain of `node` every `interval` until the node runs no pod (the last answer), a pod
/// cannot be placed elsewhere, the drain is ended, or `timeout` passes.
pub async fn wait_drained(
    client: &PxfwClient,
    node: &str,
    timeout: Duration,
    interval: Duration,
    observer: &mut dyn DrainObserver,
) -> Result<NodeDrain, DrainWaitError> {
    let deadline = Instant::now() + timeout;
    let mut last: Option<NodeDrain> = None;
    loop {
        let drain = client.drain_status(node).await?;
        if last.as_ref() != Some(&drain) {
            observer.changed(&drain);
        }
        if drain.is_done() {
            return Ok(drain);
        }
        if !drain.draining {
            return Err(DrainWaitError::Undrained {
                node: node.to_owned(),
                left: drain.pods,
            });
        }
        if let Some(m) = drain.moving.as_ref().filter(|m| m.unplaceable) {
            return Err(DrainWaitError::Unplaceable {
                node: node.to_owned(),
                pod: m.pod.clone(),
                why: m.waiting_for.clone(),
            });
        }
        if Instant::now() + interval > deadline {
            return Err(DrainWaitError::TimedOut {
                node: node.to_owned(),
                left: drain.pods,
                moving: drain.moving,
                timeout,
            });
        }
        last = Some(drain);
        tokio::time::sleep(interval).await;
    }
}
