//! Round trips: the request the echo server receives from an exported curl command
//! equals the one it receives when postie's own client sends the same request.

mod export_support;

use export_support::*;
use postie::collection::{walk_requests, Collection, Item};
use postie::export::{export, Export, ExportOptions};
use postie::http::{ClientOptions, HttpClient, RequestSettings};
use postie::request::{self, BuildContext, FileAccess};
use postie::vars::{Scopes, VariableScope};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// Sends every request of the collection with postie's own client, as `run` does.
fn send_with_postie(collection: &Collection, scopes: &Scopes, opts: &ExportOptions) {
    let settings = RequestSettings {
        follow_redirects: !opts.ignore_redirects,
        strict_ssl: !opts.insecure,
        timeout: opts.timeout_request,
        ..Default::default()
    };
    let files = FileAccess {
        working_dir: opts.working_dir.clone(),
        confined: false,
    };
    let mut items: Vec<(&Item, Vec<&Item>)> = Vec::new();
    walk_requests(&collection.item, &mut |i, p| items.push((i, p.to_vec())));
    let mut client = HttpClient::new(ClientOptions {
        insecure: opts.insecure,
        ..Default::default()
    })
    .unwrap();
    for (item, parents) in items {
        let ctx = BuildContext {
            collection,
            parents: &parents,
            scopes,
            files: &files,
            settings: &settings,
        };
        let built = request::build(item.request.as_ref().unwrap(), item, &ctx).unwrap();
        client
            .send(&built.request)
            .unwrap_or_else(|e| panic!("{}: {e}", item.name));
    }
}

/// Exports the whole collection, runs the script with bash, and compares what the
/// server received with what postie's client sent.
fn round_trip(
    label: &str,
    server: &EchoServer,
    collection: &Collection,
    scopes: &Scopes,
    opts: &ExportOptions,
    env: &[(&str, &str)],
    dir: &Path,
) -> Export {
    server.take();
    send_with_postie(collection, scopes, opts);
    let expected = server.take();
    assert!(!expected.is_empty(), "{label}: postie sent nothing");
    let e = export(collection, scopes, opts).unwrap();
    bash(&e.text, env, dir);
    let actual = server.take();
    assert_same(label, &expected, &actual);
    e
}

fn scopes_for(port: u16) -> Scopes {
    let mut s = Scopes {
        environment: VariableScope::named("test"),
        ..Default::default()
    };
    s.environment
        .set("base", json!(format!("http://127.0.0.1:{port}")));
    s
}

/// Values that break naive quoting.
const NASTY: &[&str] = &[
    "it's",
    "\"double\"",
    "$(touch /tmp/postie-pwned)",
    "`id`",
    "$HOME ${PATH} $1",
    "back\\slash\\",
    "new\nline",
    "tab\there",
    "cr\r\nlf",
    "ünïcødé ✓ 日本",
    "",
    "100% & | ; < > ( ) * ? [ ] { } ~ # !",
    "@not-a-file",
    "<not-a-file",
    "-dash",
];

fn hostile_collection(dir: &Path) -> Collection {
    std::fs::write(
        dir.join("upload.txt"),
        "file body\nwith 'quotes' and $vars\n",
    )
    .unwrap();
    std::fs::write(dir.join("raw.bin"), [0u8, 1, 2, 255, b'\n', b'@']).unwrap();
    let mut items = Vec::new();
    for (i, v) in NASTY.iter().enumerate() {
        let header_value = v.replace(['\n', '\r'], " ");
        items.push(json!({
            "name": format!("raw {i}"),
            "request": {
                "method": "POST",
                "url": format!("{{{{base}}}}/raw/{i}?q={}", v.replace(['\n', '\r', '#'], " ")),
                "header": [
                    {"key": "X-Nasty", "value": header_value},
                    {"key": "X-Off", "value": "x", "disabled": true}
                ],
                "body": {"mode": "raw", "raw": v, "options": {"raw": {"language": "text"}}}
            }
        }));
    }
    let form: Vec<Value> = NASTY
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"key": format!("f{i}"), "value": v, "type": "text"}))
        .collect();
    let urlencoded: Vec<Value> = NASTY
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"key": format!("k{i} &="), "value": v}))
        .collect();
    let mut form_files = form.clone();
    form_files.push(json!({"key": "typed", "value": "{\"a\": \"b;c\"}", "type": "text", "contentType": "application/json"}));
    form_files.push(json!({"key": "upload", "type": "file", "src": "upload.txt"}));
    form_files.push(json!({"key": "bin", "type": "file", "src": "raw.bin", "contentType": "application/x-thing"}));
    let json_body = "{\n  \"name\": \"O'Brien\",\n  \"cmd\": \"$(rm -rf /)\",\n  \"path\": \"C:\\\\dir\\\\\",\n  \"tick\": \"`x`\",\n  \"uni\": \"日本 ✓\"\n}";
    items.extend([
        json!({"name": "json", "request": {
            "method": "PUT", "url": "{{base}}/json",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "raw", "raw": json_body}}}),
        json!({"name": "no content type", "request": {
            "method": "POST", "url": "{{base}}/plain",
            "body": {"mode": "raw", "raw": "just text"}}}),
        json!({"name": "control chars", "request": {
            "method": "POST", "url": "{{base}}/ctl",
            "body": {"mode": "raw", "raw": "a\u{1}b\u{7f}c\u{1b}[0m"}}}),
        json!({"name": "large", "request": {
            "method": "POST", "url": "{{base}}/large",
            "body": {"mode": "raw", "raw": "x".repeat(5000)}}}),
        json!({"name": "urlencoded", "request": {
            "method": "PATCH", "url": "{{base}}/form",
            "body": {"mode": "urlencoded", "urlencoded": urlencoded}}}),
        json!({"name": "multipart", "request": {
            "method": "POST", "url": "{{base}}/multipart",
            "body": {"mode": "formdata", "formdata": form_files}}}),
        json!({"name": "file body", "request": {
            "method": "POST", "url": "{{base}}/file",
            "header": [{"key": "Content-Type", "value": "application/octet-stream"}],
            "body": {"mode": "file", "file": {"src": "raw.bin"}}}}),
        json!({"name": "graphql", "request": {
            "method": "POST", "url": "{{base}}/graphql",
            "body": {"mode": "graphql", "graphql": {"query": "query { me(id: \"it's\") { name } }", "variables": "{\"a\": 1}"}}}}),
        json!({"name": "get with body", "protocolProfileBehavior": {"disableBodyPruning": true}, "request": {
            "method": "GET", "url": "{{base}}/get-body",
            "body": {"mode": "raw", "raw": "{\"a\":1}", "options": {"raw": {"language": "json"}}}}}),
        json!({"name": "get pruned", "request": {
            "method": "GET", "url": "{{base}}/get-pruned",
            "body": {"mode": "raw", "raw": "dropped"}}}),
        json!({"name": "head", "request": {"method": "HEAD", "url": "{{base}}/head"}}),
        json!({"name": "delete", "request": {"method": "DELETE", "url": "{{base}}/items/1"}}),
        json!({"name": "options", "request": {"method": "OPTIONS", "url": "{{base}}/items"}}),
        json!({"name": "post empty", "request": {"method": "POST", "url": "{{base}}/empty"}}),
        json!({"name": "custom method", "request": {"method": "PURGE", "url": "{{base}}/cache"}}),
        json!({"name": "cookies and agent", "request": {
            "method": "GET", "url": "{{base}}/cookies",
            "header": [
                {"key": "Cookie", "value": "a=1; b=\"two\""},
                {"key": "User-Agent", "value": "custom agent/1.0"},
                {"key": "Accept", "value": "application/json"},
                {"key": "X-Empty", "value": ""}
            ]}}),
        json!({"name": "encoded url", "request": {
            "method": "GET",
            "url": {
                "raw": "{{base}}/p a t h/{{seg}}/./x/../y?a=1+2&b=c d&e=\u{e9}&{{k}}={{v}}&flag",
                "host": ["{{base}}"],
                "path": ["p a t h", "{{seg}}", ".", "x", "..", "y"],
                "query": [
                    {"key": "a", "value": "1+2"},
                    {"key": "b", "value": "c d"},
                    {"key": "e", "value": "\u{e9}"},
                    {"key": "{{k}}", "value": "{{v}}"},
                    {"key": "flag", "value": null},
                    {"key": "off", "value": "1", "disabled": true},
                    {"key": "br", "value": "[x]{y}"}
                ]
            }}}),
        json!({"name": "path variable", "request": {
            "method": "GET",
            "url": {"raw": "{{base}}/users/:id", "host": ["{{base}}"], "path": ["users", ":id"],
                    "variable": [{"key": "id", "value": "a b/c"}]}}}),
        json!({"name": "timeout and tls", "protocolProfileBehavior": {"strictSSL": false, "followRedirects": false}, "request": {
            "method": "GET", "url": "{{base}}/tls"}}),
    ]);
    let auth_folder = json!({
        "name": "Auth / \"folder\"",
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [
            {"name": "inherited bearer", "request": {"method": "GET", "url": "{{base}}/bearer"}},
            {"name": "basic", "request": {"method": "GET", "url": "{{base}}/basic",
                "auth": {"type": "basic", "basic": [
                    {"key": "username", "value": "{{user}}"},
                    {"key": "password", "value": "p@ss:w'rd ü"}]}}},
            {"name": "apikey query", "request": {"method": "GET", "url": "{{base}}/apikey?x=1",
                "auth": {"type": "apikey", "apikey": [
                    {"key": "key", "value": "api key"}, {"key": "value", "value": "{{secret}}"},
                    {"key": "in", "value": "query"}]}}},
            {"name": "apikey header", "request": {"method": "GET", "url": "{{base}}/apikey",
                "auth": {"type": "apikey", "apikey": [
                    {"key": "key", "value": "X-Api-Key"}, {"key": "value", "value": "literal-key"}]}}},
            {"name": "explicit authorization wins", "request": {"method": "GET", "url": "{{base}}/explicit",
                "header": [{"key": "Authorization", "value": "Bearer {{token}}"}]}},
            {"name": "noauth", "request": {"method": "GET", "url": "{{base}}/noauth", "auth": {"type": "noauth"}}},
            {"name": "digest", "request": {"method": "GET", "url": "{{base}}/digest",
                "auth": {"type": "digest", "digest": [
                    {"key": "username", "value": "dig"}, {"key": "password", "value": "est"}]}}}
        ]
    });
    items.push(auth_folder);
    serde_json::from_value(json!({
        "info": {"name": "Hostile 'collection' $(x)", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
        "variable": [
            {"key": "seg", "value": "s e g#?"},
            {"key": "k", "value": "k&y"},
            {"key": "v", "value": "v+l&u=e"},
        ]
    }))
    .unwrap()
}

fn hostile_scopes(collection: &Collection, port: u16) -> Scopes {
    let mut s = scopes_for(port);
    s.collection = VariableScope::from_variables(collection.variable.clone());
    s.environment.set("token", json!("tok'en$(x)"));
    s.environment.set("user", json!("ü'ser"));
    s.environment.set("secret", json!("s+e&c=r t"));
    s
}

#[test]
fn hostile_collection_round_trips_through_bash() {
    let server = EchoServer::start();
    let dir = tempfile::tempdir().unwrap();
    let collection = hostile_collection(dir.path());
    let scopes = hostile_scopes(&collection, server.port);
    for (multiline, long_options) in [(false, false), (true, true)] {
        let opts = ExportOptions {
            multiline,
            long_options,
            working_dir: Some(dir.path().to_path_buf()),
            timeout_request: Some(Duration::from_millis(20_000)),
            ..Default::default()
        };
        let e = round_trip(
            &format!("hostile multiline={multiline}"),
            &server,
            &collection,
            &scopes,
            &opts,
            &[],
            dir.path(),
        );
        assert!(e.text.starts_with("#!/usr/bin/env bash\n"), "{}", e.text);
        assert!(e.text.contains("\n# Auth / \"folder\" / basic\n"));
        assert!(!Path::new("/tmp/postie-pwned").exists());
    }
}

#[test]
fn redacted_script_sends_the_same_once_placeholders_are_set() {
    let server = EchoServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut collection = hostile_collection(dir.path());
    collection.item.push(
        serde_json::from_value(json!({"name": "session", "request": {
            "method": "POST", "url": "{{base}}/session",
            "header": [{"key": "X-Session", "value": "id={{sessionId}}"}],
            "body": {"mode": "raw", "raw": "{\"session\": \"{{sessionId}}\"}"}}}))
        .unwrap(),
    );
    let mut scopes = hostile_scopes(&collection, server.port);
    scopes
        .environment
        .values
        .push(postie::collection::Variable {
            key: Some("sessionId".into()),
            value: json!("s3ss'ion \"x\""),
            kind: Some("secret".into()),
            ..Default::default()
        });
    let opts = ExportOptions {
        redact: true,
        working_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let text = export(&collection, &scopes, &opts).unwrap().text;
    for secret in [
        "tok'en",
        "w'rd",
        "literal-key",
        "s3ss",
        "ü'ser",
        "s+e&c",
        "dig:est",
    ] {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
    }
    // Basic credentials: the Authorization header is rebuilt by curl from -u.
    assert!(
        text.contains("-u \"${USER_VALUE}\"':'\"${BASIC_AUTH_PASSWORD}\""),
        "{text}"
    );
    assert!(
        text.contains("-H 'Authorization: Bearer '\"${TOKEN}\""),
        "{text}"
    );
    assert!(
        text.contains("#   SESSION_ID: {{sessionId}}, a secret variable of the environment"),
        "{text}"
    );
    assert!(
        text.contains(": \"${API_KEY:?export API_KEY first}\""),
        "{text}"
    );
    round_trip(
        "redacted",
        &server,
        &collection,
        &scopes,
        &opts,
        &[
            ("TOKEN", "tok'en$(x)"),
            ("USER_VALUE", "ü'ser"),
            ("BASIC_AUTH_PASSWORD", "p@ss:w'rd ü"),
            // Placeholders are inserted as they are: a value for the URL comes encoded.
            ("SECRET", "s%2Be%26c%3Dr%20t"),
            ("API_KEY", "literal-key"),
            ("DIGEST_AUTH_USER", "dig"),
            ("DIGEST_AUTH_PASSWORD", "est"),
            ("SESSION_ID", "s3ss'ion \"x\""),
        ],
        dir.path(),
    );
}

#[test]
fn redacted_script_refuses_to_run_without_its_variables() {
    let mut scopes = Scopes::default();
    scopes.environment.set("token", json!("abc"));
    let collection: Collection = serde_json::from_value(json!({
        "info": {"name": "c"},
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [{"name": "r", "request": {"method": "GET", "url": "http://127.0.0.1:9/x"}}]
    }))
    .unwrap();
    let e = export(
        &collection,
        &scopes,
        &ExportOptions {
            redact: true,
            ..Default::default()
        },
    )
    .unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&e.text)
        .env_remove("TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("export TOKEN first"));
}

fn small_collection() -> Collection {
    serde_json::from_value(json!({
        "info": {"name": "Small"},
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [
            {"name": "Users", "item": [
                {"name": "List users", "id": "list-id", "request": {"method": "GET",
                    "url": "{{base}}/users?page={{page}}&q=it's"}},
                {"name": "Create user", "request": {"method": "POST", "url": "{{base}}/users",
                    "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": {"mode": "raw", "raw": "{\n  \"name\": \"O'Brien {{suffix}}\",\n  \"cost\": \"$5 & 100%\"\n}"}}}
            ]},
            {"name": "Health", "request": {"method": "GET", "url": "{{base}}/health"}}
        ]
    }))
    .unwrap()
}

fn small_scopes() -> Scopes {
    let mut s = Scopes::default();
    s.environment
        .set("base", json!("https://api.example.com/v1"));
    s.environment.set("token", json!("T0K"));
    s.environment.set("page", json!(2));
    s
}

#[test]
fn keep_vars_leaves_templates_and_turns_globbing_off() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            keep_vars: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        e.text.contains(
            "curl -g '{{base}}/users?page={{page}}&q=it%27s' -H 'Authorization: Bearer {{token}}'"
        ) || e.text.contains(
            "curl '{{base}}/users?page={{page}}&q=it%27s' -H 'Authorization: Bearer {{token}}'"
        ),
        "{}",
        e.text
    );
    assert!(e.text.contains(" -g"), "{}", e.text);
    assert!(
        e.text.contains("O'\\''Brien {{suffix}}") || e.text.contains("O\\'Brien {{suffix}}"),
        "{}",
        e.text
    );
    assert!(!e.text.contains("T0K"));
    assert!(!e.text.contains("http://{{"));
    assert_eq!(
        e.warnings,
        vec!["request 'Users / Create user': unresolved variable {{suffix}} in body"]
    );
}

#[test]
fn selection_single_request_and_errors() {
    let c = small_collection();
    let s = small_scopes();
    let one = export(
        &c,
        &s,
        &ExportOptions {
            request: Some("list-id".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        one.text,
        "# Users / List users\ncurl 'https://api.example.com/v1/users?page=2&q=it%27s' -H 'Authorization: Bearer T0K' -H 'User-Agent: postie/0.1.0' -H 'Accept: */*' -L --max-redirs 10 --http1.1\n"
    );
    let by_name = export(
        &c,
        &s,
        &ExportOptions {
            request: Some("Health".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(by_name
        .text
        .starts_with("# Health\ncurl https://api.example.com/v1/health "));
    let folder = export(
        &c,
        &s,
        &ExportOptions {
            folders: vec!["Users".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        folder.text.contains("# Users / List users")
            && folder.text.contains("# Users / Create user")
    );
    assert!(!folder.text.contains("# Health"));
    assert_eq!(
        export(
            &c,
            &s,
            &ExportOptions {
                request: Some("nope".into()),
                ..Default::default()
            }
        ),
        Err(postie::export::ExportError::RequestNotFound("nope".into()))
    );
    assert_eq!(
        export(
            &c,
            &s,
            &ExportOptions {
                folders: vec!["nope".into()],
                ..Default::default()
            }
        ),
        Err(postie::export::ExportError::FolderNotFound("nope".into()))
    );
}

#[test]
fn multiline_long_options_timeout_and_insecure() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            request: Some("Create user".into()),
            multiline: true,
            long_options: true,
            insecure: true,
            timeout_request: Some(Duration::from_millis(2500)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        e.text,
        "# Users / Create user\n\
         curl https://api.example.com/v1/users \\\n  \
         --header 'Content-Type: application/json' \\\n  \
         --header 'Authorization: Bearer T0K' \\\n  \
         --header 'User-Agent: postie/0.1.0' \\\n  \
         --header 'Accept: */*' \\\n  \
         --data-binary $'{\\n  \"name\": \"O\\'Brien {{suffix}}\",\\n  \"cost\": \"$5 & 100%\"\\n}' \\\n  \
         --location \\\n  \
         --max-redirs 10 \\\n  \
         --insecure \\\n  \
         --max-time 2.5 \\\n  \
         --http1.1\n"
    );
}

#[test]
fn powershell_script() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            shell: postie::export::Shell::Pwsh,
            multiline: true,
            redact: true,
            folders: vec!["Create user".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        e.text,
        "# curl commands exported by postie 0.1.0 from \"Small\".\n\
         # Each command sends the request that `postie run` sends.\n\
         # Needs PowerShell 7.3 or later, which passes arguments to curl.exe as written.\n\
         $PSNativeCommandArgumentPassing = 'Standard'\n\
         # Placeholders: set these environment variables before running.\n\
         # Their values are inserted as they are: URL-encode those used in a URL.\n\
         #   $env:TOKEN: {{token}}, used by bearer auth\n\
         \n\
         # Users / Create user\n\
         curl.exe https://api.example.com/v1/users `\n  \
         -H 'Content-Type: application/json' `\n  \
         -H \"Authorization: Bearer ${env:TOKEN}\" `\n  \
         -H 'User-Agent: postie/0.1.0' `\n  \
         -H 'Accept: */*' `\n  \
         --data-binary \"{`n  `\"name`\": `\"O'Brien {{suffix}}`\",`n  `\"cost`\": `\"`$5 & 100%`\"`n}\" `\n  \
         -L `\n  \
         --max-redirs 10 `\n  \
         --http1.1\n"
    );
}

#[test]
fn cmd_script_spills_line_breaks_to_a_file() {
    let e = export(
        &small_collection(),
        &small_scopes(),
        &ExportOptions {
            shell: postie::export::Shell::Cmd,
            folders: vec!["Users".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let body = "{\n  \"name\": \"O'Brien {{suffix}}\",\n  \"cost\": \"$5 & 100%\"\n}";
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(body);
    let expected = format!(
        "@echo off\n\
         rem curl commands exported by postie 0.1.0 from \"Small\".\n\
         rem Each command sends the request that `postie run` sends. Save this file as UTF-8.\n\
         setlocal DisableDelayedExpansion\n\
         chcp 65001 >nul\n\
         \n\
         rem Users / List users\n\
         curl.exe ^\"https://api.example.com/v1/users?page=2^&q=it%%27s^\" -H ^\"Authorization: Bearer T0K^\" -H ^\"User-Agent: postie/0.1.0^\" -H ^\"Accept: */*^\" -L --max-redirs 10 --http1.1\n\
         \n\
         rem Users / Create user\n\
         set \"POSTIE_BODY_1=%TEMP%\\postie-POSTIE_BODY_1\"\n\
         (\n\
         echo {}\n\
         echo {}\n\
         ) > \"%POSTIE_BODY_1%.b64\"\n\
         certutil -f -decode \"%POSTIE_BODY_1%.b64\" \"%POSTIE_BODY_1%\" >nul\n\
         curl.exe https://api.example.com/v1/users -H ^\"Content-Type: application/json^\" -H ^\"Authorization: Bearer T0K^\" -H ^\"User-Agent: postie/0.1.0^\" -H ^\"Accept: */*^\" --data-binary ^\"@%POSTIE_BODY_1%^\" -L --max-redirs 10 --http1.1\n",
        &b64[..64],
        &b64[64..]
    );
    assert_eq!(e.text, expected);
}
