//! Semantic checks on a parsed spec: the rules the SDK scheduler enforces when it builds its
//! `ServiceSpec` (references between pods, tasks, resource sets and plans; resources; volumes;
//! placement) plus a few that protect pxfw's naming-is-identity promise (two pod types must never
//! derive the same external volume name). Every problem is collected, not just the first.

use std::collections::{HashMap, HashSet};

use super::constraint::PlacementRule;
use super::diagnostic::Diagnostic;
use super::lines::LineIndex;
use super::model::{
    HealthCheckSpec, PodSpec, PortSpec, ReadinessCheckSpec, ServiceSpec, StepSelector, Strategy,
    TaskSpec, VolumeSpec, VolumeType,
};
use super::volume::{VolumeSyntax, parse_upstream_options};

/// Runs every check; returns errors and warnings in document order.
pub fn validate(spec: &ServiceSpec, lines: &LineIndex) -> Vec<Diagnostic> {
    let mut v = Checker {
        lines,
        out: Vec::new(),
    };
    v.service(spec);
    for (pod_type, pod) in &spec.pods {
        v.pod(&format!("pods.{pod_type}"), pod);
    }
    v.volume_names(spec);
    v.plans(spec);
    v.out
}

struct Checker<'a> {
    lines: &'a LineIndex,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        let line = self.lines.line_of(path);
        self.out.push(Diagnostic::error(path, line, message));
    }

    fn warn(&mut self, path: &str, message: impl Into<String>) {
        let line = self.lines.line_of(path);
        self.out.push(Diagnostic::warning(path, line, message));
    }

    fn service(&mut self, spec: &ServiceSpec) {
        if spec.name.trim().is_empty() {
            self.error(
                "name",
                "the service name is empty; set `name:` (usually {{SERVICE_NAME}})",
            );
        } else if spec.name.contains("__") {
            self.error(
                "name",
                format!(
                    "service name `{}` contains `__`, which the SDK reserves",
                    spec.name
                ),
            );
        }
        if spec.pods.is_empty() {
            self.error(
                "pods",
                "a service needs at least one pod type under `pods:`",
            );
        }
    }

    fn pod(&mut self, path: &str, pod: &PodSpec) {
        if pod.count == 0 {
            self.warn(
                &format!("{path}.count"),
                "count is 0: no instance of this pod type will run",
            );
        }
        if let Some(text) = &pod.placement
            && let Err(e) = PlacementRule::parse(text)
        {
            self.error(&format!("{path}.placement"), e.message);
        }
        if pod.tasks.is_empty() {
            self.error(
                &format!("{path}.tasks"),
                "a pod type needs at least one task",
            );
        }
        for (name, rl) in pod
            .rlimits
            .iter()
            .chain(pod.container.iter().flat_map(|c| c.rlimits.iter()))
        {
            let p = format!("{path}.rlimits.{name}");
            if !name.starts_with("RLIMIT_") {
                self.error(
                    &p,
                    format!("unknown rlimit `{name}`; names look like RLIMIT_NOFILE"),
                );
            }
            match (rl.soft, rl.hard) {
                (Some(s), Some(h)) if h >= 0 && (s < 0 || s > h) => {
                    self.error(&p, format!("soft limit {s} is above hard limit {h}"))
                }
                (Some(_), None) | (None, Some(_)) => {
                    self.error(&p, "set both `soft` and `hard`, or neither (unlimited)")
                }
                _ => {}
            }
        }
        for (id, secret) in &pod.secrets {
            if secret.secret.is_none() {
                self.warn(
                    &format!("{path}.secrets.{id}.secret"),
                    "secret path is empty; the pod cannot start until it names a DC/OS secret",
                );
            }
        }
        for (name, ev) in &pod.external_volumes {
            let p = format!("{path}.external-volumes.{name}");
            if ev.kind != VolumeType::Docker {
                self.error(
                    &format!("{p}.type"),
                    format!(
                        "external volumes support only type DOCKER, found {}",
                        ev.kind
                    ),
                );
            }
            if let Some(raw) = &ev.driver_options
                && let Err(e) = parse_upstream_options(raw)
            {
                self.error(&format!("{p}.driver-options"), e);
            }
        }
        // Volumes: pod level, then per resource set / task.
        let pod_paths: Vec<(String, &VolumeSpec)> = pod
            .volume
            .iter()
            .map(|v| (format!("{path}.volume"), v))
            .chain(
                pod.volumes
                    .iter()
                    .map(|(k, v)| (format!("{path}.volumes.{k}"), v)),
            )
            .collect();
        for (p, v) in &pod_paths {
            self.volume(p, v);
        }
        let mut port_numbers: HashMap<u32, String> = HashMap::new();
        let mut port_names: HashMap<String, String> = HashMap::new();
        for (rs_name, rs) in &pod.resource_sets {
            let p = format!("{path}.resource-sets.{rs_name}");
            self.resources(&p, rs.cpus, rs.gpus, rs.memory);
            self.ports(&p, &rs.ports, &mut port_numbers, &mut port_names);
            let vols: Vec<(String, &VolumeSpec)> = rs
                .volume
                .iter()
                .map(|v| (format!("{p}.volume"), v))
                .chain(
                    rs.volumes
                        .iter()
                        .map(|(k, v)| (format!("{p}.volumes.{k}"), v)),
                )
                .collect();
            for (vp, v) in &vols {
                self.volume(vp, v);
            }
            self.container_paths(&p, pod_paths.iter().chain(vols.iter()));
            if !pod
                .tasks
                .values()
                .any(|t| t.resource_set.as_deref() == Some(rs_name))
            {
                self.warn(
                    &p,
                    format!("resource set `{rs_name}` is not used by any task"),
                );
            }
        }
        for (task_name, task) in &pod.tasks {
            let p = format!("{path}.tasks.{task_name}");
            self.task(
                &p,
                pod,
                task,
                &pod_paths,
                &mut port_numbers,
                &mut port_names,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn task(
        &mut self,
        path: &str,
        pod: &PodSpec,
        task: &TaskSpec,
        pod_volumes: &[(String, &VolumeSpec)],
        port_numbers: &mut HashMap<u32, String>,
        port_names: &mut HashMap<String, String>,
    ) {
        if task.cmd.trim().is_empty() {
            self.error(&format!("{path}.cmd"), "cmd is empty");
        }
        let own_resources = task.cpus.is_some()
            || task.gpus.is_some()
            || task.memory.is_some()
            || !task.ports.is_empty()
            || task.volume.is_some()
            || !task.volumes.is_empty();
        match &task.resource_set {
            Some(rs) => {
                if !pod.resource_sets.contains_key(rs) {
                    let known: Vec<&str> = pod.resource_sets.keys().map(String::as_str).collect();
                    self.error(
                        &format!("{path}.resource-set"),
                        format!(
                            "unknown resource set `{rs}`; this pod defines: {}",
                            list_or_none(&known)
                        ),
                    );
                }
                if own_resources {
                    self.error(
                        path,
                        "a task uses either `resource-set` or its own cpus/gpus/memory/ports/volumes, not both",
                    );
                }
            }
            None => {
                if task.cpus.is_none() {
                    self.error(
                        &format!("{path}.cpus"),
                        "missing `cpus` (or a `resource-set`)",
                    );
                }
                if task.memory.is_none() {
                    self.error(
                        &format!("{path}.memory"),
                        "missing `memory` in MB (or a `resource-set`)",
                    );
                }
                self.resources(path, task.cpus, task.gpus, task.memory);
                self.ports(path, &task.ports, port_numbers, port_names);
                let vols: Vec<(String, &VolumeSpec)> = task
                    .volume
                    .iter()
                    .map(|v| (format!("{path}.volume"), v))
                    .chain(
                        task.volumes
                            .iter()
                            .map(|(k, v)| (format!("{path}.volumes.{k}"), v)),
                    )
                    .collect();
                for (vp, v) in &vols {
                    self.volume(vp, v);
                }
                self.container_paths(path, pod_volumes.iter().chain(vols.iter()));
            }
        }
        if let Some(hc) = &task.health_check {
            self.health_check(&format!("{path}.health-check"), hc);
        }
        if let Some(rc) = &task.readiness_check {
            self.readiness_check(&format!("{path}.readiness-check"), rc);
        }
        for (id, c) in &task.configs {
            let p = format!("{path}.configs.{id}");
            if c.template.trim().is_empty() {
                self.error(&format!("{p}.template"), "template file name is empty");
            }
            if c.dest.trim().is_empty() {
                self.error(&format!("{p}.dest"), "destination path is empty");
            }
        }
        let mut tls = HashSet::new();
        for (i, te) in task.transport_encryption.iter().enumerate() {
            if !tls.insert(te.name.as_str()) {
                self.error(
                    &format!("{path}.transport-encryption[{i}]"),
                    format!("transport-encryption name `{}` is used twice", te.name),
                );
            }
        }
    }

    fn resources(&mut self, path: &str, cpus: Option<f64>, gpus: Option<f64>, memory: Option<u64>) {
        if let Some(c) = cpus
            && !(c.is_finite() && c > 0.0)
        {
            self.error(
                &format!("{path}.cpus"),
                format!("cpus must be a positive number, found {c}"),
            );
        }
        if let Some(g) = gpus
            && !(g.is_finite() && g >= 0.0)
        {
            self.error(
                &format!("{path}.gpus"),
                format!("gpus must be zero or more, found {g}"),
            );
        }
        if memory == Some(0) {
            self.error(&format!("{path}.memory"), "memory must be at least 1 MB");
        }
    }

    fn ports(
        &mut self,
        path: &str,
        ports: &indexmap::IndexMap<String, PortSpec>,
        numbers: &mut HashMap<u32, String>,
        names: &mut HashMap<String, String>,
    ) {
        for (name, port) in ports {
            let p = format!("{path}.ports.{name}");
            if let Some(other) = names.insert(name.clone(), p.clone()) {
                self.error(&p, format!("port name `{name}` is already used at {other}; port names must be unique in a pod"));
            }
            match port.port {
                Some(n) if n > 65535 => {
                    self.error(&format!("{p}.port"), format!("port {n} is outside 0-65535"))
                }
                Some(0) | None => {}
                Some(n) => {
                    if let Some(other) = numbers.insert(n, p.clone()) {
                        self.error(
                            &format!("{p}.port"),
                            format!("port {n} is already used by {other}"),
                        );
                    }
                }
            }
            if let Some(vip) = &port.vip
                && (vip.port == 0 || vip.port > 65535)
            {
                self.error(
                    &format!("{p}.vip.port"),
                    format!("VIP port {} is outside 1-65535", vip.port),
                );
            }
        }
    }

    fn volume(&mut self, path: &str, v: &VolumeSpec) {
        let docker_keys = v.docker_volume_driver.is_some()
            || v.docker_volume_name.is_some()
            || v.docker_driver_options.is_some();
        if v.path.trim().is_empty() {
            self.error(&format!("{path}.path"), "volume path is empty");
        }
        if v.size == 0 {
            self.error(&format!("{path}.size"), "volume size must be at least 1 MB");
        }
        match v.kind {
            VolumeType::Docker => {
                match v.docker_volume_driver.as_deref() {
                    None => self.error(path, "a DOCKER volume needs `docker_volume_driver: pxd`"),
                    Some("pxd") => {}
                    Some(other) => self.error(
                        &format!("{path}.docker_volume_driver"),
                        format!("unsupported docker volume driver `{other}`; the Portworx fork accepts only `pxd`"),
                    ),
                }
                if v.docker_volume_name.is_none() {
                    self.error(
                        path,
                        "a DOCKER volume needs `docker_volume_name` (the base of `<name>-<index>`)",
                    );
                }
                if let Some(raw) = &v.docker_driver_options {
                    let (_, dropped) = super::volume::parse_fork_options(raw);
                    if !dropped.is_empty() {
                        self.warn(
                            &format!("{path}.docker_driver_options"),
                            format!(
                                "option(s) {} are not key=value and will be dropped (the fork separates options with `,`)",
                                dropped.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", ")
                            ),
                        );
                    }
                }
            }
            other => {
                if docker_keys {
                    self.error(
                        path,
                        format!("docker_volume_* keys apply only to `type: DOCKER`, not {other}"),
                    );
                }
                if other == VolumeType::Path {
                    self.warn(
                        &format!("{path}.type"),
                        "volume type PATH is a legacy value; use ROOT or MOUNT",
                    );
                }
            }
        }
    }

    /// Container paths a task sees (pod level + its own) must be distinct.
    fn container_paths<'v>(
        &mut self,
        path: &str,
        vols: impl Iterator<Item = &'v (String, &'v VolumeSpec)>,
    ) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (vp, v) in vols {
            if let Some(first) = seen.insert(v.path.as_str(), vp.as_str())
                && first != vp
            {
                self.error(
                    vp,
                    format!(
                        "container path `{}` is already mounted by {first} (seen from {path})",
                        v.path
                    ),
                );
            }
        }
    }

    fn health_check(&mut self, path: &str, hc: &HealthCheckSpec) {
        if hc.cmd.trim().is_empty() {
            self.error(&format!("{path}.cmd"), "health check cmd is empty");
        }
        if hc.interval == 0 {
            self.error(
                &format!("{path}.interval"),
                "interval must be at least 1 second",
            );
        }
        if hc.timeout == 0 {
            self.error(
                &format!("{path}.timeout"),
                "timeout must be at least 1 second",
            );
        }
    }

    fn readiness_check(&mut self, path: &str, rc: &ReadinessCheckSpec) {
        if rc.cmd.trim().is_empty() {
            self.error(&format!("{path}.cmd"), "readiness check cmd is empty");
        }
        if rc.interval == 0 {
            self.error(
                &format!("{path}.interval"),
                "interval must be at least 1 second",
            );
        }
        if rc.timeout == 0 {
            self.error(
                &format!("{path}.timeout"),
                "timeout must be at least 1 second",
            );
        }
    }

    /// Two pod types (or two volumes) deriving the same external volume name would make two pods
    /// mount one volume: exactly the double-writer failure pxfw exists to prevent.
    fn volume_names(&mut self, spec: &ServiceSpec) {
        let mut owners: HashMap<(Option<String>, String), String> = HashMap::new();
        for (pod_type, pod) in &spec.pods {
            for v in pod.resolved_volumes(&spec.name, pod_type) {
                let Some(base) = v.base_name.clone() else {
                    continue;
                };
                let path = match (&v.syntax, &v.scope) {
                    (VolumeSyntax::Upstream, super::volume::VolumeScope::External(n)) => {
                        format!("pods.{pod_type}.external-volumes.{n}")
                    }
                    _ => format!("pods.{pod_type}"),
                };
                if let Some(other) =
                    owners.insert((v.driver.clone(), base.clone()), pod_type.clone())
                    && &other != pod_type
                {
                    self.error(
                        &path,
                        format!(
                            "volume base name `{base}` is also used by pod type `{other}`: instance 0 of both would mount `{base}-0`; give each pod type its own name"
                        ),
                    );
                }
            }
        }
    }

    fn plans(&mut self, spec: &ServiceSpec) {
        for (plan_name, plan) in &spec.plans {
            let pp = format!("plans.{plan_name}");
            if matches!(plan_name.as_str(), "recovery" | "decommission") {
                self.warn(
                    &pp,
                    format!(
                        "plan name `{plan_name}` is reserved for the plan the scheduler generates"
                    ),
                );
            }
            if let Some(s @ (Strategy::SerialCanary | Strategy::ParallelCanary)) = plan.strategy {
                self.warn(
                    &format!("{pp}.strategy"),
                    format!("the fork documents only serial and parallel at plan level; `{s}` is meant for phases"),
                );
            }
            if plan.phases.is_empty() {
                self.error(&format!("{pp}.phases"), "a plan needs at least one phase");
            }
            for (phase_name, phase) in &plan.phases {
                let php = format!("{pp}.phases.{phase_name}");
                let Some(pod) = spec.pods.get(&phase.pod) else {
                    let known: Vec<&str> = spec.pods.keys().map(String::as_str).collect();
                    self.error(
                        &format!("{php}.pod"),
                        format!(
                            "unknown pod type `{}`; the spec defines: {}",
                            phase.pod,
                            list_or_none(&known)
                        ),
                    );
                    continue;
                };
                let Some(entries) = &phase.steps else {
                    continue;
                };
                let mut selectors = HashSet::new();
                for (i, entry) in entries.iter().enumerate() {
                    let ep = format!("{php}.steps[{i}]");
                    if !selectors.insert(entry.selector) {
                        self.error(
                            &ep,
                            format!("pod index `{}` has more than one entry", entry.selector),
                        );
                    }
                    if let StepSelector::Index(n) = entry.selector
                        && n >= pod.count
                    {
                        self.warn(
                            &ep,
                            format!(
                                "steps for `{}-{n}` never run while count is {}",
                                phase.pod, pod.count
                            ),
                        );
                    }
                    for step in &entry.steps {
                        if step.is_empty() {
                            self.error(&ep, "a step needs at least one task");
                        }
                        let mut in_step = HashSet::new();
                        for task in step {
                            if !pod.tasks.contains_key(task) {
                                let known: Vec<&str> =
                                    pod.tasks.keys().map(String::as_str).collect();
                                self.error(
                                    &ep,
                                    format!(
                                        "unknown task `{task}` in pod type `{}`; its tasks are: {}",
                                        phase.pod,
                                        list_or_none(&known)
                                    ),
                                );
                            }
                            if !in_step.insert(task) {
                                self.error(&ep, format!("task `{task}` appears twice in one step"));
                            }
                        }
                    }
                }
                if !selectors.contains(&StepSelector::Default) {
                    let missing: Vec<u32> = (0..pod.count)
                        .filter(|i| !selectors.contains(&StepSelector::Index(*i)))
                        .collect();
                    if let Some(first) = missing.first() {
                        self.warn(
                            &format!("{php}.steps"),
                            format!(
                                "{} instance(s) of `{}` (from `{}-{first}`) have no steps and no `default` entry; this phase will not deploy them",
                                missing.len(),
                                phase.pod,
                                phase.pod
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(", ")
    }
}
