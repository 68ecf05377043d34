//! Helpers shared by the integration tests.

use std::path::Path;

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
