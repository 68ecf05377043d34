//! Watching the site for edits: file-system events in, one batch of relevant
//! changed paths per burst out.
//!
//! Watches `content/`, `templates/` and `site.toml` (never the output folder)
//! through notify with a debouncer, drops editors' swap, backup and lock files,
//! and waits for a burst (a `git checkout`, an editor's save-by-rename) to go
//! quiet before reporting it, so a burst gives one rebuild.

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long a path must be quiet before its events are reported.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How long the whole site must be quiet before a batch is handed on.
const SETTLE: Duration = Duration::from_millis(30);

/// Whether an edit to `path` can change the site: inside `content/` or
/// `templates/`, or `site.toml`, and not an editor's temporary file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let first = parts.next().map(|c| c.as_os_str().to_string_lossy());
    let inside = match first.as_deref() {
        Some("content") | Some("templates") => true,
        Some("site.toml") => parts.next().is_none(),
        _ => false,
    };
    inside && !is_editor_scratch(path)
}

/// Swap, backup, lock and probe files that editors write beside the real one.
pub fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "4913"
        || name == ".DS_Store"
}

/// Watches the site under `root` and calls `on_change` with each settled
/// batch of relevant paths, until `on_change` returns `false`.
pub fn watch(root: &Path, mut on_change: impl FnMut(Vec<PathBuf>) -> bool) -> notify::Result<()> {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), sender)?;
    // The root itself, not recursively: `site.toml`, and `templates/` appearing later.
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "templates"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let mut templates_watched = root.join("templates").is_dir();
    let relevant = |batch: DebounceEventResult| -> Vec<PathBuf> {
        let events = match batch {
            Ok(events) => events,
            // A lost event (queue overflow) means anything may have changed: rebuild.
            Err(_) => return vec![root.join("site.toml")],
        };
        events
            .into_iter()
            // Our own reads of the content show up as access events; only changes count.
            .filter(|event| !event.event.kind.is_access())
            .flat_map(|event| event.event.paths)
            .filter(|path| is_relevant(&root, path))
            .collect()
    };
    while let Ok(batch) = receiver.recv() {
        let mut paths = relevant(batch);
        if paths.is_empty() {
            continue;
        }
        // Let the burst finish: keep collecting until the site is quiet.
        while let Ok(batch) = receiver.recv_timeout(SETTLE) {
            paths.extend(relevant(batch));
        }
        if !templates_watched && root.join("templates").is_dir() {
            debouncer.watch(root.join("templates"), RecursiveMode::Recursive)?;
            templates_watched = true;
        }
        paths.sort();
        paths.dedup();
        if !on_change(paths) {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_scratch_files_and_the_output() {
        let root = Path::new("/site");
        for path in [
            "/site/content/sources/a.txt",
            "/site/content/pages/new/b.md",
            "/site/templates/base.html",
            "/site/site.toml",
        ] {
            assert!(is_relevant(root, Path::new(path)), "{path} is relevant");
        }
        for path in [
            "/site/content/sources/.a.txt.swp",
            "/site/content/sources/a.txt~",
            "/site/content/sources/.#a.txt",
            "/site/content/sources/#a.txt#",
            "/site/content/sources/4913",
            "/site/public/index.html",
            "/site/.public.staging-1/index.html",
            "/site/site.toml/x",
            "/elsewhere/content/a.txt",
        ] {
            assert!(!is_relevant(root, Path::new(path)), "{path} is ignored");
        }
    }
}
