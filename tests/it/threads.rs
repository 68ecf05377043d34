//! The build runs its stages in parallel; the output must not depend on how many
//! threads did the work. Each site is built by the binary with one thread and
//! with two (rayon reads `RAYON_NUM_THREADS` once per process), and the two
//! trees are compared byte for byte.

use crate::common;

use common::copy_tree;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn build_with_threads(root: &Path, threads: usize) -> BTreeMap<PathBuf, Vec<u8>> {
    let output = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output.path().join("site"))
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("the binary runs");
    assert!(
        status.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let site = output.path().join("site");
    walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(&site).unwrap().to_path_buf();
            (relative, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

fn assert_same_with_one_and_two_threads(root: &Path) {
    let one = build_with_threads(root, 1);
    let two = build_with_threads(root, 2);
    assert!(!one.is_empty(), "nothing was built from {}", root.display());
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>(),
        "different files"
    );
    for (path, bytes) in &one {
        assert!(
            two[path] == *bytes,
            "{} differs between 1 and 2 threads",
            path.display()
        );
    }
}

#[test]
fn fixture_site_is_the_same_with_one_and_two_threads() {
    assert_same_with_one_and_two_threads(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic"),
    );
}

/// The seed texts, each copied under several names, so the same people and
/// dates arrive from many sources at once and merging order is put to the test.
#[test]
fn many_overlapping_sources_are_the_same_with_one_and_two_threads() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    let sources = site.path().join("content/sources");
    std::fs::create_dir_all(&sources).unwrap();
    for copy in 0..6 {
        let folder = site.path().join(format!("copy{copy}"));
        copy_tree(&repo.join("content/sources"), &folder, None);
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::rename(&path, sources.join(format!("c{copy}-{name}"))).unwrap();
        }
    }
    assert_same_with_one_and_two_threads(site.path());
}
