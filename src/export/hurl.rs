//! A Hurl file for the selected requests. Variables stay `{{name}}` templates (Hurl
//! has the same syntax); statically recognisable script statements become
//! `HTTP n`, `[Captures]` and `[Asserts]`, and every other script line is listed
//! in a coverage report (a comment in the file and a warning).

use super::quote::{Seg, Word};
use super::{render_template, url_text, ExportError, Exporter, Part, Prepared};
use base64::Engine;
use serde_json::Value;

/// A value-string of Hurl (header values, section values): `\` and `#` escaped.
fn value(cx: &Exporter<'_>, text: &str) -> String {
    hurl_word(&cx.word(text), |l| {
        let mut out = String::new();
        for c in l.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '#' => out.push_str("\\#"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out
    })
}

/// A key-string of Hurl: characters other than letters, digits, `_-.` escaped.
fn key(cx: &Exporter<'_>, text: &str) -> String {
    hurl_word(&cx.word(text), |l| {
        let mut out = String::new();
        for c in l.chars() {
            if c.is_ascii_alphanumeric() || "_-.".contains(c) || !c.is_ascii() {
                out.push(c);
            } else {
                out.push('\\');
                out.push(c);
            }
        }
        out
    })
}

/// Literal parts through `escape`; marks are already `{{name}}`, placeholders become
/// `{{NAME}}` (passed with `--secret`).
fn hurl_word(w: &Word, escape: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for s in &w.0 {
        match s {
            Seg::Lit(l) => {
                // Keep `{{name}}` templates intact, escape the text around them.
                let mut rest = l.as_str();
                while let Some(i) = rest.find("{{") {
                    match rest[i..].find("}}") {
                        Some(j) => {
                            out.push_str(&escape(&rest[..i]));
                            out.push_str(&rest[i..i + j + 2]);
                            rest = &rest[i + j + 2..];
                        }
                        None => break,
                    }
                }
                out.push_str(&escape(rest));
            }
            Seg::Var(v) => out.push_str(&format!("{{{{{v}}}}}")),
        }
    }
    out
}

/// A Hurl string in double quotes.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The body as Hurl writes it, keeping its bytes: JSON as is, one line in
/// backticks, several lines in a ``` block (which ends with a line break), else base64.
fn body(cx: &mut Exporter<'_>, title: &str, bytes: &[u8]) -> String {
    let b64 = || {
        format!(
            "base64,{};",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return b64();
    };
    let w = cx.word(text);
    let templated = hurl_word(&w, |l| l.to_string());
    let has_marks = w.as_lit().as_deref() != Some(text);
    let trimmed = templated.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && templated == templated.trim_end()
        && !templated.contains("```")
    {
        // Hurl reads JSON bodies with templates in them; check it parses with
        // every template replaced by a number.
        let probe = replace_templates(&templated, "0");
        if serde_json::from_str::<Value>(&probe).is_ok() {
            return templated;
        }
    }
    if !text.contains(['\n', '\r']) && !text.contains('`') {
        let escaped = hurl_word(&w, |l| l.replace('\\', "\\\\"));
        return format!("`{escaped}`");
    }
    if text.ends_with('\n') && !text.contains("```") && !text.contains('\r') {
        return format!("```\n{templated}```");
    }
    if has_marks {
        cx.warnings.push(format!(
            "request '{title}': the body is written as a ``` block, which adds a final line break"
        ));
        return format!("```\n{templated}\n```");
    }
    b64()
}

fn replace_templates(text: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        match rest[i..].find("}}") {
            Some(j) => {
                out.push_str(&rest[..i]);
                out.push_str(with);
                rest = &rest[i + j + 2..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// What the scripts of a request turned into.
#[derive(Debug, Default)]
pub(crate) struct Translated {
    pub status: Option<u16>,
    pub captures: Vec<String>,
    pub asserts: Vec<String>,
    /// Lines that were not translated, with where they come from.
    pub untranslated: Vec<String>,
}

/// `json.a.b[0]["c d"]` after the alias → `$.a.b[0]['c d']`.
fn jsonpath(access: &str) -> Option<String> {
    let mut out = String::from("$");
    let mut rest = access.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push('.');
            out.push_str(&r[..end]);
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let inner = r[..end].trim();
            if inner.bytes().all(|b| b.is_ascii_digit()) && !inner.is_empty() {
                out.push_str(&format!("[{inner}]"));
            } else if let Some(k) = js_string(inner) {
                out.push_str(&format!("['{}']", k.replace('\'', "\\'")));
            } else {
                return None;
            }
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// A JavaScript string literal's text.
fn js_string(s: &str) -> Option<String> {
    let s = s.trim();
    let q = s.chars().next()?;
    if !(q == '"' || q == '\'' || q == '`') || !s.ends_with(q) || s.len() < 2 {
        return None;
    }
    let inner = &s[1..s.len() - 1];
    if inner.contains(q) || inner.contains('\\') || (q == '`' && inner.contains("${")) {
        return None;
    }
    Some(inner.to_string())
}

/// A JavaScript literal as a Hurl predicate value.
fn js_literal(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(t) = js_string(s) {
        return Some(quoted(&t));
    }
    match s {
        "true" | "false" | "null" => return Some(s.to_string()),
        _ => {}
    }
    if s.parse::<f64>().is_ok() && !s.starts_with('+') {
        return Some(s.to_string());
    }
    None
}

/// Splits `f(a, b)` arguments at top-level commas.
fn args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c)
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'' | '`') => {
                quote = Some(c);
                cur.push(c)
            }
            (None, '(' | '[' | '{') => {
                depth += 1;
                cur.push(c)
            }
            (None, ')' | ']' | '}') => {
                depth -= 1;
                cur.push(c)
            }
            (None, ',') if depth == 0 => out.push(std::mem::take(&mut cur)),
            (None, c) => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|a| a.trim().to_string()).collect()
}

/// `name(inner)` → inner, when the whole statement is that call.
fn call<'s>(stmt: &'s str, name: &str) -> Option<&'s str> {
    stmt.strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// The JSON access path of an expression over the parsed body (`json.a.b`,
/// `pm.response.json().a`), as a jsonpath.
fn body_path(expr: &str, aliases: &[String]) -> Option<String> {
    let expr = expr.trim();
    for direct in ["pm.response.json()", "JSON.parse(responseBody)"] {
        if let Some(rest) = expr.strip_prefix(direct) {
            return jsonpath(rest);
        }
    }
    for a in aliases {
        if let Some(rest) = expr.strip_prefix(a.as_str()) {
            if rest.is_empty() || rest.starts_with(['.', '[']) {
                return jsonpath(rest);
            }
        }
    }
    None
}

fn translate_statement(stmt: &str, aliases: &mut Vec<String>, out: &mut Translated) -> bool {
    let stmt = stmt.trim().trim_end_matches(';').trim();
    // Structure that carries nothing by itself.
    if stmt.is_empty()
        || stmt.starts_with("//")
        || matches!(stmt, "}" | "})" | "});" | "{")
        || (stmt.starts_with("pm.test(")
            && (stmt.ends_with("function () {")
                || stmt.ends_with("function() {")
                || stmt.ends_with("=> {")))
    {
        return true;
    }
    // var json = JSON.parse(responseBody) / pm.response.json()
    for decl in ["var ", "let ", "const "] {
        if let Some(rest) = stmt.strip_prefix(decl) {
            if let Some((name, value)) = rest.split_once('=') {
                let value = value.trim();
                if matches!(value, "JSON.parse(responseBody)" | "pm.response.json()") {
                    aliases.push(name.trim().to_string());
                    return true;
                }
            }
        }
    }
    for setter in [
        "pm.environment.set",
        "pm.collectionVariables.set",
        "pm.globals.set",
        "pm.variables.set",
        "postman.setEnvironmentVariable",
        "postman.setGlobalVariable",
    ] {
        if let Some(inner) = call(stmt, setter) {
            let a = args(inner);
            if a.len() == 2 {
                if let (Some(name), Some(path)) = (js_string(&a[0]), body_path(&a[1], aliases)) {
                    if name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        out.captures
                            .push(format!("{name}: jsonpath {}", quoted(&path)));
                        return true;
                    }
                }
            }
            return false;
        }
    }
    if let Some(inner) = call(stmt, "pm.response.to.have.status") {
        if let Ok(n) = inner.trim().parse::<u16>() {
            out.status = Some(n);
            return true;
        }
        return false;
    }
    // pm.expect(X).to.eql(V) / .to.equal(V) / .to.eq(V)
    if let Some(rest) = stmt.strip_prefix("pm.expect(") {
        for m in [").to.eql(", ").to.equal(", ").to.eq(", ").to.be.eql("] {
            if let Some((subject, value)) = rest.split_once(m) {
                let Some(value) = value.strip_suffix(')') else {
                    return false;
                };
                let subject = subject.trim();
                if matches!(subject, "pm.response.code" | "responseCode.code") {
                    if let Ok(n) = value.trim().parse::<u16>() {
                        out.status = Some(n);
                        return true;
                    }
                    return false;
                }
                if let (Some(path), Some(v)) = (body_path(subject, aliases), js_literal(value)) {
                    out.asserts
                        .push(format!("jsonpath {} == {v}", quoted(&path)));
                    return true;
                }
                return false;
            }
        }
    }
    false
}

/// Translates the test scripts of a request; prerequest scripts have no Hurl form.
pub(crate) fn translate(p: &Prepared) -> Translated {
    let mut out = Translated::default();
    for (origin, lines) in &p.prerequest {
        for (i, line) in lines.iter().enumerate() {
            if !line.trim().is_empty() && !line.trim().starts_with("//") {
                out.untranslated
                    .push(format!("{origin}, line {}: {}", i + 1, line.trim()));
            }
        }
    }
    for (origin, lines) in &p.tests {
        let mut aliases = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let stmts: Vec<&str> = if line.contains("; ") {
                line.split("; ").collect()
            } else {
                vec![line.as_str()]
            };
            let ok = stmts
                .iter()
                .all(|s| translate_statement(s, &mut aliases, &mut out));
            if !ok {
                out.untranslated
                    .push(format!("{origin}, line {}: {}", i + 1, line.trim()));
            }
        }
    }
    out
}

fn entry(cx: &mut Exporter<'_>, p: &Prepared) -> minijinja::Value {
    let t = translate(p);
    for u in &t.untranslated {
        cx.warnings.push(format!(
            "request '{}': not translated to Hurl: {u}",
            p.title
        ));
    }
    let coverage: Vec<String> = t
        .untranslated
        .iter()
        .map(|u| super::quote::comment_text(u, super::Shell::Posix))
        .collect();
    let title = super::quote::comment_text(&p.title, super::Shell::Posix);
    if let Some(why) = &p.failed {
        return minijinja::context! { title => title, skipped => why, coverage => coverage };
    }
    let r = &p.request;
    let url = url_text(cx, p);
    let url = hurl_word(&cx.word(&url), |l| l.to_string());
    let mut headers = Vec::new();
    let mut basic = None;
    let multipart = p.parts.is_some();
    for (k, v) in &crate::http::client::wire_headers(&r.headers) {
        if multipart
            && k.eq_ignore_ascii_case("content-type")
            && v.starts_with("multipart/form-data; boundary=")
        {
            continue;
        }
        if k.eq_ignore_ascii_case("authorization") {
            if let Some(creds) = super::curl::basic_credentials(cx, v) {
                let text = hurl_word(&creds, |l| l.to_string());
                if let Some((u, pw)) = text.split_once(':') {
                    basic = Some(format!("{}: {}", key(cx, u), value(cx, pw)));
                    continue;
                }
            }
        }
        headers.push(format!("{}: {}", key(cx, k), value(cx, v)));
    }
    let mut options = Vec::new();
    let s = &r.settings;
    if s.follow_redirects {
        options.push("location: true".to_string());
        options.push(format!("max-redirs: {}", s.max_redirects));
    }
    if !s.strict_ssl {
        options.push("insecure: true".into());
    }
    if url.to_ascii_lowercase().starts_with("https://") {
        options.push("http1.1: true".into());
    }
    if p.digest.is_some() {
        cx.warnings.push(format!(
            "request '{}': Hurl has no digest auth; the request is written without it",
            p.title
        ));
    }
    let mut multipart_lines = Vec::new();
    if let Some(parts) = &p.parts {
        for part in parts {
            match part {
                Part::Text {
                    name,
                    value: v,
                    content_type,
                } => {
                    if content_type.is_some() {
                        cx.warnings.push(format!(
                            "request '{}': the content type of form field '{name}' is not written to Hurl",
                            p.title
                        ));
                    }
                    multipart_lines.push(format!("{}: {}", key(cx, name), value(cx, v)));
                }
                Part::File {
                    name,
                    path,
                    content_type,
                } => multipart_lines.push(format!(
                    "{}: file,{}; {}",
                    key(cx, name),
                    value(cx, path).replace(';', "\\;"),
                    content_type
                )),
            }
        }
    }
    let body_text = if multipart {
        None
    } else if let Some(path) = &p.body_file {
        Some(format!("file,{};", value(cx, path).replace(';', "\\;")))
    } else {
        r.body.as_ref().map(|b| body(cx, &p.title, b))
    };
    let method = hurl_word(&cx.word(&r.method), |l| l.to_string());
    minijinja::context! {
        title => title,
        method => method,
        url => url,
        headers => headers,
        options => options,
        basic => basic,
        multipart => multipart_lines,
        body => body_text,
        status => t.status,
        captures => t.captures,
        asserts => t.asserts,
        coverage => coverage,
    }
}

pub(crate) fn render(prepared: &[Prepared], cx: &mut Exporter<'_>) -> Result<String, ExportError> {
    let entries: Vec<minijinja::Value> = prepared.iter().map(|p| entry(cx, p)).collect();
    let invalid: Vec<String> = cx
        .marks
        .iter()
        .filter(|m| m.used.get() && !m.redact)
        .filter(|m| {
            !m.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        .map(|m| format!("{{{{{}}}}}", m.name))
        .collect();
    if !invalid.is_empty() {
        cx.warnings.push(format!(
            "not valid Hurl variable names (rename them or pass values with --variable): {}",
            invalid.join(", ")
        ));
    }
    let secrets: Vec<String> = cx
        .used_placeholders()
        .iter()
        .map(|m| m.env.clone())
        .collect();
    let total: usize = entries
        .iter()
        .map(|e| {
            e.get_attr("coverage")
                .ok()
                .and_then(|c| c.len())
                .unwrap_or(0)
        })
        .sum();
    render_template(
        "hurl.j2",
        include_str!("templates/hurl.j2"),
        minijinja::context! {
            version => env!("CARGO_PKG_VERSION"),
            collection => super::quote::comment_text(&cx.collection.info.name, super::Shell::Posix),
            secrets => secrets,
            untranslated => total,
            entries => entries,
        },
    )
}
