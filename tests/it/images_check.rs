//! What `check` and `build` say about images an editor got wrong: no alt
//! text, a missing, corrupt, huge or out-of-bounds file. Each message names
//! the file (and line) and says what to do; nothing panics, and a failed
//! build writes nothing.

use crate::common::site::SiteTest;
use crate::images_pages::png;
use backstory::build::{build_site, BuildOptions};

fn page(image: &str) -> String {
    format!("+++\ntitle = \"Background\"\n\n[image]\n{image}+++\n\nText.\n")
}

fn build_errors(site: &SiteTest) -> Vec<String> {
    let report = build_site(&BuildOptions {
        root: site.root().to_path_buf(),
        no_search: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(!report.written || !report.has_errors());
    report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn a_missing_alt_text_is_a_warning_naming_the_file_and_line() {
    let site = SiteTest::new()
        .page("background", &page("file = \"map.png\"\n"))
        .file("content/images/map.png", png(50, 40));
    let found = site.check();
    let warning = found
        .iter()
        .find(|d| d.to_string().contains("no alt text"))
        .expect("check reports the missing alt text");
    assert!(!warning.is_error());
    let text = warning.to_string();
    assert!(text.contains("content/pages/background.md:4"), "{text}");
    assert!(
        text.contains("alt = "),
        "the hint says what to write: {text}"
    );
    // The build warns too, and still writes the site.
    let built = site.build();
    assert!(built
        .report
        .diagnostics
        .iter()
        .any(|d| d.to_string().contains("no alt text")));
    // An empty alt text marks decoration, on purpose: no warning.
    let site = SiteTest::new()
        .page("background", &page("file = \"map.png\"\nalt = \"\"\n"))
        .file("content/images/map.png", png(50, 40));
    assert!(site.check().iter().all(|d| !d.to_string().contains("alt")));
}

#[test]
fn a_missing_image_file_names_the_page_and_the_nearest_file() {
    let site = SiteTest::new()
        .page(
            "background",
            &page("file = \"mapp.png\"\nalt = \"A map\"\n"),
        )
        .file("content/images/map.png", png(50, 40));
    let errors = build_errors(&site);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("content/pages/background.md:4"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("there is no image content/images/mapp.png"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("`map.png`"), "{}", errors[0]);
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_corrupt_image_is_an_error_naming_it_never_a_panic() {
    let mut bytes = png(60, 40);
    bytes.truncate(bytes.len() / 2);
    let site = SiteTest::new()
        .page(
            "background",
            &page("file = \"broken.png\"\nalt = \"A map\"\n"),
        )
        .file("content/images/broken.png", bytes)
        .file("content/images/text.jpg", "not an image at all");
    let errors = build_errors(&site);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("content/images/broken.png: "),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("cannot be read as an image"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("export it again as PNG or JPEG"),
        "{}",
        errors[0]
    );
    let site = site.page(
        "background",
        &page("file = \"text.jpg\"\nalt = \"A map\"\n"),
    );
    let errors = build_errors(&site);
    assert!(
        errors[0].contains("content/images/text.jpg: "),
        "{errors:?}"
    );
    // The command line says the same and exits with failure.
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("content/images/text.jpg"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn an_image_too_large_to_read_is_refused_with_a_size_to_aim_for() {
    let site = SiteTest::new()
        .page(
            "background",
            &page("file = \"wide.png\"\nalt = \"A strip\"\n"),
        )
        .file("content/images/wide.png", png(17_000, 1));
    let errors = build_errors(&site);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("17000 × 1 pixels"), "{}", errors[0]);
    assert!(errors[0].contains("scale it down"), "{}", errors[0]);
}

#[test]
fn an_image_name_cannot_reach_outside_the_image_folder() {
    let site = SiteTest::new()
        .page(
            "background",
            &page("file = \"../../site.toml\"\nalt = \"x\"\n"),
        )
        .page("other", &page("file = \"notes.gif\"\nalt = \"x\"\n"));
    let errors = build_errors(&site);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors
        .iter()
        .any(|e| e.contains("is not a file name inside content/images/")));
    assert!(errors
        .iter()
        .any(|e| e.contains("`notes.gif` is not a PNG or JPEG image")));
}

#[test]
fn an_unknown_key_in_the_image_table_is_reported_at_its_line() {
    let site = SiteTest::new()
        .page(
            "background",
            &page("file = \"map.png\"\nalt = \"A map\"\ncaptoin = \"x\"\n"),
        )
        .file("content/images/map.png", png(50, 40));
    let errors = build_errors(&site);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("content/pages/background.md:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("captoin"), "{}", errors[0]);
}
