//! Plans as the scheduler runs them: each phase expanded into concrete steps for the pod instances
//! that exist at the current count (contracts/sdk-scheduler-api.md §2.3, §3.5).
//!
//! Rules: an entry for an exact index wins over `default`; each inner list of an entry is one step
//! whose tasks launch together; a phase without `steps` gets one step per instance launching every
//! task of the pod; a spec without a `deploy` plan gets a serial one with one serial phase per pod
//! type, in spec order, named after the pod type.

use serde::Serialize;

use super::model::{
    PhaseSpec, ServiceSpec, StepEntry, StepSelector, Strategy, pod_instance_name, step_name,
};

/// A plan with its steps spelled out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpandedPlan {
    pub name: String,
    pub strategy: Strategy,
    /// True when the spec has no such plan and the SDK's default deploy plan was generated.
    pub generated: bool,
    pub phases: Vec<ExpandedPhase>,
}

/// A phase: one pod type, its steps in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpandedPhase {
    pub name: String,
    pub strategy: Strategy,
    pub pod: String,
    pub steps: Vec<ExpandedStep>,
}

/// One step: launch `tasks` of pod instance `pod_index` together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpandedStep {
    /// `<podType>-<index>:[<task>, <task>]`.
    pub name: String,
    /// `<podType>-<index>`.
    pub pod_instance: String,
    pub pod_index: u32,
    pub tasks: Vec<String>,
}

impl ServiceSpec {
    /// The named plan, expanded; `deploy` is generated when the spec does not define it.
    pub fn expanded_plan(&self, name: &str) -> Option<ExpandedPlan> {
        match self.plans.get(name) {
            Some(plan) => Some(ExpandedPlan {
                name: name.to_owned(),
                strategy: plan.strategy.unwrap_or(Strategy::Serial),
                generated: false,
                phases: plan
                    .phases
                    .iter()
                    .map(|(phase_name, phase)| self.expand_phase(phase_name, phase))
                    .collect(),
            }),
            None if name == "deploy" => Some(ExpandedPlan {
                name: name.to_owned(),
                strategy: Strategy::Serial,
                generated: true,
                phases: self
                    .pods
                    .keys()
                    .map(|pod| {
                        let phase = PhaseSpec {
                            strategy: None,
                            pod: pod.clone(),
                            steps: None,
                        };
                        self.expand_phase(pod, &phase)
                    })
                    .collect(),
            }),
            None => None,
        }
    }

    /// Every plan: `deploy` first (generated if absent), then the others in spec order.
    pub fn expanded_plans(&self) -> Vec<ExpandedPlan> {
        std::iter::once("deploy")
            .chain(
                self.plans
                    .keys()
                    .map(String::as_str)
                    .filter(|n| *n != "deploy"),
            )
            .filter_map(|name| self.expanded_plan(name))
            .collect()
    }

    fn expand_phase(&self, name: &str, phase: &PhaseSpec) -> ExpandedPhase {
        let (count, all_tasks): (u32, Vec<String>) = match self.pods.get(&phase.pod) {
            Some(pod) => (pod.count, pod.tasks.keys().cloned().collect()),
            None => (0, Vec::new()),
        };
        let mut steps = Vec::new();
        for index in 0..count {
            let groups: Vec<Vec<String>> = match &phase.steps {
                None => vec![all_tasks.clone()],
                Some(entries) => steps_for_index(entries, index),
            };
            steps.extend(groups.into_iter().map(|tasks| ExpandedStep {
                name: step_name(&phase.pod, index, &tasks),
                pod_instance: pod_instance_name(&phase.pod, index),
                pod_index: index,
                tasks,
            }));
        }
        ExpandedPhase {
            name: name.to_owned(),
            strategy: phase.strategy.unwrap_or(Strategy::Serial),
            pod: phase.pod.clone(),
            steps,
        }
    }
}

/// The step groups for one pod index: its own entries if it has any, else the `default` ones.
pub fn steps_for_index(entries: &[StepEntry], index: u32) -> Vec<Vec<String>> {
    let pick = |sel: StepSelector| -> Vec<Vec<String>> {
        entries
            .iter()
            .filter(|e| e.selector == sel)
            .flat_map(|e| e.steps.iter().cloned())
            .collect()
    };
    let own = pick(StepSelector::Index(index));
    if own.is_empty() {
        pick(StepSelector::Default)
    } else {
        own
    }
}
