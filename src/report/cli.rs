//! The `cli` reporter: what newman prints on the terminal, as the run goes.
//!
//! The banner, then per item its folder (`❏ Folder / Sub`) when that changes, the
//! item (`↳ Request`), the request line (`  GET url [200 OK, 1.2kB, 35ms]`), its
//! console output and its assertions (`✓` passed, numbered failures); at the end
//! the summary table and the failure table. Every line goes through [`Output`],
//! which masks secrets; text from the run is also masked and stripped of control
//! characters here before it is laid out, so odd input cannot break the layout,
//! inject terminal escapes or slip a secret past the mask by splitting it.

use super::diff::{self, DiffLine, Tag};
use super::failed_request;
use super::slowest::Slowest;
use super::{filesize, pretty_ms, shown_header, ReportError};
use crate::collection::{path_name, Item};
use crate::http::{HttpResponse, RequestError};
use crate::output::Output;
use crate::runner::events::{Event, Execution, ListenerError, RunListener, Summary};
use crate::runner::timeline::Step;
use crate::script::{AssertionResult, ConsoleEntry, ScriptKind};
use std::borrow::Cow;
use std::collections::HashMap;

/// newman's `--reporter-cli-*` options, plus the run-wide `--color`,
/// `--disable-unicode` and `--verbose`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliOptions {
    /// ANSI colours (decide with `--color auto|on|off` before building the reporter).
    pub color: bool,
    /// Box-drawing characters and symbols; off for `--disable-unicode` (plain ASCII).
    pub unicode: bool,
    /// Request and response headers and bodies under each request.
    pub verbose: bool,
    /// The local time in front of each item.
    pub show_timestamps: bool,
    pub no_summary: bool,
    /// No failure table and no inline script-error lines.
    pub no_failures: bool,
    pub no_assertions: bool,
    pub no_success_assertions: bool,
    pub no_console: bool,
    pub no_banner: bool,
    /// Under a request that failed: its response's status, key headers, the start
    /// of its body and a curl command that sends it again.
    pub show_failed_requests: bool,
    /// No list of the slowest requests at the end.
    pub no_slowest: bool,
    /// Console lines are cut into pieces this long, as newman cuts them (the
    /// terminal's width less 6, or 54 off a terminal).
    pub console_width: usize,
}

/// newman's console width when stdout is not a terminal.
pub const CONSOLE_WIDTH: usize = 54;

impl Default for CliOptions {
    fn default() -> Self {
        CliOptions {
            color: false,
            unicode: true,
            verbose: false,
            show_timestamps: false,
            no_summary: false,
            no_failures: false,
            no_assertions: false,
            no_success_assertions: false,
            no_console: false,
            no_banner: false,
            show_failed_requests: false,
            no_slowest: false,
            console_width: CONSOLE_WIDTH,
        }
    }
}

/// The most of a URL the request line shows, in characters: any URL a server
/// accepts is shown whole, as newman shows it; one grown from a runaway variable
/// is cut.
const MAX_SHOWN_URL: usize = 8192;

/// Bodies longer than this are cut in `--verbose` output.
pub const VERBOSE_BODY_LIMIT: usize = 2048;

struct Symbols {
    ok: &'static str,
    /// After the number of an error (a script or request error).
    error_dot: &'static str,
    skipped: &'static str,
    folder: &'static str,
    root: &'static str,
    sub: &'static str,
    warning: &'static str,
    top: &'static str,
    middle: &'static str,
    branch: &'static str,
    bottom: &'static str,
    boxes: Boxes,
}

/// Table borders: corners, tees, crossings and lines.
struct Boxes {
    tl: char,
    tm: char,
    tr: char,
    ml: char,
    mm: char,
    mr: char,
    bl: char,
    bm: char,
    br: char,
    h: char,
    v: char,
}

const UNICODE: Symbols = Symbols {
    ok: "✓",
    error_dot: "⠄",
    skipped: "-",
    folder: "❏",
    root: "→",
    sub: "↳",
    warning: "⚠",
    top: "┌",
    middle: "│",
    branch: "├",
    bottom: "└",
    boxes: Boxes {
        tl: '┌',
        tm: '┬',
        tr: '┐',
        ml: '├',
        mm: '┼',
        mr: '┤',
        bl: '└',
        bm: '┴',
        br: '┘',
        h: '─',
        v: '│',
    },
};

/// newman's plain-text symbols (`--disable-unicode`), but for the dot after an
/// error's number, which newman leaves as `⠄`: here the output stays ASCII.
const ASCII: Symbols = Symbols {
    ok: "Pass",
    error_dot: ".",
    skipped: "-",
    folder: "Folder",
    root: "Root",
    sub: "Sub-folder",
    warning: "!",
    top: "-",
    middle: "|",
    branch: "|",
    bottom: "-",
    boxes: Boxes {
        tl: '-',
        tm: '-',
        tr: '-',
        ml: '-',
        mm: '+',
        mr: '-',
        bl: '-',
        bm: '-',
        br: '-',
        h: '-',
        v: '|',
    },
};

const GRAY: &str = "90";
const RED: &str = "31";
const GREEN: &str = "32";
const YELLOW: &str = "33";
const CYAN: &str = "36";
const RED_BOLD: &str = "1;31";
const RED_UNDERLINE: &str = "4;31";

/// Writes newman-style terminal output for a run.
pub struct CliReporter {
    out: Output,
    opts: CliOptions,
    sym: &'static Symbols,
    /// The folder path last shown, so it is printed only when it changes.
    folder: Option<String>,
    /// Failures shown so far: failed assertions and errors are numbered as the
    /// failure table numbers them.
    failures: usize,
    /// Diffs of failed comparisons by failure number, for the failure table.
    diffs: HashMap<usize, Vec<DiffLine>>,
    slowest: Slowest,
    in_item: bool,
    clock: fn() -> String,
}

/// Failures whose diff is kept for the failure table; later ones show only their message.
const MAX_KEPT_DIFFS: usize = 200;

fn local_time() -> String {
    chrono::Local::now().format("%H:%M:%S%.3f").to_string()
}

impl CliReporter {
    pub fn new(out: Output, opts: CliOptions) -> Self {
        let sym = if opts.unicode { &UNICODE } else { &ASCII };
        CliReporter {
            out,
            opts,
            sym,
            folder: None,
            failures: 0,
            diffs: HashMap::new(),
            slowest: Slowest::default(),
            in_item: false,
            clock: local_time,
        }
    }

    /// Replaces the clock used by `show_timestamps` (tests use a fixed one).
    #[cfg(test)]
    fn with_clock(mut self, clock: fn() -> String) -> Self {
        self.clock = clock;
        self
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.opts.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Masks known secrets in text from the run, before it is cut or coloured.
    fn m<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.out.masker().mask(text)
    }

    /// One line of text from the run: masked, with line breaks and control characters made harmless.
    fn inline(&self, text: &str) -> String {
        inline(&self.m(text))
    }

    fn line(&mut self, text: &str) -> Result<(), ReportError> {
        self.out.line(text)?;
        Ok(())
    }

    fn banner(
        &mut self,
        collection_name: &str,
        mock_base: Option<&str>,
    ) -> Result<(), ReportError> {
        let name = match self.inline(collection_name) {
            n if n.trim().is_empty() => "(unnamed collection)".to_string(),
            n => n,
        };
        self.line("postie")?;
        self.line("")?;
        self.line(&name)?;
        if let Some(url) = mock_base {
            let note = format!(
                "running against the collection's saved examples at {}",
                self.inline(url)
            );
            let note = self.paint(YELLOW, &note);
            self.line(&note)?;
        }
        Ok(())
    }

    fn before_item(&mut self, item: &Item, parents: &[&Item]) -> Result<(), ReportError> {
        self.in_item = true;
        self.line("")?;
        let folder = if parents.is_empty() {
            None
        } else {
            let names: Vec<String> = parents.iter().map(|p| self.inline(&p.name)).collect();
            Some(path_name(names.iter().map(String::as_str)))
        };
        if folder.is_some() && folder != self.folder {
            let text = format!("{} {}", self.sym.folder, folder.as_deref().unwrap_or(""));
            let text = self.paint(GRAY, &text);
            self.line(&text)?;
        }
        self.folder = folder;
        let symbol = if parents.is_empty() {
            self.sym.root
        } else {
            self.sym.sub
        };
        let mut text = format!(
            "{} {}",
            self.paint(GRAY, symbol),
            item_name(&self.inline(&item.name))
        );
        if self.opts.show_timestamps {
            text = format!(
                "{} {text}",
                self.paint(GRAY, &format!("[{}]", (self.clock)()))
            );
        }
        self.line(&text)
    }

    fn next_failure(&mut self) -> usize {
        self.failures += 1;
        self.failures
    }

    /// `  1⠄ TypeError in test-script: message (line 3:5)`
    fn script_errors(&mut self, e: &Execution<'_>, kind: ScriptKind) -> Result<(), ReportError> {
        for record in e.scripts.iter().filter(|s| s.kind == kind) {
            let Some(err) = &record.error else { continue };
            let n = self.next_failure();
            if self.opts.no_failures {
                continue;
            }
            let origin = if record.origin.is_empty() || record.origin == e.item.name {
                String::new()
            } else {
                format!(" ({})", self.inline(&record.origin))
            };
            let position = match (err.line, err.column) {
                (Some(l), Some(c)) => format!(" (line {l}:{c})"),
                (Some(l), None) => format!(" (line {l})"),
                _ => String::new(),
            };
            let text = format!(
                "{:>3}{} {} in {}-script{}: {}{}",
                n,
                self.sym.error_dot,
                self.inline(&err.name),
                kind.listen(),
                origin,
                self.inline(&err.message),
                position
            );
            let text = self.paint(RED, &text);
            self.line(&text)?;
        }
        Ok(())
    }

    fn request_line(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        let (method, url) = match (&e.request, &e.item.request) {
            (Some(r), _) => (
                r.method.clone(),
                e.shown_url.clone().unwrap_or_else(|| r.url.clone()),
            ),
            (None, Some(r)) => (
                r.method.clone(),
                e.shown_url.clone().unwrap_or_else(|| r.url.to_raw()),
            ),
            (None, None) => (String::new(), String::new()),
        };
        if e.skipped {
            let target = self.target(&method, &url);
            let text = format!("{target} [skipped: pm.execution.skipRequest() was called]");
            let text = self.paint(CYAN, &text);
            return self.line(&text);
        }
        let ended = match (&e.response, &e.request_error) {
            (Some(r), _) => Some(Ok(r)),
            (None, Some(err)) => Some(Err(err)),
            (None, None) => None,
        };
        // Each round trip of the auth's handshake is a request line of its own, as newman prints it.
        for h in &e.handshake {
            self.exchange(&h.request.method, &url, Ok(&h.response), None)?;
        }
        match ended {
            Some(ended) => self.exchange(&method, &url, ended, e.attempts),
            None if e.request.is_some() => {
                let text = self.paint(GRAY, &self.target(&method, &url));
                self.line(&text)
            }
            None => Ok(()),
        }
    }

    /// `  GET http://…` as the request line starts.
    fn target(&self, method: &str, url: &str) -> String {
        let url = crate::output::clip(url, MAX_SHOWN_URL);
        format!("  {} {}", self.inline(method), self.inline(&url))
    }

    /// A request and how it ended: `  GET url [200 OK, 1kB, 3ms]`, or
    /// `[errored]` and the error on the next line.
    fn exchange(
        &mut self,
        method: &str,
        url: &str,
        ended: Result<&HttpResponse, &RequestError>,
        attempts: Option<u32>,
    ) -> Result<(), ReportError> {
        let target = self.target(method, url);
        match ended {
            Ok(resp) => {
                let status = format!("{} {}", resp.code, self.inline(&resp.status));
                let color = match resp.code {
                    0..=299 => GREEN,
                    300..=399 => CYAN,
                    _ => RED,
                };
                let text = format!(
                    "{} [{}, {}, {}{}]",
                    self.paint(GRAY, &target),
                    self.paint(color, status.trim_end()),
                    filesize(resp.size() as u64),
                    pretty_ms(resp.time_ms as f64, self.opts.unicode),
                    attempts_note(attempts)
                );
                self.line(&text)
            }
            Err(err) => {
                let text = format!("{target} [errored{}]", attempts_note(attempts));
                let text = self.paint(RED, &text);
                self.line(&text)?;
                // Counted, but not numbered on the line, as newman shows it.
                self.next_failure();
                let text = format!("     {}", self.inline(&err.to_string()));
                let text = self.paint(RED, &text);
                self.line(&text)
            }
        }
    }

    /// The requests a script of `kind` sent with `pm.sendRequest` whose answer
    /// came after `from` and up to `to` of the item's assertions, as newman
    /// prints them.
    /// What one phase's scripts printed, asserted and sent, in the order they did
    /// (as newman prints each as it happens), then their errors.
    fn phase(&mut self, e: &Execution<'_>, kind: ScriptKind) -> Result<(), ReportError> {
        for step in e.timeline(kind) {
            match step {
                Step::Console(lines) => self.console(&e.console[lines])?,
                Step::Assertion(i) => self.assertion(&e.assertions[i])?,
                Step::Sent(s) => {
                    let ended = match (&s.response, &s.error) {
                        (Some(r), _) => Ok(r),
                        (None, Some(err)) => Err(err),
                        // Every request a script sent ended one way or the other.
                        (None, None) => continue,
                    };
                    self.exchange(&s.request.method, &s.shown_url, ended, None)?;
                }
            }
        }
        self.script_errors(e, kind)
    }

    fn verbose(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
        let masker = self.out.masker().clone();
        if let Some(req) = &e.request {
            let headers = req
                .headers
                .iter()
                .map(|(k, v)| format!("{}: {}", inline(k), inline(&shown_header(k, v, &masker))))
                .collect::<Vec<_>>();
            if !headers.is_empty() {
                sections.push(("Request Headers", headers));
            }
            if let Some(body) = req.body.as_deref().filter(|b| !b.is_empty()) {
                sections.push(("Request Body", body_lines(body, &masker)));
            }
        }
        if let Some(resp) = &e.response {
            let headers = resp
                .headers
                .iter()
                .map(|(k, v)| format!("{}: {}", inline(k), inline(&shown_header(k, v, &masker))))
                .collect::<Vec<_>>();
            if !headers.is_empty() {
                sections.push(("Response Headers", headers));
            }
            if !resp.body.is_empty() {
                sections.push(("Response Body", body_lines(&resp.body, &masker)));
            }
        }
        if sections.is_empty() {
            return Ok(());
        }
        for (i, (title, lines)) in sections.iter().enumerate() {
            let corner = if i == 0 {
                self.sym.top
            } else {
                self.sym.branch
            };
            let text = self.paint(GRAY, &format!("  {corner} {title}"));
            self.line(&text)?;
            for l in lines {
                let text = format!(
                    "{} {l}",
                    self.paint(GRAY, &format!("  {}", self.sym.middle))
                );
                self.line(&text)?;
            }
        }
        let text = self.paint(GRAY, &format!("  {}", self.sym.bottom));
        self.line(&text)
    }

    /// One console block: the lines the pre-request scripts wrote go before the
    /// request line, the others after it, as newman prints them.
    fn console(&mut self, entries: &[ConsoleEntry]) -> Result<(), ReportError> {
        if self.opts.no_console || entries.is_empty() {
            return Ok(());
        }
        let text = self.paint(GRAY, &format!("  {}", self.sym.top));
        self.line(&text)?;
        for entry in entries {
            let color = match entry.level.as_str() {
                "warn" => YELLOW,
                "error" => RED,
                _ => GRAY,
            };
            // newman's form quotes and escapes strings, which could hide a secret
            // from the masker (a `\` doubled): a line that carries one is printed
            // in newman's form only when the masker finds as many secrets there as
            // in Node's form, else in Node's form, where they appear as they are.
            let masked = match (self.m(&entry.text), &entry.shown) {
                (Cow::Borrowed(_), Some(shown)) => self.m(shown).into_owned(),
                (Cow::Owned(text), Some(shown)) => {
                    let in_shown = self.m(shown);
                    let masks = |t: &str| t.matches(crate::output::MASK).count();
                    let found =
                        |before: &str, after: &str| masks(after) - masks(before).min(masks(after));
                    if found(shown, &in_shown) == found(&entry.text, &text) {
                        in_shown.into_owned()
                    } else {
                        text
                    }
                }
                (text, None) => text.into_owned(),
            };
            for l in console_lines(&masked, self.opts.console_width) {
                let text = format!(
                    "{} {}",
                    self.paint(GRAY, &format!("  {}", self.sym.middle)),
                    self.paint(color, &l)
                );
                self.line(&text)?;
            }
        }
        let text = self.paint(GRAY, &format!("  {}", self.sym.bottom));
        self.line(&text)
    }

    fn assertion(&mut self, a: &AssertionResult) -> Result<(), ReportError> {
        let name = self.inline(&a.name);
        let shown = !self.opts.no_assertions;
        if a.skipped {
            if shown && !self.opts.no_success_assertions {
                let text = format!(
                    "{} {}",
                    self.paint(CYAN, &format!("  {} ", self.sym.skipped)),
                    self.paint(CYAN, &format!("[skipped] {name}"))
                );
                self.line(&text)?;
            }
        } else if a.passed {
            if shown && !self.opts.no_success_assertions {
                let text = format!(
                    "{} {}",
                    self.paint(GREEN, &format!("  {} ", self.sym.ok)),
                    self.paint(GRAY, &name)
                );
                self.line(&text)?;
            }
        } else {
            let n = self.next_failure();
            if self.diffs.len() < MAX_KEPT_DIFFS {
                if let Some(d) = diff::assertion_diff(a, self.out.masker()) {
                    self.diffs.insert(n, d);
                }
            }
            if shown {
                // newman pads the number to three columns: "  1.", " 12."
                let lead = format!("{n:>3}.");
                let text = format!(
                    "{} {}",
                    self.paint(RED_BOLD, &lead),
                    self.paint(RED_BOLD, &name)
                );
                self.line(&text)?;
            }
        }
        Ok(())
    }

    fn item(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        self.in_item = false;
        for u in &e.unresolved {
            let text = format!(
                "  {} unresolved variable {{{{{}}}}} in {}{}",
                self.sym.warning,
                self.inline(&u.name),
                self.inline(&u.part),
                u.why.map(|w| format!(" ({w})")).unwrap_or_default()
            );
            let text = self.paint(YELLOW, &text);
            self.line(&text)?;
        }
        self.phase(e, ScriptKind::PreRequest)?;
        self.request_line(e)?;
        if self.opts.verbose {
            self.verbose(e)?;
        }
        self.phase(e, ScriptKind::Test)?;
        if let Some(name) = &e.next_request_asked {
            self.line("")?;
            let text = format!("Attempting to set next request to {}", self.inline(name));
            let text = self.paint(GRAY, &text);
            self.line(&text)?;
        }
        self.slowest.add(e);
        let failed = e.request_error.is_some() || e.failed_assertions().next().is_some();
        if self.opts.show_failed_requests && failed {
            self.failed_request(e)?;
        }
        Ok(())
    }

    /// The response's status, key headers and body start, and a curl command.
    fn failed_request(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        let masker = self.out.masker().clone();
        let mut lines: Vec<(&str, String)> = Vec::new();
        if let Some(resp) = &e.response {
            lines.push((GRAY, failed_request::status_line(resp, self.opts.unicode)));
            for h in failed_request::key_headers(resp, &masker) {
                lines.push((GRAY, inline(&h)));
            }
            if let Some((text, cut)) =
                failed_request::body_preview(&resp.body, failed_request::BODY_LIMIT, &masker)
            {
                for l in text_lines(&text) {
                    lines.push((GRAY, l));
                }
                if cut {
                    lines.push((
                        GRAY,
                        format!(
                            "… (first {} of {} bytes)",
                            failed_request::BODY_LIMIT,
                            resp.body.len()
                        ),
                    ));
                }
            }
        }
        if let Some(req) = &e.request {
            let (cmd, vars) = failed_request::curl_command(req, &masker);
            if !vars.is_empty() {
                lines.push((CYAN, format!("# set first: {}", inline(&vars.join(", ")))));
            }
            lines.push((CYAN, inline(&cmd)));
        }
        if lines.is_empty() {
            return Ok(());
        }
        let text = self.paint(GRAY, &format!("  {} failed request", self.sym.top));
        self.line(&text)?;
        for (color, l) in lines {
            let text = format!(
                "{} {}",
                self.paint(GRAY, &format!("  {}", self.sym.middle)),
                self.paint(color, &l)
            );
            self.line(&text)?;
        }
        let text = self.paint(GRAY, &format!("  {}", self.sym.bottom));
        self.line(&text)
    }

    /// The slowest requests of the run, slowest first.
    fn slowest_list(&mut self) -> Result<(), ReportError> {
        let entries = self.slowest.sorted().to_vec();
        if entries.is_empty() {
            return Ok(());
        }
        self.line("")?;
        let head = self.paint(GRAY, "slowest requests");
        self.line(&head)?;
        let times: Vec<String> = entries
            .iter()
            .map(|s| pretty_ms(s.time_ms as f64, self.opts.unicode))
            .collect();
        let w = times.iter().map(|t| t.chars().count()).max().unwrap_or(0);
        for (s, t) in entries.iter().zip(&times) {
            let mut name = self.inline(&s.name);
            if s.iterations > 1 {
                name.push_str(&format!(" (iteration {})", s.iteration + 1));
            }
            let text = format!(
                "  {:>w$}  {} {}  {}",
                t,
                self.inline(&s.method),
                self.inline(&s.url),
                self.paint(GRAY, &name),
            );
            self.line(&text)?;
        }
        Ok(())
    }

    fn summary_table(&mut self, s: &Summary) -> Result<(), ReportError> {
        let b = &self.sym.boxes;
        let unicode = self.opts.unicode;
        let t = &s.timings;
        let rows = [
            ("iterations", s.stats.iterations),
            ("requests", s.stats.requests),
            ("test-scripts", s.stats.test_scripts),
            ("prerequest-scripts", s.stats.prerequest_scripts),
            ("assertions", s.stats.assertions),
        ];
        let duration = (t.completed - t.started).max(0) as f64;
        let mut spans = vec![
            format!("total run duration: {}", pretty_ms(duration, unicode)),
            format!(
                "total data received: {} (approx)",
                filesize(s.response_total)
            ),
        ];
        // As newman: no average without a response (its average is then 0).
        if t.average() > 0.0 {
            spans.push(format!(
                "average response time: {} [min: {}, max: {}, s.d.: {}]",
                pretty_ms(t.average(), unicode),
                pretty_ms(t.min_ms, unicode),
                pretty_ms(t.max_ms, unicode),
                pretty_ms(t.std_dev(), unicode)
            ));
        }
        let totals: Vec<String> = rows.iter().map(|(_, c)| c.total.to_string()).collect();
        let failures: Vec<String> = rows.iter().map(|(_, c)| c.failed.to_string()).collect();
        let w = summary_widths(&totals, &failures, &spans);
        let inner = w[0] + w[1] + w[2] + 2;
        let h = |n: usize| b.h.to_string().repeat(n);
        let mut lines = Vec::new();
        lines.push(format!(
            "{}{}{}{}{}{}{}",
            b.tl,
            h(w[0]),
            b.tm,
            h(w[1]),
            b.tm,
            h(w[2]),
            b.tr
        ));
        let cell = |text: &str, width: usize| format!(" {:>1$} ", text, width - 2);
        lines.push(format!(
            "{v}{}{v}{}{v}{}{v}",
            cell("", w[0]),
            cell("executed", w[1]),
            cell("failed", w[2]),
            v = b.v
        ));
        for (label, count) in rows {
            lines.push(format!(
                "{}{}{}{}{}{}{}",
                b.ml,
                h(w[0]),
                b.mm,
                h(w[1]),
                b.mm,
                h(w[2]),
                b.mr
            ));
            let failed = cell(&count.failed.to_string(), w[2]);
            let failed = if count.failed > 0 {
                self.paint(RED, &failed)
            } else {
                failed
            };
            lines.push(format!(
                "{v}{}{v}{}{v}{}{v}",
                cell(label, w[0]),
                cell(&count.total.to_string(), w[1]),
                failed,
                v = b.v
            ));
        }
        lines.push(format!(
            "{}{}{}{}{}{}{}",
            b.ml,
            h(w[0]),
            b.bm,
            h(w[1]),
            b.bm,
            h(w[2]),
            b.mr
        ));
        for (i, span) in spans.iter().enumerate() {
            if i > 0 {
                lines.push(format!("{}{}{}", b.ml, h(inner), b.mr));
            }
            lines.push(format!(
                "{v} {span:<width$} {v}",
                width = inner - 2,
                v = b.v
            ));
        }
        lines.push(format!("{}{}{}", b.bl, h(inner), b.br));
        self.line("")?;
        for l in lines {
            self.line(&l)?;
        }
        Ok(())
    }

    fn failure_table(&mut self, s: &Summary) -> Result<(), ReportError> {
        // Zero-padded to the width of the last number, as newman pads them: `01.` … `12.`
        let digits = s.failures.len().to_string().len();
        let numbers: Vec<String> = (1..=s.failures.len())
            .map(|i| format!("{i:0digits$}."))
            .collect();
        let names: Vec<String> = s
            .failures
            .iter()
            .map(|f| match self.inline(&f.name) {
                n if n.is_empty() => "Error".to_string(),
                n => n,
            })
            .collect();
        // One column of padding before the longest number, as newman's table has.
        let w0 = numbers.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 1;
        // newman puts the iteration under the name when the run has several.
        let iterations: Vec<Option<String>> = s
            .failures
            .iter()
            .map(|f| {
                (f.cursor.iterations > 1).then(|| format!("iteration: {}", f.cursor.iteration + 1))
            })
            .collect();
        let w1 = names
            .iter()
            .chain(iterations.iter().flatten())
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0)
            .max("failure".len());
        self.line("")?;
        let head = format!(
            "{:>w0$}  {:<w1$}  {}",
            "#",
            "failure",
            "detail",
            w0 = w0,
            w1 = w1
        );
        let head = self.paint(RED_UNDERLINE, &head);
        self.line(&head)?;
        let indent = " ".repeat(w0 + 2 + w1 + 2);
        for (i, f) in s.failures.iter().enumerate() {
            // newman's detail: the assertion's name (a blank line for an error), the
            // message, where, and the item.
            let mut detail = vec![f
                .test
                .as_deref()
                .map(|t| self.inline(t))
                .unwrap_or_default()];
            let message = self.m(&f.message).into_owned();
            detail.extend(text_lines(&message));
            if let Some(d) = self.diffs.get(&(i + 1)) {
                let d = d.clone();
                detail.extend(d.iter().map(|l| self.diff_line(l)));
            }
            if !f.at.is_empty() {
                detail.push(format!("at {}", self.inline(&f.at)));
            }
            if !f.source.is_empty() {
                detail.push(format!("inside \"{}\"", self.inline(&f.source)));
            }
            while detail.len() < 1 + usize::from(iterations[i].is_some()) {
                detail.push(String::new());
            }
            self.line("")?;
            for (j, d) in detail.iter().enumerate() {
                let text = if j == 0 {
                    let lead = format!("{:>w0$}  {:<w1$}", numbers[i], names[i], w0 = w0, w1 = w1);
                    format!("{}  {}", self.paint(RED, &lead), d)
                } else if let (1, Some(it)) = (j, &iterations[i]) {
                    let it = format!("{:<w1$}", it, w1 = w1);
                    format!("{}{}  {d}", " ".repeat(w0 + 2), self.paint(GRAY, &it))
                } else {
                    format!("{indent}{d}")
                };
                self.line(text.trim_end())?;
            }
        }
        Ok(())
    }

    /// One line of a diff, coloured: expected red, actual green.
    fn diff_line(&self, l: &DiffLine) -> String {
        let text = inline(&l.plain());
        match l.tag {
            Tag::Expected => self.paint(RED, &text),
            Tag::Actual => self.paint(GREEN, &text),
            Tag::Note | Tag::Same => self.paint(GRAY, &text),
        }
    }

    fn done(&mut self, s: &Summary) -> Result<(), ReportError> {
        if !self.opts.no_summary {
            self.summary_table(s)?;
            if !self.opts.no_slowest {
                self.slowest_list()?;
            }
        }
        if !self.opts.no_failures && !s.failures.is_empty() {
            self.failure_table(s)?;
        }
        // A run-level error (`--bail`, `--timeout`) is said once, on stderr, by the command.
        self.out.flush()?;
        Ok(())
    }
}

/// The summary table's column widths, as newman's table library (cli-table3)
/// lays them out: the first column is fixed at 25, the others fit their widest
/// cell plus one space each side, and a full-width row (duration, data received,
/// average) longer than the columns widens them, the excess shared between the
/// two number columns (half, rounded up, to the first). The rows are taken last
/// to first, as cli-table3 takes them.
fn summary_widths(totals: &[String], failures: &[String], spans: &[String]) -> [usize; 3] {
    let fit = |head: &str, cells: &[String]| {
        cells
            .iter()
            .map(|c| c.chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
            + 2
    };
    let mut w = [25, fit("executed", totals), fit("  failed", failures)];
    for span in spans.iter().rev() {
        let wanted = span.chars().count() + 2;
        let mut width = w[0] + w[1] + w[2] + 2;
        let mut free = 2;
        for column in [1, 2] {
            if wanted <= width {
                break;
            }
            // JavaScript's Math.round: halves round up.
            let more = ((wanted - width) + free / 2) / free;
            w[column] += more;
            width += more;
            free -= 1;
        }
    }
    w
}

impl RunListener for CliReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl CliReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        match event {
            Event::Start {
                collection,
                mock_base,
                ..
            } => {
                if !self.opts.no_banner {
                    self.banner(&collection.info.name, *mock_base)?;
                }
                Ok(())
            }
            Event::BeforeIteration {
                iteration,
                iterations,
            } => {
                self.folder = None;
                if *iterations > 1 {
                    self.line("")?;
                    let text = format!("Iteration {}/{}", iteration + 1, iterations);
                    let text = self.paint(GRAY, &text);
                    self.line(&text)?;
                }
                Ok(())
            }
            Event::BeforeItem { item, parents, .. } => self.before_item(item, parents),
            Event::Warning(w) => {
                let indent = if self.in_item { "  " } else { "" };
                let text = format!("{indent}{} {}", self.sym.warning, self.inline(&w.message));
                let text = self.paint(YELLOW, &text);
                self.line(&text)
            }
            Event::Secret(value) => {
                self.out.masker_mut().add(value.to_string());
                Ok(())
            }
            Event::Item(e) => self.item(e),
            Event::Iteration { .. } => Ok(()),
            Event::Done(s) => self.done(s),
        }
    }
}

fn item_name(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed)".to_string()
    } else {
        name.to_string()
    }
}

/// Makes text safe for one terminal line: line breaks and tabs become spaces,
/// other control characters (escape sequences among them) are shown escaped.
/// `, 3 attempts` when `--retry` sent the request more than once.
fn attempts_note(attempts: Option<u32>) -> String {
    match attempts {
        Some(n) if n > 1 => format!(", {n} attempts"),
        _ => String::new(),
    }
}

fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// Splits text into lines that are safe to print one by one.
/// A console message as newman's reporter lays it out (word-wrap with `cut`):
/// each line cut into pieces of `width` UTF-16 units, empty lines dropped, and
/// one empty line for an empty message.
fn console_lines(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let mut piece = String::new();
        let mut units = 0;
        for c in line.chars() {
            let n = c.len_utf16();
            if units + n > width && !piece.is_empty() {
                out.push(inline(&piece));
                piece.clear();
                units = 0;
            }
            piece.push(c);
            units += n;
        }
        if !piece.is_empty() {
            out.push(inline(&piece));
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn text_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|l| inline(l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

/// A body as `--verbose` shows it: masked, at most [`VERBOSE_BODY_LIMIT`] bytes
/// of text, and binary bodies only by their size.
fn body_lines(body: &[u8], masker: &crate::output::Masker) -> Vec<String> {
    let masked = masker.mask_bytes(body);
    let text = match std::str::from_utf8(&masked) {
        Ok(t) if !t.contains('\0') => t,
        _ => return vec![format!("({} bytes of binary data not shown)", body.len())],
    };
    let mut end = text.len().min(VERBOSE_BODY_LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut lines = text_lines(&text[..end]);
    if end < text.len() {
        lines.push(format!("… (cut: showing {} of {} bytes)", end, body.len()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Masker;
    use crate::report::testutil::{self, SharedBuf, SECRET};
    use crate::runner::events::Warning;
    use crate::script::ConsoleEntry;

    fn reporter(opts: CliOptions, masker: Masker) -> (CliReporter, SharedBuf) {
        let buf = SharedBuf::default();
        let out = Output::new(Box::new(buf.clone()), masker);
        (CliReporter::new(out, opts), buf)
    }

    fn run(opts: CliOptions, n: usize) -> String {
        let (mut r, buf) = reporter(opts, Masker::default());
        testutil::standard_run(&mut r, n).unwrap();
        buf.text()
    }

    const EXPECTED_UNICODE: &str = r#"postie

Demo API

❏ Users / Admin
↳ Get user
  ⚠ unresolved variable {{missing}} in header X-Missing
  GET https://api.example.com/users/1?verbose=true&key=tok-S3CR3T-9f8e7d [200 OK, 116B, 100ms]
  ┌
  │ token is tok-S3CR3T-9f8e7d
  │ second line
  └
  ✓  Status code is 200
  1. Body has name
  -  [skipped] Later

→ Health
  POST http://127.0.0.1:9/health [errored]
     connect ECONNREFUSED 127.0.0.1:9
  3⠄ TypeError in test-script: Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d') (line 1:10)

┌─────────────────────────┬────────────────────┬───────────────────┐
│                         │           executed │            failed │
├─────────────────────────┼────────────────────┼───────────────────┤
│              iterations │                  1 │                 0 │
├─────────────────────────┼────────────────────┼───────────────────┤
│                requests │                  2 │                 1 │
├─────────────────────────┼────────────────────┼───────────────────┤
│            test-scripts │                  2 │                 1 │
├─────────────────────────┼────────────────────┼───────────────────┤
│      prerequest-scripts │                  0 │                 0 │
├─────────────────────────┼────────────────────┼───────────────────┤
│              assertions │                  3 │                 1 │
├─────────────────────────┴────────────────────┴───────────────────┤
│ total run duration: 1234ms                                       │
├──────────────────────────────────────────────────────────────────┤
│ total data received: 36B (approx)                                │
├──────────────────────────────────────────────────────────────────┤
│ average response time: 100ms [min: 100ms, max: 100ms, s.d.: 0µs] │
└──────────────────────────────────────────────────────────────────┘

slowest requests
  100ms  GET https://api.example.com/users/1?verbose=true&key=tok-S3CR3T-9f8e7d  Users / Admin / Get user
"#;

    #[test]
    fn unicode_output_matches_newman_layout() {
        let text = run(CliOptions::default(), 1);
        let (head, failures) = text.split_at(text.find("\n  #").unwrap_or(text.len()));
        assert_eq!(head, EXPECTED_UNICODE, "full output:\n{text}");
        assert_eq!(
            failures,
            "
  #  failure         detail

 1.  AssertionError  Body has name
                     expected 'tok-S3CR3T-9f8e7d' to equal 'Ann'
                     at assertion:1 in test-script
                     inside \"Users / Admin / Get user\"

 2.  RequestError
                     connect ECONNREFUSED 127.0.0.1:9
                     at request
                     inside \"Health\"

 3.  TypeError
                     Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d')
                     at test-script:1:10
                     inside \"Health\"
"
        );
    }

    /// Widths read from newman 6.2.2's own summaries (`--color off`), with the
    /// rows that made them.
    #[test]
    fn summary_columns_are_as_wide_as_newmans() {
        let ones = vec!["1".to_string(); 5];
        let zeros = vec!["0".to_string(); 5];
        let span = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let cases: [(&[&str], [usize; 3]); 5] = [
            (
                &[
                    "total run duration: 78ms",
                    "total data received: 0B (approx)",
                ],
                [25, 10, 10],
            ),
            (
                &[
                    "total run duration: 164ms",
                    "total data received: 1.2kB (approx)",
                    "average response time: 35ms [min: 11ms, max: 62ms, s.d.: 20ms]",
                ],
                [25, 19, 18],
            ),
            (
                &[
                    "total run duration: 198ms",
                    "total data received: 2.4kB (approx)",
                    "average response time: 20ms [min: 8ms, max: 40ms, s.d.: 12ms]",
                ],
                [25, 18, 18],
            ),
            (
                &[
                    "total run duration: 256ms",
                    "total data received: 4.8kB (approx)",
                    "average response time: 10ms [min: 5ms, max: 26ms, s.d.: 6ms]",
                ],
                [25, 18, 17],
            ),
            (
                &[
                    "total run duration: 290ms",
                    "total data received: 6kB (approx)",
                    "average response time: 8ms [min: 3ms, max: 33ms, s.d.: 8ms]",
                ],
                [25, 17, 17],
            ),
        ];
        for (spans, expected) in cases {
            assert_eq!(
                summary_widths(&ones, &zeros, &span(spans)),
                expected,
                "{spans:?}"
            );
        }
        // A count wider than its heading widens its column.
        let big = vec!["1234567890123".to_string()];
        assert_eq!(summary_widths(&big, &zeros, &span(&["x"])), [25, 15, 10]);
    }

    #[test]
    fn table_widens_for_a_long_span_row() {
        let text = run(CliOptions::default(), 1);
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('│') || l.starts_with('┌') || l.starts_with('└'))
            .collect();
        // The average row is longer than the default widths: the last column
        // grows so every row of the box has the same width.
        assert_eq!(rows.len(), 11);
        let widths: Vec<usize> = rows.iter().map(|l| l.chars().count()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{rows:#?}");
    }

    #[test]
    fn ascii_output_uses_no_unicode() {
        let opts = CliOptions {
            unicode: false,
            ..Default::default()
        };
        let text = run(opts, 1);
        assert!(text.is_ascii(), "non-ASCII in:\n{text}");
        let lines: Vec<&str> = text.lines().collect();
        for expected in [
            "Folder Users / Admin",
            "Sub-folder Get user",
            "  ! unresolved variable {{missing}} in header X-Missing",
            "  -",
            "  | token is tok-S3CR3T-9f8e7d",
            "  Pass  Status code is 200",
            "  1. Body has name",
            "  -  [skipped] Later",
            "Root Health",
            "     connect ECONNREFUSED 127.0.0.1:9",
            "--------------------------+--------------------+--------------------",
            "|              assertions |                  3 |                 1 |",
            "| average response time: 100ms [min: 100ms, max: 100ms, s.d.: 0us] |",
        ] {
            assert!(
                lines.contains(&expected),
                "missing {expected:?} in:\n{text}"
            );
        }
    }

    #[test]
    fn iterations_are_announced_and_folders_repeat() {
        let text = run(CliOptions::default(), 2);
        assert!(text.contains("\nIteration 1/2\n\n❏ Users / Admin\n↳ Get user\n"));
        assert!(text.contains("\nIteration 2/2\n\n❏ Users / Admin\n↳ Get user\n"));
        // Failures keep counting across iterations, as the failure table does.
        assert!(text.contains("  4. Body has name"));
        assert!(text.contains("\n 6.  TypeError"));
        assert!(text.contains("average response time: 110ms [min: 100ms, max: 120ms, s.d.: 10ms]"));
    }

    #[test]
    fn mock_runs_say_so_in_the_banner() {
        let (mut r, buf) = reporter(CliOptions::default(), Masker::default());
        testutil::standard_run_with(&mut r, 1, Some("http://127.0.0.1:4010")).unwrap();
        assert!(buf.text().starts_with(
            "postie\n\nDemo API\nrunning against the collection's saved examples at http://127.0.0.1:4010\n"
        ));
    }

    #[test]
    fn options_hide_sections() {
        let opts = CliOptions {
            no_banner: true,
            no_summary: true,
            no_failures: true,
            no_console: true,
            no_success_assertions: true,
            ..Default::default()
        };
        let text = run(opts, 1);
        assert!(!text.contains("postie"));
        assert!(!text.contains("executed"));
        assert!(!text.contains("detail"));
        assert!(!text.contains("token is"));
        assert!(!text.contains("Status code is 200"));
        assert!(!text.contains("[skipped]"));
        assert!(!text.contains("TypeError"));
        assert!(text.contains("  1. Body has name"));

        let text = run(
            CliOptions {
                no_assertions: true,
                ..Default::default()
            },
            1,
        );
        assert!(!text.contains("  1. Body has name"));
        assert!(text.contains("\n 1.  AssertionError  Body has name\n"));
    }

    #[test]
    fn colors_only_when_asked() {
        assert!(!run(CliOptions::default(), 1).contains('\x1b'));
        let text = run(
            CliOptions {
                color: true,
                ..Default::default()
            },
            1,
        );
        assert!(text.contains("\x1b[32m  ✓ \x1b[0m \x1b[90mStatus code is 200\x1b[0m"));
        assert!(text.contains("\x1b[1;31m  1.\x1b[0m \x1b[1;31mBody has name\x1b[0m"));
    }

    #[test]
    fn verbose_shows_headers_and_bodies_with_credentials_hidden() {
        let text = run(
            CliOptions {
                verbose: true,
                ..Default::default()
            },
            1,
        );
        let expected = "  ┌ Request Headers
  │ Accept: application/json
  │ X-Api-Key: tok-S3CR3T-9f8e7d
  │ Authorization: Bearer ********
  ├ Request Body
  │ {\"apiKey\":\"tok-S3CR3T-9f8e7d\"}
  ├ Response Headers
  │ Content-Type: application/json
  │ Set-Cookie: sid=abc; Path=/
  ├ Response Body
  │ {\"id\":1,\"token\":\"tok-S3CR3T-9f8e7d\"}
  └
";
        assert!(text.contains(expected), "got:\n{text}");
        assert!(!text.contains("abc.def.ghi"));
    }

    #[test]
    fn verbose_cuts_large_bodies_and_hides_binary_ones() {
        let masker = Masker::default();
        let big = "é".repeat(3000);
        let lines = body_lines(big.as_bytes(), &masker);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].len(), 2048);
        assert_eq!(lines[1], "… (cut: showing 2048 of 6000 bytes)");
        // The limit falls inside "é": the cut moves back to the character's start.
        let odd = "a".repeat(2047) + "éz";
        let lines = body_lines(odd.as_bytes(), &masker);
        assert_eq!(lines[0].len(), 2047);
        assert_eq!(lines[1], "… (cut: showing 2047 of 2050 bytes)");
        assert_eq!(
            body_lines(&[0xff, 0x00, 0x12], &masker),
            vec!["(3 bytes of binary data not shown)"]
        );
        assert_eq!(
            body_lines(b"a\r\nb\x1b[31m", &masker),
            vec!["a", "b\\u{1b}[31m"]
        );
    }

    #[test]
    fn console_lines_are_cut_as_newman_cuts_them() {
        let long = "x".repeat(60);
        assert_eq!(
            console_lines(&format!("ab\n\n{long}\r\n"), 54),
            ["ab".to_string(), "x".repeat(54), "x".repeat(6)]
        );
        // An empty message is one empty line; width counts UTF-16 units.
        assert_eq!(console_lines("", 54), [String::new()]);
        assert_eq!(console_lines("é😀a", 3), ["é😀", "a"]);
    }

    #[test]
    fn console_shows_newman_form_unless_a_secret_would_escape_the_mask() {
        let c = testutil::collection();
        let mut e = testutil::get_user_execution(&c, 0, 1);
        let entry = |text: &str, shown: &str| ConsoleEntry {
            level: "log".into(),
            text: text.into(),
            shown: Some(shown.into()),
            after_assertions: 0,
        };
        // newman's form escapes a backslash, which the masker would not find.
        let secret = r"pa\ss";
        e.console = vec![
            entry("a 1", "'a', 1"),
            entry(&format!("pw {secret}"), r"'pw', 'pa\\ss'"),
            entry("key sk-1", "'key', 'sk-1'"),
        ];
        let masker = Masker::new(vec![secret.into(), "sk-1".into()]);
        let (mut r, buf) = reporter(CliOptions::default(), masker);
        r.console(&e.console).unwrap();
        let text = buf.text();
        assert!(text.contains("│ 'a', 1\n"), "{text}");
        // Found as it is in newman's form too: that form, masked.
        assert!(text.contains("│ 'key', '********'\n"), "{text}");
        assert!(text.contains("│ pw ********\n"), "{text}");
        assert!(!text.contains("pa\\"), "{text}");
    }

    #[test]
    fn secrets_never_reach_the_terminal() {
        for unicode in [true, false] {
            let opts = CliOptions {
                verbose: true,
                color: true,
                unicode,
                ..Default::default()
            };
            let (mut r, buf) = reporter(opts, testutil::masker());
            testutil::standard_run(&mut r, 2).unwrap();
            let text = buf.text();
            assert!(!text.contains(SECRET), "secret leaked:\n{text}");
            assert!(text.contains("key=********"));
            assert!(text.contains("token is ********"));
        }
    }

    #[test]
    fn odd_input_does_not_break_the_layout() {
        let mut c = testutil::collection();
        c.info.name = String::new();
        c.item[1].name = "evil\n\x1b[2Jname\t".into();
        let (mut r, buf) = reporter(
            CliOptions {
                verbose: true,
                show_timestamps: true,
                ..Default::default()
            },
            Masker::default(),
        );
        r = r.with_clock(|| "12:00:00.000".to_string());
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        r.event(&Event::Warning(&Warning {
            message: "data file has 1 row; reusing it".into(),
        }))
        .unwrap();
        let (item, parents) = testutil::health(&c);
        let mut e = testutil::execution(item, parents, testutil::cursor(0, 1, 0, 1));
        let mut resp = testutil::get_user_response(5);
        resp.status = String::new();
        resp.body = vec![0xff; 10_000_000];
        e.response = Some(resp);
        e.request = Some(crate::http::HttpRequest::default());
        r.event(&Event::BeforeItem {
            cursor: &e.cursor,
            item: e.item,
            parents: &e.parents,
        })
        .unwrap();
        r.event(&Event::Item(&e)).unwrap();
        let mut s = testutil::summary(0);
        s.failures.clear();
        s.timings = Default::default();
        s.error = Some("stopped: --bail".into());
        r.event(&Event::Done(&s)).unwrap();
        let text = buf.text();
        assert!(
            text.starts_with("postie\n\n(unnamed collection)\n⚠ data file has 1 row; reusing it\n")
        );
        assert!(text.contains("\n[12:00:00.000] → evil \\u{1b}[2Jname \n"));
        assert!(text.contains("   [200, 10MB, 5ms]\n"));
        assert!(text.contains("  │ (10000000 bytes of binary data not shown)\n"));
        // No response, no average (as newman).
        assert!(!text.contains("average response time"));
        // The command says why the run stopped, once, on stderr.
        assert!(!text.contains("--bail"));
        assert!(!text.contains("\x1b[2J"));
    }

    #[test]
    fn skipped_requests_are_shown() {
        let c = testutil::collection();
        let (mut r, buf) = reporter(CliOptions::default(), Masker::default());
        let (item, parents) = testutil::health(&c);
        let mut e = testutil::execution(item, parents, testutil::cursor(0, 1, 1, 2));
        e.skipped = true;
        r.event(&Event::Item(&e)).unwrap();
        assert_eq!(
            buf.text(),
            "  POST http://127.0.0.1:9/health [skipped: pm.execution.skipRequest() was called]\n"
        );
    }
}
