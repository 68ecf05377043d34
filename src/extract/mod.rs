//! Extract stage: an [`Article`] in, the people and the dates it mentions out.
//!
//! Every mention carries a [`Span`]: the block it sits in and the byte range
//! inside that block's text, so later stages can link the exact words and
//! quote the sentence around them. Nothing here looks across sources; merging
//! the same person seen in several texts is the link stage's job.

pub mod dates;
pub mod people;

use crate::clean::{bytes, Article};
use serde::Serialize;

/// Where a mention sits: `blocks[block].text[start..end]` of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// What the extract stage found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub people: Vec<people::DocPerson>,
    pub dates: Vec<dates::DateMention>,
    /// For each of `dates`, the range of the sentence around it in its
    /// block's text, as [`sentence_around`] finds it: the date finder splits
    /// the sentences anyway, so the timeline need not split them again.
    pub date_sentences: Vec<std::ops::Range<usize>>,
}

/// Runs both finders over one article. `published` anchors relative dates;
/// `date_order` says how numeric dates read.
pub fn extract(
    article: &Article,
    published: Option<jiff::civil::Date>,
    date_order: Option<dates::DateOrder>,
) -> Extracted {
    let (dates, date_sentences) = dates::find_dates_ordered(article, published, date_order);
    Extracted {
        people: people::find_people(article),
        dates,
        date_sentences,
    }
}

/// The byte range of the sentence of `text` that contains byte `at`.
///
/// Sentences end at `.`, `!` or `?` (optionally followed by closing quotes or
/// brackets) followed by whitespace and an upper-case letter, a digit or an
/// opening quote. Abbreviations such as "Gen." or "U.S." before a capitalised
/// word are the usual trap: a period after a single capital letter or after a
/// short title-like token does not end a sentence.
///
/// Only [`SENTENCE_REACH`] bytes either side of `at` are read, so a call
/// costs the same on a paragraph and on a 10 MB line without breaks; a
/// sentence longer than that is cut at the edge of what was read.
pub fn sentence_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let at = at.min(text.len());
    // Start just after a whitespace char, so the first word read is whole and
    // every sentence end found is one a read from the start would find.
    let mut from = floor_char_boundary(text, at.saturating_sub(SENTENCE_REACH));
    if from > 0 {
        from = text[from..at]
            .find(char::is_whitespace)
            .map_or(at, |offset| from + offset);
        from = skip_chars(text, from, char::is_whitespace).min(at);
    }
    let to = floor_char_boundary(text, at.saturating_add(SENTENCE_REACH));
    Sentences::new(&text[..to])
        .starting_at(from)
        .find(|range| range.start <= at && at < range.end.max(range.start + 1))
        .unwrap_or(from..to)
}

/// [`sentence_around`] for many bytes of one text: the text is split into
/// sentences once, on first use, and each question is a binary search.
///
/// Answers are those of [`sentence_around`], byte for byte: a byte whose
/// window does not reach both ends of the text is handed to it unchanged.
pub struct SentenceIndex<'a> {
    text: &'a str,
    /// The sentences of the whole text, once a byte needed them.
    bounds: Option<Vec<std::ops::Range<usize>>>,
}

impl<'a> SentenceIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        SentenceIndex { text, bounds: None }
    }

    /// The byte range of the sentence that contains byte `at`, as [`sentence_around`] finds it.
    pub fn around(&mut self, at: usize) -> std::ops::Range<usize> {
        let text = self.text;
        let at = at.min(text.len());
        if !reads_whole_text(text, at) {
            return sentence_around(text, at);
        }
        // The window is the whole text: the answer is the first whole-text
        // sentence holding `at`. Sentences are never empty and never overlap,
        // so that is the last one starting at or before `at`, if it reaches past it.
        let bounds = self.bounds.get_or_insert_with(|| sentence_bounds(text));
        let after = bounds.partition_point(|range| range.start <= at);
        match after.checked_sub(1).map(|index| &bounds[index]) {
            Some(range) if at < range.end => range.clone(),
            _ => 0..text.len(),
        }
    }
}

/// True when [`sentence_around`] reads all of `text` to answer for byte `at`.
fn reads_whole_text(text: &str, at: usize) -> bool {
    let from = floor_char_boundary(text, at.saturating_sub(SENTENCE_REACH));
    let to = floor_char_boundary(text, at.saturating_add(SENTENCE_REACH));
    from == 0 && to == text.len()
}

/// [`sentence_around`] for byte `at` of `text`, given `in_whole_text`: the
/// sentence of the whole text's split ([`sentence_bounds`]) holding `at`,
/// or `0..text.len()` when none does. That is the answer whenever the text
/// is short enough to be read whole, as nearly every paragraph is.
pub(crate) fn sentence_around_in(
    text: &str,
    at: usize,
    in_whole_text: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let at = at.min(text.len());
    if reads_whole_text(text, at) {
        in_whole_text
    } else {
        sentence_around(text, at)
    }
}

/// A [`SentenceIndex`] for the paragraph last asked about: mentions come in
/// text order, and a paragraph often holds several, so each paragraph is
/// split once. A paragraph is named by its (source, block) indices.
#[derive(Default)]
pub struct ParagraphSentences<'a> {
    last: Option<((usize, usize), SentenceIndex<'a>)>,
}

impl<'a> ParagraphSentences<'a> {
    /// The range of the sentence around byte `at` of `text`, which is block
    /// `block` of source `source`, as [`sentence_around`] finds it.
    pub fn around(
        &mut self,
        source: usize,
        block: usize,
        text: &'a str,
        at: usize,
    ) -> std::ops::Range<usize> {
        let key = (source, block);
        let index = match &mut self.last {
            Some((last, index)) if *last == key => index,
            last => &mut last.insert((key, SentenceIndex::new(text))).1,
        };
        index.around(at)
    }
}

/// How far [`sentence_around`] reads either side of the byte it is asked about.
pub const SENTENCE_REACH: usize = 2048;

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Splits `text` into sentence byte ranges (trimmed of surrounding spaces).
pub fn sentence_bounds(text: &str) -> Vec<std::ops::Range<usize>> {
    Sentences::new(text).collect()
}

/// The sentences of a text, front to back, found lazily so a caller that
/// wants one sentence stops reading at it.
struct Sentences<'a> {
    text: &'a str,
    /// Where the sentence being read starts.
    start: usize,
    /// Where to look for the next terminator.
    scan: usize,
    done: bool,
}

impl<'a> Sentences<'a> {
    fn new(text: &'a str) -> Self {
        Sentences {
            text,
            start: 0,
            scan: 0,
            done: false,
        }
    }

    /// Reads from byte `start`, which must be a char boundary.
    fn starting_at(mut self, start: usize) -> Self {
        self.start = start;
        self.scan = start;
        self
    }
}

/// The byte offset of the first char of `text` at or after `from` that `skip` rejects.
fn skip_chars(text: &str, from: usize, skip: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !skip(c))
        .map_or(text.len(), |(offset, _)| from + offset)
}

impl Iterator for Sentences<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        while !self.done {
            let rest = &text.as_bytes()[self.scan..];
            let Some(offset) = bytes::position_of_any(rest, [b'.', b'!', b'?']) else {
                self.done = true;
                return trimmed(text, self.start, text.len());
            };
            let terminator_at = self.scan + offset;
            let terminator = char::from(text.as_bytes()[terminator_at]);
            // Swallow closing punctuation that belongs to the sentence.
            let end = skip_chars(text, terminator_at + 1, |c| {
                matches!(c, '"' | '”' | '’' | '\'' | ')' | ']')
            });
            let followed_by_space = text[end..].chars().next().is_some_and(char::is_whitespace);
            let next_start = skip_chars(text, end, char::is_whitespace);
            let next_starts_sentence = text[next_start..].chars().next().is_some_and(|ch| {
                ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '"' | '“' | '‘' | '\'')
            });
            if followed_by_space
                && next_starts_sentence
                && !is_abbreviation(&text[self.start..terminator_at], terminator)
            {
                let sentence = trimmed(text, self.start, end);
                self.start = next_start;
                self.scan = next_start;
                if sentence.is_some() {
                    return sentence;
                }
            } else {
                self.scan = terminator_at + 1;
            }
        }
        None
    }
}

/// `start..end` without the whitespace at either side, unless nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (start + lead < end - trail).then(|| start + lead..end - trail)
}

/// True when the period closing `before` most likely marks an abbreviation.
fn is_abbreviation(before: &str, terminator: char) -> bool {
    if terminator != '.' {
        return false;
    }
    let last_word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    // Only the first four letters matter: their count, the first one's case, the others'.
    let mut letters = last_word.chars().filter(|c| c.is_alphabetic());
    let first = letters.next();
    let (mut count, mut rest_lowercase) = (usize::from(first.is_some()), true);
    for letter in letters.take(3) {
        count += 1;
        rest_lowercase &= letter.is_lowercase();
    }
    let first_uppercase = first.is_some_and(char::is_uppercase);
    // "U.S", "J.S", "L": initials and dotted acronyms; "Sept", the one
    // month abbreviation longer than a title ("Sept. 30").
    if last_word.contains('.') || (count == 1 && first_uppercase) || last_word == "Sept" {
        return true;
    }
    // Short capitalised tokens like "Gen", "Maj", "Mr", "Dr", "Lt", "Col", "Sen".
    let is_title_like = count <= 3 && first_uppercase && rest_lowercase;
    is_title_like
        && !matches!(
            last_word,
            "War" | "Day" | "Son" | "Man" | "Job" | "Sea" | "Top"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_keeps_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            ("One here. Two there.", &["One here.", "Two there."]),
            (
                "The U.S. Army left. Maj. Gen. Pat Ryder spoke.",
                &["The U.S. Army left.", "Maj. Gen. Pat Ryder spoke."],
            ),
            ("“Go now.” He left.", &["“Go now.”", "He left."]),
            (
                "Nicolas J.S. Davies said so. Fine",
                &["Nicolas J.S. Davies said so.", "Fine"],
            ),
            ("No end", &["No end"]),
            (
                "It rose 2.5 percent. Then 3.",
                &["It rose 2.5 percent.", "Then 3."],
            ),
            (
                "As of Sept. 30, it had $5. It grew.",
                &["As of Sept. 30, it had $5.", "It grew."],
            ),
        ];
        for (text, expected) in cases {
            let got: Vec<&str> = sentence_bounds(text)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(&got, expected, "splitting {text:?}");
        }
    }

    #[test]
    fn reading_only_near_the_byte_finds_the_same_sentence() {
        let sentences = [
            "The U.S. Army left on Monday.",
            "Maj. Gen. Pat Ryder spoke to José María in Baghdad!",
            "“Go now,” he said.",
            "It rose 2.5 percent in 2019?",
            "A. B. Smith and Dr. Jones met the council, which voted",
        ];
        let text: String = (0..400)
            .map(|i| sentences[i % sentences.len()])
            .collect::<Vec<_>>()
            .join(" ");
        let bounds = sentence_bounds(&text);
        // Mentions start on a word, never on the space between sentences.
        for (at, _) in text
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .step_by(5)
        {
            let expected = bounds
                .iter()
                .find(|r| r.start <= at && at < r.end.max(r.start + 1))
                .cloned()
                .unwrap_or(0..text.len());
            assert_eq!(sentence_around(&text, at), expected, "at byte {at}");
        }
        let one_line = "word ".repeat(100_000);
        let range = sentence_around(&one_line, 250_000);
        assert!(range.contains(&250_000) && range.len() <= 2 * SENTENCE_REACH);
    }

    #[test]
    fn the_index_answers_as_sentence_around_does() {
        let short = "“Go now,” he said. It rose 2.5 percent in 2019? Maj. Gen. Pat Ryder spoke.  ";
        let long = "The U.S. Army left on Monday. José María spoke! ".repeat(120);
        let unbroken = "word ".repeat(1_000);
        for text in [short, long.as_str(), unbroken.as_str(), "", "   "] {
            let mut index = SentenceIndex::new(text);
            for at in (0..=text.len() + 1).filter(|&at| text.is_char_boundary(at.min(text.len()))) {
                assert_eq!(index.around(at), sentence_around(text, at), "at byte {at}");
            }
        }
    }

    #[test]
    fn paragraph_sentences_answer_as_a_fresh_split_does() {
        let first = "Ana Lima spoke first. Then Ben Ode answered her. Ana Lima left.";
        let second = "A new paragraph. It names Ben Ode once.";
        let mut sentences = ParagraphSentences::default();
        // In text order, then back to the first paragraph of another source.
        let asks = [
            (0, 0, first, 0),
            (0, 0, first, 27),
            (0, 0, first, 49),
            (0, 1, second, 26),
            (1, 0, first, 27),
        ];
        for (source, block, text, at) in asks {
            let range = sentences.around(source, block, text, at);
            assert_eq!(range, sentence_around(text, at));
        }
    }

    #[test]
    fn finds_the_sentence_around_a_byte() {
        let text = "First one. Second one here.";
        let at = text.find("here").unwrap();
        assert_eq!(&text[sentence_around(text, at)], "Second one here.");
    }
}
