//! HTTPie exports as users run them: what `http` sends from the exported script
//! equals what `postie run` sends, header for header and byte for byte in the body.
//! HTTPie decides the order of its headers itself, so they are compared as a set
//! (repeated names keep their order); and it gives a DELETE without a body
//! `Content-Length: 0`, which postie does not send: the export says so, request by
//! request, and the comparison expects exactly that line more.

mod support;

use serde_json::{json, Value};
use support::export_case::{assert_no_marker, recording_server, take, Case};
use support::server::Received;
use support::wire::{self, posix_shells, ShellCommand};

/// What HTTPie sends for what run sent: the same, but a DELETE without a body gets
/// `Content-Length: 0` (the one difference the export announces).
fn as_httpie_sends(expected: &[Received]) -> (Vec<Received>, usize) {
    let mut n = 0;
    let out = expected
        .iter()
        .map(|e| {
            let mut e = e.clone();
            if e.method == "DELETE" && e.header("content-length").is_none() {
                let head_end = e.raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
                e.raw.splice(
                    head_end + 2..head_end + 2,
                    b"Content-Length: 0\r\n".iter().copied(),
                );
                e.headers.push(("Content-Length".into(), "0".into()));
                n += 1;
            }
            e
        })
        .collect();
    (out, n)
}

fn replay(
    case: &Case,
    server: &support::server::TestServer,
    shell: &ShellCommand,
    expected: &[Received],
    warnings: &str,
) {
    take(server);
    let script = case.dir.join("httpie.sh");
    let out = shell.run(&script, &case.dir, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.lines().any(|l| l.contains("httpie.sh")),
        "{} through {}: the shell complained:\n{stderr}",
        case.label,
        shell.name
    );
    assert_no_marker(&case.dir, &case.label);
    let actual = take(server);
    let (expected, deletes) = as_httpie_sends(expected);
    assert_eq!(
        deletes,
        warnings
            .matches("HTTPie sends `Content-Length: 0` with a DELETE")
            .count(),
        "{}: every DELETE that HTTPie gives a length is announced",
        case.label
    );
    wire::assert_same(
        &format!("{} through HTTPie in {}", case.label, shell.name),
        &expected,
        &actual,
        wire::comparable_unordered,
    );
}

#[test]
fn official_collection_through_httpie() {
    let (Some((collection, environment)), Some(_)) =
        (support::official_forgerock(), support::tool("http"))
    else {
        return;
    };
    let Some(dash) = posix_shells().into_iter().find(|s| s.name == "dash") else {
        return;
    };
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let mut case = Case::from_file("official", &collection, &environment, dir.path());
    case.vars = vec![
        format!("tenantApiV1Url={}/v1", server.base),
        format!("amUrl={}/am", server.base),
        format!("oauth2Url={}/am/oauth2", server.base),
        "accessToken=eyJ0eXAi.x'y$(touch pwned-token)".into(),
        "userPassword=P@ss'w0rd\" $(touch pwned-pass)".into(),
    ];
    let expected = case.sent_by_run(&server);
    assert_eq!(expected.len(), 62);
    let (_, warnings) = case.export_as("httpie", "httpie.sh", &[]);
    replay(&case, &server, &dash, &expected, &warnings);
}

fn hostile() -> Value {
    let nasty = [
        "it's\n$(touch pwned-1)",
        "a'b",
        "\"q\" `touch pwned-2`",
        "ünï ✓ 日本",
        "",
        "@file",
        "x=y:z;w",
        "back\\slash\\",
        "--verbose",
        "%s %% \\045",
        // Found by the export_quoting fuzz target (fuzz/regressions/export_quoting/httpie-backslashes):
        // runs of backslashes before HTTPie's separators and `#`, after a leading `@`.
        "@e\\\\\\\\#\\\\\\e.#####X-Fuzz:`",
        // An even run of backslashes before a separator reaches the server whole.
        "two\\\\:x\\\\=y\\\\@z",
    ];
    let mut items = Vec::new();
    for (i, v) in nasty.iter().enumerate() {
        items.push(json!({"name": format!("raw {i}"), "request": {
            "method": "POST",
            "url": {"raw": format!("{{{{base}}}}/raw/{i}"), "host": ["{{base}}"], "path": ["raw", i.to_string()],
                    // HTTPie percent-encodes `\` and a backtick in a URL (the export warns).
                    "query": [{"key": "q", "value": v.replace(['`', '\\'], "'")}]},
            "header": [{"key": "X-Nasty", "value": v.replace('\n', " ")}],
            "body": {"mode": "raw", "raw": v}}}));
    }
    let pairs: Vec<Value> = nasty
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"key": format!("k{i} &= {v}"), "value": v}))
        .collect();
    items.push(
        json!({"name": "form", "request": {"method": "PUT", "url": "{{base}}/form",
        "body": {"mode": "urlencoded", "urlencoded": pairs}}}),
    );
    items.push(
        json!({"name": "multipart", "request": {"method": "POST", "url": "{{base}}/multipart",
        "body": {"mode": "formdata", "formdata": [
            {"key": "note", "value": "it's $(touch pwned-3)", "type": "text"},
            {"key": "doc", "type": "file", "src": "it's $(touch pwned-f).txt"}
        ]}}}),
    );
    items.push(json!({"name": "basic", "request": {"method": "GET", "url": "{{base}}/basic",
        "auth": {"type": "basic", "basic": [{"key": "username", "value": "u'x"}, {"key": "password", "value": "p:w $(touch pwned-4)"}]}}}));
    items.push(json!({"name": "delete", "request": {"method": "DELETE", "url": "{{base}}/x"}}));
    items.push(
        json!({"name": "post empty", "request": {"method": "POST", "url": "{{base}}/empty"}}),
    );
    items.push(
        json!({"name": "file", "request": {"method": "POST", "url": "{{base}}/file",
        "body": {"mode": "file", "file": {"src": "it's $(touch pwned-f).txt"}}}}),
    );
    json!({"info": {"name": "h"}, "item": items})
}

#[test]
fn hostile_values_through_httpie_in_every_posix_shell() {
    if support::tool("http").is_none() {
        return;
    }
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("it's $(touch pwned-f).txt"),
        "file 'body'\n",
    )
    .unwrap();
    let mut case = Case::new("hostile", &hostile(), dir.path());
    case.vars = vec![format!("base={}", server.base)];
    let expected = case.sent_by_run(&server);
    let (_, warnings) = case.export_as("httpie", "httpie.sh", &[]);
    assert!(
        warnings.contains(
            "request 'delete': HTTPie sends `Content-Length: 0` with a DELETE that has no body"
        ),
        "{warnings}"
    );
    for shell in &posix_shells() {
        replay(&case, &server, shell, &expected, &warnings);
    }
}

/// HTTPie reads `\` before `:`, `=`, `;` or `@` as an escape and keeps any other
/// backslash with the character after it, so no spelling gets it to send an odd
/// run of backslashes right before one of those (found by the export_quoting fuzz
/// target: `x=?\\\\\:z` reached the server as `x=?\\\\:z`). Such a request is
/// not exported, saying why, rather than exported to send something else; the
/// others still send what the run sends.
#[test]
fn backslashes_httpie_would_drop_leave_the_request_out_saying_why() {
    if support::tool("http").is_none() {
        return;
    }
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({"info": {"name": "b"}, "item": [
        {"name": "even", "request": {"method": "GET", "url": "{{base}}/even",
            "header": [{"key": "X-B", "value": "x=?\\\\\\\\:z"}]}},
        {"name": "odd header", "request": {"method": "GET", "url": "{{base}}/odd",
            "header": [{"key": "X-B", "value": "x=?\\\\\\\\\\:z"}]}},
        {"name": "odd field", "request": {"method": "POST", "url": "{{base}}/odd-field",
            "body": {"mode": "formdata", "formdata": [{"key": "f", "value": "a\\=b", "type": "text"}]}}}
    ]});
    let mut case = Case::new("backslashes", &doc, dir.path());
    case.vars = vec![format!("base={}", server.base)];
    let expected = case.sent_by_run(&server);
    assert_eq!(expected.len(), 3, "the run sends all three");
    let (_, warnings) = case.export_as("httpie", "httpie.sh", &[]);
    for (title, what) in [
        ("odd header", "the value of header 'x=?\\\\\\\\\\:z'"),
        ("odd field", "the value of form field 'a\\=b'"),
    ] {
        assert!(
            warnings.contains(&format!(
                "request '{title}': cannot be exported to HTTPie: HTTPie would drop a backslash from {what}"
            )),
            "{warnings}"
        );
    }
    let script = std::fs::read_to_string(case.dir.join("httpie.sh")).unwrap();
    assert_eq!(
        script
            .matches("# not exported: cannot be exported to HTTPie")
            .count(),
        2,
        "{script}"
    );
    for shell in &posix_shells() {
        replay(&case, &server, shell, &expected[..1], &warnings);
    }
}
