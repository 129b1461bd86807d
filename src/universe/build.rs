//! Building a repository entry from a framework's `universe/` folder the way the SDK tooling
//! does (`universe-repo-format.md` §4): plain-text substitution of build-time `{{key}}`
//! placeholders in the four files, then assembly of the package entry. Runtime mustache tags
//! (`{{service.name}}`, `{{#x}}`) are not keys of the mapping and so survive untouched.

use super::package::{Package, PackageError};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The universe files the SDK builder reads; anything else in the folder is ignored.
pub const UNIVERSE_FILES: [&str; 4] = [
    "package.json",
    "config.json",
    "marathon.json.mustache",
    "resource.json",
];

/// Substitution passes before giving up on values that keep expanding (a value containing its
/// own key).
const MAX_PASSES: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid JSON after substitution: {message}")]
    NotJson { path: PathBuf, message: String },
    #[error("{path}: must hold a JSON object")]
    NotObject { path: PathBuf },
    #[error("{dir}: no package.json; a universe folder needs at least package.json")]
    NoPackageJson { dir: PathBuf },
    #[error("the built package is invalid: {0}")]
    Package(#[from] PackageError),
}

/// Replaces every literal `{{key}}` by its value, repeating until the text stops changing.
pub fn substitute(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut current = text.to_string();
    for _ in 0..MAX_PASSES {
        let mut next = current.clone();
        for (key, value) in vars {
            let placeholder = format!("{{{{{key}}}}}");
            if next.contains(&placeholder) {
                next = next.replace(&placeholder, value);
            }
        }
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn read(
    dir: &Path,
    file: &str,
    vars: &BTreeMap<String, String>,
) -> Result<Option<String>, BuildError> {
    let path = dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(substitute(&text, vars))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(BuildError::Io { path, source }),
    }
}

fn object(dir: &Path, file: &str, text: &str) -> Result<Map<String, Value>, BuildError> {
    let path = dir.join(file);
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(BuildError::NotObject { path }),
        Err(e) => Err(BuildError::NotJson {
            path,
            message: e.to_string(),
        }),
    }
}

/// The repository entry for the universe folder `dir`: package.json with `releaseVersion` 0,
/// `config`, `marathon.v2AppMustacheTemplate` (base64 of the template) and `resource`.
pub fn build_entry(dir: &Path, vars: &BTreeMap<String, String>) -> Result<Value, BuildError> {
    let package = read(dir, "package.json", vars)?.ok_or_else(|| BuildError::NoPackageJson {
        dir: dir.to_path_buf(),
    })?;
    let mut entry = object(dir, "package.json", &package)?;
    entry.insert("releaseVersion".into(), Value::from(0));
    if let Some(config) = read(dir, "config.json", vars)? {
        entry.insert(
            "config".into(),
            Value::Object(object(dir, "config.json", &config)?),
        );
    }
    if let Some(template) = read(dir, "marathon.json.mustache", vars)? {
        let mut marathon = Map::new();
        marathon.insert(
            "v2AppMustacheTemplate".into(),
            Value::from(BASE64.encode(template)),
        );
        entry.insert("marathon".into(), Value::Object(marathon));
    }
    if let Some(resource) = read(dir, "resource.json", vars)? {
        entry.insert(
            "resource".into(),
            Value::Object(object(dir, "resource.json", &resource)?),
        );
    }
    Ok(Value::Object(entry))
}

/// [`build_entry`] decoded and checked as a [`Package`].
pub fn build_package(dir: &Path, vars: &BTreeMap<String, String>) -> Result<Package, BuildError> {
    Ok(Package::from_json(&build_entry(dir, vars)?)?)
}

/// `{"packages": [...]}` for entries, sorted by name like the SDK's repository builders.
pub fn repository_json(mut entries: Vec<Value>) -> Value {
    entries.sort_by(|a, b| {
        let name = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_string);
        name(a).cmp(&name(b))
    });
    let mut root = Map::new();
    root.insert("packages".into(), Value::Array(entries));
    Value::Object(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_repeats_and_leaves_runtime_tags() {
        let vars = BTreeMap::from([
            (
                "artifact-dir".to_string(),
                "https://a.invalid/{{package-version}}".to_string(),
            ),
            ("package-version".to_string(), "1.0".to_string()),
            ("loop".to_string(), "{{loop}}x".to_string()),
        ]);
        assert_eq!(
            substitute("{{artifact-dir}}/s.zip {{service.name}} {{#x}}", &vars),
            "https://a.invalid/1.0/s.zip {{service.name}} {{#x}}"
        );
        assert!(substitute("{{loop}}", &vars).starts_with("{{loop}}x"));
    }

    #[test]
    fn builds_an_entry_from_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"packagingVersion": "4.0", "name": "p", "version": "{{package-version}}", "maintainer": "m", "description": "d", "tags": []}"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("marathon.json.mustache"),
            "{\"id\": \"{{service.name}}\"}",
        )
        .unwrap();
        let vars = BTreeMap::from([("package-version".to_string(), "2.0".to_string())]);
        let p = build_package(dir.path(), &vars).unwrap();
        assert_eq!((p.version.as_str(), p.release_version), ("2.0", 0));
        assert_eq!(
            p.marathon_template().unwrap().unwrap(),
            "{\"id\": \"{{service.name}}\"}"
        );
        std::fs::write(dir.path().join("config.json"), "[]").unwrap();
        assert!(matches!(
            build_entry(dir.path(), &vars),
            Err(BuildError::NotObject { .. })
        ));
    }
}
