//! The placement language of `pods.<type>.placement` (contracts/sdk-scheduler-api.md §3.6):
//! Marathon constraints as the fork's `MarathonConstraintParser` accepts them, and their evaluation
//! against a candidate node.
//!
//! Three input forms: a flat JSON list `["hostname","UNIQUE"]`, a nested JSON list
//! `[["hostname","MAX_PER","1"],["rack_id","LIKE","rack-[12]"]]`, and text
//! `hostname:MAX_PER:1,rack_id:LIKE:rack-[12]` (backslash escapes `,` and `:`). Rows are ANDed and
//! each counts only pods of the *same pod type*.
//!
//! Evaluation is split in two so a scheduler can filter thousands of nodes cheaply: [`Tally`] counts
//! once how many pods of the type already sit on each hostname/zone/region/attribute value, then
//! [`Tally::check`] answers for one candidate with a few hash lookups. Both are pure functions of
//! their inputs. Callers pass only *live* placements: the fork ignores tasks in a terminal state so
//! a dead task never blocks `MAX_PER`/`UNIQUE`.

use std::collections::HashMap;
use std::fmt;

use regex::Regex;
use serde::Serialize;

/// Why a placement string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid placement constraint `{input}`: {message}")]
pub struct ConstraintError {
    /// The whole placement string as given.
    pub input: String,
    /// What was wrong, naming the offending row.
    pub message: String,
}

/// The node property a row looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// `hostname` or `@hostname`.
    Hostname,
    /// `@zone`, from the fault domain.
    Zone,
    /// `@region`, from the fault domain.
    Region,
    /// Any other name: an agent attribute such as `rack_id`.
    Attribute(String),
}

/// A constraint operator with its parameter.
#[derive(Debug, Clone)]
pub enum Operator {
    /// At most one pod of the type per value; on an attribute the attribute must be present.
    Unique,
    /// The value must equal the parameter.
    Cluster(String),
    /// Same effect as CLUSTER.
    Is(String),
    /// The value must fully match the regex.
    Like(Regex),
    /// The value must not fully match the regex (a missing value passes).
    Unlike(Regex),
    /// At most N pods of the type per value.
    MaxPer(u32),
    /// Spread round-robin across values; the optional number is how many distinct values to expect.
    GroupBy(Option<u32>),
}

impl Operator {
    fn name(&self) -> &'static str {
        match self {
            Operator::Unique => "UNIQUE",
            Operator::Cluster(_) => "CLUSTER",
            Operator::Is(_) => "IS",
            Operator::Like(_) => "LIKE",
            Operator::Unlike(_) => "UNLIKE",
            Operator::MaxPer(_) => "MAX_PER",
            Operator::GroupBy(_) => "GROUP_BY",
        }
    }

    fn parameter(&self) -> Option<String> {
        match self {
            Operator::Unique | Operator::GroupBy(None) => None,
            Operator::Cluster(v) | Operator::Is(v) => Some(v.clone()),
            Operator::Like(r) | Operator::Unlike(r) => Some(unanchor(r.as_str()).to_owned()),
            Operator::MaxPer(n) | Operator::GroupBy(Some(n)) => Some(n.to_string()),
        }
    }
}

/// One row, e.g. `hostname:MAX_PER:1`.
#[derive(Debug, Clone)]
pub struct Constraint {
    /// The field as written (`hostname` and `@hostname` mean the same but print as given).
    pub field_name: String,
    pub field: Field,
    pub operator: Operator,
}

/// The canonical text form, which parses back to the same row: a `\\`, `:` or `,` inside a token is
/// escaped with a backslash, as the text form reads it.
impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}",
            escape_token(&self.field_name),
            self.operator.name()
        )?;
        if let Some(p) = self.operator.parameter() {
            write!(f, ":{}", escape_token(&p))?;
        }
        Ok(())
    }
}

/// A token as the text form must spell it (see [`text_rows`]).
fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['\\', ':', ',']) {
        let mut out = String::with_capacity(token.len() + 2);
        for c in token.chars() {
            if matches!(c, '\\' | ':' | ',') {
                out.push('\\');
            }
            out.push(c);
        }
        out.into()
    } else {
        token.into()
    }
}

impl Serialize for Constraint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Constraint", 3)?;
        s.serialize_field("field", &self.field_name)?;
        s.serialize_field("operator", self.operator.name())?;
        s.serialize_field("value", &self.operator.parameter())?;
        s.end()
    }
}

/// A parsed placement: rows combined with AND. Empty means "anywhere".
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct PlacementRule {
    pub rows: Vec<Constraint>,
}

impl fmt::Display for PlacementRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{row}")?;
        }
        Ok(())
    }
}

/// What the evaluator needs to know about a node. `api::topology::Topology` is the one
/// implementation (with the one rack rule); other node types reach it through theirs.
pub trait NodeAttributes {
    fn hostname(&self) -> &str;
    fn zone(&self) -> Option<&str>;
    fn region(&self) -> Option<&str>;
    fn attribute(&self, name: &str) -> Option<&str>;

    /// The value of `field` on this node, if it has one.
    fn field_value(&self, field: &Field) -> Option<&str> {
        match field {
            Field::Hostname => Some(self.hostname()),
            Field::Zone => self.zone(),
            Field::Region => self.region(),
            Field::Attribute(name) => self.attribute(name),
        }
    }
}

impl<T: NodeAttributes + ?Sized> NodeAttributes for &T {
    fn hostname(&self) -> &str {
        (**self).hostname()
    }
    fn zone(&self) -> Option<&str> {
        (**self).zone()
    }
    fn region(&self) -> Option<&str> {
        (**self).region()
    }
    fn attribute(&self, name: &str) -> Option<&str> {
        (**self).attribute(name)
    }
}

/// Why a candidate node was filtered out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The row that failed, canonical form: `hostname:MAX_PER:1`.
    pub rule: String,
    /// A sentence about this node.
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.rule, self.reason)
    }
}

impl PlacementRule {
    /// Parses any of the three forms. Empty text and `[]` mean no constraint.
    pub fn parse(input: &str) -> Result<PlacementRule, ConstraintError> {
        let err = |message: String| ConstraintError {
            input: input.to_owned(),
            message,
        };
        let text = input.trim();
        let rows: Vec<Vec<String>> = if text.is_empty() {
            Vec::new()
        } else if text.starts_with('[') {
            json_rows(text).map_err(err)?
        } else {
            text_rows(text)
        };
        let rows = rows
            .into_iter()
            .map(|tokens| parse_row(&tokens).map_err(err))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PlacementRule { rows })
    }

    /// True when the rule places no restriction.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Counts the placed pods of this pod type once, for many [`Tally::check`] calls.
    pub fn tally<'a, N: NodeAttributes + 'a>(
        &'a self,
        placed: impl IntoIterator<Item = &'a N>,
    ) -> Tally<'a> {
        let mut counts: Vec<RowTally<'a>> = vec![RowTally::default(); self.rows.len()];
        for node in placed {
            for (row, tally) in self.rows.iter().zip(counts.iter_mut()) {
                if let Some(v) = node.field_value(&row.field) {
                    *tally.per_value.entry(v).or_insert(0) += 1;
                }
            }
        }
        for tally in &mut counts {
            // Every value in the map holds at least one pod, so these summarise GROUP_BY's view.
            tally.used = tally.per_value.len();
            tally.least = tally.per_value.values().copied().min().unwrap_or(0);
        }
        Tally { rule: self, counts }
    }

    /// One-shot evaluation: may `candidate` host another pod of the type, given the nodes of the
    /// pods of that type already placed (one entry per pod)?
    pub fn evaluate<N: NodeAttributes>(
        &self,
        candidate: &N,
        placed: &[N],
    ) -> Result<(), Rejection> {
        self.tally(placed.iter()).check(candidate)
    }
}

/// Per-row counts of already placed pods by field value.
#[derive(Debug, Clone)]
pub struct Tally<'a> {
    rule: &'a PlacementRule,
    counts: Vec<RowTally<'a>>,
}

/// One row's counts, plus the two figures GROUP_BY needs, computed once rather than per node.
#[derive(Debug, Clone, Default)]
struct RowTally<'a> {
    per_value: HashMap<&'a str, u32>,
    /// Distinct values holding a pod.
    used: usize,
    /// Fewest pods on any value that holds one.
    least: u32,
}

impl<'a> Tally<'a> {
    /// Counts one more pod placed on `node`, so several pods of a type can be placed in one pass
    /// without recounting from scratch.
    pub fn record<N: NodeAttributes + ?Sized>(&mut self, node: &'a N) {
        for (row, tally) in self.rule.rows.iter().zip(self.counts.iter_mut()) {
            let Some(v) = node.field_value(&row.field) else {
                continue;
            };
            let count = {
                let c = tally.per_value.entry(v).or_insert(0);
                *c += 1;
                *c
            };
            tally.used = tally.per_value.len();
            if count == 1 {
                tally.least = 1;
            } else if count - 1 == tally.least {
                tally.least = tally.per_value.values().copied().min().unwrap_or(0);
            }
        }
    }

    /// Passes or names the first row that rejects `candidate`.
    pub fn check<N: NodeAttributes + ?Sized>(&self, candidate: &N) -> Result<(), Rejection> {
        for (row, counts) in self.rule.rows.iter().zip(&self.counts) {
            check_row(row, counts, candidate.field_value(&row.field))?;
        }
        Ok(())
    }
}

fn check_row(row: &Constraint, tally: &RowTally<'_>, value: Option<&str>) -> Result<(), Rejection> {
    let reject = |reason: String| {
        Err(Rejection {
            rule: row.to_string(),
            reason,
        })
    };
    let what = field_noun(&row.field);
    let Some(value) = value else {
        return match row.operator {
            Operator::Unlike(_) => Ok(()),
            _ => reject(format!("node has no {what}")),
        };
    };
    let here = tally.per_value.get(value).copied().unwrap_or(0);
    match &row.operator {
        Operator::Unique if here > 0 => reject(format!(
            "{here} pod(s) of this type already on {what} \"{value}\", at most 1 allowed"
        )),
        Operator::MaxPer(max) if here >= *max => reject(format!(
            "{here} pod(s) of this type already on {what} \"{value}\", at most {max} allowed"
        )),
        Operator::Cluster(want) | Operator::Is(want) if value != want => {
            reject(format!("{what} is \"{value}\", must be \"{want}\""))
        }
        Operator::Like(re) if !re.is_match(value) => reject(format!(
            "{what} \"{value}\" does not match /{}/",
            unanchor(re.as_str())
        )),
        Operator::Unlike(re) if re.is_match(value) => reject(format!(
            "{what} \"{value}\" matches /{}/",
            unanchor(re.as_str())
        )),
        Operator::GroupBy(expected) => {
            let used = tally.used;
            // Values not seen yet count as zero: while fewer than the expected number of values
            // hold a pod, only an unused value keeps the round robin even.
            let least = match expected {
                Some(n) if (used as u64) < u64::from(*n) => 0,
                _ if here == 0 => 0,
                _ => tally.least,
            };
            if here > least {
                reject(format!(
                    "{here} pod(s) of this type already on {what} \"{value}\", another value has only {least}"
                ))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

fn field_noun(field: &Field) -> String {
    match field {
        Field::Hostname => "hostname".to_owned(),
        Field::Zone => "zone".to_owned(),
        Field::Region => "region".to_owned(),
        Field::Attribute(a) => format!("attribute {a}"),
    }
}

/// JSON forms: a flat list of strings is one row, a list of lists is many rows. Numbers are
/// accepted where strings are expected (`["hostname","MAX_PER",1]`), as Jackson coerces them.
fn json_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let serde_json::Value::Array(items) = value else {
        return Err("expected a JSON list of constraints".to_owned());
    };
    if items.is_empty() {
        return Ok(Vec::new());
    }
    if items.iter().all(|v| !v.is_array()) {
        return Ok(vec![json_tokens(&items)?]);
    }
    items
        .iter()
        .map(|row| match row {
            serde_json::Value::Array(tokens) => json_tokens(tokens),
            other => Err(format!(
                "expected every row to be a list like [\"hostname\",\"UNIQUE\"], found {other}"
            )),
        })
        .collect()
}

fn json_tokens(tokens: &[serde_json::Value]) -> Result<Vec<String>, String> {
    tokens
        .iter()
        .map(|t| match t {
            serde_json::Value::String(s) => Ok(s.trim().to_owned()),
            serde_json::Value::Number(n) => Ok(n.to_string()),
            other => Err(format!(
                "expected a string in a constraint row, found {other}"
            )),
        })
        .collect()
}

/// Text form: rows split on `,`, tokens on `:`, a backslash escapes the next character.
fn text_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut token = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    token.push(next);
                }
            }
            ':' => row.push(std::mem::take(&mut token).trim().to_owned()),
            ',' => {
                row.push(std::mem::take(&mut token).trim().to_owned());
                rows.push(std::mem::take(&mut row));
            }
            c => token.push(c),
        }
    }
    row.push(token.trim().to_owned());
    rows.push(row);
    rows
}

const OPERATORS: &str = "UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER or IS";

fn parse_row(tokens: &[String]) -> Result<Constraint, String> {
    let shown = tokens.join(":");
    let (field_name, op, param) = match tokens {
        [f, o] => (f, o, None),
        [f, o, p] => (f, o, Some(p.as_str())),
        _ => {
            return Err(format!(
                "row `{shown}` must be field:OPERATOR or field:OPERATOR:value (found {} part(s))",
                tokens.len()
            ));
        }
    };
    if field_name.is_empty() {
        return Err(format!("row `{shown}` has an empty field name"));
    }
    let field = match field_name.as_str() {
        "hostname" | "@hostname" => Field::Hostname,
        "@zone" => Field::Zone,
        "@region" => Field::Region,
        other => Field::Attribute(other.to_owned()),
    };
    let need = |what: &str| -> Result<String, String> {
        match param {
            Some(p) if !p.is_empty() => Ok(p.to_owned()),
            _ => Err(format!("{} in `{shown}` needs {what}", op.to_uppercase())),
        }
    };
    let operator = match op.to_uppercase().as_str() {
        "UNIQUE" => match param {
            None => Operator::Unique,
            Some(p) => return Err(format!("UNIQUE in `{shown}` takes no value, found `{p}`")),
        },
        "CLUSTER" => Operator::Cluster(need("a value to match")?),
        "IS" => Operator::Is(need("a value to match")?),
        "LIKE" => Operator::Like(anchored(&need("a regular expression")?, &shown)?),
        "UNLIKE" => Operator::Unlike(anchored(&need("a regular expression")?, &shown)?),
        "MAX_PER" => {
            let raw = need("a maximum count, e.g. hostname:MAX_PER:1")?;
            Operator::MaxPer(raw.parse::<u32>().map_err(|_| {
                format!("MAX_PER in `{shown}` needs a non-negative integer, found `{raw}`")
            })?)
        }
        "GROUP_BY" => Operator::GroupBy(match param {
            None | Some("") => None,
            Some(raw) => Some(raw.parse::<u32>().map_err(|_| {
                format!(
                    "GROUP_BY in `{shown}` takes an optional non-negative integer, found `{raw}`"
                )
            })?),
        }),
        _ => {
            return Err(format!(
                "unknown operator `{op}` in `{shown}`; expected one of {OPERATORS}"
            ));
        }
    };
    Ok(Constraint {
        field_name: field_name.clone(),
        field,
        operator,
    })
}

/// Marathon matches LIKE/UNLIKE against the whole value (Java `String.matches`).
fn anchored(pattern: &str, shown: &str) -> Result<Regex, String> {
    Regex::new(&format!("^(?:{pattern})$"))
        .map_err(|e| format!("bad regular expression in `{shown}`: {e}"))
}

fn unanchor(anchored: &str) -> &str {
    anchored
        .strip_prefix("^(?:")
        .and_then(|s| s.strip_suffix(")$"))
        .unwrap_or(anchored)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::api::topology::Topology;

    fn node(host: &str, zone: &str, attrs: &[(&str, &str)]) -> Topology {
        Topology {
            hostname: host.to_owned(),
            zone: Some(zone.to_owned()),
            region: Some("r1".to_owned()),
            rack: None,
            attributes: attrs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn three_forms_parse_to_the_same_rows() {
        let a =
            PlacementRule::parse(r#"[["hostname","MAX_PER","1"],["rack_id","LIKE","rack-[12]"]]"#)
                .unwrap();
        let b = PlacementRule::parse("hostname:MAX_PER:1, rack_id:LIKE:rack-[12]").unwrap();
        assert_eq!(a.to_string(), "hostname:MAX_PER:1,rack_id:LIKE:rack-[12]");
        assert_eq!(a.to_string(), b.to_string());
        let flat = PlacementRule::parse(r#"["hostname", "unique"]"#).unwrap();
        assert_eq!(flat.to_string(), "hostname:UNIQUE");
        assert!(PlacementRule::parse("[]").unwrap().is_empty());
        assert!(PlacementRule::parse("  ").unwrap().is_empty());
    }

    /// Found by the round-trip property test: a field named `:` printed unescaped did not parse back.
    #[test]
    fn tokens_with_separators_print_escaped_and_parse_back() {
        let rule = PlacementRule::parse(r"\::LIKE:UNIQUE").unwrap();
        assert_eq!(rule.rows[0].field_name, ":");
        assert_eq!(rule.to_string(), r"\::LIKE:UNIQUE");
        let json = PlacementRule::parse(r#"[["a,b\\c","IS","x:y"]]"#).unwrap();
        assert_eq!(json.to_string(), r"a\,b\\c:IS:x\:y");
        assert_eq!(
            PlacementRule::parse(&json.to_string()).unwrap().to_string(),
            json.to_string()
        );
    }

    #[test]
    fn backslash_escapes_separators() {
        let r = PlacementRule::parse(r"label:CLUSTER:a\:b\,c").unwrap();
        assert_eq!(r.rows.len(), 1);
        assert!(matches!(&r.rows[0].operator, Operator::Cluster(v) if v == "a:b,c"));
    }

    #[test]
    fn errors_name_the_row() {
        let e = PlacementRule::parse("hostname:SPREAD").unwrap_err();
        assert_eq!(
            e.message,
            "unknown operator `SPREAD` in `hostname:SPREAD`; expected one of UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER or IS"
        );
        let e = PlacementRule::parse(r#"[["hostname","MAX_PER","x"]]"#).unwrap_err();
        assert_eq!(
            e.message,
            "MAX_PER in `hostname:MAX_PER:x` needs a non-negative integer, found `x`"
        );
        let e = PlacementRule::parse("hostname:MAX_PER").unwrap_err();
        assert!(e.message.contains("needs a maximum count"), "{e}");
        assert!(PlacementRule::parse("rack:LIKE:(").is_err());
        assert!(PlacementRule::parse("a:b:c:d").is_err());
    }

    #[test]
    fn max_per_and_unique() {
        let r = PlacementRule::parse("hostname:MAX_PER:2").unwrap();
        let placed = vec![
            node("a", "z1", &[]),
            node("a", "z1", &[]),
            node("b", "z1", &[]),
        ];
        let err = r.evaluate(&node("a", "z1", &[]), &placed).unwrap_err();
        assert_eq!(err.rule, "hostname:MAX_PER:2");
        assert!(r.evaluate(&node("b", "z1", &[]), &placed).is_ok());
        let u = PlacementRule::parse("@zone:UNIQUE").unwrap();
        assert!(u.evaluate(&node("c", "z1", &[]), &placed).is_err());
        assert!(u.evaluate(&node("c", "z2", &[]), &placed).is_ok());
        let attr = PlacementRule::parse("rack:UNIQUE").unwrap();
        assert_eq!(
            attr.evaluate(&node("c", "z2", &[]), &placed)
                .unwrap_err()
                .reason,
            "node has no attribute rack"
        );
    }

    #[test]
    fn like_unlike_cluster() {
        let r = PlacementRule::parse("rack:LIKE:rack-[12],pxfabric:CLUSTER:px1").unwrap();
        let ok = node("a", "z", &[("rack", "rack-1"), ("pxfabric", "px1")]);
        assert!(r.evaluate(&ok, &[]).is_ok());
        let bad = node("a", "z", &[("rack", "rack-10"), ("pxfabric", "px1")]);
        assert_eq!(
            r.evaluate(&bad, &[]).unwrap_err().rule,
            "rack:LIKE:rack-[12]"
        );
        let un = PlacementRule::parse("hostname:UNLIKE:bad.*").unwrap();
        assert!(un.evaluate(&node("badhost", "z", &[]), &[]).is_err());
        assert!(un.evaluate(&node("goodhost", "z", &[]), &[]).is_ok());
    }

    #[test]
    fn recording_matches_a_fresh_tally() {
        let r = PlacementRule::parse("@zone:GROUP_BY,hostname:MAX_PER:2").unwrap();
        let nodes = [
            node("a", "z1", &[]),
            node("b", "z2", &[]),
            node("a", "z1", &[]),
            node("c", "z2", &[]),
        ];
        let mut incremental = r.tally(nodes[..1].iter());
        for n in &nodes[1..] {
            incremental.record(n);
        }
        let fresh = r.tally(nodes.iter());
        for cand in [
            node("a", "z1", &[]),
            node("d", "z3", &[]),
            node("b", "z2", &[]),
        ] {
            assert_eq!(incremental.check(&cand), fresh.check(&cand));
        }
    }

    #[test]
    fn group_by_spreads_round_robin() {
        let r = PlacementRule::parse("@zone:GROUP_BY:3").unwrap();
        let placed = vec![node("a", "z1", &[])];
        // z1 already used while z2/z3 are empty: z1 is refused, a new zone is fine.
        assert!(r.evaluate(&node("b", "z1", &[]), &placed).is_err());
        assert!(r.evaluate(&node("b", "z2", &[]), &placed).is_ok());
        let placed = vec![
            node("a", "z1", &[]),
            node("b", "z2", &[]),
            node("c", "z3", &[]),
        ];
        assert!(r.evaluate(&node("d", "z1", &[]), &placed).is_ok());
        let placed = vec![
            node("a", "z1", &[]),
            node("b", "z2", &[]),
            node("c", "z3", &[]),
            node("d", "z1", &[]),
        ];
        assert!(r.evaluate(&node("e", "z1", &[]), &placed).is_err());
        assert!(r.evaluate(&node("e", "z2", &[]), &placed).is_ok());
    }
}
