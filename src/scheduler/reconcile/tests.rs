//! Every action the reconciler can return, from records and specs built in memory.

use std::collections::BTreeMap;

use super::*;
use crate::scheduler::plan::{Plan, plans_from_spec};
use crate::spec::load_rendered;

const SPEC: &str = r#"
name: hello
pods:
  hello:
    count: 2
    tasks:
      server: { goal: RUNNING, cmd: "sleep 1000", cpus: 0.1, memory: 32 }
      init: { goal: ONCE, cmd: "true", cpus: 0.1, memory: 32 }
"#;

const TARGET: &str = "config-2";
const NOW: i64 = 1_000_000;

fn spec() -> ServiceSpec {
    load_rendered(SPEC).unwrap().spec
}

/// A service with the spec's plans and the given pods.
fn service(pods: Vec<PodRecord>) -> ServiceRecord {
    let spec = spec();
    let mut plans: BTreeMap<String, Plan> = plans_from_spec(&spec, false)
        .into_iter()
        .map(|p| (p.name.clone(), p))
        .collect();
    plans.insert("recovery".into(), Plan::recovery());
    ServiceRecord {
        name: "hello".into(),
        template: SPEC.into(),
        env: BTreeMap::new(),
        files: BTreeMap::new(),
        configs: BTreeMap::new(),
        target_config: TARGET.into(),
        framework_id: "fw".into(),
        plans,
        pods: pods.into_iter().map(|p| (p.instance(), p)).collect(),
        deploy_completed_once: false,
        uninstalling: false,
        keep_volumes: false,
        created_ms: 0,
    }
}

/// A wanted launch of `hello-<index>-<name>` on `node`, current configuration, in `state`.
fn task(index: u32, name: &str, goal: Goal, state: Option<TaskState>, node: &str) -> TaskRecord {
    let instance = task_instance_name("hello", index, name);
    TaskRecord {
        task_id: format!("{instance}__1"),
        name: instance,
        spec_name: name.into(),
        node: node.into(),
        goal,
        state,
        message: String::new(),
        reason: None,
        ready: true,
        config_id: TARGET.into(),
        wanted: true,
        ports: BTreeMap::new(),
        extra_env: BTreeMap::new(),
        paused: false,
        pid: None,
        sandbox: None,
        launched_ms: 0,
        updated_ms: 0,
    }
}

/// `hello-<index>` on `node` with a running server.
fn pod(index: u32, node: &str) -> PodRecord {
    let server = task(
        index,
        "server",
        Goal::Running,
        Some(TaskState::Running),
        node,
    );
    PodRecord {
        pod_type: "hello".into(),
        index,
        node: Some(node.into()),
        tasks: BTreeMap::from([(server.name.clone(), server)]),
        ..PodRecord::default()
    }
}

fn step(index: u32, tasks: &[&str]) -> PodTasks {
    PodTasks {
        pod_type: "hello".into(),
        index,
        tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
    }
}

fn live(nodes: &[&str]) -> Liveness {
    Liveness {
        active: nodes.iter().map(|n| (*n).to_owned()).collect(),
        storage_offline: BTreeSet::new(),
    }
}

fn decide(
    pod: Option<&PodRecord>,
    step: &PodTasks,
    permanent: bool,
    nodes: &Liveness,
) -> PodAction {
    pod_step(&spec(), pod, step, permanent, TARGET, NOW, nodes)
}

#[test]
fn an_unknown_pod_type_fails_the_step() {
    let mut s = step(0, &["server"]);
    s.pod_type = "gone".into();
    assert_eq!(
        decide(None, &s, false, &live(&["a"])),
        PodAction::UnknownPodType
    );
}

#[test]
fn a_new_pod_is_placed() {
    assert_eq!(
        decide(None, &step(0, &["server"]), false, &live(&["a"])),
        PodAction::Place {
            tasks: vec!["server".into()]
        }
    );
}

#[test]
fn stale_failed_and_unwanted_launches_retire() {
    let mut p = pod(0, "a");
    p.tasks.get_mut("hello-0-server").unwrap().config_id = "config-1".into();
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::Retire {
            tasks: vec!["hello-0-server".into()]
        }
    );
    let mut p = pod(0, "a");
    p.tasks.get_mut("hello-0-server").unwrap().state = Some(TaskState::Failed);
    assert!(matches!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::Retire { .. }
    ));
    let mut p = pod(0, "a");
    p.tasks.get_mut("hello-0-server").unwrap().wanted = false;
    assert!(matches!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::Retire { .. }
    ));
}

#[test]
fn retiring_a_wanted_dead_task_counts_a_failure_and_backs_off() {
    let mut p = pod(0, "a");
    p.tasks.get_mut("hello-0-server").unwrap().state = Some(TaskState::Failed);
    retire(&mut p, &["hello-0-server".into()], NOW);
    assert!(p.tasks.is_empty());
    assert_eq!(p.retired.len(), 1);
    assert!(!p.retired[0].wanted);
    assert_eq!(p.failures, 1);
    assert_eq!(p.not_before_ms, NOW + backoff_ms(1));
    assert_eq!(backoff_ms(10), BACKOFF_MAX_MS);
}

#[test]
fn a_fence_kill_is_no_failure_and_adds_no_backoff() {
    // The agent (or its watchdog) killed the task because the node could not renew its lease: the pod
    // did nothing wrong, so it is relaunched at once and its failure count stays.
    let mut p = pod(0, "a");
    p.failures = 1;
    let t = p.tasks.get_mut("hello-0-server").unwrap();
    t.state = Some(TaskState::Killed);
    t.reason = Some(TerminalReason::Fenced);
    assert!(matches!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::Retire { .. }
    ));
    retire(&mut p, &["hello-0-server".into()], NOW);
    assert_eq!(p.retired.len(), 1);
    assert!(!p.retired[0].wanted);
    assert_eq!(p.failures, 1);
    assert_eq!(p.not_before_ms, 0);
    // Once the retired launch is confirmed dead, the pod relaunches in place without waiting.
    p.retired.clear();
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::RelaunchInPlace {
            node: "a".into(),
            tasks: vec!["server".into()]
        }
    );
    // The same death with any other reason is a failure.
    let mut q = pod(0, "a");
    let t = q.tasks.get_mut("hello-0-server").unwrap();
    t.state = Some(TaskState::Killed);
    t.reason = Some(TerminalReason::KillRequested);
    retire(&mut q, &["hello-0-server".into()], NOW);
    assert_eq!(q.failures, 1);
    assert_eq!(q.not_before_ms, NOW + backoff_ms(1));
}

#[test]
fn an_earlier_launch_that_may_run_is_waited_for() {
    let mut p = pod(0, "a");
    let old = p.tasks.remove("hello-0-server").unwrap();
    p.retired.push(old);
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::WaitForStop {
            tasks: vec!["hello-0-server".into()]
        }
    );
}

#[test]
fn a_failed_pod_waits_out_its_backoff() {
    let mut p = pod(0, "a");
    p.tasks.clear();
    p.failures = 2;
    p.not_before_ms = NOW + 1_500;
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::WaitBackoff {
            failures: 2,
            wait_ms: 1_500
        }
    );
}

#[test]
fn a_restart_stays_on_a_live_node_and_moves_off_a_dead_one() {
    let mut p = pod(0, "a");
    p.tasks.clear();
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::RelaunchInPlace {
            node: "a".into(),
            tasks: vec!["server".into()]
        }
    );
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["b"])),
        PodAction::Place {
            tasks: vec!["server".into()]
        }
    );
}

#[test]
fn a_permanent_move_retires_everything_then_takes_the_volumes_away() {
    let mut p = pod(0, "a");
    p.moving = true;
    assert!(matches!(
        decide(Some(&p), &step(0, &["server"]), true, &live(&["a"])),
        PodAction::Retire { .. }
    ));
    p.tasks.clear();
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), true, &live(&["a"])),
        PodAction::MigrateVolumes {
            from: Some("a".into()),
            force: false
        }
    );
    // A lost node, or one whose storage is offline, cannot detach by itself.
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), true, &live(&["b"])),
        PodAction::MigrateVolumes {
            from: Some("a".into()),
            force: true
        }
    );
    let mut offline = live(&["a"]);
    offline.storage_offline.insert("a".into());
    assert_eq!(
        decide(Some(&p), &step(0, &["server"]), true, &offline),
        PodAction::MigrateVolumes {
            from: Some("a".into()),
            force: true
        }
    );
    // A move is not permanent unless the step says so.
    assert!(matches!(
        decide(Some(&p), &step(0, &["server"]), false, &live(&["a"])),
        PodAction::RelaunchInPlace { .. }
    ));
}

#[test]
fn progress_is_complete_started_or_starting() {
    let p = pod(0, "a");
    let s = step(0, &["server"]);
    assert_eq!(
        decide(Some(&p), &s, false, &live(&["a"])),
        PodAction::Complete { node: "a".into() }
    );
    let mut unready = p.clone();
    unready.tasks.get_mut("hello-0-server").unwrap().ready = false;
    assert_eq!(
        decide(Some(&unready), &s, false, &live(&["a"])),
        PodAction::Started { node: "a".into() }
    );
    let mut staging = p.clone();
    staging.tasks.get_mut("hello-0-server").unwrap().state = Some(TaskState::Staging);
    assert_eq!(
        decide(Some(&staging), &s, false, &live(&["a"])),
        PodAction::Starting { node: "a".into() }
    );
    // A task meant to end is done once finished.
    let mut once = p.clone();
    let init = task(0, "init", Goal::Once, Some(TaskState::Finished), "a");
    once.tasks.insert(init.name.clone(), init);
    assert_eq!(
        decide(
            Some(&once),
            &step(0, &["server", "init"]),
            false,
            &live(&["a"])
        ),
        PodAction::Complete { node: "a".into() }
    );
}

#[test]
fn pods_on_lost_nodes_migrate() {
    let svc = service(vec![pod(0, "a"), pod(1, "b")]);
    assert_eq!(
        lost_node_recoveries(&svc, &["b".into()]),
        vec![Recovery::MigrateFromLostNode {
            pod: "hello-1".into(),
            node: "b".into(),
            tasks: step(1, &["server"]),
        }]
    );
    assert!(lost_node_recoveries(&svc, &["c".into()]).is_empty());
}

#[test]
fn a_task_dead_after_its_step_completed_is_relaunched() {
    let mut dead = pod(1, "b");
    dead.tasks.get_mut("hello-1-server").unwrap().state = Some(TaskState::Failed);
    let mut svc = service(vec![pod(0, "a"), dead]);
    // The deploy plan still drives hello-0 first (serial): hello-1 has no active step.
    assert_eq!(
        failure_recoveries(&svc, &spec()),
        vec![Recovery::RelaunchAfterFailure {
            tasks: step(1, &["server"])
        }]
    );
    svc.uninstalling = true;
    assert!(failure_recoveries(&svc, &spec()).is_empty());
}

#[test]
fn a_service_ends_when_its_uninstall_completes() {
    let mut svc = service(vec![]);
    assert_eq!(service_end(&svc), ServiceEnd::Continue);
    for phase in &mut svc.plans.get_mut("deploy").unwrap().phases {
        for s in &mut phase.steps {
            s.mark_complete("done".to_owned());
        }
    }
    assert_eq!(service_end(&svc), ServiceEnd::FirstDeployComplete);
    svc.deploy_completed_once = true;
    assert_eq!(service_end(&svc), ServiceEnd::Continue);
    svc.uninstalling = true;
    assert_eq!(service_end(&svc), ServiceEnd::Remove);
}

// ------------------------------------------------------------------------------------------- drain

fn services(pods: Vec<PodRecord>) -> BTreeMap<String, ServiceRecord> {
    BTreeMap::from([("hello".to_owned(), service(pods))])
}

fn at(pod: &str) -> PodRef {
    PodRef {
        service: "hello".into(),
        pod: pod.into(),
    }
}

/// What `pod replace` does to a pod when the drain moves it: its tasks unwanted and retired, the
/// pod marked moving (the engine's `recover_in` followed by `retire`).
fn start_move(svcs: &mut BTreeMap<String, ServiceRecord>, pod: &str) {
    let p = svcs.get_mut("hello").unwrap().pods.get_mut(pod).unwrap();
    let names: Vec<String> = p.tasks.keys().cloned().collect();
    for t in p.tasks.values_mut() {
        t.wanted = false;
    }
    p.moving = true;
    retire(p, &names, NOW);
}

#[test]
fn a_drain_moves_the_nodes_pods_one_at_a_time_each_after_the_previous_arrived() {
    let mut svcs = services(vec![pod(0, "n1"), pod(1, "n1"), pod(2, "n2")]);
    assert_eq!(pods_on("n1", &svcs), [at("hello-0"), at("hello-1")]);

    // The first pod of the node moves first; nothing else is chosen while it has not arrived.
    assert_eq!(
        drain_step("n1", None, &svcs),
        DrainStep::Move(at("hello-0"))
    );
    start_move(&mut svcs, "hello-0");
    let moving = at("hello-0");
    let wait = |svcs: &BTreeMap<String, ServiceRecord>| match drain_step("n1", Some(&moving), svcs)
    {
        DrainStep::Wait {
            pod,
            why,
            unplaceable,
        } => {
            assert_eq!(pod, moving, "only the pod moved last is waited for");
            (why, unplaceable)
        }
        other => panic!("expected a wait, got {other:?}"),
    };
    // Its task still runs on the drained node: the drain waits for it to stop.
    assert_eq!(
        wait(&svcs),
        ("stopping hello-0-server on n1".to_owned(), false)
    );
    // Stopped; the volumes are still being given up.
    let p = svcs
        .get_mut("hello")
        .unwrap()
        .pods
        .get_mut("hello-0")
        .unwrap();
    p.retired[0].state = Some(TaskState::Killed);
    assert_eq!(
        wait(&svcs),
        ("detaching its volumes from n1".to_owned(), false)
    );
    // Detached, but no node takes it: the drain says why, from the recovery step.
    let svc = svcs.get_mut("hello").unwrap();
    let p = svc.pods.get_mut("hello-0").unwrap();
    p.moving = false;
    p.node = None;
    let recovery = svc.plans.get_mut("recovery").unwrap();
    let r = recovery.add_recovery(step(0, &["server"]), true);
    recovery
        .step_mut(r)
        .unwrap()
        .mark_pending("0/2 nodes: 1 are draining, 1 lack 64 MB memory".to_owned());
    assert_eq!(
        wait(&svcs),
        (
            "no node takes it: 0/2 nodes: 1 are draining, 1 lack 64 MB memory".to_owned(),
            true
        )
    );
    // Placed on n2 and launched: starting, then running but not ready — still the only pod in motion.
    let p = svcs
        .get_mut("hello")
        .unwrap()
        .pods
        .get_mut("hello-0")
        .unwrap();
    p.node = Some("n2".into());
    let mut t = task(0, "server", Goal::Running, Some(TaskState::Starting), "n2");
    p.tasks.insert(t.name.clone(), t.clone());
    assert_eq!(wait(&svcs), ("starting on n2".to_owned(), false));
    t.state = Some(TaskState::Running);
    t.ready = false;
    p_insert(&mut svcs, "hello-0", t.clone());
    assert_eq!(
        wait(&svcs),
        ("running on n2, waiting for readiness".to_owned(), false)
    );
    // Running and ready elsewhere: now the next pod moves.
    t.ready = true;
    p_insert(&mut svcs, "hello-0", t);
    assert_eq!(pods_on("n1", &svcs), [at("hello-1")]);
    assert_eq!(
        drain_step("n1", Some(&moving), &svcs),
        DrainStep::Move(at("hello-1"))
    );
    // Once the last one arrived elsewhere, the node runs nothing and the drain is done.
    start_move(&mut svcs, "hello-1");
    let p = svcs
        .get_mut("hello")
        .unwrap()
        .pods
        .get_mut("hello-1")
        .unwrap();
    p.retired.clear();
    p.moving = false;
    p.node = Some("n3".into());
    let t = task(1, "server", Goal::Running, Some(TaskState::Running), "n3");
    p.tasks.insert(t.name.clone(), t);
    assert_eq!(
        drain_step("n1", Some(&at("hello-1")), &svcs),
        DrainStep::Done
    );
    assert!(pods_on("n1", &svcs).is_empty());
}

fn p_insert(svcs: &mut BTreeMap<String, ServiceRecord>, pod: &str, t: TaskRecord) {
    let p = svcs.get_mut("hello").unwrap().pods.get_mut(pod).unwrap();
    p.tasks.insert(t.name.clone(), t);
}

#[test]
fn a_drain_leaves_finished_pods_and_waits_for_an_uninstall_instead_of_moving_its_pods() {
    // A pod whose tasks all finished runs nothing: the node is drained.
    let mut done = pod(0, "n1");
    for t in done.tasks.values_mut() {
        t.goal = Goal::Once;
        t.state = Some(TaskState::Finished);
    }
    let mut svcs = services(vec![done, pod(1, "n2")]);
    assert_eq!(drain_step("n1", None, &svcs), DrainStep::Done);
    // A pod moved earlier whose service was removed since is not waited for.
    assert_eq!(
        drain_step(
            "n1",
            Some(&PodRef {
                service: "gone".into(),
                pod: "x-0".into()
            }),
            &svcs
        ),
        DrainStep::Done
    );
    // A pod recorded as moved that is back on the drained node (undrained and drained again) moves again.
    svcs.insert("hello".into(), service(vec![pod(0, "n1")]));
    assert_eq!(
        drain_step("n1", Some(&at("hello-0")), &svcs),
        DrainStep::Move(at("hello-0"))
    );
    // A service being uninstalled is stopped by its uninstall, not moved.
    svcs.insert("hello".into(), service(vec![pod(0, "n1")]));
    svcs.get_mut("hello").unwrap().uninstalling = true;
    assert_eq!(
        drain_step("n1", None, &svcs),
        DrainStep::Wait {
            pod: at("hello-0"),
            why: "service hello is being uninstalled".into(),
            unplaceable: false
        }
    );
}
