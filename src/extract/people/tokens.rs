//! Words of one block: block text in, [`Token`]s with byte offsets and shape out.
//!
//! A token is a word stripped of the punctuation around it; what was stripped
//! is kept (`lead`, `trail`) because commas, brackets and quotes are where
//! names end. Possessive endings are cut off so a mention of "Zapatero's"
//! spans "Zapatero" only. One pass, no allocation beyond the token list.

use super::lexicon::{
    classes_of, is_glued_particle, is_name_suffix, is_particle, is_place_prefix,
    is_syllabic_given_name, is_title_word, word_key_of, Classes,
};
use std::borrow::Cow;
use std::cell::Cell;

/// What a word looks like, which decides whether it can be part of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Capitalised word with lower-case letters ("Sudani", "Al-Sudani", "al-Maliki", "O'Brien").
    Name,
    /// Initials ("L.", "J.S.", "U.S.").
    Initials,
    /// A lower-case name particle ("al", "bin", "de").
    Particle,
    /// A title glued to "then-" or "ex-" ("then-President").
    PrefixedTitle,
    /// Anything else: lower-case words, acronyms, numbers, addresses.
    Other,
}

/// One word of a block's text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte offset of the word (without surrounding punctuation) in the block text.
    pub start: usize,
    /// Byte offset just after the word (possessive ending excluded).
    pub end: usize,
    /// The word as written (`&text[start..end]`).
    pub text: &'a str,
    /// The folded comparison form ([`super::lexicon::word_key`]), borrowed
    /// from the text when the word is folded already.
    pub key: Cow<'a, str>,
    pub shape: Shape,
    /// The word ended in "'s" or "s'", which is not part of `text`.
    pub possessive: bool,
    /// Punctuation glued before the word ("(", "“").
    pub lead: &'a str,
    /// Punctuation glued after the word (",", ".”", ")").
    pub trail: &'a str,
    /// The word lists `key` is on, looked up on the first question ([`Token::is`]).
    classes: Cell<Option<Classes>>,
}

impl Token<'_> {
    /// True when the word's key is on `list` (see [`Classes`]). The rules ask
    /// about the same few tokens around each name many times: the lists are
    /// looked up once per token, and only for tokens asked about.
    pub fn is(&self, list: Classes) -> bool {
        let classes = self.classes.get().unwrap_or_else(|| {
            let classes = classes_of(&self.key);
            self.classes.set(Some(classes));
            classes
        });
        classes.has(list)
    }

    /// True when punctuation after this word ends a name ("," "." ")" ":" "/" ...).
    pub fn closes_run(&self) -> bool {
        self.possessive || !self.trail.is_empty()
    }

    /// True when punctuation before this word starts a new phrase.
    pub fn opens_run(&self) -> bool {
        !self.lead.is_empty()
    }

    /// True when the word starts with an upper-case letter (any shape).
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Characters that separate words even without spaces around them.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '/' | '—' | '–' | '|' | '…')
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    // About one word in six bytes of running text.
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut at = 0;
    loop {
        // Separators that do not end a chunk are passed over.
        while let Some((true, _, width)) = separator_at(text, at) {
            at += width;
        }
        if at == bytes.len() {
            return tokens;
        }
        // A chunk: up to the next separator. The pass that finds its end
        // also sees whether all its bytes are lower-case letters or digits.
        let start = at;
        let mut all_classes = LOWER_OR_DIGIT;
        while let Some(&byte) = bytes.get(at) {
            let class = ASCII_CLASS[usize::from(byte)];
            if class & IN_WORD == 0 {
                break;
            }
            all_classes &= class;
            at += 1;
        }
        let mut ascii = true;
        while let Some((false, _, width)) = separator_at(text, at) {
            // A character outside ASCII inside the chunk: read the rest char by char.
            ascii = false;
            at += width;
            while bytes
                .get(at)
                .is_some_and(|&byte| ASCII_CLASS[usize::from(byte)] & IN_WORD != 0)
            {
                at += 1;
            }
        }
        if ascii && all_classes & LOWER_OR_DIGIT != 0 {
            // The whole chunk is the word ("the", "2019").
            push_plain_word(text, start, start, at, at, &mut tokens);
        } else {
            push_chunk(text, start, at, ascii, &mut tokens);
        }
        if let Some((_, whitespace, width)) = separator_at(text, at) {
            // A slash or dash glued to a word is punctuation that ends it.
            if !whitespace {
                if let Some(last) = tokens.last_mut().filter(|last| last.trail.is_empty()) {
                    last.trail = &text[at..at + width];
                }
            }
            at += width;
        }
    }
}

/// ASCII whitespace as [`char::is_whitespace`] has it (with the vertical tab).
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// [`ASCII_CLASS`] bit: an ASCII byte that is not a separator ([`is_separator`]).
const IN_WORD: u8 = 1;
/// [`ASCII_CLASS`] bit: a lower-case ASCII letter or a digit.
const LOWER_OR_DIGIT: u8 = 2;

/// What each byte is, for one lookup per byte of a word; 0 outside ASCII.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        if !matches!(b, b' ' | b'\t'..=b'\r' | b'/' | b'|') {
            table[byte] |= IN_WORD;
        }
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            table[byte] |= LOWER_OR_DIGIT;
        }
        byte += 1;
    }
    table
};

/// For the char at byte `at` of `text` (a char boundary), whether it is a
/// separator, whether it is whitespace, and its length; `None` at the end.
fn separator_at(text: &str, at: usize) -> Option<(bool, bool, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        let separator = ASCII_CLASS[usize::from(byte)] & IN_WORD == 0;
        return Some((separator, is_ascii_space(byte), 1));
    }
    let c = text[at..].chars().next()?;
    Some((is_separator(c), c.is_whitespace(), c.len_utf8()))
}

/// Pushes the token of the ASCII chunk `start..end` of `text` whose letters
/// and digits, `core_start..core_end`, are all lower case or digits, as most
/// words are. Such a word is its own key, has no possessive ending inside
/// it, never keeps a period and is a particle or nothing: the rules of
/// [`push_chunk`], settled in advance.
fn push_plain_word<'a>(
    text: &'a str,
    start: usize,
    core_start: usize,
    core_end: usize,
    end: usize,
    tokens: &mut Vec<Token<'a>>,
) {
    let word = &text[core_start..core_end];
    let after = &text[core_end..end];
    let possessive = word.ends_with('s') && after.starts_with('\'');
    tokens.push(Token {
        start: core_start,
        end: core_end,
        text: word,
        key: Cow::Borrowed(word),
        shape: if is_particle(word) {
            Shape::Particle
        } else {
            Shape::Other
        },
        possessive,
        lead: &text[start..core_start],
        trail: if possessive {
            after.trim_start_matches('\'')
        } else {
            after
        },
        classes: Cell::new(None),
    });
}

/// The byte range of `chunk` from its first to its last letter or digit,
/// or `None` when it has neither. `ascii` says the chunk is ASCII.
fn core_of(chunk: &str, ascii: bool) -> Option<(usize, usize)> {
    if ascii {
        let bytes = chunk.as_bytes();
        let first = bytes.iter().position(u8::is_ascii_alphanumeric)?;
        let last = bytes.iter().rposition(u8::is_ascii_alphanumeric)?;
        return Some((first, last + 1));
    }
    let first = chunk
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i)?;
    let end = chunk
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric())
        .map_or(chunk.len(), |(i, c)| i + c.len_utf8());
    Some((first, end))
}

fn push_chunk<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    ascii: bool,
    tokens: &mut Vec<Token<'a>>,
) {
    let chunk = &text[start..end];
    let Some((core_start, core_end)) = core_of(chunk, ascii) else {
        // Pure punctuation ("—", "*", "…"): it ends the previous word's run.
        if let Some(last) = tokens.last_mut() {
            if last.trail.is_empty() {
                last.trail = chunk;
            }
        }
        return;
    };
    let core_bytes = &chunk.as_bytes()[core_start..core_end];
    if ascii
        && core_bytes
            .iter()
            .all(|&byte| ASCII_CLASS[usize::from(byte)] & LOWER_OR_DIGIT != 0)
    {
        // A plain word with punctuation around it ("council,", "(and").
        let (core_start, core_end) = (start + core_start, start + core_end);
        push_plain_word(text, start, core_start, core_end, end, tokens);
        return;
    }
    let mut word_end = core_end;
    let mut possessive = false;
    let core = &chunk[core_start..core_end];
    for ending in ["’s", "'s", "’S", "'S"] {
        if core.len() > ending.len() && core.ends_with(ending) {
            word_end = core_end - ending.len();
            possessive = true;
            break;
        }
    }
    let after = &chunk[core_end..];
    if !possessive && core.ends_with('s') && (after.starts_with('’') || after.starts_with('\'')) {
        possessive = true;
    }
    let mut word = &chunk[core_start..word_end];
    let mut key = word_key_of(word);
    let mut trail_start = core_end;
    // Keep the period of initials and abbreviations ("J.S.", "Gen.") inside the word.
    if !possessive && after.starts_with('.') && keeps_period(word, &key) {
        word_end = core_end + 1;
        trail_start = core_end + 1;
        word = &chunk[core_start..word_end];
        key = word_key_of(word);
    }
    let trail = if possessive {
        &chunk[core_end..]
    } else {
        &chunk[trail_start..]
    };
    let trail = if possessive && trail.starts_with(['’', '\'']) {
        // "Jones’" : the apostrophe is the possessive, not a break.
        let rest = trail.trim_start_matches(['’', '\'']);
        rest
    } else {
        trail
    };
    let shape = shape_of(word, &key);
    tokens.push(Token {
        start: start + core_start,
        end: start + word_end,
        text: word,
        key,
        shape,
        possessive,
        lead: &chunk[..core_start],
        trail,
        classes: Cell::new(None),
    });
}

/// True when a period after `word` (folded: `key`) belongs to it: initials
/// and short title abbreviations.
fn keeps_period(word: &str, key: &str) -> bool {
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    first_upper
        && (is_initials_core(word)
            || (word.chars().filter(|c| c.is_alphabetic()).count() <= 4
                && (is_title_word(key) || is_place_prefix(key) || is_name_suffix(key))))
}

/// "L", "J.S", "U.S": single capitals separated by periods (the last period not included).
fn is_initials_core(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(|c| c.is_uppercase()))
}

fn shape_of(word: &str, key: &str) -> Shape {
    if let Some(core) = word.strip_suffix('.') {
        if is_initials_core(core) {
            return Shape::Initials;
        }
    }
    if is_particle(key) && word.chars().all(|c| c.is_lowercase()) {
        return Shape::Particle;
    }
    let hyphenated = word.as_bytes().contains(&b'-');
    if !hyphenated && !word.chars().next().is_some_and(char::is_uppercase) {
        // Most words: a single part that is not capitalised is never a name.
        return Shape::Other;
    }
    if word
        .bytes()
        .any(|byte| byte == b'@' || byte == b':' || byte.is_ascii_digit())
    {
        return Shape::Other;
    }
    if !hyphenated {
        // A single part: the loop below reduces to this.
        return if is_capitalised_part(word) {
            Shape::Name
        } else {
            Shape::Other
        };
    }
    if let Some((prefix, rest)) = word.split_once('-') {
        if matches!(prefix, "then" | "ex" | "former") && is_title_word(&word_key_of(rest)) {
            return Shape::PrefixedTitle;
        }
    }
    // "Ji-hoon", "Chung-tai": a given name of hyphenated syllables.
    if is_capitalised_part(word.split('-').next().unwrap_or_default())
        && is_syllabic_given_name(word)
    {
        return Shape::Name;
    }
    let part_count = word.split('-').count();
    let mut has_capitalised_part = false;
    for (index, part) in word.split('-').enumerate() {
        if part.is_empty() {
            return Shape::Other;
        }
        // Only a part before a hyphen can be a glued particle ("al-" of "al-Sudani").
        if index + 1 < part_count
            && part.chars().all(|c| c.is_lowercase())
            && is_glued_particle(part)
        {
            continue;
        }
        if !is_capitalised_part(part) {
            return Shape::Other;
        }
        has_capitalised_part = true;
    }
    if has_capitalised_part {
        Shape::Name
    } else {
        Shape::Other
    }
}

/// "Sudani", "O'Brien", "McCain", "Ameer", "Al" with an abbreviation period: capital, then some lower case.
fn is_capitalised_part(part: &str) -> bool {
    let mut chars = part.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut has_lower = false;
    for c in chars {
        if c.is_lowercase() {
            has_lower = true;
        } else if !(c.is_alphabetic() || matches!(c, '\'' | '’' | '.')) {
            return false;
        }
    }
    has_lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, Shape, bool, String)> {
        tokenize(text)
            .into_iter()
            .map(|t| {
                (
                    t.text.to_string(),
                    t.shape,
                    t.possessive,
                    t.trail.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn shapes_and_punctuation() {
        type Expected<'a> = &'a [(&'a str, Shape, bool, &'a str)];
        let cases: &[(&str, Expected)] = &[
            (
                "Zapatero’s plan,",
                &[
                    ("Zapatero", Shape::Name, true, ""),
                    ("plan", Shape::Other, false, ","),
                ],
            ),
            (
                "Nicolas J.S. Davies said.",
                &[
                    ("Nicolas", Shape::Name, false, ""),
                    ("J.S.", Shape::Initials, false, ""),
                    ("Davies", Shape::Name, false, ""),
                    ("said", Shape::Other, false, "."),
                ],
            ),
            (
                "Maj. Gen. al-Sudani",
                &[
                    ("Maj.", Shape::Name, false, ""),
                    ("Gen.", Shape::Name, false, ""),
                    ("al-Sudani", Shape::Name, false, ""),
                ],
            ),
            (
                "John Moore/Getty Images",
                &[
                    ("John", Shape::Name, false, ""),
                    ("Moore", Shape::Name, false, "/"),
                    ("Getty", Shape::Name, false, ""),
                    ("Images", Shape::Name, false, ""),
                ],
            ),
            (
                "US-led then-President NATO Jones’ x@y.com",
                &[
                    ("US-led", Shape::Other, false, ""),
                    ("then-President", Shape::PrefixedTitle, false, ""),
                    ("NATO", Shape::Other, false, ""),
                    ("Jones", Shape::Name, true, ""),
                    ("x@y.com", Shape::Other, false, ""),
                ],
            ),
            (
                "Kim Jong-un anti-war",
                &[
                    ("Kim", Shape::Name, false, ""),
                    ("Jong-un", Shape::Name, false, ""),
                    ("anti-war", Shape::Other, false, ""),
                ],
            ),
            (
                "(Abu Taqwa), bin",
                &[
                    ("Abu", Shape::Name, false, ""),
                    ("Taqwa", Shape::Name, false, "),"),
                    ("bin", Shape::Particle, false, ""),
                ],
            ),
        ];
        for (text, expected) in cases {
            let got = words(text);
            let expected: Vec<(String, Shape, bool, String)> = expected
                .iter()
                .map(|(w, s, p, t)| (w.to_string(), *s, *p, t.to_string()))
                .collect();
            assert_eq!(got, expected, "tokens of {text:?}");
        }
    }

    #[test]
    fn ascii_bytes_are_read_as_their_chars() {
        for byte in 0..128u8 {
            let c = char::from(byte);
            let class = ASCII_CLASS[usize::from(byte)];
            assert_eq!(class & IN_WORD != 0, !is_separator(c), "{byte:#x}");
            let lower_or_digit = c.is_lowercase() || c.is_ascii_digit();
            assert_eq!(class & LOWER_OR_DIGIT != 0, lower_or_digit, "{byte:#x}");
            assert_eq!(is_ascii_space(byte), c.is_whitespace(), "{byte:#x}");
        }
        assert!(ASCII_CLASS[128..].iter().all(|&class| class == 0));
    }

    #[test]
    fn offsets_are_on_char_boundaries_for_any_input() {
        let inputs = [
            "",
            "\0\0",
            "😀 José 😀’s",
            "a\r\nB C",
            "’s",
            "...",
            "Ü.",
            "— Éric — ",
        ];
        for text in inputs {
            for token in tokenize(text) {
                assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
                assert_eq!(&text[token.start..token.end], token.text);
            }
        }
    }
}
