//! The plan view of `GET /v1/plans/<plan>` (contract §2.3), built on the shared SDK views
//! (`api::sdk`) so the server serves exactly what the CLI parses, with the real SDK's key order
//! (phase: `id`, `name`, `steps`, `status`, `strategy`; step: `id`, `status`, `name`, `message`).

use super::{Plan, Status, Step, StepKind};
use crate::api::sdk;

/// Where a plan stands for the SDK's plan and health answers: the server turns it into the status
/// code (417 / 200 / 202 in the fork).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Progress {
    /// Finished: every phase is complete and there are no errors.
    Complete,
    /// Still to do (or paused): neither complete nor failed.
    InProgress,
    /// The plan carries errors (an illegal configuration change, a volume that cannot be made).
    Errors,
}

impl Plan {
    /// The wire form, statuses computed now.
    pub fn to_wire(&self) -> sdk::PlanView {
        sdk::PlanView {
            phases: self
                .phases
                .iter()
                .map(|phase| sdk::PhaseView {
                    id: Some(phase.id.to_string()),
                    name: Some(phase.name.clone()),
                    steps: phase.steps.iter().map(step_wire).collect(),
                    status: Some(phase.status().to_string()),
                    strategy: Some(phase.strategy.to_string()),
                })
                .collect(),
            errors: self.errors.clone(),
            status: Some(self.status().to_string()),
            strategy: Some(self.strategy.to_string()),
        }
    }

    /// Errors first, then complete, else in progress.
    pub fn progress(&self) -> Progress {
        if !self.errors.is_empty() {
            Progress::Errors
        } else if self.status() == super::Status::Complete {
            Progress::Complete
        } else {
            Progress::InProgress
        }
    }
}

fn step_wire(step: &Step) -> sdk::StepView {
    let status = step.status();
    let message = step.message.clone().unwrap_or_else(|| {
        // The SDK's default message names the step class; cleanup steps have no SDK twin here.
        let prefix = match step.kind {
            StepKind::Launch(_) => "com.mesosphere.sdk.scheduler.plan.DeploymentStep: ",
            StepKind::Recover { .. } => "com.mesosphere.sdk.scheduler.recovery.RecoveryStep: ",
            _ => "",
        };
        format!(
            "{prefix}'{} [{}]' has status: '{status}'.",
            step.name, step.id
        )
    });
    // The engine's message of a step that waits says why (placement, an earlier launch, a back-off).
    let waits = matches!(status, Status::Pending | Status::Waiting | Status::Delayed);
    sdk::StepView {
        id: Some(step.id.to_string()),
        status: Some(status.to_string()),
        name: Some(step.name.clone()),
        reason: step.message.clone().filter(|_| waits),
        message: Some(message),
    }
}
