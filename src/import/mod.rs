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
