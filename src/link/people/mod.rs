//! Merging people across articles: the per-article [`DocPerson`]s plus the
//! editors' profiles in, one [`MergedPerson`] per real person out.
//!
//! Two full names merge when they fold to the same key (accents, particles
//! and case ignored) or when their surnames match and their given names agree
//! ("Pat"/"Patrick", "Mohammed Shiaa Al-Sudani"/"Mohammed al-Sudani"). A lone
//! surname from an article that never gave the full name joins the one
//! person of the story's cast with that surname, and stays apart when there
//! are several. Editors steer the result with profiles (aliases force a
//! merge, `distinct` names prevent one) and the site-wide list of names that
//! are not people at all. Lookups go through indexes by folded form and by
//! surname, so an archive of thousands of articles is not compared pairwise.

pub mod corrections;
pub mod roles;
pub mod search;
pub mod surnames;

pub use surnames::Unlinked;

use crate::extract::people::names::{surname_key, NameKeys};
use crate::extract::people::{DocPerson, PersonKind};
use crate::slug::fold;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// An editor's profile from `content/people/*.md`.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Slug of the profile file; becomes the person's page id.
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub kind: Option<PersonKind>,
    /// Names that look like this person but are someone else.
    pub distinct: Vec<String>,
}

/// What the people passes read of a profile file.
pub fn facts_of(file: &crate::load::MarkdownFile<crate::load::PersonMeta>) -> search::ProfileFacts {
    let meta = &file.doc.meta;
    search::ProfileFacts {
        name: meta.name.clone(),
        forms: std::iter::once(&meta.name)
            .chain(&meta.aliases)
            .cloned()
            .collect(),
        role: meta.role.clone(),
        sex: meta.sex,
    }
}

/// The people passes of one article that read the profiles, in order: the
/// profiles' names searched for ([`search`]), bare shared surnames settled
/// ([`surnames`]), roles read in full ([`roles`]). `corrected` are the
/// spans the editor corrected, which stay as they are. Returns the mentions
/// left unlinked.
pub fn settle(
    index: &search::ProfileIndex,
    blocks: &[&str],
    corrected: &[crate::extract::Span],
    people: &mut Vec<DocPerson>,
) -> Vec<Unlinked> {
    search::add_profile_mentions(index, blocks, people, corrected);
    let unlinked = surnames::settle_surnames(index, blocks, corrected, people);
    people.retain(|p| !p.mentions.is_empty() || p.kind != PersonKind::Subject);
    for person in people.iter_mut() {
        let read = person.mentions.iter().find_map(|span| {
            let text = blocks.get(span.block)?;
            roles::role_near(text, span.start, span.end)
        });
        person.role = read.or_else(|| person.role.as_deref().map(roles::canonical));
    }
    unlinked
}

/// Site-wide rules from `site.toml` (`[people]`).
#[derive(Debug, Clone, Default)]
pub struct MergeRules {
    /// Names that are never people ("Mother Jones").
    pub not_people: Vec<String>,
}

/// One real person across the whole site.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedPerson {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub kind: PersonKind,
    /// Index of the editor's profile, if one matched.
    pub profile: Option<usize>,
    /// `(article index, index into that article's people)` of every member.
    pub members: Vec<(usize, usize)>,
}

/// A person being assembled from profiles and article people.
#[derive(Debug, Default)]
struct Group {
    profile: Option<usize>,
    /// Full names seen, each a candidate for the page name.
    names: Vec<String>,
    /// Every surface form, in order of first appearance.
    forms: Vec<String>,
    /// For each form of two words or more, its name keys (kept beside the
    /// forms so a lookup by surname does not recompute them for every group).
    keys: Vec<Option<NameKeys>>,
    roles: Vec<String>,
    kinds: Vec<PersonKind>,
    members: Vec<(usize, usize)>,
    /// Folded names that must never join this group.
    distinct: HashSet<String>,
}

impl Group {
    fn is_cast(&self) -> bool {
        self.profile.is_some() || self.kinds.contains(&PersonKind::Subject)
    }

    fn push_form(&mut self, form: &str) {
        self.forms.push(form.to_string());
        self.keys
            .push((form.split_whitespace().count() >= 2).then(|| NameKeys::of(form)));
    }
}

/// Indexes over the groups: by folded surface form and by folded surname.
#[derive(Default)]
struct Groups {
    groups: Vec<Group>,
    by_form: HashMap<String, Vec<usize>>,
    by_surname: HashMap<String, Vec<usize>>,
}

impl Groups {
    fn index_form(&mut self, at: usize, form: &str) {
        let entry = self.by_form.entry(fold(form)).or_default();
        if !entry.contains(&at) {
            entry.push(at);
        }
        if form.split_whitespace().count() >= 2 {
            let entry = self.by_surname.entry(surname_key(form)).or_default();
            if !entry.contains(&at) {
                entry.push(at);
            }
        }
    }

    fn allowed(&self, at: usize, person: &DocPerson) -> bool {
        let distinct = &self.groups[at].distinct;
        distinct.is_empty()
            || (!distinct.contains(&fold(&person.name))
                && !person.aliases.iter().any(|a| distinct.contains(&fold(a))))
    }

    /// The group a full name belongs to, if any.
    fn find_for_full_name(&self, prepared: &Prepared) -> Option<usize> {
        let person = prepared.person;
        // A profile that lists the form wins over any detected group.
        let mut exact: Vec<usize> = prepared
            .folded_forms
            .iter()
            .filter_map(|form| self.by_form.get(form))
            .flatten()
            .copied()
            .filter(|&at| self.allowed(at, person))
            .collect();
        exact.sort_by_key(|&at| (self.groups[at].profile.is_none(), at));
        if let Some(&at) = exact.first() {
            return Some(at);
        }
        let keys = prepared.keys.as_ref()?;
        let surname = keys.surname();
        self.by_surname
            .get(surname)?
            .iter()
            .copied()
            .filter(|&at| self.allowed(at, person))
            .find(|&at| {
                // Every full form of the group with this surname must agree
                // (a nickname such as "Abu Taqwa" has another surname).
                self.groups[at]
                    .keys
                    .iter()
                    .flatten()
                    .filter(|form| form.surname() == surname)
                    .all(|form| form.agree(keys))
            })
    }

    /// The group a lone surname belongs to: one it was already seen in, or the
    /// only member of the cast with that surname.
    fn find_for_lone_name(&self, prepared: &Prepared) -> Option<usize> {
        let person = prepared.person;
        let known: Vec<usize> = self
            .by_form
            .get(&prepared.folded_forms[0])
            .into_iter()
            .flatten()
            .copied()
            .filter(|&at| self.groups[at].is_cast() && self.allowed(at, person))
            .collect();
        if let [only] = known.as_slice() {
            return Some(*only);
        }
        if known.len() > 1 {
            return None;
        }
        let cast: Vec<usize> = self
            .by_surname
            .get(&prepared.surname)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&at| self.groups[at].is_cast() && self.allowed(at, person))
            .collect();
        match cast.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    fn add(&mut self, at: usize, member: (usize, usize), person: &DocPerson) {
        let group = &mut self.groups[at];
        group.members.push(member);
        group.names.push(person.name.clone());
        group.kinds.push(person.kind);
        if let Some(role) = &person.role {
            group.roles.push(role.clone());
        }
        let mut new_forms = Vec::new();
        for form in std::iter::once(&person.name).chain(&person.aliases) {
            if !group.forms.contains(form) {
                group.push_form(form);
                new_forms.push(form.clone());
            }
        }
        for form in new_forms {
            self.index_form(at, &form);
        }
    }
}

/// What the merge asks of one article's person, worked out for all of them
/// at once and in parallel, so that the merge itself (one person after
/// another, in order) only looks things up.
struct Prepared<'a> {
    /// `(article index, index into that article's people)`.
    member: (usize, usize),
    person: &'a DocPerson,
    /// The folded name, then (for a full name) each folded alias of two
    /// words or more: the forms looked up by.
    folded_forms: Vec<String>,
    /// A full name's keys, for a lookup by surname.
    keys: Option<NameKeys>,
    /// A lone name's surname key.
    surname: String,
}

impl<'a> Prepared<'a> {
    fn of(member: (usize, usize), person: &'a DocPerson) -> Self {
        let full = person.name.split_whitespace().count() >= 2;
        let mut folded_forms = vec![fold(&person.name)];
        if full {
            folded_forms.extend(
                person
                    .aliases
                    .iter()
                    .filter(|a| a.split_whitespace().count() >= 2)
                    .map(|a| fold(a)),
            );
        }
        Prepared {
            member,
            person,
            folded_forms,
            keys: full.then(|| NameKeys::of(&person.name)),
            surname: if full {
                String::new()
            } else {
                surname_key(&person.name)
            },
        }
    }

    fn is_full_name(&self) -> bool {
        self.keys.is_some()
    }
}

/// Merges the people of all articles (in `docs` order) with the profiles.
pub fn merge_people(
    docs: &[&[DocPerson]],
    profiles: &[Profile],
    rules: &MergeRules,
) -> Vec<MergedPerson> {
    let mut groups = Groups::default();
    for (index, profile) in profiles.iter().enumerate() {
        let at = groups.groups.len();
        let mut group = Group {
            profile: Some(index),
            distinct: profile.distinct.iter().map(|d| fold(d)).collect(),
            ..Group::default()
        };
        for form in std::iter::once(&profile.name).chain(&profile.aliases) {
            group.push_form(form);
        }
        groups.groups.push(group);
        for form in std::iter::once(&profile.name).chain(&profile.aliases) {
            groups.index_form(at, form);
        }
    }
    let ignored: HashSet<String> = rules.not_people.iter().map(|n| fold(n)).collect();
    let people: Vec<((usize, usize), &DocPerson)> = docs
        .iter()
        .enumerate()
        .flat_map(|(doc, people)| {
            people
                .iter()
                .enumerate()
                .map(move |(index, person)| ((doc, index), person))
        })
        .collect();
    let prepared: Vec<Prepared> = people
        .into_par_iter()
        .filter(|(_, person)| !person.name.is_empty())
        .map(|(member, person)| Prepared::of(member, person))
        .filter(|prepared| !ignored.contains(&prepared.folded_forms[0]))
        .collect();
    let (full, lone): (Vec<_>, Vec<_>) = prepared.iter().partition(|p| p.is_full_name());
    // Full names first, so a lone surname can find its full name in any article.
    for prepared in full {
        let at = groups.find_for_full_name(prepared).unwrap_or_else(|| {
            groups.groups.push(Group::default());
            groups.groups.len() - 1
        });
        groups.add(at, prepared.member, prepared.person);
    }
    for prepared in lone {
        let at = groups.find_for_lone_name(prepared).unwrap_or_else(|| {
            groups.groups.push(Group::default());
            groups.groups.len() - 1
        });
        groups.add(at, prepared.member, prepared.person);
    }
    let mut merged: Vec<(Option<(usize, usize)>, MergedPerson)> = groups
        .groups
        .into_iter()
        .map(|mut group| {
            group.members.sort();
            (group.members.first().copied(), finish(group, profiles))
        })
        .collect();
    // Profiles first (in their order), then people in order of first appearance.
    merged.sort_by_key(|(first, person)| (person.profile.is_none(), person.profile, *first));
    merged.into_iter().map(|(_, person)| person).collect()
}

/// Picks the page name, role and kind of a finished group.
fn finish(group: Group, profiles: &[Profile]) -> MergedPerson {
    let profile = group.profile.and_then(|index| profiles.get(index));
    let name = profile
        .map(|p| p.name.clone())
        .or_else(|| best_name(&group.names).map(|name| cased(&name)))
        .unwrap_or_default();
    let aliases = group
        .forms
        .iter()
        .filter(|form| **form != name)
        .cloned()
        .collect();
    let role = profile
        .and_then(|p| p.role.clone())
        .or_else(|| best_role(&group.roles));
    let kind = profile.and_then(|p| p.kind).unwrap_or_else(|| {
        if group.kinds.is_empty() || group.kinds.contains(&PersonKind::Subject) {
            PersonKind::Subject
        } else if group.kinds.contains(&PersonKind::Author) {
            PersonKind::Author
        } else {
            PersonKind::Photographer
        }
    });
    MergedPerson {
        name,
        aliases,
        role,
        kind,
        profile: group.profile,
        members: group.members,
    }
}

/// The best full form: capitalised, most words, most frequent, first seen.
fn best_name(names: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize, usize)> = Vec::new();
    for (order, name) in names.iter().enumerate() {
        match counts.iter_mut().find(|(n, _, _)| *n == name) {
            Some(entry) => entry.1 += 1,
            None => counts.push((name, 1, order)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(name, count, order)| {
            let well_formed = name
                .split_whitespace()
                .filter(|w| w.chars().count() > 3)
                .all(|w| w.chars().any(char::is_uppercase));
            let words = name.split_whitespace().count();
            (well_formed, words, *count, std::cmp::Reverse(*order))
        })
        .map(|(name, _, _)| name.clone())
}

/// A name written all in one case, as photo credits often are ("thaier
/// al-sudani", "JOHN MOORE"), with a capital at the start of each word and
/// of each hyphenated part, except particles after the first word ("Thaier
/// al-Sudani", "Ana de la Cruz"), and after a one-letter prefix ("O'Brien").
/// A name with both cases is the writer's and is left as it is.
fn cased(name: &str) -> String {
    let has = |test: fn(char) -> bool| name.chars().any(test);
    if has(char::is_uppercase) && has(char::is_lowercase) {
        return name.to_string();
    }
    let lower = name.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for (index, word) in lower.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        for (part_index, part) in word.split('-').enumerate() {
            if part_index > 0 {
                out.push('-');
            }
            let particle = crate::extract::people::lexicon::is_glued_particle(part);
            let first_of_name = index == 0 && part_index == 0;
            if particle && !first_of_name {
                out.push_str(part);
                continue;
            }
            out.push_str(&capitalised(part));
        }
    }
    out
}

/// `part` with its first letter in capitals, and the letter after a
/// one-letter prefix and an apostrophe too ("o'brien" -> "O'Brien").
fn capitalised(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut chars = part.chars().peekable();
    let mut at_start = true;
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if at_start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            at_start = false;
            letters += 1;
            continue;
        }
        out.push(c);
        if c.is_alphabetic() {
            letters += 1;
        }
        if matches!(c, '\'' | '’')
            && letters == 1
            && chars.peek().is_some_and(|n| n.is_alphabetic())
        {
            at_start = true;
        }
    }
    out
}

/// The most informative role: most frequent, then a title over a plain noun,
/// then longest. Spellings of one title count together ("Sen.", "senator"
/// and "Senator"), and the title is shown written out, in capitals when any
/// article writes it so ("Senator").
fn best_role(roles: &[String]) -> Option<String> {
    let mut counts: Vec<(String, &String, usize)> = Vec::new();
    for role in roles {
        let key = role_key(role);
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(entry) => {
                entry.2 += 1;
                // The capitalised spelling, then the longer (written out) one.
                let rank = |r: &str| (r.chars().next().is_some_and(char::is_uppercase), r.len());
                if rank(role) > rank(entry.1) {
                    entry.1 = role;
                }
            }
            None => counts.push((key, role, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, role, count)| {
            let title = role.chars().next().is_some_and(char::is_uppercase);
            (*count, title, role.len())
        })
        .map(|(_, role, _)| written_out(role))
}

/// Abbreviated titles and the words they stand for.
const TITLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Sen.", "Senator"),
    ("Rep.", "Representative"),
    ("Gov.", "Governor"),
    ("Gen.", "General"),
    ("Lt.", "Lieutenant"),
    ("Col.", "Colonel"),
    ("Maj.", "Major"),
    ("Capt.", "Captain"),
    ("Sgt.", "Sergeant"),
    ("Adm.", "Admiral"),
    ("Cmdr.", "Commander"),
    ("Brig.", "Brigadier"),
    ("Prof.", "Professor"),
    ("Supt.", "Superintendent"),
];

/// `role` with its abbreviated titles written out ("Sen." -> "Senator").
pub(crate) fn written_out(role: &str) -> String {
    role.split(' ')
        .map(|word| {
            TITLE_ABBREVIATIONS
                .iter()
                .find(|(short, _)| short.eq_ignore_ascii_case(word))
                .map_or(word, |(_, long)| long)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What two spellings of one title share: written out, folded.
pub(crate) fn role_key(role: &str) -> String {
    fold(&written_out(role))
}

#[cfg(test)]
mod tests;
