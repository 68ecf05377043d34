//! Building the timeline: dated mentions from the sources plus the editors'
//! events in, chronological [`Entry`]s out.
//!
//! Policy: a date becomes a timeline entry when it dates something that
//! happened in the story. The publication date itself, dates in captions and
//! notes, and vague spans are not entries (they still link on the page).

use crate::clean::BlockKind;
use crate::extract::dates::DateValue;

/// A date mention from a source, with what the timeline needs to know about it.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Index of the source.
    pub source: usize,
    /// Index into that source's date mentions.
    pub mention: usize,
    pub value: DateValue,
    pub block_kind: BlockKind,
    /// The words of the date expression.
    pub text: String,
    pub sentence: String,
    /// Indices of the people named in the same sentence.
    pub people: Vec<usize>,
}

/// An editorial timeline event or era from `content/events/`.
#[derive(Debug, Clone)]
pub struct EditorialEvent {
    pub id: String,
    pub title: String,
    pub value: DateValue,
    /// Present for an era: the last period it covers.
    pub end: Option<DateValue>,
}

/// One entry of the timeline: a happening with all the mentions that cite it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub value: DateValue,
    /// Indices into the occurrences given to [`build_entries`].
    pub occurrences: Vec<usize>,
    /// Index of the editorial event, for an editorial entry.
    pub editorial: Option<usize>,
}

/// True when the occurrence should appear on the timeline.
pub fn is_event(occurrence: &Occurrence) -> bool {
    matches!(
        occurrence.block_kind,
        BlockKind::Paragraph | BlockKind::Quote
    )
}

/// Orders and groups occurrences and editorial events into timeline entries.
pub fn build_entries(occurrences: &[Occurrence], editorial: &[EditorialEvent]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = occurrences
        .iter()
        .enumerate()
        .filter(|(_, occurrence)| is_event(occurrence))
        .map(|(index, occurrence)| Entry {
            value: occurrence.value,
            occurrences: vec![index],
            editorial: None,
        })
        .collect();
    entries.extend(
        editorial
            .iter()
            .enumerate()
            .filter(|(_, event)| event.end.is_none())
            .map(|(index, event)| Entry {
                value: event.value,
                occurrences: Vec::new(),
                editorial: Some(index),
            }),
    );
    entries.sort_by(|a, b| {
        (
            a.value.start,
            a.value.precision,
            a.editorial.is_none(),
            &a.occurrences,
        )
            .cmp(&(
                b.value.start,
                b.value.precision,
                b.editorial.is_none(),
                &b.occurrences,
            ))
    });
    entries
}
