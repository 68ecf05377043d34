//! Reading a source's bytes as text: the bytes of a file in, its text (or
//! the reason it is not one) and what had to be changed to read it out.
//!
//! Most sources are UTF-8 and are taken over as they are. A text saved as
//! UTF-16 (Windows' "Unicode" encoding) is recognised by its byte order mark,
//! or by the pattern of zero bytes plain text in UTF-16 shows without one,
//! and decoded. Anything else with many control characters is a binary file
//! (an image, a PDF, a word processor document) and is refused.

/// What reading a source's bytes gave.
#[derive(Debug, PartialEq)]
pub(crate) enum Decoded {
    /// Valid UTF-8, the bytes themselves.
    Utf8(String),
    /// Not valid UTF-8: invalid bytes are shown as U+FFFD, from `line`
    /// (1-based) on; `bytes` are the file's.
    Lossy {
        text: String,
        line: usize,
        bytes: Vec<u8>,
    },
    /// UTF-16, decoded; `replaced` counts the code units that were not
    /// UTF-16 (a lone surrogate, a last odd byte) and became U+FFFD;
    /// `bytes` are the file's.
    Utf16 {
        text: String,
        big_endian: bool,
        replaced: usize,
        bytes: Vec<u8>,
    },
    /// Not text at all.
    Binary,
}

/// Reads `bytes` as text, as [`Decoded`] describes.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    if let Some(big_endian) = utf16_order(&bytes) {
        let (text, replaced) = decode_utf16(&bytes, big_endian);
        // A binary file may begin with the two bytes of a mark by chance.
        if looks_binary(text.as_bytes()) {
            return Decoded::Binary;
        }
        return Decoded::Utf16 {
            text,
            big_endian,
            replaced,
            bytes,
        };
    }
    if looks_binary(&bytes) {
        return Decoded::Binary;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Utf8(text),
        Err(error) => {
            let line = invalid_utf8_line(error.as_bytes(), &error.utf8_error());
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            Decoded::Lossy {
                text,
                line,
                bytes: error.into_bytes(),
            }
        }
    }
}

/// The byte order of `bytes` if they are UTF-16 (`true`: big-endian): a
/// byte order mark says so, or, without one, the first 8 KiB have the zero
/// bytes of ASCII text in UTF-16 in every other place, and only there.
/// Text in other scripts without a mark cannot be told from binary data
/// this way and is left to [`looks_binary`].
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    // A few characters are no pattern: "a\0" could be anything.
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Nearly every high byte zero, almost no low byte zero (NUL is no text).
    let mostly = |zeros: usize| zeros * 10 >= pairs * 9;
    let hardly = |zeros: usize| zeros * 50 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(false)
    } else if mostly(even) && hardly(odd) {
        Some(true)
    } else {
        None
    }
}

/// Decodes UTF-16 `bytes` (without their byte order mark); returns the text
/// and how many code units could not be decoded and became U+FFFD.
fn decode_utf16(bytes: &[u8], big_endian: bool) -> (String, usize) {
    let body = match bytes {
        [0xFF, 0xFE, rest @ ..] if !big_endian => rest,
        [0xFE, 0xFF, rest @ ..] if big_endian => rest,
        _ => bytes,
    };
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        match big_endian {
            true => u16::from_be_bytes(pair),
            false => u16::from_le_bytes(pair),
        }
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut replaced = 0;
    for unit in char::decode_utf16(units) {
        text.push(unit.unwrap_or_else(|_| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    // An odd last byte is half a character.
    if body.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
        replaced += 1;
    }
    (text, replaced)
}

/// The 1-based line of the first byte that is not valid UTF-8.
pub(crate) fn invalid_utf8_line(bytes: &[u8], error: &std::str::Utf8Error) -> usize {
    bytes[..error.valid_up_to()]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// True when `bytes` look like a binary file (an image, a PDF, a word
/// processor document) rather than text: control characters and bytes that
/// are not UTF-8 make up more than a tenth of the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let mut suspicious = 0;
    for chunk in sample.utf8_chunks() {
        suspicious += chunk
            .valid()
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}'
            })
            .count();
        suspicious += chunk.invalid().len();
    }
    suspicious * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = mark
            .then_some(0xFEFF)
            .into_iter()
            .chain(text.encode_utf16());
        for unit in units {
            bytes.extend(match big_endian {
                true => unit.to_be_bytes(),
                false => unit.to_le_bytes(),
            });
        }
        bytes
    }

    #[test]
    fn reads_utf16_with_or_without_a_mark_and_refuses_binary() {
        let text = "Ferry route approved\n\nThe mayor, Ana Lima, said “yes” — in São Paulo 🚢.\n";
        for (big_endian, mark) in [(false, true), (true, true), (false, false), (true, false)] {
            let bytes = utf16(text, big_endian, mark);
            assert_eq!(
                decode(bytes.clone()),
                Decoded::Utf16 {
                    text: text.to_string(),
                    big_endian,
                    replaced: 0,
                    bytes,
                },
                "big-endian {big_endian}, mark {mark}"
            );
        }
        assert_eq!(decode(text.as_bytes().to_vec()), Decoded::Utf8(text.into()));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".repeat(20);
        assert_eq!(decode(png), Decoded::Binary);
        // Zeros everywhere are no text in any encoding.
        assert_eq!(decode(vec![0; 4096]), Decoded::Binary);
        // Nor is what follows a mark that happens to open a binary file.
        let mut marked = vec![0xFF, 0xFE];
        marked.extend(b"\0\0\0\x10\x01\x02\0\0\0\0\xa0\x0f\0\0\0\0".repeat(64));
        assert_eq!(decode(marked), Decoded::Binary);
    }

    #[test]
    fn broken_utf16_is_decoded_with_replacements_counted() {
        let mut bytes = utf16("Ferry route approved today", false, true);
        bytes.extend([0x00, 0xD8]); // a high surrogate with nothing after it
        bytes.push(b'x'); // half a code unit
        let Decoded::Utf16 { text, replaced, .. } = decode(bytes) else {
            panic!("still UTF-16");
        };
        assert_eq!(text, "Ferry route approved today\u{fffd}\u{fffd}");
        assert_eq!(replaced, 2);
    }

    #[test]
    fn invalid_utf8_is_read_with_the_line_of_the_first_bad_byte() {
        let bytes = b"Headline\n\nThe fare is \xff five euros.\n".to_vec();
        assert_eq!(
            decode(bytes.clone()),
            Decoded::Lossy {
                text: "Headline\n\nThe fare is \u{fffd} five euros.\n".into(),
                line: 3,
                bytes,
            }
        );
    }
}
