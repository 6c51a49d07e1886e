//! Text written to the terminal.

use super::Masker;
use std::io::{self, Write};

/// A text sink that masks everything written through it, line by line.
///
/// When the reader goes away (`postie run … | head`), writing fails with a
/// broken pipe: from then on the sink drops what it is given, so the run goes
/// on to the end, writes its reports and exits with its own code, as if the
/// rest had been read.
pub struct Output {
    inner: Box<dyn Write + Send>,
    masker: Masker,
    /// The reader closed the pipe.
    closed: bool,
}

impl Output {
    pub fn new(inner: Box<dyn Write + Send>, masker: Masker) -> Self {
        Output {
            inner,
            masker,
            closed: false,
        }
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

    /// Whether the reader has gone away and output is being dropped.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    fn quietly(&mut self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }

    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.write_all(self.masker.mask(text).as_bytes());
        self.quietly(result)
    }

    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.write_str(text)?;
        if self.closed {
            return Ok(());
        }
        let result = self.inner.write_all(b"\n");
        self.quietly(result)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.quietly(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `room` writes, then fails as a closed pipe does.
    struct Pipe {
        room: usize,
        fail: io::ErrorKind,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(self.fail));
            }
            self.room -= 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_output_quietly_other_errors_do_not() {
        let pipe = Pipe {
            room: 1,
            fail: io::ErrorKind::BrokenPipe,
        };
        let mut out = Output::new(Box::new(pipe), Masker::default());
        out.line("first").unwrap();
        assert!(out.is_closed());
        out.line("dropped").unwrap();
        out.flush().unwrap();
        let full = Pipe {
            room: 0,
            fail: io::ErrorKind::StorageFull,
        };
        let mut out = Output::new(Box::new(full), Masker::default());
        assert!(out.line("x").is_err());
        assert!(!out.is_closed());
    }
}
