//! Everything pxfw prints: JSON for scripts, tables and trees for people, progress for terminals.
//!
//! Handlers decide *what* to show; this module decides *how*, so that `--json` output stays stable and
//! human output never carries colours or spinners when stdout is not a terminal.

pub mod tree;

use std::io::{IsTerminal, Write};

use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::Style;

/// True when stdout is an interactive terminal (progress bars and prompts are allowed).
pub fn is_tty() -> bool {
    std::io::stdout().is_terminal()
}

/// True when stdin is an interactive terminal (confirmation prompts are possible).
pub fn stdin_is_tty() -> bool {
    std::io::stdin().is_terminal()
}

/// Prints a value as pretty JSON followed by a newline.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(())
}

/// Renders rows under a header as a borderless, left-aligned table (the look of `dcos` list commands).
pub fn table<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    let mut builder = Builder::default();
    builder.push_record(header.iter().copied());
    for row in rows {
        builder.push_record(row.iter().map(|c| c.as_ref()));
    }
    let mut table = builder.build();
    table.with(Style::blank());
    let mut text = table.to_string();
    // tabled pads every cell with a blank on both sides; the outer ones only make diffs and scripts noisier.
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let indented = lines.iter().all(|l| l.is_empty() || l.starts_with(' '));
    text = lines
        .iter()
        .map(|l| {
            if indented {
                l.strip_prefix(' ').unwrap_or(l)
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    text
}

/// Prints a table (see [`table`]) to stdout.
pub fn print_table<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) {
    println!("{}", table(header, rows));
}

/// A progress bar over a known number of units, hidden when stdout is not a terminal.
pub fn progress(len: u64, message: impl Into<String>) -> indicatif::ProgressBar {
    let bar = if is_tty() {
        indicatif::ProgressBar::new(len)
    } else {
        indicatif::ProgressBar::hidden()
    };
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg:30} [{bar:30}] {pos}/{len} {elapsed}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.into());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_header_and_no_trailing_blanks() {
        let t = table(
            &["NAME", "URI"],
            &[vec!["a", "http://x"], vec!["long-name", "y"]],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("NAME"));
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
        assert!(lines[2].starts_with("long-name"));
    }
}
