//! `pxfw scale SVC [POD_TYPE] --count N`: a Cosmos service update of the option that drives the pod
//! type's count, so the stored options stay the truth (editing the Marathon env directly would be reverted
//! by the next update, contract §7.3).
//!
//! Which option drives which pod type is read from the package itself: the Marathon template maps env vars
//! to options (`"NODES": "{{nodes.count}}"`), and the running scheduler's target config says which pod
//! types exist, their counts and whether they may be decommissioned.

use std::time::Duration;

use anyhow::anyhow;
use base64::Engine;
use clap::Args;
use serde_json::Value;

use super::exit::Exit;
use super::{Globals, options, update, wait};
use crate::cluster::http::{HttpClient, Req};
use crate::output;

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// The service (or --name).
    pub service: Option<String>,
    /// The pod type to scale (optional when the service has one scalable pod type).
    pub pod_type: Option<String>,
    /// The new number of pods.
    #[arg(long, value_name = "N")]
    pub count: u32,
    /// Use this option path for the count instead of deriving it (e.g. nodes.count).
    #[arg(long, value_name = "PATH")]
    pub option: Option<String>,
    /// Wait until the deploy plan is COMPLETE.
    #[arg(long)]
    pub wait: bool,
    #[arg(long, value_name = "D", default_value = "30m", value_parser = super::plan::parse_duration)]
    pub timeout: Duration,
}

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
struct PodSpec {
    kind: String,
    count: u64,
    allow_decommission: bool,
}

async fn target_pods(http: &HttpClient, service: &str) -> anyhow::Result<Vec<PodSpec>> {
    let resp = http
        .send(Req::get(format!(
            "/service/{service}/v1/configurations/target"
        )))
        .await?;
    if resp.status != 200 {
        return Err(crate::cluster::http::unexpected_status(
            &resp,
            "reading the service's target configuration",
        ));
    }
    let spec: Value = resp.json()?;
    let pods = spec
        .get("pod-specs")
        .and_then(Value::as_array)
        .ok_or_else(|| resp.malformed("no `pod-specs`"))?;
    Ok(pods
        .iter()
        .filter_map(|p| {
            Some(PodSpec {
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

pub async fn run(args: ScaleArgs, g: &Globals) -> anyhow::Result<()> {
    let service = match &args.service {
        Some(s) => super::validate_service_name(s)?,
        None => g.service_name()?,
    };
    let (cosmos, http) = super::cosmos()?;
    let described = cosmos.service_describe(&service).await?;
    let template = described
        .get("package")
        .and_then(|p| p.get("marathon"))
        .and_then(|m| m.get("v2AppMustacheTemplate"))
        .and_then(Value::as_str)
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let candidates = count_options(&template);

    // The scheduler knows the pod types; if it cannot be read (e.g. it is restarting) scale still works
    // from the template, and the scheduler validates the change itself.
    let pods = match target_pods(&http, &service).await {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!(
                "Warning: cannot read the scheduler's configuration ({e}); the count change is not pre-checked."
            );
            None
        }
    };

    let (pod_type, path) = match (&args.option, &args.pod_type) {
        (Some(path), pod) => (pod.clone(), path.clone()),
        (None, Some(pod)) => {
            let opt = option_for_pod(pod, &candidates).ok_or_else(|| {
                Exit::usage(format!(
                    "no option of {service}'s package drives the count of pod type `{pod}`; count options: {}. Pass --option PATH",
                    list_candidates(&candidates)
                ))
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
                    return Err(anyhow!(
                        "{service}'s package has no count option; pass --option PATH"
                    ));
                }
                many => {
                    return Err(Exit::usage(format!(
                        "{service} has several scalable pod types: {}; name one",
                        many.iter()
                            .map(|(k, o)| format!("{k} ({})", o.path))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .into());
                }
            }
        }
    };

    if let (Some(pods), Some(kind)) = (&pods, &pod_type) {
        let spec = pods.iter().find(|p| &p.kind == kind).ok_or_else(|| {
            Exit::usage(format!(
                "{service} has no pod type `{kind}`; it has: {}",
                pods.iter()
                    .map(|p| p.kind.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        if u64::from(args.count) < spec.count && !spec.allow_decommission {
            return Err(anyhow!(
                "refusing to scale {kind} of {service} from {} down to {}: its spec does not set \
                 `allow-decommission: true`, so the scheduler would reject the change (a stateful pod's data would be lost)",
                spec.count,
                args.count
            ));
        }
        if u64::from(args.count) == spec.count {
            println!("{kind} of {service} already has {} pods.", spec.count);
            return Ok(());
        }
    }

    let mut opts = Value::Object(Default::default());
    let segments: Vec<String> = path.split('.').map(str::to_string).collect();
    options::set_path(&mut opts, &segments, Value::from(args.count))?;
    let reply = update::start(&cosmos, &service, Some(opts), None, false).await?;
    if g.json && !args.wait {
        return output::print_json(&reply);
    }
    if !g.json {
        println!(
            "Scaling {}{service} to {} via option {path}.",
            pod_type
                .as_deref()
                .map(|k| format!("{k} of "))
                .unwrap_or_default(),
            args.count
        );
    }
    if args.wait {
        wait::plan_complete(&http, &service, "deploy", args.timeout).await?;
        if !g.json {
            println!("Scale of {service} complete: its deploy plan is COMPLETE.");
        }
    }
    Ok(())
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
