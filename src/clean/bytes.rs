//! Byte searches written so the compiler can vectorize them: a byte slice and
//! a test in, the first byte that passes (or how many pass) out.
//!
//! Text is scanned for a few ASCII bytes (line ends, sentence ends,
//! separators) far more often than anything else is done with it. A loop
//! that stops at the first hit tests one byte at a time; these test a whole
//! block of bytes without branching and look inside a block only when it
//! holds a hit. The test passed in must not branch either: combine the
//! comparisons with `|`, not `||` or `matches!`.

/// Bytes tested together; a multiple of every vector width in use.
const BLOCK: usize = 32;

/// The offset of the first byte of `bytes` that `wanted` accepts.
#[inline(always)]
pub(crate) fn position(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut offset = 0;
    for block in &mut blocks {
        let hits = block
            .iter()
            .fold(0u8, |hits, &byte| hits | u8::from(wanted(byte)));
        if hits != 0 {
            return block
                .iter()
                .position(|&byte| wanted(byte))
                .map(|at| offset + at);
        }
        offset += BLOCK;
    }
    let rest = blocks.remainder();
    rest.iter()
        .position(|&byte| wanted(byte))
        .map(|at| offset + at)
}

/// How many bytes of `bytes` `wanted` accepts.
#[inline(always)]
pub(crate) fn count(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
    // A block's count fits in a byte, which keeps the vector lanes narrow.
    bytes
        .chunks(BLOCK)
        .map(|block| {
            let hits = block
                .iter()
                .fold(0u8, |hits, &byte| hits + u8::from(wanted(byte)));
            usize::from(hits)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_counts_as_a_plain_loop_does() {
        let texts = [
            String::new(),
            "no line end here".to_string(),
            "a\nb".to_string(),
            format!("{}\r{}", "x".repeat(31), "y".repeat(40)),
            format!("{}\n", "x".repeat(32)),
            format!("{}\n\n{}", "x".repeat(70), "z".repeat(33)),
            "é\n—\r".repeat(20),
        ];
        let line_end = |byte: u8| (byte == b'\n') | (byte == b'\r');
        for text in &texts {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                let rest = &bytes[from..];
                assert_eq!(
                    position(rest, line_end),
                    rest.iter().position(|&byte| line_end(byte)),
                    "{text:?} from {from}"
                );
            }
            assert_eq!(
                count(bytes, line_end),
                bytes.iter().filter(|&&byte| line_end(byte)).count(),
                "{text:?}"
            );
        }
    }
}
