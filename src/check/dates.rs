//! Dates that disagree: two sources dating what reads as the same event
//! differently, editorial events whose cited sources never mention their
//! date, and numeric dates ("04/05/2010") that read two ways when neither
//! the site nor the source sets `date_order`.

use super::block_line;
use crate::diag::Diagnostic;
use crate::extract::dates::{DateValue, MONTH_NAMES};
use crate::link::Site;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Words too common in news sentences to say two sentences tell one event.
const COMMON: &[&str] = &[
    "about",
    "after",
    "also",
    "been",
    "before",
    "being",
    "could",
    "during",
    "from",
    "have",
    "into",
    "last",
    "more",
    "other",
    "over",
    "said",
    "says",
    "since",
    "some",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "told",
    "until",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Sentences sharing fewer content words than this are never taken for one event.
const MIN_SHARED: usize = 4;
/// Share of the shorter sentence's content words both must have.
const MIN_OVERLAP: f32 = 0.6;
/// Dates further apart than this are taken for different events, not a disagreement.
const MAX_DAYS_APART: i32 = 400;
/// A word in more citing sentences than this is no evidence of sameness.
const MAX_POSTING: usize = 50;

struct Dated<'a> {
    source: usize,
    block: usize,
    text: &'a str,
    value: DateValue,
    words: BTreeSet<String>,
}

/// Pairs of sentences from two sources that tell what looks like one event
/// with dates that do not overlap.
pub fn conflicts(site: &Site) -> Vec<Diagnostic> {
    let common: HashSet<&str> = COMMON.iter().copied().collect();
    let months: Vec<String> = MONTH_NAMES.iter().map(|m| m.to_lowercase()).collect();
    let mut dated: Vec<Dated> = Vec::new();
    for entry in &site.timeline {
        for citation in &entry.citations {
            let words = content_words(citation.sentence(site), &common, &months);
            dated.push(Dated {
                source: citation.source,
                block: citation.block,
                text: citation.date_text(site),
                value: entry.value,
                words,
            });
        }
    }
    let mut postings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, item) in dated.iter().enumerate() {
        for word in &item.words {
            postings.entry(word.as_str()).or_default().push(index);
        }
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for list in postings.values().filter(|l| l.len() <= MAX_POSTING) {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if dated[a].source != dated[b].source {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    let mut findings = Vec::new();
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    for ((a, b), count) in shared {
        let (first, second) = (&dated[a], &dated[b]);
        let smaller = first.words.len().min(second.words.len()).max(1);
        if count < MIN_SHARED || (count as f32) < MIN_OVERLAP * smaller as f32 {
            continue;
        }
        if first.value.overlaps(&second.value) {
            continue;
        }
        let apart = first
            .value
            .start
            .until(second.value.start)
            .map_or(i32::MAX, |span| span.get_days().abs());
        if apart > MAX_DAYS_APART || !reported.insert((first.source, second.source)) {
            continue;
        }
        // Reported on the later of the two in site order, pointing at the other.
        let (here, there) = if (first.source, first.block) > (second.source, second.block) {
            (first, second)
        } else {
            (second, first)
        };
        let there_source = &site.sources[there.source];
        let there_place = match block_line(site, there.source, there.block) {
            Some(line) => format!("{}:{line}", there_source.path.display()),
            None => there_source.path.display().to_string(),
        };
        findings.push(
            Diagnostic::warning(
                &site.sources[here.source].path,
                block_line(site, here.source, here.block),
                format!(
                    "{} here, but {} in {there_place}, for what reads as the same event",
                    quoted_date(here.text, &here.value),
                    quoted_date(there.text, &there.value),
                ),
            )
            .hint(
                "if one is wrong, correct that source's `date` in its sidecar (relative dates count \
                 from it), or state the right date in an event in content/events/ citing both",
            ),
        );
    }
    findings
}

/// Editorial events that cite sources none of which mentions the event's date.
pub fn unsupported_events(site: &Site) -> Vec<Diagnostic> {
    let events = site
        .timeline
        .iter()
        .filter_map(|entry| entry.editorial.as_ref().map(|event| (entry.value, event)))
        .chain(site.eras.iter().map(|era| (era.start, &era.event)));
    let mut findings = Vec::new();
    for (value, event) in events {
        if event.sources.is_empty() {
            continue;
        }
        let mentioned = event.sources.iter().any(|&source| {
            let source = &site.sources[source];
            source.dates.iter().any(|d| d.value.overlaps(&value))
                || source
                    .date
                    .is_some_and(|d| DateValue::day(d).overlaps(&value))
        });
        if !mentioned {
            findings.push(
                Diagnostic::warning(
                    &event.file.path,
                    None,
                    format!("none of the sources it cites mentions {}", value.label()),
                )
                .hint("check the event's `date`, or cite the source that gives it"),
            );
        }
    }
    findings
}

/// "8 March 2021", or "last Monday" (1 March 2021) when the words are not the date.
fn quoted_date(text: &str, value: &DateValue) -> String {
    let label = value.label();
    if text == label {
        format!("\"{text}\"")
    } else {
        format!("\"{text}\" ({label})")
    }
}

/// Lower-case words of four letters or more, without common words and month names.
fn content_words(sentence: &str, common: &HashSet<&str>, months: &[String]) -> BTreeSet<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !common.contains(w.as_str()) && !months.contains(w))
        .collect()
}

/// Numeric dates left off the timeline because their day and month could be
/// swapped and no `date_order` says which comes first.
pub fn ambiguous_numeric(site: &Site) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (index, source) in site.sources.iter().enumerate() {
        if source.date_order.is_some() {
            continue;
        }
        for (span, words) in crate::extract::dates::ambiguous_numeric_dates(&source.article) {
            findings.push(
                Diagnostic::warning(
                    &source.path,
                    block_line(site, index, span.block),
                    format!("\"{words}\" could be read day first or month first, so it was left off the timeline"),
                )
                .hint("add `date_order = \"day-month\"` or `date_order = \"month-day\"` to the source's .toml file (or to site.toml for every source)"),
            );
        }
    }
    findings
}
