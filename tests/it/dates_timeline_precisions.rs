//! Issue #26 on whole sites: the timeline and year pages place and label
//! seasons, decades and centuries; no year page before year 1; `check`
//! reports numeric dates that read two ways unless `date_order` is set; the
//! JSON export keeps a citation's own value when its entry's differs.

use crate::common;

use common::{build_public, write_file};
use std::path::Path;

const SOURCE: &str = "Harbour history\n\n\
The harbour board rebuilt the quay in the summer of 2006. The quay had stood idle \
through the 1930s, and its pier dates from the 20th century.\n";

fn site_with(source: &str, sidecar: &str, site_toml: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    write_file(
        site.path(),
        "site.toml",
        format!("title = \"Harbour\"\n{site_toml}"),
    );
    write_file(
        site.path(),
        "content/sources/2009-03-03-harbour.txt",
        source,
    );
    write_file(
        site.path(),
        "content/sources/2009-03-03-harbour.toml",
        sidecar,
    );
    site
}

fn read(output: &Path, rel: &str) -> String {
    std::fs::read_to_string(output.join(rel)).unwrap_or_else(|error| panic!("{rel}: {error}"))
}

#[test]
fn seasons_decades_and_centuries_are_placed_and_labelled() {
    let site = site_with(SOURCE, "date = 2009-03-03\n", "");
    let output = build_public(site.path());
    let summer = read(&output, "timeline/2006/index.html");
    assert!(summer.contains(">Summer 2006</time>"), "{summer}");
    assert!(summer.contains("badge-season"), "{summer}");
    let decade = read(&output, "timeline/1930/index.html");
    assert!(decade.contains(">the 1930s</time>"), "{decade}");
    let century = read(&output, "timeline/1900/index.html");
    assert!(century.contains(">20th century</time>"), "{century}");
    let timeline = read(&output, "timeline/index.html");
    for label in ["Summer 2006", "the 1930s", "20th century"] {
        assert!(timeline.contains(label), "{label} not on the timeline");
    }
    let json = read(&output, "data/timeline.json");
    for (date, precision) in [("2006-SU", "season"), ("193", "decade"), ("19", "century")] {
        let record = format!("\"date\":\"{date}\",\"precision\":\"{precision}\"");
        assert!(json.contains(&record), "{record} not in {json}");
    }
}

#[test]
fn a_source_dated_year_one_makes_no_year_zero() {
    let text = "Mill news\n\nThe mill, built in 1850, closed last year; two years ago it \
                flooded, and it reopened yesterday after the owners repaired the wheel.\n";
    let site = site_with(text, "date = 0001-01-01\n", "");
    let output = build_public(site.path());
    let json = read(&output, "data/timeline.json");
    assert!(json.contains("\"date\":\"1850\""), "{json}");
    assert!(!json.contains("\"0000") && !json.contains("\"-"), "{json}");
    assert!(!output.join("timeline/0").exists());
    assert!(!output.join("timeline/0000").exists());
}

fn check_warnings(site: &Path) -> Vec<String> {
    let report = backstory::build::check_site(&backstory::build::BuildOptions {
        root: site.to_path_buf(),
        dry_run: true,
        ..backstory::build::BuildOptions::default()
    })
    .unwrap();
    report
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.to_string())
        .filter(|message| message.contains("day first or month first"))
        .collect()
}

#[test]
fn check_reports_numeric_dates_that_read_two_ways() {
    let text = "Board minutes\n\nThe harbour board met on 04/05/2008 to discuss the new quay, \
                and it met again on 25/06/2008 to approve the plans for the ferry terminal.\n";
    let unset = site_with(text, "date = 2009-03-03\n", "");
    let warnings = check_warnings(unset.path());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("04/05/2008"), "{warnings:?}");
    assert!(
        warnings[0].contains("2009-03-03-harbour.txt"),
        "{warnings:?}"
    );

    let by_source = site_with(text, "date = 2009-03-03\ndate_order = \"day-month\"\n", "");
    assert_eq!(check_warnings(by_source.path()), Vec::<String>::new());
    let output = build_public(by_source.path());
    assert!(read(&output, "data/timeline.json").contains("\"date\":\"2008-05-04\""));

    let by_site = site_with(text, "date = 2009-03-03\n", "date_order = \"month-day\"\n");
    assert_eq!(check_warnings(by_site.path()), Vec::<String>::new());
    let output = build_public(by_site.path());
    assert!(read(&output, "data/timeline.json").contains("\"date\":\"2008-04-05\""));
}

#[test]
fn a_citation_keeps_its_own_value_in_the_export() {
    let site = tempfile::tempdir().unwrap();
    write_file(site.path(), "site.toml", "title = \"Storms\"\n");
    write_file(
        site.path(),
        "content/sources/2020-01-02-gale.txt",
        "Gale news\n\nA violent gale flooded the harbour warehouses earlier this week, \
         and the fishing fleet stayed in port while the quay was pumped dry.\n",
    );
    write_file(
        site.path(),
        "content/sources/2020-01-02-gale.toml",
        "date = 2020-01-02\n",
    );
    write_file(
        site.path(),
        "content/sources/2021-05-01-review.txt",
        "A year of storms\n\nA violent gale flooded the harbour warehouses in January 2020, \
         a review of the port's defences found this spring.\n",
    );
    write_file(
        site.path(),
        "content/sources/2021-05-01-review.toml",
        "date = 2021-05-01\n",
    );
    let output = build_public(site.path());
    let json = read(&output, "data/timeline.json");
    // The week (30 December 2019 to 5 January 2020) dates the entry; the
    // month's citation says its own value beside it.
    let record = json
        .lines()
        .find(|line| line.contains("\"text\":\"January 2020\""))
        .unwrap_or_else(|| panic!("no January 2020 record in {json}"));
    assert!(record.contains("\"date\":\"2020-W01\""), "{record}");
    assert!(
        record.contains("\"mention_date\":\"2020-01\",\"mention_precision\":\"month\""),
        "{record}"
    );
    let week = json
        .lines()
        .find(|line| line.contains("\"text\":\"earlier this week\""))
        .unwrap_or_else(|| panic!("no week record in {json}"));
    assert!(!week.contains("mention_date"), "{week}");
}
