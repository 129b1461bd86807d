//! A pod's volumes: their deterministic names, creation and attachment, and their host paths as mounts.

use serde_json::json;

use super::Engine;
use crate::api::agent::VolumeMount;
use crate::scheduler::plan::PodTasks;
use crate::scheduler::service::{PodRecord, ServiceRecord};
use crate::scheduler::state::AgentStatus;
use crate::scheduler::store::Write;
use crate::spec::model::{ServiceSpec, pod_instance_name};
use crate::spec::volume::VolumeSyntax;
use crate::volume::{NodeTopology, ReplicaCandidates, VolumeRequest};

impl Engine {
    /// The healthy nodes' topology, for volume replica placement.
    pub fn topology(&self) -> Vec<NodeTopology> {
        self.agents
            .snapshot()
            .into_iter()
            .filter(|a| a.status == AgentStatus::Active)
            .map(|a| NodeTopology::of(a.info.node_id.clone(), &a.info.topology))
            .collect()
    }

    /// The volume requests of one pod instance, named as the spec names them.
    pub(super) fn volume_requests(
        svc: &ServiceRecord,
        pod_spec: &crate::spec::model::PodSpec,
        pod_tasks: &PodTasks,
    ) -> Result<Vec<(String, VolumeRequest)>, String> {
        pod_volume_requests(&svc.name, pod_spec, &pod_tasks.pod_type, pod_tasks.index)
    }

    /// Creates (idempotently) and attaches the pod's volumes on `node`; returns their names.
    pub(super) async fn ensure_volumes(
        &self,
        svc: &ServiceRecord,
        pod_spec: &crate::spec::model::PodSpec,
        pod_tasks: &PodTasks,
        node: &str,
    ) -> Result<Vec<String>, String> {
        let placement = ReplicaCandidates::new(self.topology()).preferring(node.to_string());
        let mut names = Vec::new();
        for (_, req) in Self::volume_requests(svc, pod_spec, pod_tasks)? {
            self.driver
                .create(&req, &placement)
                .await
                .map_err(|e| e.to_string())?;
            self.driver
                .attach(&req.name, node)
                .await
                .map_err(|e| e.to_string())?;
            self.store
                .write(vec![Write::event(
                    "volume-attached",
                    &json!({"service": svc.name, "volume": req.name, "node": node}),
                )])
                .map_err(|e| e.to_string())?;
            names.push(req.name.clone());
        }
        Ok(names)
    }

    pub(super) fn mounts(
        &self,
        svc: &ServiceRecord,
        spec: &ServiceSpec,
        pod: &PodRecord,
    ) -> Vec<VolumeMount> {
        let Some(pod_spec) = spec.pods.get(&pod.pod_type) else {
            return Vec::new();
        };
        let pod_tasks = PodTasks {
            pod_type: pod.pod_type.clone(),
            index: pod.index,
            tasks: Vec::new(),
        };
        Self::volume_requests(svc, pod_spec, &pod_tasks)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(container_path, req)| {
                self.driver
                    .host_path(&req.name)
                    .ok()
                    .map(|host_path| VolumeMount {
                        container_path,
                        host_path,
                    })
            })
            .collect()
    }
}

/// The volume requests of pod instance `<pod_type>-<index>` of `service`, as (container path, request): the
/// spec's deterministic external names, and for Mesos-style local volumes (ROOT/MOUNT/PATH) a driver volume
/// pinned to the pod, named `<service>-<pod>-<path>` so it is found again on restart. Labelled with the
/// service and pod so cleanup can tell whose it is.
pub fn pod_volume_requests(
    service: &str,
    pod_spec: &crate::spec::model::PodSpec,
    pod_type: &str,
    index: u32,
) -> Result<Vec<(String, VolumeRequest)>, String> {
    let instance = pod_instance_name(pod_type, index);
    let mut out = Vec::new();
    for v in pod_spec.resolved_volumes(service, pod_type) {
        let req = match v.syntax {
            VolumeSyntax::Local => {
                let path = v.container_path.trim_matches('/').replace('/', "_");
                let name = format!(
                    "{}-{instance}-{path}",
                    crate::spec::volume::escape_slashes(service)
                );
                VolumeRequest::new(name, v.size_mb.unwrap_or(0))
            }
            _ => VolumeRequest::from_resolved(&v, index).map_err(|e| e.to_string())?,
        };
        let req = req
            .label(SERVICE_LABEL, service)
            .label("pxfw/pod", instance.clone());
        out.push((v.container_path.clone(), req));
    }
    Ok(out)
}

/// The label naming the service a volume belongs to (what `pxfw cleanup` selects on).
pub use crate::dcos::janitor::SERVICE_LABEL;
