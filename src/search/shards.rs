//! Indexing in shards: the site's [`records`](super::records) in, the files
//! of one Pagefind bundle per shard out, handed to a writer as each shard
//! is done.
//!
//! Pagefind holds everything it indexes until it writes the bundle, and
//! checks each added record against every earlier one; a bundle per shard
//! of bounded text keeps both the memory and that check small, and lets
//! the shards be indexed on every core. The shards are cut by the records'
//! order and sizes alone, so the output does not depend on the number of
//! threads.

use super::records::{Catalog, Kind, Record};
use super::{problem, BUNDLE_DIR, UNUSED_PREFIXES};
use crate::diag::Diagnostic;
use crate::link::Site;
use crate::render::{escape_html, OutputFile};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

/// The most text (in bytes) a shard takes, unless one record is longer.
/// Pagefind needs some tens of times a shard's text while indexing it.
pub const SHARD_TEXT: usize = 4 << 20;

/// What a record costs besides its text (URL, meta, fragment), in bytes of text.
const RECORD_OVERHEAD: usize = 256;

/// The file that lists the shards after the first, for the search page.
pub const SHARDS_FILE: &str = "shards.json";

/// Receives each file of the index as it is made.
pub type Put<'a> = dyn Fn(OutputFile) -> std::io::Result<()> + Sync + 'a;

/// Which records a shard holds: runs of (kind, first index, end index).
type Shard = Vec<(Kind, usize, usize)>;

/// Indexes `site` in `language` into shards, handing every file to `put`;
/// returns the paths made, sorted. `Err` for I/O failures; `Ok(Err)` for
/// a problem the indexer reports.
pub fn index(
    site: &Site,
    language: &str,
    shard_text: usize,
    put: &Put,
) -> std::io::Result<Result<Vec<String>, Diagnostic>> {
    let catalog = Catalog::new(site);
    let shards = cut(&catalog, shard_text);
    if shards.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    // A few shards at a time: a thread waiting inside Pagefind's own
    // parallel work may take up another shard, so a wave bounds how many
    // are in memory at once.
    let wave = rayon::current_num_threads().max(1);
    let mut paths = Vec::new();
    for (first, chunk) in shards.chunks(wave).enumerate() {
        let done: Vec<_> = chunk
            .par_iter()
            .enumerate()
            .map(|(at, shard)| index_shard(&catalog, shard, first * wave + at, language, put))
            .collect();
        for shard in done {
            match shard? {
                Ok(made) => paths.extend(made),
                Err(problem) => return Ok(Err(problem)),
            }
        }
    }
    let listing = shard_listing(shards.len());
    paths.push(listing.path.clone());
    put(listing)?;
    paths.sort();
    Ok(Ok(paths))
}

/// The records of `catalog` in shards of at most `shard_text` bytes.
fn cut(catalog: &Catalog, shard_text: usize) -> Vec<Shard> {
    let mut shards = Vec::new();
    let mut shard: Shard = Vec::new();
    let mut text = 0;
    for (kind, count) in catalog.counts() {
        for index in 0..count {
            let size = catalog.text_size(kind, index) + RECORD_OVERHEAD;
            if text + size > shard_text && !shard.is_empty() {
                shards.push(std::mem::take(&mut shard));
                text = 0;
            }
            text += size;
            match shard.last_mut() {
                Some((last, _, end)) if *last == kind && *end == index => *end += 1,
                _ => shard.push((kind, index, index + 1)),
            }
        }
    }
    if !shard.is_empty() {
        shards.push(shard);
    }
    shards
}

/// Where shard `number` is published: the first in the bundle folder itself.
fn shard_dir(number: usize) -> String {
    match number {
        0 => format!("{BUNDLE_DIR}/"),
        n => format!("{BUNDLE_DIR}/shard-{n}/"),
    }
}

/// `pagefind/shards.json`: the folders of the shards after the first,
/// relative to `pagefind/`, as a JSON list.
fn shard_listing(shards: usize) -> OutputFile {
    let folders: Vec<String> = (1..shards).map(|n| format!("shard-{n}/")).collect();
    let json = serde_json::to_string(&folders).unwrap_or_else(|_| "[]".into());
    OutputFile::new(format!("{BUNDLE_DIR}/{SHARDS_FILE}"), json)
}

/// Indexes one shard and hands its files to `put`; returns their paths.
fn index_shard(
    catalog: &Catalog,
    shard: &Shard,
    number: usize,
    language: &str,
    put: &Put,
) -> std::io::Result<Result<Vec<String>, Diagnostic>> {
    let records = shard
        .iter()
        .flat_map(|&(kind, start, end)| (start..end).map(move |index| (kind, index)))
        .map(|(kind, index)| catalog.record(kind, index));
    let files = match index_records(records, language) {
        Ok(files) => files,
        Err(problem) => return Ok(Err(problem)),
    };
    let dir = shard_dir(number);
    let mut paths = Vec::with_capacity(files.len());
    for (name, contents) in files {
        let file = OutputFile::new(format!("{dir}{name}"), contents);
        paths.push(file.path.clone());
        put(file)?;
    }
    Ok(Ok(paths))
}

/// One Pagefind bundle of `records`, as (name in the bundle, bytes).
pub fn index_records(
    records: impl Iterator<Item = Record>,
    language: &str,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|error| problem(format!("cannot start the search indexer: {error}")))?;
    runtime.block_on(bundle(records, language))
}

/// `record` as the HTML page Pagefind reads: its meta as attributes, its
/// content, then each section with the section's anchor: under a heading
/// when it has a title (a sub-result), else as a paragraph (an anchor
/// Pagefind lists with the word it starts at).
fn sectioned_html(record: &Record, language: &str) -> String {
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><body>",
        escape_html(language)
    );
    for (key, value) in &record.meta {
        let meta = escape_html(&format!("{key}:{value}"));
        html.push_str(&format!("<span data-pagefind-meta=\"{meta}\"></span>"));
    }
    html.push_str(&format!("<p>{}</p>", escape_html(&record.content)));
    for section in &record.sections {
        let (anchor, text) = (escape_html(&section.anchor), escape_html(&section.text));
        match &section.title {
            Some(title) => html.push_str(&format!(
                "<h2 id=\"{anchor}\">{}</h2><p>{text}</p>",
                escape_html(title)
            )),
            None => html.push_str(&format!("<p id=\"{anchor}\">{text}</p>")),
        }
    }
    html.push_str("</body></html>");
    html
}

async fn bundle(
    records: impl Iterator<Item = Record>,
    language: &str,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let primary = super::primary_language(language);
    let config = PagefindServiceConfig::builder()
        .keep_index_url(true)
        .force_language(primary.clone())
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|error| problem(error.to_string()))?;
    for record in records {
        let url = record.url.clone();
        let added = match record.sections.is_empty() {
            true => {
                let meta = Some(record.meta);
                (index.add_custom_record(
                    record.url,
                    record.content,
                    primary.clone(),
                    meta,
                    None,
                    None,
                ))
                .await
            }
            // Pagefind finds sub-results only under headings with an id,
            // which it reads from HTML: such a record is given as a page.
            false => {
                let html = sectioned_html(&record, &primary);
                index.add_html_file(None, Some(record.url), html).await
            }
        };
        added.map_err(|error| problem(format!("cannot index {url}: {error}")))?;
    }
    let built = index
        .get_files()
        .await
        .map_err(|error| problem(format!("cannot build the search index: {error}")))?;
    let mut files: Vec<(String, Vec<u8>)> = built
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches('/').to_string();
            let unused = UNUSED_PREFIXES.iter().any(|p| name.starts_with(p));
            (!unused).then_some((name, file.contents))
        })
        .collect();
    files.sort();
    Ok(files)
}
