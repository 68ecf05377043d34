//! A source page shows its headline once: when the sidecar's `title` is the
//! line the cleaner read as the dek (an editor preferring it, or a menu
//! line taken for the headline), the dek is not shown again under it.

use crate::common;

use common::{write_file, write_small_site};
use std::path::Path;

#[test]
fn a_sidecar_title_equal_to_the_dek_is_shown_once() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles/harbour-bridge-crlf.txt");
    let text = std::fs::read(&fixture).unwrap();
    let dek = "Engineers warn the 140-year-old crossing could fail in a winter storm";
    let site = tempfile::tempdir().unwrap();
    write_small_site(site.path(), "Harbour");
    write_file(site.path(), "content/sources/2023-03-14-bridge.txt", &text);
    let build = |sidecar: &str| {
        write_file(
            site.path(),
            "content/sources/2023-03-14-bridge.toml",
            sidecar,
        );
        let options = backstory::build::BuildOptions {
            root: site.path().to_path_buf(),
            no_search: true,
            ..Default::default()
        };
        let report = backstory::build::build_site(&options).unwrap();
        assert!(report.written, "{:?}", report.diagnostics);
        std::fs::read_to_string(
            site.path()
                .join("public/sources/2023-03-14-bridge/index.html"),
        )
        .unwrap()
    };
    let page = build("");
    assert!(
        page.contains(&format!("<p class=\"dek\">{dek}</p>")),
        "the cleaner reads the dek"
    );
    let page = build(&format!("title = \"{dek}\"\n"));
    assert!(page.contains(&format!("<h1>{dek}</h1>")));
    assert!(
        !page.contains("<p class=\"dek\">"),
        "the headline is shown once"
    );
}
