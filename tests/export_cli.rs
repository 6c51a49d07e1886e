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
