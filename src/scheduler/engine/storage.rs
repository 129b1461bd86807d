//! Storage health apart from the host: pods whose volumes cannot do I/O on their node move.

use serde_json::json;

use super::recovery::recover_in;
use super::{Engine, EngineError, World};
use crate::scheduler::storage_health::{self, Verdict};
use crate::scheduler::store::Write;

impl Engine {
    /// Storage that failed apart from its host (`storage_health`): a pod whose volumes cannot do I/O on
    /// its node but can elsewhere moves through the recovery plan; every other pod stays, and why is
    /// recorded once per change. Hosts that are down are the lease's business, not this.
    pub(super) async fn check_storage(&self, world: &mut World) -> Result<(), EngineError> {
        let nodes = match self.driver.node_storage().await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!("cannot read the storage state of the nodes: {e}");
                return Ok(());
            }
        };
        self.storage.set_nodes(nodes);
        let names: Vec<String> = world.services.keys().cloned().collect();
        for name in names {
            let pods: Vec<(String, String, Vec<String>)> = world.services[&name]
                .pods
                .iter()
                .filter(|(_, p)| !p.moving)
                .filter_map(|(i, p)| p.node.clone().map(|n| (i.clone(), n, p.volumes.clone())))
                .collect();
            'pods: for (instance, node, volumes) in pods {
                if !self.node_active(&node) {
                    continue;
                }
                let key = format!("{name}/{instance}");
                let storage = self.storage.node(&node);
                let verdict = if storage.serves_io() {
                    Verdict::Healthy
                } else {
                    let mut health = Vec::new();
                    for v in &volumes {
                        match self.driver.volume_health(v).await {
                            Ok(Some(h)) => health.push((v.clone(), h)),
                            Ok(None) => {}
                            Err(e) => {
                                tracing::warn!("cannot read the health of volume {v}: {e}");
                                continue 'pods;
                            }
                        }
                    }
                    storage_health::judge(&node, storage, &health)
                };
                let (kind, reason) = match &verdict {
                    Verdict::Healthy => ("storage-healthy", None),
                    Verdict::Keep(why) => ("storage-pod-kept", Some(why.as_str())),
                    Verdict::Move(why) => ("pod-storage-failover", Some(why.as_str())),
                };
                if !self.storage.note(&key, reason) {
                    continue;
                }
                let Some(svc) = world.services.get_mut(&name) else {
                    continue;
                };
                if matches!(verdict, Verdict::Move(_)) {
                    recover_in(svc, &instance, true);
                }
                let snapshot = svc.clone();
                self.persist(
                    &snapshot,
                    vec![Write::event(
                        kind,
                        &json!({"service": name, "pod": instance, "node": node, "storage": storage, "reason": reason}),
                    )],
                )?;
            }
        }
        Ok(())
    }
}
