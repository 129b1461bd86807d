//! The shared secret that authorises state-changing calls and agent registration on a pxfw server.
//!
//! It lives in a 0600 file (created with a random value on first start) that the operator's CLI and the
//! agents read; it is compared in constant time and never logged.

use std::path::Path;

use anyhow::{Context, bail};
use rand::Rng;

/// Reads the token file, or creates it with 32 random bytes (hex) when it does not exist.
pub fn load_or_create(path: &Path) -> anyhow::Result<String> {
    if path.exists() {
        return load(path);
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    crate::cluster::config::write_private(path, token.as_bytes())
        .with_context(|| format!("cannot write the token file {}", path.display()))?;
    Ok(token)
}

/// Reads an existing token file.
pub fn load(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the token file {}", path.display()))?;
    let token = text.trim().to_string();
    if token.len() < 16 {
        bail!(
            "the token in {} is shorter than 16 characters; use a long random value",
            path.display()
        );
    }
    Ok(token)
}

/// Whether an `Authorization` header value carries `token`. Accepts `token=<t>` (DC/OS) and `Bearer <t>`.
pub fn matches(header: Option<&str>, token: &str) -> bool {
    let Some(h) = header else { return false };
    let given = h
        .strip_prefix("token=")
        .or_else(|| h.strip_prefix("Bearer "))
        .unwrap_or("");
    constant_time_eq(given.as_bytes(), token.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_private_and_matched() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("token");
        let t = load_or_create(&p).unwrap();
        assert_eq!(t.len(), 64);
        assert_eq!(load_or_create(&p).unwrap(), t);
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(matches(Some(&format!("token={t}")), &t));
        assert!(matches(Some(&format!("Bearer {t}")), &t));
        assert!(!matches(Some("token=nope"), &t));
        assert!(!matches(None, &t));
    }
}
