//! What static hosts need from a built site: the site's settings and the
//! sizes of the files a build made in, warnings out.
//!
//! A build can succeed and still make a site that a host turns away or
//! serves half-broken. Two things are known before uploading:
//! - the sitemap, the Atom feed and `robots.txt` must give absolute
//!   addresses, which only `base_url` can supply;
//! - hosts limit the number of files and the size of each
//!   ([`LIMITS`]), and a large site passes them without anyone noticing.

use crate::config::Config;
use crate::diag::Diagnostic;
use std::path::Path;

/// One host's published limits, as their documentation gave them in 2026.
pub struct HostLimits {
    pub host: &'static str,
    /// The most files one deployment may hold.
    pub files: Option<u64>,
    /// The largest single file, in bytes.
    pub file_bytes: Option<u64>,
    /// The largest whole site, in bytes.
    pub site_bytes: Option<u64>,
}

const MIB: u64 = 1024 * 1024;

/// The limits the deploy guide (docs/deploy.md) lists. Netlify and a plain
/// server have none a site of text reaches.
pub const LIMITS: [HostLimits; 2] = [
    HostLimits {
        host: "Cloudflare Pages",
        files: Some(20_000),
        file_bytes: Some(25 * MIB),
        site_bytes: None,
    },
    HostLimits {
        host: "GitHub Pages",
        files: None,
        file_bytes: None,
        site_bytes: Some(1024 * MIB),
    },
];

/// A warning when the site has no web address to make absolute links from.
/// `given` is a `--base-url` from the command line, which wins over site.toml.
pub fn missing_address(config: &Config, given: Option<&str>) -> Option<Diagnostic> {
    let address = given
        .map(str::to_string)
        .or_else(|| config.base_url())
        .unwrap_or_default();
    let lower = address.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return None;
    }
    let message = if address.is_empty() {
        "the site has no base_url, so sitemap.xml, atom.xml and robots.txt cannot give full addresses".to_string()
    } else {
        format!("base_url `{address}` is a path, so sitemap.xml, atom.xml and robots.txt cannot give full addresses")
    };
    Some(Diagnostic::warning("site.toml", None, message).hint(
        "search engines and feed readers need them: set base_url to the address the site is published at, \
         such as base_url = \"https://example.org/explainer/\" (or pass --base-url to build)",
    ))
}

/// The path (with `/` between folders) and size of every file under `dir`.
pub fn file_sizes(dir: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let size = entry.metadata().ok()?.len();
            let path = entry.path().strip_prefix(dir).ok()?;
            let parts: Vec<_> = path.iter().map(|part| part.to_string_lossy()).collect();
            Some((parts.join("/"), size))
        })
        .collect();
    files.sort();
    files
}

/// A warning for each limit of [`LIMITS`] the files pass, naming the files
/// that are too large (at most a few, the largest first).
pub fn over_limits(files: &[(String, u64)]) -> Vec<Diagnostic> {
    LIMITS
        .iter()
        .flat_map(|limits| host_problems(limits, files))
        .collect()
}

/// How many large files a warning names before it only counts them.
const NAMED: usize = 3;

fn host_problems(limits: &HostLimits, files: &[(String, u64)]) -> Vec<Diagnostic> {
    let host = limits.host;
    let mut found = Vec::new();
    if let Some(most) = limits.files.filter(|&most| files.len() as u64 > most) {
        found.push(Diagnostic::warning(
            "site.toml",
            None,
            format!(
                "the built site has {} files; {host} takes at most {}",
                thousands(files.len() as u64),
                thousands(most)
            ),
        ).hint("publish it somewhere without this limit (docs/deploy.md compares hosts), or split the explainer in two"));
    }
    if let Some(most) = limits.file_bytes {
        let mut large: Vec<&(String, u64)> =
            files.iter().filter(|(_, size)| *size > most).collect();
        large.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (path, size) in large.iter().take(NAMED) {
            found.push(
                Diagnostic::warning(
                    path,
                    None,
                    format!(
                        "this built file is {}; {host} refuses files over {}",
                        megabytes(*size),
                        megabytes(most)
                    ),
                )
                .hint(
                    "publish the site on a host without this limit (docs/deploy.md compares hosts)",
                ),
            );
        }
        if large.len() > NAMED {
            found.push(Diagnostic::warning(
                "site.toml",
                None,
                format!(
                    "{} more built files are over {host}'s limit of {}",
                    large.len() - NAMED,
                    megabytes(most)
                ),
            ));
        }
    }
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    if let Some(most) = limits.site_bytes.filter(|&most| total > most) {
        found.push(
            Diagnostic::warning(
                "site.toml",
                None,
                format!(
                    "the built site is {}; {host} publishes sites up to {}",
                    megabytes(total),
                    megabytes(most)
                ),
            )
            .hint("publish it on a host without this limit (docs/deploy.md compares hosts)"),
        );
    }
    found
}

/// `1234567` as "1,234,567".
fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A size in MiB with one decimal, as hosts state their limits.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + MIB / 2) / MIB;
    if tenths.is_multiple_of(10) {
        format!("{} MiB", tenths / 10)
    } else {
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn only_a_full_web_address_needs_no_warning() {
        let none = config("title = \"t\"");
        let path = config("title = \"t\"\nbase_url = \"/explainer/\"");
        let full = config("title = \"t\"\nbase_url = \"https://example.org/x/\"");
        assert!(missing_address(&none, None)
            .unwrap()
            .message
            .contains("no base_url"));
        assert!(missing_address(&path, None)
            .unwrap()
            .message
            .contains("is a path"));
        assert!(missing_address(&full, None).is_none());
        assert!(missing_address(&none, Some("https://example.org/")).is_none());
        let hint = missing_address(&none, None).unwrap().hint.unwrap();
        assert!(hint.contains("base_url = \"https://"), "{hint}");
    }

    #[test]
    fn files_over_a_hosts_limits_are_named_largest_first() {
        let mut files: Vec<(String, u64)> =
            (0..20_001).map(|n| (format!("p/{n}.html"), 10)).collect();
        files.push(("data/a.json".into(), 30 * MIB));
        files.push(("data/b.json".into(), 150 * MIB));
        let found = over_limits(&files);
        let messages: Vec<String> = found
            .iter()
            .map(|d| format!("{}: {}", d.file.display(), d.message))
            .collect();
        assert_eq!(
            messages,
            [
                "site.toml: the built site has 20,003 files; Cloudflare Pages takes at most 20,000",
                "data/b.json: this built file is 150 MiB; Cloudflare Pages refuses files over 25 MiB",
                "data/a.json: this built file is 30 MiB; Cloudflare Pages refuses files over 25 MiB",
            ]
        );
        assert!(over_limits(&files[..100]).is_empty());
    }

    #[test]
    fn a_site_over_a_gigabyte_is_too_large_for_github_pages() {
        let files: Vec<(String, u64)> = (0..50).map(|n| (format!("{n}.bin"), 24 * MIB)).collect();
        let found = over_limits(&files);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the built site is 1200 MiB; GitHub Pages publishes sites up to 1024 MiB"
        );
    }

    #[test]
    fn sizes_read_as_hosts_state_them() {
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(megabytes(25 * MIB), "25 MiB");
        assert_eq!(megabytes(MIB + MIB / 2), "1.5 MiB");
    }

    #[test]
    fn every_file_under_a_folder_is_listed_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/page.html"), "12345").unwrap();
        std::fs::write(dir.path().join("robots.txt"), "1").unwrap();
        assert_eq!(
            file_sizes(dir.path()),
            [
                ("a/b/page.html".to_string(), 5),
                ("robots.txt".to_string(), 1)
            ]
        );
    }
}
