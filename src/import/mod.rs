//! Importing a web page as a source: an address or a saved page in; the
//! article's text, the metadata the page declares and the original bytes
//! out, or a refusal that says why the page is not an article.
//!
//! The stages: [`fetch`] (for an address) → [`decode`] (the charset) →
//! parse (html5ever, through `dom_query`) → [`meta`] (what the page says
//! about itself) and [`body`] (which block is the article). Nothing here
//! writes files; `crate::new` does.

pub mod body;
pub mod decode;
pub mod fetch;
pub mod meta;

use crate::diag::Diagnostic;
pub use meta::PageMeta;

/// A page read as a source.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The article's text, one paragraph a block, headline first.
    pub text: String,
    pub meta: PageMeta,
    /// The address the page was fetched from (after redirects) or, for a
    /// saved page, the address it says it came from.
    pub address: Option<String>,
    /// The charset the page was read with.
    pub charset: &'static str,
}

/// Deepest nesting of elements read. Real pages stay under a hundred
/// levels; the article scoring costs time in proportion to the depth for
/// every element, so a crafted page thousands of levels deep would take
/// minutes.
const MAX_DEPTH: usize = 400;

/// Open tags counted in the raw page before parsing. The parser itself
/// slows with depth (each new element looks through the open ones), so a
/// page crafted thousands of levels deep is refused before it is parsed.
/// Tags that close themselves implicitly (`<p>`, `<li>`, `<td>`…) are not
/// counted, so sloppy but real pages stay far below the bound.
const MAX_RAW_DEPTH: usize = 3000;

/// Whether the open tags of `html`, less its end tags, ever number more than `limit`.
fn open_tags_deeper_than(html: &str, limit: usize) -> bool {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "dd", "dt", "embed", "hr", "img", "input", "li", "link",
        "meta", "option", "p", "param", "source", "td", "th", "tr", "track", "wbr",
    ];
    let mut depth = 0usize;
    for tag in html.split('<').skip(1) {
        if let Some(_closing) = tag.strip_prefix('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if name.is_empty() || self_closing || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        if depth > limit {
            return true;
        }
    }
    false
}

/// Whether any element of `doc` lies more than `limit` levels deep.
fn nested_deeper_than(doc: &dom_query::Document, limit: usize) -> bool {
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        let mut child = node.first_child();
        while let Some(next) = child {
            stack.push((next, depth + 1));
            child = next.next_sibling();
        }
    }
    false
}

/// Fewest words an article has; less is a teaser, a login wall or an error page.
const MIN_ARTICLE_WORDS: usize = 60;

/// Reads the page in `bytes`. `shown` names it in messages (its address or
/// file); `content_type` is the HTTP header, if the page was fetched;
/// `fetched_from` the address it was fetched from.
pub fn read_page(
    bytes: &[u8],
    content_type: Option<&str>,
    shown: &str,
    fetched_from: Option<&str>,
) -> Result<Imported, Diagnostic> {
    if let Some(kind) = content_type.filter(|t| !is_html_type(t)) {
        return Err(Diagnostic::error(shown, None, format!("this is not a web page but `{kind}`"))
            .hint("give the address of the article's page, or save the document's text and add that file"));
    }
    let (html, charset) = decode::decode(bytes, content_type);
    if open_tags_deeper_than(&html, MAX_RAW_DEPTH) || {
        let doc = dom_query::Document::from(html.as_str());
        nested_deeper_than(&doc, MAX_DEPTH)
    } {
        return Err(Diagnostic::error(shown, None, format!("the page's elements are nested more than {MAX_DEPTH} deep, which no article page is"))
            .hint("open the page in your browser, select the article's text, paste it into a file and run `backstory new source FILE.txt`"));
    }
    let doc = dom_query::Document::from(html.as_str());
    let meta = meta::read_meta(&doc);
    let page = PageStats {
        scripts: doc.select("script").length(),
        password: doc.select("input[type='password']").exists(),
        words: body::word_count(&visible_text(&doc)),
    };
    let text = check_article(page, body::extract(doc, &meta.authors), shown)?;
    let address = fetched_from
        .map(str::to_string)
        .or_else(|| meta.canonical.clone())
        .or_else(|| saved_from(&html));
    let text = match &meta.title {
        Some(title) if !text.starts_with(title.as_str()) => format!("{title}\n\n{text}"),
        _ => text,
    };
    Ok(Imported {
        text,
        meta,
        address,
        charset: charset.name(),
    })
}

fn is_html_type(content_type: &str) -> bool {
    let kind = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    kind.is_empty()
        || kind == "text/html"
        || kind == "application/xhtml+xml"
        || kind == "text/plain"
}

/// What the page holds besides its article, for telling why it has none.
struct PageStats {
    scripts: usize,
    password: bool,
    /// Words of text outside scripts and styles.
    words: usize,
}

/// The article's text, or the refusal that says why the page has none: a
/// page that is mostly script, a login wall, or a page of links (a front
/// page or a section's index).
fn check_article(
    page: PageStats,
    body: Option<body::Body>,
    shown: &str,
) -> Result<String, Diagnostic> {
    let article_words = body.as_ref().map_or(0, |b| body::word_count(&b.text));
    if page.words < MIN_ARTICLE_WORDS && page.scripts > 0 {
        return Err(Diagnostic::error(shown, None, "the page is mostly script and has almost no text of its own: a browser builds the article when it runs the scripts")
            .hint("open the page in your browser, select the article's text, paste it into a file and run `backstory new source FILE.txt`"));
    }
    if page.password && article_words < MIN_ARTICLE_WORDS {
        return Err(Diagnostic::error(shown, None, "the page asks to log in; the article is not on it")
            .hint("log in with your browser, save the page (File > Save Page As) and run `backstory new source FILE.html`"));
    }
    match body {
        Some(body) if article_words >= MIN_ARTICLE_WORDS && body.link_share < 0.5 => Ok(body.text),
        _ => Err(Diagnostic::error(
            shown,
            None,
            "no article found on this page: it looks like a front page or a list of links",
        )
        .hint("open the article itself and use its address")),
    }
}

/// The page's text without scripts and styles.
fn visible_text(doc: &dom_query::Document) -> String {
    let body = doc.select("body");
    body.select("script, style, noscript, template").remove();
    body.text().to_string()
}

/// The address in the comment browsers put at the top of a saved page:
/// `<!-- saved from url=(0042)https://… -->`.
fn saved_from(html: &str) -> Option<String> {
    let start = html.find("saved from url=")?;
    let rest = &html[start + "saved from url=".len()..];
    let rest = rest
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map_or(rest, |(_, r)| r);
    let address: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    let address = address.trim_end_matches("-->").to_string();
    crate::load::is_web_address(&address).then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_page_names_its_address_in_a_comment() {
        let html = "<!-- saved from url=(0031)https://news.example/a-b-c -->\n<html>";
        assert_eq!(
            saved_from(html).as_deref(),
            Some("https://news.example/a-b-c")
        );
        assert_eq!(
            saved_from("<!-- saved from url=(0014)about:internet -->"),
            None
        );
    }

    #[test]
    fn crafted_nesting_is_refused_before_parsing() {
        let deep = format!("{}<p>text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let error = read_page(deep.as_bytes(), None, "deep.html", None).unwrap_err();
        assert!(error.message.contains("nested more than"), "{error}");
        // Unclosed paragraphs and list items do not count as nesting.
        let sloppy = "<ul>".to_string() + &"<li><p>item".repeat(5000) + "</ul>";
        assert!(!open_tags_deeper_than(&sloppy, MAX_RAW_DEPTH));
    }
}
