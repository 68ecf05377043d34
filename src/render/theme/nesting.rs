//! How deeply one template's text nests, read before Tera parses it. In: a
//! template's text. Out: the line of the first tag past a limit and what to
//! do about it.
//!
//! Tera's parser and renderer go one call deeper for each level of `if`,
//! `for`, `block`, `macro` and `filter`, and for each bracket or operator
//! inside a tag;
//! a few hundred levels overflow the stack and abort the program before
//! any error can be reported. Real templates nest a handful deep.

/// The most `if`, `for`, `block`, `macro` and `filter` tags open at once.
pub const MAX_TAG_NESTING: usize = 32;

/// The most brackets and parentheses open at once inside one tag.
pub const MAX_BRACKET_NESTING: usize = 32;

/// The most operators in one tag: Tera nests `a + b + c` one level per `+`.
pub const MAX_OPERATORS: usize = 64;

const OPENING_TAGS: [&str; 5] = ["if", "for", "block", "macro", "filter"];
const CLOSING_TAGS: [&str; 5] = ["endif", "endfor", "endblock", "endmacro", "endfilter"];

/// The line and description of the first place `text` nests past a limit.
pub fn too_deep(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let line_at = |at: usize| 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let closing: &str = match bytes.get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => {
                at = text[start + 2..]
                    .find("#}")
                    .map_or(text.len(), |end| start + 2 + end + 2);
                continue;
            }
            _ => {
                at = start + 1;
                continue;
            }
        };
        let (end, brackets) = scan_tag(&text[start + 2..], closing);
        let body = &text[start + 2..start + 2 + end];
        if brackets > MAX_BRACKET_NESTING {
            return Some((
                line_at(start),
                format!(
                    "a tag nests brackets {brackets} deep; Backstory allows {MAX_BRACKET_NESTING}"
                ),
            ));
        }
        let operators = operators(body);
        if operators > MAX_OPERATORS {
            return Some((
                line_at(start),
                format!(
                    "a tag has {operators} operators; Backstory allows {MAX_OPERATORS} in one tag"
                ),
            ));
        }
        at = (start + 2 + end + closing.len()).min(text.len());
        if closing != "%}" {
            continue;
        }
        let word = body
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('-');
        if word == "raw" {
            // Nothing up to `endraw` is a tag.
            at = text[at..].find("endraw").map_or(text.len(), |end| at + end);
        } else if OPENING_TAGS.contains(&word) {
            depth += 1;
            if depth > MAX_TAG_NESTING {
                return Some((
                    line_at(start),
                    format!(
                        "tags are nested more than {MAX_TAG_NESTING} deep here \
                         (`if`, `for`, `block`, `macro` and `filter` inside one another)"
                    ),
                ));
            }
        } else if CLOSING_TAGS.contains(&word) {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// The length of a tag's body up to `closing` (outside quotes), and the
/// deepest its brackets nest.
fn scan_tag(body: &str, closing: &str) -> (usize, usize) {
    let mut quote: Option<u8> = None;
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = body.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            None => match byte {
                b'"' | b'\'' | b'`' => quote = Some(byte),
                b'(' | b'[' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b')' | b']' => depth = depth.saturating_sub(1),
                _ if bytes[at..].starts_with(closing.as_bytes()) => return (at, deepest),
                _ => {}
            },
        }
    }
    (body.len(), deepest)
}

/// The operators in a tag's body outside quotes: symbols, and the words
/// `and`, `or`, `not`, `in` and `is`.
fn operators(body: &str) -> usize {
    let mut count = 0;
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let end_word = |word: &mut String, count: &mut usize| {
        if matches!(word.as_str(), "and" | "or" | "not" | "in" | "is") {
            *count += 1;
        }
        word.clear();
    };
    for c in body.chars() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c.is_alphanumeric() || c == '_' => word.push(c),
            None => {
                end_word(&mut word, &mut count);
                match c {
                    '"' | '\'' | '`' => quote = Some(c),
                    '+' | '-' | '*' | '/' | '%' | '<' | '>' | '=' | '!' | '~' => count += 1,
                    _ => {}
                }
            }
        }
    }
    end_word(&mut word, &mut count);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_brackets_nested_too_deep_and_passes_the_rest() {
        let ifs = |n: usize| format!("{}x{}", "{% if a %}\n".repeat(n), "{% endif %}".repeat(n));
        assert_eq!(too_deep(&ifs(MAX_TAG_NESTING)), None);
        let (line, message) = too_deep(&ifs(MAX_TAG_NESTING + 1)).unwrap();
        assert_eq!(line, MAX_TAG_NESTING + 1);
        assert!(message.contains("nested more than 32"), "{message}");
        // Closed tags do not add up.
        assert_eq!(too_deep(&"{% for a in b %}{% endfor %}".repeat(100)), None);
        let brackets = |n: usize| format!("{{{{ {}1{} }}}}", "(".repeat(n), ")".repeat(n));
        assert_eq!(too_deep(&brackets(MAX_BRACKET_NESTING)), None);
        assert!(too_deep(&brackets(MAX_BRACKET_NESTING + 1)).is_some());
        let sums = |n: usize| format!("{{{{ 1{} }}}}", " + 1".repeat(n));
        assert_eq!(too_deep(&sums(MAX_OPERATORS)), None);
        assert!(too_deep(&sums(MAX_OPERATORS + 1)).is_some());
        // Brackets in strings, comments and raw text are not counted.
        let quoted = format!("{{{{ \"{}\" }}}}", "(".repeat(100));
        assert_eq!(too_deep(&quoted), None);
        assert_eq!(
            too_deep(&format!("{{# {} #}}", "{% if a %}".repeat(100))),
            None
        );
        let raw = format!("{{% raw %}}{}{{% endraw %}}", "{% if a %}".repeat(100));
        assert_eq!(too_deep(&raw), None);
    }
}
