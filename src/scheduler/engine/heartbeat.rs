//! The agent heartbeat: record what an agent reports, answer with every task it should run.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Engine, EngineError};
use crate::api::agent::{TaskLaunch, TaskState, TaskStatus, VolumeMount};
use crate::scheduler::service::{LaunchContext, launch_spec};
use crate::scheduler::store::now_ms;

impl Engine {
    /// Records what an agent reports and returns every task it should be running.
    pub async fn heartbeat(
        &self,
        node: &str,
        reports: &[TaskStatus],
    ) -> Result<Vec<TaskLaunch>, EngineError> {
        let mut world = self.world.lock().await;
        let now = now_ms();
        let by_id: HashMap<&str, &TaskStatus> =
            reports.iter().map(|r| (r.task_id.as_str(), r)).collect();
        let names: Vec<String> = world.services.keys().cloned().collect();
        let mut launches = Vec::new();
        for name in names {
            let Some(mut svc) = world.services.get(&name).cloned() else {
                continue;
            };
            let mut changed = false;
            for pod in svc.pods.values_mut() {
                for t in pod.tasks.values_mut().chain(pod.retired.iter_mut()) {
                    if t.node != node {
                        continue;
                    }
                    match by_id.get(t.task_id.as_str()) {
                        Some(r) => {
                            let ready = r.ready.unwrap_or(true);
                            if t.state != Some(r.state)
                                || t.message != r.message
                                || t.reason != r.reason
                                || t.ready != ready
                                || t.pid != r.pid
                            {
                                t.state = Some(r.state);
                                t.message = r.message.clone();
                                t.reason = r.reason;
                                t.ready = ready;
                                t.pid = r.pid;
                                t.sandbox = Some(r.sandbox.clone());
                                t.updated_ms = now;
                                changed = true;
                            }
                        }
                        None => {
                            // Not wanted and not reported: the agent no longer has it, so it is gone.
                            if !t.wanted && !t.is_terminal() {
                                t.state = Some(TaskState::Killed);
                                t.message = "not running on its node".into();
                                t.updated_ms = now;
                                changed = true;
                            }
                        }
                    }
                }
            }
            if changed {
                self.persist(&svc, vec![])?;
            }
            let Some(spec) = world.specs.get(&svc.target_config).cloned() else {
                continue;
            };
            for pod in svc.pods.values() {
                let mounts: Vec<VolumeMount> = match world.specs.get(&svc.target_config) {
                    Some(_) => self.mounts(&svc, &spec, pod),
                    None => Vec::new(),
                };
                for t in pod.tasks.values() {
                    if t.node != node || !t.wanted || t.is_terminal() {
                        continue;
                    }
                    let task_spec_ok = world.specs.contains_key(&t.config_id);
                    let spec_for_task = world
                        .specs
                        .get(&t.config_id)
                        .cloned()
                        .unwrap_or_else(|| spec.clone());
                    if !task_spec_ok {
                        continue;
                    }
                    let ctx = LaunchContext {
                        service: &svc,
                        spec: &spec_for_task,
                        pod,
                        task: t,
                        mounts: mounts.clone(),
                        sandbox_root: PathBuf::new(),
                    };
                    if let Some(l) = launch_spec(&ctx) {
                        launches.push(l);
                    }
                }
            }
            world.services.insert(name, svc);
        }
        Ok(launches)
    }
}
