//! Raw text in, numbered and normalised lines out, plus the line-shape tests
//! the other cleaning passes share (does it end a sentence, does it start
//! mid-sentence, is it a fragment, ...).
//!
//! Normalising never invents text: it deletes the invisible characters (a
//! byte-order mark, zero-width characters, soft hyphens), turns line ends
//! (LF, CRLF, lone CR) and control characters into whitespace, then
//! collapses whitespace runs into single spaces.

use super::bytes;

/// One raw line after normalisation.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number in the raw file.
    pub number: usize,
    /// Trimmed text with single spaces; empty for a blank line.
    pub text: String,
    /// Number of words in `text` (the rules ask it about nearly every line).
    pub words: usize,
}

impl Line {
    /// Normalises one raw line, counting its words on the way.
    fn new(number: usize, raw: &str) -> Line {
        if has_invisible(raw) {
            // Deleted, not spaced: a soft hyphen or a zero-width space sits
            // inside a word ("Werk\u{ad}zeug"), and a space would split it.
            let visible: String = raw.chars().filter(|c| !is_invisible(*c)).collect();
            return Line::visible(number, &visible);
        }
        Line::visible(number, raw)
    }

    /// Normalises a line that holds no invisible characters.
    fn visible(number: usize, raw: &str) -> Line {
        if let Some(words) = words_if_normal(raw) {
            return Line {
                number,
                text: raw.to_string(),
                words,
            };
        }
        let bytes = raw.as_bytes();
        let mut line = Line {
            number,
            text: String::with_capacity(raw.len()),
            words: 0,
        };
        let mut index = 0;
        // Alternates between a run of spacing and a stretch of words. Most
        // lines are mostly words apart by one plain space, already as they
        // should be, so such a stretch is copied whole rather than word by word.
        loop {
            index = run_end(raw, index, true);
            if index == raw.len() {
                return line;
            }
            let stretch_start = index;
            loop {
                index = run_end(raw, index, false);
                line.words += 1;
                let single_space = bytes.get(index) == Some(&b' ')
                    && index + 1 < raw.len()
                    && !spacing_at(raw, index + 1).0;
                if !single_space {
                    break;
                }
                index += 1;
            }
            if !line.text.is_empty() {
                line.text.push(' ');
            }
            line.text.push_str(&raw[stretch_start..index]);
        }
    }
}

/// The word count of `raw` if normalising leaves it as it is (single spaces
/// between words, no other spacing), as most lines of a saved article are.
/// Each test runs over the whole line at once, far faster than normalising
/// it character by character to find nothing to change.
fn words_if_normal(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') || raw.contains("  ") {
        return None;
    }
    // Controls, DEL and the first bytes of characters outside ASCII, which
    // are spacing or not by their character.
    let mut at = 0;
    while let Some(offset) = bytes::position(&bytes[at..], |byte| !(b' '..0x7F).contains(&byte)) {
        let (spacing, width) = spacing_at(raw, at + offset);
        if spacing {
            return None;
        }
        at += offset + width;
    }
    let spaces = bytes::count(bytes, |byte| byte == b' ');
    Some(if raw.is_empty() { 0 } else { spaces + 1 })
}

/// Where the run of spacing (or of non-spacing) characters starting at byte `index` ends.
fn run_end(raw: &str, mut index: usize, spacing: bool) -> usize {
    let bytes = raw.as_bytes();
    while let Some(&byte) = bytes.get(index) {
        // ASCII, most of any text, is settled by the byte: printable characters
        // are text; the space, controls and DEL are spacing.
        if byte.is_ascii() {
            if byte.is_ascii_graphic() == spacing {
                break;
            }
            index += 1;
        } else {
            let (is_spacing, width) = spacing_at(raw, index);
            if is_spacing != spacing {
                break;
            }
            index += width;
        }
    }
    index
}

/// Is the character starting at byte `index` spacing (see [`is_spacing`]), and how long is it?
fn spacing_at(raw: &str, index: usize) -> (bool, usize) {
    let byte = raw.as_bytes()[index];
    if byte.is_ascii() {
        return (!byte.is_ascii_graphic(), 1);
    }
    // Every spacing character outside ASCII starts with one of these bytes
    // (U+0080-U+00BF, U+1680, U+2000-U+2FFF, U+3000, U+FEFF): any other
    // character is text, and its length is read off its first byte.
    if !matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF) {
        let width = match byte {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        return (false, width);
    }
    match raw[index..].chars().next() {
        Some(character) => (is_spacing(character), character.len_utf8()),
        None => (true, 1),
    }
}

/// Splits raw text into normalised lines, in one pass.
pub(crate) fn split_lines(raw: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = raw.as_bytes();
    while let Some(offset) = bytes::position_of_any(&bytes[start..], [b'\n', b'\r']) {
        let index = start + offset;
        // '\r' and '\n' are ASCII, so these byte offsets are char boundaries.
        lines.push(Line::new(lines.len() + 1, &raw[start..index]));
        let crlf = bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n');
        start = index + 1 + usize::from(crlf);
    }
    if start < raw.len() {
        lines.push(Line::new(lines.len() + 1, &raw[start..]));
    }
    lines
}

/// Collapses whitespace, control and invisible characters into single spaces and trims.
pub(crate) fn normalise(text: &str) -> String {
    Line::new(0, text).text
}

/// Whitespace and control characters.
fn is_spacing(character: char) -> bool {
    character.is_whitespace() || character.is_control()
}

/// The invisible characters pasted text carries: a byte-order mark,
/// zero-width spaces and joiners, the word joiner, the soft hyphen.
fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}'
    )
}

/// Does the line hold an invisible character? Each starts with byte 0xC2,
/// 0xE2 or 0xEF, so a line without those bytes is settled without decoding.
fn has_invisible(raw: &str) -> bool {
    raw.as_bytes()
        .iter()
        .any(|byte| matches!(byte, 0xC2 | 0xE2 | 0xEF))
        && raw.chars().any(is_invisible)
}

/// Quote marks that open a quoted passage.
pub(crate) const OPENING_QUOTES: &[char] = &['“', '"', '‘', '\'', '«', '„', '‹'];
/// Marks that may follow the last word of a sentence: closing quotes and brackets.
const CLOSING_MARKS: &[char] = &['”', '"', '’', '\'', '»', '›', ')', ']'];

/// Does the text end a sentence (terminal punctuation, maybe inside closing quotes)?
pub(crate) fn ends_sentence(text: &str) -> bool {
    let stripped = text.trim_end_matches(CLOSING_MARKS);
    matches!(
        stripped.chars().last(),
        Some('.' | '!' | '?' | '…' | '。' | '！' | '？')
    )
}

/// Does the text end with a colon (an introduction to what follows)?
pub(crate) fn ends_with_colon(text: &str) -> bool {
    text.ends_with(':')
}

/// Does the text start in the middle of a sentence (lower case, or punctuation
/// that can only continue something)?
pub(crate) fn starts_mid_sentence(text: &str) -> bool {
    match text.chars().next() {
        Some(first) => {
            first.is_lowercase()
                || matches!(
                    first,
                    ',' | ';' | ':' | ')' | ']' | '”' | '’' | '»' | '—' | '–' | '.'
                )
        }
        None => false,
    }
}

/// Does the text start with an opening quote mark?
pub(crate) fn starts_with_quote(text: &str) -> bool {
    text.starts_with(OPENING_QUOTES)
}

/// Does the text end with a closing quote mark (maybe followed by punctuation)?
pub(crate) fn ends_with_quote(text: &str) -> bool {
    let stripped = text.trim_end_matches(['.', ',', '!', '?', ';', ':', ')']);
    stripped.ends_with(['”', '"', '’', '\'', '»'])
}

/// Number of whitespace-separated words.
pub(crate) fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// `word_count(text).min(cap)`, reading no further than the word past the
/// cap: "has it at most N words" costs N words, not the whole paragraph.
pub(crate) fn word_count_up_to(text: &str, cap: usize) -> usize {
    // The same count as `split_whitespace()`, in a plain loop.
    let mut words = 0;
    let mut in_word = false;
    for character in text.chars() {
        let is_space = character.is_whitespace();
        if !is_space && !in_word {
            if words == cap {
                break;
            }
            words += 1;
        }
        in_word = !is_space;
    }
    words
}

/// The words of the text without surrounding punctuation, lower-cased.
fn bare_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Words that cannot end a sentence or a heading: a text ending with one was cut off.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "your", "my", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into",
    "onto", "over", "under", "between", "among", "against", "during", "without", "within",
    "through", "toward", "towards", "upon", "via", "and", "or", "but", "nor", "as", "than",
    "because", "while", "whose", "which", "who", "whom", "where", "when", "if", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "may",
    "might", "must", "such", "very", "either", "neither", "each", "every",
];

/// Words that begin a clause but never a heading.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "and", "or", "as", "so", "yet", "because", "while", "although", "though", "if", "when",
    "whereas", "since", "which", "who", "that",
];

/// Does the text end with an article, preposition, conjunction or auxiliary?
pub(crate) fn ends_with_function_word(text: &str) -> bool {
    // "over?" or "that:" ends on punctuation, so nothing was cut off.
    if !text.ends_with(char::is_alphanumeric) {
        return false;
    }
    text.split_whitespace()
        .last()
        .map(|word| FUNCTION_WORDS.contains(&bare_word(word).as_str()))
        .unwrap_or(false)
}

/// Does the text start with a conjunction that cannot open a heading?
pub(crate) fn starts_with_clause_opener(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .map(|word| CLAUSE_OPENERS.contains(&bare_word(word).as_str()))
        .unwrap_or(false)
}

/// Does the text contain a sentence end before its last word ("... here. Then ...")?
pub(crate) fn has_inner_sentence_end(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .iter()
        .take(words.len().saturating_sub(1))
        .any(|word| ends_sentence(word) && word.chars().filter(|c| *c == '.').count() <= 1)
}

/// Could the text be a heading or a headline: short, no sentence inside it,
/// not cut off, not starting like a clause?
pub(crate) fn is_heading_like(text: &str) -> bool {
    let words = word_count_up_to(text, 13);
    words > 0
        && words <= 12
        && !text.ends_with(['.', ',', ';', ':'])
        && !has_inner_sentence_end(text)
        && !starts_with_clause_opener(text)
        && !ends_with_function_word(text)
        && !starts_mid_sentence(text)
}

/// Do the text's words mostly start with a capital letter (a name, a label, a heading)?
pub(crate) fn capitalised_share(text: &str) -> f64 {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return 0.0;
    }
    let capitalised = words
        .iter()
        .filter(|word| {
            word.chars()
                .find(|c| c.is_alphabetic())
                .map(char::is_uppercase)
                .unwrap_or(false)
        })
        .count();
    capitalised as f64 / words.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_kind_of_line_end() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("one", &["one"]),
            ("one\ntwo\n", &["one", "two"]),
            ("one\r\ntwo\r\n\r\nfour", &["one", "two", "", "four"]),
            ("one\rtwo\r\rfour", &["one", "two", "", "four"]),
            ("\u{feff}Title\n", &["Title"]),
            ("a\u{0}b  \t c\u{a0}\n", &["a b c"]),
            ("  emoji 😀 line  ", &["emoji 😀 line"]),
        ];
        for (raw, expected) in cases {
            let lines = split_lines(raw);
            let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(&texts, expected, "input {raw:?}");
            for line in &lines {
                assert_eq!(line.words, word_count(&line.text), "{line:?}");
            }
        }
    }

    #[test]
    fn ascii_spacing_is_all_but_the_printable_characters() {
        for byte in 0..=0x7F_u8 {
            assert_eq!(
                is_spacing(char::from(byte)),
                !byte.is_ascii_graphic(),
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn spacing_outside_ascii_starts_with_the_listed_bytes() {
        for character in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let text = character.to_string();
            assert_eq!(
                spacing_at(&text, 0),
                (is_spacing(character), character.len_utf8()),
                "{character:?}"
            );
        }
    }

    #[test]
    fn normalises_runs_of_words_and_spacing() {
        let cases = [
            ("one two  three", "one two three", 3),
            (" one two ", "one two", 2),
            ("one \u{a0}two\tthree four\u{200b}", "one two three four", 4),
            ("a b", "a b", 2),
            ("x \u{feff}", "x", 1),
            (
                "“Quoted,” she said — then left…  Done.",
                "“Quoted,” she said — then left… Done.",
                7,
            ),
            (
                "“Quoted,” she said — then left… Done.",
                "“Quoted,” she said — then left… Done.",
                7,
            ),
            ("ends with a control\u{7f}", "ends with a control", 4),
            ("", "", 0),
            (" ", "", 0),
            ("\u{a0}", "", 0),
            ("plain words only", "plain words only", 3),
            // Invisible characters are deleted, never turned into a space.
            ("Werk\u{ad}zeug", "Werkzeug", 1),
            ("zero\u{200b}width join\u{2060}ed", "zerowidth joined", 2),
            ("\u{feff}\u{200d}", "", 0),
        ];
        for (raw, text, words) in cases {
            let line = Line::new(1, raw);
            assert_eq!((line.text.as_str(), line.words), (text, words), "{raw:?}");
        }
    }

    #[test]
    fn counts_words_like_split_whitespace() {
        let cases = [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnewline",
            "no\u{a0}break\u{2003}em\u{3000}ideographic",
            "zero\u{200b}width stays one word",
            "emoji 😀 line",
        ];
        for text in cases {
            let words = text.split_whitespace().count();
            assert_eq!(word_count(text), words, "{text:?}");
            for cap in 0..4 {
                assert_eq!(word_count_up_to(text, cap), words.min(cap), "{text:?}");
            }
        }
    }

    #[test]
    fn numbers_lines_from_one() {
        let lines = split_lines("a\r\nb\rc\nd");
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4]);
    }

    #[test]
    fn line_shapes() {
        let cases: &[(&str, bool, bool, bool)] = &[
            // text, ends_sentence, starts_mid_sentence, ends_with_function_word
            ("He left.", true, false, false),
            ("“It is over,” he said.", true, false, false),
            ("in the “shortest time,” was another", false, true, false),
            (
                "Prime Minister Jose Luis Zapatero that they",
                false,
                false,
                false,
            ),
            (", which has 1,650 troops", false, true, false),
            ("As the", false, false, true),
            ("Is it over?”", true, false, false),
            ("Romano Prodi said:", false, false, false),
        ];
        for (text, ends, mid, function) in cases {
            assert_eq!(ends_sentence(text), *ends, "ends_sentence {text:?}");
            assert_eq!(starts_mid_sentence(text), *mid, "starts_mid {text:?}");
            assert_eq!(
                ends_with_function_word(text),
                *function,
                "function {text:?}"
            );
        }
    }

    #[test]
    fn headings() {
        let cases = [
            ("The Unwilling", true),
            ("What happens next", true),
            ("But the Spanish", false),
            ("As the", false),
            ("He left. Then he came back", false),
            (
                "Spain’s 1,300 troops amount to less than one percent of all forces in Iraq",
                false,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(is_heading_like(text), expected, "{text:?}");
        }
    }
}
