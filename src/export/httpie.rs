//! HTTPie commands (HTTPie 3.x) that send the request `postie run` sends.
//!
//! The body goes through `--raw` (or `@file`) so HTTPie sends its bytes as they
//! are; a header HTTPie would add on its own is removed (`Connection:`) or set
//! explicitly.

use super::curl::basic_credentials;
use super::quote::Word;
use super::{render_script, url_text, Command, ExportError, Exporter, Part, Prepared};

fn opt(cx: &Exporter<'_>, short: &str, long: &str) -> Word {
    Word::lit(if cx.opts.long_options { long } else { short })
}

/// An option with its value. A value that starts with `-` is joined to the long
/// option (`--raw=-x`): on its own, HTTPie's parser would take it for an option.
fn opt_value(cx: &Exporter<'_>, short: Option<&str>, long: &str, value: Word) -> Vec<Word> {
    if value.display().starts_with('-') {
        let mut w = Word::lit(format!("{long}="));
        w.append(value);
        return vec![w];
    }
    match short {
        Some(short) => vec![opt(cx, short, long), value],
        None => vec![Word::lit(long), value],
    }
}

/// An HTTPie request item (`Name:value`, `field=value`, `field@file`): a backslash
/// keeps a separator in the key from being read as one.
fn item_key(cx: &Exporter<'_>, key: &str) -> Word {
    let mut escaped = String::new();
    for c in key.chars() {
        if matches!(c, ':' | '=' | '@' | '\\' | ';') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    cx.word(&escaped)
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
    let mut first = vec![Word::lit("http")];
    // In a script stdin is no terminal: HTTPie would read it as the body.
    first.push(Word::lit("--ignore-stdin"));
    let s = &r.settings;
    let mut flags: Vec<Vec<Word>> = Vec::new();
    if s.follow_redirects {
        flags.push(vec![opt(cx, "-F", "--follow")]);
        flags.push(vec![
            Word::lit("--max-redirects"),
            Word::lit(s.max_redirects.to_string()),
        ]);
    }
    if !s.strict_ssl {
        flags.push(vec![Word::lit("--verify"), Word::lit("no")]);
    }
    if let Some(t) = s.timeout {
        flags.push(vec![Word::lit("--timeout"), Word::lit(super::seconds(t))]);
    }
    if let Some((user, pass)) = &p.digest {
        let mut w = cx.word(user);
        w.push_lit(":");
        w.append(cx.word(pass));
        flags.push(vec![opt(cx, "-A", "--auth-type"), Word::lit("digest")]);
        flags.push(opt_value(cx, Some("-a"), "--auth", w));
    }
    if p.parts.is_some() {
        flags.push(vec![Word::lit("--multipart")]);
    }

    let mut items: Vec<Vec<Word>> = Vec::new();
    let multipart = p.parts.is_some();
    for (k, v) in &crate::http::client::wire_headers(&r.headers) {
        if multipart
            && k.eq_ignore_ascii_case("content-type")
            && v.starts_with("multipart/form-data; boundary=")
        {
            continue;
        }
        if k.eq_ignore_ascii_case("authorization") {
            if let Some(user) = basic_credentials(cx, v) {
                flags.push(vec![opt(cx, "-A", "--auth-type"), Word::lit("basic")]);
                flags.push(opt_value(cx, Some("-a"), "--auth", user));
                continue;
            }
        }
        let mut w = item_key(cx, k);
        if v.is_empty() {
            w.push_lit(";");
        } else {
            w.push_lit(":");
            if v.starts_with('@') {
                // `:@` would read the value from a file.
                w.push_lit("\\");
            }
            w.append(cx.word(v));
        }
        items.push(vec![w]);
    }
    // A header HTTPie adds by itself and postie does not send. (Accept-Encoding, which
    // HTTPie cannot leave out, postie sends too.)
    if r.header("connection").is_none() {
        items.push(vec![Word::lit("Connection:")]);
    }
    if r.body.is_none() && !matches!(r.method.as_str(), "GET" | "HEAD" | "OPTIONS") {
        cx.warnings.push(format!(
            "request '{}': HTTPie sends `Content-Length: 0` with a {} that has no body; postie sends none",
            p.title, r.method
        ));
    }
    if r.body.is_some() && !multipart && r.header("content-type").is_none() {
        items.push(vec![Word::lit("Content-Type:")]);
    }

    if let Some(parts) = &p.parts {
        for part in parts {
            match part {
                Part::Text {
                    name,
                    value,
                    content_type,
                } => {
                    if content_type.is_some() {
                        cx.warnings.push(format!(
                            "request '{}': HTTPie cannot give form field '{name}' a content type; it is sent without",
                            p.title
                        ));
                    }
                    let mut w = item_key(cx, name);
                    w.push_lit("=");
                    if value.starts_with('@') {
                        // `=@` would read a file.
                        w.push_lit("\\");
                    }
                    w.append(cx.word(value));
                    items.push(vec![w]);
                }
                Part::File {
                    name,
                    path,
                    content_type,
                } => {
                    let mut w = item_key(cx, name);
                    w.push_lit("@");
                    w.append(cx.word(path));
                    w.push_lit(";type=");
                    w.append(cx.word(content_type));
                    items.push(vec![w]);
                }
            }
        }
    } else if let Some(path) = &p.body_file {
        let mut w = Word::lit("@");
        w.append(cx.word(path));
        items.push(vec![w]);
    } else if let Some(body) = &r.body {
        match String::from_utf8(body.clone())
            .ok()
            .filter(|t| shell.can_pass(t))
        {
            Some(t) => {
                let w = cx.word(&t);
                flags.push(opt_value(cx, None, "--raw", w));
            }
            None => {
                let w = cx.spill(&mut cmd, body.clone(), "@");
                items.push(vec![w]);
            }
        }
    }

    let url = url_text(cx, p);
    // requests quotes every character of a URL outside RFC 3986's sets.
    if url.contains(['{', '}', '|', '^', '`', '\\']) {
        cx.warnings.push(format!(
            "request '{}': HTTPie percent-encodes characters of the URL that postie sends as they are",
            p.title
        ));
    }
    let mut positionals = vec![cx.word(&r.method), cx.word(&url)];
    // `--` ends the options when a method, URL or item could pass for one.
    if positionals
        .iter()
        .chain(items.iter().flatten())
        .any(|w| w.display().starts_with('-'))
    {
        positionals.insert(0, Word::lit("--"));
    }
    let mut line = first;
    let flat: Vec<Word> = flags.iter().flatten().cloned().collect();
    if cx.opts.multiline {
        cmd.group(line);
        for f in flags {
            cmd.group(f);
        }
        cmd.group(positionals);
    } else {
        line.extend(flat);
        line.extend(positionals);
        cmd.group(line);
    }
    for i in items {
        cmd.group(i);
    }
    cmd
}

pub(crate) fn render(prepared: &[Prepared], cx: &mut Exporter<'_>) -> Result<String, ExportError> {
    let commands: Vec<Command> = prepared.iter().map(|p| command(cx, p)).collect();
    render_script(cx, "HTTPie", &commands)
}
