//! `backstory init`: a folder in, a new explainer skeleton that builds out.

use std::io;
use std::path::Path;

const SITE_TOML: &str = "title = \"My explainer\"\ndescription = \"What happened, who was involved, and when.\"\n# base_url = \"https://example.org/explainer/\"\nlanguage = \"en\"\n";
const HOME: &str = "+++\ntitle = \"My explainer\"\n+++\n\nWhat this explainer covers, and how to read it: start with the\n[sources](sources/), meet the [people](people/), follow the [timeline](timeline/).\nHow it was made: [@page/about].\n";
const PAGE: &str = "+++\ntitle = \"About\"\ndescription = \"Who made this explainer and how.\"\n+++\n\n## How this site is made\n\nEvery source text in `content/sources/` is cleaned, and the people and dates\nin it are found and linked automatically.\n";
const SOURCE: &str = "An example source\n\nJane Doe, Monday 6 Jan 2025\n\nThe city council met on Friday to discuss the new bridge, council member\nJohn Smith said.\n\n\"We will decide in March,\" Smith told reporters.\n";

/// Creates a new site in `dir`, which must be missing or empty.
pub fn init_site(dir: &Path) -> io::Result<()> {
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
    std::fs::write(dir.join("site.toml"), SITE_TOML)?;
    std::fs::write(dir.join("content/_index.md"), HOME)?;
    std::fs::write(dir.join("content/pages/about.md"), PAGE)?;
    std::fs::write(
        dir.join("content/sources/2025-01-06-example-source.txt"),
        SOURCE,
    )?;
    std::fs::write(dir.join(".gitignore"), "/public\n")?;
    Ok(())
}
