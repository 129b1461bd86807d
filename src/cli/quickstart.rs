//! `pxfw quickstart`: a one-machine pxfw cluster running the example service, in one command.
//!
//! Every step is idempotent, so running it again resumes or just shows the state:
//! 1. start `pxfw server --local-agents 3` in the background (three nodes on three racks), with its data
//!    dir, token and log under `<pxfw home>/quickstart` (`~/.pxfw` or `$PXFW_HOME`);
//! 2. set the cluster up in the DC/OS CLI configuration (`$DCOS_DIR` or `~/.dcos`) and log in as `admin`;
//! 3. write the example repository (embedded in this binary) and add it;
//! 4. install `hello-stateful` and wait for its deploy plan, with a progress bar;
//! 5. show its pods with their nodes, racks and volumes, and the commands to try next.
//!
//! `pxfw quickstart --down` stops that server (its agents kill their tasks), forgets the cluster entry and
//! deletes the quickstart directory with every volume in it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use clap::Args;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Globals;
use crate::client::pxfw::PxfwClient;
use crate::cluster::config::{ConfigDir, TlsMode};
use crate::cluster::http::HttpClient;
use crate::cluster::{self, Target, login, secrets};
use crate::dcos::cosmos::{Cosmos, CosmosApiError, PackageInstallRequest};
use crate::dcos::metadata;
use crate::dcos::sdk::SdkClient;
use crate::ops;
use crate::output;

/// The example package quickstart installs.
pub const EXAMPLE_PACKAGE: &str = "hello-stateful";
/// The name the example repository is added under.
pub const EXAMPLE_REPOSITORY: &str = "pxfw-examples";
/// The user quickstart creates and logs in as.
const ADMIN: &str = "admin";
/// The environment variable that hands the admin password to the background server.
const PASSWORD_ENV: &str = "PXFW_QUICKSTART_PASSWORD";
/// The cluster name in the DC/OS CLI configuration.
const CLUSTER_NAME: &str = "pxfw-quickstart";
/// How often the local agents are checked while they register (a fifth of a second).
const AGENT_POLL: Duration = Duration::from_millis(200);

/// The example package's universe files, embedded so an installed binary needs no source tree.
const EXAMPLE_UNIVERSE: [(&str, &str); 4] = [
    (
        "package.json",
        include_str!("../../examples/hello-stateful/universe/package.json"),
    ),
    (
        "config.json",
        include_str!("../../examples/hello-stateful/universe/config.json"),
    ),
    (
        "marathon.json.mustache",
        include_str!("../../examples/hello-stateful/universe/marathon.json.mustache"),
    ),
    (
        "resource.json",
        include_str!("../../examples/hello-stateful/universe/resource.json"),
    ),
];

/// The scheduler artifact's files (path inside `hello-stateful-scheduler/`, text, unix mode).
const EXAMPLE_SCHEDULER: [(&str, &str, u32); 3] = [
    (
        "svc.yml",
        include_str!("../../examples/hello-stateful/scheduler/svc.yml"),
        0o644,
    ),
    (
        "greeting.txt.mustache",
        include_str!("../../examples/hello-stateful/scheduler/greeting.txt.mustache"),
        0o644,
    ),
    (
        "bin/hello-stateful",
        include_str!("../../examples/hello-stateful/scheduler/bin/hello-stateful"),
        0o755,
    ),
];

#[derive(Debug, Args)]
pub struct QuickstartArgs {
    /// Stop the quickstart cluster and remove everything it created (data and volumes included).
    #[arg(long)]
    pub down: bool,
    /// How long to wait for the example to deploy.
    #[arg(long, value_name = "D", default_value = "5m", value_parser = super::plan::parse_duration)]
    pub timeout: Duration,
}

/// The files of a written example repository.
#[derive(Debug, Clone)]
pub struct ExampleRepository {
    /// The JSON repository (v4 format).
    pub json: PathBuf,
    /// The same packages as a legacy zip repository.
    pub zip: PathBuf,
    /// The scheduler artifact both point at (relative to the repository, so it is found beside it).
    pub scheduler_zip: PathBuf,
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes the example repository into `dir`: the package sources, `repo.json`, `repo.zip` and the scheduler
/// artifact `hello-stateful-scheduler.zip`, built the way the SDK tooling builds them.
pub fn write_example_repository(dir: &Path) -> anyhow::Result<ExampleRepository> {
    let universe = dir.join("src").join(EXAMPLE_PACKAGE).join("universe");
    for (name, text) in EXAMPLE_UNIVERSE {
        write_file(&universe.join(name), text.as_bytes())?;
    }
    let entry = crate::universe::build::build_entry(&universe, &BTreeMap::new())?;
    let package = crate::universe::Package::from_json(&entry)?;
    let json = dir.join("repo.json");
    let repo = crate::universe::build::repository_json(vec![entry]);
    write_file(&json, serde_json::to_string_pretty(&repo)?.as_bytes())?;
    let zip = dir.join("repo.zip");
    write_file(&zip, &crate::universe::zip::write("universe", &[package])?)?;

    let scheduler_zip = dir.join(format!("{EXAMPLE_PACKAGE}-scheduler.zip"));
    let mut writer = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, text, mode) in EXAMPLE_SCHEDULER {
        use std::io::Write;
        let options = ::zip::write::SimpleFileOptions::default().unix_permissions(mode);
        writer.start_file(format!("{EXAMPLE_PACKAGE}-scheduler/{path}"), options)?;
        writer.write_all(text.as_bytes())?;
    }
    write_file(&scheduler_zip, &writer.finish()?.into_inner())?;
    Ok(ExampleRepository {
        json,
        zip,
        scheduler_zip,
    })
}

/// What quickstart remembers about the server it started.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct State {
    pid: u32,
    url: String,
    cluster_id: String,
}

struct Paths {
    root: PathBuf,
}

impl Paths {
    fn new() -> anyhow::Result<Paths> {
        Ok(Paths {
            root: super::server::pxfw_home()?.join("quickstart"),
        })
    }
    fn state(&self) -> PathBuf {
        self.root.join("state.json")
    }
    fn data(&self) -> PathBuf {
        self.root.join("server")
    }
    fn log(&self) -> PathBuf {
        self.root.join("server.log")
    }
    fn password(&self) -> PathBuf {
        self.root.join("admin-password")
    }
    fn examples(&self) -> PathBuf {
        self.root.join("examples")
    }
    fn load_state(&self) -> Option<State> {
        serde_json::from_slice(&std::fs::read(self.state()).ok()?).ok()
    }
}

pub async fn run(args: QuickstartArgs, g: &Globals) -> anyhow::Result<()> {
    let paths = Paths::new()?;
    if args.down {
        return down(&paths);
    }
    up(&paths, &args, g).await
}

fn client(url: &str, token: Option<String>) -> anyhow::Result<HttpClient> {
    cluster::client_for(&Target {
        url: cluster::parse_cluster_url(url)?,
        tls: TlsMode::Verify,
        timeout: Duration::from_secs(60),
        token,
        cluster: None,
    })
}

/// The cluster id the server at `url` reports, if it answers.
async fn cluster_id_at(url: &str) -> Option<String> {
    let http = client(url, None).ok()?;
    let v = metadata::get_object(&http, "/metadata").await.ok()?;
    v.get("CLUSTER_ID")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// A process is alive (and not a zombie waiting to be reaped).
fn alive(pid: u32) -> bool {
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        return !stat
            .rsplit_once(')')
            .is_some_and(|(_, r)| r.trim_start().starts_with('Z'));
    }
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}

/// Whether `pid` is the quickstart server (its command line names the quickstart data dir), so a recycled
/// pid is never signalled.
fn is_quickstart_server(pid: u32, data: &Path) -> bool {
    match std::fs::read(format!("/proc/{pid}/cmdline")) {
        Ok(cmdline) => {
            let want = data.as_os_str().as_encoded_bytes();
            alive(pid) && cmdline.split(|b| *b == 0).any(|arg| arg == want)
        }
        Err(_) => alive(pid),
    }
}

fn random_password() -> String {
    use rand::Rng;
    let mut bytes = [0u8; 18];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts the server in the background, detached from this terminal, and returns its state.
async fn start_server(paths: &Paths, password: &str) -> anyhow::Result<State> {
    std::fs::create_dir_all(paths.data())
        .with_context(|| format!("cannot create {}", paths.data().display()))?;
    let url_file = paths.data().join("server.url");
    let _ = std::fs::remove_file(&url_file);
    let log = std::fs::File::create(paths.log())
        .with_context(|| format!("cannot create {}", paths.log().display()))?;
    let exe = std::env::current_exe().context("cannot find the pxfw executable")?;
    let mut cmd = Command::new(exe);
    cmd.args([
        "server",
        "--listen",
        "127.0.0.1:0",
        "--local-agents",
        "3",
        "--user",
        ADMIN,
    ])
    .args(["--password-env", PASSWORD_ENV, "--data-dir"])
    .arg(paths.data())
    .env(PASSWORD_ENV, password)
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(log);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setsid is async-signal-safe; it detaches the server from this terminal's session so it
        // outlives this command and ignores the terminal's Ctrl-C.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().context("cannot start pxfw server")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let url = loop {
        if let Ok(url) = std::fs::read_to_string(&url_file)
            && !url.trim().is_empty()
        {
            break url.trim().to_string();
        }
        if let Some(status) = child.try_wait()? {
            bail!(
                "pxfw server exited at start ({status}); its log {} says:\n{}",
                paths.log().display(),
                log_tail(&paths.log())
            );
        }
        if Instant::now() >= deadline {
            bail!(
                "pxfw server did not start within a minute; see {}",
                paths.log().display()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let cluster_id = loop {
        if let Some(id) = cluster_id_at(&url).await {
            break id;
        }
        if Instant::now() >= deadline {
            bail!(
                "pxfw server at {url} does not answer; see {}",
                paths.log().display()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    Ok(State {
        pid: child.id(),
        url,
        cluster_id,
    })
}

fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// Waits until the three local agents are active.
async fn wait_agents(pxfw: &PxfwClient, deadline: Instant) -> anyhow::Result<()> {
    loop {
        let status = pxfw.cluster().await?;
        let active = status.agents.iter().filter(|a| a.is_active()).count();
        if active >= 3 {
            return Ok(());
        }
        if Instant::now() >= deadline {
            bail!("only {active} of 3 local agents became active");
        }
        tokio::time::sleep(AGENT_POLL).await;
    }
}

fn cosmos_kind(e: &anyhow::Error) -> Option<&str> {
    e.downcast_ref::<CosmosApiError>().map(|c| c.kind.as_str())
}

async fn up(paths: &Paths, args: &QuickstartArgs, g: &Globals) -> anyhow::Result<()> {
    let deadline = Instant::now() + args.timeout;
    std::fs::create_dir_all(&paths.root)
        .with_context(|| format!("cannot create {}", paths.root.display()))?;
    let password = match std::fs::read_to_string(paths.password()) {
        Ok(p) if !p.trim().is_empty() => p.trim().to_string(),
        _ => {
            let p = random_password();
            crate::cluster::config::write_private(&paths.password(), p.as_bytes())?;
            p
        }
    };

    // 1. The server: reuse the running one, else start it (again on the same data: services survive).
    let running = match paths.load_state() {
        Some(st)
            if is_quickstart_server(st.pid, &paths.data())
                && cluster_id_at(&st.url).await.as_deref() == Some(&st.cluster_id) =>
        {
            Some(st)
        }
        _ => None,
    };
    let state = match running {
        Some(st) => {
            println!(
                "pxfw quickstart is already running at {} (pid {}).",
                st.url, st.pid
            );
            st
        }
        None => {
            println!("Starting pxfw server with 3 local agents on racks rack-1, rack-2, rack-3 …");
            let st = start_server(paths, &password).await?;
            std::fs::write(paths.state(), serde_json::to_vec_pretty(&st)?)?;
            println!(
                "pxfw server is running at {} (pid {}, log {}).",
                st.url,
                st.pid,
                paths.log().display()
            );
            st
        }
    };

    // 2. The cluster entry and a login, as `pxfw cluster setup` and `pxfw auth login` make them.
    let configured = ops::cluster::setup(
        &ConfigDir::from_env()?,
        &cluster::parse_cluster_url(&state.url)?,
        Some(CLUSTER_NAME.into()),
        TlsMode::Verify,
        None,
    )
    .await?;
    super::cluster::print_setup(&configured, false)?;
    let token = login::with_password(&client(&state.url, None)?, ADMIN, &password).await?;
    let mut entry = ConfigDir::from_env()?.find(&state.cluster_id)?;
    let stored = secrets::store_token(&mut entry, &token)?;
    println!(
        "Logged in as {ADMIN} (password in {}); the token is stored in {stored}.",
        paths.password().display()
    );

    let http = client(&state.url, Some(token))?;
    let target = Target {
        url: cluster::parse_cluster_url(&state.url)?,
        tls: TlsMode::Verify,
        timeout: Duration::from_secs(60),
        token: None,
        cluster: None,
    };
    let cosmos = Cosmos::new(http.clone(), &target);
    wait_agents(&PxfwClient::new(http.clone()), deadline).await?;

    // 3. The example repository, written from this binary.
    let repo = write_example_repository(&paths.examples())?;
    let repo_uri = url::Url::from_file_path(&repo.json)
        .map_err(|()| anyhow!("{} cannot be written as a file:// URL", repo.json.display()))?
        .to_string();
    match cosmos
        .repository_add(EXAMPLE_REPOSITORY, &repo_uri, None)
        .await
    {
        Ok(_) => println!("Added the example repository {EXAMPLE_REPOSITORY} ({repo_uri})."),
        Err(e) if cosmos_kind(&e) == Some("RepositoryAlreadyPresent") => {
            println!("The example repository {EXAMPLE_REPOSITORY} is already added.")
        }
        Err(e) => return Err(e),
    }

    // 4. The example service.
    let req = PackageInstallRequest {
        package_name: EXAMPLE_PACKAGE.into(),
        ..Default::default()
    };
    match cosmos.install(&req).await {
        Ok(_) => println!(
            "Installing {EXAMPLE_PACKAGE}: 3 pods, one per node, each with its own volume …"
        ),
        Err(e) if cosmos_kind(&e) == Some("PackageAlreadyInstalled") => {
            println!("{EXAMPLE_PACKAGE} is already installed.")
        }
        Err(e) => return Err(e),
    }
    let left = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_secs(1));
    super::wait::plan_complete(&http, EXAMPLE_PACKAGE, "deploy", left).await?;

    // 5. Where everything is.
    show_pods(&http, EXAMPLE_PACKAGE, g).await?;
    if !g.json {
        println!();
        println!("{EXAMPLE_PACKAGE} is RUNNING. Try next:");
        for line in [
            format!(
                "pxfw plan status deploy --name {EXAMPLE_PACKAGE}       # the rollout, step by step"
            ),
            format!("pxfw pod status --name {EXAMPLE_PACKAGE}               # pods and tasks"),
            format!("pxfw update start --name {EXAMPLE_PACKAGE} --set hello.greeting=hi --wait"),
            format!(
                "pxfw pod replace hello-0 --name {EXAMPLE_PACKAGE}      # moves a pod, its volume follows"
            ),
            format!(
                "pxfw uninstall {EXAMPLE_PACKAGE} --yes --wait          # uninstall plan, volumes deleted"
            ),
            "pxfw quickstart --down                               # stop and remove the quickstart"
                .to_string(),
        ] {
            println!("  {line}");
        }
        println!(
            "Volumes live in {}.",
            paths.data().join("volumes").display()
        );
    }
    Ok(())
}

/// One pod row of the table.
#[derive(Debug, Serialize)]
struct PodRow {
    pod: String,
    status: String,
    node: String,
    rack: String,
    volumes: Vec<String>,
}

/// The pods of `service` with the node, rack and volumes of each, from the scheduler API and the cluster.
async fn show_pods(http: &HttpClient, service: &str, g: &Globals) -> anyhow::Result<()> {
    let cluster = PxfwClient::new(http.clone()).cluster().await?;
    let rack_of = |node: &str| -> String {
        cluster
            .agents
            .iter()
            .find(|a| a.node_id == node)
            .and_then(|a| a.rack.clone())
            .unwrap_or_else(|| "-".to_string())
    };
    let sdk = SdkClient::new(http.clone(), service)?;
    let target = sdk.target_configuration().await?.value;
    let volume_bases = |pod_type: &str| -> Vec<String> {
        let mut bases: Vec<String> = target["pod-specs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["type"] == pod_type)
            .flat_map(|p| p["task-specs"].as_array().cloned().unwrap_or_default())
            .flat_map(|t| {
                t["resource-set"]["volume-specifications"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|v| v["volume-name"].as_str().map(str::to_string))
            .collect();
        bases.dedup();
        bases
    };
    let status: Value = serde_json::from_slice(&sdk.service_status().await?.body)?;
    let mut rows = Vec::new();
    for pod_type in status["pods"].as_array().into_iter().flatten() {
        let kind = pod_type["name"].as_str().unwrap_or_default();
        for instance in pod_type["instances"].as_array().into_iter().flatten() {
            let pod = instance["name"].as_str().unwrap_or_default().to_string();
            let index = pod.rsplit('-').next().unwrap_or("0").to_string();
            let states: Vec<&str> = instance["tasks"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t["status"].as_str())
                .collect();
            let info = sdk.pod_info(&pod).await?.value;
            let node = info[0]["info"]["slaveId"]["value"]
                .as_str()
                .unwrap_or("-")
                .to_string();
            rows.push(PodRow {
                rack: rack_of(&node),
                status: if states.is_empty() {
                    "-".into()
                } else {
                    states.join(",")
                },
                volumes: volume_bases(kind)
                    .iter()
                    .map(|b| format!("{b}-{index}"))
                    .collect(),
                node,
                pod,
            });
        }
    }
    if g.json {
        return output::print_json(&rows);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.pod.clone(),
                r.status.clone(),
                r.node.clone(),
                r.rack.clone(),
                r.volumes.join(","),
            ]
        })
        .collect();
    println!();
    output::print_table(&["POD", "STATUS", "NODE", "RACK", "VOLUME"], &table);
    Ok(())
}

/// Stops the server, forgets the cluster entry and removes the quickstart directory.
fn down(paths: &Paths) -> anyhow::Result<()> {
    let state = paths.load_state();
    if state.is_none() && !paths.root.exists() {
        println!(
            "No pxfw quickstart is set up (nothing in {}).",
            paths.root.display()
        );
        return Ok(());
    }
    if let Some(st) = &state {
        if is_quickstart_server(st.pid, &paths.data()) {
            println!(
                "Stopping pxfw server (pid {}); its agents stop their tasks …",
                st.pid
            );
            // SAFETY: the pid was checked to be the quickstart server; SIGTERM asks it to shut down cleanly.
            unsafe {
                libc::kill(st.pid as libc::pid_t, libc::SIGTERM);
            }
            let deadline = Instant::now() + Duration::from_secs(30);
            while alive(st.pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
            }
            if alive(st.pid) {
                // SAFETY: as above; it did not stop in time.
                unsafe {
                    libc::kill(st.pid as libc::pid_t, libc::SIGKILL);
                }
            }
        }
        if let Ok(dir) = ConfigDir::from_env()
            && let Ok(mut c) = dir.find(&st.cluster_id)
        {
            secrets::clear_token(&mut c)?;
            dir.remove(&c)?;
            println!(
                "Removed the cluster entry {CLUSTER_NAME} ({}).",
                st.cluster_id
            );
        }
    }
    std::fs::remove_dir_all(&paths.root)
        .with_context(|| format!("cannot remove {}", paths.root.display()))?;
    println!(
        "Removed {} (server data, volumes, example repository).",
        paths.root.display()
    );
    Ok(())
}
