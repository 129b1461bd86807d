//! The janitor, redone safely: find what a DC/OS service left behind, decide what is provably its own, and
//! remove exactly that (contract §6.2, §2.2; Portworx §1.2, §7 "Cleanup").
//!
//! Three separate stages so each can be tested and shown on its own:
//! 1. [`inventory`] (here) reads everything (Mesos agents and frameworks, the Exhibitor znode, Portworx
//!    volumes) and classifies each item as ours or "not ours" with the reason;
//! 2. [`crate::ops::cleanup::plan`] turns the inventory into ordered steps, each optionally depending on an
//!    earlier one;
//! 3. [`crate::ops::cleanup::execute`] runs the steps, reporting per step and carrying on after failures;
//!    a step whose prerequisite failed is skipped, not attempted.
//!
//! The same inventory + plan on a re-run finds only what is still there, so a partial run (a 409 from one
//! agent, a timeout, a volume still attached) is finished by running the command again.
//!
//! # What counts as ours
//!
//! The old janitor removed everything reserved for `<svc>-role`, which destroyed other frameworks' data when
//! a role was shared. Here a resource listed under the role in `reserved_resources_full` is ours only when
//! *all* of these hold (otherwise it is listed as "not ours" with the failing rule and left alone):
//! * it is a dynamic reservation (a static one was configured on the agent by an operator);
//! * its (most refined) reservation role is the service role: the name without its leading `/`, `/` → `__`,
//!   plus `-role` ([`super::mesos::service_role`]), or that role refined under a pre-reserved role
//!   (`slave_public/<svc>-role`);
//! * its reservation principal is the service principal (`<svc>-principal`, the SDK default, or the
//!   `service_account` the service was installed with);
//! * it carries the `resource_id` label, which dcos-commons schedulers put on every reservation they make
//!   (a reservation without it was made by something else);
//! * if it carries a `namespace` label (SDK ≥ 0.50 schedulers running several services under one role tag
//!   each reservation with the service it belongs to), that label names this service;
//! * for a persistent volume, the volume's own `persistence.principal`, when present, is the service
//!   principal too.
//!
//! A framework is ours when its name is the service name, one of its roles is the service role and its
//! principal is the service principal; a framework with the service's name but another role or principal is
//! listed as not ours.
//!
//! Portworx volumes cannot be found from the spec here (the Marathon app that held it is gone), so two
//! rules identify them, and nothing else is touched:
//! * the label `pxfw/service=<svc>` ([`SERVICE_LABEL`]), which pxfw puts on every volume it creates;
//! * with `--volume-prefix P`, a name that is exactly `P-<digits>`, the spec naming of both generations
//!   (fork `<docker_volume_name>-<i>`, upstream `<volume_name or service-podtype[-path]>-<i>` with `/` as
//!   `__`), or exactly `P` (upstream names a `shared=true` volume without the index): volumes created by
//!   the `pxd` docker driver carry no pxfw label. The whole `-<digits>` suffix is required so
//!   `cassandra-node` does not match `cassandra-node-backup` or `cassandra-node-2-old`; a name match
//!   carrying a `pxfw/service` label of *another* service is listed as not ours.
//!
//! Snapshots (volumes with a `source.parent`) matched by either rule are listed and kept: they are backups.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::exhibitor;
use super::mesos::{self, Agent, Framework};
use crate::cluster::http::HttpClient;
use crate::portworx::OpenStorageClient;
use crate::portworx::types::{VolumeInspectResponse, VolumeInspectWithFiltersRequest};

/// The volume label pxfw sets to the name of the service a volume belongs to.
pub const SERVICE_LABEL: &str = "pxfw/service";
/// The reservation label dcos-commons puts on every resource it reserves.
const RESOURCE_ID_LABEL: &str = "resource_id";
/// The reservation label naming the service when several SDK services share a role (SDK ≥ 0.50).
const NAMESPACE_LABEL: &str = "namespace";

/// The names a service's leftovers are found under (contract §2.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// Without a leading slash, e.g. `cassandra` or `data/cassandra`.
    pub service: String,
    pub role: String,
    pub principal: String,
    /// The ZooKeeper node of the SDK's state, e.g. `/dcos-service-cassandra`.
    pub znode: String,
}

impl Identity {
    /// The SDK's names for `service`; `principal` overrides the default `<svc>-principal` for services
    /// installed with another service account.
    pub fn new(service: &str, principal: Option<&str>) -> Self {
        let service = service.trim_start_matches('/').to_string();
        let escaped = service.replace('/', "__");
        Identity {
            role: mesos::service_role(&service),
            principal: principal
                .map(str::to_string)
                .unwrap_or_else(|| format!("{service}-principal")),
            znode: exhibitor::znode_path(&format!("dcos-service-{escaped}")),
            service,
        }
    }

    /// The service role, or a refinement of a pre-reserved role into it (`<pre-reserved>/<svc>-role`, what
    /// the SDK reserves under when the service is given a `pre-reserved-role`).
    pub fn is_service_role(&self, role: &str) -> bool {
        role == self.role
            || role
                .strip_suffix(self.role.as_str())
                .is_some_and(|parent| parent.ends_with('/') && parent.len() > 1)
    }

    fn names_this_service(&self, value: &str) -> bool {
        let v = value.trim_start_matches('/');
        v == self.service || v == self.service.replace('/', "__")
    }
}

/// One reserved resource on one agent, as found.
#[derive(Debug, Clone, Serialize)]
pub struct Reservation {
    /// Resource name: `cpus`, `mem`, `disk`, `ports`, …
    pub name: String,
    /// The amount in words: `2`, `1024 MB`, `31000-31001`.
    pub amount: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The persistence id when this is a persistent volume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_id: Option<String>,
    /// Why it is not ours (absent when it is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_ours: Option<String>,
    /// The resource exactly as Mesos listed it.
    pub resource: Value,
}

impl Reservation {
    pub fn is_volume(&self) -> bool {
        self.volume_id.is_some()
    }
    pub fn is_ours(&self) -> bool {
        self.not_ours.is_none()
    }
}

/// What one agent holds under the service role.
#[derive(Debug, Clone, Serialize)]
pub struct AgentInventory {
    pub agent_id: String,
    pub hostname: String,
    pub resources: Vec<Reservation>,
}

/// A registered framework whose name is the service name.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkItem {
    pub id: String,
    pub name: String,
    pub active: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_ours: Option<String>,
}

/// A Portworx volume matched by one of the rules (see the module docs).
#[derive(Debug, Clone, Serialize)]
pub struct MatchedVolume {
    pub id: String,
    pub name: String,
    /// The IP of the node it is attached on, if attached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_on: Option<String>,
    /// Which rule matched: `label pxfw/service` or `name <prefix>-<n>`.
    pub matched_by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_ours: Option<String>,
}

/// Everything found for one service.
#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    #[serde(flatten)]
    pub identity: Identity,
    /// Agents holding anything under the service role.
    pub agents: Vec<AgentInventory>,
    pub frameworks: Vec<FrameworkItem>,
    pub znode_exists: bool,
    /// `None` when Portworx was not asked (no endpoint given).
    pub portworx: Option<Vec<MatchedVolume>>,
}

/// How the Portworx volumes are looked for.
#[derive(Debug, Clone, Default)]
pub struct VolumeRule {
    /// Name bases: a volume named exactly `<prefix>-<digits>` is the service's.
    pub prefixes: Vec<String>,
}

/// The clients the janitor talks through.
#[derive(Debug, Clone)]
pub struct Clients {
    /// The DC/OS cluster (Admin Router): Mesos and Exhibitor.
    pub cluster: HttpClient,
    /// The Portworx SDK gateway, when volumes are to be inventoried.
    pub portworx: Option<OpenStorageClient>,
}

/// Reads the Mesos agents and frameworks, the znode and (with a Portworx client) the volumes.
pub async fn inventory(
    clients: &Clients,
    id: &Identity,
    rule: &VolumeRule,
) -> anyhow::Result<Inventory> {
    let agents = mesos::agents(&clients.cluster).await?;
    let frameworks = mesos::frameworks(&clients.cluster).await?;
    let znode_exists = exhibitor::exists(&clients.cluster, &id.znode).await?;
    let portworx = match &clients.portworx {
        Some(px) => Some(px_volumes(px, id, rule).await?),
        None => None,
    };
    Ok(Inventory {
        identity: id.clone(),
        agents: classify_agents(&agents, id),
        frameworks: classify_frameworks(&frameworks, id),
        znode_exists,
        portworx,
    })
}

/// The agents holding resources under the role, each resource classified.
pub fn classify_agents(agents: &[Agent], id: &Identity) -> Vec<AgentInventory> {
    agents
        .iter()
        .filter_map(|a| {
            let resources: Vec<Reservation> = a
                .reserved_resources_full
                .iter()
                .filter(|(role, _)| id.is_service_role(role))
                .flat_map(|(_, listed)| listed.iter().map(|r| classify_resource(r, id)))
                .collect();
            (!resources.is_empty()).then(|| AgentInventory {
                agent_id: a.id.clone(),
                hostname: a.hostname.clone(),
                resources,
            })
        })
        .collect()
}

/// The reservation that currently holds a resource: the last of `reservations` (Mesos ≥ 1.4 with
/// refinement), else the pre-refinement `role` + `reservation` pair.
struct ReservationInfo {
    role: Option<String>,
    principal: Option<String>,
    labels: BTreeMap<String, String>,
    dynamic: bool,
}

fn reservation_of(r: &Value) -> Option<ReservationInfo> {
    let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(last) = r
        .get("reservations")
        .and_then(Value::as_array)
        .and_then(|a| a.last())
    {
        return Some(ReservationInfo {
            role: str_of(last, "role"),
            principal: str_of(last, "principal"),
            labels: labels_of(last),
            dynamic: last.get("type").and_then(Value::as_str) != Some("STATIC"),
        });
    }
    let res = r.get("reservation").filter(|v| v.is_object())?;
    Some(ReservationInfo {
        role: str_of(r, "role"),
        principal: str_of(res, "principal"),
        labels: labels_of(res),
        dynamic: true,
    })
}

/// Mesos `Labels`: `{"labels":[{"key","value"}]}`.
fn labels_of(v: &Value) -> BTreeMap<String, String> {
    v.get("labels")
        .and_then(|l| l.get("labels"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| {
            let key = l.get("key")?.as_str()?.to_string();
            let value = l
                .get("value")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            Some((key, value))
        })
        .collect()
}

fn persistence_of(r: &Value) -> Option<&Value> {
    r.get("disk")
        .and_then(|d| d.get("persistence"))
        .filter(|p| p.is_object())
}

/// Classifies one resource listed under the service role (rules in the module docs).
pub fn classify_resource(r: &Value, id: &Identity) -> Reservation {
    let name = r
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string();
    let persistence = persistence_of(r);
    let info = reservation_of(r);
    let not_ours = match &info {
        None => {
            Some("static reservation (configured on the agent, not made by a framework)".into())
        }
        Some(i) => why_not_ours(i, persistence, id),
    };
    Reservation {
        amount: amount_of(r),
        principal: info.and_then(|i| i.principal),
        volume_id: persistence
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string),
        not_ours,
        name,
        resource: r.clone(),
    }
}

fn why_not_ours(
    info: &ReservationInfo,
    persistence: Option<&Value>,
    id: &Identity,
) -> Option<String> {
    if !info.dynamic {
        return Some(
            "static reservation (configured on the agent, not made by a framework)".into(),
        );
    }
    match info.role.as_deref() {
        Some(role) if id.is_service_role(role) => {}
        Some(role) => return Some(format!("reserved for role {role}, not {}", id.role)),
        None => return Some("the reservation names no role".into()),
    }
    match info.principal.as_deref() {
        Some(p) if p == id.principal => {}
        Some(p) => return Some(format!("principal {p}, not {}", id.principal)),
        None => return Some(format!("no principal (the service's is {})", id.principal)),
    }
    if info
        .labels
        .get(RESOURCE_ID_LABEL)
        .is_none_or(|v| v.is_empty())
    {
        return Some(format!(
            "no `{RESOURCE_ID_LABEL}` label: not reserved by a dcos-commons scheduler"
        ));
    }
    if let Some(ns) = info.labels.get(NAMESPACE_LABEL)
        && !id.names_this_service(ns)
    {
        return Some(format!("labelled for service {ns}"));
    }
    if let Some(p) = persistence
        .and_then(|p| p.get("principal"))
        .and_then(Value::as_str)
        && p != id.principal
    {
        return Some(format!(
            "volume created by principal {p}, not {}",
            id.principal
        ));
    }
    None
}

/// `2`, `1024 MB`, `31000-31001`, from a Mesos resource's scalar, ranges or set.
fn amount_of(r: &Value) -> String {
    let name = r.get("name").and_then(Value::as_str).unwrap_or_default();
    if let Some(v) = r
        .get("scalar")
        .and_then(|s| s.get("value"))
        .and_then(Value::as_f64)
    {
        let n = if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v}")
        };
        return if matches!(name, "mem" | "disk") {
            format!("{n} MB")
        } else {
            n
        };
    }
    if let Some(ranges) = r
        .get("ranges")
        .and_then(|s| s.get("range"))
        .and_then(Value::as_array)
    {
        return ranges
            .iter()
            .map(|x| {
                let b = x.get("begin").and_then(Value::as_u64).unwrap_or_default();
                let e = x.get("end").and_then(Value::as_u64).unwrap_or_default();
                if b == e {
                    b.to_string()
                } else {
                    format!("{b}-{e}")
                }
            })
            .collect::<Vec<_>>()
            .join(",");
    }
    if let Some(items) = r
        .get("set")
        .and_then(|s| s.get("item"))
        .and_then(Value::as_array)
    {
        return items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(",");
    }
    String::new()
}

/// The resource as it is once its volume is destroyed: the reserved disk without persistence and volume
/// (and without `disk` at all when nothing else, such as a MOUNT/PATH `source`, remains). That is what
/// unreserve must name, since a persistent volume itself cannot be unreserved.
pub fn without_volume(r: &Value) -> Value {
    let mut r = r.clone();
    let empty = match r.get_mut("disk").and_then(Value::as_object_mut) {
        Some(disk) => {
            disk.remove("persistence");
            disk.remove("volume");
            disk.is_empty()
        }
        None => false,
    };
    if empty && let Some(obj) = r.as_object_mut() {
        obj.remove("disk");
    }
    r
}

/// The registered frameworks named like the service, classified.
pub fn classify_frameworks(frameworks: &[Framework], id: &Identity) -> Vec<FrameworkItem> {
    frameworks
        .iter()
        .filter(|f| f.name.trim_start_matches('/') == id.service)
        .map(|f| {
            let not_ours = if !f.all_roles().any(|r| id.is_service_role(r)) {
                Some(format!(
                    "registered with role(s) {}, not {}",
                    f.all_roles().collect::<Vec<_>>().join(","),
                    id.role
                ))
            } else if f.principal.as_deref() != Some(id.principal.as_str()) {
                Some(format!(
                    "principal {}, not {}",
                    f.principal.as_deref().unwrap_or("(none)"),
                    id.principal
                ))
            } else {
                None
            };
            FrameworkItem {
                id: f.id.clone(),
                name: f.name.clone(),
                active: f.active,
                principal: f.principal.clone(),
                not_ours,
            }
        })
        .collect()
}

/// True when `name` is exactly `<prefix>-<digits>` (one pod's volume) or `<prefix>` (a shared volume).
pub fn matches_prefix(name: &str, prefix: &str) -> bool {
    name == prefix
        || name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

async fn px_volumes(
    px: &OpenStorageClient,
    id: &Identity,
    rule: &VolumeRule,
) -> anyhow::Result<Vec<MatchedVolume>> {
    // Without name prefixes only labelled volumes can match, so let Portworx filter; with prefixes every
    // volume's name has to be looked at.
    let mut req = VolumeInspectWithFiltersRequest::default();
    if rule.prefixes.is_empty() {
        req.labels
            .insert(SERVICE_LABEL.to_string(), id.service.clone());
    }
    let found = px.inspect_volumes(&req).await?;
    let mut volumes: Vec<MatchedVolume> = found
        .iter()
        .filter_map(|v| classify_volume(v, id, rule))
        .collect();
    // Portworx lists in id order; by name reads (and diffs) better.
    volumes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(volumes)
}

/// Applies the volume rules (module docs) to one volume; `None` when no rule matches.
pub fn classify_volume(
    resp: &VolumeInspectResponse,
    id: &Identity,
    rule: &VolumeRule,
) -> Option<MatchedVolume> {
    let volume = resp.volume.clone().unwrap_or_default();
    let locator = volume.locator.clone().unwrap_or_default();
    let name = if resp.name.is_empty() {
        locator.name.clone()
    } else {
        resp.name.clone()
    };
    let labels = if resp.labels.is_empty() {
        &locator.volume_labels
    } else {
        &resp.labels
    };
    let label = labels.get(SERVICE_LABEL).map(|s| s.trim_start_matches('/'));
    let (matched_by, not_ours) = if label == Some(id.service.as_str()) {
        (format!("label {SERVICE_LABEL}"), None)
    } else {
        let prefix = rule.prefixes.iter().find(|p| matches_prefix(&name, p))?;
        let not_ours = label.map(|other| format!("labelled {SERVICE_LABEL}={other}"));
        (format!("name {prefix}-<n>"), not_ours)
    };
    // Snapshots are backups: losing them with the service is never implied by a cleanup.
    let parent = volume
        .source
        .as_ref()
        .map(|s| s.parent.as_str())
        .unwrap_or("");
    let not_ours = not_ours.or_else(|| {
        (!parent.is_empty())
            .then(|| format!("a snapshot of volume {parent}; cleanup never deletes snapshots"))
    });
    Some(MatchedVolume {
        id: volume.id.clone(),
        name,
        attached_on: (!volume.attached_on.is_empty()).then(|| volume.attached_on.clone()),
        matched_by,
        not_ours,
    })
}

/// `host (agent-id)`, or the id alone when Mesos gave no hostname.
pub fn agent_label(hostname: &str, agent_id: &str) -> String {
    if hostname.is_empty() {
        agent_id.to_string()
    } else {
        format!("{hostname} ({agent_id})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id() -> Identity {
        Identity::new("/data/cassandra", None)
    }

    fn reserved(principal: &str, labels: Value) -> Value {
        json!({"name": "cpus", "type": "SCALAR", "scalar": {"value": 1.5}, "role": "data__cassandra-role",
               "reservation": {"principal": principal, "labels": {"labels": labels}}})
    }

    #[test]
    fn identity_follows_the_sdk_naming() {
        let i = id();
        assert_eq!(i.service, "data/cassandra");
        assert_eq!(i.role, "data__cassandra-role");
        assert_eq!(i.principal, "data/cassandra-principal");
        assert_eq!(i.znode, "/dcos-service-data__cassandra");
        assert_eq!(Identity::new("c", Some("svc-acct")).principal, "svc-acct");
        assert!(i.is_service_role("data__cassandra-role"));
        assert!(i.is_service_role("slave_public/data__cassandra-role"));
        assert!(!i.is_service_role("/data__cassandra-role"));
        assert!(!i.is_service_role("xdata__cassandra-role"));
        assert!(!i.is_service_role("data__cassandra-role/sub"));
    }

    #[test]
    fn ours_needs_role_principal_and_sdk_labels() {
        let i = id();
        let ok = reserved(
            "data/cassandra-principal",
            json!([{"key": "resource_id", "value": "r1"}]),
        );
        let r = classify_resource(&ok, &i);
        assert!(r.is_ours(), "{:?}", r.not_ours);
        assert_eq!(r.amount, "1.5");

        let other = reserved(
            "other-principal",
            json!([{"key": "resource_id", "value": "r2"}]),
        );
        assert!(
            classify_resource(&other, &i)
                .not_ours
                .unwrap()
                .contains("other-principal")
        );

        let unlabelled = reserved("data/cassandra-principal", json!([]));
        assert!(
            classify_resource(&unlabelled, &i)
                .not_ours
                .unwrap()
                .contains("resource_id")
        );

        let namespaced = reserved(
            "data/cassandra-principal",
            json!([{"key": "resource_id", "value": "r3"}, {"key": "namespace", "value": "kafka"}]),
        );
        assert!(
            classify_resource(&namespaced, &i)
                .not_ours
                .unwrap()
                .contains("kafka")
        );

        let static_res = json!({"name": "mem", "type": "SCALAR", "scalar": {"value": 1024.0}, "role": "data__cassandra-role"});
        let r = classify_resource(&static_res, &i);
        assert!(r.not_ours.unwrap().contains("static"));
        assert_eq!(r.amount, "1024 MB");
    }

    #[test]
    fn refined_reservations_use_the_last_one() {
        let i = Identity::new("c", None);
        let r = json!({"name": "disk", "type": "SCALAR", "scalar": {"value": 10.0},
            "reservations": [{"type": "DYNAMIC", "role": "c-role", "principal": "c-principal",
                              "labels": {"labels": [{"key": "resource_id", "value": "x"}]}}],
            "disk": {"persistence": {"id": "v1", "principal": "c-principal"}, "volume": {"mode": "RW", "container_path": "data"}}});
        let c = classify_resource(&r, &i);
        assert!(c.is_ours() && c.is_volume());
        assert_eq!(c.volume_id.as_deref(), Some("v1"));
        let pre_reserved = json!({"name": "cpus", "type": "SCALAR", "scalar": {"value": 1.0},
            "reservations": [{"type": "STATIC", "role": "slave_public"},
                             {"type": "DYNAMIC", "role": "slave_public/c-role", "principal": "c-principal",
                              "labels": {"labels": [{"key": "resource_id", "value": "y"}]}}]});
        assert!(classify_resource(&pre_reserved, &i).is_ours());
        let stripped = without_volume(&r);
        assert!(stripped.get("disk").is_none(), "{stripped}");
        let mount = json!({"name": "disk", "disk": {"source": {"type": "MOUNT"}, "persistence": {"id": "v"}}});
        assert_eq!(
            without_volume(&mount),
            json!({"name": "disk", "disk": {"source": {"type": "MOUNT"}}})
        );
    }

    #[test]
    fn prefixes_need_a_numeric_suffix() {
        assert!(matches_prefix("Cassandra-0", "Cassandra"));
        assert!(matches_prefix("cassandra-node-12", "cassandra-node"));
        assert!(matches_prefix("cassandra-node", "cassandra-node"));
        assert!(!matches_prefix("cassandra-node-backup", "cassandra-node"));
        assert!(!matches_prefix("cassandra-node-2-old", "cassandra-node"));
        assert!(!matches_prefix("cassandra-node-", "cassandra-node"));
        assert!(!matches_prefix("Cassandra0", "Cassandra"));
    }

    #[test]
    fn volumes_by_label_or_exact_name_and_never_snapshots() {
        use crate::portworx::types::{PxVolume, Source, VolumeLocator};
        let i = Identity::new("cassandra", None);
        let rule = VolumeRule {
            prefixes: vec!["Cassandra".into()],
        };
        let vol = |name: &str, label: Option<&str>, parent: &str| VolumeInspectResponse {
            volume: Some(PxVolume {
                id: format!("id-{name}"),
                source: Some(Source {
                    parent: parent.into(),
                    ..Default::default()
                }),
                locator: Some(VolumeLocator {
                    name: name.into(),
                    volume_labels: label
                        .map(|l| [(SERVICE_LABEL.to_string(), l.to_string())].into())
                        .unwrap_or_default(),
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let c = |v| classify_volume(&v, &i, &rule);
        assert!(
            c(vol("data-7", Some("cassandra"), ""))
                .unwrap()
                .not_ours
                .is_none()
        );
        assert!(c(vol("Cassandra-3", None, "")).unwrap().not_ours.is_none());
        assert!(c(vol("Cassandra", None, "")).unwrap().not_ours.is_none());
        assert!(
            c(vol("Cassandra-3", Some("kafka"), ""))
                .unwrap()
                .not_ours
                .is_some()
        );
        assert!(c(vol("Cassandra-3-old", None, "")).is_none());
        assert!(c(vol("other-0", Some("kafka"), "")).is_none());
        let snap = c(vol("Cassandra-0.snap", Some("cassandra"), "id-Cassandra-0")).unwrap();
        assert!(snap.not_ours.unwrap().contains("snapshot"));
    }

    #[test]
    fn frameworks_with_the_name_but_another_principal_are_not_ours() {
        let i = Identity::new("c", None);
        let fw = |principal: &str, role: &str| Framework {
            id: "f".into(),
            name: "c".into(),
            role: Some(role.into()),
            roles: vec![],
            principal: Some(principal.into()),
            active: true,
        };
        let items = classify_frameworks(
            &[
                fw("c-principal", "c-role"),
                fw("x", "c-role"),
                fw("c-principal", "other"),
            ],
            &i,
        );
        assert!(items[0].not_ours.is_none());
        assert!(items[1].not_ours.as_ref().unwrap().contains("principal x"));
        assert!(items[2].not_ours.as_ref().unwrap().contains("other"));
    }
}
