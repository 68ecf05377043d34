//! A site's `static/` folder: the site root in, every file under it out,
//! to be published byte for byte at the same path (`static/CNAME` as
//! `CNAME`, `static/images/map.png` as `images/map.png`).
//!
//! Like `templates/`, hidden files and editors' backups are passed over, and
//! a symbolic link or a special file is left out with a warning: following a
//! link could publish a file from outside the site.

use crate::diag::Diagnostic;
use std::path::Path;

/// The files under `root/static/` with their paths, sorted, and the
/// warnings and errors met on the way.
pub fn read(root: &Path) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let dir = root.join("static");
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        return (files, problems);
    }
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let shown = Path::new("static").join(&rel);
        if rel.is_empty() || rel.starts_with('.') || rel.contains("/.") || rel.ends_with('~') {
            continue;
        }
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            let what = if kind.is_symlink() {
                "is a symbolic link, which Backstory does not follow; it is left out"
            } else {
                "is not a regular file (a pipe, socket or device); it is left out"
            };
            problems.push(
                Diagnostic::warning(&shown, None, what).hint("copy the file itself into static/"),
            );
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(error) => problems.push(
                Diagnostic::error(&shown, None, format!("cannot read: {error}"))
                    .hint("check the file's permissions, or remove it from static/"),
            ),
        }
    }
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_at_their_paths_and_hidden_ones_passed_over() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("static/images/.cache")).unwrap();
        std::fs::write(root.join("static/CNAME"), "harbour.example\n").unwrap();
        std::fs::write(root.join("static/images/map.png"), [137, 80, 78, 71]).unwrap();
        std::fs::write(root.join("static/images/.cache/x"), "x").unwrap();
        std::fs::write(root.join("static/notes.txt~"), "backup").unwrap();
        let (files, problems) = read(root);
        assert!(problems.is_empty(), "{problems:?}");
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["CNAME", "images/map.png"]);
        assert_eq!(files[1].1, [137, 80, 78, 71]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_left_out_with_a_warning() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", root.join("static/host")).unwrap();
        let (files, problems) = read(root);
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("symbolic link"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn no_folder_means_no_files() {
        let temp = tempfile::tempdir().unwrap();
        assert_eq!(read(temp.path()), (Vec::new(), Vec::new()));
    }
}
