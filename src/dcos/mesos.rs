//! The Mesos master state pxfw reads through Admin Router: what a service left reserved after uninstall.

use serde_json::Value;

use crate::cluster::http::{HttpClient, Req, unexpected_status};

/// The role the dcos-commons SDK reserves resources under: the service name without its leading slash,
/// with `/` turned into `__`, plus `-role`.
pub fn service_role(service: &str) -> String {
    format!(
        "{}-role",
        service.trim_start_matches('/').replace('/', "__")
    )
}

/// One agent still holding resources reserved for a role.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Leftover {
    pub agent_id: String,
    pub hostname: String,
    pub resources: Value,
}

/// Reads `/mesos/state-summary` and returns the agents holding reservations for `role`, plus whether a
/// framework named `framework` is still registered.
pub async fn leftovers(
    http: &HttpClient,
    role: &str,
    framework: &str,
) -> anyhow::Result<(Vec<Leftover>, bool)> {
    let resp = http.send(Req::get("/mesos/state-summary")).await?;
    if resp.status != 200 {
        return Err(unexpected_status(
            &resp,
            "reading the Mesos state summary failed",
        ));
    }
    let state: Value = resp.json()?;
    let mut out = Vec::new();
    for slave in state
        .get("slaves")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(res) = slave.get("reserved_resources").and_then(|r| r.get(role))
            && !is_empty_resources(res)
        {
            out.push(Leftover {
                agent_id: slave
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                hostname: slave
                    .get("hostname")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                resources: res.clone(),
            });
        }
    }
    let framework_left = state
        .get("frameworks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|f| f.get("name").and_then(Value::as_str) == Some(framework));
    Ok((out, framework_left))
}

fn is_empty_resources(v: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .values()
            .all(|x| x.as_f64().is_some_and(|n| n == 0.0) || x.as_str().is_some_and(str::is_empty)),
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(service_role("/cassandra"), "cassandra-role");
        assert_eq!(service_role("data/cassandra"), "data__cassandra-role");
    }
}
