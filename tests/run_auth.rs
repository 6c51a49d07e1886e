//! Signed auth types through `postie run` against a local server that checks
//! each signature itself, from what it received (method, host, path, query,
//! body), with its own copy of the secret.

mod support;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use support::server::{Received, Reply, TestServer};

fn run(doc: Value, server: &TestServer) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let ran = support::run::against(dir.path(), &doc, &server.base, &[]);
    (ran.code, ran.stdout + &ran.stderr)
}

fn params(pairs: &[(&str, &str)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(k, v)| json!({"key": k, "value": v, "type": "string"}))
            .collect(),
    )
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn hmac_sha1(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

/// RFC 3986 unreserved characters stay, everything else is %XX.
fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn unpct(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// `k="v"` pairs of an auth header after its scheme.
fn header_fields(value: &str, scheme: &str) -> Vec<(String, String)> {
    value
        .trim_start_matches(scheme)
        .split(',')
        .filter_map(|p| p.trim().split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string()))
        .collect()
}

/// Checks an OAuth 1.0 HMAC-SHA1 request as RFC 5849 says a server does.
fn oauth1_valid(r: &Received, host: &str) -> bool {
    let Some(auth) = r.header("authorization") else {
        return false;
    };
    let fields: Vec<(String, String)> = header_fields(auth, "OAuth ")
        .into_iter()
        .map(|(k, v)| (unpct(&k), unpct(&v)))
        .collect();
    let sig = fields
        .iter()
        .find(|(k, _)| k == "oauth_signature")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut all: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(k, _)| k != "oauth_signature" && k != "realm")
        .collect();
    all.extend(r.query().split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (unpct(k), unpct(v))
    }));
    let mut enc: Vec<String> = all
        .iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect();
    enc.sort();
    let base = format!(
        "{}&{}&{}",
        r.method,
        pct(&format!("http://{host}{}", r.path())),
        pct(&enc.join("&"))
    );
    b64(&hmac_sha1(b"cs&ts", base.as_bytes())) == sig
}

#[test]
fn oauth1_hmac_sha1_is_accepted_by_a_verifying_server() {
    let server = TestServer::start(|r| {
        let host = r.header("host").unwrap_or_default().to_string();
        if oauth1_valid(r, &host) {
            Reply::json(200, json!({"ok": true}))
        } else {
            Reply::text(401, "bad signature")
        }
    })
    .expect(1);
    let doc = json!({"info": {"name": "o"}, "item": [{"name": "o", "request": {
        "method": "GET", "url": "{{base}}/photos?size=original&file=vacation jpg",
        "auth": {"type": "oauth1", "oauth1": params(&[
            ("signatureMethod", "HMAC-SHA1"), ("addParamsToHeader", "true"),
            ("consumerKey", "ck"), ("consumerSecret", "cs"), ("token", "tk"),
            ("tokenSecret", "ts"), ("version", "1.0")])}}}]});
    let (code, out) = run(doc, &server);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("[200 OK"),
        "the server accepted the signature: {out}"
    );
    let r = &server.requests()[0];
    let auth = r.header("authorization").unwrap();
    // Nonce and timestamp were made up: 11 letters or digits, about now.
    let fields = header_fields(auth, "OAuth ");
    let nonce = &fields.iter().find(|(k, _)| k == "oauth_nonce").unwrap().1;
    assert_eq!(nonce.len(), 11, "{auth}");
    assert!(
        !out.contains("not supported"),
        "no warning for a supported auth: {out}"
    );
}

#[test]
fn oauth1_parameters_go_into_a_urlencoded_post_body() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(1);
    let doc = json!({"info": {"name": "o"}, "item": [{"name": "o", "request": {
        "method": "POST", "url": "{{base}}/post",
        "body": {"mode": "urlencoded", "urlencoded": [{"key": "field", "value": "v w"}]},
        "auth": {"type": "oauth1", "oauth1": params(&[
            ("signatureMethod", "PLAINTEXT"), ("consumerKey", "ck"), ("consumerSecret", "c s"),
            ("timestamp", "1700000000"), ("nonce", "n1")])}}}]});
    let (code, out) = run(doc, &server);
    assert_eq!(code, 0, "{out}");
    let r = &server.requests()[0];
    assert_eq!(r.header("authorization"), None);
    assert_eq!(
        r.text(),
        "field=v%20w&oauth_consumer_key=ck&oauth_signature_method=PLAINTEXT\
         &oauth_timestamp=1700000000&oauth_nonce=n1&oauth_signature=c%2520s%26"
    );
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

#[test]
fn hawk_mac_with_payload_hash_is_accepted_by_a_verifying_server() {
    use sha2::Digest;
    let server = TestServer::start(|r| {
        let auth = r.header("authorization").unwrap_or_default();
        let f: std::collections::HashMap<String, String> =
            header_fields(auth, "Hawk ").into_iter().collect();
        let host = r.header("host").unwrap_or_default();
        let (name, port) = host.split_once(':').unwrap();
        let mut payload = b"hawk.1.payload\ntext/plain\n".to_vec();
        payload.extend_from_slice(&r.body);
        payload.push(b'\n');
        let hash = b64(&sha2::Sha256::digest(&payload));
        let normalized = format!(
            "hawk.1.header\n{}\n{}\n{}\n{}\n{name}\n{port}\n{hash}\n{}\n",
            f["ts"], f["nonce"], r.method, r.target, f["ext"]
        );
        let mac = b64(&hmac_sha256(b"hkey", normalized.as_bytes()));
        if f.get("mac") == Some(&mac) && f.get("hash") == Some(&hash) && f["id"] == "hid" {
            Reply::json(200, json!({"ok": true}))
        } else {
            Reply::text(401, "bad mac")
        }
    })
    .expect(1);
    let doc = json!({"info": {"name": "h"}, "item": [{"name": "h", "request": {
        "method": "POST", "url": "{{base}}/post?q=a%20b",
        "header": [{"key": "Content-Type", "value": "text/plain; charset=utf-8"}],
        "body": {"mode": "raw", "raw": "payload"},
        "auth": {"type": "hawk", "hawk": params(&[
            ("authId", "hid"), ("authKey", "hkey"), ("algorithm", "sha256"),
            ("extraData", "ext"), ("includePayloadHash", "true")])}}}]});
    let (code, out) = run(doc, &server);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[200 OK"), "{out}");
}

#[test]
fn jwt_hs256_in_the_header_verifies_and_a_bad_algorithm_is_said_once() {
    let server = TestServer::start(|r| {
        let auth = r.header("authorization").unwrap_or_default();
        let Some(token) = auth.strip_prefix("JWT ") else {
            return Reply::text(401, "no token");
        };
        let (input, sig) = token.rsplit_once('.').unwrap();
        let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(hmac_sha256(b"k", input.as_bytes()));
        let (header, _) = input.split_once('.').unwrap();
        let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(header)
            .unwrap();
        if sig == expected && header == br#"{"typ":"JWT","alg":"HS256"}"# {
            Reply::json(200, json!({}))
        } else {
            Reply::text(401, "bad token")
        }
    })
    .expect(2);
    let jwt = |alg: &str| {
        json!({"type": "jwt", "jwt": params(&[("algorithm", alg), ("secret", "k"),
            ("header", "{\"typ\":\"JWT\"}"), ("payload", "{\"sub\":\"1\"}"), ("headerPrefix", "JWT")])})
    };
    let doc = json!({"info": {"name": "j"}, "item": [
        {"name": "good", "request": {"method": "GET", "url": "{{base}}/a", "auth": jwt("HS256")}},
        {"name": "bad", "request": {"method": "GET", "url": "{{base}}/b", "auth": jwt("XX")}}]});
    let (code, out) = run(doc, &server);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("/a [200 OK"), "{out}");
    // Console lines are cut to newman's width (54 columns in a pipe).
    assert!(
        support::report::console_joined(&out)
            .contains("runtime~jwt.auth: could not sign the request: invalid algorithm"),
        "{out}"
    );
    assert_eq!(server.requests()[1].header("authorization"), None);
}

#[test]
fn digest_with_realm_and_nonce_given_answers_in_the_first_request() {
    use md5::{Digest, Md5};
    let server = TestServer::start(|r| {
        let auth = r.header("authorization").unwrap_or_default();
        let f: std::collections::HashMap<String, String> =
            header_fields(auth, "Digest ").into_iter().collect();
        let hex = |s: String| format!("{:x}", Md5::digest(s.as_bytes()));
        let ha1 = hex("u:r@h:p".to_string());
        let ha2 = hex(format!("GET:{}", r.target));
        let expected = hex(format!("{ha1}:n0:00000001:c1:auth:{ha2}"));
        if f.get("response") == Some(&expected)
            && f.get("uri").map(String::as_str) == Some(&r.target)
        {
            Reply::json(200, json!({}))
        } else {
            Reply::text(401, "bad digest")
        }
    })
    .expect(1);
    let doc = json!({"info": {"name": "d"}, "item": [{"name": "d", "request": {
        "method": "GET", "url": "{{base}}/d?x=1",
        "auth": {"type": "digest", "digest": params(&[
            ("username", "u"), ("password", "p"), ("realm", "r@h"), ("nonce", "n0"),
            ("qop", "auth"), ("nonceCount", "00000001"), ("clientNonce", "c1")])}}}]});
    let (code, out) = run(doc, &server);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("/d?x=1 [200 OK"), "{out}");
}

/// The cli's request lines (`  GET http://… [200 OK, …]`), in order.
fn request_lines(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("GET http://"))
        .collect()
}

/// What each entry of the JSON report's `run.executions` answered.
fn execution_codes(report: &Value) -> Vec<u64> {
    report["run"]["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["response"]["code"].as_u64().unwrap())
        .collect()
}

/// A test script that says what it sees, and one assertion.
fn seeing_script() -> Value {
    json!([{"listen": "test", "script": {"exec": [
        "console.log('seen', pm.response.code, (pm.request.headers.get('Authorization') || 'none').split(' ')[0]);",
        "pm.test('answered', function () { pm.response.to.have.status(200); });"
    ]}}])
}

#[test]
fn each_round_trip_of_a_digest_challenge_is_a_request_of_its_own() {
    let server = TestServer::start(|r| match r.header("authorization") {
        Some(a) if a.starts_with("Digest username=\"u\"") => Reply::json(200, json!({"in": true})),
        _ => Reply::text(401, "who are you").header(
            "WWW-Authenticate",
            "Digest realm=\"r\", nonce=\"n0\", qop=\"auth\"",
        ),
    })
    .expect(2);
    let doc = json!({"info": {"name": "digest"}, "item": [{"name": "d", "event": seeing_script(),
        "request": {"method": "GET", "url": "{{base}}/d",
        "auth": {"type": "digest", "digest": params(&[("username", "u"), ("password", "p")])}}}]});
    let dir = tempfile::tempdir().unwrap();
    let base = format!("base={}", server.base);
    let ran = support::run::with_json_report(dir.path(), &doc, &["--env-var", &base]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let lines = request_lines(&ran.stdout);
    assert_eq!(lines.len(), 2, "{}", ran.stdout);
    assert!(
        lines[0].contains("/d [401 Unauthorized, "),
        "{}",
        ran.stdout
    );
    assert!(lines[1].contains("/d [200 OK, "), "{}", ran.stdout);
    // The test script ran once, on the last answer, and saw the request that got it.
    let out = support::report::console_joined(&ran.stdout);
    assert_eq!(out.matches("'seen'").count(), 1, "{out}");
    assert!(out.contains("'seen', 200, 'Digest'"), "{out}");
    let run = &ran.report["run"];
    assert_eq!(run["stats"]["requests"]["total"], 2);
    assert_eq!(run["stats"]["requests"]["failed"], 0);
    assert_eq!(run["stats"]["assertions"]["total"], 1);
    assert_eq!(execution_codes(&ran.report), [401, 200]);
    // "who are you" (11 bytes) and the JSON body.
    assert_eq!(
        run["transfers"]["responseTotal"],
        11 + json!({"in": true}).to_string().len()
    );
}

#[test]
fn each_round_trip_of_an_ntlm_handshake_is_a_request_of_its_own() {
    let message_type = |r: &Received| -> Option<u8> {
        let m = r.header("authorization")?.strip_prefix("NTLM ")?;
        base64::engine::general_purpose::STANDARD
            .decode(m)
            .ok()?
            .get(8)
            .copied()
    };
    let server = TestServer::start(move |r| match message_type(r) {
        None => Reply::text(401, "").header("WWW-Authenticate", "NTLM"),
        Some(1) => Reply::text(401, "").header(
            "WWW-Authenticate",
            "NTLM TlRMTVNTUAACAAAAAAAAACgAAAAFAgAAASNFZ4mrze8AAAAAAAAAAA==",
        ),
        Some(3) => Reply::json(200, json!({"in": true})),
        Some(_) => Reply::text(400, "not an NTLM message"),
    })
    .expect(3);
    let doc = json!({"info": {"name": "ntlm"}, "item": [{"name": "n", "event": seeing_script(),
        "request": {"method": "GET", "url": "{{base}}/n",
        "auth": {"type": "ntlm", "ntlm": params(&[("username", "u"), ("password", "p"), ("domain", "D")])}}}]});
    let dir = tempfile::tempdir().unwrap();
    let base = format!("base={}", server.base);
    let ran = support::run::with_json_report(dir.path(), &doc, &["--env-var", &base]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let received = server.requests();
    assert_eq!(
        received.iter().map(message_type).collect::<Vec<_>>(),
        [None, Some(1), Some(3)]
    );
    assert!(
        received
            .iter()
            .all(|r| r.connection == received[0].connection),
        "NTLM authenticates a connection: the handshake stays on one"
    );
    let lines = request_lines(&ran.stdout);
    assert_eq!(lines.len(), 3, "{}", ran.stdout);
    assert!(
        lines[0].contains("/n [401 Unauthorized, "),
        "{}",
        ran.stdout
    );
    assert!(
        lines[1].contains("/n [401 Unauthorized, "),
        "{}",
        ran.stdout
    );
    assert!(lines[2].contains("/n [200 OK, "), "{}", ran.stdout);
    let out = support::report::console_joined(&ran.stdout);
    assert_eq!(out.matches("'seen'").count(), 1, "{out}");
    assert!(out.contains("'seen', 200, 'NTLM'"), "{out}");
    let run = &ran.report["run"];
    assert_eq!(run["stats"]["requests"]["total"], 3);
    assert_eq!(run["stats"]["assertions"]["total"], 1);
    assert_eq!(execution_codes(&ran.report), [401, 401, 200]);
    // Every entry is the same execution: its one assertion, its cursor.
    let executions = run["executions"].as_array().unwrap();
    for e in executions {
        assert_eq!(e["assertions"].as_array().unwrap().len(), 1);
        assert_eq!(e["cursor"]["ref"], executions[0]["cursor"]["ref"]);
    }
}

/// newman's JUnit counts an assertion that failed once as failed once per
/// round trip of the handshake (its report entries of an execution are one
/// object); postie counts it once, in the run's JUnit and in the one
/// `merge-reports` writes from the run's JSON report.
#[test]
fn a_handshake_counts_once_in_junit_and_in_merged_junit() {
    let server = TestServer::start(|r| match r.header("authorization") {
        Some(a) if a.starts_with("Digest ") => Reply::json(200, json!({})),
        _ => Reply::text(401, "").header("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n0\""),
    })
    .expect(2);
    let doc = json!({"info": {"name": "digest"}, "item": [{"name": "d", "id": "d-1",
        "event": [{"listen": "test", "script": {"exec": [
            "pm.test('created', function () { pm.response.to.have.status(201); });"
        ]}}],
        "request": {"method": "GET", "url": "{{base}}/d",
        "auth": {"type": "digest", "digest": params(&[("username", "u"), ("password", "p")])}}}]});
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.json"), doc.to_string()).unwrap();
    let out = support::postie()
        .current_dir(dir.path())
        .args([
            "run",
            "c.json",
            "--env-var",
            &format!("base={}", server.base),
        ])
        .args(["-r", "json,junit", "--reporter-json-export", "run.json"])
        .args(["--reporter-junit-export", "run.xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the assertion fails");
    let merged = support::postie()
        .current_dir(dir.path())
        .args(["merge-reports", "run.json", "-r", "junit"])
        .args(["--reporter-junit-export", "merged.xml"])
        .output()
        .unwrap();
    assert_eq!(
        merged.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let times = regex::Regex::new(r#" time="[0-9.]+""#).unwrap();
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        times.replace_all(&text, "").into_owned()
    };
    let (single, merged) = (read("run.xml"), read("merged.xml"));
    assert!(
        single.contains("tests=\"1\" failures=\"1\" errors=\"0\"")
            && single.contains("Failed 1 times."),
        "{single}"
    );
    assert_eq!(single, merged);
}
