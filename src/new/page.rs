//! `backstory new source ADDRESS` and `backstory new source FILE.html`: a
//! web address or a saved page in; the article's text as
//! `content/sources/NAME.txt`, the page as it came as `NAME.html` (its
//! provenance: never read as a source, never published) and a sidecar
//! filled from the page's metadata out, plus what was read, for printing.
//!
//! Every check runs before the first file is written, so a refusal leaves
//! the site as it was.

use super::{
    file_name, free_path, same_text, stem, toml_string, write_new, Created, NewError, SidecarDraft,
};
use crate::diag::Diagnostic;
use crate::import::{fetch, read_page, Imported};
use crate::load::is_web_address;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// Where the page comes from.
#[derive(Debug, Clone)]
pub enum PageSource {
    /// A web address, fetched now.
    Address(String),
    /// A page saved from a browser (its `_files` folder, if any, is not needed).
    File(PathBuf),
}

/// What `new source` made from a page, and what it read there.
#[derive(Debug, Clone)]
pub struct Page {
    pub created: Created,
    /// (what, value) pairs for the editor to check: headline, date, authors…
    pub read: Vec<(String, String)>,
}

/// Imports the page at `from` as a new source of the site at `root`, named
/// `name` if given, with `address` as its address if given (else the one
/// it was fetched from or declares).
pub fn new_source_from_page(
    root: &Path,
    from: &PageSource,
    name: Option<&str>,
    address: Option<&str>,
    today: Date,
    limits: fetch::Limits,
) -> Result<Page, NewError> {
    if let Some(url) = address.filter(|url| !is_web_address(url)) {
        return Err(NewError::Refused(
            Diagnostic::error(shown(from), None, format!("`{url}` is not a web address"))
                .hint("pass --url with the address in full, starting with https://"),
        ));
    }
    let (original, mut imported, fetched) = read(from, limits)?;
    if let Some(url) = address {
        imported.address = Some(url.trim().to_string());
    }
    let meta = &imported.meta;
    if let Some(existing) = same_text(root, imported.text.as_bytes())? {
        return Err(NewError::Refused(
            Diagnostic::error(
                shown(from),
                None,
                format!("this article is already in {}", existing.display()),
            )
            .hint("edit that source's sidecar instead of adding the article twice"),
        ));
    }
    let derived = format!(
        "{} {} {}",
        meta.published.map(|d| d.to_string()).unwrap_or_default(),
        meta.publication.as_deref().unwrap_or(""),
        meta.title.as_deref().unwrap_or(""),
    );
    let stem = stem(name, &derived, "--slug")?;
    let path = free_path(root, "content/sources", &stem, &["txt", "toml", "html"])?;
    let (sidecar, notes) = sidecar(&path, &imported, fetched.then_some(today), today);
    let page_path = path.with_extension("html");
    let sidecar_path = path.with_extension("toml");
    write_new(root, &path, imported.text.as_bytes())?;
    write_new(root, &page_path, &original)?;
    write_new(root, &sidecar_path, sidecar.as_bytes())?;
    Ok(Page {
        read: what_was_read(&imported),
        created: Created {
            files: vec![path, page_path, sidecar_path.clone()],
            edit: sidecar_path,
            url: format!("sources/{stem}/"),
            notes,
            warnings: Vec::new(),
            read: Vec::new(),
        },
    })
}

/// The page's bytes, what was read from them, and whether they were fetched.
fn read(from: &PageSource, limits: fetch::Limits) -> Result<(Vec<u8>, Imported, bool), NewError> {
    let refused = NewError::Refused;
    match from {
        PageSource::Address(url) => {
            if !is_web_address(url) {
                return Err(refused(
                    Diagnostic::error(url, None, "this is not a web address: only http:// and https:// pages can be fetched")
                        .hint("give the article's address in full, starting with https://, or the path of a saved page"),
                ));
            }
            let page = fetch::fetch(url.trim(), limits).map_err(refused)?;
            let imported = read_page(
                &page.bytes,
                page.content_type.as_deref(),
                url,
                Some(&page.final_url),
            )
            .map_err(refused)?;
            Ok((page.bytes, imported, true))
        }
        PageSource::File(file) => {
            let bytes = super::read_source_text(file)?;
            let imported =
                read_page(&bytes, None, &file.display().to_string(), None).map_err(refused)?;
            Ok((bytes, imported, false))
        }
    }
}

fn shown(from: &PageSource) -> String {
    match from {
        PageSource::Address(url) => url.clone(),
        PageSource::File(file) => file.display().to_string(),
    }
}

/// The sidecar's text and the notes on what the page did not say.
fn sidecar(
    path: &Path,
    page: &Imported,
    fetched: Option<Date>,
    today: Date,
) -> (String, Vec<String>) {
    let meta = &page.meta;
    let mut sidecar = SidecarDraft::new(format!(
        "# Sidecar of {}, added on {today}.\n\
         # Read from the page's metadata; correct what is wrong. The page itself is kept in\n\
         # {} as a record of where the text came from; it is never published.\n",
        file_name(path),
        file_name(&path.with_extension("html")),
    ));
    sidecar.field(
        "title",
        meta.title.as_deref().map(toml_string),
        "\"The headline\"",
        "the page declares no headline: set `title` in the sidecar",
    );
    sidecar.field(
        "publication",
        meta.publication.as_deref().map(toml_string),
        "\"The outlet's name\"",
        "the page does not name its publication: set `publication` in the sidecar",
    );
    sidecar.field("date", meta.published.map(|d| d.to_string()), "YYYY-MM-DD", "the page declares no publication date: set `date = YYYY-MM-DD` in the sidecar, or relative dates (\"last Friday\") stay off the timeline");
    sidecar.authors(&meta.authors);
    let address = page.address.as_deref().map(toml_string);
    sidecar.field("url", address, "\"https://...\"", "");
    sidecar.field("fetched", fetched.map(|d| d.to_string()), "YYYY-MM-DD", "");
    let language = meta.language.as_deref().map(toml_string);
    sidecar.field("language", language, "\"en\"", "");
    sidecar.finish()
}

/// What the page said about itself, in the order an editor checks it.
fn what_was_read(page: &Imported) -> Vec<(String, String)> {
    let meta = &page.meta;
    let mut read = Vec::new();
    let mut add = |what: &str, value: Option<String>| {
        if let Some(value) = value {
            read.push((what.to_string(), value));
        }
    };
    add("headline", meta.title.clone());
    add("publication", meta.publication.clone());
    add("published", meta.published.map(|d| d.to_string()));
    add(
        "updated",
        meta.modified
            .filter(|m| Some(*m) != meta.published)
            .map(|d| d.to_string()),
    );
    add(
        "authors",
        (!meta.authors.is_empty()).then(|| meta.authors.join(", ")),
    );
    add("address", page.address.clone());
    add("language", meta.language.clone());
    let paragraphs = page.text.split("\n\n").count();
    let words = page.text.split_whitespace().count();
    add(
        "text",
        Some(format!(
            "{words} words in {paragraphs} paragraphs ({})",
            page.charset
        )),
    );
    read
}
