//! Write stage: rendered files in, the output folder on disk out.
//!
//! A build writes the whole site into a staging folder beside the output, then
//! swaps the two in one step (an atomic exchange where the system has one), so
//! a failed or killed build never leaves a half-written site: at every instant
//! the output folder holds either the previous site or the new one. Which
//! folder may be replaced, and the lock that keeps two builds apart, is
//! [`claim`]'s business.
//! A file whose bytes are those the previous output already has is not
//! written again but linked from it (a hard link), so a rebuild writes only
//! what changed and unchanged files keep their modification time (a deploy
//! by `rsync` or the like then sends only what changed).
//!
//! Watch mode instead updates the output in place ([`update_site`]): only files
//! whose bytes changed are written (each to a temporary name, then renamed
//! over the old one, so the preview server never reads half a file), and
//! files the site no longer produces are removed.

mod claim;

pub use claim::{claim_output, is_ours, OutputClaim, MARKER, MARKER_TEXT};

use crate::output::OutputFile;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

/// Output path -> hash of the bytes on disk.
pub type Manifest = HashMap<String, u64>;

fn content_hash(bytes: &[u8]) -> u64 {
    crate::fingerprint::hash_of(bytes)
}

/// The manifest of a site just written by [`write_site`].
pub fn manifest_of(files: &[OutputFile]) -> Manifest {
    files
        .par_iter()
        .map(|file| (file.path.clone(), content_hash(&file.bytes)))
        .collect()
}

/// What [`update_site`] changed on disk.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files written, sorted.
    pub written: Vec<String>,
    /// Files removed, sorted.
    pub removed: Vec<String>,
}

/// Brings `output` up to date: `files` are freshly rendered, `unchanged` are
/// paths known to be current on disk; everything else in `manifest` is stale.
pub fn update_site(
    files: &[OutputFile],
    unchanged: &[String],
    output: &Path,
    manifest: &mut Manifest,
) -> io::Result<Changes> {
    let mut changes = Changes {
        written: write_changed(files, output, manifest)?,
        removed: Vec::new(),
    };
    let keep: HashSet<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(unchanged.iter().map(String::as_str))
        .collect();
    let stale: Vec<String> = manifest
        .keys()
        .filter(|path| !keep.contains(path.as_str()))
        .cloned()
        .collect();
    changes.removed = remove_files(&stale, output, manifest)?;
    Ok(changes)
}

/// Removes `paths` from `output` and from `manifest`, and the folders they
/// leave empty; returns the paths, sorted.
pub fn remove_files(
    paths: &[String],
    output: &Path,
    manifest: &mut Manifest,
) -> io::Result<Vec<String>> {
    let mut stale = paths.to_vec();
    stale.sort();
    stale.dedup();
    for path in &stale {
        let target = output.join(safe_relative(path)?);
        match std::fs::remove_file(&target) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
        manifest.remove(path);
        remove_empty_parents(&target, output);
    }
    Ok(stale)
}

/// Writes those of `files` whose bytes differ from what `manifest` records
/// and records them; leaves every other file alone. Returns the paths
/// written, sorted.
pub fn write_changed(
    files: &[OutputFile],
    output: &Path,
    manifest: &mut Manifest,
) -> io::Result<Vec<String>> {
    for file in files {
        safe_relative(&file.path)?;
    }
    let differing: Vec<(&OutputFile, u64)> = files
        .par_iter()
        .map(|file| (file, content_hash(&file.bytes)))
        .filter(|(file, hash)| manifest.get(&file.path) != Some(hash))
        .collect();
    let results: Vec<io::Result<()>> = differing
        .par_iter()
        .map(|(file, _)| replace_file(&output.join(safe_relative(&file.path)?), &file.bytes))
        .collect();
    // Record what did get written even if something else failed.
    let mut written = Vec::new();
    let mut first_error = None;
    for ((file, hash), result) in differing.iter().zip(results) {
        match result {
            Ok(()) => {
                manifest.insert(file.path.clone(), *hash);
                written.push(file.path.clone());
            }
            Err(error) => {
                manifest.remove(&file.path);
                first_error.get_or_insert(error);
            }
        }
    }
    if let Some(error) = first_error {
        return Err(error);
    }
    written.sort();
    Ok(written)
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place.
fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Removes the folders above `file` that became empty, up to (not including) `output`.
fn remove_empty_parents(file: &Path, output: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == output || !current.starts_with(output) {
            break;
        }
        // Fails, harmlessly, when the folder still holds something.
        if std::fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

/// Writes `files` to `output` atomically (stage, then swap).
pub fn write_site(files: &[OutputFile], output: &Path) -> io::Result<()> {
    for file in files {
        safe_relative(&file.path)?;
    }
    let staging = Staging::new(output)?;
    files.par_iter().try_for_each(|file| staging.write(file))?;
    staging.commit()
}

/// A new site being written beside `output`: files go into a staging folder
/// as they are made, and [`Staging::commit`] swaps it in. The staging folder
/// carries the marker from the start, so a later build knows it for ours
/// and removes it if this one is killed. Dropped without a commit, the
/// staging folder is removed and `output` is left as it was.
pub struct Staging {
    output: PathBuf,
    /// Whether `output` held a site when staging began (files may be linked from it).
    previous: bool,
    dir: PathBuf,
    /// Where the previous output waits while the new one is swapped in.
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates a staging folder for `output`, holding only the marker.
    pub fn new(output: &Path) -> io::Result<Staging> {
        let parent = claim::parent_of(output);
        std::fs::create_dir_all(parent)?;
        let name = claim::name_of(output);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if is_ours(&dir) {
            claim::remove_marked(&dir)?;
        } else if std::fs::symlink_metadata(&dir).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is in the way and is not Backstory's", dir.display()),
            ));
        }
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            output: output.to_path_buf(),
            previous: output.is_dir(),
            old: parent.join(format!(".{name}.old-{}", std::process::id())),
            dir,
            committed: false,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file into the staging folder; refuses paths that would
    /// leave it. A file the previous output has with the same bytes is
    /// linked from there instead of written.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        let target = self.place(&file.path)?;
        if self.previous {
            let before = self.output.join(safe_relative(&file.path)?);
            if same_file_bytes(&before, &file.bytes) && std::fs::hard_link(&before, &target).is_ok()
            {
                return Ok(());
            }
        }
        io::Write::write_all(&mut create_fresh(&target)?, &file.bytes)
    }

    /// The staged location of `path`, with its folder made; refuses paths
    /// that would leave the staging folder.
    fn place(&self, path: &str) -> io::Result<PathBuf> {
        let target = self.dir.join(safe_relative(path)?);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        Ok(target)
    }

    /// Swaps the staged site in for `output`; the old one is removed.
    pub fn commit(mut self) -> io::Result<()> {
        if std::fs::symlink_metadata(&self.output).is_err() {
            std::fs::rename(&self.dir, &self.output)?;
            self.committed = true;
            return Ok(());
        }
        match exchange(&self.dir, &self.output) {
            Ok(()) => {
                // The staging name now holds the old site.
                self.committed = true;
                claim::remove_marked(&self.dir)
            }
            Err(error) if exchange_unsupported(&error) => self.commit_in_two_renames(),
            Err(error) => Err(error),
        }
    }

    /// The swap where the system cannot exchange two folders: the old site
    /// steps aside, then the new one moves in. A crash between the two leaves
    /// no output but the old site under a marked name, which the next
    /// build's claim puts back.
    fn commit_in_two_renames(&mut self) -> io::Result<()> {
        std::fs::rename(&self.output, &self.old)?;
        if let Err(error) = std::fs::rename(&self.dir, &self.output) {
            let _ = std::fs::rename(&self.old, &self.output);
            return Err(error);
        }
        self.committed = true;
        claim::remove_marked(&self.old)
    }
}

/// Creates `target` as a new, empty file. A file already at `target` (a
/// second write to one path, which the build reports as a clash) is
/// unlinked first, never opened: it may be a hard link into the previous
/// output, which a failed build must leave as it was.
fn create_fresh(target: &Path) -> io::Result<std::fs::File> {
    let open = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
    };
    match open() {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(target)?;
            open()
        }
        other => other,
    }
}

/// Swaps two folders' names in one step, so no one ever sees neither.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that live across the call,
    // and renameat2 only reads them.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether `error` says the system or the file system cannot exchange
/// folders (rather than that this exchange went wrong).
fn exchange_unsupported(error: &io::Error) -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if matches!(error.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
        return true;
    }
    error.kind() == io::ErrorKind::Unsupported
}

impl crate::render::Sink for Staging {
    fn put(&self, file: &OutputFile) -> io::Result<()> {
        self.write(file)
    }

    fn stream(&self, path: &str, produce: &crate::render::data::Produce) -> io::Result<()> {
        let file = create_fresh(&self.place(path)?)?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        produce(&mut out)?;
        io::Write::flush(&mut out)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = claim::remove_marked(&self.dir);
        }
    }
}

/// Whether `path` is a regular file (not a link to one) holding exactly `bytes`.
fn same_file_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Checks that `path` stays inside the output folder: relative, no `..`, no root.
pub fn safe_relative(path: &str) -> io::Result<PathBuf> {
    let candidate = Path::new(path);
    let safe = !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && candidate
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(candidate.to_path_buf())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {path:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad:?} should be refused");
        }
        for good in ["index.html", "people/x/index.html", "data/sources.json"] {
            assert!(safe_relative(good).is_ok(), "{good:?} should be accepted");
        }
    }

    #[test]
    fn swaps_in_the_new_site_and_keeps_the_old_one_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_site(&[OutputFile::new("a.html", "one")], &output).unwrap();
        write_site(&[OutputFile::new("b.html", "two")], &output).unwrap();
        assert!(!output.join("a.html").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("b.html")).unwrap(),
            "two"
        );
        let failed = write_site(
            &[
                OutputFile::new("c.html", "3"),
                OutputFile::new("../evil", "x"),
            ],
            &output,
        );
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_to_string(output.join("b.html")).unwrap(),
            "two"
        );
        assert!(!dir.path().join("evil").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_unchanged_files_and_writes_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = [
            OutputFile::new("same.html", "unchanged"),
            OutputFile::new("edited.html", "before"),
            OutputFile::new("grown.html", "short"),
        ];
        write_site(&first, &output).unwrap();
        let inode = |name: &str| std::fs::metadata(output.join(name)).unwrap().ino();
        let before = [
            inode("same.html"),
            inode("edited.html"),
            inode("grown.html"),
        ];
        // A link planted in the old output is never carried over.
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "secret").unwrap();
        std::os::unix::fs::symlink(&outside, output.join("planted.html")).unwrap();

        let second = [
            OutputFile::new("same.html", "unchanged"),
            OutputFile::new("edited.html", "after!"),
            OutputFile::new("grown.html", "longer now"),
            OutputFile::new("planted.html", "secret"),
        ];
        write_site(&second, &output).unwrap();
        assert_eq!(
            inode("same.html"),
            before[0],
            "unchanged: the same file, linked"
        );
        assert_ne!(
            inode("edited.html"),
            before[1],
            "same length, other bytes: written"
        );
        assert_ne!(inode("grown.html"), before[2]);
        for file in &second {
            assert_eq!(std::fs::read(output.join(&file.path)).unwrap(), file.bytes);
        }
        let planted = std::fs::symlink_metadata(output.join("planted.html")).unwrap();
        assert!(
            planted.is_file(),
            "written as a file, not linked through the planted link"
        );
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "secret");
    }
}
