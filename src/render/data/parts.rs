//! Where the large exports go: the [`Site`] in; for `people.json` and
//! `timeline.json`, either the one file or the parts it is cut into, and
//! `data/index.json`, which lists the files that hold each export.
//!
//! Static hosts refuse files over 25 MiB (Cloudflare Pages) and a large
//! site's timeline export is hundreds of MB. An export that would pass
//! `[output] export_part_mib` (12 MiB: under the strictest host's limit,
//! with room for records longer than estimated) is written in parts instead: the timeline by year
//! (`data/timeline/2020.json`), people by the first letter of their id
//! (`data/people/a.json`); a part still over the budget is cut into
//! numbered pieces (`data/timeline/2020-2.json`). Each part has the
//! whole file's schema: a JSON list of the same records, in the same order.
//! Sizes are estimated from counts before anything is written, so the
//! choice never depends on a file already made.

use crate::link::Site;
use std::ops::Range;

/// About what a record costs besides its sentence (ids, URLs, field names).
const RECORD_BYTES: usize = 250;

/// One file of an export: its path under the output folder and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<T> {
    pub path: String,
    pub items: T,
}

/// Where the timeline export goes: entries by index range.
pub fn timeline_parts(site: &Site, budget: usize) -> Vec<Part<Range<usize>>> {
    let sizes: Vec<usize> = site
        .timeline
        .iter()
        .map(|entry| {
            entry
                .citations
                .iter()
                .map(|c| c.sentence_range.len() + RECORD_BYTES)
                .sum::<usize>()
                + RECORD_BYTES
        })
        .collect();
    if sizes.iter().sum::<usize>() <= budget {
        return vec![Part {
            path: "data/timeline.json".into(),
            items: 0..site.timeline.len(),
        }];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    while start < site.timeline.len() {
        let year = site.timeline[start].value.year();
        let end = start
            + site.timeline[start..]
                .iter()
                .take_while(|e| e.value.year() == year)
                .count();
        let pieces = pieces(&sizes[start..end], budget);
        let numbered = pieces.len() > 1;
        for (number, piece) in pieces.into_iter().enumerate() {
            let name = match numbered {
                true => format!("{year}-{}", number + 1),
                false => year.to_string(),
            };
            let items = start + piece.start..start + piece.end;
            parts.push(Part {
                path: format!("data/timeline/{name}.json"),
                items,
            });
        }
        start = end;
    }
    parts
}

/// Where the people export goes: people by index, in the site's order.
pub fn people_parts(site: &Site, budget: usize) -> Vec<Part<Vec<usize>>> {
    let size = |index: usize| {
        let person = &site.people[index];
        person.mentions.len() * (RECORD_BYTES + 150) + RECORD_BYTES
    };
    let all: Vec<usize> = (0..site.people.len()).collect();
    if all.iter().map(|&index| size(index)).sum::<usize>() <= budget {
        return vec![Part {
            path: "data/people.json".into(),
            items: all,
        }];
    }
    let mut by_initial: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for index in all {
        by_initial
            .entry(initial(&site.people[index].id))
            .or_default()
            .push(index);
    }
    let mut parts = Vec::new();
    for (initial, people) in by_initial {
        let sizes: Vec<usize> = people.iter().map(|&index| size(index)).collect();
        let pieces = pieces(&sizes, budget);
        let numbered = pieces.len() > 1;
        for (number, piece) in pieces.into_iter().enumerate() {
            let name = match numbered {
                true => format!("{initial}-{}", number + 1),
                false => initial.clone(),
            };
            parts.push(Part {
                path: format!("data/people/{name}.json"),
                items: people[piece].to_vec(),
            });
        }
    }
    parts
}

/// The part a person's id goes in: its first letter or digit, else `_`.
fn initial(id: &str) -> String {
    match id.chars().next() {
        Some(first) if first.is_ascii_alphanumeric() => first.to_ascii_lowercase().to_string(),
        _ => "_".to_string(),
    }
}

/// Consecutive runs of `sizes` of at most `budget` each (an item over the
/// budget alone in its run); one run for an empty list.
fn pieces(sizes: &[usize], budget: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let (mut start, mut total) = (0, 0);
    for (index, &size) in sizes.iter().enumerate() {
        if total + size > budget && index > start {
            runs.push(start..index);
            (start, total) = (index, 0);
        }
        total += size;
    }
    runs.push(start..sizes.len());
    runs
}

/// `data/index.json`: for each export, the files (relative to `data/`)
/// that hold its records, in order.
pub fn index_json(people: &[String], timeline: &[String], timelinejs: bool) -> String {
    let relative = |paths: &[String]| -> Vec<String> {
        paths
            .iter()
            .map(|p| p.trim_start_matches("data/").to_string())
            .collect()
    };
    let index = serde_json::json!({
        "sources": ["sources.json"],
        "people": relative(people),
        "timeline": relative(timeline),
        "timelinejs": if timelinejs { vec!["timelinejs.json"] } else { Vec::new() },
    });
    format!("{index:#}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_stay_under_the_budget() {
        assert_eq!(pieces(&[4, 4, 4, 4], 8), vec![0..2, 2..4]);
        assert_eq!(pieces(&[20, 1], 8), vec![0..1, 1..2]);
        assert_eq!(pieces(&[], 8), vec![0..0]);
        assert_eq!(pieces(&[3, 3], 8), vec![0..2]);
    }

    #[test]
    fn initials_are_letters_digits_or_an_underscore() {
        assert_eq!(initial("ana-lima"), "a");
        assert_eq!(initial("Zoe"), "z");
        assert_eq!(initial("3m"), "3");
        assert_eq!(initial("élan"), "_");
    }
}
