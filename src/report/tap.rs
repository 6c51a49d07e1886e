//! The `tap` reporter: the Test Anything Protocol (version 14, which TAP 13
//! readers also read), on standard output or in `--reporter-tap-export FILE`.
//!
//! One test point per assertion, per request error and per script error, and
//! one for a request that has none of those (so every request is counted); a
//! skipped assertion or request is `ok … # SKIP`. Failures carry YAML
//! diagnostics (message, where, iteration, the request, the response status and
//! the diff of a failed comparison). The plan (`1..N`) comes last, since the
//! number is known only at the end; TAP allows that. Every value is masked
//! before it is written, and text from the run can neither break a line nor
//! start a directive (`#` is escaped in descriptions).

use super::diff;
use super::ReportError;
use crate::output::{AtomicFile, Masker, Output};
use crate::runner::events::{Event, Execution, ListenerError, RunListener, Summary};
use crate::script::ScriptKind;
use std::path::{Path, PathBuf};

enum Sink {
    Terminal(Output),
    File {
        file: Option<AtomicFile>,
        path: PathBuf,
    },
}

/// Writes TAP as the run goes.
pub struct TapReporter {
    sink: Sink,
    masker: Masker,
    count: usize,
}

/// What a test point says about a failure.
struct Diagnostics<'a> {
    message: String,
    severity: &'a str,
    at: String,
    diff: Vec<String>,
}

impl TapReporter {
    /// TAP on the terminal (standard output, through `out`).
    pub fn terminal(out: Output) -> Self {
        let masker = out.masker().clone();
        TapReporter {
            sink: Sink::Terminal(out),
            masker,
            count: 0,
        }
    }

    /// TAP into a file, moved into place when the run is done.
    pub fn create(path: &Path, masker: Masker) -> Result<Self, ReportError> {
        // Values are masked one by one before escaping; a text-level mask could
        // not see a secret that escaping changed.
        let file = AtomicFile::create(path, Masker::default()).map_err(|e| ReportError::Write {
            path: path.display().to_string(),
            source: e,
        })?;
        Ok(TapReporter {
            sink: Sink::File {
                file: Some(file),
                path: path.to_path_buf(),
            },
            masker,
            count: 0,
        })
    }

    fn line(&mut self, text: &str) -> Result<(), ReportError> {
        match &mut self.sink {
            Sink::Terminal(out) => out.line(text).map_err(ReportError::Terminal),
            Sink::File { file, path } => match file.as_mut() {
                Some(f) => f
                    .write_str(&format!("{text}\n"))
                    .map_err(|e| ReportError::Write {
                        path: path.display().to_string(),
                        source: e,
                    }),
                None => Ok(()),
            },
        }
    }

    /// A description: masked, on one line, `#` and `\` escaped.
    fn description(&self, text: &str) -> String {
        let masked = self.masker.mask(text);
        let mut out = String::with_capacity(masked.len());
        for c in masked.chars() {
            match c {
                '#' => out.push_str("\\#"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }

    fn point(
        &mut self,
        ok: bool,
        description: &str,
        directive: Option<&str>,
        diag: Option<(&Execution<'_>, Diagnostics<'_>)>,
    ) -> Result<(), ReportError> {
        self.count += 1;
        let mut text = format!(
            "{} {} - {}",
            if ok { "ok" } else { "not ok" },
            self.count,
            self.description(description)
        );
        if let Some(d) = directive {
            text.push_str(&format!(" # {}", self.description(d)));
        }
        self.line(&text)?;
        let Some((e, d)) = diag else {
            return Ok(());
        };
        let mut lines = vec!["  ---".to_string()];
        lines.push(format!("  message: {}", self.yaml(&d.message)));
        lines.push(format!("  severity: {}", d.severity));
        lines.push(format!("  at: {}", self.yaml(&d.at)));
        lines.push(format!("  item: {}", self.yaml(&e.path_name())));
        lines.push(format!("  iteration: {}", e.cursor.iteration + 1));
        if let Some(req) = &e.request {
            lines.push(format!(
                "  request: {}",
                self.yaml(&format!("{} {}", req.method, req.url))
            ));
        }
        if let Some(resp) = &e.response {
            lines.push(format!("  status: {}", resp.code));
            lines.push(format!("  responseTime: {}", resp.time_ms));
        }
        if !d.diff.is_empty() {
            lines.push("  diff:".into());
            for l in &d.diff {
                lines.push(format!("    - {}", yaml_string(l)));
            }
        }
        lines.push("  ...".into());
        for l in lines {
            self.line(&l)?;
        }
        Ok(())
    }

    fn yaml(&self, text: &str) -> String {
        yaml_string(&self.masker.mask(text))
    }

    fn execution(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        let mut name = e.path_name();
        if e.cursor.iterations > 1 {
            name.push_str(&format!(" [iteration {}]", e.cursor.iteration + 1));
        }
        let mut points = 0;
        points += self.script_errors(e, &name, ScriptKind::PreRequest)?;
        if let Some(err) = &e.request_error {
            points += 1;
            let d = Diagnostics {
                message: err.to_string(),
                severity: "fail",
                at: "request".into(),
                diff: Vec::new(),
            };
            self.point(false, &format!("{name} > request"), None, Some((e, d)))?;
        }
        for a in &e.assertions {
            points += 1;
            let desc = format!("{name} > {}", a.name);
            if a.skipped {
                self.point(true, &desc, Some("SKIP pm.test.skip"), None)?;
            } else if a.passed {
                self.point(true, &desc, None, None)?;
            } else {
                let err = a.error.clone().unwrap_or_default();
                let d = Diagnostics {
                    message: err.message,
                    severity: "fail",
                    at: format!("assertion:{} in test-script", a.index),
                    diff: diff::assertion_diff(a, &self.masker)
                        .map(|d| diff::plain(&d))
                        .unwrap_or_default(),
                };
                self.point(false, &desc, None, Some((e, d)))?;
            }
        }
        points += self.script_errors(e, &name, ScriptKind::Test)?;
        if points == 0 {
            let desc = format!("{name} > request");
            if e.skipped {
                self.point(true, &desc, Some("SKIP pm.execution.skipRequest()"), None)?;
            } else {
                self.point(true, &desc, None, None)?;
            }
        }
        Ok(())
    }

    fn script_errors(
        &mut self,
        e: &Execution<'_>,
        name: &str,
        kind: ScriptKind,
    ) -> Result<usize, ReportError> {
        let mut n = 0;
        for record in e.scripts.iter().filter(|s| s.kind == kind) {
            let Some(err) = &record.error else { continue };
            n += 1;
            let at = match (err.line, err.column) {
                (Some(l), Some(c)) => format!("{}-script:{l}:{c}", kind.listen()),
                _ => format!("{}-script", kind.listen()),
            };
            let whose = if record.origin.is_empty() || record.origin == e.item.name {
                String::new()
            } else {
                format!(" ({})", record.origin)
            };
            let d = Diagnostics {
                message: format!("{}: {}", err.name, err.message),
                severity: "error",
                at,
                diff: Vec::new(),
            };
            self.point(
                false,
                &format!("{name} > {}{whose}", kind.label()),
                None,
                Some((e, d)),
            )?;
        }
        Ok(n)
    }

    fn done(&mut self, s: &Summary) -> Result<(), ReportError> {
        self.line(&format!("1..{}", self.count))?;
        if let Some(err) = &s.error {
            // A comment, so readers that stop at a bail-out still see every point.
            let text = format!("# stopped early: {}", self.description(err));
            self.line(&text)?;
        }
        match &mut self.sink {
            Sink::Terminal(out) => out.flush().map_err(ReportError::Terminal),
            Sink::File { file, path } => match file.take() {
                Some(f) => f.commit().map_err(|e| ReportError::Write {
                    path: path.display().to_string(),
                    source: e,
                }),
                None => Ok(()),
            },
        }
    }
}

/// A YAML double-quoted scalar that any YAML 1.1 or 1.2 reader reads back as
/// `text`: printable ASCII as itself, everything else escaped.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

impl RunListener for TapReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl TapReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        match event {
            Event::Start { collection, .. } => {
                self.line("TAP version 14")?;
                let name = format!("# {}", self.description(&collection.info.name));
                self.line(name.trim_end())
            }
            Event::Secret(value) => {
                self.masker.add(value.to_string());
                if let Sink::Terminal(out) = &mut self.sink {
                    out.masker_mut().add(value.to_string());
                }
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
    use crate::report::testutil::{self, SharedBuf, SECRET};

    fn run(n: usize, masker: Masker) -> String {
        let buf = SharedBuf::default();
        let mut r = TapReporter::terminal(Output::new(Box::new(buf.clone()), masker));
        testutil::standard_run(&mut r, n).unwrap();
        buf.text()
    }

    #[test]
    fn writes_points_diagnostics_and_the_plan_last() {
        let text = run(1, Masker::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "TAP version 14");
        assert_eq!(lines[1], "# Demo API");
        assert_eq!(
            lines[2],
            "ok 1 - Users / Admin / Get user > Status code is 200"
        );
        assert_eq!(
            lines[3],
            "not ok 2 - Users / Admin / Get user > Body has name"
        );
        assert_eq!(lines[4], "  ---");
        assert!(text.contains("ok 3 - Users / Admin / Get user > Later # SKIP pm.test.skip\n"));
        assert!(text.contains("not ok 4 - Health > request\n"));
        assert!(text.contains("not ok 5 - Health > test script\n"));
        assert!(text.contains("  severity: error\n"));
        assert!(text.ends_with("1..5\n"), "{text}");
    }

    #[test]
    fn masks_and_escapes() {
        let text = run(2, testutil::masker());
        assert!(!text.contains(SECRET));
        assert!(text.contains("[iteration 2]"));
        assert_eq!(
            yaml_string("a\"b\\c\nd\u{85}é😀"),
            "\"a\\\"b\\\\c\\nd\\u0085\\u00E9\\U0001F600\""
        );
    }
}
