//! Building the timeline: dated mentions from the sources plus the editors'
//! events in, chronological [`Entry`]s out.
//!
//! # What becomes an entry ([`is_event`])
//!
//! A date becomes a timeline entry when it dates something that happened in
//! the story. Not entries (they still link on the source page):
//! - the publication date itself: a dateline ("The Daily, Jan. 17, 2024",
//!   a sentence that is nothing but names and the date) and edition notes
//!   ("appeared in the January 18, 2024, print edition");
//! - dates in print notes ([`BlockKind::Note`]) and in photo captions
//!   ([`BlockKind::Caption`]) that only name the picture ("The command
//!   centre in 2021."); a caption that tells what happened, with a verb in
//!   the past ("X visited Y in December 2011"), dates an event;
//! - vague spans ("for months", "in recent days", "the coming month or two")
//!   never reach this stage: the date finder gives them no calendar value.
//!
//! # Grouping ([`build_entries`])
//!
//! Occurrences that tell the same happening, in one source or several, form
//! one entry with all their citations (see `grouping` for the test). Finer
//! values are placed first, so a month mention joins the day or week entry it
//! agrees with, and the entry keeps the finest value among its occurrences.
//! Editorial events become entries of their own (`editorial: Some(i)`);
//! eras (events with an `end`) are not point entries: [`eras`] lists them for
//! the page to draw as bands. Once the entries have their citations, an
//! extracted entry of an event's value that cites a paragraph the event's
//! text cites joins the event's entry (`link::join_editorial`).
//!
//! # Order
//!
//! Chronological by the first day of the period; on the same first day the
//! wider period comes first (a year, then a month, a week, a day: "2014"
//! opens the year before "1 January 2014"); then editorial entries before
//! extracted ones; then by source and mention order. The same input always
//! gives the same order.

mod grouping;
pub mod patch;

pub use grouping::compatible;
pub use grouping::{common_above, word_counts, WordCounts};

use crate::clean::BlockKind;
use crate::extract::dates::{DateValue, Precision};
use grouping::{compatible_ending, Similarity};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// A date mention from a source, with what the timeline needs to know about it.
/// The words are borrowed from the source's text, so an archive's hundreds of
/// thousands of mentions are not copied.
#[derive(Debug, Clone)]
pub struct Occurrence<'a> {
    /// Index of the source.
    pub source: usize,
    /// Index into that source's date mentions.
    pub mention: usize,
    /// The calendar value of the mention.
    pub value: DateValue,
    /// The kind of block the mention sits in.
    pub block_kind: BlockKind,
    /// The words of the date expression.
    pub text: &'a str,
    /// The sentence around the date expression.
    pub sentence: &'a str,
    /// Where that sentence is in its block's text.
    pub sentence_range: std::ops::Range<usize>,
    /// Indices of the people named in the same sentence.
    pub people: Vec<usize>,
    /// The sentence's content words (see [`DateContext::words`]).
    pub words: std::borrow::Cow<'a, [u64]>,
    /// Whether the mention dates an event ([`is_event`]).
    pub event: bool,
}

/// What the timeline reads from the sentence around one date mention. It
/// depends on the source alone, so it is worked out with the source's
/// extraction (in parallel, and kept by `serve` for unchanged sources)
/// rather than while linking the whole site.
#[derive(Debug, Clone, Default)]
pub struct DateContext {
    /// Where the sentence is in its block's text.
    pub sentence: std::ops::Range<usize>,
    /// Where the sentence's content words are in [`DateContexts::words`].
    words: std::ops::Range<usize>,
    /// Whether the mention dates an event ([`is_event`]).
    pub event: bool,
}

/// The [`DateContext`] of each date mention of one source, their words
/// kept end to end in one array: a source has dozens of date mentions, an
/// archive millions, and each is read many times while grouping.
#[derive(Debug, Clone, Default)]
pub struct DateContexts {
    contexts: Vec<DateContext>,
    /// The fingerprints of each context's content words, sorted, each once;
    /// grouping keeps those that are not common across the site.
    words: Vec<u64>,
}

impl DateContexts {
    /// Adds the context of a date expression `text` in `sentence` (bytes
    /// `range` of a block of `kind`).
    pub fn push(
        &mut self,
        kind: BlockKind,
        sentence: &str,
        range: std::ops::Range<usize>,
        text: &str,
    ) {
        let start = self.words.len();
        self.words.extend(grouping::sentence_words(sentence));
        self.contexts.push(DateContext {
            sentence: range,
            words: start..self.words.len(),
            event: is_event_in(kind, sentence, text),
        });
    }

    /// Adds a context that never reaches the timeline (a dateline's).
    pub fn push_none(&mut self) {
        let at = self.words.len();
        self.contexts.push(DateContext {
            words: at..at,
            ..DateContext::default()
        });
    }

    /// The context of date mention `index`, and its words.
    pub fn get(&self, index: usize) -> Option<(&DateContext, &[u64])> {
        let context = self.contexts.get(index)?;
        Some((context, self.words.get(context.words.clone())?))
    }
}

/// An editorial timeline event or era from `content/events/`.
#[derive(Debug, Clone)]
pub struct EditorialEvent {
    /// Slug of the event file.
    pub id: String,
    /// What happened, in the editor's words.
    pub title: String,
    /// When it happened (the first period, for an era).
    pub value: DateValue,
    /// Present for an era: the last period it covers.
    pub end: Option<DateValue>,
}

/// One entry of the timeline: a happening with all the mentions that cite it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// When it happened: the finest value among its occurrences.
    pub value: DateValue,
    /// Indices into the occurrences given to [`build_entries`], in source
    /// and mention order.
    pub occurrences: Vec<usize>,
    /// Index of the editorial event, for an editorial entry.
    pub editorial: Option<usize>,
}

/// True when the occurrence should appear on the timeline (see the policy
/// in the module header).
pub fn is_event(occurrence: &Occurrence) -> bool {
    is_event_in(occurrence.block_kind, occurrence.sentence, occurrence.text)
}

/// [`is_event`] for a date expression `text` in `sentence`, in a block of `kind`.
fn is_event_in(kind: BlockKind, sentence: &str, text: &str) -> bool {
    let story_block = match kind {
        BlockKind::Paragraph | BlockKind::Quote => true,
        // A caption that tells what happened ("X visited Y in December
        // 2011") dates an event of the story's past; one that only names
        // the picture ("The command centre in 2021.") does not.
        BlockKind::Caption => crate::extract::dates::tells_past_event(sentence),
        _ => false,
    };
    story_block && !is_edition_note(sentence) && !is_dateline(sentence, text)
}

/// "Appeared in the January 18, 2024, print edition": dates the document.
fn is_edition_note(sentence: &str) -> bool {
    // ASCII lower-casing finds the same words as full Unicode lower-casing
    // and costs far less: no other character lower-cases to these letters
    // followed by the rest (the Kelvin sign gives a "k", the dotted capital I
    // an "i" and a combining dot).
    let lower = sentence.to_ascii_lowercase();
    lower.contains("edition") || lower.contains(" in print")
}

/// A sentence that, without its date, holds no lower-case word of three
/// letters or more: an outlet or author name with the date ("The Wall Street
/// Journal, Jan. 17, 2024", "5 Jan, 2020 22:28"), not a statement.
fn is_dateline(sentence: &str, date_text: &str) -> bool {
    let has_statement_word = |part: &str| {
        part.split(|c: char| !c.is_alphabetic()).any(|word| {
            word.chars().count() >= 3 && word.chars().next().is_some_and(char::is_lowercase)
        })
    };
    // The words before and after the first date expression, which is left out.
    match sentence.find(date_text) {
        Some(at) => {
            !has_statement_word(&sentence[..at])
                && !has_statement_word(&sentence[at + date_text.len()..])
        }
        None => !has_statement_word(sentence),
    }
}

/// The editorial events that are eras (they have an `end`), by start.
pub fn eras(editorial: &[EditorialEvent]) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..editorial.len())
        .filter(|&index| editorial[index].end.is_some())
        .collect();
    indices.sort_by_key(|&index| (editorial[index].value.start, index));
    indices
}

/// Most recent entries of a bucket compared against a new occurrence: keeps
/// grouping linear on archives with thousands of mentions in one month.
const RECENT_ENTRIES_COMPARED: usize = 256;

/// Orders and groups occurrences and editorial events into timeline entries.
pub fn build_entries(occurrences: &[Occurrence], editorial: &[EditorialEvent]) -> Vec<Entry> {
    build_entries_with(occurrences, editorial, None)
}

/// The groupings of the last build, for `serve` and `watch`: each independent
/// group of occurrences (see [`independent_groups`]) by a fingerprint of all
/// that grouping reads from it, with its entries as positions in the group.
/// An edit changes the fingerprints of the few groups its dates fall in; the
/// others are taken from here instead of being grouped again.
#[derive(Default)]
pub struct GroupingMemo {
    groups: Mutex<HashMap<u64, Vec<Vec<u32>>>>,
}

/// A [`GroupingMemo`] in use, with a key for each person (by index) that
/// does not depend on the person's place in the site: grouping only asks
/// whether two sentences name one person, so a group whose people were
/// renumbered (a person added or gone elsewhere) is grouped as before.
#[derive(Clone, Copy)]
pub struct Remembered<'a> {
    pub memo: &'a GroupingMemo,
    pub person_keys: &'a [u64],
}

/// [`build_entries`], taking unchanged groups from `memo` and leaving in it
/// the groups of this build.
pub fn build_entries_with(
    occurrences: &[Occurrence],
    editorial: &[EditorialEvent],
    memo: Option<Remembered>,
) -> Vec<Entry> {
    build_entries_counted(occurrences, editorial, memo, &word_counts(occurrences))
}

/// [`build_entries_with`], given the [`word_counts`] of `occurrences`.
pub fn build_entries_counted(
    occurrences: &[Occurrence],
    editorial: &[EditorialEvent],
    memo: Option<Remembered>,
    counts: &WordCounts,
) -> Vec<Entry> {
    let similarity = Similarity::with_counts(occurrences, counts, common_above(occurrences.len()));
    // Each key is read once, beside its index, so that sorting compares
    // neighbours in memory rather than reaching into the occurrences.
    let mut keyed: Vec<(GroupingKey, usize)> = (0..occurrences.len())
        .into_par_iter()
        .filter(|&index| occurrences[index].event)
        .map(|index| (grouping_key(&occurrences[index]), index))
        .collect();
    // Every key ends with a unique index, so an unstable sort gives the one order.
    keyed.par_sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, index)| index).collect();
    // Occurrences whose buckets never meet cannot join one entry, so each
    // such group is grouped on its own, in parallel. Within a group the order
    // is the one above, and the entries are sorted below: the result is the
    // same as one pass over all of them.
    let groups = independent_groups(&order, occurrences);
    let mut entries: Vec<Entry> = match memo {
        None => groups
            .par_iter()
            .flat_map_iter(|group| group_in_order(group, occurrences, &similarity))
            .collect(),
        Some(Remembered { memo, person_keys }) => {
            let previous = std::mem::take(&mut *memo.groups.lock().expect("not poisoned"));
            let grouped: Vec<(u64, Vec<Vec<u32>>)> = groups
                .par_iter()
                .map(|group| {
                    let key = group_key(group, occurrences, &similarity, person_keys);
                    let positions = previous.get(&key).cloned().unwrap_or_else(|| {
                        as_positions(group, group_in_order(group, occurrences, &similarity))
                    });
                    (key, positions)
                })
                .collect();
            let entries = groups
                .iter()
                .zip(&grouped)
                .flat_map(|(group, (_, positions))| from_positions(group, positions, occurrences))
                .collect();
            *memo.groups.lock().expect("not poisoned") = grouped.into_iter().collect();
            entries
        }
    };
    for entry in &mut entries {
        sort_by_source(&mut entry.occurrences, occurrences);
    }
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
    entries.sort_by_key(|entry| {
        let first = entry.occurrences.first().map(|&index| {
            let occurrence = &occurrences[index];
            (occurrence.source, occurrence.mention)
        });
        (
            entry.value.start,
            Reverse(entry.value.precision),
            entry.editorial.is_none(),
            entry.editorial,
            first,
        )
    });
    entries
}

/// Puts an entry's occurrences in source and mention order.
fn sort_by_source(members: &mut [usize], occurrences: &[Occurrence]) {
    members.sort_unstable_by_key(|&index| {
        (occurrences[index].source, occurrences[index].mention, index)
    });
}

/// See [`grouping_key`].
type GroupingKey = (Precision, jiff::civil::Date, usize, usize);

/// The order of grouping: finer values first, then by start, source and
/// mention (see [`build_entries`]).
fn grouping_key(occurrence: &Occurrence) -> GroupingKey {
    (
        occurrence.value.precision,
        occurrence.value.start,
        occurrence.source,
        occurrence.mention,
    )
}

/// Groups `order` (occurrence indices in the order of [`build_entries`])
/// into entries: each occurrence joins the first recent entry in its buckets
/// that tells the same happening, or starts a new one.
fn group_in_order(
    order: &[usize],
    occurrences: &[Occurrence],
    similarity: &Similarity,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    // Entries by the (year, month) buckets their period touches.
    let mut buckets: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    // The last day of each entry's period, beside `entries`.
    let mut entry_last_days = Vec::new();
    for &index in order {
        let value = occurrences[index].value;
        let last_day = similarity
            .last_day(index)
            .unwrap_or_else(|| value.last_day());
        let keys = bucket_keys_ending(&value, last_day);
        let joined = keys
            .clone()
            .filter_map(|key| buckets.get(&key))
            .flat_map(|bucket| bucket.iter().rev().take(RECENT_ENTRIES_COMPARED))
            .copied()
            .filter(|&entry| {
                compatible_ending(
                    &entries[entry].value,
                    entry_last_days[entry],
                    &value,
                    last_day,
                )
            })
            .find(|&entry| {
                entries[entry]
                    .occurrences
                    .iter()
                    .any(|&member| similarity.same_happening(occurrences, member, index))
            });
        match joined {
            Some(entry) => entries[entry].occurrences.push(index),
            None => {
                let entry = entries.len();
                entries.push(Entry {
                    value,
                    occurrences: vec![index],
                    editorial: None,
                });
                entry_last_days.push(last_day);
                for key in keys {
                    buckets.entry(key).or_default().push(entry);
                }
            }
        }
    }
    entries
}

/// A fingerprint of everything [`group_in_order`] reads from `group`: for each
/// occurrence in order, its value (and so its period), its people and its
/// salient words. Equal fingerprints give the same entries, as positions.
fn group_key(
    group: &[usize],
    occurrences: &[Occurrence],
    similarity: &Similarity,
    person_keys: &[u64],
) -> u64 {
    let mut hasher = crate::fingerprint::Fingerprinter::new();
    group.len().hash(&mut hasher);
    let mut people: Vec<u64> = Vec::new();
    for &index in group {
        let occurrence = &occurrences[index];
        people.clear();
        people.extend(occurrence.people.iter().map(|&p| person_keys[p]));
        people.sort_unstable();
        (occurrence.value, &people, similarity.words(index)).hash(&mut hasher);
    }
    hasher.finish()
}

/// `entries` of `group` with each occurrence index replaced by its position in `group`.
fn as_positions(group: &[usize], entries: Vec<Entry>) -> Vec<Vec<u32>> {
    let position: HashMap<usize, u32> = (0u32..)
        .zip(group.iter().copied())
        .map(|(p, i)| (i, p))
        .collect();
    entries
        .into_iter()
        .map(|entry| {
            entry
                .occurrences
                .iter()
                .map(|index| position[index])
                .collect()
        })
        .collect()
}

/// The entries of `group` from their positions (see [`as_positions`]); an
/// entry takes the value of its first occurrence, as [`group_in_order`] gives it.
fn from_positions<'a>(
    group: &'a [usize],
    positions: &'a [Vec<u32>],
    occurrences: &'a [Occurrence],
) -> impl Iterator<Item = Entry> + 'a {
    positions.iter().filter_map(move |members| {
        let members: Vec<usize> = members
            .iter()
            .filter_map(|&p| group.get(p as usize).copied())
            .collect();
        let first = *members.first()?;
        Some(Entry {
            value: occurrences[first].value,
            occurrences: members,
            editorial: None,
        })
    })
}

/// Splits `order` into groups whose occurrences share no bucket with any
/// other group's (see [`bucket_keys`]), each in the order given. A week
/// across two months ties those months together.
fn independent_groups(order: &[usize], occurrences: &[Occurrence]) -> Vec<Vec<usize>> {
    // The values are gathered in order first (in parallel), so that the
    // pass below reads them one after the other.
    let values: Vec<(DateValue, jiff::civil::Date)> = order
        .par_iter()
        .map(|&index| {
            let value = occurrences[index].value;
            (value, value.last_day())
        })
        .collect();
    let mut ids: HashMap<(i16, i8), usize, foldhash::fast::FixedState> = HashMap::default();
    let mut parent: Vec<usize> = Vec::new();
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while parent[at] != at {
            parent[at] = parent[parent[at]];
            at = parent[at];
        }
        at
    }
    // Each occurrence with its first bucket; a second bucket is joined to the first.
    let mut firsts: Vec<(usize, usize)> = Vec::with_capacity(order.len());
    for (&index, (value, last_day)) in order.iter().zip(&values) {
        let mut id_of = |key| {
            *ids.entry(key).or_insert_with(|| {
                parent.push(parent.len());
                parent.len() - 1
            })
        };
        let mut buckets = bucket_keys_ending(value, *last_day);
        let Some(first) = buckets.next() else {
            continue;
        };
        let first = id_of(first);
        let second = buckets.next().map(&mut id_of);
        firsts.push((index, first));
        if let Some(second) = second {
            let (a, b) = (root(&mut parent, first), root(&mut parent, second));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(index, first) in &firsts {
        let group = root(&mut parent, first);
        groups.entry(group).or_default().push(index);
    }
    groups.into_values().collect()
}

/// The month buckets a value is compared in: every month a day, week or
/// month touches; for a year, the year alone (month 0).
fn bucket_keys(value: &DateValue) -> impl Iterator<Item = (i16, i8)> + Clone {
    bucket_keys_ending(value, value.last_day())
}

/// [`bucket_keys`], given the value's last day ([`DateValue::last_day`]).
fn bucket_keys_ending(
    value: &DateValue,
    last_day: jiff::civil::Date,
) -> impl Iterator<Item = (i16, i8)> + Clone {
    if value.is_wide() {
        return [Some((value.year(), 0)), None].into_iter().flatten();
    }
    let first = (value.start.year(), value.start.month());
    let last = (last_day.year(), last_day.month());
    [Some(first), (first != last).then_some(last)]
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests;
