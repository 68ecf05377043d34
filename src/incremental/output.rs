//! The output folder as the engine left it: the folder and the manifest of
//! what was written in, a check that it is still there (and a way to write a
//! whole site without holding it in memory) out.
//!
//! Rebuilds write only the files whose bytes changed, trusting the manifest
//! for the rest. If someone deletes the output folder (or a part of it)
//! while `serve` or `watch` runs, the manifest is wrong: the next rebuild
//! must notice and write everything again, or the preview stays broken
//! until a restart. Checking every file would cost a stat per file on each
//! rebuild; the folder's identity and its top-level entries are checked
//! instead, which catches deleting the folder, replacing it, or removing a
//! whole part of it such as `assets/`.

use crate::render::{self, OutputFile, Sink};
use crate::write::{self, Manifest};
use std::collections::BTreeSet;
use std::io;
use std::path::Path;
use std::sync::Mutex;

/// What the last write left in the output folder.
pub(super) struct Written {
    /// Device and inode of the folder.
    folder: (u64, u64),
    /// The names directly inside it that the manifest lists files under.
    top: BTreeSet<String>,
}

impl Written {
    /// Takes note of `output` as it is after a write of `manifest`.
    pub(super) fn note(output: &Path, manifest: &Manifest) -> Option<Written> {
        let folder = identity(output)?;
        let top = manifest
            .keys()
            .filter_map(|path| path.split('/').next())
            .map(str::to_string)
            .collect();
        Some(Written { folder, top })
    }

    /// Whether `output` is still the folder written, with every part of it
    /// the manifest lists.
    pub(super) fn still_there(&self, output: &Path) -> bool {
        identity(output) == Some(self.folder)
            && self
                .top
                .iter()
                .all(|name| std::fs::symlink_metadata(output.join(name)).is_ok())
    }
}

/// Device and inode of the folder at `path` (links followed); `None` when
/// there is no folder.
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok().filter(|meta| meta.is_dir())?;
    Some((meta.dev(), meta.ino()))
}

/// A render's files go into a staging folder as they are made (as in a
/// build) and their hashes into a manifest, so a whole site is never in
/// memory at once.
pub(super) struct Staged<'a> {
    pub(super) staging: &'a write::Staging,
    pub(super) manifest: Mutex<Manifest>,
}

impl Sink for Staged<'_> {
    fn put(&self, file: &OutputFile) -> io::Result<()> {
        self.staging.write(file)?;
        // The manifest's hash of a file, as `write` makes it for any file.
        let hashed = write::manifest_of(std::slice::from_ref(file));
        self.manifest.lock().expect("not poisoned").extend(hashed);
        Ok(())
    }

    fn stream(&self, path: &str, produce: &render::data::Produce) -> io::Result<()> {
        // Hashed whole, as the manifest needs; one data file at a time.
        self.put(&render::data::produced(path, produce))
    }
}
