//! Scorers: how good a feasible node is, each on a 0–100 scale so weights mean what they say
//! (the Kubernetes scoring-plugin convention). The total is the weighted mean
//! `(4·locality + 2·spread + 1·least-loaded) / 7`: data locality first (the convergence
//! promise), then spreading the pod type, then balancing load.

use serde::Serialize;

use super::view::{NodeInfo, Resources, TopologyIds};

pub const LOCALITY_WEIGHT: f64 = 4.0;
pub const SPREAD_WEIGHT: f64 = 2.0;
pub const LEAST_LOADED_WEIGHT: f64 = 1.0;

/// Stork's per-volume points (contracts/portworx-openstorage.md §4.1).
pub const REPLICA_NODE_POINTS: f64 = 100.0;
pub const SAME_RACK_POINTS: f64 = 50.0;
pub const SAME_ZONE_POINTS: f64 = 25.0;
pub const SAME_REGION_POINTS: f64 = 10.0;

/// Which scorer a [`ScoreComponent`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scorer {
    Locality,
    Spread,
    LeastLoaded,
}

/// One scorer's contribution to the chosen node's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreComponent {
    pub scorer: Scorer,
    pub weight: f64,
    /// 0–100.
    pub score: f64,
}

/// The weighted mean of the three scores.
pub fn combine(locality: f64, spread: f64, least_loaded: f64) -> f64 {
    (LOCALITY_WEIGHT * locality + SPREAD_WEIGHT * spread + LEAST_LOADED_WEIGHT * least_loaded)
        / (LOCALITY_WEIGHT + SPREAD_WEIGHT + LEAST_LOADED_WEIGHT)
}

/// The nodes holding one volume's replicas (healthy ones only: an offline node's neighbours are
/// not favoured), as view index and topology.
pub type Replicas = Vec<(usize, TopologyIds)>;

/// Stork's points of `candidate` for one volume: 100 on a replica node, else 50 in a replica's
/// rack, 25 in its zone, 10 in its region. Levels nest region → zone → rack, and a label the
/// candidate lacks matches anything at that level but earns no points there, so a node with no
/// topology at all scores only as a replica node.
pub fn volume_points(
    index: usize,
    candidate: TopologyIds,
    replicas: &[(usize, TopologyIds)],
) -> f64 {
    let mut best: f64 = 0.0;
    for &(replica, r) in replicas {
        if replica == index {
            return REPLICA_NODE_POINTS;
        }
        let region = candidate.region == 0 || candidate.region == r.region;
        let zone = region && (candidate.zone == 0 || candidate.zone == r.zone);
        let rack = zone && (candidate.rack == 0 || candidate.rack == r.rack);
        let points = if rack && candidate.rack != 0 {
            SAME_RACK_POINTS
        } else if zone && candidate.zone != 0 {
            SAME_ZONE_POINTS
        } else if region && candidate.region != 0 {
            SAME_REGION_POINTS
        } else {
            0.0
        };
        best = best.max(points);
    }
    best
}

/// Replica locality: the volumes' points summed, as a share of the best possible (every volume
/// on this node). A pod without volumes scores 0 everywhere, which leaves the ranking to the
/// other scorers.
pub fn locality(index: usize, candidate: TopologyIds, volumes: &[Replicas]) -> f64 {
    if volumes.is_empty() {
        return 0.0;
    }
    let sum: f64 = volumes
        .iter()
        .map(|v| volume_points(index, candidate, v))
        .sum();
    100.0 * sum / (REPLICA_NODE_POINTS * volumes.len() as f64)
}

/// How many pods of one type sit in each rack and zone (by interned id), and the fewest/most over
/// the racks and zones that have a healthy node.
#[derive(Debug, Clone)]
pub struct SpreadCounts {
    rack: Vec<u32>,
    zone: Vec<u32>,
    live_rack: Vec<bool>,
    live_zone: Vec<bool>,
    rack_range: (u32, u32),
    zone_range: (u32, u32),
}

impl SpreadCounts {
    /// Empty counts for a view with these bucket counts; `live` lists the topology of healthy nodes.
    pub fn new(
        racks: usize,
        zones: usize,
        live: impl Iterator<Item = TopologyIds>,
    ) -> SpreadCounts {
        let mut live_rack = vec![false; racks];
        let mut live_zone = vec![false; zones];
        for t in live {
            live_rack[t.rack as usize] = true;
            live_zone[t.zone as usize] = true;
        }
        SpreadCounts {
            rack: vec![0; racks],
            zone: vec![0; zones],
            live_rack,
            live_zone,
            rack_range: (0, 0),
            zone_range: (0, 0),
        }
    }

    /// Counts one more pod at `t`. Call [`SpreadCounts::refresh`] before scoring again.
    pub fn record(&mut self, t: TopologyIds) {
        self.rack[t.rack as usize] += 1;
        self.zone[t.zone as usize] += 1;
    }

    /// Recomputes the fewest/most pods per live rack and zone.
    pub fn refresh(&mut self) {
        self.rack_range = range(&self.rack, &self.live_rack);
        self.zone_range = range(&self.zone, &self.live_zone);
    }
}

fn range(counts: &[u32], live: &[bool]) -> (u32, u32) {
    let mut it = counts
        .iter()
        .zip(live)
        .filter(|(_, l)| **l)
        .map(|(c, _)| *c);
    let first = it.next().unwrap_or(0);
    it.fold((first, first), |(lo, hi), c| (lo.min(c), hi.max(c)))
}

/// 100 for the emptiest bucket down to 0 for the fullest.
fn evenness(count: u32, (lo, hi): (u32, u32)) -> f64 {
    if hi <= lo {
        100.0
    } else {
        100.0 * f64::from(hi.saturating_sub(count)) / f64::from(hi - lo)
    }
}

/// Spread of the pod type: racks first (two thirds), then zones (one third).
pub fn spread(candidate: TopologyIds, counts: &SpreadCounts) -> f64 {
    let rack = evenness(counts.rack[candidate.rack as usize], counts.rack_range);
    let zone = evenness(counts.zone[candidate.zone as usize], counts.zone_range);
    (2.0 * rack + zone) / 3.0
}

/// Least loaded: the mean share of cpus, memory and disk still free after placing `need`.
/// Resources the node does not have (total 0) are left out.
pub fn least_loaded(node: &NodeInfo, need: Resources) -> f64 {
    let mut sum = 0.0;
    let mut parts = 0.0;
    let mut add = |total: f64, used: f64, need: f64| {
        if total > 0.0 {
            sum += ((total - used - need) / total).clamp(0.0, 1.0);
            parts += 1.0;
        }
    };
    add(node.total.cpus, node.used.cpus, need.cpus);
    add(
        node.total.mem_mb as f64,
        node.used.mem_mb as f64,
        need.mem_mb as f64,
    );
    add(
        node.total.disk_mb as f64,
        node.used.disk_mb as f64,
        need.disk_mb as f64,
    );
    if parts == 0.0 {
        0.0
    } else {
        100.0 * sum / parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(region: u32, zone: u32, rack: u32) -> TopologyIds {
        TopologyIds { region, zone, rack }
    }

    #[test]
    fn stork_points() {
        let replicas = [(7, t(1, 1, 1))];
        assert_eq!(volume_points(7, t(1, 1, 1), &replicas), 100.0);
        assert_eq!(volume_points(8, t(1, 1, 1), &replicas), 50.0);
        assert_eq!(volume_points(8, t(1, 1, 2), &replicas), 25.0);
        assert_eq!(volume_points(8, t(1, 2, 3), &replicas), 10.0);
        assert_eq!(volume_points(8, t(2, 3, 4), &replicas), 0.0);
        assert_eq!(
            volume_points(8, t(0, 0, 0), &replicas),
            0.0,
            "no labels: replica only"
        );
        assert_eq!(
            volume_points(8, t(1, 0, 0), &replicas),
            10.0,
            "missing zone is a wildcard"
        );
    }

    #[test]
    fn locality_is_a_share_of_all_volumes() {
        let a = vec![(1, t(1, 1, 1))];
        let b = vec![(2, t(1, 1, 2))];
        assert_eq!(locality(1, t(1, 1, 1), &[a, b]), 62.5, "100 + 25 of 200");
        assert_eq!(locality(1, t(1, 1, 1), &[]), 0.0);
    }

    #[test]
    fn spread_prefers_empty_racks_then_zones() {
        let live = [t(1, 1, 1), t(1, 1, 2), t(1, 2, 3)];
        let mut c = SpreadCounts::new(4, 3, live.into_iter());
        c.refresh();
        assert_eq!(spread(t(1, 1, 1), &c), 100.0);
        c.record(t(1, 1, 1));
        c.refresh();
        assert_eq!(spread(t(1, 1, 1), &c), 0.0);
        assert!(
            spread(t(1, 2, 3), &c) > spread(t(1, 1, 2), &c),
            "other zone wins the tie"
        );
    }

    #[test]
    fn least_loaded_share() {
        let mut n = NodeInfo::new(
            "n",
            "h",
            Resources {
                cpus: 4.0,
                mem_mb: 1000,
                disk_mb: 0,
            },
        );
        n.used.cpus = 2.0;
        let need = Resources {
            cpus: 1.0,
            mem_mb: 500,
            disk_mb: 0,
        };
        assert_eq!(least_loaded(&n, need), 100.0 * (0.25 + 0.5) / 2.0);
    }

    #[test]
    fn weights_favour_locality() {
        assert!(combine(100.0, 0.0, 0.0) > combine(0.0, 100.0, 100.0));
    }
}
