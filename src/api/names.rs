//! What a service name may be. Service names become Marathon app ids, URL path segments, sandbox folders
//! and volume name prefixes, so one rule decides for the CLI, the server and the snapshot clone alike.

/// A service name that would break an app id, a URL or a path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a valid service name: use lower-case letters, digits, `-` and `.`, with `/` between folders"
)]
pub struct InvalidServiceName(pub String);

/// The name without its leading `/`, or why it cannot be used.
pub fn validate_service_name(name: &str) -> Result<String, InvalidServiceName> {
    let trimmed = name.trim_start_matches('/');
    let ok = !trimmed.is_empty()
        && trimmed.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        });
    if ok {
        Ok(trimmed.to_string())
    } else {
        Err(InvalidServiceName(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_leading_slash() {
        assert_eq!(validate_service_name("/a/b-1").unwrap(), "a/b-1");
        assert!(validate_service_name("A").is_err());
        assert!(validate_service_name("a//b").is_err());
        assert!(validate_service_name("/").is_err());
    }
}
