//! Watching the site for edits: file-system events in, one batch of relevant
//! changed paths per burst out.
//!
//! Watches `content/`, `templates/`, `static/` and `site.toml` (never the output folder)
//! through notify, drops editors' swap, backup and lock files and our own
//! reads, and hands a burst on once the site has been quiet for a moment:
//! the events of one save arrive microseconds apart, so a few milliseconds
//! of quiet make one batch of them and the rebuild starts without a wait
//! anyone would notice; a burst over several files (a `git checkout`, a
//! save by rename) is given longer, so it lands as one rebuild. A file
//! written in place is handed on once its writer closes it (where the
//! platform reports that, as Linux does), so a slow writer is not read half
//! written.

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long the site must be quiet before a change to one file is handed on.
const QUIET: Duration = Duration::from_millis(3);
/// How long once a burst touches several files: a checkout on a busy machine
/// can pause between files for longer than [`QUIET`], and must still land as
/// one rebuild.
const BURST_QUIET: Duration = Duration::from_millis(25);
/// How long a file written in place is waited for, at most, until its writer
/// closes it; a writer that keeps it open longer is read as it is then.
const UNCLOSED: Duration = Duration::from_millis(250);
/// Whether the platform's events say when a writer closes a file.
const CLOSES_REPORTED: bool = cfg!(target_os = "linux");

/// Folders a site may add while it is being watched.
const OPTIONAL_FOLDERS: [&str; 2] = ["templates", "static"];

/// Whether an edit to `path` can change the site: inside `content/`,
/// `templates/` or `static/`, or `site.toml`, and not an editor's temporary file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let first = parts.next().map(|c| c.as_os_str().to_string_lossy());
    let inside = match first.as_deref() {
        Some("content") | Some("templates") | Some("static") => true,
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

/// What the event handler passes on.
enum Change {
    /// Relevant paths changed; `writing` are being written in place (not yet
    /// closed), `closed` were just closed by their writer.
    Paths {
        paths: Vec<PathBuf>,
        writing: bool,
        closed: bool,
    },
}

/// A watch on a site's `content/`, `templates/`, `static/` and `site.toml`, live from
/// the moment it is created: start it before the first build, and an edit made
/// while that build runs still produces a rebuild.
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    receiver: mpsc::Receiver<Change>,
    /// The site's folders being watched; `templates/` and `static/` may
    /// appear after the watch starts.
    folders_watched: Vec<&'static str>,
    /// Set as soon as a relevant change arrives (see [`Watcher::news`]).
    news: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts watching the site under `root`.
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, receiver) = mpsc::channel::<Change>();
        let news = Arc::new(AtomicBool::new(false));
        // Only the paths that can change the site are passed on, and their
        // arrival is news at once.
        let handler = {
            let (root, news) = (root.clone(), Arc::clone(&news));
            move |result: notify::Result<Event>| {
                let Some(change) = relevant_change(&root, result) else {
                    return;
                };
                news.store(true, Ordering::Relaxed);
                // The receiver lives as long as the watcher, which owns this handler.
                let _ = sender.send(change);
            }
        };
        let mut watcher = notify::recommended_watcher(handler)?;
        // The root itself, not recursively: `site.toml`, and `templates/` appearing later.
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut folders_watched = Vec::new();
        for dir in ["content", "templates", "static"] {
            let path = root.join(dir);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
                folders_watched.push(dir);
            }
        }
        Ok(Watcher {
            root,
            watcher,
            receiver,
            folders_watched,
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
        while let Ok(first) = self.receiver.recv() {
            let mut paths = Vec::new();
            let mut writing: HashSet<PathBuf> = HashSet::new();
            let started = Instant::now();
            take(first, &mut paths, &mut writing);
            // Let the burst finish: keep collecting until the site is quiet
            // and no file is still being written.
            loop {
                let quiet = if names_several(&paths) {
                    BURST_QUIET
                } else {
                    QUIET
                };
                match self.receiver.recv_timeout(quiet) {
                    Ok(change) => take(change, &mut paths, &mut writing),
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if writing.is_empty() || started.elapsed() > UNCLOSED {
                            break;
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            for dir in OPTIONAL_FOLDERS {
                let path = self.root.join(dir);
                if !self.folders_watched.contains(&dir) && path.is_dir() {
                    self.watcher.watch(&path, RecursiveMode::Recursive)?;
                    self.folders_watched.push(dir);
                }
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

/// Whether a batch names more than one file.
fn names_several(paths: &[PathBuf]) -> bool {
    paths
        .first()
        .is_some_and(|first| paths.iter().any(|p| p != first))
}

/// Adds a change to a batch: its paths, and which files are being written.
fn take(change: Change, paths: &mut Vec<PathBuf>, writing: &mut HashSet<PathBuf>) {
    let Change::Paths {
        paths: changed,
        writing: open,
        closed,
    } = change;
    for path in &changed {
        if closed {
            writing.remove(path);
        } else if open && CLOSES_REPORTED {
            writing.insert(path.clone());
        }
    }
    paths.extend(changed);
}

/// The relevant paths an event names under `root`, if any.
fn relevant_change(root: &Path, result: notify::Result<Event>) -> Option<Change> {
    let event = match result {
        Ok(event) => event,
        // A lost event (queue overflow) means anything may have changed: rebuild all.
        Err(_) => {
            return Some(Change::Paths {
                paths: vec![root.join("site.toml")],
                writing: false,
                closed: false,
            })
        }
    };
    if event.need_rescan() {
        return Some(Change::Paths {
            paths: vec![root.join("site.toml")],
            writing: false,
            closed: false,
        });
    }
    let closed = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    );
    // Our own reads of the content show up as access events; only changes count.
    if event.kind.is_access() && !closed {
        return None;
    }
    let writing = matches!(
        event.kind,
        EventKind::Modify(ModifyKind::Data(_)) | EventKind::Create(_)
    );
    let paths: Vec<PathBuf> = event
        .paths
        .into_iter()
        .filter(|path| is_relevant(root, path))
        .collect();
    (!paths.is_empty()).then_some(Change::Paths {
        paths,
        writing,
        closed,
    })
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

    #[test]
    fn a_write_is_news_and_a_close_ends_it_but_a_read_is_nothing() {
        let root = Path::new("/site");
        let event =
            |kind| Ok(Event::new(kind).add_path(PathBuf::from("/site/content/sources/a.txt")));
        let Some(Change::Paths {
            writing, closed, ..
        }) = relevant_change(
            root,
            event(EventKind::Modify(ModifyKind::Data(
                notify::event::DataChange::Any,
            ))),
        )
        else {
            panic!("a write is a change");
        };
        assert!(writing && !closed);
        let Some(Change::Paths {
            writing, closed, ..
        }) = relevant_change(
            root,
            event(EventKind::Access(AccessKind::Close(AccessMode::Write))),
        )
        else {
            panic!("a close after writing is a change");
        };
        assert!(closed && !writing);
        assert!(relevant_change(
            root,
            event(EventKind::Access(AccessKind::Open(AccessMode::Any)))
        )
        .is_none());
        assert!(relevant_change(
            root,
            event(EventKind::Access(AccessKind::Close(AccessMode::Read)))
        )
        .is_none());
    }
}
