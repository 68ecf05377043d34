//! Parser messages in an editor's words: a message of the TOML or YAML
//! reader (which speaks of Rust types: "invalid type: string \"10\",
//! expected i64") and the line of the file it points at in, a sentence
//! about the editor's own key and value and a hint that shows the fix out.
//! Also the reason a written day is no day ("September has 30 days").
//!
//! Every function returns `None` for a message it does not know, and the
//! caller keeps the parser's own words: a message is never lost.

/// A parser message said again for an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub message: String,
    pub hint: String,
}

/// `message` from the TOML or YAML reader, about `line` (the file's line it
/// names, when known), in an editor's words.
pub fn parser_message(message: &str, line: Option<&str>) -> Option<Explained> {
    // YAML ends its messages with the place, which the diagnostic gives.
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(key) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        return Some(Explained {
            message: format!("`{key}` is required but not given"),
            hint: format!("add a `{key}` line"),
        });
    }
    let setting = line.and_then(Setting::read);
    wrong_type(message, setting.as_ref())
        .or_else(|| bare_word(message, setting.as_ref()?))
        .or_else(|| colon_in_value(message, setting.as_ref()?))
        .or_else(|| bad_date(message, setting.as_ref()?))
}

/// A `key = value` (TOML) or `key: value` (YAML) line.
struct Setting<'a> {
    key: &'a str,
    value: &'a str,
    /// `=` or `:`, so that a hint is written the way the file writes.
    sign: char,
}

impl<'a> Setting<'a> {
    fn read(line: &'a str) -> Option<Self> {
        let at = line.find(['=', ':'])?;
        let key = line[..at].trim();
        let valid = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        valid.then(|| Setting {
            key,
            value: line[at + 1..].trim(),
            sign: line[at..].chars().next().unwrap_or('='),
        })
    }

    /// `key = value` as the file would write it.
    fn written(&self, value: &str) -> String {
        match self.sign {
            ':' => format!("{}: {value}", self.key),
            _ => format!("{} = {value}", self.key),
        }
    }
}

/// "invalid type: string \"10\", expected i64", with YAML's "weight: "
/// before it: the value is of the wrong kind.
fn wrong_type(message: &str, setting: Option<&Setting>) -> Option<Explained> {
    let (prefix, rest) = message.split_once("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let key = prefix
        .trim()
        .trim_end_matches(':')
        .rsplit('.')
        .next()
        .filter(|key| !key.is_empty())
        .or(setting.map(|s| s.key))?;
    let wanted = kind_words(expected.trim())?;
    let (found_words, found_text) = found_words(found.trim());
    let message = format!("`{key}` must be {wanted}, not {found_words}");
    let sign = setting.map_or('=', |s| s.sign);
    let example = Setting {
        key,
        value: "",
        sign,
    };
    let hint = match (wanted, found_text) {
        (NUMBER | WHOLE, Some(text)) if text.trim().parse::<f64>().is_ok() => {
            format!("write `{}`, without quotes", example.written(text.trim()))
        }
        (BOOLEAN, _) => format!(
            "write `{}` or `{}`, without quotes",
            example.written("true"),
            example.written("false")
        ),
        // A list's item of the wrong kind (`tags = ["x", 3]`).
        (TEXT, _) if setting.is_some_and(|s| s.value.starts_with('[')) => format!(
            "put every item of the list in quotes, such as `{}`",
            example.written("[\"…\", \"…\"]")
        ),
        (TEXT, _) => format!(
            "put the value in quotes, such as `{}`",
            example.written("\"…\"")
        ),
        (LIST, Some(text)) => format!(
            "write a list: `{}`",
            example.written(&format!("[\"{text}\"]"))
        ),
        _ => format!("write `{key}` as {wanted}"),
    };
    Some(Explained { message, hint })
}

const WHOLE: &str = "a whole number";
const NUMBER: &str = "a number";
const BOOLEAN: &str = "true or false";
const TEXT: &str = "text in quotes";
const LIST: &str = "a list";

/// A parser's name for a kind of value ("i64", "a boolean") as an editor says it.
fn kind_words(expected: &str) -> Option<&'static str> {
    let kind = expected.trim_start_matches("a ").trim_start_matches("an ");
    Some(match kind {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize"
        | "integer" => WHOLE,
        "f32" | "f64" | "float" => NUMBER,
        "boolean" | "bool" => BOOLEAN,
        "string" | "str" => TEXT,
        "sequence" | "array" => LIST,
        _ if kind.starts_with("string or ") => TEXT,
        _ => return None,
    })
}

/// The value the parser found ("string \"10\"", "integer `3`"), as words,
/// and its text when it was a string.
fn found_words(found: &str) -> (String, Option<&str>) {
    if let Some(text) = found.strip_prefix("string ") {
        let text = text.trim_matches('"');
        return (format!("the text \"{text}\""), Some(text));
    }
    for (kind, words) in [
        ("integer", "the number"),
        ("floating point", "the number"),
        ("boolean", "the value"),
    ] {
        if let Some(value) = found.strip_prefix(kind) {
            return (format!("{words} {}", value.trim().trim_matches('`')), None);
        }
    }
    let words = match found {
        "sequence" => "a list",
        "map" => "a table of keys",
        other => other,
    };
    (words.to_string(), None)
}

/// TOML's "invalid string / expected `\"`, `'`": a bare word as a value.
fn bare_word(message: &str, setting: &Setting) -> Option<Explained> {
    let bare = message.starts_with("invalid string") || message.contains("expected `\"`, `'`");
    let word = setting.value;
    if !bare || word.is_empty() || word.starts_with(['"', '\'']) {
        return None;
    }
    Some(Explained {
        message: format!(
            "`{}` is neither a number nor text in quotes",
            setting.written(word)
        ),
        hint: format!(
            "if `{}` is a number, write it in digits; if it is text, put it in quotes: `{}`",
            setting.key,
            setting.written(&format!("\"{word}\""))
        ),
    })
}

/// YAML's "mapping values are not allowed": a `: ` inside a value.
fn colon_in_value(message: &str, setting: &Setting) -> Option<Explained> {
    let inside = setting.sign == ':' && setting.value.contains(": ");
    if !message.contains("mapping values are not allowed") || !inside {
        return None;
    }
    let quoted = setting.value.replace('"', "\\\"");
    Some(Explained {
        message: format!(
            "the value of `{}` has a colon followed by a space, which YAML reads as the start of another key",
            setting.key
        ),
        hint: format!("put the value in quotes: `{}: \"{quoted}\"`", setting.key),
    })
}

/// TOML's "invalid date-time" (and "value is out of range"): a date
/// written without leading zeros, or a day the month does not have.
fn bad_date(message: &str, setting: &Setting) -> Option<Explained> {
    if !message.contains("date-time") && !message.contains("out of range") {
        return None;
    }
    let value = setting.value.trim_matches(['"', '\'']);
    let (year, month, day) = numeric_day(value)?;
    let padded = format!("{year:04}-{month:02}-{day:02}");
    let reason = day_problem(year, month, day);
    let message = match &reason {
        Some(reason) => format!("`{value}` is not a date: {reason}"),
        None => format!("`{value}` is not written as YYYY-MM-DD"),
    };
    let hint = match reason {
        Some(_) => "write dates as YYYY-MM-DD, for example 2018-09-15".to_string(),
        None => format!("write dates as YYYY-MM-DD: `{}`", setting.written(&padded)),
    };
    Some(Explained { message, hint })
}

/// `2018-9-15` as `2018-09-15`, when that is a day of the calendar.
pub fn padded_day(text: &str) -> Option<String> {
    let (year, month, day) = numeric_day(text)?;
    day_problem(year, month, day)
        .is_none()
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Year, month and day of `2018-9-15` or `2018-02-30`, whatever their
/// range: three groups of digits joined by `-`.
fn numeric_day(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str| {
        !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(year) || !digits(month) || !digits(day) || year.len() != 4
    {
        return None;
    }
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// "`text` is not a date", with the reason when there is one.
pub fn not_a_date(text: &str) -> String {
    match date_problem(text) {
        Some(reason) => format!("`{text}` is not a date: {reason}"),
        None => format!("`{text}` is not a date"),
    }
}

/// Why `YYYY-MM-DD` text is no day of the calendar, when it is not
/// ("September has 30 days", "February 2018 has 28 days").
pub fn date_problem(text: &str) -> Option<String> {
    let (year, month, day) = numeric_day(text)?;
    day_problem(year, month, day)
}

fn day_problem(year: i32, month: u32, day: u32) -> Option<String> {
    if !(1..=12).contains(&month) {
        return Some(format!(
            "there is no month {month}; months run from 01 to 12"
        ));
    }
    let name = crate::extract::dates::MONTH_NAMES[month as usize - 1];
    if day == 0 {
        return Some("days of the month start at 01".to_string());
    }
    let first = jiff::civil::Date::new(i16::try_from(year).ok()?, month as i8, 1).ok()?;
    let length = u32::try_from(first.days_in_month()).ok()?;
    // February is the one month whose length depends on the year.
    (day > length).then(|| match month {
        2 => format!("February {year} has {length} days"),
        _ => format!("{name} has {length} days"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(message: &str, line: &str) -> Explained {
        parser_message(message, Some(line)).unwrap_or_else(|| panic!("no words for {message:?}"))
    }

    #[test]
    fn a_number_in_quotes_is_asked_for_without_them() {
        let toml = explained(
            "invalid type: string \"10\", expected i64",
            "weight = \"10\"",
        );
        assert_eq!(
            toml.message,
            "`weight` must be a whole number, not the text \"10\""
        );
        assert_eq!(toml.hint, "write `weight = 10`, without quotes");
        let yaml = explained(
            "weight: invalid type: string \"10\", expected i64",
            "weight: \"10\"",
        );
        assert_eq!(yaml.hint, "write `weight: 10`, without quotes");
    }

    #[test]
    fn yes_for_a_switch_is_asked_as_true_or_false() {
        let found = explained(
            "draft: invalid type: string \"maybe\", expected a boolean",
            "draft: maybe",
        );
        assert_eq!(
            found.message,
            "`draft` must be true or false, not the text \"maybe\""
        );
        assert_eq!(
            found.hint,
            "write `draft: true` or `draft: false`, without quotes"
        );
    }

    #[test]
    fn a_bare_word_is_told_to_be_digits_or_quoted() {
        let found = explained("invalid string\nexpected `\"`, `'`", "weight = ten");
        assert_eq!(
            found.message,
            "`weight = ten` is neither a number nor text in quotes"
        );
        assert!(found.hint.contains("write it in digits"), "{}", found.hint);
        assert!(found.hint.contains("`weight = \"ten\"`"), "{}", found.hint);
    }

    #[test]
    fn a_colon_in_a_yaml_value_is_quoted() {
        let found = explained(
            "mapping values are not allowed in this context",
            "title: Glossary: terms",
        );
        assert_eq!(
            found.hint,
            "put the value in quotes: `title: \"Glossary: terms\"`"
        );
    }

    #[test]
    fn dates_get_their_leading_zeros_and_month_lengths() {
        let padded = explained("invalid date-time", "date = 2018-9-15");
        assert_eq!(padded.message, "`2018-9-15` is not written as YYYY-MM-DD");
        assert_eq!(
            padded.hint,
            "write dates as YYYY-MM-DD: `date = 2018-09-15`"
        );
        let february = explained(
            "invalid date-time\nvalue is out of range",
            "date = 2018-02-30",
        );
        assert_eq!(
            february.message,
            "`2018-02-30` is not a date: February 2018 has 28 days"
        );
        assert_eq!(
            date_problem("2008-09-31").as_deref(),
            Some("September has 30 days")
        );
        assert_eq!(date_problem("2024-02-29"), None);
        assert_eq!(
            date_problem("2024-02-30").as_deref(),
            Some("February 2024 has 29 days")
        );
        assert_eq!(
            date_problem("2024-13-01").as_deref(),
            Some("there is no month 13; months run from 01 to 12")
        );
        assert_eq!(
            date_problem("2024-05-00").as_deref(),
            Some("days of the month start at 01")
        );
        assert_eq!(date_problem("not-a-date"), None);
        assert_eq!(padded_day("2018-9-5").as_deref(), Some("2018-09-05"));
        assert_eq!(padded_day("2018-2-30"), None);
    }

    #[test]
    fn a_missing_required_key_is_named() {
        let found = parser_message("missing field `title`", None).unwrap();
        assert_eq!(found.message, "`title` is required but not given");
    }

    #[test]
    fn an_unknown_message_is_left_to_the_parser() {
        assert_eq!(
            parser_message("something else went wrong", Some("a = 1")),
            None
        );
        // Without the line or a key in the message there is no key to name.
        assert_eq!(
            parser_message("invalid type: string \"x\", expected i64", None),
            None
        );
    }
}
