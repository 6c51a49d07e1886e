//! The Hurl export: script patterns become Hurl sections, everything else is listed,
//! and the file keeps to Hurl's grammar (checked structurally).

mod support;

use postie::collection::Collection;
use postie::export::{export, ExportOptions, Format};
use postie::vars::Scopes;
use serde_json::json;

/// JSON text with each `{{name}}` template replaced by a number.
fn without_templates(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(s) = rest.find("{{") {
        match rest[s..].find("}}") {
            Some(e) => {
                out.push_str(&rest[..s]);
                out.push('0');
                rest = &rest[s + e + 2..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// A structural check of a Hurl file: entries of a request line, headers, request
/// sections and a body, then an optional response of `HTTP n`, captures and asserts.
fn check_hurl(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut entries = 0;
    let is_key_value = |l: &str| {
        let mut chars = l.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                ':' => return i > 0,
                c if c.is_alphanumeric() || "_-.{}".contains(c) => {}
                _ => return false,
            }
        }
        false
    };
    let templates_ok = |l: &str| {
        let mut rest = l;
        while let Some(s) = rest.find("{{") {
            // `\{{` is an escaped brace, not a template.
            if rest[..s].ends_with('\\') {
                rest = &rest[s + 2..];
                continue;
            }
            let Some(e) = rest[s..].find("}}") else {
                return false;
            };
            let name = &rest[s + 2..s + e];
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return false;
            }
            rest = &rest[s + e + 2..];
        }
        true
    };
    let methods = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PURGE",
    ];
    while i < lines.len() {
        let l = lines[i];
        if l.trim().is_empty() || l.starts_with('#') {
            i += 1;
            continue;
        }
        // Request line.
        let (method, url) = l
            .split_once(' ')
            .unwrap_or_else(|| panic!("line {}: request line expected: {l}", i + 1));
        assert!(methods.contains(&method), "line {}: method {method}", i + 1);
        assert!(
            !url.is_empty() && !url.contains(' '),
            "line {}: url {url}",
            i + 1
        );
        assert!(templates_ok(url), "line {}: template in {url}", i + 1);
        entries += 1;
        i += 1;
        let mut section = "headers";
        let mut seen = Vec::new();
        while i < lines.len() {
            let l = lines[i];
            if l.trim().is_empty() || l.starts_with('#') {
                break;
            }
            if l.starts_with('[') {
                assert!(
                    [
                        "[Options]",
                        "[BasicAuth]",
                        "[MultipartFormData]",
                        "[FormParams]",
                        "[QueryStringParams]",
                        "[Cookies]",
                        "[Captures]",
                        "[Asserts]"
                    ]
                    .contains(&l),
                    "line {}: section {l}",
                    i + 1
                );
                assert!(!seen.contains(&l), "line {}: {l} repeated", i + 1);
                seen.push(l);
                section = l;
                i += 1;
                continue;
            }
            if let Some(status) = l.strip_prefix("HTTP ") {
                assert!(
                    status == "*" || status.parse::<u16>().is_ok(),
                    "line {}: {l}",
                    i + 1
                );
                assert!(
                    section == "headers" || !["[Captures]", "[Asserts]"].contains(&section),
                    "line {}: response after response sections",
                    i + 1
                );
                section = "response";
                seen.clear();
                i += 1;
                continue;
            }
            if l.starts_with("```") {
                i += 1;
                while i < lines.len() && !lines[i].ends_with("```") {
                    i += 1;
                }
                assert!(i < lines.len(), "unterminated ``` body");
                i += 1;
                continue;
            }
            let in_key_values = section.starts_with('[') && is_key_value(l);
            if (l.starts_with('{') || l.starts_with('[')) && !in_key_values {
                // JSON body: the lines up to where it parses, every template a number.
                let start = i;
                let mut json = String::new();
                loop {
                    assert!(i < lines.len(), "line {}: JSON body never ends", start + 1);
                    assert!(
                        templates_ok(lines[i]),
                        "line {}: template in {}",
                        i + 1,
                        lines[i]
                    );
                    json.push_str(lines[i]);
                    json.push('\n');
                    i += 1;
                    if serde_json::from_str::<serde_json::Value>(&without_templates(&json)).is_ok()
                    {
                        break;
                    }
                }
                continue;
            }
            if l.starts_with("base64,") || l.starts_with("file,") || l.starts_with('`') {
                assert!(l.ends_with(';') || l.ends_with('`'), "line {}: {l}", i + 1);
                i += 1;
                continue;
            }
            match section {
                "[Captures]" => {
                    let (name, query) = l.split_once(": ").unwrap();
                    assert!(
                        name.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
                        "capture name {name}"
                    );
                    let q = query
                        .strip_prefix("jsonpath ")
                        .unwrap_or_else(|| panic!("line {}: query {query}", i + 1));
                    let path: String = serde_json::from_str(q).unwrap();
                    assert!(path.starts_with('$'), "jsonpath {path}");
                }
                "[Asserts]" => {
                    let rest = l
                        .strip_prefix("jsonpath ")
                        .unwrap_or_else(|| panic!("line {}: assert {l}", i + 1));
                    let (path, pred) = rest.split_once(" == ").unwrap();
                    let path: String = serde_json::from_str(path).unwrap();
                    assert!(path.starts_with('$'));
                    serde_json::from_str::<serde_json::Value>(pred)
                        .unwrap_or_else(|_| panic!("line {}: value {pred}", i + 1));
                }
                _ => {
                    assert!(is_key_value(l), "line {}: key: value expected: {l}", i + 1);
                    assert!(templates_ok(l), "line {}: template in {l}", i + 1);
                }
            }
            i += 1;
        }
    }
    entries
}

fn collection() -> Collection {
    serde_json::from_value(json!({
        "info": {"name": "Hurl demo"},
        "item": [
            {"name": "Login", "event": [{"listen": "test", "script": {"exec": [
                "var jsonData = JSON.parse(responseBody);",
                "pm.environment.set(\"token\", jsonData.auth.token);",
                "pm.collectionVariables.set('userId', jsonData[\"user\"].ids[0]);",
                "pm.test(\"Status code is 201\", function () {",
                "    pm.response.to.have.status(201);",
                "});",
                "pm.expect(jsonData.auth.kind).to.eql(\"bearer\");",
                "pm.expect(pm.response.json().count).to.equal(3);",
                "console.log(`logged in as ${jsonData.user.name}`);"
            ]}}, {"listen": "prerequest", "script": {"exec": ["pm.variables.set('t', Date.now());"]}}],
             "request": {"method": "POST", "url": "{{base}}/login",
                "header": [{"key": "Content-Type", "value": "application/json"}, {"key": "X-Hash", "value": "a#b\\c"}],
                "body": {"mode": "raw", "raw": "{\"user\": \"{{user}}\", \"n\": {{n}}}"}}},
            {"name": "Me", "event": [{"listen": "test", "script": {"exec": [
                "pm.expect(pm.response.code).to.eql(200);",
                "const body = pm.response.json();",
                "pm.expect(body.name).to.eql('Ann');"
            ]}}],
             "request": {"method": "GET", "url": "{{base}}/users/{{userId}}?id={{$guid}}",
                "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}}},
            {"name": "Upload", "request": {"method": "POST", "url": "{{base}}/upload",
                "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{user}}"}, {"key": "password", "value": "pw"}]},
                "body": {"mode": "formdata", "formdata": [
                    {"key": "note", "value": "hello {{user}}", "type": "text"},
                    {"key": "doc", "type": "file", "src": "docs/a.txt"}
                ]}}},
            {"name": "Text", "request": {"method": "PUT", "url": "{{base}}/text",
                "body": {"mode": "raw", "raw": "line one\nline two\n"}}}
        ]
    }))
    .unwrap()
}

#[test]
fn scripts_become_hurl_sections_and_the_rest_is_listed() {
    let mut scopes = Scopes::default();
    scopes
        .environment
        .set("base", json!("https://api.example.com"));
    scopes.environment.set("user", json!("ann"));
    scopes.environment.set("n", json!(3));
    let e = export(
        &collection(),
        &scopes,
        &ExportOptions {
            format: Format::Hurl,
            ..Default::default()
        },
    )
    .unwrap();
    let text = &e.text;
    assert_eq!(check_hurl(text), 4, "{text}");
    for expected in [
        "POST {{base}}/login\n",
        "X-Hash: a\\#b\\\\c\n",
        "{\"user\": \"{{user}}\", \"n\": {{n}}}\n",
        "HTTP 201\n[Captures]\ntoken: jsonpath \"$.auth.token\"\nuserId: jsonpath \"$['user'].ids[0]\"\n[Asserts]\njsonpath \"$.auth.kind\" == \"bearer\"\njsonpath \"$.count\" == 3\n",
        "# Not translated to Hurl:\n#   prerequest script, line 1: pm.variables.set('t', Date.now());\n#   test script, line 9: console.log(`logged in as ${jsonData.user.name}`);\n",
        "GET {{base}}/users/{{userId}}?id={{newUuid}}\nAuthorization: Bearer {{token}}\n",
        "HTTP 200\n[Asserts]\njsonpath \"$.name\" == \"Ann\"\n",
        "[BasicAuth]\n{{user}}: pw\n",
        "[MultipartFormData]\nnote: hello {{user}}\ndoc: file,docs/a.txt; text/plain\n",
        "```\nline one\nline two\n```\n",
        "[Options]\nlocation: true\nmax-redirs: 10\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(
        text.contains("# Script coverage: 2 script line(s)"),
        "{text}"
    );
    assert!(
        !text.contains("ann") && !text.contains("api.example.com"),
        "values leaked into templates:\n{text}"
    );
    assert_eq!(
        e.warnings
            .iter()
            .filter(|w| w.contains("not translated to Hurl"))
            .count(),
        2,
        "{:#?}",
        e.warnings
    );
}

#[test]
fn forgerock_collection_exports_to_well_formed_hurl() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = support::postie()
        .args(["export", "hurl"])
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .arg("-o")
        .arg(dir.path().join("x.hurl"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let warnings = String::from_utf8_lossy(&out.stderr);
    let text = std::fs::read_to_string(dir.path().join("x.hurl")).unwrap();
    assert_eq!(check_hurl(&text), 62);
    // A server-side template no scope defines is sent as run sends it: escaped.
    assert!(
        text.contains(r#""from": "\u007b\u007b{organization.name}}}""#),
        "{text}"
    );
    assert!(text.contains("accessToken: jsonpath \"$.access_token\""));
    let untranslated = warnings.matches("not translated to Hurl").count();
    assert!(untranslated > 0);
    assert!(text.contains(&format!("# Script coverage: {untranslated} script line(s)")));
}
