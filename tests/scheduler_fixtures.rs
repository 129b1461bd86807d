//! The scheduler core on the real packages: the plans the fork's frameworks serve, and placing the
//! Cassandra pods with their real placement rule.

use std::path::{Path, PathBuf};

use pxfw::scheduler::placement::{
    ClusterView, NodeInfo, PodRequest, Resources, Sampling, place_many,
};
use pxfw::scheduler::plan::{Status, plans_from_spec};
use pxfw::spec::{Env, PlacementRule, ServiceSpec, load};
use pxfw::universe::render_marathon_app;
use pxfw::universe::repo::decode_sniffed;

fn fixtures() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures")).to_path_buf()
}

/// The package's svc.yml rendered with the env of its default Marathon app.
fn spec(pkg_dir: &str, repo_name: &str) -> ServiceSpec {
    let body = std::fs::read(fixtures().join("repo/repo.json")).unwrap();
    let repo = decode_sniffed("fixture", &body).unwrap();
    let package = repo.packages.iter().find(|p| p.name == repo_name).unwrap();
    let app = render_marathon_app(package, "fixture", None, None).unwrap();
    let env: Env = app["env"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
        .collect();
    let text = std::fs::read_to_string(fixtures().join(pkg_dir).join("svc.yml")).unwrap();
    load(&text, &env).unwrap().spec
}

#[test]
fn fork_cassandra_serves_the_sdk_plan_list() {
    let s = spec("packages/cassandra", "portworx-cassandra");
    let plans = plans_from_spec(&s, false);
    let names: Vec<&str> = plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "deploy",
            "recovery",
            "replace",
            "repair",
            "cleanup",
            "backup-s3",
            "restore-s3",
            "backup-azure",
            "restore-azure"
        ]
    );
    let deploy = &plans[0];
    assert_eq!(deploy.phases[0].name, "node-deploy");
    let steps: Vec<&str> = deploy.phases[0]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(steps[0], "node-0:[server]");
    assert_eq!(*steps.last().unwrap(), "node-2:[server]");
    assert_eq!(deploy.status(), Status::Pending);
    assert!(plans[2..].iter().all(|p| p.status() == Status::Waiting));
    assert_eq!(plans[5].phases.len(), 4, "backup-s3 phases");
}

#[test]
fn hdfs_update_plan_becomes_deploy_after_the_first_deployment() {
    let s = spec("packages/hdfs", "portworx-hdfs");
    let before: Vec<String> = plans_from_spec(&s, false)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(before, ["deploy", "recovery", "replace"]);
    let after = plans_from_spec(&s, true);
    let update = s.expanded_plan("update").unwrap();
    assert_eq!(after[0].name, "deploy");
    let phases: Vec<&str> = after[0].phases.iter().map(|p| p.name.as_str()).collect();
    let expected: Vec<&str> = update.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, expected);
}

#[test]
fn cassandra_pods_land_on_distinct_hosts_then_explain() {
    let s = spec("packages/cassandra", "portworx-cassandra");
    let pod = &s.pods["node"];
    let rule = PlacementRule::parse(pod.placement.as_deref().unwrap_or("")).unwrap();
    assert_eq!(rule.to_string(), "hostname:MAX_PER:1");
    let total = Resources {
        cpus: 8.0,
        mem_mb: 32_768,
        disk_mb: 100_000,
    };
    let nodes = (0..3)
        .map(|i| {
            let mut n = NodeInfo::new(format!("agent-{i}"), format!("10.0.0.{i}"), total);
            n.rack = Some(format!("rack-{}", i + 1));
            n
        })
        .collect();
    let mut view = ClusterView::new(nodes).unwrap();
    let requests: Vec<PodRequest> = (0..4)
        .map(|i| {
            let mut r = PodRequest::new(s.name.clone(), "node", i);
            r.resources = Resources {
                cpus: 1.0,
                mem_mb: 4096,
                disk_mb: 0,
            };
            r.rule = rule.clone();
            r
        })
        .collect();
    let results = place_many(&mut view, &requests, Sampling::default());
    let mut hosts: Vec<&str> = results[..3]
        .iter()
        .map(|r| r.as_ref().unwrap().node.as_str())
        .collect();
    hosts.sort();
    assert_eq!(hosts, ["agent-0", "agent-1", "agent-2"]);
    assert_eq!(
        results[3].as_ref().unwrap_err().to_string(),
        "0/3 nodes: 3 violate hostname:MAX_PER:1"
    );
}
