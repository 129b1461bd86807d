//! `pxfw auth login|status|logout`.
//!
//! Passwords are taken from a prompt or from an environment variable named by `--password-env` (never from
//! argv, where other users could read them). A service account's key path is remembered so an expired token
//! can be renewed silently; a password never is.

use std::path::PathBuf;

use anyhow::{Context, anyhow};
use clap::Subcommand;
use serde::Serialize;

use super::Globals;
use super::exit::Exit;
use crate::cluster::config::{Cluster, ConfigDir};
use crate::cluster::{self, PXFW_SECTION, login, secrets};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum AuthCmd {
    /// Log in to the current cluster and store the token (OS keyring, else dcos.toml with mode 0600).
    Login {
        /// User id (default: DCOS_USERNAME, else a prompt).
        #[arg(long, value_name = "UID", conflicts_with = "service_account")]
        username: Option<String>,
        /// Read the password from this environment variable instead of prompting.
        #[arg(long, value_name = "VAR", conflicts_with = "service_account")]
        password_env: Option<String>,
        /// Log in as this service account (needs --private-key).
        #[arg(long, value_name = "UID", requires = "private_key")]
        service_account: Option<String>,
        /// The service account's RSA private key (PEM).
        #[arg(long, value_name = "FILE", requires = "service_account")]
        private_key: Option<PathBuf>,
    },
    /// Show whether a token is stored for the current cluster and whether the cluster accepts it.
    Status,
    /// Forget the current cluster's token and service-account credentials.
    Logout,
}

pub async fn run(cmd: AuthCmd, g: &Globals) -> anyhow::Result<()> {
    match cmd {
        AuthCmd::Login {
            username,
            password_env,
            service_account,
            private_key,
        } => login_cmd(username, password_env, service_account, private_key, g).await,
        AuthCmd::Status => status(g).await,
        AuthCmd::Logout => {
            let mut c = current_cluster()?;
            secrets::clear_token(&mut c)?;
            c.config.unset(PXFW_SECTION, "service_account");
            c.config.unset(PXFW_SECTION, "private_key");
            c.config.save()?;
            println!("Logged out of {}.", c.name());
            Ok(())
        }
    }
}

/// Login stores its token in a cluster's configuration, so it needs one (not just `DCOS_URL`).
fn current_cluster() -> anyhow::Result<Cluster> {
    let dir = ConfigDir::from_env()?;
    let selector = std::env::var("DCOS_CLUSTER").ok().filter(|s| !s.is_empty());
    Ok(dir.current(selector.as_deref())?)
}

async fn login_cmd(
    username: Option<String>,
    password_env: Option<String>,
    service_account: Option<String>,
    private_key: Option<PathBuf>,
    g: &Globals,
) -> anyhow::Result<()> {
    let mut cluster = current_cluster()?;
    let mut target = cluster::resolve()?;
    // Log in with no token at all: an old one must not interfere.
    target.token = None;
    target.cluster = None;
    let http = cluster::client_for(&target)?;

    let (uid, token) = match (service_account, private_key) {
        (Some(uid), Some(key)) => {
            let key = std::path::absolute(&key).unwrap_or(key);
            let token = login::with_service_account(&http, &uid, &key).await?;
            cluster.config.set(PXFW_SECTION, "service_account", &uid);
            cluster
                .config
                .set(PXFW_SECTION, "private_key", &key.display().to_string());
            cluster.config.save()?;
            (uid, token)
        }
        _ => {
            let uid = match username.or_else(|| {
                std::env::var("DCOS_USERNAME")
                    .ok()
                    .filter(|s| !s.is_empty())
            }) {
                Some(u) => u,
                None => prompt_text("Username")?,
            };
            let password = match password_env {
                Some(var) => std::env::var(&var).map_err(|_| {
                    Exit::usage(format!(
                        "--password-env {var}: the environment variable {var} is not set"
                    ))
                })?,
                None => match std::env::var("DCOS_PASSWORD")
                    .ok()
                    .filter(|s| !s.is_empty())
                {
                    Some(p) => p,
                    None => prompt_password()?,
                },
            };
            let token = login::with_password(&http, &uid, &password).await?;
            // A password login replaces any service-account re-login set up earlier.
            cluster.config.unset(PXFW_SECTION, "service_account");
            cluster.config.unset(PXFW_SECTION, "private_key");
            (uid, token)
        }
    };
    let stored = secrets::store_token(&mut cluster, &token)?;
    if g.json {
        return output::print_json(&serde_json::json!({
            "cluster": cluster.name(), "uid": uid, "stored_in": stored.to_string()
        }));
    }
    println!(
        "Logged in to {} as {uid}; the token is stored in {stored}.",
        cluster.name()
    );
    Ok(())
}

fn prompt_text(label: &str) -> anyhow::Result<String> {
    if !output::stdin_is_tty() {
        return Err(Exit::usage(format!(
            "{label} needed: pass --username (or set DCOS_USERNAME) when not on a terminal"
        ))
        .into());
    }
    Ok(dialoguer::Input::<String>::new()
        .with_prompt(label)
        .interact_text()?)
}

fn prompt_password() -> anyhow::Result<String> {
    if !output::stdin_is_tty() {
        return Err(Exit::usage(
            "password needed: pass --password-env VAR (the name of an environment variable holding it) when not on a terminal",
        )
        .into());
    }
    Ok(dialoguer::Password::new()
        .with_prompt("Password")
        .interact()?)
}

#[derive(Serialize)]
struct Status {
    cluster: String,
    url: String,
    token_stored: bool,
    token_valid: Option<bool>,
    service_account: Option<String>,
}

async fn status(g: &Globals) -> anyhow::Result<()> {
    let target = cluster::resolve()?;
    let http = cluster::client_for(&target)?;
    let token_stored = target.token.is_some();
    let token_valid = if token_stored {
        Some(
            login::token_is_valid(&http)
                .await
                .context("checking the token")?,
        )
    } else {
        None
    };
    let st = Status {
        cluster: target
            .cluster
            .as_ref()
            .map(|c| c.name().to_string())
            .unwrap_or_else(|| "(from DCOS_URL)".into()),
        url: target.url.as_str().trim_end_matches('/').to_string(),
        token_stored,
        token_valid,
        service_account: target.cluster.as_ref().and_then(|c| {
            c.config
                .get(PXFW_SECTION, "service_account")
                .map(str::to_string)
        }),
    };
    if g.json {
        return output::print_json(&st);
    }
    println!("Cluster: {} ({})", st.cluster, st.url);
    match st.token_valid {
        None => println!("Not logged in: run `pxfw auth login`."),
        Some(true) => println!("Logged in: the cluster accepts the stored token."),
        Some(false) => println!("The stored token is expired or invalid: run `pxfw auth login`."),
    }
    if let Some(sa) = &st.service_account {
        println!("Service account {sa} renews the token automatically.");
    }
    if st.token_valid == Some(false) {
        return Err(anyhow!("not logged in"));
    }
    Ok(())
}
