//! Front matter: a Markdown file's text in, its typed metadata and body out.
//!
//! Front matter is TOML between `+++` lines or YAML between `---` lines, at
//! the very top of the file. It is deserialised straight into a schema struct
//! with unknown keys denied, so an unknown key, a wrong type or a missing
//! required field becomes one [`Diagnostic`] naming the file, the line and the key.

use crate::diag::Diagnostic;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// A parsed Markdown file: metadata, the body, and the line the body starts on.
#[derive(Debug, Clone)]
pub struct Document<T> {
    pub meta: T,
    pub body: String,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// Splits and parses `text` (the contents of `file`) into metadata of type `T` and a body.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<Document<T>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let fence = match first_line {
        "+++" => "+++",
        "---" => "---",
        _ => return Err(
            Diagnostic::error(file, Some(1), "the file has no front matter").hint(
                "start the file with a `+++` line, then `title = \"...\"`, then another `+++` line",
            ),
        ),
    };
    let after_open = text.find('\n').map_or(text.len(), |at| at + 1);
    let rest = &text[after_open..];
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = close else {
        return Err(Diagnostic::error(
            file,
            Some(1),
            format!("the front matter opened with `{fence}` is never closed"),
        )
        .hint(format!(
            "add a line with only `{fence}` after the last metadata line"
        )));
    };
    let front = &rest[..front_end];
    let body = &rest[body_start..];
    let front_line = 2;
    let body_line = front_line + front.matches('\n').count() + 1;
    let meta = if fence == "+++" {
        toml::from_str::<T>(front).map_err(|error| {
            let line = toml_error_line(front, &error, front_line);
            front_matter_error(
                file,
                line,
                error.message(),
                nth_line(front, line, front_line),
            )
        })?
    } else {
        if let Some(index) = yaml_too_deep(front) {
            return Err(Diagnostic::error(
                file,
                Some(front_line + index),
                format!(
                    "the front matter nests lists or maps more than {MAX_YAML_DEPTH} levels deep"
                ),
            )
            .hint("front matter needs a level or two: a key, and a list of names under it"));
        }
        let value = if front.trim().is_empty() { "{}" } else { front };
        serde_yaml_ng::from_str::<T>(value).map_err(|error| {
            // YAML also breaks lines at U+2028, U+2029, U+0085 and lone CRs;
            // count only the file's own line feeds up to the error, so the
            // line named is one the editor sees.
            let line = error.location().map(|location| {
                let before = value.chars().take(location.index());
                front_line + before.filter(|&c| c == '\n').count()
            });
            let message = error.to_string();
            front_matter_error(file, line, &message, nth_line(value, line, front_line))
        })?
    };
    Ok(Document {
        meta,
        body: body.to_string(),
        body_line,
    })
}

/// The deepest nesting of lists and maps accepted in YAML front matter
/// (ours needs two: a key, a list under it). The YAML parser takes time
/// quadratic in the depth of nested `[` and `{` (100,000 levels took a
/// minute), so deeper text is refused before it is parsed; the TOML parser
/// has a depth limit of its own.
pub const MAX_YAML_DEPTH: usize = 32;

/// The 0-based line of `yaml` where its nesting first exceeds
/// [`MAX_YAML_DEPTH`], if it does. The count errs on the high side, never on
/// the low side: every `[` and `{` opens a level (even inside a string), and
/// a `]` or `}` closes one only while nothing before it (a quote, a comment,
/// a tag) could have hidden it from the parser. Block nesting counts a
/// level per indentation step and per leading `- ` (`- - - x`).
fn yaml_too_deep(yaml: &str) -> Option<usize> {
    let mut block = Vec::<usize>::new(); // columns of the open block levels
    let mut flow = 0usize;
    let mut closes_count = true;
    for (index, line) in yaml.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        if !content.trim().is_empty() {
            let indent = line.len() - content.len();
            block.retain(|&open| open < indent);
            block.push(indent);
            let mut rest = content;
            while let Some(after) = rest
                .strip_prefix(['-', '?', ':'])
                .filter(|after| after.is_empty() || after.starts_with([' ', '\t']))
            {
                rest = after.trim_start();
                block.push(line.len() - rest.len());
            }
        }
        for c in line.chars() {
            match c {
                '[' | '{' => flow += 1,
                ']' | '}' if closes_count => flow = flow.saturating_sub(1),
                '"' | '\'' | '#' | '!' => closes_count = false,
                _ => {}
            }
            if block.len() + flow > MAX_YAML_DEPTH {
                return Some(index);
            }
        }
    }
    None
}

/// The file line of a TOML error, given the line `text` starts on.
pub fn toml_error_line(text: &str, error: &toml::de::Error, first_line: usize) -> Option<usize> {
    let span = error.span()?;
    let before = text.get(..span.start)?;
    Some(first_line + before.matches('\n').count())
}

/// The 1-based file line where `key` is set in a front matter that starts on line 2.
pub fn key_line(file_text: &str, key: &str) -> Option<usize> {
    file_text
        .lines()
        .enumerate()
        .skip(1)
        .find_map(|(index, line)| {
            let rest = line.trim_start().strip_prefix(key)?;
            rest.trim_start()
                .starts_with(['=', ':'])
                .then_some(index + 1)
        })
}

/// Serde's messages mention Rust types; editors need the key and what is allowed.
fn clean_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let message = message.split(" at line ").next().unwrap_or(message);
    format!("invalid front matter: {}", key_message(message))
}

/// Serde's "unknown field `x`, expected one of ..." as "unknown key `x`"
/// (the hint names the keys); any other message unchanged.
pub fn key_message(message: &str) -> String {
    match unknown_key(message) {
        Some((key, _)) => format!("unknown key `{key}`"),
        None => message.trim().to_string(),
    }
}

/// The error for serde's `message` about `text` (the line it names): in the
/// editor's words where [`crate::explain`] knows the message, with "did you
/// mean `title`?" for a near-miss key.
fn front_matter_error(
    file: &Path,
    line: Option<usize>,
    message: &str,
    text: Option<&str>,
) -> Diagnostic {
    if let Some(explained) = crate::explain::parser_message(message, text) {
        return Diagnostic::error(
            file,
            line,
            format!("invalid front matter: {}", explained.message),
        )
        .hint(explained.hint);
    }
    let diagnostic = Diagnostic::error(file, line, clean_message(message));
    match unknown_key_hint(message) {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// File line `line` of `text`, which starts on file line `first_line`.
pub fn nth_line(text: &str, line: Option<usize>, first_line: usize) -> Option<&str> {
    text.lines().nth(line?.checked_sub(first_line)?)
}

/// For serde's "unknown field `titel`, expected one of `title`, ...":
/// "did you mean `title`?", when one expected key is close.
pub fn unknown_key_hint(message: &str) -> Option<String> {
    let (key, expected) = unknown_key(message)?;
    let best = crate::diag::nearest(key, expected.iter().copied(), 1);
    best.first().map(|key| format!("did you mean `{key}`?"))
}

/// The unknown key and the keys serde expected, from its message.
fn unknown_key(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect::<Vec<_>>();
    Some((key, expected))
}

/// A date as written in front matter: a TOML date (`date = 2024-01-05`) or a
/// string (`date: "2024-01"`). Kept as text; callers parse it to the precision they accept.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2024-01-05, \"2024-01\" or \"2024\"")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<DateText, E> {
                Ok(DateText(value.trim().to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<DateText, E> {
                Ok(DateText(value.to_string()))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<DateText, E> {
                Ok(DateText(value.to_string()))
            }
            // The toml crate hands a native date over as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateText, A::Error> {
                let Some((_, value)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom("empty date"));
                };
                Ok(DateText(value))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

impl DateText {
    /// The text as a calendar day, if it is one (`2024-01-05`, or a full
    /// timestamp whose first ten characters are a day).
    pub fn as_day(&self) -> Option<jiff::civil::Date> {
        self.0.get(..10).unwrap_or(&self.0).parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
        #[serde(default)]
        date: Option<DateText>,
        #[serde(default)]
        #[allow(dead_code)]
        weight: i64,
    }

    fn parse_meta(text: &str) -> Result<Document<Meta>, Diagnostic> {
        parse(Path::new("pages/x.md"), text)
    }

    #[test]
    fn a_yaml_error_after_an_unusual_line_break_names_a_real_line() {
        // U+2029 is a line break to YAML but not to an editor's line count.
        // (An input the fuzzer found: YAML named line 13 of a 12-line file.)
        let text = "---\n '\n-----\nti/-lugtl: e\ndesc---\n\u{2029}oript\n\
                    description: r\n--A\n)ion-:\n A\n)ge\n---";
        let error = parse::<Meta>(Path::new("p.md"), text).unwrap_err();
        let line = error.line.expect("a line");
        let lines = text.matches('\n').count() + 1;
        assert!((1..=lines).contains(&line), "line {line} of {lines}");
    }

    #[test]
    fn parses_toml_and_yaml() {
        let toml = parse_meta("+++\ntitle = \"A\"\ndate = 2024-01-05\n+++\nBody\n").unwrap();
        assert_eq!(toml.meta.title, "A");
        assert_eq!(
            toml.meta.date.unwrap().as_day().unwrap().to_string(),
            "2024-01-05"
        );
        assert_eq!(toml.body, "Body\n");
        assert_eq!(toml.body_line, 5);
        let yaml = parse_meta("---\ntitle: B\ndate: \"2003-03\"\n---\n\nText").unwrap();
        assert_eq!(yaml.meta.title, "B");
        assert_eq!(yaml.meta.date.unwrap().0, "2003-03");
        assert_eq!(yaml.body_line, 5);
    }

    #[test]
    fn reports_file_line_and_key() {
        let cases = [
            ("+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n", Some(3), "titel"),
            (
                "+++\ntitle = \"A\"\nweight = \"heavy\"\n+++\n",
                Some(3),
                "`weight` must be a whole number",
            ),
            ("+++\nweight = 1\n+++\n", None, "`title` is required"),
            ("---\ntitle: A\nextra: 1\n---\n", Some(3), "extra"),
            ("+++\ntitle = \"A\"\n", Some(1), "never closed"),
            ("# No front matter\n", Some(1), "no front matter"),
            ("+++\ntitle = \n+++\n", Some(2), "invalid"),
        ];
        for (text, line, needle) in cases {
            let error = parse_meta(text).unwrap_err();
            assert!(
                error.message.contains(needle),
                "{text:?}: {}",
                error.message
            );
            if line.is_some() {
                assert_eq!(error.line, line, "{text:?}: {}", error.message);
            }
        }
    }

    #[test]
    fn suggests_the_key_meant() {
        let error = parse_meta("+++\ntitel = \"A\"\n+++\n").unwrap_err();
        assert_eq!(error.message, "invalid front matter: unknown key `titel`");
        assert_eq!(error.line, Some(2));
        assert_eq!(error.hint.as_deref(), Some("did you mean `title`?"));
        let error = parse_meta("---\ntitle: A\nwieght: 2\n---\n").unwrap_err();
        assert_eq!(error.message, "invalid front matter: unknown key `wieght`");
        assert_eq!(error.hint.as_deref(), Some("did you mean `weight`?"));
        let error = parse_meta("+++\ntitle = \"A\"\ncolour = 2\n+++\n").unwrap_err();
        assert_eq!(error.hint, None);
    }

    #[test]
    fn refuses_deep_yaml_nesting_before_parsing() {
        let deep = |open: &str, close: &str| format!("x: {}1{}", open.repeat(40), close.repeat(40));
        let block = format!("x:\n  {}z", "- ".repeat(40));
        let indented: String = (0..40).map(|n| format!("{}a:\n", " ".repeat(n))).collect();
        // Closing brackets inside strings must not hide the levels opened around them.
        let hidden = format!("x: {}1", "[ \"]\", ".repeat(40));
        for yaml in [deep("[", "]"), deep("{a: ", "}"), block, indented, hidden] {
            assert!(yaml_too_deep(&yaml).is_some(), "{yaml}");
        }
        let fine = "title: \"It's [big]\"\naliases: [a, b]\n# a comment\ndistinct:\n  - c\n  - d\n";
        assert_eq!(yaml_too_deep(fine), None);
        let text = format!("---\ntitle: A\n\nweight: {}\n---\n", "[".repeat(100_000));
        let error = parse_meta(&text).unwrap_err();
        assert_eq!(error.line, Some(4), "{error}");
        assert!(error.message.contains("levels deep"), "{error}");
    }

    #[test]
    fn finds_the_line_of_a_key() {
        assert_eq!(
            key_line("+++\ntitle = \"A\"\ndate = 2024\n+++\n", "date"),
            Some(3)
        );
        assert_eq!(key_line("---\ndate: x\n---\n", "date"), Some(2));
        assert_eq!(key_line("+++\n+++\n", "date"), None);
    }
}
