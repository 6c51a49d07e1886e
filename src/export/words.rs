//! From the structured request's text to the words an export writes: each variable
//! inlined, kept as `{{name}}`, or hidden behind a placeholder, decided from the
//! pieces of the text themselves.

use super::placeholders::{env_name, Placeholders};
use super::quote::{Seg, Word};
use super::redact::{self, Secret};
use crate::request::{AuthSpec, HeaderOrigin, Piece, Placement, RequestSpec, Text};
use crate::vars::Scopes;
use std::collections::{BTreeMap, BTreeSet};

/// What becomes of the variables of a request that are not secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Templates {
    /// Their values are written.
    None,
    /// `{{name}}` stays (`--keep-vars`).
    Shell,
    /// `{{name}}` stays as a Hurl variable where Hurl can have it.
    Hurl,
}

pub(crate) struct Renderer<'a> {
    pub scopes: &'a Scopes,
    pub redact: bool,
    pub templates: Templates,
    /// Variables hidden wherever they appear (`--redact`), with why.
    pub secret_vars: BTreeMap<String, String>,
    pub placeholders: Placeholders,
    /// Variables written as Hurl templates, with their values (for a variables file).
    pub hurl_vars: BTreeMap<String, String>,
    /// Dynamic variables Hurl has no function for: their values are written.
    pub fixed_dynamic: BTreeSet<String>,
    /// Variables whose names Hurl cannot have: their values are written.
    pub invalid_names: BTreeSet<String>,
    /// Secret variables written as Hurl templates (`--redact`): passed with `--secret`.
    pub hurl_secrets: BTreeSet<String>,
    /// Names no scope defines that still have a value when the request is sent:
    /// set by a script, or captured (Hurl keeps them as templates).
    pub known: BTreeSet<String>,
}

/// A Hurl variable name: letters, digits, `_` and `-`.
pub fn hurl_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl<'a> Renderer<'a> {
    pub fn new(scopes: &'a Scopes, redact: bool, templates: Templates) -> Self {
        Renderer {
            scopes,
            redact,
            templates,
            secret_vars: BTreeMap::new(),
            placeholders: Placeholders::default(),
            hurl_vars: BTreeMap::new(),
            fixed_dynamic: BTreeSet::new(),
            invalid_names: BTreeSet::new(),
            hurl_secrets: BTreeSet::new(),
            known: BTreeSet::new(),
        }
    }

    /// Where a secret variable's value comes from, for the script's header.
    fn secret_origin(&self, name: &str) -> String {
        if let Some(why) = self.secret_vars.get(name) {
            return why.clone();
        }
        let s = self.scopes;
        let label = [
            (&s.environment, "environment"),
            (&s.globals, "globals"),
            (&s.collection, "collection"),
        ]
        .into_iter()
        .find(|(scope, _)| scope.is_secret(name))
        .map(|(_, l)| l)
        .unwrap_or("run");
        format!("{{{{{name}}}}}, a secret variable of the {label}")
    }

    /// The word for a text: literal pieces as they are, variables as the options say.
    pub fn word(&mut self, t: &Text) -> Word {
        let mut w = Word::default();
        for p in &t.pieces {
            let v = match p {
                Piece::Literal(s) => {
                    w.push_lit(s);
                    continue;
                }
                Piece::Variable(v) => v,
            };
            let secret = self.redact
                && !v.name.starts_with('$')
                && (v.secret || self.secret_vars.contains_key(&v.name));
            let hide = |r: &mut Self, w: &mut Word| {
                let origin = r.secret_origin(&v.name);
                let env = r.placeholders.variable(&v.name, || origin);
                w.push_var(&env);
            };
            match self.templates {
                Templates::None if secret => hide(self, &mut w),
                Templates::None => w.push_lit(&v.value),
                // A template shows no value: it hides a secret already.
                Templates::Shell => w.push_tpl(&v.name),
                Templates::Hurl => {
                    let has_value_then =
                        v.defined || hurl_name(&v.name) && self.known.contains(&v.name);
                    if !has_value_then {
                        // Sent literally, as run sends it; the Hurl writer escapes it.
                        w.push_lit(&v.value);
                    } else if matches!(v.name.as_str(), "$guid" | "$randomUUID") {
                        w.push_tpl("newUuid");
                    } else if v.name.starts_with('$') {
                        self.fixed_dynamic.insert(v.name.clone());
                        w.push_lit(&v.value);
                    } else if hurl_name(&v.name) {
                        if secret {
                            self.hurl_secrets.insert(v.name.clone());
                        } else if v.defined {
                            self.hurl_vars.insert(v.name.clone(), v.value.clone());
                        }
                        w.push_tpl(&v.name);
                    } else if secret {
                        hide(self, &mut w);
                    } else {
                        self.invalid_names.insert(v.name.clone());
                        w.push_lit(&v.value);
                    }
                }
            }
        }
        w
    }

    /// The word for a text whose `secrets` stretches are hidden (with `--redact`):
    /// a stretch that is a secret variable keeps that variable's placeholder, any
    /// other gets one named after its field.
    pub fn word_hiding(&mut self, t: &Text, secrets: &[Secret], title: &str, place: &str) -> Word {
        if !self.redact || secrets.is_empty() {
            return self.word(t);
        }
        let len = t.value().len();
        let mut w = Word::default();
        let mut at = 0;
        for s in secrets {
            if s.range.start < at {
                continue;
            }
            w.append(self.word(&t.slice(at..s.range.start)));
            let part = t.slice(s.range.clone());
            let all_secret_vars = !part.pieces.is_empty()
                && part.pieces.iter().all(|p| match p {
                    Piece::Variable(v) => v.secret || self.secret_vars.contains_key(&v.name),
                    Piece::Literal(_) => false,
                });
            if all_secret_vars {
                w.append(self.word(&part));
            } else {
                let env = self
                    .placeholders
                    .literal(&env_name(&s.field), &part.value(), || {
                        format!("'{}' in '{title}' ({place})", s.field)
                    });
                w.push_var(&env);
            }
            at = s.range.end;
        }
        w.append(self.word(&t.slice(at..len)));
        w
    }

    /// A credential of the auth: with `--redact`, a literal value gets a placeholder
    /// named after the auth's parameter.
    pub fn credential(&mut self, t: &Text, kind: &str, param: &str, title: &str) -> Word {
        if self.redact && t.is_literal() && !t.is_empty() {
            let env = self.placeholders.literal(
                &redact::auth_placeholder(kind, param),
                &t.value(),
                || format!("the {kind} auth {param} of '{title}'"),
            );
            let mut w = Word::default();
            w.push_var(&env);
            return w;
        }
        self.word(t)
    }

    /// The URL as the client sends it, without its fragment.
    pub fn url(&mut self, spec: &RequestSpec, title: &str) -> Word {
        let full = spec.url.text.value();
        let end = full.find('#').unwrap_or(full.len());
        let text = spec.url.text.slice(0..end);
        let mut secrets = Vec::new();
        if self.redact {
            secrets = redact::query_secrets(&full[..end]);
            // The query parameter an auth added ends the URL.
            let added = match &spec.auth {
                AuthSpec::ApiKey {
                    value,
                    placement: Placement::Query,
                    ..
                } => Some((value, "api_key")),
                AuthSpec::OAuth2 {
                    token,
                    placement: Placement::Query,
                    ..
                } => Some((token, "access_token")),
                _ => None,
            };
            if let Some((value, field)) = added {
                let encoded = value.map_all(crate::request::body::form_encode).value();
                if value.is_literal() && !encoded.is_empty() && full[..end].ends_with(&encoded) {
                    secrets.retain(|s| s.range.end != end);
                    secrets.push(Secret {
                        range: end - encoded.len()..end,
                        field: field.into(),
                    });
                }
            }
            secrets.sort_by_key(|s| s.range.start);
        }
        let w = self.word_hiding(&text, &secrets, title, "query string, URL-encoded");
        if let Some(lit) = w.as_lit() {
            // As the client parses it: dot segments, host case, IDNA.
            return Word::lit(match crate::request::url::parse(&lit) {
                Ok(u) => u.to_string(),
                Err(_) => lit,
            });
        }
        if w.0.iter().any(|s| matches!(s, Seg::Tpl(_))) {
            // `{{base}}/x` stays a template, without the `http://` building put in front.
            if spec.url.scheme_added {
                if let [Seg::Lit(l), Seg::Tpl(_), ..] = w.0.as_slice() {
                    if l == "http://" {
                        return Word(w.0[1..].to_vec());
                    }
                }
            }
            return w;
        }
        normalized(w)
    }

    /// The Basic credentials to write as such (`-u user:password`), when the
    /// `Authorization` header's value cannot be written as it is sent: its
    /// credentials are hidden or kept as templates.
    pub fn basic_credentials(&mut self, spec: &RequestSpec, title: &str) -> Option<(Word, Word)> {
        let AuthSpec::Basic { username, password } = &spec.auth else {
            return None;
        };
        spec.headers.iter().find(|h| h.origin.is_auth())?;
        let user = self.credential(username, "basic", "username", title);
        let pass = self.credential(password, "basic", "password", title);
        if user.as_lit().is_some() && pass.as_lit().is_some() {
            return None;
        }
        Some((user, pass))
    }

    /// The headers as the client writes them, in its order, with where each comes
    /// from. An auth header that [`Renderer::basic_credentials`] writes otherwise is
    /// left out.
    pub fn headers(&mut self, spec: &RequestSpec, title: &str) -> Vec<(Word, Word, HeaderOrigin)> {
        let names: Vec<String> = spec.headers.iter().map(|h| h.name.value()).collect();
        let basic_as_credentials = self.basic_credentials(spec, title).is_some();
        let mut out = Vec::new();
        for i in header_order(&names) {
            let h = &spec.headers[i];
            if h.origin.is_auth() && basic_as_credentials {
                continue;
            }
            // Names as written: the client sends them so, and curl and HTTPie too.
            let name = self.word(&h.name);
            let value = match h.origin {
                HeaderOrigin::Auth | HeaderOrigin::UrlCredentials => {
                    self.auth_header_value(spec, &h.value, title)
                }
                HeaderOrigin::Written if self.redact && redact::is_credential(&names[i]) => {
                    let v = h.value.value();
                    // `Authorization: Bearer abc`: the scheme stays readable.
                    let scheme = names[i].to_ascii_lowercase().ends_with("authorization");
                    let start = match v.split_once(' ') {
                        Some((s, _)) if scheme && !s.is_empty() && s.len() < 16 => s.len() + 1,
                        _ => 0,
                    };
                    let secret = Secret {
                        range: start..v.len(),
                        field: names[i].clone(),
                    };
                    let secrets: Vec<Secret> = if start < v.len() {
                        vec![secret]
                    } else {
                        Vec::new()
                    };
                    self.word_hiding(&h.value, &secrets, title, "header")
                }
                _ => self.word(&h.value),
            };
            out.push((name, value, h.origin));
        }
        out
    }

    fn auth_header_value(&mut self, spec: &RequestSpec, value: &Text, title: &str) -> Word {
        match &spec.auth {
            AuthSpec::Bearer { token } => {
                let mut w = Word::lit("Bearer ");
                w.append(self.credential(token, "bearer", "token", title));
                w
            }
            AuthSpec::ApiKey { value, .. } => self.credential(value, "apikey", "value", title),
            AuthSpec::OAuth2 { token, prefix, .. } => {
                let mut w = self.word(prefix);
                w.push_lit(" ");
                w.append(self.credential(token, "oauth2", "accessToken", title));
                // As built: leading white space of an empty prefix is not sent.
                if let Some(Seg::Lit(l)) = w.0.first_mut() {
                    *l = l.trim_start().to_string();
                }
                w
            }
            _ => self.word(value),
        }
    }
}

/// A URL holding placeholders, normalised as the client would normalise it once
/// they are set: each stands in as a word of letters (which no step changes) for
/// the parse, and is put back after.
fn normalized(w: Word) -> Word {
    let display = w.display().to_ascii_lowercase();
    let stand_in = |i: usize| format!("zqplaceholder{i}qz");
    if (0..w.0.len()).any(|i| display.contains(&stand_in(i))) {
        return w;
    }
    let mut text = String::new();
    let mut vars = Vec::new();
    for s in &w.0 {
        match s {
            Seg::Lit(l) => text.push_str(l),
            Seg::Var(_) | Seg::Tpl(_) => {
                text.push_str(&stand_in(vars.len()));
                vars.push(s.clone());
            }
        }
    }
    let Ok(url) = crate::request::url::parse(&text) else {
        return w;
    };
    let mut rest = url.to_string();
    let mut out = Word::default();
    for (i, seg) in vars.into_iter().enumerate() {
        let Some((before, after)) = rest.split_once(&stand_in(i)) else {
            return w;
        };
        out.push_lit(before);
        out.0.push(seg);
        rest = after.to_string();
    }
    out.push_lit(&rest);
    out
}

/// The order an exported command writes headers in: a repeated name's lines
/// together, at the place of its first one, as curl and HTTPie keep them.
/// Indexes into `names`.
fn header_order(names: &[String]) -> Vec<usize> {
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        let lower = n.to_ascii_lowercase();
        if !seen.contains(&lower) {
            seen.push(lower);
        }
    }
    seen.iter()
        .flat_map(|name| {
            names
                .iter()
                .enumerate()
                .filter(move |(_, n)| n.eq_ignore_ascii_case(name))
                .map(|(i, _)| i)
        })
        .collect()
}
