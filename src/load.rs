//! Load stage: a site folder in, its [`Content`] out.
//!
//! Walks `content/` (walkdir, sorted, symlinks not followed), reads every
//! source text with its optional sidecar, every Markdown file with its front
//! matter, and `site.toml`. Nothing is interpreted beyond validating the
//! schemas: a problem with one file becomes a [`Diagnostic`] and the walk goes on.

use crate::config::{load_config, Config};
use crate::diag::Diagnostic;
use crate::extract::people::PersonKind;
use crate::frontmatter::{self, key_line, DateText, Document};
use crate::slug::slugify;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    pub diagnostics: Vec<Diagnostic>,
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
    /// UTF-8 and so differ from `text` (see [`SourceFile::bytes`]): a valid
    /// text, as nearly all are, is held once.
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
    pub language: Option<String>,
    /// Lines the cleaner removed that belong to the article.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Lines the cleaner kept that are not part of the article.
    #[serde(default)]
    pub drop: Vec<String>,
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    #[serde(default)]
    pub slug: Option<String>,
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
    let config = load_config(root).unwrap_or_else(|diagnostic| {
        diagnostics.push(diagnostic);
        Config::with_title("Backstory")
    });
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
        diagnostics,
    };
    // Source texts are many and independent: read them after the walk, in parallel.
    let mut source_paths: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut sidecar_paths: Vec<PathBuf> = Vec::new();
    let walker = walkdir::WalkDir::new(&content_dir)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walker {
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
        if entry.path_is_symlink() {
            content.diagnostics.push(
                Diagnostic::warning(
                    &rel,
                    None,
                    "symbolic links are not followed; this one was ignored",
                )
                .hint("copy the file or folder into content/ instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if name.starts_with('.') {
            if [".txt", ".md", ".toml"]
                .iter()
                .any(|ext| name.ends_with(ext))
            {
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
            (Some("_index.md"), 2, _) => {
                if let Some(file) = read_markdown::<PageMeta>(root, path, &mut content.diagnostics)
                {
                    content.home = Some(file);
                }
            }
            (Some("sources"), 3, "txt") => source_paths.push((path.to_path_buf(), rel)),
            // A sidecar belongs to the text of its name, which the walk
            // may meet after it: checked once the walk is done.
            (Some("sources"), 3, "toml") => sidecar_paths.push(rel),
            (Some("pages"), 3, "md") => {
                if let Some(file) = read_markdown::<PageMeta>(root, path, &mut content.diagnostics)
                {
                    if drafts || !file.doc.meta.draft {
                        content.pages.push(file);
                    }
                }
            }
            (Some("people"), 3, "md") => {
                if let Some(file) =
                    read_markdown::<PersonMeta>(root, path, &mut content.diagnostics)
                {
                    content.people.push(file);
                }
            }
            (Some("events"), 3, "md") => {
                if let Some(file) = read_markdown::<EventMeta>(root, path, &mut content.diagnostics)
                {
                    content.events.push(file);
                }
            }
            _ => content.diagnostics.push(not_in_content_model(&rel)),
        }
    }
    let texts: std::collections::HashSet<&Path> =
        source_paths.iter().map(|(_, rel)| rel.as_path()).collect();
    for rel in sidecar_paths {
        if !texts.contains(rel.with_extension("txt").as_path()) {
            content.diagnostics.push(not_in_content_model(&rel));
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
            for (source, diagnostics) in read {
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
                content
                    .diagnostics
                    .extend(remembered.diagnostics.iter().cloned());
                content.sources.extend(remembered.source.clone());
                cache.entries.insert(rel, remembered);
            }
        }
    }
    check_source_ids(&content.sources, &mut content.diagnostics);
    Ok(content)
}

/// The warning for a file under `content/` that no part of the site reads.
fn not_in_content_model(rel: &Path) -> Diagnostic {
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

/// The 1-based line of the first byte that is not valid UTF-8.
fn invalid_utf8_line(bytes: &[u8], error: &std::str::Utf8Error) -> usize {
    bytes[..error.valid_up_to()]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// True when `bytes` look like a binary file (an image, a PDF, a word
/// processor document) rather than text: control characters and bytes that
/// are not UTF-8 make up more than a tenth of the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let mut suspicious = 0;
    for chunk in sample.utf8_chunks() {
        suspicious += chunk
            .valid()
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{fffd}'
            })
            .count();
        suspicious += chunk.invalid().len();
    }
    suspicious * 10 > sample.len()
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The largest text file read. A news article is rarely over 1 MB; anything
/// far larger is a wrong file (a database dump, a video) and would make the
/// build slow and the pages unreadable.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// The refusal of a text over [`MAX_TEXT_BYTES`] (also `backstory new`'s);
/// `size` is `None` for a stream, whose size is known only to be over.
pub(crate) fn too_large(rel: &Path, size: Option<u64>) -> Diagnostic {
    let size = size.map_or(String::new(), |size| {
        format!("the file is {:.1} MB; ", size as f64 / 1e6)
    });
    Diagnostic::error(
        rel,
        None,
        format!(
            "{size}texts over {} MB are not read",
            MAX_TEXT_BYTES / (1024 * 1024)
        ),
    )
    .hint("check that this is the text you meant; split a very long text into several files")
}

/// Reads a content file, refusing one over [`MAX_TEXT_BYTES`] before reading it.
fn read_text_file(path: &Path, rel: &Path) -> Result<Vec<u8>, Diagnostic> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_TEXT_BYTES {
        return Err(too_large(rel, Some(size)));
    }
    std::fs::read(path).map_err(|error| {
        Diagnostic::error(rel, None, format!("cannot read: {error}"))
            .hint("fix the file's permissions")
    })
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
    if looks_binary(&bytes) {
        diagnostics.push(
            Diagnostic::error(&rel, None, "this looks like a binary file, not a text")
                .hint("save the article as plain text (File > Save As > .txt), or move the file out of content/"),
        );
        return None;
    }
    // A valid text takes over the bytes as they are, without a copy.
    let (text, invalid_bytes) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let line = invalid_utf8_line(error.as_bytes(), &error.utf8_error());
            diagnostics.push(
                Diagnostic::warning(
                    &rel,
                    Some(line),
                    "the text is not valid UTF-8; invalid bytes are shown as �",
                )
                .hint("re-save the file as UTF-8"),
            );
            let bytes = error.into_bytes();
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                Some(Arc::from(bytes)),
            )
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
    let sidecar_path = path.with_extension("toml");
    let sidecar = match std::fs::read_to_string(&sidecar_path) {
        Ok(text) => match toml::from_str::<Sidecar>(&text) {
            Ok(mut sidecar) => {
                let sidecar_rel = relative(root, &sidecar_path);
                check_sidecar_date(&sidecar, &sidecar_rel, &text, diagnostics);
                check_sidecar_url(&mut sidecar, &sidecar_rel, &text, diagnostics);
                sidecar
            }
            Err(error) => {
                let keys =
                    "sidecar keys: title, publication, date, authors, url, language, keep, drop";
                let hint = match frontmatter::unknown_key_hint(error.message()) {
                    Some(meant) => format!("{meant} ({keys})"),
                    None => keys.to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        relative(root, &sidecar_path),
                        frontmatter::toml_error_line(&text, &error, 1),
                        format!(
                            "invalid sidecar: {}",
                            frontmatter::key_message(error.message())
                        ),
                    )
                    .hint(hint),
                );
                Sidecar::default()
            }
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Sidecar::default(),
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                relative(root, &sidecar_path),
                None,
                format!("cannot read the sidecar: {error}"),
            ));
            Sidecar::default()
        }
    };
    Some(SourceFile {
        id,
        path: rel,
        text: Arc::from(text),
        invalid_bytes,
        sidecar,
    })
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
                    format!("`{}` is not a calendar day", date.0),
                )
                .hint("write the publication date as YYYY-MM-DD, for example date = 2024-01-05"),
            );
        }
    }
}

fn read_markdown<T: serde::de::DeserializeOwned + HasSlug>(
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
    let doc = match frontmatter::parse::<T>(&rel, &text) {
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
}

impl HasSlug for PageMeta {
    const KEYS_HINT: &'static str =
        "page keys: title (required), description, slug, draft, weight, date";
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn check(&self, file: &Path, text: &str) -> Vec<Diagnostic> {
        match &self.date {
            Some(date) if crate::link::parse_date_value(date).is_none() => vec![Diagnostic::error(
                file,
                key_line(text, "date"),
                format!("`{}` is not a date", date.0),
            )
            .hint("write the date as YYYY-MM-DD, YYYY-MM or YYYY")],
            _ => Vec::new(),
        }
    }
}

impl HasSlug for PersonMeta {
    const KEYS_HINT: &'static str =
        "profile keys: name (required), aliases, role, description, kind, distinct, slug";
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref().or(Some(self.name.as_str()))
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
