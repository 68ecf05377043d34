//! Deciding whether two dated mentions tell the same happening.
//!
//! In: occurrences (value, sentence, people). Out: for each occurrence its
//! salient words, and a yes/no for a pair ([`Similarity::same_happening`]).
//!
//! Two mentions are the same happening when their periods are compatible
//! and their sentences agree on who or what:
//! - days, weeks and months are compatible when the periods overlap ("this
//!   week" in one source, "January 2020" in another); they must then share a
//!   person or two salient words;
//! - years only match the same year at year precision, and need more: a
//!   shared person and a salient word, or three salient words.
//!
//! A salient word is a content word (four letters or more, not a function
//! word, a reporting verb or a calendar word) that is not common across the
//! occurrences being grouped: a word in more than a quarter of the sentences
//! ("Iraq" in an Iraq archive) says nothing about which happening is meant.
//! Words are compared after stripping a plural or "-ed"/"-ing" ending.

use super::Occurrence;
use crate::extract::dates::DateValue;
use jiff::civil::Date;
use rayon::prelude::*;
#[cfg(test)]
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The salient words of every occurrence, ready for pairwise comparison.
pub struct Similarity {
    /// The fingerprints of every occurrence's salient words, each
    /// occurrence's sorted, one after the other: one allocation for an
    /// archive's millions of occurrences rather than one per occurrence.
    words: Vec<u64>,
    /// Where each occurrence's words start in `words`, and at the end its length.
    starts: Vec<usize>,
    /// Per occurrence, the last day of its period (asked for at every comparison).
    last_days: Vec<Date>,
}

impl Similarity {
    /// Keeps the salient words among each occurrence's content words
    /// ([`sentence_words`]).
    ///
    /// Words are kept as 64-bit fingerprints rather than strings: an archive
    /// has a few hundred thousand occurrences of a dozen words each, and only
    /// equality matters. Two different words share a fingerprint with odds
    /// around one in 10^10 for a whole archive's vocabulary.
    ///
    /// `occurrences` may be some of a site's, given the [`word_counts`] and
    /// the threshold of all of them: a word in more than `common_above`
    /// sentences is not salient.
    pub fn with_counts(
        occurrences: &[Occurrence],
        counts: &WordCounts,
        common_above: usize,
    ) -> Self {
        // Each chunk of occurrences gathers its words on its own thread;
        // the chunks are then laid end to end.
        let chunks: Vec<(Vec<u64>, Vec<usize>)> = occurrences
            .par_chunks(4096)
            .map(|chunk| {
                let mut words = Vec::new();
                let mut ends = Vec::with_capacity(chunk.len());
                for occurrence in chunk {
                    words.extend(salient_words(&occurrence.words, counts, common_above));
                    ends.push(words.len());
                }
                (words, ends)
            })
            .collect();
        let mut words = Vec::with_capacity(chunks.iter().map(|(w, _)| w.len()).sum());
        let mut starts = Vec::with_capacity(occurrences.len() + 1);
        starts.push(0);
        for (chunk_words, ends) in chunks {
            let base = words.len();
            words.extend_from_slice(&chunk_words);
            starts.extend(ends.into_iter().map(|end| base + end));
        }
        let last_days = occurrences
            .par_iter()
            .map(|occurrence| occurrence.value.last_day())
            .collect();
        Similarity {
            words,
            starts,
            last_days,
        }
    }

    /// The salient words of occurrence `index`, as fingerprints, sorted.
    pub fn words(&self, index: usize) -> &[u64] {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&start), Some(&end)) => &self.words[start..end],
            _ => &[],
        }
    }

    /// The last day of occurrence `index`'s period.
    pub fn last_day(&self, index: usize) -> Option<Date> {
        self.last_days.get(index).copied()
    }

    /// True when occurrences `a` and `b` denote the same happening.
    pub fn same_happening(&self, occurrences: &[Occurrence], a: usize, b: usize) -> bool {
        let (Some(first), Some(second)) = (occurrences.get(a), occurrences.get(b)) else {
            return false;
        };
        let (Some(first_last), Some(second_last)) = (self.last_day(a), self.last_day(b)) else {
            return false;
        };
        if !compatible_ending(&first.value, first_last, &second.value, second_last) {
            return false;
        }
        // Compatible values are both wide (a year, season, ...) or neither.
        let shares_person = first.people.iter().any(|p| second.people.contains(p));
        let words_needed = match (first.value.is_wide(), shares_person) {
            (true, true) => 1,
            (true, false) => 3,
            (false, true) => return true,
            (false, false) => 2,
        };
        share_at_least(self.words(a), self.words(b), words_needed)
    }
}

/// The fingerprints of the content words of `sentence`, sorted, each once.
pub fn sentence_words(sentence: &str) -> Vec<u64> {
    let mut words = Vec::new();
    for_each_content_word(sentence, &mut String::new(), |word| {
        words.push(fingerprint(word));
    });
    words.sort_unstable();
    words.dedup();
    words
}

/// How many sentences each word fingerprint is in.
pub type WordCounts = HashMap<u64, usize, BuildHasherDefault<AsItself>>;

/// How many sentences each content word of `occurrences` is in.
pub fn word_counts(occurrences: &[Occurrence]) -> WordCounts {
    // Counted per thread, then the counts are added up.
    occurrences
        .par_iter()
        .fold(WordCounts::default, |mut counts, occurrence| {
            for &word in occurrence.words.iter() {
                *counts.entry(word).or_default() += 1;
            }
            counts
        })
        .reduce(WordCounts::default, |total, part| {
            if total.len() < part.len() {
                return add_counts(part, total);
            }
            add_counts(total, part)
        })
}

/// A word in more sentences than this, out of `occurrences`, is common:
/// more than a quarter of them, and at least three.
pub fn common_above(occurrences: usize) -> usize {
    (occurrences / 4).max(3)
}

/// Whether a word found in `count` sentences is salient under `common_above`.
pub fn is_salient(count: usize, common_above: usize) -> bool {
    count <= common_above
}

/// The salient words among `words` (sorted, each once).
fn salient_words<'a>(
    words: &'a [u64],
    counts: &'a WordCounts,
    common_above: usize,
) -> impl Iterator<Item = u64> + 'a {
    words
        .iter()
        .filter(move |&word| is_salient(counts.get(word).copied().unwrap_or(0), common_above))
        .copied()
}

/// `total` with the counts of `part` added.
fn add_counts(mut total: WordCounts, part: WordCounts) -> WordCounts {
    for (word, count) in part {
        *total.entry(word).or_default() += count;
    }
    total
}

/// Hashes a fingerprint as itself: it is already a well-mixed 64-bit hash.
#[derive(Default)]
pub struct AsItself(u64);

impl Hasher for AsItself {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, number: u64) {
        self.0 = number;
    }
}

/// A fixed 64-bit hash of a word (FNV-1a), the same on every run and platform.
fn fingerprint(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// True when two sorted, duplicate-free lists share at least `needed` numbers.
fn share_at_least(x: &[u64], y: &[u64], needed: usize) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while shared < needed && i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared >= needed
}

/// True when two values can date the same happening (see the module header).
pub fn compatible(a: &DateValue, b: &DateValue) -> bool {
    if a.is_wide() || b.is_wide() {
        a.precision == b.precision && a.start == b.start
    } else {
        a.overlaps(b)
    }
}

/// [`compatible`], given each value's last day (`DateValue::last_day`), which
/// grouping asks for thousands of times per occurrence.
pub(super) fn compatible_ending(a: &DateValue, a_last: Date, b: &DateValue, b_last: Date) -> bool {
    if a.is_wide() || b.is_wide() {
        a.precision == b.precision && a.start == b.start
    } else {
        // What `DateValue::overlaps` tests.
        a.start <= b_last && b.start <= a_last
    }
}

/// Calls `found` with the stem of every content word of `sentence`, in order,
/// repeats included. `lowered` is scratch space, reused across calls.
fn for_each_content_word(sentence: &str, lowered: &mut String, found: impl FnMut(&str)) {
    if sentence.is_ascii() {
        for_each_ascii_content_word(sentence, lowered, found);
    } else {
        for_each_unicode_content_word(sentence, lowered, found);
    }
}

/// [`for_each_content_word`] for any sentence.
fn for_each_unicode_content_word(
    sentence: &str,
    lowered: &mut String,
    mut found: impl FnMut(&str),
) {
    for word in sentence.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < 4 || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        lowered.clear();
        if word.is_ascii() {
            lowered.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Whole-word lower-casing: a final sigma depends on its neighbours.
            lowered.push_str(&word.to_lowercase());
        }
        let word = stem(lowered);
        if !is_function_word(word) {
            found(word);
        }
    }
}

/// [`for_each_content_word`] for an ASCII sentence, as most are: a byte is
/// a character, so words are found, measured and lower-cased a byte at a
/// time. Gives the same words as the general path.
fn for_each_ascii_content_word(sentence: &str, lowered: &mut String, mut found: impl FnMut(&str)) {
    for word in sentence.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() < 4 || word.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        lowered.clear();
        lowered.push_str(word);
        lowered.make_ascii_lowercase();
        let word = stem_ascii(lowered);
        if !is_function_word(word) {
            found(word);
        }
    }
}

#[cfg(test)]
fn content_words(sentence: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for_each_content_word(sentence, &mut String::new(), |word| {
        words.insert(word.to_string());
    });
    words
}

/// Strips one inflection so "attacked", "attacks" and "attack" compare equal.
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base;
            }
        }
    }
    word
}

/// [`stem`] for an ASCII word, whose length in bytes is its length in characters.
fn stem_ascii(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 4 {
                return base;
            }
        }
    }
    word
}

fn is_function_word(stem: &str) -> bool {
    matches!(
        stem,
        "that"
            | "this"
            | "with"
            | "from"
            | "have"
            | "their"
            | "there"
            | "they"
            | "them"
            | "then"
            | "than"
            | "were"
            | "been"
            | "being"
            | "would"
            | "could"
            | "should"
            | "will"
            | "which"
            | "when"
            | "where"
            | "what"
            | "while"
            | "also"
            | "into"
            | "over"
            | "after"
            | "before"
            | "about"
            | "said"
            | "say"
            | "told"
            | "tell"
            | "accord"
            | "other"
            | "some"
            | "such"
            | "more"
            | "most"
            | "only"
            | "even"
            | "just"
            | "still"
            | "last"
            | "next"
            | "week"
            | "month"
            | "year"
            | "today"
            | "yesterday"
            | "later"
            | "earlier"
            | "since"
            | "during"
            | "until"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_shared_numbers() {
        assert!(share_at_least(&[1, 3, 5, 9], &[2, 3, 9, 10], 2));
        assert!(!share_at_least(&[1, 3, 5, 9], &[2, 3, 9, 10], 3));
        assert!(!share_at_least(&[], &[1], 1));
        assert!(share_at_least(&[], &[1], 0));
        assert!(share_at_least(&[4], &[4], 1));
        assert!(!share_at_least(&[4], &[5], 1));
    }

    #[test]
    fn keeps_content_words_stemmed() {
        let words =
            content_words("Hamas attacked Israel on Oct. 7, officials said, killing 1,200.");
        let expected: BTreeSet<String> = ["hama", "attack", "israel", "official", "kill"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn ascii_sentences_give_the_words_the_general_path_gives() {
        let sentences = [
            "Hamas attacked Israel on Oct. 7, officials said, killing 1,200.",
            "The COUNCIL's budgets were DEBATED in 2019 and 20191231; reading 4444 pages.",
            "abcd abcde abcs abces abced abcing buses, walked; sings: ring, rings",
            "Mr. O'Neill-Smith (aged 41) told the BBC's reporters that TESTING ended.",
            "",
            "    ...   1234 x1y2 A1B2C3D4 e-mail hyphen-ated words",
        ];
        for sentence in sentences {
            let (mut ascii, mut general) = (Vec::new(), Vec::new());
            for_each_ascii_content_word(sentence, &mut String::new(), |w| {
                ascii.push(w.to_string())
            });
            for_each_unicode_content_word(sentence, &mut String::new(), |w| {
                general.push(w.to_string())
            });
            assert_eq!(ascii, general, "{sentence:?}");
        }
    }
}
