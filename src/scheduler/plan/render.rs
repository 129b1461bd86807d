//! The plan JSON of `GET /v1/plans/<plan>` (contract §2.3), built on the client's wire types so
//! the server serves exactly what the CLI parses, with the real SDK's key order (phase: `id`,
//! `name`, `steps`, `status`, `strategy`; step: `id`, `status`, `name`, `message`).

use super::{Plan, Step, StepKind};
use crate::dcos::sdk;

impl Plan {
    /// The wire form, statuses computed now.
    pub fn to_wire(&self) -> sdk::Plan {
        sdk::Plan {
            phases: self
                .phases
                .iter()
                .map(|phase| sdk::Phase {
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

    /// The body, pretty-printed with a 2-space indent as the SDK serves it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_wire()).unwrap_or_default()
    }

    /// 417 when the plan has errors, 200 when complete, 202 otherwise.
    pub fn http_status(&self) -> u16 {
        if !self.errors.is_empty() {
            417
        } else if self.status() == super::Status::Complete {
            200
        } else {
            202
        }
    }
}

fn step_wire(step: &Step) -> sdk::Step {
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
    sdk::Step {
        id: Some(step.id.to_string()),
        status: Some(status.to_string()),
        name: Some(step.name.clone()),
        message: Some(message),
    }
}
