//! Claiming the output folder: a path from the command line in, an
//! [`OutputClaim`] out (the real folder to write, locked for this process),
//! or a diagnostic saying why Backstory will not write there.
//!
//! A build replaces its output folder whole, so it must be sure the folder is
//! its own before it starts: every folder Backstory writes holds a marker file
//! ([`MARKER`]), and an existing folder that has files but no marker belongs to
//! someone else and is refused unless `--force` hands it over. A path that is a
//! file is refused before anything is touched. A symbolic link (a common deploy
//! set-up: `public -> /var/www/site`) is followed, and the site is built into
//! its target, so the link keeps pointing at the new site.
//!
//! The claim also holds a lock for as long as it lives, so two builds never
//! write one folder at once, and, with the lock held, it repairs what a
//! killed build left: a swap cut short is finished, and staging folders of
//! dead builds are removed (only folders with our name pattern and our
//! marker). The lock is a file in the system's temporary folder named after
//! the output folder's full path: beside the output it would be a file
//! outside the output in the editor's tree, and inside it, it would move
//! with every swap. The operating system releases it when the process ends,
//! however it ends.

use crate::diag::Diagnostic;
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The file that marks a folder as Backstory's output. Its text says what it is
/// for, for whoever finds it.
pub const MARKER: &str = ".backstory-output";

/// What the marker file holds.
pub const MARKER_TEXT: &str =
    "This folder is written by Backstory. Every build replaces all of it.\n\
Backstory refuses to write into a folder that has files but not this one.\n";

/// An output folder this process may replace, and the lock that keeps other
/// Backstory processes out of it until the claim is dropped.
#[derive(Debug)]
pub struct OutputClaim {
    dir: PathBuf,
    // Held open for its lock; the lock goes with the file (and with the process).
    _lock: File,
}

impl OutputClaim {
    /// The folder to write: the output path, or a symbolic link's target.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Claims `output` for a build (see the module header). `force` takes over a
/// folder that has files but no marker. `role` says what this process is
/// ("build", "serve", ...) to any other that finds the folder locked.
pub fn claim_output(output: &Path, force: bool, role: &str) -> Result<OutputClaim, Diagnostic> {
    let dir = resolve(output)?;
    // Refused before anything is made, lock file included.
    if !force && holds_foreign_files(&dir) {
        return Err(Diagnostic::error(
            output,
            None,
            format!(
                "this folder already has files and no sign that Backstory wrote it (no {MARKER} \
                 file); a build replaces everything in it"
            ),
        )
        .hint(
            "choose a new or empty folder with --output, or add --force to let Backstory take \
             this folder over (the files in it will be deleted)",
        ));
    }
    let parent = parent_of(&dir);
    std::fs::create_dir_all(parent).map_err(|error| cannot(parent, "create the folder", &error))?;
    let lock = lock(&dir, role)?;
    recover(&dir).map_err(|error| cannot(parent, "tidy up after an earlier build", &error))?;
    Ok(OutputClaim { dir, _lock: lock })
}

/// The folder a build writes for `output`: itself, or the target of a link.
fn resolve(output: &Path) -> Result<PathBuf, Diagnostic> {
    let meta = match std::fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(output.to_path_buf()),
        Err(error) => return Err(cannot(output, "look at the output folder", &error)),
    };
    if meta.is_dir() {
        return Ok(output.to_path_buf());
    }
    if !meta.file_type().is_symlink() {
        return Err(is_not_a_folder(output, output));
    }
    let target = std::fs::canonicalize(output).map_err(|_| {
        Diagnostic::error(
            output,
            None,
            "this output folder is a symbolic link to a folder that does not exist",
        )
        .hint("create the folder the link points to, or point the link at an existing folder")
    })?;
    if !target.is_dir() {
        return Err(is_not_a_folder(output, &target));
    }
    Ok(target)
}

fn is_not_a_folder(output: &Path, file: &Path) -> Diagnostic {
    let what = if output == file {
        "this output path is a file, not a folder".to_string()
    } else {
        format!(
            "this output path leads to {}, which is a file, not a folder",
            file.display()
        )
    };
    Diagnostic::error(output, None, what)
        .hint("choose a folder with --output (Backstory never replaces a file with a folder)")
}

fn cannot(path: &Path, what: &str, error: &io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("cannot {what}: {error}"))
        .hint("check that the folder exists and that you may write to it")
}

/// The folder holding `dir` (where the lock and staging folders go).
pub(super) fn parent_of(dir: &Path) -> &Path {
    dir.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The name of `dir`, for the names of the files beside it.
pub(super) fn name_of(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Whether `dir` has any entry while lacking the marker.
fn holds_foreign_files(dir: &Path) -> bool {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.next().is_some() && !is_ours(dir)
}

/// Whether `dir` is a real folder (not a link) holding the marker file.
pub fn is_ours(dir: &Path) -> bool {
    let is_dir = std::fs::symlink_metadata(dir).is_ok_and(|meta| meta.is_dir());
    is_dir && std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|meta| meta.is_file())
}

/// Takes the lock on `dir`, or says which process holds it.
fn lock(dir: &Path, role: &str) -> Result<File, Diagnostic> {
    let path = lock_path(dir).map_err(|error| cannot(dir, "find the output folder", &error))?;
    let mut file =
        open_lock_file(&path).map_err(|error| cannot(&path, "open the lock file", &error))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let who = if holder.is_empty() {
                "another Backstory process".to_string()
            } else {
                format!("another Backstory process ({holder})")
            };
            return Err(
                Diagnostic::error(dir, None, format!("{who} is writing this folder")).hint(
                    "wait for it to finish or stop it, or write this build elsewhere with --output",
                ),
            );
        }
        Err(std::fs::TryLockError::Error(error)) => {
            return Err(cannot(&path, "lock the output folder", &error))
        }
    }
    // Who holds it, for the message above; the lock works without it.
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| writeln!(file, "{role}, process {}", std::process::id()));
    Ok(file)
}

/// Opens (or makes) a lock file. Another user's lock file of the same folder
/// may be read-only to us, and a read-only file locks as well.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    match options.open(path) {
        Ok(file) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = file.set_permissions(std::fs::Permissions::from_mode(0o666));
            }
            Ok(file)
        }
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => File::open(path),
        Err(error) => Err(error),
    }
}

/// The lock file of output folder `dir`: one per full path, in a folder of
/// the system's temporary folder that every user may add to (like `/tmp`).
fn lock_path(dir: &Path) -> io::Result<PathBuf> {
    let parent = std::fs::canonicalize(parent_of(dir))?;
    let full = parent.join(name_of(dir));
    let locks = std::env::temp_dir().join("backstory-locks");
    if !locks.is_dir() {
        std::fs::create_dir_all(&locks)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&locks, std::fs::Permissions::from_mode(0o1777));
        }
    }
    let key = stable_hash(full.as_os_str().as_encoded_bytes());
    Ok(locks.join(format!("{key:016x}.lock")))
}

/// FNV-1a: every Backstory process, of any version, must name a folder's
/// lock alike, so the hash may not depend on a library's seed or version.
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A folder left beside the output by a build that did not finish.
#[derive(Debug, PartialEq, Eq)]
enum Leftover {
    /// A new site that was being written.
    Staging,
    /// An old site on its way out of a swap.
    Old,
}

/// Which kind of leftover `entry` is, by its name, for output folder `name`.
fn leftover_kind(entry: &str, name: &str) -> Option<Leftover> {
    let rest = entry
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let (kind, pid) = if let Some(pid) = rest.strip_prefix("staging-") {
        (Leftover::Staging, pid)
    } else {
        (Leftover::Old, rest.strip_prefix("old-")?)
    };
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(kind)
}

/// Repairs what killed builds left beside `dir`; the caller holds the lock, so
/// no live build owns any of it. A swap cut short between its two renames
/// left no `dir` but the old site: that site is put back. Every other leftover
/// that carries the marker is removed; anything without it is not ours and
/// stays.
fn recover(dir: &Path) -> io::Result<()> {
    let (parent, name) = (parent_of(dir), name_of(dir));
    let mut leftovers: Vec<(PathBuf, Leftover)> = std::fs::read_dir(parent)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let kind = leftover_kind(&entry.file_name().to_string_lossy(), &name)?;
            Some((entry.path(), kind))
        })
        .collect();
    // Killed between making its folder and marking it, a build leaves an
    // empty folder: removing that loses nothing.
    leftovers.retain(|(path, _)| std::fs::remove_dir(path).is_err() && is_ours(path));
    leftovers.sort_by(|a, b| a.0.cmp(&b.0));
    if !dir.exists() {
        if let Some(at) = leftovers
            .iter()
            .position(|(_, kind)| *kind == Leftover::Old)
        {
            let (old, _) = leftovers.remove(at);
            std::fs::rename(old, dir)?;
        }
    }
    for (path, _) in leftovers {
        remove_marked(&path)?;
    }
    Ok(())
}

/// Removes a folder of ours, its marker last, so that a removal cut short
/// still leaves a folder the next build knows for ours.
pub(super) fn remove_marked(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_known_by_their_whole_name() {
        assert_eq!(
            leftover_kind(".public.staging-42", "public"),
            Some(Leftover::Staging)
        );
        assert_eq!(
            leftover_kind(".public.old-7", "public"),
            Some(Leftover::Old)
        );
        for other in [
            ".public.staging-",
            ".public.staging-4x",
            ".public.old-1/",
            ".site.staging-42",
            "public.staging-42",
            ".public.lock",
            ".publicx.old-3",
        ] {
            assert_eq!(leftover_kind(other, "public"), None, "{other}");
        }
    }

    fn marked(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(MARKER), MARKER_TEXT).unwrap();
    }

    #[test]
    fn recovery_removes_our_leftovers_and_nothing_else() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        marked(&output);
        marked(&root.path().join(".public.staging-11"));
        marked(&root.path().join(".public.old-12"));
        // Same name pattern, no marker: someone else's.
        let theirs = root.path().join(".public.staging-13");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::write(theirs.join("notes.txt"), "keep").unwrap();
        // Empty: a build killed before it marked its folder.
        std::fs::create_dir(root.path().join(".public.staging-14")).unwrap();
        let claim = claim_output(&output, false, "test").unwrap();
        let mut names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".public.staging-13", "public"]);
        drop(claim);
    }

    #[test]
    fn a_swap_cut_short_gets_its_old_site_back() {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join(".public.old-5");
        marked(&old);
        std::fs::write(old.join("index.html"), "old site").unwrap();
        marked(&root.path().join(".public.staging-5"));
        let output = root.path().join("public");
        claim_output(&output, false, "test").unwrap();
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "old site"
        );
        assert!(!root.path().join(".public.staging-5").exists());
    }

    #[test]
    fn a_second_claim_names_the_holder() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        let first = claim_output(&output, false, "serve").unwrap();
        let refused = claim_output(&output, false, "build").unwrap_err();
        assert!(refused.message.contains("serve, process"), "{refused}");
        drop(first);
        claim_output(&output, false, "build").unwrap();
    }
}
