//! Turning a collection request into the request that is sent: variables, auth
//! inheritance, body, URL encoding and per-request settings, as a structured
//! [`RequestSpec`] that remembers which `{{variable}}` gave which text.
//! [`crate::http`] writes it to the wire; [`crate::export`] writes it as commands.

pub mod auth;
pub mod body;
pub mod check;
pub mod settings;
pub mod spec;
pub mod text;
pub mod url;

use crate::collection::{Collection, Header, Item, Request};
use crate::vars::Scopes;

pub use body::{BodyError, FileAccess};
pub use check::Refusal;
pub use settings::{behavior, settings_for, RequestSettings};
pub use spec::{
    AuthSpec, BodySpec, FileRef, HeaderOrigin, HeaderSpec, Part, PartContent, Placement,
    RequestSpec, UrlSpec,
};
pub use text::{Piece, Text, Variable};
pub use url::UrlError;

/// Methods whose body Postman drops unless `disableBodyPruning` is set.
const METHODS_WITHOUT_BODY: &[&str] = &["GET", "HEAD", "COPY", "PURGE", "UNLOCK"];
/// Methods Node sends without any body when none is given (no `Content-Length`).
const METHODS_WITHOUT_EMPTY_BODY: &[&str] =
    &["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

pub fn user_agent() -> String {
    format!("postie/{}", env!("CARGO_PKG_VERSION"))
}

/// A variable reference that no scope defined when the request was built.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved {
    pub name: String,
    /// Which part of the request: "url", "header Authorization", "body", "auth basic", …
    pub part: String,
    /// Why a name that is there gives no value ("disabled in the environment",
    /// "null in the data file"): newman would use the first and not the second.
    pub why: Option<&'static str>,
}

/// Everything around a request that decides how it is built.
pub struct BuildContext<'a> {
    pub collection: &'a Collection,
    /// Folders above the item, outermost first.
    pub parents: &'a [&'a Item],
    pub scopes: &'a Scopes,
    pub files: &'a FileAccess,
    /// The run's defaults, before `protocolProfileBehavior`.
    pub settings: &'a RequestSettings,
}

/// A request ready to send, and what did not resolve while building it.
#[derive(Debug, Clone)]
pub struct Built {
    pub spec: RequestSpec,
    pub unresolved: Vec<Unresolved>,
    /// Things the user should know (an auth type postie cannot compute, …).
    pub notes: Vec<Note>,
}

/// A warning about the request, in newman's words where newman warns too.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: String,
    /// newman prints it before the request line (while it authorizes the
    /// request) rather than while sending.
    pub before_sending: bool,
}

impl Note {
    fn while_sending(text: String) -> Note {
        Note {
            text,
            before_sending: false,
        }
    }
}

impl Built {
    /// The auth's handshake with the server, when it answers a challenge
    /// (digest without a nonce, NTLM): the client sends the request again.
    pub fn handshake(&self) -> Option<auth::Handshake> {
        match &self.spec.auth {
            AuthSpec::Signed { kind, params } if kind == "ntlm" => {
                let get = |k: &str| {
                    params
                        .iter()
                        .find(|(n, _)| n == k)
                        .map(|(_, v)| v.value())
                        .unwrap_or_default()
                };
                Some(auth::Handshake::ntlm(auth::ntlm::Credentials::new(
                    &get("username"),
                    &get("password"),
                    &get("domain"),
                    &get("workstation"),
                )))
            }
            AuthSpec::Digest { params, .. } => Some(auth::Handshake::digest(
                params.iter().map(|(k, v)| (k.clone(), v.value())).collect(),
            )),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Body(#[from] BodyError),
}

fn is_content_type(h: &HeaderSpec) -> bool {
    h.name.value().eq_ignore_ascii_case("content-type")
}

/// Builds the request of `item` as it will be sent, files read.
pub fn build(request: &Request, item: &Item, ctx: &BuildContext<'_>) -> Result<Built, BuildError> {
    let mut built = unsigned(request, item, ctx);
    body::read_files(&mut built.spec.body, ctx.files)?;
    sign(&mut built);
    Ok(built)
}

/// Builds the request of `item` as it will be sent, files located but not read
/// (what an export needs: it names them).
pub fn prepare(request: &Request, item: &Item, ctx: &BuildContext<'_>) -> Built {
    let mut built = unsigned(request, item, ctx);
    sign(&mut built);
    built
}

/// Computes a signed auth from the request as built (its body read, when sent).
fn sign(built: &mut Built) {
    if let Some(note) = auth::sign(&mut built.spec) {
        built.notes.push(Note::while_sending(note));
    }
}

/// The request of `item` with every part but a signed auth's.
fn unsigned(request: &Request, item: &Item, ctx: &BuildContext<'_>) -> Built {
    let mut unresolved: Vec<Unresolved> = Vec::new();
    let scopes = ctx.scopes;
    let note = |t: &Text, part: &str, unresolved: &mut Vec<Unresolved>| {
        for name in t.unresolved() {
            if !unresolved.iter().any(|u| u.name == name && u.part == part) {
                unresolved.push(Unresolved {
                    why: scopes.why_unresolved(&name),
                    name,
                    part: part.to_string(),
                });
            }
        }
    };
    let behavior = behavior(ctx.collection, ctx.parents, item);
    let settings = settings_for(ctx.settings, &behavior);
    let mut notes = Vec::new();

    let encode_url = settings::flag(&behavior, "disableUrlEncoding") != Some(true);
    let built_url = url::build_url(&request.url, scopes, encode_url);
    note(&built_url.text, "url", &mut unresolved);
    let (mut url_text, scheme_added) = (built_url.text, built_url.scheme_added);
    let mut shown = built_url.shown;

    let mut headers: Vec<HeaderSpec> = Vec::new();
    for h in request
        .header
        .iter()
        .filter(|h: &&Header| !h.disabled && !h.key.trim().is_empty())
    {
        let name = scopes.resolve_text(&h.key);
        let value = scopes.resolve_text(&h.value);
        let part = format!("header {}", name.value());
        note(&name, &part, &mut unresolved);
        note(&value, &part, &mut unresolved);
        headers.push(HeaderSpec {
            name,
            value,
            origin: HeaderOrigin::Written,
        });
    }
    let has = |headers: &[HeaderSpec], name: &str| {
        headers
            .iter()
            .any(|h| h.name.value().eq_ignore_ascii_case(name))
    };

    let method = scopes
        .resolve_text(&request.method)
        .map_all(|m| m.to_ascii_uppercase());
    let method_value = method.value();
    let mut body_spec = BodySpec::None;
    let mut late_content_type = None;
    if let Some(b) = &request.body {
        let prune = METHODS_WITHOUT_BODY.contains(&method_value.as_str())
            && settings::flag(&behavior, "disableBodyPruning") != Some(true);
        if !prune {
            let mut texts = Vec::new();
            let (spec, content_type) = body::spec(b, ctx.files, &mut |t: &str| {
                let r = scopes.resolve_text(t);
                texts.push(r.clone());
                r
            });
            for t in &texts {
                note(t, "body", &mut unresolved);
            }
            let mut spec = spec;
            if let BodySpec::Raw(raw) = &spec {
                if body::json_comments_apply(b, headers.iter().find(|h| is_content_type(h))) {
                    spec = BodySpec::Raw(body::strip_json_comments(raw));
                }
            }
            if let Some(ct) = content_type {
                let multipart = matches!(spec, BodySpec::Multipart(_));
                let explicit = headers.iter_mut().find(|h| is_content_type(h));
                match explicit {
                    // A multipart boundary must match the body's, whatever the header said.
                    Some(h) if multipart && h.value.value().starts_with("multipart/") => {
                        h.value = Text::literal(ct);
                        h.origin = HeaderOrigin::Body;
                    }
                    Some(_) => {}
                    None => {
                        let header = HeaderSpec {
                            name: Text::literal("Content-Type"),
                            value: Text::literal(ct),
                            origin: HeaderOrigin::Body,
                        };
                        // newman builds a JSON raw body (to strip its comments)
                        // before the auth runs, and that adds its content type;
                        // other bodies' comes when sending, after the auth's headers.
                        if body::built_before_auth(b) {
                            headers.push(header);
                        } else {
                            late_content_type = Some(header);
                        }
                    }
                }
            }
            body_spec = spec;
        }
    }
    let mut auth_spec = AuthSpec::None;
    if let Some(a) = auth::effective(
        request.auth.as_ref(),
        ctx.parents,
        ctx.collection.auth.as_ref(),
    ) {
        let part = format!("auth {}", a.kind);
        let mut params = Vec::new();
        auth_spec = auth::spec(a, &mut |key: &str| {
            let t = scopes.resolve_text(&a.text(key));
            params.push(t.clone());
            t
        });
        if let AuthSpec::Unsupported { kind, .. } = &auth_spec {
            // newman's words, once before sending and once while sending, as it warns.
            let warning = format!("runtime: could not find a handler for auth: {kind}");
            notes.push(Note {
                text: warning.clone(),
                before_sending: true,
            });
            notes.push(Note::while_sending(warning));
        } else {
            for t in &params {
                note(t, &part, &mut unresolved);
            }
        }
        // The auth's header replaces one the request sets itself, and goes after
        // the request's own (newman's authorizers remove, then add).
        if let Some((name, value)) = auth::header(&auth_spec) {
            let n = name.value();
            headers.retain(|h| !h.name.value().eq_ignore_ascii_case(&n));
            headers.push(HeaderSpec {
                name,
                value,
                origin: HeaderOrigin::Auth,
            });
        }
        if let Some((k, v)) = auth::query(&auth_spec) {
            let value = url_text.value();
            let hash = value.find('#').unwrap_or(value.len());
            let sep = if value.contains('?') { "&" } else { "?" };
            url_text = Text::concat([
                url_text.slice(0..hash),
                Text::literal(sep),
                k.map_all(|k| url::encode_added_query(k, true)),
                Text::literal("="),
                v.map_all(|v| url::encode_added_query(v, false)),
                url_text.slice(hash..value.len()),
            ]);
            // As postman-collection writes an added parameter: `&` and `#` escaped.
            let hash = shown.find('#').unwrap_or(shown.len());
            let sep = if shown[..hash].contains('?') {
                "&"
            } else {
                "?"
            };
            let param = format!(
                "{sep}{}={}",
                url::escape_separators(&k.value(), true),
                url::escape_separators(&v.value(), false)
            );
            shown.insert_str(hash, &param);
        }
    }

    headers.extend(late_content_type);

    // Node (and so newman) sends an empty body, with `Content-Length: 0`, for every
    // method but these.
    if body_spec == BodySpec::None && !METHODS_WITHOUT_EMPTY_BODY.contains(&method_value.as_str()) {
        body_spec = BodySpec::Empty;
    }

    // `user:password@` in the URL is Basic auth, unless an auth or a header already
    // says how to authorise (postman-request's rule).
    let credentials = built_url.credentials;
    if let Some((username, password)) = credentials {
        if !has(&headers, "authorization") {
            let basic = AuthSpec::Basic { username, password };
            if let Some((name, value)) = auth::header(&basic) {
                headers.push(HeaderSpec {
                    name,
                    value,
                    origin: HeaderOrigin::UrlCredentials,
                });
            }
            if auth_spec == AuthSpec::None {
                auth_spec = basic;
            }
        }
    }

    for (name, value) in [
        ("User-Agent", user_agent()),
        ("Accept", "*/*".to_string()),
        // Said explicitly, so that every client an export is written for (HTTPie adds
        // `identity` when nothing is said) sends the same headers.
        ("Accept-Encoding", "identity".to_string()),
    ] {
        if !has(&headers, name) {
            headers.push(HeaderSpec {
                name: Text::literal(name),
                value: Text::literal(value),
                origin: HeaderOrigin::Default,
            });
        }
    }

    Built {
        spec: RequestSpec {
            method,
            url: UrlSpec {
                text: url_text,
                scheme_added,
                shown,
            },
            headers,
            auth: auth_spec,
            body: body_spec,
            settings,
        },
        unresolved,
        notes,
    }
}
