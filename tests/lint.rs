//! `postie lint`: findings, output formats and exit codes, from the real binary
//! on the collections in `tests/fixtures/static/lint/`.
//!
//! Expected outputs are golden files beside the fixtures. After a deliberate
//! change of output, rewrite them with
//! `POSTIE_BLESS=1 cargo test --test lint` and review `git diff`.

mod support;

use postie::lint::unsupported::UNSUPPORTED;
use serde_json::{json, Value};
use support::fixtures::{assert_every_option_has_help, fixture, golden, root};
use support::postie;
use support::report::{executions, read_json};

fn lint() -> assert_cmd::Command {
    let mut c = postie();
    c.current_dir(root()).arg("lint");
    c
}

fn problems() -> Vec<String> {
    vec![
        fixture("lint/problems.postman_collection.json"),
        "-e".into(),
        fixture("lint/problems.postman_environment.json"),
    ]
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn problems_are_reported_under_their_items_and_errors_exit_1() {
    let out = lint().args(problems()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    golden("lint/problems.txt", &stdout(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn json_format_is_the_documented_shape() {
    let out = lint()
        .args(problems())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    golden("lint/problems.json", &text);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let count = |s: &str| findings.iter().filter(|f| f["severity"] == s).count();
    assert_eq!(doc["errors"], count("error"));
    assert_eq!(doc["warnings"], count("warning"));
    assert_eq!(doc["requests"], 8);
    // Every Postman auth type is implemented: only a type nobody has a handler for is left.
    let unsupported: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "unsupported-auth")
        .collect();
    assert_eq!(unsupported.len(), 1, "{text}");
    assert_eq!(unsupported[0]["severity"], "warning");
    assert_eq!(unsupported[0]["item"], "Admin / Partner sign-in");
    assert_eq!(unsupported[0]["where"], "auth foobar");
    assert_eq!(unsupported[0]["subject"], "foobar");
    for f in findings {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["severity", "code", "item", "item_id", "where", "subject", "message"]
        );
    }
}

#[test]
fn data_files_and_command_line_variables_count_as_defined() {
    let base = lint().args(problems()).output().unwrap();
    assert!(stdout(&base).contains("{{reportName}} is defined nowhere"));
    assert!(stdout(&base).contains("{{tenant}} is defined nowhere"));
    let out = lint()
        .args(problems())
        .arg("-d")
        .arg(fixture("lint/reports.csv"))
        .args(["--env-var", "tenant=acme", "--global-var", "adminToken=t"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text.contains("{{reportName}}"), "{text}");
    assert!(!text.contains("{{tenant}}"), "{text}");
    assert!(!text.contains("{{adminToken}}"), "{text}");
    assert!(
        text.ends_with("\n8 errors, 5 warnings (8 requests checked)\n"),
        "{text}"
    );
}

#[test]
fn folder_checks_the_requests_it_would_run() {
    let out = lint()
        .args(problems())
        .args(["--folder", "Reports"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Log in (which sets the token) is not part of this run, and Refresh is out of reach.
    assert_eq!(
        stdout(&out),
        "(collection) Lint problems
  error    auth bearer: {{token}} is defined nowhere and set by no script in the run; it is sent as literal text (first in 'Reports') [undefined-variable]
Reports
  error    body: {{reportName}} is defined nowhere and set by no script in the run; it is sent as literal text [undefined-variable]
  error    test script line 2: setNextRequest('Logout'): 'Logout' is the name or id of no request: the iteration ends there [unknown-next-request]
  error    test script line 3: setNextRequest('Admin'): 'Admin' is a folder, and setNextRequest jumps to requests only: the iteration ends there [unknown-next-request]
  error    test script line 4: setNextRequest('Refresh'): 'Refresh' is outside the requests selected with --folder: the iteration ends there [unknown-next-request]
  error    test script line 5: cheerio is not available in postie's script sandbox yet: the script throws when it gets there [unsupported-script-api]

6 errors, 0 warnings (1 request checked)
"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let out = lint()
        .arg(fixture("lint/warnings.postman_collection.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "Ping
  warning  name: 'Again / Ping' has the same name: by name, --folder runs both and setNextRequest jumps to the last; select this one by its id p1 [duplicate-name]
Again / Ping
  warning  name: 'Ping' has the same name: by name, --folder runs both and setNextRequest jumps to the last; rename one [duplicate-name]

0 errors, 2 warnings (2 requests checked)
"
    );
}

#[test]
fn the_projects_own_collection_is_clean() {
    let out = lint()
        .arg("collections/forgerock-identity-cloud.postman_collection.json")
        .arg("-e")
        .arg("environments/forgerock-identity-cloud.postman_environment.json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.starts_with("no problems found ("), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn bad_input_and_bad_command_lines_have_their_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"info\": {\"name\": \"x\"},\n \"item\": [}").unwrap();
    let cases: Vec<(Vec<String>, i32, String)> = vec![
        (
            vec!["missing.json".into()],
            3,
            "postie: missing.json: cannot read: no such file\n".into(),
        ),
        (
            vec![broken.display().to_string()],
            3,
            format!("{}:2:11: invalid JSON: expected value", broken.display()),
        ),
        (
            vec![
                fixture("lint/warnings.postman_collection.json"),
                "-e".into(),
                fixture("lint/warnings.postman_collection.json"),
            ],
            3,
            "expected a Postman environment file with 'values', found a collection".into(),
        ),
        (
            vec![
                fixture("lint/warnings.postman_collection.json"),
                "--folder".into(),
                "Nope".into(),
            ],
            3,
            "postie: --folder 'Nope': no folder or request of that name or id in the collection\n"
                .into(),
        ),
        (
            vec![
                fixture("lint/warnings.postman_collection.json"),
                "--env-var".into(),
                "novalue".into(),
            ],
            2,
            "postie: --env-var 'novalue': expected KEY=VALUE\n".into(),
        ),
        (
            vec![
                fixture("lint/warnings.postman_collection.json"),
                "--format".into(),
                "xml".into(),
            ],
            2,
            "invalid value 'xml' for '--format <FORMAT>'".into(),
        ),
    ];
    for (args, code, message) in cases {
        let out = lint().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&message),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

/// Every entry of the one list of unsupported sandbox APIs is found by lint in
/// its typical use, and that use really fails in `postie run`; a supported
/// library next to them is neither flagged nor failing.
#[test]
fn every_unsupported_api_is_found_by_lint_and_fails_in_postie() {
    let mut items = Vec::new();
    let mut uses = vec![(
        "lodash (supported)",
        "require('lodash').chunk([1, 2, 3], 2)",
    )];
    uses.extend(UNSUPPORTED.iter().map(|u| (u.api, u.example)));
    for (name, example) in &uses {
        items.push(json!({
            "name": name,
            "request": {"method": "GET", "url": "http://127.0.0.1:9/"},
            "event": [{"listen": "prerequest", "script": {"exec": [
                format!("pm.test({}, function () {{ {example}; }});", json!(name)),
                "pm.execution.skipRequest();"
            ]}}]
        }));
    }
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("apis.json");
    std::fs::write(
        &c,
        json!({"info": {"name": "APIs", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": items}).to_string(),
    )
    .unwrap();

    let out = postie()
        .args(["lint", "--format", "json"])
        .arg(&c)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unsupported-script-api")
        .map(|f| {
            (
                f["item"].as_str().unwrap().to_string(),
                f["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = UNSUPPORTED
        .iter()
        .map(|u| (u.api.to_string(), u.api.to_string()))
        .collect();
    assert_eq!(found, expected);

    let report = dir.path().join("report.json");
    let out = postie()
        .arg("run")
        .arg(&c)
        .args(["-r", "json", "--reporter-json-export"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = read_json(&report);
    let mut passed = Vec::new();
    let mut failed = Vec::new();
    for e in executions(&report) {
        for a in e["assertions"].as_array().unwrap() {
            let name = a["assertion"].as_str().unwrap().to_string();
            if a.get("error").is_some_and(|e| !e.is_null()) {
                failed.push(name);
            } else {
                passed.push(name);
            }
        }
    }
    assert_eq!(passed, vec!["lodash (supported)".to_string()]);
    let apis: Vec<String> = UNSUPPORTED.iter().map(|u| u.api.to_string()).collect();
    assert_eq!(failed, apis);
}

#[test]
fn every_option_has_help_text() {
    let out = postie().args(["lint", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_every_option_has_help(&stdout(&out));
}

/// What lint finds on the official collection with its own environment: the
/// problems its notes list ({{templateId}} undefined, {{organization.name}}
/// literal, `"port": {{smtpPort}}` with an empty port), a request run before the
/// script that fills its id, and requests that share names.
#[test]
fn official_collection_findings() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let out = lint()
        .arg(collection)
        .arg("-e")
        .arg(environment)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] != "duplicate-name")
        .map(|f| {
            format!(
                "{} {} | {} | {} | {}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["item"].as_str().unwrap(),
                f["where"].as_str().unwrap(),
                f["subject"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "warning used-before-set | Management APIs / Apps / Apps and Tokens / Get App | url | clientId",
            "error undefined-variable | Management APIs / Email Templates / Modify Email Templates | body | organization.name",
            "error undefined-variable | Management APIs / Email Templates / Send Test Email through SMTP | body | templateId",
            "error invalid-json-body | Management APIs / Outgoing Email Server (SMTP) / Configure/Modify SMTP Server | body line 4 | smtpPort",
        ]
    );
    let duplicates: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "duplicate-name")
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        duplicates,
        [
            "Create a New Web App ",
            "Update Web App",
            "Regenerate Web App Secret",
            "Delete Web App",
            "Create a New Web App ",
            "Update Web App",
            "Regenerate Web App Secret",
            "Delete Web App",
            "Get Authorization Code using PKCE",
            "Get Authorization Code using PKCE",
        ]
    );
    assert_eq!(doc["requests"], 62);
}
