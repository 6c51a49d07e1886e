//! curl commands that send the request `postie run` sends.

use super::quote::{Shell, Word};
use super::{render_script, url_text, Command, ExportError, Exporter, Part, Prepared};
use base64::Engine;

/// curl's option names: short unless `--long-options`.
fn opt(cx: &Exporter<'_>, short: &str, long: &str) -> Word {
    Word::lit(if cx.opts.long_options { long } else { short })
}

/// Quotes a `-F` value for curl's own parser: `"…"` with `\` and `"` escaped.
fn form_quoted(cx: &Exporter<'_>, text: &str) -> Word {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    let mut w = Word::lit("\"");
    w.append(cx.word(&escaped));
    w.push_lit("\"");
    w
}

/// A `Basic` Authorization value whose credentials hold marks is written as
/// `-u user:pass`, which sends the same header with the placeholders expanded.
pub(crate) fn basic_credentials(cx: &Exporter<'_>, value: &str) -> Option<Word> {
    let b64 = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let w = cx.word(&text);
    if w.as_lit().as_deref() == Some(text.as_str()) {
        return None;
    }
    Some(w)
}

pub(crate) fn command(cx: &mut Exporter<'_>, p: &Prepared) -> Command {
    let shell = cx.opts.shell;
    let mut cmd = Command {
        title: p.title.clone(),
        ..Default::default()
    };
    if let Some(why) = &p.failed {
        cmd.skipped = Some(why.clone());
        return cmd;
    }
    let r = &p.request;
    let program = Word::lit(if shell == Shell::Pwsh || shell == Shell::Cmd {
        "curl.exe"
    } else {
        "curl"
    });
    let has_body = r.body.is_some();
    let mut first = vec![program];
    let method = cx.word(&r.method);
    match (r.method.as_str(), has_body) {
        ("GET", false) => {}
        ("HEAD", false) => first.push(opt(cx, "-I", "--head")),
        ("POST", true) => {}
        _ => {
            first.push(opt(cx, "-X", "--request"));
            first.push(method);
        }
    }
    let url = url_text(cx, p);
    let url_word = cx.word(&url);
    let globoff = url_word.display().contains(['[', ']', '{', '}']);
    first.push(url_word);
    cmd.group(first);

    let multipart = p.parts.is_some();
    for (k, v) in &crate::http::client::wire_headers(&r.headers) {
        if multipart
            && k.eq_ignore_ascii_case("content-type")
            && v.starts_with("multipart/form-data; boundary=")
        {
            // curl writes its own boundary; the parts are what count.
            continue;
        }
        if k.eq_ignore_ascii_case("authorization") {
            if let Some(user) = basic_credentials(cx, v) {
                cmd.group(vec![opt(cx, "-u", "--user"), user]);
                continue;
            }
        }
        let mut w = cx.word(k);
        if v.is_empty() {
            // `Name:` would remove the header; `Name;` sends it empty.
            w.push_lit(";");
        } else {
            w.push_lit(": ");
            w.append(cx.word(v));
        }
        cmd.group(vec![opt(cx, "-H", "--header"), w]);
    }
    let has_ct = r.header("content-type").is_some();
    let mut large = false;

    if let Some(parts) = &p.parts {
        for part in parts {
            match part {
                Part::Text {
                    name,
                    value,
                    content_type,
                } => {
                    let mut w = cx.word(name);
                    w.push_lit("=");
                    if !shell.can_pass(value) {
                        let mut inner = Word::lit("<\"");
                        inner.append(cx.spill(&mut cmd, value.clone().into_bytes(), ""));
                        inner.push_lit("\"");
                        w.append(inner);
                        if let Some(ct) = content_type {
                            w.push_lit(";type=");
                            w.append(cx.word(ct));
                        }
                        cmd.group(vec![opt(cx, "-F", "--form"), w]);
                    } else if let Some(ct) = content_type {
                        w.append(form_quoted(cx, value));
                        w.push_lit(";type=");
                        w.append(cx.word(ct));
                        cmd.group(vec![opt(cx, "-F", "--form"), w]);
                    } else {
                        w.append(cx.word(value));
                        cmd.group(vec![Word::lit("--form-string"), w]);
                    }
                    if name.contains('=') {
                        cx.warnings.push(format!(
                            "request '{}': curl cannot send a form field named '{name}' (it holds '=')",
                            p.title
                        ));
                    }
                }
                Part::File {
                    name,
                    path,
                    content_type,
                } => {
                    large = true;
                    let mut w = cx.word(name);
                    w.push_lit("=@");
                    w.append(form_quoted(cx, path));
                    w.push_lit(";type=");
                    w.append(cx.word(content_type));
                    cmd.group(vec![opt(cx, "-F", "--form"), w]);
                }
            }
        }
    } else if let Some(path) = &p.body_file {
        large = true;
        let mut w = Word::lit("@");
        w.append(cx.word(path));
        cmd.group(vec![Word::lit("--data-binary"), w]);
    } else if let Some(body) = &r.body {
        large = body.len() > 1024;
        let text = String::from_utf8(body.clone()).ok();
        match text.filter(|t| shell.can_pass(t)) {
            Some(t) => {
                let w = cx.word(&t);
                // `@` would make curl read a file; only --data-raw (curl 7.43+) takes it as is.
                let starts_unsafe =
                    t.starts_with('@') || matches!(w.0.first(), Some(super::quote::Seg::Var(_)));
                let flag = if starts_unsafe {
                    "--data-raw"
                } else {
                    "--data-binary"
                };
                cmd.group(vec![Word::lit(flag), w]);
            }
            None => {
                let w = cx.spill(&mut cmd, body.clone(), "@");
                cmd.group(vec![Word::lit("--data-binary"), w]);
            }
        }
    }
    if has_body && !multipart && !has_ct {
        // curl would add a form Content-Type that run does not send.
        cmd.group(vec![opt(cx, "-H", "--header"), Word::lit("Content-Type:")]);
    }
    if large && r.header("expect").is_none() {
        cmd.group(vec![opt(cx, "-H", "--header"), Word::lit("Expect:")]);
    }

    if let Some((user, pass)) = &p.digest {
        let mut w = cx.word(user);
        w.push_lit(":");
        w.append(cx.word(pass));
        cmd.group(vec![Word::lit("--digest")]);
        cmd.group(vec![opt(cx, "-u", "--user"), w]);
    }
    let s = &r.settings;
    if s.follow_redirects {
        cmd.group(vec![opt(cx, "-L", "--location")]);
        cmd.group(vec![
            Word::lit("--max-redirs"),
            Word::lit(s.max_redirects.to_string()),
        ]);
        if s.follow_original_method && r.method == "POST" {
            cmd.group(vec![Word::lit("--post301"), Word::lit("--post302")]);
        }
    }
    if !s.strict_ssl {
        cmd.group(vec![opt(cx, "-k", "--insecure")]);
    }
    if let Some(t) = s.timeout {
        cmd.group(vec![
            opt(cx, "-m", "--max-time"),
            Word::lit(super::seconds(t)),
        ]);
    }
    if globoff {
        cmd.group(vec![opt(cx, "-g", "--globoff")]);
    }
    if url.to_ascii_lowercase().starts_with("https://") {
        // postie speaks HTTP/1.1; curl would offer HTTP/2.
        cmd.group(vec![Word::lit("--http1.1")]);
    }
    if shell == Shell::Cmd {
        for g in &cmd.groups {
            for w in g {
                if !w.display().is_ascii() {
                    cx.warnings.push(format!(
                        "request '{}': non-ASCII text may not reach curl.exe intact from cmd; prefer --shell pwsh",
                        p.title
                    ));
                    return cmd;
                }
            }
        }
    }
    cmd
}

pub(crate) fn render(prepared: &[Prepared], cx: &mut Exporter<'_>) -> Result<String, ExportError> {
    let commands: Vec<Command> = prepared.iter().map(|p| command(cx, p)).collect();
    render_script(cx, "curl", &commands)
}
