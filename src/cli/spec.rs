//! `pxfw spec ...`: check and preview a service spec (`svc.yml`) offline, before it reaches a
//! scheduler. The file is templated exactly as the SDK scheduler would with the given environment
//! (the `env` of the Marathon app), so a missing `--env NODES=3` shows up as a warning here rather
//! than as a scheduler crash loop.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::json;

use crate::spec::summary::{PodSummary, SpecSummary};
use crate::spec::template::{parse_env_assignment, parse_env_file};
use crate::spec::{Diagnostic, Env, LoadedSpec, SpecError, load, summarize};

#[derive(Debug, clap::Subcommand)]
pub enum SpecCmd {
    /// Template a svc.yml with an environment and check it: YAML shape, references between pods,
    /// tasks, resource sets and plans, volumes, ports and placement constraints.
    ///
    /// Problems name the path and line, e.g. `pods.node.tasks.server.cpus: expected a number,
    /// found "abc" (line 12)`. Lines refer to the rendered spec (see `pxfw spec render`).
    Validate(SpecArgs),
    /// Print the templated svc.yml and a summary of each pod type: count, resources, volume names
    /// per instance, placement, and every plan expanded into its steps.
    Render(SpecArgs),
}

#[derive(Debug, clap::Args)]
pub struct SpecArgs {
    /// The svc.yml file (a mustache template). Or use --package with --repo.
    #[arg(
        value_name = "FILE",
        required_unless_present = "package",
        conflicts_with = "package"
    )]
    pub file: Option<PathBuf>,
    /// Take the spec from this package's scheduler artifact, templated with the env of the Marathon app the
    /// package renders to (with --options/--set), exactly as an install would.
    #[arg(long, value_name = "PKG", requires = "repo")]
    pub package: Option<String>,
    /// The package repository (http(s)://, file:// or a path) to read --package from; works offline.
    #[arg(long, value_name = "URI")]
    pub repo: Option<String>,
    #[arg(long, value_name = "V", requires = "package")]
    pub package_version: Option<String>,
    /// Options for rendering --package (a JSON file).
    #[arg(long, value_name = "FILE", requires = "package")]
    pub options: Option<PathBuf>,
    /// One option for rendering --package, e.g. --set nodes.count=5.
    #[arg(long = "set", value_name = "PATH=VALUE", requires = "package")]
    pub sets: Vec<String>,
    /// A scheduler environment variable as KEY=VALUE; repeat for several. Overrides --env-file.
    #[arg(long = "env", short = 'e', value_name = "KEY=VALUE", value_parser = env_pair)]
    pub env: Vec<(String, String)>,
    /// Read variables from a file: KEY=VALUE lines, a JSON object, or a rendered Marathon app
    /// (`pxfw package render` output) whose `env` is used.
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
}

fn env_pair(s: &str) -> Result<(String, String), String> {
    parse_env_assignment(s).map_err(|e| e.to_string())
}

/// Runs a `spec` subcommand; `json` selects machine-readable output.
pub async fn run(cmd: SpecCmd, json: bool) -> anyhow::Result<()> {
    let (args, is_validate) = match cmd {
        SpecCmd::Validate(args) => (args, true),
        SpecCmd::Render(args) => (args, false),
    };
    let source = Source::of(&args).await?;
    if is_validate {
        validate(&source, json)
    } else {
        render(&source, json)
    }
}

/// Where the spec text and its environment come from: a file, or a package's scheduler artifact.
struct Source {
    /// How errors name it: the file path, or `<package> (scheduler-zip: <path>)`.
    label: String,
    template: String,
    env: Env,
}

impl Source {
    async fn of(args: &SpecArgs) -> anyhow::Result<Source> {
        if let (Some(pkg), Some(repo)) = (&args.package, &args.repo) {
            let found = super::offline::package(repo, pkg, args.package_version.as_deref()).await?;
            let options = super::options::user_options(args.options.as_deref(), &args.sets)?;
            let app = found.render(options.as_ref())?;
            let (spec, mut env) = found.scheduler_spec(&app).await?;
            env.extend(read_env(args)?);
            return Ok(Source {
                label: format!("{pkg} (its scheduler's svc.yml)"),
                template: spec.spec,
                env,
            });
        }
        let file = args
            .file
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("give a svc.yml file, or --package with --repo"))?;
        Ok(Source {
            label: file.display().to_string(),
            template: read(file)?,
            env: read_env(args)?,
        })
    }

    fn load(&self) -> Result<LoadedSpec, SpecError> {
        load(&self.template, &self.env)
    }
}

fn read_env(args: &SpecArgs) -> anyhow::Result<Env> {
    let mut env = match &args.env_file {
        Some(path) => parse_env_file(&read(path)?)
            .with_context(|| format!("cannot read the environment file {}", path.display()))?,
        None => Env::new(),
    };
    env.extend(args.env.iter().cloned());
    Ok(env)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn validate(source: &Source, json: bool) -> anyhow::Result<()> {
    let result = source.load();
    let file = &source.label;
    let mut out = std::io::stdout().lock();
    match result {
        Ok(loaded) => {
            if json {
                let body = json!({ "valid": true, "problems": loaded.warnings });
                writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
            } else {
                print_warnings(&loaded.warnings);
                writeln!(
                    out,
                    "{file}: valid service spec `{}` ({} pod type(s), {} plan(s))",
                    loaded.spec.name,
                    loaded.spec.pods.len(),
                    loaded.spec.expanded_plans().len()
                )?;
            }
            Ok(())
        }
        Err(err) => fail(&file.to_string(), err, json),
    }
}

fn render(source: &Source, json: bool) -> anyhow::Result<()> {
    let file = source.label.clone();
    let loaded = match source.load() {
        Ok(loaded) => loaded,
        Err(err) => return fail(&file, err, json),
    };
    let summary = summarize(&loaded.spec);
    let mut out = std::io::stdout().lock();
    if json {
        let body = json!({
            "rendered": loaded.rendered,
            "summary": summary,
            "problems": loaded.warnings,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
        return Ok(());
    }
    print_warnings(&loaded.warnings);
    out.write_all(loaded.rendered.as_bytes())?;
    if !loaded.rendered.ends_with('\n') {
        writeln!(out)?;
    }
    writeln!(out, "---")?;
    write_summary(&mut out, &summary)?;
    Ok(())
}

/// Prints the problems (JSON on stdout with --json) and returns the error the exit code comes from.
fn fail(file: &str, err: SpecError, json: bool) -> anyhow::Result<()> {
    if json {
        let body = json!({ "valid": false, "problems": err.diagnostics() });
        println!("{}", serde_json::to_string_pretty(&body)?);
        bail!("{file}: invalid service spec");
    }
    Err(anyhow::Error::new(err).context(format!("{file} cannot be used as a service spec")))
}

fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn write_summary(out: &mut impl Write, s: &SpecSummary) -> std::io::Result<()> {
    write!(out, "service {}", s.name)?;
    if let Some(user) = &s.user {
        write!(out, " (user {user})")?;
    }
    writeln!(out)?;
    for pod in &s.pods {
        write_pod(out, pod)?;
    }
    writeln!(out, "plans:")?;
    for plan in &s.plans {
        let generated = if plan.generated { ", generated" } else { "" };
        writeln!(out, "  {} ({}{generated})", plan.name, plan.strategy)?;
        for phase in &plan.phases {
            writeln!(
                out,
                "    {} ({}, pod {})",
                phase.name, phase.strategy, phase.pod
            )?;
            for step in &phase.steps {
                writeln!(out, "      {}", step.name)?;
            }
        }
    }
    Ok(())
}

fn write_pod(out: &mut impl Write, pod: &PodSummary) -> std::io::Result<()> {
    let decommission = if pod.allow_decommission {
        "can shrink"
    } else {
        "cannot shrink"
    };
    writeln!(
        out,
        "pod {}: count {} ({}), {decommission}",
        pod.pod_type,
        pod.count,
        pod.instances.join(", ")
    )?;
    let placement = if pod.placement_rules.is_empty() {
        "anywhere".to_owned()
    } else {
        pod.placement_rules
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    writeln!(out, "  placement: {placement}")?;
    if let Some(image) = &pod.image {
        writeln!(out, "  image: {image}")?;
    }
    if !pod.networks.is_empty() {
        writeln!(out, "  networks: {}", pod.networks.join(", "))?;
    }
    for t in &pod.tasks {
        let mut parts = vec![format!("{:?}", t.goal).to_uppercase()];
        if !t.essential {
            parts.push("non-essential".into());
        }
        if let Some(rs) = &t.resource_set {
            parts.push(format!("resource set {rs}"));
        }
        if let Some(c) = t.cpus {
            parts.push(format!("{c} cpus"));
        }
        if let Some(g) = t.gpus {
            parts.push(format!("{g} gpus"));
        }
        if let Some(m) = t.memory_mb {
            parts.push(format!("{m} MB"));
        }
        if !t.ports.is_empty() {
            let ports: Vec<String> = t
                .ports
                .iter()
                .map(|p| match p.port {
                    Some(n) if n > 0 => format!("{}={n}", p.name),
                    _ => format!("{}=dynamic", p.name),
                })
                .collect();
            parts.push(format!("ports {}", ports.join(" ")));
        }
        writeln!(out, "  task {}: {}", t.name, parts.join(", "))?;
    }
    for v in &pod.volumes {
        let size = v.size_mb.map(|mb| format!(" {mb} MB")).unwrap_or_default();
        let driver = v
            .driver
            .as_deref()
            .map(|d| format!(" driver {d}"))
            .unwrap_or_default();
        let options = if v.driver_options.is_empty() {
            String::new()
        } else {
            let o: Vec<String> = v
                .driver_options
                .iter()
                .map(|(k, val)| format!("{k}={val}"))
                .collect();
            format!(" options {}", o.join(","))
        };
        writeln!(
            out,
            "  volume {}: {}{size}{driver}{options}",
            v.container_path, v.kind
        )?;
        if !v.names.is_empty() {
            writeln!(out, "    names: {}", v.names.join(", "))?;
        }
    }
    Ok(())
}
