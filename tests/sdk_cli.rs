//! The SDK service commands (`plan`, `pod`, `endpoints`, `debug`) run as a user runs them: the `pxfw` binary
//! against a scripted scheduler on 127.0.0.1 that checks the method, path, query, headers and body of every
//! request.
//!
//! Replies are the recorded dcos-commons CLI test responses (`fixtures/responses/.../scheduler`) and bodies
//! built from the contract's examples for both API generations (`tests/golden/sdk/input`). Expected output
//! (`tests/golden/sdk/*.tree|*.out`) was written by hand from the Go CLI's formats in
//! contracts/sdk-scheduler-api.md §6 and is compared byte for byte.

use crate::support::mock::{Expect, Mock};
use crate::support::{Pxfw, Run};

const SVC: &str = "hello-world";
const TOKEN: &str = "test-token";

fn recorded(name: &str) -> Vec<u8> {
    crate::support::read_fixture(&format!(
        "responses/cli/queries/testdata/responses/scheduler/{name}"
    ))
}

fn golden_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/sdk")
        .join(rel)
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(golden_path(name)).unwrap_or_else(|e| panic!("golden {name}: {e}"))
}

fn input(name: &str) -> Vec<u8> {
    std::fs::read(golden_path(&format!("input/{name}")))
        .unwrap_or_else(|e| panic!("input {name}: {e}"))
}

fn path(rel: &str) -> String {
    format!("/service/{SVC}/v1/{rel}")
}

/// Runs `pxfw <args> --name hello-world` against the mock.
fn pxfw(mock: &Mock, args: &[&str]) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--name", SVC]);
    Pxfw::with_env_cluster(&mock.url(), TOKEN).run(&all)
}

fn json_reply(e: Expect, body: &[u8]) -> Expect {
    e.reply("application/json", body)
}

fn text_reply(e: Expect, body: &[u8]) -> Expect {
    e.reply("text/plain", body)
}

/// An error is reported on one line of stderr and nothing on stdout.
fn assert_one_line_error(run: &Run, needle: &str) {
    assert!(
        run.stdout.is_empty(),
        "stdout should be empty: {:?}",
        run.stdout
    );
    assert_eq!(
        run.stderr.trim_end().lines().count(),
        1,
        "one line on stderr: {:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains(needle),
        "stderr {:?} should contain {needle:?}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------------------
// plan status / list
// ---------------------------------------------------------------------------------------------------------

#[test]
fn plan_status_tree_of_the_recorded_plan() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")).token(TOKEN).status(202),
        &recorded("plan-status.json"),
    ));
    let run = pxfw(&mock, &["plan", "status", "deploy"]).ok();
    assert_eq!(run.stdout, golden("plan-status.tree"));
    mock.verify();
}

#[test]
fn plan_status_json_is_the_scheduler_json_reindented() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")).status(202),
        &recorded("plan-status.json"),
    ));
    let run = pxfw(&mock, &["plan", "show", "deploy", "--json"]).ok();
    assert_eq!(run.stdout, golden("plan-status.json.out"));
    mock.verify();
}

#[test]
fn plan_status_417_is_shown_with_errors_not_failed() {
    let mock = Mock::start();
    let body = input("upstream-plan-errors.json");
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")).status(417),
        &body,
    ));
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")).status(417),
        &body,
    ));
    assert_eq!(
        pxfw(&mock, &["plan", "status", "deploy"]).ok().stdout,
        golden("upstream-plan-errors.tree")
    );
    assert_eq!(
        pxfw(&mock, &["plan", "status", "deploy", "--json"])
            .ok()
            .stdout,
        golden("upstream-plan-errors.json.out")
    );
    mock.verify();
}

#[test]
fn plan_status_of_fork_recovery_waiting_and_uninstall_plans() {
    let mock = Mock::start();
    mock.expect(
        json_reply(
            Expect::get(&path("plans/recovery")).status(202),
            &input("fork-recovery-plan.json"),
        )
        .times(2),
    );
    mock.expect(json_reply(
        Expect::get(&path("plans/backup-s3")).status(202),
        &input("waiting-plan.json"),
    ));
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")),
        &input("fork-uninstall-complete.json"),
    ));
    assert_eq!(
        pxfw(&mock, &["plan", "status", "recovery"]).ok().stdout,
        golden("fork-recovery-plan.tree")
    );
    assert_eq!(
        pxfw(&mock, &["plan", "status", "recovery", "--json"])
            .ok()
            .stdout,
        golden("fork-recovery-plan.json.out")
    );
    assert_eq!(
        pxfw(&mock, &["plan", "status", "backup-s3"]).ok().stdout,
        golden("waiting-plan.tree")
    );
    assert_eq!(
        pxfw(&mock, &["plan", "status", "deploy"]).ok().stdout,
        golden("fork-uninstall-complete.tree")
    );
    mock.verify();
}

#[test]
fn plan_list_prints_the_recorded_lists() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("plans")),
        &recorded("plans.json"),
    ));
    mock.expect(json_reply(
        Expect::get(&path("plans")),
        &recorded("plans-no-update.json"),
    ));
    assert_eq!(
        pxfw(&mock, &["plan", "list"]).ok().stdout,
        golden("plans.out")
    );
    assert_eq!(
        pxfw(&mock, &["plan", "list"]).ok().stdout,
        golden("plans-no-update.out")
    );
    mock.verify();
}

#[test]
fn service_folders_become_path_segments() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get("/service/prod/cassandra/v1/plans"),
        &recorded("plans.json"),
    ));
    let run = Pxfw::with_env_cluster(&mock.url(), TOKEN).run(&[
        "plan",
        "list",
        "--name",
        "/prod/cassandra",
    ]);
    assert_eq!(run.ok().stdout, golden("plans.out"));
    mock.verify();
}

// ---------------------------------------------------------------------------------------------------------
// plan actions
// ---------------------------------------------------------------------------------------------------------

/// A POST with no body and no content type, as the Go CLI's `HTTPServicePostQuery` sends.
fn bare_post(rel: &str, query: &[(&str, &str)]) -> Expect {
    Expect::post(&path(rel))
        .query(query)
        .token(TOKEN)
        .empty_body()
        .no_header("content-type")
}

#[test]
fn pause_and_resume_with_and_without_phase() {
    let mock = Mock::start();
    mock.expect(json_reply(
        bare_post("plans/deploy/interrupt", &[]),
        &recorded("interrupt.json"),
    ));
    mock.expect(json_reply(
        bare_post("plans/deploy/interrupt", &[("phase", "hello")]),
        &recorded("interrupt.json"),
    ));
    mock.expect(json_reply(
        bare_post("plans/deploy/continue", &[]),
        &recorded("continue.json"),
    ));
    mock.expect(json_reply(
        bare_post("plans/deploy/continue", &[("phase", "hello")]),
        &recorded("continue.json"),
    ));
    assert_eq!(
        pxfw(&mock, &["plan", "pause", "deploy"]).ok().stdout,
        "\"deploy\" plan has been paused.\n"
    );
    assert_eq!(
        pxfw(&mock, &["plan", "interrupt", "deploy", "hello"])
            .ok()
            .stdout,
        "\"deploy\" plan: phase \"hello\" has been paused.\n"
    );
    assert_eq!(
        pxfw(&mock, &["plan", "resume", "deploy"]).ok().stdout,
        "\"deploy\" plan has been resumed.\n"
    );
    assert_eq!(
        pxfw(&mock, &["plan", "continue", "deploy", "hello"])
            .ok()
            .stdout,
        "\"deploy\" plan: phase \"hello\" has been resumed.\n"
    );
    mock.verify();
}

#[test]
fn force_restart_at_each_level_and_force_complete() {
    let mock = Mock::start();
    mock.expect(json_reply(
        bare_post("plans/deploy/restart", &[]),
        &recorded("restart.json"),
    ));
    mock.expect(json_reply(
        bare_post("plans/deploy/restart", &[("phase", "hello")]),
        &recorded("restart.json"),
    ));
    mock.expect(json_reply(
        bare_post(
            "plans/deploy/restart",
            &[("phase", "hello"), ("step", "hello-0:[server]")],
        ),
        &recorded("restart.json"),
    ));
    mock.expect(json_reply(
        bare_post(
            "plans/deploy/forceComplete",
            &[("phase", "hello"), ("step", "hello-0:[server]")],
        ),
        &recorded("force-complete.json"),
    ));
    assert_eq!(
        pxfw(&mock, &["plan", "force-restart", "deploy"])
            .ok()
            .stdout,
        "\"deploy\" plan has been restarted.\n"
    );
    assert_eq!(
        pxfw(&mock, &["plan", "restart", "deploy", "hello"])
            .ok()
            .stdout,
        "\"deploy\" plan: phase \"hello\" has been restarted.\n"
    );
    assert_eq!(
        pxfw(
            &mock,
            &[
                "plan",
                "force-restart",
                "deploy",
                "hello",
                "hello-0:[server]"
            ]
        )
        .ok()
        .stdout,
        "\"deploy\" plan: step \"hello-0:[server]\" in phase \"hello\" has been restarted.\n"
    );
    assert_eq!(
        pxfw(
            &mock,
            &["plan", "force", "deploy", "hello", "hello-0:[server]"]
        )
        .ok()
        .stdout,
        "\"deploy\" plan: step \"hello-0:[server]\" in phase \"hello\" has been forced to complete.\n"
    );
    mock.verify();
}

#[test]
fn plan_actions_with_json_print_the_reply() {
    let mock = Mock::start();
    for (rel, file) in [
        ("plans/deploy/interrupt", "interrupt"),
        ("plans/deploy/continue", "continue"),
        ("plans/deploy/restart", "restart"),
        ("plans/deploy/forceComplete", "force-complete"),
    ] {
        mock.expect(json_reply(
            Expect::post(&path(rel)),
            &recorded(&format!("{file}.json")),
        ));
    }
    let args: [&[&str]; 4] = [
        &["plan", "pause", "deploy", "--json"],
        &["plan", "resume", "deploy", "--json"],
        &["plan", "force-restart", "deploy", "--json"],
        &["plan", "force-complete", "deploy", "p", "s", "--json"],
    ];
    for (a, file) in args
        .iter()
        .zip(["interrupt", "continue", "restart", "force-complete"])
    {
        assert_eq!(
            pxfw(&mock, a).ok().stdout,
            golden(&format!("{file}.json.out"))
        );
    }
    mock.verify();
}

#[test]
fn plan_start_sends_parameters_as_a_sorted_json_object() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::post(&path("plans/backup-s3/start"))
            .query(&[])
            .header("content-type", "application/json")
            .raw_body(br#"{"S3_BUCKET_NAME":"b","SNAPSHOT_NAME":"nightly=1"}"#),
        &input("start.json"),
    ));
    mock.expect(json_reply(
        Expect::post(&path("plans/backup-s3/start"))
            .header("content-type", "application/json")
            .raw_body(b"{}"),
        &input("start.json"),
    ));
    let run = pxfw(
        &mock,
        &[
            "plan",
            "start",
            "backup-s3",
            "-p",
            "SNAPSHOT_NAME=nightly=1",
            "--params",
            "S3_BUCKET_NAME=b",
        ],
    );
    assert_eq!(run.ok().stdout, golden("start.out"));
    assert_eq!(
        pxfw(&mock, &["plan", "start", "backup-s3"]).ok().stdout,
        golden("start.out")
    );
    mock.verify();
}

#[test]
fn malformed_parameters_are_refused_before_sending() {
    let mock = Mock::start();
    for bad in ["1BAD=x", "novalue", "=x", "A-B=x"] {
        let run = pxfw(&mock, &["plan", "start", "deploy", "-p", bad]).expect_code(2);
        assert_one_line_error(&run, "plan parameter");
    }
    assert!(
        mock.seen().is_empty(),
        "nothing may be sent: {:?}",
        mock.seen()
    );
}

#[test]
fn plan_stop_prints_the_reply() {
    let mock = Mock::start();
    mock.expect(json_reply(
        bare_post("plans/deploy/stop", &[]),
        br#"{"message":"Received cmd: stop"}"#,
    ));
    assert_eq!(
        pxfw(&mock, &["plan", "stop", "deploy"]).ok().stdout,
        "{\n  \"message\": \"Received cmd: stop\"\n}\n"
    );
    mock.verify();
}

#[test]
fn not_found_texts_of_both_generations_give_the_go_message() {
    let mock = Mock::start();
    mock.expect(text_reply(
        Expect::post(&path("plans/bad-name/interrupt")).status(404),
        &recorded("not-found.txt"),
    ));
    mock.expect(text_reply(
        Expect::post(&path("plans/deploy/continue"))
            .query(&[("phase", "bad-phase")])
            .status(404),
        b"Phase bad-phase not found",
    ));
    mock.expect(text_reply(
        Expect::get(&path("plans/nope")).status(404),
        b"Plan nope not found",
    ));
    for args in [
        &["plan", "pause", "bad-name"][..],
        &["plan", "resume", "deploy", "bad-phase"],
        &["plan", "status", "nope"],
    ] {
        let run = pxfw(&mock, args).expect_code(1);
        assert_one_line_error(&run, "Plan, phase, and/or step does not exist.");
    }
    mock.verify();
}

#[test]
fn already_reported_gives_the_go_message() {
    let mock = Mock::start();
    mock.expect(text_reply(
        Expect::post(&path("plans/deploy/interrupt"))
            .query(&[("phase", "hello")])
            .status(208),
        &recorded("already-reported.txt"),
    ));
    mock.expect(text_reply(
        Expect::post(&path("plans/deploy/forceComplete")).status(208),
        &recorded("already-reported.txt"),
    ));
    let run = pxfw(&mock, &["plan", "pause", "deploy", "hello"]).expect_code(1);
    assert_one_line_error(
        &run,
        "Cannot execute command. Command has already been issued or the plan has completed.",
    );
    let run = pxfw(&mock, &["plan", "force-complete", "deploy", "p", "s"]).expect_code(1);
    assert_one_line_error(&run, "Cannot execute command.");
    mock.verify();
}

#[test]
fn missing_service_html_empty_and_500_replies_are_one_line_errors() {
    let mock = Mock::start();
    mock.expect(Expect::get(&path("plans/deploy")).status(404).reply(
        "text/html",
        b"<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>",
    ));
    mock.expect(Expect::get(&path("plans")).reply(
        "text/html; charset=utf-8",
        b"<!DOCTYPE html><html>login</html>",
    ));
    mock.expect(json_reply(Expect::get(&path("pod")), b""));
    mock.expect(Expect::get(&path("pod/status")).status(500));
    mock.expect(
        Expect::get(&path("endpoints"))
            .status(502)
            .reply("text/html", b"<html>502 Bad Gateway</html>"),
    );
    mock.expect(
        Expect::post(&path("plans/deploy/interrupt"))
            .status(400)
            .reply("text/plain", b"Missing phase"),
    );
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")),
        b"{\"phases\": 7}",
    ));

    let run = pxfw(&mock, &["plan", "status", "deploy"]).expect_code(1);
    assert_one_line_error(&run, "service \"hello-world\" was not found");
    let run = pxfw(&mock, &["plan", "list"]).expect_code(1);
    assert_one_line_error(
        &run,
        "with an HTML page where a JSON list of plan names was expected",
    );
    let run = pxfw(&mock, &["pod", "list"]).expect_code(1);
    assert_one_line_error(
        &run,
        "with an empty body where a JSON list of pod names was expected",
    );
    let run = pxfw(&mock, &["pod", "status"]).expect_code(1);
    assert_one_line_error(
        &run,
        "Could not reach the service scheduler with name \"hello-world\"",
    );
    let run = pxfw(&mock, &["endpoints"]).expect_code(1);
    assert_one_line_error(&run, "answered 502");
    let run = pxfw(&mock, &["plan", "pause", "deploy"]).expect_code(1);
    assert_one_line_error(&run, "failed with HTTP 400: Missing phase");
    let run = pxfw(&mock, &["plan", "status", "deploy"]).expect_code(1);
    assert_one_line_error(&run, "invalid JSON at phases");
    mock.verify();
}

#[test]
fn a_404_that_is_not_the_schedulers_means_no_such_service() {
    let mock = Mock::start();
    // What a gateway in front of the schedulers (pxfw server) answers for an unknown service.
    mock.expect(text_reply(
        Expect::get(&path("pod/node-0/status")).status(404),
        b"no service named hello-world is running here",
    ));
    let run = pxfw(&mock, &["pod", "status", "node-0"]).expect_code(1);
    assert_one_line_error(&run, "service \"hello-world\" was not found");
    assert!(
        run.stderr
            .contains("no service named hello-world is running here"),
        "{}",
        run.stderr
    );
    mock.verify();
}

#[test]
fn a_reply_without_message_is_a_failure() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::post(&path("plans/deploy/interrupt")),
        b"{}",
    ));
    let run = pxfw(&mock, &["plan", "pause", "deploy"]).expect_code(1);
    assert_one_line_error(&run, "\"deploy\" plan could not be paused.");
    mock.verify();
}

#[test]
fn step_without_phase_and_missing_service_name_are_usage_errors() {
    let mock = Mock::start();
    let run = Pxfw::with_env_cluster(&mock.url(), TOKEN)
        .run(&["plan", "list"])
        .expect_code(2);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    let run = pxfw(&mock, &["plan", "force-complete", "deploy", "phase-only"]).expect_code(2);
    assert!(
        run.stderr.contains("STEP") || run.stderr.contains("step"),
        "{}",
        run.stderr
    );
    assert!(mock.seen().is_empty());
}

// ---------------------------------------------------------------------------------------------------------
// plan wait / status --watch
// ---------------------------------------------------------------------------------------------------------

#[test]
fn wait_returns_0_once_complete_and_waits_out_a_scheduler_restart() {
    let mock = Mock::start();
    mock.expect(
        json_reply(
            Expect::get(&path("plans/deploy")).status(202),
            &recorded("plan-status.json"),
        )
        .times(2),
    );
    mock.expect(
        Expect::get(&path("plans/deploy"))
            .status(503)
            .reply("text/html", b"<html>503</html>"),
    );
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")),
        &input("fork-uninstall-complete.json"),
    ));
    let run = pxfw(
        &mock,
        &[
            "plan",
            "wait",
            "deploy",
            "--interval",
            "10ms",
            "--timeout",
            "5m",
        ],
    )
    .ok();
    assert_eq!(run.stdout, golden("fork-uninstall-complete.tree"));
    assert!(
        run.stderr
            .contains("deploy: IN_PROGRESS, 1/6 steps complete"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("deploy: COMPLETE, 2/2 steps complete"),
        "{}",
        run.stderr
    );
    mock.verify();
}

#[test]
fn wait_returns_1_with_the_errors_when_the_plan_fails() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")).status(417),
        &input("upstream-plan-errors.json"),
    ));
    let run = pxfw(&mock, &["plan", "wait", "deploy", "--interval", "10ms"]).expect_code(1);
    assert_eq!(run.stdout, golden("upstream-plan-errors.tree"));
    assert!(
        run.stderr.contains("PodSpecsCannotShrink"),
        "{}",
        run.stderr
    );
    mock.verify();
}

#[test]
fn wait_returns_124_on_timeout() {
    let mock = Mock::start();
    mock.expect(
        json_reply(
            Expect::get(&path("plans/deploy")).status(202),
            &recorded("plan-status.json"),
        )
        .any_times(),
    );
    let run = pxfw(
        &mock,
        &[
            "plan",
            "wait",
            "deploy",
            "--interval",
            "20ms",
            "--timeout",
            "300ms",
        ],
    )
    .expect_code(124);
    assert_eq!(run.stdout, golden("plan-status.tree"));
    assert!(
        run.stderr.contains("did not complete within"),
        "{}",
        run.stderr
    );
    mock.verify();
}

#[test]
fn wait_on_an_unknown_plan_fails_at_once() {
    let mock = Mock::start();
    mock.expect(text_reply(
        Expect::get(&path("plans/nope")).status(404),
        b"Element not found",
    ));
    let run = pxfw(&mock, &["plan", "wait", "nope"]).expect_code(1);
    assert_one_line_error(&run, "Plan, phase, and/or step does not exist.");
    mock.verify();
}

#[test]
fn watch_without_a_terminal_prints_the_tree_once_per_change() {
    let mock = Mock::start();
    mock.expect(
        json_reply(
            Expect::get(&path("plans/deploy")).status(202),
            &recorded("plan-status.json"),
        )
        .times(3),
    );
    mock.expect(json_reply(
        Expect::get(&path("plans/deploy")),
        &input("fork-uninstall-complete.json"),
    ));
    let run = pxfw(
        &mock,
        &["plan", "status", "deploy", "--watch", "--interval", "10ms"],
    )
    .ok();
    assert_eq!(
        run.stdout,
        format!(
            "{}\n{}",
            golden("plan-status.tree"),
            golden("fork-uninstall-complete.tree")
        )
    );
    mock.verify();
}

// ---------------------------------------------------------------------------------------------------------
// pods
// ---------------------------------------------------------------------------------------------------------

#[test]
fn pod_list_status_and_info() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("pod")).token(TOKEN),
        br#"["hello-0","world-0","world-1"]"#,
    ));
    mock.expect(json_reply(
        Expect::get(&path("pod/status")),
        &input("pod-status-all.json"),
    ));
    mock.expect(json_reply(
        Expect::get(&path("pod/status")),
        &input("pod-status-no-pods.json"),
    ));
    mock.expect(
        json_reply(
            Expect::get(&path("pod/node-0/status")),
            &input("pod-status-one.json"),
        )
        .times(2),
    );
    mock.expect(json_reply(
        Expect::get(&path("pod/node-0/info")),
        br#"[{"info":{"name":"node-0-server","taskId":{"value":"node-0-server__8a1c"}},"status":null}]"#,
    ));
    assert_eq!(
        pxfw(&mock, &["pod", "list"]).ok().stdout,
        "[\n  \"hello-0\",\n  \"world-0\",\n  \"world-1\"\n]\n"
    );
    assert_eq!(
        pxfw(&mock, &["pod", "status"]).ok().stdout,
        golden("pod-status-all.tree")
    );
    assert_eq!(
        pxfw(&mock, &["pod", "status"]).ok().stdout,
        golden("pod-status-no-pods.tree")
    );
    assert_eq!(
        pxfw(&mock, &["pod", "status", "node-0"]).ok().stdout,
        golden("pod-status-one.tree")
    );
    assert_eq!(
        pxfw(&mock, &["pod", "status", "node-0", "--json"])
            .ok()
            .stdout,
        golden("pod-status-one.json.out")
    );
    assert_eq!(
        pxfw(&mock, &["pod", "info", "node-0"]).ok().stdout,
        "[\n  {\n    \"info\": {\n      \"name\": \"node-0-server\",\n      \"taskId\": {\n        \"value\": \"node-0-server__8a1c\"\n      }\n    },\n    \"status\": null\n  }\n]\n"
    );
    mock.verify();
}

#[test]
fn pod_restart_and_replace_post_without_body() {
    let mock = Mock::start();
    mock.expect(json_reply(
        bare_post("pod/node-0/restart", &[]),
        &input("pod-restart.json"),
    ));
    mock.expect(json_reply(
        bare_post("pod/node-0/replace", &[]),
        &input("pod-restart.json"),
    ));
    assert_eq!(
        pxfw(&mock, &["pod", "restart", "node-0"]).ok().stdout,
        golden("pod-restart.out")
    );
    assert_eq!(
        pxfw(&mock, &["pod", "replace", "node-0"]).ok().stdout,
        golden("pod-restart.out")
    );
    mock.verify();
}

#[test]
fn unknown_pod_in_both_generations() {
    let mock = Mock::start();
    mock.expect(text_reply(
        Expect::post(&path("pod/node-9/restart")).status(404),
        b"Element not found",
    ));
    mock.expect(text_reply(
        Expect::get(&path("pod/node-9/status")).status(404),
        b"Pod node-9 not found",
    ));
    let run = pxfw(&mock, &["pod", "restart", "node-9"]).expect_code(1);
    assert_one_line_error(
        &run,
        "pod \"node-9\" does not exist in service \"hello-world\"",
    );
    let run = pxfw(&mock, &["pod", "status", "node-9"]).expect_code(1);
    assert_one_line_error(&run, "pod \"node-9\" does not exist");
    mock.verify();
}

// ---------------------------------------------------------------------------------------------------------
// endpoints
// ---------------------------------------------------------------------------------------------------------

#[test]
fn endpoints_list_json_and_text_endpoints() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("endpoints")),
        &input("endpoints.json"),
    ));
    mock.expect(
        json_reply(
            Expect::get(&path("endpoints/native-client")),
            &input("endpoint-native-client.json"),
        )
        .times(2),
    );
    mock.expect(
        text_reply(
            Expect::get(&path("endpoints/hdfs-site.xml")),
            &input("endpoint-hdfs-site.xml"),
        )
        .times(2),
    );
    assert_eq!(
        pxfw(&mock, &["endpoints"]).ok().stdout,
        golden("endpoints.out")
    );
    assert_eq!(
        pxfw(&mock, &["endpoints", "native-client"]).ok().stdout,
        golden("endpoint-native-client.out")
    );
    assert_eq!(
        pxfw(&mock, &["endpoint", "native-client", "--json"])
            .ok()
            .stdout,
        golden("endpoint-native-client.json.out")
    );
    assert_eq!(
        pxfw(&mock, &["endpoints", "hdfs-site.xml"]).ok().stdout,
        golden("endpoint-hdfs-site.out")
    );
    let text = String::from_utf8(input("endpoint-hdfs-site.xml")).unwrap();
    assert_eq!(
        pxfw(&mock, &["endpoints", "hdfs-site.xml", "--json"])
            .ok()
            .stdout,
        format!("{}\n", serde_json::to_string(&text).unwrap())
    );
    mock.verify();
}

#[test]
fn unknown_endpoint_has_an_empty_404() {
    let mock = Mock::start();
    mock.expect(Expect::get(&path("endpoints/nope")).status(404));
    let run = pxfw(&mock, &["endpoints", "nope"]).expect_code(1);
    assert_one_line_error(
        &run,
        "endpoint \"nope\" does not exist in service \"hello-world\"",
    );
    mock.verify();
}

// ---------------------------------------------------------------------------------------------------------
// debug
// ---------------------------------------------------------------------------------------------------------

#[test]
fn debug_config_commands() {
    let mock = Mock::start();
    let id = "3c1f7b0e-9a3e-4d0c-8f1e-2a2b3c4d5e6f";
    mock.expect(json_reply(
        Expect::get(&path("configurations")),
        format!("[\"{id}\"]").as_bytes(),
    ));
    mock.expect(json_reply(
        Expect::get(&path(&format!("configurations/{id}"))),
        br#"{"name":"hello-world","pod-specs":[]}"#,
    ));
    mock.expect(json_reply(
        Expect::get(&path("configurations/target")),
        br#"{"name":"hello-world","pod-specs":[]}"#,
    ));
    mock.expect(json_reply(
        Expect::get(&path("configurations/targetId")),
        &input("target-id.json"),
    ));
    assert_eq!(
        pxfw(&mock, &["debug", "config", "list"]).ok().stdout,
        golden("target-id.out")
    );
    let spec = "{\n  \"name\": \"hello-world\",\n  \"pod-specs\": []\n}\n";
    assert_eq!(
        pxfw(&mock, &["debug", "config", "show", id]).ok().stdout,
        spec
    );
    assert_eq!(
        pxfw(&mock, &["debug", "config", "target"]).ok().stdout,
        spec
    );
    assert_eq!(
        pxfw(&mock, &["debug", "config", "target_id"]).ok().stdout,
        golden("target-id.out")
    );
    mock.verify();
}

#[test]
fn debug_state_commands() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("state/frameworkId")),
        &input("framework-id.json"),
    ));
    mock.expect(json_reply(
        Expect::get(&path("state/properties")),
        br#"["uninstalling","last-completed-update-type","node-0-server:task-status"]"#,
    ));
    mock.expect(json_reply(
        Expect::get(&path("state/properties/last-completed-update-type")),
        &input("property.json"),
    ));
    mock.expect(json_reply(
        Expect::put(&path("state/refresh")).empty_body(),
        &input("refresh.json"),
    ));
    mock.expect(text_reply(
        Expect::put(&path("state/refresh")).status(409),
        b"State store is not cached",
    ));
    assert_eq!(
        pxfw(&mock, &["debug", "state", "framework_id"]).ok().stdout,
        golden("framework-id.out")
    );
    assert_eq!(
        pxfw(&mock, &["debug", "state", "properties"]).ok().stdout,
        "[\n  \"uninstalling\",\n  \"last-completed-update-type\",\n  \"node-0-server:task-status\"\n]\n"
    );
    assert_eq!(
        pxfw(
            &mock,
            &["debug", "state", "property", "last-completed-update-type"]
        )
        .ok()
        .stdout,
        golden("property.out")
    );
    assert_eq!(
        pxfw(&mock, &["debug", "state", "refresh_cache"])
            .ok()
            .stdout,
        golden("refresh.out")
    );
    let run = pxfw(&mock, &["debug", "state", "refresh_cache"]).expect_code(1);
    assert_one_line_error(&run, "failed with HTTP 409: State store is not cached");
    mock.verify();
}

#[test]
fn debug_pod_pause_and_resume_send_task_lists_only_when_given() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::post(&path("pod/node-0/pause"))
            .header("content-type", "application/json")
            .raw_body(br#"["server","node-0-sidecar"]"#),
        &input("pod-restart.json"),
    ));
    mock.expect(json_reply(
        bare_post("pod/node-0/resume", &[]),
        &input("pod-restart.json"),
    ));
    let run = pxfw(
        &mock,
        &[
            "debug",
            "pod",
            "pause",
            "node-0",
            "-t",
            "server",
            "--tasks",
            "node-0-sidecar",
        ],
    );
    assert_eq!(run.ok().stdout, golden("pod-restart.out"));
    assert_eq!(
        pxfw(&mock, &["debug", "pod", "resume", "node-0"])
            .ok()
            .stdout,
        golden("pod-restart.out")
    );
    mock.verify();
}

#[test]
fn debug_health_of_both_generations() {
    let mock = Mock::start();
    mock.expect(text_reply(
        Expect::get(&path("health"))
            .query(&[("verbose", "true")])
            .status(202),
        b"Accepted",
    ));
    mock.expect(json_reply(
        Expect::get(&path("health")).status(208),
        br#"{"value":208,"reasons":["Step node-1:[server] is DELAYED"]}"#,
    ));
    mock.expect(text_reply(Expect::get(&path("health")), b"OK"));
    assert_eq!(
        pxfw(&mock, &["debug", "health"]).ok().stdout,
        "202 Accepted: deploy or recovery plan in progress\n"
    );
    assert_eq!(
        pxfw(&mock, &["debug", "health"]).ok().stdout,
        "208 DELAYED: a deploy or recovery step is backing off\n- Step node-1:[server] is DELAYED\n"
    );
    let run = pxfw(&mock, &["debug", "health", "--json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["code"], 200);
    assert_eq!(v["generation"], "fork");
    mock.verify();
}

#[test]
fn a_property_that_is_not_json_is_printed_as_sent() {
    let mock = Mock::start();
    mock.expect(json_reply(
        Expect::get(&path("state/properties/uninstalling")),
        b"true-ish value",
    ));
    let run = pxfw(&mock, &["debug", "state", "property", "uninstalling"]).ok();
    assert_eq!(run.stdout, "true-ish value\n");
    assert!(run.stderr.contains("not valid JSON"), "{}", run.stderr);
    mock.verify();
}
