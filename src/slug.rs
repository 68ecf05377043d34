//! Slugs and folded keys: text in, URL-safe ASCII or a comparison key out.

/// A URL slug: ASCII lower case, words joined by `-`, nothing else.
///
/// Accents are transliterated ("José María" -> "jose-maria"); text with no
/// letters or digits at all gives an empty slug, which callers must handle.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A comparison key for names: transliterated, lower case, letters and single spaces.
pub fn fold(text: &str) -> String {
    slugify(text).replace('-', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("José María Aznar", "jose-maria-aznar"),
            ("  Hello,  World! ", "hello-world"),
            ("../../x", "x"),
            ("Al-Sudani’s Office", "al-sudani-s-office"),
            ("“”", ""),
            ("2024 — the year", "2024-the-year"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slug of {input:?}");
        }
    }

    #[test]
    fn folds_names() {
        assert_eq!(fold("José María"), fold("Jose Maria"));
        assert_eq!(fold("al-Sudani"), fold("Al-Sudani"));
    }
}
