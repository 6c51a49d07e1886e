//! The mock server against the official ForgeRock collection and its environment,
//! over real HTTP on 127.0.0.1.

mod mock_support;

use mock_support::{forgerock, get, send};
use postie::collection::{walk_requests, Collection, Item};
use postie::mock::{base_url_variables, MockOptions, MockServer};
use postie::vars::Scopes;
use serde_json::json;

fn start() -> (Collection, Scopes, MockServer) {
    let (collection, scopes) = forgerock();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    (collection, scopes, server)
}

/// The saved example of the request item with this name.
fn example_body(collection: &Collection, item: &str) -> String {
    let mut found = None;
    walk_requests(&collection.item, &mut |it: &Item, _: &[&Item]| {
        if found.is_none() && it.name.trim() == item {
            found = it.response.first().and_then(|r| r.body.clone());
        }
    });
    found.unwrap_or_else(|| panic!("no example for {item}"))
}

/// Replaces every `{{variable}}` with `1`, standing in for values a run captures.
fn fill(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        match rest[i..].find("}}") {
            Some(j) => {
                out.push('1');
                rest = &rest[i + j + 2..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn serves_an_example_with_its_status_headers_and_body() {
    let (collection, _, server) = start();
    let base = server.base_url();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    // 62 requests; `Recover Username` and `Delete Configured SMTP Server` have no example.
    assert_eq!(server.example_count(), 60);

    let r = get(&base, "/apps");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, example_body(&collection, "Get Apps"));
    assert_eq!(r.example(), Some("Get Apps"));
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(
        r.header("strict-transport-security"),
        Some("max-age=15552000; includeSubDomains")
    );
    assert!(r.body.contains("\"clientId\""));

    // 201; three examples share POST /apps and the body's `type` picks one.
    let json = [("Content-Type", "application/json")];
    let r = send(
        &base,
        "POST",
        "/apps",
        &json,
        r#"{"name":"mine","type":"spa"}"#,
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.example(), Some("Create a Native/SPA App"));
    assert_eq!(r.body, example_body(&collection, "Create a Native/SPA App"));
    let r = send(
        &base,
        "POST",
        "/apps",
        &json,
        r#"{"name":"mine","type":"web"}"#,
    );
    assert_eq!(r.example().map(str::trim), Some("Create a New Web App"));

    // The saved Content-Length (4530) is not the body's length: the server sets its own
    // (the helper checks it against the bytes received).
    let r = send(
        &base,
        "POST",
        "/access_token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "grant_type=authorization_code&code=abc&client_id=x",
    );
    assert_eq!(r.status, 200);
    assert_ne!(r.header("content-length"), Some("4530"));
    assert_eq!(r.header("via"), Some("1.1 google"));

    // A 302 example keeps its Location; a 400 example its status.
    let r = get(&base, "/authorize?client_id=x&response_type=code");
    assert_eq!(r.status, 302);
    assert!(
        r.header("location").unwrap().contains("code="),
        "{:?}",
        r.headers
    );
    let r = send(&base, "POST", "/token/revoke", &[], "");
    assert_eq!(r.status, 400);
    assert_eq!(r.example(), Some("Revoke"));

    // Two Set-Cookie headers are both served.
    let r = send(
        &base,
        "POST",
        "/json/realms/root/authenticate?authIndexType=service&authIndexValue=UsernamePassword",
        &[("Content-Type", "application/json")],
        r#"{"authId":"a","callbacks":[{"type":"NameCallback","input":[{"name":"IDToken1","value":"u"}]}]}"#,
    );
    assert_eq!(r.example(), Some("Authenticate UserName Password Step 2"));
    assert_eq!(r.all("set-cookie").len(), 2, "{:?}", r.headers);
}

#[test]
fn variable_segments_match_any_value() {
    let (_, _, server) = start();
    let base = server.base_url();
    for (method, path, example) in [
        ("GET", "/apps/dad2bb835aa7d9d768c469964ef5679e", "Get App"),
        ("GET", "/apps/anything-at-all", "Get App"),
        ("GET", "/users/5b6a5b9a-9b8c", "Get user"),
        ("DELETE", "/users/42", "Delete user"),
        ("POST", "/apps/refresh/abc", "Regenerate Web App Secret"),
        ("PUT", "/email-templates/welcome", "Modify Email Template"),
        (
            "POST",
            "/users/reset-password/tok%20en",
            "Reset Password with Token",
        ),
        // Literal segments must match: `reset-password` is not a user id for GET.
        ("GET", "/users", "Get users"),
    ] {
        let r = send(&base, method, path, &[], "");
        assert_eq!(r.example(), Some(example), "{method} {path}: {}", r.body);
    }
    // Variable segments stand for one segment, not several.
    assert_eq!(get(&base, "/apps/a/b").status, 404);
}

#[test]
fn the_base_variables_path_may_be_included() {
    let (_, _, server) = start();
    let base = server.base_url();
    // {{tenantApiV1Url}} = https://api-….forgeblocks.com/v1: /apps and /v1/apps.
    assert_eq!(get(&base, "/v1/apps").example(), Some("Get Apps"));
    assert_eq!(get(&base, "/v1/apps/x").example(), Some("Get App"));
    // {{oauth2Url}} = https://openam-….forgeblocks.com/am/oauth2
    assert_eq!(
        get(&base, "/am/oauth2/userinfo").example(),
        Some("UserInfo")
    );
    assert_eq!(get(&base, "/userinfo").example(), Some("UserInfo"));
    // but another prefix is not accepted
    assert_eq!(get(&base, "/v2/apps").status, 404);
}

#[test]
fn query_parameters_and_body_rank_close_candidates() {
    let (_, _, server) = start();
    let base = server.base_url();
    let auth = "/json/realms/root/authenticate?authIndexType=service&authIndexValue=";
    let json = [("Content-Type", "application/json")];
    let post = |target: &str, body: &str| send(&base, "POST", target, &json, body);

    // Same path and method; the authIndexValue query parameter decides.
    assert_eq!(
        post(&format!("{auth}UsernamePassword"), "").example(),
        Some("Authenticate UserName Password Step 1")
    );
    assert_eq!(
        post(&format!("{auth}SecondFactor"), "").example(),
        Some("First Factor UserName Password Step 1")
    );
    // Same query; the body's fields decide.
    let choice = r#"{"authId":"x","callbacks":[{"type":"ChoiceCallback","output":[{"name":"prompt","value":"SecondFactorChoice"}],"input":[{"name":"IDToken1","value":0}],"_id":2}],"stage":"SecondFactorChoice"}"#;
    assert_eq!(
        post(&format!("{auth}SecondFactor"), choice).example(),
        Some("Second Factor Choice of MFA Step 3")
    );
    let otp = r#"{"authId":"x","callbacks":[{"type":"PasswordCallback","output":[{"name":"prompt","value":"One Time Password"}],"input":[{"name":"IDToken1","value":"123456"}],"_id":0}],"stage":"OneTimePasswordEmail"}"#;
    assert_eq!(
        post(&format!("{auth}SecondFactor"), otp).example(),
        Some("Second Factor Response Step 4")
    );

    // /users with a filter parameter (`{{parameter}}=…` in the example) or without.
    assert_eq!(get(&base, "/users").example(), Some("Get users"));
    assert_eq!(
        get(&base, "/users?_queryFilter=userName%20eq%20%22bob%22").example(),
        Some("Get users with search filter")
    );

    // Seven examples share POST {{oauth2Url}}/access_token; grant_type picks one.
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    for (body, example) in [
        (
            "grant_type=refresh_token&refresh_token=abc",
            "Get Refresh Token",
        ),
        (
            "grant_type=password&username=u&password=p&scope=openid",
            "Get Web App Token - Password Grant",
        ),
        (
            "scope=app.read&grant_type=client_credentials",
            "Get Access Token - Client Credentials Grant",
        ),
        (
            "grant_type=authorization_code&code=c&client_id=x&redirect_uri=https%3A%2F%2Fexample.com%2FhomeLogin%2F&code_verifier=v",
            "Exchange Authorization Code to Access Token",
        ),
    ] {
        let r = send(&base, "POST", "/access_token", &form, body);
        assert_eq!(r.example().map(str::trim), Some(example), "{body}");
    }
}

#[test]
fn unmatched_requests_get_a_404_naming_the_closest_examples() {
    let (_, _, server) = start();
    let base = server.base_url();

    // Item 36's only example was saved for PUT /email-server, so POST /email has none.
    let r = send(&base, "POST", "/email", &[], "{}");
    assert_eq!(r.status, 404);
    assert_eq!(r.example(), None);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let body = r.json();
    assert_eq!(body["error"], "no saved example matches");
    assert_eq!(body["method"], "POST");
    assert_eq!(body["path"], "/email");
    let closest = body["closest"].as_array().unwrap();
    assert!(!closest.is_empty() && closest.len() <= 5, "{body:#}");
    assert!(
        closest.contains(&json!({
            "method": "PUT",
            "path": "/email-server",
            "example": "Configure/Modify SMTP Server",
            "item": "Send Test Email through SMTP",
        })),
        "{body:#}"
    );

    // Same path, other methods come first.
    let r = send(&base, "DELETE", "/email-server", &[], "");
    assert_eq!(r.status, 404);
    let body = r.json();
    let first: Vec<(&str, &str)> = body["closest"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|c| (c["method"].as_str().unwrap(), c["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        first,
        [
            ("PUT", "/email-server"),
            ("GET", "/email-server"),
            ("PUT", "/email-server")
        ]
    );

    // Nearest paths by segment.
    let body = get(&base, "/users/42/roles").json();
    let paths: Vec<&str> = body["closest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths[0], "/users/{{userId}}", "{body:#}");
    assert!(paths.len() <= 5);

    // Nothing alike at all: an empty list, still a JSON explanation.
    let body = get(&base, "/zzz").json();
    assert_eq!(body["closest"], json!([]));
}

#[test]
fn base_url_variables_of_the_official_collection() {
    let (collection, scopes) = forgerock();
    assert_eq!(
        base_url_variables(&collection, &scopes),
        ["tenantApiV1Url", "amUrl", "oauth2Url"]
    );
}

/// What `run --mock` does: every base-URL variable set to the mock's base URL.
/// Each request of the collection then reaches the mock, and each is answered
/// by its own example except where the collection leaves no way to tell.
#[test]
fn every_request_reaches_the_mock_and_its_own_example() {
    let (collection, mut scopes) = forgerock();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    for name in base_url_variables(&collection, &scopes) {
        scopes.environment.set(&name, json!(base));
    }

    // (item, example served instead of its own, why)
    let expected_others = [
        // Same method, path and (empty) body as earlier items: the first wins.
        ("Delete Web App", "Delete Native/SPA App"),
        ("Delete Service (M2M) App", "Delete Native/SPA App"),
        (
            "Regenerate Service (M2M) App Secret",
            "Regenerate Web App Secret",
        ),
        // Same body keys, values only variables.
        (
            "Get Access Token - QuickStart Default Express App",
            "Get Access Token - Client Credentials Grant",
        ),
    ];
    // No saved example for these (item 36's example is for PUT /email-server).
    let without = [
        "Recover Username",
        "Delete Configured SMTP Server",
        "Send Test Email through SMTP",
    ];

    let mut seen = 0;
    walk_requests(&collection.item, &mut |item: &Item, _: &[&Item]| {
        seen += 1;
        let req = item.request.as_ref().unwrap();
        let url = scopes.resolve(&req.url.to_raw()).text;
        assert!(url.starts_with(&base), "{}: {url}", item.name);
        // Values the run would have captured stand in as `1`.
        let target = fill(&url[base.len()..]);
        let (content_type, body) = match req.body.as_ref().and_then(|b| b.mode.as_deref()) {
            Some("raw") => (
                "application/json",
                fill(req.body.as_ref().unwrap().raw.as_deref().unwrap_or("")),
            ),
            Some("urlencoded") => (
                "application/x-www-form-urlencoded",
                req.body
                    .as_ref()
                    .unwrap()
                    .urlencoded
                    .iter()
                    .filter(|p| !p.disabled)
                    .map(|p| format!("{}={}", p.key, fill(p.value.as_deref().unwrap_or(""))))
                    .collect::<Vec<_>>()
                    .join("&"),
            ),
            _ => ("text/plain", String::new()),
        };
        let target = target.replace(' ', "%20");
        let r = send(
            &base,
            &req.method,
            &target,
            &[("Content-Type", content_type)],
            &body,
        );
        let name = item.name.trim();
        if without.contains(&name) {
            assert_eq!(r.status, 404, "{name}: {}", r.body);
            return;
        }
        let served = r.example().map(str::trim).unwrap_or("<none>");
        let own = item.response.iter().any(|e| e.name.trim() == served);
        let allowed = expected_others
            .iter()
            .any(|(i, e)| *i == name && *e == served);
        assert!(
            own || allowed,
            "{name}: {} {target} served {served}",
            req.method
        );
    });
    assert_eq!(seen, 62);
}
