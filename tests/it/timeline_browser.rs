//! Browser test of travelling the repository's own timeline: the first
//! event on a phone's first screen, the years as a sticky jump row (phone)
//! or rail (wide screen), and chart bars that lead to their year. Runs
//! `tests/browser/timeline.mjs` in headless Chromium on the built site.
//!
//! Skips (with the reason printed) when Chromium or the test's node modules
//! are missing, unless `CI=true`, where a missing tool is a failure.

use crate::common;
use std::process::Command;

#[test]
fn the_timeline_can_be_travelled_on_a_phone_and_a_wide_screen() {
    if !common::browser_ready() {
        return;
    }
    let site = common::repo_site();
    let output = common::build_public(site.path());
    let port = common::host_folder(&output, "/", true);
    let run = Command::new("node")
        .arg(common::browser_dir().join("timeline.mjs"))
        .arg(format!("http://127.0.0.1:{port}/timeline/"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "the timeline cannot be travelled:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
