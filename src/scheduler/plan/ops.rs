//! Operator commands on a plan with the fork's `PlansResource` outcomes (contract §2.1–2.2): done
//! with a `Received cmd: …` message, already reported when the command changes nothing, not found
//! when a phase or step is unknown, a bad request for bad `start` parameters.

use std::collections::BTreeMap;

use super::{Phase, Plan, Status};
use crate::api::sdk::is_env_name;

/// How a command ended; the server decides the answer's status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done, with the message the SDK answers (`Received cmd: …`).
    Done(String),
    /// Already in that state: nothing changed.
    AlreadyReported,
    /// No such phase or step.
    NotFound,
    /// Bad `start` parameters, with why.
    BadRequest(String),
}

/// Java's `Map.toString` (`{K=V, K2=V2}`), which the SDK puts in the `start` reply.
fn java_map(params: &BTreeMap<String, String>) -> String {
    let items: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{{{}}}", items.join(", "))
}

/// Java string concatenation prints a missing value as `null`.
fn or_null(value: Option<&str>) -> &str {
    value.unwrap_or("null")
}

/// What a `?phase=&step=` pair designates.
enum Target {
    Plan,
    Phase(usize),
    Step(usize, usize),
}

impl Plan {
    fn target(&self, phase: Option<&str>, step: Option<&str>) -> Option<Target> {
        match (phase, step) {
            (None, None) => Some(Target::Plan),
            // The fork answers a step without its phase with 404 (upstream: 400 "Missing phase").
            (None, Some(_)) => None,
            (Some(p), None) => self.find_phase(p).map(Target::Phase),
            (Some(p), Some(s)) => {
                let pi = self.find_phase(p)?;
                let si = self.phases[pi].find_step(s)?;
                Some(Target::Step(pi, si))
            }
        }
    }

    /// `start`: validates the parameter names, stores them (they replace earlier ones), restarts a
    /// COMPLETE plan, and lets the plan run. Idempotent on a running plan apart from the parameters.
    pub fn start(&mut self, params: BTreeMap<String, String>) -> Outcome {
        if let Some(bad) = params.keys().find(|k| !is_env_name(k)) {
            return Outcome::BadRequest(format!(
                "Couldn't parse parameters: {bad} is not a valid environment variable name"
            ));
        }
        let shown = java_map(&params);
        self.parameters = params;
        if self.status() == Status::Complete {
            self.interrupted = true;
            self.restart();
        }
        self.interrupted = false;
        Outcome::Done(format!(
            "Received cmd: start {} with parameters: {shown}",
            self.name
        ))
    }

    /// `stop`: pause the plan and reset every step to PENDING. Never 208.
    pub fn stop(&mut self) -> Outcome {
        self.interrupted = true;
        self.restart();
        Outcome::Done("Received cmd: stop".to_owned())
    }

    /// `interrupt` (pause) the plan or one phase. The step in flight keeps running; nothing new is
    /// handed out.
    pub fn interrupt(&mut self, phase: Option<&str>) -> Outcome {
        match phase {
            None => {
                if self.interrupted || self.status() == Status::Complete {
                    return Outcome::AlreadyReported;
                }
                self.interrupted = true;
            }
            Some(key) => {
                let Some(i) = self.find_phase(key) else {
                    return Outcome::NotFound;
                };
                let phase = &mut self.phases[i];
                if phase.is_interrupted() || phase.status() == Status::Complete {
                    return Outcome::AlreadyReported;
                }
                phase.interrupted = true;
            }
        }
        Outcome::Done("Received cmd: interrupt".to_owned())
    }

    /// `continue` (resume) the plan or one phase; 208 when it is running or complete. Each
    /// `continue` lifts one gate: a paused plan is resumed; otherwise the phases the plan would run
    /// next are resumed, which opens a canary phase one notch (first step, then the rest).
    pub fn proceed(&mut self, phase: Option<&str>) -> Outcome {
        match phase {
            None => {
                let status = self.status();
                if status.is_running() || status == Status::Complete {
                    return Outcome::AlreadyReported;
                }
                if self.interrupted {
                    self.interrupted = false;
                } else {
                    let next = super::strategy_candidates(
                        self.strategy,
                        self.phases.iter().map(|p| p.status() == Status::Complete),
                    );
                    for i in next {
                        if self.phases[i].is_interrupted() {
                            self.phases[i].proceed();
                        }
                    }
                }
            }
            Some(key) => {
                let Some(i) = self.find_phase(key) else {
                    return Outcome::NotFound;
                };
                let phase = &mut self.phases[i];
                let status = phase.status();
                if status.is_running() || status == Status::Complete {
                    return Outcome::AlreadyReported;
                }
                phase.proceed();
            }
        }
        Outcome::Done("Received cmd: continue".to_owned())
    }

    /// `forceComplete` of the plan, a phase or a step: marked COMPLETE; 208 if it already is.
    pub fn force_complete(&mut self, phase: Option<&str>, step: Option<&str>) -> Outcome {
        let Some(target) = self.target(phase, step) else {
            return Outcome::NotFound;
        };
        let complete = match target {
            Target::Plan => self.status() == Status::Complete,
            Target::Phase(p) => self.phases[p].status() == Status::Complete,
            Target::Step(p, s) => self.phases[p].steps[s].is_complete(),
        };
        if complete {
            return Outcome::AlreadyReported;
        }
        match target {
            Target::Plan => self.force_complete_all(),
            Target::Phase(p) => self.phases[p].force_complete(),
            Target::Step(p, s) => self.phases[p].steps[s].mark_complete(None),
        }
        Outcome::Done(format!(
            "Received cmd: forceComplete for Plan: {}, Phase: {}, Step: {}",
            self.name,
            or_null(phase),
            or_null(step)
        ))
    }

    fn force_complete_all(&mut self) {
        self.phases.iter_mut().for_each(Phase::force_complete);
    }

    /// `restart` of the plan, a phase or a step: resumed and reset to PENDING; 208 if it already
    /// is PENDING.
    pub fn restart_element(&mut self, phase: Option<&str>, step: Option<&str>) -> Outcome {
        let Some(target) = self.target(phase, step) else {
            return Outcome::NotFound;
        };
        let pending = match target {
            Target::Plan => self.status() == Status::Pending,
            Target::Phase(p) => self.phases[p].status() == Status::Pending,
            Target::Step(p, s) => self.phases[p].steps[s].status() == Status::Pending,
        };
        if pending {
            return Outcome::AlreadyReported;
        }
        match target {
            Target::Plan => {
                self.interrupted = false;
                self.restart();
            }
            Target::Phase(p) => {
                self.phases[p].interrupted = false;
                self.phases[p].restart();
            }
            Target::Step(p, s) => {
                let step = &mut self.phases[p].steps[s];
                step.interrupted = false;
                step.mark_pending(None);
            }
        }
        Outcome::Done(format!(
            "Received cmd: restart for Plan: {}, Phase: {}, Step: {}",
            self.name,
            or_null(phase),
            or_null(step)
        ))
    }
}
