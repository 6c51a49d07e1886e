//! Files written whole or not at all.

use super::Masker;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The folder a file is written in, created if missing.
fn folder_of(path: &Path) -> io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A temporary file beside the target, created with the mode any new file gets
/// (0666 less the umask), not tempfile's private 0600: reports and exports are
/// read by other users and tools (a CI runner's artifact upload), as newman's are.
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(folder_of(path)?)
}

/// Writes a file atomically: into a temporary file beside it, then renamed over
/// the target, so a crash or a full disk never leaves half a report.
pub fn write_atomic(path: &Path, masker: &Masker, content: &str) -> io::Result<()> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(masker.mask(content).as_bytes())?;
    tmp.flush()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A report file written as a stream (large runs do not fit in memory) and only
/// moved into place when complete.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    writer: io::BufWriter<std::fs::File>,
    masker: Masker,
    target: PathBuf,
}

impl AtomicFile {
    pub fn create(path: &Path, masker: Masker) -> io::Result<Self> {
        let tmp = temp_beside(path)?;
        let writer = io::BufWriter::new(tmp.reopen()?);
        Ok(AtomicFile {
            tmp,
            writer,
            masker,
            target: path.to_path_buf(),
        })
    }

    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        self.writer.write_all(self.masker.mask(text).as_bytes())
    }

    /// Adds a value to mask from now on (a token captured during the run).
    pub fn add_secret(&mut self, secret: String) {
        self.masker.add(secret);
    }

    pub fn commit(mut self) -> io::Result<()> {
        self.writer.flush()?;
        drop(self.writer);
        self.tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}
