//! Waiting for a service's rollout plan, shared by `install --wait`, `scale --wait`, `update start --wait`
//! and `quickstart`: [`crate::ops::plan::wait_complete`] with a progress bar of completed steps on a
//! terminal, and the exit codes scripts rely on (1 when the plan has errors, 124 on timeout).

use std::time::Duration;

use super::exit::Exit;
use crate::api::sdk::PlanView;
use crate::cluster::http::HttpClient;
use crate::dcos::sdk::{Reply, SdkClient};
use crate::ops::plan::{self, PlanObserver, WaitError};
use crate::output;

/// How often the plan is polled.
const POLL: Duration = Duration::from_millis(500);

/// Shows completed steps out of all steps.
struct Bar(indicatif::ProgressBar);

impl PlanObserver for Bar {
    fn changed(&mut self, reply: &Reply<PlanView>) -> anyhow::Result<()> {
        let (done, total) = plan::step_counts(&reply.value);
        self.0.set_length(total as u64);
        self.0.set_position(done as u64);
        Ok(())
    }
}

/// Polls the plan until it is COMPLETE (Ok), has errors (exit 1 with the errors), or `timeout` passes
/// (exit 124). A progress bar shows completed steps on a terminal.
pub async fn plan_complete(
    http: &HttpClient,
    service: &str,
    plan: &str,
    timeout: Duration,
) -> anyhow::Result<()> {
    let sdk = SdkClient::new(http.clone(), service).map_err(|e| Exit::usage(e.to_string()))?;
    let mut bar = Bar(output::progress(0, format!("{service} {plan}")));
    match plan::wait_complete(&sdk, plan, timeout, POLL, &mut bar).await {
        Ok(_) => {
            bar.0.finish();
            Ok(())
        }
        Err(e) => {
            bar.0.abandon();
            match e {
                WaitError::TimedOut { .. } => Err(Exit::timeout(e.to_string()).into()),
                WaitError::Other(e) => Err(e),
                failed @ WaitError::Failed { .. } => Err(failed.into()),
            }
        }
    }
}
