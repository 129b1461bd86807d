//! Issue 2 end to end: the `pxfw` binary against a scripted DC/OS on 127.0.0.1 that checks every request's
//! method, path, query, Content-Type, Accept, Authorization and body, and replays the recorded responses in
//! ../shared/fixtures/responses and the contract's examples.

use std::time::Duration;

use crate::support::mock::{Expect, Mock};
use crate::support::{Pxfw, read_fixture};
use serde_json::{Value, json};

const TOKEN: &str = "test-token-0123456789";

fn mt(ns: &str, kind: &str, v: &str) -> String {
    format!("application/vnd.dcos.{ns}.{kind}+json;charset=utf-8;version={v}")
}

/// An expectation for one Cosmos package RPC with its exact media types and the caller's token.
fn cosmos(path: &str, kind: &str, resp_version: &str) -> Expect {
    Expect::post(path)
        .cosmos(
            &mt("package", &format!("{kind}-request"), "v1"),
            &mt("package", &format!("{kind}-response"), resp_version),
        )
        .token(TOKEN)
}

fn service_rpc(kind: &str) -> Expect {
    Expect::post(&format!("/cosmos/service/{kind}"))
        .cosmos(
            &mt("service", &format!("{kind}-request"), "v1"),
            &mt("service", &format!("{kind}-response"), "v1"),
        )
        .token(TOKEN)
}

fn fixture_json(rel: &str) -> Value {
    serde_json::from_slice(&read_fixture(rel)).expect("fixture json")
}

const Q: &str = "responses/cli/queries/testdata";
const C: &str = "responses/cli/client/testdata/responses/cosmos/1.10/enterprise";

// ---------------------------------------------------------------- cluster setup and auth

fn setup_cluster(mock: &Mock, px: &Pxfw, id: &str, name: &str) {
    mock.expect(
        Expect::get("/metadata")
            .no_header("authorization")
            .reply_json(json!({"CLUSTER_ID": id, "PUBLIC_IPV4": "127.0.0.1"})),
    );
    mock.expect(
        Expect::get("/dcos-metadata/dcos-version.json")
            .reply_json(json!({"version": "1.12.4", "dcos-variant": "enterprise", "dcos-image-commit": "x", "bootstrap-id": "y"})),
    );
    let r = px
        .run(&["cluster", "setup", &mock.url(), "--name", name])
        .ok();
    assert!(
        r.stdout.contains(&format!("Cluster {name} ({id})")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1.12.4"));
}

#[test]
fn cluster_setup_list_attach_remove() {
    let a = Mock::start();
    let b = Mock::start();
    let px = Pxfw::new();
    setup_cluster(&a, &px, "11111111-aaaa", "prod");
    setup_cluster(&b, &px, "22222222-bbbb", "staging");

    let cfg = px.dcos_dir().join("clusters/11111111-aaaa/dcos.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(
        text.contains(&format!("dcos_url = \"{}\"", a.url())),
        "{text}"
    );
    assert!(text.contains("name = \"prod\""));
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&cfg).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // The last set-up cluster is attached, the other is not.
    assert!(
        px.dcos_dir()
            .join("clusters/22222222-bbbb/attached")
            .exists()
    );
    assert!(
        !px.dcos_dir()
            .join("clusters/11111111-aaaa/attached")
            .exists()
    );

    let list: Value =
        serde_json::from_str(&px.run(&["cluster", "list", "--json"]).ok().stdout).unwrap();
    let names: Vec<(&str, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["attached"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, vec![("prod", false), ("staging", true)]);

    px.run(&["cluster", "attach", "prod"]).ok();
    assert!(
        px.dcos_dir()
            .join("clusters/11111111-aaaa/attached")
            .exists()
    );
    assert!(
        !px.dcos_dir()
            .join("clusters/22222222-bbbb/attached")
            .exists()
    );

    let r = px.run(&["cluster", "attach", "nope"]).expect_code(1);
    assert!(
        r.stderr.contains("no cluster named or with ID `nope`"),
        "{}",
        r.stderr
    );

    px.run(&["cluster", "remove", "staging"]).ok();
    assert!(!px.dcos_dir().join("clusters/22222222-bbbb").exists());
    a.verify();
    b.verify();
}

#[test]
fn cluster_setup_rejects_bad_urls_and_non_dcos_servers() {
    let px = Pxfw::new();
    let r = px.run(&["cluster", "setup", "not a url"]).expect_code(2);
    assert!(r.stderr.contains("not a valid URL"), "{}", r.stderr);
    let r = px
        .run(&["cluster", "setup", "ftp://example.com"])
        .expect_code(2);
    assert!(r.stderr.contains("http:// or https://"), "{}", r.stderr);

    let mock = Mock::start();
    mock.expect(
        Expect::get("/metadata")
            .status(404)
            .reply("text/html", b"<html>nginx</html>"),
    );
    let r = px.run(&["cluster", "setup", &mock.url()]).expect_code(1);
    assert!(r.stderr.contains("HTTP 404"), "{}", r.stderr);
    // Nothing was written.
    assert!(!px.dcos_dir().join("clusters").exists());
    mock.verify();
}

#[test]
fn password_login_stores_token_privately_and_uses_it() {
    let mock = Mock::start();
    let mut px = Pxfw::new();
    setup_cluster(&mock, &px, "c-1", "prod");
    mock.expect(
        Expect::post("/acs/api/v1/auth/login")
            .header("content-type", "application/json")
            .no_header("authorization")
            .json_body(json!({"uid": "alice", "password": "s3cret pw"}))
            .reply_json(json!({"token": TOKEN})),
    );
    px.env("PW", "s3cret pw");
    let r = px
        .run(&[
            "-v",
            "auth",
            "login",
            "--username",
            "alice",
            "--password-env",
            "PW",
        ])
        .ok();
    assert!(
        r.stdout.contains("Logged in to prod as alice"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains(TOKEN) && !r.stderr.contains(TOKEN),
        "the token leaked into output"
    );
    assert!(
        r.stderr.contains("POST") && r.stderr.contains("/acs/api/v1/auth/login -> 200"),
        "-v logs requests: {}",
        r.stderr
    );
    let cfg = std::fs::read_to_string(px.dcos_dir().join("clusters/c-1/dcos.toml")).unwrap();
    assert!(cfg.contains(TOKEN));

    mock.expect(
        cosmos("/package/repository/list", "repository.list", "v1")
            .json_body(json!({}))
            .reply_json(json!({"repositories": []})),
    );
    let r = px.run(&["-vv", "repo", "list"]).ok();
    assert!(!r.stderr.contains(TOKEN), "token logged at -vv");
    mock.verify();
}

#[test]
fn wrong_password_changes_nothing() {
    let mock = Mock::start();
    let mut px = Pxfw::new();
    setup_cluster(&mock, &px, "c-1", "prod");
    let before = std::fs::read(px.dcos_dir().join("clusters/c-1/dcos.toml")).unwrap();
    mock.expect(Expect::post("/acs/api/v1/auth/login").status(401).reply_json(
        json!({"title": "Unauthorized", "description": "The login credentials are invalid.", "code": "ERR_INVALID_CREDENTIALS"}),
    ));
    px.env("PW", "nope");
    let r = px
        .run(&[
            "auth",
            "login",
            "--username",
            "alice",
            "--password-env",
            "PW",
        ])
        .expect_code(1);
    assert!(
        r.stderr.contains("The login credentials are invalid."),
        "{}",
        r.stderr
    );
    assert_eq!(
        before,
        std::fs::read(px.dcos_dir().join("clusters/c-1/dcos.toml")).unwrap()
    );
    // No terminal and no password source: a usage error, not a hang.
    let r = px
        .run(&["auth", "login", "--username", "alice"])
        .expect_code(2);
    assert!(r.stderr.contains("--password-env"), "{}", r.stderr);
    mock.verify();
}

fn rsa_key(dir: &std::path::Path) -> (std::path::PathBuf, Vec<u8>) {
    let key = dir.join("sa.pem");
    let ok = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&key)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl")
        .success();
    assert!(ok);
    let public = std::process::Command::new("openssl")
        .args(["pkey", "-pubout", "-in"])
        .arg(&key)
        .output()
        .unwrap()
        .stdout;
    (key, public)
}

fn check_login_jwt(seen: &crate::support::mock::Seen, public_pem: &[u8]) {
    let body: Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(body["uid"], "sa-robot");
    assert!(body.get("password").is_none());
    let jwt = body["token"].as_str().unwrap();
    let key = jsonwebtoken::DecodingKey::from_rsa_pem(public_pem).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_required_spec_claims(&["exp"]);
    let data =
        jsonwebtoken::decode::<Value>(jwt, &key, &validation).expect("RS256 signature verifies");
    assert_eq!(data.claims["uid"], "sa-robot");
}

#[test]
fn service_account_login_and_one_silent_relogin_on_401() {
    let mock = Mock::start();
    let px = Pxfw::new();
    let (key, public) = rsa_key(px.home.path());
    setup_cluster(&mock, &px, "c-1", "prod");
    mock.expect(
        Expect::post("/acs/api/v1/auth/login")
            .no_header("authorization")
            .reply_json(json!({"token": "first-token"})),
    );
    px.run(&[
        "auth",
        "login",
        "--service-account",
        "sa-robot",
        "--private-key",
        key.to_str().unwrap(),
    ])
    .ok();

    // The first token has expired: one 401, a silent re-login, the retry succeeds with the new token.
    mock.expect(
        Expect::post("/package/repository/list")
            .token("first-token")
            .status(401)
            .reply_json(json!({"title": "Unauthorized"})),
    );
    mock.expect(Expect::post("/acs/api/v1/auth/login").reply_json(json!({"token": TOKEN})));
    mock.expect(
        cosmos("/package/repository/list", "repository.list", "v1")
            .reply_json(json!({"repositories": [{"name": "u", "uri": "https://u/repo"}]})),
    );
    let r = px.run(&["repo", "list"]).ok();
    assert!(r.stdout.contains("https://u/repo"));
    let logins: Vec<_> = mock
        .seen()
        .into_iter()
        .filter(|s| s.path == "/acs/api/v1/auth/login")
        .collect();
    assert_eq!(logins.len(), 2);
    for l in &logins {
        check_login_jwt(l, &public);
    }
    // The renewed token was persisted.
    let cfg = std::fs::read_to_string(px.dcos_dir().join("clusters/c-1/dcos.toml")).unwrap();
    assert!(cfg.contains(TOKEN) && !cfg.contains("first-token"), "{cfg}");

    // A second 401 after the re-login is reported, not looped on.
    mock.expect(
        Expect::post("/package/repository/list")
            .status(401)
            .reply_json(json!({})),
    );
    mock.expect(Expect::post("/acs/api/v1/auth/login").reply_json(json!({"token": "t3"})));
    mock.expect(
        Expect::post("/package/repository/list")
            .status(401)
            .reply_json(json!({})),
    );
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(r.stderr.contains("run `pxfw auth login`"), "{}", r.stderr);
    mock.verify();
}

#[test]
fn logout_forgets_the_token() {
    let mock = Mock::start();
    let mut px = Pxfw::new();
    setup_cluster(&mock, &px, "c-1", "prod");
    mock.expect(Expect::post("/acs/api/v1/auth/login").reply_json(json!({"token": TOKEN})));
    px.env("PW", "x");
    px.run(&["auth", "login", "--username", "a", "--password-env", "PW"])
        .ok();
    mock.expect(
        Expect::new("HEAD", "/pkgpanda/active.buildinfo.full.json")
            .token(TOKEN)
            .status(200),
    );
    let st: Value =
        serde_json::from_str(&px.run(&["auth", "status", "--json"]).ok().stdout).unwrap();
    assert_eq!(st["token_valid"], true);
    assert!(!st.to_string().contains(TOKEN));
    px.run(&["auth", "logout"]).ok();
    let cfg = std::fs::read_to_string(px.dcos_dir().join("clusters/c-1/dcos.toml")).unwrap();
    assert!(!cfg.contains(TOKEN));
    mock.verify();
}

// ---------------------------------------------------------------- transport failures

#[test]
fn unauthorized_forbidden_gateway_and_malformed_replies() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let list = || cosmos("/package/repository/list", "repository.list", "v1");

    mock.expect(list().status(401).reply("text/html", b"<html>401</html>"));
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(r.stderr.contains("run `pxfw auth login`"), "{}", r.stderr);

    mock.expect(
        list()
            .status(403)
            .reply_json(json!({"description": "no permission dcos:adminrouter:package"})),
    );
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(
        r.stderr.contains("403") && r.stderr.contains("no permission dcos:adminrouter:package"),
        "{}",
        r.stderr
    );

    mock.expect(
        list()
            .status(502)
            .reply("text/html", b"<html><body>502 Bad Gateway</body></html>"),
    );
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(
        r.stderr.contains("HTTP 502") && r.stderr.contains("did not answer"),
        "{}",
        r.stderr
    );

    mock.expect(
        list()
            .status(503)
            .reply("text/plain", b"Service Unavailable"),
    );
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(r.stderr.contains("HTTP 503"), "{}", r.stderr);

    mock.expect(list().reply(
        &mt("package", "repository.list-response", "v1"),
        b"{\"repositories\": [{\"name\": \"a\"",
    ));
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(
        r.stderr.contains("malformed reply") && r.stderr.contains("/package/repository/list"),
        "{}",
        r.stderr
    );

    mock.expect(list().reply_json(json!({"repositories": [{"name": 1}]})));
    let r = px.run(&["repo", "list"]).expect_code(1);
    assert!(r.stderr.contains("malformed"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    mock.verify();
}

#[test]
fn timeouts_connection_and_tls_failures() {
    let mock = Mock::start();
    let mut px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    px.env("DCOS_TIMEOUT", "1");
    // Install is not idempotent: exactly one attempt, then a timeout message.
    mock.expect(
        cosmos("/package/describe", "describe", "v3")
            .reply_json(json!({"package": {"name": "p", "version": "1", "selected": true}})),
    );
    mock.expect(
        cosmos("/package/install", "install", "v2")
            .delay(Duration::from_secs(3))
            .reply_json(json!({})),
    );
    let r = px.run(&["install", "p", "--yes"]).expect_code(1);
    assert!(r.stderr.contains("timed out after 1 s"), "{}", r.stderr);

    let refused = Pxfw::with_env_cluster("http://127.0.0.1:1", TOKEN);
    let r = refused.run(&["repo", "list"]).expect_code(1);
    assert!(
        r.stderr.contains("cannot connect to http://127.0.0.1:1"),
        "{}",
        r.stderr
    );

    // https to a plain-HTTP port: the TLS handshake fails, verification is never skipped silently.
    let tls = Pxfw::with_env_cluster(&format!("https://{}", mock.addr), TOKEN);
    let r = tls.run(&["repo", "list"]).expect_code(1);
    assert!(r.stderr.contains("TLS"), "{}", r.stderr);
    let r = Pxfw::with_env_cluster("nonsense", TOKEN)
        .run(&["repo", "list"])
        .expect_code(1);
    assert!(r.stderr.contains("DCOS_URL"), "{}", r.stderr);
    mock.verify();
}

// ---------------------------------------------------------------- repositories

#[test]
fn repo_add_list_remove_send_exact_requests() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let both = json!({"repositories": [{"name": "px", "uri": "https://px.example/repo.json"}, {"name": "Universe", "uri": "https://universe.mesosphere.com/repo"}]});
    mock.expect(
        cosmos("/package/repository/add", "repository.add", "v1")
            .json_body(json!({"name": "px", "uri": "https://px.example/repo.json", "index": 0}))
            .reply_json(both.clone()),
    );
    let r = px
        .run(&[
            "repo",
            "add",
            "px",
            "https://px.example/repo.json",
            "--index",
            "0",
        ])
        .ok();
    assert!(
        r.stdout.lines().nth(1).unwrap().contains("px"),
        "{}",
        r.stdout
    );

    // Without --index, no index is sent (append).
    mock.expect(
        cosmos("/package/repository/add", "repository.add", "v1")
            .json_body(json!({"name": "x", "uri": "https://x/r"}))
            .reply_json(both.clone()),
    );
    px.run(&["repo", "add", "x", "https://x/r"]).ok();

    mock.expect(cosmos("/package/repository/add", "repository.add", "v1").cosmos_error(
        400,
        br#"{"type":"RepositoryAlreadyPresent","message":"Repository URI [https://px.example/repo.json] already present in list","data":{"uri":"https://px.example/repo.json"}}"#,
    ));
    let r = px
        .run(&["repo", "add", "px2", "https://px.example/repo.json"])
        .expect_code(1);
    assert!(
        r.stderr.contains("already present") && r.stderr.contains("remove the old one"),
        "{}",
        r.stderr
    );

    mock.expect(cosmos("/package/repository/add", "repository.add", "v1").cosmos_error(
        400,
        br#"{"type":"RepositoryAddIndexOutOfBounds","message":"Index out of range","data":{"attempted":9,"max":2}}"#,
    ));
    let r = px
        .run(&["repo", "add", "y", "https://y/r", "--index", "9"])
        .expect_code(1);
    assert!(
        r.stderr.contains("index 9") && r.stderr.contains("is 2"),
        "{}",
        r.stderr
    );

    mock.expect(
        cosmos("/package/repository/list", "repository.list", "v1")
            .json_body(json!({}))
            .reply_json(both.clone()),
    );
    let listed: Value =
        serde_json::from_str(&px.run(&["repo", "list", "--json"]).ok().stdout).unwrap();
    assert_eq!(listed, both);

    mock.expect(
        cosmos("/package/repository/delete", "repository.delete", "v1")
            .json_body(json!({"name": "px"}))
            .reply_json(json!({"repositories": []})),
    );
    mock.expect(cosmos("/package/repository/delete", "repository.delete", "v1").json_body(json!({"name": "x"})).cosmos_error(
        400,
        br#"{"type":"RepositoryNotPresent","message":"Repository name [x] is not present in the list","data":{"name":"x"}}"#,
    ));
    let r = px.run(&["repo", "remove", "px", "x"]).expect_code(1);
    assert!(r.stdout.contains("Removed repository px."));
    assert!(
        r.stderr.contains("Repository name [x] is not present"),
        "{}",
        r.stderr
    );

    let r = px.run(&["repo", "add", "z", "not a url"]).expect_code(2);
    assert!(
        r.stderr.contains("not a valid repository URL"),
        "{}",
        r.stderr
    );
    // A scheme the cluster does not fetch is the cluster's call, reported with Cosmos' own error.
    mock.expect(
        cosmos("/package/repository/add", "repository.add", "v1").cosmos_error(
            400,
            br#"{"type":"UnsupportedRepositoryUri","message":"Repository URI [ftp://x/r] uses an unsupported scheme. Only http and https are supported","data":{"repository":{"uri":"ftp://x/r"}}}"#,
        ),
    );
    let r = px.run(&["repo", "add", "z", "ftp://x/r"]).expect_code(1);
    assert!(r.stderr.contains("unsupported scheme"), "{}", r.stderr);
    mock.verify();
}

// ---------------------------------------------------------------- search, describe, install

fn hello_package() -> Value {
    // The real service-describe recording carries a full package definition.
    fixture_json(&format!(
        "{Q}/responses/cosmos/1.10/enterprise/describe.json"
    ))["package"]
        .clone()
}

#[test]
fn search_and_describe() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    mock.expect(cosmos("/package/search", "search", "v1").json_body(json!({"query": "cass"})).reply_json(json!({"packages": [
        {"name": "portworx-cassandra", "currentVersion": "1.3-3.0.16", "versions": {"1.3-3.0.16": "0"}, "description": "Portworx Cassandra", "framework": true, "tags": ["cassandra"], "selected": false, "images": {}}
    ]})));
    let r = px.run(&["search", "cass"]).ok();
    assert!(
        r.stdout.contains("portworx-cassandra") && r.stdout.contains("1.3-3.0.16"),
        "{}",
        r.stdout
    );

    let pkg = hello_package();
    mock.expect(
        cosmos("/package/describe", "describe", "v3")
            .json_body(json!({"packageName": "hello-world", "packageVersion": "stub-universe"}))
            .reply_json(json!({"package": pkg.clone()})),
    );
    let r = px
        .run(&[
            "describe",
            "hello-world",
            "--package-version",
            "stub-universe",
            "--config",
        ])
        .ok();
    let schema: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(schema, pkg["config"]);

    mock.expect(
        cosmos("/package/render", "render", "v1")
            .json_body(json!({"packageName": "hello-world", "options": {"hello": {"count": 2}}}))
            .reply_json(
                json!({"marathonJson": {"id": "/hello-world", "env": {"HELLO_COUNT": "2"}}}),
            ),
    );
    let r = px
        .run(&[
            "describe",
            "hello-world",
            "--render",
            "--set",
            "hello.count=2",
        ])
        .ok();
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap()["env"]["HELLO_COUNT"],
        "2"
    );

    mock.expect(cosmos("/package/describe", "describe", "v3").json_body(json!({"packageName": "nope"})).cosmos_error(
        400,
        br#"{"type":"PackageNotFound","message":"Package [nope] not found","data":{"packageName":"nope"}}"#,
    ));
    let r = px.run(&["describe", "nope"]).expect_code(1);
    assert!(
        r.stderr.contains("Package [nope] not found") && r.stderr.contains("pxfw search"),
        "{}",
        r.stderr
    );
    mock.verify();
}

fn plan(status: &str, steps: &[&str]) -> Value {
    json!({"phases": [{"id": "p1", "name": "hello", "strategy": "serial", "status": status,
        "steps": steps.iter().enumerate().map(|(i, s)| json!({"id": format!("s{i}"), "name": format!("hello-{i}:[server]"), "status": s, "message": ""})).collect::<Vec<_>>()}],
        "errors": [], "status": status})
}

#[test]
fn install_pins_the_version_sends_options_and_waits_for_deploy() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let opts = dir.path().join("o.json");
    std::fs::write(&opts, r#"{"hello": {"count": 2, "cpus": 0.5}}"#).unwrap();
    let pkg = hello_package();

    // Without --yes and without a terminal: refused before anything changes.
    mock.expect(
        cosmos("/package/describe", "describe", "v3")
            .json_body(json!({"packageName": "hello-world"}))
            .reply_json(json!({"package": pkg.clone()})),
    );
    let r = px
        .run(&[
            "install",
            "hello-world",
            "--options",
            opts.to_str().unwrap(),
        ])
        .expect_code(2);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    assert!(mock.seen().iter().all(|s| s.path != "/package/install"));

    mock.expect(
        cosmos("/package/describe", "describe", "v3")
            .json_body(json!({"packageName": "hello-world"}))
            .reply_json(json!({"package": pkg.clone()})),
    );
    mock.expect(
        cosmos("/package/install", "install", "v2")
            .json_body(json!({"packageName": "hello-world", "packageVersion": pkg["version"].clone(),
                "options": {"hello": {"count": 3, "cpus": 0.5}, "service": {"name": "hw"}}}))
            .reply_json(json!({"packageName": "hello-world", "packageVersion": "stub-universe", "appId": "/hw", "postInstallNotes": "installed!"})),
    );
    mock.expect(
        Expect::get("/service/hw/v1/plans/deploy")
            .token(TOKEN)
            .status(404)
            .reply("text/html", b"<html>404</html>"),
    );
    mock.expect(
        Expect::get("/service/hw/v1/plans/deploy")
            .status(202)
            .reply_json(plan("IN_PROGRESS", &["COMPLETE", "STARTING"])),
    );
    mock.expect(
        Expect::get("/service/hw/v1/plans/deploy")
            .status(200)
            .reply_json(plan("COMPLETE", &["COMPLETE", "COMPLETE"])),
    );
    let r = px
        .run(&[
            "install",
            "hello-world",
            "--options",
            opts.to_str().unwrap(),
            "--set",
            "hello.count=3",
            "--name",
            "hw",
            "--yes",
            "--wait",
            "--timeout",
            "60s",
        ])
        .ok();
    let pinned = format!(
        "Installing Marathon app for package [hello-world] version [{}]",
        pkg["version"].as_str().unwrap()
    );
    assert!(r.stderr.contains(&pinned), "{}", r.stderr);
    assert!(r.stdout.contains("Service hw is deployed"), "{}", r.stdout);
    mock.verify();
}

#[test]
fn install_wait_reports_plan_errors_and_timeouts() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let pkg = hello_package();
    let install = || {
        cosmos("/package/install", "install", "v2").reply_json(json!({"packageName": "hello-world", "packageVersion": "stub-universe", "appId": "/hello-world"}))
    };
    mock.expect(
        cosmos("/package/describe", "describe", "v3")
            .reply_json(json!({"package": pkg.clone()}))
            .times(2),
    );
    mock.expect(install());
    let mut errored = plan("ERROR", &["ERROR"]);
    errored["errors"] = json!([
        "Field: 'TaskVolumes[taskname:hello-0-server]'; Transition: 'a' => 'b'; Message: 'Volumes must be equal.'"
    ]);
    mock.expect(
        Expect::get("/service/hello-world/v1/plans/deploy")
            .status(417)
            .reply_json(errored),
    );
    let r = px
        .run(&["install", "hello-world", "--yes", "--wait"])
        .expect_code(1);
    assert!(r.stderr.contains("Volumes must be equal."), "{}", r.stderr);

    mock.expect(install());
    mock.expect(
        Expect::get("/service/hello-world/v1/plans/deploy")
            .status(202)
            .reply_json(plan("IN_PROGRESS", &["STARTING"]))
            .any_times(),
    );
    let r = px
        .run(&[
            "install",
            "hello-world",
            "--yes",
            "--wait",
            "--timeout",
            "2s",
        ])
        .expect_code(124);
    assert!(r.stderr.contains("timed out after 2s"), "{}", r.stderr);
    mock.verify();
}

#[test]
fn install_bad_input_is_caught_before_any_request() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let dir = tempfile::tempdir().unwrap();
    let r = px
        .run(&[
            "install",
            "hello-world",
            "--yes",
            "--options",
            "/does/not/exist.json",
        ])
        .expect_code(2);
    assert!(
        r.stderr.contains("cannot read the options file"),
        "{}",
        r.stderr
    );
    let malformed = crate::support::fixture(&format!("{Q}/input/malformed.json"));
    let r = px
        .run(&[
            "install",
            "hello-world",
            "--yes",
            "--options",
            malformed.to_str().unwrap(),
        ])
        .expect_code(2);
    assert!(
        r.stderr.contains("not valid JSON") && r.stderr.contains("line"),
        "{}",
        r.stderr
    );
    let empty = crate::support::fixture(&format!("{Q}/input/empty.json"));
    px.run(&[
        "install",
        "hello-world",
        "--yes",
        "--options",
        empty.to_str().unwrap(),
    ])
    .expect_code(2);
    let arr = dir.path().join("a.json");
    std::fs::write(&arr, "[1]").unwrap();
    let r = px
        .run(&[
            "install",
            "hello-world",
            "--yes",
            "--options",
            arr.to_str().unwrap(),
        ])
        .expect_code(2);
    assert!(r.stderr.contains("JSON object"), "{}", r.stderr);
    px.run(&["install", "hello-world", "--yes", "--set", "nodes.count"])
        .expect_code(2);
    px.run(&["install", "hello-world", "--yes", "--name", "Bad Name"])
        .expect_code(2);
    px.run(&["install", "hello-world", "--bogus"])
        .expect_code(2);
    assert!(
        mock.seen().is_empty(),
        "no request may be sent for bad input"
    );
}

/// Every Cosmos error type of contract §1.4 (and the recorded ones) becomes one clear message.
#[test]
fn every_cosmos_error_type_reads_well() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let cases: Vec<(u16, Vec<u8>, &[&str])> = vec![
        (400, read_fixture(&format!("{C}/bad-json.json")), &["/world/cpus: expected integer or number, found string", "schema"]),
        (400, read_fixture(&format!("{C}/bad-app-id.json")), &["/hello-world2 → /hello-world"]),
        (400, read_fixture(&format!("{C}/bad-name.json")), &["Unable to locate service", "pxfw list"]),
        (400, read_fixture(&format!("{C}/bad-version.json")), &["cannot update to the requested version not-a-valid", "v0.8"]),
        (400, read_fixture(&format!("{C}/bad-version-no-versions.json")), &["not-a-valid"]),
        (500, read_fixture(&format!("{C}/marathon-error.json")), &["deployment of the app is still running", "839314dd"]),
        (400, read_fixture(&format!("{C}/generic-error.json")), &["This an example of a generic Cosmos error response."]),
        (409, br#"{"type":"PackageAlreadyInstalled","message":"Package is already installed"}"#.to_vec(), &["already installed", "--name"]),
        (400, br#"{"type":"AmbiguousAppId","message":"Multiple apps named [cassandra] are installed: [/c1, /c2]","data":{"packageName":"cassandra","appIds":["/c1","/c2"]}}"#.to_vec(), &["/c1, /c2", "--name"]),
        (400, br#"{"type":"VersionNotFound","message":"Version [9] of package [x] not found","data":{"packageName":"x","packageVersion":"9"}}"#.to_vec(), &["Version [9]"]),
        (400, br#"{"type":"MarathonBadResponse","message":"Object is not valid","data":{"errors":[{"path":"/upgradeStrategy/minimumHealthCapacity","errors":["is greater than 1"]}]}}"#.to_vec(), &["Marathon rejected the app: Object is not valid", "is greater than 1"]),
        (502, br#"{"type":"MarathonBadGateway","message":"Received response status [503] from Marathon","data":{"marathonStatus":503}}"#.to_vec(), &["[503] from Marathon"]),
        (400, br#"{"type":"OptionsNotStored","message":"Options not stored"}"#.to_vec(), &["--replace"]),
        (400, br#"{"type":"VersionUpgradeNotSupportedInOpen","message":"Version upgrades are not supported"}"#.to_vec(), &["only its options"]),
        (400, br#"{"type":"not_valid","message":"Media type was [x], but should be one of [y]"}"#.to_vec(), &["version mismatch"]),
        (400, br#"{"type":"PackageNotInstalled","message":"Package [x] is not installed","data":{"packageName":"x"}}"#.to_vec(), &["is not installed"]),
    ];
    for (status, body, wants) in cases {
        mock.expect(service_rpc("update").cosmos_error(status, &body));
        let r = px
            .run(&["update", "start", "--name", "hello-world", "--set", "a.b=1"])
            .expect_code(1);
        for want in wants {
            assert!(
                r.stderr.contains(want),
                "{} → want {want:?} in:\n{}",
                String::from_utf8_lossy(&body),
                r.stderr
            );
        }
    }
    mock.verify();
}

// ---------------------------------------------------------------- list, update, scale, uninstall

#[test]
fn update_start_sends_the_recorded_requests() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let config = crate::support::fixture(&format!("{Q}/input/config.json"));
    let reply = fixture_json(&format!("{Q}/responses/cosmos/1.10/enterprise/update.json"));
    mock.expect(
        service_rpc("update")
            .json_body(fixture_json(&format!(
                "{Q}/requests/update-configuration.json"
            )))
            .reply_json(reply.clone()),
    );
    let r = px
        .run(&[
            "update",
            "start",
            "--name",
            "hello-world",
            "--options",
            config.to_str().unwrap(),
        ])
        .ok();
    assert!(
        r.stdout.contains(
            "Update started. Please use `pxfw --name=hello-world update status` to view progress."
        ),
        "{}",
        r.stdout
    );
    mock.expect(
        service_rpc("update")
            .json_body(fixture_json(&format!(
                "{Q}/requests/update-configuration-replace.json"
            )))
            .reply_json(reply.clone()),
    );
    px.run(&[
        "update",
        "start",
        "--name",
        "hello-world",
        "--options",
        config.to_str().unwrap(),
        "--replace",
    ])
    .ok();
    mock.expect(
        service_rpc("update")
            .json_body(fixture_json(&format!(
                "{Q}/requests/update-package-version.json"
            )))
            .reply_json(reply.clone()),
    );
    px.run(&[
        "update",
        "start",
        "--name",
        "hello-world",
        "--package-version",
        "stub-universe",
    ])
    .ok();
    mock.expect(
        service_rpc("update")
            .json_body(fixture_json(&format!("{Q}/requests/update.json")))
            .reply_json(reply),
    );
    px.run(&[
        "update",
        "start",
        "--name",
        "hello-world",
        "--options",
        config.to_str().unwrap(),
        "--package-version",
        "stub-universe",
    ])
    .ok();
    let r = px
        .run(&["update", "start", "--name", "hello-world"])
        .expect_code(2);
    assert!(r.stderr.contains("nothing to update"));
    mock.verify();
}

#[test]
fn package_versions_and_service_describe() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let described = fixture_json(&format!(
        "{Q}/responses/cosmos/1.10/enterprise/describe.json"
    ));
    mock.expect(
        service_rpc("describe")
            .json_body(json!({"appId": "hello-world"}))
            .reply_json(described.clone())
            .times(2),
    );
    let r = px
        .run(&["update", "package-versions", "--name", "hello-world"])
        .ok();
    let version = described["package"]["version"].as_str().unwrap();
    assert!(
        r.stdout
            .starts_with(&format!("Current package version is: {version}\n")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Package can be downgraded to:\n- v0.9\n- v0.8"),
        "{}",
        r.stdout
    );
    let r = px.run(&["describe", "--name", "hello-world"]).ok();
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap(),
        described["resolvedOptions"]
    );

    let open = fixture_json(&format!("{Q}/responses/cosmos/1.10/open/describe.json"));
    mock.expect(service_rpc("describe").reply_json(open.clone()));
    let r = px.run(&["describe", "--name", "hello-world"]).ok();
    if open.get("resolvedOptions").is_none() {
        assert!(
            r.stdout
                .contains("Package configuration is not available for service hello-world"),
            "{}",
            r.stdout
        );
    }
    mock.expect(
        Expect::post("/cosmos/service/describe")
            .status(404)
            .reply("text/html", b"<html>404 Not Found</html>"),
    );
    let r = px
        .run(&["describe", "--name", "hello-world"])
        .expect_code(1);
    assert!(r.stderr.contains("DC/OS 1.10 or newer"), "{}", r.stderr);
    mock.verify();
}

fn hello_target_config() -> Value {
    json!({"name": "hello-world", "role": "hello-world-role", "pod-specs": [
        {"type": "hello", "count": 1, "allow-decommission": false},
        {"type": "world", "count": 2, "allow-decommission": true}]})
}

fn hello_described() -> Value {
    use base64::Engine;
    let template = crate::support::read_fixture("packages/helloworld/marathon.json.mustache");
    let mut d = fixture_json(&format!(
        "{Q}/responses/cosmos/1.10/enterprise/describe.json"
    ));
    d["package"]["marathon"]["v2AppMustacheTemplate"] =
        json!(base64::engine::general_purpose::STANDARD.encode(template));
    d
}

#[test]
fn scale_updates_the_count_option_and_refuses_forbidden_decommission() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    mock.expect(
        service_rpc("describe")
            .reply_json(hello_described())
            .times(4),
    );
    mock.expect(
        Expect::get("/service/hello-world/v1/configurations/target")
            .token(TOKEN)
            .reply_json(hello_target_config())
            .times(4),
    );
    mock.expect(
        service_rpc("update")
            .json_body(json!({"appId": "hello-world", "options": {"world": {"count": 4}}, "replace": false}))
            .reply_json(json!({"marathonDeploymentId": "d-1"})),
    );
    mock.expect(
        Expect::get("/service/hello-world/v1/plans/deploy")
            .reply_json(plan("COMPLETE", &["COMPLETE"])),
    );
    let r = px
        .run(&["scale", "hello-world", "world", "--count", "4", "--wait"])
        .ok();
    assert!(r.stdout.contains("via option world.count"), "{}", r.stdout);

    let r = px
        .run(&["scale", "hello-world", "hello", "--count", "0"])
        .expect_code(1);
    assert!(r.stderr.contains("allow-decommission"), "{}", r.stderr);
    let r = px
        .run(&["scale", "hello-world", "--count", "3"])
        .expect_code(2);
    assert!(
        r.stderr.contains("several scalable pod types") && r.stderr.contains("world (world.count)"),
        "{}",
        r.stderr
    );
    let r = px
        .run(&["scale", "hello-world", "galaxy", "--count", "3"])
        .expect_code(2);
    assert!(r.stderr.contains("galaxy"), "{}", r.stderr);
    assert_eq!(
        mock.mutating()
            .iter()
            .filter(|s| s.path == "/cosmos/service/update")
            .count(),
        1
    );
    mock.verify();
}

#[test]
fn list_and_uninstall_wait_until_gone_then_check_reservations() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let listed = json!({"packages": [{"appId": "/hello-world", "packageInformation": {"packageDefinition": {"name": "hello-world", "version": "stub-universe", "packagingVersion": "4.0"}}}]});
    mock.expect(
        cosmos("/package/list", "list", "v1")
            .json_body(json!({}))
            .reply_json(listed.clone()),
    );
    let r = px.run(&["list"]).ok();
    assert!(
        r.stdout.contains("hello-world") && r.stdout.contains("stub-universe"),
        "{}",
        r.stdout
    );

    // No --yes and no terminal: refused, nothing uninstalled.
    mock.expect(
        cosmos("/package/list", "list", "v1")
            .json_body(json!({"appId": "/hello-world"}))
            .reply_json(listed.clone())
            .times(3),
    );
    px.run(&["uninstall", "hello-world"]).expect_code(2);
    assert!(
        mock.mutating()
            .iter()
            .all(|s| s.path != "/package/uninstall")
    );

    mock.expect(
        cosmos("/package/uninstall", "uninstall", "v1")
            .json_body(json!({"packageName": "hello-world", "appId": "/hello-world"}))
            .reply_json(json!({"results": [{"packageName": "hello-world", "appId": "/hello-world", "packageVersion": "stub-universe", "postUninstallNotes": "bye"}]}))
            .times(2),
    );
    mock.expect(
        Expect::get("/marathon/v2/apps/hello-world")
            .token(TOKEN)
            .reply_json(json!({"app": {"id": "/hello-world"}})),
    );
    mock.expect(
        Expect::get("/marathon/v2/apps/hello-world")
            .status(404)
            .reply_json(json!({"message": "App '/hello-world' does not exist"})),
    );
    mock.expect(Expect::get("/mesos/state-summary").reply_json(json!({"slaves": [{"id": "a1", "hostname": "h1", "reserved_resources": {"other-role": {"cpus": 1}}}], "frameworks": []})));
    let r = px
        .run(&["uninstall", "hello-world", "--yes", "--wait"])
        .ok();
    assert!(
        r.stdout
            .contains("Uninstalled package [hello-world] version [stub-universe]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("nothing is left reserved for hello-world-role"),
        "{}",
        r.stdout
    );

    // Leftovers are reported and make the command fail.
    mock.expect(
        Expect::get("/marathon/v2/apps/hello-world")
            .status(404)
            .reply_json(json!({})),
    );
    mock.expect(Expect::get("/mesos/state-summary").reply_json(json!({"slaves": [{"id": "a1", "hostname": "h1", "reserved_resources": {"hello-world-role": {"cpus": 0.5, "disk": 100}}}], "frameworks": [{"name": "hello-world"}]})));
    let r = px
        .run(&["uninstall", "hello-world", "--yes", "--wait"])
        .expect_code(1);
    assert!(r.stdout.contains("Left on agent h1"), "{}", r.stdout);
    assert!(
        r.stderr.contains("pxfw cleanup hello-world"),
        "{}",
        r.stderr
    );
    mock.verify();
}

// ---------------------------------------------------------------- plugin mode

#[test]
fn plugin_mode_answers_legacy_flags_and_scopes_the_service() {
    let mock = Mock::start();
    let px = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    let r = px.run(&["px-cassandra", "--info"]).ok();
    assert!(r.stdout.contains("Cassandra"), "{}", r.stdout);
    let r = px.run(&["px-cassandra", "--config-schema"]).ok();
    let schema: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(schema["properties"]["service_name"]["type"], "string");
    let r = px.run(&["px-cassandra", "--version"]).ok();
    assert!(r.stdout.contains(env!("CARGO_PKG_VERSION")));

    // Default service: the framework's package name; then the DC/OS CLI config section's service_name.
    mock.expect(
        service_rpc("describe")
            .json_body(json!({"appId": "portworx-cassandra"}))
            .reply_json(
                json!({"package": {"version": "1.3"}, "upgradesTo": [], "downgradesTo": []}),
            ),
    );
    px.run(&["px-cassandra", "update", "package-versions"]).ok();
    let mut scoped = Pxfw::with_env_cluster(&mock.url(), TOKEN);
    scoped.env("DCOS_PX_CASSANDRA_SERVICE_NAME", "c1");
    mock.expect(
        service_rpc("describe")
            .json_body(json!({"appId": "c1"}))
            .reply_json(json!({"resolvedOptions": {"nodes": {"count": 3}}})),
    );
    let r = scoped.run(&["px-cassandra", "describe"]).ok();
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap()["nodes"]["count"],
        3
    );
    mock.verify();
}
