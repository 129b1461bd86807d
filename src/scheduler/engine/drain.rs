//! Node maintenance: `pxfw node drain` marks a node draining (durable, so a server restart keeps it),
//! placement stops choosing it, and each tick moves its pods away one at a time as the reconciler's
//! [`drain_step`] decides; `pxfw node undrain` ends it. The moves themselves are `pod replace` moves
//! through the recovery plan (tasks stopped with their kill grace, volumes detached normally).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::recovery::recover_in;
use super::{Engine, EngineError, World};
use crate::api::admin::{DrainMove, NodeDrain};
use crate::scheduler::reconcile::{Drain, DrainStep, drain_step, pods_on};
use crate::scheduler::store::{Kind, Store, StoreError, Write, now_ms};

/// The one `meta` document holding every drain, by node.
const DRAINS: &str = "drains";

/// The drains as stored.
pub(super) fn load(store: &Store) -> Result<BTreeMap<String, Drain>, StoreError> {
    Ok(store.get(Kind::Meta, DRAINS)?.unwrap_or_default())
}

impl Engine {
    fn drains(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Drain>> {
        self.drains.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The nodes being drained: placement gives them no pod.
    pub fn draining_nodes(&self) -> BTreeSet<String> {
        self.drains().keys().cloned().collect()
    }

    /// Refuses a node the server does not know, naming the ones it does.
    fn known_node(&self, node: &str) -> Result<(), EngineError> {
        let known: Vec<String> = self
            .agents
            .snapshot()
            .into_iter()
            .map(|a| a.info.node_id)
            .collect();
        if known.iter().any(|k| k == node) {
            return Ok(());
        }
        Err(EngineError::NotFound(format!(
            "no node `{node}`; the known nodes are: {}",
            if known.is_empty() {
                "none (no agent has registered)".to_owned()
            } else {
                known.join(", ")
            }
        )))
    }

    /// Writes `drains` (with `event`) and only then makes it current.
    fn commit_drains(
        &self,
        drains: BTreeMap<String, Drain>,
        mut writes: Vec<Write>,
    ) -> Result<(), StoreError> {
        writes.insert(0, Write::put(Kind::Meta, DRAINS, &drains));
        self.store.write(writes)?;
        *self.drains() = drains;
        Ok(())
    }

    /// `pxfw node drain NODE`: marks the node draining (already draining is fine); its pods start
    /// moving at the next tick.
    pub async fn drain_node(&self, node: &str) -> Result<NodeDrain, EngineError> {
        self.known_node(node)?;
        let world = self.world.lock().await;
        let mut drains = self.drains().clone();
        if !drains.contains_key(node) {
            drains.insert(
                node.to_owned(),
                Drain {
                    since_ms: now_ms(),
                    moving: None,
                },
            );
            self.commit_drains(
                drains,
                vec![Write::event("node-drain", &json!({"node": node}))],
            )?;
        }
        Ok(self.drain_view(&world, node))
    }

    /// `pxfw node undrain NODE`: the node takes pods again. A move under way completes; pods that
    /// moved stay where they are.
    pub async fn undrain_node(&self, node: &str) -> Result<NodeDrain, EngineError> {
        self.known_node(node)?;
        let world = self.world.lock().await;
        let mut drains = self.drains().clone();
        if drains.remove(node).is_some() {
            self.commit_drains(
                drains,
                vec![Write::event("node-undrain", &json!({"node": node}))],
            )?;
        }
        Ok(self.drain_view(&world, node))
    }

    /// Where the drain of `node` stands (also for a node that is not draining: its pods).
    pub async fn drain_status(&self, node: &str) -> Result<NodeDrain, EngineError> {
        self.known_node(node)?;
        let world = self.world.lock().await;
        Ok(self.drain_view(&world, node))
    }

    /// The pods on each node, as `service/pod`.
    pub async fn pods_by_node(&self, nodes: &[String]) -> BTreeMap<String, Vec<String>> {
        let world = self.world.lock().await;
        nodes
            .iter()
            .map(|n| {
                let pods = pods_on(n, &world.services);
                (n.clone(), pods.iter().map(ToString::to_string).collect())
            })
            .collect()
    }

    fn drain_view(&self, world: &World, node: &str) -> NodeDrain {
        let drain = self.drains().get(node).cloned();
        let moving = drain.as_ref().and_then(|d| {
            match drain_step(node, d.moving.as_ref(), &world.services) {
                DrainStep::Move(pod) => Some(DrainMove {
                    pod: pod.to_string(),
                    waiting_for: "its turn to move (next tick)".to_owned(),
                    unplaceable: false,
                }),
                DrainStep::Wait {
                    pod,
                    why,
                    unplaceable,
                } => Some(DrainMove {
                    pod: pod.to_string(),
                    waiting_for: why,
                    unplaceable,
                }),
                DrainStep::Done => None,
            }
        });
        NodeDrain {
            node: node.to_owned(),
            draining: drain.is_some(),
            pods: pods_on(node, &world.services)
                .iter()
                .map(ToString::to_string)
                .collect(),
            moving,
        }
    }

    /// One tick of every drain: start moving the next pod once the previous one has arrived. The move
    /// and the drain's record of it are written in one batch, so a crash cannot start a second move.
    pub(super) fn drive_drains(&self, world: &mut World) -> Result<(), EngineError> {
        let current = self.drains().clone();
        for (node, drain) in current {
            match drain_step(&node, drain.moving.as_ref(), &world.services) {
                DrainStep::Move(pod) => {
                    let Some(svc) = world.services.get_mut(&pod.service) else {
                        continue;
                    };
                    recover_in(svc, &pod.pod, true);
                    // Unlike `pod replace`, the pod may come back once the node is undrained (it may be
                    // the only node its placement rule allows); while it drains, placement keeps it off.
                    if let Some(p) = svc.pods.get_mut(&pod.pod) {
                        p.leave_old_node = false;
                    }
                    let mut drains = self.drains().clone();
                    if let Some(d) = drains.get_mut(&node) {
                        d.moving = Some(pod.clone());
                    }
                    let event = json!({"node": node, "service": pod.service, "pod": pod.pod});
                    let writes = vec![
                        Write::put(Kind::Service, svc.name.clone(), &*svc),
                        Write::event("drain-move", &event),
                    ];
                    self.commit_drains(drains, writes)?;
                }
                DrainStep::Done if drain.moving.is_some() => {
                    let mut drains = self.drains().clone();
                    if let Some(d) = drains.get_mut(&node) {
                        d.moving = None;
                    }
                    self.commit_drains(
                        drains,
                        vec![Write::event("node-drained", &json!({"node": node}))],
                    )?;
                }
                DrainStep::Wait { .. } | DrainStep::Done => {}
            }
        }
        Ok(())
    }
}
