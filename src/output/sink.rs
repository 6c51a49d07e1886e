//! Text written to the terminal.

use super::Masker;
use std::io::{self, Write};

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
