//! Which package option drives each pod type's count: `count: {{NODES}}` in svc.yml, then
//! `"NODES": "{{nodes.count}}"` in marathon.json.mustache, so scaling `node` means setting option
//! `nodes.count`. `pxfw scale` and the embedded scheduler use this to turn "5 nodes" into an options
//! update without hard-coding each package.
//!
//! Both templates are rendered *symbolically*: every variable gets a unique marker value and every
//! section name is false (optional blocks off, inverted blocks on, which is the shape every real
//! template is valid in). The marker found in a pod's `count` names the env var; the marker found
//! in that env var names the option. No text is pattern-matched, so formatting does not matter.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::mustache::{self, Mode, TemplateError, VarKind};

/// Where a pod type's instance count comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CountSource {
    /// A package option, through a scheduler env var: set option `option` to scale.
    Option { option: String, env: String },
    /// A fixed number: in svc.yml itself (`env` is `None`) or in the Marathon template's env.
    Literal { count: u32, env: Option<String> },
    /// An env var the Marathon template does not set (e.g. set by hand on the app).
    Unmapped { env: String },
}

/// Why a count mapping could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountMappingError {
    #[error("svc.yml template: {0}")]
    SvcTemplate(TemplateError),
    #[error("marathon.json.mustache: {0}")]
    MarathonTemplate(TemplateError),
    #[error("svc.yml does not render to YAML with optional blocks off: {0}")]
    SvcYaml(String),
    #[error(
        "marathon.json.mustache does not render to a JSON object with optional blocks off: {0}"
    )]
    MarathonJson(String),
    #[error("svc.yml has no `pods:` map")]
    NoPods,
    #[error("pods.{pod}.count: `{value}` is neither a number nor a single template variable")]
    BadCount { pod: String, value: String },
    #[error(
        "pods.{pod}.count: env var {env} is `{value}` in the Marathon template, which is neither a number nor a single option"
    )]
    BadEnvValue {
        pod: String,
        env: String,
        value: String,
    },
}

const SVC_MARK: (&str, &str) = ("PXFWVAR_", "_PXFWEND");

fn marker(mark: (&str, &str), name: &str) -> String {
    format!("{}{name}{}", mark.0, mark.1)
}

fn unmark(mark: (&str, &str), text: &str) -> Option<String> {
    text.trim()
        .strip_prefix(mark.0)?
        .strip_suffix(mark.1)
        .filter(|inner| !inner.contains(mark.0))
        .map(str::to_owned)
}

/// Maps each pod type to its count source.
pub fn count_mapping(
    svc_yml: &str,
    marathon_template: &str,
) -> Result<BTreeMap<String, CountSource>, CountMappingError> {
    let pods = symbolic_pods(svc_yml)?;
    let env = symbolic_marathon_env(marathon_template)?;
    let mut out = BTreeMap::new();
    for (pod, fields) in pods {
        let source = match fields.count {
            SymbolicValue::Number(n) => CountSource::Literal {
                count: n,
                env: None,
            },
            SymbolicValue::Var(var) => resolve_env(&pod, &var, &env)?,
            SymbolicValue::Other(value) => return Err(CountMappingError::BadCount { pod, value }),
        };
        out.insert(pod, source);
    }
    Ok(out)
}

/// Whether each pod type may shrink (`allow-decommission: true`). A templated value counts only
/// when the Marathon template fixes it to `true`; one that depends on an option is reported as not
/// allowed, the conservative answer for a scale-in check.
pub fn decommission_allowed(
    svc_yml: &str,
    marathon_template: &str,
) -> Result<BTreeMap<String, bool>, CountMappingError> {
    let pods = symbolic_pods(svc_yml)?;
    let env = symbolic_marathon_env(marathon_template)?;
    Ok(pods
        .into_iter()
        .map(|(pod, fields)| {
            let allowed = match fields.allow_decommission {
                Some(AllowValue::Literal(b)) => b,
                Some(AllowValue::Var(var)) => matches!(
                    env.get(&var),
                    Some(EnvValue::Text(v)) if v.trim().eq_ignore_ascii_case("true")
                ),
                None => false,
            };
            (pod, allowed)
        })
        .collect())
}

fn resolve_env(
    pod: &str,
    var: &str,
    env: &BTreeMap<String, EnvValue>,
) -> Result<CountSource, CountMappingError> {
    let text = match env.get(var) {
        None => {
            return Ok(CountSource::Unmapped {
                env: var.to_owned(),
            });
        }
        Some(EnvValue::Option(option)) => {
            return Ok(CountSource::Option {
                option: option.clone(),
                env: var.to_owned(),
            });
        }
        Some(EnvValue::Text(text)) => text.clone(),
    };
    text.trim()
        .parse::<u32>()
        .map(|count| CountSource::Literal {
            count,
            env: Some(var.to_owned()),
        })
        .map_err(|_| CountMappingError::BadEnvValue {
            pod: pod.to_owned(),
            env: var.to_owned(),
            value: text,
        })
}

enum SymbolicValue {
    Number(u32),
    Var(String),
    Other(String),
}

enum AllowValue {
    Literal(bool),
    Var(String),
}

struct PodFields {
    count: SymbolicValue,
    allow_decommission: Option<AllowValue>,
}

/// Names used as sections are false; every other name renders as its marker.
fn symbolic_context(vars: &[mustache::VarRef]) -> Map<String, Value> {
    let sections: HashSet<&str> = vars
        .iter()
        .filter(|v| matches!(v.kind, VarKind::Section | VarKind::Inverted))
        .map(|v| v.name.as_str())
        .collect();
    let mut seen = HashSet::new();
    vars.iter()
        .filter(|v| v.name != "." && seen.insert(v.name.as_str()))
        .map(|v| {
            let value = if sections.contains(v.name.as_str()) {
                Value::Bool(false)
            } else {
                Value::String(marker(SVC_MARK, &v.name))
            };
            (v.name.clone(), value)
        })
        .collect()
}

fn symbolic_pods(svc_yml: &str) -> Result<BTreeMap<String, PodFields>, CountMappingError> {
    let template = mustache::parse(svc_yml).map_err(CountMappingError::SvcTemplate)?;
    let ctx = symbolic_context(&template.variables());
    let text = template
        .render(&Value::Object(ctx), &Mode::sdk())
        .map_err(CountMappingError::SvcTemplate)?;
    let doc: serde_norway::Value =
        serde_norway::from_str(&text).map_err(|e| CountMappingError::SvcYaml(e.to_string()))?;
    let pods = doc
        .get("pods")
        .and_then(serde_norway::Value::as_mapping)
        .ok_or(CountMappingError::NoPods)?;
    let mut out = BTreeMap::new();
    for (name, pod) in pods {
        let name = scalar_text(name);
        let count = match pod.get("count") {
            Some(serde_norway::Value::Number(n)) => {
                match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => SymbolicValue::Number(n),
                    None => SymbolicValue::Other(n.to_string()),
                }
            }
            Some(v) => {
                let text = scalar_text(v);
                match unmark(SVC_MARK, &text) {
                    Some(var) => SymbolicValue::Var(var),
                    None => SymbolicValue::Other(text),
                }
            }
            None => SymbolicValue::Other("(missing)".to_owned()),
        };
        let allow_decommission = pod.get("allow-decommission").map(|v| match v {
            serde_norway::Value::Bool(b) => AllowValue::Literal(*b),
            other => match unmark(SVC_MARK, &scalar_text(other)) {
                Some(var) => AllowValue::Var(var),
                None => AllowValue::Literal(false),
            },
        });
        out.insert(
            name,
            PodFields {
                count,
                allow_decommission,
            },
        );
    }
    Ok(out)
}

fn scalar_text(v: &serde_norway::Value) -> String {
    match v {
        serde_norway::Value::String(s) => s.clone(),
        serde_norway::Value::Number(n) => n.to_string(),
        serde_norway::Value::Bool(b) => b.to_string(),
        other => serde_norway::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// Renders the Marathon template with every variable set to a distinct large integer (valid JSON
/// both inside quotes and bare, where templates put numbers) and returns the app's `env` with
/// those markers turned back into `{{option}}` names.
fn symbolic_marathon_env(template: &str) -> Result<BTreeMap<String, EnvValue>, CountMappingError> {
    let parsed = mustache::parse(template).map_err(CountMappingError::MarathonTemplate)?;
    let vars = parsed.variables();
    let sections: HashSet<&str> = vars
        .iter()
        .filter(|v| matches!(v.kind, VarKind::Section | VarKind::Inverted))
        .map(|v| v.name.as_str())
        .collect();
    let mut names: Vec<&str> = Vec::new();
    let mut ctx = Value::Object(Map::new());
    for v in &vars {
        if v.name == "." || names.contains(&v.name.as_str()) {
            continue;
        }
        let value = if sections.contains(v.name.as_str()) {
            Value::Bool(false)
        } else {
            Value::from(OPTION_MARKER_BASE + names.len() as u64)
        };
        names.push(&v.name);
        set_dotted(&mut ctx, &v.name, value);
    }
    let text = parsed
        .render(&ctx, &Mode::Cosmos)
        .map_err(CountMappingError::MarathonTemplate)?;
    let app: Value =
        serde_json::from_str(&text).map_err(|e| CountMappingError::MarathonJson(e.to_string()))?;
    let Some(Value::Object(env)) = app.get("env") else {
        return Ok(BTreeMap::new());
    };
    Ok(env
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let option = text
                .trim()
                .parse::<u64>()
                .ok()
                .and_then(|n| n.checked_sub(OPTION_MARKER_BASE))
                .and_then(|i| names.get(usize::try_from(i).ok()?))
                .map(|n| (*n).to_owned());
            let value = match option {
                Some(name) => EnvValue::Option(name),
                None => EnvValue::Text(text),
            };
            (k.clone(), value)
        })
        .collect())
}

/// An env value of the symbolically rendered Marathon app.
enum EnvValue {
    /// Exactly one option, e.g. `{{nodes.count}}`.
    Option(String),
    /// Anything else, as text.
    Text(String),
}

/// Markers start far above any real count so a literal can never be mistaken for one.
const OPTION_MARKER_BASE: u64 = 9_000_000_000_000;

/// Sets `a.b.c` in nested objects; a path that collides with a value already set is skipped
/// (the first use wins), which only affects names that are both a leaf and a prefix.
fn set_dotted(root: &mut Value, dotted: &str, value: Value) {
    let mut cur = root;
    let mut parts = dotted.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = cur else { return };
        if parts.peek().is_none() {
            map.entry(part.to_owned()).or_insert(value);
            return;
        }
        cur = map
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_through_both_templates() {
        let svc = "name: x\npods:\n  a:\n    count: {{A_COUNT}}\n    allow-decommission: true\n  b:\n    count: 2\n  c:\n    count: {{C}}\n  d:\n    count: {{D}}\n";
        let marathon =
            r#"{"env": {"A_COUNT": "{{a.count}}", {{#x.on}}"Z": "1",{{/x.on}} "C": "4"}}"#;
        let m = count_mapping(svc, marathon).unwrap();
        assert_eq!(
            m["a"],
            CountSource::Option {
                option: "a.count".into(),
                env: "A_COUNT".into()
            }
        );
        assert_eq!(
            m["b"],
            CountSource::Literal {
                count: 2,
                env: None
            }
        );
        assert_eq!(
            m["c"],
            CountSource::Literal {
                count: 4,
                env: Some("C".into())
            }
        );
        assert_eq!(m["d"], CountSource::Unmapped { env: "D".into() });
        let d = decommission_allowed(svc, marathon).unwrap();
        assert!(d["a"] && !d["b"]);
    }

    #[test]
    fn mixed_count_text_is_an_error() {
        let svc = "pods:\n  a:\n    count: n{{A}}\n";
        assert!(matches!(
            count_mapping(svc, "{}"),
            Err(CountMappingError::BadCount { .. })
        ));
    }
}
