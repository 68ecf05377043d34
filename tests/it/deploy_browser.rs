//! Browser test of the 404 page as static hosts serve it: at whatever
//! address was missing, however deep, with the site at the server's root or
//! under a sub-path. Builds a small site, hosts it the way GitHub Pages,
//! Netlify and Cloudflare Pages do (a missing address answers with
//! 404.html), and runs `tests/browser/notfound.mjs` in headless Chromium.
//!
//! Skips (with the reason printed) when Chromium or the test's node modules
//! are missing, unless `CI=true`, where a missing tool is a failure.

use backstory::build::{build_site, BuildOptions};
use std::path::Path;
use std::process::Command;

use crate::common;

/// Builds a small site into `out` with `base_url` given on the command line.
fn build(root: &Path, out: &Path, base_url: Option<&str>) {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: base_url.map(str::to_string),
        no_search: true,
        ..BuildOptions::default()
    };
    let report = build_site(&options).expect("the build runs");
    assert!(report.written, "{:?}", report.diagnostics);
}

/// Runs the browser check on `missing`, expecting the home page at `home`.
fn check_not_found(port: u16, missing: &str, home: &str) {
    let base = format!("http://127.0.0.1:{port}");
    let output = Command::new("node")
        .arg(common::browser_dir().join("notfound.mjs"))
        .arg(format!("{base}{missing}"))
        .arg(format!("{base}{home}"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the 404 page at {missing} is broken:\n{stdout}\n{stderr}"
    );
}

#[test]
fn the_not_found_page_works_at_any_depth_at_the_root_and_under_a_sub_path() {
    if !common::browser_ready() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    common::write_small_site(&site, "Harbour explainer");

    let at_root = temp.path().join("root");
    build(&site, &at_root, None);
    let port = common::host_folder(&at_root, "/", true);
    check_not_found(port, "/no/such/page/", "/");
    check_not_found(port, "/missing.html", "/");

    let under = temp.path().join("under");
    build(&site, &under, Some("https://example.org/harbour/"));
    let port = common::host_folder(&under, "/harbour/", true);
    check_not_found(port, "/harbour/sources/gone/deeper/", "/harbour/");
}
