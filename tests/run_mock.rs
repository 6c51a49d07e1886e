//! `postie run --mock`: the README's main command, and the official collection's
//! whole flow dry-run against its own saved examples.

mod support;

use serde_json::Value;
use support::report::{executions, read_json};
use support::run::{reporting, Ran};
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
    let mut cmd = postie();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .arg("--export-environment")
        .arg(&env_out);
    let Ran {
        code,
        stdout,
        stderr,
        report,
    } = reporting(cmd, dir.path());
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let mock_line = stdout.lines().nth(3).unwrap_or("");
    assert!(
        mock_line
            .starts_with("running against the collection's saved examples at http://127.0.0.1:"),
        "the report says it ran against examples: {stdout}"
    );
    // Every request asserts something, and all of it passed.
    let stats = &report["run"]["stats"];
    assert_eq!(stats["requests"]["total"], 40);
    assert_eq!(stats["requests"]["failed"], 0);
    assert_eq!(stats["assertions"]["total"], 115);
    assert_eq!(stats["assertions"]["failed"], 0);

    // The scripts captured what the saved examples hold.
    let (collection, _) = support::project_forgerock();
    let examples = examples(&collection);
    let body = |name: &str| -> Value {
        serde_json::from_str(examples[name]["body"].as_str().unwrap()).unwrap()
    };
    let location = |name: &str| -> String {
        let headers = examples[name]["header"].as_array().unwrap();
        let l = headers.iter().find(|h| h["key"] == "Location").unwrap();
        l["value"].as_str().unwrap().to_string()
    };
    let env = read_json(&env_out);
    let var = |k: &str| Value::String(env_value(&env, k).unwrap_or_default());
    assert_eq!(
        var("natspaClientId"),
        body("Native/SPA app created")["clientId"]
    );
    assert_eq!(var("webClientId"), body("Web app created")["clientId"]);
    assert_eq!(var("m2mClientId"), body("Service app created")["clientId"]);
    assert_eq!(
        var("webSecret"),
        body("Web app secret regenerated")["secret"]
    );
    assert_eq!(
        var("m2mSecret"),
        body("Service app secret regenerated")["secret"]
    );
    assert_eq!(var("userId"), body("Create user")["id"]);
    assert_eq!(
        var("authId"),
        body("Authentication step 1: callbacks")["authId"]
    );
    assert_eq!(
        var("sessionToken"),
        body("Authentication step 2: session")["tokenId"]
    );
    assert_eq!(var("idToken"), body("Web app refreshed tokens")["id_token"]);
    assert_eq!(
        var("refreshToken"),
        body("Web app refreshed tokens")["refresh_token"]
    );
    // "10 Clean up" restores the team member's token.
    assert_eq!(var("accessToken"), body("Team member sign-in")["token"]);
    let code = location("Web app authorization code");
    let code = code
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    assert_eq!(var("authorizationCode"), Value::String(code.to_string()));
    // Base URLs pointed at the mock only for the run: the exported environment keeps the real ones.
    assert_eq!(
        env_value(&env, "tenantApiV1Url").unwrap(),
        "https://api-{{tenantName}}.forgeblocks.com/v1"
    );
}

/// Every saved example of a collection file, by name.
fn examples(collection: &std::path::Path) -> std::collections::HashMap<String, Value> {
    fn walk(items: &[Value], out: &mut std::collections::HashMap<String, Value>) {
        for item in items {
            for e in item["response"].as_array().into_iter().flatten() {
                out.insert(e["name"].as_str().unwrap().to_string(), e.clone());
            }
            walk(
                item["item"].as_array().map(Vec::as_slice).unwrap_or(&[]),
                out,
            );
        }
    }
    let doc = read_json(collection);
    let mut out = std::collections::HashMap::new();
    walk(doc["item"].as_array().unwrap(), &mut out);
    out
}

#[test]
fn official_collection_dry_runs_against_its_examples() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let env_out = dir.path().join("env.json");
    let mut cmd = postie();
    cmd.arg("run")
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args(["--mock", "--ignore-redirects", "--env-var", "smtpPort=587"])
        .arg("--export-environment")
        .arg(&env_out);
    let Ran {
        code,
        stdout,
        report,
        ..
    } = reporting(cmd, dir.path());
    assert_eq!(code, 0, "{stdout}");
    // Three requests have no example of their own (two have none, one has another request's): they get
    // the mock's 404, which is no failure since the collection asserts nothing.
    let executions = executions(&report);
    assert_eq!(executions.len(), 62);
    let not_found: Vec<&str> = executions
        .iter()
        .filter(|e| e["response"]["code"] == 404)
        .map(|e| e["item"]["name"].as_str().unwrap().trim())
        .collect();
    assert_eq!(
        not_found,
        [
            "Recover Username",
            "Send Test Email through SMTP",
            "Delete Configured SMTP Server"
        ]
    );
    let env = read_json(&env_out);
    // Values captured from the examples' bodies.
    assert!(env_value(&env, "authId").is_some_and(|v| !v.is_empty()));
    assert!(env_value(&env, "accessToken").is_some_and(|v| !v.is_empty()));
    assert!(
        env_value(&env, "authorizationCode").is_some_and(|v| !v.is_empty()),
        "{stdout}"
    );
}
