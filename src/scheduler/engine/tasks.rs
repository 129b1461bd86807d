//! Where each task runs, with what environment and volumes: what a snapshot needs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Engine;
use crate::scheduler::plan::PodTasks;
use crate::scheduler::service::{LaunchContext, launch_spec};

impl Engine {
    /// Where each task of a service runs, with what environment and volumes: what a snapshot needs to run
    /// hooks in task context and to freeze the tasks.
    pub async fn task_contexts(&self, name: &str) -> Option<Vec<TaskContext>> {
        let world = self.world.lock().await;
        let svc = world.services.get(name)?;
        let spec = world.specs.get(&svc.target_config)?;
        let mut out = Vec::new();
        for pod in svc.pods.values() {
            let mounts = self.mounts(svc, spec, pod);
            let volumes: Vec<(String, String)> = spec
                .pods
                .get(&pod.pod_type)
                .and_then(|ps| {
                    Self::volume_requests(
                        svc,
                        ps,
                        &PodTasks {
                            pod_type: pod.pod_type.clone(),
                            index: pod.index,
                            tasks: Vec::new(),
                        },
                    )
                    .ok()
                })
                .unwrap_or_default()
                .into_iter()
                .map(|(path, req)| (path, req.name))
                .collect();
            for t in pod.tasks.values() {
                let ctx = LaunchContext {
                    service: svc,
                    spec,
                    pod,
                    task: t,
                    mounts: mounts.clone(),
                    sandbox_root: t
                        .sandbox
                        .as_ref()
                        .and_then(|s| s.parent())
                        .map(PathBuf::from)
                        .unwrap_or_default(),
                };
                out.push(TaskContext {
                    pod: pod.instance(),
                    pod_type: pod.pod_type.clone(),
                    task: t.name.clone(),
                    task_id: t.task_id.clone(),
                    node: t.node.clone(),
                    state: t.status_word().map(str::to_string),
                    pid: t.pid,
                    sandbox: t.sandbox.clone(),
                    env: launch_spec(&ctx).map(|l| l.task_env()).unwrap_or_default(),
                    volumes: volumes.clone(),
                });
            }
        }
        Some(out)
    }
}

/// One task as a snapshot sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TaskContext {
    pub pod: String,
    pub pod_type: String,
    pub task: String,
    pub task_id: String,
    pub node: String,
    pub state: Option<String>,
    /// The task's process group (its shell's pid), as its agent reported it.
    pub pid: Option<u32>,
    pub sandbox: Option<PathBuf>,
    /// The task's full environment, SDK variables included.
    pub env: BTreeMap<String, String>,
    /// (container path, volume name) of the pod's volumes.
    pub volumes: Vec<(String, String)>,
}
