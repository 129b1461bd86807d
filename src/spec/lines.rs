//! Where each value of a YAML document sits: a map from dotted paths (`pods.node.count`,
//! `pods.node.uris[2]`, the same notation serde_path_to_error prints) to 1-based line numbers.
//!
//! serde only tells us the location of the *first* deserialization error. Semantic checks run on
//! the typed model afterwards and have no position of their own, so they look their path up here.
//! The index is built from a streaming YAML parser's events (saphyr-parser), which also reveals
//! duplicate keys that a typed deserializer would silently let the last one win.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, Span};

/// Path → line of one YAML document, plus the duplicate keys found on the way.
#[derive(Debug, Default, Clone)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
    duplicates: Vec<(String, usize)>,
}

enum Frame {
    Map {
        path: String,
        /// Key whose value comes next; `None` while a key is expected.
        key: Option<String>,
        seen: HashSet<String>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

impl LineIndex {
    /// Indexes `text`. Parsing stops quietly at the first syntax error: the paths seen before it
    /// are still useful, and the syntax error itself is reported by the real deserializer.
    pub fn build(text: &str) -> LineIndex {
        let mut index = LineIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            match event {
                Event::Scalar(value, ..) => {
                    index.node(&mut stack, span, Some(value.as_ref()));
                }
                Event::Alias(_) => {
                    index.node(&mut stack, span, None);
                }
                Event::MappingStart(..) => {
                    let path = index.node(&mut stack, span, None);
                    stack.push(Frame::Map {
                        path,
                        key: None,
                        seen: HashSet::new(),
                    });
                }
                Event::SequenceStart(..) => {
                    let path = index.node(&mut stack, span, None);
                    stack.push(Frame::Seq { path, index: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::DocumentEnd => break,
                _ => {}
            };
        }
        index
    }

    /// Records one node (scalar, alias or the start of a collection) and returns its path.
    /// A scalar in key position names the next value; anything else is a value.
    fn node(&mut self, stack: &mut [Frame], span: Span, scalar: Option<&str>) -> String {
        let line = span.start.line();
        match stack.last_mut() {
            None => String::new(),
            Some(Frame::Seq { path, index }) => {
                let child = format!("{path}[{index}]");
                *index += 1;
                self.lines.entry(child.clone()).or_insert(line);
                child
            }
            Some(Frame::Map { path, key, seen }) => match key.take() {
                Some(k) => join(path, &k),
                None => {
                    // Key position. Complex keys are rare in svc.yml; give them a placeholder.
                    let k = scalar.unwrap_or("?").to_owned();
                    let child = join(path, &k);
                    if !seen.insert(k.clone()) {
                        self.duplicates.push((child.clone(), line));
                    }
                    self.lines.insert(child.clone(), line);
                    *key = Some(k);
                    child
                }
            },
        }
    }

    /// Line of `path`, or of its nearest ancestor that was seen.
    pub fn line_of(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(line) = self.lines.get(p) {
                return Some(*line);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Keys that appear twice in the same mapping, with the line of the repeat.
    pub fn duplicates(&self) -> &[(String, usize)] {
        &self.duplicates
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name: x\npods:\n  node:\n    count: 3\n    uris:\n      - a\n      - b\n    tasks:\n      server:\n        cpus: 1\n";

    #[test]
    fn paths_map_to_lines() {
        let idx = LineIndex::build(DOC);
        assert_eq!(idx.line_of("name"), Some(1));
        assert_eq!(idx.line_of("pods.node.count"), Some(4));
        assert_eq!(idx.line_of("pods.node.uris[1]"), Some(7));
        assert_eq!(idx.line_of("pods.node.tasks.server.cpus"), Some(10));
        // Unknown leaf falls back to the nearest known ancestor.
        assert_eq!(idx.line_of("pods.node.tasks.server.memory"), Some(9));
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let idx = LineIndex::build("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!(idx.duplicates(), &[("b.c".to_owned(), 4)]);
    }

    #[test]
    fn flow_collections_and_syntax_errors() {
        let idx = LineIndex::build("steps:\n  - 0: [[a], [b]]\n  - default: [[c]]\nbad: [\n");
        assert_eq!(idx.line_of("steps[1].default"), Some(3));
        assert_eq!(idx.line_of("steps[0].0[1][0]"), Some(2));
    }
}
