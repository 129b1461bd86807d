//! Package options: defaults from the package's JSON schema, Cosmos' deep merge, and validation
//! (`universe-repo-format.md` §5 steps 1–3).
//!
//! Validation uses the `jsonschema` crate with draft-04 semantics, which is what Cosmos'
//! java-json-tools validator applies to the SDK configs (they carry no `$schema`). Violations are
//! reported in the shape of Cosmos' `JsonSchemaMismatch` `data.errors[*]` entries (see
//! [`SchemaViolation`]), so the embedded Cosmos can return them unchanged and the CLI can print
//! pointer, expected and found.

use serde::Serialize;
use serde_json::{Map, Number, Value, json};

/// Why options were rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptionsError {
    /// Cosmos `JsonSchemaMismatch`.
    #[error("Options JSON failed validation:\n{}", format_violations(.0))]
    Mismatch(Vec<SchemaViolation>),
    /// Cosmos `OptionsNotAllowed`: options given for a package without a config schema.
    #[error("the package has no options schema, so no options may be given; remove the options")]
    NotAllowed,
    /// The package's own schema cannot be compiled.
    #[error("the package's config schema is not a valid JSON schema: {0}")]
    InvalidSchema(String),
}

fn format_violations(v: &[SchemaViolation]) -> String {
    v.iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where in the schema a violated keyword lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaLocation {
    #[serde(rename = "loadingURI")]
    pub loading_uri: String,
    pub pointer: String,
}

/// Where in the options a violation is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstanceLocation {
    pub pointer: String,
}

/// One validation error, serialising to a java-json-tools processing message as Cosmos returns
/// it: `{"level","schema":{"loadingURI","pointer"},"instance":{"pointer"},"domain","keyword",
/// "message", …keyword arguments such as "found","expected","missing","unwanted","minimum"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchemaViolation {
    pub level: String,
    pub schema: SchemaLocation,
    pub instance: InstanceLocation,
    pub domain: String,
    pub keyword: String,
    pub message: String,
    /// Keyword arguments (`found`, `expected`, `required`, `missing`, `unwanted`, `minimum`, …).
    #[serde(flatten)]
    pub arguments: Map<String, Value>,
}

impl SchemaViolation {
    /// JSON pointer into the options, e.g. `/nodes/count` (empty for the root).
    pub fn pointer(&self) -> &str {
        &self.instance.pointer
    }

    /// What the schema wanted, when the keyword has a single expectation.
    pub fn expected(&self) -> Option<&Value> {
        [
            "expected",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "enum",
            "regex",
            "missing",
            "unwanted",
        ]
        .iter()
        .find_map(|k| self.arguments.get(*k))
    }

    /// What the options had, when known.
    pub fn found(&self) -> Option<&Value> {
        self.arguments
            .get("found")
            .or_else(|| self.arguments.get("value"))
    }
}

impl std::fmt::Display for SchemaViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pointer = if self.pointer().is_empty() {
            "/"
        } else {
            self.pointer()
        };
        write!(f, "{pointer}: {}", self.message)
    }
}

/// Cosmos' `extractDefaultsFromSchema`: for each entry of `config.properties` that is an object,
/// its `default` if it has one (whatever its type), else the defaults of its own `properties`
/// when non-empty. Nothing else (`$ref`, `oneOf`, `items`, `required`, …) is consulted.
pub fn defaults(config: &Map<String, Value>) -> Map<String, Value> {
    config
        .get("properties")
        .map(defaults_of_properties)
        .unwrap_or_default()
}

fn defaults_of_properties(properties: &Value) -> Map<String, Value> {
    let Value::Object(props) = properties else {
        return Map::new();
    };
    let mut out = Map::new();
    for (name, prop) in props {
        let Value::Object(prop) = prop else {
            continue;
        };
        if let Some(default) = prop.get("default") {
            out.insert(name.clone(), default.clone());
        } else if let Some(nested) = prop.get("properties") {
            let nested = defaults_of_properties(nested);
            if !nested.is_empty() {
                out.insert(name.clone(), Value::Object(nested));
            }
        }
    }
    out
}

/// circe's `deepMerge`: objects are merged key by key recursively; anything else in `overlay`
/// (scalars, arrays, `null`) replaces what `base` had.
pub fn deep_merge(base: &mut Map<String, Value>, overlay: &Map<String, Value>) {
    for (key, value) in overlay {
        match (base.get_mut(key), value) {
            (Some(Value::Object(b)), Value::Object(o)) => deep_merge(b, o),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// A copy of `value` with every `null` member of every object removed (Cosmos prints the
/// `DCOS_PACKAGE_OPTIONS` label with circe's `dropNullValues`).
pub fn drop_nulls(value: &Value) -> Value {
    match value {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), drop_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(drop_nulls).collect()),
        other => other.clone(),
    }
}

/// Cosmos hands the validator whole numbers as `BigInteger`, so `3.0` satisfies
/// `"type": "integer"`; draft-04 validators otherwise treat it as a non-integer number.
fn integral_numbers(value: &Value) -> Value {
    match value {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                Value::Number(Number::from(f as i64))
            } else {
                value.clone()
            }
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), integral_numbers(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(integral_numbers).collect()),
        other => other.clone(),
    }
}

/// Validates `options` against the package schema `config` (draft-04), returning every violation.
pub fn validate(
    config: &Map<String, Value>,
    options: &Map<String, Value>,
) -> Result<(), OptionsError> {
    let schema = Value::Object(config.clone());
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .map_err(|e| OptionsError::InvalidSchema(e.to_string()))?;
    let instance = integral_numbers(&Value::Object(options.clone()));
    let mut violations: Vec<SchemaViolation> = Vec::new();
    for error in validator.iter_errors(&instance) {
        let violation = to_violation(&schema, &error);
        // java-json-tools reports all missing properties of one object in one message.
        if violation.keyword == "required"
            && let Some(prev) = violations.iter_mut().find(|v| {
                v.keyword == "required"
                    && v.instance == violation.instance
                    && v.schema == violation.schema
            })
        {
            if let (Some(Value::Array(missing)), Some(Value::Array(more))) = (
                prev.arguments.get_mut("missing"),
                violation.arguments.get("missing"),
            ) {
                missing.extend(more.iter().cloned());
            }
            prev.message = required_message(prev.arguments.get("missing"));
            continue;
        }
        violations.push(violation);
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(OptionsError::Mismatch(violations))
    }
}

/// The full Cosmos flow before rendering: `deepMerge(defaults, user)`, then, when the result is
/// non-empty, validation. A package without schema accepts no options (`OptionsNotAllowed`).
pub fn resolve(
    config: Option<&Map<String, Value>>,
    user: Option<&Map<String, Value>>,
) -> Result<Map<String, Value>, OptionsError> {
    let mut merged = config.map(defaults).unwrap_or_default();
    if let Some(user) = user {
        deep_merge(&mut merged, user);
    }
    match config {
        None if !merged.is_empty() => Err(OptionsError::NotAllowed),
        Some(schema) if !merged.is_empty() => validate(schema, &merged).map(|()| merged),
        _ => Ok(merged),
    }
}

/// java-json-tools' name for the type of a JSON value.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn required_message(missing: Option<&Value>) -> String {
    format!(
        "object has missing required properties ({})",
        missing.map(Value::to_string).unwrap_or_default()
    )
}

/// Looks up the schema object a keyword belongs to: `schema_path` ends with the keyword (and for
/// some keywords an index), which java-json-tools leaves out of its `schema.pointer`.
fn schema_pointer(schema_path: &str, keyword: &str) -> String {
    let segments: Vec<&str> = schema_path.split('/').collect();
    match segments.iter().rposition(|s| *s == keyword) {
        Some(pos) if pos > 0 => segments[..pos].join("/"),
        _ => String::new(),
    }
}

fn to_violation(schema: &Value, error: &jsonschema::ValidationError<'_>) -> SchemaViolation {
    use jsonschema::error::ValidationErrorKind as K;
    let kind = error.kind();
    let keyword = kind.keyword().to_string();
    let instance: &Value = error.instance();
    let schema_ptr = schema_pointer(&error.schema_path().to_string(), &keyword);
    let here = schema.pointer(&schema_ptr).unwrap_or(&Value::Null);
    let mut args = Map::new();
    let message = match kind {
        K::Type { .. } => {
            let mut expected: Vec<Value> = match here.get("type") {
                Some(Value::String(s)) => vec![Value::from(s.as_str())],
                Some(Value::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            expected.sort_by_key(|v| v.to_string());
            let found = json_type(instance);
            let message = format!(
                "instance type ({found}) does not match any allowed primitive type (allowed: {})",
                Value::Array(expected.clone())
            );
            args.insert("found".into(), json!(found));
            args.insert("expected".into(), Value::Array(expected));
            message
        }
        K::Required { property } => {
            let missing = vec![property.clone()];
            args.insert(
                "required".into(),
                here.get("required").cloned().unwrap_or(json!([])),
            );
            args.insert("missing".into(), Value::Array(missing));
            required_message(args.get("missing"))
        }
        K::AdditionalProperties { unexpected } => {
            let unwanted = json!(unexpected);
            let message = format!(
                "object instance has properties which are not allowed by the schema: {unwanted}"
            );
            args.insert("unwanted".into(), unwanted);
            message
        }
        K::Enum { options } => {
            args.insert("value".into(), instance.clone());
            args.insert("enum".into(), (**options).clone());
            format!("instance value ({instance}) not found in enum (possible values: {options})")
        }
        K::Minimum { limit } | K::ExclusiveMinimum { limit } => {
            let exclusive = matches!(kind, K::ExclusiveMinimum { .. });
            args.insert("minimum".into(), limit.clone());
            args.insert("found".into(), instance.clone());
            if exclusive {
                args.insert("exclusiveMinimum".into(), json!(true));
                format!(
                    "numeric instance is not strictly greater than the required minimum {limit}"
                )
            } else {
                format!(
                    "numeric instance is lower than the required minimum (minimum: {limit}, found: {instance})"
                )
            }
        }
        K::Maximum { limit } | K::ExclusiveMaximum { limit } => {
            let exclusive = matches!(kind, K::ExclusiveMaximum { .. });
            args.insert("maximum".into(), limit.clone());
            args.insert("found".into(), instance.clone());
            if exclusive {
                args.insert("exclusiveMaximum".into(), json!(true));
                format!("numeric instance is not strictly lower than the required maximum {limit}")
            } else {
                format!(
                    "numeric instance is greater than the required maximum (maximum: {limit}, found: {instance})"
                )
            }
        }
        K::MinLength { limit } | K::MaxLength { limit } => {
            let len = instance.as_str().map_or(0, |s| s.chars().count());
            args.insert("value".into(), instance.clone());
            args.insert("found".into(), json!(len));
            if matches!(kind, K::MinLength { .. }) {
                args.insert("minLength".into(), json!(limit));
                format!("string {instance} is too short (length: {len}, required minimum: {limit})")
            } else {
                args.insert("maxLength".into(), json!(limit));
                format!("string {instance} is too long (length: {len}, maximum allowed: {limit})")
            }
        }
        K::MinItems { limit } | K::MaxItems { limit } => {
            let len = instance.as_array().map_or(0, Vec::len);
            args.insert("found".into(), json!(len));
            if matches!(kind, K::MinItems { .. }) {
                args.insert("minItems".into(), json!(limit));
                format!(
                    "array is too short: must have at least {limit} elements but instance has {len} elements"
                )
            } else {
                args.insert("maxItems".into(), json!(limit));
                format!(
                    "array is too long: must have at most {limit} elements but instance has {len} elements"
                )
            }
        }
        K::Pattern { pattern } => {
            args.insert("regex".into(), json!(pattern));
            args.insert("string".into(), instance.clone());
            format!(
                "ECMA 262 regex {} does not match input string {instance}",
                json!(pattern)
            )
        }
        K::Format { format } => {
            args.insert("attribute".into(), json!(format));
            args.insert("value".into(), instance.clone());
            format!(
                "string {instance} is invalid against requested format {}",
                json!(format)
            )
        }
        K::UniqueItems => "array must not contain duplicate elements".to_string(),
        _ => error.to_string(),
    };
    SchemaViolation {
        level: "error".to_string(),
        schema: SchemaLocation {
            loading_uri: "#".to_string(),
            pointer: schema_ptr,
        },
        instance: InstanceLocation {
            pointer: error.instance_path().to_string(),
        },
        domain: "validation".to_string(),
        keyword,
        message,
        arguments: args,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn defaults_follow_cosmos_extraction() {
        let config = obj(json!({"type": "object", "properties": {
            "service": {"type": "object", "properties": {
                "name": {"type": "string", "default": "hello"},
                "nodefault": {"type": "string"},
                "nested": {"type": "object", "properties": {"x": {"type": "integer"}}}}},
            "whole": {"type": "object", "default": {"a": 1}, "properties": {"b": {"default": 2}}},
            "nul": {"default": null},
            "branch": {"oneOf": [{"properties": {"c": {"default": 3}}}]},
            "notobj": 5}}));
        assert_eq!(
            Value::Object(defaults(&config)),
            json!({"service": {"name": "hello"}, "whole": {"a": 1}, "nul": null})
        );
        assert!(defaults(&obj(json!({"type": "object"}))).is_empty());
    }

    #[test]
    fn deep_merge_replaces_scalars_arrays_and_nulls() {
        let mut base = obj(json!({"a": {"b": 1, "c": [1, 2], "d": {"e": 1}}, "f": 1}));
        deep_merge(
            &mut base,
            &obj(json!({"a": {"c": [3], "d": null, "g": 2}, "f": {"x": 1}})),
        );
        assert_eq!(
            Value::Object(base),
            json!({"a": {"b": 1, "c": [3], "d": null, "g": 2}, "f": {"x": 1}})
        );
    }

    #[test]
    fn violations_have_pointer_expected_found() {
        let config = obj(
            json!({"type": "object", "additionalProperties": false, "properties": {
            "nodes": {"type": "object", "required": ["count", "cpus"], "properties": {
                "count": {"type": "integer", "minimum": 1, "default": 3},
                "cpus": {"type": "number"},
                "name": {"type": "string", "pattern": "^[a-z]+$"}}}}}),
        );
        let err = resolve(
            Some(&config),
            Some(&obj(
                json!({"nodes": {"count": "three", "name": "X"}, "extra": 1}),
            )),
        )
        .unwrap_err();
        let OptionsError::Mismatch(v) = err.clone() else {
            panic!("{err}")
        };
        let by_kw = |k: &str| {
            v.iter()
                .find(|e| e.keyword == k)
                .unwrap_or_else(|| panic!("{k}: {v:?}"))
        };
        let t = by_kw("type");
        assert_eq!(t.pointer(), "/nodes/count");
        assert_eq!(t.schema.pointer, "/properties/nodes/properties/count");
        assert_eq!(t.found(), Some(&json!("string")));
        assert_eq!(t.expected(), Some(&json!(["integer"])));
        assert_eq!(by_kw("required").arguments["missing"], json!(["cpus"]));
        assert_eq!(
            by_kw("additionalProperties").arguments["unwanted"],
            json!(["extra"])
        );
        assert_eq!(by_kw("pattern").pointer(), "/nodes/name");
        let wire = serde_json::to_value(t).unwrap();
        assert_eq!(wire["instance"]["pointer"], "/nodes/count");
        assert_eq!(wire["level"], "error");
        assert!(
            err.to_string()
                .contains("/nodes/count: instance type (string)"),
            "{err}"
        );

        let low = resolve(
            Some(&config),
            Some(&obj(json!({"nodes": {"count": 0, "cpus": 1}}))),
        )
        .unwrap_err();
        let OptionsError::Mismatch(v) = low else {
            panic!()
        };
        assert_eq!(
            (v[0].keyword.as_str(), v[0].found(), v[0].expected()),
            ("minimum", Some(&json!(0)), Some(&json!(1)))
        );
    }

    #[test]
    fn whole_floats_are_integers_and_no_schema_means_no_options() {
        let config = obj(json!({"properties": {"n": {"type": "integer"}}}));
        assert!(resolve(Some(&config), Some(&obj(json!({"n": 3.0})))).is_ok());
        assert_eq!(
            resolve(None, Some(&obj(json!({"n": 1})))),
            Err(OptionsError::NotAllowed)
        );
        assert_eq!(resolve(None, Some(&Map::new())), Ok(Map::new()));
    }

    #[test]
    fn drop_nulls_is_recursive() {
        assert_eq!(
            drop_nulls(&json!({"a": null, "b": {"c": null, "d": [null]}})),
            json!({"b": {"d": [null]}})
        );
    }
}
