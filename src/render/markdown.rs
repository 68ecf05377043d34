//! Editorial Markdown to HTML.
//!
//! Passes, in order, over pulldown-cmark's event stream:
//! 1. parse with tables, footnotes, strikethrough, smart punctuation and heading attributes;
//! 2. give every heading a unique `id` (from its text unless the author set one);
//! 3. highlight fenced code with syntect, as CSS classes (no inline styles);
//! 4. escape raw HTML unless the site allows it;
//! 5. resolve hand-written cross-references (`[Maliki](@person/nouri-al-maliki)`,
//!    `[@2020-01-05]`) to relative URLs, with the target's name as the text of a bare one;
//! 6. link people's names and dates in plain text (not in links, headings or code).
//!
//! [`reference_problems`] runs the same parse to report cross-references
//! that point nowhere, with their file and line.

use super::escape_html;
use super::links::LinkContext;
use crate::diag::Diagnostic;
use crate::reference::{is_cross_reference, links_in, parser};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

/// syntect's default syntaxes, loaded from their precompiled dump.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Syntaxes Backstory bundles (TOML). Kept in a set of their own: merging
/// them into the default set would recompile every syntax, which costs a second.
static EXTRA_SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(|| {
    let mut builder = syntect::parsing::SyntaxSetBuilder::new();
    for (name, text) in [("TOML", include_str!("syntaxes/TOML.sublime-syntax"))] {
        match SyntaxDefinition::load_from_str(text, true, Some(name)) {
            Ok(definition) => builder.add(definition),
            Err(error) => debug_assert!(false, "bundled syntax {name} is invalid: {error}"),
        }
    }
    builder.build()
});

/// The class style shared by highlighted code and the generated stylesheet.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Every cross-reference in `markdown` that points nowhere, as an error naming
/// `file` and the line; `first_line` is the file line the Markdown starts on.
pub fn reference_problems(
    file: &Path,
    markdown: &str,
    first_line: usize,
    links: &LinkContext,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (dest_url, offset) in links_in(markdown) {
        if !is_cross_reference(&dest_url) {
            continue;
        }
        if let Err(unresolved) = links.resolve_reference(&dest_url) {
            // A file that could not be loaded has its own error already.
            if links.names_unreadable(&dest_url) {
                continue;
            }
            let line = first_line + markdown[..offset].matches('\n').count();
            problems.push(
                Diagnostic::error(file, Some(line), unresolved.message).hint(unresolved.hint),
            );
        }
    }
    problems
}

/// How a link that was opened is closed in the output.
enum LinkEnd {
    /// An ordinary Markdown link: pulldown-cmark closes it.
    Markdown,
    /// A resolved cross-reference, written as HTML.
    Html,
    /// A cross-reference that points nowhere: its text is kept, unlinked
    /// (the build fails with the problem from [`reference_problems`]).
    Dropped,
}

/// Renders `markdown` to HTML. `links` decides how names and dates become
/// links and where cross-references point.
pub fn render_markdown(markdown: &str, allow_html: bool, links: &LinkContext) -> String {
    let events: Vec<Event> = parser(markdown).collect();
    // Page templates own the `h1`: a text that uses `#` headings is moved one
    // level down; one that starts at `##` already fits.
    let shift = events.iter().any(is_h1);
    let demote = |level: HeadingLevel| if shift { demote(level) } else { level };
    let mut output: Vec<Event> = Vec::with_capacity(events.len());
    let mut used_ids: HashSet<String> = HashSet::new();
    // A person's own page never links to itself: their name counts as linked.
    let mut linked_people: HashSet<usize> = links.subject.into_iter().collect();
    let mut open_links: Vec<LinkEnd> = Vec::new();
    let mut no_link_depth = 0usize;
    let mut code: Option<(String, String)> = None; // (language, text)
    let mut index = 0;
    while index < events.len() {
        let event = events[index].clone();
        index += 1;
        if code.is_some() {
            output.extend(take_code(&mut code, event));
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let unique = heading_id(&events[index..], id, &mut used_ids);
                no_link_depth += 1;
                output.push(Event::Start(Tag::Heading {
                    level: demote(level),
                    id: Some(CowStr::from(unique)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                output.push(Event::End(TagEnd::Heading(demote(level))));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                code = Some((code_language(kind), String::new()));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) if is_cross_reference(&dest_url) => {
                no_link_depth += 1;
                let reference = Opened {
                    destination: &dest_url,
                    title: &title,
                    inner: &events[index..],
                };
                let (end, skipped) =
                    open_reference(reference, links, &mut output, &mut linked_people);
                index += skipped;
                open_links.push(end);
            }
            Event::Start(tag @ Tag::Link { .. }) => {
                no_link_depth += 1;
                open_links.push(LinkEnd::Markdown);
                output.push(Event::Start(if allow_html {
                    tag
                } else {
                    without_script_url(tag)
                }));
            }
            Event::End(TagEnd::Link) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                output.extend(close_link(open_links.pop()));
            }
            Event::Start(tag @ Tag::Image { .. }) => {
                let (alt, used) = image_alt(&events[index..]);
                index += used;
                let tag = if allow_html {
                    tag
                } else {
                    without_script_url(tag)
                };
                output.push(Event::Html(CowStr::from(body_image(&tag, &alt))));
            }
            Event::Html(html) | Event::InlineHtml(html) if !allow_html => {
                output.push(Event::Html(CowStr::from(escape_html(&html))));
            }
            Event::Text(text) if no_link_depth == 0 => {
                output.push(Event::Html(CowStr::from(
                    links.link_text(&text, &mut linked_people),
                )));
            }
            other => output.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, output.into_iter());
    html
}

/// Adds `event` to the code block being read (language, text); at its
/// end, the block highlighted.
fn take_code(code: &mut Option<(String, String)>, event: Event) -> Option<Event<'static>> {
    match event {
        Event::Text(t) => {
            if let Some((_, text)) = code.as_mut() {
                text.push_str(&t);
            }
            None
        }
        Event::End(TagEnd::CodeBlock) => {
            let (language, text) = code.take().unwrap_or_default();
            Some(Event::Html(CowStr::from(highlight(&language, &text))))
        }
        _ => None,
    }
}

/// What closes a link opened as `end` (nothing for a dropped reference).
fn close_link(end: Option<LinkEnd>) -> Option<Event<'static>> {
    match end {
        Some(LinkEnd::Html) => Some(Event::InlineHtml(CowStr::from("</a>"))),
        Some(LinkEnd::Dropped) => None,
        Some(LinkEnd::Markdown) | None => Some(Event::End(TagEnd::Link)),
    }
}

/// True for the start of an `h1` heading.
fn is_h1(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })
    )
}

/// The language a code block names (`rust` of "```rust,ignore"), or "".
fn code_language(kind: CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info.split([' ', ',']).next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

/// The unique `id` of a heading whose events follow `after`: the one the
/// author set, else its text as a slug, with `-2`, `-3` … for repeats.
fn heading_id(after: &[Event], id: Option<CowStr>, used_ids: &mut HashSet<String>) -> String {
    // Collect the heading's text to derive its id.
    let mut text = String::new();
    let mut depth = 0;
    for next in after {
        match next {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    let wanted = id
        .map(|i| i.to_string())
        .unwrap_or_else(|| crate::slug::slugify(&text));
    let wanted = if wanted.is_empty() {
        "section".to_string()
    } else {
        wanted
    };
    let mut unique = wanted.clone();
    let mut counter = 2;
    while !used_ids.insert(unique.clone()) {
        unique = format!("{wanted}-{counter}");
        counter += 1;
    }
    unique
}

/// A cross-reference link just opened: where it points, its title and the
/// events after its start.
struct Opened<'e, 'a> {
    destination: &'e str,
    title: &'e str,
    inner: &'e [Event<'a>],
}

/// Writes the opening of a cross-reference link to `output`, with the
/// target's name as its text when the editor wrote only the reference.
/// Returns how the link is closed and how many of its events were replaced.
fn open_reference(
    reference: Opened,
    links: &LinkContext,
    output: &mut Vec<Event>,
    linked_people: &mut HashSet<usize>,
) -> (LinkEnd, usize) {
    let Opened {
        destination,
        title,
        inner: events,
    } = reference;
    let Ok(target) = links.resolve_reference(destination) else {
        return (LinkEnd::Dropped, 0);
    };
    linked_people.extend(target.person);
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape_html(title))
    };
    output.push(Event::InlineHtml(CowStr::from(format!(
        "<a class=\"{}\" href=\"{}{}\"{title}>",
        target.class.name(),
        escape_html(links.root),
        escape_html(&target.url)
    ))));
    // A bare reference (`[@2020-01-05]`) reads as the target's name.
    let inner = events
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Link)))
        .unwrap_or(0);
    let mut written = String::new();
    let plain = events[..inner].iter().all(|e| match e {
        Event::Text(t) => {
            written.push_str(t);
            true
        }
        _ => false,
    });
    if plain && inner > 0 && written == destination {
        output.push(Event::Text(CowStr::from(target.label)));
        return (LinkEnd::Html, inner);
    }
    (LinkEnd::Html, 0)
}

/// The alt text of an image whose start was just read: the text of the
/// events up to its end, and how many events that is (its end included).
fn image_alt(events: &[Event]) -> (String, usize) {
    let mut alt = String::new();
    let mut depth = 0usize;
    for (at, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => return (alt, at + 1),
            Event::End(TagEnd::Image) => depth -= 1,
            // Alt text is plain text: markup in it is shown as written.
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) => alt.push_str(text),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    (alt, events.len())
}

/// An image in a text: it sits somewhere down the page, so the browser
/// fetches it only when the reader scrolls near it (`loading="lazy"`).
fn body_image(tag: &Tag, alt: &str) -> String {
    let Tag::Image {
        dest_url, title, ..
    } = tag
    else {
        return String::new();
    };
    let title = match title.is_empty() {
        true => String::new(),
        false => format!(" title=\"{}\"", escape_html(title)),
    };
    format!(
        "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
        escape_html(dest_url),
        escape_html(alt)
    )
}

/// A link or image whose address would run code (`javascript:`, `vbscript:`,
/// `data:`) points nowhere instead: raw HTML is off, so no script may run.
fn without_script_url(tag: Tag<'_>) -> Tag<'_> {
    let runs_code = |url: &str| {
        // Browsers ignore whitespace and control characters inside the scheme.
        let scheme: String = url
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .take_while(|&c| c != ':')
            .collect::<String>()
            .to_ascii_lowercase();
        url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
    };
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } if runs_code(&dest_url) => Tag::Link {
            link_type,
            dest_url: CowStr::from("#"),
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } if runs_code(&dest_url) => Tag::Image {
            link_type,
            dest_url: CowStr::from(""),
            title,
            id,
        },
        other => other,
    }
}

/// One heading level down (`h1` -> `h2`), for texts that use `h1`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Highlights one code block; unknown languages are shown as escaped plain text.
pub fn highlight(language: &str, code: &str) -> String {
    let found = [&*EXTRA_SYNTAXES, &*SYNTAXES].into_iter().find_map(|set| {
        let syntax = set
            .find_syntax_by_token(language)
            .or_else(|| set.find_syntax_by_extension(language))?;
        Some((set, syntax))
    });
    let found = found.filter(|_| !language.is_empty());
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_html(language))
    };
    let Some((set, syntax)) = found else {
        return format!(
            "<pre class=\"code\"><code{class}>{}</code></pre>\n",
            escape_html(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code{class}>{}</code></pre>\n",
                escape_html(code)
            );
        }
    }
    format!(
        "<pre class=\"code\"><code{class}>{}</code></pre>\n",
        generator.finalize()
    )
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
pub fn syntax_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let light = themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok());
    let dark = themes
        .themes
        .get("base16-ocean.dark")
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok());
    let mut css = String::from("/* Generated by Backstory from syntect's themes. */\n");
    css.push_str(&light.unwrap_or_default());
    css.push_str("\n@media (prefers-color-scheme: dark) {\n");
    css.push_str(&dark.clone().unwrap_or_default());
    css.push_str("}\n");
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str, allow_html: bool) -> String {
        render_markdown(markdown, allow_html, &LinkContext::plain())
    }

    #[test]
    fn renders_the_markdown_extensions() {
        let cases = [
            ("# Title\n", "<h2 id=\"title\">Title</h2>"),
            ("## Same\n\n## Same\n", "<h2 id=\"same-2\">Same</h2>"),
            ("## Custom {#mine}\n", "<h2 id=\"mine\">Custom</h2>"),
            ("# Top\n\n## Below\n", "<h3 id=\"below\">Below</h3>"),
            ("| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>"),
            ("~~gone~~", "<del>gone</del>"),
            ("\"quoted\"", "“quoted”"),
            ("Note[^1].\n\n[^1]: The note.\n", "footnote-definition"),
            ("```rust\nfn main() {}\n```\n", "<span class=\"hl-"),
            ("```nosuchlang\n<b>\n```\n", "&lt;b&gt;"),
        ];
        for (markdown, expected) in cases {
            let html = render(markdown, false);
            assert!(html.contains(expected), "{markdown:?} gave {html}");
        }
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        let html = render(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>",
            false,
        );
        assert!(
            !html.contains("<script>") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let allowed = render("<div class=\"box\">x</div>\n", true);
        assert!(allowed.contains("<div class=\"box\">"), "{allowed}");
    }

    #[test]
    fn cross_references_outside_a_site_keep_their_text_unlinked() {
        let html = render(
            "[Maliki](@person/nouri-al-maliki) on [@2020-01-05], [kept](https://example.org)",
            false,
        );
        assert_eq!(
            html,
            "<p>Maliki on @2020-01-05, <a href=\"https://example.org\">kept</a></p>\n"
        );
    }

    #[test]
    fn bare_brackets_without_at_stay_text() {
        assert_eq!(render("[not a ref]", false), "<p>[not a ref]</p>\n");
    }

    #[test]
    fn reference_problems_name_the_file_line() {
        let markdown = "Intro\n\n```\n[x](@person/in-code)\n```\n\nSee [x](@person/nobody).\n";
        let problems = reference_problems(
            Path::new("content/pages/a.md"),
            markdown,
            4,
            &LinkContext::plain(),
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(10));
        assert!(problems[0].is_error());
    }

    #[test]
    fn drops_script_urls_unless_html_is_allowed() {
        let markdown = "[a](javascript:alert(1)) [b](<JaVa\tScript:x>) ![c](data:text/html,x) [d](https://example.org/a:b)";
        let safe = render(markdown, false);
        assert!(!safe.to_ascii_lowercase().contains("script:"), "{safe}");
        assert!(!safe.contains("data:"), "{safe}");
        assert!(safe.contains("href=\"https://example.org/a:b\""), "{safe}");
        assert!(render(markdown, true).contains("href=\"javascript:alert(1)\""));
    }

    #[test]
    fn images_in_a_text_load_when_scrolled_to_and_keep_their_alt_text() {
        let html = render(
            "Before.\n\n![A *map* of <rivers> & roads](images/river.png \"The river\")",
            false,
        );
        assert!(
            html.contains(r#"<img src="images/river.png" alt="A map of &lt;rivers&gt; &amp; roads" title="The river" loading="lazy" decoding="async">"#),
            "{html}"
        );
        let hostile = render("![x\"><script>](data:text/html,x)", false);
        assert!(
            !hostile.contains("<script>") && !hostile.contains("data:"),
            "{hostile}"
        );
    }

    #[test]
    fn highlighting_uses_classes_not_styles() {
        let html = highlight("toml", "title = \"x\"\n") + &highlight("yaml", "title: x\n");
        assert!(!html.contains("style="), "{html}");
    }
}
