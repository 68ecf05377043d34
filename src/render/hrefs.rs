//! The link policy: a rendered page in, the same page with every relative
//! link to a folder pointing at that folder's `index.html`.
//!
//! Pages link to each other relatively (`../people/ana-lima/`), so the site
//! works at any path. A browser opening the site from disk (`file://`) shows
//! a folder listing for such a link instead of its `index.html`; writing the
//! file name out (`../people/ana-lima/index.html`) works on disk, on any host
//! and under any sub-path. Canonical URLs, the sitemap and the feeds keep the
//! short form. Absolute links (`https:`, `mailto:`, `/x`) and pure fragments
//! (`#p3`) are left alone.

use memchr::memmem::Finder;
use std::sync::LazyLock;

/// Rewrites the `href` attributes of `html` as described in the module header.
pub fn link_index_files(html: &str) -> String {
    // Every page goes through here: the attributes and the quotes that end
    // them are found with the `memchr` searchers, many bytes at a time.
    static ATTRIBUTE: LazyLock<Finder> = LazyLock::new(|| Finder::new("href=\""));
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    // Searching on from the end of the value last rewritten: a value that
    // holds `href="` starts no other one.
    let mut copied = 0;
    while let Some(found) = ATTRIBUTE.find(&bytes[copied..]) {
        let start = copied + found + "href=\"".len();
        let Some(length) = memchr::memchr(b'"', &bytes[start..]) else {
            break;
        };
        out.push_str(&html[copied..start]);
        push_index_file(&mut out, &html[start..start + length]);
        copied = start + length;
    }
    out.push_str(&html[copied..]);
    out
}

/// Appends one link's new form (see the module header) to `out`.
fn push_index_file(out: &mut String, href: &str) {
    let split = memchr::memchr2(b'?', b'#', href.as_bytes()).unwrap_or(href.len());
    let (path, tail) = href.split_at(split);
    let absolute = path.starts_with('/')
        || path
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
    let folder = path.is_empty() || path.ends_with('/');
    let dots = path == "." || path == ".." || path.ends_with("/..") || path.ends_with("/.");
    if absolute || (path.is_empty() && !tail.is_empty()) || !(folder || dots) {
        out.push_str(href);
        return;
    }
    out.push_str(path);
    out.push_str(if dots { "/index.html" } else { "index.html" });
    out.push_str(tail);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_links_get_their_index_file() {
        let cases = [
            ("../people/ana/", "../people/ana/index.html"),
            ("", "index.html"),
            ("../../", "../../index.html"),
            ("timeline/#e-2003-03", "timeline/index.html#e-2003-03"),
            ("search/?q=x", "search/index.html?q=x"),
            ("..", "../index.html"),
            ("#p3", "#p3"),
            ("https://example.org/a/", "https://example.org/a/"),
            ("mailto:a@example.org", "mailto:a@example.org"),
            ("/people/ana/", "/people/ana/"),
            ("//cdn.example/x/", "//cdn.example/x/"),
            ("assets/style.css", "assets/style.css"),
            ("sources/a/a.txt", "sources/a/a.txt"),
        ];
        for (href, expected) in cases {
            let mut out = String::new();
            push_index_file(&mut out, href);
            assert_eq!(out, expected, "{href}");
        }
    }

    #[test]
    fn rewrites_every_href_and_nothing_else() {
        let html =
            "<a href=\"../x/\">x/</a> <p>href=</p><link href=\"a.css\"><a href=\"\">home</a>";
        assert_eq!(
            link_index_files(html),
            "<a href=\"../x/index.html\">x/</a> <p>href=</p><link href=\"a.css\"><a href=\"index.html\">home</a>"
        );
        // A value ending in `href=` does not start another one.
        assert_eq!(
            link_index_files("<a href=\"?href=\">x/\" <a href=\"y/\">"),
            "<a href=\"?href=\">x/\" <a href=\"y/index.html\">"
        );
    }
}
