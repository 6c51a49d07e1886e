//! A Hurl file for the selected requests. Variables stay `{{name}}` templates (Hurl
//! has the same syntax); text that merely looks like one (`{{organization.name}}`,
//! which no scope defines and run sends as it is) is escaped so Hurl sends it as
//! it is too. Statically recognisable script statements become `HTTP n`,
//! `[Captures]` and `[Asserts]`; every other script line is listed in a coverage
//! report (a comment in the file and a warning).

use super::hurl_scripts::translate;
use super::prepare::Prepared;
use super::quote::{Seg, Word};
use super::script::render_template;
use super::{Cx, ExportError};
use crate::request::{AuthSpec, BodySpec, HeaderOrigin, PartContent};
use base64::Engine;
use serde_json::Value;

/// Hurl text from a word: literal parts through `escape`, templates and
/// placeholders as `{{name}}`. A literal `{` that would open a template with what
/// follows it is written with `brace`.
fn hurl_text(w: &Word, escape: impl Fn(&str) -> String, brace: &str) -> String {
    let mut out = String::new();
    for (i, s) in w.0.iter().enumerate() {
        match s {
            Seg::Lit(l) => {
                let next_opens = matches!(w.0.get(i + 1), Some(Seg::Tpl(_) | Seg::Var(_)));
                let chars: Vec<char> = l.chars().collect();
                for (j, c) in chars.iter().enumerate() {
                    let follows = chars.get(j + 1).copied();
                    if *c == '{' && (follows == Some('{') || (follows.is_none() && next_opens)) {
                        out.push_str(brace);
                    } else {
                        out.push_str(&escape(&c.to_string()));
                    }
                }
            }
            Seg::Tpl(n) | Seg::Var(n) => out.push_str(&format!("{{{{{n}}}}}")),
        }
    }
    out
}

/// A value-string (header values, section values): `\`, `#` and line breaks escaped.
fn value(w: &Word) -> String {
    hurl_text(
        w,
        |c| match c {
            "\\" => "\\\\".into(),
            "#" => "\\#".into(),
            "\n" => "\\n".into(),
            "\r" => "\\r".into(),
            "\t" => "\\t".into(),
            c => c.into(),
        },
        "\\{",
    )
}

/// A key-string: characters other than letters, digits, `_-.` escaped.
fn key(w: &Word) -> String {
    hurl_text(
        w,
        |c| {
            let ch = c.chars().next().unwrap_or(' ');
            if ch.is_ascii_alphanumeric() || "_-.".contains(ch) || !ch.is_ascii() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        },
        "\\{",
    )
}

/// The body as Hurl writes it, keeping its bytes: JSON as is (a literal `{{` in a
/// string as `\u007b{`), one line in backticks, several lines in a ``` block
/// (which ends with a line break and has no escapes), else base64.
fn body(cx: &mut Cx<'_>, title: &str, w: &Word) -> String {
    let plain = hurl_text(w, |c| c.to_string(), "{");
    let literal_braces = hurl_text(w, |c| c.to_string(), "\u{0}") != plain;
    let templated = w.0.iter().any(|s| !matches!(s, Seg::Lit(_)));
    let trimmed = plain.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && plain == plain.trim_end()
        && !plain.contains("```")
    {
        let json = hurl_text(w, |c| c.to_string(), "\\u007b");
        // Hurl reads JSON bodies with templates in them: check it parses with every
        // template replaced by a number.
        let mut probe = Word::default();
        for s in &w.0 {
            match s {
                Seg::Lit(l) => probe.push_lit(l),
                _ => probe.push_lit("0"),
            }
        }
        let probe = hurl_text(&probe, |c| c.to_string(), "\\u007b");
        if serde_json::from_str::<Value>(&probe).is_ok() {
            return json;
        }
    }
    if !plain.contains(['\n', '\r', '`']) {
        return format!("`{}`", hurl_text(w, |c| c.replace('\\', "\\\\"), "\\{"));
    }
    if !literal_braces && !plain.contains("```") && !plain.contains('\r') {
        if plain.ends_with('\n') {
            return format!("```\n{plain}```");
        }
        if templated {
            cx.warnings.push(format!(
                "request '{title}': the body is written as a ``` block, which adds a final line break"
            ));
            return format!("```\n{plain}\n```");
        }
    }
    match w.as_lit() {
        Some(bytes) => format!(
            "base64,{};",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
        None => {
            cx.warnings.push(format!(
                "request '{title}': the body is written as a ``` block, where Hurl reads any `{{{{…}}}}` as a template"
            ));
            format!("```\n{plain}\n```")
        }
    }
}

fn entry(cx: &mut Cx<'_>, p: &Prepared) -> minijinja::Value {
    let t = translate(p);
    for u in &t.untranslated {
        cx.warnings.push(format!(
            "request '{}': not translated to Hurl: {u}",
            p.title
        ));
    }
    let comment = |s: &str| super::quote::comment_text(s, super::Shell::Posix);
    let coverage: Vec<String> = t.untranslated.iter().map(|u| comment(u)).collect();
    let title = comment(&p.title);
    let Some(spec) = &p.spec else {
        return minijinja::context! {
            title => title,
            skipped => p.failed.as_deref().map(comment),
            coverage => coverage,
        };
    };
    let url = cx.r.url(spec, &p.title);
    let url = hurl_text(
        &url,
        |c| if c == "#" { "\\#".into() } else { c.into() },
        "\\{",
    );
    let multipart = matches!(spec.body, BodySpec::Multipart(_));
    let basic =
        cx.r.basic_credentials(spec, &p.title)
            .map(|(u, pw)| format!("{}: {}", key(&u), value(&pw)));
    let mut headers = Vec::new();
    for (name, v, origin) in cx.r.headers(spec, &p.title) {
        if multipart && origin == HeaderOrigin::Body {
            continue;
        }
        headers.push(format!("{}: {}", key(&name), value(&v)));
    }
    let mut options = Vec::new();
    let s = &spec.settings;
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
    if matches!(spec.auth, AuthSpec::Digest { .. }) {
        cx.warnings.push(format!(
            "request '{}': Hurl has no digest auth; the request is written without it",
            p.title
        ));
    }
    let mut multipart_lines = Vec::new();
    let mut body_text = None;
    match &spec.body {
        BodySpec::Multipart(parts) => {
            for part in parts {
                let name = key(&cx.r.word(&part.name));
                match &part.content {
                    PartContent::Text(v) => {
                        if part.content_type.is_some() {
                            cx.warnings.push(format!(
                                "request '{}': the content type of form field '{}' is not written to Hurl",
                                p.title,
                                part.name.value()
                            ));
                        }
                        let w = super::curl::field_word(cx, &part.name, v, &p.title);
                        multipart_lines.push(format!("{name}: {}", value(&w)));
                    }
                    PartContent::File(f) => multipart_lines.push(format!(
                        "{name}: file,{}; {}",
                        value(&Word::lit(f.path.display().to_string())).replace(';', "\\;"),
                        part.content_type
                            .as_deref()
                            .unwrap_or("application/octet-stream")
                    )),
                }
            }
        }
        BodySpec::File(f) => {
            body_text = Some(format!(
                "file,{};",
                value(&Word::lit(f.path.display().to_string())).replace(';', "\\;")
            ));
        }
        BodySpec::None | BodySpec::Empty => {}
        _ => {
            let w = super::curl::body_word(cx, spec, &p.title).unwrap_or_default();
            body_text = Some(body(cx, &p.title, &w));
        }
    }
    let method = hurl_text(&cx.r.word(&spec.method), |c| c.into(), "\\{");
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

pub(crate) fn render(prepared: &[Prepared], cx: &mut Cx<'_>) -> Result<String, ExportError> {
    let entries: Vec<minijinja::Value> = prepared.iter().map(|p| entry(cx, p)).collect();
    if !cx.r.fixed_dynamic.is_empty() {
        cx.warnings.push(format!(
            "Hurl has no equivalent of {}: their values were generated at export time",
            braces(&cx.r.fixed_dynamic)
        ));
    }
    if !cx.r.invalid_names.is_empty() {
        cx.warnings.push(format!(
            "not valid Hurl variable names, so their values are written: {}",
            braces(&cx.r.invalid_names)
        ));
    }
    let mut secrets: Vec<String> =
        cx.r.placeholders
            .used()
            .iter()
            .map(|p| p.env.clone())
            .collect();
    secrets.extend(cx.r.hurl_secrets.iter().cloned());
    let variables: Vec<String> = cx.r.hurl_vars.keys().cloned().collect();
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
            variables => variables,
            secrets => secrets,
            untranslated => total,
            entries => entries,
        },
    )
}

fn braces(names: &std::collections::BTreeSet<String>) -> String {
    names
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_braces_are_escaped_templates_are_not() {
        let mut w = Word::lit("{{org}} {");
        w.push_tpl("name");
        w.push_lit("}");
        assert_eq!(value(&w), "\\{{org}} \\{{{name}}}");
    }
}
