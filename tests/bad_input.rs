//! Bad input, row by row of the table in `docs/reliability.md`: each kind of
//! broken, hostile or odd file gets the behaviour the table promises, through
//! the real binary. Errors are one line naming the file and where, with their
//! own exit code; nothing panics, hangs or fills the memory.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::report::read_json;
use support::run::{output, write_json, Output};
use support::server::{Reply, TestServer};
use support::{env_value, postie};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    output(postie().current_dir(dir).args(args))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn ok_server() -> TestServer {
    TestServer::start(|_| Reply::json(200, json!({"ok": true})))
}

fn one_request(url: &str) -> Value {
    json!({"info": {"name": "one"}, "item": [{"name": "r", "request": url}]})
}

/// A collection with `depth` folders around one request.
fn nested(depth: usize, url: &str) -> String {
    let mut text = format!(r#"{{"name":"leaf","request":"{url}"}}"#);
    for i in 0..depth {
        text = format!(r#"{{"name":"f{i}","item":[{text}]}}"#);
    }
    format!(r#"{{"info":{{"name":"deep"}},"item":[{text}]}}"#)
}

#[test]
fn truncated_and_empty_json_name_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cut.json",
        r#"{"info":{"name":"t"},"item":[{"name":"r","request":"http://x"#,
    );
    let r = run_in(dir.path(), &["run", "cut.json"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        "postie: cut.json:1:60: invalid JSON: EOF while parsing a string\n"
    );
    write(dir.path(), "empty.json", "");
    let r = run_in(dir.path(), &["run", "empty.json"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        "postie: empty.json:1:0: invalid JSON: EOF while parsing a value\n"
    );
}

#[cfg(unix)]
#[test]
fn inputs_that_never_end_stop_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let c = write_json(dir.path(), "c.json", &one_request("http://127.0.0.1:9/"));
    let limit = "larger than 256 MiB, the limit for input files";
    for args in [
        vec!["run", "/dev/zero"],
        vec!["run", "c.json", "-d", "/dev/urandom"],
        vec!["run", "c.json", "-e", "/dev/zero"],
        vec!["run", "c.json", "-g", "/dev/zero"],
        vec!["run", "c.json", "--cookie-jar", "/dev/zero"],
    ] {
        let r = run_in(dir.path(), &args);
        let file = args.iter().find(|a| a.starts_with("/dev/")).unwrap();
        assert_eq!(r.code, 3, "{args:?}");
        assert_eq!(r.stderr, format!("postie: {file}: {limit}\n"), "{args:?}");
    }
    // A file bigger than the limit is refused before it is read.
    let sparse = std::fs::File::create(dir.path().join("huge.json")).unwrap();
    sparse.set_len(300 * 1024 * 1024).unwrap();
    let r = run_in(dir.path(), &["run", "huge.json"]);
    assert_eq!(r.code, 3);
    assert_eq!(r.stderr, format!("postie: huge.json: {limit}\n"));
    // A body file that never ends is capped the same way (once the user allows
    // files outside the working directory).
    let body = json!({"info": {"name": "b"}, "item": [{"name": "r", "request": {
        "method": "POST", "url": "http://127.0.0.1:9/",
        "body": {"mode": "file", "file": {"src": "/dev/zero"}}}}]});
    write_json(dir.path(), "body.json", &body);
    let r = run_in(dir.path(), &["run", "body.json", "--insecure-file-read"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(&format!(
            "cannot read file for the body: file '/dev/zero': {limit}"
        )),
        "{}",
        r.stdout
    );
    assert_eq!(c.file_name().unwrap(), "c.json");
}

#[test]
fn a_200_mb_collection_under_the_limit_runs() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(1);
    let doc = json!({"info": {"name": "big", "description": "a".repeat(200_000_000)},
                     "item": [{"name": "r", "request": format!("{}/big", server.base)}]});
    write_json(dir.path(), "big.json", &doc);
    drop(doc);
    let r = run_in(dir.path(), &["run", "big.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(server.requests()[0].path(), "/big");
}

#[test]
fn folders_nest_up_to_the_documented_limit_and_no_further() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(3);
    let leaf = format!("{}/leaf", server.base);
    write(dir.path(), "deep1000.json", &nested(1000, &leaf));
    // Loading, selection by name, every reporter and the collection export walk it.
    let r = run_in(
        dir.path(),
        &[
            "run",
            "deep1000.json",
            "-r",
            "cli,json,junit,progress",
            "--reporter-json-export",
            "r.json",
            "--reporter-junit-export",
            "r.xml",
            "--export-collection",
            "out.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("❏ f999 / f998 / "),
        "{}",
        &r.stdout[..300]
    );
    let r = run_in(dir.path(), &["run", "deep1000.json", "--folder", "f3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_in(dir.path(), &["run", "deep1000.json", "--folder", "leaf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for cmd in ["lint", "ls"] {
        let r = run_in(dir.path(), &[cmd, "deep1000.json"]);
        assert_eq!(r.code, 0, "{cmd}: {}{}", r.stdout, r.stderr);
        assert_eq!(r.stderr, "", "{cmd}");
    }
    let r = run_in(dir.path(), &["export", "curl", "deep1000.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("/leaf"));

    write(dir.path(), "deep1001.json", &nested(1001, &leaf));
    let r = run_in(dir.path(), &["run", "deep1001.json"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        "postie: deep1001.json: folder 'f1000 / f999 / … / f0' is nested 1001 deep; folders may nest at most 1000 deep\n"
    );
    // Far deeper JSON is refused on its text, before anything recurses into it.
    let text = nested(10_000, &leaf);
    write(dir.path(), "deep10000.json", &text);
    // The bracket at depth 2,065: the 2,066th, counting `info`'s that closes
    // at once (the text is one line and every other bracket nests).
    let column = text
        .char_indices()
        .filter(|(_, c)| *c == '[' || *c == '{')
        .nth(2065)
        .unwrap()
        .0
        + 1;
    let r = run_in(dir.path(), &["run", "deep10000.json"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        format!("postie: deep10000.json:1:{column}: JSON nested more than 2064 levels deep, the limit for input files (folders may nest 1000 deep)\n")
    );
    // The same guard protects environments and data files.
    let deep_value = format!(
        r#"{{"values":[{{"key":"v","value":{}1{}}}]}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    write(dir.path(), "env.json", &deep_value);
    let r = run_in(dir.path(), &["run", "deep1000.json", "-e", "env.json"]);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr
            .starts_with("postie: env.json:1:2092: JSON nested more than 2064 levels deep"),
        "{}",
        r.stderr
    );
}

#[test]
fn binary_and_directory_inputs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_json(dir.path(), "c.json", &one_request("http://127.0.0.1:9/"));
    // A PNG's first bytes: not UTF-8, and no UTF-16 either.
    let png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xc3];
    std::fs::write(dir.path().join("data.bin"), png).unwrap();
    let r = run_in(dir.path(), &["run", "c.json", "-d", "data.bin"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        "postie: data.bin: not a text file (expected UTF-8 or UTF-16 text)\n"
    );
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    for args in [
        vec!["run", "folder"],
        vec!["run", "c.json", "-e", "folder"],
        vec!["run", "c.json", "-d", "folder"],
    ] {
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 3, "{args:?}");
        assert_eq!(
            r.stderr, "postie: folder: cannot read: is a directory, expected a file\n",
            "{args:?}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_one_line_naming_it() {
    // Permissions do not stop root; a file whose read fails does, for everyone.
    let dir = tempfile::tempdir().unwrap();
    write_json(dir.path(), "c.json", &one_request("http://127.0.0.1:9/"));
    let r = run_in(dir.path(), &["run", "c.json", "-e", "/proc/self/mem"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        "postie: /proc/self/mem: cannot read: Input/output error (os error 5)\n"
    );
    let r = run_in(dir.path(), &["run", "missing.json"]);
    assert_eq!(r.code, 3);
    assert_eq!(
        r.stderr,
        "postie: missing.json: cannot read: no such file\n"
    );
}

#[test]
fn csv_rows_of_any_length_run() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(3);
    let c = json!({"info": {"name": "csv"}, "item": [{"name": "r",
        "request": format!("{}/?a={{{{a}}}}&b={{{{b}}}}", server.base)}]});
    write_json(dir.path(), "c.json", &c);
    write(dir.path(), "d.csv", "a,b\n1,2\n3\n4,5,6,7\n");
    let r = run_in(dir.path(), &["run", "c.json", "-d", "d.csv"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let queries: Vec<String> = server
        .requests()
        .iter()
        .map(|q| q.query().to_string())
        .collect();
    // A short row leaves its missing column unresolved; extra fields are dropped.
    assert_eq!(queries, ["a=1&b=2", "a=3&b={{b}}", "a=4&b=5"]);
    assert!(r.stdout.contains("unresolved variable {{b}} in url"));
}

#[test]
fn duplicate_keys_take_the_last_as_newman_does() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(1);
    write_json(
        dir.path(),
        "c.json",
        &one_request(&format!("{}/{{{{a}}}}/{{{{b}}}}", server.base)),
    );
    write(
        dir.path(),
        "env.json",
        r#"{"name":"e","values":[{"key":"a","value":"first","value":"second","enabled":true}],
           "values":[{"key":"a","value":"x","value":"last"},{"key":"b","value":"b1"},{"key":"b","value":"b2"}]}"#,
    );
    let r = run_in(dir.path(), &["run", "c.json", "-e", "env.json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(server.requests()[0].path(), "/last/b2");
}

#[test]
fn non_string_variable_values_are_sent_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(1);
    write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "t"}, "item": [{"name": "r", "request": {
            "method": "POST", "url": format!("{}/{{{{n}}}}/{{{{t}}}}/{{{{z}}}}", server.base),
            "body": {"mode": "raw", "raw": "{{o}}|{{l}}"}}}]}),
    );
    write_json(
        dir.path(),
        "env.json",
        &json!({"values": [
            {"key": "n", "value": 1.5}, {"key": "t", "value": true}, {"key": "z", "value": null},
            {"key": "o", "value": {"k": [1, "x"]}}, {"key": "l", "value": [1, 2]}
        ]}),
    );
    let r = run_in(dir.path(), &["run", "c.json", "-e", "env.json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let got = &server.requests()[0];
    // As newman writes them: null as `null`, an object as JavaScript's String() does.
    assert_eq!(got.path(), "/1.5/true/null");
    assert_eq!(got.text(), "[object Object]|1,2");
}

#[test]
fn invalid_and_empty_urls_fail_their_request_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(1);
    write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "u"}, "item": [
            {"name": "bad host", "request": "http://exa mple.com:99999/"},
            {"name": "no url", "request": {"method": "GET", "url": ""}},
            // newman runs an item with neither request nor item, and it fails.
            {"name": "lonely"},
            {"name": "fine", "request": format!("{}/fine", server.base)}
        ]}),
    );
    let r = run_in(dir.path(), &["run", "c.json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("request url is empty: the request has no URL"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("request url is empty: the item has neither 'request' nor 'item'"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("→ lonely\n  GET  [errored]"),
        "{}",
        r.stdout
    );
    // The summary's row, whatever its column widths (they follow the durations).
    assert!(
        r.stdout.lines().any(|l| l
            .split('│')
            .map(str::trim)
            .eq(["", "requests", "4", "3", ""])),
        "{}",
        r.stdout
    );
    assert_eq!(server.requests()[0].path(), "/fine");
}

#[test]
fn self_referencing_variables_end_and_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(2);
    write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "s"},
            "variable": [{"key": "a", "value": "{{a}}"}, {"key": "c", "value": "{{d}}"},
                         {"key": "d", "value": "{{c}}"},
                         {"key": "b", "value": "x{{b}}{{b}}{{b}}{{b}}"}],
            "item": [{"name": "cycle", "request": format!("{}/{{{{a}}}}/{{{{c}}}}", server.base)},
                     {"name": "multiplies", "request": {"method": "POST", "url": format!("{}/b", server.base),
                      "body": {"mode": "raw", "raw": "{{b}}"}}}]}),
    );
    let r = run_in(dir.path(), &["run", "c.json", "--timeout-request", "5000"]);
    assert!(
        r.stdout.contains("unresolved variable {{a}} in url"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("unresolved variable {{b}} in body"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.len() < 20_000,
        "output stays small: {}",
        r.stdout.len()
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sent = server.requests();
    // A cycle of two ends where newman's 19 passes end it: at the other name.
    assert_eq!(sent[0].path(), "/%7B%7Ba%7D%7D/%7B%7Bd%7D%7D");
    // The body stopped growing at the size limit and was sent as it was then.
    let body = &sent[1].body;
    assert!(
        body.len() <= 32 * 1024 * 1024 && body.len() > 4 * 1024 * 1024,
        "{}",
        body.len()
    );
    assert!(body.starts_with(b"xxxx") && body.ends_with(b"{{b}}"));
}

#[test]
fn a_huge_url_is_echoed_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:9/{}", "a".repeat(5_000_000));
    write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "u"}, "item": [
            {"name": "long", "request": url},
            {"name": "long and bad", "request": format!("ht!tp://{}", "b".repeat(5_000_000))}
        ]}),
    );
    let r = run_in(
        dir.path(),
        &[
            "run",
            "c.json",
            "-r",
            "cli,junit",
            "--reporter-junit-export",
            "r.xml",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.len() < 40_000,
        "{} bytes of output",
        r.stdout.len()
    );
    // The request line shows 8,192 characters of a URL.
    assert!(
        r.stdout.contains("aaaa… (4991827 more bytes) [errored]"),
        "{}",
        r.stdout
    );
    let xml = std::fs::metadata(dir.path().join("r.xml")).unwrap().len();
    assert!(xml < 10_000, "{xml} bytes of JUnit");
}

#[test]
fn unknown_body_modes_and_auth_types_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server().expect(1);
    write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "w"}, "item": [{"name": "odd", "request": {
            "method": "POST", "url": format!("{}/odd", server.base),
            "body": {"mode": "weird", "weird": "zzz"},
            "auth": {"type": "foobar", "foobar": [{"key": "k", "value": "v"}]}}}]}),
    );
    let r = run_in(dir.path(), &["run", "c.json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "postie: c.json: request 'odd': unknown body mode 'weird' (expected raw, urlencoded, formdata, file, graphql); sent without a body\n"
    );
    // Console lines are cut to newman's width (54 columns in a pipe).
    let unwrapped = support::report::console_joined(&r.stdout);
    assert!(
        unwrapped.contains("runtime: could not find a handler for auth: foobar"),
        "{}",
        r.stdout
    );
    let got = &server.requests()[0];
    assert_eq!(got.text(), "");
    assert_eq!(got.header("authorization"), None);
}

#[test]
fn export_targets_that_cannot_be_written_keep_the_old_file_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let server = ok_server();
    write_json(
        dir.path(),
        "c.json",
        &one_request(&format!("{}/x", server.base)),
    );
    let env = write(
        dir.path(),
        "env.json",
        r#"{"name":"e","values":[{"key":"k","value":"old"}]}"#,
    );
    let mut perms = std::fs::metadata(&env).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&env, perms).unwrap();
    let r = run_in(
        dir.path(),
        &[
            "run",
            "c.json",
            "-e",
            "env.json",
            "--env-var",
            "k=new",
            "--export-environment",
            "env.json",
        ],
    );
    assert_eq!(r.code, 4);
    assert_eq!(
        r.stderr,
        "postie: env.json: cannot write: the file is read-only; it was left as it was\n"
    );
    let kept = read_json(&env);
    assert_eq!(env_value(&kept, "k").as_deref(), Some("old"));

    // A missing folder is created, as newman does.
    let r = run_in(
        dir.path(),
        &["run", "c.json", "--export-globals", "new/deeper/g.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("new/deeper/g.json").is_file());
    // A folder that cannot be made (a file is in the way) is an output error.
    std::fs::write(dir.path().join("blocker"), "").unwrap();
    let r = run_in(
        dir.path(),
        &["run", "c.json", "--export-globals", "blocker/g.json"],
    );
    assert_eq!(r.code, 4);
    assert_eq!(
        r.stderr,
        "postie: blocker/g.json: cannot write: cannot create the folder blocker: a file of that name is in the way\n"
    );
    // An existing folder gets newman's file name inside it.
    std::fs::create_dir(dir.path().join("exports")).unwrap();
    let r = run_in(
        dir.path(),
        &["run", "c.json", "--export-environment", "exports"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(names[0].starts_with("newman-environment-") && names[0].ends_with("-0.json"));
    // Nothing else was left anywhere (no temporary files).
    let mut top: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["blocker", "c.json", "env.json", "exports", "new"]);
}
