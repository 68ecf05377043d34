//! Evidence that a candidate is a person: a candidate and its block's tokens
//! in, an [`Evidence`] (and the role found around it) out.
//!
//! For: a title before it, a role noun next to it ("analyst Jane Doe", "Jane
//! Doe, a teacher"), a verb of saying, a known given name, name particles, a
//! relative "who", a nickname in brackets. Against (decided earlier, in
//! `candidates`): organisation words, months, places, sentence openers.

use super::candidates::Candidate;
use super::lexicon::{is_glued_particle, Classes};
use super::tokens::{Shape, Token};

/// What the words around a candidate say about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// A role noun before or after it ("teacher", "diplomatic adviser").
    pub role: Option<String>,
    /// A verb of saying right after it, or right before it ("said Jane Doe").
    pub speech: bool,
    /// One of its words is a known given name.
    pub first_name: bool,
    /// It carries name particles ("al-", "bin", "de" inside, "Abu" first).
    pub particle: bool,
    /// Followed by ", who".
    pub who: bool,
    /// Followed by a thing named after it ("the Bush administration").
    pub named_after: bool,
    /// Preceded by "in", "near" and similar: more likely a place.
    pub place_context: bool,
    /// The single word is on the list of places.
    pub known_place: bool,
}

/// Gathers the evidence around `candidate`.
pub fn gather(candidate: &Candidate, tokens: &[Token]) -> Evidence {
    let name = &tokens[candidate.name.clone()];
    let before = candidate.run.start.checked_sub(1).map(|i| &tokens[i]);
    let last = &tokens[candidate.run.end - 1];
    let after = tokens.get(candidate.run.end);
    let mut evidence = Evidence::default();

    // "Amnesty's researcher, Jane Doe, said": a role noun and a comma before.
    if let Some(previous) = before.filter(|t| t.trail == "," && !t.is_capitalised()) {
        if previous.is(Classes::ROLE_NOUN) {
            evidence.role = Some(previous.text.to_string());
        }
    }
    if let Some(previous) = before.filter(|t| t.trail.is_empty() && !t.possessive) {
        if previous.is(Classes::ROLE_NOUN) && !previous.is_capitalised() {
            evidence.role = Some(previous.text.to_string());
        }
        evidence.speech |= previous.is(Classes::SPEECH_VERB) && !previous.is_capitalised();
        evidence.place_context = matches!(
            &*previous.key,
            "in" | "near" | "outside" | "across" | "throughout" | "toward" | "towards"
        );
    }
    if let Some(next) = after {
        if last.trail.is_empty() && !last.possessive && next.lead.is_empty() {
            evidence.speech |= next.is(Classes::SPEECH_VERB) && !next.is_capitalised();
            evidence.named_after = next.is(Classes::NAMED_AFTER) && !next.is_capitalised();
        }
        if last.trail.starts_with(',') && !last.possessive {
            evidence.who = next.key == "who" && !next.is_capitalised();
            if evidence.role.is_none() {
                evidence.role = appositive_role(tokens, candidate.run.end);
            }
        }
    }
    // "Easier said than done" is an idiom, not a speaker.
    if evidence.speech && after.is_some_and(|t| t.is(Classes::SPEECH_VERB)) {
        let then = tokens.get(candidate.run.end + 1);
        if then.is_some_and(|t| t.key == "than") {
            evidence.speech = false;
        }
    }
    evidence.first_name = name.len() >= 2
        && name
            .iter()
            .any(|t| t.shape == Shape::Name && t.is(Classes::FIRST_NAME));
    evidence.particle = name.len() >= 2
        && name.iter().enumerate().any(|(i, t)| {
            let lower_prefix = t
                .text
                .split_once('-')
                .is_some_and(|(prefix, _)| is_glued_particle(&prefix.to_lowercase()));
            (i > 0 && (t.shape == Shape::Particle || lower_prefix))
                || (i == 0 && matches!(&*t.key, "abu" | "umm" | "bin" | "ibn" | "abd"))
        });
    evidence.known_place = name.len() == 1 && name[0].is(Classes::PLACE);
    evidence
}

/// The role in ", a retired army colonel," after a name: the role noun and
/// up to two lower-case words before it.
fn appositive_role(tokens: &[Token], from: usize) -> Option<String> {
    let window = tokens.iter().skip(from).take(8);
    let mut words: Vec<&Token> = Vec::new();
    for token in window {
        words.push(token);
        if token.is(Classes::ROLE_NOUN) && !token.is_capitalised() {
            let modifiers: Vec<&str> = words[..words.len() - 1]
                .iter()
                .rev()
                .take_while(|t| {
                    !t.is_capitalised()
                        && !t.possessive
                        && t.trail.is_empty()
                        && !t.is(Classes::STOP)
                        && !t.is(Classes::ORGANISATION)
                        && !matches!(&*t.key, "former" | "retired" | "then" | "late")
                })
                .take(2)
                .map(|t| t.text)
                .collect();
            let mut role: Vec<&str> = modifiers.into_iter().rev().collect();
            role.push(token.text);
            return Some(role.join(" "));
        }
        if !token.trail.is_empty() && token.trail != "’s" {
            break;
        }
    }
    None
}

impl Evidence {
    /// True when a name of two or more words is a person.
    pub fn supports_full_name(&self, candidate: &Candidate) -> bool {
        !self.named_after
            && (candidate.person_title
                || candidate.honorific
                || self.role.is_some()
                || self.speech
                || self.first_name
                || self.particle
                || self.who)
    }

    /// True when a single word with no full name in the text is still a person:
    /// it needs a personal title or honorific ("Gen. Ryder", "Mr. Smith"), or
    /// both a verb of saying and a role, and must not be a known place.
    pub fn supports_lone_surname(&self, candidate: &Candidate) -> bool {
        !self.named_after
            && !self.known_place
            && (candidate.person_title
                || candidate.honorific
                || (self.speech && self.role.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::candidates::find_candidates;
    use super::super::tokens::tokenize;
    use super::*;

    fn evidence_of(text: &str) -> Vec<(String, Evidence)> {
        let tokens = tokenize(text);
        find_candidates(0, text, &tokens)
            .into_iter()
            .map(|c| {
                let found = gather(&c, &tokens);
                (c.text, found)
            })
            .collect()
    }

    #[test]
    fn finds_roles_speech_and_structure() {
        let found = evidence_of("Mazen Hassan, a teacher, told the paper.");
        assert_eq!(found[0].1.role.as_deref(), Some("teacher"));
        assert!(found[0].1.first_name);

        let found = evidence_of("Farhad Alaadin, Sudani’s diplomatic adviser, said no.");
        assert_eq!(found[0].1.role.as_deref(), Some("diplomatic adviser"));

        let found = evidence_of("political analyst Andre Vltchek believes it.");
        assert_eq!(found[0].1.role.as_deref(), Some("analyst"));
        assert!(found[0].1.speech);

        let found = evidence_of("Putin's spokesman, Dmitry Peskov, denied it.");
        assert_eq!(found[1].1.role.as_deref(), Some("spokesman"));

        let found = evidence_of("the Obama administration said");
        assert!(found[0].1.named_after);

        let found = evidence_of("supporters of Moqtada al-Sadr marched");
        assert!(found[0].1.particle);

        let found = evidence_of("Silvio Berlusconi, who sent troops");
        assert!(found[0].1.who);

        let found = evidence_of("flew in Lincoln yesterday");
        assert!(found[0].1.place_context && found[0].1.known_place);
    }
}
