//! Fingerprints: any hashable value in, a 64-bit hash out, the same for the
//! same value within one process. `serve` and `watch` compare them to tell
//! what an edit changed: page inputs, output files, source files.

use std::hash::{BuildHasher, Hash, Hasher};

/// The hasher of fingerprints: foldhash's quality hasher with its fixed
/// seed. It is faster than the standard library's SipHash on the megabytes
/// of text a large site's fingerprints cover, and spreads as well.
/// Nothing stores a fingerprint beyond the process that made it.
#[derive(Clone)]
pub struct Fingerprinter(foldhash::quality::FoldHasher<'static>);

impl Fingerprinter {
    pub fn new() -> Self {
        Fingerprinter(foldhash::quality::FixedState::default().build_hasher())
    }
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher for Fingerprinter {
    fn finish(&self) -> u64 {
        self.0.finish()
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    fn write_u8(&mut self, number: u8) {
        self.0.write_u8(number);
    }

    fn write_u32(&mut self, number: u32) {
        self.0.write_u32(number);
    }

    fn write_u64(&mut self, number: u64) {
        self.0.write_u64(number);
    }

    fn write_usize(&mut self, number: usize) {
        self.0.write_usize(number);
    }
}

pub fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = Fingerprinter::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of a source's raw text: 64-bit FNV-1a, in hex. Written
/// into the file, so it must be the same on every machine and every version
/// (unlike the other fingerprints here, which live only within one process):
/// the addresses file records it ([`crate::addresses`]).
pub fn stable_hex(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_agree_and_different_values_differ() {
        let text = "The ferry count was signed on 14 February 2021.".to_string();
        assert_eq!(hash_of(&text), hash_of(text.clone()));
        assert_ne!(hash_of(&text), hash_of(text.replace("14", "15")));
        // Integers take the hasher's own paths; they must tell values apart too.
        assert_ne!(hash_of(1u64), hash_of(2u64));
        assert_ne!(hash_of(3usize), hash_of(4usize));
        assert_ne!(hash_of((1u8, 2u32)), hash_of((2u8, 1u32)));
        // A hasher cloned midway continues from the same state.
        let mut first = Fingerprinter::new();
        text.hash(&mut first);
        let mut second = first.clone();
        7u64.hash(&mut first);
        7u64.hash(&mut second);
        assert_eq!(first.finish(), second.finish());
    }
}
