//! Bare surnames that several people share, given to the right one: one
//! article's people (after the profile search) and the profiles in; each
//! bare-surname mention that carries evidence moved to the person the
//! evidence points at, or taken from everyone and listed as [`Unlinked`]
//! when the evidence rules the others out but does not pick one.
//!
//! The people who may own a bare "Paulson" are the article's full names
//! with that surname and the profiles with it. Evidence is what the text
//! writes beside the mention: an apposition ("Paulson, the hedge fund
//! manager,") picks the one whose role agrees; "Mr." or "Mrs."/"Ms."
//! rules out a person of the other sex, as a profile's `sex` or the text's
//! own "Mrs. Anne Frank" says it. A bare surname with no such evidence is
//! left as the article's reading order gave it (the nearest full name).

use super::roles::{apposition_after, role_near, roles_agree};
use super::search::ProfileIndex;
use crate::extract::people::names::surname_key;
use crate::extract::people::{lexicon::word_key, DocPerson, PersonKind};
use crate::extract::Span;
use crate::load::Sex;

/// A mention taken from everyone: the text does not say which person it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Unlinked {
    pub span: Span,
    /// The words as written ("Frank").
    pub words: String,
    /// The people it might have been, none of whom the text singles out.
    pub candidates: Vec<String>,
    /// The people the evidence ruled out, with why.
    pub ruled_out: Vec<String>,
}

/// Someone a bare surname may name.
struct Owner {
    name: String,
    /// The folded surname, worked out once.
    surname: String,
    doc: Option<usize>,
    roles: Vec<String>,
    sex: Option<Sex>,
}

/// Where a bare-surname mention should go.
enum Verdict {
    Stay,
    MoveTo(usize),
    Unlink(Vec<usize>, Vec<usize>),
}

/// Settles the bare-surname mentions of one article; see the module header.
pub fn settle_surnames(
    index: &ProfileIndex,
    blocks: &[&str],
    corrected: &[Span],
    people: &mut Vec<DocPerson>,
) -> Vec<Unlinked> {
    let owners = owners(index, blocks, people);
    if owners.is_empty() {
        return Vec::new();
    }
    let text_of = |s: &Span| blocks.get(s.block).and_then(|t| t.get(s.start..s.end));
    // (person, mention, verdict, sex the mention's honorific gives)
    let mut verdicts: Vec<(usize, Span, Verdict, Option<Sex>)> = Vec::new();
    for (person_index, person) in people.iter().enumerate() {
        for &span in &person.mentions {
            let Some(words) = text_of(&span) else {
                continue;
            };
            if words.split_whitespace().count() != 1 || corrected.contains(&span) {
                continue;
            }
            let key = surname_key(words);
            let mine: Vec<usize> = (0..owners.len())
                .filter(|&o| owners[o].surname == key)
                .collect();
            let text = blocks[span.block];
            let sex = honorific_sex(&text[..span.start]);
            let role = apposition_after(&text[span.end..]);
            if mine.is_empty() || (sex.is_none() && role.is_none()) {
                continue;
            }
            let current = mine.iter().copied().find(|&o| {
                owners[o].doc == Some(person_index)
                    || (owners[o].doc.is_none() && person.name == owners[o].name)
            });
            let verdict = judge(&owners, &mine, current, sex, role.as_deref());
            verdicts.push((person_index, span, verdict, sex));
        }
    }
    unlink_mixed_honorifics(&owners, &mut verdicts);
    apply(&owners, people, verdicts, blocks)
}

/// The people of the article with a full name, and the profiles.
fn owners(index: &ProfileIndex, blocks: &[&str], people: &[DocPerson]) -> Vec<Owner> {
    let mut owners = Vec::new();
    let mut profiles_seen = vec![false; index.profiles.len()];
    for (doc, person) in people.iter().enumerate() {
        if person.kind != PersonKind::Subject || person.name.split_whitespace().count() < 2 {
            continue;
        }
        let profile = std::iter::once(&person.name)
            .chain(&person.aliases)
            .find_map(|form| index.profile_named(form));
        let mut owner = Owner {
            surname: surname_key(&person.name),
            name: person.name.clone(),
            doc: Some(doc),
            roles: Vec::new(),
            sex: None,
        };
        if let Some(p) = profile {
            profiles_seen[p] = true;
            owner.roles.extend(index.profiles[p].role.clone());
            owner.sex = index.profiles[p].sex;
        }
        for span in &person.mentions {
            let Some(text) = blocks.get(span.block) else {
                continue;
            };
            let full = text
                .get(span.start..span.end)
                .is_some_and(|w| w.split_whitespace().count() >= 2);
            if full {
                owner.roles.extend(role_near(text, span.start, span.end));
                owner.sex = owner.sex.or(honorific_sex(&text[..span.start]));
            }
        }
        owners.push(owner);
    }
    for (p, facts) in index.profiles.iter().enumerate() {
        if !profiles_seen[p] && facts.name.split_whitespace().count() >= 2 {
            owners.push(Owner {
                surname: surname_key(&facts.name),
                name: facts.name.clone(),
                doc: None,
                roles: facts.role.iter().cloned().collect(),
                sex: facts.sex,
            });
        }
    }
    owners
}

/// The verdict on one mention from its honorific's sex and apposition.
fn judge(
    owners: &[Owner],
    mine: &[usize],
    current: Option<usize>,
    sex: Option<Sex>,
    role: Option<&str>,
) -> Verdict {
    let (fits, ruled_out): (Vec<usize>, Vec<usize>) = mine
        .iter()
        .partition(|&&o| sex.is_none() || owners[o].sex.is_none() || owners[o].sex == sex);
    let mut fits = fits;
    if let Some(role) = role {
        let agree: Vec<usize> = fits
            .iter()
            .copied()
            .filter(|&o| owners[o].roles.iter().any(|r| roles_agree(r, role)))
            .collect();
        if agree.len() == 1 {
            fits = agree;
        }
    }
    match fits.as_slice() {
        [only] if Some(*only) == current => Verdict::Stay,
        [only] => Verdict::MoveTo(*only),
        _ if current.is_some_and(|c| fits.contains(&c)) => Verdict::Stay,
        _ => Verdict::Unlink(fits, ruled_out),
    }
}

/// "Mr. Frank … Mrs. Frank": when one person of unknown sex would get
/// mentions with honorifics of both sexes, they are at least two people
/// and the text does not say which is which: all those mentions are left
/// unlinked.
fn unlink_mixed_honorifics(owners: &[Owner], verdicts: &mut [(usize, Span, Verdict, Option<Sex>)]) {
    for (owner, facts) in owners.iter().enumerate() {
        if facts.sex.is_some() {
            continue;
        }
        let goes_here = |v: &(usize, Span, Verdict, Option<Sex>)| match v.2 {
            Verdict::MoveTo(o) => o == owner,
            Verdict::Stay => facts.doc == Some(v.0),
            Verdict::Unlink(..) => false,
        };
        let sexes: Vec<Sex> = verdicts
            .iter()
            .filter(|v| goes_here(v))
            .filter_map(|v| v.3)
            .collect();
        let mixed = sexes.contains(&Sex::Female) && sexes.contains(&Sex::Male);
        if mixed {
            for verdict in verdicts.iter_mut().filter(|v| v.3.is_some()) {
                if goes_here(verdict) {
                    verdict.2 = Verdict::Unlink(vec![owner], Vec::new());
                }
            }
        }
    }
}

/// Moves the mentions as the verdicts say; returns the ones taken from everyone.
fn apply(
    owners: &[Owner],
    people: &mut Vec<DocPerson>,
    verdicts: Vec<(usize, Span, Verdict, Option<Sex>)>,
    blocks: &[&str],
) -> Vec<Unlinked> {
    let mut unlinked = Vec::new();
    let mut created: Vec<Option<usize>> = vec![None; owners.len()];
    for (from, span, verdict, _) in verdicts {
        let target = match verdict {
            Verdict::Stay => continue,
            Verdict::MoveTo(owner) => Some(owner),
            Verdict::Unlink(fits, ruled_out) => {
                let names = |list: &[usize]| list.iter().map(|&o| owners[o].name.clone()).collect();
                unlinked.push(Unlinked {
                    span,
                    words: blocks[span.block][span.start..span.end].to_string(),
                    candidates: names(&fits),
                    ruled_out: names(&ruled_out),
                });
                None
            }
        };
        people[from].mentions.retain(|m| *m != span);
        let Some(owner) = target else { continue };
        let at = match owners[owner].doc.or(created[owner]) {
            Some(at) => at,
            None => {
                people.push(DocPerson {
                    name: owners[owner].name.clone(),
                    aliases: Vec::new(),
                    role: None,
                    kind: PersonKind::Subject,
                    mentions: Vec::new(),
                });
                created[owner] = Some(people.len() - 1);
                people.len() - 1
            }
        };
        let words = &blocks[span.block][span.start..span.end];
        let person = &mut people[at];
        if !person.aliases.iter().any(|a| a == words) && person.name != words {
            person.aliases.push(words.to_string());
        }
        person.mentions.push(span);
        person.mentions.sort();
    }
    unlinked.sort_by_key(|u| u.span);
    unlinked
}

/// The sex an honorific right before a name gives ("Mr." -> male).
pub(super) fn honorific_sex(before: &str) -> Option<Sex> {
    if !before.ends_with(' ') {
        return None;
    }
    let word = before.split_whitespace().next_back()?;
    match word_key(word).as_str() {
        "mr" | "mister" => Some(Sex::Male),
        "mrs" | "ms" | "miss" => Some(Sex::Female),
        _ => None,
    }
}
