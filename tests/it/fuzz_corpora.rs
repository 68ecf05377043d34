//! Replays the fuzz corpora (`fuzz/corpus/TARGET/*`) through the same checks
//! the fuzzers run, so every input a fuzzer found interesting stays a test
//! case under plain `cargo test`, on stable Rust, without cargo-fuzz.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "the {target} corpus is empty");
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", input.display());
    }
}

#[test]
fn cleaner_corpus() {
    replay("clean", checks::clean_target);
}

#[test]
fn date_finder_corpus() {
    replay("dates", checks::dates_target);
}

#[test]
fn name_finder_corpus() {
    replay("names", checks::names_target);
}

#[test]
fn front_matter_corpus() {
    replay("frontmatter", checks::frontmatter_target);
}
