//! A redirect page: an old address and its new one in, a small HTML page
//! out that sends browsers on at once (`<meta http-equiv="refresh">`), tells
//! search engines where the page lives now (`rel=canonical`, `noindex`) and
//! shows a link for anyone whose browser does not follow.

use super::Address;
use crate::render::escape_html;

/// The page written at `from`, sending readers to `to`. Links are relative
/// (the site works from any folder and from the file system); the canonical
/// address is absolute when the site's `base_url` is.
pub fn page(from: &Address, to: &Address, base_url: Option<&str>, language: &str) -> String {
    let href = escape_html(&relative(from, to));
    let canonical = match base_url.filter(|url| url.starts_with("http")) {
        Some(base) => escape_html(&format!("{}{}", base.trim_end_matches('/'), to.as_str())),
        None => href.clone(),
    };
    let language = escape_html(language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>This page has moved</title>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n\
         <main>\n<h1>This page has moved</h1>\n\
         <p>It is now at <a href=\"{href}\">{}</a>.</p>\n</main>\n</body>\n</html>\n",
        escape_html(to.as_str())
    )
}

/// `to` as a link from the page at `from` (`/people/a/` to `/people/b/` is `../b/`).
fn relative(from: &Address, to: &Address) -> String {
    let up = "../".repeat(from.segments().len());
    let down = &to.as_str()[1..];
    match (up.as_str(), down) {
        ("", "") => "./".to_string(),
        _ => format!("{up}{down}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Address {
        Address::parse(text).unwrap()
    }

    #[test]
    fn links_are_relative_to_the_old_address() {
        assert_eq!(
            relative(&at("/people/a/"), &at("/people/b/")),
            "../../people/b/"
        );
        assert_eq!(relative(&at("/a/"), &at("/")), "../");
        assert_eq!(relative(&at("/"), &at("/b/")), "b/");
    }

    #[test]
    fn the_page_refreshes_names_its_canonical_and_is_not_indexed() {
        let html = page(
            &at("/old/"),
            &at("/new/"),
            Some("https://example.org/x/"),
            "en",
        );
        assert!(html.contains(r#"<meta http-equiv="refresh" content="0; url=../new/">"#));
        assert!(html.contains(r#"<link rel="canonical" href="https://example.org/x/new/">"#));
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(html.contains(r#"<a href="../new/">/new/</a>"#));
    }
}
