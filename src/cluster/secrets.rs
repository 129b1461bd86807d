//! Where a cluster's ACS token is kept: the OS keyring when one answers, else `dcos.toml` (mode 0600).
//!
//! The keyring is preferred because a token in a file is readable by anything running as the user. It is
//! skipped, quickly and without noise, where no secret service can exist (no D-Bus session: CI, containers,
//! SSH sessions) or when `PXFW_NO_KEYRING=1`; any keyring error also falls back to the file, so login never
//! fails just because the keyring is missing.

use super::config::{Cluster, ConfigError};

const SERVICE: &str = "pxfw";

/// Where a token ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredIn {
    Keyring,
    ConfigFile,
}

impl std::fmt::Display for StoredIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StoredIn::Keyring => "the OS keyring",
            StoredIn::ConfigFile => "dcos.toml (mode 0600)",
        })
    }
}

/// Whether the keyring should be tried at all on this machine.
fn keyring_usable() -> bool {
    if std::env::var("PXFW_NO_KEYRING").is_ok_and(|v| !v.is_empty() && v != "0") {
        return false;
    }
    if cfg!(all(unix, not(target_os = "macos"))) {
        // The secret service lives on the session bus; without one every call would fail after a timeout.
        return std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    }
    true
}

fn entry(cluster_id: &str) -> Option<keyring::Entry> {
    if !keyring_usable() {
        return None;
    }
    keyring::Entry::new(SERVICE, &format!("cluster:{cluster_id}")).ok()
}

/// Reads the token of `cluster`: keyring first, then `core.dcos_acs_token`.
pub fn load_token(cluster: &Cluster) -> Option<String> {
    if let Some(e) = entry(&cluster.id)
        && let Ok(token) = e.get_password()
        && !token.is_empty()
    {
        return Some(token);
    }
    cluster.config.token()
}

/// Stores a new token for `cluster` and says where. A token stored in the keyring is removed from the file
/// so only one copy exists.
pub fn store_token(cluster: &mut Cluster, token: &str) -> Result<StoredIn, ConfigError> {
    if let Some(e) = entry(&cluster.id)
        && e.set_password(token).is_ok()
    {
        if cluster.config.token().is_some() {
            cluster.config.unset("core", "dcos_acs_token");
            cluster.config.save()?;
        }
        return Ok(StoredIn::Keyring);
    }
    cluster.config.set("core", "dcos_acs_token", token);
    cluster.config.save()?;
    Ok(StoredIn::ConfigFile)
}

/// Forgets the token of `cluster` everywhere it may be.
pub fn clear_token(cluster: &mut Cluster) -> Result<(), ConfigError> {
    if let Some(e) = entry(&cluster.id) {
        let _ = e.delete_credential();
    }
    if cluster.config.token().is_some() {
        cluster.config.unset("core", "dcos_acs_token");
        cluster.config.save()?;
    }
    Ok(())
}
