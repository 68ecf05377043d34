//! Watching the site for edits: file-system events in, one batch of relevant
//! changed paths per burst out.
//!
//! Watches `content/`, `templates/` and `site.toml` (never the output folder)
//! through notify with a debouncer, drops editors' swap, backup and lock files,
//! and waits for a burst (a `git checkout`, an editor's save-by-rename) to go
//! quiet before reporting it, so a burst gives one rebuild.

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// How long a path must be quiet before its events are reported.
const DEBOUNCE: Duration = Duration::from_millis(15);
/// How long the whole site must be quiet before a batch is handed on; longer
/// than a few debouncer ticks (DEBOUNCE / 4), so a burst still arriving is waited for.
const SETTLE: Duration = Duration::from_millis(15);

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

/// A watch on a site's `content/`, `templates/` and `site.toml`, live from
/// the moment it is created: start it before the first build, and an edit made
/// while that build runs still produces a rebuild.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    receiver: mpsc::Receiver<Vec<PathBuf>>,
    templates_watched: bool,
    /// Set as soon as a relevant change arrives (see [`Watcher::news`]).
    news: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts watching the site under `root`.
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, receiver) = mpsc::channel::<Vec<PathBuf>>();
        let news = Arc::new(AtomicBool::new(false));
        // Only the paths that can change the site are passed on, and their
        // arrival is news at once.
        let handler = {
            let (root, news) = (root.clone(), Arc::clone(&news));
            move |batch: DebounceEventResult| {
                let paths = relevant_paths(&root, &batch);
                if !paths.is_empty() {
                    news.store(true, Ordering::Relaxed);
                    // The receiver lives as long as the watcher, which owns this handler.
                    let _ = sender.send(paths);
                }
            }
        };
        let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), handler)?;
        // The root itself, not recursively: `site.toml`, and `templates/` appearing later.
        debouncer.watch(&root, RecursiveMode::NonRecursive)?;
        for dir in ["content", "templates"] {
            let path = root.join(dir);
            if path.is_dir() {
                debouncer.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        let templates_watched = root.join("templates").is_dir();
        Ok(Watcher {
            root,
            debouncer,
            receiver,
            templates_watched,
            news,
        })
    }

    /// A flag that turns true when a relevant change arrives and false when
    /// `run` hands the changes over: work that a new rebuild would redo (the
    /// JSON exports) can stop early when it sees it.
    pub fn news(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.news)
    }

    /// Calls `on_change` with each settled batch of relevant paths, until
    /// `on_change` returns `false`.
    pub fn run(mut self, mut on_change: impl FnMut(Vec<PathBuf>) -> bool) -> notify::Result<()> {
        while let Ok(mut paths) = self.receiver.recv() {
            // Let the burst finish: keep collecting until the site is quiet.
            while let Ok(more) = self.receiver.recv_timeout(SETTLE) {
                paths.extend(more);
            }
            let templates = self.root.join("templates");
            if !self.templates_watched && templates.is_dir() {
                self.debouncer.watch(&templates, RecursiveMode::Recursive)?;
                self.templates_watched = true;
            }
            paths.sort();
            paths.dedup();
            self.news.store(false, Ordering::Relaxed);
            if !on_change(paths) {
                break;
            }
        }
        Ok(())
    }
}

/// The paths in `batch` that can change the site under `root`.
fn relevant_paths(root: &Path, batch: &DebounceEventResult) -> Vec<PathBuf> {
    let events = match batch {
        Ok(events) => events,
        // A lost event (queue overflow) means anything may have changed: rebuild.
        Err(_) => return vec![root.join("site.toml")],
    };
    events
        .iter()
        // Our own reads of the content show up as access events; only changes count.
        .filter(|event| !event.event.kind.is_access())
        .flat_map(|event| event.event.paths.iter())
        .filter(|path| is_relevant(root, path))
        .cloned()
        .collect()
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
