//! Rollout plans with the dcos-commons SDK's semantics (contracts/sdk-scheduler-api.md §2.2–2.3,
//! §5.1): a [`Plan`] holds [`Phase`]s, a phase holds [`Step`]s, and each level has a [`Strategy`]
//! that decides which children may run next.
//!
//! Only steps store a status; phases and plans *compute* theirs with the SDK's aggregate rule
//! ([`aggregate`]), so an operator's `interrupt`/`continue` shows up immediately and nothing can
//! drift out of sync. The engine asks [`Plan::next_steps`] what to work on and reports progress with
//! the `mark_*` methods of [`Step`]; operators steer through the operations in [`ops`], which answer
//! with the exact HTTP outcome the fork's `PlansResource` gives.
//!
//! Everything here is plain data (serde both ways) so the engine can persist plans write-ahead, and
//! pure: no clock, no I/O.

mod build;
pub mod ops;
mod render;
mod status;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use crate::spec::model::Strategy;
pub use build::{Decommission, UninstallTask, plans_from_spec};
pub use ops::Outcome;
pub use render::Progress;
pub use status::{Status, aggregate};

use crate::spec::model::{pod_instance_name, step_name, task_instance_name};

/// The tasks of one pod instance that a step launches together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodTasks {
    pub pod_type: String,
    pub index: u32,
    /// Task names as the spec writes them (`server`), not the instance names.
    pub tasks: Vec<String>,
}

impl PodTasks {
    /// `<podType>-<index>`.
    pub fn pod_instance(&self) -> String {
        pod_instance_name(&self.pod_type, self.index)
    }

    /// `<podType>-<index>-<task>` for every task of the step.
    pub fn task_instances(&self) -> Vec<String> {
        self.tasks
            .iter()
            .map(|t| task_instance_name(&self.pod_type, self.index, t))
            .collect()
    }

    /// The SDK step name `<podType>-<index>:[<task>, <task>]`.
    pub fn step_name(&self) -> String {
        step_name(&self.pod_type, self.index, &self.tasks)
    }
}

/// What a step does when the engine acts on it. Deploy-style steps launch tasks of a pod instance;
/// the others are the cleanup steps of decommission and uninstall plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StepKind {
    /// Launch (or relaunch after a config change) these tasks: deploy, update and custom plans.
    Launch(PodTasks),
    /// Relaunch a failed pod: in place when `permanent` is false, anywhere when true (`pod replace`,
    /// lost node).
    Recover { pod: PodTasks, permanent: bool },
    /// Kill one task (`kill-<task>` in decommission, `kill-task-<taskId>` in uninstall).
    KillTask {
        task: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        task_id: Option<String>,
    },
    /// Detach and unmount a volume so it holds no node (`unreserve-<volume>` / `release-<volume>`).
    ReleaseVolume { volume: String },
    /// Delete a volume and its data (`delete-<volume>`), only when the operator did not keep it.
    DeleteVolume { volume: String },
    /// Forget a task's state records (`erase-<task>`).
    EraseTask { task: String },
    /// Remove the service from the store (`deregister`), the last uninstall step.
    Deregister,
    /// Bring a detached volume back to a snapshot's content (`restore-<volume>`).
    RestoreVolume { volume: String, snapshot: String },
}

impl StepKind {
    /// The pod instance and tasks this step launches, for launch and recovery steps.
    pub fn pod(&self) -> Option<&PodTasks> {
        match self {
            StepKind::Launch(p) | StepKind::Recover { pod: p, .. } => Some(p),
            _ => None,
        }
    }
}

/// What the `mark_*` methods accept as the step's message: text, or `None` to clear it.
pub trait StepMessage {
    fn into_message(self) -> Option<String>;
}

impl StepMessage for Option<String> {
    fn into_message(self) -> Option<String> {
        self
    }
}

impl StepMessage for String {
    fn into_message(self) -> Option<String> {
        Some(self)
    }
}

impl StepMessage for &str {
    fn into_message(self) -> Option<String> {
        Some(self.to_owned())
    }
}

/// One unit of work. Its status is the only status a plan stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: Uuid,
    pub name: String,
    pub kind: StepKind,
    status: Status,
    /// Free-form progress or failure text (e.g. why a pod could not be placed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A paused step is not handed out by its strategy; it shows WAITING until it starts.
    #[serde(default)]
    pub interrupted: bool,
}

impl Step {
    /// A new PENDING step.
    pub fn new(name: impl Into<String>, kind: StepKind) -> Step {
        Step {
            id: Uuid::new_v4(),
            name: name.into(),
            kind,
            status: Status::Pending,
            message: None,
            interrupted: false,
        }
    }

    /// The status as served: WAITING while an interrupted step has not started, else the stored one.
    pub fn status(&self) -> Status {
        if self.interrupted && self.status == Status::Pending {
            Status::Waiting
        } else {
            self.status
        }
    }

    /// The stored progress status, ignoring interruption.
    pub fn stored_status(&self) -> Status {
        self.status
    }

    pub fn is_complete(&self) -> bool {
        self.status == Status::Complete
    }

    fn set(&mut self, status: Status, message: Option<String>) {
        self.status = status;
        self.message = message;
    }

    /// Resources were chosen and the launch recorded (write-ahead), not yet sent to an agent.
    pub fn mark_prepared(&mut self, message: impl StepMessage) {
        self.set(Status::Prepared, message.into_message());
    }

    /// The launch was sent; tasks are staging or starting.
    pub fn mark_starting(&mut self, message: impl StepMessage) {
        self.set(Status::Starting, message.into_message());
    }

    /// The tasks run but a readiness check has not passed yet (this gates serial rollouts).
    pub fn mark_started(&mut self, message: impl StepMessage) {
        self.set(Status::Started, message.into_message());
    }

    /// Done: running and ready, or finished for FINISH/ONCE tasks, or the cleanup happened.
    pub fn mark_complete(&mut self, message: impl StepMessage) {
        self.set(Status::Complete, message.into_message());
    }

    /// The step cannot be carried out without a change (e.g. an invalid config transition).
    pub fn mark_error(&mut self, message: impl StepMessage) {
        self.set(Status::Error, message.into_message());
    }

    /// Back-off after launch failures (upstream's DELAYED); the engine retries later.
    pub fn mark_delayed(&mut self, message: impl StepMessage) {
        self.set(Status::Delayed, message.into_message());
    }

    /// Back to PENDING: a retry, or an operator's restart.
    pub fn mark_pending(&mut self, message: impl StepMessage) {
        self.set(Status::Pending, message.into_message());
    }
}

/// The canary gate of a `serial-canary`/`parallel-canary` phase: one `continue` releases the first
/// step, a second releases the rest under the base strategy (§2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CanaryGate {
    /// No canary step released yet.
    Closed,
    /// The first step may run; the rest wait for another `continue`.
    FirstReleased,
    /// Everything may run (also the state of non-canary phases).
    #[default]
    Open,
}

/// A group of steps with its own strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: Uuid,
    pub name: String,
    pub strategy: Strategy,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub interrupted: bool,
    #[serde(default)]
    pub canary: CanaryGate,
}

impl Phase {
    /// A phase whose canary gate starts closed when `strategy` is a canary strategy.
    pub fn new(name: impl Into<String>, strategy: Strategy, steps: Vec<Step>) -> Phase {
        let canary = if is_canary(strategy) {
            CanaryGate::Closed
        } else {
            CanaryGate::Open
        };
        Phase {
            id: Uuid::new_v4(),
            name: name.into(),
            strategy,
            steps,
            interrupted: false,
            canary,
        }
    }

    /// True when the strategy hands out nothing until a `continue`: paused by the operator, or
    /// held at a canary gate.
    pub fn is_interrupted(&self) -> bool {
        self.interrupted || self.gate_closed()
    }

    fn gate_closed(&self) -> bool {
        match self.canary {
            CanaryGate::Open => false,
            CanaryGate::Closed => true,
            CanaryGate::FirstReleased => {
                self.steps.first().is_some_and(Step::is_complete)
                    && self.steps.iter().any(|s| !s.is_complete())
            }
        }
    }

    /// Indices of the steps the strategy would run next (empty while interrupted).
    pub fn candidates(&self) -> Vec<usize> {
        if self.is_interrupted() {
            return Vec::new();
        }
        let released = match self.canary {
            CanaryGate::FirstReleased => &self.steps[..self.steps.len().min(1)],
            _ => &self.steps[..],
        };
        strategy_candidates(self.strategy, released.iter().map(Step::is_complete))
    }

    /// The aggregate status (§2.3).
    pub fn status(&self) -> Status {
        let children: Vec<Status> = self.steps.iter().map(Step::status).collect();
        let candidates: Vec<Status> = self.candidates().iter().map(|&i| children[i]).collect();
        aggregate(&children, &candidates, false, self.is_interrupted())
    }

    /// `proceed()`: clears a pause and, if the canary gate holds the phase, opens it one notch.
    pub fn proceed(&mut self) {
        let held = self.gate_closed();
        self.interrupted = false;
        if held {
            self.canary = match self.canary {
                CanaryGate::Closed => CanaryGate::FirstReleased,
                _ => CanaryGate::Open,
            };
        }
    }

    /// Every step back to PENDING (the SDK's `restart()`: pauses and the canary gate are kept).
    pub fn restart(&mut self) {
        for step in &mut self.steps {
            step.mark_pending(None);
        }
    }

    /// Every step COMPLETE (force-complete).
    pub fn force_complete(&mut self) {
        for step in &mut self.steps {
            step.mark_complete(None);
        }
    }

    /// The step with this uuid or, failing that, the only step with this name.
    pub fn find_step(&self, key: &str) -> Option<usize> {
        find_by(&self.steps, key, |s| (s.id, s.name.as_str()), true)
    }
}

/// Where a step sits in its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StepRef {
    pub phase: usize,
    pub step: usize,
}

/// A plan as the scheduler runs and serves it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub name: String,
    /// Plan level: serial or parallel.
    pub strategy: Strategy,
    pub phases: Vec<Phase>,
    /// Problems that stop the plan, e.g. a rejected config change (served with HTTP 417).
    #[serde(default)]
    pub errors: Vec<String>,
    #[serde(default)]
    pub interrupted: bool,
    /// Parameters from `start`, passed to the tasks the plan's steps launch as environment.
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
}

impl Plan {
    pub fn new(name: impl Into<String>, strategy: Strategy, phases: Vec<Phase>) -> Plan {
        Plan {
            name: name.into(),
            strategy,
            phases,
            errors: Vec::new(),
            interrupted: false,
            parameters: BTreeMap::new(),
        }
    }

    /// Indices of the phases the plan strategy would run next (empty while interrupted).
    pub fn candidates(&self) -> Vec<usize> {
        if self.interrupted {
            return Vec::new();
        }
        strategy_candidates(
            self.strategy,
            self.phases.iter().map(|p| p.status() == Status::Complete),
        )
    }

    /// The aggregate status (§2.3).
    pub fn status(&self) -> Status {
        let children: Vec<Status> = self.phases.iter().map(Phase::status).collect();
        let candidates: Vec<Status> = self.candidates().iter().map(|&i| children[i]).collect();
        aggregate(
            &children,
            &candidates,
            !self.errors.is_empty(),
            self.interrupted,
        )
    }

    /// The steps the engine should act on now: launch the PENDING ones, watch the in-flight ones.
    /// Empty while the plan has errors or is interrupted; serial levels never hand out more than
    /// their first unfinished child, and an ERROR step blocks a serial phase.
    pub fn next_steps(&self) -> Vec<StepRef> {
        if !self.errors.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for phase_index in self.candidates() {
            let phase = &self.phases[phase_index];
            for step_index in phase.candidates() {
                let step = &phase.steps[step_index];
                let actionable = !step.interrupted
                    && !matches!(step.stored_status(), Status::Complete | Status::Error);
                if actionable {
                    out.push(StepRef {
                        phase: phase_index,
                        step: step_index,
                    });
                }
            }
        }
        out
    }

    pub fn step(&self, at: StepRef) -> Option<&Step> {
        self.phases.get(at.phase)?.steps.get(at.step)
    }

    pub fn step_mut(&mut self, at: StepRef) -> Option<&mut Step> {
        self.phases.get_mut(at.phase)?.steps.get_mut(at.step)
    }

    /// Where the step with this id is.
    pub fn locate(&self, id: Uuid) -> Option<StepRef> {
        self.phases.iter().enumerate().find_map(|(p, phase)| {
            phase
                .steps
                .iter()
                .position(|s| s.id == id)
                .map(|s| StepRef { phase: p, step: s })
        })
    }

    /// The phase with this uuid or, failing that, the first phase with this name.
    pub fn find_phase(&self, key: &str) -> Option<usize> {
        find_by(&self.phases, key, |p| (p.id, p.name.as_str()), false)
    }

    /// Every step PENDING (the SDK's `restart()`: pauses are kept).
    pub fn restart(&mut self) {
        self.phases.iter_mut().for_each(Phase::restart);
    }
}

fn is_canary(strategy: Strategy) -> bool {
    matches!(strategy, Strategy::SerialCanary | Strategy::ParallelCanary)
}

/// Serial strategies offer their first unfinished child, parallel ones all unfinished children.
fn strategy_candidates(strategy: Strategy, complete: impl Iterator<Item = bool>) -> Vec<usize> {
    let mut unfinished = complete
        .enumerate()
        .filter(|(_, done)| !done)
        .map(|(i, _)| i);
    match strategy {
        Strategy::Serial | Strategy::SerialCanary => unfinished.next().into_iter().collect(),
        Strategy::Parallel | Strategy::ParallelCanary => unfinished.collect(),
    }
}

/// Lookup by uuid first, then by name (§2.0). With `unique_name`, a name must match exactly one.
fn find_by<T>(
    items: &[T],
    key: &str,
    id_name: impl Fn(&T) -> (Uuid, &str),
    unique_name: bool,
) -> Option<usize> {
    if let Ok(id) = Uuid::parse_str(key)
        && let Some(i) = items.iter().position(|t| id_name(t).0 == id)
    {
        return Some(i);
    }
    let mut matches = items
        .iter()
        .enumerate()
        .filter(|(_, t)| id_name(t).1 == key)
        .map(|(i, _)| i);
    let first = matches.next()?;
    if unique_name && matches.next().is_some() {
        return None;
    }
    Some(first)
}

impl fmt::Display for StepRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "phase {} step {}", self.phase, self.step)
    }
}

#[cfg(test)]
mod tests;
