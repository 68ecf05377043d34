//! `backstory cite`: the site folder in; every citation of a source's
//! paragraph in the site's Markdown rewritten to the paragraph's stable
//! anchor (`@source/ID#p3` -> `@source/ID#L12`) and, where it has no link
//! title yet, given the paragraph's first words as one
//! (`[WSJ](@source/ID#L12 "Iraq's prime minister said…")`). Those words are
//! what `backstory check` compares the paragraph with later
//! ([`crate::check::citations`]).
//!
//! Only inline links (`[text](@source/ID#…)`) are rewritten; a citation
//! whose paragraph cannot be found is left as it is (the build names it).

use crate::check::citations::quote_of;
use crate::link::Site;
use crate::new::NewError;
use crate::reference::{cited_paragraph, titled_links_in, LinkAt};
use crate::render::links::markdown_texts;
use std::path::{Path, PathBuf};

/// What `cite` changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cited {
    /// The files rewritten, relative to the site folder, each with the
    /// number of its citations that changed.
    pub updated: Vec<(PathBuf, usize)>,
}

/// Rewrites the citations of the site at `root`; refused when `root` is
/// not a site folder.
pub fn cite(root: &Path) -> Result<Cited, NewError> {
    if let Some(problem) = crate::build::check_site_root(root) {
        return Err(NewError::Refused(problem));
    }
    let content = crate::load::load(root, true)?;
    let (site, _) = crate::build::link_content(content);
    let mut cited = Cited::default();
    for text in markdown_texts(&site) {
        let path = root.join(text.file);
        let Ok(file) = std::fs::read_to_string(&path) else {
            continue;
        };
        // The body is the end of the file, after its front matter.
        let Some(body_start) = file.len().checked_sub(text.body.len()) else {
            continue;
        };
        if !file.is_char_boundary(body_start) || file[body_start..] != *text.body {
            continue;
        }
        let (body, changed) = rewrite(&site, text.body);
        if changed > 0 {
            std::fs::write(&path, format!("{}{body}", &file[..body_start]))?;
            cited.updated.push((text.file.to_path_buf(), changed));
        }
    }
    Ok(cited)
}

/// `body` with its citations rewritten, and how many changed.
fn rewrite(site: &Site, body: &str) -> (String, usize) {
    let mut out = body.to_string();
    let mut changed = 0;
    // From the end, so that the ranges of the links before stay right.
    for link in titled_links_in(body).iter().rev() {
        let Some(replacement) = cited_link(site, body, link) else {
            continue;
        };
        if out[link.range.clone()] != replacement {
            out.replace_range(link.range.clone(), &replacement);
            changed += 1;
        }
    }
    (out, changed)
}

/// The text of `link` with a stable anchor and a recorded quote, if it
/// cites a paragraph that can be found and is written inline.
fn cited_link(site: &Site, body: &str, link: &LinkAt) -> Option<String> {
    let (id, anchor) = cited_paragraph(&link.destination)?;
    let source = site.sources.iter().find(|s| s.id == id)?;
    let article = &source.article;
    let block = anchor.resolve(&article.blocks, &article.removed)?;
    let written = &body[link.range.clone()];
    // `[text](destination` with nothing but the destination and an optional title after it.
    let open = written.rfind(&format!("]({}", link.destination))?;
    let after = &written[open + 2 + link.destination.len()..];
    let title = if link.title.is_empty() {
        quote_of(&article.blocks[block].text)
    } else {
        link.title.clone()
    };
    let tail = if link.title.is_empty() {
        after.trim_start()
    } else {
        // Keep the title as the editor wrote it (quotes, spacing).
        return Some(format!(
            "{}](@source/{id}#{}{after}",
            &written[..open],
            crate::anchor::line_anchor(&article.blocks, block)
        ));
    };
    (tail == ")").then(|| {
        format!(
            "{}](@source/{id}#{} \"{title}\")",
            &written[..open],
            crate::anchor::line_anchor(&article.blocks, block)
        )
    })
}
