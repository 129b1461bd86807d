//! The answer to "why is this pod not placed": every node's reasons, grouped into classes by the
//! first filter each node failed, in pipeline order.

use std::fmt;

use serde::Serialize;

use super::PodRequest;
use super::filter::Reason;
use super::view::ClusterView;
use crate::volume::NodeId;

/// No node can take the pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Unplaceable {
    /// `<podType>-<index>`.
    pub pod: String,
    /// Nodes in the view.
    pub total: usize,
    /// Nodes grouped by the first filter they failed.
    pub classes: Vec<NodeClass>,
    /// Every node with every reason it failed.
    pub nodes: Vec<NodeRejection>,
}

/// `count` nodes that failed for the same reason first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeClass {
    pub count: usize,
    /// `violate hostname:MAX_PER:1`, `lack 4096 MB memory`.
    pub reason: String,
}

/// One node's reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRejection {
    pub node: NodeId,
    pub reasons: Vec<String>,
}

/// One line: `0/5 nodes: 2 violate hostname:MAX_PER:1, 3 lack 4096 MB memory`.
impl fmt::Display for Unplaceable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0/{} nodes: ", self.total)?;
        if self.classes.is_empty() {
            return f.write_str("no nodes are registered");
        }
        for (i, c) in self.classes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{} {}", c.count, c.reason)?;
        }
        Ok(())
    }
}

impl Unplaceable {
    /// The one-line summary followed by one line per node, for step messages and `pod status`.
    pub fn report(&self) -> String {
        let mut out = self.to_string();
        for n in &self.nodes {
            out.push_str(&format!("\n  {}: {}", n.node, n.reasons.join("; ")));
        }
        out
    }

    /// Builds the explanation from each node's reasons (`per_node[i]` for view node `i`, pipeline
    /// order, non-empty).
    pub(super) fn new(
        request: &PodRequest,
        view: &ClusterView,
        per_node: &[Vec<Reason>],
    ) -> Unplaceable {
        // Classes keyed by (pipeline stage, text), ordered by stage then first appearance.
        let mut classes: Vec<(u8, String, usize)> = Vec::new();
        let mut nodes = Vec::with_capacity(per_node.len());
        for (node, reasons) in view.nodes().iter().zip(per_node) {
            let Some(first) = reasons.first() else {
                continue;
            };
            let text = first.class(request, view);
            let stage = stage(first);
            match classes
                .iter_mut()
                .find(|(s, t, _)| *s == stage && *t == text)
            {
                Some(c) => c.2 += 1,
                None => classes.push((stage, text, 1)),
            }
            nodes.push(NodeRejection {
                node: node.id.clone(),
                reasons: reasons.iter().map(|r| r.detail(request, view)).collect(),
            });
        }
        classes.sort_by_key(|(s, _, _)| *s);
        Unplaceable {
            pod: request.pod_instance(),
            total: view.len(),
            classes: classes
                .into_iter()
                .map(|(_, reason, count)| NodeClass { count, reason })
                .collect(),
            nodes,
        }
    }
}

fn stage(r: &Reason) -> u8 {
    match r {
        Reason::Unhealthy => 0,
        Reason::Draining => 1,
        Reason::Avoided => 2,
        Reason::VolumeAttached { .. } => 3,
        Reason::Rule(_) => 4,
        Reason::Cpus { .. } | Reason::Memory { .. } | Reason::Disk { .. } => 5,
        Reason::PortInUse(_) | Reason::NoFreePorts { .. } => 6,
    }
}
