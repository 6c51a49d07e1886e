//! The `progress` reporter: one progress bar over items × iterations on stderr,
//! ending in a one-line result that names the failed items.
//!
//! The bar is drawn only when both standard output and standard error are
//! terminals. Otherwise (a CI log, a pipe) it prints plain lines on standard
//! output instead: one every tenth of the run (`progress: 30/300 requests, 2
//! failed, 4.1s`), then the result line and the list of failures.

use super::{pretty_ms, ReportError};
use crate::collection::request_items;
use crate::output::{Masker, Output};
use crate::runner::events::{Event, ListenerError, RunListener, Summary};
use crate::runner::stats::failures_of;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

/// Failures listed at the end of a plain run; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Shows a progress bar (or plain progress lines) while the run goes.
pub struct ProgressReporter {
    bar: ProgressBar,
    /// Plain lines instead of the bar.
    plain: Option<Output>,
    masker: Masker,
    unicode: bool,
    /// The bar's length came from the runner's cursor (exact after `--folder`).
    length_known: bool,
    failures: usize,
    /// Names of items that failed, in order, each once.
    failed_items: Vec<String>,
    /// "Folder / Request (iteration 2): message" for the plain list.
    failure_lines: Vec<String>,
    started: Instant,
}

impl ProgressReporter {
    /// A bar on stderr when both stdout and stderr are terminals; plain lines on
    /// stdout otherwise. `unicode: false` (for `--disable-unicode`) draws ASCII.
    pub fn new(masker: Masker, unicode: bool) -> Self {
        if std::io::stderr().is_terminal() && std::io::stdout().is_terminal() {
            Self::with_target(ProgressDrawTarget::stderr(), masker, unicode)
        } else {
            Self::plain(Output::stdout(masker.clone()), unicode)
        }
    }

    /// Plain progress lines written to `out`.
    pub fn plain(out: Output, unicode: bool) -> Self {
        let masker = out.masker().clone();
        let mut r = Self::with_target(ProgressDrawTarget::hidden(), masker, unicode);
        r.plain = Some(out);
        r
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
            plain: None,
            masker,
            unicode,
            length_known: false,
            failures: 0,
            failed_items: Vec::new(),
            failure_lines: Vec::new(),
            started: Instant::now(),
        }
    }

    /// The line the bar ends with. A run-level error (`--bail`, `--timeout`) is
    /// only mentioned: the command says it once, on stderr.
    pub fn result_line(&self, s: &Summary) -> String {
        let failed = !s.failures.is_empty() || s.error.is_some();
        let symbol = match (failed, self.unicode) {
            (false, true) => "✓",
            (true, true) => "✗",
            (false, false) => "[ok]",
            (true, false) => "[x]",
        };
        let duration = (s.timings.completed - s.timings.started).max(0) as f64;
        let mut line = format!(
            "{symbol} {}, {}, {} in {}",
            plural(s.stats.requests.total, "request"),
            plural(s.stats.assertions.total, "assertion"),
            plural(s.failures.len(), "failure"),
            pretty_ms(duration, self.unicode)
        );
        if s.error.is_some() {
            line.push_str(" (stopped early)");
        }
        if !self.failed_items.is_empty() {
            let dash = if self.unicode { "—" } else { "-" };
            let shown: Vec<&str> = self
                .failed_items
                .iter()
                .take(5)
                .map(String::as_str)
                .collect();
            line.push_str(&format!(" {dash} failed: {}", shown.join(", ")));
            if self.failed_items.len() > shown.len() {
                line.push_str(&format!(
                    " and {} more",
                    self.failed_items.len() - shown.len()
                ));
            }
        }
        self.masker.mask(&line).into_owned()
    }

    fn message(&self, name: &str) -> String {
        let text = if self.failures == 0 {
            one_line(name)
        } else {
            format!("{} ({} failed)", one_line(name), self.failures)
        };
        self.masker.mask(&text).into_owned()
    }

    /// Every tenth of the planned run, in plain mode.
    fn every(&self) -> u64 {
        self.bar.length().unwrap_or(0).div_ceil(10).max(1)
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text from the run on one line: control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
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
                self.started = Instant::now();
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
                let failures = failures_of(e);
                self.failures += failures.len();
                if !failures.is_empty() {
                    let name = one_line(&e.path_name());
                    if !self.failed_items.contains(&name) {
                        self.failed_items.push(name.clone());
                    }
                    for f in failures {
                        if self.failure_lines.len() >= MAX_LISTED {
                            break;
                        }
                        let iteration = if e.cursor.iterations > 1 {
                            format!(" (iteration {})", e.cursor.iteration + 1)
                        } else {
                            String::new()
                        };
                        let what = f.test.as_deref().unwrap_or(&f.name);
                        self.failure_lines.push(format!(
                            "{name}{iteration} > {}: {}",
                            one_line(what),
                            one_line(&f.message)
                        ));
                    }
                }
                // `setNextRequest` loops can run more items than planned.
                let pos = self.bar.position() + 1;
                if pos > self.bar.length().unwrap_or(0) {
                    self.bar.set_length(pos);
                }
                self.bar.set_position(pos);
                if pos.is_multiple_of(self.every()) {
                    let line = format!(
                        "progress: {pos}/{} requests, {} failed, {}",
                        self.bar.length().unwrap_or(pos),
                        self.failures,
                        pretty_ms(self.started.elapsed().as_secs_f64() * 1000.0, self.unicode)
                    );
                    if let Some(out) = self.plain.as_mut() {
                        out.line(&line)?;
                    }
                }
            }
            Event::Secret(value) => {
                self.masker.add(value.to_string());
                if let Some(out) = self.plain.as_mut() {
                    out.masker_mut().add(value.to_string());
                }
            }
            Event::Done(s) => {
                let line = self.result_line(s);
                if let Some(out) = self.plain.as_mut() {
                    out.line(&line)?;
                    let total = s.failures.len();
                    for (i, l) in self.failure_lines.iter().enumerate() {
                        out.line(&format!("{:>4}. {l}", i + 1))?;
                    }
                    if total > self.failure_lines.len() {
                        out.line(&format!(
                            "      … and {} more failures",
                            total - self.failure_lines.len()
                        ))?;
                    }
                    out.flush()?;
                } else {
                    if let Ok(style) = ProgressStyle::with_template("{msg}") {
                        self.bar.set_style(style);
                    }
                    self.bar.finish_with_message(line);
                }
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
            "[x] 1 request, 3 assertions, 0 failures in 1m 5.2s (stopped early)"
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
    fn plain_lines_when_not_on_a_terminal() {
        let buf = testutil::SharedBuf::default();
        let mut r =
            ProgressReporter::plain(Output::new(Box::new(buf.clone()), testutil::masker()), true);
        testutil::standard_run(&mut r, 3).unwrap();
        let text = buf.text();
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with("progress: 1/6 requests, 1 failed, "),
            "{text}"
        );
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("progress: ")).count(),
            6
        );
        assert!(text.contains(
            "✗ 6 requests, 9 assertions, 9 failures in 1234ms — failed: Users / Admin / Get user, Health\n"
        ), "{text}");
        assert!(text.contains("   1. Users / Admin / Get user (iteration 1) > Body has name: expected '********' to equal 'Ann'\n"), "{text}");
        assert!(
            text.contains("   9. Health (iteration 3) > TypeError: "),
            "{text}"
        );
        assert!(!text.contains(SECRET));
    }
}
