//! The preview's error overlay in headless Chromium: a broken edit shows
//! it, its Dismiss button (focused, so Escape or Enter work too) hides it,
//! and the fixed edit keeps it away. Skips like the other browser tests.

use crate::common;

use std::process::Command;

#[test]
fn the_error_overlay_can_be_dismissed() {
    if !common::browser_ready() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    common::write_small_site(site.path(), "Harbour");
    let server = common::Server::serve(site);
    let home = server.site.path().join("content/_index.md");
    let output = Command::new("node")
        .arg(common::browser_dir().join("overlay.mjs"))
        .arg(format!("http://{}/", server.address))
        .arg(&home)
        .arg("+++\ntitle = \"Home\"\nweight = \"ten\"\n+++\nWelcome.\n")
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("dismissed"), "{stdout}");
}
