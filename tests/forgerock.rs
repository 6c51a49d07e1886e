//! ForgeRock Identity Cloud collections against a local stand-in tenant
//! (`support::fake_tenant`): the project's own collection against a strict tenant,
//! every assertion passing, and the official collection, unmodified, when it is
//! there: every request in order, credentials captured by scripts and sent back the
//! way the API expects.

mod support;

use base64::Engine;
use serde_json::Value;
use support::fake_tenant::{FakeTenant, ADMIN_PASSWORD};
use support::report::read_json;
use support::{env_value, postie};

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

#[test]
fn official_collection_runs_end_to_end_against_a_local_tenant() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let tenant = FakeTenant::start();
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("env.json");
    let out = postie()
        .arg("run")
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args([
            "--env-var",
            &format!("tenantApiV1Url={}", tenant.tenant_api()),
        ])
        .args(["--env-var", &format!("amUrl={}", tenant.am())])
        .args(["--env-var", &format!("oauth2Url={}", tenant.oauth2())])
        .args(["--env-var", "smtpPort=587"])
        .arg("--ignore-redirects")
        .arg("--export-environment")
        .arg(&exported)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The collection has no assertions, so the run passes whatever the tenant answers.
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );

    let received = tenant.server.requests();
    assert_eq!(received.len(), 62, "all 62 requests reach the tenant");

    // Collection order: the first request signs in, the last asks for id token info.
    assert_eq!(
        (received[0].method.as_str(), received[0].path()),
        ("POST", "/v1/auth/signin")
    );
    assert_eq!(received[61].path(), "/am/oauth2/idtokeninfo");

    let issued = tenant.issued();
    let env = read_json(&exported);

    // Bearer: the token captured from sign-in is what the next management call carries.
    assert_eq!(
        received[1].header("authorization"),
        Some(format!("Bearer {}", issued.signin_tokens[0]).as_str())
    );
    // An explicit Authorization header on top of bearer auth is sent once.
    for r in &received {
        assert!(
            r.headers_named("authorization").len() <= 1,
            "{} {} sent Authorization twice",
            r.method,
            r.target
        );
        assert_ne!(
            r.header("host"),
            Some("openam"),
            "a disabled Host header was sent"
        );
    }

    // App credentials captured in test scripts come back as Basic auth.
    let (web_id, web_secret) = (
        env_value(&env, "webClientId").unwrap(),
        env_value(&env, "webSecret").unwrap(),
    );
    assert!(issued
        .apps
        .iter()
        .any(|(id, s)| *id == web_id && s.as_deref() == Some(web_secret.as_str())));
    let m2m_id = env_value(&env, "m2mClientId").unwrap();
    let m2m_secret = env_value(&env, "m2mSecret").unwrap();
    let client_credentials = received
        .iter()
        .find(|r| {
            r.path() == "/am/oauth2/access_token"
                && r.text().contains("grant_type=client_credentials")
        })
        .unwrap();
    assert_eq!(
        client_credentials.header("authorization"),
        Some(basic(&m2m_id, &m2m_secret).as_str())
    );
    let refresh = received
        .iter()
        .find(|r| r.text().contains("grant_type=refresh_token"))
        .unwrap();
    assert_eq!(
        refresh.header("authorization"),
        Some(basic(&web_id, &web_secret).as_str())
    );

    // The session cookie reaches /authorize both ways: explicit header and cookie jar.
    let authorize: Vec<_> = received
        .iter()
        .filter(|r| r.path() == "/am/oauth2/authorize")
        .collect();
    assert_eq!(authorize.len(), 2);
    let session = issued.sessions.last().unwrap();
    for a in &authorize {
        assert!(
            a.header("cookie")
                .unwrap_or("")
                .contains(&format!("iPlanetDirectoryPro={session}")),
            "{:?}",
            a.header("cookie")
        );
    }

    // A secret holding '+' survives the query string of IdTokenInfo.
    let info = &received[61];
    let q: Vec<(String, String)> = url::form_urlencoded::parse(info.query().as_bytes())
        .into_owned()
        .collect();
    assert!(
        q.contains(&("client_secret".to_string(), web_secret.clone())),
        "{}",
        info.query()
    );

    // Captured values are exactly what the tenant issued.
    assert_eq!(
        env_value(&env, "accessToken").as_deref(),
        issued.access_tokens.last().map(String::as_str)
    );
    assert_eq!(
        env_value(&env, "idToken").as_deref(),
        issued.id_tokens.last().map(String::as_str)
    );
    assert_eq!(
        env_value(&env, "refreshToken").as_deref(),
        issued.refresh_tokens.last().map(String::as_str)
    );
    assert_eq!(
        env_value(&env, "userId").as_deref(),
        issued.users.last().map(String::as_str)
    );
    assert_eq!(
        env_value(&env, "authorizationCode").as_deref(),
        issued.codes.last().map(String::as_str)
    );
    assert_eq!(
        env_value(&env, "sessionToken").as_deref(),
        Some(session.as_str())
    );
    assert_eq!(
        env_value(&env, "authId").as_deref(),
        issued.auth_ids.last().map(String::as_str)
    );
    assert!(env_value(&env, "natspaClientId")
        .is_some_and(|id| issued.apps.iter().any(|(a, s)| *a == id && s.is_none())));

    // console.log lines of the scripts are shown under their request, each
    // value as newman's util.inspect shows it (strings quoted).
    for code in &issued.codes {
        assert!(
            stdout.contains(&format!("  │ 'set authorizationCode = {code}'\n")),
            "{stdout}"
        );
    }
    // {{organization.name}} in an email template is no variable: reported, sent literally.
    assert!(
        stdout.contains("  ⚠ unresolved variable {{organization.name}} in body\n"),
        "{stdout}"
    );
    assert!(received
        .iter()
        .any(|r| r.text().contains("{{organization.name}}")));
}

/// The project's user's password: characters with a meaning in form bodies and
/// Basic auth, and one outside ASCII (the collection puts it in JSON as written,
/// so it holds no quote).
const USER_PASSWORD: &str = "Us3r pa55&w/rd+=1:é";

/// The project's own collection asserts every response; against a tenant that
/// refuses what a real one refuses, every assertion passes only if postie sends
/// each credential, cookie, code and verifier exactly right.
#[test]
fn project_collection_passes_every_assertion_against_a_strict_tenant() {
    let (collection, environment) = support::project_forgerock();
    let tenant = FakeTenant::strict();
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("env.json");
    let mut cmd = postie();
    cmd.arg("run")
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args([
            "--env-var",
            &format!("tenantApiV1Url={}", tenant.tenant_api()),
        ])
        .args(["--env-var", &format!("amUrl={}", tenant.am())])
        .args(["--env-var", &format!("oauth2Url={}", tenant.oauth2())])
        .args(["--env-var", &format!("adminPassword={ADMIN_PASSWORD}")])
        .args(["--env-var", &format!("userPassword={USER_PASSWORD}")])
        .arg("--export-environment")
        .arg(&exported);
    let ran = support::run::reporting(cmd, dir.path());
    let (stdout, stderr) = (&ran.stdout, &ran.stderr);
    assert_eq!(tenant.rejections(), Vec::<String>::new(), "{stdout}");
    assert_eq!(ran.code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");

    // Every assertion of the collection ran and passed.
    let stats = &ran.report["run"]["stats"];
    assert_eq!(stats["requests"]["total"], 40);
    assert_eq!(stats["assertions"]["total"], 115);
    assert_eq!(stats["assertions"]["failed"], 0);

    // The requests reached the tenant in the collection's order.
    let received = tenant.server.requests();
    let order: Vec<String> = received
        .iter()
        .map(|r| format!("{} {}", r.method, r.path()))
        .collect();
    let mut expected = Vec::new();
    postie::collection::walk_requests(
        &postie::collection::load_collection(&collection)
            .unwrap()
            .collection
            .item,
        &mut |item, _| {
            let request = item.request.as_ref().unwrap();
            let raw = request.url.to_raw();
            let path = raw
                .replace("{{tenantApiV1Url}}", "/v1")
                .replace("{{oauth2Url}}", "/am/oauth2")
                .replace("{{amUrl}}", "/am");
            expected.push(format!(
                "{} {}",
                request.method,
                path.split('?').next().unwrap()
            ));
        },
    );
    let issued = tenant.issued();
    let env = read_json(&exported);
    let var = |k: &str| env_value(&env, k).unwrap_or_else(|| panic!("{k} not exported"));
    let (spa, web, m2m) = (&issued.apps[0], &issued.apps[1], &issued.apps[2]);
    let filled: Vec<String> = expected
        .iter()
        .map(|e| {
            e.replace("{{natspaClientId}}", &spa.0)
                .replace("{{webClientId}}", &web.0)
                .replace("{{m2mClientId}}", &m2m.0)
                .replace("{{userId}}", &issued.users[0])
        })
        .collect();
    assert_eq!(order, filled);

    // What the tenant issued is what the scripts captured.
    assert_eq!(spa.1, None, "the SPA app is public");
    assert_eq!(var("natspaClientId"), spa.0);
    assert_eq!(var("webClientId"), web.0);
    assert_eq!(var("m2mClientId"), m2m.0);
    // Secrets were regenerated once each; the scripts keep the new ones.
    assert_eq!(
        issued.rotated,
        vec![
            (web.0.clone(), var("webSecret")),
            (m2m.0.clone(), var("m2mSecret"))
        ]
    );
    assert_eq!(var("userId"), issued.users[0]);
    assert_eq!(issued.auth_ids.len(), 1);
    assert_eq!(var("authId"), issued.auth_ids[0]);
    assert_eq!(issued.sessions.len(), 1);
    assert_eq!(var("sessionToken"), issued.sessions[0]);
    assert_eq!(issued.codes.len(), 2);
    assert_eq!(var("authorizationCode"), issued.codes[1]);
    assert_eq!(Some(&var("idToken")), issued.id_tokens.last());
    assert_eq!(Some(&var("refreshToken")), issued.refresh_tokens.last());
    // "10 Clean up" puts the team member's token back.
    assert_eq!(var("accessToken"), issued.signin_tokens[0]);
    // Both revocations reached the tenant, for the last refresh and access tokens.
    assert_eq!(
        issued.revoked,
        vec![
            issued.refresh_tokens.last().unwrap().clone(),
            issued.access_tokens.last().unwrap().clone()
        ]
    );
    // Everything created was deleted again.
    assert_eq!(tenant.remaining(), (0, 0));

    // Credentials as sent: JSON and form bodies carry the passwords intact, the
    // team member's token goes to every management call but one.
    let signin: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(signin["password"], ADMIN_PASSWORD);
    let password_grant = received
        .iter()
        .find(|r| r.text().contains("grant_type=password"))
        .unwrap();
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&password_grant.body)
        .into_owned()
        .collect();
    assert!(
        form.contains(&("password".into(), USER_PASSWORD.into())),
        "{form:?}"
    );
    let admin = format!("Bearer {}", issued.signin_tokens[0]);
    let own_token = format!("Bearer {}", issued.access_tokens[1]);
    for (i, r) in received.iter().enumerate() {
        if !r.path().starts_with("/v1/") || r.path() == "/v1/auth/signin" {
            continue;
        }
        let expected = if i == 24 { &own_token } else { &admin };
        assert_eq!(
            r.headers_named("authorization"),
            vec![expected.as_str()],
            "{i}: {}",
            order[i]
        );
    }
    // The PKCE verifier of the environment is what the tenant checked the challenge against.
    let verifier = var("codeVerifier");
    let exchanges: Vec<_> = received
        .iter()
        .filter(|r| r.text().contains("grant_type=authorization_code"))
        .collect();
    assert_eq!(exchanges.len(), 2);
    for r in &exchanges {
        assert!(
            r.text().contains(&format!("code_verifier={verifier}")),
            "{}",
            r.text()
        );
    }
    // The SSO session reaches /authorize in the explicit Cookie header.
    for r in received
        .iter()
        .filter(|r| r.path() == "/am/oauth2/authorize")
    {
        assert!(
            r.headers_named("cookie")
                .iter()
                .any(|c| c.contains(&format!("iPlanetDirectoryPro={}", issued.sessions[0]))),
            "{:?}",
            r.headers
        );
    }

    // Secret values never reach the terminal.
    for secret in [
        ADMIN_PASSWORD,
        USER_PASSWORD,
        &var("webSecret"),
        &issued.sessions[0],
    ]
    .into_iter()
    .chain(issued.id_tokens.iter().map(String::as_str))
    {
        assert!(!stdout.contains(secret), "{secret} printed:\n{stdout}");
    }
    assert!(stdout.contains("id_token_hint=********&"), "{stdout}");
}

/// The strict tenant does refuse: a verifier that does not match the challenge
/// fails both code exchanges, and the collection's assertions report it.
#[test]
fn a_wrong_pkce_verifier_is_refused_by_the_strict_tenant() {
    let (collection, environment) = support::project_forgerock();
    let tenant = FakeTenant::strict();
    let out = postie()
        .arg("run")
        .arg(&collection)
        .arg("-e")
        .arg(&environment)
        .args([
            "--env-var",
            &format!("tenantApiV1Url={}", tenant.tenant_api()),
        ])
        .args(["--env-var", &format!("amUrl={}", tenant.am())])
        .args(["--env-var", &format!("oauth2Url={}", tenant.oauth2())])
        .args(["--env-var", &format!("adminPassword={ADMIN_PASSWORD}")])
        .args(["--env-var", &format!("userPassword={USER_PASSWORD}")])
        .args(["--env-var", "codeVerifier=not-the-verifier"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // Both exchanges are refused; what depends on their tokens is refused after them.
    let rejections = tenant.rejections();
    let verifier = "code_verifier 'not-the-verifier' does not match the challenge";
    assert_eq!(
        rejections.iter().filter(|r| *r == verifier).count(),
        2,
        "{rejections:?}"
    );
    assert_eq!(rejections[0], verifier);
    assert!(
        stdout.contains("expected response to have status code 200 but got 400"),
        "{stdout}"
    );
}
