//! Site configuration: `site.toml` in, a validated [`Config`] out.

use crate::diag::Diagnostic;
use crate::frontmatter::{key_line, toml_error_line};
use serde::Deserialize;
use std::path::Path;

/// The settings of one site, from `site.toml` at the site root.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in the header and in feeds.
    pub title: String,
    /// One sentence about the site, for the home page and search engines.
    #[serde(default)]
    pub description: String,
    /// Where the site is published (`https://example.org/explainer/`). Used for
    /// canonical URLs, the sitemap and feeds; internal links stay relative.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The language of the site, as a BCP 47 tag.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub people: PeopleConfig,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub timeline: TimelineConfig,
    #[serde(default)]
    pub feed: FeedConfig,
    #[serde(default)]
    pub output: OutputConfig,
    /// How numeric dates such as "10/02/2008" read in the sources
    /// ("day-month" or "month-day"); a source's sidecar can say otherwise.
    #[serde(default)]
    pub date_order: Option<crate::extract::dates::DateOrder>,
    /// `[strings]`: the site's own words for single words of the theme,
    /// by key (see [`crate::i18n`]).
    #[serde(default)]
    pub strings: std::collections::BTreeMap<String, toml::Value>,
    /// The theme's words for `language` and `strings`, made on first use.
    #[serde(skip)]
    interface: crate::i18n::Interface,
    /// `[tags.SLUG]`: what a tag's page says about its topic, by the tag's
    /// address (`[tags.withdrawal]`).
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, TagConfig>,
}

/// `[tags.SLUG]`: a tag's name as its page shows it, and an introduction.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct TagConfig {
    /// How the tag is written on every page, whatever spelling the files use.
    #[serde(default)]
    pub name: Option<String>,
    /// A sentence or two at the top of the tag's page.
    #[serde(default)]
    pub description: Option<String>,
    /// The line of the table in `site.toml`, found on reading.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// A setting that counts things shown on a page: 1 or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match usize::deserialize(deserializer)? {
            0 => Err(serde::de::Error::custom("must be 1 or more")),
            count => Ok(Count(count)),
        }
    }
}

fn default_language() -> String {
    "en".to_string()
}

/// `[people]`: site-wide corrections to the people finder, and how their pages list mentions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleConfig {
    /// Names the finder took for people that are not people.
    #[serde(default)]
    pub not_people: Vec<String>,
    /// How many sources a person's page lists with their mentions; someone
    /// named in more sources gets numbered pages for the rest.
    #[serde(default = "default_sources_per_page")]
    pub sources_per_page: Count,
}

impl Default for PeopleConfig {
    fn default() -> Self {
        PeopleConfig {
            not_people: Vec::new(),
            sources_per_page: default_sources_per_page(),
        }
    }
}

fn default_sources_per_page() -> Count {
    Count(50)
}

/// `[feed]`: what the Atom feed lists.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// How many of the newest sources (and how many editorial pages) the
    /// feed lists: readers fetch it often, and only the newest matter to them.
    #[serde(default = "default_feed_limit")]
    pub limit: Count,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            limit: default_feed_limit(),
        }
    }
}

fn default_feed_limit() -> Count {
    Count(50)
}

/// `[output]`: what the built site holds besides its pages, for a site
/// that a host limits in files or bytes (see docs/deploy.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// Publish each source's raw text beside its page.
    #[serde(default = "yes")]
    pub raw_texts: bool,
    /// Publish the JSON exports under `data/` (sources, people, timeline).
    #[serde(default = "yes")]
    pub exports: bool,
    /// Publish `data/timelinejs.json`, the timeline for TimelineJS.
    #[serde(default = "yes")]
    pub timelinejs: bool,
    /// The size in MiB past which the people and timeline exports are
    /// written in parts (see `data/index.json`); a fraction is allowed.
    #[serde(default = "default_export_part_mib")]
    pub export_part_mib: f64,
}

impl OutputConfig {
    /// [`OutputConfig::export_part_mib`] in bytes; a setting below a
    /// kilobyte (or not a number) is read as a kilobyte.
    pub fn part_budget(&self) -> usize {
        let bytes = self.export_part_mib * (1 << 20) as f64;
        match bytes.is_finite() {
            true => bytes.max(1024.0) as usize,
            false => 1024,
        }
    }
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            raw_texts: true,
            exports: true,
            timelinejs: true,
            export_part_mib: default_export_part_mib(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_export_part_mib() -> f64 {
    12.0
}

/// `[markdown]`: how editorial Markdown is rendered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in Markdown through unchanged. Off by default: raw HTML
    /// is shown as text so a page cannot inject scripts or break the layout.
    #[serde(default)]
    pub allow_html: bool,
}

/// `[timeline]`: how timeline entries are shown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineConfig {
    /// How many of an entry's citations are quoted in full (the sentence with
    /// the date marked) on the timeline and year pages and in the TimelineJS
    /// export. Every citation is still listed and linked; past this many, an
    /// entry that a date like "a year earlier" gathers from thousands of
    /// sources stays readable.
    #[serde(default = "default_quotes")]
    pub quotes: usize,
    /// The most entries a year page lists one by one; a busier year's page
    /// lists its months, and each month has a page of its own.
    #[serde(default = "default_year_page_limit")]
    pub year_page_limit: Count,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            quotes: default_quotes(),
            year_page_limit: default_year_page_limit(),
        }
    }
}

fn default_year_page_limit() -> Count {
    Count(250)
}

fn default_quotes() -> usize {
    5
}

impl Config {
    /// A configuration for a site with only a title; used when `site.toml` is missing.
    pub fn with_title(title: &str) -> Self {
        toml::from_str(&format!(
            "title = {}",
            toml::Value::String(title.to_string())
        ))
        .expect("a title-only config is valid")
    }

    /// The theme's fixed words in the site's language, with its `[strings]`.
    pub fn strings(&self) -> &std::sync::Arc<crate::i18n::Strings> {
        self.interface.get(&self.language, &self.strings)
    }

    /// The base URL with exactly one trailing slash, if one is set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_deref()
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .map(|url| format!("{}/", url.trim_end_matches('/')))
    }
}

/// Reads `site.toml` from `root`. A missing file gives a default config and a
/// warning; a malformed one an error naming the line.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    load_config_with_warnings(root).map(|(config, _)| config)
}

/// [`load_config`], with the warnings about settings that are used in part
/// (an interface language without a translation, unknown `[strings]`).
pub fn load_config_with_warnings(root: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
    let path = root.join("site.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Config::with_title("Backstory"), Vec::new()));
        }
        Err(error) => {
            return Err(Diagnostic::error(
                "site.toml",
                None,
                format!("cannot read the site configuration: {error}"),
            )
            .hint("check the file's permissions"))
        }
    };
    let mut config: Config = toml::from_str(&text).map_err(|error| {
        let keys = "site.toml takes: title, description, base_url, language, [people] not_people, sources_per_page, [markdown] allow_html, [timeline] quotes, year_page_limit, [feed] limit, [strings] (the theme's words, see \"Translations\" in docs/guide.md), [tags.SLUG] name, description";
        let line = toml_error_line(&text, &error, 1);
        match crate::explain::parser_message(error.message(), crate::frontmatter::nth_line(&text, line, 1)) {
            Some(explained) => Diagnostic::error("site.toml", line, explained.message).hint(explained.hint),
            None => Diagnostic::error("site.toml", line, error.message().to_string()).hint(keys),
        }
    })?;
    let line = |key: &str| key_line(&format!("\n{text}"), key).map(|line| line - 1);
    for (slug, tag) in config.tags.iter_mut() {
        tag.line = table_line(&text, &format!("tags.{slug}"));
    }
    check_language(&config.language).map_err(|problem| {
        Diagnostic::error("site.toml", line("language"), problem)
            .hint("write a language tag such as \"en\", \"pt-BR\" or \"zh-Hant-TW\"")
    })?;
    if let Some(url) = &config.base_url {
        check_base_url(url).map_err(|problem| {
            Diagnostic::error("site.toml", line("base_url"), problem).hint(
                "write the address the site is published at, such as \"https://example.org/explainer/\"",
            )
        })?;
    }
    let warnings = crate::i18n::overrides::problems(&config.language, &config.strings, &text);
    Ok((config, warnings))
}

/// The 1-based line of the table header `[name]` in `text`.
fn table_line(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim();
            let inner = line.strip_prefix('[').and_then(|l| l.strip_suffix(']'));
            inner.is_some_and(|inner| inner.replace([' ', '"'], "") == name)
        })
        .map(|index| index + 1)
}

/// A language must be a BCP 47 tag (`en`, `pt-BR`, `zh-Hant-TW`): subtags of
/// one to eight letters or digits joined by hyphens, the first of two to
/// eight letters. The tag names files of the search index, so nothing else
/// (a `/`, a `..`) may reach a path.
pub fn check_language(tag: &str) -> Result<(), String> {
    let mut subtags = tag.split('-');
    let first = subtags.next().unwrap_or_default();
    let first_ok = (2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = subtags.all(|subtag| {
        (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(format!("`{tag}` is not a language tag"))
    }
}

/// The site's address must be an `http://` or `https://` address or a path
/// from the root (`/explainer/`): links are built from it, and any other
/// scheme (`javascript:`, `data:`) could run code when a reader follows one.
/// Empty means no address.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = ["http://", "https://"]
        .iter()
        .any(|scheme| lower.len() > scheme.len() && lower.starts_with(scheme));
    let path = url.starts_with('/') && !url.starts_with("//");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if url.is_empty() || (web || path) && clean {
        Ok(())
    } else {
        Err(format!(
            "`{url}` is not a web address: the site's address starts with https://, http:// or /"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_default_and_must_be_one_or_more() {
        let config: Config = toml::from_str("title = \"t\"").unwrap();
        assert_eq!(config.people.sources_per_page, Count(50));
        assert_eq!(config.timeline.year_page_limit, Count(250));
        assert_eq!(config.feed.limit, Count(50));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"t\"\n\n[people]\nsources_per_page = 0\n",
        )
        .unwrap();
        let problem = load_config(dir.path()).unwrap_err();
        assert_eq!(problem.line, Some(4), "{problem}");
        assert!(problem.message.contains("1 or more"), "{problem}");
    }

    #[test]
    fn language_is_a_tag_and_base_url_a_web_address() {
        for tag in ["en", "pt-BR", "zh-Hant-TW", "de-CH-1996"] {
            assert_eq!(check_language(tag), Ok(()), "{tag}");
        }
        for tag in [
            "",
            "a/b",
            "../../x",
            "e",
            "en_US",
            "en-",
            "en--US",
            "x-toolongsubtag",
        ] {
            assert!(check_language(tag).is_err(), "{tag}");
        }
        for url in ["https://example.org/", "HTTP://a.b", "/explainer/", ""] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "//evil.example/",
            "data:text/html,x",
            "https://",
            "example.org",
            "https://a.b/\" onload",
        ] {
            assert!(check_base_url(url).is_err(), "{url}");
        }
    }
}
