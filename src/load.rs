//! Load stage: a site folder in, its [`Content`] out.
//!
//! Walks `content/` (walkdir, sorted, symlinks not followed), reads every
//! source text with its optional sidecar, every Markdown file with its front
//! matter, and `site.toml`. Nothing is interpreted beyond validating the
//! schemas: a problem with one file becomes a [`Diagnostic`] and the walk goes on.

pub mod tags;
mod text;
mod walk;

use crate::config::{load_config_with_warnings, Config};
use crate::diag::Diagnostic;
use crate::extract::people::PersonKind;
use crate::frontmatter::{self, key_line, DateText, Document};
use crate::slug::slugify;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use text::{decode, invalid_utf8_line, Decoded};

/// Everything an editor wrote, read and validated but not yet interpreted.
#[derive(Debug, Clone)]
pub struct Content {
    /// The site folder every `path` is relative to.
    pub root: PathBuf,
    pub config: Config,
    pub sources: Vec<SourceFile>,
    pub home: Option<MarkdownFile<PageMeta>>,
    pub pages: Vec<MarkdownFile<PageMeta>>,
    pub people: Vec<MarkdownFile<PersonMeta>>,
    pub events: Vec<MarkdownFile<EventMeta>>,
    /// Files that are there but could not be loaded.
    pub unreadable: Unreadable,
    pub diagnostics: Vec<Diagnostic>,
}

/// Sources, pages and profiles that are in `content/` but could not be
/// loaded, each already reported by an error of its own: the file that a
/// reference to `ID` would mean, by `ID` (the slug of its file name). Later
/// stages do not report references to them again, so that one broken file
/// is not buried under an error from every text that cites it.
#[derive(Debug, Clone, Default)]
pub struct Unreadable {
    pub sources: BTreeMap<String, PathBuf>,
    pub pages: BTreeMap<String, PathBuf>,
    pub people: BTreeMap<String, PathBuf>,
    /// Pages left out because they are drafts (not an error): a reference
    /// to one says so, rather than that no page has the id.
    pub draft_pages: BTreeMap<String, PathBuf>,
}

impl Unreadable {
    /// Remembers `rel` under the slug of its file name when `problems` hold an error.
    pub(super) fn note(map: &mut BTreeMap<String, PathBuf>, rel: &Path, problems: &[Diagnostic]) {
        if !problems.iter().any(Diagnostic::is_error) {
            return;
        }
        let stem = rel.file_stem().unwrap_or_default().to_string_lossy();
        let id = slugify(&stem);
        if !id.is_empty() {
            map.entry(id).or_insert_with(|| rel.to_path_buf());
        }
    }
}

/// A raw source text and its sidecar.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The page id: the slug of the file name.
    pub id: String,
    /// Path relative to the site root (`content/sources/NAME.txt`).
    pub path: PathBuf,
    /// The text, with invalid UTF-8 replaced (a warning says so). Shared,
    /// so that watch mode's copies of unchanged files cost nothing.
    pub text: Arc<str>,
    /// The bytes as collected, kept apart only when they are not valid
    /// UTF-8 (or are UTF-16) and so differ from `text` (see
    /// [`SourceFile::bytes`]): a valid text, as nearly all are, is held once.
    invalid_bytes: Option<Arc<[u8]>>,
    pub sidecar: Sidecar,
}

/// `content/sources/NAME.toml`: what the text does not say, or says wrongly.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub title: Option<String>,
    pub publication: Option<String>,
    pub date: Option<DateText>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub url: Option<String>,
    /// When `backstory new source ADDRESS` fetched the page.
    pub fetched: Option<DateText>,
    pub language: Option<String>,
    /// How the text's numeric dates read ("day-month" or "month-day");
    /// unset, the site's `date_order` applies.
    pub date_order: Option<crate::extract::dates::DateOrder>,
    /// Lines the cleaner removed that belong to the article.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Lines the cleaner kept that are not part of the article.
    #[serde(default)]
    pub drop: Vec<String>,
    /// Topics the source is about (see [`tags`]).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The line of `tags` in the sidecar, found on reading.
    #[serde(skip)]
    pub tags_line: Option<usize>,
    /// The sidecar is there but could not be read (an error says why), so
    /// a warning that it lacks a field would only echo that error.
    #[serde(skip)]
    pub unreadable: bool,
    /// Corrections of single mentions of people (`[[mention]]` tables).
    #[serde(default)]
    pub mention: Vec<toml::Spanned<MentionFix>>,
    /// The line of each `mention` in the sidecar, worked out on reading.
    #[serde(skip)]
    pub mention_lines: Vec<usize>,
    /// The source's lead photo, with its caption and credit.
    #[serde(default)]
    pub image: Option<crate::images::ImageRef>,
}

/// One `[[mention]]` of a sidecar: the name `text` in paragraph
/// `paragraph` is `person` (a name or alias), or `"nobody"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionFix {
    pub paragraph: usize,
    pub text: String,
    pub person: String,
}

impl MentionFix {
    /// What `person` says when the mention is no one's.
    pub const NOBODY: &'static str = "nobody";

    /// Whether the editor says the words name no person.
    pub fn is_nobody(&self) -> bool {
        self.person.trim().eq_ignore_ascii_case(Self::NOBODY)
    }
}

/// A Markdown file with its parsed front matter.
#[derive(Debug, Clone)]
pub struct MarkdownFile<T> {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The slug: from the front matter's `slug`, else the file name.
    pub id: String,
    pub doc: Document<T>,
}

/// Front matter of `content/_index.md` and `content/pages/*.md`.
#[derive(Debug, Clone, PartialEq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// URL segment; defaults to the file name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Puts the page in the site navigation, lower first, then by title.
    /// Pages without it are listed on the home page instead, so a site with
    /// thousands of pages does not put every one of them on every page.
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub date: Option<DateText>,
    /// Topics the page is about (see [`tags`]).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The line of `tags` in the file, found on reading.
    #[serde(skip)]
    pub tags_line: Option<usize>,
    /// The page's lead image.
    #[serde(default)]
    pub image: Option<crate::images::ImageRef>,
}

/// Front matter of `content/people/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonMeta {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub kind: Option<PersonKind>,
    /// Names that look like this person but belong to someone else.
    #[serde(default)]
    pub distinct: Vec<String>,
    /// Whether "Mr." or "Mrs."/"Ms." mentions may be this person.
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub slug: Option<String>,
    /// The person's portrait.
    #[serde(default)]
    pub image: Option<crate::images::ImageRef>,
}

/// A profile's `sex`: "Mr. Frank" never goes to a woman's page, "Mrs.
/// Frank" never to a man's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
}

/// Front matter of `content/events/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    pub title: String,
    /// `2003-03-20`, `2003-03`, `2003` or `2003-W12`.
    pub date: DateText,
    /// Makes the event an era spanning `date` to `end`.
    #[serde(default)]
    pub end: Option<DateText>,
    /// Ids of the sources the event rests on.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub slug: Option<String>,
}

impl<'de> Deserialize<'de> for PersonKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.as_str() {
            "subject" => Ok(PersonKind::Subject),
            "author" => Ok(PersonKind::Author),
            "photographer" => Ok(PersonKind::Photographer),
            other => Err(serde::de::Error::custom(format!(
                "unknown kind `{other}`, expected subject, author or photographer"
            ))),
        }
    }
}

/// Source texts remembered between loads, so that watch mode reads again
/// only the files that changed.
#[derive(Default)]
pub struct SourceCache {
    /// Path of the text relative to the site root -> what reading it gave.
    entries: HashMap<PathBuf, Remembered>,
}

struct Remembered {
    stamp: Stamp,
    source: Option<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    /// [`SourceFile::key`] of `source`, worked out once per read.
    key: u64,
}

impl Remembered {
    /// `known` if the text at `path` and its sidecar are as it found them,
    /// else what reading them now gives.
    fn read(root: &Path, path: &Path, known: Option<Remembered>) -> Remembered {
        let stamp = Stamp::of(path);
        match known {
            Some(known) if known.stamp == stamp => known,
            _ => {
                let mut diagnostics = Vec::new();
                let source = read_source(root, path, &mut diagnostics);
                Remembered {
                    stamp,
                    key: source.as_ref().map(SourceFile::key).unwrap_or_default(),
                    source,
                    diagnostics,
                }
            }
        }
    }
}

impl SourceFile {
    /// The file's bytes as collected.
    pub fn bytes(&self) -> &[u8] {
        self.invalid_bytes
            .as_deref()
            .unwrap_or_else(|| self.text.as_bytes())
    }

    /// A hash of everything the file gives later stages: its address, its
    /// bytes (the text is made from them) and its sidecar.
    pub fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = crate::fingerprint::Fingerprinter::new();
        (&self.id, &self.path, self.bytes()).hash(&mut hasher);
        format!("{:?}", self.sidecar).hash(&mut hasher);
        hasher.finish()
    }
}

/// What tells a changed file without reading it: the size, modification
/// time and inode of a text and of its sidecar (`None`: no such file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    text: Option<FileStamp>,
    sidecar: Option<FileStamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(text: &Path) -> Stamp {
        let stamp = |path: &Path| {
            let meta = std::fs::metadata(path).ok()?;
            Some(FileStamp {
                len: meta.len(),
                modified: meta.modified().ok(),
                inode: std::os::unix::fs::MetadataExt::ino(&meta),
            })
        };
        Stamp {
            text: stamp(text),
            sidecar: stamp(&text.with_extension("toml")),
        }
    }
}

impl SourceCache {
    /// Forgets the texts `paths` name (themselves or through their sidecar),
    /// so the next load reads them again whatever their stamps say. Watch
    /// mode passes every path an event named: file times come from a coarse
    /// clock, so two quick saves of the same length can share a stamp.
    pub fn forget(&mut self, root: &Path, paths: &[PathBuf]) {
        let relative = SiteRelative::new(root);
        for path in paths {
            self.entries
                .remove(&relative.of(path).with_extension("txt"));
        }
    }

    /// [`SourceFile::key`] of the source read from `path` (relative to the
    /// site root) by the last load, without hashing it again.
    pub fn key(&self, path: &Path) -> Option<u64> {
        self.entries.get(path).map(|remembered| remembered.key)
    }
}

/// Makes the paths watcher events name (absolute, or relative to where the
/// program runs) relative to the site root, as the site graph keeps them.
pub struct SiteRelative<'a> {
    root: &'a Path,
    absolute: PathBuf,
}

impl<'a> SiteRelative<'a> {
    pub fn new(root: &'a Path) -> Self {
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        SiteRelative { root, absolute }
    }

    /// `path` relative to the site root; a path outside it is given back as it is.
    pub fn of<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.absolute)
            .or_else(|_| path.strip_prefix(self.root))
            .unwrap_or(path)
    }
}

/// Reads the site at `root`. Only a missing or unreadable `content/` folder is an `Err`.
pub fn load(root: &Path, drafts: bool) -> std::io::Result<Content> {
    load_cached(root, drafts, None)
}

/// [`load`], taking the source texts whose files did not change from
/// `cache` instead of reading them, and remembering the rest in it.
pub fn load_cached(
    root: &Path,
    drafts: bool,
    cache: Option<&mut SourceCache>,
) -> std::io::Result<Content> {
    let mut diagnostics = Vec::new();
    let config = match load_config_with_warnings(root) {
        Ok((config, warnings)) => {
            diagnostics.extend(warnings);
            config
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Config::with_title("Backstory")
        }
    };
    let content_dir = root.join("content");
    std::fs::metadata(&content_dir)?;
    let mut content = Content {
        root: root.to_path_buf(),
        config,
        sources: Vec::new(),
        home: None,
        pages: Vec::new(),
        people: Vec::new(),
        events: Vec::new(),
        unreadable: Unreadable::default(),
        diagnostics,
    };
    // Source texts are many and independent: read them after the walk, in parallel.
    let (source_paths, sidecar_paths) = walk::walk(root, &content_dir, drafts, &mut content);
    let texts: std::collections::HashSet<&Path> =
        source_paths.iter().map(|(_, rel)| rel.as_path()).collect();
    for rel in sidecar_paths {
        if !texts.contains(rel.with_extension("txt").as_path()) {
            content.diagnostics.push(walk::not_in_content_model(&rel));
        }
    }
    match cache {
        None => {
            let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = source_paths
                .par_iter()
                .map(|(path, _)| {
                    let mut diagnostics = Vec::new();
                    (read_source(root, path, &mut diagnostics), diagnostics)
                })
                .collect();
            for ((_, rel), (source, diagnostics)) in source_paths.iter().zip(read) {
                if source.is_none() {
                    Unreadable::note(&mut content.unreadable.sources, rel, &diagnostics);
                }
                content.diagnostics.extend(diagnostics);
                content.sources.extend(source);
            }
        }
        Some(cache) => {
            let known: Vec<Option<Remembered>> = source_paths
                .iter()
                .map(|(_, rel)| cache.entries.remove(rel))
                .collect();
            let read: Vec<Remembered> = (source_paths.par_iter().zip(known))
                .map(|((path, _), known)| Remembered::read(root, path, known))
                .collect();
            // Only files that still exist stay remembered.
            cache.entries.clear();
            for ((_, rel), remembered) in source_paths.into_iter().zip(read) {
                if remembered.source.is_none() {
                    let problems = &remembered.diagnostics;
                    Unreadable::note(&mut content.unreadable.sources, &rel, problems);
                }
                content
                    .diagnostics
                    .extend(remembered.diagnostics.iter().cloned());
                content.sources.extend(remembered.source.clone());
                cache.entries.insert(rel, remembered);
            }
        }
    }
    check_source_ids(&content.sources, &mut content.diagnostics);
    // A source that does not say how its numeric dates read follows the site.
    if let Some(order) = content.config.date_order {
        for source in &mut content.sources {
            source.sidecar.date_order.get_or_insert(order);
        }
    }
    Ok(content)
}

/// Two source files whose names give the same slug would overwrite each other's page.
fn check_source_ids(sources: &[SourceFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    for source in sources {
        if let Some(first) = seen.insert(&source.id, &source.path) {
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    None,
                    format!(
                        "this source and {} both map to /sources/{}/",
                        first.display(),
                        source.id
                    ),
                )
                .hint("rename one of the files so their names differ in letters or digits"),
            );
        }
    }
}

pub(super) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The largest text file read, 16 MiB. A news article is rarely over 1 MB;
/// anything far larger is a wrong file (a database dump, a video) and would
/// make the build slow and the pages unreadable.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Bytes in a mebibyte, the unit [`MAX_TEXT_BYTES`] is set and reported in.
const MIB: u64 = 1024 * 1024;

/// The refusal of a text over [`MAX_TEXT_BYTES`] (also `backstory new`'s);
/// `size` is `None` for a stream, whose size is known only to be over.
pub(crate) fn too_large(rel: &Path, size: Option<u64>) -> Diagnostic {
    let size = size.map_or(String::new(), |size| {
        format!("the file is {:.1} MiB; ", size as f64 / MIB as f64)
    });
    Diagnostic::error(
        rel,
        None,
        format!("{size}texts over {} MiB are not read", MAX_TEXT_BYTES / MIB),
    )
    .hint("check that this is the text you meant; split a very long text into several files")
}

/// Reads a content file, refusing one over [`MAX_TEXT_BYTES`] before reading
/// it, and anything that is not a regular file (a named pipe would make the
/// read wait forever) before opening it.
fn read_text_file(path: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let cannot_read = |error: std::io::Error| {
        Diagnostic::error(rel, None, format!("cannot read: {error}"))
            .hint("fix the file's permissions")
    };
    let regular = |meta: &std::fs::Metadata| match meta.is_file() {
        true => Ok(meta.len()),
        false => Err(Diagnostic::error(
            rel,
            None,
            "this is not a file with text in it; it was not read",
        )
        .hint("remove it from content/ and save the text as an ordinary file")),
    };
    regular(&std::fs::metadata(path).map_err(cannot_read)?)?;
    // Opened without waiting, in case a pipe took the file's place since.
    let mut file = open_without_waiting(path).map_err(cannot_read)?;
    let size = regular(&file.metadata().map_err(cannot_read)?)?;
    if size > MAX_TEXT_BYTES {
        return Err(too_large(rel, Some(size)));
    }
    // A file that grows while it is read stops at the limit all the same.
    let mut bytes = Vec::with_capacity(size as usize);
    (&mut file)
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    match bytes.len() as u64 > MAX_TEXT_BYTES {
        true => Err(too_large(rel, Some(bytes.len() as u64))),
        false => Ok(bytes),
    }
}

/// Opens `path` for reading; on Linux without blocking, so that a named pipe
/// opens at once (and is then refused) instead of waiting for a writer.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// Reads one editorial page (`content/_index.md` or `content/pages/*.md`,
/// `path` under `root`) as [`load`] does, for watch mode's edits to pages
/// that are already in the site.
pub fn load_page(root: &Path, path: &Path) -> (Option<MarkdownFile<PageMeta>>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let page = read_markdown::<PageMeta>(root, path, &mut diagnostics);
    (page, diagnostics)
}

/// Reads one source text (`path` under `root`) and its sidecar, as [`load`]
/// does, for watch mode's edits to sources that are already in the site.
pub fn load_source(root: &Path, path: &Path) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let source = read_source(root, path, &mut diagnostics);
    (source, diagnostics)
}

fn read_source(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let rel = relative(root, path);
    let bytes = match read_text_file(path, &rel) {
        Ok(bytes) => bytes,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    // A valid text takes over the bytes as they are, without a copy.
    let (text, invalid_bytes) = match decode(bytes) {
        Decoded::Utf8(text) => (text, None),
        Decoded::Lossy { text, line, bytes } => {
            diagnostics.push(
                Diagnostic::warning(
                    &rel,
                    Some(line),
                    "the text is not valid UTF-8; invalid bytes are shown as �",
                )
                .hint("re-save the file as UTF-8"),
            );
            (text, Some(Arc::from(bytes)))
        }
        Decoded::Utf16 {
            text,
            big_endian,
            replaced,
            bytes,
        } => {
            diagnostics.push(utf16_warning(&rel, big_endian, replaced));
            (text, Some(Arc::from(bytes)))
        }
        Decoded::Binary => {
            diagnostics.push(
                Diagnostic::error(&rel, None, "this looks like a binary file, not a text")
                    .hint("save the article as plain text (File > Save As > .txt), or move the file out of content/"),
            );
            return None;
        }
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        diagnostics.push(
            Diagnostic::warning(&rel, None, "the source is empty and was left out")
                .hint("paste the article's text into the file, or remove the file"),
        );
        return None;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = slugify(&stem);
    if id.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                &rel,
                None,
                "the file name has no letters or digits to make a page address from",
            )
            .hint("rename the file, for example to 2024-01-05-outlet-headline.txt"),
        );
        return None;
    }
    let sidecar = read_sidecar(root, &path.with_extension("toml"), diagnostics);
    Some(SourceFile {
        id,
        path: rel,
        text: Arc::from(text),
        invalid_bytes,
        sidecar,
    })
}

/// The warning for a source saved as UTF-16: it was read, but other tools
/// (and the raw copy published as it is) may not show it as well as UTF-8.
fn utf16_warning(rel: &Path, big_endian: bool, replaced: usize) -> Diagnostic {
    let order = match big_endian {
        true => "big-endian",
        false => "little-endian",
    };
    let mut message = format!("the text is saved as UTF-16 ({order}); it was converted to read it");
    if replaced > 0 {
        message.push_str(&format!(
            ", and {replaced} character(s) that are not UTF-16 are shown as �"
        ));
    }
    Diagnostic::warning(rel, None, message)
        .hint("re-save the file as UTF-8 (File > Save As, encoding UTF-8)")
}

/// Reads the sidecar at `path` (`Sidecar::default()` when there is none).
/// One that is not a file (a folder, a named pipe, a symbolic link) is left
/// alone: the walk of `content/` warns about it.
fn read_sidecar(root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Sidecar {
    let rel = relative(root, path);
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => {}
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            diagnostics.push(Diagnostic::error(
                &rel,
                None,
                format!("cannot read the sidecar: {error}"),
            ));
            return Sidecar::default();
        }
        _ => return Sidecar::default(),
    }
    let text = match read_text_file(path, &rel).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(error)) => {
            diagnostics.push(
                Diagnostic::error(
                    &rel,
                    Some(invalid_utf8_line(error.as_bytes(), &error.utf8_error())),
                    "the sidecar is not valid UTF-8",
                )
                .hint("re-save the file as UTF-8"),
            );
            return Sidecar::default();
        }
        Err(problem) => {
            diagnostics.push(problem);
            return Sidecar::default();
        }
    };
    match toml::from_str::<Sidecar>(&text) {
        Ok(mut sidecar) => {
            check_sidecar_date(&sidecar, &rel, &text, diagnostics);
            sidecar.tags_line = key_line(&format!("\n{text}"), "tags").map(|l| l - 1);
            diagnostics.extend(tags::check_tags(&sidecar.tags, &rel, sidecar.tags_line));
            check_sidecar_url(&mut sidecar, &rel, &text, diagnostics);
            sidecar.mention_lines = sidecar
                .mention
                .iter()
                .map(|fix| {
                    text[..fix.span().start.min(text.len())]
                        .matches('\n')
                        .count()
                        + 1
                })
                .collect();
            sidecar
        }
        Err(error) => {
            let keys = "sidecar keys: title, publication, date, authors, url, fetched, language, keep, drop";
            let hint = match frontmatter::unknown_key_hint(error.message()) {
                Some(meant) => format!("{meant} ({keys})"),
                None => keys.to_string(),
            };
            let line = frontmatter::toml_error_line(&text, &error, 1);
            let said = frontmatter::nth_line(&text, line, 1);
            let (message, hint) = match crate::explain::parser_message(error.message(), said) {
                Some(explained) => (explained.message, explained.hint),
                None => (frontmatter::key_message(error.message()), hint),
            };
            diagnostics.push(
                Diagnostic::error(&rel, line, format!("invalid sidecar: {message}")).hint(hint),
            );
            Sidecar {
                unreadable: true,
                ..Sidecar::default()
            }
        }
    }
}

/// The original's address must be a web address: any other scheme
/// (`javascript:`, `data:`) could run code when a reader follows the link.
fn check_sidecar_url(
    sidecar: &mut Sidecar,
    rel: &Path,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(url) = &sidecar.url else { return };
    if !is_web_address(url) {
        diagnostics.push(
            Diagnostic::warning(
                rel,
                key_line(&format!("\n{text}"), "url").map(|l| l - 1),
                format!("`{url}` is not a web address; the link to the original was left out"),
            )
            .hint("write the address in full, starting with https://"),
        );
        sidecar.url = None;
    }
}

/// Whether a source's `url` is a web address (also `backstory new`'s rule for `--url`).
pub(crate) fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn check_sidecar_date(
    sidecar: &Sidecar,
    rel: &Path,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(date) = &sidecar.date {
        if date.as_day().is_none() {
            diagnostics.push(
                Diagnostic::error(
                    rel,
                    key_line(&format!("\n{text}"), "date").map(|l| l - 1),
                    match crate::explain::date_problem(&date.0) {
                        Some(reason) => format!("`{}` is not a calendar day: {reason}", date.0),
                        None => format!("`{}` is not a calendar day", date.0),
                    },
                )
                .hint(match crate::explain::padded_day(&date.0) {
                    Some(day) => format!("write the publication date as YYYY-MM-DD: date = {day}"),
                    None => {
                        "write the publication date as YYYY-MM-DD, for example date = 2024-01-05"
                            .to_string()
                    }
                }),
            );
        }
    }
}

pub(super) fn read_markdown<T: serde::de::DeserializeOwned + HasSlug>(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<MarkdownFile<T>> {
    let rel = relative(root, path);
    let bytes = match read_text_file(path, &rel) {
        Ok(bytes) => bytes,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        // Old Mac line ends (a lone CR) would hide the front matter fences.
        Ok(text) => text.replace("\r\n", "\n").replace('\r', "\n"),
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(
                    &rel,
                    Some(invalid_utf8_line(&bytes, &error)),
                    "the file is not valid UTF-8",
                )
                .hint("re-save the file as UTF-8"),
            );
            return None;
        }
    };
    let mut doc = match frontmatter::parse::<T>(&rel, &text) {
        Ok(doc) => doc,
        Err(diagnostic) => {
            let hint = match &diagnostic.hint {
                Some(meant) => format!("{meant} ({})", T::KEYS_HINT),
                None => T::KEYS_HINT.to_string(),
            };
            diagnostics.push(diagnostic.hint(hint));
            return None;
        }
    };
    doc.meta.note_lines(&text);
    let problems = doc.meta.check(&rel, &text);
    if !problems.is_empty() {
        diagnostics.extend(problems);
        return None;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let wanted = doc.meta.slug().unwrap_or(&stem);
    let id = slugify(wanted);
    if id.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                &rel,
                key_line(&text, "slug"),
                format!("`{wanted}` gives an empty page address"),
            )
            .hint("use letters, digits and dashes in the slug or the file name"),
        );
        return None;
    }
    Some(MarkdownFile { path: rel, id, doc })
}

/// Front matter schemas that may name their own slug, and the keys they accept.
pub trait HasSlug {
    const KEYS_HINT: &'static str;
    fn slug(&self) -> Option<&str>;
    /// Problems the schema cannot express, such as a date that is not a date.
    fn check(&self, _file: &Path, _text: &str) -> Vec<Diagnostic> {
        Vec::new()
    }
    /// Notes the lines of keys that later stages name in their messages.
    fn note_lines(&mut self, _text: &str) {}
}

impl HasSlug for PageMeta {
    const KEYS_HINT: &'static str =
        "page keys: title (required), description, slug, draft, weight, date";
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn check(&self, file: &Path, text: &str) -> Vec<Diagnostic> {
        let mut problems = tags::check_tags(&self.tags, file, self.tags_line);
        match &self.date {
            Some(date) if crate::date_value::parse_date_value(date).is_none() => {
                problems.push(
                    Diagnostic::error(
                        file,
                        key_line(text, "date"),
                        crate::explain::not_a_date(&date.0),
                    )
                    .hint("write the date as YYYY-MM-DD, YYYY-MM or YYYY"),
                );
            }
            _ => {}
        }
        problems
    }
    fn note_lines(&mut self, text: &str) {
        self.tags_line = key_line(text, "tags");
    }
}

impl HasSlug for PersonMeta {
    const KEYS_HINT: &'static str =
        "profile keys: name (required), aliases, role, description, kind, distinct, sex, slug";
    /// The `slug`, else the file name: never the `name`, so that
    /// correcting a spelling does not move the person's page.
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
}

impl HasSlug for EventMeta {
    const KEYS_HINT: &'static str = "event keys: title and date (required), end, sources, slug";
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_keeps_its_bytes_as_collected_and_valid_text_once() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/sources");
        std::fs::create_dir_all(&dir).unwrap();
        let valid = "Headline\n\nThe mayor said the fare is five euros.\n";
        let invalid = b"Headline\n\nThe fare is \xff\xfe five euros.\n";
        std::fs::write(dir.join("valid.txt"), valid).unwrap();
        std::fs::write(dir.join("invalid.txt"), invalid).unwrap();

        let (Some(file), problems) = load_source(site.path(), &dir.join("valid.txt")) else {
            panic!("a valid text loads");
        };
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(file.bytes(), valid.as_bytes());
        assert!(file.invalid_bytes.is_none(), "a valid text is held once");

        let (Some(file), problems) = load_source(site.path(), &dir.join("invalid.txt")) else {
            panic!("an invalid text loads, with a warning");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(file.bytes(), invalid, "the bytes are kept as collected");
        assert!(file.text.contains("is \u{fffd}\u{fffd} five"));
    }

    #[test]
    fn a_sidecar_without_its_text_is_a_warning_and_one_with_it_is_read() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/sources");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(site.path().join("site.toml"), "title = \"t\"\n").unwrap();
        std::fs::write(dir.join("a.txt"), "Headline\n\nThe fare is five euros.\n").unwrap();
        std::fs::write(dir.join("a.toml"), "title = \"From the sidecar\"\n").unwrap();
        std::fs::write(dir.join("lonely.toml"), "title = \"No text\"\n").unwrap();
        let content = load(site.path(), false).unwrap();
        assert_eq!(content.sources.len(), 1);
        assert_eq!(
            content.sources[0].sidecar.title.as_deref(),
            Some("From the sidecar")
        );
        let warned: Vec<&Diagnostic> = content.diagnostics.iter().collect();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert_eq!(warned[0].file, Path::new("content/sources/lonely.toml"));
    }
}
