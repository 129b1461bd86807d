//! Choosing which nodes hold a volume's replicas: a pure function shared by the local driver, the
//! Portworx driver (which sends the choice as `spec.replica_set.nodes`) and the OpenStorage fake.
//!
//! Rules, in priority order, for each replica after the first:
//! 1. stay in the first replica's region (Portworx keeps replicas within a region);
//! 2. a rack no replica uses yet, then a node whose rack is unknown, then a used rack;
//! 3. likewise for zones;
//! 4. the node holding the fewest replicas already (`load`);
//! 5. the node id, so the result is deterministic.
//!
//! Racks and zones are compared hierarchically, `region/zone/rack`, as Stork does: `rack-1` in two zones
//! is two racks.

use std::collections::BTreeMap;

use super::{NodeId, NodeTopology, VolumeError};

/// The nodes a new volume may use, and the node its pod is placed on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplicaCandidates {
    /// The node the pod is placed on: it gets the first replica, so the pod starts next to its data.
    pub preferred: Option<NodeId>,
    /// Every eligible node (healthy agents) with its topology.
    pub nodes: Vec<NodeTopology>,
}

impl ReplicaCandidates {
    pub fn new(nodes: Vec<NodeTopology>) -> Self {
        ReplicaCandidates {
            preferred: None,
            nodes,
        }
    }
    pub fn preferring(mut self, node: impl Into<NodeId>) -> Self {
        self.preferred = Some(node.into());
        self
    }
}

/// Picks `repl` distinct nodes: the explicitly requested ones (`nodes=` option) first, then the preferred
/// node, then the rack-spread rest (see the module doc). Fails when fewer than `repl` nodes are eligible
/// or when a requested node is not eligible.
pub fn choose_replicas(
    volume: &str,
    repl: u32,
    explicit: &[NodeId],
    placement: &ReplicaCandidates,
    load: &BTreeMap<NodeId, usize>,
) -> Result<Vec<NodeId>, VolumeError> {
    let mut candidates: BTreeMap<&str, &NodeTopology> = BTreeMap::new();
    for node in &placement.nodes {
        candidates.entry(node.id.as_str()).or_insert(node);
    }
    let want = repl.max(1) as usize;
    if candidates.len() < want {
        return Err(VolumeError::NotEnoughNodes {
            name: volume.to_owned(),
            repl: repl.max(1),
            available: candidates.len(),
        });
    }
    let mut chosen: Vec<&NodeTopology> = Vec::with_capacity(want);
    let required = explicit
        .iter()
        .map(|id| (id, "is listed in the volume's `nodes=` option"))
        .chain(
            placement
                .preferred
                .iter()
                .map(|id| (id, "is the node the pod was placed on")),
        );
    for (id, why) in required {
        let node = candidates.get(id.as_str()).ok_or_else(|| {
            VolumeError::Placement(format!(
                "volume `{volume}`: node `{id}` {why} but is not an eligible node for a replica"
            ))
        })?;
        if chosen.len() < want && !chosen.iter().any(|c| c.id == node.id) {
            chosen.push(node);
        }
    }
    while chosen.len() < want {
        let next = candidates
            .values()
            .filter(|n| !chosen.iter().any(|c| c.id == n.id))
            .min_by_key(|n| rank(n, &chosen, load))
            .copied();
        match next {
            Some(n) => chosen.push(n),
            None => break,
        }
    }
    Ok(chosen.into_iter().map(|n| n.id.clone()).collect())
}

/// Freshness of a topology level: a value no replica uses (0), unknown (1), already used (2).
fn freshness(mine: Option<String>, used: impl Iterator<Item = Option<String>>) -> u8 {
    match mine {
        None => 1,
        Some(m) => {
            let mut used = used;
            if used.any(|u| u.as_deref() == Some(m.as_str())) {
                2
            } else {
                0
            }
        }
    }
}

fn zone_key(n: &NodeTopology) -> Option<String> {
    let zone = n.zone.as_deref()?;
    Some(format!("{}/{zone}", n.region.as_deref().unwrap_or("")))
}

fn rack_key(n: &NodeTopology) -> Option<String> {
    let rack = n.rack.as_deref()?;
    Some(format!(
        "{}/{}/{rack}",
        n.region.as_deref().unwrap_or(""),
        n.zone.as_deref().unwrap_or("")
    ))
}

fn rank<'a>(
    n: &'a NodeTopology,
    chosen: &[&NodeTopology],
    load: &BTreeMap<NodeId, usize>,
) -> (u8, u8, u8, usize, &'a str) {
    let region_mismatch = match (chosen.first().and_then(|c| c.region.as_deref()), &n.region) {
        (Some(anchor), Some(mine)) if anchor != mine => 1,
        _ => 0,
    };
    (
        region_mismatch,
        freshness(rack_key(n), chosen.iter().map(|c| rack_key(c))),
        freshness(zone_key(n), chosen.iter().map(|c| zone_key(c))),
        load.get(&n.id).copied().unwrap_or(0),
        n.id.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn five_nodes_three_racks() -> Vec<NodeTopology> {
        (1..=5)
            .map(|i| {
                NodeTopology::new(format!("node-{i}")).rack(format!("rack-{}", (i - 1) % 3 + 1))
            })
            .collect()
    }

    fn racks_of(nodes: &[NodeTopology], ids: &[NodeId]) -> BTreeSet<String> {
        ids.iter()
            .filter_map(|id| nodes.iter().find(|n| &n.id == id))
            .filter_map(|n| n.rack.clone())
            .collect()
    }

    #[test]
    fn three_replicas_on_three_racks_starting_at_the_pod_node() {
        let nodes = five_nodes_three_racks();
        let p = ReplicaCandidates::new(nodes.clone()).preferring("node-4"); // rack-1
        let r = choose_replicas("v", 3, &[], &p, &BTreeMap::new()).unwrap();
        assert_eq!(r[0], "node-4");
        assert_eq!(racks_of(&nodes, &r).len(), 3, "{r:?}");
    }

    #[test]
    fn load_breaks_ties_and_ids_make_it_deterministic() {
        let nodes = five_nodes_three_racks();
        let p = ReplicaCandidates::new(nodes);
        let mut load = BTreeMap::new();
        let first = choose_replicas("v", 1, &[], &p, &load).unwrap();
        assert_eq!(first, vec!["node-1".to_owned()]);
        load.insert("node-1".to_owned(), 3);
        let second = choose_replicas("v", 1, &[], &p, &load).unwrap();
        assert_eq!(second, vec!["node-2".to_owned()]);
    }

    #[test]
    fn region_is_kept_and_same_rack_name_in_two_zones_is_two_racks() {
        let nodes = vec![
            NodeTopology::new("a").rack("r1").zone("z1").region("eu"),
            NodeTopology::new("b").rack("r1").zone("z2").region("eu"),
            NodeTopology::new("c").rack("r9").zone("z9").region("us"),
        ];
        let p = ReplicaCandidates::new(nodes).preferring("a");
        let r = choose_replicas("v", 2, &[], &p, &BTreeMap::new()).unwrap();
        assert_eq!(r, vec!["a".to_owned(), "b".to_owned()]);
    }

    #[test]
    fn explicit_nodes_come_first_and_errors_are_clear() {
        let nodes = five_nodes_three_racks();
        let p = ReplicaCandidates::new(nodes.clone()).preferring("node-1");
        let r = choose_replicas("v", 2, &["node-5".into()], &p, &BTreeMap::new()).unwrap();
        assert_eq!(r, vec!["node-5".to_owned(), "node-1".to_owned()]);
        let e = choose_replicas("v", 6, &[], &p, &BTreeMap::new()).unwrap_err();
        assert!(
            e.to_string().contains("6 replicas") && e.to_string().contains("5"),
            "{e}"
        );
        let e = choose_replicas("v", 1, &["ghost".into()], &p, &BTreeMap::new()).unwrap_err();
        assert!(e.to_string().contains("ghost"), "{e}");
        let e = choose_replicas(
            "v",
            1,
            &[],
            &ReplicaCandidates::new(nodes).preferring("x"),
            &BTreeMap::new(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("`x`"), "{e}");
    }

    proptest! {
        /// Replicas are distinct, start at the preferred node, and cover as many racks as exist (up to repl).
        #[test]
        fn replicas_spread_over_as_many_racks_as_possible(
            racks in proptest::collection::vec(0u8..6, 1..12),
            repl in 1u32..4,
            preferred in 0usize..12,
        ) {
            let nodes: Vec<NodeTopology> = racks
                .iter()
                .enumerate()
                .map(|(i, r)| NodeTopology::new(format!("n{i}")).rack(format!("r{r}")))
                .collect();
            let pref = nodes[preferred % nodes.len()].id.clone();
            let p = ReplicaCandidates::new(nodes.clone()).preferring(pref.clone());
            match choose_replicas("v", repl, &[], &p, &BTreeMap::new()) {
                Ok(r) => {
                    prop_assert_eq!(r.len(), repl as usize);
                    prop_assert_eq!(&r[0], &pref);
                    let distinct: BTreeSet<_> = r.iter().collect();
                    prop_assert_eq!(distinct.len(), r.len());
                    let all_racks: BTreeSet<_> = racks.iter().collect();
                    prop_assert_eq!(racks_of(&nodes, &r).len(), all_racks.len().min(repl as usize));
                }
                Err(_) => prop_assert!(nodes.len() < repl as usize),
            }
        }
    }
}
