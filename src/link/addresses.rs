//! People's addresses: the merged people, their extracted members and the
//! profiles in, one page id per person out (`people/ID/`).
//!
//! An address must depend only on the person it names, never on the order
//! the sources come in (which follows their dates), on how often a spelling
//! is used (which `keep` and `drop` lines change) or on other people. So:
//!
//! - a person with a profile is named by the profile (its file name, or its
//!   `slug`);
//! - anyone else by the fullest of their own names: the names the sources
//!   give that person, the one with the most words, then the most letters,
//!   then the first in alphabetical order of its slug;
//! - two people who want one address: a profile keeps it, and the others
//!   get `-2`, `-3`, ... in the order of their sorted names, which again
//!   depends on nothing but those people.

use super::people::MergedPerson;
use crate::diag::Diagnostic;
use crate::extract::Extracted;
use crate::load::{MarkdownFile, PersonMeta};
use crate::slug::{fold, slugify};
use std::collections::HashSet;

/// The page id of every merged person, in `merged` order; an empty id for a
/// person whose names have no letters or digits (they get no page).
pub(super) fn person_ids(
    merged: &[MergedPerson],
    extracted: &[Extracted],
    profiles: &[MarkdownFile<PersonMeta>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let wanted: Vec<String> = merged
        .iter()
        .map(
            |person| match person.profile.and_then(|at| profiles.get(at)) {
                Some(file) => file.id.clone(),
                None => slugify(&address_name(own_names(person, extracted))),
            },
        )
        .collect();
    // Who gets a contested address first: profiles, then by their own names.
    let keys: Vec<(bool, Vec<String>)> = merged
        .iter()
        .map(|person| {
            let mut names: Vec<String> = own_names(person, extracted).map(fold).collect();
            names.sort();
            names.dedup();
            (person.profile.is_none(), names)
        })
        .collect();
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| (&wanted[a], &keys[a]).cmp(&(&wanted[b], &keys[b])));
    let mut ids = vec![String::new(); merged.len()];
    let mut taken: HashSet<String> = HashSet::new();
    for at in order {
        if wanted[at].is_empty() {
            continue;
        }
        let profile = merged[at].profile.and_then(|index| profiles.get(index));
        ids[at] = free_id(&wanted[at], &mut taken, profile, diagnostics);
    }
    ids
}

/// `wanted`, or the first of `wanted-2`, `wanted-3`, ... no one has taken.
fn free_id(
    wanted: &str,
    taken: &mut HashSet<String>,
    profile: Option<&MarkdownFile<PersonMeta>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let mut id = wanted.to_string();
    if let (true, Some(file)) = (taken.contains(&id), profile) {
        diagnostics.push(
            Diagnostic::warning(&file.path, None, format!("another person already has the address /people/{wanted}/"))
                .hint("set a distinct `slug`, or add the other spelling to `aliases` if they are the same person"),
        );
    }
    let mut counter = 2;
    while taken.contains(&id) {
        id = format!("{wanted}-{counter}");
        counter += 1;
    }
    taken.insert(id.clone());
    id
}

/// The names the sources give `person` (each source's fullest form of it),
/// or their page name when no source names them.
fn own_names<'a>(
    person: &'a MergedPerson,
    extracted: &'a [Extracted],
) -> impl Iterator<Item = &'a str> + Clone {
    let found = person.members.iter().filter_map(|&(doc, local)| {
        let name = &extracted.get(doc)?.people.get(local)?.name;
        (!name.is_empty()).then_some(name.as_str())
    });
    let fallback = person.members.is_empty().then_some(person.name.as_str());
    found.chain(fallback)
}

/// The name an address is made from: the most words, then the most letters
/// and digits, then the first slug in alphabetical order. Neither the order
/// the names come in nor how often each is used matters.
pub fn address_name<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|name| {
            let slug = slugify(name);
            let words = slug.split('-').filter(|w| !w.is_empty()).count();
            let letters = slug.chars().filter(char::is_ascii_alphanumeric).count();
            (words, letters, std::cmp::Reverse(slug), name)
        })
        .max()
        .map(|(.., name)| name.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::address_name;

    #[test]
    fn the_fullest_name_wins_whatever_the_order() {
        let names = ["Rob Vance", "Robert Vance", "Vance", "Rob Vance"];
        assert_eq!(address_name(names.into_iter()), "Robert Vance");
        assert_eq!(address_name(names.into_iter().rev()), "Robert Vance");
    }

    #[test]
    fn more_words_win_over_more_letters() {
        let names = ["Ahmed al-Karimi", "Ahmed Nasir al-Karimi"];
        assert_eq!(address_name(names.into_iter()), "Ahmed Nasir al-Karimi");
    }

    #[test]
    fn a_tie_goes_to_the_first_slug_in_alphabetical_order() {
        let names = ["Jon Smyth", "Jan Smyth"];
        assert_eq!(address_name(names.into_iter()), "Jan Smyth");
        assert_eq!(address_name(names.into_iter().rev()), "Jan Smyth");
    }
}
