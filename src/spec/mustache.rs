//! The mustache engine used for package templates (`marathon.json.mustache`), service specs
//! (`svc.yml`) and the config files they reference.
//!
//! Why hand-written: the templates were written against `mustache.java` 0.9.5/0.9.6 as Cosmos and the
//! dcos-commons scheduler configure it, and their output depends on details no mustache crate
//! reproduces: numbers (even `0`) are truthy, Cosmos converts option values to strings in its own way
//! and never HTML-escapes, the scheduler converts `"true"`/`"false"` env values to booleans, and
//! mustache.java has its own (non-spec) rules for the whitespace around section tags, which matter
//! when the output is YAML. See `../shared/contracts/universe-repo-format.md` §5 and §5.1.
//!
//! # API
//!
//! ```text
//! pub fn render(template: &str, ctx: &serde_json::Value, mode: &Mode) -> Result<String, TemplateError>
//! pub fn variables(template: &str) -> Result<Vec<VarRef>, TemplateError>
//! pub fn parse(template: &str) -> Result<Template, TemplateError>   // parse once, render many times
//! impl Template { pub fn render(&self, ctx: &Value, mode: &Mode) -> Result<String, TemplateError>;
//!                 pub fn variables(&self) -> Vec<VarRef> }
//! pub enum Mode { Cosmos, Sdk { on_missing: OnMissing } }   // Mode::sdk(), Mode::sdk_strict()
//! pub enum OnMissing { RenderEmpty, Error }
//! pub struct VarRef { name, line, kind: VarKind, sections: Vec<String> }  // .in_section()
//! pub enum VarKind { Escaped, Raw, Section, Inverted }
//! pub enum TemplateError { .. }   // every variant carries the 1-based line number
//! pub struct MissingValue { name, line }
//! ```
//!
//! * [`Mode::Cosmos`]: `ctx` is the merged options object (with `resource`). Values are converted
//!   as Cosmos does (strings JSON-escaped without their quotes, whole numbers as integers, other
//!   numbers as Java `Double.toString`), nothing is HTML-escaped, missing names render empty.
//! * [`Mode::Sdk`]: `ctx` is the task environment as a JSON object of strings. `"true"`/`"false"`
//!   (any case) act as booleans, `{{x}}` is HTML-escaped the way mustache.java escapes, `{{{x}}}` and
//!   `{{&x}}` are not. Missing names render empty ([`OnMissing::RenderEmpty`], svc.yml) or make the
//!   render fail listing every missing name with its line ([`OnMissing::Error`], config templates).
//!
//! Cosmos mode also has Cosmos 0.6.3's `{{#asJson}}key{{/asJson}}` helper: it outputs the top-level
//! string option `key` verbatim (re-rendered as a template), or `null` when `key` is not a string.
//!
//! Supported tags: `{{x}}`, `{{{x}}}`, `{{&x}}`, dotted names (`a.b-c.d`), `{{.}}`, `{{#x}}`,
//! `{{^x}}`, `{{/x}}`, `{{! comment }}`. Partials, delimiter changes, pragmas and mustache.java's
//! template inheritance are rejected with [`TemplateError::Unsupported`]; none of the real templates
//! use them.

use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt::Write as _;

/// How values are looked up, converted and escaped; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Cosmos rendering `marathon.json.mustache` from package options.
    Cosmos,
    /// The dcos-commons scheduler rendering `svc.yml` or a config template from an environment.
    Sdk {
        /// What a name that resolves to nothing does.
        on_missing: OnMissing,
    },
}

impl Mode {
    /// SDK mode as the scheduler renders `svc.yml`: missing names render empty.
    pub fn sdk() -> Mode {
        Mode::Sdk {
            on_missing: OnMissing::RenderEmpty,
        }
    }

    /// SDK mode as config templates are checked: every missing name is an error.
    pub fn sdk_strict() -> Mode {
        Mode::Sdk {
            on_missing: OnMissing::Error,
        }
    }
}

/// What SDK mode does with a name that resolves to nothing (absent or `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnMissing {
    /// Render the empty string and treat the name as false in sections.
    RenderEmpty,
    /// Fail the render with [`TemplateError::MissingValues`] listing every such name.
    Error,
}

/// A name evaluated during rendering that resolved to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingValue {
    /// The name as written in the tag.
    pub name: String,
    /// 1-based line of the tag.
    pub line: usize,
}

/// Why a template could not be parsed or rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `{{` without a closing `}}`.
    #[error("line {line}: tag opened with `{{{{` is never closed with `}}}}`")]
    UnclosedTag { line: usize },
    /// `{{}}`.
    #[error("line {line}: empty tag `{{{{}}}}`; write a name between the braces or remove it")]
    EmptyTag { line: usize },
    /// `{{{x}}` or `{{{x}}}}`-style mismatch of a triple mustache.
    #[error("line {line}: triple mustache `{{{{{{{name}` must be closed with `}}}}}}`")]
    UnclosedTriple { name: String, line: usize },
    /// `{{#x}}` without `{{/x}}`.
    #[error("line {line}: section `{name}` is never closed; add `{{{{/{name}}}}}`")]
    UnclosedSection { name: String, line: usize },
    /// `{{/x}}` that does not close the innermost open section.
    #[error("line {line}: `{{{{/{found}}}}}` does not match the open section {}", .expected.as_ref().map(|e| format!("`{e}`")).unwrap_or_else(|| "(none is open)".to_string()))]
    MismatchedClose {
        expected: Option<String>,
        found: String,
        line: usize,
    },
    /// A tag kind this engine deliberately does not implement.
    #[error(
        "line {line}: {what} (`{tag}`) are not supported by pxfw templates; inline the text instead"
    )]
    Unsupported {
        what: &'static str,
        tag: String,
        line: usize,
    },
    /// Sections nested deeper than [`MAX_DEPTH`].
    #[error("line {line}: sections are nested more than {MAX_DEPTH} deep")]
    TooDeep { line: usize },
    /// Strict SDK mode: names that resolved to nothing.
    #[error("missing template values: {}", format_missing(.0))]
    MissingValues(Vec<MissingValue>),
}

fn format_missing(missing: &[MissingValue]) -> String {
    missing
        .iter()
        .map(|m| format!("{} (line {})", m.name, m.line))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The helper Cosmos 0.6.3 adds to the top of the context (see `Renderer::as_json`).
const AS_JSON: &str = "asJson";

/// Deepest section nesting accepted; deeper input is almost certainly garbage and would otherwise
/// exhaust the stack of the recursive parser.
pub const MAX_DEPTH: usize = 128;

/// What kind of tag a [`VarRef`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    /// `{{x}}`
    Escaped,
    /// `{{{x}}}` or `{{&x}}`
    Raw,
    /// `{{#x}}`
    Section,
    /// `{{^x}}`
    Inverted,
}

/// One use of a name in a template, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarRef {
    /// The name as written (trimmed), e.g. `nodes.count` or `.`.
    pub name: String,
    /// 1-based line of the tag.
    pub line: usize,
    /// Which tag used it.
    pub kind: VarKind,
    /// Names of the enclosing sections, outermost first.
    pub sections: Vec<String>,
}

impl VarRef {
    /// True when the tag sits inside at least one section or inverted section.
    pub fn in_section(&self) -> bool {
        !self.sections.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Var {
        name: String,
        escape: bool,
        line: usize,
    },
    Section {
        name: String,
        inverted: bool,
        line: usize,
        children: Vec<Node>,
        /// The unparsed body, kept only for Cosmos' `asJson` helper, which receives it as text.
        raw: Option<String>,
    },
}

/// A parsed template; parse once and render with many contexts.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    nodes: Vec<Node>,
}

/// Parses `template` and renders it with `ctx`.
pub fn render(template: &str, ctx: &Value, mode: &Mode) -> Result<String, TemplateError> {
    parse(template)?.render(ctx, mode)
}

/// Lists every name the template uses, in document order, with line numbers and enclosing sections.
pub fn variables(template: &str) -> Result<Vec<VarRef>, TemplateError> {
    Ok(parse(template)?.variables())
}

/// Parses a template, applying mustache.java's whitespace rules around section tags.
pub fn parse(template: &str) -> Result<Template, TemplateError> {
    let mut parser = Parser {
        src: template,
        pos: 0,
        line: 1,
        text_newlines: 0,
        last_close: 0,
    };
    let nodes = parser.compile(None, true, 0)?;
    Ok(Template { nodes })
}

impl Template {
    /// Renders with `ctx` (normally a JSON object) in `mode`.
    pub fn render(&self, ctx: &Value, mode: &Mode) -> Result<String, TemplateError> {
        let mut r = Renderer {
            mode: *mode,
            out: String::new(),
            missing: Vec::new(),
            helper_depth: 0,
        };
        let mut scopes = vec![Scope {
            value: ctx,
            in_array: false,
        }];
        r.render_nodes(&self.nodes, &mut scopes)?;
        if let Mode::Sdk {
            on_missing: OnMissing::Error,
        } = mode
            && !r.missing.is_empty()
        {
            // Each name once, at the first line it was missed.
            let mut seen = std::collections::HashSet::new();
            r.missing.retain(|m| seen.insert(m.name.clone()));
            return Err(TemplateError::MissingValues(r.missing));
        }
        Ok(r.out)
    }

    /// Every name used, in document order; see [`variables`].
    pub fn variables(&self) -> Vec<VarRef> {
        let mut acc = Vec::new();
        collect_vars(&self.nodes, &mut Vec::new(), &mut acc);
        acc
    }
}

fn collect_vars(nodes: &[Node], sections: &mut Vec<String>, acc: &mut Vec<VarRef>) {
    for node in nodes {
        match node {
            Node::Text(_) => {}
            Node::Var { name, escape, line } => acc.push(VarRef {
                name: name.clone(),
                line: *line,
                kind: if *escape {
                    VarKind::Escaped
                } else {
                    VarKind::Raw
                },
                sections: sections.clone(),
            }),
            Node::Section {
                name,
                inverted,
                line,
                children,
                ..
            } => {
                acc.push(VarRef {
                    name: name.clone(),
                    line: *line,
                    kind: if *inverted {
                        VarKind::Inverted
                    } else {
                        VarKind::Section
                    },
                    sections: sections.clone(),
                });
                sections.push(name.clone());
                collect_vars(children, sections, acc);
                sections.pop();
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// A cursor over the template shared by the recursive section compiler, mirroring mustache.java's
/// `MustacheParser.compile` so whitespace comes out the same.
struct Parser<'s> {
    src: &'s str,
    /// Byte offset of the cursor; always on a character boundary.
    pos: usize,
    /// Physical 1-based line of the cursor, for error messages and [`VarRef::line`].
    line: usize,
    /// Newlines consumed outside tags; mustache.java decides whitespace handling of a section by
    /// whether its body spanned lines, counting only these.
    text_newlines: usize,
    /// Where the most recent closing tag began, to cut out a section's raw body.
    last_close: usize,
}

/// Text accumulated since the last tag or newline, flushed into the node list.
fn flush(out: &mut String, nodes: &mut Vec<Node>) {
    if out.is_empty() {
        return;
    }
    if let Some(Node::Text(prev)) = nodes.last_mut() {
        prev.push_str(out);
        out.clear();
    } else {
        nodes.push(Node::Text(std::mem::take(out)));
    }
}

impl<'s> Parser<'s> {
    fn next(&mut self) -> Option<char> {
        let c = self.src[self.pos..].chars().next()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    /// Consumes the run of characters that need no decision (anything but `{`, `\n`, `\r`),
    /// returning it. Templates are mostly such text, so it is copied in bulk.
    fn plain_run(&mut self) -> &'s str {
        let rest = &self.src[self.pos..];
        let n = rest
            .bytes()
            .position(|b| matches!(b, b'{' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
        self.pos += n;
        &rest[..n]
    }

    /// Reads a tag body after `{{` up to the first `}}`; `None` when the input ends first.
    fn read_tag(&mut self) -> Option<&'s str> {
        let rest = &self.src[self.pos..];
        let end = rest.find("}}")?;
        let cmd = &rest[..end];
        self.line += cmd.bytes().filter(|b| *b == b'\n').count();
        self.pos += end + 2;
        Some(cmd)
    }

    /// Compiles until the end of input (top level, `open == None`) or the `{{/name}}` closing `open`.
    ///
    /// Whitespace rules (mustache.java 0.9.x, non-spec): `\r` is dropped unless it precedes a
    /// newline that is kept; in a section body the newline ending a first line that holds only
    /// blanks is dropped; blanks before a standalone `{{/x}}` are dropped; when a section spans
    /// lines and only blanks precede its opening tag, those blanks are dropped, as is the newline
    /// after the closing tag when only blanks follow it.
    fn compile(
        &mut self,
        open: Option<(&str, usize)>,
        mut start_of_line: bool,
        depth: usize,
    ) -> Result<Vec<Node>, TemplateError> {
        let mut nodes = Vec::new();
        let mut only_ws = true;
        let mut iterable = open.is_some();
        let mut saw_cr = false;
        let mut out = String::new();
        loop {
            let run = self.plain_run();
            if !run.is_empty() {
                saw_cr = false;
                only_ws = only_ws && run.bytes().all(|b| b == b' ' || b == b'\t');
                out.push_str(run);
            }
            let Some(c) = self.next() else {
                break;
            };
            if c == '\r' {
                saw_cr = true;
                continue;
            }
            if c == '\n' {
                self.text_newlines += 1;
                if !iterable || !only_ws {
                    if saw_cr {
                        out.push('\r');
                    }
                    out.push('\n');
                }
                flush(&mut out, &mut nodes);
                iterable = false;
                only_ws = true;
                start_of_line = true;
                continue;
            }
            saw_cr = false;
            if c == '{' && self.peek() == Some(b'{') {
                let tag_start = self.pos - 1;
                self.pos += 1;
                let line = self.line;
                let cmd = self.read_tag().ok_or(TemplateError::UnclosedTag { line })?;
                let mut it = cmd.chars();
                let kind = it.next().ok_or(TemplateError::EmptyTag { line })?;
                let rest = it.as_str().trim();
                match kind {
                    '#' | '^' => {
                        if depth >= MAX_DEPTH {
                            return Err(TemplateError::TooDeep { line });
                        }
                        start_of_line = start_of_line && only_ws;
                        let before = self.text_newlines;
                        let body_start = self.pos;
                        let children =
                            self.compile(Some((rest, line)), start_of_line, depth + 1)?;
                        let raw = (rest == AS_JSON)
                            .then(|| self.src[body_start..self.last_close].to_string());
                        let spanned_lines = self.text_newlines != before;
                        if !only_ws || !spanned_lines {
                            flush(&mut out, &mut nodes);
                        } else {
                            out.clear();
                        }
                        nodes.push(Node::Section {
                            name: rest.to_string(),
                            inverted: kind == '^',
                            line,
                            children,
                            raw,
                        });
                        iterable = spanned_lines;
                    }
                    '/' => {
                        if !start_of_line || !only_ws {
                            flush(&mut out, &mut nodes);
                        }
                        self.last_close = tag_start;
                        return match open {
                            Some((name, _)) if name == rest => Ok(nodes),
                            _ => Err(TemplateError::MismatchedClose {
                                expected: open.map(|(n, _)| n.to_string()),
                                found: rest.to_string(),
                                line,
                            }),
                        };
                    }
                    '{' => {
                        if self.peek() != Some(b'}') {
                            return Err(TemplateError::UnclosedTriple {
                                name: rest.to_string(),
                                line,
                            });
                        }
                        self.pos += 1;
                        flush(&mut out, &mut nodes);
                        nodes.push(Node::Var {
                            name: rest.to_string(),
                            escape: false,
                            line,
                        });
                    }
                    '&' => {
                        flush(&mut out, &mut nodes);
                        nodes.push(Node::Var {
                            name: rest.to_string(),
                            escape: false,
                            line,
                        });
                    }
                    '!' => flush(&mut out, &mut nodes),
                    '>' | '=' | '%' | '<' | '$' | '?' => {
                        let what = match kind {
                            '>' => "partials",
                            '=' => "delimiter changes",
                            '%' => "pragmas",
                            _ => "template inheritance tags",
                        };
                        return Err(TemplateError::Unsupported {
                            what,
                            tag: format!("{{{{{cmd}}}}}"),
                            line,
                        });
                    }
                    _ => {
                        flush(&mut out, &mut nodes);
                        nodes.push(Node::Var {
                            name: cmd.trim().to_string(),
                            escape: true,
                            line,
                        });
                    }
                }
                start_of_line = false;
                continue;
            }
            only_ws = only_ws && (c == ' ' || c == '\t');
            out.push(c);
        }
        flush(&mut out, &mut nodes);
        match open {
            None => Ok(nodes),
            Some((name, line)) => Err(TemplateError::UnclosedSection {
                name: name.to_string(),
                line,
            }),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/// One entry of the context stack. `in_array` marks a value pushed as an element of a list: Cosmos
/// converts strings that are array elements differently (they keep their JSON quotes).
#[derive(Clone, Copy)]
struct Scope<'a> {
    value: &'a Value,
    in_array: bool,
}

struct Renderer {
    mode: Mode,
    out: String,
    missing: Vec<MissingValue>,
    /// Nesting of `asJson` re-renders, bounded so a value that expands into itself fails
    /// instead of recursing forever.
    helper_depth: usize,
}

/// Result of resolving a name against the scope stack.
enum Lookup<'a> {
    Found(Scope<'a>),
    Missing,
}

/// Resolves `name` like mustache.java's `ReflectionObjectHandler.find`: scopes are tried innermost
/// first; in each, the whole name is first tried as a key (so a key containing dots wins), then the
/// dotted path is walked. A scope that lacks the first segments passes the search on to the next
/// scope, but once all but the last segment were found, a missing last segment ends the search.
fn lookup<'a>(scopes: &[Scope<'a>], name: &str) -> Lookup<'a> {
    if name == "." {
        return scopes.last().map_or(Lookup::Missing, |s| Lookup::Found(*s));
    }
    'scopes: for scope in scopes.iter().rev() {
        let Value::Object(map) = scope.value else {
            continue;
        };
        if let Some(v) = map.get(name) {
            return found(v);
        }
        let mut segments: Vec<&str> = name.split('.').collect();
        let Some(last) = segments.pop() else {
            continue;
        };
        if segments.is_empty() {
            continue;
        }
        let mut current = map;
        for seg in segments {
            match current.get(seg) {
                Some(Value::Object(m)) => current = m,
                // A null intermediate value ends the search with nothing found...
                Some(Value::Null) => return Lookup::Missing,
                // ...while a scalar or list has no keys, so the next scope is tried.
                Some(_) | None => continue 'scopes,
            }
        }
        return current.get(last).map_or(Lookup::Missing, found);
    }
    Lookup::Missing
}

fn found(v: &Value) -> Lookup<'_> {
    if v.is_null() {
        Lookup::Missing
    } else {
        Lookup::Found(Scope {
            value: v,
            in_array: false,
        })
    }
}

/// A value as mustache.java sees it after the mode's conversion.
enum Seen<'a> {
    Null,
    Bool(bool),
    Text(Cow<'a, str>),
    List(&'a [Value]),
    /// Numbers and objects: always truthy, rendered through [`Renderer::display`].
    Other,
}

impl Renderer {
    fn seen<'a>(&self, scope: Scope<'a>) -> Seen<'a> {
        match scope.value {
            Value::Null => Seen::Null,
            Value::Bool(b) => Seen::Bool(*b),
            Value::String(s) => match self.mode {
                Mode::Cosmos => Seen::Text(Cow::Owned(cosmos_string(s, scope.in_array))),
                Mode::Sdk { .. } => {
                    if s.eq_ignore_ascii_case("true") {
                        Seen::Bool(true)
                    } else if s.eq_ignore_ascii_case("false") {
                        Seen::Bool(false)
                    } else {
                        Seen::Text(Cow::Borrowed(s.as_str()))
                    }
                }
            },
            Value::Array(items) => Seen::List(items),
            Value::Number(_) | Value::Object(_) => Seen::Other,
        }
    }

    /// The text a value renders as (before escaping).
    fn display(&self, scope: Scope<'_>, out: &mut String) {
        match self.seen(scope) {
            Seen::Null => {}
            Seen::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Seen::Text(t) => out.push_str(&t),
            Seen::List(items) => {
                // java.util.List#toString
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.display_nested(
                        Scope {
                            value: item,
                            in_array: true,
                        },
                        out,
                    );
                }
                out.push(']');
            }
            Seen::Other => match (scope.value, self.mode) {
                (Value::Number(n), Mode::Cosmos) => out.push_str(&cosmos_number(n)),
                (Value::Number(n), Mode::Sdk { .. }) => {
                    let _ = write!(out, "{n}");
                }
                (Value::Object(map), _) => self.display_map(map, out),
                _ => {}
            },
        }
    }

    /// Nested values inside a list or map render as Java's `toString` of the converted value,
    /// where `null` prints as `null`.
    fn display_nested(&self, scope: Scope<'_>, out: &mut String) {
        if scope.value.is_null() {
            out.push_str("null");
        } else {
            self.display(scope, out);
        }
    }

    /// java.util.AbstractMap#toString: `{k=v, k2=v2}`.
    fn display_map(&self, map: &Map<String, Value>, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in map.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(k);
            out.push('=');
            self.display_nested(
                Scope {
                    value: v,
                    in_array: false,
                },
                out,
            );
        }
        out.push('}');
    }

    fn note_missing(&mut self, name: &str, line: usize) {
        if let Mode::Sdk {
            on_missing: OnMissing::Error,
        } = self.mode
        {
            self.missing.push(MissingValue {
                name: name.to_string(),
                line,
            });
        }
    }

    fn render_nodes<'v>(
        &mut self,
        nodes: &[Node],
        scopes: &mut Vec<Scope<'v>>,
    ) -> Result<(), TemplateError> {
        for node in nodes {
            match node {
                Node::Text(t) => self.out.push_str(t),
                Node::Var { name, escape, line } => match lookup(scopes, name) {
                    Lookup::Missing => self.note_missing(name, *line),
                    Lookup::Found(scope) => {
                        let mut text = String::new();
                        self.display(scope, &mut text);
                        if *escape && matches!(self.mode, Mode::Sdk { .. }) {
                            html_escape(&text, &mut self.out);
                        } else {
                            self.out.push_str(&text);
                        }
                    }
                },
                Node::Section {
                    name,
                    inverted,
                    line,
                    children,
                    raw,
                } => {
                    if self.mode == Mode::Cosmos
                        && name == AS_JSON
                        && matches!(lookup(&scopes[1..], name), Lookup::Missing)
                    {
                        if !*inverted {
                            self.as_json(raw.as_deref().unwrap_or(""), *line, scopes)?;
                        }
                        continue;
                    }
                    let scope = match lookup(scopes, name) {
                        Lookup::Found(s) => s,
                        Lookup::Missing => {
                            self.note_missing(name, *line);
                            Scope {
                                value: &Value::Null,
                                in_array: false,
                            }
                        }
                    };
                    let seen = self.seen(scope);
                    let truthy = match &seen {
                        Seen::Null => false,
                        Seen::Bool(b) => *b,
                        Seen::Text(t) => !t.is_empty(),
                        Seen::List(items) => !items.is_empty(),
                        Seen::Other => true,
                    };
                    if *inverted {
                        if !truthy {
                            // mustache.java pushes the falsey value itself as the scope.
                            self.with_scope(scope, children, scopes)?;
                        }
                    } else if truthy {
                        if let Seen::List(items) = seen {
                            for item in items {
                                let element = Scope {
                                    value: item,
                                    in_array: true,
                                };
                                self.with_scope(element, children, scopes)?;
                            }
                        } else {
                            self.with_scope(scope, children, scopes)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Cosmos 0.6.3's `{{#asJson}}key{{/asJson}}`: the body is the name of a top-level context key;
    /// a string value is output unquoted and unescaped (so an option can carry raw JSON) after being
    /// rendered as a template itself; any other value, or none, outputs `null`.
    fn as_json<'v>(
        &mut self,
        key: &str,
        line: usize,
        scopes: &mut Vec<Scope<'v>>,
    ) -> Result<(), TemplateError> {
        let text = match scopes.first().and_then(|root| root.value.get(key)) {
            Some(Value::String(s)) => s.clone(),
            _ => "null".to_string(),
        };
        if self.helper_depth >= MAX_DEPTH {
            return Err(TemplateError::TooDeep { line });
        }
        let sub = parse(&text)?;
        self.helper_depth += 1;
        let result = self.render_nodes(&sub.nodes, scopes);
        self.helper_depth -= 1;
        result
    }

    fn with_scope<'v>(
        &mut self,
        scope: Scope<'v>,
        children: &[Node],
        scopes: &mut Vec<Scope<'v>>,
    ) -> Result<(), TemplateError> {
        scopes.push(scope);
        let result = self.render_nodes(children, scopes);
        scopes.pop();
        result
    }
}

/// Cosmos' string conversion: the JSON encoding without the surrounding quotes, so the value can
/// sit inside a quoted JSON string in the template; array elements keep their quotes.
fn cosmos_string(s: &str, in_array: bool) -> String {
    let encoded = Value::String(s.to_string()).to_string();
    if in_array {
        encoded
    } else {
        encoded
            .strip_prefix('"')
            .and_then(|e| e.strip_suffix('"'))
            .map(str::to_string)
            .unwrap_or(encoded)
    }
}

/// Cosmos' number conversion: a whole number becomes a `BigInteger` (so `1.0` renders `1`), any
/// other number a `Double` rendered by Java's `Double.toString`.
pub fn cosmos_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let Some(f) = n.as_f64() else {
        return n.to_string();
    };
    if f.is_finite() && f.fract() == 0.0 {
        if f == 0.0 {
            return "0".to_string();
        }
        return format!("{f:.0}");
    }
    java_double_to_string(f)
}

/// Java's `Double.toString` for a finite value: plain decimal with at least one fractional digit
/// when 1e-3 <= |d| < 1e7, otherwise `d.dddE[-]n`; digits are the shortest that round-trip.
fn java_double_to_string(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // `{:e}` yields the shortest round-trip digits, e.g. "-1.2345e-5" or "5e-1".
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let abs = f.abs();
    if (1e-3..1e7).contains(&abs) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            let padded = format!("{digits:0<int_len$}");
            let (int_part, frac) = padded.split_at(int_len);
            let frac = if frac.is_empty() { "0" } else { frac };
            format!("{sign}{int_part}.{frac}")
        } else {
            let zeros = "0".repeat((-exp - 1) as usize);
            format!("{sign}0.{zeros}{digits}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{sign}{first}.{rest}E{exp}")
    }
}

/// mustache.java's `HtmlEscaper`: `& < > " ' = \`` become entities and so does every character up to
/// U+000D (`\t`, `\n`, `\r` included), as `&#N;`.
fn html_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '=' => out.push_str("&#61;"),
            '`' => out.push_str("&#96;"),
            c if (c as u32) <= 13 => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cosmos(t: &str, ctx: Value) -> String {
        render(t, &ctx, &Mode::Cosmos).unwrap()
    }
    fn sdk(t: &str, ctx: Value) -> String {
        render(t, &ctx, &Mode::sdk()).unwrap()
    }

    #[test]
    fn cosmos_strings_are_json_escaped_without_quotes_and_never_html_escaped() {
        let ctx = json!({"s": "a\"b\n<&>", "l": ["x", "y"]});
        assert_eq!(
            cosmos("{{s}}|{{{s}}}|{{&s}}", ctx.clone()),
            r#"a\"b\n<&>|a\"b\n<&>|a\"b\n<&>"#
        );
        assert_eq!(cosmos("{{#l}}{{.}},{{/l}}", ctx.clone()), r#""x","y","#);
        assert_eq!(cosmos("{{l}}", ctx), r#"["x", "y"]"#);
    }

    #[test]
    fn cosmos_numbers() {
        let ctx =
            json!({"a": 1.0, "b": 0.5, "c": 1e-5, "d": 3, "e": 12345678.9, "f": -2.25, "g": 1e21});
        assert_eq!(
            cosmos("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}", ctx.clone()),
            "1 0.5 1.0E-5 3 1.23456789E7 -2.25"
        );
        assert_eq!(cosmos("{{g}}", ctx), "1000000000000000000000");
    }

    #[test]
    fn java_double_formatting() {
        assert_eq!(java_double_to_string(100.25), "100.25");
        assert_eq!(java_double_to_string(0.001), "0.001");
        assert_eq!(java_double_to_string(0.0001), "1.0E-4");
        assert_eq!(java_double_to_string(1.5e10), "1.5E10");
        assert_eq!(java_double_to_string(9999999.5), "9999999.5");
    }

    #[test]
    fn truthiness_follows_mustache_java() {
        let ctx =
            json!({"zero": 0, "empty": "", "obj": {}, "f": false, "list": [], "s": "x", "n": null});
        let t = "{{#zero}}Z{{/zero}}{{#empty}}E{{/empty}}{{#obj}}O{{/obj}}{{#f}}F{{/f}}{{#list}}L{{/list}}{{#s}}S{{/s}}{{#n}}N{{/n}}{{#nope}}X{{/nope}}";
        assert_eq!(cosmos(t, ctx.clone()), "ZOS");
        let inv = "{{^zero}}Z{{/zero}}{{^empty}}E{{/empty}}{{^obj}}O{{/obj}}{{^f}}F{{/f}}{{^list}}L{{/list}}{{^s}}S{{/s}}{{^n}}N{{/n}}{{^nope}}X{{/nope}}";
        assert_eq!(cosmos(inv, ctx), "EFLNX");
    }

    #[test]
    fn sections_push_scope_and_iterate() {
        let ctx = json!({"svc": {"name": "c", "x": 1}, "name": "top", "items": [{"name": "a"}, {"other": 1}]});
        assert_eq!(cosmos("{{#svc}}{{name}}-{{x}}{{/svc}}", ctx.clone()), "c-1");
        assert_eq!(cosmos("{{#items}}[{{name}}]{{/items}}", ctx), "[a][top]");
    }

    #[test]
    fn dotted_names_with_hyphens_and_lookup_rules() {
        let ctx = json!({"resource": {"assets": {"uris": {"bootstrap-zip": "u"}}}, "a.b": "literal", "a": {"c": 1}});
        assert_eq!(
            cosmos("{{resource.assets.uris.bootstrap-zip}}", ctx.clone()),
            "u"
        );
        assert_eq!(cosmos("{{a.b}}", ctx.clone()), "literal");
        // The last segment missing after the path was walked ends the search: empty.
        assert_eq!(cosmos("{{#a}}{{a.zz}}{{/a}}", ctx.clone()), "");
        // An intermediate segment missing in the inner scope falls back to outer scopes.
        assert_eq!(
            cosmos("{{#a}}{{resource.assets.uris.bootstrap-zip}}{{/a}}", ctx),
            "u"
        );
    }

    #[test]
    fn sdk_mode_escapes_and_converts_booleans() {
        let ctx = json!({"X": "a\"b<c>&'=`\t", "T": "TRUE", "F": "False", "E": ""});
        assert_eq!(
            sdk("{{X}}", ctx.clone()),
            "a&quot;b&lt;c&gt;&amp;&#39;&#61;&#96;&#9;"
        );
        assert_eq!(
            sdk("{{{X}}}|{{&X}}", ctx.clone()),
            "a\"b<c>&'=`\t|a\"b<c>&'=`\t"
        );
        assert_eq!(
            sdk(
                "{{T}}{{#T}}y{{/T}}{{#F}}n{{/F}}{{^F}}nf{{/F}}{{^E}}e{{/E}}",
                ctx
            ),
            "trueynfe"
        );
    }

    #[test]
    fn sdk_missing_values() {
        let ctx = json!({"A": "1"});
        assert_eq!(sdk("x{{B}}y", ctx.clone()), "xy");
        let err = render(
            "{{A}}\n{{B}}\n{{#C}}{{D}}{{/C}}{{B}}",
            &ctx,
            &Mode::sdk_strict(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            TemplateError::MissingValues(vec![
                MissingValue {
                    name: "B".into(),
                    line: 2
                },
                MissingValue {
                    name: "C".into(),
                    line: 3
                },
            ])
        );
        assert!(err.to_string().contains("B (line 2)"));
    }

    #[test]
    fn standalone_section_lines_vanish_like_mustache_java() {
        let t = "a:\n  {{#x}}\n  b: 1\n  {{/x}}\nc: 2\n";
        assert_eq!(sdk(t, json!({"x": "true"})), "a:\n  b: 1\nc: 2\n");
        assert_eq!(sdk(t, json!({"x": "false"})), "a:\nc: 2\n");
        // Inline sections keep their line.
        assert_eq!(sdk("k: {{#x}}v{{/x}}\nz\n", json!({"x": "y"})), "k: v\nz\n");
        // CRLF is kept where the newline is kept.
        assert_eq!(
            sdk("a\r\n{{#x}}\r\nb\r\n{{/x}}\r\nc", json!({"x": "1"})),
            "a\r\nb\r\nc"
        );
    }

    #[test]
    fn cosmos_as_json_helper() {
        let ctx =
            json!({"raw": "{\"a\": [1, 2]}", "num": 3, "t": "{{num}}", "svc": {"asJson": false}});
        assert_eq!(
            cosmos(
                r#"{"x": {{#asJson}}raw{{/asJson}}, "y": {{#asJson}}num{{/asJson}}, "z": {{#asJson}}t{{/asJson}}}"#,
                ctx.clone()
            ),
            r#"{"x": {"a": [1, 2]}, "y": null, "z": 3}"#
        );
        assert_eq!(cosmos("{{^asJson}}no{{/asJson}}", ctx.clone()), "");
        // A scope below the root that has `asJson` shadows the helper, as in mustache.java.
        assert_eq!(
            cosmos("{{#svc}}{{#asJson}}raw{{/asJson}}{{/svc}}", ctx.clone()),
            ""
        );
        // SDK mode has no helper.
        assert_eq!(sdk("{{#asJson}}raw{{/asJson}}", ctx), "");
        let looping = json!({"me": "{{#asJson}}me{{/asJson}}"});
        assert!(matches!(
            render("{{#asJson}}me{{/asJson}}", &looping, &Mode::Cosmos),
            Err(TemplateError::TooDeep { .. })
        ));
    }

    #[test]
    fn comments_and_dot() {
        assert_eq!(cosmos("a{{! note }}b{{.}}", json!("s")), "abs");
    }

    #[test]
    fn errors_carry_lines() {
        let e = |t: &str| parse(t).unwrap_err();
        assert_eq!(
            e("\n{{#a}}x"),
            TemplateError::UnclosedSection {
                name: "a".into(),
                line: 2
            }
        );
        assert_eq!(e("a\n\n{{x"), TemplateError::UnclosedTag { line: 3 });
        assert_eq!(e("{{}}"), TemplateError::EmptyTag { line: 1 });
        assert_eq!(
            e("{{#a}}\n{{/b}}"),
            TemplateError::MismatchedClose {
                expected: Some("a".into()),
                found: "b".into(),
                line: 2
            }
        );
        assert!(matches!(
            e("{{/a}}"),
            TemplateError::MismatchedClose { expected: None, .. }
        ));
        assert!(matches!(
            e("x\n{{> p}}"),
            TemplateError::Unsupported {
                what: "partials",
                line: 2,
                ..
            }
        ));
        assert!(matches!(
            e("{{=<% %>=}}"),
            TemplateError::Unsupported {
                what: "delimiter changes",
                ..
            }
        ));
        assert!(matches!(e("{{{x}}"), TemplateError::UnclosedTriple { .. }));
        let deep = "{{#a}}".repeat(MAX_DEPTH + 1);
        assert!(matches!(e(&deep), TemplateError::TooDeep { .. }));
    }

    #[test]
    fn variables_lists_names_lines_and_sections() {
        let vars = variables("count: {{NODES}}\n{{#A}}\n  {{{B.c-d}}}\n{{^E}}{{F}}{{/E}}\n{{/A}}")
            .unwrap();
        let summary: Vec<_> = vars
            .iter()
            .map(|v| (v.name.as_str(), v.line, v.kind, v.sections.join("/")))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("NODES", 1, VarKind::Escaped, "".to_string()),
                ("A", 2, VarKind::Section, "".to_string()),
                ("B.c-d", 3, VarKind::Raw, "A".to_string()),
                ("E", 4, VarKind::Inverted, "A".to_string()),
                ("F", 4, VarKind::Escaped, "A/E".to_string()),
            ]
        );
        assert!(!vars[0].in_section() && vars[2].in_section());
    }
}
