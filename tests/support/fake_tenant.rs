//! A stand-in for a ForgeRock Identity Cloud tenant on the tests' one server.
//!
//! It keeps state as a tenant does: apps with their secrets, users with their
//! passwords, authentication trees, SSO sessions (the `iPlanetDirectoryPro`
//! cookie), authorization codes bound to a PKCE challenge, and access, refresh and
//! ID tokens that can be introspected and revoked.
//!
//! [`FakeTenant::strict`] refuses what a real tenant refuses (a wrong or missing
//! credential, a code replayed or sent without the right verifier, a redirect URI
//! that is not registered, a revoked token) with a 401 or 400, and keeps the reason
//! in [`FakeTenant::rejections`]: the project's collection, which asserts every
//! response, passes against it only if postie sends exactly what the tenant needs.
//! [`FakeTenant::start`] is lenient: it answers everything, since the official
//! collection's order would not suit a real tenant (it deletes apps before using
//! them and never signs in with real credentials).

use super::server::{Received, Reply, TestServer};
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// The team member's password the strict tenant accepts (any e-mail).
pub const ADMIN_PASSWORD: &str = "Adm1n pa55+w/rd=";

/// Everything the tenant handed out, in order, so tests can compare.
#[derive(Debug, Default, Clone)]
pub struct Issued {
    pub signin_tokens: Vec<String>,
    /// (clientId, secret) per created app; public (SPA/native) apps get no secret.
    pub apps: Vec<(String, Option<String>)>,
    /// (clientId, new secret) per regenerated secret.
    pub rotated: Vec<(String, String)>,
    pub users: Vec<String>,
    pub auth_ids: Vec<String>,
    pub sessions: Vec<String>,
    pub codes: Vec<String>,
    pub access_tokens: Vec<String>,
    pub id_tokens: Vec<String>,
    pub refresh_tokens: Vec<String>,
    /// Tokens revoked through `/token/revoke`.
    pub revoked: Vec<String>,
    counter: usize,
}

impl Issued {
    fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}-{:03}", self.counter)
    }
}

/// What a token was issued for.
#[derive(Debug, Clone)]
struct Grant {
    client: String,
    scope: String,
    /// The user it speaks for; none for the client credentials grant.
    user: Option<String>,
    active: bool,
}

#[derive(Debug, Clone)]
struct Code {
    client: String,
    challenge: String,
    redirect_uri: String,
    scope: String,
    user: Option<String>,
}

#[derive(Default)]
struct State {
    strict: bool,
    issued: Issued,
    rejections: Vec<String>,
    admin_tokens: Vec<String>,
    /// clientId → the app as stored (no secret).
    apps: BTreeMap<String, Value>,
    secrets: HashMap<String, String>,
    /// user id → the user as stored (no password).
    users: BTreeMap<String, Value>,
    passwords: HashMap<String, String>,
    pending_auth: Vec<String>,
    /// session → user id
    sessions: HashMap<String, Option<String>>,
    codes: HashMap<String, Code>,
    access: HashMap<String, Grant>,
    refresh: HashMap<String, Grant>,
    id_tokens: HashMap<String, Grant>,
}

/// A refused request: the reply to send.
type Refused = Reply;

impl State {
    /// Passes when `ok`, or always on a lenient tenant; otherwise records `why`
    /// and answers `status`.
    fn require(&mut self, ok: bool, status: u16, why: &str) -> Result<(), Refused> {
        if ok || !self.strict {
            return Ok(());
        }
        self.rejections.push(why.to_string());
        let error = if status == 401 {
            "invalid_client"
        } else {
            "invalid_request"
        };
        Err(Reply::json(
            status,
            json!({ "error": error, "error_description": why }),
        ))
    }

    fn token(&mut self, prefix: &str) -> String {
        // Real tokens are JWTs; the collection checks that shape.
        format!("eyJ.{}", self.issued.next(prefix))
    }

    /// The client a request authenticates as: HTTP Basic (confidential apps) or a
    /// `client_id` form field (public apps).
    fn client(&mut self, r: &Received, form: &[(String, String)]) -> Result<String, Refused> {
        if let Some((id, secret)) = basic_credentials(r) {
            let ok = self.secrets.get(&id) == Some(&secret);
            self.require(ok, 401, &format!("wrong secret for client {id}"))?;
            return Ok(id);
        }
        let id = field(form, "client_id")
            .map(str::to_string)
            .or_else(|| query(r, "client_id"))
            .unwrap_or_default();
        let public = self.apps.contains_key(&id) && !self.secrets.contains_key(&id);
        self.require(public, 401, &format!("client '{id}' did not authenticate"))?;
        Ok(id)
    }

    /// The bearer token of a management call: the team member's, or an access
    /// token whose scope allows `needed`.
    fn manager(&mut self, r: &Received, needed: &str) -> Result<(), Refused> {
        let token = bearer(r).unwrap_or_default();
        let ok = self.admin_tokens.contains(&token)
            || self
                .access
                .get(&token)
                .is_some_and(|g| g.active && g.scope.split(' ').any(|s| s == needed));
        self.require(
            ok,
            401,
            &format!(
                "{} {}: bearer token '{token}' may not do this",
                r.method,
                r.path()
            ),
        )
    }

    fn tokens(&mut self, client: &str, scope: &str, user: Option<String>, refresh: bool) -> Value {
        let grant = Grant {
            client: client.to_string(),
            scope: scope.to_string(),
            user: user.clone(),
            active: true,
        };
        let access = self.token("access");
        self.issued.access_tokens.push(access.clone());
        self.access.insert(access.clone(), grant.clone());
        let mut out = json!({
            "access_token": access, "token_type": "Bearer", "expires_in": 3599, "scope": scope,
        });
        if user.is_some() && scope.split(' ').any(|s| s == "openid") {
            let id = self.token("idtoken");
            self.issued.id_tokens.push(id.clone());
            self.id_tokens.insert(id.clone(), grant.clone());
            out["id_token"] = json!(id);
        }
        if refresh {
            let rt = self.token("refresh");
            self.issued.refresh_tokens.push(rt.clone());
            self.refresh.insert(rt.clone(), grant);
            out["refresh_token"] = json!(rt);
        }
        out
    }
}

pub struct FakeTenant {
    pub server: TestServer,
    state: Arc<Mutex<State>>,
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(f: &'a [(String, String)], k: &str) -> Option<&'a str> {
    f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

fn query(r: &Received, k: &str) -> Option<String> {
    r.query_pairs()
        .into_iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v)
}

fn bearer(r: &Received) -> Option<String> {
    r.header("authorization")?
        .strip_prefix("Bearer ")
        .map(str::to_string)
}

fn basic_credentials(r: &Received) -> Option<(String, String)> {
    let encoded = r.header("authorization")?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

fn json_body(r: &Received) -> Value {
    serde_json::from_slice(&r.body).unwrap_or(Value::Null)
}

/// `values` of the callback of this type, in a tree step's body.
fn callback_input(body: &Value, kind: &str) -> Option<String> {
    body["callbacks"]
        .as_array()?
        .iter()
        .find(|c| c["type"] == kind)?["input"][0]["value"]
        .as_str()
        .map(str::to_string)
}

fn without(mut v: Value, key: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
    v
}

fn merge(target: &mut Value, changes: &Value) {
    if let (Some(t), Some(c)) = (target.as_object_mut(), changes.as_object()) {
        for (k, v) in c {
            if k != "clientId" && k != "id" && k != "password" {
                t.insert(k.clone(), v.clone());
            }
        }
    }
}

fn not_found(what: &str) -> Reply {
    Reply::json(
        404,
        json!({ "code": 404, "message": format!("{what} not found") }),
    )
}

impl FakeTenant {
    /// A lenient tenant: every request gets an answer of the right shape.
    pub fn start() -> FakeTenant {
        FakeTenant::spawn(false)
    }

    /// A tenant that refuses what a real one refuses (see the module's notes).
    pub fn strict() -> FakeTenant {
        FakeTenant::spawn(true)
    }

    fn spawn(strict: bool) -> FakeTenant {
        let state = Arc::new(Mutex::new(State {
            strict,
            ..State::default()
        }));
        let shared = state.clone();
        let server = TestServer::start(move |r: &Received| {
            let mut s = shared.lock().unwrap();
            match handle(&mut s, r) {
                Ok(reply) | Err(reply) => reply,
            }
        });
        FakeTenant { server, state }
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
        self.state.lock().unwrap().issued.clone()
    }

    /// Why the strict tenant refused requests, in order.
    pub fn rejections(&self) -> Vec<String> {
        self.state.lock().unwrap().rejections.clone()
    }

    /// Apps and users still in the tenant.
    pub fn remaining(&self) -> (usize, usize) {
        let s = self.state.lock().unwrap();
        (s.apps.len(), s.users.len())
    }
}

fn handle(s: &mut State, r: &Received) -> Result<Reply, Refused> {
    let path = r.path().to_string();
    if let Some(rest) = path.strip_prefix("/v1") {
        return management(s, rest, r);
    }
    if path == "/am/json/realms/root/authenticate" && r.method == "POST" {
        return authenticate(s, r);
    }
    if let Some(op) = path.strip_prefix("/am/oauth2") {
        return oauth2(s, op, r);
    }
    Ok(Reply::json(
        404,
        json!({ "code": 404, "message": format!("no route for {} {path}", r.method) }),
    ))
}

fn management(s: &mut State, path: &str, r: &Received) -> Result<Reply, Refused> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let m = r.method.as_str();
    match (m, segments.as_slice()) {
        ("POST", ["auth", "signin"]) => {
            let body = json_body(r);
            let email = body["email"].as_str().unwrap_or("").to_string();
            let ok = body["password"] == ADMIN_PASSWORD;
            s.require(ok, 401, &format!("wrong password for team member {email}"))?;
            let token = s.issued.next("signin-token");
            s.issued.signin_tokens.push(token.clone());
            s.admin_tokens.push(token.clone());
            Ok(Reply::json(
                200,
                json!({ "token": token, "expires": "2030-01-01T00:00:00+00:00", "user": { "email": email } }),
            ))
        }
        ("GET", ["apps"]) => {
            s.manager(r, "app.read")?;
            Ok(Reply::json(
                200,
                Value::Array(s.apps.values().cloned().collect()),
            ))
        }
        ("POST", ["apps"]) => {
            s.manager(r, "app.create")?;
            let body = json_body(r);
            let text = body.to_string();
            // Only confidential apps (web, service) get a secret; '+', '/' and '='
            // in it test the encoding of Basic auth and of query strings.
            let public = body.get("clientType").and_then(Value::as_str) == Some("Public")
                || text.contains("\"native\"")
                || text.contains("\"spa\"");
            let id = s.issued.next("client");
            let secret = (!public).then(|| format!("{}+s/ecret=", s.issued.next("sec")));
            s.issued.apps.push((id.clone(), secret.clone()));
            let mut app = if body.is_object() { body } else { json!({}) };
            app["clientId"] = json!(id);
            s.apps.insert(id.clone(), app.clone());
            if let Some(secret) = &secret {
                s.secrets.insert(id.clone(), secret.clone());
                app["secret"] = json!(secret);
            }
            Ok(Reply::json(201, app))
        }
        ("POST", ["apps", "refresh", id]) => {
            s.manager(r, "app.refresh-secret")?;
            let id = id.to_string();
            let confidential = s.secrets.contains_key(&id);
            s.require(confidential, 400, &format!("app {id} has no secret"))?;
            let secret = format!("{}+s/ecret=", s.issued.next("sec"));
            s.issued.rotated.push((id.clone(), secret.clone()));
            s.secrets.insert(id.clone(), secret.clone());
            let mut app = s
                .apps
                .get(&id)
                .cloned()
                .unwrap_or_else(|| json!({ "clientId": id }));
            app["secret"] = json!(secret);
            Ok(Reply::json(200, app))
        }
        (_, ["apps", id]) => {
            let id = id.to_string();
            s.manager(r, if m == "GET" { "app.read" } else { "app.update" })?;
            let Some(mut app) = s.apps.get(&id).cloned() else {
                s.require(false, 404, &format!("no app {id}"))?;
                return Ok(Reply::json(200, json!({ "clientId": id })));
            };
            match m {
                "PUT" => {
                    merge(&mut app, &json_body(r));
                    s.apps.insert(id, app.clone());
                }
                "DELETE" => {
                    s.apps.remove(&id);
                    s.secrets.remove(&id);
                }
                _ => {}
            }
            Ok(Reply::json(200, app))
        }
        ("POST", ["users"]) => {
            s.manager(r, "user.create")?;
            let body = json_body(r);
            let id = s.issued.next("user");
            s.issued.users.push(id.clone());
            let user_name = body["userName"].as_str().unwrap_or("").to_string();
            if let Some(p) = body["password"].as_str() {
                s.passwords.insert(user_name, p.to_string());
            }
            let mut user = without(if body.is_object() { body } else { json!({}) }, "password");
            user["id"] = json!(id);
            user["accountStatus"] = json!("Active");
            s.users.insert(id, user.clone());
            Ok(Reply::json(201, user))
        }
        ("GET", ["users"]) => {
            s.manager(r, "user.read")?;
            // A SCIM filter such as `userName eq "bjensen@example.com"`.
            let filter = query(r, "filter").or_else(|| query(r, "_queryFilter"));
            let wanted = filter.as_deref().and_then(|f| {
                let (attribute, value) = f.split_once(" eq ")?;
                Some((
                    attribute.trim().to_string(),
                    value.trim().trim_matches('"').to_string(),
                ))
            });
            let found: Vec<Value> = s
                .users
                .values()
                .filter(|u| match &wanted {
                    Some((attribute, value)) => u[attribute.as_str()] == value.as_str(),
                    None => true,
                })
                .cloned()
                .collect();
            Ok(Reply::json(
                200,
                json!({
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                    "totalResults": found.len(),
                    "Resources": found,
                }),
            ))
        }
        (_, ["users", id]) if matches!(m, "GET" | "PUT" | "DELETE") => {
            let id = id.to_string();
            s.manager(
                r,
                if m == "GET" {
                    "user.read"
                } else {
                    "user.update"
                },
            )?;
            let Some(mut user) = s.users.get(&id).cloned() else {
                s.require(false, 404, &format!("no user {id}"))?;
                return Ok(not_found("user"));
            };
            match m {
                "PUT" => {
                    merge(&mut user, &json_body(r));
                    s.users.insert(id, user.clone());
                }
                "DELETE" => {
                    s.users.remove(&id);
                }
                _ => {}
            }
            Ok(Reply::json(200, user))
        }
        _ => {
            s.require(false, 404, &format!("no route for {m} /v1{path}"))?;
            Ok(Reply::json(200, json!({ "ok": true })))
        }
    }
}

/// The UsernamePassword tree: a first call gets callbacks and an authId; a call
/// answering the password callback gets a session and its cookie.
fn authenticate(s: &mut State, r: &Received) -> Result<Reply, Refused> {
    let body = json_body(r);
    let Some(password) = callback_input(&body, "PasswordCallback") else {
        let auth_id = s.token("authid");
        s.issued.auth_ids.push(auth_id.clone());
        s.pending_auth.push(auth_id.clone());
        return Ok(Reply::json(
            200,
            json!({
                "authId": auth_id,
                "callbacks": [
                    { "type": "NameCallback", "output": [{ "name": "prompt", "value": "User Name" }],
                      "input": [{ "name": "IDToken1", "value": "" }], "_id": 0 },
                    { "type": "PasswordCallback", "output": [{ "name": "prompt", "value": "Password" }],
                      "input": [{ "name": "IDToken2", "value": "" }], "_id": 1 }
                ],
                "stage": "UsernamePassword",
            }),
        ));
    };
    let auth_id = body["authId"].as_str().unwrap_or("").to_string();
    let known = s.pending_auth.contains(&auth_id);
    s.require(known, 401, &format!("unknown authId '{auth_id}'"))?;
    s.pending_auth.retain(|a| *a != auth_id);
    let name = callback_input(&body, "NameCallback").unwrap_or_default();
    let right = s.passwords.get(&name) == Some(&password);
    s.require(right, 401, &format!("wrong password for user '{name}'"))?;
    let user = s
        .users
        .iter()
        .find(|(_, u)| u["userName"] == name.as_str())
        .map(|(id, _)| id.clone());
    let session = s.issued.next("session");
    s.issued.sessions.push(session.clone());
    s.sessions.insert(session.clone(), user);
    Ok(Reply::json(
        200,
        json!({ "tokenId": session, "successUrl": "/enduser/?realm=/", "realm": "/" }),
    )
    .header(
        "Set-Cookie",
        &format!("iPlanetDirectoryPro={session}; Path=/; HttpOnly"),
    ))
}

fn oauth2(s: &mut State, op: &str, r: &Received) -> Result<Reply, Refused> {
    let f = form(&r.body);
    // Parameters may come in the form or, in the official collection, the query.
    let param = |k: &str| field(&f, k).map(str::to_string).or_else(|| query(r, k));
    match (r.method.as_str(), op) {
        ("GET", "/authorize") => {
            let cookie = r.headers_named("cookie").join("; ");
            let session = cookie.split(';').find_map(|c| {
                let value = c.trim().strip_prefix("iPlanetDirectoryPro=")?;
                s.sessions.contains_key(value).then(|| value.to_string())
            });
            let Some(session) = session else {
                // No session: AM sends the browser to its login page.
                return Ok(Reply::text(302, "")
                    .header("Location", "https://example.com/login?goto=authorize"));
            };
            let client = param("client_id").unwrap_or_default();
            let redirect_uri = param("redirect_uri").unwrap_or_default();
            let registered = s.apps.get(&client).is_some_and(|a| {
                a["loginRedirectUris"]
                    .as_array()
                    .is_some_and(|l| l.iter().any(|u| u == redirect_uri.as_str()))
            });
            s.require(
                registered,
                400,
                &format!("redirect_uri '{redirect_uri}' is not registered for client '{client}'"),
            )?;
            let challenge = param("code_challenge").unwrap_or_default();
            let s256 = param("code_challenge_method").as_deref() == Some("S256");
            s.require(
                !challenge.is_empty() && s256,
                400,
                "a PKCE challenge (S256) is required",
            )?;
            let code = s.issued.next("code");
            s.issued.codes.push(code.clone());
            let user = s.sessions.get(&session).cloned().flatten();
            s.codes.insert(
                code.clone(),
                Code {
                    client,
                    challenge,
                    redirect_uri: redirect_uri.clone(),
                    scope: param("scope").unwrap_or_default(),
                    user,
                },
            );
            let state = param("state").unwrap_or_default();
            let target = if redirect_uri.is_empty() {
                "https://example.com/homeLogin/".to_string()
            } else {
                redirect_uri
            };
            Ok(Reply::text(302, "")
                .header("Location", &format!("{target}?code={code}&state={state}")))
        }
        ("POST", "/access_token") => {
            let client = s.client(r, &f)?;
            let grant = field(&f, "grant_type").unwrap_or("").to_string();
            let requested = field(&f, "scope").unwrap_or("").to_string();
            match grant.as_str() {
                "authorization_code" => {
                    let code = field(&f, "code").unwrap_or("").to_string();
                    let Some(c) = s.codes.remove(&code) else {
                        s.require(false, 400, &format!("code '{code}' is unknown or used"))?;
                        return Ok(Reply::json(
                            200,
                            s.tokens(&client, "openid profile", None, true),
                        ));
                    };
                    s.require(
                        c.client == client,
                        400,
                        "the code was issued to another client",
                    )?;
                    let same_uri = field(&f, "redirect_uri") == Some(c.redirect_uri.as_str());
                    s.require(
                        same_uri,
                        400,
                        "redirect_uri differs from the authorize request",
                    )?;
                    let verifier = field(&f, "code_verifier").unwrap_or("");
                    let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                        .encode(Sha256::digest(verifier.as_bytes()));
                    s.require(
                        computed == c.challenge,
                        400,
                        &format!("code_verifier '{verifier}' does not match the challenge"),
                    )?;
                    Ok(Reply::json(200, s.tokens(&client, &c.scope, c.user, true)))
                }
                "client_credentials" => {
                    let allowed = s.apps.get(&client).is_some_and(|a| {
                        requested.split(' ').all(|want| {
                            a["apiScopes"]
                                .as_array()
                                .is_some_and(|l| l.iter().any(|s| s == want))
                        })
                    });
                    s.require(allowed, 400, &format!("scope '{requested}' not allowed"))?;
                    Ok(Reply::json(200, s.tokens(&client, &requested, None, false)))
                }
                "password" => {
                    let name = field(&f, "username").unwrap_or("").to_string();
                    let right = s.passwords.get(&name).map(String::as_str) == field(&f, "password");
                    s.require(right, 401, &format!("wrong password for user '{name}'"))?;
                    let user = s
                        .users
                        .iter()
                        .find(|(_, u)| u["userName"] == name.as_str())
                        .map(|(id, _)| id.clone());
                    Ok(Reply::json(200, s.tokens(&client, &requested, user, true)))
                }
                "refresh_token" => {
                    let token = field(&f, "refresh_token").unwrap_or("").to_string();
                    let g = s.refresh.get(&token).cloned();
                    let valid = g.as_ref().is_some_and(|g| g.active && g.client == client);
                    s.require(valid, 400, &format!("refresh token '{token}' is not valid"))?;
                    // The refresh token rotates: the old one stops working.
                    if let Some(old) = s.refresh.get_mut(&token) {
                        old.active = false;
                    }
                    let (scope, user) = g.map(|g| (g.scope, g.user)).unwrap_or_default();
                    Ok(Reply::json(200, s.tokens(&client, &scope, user, true)))
                }
                other => {
                    s.require(false, 400, &format!("unsupported grant_type '{other}'"))?;
                    Ok(Reply::json(200, s.tokens(&client, &requested, None, true)))
                }
            }
        }
        ("GET", "/userinfo") => {
            let token = bearer(r).unwrap_or_default();
            let grant = s.access.get(&token).filter(|g| g.active).cloned();
            s.require(
                grant.is_some(),
                401,
                &format!("userinfo: token '{token}' is not active"),
            )?;
            let user = grant
                .and_then(|g| g.user)
                .and_then(|id| s.users.get(&id).cloned())
                .unwrap_or(json!({}));
            Ok(Reply::json(
                200,
                json!({
                    "sub": user["id"],
                    "name": user["name"]["formatted"],
                    "given_name": user["name"]["givenName"],
                    "family_name": user["name"]["familyName"],
                    "email": user["userName"],
                }),
            ))
        }
        ("POST", "/idtokeninfo") => {
            // The official collection sends the client in the query instead.
            let client = if query(r, "client_secret").is_some() && !s.strict {
                param("client_id").unwrap_or_default()
            } else {
                s.client(r, &f)?
            };
            let id_token = param("id_token").unwrap_or_default();
            let grant = s.id_tokens.get(&id_token).cloned();
            let mine = grant.as_ref().is_some_and(|g| g.client == client);
            s.require(
                mine,
                400,
                &format!("id_token '{id_token}' was not issued to {client}"),
            )?;
            Ok(Reply::json(
                200,
                json!({
                    "sub": grant.and_then(|g| g.user),
                    "aud": client, "azp": client, "tokenName": "id_token",
                    "iat": 1_700_000_000, "exp": 1_700_003_600,
                }),
            ))
        }
        ("GET", "/tokeninfo") => {
            let token = bearer(r)
                .or_else(|| query(r, "access_token"))
                .unwrap_or_default();
            let grant = s.access.get(&token).filter(|g| g.active).cloned();
            s.require(
                grant.is_some(),
                401,
                &format!("tokeninfo: token '{token}' is not active"),
            )?;
            let grant = grant.unwrap_or(Grant {
                client: String::new(),
                scope: String::new(),
                user: None,
                active: true,
            });
            Ok(Reply::json(
                200,
                json!({
                    "access_token": token, "token_type": "Bearer", "expires_in": 3500,
                    "scope": grant.scope.split(' ').filter(|s| !s.is_empty()).collect::<Vec<_>>(),
                    "client_id": grant.client, "sub": grant.user,
                }),
            ))
        }
        ("POST", "/introspect") => {
            let client = s.client(r, &f)?;
            let token = param("token").unwrap_or_default();
            let lenient = !s.strict;
            let grant = s
                .access
                .get(&token)
                .or_else(|| s.refresh.get(&token))
                .filter(|g| g.active && (g.client == client || lenient))
                .cloned();
            Ok(Reply::json(
                200,
                match grant {
                    Some(g) => json!({
                        "active": true, "scope": g.scope, "client_id": g.client,
                        "user_id": g.user, "token_type": "Bearer", "exp": 1_700_003_600,
                    }),
                    None => json!({ "active": false }),
                },
            ))
        }
        ("POST", "/token/revoke") => {
            s.client(r, &f)?;
            let token = field(&f, "token").unwrap_or("").to_string();
            for g in [s.access.get_mut(&token), s.refresh.get_mut(&token)]
                .into_iter()
                .flatten()
            {
                g.active = false;
            }
            s.issued.revoked.push(token);
            Ok(Reply::json(200, json!({})))
        }
        ("GET", "/connect/endSession") => {
            let hint = param("id_token_hint").unwrap_or_default();
            let known = s.id_tokens.contains_key(&hint);
            s.require(known, 400, &format!("id_token_hint '{hint}' is unknown"))?;
            let target = param("post_logout_redirect_uri").unwrap_or_default();
            let registered = s.apps.values().any(|a| {
                a["logoutRedirectUris"]
                    .as_array()
                    .is_some_and(|l| l.iter().any(|u| u == target.as_str()))
            });
            s.require(
                registered,
                400,
                &format!("post_logout_redirect_uri '{target}' is not registered"),
            )?;
            Ok(Reply::text(302, "").header("Location", &target))
        }
        (m, _) => {
            s.require(false, 404, &format!("no route for {m} /am/oauth2{op}"))?;
            Ok(Reply::json(200, json!({ "active": true })))
        }
    }
}
