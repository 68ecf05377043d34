//! An output that deploys anywhere (issue #30): the large exports written
//! in parts listed by `data/index.json`, each part of the whole file's
//! schema; `[output]` settings that leave out the raw texts, the exports
//! and the TimelineJS file; and the build reporting its files and bytes.

use crate::common;

use serde_json::Value;
use std::path::Path;

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The records of export `name` ("people", "timeline"), read through `data/index.json`.
fn records(output: &Path, name: &str) -> (Vec<String>, Vec<Value>) {
    let index = read_json(&output.join("data/index.json"));
    let files: Vec<String> = index[name]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file.as_str().unwrap().to_string())
        .collect();
    let mut all = Vec::new();
    for file in &files {
        all.extend(
            read_json(&output.join("data").join(file))
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    (files, all)
}

fn with_settings(settings: &str) -> tempfile::TempDir {
    let site = common::repo_site();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n{settings}")).unwrap();
    site
}

#[test]
fn large_exports_are_written_in_parts_that_hold_the_same_records() {
    let whole = common::repo_site();
    let whole_output = common::build_public(whole.path());
    let (files, people) = records(&whole_output, "people");
    assert_eq!(files, ["people.json"]);
    let (files, timeline) = records(&whole_output, "timeline");
    assert_eq!(files, ["timeline.json"]);

    // Parts of about 10 kB: the site's exports are several times that.
    let split = with_settings("[output]\nexport_part_mib = 0.01\n");
    let output = common::build_public(split.path());
    assert!(!output.join("data/people.json").exists());
    assert!(!output.join("data/timeline.json").exists());
    let (people_parts, split_people) = records(&output, "people");
    let (timeline_parts, split_timeline) = records(&output, "timeline");
    assert!(people_parts.len() > 2, "{people_parts:?}");
    assert!(timeline_parts.len() > 2, "{timeline_parts:?}");
    assert!(people_parts.iter().all(|p| p.starts_with("people/")));
    assert!(timeline_parts.iter().all(|p| p.starts_with("timeline/")));
    // The timeline's parts are named by year (and a number when a year is
    // cut further), in order.
    let year = |part: &String| -> i32 {
        let stem = part
            .trim_start_matches("timeline/")
            .trim_end_matches(".json");
        stem.split('-').next().unwrap().parse().expect("a year")
    };
    assert!(timeline_parts
        .windows(2)
        .all(|pair| year(&pair[0]) <= year(&pair[1])));
    let mut sorted_people = split_people.clone();
    sorted_people.sort_by_key(|p| p["id"].as_str().unwrap().to_string());
    let mut expected_people = people.clone();
    expected_people.sort_by_key(|p| p["id"].as_str().unwrap().to_string());
    assert_eq!(
        sorted_people, expected_people,
        "the parts hold every person once"
    );
    assert_eq!(
        split_timeline, timeline,
        "the parts hold the timeline in order"
    );
}

#[test]
fn a_site_can_leave_out_raw_texts_exports_and_timelinejs() {
    let site = with_settings("[output]\nraw_texts = false\nexports = false\ntimelinejs = false\n");
    let output = common::build_public(site.path());
    let files: Vec<String> = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&output)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(!files.iter().any(|f| f.starts_with("data/")), "{files:?}");
    assert!(!files
        .iter()
        .any(|f| f.starts_with("sources/") && f.ends_with(".txt")));
    assert!(files
        .iter()
        .any(|f| f.starts_with("sources/") && f.ends_with("index.html")));
    for file in files
        .iter()
        .filter(|f| f.starts_with("sources/") && f.ends_with("index.html"))
    {
        let html = std::fs::read_to_string(output.join(file)).unwrap();
        assert!(
            !html.contains(".txt\""),
            "{file} links a raw text that is not published"
        );
    }
    // Kept by default.
    let default = common::repo_site();
    let output = common::build_public(default.path());
    assert!(output.join("data/timelinejs.json").is_file());
    assert!(output.join("data/index.json").is_file());
}

#[test]
fn build_reports_its_files_and_bytes() {
    let site = common::repo_site();
    let output = site.path().join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["build", "--no-search", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = String::from_utf8_lossy(&run.stdout);
    let (count, bytes) = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0u64, 0u64), |(n, b), e| {
            // The marker that says the folder is Backstory's is not a file of the site.
            let site_file = e.file_name() != backstory::write::MARKER;
            (n + u64::from(site_file), b + e.metadata().unwrap().len())
        });
    let mib = bytes as f64 / (1024.0 * 1024.0);
    let shown = format!("{count} files, {mib:.1} MiB");
    let shown_whole = format!("{count} files, {mib:.0} MiB");
    assert!(
        said.contains(&shown) || said.contains(&shown_whole),
        "{said:?} should say {shown:?}"
    );
}
