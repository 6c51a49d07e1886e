//! HTTPie commands (HTTPie 3.x) that send the request `postie run` sends.
//!
//! The body goes through `--raw` (or `@file`) so HTTPie sends its bytes as they
//! are; a header HTTPie would add on its own is removed (`Connection:`) or set
//! explicitly.

use super::curl::{body_word, field_word};
use super::prepare::Prepared;
use super::quote::Word;
use super::script::{render_script, seconds, Command};
use super::{Cx, ExportError};
use crate::request::{AuthSpec, BodySpec, HeaderOrigin, PartContent};

fn opt(cx: &Cx<'_>, short: &str, long: &str) -> Word {
    Word::lit(if cx.opts.long_options { long } else { short })
}

/// An option with its value. A value that starts with `-` is joined to the long
/// option (`--raw=-x`): on its own, HTTPie's parser would take it for an option.
fn opt_value(cx: &Cx<'_>, short: Option<&str>, long: &str, value: Word) -> Vec<Word> {
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

/// The characters HTTPie's request items separate on, which it lets a backslash escape.
fn separates(c: char) -> bool {
    matches!(c, ':' | '=' | '@' | ';')
}

/// HTTPie reads a backslash before a separator as an escape and keeps any other
/// backslash together with the character after it (`\\` stays `\\`), so an odd run
/// of backslashes right before a separator loses one, however it is written: such
/// text cannot be handed to HTTPie as it is. A key is followed by its separator.
fn loses_a_backslash(text: &str, key: bool) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c == '\\' {
            run += 1;
            continue;
        }
        if run % 2 == 1 && separates(c) {
            return true;
        }
        run = 0;
    }
    key && run % 2 == 1
}

/// The key of an HTTPie request item (`Name:value`, `field=value`, `field@file`):
/// a backslash keeps a separator in the key from being read as one.
fn item_key(w: Word) -> Word {
    let mut out = Word::default();
    for s in w.0 {
        match s {
            super::quote::Seg::Lit(l) => {
                let mut escaped = String::new();
                for c in l.chars() {
                    if separates(c) {
                        escaped.push('\\');
                    }
                    escaped.push(c);
                }
                out.push_lit(&escaped);
            }
            s => out.0.push(s),
        }
    }
    out
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
    // In a script stdin is no terminal: HTTPie would read it as the body.
    let first = vec![Word::lit("http"), Word::lit("--ignore-stdin")];
    let s = &spec.settings;
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
        flags.push(vec![Word::lit("--timeout"), Word::lit(seconds(t))]);
    }
    if let AuthSpec::Digest {
        username, password, ..
    } = &spec.auth
    {
        let mut w = cx.r.credential(username, "digest", "username", title);
        w.push_lit(":");
        w.append(cx.r.credential(password, "digest", "password", title));
        flags.push(vec![opt(cx, "-A", "--auth-type"), Word::lit("digest")]);
        flags.push(opt_value(cx, Some("-a"), "--auth", w));
    }
    let multipart = matches!(spec.body, BodySpec::Multipart(_));
    if multipart {
        flags.push(vec![Word::lit("--multipart")]);
    }
    if let Some((user, pass)) = cx.r.basic_credentials(spec, title) {
        let mut w = user;
        w.push_lit(":");
        w.append(pass);
        flags.push(vec![opt(cx, "-A", "--auth-type"), Word::lit("basic")]);
        flags.push(opt_value(cx, Some("-a"), "--auth", w));
    }

    let mut items: Vec<Vec<Word>> = Vec::new();
    // A name or value HTTPie would receive one backslash short.
    let mut unsendable: Option<String> = None;
    let mut check = |what: &str, text: &str, key: bool| {
        if unsendable.is_none() && loses_a_backslash(text, key) {
            unsendable = Some(format!(
                "HTTPie would drop a backslash from {what} '{text}' (it reads one before `:`, `=`, `;` or `@` as an escape); the curl export sends it"
            ));
        }
    };
    for (name, value, origin) in cx.r.headers(spec, title) {
        if multipart && origin == HeaderOrigin::Body {
            continue;
        }
        check("the header", &name.display(), true);
        check("the value of header", &value.display(), false);
        let mut w = item_key(name);
        if value.display().is_empty() {
            w.push_lit(";");
        } else {
            w.push_lit(":");
            if value.display().starts_with('@') {
                // `:@` would read the value from a file.
                w.push_lit("\\");
            }
            w.append(value);
        }
        items.push(vec![w]);
    }
    // A header HTTPie adds by itself and postie does not send. (Accept-Encoding, which
    // HTTPie cannot leave out, postie sends too.)
    if spec.header("connection").is_none() {
        items.push(vec![Word::lit("Connection:")]);
    }
    if spec.body == BodySpec::None
        && !matches!(spec.method.value().as_str(), "GET" | "HEAD" | "OPTIONS")
    {
        cx.warnings.push(format!(
            "request '{title}': HTTPie sends `Content-Length: 0` with a {} that has no body; postie sends none",
            spec.method.value()
        ));
    }
    if spec.body != BodySpec::None && !multipart && spec.header("content-type").is_none() {
        items.push(vec![Word::lit("Content-Type:")]);
    }

    match &spec.body {
        BodySpec::Multipart(parts) => {
            for part in parts {
                check("the form field", &part.name.value(), true);
                let mut w = item_key(cx.r.word(&part.name));
                match &part.content {
                    PartContent::Text(value) => {
                        check("the value of form field", &value.value(), false);
                        if part.content_type.is_some() {
                            cx.warnings.push(format!(
                                "request '{title}': HTTPie cannot give form field '{}' a content type; it is sent without",
                                part.name.value()
                            ));
                        }
                        let value = field_word(cx, &part.name, value, title);
                        w.push_lit("=");
                        if value.display().starts_with('@') {
                            // `=@` would read a file.
                            w.push_lit("\\");
                        }
                        w.append(value);
                    }
                    PartContent::File(f) => {
                        w.push_lit("@");
                        w.push_lit(&f.path.display().to_string());
                        w.push_lit(";type=");
                        w.push_lit(
                            part.content_type
                                .as_deref()
                                .unwrap_or("application/octet-stream"),
                        );
                    }
                }
                items.push(vec![w]);
            }
        }
        BodySpec::File(f) => {
            let mut w = Word::lit("@");
            w.push_lit(&f.path.display().to_string());
            items.push(vec![w]);
        }
        BodySpec::None => {}
        _ => {
            let w = body_word(cx, spec, title).unwrap_or_default();
            if shell.can_pass(&w.display()) {
                flags.push(opt_value(cx, None, "--raw", w));
            } else {
                let w = cx.spill(&mut cmd, w, "@");
                items.push(vec![w]);
            }
        }
    }

    if let Some(why) = unsendable {
        cx.warnings.push(format!(
            "request '{title}': cannot be exported to HTTPie: {why}"
        ));
        cmd.skipped = Some(format!("cannot be exported to HTTPie: {why}"));
        return cmd;
    }

    let url = cx.r.url(spec, title);
    // requests quotes every character of a URL outside RFC 3986's sets.
    if url.display().contains(['{', '}', '|', '^', '`', '\\']) {
        cx.warnings.push(format!(
            "request '{title}': HTTPie percent-encodes characters of the URL that postie sends as they are"
        ));
    }
    let mut positionals = vec![cx.r.word(&spec.method), url];
    // `--` ends the options when a method, URL or item could pass for one.
    if positionals
        .iter()
        .chain(items.iter().flatten())
        .any(|w| w.display().starts_with('-'))
    {
        positionals.insert(0, Word::lit("--"));
    }
    let mut line = first;
    if cx.opts.multiline {
        cmd.group(line);
        for f in flags {
            cmd.group(f);
        }
        cmd.group(positionals);
    } else {
        line.extend(flags.into_iter().flatten());
        line.extend(positionals);
        cmd.group(line);
    }
    for i in items {
        cmd.group(i);
    }
    cmd
}

pub(crate) fn render(prepared: &[Prepared], cx: &mut Cx<'_>) -> Result<String, ExportError> {
    let commands: Vec<Command> = prepared.iter().map(|p| command(cx, p)).collect();
    render_script(cx, "HTTPie", &commands)
}
