//! The clean and extract stages for one source: a loaded [`SourceFile`] in,
//! the [`Source`] the link stage reads (cleaned text, dates, what the
//! sidecar corrects) and its [`Extracted`] people out.
//!
//! The build calls [`clean_all`] and then [`extract_all`], timing each, and
//! hands what they make to [`super::link`]; watch mode calls [`prepare`]
//! per source and keeps the result for sources that did not change. The
//! link stage itself never cleans or extracts.

use super::timeline::DateContexts;
use super::{Prepared, Source};
use crate::clean::{clean_in, CleanOptions};
use crate::diag::Diagnostic;
use crate::extract::Extracted;
use crate::frontmatter::DateText;
use crate::load::SourceFile;
use rayon::prelude::*;
use std::sync::Arc;

/// Cleans and extracts one source: the per-source work that depends on no other file.
pub fn prepare(file: SourceFile) -> Prepared {
    let (source, problems) = clean(file);
    extract(source, problems)
}

/// Cleans every source, in parallel, each with the problems found in it.
pub fn clean_all(files: Vec<SourceFile>) -> Vec<(Source, Vec<Diagnostic>)> {
    files.into_par_iter().map(clean).collect()
}

/// Extracts every cleaned source, in parallel, keeping each source's
/// cleaning problems beside its own.
pub fn extract_all(cleaned: Vec<(Source, Vec<Diagnostic>)>) -> Vec<Prepared> {
    cleaned
        .into_par_iter()
        .map(|(source, problems)| extract(source, problems))
        .collect()
}

/// Extracts one cleaned source and applies its sidecar's corrections;
/// `problems` are those cleaning found, kept with the extraction's.
pub fn extract(mut source: Source, mut problems: Vec<Diagnostic>) -> Prepared {
    let mut extracted = extract_into(&mut source);
    problems.extend(correct_source(&mut source, &mut extracted));
    Prepared {
        source,
        extracted,
        problems,
    }
}

/// Applies the sidecar's corrections of single mentions to the people
/// found in `source`; the problems name the sidecar's lines.
fn correct_source(source: &mut Source, found: &mut Extracted) -> Vec<Diagnostic> {
    if source.mention_fixes.is_empty() {
        return Vec::new();
    }
    let blocks: Vec<&str> = source
        .article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    let (corrected, problems) = super::people::corrections::correct_mentions(
        &source.path.with_extension("toml"),
        &blocks,
        &source.mention_fixes,
        &mut found.people,
    );
    source.corrected = corrected;
    problems
}

/// Extracts one cleaned source. Its dates move into `source.dates` (linking
/// reads them there), so the returned [`Extracted`] has only the people.
fn extract_into(source: &mut Source) -> Extracted {
    let mut found = crate::extract::extract(&source.article, source.date, source.date_order);
    source.dates = std::mem::take(&mut found.dates).into();
    let sentences = std::mem::take(&mut found.date_sentences);
    source.date_contexts = Arc::new(date_contexts(source, &sentences));
    found
}

/// What the timeline reads from the sentence around each date mention of
/// `source`; `sentences` are those sentences' ranges, as the extract stage found them.
fn date_contexts(source: &Source, sentences: &[std::ops::Range<usize>]) -> DateContexts {
    let mut contexts = DateContexts::default();
    for (mention, range) in source.dates.iter().zip(sentences) {
        match source.article.blocks.get(mention.span.block) {
            // A dateline or edition note dates the text: it never reaches the timeline.
            Some(block) if !mention.reference => {
                let sentence = &block.text[range.clone()];
                contexts.push(block.kind, sentence, range.clone(), &mention.text);
            }
            _ => contexts.push_none(),
        }
    }
    contexts
}

/// Cleans one source; its people and dates are found later, by [`extract`].
pub fn clean(file: SourceFile) -> (Source, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let sidecar = &file.sidecar;
    let options = CleanOptions {
        keep: sidecar.keep.clone(),
        drop: sidecar.drop.clone(),
    };
    let article = clean_in(&file.text, &options, sidecar.language.as_deref());
    let date = sidecar
        .date
        .as_ref()
        .and_then(DateText::as_day)
        .or(article.date);
    // A sidecar date that is wrong, or a sidecar that cannot be read, is
    // an error already; saying the date is missing would only echo it.
    if date.is_none() && sidecar.date.is_none() && !sidecar.unreadable {
        problems.push(
            Diagnostic::warning(&file.path, None, "no publication date found in the text").hint(
                format!(
                    "add `date = YYYY-MM-DD` to {}",
                    file.path.with_extension("toml").display()
                ),
            ),
        );
    }
    let title = sidecar
        .title
        .clone()
        .or_else(|| article.title.clone())
        .unwrap_or_else(|| file.id.clone());
    let raw_fingerprint = crate::fingerprint::stable_hex(file.bytes());
    let sidecar_path = file.path.with_extension("toml");
    let image = sidecar.image.clone().map(|image| (sidecar_path, image));
    let source = Source {
        raw_fingerprint,
        id: file.id,
        path: file.path,
        title,
        publication: sidecar
            .publication
            .clone()
            .or_else(|| article.publication.clone()),
        date,
        authors: if sidecar.authors.is_empty() {
            article.authors.clone()
        } else {
            sidecar.authors.clone()
        },
        url: sidecar.url.clone(),
        image,
        language: sidecar.language.clone(),
        tags: sidecar
            .tags
            .iter()
            .map(|tag| tag.trim().to_string())
            .filter(|tag| !crate::slug::slugify(tag).is_empty())
            .collect(),
        tags_line: sidecar.tags_line,
        date_order: sidecar.date_order,
        dates: Arc::from([]),
        date_contexts: Arc::default(),
        date_entries: Vec::new(),
        people: Vec::new(),
        author_ids: Vec::new(),
        photographers: Vec::new(),
        mention_fixes: sidecar
            .mention
            .iter()
            .zip(&sidecar.mention_lines)
            .map(|(fix, &line)| (line, fix.get_ref().clone()))
            .collect(),
        corrected: Vec::new(),
        unlinked: Vec::new(),
        article: Arc::new(article),
    };
    (source, problems)
}
