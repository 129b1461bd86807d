//! Problems found in a spec, each tied to a path and (when known) a line, and the error type that
//! carries all of them at once so a user fixes a file in one pass rather than one error per run.

use std::fmt;

use serde::Serialize;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The spec is still usable; something looks unintended.
    Warning,
    /// The scheduler would reject the spec.
    Error,
}

/// One problem: `pods.node.tasks.server.cpus: expected a number, found "abc" (line 12)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Dotted path of the offending value (`pods.node.count`, `plans.deploy.phases.x.steps[0]`);
    /// empty for problems about the whole document.
    pub path: String,
    /// 1-based line in the text that was parsed (the *rendered* spec when it was a template).
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

/// Why a spec could not be loaded. Holds every problem found, warnings included, so callers can
/// show the full picture.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// The svc.yml template itself is malformed mustache.
    #[error("svc.yml template: {0}")]
    Template(#[from] crate::spec::mustache::TemplateError),
    /// The rendered spec is not valid YAML, does not fit the model, or fails semantic checks.
    #[error("{}", list(.0))]
    Invalid(Vec<Diagnostic>),
}

impl SpecError {
    /// The problems, for callers that print them their own way (e.g. as JSON).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            SpecError::Template(e) => vec![Diagnostic::error("", None, e.to_string())],
            SpecError::Invalid(d) => d.clone(),
        }
    }
}

fn list(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut out = format!(
        "invalid service spec: {errors} error{}",
        if errors == 1 { "" } else { "s" }
    );
    for d in diags {
        let tag = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!("\n  {tag}: {d}"));
    }
    out
}
