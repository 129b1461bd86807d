//! Service spec costs.
//!
//! * `load_upstream_cassandra`: template + parse + validate the largest real svc.yml (upstream
//!   cassandra, 30 KB) with its package's default scheduler environment.
//! * `parse_upstream_cassandra`: parse + validate the already rendered text only.
//! * `summarize_upstream_cassandra`: the per-pod summary (volume names, expanded plans).
//! * `filter_10000_nodes/<rule>`: count the placed pods once, then check every node of a
//!   synthetic 10,000-node cluster (3 zones, 50 racks) against a placement rule, with 1,000 pods
//!   of the type already placed — what a scheduler's feasibility filter does per placement.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pxfw::api::topology::Topology as Node;
use pxfw::spec::constraint::PlacementRule;
use pxfw::spec::{Env, load, load_rendered, summarize};
use pxfw::universe::render_marathon_app;
use pxfw::universe::repo::decode_sniffed;
use std::hint::black_box;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

fn upstream_cassandra() -> (String, Env) {
    let svc = std::fs::read_to_string(format!("{FIXTURES}/packages-upstream/cassandra/svc.yml"))
        .expect("fixture svc.yml");
    let body = std::fs::read(format!("{FIXTURES}/repo/repo.json")).expect("fixture repo.json");
    let repo = decode_sniffed("bench", &body).expect("fixture decodes");
    let package = repo
        .packages
        .iter()
        .find(|p| p.name == "cassandra")
        .expect("upstream cassandra in fixture");
    let app = render_marathon_app(package, "bench", None, None).expect("renders");
    let env = app["env"]
        .as_object()
        .expect("env object")
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
        .collect();
    (svc, env)
}

fn bench_spec(c: &mut Criterion) {
    let (svc, env) = upstream_cassandra();
    c.bench_function("load_upstream_cassandra", |b| {
        b.iter(|| load(black_box(&svc), black_box(&env)).expect("valid"))
    });
    let rendered = load(&svc, &env).expect("valid").rendered;
    c.bench_function("parse_upstream_cassandra", |b| {
        b.iter(|| load_rendered(black_box(&rendered)).expect("valid"))
    });
    let spec = load_rendered(&rendered).expect("valid").spec;
    c.bench_function("summarize_upstream_cassandra", |b| {
        b.iter(|| summarize(black_box(&spec)))
    });
}

fn cluster(n: usize) -> Vec<Node> {
    (0..n)
        .map(|i| Node {
            hostname: format!("agent-{i:05}.cluster.local"),
            zone: Some(format!("zone-{}", i % 3)),
            region: Some("region-1".to_owned()),
            rack: None,
            attributes: [
                ("rack_id".to_owned(), format!("rack-{}", i % 50)),
                (
                    "pxfabric".to_owned(),
                    if i % 10 == 0 { "none" } else { "pxclust1" }.to_owned(),
                ),
            ]
            .into_iter()
            .collect(),
        })
        .collect()
}

fn bench_constraints(c: &mut Criterion) {
    let nodes = cluster(10_000);
    // 1,000 pods of the type already placed, on every 10th node (so MAX_PER:1 rejects 10%).
    let placed: Vec<&Node> = nodes.iter().step_by(10).collect();
    let rules = [
        r#"[["hostname","MAX_PER","1"]]"#,
        "hostname:UNIQUE,rack_id:MAX_PER:25",
        "@zone:GROUP_BY:3,pxfabric:LIKE:pxclust[0-9]+",
    ];
    let mut group = c.benchmark_group("filter_10000_nodes");
    for text in rules {
        let rule = PlacementRule::parse(text).expect("rule parses");
        group.bench_with_input(BenchmarkId::from_parameter(text), &rule, |b, rule| {
            b.iter(|| {
                let tally = rule.tally(placed.iter().copied());
                nodes.iter().filter(|n| tally.check(*n).is_ok()).count()
            })
        });
    }
    group.finish();
    c.bench_function("parse_constraint", |b| {
        b.iter(|| {
            PlacementRule::parse(black_box(
                "hostname:MAX_PER:1,rack_id:LIKE:rack-[12],@zone:GROUP_BY:3",
            ))
        })
    });
}

criterion_group!(benches, bench_spec, bench_constraints);
criterion_main!(benches);
