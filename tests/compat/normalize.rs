//! The normalisation: the one function, [`normalize`], that decides what the
//! comparison of a newman run and a postie run ignores. Everything it does not
//! remove is compared byte for byte.
//!
//! Every input:
//! - the port of the run's server: `127.0.0.1:41234` (also `localhost:`, and
//!   `127.0.0.1%3A41234` inside an encoded URL) becomes `127.0.0.1:PORT`;
//! - the run's output folder becomes `$OUT` and the case folder `$CASE`;
//! - a random value a case marks by writing it between `~~` and `~~` (for example
//!   `~~{{$guid}}~~`) is replaced by its shape: every run of letters and digits
//!   becomes `x`, punctuation stays, so `~~3f2a…-…~~` is `~~x-x-x-x-x~~` while an
//!   unresolved `~~{{$guid}}~~` stays `~~{{$x}}~~`;
//! - AWS Signature V4 is made from the clock: the `X-Amz-Date` value, the date in
//!   the credential scope and the signature (header or query) become `<amz-date>`,
//!   `<date>` and `<signature>`;
//! - a UUID that occurs in none of the case's files (one a tool made up: an item
//!   id, an environment id, a `_lastExecutionId`) becomes `<generated id>`.
//!
//! A request (`Received.raw`, rendered as text):
//! - the value of `Postman-Token` becomes `<postman-token>`, the value of
//!   `User-Agent` becomes `<user-agent>` (the header names and their position stay);
//! - the multipart boundary (from `Content-Type: …; boundary=B`) becomes `<boundary>`
//!   wherever it occurs;
//! - `Content-Length`, when it is the length of the body that was sent, becomes the
//!   length of the normalised body (so a longer boundary or random value does not
//!   show as a length difference; a wrong length stays wrong);
//! - rendering: CRLF is a line end, a bare LF shows as `␊`, a bare CR as `␍`, other
//!   control bytes and invalid UTF-8 as `\xNN`.
//!
//! The CLI output (stdout):
//! - ANSI colour sequences are removed;
//! - the script console blocks (`┌ │ … └`) are taken out into the console field, a
//!   block printed right under its item's line marked as before the request line;
//!   a `<console>` line stays where each block was;
//! - sizes and times are replaced: `[200 OK, 491B, 48ms]` becomes
//!   `[200 OK, <size>, <time>]`, and the summary's run duration, data received and
//!   response times become `<time>`/`<size>`;
//! - runs of spaces become one space, lines lose trailing spaces, and in table
//!   border lines runs of `─` (or `-` with `--disable-unicode`) become one (table
//!   column widths follow those numbers).
//!
//! - the banner line (`newman`, `postie`) becomes `<tool>`.
//!
//! Other text (stderr, files such as a JUnit report): ANSI sequences are removed, and
//! XML `time="…"` and `timestamp="…"` attributes become `<time>`.
//!
//! JSON files written by the run (exported environment, globals, collection,
//! cookie jar): `_postman_exported_at` becomes `<time>` and `_postman_exported_using`
//! (`Newman/6.2.2` or postie's name) becomes `<tool>`; cookie creation and access
//! times become `<time>`. Object keys are sorted (JSON readers do not see their
//! order); arrays keep theirs.

use crate::support::server::Received;
use regex::Regex;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// What a run happened in: where its server listened and where it wrote.
pub struct Context<'a> {
    pub port: u16,
    pub out_dir: &'a Path,
    pub case_dir: &'a Path,
    /// Every file of the case, to tell ids it gave from ids a tool made up.
    pub known: String,
}

impl<'a> Context<'a> {
    pub fn new(port: u16, out_dir: &'a Path, case_dir: &'a Path) -> Context<'a> {
        Context {
            port,
            out_dir,
            case_dir,
            known: case_text(case_dir),
        }
    }
}

/// One thing to normalise.
pub enum Input<'a> {
    /// The requests a server received, in order.
    Requests(&'a [Received]),
    /// The CLI output without its console blocks.
    Stdout(&'a str),
    /// The console blocks of the CLI output, under the item they belong to.
    Console(&'a str),
    /// Anything else printed (stderr, messages).
    Text(&'a str),
    /// A JSON file the run wrote.
    Json(&'a Value),
}

/// The normalised, comparable text of `input`.
pub fn normalize(input: Input, cx: &Context) -> String {
    match input {
        Input::Requests(list) => {
            let mut out = String::new();
            for (i, r) in list.iter().enumerate() {
                out.push_str(&format!("#{} (connection {})\n", i + 1, r.connection));
                out.push_str(&request(r, cx));
                out.push('\n');
            }
            if list.is_empty() {
                out.push_str("(no requests)\n");
            }
            out
        }
        Input::Stdout(s) => common(&stdout(&split_console(&strip_ansi(s)).1), cx),
        Input::Console(s) => common(&split_console(&strip_ansi(s)).0, cx),
        Input::Text(s) => common(&xml_times(&strip_ansi(s)), cx),
        Input::Json(v) => {
            let v = json(v);
            common(&serde_json::to_string_pretty(&v).unwrap(), cx)
        }
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap())
}

/// The rules every input gets: port, folders, marked random values.
fn common(text: &str, cx: &Context) -> String {
    let port = cx.port.to_string();
    let mut s = aws_clock(text);
    for host in ["127.0.0.1", "localhost"] {
        s = s.replace(&format!("{host}:{port}"), &format!("{host}:PORT"));
        s = s.replace(&format!("{host}%3A{port}"), &format!("{host}%3APORT"));
        s = s.replace(&format!("{host}%3a{port}"), &format!("{host}%3aPORT"));
    }
    for (dir, name) in [(cx.out_dir, "$OUT"), (cx.case_dir, "$CASE")] {
        let d = dir.to_string_lossy();
        if !d.is_empty() {
            s = s.replace(d.as_ref(), name);
        }
    }
    static MARKED: OnceLock<Regex> = OnceLock::new();
    static WORD: OnceLock<Regex> = OnceLock::new();
    static UUID: OnceLock<Regex> = OnceLock::new();
    let s = re(&MARKED, r"~~([^~\n]*)~~").replace_all(&s, |c: &regex::Captures| {
        format!("~~{}~~", re(&WORD, r"[A-Za-z0-9]+").replace_all(&c[1], "x"))
    });
    re(
        &UUID,
        r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b",
    )
    .replace_all(&s, |c: &regex::Captures| {
        if cx.known.contains(&c[0]) {
            c[0].to_string()
        } else {
            "<generated id>".to_string()
        }
    })
    .into_owned()
}

/// Report timings in XML (JUnit): `time="0.035"` and `timestamp="…"`.
fn xml_times(s: &str) -> String {
    static TIME: OnceLock<Regex> = OnceLock::new();
    static STAMP: OnceLock<Regex> = OnceLock::new();
    let s = re(&TIME, r#"\btime="[0-9]+(?:\.[0-9]+)?""#).replace_all(s, r#"time="<time>""#);
    re(&STAMP, r#"\btimestamp="[^"]*""#)
        .replace_all(&s, r#"timestamp="<time>""#)
        .into_owned()
}

fn strip_ansi(s: &str) -> String {
    static ANSI: OnceLock<Regex> = OnceLock::new();
    re(&ANSI, "\x1b\\[[0-9;]*[A-Za-z]")
        .replace_all(s, "")
        .into_owned()
}

/// Splits CLI output into its console blocks (each under the last item line seen)
/// and the rest. A block can open in the middle of a line (newman prints the request
/// line, then a console block from an asynchronous script, then the status): the
/// line is put back together around it.
pub fn split_console(s: &str) -> (String, String) {
    let mut console = String::new();
    let mut rest = String::new();
    let mut item = String::new();
    let mut shown_item = String::new();
    let mut inside = false;
    let mut pending: Option<String> = None;
    // A block printed right under its item's line came before the request line
    // (a pre-request script's); where a block goes is part of the output.
    let mut last_line = String::new();
    let mut before_request = false;
    for line in s.lines() {
        let t = line.trim();
        if inside {
            if t == "└" {
                inside = false;
            } else {
                let text = line.trim_start();
                let text = text.strip_prefix('│').unwrap_or(text);
                let text = text.strip_prefix(' ').unwrap_or(text);
                if shown_item != item {
                    console.push_str(&item);
                    console.push('\n');
                    shown_item = item.clone();
                }
                if std::mem::take(&mut before_request) {
                    console.push_str("  (before the request line)\n");
                }
                console.push_str("  ");
                console.push_str(text.trim_end());
                console.push('\n');
            }
            continue;
        }
        if t == "┌" {
            inside = true;
            before_request = last_line.starts_with('→') || last_line.starts_with('↳');
            // Where the block was, among the assertions and requests, stays in
            // the output: newman prints each console line as it happens.
            rest.push_str("  <console>\n");
            last_line = "<console>".to_string();
            continue;
        }
        if let Some(head) = line.trim_end().strip_suffix('┌') {
            pending = Some(pending.take().unwrap_or_default() + head);
            inside = true;
            continue;
        }
        if t.starts_with('→') || t.starts_with('↳') {
            item = t.to_string();
        }
        if !t.is_empty() {
            last_line = t.to_string();
        }
        let opened_inside = pending.is_some();
        if let Some(head) = pending.take() {
            rest.push_str(&head);
        }
        rest.push_str(line);
        rest.push('\n');
        // A block opened inside this line was printed while its request was on
        // the way: it counts as printed right after the line.
        if opened_inside {
            rest.push_str("  <console>\n");
        }
    }
    if let Some(head) = pending {
        rest.push_str(&head);
        rest.push('\n');
    }
    (console, rest)
}

fn stdout(s: &str) -> String {
    // The banner is the tool's name.
    let s = match s.split_once('\n') {
        Some(("newman" | "postie", rest)) => format!("<tool>\n{rest}"),
        _ => s.to_string(),
    };
    let s = s.as_str();
    static LINE: OnceLock<Regex> = OnceLock::new();
    static SPACES: OnceLock<Regex> = OnceLock::new();
    static DASHES: OnceLock<Regex> = OnceLock::new();
    let time_or_size = r"[0-9]+(?:\.[0-9]+)?\s?(?:µs|us|ms|s|m|h|B|KB|MB|GB|kB)";
    let s = re(
        &LINE,
        &format!(r"\[([0-9]{{3}}[^,\]\n]*), {time_or_size}, {time_or_size}\]"),
    )
    .replace_all(s, "[$1, <size>, <time>]");
    let summary = [
        ("total run duration: ", "<time>"),
        ("total data received: ", "<size>"),
        ("average response time: ", "<time>"),
        ("min: ", "<time>"),
        ("max: ", "<time>"),
        ("s.d.: ", "<time>"),
    ];
    let mut s = s.into_owned();
    for (label, with) in summary {
        let pattern = format!("{}{time_or_size}", regex::escape(label));
        s = Regex::new(&pattern)
            .unwrap()
            .replace_all(&s, format!("{label}{with}").as_str())
            .into_owned();
    }
    static BORDER: OnceLock<Regex> = OnceLock::new();
    let border = re(&BORDER, r"^[\s\-+|─┌┐└┘├┤┬┴┼│]+$");
    let s = re(&SPACES, " {2,}").replace_all(&s, " ");
    s.lines()
        .map(|line| {
            let line = line.trim_end();
            if border.is_match(line) {
                re(&DASHES, "(─|-){2,}")
                    .replace_all(line, "$1")
                    .into_owned()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The clock-made parts of AWS Signature V4.
fn aws_clock(text: &str) -> String {
    static RULES: OnceLock<[(Regex, &'static str); 4]> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (
                Regex::new(r"(X-Amz-Date[:=]\s?)[0-9]{8}T[0-9]{6}Z").unwrap(),
                "${1}<amz-date>",
            ),
            (
                Regex::new(r"(?i)(x-amz-date[:=]\s?)[0-9]{8}T[0-9]{6}Z").unwrap(),
                "${1}<amz-date>",
            ),
            (
                Regex::new(r"((?:Credential=|X-Amz-Credential=)[^/%\s]+(?:/|%2F))[0-9]{8}")
                    .unwrap(),
                "${1}<date>",
            ),
            (
                Regex::new(r"((?:Signature=|X-Amz-Signature=))[0-9a-f]{64}").unwrap(),
                "${1}<signature>",
            ),
        ]
    });
    let mut s = text.to_string();
    for (re, with) in rules.iter() {
        s = re.replace_all(&s, *with).into_owned();
    }
    s
}

/// Every file of the case, to tell ids it gave from ids a tool made up.
fn case_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(t) = std::fs::read_to_string(entry.path()) {
            text.push_str(&t);
        }
    }
    text
}

/// The JSON rules, with object keys in name order.
fn json(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = serde_json::Map::new();
            for k in keys {
                let val = &map[k];
                let new = match (k.as_str(), val) {
                    ("_postman_exported_at" | "creation" | "lastAccessed", _) => {
                        Value::String("<time>".into())
                    }
                    ("_postman_exported_using", _) => Value::String("<tool>".into()),
                    _ => json(val),
                };
                out.insert(k.clone(), new);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(json).collect()),
        other => other.clone(),
    }
}

/// The header block and body of a raw request, with the request rules applied.
fn request(r: &Received, cx: &Context) -> String {
    let raw = &r.raw;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .unwrap_or(raw.len());
    let (head, body) = raw.split_at(split);
    let head = String::from_utf8_lossy(head).into_owned();
    let boundary = r
        .header("content-type")
        .and_then(|ct| {
            ct.split(';')
                .map(str::trim)
                .find_map(|p| p.strip_prefix("boundary="))
        })
        .map(|b| b.trim_matches('"').to_string())
        .filter(|b| !b.is_empty());
    let mut new_body = body.to_vec();
    if let Some(b) = &boundary {
        new_body = replace_bytes(&new_body, b.as_bytes(), b"<boundary>");
    }
    if let Ok(text) = std::str::from_utf8(&new_body) {
        new_body = common(text, cx).into_bytes();
    }
    let mut lines: Vec<String> = Vec::new();
    for (i, line) in head.split("\r\n").enumerate() {
        if i == 0 || line.is_empty() {
            lines.push(line.to_string());
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            lines.push(line.to_string());
            continue;
        };
        let value = match name.to_ascii_lowercase().as_str() {
            "postman-token" => " <postman-token>".to_string(),
            "user-agent" => " <user-agent>".to_string(),
            "content-length" if value.trim().parse::<usize>().ok() == Some(body.len()) => {
                format!(" {}", new_body.len())
            }
            _ => value.to_string(),
        };
        let value = match &boundary {
            Some(b) => value.replace(b.as_str(), "<boundary>"),
            None => value,
        };
        lines.push(format!("{name}:{value}"));
    }
    let mut text = common(&render(lines.join("\r\n").as_bytes()), cx);
    text.push_str(&render(&new_body));
    if !new_body.is_empty() && !new_body.ends_with(b"\n") {
        text.push_str("\n⟂ (the body ends without a newline)\n");
    }
    text
}

fn replace_bytes(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if !from.is_empty() && hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

/// Bytes as readable text: CRLF ends a line, every other oddity is visible.
pub fn render(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                out.push('\n');
                i += 2;
                continue;
            }
            b'\r' => out.push('␍'),
            b'\n' => out.push_str("␊\n"),
            b'\t' => out.push('\t'),
            0..=0x1f | 0x7f => out.push_str(&format!("\\x{b:02X}")),
            0x20..=0x7e => out.push(b as char),
            _ => {
                // A UTF-8 sequence stays a character; anything else is shown as bytes.
                let len = match b {
                    0xc2..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf4 => 4,
                    _ => 0,
                };
                match bytes
                    .get(i..i + len.max(1))
                    .and_then(|s| std::str::from_utf8(s).ok())
                {
                    Some(ch) if len > 0 => {
                        out.push_str(ch);
                        i += len;
                        continue;
                    }
                    _ => out.push_str(&format!("\\x{b:02X}")),
                }
            }
        }
        i += 1;
    }
    out
}
