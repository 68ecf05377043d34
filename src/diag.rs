//! Diagnostics: content problems found by any stage, collected and printed together.
//!
//! A diagnostic names the file (relative to the site root), the line where
//! there is one, what is wrong and how to fix it. Only I/O failures and bugs
//! are Rust errors; everything an editor can cause is a [`Diagnostic`].

use crate::terminal::{visible, visible_name};
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, line, message)
    }

    pub fn warning(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, line, message)
    }

    fn new(
        severity: Severity,
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a sentence telling the editor what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        // File names and messages carry text from files; a terminal must
        // show their control characters, not obey them.
        let file = self.file.display().to_string();
        write!(f, "{label}: {}", visible_name(&file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", visible(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", visible(hint))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and line so output is stable, and drops exact repeats.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort();
    diagnostics.dedup();
    diagnostics
}

/// The candidates that look most like `wanted`, best first, at most `limit`:
/// near misses by edit distance (typos), and candidates that contain
/// `wanted` or are contained in it (a surname for a full slug). Used for
/// "did you mean ...?" hints.
pub fn nearest<'a, I>(wanted: &str, candidates: I, limit: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted = wanted.to_lowercase();
    let allowed = (wanted.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            if lower == wanted {
                return Some((0, candidate));
            }
            let contained = wanted.len() >= 3
                && (lower.contains(&wanted) || wanted.contains(&lower) && lower.len() >= 3);
            // A word cut short or mistyped at its end ("publishr" for "publication").
            let prefix = wanted
                .chars()
                .zip(lower.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let same_start = prefix >= 4 && prefix * 2 >= wanted.chars().count();
            let distance = edit_distance(&wanted, &lower);
            if distance <= allowed {
                Some((distance, candidate))
            } else if contained || same_start {
                Some((allowed + 1, candidate))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Edit distance over characters, counting a swap of two neighbours as one
/// edit (`titel` is one edit from `title`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j].
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`": candidates for a hint.
pub fn one_of(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_and_containing_names() {
        let keys = ["title", "description", "slug", "draft", "weight", "date"];
        assert_eq!(nearest("titel", keys, 3), vec!["title"]);
        assert_eq!(nearest("dat", keys, 3), vec!["date"]);
        assert!(nearest("colour", keys, 3).is_empty());
        let sidecar = ["title", "publication", "date", "authors"];
        assert_eq!(nearest("publishr", sidecar, 1), vec!["publication"]);
        assert_eq!(nearest("auth", sidecar, 1), vec!["authors"]);
        let people = ["nouri-al-maliki", "ali-al-sistani", "mark-milley"];
        assert_eq!(nearest("maliki", people, 3), vec!["nouri-al-maliki"]);
        assert_eq!(
            nearest("nouri-al-malki", people, 3),
            vec!["nouri-al-maliki"]
        );
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn lists_candidates_in_prose() {
        assert_eq!(one_of(&[]), "");
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
