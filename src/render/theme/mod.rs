//! The theme: the built-in templates and assets, overridden file by file by a
//! site's own `templates/` folder. In: the site root. Out: a compiled [`Tera`],
//! checked so that no template can crash the program ([`nesting`], [`graph`])
//! and rendered within limits ([`limits`]).

mod graph;
mod limits;
mod nesting;
mod statics;
mod words;

pub use words::Words;

use super::svg;
use crate::diag::Diagnostic;
use std::collections::HashMap;
use std::path::Path;
use tera::{Context, Tera, Value};

/// The default theme, embedded so `backstory init` and `build` work anywhere.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    (
        "macros.html",
        include_str!("../../../templates/macros.html"),
    ),
    ("home.html", include_str!("../../../templates/home.html")),
    ("page.html", include_str!("../../../templates/page.html")),
    (
        "sources.html",
        include_str!("../../../templates/sources.html"),
    ),
    (
        "source.html",
        include_str!("../../../templates/source.html"),
    ),
    (
        "people.html",
        include_str!("../../../templates/people.html"),
    ),
    (
        "person.html",
        include_str!("../../../templates/person.html"),
    ),
    (
        "timeline.html",
        include_str!("../../../templates/timeline.html"),
    ),
    ("year.html", include_str!("../../../templates/year.html")),
    ("month.html", include_str!("../../../templates/month.html")),
    (
        "mentions.html",
        include_str!("../../../templates/mentions.html"),
    ),
    ("entry.html", include_str!("../../../templates/entry.html")),
    (
        "search.html",
        include_str!("../../../templates/search.html"),
    ),
    ("404.html", include_str!("../../../templates/404.html")),
    ("tags.html", include_str!("../../../templates/tags.html")),
    ("tag.html", include_str!("../../../templates/tag.html")),
];

/// Static files of the default theme, published under `assets/`.
pub const DEFAULT_ASSETS: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../../templates/assets/style.css"),
    ),
    (
        "theme.js",
        include_str!("../../../templates/assets/theme.js"),
    ),
    (
        "syntax.css",
        include_str!("../../../templates/assets/syntax.css"),
    ),
    (
        "search.js",
        include_str!("../../../templates/assets/search.js"),
    ),
    (
        "favicon.svg",
        include_str!("../../../templates/assets/favicon.svg"),
    ),
];

/// A loaded theme: compiled templates and the assets to publish.
pub struct Theme {
    pub tera: Tera,
    /// `(file name under assets/, bytes)`.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The site's `static/` files: `(path in the output, bytes)`.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Files under `templates/` that were left out, and why.
    pub warnings: Vec<Diagnostic>,
    /// The words its templates show, set by each render from the site.
    pub words: Words,
}

impl Theme {
    /// Renders `template` for the page `page` into `out`, within the limits
    /// of [`limits`] on loop turns, `range` and output size.
    pub fn render_to(
        &self,
        template: &str,
        context: &Context,
        page: &str,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        limits::render(&self.tera, template, context, out).map_err(|failure| match failure {
            limits::Failure::Template(error) => template_diagnostic(&error, Some(page)),
            limits::Failure::Limit(limit) => Diagnostic::error(
                Path::new("templates").join(template),
                None,
                format!("while rendering /{page}: {limit}"),
            )
            .hint(
                "a loop in the template (or a template it includes) runs far longer than any \
                 page needs: see \"Limits\" in docs/themes.md",
            ),
        })
    }
}

/// Loads the default theme with the site's overrides from `root/templates/`.
pub fn load_theme(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let mut assets: Vec<(String, Vec<u8>)> = DEFAULT_ASSETS
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            let Ok(entry) = entry else { continue };
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if rel.starts_with('.') || rel.contains("/.") || rel.ends_with('~') {
                continue;
            }
            if !entry.file_type().is_file() {
                warnings.extend(left_out(&rel, entry.file_type()));
                continue;
            }
            let bytes = match std::fs::read(entry.path()) {
                Ok(bytes) => bytes,
                Err(error) => {
                    problems.push(Diagnostic::error(
                        Path::new("templates").join(&rel),
                        None,
                        format!("cannot read: {error}"),
                    ));
                    continue;
                }
            };
            if let Some(asset) = rel.strip_prefix("assets/") {
                replace_or_push(&mut assets, asset.to_string(), bytes);
            } else if rel.ends_with(".html") || rel.ends_with(".xml") {
                match String::from_utf8(bytes) {
                    Ok(text) => replace_or_push(&mut templates, rel, text),
                    Err(_) => problems.push(Diagnostic::error(
                        Path::new("templates").join(&rel),
                        None,
                        "the template is not valid UTF-8",
                    )),
                }
            }
        }
    }
    let too_deep = too_deep(&templates);
    if !too_deep.is_empty() {
        problems.extend(too_deep);
        return Err(problems);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which makes every URL unreadable in the source.
    tera.set_escape_fn(crate::render::escape_html);
    let words = Words::default();
    register_filters(&mut tera, &words);
    words::register(&mut tera, &words);
    if let Err(error) =
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        problems.push(template_diagnostic(&error, None));
        return Err(problems);
    }
    problems.extend(graph::problems(&tera));
    limits::install(&mut tera);
    let (statics, static_problems) = statics::read(root);
    let (errors, static_warnings): (Vec<_>, Vec<_>) =
        static_problems.into_iter().partition(Diagnostic::is_error);
    problems.extend(errors);
    warnings.extend(static_warnings);
    if problems.is_empty() {
        Ok(Theme {
            tera,
            assets,
            statics,
            warnings,
            words,
        })
    } else {
        Err(problems)
    }
}

/// The templates nested too deep to parse: Tera's parser would overflow
/// the stack on them.
fn too_deep(templates: &[(String, String)]) -> Vec<Diagnostic> {
    templates
        .iter()
        .filter_map(|(name, text)| {
            let (line, message) = nesting::too_deep(text)?;
            Some(
                Diagnostic::error(Path::new("templates").join(name), Some(line), message)
                    .hint("flatten the template: Tera would crash on it"),
            )
        })
        .collect()
}

/// Why an entry of `templates/` that is not a file is left out, if it
/// looks like it was meant to be used.
fn left_out(rel: &str, kind: std::fs::FileType) -> Option<Diagnostic> {
    let file = Path::new("templates").join(rel);
    if kind.is_symlink() {
        return Some(
            Diagnostic::warning(
                file,
                None,
                "is a symbolic link, which Backstory does not follow; it is left out",
            )
            .hint("copy the file into templates/ instead of linking to it"),
        );
    }
    if kind.is_dir() {
        // Folders of templates and assets are fine; one named like a template is a mistake.
        return (rel.ends_with(".html") || rel.ends_with(".xml")).then(|| {
            Diagnostic::warning(file, None, "is a folder, not a template; it is left out")
                .hint("a template is a file: move the folder's contents up, or rename the folder")
        });
    }
    Some(
        Diagnostic::warning(
            file,
            None,
            "is not a regular file (a pipe, socket or device); it is left out",
        )
        .hint("remove it from templates/"),
    )
}

/// Filters the default theme uses, available to every template:
///
/// - `json_script`: any value as JSON that is safe inside `<script>` (for JSON-LD);
/// - `density_strip(eras=..., link="#y")`: a list of `{year, count}` as an SVG bar strip,
///   optionally over bands for a list of eras (`{start, end, title}`, ISO
///   dates), and with `link` each bar a link to `link` followed by its year;
/// - `people_graph(name=...)`: a list of `{title, count}` as an SVG star graph.
///
/// Their output is markup: use them with `| safe`.
fn register_filters(tera: &mut Tera, words: &Words) {
    tera.register_filter("json_script", json_script);
    let strip_words = words.clone();
    tera.register_filter(
        "density_strip",
        move |value: &Value, args: &HashMap<String, Value>| {
            density_strip(value, args, &strip_words)
        },
    );
    let graph_words = words.clone();
    tera.register_filter(
        "people_graph",
        move |value: &Value, args: &HashMap<String, Value>| people_graph(value, args, &graph_words),
    );
}

fn json_script(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let json = serde_json::to_string(value).map_err(tera::Error::json)?;
    // `<`, `>` and `&` as escapes: no text can close the script element.
    Ok(Value::String(
        json.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"),
    ))
}

fn density_strip(
    value: &Value,
    args: &HashMap<String, Value>,
    words: &Words,
) -> tera::Result<Value> {
    let bands: Vec<svg::Band> = match args.get("eras") {
        Some(eras) => list(eras, "density_strip(eras=...)")?
            .iter()
            .filter_map(|era| {
                Some(svg::Band {
                    start: svg::fractional_year(era.get("start")?.as_str()?)?,
                    end: svg::fractional_year(era.get("end")?.as_str()?)?,
                    title: era
                        .get("title")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let counts: Vec<(i16, usize)> = list(value, "density_strip")?
        .iter()
        .filter_map(|item| {
            let year = i16::try_from(item.get("year")?.as_i64()?).ok()?;
            let count = usize::try_from(item.get("count")?.as_u64()?).ok()?;
            Some((year, count))
        })
        .collect();
    let link = args.get("link").and_then(Value::as_str);
    Ok(Value::String(svg::density_strip(
        &counts,
        &bands,
        link,
        &words.get(),
    )))
}

fn people_graph(
    value: &Value,
    args: &HashMap<String, Value>,
    words: &Words,
) -> tera::Result<Value> {
    let name = args.get("name").and_then(Value::as_str).ok_or_else(|| {
        tera::Error::msg("people_graph needs a name: people_graph(name=person.name)")
    })?;
    let others: Vec<(String, usize)> = list(value, "people_graph")?
        .iter()
        .filter_map(|item| {
            let title = item.get("title").or_else(|| item.get("name"))?.as_str()?;
            let count = usize::try_from(item.get("count")?.as_u64()?).ok()?;
            Some((title.to_string(), count))
        })
        .collect();
    Ok(Value::String(svg::people_graph(
        name,
        &others,
        &words.get(),
    )))
}

fn list<'v>(value: &'v Value, filter: &str) -> tera::Result<&'v Vec<Value>> {
    value
        .as_array()
        .ok_or_else(|| tera::Error::msg(format!("the {filter} filter takes a list")))
}

fn replace_or_push<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

/// A tera error as a diagnostic naming the template (and the page being rendered).
pub fn template_diagnostic(error: &tera::Error, page: Option<&str>) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    let template = chain
        .iter()
        .find_map(|message| {
            message
                .split('\'')
                .nth(1)
                .filter(|name| name.ends_with(".html") || name.ends_with(".xml"))
        })
        .unwrap_or("templates");
    let file = if template == "templates" {
        Path::new("templates").to_path_buf()
    } else {
        Path::new("templates").join(template)
    };
    let message = match page {
        Some(page) => format!("while rendering /{page}: {}", chain.join(": ")),
        None => chain.join(": "),
    };
    Diagnostic::error(file, None, message).hint(
        "fix the template; the site's templates/ folder overrides the built-in theme file by file",
    )
}
