//! `postie run` against a real local server: what the server receives for each
//! part of a request (variables, headers, bodies, auth, cookies, redirects), and
//! what the command prints and returns.

mod support;

use serde_json::{json, Value};
use std::path::PathBuf;
use support::postie;
use support::report::read_json;
use support::server::{Reply, TestServer};

fn collection(dir: &tempfile::TempDir, doc: Value) -> PathBuf {
    let p = dir.path().join("c.postman_collection.json");
    std::fs::write(&p, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    p
}

/// A server answering 200 to everything, that fails the test unless exactly `n`
/// requests reach it.
fn ok_server(n: usize) -> TestServer {
    TestServer::start(|_| Reply::json(200, json!({"ok": true}))).expect(n)
}

fn run(
    dir: &tempfile::TempDir,
    doc: Value,
    server: &TestServer,
    extra: &[&str],
) -> (i32, String, String) {
    let ran = support::run::against(dir.path(), &doc, &server.base, extra);
    (ran.code, ran.stdout, ran.stderr)
}

#[test]
fn variables_resolve_through_scopes_recursively_and_into_every_part() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(1);
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        json!({"name": "E", "values": [
            {"key": "api", "value": "{{base}}/{{version}}", "enabled": true},
            {"key": "version", "value": "v1", "enabled": true},
            {"key": "who", "value": "environment", "enabled": true},
            {"key": "secret", "value": "ab+c/d=&e f", "type": "secret", "enabled": true},
            {"key": "off", "value": "disabled-value", "enabled": false}
        ]})
        .to_string(),
    )
    .unwrap();
    let globals = dir.path().join("globals.json");
    std::fs::write(
        &globals,
        json!({"name": "G", "values": [
            {"key": "who", "value": "globals", "enabled": true},
            {"key": "g", "value": "from-globals", "enabled": true}
        ]})
        .to_string(),
    )
    .unwrap();
    let doc = json!({
        "info": {"name": "vars", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "c", "value": "from-collection"}, {"key": "who", "value": "collection"}],
        "item": [{"name": "r", "request": {
            "method": "POST",
            "url": {"raw": "{{api}}/users/:id?who={{who}}&g={{g}}&s={{secret}}&lit=a+b", "host": ["{{api}}"], "path": ["users", ":id"],
                    "query": [{"key": "who", "value": "{{who}}"}, {"key": "g", "value": "{{g}}"}, {"key": "skip", "value": "1", "disabled": true},
                              {"key": "s", "value": "{{secret}}"}, {"key": "lit", "value": "a+b"}],
                    "variable": [{"key": "id", "value": "{{c}}"}]},
            "header": [{"key": "X-Who", "value": "{{who}}"}, {"key": "X-Off", "value": "{{off}}"}, {"key": "X-Disabled", "value": "x", "disabled": true}],
            "body": {"mode": "raw", "raw": "{\"c\": \"{{c}}\", \"d\": \"{{$guid}}\"}", "options": {"raw": {"language": "json"}}}
        }}]
    });
    let c = collection(&dir, doc);
    let out = postie()
        .arg("run")
        .arg(&c)
        .arg("-e")
        .arg(&env)
        .arg("-g")
        .arg(&globals)
        .args(["--env-var", &format!("base={}", server.base)])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let r = &server.requests()[0];
    // A value from a variable keeps its '+' and '&' (percent-encoded); '+' typed in
    // the URL is sent as written.
    assert_eq!(
        r.target,
        "/v1/users/from-collection?who=environment&g=from-globals&s=ab%2Bc/d=%26e%20f&lit=a+b"
    );
    assert!(r
        .query_pairs()
        .contains(&("s".to_string(), "ab+c/d=&e f".to_string())));
    assert_eq!(r.header("x-who"), Some("environment"));
    assert_eq!(
        r.header("x-off"),
        Some("{{off}}"),
        "a disabled variable does not resolve"
    );
    assert_eq!(r.header("x-disabled"), None);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let body: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["c"], "from-collection");
    assert_eq!(body["d"].as_str().unwrap().len(), 36);
    // The unresolved name is reported with where it was used.
    assert!(
        stdout.contains(
            "\n  ⚠ unresolved variable {{off}} in header X-Off (disabled in the environment)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn strict_vars_fails_the_request_instead_of_sending_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(0);
    let doc = json!({"info": {"name": "s"}, "item": [{"name": "r", "request": {"method": "GET", "url": "{{base}}/x/{{nope}}"}}]});
    let (code, stdout, _) = run(&dir, doc, &server, &["--strict-vars"]);
    assert_eq!(code, 1);
    assert!(server.requests().is_empty());
    assert!(
        stdout.contains("\n     unresolved variables (--strict-vars): {{nope}} in url\n"),
        "{stdout}"
    );
}

/// A body file that cannot be read stops the request before it is sent; the cli still
/// shows the request as resolved, like any other failed request, but it is not
/// counted as a request that went out.
#[test]
fn an_unreadable_body_file_fails_the_request_shown_with_its_resolved_url() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(0);
    let doc = json!({"info": {"name": "f"}, "item": [{"name": "upload", "request": {
        "method": "POST", "url": "{{base}}/upload/{{id}}",
        "body": {"mode": "file", "file": {"src": "no-such-body-file.txt"}}}}]});
    let report = dir.path().join("report.json");
    let (code, stdout, _) = run(
        &dir,
        doc,
        &server,
        &[
            "--env-var",
            "id=42",
            "-r",
            "cli,json",
            "--reporter-json-export",
            report.to_str().unwrap(),
        ],
    );
    let report = read_json(&report);
    let run = &report["run"];
    assert_eq!(run["stats"]["requests"]["total"], 0, "{}", run["stats"]);
    assert_eq!(run["failures"].as_array().unwrap().len(), 1);
    let execution = &run["executions"][0];
    assert_eq!(execution["request"]["url"]["path"], json!(["upload", "42"]));
    assert!(
        !execution["request"]["header"]
            .to_string()
            .contains("Postman-Token"),
        "no headers of a request that was sent: {execution}"
    );
    assert!(execution.get("response").is_none());
    let row: Vec<&str> = stdout
        .lines()
        .find(|l| l.contains(" requests "))
        .unwrap()
        .split('│')
        .map(str::trim)
        .collect();
    assert_eq!(row[1..4], ["requests", "0", "1"], "{stdout}");
    assert_eq!(code, 1, "{stdout}");
    assert!(server.requests().is_empty());
    let joined = support::report::console_joined(&stdout);
    assert!(
        joined.contains(&format!("  POST {}/upload/42 [errored]", server.base)),
        "{stdout}"
    );
    assert!(!stdout.contains("{{base}}"), "{stdout}");
    assert!(joined.contains("no-such-body-file.txt"), "{stdout}");
}

#[test]
fn headers_defaults_and_explicit_ones() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(2);
    let doc = json!({"info": {"name": "h"},
    "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "collection-token"}]},
    "item": [
        {"name": "explicit", "request": {"method": "GET", "url": "{{base}}/a",
            "header": [{"key": "Authorization", "value": "Bearer explicit"}, {"key": "Host", "value": "openam", "disabled": true}]}},
        {"name": "defaults", "request": {"method": "GET", "url": "{{base}}/b"}}
    ]});
    let (code, stdout, _) = run(&dir, doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let reqs = server.requests();
    // The auth's header replaces the written one, as newman's authorizers do.
    assert_eq!(
        reqs[0].headers_named("authorization"),
        vec!["Bearer collection-token"]
    );
    assert_eq!(
        reqs[0].header("host"),
        Some(format!("127.0.0.1:{}", server.port).as_str())
    );
    assert_eq!(
        reqs[1].header("authorization"),
        Some("Bearer collection-token")
    );
    assert_eq!(
        reqs[1].header("user-agent"),
        Some(concat!("postie/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(reqs[1].header("accept"), Some("*/*"));
}

#[test]
fn auth_is_inherited_from_folders_and_stopped_by_noauth() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(6);
    let doc = json!({"info": {"name": "auth"},
    "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "top"}]},
    "item": [
        {"name": "F", "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{user}}"}, {"key": "password", "value": "p:ss"}]},
         "item": [
            {"name": "inherits folder", "request": {"method": "GET", "url": "{{base}}/1"}},
            {"name": "explicit inherit", "request": {"method": "GET", "url": "{{base}}/2", "auth": {"type": "inherit"}}},
            {"name": "noauth", "request": {"method": "GET", "url": "{{base}}/3", "auth": {"type": "noauth"}}},
            {"name": "apikey query", "request": {"method": "GET", "url": "{{base}}/4", "auth": {"type": "apikey", "apikey": [
                {"key": "key", "value": "api_key"}, {"key": "value", "value": "k+1"}, {"key": "in", "value": "query"}]}}},
            {"name": "apikey header v2.0", "request": {"method": "GET", "url": "{{base}}/5", "auth": {"type": "apikey", "apikey": {"key": "X-Key", "value": "v"}}}}
         ]},
        {"name": "collection level", "request": {"method": "GET", "url": "{{base}}/6"}}
    ]});
    let (code, stdout, _) = run(&dir, doc, &server, &["--env-var", "user=alice"]);
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    let basic = "Basic YWxpY2U6cDpzcw=="; // alice:p:ss
    assert_eq!(r[0].header("authorization"), Some(basic));
    // `inherit` is no auth type newman knows: sent without auth, with its warning.
    assert_eq!(r[1].header("authorization"), None);
    assert!(
        support::report::console_joined(&stdout)
            .contains("'runtime: could not find a handler for auth: inherit'"),
        "{stdout}"
    );
    assert_eq!(r[2].header("authorization"), None);
    assert_eq!(r[3].target, "/4?api_key=k%2B1");
    assert_eq!(r[4].header("x-key"), Some("v"));
    assert_eq!(r[5].header("authorization"), Some("Bearer top"));
}

#[test]
fn every_body_mode_is_sent_as_postman_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("upload.txt"), b"file-bytes\n").unwrap();
    let server = ok_server(7);
    let doc = json!({"info": {"name": "bodies"}, "item": [
        {"name": "urlencoded", "request": {"method": "POST", "url": "{{base}}/u", "body": {"mode": "urlencoded", "urlencoded": [
            {"key": "a", "value": "1 2&3"}, {"key": "off", "value": "x", "disabled": true}, {"key": "b", "value": "{{v}}"}]}}},
        {"name": "formdata", "request": {"method": "POST", "url": "{{base}}/f", "body": {"mode": "formdata", "formdata": [
            {"key": "text", "value": "hello", "type": "text"}, {"key": "doc", "type": "file", "src": "upload.txt"}]}}},
        {"name": "file", "request": {"method": "PUT", "url": "{{base}}/file", "body": {"mode": "file", "file": {"src": "upload.txt"}}}},
        {"name": "graphql", "request": {"method": "POST", "url": "{{base}}/g", "body": {"mode": "graphql", "graphql": {"query": "{ me { id } }", "variables": "{\"n\": {{n}}}"}}}},
        {"name": "get pruned", "request": {"method": "GET", "url": "{{base}}/p", "body": {"mode": "raw", "raw": "dropped"}}},
        {"name": "get kept", "protocolProfileBehavior": {"disableBodyPruning": true}, "request": {"method": "GET", "url": "{{base}}/k", "body": {"mode": "raw", "raw": "kept"}}},
        {"name": "disabled body", "request": {"method": "POST", "url": "{{base}}/d", "body": {"mode": "raw", "raw": "nope", "disabled": true}}}
    ]});
    let (code, stdout, _) = run(
        &dir,
        doc,
        &server,
        &[
            "--env-var",
            "v=x y",
            "--env-var",
            "n=5",
            "--working-dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    assert_eq!(r[0].text(), "a=1%202%263&b=x%20y");
    assert_eq!(
        r[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let ct = r[1].header("content-type").unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let body = r[1].text();
    assert!(
        body.contains("Content-Disposition: form-data; name=\"text\"\r\n\r\nhello\r\n"),
        "{body}"
    );
    assert!(body.contains("name=\"doc\"; filename=\"upload.txt\"\r\nContent-Type: text/plain\r\n\r\nfile-bytes\n\r\n"), "{body}");
    assert_eq!(r[2].body, b"file-bytes\n");
    let g: Value = serde_json::from_slice(&r[3].body).unwrap();
    assert_eq!(g, json!({"query": "{ me { id } }", "variables": {"n": 5}}));
    assert!(r[4].body.is_empty());
    assert_eq!(r[5].text(), "kept");
    assert!(r[6].body.is_empty());
}

#[test]
fn cookies_set_by_responses_go_back_and_merge_with_an_explicit_header() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|r| {
        if r.path() == "/login" {
            Reply::json(200, json!({})).header("Set-Cookie", "session=abc; Path=/")
        } else {
            Reply::json(200, json!({}))
        }
    })
    .expect(4);
    let doc = json!({"info": {"name": "cookies"}, "item": [
        {"name": "login", "request": {"method": "POST", "url": "{{base}}/login"}},
        {"name": "jar only", "request": {"method": "GET", "url": "{{base}}/a"}},
        {"name": "merged", "request": {"method": "GET", "url": "{{base}}/b", "header": [{"key": "Cookie", "value": "extra=1"}]}},
        {"name": "no cookies", "protocolProfileBehavior": {"disableCookies": true}, "request": {"method": "GET", "url": "{{base}}/c"}}
    ]});
    let jar = dir.path().join("jar.json");
    let (code, stdout, _) = run(
        &dir,
        doc,
        &server,
        &["--export-cookie-jar", jar.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    assert_eq!(r[1].header("cookie"), Some("session=abc"));
    assert_eq!(r[2].header("cookie"), Some("extra=1; session=abc"));
    assert_eq!(r[3].header("cookie"), None);
    let exported = read_json(&jar);
    assert_eq!(exported["cookies"][0]["key"], "session");
    assert_eq!(exported["cookies"][0]["value"], "abc");
}

#[test]
fn redirects_are_followed_unless_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|r| match r.path() {
        "/start" => Reply::text(302, "").header("Location", "/end?code=42"),
        "/loop" => Reply::text(302, "").header("Location", "/loop"),
        _ => Reply::json(200, json!({"at": r.target})),
    })
    .expect(7);
    let doc = json!({"info": {"name": "redirects"}, "item": [
        {"name": "follow", "request": {"method": "GET", "url": "{{base}}/start"}},
        {"name": "per request off", "protocolProfileBehavior": {"followRedirects": false}, "request": {"method": "GET", "url": "{{base}}/start"}},
        {"name": "loop", "protocolProfileBehavior": {"maxRedirects": 3}, "request": {"method": "GET", "url": "{{base}}/loop"}}
    ]});
    let (code, stdout, _) = run(&dir, doc.clone(), &server, &[]);
    assert_eq!(code, 1, "the redirect loop is a request error: {stdout}");
    let paths: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    // Followed; not followed; the loop: the first request and three redirects.
    assert_eq!(
        paths,
        [
            "/start",
            "/end?code=42",
            "/start",
            "/loop",
            "/loop",
            "/loop",
            "/loop"
        ]
    );
    // newman's words, naming the URL whose redirect went over the limit.
    let console = support::report::console_joined(&stdout);
    assert!(
        console
            .contains("Exceeded maxRedirects. Probably stuck in a redirect loop http://127.0.0.1:"),
        "{stdout}"
    );

    let server2 = TestServer::start(|r| match r.path() {
        "/start" => Reply::text(302, "").header("Location", "/end"),
        _ => Reply::json(200, json!({})),
    })
    .expect(1);
    let only_first = json!({"info": {"name": "r"}, "item": [doc["item"][0].clone()]});
    let (code, _, _) = run(&dir, only_first, &server2, &["--ignore-redirects"]);
    assert_eq!(code, 0);
    assert_eq!(server2.requests()[0].target, "/start");
}

#[test]
fn a_redirected_request_goes_out_as_newman_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|r| match r.path() {
        "/a/b/start" => Reply::text(301, "").header("Location", "../end?x=1"),
        "/see-other" => Reply::text(303, "").header("Location", "/end"),
        "/keep" => Reply::text(307, "").header("Location", "/end"),
        // An answer to HEAD has no body.
        _ if r.method == "HEAD" => Reply::text(200, ""),
        _ => Reply::json(200, json!({})),
    })
    .expect(6);
    let doc = json!({"info": {"name": "redirects"}, "item": [
        {"name": "put", "request": {"method": "PUT", "url": "{{base}}/a/b/start",
            "header": [{"key": "X-Mine", "value": "1"}, {"key": "Content-Type", "value": "text/plain"}],
            "body": {"mode": "raw", "raw": "payload"}}},
        {"name": "head", "request": {"method": "HEAD", "url": "{{base}}/see-other"}},
        {"name": "post 307", "request": {"method": "POST", "url": "{{base}}/keep",
            "body": {"mode": "raw", "raw": "kept"}}}
    ]});
    let (code, stdout, _) = run(&dir, doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    let names = |i: usize| -> Vec<String> { r[i].headers.iter().map(|(k, _)| k.clone()).collect() };
    let referer = |path: &str| format!("{}{path}", server.base);
    // Any method becomes GET without its body after a 301; the location is joined
    // as text, its `..` kept; `Referer` then `Host` go last, as postman-request adds them.
    assert_eq!(
        (r[1].method.as_str(), r[1].target.as_str()),
        ("GET", "/a/b/../end?x=1")
    );
    assert!(r[1].body.is_empty());
    assert_eq!(r[1].header("content-type"), None);
    assert_eq!(r[1].header("content-length"), None);
    assert_eq!(r[1].header("x-mine"), Some("1"));
    assert_eq!(r[1].header("referer"), Some(referer("/a/b/start").as_str()));
    assert_eq!(
        names(1)[names(1).len() - 3..],
        ["Connection", "Referer", "Host"]
    );
    // HEAD stays HEAD after a 303.
    assert_eq!(
        (r[3].method.as_str(), r[3].target.as_str()),
        ("HEAD", "/end")
    );
    // A 307 keeps the method and the body; the length stays where it was.
    assert_eq!(
        (r[5].method.as_str(), r[5].text()),
        ("POST", "kept".to_string())
    );
    assert_eq!(
        names(5)[names(5).len() - 3..],
        ["Content-Length", "Referer", "Host"]
    );
}

#[test]
fn credentials_follow_a_redirect_to_another_host_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|r| match r.path() {
        "/away" => {
            let to = format!(
                "http://localhost:{}/end",
                r.header("host").unwrap().rsplit(':').next().unwrap()
            );
            Reply::text(302, "").header("Location", &to)
        }
        _ => Reply::json(200, json!({})),
    })
    .expect(4);
    let item = |name: &str, behavior: Value| {
        json!({"name": name, "protocolProfileBehavior": behavior, "request": {"method": "GET", "url": "{{base}}/away",
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "t1"}]},
            "header": [{"key": "Cookie", "value": "mine=1"}]}})
    };
    let doc = json!({"info": {"name": "cross host"}, "item": [
        item("default", json!({})),
        item("kept", json!({"followAuthorizationHeader": true, "removeRefererHeaderOnRedirect": true}))
    ]});
    let (code, stdout, _) = run(&dir, doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    assert_eq!(
        r[1].header("host").map(|h| h.starts_with("localhost:")),
        Some(true)
    );
    assert_eq!(r[1].header("authorization"), None);
    assert_eq!(r[1].header("cookie"), None);
    assert!(r[1].header("referer").is_some());
    assert_eq!(r[3].header("authorization"), Some("Bearer t1"));
    // The request's own cookies stay with the host it named, whatever the flags.
    assert_eq!(r[3].header("cookie"), None);
    assert_eq!(r[3].header("referer"), None);
}

#[test]
fn a_cookie_unset_by_a_script_is_gone_and_set_again_is_sent_as_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::routes().expect(3);
    let doc = json!({"info": {"name": "unset"}, "item": [
        {"name": "set", "request": "{{base}}/cookies/set?a=1&b=2"},
        {"name": "unset, set again", "event": [{"listen": "prerequest", "script": {"exec": [
            "pm.cookies.jar().unset(pm.environment.get('base'), 'a', () => {});"
        ]}}], "request": "{{base}}/cookies/set?a=3"},
        {"name": "after", "request": "{{base}}/get"}
    ]});
    let (code, stdout, _) = run(&dir, doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    // A host-only cookie (no Domain attribute) is unset too.
    assert_eq!(r[1].header("cookie"), Some("b=2"));
    assert_eq!(r[2].header("cookie"), Some("b=2; a=3"));
}

#[test]
fn folder_iterations_and_data_rows() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(6);
    let doc = json!({"info": {"name": "order"}, "item": [
        {"name": "A", "item": [{"name": "a1", "request": "{{base}}/a1?u={{user}}"}, {"name": "a2", "id": "id-a2", "request": "{{base}}/a2"}]},
        {"name": "B", "item": [{"name": "b1", "request": "{{base}}/b1?u={{user}}"}]},
        {"name": "top", "request": "{{base}}/top"}
    ]});
    let data = dir.path().join("data.json");
    std::fs::write(&data, r#"[{"user": "ann"}, {"user": "bob"}]"#).unwrap();
    let (code, stdout, _) = run(
        &dir,
        doc.clone(),
        &server,
        &[
            "--folder",
            "B",
            "--folder",
            "id-a2",
            "-d",
            data.to_str().unwrap(),
            "-n",
            "3",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    let paths: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        paths,
        vec!["/a2", "/b1?u=ann", "/a2", "/b1?u=bob", "/a2", "/b1?u=bob"]
    );
    assert!(
        stdout.contains("3 iterations but only 2 data rows: iterations 3 to 3 reuse the last row"),
        "{stdout}"
    );

    let (code, _, stderr) = run(&dir, doc, &server, &["--folder", "Nope"]);
    assert_eq!(code, 3);
    assert_eq!(
        stderr.trim_end(),
        "postie: --folder 'Nope': no folder or request of that name or id in the collection"
    );
}

#[test]
fn request_errors_are_recorded_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(2);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let doc = json!({"info": {"name": "errors"}, "item": [
        {"name": "refused", "request": format!("http://127.0.0.1:{closed}/x")},
        {"name": "after", "request": "{{base}}/after"}
    ]});
    let (code, stdout, _) = run(&dir, doc.clone(), &server, &[]);
    assert_eq!(code, 1);
    assert_eq!(server.requests().len(), 1);
    assert!(
        stdout.contains("connect ECONNREFUSED 127.0.0.1:"),
        "{stdout}"
    );

    let (code, _, _) = run(&dir, doc.clone(), &server, &["-x"]);
    assert_eq!(code, 0, "-x suppresses the exit code");
    let before = server.requests().len();
    let (code, _, _) = run(&dir, doc, &server, &["--bail"]);
    assert_eq!(code, 1);
    assert_eq!(
        server.requests().len(),
        before,
        "--bail stops before the next request"
    );
}

#[test]
fn slow_responses_hit_timeout_request() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|_| {
        std::thread::sleep(std::time::Duration::from_millis(600));
        Reply::json(200, json!({}))
    })
    .expect(1);
    let doc =
        json!({"info": {"name": "slow"}, "item": [{"name": "slow", "request": "{{base}}/slow"}]});
    let (code, stdout, _) = run(&dir, doc, &server, &["--timeout-request", "100"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("ESOCKETTIMEDOUT: 127.0.0.1:"), "{stdout}");
}

#[test]
fn bad_input_has_distinct_exit_codes_and_one_line_messages() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"info\": {\"name\": \"x\"}, \"item\": [}").unwrap();
    let out = postie().arg("run").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "postie: {}:1:34: invalid JSON: expected value\n",
            bad.display()
        )
    );

    let missing = dir.path().join("missing.json");
    let out = postie().arg("run").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("postie: {}: cannot read: no such file\n", missing.display())
    );

    let out = postie()
        .args(["run", "--no-such-flag", "x.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("error: unexpected argument '--no-such-flag' found\n"));

    let good = collection(&dir, json!({"info": {"name": "g"}, "item": []}));
    let out = postie()
        .arg("run")
        .arg(&good)
        .args(["--env-var", "novalue"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "postie: --env-var 'novalue': expected KEY=VALUE\n"
    );

    let csv = dir.path().join("d.csv");
    std::fs::write(&csv, [0xff, 0xfe, 0x00, 0xd8]).unwrap();
    let out = postie()
        .arg("run")
        .arg(&good)
        .arg("-d")
        .arg(&csv)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("postie: {}: not a text file", csv.display())),
        "{err}"
    );
}

#[test]
fn exported_environment_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(1);
    let doc = json!({"info": {"name": "e"}, "item": [{"name": "r", "request": "{{base}}/"}]});
    let target = dir.path().join("out").join("env.json");
    let (code, _, _) = run(
        &dir,
        doc,
        &server,
        &[
            "--env-var",
            "k=v",
            "--export-environment",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    let env = read_json(&target);
    assert_eq!(env["_postman_variable_scope"], "environment");
    assert!(env["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["key"] == "k" && v["value"] == "v"));
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[test]
fn digest_auth_answers_the_servers_challenge() {
    use md5::{Digest, Md5};
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|r| {
        let Some(auth) = r.header("authorization") else {
            return Reply::text(401, "").header(
                "WWW-Authenticate",
                "Digest realm=\"test\", nonce=\"n0nce\", qop=\"auth\", opaque=\"op\"",
            );
        };
        let field = |k: &str| {
            auth.split(", ")
                .find_map(|p| {
                    p.trim_start_matches("Digest ")
                        .strip_prefix(&format!("{k}="))
                })
                .map(|v| v.trim_matches('"').to_string())
                .unwrap_or_default()
        };
        let hex = |s: String| format!("{:x}", Md5::digest(s.as_bytes()));
        let ha1 = hex("alice:test:secret".to_string());
        let ha2 = hex(format!("GET:{}", field("uri")));
        let expected = hex(format!(
            "{ha1}:n0nce:{}:{}:auth:{ha2}",
            field("nc"),
            field("cnonce")
        ));
        if field("response") == expected && field("opaque") == "op" {
            Reply::json(200, json!({"authenticated": true}))
        } else {
            Reply::text(401, "bad digest")
        }
    })
    .expect(2);
    let doc = json!({"info": {"name": "digest"}, "item": [{"name": "d", "request": {"method": "GET", "url": "{{base}}/protected?x=1",
        "auth": {"type": "digest", "digest": [{"key": "username", "value": "alice"}, {"key": "password", "value": "secret"}]}}}]});
    let (code, stdout, _) = run(&dir, doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let r = server.requests();
    assert_eq!(
        r[0].header("authorization"),
        None,
        "the challenge comes first"
    );
    let answer = r[1].header("authorization").unwrap();
    assert!(answer.starts_with("Digest username=\"alice\""), "{answer}");
    assert!(
        stdout.contains("GET http://127.0.0.1:") && stdout.contains("/protected?x=1 [200 OK,"),
        "{stdout}"
    );
}

#[test]
fn an_unresolved_host_is_explained_not_cryptic() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(0);
    let doc =
        json!({"info": {"name": "u"}, "item": [{"name": "r", "request": "{{tenantUrl}}/apps"}]});
    let (code, stdout, _) = run(&dir, doc, &server, &[]);
    assert_eq!(code, 1);
    // The host is lower-cased as it would be sent (newman: `ENOTFOUND {{tenanturl}}`);
    // the variable is named as written.
    assert!(stdout.contains("invalid URL 'http://{{tenanturl}}/apps': the host name is not valid; unresolved: {{tenantUrl}}"), "{stdout}");
}

#[test]
fn http_proxy_from_the_environment_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let proxy = ok_server(1);
    let doc = json!({"info": {"name": "proxy"}, "item": [{"name": "r", "request": "http://api.example.invalid/through?x=1"}]});
    let c = collection(&dir, doc);
    postie()
        .arg("run")
        .arg(&c)
        .env("HTTP_PROXY", &proxy.base)
        .env("NO_PROXY", "")
        .assert()
        .success();
    let r = &proxy.requests()[0];
    assert_eq!(r.header("host"), Some("api.example.invalid"));
    // A proxy is sent the absolute form of the target.
    assert_eq!(r.target, "http://api.example.invalid/through?x=1");
}

#[test]
fn exported_collection_is_written_as_newman_writes_it_with_the_declared_variables() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(1);
    let doc = json!({"info": {"name": "export me", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "count", "value": "0"}, {"key": "n", "value": "7", "type": "number"}],
        "item": [{"name": "F", "item": [{"name": "r", "request": {"method": "POST", "url": "{{base}}/x/:id?q=1",
            "body": {"mode": "raw", "raw": "{}"}},
            "event": [{"listen": "test", "script": {"exec": ["pm.collectionVariables.set('count', 5);"]}},
                      {"listen": "prerequest", "disabled": true, "script": {"exec": ["1"]}}]}]}]});
    let target = dir.path().join("out.json");
    let (code, stdout, _) = run(
        &dir,
        doc,
        &server,
        &["--export-collection", target.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stdout}");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    // What the script set stays out: newman writes the variables the file declared,
    // each with a type and its value cast to it.
    assert_eq!(
        written["variable"],
        json!([{"key": "count", "value": "0", "type": "any"}, {"key": "n", "value": 7, "type": "number"}])
    );
    assert_eq!(written["_postman_variable_scope"], "collection");
    assert_eq!(written["name"], "collection");
    assert_eq!(written["event"], json!([]));
    let folder = &written["item"][0];
    assert!(
        folder["id"].as_str().is_some_and(|id| id.len() == 36),
        "{folder}"
    );
    assert_eq!(folder["event"], json!([]));
    let item = &folder["item"][0];
    assert_eq!(item["response"], json!([]));
    assert_eq!(
        item["request"]["url"],
        json!({"host": ["{{base}}"], "path": ["x", ":id"], "query": [{"key": "q", "value": "1"}],
               "variable": [{"key": "id", "type": "any"}]})
    );
    // The script that ran carries the runtime's execution id, the disabled one not.
    let ran = &item["event"][0]["script"];
    assert!(ran["_lastExecutionId"].is_string(), "{ran}");
    assert!(ran["id"].is_string(), "{ran}");
    assert_eq!(item["event"][1]["disabled"], true);
    assert!(item["event"][1]["script"].get("_lastExecutionId").is_none());
    // And postie reads it back.
    let again = postie::collection::load_collection(&target)
        .unwrap()
        .collection;
    assert_eq!(again.info.name, "export me");
    assert_eq!(
        again.item[0].item.as_ref().unwrap()[0]
            .request
            .as_ref()
            .unwrap()
            .method,
        "POST"
    );
}

#[test]
fn values_go_out_as_newman_writes_them_and_url_credentials_come_last() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server(1);
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        json!({"name": "E", "values": [
            {"key": "z", "value": null},
            {"key": "f", "value": 1.0},
            {"key": "o", "value": {"x": 1}},
            {"key": "gone", "value": "from the environment"},
            {"key": "off", "value": "unticked", "enabled": false},
            {"key": "v0", "value": "{{v1}}"},
            {"key": "v1", "value": "{{v2}}"}
        ]})
        .to_string(),
    )
    .unwrap();
    // A chain longer than newman's 19 passes.
    let mut chain: Vec<Value> = (2..25)
        .map(|i| json!({"key": format!("v{i}"), "value": format!("{{{{v{}}}}}", i + 1)}))
        .collect();
    chain.push(json!({"key": "v25", "value": "end"}));
    let globals = dir.path().join("globals.json");
    std::fs::write(&globals, json!({"name": "G", "values": chain}).to_string()).unwrap();
    let data = dir.path().join("data.json");
    std::fs::write(&data, r#"[{"arr": [1, "two", null], "gone": null}]"#).unwrap();
    let host = server.base.trim_start_matches("http://");
    let doc = json!({
        "info": {"name": "typed", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "typed", "request": {
            "method": "GET",
            "header": [{"key": "X-Own", "value": "1"}],
            "url": format!("http://u:p%40ss@{host}/t?z={{{{z}}}}&f={{{{f}}}}&o={{{{o}}}}&a={{{{arr}}}}&g={{{{gone}}}}&v={{{{v0}}}}&x={{{{off}}}}")
        }}]
    });
    let (code, stdout, stderr) = run(
        &dir,
        doc,
        &server,
        &[
            "-e",
            env.to_str().unwrap(),
            "-g",
            globals.to_str().unwrap(),
            "-d",
            data.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let r = &server.requests()[0];
    assert_eq!(
        r.query(),
        "z=null&f=1&o=[object%20Object]&a=1,two,&g={{gone}}&v={{v19}}&x={{off}}",
        "{stdout}"
    );
    // A name that is there but gives no value says why.
    for why in [
        "unresolved variable {{gone}} in url (null in the data file)",
        "unresolved variable {{off}} in url (disabled in the environment)",
    ] {
        assert!(stdout.contains(why), "{why}:\n{stdout}");
    }
    // newman's HTTP library adds the Basic auth of `user:password@` after its own headers.
    let names: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names.first(), Some(&"X-Own"), "{names:?}");
    assert_eq!(names.last(), Some(&"Authorization"), "{names:?}");
    assert_eq!(r.header("authorization"), Some("Basic dTpwQHNz"));
}
