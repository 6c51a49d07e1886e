//! Finding the values a run must hide. Before it starts: variables typed
//! `secret` or named like credentials, and the credentials written in the
//! collection (auth parameters, credential-named headers, query parameters and
//! body fields). After each request: whatever scripts put into such variables,
//! the credentials that were sent (auth, the `Authorization` header), and the
//! token fields of the response. Reporters are told each new one before the
//! execution in which it appeared, so nothing of it is ever printed.

use super::events::Execution;
use crate::collection::{value_text, Auth, Body, Collection, Header, Item, Request};
use crate::http::HttpResponse;
use crate::vars::{Scopes, SecretNames};
use base64::Engine;
use percent_encoding::percent_decode_str;
use serde_json::Value;
use std::collections::HashSet;

/// Bodies larger than this are not searched for token fields.
const MAX_SCANNED_BODY: usize = 8 * 1024 * 1024;

/// Finds secrets and remembers which were already announced.
#[derive(Debug, Default)]
pub struct SecretFinder {
    names: SecretNames,
    seen: HashSet<String>,
}

impl SecretFinder {
    pub fn new(names: SecretNames) -> Self {
        SecretFinder {
            names,
            seen: HashSet::new(),
        }
    }

    /// Keeps the values not announced yet.
    fn fresh(&mut self, found: Vec<String>) -> Vec<String> {
        if self.names.off {
            return Vec::new();
        }
        let mut out = Vec::new();
        for v in found {
            let v = v.trim().to_string();
            if !v.is_empty() && self.seen.insert(v.clone()) {
                out.push(v);
            }
        }
        out
    }

    /// What is secret before anything runs.
    pub fn before_run(&mut self, collection: &Collection, scopes: &Scopes) -> Vec<String> {
        let mut found = scopes.secret_values_under(&self.names);
        let mut found_in = |auth: Option<&Auth>, request: Option<&Request>| {
            if let Some(a) = auth {
                self.auth(a, scopes, &mut found);
            }
            if let Some(r) = request {
                self.request_model(r, scopes, &mut found);
            }
        };
        found_in(collection.auth.as_ref(), None);
        let mut stack: Vec<&Item> = collection.item.iter().collect();
        while let Some(item) = stack.pop() {
            found_in(item.auth.as_ref(), item.request.as_ref());
            if let Some(children) = &item.item {
                stack.extend(children.iter());
            }
        }
        self.fresh(found)
    }

    /// Values of secret variables not announced yet (a new data row, say).
    pub fn in_scopes(&mut self, scopes: &Scopes) -> Vec<String> {
        let found = scopes.secret_values_under(&self.names);
        self.fresh(found)
    }

    /// What became secret during one execution.
    pub fn after(
        &mut self,
        exec: &Execution<'_>,
        collection: &Collection,
        scopes: &Scopes,
    ) -> Vec<String> {
        // Only a script changes the variables during an execution (a data row
        // changes them between iterations, `in_scopes`): without one that set
        // a variable, whatever they hold was found before.
        let mut found = if exec.variables_set {
            scopes.secret_values_under(&self.names)
        } else {
            Vec::new()
        };
        let auth = crate::request::auth::effective(
            exec.item.request.as_ref().and_then(|r| r.auth.as_ref()),
            &exec.parents,
            collection.auth.as_ref(),
        );
        if let Some(a) = auth {
            self.auth(a, scopes, &mut found);
        }
        if let Some(password) = exec.shown_url.as_deref().and_then(url_password) {
            found.push(
                percent_decode_str(password)
                    .decode_utf8_lossy()
                    .into_owned(),
            );
            found.push(password.to_string());
        }
        // The item's own requests and those its scripts sent (a token fetched
        // with pm.sendRequest is as secret as one the collection fetches).
        let requests = exec
            .request
            .iter()
            .chain(exec.handshake.iter().map(|h| &h.request))
            .chain(exec.sent.iter().map(|s| &s.request));
        for r in requests {
            for (k, v) in &r.headers {
                self.header(k, v, &mut found);
            }
            // Only a `?` starts a query: a URL without one has no pairs to look
            // at, and parsing it was a tenth of a request without a script.
            if r.url.contains('?') {
                if let Ok(url) = url::Url::parse(&r.url) {
                    self.pairs(url.query_pairs(), &mut found);
                }
            }
            if let Some(body) = &r.body {
                self.body(r.header("content-type"), body, &mut found);
            }
        }
        let responses = exec
            .response
            .iter()
            .chain(exec.handshake.iter().map(|h| &h.response))
            .chain(exec.sent.iter().filter_map(|s| s.response.as_ref()));
        for resp in responses {
            self.response(resp, &mut found);
        }
        self.fresh(found)
    }

    /// The credentials of an auth block, as written and as resolved.
    fn auth(&self, auth: &Auth, scopes: &Scopes, found: &mut Vec<String>) {
        let params = auth.params();
        for (key, value) in &params {
            let credential = self.names.covers(key) || (auth.kind == "apikey" && key == "value");
            if credential {
                push_resolved(&value_text(value.clone()), scopes, found);
            }
        }
        if auth.kind == "basic" {
            let text = |k: &str| scopes.resolve(&auth.text(k)).text;
            let pair = format!("{}:{}", text("username"), text("password"));
            found.push(base64::engine::general_purpose::STANDARD.encode(pair));
        }
    }

    /// Credential-named headers, query parameters and body fields as the
    /// collection writes them.
    fn request_model(&self, r: &Request, scopes: &Scopes, found: &mut Vec<String>) {
        if let Some(a) = &r.auth {
            self.auth(a, scopes, found);
        }
        for Header { key, value, .. } in &r.header {
            if self.names.covers(key) {
                push_resolved(&credential_part(value), scopes, found);
            }
        }
        for q in &r.url.query {
            if let (Some(k), Some(v)) = (&q.key, &q.value) {
                if self.names.covers(k) {
                    push_resolved(v, scopes, found);
                }
            }
        }
        if let Some(Body {
            urlencoded,
            formdata,
            ..
        }) = &r.body
        {
            for p in urlencoded.iter().chain(formdata) {
                if let Some(v) = &p.value {
                    if self.names.covers(&p.key) {
                        push_resolved(v, scopes, found);
                    }
                }
            }
        }
    }

    fn header(&self, name: &str, value: &str, found: &mut Vec<String>) {
        if self.names.covers(name) {
            found.push(credential_part(value));
            found.push(value.to_string());
        }
    }

    fn pairs<'a>(
        &self,
        pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
        found: &mut Vec<String>,
    ) {
        for (k, v) in pairs {
            if self.names.covers(&k) {
                found.push(v.into_owned());
            }
        }
    }

    /// Credential fields of a JSON or form body.
    fn body(&self, content_type: Option<&str>, body: &[u8], found: &mut Vec<String>) {
        if body.len() > MAX_SCANNED_BODY || !mentions_credentials(body) {
            return;
        }
        let ct = content_type.unwrap_or("").to_ascii_lowercase();
        if ct.contains("x-www-form-urlencoded") {
            self.pairs(url::form_urlencoded::parse(body), found);
            return;
        }
        let start = body.iter().find(|b| !b.is_ascii_whitespace());
        if ct.contains("json") || matches!(start, Some(b'{') | Some(b'[')) {
            // serde_json's own depth limit keeps a hostile body from recursing far.
            if let Ok(doc) = serde_json::from_slice::<Value>(body) {
                self.json_fields(&doc, found);
            }
        }
    }

    fn response(&self, resp: &HttpResponse, found: &mut Vec<String>) {
        for (k, v) in &resp.headers {
            self.header(k, v, found);
        }
        self.body(resp.header("content-type"), &resp.body, found);
    }

    fn json_fields(&self, doc: &Value, found: &mut Vec<String>) {
        let mut stack = vec![doc];
        while let Some(v) = stack.pop() {
            match v {
                Value::Object(map) => {
                    for (k, v) in map {
                        match v {
                            Value::String(_) | Value::Number(_) if self.names.covers(k) => {
                                found.push(value_text(v.clone()))
                            }
                            _ => stack.push(v),
                        }
                    }
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
}

/// The value as written and, when it holds variables, as resolved.
fn push_resolved(text: &str, scopes: &Scopes, found: &mut Vec<String>) {
    let resolved = scopes.resolve(text);
    if resolved.unresolved.is_empty() || resolved.text != text {
        found.push(resolved.text);
    }
    if !crate::vars::has_references(text) {
        found.push(text.to_string());
    }
}

/// `Bearer abc` → `abc`: the scheme of an `Authorization` value is no secret.
fn credential_part(value: &str) -> String {
    let value = value.trim();
    match value.split_once(char::is_whitespace) {
        Some((scheme, rest))
            if !rest.trim().is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            rest.trim().to_string()
        }
        _ => value.to_string(),
    }
}

/// A cheap look before parsing a body: does it name anything like a credential?
fn mentions_credentials(body: &[u8]) -> bool {
    use std::sync::OnceLock;
    static HINTS: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let hints = HINTS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "pass",
                "pwd",
                "secret",
                "token",
                "key",
                "authorization",
                "credential",
            ])
            .ok()
    });
    match hints {
        Some(h) => h.is_match(body),
        None => true,
    }
}

/// The password of `scheme://user:password@host/…` as the URL writes it.
fn url_password(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (userinfo, _) = authority.rsplit_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    Some(password).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_collection_and_scopes_give_their_credentials_before_the_run() {
        let collection: Collection = serde_json::from_value(json!({
            "info": {"name": "c"},
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{jwt}}"}]},
            "item": [{"name": "f", "item": [{"name": "r", "request": {
                "url": "http://h/?client_secret=lit-secret&page=2",
                "header": [{"key": "X-Api-Key", "value": "hdr-key-1"}],
                "auth": {"type": "basic", "basic": [
                    {"key": "username", "value": "bob"}, {"key": "password", "value": "pa55word"}]},
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "password", "value": "form-pw"}]}
            }}]}]
        }))
        .unwrap();
        let mut scopes = Scopes::default();
        scopes.environment.set("jwt", json!("eyJ.jwt.value"));
        scopes.environment.set("apiKey", json!("env-api-key"));
        scopes.environment.set("user", json!("not-secret"));
        let mut finder = SecretFinder::new(SecretNames::default());
        let mut found = finder.before_run(&collection, &scopes);
        found.sort();
        let basic = base64::engine::general_purpose::STANDARD.encode("bob:pa55word");
        let mut expected = vec![
            "env-api-key".to_string(),
            "eyJ.jwt.value".into(),
            "form-pw".into(),
            "hdr-key-1".into(),
            "lit-secret".into(),
            "pa55word".into(),
            basic,
        ];
        expected.sort();
        assert_eq!(found, expected);
        assert!(
            finder.before_run(&collection, &scopes).is_empty(),
            "announced once"
        );
    }

    #[test]
    fn token_fields_of_bodies_and_authorization_values() {
        let finder = SecretFinder::new(SecretNames::default());
        let mut found = Vec::new();
        finder.body(
            Some("application/json"),
            br#"{"access_token":"at-1","token_type":"Bearer","nested":{"id_token":"it-2"},"expires_in":3600}"#,
            &mut found,
        );
        finder.body(
            Some("application/x-www-form-urlencoded"),
            b"refresh_token=rt%2B3&scope=x",
            &mut found,
        );
        finder.body(None, br#"{"name":"nothing to see"}"#, &mut found);
        assert_eq!(found, ["at-1", "it-2", "rt+3"]);
        assert_eq!(credential_part("Bearer abc.def"), "abc.def");
        assert_eq!(credential_part("abc def"), "def");
        assert_eq!(credential_part("justatoken"), "justatoken");
    }

    #[test]
    fn no_mask_finds_nothing() {
        let mut scopes = Scopes::default();
        scopes.environment.set("password", json!("hunter22"));
        let mut finder = SecretFinder::new(SecretNames {
            extra: vec![],
            off: true,
        });
        assert!(finder
            .before_run(&Collection::default(), &scopes)
            .is_empty());
    }
}
