//! Profiles' names searched for literally in every text: the editors'
//! profiles and one article (its people as the extract stage found them) in,
//! that article's people with a mention added wherever a profile's `name` or
//! alias stands and the detector saw nobody out.
//!
//! A profile says "this is a person", so it adds people the detector missed
//! ("a film starring Christian Bale"). The search is one automaton over
//! every form of every profile. Case rules keep common words out: a form
//! matches as the profile writes it (a name of two words or more also in
//! capitals, as photo credits are), never in lower case, and a one-word
//! alias ("Bush", "Rice") only in a text that names the person in full and
//! only where it does not stand beside another capitalised word of a name.

use crate::extract::people::lexicon::{is_honorific, is_title_word, word_key};
use crate::extract::people::{DocPerson, PersonKind};
use crate::extract::Span;
use crate::slug::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What the people passes of the link stage need to know of one profile.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileFacts {
    pub name: String,
    /// `name` first, then the aliases.
    pub forms: Vec<String>,
    pub role: Option<String>,
    pub sex: Option<crate::load::Sex>,
}

impl ProfileFacts {
    /// Whether one of the profile's forms is `form` (case and accents aside).
    pub fn has_form(&self, form: &str) -> bool {
        let folded = fold(form);
        self.forms.iter().any(|f| fold(f) == folded)
    }
}

/// The profiles, with an automaton over all their forms.
#[derive(Debug, Default)]
pub struct ProfileIndex {
    pub profiles: Vec<ProfileFacts>,
    automaton: Option<AhoCorasick>,
    /// For each pattern of the automaton: (profile, form).
    owners: Vec<(usize, usize)>,
}

impl ProfileIndex {
    pub fn new(profiles: Vec<ProfileFacts>) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (profile, facts) in profiles.iter().enumerate() {
            for (form_index, form) in facts.forms.iter().enumerate() {
                if form.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    patterns.push(form.trim().to_string());
                    owners.push((profile, form_index));
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        ProfileIndex {
            profiles,
            automaton,
            owners,
        }
    }

    /// The profile one of whose forms is `form`, when only one has it.
    pub fn profile_named(&self, form: &str) -> Option<usize> {
        let mut found = self
            .profiles
            .iter()
            .enumerate()
            .filter(|(_, p)| p.has_form(form));
        let (index, _) = found.next()?;
        found.next().is_none().then_some(index)
    }
}

/// One literal match of a profile's form in a block.
struct Hit {
    profile: usize,
    span: Span,
    text: String,
}

/// Adds to `people` a mention for every place a profile's form stands in
/// `blocks` where no mention is yet (and the editor corrected nothing).
pub fn add_profile_mentions(
    index: &ProfileIndex,
    blocks: &[&str],
    people: &mut Vec<DocPerson>,
    corrected: &[Span],
) {
    let Some(automaton) = &index.automaton else {
        return;
    };
    let taken: Vec<Span> = people
        .iter()
        .flat_map(|p| p.mentions.iter().copied())
        .chain(corrected.iter().copied())
        .collect();
    let mut hits: Vec<(Hit, bool)> = Vec::new();
    for (block, text) in blocks.iter().enumerate() {
        for found in automaton.find_iter(*text) {
            let (profile, form_index) = index.owners[found.pattern().as_usize()];
            let form = index.profiles[profile].forms[form_index].trim();
            let (start, end) = (found.start(), found.end());
            let span = Span { block, start, end };
            if !stands_alone(text, start, end) || !written_as(&text[start..end], form) {
                continue;
            }
            if taken
                .iter()
                .any(|t| t.block == block && t.start < end && start < t.end)
            {
                continue;
            }
            let one_word = form.split_whitespace().count() == 1;
            if one_word && !clear_of_other_names(text, start, end) {
                continue;
            }
            let hit = Hit {
                profile,
                span,
                text: text[start..end].to_string(),
            };
            hits.push((hit, one_word));
        }
    }
    // A lone surname alias counts only where the text names the person in full.
    let named_in_full = |profile: usize| {
        let facts = &index.profiles[profile];
        let multi = |form: &String| form.split_whitespace().count() >= 2;
        !facts.forms.iter().any(multi)
            || hits.iter().any(|(h, one)| !one && h.profile == profile)
            || people.iter().any(|p| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .any(|f| multi(f) && facts.has_form(f))
            })
    };
    let keep: Vec<bool> = hits
        .iter()
        .map(|(hit, one)| !one || named_in_full(hit.profile))
        .collect();
    for ((hit, _), keep) in hits.into_iter().zip(keep) {
        if keep {
            attach(index, people, hit);
        }
    }
}

/// Gives `hit` to the article's person with one of the profile's forms, or
/// to a new person named as the profile is.
fn attach(index: &ProfileIndex, people: &mut Vec<DocPerson>, hit: Hit) {
    let facts = &index.profiles[hit.profile];
    let owner = people.iter().position(|p| {
        std::iter::once(&p.name)
            .chain(&p.aliases)
            .any(|form| facts.has_form(form))
    });
    let person = match owner {
        Some(at) => &mut people[at],
        None => {
            people.push(DocPerson {
                name: facts.name.clone(),
                aliases: Vec::new(),
                role: None,
                kind: PersonKind::Subject,
                mentions: Vec::new(),
            });
            people.last_mut().expect("just pushed")
        }
    };
    if hit.text != person.name && !person.aliases.contains(&hit.text) {
        person.aliases.push(hit.text);
    }
    person.mentions.push(hit.span);
    person.mentions.sort();
}

/// True when `start..end` of `text` is a whole word or words: no letter,
/// digit or hyphen glued on either side ("Obama-era", "Jean-Paul").
pub(crate) fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    !glued(before) && !glued(after)
}

/// True when `found` is written as the profile writes `form`, or (for a
/// name of two words or more) all in capitals: never in lower case, so an
/// alias that is also a word ("rice", "bush") is left alone.
fn written_as(found: &str, form: &str) -> bool {
    found == form || (form.split_whitespace().count() >= 2 && found == form.to_uppercase())
}

/// True when a one-word form is not part of a longer name: the next word
/// does not start with a capital, and the word before does not either
/// (unless it is a title or honorific, "Mr. Frank", or opens the sentence).
fn clear_of_other_names(text: &str, start: usize, end: usize) -> bool {
    let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    let after = &text[end..];
    if let Some(next) = after.strip_prefix(' ') {
        let word = next.split_whitespace().next().unwrap_or("");
        if capitalised(word) {
            return false;
        }
    }
    let before = &text[..start];
    if let Some(rest) = before.strip_suffix(' ') {
        let word = rest.rsplit(char::is_whitespace).next().unwrap_or("");
        let earlier = rest[..rest.len() - word.len()].trim_end();
        let opens_sentence =
            earlier.is_empty() || earlier.ends_with(['.', '!', '?', ':', '"', '“']);
        let key = word_key(word);
        if capitalised(word)
            && !word.ends_with([',', ';', ':', ')', '"', '”'])
            && !is_title_word(&key)
            && !is_honorific(&key)
            && !opens_sentence
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(forms: &[&str]) -> ProfileIndex {
        ProfileIndex::new(vec![ProfileFacts {
            name: forms[0].to_string(),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            ..ProfileFacts::default()
        }])
    }

    fn found(forms: &[&str], text: &str) -> Vec<String> {
        let mut people = Vec::new();
        add_profile_mentions(&index(forms), &[text], &mut people, &[]);
        people
            .iter()
            .flat_map(|p| p.mentions.iter().map(|m| text[m.start..m.end].to_string()))
            .collect()
    }

    #[test]
    fn case_and_boundaries_keep_common_words_out() {
        let forms = ["Tomas Rice", "Rice"];
        assert_eq!(
            found(
                &forms,
                "Tomas Rice spoke. Later Rice left. rice grew; Ricedale; TOMAS RICE/AP"
            ),
            ["Tomas Rice", "Rice", "TOMAS RICE"]
        );
        // Without the full name, the bare alias is not enough.
        assert!(found(&forms, "Rice prices rose.").is_empty());
        // Part of another name.
        assert!(found(&forms, "Tomas Rice spoke with Ada Rice Brown.").len() == 1);
    }
}
