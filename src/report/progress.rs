//! The `progress` reporter: one progress bar over items × iterations on stderr,
//! ending in a one-line result. It draws nothing when stderr is not a terminal,
//! so CI logs are not filled with bar redraws.

use super::{pretty_ms, ReportError};
use crate::collection::request_items;
use crate::output::Masker;
use crate::runner::events::{Event, ListenerError, RunListener, Summary};
use crate::runner::stats::failures_of;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Shows a progress bar while the run goes.
pub struct ProgressReporter {
    bar: ProgressBar,
    masker: Masker,
    unicode: bool,
    /// The bar's length came from the runner's cursor (exact after `--folder`).
    length_known: bool,
    failures: usize,
}

impl ProgressReporter {
    /// A bar on stderr, drawn only when stderr is a terminal. `unicode: false`
    /// (for `--disable-unicode`) draws it with ASCII characters.
    pub fn new(masker: Masker, unicode: bool) -> Self {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Self::with_target(target, masker, unicode)
    }

    /// A bar drawn to the given target (tests, or a caller with its own terminal).
    pub fn with_target(target: ProgressDrawTarget, masker: Masker, unicode: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), target);
        let template = "{spinner} [{bar:30}] {pos}/{len} {elapsed} {wide_msg}";
        let mut style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        style = if unicode {
            style.progress_chars("█▉▊▋▌▍▎▏  ")
        } else {
            style
                .progress_chars("=> ")
                .tick_strings(&["-", "\\", "|", "/", "-"])
        };
        bar.set_style(style);
        ProgressReporter {
            bar,
            masker,
            unicode,
            length_known: false,
            failures: 0,
        }
    }

    /// The line the bar ends with.
    pub fn result_line(&self, s: &Summary) -> String {
        let failed = !s.failures.is_empty() || s.error.is_some();
        let symbol = match (failed, self.unicode) {
            (false, true) => "✓",
            (true, true) => "✗",
            (false, false) => "[ok]",
            (true, false) => "[x]",
        };
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let duration = (s.timings.completed - s.timings.started).max(0) as f64;
        let mut line = format!(
            "{symbol} {}, {}, {} in {}",
            plural(s.stats.requests.total, "request"),
            plural(s.stats.assertions.total, "assertion"),
            plural(s.failures.len(), "failure"),
            pretty_ms(duration, self.unicode)
        );
        if let Some(err) = &s.error {
            line.push_str(&format!(" (stopped: {err})"));
        }
        self.masker.mask(&line).into_owned()
    }

    fn message(&self, name: &str) -> String {
        let name: String = name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let text = if self.failures == 0 {
            name
        } else {
            format!("{name} ({} failed)", self.failures)
        };
        self.masker.mask(&text).into_owned()
    }
}

impl RunListener for ProgressReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl ProgressReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        match event {
            Event::Start {
                collection,
                iterations,
                ..
            } => {
                let items = request_items(collection).len() as u64;
                self.bar.set_length(items * (*iterations).max(1) as u64);
                self.bar.set_position(0);
                self.bar.reset_elapsed();
            }
            Event::BeforeItem { cursor, item, .. } => {
                if !self.length_known && cursor.length > 0 {
                    self.length_known = true;
                    self.bar
                        .set_length((cursor.length * cursor.iterations.max(1)) as u64);
                }
                let msg = self.message(&item.name);
                self.bar.set_message(msg);
            }
            Event::Item(e) => {
                self.failures += failures_of(e).len();
                // `setNextRequest` loops can run more items than planned.
                let pos = self.bar.position() + 1;
                if pos > self.bar.length().unwrap_or(0) {
                    self.bar.set_length(pos);
                }
                self.bar.set_position(pos);
            }
            Event::Secret(value) => self.masker.add(value.to_string()),
            Event::Done(s) => {
                let line = self.result_line(s);
                if let Ok(style) = ProgressStyle::with_template("{msg}") {
                    self.bar.set_style(style);
                }
                self.bar.finish_with_message(line);
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil::{self, SECRET};
    use indicatif::TermLike;
    use std::sync::{Arc, Mutex};

    /// A terminal that records what is drawn on it.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<String>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            100
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            let mut t = self.0.lock().unwrap();
            t.push_str(s);
            t.push('\n');
            Ok(())
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn counts_items_times_iterations_and_ends_with_a_result() {
        let screen = Screen::default();
        let mut r = ProgressReporter::with_target(
            ProgressDrawTarget::term_like(Box::new(screen.clone())),
            Masker::default(),
            true,
        );
        testutil::standard_run(&mut r, 3).unwrap();
        assert_eq!(r.bar.length(), Some(6));
        assert_eq!(r.bar.position(), 6);
        assert!(r.bar.is_finished());
        assert_eq!(r.failures, 9);
        let drawn = screen.0.lock().unwrap().clone();
        assert!(
            drawn.contains("✗ 6 requests, 9 assertions, 9 failures in 1234ms"),
            "{drawn}"
        );
    }

    #[test]
    fn result_line_in_ascii_and_for_clean_runs() {
        let r =
            ProgressReporter::with_target(ProgressDrawTarget::hidden(), Masker::default(), false);
        let mut s = testutil::summary(1);
        s.failures.clear();
        s.stats.requests.total = 1;
        s.timings.completed = s.timings.started + 65_200;
        assert_eq!(
            r.result_line(&s),
            "[ok] 1 request, 3 assertions, 0 failures in 1m 5.2s"
        );
        s.error = Some("--bail".into());
        assert_eq!(
            r.result_line(&s),
            "[x] 1 request, 3 assertions, 0 failures in 1m 5.2s (stopped: --bail)"
        );
    }

    #[test]
    fn grows_when_more_items_run_than_planned() {
        let c = testutil::collection();
        let mut r =
            ProgressReporter::with_target(ProgressDrawTarget::hidden(), Masker::default(), true);
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::health(&c);
        for _ in 0..5 {
            let e = testutil::execution(item, parents.clone(), testutil::cursor(0, 1, 1, 2));
            r.event(&Event::BeforeItem {
                cursor: &e.cursor,
                item: e.item,
                parents: &e.parents,
            })
            .unwrap();
            r.event(&Event::Item(&e)).unwrap();
        }
        assert_eq!(r.bar.position(), 5);
        assert_eq!(r.bar.length(), Some(5));
    }

    #[test]
    fn masks_secrets_in_what_it_draws() {
        let screen = Screen::default();
        let mut c = testutil::collection();
        c.item[1].name = format!("call with {SECRET}");
        let mut r = ProgressReporter::with_target(
            ProgressDrawTarget::term_like(Box::new(screen.clone())),
            testutil::masker(),
            true,
        );
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::health(&c);
        let e = testutil::execution(item, parents, testutil::cursor(0, 1, 1, 2));
        r.event(&Event::BeforeItem {
            cursor: &e.cursor,
            item: e.item,
            parents: &e.parents,
        })
        .unwrap();
        assert_eq!(r.bar.message(), "call with ********");
        let mut s = testutil::summary(1);
        s.error = Some(format!("bad {SECRET}"));
        r.event(&Event::Done(&s)).unwrap();
        assert!(!screen.0.lock().unwrap().contains(SECRET));
    }

    #[test]
    fn hidden_when_stderr_is_not_a_terminal() {
        let r = ProgressReporter::new(Masker::default(), true);
        if !std::io::stderr().is_terminal() {
            assert!(r.bar.is_hidden());
        }
    }
}
