//! Text for people at a terminal: messages in, bytes on standard output or
//! standard error out.
//!
//! Everything Backstory prints goes through here, for two reasons. Names and
//! values in messages come from files (a file name, a sidecar's title), and
//! a terminal obeys the control characters in them: an escape sequence can
//! set the window title or clear the screen, a bidi override reorders the
//! line. [`visible`] shows each such character as an escape (`\x1b`,
//! `\u{202e}`) instead. And a reader that goes away early
//! (`backstory check | head -1`) ends the program quietly, as it ends `cat`
//! or `grep`, instead of making it panic.

use std::borrow::Cow;
use std::io::Write;

/// `text` with every character a terminal acts on shown as an escape; line
/// breaks and tabs are kept, so a message may span lines.
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c != '\n' && c != '\t' && acted_on(c))
}

/// A file name or other one-line value with every character a terminal acts
/// on, line breaks included, shown as an escape.
pub fn visible_name(text: &str) -> Cow<'_, str> {
    escaped(text, acted_on)
}

/// JSON text (which serde_json writes with C0 controls already escaped) with
/// DEL, C1 controls and bidi controls written as `\u` escapes too: the same
/// JSON value, safe to show on a terminal. Those characters only occur inside
/// JSON strings, where `\uXXXX` means the same character.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    // Line breaks and spaces between JSON's tokens are left as they are.
    let unescaped = |c: char| c >= '\u{7f}' && acted_on(c);
    if !json.chars().any(unescaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unescaped(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control characters (C0, DEL, C1) and the invisible characters that
/// change the direction of the text after them.
fn acted_on(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn escaped(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if !escape(c) => out.push(c),
            '\0'..='\u{7f}' => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

/// Prints `text` and a line break on standard output, control characters shown.
pub fn out(text: &str) {
    let mut line = visible(text).into_owned();
    line.push('\n');
    write_or_stop(&mut std::io::stdout().lock(), &line, "standard output");
}

/// Prints `text` and a line break on standard error, control characters shown.
pub fn err(text: &str) {
    let mut line = visible(text).into_owned();
    line.push('\n');
    write_or_stop(&mut std::io::stderr().lock(), &line, "standard error");
}

/// Prints `text` as it is on standard output (JSON, already safe).
pub fn out_raw(text: &str) {
    write_or_stop(&mut std::io::stdout().lock(), text, "standard output");
}

/// Prints styled `text` as it is on standard error, its styles dropped when
/// that is not a terminal. The caller has made the values in it visible
/// (see [`crate::check::report`]); the only escape sequences left are the styles.
pub fn err_styled(text: &str) {
    write_or_stop(&mut anstream::stderr().lock(), text, "standard error");
}

/// The status a shell reports for a program stopped by a closed pipe
/// (128 + SIGPIPE), as `cat`, `grep` and `yes` are: a script with
/// `set -o pipefail` sees that the output was cut short, as it would with them.
pub const CLOSED_PIPE_STATUS: i32 = 141;

/// Writes `text`; a closed pipe ends the program quietly with
/// [`CLOSED_PIPE_STATUS`], any other failure (a full disk) with status 1 and
/// a message on standard error if it can still be written.
fn write_or_stop(stream: &mut impl Write, text: &str, name: &str) {
    let written = stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush());
    match written {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(CLOSED_PIPE_STATUS)
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: cannot write to {name}: {error}");
            std::process::exit(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_what_a_terminal_would_act_on() {
        assert_eq!(visible("plain\ttext\nnext"), "plain\ttext\nnext");
        assert_eq!(visible("a\u{1b}]0;title\u{7}b"), "a\\x1b]0;title\\x07b");
        assert_eq!(visible("\r\u{7f}\u{9b}2J"), "\\x0d\\x7f\\u{9b}2J");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible_name("two\nlines"), "two\\x0alines");
        assert_eq!(visible("Zoë — 東京"), "Zoë — 東京");
    }

    #[test]
    fn json_stays_the_same_value() {
        let value = serde_json::json!({ "file": "a\u{1b}[2J\u{7f}\u{85}\u{202e}b" });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_safe(&text);
        assert!(!safe.chars().any(|c| c != '\n' && acted_on(c)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
