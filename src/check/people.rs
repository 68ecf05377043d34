//! People the tool could not decide on, and people the sources barely name.

use super::block_line;
use crate::diag::{nearest, one_of, Diagnostic};
use crate::extract::people::names::{given_key, surname_key};
use crate::extract::people::PersonKind;
use crate::link::{Person, Site};
use crate::slug::fold;
use std::collections::BTreeMap;

/// Where a person is first named: the source file and line, else the profile.
fn first_place(site: &Site, person: &Person) -> Option<(std::path::PathBuf, Option<usize>)> {
    if let Some(&(source, span)) = person.mentions.first() {
        let path = site.sources.get(source)?.path.clone();
        return Some((path, block_line(site, source, span.block)));
    }
    person.profile.as_ref().map(|p| (p.path.clone(), None))
}

/// True when a profile of either person says the other's name is someone else.
fn kept_apart(a: &Person, b: &Person) -> bool {
    let says = |person: &Person, other: &Person| {
        person.profile.as_ref().is_some_and(|profile| {
            profile.doc.meta.distinct.iter().any(|name| {
                std::iter::once(&other.name)
                    .chain(&other.aliases)
                    .any(|form| fold(form) == fold(name))
            })
        })
    };
    says(a, b) || says(b, a)
}

/// People left apart who may be one: a lone surname beside full names with
/// that surname, or two full names with one surname and similar given names.
pub fn possible_duplicates(site: &Site) -> Vec<Diagnostic> {
    let cast: Vec<(usize, &Person)> = site
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PersonKind::Subject)
        .collect();
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &(index, person) in &cast {
        let key = surname_key(&person.name);
        if !key.is_empty() {
            by_surname.entry(key).or_default().push(index);
        }
    }
    let mut findings = Vec::new();
    for members in by_surname.values().filter(|m| m.len() > 1) {
        findings.extend(bare_surnames_given_away(site, members));
        for &a in members {
            let person = &site.people[a];
            let given = given_key(&person.name);
            let candidates: Vec<&Person> = members
                .iter()
                .filter(|&&b| b != a)
                .map(|&b| &site.people[b])
                .filter(|other| !kept_apart(person, other))
                .filter(|other| match (&given, given_key(&other.name)) {
                    // A lone surname may be any of them.
                    (None, Some(_)) => true,
                    // Two full names: similar given names, reported once (from the first).
                    (Some(mine), Some(theirs)) => {
                        person.id < other.id && !nearest(mine, [theirs.as_str()], 1).is_empty()
                    }
                    _ => false,
                })
                .collect();
            if candidates.is_empty() {
                continue;
            }
            let Some((file, line)) = first_place(site, person) else {
                continue;
            };
            let names: Vec<&str> = candidates.iter().map(|p| p.name.as_str()).collect();
            let example = candidates[0];
            findings.push(
                Diagnostic::warning(
                    file,
                    line,
                    format!(
                        "`{}` may be the same person as {}",
                        person.name,
                        one_of(&names)
                    ),
                )
                .hint(format!(
                    "if they are one person, list \"{}\" in `aliases` of a profile of {} \
                     (`backstory new person \"{}\"`); if not, list it in `distinct`",
                    person.name, example.name, example.name
                )),
            );
        }
    }
    findings
}

/// Sources that name a person only by a surname other people share: the
/// tool gave the bare name to one of them, which may be the wrong one.
fn bare_surnames_given_away(site: &Site, members: &[usize]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for &index in members {
        let person = &site.people[index];
        let others: Vec<&str> = members
            .iter()
            .filter(|&&o| o != index && !kept_apart(person, &site.people[o]))
            .map(|&o| site.people[o].name.as_str())
            .collect();
        if others.is_empty() {
            continue;
        }
        let mut by_source: BTreeMap<usize, Vec<crate::extract::Span>> = BTreeMap::new();
        for &(source, span) in &person.mentions {
            by_source.entry(source).or_default().push(span);
        }
        for (source_index, spans) in by_source {
            let source = &site.sources[source_index];
            let words: Vec<&str> = spans
                .iter()
                .filter_map(|span| {
                    source
                        .article
                        .blocks
                        .get(span.block)?
                        .text
                        .get(span.start..span.end)
                })
                .collect();
            let bare = words.iter().all(|w| w.split_whitespace().count() == 1);
            let (Some(word), Some(first)) = (words.first(), spans.first()) else {
                continue;
            };
            if !bare {
                continue;
            }
            findings.push(
                Diagnostic::warning(
                    &source.path,
                    block_line(site, source_index, first.block),
                    format!(
                        "this text names only `{word}`, taken for {}, but {} share the surname",
                        person.name,
                        and_list(&others)
                    ),
                )
                .hint(format!(
                    "if the text means someone else, add \"{word}\" to `distinct` in a profile of {} \
                     and to `aliases` in a profile of the right person",
                    person.name
                )),
            );
        }
    }
    findings
}

/// Sources that name two people with one surname: a bare surname in them
/// may have gone to either.
pub fn shared_surnames(site: &Site) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (source_index, source) in site.sources.iter().enumerate() {
        let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for mention in &source.people {
            let person = &site.people[mention.person];
            if person.kind != PersonKind::Subject || person.name.split_whitespace().count() < 2 {
                continue;
            }
            let people = by_surname.entry(surname_key(&person.name)).or_default();
            if !people.contains(&mention.person) {
                people.push(mention.person);
            }
        }
        for (surname, people) in by_surname {
            if people.len() < 2 || surname.is_empty() || all_kept_apart(site, &people) {
                continue;
            }
            let first_block = source
                .people
                .iter()
                .filter(|m| people.contains(&m.person))
                .map(|m| m.span.block)
                .min();
            let names: Vec<&str> = people
                .iter()
                .map(|&p| site.people[p].name.as_str())
                .collect();
            let shown = site.people[people[0]]
                .name
                .split_whitespace()
                .last()
                .unwrap_or(&surname)
                .to_string();
            findings.push(
                Diagnostic::warning(
                    &source.path,
                    first_block.and_then(|b| block_line(site, source_index, b)),
                    format!(
                        "{} share the surname `{shown}` in this text",
                        and_list(&names)
                    ),
                )
                .hint(format!(
                    "check on the source's page that each bare `{shown}` links to the right person; \
                     if they are one person, merge them with `aliases` in a profile; if not, \
                     list the others in `distinct` of a profile of each to mark this reviewed"
                )),
            );
        }
    }
    findings
}

/// True when profiles keep every two of `people` apart with `distinct`:
/// an editor has told them apart, which is the review the warning asks for.
fn all_kept_apart(site: &Site, people: &[usize]) -> bool {
    people.iter().enumerate().all(|(i, &a)| {
        people[i + 1..]
            .iter()
            .all(|&b| kept_apart(&site.people[a], &site.people[b]))
    })
}

/// Bare surnames left unlinked: the text's own evidence ("Mr.", an
/// apposition) ruled people out but did not say which one it is.
pub fn unlinked(site: &Site) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (source_index, source) in site.sources.iter().enumerate() {
        for mention in &source.unlinked {
            let mut message = format!(
                "`{}` in paragraph {} is linked to no one: the text does not say which person it is",
                mention.words,
                mention.span.block + 1
            );
            if !mention.ruled_out.is_empty() {
                message.push_str(&format!(
                    " (not {}, whose profile or text says otherwise)",
                    and_list(
                        &mention
                            .ruled_out
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                    )
                ));
            }
            let candidates: Vec<&str> = mention.candidates.iter().map(String::as_str).collect();
            let hint = match candidates.first() {
                Some(example) => format!(
                    "if it is {}, say so in the sidecar: [[mention]] paragraph = {}, text = \"{}\", \
                     person = \"{example}\"; or give the person a profile with `sex`",
                    one_or(&candidates),
                    mention.span.block + 1,
                    mention.words
                ),
                None => format!(
                    "if it is someone the sources name in full, say who in the sidecar: [[mention]] \
                     paragraph = {}, text = \"{}\", person = \"FULL NAME\" (or \"nobody\")",
                    mention.span.block + 1,
                    mention.words
                ),
            };
            findings.push(
                Diagnostic::warning(
                    &source.path,
                    block_line(site, source_index, mention.span.block),
                    message,
                )
                .hint(hint),
            );
        }
    }
    findings
}

/// "A", "A or B", "A, B or C".
fn one_or(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// People of the story named once, with no role: often a word the finder
/// took for a name, or someone who needs a line of introduction.
pub fn named_once(site: &Site) -> Vec<Diagnostic> {
    site.people
        .iter()
        .filter(|p| {
            p.kind == PersonKind::Subject
                && p.mentions.len() == 1
                && p.role.is_none()
                && p.profile.is_none()
        })
        .filter_map(|person| {
            let (file, line) = first_place(site, person)?;
            Some(
                Diagnostic::warning(
                    file,
                    line,
                    format!("`{}` is named only once, with no role", person.name),
                )
                .hint(format!(
                    "if it is not a person, add \"{}\" to `not_people` under [people] in site.toml; \
                     otherwise give a role in a profile (`backstory new person \"{}\"`)",
                    person.name, person.name
                )),
            )
        })
        .collect()
}

/// "A and B", "A, B and C".
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
