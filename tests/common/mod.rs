//! Helpers shared by the integration tests.

// Each test crate compiles these helpers and uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Copies the tree at `from` to `to`, leaving out paths that start with `skip`.
pub fn copy_tree(from: &Path, to: &Path, skip: Option<&str>) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        if skip.is_some_and(|skip| rel.starts_with(skip)) {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the site at `root` into `root/public`, search off, and returns
/// that folder; the build must write its output and report no error.
pub fn build_public(root: &Path) -> PathBuf {
    let output = root.join("public");
    let report = backstory::build::build_site(&backstory::build::BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.clone()),
        no_search: true,
        ..backstory::build::BuildOptions::default()
    })
    .unwrap();
    assert!(
        report.written && !report.has_errors(),
        "{:?}",
        report.diagnostics
    );
    output
}
