//! Secrets stay out of every output a human or CI reads. A run sends secrets
//! in basic auth, bearer headers, an API key, query strings and bodies, logs
//! them from scripts, and captures tokens from the local server's token
//! response; then every output (stdout, stderr, the JSON and JUnit reports) is
//! searched for each secret, raw, percent-encoded and base64-encoded, and none
//! is found. The exported environment keeps the real values, and `--no-mask`
//! shows them.

mod support;

use base64::Engine;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use std::path::Path;
use support::report::{executions, read_json};
use support::run::{output, write_json, Output};
use support::server::{echo, Reply, TestServer};
use support::{env_value, postie};

const CLIENT_ID: &str = "postie-client";
const CLIENT_SECRET: &str = "cs+S3cr/et=Va lue";
const PASSWORD: &str = "pa55 w0rd&more";
const API_KEY: &str = "apikey-Literal-7f3a";
const HEADER_KEY: &str = "hdr-Key-91bc2";
const OTP: &str = "otp-Only-By-Flag-5521";
const DATA_PASSWORD: &str = "data-Pw-From-CSV";
// Handed out by the server's token endpoint: postie only learns them there.
const ACCESS_TOKEN: &str = "eyJhbGciOi.access+tok/en=";
const REFRESH_TOKEN: &str = "refresh-Tok-3e8f1";
const ID_TOKEN: &str = "id-Tok-Only-In-Response";
// Made by a script from the response and kept under a credential's name: only
// the variables tell postie it is secret.
const SCRIPT_SECRET: &str = "made-By-Script-3600";

fn server() -> TestServer {
    TestServer::start(|r| match r.path() {
        "/oauth/token" => Reply::json(
            200,
            json!({"access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN,
                   "id_token": ID_TOKEN, "token_type": "Bearer", "expires_in": 3600}),
        ),
        _ => Reply::json(200, echo(r)),
    })
}

fn collection(base: &str) -> Value {
    let test = |lines: &[&str]| json!([{"listen": "test", "script": {"exec": lines}}]);
    json!({
        "info": {"name": "Secrets"},
        "item": [
            {"name": "token", "request": {
                "method": "POST", "url": format!("{base}/oauth/token"),
                "auth": {"type": "basic", "basic": [
                    {"key": "username", "value": "{{client_id}}"},
                    {"key": "password", "value": "{{client_secret}}"}]},
                "body": {"mode": "urlencoded", "urlencoded": [
                    {"key": "grant_type", "value": "password"},
                    {"key": "username", "value": "bob"},
                    {"key": "password", "value": "{{userPassword}}"}]}},
             "event": test(&[
                 "const j = pm.response.json();",
                 "pm.environment.set('accessToken', j.access_token);",
                 // Captured under a name that says nothing: the response said it was a token.
                 "pm.environment.set('rt', j.refresh_token);",
                 "pm.environment.set('sessionSecret', 'made-By-Script-' + j.expires_in);",
                 "console.log('made', pm.environment.get('sessionSecret'));",
                 "console.log('got', j.access_token, j.id_token);",
                 "console.log(encodeURIComponent(j.access_token), CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(j.refresh_token)));",
                 "pm.test('token is new', () => pm.expect(j.access_token).to.eql('something else'));"
             ])},
            {"name": "me", "request": {
                "method": "GET",
                "url": format!("{base}/api/me?client_secret={{{{client_secret}}}}&otp={{{{otp}}}}&rt={{{{rt}}}}"),
                "header": [{"key": "X-Api-Key", "value": "{{headerKey}}"},
                           {"key": "X-Otp", "value": "{{otp}}"}],
                "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{accessToken}}"}]}},
             "event": test(&[
                 "console.log('secret', pm.environment.get('client_secret'), pm.iterationData.get('password'));",
                 "console.log('made before', pm.environment.get('sessionSecret'));",
                 "pm.test('echo', () => pm.expect(pm.response.json().headers).to.eql({}));"
             ])},
            {"name": "key in query", "request": {
                "method": "POST", "url": format!("{base}/keyed"),
                "auth": {"type": "apikey", "apikey": [
                    {"key": "key", "value": "key"}, {"key": "value", "value": API_KEY},
                    {"key": "in", "value": "query"}]},
                "body": {"mode": "raw", "raw": "{\"password\": \"{{userPassword}}\", \"otp\": \"{{otp}}\"}",
                         "options": {"raw": {"language": "json"}}}},
             "event": test(&["pm.test('body', () => pm.expect(pm.response.text()).to.include('nothing'));"])},
            {"name": "broken", "request": format!("http://exa mple.com/{{{{client_secret}}}}/{{{{accessToken}}}}")}
        ]
    })
}

fn prepare(dir: &Path, base: &str) {
    write_json(dir, "c.json", &collection(base));
    write_json(
        dir,
        "env.json",
        &json!({"name": "E", "values": [
            {"key": "client_id", "value": CLIENT_ID},
            {"key": "client_secret", "value": CLIENT_SECRET},
            {"key": "userPassword", "value": PASSWORD},
            {"key": "headerKey", "value": HEADER_KEY},
            {"key": "otp", "value": OTP}
        ]}),
    );
    std::fs::write(dir.join("data.csv"), format!("password\n{DATA_PASSWORD}\n")).unwrap();
}

/// Every form a secret may take in output.
fn forms(secret: &str) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let encoded = utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string();
    let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let mut out = vec![
        secret.to_string(),
        encoded,
        form,
        b64.encode(secret),
        b64.encode(secret).trim_end_matches('=').to_string(),
        url_safe.encode(secret),
    ];
    // What postie itself sends in a query value: only `+`, `&`, space and the like encoded.
    out.push(
        secret
            .replace('%', "%25")
            .replace('+', "%2B")
            .replace('&', "%26")
            .replace(' ', "%20"),
    );
    out.sort();
    out.dedup();
    out
}

fn secrets() -> Vec<(&'static str, String)> {
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    vec![
        ("client secret", CLIENT_SECRET.to_string()),
        ("password", PASSWORD.to_string()),
        ("api key (literal in the collection)", API_KEY.to_string()),
        ("header key", HEADER_KEY.to_string()),
        ("--secret otp", OTP.to_string()),
        ("data password", DATA_PASSWORD.to_string()),
        ("access token", ACCESS_TOKEN.to_string()),
        ("refresh token", REFRESH_TOKEN.to_string()),
        ("id token", ID_TOKEN.to_string()),
        ("a secret a script made", SCRIPT_SECRET.to_string()),
        ("basic credentials", basic),
    ]
}

fn run(dir: &Path, extra: &[&str]) -> Output {
    output(
        postie()
            .current_dir(dir)
            .args([
                "run",
                "c.json",
                "-e",
                "env.json",
                "-d",
                "data.csv",
                "--verbose",
                "-r",
                "cli,json,junit",
                "--reporter-json-export",
                "report.json",
                "--reporter-junit-export",
                "report.xml",
                "--export-environment",
                "exported.json",
            ])
            .args(extra),
    )
}

/// The JSON report with every response body (`stream.data`, bytes) turned into text,
/// so a secret in a body can be found as text. The file's own text is searched,
/// not the parsed report written out again: a leak is in the bytes on disk.
fn json_report_text(dir: &Path) -> String {
    let path = dir.join("report.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = read_json(&path);
    let mut bodies = String::new();
    for e in executions(&doc) {
        if let Some(bytes) = e["response"]["stream"]["data"].as_array() {
            let raw: Vec<u8> = bytes.iter().map(|b| b.as_u64().unwrap() as u8).collect();
            bodies.push_str(&String::from_utf8_lossy(&raw));
            bodies.push('\n');
        }
    }
    format!("{text}\n{bodies}")
}

#[test]
fn no_secret_in_any_form_reaches_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let server = server();
    prepare(dir.path(), &server.base);
    let Output {
        code,
        stdout,
        stderr,
    } = run(dir.path(), &["--secret", "otp"]);
    assert_eq!(code, 1, "{stdout}{stderr}");

    // The run really used every secret: the server saw each of them.
    let sent = server.requests();
    assert_eq!(sent.len(), 3, "{stdout}");
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(
        sent[0].header("authorization"),
        Some(&*format!("Basic {basic}"))
    );
    assert!(
        sent[0].text().contains("password=pa55%20w0rd%26more"),
        "{}",
        sent[0].text()
    );
    assert_eq!(
        sent[1].header("authorization"),
        Some(&*format!("Bearer {ACCESS_TOKEN}"))
    );
    assert_eq!(sent[1].header("x-api-key"), Some(HEADER_KEY));
    assert_eq!(sent[1].header("x-otp"), Some(OTP));
    let query = sent[1].query_pairs();
    assert!(
        query.contains(&("client_secret".into(), CLIENT_SECRET.into())),
        "{query:?}"
    );
    assert!(
        query.contains(&("rt".into(), REFRESH_TOKEN.into())),
        "{query:?}"
    );
    assert!(sent[2]
        .query_pairs()
        .contains(&("key".into(), API_KEY.into())));
    assert!(sent[2].text().contains(PASSWORD));
    // The scripts logged them and the assertions quote them: masked, not missing,
    // in newman's form of a console line.
    assert!(stdout.contains("'got', '********', '********'"), "{stdout}");
    assert!(
        stdout.contains("'secret', '********', '********'"),
        "{stdout}"
    );
    assert!(stdout.contains("Bearer ********"), "{stdout}");

    let outputs = [
        ("stdout", stdout.clone()),
        ("stderr", stderr.clone()),
        ("JSON report", json_report_text(dir.path())),
        (
            "JUnit report",
            std::fs::read_to_string(dir.path().join("report.xml")).unwrap(),
        ),
    ];
    let mut leaks = Vec::new();
    for (what, secret) in secrets() {
        for form in forms(&secret) {
            for (output, text) in &outputs {
                if text.contains(&form) {
                    leaks.push(format!("{what} as {form:?} in {output}"));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "leaked:\n{}", leaks.join("\n"));

    // The exported environment keeps the real values: it is asked for to be reused.
    let exported = read_json(&dir.path().join("exported.json"));
    assert_eq!(
        env_value(&exported, "accessToken").as_deref(),
        Some(ACCESS_TOKEN)
    );
    assert_eq!(env_value(&exported, "rt").as_deref(), Some(REFRESH_TOKEN));
    assert_eq!(
        env_value(&exported, "client_secret").as_deref(),
        Some(CLIENT_SECRET)
    );
}

#[test]
fn without_the_flag_a_name_postie_does_not_know_is_shown_and_no_mask_shows_all() {
    let dir = tempfile::tempdir().unwrap();
    let server = server();
    prepare(dir.path(), &server.base);
    let stdout = run(dir.path(), &[]).stdout;
    assert!(stdout.contains(OTP), "otp is no credential name: {stdout}");
    assert!(!stdout.contains(ACCESS_TOKEN));

    let stdout = run(dir.path(), &["--no-mask"]).stdout;
    for secret in [ACCESS_TOKEN, CLIENT_SECRET, ID_TOKEN, OTP] {
        assert!(stdout.contains(secret), "{secret}: {stdout}");
    }
    assert!(
        stdout.contains(&format!("Authorization: Bearer {ACCESS_TOKEN}")),
        "{stdout}"
    );
}
