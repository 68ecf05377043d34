//! The built site works opened from disk (`file://`), where a link to a
//! folder shows a listing instead of its `index.html`: every relative `href`
//! and `src` in every page must name a file that exists in the output.

use backstory::build::{build_site, BuildOptions};
use std::path::{Path, PathBuf};

/// The relative link targets in `html` (attribute values of `href` and `src`).
fn relative_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let Some(end) = rest.find('"') else { break };
            let value = &rest[..end];
            let absolute = value.starts_with('/')
                || value.starts_with('#')
                || value.split('/').next().is_some_and(|s| s.contains(':'));
            if !absolute {
                targets.push(value.to_string());
            }
            rest = &rest[end..];
        }
    }
    targets
}

#[test]
fn every_relative_link_names_an_existing_file() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("public");
    let options = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output: Some(site.clone()),
        no_search: true,
        ..BuildOptions::default()
    };
    assert!(build_site(&options).unwrap().written);
    let checked = check_links(&site, false);
    assert!(checked > 100, "only {checked} links found");
}

/// A timeline too long for one page is summarised by year: every entry is
/// then linked on its year page, and every link and anchor still resolves.
#[test]
fn a_summarised_timeline_keeps_every_link_and_anchor() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Long timeline\"\n").unwrap();
    // Six texts, each with a sentence for every day of 28 per month over two years.
    let mut entries = 0;
    for text in 0..6 {
        let year = 1990 + text * 2;
        let mut body = format!(
            "Ledger {text}\n\nBy Imaginary Clerk\n\nJanuary 1, {}\n\n",
            year + 3
        );
        for offset in 0..2 {
            for month in backstory::extract::dates::MONTH_NAMES {
                for day in 1..=28 {
                    body.push_str(&format!(
                        "Treasurer Orla Quennell said the ledger was signed on {month} {day}, {}.\n\n",
                        year + offset
                    ));
                    entries += 1;
                }
            }
        }
        std::fs::write(
            root.join(format!("content/sources/ledger-{text}.txt")),
            body,
        )
        .unwrap();
    }
    std::fs::write(
        root.join("content/_index.md"),
        "+++\ntitle = \"Home\"\n+++\nSee [@1990-03-04] and [the ledger](@source/ledger-0#p2).\n",
    )
    .unwrap();
    let site = root.join("public");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(site.clone()),
        no_search: true,
        ..BuildOptions::default()
    };
    let report = build_site(&options).unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
    assert!(
        report.timeline > backstory::render::links::TIMELINE_INDEX_LIMIT,
        "{} entries from {entries} dated sentences",
        report.timeline
    );
    let index = std::fs::read_to_string(site.join("timeline/index.html")).unwrap();
    assert!(
        index.contains("dated events in 1990"),
        "years are summarised"
    );
    assert!(
        !index.contains("id=\"t-1990-03-04\""),
        "entries are not listed"
    );
    // 336 entries a year is more than a year page lists: each month has a page.
    let year = std::fs::read_to_string(site.join("timeline/1990/index.html")).unwrap();
    assert!(
        year.contains("href=\"../../timeline/1990/03/index.html\""),
        "the year page lists its months"
    );
    let month = std::fs::read_to_string(site.join("timeline/1990/03/index.html")).unwrap();
    assert!(
        month.contains("id=\"t-1990-03-04\""),
        "the month page has the entries"
    );
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("timeline/1990/03/index.html#t-1990-03-04"),
        "date links follow"
    );
    let found = std::fs::read_dir(site.join("people"))
        .unwrap()
        .any(|entry| {
            entry
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("quennell")
        });
    assert!(
        found,
        "the person is found, so a person page links entries too"
    );
    check_links(&site, true);
}

/// Checks every relative link of every page under `site` names a file and,
/// when `anchors`, that its `#fragment` is an `id` in that file. Returns how
/// many links were checked.
fn check_links(site: &Path, anchors: bool) -> usize {
    let mut checked = 0;
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let dir = entry.path().parent().unwrap_or(Path::new("."));
        for target in relative_targets(&html) {
            let path = target.split(['#', '?']).next().unwrap_or("");
            let resolved = dir.join(path);
            checked += 1;
            if !resolved.is_file() {
                broken.push(format!("{} -> {target}", entry.path().display()));
                continue;
            }
            let fragment = target.split_once('#').map(|(_, f)| f);
            if let Some(fragment) = fragment.filter(|_| anchors) {
                let page = std::fs::read_to_string(&resolved).unwrap_or_default();
                if !page.contains(&format!("id=\"{fragment}\"")) {
                    broken.push(format!(
                        "{} -> {target} (no such anchor)",
                        entry.path().display()
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links that do not name a file:\n{}",
        broken.join("\n")
    );
    checked
}

/// Someone named in more sources than a page lists gets numbered pages,
/// each listing its share of the sources with every mention in them, and
/// the pages link to one another.
#[test]
fn a_person_in_many_sources_has_numbered_pages_of_mentions() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Pages\"\n\n[people]\nsources_per_page = 5\n",
    )
    .unwrap();
    for n in 0..12 {
        std::fs::write(
            root.join(format!("content/sources/report-{n:02}.txt")),
            format!(
                "Report {n}\n\nMarch {}, 2021\n\nMayor Ana Lima said the ferry ran {n} times. \
                 Lima added that the count was marker{n}x.\n",
                n + 1
            ),
        )
        .unwrap();
    }
    let site = root.join("public");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(site.clone()),
        no_search: true,
        ..BuildOptions::default()
    };
    assert!(build_site(&options).unwrap().written);
    let person = site.join("people/ana-lima");
    let pages: Vec<String> = ["index.html", "2/index.html", "3/index.html"]
        .iter()
        .map(|page| std::fs::read_to_string(person.join(page)).unwrap())
        .collect();
    assert!(
        !person.join("4").exists(),
        "12 sources take three pages of five"
    );
    for n in 0..12 {
        let marker = format!("marker{n}x");
        let holding = pages.iter().filter(|page| page.contains(&marker)).count();
        assert_eq!(holding, 1, "{marker} is quoted on exactly one page");
    }
    assert!(
        pages[1].contains("Sources 6–10 of 12"),
        "the second page says which sources it lists"
    );
    let next = "href=\"../../people/ana-lima/2/index.html\" rel=\"next\"";
    assert!(pages[0].contains(next), "the first page links the next");
    let first = "href=\"../../../people/ana-lima/index.html\" rel=\"prev\"";
    assert!(
        pages[1].contains(first),
        "a further page links back to the first"
    );
    check_links(&site, true);
}
