//! `backstory init`: a folder in, a new explainer skeleton that builds out.

use std::io;
use std::path::Path;

const SITE_TOML: &str = "title = \"My explainer\"\ndescription = \"What happened, who was involved, and when.\"\n# base_url = \"https://example.org/explainer/\"\nlanguage = \"en\"\n";
const HOME: &str = "+++\ntitle = \"My explainer\"\n+++\n\nWhat this explainer covers, and how to read it: start with the\n[sources](sources/), meet the [people](people/), follow the [timeline](timeline/).\nHow it was made: [@page/about].\n";
const PAGE: &str = "+++\ntitle = \"About\"\ndescription = \"Who made this explainer and how.\"\n+++\n\n## How this site is made\n\nEvery source text in `content/sources/` is cleaned, and the people and dates\nin it are found and linked automatically.\n";
const SOURCE: &str = "An example source\n\nJane Doe, Monday 6 Jan 2025\n\nThe city council met on Friday to discuss the new bridge, council member John Smith said.\n\n\"We will decide in March,\" Smith told reporters.\n";

/// One file `init` made, relative to the new site's folder, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub path: &'static str,
    pub what: &'static str,
}

/// The home page of an empty site: no link to an example page.
const EMPTY_HOME: &str = "+++\ntitle = \"My explainer\"\n+++\n\nWhat this explainer covers, and how to read it: start with the\n[sources](sources/), meet the [people](people/), follow the [timeline](timeline/).\n";

/// Creates a new site in `dir`, which must be missing or empty; returns the
/// files made. With `empty`, the example source and About page are left out,
/// so there is nothing to find and delete before the real work starts.
pub fn init_site(dir: &Path, empty: bool) -> io::Result<Vec<Made>> {
    if dir.exists() && dir.read_dir()?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; choose a new folder name", dir.display()),
        ));
    }
    for sub in [
        "content/sources",
        "content/pages",
        "content/people",
        "content/events",
    ] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    let mut files = vec![
        (
            Made {
                path: "site.toml",
                what: "the title, description and address (base_url) of the site",
            },
            SITE_TOML,
        ),
        (
            Made {
                path: "content/_index.md",
                what: "the home page's text",
            },
            if empty { EMPTY_HOME } else { HOME },
        ),
        (
            Made {
                path: ".gitignore",
                what: "keeps the built public/ folder out of Git",
            },
            "/public\n",
        ),
    ];
    if !empty {
        files.push((
            Made {
                path: "content/pages/about.md",
                what: "an example page: edit it or delete it",
            },
            PAGE,
        ));
        files.push((
            Made {
                path: "content/sources/2025-01-06-example-source.txt",
                what: "an example source: delete it once you add your own",
            },
            SOURCE,
        ));
    }
    for (made, text) in &files {
        std::fs::write(dir.join(made.path), text)?;
    }
    Ok(files.into_iter().map(|(made, _)| made).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_site_has_no_examples_and_both_say_what_they_made() {
        let temp = tempfile::tempdir().unwrap();
        let full = init_site(&temp.path().join("full"), false).unwrap();
        let empty = init_site(&temp.path().join("empty"), true).unwrap();
        assert_eq!(full.len(), 5);
        assert_eq!(empty.len(), 3);
        assert!(temp.path().join("full/content/pages/about.md").is_file());
        assert!(!temp.path().join("empty/content/pages/about.md").exists());
        assert!(!temp
            .path()
            .join("empty/content/sources/2025-01-06-example-source.txt")
            .exists());
        let home = std::fs::read_to_string(temp.path().join("empty/content/_index.md")).unwrap();
        assert!(
            !home.contains("@page/about"),
            "the empty site links no page it lacks"
        );
        for made in &full {
            assert!(
                temp.path().join("full").join(made.path).is_file(),
                "{}",
                made.path
            );
        }
    }
}
