//! Following a service's plan until it completes: `plan wait`, `plan status --watch`, and every
//! `--wait` (install, update, scale, snapshot restore and clone, quickstart) poll the same way.
//!
//! Polling survives the scheduler restarting (an `update` replaces it) and, for a service just
//! installed, a scheduler that does not answer yet. What to show while following is the caller's:
//! [`follow`] calls back on each change and on each new outage, and prints nothing.

use std::time::Duration;

use crate::api::sdk::PlanView;
use crate::cluster::http::HttpError;
use crate::dcos::sdk::{Reply, SdkClient, SdkError};

/// How a followed plan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanOutcome {
    Complete,
    /// It has errors or is in `ERROR` (only when following with `stop_on_failure`).
    Failed,
}

/// Which failures to wait out instead of returning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patience {
    /// A scheduler being replaced: 5xx and dropped connections, and a 404 once the plan has been seen
    /// (a name that never answered is a mistake, not an outage).
    Restarts,
    /// A scheduler just installed: as `Restarts`, and a 404 from the start, until the plan appears.
    Startup,
}

/// What to do while following.
#[derive(Debug, Clone, Copy)]
pub struct FollowOptions {
    pub interval: Duration,
    /// Return [`PlanOutcome::Failed`] as soon as the plan has errors (else follow until complete).
    pub stop_on_failure: bool,
    pub patience: Patience,
}

/// Called while a plan is followed.
pub trait PlanObserver {
    /// The plan changed (and on the first answer).
    fn changed(&mut self, reply: &Reply<PlanView>) -> anyhow::Result<()>;
    /// The scheduler stopped answering, with why (called once per distinct reason).
    fn outage(&mut self, _why: &str) {}
}

/// Failures that end by themselves while a scheduler restarts.
fn is_outage(e: &SdkError) -> bool {
    e.is_transient()
        || matches!(
            e,
            SdkError::Http(
                HttpError::Connect { .. } | HttpError::Timeout { .. } | HttpError::Transport { .. }
            )
        )
}

fn is_absent(e: &SdkError) -> bool {
    matches!(
        e,
        SdkError::ServiceNotFound { .. } | SdkError::PlanElementNotFound { .. }
    )
}

/// Polls `plan` until it completes (or, with `stop_on_failure`, fails), leaving the last answer in
/// `last` so a caller that gives up (a timeout around this future) still has it.
pub async fn follow(
    sdk: &SdkClient,
    plan: &str,
    options: FollowOptions,
    last: &mut Option<Reply<PlanView>>,
    observer: &mut dyn PlanObserver,
) -> anyhow::Result<PlanOutcome> {
    let mut last_outage: Option<String> = None;
    loop {
        match sdk.plan(plan).await {
            Ok(reply) => {
                last_outage = None;
                let changed = last.as_ref().is_none_or(|prev| prev.body != reply.body);
                if changed {
                    observer.changed(&reply)?;
                }
                let plan_state = &reply.value;
                let outcome = if plan_state.is_complete() {
                    Some(PlanOutcome::Complete)
                } else if options.stop_on_failure
                    && (reply.status == 417 || plan_state.has_failed())
                {
                    Some(PlanOutcome::Failed)
                } else {
                    None
                };
                *last = Some(reply);
                if let Some(outcome) = outcome {
                    return Ok(outcome);
                }
            }
            Err(e)
                if is_outage(&e)
                    || (matches!(e, SdkError::ServiceNotFound { .. }) && last.is_some())
                    || (options.patience == Patience::Startup && is_absent(&e)) =>
            {
                let text = e.to_string();
                if last_outage.as_deref() != Some(text.as_str()) {
                    observer.outage(&text);
                    last_outage = Some(text);
                }
            }
            Err(e) => return Err(e.into()),
        }
        tokio::time::sleep(options.interval).await;
    }
}

/// Why [`wait_complete`] did not see the plan complete.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    #[error("the {plan} plan of {service} has errors:\n{}", .errors.iter().map(|e| format!("- {e}")).collect::<Vec<_>>().join("\n"))]
    Failed {
        service: String,
        plan: String,
        errors: Vec<String>,
    },
    #[error(
        "timed out after {} waiting for the {plan} plan of {service} ({last_state}); `pxfw plan status {plan} --name {service}` shows where it is",
        humantime::format_duration(*.waited)
    )]
    TimedOut {
        service: String,
        plan: String,
        waited: Duration,
        last_state: String,
    },
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Follows the plan of a service that may have just been installed or updated until it is complete,
/// within `timeout`. Returns the complete plan.
pub async fn wait_complete(
    sdk: &SdkClient,
    plan: &str,
    timeout: Duration,
    interval: Duration,
    observer: &mut dyn PlanObserver,
) -> Result<Reply<PlanView>, WaitError> {
    let options = FollowOptions {
        interval,
        stop_on_failure: true,
        patience: Patience::Startup,
    };
    let mut last = None;
    let mut outage: Option<String> = None;
    let mut watching = Watching {
        inner: observer,
        outage: &mut outage,
    };
    let followed = tokio::time::timeout(
        timeout,
        follow(sdk, plan, options, &mut last, &mut watching),
    )
    .await;
    let service = sdk.service().to_string();
    match followed {
        Ok(Ok(PlanOutcome::Complete)) => Ok(last.expect("a complete plan was seen")),
        Ok(Ok(PlanOutcome::Failed)) => Err(WaitError::Failed {
            service,
            plan: plan.to_string(),
            errors: last.map(|r| r.value.errors).unwrap_or_default(),
        }),
        Ok(Err(e)) => Err(WaitError::Other(e)),
        Err(_) => {
            let last_state = match (&outage, &last) {
                (Some(why), _) => why.clone(),
                (None, Some(reply)) => progress(&reply.value),
                (None, None) => "the scheduler never answered".to_string(),
            };
            Err(WaitError::TimedOut {
                service,
                plan: plan.to_string(),
                waited: timeout,
                last_state,
            })
        }
    }
}

/// Remembers the latest outage for the timeout message, and passes everything on.
struct Watching<'a> {
    inner: &'a mut dyn PlanObserver,
    outage: &'a mut Option<String>,
}

impl PlanObserver for Watching<'_> {
    fn changed(&mut self, reply: &Reply<PlanView>) -> anyhow::Result<()> {
        *self.outage = None;
        self.inner.changed(reply)
    }
    fn outage(&mut self, why: &str) {
        *self.outage = Some(why.to_string());
        self.inner.outage(why);
    }
}

/// (complete steps, all steps) of a plan.
pub fn step_counts(p: &PlanView) -> (usize, usize) {
    let total = p.phases.iter().map(|ph| ph.steps.len()).sum();
    let done = p.phases.iter().map(|ph| ph.completed_steps()).sum();
    (done, total)
}

/// `IN_PROGRESS, 3/6 steps complete`, for the timeout message.
fn progress(p: &PlanView) -> String {
    let (done, total) = step_counts(p);
    format!(
        "{}, {done}/{total} steps complete",
        p.status.as_deref().unwrap_or("UNKNOWN")
    )
}
