//! `postie run --mock`: the README's main command, and the official collection's
//! whole flow dry-run against its own saved examples.

mod support;

use serde_json::Value;
use support::{env_value, postie};

#[test]
fn readme_main_command_passes_every_assertion_offline() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- run "))
        .expect("README names the main command");
    let args: Vec<&str> = line
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let env_out = dir.path().join("env.json");
    let out = postie()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .arg("--export-environment")
        .arg(&env_out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("saved examples"),
        "the report says it ran against examples: {stdout}"
    );
    // Every request asserts something, and all of it passed.
    let assertions = stdout.lines().find(|l| l.contains("assertions")).unwrap();
    let numbers: Vec<usize> = assertions
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(numbers[0] >= 40, "{assertions}");
    assert_eq!(numbers[1], 0, "{assertions}");

    let env: Value = serde_json::from_str(&std::fs::read_to_string(&env_out).unwrap()).unwrap();
    for key in [
        "accessToken",
        "idToken",
        "refreshToken",
        "natspaClientId",
        "webClientId",
        "webSecret",
        "m2mClientId",
        "m2mSecret",
        "userId",
        "authId",
        "sessionToken",
        "authorizationCode",
    ] {
        assert!(
            env_value(&env, key).is_some_and(|v| !v.is_empty()),
            "{key} was not captured"
        );
    }
    // Base URLs pointed at the mock only for the run: the exported environment keeps the real ones.
    assert!(env_value(&env, "tenantApiV1Url")
        .unwrap()
        .contains("forgeblocks.com"));
}

#[test]
fn official_collection_dry_runs_against_its_examples() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let env_out = dir.path().join("env.json");
    let out = postie()
        .arg("run")
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args(["--mock", "--ignore-redirects", "--env-var", "smtpPort=587"])
        .arg("--export-environment")
        .arg(&env_out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Three requests have no example of their own (two have none, one has another request's): they get
    // the mock's 404, which is no failure since the collection asserts nothing.
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let env: Value = serde_json::from_str(&std::fs::read_to_string(&env_out).unwrap()).unwrap();
    // Values captured from the examples' bodies.
    assert!(env_value(&env, "authId").is_some_and(|v| !v.is_empty()));
    assert!(env_value(&env, "accessToken").is_some_and(|v| !v.is_empty()));
    assert!(
        env_value(&env, "authorizationCode").is_some_and(|v| !v.is_empty()),
        "{stdout}"
    );
}
