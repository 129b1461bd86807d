//! The dcos-commons scheduler API at `/service/<name>/v1/…`, with the Portworx fork's behaviour
//! (contracts/sdk-scheduler-api.md §2): pretty JSON, `Element not found` 404s, 208 for no-op commands,
//! one-element arrays for `targetId` and `frameworkId`, plain-text health.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde_json::Value;

use super::AppState;
use crate::api::sdk::CommandReply;
use crate::scheduler::engine::{EngineError, Missing};
use crate::scheduler::plan::{Outcome, Progress};

/// The fork's 404 body for any unknown plan, phase, step, pod or configuration.
const NOT_FOUND: &str = "Element not found";
/// The fork's 208 body: the command changes nothing.
const ALREADY_REPORTED: &str = "Command has already been reported or completed";

/// Pretty JSON with the given status, as the SDK serves every body.
pub fn pretty(status: u16, value: &Value) -> Response {
    let body = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    raw_json(status, body)
}

/// A typed view (`crate::api`), served as pretty JSON. It goes through `Value` like every other body,
/// so all bodies order their keys the same way.
pub fn view(status: u16, v: &impl serde::Serialize) -> Response {
    pretty(status, &serde_json::to_value(v).unwrap_or_default())
}

fn raw_json(status: u16, body: String) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

fn text(status: u16, body: &str) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "text/plain")],
        body.to_string(),
    )
        .into_response()
}

fn not_found() -> Response {
    text(404, NOT_FOUND)
}

/// A service that does not exist is Admin Router's 404 (no route), not the scheduler's.
fn no_service(name: &str) -> Response {
    text(404, &format!("no service named {name} is running here"))
}

/// A read that found nothing: no service is Admin Router's 404, no element the scheduler's.
fn missing(svc: &str, m: Missing) -> Response {
    match m {
        Missing::Service => no_service(svc),
        Missing::Element => not_found(),
    }
}

/// A plan command's answer as the fork's `PlansResource` gives it (contract §2.1–2.2).
fn outcome(o: Outcome) -> Response {
    match o {
        Outcome::Done(message) => view(
            200,
            &CommandReply {
                message: Some(message),
            },
        ),
        Outcome::AlreadyReported => text(208, ALREADY_REPORTED),
        Outcome::NotFound => not_found(),
        Outcome::BadRequest(why) => text(400, &why),
    }
}

/// The plan and health status codes: 200 complete, 202 in progress, 417 with errors.
fn progress_status(p: Progress) -> u16 {
    match p {
        Progress::Complete => 200,
        Progress::InProgress => 202,
        Progress::Errors => 417,
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/service/{svc}/v1/plans", get(plans))
        .route("/service/{svc}/v1/plans/{plan}", get(plan))
        .route("/service/{svc}/v1/plans/{plan}/{cmd}", post(plan_cmd))
        .route("/service/{svc}/v1/pod", get(pods))
        .route("/service/{svc}/v1/pod/status", get(pod_status))
        .route("/service/{svc}/v1/pod/{pod}/status", get(pod_one_status))
        .route("/service/{svc}/v1/pod/{pod}/info", get(pod_info))
        .route("/service/{svc}/v1/pod/{pod}/{cmd}", post(pod_cmd))
        .route("/service/{svc}/v1/endpoints", get(endpoints))
        .route("/service/{svc}/v1/endpoints/{name}", get(endpoint))
        .route("/service/{svc}/v1/configurations", get(configurations))
        .route("/service/{svc}/v1/configurations/targetId", get(target_id))
        .route("/service/{svc}/v1/configurations/target", get(target))
        .route("/service/{svc}/v1/configurations/{id}", get(configuration))
        .route("/service/{svc}/v1/state/frameworkId", get(framework_id))
        .route("/service/{svc}/v1/state/properties", get(properties))
        .route("/service/{svc}/v1/state/refresh", put(refresh))
        .route("/service/{svc}/v1/health", get(health))
}

async fn plans(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.plan_names(&svc).await {
        Ok(names) => pretty(200, &serde_json::json!(names)),
        Err(m) => missing(&svc, m),
    }
}

async fn plan(State(s): State<AppState>, Path((svc, plan)): Path<(String, String)>) -> Response {
    match s.engine.plan(&svc, &plan).await {
        Ok((progress, plan)) => view(progress_status(progress), &plan),
        Err(m) => missing(&svc, m),
    }
}

#[derive(Debug, Deserialize)]
struct PlanQuery {
    phase: Option<String>,
    step: Option<String>,
}

async fn plan_cmd(
    State(s): State<AppState>,
    Path((svc, plan, cmd)): Path<(String, String, String)>,
    Query(q): Query<PlanQuery>,
    body: Bytes,
) -> Response {
    let phase = q.phase.clone();
    let step = q.step.clone();
    let result = match cmd.as_str() {
        "start" => {
            let params: BTreeMap<String, String> = if body.is_empty() {
                BTreeMap::new()
            } else {
                match serde_json::from_slice::<BTreeMap<String, Value>>(&body) {
                    Ok(m) => m
                        .into_iter()
                        .map(|(k, v)| {
                            (
                                k,
                                v.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| v.to_string()),
                            )
                        })
                        .collect(),
                    Err(e) => return text(400, &format!("Couldn't parse parameters: {e}")),
                }
            };
            s.engine
                .plan_op(&svc, &plan, move |p| p.start(params))
                .await
        }
        "stop" => s.engine.plan_op(&svc, &plan, |p| p.stop()).await,
        "interrupt" => {
            s.engine
                .plan_op(&svc, &plan, move |p| p.interrupt(phase.as_deref()))
                .await
        }
        "continue" => {
            s.engine
                .plan_op(&svc, &plan, move |p| p.proceed(phase.as_deref()))
                .await
        }
        "forceComplete" => {
            s.engine
                .plan_op(&svc, &plan, move |p| {
                    p.force_complete(phase.as_deref(), step.as_deref())
                })
                .await
        }
        "restart" => {
            s.engine
                .plan_op(&svc, &plan, move |p| {
                    p.restart_element(phase.as_deref(), step.as_deref())
                })
                .await
        }
        _ => return not_found(),
    };
    match result {
        Ok(o) => outcome(o),
        Err(EngineError::NotFound(_)) => no_service(&svc),
        Err(e) => text(500, &e.to_string()),
    }
}

async fn pods(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.pod_names(&svc).await {
        Ok(names) => pretty(200, &serde_json::json!(names)),
        Err(m) => missing(&svc, m),
    }
}

async fn pod_status(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.pod_status(&svc).await {
        Ok(v) => view(200, &v),
        Err(m) => missing(&svc, m),
    }
}

async fn pod_one_status(
    State(s): State<AppState>,
    Path((svc, pod)): Path<(String, String)>,
) -> Response {
    match s.engine.pod_one_status(&svc, &pod).await {
        Ok(v) => view(200, &v),
        Err(m) => missing(&svc, m),
    }
}

async fn pod_info(State(s): State<AppState>, Path((svc, pod)): Path<(String, String)>) -> Response {
    match s.engine.pod_info(&svc, &pod).await {
        Ok(v) => view(200, &v),
        Err(m) => missing(&svc, m),
    }
}

async fn pod_cmd(
    State(s): State<AppState>,
    Path((svc, pod, cmd)): Path<(String, String, String)>,
) -> Response {
    let result = match cmd.as_str() {
        "restart" => s.engine.pod_recover(&svc, &pod, false).await,
        "replace" => s.engine.pod_recover(&svc, &pod, true).await,
        _ => return not_found(),
    };
    match result {
        Ok(Some(reply)) => view(200, &reply),
        Ok(None) => not_found(),
        Err(EngineError::NotFound(_)) => no_service(&svc),
        Err(e) => text(500, &e.to_string()),
    }
}

async fn endpoints(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.endpoints(&svc).await {
        Ok(names) => pretty(200, &serde_json::json!(names)),
        Err(m) => missing(&svc, m),
    }
}

async fn endpoint(
    State(s): State<AppState>,
    Path((svc, name)): Path<(String, String)>,
) -> Response {
    match s.engine.endpoint(&svc, &name).await {
        Ok(v) => view(200, &v),
        Err(Missing::Service) => no_service(&svc),
        Err(Missing::Element) => (StatusCode::NOT_FOUND, "").into_response(),
    }
}

async fn configurations(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.configurations(&svc).await {
        Ok((ids, _)) => pretty(200, &serde_json::json!(ids)),
        Err(m) => missing(&svc, m),
    }
}

async fn target_id(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.configurations(&svc).await {
        Ok((_, target)) => pretty(200, &serde_json::json!([target])),
        Err(m) => missing(&svc, m),
    }
}

async fn target(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    let target = match s.engine.configurations(&svc).await {
        Ok((_, target)) => target,
        Err(m) => return missing(&svc, m),
    };
    configuration_body(&s, &svc, &target).await
}

async fn configuration(
    State(s): State<AppState>,
    Path((svc, id)): Path<(String, String)>,
) -> Response {
    if uuid::Uuid::parse_str(&id).is_err() {
        return (StatusCode::BAD_REQUEST, "").into_response();
    }
    configuration_body(&s, &svc, &id).await
}

async fn configuration_body(s: &AppState, svc: &str, id: &str) -> Response {
    match s.engine.configuration(svc, id).await {
        Ok(v) => view(200, &v),
        Err(m) => missing(svc, m),
    }
}

async fn framework_id(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.framework_id(&svc).await {
        Ok(id) => pretty(200, &serde_json::json!([id])),
        Err(m) => missing(&svc, m),
    }
}

async fn properties(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.service(&svc).await {
        Some(rec) => {
            let mut keys = vec!["last-completed-update-type".to_string()];
            if rec.uninstalling {
                keys.push("uninstalling".into());
            }
            for pod in rec.pods.values() {
                keys.extend(pod.tasks.keys().map(|t| format!("{t}:task-status")));
            }
            pretty(200, &serde_json::json!(keys))
        }
        None => no_service(&svc),
    }
}

async fn refresh(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.service(&svc).await {
        Some(_) => view(
            200,
            &CommandReply {
                message: Some("Received cmd: refresh".into()),
            },
        ),
        None => no_service(&svc),
    }
}

/// [fork] plain-text reason phrases.
async fn health(State(s): State<AppState>, Path(svc): Path<String>) -> Response {
    match s.engine.health(&svc).await {
        Ok(p @ Progress::Complete) => text(progress_status(p), "OK"),
        Ok(p @ Progress::InProgress) => text(progress_status(p), "Accepted"),
        Ok(p @ Progress::Errors) => text(progress_status(p), "Expectation Failed"),
        Err(m) => missing(&svc, m),
    }
}
