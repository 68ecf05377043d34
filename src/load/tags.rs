//! Tags as an editor writes them: the `tags` list of a sidecar or of a
//! page's front matter in, the problems with its values out (an empty tag,
//! one with no letters to make an address from, two tags run into one).
//!
//! Values of the wrong type (`tags = [3]`, `tags = "x"`) never get here:
//! the TOML or YAML reader refuses them and `explain` says why.

use crate::diag::Diagnostic;
use crate::slug::slugify;
use std::collections::BTreeMap;
use std::path::Path;

/// The problems with the `tags` of `file` (written on `line`): an empty
/// tag or one without letters or digits is an error, since it could have
/// no page; two tags in one string and a tag listed twice are warnings.
pub fn check_tags(tags: &[String], file: &Path, line: Option<usize>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for tag in tags {
        let slug = slugify(tag);
        if tag.trim().is_empty() {
            problems.push(
                Diagnostic::error(file, line, "one of the tags is empty").hint(
                    "write a topic between the quotes, or remove the empty `\"\"` from `tags`",
                ),
            );
            continue;
        }
        if slug.is_empty() {
            problems.push(
                Diagnostic::error(
                    file,
                    line,
                    format!("the tag \"{tag}\" has no letters or digits to make its page's address from"),
                )
                .hint("write the topic in words, such as `tags = [\"withdrawal\"]`"),
            );
            continue;
        }
        if let Some(parts) = run_together(tag) {
            problems.push(
                Diagnostic::warning(
                    file,
                    line,
                    format!("the tag \"{tag}\" looks like {} tags in one", parts.len()),
                )
                .hint(format!(
                    "give each its own quotes: `tags = [{}]`",
                    parts
                        .iter()
                        .map(|part| format!("\"{part}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        if let Some(first) = seen.insert(slug, tag) {
            problems.push(
                Diagnostic::warning(
                    file,
                    line,
                    format!("the tag \"{tag}\" is listed twice (also as \"{first}\")"),
                )
                .hint("remove one of them"),
            );
        }
    }
    problems
}

/// The parts of a tag that holds a comma or a semicolon between words
/// ("withdrawal, agreements"), the way a list is typed into one string.
fn run_together(tag: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = tag
        .split([',', ';'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    (parts.len() > 1).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(tags: &[&str]) -> Vec<String> {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        check_tags(&tags, Path::new("content/pages/a.md"), Some(3))
            .iter()
            .map(|d| format!("{}:{:?}:{}", d.is_error(), d.line, d.message))
            .collect()
    }

    #[test]
    fn tags_are_checked_as_an_editor_reads_them() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["withdrawal", "Status of forces"], &[]),
            (&[""], &["true:Some(3):one of the tags is empty"]),
            (&["  "], &["true:Some(3):one of the tags is empty"]),
            (
                &["—"],
                &["true:Some(3):the tag \"—\" has no letters or digits to make its page's address from"],
            ),
            (
                &["withdrawal, agreements"],
                &["false:Some(3):the tag \"withdrawal, agreements\" looks like 2 tags in one"],
            ),
            (
                &["Withdrawal", "withdrawal "],
                &["false:Some(3):the tag \"withdrawal \" is listed twice (also as \"Withdrawal\")"],
            ),
        ];
        for (tags, expected) in cases {
            assert_eq!(said(tags), *expected, "tags {tags:?}");
        }
    }
}
