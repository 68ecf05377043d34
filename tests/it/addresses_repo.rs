//! The repository's own site keeps every address it has published: each
//! file of the committed `public/` (but the search index, whose file names
//! are fingerprints of its contents) must be answered by a new build of a
//! copy of the site, directly or, for a page, by a redirect to a page that
//! exists; and every paragraph anchor (`#p3`) that the old pages link to
//! must still be on the page it names.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

/// Every file under `dir`, as `/`-separated paths relative to it.
fn files(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

/// The page a redirect page at `path` (under `output`) leads to, as a path under `output`.
fn redirected(output: &Path, path: &str) -> Option<String> {
    let html = std::fs::read_to_string(output.join(path)).ok()?;
    let target = html
        .split("http-equiv=\"refresh\" content=\"0; url=")
        .nth(1)?
        .split('"')
        .next()?;
    let folder = Path::new(path).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = folder
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for segment in target.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." {
            parts.pop();
        } else {
            parts.push(segment.to_string());
        }
    }
    parts.push("index.html".into());
    Some(parts.join("/"))
}

#[test]
fn every_address_of_the_committed_site_still_answers() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = common::repo_site();
    std::fs::copy(
        repo.join("addresses.txt"),
        site.path().join("addresses.txt"),
    )
    .unwrap();
    let output = common::build_public(site.path());
    let built = files(&output);
    let old = files(&repo.join("public"));
    assert!(old.len() > 50, "the committed site has its pages");
    let mut missing = Vec::new();
    for path in old.iter().filter(|p| !p.starts_with("pagefind/")) {
        if built.contains(path) {
            match redirected(&output, path) {
                Some(target) if !built.contains(&target) => missing.push(path.clone()),
                _ => {}
            }
        } else {
            missing.push(path.clone());
        }
    }
    assert!(missing.is_empty(), "no longer answered: {missing:?}");
}

#[test]
fn every_paragraph_anchor_the_committed_site_links_to_is_still_there() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = common::repo_site();
    let output = common::build_public(site.path());
    let mut checked = 0;
    for path in files(&repo.join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(repo.join("public").join(&path)).unwrap();
        for link in html.split("href=\"").skip(1) {
            let link = link.split('"').next().unwrap();
            let Some((page, anchor)) = link.split_once("#p") else {
                continue;
            };
            let page = page.strip_suffix("index.html").unwrap_or(page);
            let Some(source) = page
                .split("sources/")
                .nth(1)
                .map(|s| s.trim_end_matches('/'))
            else {
                continue;
            };
            let new_page = output.join("sources").join(source).join("index.html");
            let new_html = std::fs::read_to_string(&new_page).unwrap();
            assert!(
                new_html.contains(&format!("id=\"p{anchor}\"")),
                "{path} links to {link}, which {} lacks",
                new_page.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} paragraph links were checked");
}
