//! `postie export` as users call it: the command line, its output and exit codes.
//! (The exporters' wire-exactness is proven by the export_* round-trip tests.)

mod support;

use support::postie;

#[test]
fn exports_one_request_as_a_runnable_curl_command() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let out = postie()
        .args(["export", "curl"])
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args([
            "--env-var",
            "tenantName=acme",
            "--env-var",
            "accessToken=tok",
            "--request",
            "Get Apps",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("curl https://api-acme.forgeblocks.com/v1/apps"),
        "{text}"
    );
    assert!(
        text.contains("-H 'Authorization: Bearer tok'"),
        "bearer auth is exported: {text}"
    );
}

#[test]
fn whole_collection_script_warns_about_unresolved_variables() {
    let Some((collection, _)) = support::official_forgerock() else {
        return;
    };
    let out = postie()
        .args(["export", "curl"])
        .arg(&collection)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("#!/bin/sh\n"), "{text}");
    assert_eq!(text.matches("\ncurl ").count(), 62);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unresolved variable {{tenantApiV1Url}}"),
        "{err}"
    );
}

#[test]
fn unknown_request_and_bad_shell_are_errors() {
    let Some((collection, _)) = support::official_forgerock() else {
        return;
    };
    let out = postie()
        .args(["export", "curl"])
        .arg(&collection)
        .args(["--request", "No such request"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No such request"));
    let out = postie()
        .args(["export", "curl", "x.json", "--shell", "fish"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn write(dir: &std::path::Path, name: &str, v: serde_json::Value) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, v.to_string()).unwrap();
    p
}

#[test]
fn options_that_do_not_apply_to_the_format_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(
        dir.path(),
        "c.json",
        serde_json::json!({"info": {"name": "c"}, "item": [
            {"name": "r", "request": {"method": "GET", "url": "http://127.0.0.1:9/x"}}]}),
    );
    for (format, args, flag) in [
        ("hurl", vec!["--shell", "bash"], "--shell"),
        ("hurl", vec!["--multiline"], "--multiline"),
        ("hurl", vec!["--long-options"], "--long-options"),
        ("hurl", vec!["--keep-vars"], "--keep-vars"),
        (
            "hurl",
            vec!["--timeout-request", "100"],
            "--timeout-request",
        ),
        (
            "curl",
            vec!["--variables-file", "v.env"],
            "--variables-file",
        ),
        (
            "httpie",
            vec!["--variables-file", "v.env"],
            "--variables-file",
        ),
    ] {
        let out = postie()
            .args(["export", format])
            .arg(&c)
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format} {args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag) && err.lines().count() == 1, "{err}");
        assert!(out.stdout.is_empty());
    }
    assert!(!dir.path().join("v.env").exists());
}

#[test]
fn hurl_export_writes_a_variables_file_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(
        dir.path(),
        "c.json",
        serde_json::json!({"info": {"name": "c"}, "item": [
            {"name": "r", "request": {"method": "GET", "url": "{{base}}/x?u={{user}}",
             "header": [{"key": "X-Unknown", "value": "{{nope}}"}]}}]}),
    );
    let env = write(
        dir.path(),
        "e.json",
        serde_json::json!({"values": [
            {"key": "base", "value": "https://api.example.com"},
            {"key": "user", "value": "ann o'brien"},
            {"key": "unused", "value": "x"}]}),
    );
    let out = postie()
        .args(["export", "hurl"])
        .arg(&c)
        .arg("-e")
        .arg(&env)
        .args(["--env-var", "user=bob", "--variables-file"])
        .arg(dir.path().join("vars.env"))
        .arg("-o")
        .arg(dir.path().join("c.hurl"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("vars.env")).unwrap(),
        "base=https://api.example.com\nuser=bob\n"
    );
    let hurl = std::fs::read_to_string(dir.path().join("c.hurl")).unwrap();
    assert!(hurl.contains("\nGET {{base}}/x?u={{user}}\n"), "{hurl}");
    // No scope defines it, so run sends it as written; so does the Hurl file.
    assert!(hurl.contains("\nX-Unknown: \\{{nope}}\n"), "{hurl}");
}

#[test]
fn a_request_is_chosen_by_its_folder_path_when_names_repeat() {
    let dir = tempfile::tempdir().unwrap();
    let c = write(
        dir.path(),
        "c.json",
        serde_json::json!({"info": {"name": "c"}, "item": [
            {"name": "Users", "item": [
                {"name": "Get", "request": {"method": "GET", "url": "http://127.0.0.1:9/users"}}]},
            {"name": "Apps", "item": [
                {"name": "Sub/folder", "item": [
                    {"name": "Get", "request": {"method": "GET", "url": "http://127.0.0.1:9/apps"}}]}]}
        ]}),
    );
    let out = postie()
        .args(["export", "curl"])
        .arg(&c)
        .args(["--request", "Get"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 requests have that name")
            && err.contains("Users / Get")
            && err.contains("Apps / Sub/folder / Get"),
        "{err}"
    );
    for (path, url) in [
        ("Users/Get", "/users"),
        ("Users / Get", "/users"),
        ("Apps/Sub\\/folder/Get", "/apps"),
        ("Apps / Sub/folder / Get", "/apps"),
    ] {
        let out = postie()
            .args(["export", "curl"])
            .arg(&c)
            .args(["--request", path])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(text.matches("\ncurl ").count(), 1, "{path}: {text}");
        assert!(
            text.contains(&format!("http://127.0.0.1:9{url} ")),
            "{path}: {text}"
        );
    }
}

#[test]
fn every_export_option_has_help() {
    let out = postie().args(["export", "-h"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    let options: Vec<&str> = help
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .collect();
    assert_eq!(options.len(), 18, "{help}");
    for line in options {
        let flag_end = line
            .trim_start()
            .find("  ")
            .unwrap_or_else(|| panic!("no help for: {line}"));
        assert!(
            line.trim_start()[flag_end..].trim().len() > 10,
            "no help for: {line}"
        );
    }
}
