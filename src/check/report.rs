//! Findings for people: diagnostics in, text grouped by file (errors and
//! warnings apart) or JSON out. Text may carry ANSI styles; the binary
//! strips them when its output is not a terminal. The control characters of
//! file names and messages are shown as escapes, in the text and in the JSON
//! (as `\u` escapes there, the same JSON value).

use crate::diag::{Diagnostic, Severity};
use crate::terminal::{json_safe, visible, visible_name};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const FILE: Style = Style::new().bold();
const HINT: Style = AnsiColor::Cyan.on_default();

/// Wraps `text` in `style` when `styled`.
fn paint(text: &str, style: Style, styled: bool) -> String {
    if styled {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// One diagnostic on its own (`error: file:line: message`, then the hint),
/// as a build prints it.
pub fn line(diagnostic: &Diagnostic, styled: bool) -> String {
    let (label, style) = label(diagnostic.severity);
    let mut place = file_name(diagnostic);
    if let Some(line) = diagnostic.line {
        let _ = write!(place, ":{line}");
    }
    let mut text = format!(
        "{}: {}: {}",
        paint(label, style, styled),
        paint(&place, FILE, styled),
        visible(&diagnostic.message)
    );
    if let Some(hint) = &diagnostic.hint {
        let hint = visible(hint);
        let _ = write!(text, "\n  {} {hint}", paint("hint:", HINT, styled));
    }
    text
}

/// The diagnostic's file as a terminal should show it: file names come from
/// disk and may hold escape sequences, shown here as text (`\x1b`).
fn file_name(diagnostic: &Diagnostic) -> String {
    visible_name(&diagnostic.file.display().to_string()).into_owned()
}

fn label(severity: Severity) -> (&'static str, Style) {
    match severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
    }
}

/// Every finding, errors first then warnings, each group by file then line.
pub fn text(diagnostics: &[Diagnostic], styled: bool) -> String {
    let mut out = String::new();
    for severity in [Severity::Error, Severity::Warning] {
        let group: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let (label, style) = label(severity);
        let heading = format!("{} {label}{}", group.len(), plural(group.len()));
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", paint(&heading, style, styled));
        let mut current: Option<&Path> = None;
        for diagnostic in group {
            if current != Some(diagnostic.file.as_path()) {
                current = Some(diagnostic.file.as_path());
                let file = file_name(diagnostic);
                let _ = writeln!(out, "  {}", paint(&file, FILE, styled));
            }
            let prefix = diagnostic
                .line
                .map(|line| format!("line {line}: "))
                .unwrap_or_default();
            let _ = writeln!(out, "    {prefix}{}", visible(&diagnostic.message));
            if let Some(hint) = &diagnostic.hint {
                let hint = visible(hint);
                let indent = " ".repeat(prefix.len());
                let _ = writeln!(out, "    {indent}{} {hint}", paint("hint:", HINT, styled));
            }
        }
    }
    out
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// The counts line that closes a check: "2 errors, 1 warning".
pub fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    )
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// False when the check fails (errors, or warnings with `--strict`).
    ok: bool,
    errors: Vec<&'a Diagnostic>,
    warnings: Vec<&'a Diagnostic>,
}

/// The findings as one JSON document for editors' CI.
pub fn json(diagnostics: &[Diagnostic], ok: bool) -> String {
    let (errors, warnings) = diagnostics.iter().partition(|d| d.is_error());
    let report = JsonReport {
        ok,
        errors,
        warnings,
    };
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    json_safe(&json).into_owned() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings() -> Vec<Diagnostic> {
        vec![
            Diagnostic::error("content/pages/a.md", Some(5), "no person has the id `x`")
                .hint("did you mean `y`?"),
            Diagnostic::error("content/pages/a.md", Some(9), "no page has the id `z`"),
            Diagnostic::warning(
                "content/sources/s.txt",
                None,
                "no publication date found in the text",
            ),
        ]
    }

    #[test]
    fn groups_by_severity_then_file() {
        assert_eq!(
            text(&findings(), false),
            "2 errors\n  content/pages/a.md\n    line 5: no person has the id `x`\n            \
             hint: did you mean `y`?\n    line 9: no page has the id `z`\n\n\
             1 warning\n  content/sources/s.txt\n    no publication date found in the text\n"
        );
        assert_eq!(counts(&findings()), "2 errors, 1 warning");
    }

    #[test]
    fn styles_only_when_asked() {
        let diagnostic = &findings()[0];
        assert_eq!(
            line(diagnostic, false),
            "error: content/pages/a.md:5: no person has the id `x`\n  hint: did you mean `y`?"
        );
        assert!(line(diagnostic, true).contains("\u{1b}["));
    }

    #[test]
    fn json_keeps_errors_and_warnings_apart() {
        let value: serde_json::Value = serde_json::from_str(&json(&findings(), false)).unwrap();
        assert_eq!(value["ok"], false);
        assert_eq!(value["errors"][0]["line"], 5);
        assert_eq!(value["errors"][0]["hint"], "did you mean `y`?");
        assert_eq!(value["warnings"][0]["severity"], "warning");
        assert_eq!(value["warnings"][0]["line"], serde_json::Value::Null);
    }
}
