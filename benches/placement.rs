//! Placement throughput on synthetic clusters of Nomad's benchmark shape: 500, 5,000 and 10,000
//! nodes on 25 or 50 racks, placing 1,200 or 10,000 pods of one type, with no constraint, with
//! anti-affinity (`hostname:MAX_PER:1`), with rack spread (`rack:GROUP_BY:<racks>`), and with
//! volume locality (each pod's volume has 3 replicas on 3 racks).
//!
//! Each iteration clones the empty cluster and places the whole batch with `place_many`; criterion
//! reports elements (pods) per second. Run with `cargo bench --bench placement`.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pxfw::scheduler::placement::{
    ClusterView, NodeInfo, PodRequest, Resources, Sampling, VolumeLocality, place_many,
};
use pxfw::spec::PlacementRule;

/// Nodes `node-<i>` with 16 cpus and 64 GB, rack `i % racks`, 3 zones, one region.
fn cluster(nodes: usize, racks: usize) -> ClusterView {
    let total = Resources {
        cpus: 16.0,
        mem_mb: 65_536,
        disk_mb: 1_000_000,
    };
    let list = (0..nodes)
        .map(|i| {
            let mut n = NodeInfo::new(format!("node-{i:05}"), format!("host-{i:05}"), total);
            let rack = i % racks;
            n.rack = Some(format!("rack-{rack:02}"));
            n.zone = Some(format!("zone-{}", rack % 3));
            n.region = Some("region-1".to_owned());
            n
        })
        .collect();
    ClusterView::new(list).expect("synthetic cluster is valid")
}

#[derive(Clone, Copy)]
enum Shape {
    Plain,
    AntiAffinity,
    RackSpread,
    Locality,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Plain => "plain",
            Shape::AntiAffinity => "anti-affinity",
            Shape::RackSpread => "rack-spread",
            Shape::Locality => "volume-locality",
        }
    }
}

fn requests(shape: Shape, pods: usize, nodes: usize, racks: usize) -> Vec<PodRequest> {
    let rule = match shape {
        Shape::AntiAffinity => PlacementRule::parse("hostname:MAX_PER:1"),
        Shape::RackSpread => PlacementRule::parse(&format!("rack:GROUP_BY:{racks}")),
        Shape::Plain | Shape::Locality => PlacementRule::parse(""),
    }
    .expect("benchmark rules parse");
    (0..pods)
        .map(|i| {
            let mut r = PodRequest::new("bench", "node", i as u32);
            r.resources = Resources {
                cpus: 0.5,
                mem_mb: 1024,
                disk_mb: 0,
            };
            r.rule = rule.clone();
            if let Shape::Locality = shape {
                // Replicas on three consecutive node ids: three different racks.
                let replicas = (0..3)
                    .map(|k| format!("node-{:05}", (i * 7 + k) % nodes))
                    .collect();
                r.volumes.push(VolumeLocality {
                    volume: format!("data-{i}"),
                    replicas,
                    attached_to: None,
                });
            }
            r
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("placement");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    // (nodes, racks, pods, shape): every shape at 5,000 nodes and 1,200 pods (the Kubernetes
    // anchor's scale), each cluster size with anti-affinity where it can hold the pods (500 nodes
    // cannot take 1,200 pods one per host, so that size gets rack spread instead), and 10,000
    // pods at 10,000 nodes.
    let cases: &[(usize, usize, usize, Shape)] = &[
        (500, 25, 1_200, Shape::Plain),
        (500, 25, 1_200, Shape::RackSpread),
        (5_000, 25, 1_200, Shape::Plain),
        (5_000, 25, 1_200, Shape::AntiAffinity),
        (5_000, 50, 1_200, Shape::RackSpread),
        (5_000, 50, 1_200, Shape::Locality),
        (10_000, 50, 1_200, Shape::AntiAffinity),
        (10_000, 50, 10_000, Shape::Plain),
        (10_000, 50, 10_000, Shape::AntiAffinity),
        (10_000, 50, 10_000, Shape::RackSpread),
        (10_000, 50, 10_000, Shape::Locality),
    ];
    for &(nodes, racks, pods, shape) in cases {
        let view = cluster(nodes, racks);
        let batch = requests(shape, pods, nodes, racks);
        group.throughput(Throughput::Elements(pods as u64));
        let id = format!("{nodes}n-{racks}r-{pods}p-{}", shape.name());
        group.bench_with_input(BenchmarkId::from_parameter(id), &batch, |b, batch| {
            b.iter(|| {
                let mut v = view.clone();
                let placed = place_many(&mut v, batch, Sampling::default());
                assert!(placed.iter().all(Result::is_ok), "every pod fits");
                placed.len()
            });
        });
    }
    // The same anchor case scoring every node, for comparison with the sampled default.
    let view = cluster(5_000, 25);
    let batch = requests(Shape::AntiAffinity, 1_200, 5_000, 25);
    group.throughput(Throughput::Elements(1_200));
    group.bench_function("5000n-25r-1200p-anti-affinity-exhaustive", |b| {
        b.iter(|| {
            let mut v = view.clone();
            place_many(&mut v, &batch, Sampling::Exhaustive).len()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
