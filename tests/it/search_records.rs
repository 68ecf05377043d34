//! What the built search index holds (issue #30): one record per source,
//! person, editorial page and timeline page, each opening a page of the
//! site, with every timeline entry a section of its page's record under its
//! own anchor; a person's record without the sentences that mention them; and an
//! index cut into shards that the search page merges, still finding what
//! one bundle finds (in headless Chromium, skipped without it as in
//! `search_browser.rs`).

use backstory::build::{build_site, BuildOptions};
use backstory::render::OutputFile;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

/// Every fragment (a record as Pagefind stores it) under `dir`.
fn fragments(dir: &Path) -> Vec<Value> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension() != Some("pf_fragment".as_ref()) {
            continue;
        }
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(entry.path()).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        let json = text
            .strip_prefix("pagefind_dcd")
            .expect("Pagefind's marker");
        found.push(serde_json::from_str(json).unwrap());
    }
    found
}

fn build(output: &Path) -> backstory::build::BuildReport {
    let options = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output: Some(output.to_path_buf()),
        ..BuildOptions::default()
    };
    let report = build_site(&options).expect("the build runs");
    assert!(report.written, "{:?}", report.diagnostics);
    report
}

fn of_kind<'a>(records: &'a [Value], kind: &str) -> Vec<&'a Value> {
    records
        .iter()
        .filter(|r| r["meta"]["kind"] == kind)
        .collect()
}

#[test]
fn each_thing_is_indexed_once_where_it_belongs() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("public");
    let report = build(&site);
    let records = fragments(&site.join("pagefind"));
    assert_eq!(of_kind(&records, "source").len(), report.sources);
    assert_eq!(of_kind(&records, "person").len(), report.people);
    // Each entry once, as a heading with its own anchor on the record of
    // the timeline page that lists it.
    let timeline_pages = of_kind(&records, "entry");
    let mut anchors: Vec<(String, String)> = Vec::new();
    for page in &timeline_pages {
        let file = page["url"].as_str().unwrap();
        let html = std::fs::read_to_string(site.join(file)).unwrap();
        for anchor in page["anchors"].as_array().unwrap() {
            let id = anchor["id"].as_str().unwrap().to_string();
            assert_eq!(anchor["element"], "h2", "{anchor}");
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "{file} has no #{id}"
            );
            anchors.push((file.to_string(), id));
        }
    }
    let before = anchors.len();
    anchors.sort();
    anchors.dedup();
    assert_eq!(anchors.len(), before, "an entry is indexed twice");
    assert_eq!(anchors.len(), report.timeline);
    assert!(
        timeline_pages.len() < report.timeline,
        "entries share their page's record"
    );
    assert!(!of_kind(&records, "page").is_empty());
    let kinds = ["source", "person", "entry", "page"];
    assert!(records
        .iter()
        .all(|r| kinds.contains(&r["meta"]["kind"].as_str().unwrap())));
    // No year, month or list page is indexed on top.
    assert_eq!(
        records.len(),
        report.sources + report.people + timeline_pages.len() + of_kind(&records, "page").len()
    );
    for record in &records {
        let url = record["url"].as_str().unwrap();
        let file = url.split('#').next().unwrap();
        assert!(site.join(file).is_file(), "{url} opens no page of the site");
    }
    // A person's record has their names and role, not the sentences that name them.
    let people: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(site.join("data/people.json")).unwrap())
            .unwrap();
    for person in of_kind(&records, "person") {
        let content = person["content"].as_str().unwrap();
        let id = person["url"].as_str().unwrap().split('/').nth(1).unwrap();
        let export = people
            .iter()
            .find(|p| p["id"] == id)
            .expect("the person's export");
        if let Some(role) = export["role"].as_str() {
            assert!(
                content.contains(role),
                "{content:?} lacks the role {role:?}"
            );
        }
        for mention in export["mentions"].as_array().unwrap() {
            let sentence = mention["sentence"].as_str().unwrap();
            assert!(
                !content.contains(sentence),
                "{id}'s record repeats {sentence:?}"
            );
        }
    }
}

#[test]
fn a_sharded_index_is_listed_and_searched_whole() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("public");
    build(&site);
    let one_bundle = fragments(&site.join("pagefind"));
    assert_eq!(
        std::fs::read_to_string(site.join("pagefind/shards.json")).unwrap(),
        "[]"
    );

    // The same site indexed in shards of a few kilobytes of text.
    std::fs::remove_dir_all(site.join("pagefind")).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (linked, _) = backstory::build::link_content(backstory::load::load(&root, false).unwrap());
    let put = |file: OutputFile| common_write(&site, &file);
    let paths = backstory::search::index_in_shards(&linked, 8 << 10, &put)
        .unwrap()
        .unwrap();
    let listing: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(site.join("pagefind/shards.json")).unwrap())
            .unwrap();
    assert!(listing.len() >= 3, "{listing:?}");
    for folder in &listing {
        assert!(site
            .join("pagefind")
            .join(folder)
            .join("pagefind-entry.json")
            .is_file());
    }
    assert!(
        paths.windows(2).all(|pair| pair[0] < pair[1]),
        "paths are sorted"
    );
    let mut sharded: Vec<String> = fragments(&site.join("pagefind"))
        .iter()
        .map(|r| r["url"].to_string())
        .collect();
    let mut whole: Vec<String> = one_bundle.iter().map(|r| r["url"].to_string()).collect();
    sharded.sort();
    whole.sort();
    assert_eq!(sharded, whole, "the shards hold every record once");

    if !common::browser_ready() {
        return;
    }
    // The last record indexed is in the last shard: found only if the page merges it.
    let last = one_bundle
        .iter()
        .rfind(|r| r["meta"]["kind"] == "person")
        .unwrap();
    let name = last["meta"]["title"].as_str().unwrap();
    let href = last["url"].as_str().unwrap().trim_end_matches("index.html");
    let first_shard = fragments(&site.join("pagefind/fragment"));
    assert!(
        !first_shard.iter().any(|r| r["url"] == last["url"]),
        "{href} is in another shard"
    );
    let port = common::host_folder(&site, "/", false);
    let output = Command::new("node")
        .arg(common::browser_dir().join("search_kinds.mjs"))
        .arg(format!("http://127.0.0.1:{port}/search/index.html"))
        .arg(name)
        .arg("People")
        .arg(href)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn common_write(site: &Path, file: &OutputFile) -> std::io::Result<()> {
    let path = site.join(&file.path);
    std::fs::create_dir_all(path.parent().unwrap())?;
    std::fs::write(path, &file.bytes)
}
