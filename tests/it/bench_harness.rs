//! The benchmark harness's own checks: `bench/test_run.py` tests how
//! `bench/run.py` judges the performance targets from its measurements, and
//! `bench/test_dates_eval.py` how `bench/dates_eval.py` reads TimeML and
//! scores the date finder, `bench/test_clean_eval.py` how
//! `bench/clean_eval.py` scores the cleaner (bags of words, snippets, titles
//! and the body read from a built source page).
//! Skipped when there is no `python3`, unless `CI=true`, where that is a
//! failure.

use std::process::Command;

#[test]
fn the_harness_judges_the_targets_as_they_are_written() {
    run_python_checks(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/test_run.py"));
}

#[test]
fn the_dates_scorer_reads_timeml_and_scores_pairs_as_sets() {
    run_python_checks(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bench/test_dates_eval.py"
    ));
}

#[test]
fn the_cleaner_scorer_counts_words_snippets_and_titles() {
    run_python_checks(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bench/test_clean_eval.py"
    ));
}

fn run_python_checks(script: &str) {
    let output = match Command::new("python3").args(["-B", script]).output() {
        Ok(output) => output,
        Err(error) => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("python3 is needed to test {script}: {error}");
            }
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
