//! Fetching a page: a web address in, the page's bytes, its declared content
//! type and the address it was finally served from out, or a refusal that
//! says what went wrong in an editor's words.
//!
//! One blocking request with a timeout for the whole exchange, redirects
//! followed (up to [`MAX_REDIRECTS`]), gzip and brotli accepted, and a size
//! limit on the decoded body, so an endless or huge answer stops early.

use crate::diag::Diagnostic;
use std::time::Duration;

/// Redirects followed before giving up: more is a loop or a trap.
pub const MAX_REDIRECTS: u32 = 10;

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For the whole exchange, from connecting to the last byte.
    pub timeout: Duration,
    /// Largest decoded body accepted.
    pub max_bytes: u64,
}

impl Default for Limits {
    /// Thirty seconds and the build's limit on a source text: a news page
    /// with its inline scripts is rarely over 2 MB.
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_bytes: crate::load::MAX_TEXT_BYTES,
        }
    }
}

/// A page as the server sent it.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The body, decompressed, as bytes: the charset is read later.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, which may name the charset.
    pub content_type: Option<String>,
    /// The address after redirects.
    pub final_url: String,
}

/// Says who is asking, so a site's operator can tell the request apart.
const USER_AGENT: &str = concat!(
    "Backstory/",
    env!("CARGO_PKG_VERSION"),
    " (static site generator; fetches one page an editor asked for)"
);

/// Fetches `url` (already checked to be http or https) within `limits`.
pub fn fetch(url: &str, limits: Limits) -> Result<Fetched, Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(USER_AGENT)
        .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|error| failed(url, &error, limits))?;
    let status = response.status().as_u16();
    if status >= 400 {
        return Err(status_refusal(url, status));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    let final_url = {
        use ureq::ResponseExt;
        response.get_uri().to_string()
    };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|error| failed(url, &error, limits))?;
    Ok(Fetched {
        bytes,
        content_type,
        final_url,
    })
}

/// The refusal for an answer that is an HTTP error.
fn status_refusal(url: &str, status: u16) -> Diagnostic {
    let (message, hint) = match status {
        401 | 403 => (
            format!("the site refused the page (HTTP {status}): it may need a login or block automatic requests"),
            "open the page in your browser, save it (File > Save Page As) and run `backstory new source FILE.html`",
        ),
        404 | 410 => (
            format!("the page was not found (HTTP {status})"),
            "check the address; if the article moved, search the site for its headline",
        ),
        429 => (
            "the site asks to slow down (HTTP 429)".to_string(),
            "wait a few minutes and try again, or save the page from your browser",
        ),
        _ if status >= 500 => (
            format!("the site had an error (HTTP {status})"),
            "try again later, or save the page from your browser",
        ),
        _ => (
            format!("the site answered HTTP {status}"),
            "save the page from your browser and run `backstory new source FILE.html`",
        ),
    };
    Diagnostic::error(url, None, message).hint(hint)
}

/// The refusal for a fetch that did not complete.
fn failed(url: &str, error: &ureq::Error, limits: Limits) -> Diagnostic {
    let (message, hint) = match error {
        ureq::Error::Timeout(_) => (
            format!(
                "the site did not answer within {} seconds",
                limits.timeout.as_secs_f32()
            ),
            "try again later, or save the page from your browser".to_string(),
        ),
        ureq::Error::BodyExceedsLimit(_) => (
            format!(
                "the page is larger than {} MB, too large for a source",
                limits.max_bytes / 1_000_000
            ),
            "save the article's text from your browser and add that file instead".to_string(),
        ),
        ureq::Error::HostNotFound => (
            "no site answers at this address (the name was not found)".to_string(),
            "check the address for typing mistakes, and that you are online".to_string(),
        ),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => (
            "the site keeps sending the request elsewhere".to_string(),
            "open the page in your browser, save it and add the saved file".to_string(),
        ),
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => (
            format!("could not reach the site: {error}"),
            "check that you are online and the address is right, then try again".to_string(),
        ),
        _ => (
            format!("could not fetch the page: {error}"),
            "save the page from your browser and add the saved file".to_string(),
        ),
    };
    Diagnostic::error(url, None, message).hint(hint)
}
