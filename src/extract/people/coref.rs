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
use super::names::{full_names_agree, surname_key};
use super::PersonKind;
use crate::extract::Span;
use crate::slug::fold;

/// A candidate with its evidence, as the finder saw it.
#[derive(Debug, Clone)]
pub struct Found {
    pub candidate: Candidate,
    pub evidence: Evidence,
    /// Index (in the same list) of the name this one is a bracketed nickname of.
    pub nickname_of: Option<usize>,
    /// The candidate is a photo credit written in the text.
    pub credit: bool,
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
        Cluster {
            fixed_name: Some(name.to_string()),
            forms: vec![name.to_string()],
            role: None,
            kind,
            mentions: Vec::new(),
            surname: surname_key(name),
            folded_forms: vec![fold(name)],
        }
    }

    fn new(name: &str, kind: PersonKind) -> Cluster {
        Cluster {
            fixed_name: None,
            ..Cluster::fixed(name, kind)
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

    fn add(&mut self, found: &Found) {
        let text = &found.candidate.text;
        if !self.forms.iter().any(|form| form == text) {
            self.forms.push(text.clone());
            self.folded_forms.push(fold(text));
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

    fn knows_form(&self, folded: &str) -> bool {
        self.folded_forms.iter().any(|form| form == folded)
    }

    fn last_mention_before(&self, at: (usize, usize)) -> Option<(usize, usize)> {
        self.mentions
            .iter()
            .map(|span| (span.block, span.start))
            .filter(|&position| position < at)
            .max()
    }

    fn first_mention(&self) -> Option<(usize, usize)> {
        self.mentions.iter().map(|s| (s.block, s.start)).min()
    }
}

/// Groups `found` (in text order) into people, starting from `clusters`
/// (authors and credited photographers known beforehand).
pub fn resolve(found: &[Found], mut clusters: Vec<Cluster>) -> Vec<Cluster> {
    let mut owner: Vec<Option<usize>> = vec![None; found.len()];
    // Pass 1: full names, in order, and the nicknames that follow them.
    for (index, item) in found.iter().enumerate() {
        if item.candidate.word_count() < 2 || item.nickname_of.is_some() {
            continue;
        }
        let folded = fold(&item.candidate.text);
        let known = clusters.iter().position(|c| c.knows_form(&folded));
        let agreeing = || {
            clusters.iter().position(|c| {
                c.kind != PersonKind::Photographer
                    && full_names_agree(c.full_name(), &item.candidate.text)
            })
        };
        let target = if item.credit {
            known.or_else(|| {
                clusters.push(Cluster::fixed(
                    &item.candidate.text,
                    PersonKind::Photographer,
                ));
                Some(clusters.len() - 1)
            })
        } else if let Some(at) = known.or_else(agreeing) {
            Some(at)
        } else if item.evidence.supports_full_name(&item.candidate) {
            clusters.push(Cluster::new(&item.candidate.text, PersonKind::Subject));
            Some(clusters.len() - 1)
        } else {
            None
        };
        if let Some(at) = target {
            clusters[at].add(item);
            owner[index] = Some(at);
            // The bracketed nickname right after joins now, so its later uses match.
            for (nick_index, nick) in found.iter().enumerate().skip(index + 1).take(1) {
                if nick.nickname_of == Some(index) {
                    clusters[at].add(nick);
                    owner[nick_index] = Some(at);
                }
            }
        }
    }
    // Pass 2: lone words ("Sudani", "Mr. Brahimi", "Zapatero's").
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
        let folded = fold(&item.candidate.text);
        let surname = surname_key(&item.candidate.text);
        let at = (item.candidate.block, item.candidate.start);
        let eligible = |c: &Cluster| {
            c.kind != PersonKind::Photographer
                && !c.mentions.is_empty()
                && (c.knows_form(&folded) || (!surname.is_empty() && c.surname == surname))
        };
        let before = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| eligible(c))
            .filter_map(|(i, c)| c.last_mention_before(at).map(|p| (p, i)))
            .max()
            .map(|(_, i)| i);
        let after = || {
            clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| eligible(c))
                .filter_map(|(i, c)| c.first_mention().map(|p| (p, i)))
                .min()
                .map(|(_, i)| i)
        };
        let target = before.or_else(after).or_else(|| {
            evidence.supports_lone_surname(&item.candidate).then(|| {
                clusters.push(Cluster::new(&item.candidate.text, PersonKind::Subject));
                clusters.len() - 1
            })
        });
        if let Some(at) = target {
            clusters[at].add(item);
            owner[index] = Some(at);
        }
    }
    clusters
}
