//! `bench/test_clean_eval.py` checks how `bench/clean_eval.py` scores the
//! cleaner: bags of words, snippets, titles and the body read from a built
//! source page. Skipped when there is no `python3`, unless `CI=true`.

use std::process::Command;

#[test]
fn the_cleaner_scorer_counts_words_snippets_and_titles() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/test_clean_eval.py");
    let output = match Command::new("python3").args(["-B", script]).output() {
        Ok(output) => output,
        Err(error) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "python3 is needed to test {script}: {error}"
            );
            eprintln!("skipped: python3 is not here ({error})");
            return;
        }
    };
    assert!(
        output.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
