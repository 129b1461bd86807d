//! A real pxfw cluster for tests: `pxfw server` and `pxfw agent` processes on 127.0.0.1 (or each in a
//! network namespace of its own, see `support::netns`), each in its own directory, torn down (SIGTERM, then
//! SIGKILL) when the value is dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Run;

/// One agent to start: node id, rack.
pub struct AgentSpec {
    pub id: &'static str,
    pub rack: &'static str,
}

/// Agents `n1`, `n2`, `n3` on racks `r1`, `r2`, `r3`: the smallest cluster where three pods spread one per
/// host and rack, and where one can fail over.
pub const THREE_RACKS: &[AgentSpec] = &[
    AgentSpec {
        id: "n1",
        rack: "r1",
    },
    AgentSpec {
        id: "n2",
        rack: "r2",
    },
    AgentSpec {
        id: "n3",
        rack: "r3",
    },
];

/// Server flags for a short lease (500 ms heartbeat, 2 s lease, 1 s grace), so a lost agent is noticed
/// within seconds and every wait in a failover test stays short.
pub const SHORT_LEASE: &[&str] = &[
    "--heartbeat-ms",
    "500",
    "--lease-ms",
    "2000",
    "--grace-ms",
    "1000",
];

pub struct Cluster {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub token: String,
    server: Option<Child>,
    agents: Vec<(String, Child)>,
    extra_server_args: Vec<String>,
    hosts: Box<dyn Hosts>,
}

/// Where a cluster's processes run: [`Local`] puts all of them on 127.0.0.1 of the test's own network
/// namespace; `support::netns` gives each host a namespace and an address of its own, so a test can cut
/// the network between them.
pub trait Hosts: Send + Sync {
    /// `pxfw` as started on the server's host: the server itself and the operator's CLI.
    fn server_pxfw(&self) -> Command;
    /// `pxfw` (the binary `exe`) as started on agent `id`'s host.
    fn agent_pxfw(&self, id: &str, exe: &Path) -> Command;
    /// The server's `--listen` address.
    fn server_listen(&self) -> String;
    /// Flags agent `id` gets on top of the ones every agent gets.
    fn agent_args(&self, _id: &str) -> Vec<String> {
        Vec::new()
    }
}

/// Every process on 127.0.0.1, as the tests have always run.
pub struct Local;

impl Hosts for Local {
    fn server_pxfw(&self) -> Command {
        Command::new(bin())
    }
    fn agent_pxfw(&self, _id: &str, exe: &Path) -> Command {
        Command::new(exe)
    }
    fn server_listen(&self) -> String {
        "127.0.0.1:0".into()
    }
}

/// A server started by the tests ignores SIGXFSZ, so a file-size limit (a simulated full disk) makes its
/// writes fail with an error instead of killing it — as ENOSPC would.
trait IgnoreFileSizeSignal {
    fn ignore_file_size_signal(&mut self) -> &mut Self;
}

impl IgnoreFileSizeSignal for Command {
    fn ignore_file_size_signal(&mut self) -> &mut Self {
        use std::os::unix::process::CommandExt;
        // SAFETY: only async-signal-safe calls between fork and exec; an ignored disposition survives exec.
        unsafe {
            self.pre_exec(|| {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            })
        }
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pxfw")
}

impl Cluster {
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("server")
    }

    pub fn volumes_dir(&self) -> PathBuf {
        self.data_dir().join("volumes").join("volumes")
    }

    fn spawn_server(hosts: &dyn Hosts, dir: &Path, extra: &[String]) -> Child {
        let log = std::fs::File::create(dir.join("server.log")).expect("server log");
        hosts
            .server_pxfw()
            .args(["server", "--listen", &hosts.server_listen(), "--data-dir"])
            .arg(dir.join("server"))
            .args(extra)
            .env("RUST_LOG", "info")
            .env("PXFW_HOME", dir.join("home"))
            .ignore_file_size_signal()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start pxfw server")
    }

    /// Starts a server (with `extra` flags) and the given agents, and waits until every agent is ACTIVE.
    pub fn start(agents: &[AgentSpec], extra: &[&str]) -> Cluster {
        Cluster::start_on(Box::new(Local), agents, extra)
    }

    /// [`Cluster::start`] with the processes placed by `hosts`.
    pub fn start_on(hosts: Box<dyn Hosts>, agents: &[AgentSpec], extra: &[&str]) -> Cluster {
        let dir = tempfile::tempdir().expect("tempdir");
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        let server = Self::spawn_server(hosts.as_ref(), dir.path(), &extra);
        let url_file = dir.path().join("server/server.url");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !url_file.exists() {
            assert!(
                Instant::now() < deadline,
                "the server did not start; see {}",
                dir.path().join("server.log").display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let url = std::fs::read_to_string(&url_file).unwrap();
        let token = std::fs::read_to_string(dir.path().join("server/token"))
            .unwrap()
            .trim()
            .to_string();
        let mut c = Cluster {
            dir,
            url,
            token,
            server: Some(server),
            agents: Vec::new(),
            extra_server_args: extra,
            hosts,
        };
        for a in agents {
            c.start_agent(a.id, a.rack);
        }
        c.wait_agents(agents.len());
        c
    }

    /// [`THREE_RACKS`] under a server started with `server_args`.
    pub fn three_racks(server_args: &[&str]) -> Cluster {
        Cluster::start(THREE_RACKS, server_args)
    }

    pub fn start_agent(&mut self, id: &str, rack: &str) {
        self.start_agent_with(id, rack, &[]);
    }

    /// [`Cluster::start_agent`] with extra `pxfw agent` flags (e.g. `--listen 127.0.0.1:0`).
    pub fn start_agent_with(&mut self, id: &str, rack: &str, extra: &[&str]) {
        self.start_agent_from(Path::new(bin()), id, rack, extra);
    }

    /// [`Cluster::start_agent_with`] with another `pxfw` binary (an upgraded agent); the log is appended to.
    pub fn start_agent_from(&mut self, exe: &Path, id: &str, rack: &str, extra: &[&str]) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join(format!("agent-{id}.log")))
            .expect("agent log");
        let child = self
            .hosts
            .agent_pxfw(id, exe)
            .args(["agent", "--server", &self.url, "--token-file"])
            .arg(self.dir.path().join("server/token"))
            .args([
                "--node-id",
                id,
                "--hostname",
                &format!("host-{id}"),
                "--rack",
                rack,
                "--zone",
                "z1",
            ])
            .arg("--data-dir")
            .arg(self.dir.path().join("agents").join(id))
            .args(self.hosts.agent_args(id))
            .args(extra)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start pxfw agent");
        self.agents.push((id.to_string(), child));
    }

    /// Waits until `n` agents are ACTIVE.
    pub fn wait_agents(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let v = self.status();
            let active = v["agents"]
                .as_array()
                .map(|a| a.iter().filter(|x| x["status"] == "ACTIVE").count())
                .unwrap_or(0);
            if active >= n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "only {active}/{n} agents became active"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs `pxfw` against this cluster as an operator would (DCOS_URL + the server token).
    pub fn pxfw(&self, args: &[&str]) -> Run {
        let out = self
            .hosts
            .server_pxfw()
            .args(args)
            .env("DCOS_URL", &self.url)
            .env("DCOS_ACS_TOKEN", &self.token)
            .env("DCOS_DIR", self.dir.path().join("dcos"))
            .env("PXFW_NO_KEYRING", "1")
            .stdin(Stdio::null())
            .output()
            .expect("run pxfw");
        Run::from_output(out)
    }

    /// The cluster's nodes and leases (`pxfw cluster status --json`).
    pub fn status(&self) -> serde_json::Value {
        let r = self.pxfw(&["cluster", "status", "--json"]);
        serde_json::from_str(&r.stdout).unwrap_or(serde_json::Value::Null)
    }

    /// Waits for a plan to complete with `pxfw plan wait`.
    pub fn wait_plan(&self, service: &str, plan: &str, timeout: &str) -> Run {
        self.pxfw(&[
            "plan",
            "wait",
            plan,
            "--timeout",
            timeout,
            "--name",
            service,
        ])
    }

    /// The node and hostname a pod's first task runs on, from `pod info`.
    pub fn pod_node(&self, service: &str, pod: &str) -> String {
        let r = self.pxfw(&["pod", "info", pod, "--name", service]).ok();
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("pod info json");
        v[0]["info"]["slaveId"]["value"]
            .as_str()
            .expect("slaveId")
            .to_string()
    }

    /// A volume's metadata as the local driver stores it.
    pub fn volume_meta(&self, name: &str) -> serde_json::Value {
        let text = std::fs::read_to_string(self.volumes_dir().join(name).join("meta.json"))
            .expect("volume meta");
        serde_json::from_str::<serde_json::Value>(&text).expect("meta json")["volume"].clone()
    }

    pub fn agent_pid(&self, id: &str) -> Option<u32> {
        self.agents
            .iter()
            .find(|(a, _)| a == id)
            .map(|(_, c)| c.id())
    }

    /// Sends a signal to an agent process.
    pub fn signal_agent(&self, id: &str, sig: i32) {
        if let Some(pid) = self.agent_pid(id) {
            unsafe {
                libc::kill(pid as i32, sig);
            }
        }
    }

    /// Sends a signal to the server process (SIGSTOP / SIGCONT: a server unreachable for a while).
    pub fn signal_server(&self, sig: i32) {
        if let Some(s) = &self.server {
            unsafe {
                libc::kill(s.id() as i32, sig);
            }
        }
    }

    /// Limits the size of every file the server writes (`None`: no limit), as a full disk would: a write
    /// past the limit fails (the server ignores SIGXFSZ, see `spawn_server`).
    pub fn limit_server_files(&self, bytes: Option<u64>) {
        let Some(s) = &self.server else { return };
        let limit = libc::rlimit {
            rlim_cur: bytes.unwrap_or(libc::RLIM_INFINITY),
            rlim_max: libc::RLIM_INFINITY,
        };
        let rc = unsafe {
            libc::prlimit(
                s.id() as libc::pid_t,
                libc::RLIMIT_FSIZE,
                &limit,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, 0, "prlimit: {}", std::io::Error::last_os_error());
    }

    /// `kill -9` of the server process: no shutdown, no cleanup.
    pub fn kill9_server(&mut self) {
        if let Some(mut s) = self.server.take() {
            let _ = s.kill();
            let _ = s.wait();
        }
    }

    /// Starts the server again on the same address and data directory (the agents keep their URL).
    pub fn restart_server(&mut self) {
        assert!(self.server.is_none(), "stop the server first");
        let addr = self.url.trim_start_matches("http://").to_string();
        let mut extra = vec!["--listen".to_string(), addr];
        extra.extend(self.extra_server_args.iter().cloned());
        // Later flags win with clap, so the fixed address replaces the original `127.0.0.1:0`.
        let log = std::fs::OpenOptions::new()
            .append(true)
            .open(self.dir.path().join("server.log"))
            .expect("log");
        let child = self
            .hosts
            .server_pxfw()
            .args(["server", "--data-dir"])
            .arg(self.dir.path().join("server"))
            .args(&extra)
            .env("RUST_LOG", "info")
            .env("PXFW_HOME", self.dir.path().join("home"))
            .ignore_file_size_signal()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("restart pxfw server");
        self.server = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.pxfw(&["cluster", "status", "--json"]).code != 0 {
            assert!(
                Instant::now() < deadline,
                "the server did not come back:\n{}",
                self.server_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `kill -9` of an agent process (its fencing watchdog stays, as it would on a real node).
    pub fn kill9_agent(&mut self, id: &str) {
        if let Some(pos) = self.agents.iter().position(|(a, _)| a == id) {
            let (_, mut child) = self.agents.remove(pos);
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn agent_dir(&self, id: &str) -> PathBuf {
        self.dir.path().join("agents").join(id)
    }

    /// Live processes whose working directory is inside this cluster's directory (task processes).
    pub fn task_processes(&self) -> Vec<(i32, PathBuf)> {
        let root = self.dir.path().join("agents");
        let mut out = Vec::new();
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let Ok(cwd) = std::fs::read_link(e.path().join("cwd")) else {
                continue;
            };
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            let zombie = stat
                .rsplit_once(')')
                .is_some_and(|(_, r)| r.trim_start().starts_with('Z'));
            if cwd.starts_with(&root) && !zombie {
                out.push((pid, cwd));
            }
        }
        out
    }

    /// Sends `sig` to the server and waits up to `limit` for it to exit: how long it took, or `None` (then
    /// it is killed with SIGKILL, so the test's clean-up is not held up).
    pub fn signal_and_wait_server(&mut self, sig: i32, limit: Duration) -> Option<Duration> {
        let mut child = self.server.take().expect("the server runs");
        signal_and_wait(&mut child, sig, limit)
    }

    /// [`Cluster::signal_and_wait_server`] for an agent.
    pub fn signal_and_wait_agent(
        &mut self,
        id: &str,
        sig: i32,
        limit: Duration,
    ) -> Option<Duration> {
        let pos = self
            .agents
            .iter()
            .position(|(a, _)| a == id)
            .expect("agent");
        let (_, mut child) = self.agents.remove(pos);
        signal_and_wait(&mut child, sig, limit)
    }

    /// Live processes (not zombies) whose command line or working directory names a path under `root`
    /// (the test's directory or part of it): pxfw processes, fencing watchdogs, tasks.
    pub fn processes_under(root: &Path) -> Vec<(i32, String)> {
        let root = root.to_string_lossy().to_string();
        let mut out = Vec::new();
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            if stat
                .rsplit_once(')')
                .is_none_or(|(_, r)| r.trim_start().starts_with('Z'))
            {
                continue;
            }
            let cmdline = std::fs::read(e.path().join("cmdline"))
                .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
                .unwrap_or_default();
            let cwd = std::fs::read_link(e.path().join("cwd"))
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default();
            if cmdline.contains(&root) || cwd.starts_with(&root) {
                out.push((pid, format!("{cmdline} (cwd {cwd})")));
            }
        }
        out
    }

    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }
}

fn signal_and_wait(child: &mut Child, sig: i32, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    unsafe {
        libc::kill(child.id() as i32, sig);
    }
    while start.elapsed() < limit {
        if let Ok(Some(_)) = child.try_wait() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn stop(child: &mut Child) {
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for (_, a) in &mut self.agents {
            stop(a);
        }
        if let Some(s) = &mut self.server {
            stop(s);
        }
        // A stopped `pxfw agent` leaves its tasks running for the next agent process, under its watchdog;
        // the test's directory is about to go, and with it what the watchdog guards. End them now, each
        // task's whole process group included.
        let inside = format!("{}/", self.dir.path().display());
        let left = Cluster::processes_under(self.dir.path());
        for (pid, _) in left.into_iter().filter(|(_, p)| p.contains(&inside)) {
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
}
