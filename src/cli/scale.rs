//! `pxfw scale SVC [POD_TYPE] --count N`: a Cosmos service update of the option that drives the pod
//! type's count; [`crate::ops::scale`] finds the option and checks the change.

use std::time::Duration;

use clap::Args;

use super::exit::Exit;
use super::{Globals, update, wait};
use crate::dcos::sdk::SdkClient;
use crate::ops::scale::{self, ScaleDecision, ScaleError, ScaleRequest};
use crate::output;

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// The service (or --name).
    pub service: Option<String>,
    /// The pod type to scale (optional when the service has one scalable pod type).
    pub pod_type: Option<String>,
    /// The new number of pods.
    #[arg(long, value_name = "N")]
    pub count: u32,
    /// Use this option path for the count instead of deriving it (e.g. nodes.count).
    #[arg(long, value_name = "PATH")]
    pub option: Option<String>,
    /// Wait until the deploy plan is COMPLETE.
    #[arg(long)]
    pub wait: bool,
    #[arg(long, value_name = "D", default_value = "30m", value_parser = super::plan::parse_duration)]
    pub timeout: Duration,
}

pub async fn run(args: ScaleArgs, g: &Globals) -> anyhow::Result<()> {
    let service = match &args.service {
        Some(s) => super::validate_service_name(s)?,
        None => g.service_name()?,
    };
    let (cosmos, http) = super::cosmos()?;
    let sdk = SdkClient::new(http.clone(), &service).map_err(|e| Exit::usage(e.to_string()))?;
    let req = ScaleRequest {
        service: service.clone(),
        pod_type: args.pod_type.clone(),
        option: args.option.clone(),
        count: args.count,
    };
    let decided = scale::decide(&cosmos, &sdk, &req, &mut |w| eprintln!("Warning: {w}")).await;
    let (pod_type, path, opts) = match decided {
        Ok(ScaleDecision::SetOption {
            pod_type,
            path,
            options,
        }) => (pod_type, path, options),
        Ok(ScaleDecision::Unchanged { pod_type, count }) => {
            println!("{pod_type} of {service} already has {count} pods.");
            return Ok(());
        }
        Err(e) if e.is_usage() => return Err(Exit::usage(e.to_string()).into()),
        Err(ScaleError::Other(e)) => return Err(e),
        Err(e) => return Err(e.into()),
    };
    let reply = update::start(&cosmos, &service, Some(opts), None, false).await?;
    if g.json && !args.wait {
        return output::print_json(&reply);
    }
    if !g.json {
        println!(
            "Scaling {}{service} to {} via option {path}.",
            pod_type
                .as_deref()
                .map(|k| format!("{k} of "))
                .unwrap_or_default(),
            args.count
        );
    }
    if args.wait {
        wait::plan_complete(&http, &service, "deploy", args.timeout).await?;
        if !g.json {
            println!("Scale of {service} complete: its deploy plan is COMPLETE.");
        }
    }
    Ok(())
}
