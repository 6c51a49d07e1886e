//! Comparing what two clients put on the wire for the same request, byte for byte,
//! with only what legitimately differs made equal: the multipart boundary (random
//! in every client), and so the length of a multipart body and the place of the
//! `Content-Type` line that carries the boundary (curl writes it last); and the
//! space after the colon of a header with an empty value, which is no part of the
//! value (RFC 9110, 5.5) and which curl cannot write. A run sends newman's
//! system headers, which an export leaves to its client: `Cache-Control: no-cache`,
//! `Postman-Token`, `Connection: keep-alive` and `Accept-Encoding` (newman's
//! `gzip, deflate, br`, the export's `identity`) are left out, and `Host` is put
//! first, where curl and HTTPie write it (a run writes it where newman does), and
//! the `Content-Type` last (a run writes a form's after the system headers and a
//! file's after its `Content-Length`, as newman does).

use super::server::Received;

/// The request as received, the multipart boundary replaced by `<boundary>`, the
/// body's `Content-Length` recounted, and the multipart `Content-Type` line moved
/// to the end of the head.
pub fn comparable(r: &Received) -> Vec<u8> {
    let raw = without_system_headers(&empty_values_without_space(&r.raw));
    let Some(boundary) = r
        .header("content-type")
        .and_then(|ct| ct.strip_prefix("multipart/form-data; boundary="))
        .map(str::to_string)
    else {
        return raw;
    };
    let head_end = find(&raw, b"\r\n\r\n").map(|i| i + 4).unwrap_or(raw.len());
    let body = replace(&raw[head_end..], boundary.as_bytes(), b"<boundary>");
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines: Vec<String> = head
        .trim_end_matches("\r\n")
        .split("\r\n")
        .map(str::to_string)
        .collect();
    let mut content_type = None;
    lines.retain(|l| {
        let name = l.split(':').next().unwrap_or("");
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(format!("{name}: multipart/form-data; boundary=<boundary>"));
            return false;
        }
        true
    });
    for l in lines.iter_mut() {
        let name = l.split(':').next().unwrap_or("").to_string();
        if name.eq_ignore_ascii_case("content-length") {
            *l = format!("{name}: {}", body.len());
        }
    }
    lines.extend(content_type);
    let mut out = lines.join("\r\n").into_bytes();
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(&body);
    out
}

/// As [`comparable`], with the header lines sorted: for clients that cannot be told
/// the order of their headers (HTTPie). Lines of the same name keep their order.
pub fn comparable_unordered(r: &Received) -> Vec<u8> {
    let bytes = comparable(r);
    let head_end = find(&bytes, b"\r\n\r\n").unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("").to_string();
    let mut headers: Vec<&str> = lines.collect();
    headers.sort_by_key(|l| l.split(':').next().unwrap_or("").to_ascii_lowercase());
    let mut out = request_line.into_bytes();
    for h in headers {
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(h.as_bytes());
    }
    out.extend_from_slice(&bytes[head_end..]);
    out
}

/// Fails with the first request that differs, both shown as text.
pub fn assert_same(
    label: &str,
    expected: &[Received],
    actual: &[Received],
    form: fn(&Received) -> Vec<u8>,
) {
    for (i, (e, a)) in expected.iter().zip(actual).enumerate() {
        let (e, a) = (form(e), form(a));
        if e != a {
            let at = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
            let show = |b: &[u8]| {
                let from = at.saturating_sub(300);
                let to = (at + 300).min(b.len());
                let head_end = find(b, b"\r\n\r\n").unwrap_or(b.len()).min(600);
                format!(
                    "{}\n[…bytes {from}..{to}:]\n{}",
                    String::from_utf8_lossy(&b[..head_end]).escape_debug(),
                    String::from_utf8_lossy(&b[from..to]).escape_debug()
                )
            };
            panic!(
                "{label}: request #{i} differs from byte {at} (lengths {} and {})\n--- postie run sent:\n{}\n--- the export sent:\n{}",
                e.len(),
                a.len(),
                show(&e),
                show(&a)
            );
        }
    }
    assert_eq!(
        expected.len(),
        actual.len(),
        "{label}: postie run sent {} requests, the export {}",
        expected.len(),
        actual.len()
    );
}

/// `Name: ` (an empty value) written as `Name:`.
fn empty_values_without_space(raw: &[u8]) -> Vec<u8> {
    let head_end = find(raw, b"\r\n\r\n").unwrap_or(raw.len());
    let mut out = replace(&raw[..head_end], b": \r\n", b":\r\n");
    if raw[..head_end].ends_with(b": ") {
        out.pop();
    }
    out.extend_from_slice(&raw[head_end..]);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn replace(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

/// A shell that runs exported scripts: its name and the command that runs a file.
pub struct ShellCommand {
    pub name: &'static str,
    pub program: std::path::PathBuf,
    pub args: Vec<&'static str>,
}

impl ShellCommand {
    /// Runs `script` in `dir` with extra environment variables.
    pub fn run(
        &self,
        script: &std::path::Path,
        dir: &std::path::Path,
        env: &[(&str, &str)],
    ) -> std::process::Output {
        let mut c = std::process::Command::new(&self.program);
        c.args(&self.args).arg(script).current_dir(dir);
        super::without_proxies(&mut c);
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().expect("the shell runs")
    }
}

/// The POSIX shells every exported script must run under: dash, bash, busybox sh
/// and zsh (each a visible skip where it is not installed).
pub fn posix_shells() -> Vec<ShellCommand> {
    let mut out = Vec::new();
    for (name, tool, args) in [
        ("dash", "dash", vec![]),
        ("bash", "bash", vec![]),
        ("busybox sh", "busybox", vec!["sh"]),
        ("zsh", "zsh", vec![]),
    ] {
        if let Some(program) = super::tool(tool) {
            out.push(ShellCommand {
                name,
                program,
                args,
            });
        }
    }
    out
}

/// The head without the system headers only a run sends, `Host` first.
fn without_system_headers(raw: &[u8]) -> Vec<u8> {
    let head_end = find(raw, b"\r\n\r\n").unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let system = |l: &&str| {
        let lower = l.to_ascii_lowercase();
        lower == "cache-control: no-cache"
            || lower.starts_with("postman-token:")
            || lower == "connection: keep-alive"
            || lower == "accept-encoding: gzip, deflate, br"
            || lower == "accept-encoding: identity"
    };
    let rest: Vec<&str> = lines.filter(|l| !system(l)).collect();
    let is_host = |l: &&&str| l.to_ascii_lowercase().starts_with("host:");
    // Where the type goes is the client's choice for forms and files: a run
    // writes a form's after the system headers and a streamed file's after its
    // length (as newman), an export where its client puts it.
    let is_form_type = |l: &&&str| l.to_ascii_lowercase().starts_with("content-type:");
    let mut out = vec![request_line];
    out.extend(rest.iter().filter(is_host));
    out.extend(rest.iter().filter(|l| !is_host(l) && !is_form_type(l)));
    out.extend(rest.iter().filter(is_form_type));
    let mut bytes = out.join("\r\n").into_bytes();
    bytes.extend_from_slice(&raw[head_end..]);
    bytes
}
