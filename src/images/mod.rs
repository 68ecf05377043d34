//! Images: the `image` tables of pages, profiles and sidecars in, the
//! resized files to publish and what a template needs to show them out.
//!
//! An editor puts image files in `content/images/` and names one in front
//! matter or a sidecar (`[image]` with `file`, `alt`, and for a source's lead
//! photo `caption` and `credit`). Each file is read once, checked, and
//! resized to a few widths ([`WIDTHS`]) in its own format; the page shows
//! them with `srcset`, its width and height (so nothing moves as it loads),
//! and uses one for its Open Graph card.
//!
//! Resized files are named by the file's name, a digest of its bytes and
//! the width, so the same image always gives the same bytes at the same
//! path, a changed image a new path, and a rebuild can take a file it
//! already made (in memory, or in the last output folder) instead of
//! encoding it again ([`encode::Cache`]).

mod encode;
pub mod view;

pub use encode::Cache;

use crate::diag::Diagnostic;
use crate::output::OutputFile;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder under `content/` that holds image files.
pub const FOLDER: &str = "images";

/// The widths, in pixels, each image is resized to (those narrower than the
/// image; an image narrower than the first is kept at its own width). The
/// smallest suits a phone, the largest a wide screen at double density.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// An `[image]` table, as an editor writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageRef {
    /// The file's path inside `content/images/`.
    pub file: String,
    /// What the image shows, for readers who cannot see it; `""` marks an
    /// image that is only decoration.
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
    /// Who made the image, and its licence.
    #[serde(default)]
    pub credit: Option<String>,
}

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The path in the output folder (`images/NAME-DIGEST-WIDTH.EXT`).
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// An image file ready to show: its resized copies, narrowest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Picture {
    pub variants: Vec<Variant>,
}

impl Picture {
    /// The widest copy: its size is the size the page reserves.
    pub fn largest(&self) -> &Variant {
        self.variants
            .last()
            .expect("a picture has at least one copy")
    }
}

/// The site's images: each file named by some `[image]` (by its path in
/// `content/images/`), and the resized files to publish.
#[derive(Default)]
pub struct Pictures {
    pub by_file: BTreeMap<String, Picture>,
    pub files: Vec<OutputFile>,
}

/// Pictures are made just before rendering, from the image files, not by
/// linking: watch mode checks a patched site graph against a fresh link by
/// their `Debug` text, so the pictures are left out of it.
impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pictures { .. }")
    }
}

impl Pictures {
    /// The picture an `[image]` names, once it was made.
    pub fn get(&self, image: &ImageRef) -> Option<&Picture> {
        self.by_file.get(&image.file)
    }
}

/// Where an `[image]` is written: the file (relative to the site root) and
/// the table itself.
pub struct Owner<'a> {
    pub file: &'a Path,
    pub image: &'a ImageRef,
}

/// Checks every `[image]` of the site in `root` (`owners`) and makes its
/// picture: the pictures, and the problems (errors for an image that
/// cannot be shown, a warning for one without alt text).
pub fn prepare(root: &Path, owners: &[Owner], cache: &Cache) -> (Pictures, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut wanted: BTreeMap<&str, &Owner> = BTreeMap::new();
    for owner in owners {
        let line = || image_line(root, owner.file);
        if owner.image.alt.is_none() {
            problems.push(missing_alt(owner, line()));
        }
        match check_name(root, &owner.image.file) {
            Ok(()) => {
                wanted.entry(owner.image.file.as_str()).or_insert(owner);
            }
            Err(problem) => problems.push(problem.at(owner.file, line())),
        }
    }
    let made: Vec<(&str, Result<encode::Made, Diagnostic>)> = wanted
        .into_par_iter()
        .map(|(file, _)| (file, cache.make(root, file)))
        .collect();
    let mut pictures = Pictures::default();
    for (file, made) in made {
        match made {
            Ok(made) => {
                pictures.files.extend(made.files);
                pictures.by_file.insert(file.to_string(), made.picture);
            }
            Err(problem) => problems.push(problem),
        }
    }
    pictures.files.sort_by(|a, b| a.path.cmp(&b.path));
    pictures.files.dedup_by(|a, b| a.path == b.path);
    (pictures, problems)
}

/// The path of an image file relative to the site root.
pub fn source_path(file: &str) -> PathBuf {
    Path::new("content").join(FOLDER).join(file)
}

/// What is wrong with the name an `[image]` gives, before its place in an
/// editor's file is known.
struct NameProblem {
    message: String,
    hint: String,
}

impl NameProblem {
    fn at(self, file: &Path, line: Option<usize>) -> Diagnostic {
        Diagnostic::error(file, line, self.message).hint(self.hint)
    }
}

/// The image's `file` is a plain relative path to an existing PNG or JPEG
/// file in `content/images/`: nothing outside that folder can be read.
fn check_name(root: &Path, file: &str) -> Result<(), NameProblem> {
    let escapes = file.is_empty()
        || file.contains('\\')
        || Path::new(file)
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        || file.split('/').any(|part| part.starts_with('.'));
    if escapes {
        return Err(NameProblem {
            message: format!("the image `{file}` is not a file name inside content/images/"),
            hint: "write the name of a file in content/images/, such as `file = \"map.png\"` \
                   or `file = \"people/portrait.jpg\"`, without `..`, `/` at the start or a leading dot"
                .into(),
        });
    }
    if encode::Format::of(file).is_none() {
        return Err(NameProblem {
            message: format!("`{file}` is not a PNG or JPEG image"),
            hint: "Backstory resizes .png and .jpg (or .jpeg) files: save the image in one of \
                   those formats (PNG for maps and drawings, JPEG for photographs)"
                .into(),
        });
    }
    let path = root.join(source_path(file));
    let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    if !is_file {
        return Err(NameProblem {
            message: format!("there is no image {}", source_path(file).display()),
            hint: format!(
                "put the image file in content/{FOLDER}/, or correct the name after `file =`{}",
                nearest_hint(root, file)
            ),
        });
    }
    Ok(())
}

/// ", perhaps you meant `x`" for the nearest file name in the image folder.
fn nearest_hint(root: &Path, file: &str) -> String {
    let folder = root.join("content").join(FOLDER);
    let names: Vec<String> = walkdir::WalkDir::new(&folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&folder).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    match crate::diag::nearest(file, names.iter().map(String::as_str), 1).first() {
        Some(name) => format!(" (the folder has `{name}`)"),
        None => String::new(),
    }
}

fn missing_alt(owner: &Owner, line: Option<usize>) -> Diagnostic {
    Diagnostic::warning(
        owner.file,
        line,
        format!(
            "the image `{}` has no alt text, so readers who cannot see it are told nothing",
            owner.image.file
        ),
    )
    .hint(
        "add `alt = \"…\"` to the image, saying in a sentence what it shows; \
         write `alt = \"\"` only if the image is decoration and says nothing",
    )
}

/// The line of the `image` key (or `[image]` table) in the file at `rel`.
fn image_line(root: &Path, rel: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(root.join(rel)).ok()?;
    text.lines().enumerate().find_map(|(index, line)| {
        let line = line.trim_start();
        let table = line.starts_with("[image]");
        let key = line
            .strip_prefix("image")
            .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']));
        (table || key).then_some(index + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_image_folder_are_refused() {
        let root = tempfile::tempdir().unwrap();
        for name in [
            "../site.toml",
            "/etc/passwd",
            "a/../../b.png",
            ".hidden.png",
            "",
        ] {
            let problem = check_name(root.path(), name).err().unwrap();
            assert!(problem.message.contains("not a file name"), "{name}");
        }
        let problem = check_name(root.path(), "map.gif").err().unwrap();
        assert!(problem.message.contains("not a PNG or JPEG"));
        let problem = check_name(root.path(), "map.png").err().unwrap();
        assert!(problem.message.contains("there is no image"));
    }

    #[test]
    fn the_image_key_is_found_as_a_table_or_a_key() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.md"), "+++\ntitle = \"A\"\n[image]\n").unwrap();
        std::fs::write(root.path().join("b.md"), "---\ntitle: B\nimage:\n").unwrap();
        assert_eq!(image_line(root.path(), Path::new("a.md")), Some(3));
        assert_eq!(image_line(root.path(), Path::new("b.md")), Some(3));
    }
}
