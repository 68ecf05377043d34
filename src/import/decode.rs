//! A page's bytes in, its text out, decoded with the charset the page
//! declares: a byte-order mark first, then the HTTP `Content-Type` header,
//! then a `<meta charset>` (or `http-equiv`) near the top, as browsers do.
//! A page that declares nothing is read as UTF-8 when it is valid UTF-8,
//! else as Windows-1252, the usual charset of old Western pages.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for. Browsers look at
/// the first 1024 bytes; saved pages often put a long comment first.
const META_WINDOW: usize = 4096;

/// The page's text and the charset it was read with.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, &'static Encoding) {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| content_type.and_then(charset_of_header))
        .or_else(|| charset_of_meta(&bytes[..bytes.len().min(META_WINDOW)]))
        .unwrap_or_else(|| match std::str::from_utf8(bytes) {
            Ok(_) => UTF_8,
            Err(_) => WINDOWS_1252,
        });
    // A page that claims UTF-16 in a header or meta without a byte-order
    // mark is nearly always ASCII-compatible in fact (browsers do the same).
    let encoding = encoding.output_encoding();
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used)
}

/// `text/html; charset=ISO-8859-1` → ISO-8859-1.
fn charset_of_header(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("charset"))
            .then(|| Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes()))
            .flatten()
    })
}

/// The charset of `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=…">` in `head`, read as ASCII.
fn charset_of_meta(head: &[u8]) -> Option<&'static Encoding> {
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let end = tag.find('>').unwrap_or(tag.len());
        let tag_text = &tag[..end];
        if let Some(at) = tag_text.find("charset") {
            let value = tag_text[at + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'']))
                .unwrap_or("");
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                return Some(encoding);
            }
        }
        rest = &tag[end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_charset_in_order_of_authority() {
        let latin = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert_eq!(
            decode(latin, None).0,
            "<meta charset=\"iso-8859-1\"><p>café</p>"
        );
        let header = Some("text/html; charset=windows-1251");
        assert!(decode(b"<p>\xcf\xf0\xe8</p>", header).0.contains("При"));
        let bom = b"\xef\xbb\xbf<meta charset=latin1><p>caf\xc3\xa9</p>";
        assert!(decode(bom, Some("text/html; charset=latin1"))
            .0
            .contains("café"));
        let http_equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'>\x93\xfa";
        assert!(decode(http_equiv, None).0.ends_with('日'));
    }

    #[test]
    fn undeclared_pages_are_utf8_when_valid_else_windows_1252() {
        assert_eq!(decode("café".as_bytes(), None).0, "café");
        assert_eq!(
            decode(b"caf\xe9 \x93quoted\x94", None).0,
            "café \u{201c}quoted\u{201d}"
        );
    }
}
