//! Evidence that a candidate is a person: a candidate and its block's tokens
//! in, an [`Evidence`] (and the role found around it) out.
//!
//! For: a title before it, a role noun next to it ("analyst Jane Doe", "Jane
//! Doe, a teacher"), a verb of saying, a known given name, name particles, a
//! relative "who", a nickname in brackets. Against (decided earlier, in
//! `candidates`): organisation words, months, places, sentence openers.

use super::candidates::Candidate;
use super::lexicon::{
    has_surname_ending, is_family_name_first, is_glued_particle, is_numbered_thing, regnal_number,
    Classes,
};
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
    /// The name has the shape of a personal name in some naming culture:
    /// family name first ("Chen Zhiwei"), a surname ending ("Brekalović"),
    /// or initials before a surname ("K.C. Maurer").
    pub name_shape: bool,
    /// It follows "chief executive of" or "an analyst at": an employer.
    pub employer: bool,
    /// It stands in a list ("A, B and C") with a name shown to be a person.
    pub listed: bool,
    /// The role stands right before the name ("analyst Vltchek") or opens
    /// an apposition after it ("Churchill, the prime minister,").
    pub close_role: bool,
    /// An age follows it ("Nabeel Hussain, 21, Waltham Forest").
    pub age: bool,
    /// It is the agent or star of a work ("directed by X", "starring X").
    pub credited: bool,
    /// The single word is a known given name ("Tanya").
    pub given_name: bool,
    /// The statistical tagger ([`super::tagger`]) reads a name ending where
    /// this one ends.
    pub model: bool,
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
            evidence.close_role = true;
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
                evidence.close_role = evidence.role.is_some()
                    && matches!(&*next.key, "a" | "an" | "the")
                    && next.trail.is_empty();
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
        && (name
            .iter()
            .any(|t| t.shape == Shape::Name && t.is(Classes::FIRST_NAME))
            || (name[0].shape == Shape::Name && name[0].is(Classes::GIVEN_NAME)));
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
    evidence.name_shape = has_name_shape(name);
    evidence.age = last.trail == ","
        && after.is_some_and(|next| {
            (1..=3).contains(&next.text.len())
                && next.text.bytes().all(|b| b.is_ascii_digit())
                && next.trail.starts_with(',')
        });
    evidence.credited = is_credited(tokens, candidate.run.start);
    evidence.given_name = name.len() == 1
        && name[0].shape == Shape::Name
        && (name[0].is(Classes::FIRST_NAME) || name[0].is(Classes::GIVEN_NAME));
    evidence.employer = follows_role_of(tokens, candidate.run.start);
    evidence
}

/// True for a name whose shape alone says it is a person's (see [`Evidence::name_shape`]).
fn has_name_shape(name: &[Token]) -> bool {
    if name.len() < 2 || name.len() > 4 {
        return false;
    }
    let words: Vec<&str> = name.iter().map(|t| t.text).collect();
    let last = &name[name.len() - 1];
    is_family_name_first(&words)
        || is_regnal_name(name)
        || (last.shape == Shape::Name
            && !last.is(Classes::PLACE)
            && last.key.split('-').any(has_surname_ending))
        || (name.len() == 2 && name[0].shape == Shape::Initials && last.shape == Shape::Name)
        // "Marisol T. Ruelas", "J. Everard Pomfrey": an initial inside a name.
        || (name.len() >= 3
            && last.shape == Shape::Name
            && name[..name.len() - 1].iter().any(|t| t.shape == Shape::Initials && t.key.len() == 1)
            && name[..name.len() - 1]
                .iter()
                .all(|t| matches!(t.shape, Shape::Name | Shape::Initials)))
}

/// "Ramesses II", "Paul VI", "Malcolm X": one name and a regnal number,
/// unless the word is a thing numbered that way ("Phase II"), a place or
/// an organisation.
fn is_regnal_name(name: &[Token]) -> bool {
    let [word, number] = name else {
        return false;
    };
    word.shape == Shape::Name
        && regnal_number(&number.key).is_some()
        && number.text.chars().all(|c| c.is_ascii_uppercase())
        && !is_numbered_thing(&word.key)
        && !is_numbered_thing(word.key.trim_end_matches('s'))
        && !word.is(Classes::PLACE)
        && !word.is(Classes::ORGANISATION)
        && !word.is(Classes::CALENDAR)
        && !word.is(Classes::DEMONYM)
}

/// True when the run at `start` follows a verb that credits a person with
/// a work or a part in it ("directed by", "starring", "featuring").
fn is_credited(tokens: &[Token], start: usize) -> bool {
    let before = |back: usize| start.checked_sub(back).and_then(|i| tokens.get(i));
    let plain = |t: &Token| t.trail.is_empty() && !t.is_capitalised();
    let starring = before(1).is_some_and(|t| {
        plain(t)
            && matches!(
                &*t.key,
                "starring" | "co-starring" | "featuring" | "narrated"
            )
    });
    let by = before(1).is_some_and(|t| plain(t) && t.key == "by")
        && before(2).is_some_and(|t| {
            plain(t)
                && matches!(
                    &*t.key,
                    "directed"
                        | "written"
                        | "composed"
                        | "painted"
                        | "narrated"
                        | "illustrated"
                        | "sung"
                        | "performed"
                        | "photographed"
                        | "choreographed"
                        | "authored"
                )
        });
    starring || by
}

/// True when the run at `start` follows "<role noun> of" or "<role noun> at"
/// ("chief executive of Harrow Stanley", "an analyst at Lynch Partners"):
/// what follows is where the person works. A relative ("the son of") is not.
fn follows_role_of(tokens: &[Token], start: usize) -> bool {
    let (Some(preposition), Some(role)) = (
        start.checked_sub(1).and_then(|i| tokens.get(i)),
        start.checked_sub(2).and_then(|i| tokens.get(i)),
    ) else {
        return false;
    };
    matches!(&*preposition.key, "of" | "at")
        && preposition.trail.is_empty()
        && role.trail.is_empty()
        && !role.is_capitalised()
        && role.is(Classes::ROLE_NOUN)
        && !matches!(
            &*role.key,
            "mother"
                | "father"
                | "son"
                | "daughter"
                | "wife"
                | "husband"
                | "brother"
                | "sister"
                | "widow"
                | "neighbor"
                | "neighbour"
                | "victim"
                | "witness"
                | "survivor"
        )
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
                || !self.employer
                    && (self.role.is_some()
                        || self.speech
                        || self.first_name
                        || self.particle
                        || self.who
                        || self.name_shape
                        || self.listed
                        || self.age
                        || self.credited
                        || self.model))
    }

    /// True when the evidence for a full name is more than a known given
    /// name ("Morgan Stanley" has only that), enough to vouch for the other
    /// names of a list it stands in.
    pub fn vouches_for_list(&self, candidate: &Candidate) -> bool {
        !self.named_after
            && !self.employer
            && (candidate.person_title
                || candidate.honorific
                || self.role.is_some()
                || self.speech
                || self.particle
                || self.who
                || self.name_shape
                || self.age
                || self.credited)
    }

    /// True when a single word with no full name in the text is still a person:
    /// it needs a personal title or honorific ("Gen. Ryder", "Mr. Smith"), a
    /// role ("analyst Vltchek", "Churchill, the prime minister,") or a relative
    /// "who" ("Churchill, who"), or a verb of saying with a role, a known
    /// given name or the tagger's reading ("Okafor said"), and must not be
    /// a known place.
    pub fn supports_lone_surname(&self, candidate: &Candidate) -> bool {
        !self.named_after
            && !self.known_place
            && !self.employer
            && (candidate.person_title
                || candidate.honorific
                || self.who
                || self.close_role
                || (self.speech && (self.role.is_some() || self.given_name || self.model)))
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

        let found = evidence_of("chief executive of Harrow Stanley and Chen Zhiwei");
        assert!(found[0].1.employer && !found[0].1.name_shape);
        assert!(found[1].1.name_shape);

        let found = evidence_of("with Luka Brekalović and R.T. Abernathy-Lowe");
        assert!(found[0].1.name_shape && found[1].1.name_shape);

        let found = evidence_of("flew in Lincoln yesterday");
        assert!(found[0].1.place_context && found[0].1.known_place);
    }
}
