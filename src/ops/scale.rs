//! Scaling a pod type of a DC/OS-packaged service: find the package option that drives the pod type's
//! count, check the change against the scheduler's target configuration, and say which option to set.
//! The change itself is a Cosmos service update of that option, so the stored options stay the truth
//! (editing the Marathon env directly would be reverted by the next update, contract §7.3).
//!
//! Which option drives which pod type is read from the package itself: the Marathon template maps env vars
//! to options (`"NODES": "{{nodes.count}}"`), and the running scheduler's target config says which pod
//! types exist, their counts and whether they may be decommissioned.

use anyhow::anyhow;
use base64::Engine;
use serde_json::Value;

use crate::dcos::cosmos::Cosmos;
use crate::dcos::sdk::SdkClient;

/// An option that sets a count, as found in the Marathon template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountOption {
    pub env: String,
    pub path: String,
}

/// Every `"ENV": "{{a.b.count}}"` binding of the template whose option path names a count.
pub fn count_options(template: &str) -> Vec<CountOption> {
    let re =
        regex::Regex::new(r#""([A-Za-z0-9_]+)"\s*:\s*"\{\{\{?\s*([A-Za-z0-9_.\-]+)\s*\}?\}\}""#)
            .expect("static regex");
    let mut out: Vec<CountOption> = re
        .captures_iter(template)
        .map(|c| CountOption {
            env: c[1].to_string(),
            path: c[2].to_string(),
        })
        .filter(|o| {
            let last = o.path.rsplit('.').next().unwrap_or("");
            last == "count" || last.ends_with("_count") || last.ends_with("-count")
        })
        .collect();
    out.dedup();
    out
}

/// Reduces a name to its stem so `journal` matches `journal_node`, `node` matches `nodes`.
fn stem(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('-', "_");
    let trimmed = lower
        .trim_end_matches("_count")
        .trim_end_matches("_nodes")
        .trim_end_matches("_node")
        .trim_end_matches('s');
    if trimmed.is_empty() {
        lower
    } else {
        trimmed.to_string()
    }
}

/// The count option for `pod_type` among `candidates`, matched on the option's first segment (or, for a
/// flat option like `broker_count`, its name).
pub fn option_for_pod(pod_type: &str, candidates: &[CountOption]) -> Option<CountOption> {
    let want = stem(pod_type);
    let owned = |c: &&CountOption| {
        let segs: Vec<&str> = c.path.split('.').collect();
        let owner = if segs.len() > 1 {
            segs[segs.len() - 2]
        } else {
            segs[0]
        };
        stem(owner) == want
    };
    // `journal_node.count` is a count; `journal_node.lagging_tx_count` only ends like one. A suffix counts
    // only for a flat option such as `broker_count`.
    candidates
        .iter()
        .filter(owned)
        .find(|c| {
            let mut segs = c.path.rsplit('.');
            let last = segs.next().unwrap_or("");
            last == "count" || segs.next().is_none()
        })
        .cloned()
}

/// A pod type as the scheduler's target configuration describes it.
#[derive(Debug, Clone)]
pub struct ScalablePod {
    pub kind: String,
    pub count: u64,
    pub allow_decommission: bool,
}

/// The pod types of the scheduler's target configuration.
async fn target_pods(sdk: &SdkClient) -> anyhow::Result<Vec<ScalablePod>> {
    let spec = sdk.target_configuration().await?.value;
    let pods = spec
        .get("pod-specs")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            anyhow!(
                "the target configuration of {} has no `pod-specs`",
                sdk.service()
            )
        })?;
    Ok(pods
        .iter()
        .filter_map(|p| {
            Some(ScalablePod {
                kind: p.get("type")?.as_str()?.to_string(),
                count: p.get("count").and_then(Value::as_u64).unwrap_or(0),
                allow_decommission: p
                    .get("allow-decommission")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            })
        })
        .collect())
}

/// What to scale.
#[derive(Debug, Clone)]
pub struct ScaleRequest {
    pub service: String,
    /// The pod type (optional when the service has one scalable pod type).
    pub pod_type: Option<String>,
    /// The option path, when given instead of derived.
    pub option: Option<String>,
    pub count: u32,
}

/// What [`decide`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum ScaleDecision {
    /// The pod type already has that many pods: nothing to change.
    Unchanged { pod_type: String, count: u64 },
    /// Set `path` to the count; `options` is the partial options document that does it.
    SetOption {
        pod_type: Option<String>,
        path: String,
        options: Value,
    },
}

/// Why a scale cannot be decided. The `Ambiguous`, `NoOptionForPod` and `NoSuchPodType` cases are the
/// user's to fix on the command line.
#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error(
        "no option of {service}'s package drives the count of pod type `{pod}`; count options: {candidates}. Pass --option PATH"
    )]
    NoOptionForPod {
        service: String,
        pod: String,
        candidates: String,
    },
    #[error("{service}'s package has no count option; pass --option PATH")]
    NoCountOption { service: String },
    #[error("{service} has several scalable pod types: {choices}; name one")]
    Ambiguous { service: String, choices: String },
    #[error("{service} has no pod type `{kind}`; it has: {kinds}")]
    NoSuchPodType {
        service: String,
        kind: String,
        kinds: String,
    },
    #[error(
        "refusing to scale {kind} of {service} from {from} down to {to}: its spec does not set \
         `allow-decommission: true`, so the scheduler would reject the change (a stateful pod's data would be lost)"
    )]
    WouldDecommission {
        service: String,
        kind: String,
        from: u64,
        to: u32,
    },
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl ScaleError {
    /// The command line was wrong (rather than the service unable to scale).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ScaleError::NoOptionForPod { .. }
                | ScaleError::Ambiguous { .. }
                | ScaleError::NoSuchPodType { .. }
        )
    }
}

/// Decides which option to set for `req`. When the scheduler cannot be read (e.g. it is restarting),
/// scale still works from the template and `warn` says the change is not pre-checked; the scheduler
/// validates it itself.
pub async fn decide(
    cosmos: &Cosmos,
    sdk: &SdkClient,
    req: &ScaleRequest,
    warn: &mut dyn FnMut(String),
) -> Result<ScaleDecision, ScaleError> {
    let service = &req.service;
    let described = cosmos.service_describe(service).await?;
    let template = described
        .get("package")
        .and_then(|p| p.get("marathon"))
        .and_then(|m| m.get("v2AppMustacheTemplate"))
        .and_then(Value::as_str)
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let candidates = count_options(&template);
    let pods = match target_pods(sdk).await {
        Ok(p) => Some(p),
        Err(e) => {
            warn(format!(
                "cannot read the scheduler's configuration ({e}); the count change is not pre-checked."
            ));
            None
        }
    };

    let (pod_type, path) = match (&req.option, &req.pod_type) {
        (Some(path), pod) => (pod.clone(), path.clone()),
        (None, Some(pod)) => {
            let opt =
                option_for_pod(pod, &candidates).ok_or_else(|| ScaleError::NoOptionForPod {
                    service: service.clone(),
                    pod: pod.clone(),
                    candidates: list_candidates(&candidates),
                })?;
            (Some(pod.clone()), opt.path)
        }
        (None, None) => {
            let scalable: Vec<(String, CountOption)> = match &pods {
                Some(pods) => pods
                    .iter()
                    .filter_map(|p| {
                        option_for_pod(&p.kind, &candidates).map(|o| (p.kind.clone(), o))
                    })
                    .collect(),
                None => candidates
                    .iter()
                    .map(|c| (c.path.clone(), c.clone()))
                    .collect(),
            };
            match scalable.as_slice() {
                [(kind, opt)] => (pods.as_ref().map(|_| kind.clone()), opt.path.clone()),
                [] => {
                    return Err(ScaleError::NoCountOption {
                        service: service.clone(),
                    });
                }
                many => {
                    return Err(ScaleError::Ambiguous {
                        service: service.clone(),
                        choices: many
                            .iter()
                            .map(|(k, o)| format!("{k} ({})", o.path))
                            .collect::<Vec<_>>()
                            .join(", "),
                    });
                }
            }
        }
    };

    if let (Some(pods), Some(kind)) = (&pods, &pod_type) {
        let spec =
            pods.iter()
                .find(|p| &p.kind == kind)
                .ok_or_else(|| ScaleError::NoSuchPodType {
                    service: service.clone(),
                    kind: kind.clone(),
                    kinds: pods
                        .iter()
                        .map(|p| p.kind.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
        if u64::from(req.count) < spec.count && !spec.allow_decommission {
            return Err(ScaleError::WouldDecommission {
                service: service.clone(),
                kind: kind.clone(),
                from: spec.count,
                to: req.count,
            });
        }
        if u64::from(req.count) == spec.count {
            return Ok(ScaleDecision::Unchanged {
                pod_type: kind.clone(),
                count: spec.count,
            });
        }
    }

    // `nodes.count` → `{"nodes": {"count": N}}`: only that option changes.
    let options = path.rsplit('.').fold(Value::from(req.count), |inner, seg| {
        Value::Object([(seg.to_string(), inner)].into_iter().collect())
    });
    Ok(ScaleDecision::SetOption {
        pod_type,
        path,
        options,
    })
}

fn list_candidates(c: &[CountOption]) -> String {
    if c.is_empty() {
        return "none".into();
    }
    c.iter()
        .map(|o| o.path.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_templates_map_pod_types_to_options() {
        let fx = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/packages");
        let cass =
            std::fs::read_to_string(format!("{fx}/cassandra/marathon.json.mustache")).unwrap();
        let opts = count_options(&cass);
        assert_eq!(option_for_pod("node", &opts).unwrap().path, "nodes.count");
        let hdfs = std::fs::read_to_string(format!("{fx}/hdfs/marathon.json.mustache")).unwrap();
        let opts = count_options(&hdfs);
        assert_eq!(
            option_for_pod("data", &opts).unwrap().path,
            "data_node.count"
        );
        // The fork's HDFS fixes its journal node count in svc.yml: no option drives it.
        assert_eq!(option_for_pod("journal", &opts), None);
        let hello =
            std::fs::read_to_string(format!("{fx}/helloworld/marathon.json.mustache")).unwrap();
        let opts = count_options(&hello);
        assert_eq!(option_for_pod("world", &opts).unwrap().path, "world.count");
        assert_eq!(option_for_pod("hello", &opts).unwrap().path, "hello.count");
    }
}
