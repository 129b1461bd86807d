//! The command line: argv → plugin-mode detection → clap → handler → exit code.
//!
//! Each command group lives in its own file with its clap definition and handler; this file only holds the
//! root, the flags every command shares ([`Globals`]) and the dispatch. A handler turns its arguments into
//! a call of a workflow in [`crate::ops`] or of a typed client ([`crate::client`], [`crate::dcos`]) and
//! prints the typed result. No HTTP details live in `cli/`: no request is built and no status code is
//! read here, only mapped errors to exit codes.

pub mod agent;
pub mod auth;
pub mod cleanup;
pub mod cluster;
pub mod debug;
pub mod dist;
pub mod endpoints;
pub mod exit;
pub mod node;
pub mod offline;
pub mod options;
pub mod package;
pub mod plan;
pub mod pod;
pub mod quickstart;
pub mod repo;
pub mod scale;
pub mod server;
pub mod service;
pub mod snapshot;
pub mod spec;
pub mod uninstall;
pub mod update;
pub mod wait;

use clap::{Parser, Subcommand};

use crate::plugin::{self, Plugin};

use crate::cluster::http::HttpClient;
use crate::dcos::cosmos::Cosmos;

/// pxfw — operate stateful services on Portworx volumes, on DC/OS or on pxfw's own control plane.
#[derive(Debug, Parser)]
#[command(
    name = "pxfw",
    version = version_text(),
    about = "Operate stateful services (Cassandra, HDFS, Kafka, …) on Portworx volumes",
    long_about = "Operate stateful services on Portworx volumes: add package repositories; install, scale, \
update and uninstall services; watch rollout plans; replace pods; clean up.\n\nThe cluster comes from \
DCOS_URL/DCOS_ACS_TOKEN when set, else from the DC/OS CLI configuration (DCOS_DIR, default ~/.dcos): \
the cluster named by DCOS_CLUSTER, else the only one, else the attached one.",
    propagate_version = true
)]
pub struct CommandLine {
    #[command(flatten)]
    pub globals: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Print machine-readable JSON instead of tables and trees.
    #[arg(long, global = true)]
    pub json: bool,
    /// The service to act on (default: the plugin's service, or `<plugin>.service_name` in the config).
    #[arg(long, global = true, value_name = "SVC")]
    pub name: Option<String>,
    /// Answer yes to every confirmation (required in scripts: prompts are refused without a terminal).
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Log each HTTP request with its status and timing (-vv: more detail). Tokens are never logged.
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a one-machine pxfw cluster and deploy the example service in it (`--down` removes it).
    Quickstart(quickstart::QuickstartArgs),
    /// Configure, list, attach and remove clusters (shared with the DC/OS CLI's ~/.dcos).
    #[command(subcommand)]
    Cluster(cluster::ClusterCmd),
    /// Log in and out of the current cluster.
    #[command(subcommand)]
    Auth(auth::AuthCmd),
    /// Manage the package repositories of the cluster.
    #[command(subcommand)]
    Repo(repo::RepoCmd),
    /// Search the cluster's package repositories.
    Search(package::SearchArgs),
    /// Describe a package, or (without PKG) the configuration of the installed service.
    Describe(package::DescribeArgs),
    /// Install a package as a service.
    Install(package::InstallArgs),
    /// List installed services.
    List(package::ListArgs),
    /// Update a service's configuration or package version, and follow the rollout.
    #[command(subcommand)]
    Update(update::UpdateCmd),
    /// Change the number of pods of a service's pod type.
    Scale(scale::ScaleArgs),
    /// Uninstall a service.
    Uninstall(uninstall::UninstallArgs),
    /// Remove what a DC/OS service left behind (reservations, volumes, frameworks, znode, Portworx volumes).
    Cleanup(cleanup::CleanupArgs),
    /// Show and steer a service's rollout plans (deploy, recovery, custom plans).
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// Show, restart and replace a service's pods.
    #[command(subcommand)]
    Pod(pod::PodCmd),
    /// Show a service's endpoints (all names, or one endpoint's addresses).
    #[command(visible_alias = "endpoint")]
    Endpoints(endpoints::EndpointsArgs),
    /// Inspect a service's configurations and state, and pause or resume pods for debugging.
    #[command(subcommand)]
    Debug(debug::DebugCmd),
    /// Validate and render service specs (svc.yml) offline.
    #[command(subcommand)]
    Spec(spec::SpecCmd),
    /// Add and list services on a pxfw server (from a svc.yml, without a package).
    #[command(subcommand)]
    Service(service::ServiceCmd),
    /// Consistency-group snapshots of a whole service, with hooks; restore and clone them.
    #[command(subcommand)]
    Snapshot(snapshot::SnapshotCmd),
    /// Node maintenance on a pxfw control plane: drain, undrain, declare lost, list.
    #[command(subcommand)]
    Node(node::NodeCmd),
    /// Run one node (agent) of a pxfw cluster.
    Agent(agent::AgentArgs),
    /// The agent's fencing watchdog (started by `pxfw agent`; not for direct use).
    #[command(name = "__fence-watch", hide = true)]
    FenceWatch(agent::FenceArgs),
    /// Run the embedded control plane (serves the DC/OS APIs pxfw uses, plus the agent API).
    Server(server::ServerArgs),
    /// Build completions, man pages and DC/OS CLI plugin zips (release tooling; see packaging/README.md).
    #[command(subcommand, hide = true)]
    Dist(dist::DistCmd),
}

/// The shared flags plus what plugin mode implies, handed to every handler.
#[derive(Debug, Clone)]
pub struct Globals {
    pub json: bool,
    pub yes: bool,
    pub verbose: u8,
    pub name: Option<String>,
    pub plugin: Option<Plugin>,
}

impl Globals {
    /// The service commands act on: `--name`, else the plugin's configured or default service.
    pub fn service_name(&self) -> anyhow::Result<String> {
        if let Some(name) = &self.name {
            return validate_service_name(name);
        }
        if let Some(p) = &self.plugin {
            return Ok(p.service_name());
        }
        Err(exit::Exit::usage("which service? pass --name SVC").into())
    }
}

/// `validate_service_name` as a usage error (exit 2) for the CLI.
pub fn validate_service_name(name: &str) -> anyhow::Result<String> {
    crate::api::names::validate_service_name(name)
        .map_err(|e| exit::Exit::usage(e.to_string()).into())
}

/// `pxfw --version`: the release, the git commit it was built from (recorded by build.rs) and the API
/// generations it speaks, so a bug report says exactly what ran against what.
fn version_text() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        " (commit ",
        env!("PXFW_GIT_COMMIT"),
        "; API generations: DC/OS Cosmos v1-v3, dcos-commons SDK 0.40.5 fork and 0.58 upstream)"
    )
}

/// Entry point used by `main`: parses argv, runs the command and maps the outcome to an exit code.
pub fn main() -> i32 {
    let argv: Vec<String> = std::env::args().collect();
    let (plugin, args) = plugin::detect(&argv);
    if let Some(p) = &plugin
        && let Some(code) = p.answer_legacy_flags(&args)
    {
        return code;
    }
    let cli = match CommandLine::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let verbosity = cli.globals.verbose.max(plugin::env_verbosity());
    init_logging(verbosity);
    let globals = Globals {
        json: cli.globals.json,
        yes: cli.globals.yes,
        verbose: verbosity,
        name: cli.globals.name.clone(),
        plugin,
    };
    // Long-running daemons get worker threads; one-shot commands stay on a current-thread runtime.
    let daemon = matches!(cli.command, Command::Server(_) | Command::Agent(_));
    let mut builder = if daemon {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Error: cannot start the async runtime: {e}");
            return exit::FAILED;
        }
    };
    let result = runtime.block_on(dispatch(cli.command, &globals));
    if daemon {
        // Dropping the runtime would wait for every blocking task still running; a daemon told to stop
        // must not (issue 15: exit within 5 s of SIGTERM).
        runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    }
    match result {
        Ok(()) => 0,
        Err(err) => {
            report(&err);
            exit::code_of(&err)
        }
    }
}

fn report(err: &anyhow::Error) {
    // The outermost context first, then each cause that adds something.
    let mut seen = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if seen.iter().any(|s: &String| s.contains(&text)) {
            continue;
        }
        seen.push(text);
    }
    eprintln!("Error: {}", seen.join("\n  caused by: "));
}

fn init_logging(verbosity: u8) {
    let filter = match verbosity {
        0 => "warn",
        1 => "warn,pxfw=info",
        _ => "info,pxfw=debug",
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .try_init();
}

async fn dispatch(command: Command, g: &Globals) -> anyhow::Result<()> {
    match command {
        Command::Cluster(cmd) => cluster::run(cmd, g).await,
        Command::Auth(cmd) => auth::run(cmd, g).await,
        Command::Repo(cmd) => repo::run(cmd, g).await,
        Command::Search(args) => package::search(args, g).await,
        Command::Describe(args) => package::describe(args, g).await,
        Command::Install(args) => package::install(args, g).await,
        Command::List(args) => package::list(args, g).await,
        Command::Update(cmd) => update::run(cmd, g).await,
        Command::Scale(args) => scale::run(args, g).await,
        Command::Uninstall(args) => uninstall::run(args, g).await,
        Command::Cleanup(args) => cleanup::run(args, g).await,
        Command::Plan(cmd) => plan::run(cmd, g).await,
        Command::Pod(cmd) => pod::run(cmd, g).await,
        Command::Endpoints(args) => endpoints::run(args, g).await,
        Command::Debug(cmd) => debug::run(cmd, g).await,
        Command::Spec(cmd) => spec::run(cmd, g.json).await,
        Command::Server(args) => server::run(args, g).await,
        Command::Quickstart(args) => quickstart::run(args, g).await,
        Command::Agent(args) => agent::run(args, g).await,
        Command::Node(cmd) => node::run(cmd, g).await,
        Command::FenceWatch(args) => {
            crate::agent::fence::watch(&args.data_dir, args.agent_pid);
            Ok(())
        }
        Command::Service(cmd) => service::run(cmd, g).await,
        Command::Snapshot(cmd) => snapshot::run(cmd, g).await,
        Command::Dist(cmd) => dist::run(cmd, g),
    }
}

/// Cosmos on the selected cluster, and the HTTP client under it (for the calls that follow, e.g. waiting
/// for the service's plan).
pub(crate) fn cosmos() -> anyhow::Result<(Cosmos, HttpClient)> {
    let target = crate::cluster::resolve()?;
    let http = crate::cluster::client_for(&target)?;
    Ok((Cosmos::new(http.clone(), &target), http))
}

/// Asks for confirmation unless `--yes`; refuses (exit 2) without a terminal, because a script that
/// silently waits on stdin is worse than one that fails with a hint.
pub fn confirm(g: &Globals, question: &str) -> anyhow::Result<bool> {
    if g.yes {
        return Ok(true);
    }
    if !crate::output::stdin_is_tty() {
        return Err(exit::Exit::usage(format!(
            "{question} needs confirmation; pass --yes to proceed without a terminal"
        ))
        .into());
    }
    Ok(dialoguer::Confirm::new()
        .with_prompt(question)
        .default(true)
        .interact()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_tree_is_consistent() {
        CommandLine::command().debug_assert();
    }

    #[test]
    fn service_names() {
        assert_eq!(validate_service_name("/cassandra").unwrap(), "cassandra");
        assert_eq!(
            validate_service_name("data/cassandra-1").unwrap(),
            "data/cassandra-1"
        );
        assert!(validate_service_name("Bad Name").is_err());
        assert!(validate_service_name("a//b").is_err());
    }
}
