//! The `github` reporter: GitHub Actions workflow commands and a job summary.
//!
//! Each failure becomes an `::error file=…,title=…::message` annotation (the
//! collection file, the item and assertion, the message and the diff), escaped
//! as GitHub's documentation asks (`%`, CR and LF in messages; also `:` and `,`
//! in properties). When `GITHUB_STEP_SUMMARY` names a file, a Markdown summary
//! (counts, failures with their diffs, the slowest requests) is appended to it.
//!
//! Text from the collection must not run workflow commands of its own (a
//! `console.log("::add-mask::…")` printed by the cli reporter, a test named
//! `::warning::…`): from the start of the run, workflow commands are stopped with
//! a random token (`::stop-commands::`), and resumed just before the
//! annotations are written at the end (this reporter is the last to hear of the
//! run's end, so nothing from the collection is printed after that).

use super::diff;
use super::slowest::Slowest;
use super::{pretty_ms, ReportError};
use crate::output::{Masker, Output};
use crate::runner::events::{Event, Execution, ListenerError, RunListener, Summary};
use crate::script::ScriptKind;
use std::io::Write as _;
use std::path::PathBuf;

/// Failures kept with their details for annotations and the summary.
pub const MAX_ANNOTATIONS: usize = 50;

struct Entry {
    /// "Folder / Request > assertion"
    title: String,
    message: String,
    iteration: Option<usize>,
    diff: Vec<String>,
}

/// Writes workflow commands on standard output and the job summary.
pub struct GithubReporter {
    out: Output,
    /// The collection file as given on the command line (annotations point at it).
    file: String,
    summary_path: Option<PathBuf>,
    token: String,
    stopped: bool,
    collection_name: String,
    entries: Vec<Entry>,
    more: usize,
    slowest: Slowest,
}

impl GithubReporter {
    /// `summary_path` is `$GITHUB_STEP_SUMMARY` when set.
    pub fn new(out: Output, file: String, summary_path: Option<PathBuf>) -> Self {
        GithubReporter {
            out,
            file,
            summary_path,
            token: crate::uuid_v4::new().simple().to_string(),
            stopped: false,
            collection_name: String::new(),
            entries: Vec::new(),
            more: 0,
            slowest: Slowest::default(),
        }
    }

    fn m(&self, text: &str) -> String {
        self.out.masker().mask(text).into_owned()
    }

    fn add(&mut self, e: &Execution<'_>, what: &str, message: String, diff: Vec<String>) {
        if self.entries.len() >= MAX_ANNOTATIONS {
            self.more += 1;
            return;
        }
        let title = self.m(&format!("{} > {what}", e.path_name()));
        let message = self.m(&message);
        self.entries.push(Entry {
            title,
            message,
            iteration: (e.cursor.iterations > 1).then_some(e.cursor.iteration + 1),
            diff,
        });
    }

    fn execution(&mut self, e: &Execution<'_>) {
        self.slowest.add(e);
        let scripts = |kind: ScriptKind| {
            e.scripts
                .iter()
                .filter(move |s| s.kind == kind)
                .filter_map(|s| s.error.as_ref().map(|err| (s, err)))
        };
        for (s, err) in scripts(ScriptKind::PreRequest) {
            self.add(e, &script_label(e, s), err.to_string(), Vec::new());
        }
        if let Some(err) = &e.request_error {
            self.add(e, "request", err.to_string(), Vec::new());
        }
        for a in e.failed_assertions() {
            let message = a
                .error
                .as_ref()
                .map(|x| x.message.clone())
                .unwrap_or_default();
            let d = diff::assertion_diff(a, self.out.masker())
                .map(|d| diff::plain(&d))
                .unwrap_or_default();
            self.add(e, &a.name, message, d);
        }
        for (s, err) in scripts(ScriptKind::Test) {
            self.add(e, &script_label(e, s), err.to_string(), Vec::new());
        }
    }

    fn resume(&mut self) -> std::io::Result<()> {
        if self.stopped {
            self.stopped = false;
            self.out.line(&format!("::{}::", self.token))?;
        }
        Ok(())
    }

    fn done(&mut self, s: &Summary) -> Result<(), ReportError> {
        self.resume()?;
        let file = property(&self.file);
        for e in &self.entries {
            let mut title = e.title.clone();
            if let Some(i) = e.iteration {
                title.push_str(&format!(" (iteration {i})"));
            }
            let mut message = e.message.clone();
            if !e.diff.is_empty() {
                message.push('\n');
                message.push_str(&e.diff.join("\n"));
            }
            let line = format!(
                "::error file={file},title={}::{}",
                property(&title),
                data(&message)
            );
            self.out.line(&line)?;
        }
        if self.more > 0 {
            let line = format!(
                "::error file={file},title={}::{}",
                property("more failures"),
                data(&format!(
                    "{} more failures are not annotated; see the job summary or the other reports",
                    self.more
                ))
            );
            self.out.line(&line)?;
        }
        self.out.flush()?;
        if let Some(path) = self.summary_path.clone() {
            let text = self.markdown(s);
            let write = || -> std::io::Result<()> {
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)?;
                f.write_all(text.as_bytes())
            };
            write().map_err(|e| ReportError::Write {
                path: path.display().to_string(),
                source: e,
            })?;
        }
        Ok(())
    }

    /// The job summary.
    fn markdown(&self, s: &Summary) -> String {
        let failed = !s.failures.is_empty() || s.error.is_some();
        let duration = (s.timings.completed - s.timings.started).max(0) as f64;
        let mut md = format!(
            "### {} postie: {}\n\n**{} requests, {} assertions, {} failures** in {}\n\n",
            if failed { "❌" } else { "✅" },
            cell(&self.collection_name),
            s.stats.requests.total,
            s.stats.assertions.total,
            s.failures.len(),
            pretty_ms(duration, true)
        );
        if let Some(err) = &s.error {
            md.push_str(&format!("Stopped early: {}\n\n", cell(&self.m(err))));
        }
        md.push_str("| | executed | failed |\n|---|---:|---:|\n");
        for (label, c) in [
            ("iterations", s.stats.iterations),
            ("requests", s.stats.requests),
            ("test-scripts", s.stats.test_scripts),
            ("prerequest-scripts", s.stats.prerequest_scripts),
            ("assertions", s.stats.assertions),
        ] {
            md.push_str(&format!("| {label} | {} | {} |\n", c.total, c.failed));
        }
        if !self.entries.is_empty() {
            md.push_str("\n#### Failures\n\n");
            for (i, e) in self.entries.iter().enumerate() {
                let iteration = e
                    .iteration
                    .map(|n| format!(" (iteration {n})"))
                    .unwrap_or_default();
                md.push_str(&format!(
                    "{}. **{}**{iteration}: {}\n",
                    i + 1,
                    cell(&e.title),
                    cell(&e.message)
                ));
                if !e.diff.is_empty() {
                    let body = e.diff.join("\n");
                    let fence = fence_for(&body);
                    md.push_str(&format!("\n   {fence}diff\n"));
                    for l in &e.diff {
                        md.push_str(&format!("   {l}\n"));
                    }
                    md.push_str(&format!("   {fence}\n\n"));
                }
            }
            if self.more > 0 {
                md.push_str(&format!("\n… and {} more failures.\n", self.more));
            }
        }
        let slow = self.slowest.sorted();
        if !slow.is_empty() {
            md.push_str("\n#### Slowest requests\n\n| time | request | item |\n|---:|---|---|\n");
            for r in slow {
                let iteration = if r.iterations > 1 {
                    format!(" (iteration {})", r.iteration + 1)
                } else {
                    String::new()
                };
                md.push_str(&format!(
                    "| {} | {} {} | {}{iteration} |\n",
                    pretty_ms(r.time_ms as f64, true),
                    cell(&self.m(&r.method)),
                    cell(&self.m(&r.url)),
                    cell(&self.m(&r.name))
                ));
            }
        }
        md.push('\n');
        md
    }
}

impl Drop for GithubReporter {
    /// A run that ends early (a report that cannot be written) still resumes
    /// workflow commands, so the rest of the job step keeps them.
    fn drop(&mut self) {
        let _ = self.resume();
        let _ = self.out.flush();
    }
}

fn script_label(e: &Execution<'_>, s: &crate::runner::events::ScriptRecord) -> String {
    if s.origin.is_empty() || s.origin == e.item.name {
        s.kind.label().to_string()
    } else {
        format!("{} ({})", s.kind.label(), s.origin)
    }
}

/// A workflow command's message (GitHub's `escapeData`).
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (GitHub's `escapeProperty`).
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Text for one line of Markdown (a table cell, a list item): no line breaks, no
/// markup, no HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code fence longer than any run of backticks in the text.
fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

impl RunListener for GithubReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl GithubReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        match event {
            Event::Start { collection, .. } => {
                self.collection_name = self.m(&collection.info.name);
                self.out.line(&format!("::stop-commands::{}", self.token))?;
                self.stopped = true;
                Ok(())
            }
            Event::Secret(value) => {
                self.out.masker_mut().add(value.to_string());
                Ok(())
            }
            Event::Item(e) => {
                self.execution(e);
                Ok(())
            }
            Event::Done(s) => self.done(s),
            _ => Ok(()),
        }
    }
}

/// The masker the reporter masks with (for tests of the wiring).
impl GithubReporter {
    pub fn masker(&self) -> &Masker {
        self.out.masker()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil::{self, SharedBuf, SECRET};

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(cell("a|b\n<i>*x*"), "a\\|b &lt;i&gt;\\*x\\*");
        assert_eq!(fence_for("a ```` b"), "`````");
        assert_eq!(fence_for("plain"), "```");
    }

    #[test]
    fn annotates_failures_inside_stopped_commands_and_writes_a_summary() {
        let dir = tempfile::tempdir().unwrap();
        let summary = dir.path().join("summary.md");
        std::fs::write(&summary, "earlier step\n").unwrap();
        let buf = SharedBuf::default();
        let mut r = GithubReporter::new(
            Output::new(Box::new(buf.clone()), testutil::masker()),
            "c.json".into(),
            Some(summary.clone()),
        );
        testutil::standard_run(&mut r, 2).unwrap();
        drop(r);
        let text = buf.text();
        let lines: Vec<&str> = text.lines().collect();
        let token = lines[0].strip_prefix("::stop-commands::").unwrap();
        assert_eq!(token.len(), 32);
        assert_eq!(lines[1], format!("::{token}::"));
        assert_eq!(lines.len(), 2 + 6, "{text}");
        assert!(lines[2].starts_with(
            "::error file=c.json,title=Users / Admin / Get user > Body has name (iteration 1)::expected '********' to equal 'Ann'"
        ), "{text}");
        assert!(!text.contains(SECRET));
        let md = std::fs::read_to_string(&summary).unwrap();
        assert!(
            md.starts_with("earlier step\n### ❌ postie: Demo API\n"),
            "{md}"
        );
        assert!(md.contains("| assertions | 6 | 2 |"), "{md}");
        assert!(md.contains("#### Slowest requests"));
        assert!(!md.contains(SECRET));
    }
}
