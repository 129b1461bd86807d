//! `pxfw plan ...`: the dcos-commons Go CLI's plan commands, plus `wait` and `status --watch` for CI.
//!
//! Arguments, aliases, HTTP calls and output match the Go CLI (contracts/sdk-scheduler-api.md §6), so
//! runbooks written for `dcos <pkg> plan ...` work unchanged. The functions taking a plan name are public
//! because `pxfw update status|pause|resume|force-complete|force-restart` runs them on the `deploy` plan.

use std::io::Write;
use std::time::Duration;

use anyhow::Context;

use super::Globals;
use super::exit::Exit;
use crate::api::sdk::{CommandReply, PlanView};
use crate::dcos::sdk::{self, Reply, SdkClient};
use crate::ops;
use crate::ops::plan::{FollowOptions, Patience, PlanObserver, PlanOutcome};
use crate::output::tree;

/// How often `wait` and `status --watch` poll the scheduler unless told otherwise.
const DEFAULT_INTERVAL: &str = "2s";

#[derive(Debug, clap::Subcommand)]
pub enum PlanCmd {
    /// List the service's plans (JSON).
    List,
    /// Show a plan as a tree of phases and steps (`--json`: the scheduler's JSON).
    #[command(visible_alias = "show")]
    Status {
        /// The plan, e.g. deploy, recovery, or a custom plan such as backup-s3.
        plan: String,
        /// Keep redrawing until the plan completes (Ctrl-C to stop): progress bars per phase on a terminal,
        /// otherwise the tree again each time it changes.
        #[arg(long)]
        watch: bool,
        /// Time between polls with --watch.
        #[arg(long, value_name = "DURATION", default_value = DEFAULT_INTERVAL, value_parser = parse_duration)]
        interval: Duration,
    },
    /// Start a plan, passing parameters to its tasks as environment variables.
    Start {
        plan: String,
        /// A parameter as VAR=value; repeat for several. VAR must be a valid environment variable name.
        #[arg(short = 'p', long = "params", value_name = "VAR=value")]
        params: Vec<String>,
    },
    /// Stop a running plan: pause it and reset every step to PENDING.
    Stop { plan: String },
    /// Pause a plan, or one of its phases. The step in flight finishes; no new step starts.
    #[command(visible_alias = "interrupt")]
    Pause { plan: String, phase: Option<String> },
    /// Resume a paused plan, or one of its phases.
    #[command(visible_alias = "continue")]
    Resume { plan: String, phase: Option<String> },
    /// Restart a plan, a phase, or a step: reset it to PENDING so it runs again.
    #[command(visible_alias = "restart")]
    ForceRestart {
        plan: String,
        phase: Option<String>,
        step: Option<String>,
    },
    /// Mark a step COMPLETE without running it (in the scheduler's memory only).
    #[command(visible_alias = "force")]
    ForceComplete {
        plan: String,
        phase: String,
        step: String,
    },
    /// Wait until a plan completes: exit 0 when COMPLETE, 1 when it has errors, 124 on timeout.
    Wait {
        plan: String,
        /// Give up after this long (e.g. 90s, 15m, 1h30m); without it, wait as long as it takes.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        timeout: Option<Duration>,
        /// Time between polls.
        #[arg(long, value_name = "DURATION", default_value = DEFAULT_INTERVAL, value_parser = parse_duration)]
        interval: Duration,
    },
}

/// Runs a `plan` subcommand.
pub async fn run(cmd: PlanCmd, g: &Globals) -> anyhow::Result<()> {
    match cmd {
        PlanCmd::List => {
            let reply = client(g)?.plans().await?;
            print_scheduler_json(&reply.body)
        }
        PlanCmd::Status {
            plan,
            watch,
            interval,
        } => {
            if watch {
                self::watch(g, &plan, interval).await
            } else {
                status(g, &plan).await
            }
        }
        PlanCmd::Start { plan, params } => start(g, &plan, &params).await,
        PlanCmd::Stop { plan } => {
            let reply = client(g)?.stop_plan(&plan).await?;
            print_scheduler_json(&reply.body)
        }
        PlanCmd::Pause { plan, phase } => pause(g, &plan, phase.as_deref()).await,
        PlanCmd::Resume { plan, phase } => resume(g, &plan, phase.as_deref()).await,
        PlanCmd::ForceRestart { plan, phase, step } => {
            force_restart(g, &plan, phase.as_deref(), step.as_deref()).await
        }
        PlanCmd::ForceComplete { plan, phase, step } => {
            force_complete(g, &plan, &phase, &step).await
        }
        PlanCmd::Wait {
            plan,
            timeout,
            interval,
        } => wait(g, &plan, timeout, interval).await,
    }
}

/// The scheduler client for the service the globals name. Shared by the other SDK command files.
pub fn client(g: &Globals) -> anyhow::Result<SdkClient> {
    let service = g.service_name()?;
    let http = crate::cluster::connect()?;
    SdkClient::new(http, &service).map_err(|e| Exit::usage(e.to_string()).into())
}

/// Prints text and a newline to stdout.
///
/// A reader that went away (`pxfw plan status deploy | head -3`) ends the process quietly with success,
/// as Unix filters do, rather than with an error about a broken pipe or a watch that polls for no one.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = writeln!(out, "{text}").and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other.context("cannot write to stdout"),
    }
}

/// Prints a scheduler body the way the Go CLI's `PrintJSONBytes` does: re-indented with two spaces, or,
/// when it is not JSON, as it is (with a warning on stderr).
pub(crate) fn print_scheduler_json(body: &[u8]) -> anyhow::Result<()> {
    match tree::indent_json(body) {
        Ok(text) => emit(&text),
        Err(e) => {
            eprintln!("warning: {e}; printing it as it is");
            emit(&String::from_utf8_lossy(body))
        }
    }
}

/// `plan status PLAN`: the tree, or the scheduler's JSON with `--json`. A plan with errors (HTTP 417) is
/// shown, not treated as a failure, as the Go CLI does.
pub async fn status(g: &Globals, plan: &str) -> anyhow::Result<()> {
    let reply = client(g)?.plan(plan).await?;
    if g.json {
        print_scheduler_json(&reply.body)
    } else {
        emit(&tree::plan_tree(plan, &reply.value))
    }
}

/// `plan start PLAN [-p VAR=value]...`. Parameters are checked before anything is sent.
pub async fn start(g: &Globals, plan: &str, params: &[String]) -> anyhow::Result<()> {
    let params = sdk::parse_plan_params(params).map_err(|e| Exit::usage(e.to_string()))?;
    let reply = client(g)?.start_plan(plan, &params).await?;
    print_scheduler_json(&reply.body)
}

/// Prints the Go CLI's sentence for an acknowledged plan command, or fails with its "could not" sentence
/// when the scheduler acknowledged without a message. `--json` prints the scheduler's reply instead.
fn acknowledge(
    g: &Globals,
    reply: &Reply<CommandReply>,
    done: String,
    not_done: String,
) -> anyhow::Result<()> {
    if !reply.value.acknowledged() {
        anyhow::bail!(not_done);
    }
    if g.json {
        print_scheduler_json(&reply.body)
    } else {
        emit(&done)
    }
}

/// What a plan command addressed, worded as the Go CLI words it: `"deploy" plan`,
/// `"deploy" plan: phase "p"`, `"deploy" plan: step "s" in phase "p"`.
fn subject(plan: &str, phase: Option<&str>, step: Option<&str>) -> String {
    match (
        phase.filter(|p| !p.is_empty()),
        step.filter(|s| !s.is_empty()),
    ) {
        (None, _) => format!("\"{plan}\" plan"),
        (Some(phase), None) => format!("\"{plan}\" plan: phase \"{phase}\""),
        (Some(phase), Some(step)) => {
            format!("\"{plan}\" plan: step \"{step}\" in phase \"{phase}\"")
        }
    }
}

/// `plan pause PLAN [PHASE]` (alias `interrupt`).
pub async fn pause(g: &Globals, plan: &str, phase: Option<&str>) -> anyhow::Result<()> {
    let reply = client(g)?.interrupt(plan, phase).await?;
    let what = subject(plan, phase, None);
    acknowledge(
        g,
        &reply,
        format!("{what} has been paused."),
        format!("{what} could not be paused."),
    )
}

/// `plan resume PLAN [PHASE]` (alias `continue`).
pub async fn resume(g: &Globals, plan: &str, phase: Option<&str>) -> anyhow::Result<()> {
    let reply = client(g)?.proceed(plan, phase).await?;
    let what = subject(plan, phase, None);
    acknowledge(
        g,
        &reply,
        format!("{what} has been resumed."),
        format!("{what} could not be resumed."),
    )
}

/// `plan force-restart PLAN [PHASE [STEP]]` (alias `restart`).
pub async fn force_restart(
    g: &Globals,
    plan: &str,
    phase: Option<&str>,
    step: Option<&str>,
) -> anyhow::Result<()> {
    if step.is_some() && phase.is_none() {
        return Err(
            Exit::usage("a step needs its phase: plan force-restart PLAN PHASE STEP").into(),
        );
    }
    let reply = client(g)?.restart(plan, phase, step).await?;
    let what = subject(plan, phase, step);
    acknowledge(
        g,
        &reply,
        format!("{what} has been restarted."),
        format!("{what} could not be restarted."),
    )
}

/// `plan force-complete PLAN PHASE STEP` (alias `force`).
pub async fn force_complete(
    g: &Globals,
    plan: &str,
    phase: &str,
    step: &str,
) -> anyhow::Result<()> {
    let reply = client(g)?
        .force_complete(plan, Some(phase), Some(step))
        .await?;
    let what = subject(plan, Some(phase), Some(step));
    acknowledge(
        g,
        &reply,
        format!("{what} has been forced to complete."),
        format!("{what} could not be forced to complete."),
    )
}

/// Parses durations such as `500ms`, `90s`, `15m`, `1h30m`; a bare number is seconds.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    if let Ok(secs) = raw.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    humantime::parse_duration(raw)
        .map_err(|e| format!("`{raw}` is not a duration ({e}); write e.g. 30s, 10m or 1h30m"))
}

/// Shows each change of a followed plan with `F`, and scheduler outages on stderr: during `update` the
/// scheduler restarts, and a CI job waiting on the deploy plan must see why nothing moves, not fail.
struct Show<F>(F);

impl<F: FnMut(&Reply<PlanView>) -> anyhow::Result<()>> PlanObserver for Show<F> {
    fn changed(&mut self, reply: &Reply<PlanView>) -> anyhow::Result<()> {
        (self.0)(reply)
    }
    fn outage(&mut self, why: &str) {
        eprintln!("waiting for the scheduler: {why}");
    }
}

/// Follows `plan` as `plan wait` and `plan status --watch` do (see [`ops::plan::follow`]).
async fn follow(
    sdk: &SdkClient,
    plan: &str,
    interval: Duration,
    stop_on_failure: bool,
    last: &mut Option<Reply<PlanView>>,
    show: impl FnMut(&Reply<PlanView>) -> anyhow::Result<()>,
) -> anyhow::Result<PlanOutcome> {
    let options = FollowOptions {
        interval,
        stop_on_failure,
        patience: Patience::Restarts,
    };
    ops::plan::follow(sdk, plan, options, last, &mut Show(show)).await
}

/// One line of progress: `deploy: IN_PROGRESS, 3/6 steps complete`.
fn progress_line(plan: &str, p: &PlanView) -> String {
    let (done, total) = ops::plan::step_counts(p);
    format!(
        "{plan}: {}, {done}/{total} steps complete",
        p.status.as_deref().unwrap_or(tree::UNKNOWN)
    )
}

/// `plan wait PLAN [--timeout D]`: exit 0 when the plan is COMPLETE, 1 when it has errors (they are
/// printed), 124 when the timeout runs out. Progress goes to stderr; the final tree (or JSON) to stdout.
pub async fn wait(
    g: &Globals,
    plan: &str,
    timeout: Option<Duration>,
    interval: Duration,
) -> anyhow::Result<()> {
    wait_with(&client(g)?, g.json, plan, timeout, interval).await
}

/// [`wait`] with the scheduler client given (`json`: print the scheduler's JSON instead of the tree).
pub async fn wait_with(
    sdk: &SdkClient,
    json: bool,
    plan: &str,
    timeout: Option<Duration>,
    interval: Duration,
) -> anyhow::Result<()> {
    let mut last: Option<Reply<PlanView>> = None;
    let mut last_line = String::new();
    let followed = follow(sdk, plan, interval, true, &mut last, |reply| {
        let line = progress_line(plan, &reply.value);
        if line != last_line {
            eprintln!("{line}");
            last_line = line;
        }
        Ok(())
    });
    let outcome = match timeout {
        Some(t) => tokio::time::timeout(t, followed).await.ok(),
        None => Some(followed.await),
    };
    let print_last = |last: &Option<Reply<PlanView>>| -> anyhow::Result<()> {
        match last {
            Some(reply) if json => print_scheduler_json(&reply.body),
            Some(reply) => emit(&tree::plan_tree(plan, &reply.value)),
            None => Ok(()),
        }
    };
    match outcome {
        Some(Ok(PlanOutcome::Complete)) => print_last(&last),
        Some(Ok(PlanOutcome::Failed)) => {
            print_last(&last)?;
            let errors = last
                .as_ref()
                .map(|r| r.value.errors.join("; "))
                .unwrap_or_default();
            let status = last
                .as_ref()
                .and_then(|r| r.value.status.clone())
                .unwrap_or_else(|| tree::UNKNOWN.to_string());
            if errors.is_empty() {
                anyhow::bail!("plan \"{plan}\" failed with status {status}");
            }
            anyhow::bail!("plan \"{plan}\" failed with status {status}: {errors}")
        }
        Some(Err(e)) => Err(e),
        None => {
            print_last(&last)?;
            let status = last
                .as_ref()
                .and_then(|r| r.value.status.clone())
                .unwrap_or_else(|| "unknown (the scheduler never answered)".to_string());
            let waited = humantime::format_duration(timeout.unwrap_or_default());
            Err(Exit::timeout(format!(
                "plan \"{plan}\" did not complete within {waited}; last status: {status}"
            ))
            .into())
        }
    }
}

/// `plan status PLAN --watch`: redraws until the plan completes.
///
/// On a terminal the tree is live, with a progress bar per phase; otherwise (logs, CI) the tree is printed
/// again each time it changes, separated by a blank line, so the log reads as a history. `--json` prints
/// one compact JSON document per change (JSON Lines).
pub async fn watch(g: &Globals, plan: &str, interval: Duration) -> anyhow::Result<()> {
    let sdk = client(g)?;
    let mut last: Option<Reply<PlanView>> = None;
    if g.json {
        follow(&sdk, plan, interval, false, &mut last, |reply| {
            let value: serde_json::Value = serde_json::from_slice(&reply.body)?;
            emit(&value.to_string())
        })
        .await?;
        return Ok(());
    }
    if crate::output::is_tty() {
        let mut live = tree::LivePlanTree::stdout();
        let result = follow(&sdk, plan, interval, false, &mut last, |reply| {
            live.update(plan, &reply.value);
            Ok(())
        })
        .await;
        live.finish();
        result?;
        return Ok(());
    }
    let mut printed = String::new();
    follow(&sdk, plan, interval, false, &mut last, |reply| {
        let text = tree::plan_tree(plan, &reply.value);
        if text != printed {
            if !printed.is_empty() {
                emit("")?;
            }
            emit(&text)?;
            printed = text;
        }
        Ok(())
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn subjects_match_the_go_sentences() {
        assert_eq!(subject("deploy", None, None), "\"deploy\" plan");
        assert_eq!(
            subject("deploy", Some("hello"), None),
            "\"deploy\" plan: phase \"hello\""
        );
        assert_eq!(
            subject("deploy", Some("hello"), Some("hello-0:[server]")),
            "\"deploy\" plan: step \"hello-0:[server]\" in phase \"hello\""
        );
    }

    #[test]
    fn progress_counts_complete_steps() {
        let p: PlanView = serde_json::from_str(
            r#"{"status":"IN_PROGRESS","phases":[{"steps":[{"status":"COMPLETE"},{"status":"STARTING"}]},{"steps":[{"status":"PENDING"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            progress_line("deploy", &p),
            "deploy: IN_PROGRESS, 1/3 steps complete"
        );
    }
}
