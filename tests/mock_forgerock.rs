//! The mock server against ForgeRock collections over real HTTP on 127.0.0.1: the
//! project's own collection (always), and the official one when it is there.

mod support;

use postie::collection::{walk_requests, Collection, Item};
use postie::mock::{base_url_variables, MockOptions, MockServer};
use postie::vars::Scopes;
use serde_json::json;
use support::client::{get, send};

/// The official collection with scopes holding its environment and collection variables.
fn official() -> Option<(Collection, Scopes)> {
    let (collection, environment) = support::official_forgerock()?;
    Some(support::load_with_scopes(&collection, &environment))
}

fn start() -> Option<(Collection, Scopes, MockServer)> {
    let (collection, scopes) = official()?;
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    Some((collection, scopes, server))
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
    let Some((collection, _, server)) = start() else {
        return;
    };
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
    assert_eq!(r.example(), Some("Create a New Web App"));

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
    let Some((_, _, server)) = start() else {
        return;
    };
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
    let Some((_, _, server)) = start() else {
        return;
    };
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
    let Some((_, _, server)) = start() else {
        return;
    };
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
        assert_eq!(r.example(), Some(example), "{body}");
    }
}

#[test]
fn unmatched_requests_get_a_404_naming_the_closest_examples() {
    let Some((_, _, server)) = start() else {
        return;
    };
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
    let Some((collection, scopes)) = official() else {
        return;
    };
    assert_eq!(
        base_url_variables(&collection, &scopes),
        ["tenantApiV1Url", "amUrl", "oauth2Url"]
    );
}

/// A request of the collection as `run --mock` would send it to the mock at `base`
/// (base-URL variables already pointed there): method, target, headers, body.
/// Values the run would have captured stand in as `1`.
fn as_sent(
    item: &Item,
    scopes: &Scopes,
    base: &str,
) -> (String, String, Vec<(String, String)>, String) {
    let req = item.request.as_ref().unwrap();
    let url = scopes.resolve(&req.url.to_raw()).text;
    assert!(url.starts_with(base), "{}: {url}", item.name);
    let target = fill(&url[base.len()..]).replace(' ', "%20");
    let mut headers: Vec<(String, String)> = req
        .header
        .iter()
        .filter(|h| !h.disabled && !h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| (h.key.clone(), fill(&scopes.resolve(&h.value).text)))
        .collect();
    let body = req.body.as_ref();
    let (content_type, text) = match body.and_then(|b| b.mode.as_deref()) {
        Some("raw") => (
            "application/json",
            fill(body.unwrap().raw.as_deref().unwrap_or("")),
        ),
        Some("urlencoded") => (
            "application/x-www-form-urlencoded",
            body.unwrap()
                .urlencoded
                .iter()
                .filter(|p| !p.disabled)
                .map(|p| format!("{}={}", p.key, fill(p.value.as_deref().unwrap_or(""))))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        _ => ("text/plain", String::new()),
    };
    headers.push(("Content-Type".into(), content_type.into()));
    (req.method.clone(), target, headers, text)
}

/// Points every base-URL variable of the collection at the mock, as `run --mock` does.
fn point_at(collection: &Collection, scopes: &mut Scopes, base: &str) {
    for name in base_url_variables(collection, scopes) {
        scopes.environment.set(&name, json!(base));
    }
}

/// What `run --mock` does: every base-URL variable set to the mock's base URL.
/// Each request of the collection then reaches the mock, and each is answered
/// by its own example except where the collection leaves no way to tell.
#[test]
fn every_request_reaches_the_mock_and_its_own_example() {
    let Some((collection, mut scopes)) = official() else {
        return;
    };
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    point_at(&collection, &mut scopes, &base);

    // (item, example served instead of its own)
    let others = [
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
        let (method, target, headers, body) = as_sent(item, &scopes, &base);
        // The official collection sends no mock headers: only the content type counts.
        let content_type = headers.last().unwrap();
        let r = send(
            &base,
            &method,
            &target,
            &[(content_type.0.as_str(), content_type.1.as_str())],
            &body,
        );
        let name = item.name.trim();
        if without.contains(&name) {
            assert_eq!(r.status, 404, "{name}: {}", r.body);
            assert_eq!(r.example(), None);
            return;
        }
        let expected = others
            .iter()
            .find(|(i, _)| *i == name)
            .map(|(_, e)| e.to_string())
            .unwrap_or_else(|| item.response[0].name.trim().to_string());
        assert_eq!(
            r.example(),
            Some(expected.as_str()),
            "{name}: {method} {target}"
        );
    });
    assert_eq!(seen, 62);
}

// The project's own collection: every behaviour above, on material the project owns.

fn project() -> (Collection, Scopes) {
    let (collection, environment) = support::project_forgerock();
    support::load_with_scopes(&collection, &environment)
}

/// The saved example with this name, and its request item.
fn project_example(collection: &Collection, name: &str) -> postie::collection::Response {
    let mut found = None;
    walk_requests(&collection.item, &mut |it: &Item, _: &[&Item]| {
        for e in &it.response {
            if e.name == name && found.is_none() {
                found = Some(e.clone());
            }
        }
    });
    found.unwrap_or_else(|| panic!("no example named {name}"))
}

#[test]
fn project_examples_are_served_with_their_status_headers_and_body() {
    let (collection, scopes) = project();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    // One example per request.
    assert_eq!(server.example_count(), 40);

    let r = get(&base, "/apps");
    let saved = project_example(&collection, "List apps");
    assert_eq!((r.status, r.example()), (200, Some("List apps")));
    assert_eq!(Some(r.body.as_str()), saved.body.as_deref());
    // The example's own headers, as saved.
    let saved_header = |name: &str| {
        saved
            .header
            .iter()
            .find(|h| h.key.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    };
    for name in [
        "content-type",
        "x-content-type-options",
        "x-frame-options",
        "strict-transport-security",
    ] {
        assert!(saved_header(name).is_some(), "the example has {name}");
        assert_eq!(r.header(name), saved_header(name), "{name}");
    }

    // Three examples share POST /apps: the request's x-mock-response-name picks one.
    let json = ("Content-Type", "application/json");
    for (name, code) in [
        ("Native/SPA app created", 201),
        ("Web app created", 201),
        ("Service app created", 201),
    ] {
        let r = send(
            &base,
            "POST",
            "/apps",
            &[json, ("x-mock-response-name", name)],
            "{}",
        );
        assert_eq!((r.status, r.example()), (code, Some(name)));
        assert_eq!(
            Some(r.body.as_str()),
            project_example(&collection, name).body.as_deref()
        );
    }

    // A 302 example keeps its Location, and sends no body.
    let r = get(
        &base,
        "/authorize?client_id=x&response_type=code&state=abc123",
    );
    assert_eq!(r.status, 302);
    assert_eq!(r.example(), Some("Native/SPA authorization code"));
    let location = r.header("location").unwrap();
    assert!(
        location.starts_with("https://example.com/homeLogin/?code="),
        "{location}"
    );
    assert_eq!(r.body, "");

    // The session cookie of the second authentication step is served.
    let r = send(
        &base,
        "POST",
        "/json/realms/root/authenticate?authIndexType=service&authIndexValue=UsernamePassword",
        &[
            json,
            ("x-mock-response-name", "Authentication step 2: session"),
        ],
        r#"{"authId":"a","callbacks":[]}"#,
    );
    assert_eq!(r.status, 200);
    let cookies = r.all("set-cookie");
    assert_eq!(cookies.len(), 1, "{:?}", r.headers);
    assert!(
        cookies[0].starts_with("iPlanetDirectoryPro="),
        "{cookies:?}"
    );
}

#[test]
fn project_variable_segments_and_base_paths_match() {
    let (collection, scopes) = project();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    // `{{natspaClientId}}`, `{{webClientId}}` and `{{m2mClientId}}` all match any id:
    // without a mock header the first wins, with one the named example.
    for id in ["postie-web-9a3f62d0c8e1", "anything-at-all", "caf%C3%A9"] {
        let path = format!("/apps/{id}");
        assert_eq!(
            get(&base, &path).example(),
            Some("Native/SPA app read"),
            "{path}"
        );
        let r = send(
            &base,
            "GET",
            &path,
            &[("x-mock-response-name", "Web app read")],
            "",
        );
        assert_eq!(r.example(), Some("Web app read"), "{path}");
    }
    assert_eq!(
        send(&base, "DELETE", "/users/42", &[], "").example(),
        Some("Delete user")
    );
    // A variable segment stands for one segment, not several.
    assert_eq!(get(&base, "/apps/a/b").status, 404);
    // The base variables' own paths may be included: {{tenantApiV1Url}} ends in /v1,
    // {{oauth2Url}} in /am/oauth2; another prefix is not accepted.
    assert_eq!(get(&base, "/v1/apps").example(), Some("List apps"));
    assert_eq!(
        get(&base, "/am/oauth2/userinfo").example(),
        Some("UserInfo (Native/SPA user token)")
    );
    assert_eq!(
        get(&base, "/userinfo").example(),
        Some("UserInfo (Native/SPA user token)")
    );
    assert_eq!(get(&base, "/v2/apps").status, 404);
}

#[test]
fn project_body_fields_and_query_rank_close_candidates() {
    let (collection, scopes) = project();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    // Six examples share POST {{oauth2Url}}/access_token; without a mock header the
    // form's fields decide.
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    for (body, example) in [
        (
            "grant_type=client_credentials&scope=app.read",
            "Service app token",
        ),
        (
            "grant_type=password&username=u&password=p&scope=openid",
            "Web app password grant tokens",
        ),
        (
            "grant_type=refresh_token&refresh_token=abc",
            "Web app refreshed tokens",
        ),
        (
            "grant_type=authorization_code&code=c&client_id=x&redirect_uri=r&code_verifier=v",
            "Native/SPA tokens",
        ),
    ] {
        let r = send(&base, "POST", "/access_token", &form, body);
        assert_eq!(r.example(), Some(example), "{body}");
    }
    // The two authentication steps share method, path and query: the body decides.
    let auth =
        "/json/realms/root/authenticate?authIndexType=service&authIndexValue=UsernamePassword";
    assert_eq!(
        send(&base, "POST", auth, &[], "").example(),
        Some("Authentication step 1: callbacks")
    );
    let step2 = r#"{"authId":"x","callbacks":[{"type":"NameCallback"},{"type":"PasswordCallback"}],"stage":"UsernamePassword"}"#;
    assert_eq!(
        send(
            &base,
            "POST",
            auth,
            &[("Content-Type", "application/json")],
            step2
        )
        .example(),
        Some("Authentication step 2: session")
    );
    // /users with a filter parameter (`{{parameter}}=…` in the example) or without.
    assert_eq!(get(&base, "/users").example(), Some("Users listed"));
    assert_eq!(
        get(&base, "/users?filter=userName%20eq%20%22bob%22").example(),
        Some("Users found by filter")
    );
}

#[test]
fn project_unmatched_requests_get_a_404_naming_the_closest_examples() {
    let (collection, scopes) = project();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    // Same path, other methods first.
    let r = send(&base, "PATCH", "/users", &[], "");
    assert_eq!((r.status, r.example()), (404, None));
    let body = r.json();
    assert_eq!(body["error"], "no saved example matches");
    assert_eq!(
        (body["method"].as_str(), body["path"].as_str()),
        (Some("PATCH"), Some("/users"))
    );
    let closest: Vec<(&str, &str)> = body["closest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["method"].as_str().unwrap(), c["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        closest[..3],
        [("POST", "/users"), ("GET", "/users"), ("GET", "/users")],
        "{body:#}"
    );
    assert!(closest.len() <= 5, "{body:#}");
    // Nearest paths by segment.
    let body = get(&base, "/users/42/roles").json();
    assert_eq!(body["closest"][0]["path"], "/users/{{userId}}", "{body:#}");
    // A mock header naming no example of the request says so.
    let r = send(
        &base,
        "GET",
        "/apps",
        &[("x-mock-response-name", "Nope")],
        "",
    );
    assert_eq!(r.status, 404);
    assert!(
        r.json()["hint"]
            .as_str()
            .unwrap()
            .contains("x-mock-response-name \"Nope\""),
        "{}",
        r.body
    );
    // Nothing alike at all: an empty list, still a JSON explanation.
    assert_eq!(get(&base, "/zzz").json()["closest"], json!([]));
}

#[test]
fn base_url_variables_of_the_project_collection() {
    let (collection, scopes) = project();
    assert_eq!(
        base_url_variables(&collection, &scopes),
        ["tenantApiV1Url", "amUrl", "oauth2Url"]
    );
}

/// The project's collection names each request's example with `x-mock-response-name`
/// where requests share a method and path, so every request gets its own.
#[test]
fn every_project_request_reaches_its_own_example() {
    let (collection, mut scopes) = project();
    let server = MockServer::start(&collection, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    point_at(&collection, &mut scopes, &base);
    let mut seen = 0;
    walk_requests(&collection.item, &mut |item: &Item, _: &[&Item]| {
        seen += 1;
        let (method, target, headers, body) = as_sent(item, &scopes, &base);
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = send(&base, &method, &target, &headers, &body);
        assert_eq!(item.response.len(), 1, "{}", item.name);
        let own = &item.response[0];
        assert_eq!(
            r.example(),
            Some(own.name.as_str()),
            "{}: {method} {target}",
            item.name
        );
        assert_eq!(Some(r.status), own.code, "{}", item.name);
    });
    assert_eq!(seen, 40);
}
