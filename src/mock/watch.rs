//! Noticing that a file changed, for `postie mock --watch`: a thread compares
//! the file's modification time and length every so often. Polling needs no
//! platform notification API and sees editors that replace the file (write a
//! copy, rename it over) as well as those that rewrite it in place.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// A running watch; dropping it stops the thread.
#[derive(Debug)]
pub struct FileWatch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// A file's modification time and length at one moment (`None`: not there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp(Option<(SystemTime, u64)>);

impl FileStamp {
    pub fn of(path: &Path) -> FileStamp {
        FileStamp(
            std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len()))),
        )
    }
}

impl FileWatch {
    /// Calls `changed` on the watch thread each time `path` is found different
    /// from `since` (taken before the file was read, so that a change made
    /// while it was being loaded is not missed), checking every `every`. A file
    /// that is briefly missing (while an editor replaces it) counts as changed
    /// once it is back.
    pub fn start(
        path: PathBuf,
        since: FileStamp,
        every: Duration,
        mut changed: impl FnMut() + Send + 'static,
    ) -> std::io::Result<FileWatch> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let mut last = since;
        let thread = std::thread::Builder::new()
            .name("postie-watch".into())
            .spawn(move || {
                while !stopping.load(Ordering::Relaxed) {
                    std::thread::park_timeout(every);
                    if stopping.load(Ordering::Relaxed) {
                        break;
                    }
                    let now = FileStamp::of(&path);
                    if now.0.is_some() && now != last {
                        last = now;
                        changed();
                    }
                }
            })?;
        Ok(FileWatch {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for FileWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn sees_rewrites_and_replacements() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, "one").unwrap();
        let (tx, rx) = mpsc::channel();
        let since = FileStamp::of(&path);
        let watch = FileWatch::start(path.clone(), since, Duration::from_millis(10), move || {
            let _ = tx.send(());
        })
        .unwrap();
        std::fs::write(&path, "longer").unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("rewrite seen");
        let copy = dir.path().join("c.json.tmp");
        std::fs::write(&copy, "replaced!").unwrap();
        std::fs::rename(&copy, &path).unwrap();
        rx.recv_timeout(Duration::from_secs(5))
            .expect("replacement seen");
        drop(watch);
    }
}
