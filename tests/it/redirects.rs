//! Published addresses keep working: a small site is built (keeping its
//! `addresses.txt`), then edited so that a page moves, and built again; the
//! old address must answer with a redirect to the new one, and the list of
//! addresses must say so.

use crate::common;

use backstory::build::{build_site, BuildOptions, BuildReport};
use common::{write_file, write_small_site};
use std::path::Path;

/// Builds `root` into `root/public` as `backstory build` does, keeping
/// `addresses.txt`; the build must succeed.
fn build(root: &Path) -> BuildReport {
    let report = build_site(&BuildOptions {
        root: root.to_path_buf(),
        no_search: true,
        keep_addresses: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(
        report.written && !report.has_errors(),
        "{:?}",
        report.diagnostics
    );
    report
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The address a redirect page at `rel` sends readers to, checked to be a
/// whole redirect: refresh, canonical, noindex and a visible link, all alike.
fn redirect_target(root: &Path, rel: &str) -> String {
    let html = read(&root.join("public"), rel);
    let refresh = html
        .split("<meta http-equiv=\"refresh\" content=\"0; url=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("{rel} is no redirect:\n{html}"))
        .to_string();
    assert!(
        html.contains(&format!("<link rel=\"canonical\" href=\"{refresh}\">")),
        "{html}"
    );
    assert!(html.contains(&format!("<a href=\"{refresh}\">")), "{html}");
    assert!(
        html.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{html}"
    );
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<title>"),
        "{html}"
    );
    refresh
}

fn site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    write_small_site(site.path(), "Ferries");
    site
}

#[test]
fn a_renamed_source_leaves_a_redirect_at_its_old_address() {
    let site = site();
    let root = site.path();
    build(root);
    assert!(read(root, "addresses.txt").contains("/sources/2021-03-01-ferry/ source "));
    std::fs::rename(
        root.join("content/sources/2021-03-01-ferry.txt"),
        root.join("content/sources/2021-03-01-new-ferry-route.txt"),
    )
    .unwrap();
    build(root);
    assert!(root
        .join("public/sources/2021-03-01-new-ferry-route/index.html")
        .is_file());
    assert_eq!(
        redirect_target(root, "sources/2021-03-01-ferry/index.html"),
        "../../sources/2021-03-01-new-ferry-route/"
    );
    let addresses = read(root, "addresses.txt");
    assert!(
        addresses.contains("/sources/2021-03-01-ferry/ -> /sources/2021-03-01-new-ferry-route/\n"),
        "{addresses}"
    );
}

#[test]
fn backstory_rename_source_leaves_a_redirect_too() {
    let site = site();
    let root = site.path();
    build(root);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args([
            "rename",
            "source",
            "2021-03-01-ferry",
            "ferry-route",
            "--root",
        ])
        .arg(root)
        .status()
        .unwrap();
    assert!(status.success());
    build(root);
    assert_eq!(
        redirect_target(root, "sources/2021-03-01-ferry/index.html"),
        "../../sources/ferry-route/"
    );
}

#[test]
fn an_edited_slug_leaves_a_redirect_and_a_chain_of_moves_ends_at_the_last() {
    let site = site();
    let root = site.path();
    build(root);
    write_file(
        root,
        "content/pages/about.md",
        "---\ntitle: About\nslug: how-we-work\n---\nHow.\n",
    );
    build(root);
    assert_eq!(redirect_target(root, "about/index.html"), "../how-we-work/");
    write_file(
        root,
        "content/pages/about.md",
        "---\ntitle: About\nslug: method\n---\nHow.\n",
    );
    build(root);
    assert_eq!(redirect_target(root, "about/index.html"), "../method/");
    assert_eq!(
        redirect_target(root, "how-we-work/index.html"),
        "../method/"
    );
}

#[test]
fn a_merged_person_s_old_address_leads_to_the_merged_page() {
    let site = site();
    let root = site.path();
    write_file(
        root,
        "content/sources/2021-03-02-quay.txt",
        "Quay reopens\n\nTuesday 2 March 2021\n\n\
         Harbour pilot Abu Karim guided the first boat in on Tuesday.\n\n\
         \"It was calm,\" Abu Karim said.\n",
    );
    write_file(
        root,
        "content/sources/2021-03-03-pilots.txt",
        "Pilots honoured\n\nWednesday 3 March 2021\n\n\
         The council honoured harbour pilot Karim Haddad on Wednesday.\n\n\
         Haddad has guided boats for thirty years, Karim Haddad's colleagues said.\n",
    );
    build(root);
    assert!(root.join("public/people/abu-karim/index.html").is_file());
    assert!(root.join("public/people/karim-haddad/index.html").is_file());
    write_file(
        root,
        "content/people/karim-haddad.md",
        "+++\nname = \"Karim Haddad\"\naliases = [\"Abu Karim\"]\n+++\nA harbour pilot.\n",
    );
    build(root);
    assert_eq!(
        redirect_target(root, "people/abu-karim/index.html"),
        "../../people/karim-haddad/"
    );
}

#[test]
fn an_address_whose_page_is_gone_gets_no_page_and_a_warning_until_its_line_goes() {
    let site = site();
    let root = site.path();
    build(root);
    std::fs::remove_file(root.join("content/pages/about.md")).unwrap();
    let report = build(root);
    assert!(!root.join("public/about/index.html").exists());
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("/about/"))
        .expect("a warning names the address");
    assert_eq!(warning.file, Path::new("addresses.txt"));
    let checked = backstory::build::check_site(&BuildOptions {
        root: root.to_path_buf(),
        dry_run: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(checked
        .diagnostics
        .iter()
        .any(|d| d.message.contains("/about/")));
    // The editor accepts it by deleting the line.
    let kept: String = read(root, "addresses.txt")
        .lines()
        .filter(|line| !line.starts_with("/about/"))
        .map(|line| format!("{line}\n"))
        .collect();
    write_file(root, "addresses.txt", &kept);
    let report = build(root);
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("/about/")));
}

#[test]
fn a_real_page_wins_over_a_redirect_and_nothing_is_written_outside_the_output() {
    let site = site();
    let root = site.path();
    build(root);
    let mut addresses = read(root, "addresses.txt");
    addresses.push_str("/about/ -> /sources/\n/../escaped/ -> /about/\n");
    write_file(root, "addresses.txt", &addresses);
    let report = build_site(&BuildOptions {
        root: root.to_path_buf(),
        no_search: true,
        keep_addresses: true,
        ..BuildOptions::default()
    })
    .unwrap();
    let problem = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("the unreadable line is an error");
    assert_eq!(problem.line, Some(addresses.lines().count()));
    assert!(!root.join("escaped").exists() && !root.parent().unwrap().join("escaped").exists());
    // Without the bad line, the page at /about/ is the page, not a redirect.
    addresses = addresses.replace("/../escaped/ -> /about/\n", "");
    write_file(root, "addresses.txt", &addresses);
    build(root);
    assert!(read(root, "public/about/index.html").contains("How this site was made."));
    assert!(read(root, "addresses.txt").contains("/about/ page content/pages/about.md\n"));
}

#[test]
fn two_pages_wanting_one_address_stay_an_error() {
    let site = site();
    let root = site.path();
    build(root);
    write_file(
        root,
        "content/pages/other.md",
        "---\ntitle: Other\nslug: about\n---\nOther.\n",
    );
    let report = build_site(&BuildOptions {
        root: root.to_path_buf(),
        no_search: true,
        keep_addresses: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(report.has_errors());
    assert!(!report.written);
}

#[test]
fn the_addresses_file_is_sorted_and_the_same_on_every_build() {
    let site = site();
    let root = site.path();
    build(root);
    let first = read(root, "addresses.txt");
    build(root);
    assert_eq!(read(root, "addresses.txt"), first);
    let addresses: Vec<&str> = first.lines().filter(|l| l.starts_with('/')).collect();
    let mut sorted = addresses.clone();
    sorted.sort();
    assert_eq!(addresses, sorted);
    for expected in [
        "/ site",
        "/about/ page content/pages/about.md",
        "/people/ site",
    ] {
        assert!(addresses.contains(&expected), "{expected} in {first}");
    }
}

#[test]
fn a_preview_or_test_build_leaves_the_site_folder_alone() {
    let site = site();
    let root = site.path();
    common::build_public(root);
    assert!(!root.join("addresses.txt").exists());
}

#[test]
fn the_command_line_keeps_the_list_once_the_file_exists() {
    let site = site();
    let root = site.path();
    let build = || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
            .args(["build", "--quiet", "--no-search", "--root"])
            .arg(root)
            .status()
            .unwrap();
        assert!(status.success());
    };
    build();
    assert!(
        !root.join("addresses.txt").exists(),
        "the site folder is left alone"
    );
    write_file(root, "addresses.txt", "");
    build();
    assert!(read(root, "addresses.txt").contains("/about/ page content/pages/about.md\n"));
}
