//! `backstory rename source OLD NEW`: a source's id and a new name in; its
//! text and sidecar renamed, and every reference to it in the content pages
//! (`@source/OLD` links, `sources = ["OLD"]` in front matter) rewritten.
//!
//! Nothing is changed unless everything can be: the new name must be free
//! and every page must be readable before the first file is touched.

use crate::diag::Diagnostic;
use crate::new::NewError;
use crate::slug::slugify;
use std::path::{Path, PathBuf};

/// What a rename changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// (old, new) paths of the files moved, relative to the site root.
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// The content pages whose references were rewritten, relative to the site root.
    pub updated: Vec<PathBuf>,
    /// The source's new id.
    pub id: String,
    /// What the editor should know (the published address changes).
    pub notes: Vec<String>,
}

fn refuse(path: impl AsRef<Path>, message: String, hint: String) -> NewError {
    NewError::Refused(Diagnostic::error(path.as_ref(), None, message).hint(hint))
}

/// Renames source `old` (its id, or its file's path) to the slug of `new`.
pub fn rename_source(root: &Path, old: &str, new: &str) -> Result<Renamed, NewError> {
    let old_id = old_id(old);
    let new_id = slugify(new);
    let text = PathBuf::from(format!("content/sources/{old_id}.txt"));
    if !root.join(&text).is_file() {
        return Err(refuse(
            &text,
            format!("there is no source `{old_id}`"),
            "give the source's file name without `.txt`, as in content/sources/".into(),
        ));
    }
    if new_id.is_empty() || new_id == old_id {
        return Err(refuse(
            &text,
            format!("`{new}` gives no new name (its slug is `{new_id}`)"),
            "give a new name with letters or digits, different from the old one".into(),
        ));
    }
    let moves: Vec<(PathBuf, PathBuf)> = ["txt", "toml"]
        .iter()
        .map(|ext| {
            let from = PathBuf::from(format!("content/sources/{old_id}.{ext}"));
            let to = PathBuf::from(format!("content/sources/{new_id}.{ext}"));
            (from, to)
        })
        .filter(|(from, _)| root.join(from).exists())
        .collect();
    for ext in ["txt", "toml"] {
        let taken = PathBuf::from(format!("content/sources/{new_id}.{ext}"));
        if root.join(&taken).exists() {
            return Err(refuse(
                &taken,
                "already exists; nothing was changed".into(),
                "choose another name, or remove that source first".into(),
            ));
        }
    }
    let rewrites = page_rewrites(root, &old_id, &new_id)?;
    for (from, to) in &moves {
        std::fs::rename(root.join(from), root.join(to))?;
    }
    let mut updated = Vec::new();
    for (path, text) in rewrites {
        std::fs::write(root.join(&path), text)?;
        updated.push(path);
    }
    let notes = vec![format!(
        "the source's page moves from /sources/{old_id}/ to /sources/{new_id}/; \
         once the site was built with its addresses.txt, the next build leaves a redirect at the old address \
         (commit addresses.txt with the rename)"
    )];
    Ok(Renamed {
        moved: moves,
        updated,
        id: new_id,
        notes,
    })
}

/// The id from an id or a path ("content/sources/x.txt" -> "x").
fn old_id(old: &str) -> String {
    let path = Path::new(old);
    let is_path = old.contains('/') || old.ends_with(".txt") || old.ends_with(".toml");
    match is_path {
        true => path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default(),
        false => old.to_string(),
    }
}

/// Every content page (`content/**/*.md`) that names `old`, with its new text.
fn page_rewrites(root: &Path, old: &str, new: &str) -> Result<Vec<(PathBuf, String)>, NewError> {
    let mut pages = Vec::new();
    collect_pages(root, Path::new("content"), &mut pages)?;
    pages.sort();
    let mut rewrites = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(root.join(&page)).map_err(|error| {
            refuse(
                &page,
                format!("cannot read: {error}; nothing was changed"),
                "save the page as UTF-8 text, then rename again".into(),
            )
        })?;
        let rewritten = rewrite_references(&text, old, new);
        if rewritten != text {
            rewrites.push((page, rewritten));
        }
    }
    Ok(rewrites)
}

fn collect_pages(root: &Path, dir: &Path, pages: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let path = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            collect_pages(root, &path, pages)?;
        } else if path.extension().is_some_and(|ext| ext == "md") {
            pages.push(path);
        }
    }
    Ok(())
}

/// Rewrites `@source/OLD` links (not `@source/OLD-more`) everywhere, and the
/// quoted id `"OLD"` in the front matter (an event's `sources` list).
pub fn rewrite_references(text: &str, old: &str, new: &str) -> String {
    let link = format!("@source/{old}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&link) {
        let after = &rest[at + link.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_');
        out.push_str(&rest[..at]);
        match whole {
            true => out.push_str(&format!("@source/{new}")),
            false => out.push_str(&link),
        }
        rest = after;
    }
    out.push_str(rest);
    rewrite_front_matter(&out, old, new)
}

/// Replaces `"OLD"` and `'OLD'` inside the front matter (between the
/// opening `+++` or `---` and its closing line).
fn rewrite_front_matter(text: &str, old: &str, new: &str) -> String {
    let fence = match text.lines().next().map(str::trim_end) {
        Some(fence @ ("+++" | "---")) => fence,
        _ => return text.to_string(),
    };
    let mut out = String::with_capacity(text.len());
    let mut in_front = true;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if in_front && index > 0 && line.trim_end() == fence {
            in_front = false;
        }
        match in_front && index > 0 {
            true => out.push_str(
                &line
                    .replace(&format!("\"{old}\""), &format!("\"{new}\""))
                    .replace(&format!("'{old}'"), &format!("'{new}'")),
            ),
            false => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_whole_references_only() {
        let text = "+++\nsources = [\"a-b\", \"a-b-c\"]\n+++\nSee [x](@source/a-b#p3), [y](@source/a-b-c) and @source/a-b.\n\"a-b\" in prose stays.\n";
        assert_eq!(
            rewrite_references(text, "a-b", "new"),
            "+++\nsources = [\"new\", \"a-b-c\"]\n+++\nSee [x](@source/new#p3), [y](@source/a-b-c) and @source/new.\n\"a-b\" in prose stays.\n"
        );
    }

    #[test]
    fn reads_an_id_from_a_path() {
        assert_eq!(old_id("content/sources/x-y.txt"), "x-y");
        assert_eq!(old_id("x-y"), "x-y");
    }
}
