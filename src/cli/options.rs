//! Package options as users give them: an `--options` JSON file plus `--set a.b=value` overrides.

use std::path::Path;

use anyhow::anyhow;
use serde_json::{Map, Value};

use super::exit::Exit;

/// Reads an options file: it must exist and hold one JSON object.
pub fn load_file(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Exit::usage(format!(
            "cannot read the options file {}: {e}",
            path.display()
        ))
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Exit::usage(format!(
            "the options file {} is not valid JSON: {e} (line {}, column {})",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if !value.is_object() {
        return Err(Exit::usage(format!(
            "the options file {} must hold a JSON object",
            path.display()
        ))
        .into());
    }
    Ok(value)
}

/// Parses one `--set path=value`. The value is taken as JSON when it parses as JSON (`3`, `true`, `[1]`,
/// `"x"`), else as a plain string, so `--set service.name=c1` and `--set nodes.count=5` both do what they say.
pub fn parse_set(raw: &str) -> anyhow::Result<(Vec<String>, Value)> {
    let (path, value) = raw.split_once('=').ok_or_else(|| {
        Exit::usage(format!(
            "--set {raw}: expected PATH=VALUE, e.g. --set nodes.count=5"
        ))
    })?;
    let segments: Vec<String> = path.split('.').map(str::to_string).collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(Exit::usage(format!(
            "--set {raw}: `{path}` is not a dotted option path like nodes.count"
        ))
        .into());
    }
    let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
    Ok((segments, value))
}

/// Puts `value` at `path` inside `target`, creating objects on the way; refuses to descend into a scalar.
pub fn set_path(target: &mut Value, path: &[String], value: Value) -> anyhow::Result<()> {
    let mut cur = target;
    for (i, seg) in path.iter().enumerate() {
        if !cur.is_object() {
            return Err(anyhow!(
                "cannot set {}: `{}` is not an object",
                path.join("."),
                path[..i].join(".")
            ));
        }
        let map = cur.as_object_mut().expect("checked object");
        if i + 1 == path.len() {
            map.insert(seg.clone(), value);
            return Ok(());
        }
        cur = map
            .entry(seg.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    Ok(())
}

/// The user options from `--options` and `--set`, or `None` when neither was given.
pub fn user_options(file: Option<&Path>, sets: &[String]) -> anyhow::Result<Option<Value>> {
    if file.is_none() && sets.is_empty() {
        return Ok(None);
    }
    let mut options = match file {
        Some(f) => load_file(f)?,
        None => Value::Object(Map::new()),
    };
    for raw in sets {
        let (path, value) = parse_set(raw)?;
        set_path(&mut options, &path, value)
            .map_err(|e| Exit::usage(format!("--set {raw}: {e}")))?;
    }
    Ok(Some(options))
}

/// Reads a dotted path out of an options object.
pub fn get_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, seg| v.get(seg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_values_are_typed() {
        let mut o = json!({"service": {"name": "a"}});
        for s in [
            "nodes.count=5",
            "service.name=c1",
            "nodes.flag=true",
            "x.list=[1,2]",
        ] {
            let (p, v) = parse_set(s).unwrap();
            set_path(&mut o, &p, v).unwrap();
        }
        assert_eq!(
            o,
            json!({"service":{"name":"c1"},"nodes":{"count":5,"flag":true},"x":{"list":[1,2]}})
        );
        assert_eq!(get_path(&o, "nodes.count"), Some(&json!(5)));
    }

    #[test]
    fn bad_sets() {
        assert!(parse_set("nodes.count").is_err());
        assert!(parse_set("a..b=1").is_err());
        let mut o = json!({"a": 1});
        let (p, v) = parse_set("a.b=2").unwrap();
        assert!(set_path(&mut o, &p, v).is_err());
    }
}
