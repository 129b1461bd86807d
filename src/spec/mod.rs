//! The service spec (`svc.yml`): its typed model, SDK-style templating, validation, the placement
//! constraint language, volume naming, plan expansion and the mapping from pod counts to package
//! options. Everything here is pure (text in, values out) so the CLI, the embedded scheduler and
//! the benchmarks share it.
//!
//! The usual entry point is [`load`]: render the svc.yml template with the scheduler's environment
//! (the `env` of the rendered Marathon app), parse it, and run the semantic checks.

pub mod constraint;
pub mod count;
pub mod diagnostic;
pub mod lines;
pub mod model;
pub mod mustache;
pub mod parse;
pub mod plan;
pub mod summary;
pub mod template;
pub mod update;
pub mod validate;
pub mod volume;

pub use constraint::{ConstraintError, NodeAttributes, PlacementRule, Rejection, Tally};
pub use count::{CountMappingError, CountSource, count_mapping, decommission_allowed};
pub use diagnostic::{Diagnostic, Severity, SpecError};
pub use model::{PodSpec, ServiceSpec, TaskSpec, VolumeSpec};
pub use parse::parse_spec;
pub use plan::{ExpandedPhase, ExpandedPlan, ExpandedStep};
pub use summary::{SpecSummary, summarize};
pub use template::{Env, render_spec};
pub use validate::validate;
pub use volume::{ResolvedVolume, VolumeScope};

/// A rendered, parsed and validated spec, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The svc.yml text after templating (what line numbers refer to).
    pub rendered: String,
    pub spec: ServiceSpec,
    /// Non-fatal findings: unset template variables, odd but accepted settings.
    pub warnings: Vec<Diagnostic>,
}

/// Renders `template` with `env` as the SDK scheduler does, then parses and validates it. On
/// failure the error carries every problem found (warnings included).
pub fn load(template: &str, env: &Env) -> Result<LoadedSpec, SpecError> {
    let rendered = render_spec(template, env)?;
    let mut loaded = load_rendered(&rendered.text).map_err(|e| match e {
        SpecError::Invalid(mut d) => {
            d.extend(rendered.warnings.iter().cloned());
            SpecError::Invalid(d)
        }
        other => other,
    })?;
    let mut warnings = rendered.warnings;
    warnings.append(&mut loaded.warnings);
    loaded.warnings = warnings;
    Ok(loaded)
}

/// Parses and validates an already rendered svc.yml.
pub fn load_rendered(yaml: &str) -> Result<LoadedSpec, SpecError> {
    let parsed = parse_spec(yaml)?;
    let diagnostics = validate(&parsed.spec, &parsed.lines);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(SpecError::Invalid(diagnostics));
    }
    Ok(LoadedSpec {
        rendered: yaml.to_owned(),
        spec: parsed.spec,
        warnings: diagnostics,
    })
}
