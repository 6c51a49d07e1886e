//! A stand-in for a ForgeRock Identity Cloud tenant, strict where the official
//! collection depends on it: it issues tokens, app credentials and sessions, sets
//! the SSO cookie, and answers `/authorize` with a 302 carrying a code only when
//! that cookie comes back.

use super::server::{Received, Reply, TestServer};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// Everything the tenant handed out, in order, so tests can compare.
#[derive(Debug, Default, Clone)]
pub struct Issued {
    pub signin_tokens: Vec<String>,
    /// (clientId, secret) per created app; SPA apps get no secret.
    pub apps: Vec<(String, Option<String>)>,
    pub users: Vec<String>,
    pub auth_ids: Vec<String>,
    pub sessions: Vec<String>,
    pub codes: Vec<String>,
    pub access_tokens: Vec<String>,
    pub id_tokens: Vec<String>,
    pub refresh_tokens: Vec<String>,
    counter: usize,
}

impl Issued {
    fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}-{:03}", self.counter)
    }
}

pub struct FakeTenant {
    pub server: TestServer,
    pub issued: Arc<Mutex<Issued>>,
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(f: &'a [(String, String)], k: &str) -> Option<&'a str> {
    f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

impl FakeTenant {
    pub fn start() -> FakeTenant {
        let issued = Arc::new(Mutex::new(Issued::default()));
        let state = issued.clone();
        let server = TestServer::start(move |r: &Received| handle(&mut state.lock().unwrap(), r));
        FakeTenant { server, issued }
    }

    pub fn tenant_api(&self) -> String {
        format!("{}/v1", self.server.base)
    }
    pub fn am(&self) -> String {
        format!("{}/am", self.server.base)
    }
    pub fn oauth2(&self) -> String {
        format!("{}/am/oauth2", self.server.base)
    }

    pub fn issued(&self) -> Issued {
        self.issued.lock().unwrap().clone()
    }
}

fn handle(s: &mut Issued, r: &Received) -> Reply {
    let path = r.path().to_string();
    let m = r.method.as_str();
    if let Some(rest) = path.strip_prefix("/v1") {
        return management(s, m, rest, r);
    }
    if path == "/am/json/realms/root/authenticate" && m == "POST" {
        let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        let last_step = body
            .get("callbacks")
            .and_then(Value::as_array)
            .map(|c| c.iter().any(|cb| cb["type"] == "PasswordCallback"))
            .unwrap_or(false);
        if last_step {
            let session = s.next("session");
            s.sessions.push(session.clone());
            return Reply::json(
                200,
                json!({ "tokenId": session, "successUrl": "/console", "realm": "/" }),
            )
            .header(
                "Set-Cookie",
                &format!("iPlanetDirectoryPro={session}; Path=/; HttpOnly"),
            );
        }
        let auth_id = s.next("authid");
        s.auth_ids.push(auth_id.clone());
        return Reply::json(
            200,
            json!({ "authId": auth_id, "callbacks": [{"type": "NameCallback"}] }),
        );
    }
    if let Some(op) = path.strip_prefix("/am/oauth2") {
        return oauth2(s, m, op, r);
    }
    Reply::json(
        404,
        json!({ "code": 404, "message": format!("no route for {m} {path}") }),
    )
}

fn management(s: &mut Issued, m: &str, path: &str, r: &Received) -> Reply {
    match (m, path) {
        ("POST", "/auth/signin") => {
            let t = s.next("signin-token");
            s.signin_tokens.push(t.clone());
            Reply::json(200, json!({ "token": t }))
        }
        ("POST", "/apps") => {
            let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
            let id = s.next("client");
            // Only confidential apps (web, service) get a secret; '+' and '/' test query encoding.
            let public = body.get("clientType").and_then(Value::as_str) == Some("Public")
                || body.to_string().contains("\"native\"")
                || body.to_string().contains("\"spa\"");
            let secret = if public {
                None
            } else {
                Some(format!("{}+s/ecret=", s.next("sec")))
            };
            s.apps.push((id.clone(), secret.clone()));
            let mut out = json!({ "clientId": id });
            if let Some(sec) = secret {
                out["secret"] = json!(sec);
            }
            Reply::json(201, out)
        }
        ("POST", "/users") => {
            let id = s.next("user");
            s.users.push(id.clone());
            Reply::json(201, json!({ "id": id, "userName": "bjensen@example.com" }))
        }
        (_, p) if p.starts_with("/apps/refresh/") => {
            Reply::json(200, json!({ "secret": "rotated" }))
        }
        _ => Reply::json(200, json!({ "ok": true })),
    }
}

fn oauth2(s: &mut Issued, m: &str, op: &str, r: &Received) -> Reply {
    match (m, op) {
        ("GET", "/authorize") => {
            let cookie = r.header("cookie").unwrap_or("");
            let has_session = s.sessions.last().is_some_and(|sess| {
                cookie
                    .split(';')
                    .any(|c| c.trim() == format!("iPlanetDirectoryPro={sess}"))
            });
            if !has_session {
                return Reply::text(302, "")
                    .header("Location", "https://example.com/login?goto=authorize");
            }
            let code = s.next("code");
            s.codes.push(code.clone());
            Reply::text(302, "").header(
                "Location",
                &format!("https://example.com/homeLogin/?code={code}&state=abc123"),
            )
        }
        ("POST", "/access_token") => {
            let f = form(&r.body);
            let grant = field(&f, "grant_type").unwrap_or("");
            let at = s.next("access");
            s.access_tokens.push(at.clone());
            let mut out = json!({ "access_token": at, "token_type": "Bearer", "expires_in": 3599, "scope": "openid profile" });
            if grant != "client_credentials" {
                let idt = s.next("idtoken");
                let rt = s.next("refresh");
                s.id_tokens.push(idt.clone());
                s.refresh_tokens.push(rt.clone());
                out["id_token"] = json!(idt);
                out["refresh_token"] = json!(rt);
            }
            Reply::json(200, out)
        }
        _ => Reply::json(200, json!({ "active": true })),
    }
}
