//! The Mesos master as pxfw uses it through Admin Router (`/mesos/…`, contract §0 and §6): what a service
//! left reserved after uninstall, and the operator endpoints the janitor flow needs (agents with their
//! reservations, registered frameworks, destroy-volumes, unreserve, teardown).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::cluster::http::{HttpClient, HttpError, Req, Response, error_text, unexpected_status};

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

/// One agent as `GET /mesos/master/slaves` lists it: the fields the janitor needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Agent {
    pub id: String,
    #[serde(default)]
    pub hostname: String,
    /// Role → the reserved resources, each exactly as Mesos renders it (kept raw: operator calls must send
    /// the very same objects back).
    #[serde(default)]
    pub reserved_resources_full: BTreeMap<String, Vec<Value>>,
}

#[derive(Debug, Deserialize)]
struct AgentList {
    slaves: Vec<Agent>,
}

/// One registered framework as `GET /mesos/master/frameworks` lists it (active or not, but not completed).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Framework {
    pub id: String,
    pub name: String,
    /// The single role of a pre-MULTI_ROLE framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The roles of a MULTI_ROLE framework.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    #[serde(default)]
    pub active: bool,
}

impl Framework {
    /// Every role the framework registered with, whichever field carries them.
    pub fn all_roles(&self) -> impl Iterator<Item = &str> {
        self.role
            .iter()
            .map(String::as_str)
            .chain(self.roles.iter().map(String::as_str))
    }
}

#[derive(Debug, Deserialize)]
struct FrameworkList {
    #[serde(default)]
    frameworks: Vec<Framework>,
}

/// A failed Mesos operator call. A conflict is its own case: for destroy-volumes and unreserve it means
/// the resources are not (or no longer) available as sent, typically because a framework still uses them.
#[derive(Debug, thiserror::Error)]
pub enum OperatorError {
    #[error("{op} on agent {agent}: Mesos answered 409 Conflict: {message}")]
    Conflict {
        op: &'static str,
        agent: String,
        message: String,
    },
    #[error("{op}: Mesos refused the request (HTTP {status}): {message}")]
    Refused {
        op: &'static str,
        status: u16,
        message: String,
    },
    #[error("{op}: {source}")]
    Http {
        op: &'static str,
        #[source]
        source: HttpError,
    },
}

/// `GET /mesos/master/slaves`: every agent with its reserved resources by role.
pub async fn agents(http: &HttpClient) -> anyhow::Result<Vec<Agent>> {
    let resp = http.send(Req::get("/mesos/master/slaves")).await?;
    if resp.status != 200 {
        return Err(unexpected_status(&resp, "listing the Mesos agents failed"));
    }
    Ok(resp.json::<AgentList>()?.slaves)
}

/// `GET /mesos/master/frameworks`: the registered frameworks (completed ones are gone already).
pub async fn frameworks(http: &HttpClient) -> anyhow::Result<Vec<Framework>> {
    let resp = http.send(Req::get("/mesos/master/frameworks")).await?;
    if resp.status != 200 {
        return Err(unexpected_status(
            &resp,
            "listing the Mesos frameworks failed",
        ));
    }
    Ok(resp.json::<FrameworkList>()?.frameworks)
}

/// `POST /mesos/master/destroy-volumes`, form `slaveId=<id>&volumes=<JSON array>`.
pub async fn destroy_volumes(
    http: &HttpClient,
    agent_id: &str,
    volumes: &[Value],
) -> Result<(), OperatorError> {
    agent_operation(http, "destroy-volumes", "volumes", agent_id, volumes).await
}

/// `POST /mesos/master/unreserve`, form `slaveId=<id>&resources=<JSON array>`.
pub async fn unreserve(
    http: &HttpClient,
    agent_id: &str,
    resources: &[Value],
) -> Result<(), OperatorError> {
    agent_operation(http, "unreserve", "resources", agent_id, resources).await
}

async fn agent_operation(
    http: &HttpClient,
    op: &'static str,
    field: &str,
    agent_id: &str,
    resources: &[Value],
) -> Result<(), OperatorError> {
    let json = serde_json::to_string(resources).unwrap_or_else(|_| "[]".into());
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("slaveId", agent_id)
        .append_pair(field, &json)
        .finish();
    let resp = send_form(http, op, &format!("/mesos/master/{op}"), form).await?;
    match resp.status {
        // The operator endpoints answer 202 Accepted; 200 is accepted too.
        200..=299 => Ok(()),
        409 => Err(OperatorError::Conflict {
            op,
            agent: agent_id.to_string(),
            message: body_message(&resp),
        }),
        status => Err(OperatorError::Refused {
            op,
            status,
            message: body_message(&resp),
        }),
    }
}

/// What a teardown did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teardown {
    Done,
    /// Mesos no longer knows the framework: someone (or an earlier run) tore it down already.
    AlreadyGone,
}

/// `POST /mesos/master/teardown`, form `frameworkId=<id>`.
pub async fn teardown(http: &HttpClient, framework_id: &str) -> Result<Teardown, OperatorError> {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("frameworkId", framework_id)
        .finish();
    let op = "teardown";
    let resp = send_form(http, op, "/mesos/master/teardown", form).await?;
    let message = body_message(&resp);
    match resp.status {
        200..=299 => Ok(Teardown::Done),
        // Mesos: 400 "No framework found with specified ID".
        400 if message.to_ascii_lowercase().contains("no framework found") => {
            Ok(Teardown::AlreadyGone)
        }
        409 => Err(OperatorError::Conflict {
            op,
            agent: "-".into(),
            message,
        }),
        status => Err(OperatorError::Refused {
            op,
            status,
            message,
        }),
    }
}

async fn send_form(
    http: &HttpClient,
    op: &'static str,
    path: &str,
    form: String,
) -> Result<Response, OperatorError> {
    http.send(Req::post(path).body(form.into_bytes(), "application/x-www-form-urlencoded"))
        .await
        .map_err(|source| OperatorError::Http { op, source })
}

/// Mesos answers operator errors in plain text; a JSON body (Admin Router) has a message field.
fn body_message(resp: &Response) -> String {
    error_text(resp).unwrap_or_else(|| resp.snippet())
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
