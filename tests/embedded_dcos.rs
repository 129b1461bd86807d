//! Issue 7 end to end: the DC/OS workflow against a real `pxfw server --local-agents 3` on 127.0.0.1 — the
//! same `pxfw` commands an operator runs against DC/OS (cluster setup, auth login, repo add in the JSON and
//! zip forms, install --wait, pod replace, scale --wait, update start, plan status, uninstall --wait), plus the
//! bad inputs the package API, Marathon subset and IAM must refuse without changing anything.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::static_http::StaticServer;
use crate::support::{Pxfw, Run};
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";
const PKG: &str = "hello-stateful";

/// `pxfw server` with three local agents and one IAM user, stopped (SIGTERM) when dropped.
struct Server {
    dir: tempfile::TempDir,
    url: String,
    token: String,
    child: Child,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = std::fs::File::create(dir.path().join("server.log")).expect("log");
        let child = Command::new(env!("CARGO_BIN_EXE_pxfw"))
            .args(["server", "--listen", "127.0.0.1:0", "--local-agents", "3"])
            .args([
                "--user",
                "alice",
                "--password-env",
                "ALICE_PW",
                "--data-dir",
            ])
            .arg(dir.path().join("server"))
            .env("ALICE_PW", PASSWORD)
            .env("PXFW_HOME", dir.path().join("home"))
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start pxfw server");
        let url_file = dir.path().join("server/server.url");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !url_file.exists() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let url = std::fs::read_to_string(&url_file).unwrap();
        let token = std::fs::read_to_string(dir.path().join("server/token"))
            .unwrap()
            .trim()
            .to_string();
        let s = Server {
            dir,
            url,
            token,
            child,
        };
        s.wait_agents();
        s
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("server")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn volume_file(&self, volume: &str, file: &str) -> PathBuf {
        self.data()
            .join("volumes/volumes")
            .join(volume)
            .join("data")
            .join(file)
    }

    fn wait_agents(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (status, v) = http("GET", &format!("{}/pxfw/v1/cluster", self.url), &[], None);
            let active = v["agents"]
                .as_array()
                .map_or(0, |a| a.iter().filter(|x| x["status"] == "ACTIVE").count());
            if status == 200 && active == 3 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "only {active} local agents became active"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Mints a token with the server's IAM secret (for the expired-token case).
    fn mint(&self, uid: &str, exp_offset_secs: i64) -> String {
        let secret = std::fs::read_to_string(self.data().join("iam-secret")).unwrap();
        mint_with(secret.trim().as_bytes(), uid, exp_offset_secs)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mint_with(secret: &[u8], uid: &str, exp_offset_secs: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({"uid": uid, "iat": now - 10, "exp": now + exp_offset_secs}),
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .unwrap()
}

/// One raw HTTP call: status, JSON body (Null if not JSON), and the Content-Type.
fn http_full(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> (u16, Value, String) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::new();
        let mut req = client.request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.body(b);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let ct = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = resp.bytes().await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            ct,
        )
    })
}

fn http(method: &str, url: &str, headers: &[(&str, &str)], body: Option<Vec<u8>>) -> (u16, Value) {
    let (s, v, _) = http_full(method, url, headers, body);
    (s, v)
}

fn mt(ns: &str, kind: &str, v: &str) -> String {
    format!("application/vnd.dcos.{ns}.{kind}+json;charset=utf-8;version={v}")
}

const ERROR_MT: &str = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

fn eventually(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn ok(r: Run, s: &Server) -> Run {
    assert_eq!(
        r.code,
        0,
        "--- stdout:\n{}\n--- stderr:\n{}\n--- server log (tail):\n{}",
        r.stdout,
        r.stderr,
        tail(&s.log())
    );
    r
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

fn repo_names(px: &Pxfw) -> Vec<String> {
    let v: Value = serde_json::from_str(&px.run(&["repo", "list", "--json"]).ok().stdout).unwrap();
    v["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

fn pod_node(px: &Pxfw, pod: &str) -> String {
    let r = px.run(&["pod", "info", pod, "--name", PKG]).ok();
    let v: Value = serde_json::from_str(&r.stdout).expect("pod info json");
    v[0]["info"]["slaveId"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn counter(s: &Server, volume: &str) -> u64 {
    std::fs::read_to_string(s.volume_file(volume, "counter"))
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(0)
}

/// The example repository (JSON and zip forms, with its scheduler artifact) and a broken variant whose
/// scheduler artifact lacks the svc.yml the app's cmd names.
fn write_repositories(root: &Path) {
    pxfw::cli::quickstart::write_example_repository(&root.join("ok")).unwrap();
    let mut repo: Value =
        serde_json::from_slice(&std::fs::read(root.join("ok/repo.json")).unwrap()).unwrap();
    repo["packages"][0]["name"] = json!("hello-broken");
    std::fs::create_dir_all(root.join("broken")).unwrap();
    std::fs::write(root.join("broken/repo.json"), repo.to_string()).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "elsewhere/svc.yml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, b"name: x\n").unwrap();
    std::fs::write(
        root.join("broken/hello-stateful-scheduler.zip"),
        w.finish().unwrap().into_inner(),
    )
    .unwrap();
    std::fs::write(root.join("ok/not-a-repo.json"), b"{\"hello\": 1}").unwrap();
}

#[test]
fn dcos_lifecycle_against_the_embedded_control_plane() {
    let s = Server::start();
    let files = tempfile::tempdir().unwrap();
    write_repositories(files.path());
    let web = StaticServer::start(files.path().to_path_buf());
    let mut px = Pxfw::new();

    // cluster setup reads /metadata and the DC/OS version, then auth login gets an IAM token.
    let r = ok(px.run(&["cluster", "setup", &s.url]), &s);
    assert!(r.stdout.contains("runs DC/OS"), "{}", r.stdout);
    let r = px.run(&["repo", "list"]);
    assert_eq!(r.code, 1, "no token yet: {}", r.stdout);
    assert!(
        r.stderr.contains("401") || r.stderr.to_lowercase().contains("auth"),
        "{}",
        r.stderr
    );

    px.env("WRONG_PW", "nope");
    let r = px.run(&[
        "auth",
        "login",
        "--username",
        "alice",
        "--password-env",
        "WRONG_PW",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("login refused") && r.stderr.contains("wrong"),
        "{}",
        r.stderr
    );
    px.env("ALICE_PW", PASSWORD);
    let r = ok(
        px.run(&[
            "auth",
            "login",
            "--username",
            "alice",
            "--password-env",
            "ALICE_PW",
        ]),
        &s,
    );
    assert!(r.stdout.contains("as alice"), "{}", r.stdout);
    ok(px.run(&["auth", "status"]), &s);

    // Repositories: the zip form first, then the JSON form ahead of it; duplicates and bad URIs refused.
    ok(
        px.run(&["repo", "add", "ex-zip", &web.url("ok/repo.zip")]),
        &s,
    );
    let zip_pkg: Value =
        serde_json::from_str(&ok(px.run(&["describe", PKG, "--json"]), &s).stdout).unwrap();
    assert_eq!(
        zip_pkg["packagingVersion"], "2.0",
        "zip repositories hold 2.0 packages"
    );
    ok(
        px.run(&[
            "repo",
            "add",
            "ex-json",
            &web.url("ok/repo.json"),
            "--index",
            "0",
        ]),
        &s,
    );
    let json_pkg: Value =
        serde_json::from_str(&ok(px.run(&["describe", PKG, "--json"]), &s).stdout).unwrap();
    assert_eq!(
        json_pkg["packagingVersion"], "4.0",
        "the JSON repository is searched first"
    );
    assert_eq!(repo_names(&px), ["ex-json", "ex-zip"]);
    let r = px.run(&["repo", "add", "ex-json", &web.url("broken/repo.json")]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already present"), "{}", r.stderr);
    let r = px.run(&["repo", "add", "gone", "http://127.0.0.1:9/repo.json"]);
    assert_eq!(r.code, 1, "unreachable: {}", r.stderr);
    let r = px.run(&["repo", "add", "junk", &web.url("ok/not-a-repo.json")]);
    assert_eq!(r.code, 1, "not a repository: {}", r.stderr);
    let r = px.run(&[
        "repo",
        "add",
        "late",
        &web.url("broken/repo.json"),
        "--index",
        "7",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("index 7"), "{}", r.stderr);
    assert_eq!(
        repo_names(&px),
        ["ex-json", "ex-zip"],
        "refused adds change nothing"
    );
    let search = ok(px.run(&["search", "stateful"]), &s).stdout;
    assert!(search.contains(PKG), "{search}");

    // A package whose spec is not in its scheduler artifact is refused and nothing is installed.
    ok(
        px.run(&["repo", "add", "broken", &web.url("broken/repo.json")]),
        &s,
    );
    let r = px.run(&["install", "hello-broken", "--yes"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("hello-stateful-scheduler/svc.yml"),
        "{}",
        r.stderr
    );
    ok(px.run(&["repo", "remove", "broken"]), &s);

    // Install two pods and wait for the deploy plan.
    let r = ok(
        px.run(&[
            "install",
            PKG,
            "--yes",
            "--wait",
            "--timeout",
            "3m",
            "--set",
            "hello.count=2",
        ]),
        &s,
    );
    assert!(r.stdout.contains("deploy plan is COMPLETE"), "{}", r.stdout);
    for i in 0..2 {
        let v = format!("{PKG}-data-{i}");
        eventually(&format!("{v} counting"), Duration::from_secs(30), || {
            counter(&s, &v) > 0
        });
        let journal = std::fs::read_to_string(s.volume_file(&v, "journal")).unwrap();
        assert!(
            journal.contains(&format!("hello-{i}-server: hello from pxfw")),
            "{journal}"
        );
    }
    let r = px.run(&["install", PKG, "--yes"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already installed"), "{}", r.stderr);

    // The app in the Marathon subset, found by Cosmos' labels.
    let (status, apps) = http(
        "GET",
        &format!(
            "{}/marathon/v2/apps?label=DCOS_PACKAGE_NAME%3D%3D{PKG}",
            s.url
        ),
        &[],
        None,
    );
    assert_eq!(status, 200);
    let app = &apps["apps"][0];
    assert_eq!(app["id"], format!("/{PKG}"));
    assert_eq!(app["env"]["HELLO_COUNT"], "2");
    for l in [
        "DCOS_PACKAGE_NAME",
        "DCOS_PACKAGE_VERSION",
        "DCOS_PACKAGE_SOURCE",
        "DCOS_PACKAGE_OPTIONS",
        "DCOS_PACKAGE_DEFINITION",
        "DCOS_COMMONS_UNINSTALL",
    ] {
        assert!(app["labels"][l].is_string(), "label {l}: {app}");
    }
    assert_eq!(
        app["labels"]["DCOS_PACKAGE_SOURCE"],
        web.url("ok/repo.json")
    );
    let (_, none) = http(
        "GET",
        &format!(
            "{}/marathon/v2/apps?label=DCOS_PACKAGE_NAME%3D%3Dother",
            s.url
        ),
        &[],
        None,
    );
    assert_eq!(none["apps"], json!([]));
    let (status, missing) = http(
        "GET",
        &format!("{}/marathon/v2/apps/nope", s.url),
        &[],
        None,
    );
    assert_eq!(
        (status, missing["message"].as_str()),
        (404, Some("App '/nope' does not exist"))
    );

    // pod replace moves hello-0 to the free node; its volume (and counter) goes with it.
    let before = pod_node(&px, "hello-0");
    let count_before = counter(&s, &format!("{PKG}-data-0"));
    ok(px.run(&["pod", "replace", "hello-0", "--name", PKG]), &s);
    eventually("hello-0 replaced", Duration::from_secs(90), || {
        let node = pod_node(&px, "hello-0");
        !node.is_empty() && node != before && counter(&s, &format!("{PKG}-data-0")) > count_before
    });

    // scale to three pods: one per node.
    let r = ok(
        px.run(&["scale", PKG, "--count", "3", "--wait", "--timeout", "3m"]),
        &s,
    );
    assert!(r.stdout.to_lowercase().contains("complete"), "{}", r.stdout);
    let nodes: std::collections::BTreeSet<String> = (0..3)
        .map(|i| pod_node(&px, &format!("hello-{i}")))
        .collect();
    assert_eq!(nodes.len(), 3, "hostname MAX_PER 1: {nodes:?}");

    // update start: new options merged with the stored ones, rolled out by the deploy plan.
    let r = ok(
        px.run(&[
            "update",
            "start",
            "--name",
            PKG,
            "--set",
            "hello.greeting=hi there",
            "--wait",
            "--timeout",
            "3m",
        ]),
        &s,
    );
    assert!(r.stdout.contains("Update started"), "{}", r.stdout);
    eventually(
        "the new greeting in every journal",
        Duration::from_secs(60),
        || {
            (0..3).all(|i| {
                std::fs::read_to_string(s.volume_file(&format!("{PKG}-data-{i}"), "journal"))
                    .unwrap_or_default()
                    .contains("hi there")
            })
        },
    );
    let described: Value =
        serde_json::from_str(&ok(px.run(&["describe", "--name", PKG]), &s).stdout).unwrap();
    assert_eq!(described["hello"]["count"], 3);
    assert_eq!(described["hello"]["greeting"], "hi there");

    let tree = ok(px.run(&["plan", "status", "deploy", "--name", PKG]), &s).stdout;
    assert!(
        tree.starts_with("deploy (") && tree.contains("(COMPLETE)"),
        "{tree}"
    );
    let listed = ok(px.run(&["list"]), &s).stdout;
    assert!(
        listed.contains(PKG) && listed.contains("1.0.0-1"),
        "{listed}"
    );

    // The package-installed service snapshotted and cloned: the clone is installed from the same package
    // (an app with Cosmos' labels, the new name in its options) over volumes holding the snapshot's data.
    ok(
        px.run(&["snapshot", "create", PKG, "--name", "pkg-snap"]),
        &s,
    );
    ok(
        px.run(&[
            "snapshot",
            "clone",
            "pkg-snap",
            "--as",
            "hello-copy",
            "--wait",
            "--timeout",
            "3m",
        ]),
        &s,
    );
    for i in 0..3 {
        let v = format!("hello-copy-data-{i}");
        let journal = std::fs::read_to_string(s.volume_file(&v, "journal")).unwrap_or_default();
        assert!(
            journal.contains(&format!("hello-{i}-server: hello from pxfw")),
            "{v} starts from the snapshot: {journal}"
        );
    }
    let (_, copy) = http(
        "GET",
        &format!("{}/marathon/v2/apps/hello-copy", s.url),
        &[],
        None,
    );
    assert_eq!(copy["app"]["labels"]["DCOS_PACKAGE_NAME"], PKG, "{copy}");
    let described: Value =
        serde_json::from_str(&ok(px.run(&["describe", "--name", "hello-copy"]), &s).stdout)
            .unwrap();
    assert_eq!(described["service"]["name"], "hello-copy", "{described}");
    assert_eq!(described["hello"]["greeting"], "hi there", "{described}");
    ok(
        px.run(&[
            "uninstall",
            "hello-copy",
            "--yes",
            "--wait",
            "--timeout",
            "3m",
        ]),
        &s,
    );
    ok(px.run(&["snapshot", "delete", "pkg-snap"]), &s);

    // Cosmos wire rules checked directly.
    let auth = format!("token={}", s.token);
    let search_url = format!("{}/package/search", s.url);
    let req_ct = mt("package", "search-request", "v1");
    let (status, body, ct) = http_full(
        "POST",
        &search_url,
        &[
            ("authorization", &auth),
            ("content-type", &req_ct),
            ("accept", "application/json"),
        ],
        Some(b"{}".to_vec()),
    );
    assert_eq!(
        (status, body["type"].as_str(), ct.as_str()),
        (400, Some("not_valid"), ERROR_MT)
    );
    let resp_ct = mt("package", "search-response", "v1");
    let (status, body) = http(
        "POST",
        &search_url,
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
            ("accept", &resp_ct),
        ],
        Some(b"{}".to_vec()),
    );
    assert_eq!(
        (status, body["type"].as_str()),
        (400, Some("not_valid")),
        "a plain JSON Content-Type is refused"
    );
    let (status, body) = http(
        "POST",
        &search_url,
        &[
            ("authorization", &auth),
            ("content-type", &req_ct),
            ("accept", &resp_ct),
        ],
        Some(b"{\"query\": 3}".to_vec()),
    );
    assert_eq!(
        (status, body["type"].as_str(), body["data"]["type"].as_str()),
        (400, Some("json_error"), Some("decode"))
    );
    let (status, body, ct) = http_full(
        "POST",
        &search_url,
        &[
            ("authorization", &auth),
            ("content-type", &req_ct),
            ("accept", &resp_ct),
        ],
        Some(b"{\"query\": \"hello\"}".to_vec()),
    );
    assert_eq!((status, ct.as_str()), (200, resp_ct.as_str()));
    assert_eq!(body["packages"][0]["name"], PKG);
    let huge = vec![b' '; 5 * 1024 * 1024];
    let (status, body, ct) = http_full(
        "POST",
        &search_url,
        &[
            ("authorization", &auth),
            ("content-type", &req_ct),
            ("accept", &resp_ct),
        ],
        Some(huge),
    );
    assert_eq!(
        (status, body["type"].as_str(), ct.as_str()),
        (413, Some("RequestEntityTooLarge"), ERROR_MT)
    );
    let (status, body) = http(
        "GET",
        &format!("{}/capabilities", s.url),
        &[(
            "accept",
            "application/vnd.dcos.capabilities+json;charset=utf-8;version=v1",
        )],
        None,
    );
    assert_eq!(
        (status, body["capabilities"][0]["name"].as_str()),
        (200, Some("PACKAGE_MANAGEMENT"))
    );

    // Expired and forged tokens: 401, and nothing changes.
    let expired = s.mint("alice", -3600);
    let forged = mint_with(b"not the server's secret at all", "alice", 3600);
    for bad in [&expired, &forged] {
        let mut p = Pxfw::new();
        p.env("DCOS_URL", &s.url).env("DCOS_ACS_TOKEN", bad);
        let r = p.run(&["repo", "remove", "ex-zip"]);
        assert_eq!(r.code, 1, "{}", r.stdout);
        let (status, body) = http(
            "POST",
            &format!("{}/package/repository/delete", s.url),
            &[("authorization", &format!("token={bad}"))],
            Some(b"{}".to_vec()),
        );
        assert_eq!(status, 401, "{body}");
        assert!(
            body["description"]
                .as_str()
                .unwrap_or_default()
                .contains("token"),
            "{body}"
        );
    }
    assert_eq!(repo_names(&px), ["ex-json", "ex-zip"]);
    let (status, _) = http(
        "HEAD",
        &format!("{}/pkgpanda/active.buildinfo.full.json", s.url),
        &[("authorization", &format!("token={expired}"))],
        None,
    );
    assert_eq!(status, 401);

    // Uninstall: returns at once, the uninstall plan runs as the deploy plan, then the app and volumes go.
    let r = ok(
        px.run(&["uninstall", PKG, "--yes", "--wait", "--timeout", "3m"]),
        &s,
    );
    assert!(
        r.stdout
            .contains(&format!("Uninstalled package [{PKG}] version [1.0.0-1]")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("nothing is left reserved"),
        "{}",
        r.stdout
    );
    let (status, _) = http(
        "GET",
        &format!("{}/marathon/v2/apps/{PKG}", s.url),
        &[],
        None,
    );
    assert_eq!(status, 404);
    for i in 0..3 {
        assert!(
            !s.data()
                .join(format!("volumes/volumes/{PKG}-data-{i}"))
                .exists(),
            "volume {i} deleted"
        );
    }
    let (_, deployments) = http(
        "GET",
        &format!("{}/marathon/v2/deployments", s.url),
        &[],
        None,
    );
    assert_eq!(deployments, json!([]));
    let (_, summary) = http("GET", &format!("{}/mesos/state-summary", s.url), &[], None);
    assert_eq!(summary["frameworks"], json!([]));
    assert_eq!(summary["slaves"].as_array().map(Vec::len), Some(3));
}
