//! Finding people in one article: candidate names, evidence, and the
//! surname-only mentions that refer back to a full name.
//!
//! Input: an [`Article`]. Output: one [`DocPerson`] per distinct person the
//! article names, with every mention's span. Merging across articles happens
//! in `link::people`.
//!
//! The passes, per block: [`tokens`] (words with offsets) -> [`candidates`]
//! (capitalised runs, titles split off) -> [`evidence`] (is it a person?);
//! then, over the whole article, [`coref`] groups full names, nicknames and
//! lone surnames into people. Byline authors and photo credits ([`credits`])
//! are people too, of their own kinds. Rules and the word lists of
//! [`lexicon`] decide; a statistical [`tagger`] adds one piece of evidence
//! (it reads a name there), which vouches for full names and lists but never
//! for a lone word, where it is too often wrong.
//!
//! Mention spans cover the name only: the title and honorific are left out
//! ("Mr. Brahimi" -> "Brahimi"), and so is a possessive ending ("Zapatero's"
//! -> "Zapatero").

pub mod candidates;
pub mod coref;
pub mod credits;
pub mod evidence;
pub mod lexicon;
pub mod names;
pub mod tagger;
pub mod tokens;

use crate::clean::{Article, BlockKind};
use crate::extract::Span;
use coref::{Cluster, Found};
use serde::Serialize;

/// How a person relates to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    /// Someone the story is about or quotes.
    Subject,
    /// A byline or sign-off author.
    Author,
    /// Named in a photo credit.
    Photographer,
}

/// A person as one article names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocPerson {
    /// The fullest form of the name in the article ("Mohammed Shiaa Al-Sudani").
    pub name: String,
    /// Other forms used in the article ("Al-Sudani", "Sudani", "Abu Taqwa").
    pub aliases: Vec<String>,
    /// A title or role the article gives ("Prime Minister", "a teacher").
    pub role: Option<String>,
    pub kind: PersonKind,
    /// Every mention in the body, in order. Empty for a byline-only author.
    pub mentions: Vec<Span>,
}

/// Finds the people an article names.
pub fn find_people(article: &Article) -> Vec<DocPerson> {
    let mut known: Vec<Cluster> = Vec::new();
    for author in &article.authors {
        let author = author.trim();
        if !author.is_empty() && !known.iter().any(|c| c.forms[0] == author) {
            known.push(Cluster::fixed(author, PersonKind::Author));
        }
    }
    let mut found: Vec<Found> = Vec::new();
    for (block_index, block) in article.blocks.iter().enumerate() {
        if block.kind == BlockKind::Caption {
            if let Some(name) = block
                .credit
                .as_deref()
                .and_then(credits::photographer_in_credit)
            {
                if !known.iter().any(|c| c.forms[0] == name) {
                    known.push(Cluster::fixed(&name, PersonKind::Photographer));
                }
            }
        }
        let offset = found.len();
        found.extend(
            find_in_block(block_index, &block.text)
                .into_iter()
                .map(|mut item| {
                    // Nickname links are indices into the block's list; make them global.
                    item.nickname_of = item.nickname_of.map(|of| of + offset);
                    item
                }),
        );
    }
    coref::resolve(&found, known)
        .into_iter()
        .filter(|cluster| !cluster.mentions.is_empty() || cluster.kind != PersonKind::Subject)
        .map(into_doc_person)
        .collect()
}

/// Candidates of one block with their evidence, credits and nicknames marked.
fn find_in_block(block: usize, text: &str) -> Vec<Found> {
    let tokens = tokens::tokenize(text);
    let model_spans = tagger::person_spans(&tokens);
    // A byline the cleaner left in the body names the authors, not the cast.
    let byline = (text.starts_with("By ") && text.len() < 160) || text.starts_with("Write to ");
    let credit_spans = credits::credits_in_text(text, &tokens);
    let mut found: Vec<Found> = candidates::find_candidates(block, text, &tokens)
        .into_iter()
        .filter(|c| {
            // A run that swallowed part of a credit is replaced by the credit itself.
            !credit_spans
                .iter()
                .any(|(span, _)| c.start < span.end && span.start < c.end)
        })
        .map(|candidate| {
            let mut evidence = evidence::gather(&candidate, &tokens);
            evidence.model = model_agrees(&candidate, &model_spans);
            Found {
                candidate,
                evidence,
                nickname_of: None,
                credit: false,
                byline,
            }
        })
        .collect();
    for (span, token_range) in credit_spans {
        let Some(name) = text.get(span.clone()) else {
            continue;
        };
        found.push(Found {
            candidate: candidates::Candidate {
                block,
                run: token_range.clone(),
                name: token_range,
                start: span.start,
                end: span.end,
                text: name.to_string(),
                title: None,
                honorific: false,
                person_title: false,
                possessive: false,
            },
            evidence: evidence::Evidence::default(),
            nickname_of: None,
            credit: true,
            byline: false,
        });
    }
    // "Name Name/Agency" without a "Photo:" label is a credit too.
    for item in &mut found {
        // "Reporting by Jane Doe; Editing by John Roe" credits the authors.
        let start = item.candidate.run.start;
        let by = start.checked_sub(1).and_then(|i| tokens.get(i));
        let credit_word = start.checked_sub(2).and_then(|i| tokens.get(i));
        if by.is_some_and(|t| t.key == "by")
            && credit_word.is_some_and(|t| matches!(&*t.key, "reporting" | "editing" | "writing"))
        {
            item.byline = true;
        }
        let last = item.candidate.run.end.saturating_sub(1);
        if item.candidate.word_count() >= 2
            && tokens.get(last).is_some_and(|t| t.trail.starts_with('/'))
        {
            item.credit = true;
        }
    }
    found.sort_by_key(|f| f.candidate.start);
    mark_lists(&mut found, &tokens);
    mark_nicknames(&mut found, &tokens);
    found
}

/// True when the tagger read a name inside `candidate`'s run that ends
/// where its name ends: the rules chose the boundaries, the model vouches
/// that a person is named there.
fn model_agrees(candidate: &candidates::Candidate, spans: &[std::ops::Range<usize>]) -> bool {
    spans.iter().any(|span| {
        span.end == candidate.name.end
            && span.start >= candidate.run.start
            && span.start < candidate.name.end
    })
}

/// True when `next` follows `previous` in a list: after a comma, or after
/// "and", "or" or "&" ("A, B and C", "A and B").
fn listed_together(
    previous: &candidates::Candidate,
    next: &candidates::Candidate,
    tokens: &[tokens::Token],
) -> bool {
    let Some(last) = previous.run.end.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    if last.possessive {
        return false;
    }
    if next.run.start == previous.run.end {
        return last.trail == "," && !tokens[next.run.start].opens_run();
    }
    next.run.start == previous.run.end + 1
        && matches!(last.trail, "" | ",")
        && tokens
            .get(previous.run.end)
            .is_some_and(|t| matches!(&*t.key, "and" | "or" | "&" | "amp") && t.trail.is_empty())
}

/// "Tsang Wing-kei, Lam Siu-fung and Ho Man-yee": when one full name of a
/// list is a person on its own evidence, the other full names of the list
/// are people too (a bare known given name, or the tagger's reading, vouches
/// only with a second one).
fn mark_lists(found: &mut [Found], tokens: &[tokens::Token]) {
    let mut start = 0;
    while start < found.len() {
        let mut end = start + 1;
        while end < found.len()
            && !found[end].credit
            && listed_together(&found[end - 1].candidate, &found[end].candidate, tokens)
        {
            end += 1;
        }
        let members = &found[start..end];
        let full = |f: &&Found| f.candidate.word_count() >= 2;
        let vouched = members
            .iter()
            .filter(full)
            .any(|f| f.evidence.vouches_for_list(&f.candidate))
            || members
                .iter()
                .filter(full)
                .filter(|f| f.evidence.first_name)
                .count()
                >= 2
            // Two members the tagger reads as names vouch for the rest, as
            // two known given names do; one alone does not.
            || members.iter().filter(full).filter(|f| f.evidence.model).count() >= 2;
        if end - start >= 2 && vouched {
            for item in &mut found[start..end] {
                item.evidence.listed = item.candidate.word_count() >= 2;
            }
        }
        start = end;
    }
}

/// "Mushtaq Talib Al-Saidi (Abu Taqwa)": a bracketed name right after a name.
fn mark_nicknames(found: &mut [Found], tokens: &[tokens::Token]) {
    for index in 1..found.len() {
        let (previous, current) = (&found[index - 1].candidate, &found[index].candidate);
        let adjacent = previous.run.end == current.run.start;
        let bracketed = tokens
            .get(current.run.start)
            .is_some_and(|t| t.lead.ends_with('('))
            && tokens
                .get(current.run.end.saturating_sub(1))
                .is_some_and(|t| t.trail.starts_with(')'));
        if adjacent && bracketed && current.title.is_none() && previous.word_count() >= 2 {
            found[index].nickname_of = Some(index - 1);
        }
    }
}

fn into_doc_person(cluster: Cluster) -> DocPerson {
    let name = cluster.name();
    let mut mentions = cluster.mentions;
    mentions.sort();
    mentions.dedup();
    DocPerson {
        aliases: cluster
            .forms
            .into_iter()
            .filter(|form| *form != name)
            .collect(),
        name,
        role: cluster.role,
        kind: cluster.kind,
        mentions,
    }
}

#[cfg(test)]
mod tests;
