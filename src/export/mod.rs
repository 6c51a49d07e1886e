//! Exporting requests as curl commands, HTTPie commands and Hurl files.
//!
//! Every request is built by [`crate::request::build`], the code `postie run`
//! sends with, so an export cannot drift from what a run sends. Variables that
//! must stay visible (`--keep-vars`, Hurl templates) or hidden (`--redact`) are
//! given marker values while building; the marks are then turned back into
//! `{{name}}` or into shell-variable placeholders when the command is written.
//!
//! The output formats themselves are minijinja templates (`templates/*.j2`).

pub mod curl;
pub mod httpie;
pub mod hurl;
pub mod quote;

use crate::collection::{load::under, walk_requests, Auth, Collection, Item, Request};
use crate::http::{HttpRequest, RequestSettings};
use crate::request::{self, auth, BuildContext, BuildError, FileAccess};
use crate::vars::{references, Scopes};
use quote::Word;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

pub use quote::Shell;

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Curl,
    Httpie,
    Hurl,
}

/// How to export; the CLI's `postie export` flags.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub format: Format,
    /// The shell the commands are written for (curl and HTTPie).
    pub shell: Shell,
    /// One option per line, with the shell's line continuation.
    pub multiline: bool,
    /// `--header` rather than `-H`, and so on.
    pub long_options: bool,
    /// Leave `{{name}}` in place instead of resolving variables.
    pub keep_vars: bool,
    /// Replace secret variables and auth values with shell-variable placeholders.
    pub redact: bool,
    /// Export only these folders or requests (name or id), as `run --folder`.
    pub folders: Vec<String>,
    /// Export this one request (name or id) as a single command.
    pub request: Option<String>,
    /// `--timeout-request`: exported as `--max-time`.
    pub timeout_request: Option<Duration>,
    /// `-k`: TLS verification off for every request.
    pub insecure: bool,
    /// `--ignore-redirects`: do not follow redirects.
    pub ignore_redirects: bool,
    /// Where files named in bodies are read from, as `run --working-dir`.
    pub working_dir: Option<PathBuf>,
}

/// The exported text and what the user should know about it (for stderr).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Export {
    pub text: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    #[error("--folder '{0}': no folder or request of that name or id in the collection")]
    FolderNotFound(String),
    #[error("--request '{0}': no request of that name or id in the collection")]
    RequestNotFound(String),
    #[error("--request '{name}': {count} requests have that name; give the request's id")]
    AmbiguousRequest { name: String, count: usize },
    #[error("cannot render the export: {0}")]
    Template(String),
}

/// Exports the selected requests of `collection`, variables resolved through `scopes`
/// as `postie run` resolves them.
pub fn export(
    collection: &Collection,
    scopes: &Scopes,
    opts: &ExportOptions,
) -> Result<Export, ExportError> {
    let entries = select(collection, opts)?;
    let mut cx = Exporter::new(collection, scopes, opts);
    let prepared: Vec<Prepared> = entries.iter().map(|e| cx.prepare(e)).collect();
    let text = match opts.format {
        Format::Curl => curl::render(&prepared, &mut cx)?,
        Format::Httpie => httpie::render(&prepared, &mut cx)?,
        Format::Hurl => hurl::render(&prepared, &mut cx)?,
    };
    Ok(Export {
        text,
        warnings: cx.warnings,
    })
}

// ---------------------------------------------------------------- selection

/// A request item with the folders above it.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'c> {
    pub item: &'c Item,
    pub parents: Vec<&'c Item>,
}

impl Entry<'_> {
    /// `Folder / Sub folder / Request name`.
    pub fn title(&self) -> String {
        let mut parts: Vec<&str> = self.parents.iter().map(|p| p.name.as_str()).collect();
        parts.push(&self.item.name);
        parts.join(" / ")
    }
}

fn select<'c>(
    collection: &'c Collection,
    opts: &ExportOptions,
) -> Result<Vec<Entry<'c>>, ExportError> {
    let mut all = Vec::new();
    walk_requests(&collection.item, &mut |item, parents| {
        all.push(Entry {
            item,
            parents: parents.to_vec(),
        })
    });
    if let Some(wanted) = &opts.request {
        if let Some(e) = all
            .iter()
            .find(|e| e.item.id.as_deref() == Some(wanted.as_str()))
        {
            return Ok(vec![e.clone()]);
        }
        let named: Vec<&Entry> = all.iter().filter(|e| &e.item.name == wanted).collect();
        return match named.len() {
            0 => Err(ExportError::RequestNotFound(wanted.clone())),
            1 => Ok(vec![named[0].clone()]),
            count => Err(ExportError::AmbiguousRequest {
                name: wanted.clone(),
                count,
            }),
        };
    }
    if opts.folders.is_empty() {
        return Ok(all);
    }
    // As `run --folder`: a folder (everything below it) or a single request.
    let mut keep = vec![false; all.len()];
    for wanted in &opts.folders {
        let matches = |i: &Item| i.id.as_deref() == Some(wanted.as_str()) || &i.name == wanted;
        let mut found = false;
        for (i, e) in all.iter().enumerate() {
            if matches(e.item) || e.parents.iter().any(|p| matches(p)) {
                keep[i] = true;
                found = true;
            }
        }
        if !found {
            return Err(ExportError::FolderNotFound(wanted.clone()));
        }
    }
    Ok(all
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| e)
        .collect())
}

// ---------------------------------------------------------------- marks

/// A variable whose value was replaced by a marker token while building.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub token: String,
    /// The variable's name (`accessToken`), as `{{name}}` shows it.
    pub name: String,
    /// The shell-variable placeholder (`ACCESS_TOKEN`).
    pub env: String,
    /// Hidden behind the placeholder (`--redact`) rather than kept as `{{name}}`.
    pub redact: bool,
    /// Where it came from, for the script's header.
    pub origin: String,
    /// Written into the output at least once.
    pub used: std::cell::Cell<bool>,
}

const TOKEN_HEAD: &str = "qzpv";
const TOKEN_TAIL: &str = "vzq";

fn token(i: usize) -> String {
    // Lowercase letters and digits: nothing encodes, escapes or case-folds them,
    // except a method, which is uppercased (matched without case).
    format!("{TOKEN_HEAD}{i:04}{TOKEN_TAIL}")
}

/// Environment variables that shells and systems set themselves.
const TAKEN_NAMES: &[&str] = &[
    "USER",
    "USERNAME",
    "HOME",
    "PATH",
    "SHELL",
    "PWD",
    "OLDPWD",
    "TEMP",
    "TMP",
    "TMPDIR",
    "LANG",
    "TERM",
    "HOSTNAME",
    "LOGNAME",
    "OS",
    "PROMPT",
    "IFS",
    "PS1",
    "UID",
    "EUID",
    "RANDOM",
    "SECONDS",
    "USERPROFILE",
    "APPDATA",
    "COMPUTERNAME",
    "USERDOMAIN",
    "PATHEXT",
    "COMSPEC",
    "SYSTEMROOT",
    "WINDIR",
    "ERRORLEVEL",
    "CD",
    "DATE",
    "TIME",
];

/// `accessToken` → `ACCESS_TOKEN`, `client-secret` → `CLIENT_SECRET`.
pub fn env_name(var: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in var.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_uppercase());
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "VALUE".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else if TAKEN_NAMES.contains(&out.as_str()) {
        // The shell or the system already sets these.
        format!("{out}_VALUE")
    } else {
        out
    }
}

/// Auth parameters that carry a secret, per auth type, and the placeholder a
/// literal value gets under `--redact`.
fn secret_params(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "basic" => &[
            ("username", "BASIC_AUTH_USER"),
            ("password", "BASIC_AUTH_PASSWORD"),
        ],
        "digest" => &[
            ("username", "DIGEST_AUTH_USER"),
            ("password", "DIGEST_AUTH_PASSWORD"),
        ],
        "bearer" => &[("token", "BEARER_TOKEN")],
        "apikey" => &[("value", "API_KEY")],
        "oauth2" => &[("accessToken", "ACCESS_TOKEN")],
        _ => &[],
    }
}

/// A multipart part as `-F` writes it.
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Text {
        name: String,
        value: String,
        content_type: Option<String>,
    },
    File {
        name: String,
        /// The path the command reads (under the working directory).
        path: String,
        content_type: String,
    },
}

/// A request built for export.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub title: String,
    /// As `request::build` made it, marker tokens in place of marked variables.
    pub request: HttpRequest,
    pub digest: Option<(String, String)>,
    /// The parts of a multipart body, in the order they are sent.
    pub parts: Option<Vec<Part>>,
    /// A body read from a file (body mode `file`): its path.
    pub body_file: Option<String>,
    /// The URL as written when it names no scheme (`{{base}}/x`): the `http://`
    /// that building added is not part of a template.
    pub added_scheme: bool,
    /// Test scripts that apply (collection, folders, item), for Hurl.
    pub tests: Vec<(String, Vec<String>)>,
    pub prerequest: Vec<(String, Vec<String>)>,
    pub failed: Option<String>,
}

pub(crate) struct Exporter<'a> {
    pub collection: &'a Collection,
    pub scopes: &'a Scopes,
    pub opts: &'a ExportOptions,
    pub marks: Vec<Mark>,
    pub warnings: Vec<String>,
    /// Scopes with marker values for the variables marked up front.
    marked: Scopes,
    files: FileAccess,
    settings: RequestSettings,
    /// Literal secrets already given a placeholder: (placeholder base, value) → mark name.
    literal_secrets: Vec<(String, String, String)>,
    /// Temporary files written so far.
    spills: usize,
}

impl<'a> Exporter<'a> {
    fn new(collection: &'a Collection, scopes: &'a Scopes, opts: &'a ExportOptions) -> Self {
        let settings = RequestSettings {
            follow_redirects: !opts.ignore_redirects,
            strict_ssl: !opts.insecure,
            timeout: opts.timeout_request.filter(|d| !d.is_zero()),
            ..Default::default()
        };
        let mut cx = Exporter {
            collection,
            scopes,
            opts,
            marks: Vec::new(),
            warnings: Vec::new(),
            marked: scopes.clone(),
            files: FileAccess {
                working_dir: opts.working_dir.clone(),
                confined: false,
            },
            settings,
            literal_secrets: Vec::new(),
            spills: 0,
        };
        let templates = opts.keep_vars || opts.format == Format::Hurl;
        if templates {
            // Every name the collection refers to, and every name the scopes define.
            let text = serde_json::to_string(collection).unwrap_or_default();
            let mut names: BTreeSet<String> = references(&text)
                .into_iter()
                .map(|(_, _, n)| n.to_string())
                .collect();
            for s in [&scopes.globals, &scopes.collection, &scopes.environment] {
                for v in &s.values {
                    if let Some(n) = v.name() {
                        names.insert(n.to_string());
                    }
                }
            }
            let mut fixed = Vec::new();
            for name in names {
                if opts.format == Format::Hurl && name.starts_with('$') {
                    // Hurl has a function for UUIDs; other dynamic values are fixed now.
                    if matches!(name.as_str(), "$guid" | "$randomUUID") {
                        cx.mark(&name, "newUuid", false, "dynamic");
                    } else {
                        fixed.push(name);
                    }
                    continue;
                }
                cx.mark(&name, &name, false, "variable");
            }
            if !fixed.is_empty() {
                cx.warnings.push(format!(
                    "Hurl has no equivalent of {}: their values were generated at export time",
                    fixed
                        .iter()
                        .map(|n| format!("{{{{{n}}}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        if opts.redact {
            for (scope, label) in [
                (&scopes.environment, "environment"),
                (&scopes.globals, "globals"),
                (&scopes.collection, "collection"),
            ] {
                for v in &scope.values {
                    if v.kind.as_deref() == Some("secret") {
                        if let Some(n) = v.name() {
                            let origin = format!("{{{{{n}}}}}, a secret variable of the {label}");
                            cx.mark_secret(n, &origin);
                        }
                    }
                }
            }
        }
        cx
    }

    /// Marks a variable: later builds see the marker token as its value.
    fn mark(&mut self, var: &str, shown: &str, redact: bool, origin: &str) -> String {
        if let Some(m) = self.marks.iter().find(|m| m.name == shown) {
            return m.token.clone();
        }
        let mut env = env_name(shown);
        let base = env.clone();
        let mut n = 2;
        while self.marks.iter().any(|m| m.env == env) {
            env = format!("{base}_{n}");
            n += 1;
        }
        let t = token(self.marks.len());
        self.marks.push(Mark {
            token: t.clone(),
            name: shown.to_string(),
            env,
            redact,
            origin: origin.to_string(),
            used: std::cell::Cell::new(false),
        });
        self.marked.local.set(var, Value::String(t.clone()));
        t
    }

    /// Marks a variable as a secret, unless it is already kept as a template.
    fn mark_secret(&mut self, var: &str, origin: &str) {
        if var.starts_with('$') {
            return;
        }
        match self.marks.iter_mut().find(|m| m.name == var) {
            Some(m) => {
                if self.opts.format != Format::Hurl && !self.opts.keep_vars {
                    m.redact = true;
                }
            }
            None => {
                self.mark(var, var, true, origin);
            }
        }
    }

    /// A placeholder for a literal secret; the same value gets the same placeholder.
    fn literal_secret(&mut self, base: &str, value: &str, origin: &str) -> String {
        if let Some((_, _, name)) = self
            .literal_secrets
            .iter()
            .find(|(b, v, _)| b == base && v == value)
        {
            return name.clone();
        }
        let mut env = base.to_string();
        let mut n = 2;
        while self.marks.iter().any(|m| m.env == env) {
            env = format!("{base}_{n}");
            n += 1;
        }
        let var = format!("__postie_secret_{}", self.marks.len());
        let t = token(self.marks.len());
        self.marks.push(Mark {
            token: t.clone(),
            name: env.clone(),
            env: env.clone(),
            redact: true,
            origin: origin.to_string(),
            used: std::cell::Cell::new(false),
        });
        self.marked.local.set(&var, Value::String(t));
        self.literal_secrets
            .push((base.to_string(), value.to_string(), var.clone()));
        var
    }

    /// Splits text at marker tokens: the literal parts, and a word part per mark
    /// (`{{name}}` kept as text, or a placeholder variable).
    pub fn word(&self, text: &str) -> Word {
        let mut w = Word::default();
        let lower = text.to_ascii_lowercase();
        let mut last = 0;
        let mut from = 0;
        while let Some(i) = lower[from..].find(TOKEN_HEAD) {
            let start = from + i;
            let digits = start + TOKEN_HEAD.len();
            let end = digits + 4 + TOKEN_TAIL.len();
            let idx = lower
                .get(digits..digits + 4)
                .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse::<usize>().ok());
            match idx {
                Some(idx)
                    if lower.get(digits + 4..end) == Some(TOKEN_TAIL) && idx < self.marks.len() =>
                {
                    w.push_lit(&text[last..start]);
                    let m = &self.marks[idx];
                    m.used.set(true);
                    if m.redact {
                        w.push_var(&m.env);
                    } else {
                        w.push_lit(&format!("{{{{{}}}}}", m.name));
                    }
                    last = end;
                    from = end;
                }
                _ => from = start + 1,
            }
        }
        w.push_lit(&text[last..]);
        w
    }

    fn prepare(&mut self, entry: &Entry<'_>) -> Prepared {
        let title = entry.title();
        let mut req: Request = entry.item.request.clone().unwrap_or_default();
        let parents: Vec<&Item> = entry.parents.clone();
        let effective: Option<Auth> =
            auth::effective(req.auth.as_ref(), &parents, self.collection.auth.as_ref()).cloned();

        if self.opts.redact {
            if let Some(mut a) = effective.clone() {
                let mut params = a.params();
                let mut changed = false;
                for (key, base) in secret_params(&a.kind) {
                    let Some((_, v)) = params.iter_mut().find(|(k, _)| k == key) else {
                        continue;
                    };
                    let text = crate::collection::value_text(v.clone());
                    let refs: Vec<String> = references(&text)
                        .into_iter()
                        .map(|(_, _, n)| n.to_string())
                        .collect();
                    if !refs.is_empty() {
                        for r in refs {
                            let origin = format!("{{{{{r}}}}}, used by {} auth", a.kind);
                            self.mark_secret(&r, &origin);
                        }
                    } else if !text.is_empty() {
                        let origin = format!("the {} auth {key} of '{title}'", a.kind);
                        let var = self.literal_secret(base, &text, &origin);
                        *v = Value::String(format!("{{{{{var}}}}}"));
                        changed = true;
                    }
                }
                if changed {
                    a.set_params(params);
                }
                // The request's own auth decides, so the rewritten copy applies as
                // the inherited one would.
                req.auth = Some(a);
            }
            for h in req.header.iter().filter(|h| !h.disabled) {
                let k = h.key.to_ascii_lowercase();
                if k == "authorization" || k == "cookie" || k == "proxy-authorization" {
                    for (_, _, n) in references(&h.value) {
                        let origin = format!("{{{{{n}}}}}, used in the {} header", h.key);
                        self.mark_secret(n, &origin);
                    }
                }
            }
        }

        let mut prepared = Prepared {
            title: title.clone(),
            request: HttpRequest::default(),
            digest: None,
            parts: None,
            body_file: None,
            added_scheme: false,
            tests: scripts_of(self.collection, &parents, entry.item, "test"),
            prerequest: scripts_of(self.collection, &parents, entry.item, "prerequest"),
            failed: None,
        };

        // With templates, the names no scope defines are still worth a warning.
        let warn_scopes = if self.marks.iter().any(|m| !m.redact) {
            Some(self.scopes.clone())
        } else {
            None
        };
        let ctx = BuildContext {
            collection: self.collection,
            parents: &parents,
            scopes: &self.marked,
            files: &self.files,
            settings: &self.settings,
        };
        let mut missing_files = Vec::new();
        let built = match request::build(&req, entry.item, &ctx) {
            Ok(b) => Ok(b),
            Err(BuildError::Body(e)) => {
                // Files that are not here: the command still names them.
                missing_files.push(e.to_string());
                let mut r = req.clone();
                if let Some(b) = r.body.as_mut() {
                    for p in b.formdata.iter_mut().filter(|p| p.is_file()) {
                        p.kind = Some("text".into());
                        p.value = Some(String::new());
                    }
                    if let Some(f) = b.file.as_mut() {
                        f.content = Some(String::new());
                        f.src = None;
                    }
                }
                request::build(&r, entry.item, &ctx)
            }
        };
        let built = match built {
            Ok(b) => b,
            Err(e) => {
                prepared.failed = Some(e.to_string());
                self.warnings
                    .push(format!("request '{title}': cannot be exported: {e}"));
                return prepared;
            }
        };
        for m in missing_files {
            self.warnings.push(format!(
                "request '{title}': {m}; the command refers to the file anyway"
            ));
        }
        // What `run` would refuse to send (a header holding a line break, a method or
        // URL that is not HTTP) is not exported either.
        if let Some(original) = &entry.item.request {
            let ctx = BuildContext {
                scopes: self.scopes,
                ..ctx
            };
            if let Ok(real) = request::build(original, entry.item, &ctx) {
                let url_unresolved = real.unresolved.iter().any(|u| u.part == "url");
                match crate::http::client::refusal(&real.request) {
                    Some(crate::http::RequestError::InvalidUrl { .. }) if url_unresolved => {}
                    Some(e) => {
                        prepared.failed = Some(e.to_string());
                        self.warnings
                            .push(format!("request '{title}': cannot be exported: {e}"));
                        return prepared;
                    }
                    None => {}
                }
            }
        }
        let unresolved = match &warn_scopes {
            Some(s) => {
                let ctx = BuildContext { scopes: s, ..ctx };
                request::build(&req, entry.item, &ctx)
                    .map(|b| b.unresolved)
                    .unwrap_or_default()
            }
            None => built.unresolved.clone(),
        };
        for u in unresolved {
            if u.name.starts_with("__postie_secret_") {
                continue;
            }
            self.warnings.push(format!(
                "request '{title}': unresolved variable {{{{{}}}}} in {}",
                u.name, u.part
            ));
        }
        for n in &built.notes {
            self.warnings.push(format!("request '{title}': {n}"));
        }

        // Parts of a multipart body, read back from the bytes that were built.
        let body_model = req.body.as_ref().filter(|_| built.request.body.is_some());
        if let (Some(model), Some(bytes)) = (body_model, built.request.body.as_ref()) {
            let ct = built.request.header("content-type").unwrap_or("");
            let mode = model.mode.as_deref().unwrap_or("");
            if mode == "formdata" || (model.mode.is_none() && !model.formdata.is_empty()) {
                match parse_multipart(ct, bytes) {
                    Some(raw) => {
                        prepared.parts = Some(self.parts(&title, model, raw));
                    }
                    None => self.warnings.push(format!(
                        "request '{title}': the multipart body does not match its Content-Type; \
                         exported as raw bytes"
                    )),
                }
            } else if mode == "file" {
                if let Some(src) = model
                    .file
                    .as_ref()
                    .and_then(|f| f.src.as_deref())
                    .filter(|s| !s.is_empty())
                {
                    let resolved = self.marked.resolve(src).text;
                    prepared.body_file = Some(
                        under(self.opts.working_dir.as_deref(), &resolved)
                            .display()
                            .to_string(),
                    );
                }
            }
        }

        let raw_url = req.url.raw.clone().unwrap_or_else(|| req.url.to_raw());
        let raw_url = raw_url.trim();
        prepared.added_scheme =
            req.url.protocol.is_none() && request::url::with_default_protocol(raw_url) != raw_url;
        prepared.digest = built.digest.clone();
        prepared.request = built.request;
        prepared
    }

    /// Pairs the parsed parts with the form parameters that made them (for file paths).
    fn parts(
        &mut self,
        title: &str,
        model: &crate::collection::Body,
        raw: Vec<RawPart>,
    ) -> Vec<Part> {
        let mut sources = Vec::new();
        for p in model
            .formdata
            .iter()
            .filter(|p| !p.disabled && !p.key.is_empty())
        {
            if p.is_file() {
                let srcs = p.sources();
                for s in srcs {
                    let resolved = self.marked.resolve(&s).text;
                    let file_name = std::path::Path::new(&resolved)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let ct = p
                        .content_type
                        .clone()
                        .unwrap_or_else(|| request::body::guess_type(&file_name).into());
                    sources.push(Some((
                        under(self.opts.working_dir.as_deref(), &resolved)
                            .display()
                            .to_string(),
                        ct,
                    )));
                }
            } else {
                sources.push(None);
            }
        }
        let mut out = Vec::new();
        for (i, part) in raw.into_iter().enumerate() {
            match sources.get(i).cloned().flatten() {
                Some((path, ct)) => out.push(Part::File {
                    name: part.name,
                    path,
                    content_type: part.content_type.unwrap_or(ct),
                }),
                None => {
                    let value = String::from_utf8(part.body).unwrap_or_else(|e| {
                        self.warnings.push(format!(
                            "request '{title}': form field '{}' is not UTF-8 text",
                            part.name
                        ));
                        String::from_utf8_lossy(e.as_bytes()).into_owned()
                    });
                    out.push(Part::Text {
                        name: part.name,
                        value,
                        content_type: part.content_type,
                    })
                }
            }
        }
        out
    }

    /// Placeholders used by the output, for the script's header.
    pub fn used_placeholders(&self) -> Vec<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.redact && m.used.get())
            .collect()
    }
}

/// The scripts of one kind (`prerequest`, `test`) that apply to a request:
/// collection, folders, item, each with where it comes from.
fn scripts_of(
    collection: &Collection,
    parents: &[&Item],
    item: &Item,
    kind: &str,
) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    if let Some(s) = crate::collection::script_of(&collection.event, kind) {
        out.push((format!("collection {kind} script"), s.exec.clone()));
    }
    for p in parents {
        if let Some(s) = p.script(kind) {
            out.push((
                format!("{kind} script of folder '{}'", p.name),
                s.exec.clone(),
            ));
        }
    }
    if let Some(s) = item.script(kind) {
        out.push((format!("{kind} script"), s.exec.clone()));
    }
    out
}

#[derive(Debug)]
pub(crate) struct RawPart {
    pub name: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

/// Reads back the parts of a `multipart/form-data` body that `request::build` made.
pub(crate) fn parse_multipart(content_type: &str, body: &[u8]) -> Option<Vec<RawPart>> {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")?
        .trim();
    let delim = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut pos = find(body, delim.as_bytes(), 0)?;
    loop {
        let after = pos + delim.len();
        if body.get(after..after + 2) == Some(b"--") {
            break;
        }
        let head_start = after + 2;
        let head_end = find(body, b"\r\n\r\n", head_start)?;
        let head = std::str::from_utf8(&body[head_start..head_end]).ok()?;
        let next = find(body, format!("\r\n{delim}").as_bytes(), head_end + 4)?;
        let mut name = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let (k, v) = line.split_once(':')?;
            if k.eq_ignore_ascii_case("content-disposition") {
                let rest = v.trim().strip_prefix("form-data; name=\"")?;
                let end = rest.find('"')?;
                name = Some(rest[..end].to_string());
            } else if k.eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_string());
            }
        }
        parts.push(RawPart {
            name: name?,
            content_type,
            body: body[head_end + 4..next].to_vec(),
        });
        pos = next + 2;
    }
    Some(parts)
}

// ---------------------------------------------------------------- shell scripts

/// Bytes no shell can pass as an argument, written to a temporary file by the
/// script before the command that reads them.
#[derive(Debug, Clone)]
pub(crate) struct Spill {
    /// The shell variable holding the file's path.
    pub var: String,
    pub bytes: Vec<u8>,
}

/// One command of a shell script: its comment, temporary files, and option groups
/// (a group is an option with its value: one line in `--multiline`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Command {
    pub title: String,
    pub spills: Vec<Spill>,
    pub groups: Vec<Vec<Word>>,
    /// Why the request could not be exported (written as a comment).
    pub skipped: Option<String>,
}

impl Command {
    pub fn group(&mut self, words: Vec<Word>) {
        self.groups.push(words);
    }
}

impl Exporter<'_> {
    /// A temporary file for bytes the shell cannot pass; returns the word `prefix` + its path.
    pub fn spill(&mut self, cmd: &mut Command, bytes: Vec<u8>, prefix: &str) -> Word {
        self.spills += 1;
        let var = format!("POSTIE_BODY_{}", self.spills);
        cmd.spills.push(Spill {
            var: var.clone(),
            bytes,
        });
        let mut w = Word::lit(prefix);
        w.push_var(&var);
        w
    }
}

/// The URL as the client sends it: the fragment dropped and, unless variables stay
/// as templates, normalised the way the HTTP client parses it (dot segments, host
/// case, IDNA). Templates are kept as written (`{{base}}/x`, not `http://{{base}}/x`).
pub(crate) fn url_text(cx: &Exporter<'_>, p: &Prepared) -> String {
    let text = p.request.url.as_str();
    let text = text.split_once('#').map(|(a, _)| a).unwrap_or(text);
    let templates = cx.opts.keep_vars || cx.opts.format == Format::Hurl;
    if templates {
        if p.added_scheme {
            if let Some(rest) = text.strip_prefix("http://") {
                if rest.to_ascii_lowercase().starts_with(TOKEN_HEAD) {
                    return rest.to_string();
                }
            }
        }
        return text.to_string();
    }
    match crate::http::client::parse_url(text) {
        Ok(mut u) => {
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => text.to_string(),
    }
}

/// Renders commands as a script for the chosen shell (`templates/script-*.j2`).
pub(crate) fn render_script(
    cx: &Exporter<'_>,
    tool: &str,
    commands: &[Command],
) -> Result<String, ExportError> {
    use base64::Engine;
    let shell = cx.opts.shell;
    let b64 = base64::engine::general_purpose::STANDARD;
    let cmds: Vec<minijinja::Value> = commands
        .iter()
        .map(|c| {
            let groups: Vec<String> = c
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|w| w.quote(shell))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let spills: Vec<minijinja::Value> = c
                .spills
                .iter()
                .map(|s| {
                    let text = b64.encode(&s.bytes);
                    let lines: Vec<String> = text
                        .as_bytes()
                        .chunks(64)
                        .map(|l| String::from_utf8_lossy(l).into_owned())
                        .collect();
                    minijinja::context! {
                        var => s.var,
                        b64 => text,
                        lines => lines,
                        printf => quote::printf_format(&s.bytes),
                    }
                })
                .collect();
            minijinja::context! {
                title => quote::comment_text(&c.title, shell),
                groups => groups,
                spills => spills,
                skipped => c.skipped.as_deref().map(|s| quote::comment_text(s, shell)),
            }
        })
        .collect();
    let placeholders: Vec<minijinja::Value> = cx
        .used_placeholders()
        .iter()
        .map(|m| {
            minijinja::context! {
                env => m.env,
                origin => quote::comment_text(&m.origin, shell),
            }
        })
        .collect();
    let (name, source) = match shell {
        Shell::Posix | Shell::Bash | Shell::Zsh => (
            "script-posix.sh.j2",
            include_str!("templates/script-posix.sh.j2"),
        ),
        Shell::Pwsh => (
            "script-pwsh.ps1.j2",
            include_str!("templates/script-pwsh.ps1.j2"),
        ),
        Shell::Cmd => (
            "script-cmd.bat.j2",
            include_str!("templates/script-cmd.bat.j2"),
        ),
    };
    render_template(
        name,
        source,
        minijinja::context! {
            tool => tool,
            interpreter => match shell {
                Shell::Bash => "/usr/bin/env bash",
                Shell::Zsh => "/usr/bin/env zsh",
                _ => "/bin/sh",
            },
            version => env!("CARGO_PKG_VERSION"),
            collection => quote::comment_text(&cx.collection.info.name, shell),
            single => cx.opts.request.is_some(),
            multiline => cx.opts.multiline,
            placeholders => placeholders,
            commands => cmds,
        },
    )
}

// ---------------------------------------------------------------- templates

pub(crate) fn render_template(
    name: &str,
    source: &str,
    ctx: minijinja::Value,
) -> Result<String, ExportError> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    env.add_template(name, source)
        .map_err(|e| ExportError::Template(e.to_string()))?;
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| ExportError::Template(e.to_string()))
}

/// `1500 ms` → `1.5`.
pub(crate) fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms % 1000 == 0 {
        format!("{}", ms / 1000)
    } else {
        let s = format!("{:.3}", ms as f64 / 1000.0);
        s.trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names() {
        assert_eq!(env_name("accessToken"), "ACCESS_TOKEN");
        assert_eq!(env_name("client-secret"), "CLIENT_SECRET");
        assert_eq!(env_name("m2mSecret"), "M2M_SECRET");
        assert_eq!(env_name("organization.name"), "ORGANIZATION_NAME");
        assert_eq!(env_name("1st"), "_1ST");
        assert_eq!(env_name("..."), "VALUE");
        assert_eq!(env_name("user"), "USER_VALUE");
    }

    #[test]
    fn seconds_text() {
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5");
        assert_eq!(seconds(Duration::from_millis(2000)), "2");
        assert_eq!(seconds(Duration::from_millis(1)), "0.001");
    }

    #[test]
    fn multipart_round_trip() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n1\r\n--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\nfile\r\n--XX--\r\n";
        let parts = parse_multipart("multipart/form-data; boundary=XX", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "a");
        assert_eq!(parts[0].body, b"v\r\n1");
        assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
        assert_eq!(parts[1].body, b"file");
    }
}
