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

/// Rewrites the `href` attributes of `html` as described in the module header.
pub fn link_index_files(html: &str) -> String {
    const ATTRIBUTE: &str = "href=\"";
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let value_start = at + ATTRIBUTE.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let Some(end) = rest.find('"') else { break };
        out.push_str(&index_file(&rest[..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One link's new form (see the module header).
fn index_file(href: &str) -> std::borrow::Cow<'_, str> {
    let split = href.find(['?', '#']).unwrap_or(href.len());
    let (path, tail) = href.split_at(split);
    let absolute = path.starts_with('/')
        || path
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
    if absolute || (path.is_empty() && !tail.is_empty()) {
        return href.into();
    }
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html{tail}").into()
    } else if path == "." || path == ".." || path.ends_with("/..") || path.ends_with("/.") {
        format!("{path}/index.html{tail}").into()
    } else {
        href.into()
    }
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
            assert_eq!(index_file(href), expected, "{href}");
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
    }
}
