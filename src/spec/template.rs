//! Templating svc.yml the way the SDK scheduler does at start-up (universe-repo-format.md §5.1):
//! the context is the scheduler's environment (the `env` of the Marathon app Cosmos rendered),
//! every value a string except `true`/`false` which act as booleans, `{{x}}` HTML-escaped and
//! `{{{x}}}` raw, and a missing name renders empty. The scheduler only logs missing names; we
//! report them as warnings because an unset `{{NODES}}` is almost always a mistake.
//!
//! The mustache engine itself is [`super::mustache`]; this module only supplies the SDK context,
//! turns missing names into diagnostics, and reads environments from the command line and files.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::diagnostic::{Diagnostic, SpecError};
use super::mustache::{self, Mode, TemplateError, VarKind};

/// A scheduler environment: variable name → value.
pub type Env = BTreeMap<String, String>;

/// Rendered svc.yml text and the warnings about names that rendered empty.
#[derive(Debug, Clone)]
pub struct RenderedSpec {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
}

/// The SDK's mustache context: a flat object of strings (the engine's SDK mode reads
/// `"true"`/`"false"` as booleans itself).
pub fn sdk_context(env: &Env) -> Value {
    Value::Object(
        env.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// Renders a svc.yml template with `env`. Variables (not section names: an unset section name is
/// the normal way to switch a block off) that resolve to nothing become warnings naming the
/// template line.
pub fn render_spec(template: &str, env: &Env) -> Result<RenderedSpec, SpecError> {
    let parsed = mustache::parse(template)?;
    let ctx = sdk_context(env);
    let value_tags: HashSet<(String, usize)> = parsed
        .variables()
        .into_iter()
        .filter(|v| matches!(v.kind, VarKind::Escaped | VarKind::Raw))
        .map(|v| (v.name, v.line))
        .collect();
    let warnings = match parsed.render(&ctx, &Mode::sdk_strict()) {
        Ok(_) => Vec::new(),
        Err(TemplateError::MissingValues(missing)) => {
            let mut seen = HashSet::new();
            missing
                .into_iter()
                .filter(|m| value_tags.contains(&(m.name.clone(), m.line)))
                .filter(|m| seen.insert(m.name.clone()))
                .map(|m| {
                    Diagnostic::warning(
                        "",
                        Some(m.line),
                        format!(
                            "the svc.yml template uses `{}`, which is not set and renders empty; pass it with --env {}=...",
                            m.name, m.name
                        ),
                    )
                })
                .collect()
        }
        Err(other) => return Err(other.into()),
    };
    let text = parsed.render(&ctx, &Mode::sdk())?;
    Ok(RenderedSpec { text, warnings })
}

/// Why an environment given on the command line or in a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    #[error("`{0}` is not a KEY=VALUE assignment; write it like NODES=3")]
    NotAssignment(String),
    #[error(
        "line {line}: `{text}` is not a KEY=VALUE assignment (blank lines and # comments are allowed)"
    )]
    BadLine { line: usize, text: String },
    #[error(
        "the JSON environment file must be an object of variables or a Marathon app with an `env` object"
    )]
    BadJson,
}

/// Parses one `KEY=VALUE` (split on the first `=`; the value may be empty).
pub fn parse_env_assignment(text: &str) -> Result<(String, String), EnvError> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(EnvError::NotAssignment(text.to_owned())),
    }
}

/// Reads an environment file: either a JSON object (a plain `{"NODES": "3"}` map, or a rendered
/// Marathon app whose `env` is used) or `KEY=VALUE` lines with `#` comments.
pub fn parse_env_file(text: &str) -> Result<Env, EnvError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed).map_err(|_| EnvError::BadJson)?;
        let object = match value.get("env") {
            Some(Value::Object(env)) => env.clone(),
            _ => match value {
                Value::Object(map) => map,
                _ => return Err(EnvError::BadJson),
            },
        };
        return Ok(object
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                Value::Number(n) => Some((k, n.to_string())),
                Value::Bool(b) => Some((k, b.to_string())),
                // Marathon env may hold secret references (`{"secret": "..."}`); they are not text.
                _ => None,
            })
            .collect());
    }
    let mut env = Env::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (k, v) = parse_env_assignment(line).map_err(|_| EnvError::BadLine {
            line: i + 1,
            text: line.to_owned(),
        })?;
        env.insert(k, v);
    }
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn escapes_double_braces_and_warns_on_missing_variables_only() {
        let t = "a: {{A}}\nb: '{{{B}}}'\n{{#OFF}}\nc: 1\n{{/OFF}}\nd: {{MISSING}}\n";
        let r = render_spec(t, &env(&[("A", "x\"y"), ("B", "[\"h\"]")])).unwrap();
        assert_eq!(r.text, "a: x&quot;y\nb: '[\"h\"]'\nd: \n");
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].line, Some(6));
        assert!(r.warnings[0].message.contains("`MISSING`"));
    }

    #[test]
    fn env_files_in_both_forms() {
        let e = parse_env_file("# c\nNODES=3\nexport X=a=b\n\n").unwrap();
        assert_eq!(e, env(&[("NODES", "3"), ("X", "a=b")]));
        let e =
            parse_env_file(r#"{"id": "/c", "env": {"NODES": "3", "S": {"secret": "x"}}}"#).unwrap();
        assert_eq!(e, env(&[("NODES", "3")]));
        assert!(matches!(
            parse_env_file("oops"),
            Err(EnvError::BadLine { line: 1, .. })
        ));
        assert!(parse_env_assignment("=x").is_err());
    }
}
