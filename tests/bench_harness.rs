//! The benchmark harness's own checks: `bench/test_run.py` tests how
//! `bench/run.py` judges the performance targets from its measurements.
//! Skipped when there is no `python3`, unless `CI=true`, where that is a
//! failure.

use std::process::Command;

#[test]
fn the_harness_judges_the_targets_as_they_are_written() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/test_run.py");
    let output = match Command::new("python3").args(["-B", script]).output() {
        Ok(output) => output,
        Err(error) => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("python3 is needed to test bench/run.py: {error}");
            }
            eprintln!("skipped: python3 is not here ({error})");
            return;
        }
    };
    assert!(
        output.status.success(),
        "bench/test_run.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
