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

/// Rewrites the `href` attributes of `html` as described in the module
/// header. Bytes in and out, as tera writes a page and as it is written to
/// disk: every byte looked at or replaced is ASCII, so the UTF-8 of the
/// rest passes through untouched and needs no check.
pub fn link_index_files(html: &[u8]) -> Vec<u8> {
    // Every page goes through here: the attributes and the quotes that end
    // them are found with the `memchr` searchers, many bytes at a time.
    static ATTRIBUTE: LazyLock<Finder> = LazyLock::new(|| Finder::new("href=\""));
    let mut out = Vec::with_capacity(html.len() + html.len() / 16);
    // Searching on from the end of the value last rewritten: a value that
    // holds `href="` starts no other one.
    let mut copied = 0;
    while let Some(found) = ATTRIBUTE.find(&html[copied..]) {
        let start = copied + found + b"href=\"".len();
        let Some(length) = memchr::memchr(b'"', &html[start..]) else {
            break;
        };
        out.extend_from_slice(&html[copied..start]);
        push_index_file(&mut out, &html[start..start + length]);
        copied = start + length;
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// Appends one link's new form (see the module header) to `out`.
fn push_index_file(out: &mut Vec<u8>, href: &[u8]) {
    let split = memchr::memchr2(b'?', b'#', href).unwrap_or(href.len());
    let (path, tail) = href.split_at(split);
    let absolute = path.starts_with(b"/")
        || path
            .split(|&byte| byte == b'/')
            .next()
            .is_some_and(|first| first.contains(&b':'));
    let folder = path.is_empty() || path.ends_with(b"/");
    let dots = path == b"." || path == b".." || path.ends_with(b"/..") || path.ends_with(b"/.");
    if absolute || (path.is_empty() && !tail.is_empty()) || !(folder || dots) {
        out.extend_from_slice(href);
        return;
    }
    out.extend_from_slice(path);
    out.extend_from_slice(if dots { b"/index.html" } else { b"index.html" });
    out.extend_from_slice(tail);
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
            let mut out = Vec::new();
            push_index_file(&mut out, href.as_bytes());
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{href}");
        }
    }

    #[test]
    fn rewrites_every_href_and_nothing_else() {
        let rewritten = |html: &str| String::from_utf8(link_index_files(html.as_bytes())).unwrap();
        let html =
            "<a href=\"../x/\">x/</a> <p>href=</p><link href=\"a.css\"><a href=\"\">home</a>";
        assert_eq!(
            rewritten(html),
            "<a href=\"../x/index.html\">x/</a> <p>href=</p><link href=\"a.css\"><a href=\"index.html\">home</a>"
        );
        // A value ending in `href=` does not start another one.
        assert_eq!(
            rewritten("<a href=\"?href=\">x/\" <a href=\"y/\">"),
            "<a href=\"?href=\">x/\" <a href=\"y/index.html\">"
        );
        // Text that is not ASCII passes through whole.
        assert_eq!(
            rewritten("<a href=\"é/\">ü</a>"),
            "<a href=\"é/index.html\">ü</a>"
        );
    }
}
