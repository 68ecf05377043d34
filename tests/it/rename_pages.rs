//! `backstory rename page|person OLD NEW`: the file moves, every `@page/OLD`
//! or `@person/OLD` link in the content follows it, and the next build
//! leaves a redirect at the old address. A front-matter `slug` keeps the
//! address and the links as they are. Nothing changes when the rename is
//! refused.

use crate::common::SiteTest;

const HOME: &str = "+++\ntitle = \"Home\"\n+++\n\
See [how we work](@page/method) and [the warden](@person/quenby-iraola).\n";

const SOURCE: &str = "Pier reopens\n\nBy Imaginary Writer\n\nMarch 3, 2031\n\n\
Harbour warden Quenby Iraola said on March 2, 2031 that the pier had reopened.\n";

fn site() -> SiteTest {
    SiteTest::new()
        .file("content/_index.md", HOME)
        .source("2031-03-03-pier", SOURCE)
        .page(
            "method",
            "+++\ntitle = \"Method\"\n+++\nRead by hand ([warden](@person/quenby-iraola)).\n",
        )
        .profile(
            "quenby-iraola",
            "+++\nname = \"Quenby Iraola\"\n+++\nThe harbour's warden.\n",
        )
        // An (empty) addresses.txt: the site keeps its published addresses.
        .file("addresses.txt", "")
}

fn build(site: &SiteTest) {
    let output = site.run(&["build", "--no-search"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn rename(site: &SiteTest, args: &[&str]) -> (bool, String) {
    let output = site.run(&[&["rename"], args].concat());
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

fn read(site: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The address the redirect page at `rel` sends readers to.
fn redirect(site: &SiteTest, rel: &str) -> String {
    let html = read(site, rel);
    html.split("<meta http-equiv=\"refresh\" content=\"0; url=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("{rel} is no redirect:\n{html}"))
        .to_string()
}

#[test]
fn a_renamed_page_takes_its_links_along_and_leaves_a_redirect() {
    let site = site();
    build(&site);
    let (ok, said) = rename(&site, &["page", "method", "How we work"]);
    assert!(ok, "{said}");
    assert!(said.contains("content/pages/how-we-work.md"), "{said}");
    assert!(said.contains("/method/ to /how-we-work/"), "{said}");
    assert!(!site.root().join("content/pages/method.md").exists());
    assert!(read(&site, "content/_index.md").contains("(@page/how-we-work)"));
    build(&site);
    assert!(read(&site, "public/how-we-work/index.html").contains("Read by hand"));
    assert_eq!(
        redirect(&site, "public/method/index.html"),
        "../how-we-work/"
    );
    assert!(read(&site, "addresses.txt").contains("/method/ -> /how-we-work/\n"));
}

#[test]
fn a_renamed_profile_takes_its_links_along_and_leaves_a_redirect() {
    let site = site();
    build(&site);
    let (ok, said) = rename(&site, &["person", "quenby-iraola", "warden"]);
    assert!(ok, "{said}");
    for page in ["content/_index.md", "content/pages/method.md"] {
        let text = read(&site, page);
        assert!(text.contains("(@person/warden)"), "{page}: {text}");
        assert!(!text.contains("@person/quenby-iraola"), "{page}: {text}");
    }
    build(&site);
    assert!(read(&site, "public/people/warden/index.html").contains("Quenby Iraola"));
    assert_eq!(
        redirect(&site, "public/people/quenby-iraola/index.html"),
        "../../people/warden/"
    );
}

#[test]
fn a_slug_in_the_front_matter_keeps_the_address_and_the_links() {
    let site = site().page(
        "method",
        "+++\ntitle = \"Method\"\nslug = \"method\"\n+++\nRead by hand.\n",
    );
    build(&site);
    let home = read(&site, "content/_index.md");
    let (ok, said) = rename(&site, &["page", "method", "notes on method"]);
    assert!(ok, "{said}");
    assert!(said.contains("keeps its address /method/"), "{said}");
    assert_eq!(read(&site, "content/_index.md"), home);
    build(&site);
    assert!(read(&site, "public/method/index.html").contains("Read by hand"));
}

#[test]
fn a_refused_rename_changes_nothing_and_says_why() {
    let site = site().page("glossary", "+++\ntitle = \"Glossary\"\n+++\nWords.\n");
    let before = crate::common::tree(site.root());
    let (ok, said) = rename(&site, &["page", "method", "glossary"]);
    assert!(!ok);
    assert!(said.contains("content/pages/glossary.md"), "{said}");
    assert!(said.contains("already exists"), "{said}");
    let (ok, said) = rename(&site, &["person", "nobody-here", "someone"]);
    assert!(!ok);
    assert!(said.contains("there is no person `nobody-here`"), "{said}");
    assert_eq!(crate::common::tree(site.root()), before);
}
