//! Byte searches written so the compiler can vectorize them: a byte slice and
//! a test in, the first byte that passes (or how many pass) out.
//!
//! Text is scanned for a few ASCII bytes (line ends, sentence ends,
//! separators) far more often than anything else is done with it. A loop
//! that stops at the first hit tests one byte at a time; these test a whole
//! block of bytes at once and look inside a block only when it holds a hit.
//! A test passed in as a closure must not branch: combine the comparisons
//! with `|`, not `||` or `matches!`.

/// Bytes tested together by the portable searches; a multiple of every vector width in use.
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

/// The offset of the first byte of `bytes` that is one of `wanted`.
///
/// Sentence ends and line ends come every hundred bytes or so, so finding
/// the hit inside a block matters as much as skipping blocks without one:
/// on x86-64 each block of 16 bytes is compared in one vector register and
/// the hit read off the comparison's bit mask (SSE2, which every x86-64
/// processor has), about three times faster than [`position`].
#[inline(always)]
pub(crate) fn position_of_any<const N: usize>(bytes: &[u8], wanted: [u8; N]) -> Option<usize> {
    let mut offset = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8, _mm_setzero_si128,
        };
        while let Some(block) = bytes.get(offset..offset + 16) {
            // SAFETY: SSE2 is part of the x86-64 baseline, and the load reads
            // the 16 bytes of `block` (an unaligned load is allowed).
            let mask = unsafe {
                let chunk = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
                let mut hits = _mm_setzero_si128();
                for byte in wanted {
                    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, _mm_set1_epi8(byte as i8)));
                }
                _mm_movemask_epi8(hits)
            };
            if mask != 0 {
                return Some(offset + mask.trailing_zeros() as usize);
            }
            offset += 16;
        }
    }
    position(&bytes[offset..], |byte| {
        wanted.iter().fold(false, |hit, &one| hit | (byte == one))
    })
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
    fn finds_any_of_a_few_bytes_as_a_plain_loop_does() {
        let every_byte: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        let prose = "It rose. Did it? Yes! Then “fell”.\r\n".repeat(5);
        let texts = [&every_byte[..], prose.as_bytes(), b"", b"x", &[b'.'; 40]];
        for bytes in texts {
            for from in 0..=bytes.len() {
                let rest = &bytes[from..];
                for wanted in [[b'.', b'!', b'?'], [0x80, 0xFF, 0], [b'\n', b'\r', b'\r']] {
                    assert_eq!(
                        position_of_any(rest, wanted),
                        rest.iter().position(|byte| wanted.contains(byte)),
                        "{wanted:?} from {from}"
                    );
                }
            }
        }
    }

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
