//! Pages that list the whole site stay readable as it grows: the home page
//! shows the newest sources and links the rest, and the feed lists only the
//! newest entries (`[feed] limit`).

use backstory::build::{build_site, BuildOptions};

fn built(sources: usize, config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().to_path_buf();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Scale\"\n{config}"),
    )
    .unwrap();
    for n in 0..sources {
        std::fs::write(
            root.join(format!("content/sources/report-{n:03}.txt")),
            format!(
                "Harbour report number {n}\n\n{} {}, 2020\n\nThe ferry ran on time, the office said.\n",
                backstory::extract::dates::MONTH_NAMES[n % 12],
                1 + n % 28
            ),
        )
        .unwrap();
    }
    let options = BuildOptions {
        root: root.clone(),
        output: Some(root.join("public")),
        no_search: true,
        ..BuildOptions::default()
    };
    let report = build_site(&options).unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
    (temp, root.join("public"))
}

#[test]
fn the_home_page_shows_the_newest_sources_and_links_them_all() {
    let (_temp, site) = built(30, "");
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert_eq!(home.matches("class=\"card source-card\"").count(), 20);
    assert!(home.contains("All 30 sources"), "the rest are a link away");
    let index = std::fs::read_to_string(site.join("sources/index.html")).unwrap();
    assert_eq!(index.matches("class=\"card source-card\"").count(), 30);
    // The newest first: December 2020 is the latest date given.
    let newest = home.find("2020-12").unwrap();
    assert!(home.find("2020-01").is_none_or(|oldest| newest < oldest));
}

#[test]
fn the_feed_lists_the_newest_sources_up_to_its_limit() {
    let (_temp, site) = built(30, "\n[feed]\nlimit = 7\n");
    let feed = std::fs::read_to_string(site.join("atom.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 7);
    let (_temp, site) = built(5, "");
    let feed = std::fs::read_to_string(site.join("atom.xml")).unwrap();
    assert_eq!(
        feed.matches("<entry>").count(),
        5,
        "a small site lists everything"
    );
}
