//! `backstory new event`: a title, a date (and for an era, an end date) and
//! the sources it rests on in, `content/events/SLUG.md` out.
//!
//! The dates and source ids are checked before anything is written, so a
//! typo is refused with the reason rather than found by the next build.

use super::{free_path, one_line, stem, toml_string, write_new, Created, NewError};
use crate::diag::Diagnostic;
use crate::frontmatter::DateText;
use std::path::Path;

/// What the editor asked for.
pub struct NewEvent<'a> {
    pub title: &'a str,
    /// `2019-03-20`, `2019-03`, `2019` or `2019-W12`.
    pub date: &'a str,
    /// Makes the event an era from `date` to `end`.
    pub end: Option<&'a str>,
    /// Ids of the sources the event rests on (file names without `.txt`).
    pub sources: &'a [String],
    /// The file name to use instead of the title's slug.
    pub name: Option<&'a str>,
}

/// Creates `content/events/SLUG.md` for `event`.
pub fn new_event(root: &Path, event: &NewEvent) -> Result<Created, NewError> {
    let title = one_line(event.title);
    let stem = stem(event.name, &title, "event title")?;
    let path = free_path(root, "content/events", &stem, &["md"])?;
    let start = checked_date(&path, "date", event.date)?;
    let end = match event.end {
        Some(end) => Some(checked_date(&path, "end", end)?),
        None => None,
    };
    if let Some(end) = end.filter(|end| end.start < start.start) {
        return Err(refused(
            &path,
            format!(
                "the era would end ({}) before it starts ({})",
                end.iso(),
                start.iso()
            ),
            "give an end date after the start date",
        ));
    }
    for id in event.sources {
        check_source(root, &path, id)?;
    }
    let mut text = format!(
        "+++\ntitle = {}\ndate = {}\n",
        toml_string(&title),
        toml_string(event.date.trim())
    );
    match event.end {
        Some(end) => text.push_str(&format!("end = {}\n", toml_string(end.trim()))),
        None => text.push_str(
            "# end = \"YYYY-MM-DD\"   # makes the event an era, shown as a band on the timeline\n",
        ),
    }
    let sources: Vec<String> = event.sources.iter().map(|id| toml_string(id)).collect();
    text.push_str(&format!(
        "# The sources this event rests on, by file name without .txt.\nsources = [{}]\n+++\n\n",
        sources.join(", ")
    ));
    write_new(root, &path, text.as_bytes())?;
    let mut notes = Vec::new();
    if event.sources.is_empty() {
        notes.push("no source cited yet: add the ids of the sources that report it to `sources`, so readers can check it".to_string());
    }
    Ok(Created {
        files: vec![path.clone()],
        edit: path,
        url: format!("timeline/{}/", start.year()),
        notes,
        warnings: Vec::new(),
        read: Vec::new(),
    })
}

/// `text` as a timeline date, or a refusal naming the option and the reason.
fn checked_date(
    path: &Path,
    option: &str,
    text: &str,
) -> Result<crate::extract::dates::DateValue, NewError> {
    crate::date_value::parse_date_value(&DateText(text.trim().to_string())).ok_or_else(|| {
        refused(
            path,
            format!("--{option}: {}", crate::explain::not_a_date(text.trim())),
            "write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example --date 2019-03-20",
        )
    })
}

/// A refusal when `content/sources/ID.txt` does not exist, suggesting the nearest ids.
fn check_source(root: &Path, path: &Path, id: &str) -> Result<(), NewError> {
    let folder = root.join("content/sources");
    if !id.is_empty() && !id.contains(['/', '\\']) && folder.join(format!("{id}.txt")).is_file() {
        return Ok(());
    }
    let ids: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            entry
                .file_name()
                .to_str()?
                .strip_suffix(".txt")
                .map(str::to_string)
        })
        .collect();
    let near = crate::diag::nearest(id, ids.iter().map(String::as_str), 3);
    let hint = match near.first() {
        Some(best) => format!("did you mean `{best}`? A source's id is its file name in content/sources/ without .txt"),
        None => "a source's id is its file name in content/sources/ without .txt".to_string(),
    };
    Err(refused(
        path,
        format!("--source: there is no source `{id}`"),
        hint,
    ))
}

fn refused(path: &Path, message: String, hint: impl Into<String>) -> NewError {
    NewError::Refused(Diagnostic::error(path, None, message).hint(hint))
}
