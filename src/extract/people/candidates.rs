//! Candidate names in one block: tokens in, [`Candidate`]s (a name, the title
//! before it, its byte span) out.
//!
//! A candidate is a run of capitalised words, initials and name particles
//! ("Nicolas J.S. Davies", "Bashar al Assad") with no punctuation inside. Titles
//! at its start ("Air Force Maj. Gen.") are split off as the role; sentence
//! openers and nationality adjectives are trimmed. Whether the rest is a person
//! is decided by [`super::evidence`].

use super::lexicon::{is_name_suffix, is_title_word, Classes};
use super::tokens::{Shape, Token};

/// A capitalised run that may name a person.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub block: usize,
    /// Token indices of the whole run (title included) in the block.
    pub run: std::ops::Range<usize>,
    /// Token indices of the name part.
    pub name: std::ops::Range<usize>,
    /// Byte span of the name part in the block text (possessive ending excluded).
    pub start: usize,
    pub end: usize,
    /// The name as written ("Mohammed Shiaa Al-Sudani").
    pub text: String,
    /// The title before the name as written ("Prime Minister"), honorifics excluded.
    pub title: Option<String>,
    /// "Mr.", "Dr." and the like before the name.
    pub honorific: bool,
    /// The title marks a person ("General", "Minister"), not only an office word ("State").
    pub person_title: bool,
    /// The last word carried a possessive ending.
    pub possessive: bool,
}

impl Candidate {
    /// Number of words in the name part.
    pub fn word_count(&self) -> usize {
        self.name.len()
    }
}

/// Title words that name an office or department rather than a person's rank.
fn is_office_word(key: &str) -> bool {
    matches!(
        key,
        "defense" | "defence" | "state" | "foreign" | "interior" | "ministry" | "field" | "grand"
    )
}

fn is_title_token(token: &Token) -> bool {
    token.shape == Shape::PrefixedTitle
        || (token.is_capitalised() && token.is(Classes::TITLE))
        // "Secretary-General", "Lieutenant-Colonel".
        || (token.is_capitalised()
            && token.key.contains('-')
            && token.key.split('-').all(is_title_word))
        || (token.shape == Shape::Initials && token.key.len() <= 3 && token.is(Classes::TITLE))
}

/// True when `token` may continue a run that ends with `previous`.
fn continues_run(previous: &Token, token: &Token, after: Option<&Token>) -> bool {
    if previous.closes_run() || token.opens_run() || breaks_as_date(token, after, true) {
        return false;
    }
    let next_is_name = after.is_some_and(|next| {
        !token.closes_run() && !next.opens_run() && matches!(next.shape, Shape::Name)
    });
    match token.shape {
        Shape::Name | Shape::Initials | Shape::PrefixedTitle => true,
        Shape::Particle => next_is_name,
        // "Secretary of State Mike Pompeo": "of" only inside a title;
        // "Andre Price III": a generation mark after a name.
        Shape::Other => {
            (token.text == "of" && is_title_token(previous) && next_is_name)
                || (previous.shape == Shape::Name
                    && is_name_suffix(&token.key)
                    && token.text.chars().all(|c| c.is_uppercase() || c == '.'))
        }
    }
}

fn starts_run(token: &Token, after: Option<&Token>) -> bool {
    matches!(
        token.shape,
        Shape::Name | Shape::Initials | Shape::PrefixedTitle
    ) && !breaks_as_date(token, after, false)
}

/// A weekday, or a month written as a date ("Jan. 17", "May 2024", "in March."),
/// never joins a name; "Theresa May said" and "Jan Hatzius" keep theirs.
fn breaks_as_date(token: &Token, after: Option<&Token>, continuing: bool) -> bool {
    if !token.is(Classes::CALENDAR) {
        return false;
    }
    let next_is_number = after.is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
    let next_is_name = after.is_some_and(|t| t.shape == Shape::Name) && !token.closes_run();
    token.is(Classes::WEEKDAY)
        || token.text.ends_with('.')
        || next_is_number
        || (!continuing && !next_is_name)
}

/// Finds the candidate names among the tokens of block `block`.
pub fn find_candidates(block: usize, text: &str, tokens: &[Token]) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        if !starts_run(&tokens[index], tokens.get(index + 1)) {
            index += 1;
            continue;
        }
        let mut last = index;
        while last + 1 < tokens.len()
            && continues_run(&tokens[last], &tokens[last + 1], tokens.get(last + 2))
        {
            last += 1;
        }
        if let Some(candidate) = shape_candidate(block, text, tokens, index..last + 1) {
            candidates.push(candidate);
        }
        index = last + 1;
    }
    candidates
}

/// Splits a run into title and name, or rejects it.
fn shape_candidate(
    block: usize,
    text: &str,
    tokens: &[Token],
    run: std::ops::Range<usize>,
) -> Option<Candidate> {
    let mut first = run.start;
    // Sentence openers and nationality adjectives never start a name.
    while first < run.end && is_leading_noise(&tokens[first]) {
        first += 1;
    }
    if first == run.end
        || tokens[first].is(Classes::PLACE_PREFIX) && !is_title_token(&tokens[first])
    {
        return None;
    }
    // The name starts after the last title word that still has a word after it.
    let mut name_start = first;
    for (at, token) in tokens.iter().enumerate().take(run.end).skip(first) {
        // A capitalised role noun opening the run ("Engineer Jane Doe") is a title too.
        // A capitalised role noun is a title too ("Engineer Jane Doe", "Majority Leader").
        let role = token.is_capitalised() && token.is(Classes::ROLE_NOUN);
        let before_suffix = tokens.get(at + 1).is_some_and(|t| is_name_suffix(&t.key));
        if (is_title_token(token) || role || token.text == "of")
            && at + 1 < run.end
            && !before_suffix
        {
            name_start = at + 1;
        }
    }
    while name_start < run.end && is_leading_noise(&tokens[name_start]) {
        name_start += 1;
    }
    // "Using Alvarez": a verb's -ing form opening the run.
    if run.end - name_start >= 2 && is_gerund(&tokens[name_start]) {
        name_start += 1;
    }
    // "Nonpartisan Paul Tse", "Washington Chris Gregoire": a descriptor or a
    // place before a name of two words or more is not part of it.
    while run.end - name_start >= 3 && is_descriptor(&tokens[name_start]) {
        name_start += 1;
    }
    let mut name_end = run.end;
    // "Ahmed Mohamed Image": a caption's word after a name; "Chris Abel
    // Manager": a signature's title after a name of two words or more.
    while name_end > name_start + 1
        && (tokens[name_end - 1].is(Classes::CREDIT_WORD)
            || (name_end - name_start > 2
                && (tokens[name_end - 1].is(Classes::ROLE_NOUN)
                    || matches!(&*tokens[name_end - 1].key, "senior" | "junior"))))
    {
        name_end -= 1;
    }
    let name = name_start..name_end;
    if name.is_empty() || is_name_suffix(&tokens[name_start].key) {
        return None;
    }
    let name_tokens = &tokens[name.clone()];
    let after_of = name_start > first && tokens[name_start - 1].text == "of";
    if is_not_a_name(name_tokens, after_of) {
        return None;
    }
    let title_tokens = &tokens[first..name_start];
    let honorific = title_tokens.iter().any(|t| t.is(Classes::HONORIFIC));
    let first_title = title_tokens
        .iter()
        .position(|t| (is_title_token(t) || t.is(Classes::ROLE_NOUN)) && !t.is(Classes::HONORIFIC));
    let title = first_title.map(|offset| {
        let from = tokens[first + offset].start;
        let to = tokens[name_start - 1].end;
        let title = text.get(from..to).unwrap_or_default();
        // "then-Prime Minister" holds the same office as "Prime Minister".
        let title = ["then-", "ex-", "former-"]
            .iter()
            .find_map(|prefix| title.strip_prefix(prefix))
            .unwrap_or(title);
        title.to_string()
    });
    let person_title = title_tokens
        .iter()
        .any(|t| (is_title_token(t) || t.is(Classes::ROLE_NOUN)) && !is_office_word(&t.key));
    let start = name_tokens[0].start;
    let last = &name_tokens[name_tokens.len() - 1];
    Some(Candidate {
        block,
        run,
        name: name.clone(),
        start,
        end: last.end,
        text: text.get(start..last.end).unwrap_or_default().to_string(),
        title: title.filter(|t| !t.is_empty()),
        honorific,
        person_title,
        possessive: last.possessive,
    })
}

/// Words that look like a name but are not one: too long, all initials, an
/// organisation, a title alone, a headline's verb, a title's see or field
/// (`after_of`), a place or a people.
fn is_not_a_name(name_tokens: &[Token], after_of: bool) -> bool {
    name_tokens.len() > 5
        || name_tokens.iter().all(|t| t.shape == Shape::Initials)
        || name_tokens.iter().any(|t| {
            t.is(Classes::ORGANISATION)
                || t.is(Classes::WEEKDAY)
                || t.shape == Shape::PrefixedTitle
        })
        // "K.C. Maurer" is a name, "U.N. Envoy" is not.
        || (name_tokens[0].shape == Shape::Initials
            && name_tokens.len() < 3
            && (name_tokens.len() < 2
                || name_tokens[0].key.len() > 3
                || name_tokens[1].shape != Shape::Name))
        // "Undersecretary of Defence", "Assistant Commander": a title, no name.
        || is_title_token(&name_tokens[0]) && !name_tokens[0].is(Classes::HONORIFIC)
        // Headlines in title case: "Prime Minister Says ...".
        || name_tokens.iter().any(|t| t.is(Classes::SPEECH_VERB))
        // "Archbishop of Salzburg", "Professor of Medicine": the see or the
        // field of a title, not a name.
        || after_of
        // "Casa Santa Marta", "Sesto San Giovanni": a place.
        || name_tokens[1..]
            .iter()
            .any(|t| matches!(&*t.key, "san" | "santa" | "santo" | "sao"))
        // "Australians", "Canadians": a people, not a person.
        || (name_tokens.len() == 1
            && name_tokens[0].key.len() > 6
            && name_tokens[0].key.ends_with("ians"))
}

/// Endings of English nouns and adjectives that describe a person
/// ("Scientologist", "Nonpartisan", "Scotsman") or name a field
/// ("Education"), and that given names do not have.
const DESCRIPTOR_ENDINGS: &[&str] = &[
    "ist", "ists", "ians", "ese", "ish", "sman", "smen", "tion", "tions", "ment", "ments", "ity",
    "ics", "ive", "ives", "ary", "ory", "tes", "ers", "ors", "ants", "ites", "isan", "ican",
    "ician",
];

/// True for a word that, before a name of two or more words, describes the
/// person instead of naming them: a place, a nationality, or a word with a
/// descriptor's ending that is not a known given or family name.
fn is_descriptor(token: &Token) -> bool {
    if token.shape != Shape::Name
        || token.is(Classes::FIRST_NAME)
        || token.is(Classes::FAMILY_FIRST)
    {
        return false;
    }
    token.is(Classes::PLACE)
        || token.is(Classes::DEMONYM)
        || DESCRIPTOR_ENDINGS
            .iter()
            .any(|ending| token.key.len() > ending.len() + 2 && token.key.ends_with(ending))
}

/// A capitalised "-ing" word that is not a given name ("Using", "Following").
fn is_gerund(token: &Token) -> bool {
    token.key.len() >= 5
        && token.key.ends_with("ing")
        && !token.is(Classes::FIRST_NAME)
        && !token.is(Classes::GIVEN_NAME)
}

fn is_leading_noise(token: &Token) -> bool {
    (token.is(Classes::STOP) || token.is(Classes::DEMONYM) || token.is(Classes::CREDIT_WORD))
        && !is_title_token(token)
        // "Well-known", "Anti-war": a hyphenated word with a lower-case part
        // is a given name only after a family name.
        || (token.text.contains('-')
            && token.text.split('-').skip(1).all(|p| p.chars().all(char::is_lowercase)))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<String>)> {
        let tokens = tokenize(text);
        find_candidates(0, text, &tokens)
            .into_iter()
            .map(|c| (c.text, c.title))
            .collect()
    }

    #[test]
    fn splits_titles_and_trims_openers() {
        type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);
        let cases: &[Case] = &[
            (
                "Iraqi Prime Minister Mohammed Shiaa Al-Sudani announced",
                &[("Mohammed Shiaa Al-Sudani", Some("Prime Minister"))],
            ),
            (
                "said Air Force Maj. Gen. Pat Ryder, the spokesman",
                &[("Pat Ryder", Some("Maj. Gen."))],
            ),
            (
                "US Secretary of State Hillary Clinton made",
                &[("Hillary Clinton", Some("Secretary of State"))],
            ),
            (
                "But Sudani said to Mr. Brahimi’s aide",
                &[("Sudani", None), ("Brahimi", None)],
            ),
            (
                "President Bashar al Assad and then-President Donald Trump",
                &[
                    ("Bashar al Assad", Some("President")),
                    ("Donald Trump", Some("President")),
                ],
            ),
            (
                "author Nicolas J.S. Davies said on Friday in Washington",
                &[("Nicolas J.S. Davies", None), ("Washington", None)],
            ),
            ("the Carter Center and the Pentagon", &[("Pentagon", None)]),
            (
                "U.S. administrator L. Paul Bremer",
                &[("L. Paul Bremer", None)],
            ),
            ("in San Jose on Monday", &[]),
            ("the St. Louis Cardinals won", &[]),
            ("Theresa May said on May 5", &[("Theresa May", None)]),
            ("analyst Jan Hatzius on Jan. 17", &[("Jan Hatzius", None)]),
            (
                "Senate Majority Leader Chuck Schumer said",
                &[("Chuck Schumer", Some("Leader"))],
            ),
            (
                "Martin Luther King Jr.'s legacy",
                &[("Martin Luther King Jr.", None)],
            ),
            (
                "Secretary-General Ana Ruiz spoke",
                &[("Ana Ruiz", Some("Secretary-General"))],
            ),
            ("Martin Luther King spoke", &[("Martin Luther King", None)]),
            ("Mary Hain Senior Counsel", &[("Mary Hain", None)]),
            ("the Archbishop of Salzburg met Two Australians", &[]),
            (
                "Nonpartisan Ivor Plaskett and Washington Fenella Crabtree",
                &[("Ivor Plaskett", None), ("Fenella Crabtree", None)],
            ),
            (
                "Scientologist Tom Cruise met Ahmed Mohamed Image",
                &[("Tom Cruise", None), ("Ahmed Mohamed", None)],
            ),
            (
                "Andre Price III and K.C. Maurer",
                &[("Andre Price III", None), ("K.C. Maurer", None)],
            ),
            ("Enlarge This Image Doug Mills", &[("Doug Mills", None)]),
            (
                "Treasurer Orla Quennell said, and surveyor Ezra Yount agreed",
                &[("Orla Quennell", Some("Treasurer")), ("Ezra Yount", None)],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, Option<String>)> = expected
                .iter()
                .map(|(n, t)| (n.to_string(), t.map(str::to_string)))
                .collect();
            assert_eq!(names(text), expected, "candidates of {text:?}");
        }
    }
}
