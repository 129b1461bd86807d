//! Rendering a package's `marathon.json.mustache` into the Marathon app Cosmos would post, with
//! the `DCOS_PACKAGE_*` labels (`universe-repo-format.md` §5, `dcos-cosmos-marathon-cli.md` §2.3).

use super::options::{self, OptionsError, deep_merge, drop_nulls};
use super::package::{Package, PackageError};
use crate::spec::mustache::{self, Mode, TemplateError};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use std::io::{Read, Write};

/// Marathon label names Cosmos owns.
pub const LABEL_NAME: &str = "DCOS_PACKAGE_NAME";
pub const LABEL_VERSION: &str = "DCOS_PACKAGE_VERSION";
pub const LABEL_SOURCE: &str = "DCOS_PACKAGE_SOURCE";
pub const LABEL_OPTIONS: &str = "DCOS_PACKAGE_OPTIONS";
pub const LABEL_DEFINITION: &str = "DCOS_PACKAGE_DEFINITION";

/// Why a package could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Options(#[from] OptionsError),
    #[error(transparent)]
    Package(#[from] PackageError),
    #[error("package {name} {version} has no marathon template, so it cannot run as a service")]
    NoTemplate { name: String, version: String },
    #[error("marathon.json.mustache of {name}: {source}")]
    Template {
        name: String,
        #[source]
        source: TemplateError,
    },
    /// Cosmos `MarathonTemplateMustBeJsonObject`.
    #[error(
        "the rendered marathon.json.mustache of {name} is not a JSON object ({message}); check the options for characters that break the template"
    )]
    NotJsonObject { name: String, message: String },
    #[error("the rendered app of {name} has `labels` that are not a map of strings to strings")]
    BadLabels { name: String },
}

/// Why a `DCOS_PACKAGE_DEFINITION` or `DCOS_PACKAGE_OPTIONS` label could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error("label is not base64: {0}")]
    Base64(String),
    #[error("label is not the expected JSON: {0}")]
    Json(String),
    #[error(
        "storage envelope has unsupported Content-Encoding {0:?}; only gzip is written by Cosmos"
    )]
    Encoding(String),
    #[error("storage envelope data cannot be decompressed: {0}")]
    Gzip(String),
    #[error("stored package definition is invalid: {0}")]
    Package(#[from] PackageError),
}

/// The envelope Cosmos stores a package definition in (`StorageEnvelope`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageEnvelope {
    pub metadata: std::collections::BTreeMap<String, String>,
    /// Base64 of the (gzip-compressed when `Content-Encoding` says so) package JSON.
    pub data: String,
}

/// The template context Cosmos renders with: `deepMerge(options, {"resource": resource})`.
pub fn template_context(package: &Package, options: &Map<String, Value>) -> Map<String, Value> {
    let mut context = options.clone();
    if let Some(resource) = package.resource_json() {
        let mut overlay = Map::new();
        overlay.insert("resource".to_string(), resource);
        deep_merge(&mut context, &overlay);
    }
    context
}

/// Renders the Marathon app for `package` as Cosmos' install, render and update do.
///
/// `user_options` are the options the user gave (not merged); `app_id`, if given, replaces `id`
/// (normalised to start with `/`); `source` is the repository URI recorded in
/// `DCOS_PACKAGE_SOURCE`.
pub fn render_marathon_app(
    package: &Package,
    source: &str,
    user_options: Option<&Map<String, Value>>,
    app_id: Option<&str>,
) -> Result<Map<String, Value>, RenderError> {
    let template = package
        .marathon_template()?
        .ok_or_else(|| RenderError::NoTemplate {
            name: package.name.clone(),
            version: package.version.clone(),
        })?;
    let resolved = options::resolve(package.config.as_ref(), user_options)?;
    let context = Value::Object(template_context(package, &resolved));
    let text = mustache::render(&template, &context, &Mode::Cosmos).map_err(|source| {
        RenderError::Template {
            name: package.name.clone(),
            source,
        }
    })?;
    let mut app = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(app)) => app,
        Ok(other) => {
            return Err(RenderError::NotJsonObject {
                name: package.name.clone(),
                message: format!("it is a JSON {}", type_name(&other)),
            });
        }
        Err(e) => {
            return Err(RenderError::NotJsonObject {
                name: package.name.clone(),
                message: e.to_string(),
            });
        }
    };
    let mut labels = match app.remove("labels") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(l)) if l.values().all(Value::is_string) => l,
        Some(_) => {
            return Err(RenderError::BadLabels {
                name: package.name.clone(),
            });
        }
    };
    for (k, v) in package_labels(package, source, user_options)? {
        labels.insert(k, Value::String(v));
    }
    app.insert("labels".to_string(), Value::Object(labels));
    if let Some(id) = app_id {
        app.insert("id".to_string(), Value::String(normalize_app_id(id)));
    }
    Ok(app)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Cosmos' `AppId`: a leading `/` is added when missing.
pub fn normalize_app_id(id: &str) -> String {
    if id.starts_with('/') {
        id.to_string()
    } else {
        format!("/{id}")
    }
}

/// The five non-overridable labels, in the order Cosmos lists them.
pub fn package_labels(
    package: &Package,
    source: &str,
    user_options: Option<&Map<String, Value>>,
) -> Result<Vec<(String, String)>, PackageError> {
    Ok(vec![
        (LABEL_NAME.to_string(), package.name.clone()),
        (LABEL_VERSION.to_string(), package.version.clone()),
        (LABEL_SOURCE.to_string(), source.to_string()),
        (LABEL_OPTIONS.to_string(), encode_options(user_options)),
        (LABEL_DEFINITION.to_string(), encode_definition(package)?),
    ])
}

/// `DCOS_PACKAGE_OPTIONS`: base64 of the user options with nulls dropped (`{}` when none).
pub fn encode_options(user_options: Option<&Map<String, Value>>) -> String {
    let value = user_options.map_or(json!({}), |o| drop_nulls(&Value::Object(o.clone())));
    BASE64.encode(value.to_string())
}

/// Reads `DCOS_PACKAGE_OPTIONS` back.
pub fn decode_options(label: &str) -> Result<Map<String, Value>, LabelError> {
    let bytes = BASE64
        .decode(label.trim())
        .map_err(|e| LabelError::Base64(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| LabelError::Json(e.to_string()))
}

/// The storage envelope of a package: its JSON, gzip-compressed, base64 in `data`, with the
/// package media type of its packaging version.
pub fn envelope(package: &Package) -> Result<StorageEnvelope, PackageError> {
    let json = serde_json::to_vec(package).map_err(|e| PackageError::Decode {
        path: String::new(),
        message: e.to_string(),
    })?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let compressed = gz
        .write_all(&json)
        .and_then(|()| gz.finish())
        .map_err(|e| PackageError::Decode {
            path: String::new(),
            message: e.to_string(),
        })?;
    let mut metadata = std::collections::BTreeMap::new();
    metadata.insert(
        "Content-Type".to_string(),
        package.packaging_version.package_media_type().to_string(),
    );
    metadata.insert("Content-Encoding".to_string(), "gzip".to_string());
    Ok(StorageEnvelope {
        metadata,
        data: BASE64.encode(compressed),
    })
}

/// `DCOS_PACKAGE_DEFINITION`: base64 of the compact JSON of the storage envelope.
pub fn encode_definition(package: &Package) -> Result<String, PackageError> {
    let env = envelope(package)?;
    let json = serde_json::to_string(&env).map_err(|e| PackageError::Decode {
        path: String::new(),
        message: e.to_string(),
    })?;
    Ok(BASE64.encode(json))
}

/// Reads `DCOS_PACKAGE_DEFINITION` back into the package it describes.
pub fn decode_definition(label: &str) -> Result<Package, LabelError> {
    let bytes = BASE64
        .decode(label.trim())
        .map_err(|e| LabelError::Base64(e.to_string()))?;
    let env: StorageEnvelope =
        serde_json::from_slice(&bytes).map_err(|e| LabelError::Json(e.to_string()))?;
    let data = BASE64
        .decode(env.data.as_bytes())
        .map_err(|e| LabelError::Base64(e.to_string()))?;
    let json = match env.metadata.get("Content-Encoding").map(String::as_str) {
        None => data,
        Some("gzip") => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&data[..])
                .take(super::repo::MAX_BODY_BYTES)
                .read_to_end(&mut out)
                .map_err(|e| LabelError::Gzip(e.to_string()))?;
            out
        }
        Some(other) => return Err(LabelError::Encoding(other.to_string())),
    };
    let value: Value =
        serde_json::from_slice(&json).map_err(|e| LabelError::Json(e.to_string()))?;
    Ok(Package::from_json(&value)?)
}

/// A `/package/render` (and `/package/install`) request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderRequest {
    pub package_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
}

/// Why `/package/render` failed: the package lookup or the rendering.
#[derive(Debug, thiserror::Error)]
pub enum PackageRenderError {
    #[error(transparent)]
    Lookup(#[from] super::index::LookupError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// `/package/render`: resolves the package in `index` and returns `{"marathonJson": app}`.
pub fn package_render(
    index: &super::index::Index,
    request: &RenderRequest,
) -> Result<Value, PackageRenderError> {
    let found = index.resolve(&request.package_name, request.package_version.as_deref())?;
    let app = render_marathon_app(
        found.package,
        found.source,
        request.options.as_ref(),
        request.app_id.as_deref(),
    )?;
    Ok(json!({ "marathonJson": Value::Object(app) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> Package {
        let mut p = Package::from_json(&json!({
            "packagingVersion": "4.0", "name": "hello", "version": "1.0", "releaseVersion": 0,
            "maintainer": "m", "description": "d", "tags": [],
            "config": {"type": "object", "properties": {
                "service": {"type": "object", "properties": {"name": {"type": "string", "default": "hello"}}},
                "n": {"type": "integer", "default": 0}}},
            "resource": {"assets": {"uris": {"scheduler-zip": "https://x.invalid/s.zip"}}}}))
        .unwrap();
        p.set_marathon_template(
            r#"{"id": "{{service.name}}", "labels": {"A": "1", "DCOS_PACKAGE_NAME": "x"},
                "env": {"N": "{{n}}", "U": "{{resource.assets.uris.scheduler-zip}}"{{#n}}, "HAS_N": "yes"{{/n}}}}"#,
        );
        p
    }

    #[test]
    fn renders_with_labels_and_app_id() {
        let p = package();
        let user = json!({"service": {"name": "a\"b"}, "x": null})
            .as_object()
            .cloned();
        // `x` is not in the schema but the schema allows additional properties.
        let app =
            render_marathon_app(&p, "https://repo.invalid", user.as_ref(), Some("my/app")).unwrap();
        assert_eq!(app["id"], "/my/app");
        assert_eq!(app["env"]["N"], "0");
        assert_eq!(app["env"]["HAS_N"], "yes", "0 is truthy for mustache.java");
        assert_eq!(app["env"]["U"], "https://x.invalid/s.zip");
        let labels = app["labels"].as_object().unwrap();
        assert_eq!(labels["A"], "1");
        assert_eq!(labels[LABEL_NAME], "hello");
        assert_eq!(labels[LABEL_SOURCE], "https://repo.invalid");
        let opts = decode_options(labels[LABEL_OPTIONS].as_str().unwrap()).unwrap();
        assert_eq!(Value::Object(opts), json!({"service": {"name": "a\"b"}}));
        assert_eq!(
            decode_definition(labels[LABEL_DEFINITION].as_str().unwrap()).unwrap(),
            p
        );
        let without = render_marathon_app(&p, "s", None, None).unwrap();
        assert_eq!(without["id"], "hello");
        assert_eq!(
            decode_options(without["labels"][LABEL_OPTIONS].as_str().unwrap()).unwrap(),
            Map::new()
        );
    }

    #[test]
    fn template_must_render_to_an_object() {
        let mut p = package();
        p.set_marathon_template("[1]");
        assert!(matches!(
            render_marathon_app(&p, "s", None, None),
            Err(RenderError::NotJsonObject { .. })
        ));
        p.set_marathon_template("{\"labels\": {\"a\": 1}}");
        assert!(matches!(
            render_marathon_app(&p, "s", None, None),
            Err(RenderError::BadLabels { .. })
        ));
        p.set_marathon_template("{{#a}}");
        assert!(matches!(
            render_marathon_app(&p, "s", None, None),
            Err(RenderError::Template { .. })
        ));
        p.marathon = None;
        assert!(matches!(
            render_marathon_app(&p, "s", None, None),
            Err(RenderError::NoTemplate { .. })
        ));
    }

    #[test]
    fn options_errors_surface() {
        let p = package();
        let bad = json!({"n": "x"}).as_object().cloned();
        let err = render_marathon_app(&p, "s", bad.as_ref(), None).unwrap_err();
        assert!(
            matches!(err, RenderError::Options(OptionsError::Mismatch(_))),
            "{err}"
        );
    }
}
