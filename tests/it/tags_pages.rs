//! Tags (topics) on sources and pages: a page per tag listing its pages
//! and sources newest first with dates and deks, an index, links on every
//! tagged page, the sitemap, search and JSON export, one tag for two
//! spellings, and the messages `check` gives for tags an editor got wrong.

use crate::common::site::SiteTest;

const FERRY: &str = "Ferry Fares Rise Again\n\nThe council raised the fare to five euros.\n\nCommuters said the rise came too soon.\n";
const BRIDGE: &str = "Bridge Opens to Traffic\n\nThe new bridge opened to cars on Monday.\n\nThe ferry will keep running at night.\n";
const TUNNEL: &str = "Tunnel Plan Shelved\n\nThe tunnel under the harbour will not be built.\n";

fn tagged_site() -> SiteTest {
    SiteTest::new()
        .source("2021-03-01-ferry", FERRY)
        .sidecar(
            "2021-03-01-ferry",
            "date = 2021-03-01\npublication = \"Harbour Daily\"\ntags = [\"Fares\", \"Harbour transport\"]\n",
        )
        .source("2022-05-10-bridge", BRIDGE)
        .sidecar(
            "2022-05-10-bridge",
            "date = 2022-05-10\npublication = \"Coast Weekly\"\ntags = [\"harbour transport\"]\n",
        )
        .source("2020-01-02-tunnel", TUNNEL)
        .sidecar("2020-01-02-tunnel", "date = 2020-01-02\n")
        .page(
            "costs",
            "+++\ntitle = \"What crossing costs\"\ndescription = \"Fares and tolls compared.\"\ndate = 2023-02-01\ntags = [\"Fares\"]\n+++\n\nA page on fares.\n",
        )
        .page(
            "history",
            "+++\ntitle = \"A short history\"\ntags = [\"Harbour transport\", \"Fares\"]\n+++\n\nFerries came first.\n",
        )
}

#[test]
fn a_tag_page_lists_its_pages_and_sources_newest_first_with_dates_and_deks() {
    let built = tagged_site().build();
    let fares = built.read("tags/fares/index.html");
    assert!(fares.contains("<h1>Fares</h1>"), "{fares}");
    // Pages: the dated one first, then the undated; with their descriptions.
    let costs = fares.find("What crossing costs").unwrap();
    let history = fares.find("A short history").unwrap();
    assert!(costs < history, "newest page first");
    assert!(fares.contains("Fares and tolls compared."));
    assert!(fares.contains("<time datetime=\"2023-02-01\">"));
    // The source, with its outlet and date.
    assert!(fares.contains("Ferry Fares Rise Again"));
    assert!(fares.contains("Harbour Daily · <time datetime=\"2021-03-01\">"));
    assert!(
        !fares.contains("Tunnel Plan Shelved"),
        "an untagged source is not listed"
    );

    let transport = built.read("tags/harbour-transport/index.html");
    let bridge = transport.find("Bridge Opens to Traffic").unwrap();
    let ferry = transport.find("Ferry Fares Rise Again").unwrap();
    assert!(bridge < ferry, "sources newest first");
}

#[test]
fn two_spellings_are_one_tag_named_as_most_files_write_it_and_a_warning_names_the_clash() {
    let site = tagged_site();
    let problems = site.check();
    let clashes: Vec<String> = problems
        .iter()
        .filter(|d| d.message.contains("is written"))
        .map(|d| format!("{}:{:?}: {}", d.file.display(), d.line, d.message))
        .collect();
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert!(
        clashes.iter().any(|c| c.starts_with("content/sources/2022-05-10-bridge.toml:Some(3): the tag \"harbour transport\" is written \"Harbour transport\"")),
        "{clashes:?}"
    );
    let built = site.build();
    let tree = built.tree();
    let tag_pages: Vec<&String> = tree.keys().filter(|p| p.starts_with("tags/")).collect();
    assert_eq!(
        tag_pages,
        [
            "tags/fares/index.html",
            "tags/harbour-transport/index.html",
            "tags/index.html"
        ]
    );
    assert!(built
        .read("tags/harbour-transport/index.html")
        .contains("<h1>Harbour transport</h1>"));
}

#[test]
fn sources_and_pages_link_their_tags_and_the_index_and_navigation_list_them() {
    let built = tagged_site().build();
    let source = built.read("sources/2021-03-01-ferry/index.html");
    assert!(
        source.contains(
            "<a class=\"chip\" href=\"../../tags/fares/index.html\" rel=\"tag\">Fares</a>"
        ),
        "{source}"
    );
    assert!(source.contains(
        "href=\"../../tags/harbour-transport/index.html\" rel=\"tag\">Harbour transport</a>"
    ));
    let untagged = built.read("sources/2020-01-02-tunnel/index.html");
    assert!(!untagged.contains("rel=\"tag\""));
    let page = built.read("history/index.html");
    assert!(
        page.contains("href=\"../tags/fares/index.html\" rel=\"tag\">Fares</a>"),
        "{page}"
    );
    let index = built.read("tags/index.html");
    assert!(index.contains("<a href=\"../tags/fares/index.html\" rel=\"tag\">Fares</a> <span class=\"meta\">1 source, 2 pages</span>"), "{index}");
    let home = built.read("index.html");
    assert!(
        home.contains("<a href=\"tags/index.html\">Topics</a>"),
        "the navigation links the topics"
    );
}

#[test]
fn tag_pages_are_in_the_sitemap_and_the_json_export() {
    let built = tagged_site().build();
    let sitemap = built.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example/tags/fares/</loc>"));
    assert!(sitemap.contains("<loc>https://test.example/tags/</loc>"));
    let sources = built.read("data/sources.json");
    let ferry = sources
        .lines()
        .find(|l| l.contains("2021-03-01-ferry"))
        .unwrap();
    assert!(
        ferry.contains("\"tags\":[\"fares\",\"harbour-transport\"]"),
        "{ferry}"
    );
    let tunnel = sources
        .lines()
        .find(|l| l.contains("2020-01-02-tunnel"))
        .unwrap();
    assert!(
        !tunnel.contains("\"tags\""),
        "a source without tags has no field"
    );
    let tags = built.read("data/tags.json");
    assert!(
        tags.contains("{\"slug\":\"fares\",\"name\":\"Fares\",\"description\":null,\"page\":\"/tags/fares/\",\"sources\":[\"2021-03-01-ferry\"],\"pages\":[\"costs\",\"history\"]}"),
        "{tags}"
    );
}

#[test]
fn a_site_description_introduces_a_tag_and_an_unused_one_is_named() {
    let site = tagged_site()
        .config(
            "title = \"Test\"\nbase_url = \"https://test.example/\"\n\n[tags.fares]\nname = \"Fares and tolls\"\ndescription = \"What a crossing costs.\"\n\n[tags.weather]\ndescription = \"Storms.\"\n",
        )
        .sidecar("2020-01-02-tunnel", "date = 2020-01-02\ntags = [\"FARES\"]\n");
    let problems = site.check();
    let unused: Vec<String> = problems
        .iter()
        .filter(|d| d.message.contains("weather"))
        .map(|d| format!("{}:{:?}", d.file.display(), d.line))
        .collect();
    assert_eq!(unused, ["site.toml:Some(8)"]);
    // Named in site.toml: how the files spell it no longer matters.
    assert!(
        !problems.iter().any(|d| d.message.contains("FARES")),
        "{problems:?}"
    );
    let built = site.build();
    let fares = built.read("tags/fares/index.html");
    assert!(fares.contains("<h1>Fares and tolls</h1>"));
    assert!(fares.contains("<p class=\"dek\">What a crossing costs.</p>"));
    assert!(built
        .read("sources/2021-03-01-ferry/index.html")
        .contains(">Fares and tolls</a>"));
}

#[test]
fn a_site_without_tags_has_no_tag_pages_nor_a_topics_link() {
    let built = SiteTest::new().source("2021-03-01-ferry", FERRY).build();
    assert!(!built
        .tree()
        .keys()
        .any(|p| p.starts_with("tags/") || p == "data/tags.json"));
    assert!(!built.read("index.html").contains("Topics"));
}

#[test]
fn check_names_wrong_tags_in_an_editors_words_with_file_and_line() {
    let site = SiteTest::new()
        .source("2021-03-01-ferry", FERRY)
        .sidecar(
            "2021-03-01-ferry",
            "date = 2021-03-01\ntags = [\"fares\", 3]\n",
        )
        .source("2022-05-10-bridge", BRIDGE)
        .sidecar(
            "2022-05-10-bridge",
            "date = 2022-05-10\ntags = \"bridges\"\n",
        )
        .page(
            "empty",
            "+++\ntitle = \"Empty\"\ntags = [\"\"]\n+++\n\nText.\n",
        )
        .page(
            "signs",
            "---\ntitle: Signs\ntags: [\"—\", \"fares, tolls\"]\n---\n\nText.\n",
        );
    let said: Vec<String> = site
        .check()
        .iter()
        .map(|d| {
            let line = d.line.map_or(String::new(), |l| format!(":{l}"));
            format!(
                "{}{line}: {} ({})",
                d.file.display(),
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect();
    let said = said.join("\n");
    for expected in [
        "content/sources/2021-03-01-ferry.toml:2: invalid sidecar: `tags` must be text in quotes, not the number 3 (put every item of the list in quotes, such as `tags = [\"…\", \"…\"]`)",
        "content/sources/2022-05-10-bridge.toml:2: invalid sidecar: `tags` must be a list, not the text \"bridges\" (write a list: `tags = [\"bridges\"]`)",
        "content/pages/empty.md:3: one of the tags is empty",
        "content/pages/signs.md:3: the tag \"—\" has no letters or digits",
        "content/pages/signs.md:3: the tag \"fares, tolls\" looks like 2 tags in one (give each its own quotes: `tags = [\"fares\", \"tolls\"]`)",
    ] {
        assert!(said.contains(expected), "missing {expected:?} in:\n{said}");
    }
    let output = site.run(&["check"]);
    let printed = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(printed.contains("one of the tags is empty"), "{printed}");
    assert!(
        !printed.contains("i64") && !printed.contains("sequence"),
        "{printed}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_page_of_a_renamed_tag_sends_readers_to_the_topics() {
    let site = tagged_site().file("addresses.txt", "");
    let options = backstory::build::BuildOptions {
        root: site.root().to_path_buf(),
        no_search: true,
        keep_addresses: true,
        ..backstory::build::BuildOptions::default()
    };
    let first = backstory::build::build_site(&options).unwrap();
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let site = site
        .sidecar(
            "2021-03-01-ferry",
            "date = 2021-03-01\npublication = \"Harbour Daily\"\ntags = [\"Fares\", \"Crossings\"]\n",
        )
        .sidecar("2022-05-10-bridge", "date = 2022-05-10\ntags = [\"Crossings\"]\n")
        .page("history", "+++\ntitle = \"A short history\"\ntags = [\"Crossings\"]\n+++\n\nFerries came first.\n");
    let second = backstory::build::build_site(&options).unwrap();
    assert!(!second.has_errors(), "{:?}", second.diagnostics);
    assert!(
        !second
            .diagnostics
            .iter()
            .any(|d| d.message.contains("harbour-transport")),
        "{:?}",
        second.diagnostics
    );
    let old = std::fs::read_to_string(site.root().join("public/tags/harbour-transport/index.html"))
        .unwrap();
    assert!(old.contains("http-equiv=\"refresh\""), "{old}");
    assert!(old.contains("url=../../tags/\""), "{old}");
}
