//! curl commands that send the request `postie run` sends.

use super::prepare::Prepared;
use super::quote::{Shell, Word};
use super::script::{render_script, seconds, Command};
use super::{redact, Cx, ExportError};
use crate::request::{AuthSpec, BodySpec, HeaderOrigin, PartContent, RequestSpec, Text};

/// curl's option names: short unless `--long-options`.
fn opt(cx: &Cx<'_>, short: &str, long: &str) -> Word {
    Word::lit(if cx.opts.long_options { long } else { short })
}

/// Quotes a `-F` value for curl's own parser: `"…"` with `\` and `"` escaped.
fn form_quoted(w: Word) -> Word {
    let mut out = Word::lit("\"");
    for s in w.0 {
        match s {
            super::quote::Seg::Lit(l) => {
                out.push_lit(&l.replace('\\', "\\\\").replace('"', "\\\""))
            }
            s => out.0.push(s),
        }
    }
    out.push_lit("\"");
    out
}

/// The body's text with credential fields hidden (`--redact`).
pub(crate) fn body_word(cx: &mut Cx<'_>, spec: &RequestSpec, title: &str) -> Option<Word> {
    let text = match &spec.body {
        BodySpec::Raw(t) => t.clone(),
        BodySpec::GraphQl {
            query,
            variables,
            operation_name,
        } => BodySpec::graphql_json(query.as_ref(), operation_name.as_ref(), variables.as_ref()),
        BodySpec::UrlEncoded(pairs) => {
            let mut w = Word::default();
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    w.push_lit("&");
                }
                let encode = crate::request::body::form_encode;
                w.append(cx.r.word(&k.map_all(encode)));
                w.push_lit("=");
                let v = v.map_all(encode);
                if redact::is_credential(&k.value()) {
                    let len = v.value().len();
                    let secret = redact::Secret {
                        range: 0..len,
                        field: k.value(),
                    };
                    let secrets = if len > 0 { vec![secret] } else { Vec::new() };
                    w.append(cx.r.word_hiding(&v, &secrets, title, "form body, form-encoded"));
                } else {
                    w.append(cx.r.word(&v));
                }
            }
            return Some(w);
        }
        BodySpec::Empty => Text::default(),
        _ => return None,
    };
    let secrets = redact::json_secrets(&text.value());
    Some(cx.r.word_hiding(&text, &secrets, title, "JSON body, JSON-escaped"))
}

/// The value of a multipart text field, hidden when it is a credential.
pub(crate) fn field_word(cx: &mut Cx<'_>, name: &Text, value: &Text, title: &str) -> Word {
    if redact::is_credential(&name.value()) && !value.is_empty() {
        let secret = redact::Secret {
            range: 0..value.value().len(),
            field: name.value(),
        };
        return cx.r.word_hiding(value, &[secret], title, "form field");
    }
    cx.r.word(value)
}

pub(crate) fn command(cx: &mut Cx<'_>, p: &Prepared) -> Command {
    let shell = cx.opts.shell;
    let mut cmd = Command {
        title: p.title.clone(),
        ..Default::default()
    };
    let Some(spec) = &p.spec else {
        cmd.skipped = p.failed.clone();
        return cmd;
    };
    let title = &p.title;
    let program = Word::lit(if shell == Shell::Pwsh || shell == Shell::Cmd {
        "curl.exe"
    } else {
        "curl"
    });
    let has_body = spec.body != BodySpec::None;
    let method = spec.method.value();
    let mut first = vec![program];
    match (method.as_str(), has_body) {
        ("GET", false) => {}
        ("HEAD", false) => first.push(opt(cx, "-I", "--head")),
        ("POST", true) => {}
        _ => {
            first.push(opt(cx, "-X", "--request"));
            first.push(cx.r.word(&spec.method));
        }
    }
    let url = cx.r.url(spec, title);
    let globoff = url.display().contains(['[', ']', '{', '}']);
    let https = url.display().to_ascii_lowercase().starts_with("https://");
    first.push(url);
    cmd.group(first);

    let multipart = matches!(spec.body, BodySpec::Multipart(_));
    if let Some((user, pass)) = cx.r.basic_credentials(spec, title) {
        let mut w = user;
        w.push_lit(":");
        w.append(pass);
        cmd.group(vec![opt(cx, "-u", "--user"), w]);
    }
    for (name, value, origin) in cx.r.headers(spec, title) {
        if multipart && origin == HeaderOrigin::Body {
            // curl writes the multipart Content-Type with its own boundary.
            continue;
        }
        let mut w = name;
        if value.display().is_empty() {
            // `Name:` would remove the header; `Name;` sends it empty.
            w.push_lit(";");
        } else {
            w.push_lit(": ");
            w.append(value);
        }
        cmd.group(vec![opt(cx, "-H", "--header"), w]);
    }
    let has_ct = spec.header("content-type").is_some();
    let mut large = false;

    match &spec.body {
        BodySpec::Multipart(parts) => {
            for part in parts {
                let mut w = cx.r.word(&part.name);
                w.push_lit("=");
                match &part.content {
                    PartContent::Text(value) => {
                        let value_word = field_word(cx, &part.name, value, title);
                        if !shell.can_pass(&value_word.display()) {
                            let mut inner = Word::lit("<\"");
                            inner.append(cx.spill(&mut cmd, value_word, ""));
                            inner.push_lit("\"");
                            w.append(inner);
                            if let Some(ct) = &part.content_type {
                                w.push_lit(";type=");
                                w.push_lit(ct);
                            }
                            cmd.group(vec![opt(cx, "-F", "--form"), w]);
                        } else if let Some(ct) = &part.content_type {
                            w.append(form_quoted(value_word));
                            w.push_lit(";type=");
                            w.push_lit(ct);
                            cmd.group(vec![opt(cx, "-F", "--form"), w]);
                        } else {
                            w.append(value_word);
                            cmd.group(vec![Word::lit("--form-string"), w]);
                        }
                        if part.name.value().contains('=') {
                            cx.warnings.push(format!(
                                "request '{title}': curl cannot send a form field named '{}' (it holds '=')",
                                part.name.value()
                            ));
                        }
                    }
                    PartContent::File(f) => {
                        large = true;
                        w.push_lit("@");
                        w.append(form_quoted(Word::lit(f.path.display().to_string())));
                        w.push_lit(";type=");
                        w.push_lit(
                            part.content_type
                                .as_deref()
                                .unwrap_or("application/octet-stream"),
                        );
                        cmd.group(vec![opt(cx, "-F", "--form"), w]);
                    }
                }
            }
        }
        BodySpec::File(f) => {
            large = true;
            let mut w = Word::lit("@");
            w.push_lit(&f.path.display().to_string());
            cmd.group(vec![Word::lit("--data-binary"), w]);
        }
        BodySpec::None => {}
        _ => {
            let w = body_word(cx, spec, title).unwrap_or_default();
            let display = w.display();
            large = display.len() > 1024;
            if shell.can_pass(&display) {
                // `@` would make curl read a file; only --data-raw (curl 7.43+) takes it as is.
                let starts_unsafe = display.starts_with('@')
                    || matches!(w.0.first(), Some(super::quote::Seg::Var(_)));
                let flag = if starts_unsafe {
                    "--data-raw"
                } else {
                    "--data-binary"
                };
                cmd.group(vec![Word::lit(flag), w]);
            } else {
                let w = cx.spill(&mut cmd, w, "@");
                cmd.group(vec![Word::lit("--data-binary"), w]);
            }
        }
    }
    if has_body && !multipart && !has_ct {
        // curl would add a form Content-Type that run does not send.
        cmd.group(vec![opt(cx, "-H", "--header"), Word::lit("Content-Type:")]);
    }
    if large && spec.header("expect").is_none() {
        cmd.group(vec![opt(cx, "-H", "--header"), Word::lit("Expect:")]);
    }

    if let AuthSpec::Digest {
        username, password, ..
    } = &spec.auth
    {
        let mut w = cx.r.credential(username, "digest", "username", title);
        w.push_lit(":");
        w.append(cx.r.credential(password, "digest", "password", title));
        cmd.group(vec![Word::lit("--digest")]);
        cmd.group(vec![opt(cx, "-u", "--user"), w]);
    }
    let s = &spec.settings;
    if s.follow_redirects {
        cmd.group(vec![opt(cx, "-L", "--location")]);
        cmd.group(vec![
            Word::lit("--max-redirs"),
            Word::lit(s.max_redirects.to_string()),
        ]);
        if s.follow_original_method && method == "POST" {
            cmd.group(vec![Word::lit("--post301"), Word::lit("--post302")]);
        }
    }
    if !s.strict_ssl {
        cmd.group(vec![opt(cx, "-k", "--insecure")]);
    }
    if let Some(t) = s.timeout {
        cmd.group(vec![opt(cx, "-m", "--max-time"), Word::lit(seconds(t))]);
    }
    if globoff {
        cmd.group(vec![opt(cx, "-g", "--globoff")]);
    }
    if https {
        // postie speaks HTTP/1.1; curl would offer HTTP/2.
        cmd.group(vec![Word::lit("--http1.1")]);
    }
    if shell == Shell::Cmd && cmd.groups.iter().flatten().any(|w| !w.display().is_ascii()) {
        cx.warnings.push(format!(
            "request '{title}': non-ASCII text may not reach curl.exe intact from cmd; prefer --shell pwsh"
        ));
    }
    cmd
}

pub(crate) fn render(prepared: &[Prepared], cx: &mut Cx<'_>) -> Result<String, ExportError> {
    let commands: Vec<Command> = prepared.iter().map(|p| command(cx, p)).collect();
    render_script(cx, "curl", &commands)
}
