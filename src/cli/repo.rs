//! `pxfw repo add|list|remove`: the cluster's package repositories (Cosmos `/package/repository/*`).

use clap::Subcommand;

use super::Globals;
use super::exit::Exit;
use crate::dcos::cosmos::CosmosRepository;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum RepoCmd {
    /// Add a repository (Cosmos fetches it first and refuses duplicates by name or URI).
    Add {
        name: String,
        /// http(s) URL of a JSON (v3-v5) or zip repository.
        url: String,
        /// Position in the search order, 0 = searched first (default: last).
        #[arg(long, value_name = "N")]
        index: Option<usize>,
    },
    /// List the repositories in search order.
    List,
    /// Remove repositories by name.
    #[command(alias = "rm")]
    Remove {
        #[arg(required = true)]
        names: Vec<String>,
    },
}

pub async fn run(cmd: RepoCmd, g: &Globals) -> anyhow::Result<()> {
    let (cosmos, _) = super::cosmos()?;
    match cmd {
        RepoCmd::Add { name, url, index } => {
            // DC/OS fetches repositories over http(s) only; the embedded pxfw server also reads file:// for
            // machines without a network. The cluster decides, and its refusal (UnsupportedRepositoryUri) is
            // reported as it is.
            url::Url::parse(&url)
                .map_err(|e| Exit::usage(format!("`{url}` is not a valid repository URL: {e}")))?;
            let repos = cosmos.repository_add(&name, &url, index).await?;
            print_repos(&repos, g)
        }
        RepoCmd::List => print_repos(&cosmos.repository_list().await?, g),
        RepoCmd::Remove { names } => {
            let mut last = None;
            for name in &names {
                last = Some(cosmos.repository_delete(name).await?);
                if !g.json {
                    println!("Removed repository {name}.");
                }
            }
            match last {
                Some(repos) if g.json => {
                    output::print_json(&serde_json::json!({ "repositories": repos }))
                }
                _ => Ok(()),
            }
        }
    }
}

fn print_repos(repos: &[CosmosRepository], g: &Globals) -> anyhow::Result<()> {
    if g.json {
        return output::print_json(&serde_json::json!({ "repositories": repos }));
    }
    if repos.is_empty() {
        println!("No package repository is configured; add one with `pxfw repo add NAME URL`.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = repos
        .iter()
        .enumerate()
        .map(|(i, r)| vec![i.to_string(), r.name.clone(), r.uri.clone()])
        .collect();
    output::print_table(&["INDEX", "NAME", "URI"], &rows);
    Ok(())
}
