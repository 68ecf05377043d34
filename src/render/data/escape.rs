//! Escaping straight into an output buffer: text in, the bytes of a JSON
//! string, of HTML, or of HTML inside a JSON string out.
//!
//! The output must be byte for byte what `serde_json` and plain HTML
//! escaping (each of `&<>"'` and NUL replaced) give; the tests below check
//! it on arbitrary text. This module only makes it cheaper, for the data
//! files and for [`super::super::escape_html`], which every page's `{{ }}`
//! goes through. Most text needs no escaping at all, so it is checked
//! sixteen bytes at a time (SSE2 on x86-64, two machine words elsewhere)
//! and copied in runs, and nothing is allocated on the way.

/// Appends `text` as a JSON string, quotes included, escaped as `serde_json` escapes it.
pub fn json_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    json_escaped(out, text);
    out.push(b'"');
}

/// Appends `text` JSON-escaped, without quotes: for a string written in parts.
pub fn json_escaped(out: &mut Vec<u8>, text: &str) {
    escape_runs(out, text.as_bytes(), JSON, json_replacement);
}

/// Appends `text` escaped for HTML as [`super::super::escape_html`] escapes it.
pub fn html_escaped(out: &mut Vec<u8>, text: &str) {
    escape_runs(out, text.as_bytes(), HTML, html_replacement);
}

/// [`html_escaped`] onto a string: what [`super::super::escape_html`] and
/// the HTML written in parts use.
pub fn html_escaped_string(out: &mut String, text: &str) {
    // SAFETY: `escape_runs` appends `text` in runs cut only before and after
    // special bytes, which are all ASCII, and replacements that are UTF-8,
    // so what it appends is UTF-8 and `out` stays a valid string.
    html_escaped(unsafe { out.as_mut_vec() }, text);
}

/// Appends `text` escaped for HTML and then for a JSON string, in one pass:
/// what `json_escaped(&escape_html(text))` gives.
pub fn html_json_escaped(out: &mut Vec<u8>, text: &str) {
    escape_runs(out, text.as_bytes(), HTML_JSON, |byte| {
        // HTML first: none of its replacements holds a byte JSON escapes.
        html_replacement(byte).or_else(|| json_replacement(byte))
    });
}

/// Appends `number` in decimal.
pub fn decimal(out: &mut Vec<u8>, mut number: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// The bytes an escaping replaces: those below `below` and those in `equal`.
#[derive(Clone, Copy)]
struct Specials {
    below: u8,
    equal: &'static [u8],
}

/// JSON: the control characters, the quote and the backslash.
const JSON: Specials = Specials {
    below: 0x20,
    equal: b"\"\\",
};

/// HTML: NUL, the ampersand, angle brackets and both quotes.
const HTML: Specials = Specials {
    below: 0x01,
    equal: b"&<>\"'",
};

/// Both: the control characters take in NUL.
const HTML_JSON: Specials = Specials {
    below: 0x20,
    equal: b"\\&<>\"'",
};

/// Copies `text` into `out`, replacing each byte `replacement` names (the
/// `specials`). Blocks without a special byte are copied without a look at
/// each byte. Every special byte is ASCII, so a run never ends inside a
/// character.
#[inline(always)]
fn escape_runs(
    out: &mut Vec<u8>,
    text: &[u8],
    specials: Specials,
    replacement: impl Fn(u8) -> Option<&'static [u8]>,
) {
    out.reserve(text.len());
    // `text[copied..at]` is read and plain, not yet copied.
    let mut copied = 0;
    let mut at = 0;
    let escape_bytes = |out: &mut Vec<u8>, from: usize, to: usize, copied: &mut usize| {
        for index in from..to {
            if let Some(replacement) = replacement(text[index]) {
                out.extend_from_slice(&text[*copied..index]);
                out.extend_from_slice(replacement);
                *copied = index + 1;
            }
        }
    };
    while let Some(block) = text.get(at..at + 16) {
        if !plain16(block.try_into().expect("sixteen bytes"), specials) {
            escape_bytes(out, at, at + 16, &mut copied);
        }
        at += 16;
    }
    if let Some(word) = text.get(at..at + 8) {
        if !plain8(word.try_into().expect("eight bytes"), specials) {
            escape_bytes(out, at, at + 8, &mut copied);
        }
        at += 8;
    }
    // The last few bytes: the word ending with them, which overlaps bytes
    // already read, says whether any needs a look (most strings are short,
    // so this is often most of the string).
    let tail_is_plain = match text.len().checked_sub(8) {
        Some(last) => plain8(text[last..].try_into().expect("eight bytes"), specials),
        None => false,
    };
    if !tail_is_plain {
        escape_bytes(out, at, text.len(), &mut copied);
    }
    out.extend_from_slice(&text[copied..]);
}

/// Whether none of the sixteen bytes is special.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn plain16(block: &[u8; 16], specials: Specials) -> bool {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86-64 processor, and the load reads
    // the sixteen bytes of `block`, no more.
    unsafe {
        let bytes = _mm_loadu_si128(block.as_ptr().cast());
        // Unsigned `byte < below` as `min(byte, below - 1) == byte`.
        let limit = _mm_set1_epi8((specials.below - 1) as i8);
        let mut special = _mm_cmpeq_epi8(_mm_min_epu8(bytes, limit), bytes);
        for &byte in specials.equal {
            let equal = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(byte as i8));
            special = _mm_or_si128(special, equal);
        }
        _mm_movemask_epi8(special) == 0
    }
}

/// Whether none of the sixteen bytes is special.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn plain16(block: &[u8; 16], specials: Specials) -> bool {
    plain16_by_words(block, specials)
}

/// [`plain16`] as two words.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn plain16_by_words(block: &[u8; 16], specials: Specials) -> bool {
    let (low, high) = block.split_at(8);
    plain8(low.try_into().expect("eight bytes"), specials)
        & plain8(high.try_into().expect("eight bytes"), specials)
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether none of the eight bytes is special, tested on the word at once:
/// `(x - limit) & !x` sets the high bit of a byte below `limit` (at most
/// 0x80), a byte equal to `b` is one where `x ^ b` is below 1. Exact as a
/// test for any such byte: the borrows only mark bytes above one that is.
#[inline(always)]
fn plain8(bytes: &[u8; 8], specials: Specials) -> bool {
    let word = u64::from_le_bytes(*bytes);
    let below = |word: u64, limit: u8| word.wrapping_sub(ONES * limit as u64) & !word;
    let mut special = below(word, specials.below);
    for &byte in specials.equal {
        special |= below(word ^ (ONES * byte as u64), 1);
    }
    special & HIGHS == 0
}

/// `serde_json`'s escapes: the short ones where JSON has them, else `\u00XX`
/// in lower-case hex for the other control characters.
fn json_replacement(byte: u8) -> Option<&'static [u8]> {
    Some(match byte {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x09 => b"\\t",
        0x0a => b"\\n",
        0x0c => b"\\f",
        0x0d => b"\\r",
        0x00..=0x1f => &CONTROL_ESCAPES[byte as usize],
        _ => return None,
    })
}

/// `\u0000` to `\u001f`.
const CONTROL_ESCAPES: [[u8; 6]; 32] = {
    let hex = b"0123456789abcdef";
    let mut table = [*b"\\u0000"; 32];
    let mut byte = 0;
    while byte < 32 {
        table[byte][4] = hex[byte >> 4];
        table[byte][5] = hex[byte & 0xf];
        byte += 1;
    }
    table
};

fn html_replacement(byte: u8) -> Option<&'static [u8]> {
    Some(match byte {
        b'&' => b"&amp;",
        b'<' => b"&lt;",
        b'>' => b"&gt;",
        b'"' => b"&quot;",
        b'\'' => b"&#39;",
        0 => "\u{fffd}".as_bytes(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// HTML escaping byte by byte, as the blocks must give it.
    fn escape_html(text: &str) -> String {
        let mut out = String::new();
        for character in text.chars() {
            match character {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                '\0' => out.push('\u{fffd}'),
                other => out.push(other),
            }
        }
        out
    }

    /// What the pages get: the same, onto a string.
    fn html_string(text: &str) -> String {
        let mut out = String::from("x");
        html_escaped_string(&mut out, text);
        out.split_off(1)
    }

    fn json(text: &str) -> String {
        let mut out = Vec::new();
        json_string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    fn html(text: &str) -> String {
        let mut out = Vec::new();
        html_escaped(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    fn html_json(text: &str) -> String {
        let mut out = Vec::new();
        html_json_escaped(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    /// Every special byte at every position of a word, and runs that cross words.
    #[test]
    fn escapes_as_serde_json_and_escape_html_do() {
        let specials = [
            "\"", "\\", "\0", "\x01", "\x08", "\t", "\n", "\x0b", "\x0c", "\r",
        ];
        let more = [
            "\x1f", "\x7f", "&", "<", ">", "'", "é", "\u{2028}", "/", " ",
        ];
        for special in specials.iter().chain(&more) {
            for before in 0..17 {
                for after in [0, 1, 7, 8, 9] {
                    let text = format!("{}{special}{}", "a".repeat(before), "b".repeat(after));
                    assert_eq!(
                        json(&text),
                        serde_json::to_string(&text).unwrap(),
                        "{text:?}"
                    );
                    assert_eq!(html(&text), escape_html(&text), "{text:?}");
                    assert_eq!(html_string(&text), escape_html(&text), "{text:?}");
                    let expected = serde_json::to_string(&escape_html(&text)).unwrap();
                    assert_eq!(format!("\"{}\"", html_json(&text)), expected, "{text:?}");
                }
            }
        }
        assert_eq!(json(""), "\"\"");
    }

    #[test]
    fn writes_numbers_in_decimal() {
        for number in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut out = Vec::new();
            decimal(&mut out, number);
            assert_eq!(out, number.to_string().as_bytes());
        }
    }

    /// One byte of every value at every place of a block, alone and beside
    /// bytes that borrow (0x00, 0xff), on both paths whatever the machine.
    #[test]
    fn blocks_are_plain_exactly_when_no_byte_is_special() {
        for specials in [JSON, HTML, HTML_JSON] {
            let special = |byte: &u8| *byte < specials.below || specials.equal.contains(byte);
            for byte in 0..=255u8 {
                for at in 0..16 {
                    for other in [b'a', 0x00, 0xff] {
                        let mut block = [b'a'; 16];
                        block[15 - at] = other;
                        block[at] = byte;
                        let plain = !block.iter().any(special);
                        assert_eq!(plain16(&block, specials), plain, "{block:?}");
                        assert_eq!(plain16_by_words(&block, specials), plain, "{block:?}");
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_is_escaped_as_serde_json_and_escape_html_do(text in "(?s).{0,80}") {
            prop_assert_eq!(json(&text), serde_json::to_string(&text).unwrap());
            prop_assert_eq!(html(&text), escape_html(&text));
            prop_assert_eq!(html_string(&text), escape_html(&text));
            let expected = serde_json::to_string(&escape_html(&text)).unwrap();
            prop_assert_eq!(format!("\"{}\"", html_json(&text)), expected);
        }

        #[test]
        fn ascii_with_control_characters_is_escaped_as_serde_json_does(
            bytes in proptest::collection::vec(0u8..0x80, 0..64)
        ) {
            let text = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(json(&text), serde_json::to_string(&text).unwrap());
            prop_assert_eq!(html(&text), escape_html(&text));
        }
    }
}
