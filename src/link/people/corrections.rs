//! The editor's corrections of single mentions, from a sidecar's
//! `[[mention]]` tables: one article's people (as found) and the
//! corrections in; the people with each corrected mention moved to the
//! person the editor names (or to no one), the spans corrected, and an
//! error for each correction that points at nothing out.
//!
//! ```toml
//! [[mention]]
//! paragraph = 7
//! text = "Paulson"
//! person = "John Paulson"   # a name or alias; "nobody" when it is no one
//! ```
//!
//! Every place `text` stands (as a whole word, case as written) in that
//! paragraph is corrected; a mention the detector made that overlaps it is
//! dropped first, so a correction also mends a name cut too long
//! ("Nonpartisan Paul Tse" -> "Paul Tse").

use super::search::stands_alone;
use crate::diag::Diagnostic;
use crate::extract::people::{DocPerson, PersonKind};
use crate::extract::Span;
use crate::load::MentionFix;
use crate::slug::fold;
use std::path::Path;

/// Applies `fixes` (each with its line in the sidecar) to `people`, the
/// people found in the paragraphs `blocks`. Returns the spans corrected and
/// the problems, reported against the sidecar at `sidecar`.
pub fn correct_mentions(
    sidecar: &Path,
    blocks: &[&str],
    fixes: &[(usize, MentionFix)],
    people: &mut Vec<DocPerson>,
) -> (Vec<Span>, Vec<Diagnostic>) {
    let mut corrected = Vec::new();
    let mut problems = Vec::new();
    for (line, fix) in fixes {
        match spans_of(blocks, fix) {
            Ok(spans) => {
                for span in spans {
                    reassign(people, span, blocks, fix);
                    corrected.push(span);
                }
            }
            Err(problem) => {
                problems.push(Diagnostic::error(sidecar, Some(*line), problem.0).hint(problem.1))
            }
        }
    }
    // A person of the story left with no mention is no longer named here.
    people.retain(|p| !p.mentions.is_empty() || p.kind != PersonKind::Subject);
    corrected.sort();
    (corrected, problems)
}

/// Where the correction's words stand, or what is wrong with it (message, hint).
fn spans_of(blocks: &[&str], fix: &MentionFix) -> Result<Vec<Span>, (String, String)> {
    let count = blocks.len();
    let Some(block) = fix.paragraph.checked_sub(1).filter(|&b| b < count) else {
        return Err((
            format!(
                "paragraph {} does not exist: this source has {count} paragraph{}",
                fix.paragraph,
                if count == 1 { "" } else { "s" }
            ),
            "paragraphs are numbered from 1 at the top of the source's page (the ¶ numbers)"
                .to_string(),
        ));
    };
    let words = fix.text.trim();
    let text = blocks[block];
    let spans: Vec<Span> = if words.is_empty() {
        Vec::new()
    } else {
        text.match_indices(words)
            .filter(|(start, _)| stands_alone(text, *start, start + words.len()))
            .map(|(start, _)| Span {
                block,
                start,
                end: start + words.len(),
            })
            .collect()
    };
    if spans.is_empty() {
        return Err((
            format!(
                "paragraph {} does not contain `{words}`",
                fix.paragraph
            ),
            format!(
                "copy the name exactly as paragraph {} writes it (capitals too), or correct the paragraph number",
                fix.paragraph
            ),
        ));
    }
    Ok(spans)
}

/// Moves the mention at `span` to the person `fix` names, after taking any
/// overlapping mention from whoever had it.
fn reassign(people: &mut Vec<DocPerson>, span: Span, blocks: &[&str], fix: &MentionFix) {
    let form_at = |s: &Span| blocks.get(s.block).and_then(|t| t.get(s.start..s.end));
    for person in people.iter_mut() {
        let mut dropped = Vec::new();
        person.mentions.retain(|m| {
            let overlaps = m.block == span.block && m.start < span.end && span.start < m.end;
            if overlaps {
                dropped.extend(form_at(m).map(str::to_string));
            }
            !overlaps
        });
        // A form the person no longer has in this text is no longer theirs.
        for form in dropped {
            let still_used = person.mentions.iter().any(|m| form_at(m) == Some(&form));
            if !still_used {
                person.aliases.retain(|a| *a != form);
            }
        }
    }
    if fix.is_nobody() {
        return;
    }
    let name = fix.person.trim();
    let words = &blocks[span.block][span.start..span.end];
    let folded = fold(name);
    let owner = people.iter().position(|p| {
        std::iter::once(&p.name)
            .chain(&p.aliases)
            .any(|form| fold(form) == folded)
    });
    let person = match owner {
        Some(at) => &mut people[at],
        None => {
            people.push(DocPerson {
                name: name.to_string(),
                aliases: Vec::new(),
                role: None,
                kind: PersonKind::Subject,
                mentions: Vec::new(),
            });
            people.last_mut().expect("just pushed")
        }
    };
    if words != person.name && !person.aliases.iter().any(|a| a == words) {
        person.aliases.push(words.to_string());
    }
    person.mentions.push(span);
    person.mentions.sort();
}
