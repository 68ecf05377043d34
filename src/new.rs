//! `backstory new`: a title, a name or a source text in, a new content file
//! with the right front matter or sidecar out.
//!
//! Files are named from a slug (of the page title, the person's name, or the
//! source's date, publication and headline as the cleaner reads them), never
//! overwrite anything, and a refusal suggests the next free name. The caller
//! passes today's date, so the same input always gives the same file.

use crate::clean::{clean, Article, CleanOptions};
use crate::diag::Diagnostic;
use crate::load::{is_web_address, too_large, MAX_TEXT_BYTES};
use crate::slug::slugify;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

mod event;
mod page;
pub use event::{new_event, NewEvent};
pub use page::{new_source_from_page, Page, PageSource};

/// What `new` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The files written, relative to the site root.
    pub files: Vec<PathBuf>,
    /// The file the editor should open next (the sidecar, for a source).
    pub edit: PathBuf,
    /// The page's address in the built site, relative to its root (`people/ana-lima/`).
    pub url: String,
    /// Things the editor should know or do next (a field the text did not have).
    pub notes: Vec<String>,
    /// Things that are probably a mistake (a name another profile already has).
    pub warnings: Vec<String>,
    /// For a source: what the cleaner read in it, one line per field, each
    /// saying when it is unsure ("title: \"Search\" (unsure: ...)").
    pub read: Vec<String>,
}

/// Why nothing was made: a refusal the editor can act on, or an I/O failure.
#[derive(Debug)]
pub enum NewError {
    Refused(Diagnostic),
    Io(std::io::Error),
}

impl From<std::io::Error> for NewError {
    fn from(error: std::io::Error) -> Self {
        NewError::Io(error)
    }
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::Refused(diagnostic) => write!(f, "{diagnostic}"),
            NewError::Io(error) => write!(f, "error: {error}"),
        }
    }
}

/// Longest file name stem `new` derives by itself, cut at a word boundary.
const MAX_STEM: usize = 80;

/// Creates `content/pages/SLUG.md` for a page titled `title`.
pub fn new_page(
    root: &Path,
    title: &str,
    name: Option<&str>,
    today: Date,
) -> Result<Created, NewError> {
    let title = one_line(title);
    let stem = stem(name, &title, "page title")?;
    if crate::link::RESERVED_IDS.contains(&stem.as_str()) {
        return Err(NewError::Refused(
            Diagnostic::error(
                format!("content/pages/{stem}.md"),
                None,
                format!("the address /{stem}/ belongs to a generated page"),
            )
            .hint(format!("choose another title, or pass --slug {stem}-page")),
        ));
    }
    let path = free_path(root, "content/pages", &stem, &["md"])?;
    let text = format!(
        "+++\ntitle = {}\n# description = \"One sentence for search engines and link previews.\"\ndate = {today}\n\
         # weight = 50       # puts the page in the navigation, lower first\n\
         # draft = true      # built only with --drafts\n+++\n\n",
        toml_string(&title)
    );
    write_new(root, &path, text.as_bytes())?;
    Ok(Created {
        files: vec![path.clone()],
        edit: path,
        url: format!("{stem}/"),
        notes: Vec::new(),
        warnings: Vec::new(),
        read: Vec::new(),
    })
}

/// Creates `content/people/SLUG.md`, a profile for `full_name`.
pub fn new_person(root: &Path, full_name: &str, name: Option<&str>) -> Result<Created, NewError> {
    let full_name = one_line(full_name);
    let stem = stem(name, &full_name, "person's name")?;
    let path = free_path(root, "content/people", &stem, &["md"])?;
    let warnings = profiles_naming(root, &full_name)
        .into_iter()
        .map(|(file, field)| {
            format!(
                "{file} already has \"{full_name}\" as its {field}, so the sources' mentions \
                 of it go to that profile; edit that one instead and delete {}",
                path.display()
            )
        })
        .collect();
    let text = format!(
        "+++\nname = {}\n\
         # Other spellings the sources use; they merge into this person.\naliases = []\n\
         # role = \"Prime minister\"\n\
         # description = \"One line shown under the name.\"\n\
         # Names that look like this person but belong to someone else.\ndistinct = []\n+++\n\n",
        toml_string(&full_name)
    );
    write_new(root, &path, text.as_bytes())?;
    let mut notes = Vec::new();
    if full_name.split_whitespace().count() < 2 {
        notes.push(
            "a single name merges with every source that uses it alone; add the full name if you know it"
                .to_string(),
        );
    }
    Ok(Created {
        files: vec![path.clone()],
        edit: path,
        url: format!("people/{stem}/"),
        notes,
        warnings,
        read: Vec::new(),
    })
}

/// The profiles under `content/people/` whose name or an alias folds to the
/// same key as `full_name`, each with the field that has it ("name",
/// "alias"), in file name order. A file that cannot be read or parsed is
/// passed over: `check` reports it.
fn profiles_naming(root: &Path, full_name: &str) -> Vec<(String, &'static str)> {
    let wanted = crate::slug::fold(full_name);
    let Ok(entries) = std::fs::read_dir(root.join("content/people")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "md") && path.is_file())
        .collect();
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let too_big = std::fs::metadata(&path).map_or(true, |m| m.len() > MAX_TEXT_BYTES);
        let Some(text) = (!too_big)
            .then(|| std::fs::read_to_string(&path).ok())
            .flatten()
        else {
            continue;
        };
        let Ok(profile) = crate::frontmatter::parse::<crate::load::PersonMeta>(&path, &text) else {
            continue;
        };
        let field = if crate::slug::fold(&profile.meta.name) == wanted {
            "name"
        } else if profile
            .meta
            .aliases
            .iter()
            .any(|a| crate::slug::fold(a) == wanted)
        {
            "alias"
        } else {
            continue;
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        found.push((format!("content/people/{name}"), field));
    }
    found
}

/// Where a new source text comes from and what the editor already knows about it.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    /// The text as collected, copied byte for byte.
    pub bytes: Vec<u8>,
    /// The file it came from, if any (its name is the fallback for the new name).
    pub from: Option<PathBuf>,
    /// The name to give it, without `.txt`.
    pub name: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
}

/// Copies a source text into `content/sources/` with a sidecar filled in from
/// what the cleaner reads in it.
pub fn new_source(root: &Path, source: &NewSource, today: Date) -> Result<Created, NewError> {
    let shown = source
        .from
        .as_ref()
        .map_or_else(|| PathBuf::from("standard input"), PathBuf::clone);
    check_new_source(root, source, &shown)?;
    let text = String::from_utf8_lossy(&source.bytes);
    let article = clean(&text, &CleanOptions::default());
    let derived = match (&article.title, &source.from) {
        (Some(title), _) => {
            let date = article.date.map(|d| d.to_string()).unwrap_or_default();
            let publication = article.publication.as_deref().unwrap_or("");
            format!("{date} {publication} {title}")
        }
        (None, Some(from)) => from
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let stem = stem(source.name.as_deref(), &derived, "--slug")?;
    let path = free_path(root, "content/sources", &stem, &["txt", "toml"])?;
    let sidecar_path = path.with_extension("toml");

    let mut sidecar = SidecarDraft::new(format!(
        "# Sidecar of {}, added on {today}.\n\
         # Read from the text; correct what is wrong. A line removed here is read from the text again.\n",
        file_name(&path)
    ));
    sidecar.field(
        "title",
        article.title.as_deref().map(toml_string),
        "\"The headline\"",
        "no headline found: set `title` in the sidecar",
    );
    sidecar.field(
        "publication",
        article.publication.as_deref().map(toml_string),
        "\"The outlet's name\"",
        "no publication found: set `publication` in the sidecar",
    );
    sidecar.field(
        "date",
        article.date.map(|d| d.to_string()),
        "YYYY-MM-DD",
        "no publication date found: set `date = YYYY-MM-DD` in the sidecar, or relative dates (\"last Friday\") stay off the timeline",
    );
    sidecar.authors(&article.authors);
    sidecar.field(
        "url",
        source.url.as_deref().map(toml_string),
        "\"https://...\"",
        "",
    );
    sidecar.field("language", None, "\"en\"", "");
    let (sidecar, notes) = sidecar.finish();
    write_new(root, &path, &source.bytes)?;
    write_new(root, &sidecar_path, sidecar.as_bytes())?;
    Ok(Created {
        files: vec![path, sidecar_path.clone()],
        edit: sidecar_path,
        url: format!("sources/{stem}/"),
        notes,
        warnings: Vec::new(),
        read: read_summary(&article, &text),
    })
}

/// A sidecar being written: a known field as `key = value`, a missing one as
/// a commented example the editor can fill in, with a note saying so.
pub(crate) struct SidecarDraft {
    text: String,
    notes: Vec<String>,
}

impl SidecarDraft {
    pub(crate) fn new(header: String) -> Self {
        SidecarDraft {
            text: header,
            notes: Vec::new(),
        }
    }

    /// `missing` is the note for an absent value; empty for optional fields.
    pub(crate) fn field(&mut self, key: &str, value: Option<String>, example: &str, missing: &str) {
        match value {
            Some(value) => self.text.push_str(&format!("{key} = {value}\n")),
            None => {
                self.text.push_str(&format!("# {key} = {example}\n"));
                if !missing.is_empty() {
                    self.notes.push(missing.to_string());
                }
            }
        }
    }

    pub(crate) fn authors(&mut self, authors: &[String]) {
        let quoted: Vec<String> = authors.iter().map(|a| toml_string(a)).collect();
        let value = (!quoted.is_empty()).then(|| format!("[{}]", quoted.join(", ")));
        self.field("authors", value, "[\"First Author\"]", "");
    }

    /// The text with the `keep`/`drop` examples last, and the notes.
    pub(crate) fn finish(mut self) -> (String, Vec<String>) {
        self.text.push_str(
            "# Lines the cleaner dropped that belong to the article (see \"Removed lines\" on its page):\n\
             # keep = [\"A line to keep\"]\n\
             # Lines the cleaner kept that are not part of the article:\n\
             # drop = [\"Share this article\"]\n",
        );
        (self.text, self.notes)
    }
}

/// What the cleaner read in a new source, for the editor to check at once:
/// title, publication, date, authors and the lines removed, each marked
/// "unsure" when a general sign says it may be wrong.
pub fn read_summary(article: &Article, text: &str) -> Vec<String> {
    let opening: String = article
        .blocks
        .iter()
        .take(3)
        .map(|block| block.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let title = match &article.title {
        None => {
            "title: none found; the file name stands in (set `title` in the sidecar)".to_string()
        }
        Some(title) => with_doubt(
            format!("title: {}", toml_string(title)),
            title_doubt(title, &opening),
        ),
    };
    let publication = match &article.publication {
        None => "publication: none found".to_string(),
        Some(name) => format!("publication: {}", toml_string(name)),
    };
    let date = match article.date {
        None => "date: none found".to_string(),
        Some(date) => format!("date: {date}"),
    };
    let authors = match article.authors.is_empty() {
        true => "authors: none found".to_string(),
        false => {
            let names: Vec<String> = article.authors.iter().map(|a| toml_string(a)).collect();
            let single = article
                .authors
                .iter()
                .any(|a| a.split_whitespace().count() < 2);
            let doubt = single.then_some("a one-word name may be a label or a handle");
            with_doubt(format!("authors: {}", names.join(", ")), doubt)
        }
    };
    vec![
        title,
        publication,
        date,
        authors,
        removed_summary(article, text),
    ]
}

/// Why a title may be wrong: too short to be a headline, or sharing no word
/// with the article's opening (menus and labels share none).
fn title_doubt(title: &str, opening: &str) -> Option<&'static str> {
    let words: Vec<String> = title
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|word| word.chars().count() >= 4)
        .collect();
    if title.split_whitespace().count() < 3 {
        return Some("a headline of one or two words is often a page label");
    }
    if !opening.is_empty() && !words.iter().any(|word| opening.contains(word.as_str())) {
        return Some("none of its words is in the article's opening");
    }
    None
}

fn with_doubt(line: String, doubt: Option<&str>) -> String {
    match doubt {
        Some(doubt) => format!("{line} (unsure: {doubt})"),
        None => line,
    }
}

/// "removed 12 of 40 lines (page before the article 8, share prompt 2, ...)",
/// unsure when most of the text went: the article may have been cut.
fn removed_summary(article: &Article, text: &str) -> String {
    let total = text.lines().filter(|line| !line.trim().is_empty()).count();
    let mut reasons: Vec<(&str, usize)> = Vec::new();
    for line in &article.removed {
        match reasons
            .iter_mut()
            .find(|(reason, _)| *reason == line.reason)
        {
            Some((_, count)) => *count += 1,
            None => reasons.push((line.reason, 1)),
        }
    }
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = reasons
        .iter()
        .take(4)
        .map(|(reason, count)| format!("{reason} {count}"))
        .collect();
    let mut line = format!("removed {} of {total} lines", article.removed.len());
    if !listed.is_empty() {
        line.push_str(&format!(" ({})", listed.join(", ")));
    }
    let kept_words: usize = article
        .blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum();
    let doubt = (kept_words < 50)
        .then_some("little text is left; check the removed lines on the source's page");
    with_doubt(line, doubt)
}

/// Refuses what `new source` must not add: an address that is not a web
/// address, a text over the build's limit, an empty text, or one the site
/// already has. `shown` names the text in messages.
fn check_new_source(root: &Path, source: &NewSource, shown: &Path) -> Result<(), NewError> {
    if let Some(url) = source.url.as_deref().filter(|url| !is_web_address(url)) {
        return Err(NewError::Refused(
            Diagnostic::error(shown, None, format!("`{url}` is not a web address"))
                .hint("pass --url with the address in full, starting with https://"),
        ));
    }
    if source.bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(NewError::Refused(too_large(shown, None)));
    }
    if source.bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NewError::Refused(
            Diagnostic::error(shown, None, "the source text is empty")
                .hint("save the article as plain text first, then add that file"),
        ));
    }
    if let Some(existing) = same_text(root, &source.bytes)? {
        return Err(NewError::Refused(
            Diagnostic::error(
                shown,
                None,
                format!("this text is already in {}", existing.display()),
            )
            .hint("edit that source's sidecar instead of adding the text twice"),
        ));
    }
    Ok(())
}

/// Reads the text for `new source`: the file at `file`, or standard input
/// for `-`. A text over the build's limit is refused without reading on, so
/// `/dev/zero` or an endless pipe ends in an error at once.
pub fn read_source_text(file: &Path) -> Result<Vec<u8>, NewError> {
    use std::io::Read;
    let from_stdin = file.as_os_str() == "-";
    let shown = if from_stdin {
        Path::new("standard input")
    } else {
        file
    };
    let cannot_read = |error: std::io::Error| {
        NewError::Refused(
            Diagnostic::error(shown, None, format!("cannot read: {error}"))
                .hint("check the file's name and that you may read it"),
        )
    };
    // A regular file's size is known before reading; a device's or a pipe's is not.
    let size = match from_stdin {
        true => None,
        false => {
            let metadata = std::fs::metadata(file).map_err(cannot_read)?;
            metadata.is_file().then_some(metadata.len())
        }
    };
    if size.is_some_and(|size| size > MAX_TEXT_BYTES) {
        return Err(NewError::Refused(too_large(shown, size)));
    }
    let reader: Box<dyn Read> = match from_stdin {
        true => Box::new(std::io::stdin().lock()),
        false => Box::new(std::fs::File::open(file).map_err(cannot_read)?),
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(NewError::Refused(too_large(shown, size)));
    }
    Ok(bytes)
}

/// The file name stem: the slug of `name` if given, else of `derived`, cut to length.
fn stem(name: Option<&str>, derived: &str, what: &str) -> Result<String, NewError> {
    let slug = match name {
        Some(name) => slugify(name),
        None => shorten(&slugify(derived)),
    };
    if slug.is_empty() && name.is_none() && derived.trim().is_empty() {
        return Err(NewError::Refused(
            Diagnostic::error(
                "content/sources",
                None,
                "the text has no headline to name the file after",
            )
            .hint("pass --slug NAME, for example --slug 2024-01-05-outlet-headline"),
        ));
    }
    if slug.is_empty() {
        let given = name.unwrap_or(derived);
        return Err(NewError::Refused(
            Diagnostic::error(
                "content",
                None,
                format!("`{given}` has no letters or digits to make a file name from"),
            )
            .hint(format!("give a {what} with letters or digits")),
        ));
    }
    Ok(slug)
}

/// Cuts a slug to [`MAX_STEM`] characters at a dash.
fn shorten(slug: &str) -> String {
    if slug.len() <= MAX_STEM {
        return slug.to_string();
    }
    let cut = slug[..MAX_STEM].rfind('-').unwrap_or(MAX_STEM);
    slug[..cut].to_string()
}

/// `folder/stem.EXT` (for the first extension) if no file with any of the
/// extensions exists; else a refusal that names the next free stem.
fn free_path(
    root: &Path,
    folder: &str,
    stem: &str,
    extensions: &[&str],
) -> Result<PathBuf, NewError> {
    let taken = |stem: &str| {
        extensions
            .iter()
            .any(|ext| root.join(folder).join(format!("{stem}.{ext}")).exists())
    };
    let path = PathBuf::from(folder).join(format!("{stem}.{}", extensions[0]));
    if !taken(stem) {
        return Ok(path);
    }
    let free = (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default();
    Err(NewError::Refused(
        Diagnostic::error(&path, None, "already exists; nothing was changed").hint(format!(
            "edit the existing file, or pass --slug {free} to create {folder}/{free}.{}",
            extensions[0]
        )),
    ))
}

/// The existing source with exactly these bytes, if any.
fn same_text(root: &Path, bytes: &[u8]) -> std::io::Result<Option<PathBuf>> {
    let folder = root.join("content/sources");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(None);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let same_size = std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
        if same_size && std::fs::read(&path)? == bytes {
            let name = path.file_name().unwrap_or_default();
            return Ok(Some(PathBuf::from("content/sources").join(name)));
        }
    }
    Ok(None)
}

/// Writes a file that must not exist yet (checked again at creation, not just before).
fn write_new(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    use std::io::Write;
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Refused(
                Diagnostic::error(path, None, "already exists; nothing was changed")
                    .hint("edit the existing file, or choose another --slug"),
            ))
        }
        Err(error) => return Err(error.into()),
    };
    file.write_all(bytes)?;
    Ok(())
}

/// A TOML basic string, quoted and escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Collapses whitespace so a pasted title stays on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_long_slugs_at_a_dash() {
        let long = "word-".repeat(30);
        let short = shorten(long.trim_end_matches('-'));
        assert!(short.len() <= MAX_STEM && !short.ends_with('-'), "{short}");
        assert_eq!(shorten("short-one"), "short-one");
    }

    #[test]
    fn quotes_toml_strings() {
        assert_eq!(toml_string("Say \"hi\""), "'Say \"hi\"'");
        assert_eq!(one_line(" A\n  title\t"), "A title");
    }
}
