//! Volume names are identities and, for the local driver, directory names: one rule for both drivers so a
//! spec that works on one works on the other, and no name can escape the pool (`..`, `/`).

use super::VolumeError;

/// Longest accepted name; well under any filesystem's component limit, with room for suffixes.
pub const MAX_NAME_LEN: usize = 200;

/// Accepts 1–200 characters of ASCII letters, digits, `_`, `-` and `.`, starting with a letter or digit.
/// (OpenStorage's inline-spec parser allows `[0-9A-Za-z_-]`; `.` is added because fork names may carry it,
/// and the leading-character rule keeps `.`/`..` and hidden files out.)
pub fn validate_name(name: &str) -> Result<(), VolumeError> {
    let bad = |reason: &str| {
        Err(VolumeError::InvalidName {
            name: name.to_owned(),
            reason: reason.to_owned(),
        })
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name.len() > MAX_NAME_LEN {
        return bad(&format!("it is longer than {MAX_NAME_LEN} characters"));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return bad("it must start with a letter or digit");
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return bad(&format!(
            "it contains `{}`; use only letters, digits, `_`, `-` and `.`",
            c.escape_default()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spec_names_pass_and_traversal_fails() {
        for ok in [
            "Cassandra-0",
            "hello-world-pod-1",
            "dev__cassandra-node-2",
            "v1.2_x",
        ] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "..", ".", "../etc", "a/b", "a\\b", ".hidden", "-x", "a b", "é",
        ] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
        let long = "a".repeat(MAX_NAME_LEN + 1);
        assert!(validate_name(&long).is_err());
    }

    proptest! {
        /// Whatever is accepted is a single, non-hidden path component.
        #[test]
        fn accepted_names_are_single_components(name in "\\PC{0,40}") {
            if validate_name(&name).is_ok() {
                let p = std::path::Path::new(&name);
                prop_assert_eq!(p.components().count(), 1);
                prop_assert!(matches!(p.components().next(), Some(std::path::Component::Normal(_))));
                prop_assert!(!name.starts_with('.'));
            }
        }
    }
}
