//! `backstory rename source|page|person OLD NEW`: a content file's id and a
//! new name in; the file (with a source's sidecar) renamed, every reference
//! to it in the content pages rewritten (`@source/OLD`, `@page/OLD`,
//! `@person/OLD` links, and a source's id in front-matter lists), and
//! `addresses.txt` told where a page went, so the next build leaves a
//! redirect at the old address.
//!
//! Nothing is changed unless everything can be: the new name must be free
//! and every page must be readable before the first file is touched.

use crate::diag::Diagnostic;
use crate::new::NewError;
use crate::slug::slugify;
use std::path::{Path, PathBuf};

/// What can be renamed, and where each kind lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source,
    Page,
    Person,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Source => "content/sources",
            Kind::Page => "content/pages",
            Kind::Person => "content/people",
        }
    }

    /// The file's own extension first, then its companions (a source's sidecar).
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Source => &["txt", "toml"],
            Kind::Page | Kind::Person => &["md"],
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Page => "page",
            Kind::Person => "person",
        }
    }

    /// The published address of a page whose id (slug) is `id`.
    fn address(self, id: &str) -> String {
        match self {
            Kind::Source => format!("/sources/{id}/"),
            Kind::Page => format!("/{id}/"),
            Kind::Person => format!("/people/{id}/"),
        }
    }
}

/// What a rename changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// (old, new) paths of the files moved, relative to the site root.
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// The content pages whose references were rewritten, relative to the site root.
    pub updated: Vec<PathBuf>,
    /// The new id.
    pub id: String,
    /// What the editor should know (whether the published address changes).
    pub notes: Vec<String>,
}

fn refuse(path: impl AsRef<Path>, message: String, hint: String) -> NewError {
    NewError::Refused(Diagnostic::error(path.as_ref(), None, message).hint(hint))
}

/// Renames the `kind` file `old` (its id, or its path) to the slug of `new`.
pub fn rename(root: &Path, kind: Kind, old: &str, new: &str) -> Result<Renamed, NewError> {
    let old_id = old_id(old);
    let new_id = slugify(new);
    let file = PathBuf::from(format!(
        "{}/{old_id}.{}",
        kind.folder(),
        kind.extensions()[0]
    ));
    let moves = planned_moves(root, kind, &file, &old_id, &new_id, new)?;
    // A front-matter `slug` is the page's id and address: with one, only
    // the file name changes and every `@page/…` or `@person/…` still holds.
    let slug = front_matter_slug(root, &file)?;
    let rewrites = match slug {
        Some(_) => Vec::new(),
        None => page_rewrites(root, kind, &old_id, &new_id)?,
    };
    for (from, to) in &moves {
        std::fs::rename(root.join(from), root.join(to))?;
    }
    let mut updated = Vec::new();
    for (path, text) in rewrites {
        std::fs::write(root.join(&path), text)?;
        updated.push(path);
    }
    if kind == Kind::Page {
        record_page_move(root, &moves[0])?;
    }
    let notes = vec![address_note(kind, &old_id, &new_id, slug.as_deref())];
    Ok(Renamed {
        moved: moves,
        updated,
        id: new_id,
        notes,
    })
}

/// The (old, new) paths to move, once the old file exists and the new name is free.
fn planned_moves(
    root: &Path,
    kind: Kind,
    file: &Path,
    old_id: &str,
    new_id: &str,
    new: &str,
) -> Result<Vec<(PathBuf, PathBuf)>, NewError> {
    if !root.join(file).is_file() {
        return Err(refuse(
            file,
            format!("there is no {} `{old_id}`", kind.noun()),
            format!(
                "give the file name without `.{}`, as in {}/",
                kind.extensions()[0],
                kind.folder()
            ),
        ));
    }
    if new_id.is_empty() || new_id == old_id {
        return Err(refuse(
            file,
            format!("`{new}` gives no new name (its slug is `{new_id}`)"),
            "give a new name with letters or digits, different from the old one".into(),
        ));
    }
    let path = |id: &str, ext: &str| PathBuf::from(format!("{}/{id}.{ext}", kind.folder()));
    for ext in kind.extensions() {
        let taken = path(new_id, ext);
        if root.join(&taken).exists() {
            return Err(refuse(
                &taken,
                "already exists; nothing was changed".into(),
                format!("choose another name, or remove that {} first", kind.noun()),
            ));
        }
    }
    Ok(kind
        .extensions()
        .iter()
        .map(|ext| (path(old_id, ext), path(new_id, ext)))
        .filter(|(from, _)| root.join(from).exists())
        .collect())
}

/// The `slug` a page's or profile's front matter sets, if any. A file that
/// does not parse is refused: its references could not be trusted.
fn front_matter_slug(root: &Path, file: &Path) -> Result<Option<String>, NewError> {
    #[derive(serde::Deserialize)]
    struct SlugOnly {
        #[serde(default)]
        slug: Option<String>,
    }
    if file.extension().is_some_and(|ext| ext != "md") {
        return Ok(None);
    }
    let text = std::fs::read_to_string(root.join(file))?;
    match crate::frontmatter::parse::<SlugOnly>(file, &text) {
        Ok(doc) => Ok(doc.meta.slug.map(|slug| slugify(&slug))),
        Err(problem) => Err(NewError::Refused(problem)),
    }
}

/// What happens to the published address.
fn address_note(kind: Kind, old_id: &str, new_id: &str, slug: Option<&str>) -> String {
    match slug {
        Some(slug) => format!(
            "the page keeps its address {} (its front matter sets `slug`)",
            kind.address(slug)
        ),
        None => format!(
            "the {}'s page moves from {} to {}; once the site was built with its \
             addresses.txt, the next build leaves a redirect at the old address \
             (commit addresses.txt with the rename)",
            kind.noun(),
            kind.address(old_id),
            kind.address(new_id)
        ),
    }
}

/// Tells `addresses.txt` that the page now lives in its new file, so the
/// next build finds it and redirects its old address. (A source is found
/// by its text's fingerprint and a person by name, so they need nothing.)
/// A file with a line that cannot be read is left as it is: rewriting it
/// would drop that line, and the next build names it.
fn record_page_move(root: &Path, (from, to): &(PathBuf, PathBuf)) -> std::io::Result<()> {
    use crate::addresses::{format, parse, slashed, Resident, FILE_NAME};
    let path = root.join(FILE_NAME);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    let (mut published, problems) = parse(&text, Path::new(FILE_NAME));
    let moved = Resident::Page(slashed(from));
    let mut changed = false;
    for resident in published
        .values_mut()
        .filter(|resident| **resident == moved)
    {
        *resident = Resident::Page(slashed(to));
        changed = true;
    }
    match changed && problems.is_empty() {
        true => std::fs::write(path, format(&published)),
        false => Ok(()),
    }
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
fn page_rewrites(
    root: &Path,
    kind: Kind,
    old: &str,
    new: &str,
) -> Result<Vec<(PathBuf, String)>, NewError> {
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
        let rewritten = rewrite_references(&text, kind, old, new);
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

/// Rewrites `@KIND/OLD` links (not `@KIND/OLD-more`) everywhere, and for a
/// source the quoted id `"OLD"` in the front matter (an event's `sources` list).
pub fn rewrite_references(text: &str, kind: Kind, old: &str, new: &str) -> String {
    let link = format!("@{}/{old}", kind.noun());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&link) {
        let after = &rest[at + link.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_');
        out.push_str(&rest[..at]);
        match whole {
            true => out.push_str(&format!("@{}/{new}", kind.noun())),
            false => out.push_str(&link),
        }
        rest = after;
    }
    out.push_str(rest);
    match kind {
        Kind::Source => rewrite_front_matter(&out, old, new),
        Kind::Page | Kind::Person => out,
    }
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
            rewrite_references(text, Kind::Source, "a-b", "new"),
            "+++\nsources = [\"new\", \"a-b-c\"]\n+++\nSee [x](@source/new#p3), [y](@source/a-b-c) and @source/new.\n\"a-b\" in prose stays.\n"
        );
    }

    #[test]
    fn reads_an_id_from_a_path() {
        assert_eq!(old_id("content/sources/x-y.txt"), "x-y");
        assert_eq!(old_id("x-y"), "x-y");
    }
}
