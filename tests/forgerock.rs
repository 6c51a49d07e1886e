//! The official ForgeRock Identity Cloud collection, unmodified, against a local
//! stand-in tenant: every request in order, credentials captured by scripts and
//! sent back the way the API expects.

mod support;

use base64::Engine;
use serde_json::Value;
use support::fake_tenant::FakeTenant;
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
    let env: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();

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

    // console.log lines of the scripts are shown under their request.
    assert!(stdout.contains("set authorizationCode = "), "{stdout}");
    // {{organization.name}} in an email template is no variable: reported, sent literally.
    assert!(stdout.contains("organization.name"), "{stdout}");
}
