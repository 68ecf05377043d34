//! The rebuild for edits to sources already in the site: the paths watcher
//! events named in; the edited sources read, cleaned, extracted and patched
//! into the last site graph, and the pages the patch names rendered, out.
//! `None` when the edit needs a full rebuild (see the module above).

use super::{Engine, Rebuild};
use crate::diag::Diagnostic;
use crate::link::patch::{self, Edit, Patched};
use crate::link::{self, Site};
use crate::measure::Step;
use crate::render::{Candidates, PageKey};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

impl Engine {
    /// Rebuilds for `named` paths when they are all source texts (or their
    /// sidecars) already in the site and the patch takes them.
    pub(super) fn rebuild_edited_sources(
        &mut self,
        named: Option<&BTreeSet<PathBuf>>,
    ) -> std::io::Result<Option<Rebuild>> {
        let Some((named, linked)) = self.patch_base(named) else {
            return Ok(None);
        };
        let root = self.options.root.clone();
        let Some(edited) = edited_sources(&root, named, &linked.site) else {
            return Ok(None);
        };
        let mut report = Rebuild::default();
        let started = Instant::now();
        // Read each edited source again; one that cannot be read is left to a full rebuild.
        let mut loaded = Vec::with_capacity(edited.len());
        for (&index, path) in &edited {
            let (file, problems) = crate::load::load_source(&root, &root.join(path));
            match file {
                Some(file) if file.id == linked.site.sources[index].id => {
                    loaded.push((index, file, problems))
                }
                _ => return Ok(None),
            }
        }
        report.timings.push((Step::Load, started.elapsed()));

        let started = Instant::now();
        let processed: Vec<(usize, u64, link::Prepared, Vec<Diagnostic>)> = loaded
            .into_iter()
            .map(|(index, file, problems)| {
                let key = file.key();
                (index, key, link::prepare::prepare(file), problems)
            })
            .collect();
        let edits: Vec<Edit> = processed
            .iter()
            .map(|(index, _, prepared, _)| Edit {
                index: *index,
                source: prepared.source.clone(),
                found: prepared.extracted.clone(),
            })
            .collect();
        let Some(mut linked) = self.linked.take() else {
            return Ok(None);
        };
        let patched = match patch::patch(&mut linked.site, &mut linked.memo, edits) {
            Ok(patched) => patched,
            Err(_) => {
                // Refused before anything changed: the site is as it was.
                self.linked = Some(linked);
                return Ok(None);
            }
        };
        report.cleaned = processed.len();
        report.patched = true;
        report.timings.extend(patched.timings.iter().copied());
        // The edited sources' problems replace what the last rebuild said of them.
        for (index, key, prepared, load_problems) in &processed {
            let source = &linked.site.sources[*index];
            let sidecar = source.path.with_extension("toml");
            linked
                .diagnostics
                .retain(|d| d.file != source.path && d.file != sidecar);
            linked.diagnostics.extend(prepared.problems.iter().cloned());
            linked.diagnostics.extend(load_problems.iter().cloned());
            linked.keys.insert(source.id.clone(), *key);
        }
        {
            let mut memory = self.processed.lock().expect("not poisoned");
            for (index, key, processed, _) in processed {
                let old = linked.site.sources[index].id.clone();
                memory.retain(|_, kept| kept.source.id != old);
                memory.insert(key, processed);
            }
        }
        report
            .timings
            .push((Step::CleanExtractPatch, started.elapsed()));
        if self.patch_went_wrong(&linked.site, &mut report)? {
            return Ok(Some(report));
        }
        // What the last render knew of the entries that came or went is stale.
        self.prints
            .forget_entries(patched.entries.iter().map(String::as_str));
        let candidates =
            (!patched.everything).then(|| candidates(&linked.site, &linked.memo, &patched));
        self.render_and_write(linked, candidates, report).map(Some)
    }

    /// The paths an edit named and the last site graph, when the edit may
    /// be patched into it: the paths are known and the graph is the site on disk.
    pub(super) fn patch_base<'a>(
        &'a self,
        named: Option<&'a BTreeSet<PathBuf>>,
    ) -> Option<(&'a BTreeSet<PathBuf>, &'a super::Linked)> {
        let (Some(named), Some(linked)) = (named, self.linked.as_ref()) else {
            return None;
        };
        self.patchable.then_some((named, linked))
    }

    /// When checking patches (see [`Engine::verifying`]), links the whole
    /// site afresh and compares it with the patched `site`. On a
    /// difference, patching stops for good, `report` names the difference
    /// and `true` is returned.
    pub(super) fn patch_went_wrong(
        &mut self,
        site: &Site,
        report: &mut Rebuild,
    ) -> std::io::Result<bool> {
        if !self.verify {
            return Ok(false);
        }
        let Some(problem) = self.check_against_full_link(site)? else {
            return Ok(false);
        };
        self.patchable = false;
        report.diagnostics = vec![problem];
        Ok(true)
    }

    /// Links the whole site afresh and compares it with `site`: `Some` error
    /// naming the first difference when a patch went wrong.
    fn check_against_full_link(&self, site: &Site) -> std::io::Result<Option<Diagnostic>> {
        let content = crate::load::load(&self.options.root, self.options.drafts)?;
        let grouping = link::timeline::GroupingMemo::default();
        let mut content = content;
        let prepared = std::mem::take(&mut content.sources)
            .into_iter()
            .map(link::prepare::prepare)
            .collect();
        let (full, _, _) = link::link_for_watch(content, prepared, &grouping);
        let (expected, actual) = (format!("{full:#?}"), format!("{site:#?}"));
        if expected == actual {
            return Ok(None);
        }
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let around = |text: &str| {
            text.lines()
                .skip(line.saturating_sub(3))
                .take(6)
                .collect::<Vec<_>>()
                .join("\n")
        };
        Ok(Some(
            Diagnostic::error(
                "site.toml",
                None,
                format!(
                    "a patched site differs from a full link at line {line}:\nfull link:\n{}\npatched:\n{}",
                    around(&expected),
                    around(&actual)
                ),
            )
            .hint("this is a bug in Backstory's watch mode; please report it"),
        ))
    }
}

/// The sources `named` edits, by index into `site.sources`, with their
/// paths; `None` unless every path is a source text or sidecar that is in
/// the site and still there.
fn edited_sources(
    root: &Path,
    named: &BTreeSet<PathBuf>,
    site: &Site,
) -> Option<BTreeMap<usize, PathBuf>> {
    let site_relative = crate::load::SiteRelative::new(root);
    let mut edited = BTreeMap::new();
    for path in named {
        let relative = site_relative.of(path);
        let parts: Vec<_> = relative.components().collect();
        let in_sources = parts.len() == 3
            && parts[0].as_os_str() == "content"
            && parts[1].as_os_str() == "sources";
        let extension = relative.extension().and_then(|e| e.to_str());
        if !in_sources || !matches!(extension, Some("txt" | "toml")) {
            return None;
        }
        let text = relative.with_extension("txt");
        if !root.join(&text).is_file() {
            return None;
        }
        let index = site.sources.iter().position(|source| source.path == text)?;
        edited.insert(index, text);
    }
    (!edited.is_empty()).then_some(edited)
}

/// The pages a patch can have changed: the edited sources' pages, the pages
/// of everyone and every year it touched, the pages that link to entries it
/// regrouped, and the few pages that list the whole site (indexes, home,
/// timeline, search, the editorial pages), which a fingerprint then checks.
fn candidates(site: &Site, memo: &patch::LinkMemo, patched: &Patched) -> Candidates {
    let mut pages = BTreeSet::new();
    pages.extend(patched.sources.iter().map(|&i| PageKey::Source(i)));
    pages.extend(patched.linking.iter().map(|&i| PageKey::Source(i)));
    let per_page = site.config.people.sources_per_page.0;
    for &person in &patched.people {
        pages.insert(PageKey::Person(person));
        // The further page that quotes an edited source.
        let sources = &site.people[person].sources;
        for &edited in &patched.sources {
            if let Ok(at) = sources.binary_search(&edited) {
                let page = at / per_page + 1;
                if page > 1 {
                    pages.insert(PageKey::PersonPage(person, page));
                }
            }
        }
    }
    let mut years = patched.years.clone();
    if patched.years_changed {
        // Every year page links to the years before and after it.
        years.extend(memo.years());
    }
    for year in years {
        // A busy year's months link to one another: all of them are looked at.
        pages.insert(PageKey::Year(year));
        pages.extend((1..=12).map(|month| PageKey::Month(year, month)));
    }
    pages.extend([
        PageKey::Home,
        PageKey::Sources,
        PageKey::People,
        PageKey::Timeline,
        PageKey::Search,
    ]);
    // A tag page lists its sources' titles, dates and deks, and the index
    // counts them: the few tag pages are looked at, fingerprints decide.
    pages.extend(crate::render::tags::tag_pages(site));
    pages.extend((0..site.pages.len()).map(PageKey::Page));
    // Editorial text links people and dates: a biography, an editorial
    // entry on its year page.
    pages.extend(
        (0..site.people.len())
            .filter(|&p| site.people[p].profile.is_some())
            .map(PageKey::Person),
    );
    for entry in site
        .timeline
        .iter()
        .filter(|entry| entry.editorial.is_some())
    {
        let year = entry.value.year();
        pages.insert(PageKey::Year(year));
        match crate::render::links::month_of(&entry.value) {
            0 => {}
            month => {
                pages.insert(PageKey::Month(year, month));
            }
        }
    }
    Candidates {
        pages,
        raw: patched.sources.iter().copied().collect(),
    }
}
