//! Writing many records in parallel, in order: a count of items and a
//! function that writes item `i` into a buffer in; the bytes of every item,
//! in item order, handed to the output out.
//!
//! Items are grouped into chunks of a fixed count; a round of chunks is made
//! in parallel, each into its own buffer, and the buffers are written in
//! order before the next round starts. The bytes never depend on how many
//! threads did the work, and at most one round is in memory at once.

use rayon::prelude::*;
use std::io;

/// How many chunks are made in parallel before they are written: enough to
/// keep every thread busy, few enough that a round stays a few megabytes.
const CHUNKS_PER_ROUND: usize = 32;

/// The most memory a chunk's buffer keeps for the next round.
const KEPT_CAPACITY: usize = 1 << 20;

/// Writes items `0..count`, each made by `item` into its chunk's buffer, to
/// `emit` in order, a chunk at a time; stops at the first error.
pub fn write_in_chunks(
    emit: &mut dyn FnMut(&[u8]) -> io::Result<()>,
    count: usize,
    items_per_chunk: usize,
    item: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    let items_per_chunk = items_per_chunk.max(1);
    let chunks = count.div_ceil(items_per_chunk);
    // One buffer per chunk of a round, kept from round to round rather than
    // allocated and grown afresh for every chunk.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for round in (0..chunks).step_by(CHUNKS_PER_ROUND) {
        buffers.resize_with(CHUNKS_PER_ROUND.min(chunks - round), Vec::new);
        buffers
            .par_iter_mut()
            .enumerate()
            .for_each(|(offset, buffer)| {
                buffer.clear();
                // A chunk that held a very large item does not keep its memory.
                buffer.shrink_to(KEPT_CAPACITY);
                let first = (round + offset) * items_per_chunk;
                for index in first..count.min(first + items_per_chunk) {
                    item(index, buffer);
                }
            });
        for buffer in &buffers {
            emit(buffer)?;
        }
    }
    Ok(())
}

/// The elements of a JSON array, made by [`write_in_chunks`]: `item` writes
/// each element it makes (none, one or more) after a comma; the first
/// comma of the whole list is left out.
pub fn write_elements(
    out: &mut dyn io::Write,
    count: usize,
    items_per_chunk: usize,
    item: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    let mut first = true;
    let mut emit = |bytes: &[u8]| {
        let bytes = match bytes.split_first() {
            Some((comma, rest)) if first => {
                debug_assert_eq!(*comma, b',', "an element starts with a comma");
                first = false;
                rest
            }
            _ => bytes,
        };
        out.write_all(bytes)
    };
    write_in_chunks(&mut emit, count, items_per_chunk, item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(
        count: usize,
        per_chunk: usize,
        item: impl Fn(usize, &mut Vec<u8>) + Sync,
    ) -> String {
        let mut out = Vec::new();
        write_elements(&mut out, count, per_chunk, item).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn writes_items_in_order_whatever_the_chunks() {
        let expected: String = (0..1000).map(|i| format!(",{i}")).collect();
        for per_chunk in [0, 1, 3, 32, 999, 1000, 5000] {
            let written = elements(1000, per_chunk, |i, out| {
                out.extend(format!(",{i}").bytes())
            });
            assert_eq!(written, expected[1..], "{per_chunk} per chunk");
        }
    }

    #[test]
    fn leaves_out_only_the_first_comma_even_after_empty_items() {
        let some = |i: usize, out: &mut Vec<u8>| {
            if i % 3 == 2 {
                out.extend(format!(",{i}").bytes());
            }
        };
        assert_eq!(elements(9, 2, some), "2,5,8");
        assert_eq!(elements(2, 1, some), "");
        assert_eq!(elements(0, 1, some), "");
    }
}
