//! Merging people across articles: the per-article [`DocPerson`]s plus the
//! editors' profiles in, one [`MergedPerson`] per real person out.
//!
//! Two names are merged when they fold to the same key (accents, particles
//! and case ignored). Editors steer the result with profiles (aliases, names
//! that are a different person) and the site-wide list of names that are not
//! people at all.

use crate::extract::people::{DocPerson, PersonKind};
use crate::slug::fold;

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

/// Merges the people of all articles (in `docs` order) with the profiles.
pub fn merge_people(
    docs: &[&[DocPerson]],
    profiles: &[Profile],
    rules: &MergeRules,
) -> Vec<MergedPerson> {
    let mut merged: Vec<MergedPerson> = profiles
        .iter()
        .enumerate()
        .map(|(index, profile)| MergedPerson {
            name: profile.name.clone(),
            aliases: profile.aliases.clone(),
            role: profile.role.clone(),
            kind: profile.kind.unwrap_or(PersonKind::Subject),
            profile: Some(index),
            members: Vec::new(),
        })
        .collect();
    let ignored: Vec<String> = rules.not_people.iter().map(|n| fold(n)).collect();
    for (doc_index, people) in docs.iter().enumerate() {
        for (person_index, person) in people.iter().enumerate() {
            let key = fold(&person.name);
            if ignored.contains(&key) {
                continue;
            }
            let found = merged
                .iter()
                .position(|m| fold(&m.name) == key || m.aliases.iter().any(|a| fold(a) == key));
            match found {
                Some(at) => {
                    let target = &mut merged[at];
                    target.members.push((doc_index, person_index));
                    if target.role.is_none() {
                        target.role = person.role.clone();
                    }
                }
                None => merged.push(MergedPerson {
                    name: person.name.clone(),
                    aliases: person.aliases.clone(),
                    role: person.role.clone(),
                    kind: person.kind,
                    profile: None,
                    members: vec![(doc_index, person_index)],
                }),
            }
        }
    }
    merged
}
