//! Placement: which node a pod instance should run on, as a pure function of a [`ClusterView`]
//! and a [`PodRequest`], in the style of Nomad's feasibility/rank iterators and the Kubernetes
//! scheduling framework's Filter/Score plugins.
//!
//! 1. **Prepare** (once per request): count the live pods of the type by constraint value
//!    ([`Tally`](crate::spec::Tally)) and by rack/zone; resolve the avoid list, the volumes'
//!    replica nodes, and any volume still attached to a healthy node (which pins the pod there).
//! 2. **Filter** ([`filter`]): healthy, not draining, not avoided, volumes attachable, placement rule,
//!    resources, ports.
//! 3. **Score** ([`score`]): replica locality, spread, least loaded; weighted mean; ties go to
//!    the smallest node id.
//! 4. **Explain** ([`Unplaceable`]): when nothing passes, every node's reasons, grouped by class.
//!
//! **Which nodes are looked at.** Nodes that hold a replica of the pod's volumes (or have it
//! attached) are always evaluated. The rest are visited in an order that alternates racks, from a
//! start derived from the pod's name, until enough feasible nodes were found — Kubernetes'
//! `percentageOfNodesToScore` rule (all nodes up to 100; 50% minus 1% per 125 nodes, at least 5%
//! and at least 100 feasible nodes). [`Sampling::Exhaustive`] scores every node. Either way the
//! result is deterministic, and a pod is only declared unplaceable after every node was checked.

pub mod explain;
pub mod filter;
pub mod score;
pub mod view;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

pub use explain::{NodeClass, NodeRejection, Unplaceable};
pub use score::{ScoreComponent, Scorer};
pub use view::{ClusterView, NodeInfo, PodKey, Resources, TopologyIds, ViewError};

use crate::spec::NodeAttributes;
use crate::spec::constraint::{Field, Operator};
use crate::spec::model::pod_instance_name;
use crate::spec::{PlacementRule, Tally};
use crate::volume::NodeId;
use filter::Reason;
use score::{Replicas, SpreadCounts};

/// Where one of the pod's volumes lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolumeLocality {
    pub volume: String,
    /// Nodes holding a replica of its data.
    pub replicas: Vec<NodeId>,
    /// The node it is attached to, if any. An attachment on a healthy node pins the pod there:
    /// detach first (after killing the tasks) to move the pod.
    pub attached_to: Option<NodeId>,
}

/// What one pod instance needs.
#[derive(Debug, Clone)]
pub struct PodRequest {
    pub service: String,
    pub pod_type: String,
    pub index: u32,
    pub resources: Resources,
    /// Host ports; `0` asks for any port of the node's dynamic range.
    pub ports: Vec<u16>,
    /// The pod type's placement rule (counted against live pods of the same service and type).
    pub rule: PlacementRule,
    pub volumes: Vec<VolumeLocality>,
    /// Nodes not to use, e.g. the node a `pod replace` moves the pod away from.
    pub avoid: Vec<NodeId>,
}

impl PodRequest {
    /// A request with no resources, ports, rule, volumes or avoid list.
    pub fn new(service: impl Into<String>, pod_type: impl Into<String>, index: u32) -> PodRequest {
        PodRequest {
            service: service.into(),
            pod_type: pod_type.into(),
            index,
            resources: Resources::default(),
            ports: Vec::new(),
            rule: PlacementRule::default(),
            volumes: Vec::new(),
            avoid: Vec::new(),
        }
    }

    /// `<podType>-<index>`.
    pub fn pod_instance(&self) -> String {
        pod_instance_name(&self.pod_type, self.index)
    }

    fn key(&self) -> PodKey {
        PodKey {
            service: self.service.clone(),
            pod_type: self.pod_type.clone(),
            index: self.index,
        }
    }
}

/// How many nodes to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sampling {
    /// Every node, every time.
    Exhaustive,
    /// Stop once this many feasible nodes (or the adaptive share of the cluster, if larger) were
    /// scored.
    Adaptive { min_feasible: usize },
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling::Adaptive { min_feasible: 100 }
    }
}

impl Sampling {
    /// Feasible nodes to find before stopping, for a cluster of `n` nodes.
    pub fn wanted(self, n: usize) -> usize {
        match self {
            Sampling::Exhaustive => n,
            Sampling::Adaptive { min_feasible } => {
                if n <= min_feasible {
                    return n;
                }
                let percent = 50usize.saturating_sub(n / 125).max(5);
                (n * percent / 100).max(min_feasible)
            }
        }
    }
}

/// The chosen node and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    pub node: NodeId,
    /// Weighted mean of the components, 0–100.
    pub score: f64,
    pub breakdown: Vec<ScoreComponent>,
    /// The host ports the pod gets, in request order (`0`s resolved).
    pub ports: Vec<u16>,
    /// Nodes evaluated, and how many of them were feasible.
    pub evaluated: usize,
    pub feasible: usize,
}

/// Places one pod with the default sampling.
pub fn place(view: &ClusterView, request: &PodRequest) -> Result<Placement, Unplaceable> {
    place_with(view, request, Sampling::default())
}

/// Places one pod.
pub fn place_with(
    view: &ClusterView,
    request: &PodRequest,
    sampling: Sampling,
) -> Result<Placement, Unplaceable> {
    let state = TypeState::new(view, &request.service, &request.pod_type, |i| {
        i == request.index
    });
    choose(view, request, &state, &mut RuledOut::default(), sampling)
}

/// Places pods one after the other, recording each success in `view` (resources, ports, pod) so
/// the next placement sees it. Meant for a batch of new pods; counts per pod type are kept
/// incrementally rather than recomputed from the view.
pub fn place_many(
    view: &mut ClusterView,
    requests: &[PodRequest],
    sampling: Sampling,
) -> Vec<Result<Placement, Unplaceable>> {
    let mut states: HashMap<(&str, &str), (TypeState, RuledOut)> = HashMap::new();
    let mut out = Vec::with_capacity(requests.len());
    for request in requests {
        let key = (request.service.as_str(), request.pod_type.as_str());
        let state = states.entry(key).or_insert_with(|| {
            // The batch's own instances are being (re)placed: their old entries must not count.
            let batch: HashSet<u32> = requests
                .iter()
                .filter(|r| r.service == key.0 && r.pod_type == key.1)
                .map(|r| r.index)
                .collect();
            let state = TypeState::new(view, key.0, key.1, |i| batch.contains(&i));
            (state, RuledOut::new(view.len(), &request.rule))
        });
        let (state, ruled_out) = state;
        let result = choose(view, request, state, ruled_out, sampling);
        if let Ok(p) = &result
            && let Some(i) = view.index_of(&p.node)
        {
            view.commit(i, request.key(), request.resources, &p.ports);
            state.record(view, i);
        }
        out.push(result);
    }
    out
}

/// What placement knows about the live pods of one service's pod type.
struct TypeState {
    /// View index of the node of each live pod of the type.
    placed: Vec<usize>,
    spread: SpreadCounts,
}

impl TypeState {
    fn new(
        view: &ClusterView,
        service: &str,
        pod_type: &str,
        skip: impl Fn(u32) -> bool,
    ) -> TypeState {
        let live = (0..view.len())
            .filter(|&i| view.nodes()[i].healthy)
            .map(|i| view.topology(i));
        let mut state = TypeState {
            placed: Vec::new(),
            spread: SpreadCounts::new(view.rack_buckets(), view.zone_buckets(), live),
        };
        for (i, node) in view.nodes().iter().enumerate() {
            for pod in &node.pods {
                if pod.service == service && pod.pod_type == pod_type && !skip(pod.index) {
                    state.placed.push(i);
                    state.spread.record(view.topology(i));
                }
            }
        }
        state.spread.refresh();
        state
    }

    fn record(&mut self, view: &ClusterView, index: usize) {
        self.placed.push(index);
        self.spread.record(view.topology(index));
        self.spread.refresh();
    }
}

/// Nodes a placement-rule row already rejected during a batch, so later placements skip them
/// without asking again. Sound only while the batch adds pods and never removes any, and only for
/// rows whose rejections are final as counts grow: every operator but GROUP_BY (MAX_PER and UNIQUE
/// only tighten, the value matchers never change). Inactive when no row qualifies.
#[derive(Debug, Default)]
struct RuledOut {
    nodes: Vec<bool>,
}

impl RuledOut {
    fn new(nodes: usize, rule: &PlacementRule) -> RuledOut {
        let any_monotone = rule.rows.iter().any(|row| is_monotone(&row.operator));
        RuledOut {
            nodes: if any_monotone {
                vec![false; nodes]
            } else {
                Vec::new()
            },
        }
    }

    fn contains(&self, index: usize) -> bool {
        self.nodes.get(index).copied().unwrap_or(false)
    }

    fn insert(&mut self, index: usize) {
        if let Some(slot) = self.nodes.get_mut(index) {
            *slot = true;
        }
    }
}

fn is_monotone(operator: &Operator) -> bool {
    !matches!(operator, Operator::GroupBy(_))
}

/// One row of the placement rule as a rule of its own, so rows can be checked (and their verdicts
/// reused) separately; the rule's rows are ANDed, so this changes no verdict.
fn split_rows(rule: &PlacementRule) -> Vec<PlacementRule> {
    rule.rows
        .iter()
        .map(|row| PlacementRule {
            rows: vec![row.clone()],
        })
        .collect()
}

/// One rule row's tally and, for rows not on the hostname, its verdicts by field value: a row's
/// verdict is a function of the candidate's value for the row's field (the `NodeAttributes`
/// contract), so nodes sharing a rack or zone are judged once per request.
struct RowCheck<'a> {
    tally: Tally<'a>,
    field: &'a Field,
    monotone: bool,
    by_value: Option<HashMap<Option<&'a str>, bool>>,
}

impl<'a> RowCheck<'a> {
    fn allows(&mut self, node: &'a NodeInfo) -> bool {
        let tally = &self.tally;
        match &mut self.by_value {
            Some(memo) => *memo
                .entry(node.field_value(self.field))
                .or_insert_with(|| tally.check(node).is_ok()),
            None => tally.check(node).is_ok(),
        }
    }
}

/// A yes/no question about one node that needs nothing but the node and the request.
#[derive(Debug, Clone, Copy)]
enum NodeFilter {
    Healthy,
    NotDraining,
    NotAvoided,
    VolumesAttachable,
    Resources,
    Ports,
}

/// One stage of the filter pipeline: a node filter, or the pod's placement rule (judged row by row).
#[derive(Debug, Clone, Copy)]
enum Stage {
    Node(NodeFilter),
    Rule,
}

/// The filter pipeline, in the order of the README: feasibility (who the node is) before fit (what is
/// left on it). Deciding ([`Prepared::fits`]) and explaining ([`Prepared::reasons`]) both walk this one
/// list, so a new rule is added here once and shows up in both.
const PIPELINE: [Stage; 7] = [
    Stage::Node(NodeFilter::Healthy),
    Stage::Node(NodeFilter::NotDraining),
    Stage::Node(NodeFilter::NotAvoided),
    Stage::Node(NodeFilter::VolumesAttachable),
    Stage::Rule,
    Stage::Node(NodeFilter::Resources),
    Stage::Node(NodeFilter::Ports),
];

/// Everything resolved once per request.
struct Prepared<'a> {
    rows: Vec<RowCheck<'a>>,
    avoid: Vec<usize>,
    pins: Vec<(usize, usize)>,
    replicas: Vec<Replicas>,
}

impl<'a> Prepared<'a> {
    fn new(
        view: &'a ClusterView,
        request: &'a PodRequest,
        rows: &'a [PlacementRule],
        state: &TypeState,
    ) -> Prepared<'a> {
        let nodes = view.nodes();
        let rows = rows
            .iter()
            .filter_map(|rule| {
                let row = rule.rows.first()?;
                Some(RowCheck {
                    tally: rule.tally(state.placed.iter().map(|&i| &nodes[i])),
                    field: &row.field,
                    monotone: is_monotone(&row.operator),
                    by_value: (row.field != Field::Hostname).then(HashMap::new),
                })
            })
            .collect();
        let avoid = request
            .avoid
            .iter()
            .filter_map(|id| view.index_of(id))
            .collect();
        let pins = request
            .volumes
            .iter()
            .enumerate()
            .filter_map(|(v, vol)| {
                let at = view.index_of(vol.attached_to.as_deref()?)?;
                nodes[at].healthy.then_some((v, at))
            })
            .collect();
        let replicas = request
            .volumes
            .iter()
            .map(|vol| {
                vol.replicas
                    .iter()
                    .filter_map(|id| view.index_of(id))
                    .filter(|&i| nodes[i].healthy)
                    .map(|i| (i, view.topology(i)))
                    .collect()
            })
            .collect();
        Prepared {
            rows,
            avoid,
            pins,
            replicas,
        }
    }

    /// One node filter for node `i`.
    fn check(
        &self,
        filter: NodeFilter,
        view: &ClusterView,
        request: &PodRequest,
        i: usize,
    ) -> Result<(), Reason> {
        let node = &view.nodes()[i];
        match filter {
            NodeFilter::Healthy => filter::healthy(node),
            NodeFilter::NotDraining => filter::not_draining(node),
            NodeFilter::NotAvoided => filter::not_avoided(i, &self.avoid),
            NodeFilter::VolumesAttachable => filter::volumes_attachable(i, &self.pins),
            NodeFilter::Resources => filter::resources(node, request),
            NodeFilter::Ports => filter::ports(node, request),
        }
    }

    /// Every node filter of the pipeline, stopping at the first failure. The rule stage is left to
    /// [`Prepared::rule_allows`], which is memoised per attribute value across a batch.
    fn fits(&self, view: &ClusterView, request: &PodRequest, i: usize) -> bool {
        PIPELINE.iter().all(|stage| match stage {
            Stage::Node(f) => self.check(*f, view, request, i).is_ok(),
            Stage::Rule => true,
        })
    }

    /// The placement rule, row by row: `Err(final)` when a row rejects, `final` telling whether
    /// that rejection holds for the rest of a batch.
    fn rule_allows(&mut self, view: &'a ClusterView, i: usize) -> Result<(), bool> {
        let node = &view.nodes()[i];
        for row in &mut self.rows {
            if !row.allows(node) {
                return Err(row.monotone);
            }
        }
        Ok(())
    }

    /// Every reason node `i` fails, in pipeline order (the rule stage gives one per rejecting row).
    fn reasons(&self, view: &ClusterView, request: &PodRequest, i: usize) -> Vec<Reason> {
        let node = &view.nodes()[i];
        let mut out = Vec::new();
        for stage in PIPELINE {
            match stage {
                Stage::Node(f) => out.extend(self.check(f, view, request, i).err()),
                Stage::Rule => out.extend(
                    self.rows
                        .iter()
                        .filter_map(|r| filter::rule(Some(&r.tally), node).err()),
                ),
            }
        }
        out
    }

    fn components(
        &self,
        view: &ClusterView,
        request: &PodRequest,
        state: &TypeState,
        i: usize,
    ) -> [f64; 3] {
        let t = view.topology(i);
        [
            score::locality(i, t, &self.replicas),
            score::spread(t, &state.spread),
            score::least_loaded(&view.nodes()[i], request.resources),
        ]
    }
}

fn choose(
    view: &ClusterView,
    request: &PodRequest,
    state: &TypeState,
    ruled_out: &mut RuledOut,
    sampling: Sampling,
) -> Result<Placement, Unplaceable> {
    let rows = split_rows(&request.rule);
    let mut prepared = Prepared::new(view, request, &rows, state);
    let nodes = view.nodes();
    // A volume attached to a healthy node leaves that node as the only candidate.
    let pinned = prepared.pins.first().map(|&(_, node)| node);
    // Otherwise replica holders go first, so locality never depends on the sample.
    let mut preferred: Vec<usize> = prepared
        .replicas
        .iter()
        .flatten()
        .map(|(i, _)| *i)
        .collect();
    preferred.sort_unstable();
    preferred.dedup();
    let mut best: Option<(f64, usize)> = None;
    let mut evaluated = 0;
    let mut feasible = 0;
    let mut consider = |i: usize, evaluated: &mut usize, feasible: &mut usize| {
        *evaluated += 1;
        if ruled_out.contains(i) || !prepared.fits(view, request, i) {
            return;
        }
        if let Err(permanent) = prepared.rule_allows(view, i) {
            if permanent {
                ruled_out.insert(i);
            }
            return;
        }
        *feasible += 1;
        let [l, s, ll] = prepared.components(view, request, state, i);
        let total = score::combine(l, s, ll);
        let better = match best {
            None => true,
            Some((b, j)) => total > b || (total == b && nodes[i].id < nodes[j].id),
        };
        if better {
            best = Some((total, i));
        }
    };

    if let Some(pinned) = pinned {
        consider(pinned, &mut evaluated, &mut feasible);
    } else {
        for &i in &preferred {
            consider(i, &mut evaluated, &mut feasible);
        }
        let order = view.scan_order();
        let n = order.len();
        let wanted = sampling.wanted(n);
        if n > 0 {
            let start = (stable_hash(request) % n as u64) as usize;
            for k in 0..n {
                if feasible >= wanted {
                    break;
                }
                let i = order[(start + k) % n] as usize;
                if preferred.binary_search(&i).is_err() {
                    consider(i, &mut evaluated, &mut feasible);
                }
            }
        }
    }

    let Some((total, i)) = best else {
        let per_node: Vec<Vec<Reason>> = (0..view.len())
            .map(|i| prepared.reasons(view, request, i))
            .collect();
        return Err(Unplaceable::new(request, view, &per_node));
    };
    let [l, s, ll] = prepared.components(view, request, state, i);
    Ok(Placement {
        node: nodes[i].id.clone(),
        score: total,
        breakdown: vec![
            ScoreComponent {
                scorer: Scorer::Locality,
                weight: score::LOCALITY_WEIGHT,
                score: l,
            },
            ScoreComponent {
                scorer: Scorer::Spread,
                weight: score::SPREAD_WEIGHT,
                score: s,
            },
            ScoreComponent {
                scorer: Scorer::LeastLoaded,
                weight: score::LEAST_LOADED_WEIGHT,
                score: ll,
            },
        ],
        ports: filter::assign_ports(&nodes[i], &request.ports),
        evaluated,
        feasible,
    })
}

/// FNV-1a of the pod's identity: a scan start that differs per pod but never between runs.
fn stable_hash(request: &PodRequest) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let index = request.index.to_le_bytes();
    for part in [
        request.service.as_bytes(),
        b"/",
        request.pod_type.as_bytes(),
        b"/",
        &index,
    ] {
        for &b in part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}
