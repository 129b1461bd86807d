//! A pxfw cluster whose server and agents each live in a network namespace of their own, wired to one
//! bridge, so a test can cut the real network between them (issue 15): a node's link down is a pulled
//! cable, a blackhole route between two hosts is a partition only they see.
//!
//! Layout of one [`Net`] (`P` = `pxfw-<test pid>-<k>`, `k` counts the nets of this process):
//!
//! ```text
//!   P-br:  br0 ── p0 ── eth0 of P-s     (the server, 10.<k>.0.1)
//!              ├─ p1 ── eth0 of P-n1    (agent n1, 10.<k>.0.11)
//!              └─ p2 ── eth0 of P-n2    (agent n2, 10.<k>.0.12) …
//! ```
//!
//! Every interface is created inside the test's namespaces, never in the host's, so tests may run in
//! parallel (each net has its own bridge; the subnets differ only so logs read unambiguously). Dropping the
//! last handle kills whatever still runs in the namespaces and deletes them, after a panic too; the
//! namespaces of a test process that died without dropping are removed by the next [`Net::new`].

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use super::cluster::{AgentSpec, Cluster, Hosts, bin};

/// The namespaces and addresses of one test's hosts; cheap to clone, deleted with the last clone.
#[derive(Clone)]
pub struct Net(Arc<Topology>);

struct Topology {
    prefix: String,
    subnet: u32,
    /// Node ids, in the order their addresses were given (`10.<k>.0.11`, `.12`, …).
    nodes: Vec<String>,
    /// Whether `pxfw agent` has `--listen` (the peer endpoint); until it does, agents start without it.
    agent_listen: bool,
}

/// The host a fault applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host<'a> {
    Server,
    Node(&'a str),
}

static NETS: AtomicU32 = AtomicU32::new(0);

/// Runs `ip ARGS`, panicking with its stderr if it fails: a test whose network is not what it thinks proves
/// nothing.
fn ip(args: &[&str]) {
    let out = Command::new("ip")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run `ip` (iproute2): {e}"));
    assert!(
        out.status.success(),
        "ip {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Kills every process inside namespace `ns` and deletes it (no error if it is already gone).
fn remove_namespace(ns: &str) {
    if let Ok(out) = Command::new("ip").args(["netns", "pids", ns]).output() {
        for pid in String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .filter_map(|p| p.parse::<i32>().ok())
        {
            // SAFETY: kill(2) has no memory effects; the pid is in a namespace only this test created.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
    let _ = Command::new("ip")
        .args(["netns", "del", ns])
        .stderr(std::process::Stdio::null())
        .status();
}

/// Deletes the namespaces left by test processes that no longer exist (killed before their drop ran).
fn remove_stale() {
    let Ok(out) = Command::new("ip").args(["netns", "list"]).output() else {
        return;
    };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        let Some(pid) = name
            .strip_prefix("pxfw-")
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            remove_namespace(name);
        }
    }
}

impl Net {
    /// Creates the bridge, the server's namespace and one namespace per node, all up and addressed.
    pub fn new(nodes: &[&str]) -> Net {
        remove_stale();
        let k = NETS.fetch_add(1, Ordering::Relaxed);
        let topo = Topology {
            prefix: format!("pxfw-{}-{k}", std::process::id()),
            subnet: 100 + k % 150,
            nodes: nodes.iter().map(|n| n.to_string()).collect(),
            agent_listen: agent_has_listen(),
        };
        let br = format!("{}-br", topo.prefix);
        // Dropped on a panic half-way, so a failed set-up leaves nothing behind either.
        let net = Net(Arc::new(topo));
        ip(&["netns", "add", &br]);
        ip(&["-n", &br, "link", "set", "lo", "up"]);
        ip(&["-n", &br, "link", "add", "br0", "type", "bridge"]);
        ip(&["-n", &br, "link", "set", "br0", "up"]);
        let hosts: Vec<Host> = std::iter::once(Host::Server)
            .chain(nodes.iter().map(|n| Host::Node(n)))
            .collect();
        for h in hosts {
            let ns = net.ns(h);
            let port = net.port(h);
            ip(&["netns", "add", &ns]);
            ip(&["-n", &ns, "link", "set", "lo", "up"]);
            ip(&[
                "-n", &ns, "link", "add", "eth0", "type", "veth", "peer", "name", &port, "netns",
                &br,
            ]);
            ip(&["-n", &br, "link", "set", &port, "master", "br0"]);
            ip(&["-n", &br, "link", "set", &port, "up"]);
            ip(&[
                "-n",
                &ns,
                "addr",
                "add",
                &format!("{}/24", net.ip(h)),
                "dev",
                "eth0",
            ]);
            ip(&["-n", &ns, "link", "set", "eth0", "up"]);
        }
        net
    }

    /// The namespace of a host.
    pub fn ns(&self, h: Host) -> String {
        match h {
            Host::Server => format!("{}-s", self.0.prefix),
            Host::Node(id) => format!("{}-{id}", self.0.prefix),
        }
    }

    fn index(&self, h: Host) -> usize {
        match h {
            Host::Server => 0,
            Host::Node(id) => {
                1 + self
                    .0
                    .nodes
                    .iter()
                    .position(|n| n == id)
                    .unwrap_or_else(|| panic!("no node {id} in this net"))
            }
        }
    }

    /// The host's bridge port (in the bridge's namespace).
    fn port(&self, h: Host) -> String {
        format!("p{}", self.index(h))
    }

    /// The host's address.
    pub fn ip(&self, h: Host) -> String {
        let last = match self.index(h) {
            0 => 1,
            i => 10 + i,
        };
        format!("10.{}.0.{last}", self.0.subnet)
    }

    /// Pulls the host's cable: its bridge port goes down, so it reaches nobody and nobody reaches it;
    /// packets are dropped silently, as on a real partition.
    pub fn cut(&self, h: Host) {
        ip(&["-n", &self.bridge(), "link", "set", &self.port(h), "down"]);
    }

    /// Plugs the cable back in.
    pub fn heal(&self, h: Host) {
        ip(&["-n", &self.bridge(), "link", "set", &self.port(h), "up"]);
    }

    fn bridge(&self) -> String {
        format!("{}-br", self.0.prefix)
    }

    /// Splits the network in two: no host of `a` reaches a host of `b` (a blackhole route to each on
    /// both sides), while every host still reaches the others of its own side.
    pub fn partition(&self, a: &[Host], b: &[Host]) {
        self.routes("add", a, b);
    }

    /// Undoes [`Net::partition`] of the same sides.
    pub fn join(&self, a: &[Host], b: &[Host]) {
        self.routes("del", a, b);
    }

    fn routes(&self, verb: &str, a: &[Host], b: &[Host]) {
        for &x in a {
            for &y in b {
                for (from, to) in [(x, y), (y, x)] {
                    let dst = format!("{}/32", self.ip(to));
                    ip(&["-n", &self.ns(from), "route", verb, "blackhole", &dst]);
                }
            }
        }
    }

    /// `pxfw` started inside the host's namespace (`ip netns exec` replaces itself with it, so the
    /// child's pid is pxfw's and signals reach it directly).
    fn pxfw_in(&self, h: Host) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.ns(h), bin()]);
        c
    }
}

/// Whether this build's `pxfw agent` serves the peer endpoint (`--listen`).
fn agent_has_listen() -> bool {
    Command::new(bin())
        .args(["agent", "--help"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("--listen"))
        .unwrap_or(false)
}

impl Hosts for Net {
    fn server_pxfw(&self) -> Command {
        self.pxfw_in(Host::Server)
    }
    fn agent_pxfw(&self, id: &str, exe: &std::path::Path) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.ns(Host::Node(id))]).arg(exe);
        c
    }
    fn server_listen(&self) -> String {
        format!("{}:0", self.ip(Host::Server))
    }
    fn agent_args(&self, id: &str) -> Vec<String> {
        if self.0.agent_listen {
            vec!["--listen".into(), format!("{}:0", self.ip(Host::Node(id)))]
        } else {
            Vec::new()
        }
    }
}

impl Drop for Topology {
    fn drop(&mut self) {
        let mut names = vec![format!("{}-s", self.prefix)];
        names.extend(self.nodes.iter().map(|n| format!("{}-{n}", self.prefix)));
        names.push(format!("{}-br", self.prefix));
        for ns in names {
            remove_namespace(&ns);
        }
    }
}

/// A cluster in a [`Net`]: the processes stop first (the cluster is dropped first), then the namespaces
/// go.
pub struct NetCluster {
    pub cluster: Cluster,
    pub net: Net,
}

impl NetCluster {
    /// A server and the given agents, each in its own namespace, every agent ACTIVE.
    pub fn start(agents: &[AgentSpec], server_args: &[&str]) -> NetCluster {
        let ids: Vec<&str> = agents.iter().map(|a| a.id).collect();
        let net = Net::new(&ids);
        let cluster = Cluster::start_on(Box::new(net.clone()), agents, server_args);
        NetCluster { cluster, net }
    }
}
