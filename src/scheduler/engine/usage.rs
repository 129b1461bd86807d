//! What every node has committed to live pods: the usage placement subtracts from capacity.

use std::collections::HashMap;

use super::{Engine, World};
use crate::scheduler::placement::{self, ClusterView, NodeInfo, PodKey, Resources};
use crate::scheduler::reconcile::Liveness;
use crate::scheduler::service::pod_resources;
use crate::scheduler::state::AgentStatus;
use crate::volume::NodeStorage;

impl Engine {
    /// Which nodes hold their lease and whose storage is offline: what the reconciler judges with.
    pub(super) fn liveness(&self) -> Liveness {
        let agents = self.agents.snapshot();
        Liveness {
            active: agents
                .iter()
                .filter(|a| a.status == AgentStatus::Active)
                .map(|a| a.info.node_id.clone())
                .collect(),
            storage_offline: agents
                .iter()
                .map(|a| a.info.node_id.clone())
                .filter(|id| self.storage.node(id) == NodeStorage::Offline)
                .collect(),
        }
    }

    pub(super) fn node_active(&self, node: &str) -> bool {
        self.agents
            .snapshot()
            .iter()
            .any(|a| a.info.node_id == node && a.status == AgentStatus::Active)
    }
}

/// What every node has committed to live pods, across all services: the input placement subtracts from
/// each agent's capacity. Built once per tick and updated as the tick places pods.
#[derive(Debug, Default)]
pub(super) struct Usage {
    pods: HashMap<String, Vec<(PodKey, Resources, Vec<u16>)>>,
}

impl Usage {
    pub(super) fn from_world(world: &World) -> Usage {
        let mut usage = Usage::default();
        for svc in world.services.values() {
            let Some(spec) = world.specs.get(&svc.target_config) else {
                continue;
            };
            for pod in svc.pods.values() {
                let Some(node) = &pod.node else { continue };
                // A placed pod holds its node (resources, MAX_PER slots) even while restarting; only a
                // replace clears `node` and so frees it.
                let (cpus, mem) = spec
                    .pods
                    .get(&pod.pod_type)
                    .map(|p| pod_resources(p, &p.tasks.keys().cloned().collect::<Vec<_>>()))
                    .unwrap_or((0.0, 0));
                let ports: Vec<u16> = pod
                    .tasks
                    .values()
                    .chain(pod.retired.iter())
                    .filter(|t| t.wanted || t.may_be_running())
                    .flat_map(|t| t.ports.values().copied())
                    .collect();
                usage.add(
                    node,
                    PodKey {
                        service: svc.name.clone(),
                        pod_type: pod.pod_type.clone(),
                        index: pod.index,
                    },
                    Resources {
                        cpus,
                        mem_mb: mem,
                        disk_mb: 0,
                    },
                    &ports,
                );
            }
        }
        usage
    }

    pub(super) fn add(&mut self, node: &str, key: PodKey, res: Resources, ports: &[u16]) {
        let entries = self.pods.entry(node.to_string()).or_default();
        entries.retain(|(k, _, _)| k != &key);
        entries.push((key, res, ports.to_vec()));
    }

    pub(super) fn node_info(
        &self,
        agent: &crate::scheduler::state::AgentRecord,
        exclude: &PodKey,
    ) -> NodeInfo {
        let mut n = NodeInfo::new(
            agent.info.node_id.clone(),
            String::new(),
            Resources {
                cpus: agent.info.cpus,
                mem_mb: agent.info.mem_mb,
                disk_mb: agent.info.disk_mb,
            },
        );
        n.topology = agent.info.topology.clone();
        n.healthy = agent.status == AgentStatus::Active;
        for (key, res, ports) in self.pods.get(&agent.info.node_id).into_iter().flatten() {
            if key == exclude {
                continue;
            }
            n.used.cpus += res.cpus;
            n.used.mem_mb += res.mem_mb;
            n.used.disk_mb += res.disk_mb;
            n.used_ports.extend(ports.iter().copied());
            n.pods.push(key.clone());
        }
        n
    }

    /// The cluster as placement sees it, without the pod being placed (so a re-placement does not count
    /// against itself), with the nodes being drained marked.
    pub(super) fn view(
        &self,
        agents: &[crate::scheduler::state::AgentRecord],
        exclude: &PodKey,
        draining: &std::collections::BTreeSet<String>,
    ) -> Result<ClusterView, String> {
        let nodes = agents.iter().map(|a| {
            let mut n = self.node_info(a, exclude);
            n.draining = draining.contains(&n.id);
            n
        });
        ClusterView::new(nodes.collect()).map_err(|e| e.to_string())
    }

    /// Host ports for a pod staying on `node` (a restart in place): fixed ones as asked, dynamic ones from the
    /// node's free range.
    pub(super) fn assign_ports(
        &self,
        agents: &[crate::scheduler::state::AgentRecord],
        node: &str,
        wanted: &[(String, String, u16)],
        exclude: &PodKey,
    ) -> Vec<u16> {
        let requested: Vec<u16> = wanted.iter().map(|(_, _, p)| *p).collect();
        match agents.iter().find(|a| a.info.node_id == node) {
            Some(a) => placement::filter::assign_ports(&self.node_info(a, exclude), &requested),
            None => requested,
        }
    }
}
