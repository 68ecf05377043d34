//! Editorial events: the loaded `content/events/*.md` files in, each event's
//! dates and cited sources checked, out as the timeline's inputs beside the
//! [`EditorialEvent`]s they become (in the same order).
//!
//! An event whose dates cannot be placed (not a date, or an end before its
//! start) is reported and left out; two events with one slug are reported,
//! since each slug is an anchor on the timeline page.

use super::{cited_paragraphs, timeline, EditorialEvent, Source};
use crate::date_value::parse_date_value;
use crate::diag::Diagnostic;
use crate::extract::dates::DateValue;
use crate::frontmatter::key_line;
use crate::load::{EventMeta, MarkdownFile, Unreadable};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The events' timeline inputs and the events themselves, in one order.
pub(super) type Events = (Vec<timeline::EditorialEvent>, Vec<Option<EditorialEvent>>);

/// Checks `events` and finds the sources (in `sources`) they cite.
pub(super) fn read_events(
    root: &Path,
    events: Vec<MarkdownFile<EventMeta>>,
    sources: &[Source],
    unreadable: &Unreadable,
    diagnostics: &mut Vec<Diagnostic>,
) -> Events {
    let source_index: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(index, source)| (source.id.as_str(), index))
        .collect();
    let mut inputs = Vec::new();
    let mut editorial = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for file in events {
        let text = std::fs::read_to_string(root.join(&file.path)).unwrap_or_default();
        check_slug(&file, &text, &mut slugs, diagnostics);
        let Some((value, end)) = dates(&file, &text, diagnostics) else {
            continue;
        };
        let mut cited = Vec::new();
        for id in &file.doc.meta.sources {
            match source_index.get(id.as_str()) {
                Some(&index) => cited.push(index),
                // The source's own error says why it is missing.
                None if unreadable.sources.contains_key(id) => {}
                None => diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        key_line(&text, "sources"),
                        format!("no source has the id `{id}`"),
                    )
                    .hint("use a source's file name without `.txt`, as listed on the sources page"),
                ),
            }
        }
        inputs.push(timeline::EditorialEvent {
            id: file.id.clone(),
            title: file.doc.meta.title.clone(),
            value,
            end,
        });
        let paragraphs = cited_paragraphs(&file.doc.body, sources, &source_index);
        editorial.push(Some(EditorialEvent {
            file,
            sources: cited,
            paragraphs,
        }));
    }
    (inputs, editorial)
}

/// The event's date and end, or `None` (reported) when they are no dates or
/// the end comes before the date.
fn dates(
    file: &MarkdownFile<EventMeta>,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(DateValue, Option<DateValue>)> {
    let meta = &file.doc.meta;
    let Some(value) = parse_date_value(&meta.date) else {
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                key_line(text, "date"),
                crate::explain::not_a_date(&meta.date.0),
            )
            .hint("write the date as YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www"),
        );
        return None;
    };
    let Some(end_text) = &meta.end else {
        return Some((value, None));
    };
    let Some(end) = parse_date_value(end_text) else {
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                key_line(text, "end"),
                crate::explain::not_a_date(&end_text.0),
            )
            .hint("write the end as YYYY-MM-DD, YYYY-MM or YYYY"),
        );
        return None;
    };
    // A month ending within itself ("2003-03" to "2003-03-20") is no contradiction.
    if end.last_day() < value.start {
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                key_line(text, "end"),
                format!(
                    "the event ends ({}) before it begins ({})",
                    end_text.0, meta.date.0
                ),
            )
            .hint("swap `date` and `end`, or correct the one that is wrong"),
        );
        return None;
    }
    Some((value, Some(end)))
}

/// Reports an event whose slug another event took, or that the timeline's
/// own anchors could take; remembers the slug in `slugs`.
fn check_slug(
    file: &MarkdownFile<EventMeta>,
    text: &str,
    slugs: &mut HashMap<String, PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let line = key_line(text, "slug");
    if let Some(first) = slugs.get(&file.id) {
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                line,
                format!(
                    "this event and {} both have the slug `{}`",
                    first.display(),
                    file.id
                ),
            )
            .hint("each event's slug is its anchor on the timeline: give one of them another `slug` or file name"),
        );
        return;
    }
    slugs.insert(file.id.clone(), file.path.clone());
    if file.doc.meta.slug.is_some() && is_generated_anchor(&file.id) {
        diagnostics.push(
            Diagnostic::error(
                &file.path,
                line,
                format!("the slug `{}` looks like an anchor Backstory makes itself", file.id),
            )
            .hint("choose a slug that does not start with `t-` and a digit, `era-`, `h-` or `y` and a digit"),
        );
    }
}

/// True for the anchors the timeline pages give their own parts: entries
/// without a slug (`t-2003-03-20`), eras (`era-…`), headings (`h-…`) and
/// years (`y2003`).
fn is_generated_anchor(slug: &str) -> bool {
    let digit_after = |prefix: &str| {
        slug.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    digit_after("t-") || digit_after("y") || slug.starts_with("era-") || slug.starts_with("h-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_timeline_s_own_anchors_from_slugs() {
        for generated in ["t-2003-03-20", "t-2003-w12", "y2003", "era-war", "h-eras"] {
            assert!(is_generated_anchor(generated), "{generated}");
        }
        for slug in ["launch", "t-day", "year-one", "the-era", "hearing"] {
            assert!(!is_generated_anchor(slug), "{slug}");
        }
    }
}
