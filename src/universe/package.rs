//! The package model: one entry of a repository, as Cosmos' universe v4 decoder accepts it.
//!
//! A [`Package`] is what a JSON repository lists under `packages` (and what a legacy zip
//! package folder is turned into). Decoding is deliberately as strict and as lenient as Cosmos:
//! the required fields and types of `universe-repo-format.md` §2.1 are checked, unknown keys are
//! ignored, and fields that do not exist for the package's `packagingVersion` are dropped so the
//! package serialises back exactly as Cosmos would describe it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The `packagingVersion` of a package; decides which fields it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PackagingVersion {
    #[serde(rename = "2.0")]
    V2,
    #[serde(rename = "3.0")]
    V3,
    #[serde(rename = "4.0")]
    V4,
    #[serde(rename = "5.0")]
    V5,
}

impl PackagingVersion {
    /// The string as written in `package.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            PackagingVersion::V2 => "2.0",
            PackagingVersion::V3 => "3.0",
            PackagingVersion::V4 => "4.0",
            PackagingVersion::V5 => "5.0",
        }
    }

    /// The media type Cosmos stores a package definition of this version under (the
    /// `Content-Type` of the `DCOS_PACKAGE_DEFINITION` envelope).
    pub fn package_media_type(self) -> &'static str {
        match self {
            PackagingVersion::V2 => {
                "application/vnd.dcos.universe.package+json;charset=utf-8;version=v2"
            }
            PackagingVersion::V3 => {
                "application/vnd.dcos.universe.package+json;charset=utf-8;version=v3"
            }
            PackagingVersion::V4 => {
                "application/vnd.dcos.universe.package+json;charset=utf-8;version=v4"
            }
            PackagingVersion::V5 => {
                "application/vnd.dcos.universe.package+json;charset=utf-8;version=v5"
            }
        }
    }
}

/// One package definition. Field names and JSON shape follow the universe package schema, so
/// `serde_json::to_value(&package)` is the `package` object of a v3 `/package/describe` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    pub packaging_version: PackagingVersion,
    pub name: String,
    pub version: String,
    /// Orders the versions of one package name; the highest is "latest".
    pub release_version: u64,
    pub maintainer: String,
    pub description: String,
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_install_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_install_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_uninstall_notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licenses: Option<Vec<License>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_dcos_release_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marathon: Option<Marathon>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
    /// The JSON schema of the package options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<PackageCommand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrades_from: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downgrades_to: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_known_issues: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<Manager>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct License {
    pub name: String,
    pub url: String,
}

/// `marathon.v2AppMustacheTemplate`: the standard base64 of the raw template bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marathon {
    #[serde(rename = "v2AppMustacheTemplate")]
    pub v2_app_mustache_template: String,
}

/// The deprecated python CLI description (packaging 2.0 and 3.0 only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageCommand {
    pub pip: Vec<String>,
}

/// Packaging 5.0: the custom package manager operations are forwarded to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manager {
    pub package_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_package_version: Option<String>,
}

/// `resource`: artifacts, images and CLI binaries. Also exposed to the marathon template as
/// `{{resource.…}}`, in the shape Cosmos re-encodes it (unknown keys dropped).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Resource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Assets>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Images>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cli: Option<Cli>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Assets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uris: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<Container>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Container {
    pub docker: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Images {
    #[serde(
        rename = "icon-small",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub icon_small: Option<String>,
    #[serde(
        rename = "icon-medium",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub icon_medium: Option<String>,
    #[serde(
        rename = "icon-large",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub icon_large: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screenshots: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cli {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binaries: Option<Platforms>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Platforms {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub darwin: Option<Architectures>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linux: Option<Architectures>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub windows: Option<Architectures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Architectures {
    #[serde(rename = "x86-64")]
    pub x86_64: Binary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binary {
    /// `executable` or `zip`.
    pub kind: String,
    pub url: String,
    #[serde(rename = "contentHash")]
    pub content_hash: Vec<HashInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashInfo {
    pub algo: String,
    pub value: String,
}

/// Why one package of a repository is unusable. The rest of the repository still loads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    #[error("`{path}`: {message}")]
    Decode { path: String, message: String },
    #[error("tag {tag:?} is not allowed: tags must be non-empty and contain no whitespace")]
    InvalidTag { tag: String },
    #[error(
        "minDcosReleaseVersion {value:?} is not a DC/OS release version such as \"1.10\" or \"1.11-dev\""
    )]
    InvalidMinDcosReleaseVersion { value: String },
    #[error("packaging version 2.0 requires `marathon.v2AppMustacheTemplate`")]
    MissingMarathon,
    #[error(
        "`marathon.v2AppMustacheTemplate` is not standard base64 without line breaks: {message}"
    )]
    TemplateNotBase64 { message: String },
    #[error("`marathon.v2AppMustacheTemplate` does not decode to UTF-8 text")]
    TemplateNotUtf8,
    #[error(
        "{file} is missing; a zip package folder needs package.json and marathon.json.mustache"
    )]
    FileMissing { file: String },
    #[error("{file} is not valid JSON: {message}")]
    FileNotJson { file: String, message: String },
    #[error("{file} is not UTF-8 text")]
    FileNotUtf8 { file: String },
    #[error("{file} must hold a JSON object")]
    FileNotObject { file: String },
    #[error(
        "revision folder {rev:?} is not a number; zip packages live in packages/<L>/<name>/<number>/"
    )]
    InvalidRevision { rev: String },
    #[error("duplicate of {name} {version} which appears earlier with release version {kept}")]
    Duplicate {
        name: String,
        version: String,
        kept: u64,
    },
}

/// `^[^\s]+$` from Cosmos' `Tag`.
fn valid_tag(tag: &str) -> bool {
    !tag.is_empty() && !tag.chars().any(char::is_whitespace)
}

/// Cosmos' `DcosReleaseVersionParser` full pattern.
static DCOS_RELEASE_VERSION: LazyLock<regex::Regex> = LazyLock::new(|| {
    let version = "(?:0|[1-9][0-9]*)";
    let ident = r"(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    let pattern = format!(r"^{version}(?:\.{version})*(?:-{ident}(?:\.{ident})*)?$");
    // The pattern is a constant; failing to compile it is a programming error caught by tests.
    regex::Regex::new(&pattern).unwrap_or_else(|e| panic!("DC/OS release version regex: {e}"))
});

impl Package {
    /// Decodes one JSON repository entry, checks it like Cosmos' decoder and drops the fields
    /// its packaging version does not have.
    pub fn from_json(value: &Value) -> Result<Package, PackageError> {
        Package::from_json_value(value.clone())
    }

    /// [`Package::from_json`] taking the value, so its strings and maps move instead of copying.
    pub fn from_json_value(value: Value) -> Result<Package, PackageError> {
        let mut package: Package =
            serde_path_to_error::deserialize(value).map_err(|e| PackageError::Decode {
                path: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        package.normalize();
        package.check()?;
        Ok(package)
    }

    /// Removes what Cosmos' decoder for this packaging version ignores.
    pub(crate) fn normalize(&mut self) {
        use PackagingVersion::*;
        if self.packaging_version == V2 {
            self.min_dcos_release_version = None;
            self.last_updated = None;
            self.has_known_issues = None;
            if let Some(resource) = &mut self.resource {
                resource.cli = None;
            }
        }
        if self.packaging_version <= V3 {
            self.upgrades_from = None;
            self.downgrades_to = None;
        } else {
            self.command = None;
        }
        if self.packaging_version != V5 {
            self.manager = None;
        }
    }

    /// The checks Cosmos' decoder makes beyond JSON types.
    pub(crate) fn check(&self) -> Result<(), PackageError> {
        if let Some(tag) = self.tags.iter().find(|t| !valid_tag(t)) {
            return Err(PackageError::InvalidTag { tag: tag.clone() });
        }
        if let Some(v) = &self.min_dcos_release_version
            && !DCOS_RELEASE_VERSION.is_match(v)
        {
            return Err(PackageError::InvalidMinDcosReleaseVersion { value: v.clone() });
        }
        if self.packaging_version == PackagingVersion::V2 && self.marathon.is_none() {
            return Err(PackageError::MissingMarathon);
        }
        self.marathon_template().map(|_| ())
    }

    /// The decoded `marathon.json.mustache`, if the package has one.
    pub fn marathon_template(&self) -> Result<Option<String>, PackageError> {
        let Some(marathon) = &self.marathon else {
            return Ok(None);
        };
        let bytes = BASE64
            .decode(marathon.v2_app_mustache_template.as_bytes())
            .map_err(|e| PackageError::TemplateNotBase64 {
                message: e.to_string(),
            })?;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| PackageError::TemplateNotUtf8)
    }

    /// Sets the marathon template from its raw text.
    pub fn set_marathon_template(&mut self, template: &str) {
        self.marathon = Some(Marathon {
            v2_app_mustache_template: BASE64.encode(template.as_bytes()),
        });
    }

    /// The `resource` object as the template sees it (`{}` when the package has none).
    pub fn resource_json(&self) -> Option<Value> {
        self.resource
            .as_ref()
            .and_then(|r| serde_json::to_value(r).ok())
    }

    /// The images of `resource.images`, shown by search.
    pub fn images(&self) -> Option<&Images> {
        self.resource.as_ref().and_then(|r| r.images.as_ref())
    }

    /// True when `upgradesFrom` admits `version` (`*` or an exact match).
    pub fn can_upgrade_from(&self, version: &str) -> bool {
        matches_spec(self.upgrades_from.as_deref(), version)
    }

    /// True when `downgradesTo` admits `version`.
    pub fn can_downgrade_to(&self, version: &str) -> bool {
        matches_spec(self.downgrades_to.as_deref(), version)
    }

    /// `{"package": …}`, the body of a v3 `/package/describe` response.
    pub fn describe_json(&self) -> Value {
        let mut body = Map::new();
        body.insert(
            "package".to_string(),
            serde_json::to_value(self).unwrap_or(Value::Null),
        );
        Value::Object(body)
    }
}

fn matches_spec(specs: Option<&[String]>, version: &str) -> bool {
    specs
        .unwrap_or_default()
        .iter()
        .any(|s| s == "*" || s == version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({"packagingVersion": "4.0", "name": "hello", "version": "1.0-1", "releaseVersion": 0,
               "maintainer": "me@example.invalid", "description": "demo", "tags": ["demo"],
               "upgradesFrom": ["*"], "downgradesTo": ["0.9"], "minDcosReleaseVersion": "1.10",
               "command": {"pip": ["x"]}, "unknown": 1,
               "marathon": {"v2AppMustacheTemplate": "eyJpZCI6ICJ7e3NlcnZpY2UubmFtZX19In0K"}})
    }

    #[test]
    fn decodes_the_contract_example_and_drops_fields_of_other_versions() {
        let p = Package::from_json(&minimal()).unwrap();
        assert_eq!(
            p.marathon_template().unwrap().unwrap(),
            "{\"id\": \"{{service.name}}\"}\n"
        );
        assert!(p.command.is_none(), "command is not a 4.0 field");
        assert!(
            p.can_upgrade_from("anything") && p.can_downgrade_to("0.9") && !p.can_downgrade_to("1")
        );
        let described = p.describe_json();
        assert_eq!(described["package"]["packagingVersion"], "4.0");
        assert!(described["package"].get("unknown").is_none());
    }

    #[test]
    fn rejects_what_cosmos_rejects() {
        let bad = |patch: Value| {
            let mut v = minimal();
            for (k, val) in patch.as_object().unwrap() {
                v[k] = val.clone();
            }
            Package::from_json(&v).unwrap_err()
        };
        assert!(matches!(
            bad(json!({"packagingVersion": "4"})),
            PackageError::Decode { .. }
        ));
        assert!(matches!(
            bad(json!({"releaseVersion": -1})),
            PackageError::Decode { .. }
        ));
        let e = bad(json!({"tags": ["ok", 3]}));
        assert!(e.to_string().contains("tags[1]"), "{e}");
        assert_eq!(
            bad(json!({"tags": ["a b"]})),
            PackageError::InvalidTag { tag: "a b".into() }
        );
        assert!(matches!(
            bad(json!({"minDcosReleaseVersion": "1.x"})),
            PackageError::InvalidMinDcosReleaseVersion { .. }
        ));
        assert!(matches!(
            bad(json!({"marathon": {"v2AppMustacheTemplate": "!!"}})),
            PackageError::TemplateNotBase64 { .. }
        ));
        let mut v2 = minimal();
        v2["packagingVersion"] = json!("2.0");
        v2.as_object_mut().unwrap().remove("marathon");
        assert_eq!(
            Package::from_json(&v2).unwrap_err(),
            PackageError::MissingMarathon
        );
    }

    #[test]
    fn release_version_patterns() {
        for ok in ["1", "1.10", "1.11-dev", "2.0.0-beta.1"] {
            assert!(DCOS_RELEASE_VERSION.is_match(ok), "{ok}");
        }
        for bad in ["", "01", "1.", "v1", "1.10 "] {
            assert!(!DCOS_RELEASE_VERSION.is_match(bad), "{bad}");
        }
    }
}
