//! One test suite, two targets: a scenario is written once against [`Target`] and runs either against the
//! scripted [`Mock`] (which answers from the scenario's expectations) or against a real `pxfw server` with
//! local agents behind a [`RecordingProxy`].
//!
//! The scenario states the requests each command must send as [`Expect`]s. On the mock they are the script
//! (with its replies). On the server the replies are ignored: the traffic the proxy recorded is replayed into
//! a fresh checking mock holding the same expectations, so method, path, query, Content-Type, Accept,
//! Authorization and body are judged by the very same matcher on real traffic. A real server may be polled
//! more or fewer times than the script answers, so there each expectation must be met at least once and
//! repeats of a met request are checked against the same expectation.

use std::path::{Path, PathBuf};

use super::Pxfw;
use super::cluster::Cluster;
use super::mock::{Expect, Mock, Seen};
use super::recording_proxy::RecordingProxy;

/// The IAM user the server target knows (the mock accepts any login the scenario scripts).
pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct horse battery";
/// The token the mock hands out and expects; the server target uses its own.
pub const MOCK_TOKEN: &str = "two-targets-token-0123456789";

/// A real server: three local agents, one IAM user, the proxy in front.
pub struct ServerTarget {
    pub cluster: Cluster,
    pub proxy: RecordingProxy,
    _users: tempfile::TempDir,
}

pub enum Target {
    Mock(Mock),
    Server(Box<ServerTarget>),
}

impl Target {
    pub fn mock() -> Target {
        Target::Mock(Mock::start())
    }

    /// `pxfw server --local-agents 3` with the user alice, waited for until its agents are active.
    pub fn server() -> Target {
        let users = tempfile::tempdir().expect("tempdir");
        let file = users.path().join("users");
        std::fs::write(&file, format!("{USER}:{PASSWORD}\n")).expect("users file");
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                .expect("chmod users file");
        }
        let file = file.to_string_lossy().into_owned();
        let cluster = Cluster::start(&[], &["--local-agents", "3", "--users-file", &file]);
        cluster.wait_agents(3);
        let proxy = RecordingProxy::start(&cluster.url);
        Target::Server(Box::new(ServerTarget {
            cluster,
            proxy,
            _users: users,
        }))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Target::Mock(_) => "mock",
            Target::Server(_) => "server",
        }
    }

    /// Where pxfw is pointed: the mock, or the proxy in front of the server.
    pub fn url(&self) -> String {
        match self {
            Target::Mock(m) => m.url(),
            Target::Server(s) => s.proxy.url(),
        }
    }

    /// The token a DCOS_ACS_TOKEN run presents.
    pub fn token(&self) -> String {
        match self {
            Target::Mock(_) => MOCK_TOKEN.to_string(),
            Target::Server(s) => s.cluster.token.clone(),
        }
    }

    /// A pxfw runner the way the DC/OS CLI runs a plugin: DCOS_URL and DCOS_ACS_TOKEN.
    pub fn pxfw(&self) -> Pxfw {
        Pxfw::with_env_cluster(&self.url(), &self.token())
    }

    /// Runs one step: the mock answers from `wire`; the server's recorded traffic must satisfy `wire`.
    pub fn step<T>(&self, wire: Vec<Expect>, run: impl FnOnce() -> T) -> T {
        match self {
            Target::Mock(m) => {
                for e in wire {
                    m.expect(e);
                }
                let out = run();
                m.verify();
                out
            }
            Target::Server(s) => {
                s.proxy.take();
                let out = run();
                check_traffic(&wire, &s.proxy.take());
                out
            }
        }
    }

    /// The server's log tail, for failure messages (empty for the mock).
    pub fn log_tail(&self) -> String {
        match self {
            Target::Mock(_) => String::new(),
            Target::Server(s) => {
                let log = s.cluster.server_log();
                let lines: Vec<&str> = log.lines().collect();
                lines[lines.len().saturating_sub(30)..].join("\n")
            }
        }
    }
}

/// Fails unless every expectation in `wire` was met by `traffic` and every request in `traffic` meets one.
fn check_traffic(wire: &[Expect], traffic: &[Seen]) {
    let checker = Mock::start();
    // Expectations that differ only in their reply (the mock's "202, then 200" sequences) are one request
    // to the server, which may be made once or many times.
    let mut distinct: Vec<&Expect> = Vec::new();
    for e in wire {
        if !distinct.iter().any(|d| same_request(d, e)) {
            distinct.push(e);
        }
    }
    for e in distinct {
        checker.expect(e.clone().times(1));
    }
    for e in wire {
        checker.expect(e.clone().any_times());
    }
    replay(&checker.url(), traffic);
    checker.verify();
}

/// Whether two expectations ask for the same request (their replies aside).
fn same_request(a: &Expect, b: &Expect) -> bool {
    a.method == b.method
        && a.path == b.path
        && a.query == b.query
        && a.headers == b.headers
        && a.absent_headers == b.absent_headers
        && format!("{:?}", a.body) == format!("{:?}", b.body)
}

/// Sends `traffic` to `base` again, request by request, as it was recorded.
fn replay(base: &str, traffic: &[Seen]) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let client = reqwest::Client::new();
        for s in traffic {
            let mut url = url::Url::parse(&format!("{base}{}", s.path)).expect("replay url");
            if !s.query.is_empty() {
                url.query_pairs_mut().extend_pairs(s.query.iter());
            }
            let method = reqwest::Method::from_bytes(s.method.as_bytes()).expect("method");
            let mut req = client.request(method, url);
            for (name, value) in &s.headers {
                if !matches!(
                    name.as_str(),
                    "host" | "content-length" | "transfer-encoding"
                ) {
                    req = req.header(name, value);
                }
            }
            req.body(s.body.clone()).send().await.expect("replay");
        }
    });
}

/// The example repository written by `pxfw::cli::quickstart::write_example_repository`.
pub struct ExampleRepo {
    pub dir: tempfile::TempDir,
    pub json: PathBuf,
    pub zip: PathBuf,
}

impl ExampleRepo {
    pub fn write() -> ExampleRepo {
        let dir = tempfile::tempdir().expect("tempdir");
        let r = pxfw::cli::quickstart::write_example_repository(dir.path())
            .expect("example repository");
        ExampleRepo {
            json: r.json,
            zip: r.zip,
            dir,
        }
    }

    pub fn uri(path: &Path) -> String {
        url::Url::from_file_path(path)
            .expect("absolute path")
            .to_string()
    }

    /// The package entry of the JSON repository (what `describe` returns as `package`).
    pub fn package(&self) -> serde_json::Value {
        let repo: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&self.json).expect("repo.json"))
                .expect("repo json");
        repo["packages"][0].clone()
    }
}
