//! Files written whole or not at all.
//!
//! Every file is written into a temporary file beside its target and renamed
//! over it when complete, so a crash, a full disk or a second Ctrl-C never
//! leaves half a report, and a failed write leaves the old file as it was
//! (`--export-environment` may name the `-e` file itself). Temporary files that
//! are still open are listed, so an abnormal exit can remove them
//! ([`remove_temporary_files`]).
//!
//! A target that is not a regular file (`/dev/null`, `/dev/stdout`, a named
//! pipe, a socket) is written in place: renaming over it would replace the
//! device or the pipe with a regular file, for every program on the machine
//! when it is `/dev/null` and postie runs as root.

use super::Masker;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files not yet renamed into place or removed.
static LIVE: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn track(path: &Path) {
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    live.get_or_insert_with(HashSet::new)
        .insert(path.to_path_buf());
}

fn untrack(path: &Path) {
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(set) = live.as_mut() {
        set.remove(path);
    }
}

/// Removes every temporary file still being written: for exits that skip
/// destructors (a second Ctrl-C, a panic). Safe to call from any thread.
pub fn remove_temporary_files() {
    // A thread that panicked while holding the lock cannot be waited for.
    let mut live = match LIVE.try_lock() {
        Ok(l) => l,
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    if let Some(set) = live.take() {
        for p in set {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Where the bytes go: the target, or the file a symbolic link at the target
/// points to (so a link stays a link, as when the file is written in place).
fn resolved(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The folder a file is written in, created if missing (as newman does).
fn folder_of(path: &Path) -> io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        let why = match e.kind() {
            io::ErrorKind::AlreadyExists => "a file of that name is in the way".into(),
            _ => reason(&e),
        };
        io::Error::new(
            e.kind(),
            format!("cannot create the folder {}: {why}", dir.display()),
        )
    })?;
    Ok(dir)
}

/// An io error in the user's words.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "no such file or folder".into(),
        _ if e.raw_os_error() == Some(28) => "no space left on the device".into(),
        _ if e.raw_os_error() == Some(30) => "read-only file system".into(),
        _ if e.raw_os_error() == Some(20) => "a part of the path is not a folder".into(),
        _ => e.to_string(),
    }
}

/// Where a file's bytes are written before it is complete.
enum Destination {
    /// A temporary file beside the target, renamed over it when complete.
    Replace(tempfile::NamedTempFile),
    /// The target itself: a device, a named pipe or a socket, which has no
    /// old content to keep and must not be replaced.
    InPlace(std::fs::File),
}

/// Whether `m` is something other than a folder or a regular file.
fn is_special(m: &std::fs::Metadata) -> bool {
    !m.is_file() && !m.is_dir()
}

/// Whether `path` names a stream of this process or a device (`/dev/stdout`,
/// `/dev/fd/3`, `/proc/self/fd/1`): written in place even where the link leads
/// to a regular file (`postie … >log`), which the shell holds open.
fn names_a_stream(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// The destination for `target`: a temporary file beside it with the
/// permissions of the file it will replace, or the target itself when it is
/// not a regular file; a target that cannot be written is refused.
fn destination_for(path: &Path, target: &Path) -> io::Result<Destination> {
    let existing = std::fs::metadata(target).ok();
    if let Some(m) = &existing {
        if m.is_dir() {
            return Err(io::Error::other("is a folder, expected a file"));
        }
        if is_special(m) || names_a_stream(path) {
            // Appending: through `/dev/stdout` into a log the shell opened, the
            // report goes after what was printed, not over it.
            let file = std::fs::OpenOptions::new()
                .append(true)
                .open(target)
                .map_err(|e| io::Error::new(e.kind(), reason(&e)))?;
            return Ok(Destination::InPlace(file));
        }
        if m.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; it was left as it was",
            ));
        }
    }
    let dir = folder_of(target)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".postie-");
    // A new file gets the usual mode (0666 less the umask), as other programs
    // write files, rather than a temporary file's 0600.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(&dir).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot write in {}: {}", dir.display(), reason(&e)),
        )
    })?;
    track(tmp.path());
    if let Some(m) = existing {
        let _ = tmp.as_file().set_permissions(m.permissions());
    }
    Ok(Destination::Replace(tmp))
}

fn persist(tmp: tempfile::NamedTempFile, target: &Path) -> io::Result<()> {
    let at = tmp.path().to_path_buf();
    let result = tmp
        .persist(target)
        .map(drop)
        .map_err(|e| io::Error::new(e.error.kind(), reason(&e.error)));
    untrack(&at);
    result
}

/// Writes a file atomically: into a temporary file beside it, then renamed over
/// the target, so a crash or a full disk never leaves half a file and a failed
/// write leaves the old one intact.
pub fn write_atomic(path: &Path, masker: &Masker, content: &str) -> io::Result<()> {
    let target = resolved(path);
    let bytes = masker.mask(content);
    match destination_for(path, &target)? {
        Destination::InPlace(mut file) => file
            .write_all(bytes.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| io::Error::new(e.kind(), reason(&e))),
        Destination::Replace(mut tmp) => {
            let written = tmp
                .write_all(bytes.as_bytes())
                .and_then(|()| tmp.flush())
                .and_then(|()| tmp.as_file().sync_all());
            if let Err(e) = written {
                untrack(tmp.path());
                return Err(io::Error::new(e.kind(), reason(&e)));
            }
            persist(tmp, &target)
        }
    }
}

/// A report file written as a stream (large runs do not fit in memory) and only
/// moved into place when complete.
pub struct AtomicFile {
    /// None when the target is written in place (see [`Destination::InPlace`]).
    tmp: Option<tempfile::NamedTempFile>,
    writer: io::BufWriter<std::fs::File>,
    masker: Masker,
    target: PathBuf,
}

impl AtomicFile {
    pub fn create(path: &Path, masker: Masker) -> io::Result<Self> {
        let target = resolved(path);
        let (tmp, file) = match destination_for(path, &target)? {
            Destination::Replace(tmp) => {
                let file = tmp.reopen()?;
                (Some(tmp), file)
            }
            Destination::InPlace(file) => (None, file),
        };
        Ok(AtomicFile {
            tmp,
            writer: io::BufWriter::new(file),
            masker,
            target,
        })
    }

    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        self.writer
            .write_all(self.masker.mask(text).as_bytes())
            .map_err(|e| io::Error::new(e.kind(), reason(&e)))
    }

    /// Writes bytes, masked byte-wise ([`Masker::mask_bytes`]).
    pub fn write_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer
            .write_all(&self.masker.mask_bytes(bytes))
            .map_err(|e| io::Error::new(e.kind(), reason(&e)))
    }

    /// Adds a value to mask from now on (a token captured during the run).
    pub fn add_secret(&mut self, secret: String) {
        self.masker.add(secret);
    }

    pub fn commit(mut self) -> io::Result<()> {
        self.writer
            .flush()
            .map_err(|e| io::Error::new(e.kind(), reason(&e)))?;
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        persist(tmp, &self.target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: the temporary file goes (NamedTempFile removes it).
        if let Some(tmp) = &self.tmp {
            untrack(tmp.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_tracked(path: &Path) -> bool {
        LIVE.lock()
            .unwrap()
            .as_ref()
            .is_some_and(|set| set.contains(path))
    }

    #[test]
    fn a_failed_or_abandoned_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        let mut f = AtomicFile::create(&target, Masker::default()).unwrap();
        f.write_str("half").unwrap();
        let tmp = f.tmp.as_ref().unwrap().path().to_path_buf();
        assert!(tmp.exists());
        // Listed for an abnormal exit to remove (removing them here would
        // remove those of other tests running at the same time).
        assert!(is_tracked(&tmp));
        drop(f);
        assert!(!is_tracked(&tmp));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut f = AtomicFile::create(&target, Masker::default()).unwrap();
        f.write_str("whole").unwrap();
        let tmp = f.tmp.as_ref().unwrap().path().to_path_buf();
        f.commit().unwrap();
        assert!(!is_tracked(&tmp));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
    }

    #[test]
    fn a_read_only_target_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("env.json");
        std::fs::write(&target, "old").unwrap();
        let mut p = std::fs::metadata(&target).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&target, p).unwrap();
        let err = write_atomic(&target, &Masker::default(), "new").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_link_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, &Masker::default(), "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}
