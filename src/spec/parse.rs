//! From rendered YAML text to a typed [`ServiceSpec`], with errors that name the path and line.
//!
//! serde_path_to_error supplies the path of a failed field, serde_norway the line; the message is
//! rewritten from serde's wording ("invalid type: string \"abc\", expected f64") into the user's
//! ("expected a number, found \"abc\""). Duplicate keys, which serde would let the last one win,
//! come from the [`LineIndex`].

use super::diagnostic::{Diagnostic, SpecError};
use super::lines::LineIndex;
use super::model::ServiceSpec;

const EMPTY_DOCUMENT: &str =
    "the document is empty; a service spec needs at least `name` and `pods`";

/// A parsed document and the index that locates its paths for later checks.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub spec: ServiceSpec,
    pub lines: LineIndex,
}

/// Parses rendered svc.yml text. Only structural problems are checked here; see
/// [`super::validate::validate`] for the semantic ones.
pub fn parse_spec(yaml: &str) -> Result<Parsed, SpecError> {
    let lines = LineIndex::build(yaml);
    let mut problems: Vec<Diagnostic> = lines
        .duplicates()
        .iter()
        .map(|(path, line)| {
            let key = path.rsplit('.').next().unwrap_or(path);
            Diagnostic::error(
                path.clone(),
                Some(*line),
                format!("duplicate key `{key}`; each name may appear only once in a map"),
            )
        })
        .collect();
    if yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(SpecError::Invalid(vec![Diagnostic::error(
            "",
            None,
            EMPTY_DOCUMENT,
        )]));
    }
    // serde_norway parses lazily, so a syntax error late in the file would surface only after a
    // type error it caused earlier ("missing field"); check the syntax of the whole text first.
    if let Err(err) = serde_norway::from_str::<serde::de::IgnoredAny>(yaml) {
        let line = err.location().map(|l| l.line());
        let message = clean_message(&err, "");
        let message = format!("invalid YAML: {message}");
        return Err(SpecError::Invalid(vec![Diagnostic::error(
            "", line, message,
        )]));
    }
    let deserializer = serde_norway::Deserializer::from_str(yaml);
    match serde_path_to_error::deserialize::<_, ServiceSpec>(deserializer) {
        Ok(spec) if problems.is_empty() => Ok(Parsed { spec, lines }),
        Ok(_) => Err(SpecError::Invalid(problems)),
        Err(err) => {
            let path = match err.path().to_string() {
                p if p == "." => String::new(),
                p => p,
            };
            let inner = err.into_inner();
            let line = inner
                .location()
                .map(|l| l.line())
                .or_else(|| lines.line_of(&path));
            let message = clean_message(&inner, &path);
            // A repeated struct field is already reported, with a better line, by the index.
            if problems.is_empty() || !message.starts_with("duplicate field") {
                problems.insert(0, Diagnostic::error(path, line, message));
            }
            Err(SpecError::Invalid(problems))
        }
    }
}

/// serde_norway's text repeats the path as a prefix and the position as a suffix; we print both
/// ourselves, so strip them, then reword serde's phrasing.
fn clean_message(err: &serde_norway::Error, path: &str) -> String {
    let mut text = err.to_string();
    if let Some(loc) = err.location() {
        let suffix = format!(" at line {} column {}", loc.line(), loc.column());
        // At the end for data errors; in the middle ("…, while parsing…") for syntax errors.
        text = text.replacen(&suffix, "", 1);
    }
    // serde_norway prefixes the path of the *struct* it was in, which may be a parent of ours.
    if let Some((prefix, rest)) = text.split_once(": ")
        && !path.is_empty()
        && (path == prefix
            || path.starts_with(&format!("{prefix}."))
            || path.starts_with(&format!("{prefix}[")))
    {
        text = rest.to_owned();
    }
    if text.is_empty() || text == "EOF while parsing a value" {
        return EMPTY_DOCUMENT.to_owned();
    }
    humanize(&text)
}

/// Rewrites serde's "invalid type/value: <found>, expected <want>" into
/// "expected <want>, found <found>" with plain-language type names.
pub(crate) fn humanize(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            return format!(
                "expected {}, found {}",
                expected_noun(expected),
                found_noun(found)
            );
        }
    }
    message.to_owned()
}

fn expected_noun(expected: &str) -> String {
    match expected {
        "f32" | "f64" => "a number".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a non-negative integer".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "an integer".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a sequence" => "a list".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("a map") => "a map".to_owned(),
        e => e.to_owned(),
    }
}

fn found_noun(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return s.to_owned();
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(v) = found.strip_prefix(prefix) {
            return v.trim_matches('`').to_owned();
        }
    }
    match found {
        "unit value" => "nothing (an empty value; is a template variable unset?)".to_owned(),
        "map" => "a map".to_owned(),
        "sequence" => "a list".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanize_rewrites_serde_wording() {
        assert_eq!(
            humanize("invalid type: string \"abc\", expected f64"),
            "expected a number, found \"abc\""
        );
        assert_eq!(
            humanize("invalid value: integer `-1`, expected u32"),
            "expected a non-negative integer, found -1"
        );
        assert_eq!(humanize("missing field `goal`"), "missing field `goal`");
    }
}
