//! Grouping mentions into people within one article: accepted candidates in
//! text order in, one [`Cluster`] per person out.
//!
//! Full names open or join a person (names agree when surnames match and given
//! names are equal, short forms of each other or initials). Lone surnames,
//! possessives and "Mr. X" then join the person with that surname mentioned
//! most recently before them (or, failing that, first after them), so two
//! people sharing a surname each keep their own later mentions. A bracketed
//! nickname right after a name is an alias of it.

use super::candidates::Candidate;
use super::evidence::Evidence;
use super::lexicon::WordHasher;
use super::names::{full_names_agree, given_key, surname_key};
use super::PersonKind;
use crate::extract::Span;
use crate::slug::fold;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// A candidate with its evidence, as the finder saw it.
#[derive(Debug, Clone)]
pub struct Found {
    pub candidate: Candidate,
    pub evidence: Evidence,
    /// Index (in the same list) of the name this one is a bracketed nickname of.
    pub nickname_of: Option<usize>,
    /// The candidate is a photo credit written in the text.
    pub credit: bool,
    /// The candidate stands in a byline or sign-off ("By Jane Doe", "Write to Jane Doe at ...").
    pub byline: bool,
}

/// One person of the article being assembled.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Fixed display name (authors, photographers), else the fullest form seen.
    pub fixed_name: Option<String>,
    /// Surface forms in order of first use.
    pub forms: Vec<String>,
    pub role: Option<String>,
    pub kind: PersonKind,
    pub mentions: Vec<Span>,
    surname: String,
    folded_forms: Vec<String>,
}

impl Cluster {
    /// A person known before reading the body: a byline author or a photographer.
    pub fn fixed(name: &str, kind: PersonKind) -> Cluster {
        Cluster::fixed_with_keys(name, kind, &NameKeys::of(name))
    }

    /// [`Cluster::fixed`], with the name's keys already worked out.
    fn fixed_with_keys(name: &str, kind: PersonKind, keys: &NameKeys) -> Cluster {
        Cluster {
            fixed_name: Some(name.to_string()),
            forms: vec![name.to_string()],
            role: None,
            kind,
            mentions: Vec::new(),
            surname: keys.surname.clone(),
            folded_forms: vec![keys.folded.clone()],
        }
    }

    fn new(name: &str, kind: PersonKind, keys: &NameKeys) -> Cluster {
        Cluster {
            fixed_name: None,
            ..Cluster::fixed_with_keys(name, kind, keys)
        }
    }

    fn full_name(&self) -> &str {
        self.fixed_name.as_deref().unwrap_or_else(|| {
            self.forms
                .iter()
                .max_by_key(|form| (form.split_whitespace().count(), form.len()))
                .map_or("", String::as_str)
        })
    }

    /// Adds a mention; `folded` is the folded form of its text.
    fn add(&mut self, found: &Found, folded: &str) {
        let text = &found.candidate.text;
        if !self.forms.iter().any(|form| form == text) {
            self.forms.push(text.clone());
            self.folded_forms.push(folded.to_string());
        }
        self.mentions.push(Span {
            block: found.candidate.block,
            start: found.candidate.start,
            end: found.candidate.end,
        });
        if self.role.is_none() {
            self.role = found
                .candidate
                .title
                .clone()
                .or_else(|| found.evidence.role.clone());
        }
    }

    /// The full name of this person: fixed, or the form with the most words.
    pub fn name(&self) -> String {
        self.full_name().to_string()
    }

    /// The latest mention before `at`: pass-one mentions are in text order,
    /// so a binary search finds it; lone words are added in text order too.
    fn last_mention_before(&self, at: (usize, usize), pass_one: usize) -> Option<(usize, usize)> {
        let sorted = &self.mentions[..pass_one.min(self.mentions.len())];
        let before = sorted.partition_point(|span| (span.block, span.start) < at);
        let from_pass_one = before
            .checked_sub(1)
            .map(|i| (sorted[i].block, sorted[i].start));
        let from_pass_two = self.mentions[sorted.len()..]
            .last()
            .map(|span| (span.block, span.start))
            .filter(|&position| position < at);
        from_pass_one.max(from_pass_two)
    }

    fn first_mention(&self) -> Option<(usize, usize)> {
        self.mentions.first().map(|s| (s.block, s.start))
    }
}

/// The folded form and the surname key of a name's text.
struct NameKeys {
    folded: String,
    surname: String,
}

impl NameKeys {
    fn of(text: &str) -> Self {
        NameKeys {
            folded: fold(text),
            surname: surname_key(text),
        }
    }
}

/// The keys of each candidate of `found`, worked out once per distinct
/// text: an article names the same few people over and over.
fn keys_of_each(found: &[Found]) -> Vec<Rc<NameKeys>> {
    let mut by_text: KeyMap<&str, Rc<NameKeys>> = KeyMap::default();
    found
        .iter()
        .map(|item| {
            let text = item.candidate.text.as_str();
            by_text
                .entry(text)
                .or_insert_with(|| Rc::new(NameKeys::of(text)))
                .clone()
        })
        .collect()
}

/// A map keyed by text: the keys are short and not chosen by an attacker,
/// so the word lists' cheap hash does here too.
type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Where to look a name up: folded form -> people, folded surname -> people.
#[derive(Default)]
struct Lookup {
    by_form: KeyMap<String, Vec<usize>>,
    by_surname: KeyMap<String, Vec<usize>>,
}

impl Lookup {
    /// Files person `at` under its forms and surname. Called after every
    /// mention, so a key already filed is looked up, not copied again.
    fn register(&mut self, at: usize, cluster: &Cluster) {
        for form in &cluster.folded_forms {
            file(&mut self.by_form, form, at);
        }
        file(&mut self.by_surname, &cluster.surname, at);
    }

    fn named(&self, folded: &str) -> &[usize] {
        self.by_form.get(folded).map_or(&[], Vec::as_slice)
    }

    fn with_surname(&self, surname: &str) -> &[usize] {
        self.by_surname.get(surname).map_or(&[], Vec::as_slice)
    }
}

/// Adds `at` to the people filed under `key`, once.
fn file(map: &mut KeyMap<String, Vec<usize>>, key: &str, at: usize) {
    match map.get_mut(key) {
        Some(people) if !people.contains(&at) => people.push(at),
        Some(_) => {}
        None => {
            map.insert(key.to_string(), vec![at]);
        }
    }
}

/// Groups `found` (in text order) into people, starting from `clusters`
/// (authors and credited photographers known beforehand).
pub fn resolve(found: &[Found], mut clusters: Vec<Cluster>) -> Vec<Cluster> {
    let mut lookup = Lookup::default();
    for (at, cluster) in clusters.iter().enumerate() {
        lookup.register(at, cluster);
    }
    let keys = keys_of_each(found);
    // A full name shown to be a person anywhere in the text is one
    // everywhere in it, before that mention too.
    let mut owner: Vec<Option<usize>> = vec![None; found.len()];
    join_full_names(found, &keys, &mut clusters, &mut lookup, &mut owner);
    let pass_one: Vec<usize> = clusters.iter().map(|c| c.mentions.len()).collect();
    join_lone_words(
        found,
        &keys,
        &pass_one,
        &mut clusters,
        &mut lookup,
        &mut owner,
    );
    clusters
}

/// Pass 1: full names, in order, and the nicknames that follow them; each
/// joins the person it names or agrees with, or starts one on evidence.
fn join_full_names(
    found: &[Found],
    keys: &[Rc<NameKeys>],
    clusters: &mut Vec<Cluster>,
    lookup: &mut Lookup,
    owner: &mut [Option<usize>],
) {
    let proven: std::collections::HashSet<&str> = found
        .iter()
        .zip(keys)
        .filter(|(item, _)| {
            item.candidate.word_count() >= 2 && item.evidence.supports_full_name(&item.candidate)
        })
        .map(|(_, keys)| keys.folded.as_str())
        .collect();
    let used_alone = surnames_used_alone(found, keys);
    for (index, item) in found.iter().enumerate() {
        if item.candidate.word_count() < 2 || item.nickname_of.is_some() {
            continue;
        }
        let item_keys = &keys[index];
        let known = lookup.named(&item_keys.folded).first().copied();
        let agreeing = || {
            lookup
                .with_surname(&item_keys.surname)
                .iter()
                .copied()
                .find(|&at| {
                    let c = &clusters[at];
                    c.kind != PersonKind::Photographer
                        && full_names_agree(c.full_name(), &item.candidate.text)
                })
        };
        let target = if item.credit {
            known.or_else(|| {
                clusters.push(Cluster::fixed_with_keys(
                    &item.candidate.text,
                    PersonKind::Photographer,
                    item_keys,
                ));
                Some(clusters.len() - 1)
            })
        } else if let Some(at) = known.or_else(agreeing) {
            Some(at)
        } else if item.byline {
            clusters.push(Cluster::fixed_with_keys(
                &item.candidate.text,
                PersonKind::Author,
                item_keys,
            ));
            Some(clusters.len() - 1)
        } else if item.evidence.supports_full_name(&item.candidate)
            || ((proven.contains(item_keys.folded.as_str())
                || used_alone.contains(item_keys.surname.as_str()))
                && !item.evidence.named_after
                && !item.evidence.employer)
            || found
                .get(index + 1)
                .is_some_and(|next| next.nickname_of == Some(index))
        {
            clusters.push(Cluster::new(
                &item.candidate.text,
                PersonKind::Subject,
                item_keys,
            ));
            Some(clusters.len() - 1)
        } else {
            None
        };
        if let Some(at) = target {
            clusters[at].add(item, &item_keys.folded);
            owner[index] = Some(at);
            // The bracketed nickname right after joins now, so its later uses match.
            if let Some(nick) = found
                .get(index + 1)
                .filter(|n| n.nickname_of == Some(index))
            {
                clusters[at].add(nick, &keys[index + 1].folded);
                owner[index + 1] = Some(at);
            }
            lookup.register(at, &clusters[at]);
        }
    }
}

/// Surnames the text uses alone as a person's: "Mr. Okafor", "Okafor, who",
/// "analyst Okafor" or "Okafor said". A full name ending in one of them is
/// that person ("Chidi Okafor ... Okafor said"), though nothing next to the
/// full name says so. A place or a thing named after someone never counts.
fn surnames_used_alone<'a>(
    found: &[Found],
    keys: &'a [Rc<NameKeys>],
) -> std::collections::HashSet<&'a str> {
    found
        .iter()
        .zip(keys)
        .filter(|(item, keys)| {
            let evidence = &item.evidence;
            item.candidate.word_count() == 1
                && !item.credit
                && !keys.surname.is_empty()
                && !evidence.place_context
                && !evidence.known_place
                && !evidence.named_after
                && !evidence.employer
                && (evidence.supports_lone_surname(&item.candidate) || evidence.speech)
        })
        .map(|(_, keys)| keys.surname.as_str())
        .collect()
}

/// Pass 2: lone words ("Sudani", "Mr. Brahimi", "Zapatero's") join the
/// person named nearest before them, else after them, else by given name.
fn join_lone_words(
    found: &[Found],
    keys: &[Rc<NameKeys>],
    pass_one: &[usize],
    clusters: &mut Vec<Cluster>,
    lookup: &mut Lookup,
    owner: &mut [Option<usize>],
) {
    for (index, item) in found.iter().enumerate() {
        if owner[index].is_some() || item.candidate.word_count() != 1 || item.credit {
            continue;
        }
        let evidence = &item.evidence;
        if evidence.named_after {
            continue;
        }
        let strong = item.candidate.person_title || item.candidate.honorific || evidence.speech;
        if (evidence.place_context || evidence.known_place) && !strong {
            continue;
        }
        let item_keys = &keys[index];
        let at = (item.candidate.block, item.candidate.start);
        let mut eligible: Vec<usize> = lookup.named(&item_keys.folded).to_vec();
        if !item_keys.surname.is_empty() {
            eligible.extend_from_slice(lookup.with_surname(&item_keys.surname));
        }
        eligible.sort_unstable();
        eligible.dedup();
        eligible.retain(|&i| {
            clusters[i].kind != PersonKind::Photographer && !clusters[i].mentions.is_empty()
        });
        let before = eligible
            .iter()
            .filter_map(|&i| {
                let pass_one = pass_one.get(i).copied().unwrap_or(0);
                clusters[i]
                    .last_mention_before(at, pass_one)
                    .map(|p| (p, i))
            })
            .max()
            .map(|(_, i)| i);
        let after = || {
            eligible
                .iter()
                .filter_map(|&i| clusters[i].first_mention().map(|p| (p, i)))
                .min()
                .map(|(_, i)| i)
        };
        // "Winston" after "Winston Peters": a known given name alone is the
        // one person of the text with that given name.
        let by_given_name = || {
            if !evidence.given_name {
                return None;
            }
            let mut named = clusters.iter().enumerate().filter(|(_, c)| {
                c.kind == PersonKind::Subject
                    && !c.mentions.is_empty()
                    && given_key(c.full_name()).as_deref() == Some(item_keys.folded.as_str())
            });
            match (named.next(), named.next()) {
                (Some((at, _)), None) => Some(at),
                _ => None,
            }
        };
        let target = before.or_else(after).or_else(by_given_name).or_else(|| {
            evidence.supports_lone_surname(&item.candidate).then(|| {
                clusters.push(Cluster::new(
                    &item.candidate.text,
                    PersonKind::Subject,
                    item_keys,
                ));
                clusters.len() - 1
            })
        });
        if let Some(at) = target {
            clusters[at].add(item, &item_keys.folded);
            owner[index] = Some(at);
            lookup.register(at, &clusters[at]);
        }
    }
}
