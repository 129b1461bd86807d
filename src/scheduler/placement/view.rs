//! The cluster snapshot placement works on: nodes with their topology, capacity, usage and the pods
//! already on them. Topology labels are interned once per view so the hot loop compares integers
//! instead of strings, and nodes are visited in an order that alternates racks so any stretch of
//! the scan sees every rack.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

/// The shared node topology; [`TopologyIds`] is its interned form.
use crate::api::topology::Topology;
use crate::spec::NodeAttributes;
use crate::volume::NodeId;

/// The default dynamic port range of an agent (the Mesos agent default), from which `port: 0`
/// requests are served.
pub const DEFAULT_PORT_RANGE: (u16, u16) = (31000, 32000);

/// A quantity of the resources placement accounts for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Resources {
    pub cpus: f64,
    pub mem_mb: u64,
    pub disk_mb: u64,
}

/// A pod instance's identity across services.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PodKey {
    pub service: String,
    pub pod_type: String,
    pub index: u32,
}

/// One node as the scheduler sees it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeInfo {
    pub id: NodeId,
    /// Hostname, region, zone, rack and attributes; also reachable as `node.rack` and so on.
    #[serde(flatten)]
    pub topology: Topology,
    /// Holds its lease. Unhealthy nodes get no pods and do not pin volumes.
    pub healthy: bool,
    /// Drained for maintenance (`pxfw node drain`): it keeps what it runs until moved, but gets no
    /// new pod. Unlike an unhealthy node it still pins its volumes and counts for spread.
    #[serde(default)]
    pub draining: bool,
    pub total: Resources,
    pub used: Resources,
    #[serde(default)]
    pub used_ports: BTreeSet<u16>,
    /// Inclusive range dynamic ports are taken from.
    #[serde(default = "default_port_range")]
    pub port_range: (u16, u16),
    /// Live pods on the node (terminal ones are left out: they must not count for MAX_PER).
    #[serde(default)]
    pub pods: Vec<PodKey>,
}

fn default_port_range() -> (u16, u16) {
    DEFAULT_PORT_RANGE
}

impl NodeInfo {
    /// A healthy, empty node with the given capacity and no topology beyond its hostname.
    pub fn new(id: impl Into<String>, hostname: impl Into<String>, total: Resources) -> NodeInfo {
        NodeInfo {
            id: id.into(),
            topology: Topology::new(hostname),
            healthy: true,
            draining: false,
            total,
            used: Resources::default(),
            used_ports: BTreeSet::new(),
            port_range: DEFAULT_PORT_RANGE,
            pods: Vec::new(),
        }
    }

    /// What is left to allocate.
    pub fn free(&self) -> Resources {
        Resources {
            cpus: self.total.cpus - self.used.cpus,
            mem_mb: self.total.mem_mb.saturating_sub(self.used.mem_mb),
            disk_mb: self.total.disk_mb.saturating_sub(self.used.disk_mb),
        }
    }
}

/// A node is its topology plus its load: placement code reads `node.rack`, `node.hostname`, … as if
/// they were its own fields.
impl std::ops::Deref for NodeInfo {
    type Target = Topology;
    fn deref(&self) -> &Topology {
        &self.topology
    }
}

impl std::ops::DerefMut for NodeInfo {
    fn deref_mut(&mut self) -> &mut Topology {
        &mut self.topology
    }
}

/// Constraints read the node through the one lookup of `api::topology::Topology` (its rack rule
/// included).
impl NodeAttributes for NodeInfo {
    fn hostname(&self) -> &str {
        &self.topology.hostname
    }
    fn zone(&self) -> Option<&str> {
        self.topology.zone.as_deref()
    }
    fn region(&self) -> Option<&str> {
        self.topology.region.as_deref()
    }
    fn attribute(&self, name: &str) -> Option<&str> {
        self.topology.attribute(name)
    }
}

/// A node's topology as interned ids; 0 means "no label at this level". Ids are hierarchical:
/// the same zone name in two regions, or rack name in two zones, are different ids (as in Stork).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TopologyIds {
    pub region: u32,
    pub zone: u32,
    pub rack: u32,
}

/// Why a view could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ViewError {
    #[error("node id `{0}` appears twice in the cluster view; node ids must be unique")]
    DuplicateNode(String),
    #[error("node `{id}` has invalid cpus {cpus} (total and used must be finite and not negative)")]
    BadCpus { id: String, cpus: f64 },
    #[error("node `{id}` has port range {lo}-{hi}; the first port must not exceed the last")]
    BadPortRange { id: String, lo: u16, hi: u16 },
}

/// The snapshot: nodes plus the indexes placement needs.
#[derive(Debug, Clone)]
pub struct ClusterView {
    nodes: Vec<NodeInfo>,
    by_id: HashMap<NodeId, usize>,
    topology: Vec<TopologyIds>,
    /// Number of distinct ids per level, id 0 included.
    zones: usize,
    racks: usize,
    scan_order: Vec<u32>,
}

impl ClusterView {
    pub fn new(nodes: Vec<NodeInfo>) -> Result<ClusterView, ViewError> {
        let mut by_id = HashMap::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            if by_id.insert(n.id.clone(), i).is_some() {
                return Err(ViewError::DuplicateNode(n.id.clone()));
            }
            for cpus in [n.total.cpus, n.used.cpus] {
                if !cpus.is_finite() || cpus < 0.0 {
                    return Err(ViewError::BadCpus {
                        id: n.id.clone(),
                        cpus,
                    });
                }
            }
            if n.port_range.0 > n.port_range.1 {
                return Err(ViewError::BadPortRange {
                    id: n.id.clone(),
                    lo: n.port_range.0,
                    hi: n.port_range.1,
                });
            }
        }
        let mut regions = Interner::default();
        let mut zones = Interner::default();
        let mut racks = Interner::default();
        let topology: Vec<TopologyIds> = nodes
            .iter()
            .map(|n| {
                let region = n.region.as_deref().unwrap_or("");
                let zone = n.zone.as_deref().map(|z| format!("{region}\u{0}{z}"));
                let rack = n
                    .rack
                    .as_deref()
                    .map(|r| format!("{region}\u{0}{}\u{0}{r}", n.zone.as_deref().unwrap_or("")));
                TopologyIds {
                    region: n.region.as_deref().map_or(0, |r| regions.id(r)),
                    zone: zone.map_or(0, |z| zones.id(&z)),
                    rack: rack.map_or(0, |r| racks.id(&r)),
                }
            })
            .collect();
        let scan_order = interleave_by_rack(&topology, racks.len());
        Ok(ClusterView {
            zones: zones.len(),
            racks: racks.len(),
            nodes,
            by_id,
            topology,
            scan_order,
        })
    }

    pub fn nodes(&self) -> &[NodeInfo] {
        &self.nodes
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn node(&self, id: &str) -> Option<&NodeInfo> {
        self.index_of(id).map(|i| &self.nodes[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub(super) fn topology(&self, index: usize) -> TopologyIds {
        self.topology[index]
    }

    pub(super) fn rack_buckets(&self) -> usize {
        self.racks
    }

    pub(super) fn zone_buckets(&self) -> usize {
        self.zones
    }

    pub(super) fn scan_order(&self) -> &[u32] {
        &self.scan_order
    }

    /// Records a placed pod on node `index`: its resources, ports and identity.
    pub(super) fn commit(
        &mut self,
        index: usize,
        pod: PodKey,
        resources: Resources,
        ports: &[u16],
    ) {
        let node = &mut self.nodes[index];
        node.used.cpus += resources.cpus;
        node.used.mem_mb += resources.mem_mb;
        node.used.disk_mb += resources.disk_mb;
        node.used_ports.extend(ports.iter().copied());
        node.pods.push(pod);
    }
}

/// Dense ids for strings; id 0 is reserved for "absent".
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn id(&mut self, key: &str) -> u32 {
        let next = self.0.len() as u32 + 1;
        *self.0.entry(key.to_owned()).or_insert(next)
    }

    fn len(&self) -> usize {
        self.0.len() + 1
    }
}

/// Node indices ordered rack by rack in turn (first node of each rack, then the second, …).
fn interleave_by_rack(topology: &[TopologyIds], racks: usize) -> Vec<u32> {
    let mut per_rack: Vec<Vec<u32>> = vec![Vec::new(); racks];
    for (i, t) in topology.iter().enumerate() {
        per_rack[t.rack as usize].push(i as u32);
    }
    let longest = per_rack.iter().map(Vec::len).max().unwrap_or(0);
    let mut order = Vec::with_capacity(topology.len());
    for k in 0..longest {
        order.extend(per_rack.iter().filter_map(|r| r.get(k)));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, rack: &str) -> NodeInfo {
        let mut n = NodeInfo::new(id, id, Resources::default());
        n.rack = Some(rack.into());
        n.zone = Some("z".into());
        n
    }

    #[test]
    fn rejects_duplicate_ids() {
        let err = ClusterView::new(vec![node("a", "r1"), node("a", "r2")]).unwrap_err();
        assert_eq!(err, ViewError::DuplicateNode("a".into()));
        let mut bad = node("b", "r1");
        bad.total.cpus = f64::NAN;
        assert!(ClusterView::new(vec![bad]).is_err());
    }

    #[test]
    fn scan_alternates_racks() {
        let v = ClusterView::new(vec![
            node("a", "r1"),
            node("b", "r1"),
            node("c", "r2"),
            node("d", "r2"),
            node("e", "r3"),
        ])
        .unwrap();
        let ids: Vec<&str> = v
            .scan_order()
            .iter()
            .map(|&i| v.nodes()[i as usize].id.as_str())
            .collect();
        assert_eq!(ids, ["a", "c", "e", "b", "d"]);
    }

    #[test]
    fn rack_is_hierarchical_and_exposed_as_attribute() {
        let mut x = node("x", "r1");
        x.zone = Some("z2".into());
        let v = ClusterView::new(vec![node("a", "r1"), x.clone()]).unwrap();
        assert_ne!(
            v.topology(0).rack,
            v.topology(1).rack,
            "same rack name, other zone"
        );
        assert_eq!(x.attribute("rack"), Some("r1"));
        x.attributes.insert("rack".into(), "explicit".into());
        assert_eq!(x.attribute("rack"), Some("explicit"));
    }
}
