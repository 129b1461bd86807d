//! `pxfw endpoints [NAME]` (alias `endpoint`): how clients reach the service (contracts/sdk-scheduler-api.md
//! §2.5, §6).

use super::Globals;
use super::plan::{client, emit, print_scheduler_json};
use crate::api::sdk::Endpoint;

#[derive(Debug, clap::Args)]
pub struct EndpointsArgs {
    /// An endpoint (a port name such as native-client, or a custom one such as hdfs-site.xml); without
    /// it, the list of endpoint names.
    // Not `name`: that id belongs to the global `--name SVC`.
    #[arg(value_name = "NAME")]
    pub endpoint: Option<String>,
}

/// Runs `endpoints`.
///
/// One endpoint is printed as the scheduler sent it followed by a blank line, as the Go CLI's
/// `PrintResponseText` does, because custom endpoints are not JSON (an XML file, a ZooKeeper string).
/// With `--json`, JSON endpoints are re-indented and text endpoints become a JSON string.
pub async fn run(args: EndpointsArgs, g: &Globals) -> anyhow::Result<()> {
    let sdk = client(g)?;
    let Some(name) = args.endpoint else {
        return print_scheduler_json(&sdk.endpoints().await?.body);
    };
    let reply = sdk.endpoint(&name).await?;
    match (&reply.value, g.json) {
        (Endpoint::Text(text), true) => emit(&serde_json::to_string(text)?),
        (Endpoint::Addresses(_), true) => print_scheduler_json(&reply.body),
        (_, false) => emit(&format!("{}\n", String::from_utf8_lossy(&reply.body))),
    }
}
