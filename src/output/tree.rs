//! The Go SDK service CLI's human output, byte for byte: plan trees, pod trees and its JSON re-indentation.
//!
//! Operators and their scripts have years of `dcos <pkg> plan status` output in runbooks and CI greps, so
//! these renderings copy the Go CLI exactly (contracts/sdk-scheduler-api.md §6): the box-drawing prefixes,
//! `<UNKNOWN>` for missing fields, the `Errors:` section, and `json.Indent` semantics for raw JSON (key order,
//! number spelling and string escapes kept as the scheduler sent them).
//!
//! Every function returns the text *without* the final newline; callers print it with `println!`, as the Go
//! CLI's `PrintMessage` does.

use std::fmt::Write as _;

use crate::api::sdk::{PhaseView, PlanView, PodStatus, ServiceStatus, StepView, TaskStatusView};

/// What the Go CLI prints for a missing name, status or strategy.
pub const UNKNOWN: &str = "<UNKNOWN>";

const BRANCH: &str = "├─ ";
const LAST: &str = "└─ ";
const PIPE: &str = "│  ";
const SPACE: &str = "   ";

fn or_unknown(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or(UNKNOWN)
}

/// Like [`or_unknown`], but an empty string also counts as missing (the pod tree's rule: Go decodes pods
/// into typed structs whose missing fields are empty strings).
fn or_unknown_nonempty(v: &Option<String>) -> &str {
    v.as_deref().filter(|s| !s.is_empty()).unwrap_or(UNKNOWN)
}

/// `<name> (<strategy> strategy) (<STATUS>)` — the line for a plan or a phase.
pub fn plan_line(name: &str, strategy: &Option<String>, status: &Option<String>) -> String {
    format!(
        "{name} ({} strategy) ({})",
        or_unknown(strategy),
        or_unknown(status)
    )
}

/// The phase line without its tree prefix.
pub fn phase_line(phase: &PhaseView) -> String {
    plan_line(or_unknown(&phase.name), &phase.strategy, &phase.status)
}

/// The step line without its tree prefix: `<name> (<STATUS>)`, followed by why it waits when a pxfw server
/// says so (never an SDK scheduler, so the Go CLI's format is unchanged).
pub fn step_line(step: &StepView) -> String {
    let line = format!("{} ({})", or_unknown(&step.name), or_unknown(&step.status));
    match step.reason.as_deref().filter(|r| !r.is_empty()) {
        Some(reason) => format!("{line} (waiting: {reason})"),
        None => line,
    }
}

/// The prefixes of element `i` of `n` siblings: the one for its own line, and the one its children extend.
fn prefixes(i: usize, n: usize) -> (&'static str, &'static str) {
    if i + 1 == n {
        (LAST, SPACE)
    } else {
        (BRANCH, PIPE)
    }
}

/// `plan status` output:
///
/// ```text
/// deploy (serial strategy) (IN_PROGRESS)
/// ├─ node-deploy (serial strategy) (IN_PROGRESS)
/// │  ├─ node-0:[server] (COMPLETE)
/// │  └─ node-1:[server] (STARTING)
/// └─ ...
///
/// Errors:
/// - <error>
/// ```
pub fn plan_tree(plan_name: &str, plan: &PlanView) -> String {
    let mut out = plan_line(plan_name, &plan.strategy, &plan.status);
    out.push('\n');
    for (i, phase) in plan.phases.iter().enumerate() {
        let (own, child) = prefixes(i, plan.phases.len());
        let _ = writeln!(out, "{own}{}", phase_line(phase));
        for (j, step) in phase.steps.iter().enumerate() {
            let (step_prefix, _) = prefixes(j, phase.steps.len());
            let _ = writeln!(out, "{child}{step_prefix}{}", step_line(step));
        }
    }
    if !plan.errors.is_empty() {
        out.push_str("\nErrors:\n");
        for e in &plan.errors {
            let _ = writeln!(out, "- {e}");
        }
    }
    out.trim_end_matches('\n').to_string()
}

fn task_line(out: &mut String, prefix: &str, task: &TaskStatusView) {
    let _ = writeln!(
        out,
        "{prefix}{} ({})",
        or_unknown_nonempty(&task.name),
        or_unknown_nonempty(&task.status)
    );
}

/// `pod status` (all pods) output: service, then pod types, instances and tasks.
pub fn service_tree(status: &ServiceStatus) -> String {
    let mut out = format!("{}\n", status.service);
    for (i, pod_type) in status.pods.iter().enumerate() {
        let (own, child) = prefixes(i, status.pods.len());
        let _ = writeln!(out, "{own}{}", pod_type.name);
        for (j, instance) in pod_type.instances.iter().enumerate() {
            let (inst_own, inst_child) = prefixes(j, pod_type.instances.len());
            let _ = writeln!(out, "{child}{inst_own}{}", instance_label(instance));
            for (k, task) in instance.tasks.iter().enumerate() {
                let (task_own, _) = prefixes(k, instance.tasks.len());
                task_line(&mut out, &format!("{child}{inst_child}{task_own}"), task);
            }
        }
    }
    out.trim_end_matches('\n').to_string()
}

/// A pod's name, followed by why it is waiting when a pxfw server says so — no task yet, or its node is
/// silent and not declared lost (never for an SDK scheduler, so the Go CLI's format is unchanged).
fn instance_label(pod: &PodStatus) -> String {
    match &pod.message {
        Some(m) => format!("{} (waiting: {m})", pod.name),
        None => pod.name.clone(),
    }
}

/// `pod status <pod>` output: the pod, then its tasks.
pub fn pod_tree(pod: &PodStatus) -> String {
    let mut out = format!("{}\n", instance_label(pod));
    for (k, task) in pod.tasks.iter().enumerate() {
        let (own, _) = prefixes(k, pod.tasks.len());
        task_line(&mut out, own, task);
    }
    out.trim_end_matches('\n').to_string()
}

/// A plan tree redrawn in place on a terminal, with a progress bar (completed steps) on each phase line.
///
/// Each line of the tree is one indicatif bar in a [`indicatif::MultiProgress`]: text-only lines use a
/// `{msg}` template, phase lines add the bar. When the plan's shape changes (phases or steps appear, as
/// in the recovery plan) the lines are rebuilt; otherwise they are updated in place. Lines are the same
/// text as [`plan_tree`], so what a user sees live is what `plan status` prints.
pub struct LivePlanTree {
    multi: indicatif::MultiProgress,
    lines: Vec<indicatif::ProgressBar>,
    /// Steps per phase and the number of errors: the shape the current lines were built for.
    shape: Option<(Vec<usize>, usize)>,
}

/// One line of a live tree: its text, and for a phase, (completed steps, total steps).
type LiveLine = (String, Option<(u64, u64)>);

fn live_lines(plan_name: &str, plan: &PlanView) -> Vec<LiveLine> {
    let mut lines = vec![(plan_line(plan_name, &plan.strategy, &plan.status), None)];
    for (i, phase) in plan.phases.iter().enumerate() {
        let (own, child) = prefixes(i, plan.phases.len());
        let progress = (phase.completed_steps() as u64, phase.steps.len() as u64);
        lines.push((format!("{own}{}", phase_line(phase)), Some(progress)));
        for (j, step) in phase.steps.iter().enumerate() {
            let (step_prefix, _) = prefixes(j, phase.steps.len());
            lines.push((format!("{child}{step_prefix}{}", step_line(step)), None));
        }
    }
    if !plan.errors.is_empty() {
        lines.push((String::new(), None));
        lines.push(("Errors:".to_string(), None));
        lines.extend(plan.errors.iter().map(|e| (format!("- {e}"), None)));
    }
    lines
}

impl LivePlanTree {
    /// A live tree drawn on stdout (the tree is the command's output, not a side note on stderr).
    pub fn stdout() -> Self {
        Self::with_target(indicatif::ProgressDrawTarget::stdout())
    }

    /// A live tree drawn on the given target (tests use a hidden one).
    pub fn with_target(target: indicatif::ProgressDrawTarget) -> Self {
        LivePlanTree {
            multi: indicatif::MultiProgress::with_draw_target(target),
            lines: Vec::new(),
            shape: None,
        }
    }

    /// Shows the plan's current state.
    pub fn update(&mut self, plan_name: &str, plan: &PlanView) {
        let shape = (
            plan.phases
                .iter()
                .map(|p| p.steps.len())
                .collect::<Vec<_>>(),
            plan.errors.len(),
        );
        let lines = live_lines(plan_name, plan);
        if self.shape.as_ref() != Some(&shape) {
            for bar in self.lines.drain(..) {
                bar.finish_and_clear();
                self.multi.remove(&bar);
            }
            let _ = self.multi.clear();
            for (_, progress) in &lines {
                let bar = match progress {
                    Some((_, total)) => indicatif::ProgressBar::new(*total).with_style(
                        indicatif::ProgressStyle::with_template("{msg} [{bar:20}] {pos}/{len}")
                            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                            .progress_chars("=> "),
                    ),
                    None => indicatif::ProgressBar::new(0).with_style(
                        indicatif::ProgressStyle::with_template("{msg}")
                            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                    ),
                };
                self.lines.push(self.multi.add(bar));
            }
            self.shape = Some(shape);
        }
        for (bar, (text, progress)) in self.lines.iter().zip(lines) {
            if let Some((done, _)) = progress {
                bar.set_position(done);
            }
            bar.set_message(text);
        }
    }

    /// Leaves the last state on screen.
    pub fn finish(self) {
        for bar in &self.lines {
            bar.abandon();
        }
    }

    /// The text of each line as currently shown.
    pub fn texts(&self) -> Vec<String> {
        self.lines.iter().map(|b| b.message()).collect()
    }
}

/// A body that Go's `json.Indent` would reject.
#[derive(Debug, thiserror::Error)]
#[error("the reply is not valid JSON: {0}")]
pub struct NotJson(#[from] serde_json::Error);

/// Re-indents JSON the way the Go CLI's `PrintJSONBytes` does (`json.Indent(dst, src, "", "  ")`).
///
/// Only whitespace between tokens changes: keys keep their order, and numbers and strings keep their exact
/// spelling (escapes included), which a parse-and-serialise round trip would not preserve. Leading
/// whitespace is dropped; trailing whitespace is kept, as `json.Indent` keeps it. Empty objects and arrays
/// stay `{}` and `[]`.
pub fn indent_json(src: &[u8]) -> Result<String, NotJson> {
    // Validate first; the scanner below then only has to tell strings from structure.
    serde_json::from_slice::<serde::de::IgnoredAny>(src)?;
    let start = src
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(src.len());
    let end = src
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |p| p + 1);

    let mut out: Vec<u8> = Vec::with_capacity(src.len() * 2);
    let mut depth = 0usize;
    // An opened `{`/`[` whose first element has not been seen yet: its newline is delayed so that an
    // empty container prints as `{}`/`[]`.
    let mut pending_open = false;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        for _ in 0..depth {
            out.extend_from_slice(b"  ");
        }
    };
    for &c in &src[start..end] {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        if pending_open && c != b'}' && c != b']' {
            pending_open = false;
            depth += 1;
            newline(&mut out, depth);
        }
        match c {
            b'{' | b'[' => {
                pending_open = true;
                out.push(c);
            }
            b'}' | b']' => {
                if pending_open {
                    pending_open = false;
                } else {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            b',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            b'"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.extend_from_slice(&src[end..]);
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(json: &str) -> PlanView {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn empty_plan_prints_unknowns() {
        assert_eq!(
            plan_tree("deploy", &plan("{ }")),
            "deploy (<UNKNOWN> strategy) (<UNKNOWN>)"
        );
    }

    #[test]
    fn empty_phase_and_step_print_unknowns() {
        let p = plan(r#"{"phases":[{"steps":[{}]}],"status":"IN_PROGRESS","strategy":"serial"}"#);
        assert_eq!(
            plan_tree("deploy", &p),
            "deploy (serial strategy) (IN_PROGRESS)\n\
             └─ <UNKNOWN> (<UNKNOWN> strategy) (<UNKNOWN>)\n   \
             └─ <UNKNOWN> (<UNKNOWN>)"
        );
    }

    #[test]
    fn a_waiting_step_shows_its_reason_only_when_the_server_sends_one() {
        // An SDK scheduler sends only its message: the Go CLI's line, byte for byte.
        let sdk = plan(
            r#"{"phases":[{"name":"p","status":"PENDING","strategy":"serial","steps":[
                {"name":"s-0:[t]","status":"PENDING","message":"'s-0:[t] [1]' has status: 'PENDING'."}]}],
                "status":"PENDING","strategy":"serial"}"#,
        );
        assert_eq!(
            plan_tree("recovery", &sdk),
            "recovery (serial strategy) (PENDING)\n└─ p (serial strategy) (PENDING)\n   └─ s-0:[t] (PENDING)"
        );
        let pxfw = plan(
            r#"{"phases":[{"name":"p","status":"PENDING","strategy":"serial","steps":[
                {"name":"s-0:[t]","status":"PENDING","message":"m","reason":"0/3 nodes: 3 lack 4096 MB memory"}]}],
                "status":"PENDING","strategy":"serial"}"#,
        );
        assert_eq!(
            plan_tree("recovery", &pxfw),
            "recovery (serial strategy) (PENDING)\n└─ p (serial strategy) (PENDING)\n   \
             └─ s-0:[t] (PENDING) (waiting: 0/3 nodes: 3 lack 4096 MB memory)"
        );
    }

    #[test]
    fn errors_section_follows_a_blank_line() {
        let p = plan(r#"{"phases":[],"errors":["a","b"],"status":"ERROR","strategy":"serial"}"#);
        assert_eq!(
            plan_tree("deploy", &p),
            "deploy (serial strategy) (ERROR)\n\nErrors:\n- a\n- b"
        );
    }

    #[test]
    fn pod_tree_marks_missing_status() {
        let p: PodStatus =
            serde_json::from_str(r#"{"name":"hello-0","tasks":[{"name":"hello-0-a","status":"RUNNING"},{"name":"hello-0-b"}]}"#)
                .unwrap();
        assert_eq!(
            pod_tree(&p),
            "hello-0\n├─ hello-0-a (RUNNING)\n└─ hello-0-b (<UNKNOWN>)"
        );
    }

    #[test]
    fn service_without_pods_is_one_line() {
        let s: ServiceStatus = serde_json::from_str(r#"{"service":"hello"}"#).unwrap();
        assert_eq!(service_tree(&s), "hello");
    }

    #[test]
    fn indent_keeps_tokens_and_order() {
        let src = br#" {"b":1.50,"a":[ ],"c":{},"d":"x\u00e9 \" ,:{[","e":[1,{"f":null}]}"#;
        let want = "{\n  \"b\": 1.50,\n  \"a\": [],\n  \"c\": {},\n  \"d\": \"x\\u00e9 \\\" ,:{[\",\n  \"e\": [\n    1,\n    {\n      \"f\": null\n    }\n  ]\n}";
        assert_eq!(indent_json(src).unwrap(), want);
    }

    #[test]
    fn indent_keeps_trailing_whitespace_and_rejects_garbage() {
        assert_eq!(indent_json(b"[\"a\"]\n").unwrap(), "[\n  \"a\"\n]\n");
        assert_eq!(indent_json(b"42").unwrap(), "42");
        assert!(indent_json(b"<html>").is_err());
        assert!(indent_json(b"").is_err());
        assert!(indent_json(b"{\"a\":1} x").is_err());
    }
    #[test]
    fn live_tree_lines_match_the_printed_tree() {
        let mut live = LivePlanTree::with_target(indicatif::ProgressDrawTarget::hidden());
        let p1 = plan(
            r#"{"phases":[{"name":"a","strategy":"serial","status":"IN_PROGRESS","steps":[{"name":"a-0","status":"COMPLETE"},{"name":"a-1","status":"PENDING"}]}],"status":"IN_PROGRESS","strategy":"serial"}"#,
        );
        live.update("deploy", &p1);
        assert_eq!(live.texts().join("\n"), plan_tree("deploy", &p1));
        assert_eq!(live.lines[1].position(), 1);
        assert_eq!(live.lines[1].length(), Some(2));
        let p2 = plan(
            r#"{"phases":[{"name":"a","strategy":"serial","status":"ERROR","steps":[{"name":"a-0","status":"COMPLETE"},{"name":"a-1","status":"ERROR"}]}],"errors":["boom"],"status":"ERROR","strategy":"serial"}"#,
        );
        live.update("deploy", &p2);
        assert_eq!(live.texts().join("\n"), plan_tree("deploy", &p2));
        live.finish();
    }
}
