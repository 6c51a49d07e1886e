//! The one place output leaves postie: terminal lines and report files both go
//! through here, so secrets can be masked everywhere at once.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

pub const MASK: &str = "********";

/// Replaces known secret values with [`MASK`].
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// Longest first, so a secret containing another is masked whole.
    secrets: Vec<String>,
}

impl Masker {
    pub fn new<I: IntoIterator<Item = String>>(secrets: I) -> Self {
        let mut m = Masker::default();
        for s in secrets {
            m.add(s);
        }
        m
    }

    /// Adds a value to hide. Very short values are ignored: masking every "1" or
    /// "a" would make reports unreadable and hides nothing worth hiding.
    pub fn add(&mut self, secret: String) {
        if secret.len() < 4 || self.secrets.contains(&secret) {
            return;
        }
        self.secrets.push(secret);
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.secrets.is_empty() || !self.secrets.iter().any(|s| text.contains(s.as_str())) {
            return Cow::Borrowed(text);
        }
        let mut out = text.to_string();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), MASK);
            }
        }
        Cow::Owned(out)
    }
}

/// A text sink that masks everything written through it, line by line.
pub struct Output {
    inner: Box<dyn Write + Send>,
    masker: Masker,
}

impl Output {
    pub fn new(inner: Box<dyn Write + Send>, masker: Masker) -> Self {
        Output { inner, masker }
    }

    pub fn stdout(masker: Masker) -> Self {
        Output::new(Box::new(io::stdout()), masker)
    }

    pub fn stderr(masker: Masker) -> Self {
        Output::new(Box::new(io::stderr()), masker)
    }

    pub fn masker(&self) -> &Masker {
        &self.masker
    }

    pub fn masker_mut(&mut self) -> &mut Masker {
        &mut self.masker
    }

    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(self.masker.mask(text).as_bytes())
    }

    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.write_str(text)?;
        self.inner.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a file atomically: into a temporary file beside it, then renamed over
/// the target, so a crash or a full disk never leaves half a report.
pub fn write_atomic(path: &Path, masker: &Masker, content: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
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
    target: std::path::PathBuf,
}

impl AtomicFile {
    pub fn create(path: &Path, masker: Masker) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir)?;
        let tmp = tempfile::NamedTempFile::new_in(&dir)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_longest_secret_first() {
        let m = Masker::new(vec![
            "abcd".to_string(),
            "abcdef".to_string(),
            "x".to_string(),
        ]);
        assert_eq!(m.mask("token=abcdef; x=abcd"), "token=********; x=********");
        assert_eq!(m.mask("nothing here x"), "nothing here x");
    }
}
