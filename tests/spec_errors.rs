//! Bad specs produce precise messages naming the path and the line.

use pxfw::spec::{Diagnostic, Env, SpecError, load, load_rendered};

fn problems(yaml: &str) -> Vec<String> {
    match load_rendered(yaml) {
        Ok(loaded) => panic!(
            "expected an error, got a spec with warnings {:?}",
            loaded.warnings
        ),
        Err(e) => e
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::to_string)
            .collect(),
    }
}

const GOOD: &str = "\
name: svc
pods:
  node:
    count: 3
    placement: '[[\"hostname\", \"MAX_PER\", \"1\"]]'
    volume:
      path: data
      type: DOCKER
      docker_volume_driver: pxd
      docker_volume_name: Data
      size: 1024
    tasks:
      server:
        goal: RUNNING
        cmd: ./run
        cpus: 1
        memory: 1024
plans:
  deploy:
    strategy: serial
    phases:
      node-deploy:
        strategy: serial
        pod: node
        steps:
          - default: [[server]]
";

#[test]
fn the_base_spec_is_valid() {
    let loaded = load_rendered(GOOD).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn wrong_type_names_path_and_line() {
    let yaml = GOOD.replace("cpus: 1", "cpus: abc");
    assert_eq!(
        problems(&yaml),
        ["pods.node.tasks.server.cpus: expected a number, found \"abc\" (line 16)"]
    );
    let yaml = GOOD.replace("count: 3", "count: -2");
    assert_eq!(
        problems(&yaml),
        ["pods.node.count: expected a non-negative integer, found -2 (line 4)"]
    );
}

#[test]
fn malformed_yaml_gives_the_line() {
    let yaml = GOOD.replace("    count: 3\n", "    count: 3\n  - oops\n");
    let p = problems(&yaml);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("invalid YAML: "), "{}", p[0]);
    assert!(p[0].ends_with("(line 5)"), "{}", p[0]);
    let p = problems("");
    assert_eq!(
        p,
        ["the document is empty; a service spec needs at least `name` and `pods`"]
    );
}

#[test]
fn unknown_volume_type_and_unknown_field() {
    let yaml = GOOD.replace("type: DOCKER", "type: NFS");
    assert_eq!(
        problems(&yaml),
        [
            "pods.node.volume.type: unknown variant `NFS`, expected one of `ROOT`, `MOUNT`, `PATH`, `DOCKER` (line 8)"
        ]
    );
    let yaml = GOOD.replace("        cpus: 1\n", "        cpu: 1\n");
    let p = problems(&yaml);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("pods.node.tasks.server.cpu: unknown field `cpu`, expected one of"),
        "{}",
        p[0]
    );
    assert!(p[0].ends_with("(line 16)"), "{}", p[0]);
}

#[test]
fn constraint_errors_are_precise() {
    let yaml = GOOD.replace("\"MAX_PER\", \"1\"", "\"SPREAD\", \"1\"");
    assert_eq!(
        problems(&yaml),
        [
            "pods.node.placement: unknown operator `SPREAD` in `hostname:SPREAD:1`; expected one of UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER or IS (line 5)"
        ]
    );
    let yaml = GOOD.replace("\"MAX_PER\", \"1\"", "\"MAX_PER\", \"one\"");
    assert_eq!(
        problems(&yaml),
        [
            "pods.node.placement: MAX_PER in `hostname:MAX_PER:one` needs a non-negative integer, found `one` (line 5)"
        ]
    );
}

#[test]
fn semantic_errors_are_reported_together() {
    let yaml = GOOD
        .replace("docker_volume_driver: pxd", "docker_volume_driver: rexray")
        .replace("pod: node", "pod: nodes")
        .replace(
            "memory: 1024\n",
            "memory: 1024\n        resource-set: missing\n",
        );
    let p = problems(&yaml);
    assert_eq!(
        p,
        [
            "pods.node.volume.docker_volume_driver: unsupported docker volume driver `rexray`; the Portworx fork accepts only `pxd` (line 9)",
            "pods.node.tasks.server.resource-set: unknown resource set `missing`; this pod defines: (none) (line 18)",
            "pods.node.tasks.server: a task uses either `resource-set` or its own cpus/gpus/memory/ports/volumes, not both (line 13)",
            "plans.deploy.phases.node-deploy.pod: unknown pod type `nodes`; the spec defines: node (line 25)",
        ]
    );
}

#[test]
fn plan_steps_must_name_real_tasks() {
    let yaml = GOOD.replace("default: [[server]]", "0: [[server, sidecar]]");
    let e = load_rendered(&yaml).unwrap_err().diagnostics();
    assert_eq!(
        e[0].to_string(),
        "plans.deploy.phases.node-deploy.steps[0]: unknown task `sidecar` in pod type `node`; its tasks are: server (line 26)"
    );
    // Indices 1 and 2 have no steps: a warning, alongside the error.
    assert!(e.iter().any(|d| {
        !d.is_error()
            && d.message
                .contains("2 instance(s) of `node` (from `node-1`)")
    }));
}

#[test]
fn duplicate_keys_and_volume_name_collisions() {
    let yaml = GOOD.replace(
        "        memory: 1024\n",
        "        memory: 1024\n        memory: 2048\n",
    );
    let p = problems(&yaml);
    assert_eq!(
        p,
        [
            "pods.node.tasks.server.memory: duplicate key `memory`; each name may appear only once in a map (line 18)"
        ]
    );
    let two_pods = GOOD.replace(
        "plans:",
        "  other:\n    count: 1\n    volume: {path: d, type: DOCKER, docker_volume_driver: pxd, docker_volume_name: Data, size: 1}\n    tasks:\n      t: {goal: RUNNING, cmd: x, cpus: 1, memory: 1}\nplans:",
    );
    let p = problems(&two_pods);
    assert_eq!(
        p,
        [
            "pods.other: volume base name `Data` is also used by pod type `node`: instance 0 of both would mount `Data-0`; give each pod type its own name (line 18)"
        ]
    );
    let dup_pod = GOOD.replace("plans:", "  node:\n    count: 1\n    tasks: {}\nplans:");
    let p = problems(&dup_pod);
    assert!(p[0].starts_with("pods.node: duplicate key `node`"), "{p:?}");
}

#[test]
fn missing_template_variable_is_reported() {
    let template = GOOD.replace("count: 3", "count: {{NODES}}");
    let err = load(&template, &Env::new()).unwrap_err();
    let SpecError::Invalid(d) = &err else {
        panic!("{err}")
    };
    let text: Vec<String> = d.iter().map(Diagnostic::to_string).collect();
    assert_eq!(
        text,
        [
            "pods.node.count: expected a non-negative integer, found nothing (an empty value; is a template variable unset?) (line 4)",
            "the svc.yml template uses `NODES`, which is not set and renders empty; pass it with --env NODES=... (line 4)",
        ]
    );
    let ok = load(
        &template,
        &Env::from([("NODES".to_owned(), "5".to_owned())]),
    )
    .unwrap();
    assert_eq!(ok.spec.pods["node"].count, 5);
}

#[test]
fn bad_mustache_is_a_template_error() {
    let err = load("name: {{#x}}\n", &Env::new()).unwrap_err();
    assert!(matches!(err, SpecError::Template(_)));
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn bad_step_selector_and_strategy() {
    let yaml = GOOD.replace("- default: [[server]]", "- first: [[server]]");
    assert_eq!(
        problems(&yaml),
        [
            "plans.deploy.phases.node-deploy.steps[0]: step key must be a pod index (0, 1, ...) or `default`, found `first` (line 26)"
        ]
    );
    let yaml = GOOD.replace(
        "        strategy: serial\n        pod",
        "        strategy: random\n        pod",
    );
    let p = problems(&yaml);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("plans.deploy.phases.node-deploy.strategy: unknown variant `random`, expected one of `serial`, `parallel`"),
        "{}",
        p[0]
    );
    assert!(p[0].ends_with("(line 23)"), "{}", p[0]);
}
