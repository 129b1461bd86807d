//! A per-pod-type digest of a spec — counts, resolved resources, volume names per instance,
//! placement and expanded plans — with stable field names for `--json` and for callers that want
//! facts rather than the raw YAML shape (resource sets already resolved into each task).

use indexmap::IndexMap;
use serde::Serialize;

use super::constraint::{Constraint, PlacementRule};
use super::model::{Goal, PodSpec, PortSpec, ServiceSpec, TaskSpec, VolumeType, pod_instance_name};
use super::plan::ExpandedPlan;
use super::volume::{ResolvedVolume, VolumeScope, VolumeSyntax};

#[derive(Debug, Clone, Serialize)]
pub struct SpecSummary {
    pub name: String,
    pub user: Option<String>,
    pub principal: Option<String>,
    pub pods: Vec<PodSummary>,
    pub plans: Vec<ExpandedPlan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PodSummary {
    #[serde(rename = "type")]
    pub pod_type: String,
    pub count: u32,
    pub allow_decommission: bool,
    /// `<type>-0` … `<type>-<count-1>`.
    pub instances: Vec<String>,
    /// The placement text as written (after templating).
    pub placement: Option<String>,
    /// The parsed rows; empty when there is no constraint (or it does not parse).
    pub placement_rules: Vec<Constraint>,
    pub image: Option<String>,
    pub networks: Vec<String>,
    pub tasks: Vec<TaskSummary>,
    pub volumes: Vec<VolumeSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskSummary {
    pub name: String,
    pub goal: Goal,
    pub essential: bool,
    pub resource_set: Option<String>,
    pub cpus: Option<f64>,
    pub gpus: Option<f64>,
    pub memory_mb: Option<u64>,
    pub ports: Vec<PortSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortSummary {
    pub name: String,
    /// 0 or absent: dynamic.
    pub port: Option<u32>,
    pub advertise: bool,
    pub vip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolumeSummary {
    pub container_path: String,
    #[serde(rename = "type")]
    pub kind: VolumeType,
    pub syntax: VolumeSyntax,
    pub scope: VolumeScope,
    pub size_mb: Option<u64>,
    pub driver: Option<String>,
    pub driver_options: IndexMap<String, String>,
    pub shared: bool,
    /// External names per instance index (empty for local volumes).
    pub names: Vec<String>,
    /// What pxd receives per instance (`name=…;size=…;…;nodes=LocalNode`).
    pub px_inline_specs: Vec<String>,
}

/// Builds the summary of a (validated) spec.
pub fn summarize(spec: &ServiceSpec) -> SpecSummary {
    let scheduler = spec.scheduler.clone().unwrap_or_default();
    SpecSummary {
        name: spec.name.clone(),
        user: scheduler.user,
        principal: scheduler.principal,
        pods: spec
            .pods
            .iter()
            .map(|(t, p)| pod_summary(spec, t, p))
            .collect(),
        plans: spec.expanded_plans(),
    }
}

fn pod_summary(spec: &ServiceSpec, pod_type: &str, pod: &PodSpec) -> PodSummary {
    let rule = pod
        .placement
        .as_deref()
        .and_then(|p| PlacementRule::parse(p).ok())
        .unwrap_or_default();
    PodSummary {
        pod_type: pod_type.to_owned(),
        count: pod.count,
        allow_decommission: pod.allow_decommission,
        instances: (0..pod.count)
            .map(|i| pod_instance_name(pod_type, i))
            .collect(),
        placement: pod.placement.clone(),
        placement_rules: rule.rows,
        image: pod
            .image
            .clone()
            .or_else(|| pod.container.as_ref().and_then(|c| c.image_name.clone())),
        networks: pod
            .networks
            .keys()
            .chain(pod.container.iter().flat_map(|c| c.networks.keys()))
            .cloned()
            .collect(),
        tasks: pod
            .tasks
            .iter()
            .map(|(n, t)| task_summary(pod, n, t))
            .collect(),
        volumes: pod
            .resolved_volumes(&spec.name, pod_type)
            .iter()
            .map(|v| volume_summary(v, pod.count))
            .collect(),
    }
}

fn task_summary(pod: &PodSpec, name: &str, task: &TaskSpec) -> TaskSummary {
    let set = task
        .resource_set
        .as_ref()
        .and_then(|rs| pod.resource_sets.get(rs));
    let (cpus, gpus, memory, ports) = match set {
        Some(rs) => (rs.cpus, rs.gpus, rs.memory, &rs.ports),
        None => (task.cpus, task.gpus, task.memory, &task.ports),
    };
    TaskSummary {
        name: name.to_owned(),
        goal: task.goal,
        essential: task.essential,
        resource_set: task.resource_set.clone(),
        cpus,
        gpus,
        memory_mb: memory,
        ports: ports.iter().map(|(n, p)| port_summary(n, p)).collect(),
    }
}

fn port_summary(name: &str, p: &PortSpec) -> PortSummary {
    PortSummary {
        name: name.to_owned(),
        port: p.port,
        advertise: p.advertise,
        vip: p
            .vip
            .as_ref()
            .map(|v| format!("{}:{}", v.prefix.as_deref().unwrap_or(name), v.port)),
    }
}

fn volume_summary(v: &ResolvedVolume, count: u32) -> VolumeSummary {
    VolumeSummary {
        container_path: v.container_path.clone(),
        kind: v.kind,
        syntax: v.syntax,
        scope: v.scope.clone(),
        size_mb: v.size_mb,
        driver: v.driver.clone(),
        driver_options: v.driver_options.iter().cloned().collect(),
        shared: v.shared,
        names: (0..count).filter_map(|i| v.instance_name(i)).collect(),
        px_inline_specs: (0..count).filter_map(|i| v.px_inline_spec(i)).collect(),
    }
}
