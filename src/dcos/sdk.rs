//! Typed client for the dcos-commons SDK scheduler HTTP API (`<dcos_url>/service/<svc>/v1/...`).
//!
//! Two generations of the API are in the field (contracts/sdk-scheduler-api.md §0): the Portworx fork of
//! SDK 0.40.5, which the Portworx frameworks serve, and upstream 0.58. They differ in 404 texts, health
//! semantics and a few statuses; this module accepts both and hides the difference from the commands.
//!
//! Every call returns a [`Reply`]: the decoded value *and* the raw body. The commands need both, because
//! the Go CLI they mirror prints the scheduler's own bytes (re-indented) rather than a re-serialisation,
//! while `plan wait` and the trees need typed data.
//!
//! Status codes are classified here, once, into [`SdkError`] variants whose messages match what the Go
//! CLI says (contract §2.8), so every command reports the same failure the same way.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::cluster::http::{HttpClient, HttpError, Req, Response};

// ---------------------------------------------------------------------------------------------------------
// Wire types
// ---------------------------------------------------------------------------------------------------------

use crate::api::sdk::{
    CommandReply, Endpoint, PlanView, PodActionReply, PodStatus, ServiceStatus, Single,
};

/// `GET /v1/health` in either generation (contract §2.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// The HTTP status, which is the health code in both generations.
    pub code: u16,
    /// What the code means.
    pub meaning: String,
    /// Upstream's `reasons` (with `?verbose=true`); empty for the fork.
    pub reasons: Vec<String>,
    /// Which API generation answered: `fork` (plain text) or `upstream` (JSON).
    pub generation: &'static str,
}

impl Health {
    /// Reads a health reply: upstream answers JSON `{"value": code, "reasons": [...]}`, the fork a
    /// text reason phrase. The HTTP status carries the code in both.
    pub fn parse(status: u16, body: &[u8]) -> Health {
        #[derive(Deserialize)]
        struct Upstream {
            value: u16,
            #[serde(default)]
            reasons: Vec<String>,
        }
        if let Ok(up) = serde_json::from_slice::<Upstream>(body) {
            return Health {
                code: up.value,
                meaning: upstream_health_meaning(up.value).to_string(),
                reasons: up.reasons,
                generation: "upstream",
            };
        }
        let meaning = match status {
            200 => "OK: deploy and recovery plans complete".to_string(),
            202 => "Accepted: deploy or recovery plan in progress".to_string(),
            417 => "Expectation Failed: deploy or recovery plan has errors".to_string(),
            // Not a fork health code: the reason phrase is all there is to say.
            _ => String::from_utf8_lossy(body).trim().to_string(),
        };
        Health {
            code: status,
            meaning,
            reasons: Vec::new(),
            generation: "fork",
        }
    }

    /// True when the service is fully deployed and not recovering.
    pub fn is_healthy(&self) -> bool {
        self.code == 200
    }
}

fn upstream_health_meaning(code: u16) -> &'static str {
    match code {
        500 => "ERROR_CREATING_SERVICE: a plan has errors",
        318 => "INITIALIZING: no framework ID yet",
        204 => "DEPLOYING_PENDING: deploy plan pending",
        202 => "DEPLOYING: deploy plan starting",
        208 => "DELAYED: a deploy or recovery step is backing off",
        207 => "DEPLOYING_WAITING_USER: deploy plan interrupted",
        203 => "RECOVERING_PENDING: recovery plan pending",
        205 => "RECOVERING: recovery plan starting",
        200 => "RUNNING: deploy plan complete",
        321 => "RESTORING: a restore plan is running",
        320 => "BACKING_UP: a backup plan is running",
        503 => "UNKNOWN: no rule matched",
        _ => "unknown health code",
    }
}

// ---------------------------------------------------------------------------------------------------------
// Plan parameters
// ---------------------------------------------------------------------------------------------------------

/// A `-p KEY=VALUE` argument that cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error(
        "plan parameter {0:?} has no '=': write it as KEY=VALUE, e.g. -p SNAPSHOT_NAME=nightly"
    )]
    MissingEquals(String),
    #[error(
        "plan parameter {arg:?}: {key:?} is not a valid environment variable name \
         (letters, digits and '_', not starting with a digit)"
    )]
    BadKey { arg: String, key: String },
}

/// Parses `-p KEY=VALUE` arguments into the `start` body, split on the first `=` as the Go CLI does.
///
/// Keys are checked here rather than by the scheduler because the parameters become environment variables
/// of the plan's tasks, and the scheduler's 400 would arrive only after a round trip. A later duplicate
/// key wins; the map is sorted, which makes the body identical to the Go CLI's (`json.Marshal` of a map).
pub fn parse_plan_params<S: AsRef<str>>(
    args: &[S],
) -> Result<BTreeMap<String, String>, ParamError> {
    let mut out = BTreeMap::new();
    for arg in args {
        let arg = arg.as_ref();
        let (key, value) = arg
            .split_once('=')
            .ok_or_else(|| ParamError::MissingEquals(arg.to_string()))?;
        if !is_env_name(key) {
            return Err(ParamError::BadKey {
                arg: arg.to_string(),
                key: key.to_string(),
            });
        }
        out.insert(key.to_string(), value.to_string());
    }
    Ok(out)
}

/// `[A-Za-z_][A-Za-z0-9_]*`, the rule the scheduler applies to plan parameter keys.
use crate::api::sdk::is_env_name;

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

/// What a request addressed, which decides what a 404 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotFoundScope<'a> {
    /// Something every scheduler has (`/plans`, `/pod`, `/endpoints`...): a 404 means the service is missing.
    Service,
    /// A plan, phase or step.
    Plan,
    /// A named item of the given kind ("pod", "endpoint", "configuration", "property").
    Item(&'static str, &'a str),
}

/// A failed scheduler call, worded as the Go CLI words it where it has a wording (contract §2.8).
#[derive(Debug, thiserror::Error)]
pub enum SdkError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error(
        "service name {0:?} is not valid: use the Marathon app id, e.g. --name cassandra or --name /prod/cassandra"
    )]
    BadServiceName(String),
    #[error("Plan, phase, and/or step does not exist.")]
    PlanElementNotFound { url: String, detail: String },
    #[error("Cannot execute command. Command has already been issued or the plan has completed.")]
    AlreadyReported,
    #[error("{kind} {name:?} does not exist in service {service:?} ({method} {url} answered 404)")]
    NotFound {
        kind: &'static str,
        name: String,
        service: String,
        method: String,
        url: String,
    },
    #[error(
        "service {service:?} was not found ({method} {url} answered 404{}): check the name passed with \
         --name; was the service recently installed? It may still be initializing",
        detail_suffix(.detail)
    )]
    ServiceNotFound {
        service: String,
        method: String,
        url: String,
        detail: String,
    },
    #[error(
        "Could not reach the service scheduler with name {service:?} ({method} {url} answered {status}): \
         was it recently installed or updated? It may still be initializing, wait a bit and try again"
    )]
    Unavailable {
        service: String,
        method: String,
        url: String,
        status: u16,
    },
    #[error("{method} {url} failed with HTTP {status}{}", detail_suffix(.detail))]
    Failed {
        method: String,
        url: String,
        status: u16,
        detail: String,
    },
    #[error("{method} {url} answered HTTP {status} with {found} where {expected} was expected{}", detail_suffix(.snippet))]
    Malformed {
        method: String,
        url: String,
        status: u16,
        expected: &'static str,
        found: String,
        snippet: String,
    },
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

impl SdkError {
    /// True for failures that go away by themselves while a scheduler restarts (used by `plan wait`).
    pub fn is_transient(&self) -> bool {
        matches!(self, SdkError::Unavailable { .. })
    }
}

/// True when a body is an HTML page: Admin Router's and proxies' error and login pages, never the
/// scheduler's (custom endpoints may be XML, so a leading `<` alone proves nothing).
fn is_html(resp: &Response) -> bool {
    if resp
        .content_type()
        .is_some_and(|c| c.to_ascii_lowercase().contains("html"))
    {
        return true;
    }
    let start = resp
        .body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(resp.body.len());
    let head = String::from_utf8_lossy(&resp.body[start..resp.body.len().min(start + 15)])
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// A body worth quoting in an error: empty for empty bodies and HTML pages (their markup says nothing).
fn detail_of(resp: &Response) -> String {
    if resp.body.iter().all(u8::is_ascii_whitespace) || is_html(resp) {
        String::new()
    } else {
        resp.snippet()
    }
}

/// True for the scheduler's own not-found answers in either generation: the fork's `Element not found`,
/// upstream's `<Kind> <name> not found`, or an empty body (endpoints, configurations, properties). Anything
/// else on a 404 (an HTML page, another text) came from whatever sits in front of the scheduler.
fn is_scheduler_not_found(resp: &Response) -> bool {
    let text = resp.text();
    let text = text.trim();
    text.is_empty()
        || text == "Element not found"
        || [
            "Plan ",
            "Phase ",
            "Step ",
            "Pod ",
            "Endpoint ",
            "Configuration ",
            "Property ",
        ]
        .iter()
        .any(|p| text.starts_with(p) && text.ends_with(" not found"))
}

/// Judges a reply's status code. `ok` lists the codes that carry a usable body (usually just 200).
///
/// `method` is the request's, for the message (a [`Response`] does not carry it).
pub fn check_status(
    method: &str,
    resp: &Response,
    ok: &[u16],
    scope: NotFoundScope<'_>,
    service: &str,
) -> Result<(), SdkError> {
    let status = resp.status;
    if ok.contains(&status) {
        return Ok(());
    }
    let method = method.to_string();
    let url = resp.url.clone();
    match status {
        208 if scope == NotFoundScope::Plan => Err(SdkError::AlreadyReported),
        404 => {
            let from_scheduler = !is_html(resp) && is_scheduler_not_found(resp);
            match scope {
                // An empty 404 on a plan is no scheduler's answer (both generations send a text).
                NotFoundScope::Plan if from_scheduler && !resp.body.is_empty() => {
                    Err(SdkError::PlanElementNotFound {
                        url,
                        detail: resp.snippet(),
                    })
                }
                NotFoundScope::Item(kind, name) if from_scheduler => Err(SdkError::NotFound {
                    kind,
                    name: name.to_string(),
                    service: service.to_string(),
                    method,
                    url,
                }),
                _ => Err(SdkError::ServiceNotFound {
                    service: service.to_string(),
                    method,
                    url,
                    detail: detail_of(resp),
                }),
            }
        }
        500 | 502 | 503 | 504 => Err(SdkError::Unavailable {
            service: service.to_string(),
            method,
            url,
            status,
        }),
        _ => Err(SdkError::Failed {
            method,
            url,
            status,
            detail: detail_of(resp),
        }),
    }
}

/// Decodes a JSON body, turning HTML, empty and malformed bodies into one clear [`SdkError::Malformed`].
pub fn decode<T: DeserializeOwned>(
    method: &str,
    resp: &Response,
    expected: &'static str,
) -> Result<T, SdkError> {
    let malformed = |found: String| SdkError::Malformed {
        method: method.to_string(),
        url: resp.url.clone(),
        status: resp.status,
        expected,
        found,
        snippet: detail_of(resp),
    };
    if resp.body.iter().all(u8::is_ascii_whitespace) {
        return Err(malformed("an empty body".to_string()));
    }
    if is_html(resp) {
        return Err(malformed("an HTML page".to_string()));
    }
    let de = &mut serde_json::Deserializer::from_slice(&resp.body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            malformed(format!("invalid JSON ({inner})"))
        } else {
            malformed(format!("invalid JSON at {path} ({inner})"))
        }
    })
}

// ---------------------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------------------

/// A decoded reply and the bytes it came from.
#[derive(Debug, Clone)]
pub struct Reply<T> {
    pub value: T,
    /// The HTTP status (for `GET /plans/<plan>`: 200 complete, 202 in progress, 417 errors).
    pub status: u16,
    /// The body as the scheduler sent it; the Go-compatible output re-indents these bytes.
    pub body: Vec<u8>,
}

/// A client for one service's scheduler. Cheap to clone.
#[derive(Clone)]
pub struct SdkClient {
    http: HttpClient,
    service: String,
    /// The service's path segments (`/prod/cassandra` → `["prod", "cassandra"]`).
    segments: Vec<String>,
}

impl SdkClient {
    /// A client for the service named `service` (a Marathon app id; folders such as `/prod/cassandra`
    /// are allowed) behind `http`'s cluster.
    pub fn new(http: HttpClient, service: &str) -> Result<Self, SdkError> {
        Ok(SdkClient {
            http,
            service: service.to_string(),
            segments: service_segments(service)?,
        })
    }

    /// The service name as given.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The request path, relative to the cluster URL, of `v1/<rel...>` on this service; each element of
    /// `rel` is one path segment and is percent-encoded (pod and endpoint names may hold any character).
    pub fn path(&self, rel: &[&str]) -> String {
        service_path(&self.segments, rel)
    }

    async fn call(
        &self,
        req: Req,
        ok: &[u16],
        scope: NotFoundScope<'_>,
    ) -> Result<Answer, SdkError> {
        let method = req.method().to_string();
        let resp = self.http.send(req).await?;
        let answer = Answer { method, resp };
        check_status(&answer.method, &answer.resp, ok, scope, &self.service)?;
        Ok(answer)
    }

    async fn json<T: DeserializeOwned>(
        &self,
        req: Req,
        ok: &[u16],
        scope: NotFoundScope<'_>,
        expected: &'static str,
    ) -> Result<Reply<T>, SdkError> {
        let answer = self.call(req, ok, scope).await?;
        let value = decode(&answer.method, &answer.resp, expected)?;
        Ok(answer.reply(value))
    }

    /// `GET /v1/plans`: the plan names.
    pub async fn plans(&self) -> Result<Reply<Vec<String>>, SdkError> {
        let req = Req::get(self.path(&["plans"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Service,
            "a JSON list of plan names",
        )
        .await
    }

    /// `GET /v1/plans/<plan>`. 202 (in progress) and 417 (errors) carry the plan too and are not errors.
    pub async fn plan(&self, plan: &str) -> Result<Reply<PlanView>, SdkError> {
        let req = Req::get(self.path(&["plans", plan]));
        self.json(req, &[200, 202, 417], NotFoundScope::Plan, "a plan object")
            .await
    }

    /// `POST /v1/plans/<plan>/start` with the parameters as a JSON object (`{}` without any).
    pub async fn start_plan(
        &self,
        plan: &str,
        params: &BTreeMap<String, String>,
    ) -> Result<Reply<CommandReply>, SdkError> {
        let req = Req::post(self.path(&["plans", plan, "start"])).json(params);
        self.json(req, &[200], NotFoundScope::Plan, "a command reply")
            .await
    }

    /// `POST /v1/plans/<plan>/stop`: pauses the plan and resets every step to PENDING.
    pub async fn stop_plan(&self, plan: &str) -> Result<Reply<CommandReply>, SdkError> {
        let req = Req::post(self.path(&["plans", plan, "stop"]));
        self.json(req, &[200], NotFoundScope::Plan, "a command reply")
            .await
    }

    /// `POST /v1/plans/<plan>/interrupt[?phase=]` (the CLI's `pause`).
    pub async fn interrupt(
        &self,
        plan: &str,
        phase: Option<&str>,
    ) -> Result<Reply<CommandReply>, SdkError> {
        self.plan_action(plan, "interrupt", phase, None).await
    }

    /// `POST /v1/plans/<plan>/continue[?phase=]` (the CLI's `resume`).
    pub async fn proceed(
        &self,
        plan: &str,
        phase: Option<&str>,
    ) -> Result<Reply<CommandReply>, SdkError> {
        self.plan_action(plan, "continue", phase, None).await
    }

    /// `POST /v1/plans/<plan>/restart[?phase=&step=]` (the CLI's `force-restart`).
    pub async fn restart(
        &self,
        plan: &str,
        phase: Option<&str>,
        step: Option<&str>,
    ) -> Result<Reply<CommandReply>, SdkError> {
        self.plan_action(plan, "restart", phase, step).await
    }

    /// `POST /v1/plans/<plan>/forceComplete?phase=&step=` (the CLI's `force-complete`).
    pub async fn force_complete(
        &self,
        plan: &str,
        phase: Option<&str>,
        step: Option<&str>,
    ) -> Result<Reply<CommandReply>, SdkError> {
        self.plan_action(plan, "forceComplete", phase, step).await
    }

    async fn plan_action(
        &self,
        plan: &str,
        action: &str,
        phase: Option<&str>,
        step: Option<&str>,
    ) -> Result<Reply<CommandReply>, SdkError> {
        // Query keys in the Go CLI's order (url.Values.Encode sorts them): phase, then step.
        let mut req = Req::post(self.path(&["plans", plan, action]));
        if let Some(phase) = phase.filter(|p| !p.is_empty()) {
            req = req.query("phase", phase);
        }
        if let Some(step) = step.filter(|s| !s.is_empty()) {
            req = req.query("step", step);
        }
        self.json(req, &[200], NotFoundScope::Plan, "a command reply")
            .await
    }

    /// `GET /v1/pod`: the pod instance names.
    pub async fn pods(&self) -> Result<Reply<Vec<String>>, SdkError> {
        let req = Req::get(self.path(&["pod"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Service,
            "a JSON list of pod names",
        )
        .await
    }

    /// `GET /v1/pod/status`: every pod's tasks and their states.
    pub async fn service_status(&self) -> Result<Reply<ServiceStatus>, SdkError> {
        let req = Req::get(self.path(&["pod", "status"]));
        self.json(req, &[200], NotFoundScope::Service, "a pod status object")
            .await
    }

    /// `GET /v1/pod/<pod>/status`.
    pub async fn pod_status(&self, pod: &str) -> Result<Reply<PodStatus>, SdkError> {
        let req = Req::get(self.path(&["pod", pod, "status"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Item("pod", pod),
            "a pod status object",
        )
        .await
    }

    /// `GET /v1/pod/<pod>/info`: Mesos TaskInfo and TaskStatus of each task, as protobuf JSON.
    pub async fn pod_info(&self, pod: &str) -> Result<Reply<serde_json::Value>, SdkError> {
        let req = Req::get(self.path(&["pod", pod, "info"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Item("pod", pod),
            "a pod info list",
        )
        .await
    }

    /// `POST /v1/pod/<pod>/<action>` for restart, replace, pause and resume.
    ///
    /// `tasks` limits pause and resume to some tasks; it is sent as a JSON array only when not empty,
    /// because the scheduler answers 400 to an empty body that claims to be JSON.
    pub async fn pod_action(
        &self,
        pod: &str,
        action: PodCommand,
        tasks: &[String],
    ) -> Result<Reply<PodActionReply>, SdkError> {
        let mut req = Req::post(self.path(&["pod", pod, action.as_path()]));
        if !tasks.is_empty() {
            req = req.json(&tasks);
        }
        self.json(
            req,
            &[200],
            NotFoundScope::Item("pod", pod),
            "a pod command reply",
        )
        .await
    }

    /// `GET /v1/endpoints`: the endpoint names.
    pub async fn endpoints(&self) -> Result<Reply<Vec<String>>, SdkError> {
        let req = Req::get(self.path(&["endpoints"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Service,
            "a JSON list of endpoint names",
        )
        .await
    }

    /// `GET /v1/endpoints/<name>`: JSON addresses, or free text for custom endpoints.
    pub async fn endpoint(&self, name: &str) -> Result<Reply<Endpoint>, SdkError> {
        let req = Req::get(self.path(&["endpoints", name]));
        let answer = self
            .call(req, &[200], NotFoundScope::Item("endpoint", name))
            .await?;
        let is_json = answer
            .resp
            .content_type()
            .is_some_and(|c| c.to_ascii_lowercase().contains("json"));
        let value = if is_json || is_html(&answer.resp) {
            // `decode` turns an HTML page into a clear error rather than printing it as endpoint text.
            Endpoint::Addresses(decode(&answer.method, &answer.resp, "endpoint details")?)
        } else {
            Endpoint::Text(answer.resp.text())
        };
        Ok(answer.reply(value))
    }

    /// `GET /v1/configurations`: the ids of every configuration still referenced.
    pub async fn configurations(&self) -> Result<Reply<Vec<String>>, SdkError> {
        let req = Req::get(self.path(&["configurations"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Service,
            "a JSON list of configuration ids",
        )
        .await
    }

    /// `GET /v1/configurations/<id>`: one ServiceSpec.
    pub async fn configuration(&self, id: &str) -> Result<Reply<serde_json::Value>, SdkError> {
        let req = Req::get(self.path(&["configurations", id]));
        self.json(
            req,
            &[200],
            NotFoundScope::Item("configuration", id),
            "a service spec",
        )
        .await
    }

    /// `GET /v1/configurations/target`: the ServiceSpec the service is converging to.
    pub async fn target_configuration(&self) -> Result<Reply<serde_json::Value>, SdkError> {
        let req = Req::get(self.path(&["configurations", "target"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Item("configuration", "target"),
            "a service spec",
        )
        .await
    }

    /// `GET /v1/configurations/targetId` (a one-element array).
    pub async fn target_id(&self) -> Result<Reply<Single>, SdkError> {
        let req = Req::get(self.path(&["configurations", "targetId"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Item("configuration", "targetId"),
            "a one-element list holding the target configuration id",
        )
        .await
    }

    /// `GET /v1/state/frameworkId` (a one-element array).
    pub async fn framework_id(&self) -> Result<Reply<Single>, SdkError> {
        let req = Req::get(self.path(&["state", "frameworkId"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Item("state entry", "frameworkId"),
            "a one-element list holding the framework id",
        )
        .await
    }

    /// `GET /v1/state/properties`: the property keys.
    pub async fn properties(&self) -> Result<Reply<Vec<String>>, SdkError> {
        let req = Req::get(self.path(&["state", "properties"]));
        self.json(
            req,
            &[200],
            NotFoundScope::Service,
            "a JSON list of property names",
        )
        .await
    }

    /// `GET /v1/state/properties/<name>`: the raw value (usually JSON, but the scheduler does not promise it).
    pub async fn property(&self, name: &str) -> Result<Reply<Vec<u8>>, SdkError> {
        let req = Req::get(self.path(&["state", "properties", name]));
        let answer = self
            .call(req, &[200], NotFoundScope::Item("property", name))
            .await?;
        let value = answer.resp.body.clone();
        Ok(answer.reply(value))
    }

    /// `PUT /v1/state/refresh`: reloads the scheduler's state-store cache (409 when it has none).
    pub async fn refresh_cache(&self) -> Result<Reply<CommandReply>, SdkError> {
        let req = Req::put(self.path(&["state", "refresh"]));
        self.json(req, &[200], NotFoundScope::Service, "a command reply")
            .await
    }

    /// `GET /v1/health[?verbose=true]`; every status is an answer, not an error, because health codes
    /// (202, 208, 417, upstream's 318, 500...) *are* the health.
    pub async fn health(&self) -> Result<Reply<Health>, SdkError> {
        let req = Req::get(self.path(&["health"])).query("verbose", "true");
        let method = req.method().to_string();
        let answer = Answer {
            method,
            resp: self.http.send(req).await?,
        };
        let resp = &answer.resp;
        // Admin Router's own pages mean the scheduler was not reached: that is not a health code.
        if resp.status == 404 || (matches!(resp.status, 502..=504) && is_html(resp)) {
            check_status(
                &answer.method,
                resp,
                &[],
                NotFoundScope::Service,
                &self.service,
            )?;
        }
        let value = Health::parse(resp.status, &resp.body);
        Ok(answer.reply(value))
    }
}

/// The pod commands that answer with [`PodActionReply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodCommand {
    /// Kill and relaunch in place (TRANSIENT recovery).
    Restart,
    /// Kill and relaunch with fresh resources (PERMANENT recovery).
    Replace,
    /// Relaunch with the commands replaced by a sleep, for debugging.
    Pause,
    /// Undo `Pause`.
    Resume,
}

impl PodCommand {
    fn as_path(self) -> &'static str {
        match self {
            PodCommand::Restart => "restart",
            PodCommand::Replace => "replace",
            PodCommand::Pause => "pause",
            PodCommand::Resume => "resume",
        }
    }
}

/// A response together with the method that produced it (for error messages).
struct Answer {
    method: String,
    resp: Response,
}

impl Answer {
    fn reply<T>(self, value: T) -> Reply<T> {
        Reply {
            value,
            status: self.resp.status,
            body: self.resp.body,
        }
    }
}

/// Splits a service name into path segments, as Go's `path.Join("service", name, ...)` would place it.
fn service_segments(service: &str) -> Result<Vec<String>, SdkError> {
    let segments: Vec<String> = service
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if segments.is_empty() || segments.iter().any(|s| s == "." || s == "..") {
        return Err(SdkError::BadServiceName(service.to_string()));
    }
    Ok(segments)
}

/// `/service/<segments>/v1/<rel>`, each segment percent-encoded by the `url` crate's path rules.
fn service_path(segments: &[String], rel: &[&str]) -> String {
    let mut url = match url::Url::parse("http://localhost/") {
        Ok(u) => u,
        Err(_) => unreachable!("a constant URL parses"),
    };
    if let Ok(mut path) = url.path_segments_mut() {
        path.push("service");
        path.extend(segments);
        path.push("v1");
        path.extend(rel);
    }
    url.path().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, content_type: Option<&str>, body: &[u8]) -> Response {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(reqwest::header::CONTENT_TYPE, ct.parse().unwrap());
        }
        Response {
            status,
            headers,
            body: body.to_vec(),
            url: "http://c/service/hello/v1/plans/deploy/interrupt".into(),
        }
    }

    fn check(r: Response, scope: NotFoundScope<'_>, service: &str) -> SdkError {
        check_status("POST", &r, &[200], scope, service).unwrap_err()
    }

    #[test]
    fn paths_follow_path_join_and_encode_segments() {
        let seg = service_segments("/prod/cassandra/").unwrap();
        assert_eq!(
            service_path(&seg, &["plans", "deploy"]),
            "/service/prod/cassandra/v1/plans/deploy"
        );
        let seg = service_segments("hello").unwrap();
        assert_eq!(
            service_path(&seg, &["endpoints", "a b/c?"]),
            "/service/hello/v1/endpoints/a%20b%2Fc%3F"
        );
        assert!(service_segments("/").is_err());
        assert!(service_segments("a/../b").is_err());
    }

    #[test]
    fn params_split_on_first_equals_and_validate_keys() {
        let p = parse_plan_params(&["A=1", "B_2=x=y", "A=3", "_C="]).unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"A":"3","B_2":"x=y","_C":""}"#
        );
        assert_eq!(
            parse_plan_params(&["novalue"]),
            Err(ParamError::MissingEquals("novalue".into()))
        );
        assert!(matches!(
            parse_plan_params(&["1A=x"]),
            Err(ParamError::BadKey { .. })
        ));
        assert!(matches!(
            parse_plan_params(&["=x"]),
            Err(ParamError::BadKey { .. })
        ));
        assert!(matches!(
            parse_plan_params(&["A-B=x"]),
            Err(ParamError::BadKey { .. })
        ));
    }

    #[test]
    fn plan_404_texts_of_both_generations() {
        for body in [
            &b"Element not found"[..],
            b"Plan foo not found",
            b"Phase x not found",
            b"Step y not found",
        ] {
            let e = check(
                resp(404, Some("text/plain"), body),
                NotFoundScope::Plan,
                "hello",
            );
            assert_eq!(e.to_string(), "Plan, phase, and/or step does not exist.");
        }
        let e = check(
            resp(404, Some("text/html"), b"<html>404 Not Found</html>"),
            NotFoundScope::Plan,
            "hello",
        );
        assert!(matches!(e, SdkError::ServiceNotFound { .. }), "{e}");
    }

    #[test]
    fn a_404_not_from_the_scheduler_means_the_service_is_missing() {
        let e = check(
            resp(
                404,
                Some("text/plain"),
                b"no service named x is running here",
            ),
            NotFoundScope::Item("pod", "node-0"),
            "x",
        );
        assert!(matches!(e, SdkError::ServiceNotFound { .. }), "{e}");
        assert!(
            e.to_string().contains("no service named x is running here"),
            "{e}"
        );
        let e = check(
            resp(404, None, b""),
            NotFoundScope::Item("endpoint", "e"),
            "x",
        );
        assert!(matches!(e, SdkError::NotFound { .. }), "{e}");
        let e = check(resp(404, None, b""), NotFoundScope::Plan, "x");
        assert!(matches!(e, SdkError::ServiceNotFound { .. }), "{e}");
    }

    #[test]
    fn already_reported_only_for_plans() {
        let e = check(
            resp(
                208,
                Some("text/plain"),
                b"Command has already been reported or completed",
            ),
            NotFoundScope::Plan,
            "s",
        );
        assert_eq!(
            e.to_string(),
            "Cannot execute command. Command has already been issued or the plan has completed."
        );
        let e = check(resp(208, None, b""), NotFoundScope::Service, "s");
        assert!(matches!(e, SdkError::Failed { status: 208, .. }));
    }

    #[test]
    fn pod_404_and_server_errors() {
        let e = check(
            resp(404, Some("text/plain"), b"Pod node-9 not found"),
            NotFoundScope::Item("pod", "node-9"),
            "cass",
        );
        assert!(
            e.to_string()
                .starts_with("pod \"node-9\" does not exist in service \"cass\""),
            "{e}"
        );
        let e = check(resp(500, None, b""), NotFoundScope::Service, "cass");
        assert!(
            e.to_string()
                .starts_with("Could not reach the service scheduler with name \"cass\"")
        );
        assert!(e.is_transient());
        let e = check(
            resp(400, Some("text/plain"), b"Missing phase"),
            NotFoundScope::Plan,
            "s",
        );
        assert!(
            e.to_string()
                .ends_with("failed with HTTP 400: Missing phase"),
            "{e}"
        );
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn decode_rejects_html_empty_and_wrong_shapes() {
        let e = decode::<PlanView>(
            "GET",
            &resp(200, Some("text/html"), b"<html><body>login</body></html>"),
            "a plan object",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("with an HTML page where a plan object was expected"),
            "{e}"
        );
        let e = decode::<PlanView>(
            "GET",
            &resp(200, Some("application/json"), b""),
            "a plan object",
        )
        .unwrap_err();
        assert!(e.to_string().contains("an empty body"), "{e}");
        let e = decode::<PlanView>(
            "GET",
            &resp(200, Some("application/json"), br#"{"phases": 3}"#),
            "a plan object",
        )
        .unwrap_err();
        assert!(e.to_string().contains("invalid JSON at phases"), "{e}");
    }

    #[test]
    fn xml_endpoints_are_not_mistaken_for_html() {
        assert!(!is_html(&resp(
            200,
            Some("text/plain"),
            b"<?xml version=\"1.0\"?><configuration/>"
        )));
        assert!(is_html(&resp(200, None, b"  <!DOCTYPE html><html></html>")));
        assert!(is_html(&resp(200, Some("text/html;charset=utf-8"), b"x")));
    }

    #[test]
    fn single_values_accept_arrays_and_bare_strings() {
        let s: Single = serde_json::from_str(r#"["abc"]"#).unwrap();
        assert_eq!(s.0, "abc");
        let s: Single = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(s.0, "abc");
        assert!(serde_json::from_str::<Single>(r#"["a","b"]"#).is_err());
        assert!(serde_json::from_str::<Single>("[]").is_err());
    }

    #[test]
    fn pod_status_without_pods_or_task_status() {
        let s: ServiceStatus = serde_json::from_str(r#"{"service":"hello"}"#).unwrap();
        assert!(s.pods.is_empty());
        let p: PodStatus =
            serde_json::from_str(r#"{"name":"n-0","tasks":[{"id":"x","name":"n-0-t"}]}"#).unwrap();
        assert_eq!(p.tasks[0].status, None);
    }

    #[test]
    fn health_of_both_generations() {
        let h = Health::parse(202, b"Accepted");
        assert_eq!((h.code, h.generation, h.is_healthy()), (202, "fork", false));
        let h = Health::parse(208, br#"{"value":208,"reasons":["node-0 DELAYED"]}"#);
        assert_eq!(h.generation, "upstream");
        assert!(h.meaning.starts_with("DELAYED"));
        assert_eq!(h.reasons, vec!["node-0 DELAYED"]);
        assert!(Health::parse(200, b"OK").is_healthy());
    }

    #[test]
    fn delayed_and_paused_statuses_are_kept() {
        let p: PlanView = serde_json::from_str(
            r#"{"phases":[{"name":"p","steps":[{"name":"s","status":"DELAYED"},{"name":"t","status":"PAUSED"}]}],"status":"IN_PROGRESS"}"#,
        )
        .unwrap();
        assert_eq!(p.phases[0].steps[0].status.as_deref(), Some("DELAYED"));
        assert_eq!(p.phases[0].completed_steps(), 0);
        assert!(!p.is_complete() && !p.has_failed());
    }
}
