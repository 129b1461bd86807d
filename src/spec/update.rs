//! Config-update validation: may a running service move from its current target spec to a new
//! one? The fork's `DefaultConfigValidators` (contracts/sdk-scheduler-api.md §3.8), reworded but
//! with the same wire format, so the errors a scheduler attaches to the deploy plan read like the
//! SDK's: `Field: '%s'; Transition: '%s' => '%s'; Message: '%s'` or
//! `Field: '%s'; Value: '%s'; Message: '%s'`.
//!
//! When validation fails the scheduler keeps the previous target and serves these strings in the
//! deploy plan's `errors` (HTTP 417). Cluster-capability checks (`DomainCapabilityValidator`,
//! `PodSpecsCannotUseUnsupportedFeatures`, `TLSRequiresServiceAccount`) need facts about the cluster
//! and live with the scheduler, not here.

use std::fmt;

use serde::Serialize;

use super::constraint::PlacementRule;
use super::model::{PodSpec, ServiceSpec, task_instance_name};
use super::volume::ResolvedVolume;

/// One rejected change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigValidationError {
    /// What changed, e.g. `PodSpec[name:node]` or `TaskVolumes[taskname:node-0-server]`.
    pub field: String,
    /// `(old, new)` for a transition; `None` for a check on the new value alone.
    pub transition: Option<(String, String)>,
    /// The offending value when there is no transition.
    pub value: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.transition {
            Some((old, new)) => write!(
                f,
                "Field: '{}'; Transition: '{old}' => '{new}'; Message: '{}'",
                self.field, self.message
            ),
            None => write!(
                f,
                "Field: '{}'; Value: '{}'; Message: '{}'",
                self.field,
                self.value.as_deref().unwrap_or(""),
                self.message
            ),
        }
    }
}

fn transition(field: String, old: String, new: String, message: String) -> ConfigValidationError {
    ConfigValidationError {
        field,
        transition: Some((old, new)),
        value: None,
        message,
    }
}

fn value(field: String, value: String, message: String) -> ConfigValidationError {
    ConfigValidationError {
        field,
        transition: None,
        value: Some(value),
        message,
    }
}

/// Checks the move from `old` (the current target; `None` on first install) to `new`.
pub fn validate_update(old: Option<&ServiceSpec>, new: &ServiceSpec) -> Vec<ConfigValidationError> {
    let mut errors = Vec::new();
    if new.name.contains("__") {
        errors.push(value(
            "service.name".into(),
            new.name.clone(),
            "Service name may not contain double underscores.".into(),
        ));
    }
    for (pod_type, pod) in &new.pods {
        if let Some(text) = &pod.placement
            && let Err(e) = PlacementRule::parse(text)
        {
            errors.push(value(
                format!("PlacementRule[pod:{pod_type}]"),
                text.clone(),
                e.message,
            ));
        }
    }
    let Some(old) = old else { return errors };
    let user = |s: &ServiceSpec| {
        s.scheduler
            .as_ref()
            .and_then(|s| s.user.clone())
            .unwrap_or_default()
    };
    if user(old) != user(new) {
        errors.push(transition(
            "user".into(),
            user(old),
            user(new),
            "The service user cannot change once deployed: files on its volumes are owned by it."
                .into(),
        ));
    }
    for (pod_type, old_pod) in &old.pods {
        let field = format!("PodSpec[name:{pod_type}]");
        let Some(new_pod) = new.pods.get(pod_type) else {
            if !old_pod.allow_decommission {
                errors.push(transition(
                    field,
                    old_pod.count.to_string(),
                    "(removed)".into(),
                    format!(
                        "Pod type '{pod_type}' cannot be removed: it does not allow decommission."
                    ),
                ));
            }
            continue;
        };
        if new_pod.count < old_pod.count && !new_pod.allow_decommission {
            errors.push(transition(
                field.clone(),
                old_pod.count.to_string(),
                new_pod.count.to_string(),
                format!(
                    "Pod type '{pod_type}' cannot shrink from {} to {}: set allow-decommission to scale in.",
                    old_pod.count, new_pod.count
                ),
            ));
        }
        if old_pod.pre_reserved_role != new_pod.pre_reserved_role {
            errors.push(transition(
                format!("{field}.pre-reserved-role"),
                old_pod.pre_reserved_role.clone().unwrap_or_default(),
                new_pod.pre_reserved_role.clone().unwrap_or_default(),
                "Pre-reserved role cannot change.".into(),
            ));
        }
        if old_pod.user != new_pod.user {
            errors.push(transition(
                format!("{field}.user"),
                old_pod.user.clone().unwrap_or_default(),
                new_pod.user.clone().unwrap_or_default(),
                "The pod user cannot change once deployed.".into(),
            ));
        }
        let overlay = |p: &PodSpec| {
            !p.networks.is_empty() || p.container.as_ref().is_some_and(|c| !c.networks.is_empty())
        };
        if overlay(old_pod) != overlay(new_pod) {
            let regime = |on: bool| {
                if on {
                    "virtual network"
                } else {
                    "host network"
                }
                .to_owned()
            };
            errors.push(transition(
                format!("{field}.networks"),
                regime(overlay(old_pod)),
                regime(overlay(new_pod)),
                "A pod type cannot move between the host network and a virtual network.".into(),
            ));
        }
        task_volumes(&mut errors, old, new, pod_type, old_pod, new_pod);
    }
    errors
}

/// Volumes of every task instance that exists before and after must be identical: for DOCKER
/// volumes a change of size, name or options is rejected (a PX resize is done out of band).
fn task_volumes(
    errors: &mut Vec<ConfigValidationError>,
    old: &ServiceSpec,
    new: &ServiceSpec,
    pod_type: &str,
    old_pod: &PodSpec,
    new_pod: &PodSpec,
) {
    let old_vols = old_pod.resolved_volumes(&old.name, pod_type);
    let new_vols = new_pod.resolved_volumes(&new.name, pod_type);
    for task in old_pod
        .tasks
        .keys()
        .filter(|t| new_pod.tasks.contains_key(*t))
    {
        let before = describe(&old_vols, old_pod, task);
        let after = describe(&new_vols, new_pod, task);
        if before != after {
            for index in 0..old_pod.count.min(new_pod.count) {
                errors.push(transition(
                    format!(
                        "TaskVolumes[taskname:{}]",
                        task_instance_name(pod_type, index, task)
                    ),
                    before.clone(),
                    after.clone(),
                    "Volumes must be equal.".into(),
                ));
            }
        }
    }
}

/// The volumes one task mounts, as comparable text.
fn describe(volumes: &[ResolvedVolume], pod: &PodSpec, task: &str) -> String {
    use super::volume::VolumeScope;
    let resource_set = pod.tasks.get(task).and_then(|t| t.resource_set.clone());
    let mut parts: Vec<String> = volumes
        .iter()
        .filter(|v| match &v.scope {
            VolumeScope::Pod | VolumeScope::External(_) => true,
            VolumeScope::ResourceSet(rs) => Some(rs) == resource_set.as_ref(),
            VolumeScope::Task(t) => t == task,
        })
        .map(|v| {
            let options: Vec<String> = v
                .driver_options
                .iter()
                .map(|(k, val)| format!("{k}={val}"))
                .collect();
            format!(
                "{}:{}:{}:{}:{}:{}",
                v.kind,
                v.container_path,
                v.size_mb.map(|s| s.to_string()).unwrap_or_default(),
                v.driver.as_deref().unwrap_or(""),
                v.base_name.as_deref().unwrap_or(""),
                options.join(",")
            )
        })
        .collect();
    parts.sort();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::load_rendered;

    fn spec(count: u32, size: u32, decommission: bool) -> ServiceSpec {
        let yaml = format!(
            "name: svc\nscheduler: {{user: nobody}}\npods:\n  node:\n    count: {count}\n    allow-decommission: {decommission}\n    volume: {{path: data, type: DOCKER, docker_volume_driver: pxd, docker_volume_name: D, size: {size}}}\n    tasks:\n      server: {{goal: RUNNING, cmd: x, cpus: 1, memory: 1}}\n"
        );
        load_rendered(&yaml).unwrap().spec
    }

    #[test]
    fn growth_is_fine_shrink_needs_decommission() {
        assert!(validate_update(Some(&spec(3, 10, false)), &spec(5, 10, false)).is_empty());
        let e = validate_update(Some(&spec(3, 10, false)), &spec(2, 10, false));
        assert_eq!(
            e[0].to_string(),
            "Field: 'PodSpec[name:node]'; Transition: '3' => '2'; Message: 'Pod type 'node' cannot shrink from 3 to 2: set allow-decommission to scale in.'"
        );
        assert!(validate_update(Some(&spec(3, 10, true)), &spec(2, 10, true)).is_empty());
    }

    #[test]
    fn docker_volume_size_cannot_change() {
        let e = validate_update(Some(&spec(2, 10, false)), &spec(2, 20, false));
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].field, "TaskVolumes[taskname:node-1-server]");
        assert_eq!(e[1].message, "Volumes must be equal.");
        assert!(e[1].to_string().starts_with("Field: 'TaskVolumes[taskname:node-1-server]'; Transition: '[DOCKER:data:10:pxd:D:]' => '[DOCKER:data:20:pxd:D:]'"));
    }

    #[test]
    fn first_install_checks_only_the_new_spec() {
        let mut s = spec(1, 1, false);
        s.name = "a__b".into();
        let e = validate_update(None, &s);
        assert_eq!(
            e[0].to_string(),
            "Field: 'service.name'; Value: 'a__b'; Message: 'Service name may not contain double underscores.'"
        );
    }
}
