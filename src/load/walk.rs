//! The walk of `content/`: the site folder in, the source texts and sidecars
//! to read out, with every Markdown file read into the [`Content`] on the way.
//!
//! The walk is sorted and does not follow symbolic links. What the content
//! model does not read is named in a warning: a file in the wrong place, a
//! symbolic link, a folder named like a file, a named pipe (never opened).

use super::{read_markdown, relative, Content, EventMeta, PageMeta, PersonMeta, Unreadable};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Source texts as (path, path relative to `root`) and sidecars (relative).
type Found = (Vec<(PathBuf, PathBuf)>, Vec<PathBuf>);

/// Walks `content_dir`, reading editorial files into `content` and
/// returning the source texts and sidecars, which are read afterwards.
pub(super) fn walk(root: &Path, content_dir: &Path, drafts: bool, content: &mut Content) -> Found {
    let mut source_paths: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut sidecar_paths: Vec<PathBuf> = Vec::new();
    let mut walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                content.diagnostics.push(
                    Diagnostic::error(path, None, format!("cannot read: {error}"))
                        .hint("fix the file's permissions or remove it"),
                );
                continue;
            }
        };
        let path = entry.path();
        let rel = relative(root, path);
        let name = entry.file_name().to_string_lossy();
        if is_editor_file(&name) {
            continue;
        }
        if let Some(problem) = not_a_text_file(&entry, &rel, &name) {
            content.diagnostics.push(problem);
            // Nothing inside a folder named like a file is read: one warning says so.
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if name.starts_with('.') {
            if has_content_extension(&name) {
                content.diagnostics.push(
                    Diagnostic::warning(
                        &rel,
                        None,
                        "hidden files are not published; this one was ignored",
                    )
                    .hint("remove the leading dot from the name to publish it"),
                );
            }
            continue;
        }
        let section = rel
            .components()
            .nth(1)
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let depth = rel.components().count();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (section.as_deref(), depth, extension) {
            (Some("sources"), 3, "txt") => source_paths.push((path.to_path_buf(), rel)),
            // A sidecar, and the page a text was imported from (kept as its
            // provenance, never read or published), belong to the text of
            // their name, which the walk may meet after them: checked once
            // the walk is done.
            (Some("sources"), 3, "toml" | "html") => sidecar_paths.push(rel),
            // Image files are read when a page, profile or sidecar names
            // one (see `crate::images`), not by the walk.
            (Some(crate::images::FOLDER), ..) => {}
            (Some(section), depth, extension) => {
                read_editorial(root, path, (section, depth, extension), drafts, content)
            }
            (None, ..) => content.diagnostics.push(not_in_content_model(&rel)),
        }
    }
    (source_paths, sidecar_paths)
}

/// Reads the Markdown file at `path` if its place in `content/` (section,
/// depth of its relative path and extension) makes it a home page, page,
/// profile or event, noting a page or profile that cannot be loaded; warns
/// about any other file.
fn read_editorial(
    root: &Path,
    path: &Path,
    place: (&str, usize, &str),
    drafts: bool,
    content: &mut Content,
) {
    let before = content.diagnostics.len();
    let diagnostics = &mut content.diagnostics;
    let loaded = match place {
        ("_index.md", 2, _) => read_markdown::<PageMeta>(root, path, diagnostics)
            .map(|file| content.home = Some(file))
            .is_some(),
        ("pages", 3, "md") => read_markdown::<PageMeta>(root, path, diagnostics)
            .map(|file| {
                if drafts || !file.doc.meta.draft {
                    content.pages.push(file);
                } else {
                    content.unreadable.draft_pages.insert(file.id, file.path);
                }
            })
            .is_some(),
        ("people", 3, "md") => read_markdown::<PersonMeta>(root, path, diagnostics)
            .map(|file| content.people.push(file))
            .is_some(),
        ("events", 3, "md") => read_markdown::<EventMeta>(root, path, diagnostics)
            .map(|file| content.events.push(file))
            .is_some(),
        _ => {
            diagnostics.push(not_in_content_model(&relative(root, path)));
            true
        }
    };
    let unreadable = match place.0 {
        "pages" => &mut content.unreadable.pages,
        "people" => &mut content.unreadable.people,
        _ => return,
    };
    if !loaded {
        let problems = &content.diagnostics[before..];
        Unreadable::note(unreadable, &relative(root, path), problems);
    }
}

/// The extensions of the files the content model reads.
fn has_content_extension(name: &str) -> bool {
    [".txt", ".md", ".toml"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// The warning for what the walk meets that is neither a text file nor a
/// plain folder: a symbolic link, a folder named like a file, or a special
/// file such as a named pipe (which is never opened: reading one would wait
/// for a writer forever).
fn not_a_text_file(entry: &walkdir::DirEntry, rel: &Path, name: &str) -> Option<Diagnostic> {
    use std::os::unix::fs::FileTypeExt;
    let kind = entry.file_type();
    if entry.path_is_symlink() {
        return Some(
            Diagnostic::warning(
                rel,
                None,
                "symbolic links are not followed; this one was ignored",
            )
            .hint("copy the file or folder into content/ instead of linking to it"),
        );
    }
    if kind.is_dir() {
        return (entry.depth() > 0 && has_content_extension(name)).then(|| {
            Diagnostic::warning(
                rel,
                None,
                "this is a folder named like a file; it and everything in it were ignored",
            )
            .hint(
                "a source, page, profile or event is one file: move the file out of this \
                 folder and remove the folder, or rename the folder",
            )
        });
    }
    if kind.is_file() {
        return None;
    }
    let what = match () {
        _ if kind.is_fifo() => "a named pipe",
        _ if kind.is_socket() => "a socket",
        _ if kind.is_block_device() || kind.is_char_device() => "a device",
        _ => "a special file",
    };
    Some(
        Diagnostic::warning(
            rel,
            None,
            format!("this is {what}, not a file with text in it; it was not read"),
        )
        .hint("remove it from content/ and save the text as an ordinary file"),
    )
}

/// The warning for a file under `content/` that no part of the site reads.
pub(super) fn not_in_content_model(rel: &Path) -> Diagnostic {
    Diagnostic::warning(
        rel,
        None,
        "this file is not part of the content model and was ignored",
    )
    .hint(
        "sources go in content/sources/*.txt (+ .toml sidecar), pages in content/pages/*.md, \
         profiles in content/people/*.md, timeline events in content/events/*.md",
    )
}

/// Editor swap, backup and lock files, skipped without a word.
fn is_editor_file(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with('#')
        || name.starts_with(".#")
        || (name.starts_with('.')
            && [".swp", ".swo", ".swx"]
                .iter()
                .any(|ext| name.ends_with(ext)))
        || name == ".DS_Store"
}
