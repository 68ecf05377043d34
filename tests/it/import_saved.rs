//! `backstory new source FILE.html`: pages saved from a browser, written for
//! these tests in tests/fixtures/import/, imported offline.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Runs the binary with `args` in `root`: (exit code, stdout, stderr).
fn backstory(root: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_saved_article_becomes_a_source_with_the_pages_metadata() {
    let site = tempfile::tempdir().unwrap();
    let page = fixture("article.html");
    let (code, out, err) = backstory(site.path(), &["new", "source", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let stem =
        "content/sources/2024-03-05-the-estuary-gazette-ferry-fares-rise-again-on-the-estuary";
    for line in [
        "read headline: Ferry fares rise again on the estuary",
        "read publication: The Estuary Gazette",
        "read published: 2024-03-05",
        "read updated: 2024-03-06",
        "read authors: Ines Okafor",
        "read address: https://gazette.example/2024/03/05/ferry-fares-rise-again",
        &format!("created {stem}.html"),
    ] {
        assert!(out.contains(line), "{line:?} not in\n{out}");
    }
    // The article's blocks, headline first; none of the page around it.
    let text = read(site.path(), &format!("{stem}.txt"));
    assert!(
        text.starts_with("Ferry fares rise again on the estuary\n\nThe estuary ferry"),
        "{text}"
    );
    for kept in [
        "Fuel and wages",
        "do not run on goodwill.",
        "Monthly pass: 68 euros",
        "where the money goes.",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from\n{text}");
    }
    for clutter in [
        "Sport",
        "cookies",
        "Share on",
        "Photo:",
        "Related",
        "Bridge tolls",
        "outrageous",
        "Copyright",
        "By Ines",
    ] {
        assert!(!text.contains(clutter), "{clutter:?} kept in\n{text}");
    }
    let sidecar = read(site.path(), &format!("{stem}.toml"));
    for line in [
        "title = \"Ferry fares rise again on the estuary\"",
        "publication = \"The Estuary Gazette\"",
        "date = 2024-03-05",
        "authors = [\"Ines Okafor\"]",
        "url = \"https://gazette.example/2024/03/05/ferry-fares-rise-again\"",
        "# fetched = YYYY-MM-DD",
        "language = \"en-GB\"",
    ] {
        assert!(
            sidecar.lines().any(|l| l == line),
            "{line:?} not in\n{sidecar}"
        );
    }
    // The page is kept byte for byte as the source's provenance.
    let kept = std::fs::read(site.path().join(format!("{stem}.html"))).unwrap();
    assert_eq!(kept, std::fs::read(&page).unwrap());
}

#[test]
fn the_build_reads_the_text_and_never_publishes_the_saved_page() {
    let site = tempfile::tempdir().unwrap();
    common::write_small_site(site.path(), "Imports");
    let page = fixture("article.html");
    let args = ["new", "source", page.to_str().unwrap(), "--slug", "ferry"];
    assert_eq!(backstory(site.path(), &args).0, 0);
    let report = backstory::build::build_site(&backstory::build::BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(site.path().join("public")),
        no_search: true,
        base_url: Some("https://imports.example/".into()),
        ..backstory::build::BuildOptions::default()
    })
    .unwrap();
    assert!(
        report.written && report.diagnostics.is_empty(),
        "{:?}",
        report.diagnostics
    );
    let public = site.path().join("public");
    assert!(public.join("sources/ferry/index.html").is_file());
    let original = std::fs::read(&page).unwrap();
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
    {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        assert!(
            bytes != original,
            "{} is the saved page",
            entry.path().display()
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("window.analytics"),
            "{} has the page's script",
            entry.path().display()
        );
    }
}

#[test]
fn meta_tags_fill_the_sidecar_when_the_page_has_no_json_ld() {
    let site = tempfile::tempdir().unwrap();
    let page = fixture("article-meta.html");
    let args = ["new", "source", page.to_str().unwrap(), "--slug", "storm"];
    let (code, _, err) = backstory(site.path(), &args);
    assert_eq!(code, 0, "{err}");
    let sidecar = read(site.path(), "content/sources/storm.toml");
    for line in [
        "title = \"Storm closes the coast road\"",
        "publication = \"Valley Courier\"",
        "date = 2023-11-02",
        "authors = [\"Tomas Reis\"]",
        "url = \"https://courier.example/news/storm-closes-coast-road\"",
        "language = \"pt\"",
    ] {
        assert!(
            sidecar.lines().any(|l| l == line),
            "{line:?} not in\n{sidecar}"
        );
    }
}

#[test]
fn a_page_saved_with_its_folder_is_read_in_its_declared_charset() {
    let site = tempfile::tempdir().unwrap();
    // "Save Page As, complete": the page and a NAME_files folder beside it.
    let saved = tempfile::tempdir().unwrap();
    let page = saved.path().join("Le café.html");
    std::fs::copy(fixture("latin1.html"), &page).unwrap();
    common::write_file(saved.path(), "Le café_files/style.css", "p { color: red }");
    let args = ["new", "source", page.to_str().unwrap(), "--slug", "cafe"];
    let (code, out, err) = backstory(site.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(windows-1252)"), "{out}");
    let text = read(site.path(), "content/sources/cafe.txt");
    assert!(
        text.contains("dernier « petit noir » samedi, devant une foule d’habitués"),
        "{text}"
    );
    let sidecar = read(site.path(), "content/sources/cafe.toml");
    assert!(
        sidecar.contains("title = \"Le café du port ferme ses portes\""),
        "{sidecar}"
    );
    assert!(
        out.contains("note: the page does not name its publication"),
        "{out}"
    );
}

#[test]
fn pages_without_an_article_are_refused_and_nothing_is_written() {
    for (name, message) in [
        ("front.html", "no article found on this page"),
        ("login.html", "the page asks to log in"),
        ("script.html", "the page is mostly script"),
    ] {
        let site = tempfile::tempdir().unwrap();
        let page = fixture(name);
        let (code, out, err) = backstory(site.path(), &["new", "source", page.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(err.contains(message) && err.contains(name), "{name}: {err}");
        assert!(err.contains("hint:"), "{name}: {err}");
        assert!(!site.path().join("content").exists(), "{name} wrote files");
    }
}

#[test]
fn the_same_article_twice_is_refused() {
    let site = tempfile::tempdir().unwrap();
    let page = fixture("article.html");
    let page = page.to_str().unwrap();
    assert_eq!(
        backstory(site.path(), &["new", "source", page, "--slug", "a"]).0,
        0
    );
    let (code, _, err) = backstory(site.path(), &["new", "source", page, "--slug", "b"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("this article is already in content/sources/a.txt"),
        "{err}"
    );
    assert!(!site.path().join("content/sources/b.html").exists());
}

#[test]
fn an_address_that_is_not_http_is_refused() {
    let site = tempfile::tempdir().unwrap();
    for address in ["ftp://files.example/article.html", "file:///etc/passwd"] {
        let (code, _, err) = backstory(site.path(), &["new", "source", address]);
        assert_eq!(code, 1, "{address}");
        assert!(err.contains("this is not a web address"), "{err}");
        assert!(!site.path().join("content").exists());
    }
}
