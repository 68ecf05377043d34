//! Reading the words around a candidate date: is it a date at all, and is
//! the sentence looking back or ahead?
//!
//! In: a block's text, a candidate's byte range, the sentence around it.
//! Out: yes/no answers ([`is_date_in_context`], [`is_clutter_sentence`],
//! [`is_edition_sentence`]) and a [`Tense`]. Rules are about word classes
//! (prepositions, event nouns, auxiliaries), never about particular texts.

use super::lexicon;
use super::patterns::{Candidate, Form, Unit};
use std::cell::OnceCell;

/// Which way a sentence points in time, judged from the tense marker nearest
/// to the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// No marker found.
    Unknown,
}

/// The word before byte `at` (lower-cased, trailing hyphens removed), and
/// whether only spaces separate it from `at`.
pub fn word_before(text: &str, at: usize) -> Option<(String, bool)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end();
    let adjacent = trimmed.len() == before.len()
        || before[trimmed.len()..]
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}');
    let trimmed = trimmed.trim_end_matches(['-', '–']);
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '\'' || *c == '’')
        .last()
        .map(|(index, _)| index)?;
    Some((trimmed[word_start..].to_lowercase(), adjacent))
}

/// The word after byte `at`, as written, if only spaces come first.
pub fn word_after(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?;
    let rest = rest.strip_prefix([' ', '\u{a0}'])?;
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(rest.len(), |(index, _)| index);
    let word = &rest[..end];
    (!word.is_empty()).then_some(word)
}

/// True when `at` starts a sentence: nothing but opening punctuation since
/// the last full stop or the start of the block.
fn starts_sentence(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    match before.trim_end().chars().last() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!' | '?' | '"' | '“' | '‘' | '(' | ':' | '—' | '–' | '*'
        ),
    }
}

/// Whether a candidate found by the pattern is a date where it stands.
///
/// - A bare year needs a cue: a time preposition or period word before it
///   ("in 2014", "since 2003", "mid-2014"), the year before it in a range
///   ("2003 and 2011"), or an event noun after it ("the 2006 elections",
///   "its 2010 election campaign"). A number before a unit noun ("2000
///   troops"), after a currency sign or before "percent" is a quantity; a
///   year used as a plain determiner of another noun ("journalism 2022
///   demands") is not a date.
/// - "May" alone needs a cue before it ("in May"); it is usually the verb.
///   Other bare months and weekdays without a cue are dates unless they sit
///   in a name: right after a capitalised word mid-sentence ("Fox News
///   Sunday", "Black September") or right before one ("Sunday Times").
/// - "the last week", "the next year" are durations, not dates.
pub fn is_date_in_context(
    text: &str,
    candidate: &Candidate,
    previous_year_end: Option<usize>,
) -> bool {
    let before = word_before(text, candidate.start);
    let before_word = before.as_ref().map(|(word, _)| word.as_str());
    let after = word_after(text, candidate.end);
    if qualifies_a_period(text, candidate) || is_a_title(text, candidate, after) {
        return false;
    }
    match candidate.form {
        // "each Thursday", "every March": a rule that repeats, not a date.
        Form::Weekday { .. } | Form::Month { .. } if before_word.is_some_and(lexicon::repeats) => {
            false
        }
        Form::Year { .. } => {
            year_in_context(text, candidate, previous_year_end, before_word, after)
        }
        Form::Month {
            relation: None,
            month,
        } => {
            if candidate.qualified || before_word.is_some_and(lexicon::is_day_cue_before) {
                return true;
            }
            // "May" alone is usually the verb; other months alone are dates
            // unless they sit in a name ("April Ryan", "Black September").
            month != 5
                && !in_a_name(text, candidate, before.as_ref(), after)
                && !(month == 3 && names_a_march(text, candidate.end, after))
        }
        // "Christmas" alone is a day after a time preposition ("at
        // Christmas", "since Thanksgiving"), not in "Christmas shopping".
        Form::Holiday { .. } => {
            candidate.qualified
                || before_word.is_some_and(|word| {
                    lexicon::is_day_cue_before(word)
                        && !matches!(word, "of" | "and" | "or" | "that")
                        || matches!(word, "at" | "over")
                })
        }
        Form::Season { .. } if candidate.qualified => true,
        // A bare season is a date after "the" or a time preposition ("in
        // the summer", "during winter"), but "fall" only when no "of"
        // follows ("the fall of the city") and never as a verb.
        Form::Season { .. } => {
            let season_word = &text[candidate.start..candidate.end];
            let cue = candidate.after_the || before_word.is_some_and(lexicon::is_day_cue_before);
            let is_fall = season_word.eq_ignore_ascii_case("fall");
            // "began to fall apart": after "to", "fall" is the verb.
            let verb =
                before_word == Some("to") || after.is_some_and(|w| w.eq_ignore_ascii_case("of"));
            cue && !(is_fall && verb) && !in_a_name(text, candidate, before.as_ref(), after)
        }
        // A weekday after a capitalised word is mostly a date ("the World
        // Court Friday rejected"); it is a name only after the words that
        // make named days ("Good Friday", "Fox News Sunday") or before a
        // capitalised word ("Sunday Times").
        Form::Weekday { relation: None, .. } => {
            candidate.qualified
                || before_word.is_some_and(lexicon::is_day_cue_before)
                || !(before_word.is_some_and(lexicon::names_a_day)
                    || after
                        .is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase)))
        }
        // "today's youth", "the people of tomorrow": the age, not the day.
        Form::Deictic {
            unit: Unit::Day, ..
        } if speaks_of_an_age(text, candidate, before_word) => false,
        // "the past week", "the last week": the week before, as news mean
        // it, unless a period follows ("the last week of June").
        Form::RecentWeek => after != Some("of"),
        Form::Deictic {
            unit: Unit::Year,
            offset: -1,
        }
        | Form::Anaphoric {
            unit: Unit::Year,
            offset: -1,
        } if compares_figures(text, candidate.start) => false,
        Form::Deictic { offset, .. } | Form::Anaphoric { offset, .. } if offset != 0 => {
            !candidate.after_the
                || matches!(candidate.form, Form::Anaphoric { .. }) && after != Some("of")
        }
        Form::Deictic { .. } => after != Some("of"),
        _ => true,
    }
}

/// True when a year only says which reporting period a figure belongs to
/// ("the 1988 third quarter", "the 1989 period", "this year's first half",
/// "last year's $1.55 billion"): the annotators' TIMEX3 is a quarter there,
/// and the sentence tells of a figure, not of something that happened in
/// that year. "The third quarter of 1984" keeps its year.
fn qualifies_a_period(text: &str, candidate: &Candidate) -> bool {
    let names_a_year = match candidate.form {
        Form::Year { .. } => true,
        Form::Deictic { unit, .. } | Form::Anaphoric { unit, .. } => unit == Unit::Year,
        _ => false,
    };
    if !names_a_year {
        return false;
    }
    let rest = text.get(candidate.end..).unwrap_or("");
    let possessive = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s"));
    let rest = possessive.unwrap_or(rest).trim_start();
    if possessive.is_some() && rest.starts_with(['$', '€', '£']) {
        return true;
    }
    let mut words = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .take_while(|word| !word.is_empty())
        .map(str::to_ascii_lowercase);
    let mut word = words.next();
    while word.as_deref().is_some_and(lexicon::is_period_qualifier) {
        word = words.next();
    }
    word.as_deref().is_some_and(lexicon::is_reporting_period)
}

/// True for a relative date written as a title ("This Week", "Next
/// Year") in quotation marks or before another capitalised word: the name
/// of a programme or a paper, not a date.
fn is_a_title(text: &str, candidate: &Candidate, after: Option<&str>) -> bool {
    if !matches!(
        candidate.form,
        Form::Deictic { .. } | Form::Anaphoric { .. }
    ) {
        return false;
    }
    let words = text.get(candidate.start..candidate.end).unwrap_or("");
    let title_case = words.split_whitespace().count() > 1
        && words
            .split_whitespace()
            .all(|word| word.chars().next().is_some_and(char::is_uppercase));
    let quoted = text
        .get(..candidate.start)
        .and_then(|before| before.chars().last())
        .is_some_and(|c| matches!(c, '"' | '“' | '‘' | '\''));
    let capital_after =
        after.is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase));
    title_case && (quoted || capital_after)
}

/// True for "March" that names a march ("the annual March for Life",
/// "the March on Washington"): a preposition, then a name.
fn names_a_march(text: &str, end: usize, after: Option<&str>) -> bool {
    if !after.is_some_and(|word| matches!(word, "for" | "of" | "on" | "against" | "to")) {
        return false;
    }
    let rest = text.get(end..).unwrap_or("").trim_start();
    let mut words = rest.split_whitespace().skip(1);
    let mut next = words.next();
    if next == Some("the") {
        next = words.next();
    }
    next.is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase))
}

/// True for "today" or "tomorrow" that name an age rather than a day:
/// "today's youth", "the world of tomorrow".
fn speaks_of_an_age(text: &str, candidate: &Candidate, before_word: Option<&str>) -> bool {
    let words = text
        .get(candidate.start..candidate.end)
        .unwrap_or("")
        .to_ascii_lowercase();
    if !matches!(words.as_str(), "today" | "tomorrow") {
        return false;
    }
    if before_word == Some("of") {
        return true;
    }
    let rest = text.get(candidate.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s")) else {
        return false;
    };
    word_after(rest, 0).is_some_and(|word| lexicon::is_age_noun(&word.to_ascii_lowercase()))
}

/// True for "a year ago" or "a year earlier" that ends a comparison of
/// figures ("rose to $1.45 billion from $1.37 billion a year ago", "up from
/// seven a year earlier"): it names the same reporting period a year
/// before (a quarter, nine months), which the words do not say, not a year.
fn compares_figures(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("").to_ascii_lowercase();
    if !(rest.starts_with("a year") || rest.starts_with("one year")) {
        return false;
    }
    let mut from = at.saturating_sub(50);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let before = before.rsplit(['.', ';']).next().unwrap_or(before);
    let figure = before.bytes().any(|b| b.is_ascii_digit());
    let compared = before.split_whitespace().rev().take(2).any(|word| {
        matches!(
            word.to_ascii_lowercase().as_str(),
            "from" | "than" | "versus" | "with"
        )
    });
    figure || compared
}

/// A bare year ("2014") is a date unless it reads as a number or a code:
/// the characters around it, the word after it (a unit, an event) and the
/// word before it decide.
fn year_in_context(
    text: &str,
    candidate: &Candidate,
    previous_year_end: Option<usize>,
    before_word: Option<&str>,
    after: Option<&str>,
) -> bool {
    if candidate.qualified {
        return true;
    }
    let previous_char = text.get(..candidate.start).and_then(|s| s.chars().last());
    if matches!(
        previous_char,
        Some('$' | '€' | '£' | '#' | '/' | '.' | '+' | '-' | ':')
    ) {
        // "$2000", "1.2014", "a-2014": numbers and codes, except ranges below
        // and "post-1959", "pre-1914": the time after or before a year.
        let hyphen = previous_char == Some('-');
        let prefixed = hyphen && matches!(before_word, Some("post" | "pre"));
        if prefixed {
            return true;
        }
        if !(hyphen && chained_to_year(text, candidate.start, previous_year_end)) {
            return false;
        }
    }
    let next_char = text.get(candidate.end..).and_then(|s| s.chars().next());
    if matches!(next_char, Some('%' | '-' | '–' | '/' | '.' | ':' | ',')) {
        let rest = text.get(candidate.end..).unwrap_or("");
        let next_next = rest.chars().nth(1);
        // "2014." and "2014," end a phrase, "2003-2011" is a range;
        // "2014.5", "2,014" and "2014-XY" are numbers and codes.
        let starts_range = matches!(next_char, Some('-' | '–'))
            && starts_with_year_or_short(&rest[next_char.map_or(0, char::len_utf8)..]);
        // "in 1990." closing a quotation or a bracket ends a phrase too.
        let closes = next_next.is_some_and(|c| matches!(c, '"' | '”' | '’' | '\'' | ')'));
        if !(next_next.is_none_or(char::is_whitespace) || starts_range || closes) {
            return false;
        }
    }
    let after_lower = after.map(str::to_lowercase);
    if let Some(word) = after_lower.as_deref() {
        if lexicon::is_unit_noun(word) || word == "percent" {
            return false;
        }
        if lexicon::is_event_noun(word) {
            return true;
        }
    }
    if chained_to_year(text, candidate.start, previous_year_end) {
        return true;
    }
    let next_char_closes = matches!(next_char, Some(')' | '–' | '-'));
    if previous_char == Some('(') && next_char_closes {
        // "(2003)", "(2003–2011)": a year given in brackets.
        return true;
    }
    match before_word {
        // "the 2008 Status of Forces Agreement", "its 2010 campaign",
        // "a 2019 report": a year as determiner of a noun phrase.
        Some("the" | "its" | "his" | "her" | "their" | "our" | "whose" | "a" | "an") => {
            after.is_some_and(|word| word.chars().all(char::is_alphabetic))
        }
        // "the company's 1989 results": a possessive is a determiner too.
        Some(word) if word.ends_with("'s") || word.ends_with("’s") => {
            after.is_some_and(|word| word.chars().all(char::is_alphabetic))
        }
        Some(word) => lexicon::is_year_cue_before(word),
        // "2014 was a turning point": a year as the subject.
        None => {
            starts_sentence(text, candidate.start)
                && after_lower
                    .as_deref()
                    .is_some_and(lexicon::is_year_subject_verb)
        }
    }
}

/// True when the word right before the candidate is capitalised mid-sentence
/// ("Fox News Sunday") or the word after it is capitalised ("Sunday Times").
fn in_a_name(
    text: &str,
    candidate: &Candidate,
    before: Option<&(String, bool)>,
    after: Option<&str>,
) -> bool {
    let previous_capitalised = before
        .is_some_and(|(word, adjacent)| *adjacent && capitalised_in(text, candidate.start, word));
    let next_capitalised =
        after.is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase));
    (previous_capitalised && !starts_sentence(text, candidate.start)) || next_capitalised
}

/// True when `text` starts with four digits and no fifth, or with two and
/// no third ("58" of "1957-58").
fn starts_with_year_or_short(text: &str) -> bool {
    let bytes = text.as_bytes();
    let short = bytes.len() >= 2
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && !bytes.get(2).is_some_and(u8::is_ascii_alphanumeric);
    short || starts_with_year(text)
}

/// True when `text` starts with four digits and no fifth.
fn starts_with_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 4
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && !bytes.get(4).is_some_and(u8::is_ascii_alphanumeric)
}

/// True when the word before `at` was written with a capital (a name), judging
/// from the original text rather than the lower-cased word.
fn capitalised_in(text: &str, at: usize, lower_word: &str) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let trimmed = before.trim_end();
    let Some(start) = trimmed.len().checked_sub(lower_word.len()) else {
        return false;
    };
    trimmed
        .get(start..)
        .and_then(|word| word.chars().next())
        .is_some_and(char::is_uppercase)
}

/// True when the text between the previous accepted year and `at` is a range
/// joiner: "2003 and 2011", "2003-2011", "2003 to 2011", "2003, 2007".
fn chained_to_year(text: &str, at: usize, previous_year_end: Option<usize>) -> bool {
    let Some(previous_end) = previous_year_end else {
        return false;
    };
    let Some(between) = text.get(previous_end..at) else {
        return false;
    };
    matches!(
        between.trim(),
        "and" | "or" | "to" | "through" | "-" | "–" | "," | "and in" | "or in" | "until"
    )
}

// The sentence checks take the sentence in ASCII lower case too. That finds
// what full lower-casing would: no needle holds a "k" (the Kelvin sign folds
// to one) or ends in an "i" (a dotted capital I folds to "i" and a combining
// dot), and no other char folds to ASCII.

/// True for sentences that are page furniture, not reporting: copyright and
/// rights notices. Dates in them are never dates of the story.
fn is_clutter_sentence(sentence: &str, lowered: &str) -> bool {
    sentence.contains('©')
        || lowered.contains("copyright")
        || lowered.contains("all rights reserved")
}

/// True for sentences about an edition of the text itself ("appears in print
/// in the 11 January edition"): their dates date the document, not an event.
fn is_edition_sentence(lowered: &str) -> bool {
    lowered.contains("edition") || lowered.contains(" in print")
}

/// What a sentence says about its dates, read once per sentence so that a
/// sentence with many dates is not rescanned for each of them. The tense
/// markers are only read when a date of the sentence needs its tense.
#[derive(Debug, Clone)]
pub struct SentenceFacts<'a> {
    /// See [`is_clutter_sentence`].
    pub clutter: bool,
    /// See [`is_edition_sentence`].
    pub edition: bool,
    sentence: &'a str,
    /// Tense markers as (start, end, tense), in order.
    markers: OnceCell<Vec<(usize, usize, Tense)>>,
}

impl<'a> SentenceFacts<'a> {
    /// Reads a sentence, given in ASCII lower case too: its kind now, where
    /// its tense markers are when asked.
    pub fn of(sentence: &'a str, lowered: &str) -> Self {
        SentenceFacts {
            clutter: is_clutter_sentence(sentence, lowered),
            edition: is_edition_sentence(lowered),
            sentence,
            markers: OnceCell::new(),
        }
    }

    fn markers(&self) -> &[(usize, usize, Tense)] {
        self.markers.get_or_init(|| tense_markers(self.sentence))
    }

    /// True when the sentence has "had" before a participle ("had filed",
    /// "had not called"), not before "been" ("had been expected to").
    fn has_past_perfect(&self) -> bool {
        let words = words_of(self.sentence);
        words.windows(2).any(|pair| {
            let word = &self.sentence[pair[0].0..pair[0].1];
            let next = &self.sentence[pair[1].0..pair[1].1];
            word.eq_ignore_ascii_case("had") && !next.eq_ignore_ascii_case("been")
        })
    }

    /// True when the sentence has a past-tense marker anywhere.
    pub fn has_past_marker(&self) -> bool {
        self.markers()
            .iter()
            .any(|&(_, _, tense)| tense == Tense::Past)
    }

    /// The tense marker that governs byte `at` of the sentence decides: a
    /// future marker ("will", "is due to", "expected", "would") or a past
    /// one ("was", "said", any "-ed" verb). The nearest marker before the
    /// date governs it, since English puts the verb before its time
    /// adjunct ("said on Monday that it will ...", "will double its flights
    /// by August in markets untouched by ..."), unless a past verb after
    /// the date in its clause is much nearer; a date before any marker takes the first
    /// one after it ("On Friday, officials said ...").
    pub fn tense_near(&self, at: usize) -> Tense {
        // The preposition in front says it outright: "since March" looks
        // back, "by March" and "until Friday" name a time still to come.
        if let Some((word, _)) = word_before(self.sentence, at) {
            match lexicon::preposition_tense(&word) {
                // "had filed reports by Wednesday": the past perfect puts
                // the deadline behind the story.
                Some(Tense::Future) if self.has_past_perfect() => return Tense::Past,
                Some(tense) => return tense,
                None => {}
            }
        }
        let markers = self.markers();
        let after = markers.partition_point(|&(start, _, _)| start < at);
        let before = after.checked_sub(1).and_then(|index| markers.get(index));
        match (before, markers.get(after)) {
            // A date inside a subject ("where the Aug. 7 blasts killed
            // ...") takes the past verb right after it in its clause, not
            // a far future marker before it ("would bring aid to towns").
            // After a preposition ("by August in markets untouched by")
            // the date is an adjunct of the verb before it.
            (Some(b), Some(n)) if b.2 == Tense::Future && n.2 == Tense::Past => {
                let between = self.sentence.get(at..n.0).unwrap_or(",");
                let same_clause = !between.contains([',', ';', ':', '—', '–', '(']);
                let nearer = (n.0 - at) * 3 < (at - b.1.min(at)) * 2;
                let in_subject = word_before(self.sentence, at).is_some_and(|(word, _)| {
                    matches!(
                        word.as_str(),
                        "the" | "a" | "an" | "its" | "their" | "his" | "her"
                    )
                });
                if same_clause && nearer && in_subject {
                    n.2
                } else {
                    b.2
                }
            }
            (Some(b), _) => b.2,
            (None, Some(n)) => n.2,
            (None, None) => Tense::Unknown,
        }
    }
}

/// The tense markers of a sentence as (start, end, tense), in order. A
/// participle after a form of "be" ("will be named", "to be published") is
/// not a past marker: the auxiliary before it says the tense. Some words
/// mark the future only before "to": "plans to", "set to", "agreed to" (but
/// not "vacation plans", "next to the embassy"), and "to be" itself does.
fn tense_markers(sentence: &str) -> Vec<(usize, usize, Tense)> {
    let words = words_of(sentence);
    let mut markers = Vec::new();
    let mut after_be = false;
    for (index, &(start, end)) in words.iter().enumerate() {
        let word = &sentence[start..end];
        let next = words.get(index + 1).map(|&(s, e)| &sentence[s..e]);
        let before_to = next == Some("to");
        let mut tense = marker_tense(word);
        // "planned for Friday", "scheduled for March": a plan's date.
        let before_for = next == Some("for") && lexicon::plans_with_for(word);
        if word.eq_ignore_ascii_case("next") && before_to {
            tense = Tense::Unknown;
        } else if lexicon::needs_to_for_future(word) {
            tense = if before_to || before_for {
                Tense::Future
            } else if lexicon::cue_tense(word).is_some() {
                Tense::Unknown
            } else {
                tense
            };
        }
        let before = |back: usize| {
            index
                .checked_sub(back)
                .and_then(|i| words.get(i))
                .map(|&(s, e)| &sentence[s..e])
        };
        if word == "to" && next == Some("be") {
            tense = Tense::Future;
        }
        // "difficult to meet demand": an infinitive takes its time from the
        // verb that governs it, not from the present it looks like.
        if word.eq_ignore_ascii_case("meet") && before(1) == Some("to") {
            tense = Tense::Unknown;
        }
        // "as soon as Tuesday", "as early as next week": the earliest time
        // something may happen.
        if word == "as" && before(2) == Some("as") && matches!(before(1), Some("soon" | "early")) {
            tense = Tense::Future;
        }
        // "had been due to expire Friday": a plan that was overtaken.
        if tense == Tense::Future && before(1) == Some("been") && before(2) == Some("had") {
            tense = Tense::Past;
        }
        // "an unspecified date", "the hastily revised bill": an "-ed" word
        // after a determiner is an adjective, not the verb of the clause.
        let adjective = tense != Tense::Unknown
            && word.ends_with("ed")
            && (before(1).is_some_and(is_determiner)
                || before(1).is_some_and(|w| w.ends_with("ly") || w == "still")
                    && before(2).is_some_and(is_determiner));
        let participle = after_be && tense == Tense::Past;
        let participle = participle || adjective;
        // "the planned vote", "the slated visit": an event still to come.
        if adjective && lexicon::plans_with_for(&word.to_ascii_lowercase()) {
            markers.push((start, end, Tense::Future));
        }
        if tense != Tense::Unknown && !participle {
            markers.push((start, end, tense));
        }
        // "will be sold", "is heard": a participle after "be" or a present
        // form of it is passive, not past.
        after_be = matches!(word, "be" | "been" | "being" | "is" | "are" | "am");
    }
    markers
}

fn is_determiner(word: &str) -> bool {
    lexicon::is_determiner(&word.to_ascii_lowercase())
}

/// The byte ranges of the words of a sentence (letters and apostrophes).
fn words_of(sentence: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut word_start = None;
    for (index, c) in sentence.char_indices() {
        let in_word = c.is_alphabetic() || c == '\'' || c == '’';
        match (in_word, word_start) {
            (true, None) => word_start = Some(index),
            (false, Some(start)) => {
                words.push((start, index));
                word_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = word_start {
        words.push((start, sentence.len()));
    }
    words
}

/// Longest ASCII word lower-cased on the stack; longer ones are never cues
/// but take the general path all the same.
const SHORT_WORD: usize = 32;

fn marker_tense(word: &str) -> Tense {
    if word.chars().next().is_some_and(char::is_uppercase) && !word.starts_with("Will") {
        // Capitalised words are names ("United", "Ahmed"), except at sentence start.
        if word.is_ascii() && word.len() <= SHORT_WORD {
            let mut buffer = [0u8; SHORT_WORD];
            let lower = &mut buffer[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(lower).unwrap_or_default();
            return marker_tense_lower(lower, false);
        }
        let lower = word.to_lowercase();
        return marker_tense_lower(&lower, false);
    }
    marker_tense_lower(word, true)
}

fn marker_tense_lower(word: &str, may_be_regular_past: bool) -> Tense {
    let apostrophe_ll = word.ends_with("'ll") || word.ends_with("’ll");
    if apostrophe_ll {
        return Tense::Future;
    }
    if let Some(tense) = lexicon::cue_tense(word) {
        tense
    } else if may_be_regular_past
        && word.len() >= 5
        && word.ends_with("ed")
        && !word.ends_with("eed")
    {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::super::patterns::candidates;
    use super::*;

    fn accepted(text: &str) -> Vec<&str> {
        let mut previous_year_end = None;
        let mut found = Vec::new();
        for candidate in candidates(text) {
            if is_date_in_context(text, &candidate, previous_year_end) {
                if matches!(candidate.form, Form::Year { .. }) {
                    previous_year_end = Some(candidate.end);
                }
                found.push(&text[candidate.start..candidate.end]);
            }
        }
        found
    }

    #[test]
    fn needs_a_cue_for_bare_years() {
        let cases: &[(&str, &[&str])] = &[
            ("formed in 2014 to mentor", &["2014"]),
            ("the 2006 elections", &["2006"]),
            ("for its 2010 election campaign", &["2010"]),
            ("the 2023 fiscal year", &["2023"]),
            ("the early stages of the 2003 invasion", &["2003"]),
            ("beyond 2011. During", &["2011"]),
            ("between 2003 and 2011", &["2003", "2011"]),
            ("from 2003-2011", &["2003", "2011"]),
            ("doing the type of journalism 2022 demands", &[]),
            ("Copyright ©2024 Dow Jones", &[]),
            ("in 2000 troops", &[]),
            ("up 2014% on", &[]),
            ("the 1650 soldiers", &[]),
            ("code 2014-XY", &[]),
            ("mid-2014", &["mid-2014"]),
            ("under the 2008 Status of Forces Agreement", &["2008"]),
            ("a 2019 report said", &["2019"]),
            ("2014 was a turning point.", &["2014"]),
            ("2014 troops left.", &[]),
            ("the war (2003–2011) ended", &["2003", "2011"]),
            ("\"record earnings in 1990.\" Then", &["1990"]),
            ("dilute earnings in both 1990 and 1991", &["1990", "1991"]),
            ("bonds due 1993 and", &["1993"]),
            ("the company's 1989 operating results", &["1989"]),
            ("the company's 1989 shares", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&accepted(text), expected, "{text}");
        }
    }

    #[test]
    fn tells_weekdays_and_may_from_names_and_verbs() {
        let cases: &[(&str, &[&str])] = &[
            ("Pompeo told Fox News Sunday. He", &[]),
            ("the Sunday Times reported", &[]),
            ("in an interview Tuesday during the forum", &["Tuesday"]),
            ("missiles Monday at a base", &["Monday"]),
            ("Monday's strike", &["Monday"]),
            ("Iraqiya announced on Sunday that", &["Sunday"]),
            ("troops May leave", &[]),
            ("in May the troops", &["May"]),
            ("the last week of June", &["June"]),
            ("reporter April Ryan asked", &[]),
            ("the talks collapsed in April. Then", &["April"]),
            ("April brought rain", &["April"]),
        ];
        for (text, expected) in cases {
            assert_eq!(&accepted(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_tense_from_the_nearest_marker() {
        let cases = [
            (
                "The Pentagon said on Monday that it will withdraw",
                "Monday",
                Tense::Past,
            ),
            ("The talks will open on Monday", "Monday", Tense::Future),
            (
                "it wasn't supposed to have come before June 30th",
                "June",
                Tense::Future,
            ),
            ("The vote is due on Friday", "Friday", Tense::Future),
            (
                "U.S. soldiers took part in an exercise in July",
                "July",
                Tense::Past,
            ),
            ("A holiday on Monday", "Monday", Tense::Unknown),
            (
                "aid would go to towns where the March 1 floods destroyed homes",
                "March",
                Tense::Past,
            ),
            (
                "Qantas will double its flights by August in markets untouched by it",
                "August",
                Tense::Future,
            ),
            (
                "the vote is set to resume on Monday",
                "Monday",
                Tense::Future,
            ),
            (
                "a blast next to the station on Monday",
                "Monday",
                Tense::Unknown,
            ),
            (
                "It had been due to expire Friday evening",
                "Friday",
                Tense::Past,
            ),
            (
                "the boy could leave as soon as Tuesday",
                "Tuesday",
                Tense::Future,
            ),
        ];
        for (sentence, word, expected) in cases {
            let at = sentence.find(word).unwrap_or(0);
            assert_eq!(
                SentenceFacts::of(sentence, &sentence.to_ascii_lowercase()).tense_near(at),
                expected,
                "{sentence}"
            );
        }
    }

    #[test]
    fn spots_clutter_and_edition_sentences() {
        let clutter = |s: &str| SentenceFacts::of(s, &s.to_ascii_lowercase()).clutter;
        let edition = |s: &str| SentenceFacts::of(s, &s.to_ascii_lowercase()).edition;
        assert!(clutter("Copyright ©2024 Dow Jones & Company, Inc."));
        assert!(clutter("COPYRIGHT 2024 Dow Jones"));
        assert!(!clutter("The copier broke in 2014."));
        assert!(edition(
            "Appeared in the January 18, 2024, print edition as 'X'."
        ));
        assert!(edition("It appears IN PRINT on Monday."));
        assert!(!edition("The war began in 2003."));
    }
}
