//! The `html` reporter: one self-contained HTML file (`--reporter-html-export`),
//! with its styles and script inline and nothing fetched from the network.
//!
//! The page is rendered from minijinja templates (`templates/`) and written as a
//! stream, like the JSON report: the head when the run starts, one fragment per
//! execution as it arrives (then dropped), the summary at the end; the file is
//! moved into place only when complete. Each execution's fragment sits in an
//! inert `<script type="text/x-postie">` element, and the page's script shows
//! one page of them at a time (filtered by failed only, folder and search), so a
//! report of thousands of requests opens quickly. The address can set the filters
//! (`#failed`, `#folder=Users`, `#q=login`, joined with `&`). CSS puts the summary, written last, at the top.
//!
//! Every string from the run is masked before it reaches a template, and
//! templates escape every value, so a secret cannot hide behind escaping and no
//! text from the run can add markup (nor end the `<script>` element: escaped
//! text holds no `<`).

use super::diff::{self, Tag};
use super::slowest::Slowest;
use super::{filesize, pretty_ms, shown_header, ReportError};
use crate::collection::{request_items, Collection};
use crate::output::{AtomicFile, Masker};
use crate::runner::events::{Event, Execution, ListenerError, RunListener, Summary};
use crate::runner::stats::failures_of;
use crate::script::ScriptKind;
use minijinja::{context, Environment};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Bytes of a body kept in the report; longer bodies are cut and say so.
pub const BODY_KEPT: usize = 64 * 1024;
/// Bytes of a body shown before the "show all" control.
pub const BODY_SHOWN: usize = 4 * 1024;

const HEAD: &str = include_str!("templates/head.html");
const EXECUTION: &str = include_str!("templates/execution.html");
const TAIL: &str = include_str!("templates/tail.html");
const CSS: &str = include_str!("templates/report.css");
const JS: &str = include_str!("templates/report.js");

/// Writes the HTML report as the run goes.
pub struct HtmlReporter {
    path: PathBuf,
    file: Option<AtomicFile>,
    masker: Masker,
    env: Environment<'static>,
    head_written: bool,
    executions: usize,
    failed_executions: usize,
    slowest: Slowest,
}

#[derive(Serialize)]
struct Header {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct Body {
    shown: String,
    /// The rest of the kept part, behind the "show all" control.
    more: String,
    /// Bytes in the whole body.
    size: usize,
    /// Bytes left out of the report.
    cut: usize,
    binary: bool,
}

#[derive(Serialize)]
struct DiffRow {
    class: &'static str,
    text: String,
}

#[derive(Serialize)]
struct AssertionView {
    name: String,
    state: &'static str,
    message: String,
    diff: Vec<DiffRow>,
}

#[derive(Serialize)]
struct ErrorView {
    what: String,
    message: String,
}

#[derive(Serialize)]
struct ConsoleView {
    level: String,
    text: String,
}

#[derive(Serialize)]
struct ExecutionView {
    n: usize,
    name: String,
    folder: String,
    item: String,
    iteration: usize,
    iterations: usize,
    failed: bool,
    skipped: bool,
    method: String,
    url: String,
    request_headers: Vec<Header>,
    request_body: Option<Body>,
    status: Option<String>,
    status_class: &'static str,
    time: String,
    size: String,
    response_headers: Vec<Header>,
    response_body: Option<Body>,
    assertions: Vec<AssertionView>,
    errors: Vec<ErrorView>,
    console: Vec<ConsoleView>,
    search: String,
}

impl HtmlReporter {
    /// Opens the report: a temporary file beside `path`, renamed over it at `Done`.
    pub fn create(path: &Path, masker: Masker) -> Result<Self, ReportError> {
        let file = AtomicFile::create(path, Masker::default()).map_err(|e| write_error(path, e))?;
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        for (name, source) in [("head", HEAD), ("execution", EXECUTION), ("tail", TAIL)] {
            env.add_template(name, source)
                .map_err(|e| write_error(path, std::io::Error::other(e.to_string())))?;
        }
        Ok(HtmlReporter {
            path: path.to_path_buf(),
            file: Some(file),
            masker,
            env,
            head_written: false,
            executions: 0,
            failed_executions: 0,
            slowest: Slowest::default(),
        })
    }

    fn m(&self, text: &str) -> String {
        self.masker.mask(text).into_owned()
    }

    fn write(&mut self, text: &str) -> Result<(), ReportError> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.write_str(text).map_err(|e| write_error(&self.path, e))
    }

    fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, ReportError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| write_error(&self.path, std::io::Error::other(e.to_string())))
    }

    fn start(&mut self, collection: Option<&Collection>) -> Result<(), ReportError> {
        if self.head_written {
            return Ok(());
        }
        self.head_written = true;
        let name = collection.map(|c| self.m(&c.info.name)).unwrap_or_default();
        let mut folders: Vec<String> = Vec::new();
        if let Some(c) = collection {
            for entry in request_items(c) {
                // Every folder on the way, so a folder's sub-folders are listed too.
                for depth in 1..=entry.parents.len() {
                    let path = self.m(&crate::collection::path_name(
                        entry.parents[..depth].iter().map(|p| p.name.as_str()),
                    ));
                    if !folders.contains(&path) {
                        folders.push(path);
                    }
                }
            }
        }
        let html = self.render(
            "head",
            context! { name, folders, css => CSS, version => env!("CARGO_PKG_VERSION") },
        )?;
        self.write(&html)?;
        self.write("\n")
    }

    fn body(&self, bytes: &[u8]) -> Option<Body> {
        if bytes.is_empty() {
            return None;
        }
        let masked = self.masker.mask_bytes(bytes);
        let text = match std::str::from_utf8(&masked) {
            Ok(t) if !t.contains('\0') => t.to_string(),
            Err(e) if e.valid_up_to() >= BODY_KEPT => {
                String::from_utf8_lossy(&masked[..e.valid_up_to()]).into_owned()
            }
            _ => {
                return Some(Body {
                    shown: String::new(),
                    more: String::new(),
                    size: bytes.len(),
                    cut: bytes.len(),
                    binary: true,
                })
            }
        };
        let kept = floor_char(&text, BODY_KEPT);
        let shown = floor_char(&text, BODY_SHOWN.min(kept));
        Some(Body {
            shown: text[..shown].to_string(),
            more: text[shown..kept].to_string(),
            size: bytes.len(),
            cut: masked.len().saturating_sub(kept),
            binary: false,
        })
    }

    fn view(&self, e: &Execution<'_>) -> ExecutionView {
        let m = &self.masker;
        let (method, url) = match (&e.request, &e.item.request) {
            (Some(r), _) => (r.method.clone(), r.url.clone()),
            (None, Some(r)) => (
                r.method.clone(),
                e.shown_url.clone().unwrap_or_else(|| r.url.to_raw()),
            ),
            (None, None) => (String::new(), String::new()),
        };
        let headers = |list: &[(String, String)]| -> Vec<Header> {
            list.iter()
                .map(|(k, v)| Header {
                    name: self.m(k),
                    value: shown_header(k, v, m).into_owned(),
                })
                .collect()
        };
        let mut assertions = Vec::new();
        for a in &e.assertions {
            let state = if a.skipped {
                "skipped"
            } else if a.passed {
                "passed"
            } else {
                "failed"
            };
            let message = a
                .error
                .as_ref()
                .filter(|_| state == "failed")
                .map(|x| self.m(&x.message))
                .unwrap_or_default();
            let diff = if state == "failed" {
                diff::assertion_diff(a, m)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| DiffRow {
                        class: match l.tag {
                            Tag::Note => "note",
                            Tag::Same => "same",
                            Tag::Expected => "expected",
                            Tag::Actual => "actual",
                        },
                        text: l.plain(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            assertions.push(AssertionView {
                name: self.m(&a.name),
                state,
                message,
                diff,
            });
        }
        let mut errors = Vec::new();
        for kind in [ScriptKind::PreRequest, ScriptKind::Test] {
            for s in e.scripts.iter().filter(|s| s.kind == kind) {
                if let Some(err) = &s.error {
                    let whose = if s.origin.is_empty() || s.origin == e.item.name {
                        String::new()
                    } else {
                        format!(" ({})", s.origin)
                    };
                    errors.push(ErrorView {
                        what: self.m(&format!("{}{whose}", kind.label())),
                        message: self.m(&err.to_string()),
                    });
                }
            }
        }
        if let Some(err) = &e.request_error {
            errors.insert(
                0,
                ErrorView {
                    what: "request".into(),
                    message: self.m(&err.to_string()),
                },
            );
        }
        let failed = !failures_of(e).is_empty();
        let folder = self.m(&crate::collection::path_name(
            e.parents.iter().map(|p| p.name.as_str()),
        ));
        let name = self.m(&e.item.name);
        let item = self.m(&e.path_name());
        let (status, status_class, time, size) = match &e.response {
            Some(r) => (
                Some(self.m(format!("{} {}", r.code, r.status).trim_end())),
                match r.code {
                    0..=299 => "ok",
                    300..=399 => "redirect",
                    _ => "bad",
                },
                pretty_ms(r.time_ms as f64, true),
                filesize(r.size() as u64),
            ),
            None => (None, "none", String::new(), String::new()),
        };
        let method = self.m(&method);
        let url = self.m(&url);
        let mut search = format!("{item} {method} {url}");
        if let Some(s) = &status {
            search.push(' ');
            search.push_str(s);
        }
        for a in &assertions {
            search.push(' ');
            search.push_str(&a.name);
            search.push(' ');
            search.push_str(&a.message);
        }
        for x in &errors {
            search.push(' ');
            search.push_str(&x.message);
        }
        ExecutionView {
            n: self.executions,
            name,
            folder,
            item,
            iteration: e.cursor.iteration + 1,
            iterations: e.cursor.iterations,
            failed,
            skipped: e.skipped,
            method,
            url,
            request_headers: e
                .request
                .as_ref()
                .map(|r| headers(&r.headers))
                .unwrap_or_default(),
            request_body: e
                .request
                .as_ref()
                .and_then(|r| r.body.as_deref())
                .and_then(|b| self.body(b)),
            status,
            status_class,
            time,
            size,
            response_headers: e
                .response
                .as_ref()
                .map(|r| headers(&r.headers))
                .unwrap_or_default(),
            response_body: e.response.as_ref().and_then(|r| self.body(&r.body)),
            assertions,
            errors,
            console: e
                .console
                .iter()
                .map(|c| ConsoleView {
                    level: self.m(&c.level),
                    text: self.m(&c.text),
                })
                .collect(),
            search: search.to_lowercase(),
        }
    }

    fn execution(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        self.start(None)?;
        self.executions += 1;
        self.slowest.add(e);
        let view = self.view(e);
        if view.failed {
            self.failed_executions += 1;
        }
        let mut html = self.render("execution", context! { e => view })?;
        html.push('\n');
        self.write(&html)
    }

    fn done(&mut self, s: &Summary) -> Result<(), ReportError> {
        self.start(None)?;
        let stats = [
            ("iterations", s.stats.iterations),
            ("requests", s.stats.requests),
            ("test-scripts", s.stats.test_scripts),
            ("prerequest-scripts", s.stats.prerequest_scripts),
            ("assertions", s.stats.assertions),
        ]
        .iter()
        .map(|(label, c)| context! { label, total => c.total, failed => c.failed })
        .collect::<Vec<_>>();
        let t = &s.timings;
        let slowest = self
            .slowest
            .sorted()
            .iter()
            .map(|r| {
                context! {
                    time => pretty_ms(r.time_ms as f64, true),
                    method => self.m(&r.method),
                    url => self.m(&r.url),
                    item => self.m(&r.name),
                    iteration => r.iteration + 1,
                    iterations => r.iterations,
                }
            })
            .collect::<Vec<_>>();
        let html = self.render(
            "tail",
            context! {
                stats,
                executions => self.executions,
                failed_executions => self.failed_executions,
                failures => s.failures.len(),
                duration => pretty_ms((t.completed - t.started).max(0) as f64, true),
                received => filesize(s.response_total),
                average => pretty_ms(t.average(), true),
                min => pretty_ms(t.min_ms, true),
                max => pretty_ms(t.max_ms, true),
                error => s.error.as_ref().map(|e| self.m(e)),
                started => chrono::DateTime::from_timestamp_millis(t.started)
                    .unwrap_or_default()
                    .format("%Y-%m-%d %H:%M:%S UTC")
                    .to_string(),
                slowest,
                js => JS,
            },
        )?;
        self.write(&html)?;
        if let Some(file) = self.file.take() {
            file.commit().map_err(|e| write_error(&self.path, e))?;
        }
        Ok(())
    }
}

/// The largest character boundary of `text` at or below `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn write_error(path: &Path, source: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.display().to_string(),
        source,
    }
}

impl RunListener for HtmlReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl HtmlReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        match event {
            Event::Start { collection, .. } => self.start(Some(collection)),
            Event::Secret(value) => {
                self.masker.add(value.to_string());
                Ok(())
            }
            Event::Item(e) => self.execution(e),
            Event::Done(s) => self.done(s),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil::{self, SECRET};

    fn report(n: usize, masker: Masker) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        let mut r = HtmlReporter::create(&path, masker).unwrap();
        testutil::standard_run(&mut r, n).unwrap();
        std::fs::read_to_string(&path).unwrap()
    }

    #[test]
    fn one_file_with_a_fragment_per_execution_and_the_summary() {
        let html = report(2, testutil::masker());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert_eq!(html.matches("<script type=\"text/x-postie\"").count(), 4);
        assert_eq!(html.matches("data-failed=\"1\"").count(), 4);
        assert!(html.contains("data-stat=\"requests-total\">"));
        assert!(!html.contains(SECRET));
        assert!(!html.contains("http://") || !html.contains("<link"));
        assert!(!html.contains(" src=\"http"));
        // Each fragment stays inside its script element.
        for frag in html.split("<script type=\"text/x-postie\"").skip(1) {
            let body = &frag[..frag.find("</script>").unwrap()];
            assert!(!body.contains("<script"), "{body}");
        }
    }

    #[test]
    fn hostile_text_cannot_add_markup() {
        let mut c = testutil::collection();
        c.item[1].name = "</script><img src=x onerror=alert(1)><!--".into();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        let mut r = HtmlReporter::create(&path, Masker::default()).unwrap();
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::health(&c);
        let e = testutil::execution(item, parents, testutil::cursor(0, 1, 0, 1));
        r.event(&Event::Item(&e)).unwrap();
        r.event(&Event::Done(&testutil::summary(0))).unwrap();
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(!html.contains("<img"));
        assert!(!html.contains("</script><img"));
        assert_eq!(html.matches("</script>").count(), 2);
        assert!(html.contains("&lt;&#x2f;script&gt;&lt;img"));
    }

    #[test]
    fn long_bodies_are_cut_with_the_rest_behind_a_control() {
        let r = HtmlReporter::create(
            &tempfile::tempdir().unwrap().path().join("x.html"),
            Masker::default(),
        )
        .unwrap();
        let big = "é".repeat(BODY_KEPT);
        let b = r.body(big.as_bytes()).unwrap();
        assert_eq!(b.shown.len(), BODY_SHOWN);
        assert_eq!(b.shown.len() + b.more.len(), BODY_KEPT);
        assert_eq!(b.cut, BODY_KEPT);
        assert!(r.body(&[0, 1]).unwrap().binary);
    }
}
