use proptest::prelude::*;

use super::*;

fn res(cpus: f64, mem_mb: u64) -> Resources {
    Resources {
        cpus,
        mem_mb,
        disk_mb: 100_000,
    }
}

/// `n` nodes `node-0…`, rack `rack-<i % racks + 1>`, one zone and region.
fn cluster(n: usize, racks: usize, total: Resources) -> Vec<NodeInfo> {
    (0..n)
        .map(|i| {
            let mut node = NodeInfo::new(format!("node-{i}"), format!("host-{i}"), total);
            node.rack = Some(format!("rack-{}", i % racks + 1));
            node.zone = Some("zone-a".into());
            node.region = Some("region-1".into());
            node
        })
        .collect()
}

fn request(index: u32, rule: &str) -> PodRequest {
    let mut r = PodRequest::new("svc", "node", index);
    r.resources = res(1.0, 1024);
    r.rule = PlacementRule::parse(rule).unwrap();
    r
}

#[test]
fn three_pods_one_per_rack_on_five_nodes() {
    let mut view = ClusterView::new(cluster(5, 3, res(4.0, 8192))).unwrap();
    let rule = r#"[["hostname","MAX_PER","1"],["rack","GROUP_BY","3"]]"#;
    let requests: Vec<PodRequest> = (0..3).map(|i| request(i, rule)).collect();
    let placed = place_many(&mut view, &requests, Sampling::default());
    let racks: std::collections::BTreeSet<String> = placed
        .iter()
        .map(|p| {
            let node = view.node(&p.as_ref().unwrap().node).unwrap();
            node.rack.clone().unwrap()
        })
        .collect();
    assert_eq!(racks.len(), 3, "one pod per rack: {placed:?}");
}

#[test]
fn group_by_alone_also_spreads() {
    // Without GROUP_BY, the spread scorer alone still puts the three pods on three racks.
    let mut view = ClusterView::new(cluster(6, 3, res(4.0, 8192))).unwrap();
    let requests: Vec<PodRequest> = (0..3).map(|i| request(i, "")).collect();
    let placed = place_many(&mut view, &requests, Sampling::default());
    let mut racks: Vec<String> = placed
        .iter()
        .map(|p| {
            view.node(&p.as_ref().unwrap().node)
                .unwrap()
                .rack
                .clone()
                .unwrap()
        })
        .collect();
    racks.sort();
    racks.dedup();
    assert_eq!(racks.len(), 3);
}

#[test]
fn replace_prefers_a_replica_node() {
    let mut nodes = cluster(5, 3, res(4.0, 8192));
    nodes[0].pods.push(PodKey {
        service: "svc".into(),
        pod_type: "node".into(),
        index: 0,
    });
    let view = ClusterView::new(nodes).unwrap();
    let mut r = request(0, r#"[["hostname","MAX_PER","1"]]"#);
    r.avoid = vec!["node-0".into()];
    r.volumes.push(VolumeLocality {
        volume: "data-0".into(),
        replicas: vec!["node-0".into(), "node-4".into()],
        attached_to: None,
    });
    let p = place(&view, &r).unwrap();
    assert_eq!(p.node, "node-4");
    assert_eq!(p.breakdown[0].scorer, Scorer::Locality);
    assert_eq!(p.breakdown[0].score, 100.0);

    // Without a usable replica node, a node in a replica's rack wins (node-3 shares rack-1 with node-0).
    let mut r2 = r.clone();
    r2.volumes[0].replicas = vec!["node-0".into()];
    let mut nodes = view.nodes().to_vec();
    nodes[0].healthy = true;
    let p = place(&ClusterView::new(nodes).unwrap(), &r2).unwrap();
    assert_eq!(p.node, "node-3");
}

#[test]
fn attached_volume_pins_the_pod() {
    let view = ClusterView::new(cluster(3, 3, res(4.0, 8192))).unwrap();
    let mut r = request(0, "");
    r.volumes.push(VolumeLocality {
        volume: "data-0".into(),
        replicas: vec![],
        attached_to: Some("node-2".into()),
    });
    assert_eq!(place(&view, &r).unwrap().node, "node-2");
    r.avoid = vec!["node-2".into()];
    let err = place(&view, &r).unwrap_err();
    assert_eq!(
        err.to_string(),
        "0/3 nodes: 1 are excluded by the replace request, 2 cannot use volume data-0 (attached to healthy node node-2)"
    );
    // An attachment on an unhealthy (lost) node does not pin.
    let mut nodes = view.nodes().to_vec();
    nodes[2].healthy = false;
    let p = place(&ClusterView::new(nodes).unwrap(), &r).unwrap();
    assert_ne!(p.node, "node-2");
}

#[test]
fn a_draining_node_gets_no_pod_but_still_pins_its_volumes() {
    let mut nodes = cluster(3, 3, res(4.0, 8192));
    nodes[0].draining = true;
    let view = ClusterView::new(nodes).unwrap();
    for i in 0..6 {
        let p = place_with(&view, &request(i, ""), Sampling::Exhaustive).unwrap();
        assert_ne!(p.node, "node-0", "pod {i} placed on the draining node");
    }
    // The only other candidate is full: nothing goes anywhere, and the draining node says so.
    let mut full = view.nodes().to_vec();
    full[1].healthy = false;
    full[2].used = res(4.0, 8192);
    let err = place(&ClusterView::new(full).unwrap(), &request(0, "")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "0/3 nodes: 1 are not healthy, 1 are draining, 1 lack 1 cpus"
    );
    // The node is alive: a volume attached there still pins the pod until it is detached normally.
    let mut r = request(0, "");
    r.volumes.push(VolumeLocality {
        volume: "data-0".into(),
        replicas: vec![],
        attached_to: Some("node-0".into()),
    });
    let err = place(&view, &r).unwrap_err();
    assert_eq!(
        err.to_string(),
        "0/3 nodes: 1 are draining, 2 cannot use volume data-0 (attached to healthy node node-0)"
    );
}

#[test]
fn unplaceable_explains_per_node_class() {
    let mut nodes = cluster(5, 3, res(4.0, 8192));
    for n in &mut nodes[2..] {
        n.total.mem_mb = 2048;
    }
    for (i, n) in nodes[..2].iter_mut().enumerate() {
        n.pods.push(PodKey {
            service: "svc".into(),
            pod_type: "node".into(),
            index: i as u32 + 1,
        });
    }
    let view = ClusterView::new(nodes).unwrap();
    let mut r = request(0, r#"[["hostname","MAX_PER","1"]]"#);
    r.resources.mem_mb = 4096;
    let err = place(&view, &r).unwrap_err();
    assert_eq!(
        err.to_string(),
        "0/5 nodes: 2 violate hostname:MAX_PER:1, 3 lack 4096 MB memory"
    );
    assert_eq!(err.pod, "node-0");
    assert_eq!(err.nodes.len(), 5);
    assert_eq!(err.nodes[2].reasons, ["lack 4096 MB memory (2048 MB free)"]);
    assert!(
        err.nodes[0].reasons[0].starts_with("hostname:MAX_PER:1 ("),
        "{:?}",
        err.nodes[0]
    );
    assert!(err.report().lines().count() == 6);
    let empty = ClusterView::new(vec![]).unwrap();
    assert_eq!(
        place(&empty, &r).unwrap_err().to_string(),
        "0/0 nodes: no nodes are registered"
    );
}

#[test]
fn other_services_and_types_do_not_count() {
    let mut nodes = cluster(1, 1, res(4.0, 8192));
    nodes[0].pods.push(PodKey {
        service: "other".into(),
        pod_type: "node".into(),
        index: 1,
    });
    nodes[0].pods.push(PodKey {
        service: "svc".into(),
        pod_type: "web".into(),
        index: 1,
    });
    nodes[0].pods.push(PodKey {
        service: "svc".into(),
        pod_type: "node".into(),
        index: 0,
    });
    let view = ClusterView::new(nodes).unwrap();
    // The pod being re-placed (index 0) does not block itself either.
    assert!(place(&view, &request(0, "hostname:UNIQUE")).is_ok());
    assert!(place(&view, &request(2, "hostname:UNIQUE")).is_err());
}

#[test]
fn ties_go_to_the_smallest_node_id() {
    let mut nodes = cluster(3, 1, res(4.0, 8192));
    nodes.reverse();
    let view = ClusterView::new(nodes).unwrap();
    for sampling in [Sampling::Exhaustive, Sampling::default()] {
        assert_eq!(
            place_with(&view, &request(0, ""), sampling).unwrap().node,
            "node-0"
        );
    }
}

#[test]
fn sampling_stops_early_on_big_clusters() {
    assert_eq!(Sampling::default().wanted(50), 50);
    assert_eq!(Sampling::default().wanted(500), 230);
    assert_eq!(Sampling::default().wanted(5000), 500);
    assert_eq!(Sampling::default().wanted(10_000), 500);
    assert_eq!(Sampling::Exhaustive.wanted(10_000), 10_000);
    let view = ClusterView::new(cluster(2000, 20, res(4.0, 8192))).unwrap();
    let p = place(&view, &request(0, "")).unwrap();
    assert!(p.evaluated < 2000 && p.feasible == Sampling::default().wanted(2000));
}

#[test]
fn place_many_records_usage() {
    let mut view = ClusterView::new(cluster(2, 2, res(1.0, 8192))).unwrap();
    let requests: Vec<PodRequest> = (0..3).map(|i| request(i, "")).collect();
    let results = place_many(&mut view, &requests, Sampling::Exhaustive);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(
        results[2].as_ref().unwrap_err().to_string(),
        "0/2 nodes: 2 lack 1 cpus"
    );
    assert!(view.nodes().iter().all(|n| n.pods.len() == 1));
}

#[test]
fn dynamic_ports_are_assigned() {
    let view = ClusterView::new(cluster(1, 1, res(4.0, 8192))).unwrap();
    let mut r = request(0, "");
    r.ports = vec![9042, 0];
    assert_eq!(place(&view, &r).unwrap().ports, [9042, 31000]);
}

fn arb_cluster() -> impl Strategy<Value = Vec<NodeInfo>> {
    prop::collection::vec(
        (
            1u8..4,
            0u64..4096,
            any::<bool>(),
            0u8..4,
            0u8..3,
            any::<bool>(),
        ),
        1..25,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (cpus, used_mem, healthy, rack, zone, port))| {
                let mut n = NodeInfo::new(
                    format!("n{i:02}"),
                    format!("h{}", i % 7),
                    Resources {
                        cpus: f64::from(cpus),
                        mem_mb: 4096,
                        disk_mb: 1000,
                    },
                );
                n.used.mem_mb = used_mem;
                n.healthy = healthy;
                n.rack = Some(format!("r{rack}"));
                n.zone = Some(format!("z{zone}"));
                if port {
                    n.used_ports.insert(9042);
                }
                n
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn placements_never_violate_filters(
        nodes in arb_cluster(),
        pods in 1u32..12,
        rule_pick in 0usize..4,
        mem in 256u64..3000,
        avoid in 0usize..25,
    ) {
        let rules = ["", "hostname:MAX_PER:1", "rack:GROUP_BY:2,hostname:MAX_PER:2", "@zone:UNIQUE"];
        let rule = PlacementRule::parse(rules[rule_pick]).unwrap();
        let avoid_id = format!("n{avoid:02}");
        let mut view = ClusterView::new(nodes).unwrap();
        let requests: Vec<PodRequest> = (0..pods).map(|i| {
            let mut r = PodRequest::new("svc", "t", i);
            r.resources = Resources { cpus: 1.0, mem_mb: mem, disk_mb: 10 };
            r.ports = vec![9042];
            r.rule = rule.clone();
            r.avoid = vec![avoid_id.clone()];
            r
        }).collect();
        for (request, result) in requests.iter().zip(place_many(&mut view.clone(), &requests, Sampling::Exhaustive)) {
            let Ok(p) = result else { continue };
            let i = view.index_of(&p.node).unwrap();
            // Every filter holds against the view as it was before this placement.
            let node = &view.nodes()[i];
            prop_assert!(node.healthy);
            prop_assert_ne!(&node.id, &avoid_id);
            prop_assert!(filter::resources(node, request).is_ok());
            prop_assert!(filter::ports(node, request).is_ok());
            let placed: Vec<NodeInfo> = view.nodes().iter()
                .filter(|n| n.pods.iter().any(|k| k.pod_type == "t"))
                .flat_map(|n| std::iter::repeat_n(n.clone(), n.pods.iter().filter(|k| k.pod_type == "t").count()))
                .collect();
            prop_assert!(rule.evaluate(node, &placed).is_ok());
            view.commit(i, request.key(), request.resources, &p.ports);
        }
    }
}

#[test]
fn rule_rejections_are_cached_only_for_monotone_rules() {
    let max_per = PlacementRule::parse("hostname:MAX_PER:1,rack:LIKE:rack-.*").unwrap();
    let mut cache = RuledOut::new(3, &max_per);
    cache.insert(1);
    assert!(cache.contains(1) && !cache.contains(0));
    // GROUP_BY may admit a node again once other values catch up: never cached.
    let group_by = PlacementRule::parse("rack:GROUP_BY:3").unwrap();
    let mut cache = RuledOut::new(3, &group_by);
    cache.insert(1);
    assert!(!cache.contains(1));
}
