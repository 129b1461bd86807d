//! Issue 7, "one test suite, two targets": the client scenarios of issues 2 and 4 written once and run both
//! against the scripted DC/OS mock and against a real `pxfw server --local-agents 3` serving the example
//! repository. Each scenario states the requests its commands must send (method, path, Content-Type,
//! Accept, Authorization, body) and the exit codes and output they must produce; on the mock the requests
//! are the script, on the server they are checked on the traffic a recording proxy saw (see
//! `support::target`), and the output assertions are the same on both.

use crate::support::mock::Expect;
use crate::support::target::{ExampleRepo, MOCK_TOKEN, PASSWORD, Target, USER};
use crate::support::{Pxfw, Run};
use serde_json::{Value, json};

const PKG: &str = "hello-stateful";
const VERSION: &str = "1.0.0-1";
const ERROR_MT: &str = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

fn mt(ns: &str, kind: &str, v: &str) -> String {
    format!("application/vnd.dcos.{ns}.{kind}+json;charset=utf-8;version={v}")
}

/// One Cosmos package RPC with its exact media types and the target's token.
fn cosmos(t: &Target, path: &str, kind: &str, resp_version: &str) -> Expect {
    Expect::post(path)
        .cosmos(
            &mt("package", &format!("{kind}-request"), "v1"),
            &mt("package", &format!("{kind}-response"), resp_version),
        )
        .token(&t.token())
}

fn service_rpc(t: &Target, kind: &str) -> Expect {
    Expect::post(&format!("/cosmos/service/{kind}"))
        .cosmos(
            &mt("service", &format!("{kind}-request"), "v1"),
            &mt("service", &format!("{kind}-response"), "v1"),
        )
        .token(&t.token())
}

fn scheduler(t: &Target, rel: &str) -> Expect {
    Expect::get(&format!("/service/{PKG}/v1/{rel}")).token(&t.token())
}

/// A deploy plan as the SDK scheduler reports it.
fn plan(status: &str, pods: usize) -> Value {
    json!({"phases": [{"id": "p1", "name": "hello", "strategy": "serial", "status": status,
        "steps": (0..pods).map(|i| json!({"id": format!("s{i}"), "name": format!("hello-{i}:[server]"), "status": status, "message": ""})).collect::<Vec<_>>()}],
        "errors": [], "status": status, "strategy": "serial"})
}

/// Fails with both streams (and the server log tail) unless the run exited with `code`.
fn code(t: &Target, r: Run, code: i32) -> Run {
    assert_eq!(
        r.code,
        code,
        "[{}] exit code\n--- stdout:\n{}\n--- stderr:\n{}\n--- server log (tail):\n{}",
        t.name(),
        r.stdout,
        r.stderr,
        t.log_tail()
    );
    r
}

fn contains(t: &Target, text: &str, want: &str) {
    assert!(
        text.contains(want),
        "[{}] want {want:?} in:\n{text}",
        t.name()
    );
}

/// Everything a scenario needs beyond the target: the example repository and a pxfw runner.
struct Ctx {
    repo: ExampleRepo,
    px: Pxfw,
}

// ---------------------------------------------------------------- scenarios

/// `cluster setup` then `auth login`: a wrong password is refused with the IAM message and changes nothing;
/// the right one stores the token in dcos.toml (0600, no keyring) and later calls present it.
fn setup_and_login(t: &Target) {
    let mut px = Pxfw::new();
    let url = t.url();
    let r = t.step(
        vec![
            Expect::get("/metadata")
                .no_header("authorization")
                .reply_json(json!({"CLUSTER_ID": "c-two-targets", "PUBLIC_IPV4": "127.0.0.1"})),
            Expect::get("/dcos-metadata/dcos-version.json").reply_json(
                json!({"version": "1.12.4", "dcos-variant": "open", "dcos-image-commit": "x", "bootstrap-id": "y"}),
            ),
        ],
        || px.run(&["cluster", "setup", &url, "--name", "two"]),
    );
    let r = code(t, r, 0);
    contains(t, &r.stdout, "Cluster two (");
    let clusters = px.dcos_dir().join("clusters");
    let cfg = std::fs::read_dir(&clusters)
        .expect("clusters dir")
        .flatten()
        .map(|e| e.path().join("dcos.toml"))
        .find(|p| p.exists())
        .expect("a dcos.toml");
    let before = std::fs::read(&cfg).unwrap();

    let login = |pw: &str| {
        Expect::post("/acs/api/v1/auth/login")
            .header("content-type", "application/json")
            .no_header("authorization")
            .json_body(json!({"uid": USER, "password": pw}))
    };
    px.env("WRONG_PW", "nope");
    let r = t.step(
        vec![login("nope").status(401).reply_json(json!({
            "title": "Invalid credentials",
            "description": "The login credentials are invalid.",
            "code": "ERR_INVALID_CREDENTIALS"}))],
        || {
            px.run(&[
                "auth",
                "login",
                "--username",
                USER,
                "--password-env",
                "WRONG_PW",
            ])
        },
    );
    let r = code(t, r, 1);
    contains(t, &r.stderr, "login refused");
    contains(t, &r.stderr, "Check the user id and password");
    assert_eq!(
        before,
        std::fs::read(&cfg).unwrap(),
        "a refused login changes nothing"
    );

    px.env("PW", PASSWORD);
    let r = t.step(
        vec![login(PASSWORD).reply_json(json!({"token": MOCK_TOKEN}))],
        || px.run(&["auth", "login", "--username", USER, "--password-env", "PW"]),
    );
    let r = code(t, r, 0);
    contains(t, &r.stdout, &format!("Logged in to two as {USER}"));
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&cfg).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let stored: toml::Table = toml::from_str(&std::fs::read_to_string(&cfg).unwrap()).unwrap();
    let token = stored["core"]["dcos_acs_token"]
        .as_str()
        .expect("core.dcos_acs_token")
        .to_string();
    assert!(!token.is_empty());
    assert!(!r.stdout.contains(&token) && !r.stderr.contains(&token));

    // The stored token is what the next call presents.
    let r = t.step(
        vec![
            Expect::post("/package/repository/list")
                .token(&token)
                .json_body(json!({}))
                .reply_json(json!({"repositories": []})),
        ],
        || px.run(&["repo", "list", "--json"]),
    );
    let r = code(t, r, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap(),
        json!({"repositories": []})
    );
}

/// `repo add` (zip form appended, JSON form at index 0), `repo list`, the duplicate refusal, `repo remove`.
fn repositories(t: &Target, c: &Ctx) {
    let json_uri = ExampleRepo::uri(&c.repo.json);
    let zip_uri = ExampleRepo::uri(&c.repo.zip);
    let zip_repo = json!({"name": "examples-zip", "uri": zip_uri});
    let json_repo = json!({"name": "examples", "uri": json_uri});
    let both = json!({"repositories": [json_repo.clone(), zip_repo.clone()]});

    let r = t.step(
        vec![
            cosmos(t, "/package/repository/add", "repository.add", "v1")
                .json_body(json!({"name": "examples-zip", "uri": zip_uri}))
                .reply_json(json!({"repositories": [zip_repo.clone()]})),
        ],
        || c.px.run(&["repo", "add", "examples-zip", &zip_uri]),
    );
    code(t, r, 0);
    let r = t.step(
        vec![
            cosmos(t, "/package/repository/add", "repository.add", "v1")
                .json_body(json!({"name": "examples", "uri": json_uri, "index": 0}))
                .reply_json(both.clone()),
        ],
        || {
            c.px.run(&["repo", "add", "examples", &json_uri, "--index", "0"])
        },
    );
    let r = code(t, r, 0);
    contains(t, r.stdout.lines().nth(1).unwrap_or_default(), "examples");

    let list =
        || cosmos(t, "/package/repository/list", "repository.list", "v1").json_body(json!({}));
    let r = t.step(vec![list().reply_json(both.clone())], || {
        c.px.run(&["repo", "list", "--json"])
    });
    let r = code(t, r, 0);
    assert_eq!(serde_json::from_str::<Value>(&r.stdout).unwrap(), both);

    let r = t.step(
        vec![
            cosmos(t, "/package/repository/add", "repository.add", "v1")
                .json_body(json!({"name": "examples", "uri": json_uri}))
                .cosmos_error(
                    400,
                    format!(
                        r#"{{"type":"RepositoryAlreadyPresent","message":"Repository name [examples] and URI [{json_uri}] are already present in the list","data":{{"name":"examples","uri":"{json_uri}"}}}}"#
                    )
                    .as_bytes(),
                ),
        ],
        || c.px.run(&["repo", "add", "examples", &json_uri]),
    );
    let r = code(t, r, 1);
    contains(t, &r.stderr, "already present");
    contains(t, &r.stderr, "remove the old one");

    let r = t.step(
        vec![
            cosmos(t, "/package/repository/delete", "repository.delete", "v1")
                .json_body(json!({"name": "examples-zip"}))
                .reply_json(json!({"repositories": [json_repo.clone()]})),
        ],
        || c.px.run(&["repo", "remove", "examples-zip"]),
    );
    let r = code(t, r, 0);
    contains(t, &r.stdout, "Removed repository examples-zip.");
    let r = t.step(
        vec![list().reply_json(json!({"repositories": [json_repo.clone()]}))],
        || c.px.run(&["repo", "list", "--json"]),
    );
    let r = code(t, r, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap(),
        json!({"repositories": [json_repo]})
    );
}

/// `search` and `describe --config` answer from the example repository.
fn search_and_describe(t: &Target, c: &Ctx) {
    let pkg = c.repo.package();
    let r = t.step(
        vec![
            cosmos(t, "/package/search", "search", "v1")
                .json_body(json!({"query": "stateful"}))
                .reply_json(json!({"packages": [{
                    "name": PKG, "currentVersion": VERSION, "versions": {VERSION: "0"},
                    "description": pkg["description"], "framework": true, "tags": pkg["tags"],
                    "selected": false, "images": {}}]})),
        ],
        || c.px.run(&["search", "stateful"]),
    );
    let r = code(t, r, 0);
    contains(t, &r.stdout, PKG);
    contains(t, &r.stdout, VERSION);

    let r = t.step(
        vec![
            cosmos(t, "/package/describe", "describe", "v3")
                .json_body(json!({"packageName": PKG}))
                .reply_json(json!({"package": pkg.clone()})),
        ],
        || c.px.run(&["describe", PKG, "--config"]),
    );
    let r = code(t, r, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap(),
        pkg["config"],
        "[{}] describe --config prints the package's config schema",
        t.name()
    );
}

fn describe_pkg(t: &Target, c: &Ctx) -> Expect {
    cosmos(t, "/package/describe", "describe", "v3")
        .json_body(json!({"packageName": PKG}))
        .reply_json(json!({"package": c.repo.package()}))
}

/// `install --options --set --yes --wait`: the version is pinned, options merged, the deploy plan awaited.
fn install(t: &Target, c: &Ctx) {
    let opts = c.repo.dir.path().join("options.json");
    std::fs::write(
        &opts,
        r#"{"hello": {"greeting": "hello from two targets", "count": 1}}"#,
    )
    .unwrap();
    let r = t.step(
        vec![
            describe_pkg(t, c),
            cosmos(t, "/package/install", "install", "v2")
                .json_body(json!({"packageName": PKG, "packageVersion": VERSION,
                    "options": {"hello": {"count": 2, "greeting": "hello from two targets"}}}))
                .reply_json(json!({"packageName": PKG, "packageVersion": VERSION, "appId": format!("/{PKG}"),
                    "postInstallNotes": c.repo.package()["postInstallNotes"]})),
            scheduler(t, "plans/deploy")
                .status(202)
                .reply_json(plan("IN_PROGRESS", 2)),
            scheduler(t, "plans/deploy").reply_json(plan("COMPLETE", 2)),
        ],
        || {
            c.px.run(&[
                "install",
                PKG,
                "--options",
                opts.to_str().unwrap(),
                "--set",
                "hello.count=2",
                "--yes",
                "--wait",
                "--timeout",
                "3m",
            ])
        },
    );
    let r = code(t, r, 0);
    contains(
        t,
        &r.stderr,
        &format!("Installing Marathon app for package [{PKG}] version [{VERSION}]"),
    );
    contains(
        t,
        &r.stdout,
        &format!("Service {PKG} is deployed: its deploy plan is COMPLETE."),
    );
}

/// A second install under the same name is refused with Cosmos' "already installed".
fn install_existing(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![
            describe_pkg(t, c),
            cosmos(t, "/package/install", "install", "v2")
                .json_body(json!({"packageName": PKG, "packageVersion": VERSION}))
                .cosmos_error(
                    409,
                    br#"{"type":"PackageAlreadyInstalled","message":"Package is already installed","data":{}}"#,
                ),
        ],
        || c.px.run(&["install", PKG, "--yes"]),
    );
    let r = code(t, r, 1);
    contains(t, &r.stderr, "already installed");
    contains(t, &r.stderr, "--name");
}

fn listed() -> Value {
    json!({"packages": [{"appId": format!("/{PKG}"), "packageInformation": {"packageDefinition":
        {"name": PKG, "version": VERSION, "packagingVersion": "4.0"}}}]})
}

fn list(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![
            cosmos(t, "/package/list", "list", "v1")
                .json_body(json!({}))
                .reply_json(listed()),
        ],
        || c.px.run(&["list"]),
    );
    let r = code(t, r, 0);
    contains(t, &r.stdout, PKG);
    contains(t, &r.stdout, VERSION);
}

/// What `/cosmos/service/describe` says about the installed example with `count` pods.
fn service_described(c: &Ctx, count: u64, greeting: &str) -> Value {
    json!({"package": c.repo.package(), "upgradesTo": [VERSION], "downgradesTo": [VERSION],
        "resolvedOptions": {"service": {"name": PKG}, "hello": {"count": count, "cpus": 0.1, "mem": 32,
            "disk": 64, "greeting": greeting, "placement_constraint": "[[\"hostname\", \"MAX_PER\", \"1\"]]"}},
        "userProvidedOptions": {"hello": {"count": count, "greeting": greeting}}})
}

fn package_versions(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![
            service_rpc(t, "describe")
                .json_body(json!({"appId": PKG}))
                .reply_json(service_described(c, 2, "hello from two targets")),
        ],
        || c.px.run(&["update", "package-versions", "--name", PKG]),
    );
    let r = code(t, r, 0);
    assert!(
        r.stdout
            .starts_with(&format!("Current package version is: {VERSION}\n")),
        "[{}] {}",
        t.name(),
        r.stdout
    );
}

/// `update start --set` sends only the new option (merged by Cosmos), then `plan wait deploy` sees it out.
fn update_start(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![
            service_rpc(t, "update")
                .json_body(json!({"appId": PKG, "options": {"hello": {"greeting": "hi there"}}, "replace": false}))
                .reply_json(json!({"marathonDeploymentId": "d-1", "package": c.repo.package(),
                    "resolvedOptions": service_described(c, 2, "hi there")["resolvedOptions"]})),
        ],
        || {
            c.px.run(&[
                "update",
                "start",
                "--name",
                PKG,
                "--set",
                "hello.greeting=hi there",
            ])
        },
    );
    let r = code(t, r, 0);
    contains(
        t,
        &r.stdout,
        &format!("Update started. Please use `pxfw --name={PKG} update status` to view progress."),
    );
    let r = t.step(
        vec![scheduler(t, "plans/deploy").reply_json(plan("COMPLETE", 2))],
        || {
            c.px.run(&["plan", "wait", "deploy", "--name", PKG, "--timeout", "3m"])
        },
    );
    code(t, r, 0);
}

/// `plan status deploy` prints the tree whose first line is the plan.
fn plan_status(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![scheduler(t, "plans/deploy").reply_json(plan("COMPLETE", 2))],
        || c.px.run(&["plan", "status", "deploy", "--name", PKG]),
    );
    let r = code(t, r, 0);
    assert!(
        r.stdout.starts_with("deploy (serial strategy) (COMPLETE)"),
        "[{}] {}",
        t.name(),
        r.stdout
    );
    contains(t, &r.stdout, "hello-0:[server]");
}

/// `pod status` lists every pod's tasks with their state.
fn pod_status(t: &Target, c: &Ctx) {
    let task = |i: usize| json!({"name": format!("hello-{i}-server"), "id": format!("hello-{i}-server__{i}"), "status": "RUNNING"});
    let r = t.step(
        vec![scheduler(t, "pod/status").reply_json(json!({"service": PKG, "pods": [{"name": "hello",
            "instances": [{"name": "hello-0", "tasks": [task(0)]}, {"name": "hello-1", "tasks": [task(1)]}]}]}))],
        || c.px.run(&["pod", "status", "--name", PKG]),
    );
    let r = code(t, r, 0);
    for want in ["hello-0-server", "hello-1-server", "RUNNING"] {
        contains(t, &r.stdout, want);
    }
}

/// `scale --count 3 --wait`: the count option found from the target config, updated, the plan awaited.
fn scale(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![
            service_rpc(t, "describe")
                .json_body(json!({"appId": PKG}))
                .reply_json(service_described(c, 2, "hi there")),
            scheduler(t, "configurations/target")
                .reply_json(json!({"name": PKG, "role": format!("{PKG}-role"),
                "pod-specs": [{"type": "hello", "count": 2, "allow-decommission": false}]})),
            service_rpc(t, "update")
                .json_body(
                    json!({"appId": PKG, "options": {"hello": {"count": 3}}, "replace": false}),
                )
                .reply_json(json!({"marathonDeploymentId": "d-2"})),
            scheduler(t, "plans/deploy").reply_json(plan("COMPLETE", 3)),
        ],
        || {
            c.px.run(&["scale", PKG, "--count", "3", "--wait", "--timeout", "3m"])
        },
    );
    let r = code(t, r, 0);
    contains(t, &r.stdout, "via option hello.count");
}

/// `uninstall --yes --wait` returns when the app is gone and nothing is left reserved for the service role.
fn uninstall(t: &Target, c: &Ctx) {
    let r = t.step(
        vec![
            cosmos(t, "/package/list", "list", "v1")
                .json_body(json!({"appId": format!("/{PKG}")}))
                .reply_json(listed()),
            cosmos(t, "/package/uninstall", "uninstall", "v1")
                .json_body(json!({"packageName": PKG, "appId": format!("/{PKG}")}))
                .reply_json(json!({"results": [{"packageName": PKG, "appId": format!("/{PKG}"),
                    "packageVersion": VERSION, "postUninstallNotes": c.repo.package()["postUninstallNotes"]}]})),
            Expect::get(&format!("/marathon/v2/apps/{PKG}"))
                .token(&t.token())
                .reply_json(json!({"app": {"id": format!("/{PKG}")}})),
            Expect::get(&format!("/marathon/v2/apps/{PKG}"))
                .token(&t.token())
                .status(404)
                .reply_json(json!({"message": format!("App '/{PKG}' does not exist")})),
            Expect::get("/mesos/state-summary")
                .token(&t.token())
                .reply_json(json!({"slaves": [{"id": "a1", "hostname": "h1", "reserved_resources": {}}], "frameworks": []})),
        ],
        || c.px.run(&["uninstall", PKG, "--yes", "--wait", "--timeout", "3m"]),
    );
    let r = code(t, r, 0);
    contains(
        t,
        &r.stdout,
        &format!("Uninstalled package [{PKG}] version [{VERSION}]"),
    );
    contains(
        t,
        &r.stdout,
        &format!("Service {PKG} is removed; nothing is left reserved for {PKG}-role."),
    );
}

/// The whole suite, in the order an operator would run it.
fn lifecycle(t: &Target) {
    setup_and_login(t);
    let c = Ctx {
        repo: ExampleRepo::write(),
        px: t.pxfw(),
    };
    repositories(t, &c);
    search_and_describe(t, &c);
    install(t, &c);
    list(t, &c);
    install_existing(t, &c);
    package_versions(t, &c);
    update_start(t, &c);
    plan_status(t, &c);
    pod_status(t, &c);
    scale(t, &c);
    uninstall(t, &c);
}

#[test]
fn lifecycle_against_the_scripted_mock() {
    lifecycle(&Target::mock());
}

#[test]
fn lifecycle_against_pxfw_server_behind_a_recording_proxy() {
    lifecycle(&Target::server());
}

/// The server enforces the Cosmos media types the client sends: the request the client made for `search`,
/// resent with a plain JSON Content-Type or a foreign Accept, is refused with `not_valid`.
#[test]
fn the_server_accepts_exactly_the_clients_media_types() {
    let t = Target::server();
    let Target::Server(s) = &t else {
        unreachable!("Target::server() is a server");
    };
    let px = t.pxfw();
    s.proxy.take();
    code(&t, px.run(&["search", "anything"]), 0);
    let sent = s.proxy.take();
    let search = sent
        .iter()
        .find(|r| r.path == "/package/search")
        .expect("the client sent /package/search");
    let header = |n: &str| {
        search
            .headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        header("content-type"),
        mt("package", "search-request", "v1")
    );
    let auth = header("authorization");
    let accept = header("accept");
    let url = format!("{}/package/search", s.cluster.url);
    let body = search.body.to_vec();
    let (ok, _, _) = http(&url, &auth, &header("content-type"), &accept, body.clone());
    assert_eq!(ok, 200, "the client's own request is accepted");
    let (status, v, ct) = http(&url, &auth, "application/json", &accept, body.clone());
    assert_eq!(
        (status, v["type"].as_str(), ct.as_str()),
        (400, Some("not_valid"), ERROR_MT)
    );
    let (status, v, ct) = http(
        &url,
        &auth,
        &header("content-type"),
        "application/json",
        body,
    );
    assert_eq!(
        (status, v["type"].as_str(), ct.as_str()),
        (400, Some("not_valid"), ERROR_MT)
    );

    // The traffic check is not vacuous: a wrong body, a wrong Accept version or a missing request fails it.
    for wrong in [
        cosmos(&t, "/package/search", "search", "v1").json_body(json!({"query": "something else"})),
        cosmos(&t, "/package/search", "search", "v2").json_body(json!({"query": "anything"})),
        cosmos(&t, "/package/describe", "describe", "v3"),
    ] {
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            t.step(vec![wrong], || px.run(&["search", "anything"]))
        }));
        assert!(
            caught.is_err(),
            "a request that does not match was accepted"
        );
    }
}

/// One POST straight to the server: status, JSON body (Null if none), Content-Type.
fn http(
    url: &str,
    auth: &str,
    content_type: &str,
    accept: &str,
    body: Vec<u8>,
) -> (u16, Value, String) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let resp = reqwest::Client::new()
            .post(url)
            .header("authorization", auth)
            .header("content-type", content_type)
            .header("accept", accept)
            .body(body)
            .send()
            .await
            .expect("request");
        let status = resp.status().as_u16();
        let ct = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let bytes = resp.bytes().await.unwrap_or_default();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            ct,
        )
    })
}
