//! Finding known people's names in editorial text: the site's people in, an
//! Aho-Corasick matcher over every name and alias out.
//!
//! Only forms that belong to exactly one person are matched, and only at word
//! boundaries, so a surname shared by two people is never linked to either.

use super::Person;
use crate::extract::people::PersonKind;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the person it names.
    owners: Vec<usize>,
}

/// A name found in a text: the byte range and the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub person: usize,
}

impl NameMatcher {
    pub fn new(people: &[Person]) -> Self {
        let mut forms: HashMap<&str, Option<usize>> = HashMap::new();
        for (index, person) in people.iter().enumerate() {
            if person.kind != PersonKind::Subject {
                continue;
            }
            for form in std::iter::once(&person.name).chain(&person.aliases) {
                let form = form.trim();
                if form.chars().count() < 3 {
                    continue;
                }
                forms
                    .entry(form)
                    .and_modify(|owner| {
                        if *owner != Some(index) {
                            *owner = None;
                        }
                    })
                    .or_insert(Some(index));
            }
        }
        let mut patterns: Vec<(&str, usize)> = forms
            .into_iter()
            .filter_map(|(form, owner)| owner.map(|o| (form, o)))
            .collect();
        patterns.sort();
        if patterns.is_empty() {
            return NameMatcher::default();
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(form, _)| form))
            .ok();
        NameMatcher {
            automaton,
            owners: patterns.iter().map(|(_, owner)| *owner).collect(),
        }
    }

    /// Every name in `text`, left to right, at word boundaries.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .map(|m| NameMatch {
                start: m.start(),
                end: m.end(),
                person: self.owners[m.pattern().as_usize()],
            })
            .collect()
    }

    /// The distinct people named in `text`, in order of first mention.
    pub fn people_in(&self, text: &str) -> Vec<usize> {
        let mut seen = Vec::new();
        for found in self.find(text) {
            if !seen.contains(&found.person) {
                seen.push(found.person);
            }
        }
        seen
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
