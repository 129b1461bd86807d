//! Filters: yes/no questions about one node for one pod. Each is a small function returning the
//! [`Reason`] it failed with; the reasons carry numbers and indices rather than text so the hot
//! loop allocates nothing (the placement rule's own rejection is the one exception, and only
//! rejected nodes pay for it). Text is made only when explaining a failure.

use std::collections::BTreeSet;

use super::PodRequest;
use super::view::{ClusterView, NodeInfo};
use crate::spec::{Rejection, Tally};

/// Why a node cannot take the pod, in pipeline order: feasibility (health, avoid list, volumes,
/// constraints) before fit (resources).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Unhealthy,
    /// Drained for maintenance (`pxfw node drain`).
    Draining,
    /// Listed in the request's `avoid` (the node a `pod replace` moves away from).
    Avoided,
    /// Volume `volume` (index into the request's volumes) is attached to healthy node `node`
    /// (a view index), so it cannot be used anywhere else.
    VolumeAttached {
        volume: usize,
        node: usize,
    },
    /// A row of the pod's placement rule rejects the node.
    Rule(Rejection),
    Cpus {
        need: f64,
        free: f64,
    },
    Memory {
        need: u64,
        free: u64,
    },
    Disk {
        need: u64,
        free: u64,
    },
    PortInUse(u16),
    NoFreePorts {
        need: usize,
        free: usize,
    },
}

impl Reason {
    /// The class text after the count in the one-line summary: `violate hostname:MAX_PER:1`,
    /// `lack 4096 MB memory`.
    pub fn class(&self, request: &PodRequest, view: &ClusterView) -> String {
        match self {
            Reason::Unhealthy => "are not healthy".to_owned(),
            Reason::Draining => "are draining".to_owned(),
            Reason::Avoided => "are excluded by the replace request".to_owned(),
            Reason::VolumeAttached { volume, node } => format!(
                "cannot use volume {} (attached to healthy node {})",
                request.volumes[*volume].volume,
                view.nodes()[*node].id
            ),
            Reason::Rule(r) => format!("violate {}", r.rule),
            Reason::Cpus { need, .. } => format!("lack {need} cpus"),
            Reason::Memory { need, .. } => format!("lack {need} MB memory"),
            Reason::Disk { need, .. } => format!("lack {need} MB disk"),
            Reason::PortInUse(p) => format!("have port {p} in use"),
            Reason::NoFreePorts { need, .. } => format!("lack {need} free ports"),
        }
    }

    /// The per-node text: the class plus what this node has.
    pub fn detail(&self, request: &PodRequest, view: &ClusterView) -> String {
        match self {
            Reason::Rule(r) => r.to_string(),
            Reason::Cpus { free, .. } => {
                format!("{} ({} free)", self.class(request, view), trim(*free))
            }
            Reason::Memory { free, .. } => {
                format!("{} ({free} MB free)", self.class(request, view))
            }
            Reason::Disk { free, .. } => format!("{} ({free} MB free)", self.class(request, view)),
            Reason::NoFreePorts { free, .. } => {
                format!("{} ({free} free)", self.class(request, view))
            }
            _ => self.class(request, view),
        }
    }
}

/// Cpus print like `0.5`, not `0.49999999999999994`.
fn trim(cpus: f64) -> f64 {
    (cpus * 1000.0).round() / 1000.0
}

/// Slack for float sums of cpus (0.1 + 0.2 ≠ 0.3).
const CPU_EPSILON: f64 = 1e-9;

/// The node holds its lease.
pub fn healthy(node: &NodeInfo) -> Result<(), Reason> {
    if node.healthy {
        Ok(())
    } else {
        Err(Reason::Unhealthy)
    }
}

/// The node is not drained for maintenance: an operator emptying it must not see pods arrive.
pub fn not_draining(node: &NodeInfo) -> Result<(), Reason> {
    if node.draining {
        Err(Reason::Draining)
    } else {
        Ok(())
    }
}

/// The node is not on the avoid list (view indices of the request's `avoid`).
pub fn not_avoided(index: usize, avoid: &[usize]) -> Result<(), Reason> {
    if avoid.contains(&index) {
        Err(Reason::Avoided)
    } else {
        Ok(())
    }
}

/// Every volume attached to a healthy node pins the pod to that node: a volume is attached on at
/// most one node at a time, and only a lost node's attachment may be taken over.
/// `pins` lists (volume index, node index) for such volumes.
pub fn volumes_attachable(index: usize, pins: &[(usize, usize)]) -> Result<(), Reason> {
    match pins.iter().find(|(_, node)| *node != index) {
        Some(&(volume, node)) => Err(Reason::VolumeAttached { volume, node }),
        None => Ok(()),
    }
}

/// The pod's placement rule, counted against the live pods of its type.
pub fn rule(tally: Option<&Tally<'_>>, node: &NodeInfo) -> Result<(), Reason> {
    match tally {
        Some(t) => t.check(node).map_err(Reason::Rule),
        None => Ok(()),
    }
}

/// Cpus, memory and disk fit in what is left.
pub fn resources(node: &NodeInfo, request: &PodRequest) -> Result<(), Reason> {
    let need = request.resources;
    let free_cpus = node.total.cpus - node.used.cpus;
    if need.cpus > free_cpus + CPU_EPSILON {
        return Err(Reason::Cpus {
            need: need.cpus,
            free: free_cpus.max(0.0),
        });
    }
    let free = node.free();
    if need.mem_mb > free.mem_mb {
        return Err(Reason::Memory {
            need: need.mem_mb,
            free: free.mem_mb,
        });
    }
    if need.disk_mb > free.disk_mb {
        return Err(Reason::Disk {
            need: need.disk_mb,
            free: free.disk_mb,
        });
    }
    Ok(())
}

/// Fixed ports are free on the node, and enough ports of its dynamic range are left for the
/// `0` (any) ports.
pub fn ports(node: &NodeInfo, request: &PodRequest) -> Result<(), Reason> {
    if request.ports.is_empty() {
        return Ok(());
    }
    if let Some(p) = request
        .ports
        .iter()
        .find(|p| **p != 0 && node.used_ports.contains(p))
    {
        return Err(Reason::PortInUse(*p));
    }
    let dynamic = request.ports.iter().filter(|p| **p == 0).count();
    if dynamic == 0 {
        return Ok(());
    }
    let free = free_dynamic_ports(node, &request.ports).count();
    if free < dynamic {
        return Err(Reason::NoFreePorts {
            need: dynamic,
            free,
        });
    }
    Ok(())
}

/// Ports of the node's dynamic range that are neither used nor asked for as fixed ports.
pub fn free_dynamic_ports<'a>(
    node: &'a NodeInfo,
    requested: &'a [u16],
) -> impl Iterator<Item = u16> + 'a {
    let (lo, hi) = node.port_range;
    (lo..=hi).filter(move |p| !node.used_ports.contains(p) && !requested.contains(p))
}

/// The ports the pod gets on `node`: fixed ones as asked, each `0` replaced by the lowest free
/// port of the dynamic range.
pub fn assign_ports(node: &NodeInfo, requested: &[u16]) -> Vec<u16> {
    let mut free = free_dynamic_ports(node, requested);
    let mut taken = BTreeSet::new();
    requested
        .iter()
        .map(|&p| {
            if p != 0 {
                p
            } else {
                let port = free.find(|f| !taken.contains(f)).unwrap_or(0);
                taken.insert(port);
                port
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::view::{NodeInfo, Resources};
    use super::super::{PodRequest, VolumeLocality};
    use super::*;
    use crate::spec::PlacementRule;

    fn node() -> NodeInfo {
        NodeInfo::new(
            "n1",
            "h1",
            Resources {
                cpus: 2.0,
                mem_mb: 4096,
                disk_mb: 10_000,
            },
        )
    }

    fn request(cpus: f64, mem_mb: u64, disk_mb: u64) -> PodRequest {
        let mut r = PodRequest::new("svc", "node", 0);
        r.resources = Resources {
            cpus,
            mem_mb,
            disk_mb,
        };
        r
    }

    #[test]
    fn healthy_filter() {
        let mut n = node();
        assert!(healthy(&n).is_ok());
        n.healthy = false;
        assert_eq!(healthy(&n), Err(Reason::Unhealthy));
    }

    #[test]
    fn avoid_filter() {
        assert_eq!(not_avoided(3, &[1, 3]), Err(Reason::Avoided));
        assert!(not_avoided(2, &[1, 3]).is_ok());
    }

    #[test]
    fn volume_pin_filter() {
        assert!(volumes_attachable(4, &[]).is_ok());
        assert!(volumes_attachable(4, &[(0, 4), (1, 4)]).is_ok());
        assert_eq!(
            volumes_attachable(2, &[(0, 4)]),
            Err(Reason::VolumeAttached { volume: 0, node: 4 })
        );
    }

    #[test]
    fn resources_filter_names_the_short_resource() {
        let mut n = node();
        n.used.cpus = 1.7;
        assert!(
            resources(&n, &request(0.3, 100, 100)).is_ok(),
            "float slack"
        );
        assert!(matches!(
            resources(&n, &request(0.5, 1, 1)),
            Err(Reason::Cpus { .. })
        ));
        assert_eq!(
            resources(&node(), &request(1.0, 8192, 1)),
            Err(Reason::Memory {
                need: 8192,
                free: 4096
            })
        );
        assert!(matches!(
            resources(&node(), &request(1.0, 1, 20_000)),
            Err(Reason::Disk { .. })
        ));
    }

    #[test]
    fn ports_filter_and_assignment() {
        let mut n = node();
        n.port_range = (100, 102);
        n.used_ports.insert(9042);
        n.used_ports.insert(101);
        let mut r = request(0.1, 1, 1);
        r.ports = vec![9042];
        assert_eq!(ports(&n, &r), Err(Reason::PortInUse(9042)));
        r.ports = vec![7000, 0, 0];
        assert!(ports(&n, &r).is_ok());
        assert_eq!(assign_ports(&n, &r.ports), [7000, 100, 102]);
        r.ports = vec![0, 0, 0];
        assert_eq!(ports(&n, &r), Err(Reason::NoFreePorts { need: 3, free: 2 }));
    }

    #[test]
    fn rule_filter_uses_the_tally() {
        let rule = PlacementRule::parse(r#"[["hostname","MAX_PER","1"]]"#).unwrap();
        let placed = [node()];
        let tally = rule.tally(placed.iter());
        let err = super::rule(Some(&tally), &node()).unwrap_err();
        assert!(matches!(&err, Reason::Rule(r) if r.rule == "hostname:MAX_PER:1"));
        let mut other = node();
        other.hostname = "h2".into();
        assert!(super::rule(Some(&tally), &other).is_ok());
        assert!(super::rule(None, &node()).is_ok());
    }

    #[test]
    fn class_text() {
        let view = ClusterView::new(vec![node()]).unwrap();
        let mut r = request(1.0, 4096, 0);
        r.volumes.push(VolumeLocality {
            volume: "data-0".into(),
            replicas: vec![],
            attached_to: Some("n1".into()),
        });
        assert_eq!(
            Reason::Memory {
                need: 4096,
                free: 1024
            }
            .class(&r, &view),
            "lack 4096 MB memory"
        );
        assert_eq!(
            Reason::Memory {
                need: 4096,
                free: 1024
            }
            .detail(&r, &view),
            "lack 4096 MB memory (1024 MB free)"
        );
        assert_eq!(
            Reason::VolumeAttached { volume: 0, node: 0 }.class(&r, &view),
            "cannot use volume data-0 (attached to healthy node n1)"
        );
    }
}
