//! The curl export as a user runs it: `postie export curl` writes a script, dash,
//! bash, busybox sh and zsh run it against a recording server, and what arrives
//! must be byte for byte what `postie run` sent for the same collection (only the
//! multipart boundary may differ). Hostile values must never run anything: every
//! command they could smuggle in would create a `pwned*` file in the working folder.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use support::export_case::{assert_no_marker, recording_server, Case};
use support::project_forgerock;
use support::server::TestServer;
use support::wire::{posix_shells, ShellCommand};

/// Base-URL variables pointed at the server, and hostile values in the variables
/// the requests use.
fn forgerock_vars(base: &str, extra: &[(&str, &str)]) -> Vec<String> {
    let mut out = vec![
        format!("tenantApiV1Url={base}/v1"),
        format!("amUrl={base}/am"),
        format!("oauth2Url={base}/am/oauth2"),
        "accessToken=eyJ0eXAi.x'y$(touch pwned-token)`touch pwned-tick`".to_string(),
        "userPassword=P@ss'w0rd\" $(touch pwned-pass) %s \\n!".to_string(),
        "userName=o'brien+test@example.com".to_string(),
    ];
    out.extend(extra.iter().map(|(k, v)| format!("{k}={v}")));
    out
}

#[test]
fn official_collection_is_byte_identical_through_every_posix_shell() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let mut case = Case::from_file("official", &collection, &environment, dir.path());
    case.vars = forgerock_vars(&server.base, &[("smtpPort", "587")]);
    let expected = case.sent_by_run(&server);
    assert_eq!(
        expected.len(),
        62,
        "every request of the collection was sent"
    );
    let (script, _) = case.export("export.sh", &[]);
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.starts_with("#!/bin/sh\n"), "{text}");
    assert!(!text.contains("$'"), "no bash-only quoting in a sh script");
    let shells = posix_shells();
    for shell in &shells {
        case.replay(&server, shell, &script, &[], &expected);
    }
    eprintln!(
        "official collection: {} of 62 requests byte-identical through {}",
        expected.len(),
        shells.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
    );
}

#[test]
fn project_collection_is_byte_identical_through_every_posix_shell() {
    let (collection, environment) = project_forgerock();
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let mut case = Case::from_file("project", &collection, &environment, dir.path());
    case.vars = forgerock_vars(
        &server.base,
        &[
            ("webSecret", "s3cr'et\"$(touch pwned-secret)"),
            ("m2mSecret", "a+b&c=d e"),
        ],
    );
    let expected = case.sent_by_run(&server);
    assert_eq!(
        expected.len(),
        40,
        "every request of the collection was sent"
    );
    for (name, extra) in [
        ("export.sh", vec![]),
        ("long.sh", vec!["--multiline", "--long-options"]),
    ] {
        let (script, _) = case.export(name, &extra);
        for shell in &posix_shells() {
            case.replay(&server, shell, &script, &[], &expected);
        }
    }
}

/// Values that break naive quoting, each with a payload that leaves a marker if it runs.
fn nasty() -> Vec<String> {
    vec![
        // A quote then a line break: `$'…'` quoting made sh run the next line.
        "it's\n$(touch pwned-1)".into(),
        "a'b".into(),
        "\"double\" $(touch pwned-2) \"".into(),
        "`touch pwned-3`".into(),
        "'; touch pwned-4; '".into(),
        "\"; touch pwned-5; \"".into(),
        "$(touch pwned-6)$IFS${PATH} $1 $$ $? $((1+1))".into(),
        "back\\slash\\ \\' \\n \\\\".into(),
        "new\nline\n".into(),
        "tab\there".into(),
        "cr\r\nlf\r".into(),
        "esc \u{1b}[31mred\u{1b}[0m bell\u{7} del\u{7f}".into(),
        "bidi \u{202e}txt.exe \u{2066}x".into(),
        "ünïcødé ✓ 日本 🎉".into(),
        "".into(),
        "100% & | ; < > ( ) * ? [ ] { } ~ # ^ =x".into(),
        "!! !$ !-1 ^x^y !touch".into(),
        "%s %n %% %0 \\045".into(),
        "@not-a-file".into(),
        "<not-a-file".into(),
        "-dash".into(),
        "--data-binary=@/etc/passwd".into(),
        "-K/etc/passwd".into(),
        "'\"'\"'".into(),
        "=cmd".into(),
        "~root".into(),
        "x".repeat(8000),
    ]
}

/// The hostile corpus: every value above in a raw body, a query value, a path
/// segment, form fields; hostile file names; auth of every kind; and requests
/// `run` refuses (a header holding a line break, a method that is not a token).
fn hostile_collection(dir: &Path) -> Value {
    let files = [
        "upload.txt",
        "it's $(touch pwned-f1) `x`.txt",
        "quote\"d;type=text%2Fhtml.txt",
        "new\nline.txt",
        "-dash.txt",
        "日本 ✓.txt",
    ];
    for (i, f) in files.iter().enumerate() {
        std::fs::write(
            dir.join(f),
            format!("file {i}\nwith 'quotes' and $(touch pwned-fc)\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("raw.bin"),
        [0u8, 1, 2, 255, b'\n', b'@', b'%', b'\\'],
    )
    .unwrap();
    let nasty = nasty();
    let mut items = Vec::new();
    for (i, v) in nasty.iter().enumerate() {
        items.push(json!({
            "name": format!("raw {i}"),
            "request": {
                "method": "POST",
                "url": {
                    "raw": format!("{{{{base}}}}/raw/:seg?q=x&n={i}"),
                    "host": ["{{base}}"],
                    "path": ["raw", ":seg"],
                    "query": [{"key": "q", "value": v}, {"key": "n", "value": i.to_string()}],
                    "variable": [{"key": "seg", "value": v}]
                },
                "header": [{"key": "X-Nasty", "value": v.replace(['\n', '\r', '\u{1b}', '\u{7}', '\u{7f}'], " ")}],
                "body": {"mode": "raw", "raw": v, "options": {"raw": {"language": "text"}}}
            }
        }));
    }
    items.push(json!({"name": "nul byte", "request": {
        "method": "PUT", "url": "{{base}}/nul",
        "body": {"mode": "raw", "raw": "before\u{0}after '$(touch pwned-nul)'"}}}));
    items.push(json!({"name": "large", "request": {
        "method": "POST", "url": "{{base}}/large",
        "body": {"mode": "raw", "raw": format!("{}'$(touch pwned-large)", "y".repeat(300_000))}}}));
    let form: Vec<Value> = nasty
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"key": format!("f{i} {}", v.replace('=', "")), "value": v, "type": "text"}))
        .collect();
    let urlencoded: Vec<Value> = nasty
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"key": format!("k{i} &= {v}"), "value": v}))
        .collect();
    let mut multipart = form.clone();
    multipart.push(json!({"key": "typed", "value": "{\"a\": \"b;c\"}\n'$(touch pwned-t)'", "type": "text", "contentType": "application/json"}));
    multipart.push(json!({"key": "nul", "value": "a\u{0}b", "type": "text"}));
    for (i, f) in files.iter().enumerate() {
        multipart.push(json!({"key": format!("file{i}"), "type": "file", "src": f}));
    }
    multipart.push(json!({"key": "bin", "type": "file", "src": "raw.bin", "contentType": "application/x-thing"}));
    items.extend([
        json!({"name": "urlencoded", "request": {
            "method": "PATCH", "url": "{{base}}/form",
            "body": {"mode": "urlencoded", "urlencoded": urlencoded}}}),
        json!({"name": "multipart", "request": {
            "method": "POST", "url": "{{base}}/multipart",
            "body": {"mode": "formdata", "formdata": multipart}}}),
        json!({"name": "file body", "request": {
            "method": "POST", "url": "{{base}}/file",
            "header": [{"key": "content-type", "value": "application/octet-stream"}],
            "body": {"mode": "file", "file": {"src": "raw.bin"}}}}),
        json!({"name": "file body, hostile name", "request": {
            "method": "POST", "url": "{{base}}/file2",
            "body": {"mode": "file", "file": {"src": files[1]}}}}),
        json!({"name": "graphql", "request": {
            "method": "POST", "url": "{{base}}/graphql",
            "body": {"mode": "graphql", "graphql": {"query": "query { me(id: \"it's $(touch pwned-g)\") { name } }", "variables": "{\"a\": \"'\\n\"}"}}}}),
        json!({"name": "get with body", "protocolProfileBehavior": {"disableBodyPruning": true}, "request": {
            "method": "GET", "url": "{{base}}/get-body",
            "body": {"mode": "raw", "raw": "{\"a\":\"'$(touch pwned-gb)\"}", "options": {"raw": {"language": "json"}}}}}),
        json!({"name": "methods", "item": [
            {"name": "head", "request": {"method": "HEAD", "url": "{{base}}/head"}},
            {"name": "delete", "request": {"method": "DELETE", "url": "{{base}}/items/1"}},
            {"name": "options", "request": {"method": "OPTIONS", "url": "{{base}}/items"}},
            {"name": "post empty", "request": {"method": "POST", "url": "{{base}}/empty"}},
            {"name": "purge", "request": {"method": "PURGE", "url": "{{base}}/cache"}},
            {"name": "lowercase custom", "request": {"method": "link", "url": "{{base}}/link"}}
        ]}),
        json!({"name": "headers", "request": {
            "method": "GET", "url": "{{base}}/headers",
            "header": [
                {"key": "Cookie", "value": "a=1; b=\"two\"; c=$(touch pwned-c)"},
                {"key": "user-agent", "value": "custom agent/1.0 'x'"},
                {"key": "ACCEPT", "value": "application/json"},
                {"key": "X-Empty", "value": ""},
                {"key": "x-repeated", "value": "one"},
                {"key": "X-Other", "value": "between"},
                {"key": "X-REPEATED", "value": "two"},
                {"key": "X-Unicode", "value": "ünï ✓"},
                {"key": "X-Long", "value": "z".repeat(6000)}
            ]}}),
        json!({"name": "encoded url", "request": {
            "method": "GET",
            "url": "{{base}}/p a t h/./x/../y/{{seg}}?a=1+2&b=c d&e=\u{e9}&{{k}}={{v}}&flag&br=[x]{y}|`"}}),
        json!({"name": "no scheme", "request": {
            "method": "GET", "url": "127.0.0.1:{{port}}/no-scheme"}}),
        json!({"name": "redirects off, tls check off", "protocolProfileBehavior": {"strictSSL": false, "followRedirects": false}, "request": {
            "method": "GET", "url": "{{base}}/settings"}}),
    ]);
    // What run refuses to send, export refuses to write.
    items.push(json!({"name": "refused", "item": [
        {"name": "header injection", "request": {"method": "GET", "url": "{{base}}/inject",
            "header": [{"key": "X-Inject", "value": "a\r\nX-Evil: 1"}]}},
        {"name": "header injection from a variable", "request": {"method": "GET", "url": "{{base}}/inject2",
            "header": [{"key": "X-Inject", "value": "{{crlf}}"}]}},
        {"name": "nul in a header", "request": {"method": "GET", "url": "{{base}}/inject3",
            "header": [{"key": "X-Nul", "value": "a\u{0}b"}]}},
        {"name": "bad header name", "request": {"method": "GET", "url": "{{base}}/inject4",
            "header": [{"key": "X-$(touch pwned-h): y", "value": "z"}]}},
        {"name": "bad method", "request": {"method": "GET /x HTTP/1.1\r\nX-Evil:", "url": "{{base}}/inject5"}},
        {"name": "file url", "request": {"method": "GET", "url": "file:///etc/passwd"}}
    ]}));
    let auth = json!({
        "name": "Auth / \"folder\" $(touch pwned-folder)",
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [
            {"name": "inherited bearer", "request": {"method": "GET", "url": "{{base}}/bearer"}},
            {"name": "basic", "request": {"method": "GET", "url": "{{base}}/basic",
                "auth": {"type": "basic", "basic": [
                    {"key": "username", "value": "{{user}}"},
                    {"key": "password", "value": "p@ss:w'rd ü\n$(touch pwned-b)"}]}}},
            {"name": "apikey query", "request": {"method": "GET", "url": "{{base}}/apikey?x=1",
                "auth": {"type": "apikey", "apikey": [
                    {"key": "key", "value": "api key'"}, {"key": "value", "value": "{{secret}}"},
                    {"key": "in", "value": "query"}]}}},
            {"name": "apikey header", "request": {"method": "GET", "url": "{{base}}/apikey",
                "auth": {"type": "apikey", "apikey": [
                    {"key": "key", "value": "X-Api-Key"}, {"key": "value", "value": "lit'eral`touch pwned-k`"}]}}},
            {"name": "explicit authorization wins", "request": {"method": "GET", "url": "{{base}}/explicit",
                "header": [{"key": "Authorization", "value": "Bearer {{token}}"}]}},
            {"name": "noauth", "request": {"method": "GET", "url": "{{base}}/noauth", "auth": {"type": "noauth"}}},
            {"name": "oauth2", "request": {"method": "GET", "url": "{{base}}/oauth2",
                "auth": {"type": "oauth2", "oauth2": [{"key": "accessToken", "value": "o'a$(touch pwned-o)"}]}}},
            {"name": "digest", "request": {"method": "GET", "url": "{{base}}/digest",
                "auth": {"type": "digest", "digest": [
                    {"key": "username", "value": "di'g"}, {"key": "password", "value": "e$(touch pwned-d)st"}]}}}
        ]
    });
    items.push(auth);
    json!({
        "info": {"name": "Hostile 'collection' $(touch pwned-name)", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
        "variable": [
            {"key": "seg", "value": "s e g#?'$(touch pwned-seg)"},
            {"key": "k", "value": "k&y"},
            {"key": "v", "value": "v+l&u=e '$(touch pwned-v)'"},
            {"key": "crlf", "value": "ok\r\nX-Evil: 1"}
        ]
    })
}

fn hostile_case(server: &TestServer, dir: &Path) -> Case {
    let doc = hostile_collection(dir);
    let mut case = Case::new("hostile", &doc, dir);
    case.vars = vec![
        format!("base={}", server.base),
        format!("port={}", server.port),
        "token=tok'en$(touch pwned-tok)`touch pwned-tk`".into(),
        "user=ü'ser \"$(touch pwned-u)\"".into(),
        "secret=s+e&c=r t'$(touch pwned-s)".into(),
    ];
    case
}

#[test]
fn hostile_corpus_is_byte_identical_and_runs_nothing_in_any_posix_shell() {
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let case = hostile_case(&server, dir.path());
    let expected = case.sent_by_run(&server);
    assert_no_marker(dir.path(), "postie run");
    let shells = posix_shells();
    for (name, extra) in [
        ("export.sh", vec![]),
        (
            "long.sh",
            vec![
                "--multiline",
                "--long-options",
                "--timeout-request",
                "20000",
            ],
        ),
    ] {
        let (script, warnings) = case.export(name, &extra);
        let text = std::fs::read_to_string(&script).unwrap();
        assert!(!text.contains("$'"), "no bash-only quoting in a sh script");
        assert!(
            !text.contains('\r') && !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "no raw control or bidi character in the script"
        );
        // Refused like run refuses them, and said so.
        for refused in [
            "request 'refused / header injection': cannot be exported: Invalid character in header content [\"X-Inject\"]",
            "request 'refused / header injection from a variable': cannot be exported: Invalid character in header content [\"X-Inject\"]",
            "request 'refused / nul in a header': cannot be exported: Invalid character in header content [\"X-Nul\"]",
            "request 'refused / bad header name': cannot be exported: Header name must be a valid HTTP token",
            "request 'refused / bad method': cannot be exported: invalid method",
            "request 'refused / file url': cannot be exported: invalid URL 'file:///etc/passwd'",
        ] {
            assert!(warnings.contains(refused), "missing {refused:?} in\n{warnings}");
        }
        assert!(
            !text.contains("X-Evil"),
            "an injected header reached the script"
        );
        for shell in &shells {
            case.replay(&server, shell, &script, &[], &expected);
        }
    }
    eprintln!(
        "hostile corpus: {} requests byte-identical through {}",
        expected.len(),
        shells.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
    );
}

#[test]
fn bash_and_zsh_flavours_use_their_own_quoting_and_send_the_same() {
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let case = hostile_case(&server, dir.path());
    let expected = case.sent_by_run(&server);
    for (flavour, shebang) in [
        ("bash", "#!/usr/bin/env bash\n"),
        ("zsh", "#!/usr/bin/env zsh\n"),
    ] {
        let Some(program) = support::tool(flavour) else {
            continue;
        };
        let (script, _) = case.export(&format!("{flavour}.sh"), &["--shell", flavour]);
        let text = std::fs::read_to_string(&script).unwrap();
        assert!(text.starts_with(shebang), "{text}");
        assert!(
            text.contains("$'it\\'s\\n$(touch pwned-1)'"),
            "{flavour} quoting"
        );
        let shell = ShellCommand {
            name: flavour,
            program,
            args: vec![],
        };
        case.replay(&server, &shell, &script, &[], &expected);
    }
}

#[test]
fn redacted_script_sends_the_same_once_its_placeholders_are_set() {
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let vars = hostile_case(&server, dir.path()).vars;
    let mut doc = hostile_collection(dir.path());
    doc["item"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "session", "request": {
        "method": "POST", "url": "{{base}}/session",
        "header": [{"key": "X-Session", "value": "id={{sessionId}}"}],
        "body": {"mode": "raw", "raw": "{\"session\": \"{{sessionId}}\"}"}}}));
    let mut case = Case::new("redacted", &doc, dir.path());
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        json!({"name": "e", "values": [
            {"key": "sessionId", "value": "s3ss'ion \"x\" $(touch pwned-sess)", "type": "secret"}
        ]})
        .to_string(),
    )
    .unwrap();
    case.environment = Some(env);
    case.vars = vars;
    let expected = case.sent_by_run(&server);
    let (script, _) = case.export("redacted.sh", &["--redact"]);
    let text = std::fs::read_to_string(&script).unwrap();
    for secret in [
        "tok'en", "w'rd", "lit'eral", "s3ss", "ü'ser", "s+e&c", "di'g", "e$(touch", "o'a",
    ] {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
    }
    for expected_line in [
        "#   SESSION_ID: {{sessionId}}, a secret variable of the environment",
        ": \"${TOKEN:?export TOKEN first}\"",
    ] {
        assert!(
            text.contains(expected_line),
            "missing {expected_line:?} in\n{text}"
        );
    }
    let placeholders = [
        ("TOKEN", "tok'en$(touch pwned-tok)`touch pwned-tk`"),
        ("USER_VALUE", "ü'ser \"$(touch pwned-u)\""),
        ("BASIC_AUTH_PASSWORD", "p@ss:w'rd ü\n$(touch pwned-b)"),
        // Inserted as they are: a value for a query string comes encoded, as run sends it.
        ("SECRET", "s%2Be%26c=r%20t%27$(touch%20pwned-s)"),
        ("API_KEY", "lit'eral`touch pwned-k`"),
        ("ACCESS_TOKEN", "o'a$(touch pwned-o)"),
        ("DIGEST_AUTH_USER", "di'g"),
        ("DIGEST_AUTH_PASSWORD", "e$(touch pwned-d)st"),
        ("SESSION_ID", "s3ss'ion \"x\" $(touch pwned-sess)"),
        // Fields whose names end in a credential's name (`…/etc/passwd`), the cookie.
        (
            "K21_DATA_BINARY_ETC_PASSWD",
            "--data-binary%3D%40%2Fetc%2Fpasswd",
        ),
        ("K22_K_ETC_PASSWD", "-K%2Fetc%2Fpasswd"),
        ("F21_DATA_BINARY_ETC_PASSWD", "--data-binary=@/etc/passwd"),
        ("F22_K_ETC_PASSWD", "-K/etc/passwd"),
        ("COOKIE", "a=1; b=\"two\"; c=$(touch pwned-c)"),
    ];
    for shell in &posix_shells() {
        case.replay(&server, shell, &script, &placeholders, &expected);
    }
}

#[test]
fn redact_hides_credentials_in_bodies_and_query_strings() {
    let server = recording_server();
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({"info": {"name": "creds"}, "item": [
        {"name": "json login", "request": {"method": "POST", "url": "{{base}}/login?access_token=qs-t0k&page=2",
            "header": [{"key": "Content-Type", "value": "application/json"},
                       {"key": "X-Api-Key", "value": "hdr-k3y"}],
            "body": {"mode": "raw", "raw": "{\"user\": \"ann\", \"password\": \"js-p4ss\", \"nested\": {\"client_secret\": \"{{clientSecret}}\"}}"}}},
        {"name": "form login", "request": {"method": "POST", "url": "{{base}}/token",
            "body": {"mode": "urlencoded", "urlencoded": [
                {"key": "grant_type", "value": "password"},
                {"key": "password", "value": "f0rm p&ss"},
                {"key": "client_secret", "value": "{{clientSecret}}"}]}}},
        {"name": "graphql", "request": {"method": "POST", "url": "{{base}}/graphql",
            "body": {"mode": "graphql", "graphql": {"query": "mutation { login }", "variables": "{\"token\": \"gq-t0k\"}"}}}}
    ]});
    let mut case = Case::new("credentials", &doc, dir.path());
    case.vars = vec![
        format!("base={}", server.base),
        "clientSecret=cl-s3c".into(),
    ];
    let expected = case.sent_by_run(&server);
    let (script, _) = case.export("redacted.sh", &["--redact"]);
    let text = std::fs::read_to_string(&script).unwrap();
    for secret in ["qs-t0k", "hdr-k3y", "js-p4ss", "cl-s3c", "f0rm", "gq-t0k"] {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
    }
    for shown in ["grant_type=password", "\"user\": \"ann\"", "page=2"] {
        assert!(text.contains(shown), "{shown} should stay:\n{text}");
    }
    let placeholders = [
        ("ACCESS_TOKEN", "qs-t0k"),
        ("X_API_KEY", "hdr-k3y"),
        ("PASSWORD", "js-p4ss"),
        // The same variable wherever it is used, under its own name.
        ("CLIENT_SECRET", "cl-s3c"),
        ("PASSWORD_2", "f0rm%20p%26ss"),
        ("TOKEN", "gq-t0k"),
    ];
    for (env, _) in placeholders {
        assert!(
            text.contains(&format!("#   {env}: ")),
            "{env} is not listed:\n{text}"
        );
    }
    for shell in &posix_shells() {
        case.replay(&server, shell, &script, &placeholders, &expected);
    }
}
