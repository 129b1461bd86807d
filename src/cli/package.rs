//! `pxfw search|describe|install|list`: the package side of the lifecycle, through Cosmos.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::anyhow;
use clap::Args;
use serde_json::Value;

use super::exit::Exit;
use super::{Globals, confirm, options, wait};
use crate::dcos::cosmos::{Cosmos, PackageInstallRequest};
use crate::output;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Text to look for in names, descriptions and tags (default: everything).
    pub query: Option<String>,
}

#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// The package (without it: the installed service named by --name).
    pub package: Option<String>,
    #[arg(long, value_name = "V")]
    pub package_version: Option<String>,
    /// Print the package's options schema.
    #[arg(long)]
    pub config: bool,
    /// Print the Marathon app the package renders to (with --options/--set).
    #[arg(long)]
    pub render: bool,
    #[arg(long, value_name = "FILE")]
    pub options: Option<PathBuf>,
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Read the package from this repository (http(s)://, file:// or a path) instead of the cluster: works
    /// offline.
    #[arg(long, value_name = "URI")]
    pub repo: Option<String>,
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    pub package: Option<String>,
    /// JSON file with the options to install with.
    #[arg(long, value_name = "FILE")]
    pub options: Option<PathBuf>,
    /// Set one option, e.g. --set nodes.count=5 (repeatable; applied after --options).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    #[arg(long, value_name = "V")]
    pub package_version: Option<String>,
    /// Wait until the service's deploy plan is COMPLETE.
    #[arg(long)]
    pub wait: bool,
    /// How long --wait waits (e.g. 90s, 15m).
    #[arg(long, value_name = "D", default_value = "30m", value_parser = super::plan::parse_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only services of this package.
    pub package: Option<String>,
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

pub async fn search(args: SearchArgs, g: &Globals) -> anyhow::Result<()> {
    let (cosmos, _) = super::cosmos()?;
    let reply = cosmos.search(args.query.as_deref()).await?;
    if g.json {
        return output::print_json(&reply);
    }
    let packages = reply
        .get("packages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if packages.is_empty() {
        println!("No package matches; `pxfw repo list` shows the repositories searched.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = packages
        .iter()
        .map(|p| {
            vec![
                str_of(p, "name").to_string(),
                str_of(p, "currentVersion").to_string(),
                p.get("selected")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                    .to_string(),
                p.get("framework")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                    .to_string(),
                str_of(p, "description")
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string(),
            ]
        })
        .collect();
    output::print_table(
        &["NAME", "VERSION", "SELECTED", "FRAMEWORK", "DESCRIPTION"],
        &rows,
    );
    Ok(())
}

pub async fn describe(args: DescribeArgs, g: &Globals) -> anyhow::Result<()> {
    if let Some(repo) = &args.repo {
        return describe_offline(&args, repo, g).await;
    }
    let (cosmos, _) = super::cosmos()?;
    let Some(package) = args.package else {
        return describe_service(&cosmos, g).await;
    };
    if args.render {
        let options = options::user_options(args.options.as_deref(), &args.sets)?;
        let reply = cosmos
            .render(&PackageInstallRequest {
                package_name: package,
                package_version: args.package_version,
                options,
                app_id: None,
            })
            .await?;
        return output::print_json(reply.get("marathonJson").unwrap_or(&reply));
    }
    let pkg = cosmos
        .describe(&package, args.package_version.as_deref())
        .await?;
    if args.config {
        return output::print_json(pkg.get("config").unwrap_or(&Value::Null));
    }
    if g.json {
        return output::print_json(&pkg);
    }
    println!("{} {}", str_of(&pkg, "name"), str_of(&pkg, "version"));
    println!("{}", str_of(&pkg, "description"));
    let maintainer = str_of(&pkg, "maintainer");
    if !maintainer.is_empty() {
        println!("Maintainer: {maintainer}");
    }
    println!("Packaging version: {}", str_of(&pkg, "packagingVersion"));
    if let Some(tags) = pkg.get("tags").and_then(Value::as_array) {
        let tags: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
        println!("Tags: {}", tags.join(", "));
    }
    println!(
        "Options: `pxfw describe {} --config` prints the schema.",
        str_of(&pkg, "name")
    );
    Ok(())
}

/// `describe PKG --repo URI`: the same answers without a cluster.
async fn describe_offline(args: &DescribeArgs, repo: &str, g: &Globals) -> anyhow::Result<()> {
    let Some(name) = &args.package else {
        return Err(Exit::usage("--repo describes a package: give its name, e.g. `pxfw describe hello-world --repo URI`").into());
    };
    let found = super::offline::package(repo, name, args.package_version.as_deref()).await?;
    if args.render {
        let options = options::user_options(args.options.as_deref(), &args.sets)?;
        let app = found.render(options.as_ref())?;
        return output::print_json(&app);
    }
    let pkg = serde_json::to_value(&found.package)?;
    if args.config {
        return output::print_json(pkg.get("config").unwrap_or(&Value::Null));
    }
    if g.json {
        return output::print_json(&pkg);
    }
    println!(
        "{} {} (from {})",
        str_of(&pkg, "name"),
        str_of(&pkg, "version"),
        found.source
    );
    println!("{}", str_of(&pkg, "description"));
    println!("Packaging version: {}", str_of(&pkg, "packagingVersion"));
    Ok(())
}

/// `describe` without a package: the service's resolved options, as the SDK CLI prints them.
async fn describe_service(cosmos: &Cosmos, g: &Globals) -> anyhow::Result<()> {
    let service = g.service_name()?;
    let reply = cosmos.service_describe(&service).await?;
    match reply.get("resolvedOptions") {
        Some(opts) => output::print_json(opts),
        None => {
            if g.json {
                return output::print_json(&reply);
            }
            println!(
                "Package configuration is not available for service {service}: it was installed without \
                 stored options (an older Cosmos)."
            );
            Ok(())
        }
    }
}

/// The service name an install will create: `service.name` of the options, else the package default.
fn service_name_of(package: &Value, options: Option<&Value>) -> Option<String> {
    options
        .and_then(|o| options::get_path(o, "service.name"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            package
                .get("config")
                .and_then(|c| options::get_path(c, "properties.service.properties.name.default"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
}

pub async fn install(args: InstallArgs, g: &Globals) -> anyhow::Result<()> {
    let package = args
        .package
        .clone()
        .or_else(|| g.plugin.as_ref().map(|p| p.package()))
        .ok_or_else(|| Exit::usage("which package? e.g. `pxfw install portworx-cassandra`"))?;
    let mut opts = options::user_options(args.options.as_deref(), &args.sets)?;
    if let Some(name) = &g.name {
        // SDK packages take their service name from `service.name`; an app id that differs from it breaks
        // later updates (Cosmos' AppIdChanged), so --name sets the option instead.
        let name = super::validate_service_name(name)?;
        let o = opts.get_or_insert_with(|| Value::Object(Default::default()));
        options::set_path(o, &["service".into(), "name".into()], Value::String(name))?;
    }
    let (cosmos, http) = super::cosmos()?;
    let pkg = cosmos
        .describe(&package, args.package_version.as_deref())
        .await?;
    let version = str_of(&pkg, "version").to_string();
    let selected = pkg
        .get("selected")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if selected {
        eprintln!(
            "By Deploying, you agree to the Terms and Conditions https://mesosphere.com/catalog-terms-conditions/#certified-services"
        );
    } else {
        eprintln!(
            "This is a Community service. Community services are not tested for production environments. There may be bugs, incomplete features, incorrect documentation, or other discrepancies."
        );
        eprintln!(
            "By Deploying, you agree to the Terms and Conditions https://mesosphere.com/catalog-terms-conditions/#community-services"
        );
    }
    let notes = str_of(&pkg, "preInstallNotes");
    if !notes.is_empty() {
        eprintln!("{notes}");
    }
    if !confirm(g, "Continue installing?")? {
        return Err(anyhow!("installation cancelled"));
    }
    eprintln!("Installing Marathon app for package [{package}] version [{version}]");
    let reply = cosmos
        .install(&PackageInstallRequest {
            package_name: package.clone(),
            package_version: Some(version.clone()),
            options: opts.clone(),
            app_id: None,
        })
        .await?;
    let service = reply
        .get("appId")
        .and_then(Value::as_str)
        .map(|a| a.trim_start_matches('/').to_string())
        .or_else(|| service_name_of(&pkg, opts.as_ref()))
        .ok_or_else(|| anyhow!("Cosmos installed {package} but did not say under which app id"))?;
    if g.json && !args.wait {
        return output::print_json(&reply);
    }
    let post = str_of(&pkg, "postInstallNotes");
    if !post.is_empty() && !g.json {
        println!("{post}");
    }
    if args.wait {
        wait::plan_complete(&http, &service, "deploy", args.timeout).await?;
        if g.json {
            return output::print_json(&serde_json::json!({
                "packageName": package, "packageVersion": version, "service": service, "deploy": "COMPLETE"
            }));
        }
        println!("Service {service} is deployed: its deploy plan is COMPLETE.");
    }
    Ok(())
}

pub async fn list(args: ListArgs, g: &Globals) -> anyhow::Result<()> {
    let (cosmos, _) = super::cosmos()?;
    let reply = cosmos.list(args.package.as_deref(), None).await?;
    if g.json {
        return output::print_json(&reply);
    }
    let packages = reply
        .get("packages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if packages.is_empty() {
        println!("No service is installed.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = packages
        .iter()
        .map(|p| {
            let def = p
                .get("packageInformation")
                .and_then(|i| i.get("packageDefinition"))
                .cloned()
                .unwrap_or(Value::Null);
            vec![
                str_of(p, "appId").trim_start_matches('/').to_string(),
                str_of(&def, "name").to_string(),
                str_of(&def, "version").to_string(),
            ]
        })
        .collect();
    output::print_table(&["SERVICE", "PACKAGE", "VERSION"], &rows);
    Ok(())
}
