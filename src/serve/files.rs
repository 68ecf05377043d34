//! From a request path to a file of the built site: a raw URL path in, a file
//! inside the output folder (or a refusal) out.
//!
//! Only files under the output folder are ever served: the path is decoded one
//! segment at a time, so `%2e%2e` and `%2f` cannot smuggle in `..` or a slash;
//! empty, `.` and `..` segments, backslashes and NUL are refused; and the file
//! found is resolved through symlinks and must still lie inside the output.

use std::path::{Path, PathBuf};

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file to serve.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this path.
    AddSlash(String),
    /// Nothing to serve here (also for anything that would leave the output).
    NotFound,
    /// A malformed path (bad escapes, traversal attempts).
    BadRequest,
}

/// Decodes `%XX` escapes; `None` for a malformed escape.
fn percent_decode(segment: &str) -> Option<Vec<u8>> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = bytes.get(at + 1..at + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    Some(out)
}

/// Finds the file for `raw_path` (the URL path, still percent-encoded) under
/// `output`, which must already be canonical (see [`std::fs::canonicalize`]).
pub fn resolve(output: &Path, raw_path: &str) -> Target {
    let Some(rest) = raw_path.strip_prefix('/') else {
        return Target::BadRequest;
    };
    let mut relative = PathBuf::new();
    let segments: Vec<&str> = rest.split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        if segment.is_empty() && last {
            break; // the trailing slash of a folder
        }
        let Some(decoded) = percent_decode(segment) else {
            return Target::BadRequest;
        };
        let Ok(decoded) = String::from_utf8(decoded) else {
            return Target::NotFound;
        };
        let refused = decoded.is_empty()
            || decoded == "."
            || decoded == ".."
            || decoded.contains(['/', '\\', '\0'])
            || Path::new(&decoded).is_absolute();
        if refused {
            return Target::BadRequest;
        }
        relative.push(decoded);
    }
    let candidate = output.join(&relative);
    // Resolving symlinks here is what keeps a link pointing out of the output from being followed.
    let Ok(real) = std::fs::canonicalize(&candidate) else {
        return Target::NotFound;
    };
    if !real.starts_with(output) {
        return Target::NotFound;
    }
    if real.is_dir() {
        if !raw_path.ends_with('/') {
            return Target::AddSlash(format!("{raw_path}/"));
        }
        // No listings: a folder is served only through its index.html.
        let index = real.join("index.html");
        return match std::fs::canonicalize(&index) {
            Ok(index) if index.starts_with(output) && index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_everything_that_leaves_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir_all(output.join("people/a")).unwrap();
        std::fs::create_dir_all(output.join("empty")).unwrap();
        std::fs::write(output.join("people/a/index.html"), "a").unwrap();
        std::fs::write(output.join("index.html"), "home").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), output.join("link.txt")).unwrap();
        let output = std::fs::canonicalize(&output).unwrap();
        let file = |p: &str| Target::File(output.join(p));
        let table = [
            ("/", file("index.html")),
            ("/people/a/", file("people/a/index.html")),
            ("/people/a/index.html", file("people/a/index.html")),
            ("/people/%61/", file("people/a/index.html")),
            ("/people/a", Target::AddSlash("/people/a/".into())),
            ("/empty/", Target::NotFound),
            ("/missing", Target::NotFound),
            ("/../secret.txt", Target::BadRequest),
            ("/%2e%2e/secret.txt", Target::BadRequest),
            ("/%2E%2E/secret.txt", Target::BadRequest),
            ("/people/..%2f..%2fsecret.txt", Target::BadRequest),
            ("/people%2f..%2f..%2fsecret.txt", Target::BadRequest),
            ("/%2fetc%2fpasswd", Target::BadRequest),
            ("//etc/passwd", Target::BadRequest),
            ("/..\\secret.txt", Target::BadRequest),
            ("/a%00b", Target::BadRequest),
            ("/%zz", Target::BadRequest),
            ("etc/passwd", Target::BadRequest),
        ];
        for (path, expected) in table {
            assert_eq!(resolve(&output, path), expected, "{path}");
        }
        #[cfg(unix)]
        assert_eq!(resolve(&output, "/link.txt"), Target::NotFound);
    }

    #[test]
    fn names_the_common_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("data/people.json")),
            "application/json"
        );
        assert_eq!(content_type(Path::new("x.SVG")), "image/svg+xml");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
