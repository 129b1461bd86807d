//! Every real svc.yml in the fixtures templates with its package's default scheduler environment,
//! validates, and summarises to what the files say; count mapping finds the real options.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pxfw::spec::count::CountSource;
use pxfw::spec::model::{Strategy, VolumeType};
use pxfw::spec::summary::PodSummary;
use pxfw::spec::{Env, LoadedSpec, count_mapping, decommission_allowed, load, summarize};
use pxfw::universe::render_marathon_app;
use pxfw::universe::repo::decode_sniffed;

fn fixtures() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures")).to_path_buf()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `env` of the Marathon app Cosmos renders with the package's default options (the
/// universe module's real render), plus `overrides`. The packages come from `repo/repo.json`,
/// where build-time placeholders such as `{{jre-url}}` are already substituted; it holds the same
/// four packages as the `packages*/` trees.
fn default_env(pkg_dir: &str, overrides: &[(&str, &str)]) -> Env {
    let name = match pkg_dir {
        "packages/cassandra" => "portworx-cassandra",
        "packages/hdfs" => "portworx-hdfs",
        "packages/helloworld" => "hello-world",
        "packages-upstream/cassandra" => "cassandra",
        other => panic!("no repo package for {other}"),
    };
    let body = std::fs::read(fixtures().join("repo/repo.json")).unwrap();
    let repo = decode_sniffed("fixture", &body).unwrap();
    let package = repo.packages.iter().find(|p| p.name == name).unwrap();
    let app = render_marathon_app(package, "fixture", None, None).unwrap();
    let mut env: Env = app["env"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
        .collect();
    for (k, v) in overrides {
        env.insert((*k).to_owned(), (*v).to_owned());
    }
    env
}

fn load_pkg(pkg: &str, overrides: &[(&str, &str)]) -> LoadedSpec {
    let dir = fixtures().join(pkg);
    let env = default_env(pkg, overrides);
    load(&read(&dir.join("svc.yml")), &env).unwrap_or_else(|e| panic!("{pkg}: {e}"))
}

fn pod<'a>(pods: &'a [PodSummary], t: &str) -> &'a PodSummary {
    pods.iter().find(|p| p.pod_type == t).unwrap()
}

#[test]
fn fork_cassandra_summary_matches_the_files() {
    let loaded = load_pkg("packages/cassandra", &[]);
    assert!(loaded.warnings.iter().all(|w| !w.is_error()));
    let s = summarize(&loaded.spec);
    assert_eq!(s.name, "portworx-cassandra");
    assert_eq!(s.pods.len(), 1);
    let node = pod(&s.pods, "node");
    assert_eq!(node.count, 3);
    assert!(!node.allow_decommission);
    assert_eq!(node.instances, ["node-0", "node-1", "node-2"]);
    assert_eq!(
        node.placement.as_deref(),
        Some(r#"[["hostname", "MAX_PER", "1"]]"#)
    );
    assert_eq!(node.placement_rules.len(), 1);
    assert_eq!(node.placement_rules[0].to_string(), "hostname:MAX_PER:1");
    assert_eq!(node.volumes.len(), 1);
    let vol = &node.volumes[0];
    assert_eq!(vol.kind, VolumeType::Docker);
    assert_eq!(vol.container_path, "container-path");
    assert_eq!(vol.size_mb, Some(10240));
    assert_eq!(vol.driver.as_deref(), Some("pxd"));
    assert_eq!(vol.names, ["Cassandra-0", "Cassandra-1", "Cassandra-2"]);
    assert_eq!(
        vol.px_inline_specs[1],
        "name=Cassandra-1;size=10;nodes=LocalNode"
    );
    let server = node.tasks.iter().find(|t| t.name == "server").unwrap();
    assert_eq!(server.resource_set.as_deref(), Some("server-resources"));
    assert_eq!(server.cpus, Some(0.5));
    assert_eq!(server.memory_mb, Some(4096));
    let ports: Vec<_> = server
        .ports
        .iter()
        .map(|p| (p.name.as_str(), p.port))
        .collect();
    assert_eq!(
        ports,
        [
            ("jmx", Some(7199)),
            ("storage", Some(7005)),
            ("ssl", Some(7001)),
            ("native-client", Some(9042))
        ]
    );
    assert_eq!(node.tasks.len(), 13);
    // Plans: the fork's list, and deploy's node-0 runs init_system_keyspaces after server.
    let names: Vec<_> = s.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "deploy",
            "replace",
            "repair",
            "cleanup",
            "backup-s3",
            "restore-s3",
            "backup-azure",
            "restore-azure"
        ]
    );
    let deploy = &s.plans[0];
    let steps: Vec<_> = deploy.phases[0]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        steps,
        [
            "node-0:[server]",
            "node-0:[init_system_keyspaces]",
            "node-1:[server]",
            "node-2:[server]"
        ]
    );
    let backup = s.plans.iter().find(|p| p.name == "backup-s3").unwrap();
    assert_eq!(backup.phases[1].strategy, Strategy::Parallel);
    assert_eq!(backup.phases[2].strategy, Strategy::Serial); // {{BACKUP_RESTORE_STRATEGY}}
}

#[test]
fn fork_cassandra_follows_its_options() {
    let loaded = load_pkg(
        "packages/cassandra",
        &[
            ("NODES", "5"),
            ("CASSANDRA_DOCKER_DRIVER_OPTIONS", "repl=2,io_priority=high"),
            ("CASSANDRA_INIT_SYSTEM_KEYSPACES", "false"),
            (
                "PLACEMENT_CONSTRAINT",
                "hostname:UNIQUE,rack_id:LIKE:rack-[12]",
            ),
        ],
    );
    let s = summarize(&loaded.spec);
    let node = pod(&s.pods, "node");
    assert_eq!(node.volumes[0].names.len(), 5);
    assert_eq!(node.volumes[0].names[4], "Cassandra-4");
    assert_eq!(
        node.volumes[0].px_inline_specs[0],
        "name=Cassandra-0;size=10;repl=2;io_priority=high;nodes=LocalNode"
    );
    assert_eq!(node.placement_rules.len(), 2);
    let first = &s.plans[0].phases[0].steps[0];
    assert_eq!(first.name, "node-0:[server]");
    assert_eq!(s.plans[0].phases[0].steps.len(), 5);
}

#[test]
fn fork_hdfs_summary_matches_the_files() {
    let loaded = load_pkg("packages/hdfs", &[]);
    let s = summarize(&loaded.spec);
    assert_eq!(s.name, "portworx-hdfs");
    let types: Vec<_> = s.pods.iter().map(|p| p.pod_type.as_str()).collect();
    assert_eq!(types, ["journal", "name", "data"]);
    let expect = [
        ("journal", 3, "HDFSJournalVolume", "journal-data"),
        ("name", 2, "HDFSNameVolume", "name-data"),
        ("data", 3, "HDFSDataVolume", "data-data"),
    ];
    for (t, count, base, path) in expect {
        let p = pod(&s.pods, t);
        assert_eq!(p.count, count, "{t}");
        assert!(p.placement_rules.is_empty(), "{t}: default placement is []");
        assert_eq!(p.volumes.len(), 1, "{t}");
        let v = &p.volumes[0];
        assert_eq!(v.size_mb, Some(5000));
        assert_eq!(v.container_path, path);
        let want: Vec<String> = (0..count).map(|i| format!("{base}-{i}")).collect();
        assert_eq!(v.names, want);
        assert_eq!(
            v.px_inline_specs[0],
            format!("name={base}-0;size=5;nodes=LocalNode")
        );
    }
    // The name pod's volume lives in its resource set, the data pod's on its task.
    assert_eq!(
        serde_json::to_value(&pod(&s.pods, "name").volumes[0].scope).unwrap(),
        serde_json::json!({"level": "resource-set", "name": "name-resources"})
    );
    let zkfc = pod(&s.pods, "name")
        .tasks
        .iter()
        .find(|t| t.name == "zkfc")
        .unwrap();
    assert!(!zkfc.essential);
    let deploy = &s.plans[0];
    let phases: Vec<_> = deploy
        .phases
        .iter()
        .map(|p| (p.name.as_str(), p.strategy))
        .collect();
    assert_eq!(
        phases,
        [
            ("journal", Strategy::Parallel),
            ("name", Strategy::Serial),
            ("zkfc", Strategy::Serial),
            ("data", Strategy::Parallel)
        ]
    );
    let name_steps: Vec<_> = deploy.phases[1]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        name_steps,
        [
            "name-0:[format]",
            "name-0:[node]",
            "name-1:[bootstrap]",
            "name-1:[node]"
        ]
    );
    let update = s.plans.iter().find(|p| p.name == "update").unwrap();
    assert_eq!(update.phases[1].steps[0].name, "name-0:[node, zkfc]");
    // SKIP_FORMAT flips the name phase to its default entry.
    let skipped = summarize(&load_pkg("packages/hdfs", &[("SKIP_FORMAT", "true")]).spec);
    let name_steps: Vec<_> = skipped.plans[0].phases[1]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(name_steps, ["name-0:[node]", "name-1:[node]"]);
}

#[test]
fn fork_helloworld_and_every_variant_validate() {
    let dir = fixtures().join("packages/helloworld");
    // Marathon gives the scheduler PORT_API (its port named `api`); web-url.yml uses it.
    let env = default_env("packages/helloworld", &[("PORT_API", "10000")]);
    let loaded = load(&read(&dir.join("svc.yml")), &env).unwrap();
    let s = summarize(&loaded.spec);
    let hello = pod(&s.pods, "hello");
    assert_eq!(hello.count, 1);
    assert_eq!(hello.volumes[0].names, ["helloVolume-0"]);
    assert_eq!(hello.placement_rules[0].to_string(), "hostname:UNIQUE");
    let world = pod(&s.pods, "world");
    assert!(world.allow_decommission);
    let names: Vec<_> = world.volumes.iter().map(|v| v.names.clone()).collect();
    assert_eq!(
        names,
        [
            ["worldVolume1-0", "worldVolume1-1"],
            ["worldVolume2-0", "worldVolume2-1"]
        ]
    );
    // No plans in svc.yml: the default deploy plan, one serial phase per pod type.
    assert!(s.plans[0].generated);
    let steps: Vec<_> = s.plans[0].phases[1]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(steps, ["world-0:[server]", "world-1:[server]"]);

    let mut variants: Vec<PathBuf> = std::fs::read_dir(dir.join("svc-variants"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    variants.sort();
    assert_eq!(variants.len(), 24);
    for path in variants {
        let loaded = load(&read(&path), &env).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let s = summarize(&loaded.spec);
        assert!(!s.pods.is_empty(), "{}", path.display());
        assert!(!s.plans.is_empty(), "{}", path.display());
    }
}

#[test]
fn helloworld_variant_details() {
    let dir = fixtures().join("packages/helloworld");
    let env = default_env("packages/helloworld", &[]);
    let variant = |name: &str| {
        summarize(
            &load(&read(&dir.join("svc-variants").join(name)), &env)
                .unwrap()
                .spec,
        )
    };
    let canary = variant("canary.yml");
    assert_eq!(canary.plans[0].strategy, Strategy::SerialCanary);
    assert_eq!(canary.plans[0].phases[0].strategy, Strategy::ParallelCanary);
    let overlay = variant("overlay.yml");
    assert_eq!(pod(&overlay.pods, "hello-overlay").networks, ["dcos"]);
    assert_eq!(
        pod(&overlay.pods, "hello-overlay-vip").tasks[0].ports[0]
            .vip
            .as_deref(),
        Some("overlay-vip:80")
    );
    let pre = variant("pre-reserved-sidecar.yml");
    let steps: Vec<_> = pre.plans[0].phases[0]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(steps, ["hello-0:[server]", "hello-0:[sidecar]"]);
    let gpu = variant("gpu_resource.yml");
    assert_eq!(pod(&gpu.pods, "hello").networks, ["dcos"]);
    let marathon = variant("marathon_constraint.yml");
    assert_eq!(
        pod(&marathon.pods, "world").volumes[0].kind,
        VolumeType::Root
    );
    assert!(pod(&marathon.pods, "world").volumes[0].names.is_empty());
}

#[test]
fn upstream_cassandra_root_and_external_volumes() {
    let loaded = load_pkg("packages-upstream/cassandra", &[]);
    let s = summarize(&loaded.spec);
    let node = pod(&s.pods, "node");
    assert_eq!(node.count, 3);
    assert_eq!(node.volumes[0].kind, VolumeType::Root);
    assert_eq!(node.placement_rules[0].to_string(), "hostname:MAX_PER:1");

    let loaded = load_pkg(
        "packages-upstream/cassandra",
        &[("CASSANDRA_EXTERNAL_VOLUME_ENABLED", "true")],
    );
    let s = summarize(&loaded.spec);
    let node = pod(&s.pods, "node");
    assert_eq!(node.volumes.len(), 1);
    let v = &node.volumes[0];
    assert_eq!(v.driver.as_deref(), Some("pxd"));
    assert_eq!(
        v.names,
        ["cassandra-node-0", "cassandra-node-1", "cassandra-node-2"]
    );
    assert_eq!(v.driver_options.get("size").map(String::as_str), Some("10"));
    assert_eq!(
        v.px_inline_specs[0],
        "name=cassandra-node-0;size=10;nodes=LocalNode"
    );

    let named = load_pkg(
        "packages-upstream/cassandra",
        &[
            ("CASSANDRA_EXTERNAL_VOLUME_ENABLED", "true"),
            ("CASSANDRA_EXTERNAL_VOLUME_NAME", "CassData"),
            (
                "CASSANDRA_EXTERNAL_VOLUME_DRIVER_OPTIONS",
                "size=20;repl=3;shared=true",
            ),
        ],
    );
    let named = summarize(&named.spec);
    let v = &pod(&named.pods, "node").volumes[0];
    assert!(v.shared);
    assert_eq!(v.names, ["CassData", "CassData", "CassData"]);
}

fn mapping(pkg: &str) -> BTreeMap<String, CountSource> {
    let dir = fixtures().join(pkg);
    count_mapping(
        &read(&dir.join("svc.yml")),
        &read(&dir.join("marathon.json.mustache")),
    )
    .unwrap_or_else(|e| panic!("{pkg}: {e}"))
}

fn option(option: &str, env: &str) -> CountSource {
    CountSource::Option {
        option: option.into(),
        env: env.into(),
    }
}

#[test]
fn count_mapping_of_the_real_packages() {
    let m = mapping("packages/cassandra");
    assert_eq!(m.len(), 1);
    assert_eq!(m["node"], option("nodes.count", "NODES"));

    let m = mapping("packages/hdfs");
    assert_eq!(
        m["journal"],
        CountSource::Literal {
            count: 3,
            env: None
        }
    );
    assert_eq!(
        m["name"],
        CountSource::Literal {
            count: 2,
            env: None
        }
    );
    assert_eq!(m["data"], option("data_node.count", "DATA_COUNT"));

    let m = mapping("packages/helloworld");
    assert_eq!(m["hello"], option("hello.count", "HELLO_COUNT"));
    assert_eq!(m["world"], option("world.count", "WORLD_COUNT"));

    let m = mapping("packages-upstream/cassandra");
    assert_eq!(m["node"], option("nodes.count", "NODES"));

    let dir = fixtures().join("packages/helloworld");
    let d = decommission_allowed(
        &read(&dir.join("svc.yml")),
        &read(&dir.join("marathon.json.mustache")),
    )
    .unwrap();
    assert_eq!(d.get("world"), Some(&true));
    assert_eq!(d.get("hello"), Some(&false));
    let dir = fixtures().join("packages/cassandra");
    let d = decommission_allowed(
        &read(&dir.join("svc.yml")),
        &read(&dir.join("marathon.json.mustache")),
    )
    .unwrap();
    assert_eq!(d.get("node"), Some(&false));
}
