//! A line in, the cue words it holds out, found in one pass; and regexes
//! that run only on lines holding one of their cue words.
//!
//! The cleaner tests every line against about a dozen case-insensitive,
//! Unicode-aware regexes, and almost every line is plain prose that none of
//! them matches. Proving that with the regex engine is slow: a Unicode `\b`
//! keeps its fast automaton off any line with a curly quote, so the
//! backtracker walks the line, once per regex. Instead [`Scanned::new`] looks
//! for the cue words of all the regexes in one pass, and a [`Guarded`] regex
//! runs only when one of its own cue words is there. The answers are exactly
//! the regex's own: a cue list holds a word that every match of its regex
//! contains, so skipping a line without one changes nothing (debug builds
//! check this on every skip, so the test suite checks every cue list).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{CaptureMatches, Captures, Match, Matches, Regex};

use super::lines::{word_count, Line};

/// The guarded regexes, one cue list each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Copyright,
    ArchiveFooter,
    SharePrompt,
    Appeal,
    CookieNotice,
    SocialCount,
    Recommendation,
    BareDomain,
    TimestampLine,
    ReadingWidget,
    SignOffName,
    ReportingBy,
    Caption,
    PrintNote,
}

impl Cue {
    const ALL: [Cue; 14] = [
        Cue::Copyright,
        Cue::ArchiveFooter,
        Cue::SharePrompt,
        Cue::Appeal,
        Cue::CookieNotice,
        Cue::SocialCount,
        Cue::Recommendation,
        Cue::BareDomain,
        Cue::TimestampLine,
        Cue::ReadingWidget,
        Cue::SignOffName,
        Cue::ReportingBy,
        Cue::Caption,
        Cue::PrintNote,
    ];

    /// Words, compared ignoring ASCII case, one of which every match of the
    /// regex holds. Read them off the regex: for each alternative, a literal
    /// stretch it cannot match without.
    fn words(self) -> &'static [&'static str] {
        match self {
            Cue::Copyright => &["copyright", "©", "(c)", "all rights reserved"],
            Cue::ArchiveFooter => &[
                "pipermail",
                "mhonarc",
                "mailman",
                "this archive was generated",
                "unsubscribe",
                "mailing list",
            ],
            Cue::SharePrompt => &[
                "share ",
                "like this ",
                "tweet this",
                "email this",
                "with a friend",
                "follow ",
                "click here",
            ],
            Cue::Appeal => &[
                "sign up",
                "signing up",
                "subscri",
                "newsletter",
                "donat",
                "tax-deductible",
                "inbox",
                "support our",
                "support us",
                "support independent",
                "reader support",
                "become a ",
                "join us",
                "our journalism",
                "our reporting",
                "our newsroom",
                "free trial",
                "paywall",
            ],
            Cue::CookieNotice => &["cookie"],
            Cue::SocialCount => &[
                "share", "like", "comment", "view", "read", "reaction", "retweet", "clap",
            ],
            Cue::Recommendation => &[
                "also on",
                "also read",
                "read more",
                "read also",
                "see also",
                "more from",
                "more on this",
                "you may also like",
                "you might also like",
                "recommended",
                "related",
                "most ",
                "trending",
                "watch",
                "listen",
            ],
            Cue::BareDomain => &[
                ".com", ".org", ".net", ".info", ".news", ".co.uk", ".io", ".tv",
            ],
            Cue::TimestampLine => &["updated", "published", "posted", "modified"],
            Cue::ReadingWidget => &[
                "min",
                "listen to this",
                "print this",
                "font size",
                "text size",
            ],
            Cue::SignOffName => &["@"],
            Cue::ReportingBy => &["reporting by", "writing by", "written by"],
            Cue::Caption => &[
                "photo",
                "image",
                "picture",
                "illustration",
                "credit",
                "foto",
            ],
            Cue::PrintNote => &["a version of this", "print"],
        }
    }

    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// The characters outside ASCII that `(?i)` matches against an ASCII letter:
/// the long s (s) and the Kelvin sign (k). The cue search compares ASCII
/// letters only, so a line holding one of these counts as holding every cue.
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// Every cue word and the folding characters in one automaton, with the
/// cues each pattern stands for.
struct CueSearch {
    words: AhoCorasick,
    cues_of_pattern: Vec<u32>,
}

static CUE_SEARCH: LazyLock<CueSearch> = LazyLock::new(|| {
    let mut patterns: Vec<String> = Vec::new();
    let mut cues_of_pattern: Vec<u32> = Vec::new();
    for cue in Cue::ALL {
        for word in cue.words() {
            patterns.push(word.to_string());
            cues_of_pattern.push(cue.bit());
        }
    }
    for character in FOLDS_TO_ASCII {
        patterns.push(character.to_string());
        cues_of_pattern.push(u32::MAX);
    }
    // A full DFA: a table lookup per byte, the fastest scan for a hundred short words.
    let words = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("valid cue words");
    CueSearch {
        words,
        cues_of_pattern,
    }
});

/// A text, its word count and the cues found in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scanned<'t> {
    pub text: &'t str,
    /// `word_count(text)`.
    pub words: usize,
    cues: u32,
}

impl<'t> Scanned<'t> {
    /// Counts the words and finds every cue word in the text.
    pub(crate) fn new(text: &'t str) -> Self {
        Scanned::with_words(text, word_count(text))
    }

    /// A normalised line, whose words are already counted.
    pub(crate) fn line(line: &'t Line) -> Self {
        Scanned::with_words(&line.text, line.words)
    }

    fn with_words(text: &'t str, words: usize) -> Self {
        let search = &*CUE_SEARCH;
        let cues = search
            .words
            .find_overlapping_iter(text)
            .fold(0, |cues, found| {
                cues | search.cues_of_pattern[found.pattern().as_usize()]
            });
        Scanned { text, words, cues }
    }
}

/// A regex behind its cue words.
pub(crate) struct Guarded {
    cue: Cue,
    regex: Regex,
}

impl Guarded {
    /// `pattern` must not match a text without one of the cue's words.
    pub(crate) fn new(cue: Cue, pattern: &str) -> Self {
        Guarded {
            cue,
            regex: Regex::new(pattern).expect("valid regex"),
        }
    }

    /// Could the regex match somewhere in the text? `false` is a proof it cannot.
    fn may_match(&self, scanned: Scanned) -> bool {
        let may = scanned.cues & self.cue.bit() != 0;
        debug_assert!(
            may || !self.regex.is_match(scanned.text),
            "the cue words of {:?} miss {:?}",
            self.cue,
            scanned.text
        );
        may
    }

    /// [`Regex::is_match`].
    pub(crate) fn is_match(&self, scanned: Scanned) -> bool {
        self.may_match(scanned) && self.regex.is_match(scanned.text)
    }

    /// [`Regex::find`].
    pub(crate) fn find<'t>(&self, scanned: Scanned<'t>) -> Option<Match<'t>> {
        self.may_match(scanned)
            .then(|| self.regex.find(scanned.text))
            .flatten()
    }

    /// [`Regex::captures`].
    pub(crate) fn captures<'t>(&self, scanned: Scanned<'t>) -> Option<Captures<'t>> {
        self.may_match(scanned)
            .then(|| self.regex.captures(scanned.text))
            .flatten()
    }

    /// [`Regex::find_iter`].
    pub(crate) fn find_iter<'r, 't>(
        &'r self,
        scanned: Scanned<'t>,
    ) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        let matches: Option<Matches<'r, 't>> = self
            .may_match(scanned)
            .then(|| self.regex.find_iter(scanned.text));
        matches.into_iter().flatten()
    }

    /// [`Regex::captures_iter`].
    pub(crate) fn captures_iter<'r, 't>(
        &'r self,
        scanned: Scanned<'t>,
    ) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        let matches: Option<CaptureMatches<'r, 't>> = self
            .may_match(scanned)
            .then(|| self.regex.captures_iter(scanned.text));
        matches.into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_characters_fold_to_ascii_letters() {
        let letter = Regex::new("(?i)^[a-z]$").expect("valid regex");
        let folding: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|character| letter.is_match(character.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, FOLDS_TO_ASCII.to_vec());
    }

    #[test]
    fn every_cue_has_its_own_bit() {
        let all = Cue::ALL.iter().fold(0u32, |bits, cue| {
            assert_eq!(bits & cue.bit(), 0, "{cue:?}");
            bits | cue.bit()
        });
        assert_eq!(all.count_ones() as usize, Cue::ALL.len());
    }

    #[test]
    fn runs_only_on_lines_with_a_cue_word() {
        let guarded = Guarded::new(Cue::Appeal, r"(?i)\bsign(?:ing)? up\b");
        let cases = [
            ("Please SIGN UP today", true),
            ("Signing up is free", true),
            ("The signal was weak", false),
            ("\u{17F}ign up", true),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(guarded.is_match(Scanned::new(text)), expected, "{text:?}");
        }
        assert!(!guarded.may_match(Scanned::new("The signal was weak")));
        // Overlapping words are all found: "read more" holds "read" and "more".
        let scanned = Scanned::new("READ MORE");
        assert!(scanned.cues & Cue::Recommendation.bit() != 0);
        assert!(scanned.cues & Cue::SocialCount.bit() != 0);
    }
}
