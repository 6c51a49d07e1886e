//! The pre-`pm` interface (postman-sandbox's postman-legacy-interface).

mod support;

use postie::script::{NextRequest, ScriptKind};
use serde_json::json;
use support::sandbox::*;

fn without_warnings(r: &Ran) -> Vec<String> {
    r.outcome
        .console
        .iter()
        .filter(|c| !(c.level == "warn" && c.text.contains("is deprecated")))
        .map(|c| c.text.clone())
        .collect()
}

#[test]
fn tests_object_becomes_assertions_after_pm_tests() {
    let r = test_script(
        r#"
        pm.test('first', function () {});
        tests['status is 200'] = responseCode.code === 200;
        tests['has name'] = JSON.parse(responseBody).name === 'Bob';
        tests["zero is falsy"] = 0;
        pm.test('second', function () {});
        "#,
    );
    assert_eq!(r.error(), "");
    let a: Vec<(String, usize, bool)> = r
        .outcome
        .assertions
        .iter()
        .map(|a| (a.name.clone(), a.index, a.passed))
        .collect();
    assert_eq!(
        a,
        vec![
            ("first".into(), 0, true),
            ("second".into(), 1, true),
            ("status is 200".into(), 2, true),
            ("has name".into(), 3, false),
            ("zero is falsy".into(), 4, false),
        ]
    );
    let e = r.outcome.assertions[3].error.as_ref().unwrap();
    assert_eq!(e.name, "AssertionError");
    assert_eq!(e.message, "expected false to be truthy");
    assert_eq!(
        r.outcome.assertions[4].error.as_ref().unwrap().message,
        "expected 0 to be truthy"
    );
}

#[test]
fn tests_set_in_callbacks_count_too() {
    let r = test_script("setTimeout(function () { tests['late'] = true; }, 5);");
    assert_eq!(r.passed(), 1);
    assert_eq!(r.outcome.assertions[0].name, "late");
}

#[test]
fn response_globals() {
    let r = test_script(
        r#"
        console.log(typeof responseBody, JSON.parse(responseBody).id, responseTime);
        console.log(JSON.stringify(responseCode));
        console.log(responseHeaders['Content-Type'], responseHeaders['content-type']);
        console.log(postman.getResponseHeader('content-type'), postman.getResponseHeader('missing'));
        console.log(iteration, typeof responseCookies);
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        without_warnings(&r),
        vec![
            "string 7 42",
            r#"{"name":"OK","detail":"OK","code":200,"standardName":"OK"}"#,
            "application/json; charset=utf-8 undefined",
            "application/json; charset=utf-8 undefined",
            "1 object",
        ]
    );
}

#[test]
fn legacy_variable_functions_write_through() {
    let r = test_script(
        r#"
        postman.setEnvironmentVariable('token', 'abc');
        postman.setEnvironmentVariable('num', 5);
        postman.setGlobalVariable('gv', { a: 1 });
        console.log(postman.getEnvironmentVariable('token'), postman.getGlobalVariable('g'));
        console.log(environment.token, environment.base, globals.g, data.row);
        postman.clearEnvironmentVariable('base');
        postman.clearGlobalVariables();
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        without_warnings(&r),
        vec!["abc global", "abc https://api.example.com global 3"]
    );
    let env = &r.scopes.environment;
    assert_eq!(env.get("token"), Some(&json!("abc")));
    // values are turned into strings, as in Postman
    assert_eq!(env.get("num"), Some(&json!("5")));
    assert!(!env.has("base"));
    assert!(r.scopes.globals.values.is_empty());
}

#[test]
fn snapshots_are_taken_at_the_start() {
    let r = test_script(
        r#"
        pm.environment.set('later', 'x');
        console.log(environment.later, pm.environment.get('later'));
        postman.setEnvironmentVariable('legacy', 'y');
        console.log(environment.legacy);
        "#,
    );
    assert_eq!(without_warnings(&r), vec!["undefined x", "y"]);
}

/// Read only after the script changed the variables (set, unset, clear), the
/// legacy globals still show them as the script started; a legacy setter
/// writes to both. newman 6.2.2 prints the same for this script.
#[test]
fn snapshots_read_after_changes_show_the_start() {
    let r = test_script(
        r#"
        pm.environment.set('base', 'changed');
        pm.environment.unset('base');
        pm.globals.clear();
        console.log(environment.base, globals.g, data.row, pm.environment.get('base'), pm.globals.get('g'));
        postman.setEnvironmentVariable('base', 'legacy');
        console.log(environment.base, pm.environment.get('base'));
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        without_warnings(&r),
        vec![
            "https://api.example.com global 3 undefined undefined",
            "legacy legacy"
        ]
    );
}

#[test]
fn clear_environment_variables() {
    let r = test_script(
        "postman.clearEnvironmentVariables(); console.log(Object.keys(environment).length);",
    );
    assert!(r.scopes.environment.values.is_empty());
    assert_eq!(without_warnings(&r), vec!["0"]);
}

#[test]
fn legacy_request_object() {
    let r = test_script(
        r#"
        console.log(request.id, request.name, request.method, request.url);
        console.log(JSON.stringify(request.headers), JSON.stringify(request.data));
        "#,
    );
    assert_eq!(
        without_warnings(&r),
        vec![
            "req-1 Get user GET https://api.example.com/users/7?expand=true",
            r#"{"accept":"application/json"} {}"#
        ]
    );
}

#[test]
fn deprecation_warnings_once_per_global() {
    let r = test_script(
        "tests['a'] = true; tests['b'] = true; var x = responseCode.code; postman.setEnvironmentVariable('k', 1); postman.setNextRequest('n'); console.log('done');",
    );
    let warns: Vec<String> = r
        .outcome
        .console
        .iter()
        .filter(|c| c.level == "warn")
        .map(|c| c.text.clone())
        .collect();
    assert_eq!(
        warns,
        vec![
            r#"Using "tests" is deprecated. Use "pm.test()" instead."#,
            r#"Using "responseCode" is deprecated. Use "pm.response.code" instead."#,
            // newman names setNextRequest for any use of `postman`, once.
            r#"Using "postman.setNextRequest" is deprecated. Use "pm.execution.setNextRequest()" instead."#,
        ]
    );
    assert_eq!(r.outcome.next_request, NextRequest::Jump("n".into()));
}

#[test]
fn sandbox2_marker_turns_legacy_off() {
    let r = test_script(
        "'use sandbox2';\nconsole.log(typeof tests, typeof postman, typeof responseBody, typeof pm, typeof atob);",
    );
    assert_eq!(
        r.console(),
        vec!["undefined undefined undefined object function"]
    );
}

#[test]
fn prerequest_has_no_response_globals() {
    let mut sb = sandbox();
    let r = run_in(
        &mut sb,
        ScriptKind::PreRequest,
        "console.log(typeof responseBody, typeof responseCode, typeof postman.getResponseHeader, typeof postman.setEnvironmentVariable, typeof request);",
        FakeHost::default(),
    );
    assert_eq!(
        without_warnings(&r),
        vec!["undefined undefined undefined function object"]
    );
}

#[test]
fn reassigning_legacy_globals_works() {
    let r = test_script(
        "data = JSON.parse(responseBody); console.log(data.name); tests = {}; tests['replaced'] = true;",
    );
    assert_eq!(r.error(), "");
    assert_eq!(without_warnings(&r), vec!["Ada"]);
    assert_eq!(r.outcome.assertions.len(), 1);
    assert_eq!(r.outcome.assertions[0].name, "replaced");
}
