//! The rebuild for edits to the text of editorial pages already in the site
//! (`content/_index.md`, `content/pages/*.md`): the paths watcher events
//! named in; the pages read again and put into the last site graph, and the
//! pages that show them rendered, out. `None` when an edit changes more than
//! a page's body (its front matter or address, a page new or gone, a page
//! that no longer reads without errors): the full rebuild then handles it.
//!
//! A page's body is shown on that page alone (the home page and the
//! navigation list pages by their front matter), and it names people: a
//! person whose name came or went has their "in the explainer" list, and so
//! their page, brought up to date.

use super::{Engine, Rebuild};
use crate::link::Site;
use crate::load::{MarkdownFile, PageMeta};
use crate::measure::Step;
use crate::render::{Candidates, PageKey};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Which editorial page a path is: `Some(index)` into `site.pages`, `None`
/// for the home page's text.
type PageAt = Option<usize>;

impl Engine {
    /// Rebuilds for `named` paths when they are all editorial pages already
    /// in the site whose front matter did not change.
    pub(super) fn rebuild_edited_pages(
        &mut self,
        named: Option<&BTreeSet<PathBuf>>,
    ) -> std::io::Result<Option<Rebuild>> {
        let Some((named, linked)) = self.patch_base(named) else {
            return Ok(None);
        };
        let root = self.options.root.clone();
        let Some(edited) = edited_pages(&root, named, &linked.site) else {
            return Ok(None);
        };
        let mut report = Rebuild::default();
        let started = Instant::now();
        let mut read = Vec::with_capacity(edited.len());
        for (at, path) in edited {
            let (file, problems) = crate::load::load_page(&root, &root.join(&path));
            let Some(file) = file else {
                return Ok(None);
            };
            let old = page_file(&linked.site, at);
            let same_page =
                old.is_some_and(|old| old.id == file.id && old.doc.meta == file.doc.meta);
            if !same_page || problems.iter().any(|p| p.is_error()) {
                return Ok(None);
            }
            read.push((at, file, problems));
        }
        report.timings.push((Step::Load, started.elapsed()));

        let started = Instant::now();
        let Some(mut linked) = self.linked.take() else {
            return Ok(None);
        };
        let mut people = BTreeSet::new();
        let mut pages = BTreeSet::new();
        for (at, file, problems) in read {
            people.extend(put_page(&mut linked.site, at, file));
            let path = page_file(&linked.site, at).map(|f| f.path.clone());
            linked
                .diagnostics
                .retain(|d| Some(&d.file) != path.as_ref());
            linked.diagnostics.extend(problems);
            pages.insert(match at {
                Some(index) => PageKey::Page(index),
                None => PageKey::Home,
            });
        }
        report.patched = true;
        report.timings.push((Step::PatchPages, started.elapsed()));
        if self.patch_went_wrong(&linked.site, &mut report)? {
            return Ok(Some(report));
        }
        // The home page lists the pages the navigation leaves out, and the
        // search page lists every page: fingerprints decide whether they changed.
        pages.extend([PageKey::Home, PageKey::Search]);
        pages.extend(people.into_iter().map(PageKey::Person));
        let candidates = Candidates {
            pages,
            raw: BTreeSet::new(),
        };
        self.render_and_write(linked, Some(candidates), report)
            .map(Some)
    }
}

/// The file of the editorial page `at`, if the site has it.
fn page_file(site: &Site, at: PageAt) -> Option<&MarkdownFile<PageMeta>> {
    match at {
        Some(index) => site.pages.get(index).map(|page| &page.file),
        None => site.home.as_ref().map(|home| &home.file),
    }
}

/// Puts `file` in place of the editorial page `at` and brings every
/// person's list of the pages that name them up to date; returns the people
/// whose list changed.
fn put_page(site: &mut Site, at: PageAt, file: MarkdownFile<PageMeta>) -> Vec<usize> {
    let before: BTreeSet<usize> = page_file(site, at)
        .map(|old| site.names.people_in(&old.doc.body).into_iter().collect())
        .unwrap_or_default();
    let now: BTreeSet<usize> = site.names.people_in(&file.doc.body).into_iter().collect();
    match at {
        Some(index) => site.pages[index].file = file,
        None => {
            if let Some(home) = site.home.as_mut() {
                home.file = file;
            }
        }
    }
    let changed: Vec<usize> = before.symmetric_difference(&now).copied().collect();
    for &person in &changed {
        let pages = &mut site.people[person].pages;
        pages.retain(|&page| page != at);
        if now.contains(&person) {
            pages.push(at);
            // As a full link lists them: the pages in their order, the home page last.
            pages.sort_by_key(|page| (page.is_none(), *page));
        }
    }
    changed
}

/// The editorial pages `named` edits, with their paths relative to `root`;
/// `None` unless every path is a page the site already has.
fn edited_pages(
    root: &Path,
    named: &BTreeSet<PathBuf>,
    site: &Site,
) -> Option<Vec<(PageAt, PathBuf)>> {
    let site_relative = crate::load::SiteRelative::new(root);
    let mut edited = Vec::new();
    for path in named {
        let relative = site_relative.of(path);
        let at = if site
            .home
            .as_ref()
            .is_some_and(|home| home.file.path == relative)
        {
            None
        } else {
            Some(
                site.pages
                    .iter()
                    .position(|page| page.file.path == relative)?,
            )
        };
        if !root.join(relative).is_file() {
            return None;
        }
        edited.push((at, relative.to_path_buf()));
    }
    (!edited.is_empty()).then_some(edited)
}
