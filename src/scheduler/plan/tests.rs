use std::collections::BTreeMap;

use super::*;
use crate::spec::load_rendered;

const TWO_PODS: &str = r#"
name: hello
pods:
  hello:
    count: 2
    tasks:
      server: { goal: RUNNING, cmd: "sleep 1000", cpus: 0.1, memory: 32 }
  world:
    count: 2
    allow-decommission: true
    volume: { path: data, type: DOCKER, docker_volume_driver: pxd, docker_volume_name: wv, size: 1024 }
    tasks:
      server: { goal: RUNNING, cmd: "sleep 1000", cpus: 0.1, memory: 32 }
      sidecar: { goal: ONCE, cmd: "true", cpus: 0.1, memory: 32 }
plans:
  backup:
    strategy: serial
    phases:
      snap:
        strategy: parallel
        pod: world
        steps:
          - default: [[sidecar]]
"#;

fn spec(text: &str) -> crate::spec::ServiceSpec {
    load_rendered(text).expect("test spec is valid").spec
}

fn launch(pod: &str, index: u32) -> Step {
    Step::new(
        format!("{pod}-{index}:[server]"),
        StepKind::Launch(PodTasks {
            pod_type: pod.into(),
            index,
            tasks: vec!["server".into()],
        }),
    )
}

fn phase(name: &str, strategy: Strategy, n: u32) -> Phase {
    Phase::new(name, strategy, (0..n).map(|i| launch(name, i)).collect())
}

fn message(o: &Outcome) -> String {
    match o {
        Outcome::Done(message) => message.clone(),
        other => panic!("expected Done, got {other:?}"),
    }
}

#[test]
fn aggregate_rules_in_order() {
    use Status::*;
    assert_eq!(aggregate(&[Complete], &[], true, false), Error);
    assert_eq!(aggregate(&[Complete, Error], &[], false, false), Error);
    assert_eq!(aggregate(&[Complete, Complete], &[], false, true), Complete);
    assert_eq!(aggregate(&[], &[], false, false), Complete);
    assert_eq!(aggregate(&[Pending], &[], false, true), Waiting);
    assert_eq!(
        aggregate(&[Prepared, Pending], &[Pending], false, false),
        InProgress
    );
    assert_eq!(
        aggregate(&[Waiting, Pending], &[Waiting], false, false),
        Waiting
    );
    assert_eq!(
        aggregate(&[InProgress], &[InProgress], false, false),
        InProgress
    );
    assert_eq!(
        aggregate(&[Complete, Starting], &[Starting], false, false),
        InProgress
    );
    assert_eq!(
        aggregate(&[Pending, Pending], &[Pending], false, false),
        Pending
    );
    assert_eq!(aggregate(&[Pending, Waiting], &[], false, false), Waiting);
    assert_eq!(
        aggregate(&[Starting, Pending], &[Starting], false, false),
        Starting
    );
    assert_eq!(
        aggregate(&[Started, Pending], &[Started], false, false),
        Started
    );
    assert_eq!(
        aggregate(&[Delayed, Pending], &[Delayed], false, false),
        Delayed
    );
    assert_eq!(aggregate(&[Pending], &[], false, false), Error);
}

#[test]
fn default_deploy_plan_is_serial_per_pod_type() {
    let plans = plans_from_spec(&spec(TWO_PODS), false);
    let names: Vec<&str> = plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["deploy", "recovery", "backup"]);
    let deploy = &plans[0];
    assert_eq!(deploy.strategy, Strategy::Serial);
    let phases: Vec<&str> = deploy.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, ["hello", "world"]);
    assert_eq!(deploy.phases[1].steps[0].name, "world-0:[server, sidecar]");
    assert_eq!(deploy.status(), Status::Pending);
    assert_eq!(plans[1].status(), Status::Complete, "empty recovery plan");
    assert_eq!(
        plans[2].status(),
        Status::Waiting,
        "custom plans start interrupted"
    );
    assert!(plans[2].next_steps().is_empty());
}

#[test]
fn update_plan_serves_as_deploy_after_first_deployment() {
    let text = TWO_PODS.replace(
        "  backup:",
        "  update:\n    strategy: serial\n    phases:\n      roll:\n        pod: hello\n  backup:",
    );
    let s = spec(&text);
    let before: Vec<String> = plans_from_spec(&s, false)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(before, ["deploy", "recovery", "backup"]);
    let after = plans_from_spec(&s, true);
    assert_eq!(after[0].name, "deploy");
    assert_eq!(after[0].phases[0].name, "roll");
    assert!(after.iter().all(|p| p.name != "update"));
}

#[test]
fn serial_rollout_hands_out_one_step_at_a_time() {
    let mut plan = Plan::new(
        "deploy",
        Strategy::Serial,
        vec![phase("node", Strategy::Serial, 3)],
    );
    assert_eq!(plan.next_steps(), [StepRef { phase: 0, step: 0 }]);
    let first = plan.next_steps()[0];
    plan.step_mut(first)
        .unwrap()
        .mark_starting("launching".to_owned());
    assert_eq!(plan.status(), Status::Starting);
    assert_eq!(
        plan.next_steps(),
        [first],
        "in-flight step is watched, nothing else"
    );
    plan.step_mut(first).unwrap().mark_complete(None);
    assert_eq!(plan.status(), Status::InProgress);
    assert_eq!(plan.next_steps(), [StepRef { phase: 0, step: 1 }]);
    let second = plan.next_steps()[0];
    plan.step_mut(second)
        .unwrap()
        .mark_error("bad config".to_owned());
    assert_eq!(plan.status(), Status::Error);
    assert!(
        plan.next_steps().is_empty(),
        "an ERROR step blocks a serial phase"
    );
}

#[test]
fn parallel_phase_offers_every_unfinished_step() {
    let plan = Plan::new(
        "p",
        Strategy::Serial,
        vec![phase("node", Strategy::Parallel, 3)],
    );
    assert_eq!(plan.next_steps().len(), 3);
}

#[test]
fn canary_needs_two_continues() {
    let mut plan = Plan::new(
        "deploy",
        Strategy::Serial,
        vec![phase("node", Strategy::SerialCanary, 3)],
    );
    assert_eq!(plan.status(), Status::Waiting);
    assert!(plan.next_steps().is_empty());
    assert_eq!(message(&plan.proceed(None)), "Received cmd: continue");
    assert_eq!(plan.next_steps(), [StepRef { phase: 0, step: 0 }]);
    plan.phases[0].steps[0].mark_complete(None);
    assert_eq!(plan.status(), Status::Waiting, "held after the canary step");
    assert!(plan.next_steps().is_empty());
    plan.proceed(None);
    assert_eq!(plan.next_steps(), [StepRef { phase: 0, step: 1 }]);
    assert_eq!(plan.status(), Status::InProgress);
}

#[test]
fn interrupt_and_continue_answer_208_when_nothing_changes() {
    let mut plan = Plan::new(
        "deploy",
        Strategy::Serial,
        vec![phase("node", Strategy::Serial, 2)],
    );
    assert_eq!(message(&plan.interrupt(None)), "Received cmd: interrupt");
    assert_eq!(plan.interrupt(None), Outcome::AlreadyReported);
    assert_eq!(plan.status(), Status::Waiting);
    assert!(plan.next_steps().is_empty());
    assert!(matches!(plan.proceed(None), Outcome::Done(_)));
    plan.phases[0].steps[0].mark_starting(None);
    assert_eq!(plan.proceed(None), Outcome::AlreadyReported, "running");
    assert_eq!(plan.interrupt(Some("nope")), Outcome::NotFound);
    assert!(matches!(plan.interrupt(Some("node")), Outcome::Done(_)));
    assert_eq!(plan.interrupt(Some("node")), Outcome::AlreadyReported);
    let id = plan.phases[0].id.to_string();
    // An interrupted phase shows WAITING (rule 3) even with a step in flight, so it resumes.
    assert_eq!(plan.phases[0].status(), Status::Waiting);
    assert!(matches!(plan.proceed(Some(&id)), Outcome::Done(_)));
    assert_eq!(
        plan.proceed(Some(&id)),
        Outcome::AlreadyReported,
        "running again"
    );
}

#[test]
fn start_validates_names_and_restarts_a_complete_plan() {
    let mut plans = plans_from_spec(&spec(TWO_PODS), false);
    let backup = &mut plans[2];
    let mut bad = BTreeMap::new();
    bad.insert("9X".to_owned(), "v".to_owned());
    assert_eq!(
        backup.start(bad),
        Outcome::BadRequest(
            "Couldn't parse parameters: 9X is not a valid environment variable name".into()
        )
    );
    let mut params = BTreeMap::new();
    params.insert("SNAPSHOT_NAME".to_owned(), "nightly".to_owned());
    params.insert("A".to_owned(), "1".to_owned());
    let done = backup.start(params);
    assert_eq!(
        message(&done),
        "Received cmd: start backup with parameters: {A=1, SNAPSHOT_NAME=nightly}"
    );
    assert_eq!(backup.status(), Status::Pending);
    assert_eq!(backup.next_steps().len(), 2, "parallel phase");
    for s in &mut backup.phases[0].steps {
        s.mark_complete(None);
    }
    assert_eq!(backup.status(), Status::Complete);
    backup.start(BTreeMap::new());
    assert_eq!(
        backup.status(),
        Status::Pending,
        "a complete plan starts over"
    );
    assert!(backup.parameters.is_empty());
}

#[test]
fn stop_pauses_and_resets() {
    let mut plan = Plan::new(
        "p",
        Strategy::Serial,
        vec![phase("node", Strategy::Serial, 2)],
    );
    plan.phases[0].steps[0].mark_complete(None);
    assert_eq!(message(&plan.stop()), "Received cmd: stop");
    assert_eq!(plan.status(), Status::Waiting);
    assert!(
        plan.phases[0]
            .steps
            .iter()
            .all(|s| s.stored_status() == Status::Pending)
    );
    assert_eq!(message(&plan.stop()), "Received cmd: stop", "never 208");
}

#[test]
fn force_complete_and_restart_targets() {
    let mut plan = Plan::new(
        "deploy",
        Strategy::Serial,
        vec![
            phase("node", Strategy::Serial, 2),
            phase("web", Strategy::Serial, 1),
        ],
    );
    let done = plan.force_complete(Some("node"), Some("node-1:[server]"));
    assert_eq!(
        message(&done),
        "Received cmd: forceComplete for Plan: deploy, Phase: node, Step: node-1:[server]"
    );
    assert!(plan.phases[0].steps[1].is_complete());
    assert_eq!(
        plan.force_complete(Some("node"), Some("node-1:[server]")),
        Outcome::AlreadyReported
    );
    assert_eq!(
        plan.force_complete(None, Some("node-1:[server]")),
        Outcome::NotFound
    );
    assert_eq!(
        plan.force_complete(Some("node"), Some("missing")),
        Outcome::NotFound
    );
    let step_id = plan.phases[0].steps[0].id.to_string();
    assert!(matches!(
        plan.force_complete(Some("node"), Some(&step_id)),
        Outcome::Done(_)
    ));
    assert_eq!(
        message(&plan.force_complete(None, None)),
        "Received cmd: forceComplete for Plan: deploy, Phase: null, Step: null"
    );
    assert_eq!(plan.status(), Status::Complete);
    assert_eq!(plan.force_complete(None, None), Outcome::AlreadyReported);

    assert_eq!(
        message(&plan.restart_element(Some("web"), None)),
        "Received cmd: restart for Plan: deploy, Phase: web, Step: null"
    );
    assert_eq!(plan.phases[1].status(), Status::Pending);
    assert_eq!(
        plan.restart_element(Some("web"), None),
        Outcome::AlreadyReported
    );
    assert_eq!(plan.status(), Status::InProgress);
    plan.restart_element(None, None);
    assert_eq!(plan.status(), Status::Pending);
    assert_eq!(plan.restart_element(None, None), Outcome::AlreadyReported);
}

#[test]
fn step_name_must_be_unique_in_its_phase() {
    let mut p = phase("node", Strategy::Serial, 2);
    p.steps[1].name = p.steps[0].name.clone();
    let mut plan = Plan::new("p", Strategy::Serial, vec![p]);
    assert_eq!(
        plan.force_complete(Some("node"), Some("node-0:[server]")),
        Outcome::NotFound
    );
}

#[test]
fn recovery_phases_are_named_after_the_step() {
    let mut plan = Plan::recovery();
    let pod = PodTasks {
        pod_type: "node".into(),
        index: 0,
        tasks: vec!["server".into()],
    };
    let at = plan.add_recovery(pod.clone(), false);
    assert_eq!(plan.phases[0].name, "node-0:[server]");
    assert_eq!(plan.phases[0].strategy, Strategy::Parallel);
    assert_eq!(plan.step(at).unwrap().name, "node-0:[server]");
    assert_eq!(
        plan.add_recovery(pod.clone(), true),
        at,
        "unfinished recovery reused"
    );
    assert!(matches!(
        plan.step(at).unwrap().kind,
        StepKind::Recover {
            permanent: true,
            ..
        }
    ));
    assert_eq!(plan.next_steps(), [at]);
    plan.step_mut(at).unwrap().mark_complete(None);
    assert_eq!(plan.status(), Status::Complete);
    let again = plan.add_recovery(pod, false);
    assert_eq!(plan.phases.len(), 1, "finished phase replaced");
    assert_eq!(plan.step(again).unwrap().stored_status(), Status::Pending);
}

#[test]
fn decommission_removes_highest_index_bottom_type_first() {
    let old = spec(TWO_PODS);
    let mut new = old.clone();
    new.pods.get_mut("world").unwrap().count = 0;
    let removals = Decommission::between(&old, &new, true);
    let names: Vec<String> = removals
        .iter()
        .map(|r| format!("{}-{}", r.pod_type, r.index))
        .collect();
    assert_eq!(names, ["world-1", "world-0"]);
    let plan = Plan::decommission(&removals);
    assert_eq!(plan.name, "decommission");
    assert_eq!(plan.phases[0].name, "world-1");
    let steps: Vec<&str> = plan.phases[0]
        .steps
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        steps,
        [
            "kill-world-1-server",
            "kill-world-1-sidecar",
            "unreserve-wv-1",
            "delete-wv-1",
            "erase-world-1-server",
            "erase-world-1-sidecar"
        ]
    );
    let kept = Plan::decommission(&Decommission::between(&old, &new, false));
    assert!(
        kept.phases[0]
            .steps
            .iter()
            .all(|s| !s.name.starts_with("delete-"))
    );
}

#[test]
fn uninstall_plan_is_served_as_deploy() {
    let tasks = [UninstallTask {
        task: "node-0-server".into(),
        task_id: "node-0-server__1234".into(),
    }];
    let plan = Plan::uninstall(&tasks, &["vol-0".to_owned()], true);
    assert_eq!(plan.name, "deploy");
    let phases: Vec<&str> = plan.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        phases,
        [
            "kill-tasks",
            "release-volumes",
            "delete-volumes",
            "deregister-service"
        ]
    );
    assert_eq!(
        plan.phases[0].steps[0].name,
        "kill-task-node-0-server__1234"
    );
    assert_eq!(plan.phases[3].steps[0].name, "deregister");
    assert_eq!(plan.progress(), Progress::InProgress);
    let kept = Plan::uninstall(&tasks, &["vol-0".to_owned()], false);
    assert_eq!(kept.phases.len(), 3);
}

#[test]
fn json_matches_the_sdk_shape_and_status_codes() {
    let mut plan = Plan::new(
        "deploy",
        Strategy::Serial,
        vec![phase("node", Strategy::Serial, 2)],
    );
    plan.phases[0].steps[0].mark_complete(None);
    let json: serde_json::Value = serde_json::from_str(&wire_body(&plan)).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut plan_keys = keys(&json);
    plan_keys.sort();
    assert_eq!(plan_keys, ["errors", "phases", "status", "strategy"]);
    assert_eq!(json["status"], "IN_PROGRESS");
    assert_eq!(json["strategy"], "serial");
    let phase = &json["phases"][0];
    assert_eq!(phase["name"], "node");
    assert_eq!(phase["status"], "IN_PROGRESS");
    let step = &phase["steps"][0];
    assert_eq!(step["status"], "COMPLETE");
    let id = plan.phases[0].steps[0].id;
    assert_eq!(
        step["message"],
        format!(
            "com.mesosphere.sdk.scheduler.plan.DeploymentStep: 'node-0:[server] [{id}]' has status: 'COMPLETE'."
        )
    );
    assert!(
        wire_body(&plan).contains("\n  \"phases\""),
        "2-space pretty print"
    );
    assert_eq!(plan.progress(), Progress::InProgress);
    // The body parses with the client's own types.
    let wire: crate::api::sdk::PlanView = serde_json::from_str(&wire_body(&plan)).unwrap();
    assert_eq!(wire.phases[0].steps.len(), 2);
    plan.phases[0].steps[1].mark_complete(None);
    assert_eq!(plan.progress(), Progress::Complete);
    plan.errors
        .push("Field: 'x'; Value: 'y'; Message: 'z'".into());
    assert_eq!(plan.progress(), Progress::Errors);
    assert_eq!(plan.status(), Status::Error);
}

#[test]
fn a_waiting_step_carries_its_reason_on_the_wire() {
    let mut plan = Plan::new(
        "deploy",
        Strategy::Serial,
        vec![phase("node", Strategy::Serial, 3)],
    );
    plan.phases[0].steps[0].mark_complete("running on a".to_owned());
    plan.phases[0].steps[1].mark_pending("0/3 nodes: 3 lack 4096 MB memory".to_owned());
    let wire = plan.to_wire();
    let steps = &wire.phases[0].steps;
    assert_eq!(steps[0].reason, None, "a complete step waits for nothing");
    assert_eq!(
        steps[1].reason.as_deref(),
        Some("0/3 nodes: 3 lack 4096 MB memory")
    );
    assert_eq!(steps[2].reason, None, "no reason known yet");
}

#[test]
fn plans_round_trip_through_serde() {
    let mut plan = plans_from_spec(&spec(TWO_PODS), false).remove(0);
    plan.phases[0].steps[0].mark_started("waiting for readiness".to_owned());
    plan.interrupt(Some("world"));
    let text = serde_json::to_string(&plan).unwrap();
    let back: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(back.status(), plan.status());
}

#[test]
fn paused_step_shows_waiting_and_is_not_handed_out() {
    let mut plan = Plan::new(
        "p",
        Strategy::Serial,
        vec![phase("node", Strategy::Parallel, 2)],
    );
    plan.phases[0].steps[0].interrupted = true;
    assert_eq!(plan.phases[0].steps[0].status(), Status::Waiting);
    assert_eq!(plan.next_steps(), [StepRef { phase: 0, step: 1 }]);
    assert_eq!(
        plan.status(),
        Status::Waiting,
        "rule 5: a candidate is WAITING"
    );
}

/// The plan body as the server serves it: the wire view, pretty-printed.
fn wire_body(plan: &Plan) -> String {
    serde_json::to_string_pretty(&plan.to_wire()).unwrap()
}
